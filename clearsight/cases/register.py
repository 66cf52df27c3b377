"""The children-at-risk register, answered for any date, as plain functions over plain data.

Harrow's register let the council "immediately know at any given point how many children were
thought to be the victims or potential victims of trafficking and if NRM referrals had been made,
and their outcome". Here the answer for a past date uses the records as they stood on that date:

- A case is open on a date if it was opened on or before it and not closed by it
  (``opened_on <= date`` and ``closed_on`` is empty or later than the date).
- The case's status on a date is its latest risk status with ``valid_from`` on or before the date.
  A case is on the register if its status then is "thought to be a victim" or "at risk".
- A child is someone under 18 on that date, worked out from the date of birth. **Without a date of
  birth** a person is not counted as a child, unless their status on that date carries the marker
  ``possibly-under-18`` ("age not known but possibly under 18"): the First Responder Toolkit says
  such a person is treated as a child until their age is assessed, and the marker is how a
  caseworker records that. A person not yet born on the date is not counted.
- An NRM referral counts as made if it was referred on or before the date. A Reasonable Grounds or
  Conclusive Grounds decision counts only if it was decided on or before the date; until then it is
  pending. A decision with no date recorded cannot be placed in time, so it counts as pending. A
  referral withdrawn on or before the date, with no decision by then, counts as withdrawn.

The register can answer in two ways for a past date (``KNOWN_NOW`` and ``AS_RECORDED``):

- **As known now** (above): today's records, read as of the date. A risk status recorded later but
  valid from before the date, or a date of birth corrected since, changes the answer for that date.
- **As recorded on that date**: what the register said at the end of that day, as in a report made
  then. ``as_recorded`` keeps only what had been recorded by the end of the day: risk statuses
  recorded by then (each keeps the time it was recorded), and the case's dates, the date of birth and
  the NRM record as last saved by then (``history.py`` keeps them each time they are saved). A case
  whose history begins after the date had not been recorded yet. Values held before that history
  began count as recorded from the start; a case with no history at all is read as known now.

Nothing here reads the database: ``case_facts(case)`` turns a Case (with its person, NRM record,
risk history and register history) into the plain data the other functions take.
"""

from collections import Counter
from dataclasses import dataclass, field
from dataclasses import replace
from datetime import date

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from .clocks import age_on

VICTIM = "victim"
AT_RISK = "at_risk"
ON_REGISTER = (VICTIM, AT_RISK)
CHILD_MARKER = "possibly-under-18"

# Vulnerability markers recorded with a risk status (RiskStatus.vulnerability_markers holds the codes).
VULNERABILITY_MARKERS = [
    (CHILD_MARKER, "Age not known but possibly under 18"),
    ("missing", "Has gone missing from home or care"),
    ("looked-after", "Looked-after child or care leaver"),
    ("unaccompanied", "Unaccompanied or separated child"),
    ("not-in-education", "Not in education, training or employment"),
    ("gangs", "Linked to gangs or county lines"),
    ("substance-use", "Drug or alcohol use"),
    ("exploited-before", "Exploited before"),
    ("learning-disability", "Learning disability or difficulty"),
    ("mental-health", "Mental health needs"),
    ("no-recourse", "No recourse to public funds"),
]
MARKER_LABELS = dict(VULNERABILITY_MARKERS)

POSITIVE, NEGATIVE, PENDING, WITHDRAWN = "positive", "negative", "pending", "withdrawn"

KNOWN_NOW, AS_RECORDED = "now", "recorded"
VIEWS = [
    (KNOWN_NOW, "As known now"),
    (AS_RECORDED, "As recorded on that date"),
]


@dataclass(frozen=True)
class Status:
    category: str
    valid_from: date
    exploitation_types: tuple = ()
    vulnerability_markers: tuple = ()
    order: int = 0  # breaks ties between statuses valid from the same day: the later recorded wins
    recorded_on: date | None = None  # the local day it was recorded


@dataclass(frozen=True)
class Nrm:
    referred_on: date
    rg_decision: str = PENDING
    rg_decided_on: date | None = None
    cg_decision: str = PENDING
    cg_decided_on: date | None = None
    withdrawn_on: date | None = None


