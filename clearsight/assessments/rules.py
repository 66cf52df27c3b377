"""The business rules of supplier assessments, as plain functions: which questionnaire a supplier
gets, how answers are scored (and why), when the next assessment is due, and whether an action plan
may close. No database access here (the services module gathers the facts)."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from clearsight.core.dates import add_months, long_date

from . import questionnaires
from .schedule import DEFAULT_RENEWAL_NOTICE_DAYS

# --- Which questionnaire -------------------------------------------------------------------------------

STATEMENT_TURNOVER = Decimal("36000000")  # s.54 Modern Slavery Act 2015: statement required from £36m
HIGH_VALUE_CONTRACT = Decimal("1000000")  # council threshold: over £1m expects an ethical employment code
HIGH_RISK_TIERS = {"high", "very_high", "very high", "severe", "critical"}


@dataclass(frozen=True)
class SupplierFacts:
    """What is known about a supplier when choosing its questionnaire (None: not known)."""

    is_sme: bool | None = None
    annual_turnover: Decimal | None = None
    risk_tier: str | None = None  # from risk screening: "low", "medium", "high" ...
    largest_contract_value: Decimal | None = None


def _money(value):
    return f"£{value:,.0f}"


def is_high_risk(tier) -> bool:
    return tier is not None and str(tier).strip().lower().replace("-", "_") in HIGH_RISK_TIERS


def choose_questionnaire(facts: SupplierFacts) -> tuple[str, str]:
    """("short" or "full", the reason in words). The fuller questionnaire goes to suppliers that are
    high-risk, large (not an SME, or turnover of £36m or more) or hold a contract over £1m; the short
    one to small and medium-sized suppliers without any of those. When size is not known the fuller
    one is sent, because a short questionnaire could miss what matters."""
    reasons = []
    if is_high_risk(facts.risk_tier):
        reasons.append(f"risk screening rates it {str(facts.risk_tier).replace('_', ' ')} risk")
    if facts.annual_turnover is not None and facts.annual_turnover >= STATEMENT_TURNOVER:
        reasons.append(f"its turnover is {_money(facts.annual_turnover)}, so it must publish a modern slavery statement")
    elif facts.is_sme is False:
        reasons.append("it is not a small or medium-sized enterprise")
    if facts.largest_contract_value is not None and facts.largest_contract_value > HIGH_VALUE_CONTRACT:
        reasons.append(f"it holds a contract worth {_money(facts.largest_contract_value)}, over {_money(HIGH_VALUE_CONTRACT)}")
    if reasons:
        return questionnaires.FULL, "The full questionnaire, because " + _join(reasons) + "."
    if facts.is_sme is None and facts.annual_turnover is None:
        return questionnaires.FULL, "The full questionnaire, because the supplier's size is not known."
    risk = "its risk has not been screened yet" if facts.risk_tier is None else \
        f"risk screening rates it {str(facts.risk_tier).replace('_', ' ')} risk"
    return questionnaires.SHORT, ("The short questionnaire, because it is a small or medium-sized supplier with no contract "
                                  f"over {_money(HIGH_VALUE_CONTRACT)}, and {risk}.")


def _join(parts):
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


# --- Scoring ---------------------------------------------------------------------------------------------

GOOD, ADEQUATE, SUB_STANDARD, POOR = "good", "adequate", "sub_standard", "poor"
RESULT_LABELS = {GOOD: "Good", ADEQUATE: "Adequate", SUB_STANDARD: "Sub-standard", POOR: "Poor"}
ORDER = [GOOD, ADEQUATE, SUB_STANDARD, POOR]
BANDS = [(80, GOOD), (60, ADEQUATE), (40, SUB_STANDARD), (0, POOR)]  # lowest percentage for each result
NEEDS_ACTION_PLAN = {SUB_STANDARD, POOR}


@dataclass
class ScoredResult:
    result: str
    points: int
    possible: int
    raised: list[str] = field(default_factory=list)
    lowered: list[str] = field(default_factory=list)
    serious: list[str] = field(default_factory=list)
    not_applicable: list[str] = field(default_factory=list)
    unanswered: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.points / self.possible) if self.possible else 0

    @property
    def label(self) -> str:
        return RESULT_LABELS[self.result]

    @property
    def needs_action_plan(self) -> bool:
        return self.result in NEEDS_ACTION_PLAN

    def explanation(self) -> list[str]:
        """The result in sentences, for the reviewer and the record."""
        band = next(result for floor, result in BANDS if self.percent >= floor)
        lines = [f"The supplier scored {self.points} out of {self.possible} ({self.percent}%), "
                 f"which on its own is {RESULT_LABELS[band].lower()}."]
        if self.serious:
            worst = "poor" if len(self.serious) > 1 else "sub-standard"
            lines.append(f"The result is no better than {worst} because the supplier " + _join(self.serious) + ".")
        if self.raised:
            lines.append("Raised by: the supplier " + _join(self.raised) + ".")
        if self.lowered:
            lines.append("Lowered by: the supplier " + _join(self.lowered) + ".")
        if self.not_applicable:
            lines.append("Not counted, as they do not apply: the supplier " + _join(self.not_applicable) + ".")
        if self.unanswered:
            lines.append(f"{self.unanswered} {'question was' if self.unanswered == 1 else 'questions were'} not answered "
                         "and scored nothing.")
        lines.append(f"Result: {self.label.lower()}.")
        return lines


def score(questionnaire, answers: dict) -> ScoredResult:
    """Score the answers. Each answer earns 0, 1 or 2 points (answers that do not apply are left
    out); the share of the points possible gives the result: 80% or more good, 60% adequate, 40%
    sub-standard, less poor. An answer showing a serious risk to workers (``critical``) caps the
    result at sub-standard; two or more cap it at poor."""
    scored = ScoredResult(GOOD, 0, 0)
    for question in questionnaire.questions:
        option = question.option((answers.get(question.key) or {}).get("answer"))
        if option is None:
            scored.unanswered += 1
            scored.possible += question.max_points
            continue
        if option.points is None:
            scored.not_applicable.append(option.says)
            continue
        scored.points += option.points
        scored.possible += question.max_points
        if option.critical:
            scored.serious.append(option.says)
        elif option.points == question.max_points:
            scored.raised.append(option.says)
        else:
            scored.lowered.append(option.says)
    result = next(result for floor, result in BANDS if scored.percent >= floor)
    if len(scored.serious) == 1:
        result = max(result, SUB_STANDARD, key=ORDER.index)
    elif len(scored.serious) > 1:
        result = POOR
    scored.result = result
    return scored


# --- Reassessment ---------------------------------------------------------------------------------------

REASSESS_EVERY_MONTHS = 12


@dataclass(frozen=True)
class Due:
    on: date
    reason: str


def next_assessment_due(completed_on: date, contract_expiries, notice_days: int = DEFAULT_RENEWAL_NOTICE_DAYS) -> Due:
    """When the supplier must next be assessed: a year after the last completed assessment, or
    ``notice_days`` before one of its contracts comes up for renewal, whichever is sooner. A renewal
    that the last assessment already came after does not count."""
    due = Due(add_months(completed_on, REASSESS_EVERY_MONTHS), "a year after the last assessment")
    for expiry in sorted(e for e in contract_expiries if e is not None):
        before_renewal = expiry - timedelta(days=notice_days)
        if completed_on < before_renewal < due.on:
            due = Due(before_renewal, f"{notice_days} days before a contract comes up for renewal on {long_date(expiry)}")
            break
    return due


def due_status(due_on: date | None, today: date, soon_days: int = 30) -> str:
    """"never" (never assessed), "overdue", "due_soon" (within ``soon_days``) or "current"."""
    if due_on is None:
        return "never"
    if due_on < today:
        return "overdue"
    if due_on <= today + timedelta(days=soon_days):
        return "due_soon"
    return "current"


# --- Action plans ---------------------------------------------------------------------------------------

def plan_closure_problem(action_statuses, escalated: bool) -> str:
    """Why an action plan cannot close yet (empty if it can). A plan closes when every action is
    done, or when it has been escalated to sanctions or termination."""
    if escalated:
        return ""
    statuses = list(action_statuses)
    if not statuses:
        return "Add at least one action, or escalate the plan, before closing it"
    open_count = sum(1 for s in statuses if s != "done")
    if open_count:
        return (f"{open_count} {'action is' if open_count == 1 else 'actions are'} not done yet. "
                "Close the plan when every action is done, or escalate it")
    return ""
