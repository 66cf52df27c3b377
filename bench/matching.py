"""Matching benchmark: precision and recall on the labelled sets, for the Splink linker and the old
fixed-weight engine side by side, each set split into a tuning part and a held-out part (30%, fixed
seed); the time per run; the time of one small call; and the time to match thousands of names.

    .venv/bin/python bench/matching.py [--names 3000] [--no-database]

(a) The Salford contract register: each contract's supplier name and postcode is matched against
    the company register (the Modern Slavery Statement Registry's private and public organisation
    lists, 16,000 numbers); a match is right when it finds the contract's own company number.
    Recall is over the contracts whose number is in the register ("present").
(b) Open Supply Hub's labelled pairs (47 matches, 65 distinct), scored pair by pair.
(c) Oxford City Council's payees (2014-18), 210 drawn by a fixed seed and labelled by hand against the
    same register; unlike (a), it counts matches of payees that are not in the register.
(d) London Borough of Lambeth's payees (2011-12), drawn and labelled the same way, by two labellers
    apart, before any matcher saw them. (No spend file in the shared data publishes company numbers
    beside payee names, so these hand labels stand in for them.)
(e) Stockport Council's business ratepayers, 210 drawn uniformly and labelled the same way: names as a
    council's own systems hold them, most of them small firms that must be left alone.
(f) Organisations that published a modern slavery statement in 2016-17, as they named themselves (the
    Business & Human Rights Resource Centre's registry), 210 drawn uniformly and labelled the same way:
    most are in the register, often written differently or renamed since, so it measures recall.
(g) 200 more names from Lambeth's and Oxford's files, none labelled before, labelled the same way, blind
    (ninth session): names no change to the matcher was made for, when first run.
(h) A third such draw of 200 (tenth session), labelled blind the same way.
(i) A fourth such draw of 200 (twelfth session), labelled blind the same way.
(j) A fifth such draw of 200 (thirteenth session), labelled blind the same way.
(k) A sixth such draw of 185 (thirteenth session, after the changes the fifth led to), labelled blind.
(l) A seventh such draw of 183 (sixteenth session, after the "word written short" level), labelled blind.
A review whose suggestion is "none of these" (the closest candidate more likely another company:
linker.Ranked.suggests_none) counts as no match, and as a right suggestion for a name whose company
is not in the register.
The data is read from ../shared/data (never copied into the repository); the hand labels of (c) to
(l), names with a label each, are in clearsight/matching/labels. Goals (issue 16): precision at
least 0.98 and recall at least 0.95 on companies present in the register; review suggestions right
at least 80% of the time.
"""

import argparse
import dataclasses
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _django():
    import os
    import secrets

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearsight.settings")
    # A key of its own: the settings refuse to load without one outside development.
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    django.setup()


_django()

from clearsight.matching import engine, evaluation, linker  # noqa: E402


def _misspell(name, rng):
    """A spelling of a name a spend file might use."""
    choice = rng.randrange(6)
    if choice == 0:
        return name.upper()
    if choice == 1:
        return name.replace("Limited", "Ltd").replace(" and ", " & ")
    if choice == 2 and len(name) > 8:
        i = rng.randrange(3, len(name) - 1)
        return name[:i] + name[i + 1:]
    if choice == 3:
        return "The " + name.replace("Limited", "").strip()
    if choice == 4:
        return name.replace("Limited", "Ltd.") + " (UK)"
    return "".join(c for c in name if c not in ",.'") + " Limited"