@dataclass(frozen=True)
class CaseFacts:
    reference: str
    opened_on: date
    closed_on: date | None = None
    date_of_birth: date | None = None
    statuses: tuple = ()
    nrm: Nrm | None = None
    public_id: object = None
    history: tuple = ()  # (part "case"/"person"/"nrm", values dict, recorded on: date or None), oldest first


@dataclass(frozen=True)
class NrmPosition:
    """Where a case stood in the NRM on a date."""

    referred: bool
    rg: str | None = None  # positive, negative, pending or withdrawn; None if not referred
    cg: str | None = None  # as rg; None until there is a positive Reasonable Grounds decision


@dataclass
class RegisterFigures:
    on: date
    children: list = field(default_factory=list)  # CaseFacts on the register, by reference
    victims: int = 0
    at_risk: int = 0
    by_type: Counter = field(default_factory=Counter)
    type_not_recorded: int = 0
    by_marker: Counter = field(default_factory=Counter)
    referred: int = 0
    not_referred: int = 0
    rg: Counter = field(default_factory=Counter)
    cg: Counter = field(default_factory=Counter)
    positions: dict = field(default_factory=dict)  # reference -> NrmPosition
    statuses: dict = field(default_factory=dict)  # reference -> Status

    @property
    def total(self):
        return len(self.children)


def status_on(case: CaseFacts, on: date) -> Status | None:
    """The latest status valid on the date, or None if nothing was recorded by then."""
    valid = [s for s in case.statuses if s.valid_from <= on]
    if not valid:
        return None
    return max(valid, key=lambda s: (s.valid_from, s.order))


def is_open_on(case: CaseFacts, on: date) -> bool:
    return case.opened_on <= on and (case.closed_on is None or case.closed_on > on)


def is_child_on(case: CaseFacts, on: date) -> bool:
    if case.date_of_birth is not None:
        return case.date_of_birth <= on and age_on(case.date_of_birth, on) < 18
    status = status_on(case, on)
    return status is not None and CHILD_MARKER in status.vulnerability_markers


def on_register(case: CaseFacts, on: date) -> bool:
    if not is_open_on(case, on) or not is_child_on(case, on):
        return False
    status = status_on(case, on)
    return status is not None and status.category in ON_REGISTER


def children_at(on: date, cases, *, exploitation_type: str = "", marker: str = "") -> list:
    """The cases on the register on the date, optionally only those whose status then includes an
    exploitation type or a vulnerability marker, in order of reference."""
    found = []
    for case in cases:
        if not on_register(case, on):
            continue
        status = status_on(case, on)
        if exploitation_type and exploitation_type not in status.exploitation_types:
            continue
        if marker and marker not in status.vulnerability_markers:
            continue
        found.append(case)
    return sorted(found, key=lambda c: c.reference)


def _decision_on(decision: str, decided_on: date | None, on: date) -> str:
    if decision in (POSITIVE, NEGATIVE) and decided_on is not None and decided_on <= on:
        return decision
    return PENDING


def nrm_position_on(nrm: Nrm | None, on: date) -> NrmPosition:
    if nrm is None or nrm.referred_on > on:
        return NrmPosition(referred=False)
    withdrawn = nrm.withdrawn_on is not None and nrm.withdrawn_on <= on
    rg = _decision_on(nrm.rg_decision, nrm.rg_decided_on, on)
    if rg == PENDING:
        return NrmPosition(referred=True, rg=WITHDRAWN if withdrawn else PENDING)
    if rg == NEGATIVE:
        return NrmPosition(referred=True, rg=NEGATIVE)
    cg = _decision_on(nrm.cg_decision, nrm.cg_decided_on, on)
    if cg == PENDING and withdrawn:
        cg = WITHDRAWN
    return NrmPosition(referred=True, rg=POSITIVE, cg=cg)


