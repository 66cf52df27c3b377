"""Measuring matching against labelled data: precision and recall, applied automatically and applied
or sent for review (the top candidate only), and how often a review's top suggestion is right, for
the Splink linker (linker.py) and the old fixed-weight engine (engine.py) side by side.

Labelled sets, read from the shared data folder beside the repository (never copied in):

* Salford: the contract register's suppliers (name and postcode; the company number is the answer)
  matched against the company register loaded from the Modern Slavery Statement Registry's lists.
  A match is right when it finds the contract's own company number. Recall is measured on the
  contracts whose number is in the register at all ("present").
* Open Supply Hub: labelled pairs of facility records (the same facility or not), scored pair by pair.
* Spend files that publish company numbers beside payee names: none of those in the shared data do
  (Lambeth publishes payee and amount; Oxford payee, an internal supplier ID and amount).
* Payee names labelled by hand (``PAYEE_SETS``, labels/README.md). A payee drawn from Oxford's files
  carries the other names those files paid under its supplier ID (``supplier_number_names``), as a
  spend import gives them to register matching (account_names.py).

Each set is split, by a fixed seed, into a tuning part and a held-out part (HELD_OUT of it), whose
figures are printed separately: the parameters and thresholds were chosen looking at the tuning
part only. Used by bench/matching.py (which prints) and the integration tests (which assert floors).
No Django here.
"""

import csv
import json
import random
import time
from dataclasses import dataclass
from pathlib import Path

from . import engine, linker
from .account_names import other_names
from .company_register import read_register

HELD_OUT = 0.3
SEED = 2026


def data_root() -> Path:
    return Path(__file__).resolve().parents[3] / "shared" / "data"


def split(items, seed=SEED):
    """(tuning, held out): a fixed, seeded HELD_OUT share of the items kept out of tuning."""
    items = list(items)
    order = list(range(len(items)))
    random.Random(seed).shuffle(order)
    cut = round(len(items) * HELD_OUT)
    held = set(order[:cut])
    return [x for i, x in enumerate(items) if i not in held], [x for i, x in enumerate(items) if i in held]


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


@dataclass
class Review:
    label: str
    right: int
    total: int
    shown: int | None = None  # suggestions with the right answer among the candidates a person sees

    @property
    def share(self):
        return self.right / self.total if self.total else 0.0

    def line(self):
        among = "" if self.shown is None else f"; the right one among those shown {self.shown} of {self.total}"
        return f"{self.label}: top suggestion right {self.right} of {self.total} ({self.share:.0%}){among}"


@dataclass
class Outcome:
    """What a matcher did with one left record: its suggestion (the top candidate's answer, or None when
    it suggests "none of these": linker.Ranked.suggests_none), whether it would be applied without a
    person, and the answers of every candidate a person is shown (best first)."""

    answer: object
    confident: bool
    shown: tuple = ()


def _review(label, outcomes, items, right):
    """The review suggestions' figures: ``right(outcome answer, label)`` says whether an answer is right."""
    reviewed = [(outcomes[record.key], truth) for record, truth in items
                if record.key in outcomes and not outcomes[record.key].confident]
    shown = [right(outcome.answer, truth) or any(right(answer, truth) for answer in outcome.shown)
             for outcome, truth in reviewed]
    return Review(f"{label}, sent for review", sum(right(outcome.answer, truth) for outcome, truth in reviewed),
                  len(reviewed), sum(shown) if all(outcome.shown for outcome, _ in reviewed) else None)


# --- Open Supply Hub pairs ----------------------------------------------------------------------------

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


def _pair_figures(label, outcomes, pairs):
    """outcomes: [(may be applied automatically, sent for review, the review suggesting they are the same
    organisation rather than "none of these")] per pair."""
    figures = []
    for name, predicted in (("applied automatically", lambda auto, sent, suggested: auto),
                            ("applied or suggested in a review", lambda auto, sent, suggested: auto or suggested)):
        tp = fp = fn = tn = 0
        for outcome, (_, _, is_match) in zip(outcomes, pairs):
            yes = predicted(*outcome)
            tp += yes and is_match
            fp += yes and not is_match
            fn += (not yes) and is_match
            tn += (not yes) and not is_match
        figures.append(Figures(f"{label}, {name}", tp, fp, fn, tn))
    reviewed = [suggested == is_match for (auto, sent, suggested), (_, _, is_match) in zip(outcomes, pairs) if sent]
    return figures, Review(f"{label}, sent for review", sum(reviewed), len(reviewed))


