"""Board figures for a chosen period, as plain functions over plain records.

``board_figures`` (the only function here that reads the database) gathers plain records for the
viewer's organisations, each from the context that holds them through its api (dates, codes and
counts, never names); everything else is arithmetic on those records, tested without a database.
``tables`` turns the figures into the tables every page, chart and export shows, with small numbers
already hidden for a restricted audience; ``context_figures`` takes the statement's figures from
those same tables, so a published statement always agrees with the dashboard.

The figures, for the organisations in scope (those where the viewer's role carries VIEW_AGGREGATES):

* **Concerns**: concerns submitted (``Concern.submitted_at``, drafts never count) within the period
  and handled by the organisations, and the people in them by age group (the first responder's
  judgement at triage, otherwise what the reporter said).
* **NRM referrals and Duty to Notify reports**: referrals made through a concern and submitted to
  the Home Office (dated by the day the first responder says it was submitted, or for referrals
  recorded before that was asked, the day the submission was recorded; counted for the concern's
  handling organisation), plus NRM records on support cases
  (dated by the date referred; counted for the case's organisation) unless the case's person was
  referred through its source concern, so that a person referred through their concern and then
  supported is counted once. A case cannot say which person of a concern about several it is about:
  its earliest NRM records are taken to be the people referred through the concern, and any further
  ones count (see ``case_nrm_counts``). A person counts once per kind, on the first date, so someone
  referred before the period is not counted again in it. Shown per financial quarter (April to June
  is Q1; a period starting or ending inside a quarter cuts it short, and the label gives the dates),
  by age group and by type of exploitation (a referral can be about several types, so the type
  counts can add up to more than the total, which the total row says). The type of an NRM record on
  a case is the one recorded on the case (its latest risk status naming any), else what its source
  concern said. Types also roll up into the categories the Home Office publishes its statistics in
  (``concerns.api.exploitation_categories``: reference data with a source and version); a referral
  with no type is "not specified or unknown".
* **Reasonable Grounds and Conclusive Grounds decisions**: decisions recorded on the NRM records of
  the organisations' cases and dated within the period: positive and negative, and the median number
  of days from the date referred (Reasonable Grounds) and from the Reasonable Grounds decision
  (Conclusive Grounds; from the date referred when that date is missing). "Still awaited" counts
  records waiting for that decision at the end of the period (not withdrawn by then).
* **Victims with a written support plan**: people with a support case of the organisations open at
  any time in the period; a written support plan is at least one task on the case's support plan
  created by the end of the period. A person with several cases counts once.
* **Operations**: disruption operations carried out, dated within the period, led or joined by the
  organisations (the same sums as the operations figures page).
* **Training compliance** on the "as at" date (the end of the period, or today if the end is later):
  the share of staff required to be trained who are up to date; people in their grace period are not
  counted (as on the training dashboard).
* **Supplier assessment coverage** on the "as at" date: high-risk suppliers with spend in the period,
  and how many of them (and how much of that spend) have a current assessment.
* **Action plan progress** on the "as at" date: the actions of the plan year then running.

Small numbers: for a restricted audience (board members, statement owners: anyone who does not
work on concerns, cases or partnership records in every organisation counted) any count of people or
operations under 5, zero included, is shown as "fewer than 5" (as on the operations figures page, so
that "fewer than 5" never narrows to "1 to 4"). A percentage or median worked out from fewer than 5,
or a percentage that would give away a count under 5 (8 of 10 people is 80%: the other 2 could be
worked out), is "not shown". A count that would let a hidden count be worked out by taking the
others from a total beside it (a row or column total in the same table, or the whole-period figure
of a quarter) is "withheld", and so is a total when all its parts are hidden and it would pin them
down (these rules are ``clearsight.core.suppression``). The summary (and so the statement) reads its
figures from the tables as shown, so it always agrees with them. Training compliance follows the
training dashboard's rule instead: the figures of a group of fewer than 5 staff are not shown, larger
groups in full. Supplier and action plan figures are about businesses and the council's own actions, not
people, so they are shown in full.
"""

from functools import cached_property
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from clearsight.cases.api import NEGATIVE, POSITIVE
from clearsight.cases.api import NrmFacts as NrmFact  # noqa: F401  (what a case's NRM record says: BoardFigures.nrm)
from clearsight.core.dates import FinancialYear, add_months, long_date
from clearsight.core.suppression import (FEWER_THAN, NO_DATA, NOT_SHOWN, WITHHELD, is_small, protect, shown,
                                         shown_median, shown_percent)
from clearsight.operations import api as ops
from clearsight.operations.api import ADULT, CHILD, DTN, NRM, UNKNOWN

AGE_GROUPS = [(ADULT, "Adults"), (CHILD, "Children"), (UNKNOWN, "Age not known")]
KIND_LABELS = {NRM: "NRM referrals", DTN: "Duty to Notify reports"}
NO_TYPE = "No type recorded"


