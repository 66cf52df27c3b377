"""The council's procurement thresholds and the modern slavery statement flag, as plain functions.

Amounts are in pounds (Decimal or int). A statement's year is a UK financial year (1 April to 31
March, ``core.dates.FinancialYear``) named by the year it ends in: "2026" is 1 April 2025 to 31 March
2026, written "2025 to 2026".
"""

from datetime import date
from decimal import Decimal

from clearsight.core.dates import FinancialYear
from clearsight.core.roles import Role

# Procurements under this value are usually let by services themselves, without the procurement team.
LET_BY_SERVICES_BELOW = Decimal("25000")
# Tenders over this value expect the supplier to sign the council's ethical employment code.
ETHICAL_CODE_OVER = Decimal("1000000")
# Organisations with a turnover of £36m or more must publish a modern slavery statement every
# financial year (Modern Slavery Act 2015, section 54).
STATEMENT_TURNOVER = Decimal("36000000")


def money(value) -> str:
    """£1,450.18; whole pounds without pence: £25,000."""
    value = Decimal(value)
    return f"£{value:,.0f}" if value == value.to_integral_value() else f"£{value:,.2f}"


def contract_value(annual_value, total_value):
    """The value the thresholds apply to: the whole-life value, or the annual value when that is all
    that is known. None when neither is."""
    if total_value is not None:
        return Decimal(total_value)
    if annual_value is not None:
        return Decimal(annual_value)
    return None


def let_by_services(value) -> bool:
    """Under £25,000: services may let the contract themselves."""
    return value is not None and Decimal(value) < LET_BY_SERVICES_BELOW


def expects_ethical_employment_code(value) -> bool:
    """Over £1m: the supplier is expected to sign the ethical employment code."""
    return value is not None and Decimal(value) > ETHICAL_CODE_OVER


VALUE_BANDS = [
    ("under-25k", "Under £25,000 (let by services)"),
    ("25k-1m", "£25,000 to £1 million"),
    ("over-1m", "Over £1 million (ethical employment code)"),
    ("unknown", "Value not known"),
]


def value_band(value) -> str:
    if value is None:
        return "unknown"
    if let_by_services(value):
        return "under-25k"
    if expects_ethical_employment_code(value):
        return "over-1m"
    return "25k-1m"


def contract_guidance(value) -> list[str]:
    """What the council's thresholds mean for a contract of this value, in words."""
    if value is None:
        return ["The contract's value is not recorded, so the council's thresholds cannot be checked. Add its value."]
    if let_by_services(value):
        return [f"At {money(value)} this contract is under {money(LET_BY_SERVICES_BELOW)}: the service can let it "
                "themselves, without the procurement team. Check the supplier against the modern slavery risk "
                "indicators all the same."]
    guidance = [f"At {money(value)} this contract is {money(LET_BY_SERVICES_BELOW)} or more: the procurement team "
                "runs it."]
    if expects_ethical_employment_code(value):
        guidance.append(f"It is over {money(ETHICAL_CODE_OVER)}, so the supplier is expected to sign the council's "
                        "ethical employment code in supply chains. Keep a copy of the signed code with the contract.")
    return guidance


def current_statement_years(today: date) -> tuple[int, int]:
    """The latest completed financial year and the current one: a statement for either is current."""
    current = FinancialYear.containing(today).end_year
    return current - 1, current


def statement_flag(annual_turnover, statement_years, today: date) -> str | None:
    """Why the supplier is flagged, in words, or None. A supplier is flagged when its annual turnover
    is over £36m and it has no statement for the latest completed financial year or the current one.
    An unknown turnover is never flagged (there is nothing to go on)."""
    if annual_turnover is None or Decimal(annual_turnover) <= STATEMENT_TURNOVER:
        return None
    completed, current = current_statement_years(today)
    years = set(statement_years)
    if completed in years or current in years:
        return None
    reason = (f"Its annual turnover of {money(annual_turnover)} is over {money(STATEMENT_TURNOVER)}, so it must publish "
              f"a modern slavery statement each year (Modern Slavery Act 2015, section 54), but no statement for "
              f"{FinancialYear.ending_in(completed).label} or {FinancialYear.ending_in(current).label} is recorded.")
    if years:
        latest = max(years)
        reason += f" The latest recorded is for {FinancialYear.ending_in(latest).label}."
    else:
        reason += " No statement is recorded at all."
    return reason


def statement_flag_summary(annual_turnover, statement_years, today: date) -> str | None:
    """The flag's reason in a few words, for lists."""
    if statement_flag(annual_turnover, statement_years, today) is None:
        return None
    completed, current = current_statement_years(today)
    return (f"Turnover {money(annual_turnover)}, over £36m; no statement for "
            f"{FinancialYear.ending_in(completed).label} or {FinancialYear.ending_in(current).label}")


def statement_areas_missing(areas_covered, all_areas) -> list[str]:
    """The labels of the six recommended areas a statement does not cover."""
    covered = set(areas_covered or [])
    return [label for key, label in all_areas if key not in covered]


def handles_for_council(user, concern) -> bool:
    """Only the handling council's own first responders and team managers link its concerns to its
    suppliers: a partner council that sees a shared concern does not reach the council's register."""
    own = user.organisation_ids_with_role(Role.FIRST_RESPONDER) | user.organisation_ids_with_role(Role.TEAM_MANAGER)
    return concern.handling_organisation_id in own
