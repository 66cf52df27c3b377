"""The NRM clocks: Reasonable Grounds due dates over weekends and England and Wales bank holidays,
the recovery period (30 days, 45 before 30 January 2023), move-on support with extensions, the
Conclusive Grounds wait, and the warning ahead of an 18th birthday (29 February births included).
Also where a whole referral stands, as the NRM tracker and the home page show it."""

from datetime import date

import pytest
import time_machine

from clearsight.cases import clocks, services
from clearsight.cases.models import NrmRecord
from clearsight.core.dates import is_working_day

D = date


# --- Working days ---------------------------------------------------------------------------------

@pytest.mark.parametrize("day, working", [
    (D(2026, 12, 24), True),    # Thursday
    (D(2026, 12, 25), False),   # Christmas Day, Friday
    (D(2026, 12, 26), False),   # Boxing Day, Saturday
    (D(2026, 12, 28), False),   # Boxing Day's substitute, Monday
    (D(2026, 12, 29), True),
    (D(2027, 1, 1), False),     # New Year's Day
    (D(2026, 4, 3), False),     # Good Friday
    (D(2026, 4, 6), False),     # Easter Monday
    (D(2026, 4, 7), True),
    (D(2026, 5, 4), False),     # Early May bank holiday
    (D(2026, 3, 7), False),     # a Saturday
])
def test_working_days_in_england_and_wales(day, working):
    assert is_working_day(day) is working


# --- Reasonable Grounds: 5 working days -------------------------------------------------------------

@pytest.mark.parametrize("referred, due", [
    (D(2026, 3, 2), D(2026, 3, 9)),     # Monday -> the next Monday
    (D(2026, 3, 6), D(2026, 3, 13)),    # Friday -> the next Friday
    (D(2026, 3, 7), D(2026, 3, 13)),    # Saturday: counting starts on Monday
    (D(2026, 3, 8), D(2026, 3, 13)),    # Sunday
    # Christmas 2026: Christmas Day (Fri 25), the weekend, Boxing Day's substitute (Mon 28), then
    # 29, 30, 31 December, New Year's Day (Fri 1 January), the weekend, 4 and 5 January.
    (D(2026, 12, 24), D(2027, 1, 5)),
    (D(2026, 12, 23), D(2027, 1, 4)),
    # Easter 2026: Good Friday 3 April and Easter Monday 6 April.
    (D(2026, 4, 1), D(2026, 4, 10)),
    (D(2026, 4, 2), D(2026, 4, 13)),
    (D(2026, 3, 31), D(2026, 4, 9)),
    # The early May bank holiday, Monday 4 May 2026.
    (D(2026, 4, 30), D(2026, 5, 8)),
])
def test_reasonable_grounds_due(referred, due):
    assert clocks.reasonable_grounds_due(referred, is_working_day) == due


def test_reasonable_grounds_due_never_counts_the_day_of_referral():
    every_day = lambda day: True  # noqa: E731
    assert clocks.reasonable_grounds_due(D(2026, 3, 2), every_day) == D(2026, 3, 7)


# --- Recovery period ------------------------------------------------------------------------------

@pytest.mark.parametrize("rg_positive, ends", [
    (D(2026, 3, 1), D(2026, 3, 31)),    # 30 days
    (D(2026, 12, 15), D(2027, 1, 14)),  # across the new year
    (D(2023, 1, 30), D(2023, 3, 1)),    # the first day of the 30-day rule
    (D(2023, 1, 29), D(2023, 3, 15)),   # the last day of the 45-day rule
    (D(2022, 6, 1), D(2022, 7, 16)),
])
def test_recovery_period(rg_positive, ends):
    assert clocks.recovery_period_ends(rg_positive) == ends


# --- Move-on support --------------------------------------------------------------------------------

def test_move_on_support_is_45_days():
    assert clocks.move_on_support_ends(D(2026, 1, 1)) == D(2026, 2, 15)


def test_move_on_support_extensions_add_up():
    assert clocks.move_on_support_ends(D(2026, 1, 1), [30]) == D(2026, 3, 17)
    assert clocks.move_on_support_ends(D(2026, 1, 1), [30, 14]) == D(2026, 3, 31)
    assert clocks.move_on_support_ends(D(2026, 1, 1), []) == D(2026, 2, 15)


# --- Conclusive Grounds wait --------------------------------------------------------------------------

def test_conclusive_grounds_wait_in_days():
    assert clocks.conclusive_grounds_wait(D(2026, 1, 1), D(2026, 5, 24)) == 143
    assert clocks.conclusive_grounds_wait(D(2026, 1, 1), D(2026, 1, 1)) == 0