# --- Periods ----------------------------------------------------------------------------------------

QUARTER_MONTHS = {1: ("April", "June"), 2: ("July", "September"), 3: ("October", "December"), 4: ("January", "March")}


@dataclass(frozen=True)
class Quarter:
    year: int  # the financial year's start year
    number: int  # 1 (April to June) to 4 (January to March)
    start: date  # within the period: a quarter cut by the period starts or ends with it
    end: date

    @property
    def key(self):
        return f"{self.year}-q{self.number}"

    @property
    def label(self):
        """Such as "Q1 2026 to 2027", with the dates when the period cuts the quarter short."""
        full_start, full_end = quarter_dates(self.year, self.number)
        text = f"Q{self.number} {FinancialYear(self.year).label}"
        if (self.start, self.end) != (full_start, full_end):
            text += f" ({long_date(self.start)} to {long_date(self.end)})"
        return text




def quarter_dates(year: int, number: int) -> tuple:
    month = 4 + 3 * (number - 1)
    calendar_year = year + (month > 12)
    month = (month - 1) % 12 + 1
    start = date(calendar_year, month, 1)
    next_month = month + 3
    end = (date(calendar_year + (next_month > 12), (next_month - 1) % 12 + 1, 1)) - timedelta(days=1)
    return start, end


def quarter_of(day: date) -> tuple:
    """(financial year start year, quarter number) of a date."""
    return FinancialYear.containing(day).start_year, (day.month - 4) % 12 // 3 + 1


def quarters(start: date, end: date) -> list:
    """The financial quarters the period touches, each cut to the period."""
    result = []
    year, number = quarter_of(start)
    while True:
        q_start, q_end = quarter_dates(year, number)
        if q_start > end:
            break
        result.append(Quarter(year, number, max(q_start, start), min(q_end, end)))
        year, number = (year + 1, 1) if number == 4 else (year, number + 1)
    return result


def as_at(end: date, today: date) -> date:
    """The day figures "at the end of the period" are worked out for: the end, or today if later."""
    return min(end, today)


class _Ref:
    __slots__ = ("key",)

    def __init__(self, key):
        self.key = key


class _Cells:
    """Counts gathered for a set of tables, then shown with small numbers (and the counts that would
    give them away) hidden from a restricted audience."""

    def __init__(self, restricted: bool):
        self.restricted = restricted
        self.values = {}
        self.relations = []

    def count(self, key, value: int) -> _Ref:
        self.values[key] = value
        return _Ref(key)

    def relate(self, parts, total):
        self.relations.append(([p.key for p in parts], total.key))

    def relate_columns(self, rows, first=1):
        """Each column of quarter rows adds up to the last ("Whole period") row."""
        for col in range(first, len(rows[-1])):
            self.relate([row[col] for row in rows[:-1]], rows[-1][col])

    def render(self, result: dict) -> dict:
        hidden = protect(self.values, self.relations) if self.restricted else set()

        def cell(value):
            if not isinstance(value, _Ref):
                return value
            return shown(self.values[value.key], self.restricted, withheld=value.key in hidden)

        return {key: (title, headers, [[cell(v) for v in row] for row in rows])
                for key, (title, headers, rows) in result.items()}


def age_group_of(triage_age_group: str, age_group: str) -> str:
    judged = triage_age_group or age_group
    return judged if judged in (ADULT, CHILD) else UNKNOWN


# --- Concerns ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ConcernFact:
    submitted_on: date
    age_groups: tuple = ()  # one entry per person in the concern


@dataclass
class AgeCounts:
    total: int = 0
    adults: int = 0
    children: int = 0
    unknown: int = 0

    def add(self, group: str, n: int = 1):
        self.total += n
        if group == ADULT:
            self.adults += n
        elif group == CHILD:
            self.children += n
        else:
            self.unknown += n

    def by_group(self):
        return [self.adults, self.children, self.unknown]


@dataclass
class ConcernCounts:
    concerns: int = 0
    people: AgeCounts = field(default_factory=AgeCounts)


def concern_counts(facts, start: date, end: date) -> ConcernCounts:
    counts = ConcernCounts()
    for f in facts:
        if start <= f.submitted_on <= end:
            counts.concerns += 1
            for group in f.age_groups:
                counts.people.add(group)
    return counts


# --- Referrals --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReferralFact:
    """One NRM referral or Duty to Notify report for one person."""

    kind: str  # NRM or DTN
    on: date
    age_group: str
    exploitation_types: tuple = ()
    person: object = None  # anything that identifies the person, so they count once per kind
    categories: tuple = ()  # the Home Office's published categories the types roll up to (labels)


