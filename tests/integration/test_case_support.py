"""A case's support plan, safety plans, outcome scores, the outcome summary and the children-at-risk
register: what caseworkers can do, what is refused, and that every view and change is audited."""

import re
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
import time_machine
from lxml import html as lxml_html
from django.test import Client
from django.urls import reverse

from clearsight.cases.models import (
    AddressFlag,
    OutcomeScore,
    SafetyPlan,
    ServiceReferral,
    SupportTask,
)
from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role

from ..factories import AddressFlagFactory, CaseAssignmentFactory, NrmRecordFactory, PlacementFactory, RiskStatusFactory, SafetyPlanFactory, ServiceReferralFactory, SupportTaskFactory, make_case, make_user
from ..form_helpers import form_values

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


@pytest.fixture
def clock():
    with time_machine.travel(date(2026, 6, 15), tick=True):
        yield


@pytest.fixture
def world(clock, anytown, bexford):
    caseworker = make_user(anytown, Role.CASEWORKER)
    colleague = make_user(anytown, Role.CASEWORKER)
    case = make_case(anytown, caseworker)
    CaseAssignmentFactory(case=case, user=colleague)
    return SimpleNamespace(
        case=case, caseworker=caseworker, colleague=colleague,
        outsider=make_user(bexford, Role.CASEWORKER),  # works on cases, but not this one
        staff=make_user(anytown, Role.STAFF, Role.BOARD_MEMBER),  # cannot work on cases
    )


def url(name, case, *args):
    return reverse(f"cases:{name}", args=[case.public_id, *args])


def audited(case, action=None):
    events = AuditEvent.objects.filter(record_id=str(case.public_id))
    return events.filter(action=action) if action else events


def task_data(owner, **changes):
    data = {"phase": "immediate", "description": "Arrange a GP appointment", "owner": str(owner.public_id),
            "due_on-day": "20", "due_on-month": "6", "due_on-year": "2026", "status": "to_do"}
    data.update(changes)
    return data


# --- Support plan ---------------------------------------------------------------------------------

def test_support_plan_shows_tasks_by_phase_with_overdue_ones(client, sign_in, world):
    SupportTaskFactory(case=world.case, phase="immediate", description="Find a place of safety tonight",
                       owner=world.caseworker, due_on=TODAY - timedelta(days=2))
    SupportTaskFactory(case=world.case, phase="long", description="Register with a college",
                       owner=world.colleague, due_on=TODAY + timedelta(days=30), status="in_progress")
    SupportTaskFactory(case=world.case, phase="short", description="Done before it was due",
                       owner=world.colleague, due_on=TODAY - timedelta(days=9), status="done")
    sign_in(client, world.caseworker)
    page = client.get(url("support", world.case)).content.decode()
    for heading in ("Immediate (first 72 hours)", "Short term (until NRM entry or assessments)",
                    "Medium term (place of safety)", "Long term (resettlement)"):
        assert heading in page
    assert "1 task is overdue." in page
    assert page.count("govuk-tag--red\">Overdue") == 1
    assert "Find a place of safety tonight" in page and "13 June 2026" in page
    assert audited(world.case, "view").filter(description="Support plan").count() == 1