def timing(count):
    register = evaluation.register_records()
    rng = random.Random(5)
    chosen = rng.sample(register, count * 2)
    suppliers = [engine.Record(i, r.name) for i, r in enumerate(chosen[:count])]
    # Half the spend names are other spellings of suppliers, half are businesses not yet known.
    names = [_misspell(r.name, rng) for r in chosen[: count // 2]] + [r.name for r in chosen[count: count + count // 2]]
    started = time.perf_counter()
    index = engine.CandidateIndex(suppliers)
    built = time.perf_counter()
    found = engine.best_matches([engine.Record(n, n) for n in names], index)
    finished = time.perf_counter()
    position = {name: i for i, name in enumerate(names)}
    spelt = [m for m in found.values() if position[m.left.key] < count // 2]
    new = [m for m in found.values() if position[m.left.key] >= count // 2]
    right = sum(m.confident and m.right.key == position[m.left.key] for m in spelt)
    wrong = sum(m.confident and m.right.key != position[m.left.key] for m in spelt)
    print(f"Resolution of {len(names):,} names against {len(suppliers):,} suppliers: index {built - started:.2f} s, "
          f"matching {finished - built:.2f} s, total {finished - started:.2f} s")
    print(f"  of {count // 2:,} other spellings of known suppliers: {right:,} matched confidently to the right one, "
          f"{wrong:,} to a wrong one, {sum(not m.confident for m in spelt):,} sent for review")
    print(f"  of {count - count // 2:,} names of businesses not yet known: {sum(m.confident for m in new):,} matched "
          f"confidently (wrongly) to a supplier, {sum(not m.confident for m in new):,} sent for review")


def database_timing(count):
    """resolve_supplier_names itself, with its database reads and writes, in a throwaway test database."""
    from django.db import connection
    from django.test.utils import setup_test_environment

    from clearsight.core.models import Organisation
    from clearsight.matching.resolve import resolve_supplier_names
    from clearsight.supply.models import Supplier

    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        register = evaluation.register_records()
        rng = random.Random(7)
        chosen = rng.sample(register, count * 2)
        organisation = Organisation.objects.create(name="Bench Council", kind="council")
        Supplier.objects.bulk_create([Supplier(organisation=organisation, name=r.name) for r in chosen[:count]])
        started = time.perf_counter()
        resolve_supplier_names(organisation, [r.name for r in chosen[:count]])  # their own names become aliases
        first = time.perf_counter() - started
        names = [_misspell(r.name, rng) for r in chosen[: count // 2]] + [r.name for r in chosen[count: count + count // 2]]
        started = time.perf_counter()
        resolve_supplier_names(organisation, names)
        second = time.perf_counter() - started
        started = time.perf_counter()
        resolve_supplier_names(organisation, names)
        third = time.perf_counter() - started
        print(f"resolve_supplier_names on {connection.vendor} ({count:,} suppliers): their own names {first:.2f} s; "
              f"{len(names):,} new spellings and businesses {second:.2f} s; the same names again (all known) {third:.2f} s")
        suppliers = [engine.Record(s.pk, s.name) for s in Supplier.objects.filter(organisation=organisation)]
        left = [engine.Record(n, n) for n in names[: count // 10]]
        times = []
        for _ in range(2):
            started = time.perf_counter()
            linker.rank(left, suppliers, organisation=organisation, purpose=linker.SUPPLIER_NAMES)
            times.append((time.perf_counter() - started, linker.last_run))
        print(f"linker.rank with the organisation's stored parameters ({len(left):,} names against {len(suppliers):,} "
              f"suppliers): first run {times[0][0]:.2f} s ({times[0][1].source}, {times[0][1].estimation_seconds:.2f} s "
              f"estimating), next run {times[1][0]:.2f} s ({times[1][1].source})")
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


def _print_report(name, report):
    for part, (figures, review, extra) in report.items():
        if part.endswith("labels checked"):
            continue
        for item in figures:
            print(f"  {name}: {item.line()}")
        print(f"  {name}: {review.line()}")
        print(f"  {name}: {part}: {extra:.2f} s for the run")
    for part, (figures, review, extra) in report.items():
        if not part.endswith("labels checked"):
            continue
        wrong, corrected = extra
        print(f"  {name}: {part} (not the headline: the same run without {len(wrong)} contracts whose number names a "
              "company sharing no distinctive word, stem, initials or former name with the supplier's name, or another "
              "company than the register's company of exactly that name; and with "
              f"{len(corrected)} numbers one character off a related company's corrected):")
        for item in figures:
            if "present in the register" in item.label:
                print(f"  {name}:   {item.line()}")
        print(f"  {name}:   {review.line()}")


def _print_left_out(report, register):
    for part, value in report.items():
        if part.endswith("labels checked"):
            wrong, corrected = value[2]
            elsewhere = evaluation.named_elsewhere([(record, number) for record, number, _ in wrong], register)
            print(f"  Of those left out of '{part}', {len(elsewhere)} because the register has another company of "
                  "exactly the supplier's name (which the matcher applies without a person: the precision of "
                  "'labels checked' owes those to this rule)")
            was = {record.key: number for record, number, _, _ in corrected}
            print(f"  Left out of '{part}' ({len(wrong)}): " + "; ".join(
                f"{record.name!r} labelled {was.get(record.key, number)}"
                f"{f', read as {number}' if record.key in was else ''} ({' / '.join(names)})"
                for record, number, names in wrong))
            print(f"  Corrected in '{part}' ({len(corrected)}): " + "; ".join(
                f"{record.name!r} labelled {number}, meant {meant} ({' / '.join(names)})"
                for record, number, meant, names in corrected))


def parameter_timing(contracts, register):
    """A run that estimates its parameters against one that reuses stored ones (ADR 0032: a spend
    import or register check reuses its organisation's parameters until they are out of date)."""
    left = [record for record, _ in contracts]
    started = time.perf_counter()
    linker.rank(left, register)
    estimating = time.perf_counter() - started
    run = linker.last_run
    started = time.perf_counter()
    linker.rank(left, register, parameters=run.estimated)
    reusing = time.perf_counter() - started
    print(f"Salford ({len(left)} names against {len(register):,} register entries), Splink: {estimating:.2f} s for a run "
          f"that estimates its parameters ({run.estimation_seconds:.2f} s of it estimating: {run.method}); "
          f"{reusing:.2f} s for a run with stored parameters")


def small_call_timing(calls=20):
    """The fixed cost of one call with a handful of records (as a spend import or a test makes)."""
    left = [engine.Record(i, name) for i, name in enumerate(["Kiely Bros Ltd", "Mott MacDonald Ltd", "Marshalls"])]
    right = [engine.Record(i, name) for i, name in enumerate(
        ["Kiely Bros Limited", "Kiely Bros. Holdings Limited", "Mott Macdonald Group Limited", "Marshalls PLC",
         "Acme Services Ltd", "Zenith Care Ltd"])]
    linker.rank(left, right)  # the first call imports Splink and DuckDB
    started = time.perf_counter()
    for _ in range(calls):
        linker.rank(left, right)
    print(f"One small call (3 names against 6 records), Splink: {(time.perf_counter() - started) / calls:.3f} s")


def _print_payees(label, register):
    payees = evaluation.labelled_payees(evaluation.LABELS / evaluation.PAYEE_SETS[label])
    present = sum(1 for _, number in payees if number)
    print(f"  {len(payees)} payees ({present} in the register, {len(payees) - present} not) against the same register")
    names = {evaluation.register_number(record.company_number): record.name for record in register}
    for name, matcher in (("Splink", "splink"), ("old engine", "engine")):
        figures, review, seconds, outcomes = evaluation.payee_report(payees, register, matcher, label)
        for item in figures:
            print(f"  {name}: {item.line()}")
        print(f"  {name}: {review.line()}")
        print(f"  {name}: {seconds:.2f} s for the run")
        if matcher != "splink":
            continue
        _print_without_account_names(payees, register, label)
        for record, number in payees:
            outcome = outcomes.get(record.key)
            if outcome is not None and outcome.answer is None and number:
                print(f"  {name}: wrong: {record.name!r} suggested for review as none of "
                      f"{[names.get(answer) for answer in outcome.shown]!r} (it is {names.get(number)!r})")
            elif outcome is not None and outcome.answer is not None and outcome.answer != number:
                how = "applied" if outcome.confident else "suggested for review"
                print(f"  {name}: wrong: {record.name!r} {how} as {names.get(outcome.answer)!r}"
                      f"{f' (it is {names.get(number)!r})' if number else ' (not in the register)'}")
            elif number and outcome is None:
                print(f"  {name}: missed: {record.name!r} (it is {names.get(number)!r})")


def _print_without_account_names(payees, register, label):
    """The same run without the other names paid under the payees' supplier numbers (Oxford's files
    publish them; a spend import gives them to register matching), to show what they add."""
    having = sum(1 for record, _ in payees if record.account_names)
    if not having:
        return
    print(f"  Splink: {having} of the payees were paid under a supplier number that other names were paid under "
          "too (the council's files); without those other names:")
    bare = [(dataclasses.replace(record, account_names=()), number) for record, number in payees]
    figures, review, _, _ = evaluation.payee_report(bare, register, "splink", label)
    for item in figures:
        if "present in the register" in item.label:
            print(f"  Splink:   {item.line()}")
    print(f"  Splink:   {review.line()}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--names", type=int, default=3000, help="names and suppliers in the timing run")
    parser.add_argument("--no-database", action="store_true", help="skip timing resolve_supplier_names with a database")
    parser.add_argument("--no-timing", action="store_true", help="only the labelled sets")
    args = parser.parse_args()
    print(f"Thresholds: applied automatically at p >= {engine.CONFIDENT} with a clear lead, "
          f"sent for review at p >= {engine.POSSIBLE} (against a list of {linker.LARGE_RIGHT:,} or more, such as the "
          f"company register: p >= {linker.REVIEW_FLOOR_LARGE}); figures count the top candidate only; a review "
          "suggesting none of these counts as no match, and as right for a name not in the register")
    print()
    started = time.perf_counter()
    contracts = evaluation.salford_contracts()
    register = evaluation.register_records()
    print(f"(a) Salford: {len(contracts)} contracts with a company number; register of {len(register):,} numbered "
          f"entries read in {time.perf_counter() - started:.2f} s")
    for name, matcher in (("Splink", "splink"), ("old engine", "engine")):
        report = evaluation.salford_report(contracts, register, matcher, checked=True)
        _print_report(name, report)
        if matcher == "splink" and linker.last_run is not None:
            print(f"  Splink parameters: {linker.last_run.method}")
    _print_left_out(report, register)
    print()
    parameter_timing(contracts, register)
    print()
    print("(b) Open Supply Hub pairs")
    for name, matcher in (("Splink", "splink"), ("old engine", "engine")):
        _print_report(name, evaluation.pair_report(matcher=matcher))
    print()
    for letter, label in zip("cdefghijkl", evaluation.PAYEE_SETS, strict=True):
        print(f"({letter}) {label} labelled by hand (clearsight/matching/labels/README.md)")
        _print_payees(label, register)
        print()
    small_call_timing()
    if args.no_timing:
        return
    timing(args.names)
    if not args.no_database:
        database_timing(args.names)


if __name__ == "__main__":
    main()
