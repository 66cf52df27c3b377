"""Each event of an NRM referral on its own short form, reached from the case's timeline, and a case
opened from the concern page (issue 17).

Dates are relative to the day the tests run (they also run at shifted dates)."""

import html
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clearsight.cases import clocks, services
from clearsight.cases.models import Case, NrmRecord, RiskStatus
from clearsight.core.dates import add_working_days, long_date
from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role

from ..concern_helpers import make_concern, triage
from ..factories import NrmRecordFactory, TeamFactory, TeamMemberFactory, make_user
from ..form_helpers import form_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(anytown):
    team = TeamFactory(organisation=anytown, name="Children's exploitation team")
    caseworker = make_user(anytown, Role.CASEWORKER, Role.STAFF)
    TeamMemberFactory(team=team, user=caseworker)
    case = services.open_case(
        user=caseworker,
        team=team,
        category=RiskStatus.Category.VICTIM,
        new_person={"first_name": "Sam", "last_name": "Okafor"},
    )
    return {"org": anytown, "team": team, "caseworker": caseworker, "case": case, "today": timezone.localdate()}


def url(name, case, query=""):
    return reverse(name, kwargs={"public_id": case.public_id}) + query


def dated(data=None, version=1, **dates):
    """A form's data: each date as its three boxes, and the version the form was loaded at."""
    data = {"version": str(version), **(data or {})}
    for name, value in dates.items():
        data.update({f"{name}-day": value.day, f"{name}-month": value.month, f"{name}-year": value.year})
    return data


def next_labels(page):
    """The labels of the 'Record what happened next' buttons on a page."""
    if "data-nrm-next" not in page:
        return []
    block = page.split("data-nrm-next", 1)[1].split("</div>", 1)[0]
    return [part.split("</a>", 1)[0] for part in block.split('">')[1:]]


def audited(case, action, contains):
    return AuditEvent.objects.filter(
        record_id=str(case.public_id), action=action, description__contains=contains
    ).exists()


# --- The link from the concern --------------------------------------------------------------------


def test_a_triaged_concern_offers_to_open_a_case_from_it(client, sign_in, w):
    """Given a concern a first responder has triaged, when they open the concern's page, then an "Open a
    case" button takes them to open a case from it; before triage the page offers triage instead."""
    responder = make_user(w["org"], Role.FIRST_RESPONDER, Role.STAFF)
    concern = make_concern(make_user(w["org"], Role.STAFF), people=[("Jamie Rivers", "child")])
    sign_in(client, responder)
    page = client.get(reverse("concerns:concern", kwargs={"public_id": concern.public_id})).content.decode()
    assert "Open a case" not in page
    triage(concern, responder, age="child")
    page = client.get(reverse("concerns:concern", kwargs={"public_id": concern.public_id})).content.decode()
    assert f'href="{reverse("cases:open")}?concern={concern.public_id}">Open a case</a>' in page


def test_the_concern_page_links_to_the_case_already_opened_from_it(client, sign_in, w):
    """Given a case opened from a concern, when a first responder who can see the case opens the concern,
    then the page links to the case instead of offering another; someone who cannot see it is told
    which team holds it, with no link."""
    responder = make_user(w["org"], Role.FIRST_RESPONDER, Role.CASEWORKER, Role.STAFF)
    TeamMemberFactory(team=w["team"], user=responder)
    concern = make_concern(make_user(w["org"], Role.STAFF), people=[("Jamie Rivers", "child")])
    triage(concern, responder, age="child")
    case = services.open_case(
        user=responder,
        team=w["team"],
        category=RiskStatus.Category.VICTIM,
        new_person={"first_name": "Jamie", "last_name": "Rivers"},
        source_concern=concern.public_id,
    )
    concern_url = reverse("concerns:concern", kwargs={"public_id": concern.public_id})
    sign_in(client, responder)
    page = client.get(concern_url).content.decode()
    assert f'href="{url("cases:case", case)}">case {case.reference}</a>' in page
    assert ">Open a case<" not in page and "Open a case for someone else" not in page
    client.logout()
    other_responder = make_user(w["org"], Role.FIRST_RESPONDER, Role.STAFF)
    sign_in(client, other_responder)
    page = client.get(concern_url).content.decode()
    assert "The Children&#x27;s exploitation team has opened a case from this concern" in page
    assert case.reference not in page and ">Open a case<" not in page