def test_a_long_wait_is_one_beyond_the_threshold():
    assert not clocks.conclusive_grounds_wait_is_long(D(2026, 1, 1), D(2026, 4, 1))  # 90 days
    assert clocks.conclusive_grounds_wait_is_long(D(2026, 1, 1), D(2026, 4, 2))  # 91 days
    assert clocks.conclusive_grounds_wait_is_long(D(2026, 1, 1), D(2026, 2, 1), threshold_days=30)


# --- The 18th birthday ----------------------------------------------------------------------------

def test_eighteenth_birthday():
    assert clocks.eighteenth_birthday(D(2008, 4, 3)) == D(2026, 4, 3)
    # Born on 29 February: 18 years later is never a leap year, so the birthday is 1 March.
    assert clocks.eighteenth_birthday(D(2008, 2, 29)) == D(2026, 3, 1)
    assert clocks.eighteenth_birthday(D(2004, 2, 29)) == D(2022, 3, 1)


def test_age_of_someone_born_on_29_february():
    assert clocks.age_on(D(2008, 2, 29), D(2026, 2, 28)) == 17
    assert clocks.age_on(D(2008, 2, 29), D(2026, 3, 1)) == 18
    assert clocks.age_on(D(2008, 2, 29), D(2028, 2, 29)) == 20


@pytest.mark.parametrize("today, expected", [
    (D(2026, 2, 1), D(2026, 4, 2)),     # exactly 60 days ahead: the first day of the window
    (D(2026, 1, 31), None),             # 61 days ahead: not yet
    (D(2026, 4, 2), D(2026, 4, 2)),     # the birthday itself: still warned
    (D(2026, 4, 3), None),              # the day after: already 18, no longer "coming"
    (D(2026, 3, 15), D(2026, 4, 2)),
])
def test_turning_18_alert_window_edges(today, expected):
    assert clocks.turning_18_alert(D(2008, 4, 2), today, cg_decided=False, alert_days=60) == expected


@pytest.mark.parametrize("today, expected", [
    (D(2025, 12, 31), D(2026, 3, 1)),   # 60 days before 1 March 2026
    (D(2025, 12, 30), None),            # 61 days before
    (D(2026, 2, 28), D(2026, 3, 1)),    # still 17 on 28 February
    (D(2026, 3, 1), D(2026, 3, 1)),
    (D(2026, 3, 2), None),
])
def test_turning_18_alert_for_a_29_february_birth(today, expected):
    assert clocks.turning_18_alert(D(2008, 2, 29), today, cg_decided=False, alert_days=60) == expected


def test_no_18th_birthday_alert_after_a_decision_or_without_a_date_of_birth():
    assert clocks.turning_18_alert(D(2008, 4, 2), D(2026, 3, 15), cg_decided=True) is None
    assert clocks.turning_18_alert(None, D(2026, 3, 15), cg_decided=False) is None


@pytest.mark.parametrize("today, kwargs, expected", [
    # Turned 18 on 2 April 2026 while waiting (referred as a child): the alert stays after the birthday
    (D(2026, 4, 3), {"referred_on": D(2025, 9, 1)}, D(2026, 4, 2)),
    (D(2027, 1, 10), {"referred_on": D(2025, 9, 1)}, D(2026, 4, 2)),
    # ... until consent to remain in the NRM, or withdrawal, is recorded
    (D(2026, 4, 3), {"referred_on": D(2025, 9, 1), "consented": True}, None),
    (D(2026, 4, 3), {"referred_on": D(2025, 9, 1), "withdrawn": True}, None),
    # Already an adult when referred: nothing to consent to
    (D(2026, 6, 1), {"referred_on": D(2026, 5, 1)}, None),
    # Consent recorded before the birthday also ends the warning ahead of it
    (D(2026, 3, 15), {"referred_on": D(2025, 9, 1), "consented": True}, None),
])
def test_turning_18_alert_continues_after_the_birthday_until_consent_or_withdrawal(today, kwargs, expected):
    assert clocks.turning_18_alert(D(2008, 4, 2), today, cg_decided=False, alert_days=60, **kwargs) == expected


def test_turned_18_while_waiting_is_an_alert_until_consent_is_recorded():
    record = _record(referred_on=D(2026, 1, 5), rg_decision="positive", rg_decided_on=D(2026, 1, 9))
    dob = D(2008, 4, 2)  # 18 on 2 April 2026
    before = services.nrm_position(record, date_of_birth=dob, today=D(2026, 4, 1))
    assert before.turning_18 == D(2026, 4, 2) and not before.turned_18
    after = services.nrm_position(record, date_of_birth=dob, today=D(2026, 7, 1))
    assert after.turning_18 == D(2026, 4, 2) and after.turned_18
    record.consent_to_remain_on = D(2026, 6, 20)
    assert services.nrm_position(record, date_of_birth=dob, today=D(2026, 7, 1)).turning_18 is None
    record.consent_to_remain_on, record.withdrawn_on = None, D(2026, 6, 20)
    assert services.nrm_position(record, date_of_birth=dob, today=D(2026, 7, 1)).turning_18 is None