def figures_at(on: date, cases, *, exploitation_type: str = "", marker: str = "") -> RegisterFigures:
    """Every figure of the register on the date, for the children selected by the filters."""
    figures = RegisterFigures(on=on)
    figures.children = children_at(on, cases, exploitation_type=exploitation_type, marker=marker)
    for case in figures.children:
        status = status_on(case, on)
        figures.statuses[case.reference] = status
        if status.category == VICTIM:
            figures.victims += 1
        else:
            figures.at_risk += 1
        for code in set(status.exploitation_types):
            figures.by_type[code] += 1
        if not status.exploitation_types:
            figures.type_not_recorded += 1
        for code in set(status.vulnerability_markers):
            figures.by_marker[code] += 1
        position = nrm_position_on(case.nrm, on)
        figures.positions[case.reference] = position
        if position.referred:
            figures.referred += 1
            figures.rg[position.rg] += 1
            if position.cg is not None:
                figures.cg[position.cg] += 1
        else:
            figures.not_referred += 1
    return figures


def _day(text):
    return date.fromisoformat(text) if text else None


def _latest_by(history, part, on):
    """The values of the part last saved by the end of ``on``; None if none was saved by then;
    ``...`` if the part has no history at all."""
    rows = [(values, recorded_on) for p, values, recorded_on in history if p == part]
    if not rows:
        return ...
    kept = [values for values, recorded_on in rows if recorded_on is None or recorded_on <= on]
    return kept[-1] if kept else None


def as_recorded(case: CaseFacts, on: date) -> CaseFacts | None:
    """The case as it had been recorded by the end of ``on`` (None: not recorded yet)."""
    statuses = tuple(s for s in case.statuses if s.recorded_on is None or s.recorded_on <= on)
    changes = {"statuses": statuses}
    dates = _latest_by(case.history, "case", on)
    if dates is None:
        return None
    if dates is not ...:
        changes.update(opened_on=_day(dates.get("opened_on")) or case.opened_on, closed_on=_day(dates.get("closed_on")))
    person = _latest_by(case.history, "person", on)
    if person is not ...:
        changes["date_of_birth"] = _day(person.get("date_of_birth")) if person else None
    record = _latest_by(case.history, "nrm", on)
    if record is not ...:
        changes["nrm"] = None if not record or not record.get("exists") else Nrm(
            referred_on=_day(record["referred_on"]), rg_decision=record.get("rg_decision", PENDING),
            rg_decided_on=_day(record.get("rg_decided_on")), cg_decision=record.get("cg_decision", PENDING),
            cg_decided_on=_day(record.get("cg_decided_on")), withdrawn_on=_day(record.get("withdrawn_on")))
    return replace(case, **changes)


def figures_for_view(on: date, cases, view: str = KNOWN_NOW, **filters) -> RegisterFigures:
    """The register on the date, as known now or as recorded on that date."""
    if view == AS_RECORDED:
        cases = [c for c in (as_recorded(case, on) for case in cases) if c is not None]
    return figures_at(on, cases, **filters)


def _local_day(moment):
    return timezone.localdate(moment) if moment is not None else None


def case_facts(case) -> CaseFacts:
    """The plain facts of a Case model instance. Prefetch ``risk_history`` and select ``person`` and
    ``nrm`` to avoid a query per case."""
    statuses = tuple(
        Status(category=s.category, valid_from=s.valid_from, exploitation_types=tuple(s.exploitation_types or ()),
               vulnerability_markers=tuple(s.vulnerability_markers or ()), order=index,
               recorded_on=_local_day(s.recorded_at))
        for index, s in enumerate(sorted(case.risk_history.all(), key=lambda s: (s.valid_from, s.recorded_at, s.pk)))
    )
    try:
        record = case.nrm
    except ObjectDoesNotExist:
        record = None
    nrm = None
    if record is not None:
        nrm = Nrm(referred_on=record.referred_on, rg_decision=record.rg_decision, rg_decided_on=record.rg_decided_on,
                  cg_decision=record.cg_decision, cg_decided_on=record.cg_decided_on, withdrawn_on=record.withdrawn_on)
    history = tuple((row.part, row.values, _local_day(row.recorded_at))
                    for row in sorted(case.register_history.all(),
                                      key=lambda r: (r.recorded_at is not None, r.recorded_at or 0, r.pk)))
    return CaseFacts(reference=case.reference, opened_on=case.opened_on, closed_on=case.closed_on,
                     date_of_birth=case.person.date_of_birth, statuses=statuses, nrm=nrm, public_id=case.public_id,
                     history=history)