# --- Each event on its own form, from the timeline -----------------------------------------------


def test_the_referral_is_recorded_on_its_own_form_from_the_timeline(client, sign_in, w):
    """Given a case with no NRM referral, when the caseworker follows "Record an NRM referral" from the
    timeline and gives the date and the competent authority, then the referral is on the timeline, the
    change is audited, and the next events offered are the Reasonable Grounds decision and withdrawal."""
    case, referred = w["case"], w["today"] - timedelta(days=2)
    sign_in(client, w["caseworker"])
    timeline = client.get(url("cases:timeline", case)).content.decode()
    assert next_labels(timeline) == ["Record an NRM referral"]
    form = client.get(url("cases:nrm-referral", case, "?from=timeline")).content.decode()
    assert '<h1 class="govuk-heading-l">Record an NRM referral</h1>' in form and "rg_decision" not in form
    response = client.post(
        url("cases:nrm-referral", case),
        dated({"competent_authority": "sca", "from": "timeline"}, version=0, referred_on=referred),
    )
    assert response["Location"] == url("cases:timeline", case)
    record = NrmRecord.objects.get(case=case)
    assert (record.referred_on, record.competent_authority, record.version) == (referred, "sca", 1)
    assert audited(case, "create", "NRM referral recorded")
    timeline = client.get(response["Location"]).content.decode()
    assert "NRM referral recorded." in timeline and "Referred to the NRM" in timeline
    assert next_labels(timeline) == ["Record the Reasonable Grounds decision", "Record that they withdrew from the NRM"]


def test_a_reasonable_grounds_decision_made_after_its_due_date_is_flagged(client, sign_in, w):
    """Given a referral whose Reasonable Grounds decision was due some working days ago, when the
    caseworker records a decision made 2 working days after the due date, then the timeline, the case
    page and the NRM page flag it as a late decision, with the due date."""
    case = w["case"]
    referred = w["today"] - timedelta(days=30)
    due = clocks.reasonable_grounds_due(referred)
    decided = add_working_days(due, 2)
    NrmRecordFactory(case=case, referred_on=referred)
    sign_in(client, w["caseworker"])
    form = client.get(url("cases:nrm-reasonable-grounds", case, "?from=timeline")).content.decode()
    assert f"It was due on {long_date(due)}" in form
    response = client.post(
        url("cases:nrm-reasonable-grounds", case),
        dated({"decision": "positive", "from": "timeline"}, decided_on=decided),
    )
    assert response["Location"] == url("cases:timeline", case)
    record = NrmRecord.objects.get(case=case)
    assert (record.rg_decision, record.rg_decided_on, record.version) == ("positive", decided, 2)
    assert audited(case, "change", "made 2 working days after it was due")
    timeline = client.get(response["Location"]).content.decode()
    assert "Positive Reasonable Grounds decision" in timeline
    assert 'govuk-tag--red">Late decision</strong>' in timeline
    assert f"Made 2 working days after it was due on {long_date(due)}." in timeline
    assert next_labels(timeline) == ["Record the Conclusive Grounds decision", "Record that they withdrew from the NRM"]
    overview = client.get(url("cases:case", case)).content.decode()
    assert "Late decision" in overview and f"after it was due on {long_date(due)}" in overview
    assert "Late decision" in client.get(url("cases:nrm", case)).content.decode()