def unique_referrals(facts) -> list:
    """Each person counted once for each kind: their earliest referral of that kind."""
    first = {}
    anonymous = []
    for f in sorted(facts, key=lambda f: f.on):
        if f.person is None:
            anonymous.append(f)
        elif (f.kind, f.person) not in first:
            first[(f.kind, f.person)] = f
    return sorted(list(first.values()) + anonymous, key=lambda f: f.on)


@dataclass
class ReferralCounts:
    by_age: AgeCounts = field(default_factory=AgeCounts)
    by_type: Counter = field(default_factory=Counter)  # type label (or NO_TYPE) -> referrals
    by_category: Counter = field(default_factory=Counter)  # Home Office category label -> referrals


def referral_counts(facts, kind: str, start: date, end: date, *, unique=False) -> ReferralCounts:
    """Referrals of one kind in a period, each person once (``unique``: the facts are already the
    output of ``unique_referrals``, so the tables, which count many periods, work it out once)."""
    counts = ReferralCounts()
    for f in facts if unique else unique_referrals(facts):
        if f.kind != kind or not start <= f.on <= end:
            continue
        counts.by_age.add(f.age_group)
        counts.by_type.update(set(f.exploitation_types) or {NO_TYPE})
        counts.by_category.update(set(f.categories))
    return counts


# --- Decisions --------------------------------------------------------------------------------------



@dataclass
class DecisionCounts:
    positive: int = 0
    negative: int = 0
    days: list = field(default_factory=list)  # days taken, one per decision
    awaited: int = 0

    @property
    def total(self):
        return self.positive + self.negative


def _decided(decision, decided_on, start, end):
    return decision in (POSITIVE, NEGATIVE) and decided_on is not None and start <= decided_on <= end


def _withdrawn_by(fact, day):
    return fact.withdrawn_on is not None and fact.withdrawn_on <= day


def rg_decisions(facts, start: date, end: date) -> DecisionCounts:
    """Reasonable Grounds decisions dated in the period; days from the date referred. Awaited: referred
    by the end of the period, no decision by then, not withdrawn by then."""
    counts = DecisionCounts()
    for f in facts:
        if _decided(f.rg_decision, f.rg_decided_on, start, end):
            counts.positive += f.rg_decision == POSITIVE
            counts.negative += f.rg_decision == NEGATIVE
            counts.days.append((f.rg_decided_on - f.referred_on).days)
        decided_by_end = f.rg_decision in (POSITIVE, NEGATIVE) and (f.rg_decided_on is None or f.rg_decided_on <= end)
        if f.referred_on <= end and not decided_by_end and not _withdrawn_by(f, end):
            counts.awaited += 1
    return counts


def cg_decisions(facts, start: date, end: date) -> DecisionCounts:
    """Conclusive Grounds decisions dated in the period; days from the Reasonable Grounds decision
    (from the date referred when that is not recorded). Awaited: a positive Reasonable Grounds
    decision by the end of the period, no Conclusive Grounds decision by then, not withdrawn."""
    counts = DecisionCounts()
    for f in facts:
        if _decided(f.cg_decision, f.cg_decided_on, start, end):
            counts.positive += f.cg_decision == POSITIVE
            counts.negative += f.cg_decision == NEGATIVE
            counts.days.append((f.cg_decided_on - (f.rg_decided_on or f.referred_on)).days)
        rg_positive_by_end = f.rg_decision == POSITIVE and (f.rg_decided_on is None or f.rg_decided_on <= end) \
            and f.referred_on <= end
        decided_by_end = f.cg_decision in (POSITIVE, NEGATIVE) and (f.cg_decided_on is None or f.cg_decided_on <= end)
        if rg_positive_by_end and not decided_by_end and not _withdrawn_by(f, end):
            counts.awaited += 1
    return counts


# --- Support plans ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class SupportFact:
    """One support case."""

    person: object  # identifies the person, so that someone with two cases counts once
    opened_on: date
    closed_on: date | None = None
    first_task_on: date | None = None  # when the first support plan task was created


@dataclass
class SupportCounts:
    people: int = 0
    with_plan: int = 0


def support_plan_share(facts, start: date, end: date) -> SupportCounts:
    """People with a case open at any time in the period, and how many of them had a written support
    plan (a task on any of those cases created by the end of the period)."""
    people = {}
    for f in facts:
        if f.opened_on > end or (f.closed_on is not None and f.closed_on < start):
            continue
        planned = f.first_task_on is not None and f.first_task_on <= end
        people[f.person] = people.get(f.person, False) or planned
    return SupportCounts(people=len(people), with_plan=sum(people.values()))


# --- Training and suppliers -------------------------------------------------------------------------

@dataclass(frozen=True)
class TrainingRow:
    organisation: str
    met: int
    not_met: int
    in_grace: int

    @property
    def counted(self):
        return self.met + self.not_met


@dataclass(frozen=True)
class SupplierRow:
    organisation: str
    high_suppliers: int
    high_assessed_suppliers: int
    high_spend: Decimal
    high_assessed_spend: Decimal


