"""Action plan pages beyond the year's happy path: concurrent edits are never silently overwritten,
people who only look at the plan cannot change it or answer for others, the plan can be grouped by
another framework, and the home page tells owners what is due from them."""

import html
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from clearsight.actionplan.models import Area, Framework, PlanYear, ProgressUpdate, ReviewResponse
from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role

from ..factories import MembershipFactory, PlanActionFactory, PlanYearFactory, ReviewResponseFactory, make_user
from ..form_helpers import form_values


@pytest.fixture
def plan_setup(anytown):
    helen = make_user(anytown, Role.STATEMENT_OWNER)
    owner = make_user(anytown, Role.TRAINING_MANAGER, Role.STAFF)
    board = make_user(anytown, Role.BOARD_MEMBER)
    plan = PlanYearFactory(organisation=anytown, title="2026/27", starts_on=date(2026, 4, 1),
                           ends_on=date(2027, 3, 31), framework=Framework.objects.get(code="five-responsibilities"))
    action = PlanActionFactory(plan=plan, area=plan.framework.areas.get(code="prevention"), title="E-learning",
                               description="Make the e-learning mandatory.", owner=owner, owner_organisation=anytown,
                               due_on=date(2026, 9, 30), created_by=helen)
    action.other_areas.set([Area.objects.get(framework__code="four-ps", code="prevent")])
    return helen, owner, board, plan, action


def _form(action, **changes):
    data = {"title": action.title, "description": action.description, "area": action.area.code,
            "owner": f"{action.owner.public_id}:{action.owner_organisation.public_id}", "due_on-day": "31",
            "due_on-month": "3", "due_on-year": "2027", "version": str(action.version)}
    data.update(changes)
    return data


@pytest.mark.django_db
def test_a_second_edit_on_an_old_version_shows_the_conflict_and_keeps_what_was_typed(client, sign_in, plan_setup):
    helen, owner, board, plan, action = plan_setup
    sign_in(client, helen)
    url = reverse("actionplan:action-edit", kwargs={"public_id": action.public_id})
    stale = _form(action, description="Wording from the second person")
    assert client.post(url, _form(action, description="Wording from the first person")).status_code == 302
    response = client.post(url, stale)
    page = response.content.decode()
    assert response.status_code == 200 and "Someone else changed this" in page and "Wording from the second person" in page
    action.refresh_from_db()
    assert action.description == "Wording from the first person" and action.version == 2
    assert AuditEvent.objects.filter(actor=helen, action="change", record_id=str(action.public_id)).count() == 1
    # Saving again from the conflict page (it carries the current version) goes through
    assert client.post(url, {**stale, "version": "2"}).status_code == 302


@pytest.mark.django_db
def test_an_action_changed_in_two_tabs_keeps_both_changes(client, sign_in, plan_setup):
    helen, owner, board, plan, action = plan_setup
    sign_in(client, helen)
    url = reverse("actionplan:action-edit", kwargs={"public_id": action.public_id})
    tab_1, tab_2 = client.get(url).content.decode(), client.get(url).content.decode()
    assert client.post(url, form_values(tab_1, description="Train every buyer")).status_code == 302
    refused = client.post(url, form_values(tab_2, **{"due_on-day": "31", "due_on-month": "1", "due_on-year": "2027"}))
    page = refused.content.decode()
    assert "The form now shows their change to what will be done." in page
    assert "<title>Error: Change the action – action plan 2026/27" in page  # said once
    assert client.post(url, form_values(page)).status_code == 302
    action.refresh_from_db()
    assert (action.description, action.due_on) == ("Train every buyer", date(2027, 1, 31))


@pytest.mark.django_db
def test_those_who_only_look_cannot_change_or_answer(client, sign_in, plan_setup):
    helen, owner, board, plan, action = plan_setup
    sign_in(client, board)
    assert client.get(reverse("actionplan:plan", kwargs={"public_id": plan.public_id})).status_code == 200
    assert client.get(reverse("actionplan:action", kwargs={"public_id": action.public_id})).status_code == 200
    assert client.get(reverse("actionplan:action-edit", kwargs={"public_id": action.public_id})).status_code == 403
    assert client.post(reverse("actionplan:progress-add", kwargs={"public_id": action.public_id}),
                       {"text": "x", "status": "done"}).status_code == 403
    PlanYear.objects.filter(pk=plan.pk).update(status="in_review", review_due_on=date(2027, 4, 30))
    assert client.post(reverse("actionplan:response", kwargs={"public_id": action.public_id}),
                       {"undertaken": "x", "done": "yes", "continues": "no", "version": "0"}).status_code == 403
    assert not ProgressUpdate.objects.exists()


@pytest.mark.django_db
def test_the_plan_can_be_grouped_by_the_4ps_and_filtered_by_status(client, sign_in, plan_setup):
    helen, owner, board, plan, action = plan_setup
    PlanActionFactory(plan=plan, area=plan.framework.areas.get(code="detection"), title="Audit",
                      description="Audit it.", owner=helen, owner_organisation=plan.organisation,
                      due_on=date(2027, 3, 31), created_by=helen, status="done")
    sign_in(client, helen)
    url = reverse("actionplan:plan", kwargs={"public_id": plan.public_id})
    page = client.get(url, {"group_by": "four-ps"}).content.decode()
    prevent, unlinked = page.index(">Prevent</h2>"), page.index("Not linked to this framework")
    assert prevent < page.index("E-learning") < page.index(">Protect</h2>") < unlinked < page.index(">Audit<")
    page = client.get(url, {"status": "done"}).content.decode()
    assert ">Audit<" in page and ">E-learning<" not in page
    assert "Overdue" in client.get(url).content.decode()


