"""The routing rules, for every combination of the facts the law turns on."""

import itertools
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from clearsight.concerns.routing import (
    ActionKind as K,
    AgeGroup,
    Consent,
    Due,
    Facts,
    PersonFacts,
    RouteSetting,
    due_at,
    required_kinds,
)
from clearsight.core.dates import is_working_day

LONDON = ZoneInfo("Europe/London")


C, A, U = AgeGroup.CHILD, AgeGroup.ADULT, AgeGroup.UNKNOWN
G, R, N = Consent.GIVEN, Consent.REFUSED, Consent.UNABLE
CHILD_ROUTE = {K.CHILDRENS_FRONT_DOOR, K.NRM_REFERRAL, K.ICTG_REFERRAL}

# The actions for each person's facts, written out in full: (age, consent, care needs) -> actions.
PERSON_TABLE = {
    (C, G, True): CHILD_ROUTE, (C, G, False): CHILD_ROUTE,
    (C, R, True): CHILD_ROUTE, (C, R, False): CHILD_ROUTE,
    (C, N, True): CHILD_ROUTE, (C, N, False): CHILD_ROUTE,
    (U, G, True): CHILD_ROUTE, (U, G, False): CHILD_ROUTE,
    (U, R, True): CHILD_ROUTE, (U, R, False): CHILD_ROUTE,
    (U, N, True): CHILD_ROUTE, (U, N, False): CHILD_ROUTE,
    (A, G, True): {K.NRM_REFERRAL, K.SUPPORT_OFFER, K.ADULT_SAFEGUARDING},
    (A, G, False): {K.NRM_REFERRAL, K.SUPPORT_OFFER},
    (A, R, True): {K.DUTY_TO_NOTIFY, K.ADULT_SAFEGUARDING},
    (A, R, False): {K.DUTY_TO_NOTIFY},
    (A, N, True): {K.DUTY_TO_NOTIFY, K.ADULT_SAFEGUARDING},
    (A, N, False): {K.DUTY_TO_NOTIFY, K.ADULT_SAFEGUARDING},
}
# Then, for the situation: immediate danger adds the police; a supplier adds the procurement champion.


def expected(age, consent, care, danger, supplier, ictg_available=True):
    kinds = set(PERSON_TABLE[(age, consent, care)])
    if not ictg_available:
        kinds.discard(K.ICTG_REFERRAL)
    if danger:
        kinds.add(K.POLICE)
    if supplier:
        kinds.add(K.PROCUREMENT_CHAMPION)
    return kinds


COMBINATIONS = list(itertools.product(list(AgeGroup), list(Consent), [True, False], [True, False], [True, False]))


def test_the_table_covers_every_combination():
    assert len(COMBINATIONS) == 3 * 3 * 2 * 2 * 2
    assert len(PERSON_TABLE) == 3 * 3 * 2


@pytest.mark.parametrize("age,consent,care,danger,supplier", COMBINATIONS)
def test_actions_for_each_combination(age, consent, care, danger, supplier):
    facts = Facts(PersonFacts(age, consent, care), danger, supplier)
    kinds = required_kinds(facts)
    assert set(kinds) == expected(age, consent, care, danger, supplier)
    assert len(kinds) == len(set(kinds))
    if danger:
        assert kinds[0] == K.POLICE  # the police first


@pytest.mark.parametrize("age,consent,care,danger,supplier", COMBINATIONS)
def test_without_an_ictg_service_no_ictg_action(age, consent, care, danger, supplier):
    facts = Facts(PersonFacts(age, consent, care), danger, supplier)
    kinds = required_kinds(facts, available=lambda kind: kind != K.ICTG_REFERRAL)
    assert set(kinds) == expected(age, consent, care, danger, supplier, ictg_available=False)


def test_a_child_is_referred_whatever_their_consent():
    for consent in Consent:
        kinds = required_kinds(Facts(PersonFacts(AgeGroup.CHILD, consent, False), False, False))
        assert K.NRM_REFERRAL in kinds and K.DUTY_TO_NOTIFY not in kinds


def test_an_adult_who_refuses_is_never_referred_to_the_nrm():
    kinds = required_kinds(Facts(PersonFacts(AgeGroup.ADULT, Consent.REFUSED, True), True, True))
    assert K.NRM_REFERRAL not in kinds and K.DUTY_TO_NOTIFY in kinds


# --- due times ----------------------------------------------------------------------------------

def at(y, m, d, h=10, minute=0):
    return datetime(y, m, d, h, minute, tzinfo=LONDON)


def test_immediately_is_now():
    start = at(2026, 11, 23)
    assert due_at(RouteSetting(K.POLICE, due=Due.IMMEDIATELY), start, is_working_day) == start


def test_same_day_is_the_end_of_the_working_day():
    rule = RouteSetting(K.CHILDRENS_FRONT_DOOR, due=Due.SAME_DAY)
    assert due_at(rule, at(2026, 11, 23, 10), is_working_day) == at(2026, 11, 23, 17)
    # After 5pm on a Friday: the end of Monday
    assert due_at(rule, at(2026, 11, 27, 18), is_working_day) == at(2026, 11, 30, 17)


def test_working_days_skip_weekends_and_bank_holidays():
    rule = RouteSetting(K.NRM_REFERRAL, due=Due.WORKING_DAYS, due_amount=2)
    # Thursday 24 December 2026: Friday 25 (Christmas), Monday 28 (Boxing Day substitute) are holidays
    assert due_at(rule, at(2026, 12, 24), is_working_day) == at(2026, 12, 30, 17)
    # Thursday 2 April 2026: Good Friday 3 April and Easter Monday 6 April
    assert due_at(rule, at(2026, 4, 2), is_working_day) == at(2026, 4, 8, 17)
    assert due_at(rule, at(2026, 4, 2)) == at(2026, 4, 8, 17)  # England and Wales unless told otherwise
    assert due_at(rule, at(2026, 4, 2), lambda day: True) == at(2026, 4, 4, 17)


def test_hours_count_every_hour():
    rule = RouteSetting(K.SUPPORT_OFFER, due=Due.HOURS, due_amount=4)
    assert due_at(rule, at(2026, 11, 23, 15), is_working_day) == at(2026, 11, 23, 19)


def test_bank_holidays_are_england_and_wales():
    assert not is_working_day(date(2026, 12, 25))
    assert not is_working_day(date(2026, 8, 31))  # summer bank holiday in England
    assert is_working_day(date(2026, 8, 3))  # a Scottish bank holiday, a working day here
    assert not is_working_day(date(2026, 11, 28))  # Saturday


def test_hours_are_real_hours_across_the_clocks_changing():
    rule = RouteSetting(K.SUPPORT_OFFER, due=Due.HOURS, due_amount=4)
    # The clocks go forward at 1am on 29 March 2026: 00:30 GMT + 4 hours is 05:30 BST
    assert due_at(rule, at(2026, 3, 29, 0, 30), is_working_day) == at(2026, 3, 29, 5, 30)