def _money(amount) -> str:
    return f"£{Decimal(amount).quantize(Decimal('1')):,}"


def _spend_share(part, whole) -> str:
    if not whole or whole <= 0:
        return NO_DATA
    return f"{round(100 * part / whole)}%"


# --- All of it --------------------------------------------------------------------------------------

@dataclass
class BoardFigures:
    start: date
    end: date
    on: date  # the "as at" date for training, suppliers and the action plan
    quarters: list
    concerns: list  # ConcernFact
    referrals: list  # ReferralFact
    nrm: list  # NrmFact
    support: list  # SupportFact
    operations: object  # operations.figures.Figures
    training: list  # TrainingRow
    suppliers: list  # SupplierRow
    plans: list  # (plan title, organisation name, actionplan.progress.Progress)
    produced_on: date = None

    @cached_property
    def unique_referrals(self) -> list:
        return unique_referrals(self.referrals)

    @property
    def period_label(self):
        return f"{long_date(self.start)} to {long_date(self.end)}"


# Headline figures: key -> label. The statement's context figures are these rows of "summary".
SUMMARY = [
    ("concerns", "Concerns reported"),
    ("nrm_referrals", "NRM referrals"),
    ("dtn_reports", "Duty to Notify reports"),
    ("cases", "Victims supported (people with a support case open)"),
    ("support_plans", "Share of victims supported with a written support plan"),
    ("operations", "Operations carried out"),
    ("training_compliance", "Training compliance rate"),
    ("supplier_coverage", "High-risk suppliers with a current assessment"),
]
CONTEXT_KEYS = ["concerns", "nrm_referrals", "dtn_reports", "cases", "operations", "training_compliance",
                "supplier_coverage"]


def training_shown(rows, restricted: bool) -> list:
    """Training rows as shown, with an "All organisations" row when there are several: the
    training dashboard's rule (a group of fewer than 5 staff is not shown; larger groups are shown
    in full). When one organisation's figures are hidden, the total across organisations is
    withheld too, or theirs could be worked out from it."""
    def row(name, met, not_met, in_grace):
        if restricted and is_small(met + not_met + in_grace):
            return [name, NOT_SHOWN] + [FEWER_THAN] * 3
        return [name, shown_percent(met, met + not_met, False), met, not_met, in_grace]

    result = [row(r.organisation, r.met, r.not_met, r.in_grace) for r in rows]
    if len(rows) > 1:
        total = row("All organisations", sum(r.met for r in rows), sum(r.not_met for r in rows),
                    sum(r.in_grace for r in rows))
        if restricted and any(r[1] == NOT_SHOWN for r in result) and total[1] != NOT_SHOWN:
            total = [total[0], NOT_SHOWN] + [WITHHELD] * 3
        result.append(total)
    return result


def summary_values(bf: BoardFigures, restricted: bool, rendered: dict) -> dict:
    """The summary's figures, read from the detailed tables as shown (``rendered``), so that a total
    withheld there to protect small numbers is withheld here too, and the two always agree."""
    def cell(key, row, col):
        rows = rendered[key][2]
        return rows[row][col] if rows else NO_DATA

    training = training_shown(bf.training, restricted)
    high = sum(r.high_suppliers for r in bf.suppliers)
    assessed = sum(r.high_assessed_suppliers for r in bf.suppliers)
    return {
        "concerns": cell("concerns", -1, 1),
        "nrm_referrals": cell("nrm-by-quarter", -1, 4),
        "dtn_reports": cell("dtn-by-quarter", -1, 4),
        "cases": cell("support-plans", 0, 1),
        "support_plans": cell("support-plans", 3, 1),
        "operations": cell("operations", 0, 1),
        "training_compliance": training[-1][1] if training else NO_DATA,
        "supplier_coverage": shown_percent(assessed, high, False),
    }


# --- Trend against a year earlier ----------------------------------------------------------------

def previous_period(start: date, end: date) -> tuple:
    """The period a board compares with: the same dates a year earlier (for a financial year, the one
    before; for a quarter or a year to date, the same part of the year before, so seasons compare)."""
    return add_months(start, -12), add_months(end, -12)