def test_a_decision_made_on_time_is_not_flagged(client, sign_in, w):
    """Given a referral, when its Reasonable Grounds decision is recorded on its due date, then nothing
    is flagged."""
    case = w["case"]
    referred = w["today"] - timedelta(days=30)
    NrmRecordFactory(case=case, referred_on=referred)
    sign_in(client, w["caseworker"])
    client.post(
        url("cases:nrm-reasonable-grounds", case),
        dated({"decision": "negative"}, decided_on=clocks.reasonable_grounds_due(referred)),
    )
    assert NrmRecord.objects.get(case=case).rg_decision == "negative"
    assert "Late decision" not in client.get(url("cases:timeline", case)).content.decode()
    assert "Late decision" not in client.get(url("cases:case", case)).content.decode()


def test_a_negative_decision_is_reconsidered_on_its_own_forms(client, sign_in, w):
    """Given a negative Reasonable Grounds decision, when the caseworker records the request for
    reconsideration and then the decision made on it, each on its own form, then the timeline shows
    both, the new decision is marked as made on reconsideration and is not flagged as late."""
    case, today = w["case"], w["today"]
    referred = today - timedelta(days=60)
    NrmRecordFactory(
        case=case, referred_on=referred, rg_decision="negative", rg_decided_on=referred + timedelta(days=3)
    )
    sign_in(client, w["caseworker"])
    assert next_labels(client.get(url("cases:timeline", case)).content.decode()) == [
        "Record a request for reconsideration"
    ]
    asked = referred + timedelta(days=10)
    response = client.post(
        url("cases:nrm-reconsideration", case), dated({"from": "timeline"}, reconsideration_requested_on=asked)
    )
    assert response.status_code == 302
    timeline = client.get(url("cases:timeline", case)).content.decode()
    assert "Reconsideration of the decision requested" in timeline
    assert next_labels(timeline) == ["Record the Reasonable Grounds decision after reconsideration"]
    # A date before the request is refused
    page = client.post(
        url("cases:nrm-reasonable-grounds", case),
        dated({"decision": "positive"}, version=2, decided_on=asked - timedelta(days=1)),
    ).content.decode()
    assert f"must be on or after the date reconsideration was asked for, {long_date(asked)}" in page
    client.post(
        url("cases:nrm-reasonable-grounds", case),
        dated({"decision": "positive"}, version=2, decided_on=asked + timedelta(days=20)),
    )
    record = NrmRecord.objects.get(case=case)
    assert (record.rg_decision, record.rg_reconsidered) == ("positive", True)
    assert audited(case, "change", "Reasonable Grounds decision after reconsideration recorded: positive")
    timeline = client.get(url("cases:timeline", case)).content.decode()
    assert "Positive Reasonable Grounds decision after reconsideration" in timeline and "Late decision" not in timeline
    assert next_labels(timeline)[0] == "Record the Conclusive Grounds decision"


def test_the_conclusive_grounds_decision_and_then_an_extension(client, sign_in, w):
    """Given a positive Reasonable Grounds decision, when the caseworker records a positive Conclusive
    Grounds decision on its own form, then move-on support starts and an extension is what comes next;
    the extension form, opened from the timeline, goes back to it."""
    case, today = w["case"], w["today"]
    NrmRecordFactory(
        case=case,
        referred_on=today - timedelta(days=90),
        rg_decision="positive",
        rg_decided_on=today - timedelta(days=85),
    )
    sign_in(client, w["caseworker"])
    page = client.post(
        url("cases:nrm-conclusive-grounds", case),
        dated({"decision": "positive"}, decided_on=today - timedelta(days=86)),
    ).content.decode()
    assert "must be on or after the Reasonable Grounds decision" in page
    client.post(
        url("cases:nrm-conclusive-grounds", case), dated({"decision": "positive"}, decided_on=today - timedelta(days=5))
    )
    record = NrmRecord.objects.get(case=case)
    assert (record.cg_decision, record.cg_decided_on) == ("positive", today - timedelta(days=5))
    assert audited(case, "change", "Conclusive Grounds decision recorded: positive")
    timeline = client.get(url("cases:timeline", case)).content.decode()
    assert "Positive Conclusive Grounds decision" in timeline
    assert next_labels(timeline) == ["Record an extension to move-on support"]
    response = client.post(
        url("cases:nrm-extension-add", case),
        {
            "days": "14",
            "agreed_on-day": today.day,
            "agreed_on-month": today.month,
            "agreed_on-year": today.year,
            "reason": "Waiting for a tenancy",
            "from": "timeline",
        },
    )
    assert response["Location"] == url("cases:timeline", case)
    assert "Move-on support extended by 14 days" in client.get(response["Location"]).content.decode()


