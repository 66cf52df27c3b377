"""Issue 17: the children-at-risk register for a past date, as known now or as recorded on that date."""

from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from clearsight.cases.models import NrmRecord, RiskStatus
from clearsight.core import audit
from clearsight.core.roles import Role

from ..factories import make_case, make_user

pytestmark = pytest.mark.django_db


def _at(day):
    return timezone.make_aware(datetime.combine(day, time(11, 0)))


def test_board_compares_with_an_earlier_report_using_the_register_as_recorded_then(client, sign_in, anytown):
    """Given a child recorded at risk a month ago (the day a board report was made), and ten days ago a
    caseworker recorded that the child had been a victim since before that report and had been referred to
    the NRM with a positive Reasonable Grounds decision dated before it,
    when the register for the report's date is shown as known now and as recorded on that date,
    then as known now it says victim, referred, positive; as recorded then it says what the report said:
    at risk, not referred; and the page says which one it shows."""
    today = timezone.localdate()
    report_day, correction_day = today - timedelta(days=30), today - timedelta(days=10)
    caseworker = make_user(anytown, Role.CASEWORKER)
    with time_machine.travel(_at(report_day), tick=False):
        case = make_case(anytown, caseworker, date_of_birth=report_day - timedelta(days=365 * 13),
                         opened_on=report_day - timedelta(days=5))
        RiskStatus.objects.create(case=case, category="at_risk", exploitation_types=["county-lines"],
                                  valid_from=report_day - timedelta(days=5), recorded_by=caseworker)
        audit.record_for(None, audit.Action.CREATE, case, description="Case opened")
    with time_machine.travel(_at(correction_day), tick=False):
        RiskStatus.objects.create(case=case, category="victim", exploitation_types=["county-lines"],
                                  valid_from=report_day - timedelta(days=3), recorded_by=caseworker)
        NrmRecord.objects.create(case=case, referred_on=report_day - timedelta(days=2), rg_decision="positive",
                                 rg_decided_on=report_day - timedelta(days=1))
        audit.record_for(None, audit.Action.CHANGE, case, description="NRM referral recorded")

    sign_in(client, caseworker)
    on = {"on-day": report_day.day, "on-month": report_day.month, "on-year": report_day.year}
    form = client.get(reverse("cases:register")).content.decode()
    assert "What the register said on that date" in form and "The records as known now" in form

    now = client.get(reverse("cases:register"), {**on, "view": "now"}).content.decode()
    assert 'data-figure="victims">1<' in now and 'data-figure="nrm-referred">1<' in now
    assert 'data-register-view="now"' in now and "as known now" in now

    then = client.get(reverse("cases:register"), {**on, "view": "recorded"}).content.decode()
    assert 'data-register-view="recorded"' in then and "as recorded on that date" in then
    assert 'data-figure="victims">0<' in then and 'data-figure="at-risk">1<' in then
    assert 'data-figure="nrm-referred">0<' in then and 'data-figure="nrm-not-referred">1<' in then
    assert case.reference in then


def test_the_register_history_gives_up_an_exact_date_of_birth_when_the_person_is_anonymised(anytown):
    """Given a closed case long past retention whose register history holds the exact date of birth,
    when retention anonymises the person,
    then the history holds only the coarsened date, as the person record does."""
    from datetime import date

    from clearsight.cases import retention
    from clearsight.cases.models import Person, RegisterHistory

    caseworker = make_user(anytown, Role.CASEWORKER)
    today = timezone.localdate()
    closed = date(today.year - 9, 3, 1)
    case = make_case(anytown, caseworker, date_of_birth=date(today.year - 30, 10, 10),
                     opened_on=date(today.year - 10, 4, 1), status="closed", closed_on=closed)
    audit.record_for(None, audit.Action.CHANGE, case, description="Case closed")
    assert RegisterHistory.objects.filter(case=case, part="person").get().values == {
        "date_of_birth": date(today.year - 30, 10, 10).isoformat()}
    retention.apply(today=today)
    coarse = Person.objects.get(pk=case.person_id).date_of_birth
    assert coarse != date(today.year - 30, 10, 10)
    assert [row.values for row in RegisterHistory.objects.filter(case=case, part="person")] == [
        {"date_of_birth": coarse.isoformat()}]