def _as_number(value):
    """A figure as a number to compare (counts, and percentages such as "75%"), or None when it is
    hidden ("fewer than 5", "withheld", "not shown") or missing ("no data")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str) and value.endswith("%") and value[:-1].isdigit():
        return int(value[:-1])
    return None


def _shown(value) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


@dataclass(frozen=True)
class Trend:
    label: str
    value: object  # as shown now
    previous: object  # as shown a year earlier
    direction: str  # "up", "down", "same", or "" when either figure is hidden or missing
    text: str  # such as "Up from 12 a year earlier"


def trend(label, value, previous) -> Trend:
    """How a figure compares with a year earlier. Only figures shown in both periods are compared:
    a hidden figure is never compared, so no trend gives a small number away."""
    now, then = _as_number(value), _as_number(previous)
    if now is None or then is None:
        return Trend(label, value, previous, "", f"A year earlier: {_shown(previous)}")
    if now == then:
        return Trend(label, value, previous, "same", "The same as a year earlier")
    direction = "up" if now > then else "down"
    return Trend(label, value, previous, direction, f"{direction.capitalize()} from {_shown(previous)} a year earlier")


def summary_trends(table_set: dict, previous_set: dict) -> list:
    """The summary's figures, each with its trend against the summary of a year earlier."""
    before = {label: value for label, value in previous_set["summary"][2]}
    return [trend(label, value, before.get(label, NO_DATA)) for label, value in table_set["summary"][2]]


def _periods(bf):
    """(label, start, end) of each quarter, then of the whole period."""
    return [(q.label, q.start, q.end) for q in bf.quarters] + [("Whole period", bf.start, bf.end)]


def _type_rows(bf, kind, g: _Cells):
    periods = _periods(bf)
    counts = [referral_counts(bf.unique_referrals, kind, a, b, unique=True) for _, a, b in periods]
    whole = counts[-1]
    labels = sorted((t for t in whole.by_type if t != NO_TYPE), key=lambda t: (-whole.by_type[t], t))
    if NO_TYPE in whole.by_type:
        labels.append(NO_TYPE)
    rows = [[t] + [g.count((kind, "type", t, i), c.by_type[t]) for i, c in enumerate(counts)] for t in labels]
    totals = [f"{KIND_LABELS[kind]} (a referral can be about several types)"] + [
        g.count((kind, "type-total", i), c.by_age.total) for i, c in enumerate(counts)]
    rows.append(totals)
    for row in rows:  # the quarters add up to the whole period
        g.relate(row[1:-1], row[-1])
    for i, c in enumerate(counts, start=1):  # with one type a referral, the types add up to the total
        if rows[:-1] and sum(c.by_type.values()) == c.by_age.total:
            g.relate([row[i] for row in rows[:-1]], totals[i])
    return rows


def category_labels() -> list:
    """The Home Office's published categories of exploitation, in the order it publishes them."""
    from clearsight.concerns.api import exploitation_categories

    return [label for _, label in exploitation_categories().labels]


def _category_rows(bf, kind, g: _Cells):
    """Referrals of a kind by the Home Office's published category, every category listed (so that a
    category's absence never reads differently from a small number), quarters then the whole period."""
    periods = _periods(bf)
    counts = [referral_counts(bf.unique_referrals, kind, a, b, unique=True) for _, a, b in periods]
    rows = [[label] + [g.count((kind, "category", label, i), c.by_category[label]) for i, c in enumerate(counts)]
            for label in category_labels()]
    totals = [f"{KIND_LABELS[kind]} (a referral about types in several categories counts in each)"] + [
        g.count((kind, "category-total", i), c.by_age.total) for i, c in enumerate(counts)]
    rows.append(totals)
    for row in rows:
        g.relate(row[1:-1], row[-1])
    for i, c in enumerate(counts, start=1):
        if sum(c.by_category.values()) == c.by_age.total:
            g.relate([row[i] for row in rows[:-1]], totals[i])
    return rows