def pair_outcomes(pairs, matcher):
    if matcher == "splink":
        scored = linker.score_pairs([(a, b) for a, b, _ in pairs])
        ranked = [linker.Ranked(a, [c]) if c else None for c, (a, _, _) in zip(scored, pairs)]
        return [(r.confident, not r.confident and r.best.probability >= engine.POSSIBLE,
                 not r.confident and r.best.probability >= engine.POSSIBLE and not r.suggests_none)
                if r else (False, False, False) for r in ranked]
    return [(s.confident, not s.confident and s.probability >= engine.POSSIBLE,
             not s.confident and s.probability >= engine.POSSIBLE)
            for s in (engine.score_pair(a, b) for a, b, _ in pairs)]


def labelled_pair_figures(path=None, matcher="splink", part="all"):
    """Figures at CONFIDENT (applied without asking) and at POSSIBLE (applied or suggested in a review)."""
    pairs = labelled_pairs(path)
    if part != "all":
        pairs = split(pairs)[0 if part == "tuning" else 1]
    figures, _ = _pair_figures(f"Open Supply Hub pairs ({part})", pair_outcomes(pairs, matcher), pairs)
    return figures


def pair_report(path=None, matcher="splink"):
    """{part: (figures, review, seconds)} for the tuning and held-out parts."""
    pairs = labelled_pairs(path)
    report = {}
    for part, subset in zip(("tuning", "held out"), split(pairs)):
        started = time.perf_counter()
        outcomes = pair_outcomes(subset, matcher)
        seconds = time.perf_counter() - started
        figures, review = _pair_figures(f"Open Supply Hub pairs, {part}", outcomes, subset)
        report[part] = (figures, review, seconds)
    return report


# --- Salford contracts against the company register ------------------------------------------------

def register_records(paths=None):
    paths = paths or [data_root() / "uk-msr-registry-reference" / name for name in
                      ("MSU-ImportPrivateOrganisations.csv", "MSU-ImportPublicOrganisations.csv")]
    records = []
    for path in paths:
        rows, _ = read_register(Path(path).read_bytes())
        records += [engine.Record((r.company_number, len(records) + i), r.name, r.address, r.postcode, r.company_number,
                                  former_names=tuple(r.former_names))
                    for i, r in enumerate(rows) if r.company_number]
    return records


def salford_contracts(path=None):
    """[(record, true company number)] for the Salford contracts that give a company number (one per
    supplier name and number: a supplier with several contracts is one labelled record)."""
    path = path or data_root() / "salford-contract-register" / "salford_CONTRACT_REGISTER_clean_2022-07.csv"
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out, seen = [], set()
    for i, row in enumerate(rows, start=2):
        number = engine.normalise_company_number(row.get("Company Number", ""))
        same = (" ".join(row["Supplier Company Name"].lower().split()), number)
        if number and same not in seen:  # a supplier's later contracts would count it again (in both parts)
            seen.add(same)
            out.append((engine.Record(i, row["Supplier Company Name"], postcode=row.get("Supplier Postcode", "")),
                        number))
    return out


def salford_outcomes(contracts, register, matcher="splink", parameters=None):
    """{left key: Outcome} (the answer is the top candidate's company number)."""
    left = [record for record, _ in contracts]
    if matcher == "splink":
        found = linker.rank(left, register, parameters=parameters)
        return {key: Outcome(None if ranked.suggests_none else ranked.best.record.company_n, ranked.confident,
                             tuple(c.record.company_n for c in ranked.candidates)) for key, ranked in found.items()}
    found = engine.best_matches(left, engine.CandidateIndex(register))
    return {key: Outcome(match.right.company_n, match.confident) for key, match in found.items()}


def salford_figures_from(outcomes, contracts, register, label):
    """Figures over the contracts whose number is in the register ("present"), and over all contracts
    with a company number, at both thresholds; and the review suggestions' share right."""
    in_register = {r.company_n for r in register}
    results = []
    for name, automatic in (("applied automatically", True), ("applied or suggested in a review", False)):
        for scope, subset in (("present in the register", [c for c in contracts if c[1] in in_register]),
                              ("all contracts with a company number", contracts)):
            tp = fp = fn = 0
            for record, number in subset:
                outcome = outcomes.get(record.key)
                if outcome is not None and outcome.answer is not None and (outcome.confident or not automatic):
                    if outcome.answer == number:
                        tp += 1
                    else:
                        fp += 1
                        fn += 1
                else:
                    fn += 1
            results.append(Figures(f"{label}, {scope}, {name}", tp, fp, fn))
    return results, _review(label, outcomes, contracts,
                            lambda answer, number: answer == number if number in in_register else answer is None)