@pytest.mark.django_db
def test_the_home_page_tells_owners_what_is_due_from_them(client, sign_in, plan_setup):
    helen, owner, board, plan, action = plan_setup
    sign_in(client, owner)
    page = client.get(reverse("core:home")).content.decode()
    assert "action plan action of yours is overdue" in page
    client.logout()
    # The statement owner sees the plan's overdue actions, whoever owns them.
    sign_in(client, helen)
    assert "action is overdue in action plan 2026/27" in client.get(reverse("core:home")).content.decode()
    client.logout()
    sign_in(client, owner)
    PlanYear.objects.filter(pk=plan.pk).update(status="in_review", review_due_on=timezone.localdate() + timedelta(days=5))
    page = client.get(reverse("core:home")).content.decode()
    assert "action plan action needs your year-end review response" in page
    assert page.count("year-end review response") == 1  # once, not in each role's section
    client.logout()
    sign_in(client, helen)
    page = client.get(reverse("core:home")).content.decode()
    assert "no year-end review response yet in action plan 2026/27" in page


@pytest.mark.django_db
def test_a_statement_owner_of_two_organisations_starts_the_plan_year_of_the_one_they_act_for(client, sign_in, anytown, bexford):
    from ..factories import act_for

    helen = make_user(anytown, Role.STATEMENT_OWNER)
    MembershipFactory(user=helen, organisation=bexford, role=Role.STATEMENT_OWNER)
    sign_in(client, helen)
    # Working for two organisations, she first says which she acts for
    assert client.get(reverse("actionplan:plan-add"))["Location"].startswith(reverse("core:choose-organisation"))
    act_for(client, bexford)
    page = client.get(reverse("actionplan:plan-add")).content.decode()
    assert "Whose plan year are you starting?" not in page

    data = {"organisation": str(anytown.public_id), "title": "2027/28", "starts_on-day": "1", "starts_on-month": "4",
            "starts_on-year": "2027", "ends_on-day": "31", "ends_on-month": "3", "ends_on-year": "2028",
            "framework": "five-responsibilities"}
    response = client.post(reverse("actionplan:plan-add"), data)
    assert response.status_code == 302
    # Acting for Bexford, the plan year is Bexford's, whatever the form was sent with
    assert PlanYear.objects.get(title="2027/28").organisation == bexford


@pytest.mark.django_db
def test_closing_a_year_whose_review_has_not_started_offers_to_start_it(client, sign_in, plan_setup):
    helen, owner, board, plan, action = plan_setup
    sign_in(client, helen)
    page = client.get(reverse("actionplan:close", kwargs={"public_id": plan.public_id})).content.decode()
    assert "The year-end review has not started yet" in page
    assert reverse("actionplan:review-open", kwargs={"public_id": plan.public_id}) in page
    assert "Chase the owners" not in page and "Back to the review" not in page
    # The due date's example is the plan's own last day
    page = client.get(reverse("actionplan:action-add", kwargs={"public_id": plan.public_id})).content.decode()
    assert "For example, 31 3 2027" in page


@pytest.mark.django_db
def test_a_year_end_response_changed_by_the_owner_and_the_statement_owner_at_once_keeps_both_changes(
        client, sign_in, plan_setup):
    """Given a response under review, when the statement owner (for the owner) says the action was done
    while the owner, from a page opened before, rewrites what was done, then the owner's save is refused
    and merged: the form shows the statement owner's answer and keeps the owner's words, and saving again
    keeps both. An answer both changed keeps the owner's, and says at the field what is saved now."""
    helen, owner, board, plan, action = plan_setup
    PlanYear.objects.filter(pk=plan.pk).update(status="in_review", review_due_on=date(2027, 4, 30))
    ReviewResponseFactory(action=action, undertaken="Half the staff trained.", done=False, continues=True,
                          next_year_description="", responded_by=owner)
    url = reverse("actionplan:response", kwargs={"public_id": action.public_id})
    sign_in(client, owner)
    owners_tab = client.get(url).content.decode()
    other = Client()
    sign_in(other, helen)
    assert other.post(url, form_values(other.get(url).content.decode(), done="yes")).status_code == 302
    refused = client.post(url, form_values(owners_tab, undertaken="Every member of staff trained."))
    page = html.unescape(refused.content.decode())
    assert refused.status_code == 200
    assert "The form now shows their change to the answer to “Was the action completed?”." in page
    assert "Every member of staff trained." in page
    assert client.post(url, form_values(refused.content.decode())).status_code == 302
    response = ReviewResponse.objects.get(action=action)
    assert (response.undertaken, response.done) == ("Every member of staff trained.", True)
    # Both rewrite what was done, differently: the owner's words stay, with what is saved now at the field.
    owners_tab = client.get(url).content.decode()
    assert other.post(url, form_values(other.get(url).content.decode(), undertaken="All trained by March.")).status_code == 302
    page = html.unescape(client.post(url, form_values(owners_tab, undertaken="All staff trained.")).content.decode())
    assert "You both changed what was done: the form shows your answer and what is saved now." in page
    assert page.count("Someone else changed what was done to “All trained by March.” since you opened the page") == 2
    assert "All staff trained." in page
    assert ReviewResponse.objects.get(action=action).undertaken == "All trained by March."
