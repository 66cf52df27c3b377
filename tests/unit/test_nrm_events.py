"""Which NRM event can be recorded next, and when a decision was late (issue 17): plain functions."""

from datetime import date
from types import SimpleNamespace

import pytest

from clearsight.cases import clocks, nrm_events as E


def record(**fields):
    values = {
        "referred_on": date(2026, 3, 2),
        "rg_decision": "pending",
        "rg_decided_on": None,
        "rg_reconsidered": False,
        "cg_decision": "pending",
        "cg_decided_on": None,
        "cg_reconsidered": False,
        "withdrawn_on": None,
        "reconsideration_requested_on": None,
        "consent_to_remain_on": None,
    }
    return SimpleNamespace(**{**values, **fields})


def events(rec, **kwargs):
    return [e.event for e in E.next_events(rec, **kwargs)]


def test_without_a_referral_only_the_referral_comes_next():
    assert events(None) == [E.REFERRAL]
    assert events(None, case_closed=True) == []


def test_waiting_for_reasonable_grounds():
    assert events(record()) == [E.REASONABLE_GROUNDS, E.WITHDRAWAL]


def test_a_child_turning_18_while_waiting_may_consent_until_it_is_recorded():
    assert events(record(), turning_18=date(2026, 5, 1)) == [E.REASONABLE_GROUNDS, E.CONSENT, E.WITHDRAWAL]
    assert E.CONSENT not in events(record(consent_to_remain_on=date(2026, 5, 1)), turning_18=date(2026, 5, 1))


def test_after_a_positive_reasonable_grounds_decision_the_conclusive_grounds_decision_comes_next():
    assert events(record(rg_decision="positive", rg_decided_on=date(2026, 3, 6))) == [
        E.CONCLUSIVE_GROUNDS,
        E.WITHDRAWAL,
    ]


def test_a_negative_decision_can_be_reconsidered_once():
    negative = record(rg_decision="negative", rg_decided_on=date(2026, 3, 6))
    assert events(negative) == [E.RECONSIDERATION]
    asked = record(
        rg_decision="negative", rg_decided_on=date(2026, 3, 6), reconsideration_requested_on=date(2026, 3, 20)
    )
    assert E.next_events(asked) == [
        E.NextEvent(E.REASONABLE_GROUNDS, "Record the Reasonable Grounds decision after reconsideration")
    ]
    assert E.form_purpose(asked, E.REASONABLE_GROUNDS) == "reconsidered"
    final = record(
        rg_decision="negative",
        rg_decided_on=date(2026, 4, 6),
        rg_reconsidered=True,
        reconsideration_requested_on=date(2026, 3, 20),
    )
    assert events(final) == []


def test_a_negative_conclusive_grounds_decision_after_a_reconsidered_reasonable_grounds_one():
    rec = record(
        rg_decision="positive",
        rg_decided_on=date(2026, 4, 6),
        rg_reconsidered=True,
        reconsideration_requested_on=date(2026, 3, 20),
        cg_decision="negative",
        cg_decided_on=date(2026, 9, 1),
    )
    # The earlier request was about the Reasonable Grounds decision: this one can be reconsidered too
    assert events(rec) == [E.RECONSIDERATION]
    assert E.reconsidered_decision(rec) == E.CONCLUSIVE_GROUNDS


def test_a_positive_conclusive_grounds_decision_leads_to_move_on_support():
    assert events(
        record(
            rg_decision="positive",
            rg_decided_on=date(2026, 3, 6),
            cg_decision="positive",
            cg_decided_on=date(2026, 6, 1),
        )
    ) == [E.EXTENSION]


def test_after_withdrawal_nothing_comes_next_but_what_is_recorded_can_be_changed():
    rec = record(withdrawn_on=date(2026, 3, 4))
    assert events(rec) == []
    assert E.form_purpose(rec, E.WITHDRAWAL) == "change"
    assert E.form_purpose(rec, E.REFERRAL) == "change"
    assert E.form_purpose(rec, E.CONCLUSIVE_GROUNDS) == ""
    assert E.form_purpose(rec, E.WITHDRAWAL, case_closed=True) == ""


@pytest.mark.parametrize(
    "decided, late",
    [
        (date(2026, 3, 9), 0),  # due Monday 9 March 2026 (referred Monday 2 March): on time
        (date(2026, 3, 5), 0),  # early
        (date(2026, 3, 10), 1),
        (date(2026, 3, 16), 5),  # a week late: 5 working days
        (date(2026, 3, 14), 4),  # a Saturday: the working days before it (Tuesday to Friday)
    ],
)
def test_working_days_late(decided, late):
    due = clocks.reasonable_grounds_due(date(2026, 3, 2))
    assert due == date(2026, 3, 9)
    assert clocks.working_days_late(due, decided) == late


def test_bank_holidays_are_not_counted_as_late_days():
    # Due Thursday 2 April 2026; Good Friday 3 April and Easter Monday 6 April are bank holidays
    assert clocks.working_days_late(date(2026, 4, 2), date(2026, 4, 7)) == 1