def tables(bf: BoardFigures, restricted: bool) -> dict:
    """Every table the board sees: key -> (title, headers, rows), numbers as shown to the viewer.

    Counts are whole numbers, or for a restricted viewer "fewer than 5" (under 5) or "withheld" (so
    that a hidden count cannot be worked out from a total); percentages are text such as "75%" ("not
    shown" when they could give a small number away, "no data" with nothing to work out);
    medians are numbers of days; money is text such as "£12,345"."""
    g = _Cells(restricted)
    periods = _periods(bf)
    quarter_labels = [q.label for q in bf.quarters]
    age_headers = ["Adults", "Children", "Age not known", "Total"]
    result = {}

    rows = []
    for i, (label, a, b) in enumerate(periods):
        c = concern_counts(bf.concerns, a, b)
        cells = [g.count(("concerns", i, col), n)
                 for col, n in enumerate([c.concerns] + c.people.by_group() + [c.people.total])]
        g.relate(cells[1:4], cells[4])
        rows.append([label] + cells)
    g.relate_columns(rows)
    result["concerns"] = ("Concerns reported", ["Quarter", "Concerns", "Adults", "Children", "Age not known",
                                                 "People in the concerns"], rows)

    for kind, key in ((NRM, "nrm"), (DTN, "dtn")):
        rows = []
        for i, (label, a, b) in enumerate(periods):
            by_age = referral_counts(bf.unique_referrals, kind, a, b, unique=True).by_age
            cells = [g.count((kind, "age", i, col), n) for col, n in enumerate(by_age.by_group() + [by_age.total])]
            g.relate(cells[:3], cells[3])
            rows.append([label] + cells)
        g.relate_columns(rows)
        result[f"{key}-by-quarter"] = (f"{KIND_LABELS[kind]} by age group", ["Quarter"] + age_headers, rows)
        result[f"{key}-by-type"] = (f"{KIND_LABELS[kind]} by type of exploitation",
                                    ["Type of exploitation"] + quarter_labels + ["Whole period"],
                                    _type_rows(bf, kind, g))
        result[f"{key}-by-category"] = (f"{KIND_LABELS[kind]} by the Home Office’s categories of exploitation",
                                        ["Category"] + quarter_labels + ["Whole period"], _category_rows(bf, kind, g))

    rows, whole = [], {}
    for name, decisions in (("Reasonable Grounds", rg_decisions), ("Conclusive Grounds", cg_decisions)):
        counts = decisions(bf.nrm, bf.start, bf.end)
        cells = [g.count((name, "all", col), n) for col, n in
                 enumerate([counts.positive, counts.negative, counts.total])]
        g.relate(cells[:2], cells[2])
        whole[name] = cells
        # Awaited at the end of the period, or today for a period not over yet (a statement's can run on).
        awaited = decisions(bf.nrm, bf.start, bf.on).awaited
        rows.append([name] + cells + [shown_median(counts.days, restricted), g.count((name, "awaited"), awaited)])
    result["decisions"] = ("Reasonable Grounds and Conclusive Grounds decisions",
                           ["Decision", "Positive", "Negative", "Total", "Median days taken",
                            f"Still awaited on {long_date(bf.on)}"], rows)
    rows, by_quarter = [], {"Reasonable Grounds": [], "Conclusive Grounds": []}
    for i, q in enumerate(bf.quarters):
        row = [q.label]
        for name, counts in (("Reasonable Grounds", rg_decisions(bf.nrm, q.start, q.end)),
                             ("Conclusive Grounds", cg_decisions(bf.nrm, q.start, q.end))):
            cells = [g.count((name, i, col), n) for col, n in enumerate([counts.positive, counts.negative])]
            by_quarter[name].append(cells)
            row += cells + [shown_median(counts.days, restricted)]
        rows.append(row)
    for name, cells in by_quarter.items():  # the quarters add up to the whole period
        for col in range(2):
            g.relate([c[col] for c in cells], whole[name][col])
    result["decisions-by-quarter"] = ("Decisions by quarter", [
        "Quarter", "Reasonable Grounds positive", "Reasonable Grounds negative", "Reasonable Grounds median days",
        "Conclusive Grounds positive", "Conclusive Grounds negative", "Conclusive Grounds median days"], rows)

    support = support_plan_share(bf.support, bf.start, bf.end)
    people = g.count("support people", support.people)
    parts = [g.count("support with", support.with_plan), g.count("support without", support.people - support.with_plan)]
    g.relate(parts, people)
    result["support-plans"] = ("Victims with a written support plan", ["Measure", "Figure"], [
        ["People with a support case open in the period", people],
        ["With a written support plan by the end of the period", parts[0]],
        ["Without one", parts[1]],
        ["Share with a written support plan", shown_percent(support.with_plan, support.people, restricted)],
    ])

    f, v = bf.operations, bf.operations.victims
    victims = g.count("operation victims", v.victims)
    result["operations"] = ("Operations carried out", ["Measure", "Number"], [
        ["Operations carried out", g.count("operations", f.operations)],
        ["Interventions", g.count("interventions", f.interventions)],
        ["Arrests", g.count("arrests", f.arrests_total)], ["Potential victims identified", victims],
        ["Potential victims referred to the NRM", g.count("operation nrm", v.nrm)],
        ["Duty to Notify reports made", g.count("operation dtn", v.dtn)],
        ["Potential victims with at least one support pathway", g.count("operation pathways", v.with_pathway)],
    ])
    outcomes = [[o, g.count(("outcome", o), n)] for o, n in f.outcomes]
    if outcomes:  # each potential victim has one outcome
        g.relate([row[1] for row in outcomes], victims)
    result["operation-outcomes"] = ("Where potential victims from operations are now", ["Outcome", "People"],
                                    outcomes)

    result["training"] = (f"Training compliance on {long_date(bf.on)}", [
        "Organisation", "Compliance rate", "Up to date", "Overdue or never trained",
        "New to the training, not yet due (not counted)"], training_shown(bf.training, restricted))

    supplier_rows = [[r.organisation, r.high_suppliers, r.high_assessed_suppliers,
                      shown_percent(r.high_assessed_suppliers, r.high_suppliers, False), _money(r.high_spend),
                      _money(r.high_assessed_spend), _spend_share(r.high_assessed_spend, r.high_spend)]
                     for r in bf.suppliers]
    if len(bf.suppliers) > 1:
        t = SupplierRow("All organisations", sum(r.high_suppliers for r in bf.suppliers),
                        sum(r.high_assessed_suppliers for r in bf.suppliers),
                        sum((r.high_spend for r in bf.suppliers), Decimal(0)),
                        sum((r.high_assessed_spend for r in bf.suppliers), Decimal(0)))
        supplier_rows.append([t.organisation, t.high_suppliers, t.high_assessed_suppliers,
                              shown_percent(t.high_assessed_suppliers, t.high_suppliers, False), _money(t.high_spend),
                              _money(t.high_assessed_spend), _spend_share(t.high_assessed_spend, t.high_spend)])
    result["suppliers"] = (f"Supplier assessment coverage on {long_date(bf.on)}", [
        "Organisation", "High-risk suppliers with spend in the period", "With a current assessment",
        "Share of high-risk suppliers", "High-risk spend", "Spend with a current assessment",
        "Share of high-risk spend"], supplier_rows)

    from clearsight.actionplan.api import action_status_labels

    status_labels = action_status_labels()
    result["action-plan"] = (f"Action plan progress on {long_date(bf.on)}",
                             ["Plan year", "Organisation", "Actions"] + status_labels + ["Overdue"],
                             [[title, org, p.total] + [n for _, n in p.by_status] + [p.overdue]
                              for title, org, p in bf.plans])
    rendered = g.render(result)
    summary = summary_values(bf, restricted, rendered)
    return {"summary": ("Summary", ["Measure", "Figure"], [[label, summary[key]] for key, label in SUMMARY]),
            **rendered}