# --- Labels evidently wrong ------------------------------------------------------------------------------
# Some Salford contracts carry another company's number ("CDW Ltd" with Softcat's, "DRAX" with
# Orsted's, "Seddon Construction Limited" with Seddon Homes' while Seddon Construction Limited is in
# the register too): no name matching can find those. "Labels checked" figures leave out a label whose
# register names (and former names) share nothing with the contract's supplier name: no distinctive
# word (one that at most COMMON_SHARE of the register's names use, of three letters or more, or
# two words beginning with the same STEM letters: "Barclaycard" and "Barclays", or the same letters
# but for spaces: "OpenText" and "Open Text"), no initials (a word
# of one that is the initials of the other: "CEF" and "City Electrical Factors").

COMMON_SHARE = 0.005
STEM = 6
_INITIALS_SKIP = {"and", "of", "the", "for", "in", "on", "at", "to"}


def _initials(tokens):
    return "".join(t[0] for t in tokens if t not in _INITIALS_SKIP)


def _words_related(a, b, common):
    """A distinctive word (or stem) of one name in the other, or the initials of one a word of the other."""
    wa, wb = set(a.split()), set(b.split())
    ca, cb = a.replace(" ", ""), b.replace(" ", "")
    if ca == cb or any(len(x) >= STEM and x not in common and x in cb for x in wa) \
            or any(len(y) >= STEM and y not in common and y in ca for y in wb):
        return True  # "OpenText" and "Open Text"
    for x in wa:
        if len(x) < 3 or x in common:
            continue
        if x in wb or any(len(x) >= STEM and len(y) >= STEM and x[:STEM] == y[:STEM] for y in wb):
            return True
    ia, ib = _initials(a.split()), _initials(b.split())
    return (len(ib) >= 2 and ib in wa) or (len(ia) >= 2 and ia in wb)


def _register_names(register):
    """({number: [(name, [normalised name and former names])]}, {written name: {numbers}}, common
    words) of a register."""
    from clearsight.supply.api import normalise_name, written_name

    numbers_by_written, names_by_number = {}, {}
    word_counts, total = {}, 0
    for record in register:
        numbers_by_written.setdefault(written_name(record.name), set()).add(record.company_n)
        former = [f[0] if isinstance(f, (tuple, list)) else f for f in (record.former_names or ())]
        keys = [normalise_name(n) for n in [record.name, *former]]
        names_by_number.setdefault(record.company_n, []).append((record.name, keys))
        total += 1
        for word in set(keys[0].split()):
            word_counts[word] = word_counts.get(word, 0) + 1
    common = {w for w, c in word_counts.items() if c > total * COMMON_SHARE}
    return names_by_number, numbers_by_written, common


def _related(record, entries, common):
    from clearsight.supply.api import normalise_name

    ours = list(record.names) or [normalise_name(record.name)]
    return any(_words_related(a, b, common) for a in ours for _, keys in entries for b in keys)


def evidently_wrong_labels(contracts, register):
    """[(contract record, number, [register names of that number])] for the contracts whose number
    is in the register but names a company whose names (current and former) share no distinctive
    word, stem or initials with the contract's supplier name; or names another company than the
    register's company of exactly the supplier's name (legal form apart). Companies House does not
    give two companies one name, so "Seddon Construction Limited" labelled with Seddon Homes' number
    while Seddon Construction Limited is in the register is the contract of a group company or a
    reseller, not a name to match."""
    from clearsight.supply.api import written_name

    names_by_number, numbers_by_written, common = _register_names(register)
    wrong = []
    for record, number in contracts:
        entries = names_by_number.get(number)
        if not entries:
            continue
        same_name = numbers_by_written.get(written_name(record.name), set())
        if (same_name and number not in same_name) or not _related(record, entries, common):
            wrong.append((record, number, [name for name, _ in entries]))
    return wrong


def named_elsewhere(contracts, register) -> set:
    """Keys of the contracts whose number is another company's than the register's company of exactly
    the supplier's name (one of evidently_wrong_labels' two reasons; the bench counts them apart, as
    the matcher applies such an exact name without a person)."""
    from clearsight.supply.api import written_name

    _, numbers_by_written, _ = _register_names(register)
    return {record.key for record, number in contracts
            if numbers_by_written.get(written_name(record.name)) and number not in numbers_by_written[written_name(record.name)]}