def test_add_a_task_and_see_errors_first(client, sign_in, world):
    sign_in(client, world.caseworker)
    response = client.post(url("support-task-add", world.case), {"owner": str(world.caseworker.public_id)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "Enter what needs to be done" in page and "Select the phase of support" in page
    assert "<title>Error: " in page
    assert not SupportTask.objects.exists()

    response = client.post(url("support-task-add", world.case), task_data(world.colleague))
    assert response.status_code == 302
    task = SupportTask.objects.get()
    assert (task.phase, task.owner, task.due_on, task.status) == ("immediate", world.colleague, date(2026, 6, 20), "to_do")
    assert audited(world.case, "create").get().description == f"Support task {task.pk} added (immediate)"


def test_the_phase_is_chosen_from_the_link(client, sign_in, world):
    sign_in(client, world.caseworker)
    page = client.get(url("support-task-add", world.case) + "?phase=medium").content.decode()
    assert re.search(r'value="medium"\s+checked', page)


def test_second_of_two_concurrent_task_edits_is_told_and_loses_nothing(client, sign_in, world):
    task = SupportTaskFactory(case=world.case, phase="short", description="Book an interpreter",
                              owner=world.caseworker, due_on=TODAY)
    edit = url("support-task-edit", world.case, task.pk)
    # Both open the form at version 1
    first = task_data(world.caseworker, phase="short", description="Book a Tigrinya interpreter", version=1)
    second = task_data(world.colleague, phase="short", description="Book an interpreter for Thursday", status="in_progress",
                       version=1)

    sign_in(client, world.caseworker)
    assert client.post(edit, first).status_code == 302
    client.logout()

    sign_in(client, world.colleague)
    response = client.post(edit, second)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this record while you were editing it" in page
    assert 'value="Book an interpreter for Thursday"' in page  # what they typed is kept
    assert "“Book a Tigrinya interpreter”" in page  # and they are shown what was saved
    assert 'name="version" value="2"' in page
    task.refresh_from_db()
    assert (task.description, task.version) == ("Book a Tigrinya interpreter", 2)
    assert audited(world.case, "view").filter(description=f"Support task {task.pk}: conflict shown").exists()

    assert client.post(edit, dict(second, version=2)).status_code == 302
    task.refresh_from_db()
    assert (task.description, task.status, task.owner, task.version) == (
        "Book an interpreter for Thursday", "in_progress", world.colleague, 3)
    assert audited(world.case, "change").count() == 2



def test_a_task_changed_in_two_tabs_keeps_both_changes(client, sign_in, world):
    """Given a task open in two tabs, when its wording is changed in one and its status in the other,
    then the second save is refused and merged, and saving again keeps both (before, it put the old
    wording back)."""
    task = SupportTaskFactory(case=world.case, phase="short", description="Book an interpreter",
                              owner=world.caseworker, due_on=TODAY)
    edit = url("support-task-edit", world.case, task.pk)
    sign_in(client, world.caseworker)
    tab_1, tab_2 = client.get(edit).content.decode(), client.get(edit).content.decode()
    assert client.post(edit, form_values(tab_1, description="Book a Tigrinya interpreter")).status_code == 302
    page = client.post(edit, form_values(tab_2, status="in_progress")).content.decode()
    assert "The form now shows their change to what needs to be done." in page
    assert client.post(edit, form_values(page)).status_code == 302
    task.refresh_from_db()
    assert (task.description, task.status) == ("Book a Tigrinya interpreter", "in_progress")

def test_a_task_of_another_case_is_not_found(client, sign_in, world, anytown):
    other = make_case(anytown, world.caseworker, first_name="Other")
    task = SupportTaskFactory(case=other, phase="short", description="x", owner=world.caseworker, due_on=TODAY)
    sign_in(client, world.caseworker)
    assert client.get(url("support-task-edit", world.case, task.pk)).status_code == 404


def test_referrals_are_added_and_changed_and_a_conflict_is_noticed(client, sign_in, world, bexford):
    sign_in(client, world.caseworker)
    response = client.post(url("service-referral-add", world.case), {
        "kind": "service", "service": "Specialist trafficking assessment", "partner": str(bexford.public_id),
        "status": "requested",
        "requested_on-day": "10", "requested_on-month": "6", "requested_on-year": "2026", "notes": ""})
    assert response.status_code == 302
    referral = ServiceReferral.objects.get()
    assert (referral.partner, referral.requested_on) == (bexford, date(2026, 6, 10))

    edit = url("service-referral-edit", world.case, referral.pk)
    page = client.get(edit).content.decode()
    data = form_values(page, status="accepted")
    # Someone else declines it in the meantime
    ServiceReferral.objects.filter(pk=referral.pk).update(status="declined", notes="No capacity until August",
                                                          version=2)
    response = client.post(edit, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this record while you were editing it" in page
    assert page.count("Someone else changed the status to Declined since you opened the page") == 2
    referral.refresh_from_db()
    assert referral.status == "declined"
    assert 'name="version" value="2"' in page
    # Saving again, as told: their status replaces the other's, whose notes stay
    assert client.post(edit, form_values(page)).status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.notes, referral.updated_on) == ("accepted", "No capacity until August", TODAY)
    assert audited(world.case, "change").get().description == f"Service referral {referral.pk} changed: status"


def _referral_values(page, **changes):
    """What the referral form on ``page`` sends, with ``changes`` made as a person would."""
    form = next(f for f in lxml_html.fromstring(page).forms if "service" in f.inputs.keys())
    values: dict = {}
    for name, value in form.form_values():
        if name != "csrfmiddlewaretoken":
            values.setdefault(name, []).append(value)
    return {**values, **{name: [value] for name, value in changes.items()}}


def test_a_referral_changed_in_two_tabs_keeps_both_changes(client, sign_in, world):
    """Given a referral open in two tabs, when its service is renamed in one and it is marked accepted in
    the other, then the second save is refused and merged: the form shows the new name and keeps the
    status chosen, and saving again keeps both (before, it put the old name back)."""
    referral = ServiceReferralFactory(case=world.case, service="Counselling", requested_on=date(2026, 6, 10))
    edit = url("service-referral-edit", world.case, referral.pk)
    sign_in(client, world.caseworker)
    tab_1, tab_2 = client.get(edit).content.decode(), client.get(edit).content.decode()
    assert client.post(edit, _referral_values(tab_1, service="Trauma counselling")).status_code == 302
    refused = client.post(edit, _referral_values(tab_2, status="accepted"))
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "The form now shows their change to the service." in page
    assert "<title>Error: Change a referral" in page  # said once
    assert client.post(edit, _referral_values(page)).status_code == 302
    referral.refresh_from_db()
    assert (referral.service, referral.status) == ("Trauma counselling", "accepted")


def test_emergency_placement_longer_than_five_working_days_is_flagged(client, sign_in, world):
    sign_in(client, world.caseworker)
    response = client.post(url("placement-add", world.case), {
        "kind": "emergency", "address": "Room 4, 12 Station Road",
        "starts_on-day": "1", "starts_on-month": "6", "starts_on-year": "2026"})
    assert response.status_code == 302
    PlacementFactory(case=world.case, kind="emergency", starts_on=date(2026, 6, 12))
    page = client.get(url("support", world.case)).content.decode()
    # 1 June 2026 (a Monday) + 5 working days = 8 June; still there on 15 June
    assert page.count("Longer than 5 working days") == 1
    assert "It should have ended by 8 June 2026." in page
    errors = client.post(url("placement-add", world.case), {
        "kind": "housing", "starts_on-day": "10", "starts_on-month": "6", "starts_on-year": "2026",
        "ends_on-day": "1", "ends_on-month": "6", "ends_on-year": "2026"}).content.decode()
    assert "The end date must be the same as or after the start date" in errors


def test_a_placement_end_date_is_recorded_and_checked(client, sign_in, world):
    placement = PlacementFactory(case=world.case, kind="safe_house", address="Kept private", starts_on=date(2026, 6, 1))
    edit = url("placement-edit", world.case, placement.pk)
    sign_in(client, world.caseworker)
    support = client.get(url("support", world.case)).content.decode()
    assert edit in support and "Record end date" in support
    page = client.get(edit).content.decode()
    assert "When did the placement end?" in page and "1 June 2026" in page
    errors = client.post(edit, {"ends_on-day": "31", "ends_on-month": "5", "ends_on-year": "2026",
                                "version": "1"}).content.decode()
    assert "The end date must be the same as or after the start date, 1 June 2026" in errors and "<title>Error: " in errors
    placement.refresh_from_db()
    assert placement.ends_on is None
    response = client.post(edit, {"ends_on-day": "12", "ends_on-month": "6", "ends_on-year": "2026", "version": "1"})
    assert response.status_code == 302 and response["Location"] == url("support", world.case) + "#placements"
    placement.refresh_from_db()
    assert placement.ends_on == date(2026, 6, 12)
    assert audited(world.case, "change").get().description == \
        f"Placement {placement.pk} end date changed from none to 2026-06-12"
    support = client.get(url("support", world.case)).content.decode()
    assert "12 June 2026" in support and "Change end date" in support
    # Another case's placement is not found through this case
    other = make_case(world.case.organisation, world.caseworker, first_name="Other")
    assert client.get(url("placement-edit", other, placement.pk)).status_code == 404


def _ended(page, day):
    """What the placement's end date form sends, as a person would fill it in from ``page``."""
    form = next(f for f in lxml_html.fromstring(page).forms if "ends_on-day" in f.inputs.keys())
    values = {name: value for name, value in form.form_values() if name != "csrfmiddlewaretoken"}
    return {**values, "ends_on-day": str(day), "ends_on-month": "6", "ends_on-year": "2026"}


def test_a_placement_end_date_recorded_by_two_caseworkers_at_once_is_not_silently_replaced(client, sign_in, world):
    """Given a placement with no end date, when a colleague records that it ended on 12 June while the
    caseworker, on a page opened before, records 14 June, then the caseworker's save is refused: their
    date stays in the form, the field says what is saved now, and only saving again replaces it."""
    placement = PlacementFactory(case=world.case, kind="safe_house", address="Kept private", starts_on=date(2026, 6, 1))
    edit = url("placement-edit", world.case, placement.pk)
    sign_in(client, world.caseworker)
    caseworkers_tab = client.get(edit).content.decode()
    colleague = Client()
    sign_in(colleague, world.colleague)
    assert colleague.post(edit, _ended(colleague.get(edit).content.decode(), 12)).status_code == 302
    refused = client.post(edit, _ended(caseworkers_tab, 14))
    placement.refresh_from_db()
    assert placement.ends_on == date(2026, 6, 12)
    page = refused.content.decode()
    assert refused.status_code == 200
    assert page.count("Someone else changed the end date to 12 June 2026 since you opened the page") == 2
    assert 'value="14"' in page
    assert client.post(edit, form_values(page)).status_code == 302
    placement.refresh_from_db()
    assert placement.ends_on == date(2026, 6, 14)


# --- Safety -----------------------------------------------------------------------------------------

def plan_data(**changes):
    data = {"risks": "Contact from the people who brought her to the UK", "measures": "Safety device; phone checked",
            "responsible": "Foster carer; social worker; police", "review_on-day": "1", "review_on-month": "7",
            "review_on-year": "2026"}
    data.update(changes)
    return data


def test_safety_plan_added_and_an_overdue_review_shows_red(client, sign_in, world):
    sign_in(client, world.caseworker)
    assert client.post(url("safety-plan-add", world.case), plan_data()).status_code == 302
    plan = SafetyPlan.objects.get()
    assert plan.review_on == date(2026, 7, 1)
    page = client.get(url("safety", world.case)).content.decode()
    assert "Review overdue" not in page
    with time_machine.travel(date(2026, 7, 2), tick=True):
        sign_in(client, world.caseworker)  # weeks later: a new session
        page = client.get(url("safety", world.case)).content.decode()
    assert '<strong class="govuk-tag govuk-tag--red">Review overdue</strong>' in page
    assert "A safety plan review is overdue." in page
    errors = client.post(url("safety-plan-add", world.case), plan_data(**{"review_on-year": "2025"})).content.decode()
    assert "The next review date must be today or in the future" in errors


def test_recording_a_review_sets_the_next_review_and_notices_a_conflict(client, sign_in, world):
    plan = SafetyPlanFactory(case=world.case, risks="r", measures="m", responsible="p", review_on=date(2026, 6, 1))
    review = url("safety-plan-review", world.case, plan.pk)
    data = plan_data(measures="Safety device; GPS tracker", version=1, **{
        "reviewed_on-day": "15", "reviewed_on-month": "6", "reviewed_on-year": "2026",
        "review_on-day": "15", "review_on-month": "9", "review_on-year": "2026"})
    sign_in(client, world.caseworker)
    assert client.post(review, data).status_code == 302
    plan.refresh_from_db()
    assert (plan.reviewed_on, plan.review_on, plan.measures, plan.version) == (
        TODAY, date(2026, 9, 15), "Safety device; GPS tracker", 2)
    # The same form sent again, still at version 1: the second reviewer is told
    response = client.post(review, dict(data, measures="Something else"))
    assert "Someone else changed this record while you were editing it" in response.content.decode()
    plan.refresh_from_db()
    assert plan.measures == "Safety device; GPS tracker"
    # A next review before the review itself is refused
    errors = client.post(review, dict(data, version=2, **{"review_on-month": "6"})).content.decode()
    assert "The next review date must be after the date of the review" in errors


def test_a_safety_plan_reviewed_in_two_tabs_keeps_both_changes(client, sign_in, world):
    """Given a safety plan's review open in two tabs, when what will keep them safe is changed in one
    and who is responsible in the other, then the second save is refused and merged: the form shows the
    new measures and keeps the people typed, and saving again keeps both (before, it put the old
    measures back)."""
    plan = SafetyPlanFactory(case=world.case, risks="r", measures="m", responsible="p", review_on=date(2026, 6, 1))
    review = url("safety-plan-review", world.case, plan.pk)
    next_review = {"review_on-day": "15", "review_on-month": "9", "review_on-year": "2026"}
    sign_in(client, world.caseworker)
    tab_1, tab_2 = client.get(review).content.decode(), client.get(review).content.decode()
    assert client.post(review, form_values(tab_1, measures="Safety device; GPS tracker", **next_review)).status_code == 302
    refused = client.post(review, form_values(tab_2, responsible="Foster carer; police", **next_review))
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "The form now shows their change to what will keep them safe." in page
    assert "<title>Error: Record a safety plan review" in page  # said once
    assert client.post(review, form_values(page)).status_code == 302
    plan.refresh_from_db()
    assert (plan.measures, plan.responsible) == ("Safety device; GPS tracker", "Foster carer; police")
    # Both set a next review date, differently: theirs is said at the field, and the one typed stays.
    tab_1, tab_2 = client.get(review).content.decode(), client.get(review).content.decode()
    assert client.post(review, form_values(tab_1, **{**next_review, "review_on-month": "10"})).status_code == 302
    page = client.post(review, form_values(tab_2, **{**next_review, "review_on-month": "11"})).content.decode()
    assert page.count("Someone else changed the next review date to 15 October 2026 since you opened the page") == 2
    assert 'value="11"' in page
    assert client.post(review, form_values(page)).status_code == 302
    plan.refresh_from_db()
    assert plan.review_on == date(2026, 11, 15)


def test_removing_an_address_flag_needs_confirmation(client, sign_in, world):
    sign_in(client, world.caseworker)
    assert client.post(url("address-flag-add", world.case), {
        "address": "Flat 2, 8 Mill Lane", "reason": "retrafficking"}).status_code == 302
    flag = AddressFlag.objects.get()
    remove = url("address-flag-remove", world.case, flag.pk)
    page = client.get(remove).content.decode()
    assert "Are you sure you want to remove the flag from this address?" in page
    assert 'class="govuk-button govuk-button--warning"' in page
    flag.refresh_from_db()
    assert flag.active  # looking at the question changes nothing
    assert client.post(remove).status_code == 302
    flag.refresh_from_db()
    assert not flag.active
    assert audited(world.case, "change").get().description == f"Address flag {flag.pk} removed"
    # Once removed, it cannot be removed again, and it is listed as removed
    assert client.get(remove).status_code == 404
    assert "Flags removed (1)" in client.get(url("safety", world.case)).content.decode()


# --- Outcomes ---------------------------------------------------------------------------------------

MEASURES = [code for code, _ in OutcomeScore.Measure.choices]


def scores_data(on, **scores):
    data = {"scored_on-day": str(on.day), "scored_on-month": str(on.month), "scored_on-year": str(on.year)}
    data.update({code: str(scores.get(code, 3)) for code in MEASURES})
    return data


def test_all_eight_measures_are_scored_at_once(client, sign_in, world):
    sign_in(client, world.caseworker)
    errors = client.post(url("outcome-add", world.case), {"risk": "2"}).content.decode()
    assert "Select a score for increased independence" in errors and "Enter the date of the scores" in errors
    assert client.post(url("outcome-add", world.case), scores_data(date(2026, 4, 3), risk=1)).status_code == 302
    assert OutcomeScore.objects.count() == 8
    assert set(OutcomeScore.objects.values_list("scored_by", flat=True)) == {world.caseworker.pk}
    again = client.post(url("outcome-add", world.case), scores_data(date(2026, 4, 3))).content.decode()
    assert "Scores for this date have already been recorded" in again
    assert OutcomeScore.objects.count() == 8


def _chart_and_table(page):
    chart = set()
    for segment in page.split('data-panel="')[1:]:
        measure = segment.split('"', 1)[0]
        svg = segment.split("</svg>", 1)[0]
        chart |= {(measure, on, int(score)) for on, score in re.findall(r'data-on="([\d-]+)" data-score="(\d)"', svg)}
    table = set()
    for segment in page.split('<tr class="govuk-table__row" data-measure="')[1:]:
        measure = segment.split('"', 1)[0]
        row = segment.split("</tr>", 1)[0]
        table |= {(measure, on, int(score)) for on, score in re.findall(r'data-on="([\d-]+)">(\d)<', row)}
    return chart, table


def test_outcome_chart_and_table_show_the_same_figures(client, sign_in, world):
    sign_in(client, world.caseworker)
    client.post(url("outcome-add", world.case), scores_data(date(2026, 4, 3), risk=1, trauma=2))
    client.post(url("outcome-add", world.case), scores_data(date(2026, 6, 1), risk=3, trauma=2, rights=5))
    page = client.get(url("outcomes", world.case)).content.decode()
    chart, table = _chart_and_table(page)
    assert len(chart) == 16
    assert chart == table
    assert ("risk", "2026-04-03", 1) in chart and ("rights", "2026-06-01", 5) in chart
    assert "First score 1, latest 3, change +2" in page
    changes = dict(re.findall(r'data-measure="(\w+)">.*?data-change>([^<]*)<', page, re.S))
    assert (changes["risk"], changes["rights"], changes["trauma"]) == ("+2", "+2", "0")


def test_outcomes_summary_shows_averages_in_chart_and_table_and_no_names(client, sign_in, world, anytown):
    second = make_case(anytown, world.caseworker, first_name="Tomasz", last_name="Nowak")
    hidden = make_case(anytown, world.outsider, first_name="Hidden", last_name="Person")
    for case, first, latest in ((world.case, 1, 4), (second, 2, 2), (hidden, 1, 1)):
        for on, score in ((date(2026, 3, 1), first), (date(2026, 6, 1), latest)):
            OutcomeScore.objects.bulk_create([OutcomeScore(case=case, measure=m, score=score if m == "risk" else 3,
                                                           scored_on=on, scored_by=world.caseworker) for m in MEASURES])
    sign_in(client, world.caseworker)
    response = client.get(reverse("cases:outcomes-summary"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "across the 2 cases you can see" in page
    risk_chart = page.split('<g data-measure="risk">', 1)[1].split("</g>", 1)[0]
    bars = dict(re.findall(r'data-kind="(first|latest)" data-value="([\d.]+)"', risk_chart))
    risk_row = page.split('<tr class="govuk-table__row" data-measure="risk">', 1)[1].split("</tr>", 1)[0]
    cells = dict(re.findall(r'data-kind="(first|latest|change)">([^<]+)<', risk_row))
    assert bars == {"first": "1.5", "latest": "3.0"}
    assert cells == {"first": "1.5", "latest": "3.0", "change": "+1.5"}
    for name in ("Amira", "Haddad", "Tomasz", "Nowak", "Hidden", world.case.reference):
        assert name not in page
    assert AuditEvent.objects.filter(record_type="outcomes summary", actor=world.caseworker).count() == 1
    client.logout()
    sign_in(client, world.staff)
    assert client.get(reverse("cases:outcomes-summary")).status_code == 403


# --- The children-at-risk register --------------------------------------------------------------------

def test_register_counts_at_today_and_a_past_date(client, sign_in, world, anytown):
    RiskStatusFactory(case=world.case, category="at_risk", exploitation_types=["county-lines"],
                      vulnerability_markers=["missing"], valid_from=date(2026, 1, 5), recorded_by=world.caseworker)
    RiskStatusFactory(case=world.case, category="victim", exploitation_types=["county-lines"],
                      vulnerability_markers=["missing"], valid_from=date(2026, 5, 1), recorded_by=world.caseworker)
    NrmRecordFactory(case=world.case, referred_on=date(2026, 5, 2), rg_decision="positive",
                     rg_decided_on=date(2026, 5, 8))
    adult = make_case(anytown, world.caseworker, first_name="Adult", date_of_birth=date(1990, 1, 1))
    RiskStatusFactory(case=adult, category="victim", valid_from=date(2026, 1, 5), recorded_by=world.caseworker)
    unseen = make_case(anytown, world.outsider, first_name="Unseen")
    RiskStatusFactory(case=unseen, category="victim", valid_from=date(2026, 1, 5), recorded_by=world.caseworker)

    sign_in(client, world.caseworker)
    page = client.get(reverse("cases:register")).content.decode()
    assert "As at 15 June 2026 (today)" in page
    assert 'data-figure="total">1<' in page and 'data-figure="victims">1<' in page and 'data-figure="referred">1<' in page
    assert world.case.reference in page and unseen.reference not in page and adult.reference not in page
    assert f'href="{reverse("cases:case", args=[world.case.public_id])}"' in page

    past = client.get(reverse("cases:register"), {"on-day": "1", "on-month": "4", "on-year": "2026"}).content.decode()
    assert "As at 1 April 2026" in past
    assert 'data-figure="victims">0<' in past and 'data-figure="at-risk">1<' in past
    assert 'data-figure="nrm-referred">0<' in past and 'data-figure="nrm-not-referred">1<' in past

    filtered = client.get(reverse("cases:register"), {"marker": "looked-after"}).content.decode()
    assert 'data-figure="total">0<' in filtered

    wrong = client.get(reverse("cases:register"), {"on-day": "31", "on-month": "2", "on-year": "2026"}).content.decode()
    assert "The date must be a real date" in wrong
    future = client.get(reverse("cases:register"), {"on-day": "1", "on-month": "1", "on-year": "2027"}).content.decode()
    assert "The date must be today or in the past" in future
    descriptions = list(AuditEvent.objects.filter(record_type="children at risk register").values_list("description", flat=True))
    assert "As at 2026-04-01 (as known now); 1 child; type any; marker any" in descriptions


# --- Access and audit -------------------------------------------------------------------------------

CASE_PAGES = ["support", "support-task-add", "service-referral-add", "placement-add", "safety", "safety-plan-add",
              "address-flag-add", "outcomes", "outcome-add"]


def _every_case_url(case, caseworker):
    task = SupportTaskFactory(case=case, phase="short", description="x", owner=caseworker, due_on=TODAY)
    referral = ServiceReferralFactory(case=case, service="Counselling")
    plan = SafetyPlanFactory(case=case, risks="r", measures="m", responsible="p", review_on=TODAY)
    flag = AddressFlagFactory(case=case, address="1 High Street", reason="missing")
    placement = PlacementFactory(case=case, kind="housing", starts_on=TODAY)
    return [url(name, case) for name in CASE_PAGES] + [
        url("support-task-edit", case, task.pk), url("service-referral-edit", case, referral.pk),
        url("safety-plan-review", case, plan.pk), url("address-flag-remove", case, flag.pk),
        url("placement-edit", case, placement.pk)]


def test_every_case_page_is_audited_against_the_case(client, sign_in, world):
    urls = _every_case_url(world.case, world.caseworker)
    sign_in(client, world.caseworker)
    for page in urls:
        before = audited(world.case, "view").count()
        assert client.get(page).status_code == 200, page
        assert audited(world.case, "view").count() == before + 1, page
    assert all(e.actor == world.caseworker for e in audited(world.case))


def test_someone_who_cannot_see_the_case_gets_not_found(client, sign_in, world):
    urls = _every_case_url(world.case, world.caseworker)
    sign_in(client, world.outsider)
    for page in urls:
        assert client.get(page).status_code == 404, page
        assert client.post(page, {}).status_code == 404, page
    # Nothing about the case was shown or changed: the only events are the refusals themselves
    assert set(audited(world.case).values_list("action", flat=True)) == {AuditEvent.Action.ACCESS_DENIED}
    flag = AddressFlag.objects.get()
    assert flag.active


def test_someone_who_does_not_work_on_cases_is_refused(client, sign_in, world):
    urls = _every_case_url(world.case, world.caseworker) + [reverse("cases:register"), reverse("cases:outcomes-summary")]
    sign_in(client, world.staff)
    for page in urls:
        assert client.get(page).status_code == 403, page
    client.logout()
    for page in urls:
        response = client.get(page)
        assert response.status_code == 302 and response["Location"].startswith(reverse("core:sign-in")), page


def test_a_placement_or_referral_page_opened_before_they_had_a_version_is_merged_not_an_error(client, sign_in, world):
    """Given a placement end date page and a referral page opened before placements and referrals had a
    version (they send none, nor the values they started from), when they are saved, then nothing is
    saved unseen and there is no error at a field the caseworker cannot see: the end date typed stays,
    the field says what is saved now, and saving again saves it (before, the error summary said 'This
    field is required.' and linked to the hidden version)."""
    placement = PlacementFactory(case=world.case, kind="safe_house", address="Kept private", starts_on=date(2026, 6, 1),
                                 ends_on=date(2026, 6, 12))
    referral = ServiceReferralFactory(case=world.case, service="Counselling", requested_on=date(2026, 6, 10))
    sign_in(client, world.caseworker)
    edit = url("placement-edit", world.case, placement.pk)
    page = client.post(edit, {"ends_on-day": "14", "ends_on-month": "6", "ends_on-year": "2026"}).content.decode()
    assert "#id_version" not in page and "This field is required" not in page
    assert page.count("What is saved now for the end date is 12 June 2026") == 2 and 'value="14"' in page
    assert client.post(edit, form_values(page)).status_code == 302
    placement.refresh_from_db()
    assert (placement.ends_on, placement.version) == (date(2026, 6, 14), 2)
    edit = url("service-referral-edit", world.case, referral.pk)
    old_page = {name: values for name, values in _referral_values(client.get(edit).content.decode(), status="accepted").items()
                if name not in ("version", "started_from")}
    page = client.post(edit, {**old_page, "fingerprint": "0" * 32}).content.decode()
    assert "#id_version" not in page and "This field is required" not in page
    assert page.count("What is saved now for the status is Requested") == 2
    assert client.post(edit, _referral_values(page)).status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.version) == ("accepted", 2)