@dataclass(frozen=True)
class ContextFigure:
    """A figure for the statement's context section, with the dates it covers. Figures at a date
    (training compliance) have ``start == end`` == that date."""

    key: str
    label: str
    value: object
    start: date
    end: date


def context_from_tables(bf: BoardFigures, table_set: dict) -> list:
    values = {label: value for label, value in table_set["summary"][2]}
    labels = dict(SUMMARY)
    result = []
    for key in CONTEXT_KEYS:
        at_a_date = key == "training_compliance"
        result.append(ContextFigure(key, labels[key], values[labels[key]], bf.on if at_a_date else bf.start, bf.end
                                    if not at_a_date else bf.on))
    return result


def context_figures(organisation_ids: set, start: date, end: date, today=None) -> list:
    """The statement's context figures for the period: always as a restricted viewer sees them (a
    statement is published), taken from the dashboard's own summary table. Supplier coverage covers
    spend in the period, with assessments current on the "as at" date."""
    bf = board_figures(organisation_ids, start, end, today)
    return context_from_tables(bf, tables(bf, restricted=True))


@dataclass(frozen=True)
class StatementFigures:
    """What a published statement shows of the board figures, always as a restricted viewer sees them."""

    context: list  # ContextFigure
    categories: list  # (Home Office category, NRM referrals in the whole period as shown)
    categories_source: str  # the roll-up's source and version, for the statement to cite


def statement_figures(organisation_ids: set, start: date, end: date, today=None) -> StatementFigures:
    """The statement's context figures and its NRM referrals by the Home Office's categories, from the
    dashboard's own tables (so the statement and the dashboard agree)."""
    from clearsight.concerns.api import exploitation_categories

    bf = board_figures(organisation_ids, start, end, today)
    table_set = tables(bf, restricted=True)
    rows = table_set["nrm-by-category"][2][:-1]
    roll_up = exploitation_categories()
    return StatementFigures(context_from_tables(bf, table_set), [(row[0], row[-1]) for row in rows],
                            f"{roll_up.source} (version {roll_up.version})")


def is_restricted(user) -> bool:
    """Small numbers are hidden from anyone who does not work on concerns, cases or partnership records
    in every organisation whose figures they see (a caseworker at one council who sits on another's
    board sees that council's figures as any board member does)."""
    from clearsight.core.roles import Capability

    cleared = set()
    for capability in (Capability.HANDLE_CONCERNS, Capability.WORK_ON_CASES, Capability.WORK_IN_PARTNERSHIP):
        cleared |= user.organisation_ids_with(capability)
    organisations = aggregate_organisation_ids(user)
    return not organisations or not organisations <= cleared


def aggregate_organisation_ids(user) -> set:
    from clearsight.core.roles import Capability

    return user.organisation_ids_with(Capability.VIEW_AGGREGATES)


# --- Reading the records ----------------------------------------------------------------------------

# Each context reads its own records (its api's facts functions: dates, codes and counts, never
# names); the rules above turn them into figures.

def _load_concerns(organisation_ids, start, end):
    from clearsight.concerns.api import submitted_concerns

    return [ConcernFact(c.submitted_on, tuple(age_group_of(triage, age) for triage, age in c.people))
            for c in submitted_concerns(organisation_ids, start, end)]