# --- Where a referral stands (services.nrm_position) -----------------------------------------------

def _record(**fields):
    return NrmRecord(referred_on=fields.pop("referred_on", D(2026, 1, 5)), **fields)


def test_waiting_for_reasonable_grounds_and_overdue():
    record = _record(referred_on=D(2026, 4, 1))
    on_time = services.nrm_position(record, today=D(2026, 4, 10))
    assert on_time.rg_due == D(2026, 4, 10) and not on_time.rg_overdue
    assert on_time.stage == "Waiting for a Reasonable Grounds decision"
    late = services.nrm_position(record, today=D(2026, 4, 13))
    assert late.rg_overdue and late.rg_days_waited == 12


def test_recovery_period_then_waiting_for_conclusive_grounds():
    record = _record(referred_on=D(2026, 1, 5), rg_decision="positive", rg_decided_on=D(2026, 1, 9))
    in_recovery = services.nrm_position(record, today=D(2026, 2, 8))
    assert in_recovery.recovery_ends == D(2026, 2, 8) and in_recovery.in_recovery
    assert in_recovery.stage == "Recovery period"
    waiting = services.nrm_position(record, today=D(2026, 6, 1), long_wait_days=90)
    assert waiting.stage == "Waiting for a Conclusive Grounds decision"
    assert waiting.cg_wait_days == 143 and waiting.cg_wait_long


def test_move_on_support_with_extensions():
    record = _record(rg_decision="positive", rg_decided_on=D(2026, 1, 9), cg_decision="positive", cg_decided_on=D(2026, 3, 1))
    pos = services.nrm_position(record, today=D(2026, 4, 20), extensions=[30])
    assert pos.move_on_base_ends == D(2026, 4, 15)
    assert pos.move_on_ends == D(2026, 5, 15) and pos.in_move_on and pos.move_on_days_left == 25
    ended = services.nrm_position(record, today=D(2026, 4, 20), extensions=[])
    assert not ended.in_move_on and ended.stage == "Move-on support has ended"


def test_withdrawn_and_negative_decisions_stop_the_clocks():
    withdrawn = services.nrm_position(_record(rg_decision="positive", rg_decided_on=D(2026, 1, 9), withdrawn_on=D(2026, 1, 20)),
                                      today=D(2026, 9, 1), date_of_birth=D(2008, 10, 1))
    assert withdrawn.stage == "Withdrawn from the NRM"
    assert not withdrawn.cg_wait_long and withdrawn.turning_18 is None
    negative = services.nrm_position(_record(rg_decision="negative", rg_decided_on=D(2026, 1, 9)), today=D(2026, 9, 1),
                                     date_of_birth=D(2008, 10, 1))
    assert negative.stage == "Negative Reasonable Grounds decision" and negative.turning_18 is None
    reconsidered = services.nrm_position(
        _record(rg_decision="negative", rg_decided_on=D(2026, 1, 9), reconsideration_requested_on=D(2026, 1, 20)),
        today=D(2026, 9, 1), date_of_birth=D(2008, 10, 1))
    assert reconsidered.turning_18 == D(2026, 10, 1)


def test_turning_18_uses_the_alert_window_from_settings(settings):
    record = _record(rg_decision="positive", rg_decided_on=D(2026, 1, 9))
    dob = D(2008, 6, 1)  # 18 on 1 June 2026
    settings.CASE_EIGHTEEN_ALERT_DAYS = 60
    assert services.nrm_position(record, date_of_birth=dob, today=D(2026, 4, 1)).turning_18 is None  # 61 days
    assert services.nrm_position(record, date_of_birth=dob, today=D(2026, 4, 2)).turning_18 == D(2026, 6, 1)
    settings.CASE_EIGHTEEN_ALERT_DAYS = 90
    assert services.nrm_position(record, date_of_birth=dob, today=D(2026, 4, 1)).turning_18 == D(2026, 6, 1)
    # Consent to remain in the NRM at 18 already recorded: nothing to warn about.
    record.consent_to_remain_on = D(2026, 3, 1)
    assert services.nrm_position(record, date_of_birth=dob, today=D(2026, 4, 1)).turning_18 is None


@time_machine.travel(date(2026, 5, 24), tick=False)
def test_today_is_read_when_not_given():
    record = _record(rg_decision="positive", rg_decided_on=D(2026, 1, 1))
    pos = services.nrm_position(record)
    assert pos.today == D(2026, 5, 24)
    assert pos.cg_wait_days == 143