def mistyped_labels(contracts, register):
    """[(contract record, number as labelled, number meant, [register names of it])] for the contracts
    whose number is in no register entry but differs only in a letter of its prefix from exactly one
    register number whose company's name is related to the supplier's (a distinctive word, stem,
    initials or former name): "ECG Facilities" labelled SG298533, ECG Facilities Services Limited
    being SC298533. Only the letters: a digit off may be a sister company formed the same day."""
    names_by_number, _, common = _register_names(register)
    near = {}
    for number in names_by_number:
        for i in range(len(number)):
            if number[i].isalpha():
                near.setdefault(number[:i] + "?" + number[i + 1:], set()).add(number)
    found = []
    for record, number in contracts:
        if number in names_by_number:
            continue
        close = set().union(*(near.get(number[:i] + "?" + number[i + 1:], set())
                              for i in range(len(number)) if number[i].isalpha()))
        related = [n for n in close if _related(record, names_by_number[n], common)]
        if len(related) == 1:
            found.append((record, number, related[0], [name for name, _ in names_by_number[related[0]]]))
    return found


def checked_labels(contracts, register):
    """(contracts with mistyped numbers corrected and evidently wrong ones left out, left out,
    corrected): the "labels checked" set of the bench."""
    corrected = mistyped_labels(contracts, register)
    meant = {record.key: number for record, _, number, _ in corrected}
    fixed = [(record, meant.get(record.key, number)) for record, number in contracts]
    wrong = evidently_wrong_labels(fixed, register)
    left_out = {record.key for record, _, _ in wrong}
    return [c for c in fixed if c[0].key not in left_out], wrong, corrected


# --- Councils' payees, labelled by hand (labels/README.md) ------------------------------------------
# Payee names drawn by a fixed seed from Oxford City Council's spend files (150 from its distinct names,
# 60 from the 400 paid most often), each labelled by a developer with its company in the same register,
# "absent" or "unsure" (left out), before any matcher was run on them: labels/README.md says how.
# Unlike Salford, most payees are not in the register, so these figures also count the payees that
# must NOT be matched (a sole trader, a charity, "Universal Window Repairs Ltd t/a Radley").

LABELS = Path(__file__).resolve().parent / "labels"


def register_number(raw: str) -> str:
    """A register entry's number as the labels compare it: a company number normalised, or another
    register's number as written (the register gives charities' and societies' numbers too:
    CHA312832, IP28985R), which normalising would blank."""
    return engine.normalise_company_number(raw or "") or (raw or "").strip().upper()


PAYEE_SETS = {"Oxford payees": "oxford-payees.csv", "Lambeth payees": "lambeth-payees.csv",
              "Stockport ratepayers": "stockport-ratepayers.csv", "statement publishers": "bhrrc-publishers.csv",
              "second draw (Lambeth and Oxford)": "second-draw-payees.csv",
              "third draw (Lambeth and Oxford)": "third-draw-payees.csv",
              "fourth draw (Lambeth and Oxford)": "fourth-draw-payees.csv",
              "fifth draw (Lambeth and Oxford)": "fifth-draw-payees.csv",
              "sixth draw (Lambeth and Oxford)": "sixth-draw-payees.csv",
              "seventh draw (Lambeth and Oxford)": "seventh-draw-payees.csv"}


# The council a set's payees were drawn from, where the set has no "council" column.
PAYEE_COUNCILS = {"oxford-payees.csv": "Oxford", "lambeth-payees.csv": "Lambeth"}
OXFORD_SPEND = "oxford-city-council-spend-over-500"


def oxford_payees(path=None):
    return labelled_payees(path or LABELS / PAYEE_SETS["Oxford payees"])


def labelled_payees(path, *, account_names=None):
    """[(record, register number, or "" for a payee not in the register)]; unsure labels left out.
    ``account_names``: {council: {payee name: ((other name, supplier number), ...)}}, the other names
    each council's files pay under a payee's supplier number (``supplier_number_names``), set on the
    records as a spend import sets them; None to read Oxford's (Lambeth publishes no numbers)."""
    path = Path(path)
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if account_names is None:
        account_names = {"Oxford": supplier_number_names()}
    payees = []
    for i, row in enumerate(rows, start=2):
        if row["label"] == "unsure":
            continue
        council = row.get("council") or PAYEE_COUNCILS.get(path.name, "")
        others = account_names.get(council, {}).get(row["payee"], ())
        payees.append((engine.Record(i, row["payee"], account_names=others),
                       register_number(row["company_number"]) if row["label"] == "present" else ""))
    return payees