def _load_referrals(organisation_ids):
    from clearsight.cases.api import nrm_referrals_on_cases
    from clearsight.concerns.api import exploitation_categories, exploitation_types, submitted_referrals

    labels = dict(exploitation_types())
    roll_up = exploitation_categories()

    def type_labels(codes):
        return tuple(labels.get(code, code) for code in codes)

    def category_labels(codes):
        return tuple(roll_up.label(code) for code in roll_up.of(codes))

    # Referrals made through the organisations' concerns (concerns says who each is about).
    facts = [ReferralFact(r.kind, r.submitted_on, age_group_of(r.triage_age_group, r.age_group),
                          type_labels(r.exploitation_types), r.person, category_labels(r.exploitation_types))
             for r in submitted_referrals(organisation_ids)]

    # NRM records on support cases count unless the person was referred through the case's source
    # concern (by any organisation: the referral counts once, for the concern's organisation).
    referred = {}  # source concern -> its people referred to the NRM not yet taken to be a case's record
    for r in nrm_referrals_on_cases(organisation_ids):  # earliest referred first
        source = r.source
        if source is not None and source.nrm_referred:
            left = referred.setdefault(source.concern, set(source.nrm_referred))
            if not case_nrm_counts(source.people, left):
                continue
        codes = case_referral_types(r.exploitation_types, source.exploitation_types if source is not None else ())
        facts.append(ReferralFact(NRM, r.referred_on, ops.age_group_of_age(r.age_on_referral), type_labels(codes),
                                  r.person, category_labels(codes)))
    return facts


def case_referral_types(on_case, on_source_concern) -> tuple:
    """The types of exploitation an NRM record on a case is about: those recorded on the case (its
    latest risk status that names any), or, with none there, what the concern it came from said."""
    return tuple(on_case) or tuple(on_source_concern)


def case_nrm_counts(people_in_concern: int, referred: set) -> bool:
    """Whether the next NRM record on a case opened from a concern counts as a referral of its own
    (records are taken earliest first; ``referred`` holds the concern's people referred through it and
    is used up as records are matched to them). With one person in the concern, every case is about
    them; with several, a case cannot say which of them it is about, so the first records are taken
    to be the people already referred through the concern and any further ones count."""
    if people_in_concern <= 1:
        return False
    if referred:
        referred.pop()
        return False
    return True


def _load_nrm(organisation_ids):
    from clearsight.cases.api import nrm_facts

    return nrm_facts(organisation_ids)


def _load_support(organisation_ids, end):
    from clearsight.cases.api import support_cases

    return [SupportFact(c.person, c.opened_on, c.closed_on, c.first_task_on) for c in support_cases(organisation_ids, end)]


def _load_operations(organisation_ids, start, end):
    return ops.figures_for(organisation_ids, start, end)


def _load_training(organisations, on):
    from clearsight.training.api import compliance_totals

    result = []
    for org in organisations:
        totals = compliance_totals(org, on)
        if totals is not None:
            result.append(TrainingRow(org.name, totals.met, totals.not_met, totals.in_grace))
    return result


def _load_suppliers(organisations, start, end, on):
    from clearsight.screening.api import overview_for
    from clearsight.supply.api import has_suppliers

    result = []
    for org in organisations:
        if not has_suppliers(org.pk):
            continue
        o = overview_for(org, start=start, end=end, on=on, limit=0)
        result.append(SupplierRow(org.name, o.high_suppliers, o.high_assessed_suppliers, o.high_spend,
                                  o.high_assessed_spend))
    return result


def _load_plans(organisations, on):
    from clearsight.actionplan.api import plan_progress

    names = {o.pk: o.name for o in organisations}
    return [(title, names[organisation_id], p) for title, organisation_id, p in plan_progress(set(names), on)]


def board_figures(organisation_ids: set, start: date, end: date, today: date | None = None) -> BoardFigures:
    """Every figure for the organisations and period (the only function here that reads the database).
    Callers choose the organisations: ``aggregate_organisation_ids(user)`` in a request."""
    from django.utils import timezone

    from clearsight.core.models import Organisation

    today = today or timezone.localdate()
    on = as_at(end, today)
    organisation_ids = set(organisation_ids)
    organisations = list(Organisation.objects.filter(pk__in=organisation_ids).order_by("name"))
    return BoardFigures(
        start=start, end=end, on=on, quarters=quarters(start, end),
        concerns=_load_concerns(organisation_ids, start, end),
        referrals=_load_referrals(organisation_ids),
        nrm=_load_nrm(organisation_ids),
        support=_load_support(organisation_ids, end),
        operations=_load_operations(organisation_ids, start, end),
        training=_load_training(organisations, on),
        suppliers=_load_suppliers(organisations, start, end, on),
        plans=_load_plans(organisations, on),
        produced_on=today,
    )