def test_withdrawal_ends_what_can_be_recorded_next(client, sign_in, w):
    """Given a referral waiting for its Reasonable Grounds decision, when the caseworker records that the
    person withdrew, then the timeline shows it and offers nothing more to record."""
    case, today = w["case"], w["today"]
    NrmRecordFactory(case=case, referred_on=today - timedelta(days=3))
    sign_in(client, w["caseworker"])
    client.post(url("cases:nrm-withdrawal", case), dated(withdrawn_on=today))
    assert NrmRecord.objects.get(case=case).withdrawn_on == today
    assert audited(case, "change", "Withdrawal from the NRM recorded")
    timeline = client.get(url("cases:timeline", case)).content.decode()
    assert "Withdrawn from the NRM" in timeline and next_labels(timeline) == []


def test_consent_to_stay_is_offered_to_someone_who_turned_18_while_waiting(client, sign_in, w):
    """Given a young person referred as a child who turned 18 while waiting for the Conclusive Grounds
    decision, when the caseworker records the date they consented to stay in the NRM, then the alert
    ends and consent is no longer offered."""
    case, today = w["case"], w["today"]
    birthday = today - timedelta(days=10)  # their 18th, 10 days ago (1 March if that day is 29 February)
    born = (
        birthday.replace(year=birthday.year - 18, day=28)
        if (birthday.month, birthday.day) == (2, 29)
        else birthday.replace(year=birthday.year - 18)
    )
    case.person.date_of_birth = born
    case.person.save()
    NrmRecordFactory(
        case=case,
        referred_on=today - timedelta(days=60),
        rg_decision="positive",
        rg_decided_on=today - timedelta(days=55),
    )
    sign_in(client, w["caseworker"])
    timeline = client.get(url("cases:timeline", case)).content.decode()
    assert "Record their consent to stay in the NRM" in next_labels(timeline)
    client.post(url("cases:nrm-consent", case), dated(consent_to_remain_on=today))
    assert NrmRecord.objects.get(case=case).consent_to_remain_on == today
    timeline = client.get(url("cases:timeline", case)).content.decode()
    assert "Consented to remain in the NRM at 18" in timeline
    assert "Record their consent to stay in the NRM" not in next_labels(timeline)
    assert "Turned 18" not in client.get(url("cases:case", case)).content.decode()


def test_an_event_that_does_not_follow_cannot_be_recorded(client, sign_in, w):
    """Given a referral waiting for its Reasonable Grounds decision, when someone opens or sends the
    Conclusive Grounds form, then they are told it does not follow and nothing is saved."""
    case, today = w["case"], w["today"]
    NrmRecordFactory(case=case, referred_on=today - timedelta(days=3))
    sign_in(client, w["caseworker"])
    page = client.get(url("cases:nrm-conclusive-grounds", case)).content.decode()
    assert "This does not follow from where the referral stands now" in page and 'name="decision"' not in page
    client.post(url("cases:nrm-conclusive-grounds", case), dated({"decision": "positive"}, decided_on=today))
    assert NrmRecord.objects.get(case=case).cg_decision == "pending"