_number_names = {}


def supplier_number_names(root=None) -> dict:
    """{payee name as written: ((other name, supplier ID), ...)} over Oxford City Council's spend files:
    the other names paid under a payee's supplier ID (account_names.other_names); {} without the files."""
    folder = Path(root or data_root()) / OXFORD_SPEND
    if folder in _number_names:
        return _number_names[folder]
    rows = []
    for path in sorted(folder.glob("*.csv")):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        header = None
        for cells in csv.reader(text.splitlines()):
            if header is None:
                if "Supplier ID" in cells and "Supplier Name" in cells:
                    header = (cells.index("Supplier ID"), cells.index("Supplier Name"))
                continue
            if len(cells) > max(header):
                name = cells[header[1]].strip()
                rows.append((name, "Oxford", cells[header[0]], name))
    _number_names[folder] = other_names(rows)
    return _number_names[folder]


def payee_outcomes(payees, register, matcher="splink"):
    """{left key: Outcome} whose answer is the top candidate's register number (register_number)."""
    left = [record for record, _ in payees]
    if matcher == "splink":
        found = linker.rank(left, register)
        return {key: Outcome(None if ranked.suggests_none else register_number(ranked.best.record.company_number),
                             ranked.confident,
                             tuple(register_number(c.record.company_number) for c in ranked.candidates))
                for key, ranked in found.items()}
    found = engine.best_matches(left, engine.CandidateIndex(register))
    return {key: Outcome(register_number(match.right.company_number), match.confident) for key, match in found.items()}


def payee_figures_from(outcomes, payees, label):
    """Figures over the payees in the register and over all payees (where a payee not in the register
    that is matched at all is a false positive, and one left alone a true negative); and the review
    suggestions' share right (for a payee not in the register, only "none of these" is right)."""
    results = []
    for name, automatic in (("applied automatically", True), ("applied or suggested in a review", False)):
        for scope, subset in (("present in the register", [p for p in payees if p[1]]), ("all payees", payees)):
            tp = fp = fn = tn = 0
            for record, number in subset:
                outcome = outcomes.get(record.key)
                answered = outcome is not None and outcome.answer is not None and (outcome.confident or not automatic)
                if not number:
                    fp += answered
                    tn += not answered
                elif answered and outcome.answer == number:
                    tp += 1
                elif answered:
                    fp += 1
                    fn += 1
                else:
                    fn += 1
            results.append(Figures(f"{label}, {scope}, {name}", tp, fp, fn, tn))
    return results, _review(label, outcomes, payees, lambda answer, number: answer == (number or None))


def payee_report(payees=None, register=None, matcher="splink", label="Oxford payees"):
    """(figures, review, seconds, outcomes) for a set of hand-labelled payees (``PAYEE_SETS``)."""
    payees = payees if payees is not None else labelled_payees(LABELS / PAYEE_SETS[label])
    register = register if register is not None else register_records()
    started = time.perf_counter()
    outcomes = payee_outcomes(payees, register, matcher)
    seconds = time.perf_counter() - started
    figures, review = payee_figures_from(outcomes, payees, label)
    return figures, review, seconds, outcomes


def salford_figures(contracts=None, register=None, matcher="splink"):
    contracts = contracts if contracts is not None else salford_contracts()
    register = register if register is not None else register_records()
    figures, _ = salford_figures_from(salford_outcomes(contracts, register, matcher), contracts, register, "Salford")
    return figures


def salford_report(contracts=None, register=None, matcher="splink", checked=False):
    """{part: (figures, review, seconds)} for the tuning and held-out parts; with ``checked`` also
    {part + ", labels checked": (figures, review, (left out, corrected))}: the same outcomes over the
    contracts whose label is not evidently wrong, mistyped numbers corrected (checked_labels)."""
    contracts = contracts if contracts is not None else salford_contracts()
    register = register if register is not None else register_records()
    report = {}
    for part, subset in zip(("tuning", "held out"), split(contracts)):
        started = time.perf_counter()
        outcomes = salford_outcomes(subset, register, matcher)
        seconds = time.perf_counter() - started
        figures, review = salford_figures_from(outcomes, subset, register, f"Salford, {part}")
        report[part] = (figures, review, seconds)
        if checked:
            kept, wrong, corrected = checked_labels(subset, register)
            figures, review = salford_figures_from(outcomes, kept, register, f"Salford, {part}, labels checked")
            report[f"{part}, labels checked"] = (figures, review, (wrong, corrected))
    return report
