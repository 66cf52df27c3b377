"""Other names a payer's own records hold under one supplier number (ADR 0032, "Names paid under one
supplier number").

A council's finance system keeps a supplier's number when the supplier is renamed, so its spend files
pay "URS Infrastructure & Environment UK Ltd" and, later, "AECOM Infrastructure & Environment UK Ltd"
under the same number. The company register holds only the later name, so the earlier one is found
through the other. A number may also be used for an agent paid for others, or for a company that took
over another ("Computershare Voucher Services" and a nursery paid by voucher): a match found this way
always goes to a person, who sees the other name and the number.

No Django here: ``other_names`` works on plain rows, from spend lines (``spend.api``) or from files
(the bench).
"""

from collections.abc import Iterable

from clearsight.supply.api import normalise_name

# A number under more distinct names than this is an account for many payees ("Sundry creditors", a
# one-off payments account), not one organisation's: its names say nothing of each other.
MAX_NAMES_PER_NUMBER = 4

# Where the other names come from, for matching (``company.match_suppliers_to_register``): functions
# of an organisation returning {supplier id: ((other name, supplier number), ...)}. Spend adds its own
# when it starts (spend.apps), so matching need not know of spend.
_sources = []


def add_source(source) -> None:
    if source not in _sources:
        _sources.append(source)


def for_organisation(organisation) -> dict:
    """{supplier id: ((other name, supplier number), ...)} from every source added."""
    found = {}
    for source in _sources:
        for subject, names in source(organisation).items():
            found[subject] = tuple(dict.fromkeys(found.get(subject, ()) + tuple(names)))
    return found


def number_key(number) -> str:
    """A supplier number as compared: "0001234", "1234" and a workbook's 1234.0 are one number."""
    text = str(number or "").strip().upper()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return (text.lstrip("0") or "0") if text.isdigit() else text


def other_names(rows: Iterable[tuple]) -> dict:
    """{subject: ((other name, number), ...)} from rows of (subject, scope, number, name): a subject
    (a supplier, or a name) was paid as ``name`` under supplier ``number`` of ``scope`` (the publisher
    whose numbering it is: two councils' number 1001 are two suppliers). The other names are those paid
    under the same number whose normalised name differs from every name the subject was paid under
    there; a number with more than MAX_NAMES_PER_NUMBER such names is left out."""
    by_number = {}  # (scope, number) -> {normalised name: name as first written}
    subjects = {}  # (scope, number) -> {subject: {normalised names}}
    for subject, scope, number, name in rows:
        number, name = number_key(number), (name or "").strip()
        key = normalise_name(name)
        if not number or not key:
            continue
        by_number.setdefault((scope, number), {}).setdefault(key, name)
        subjects.setdefault((scope, number), {}).setdefault(subject, set()).add(key)
    found = {}
    for account, names in by_number.items():
        if len(names) < 2 or len(names) > MAX_NAMES_PER_NUMBER:
            continue
        for subject, own in subjects[account].items():
            others = tuple((written, account[1]) for key, written in names.items() if key not in own)
            if others:
                found[subject] = tuple(dict.fromkeys(found.get(subject, ()) + others))
    return found