def test_a_recorded_event_is_changed_on_its_own_form(client, sign_in, w):
    """Given a recorded referral, when the caseworker changes its date from the NRM page, then only the
    referral's details are on the form, and the change is audited with what changed."""
    case, today = w["case"], w["today"]
    NrmRecordFactory(case=case, referred_on=today - timedelta(days=3))
    sign_in(client, w["caseworker"])
    nrm = client.get(url("cases:nrm", case)).content.decode()
    assert (
        f'href="{url("cases:nrm-referral", case, "?from=nrm")}">Change<span class="govuk-visually-hidden"> the referral details'
        in nrm
    )
    form = client.get(url("cases:nrm-referral", case, "?from=nrm")).content.decode()
    assert "Change the referral details" in form and f'value="{(today - timedelta(days=3)).day}"' in form
    response = client.post(
        url("cases:nrm-referral", case), dated({"competent_authority": "ieca"}, referred_on=today - timedelta(days=4))
    )
    assert response["Location"] == url("cases:nrm", case)
    record = NrmRecord.objects.get(case=case)
    assert (record.referred_on, record.competent_authority) == (today - timedelta(days=4), "ieca")
    assert audited(
        case, "change", "NRM referral details changed (Date referred to the NRM, Which competent authority decides?)"
    )


def test_a_closed_case_offers_nothing_to_record(client, sign_in, w):
    """Given a closed case, when its timeline is opened, then no NRM event is offered."""
    case = w["case"]
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED, closed_on=w["today"])
    sign_in(client, w["caseworker"])
    assert next_labels(client.get(url("cases:timeline", case)).content.decode()) == []


# --- Two people recording at once ------------------------------------------------------------------


def test_referral_details_changed_in_two_tabs_keep_both_changes(client, sign_in, w):
    """Given a recorded referral, when one tab corrects its date and another, opened before, changes the
    competent authority, then the second save is refused and merged: the form shows the corrected date
    and keeps the authority chosen, and saving again keeps both."""
    case, today = w["case"], w["today"]
    NrmRecordFactory(case=case, referred_on=today - timedelta(days=3), competent_authority="sca")
    sign_in(client, w["caseworker"])
    form_url = url("cases:nrm-referral", case, "?from=nrm")
    tab_1, tab_2 = client.get(form_url).content.decode(), client.get(form_url).content.decode()
    corrected = today - timedelta(days=5)
    assert client.post(form_url, form_values(tab_1, **{"referred_on-day": str(corrected.day),
                                                      "referred_on-month": str(corrected.month),
                                                      "referred_on-year": str(corrected.year)})).status_code == 302
    refused = client.post(form_url, form_values(tab_2, competent_authority="ieca"))
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "The form now shows their change to the date referred." in page
    assert client.post(form_url, form_values(page)).status_code == 302
    record = NrmRecord.objects.get(case=case)
    assert (record.referred_on, record.competent_authority) == (corrected, "ieca")


def test_a_decision_recorded_in_two_tabs_at_once_says_what_the_first_recorded(client, sign_in, w):
    """Given a referral waiting for its Reasonable Grounds decision, when two tabs record it differently,
    then the second is refused: its answers stay, and each field says what is saved now, so saving again
    replaces the first only as a choice."""
    case, today = w["case"], w["today"]
    NrmRecordFactory(case=case, referred_on=today - timedelta(days=10))
    sign_in(client, w["caseworker"])
    form_url = url("cases:nrm-reasonable-grounds", case)
    tab_1, tab_2 = client.get(form_url).content.decode(), client.get(form_url).content.decode()
    first, second = today - timedelta(days=4), today - timedelta(days=2)

    def decided(page, decision, on):
        return form_values(page, decision=decision, **{"decided_on-day": str(on.day), "decided_on-month": str(on.month),
                                                       "decided_on-year": str(on.year)})

    assert client.post(form_url, decided(tab_1, "positive", first)).status_code == 302
    page = html.unescape(client.post(form_url, decided(tab_2, "negative", second)).content.decode())
    assert ("Someone else changed the Reasonable Grounds decision to Positive since you opened the page"
            in page)
    assert f"Someone else changed the date of the decision to {long_date(first)} since you opened the page" in page
    record = NrmRecord.objects.get(case=case)
    assert (record.rg_decision, record.rg_decided_on) == ("positive", first)
