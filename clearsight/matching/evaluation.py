"""Measuring the engine against labelled data: precision and recall at the engine's thresholds.

Used by bench/matching.py (which prints the figures) and by the integration tests (which assert
floors, so that a change that makes matching worse fails). No Django here.
"""

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from . import engine
from .company_register import read_register


def data_root() -> Path:
    return Path(__file__).resolve().parents[3] / "shared" / "data"


@dataclass
class Figures:
    label: str
    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int = 0

    @property
    def precision(self):
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self):
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 0.0

    def line(self):
        return (f"{self.label}: precision {self.precision:.3f}, recall {self.recall:.3f} "
                f"(true positives {self.true_positives}, false positives {self.false_positives}, "
                f"false negatives {self.false_negatives}, true negatives {self.true_negatives})")


def labelled_pairs(path=None):
    """[(record, record, is_match)] from Open Supply Hub's dedupe training file."""
    path = path or data_root() / "open-supply-hub-matching" / "dedupe_training.json"
    data = json.loads(Path(path).read_text())
    pairs = []
    for label, is_match in (("match", True), ("distinct", False)):
        for item in data[label]:
            a, b = item["__value__"]
            pairs.append((engine.Record(a["id"], a["name"], a.get("address", ""), country=a.get("country", "")),
                          engine.Record(b["id"], b["name"], b.get("address", ""), country=b.get("country", "")),
                          is_match))
    return pairs


def evaluate_pairs(pairs, threshold):
    tp = fp = fn = tn = 0
    for a, b, is_match in pairs:
        predicted = engine.score_pair(a, b).probability >= threshold
        tp += predicted and is_match
        fp += predicted and not is_match
        fn += (not predicted) and is_match
        tn += (not predicted) and not is_match
    return tp, fp, fn, tn


def labelled_pair_figures(path=None):
    """Figures at CONFIDENT (applied without asking) and at POSSIBLE (applied or sent for review)."""
    pairs = labelled_pairs(path)
    return [Figures(f"Labelled pairs, {name} (p >= {threshold})", *evaluate_pairs(pairs, threshold))
            for name, threshold in (("applied automatically", engine.CONFIDENT),
                                    ("applied or sent for review", engine.POSSIBLE))]


def register_records(paths=None):
    paths = paths or [data_root() / "uk-msr-registry-reference" / name for name in
                      ("MSU-ImportPrivateOrganisations.csv", "MSU-ImportPublicOrganisations.csv")]
    records = []
    for path in paths:
        rows, _ = read_register(Path(path).read_bytes())
        records += [engine.Record((r.company_number, len(records) + i), r.name, r.address, r.postcode, r.company_number)
                    for i, r in enumerate(rows) if r.company_number]
    return records


def salford_contracts(path=None):
    """[(record, true company number)] for the Salford contracts that give a company number."""
    path = path or data_root() / "salford-contract-register" / "salford_CONTRACT_REGISTER_clean_2022-07.csv"
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for i, row in enumerate(rows, start=2):
        number = engine.normalise_company_number(row.get("Company Number", ""))
        if number:
            out.append((engine.Record(i, row["Supplier Company Name"], postcode=row.get("Supplier Postcode", "")),
                        number))
    return out


def salford_figures(contracts=None, register=None):
    """Matching the Salford contracts' suppliers (name and postcode only: the company number is the
    answer) against the register. A match is right when the matched entry's number is the contract's.

    Returns figures over all contracts with a company number, and over those whose number is in
    the register at all (the most any matcher could find), at both thresholds."""
    contracts = contracts if contracts is not None else salford_contracts()
    register = register if register is not None else register_records()
    index = engine.CandidateIndex(register)
    in_register = {r.company_n for r in register}
    results = []
    for name, threshold in (("applied automatically", engine.CONFIDENT), ("applied or sent for review", engine.POSSIBLE)):
        automatic = threshold == engine.CONFIDENT
        for scope, subset in (("all contracts with a company number", contracts),
                              ("contracts whose number is in the register", [c for c in contracts if c[1] in in_register])):
            tp = fp = fn = 0
            for record, number in subset:
                match = index.best_match(record)
                if match is not None and (match.confident if automatic else match.score.probability >= threshold):
                    if match.right.company_n == number:
                        tp += 1
                    else:
                        fp += 1
                        fn += 1
                else:
                    fn += 1
            results.append(Figures(f"Salford, {scope}, {name} (p >= {threshold}{', unambiguous' if automatic else ''})", tp, fp, fn))
    return results
