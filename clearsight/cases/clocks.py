"""The NRM's statutory clocks, as plain functions with no Django in them.

- Reasonable Grounds decision: the aim is 5 working days after referral (England and Wales bank
  holidays are not working days).
- Recovery period: at least 30 calendar days from a positive Reasonable Grounds decision (45 days
  before 30 January 2023).
- Conclusive Grounds decision: no fixed deadline after the recovery period; a long wait must show.
- A decision made after the day it was due is late by the working days after that day, up to and
  including the day it was made (a decision on the due day is on time).
- Move-on support: at least 45 calendar days from a positive Conclusive Grounds decision, plus any
  extensions agreed after a recovery needs assessment.
- A child who turns 18 before the Conclusive Grounds decision must then consent to stay in the NRM:
  warn ahead of the 18th birthday (60 days by default), and keep warning after it until their
  consent (or their withdrawal) is recorded.
"""

from datetime import date, timedelta

from clearsight.core import dates

RG_WORKING_DAYS = 5
RECOVERY_DAYS = 30
RECOVERY_DAYS_BEFORE_2023 = 45
RECOVERY_CHANGE = date(2023, 1, 30)
MOVE_ON_DAYS = 45
LONG_CG_WAIT_DAYS = 90


def reasonable_grounds_due(referred_on: date, is_working_day=dates.is_working_day) -> date:
    """5 working days after the referral (England and Wales; tests may pass their own ``is_working_day``)."""
    return dates.add_working_days(referred_on, RG_WORKING_DAYS, is_working_day)


def working_days_late(due: date, decided_on: date, is_working_day=dates.is_working_day) -> int:
    """Working days from the day after ``due`` to ``decided_on``, both counted: 0 when the decision
    came on or before the day it was due. A decision made on a weekend after the due day counts as
    late by the working days before it, and at least 1."""
    if decided_on <= due:
        return 0
    late, day = 0, due
    while day < decided_on:
        day += timedelta(days=1)
        if is_working_day(day):
            late += 1
    return max(late, 1)


def recovery_period_ends(rg_positive_on: date) -> date:
    days = RECOVERY_DAYS if rg_positive_on >= RECOVERY_CHANGE else RECOVERY_DAYS_BEFORE_2023
    return rg_positive_on + timedelta(days=days)


def conclusive_grounds_wait(rg_positive_on: date, today: date) -> int:
    """Days waited for a Conclusive Grounds decision since the Reasonable Grounds decision."""
    return (today - rg_positive_on).days


def conclusive_grounds_wait_is_long(rg_positive_on: date, today: date, threshold_days: int = LONG_CG_WAIT_DAYS) -> bool:
    return conclusive_grounds_wait(rg_positive_on, today) > threshold_days


def move_on_support_ends(cg_positive_on: date, extension_days=()) -> date:
    return cg_positive_on + timedelta(days=MOVE_ON_DAYS + sum(extension_days))


def eighteenth_birthday(date_of_birth: date) -> date:
    try:
        return date_of_birth.replace(year=date_of_birth.year + 18)
    except ValueError:  # born on 29 February: the birthday is 1 March in a non-leap year
        return date(date_of_birth.year + 18, 3, 1)


def turning_18_alert(date_of_birth: date | None, today: date, cg_decided: bool, alert_days: int = 60, *,
                     referred_on: date | None = None, consented: bool = False, withdrawn: bool = False) -> date | None:
    """The 18th birthday if the person awaits a Conclusive Grounds decision and either turns 18 within
    ``alert_days``, or has already turned 18 while waiting (they were a child when referred on
    ``referred_on``) and neither consent to remain in the NRM nor withdrawal is recorded. Otherwise None.
    The alert after the birthday lasts until consent or withdrawal is recorded."""
    if date_of_birth is None or cg_decided or consented or withdrawn:
        return None
    birthday = eighteenth_birthday(date_of_birth)
    if today <= birthday <= today + timedelta(days=alert_days):
        return birthday
    if birthday < today and referred_on is not None and referred_on < birthday:
        return birthday
    return None


def age_on(date_of_birth: date, on: date) -> int:
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years
