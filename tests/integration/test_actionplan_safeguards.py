"""What stops the action plan going wrong when people act at the same moment, type impossible dates
or reach for records that are not theirs: a response saved as the year closes, two progress
updates on one action, an action changed as the review opens, due dates outside the plan year,
plan years that overlap, owners without an active account when the review opens, and people of
another organisation or another owner trying to act by public_id."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from clearsight.actionplan import services
from clearsight.actionplan.models import Framework, PlanAction, PlanYear, ProgressUpdate, ReviewResponse
from clearsight.core.roles import Role

from ..factories import OrganisationFactory, PartnershipFactory, PlanActionFactory, PlanYearFactory, make_user


@pytest.fixture(autouse=True)
def emails_sent_at_once(settings):
    """Emails are queued and sent by the task worker (core/email.py, ADR 0034); here its tasks run at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def world(anytown, bexford):
    shire = OrganisationFactory(name="Shire Shared Procurement Service", kind="procurement", is_first_responder=False)
    PartnershipFactory(name="Shire Procurement Partnership", kind="procurement").members.set([anytown, shire])
    helen = make_user(anytown, Role.STATEMENT_OWNER)
    sofia = make_user(anytown, Role.TRAINING_MANAGER, Role.STAFF)
    aisha = make_user(anytown, Role.PROCUREMENT_OFFICER, Role.STAFF)
    owen = make_user(shire, Role.PROCUREMENT_OFFICER, Role.STAFF)
    plan = PlanYearFactory(organisation=anytown, title="2026/27", starts_on=date(2026, 4, 1),
                           ends_on=date(2027, 3, 31),
                           framework=Framework.objects.get(code="five-responsibilities"))
    area = plan.framework.areas.get(code="prevention")

    def action(title, owner, org=anytown):
        return PlanActionFactory(plan=plan, area=area, title=title, description=f"{title}: the detail.",
                                 owner=owner, owner_organisation=org, due_on=date(2027, 3, 31),
                                 created_by=helen)

    return {"helen": helen, "sofia": sofia, "aisha": aisha, "owen": owen, "plan": plan, "anytown": anytown,
            "bexford": bexford, "shire": shire, "e_learning": action("E-learning", sofia),
            "suppliers": action("Assess high-risk suppliers", aisha),
            "clauses": action("Contract clauses", owen, shire)}


def _date(prefix, d):
    return {f"{prefix}-day": str(d.day), f"{prefix}-month": str(d.month), f"{prefix}-year": str(d.year)}


def _answer(**changes):
    return {"undertaken": "Done in part.", "done": "no", "continues": "yes", "next_year_description": "",
            "version": 0, **changes}


def _cleaned(**changes):
    """The response as the form cleans it, for calling the service directly."""
    return {"undertaken": "Done in part.", "done": False, "continues": True, "next_year_description": "",
            "version": 0, **changes}


def _in_review(plan):
    PlanYear.objects.filter(pk=plan.pk).update(status="in_review", review_due_on=date(2027, 4, 30))
    plan.refresh_from_db()


# --- the year closing while someone is answering ------------------------------------------------------

@pytest.mark.django_db
def test_a_response_sent_as_the_year_closes_is_not_saved_and_what_was_typed_is_kept(client, sign_in, world):
    plan, helen, sofia = world["plan"], world["helen"], world["sofia"]
    _in_review(plan)
    for key in ("e_learning", "suppliers", "clauses"):
        services.save_response(world[key], world[key].owner, _cleaned())
    # Sofia opened her response form while the review was open (her copy of the action says so)...
    stale = PlanAction.objects.select_related("plan").get(pk=world["e_learning"].pk)
    stale_response = ReviewResponse.objects.get(action=stale)
    # ...and the statement owner closes the year before she presses save
    services.close_year(plan, helen, title="2027/28", starts_on=date(2027, 4, 1), ends_on=date(2028, 3, 31))
    with pytest.raises(services.AlreadyDone):
        services.save_response(stale, sofia, _cleaned(undertaken="Changed after closing", continues=False, done=True,
                                                     version=stale_response.version))
    stale_response.refresh_from_db()
    assert stale_response.undertaken == "Done in part." and stale_response.continues is True
    # the review tables and the carried-forward action still agree
    assert PlanAction.objects.filter(carried_from=stale).exists()


@pytest.mark.django_db
def test_a_response_form_posted_after_closing_keeps_the_text_and_says_why(client, sign_in, world, monkeypatch):
    plan, sofia = world["plan"], world["sofia"]
    _in_review(plan)
    action = world["e_learning"]
    sign_in(client, sofia)

    def closed_meanwhile(*args, **kwargs):
        PlanYear.objects.unscoped("the test closes the year behind the view's back").filter(
            pk=plan.pk).update(status="closed")
        return original(*args, **kwargs)

    original = services.save_response
    monkeypatch.setattr(services, "save_response", closed_meanwhile)
    response = client.post(reverse("actionplan:response", kwargs={"public_id": action.public_id}),
                           _answer(undertaken="Typed just before the year closed"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "The year was closed before your response was saved" in page
    assert "Typed just before the year closed" in page
    assert not ReviewResponse.objects.filter(action=action).exists()


# --- optimistic locking on progress updates and action changes -----------------------------------------

@pytest.mark.django_db
def test_a_progress_update_on_an_old_version_shows_the_conflict_and_keeps_what_was_typed(client, sign_in, world):
    helen, sofia, action = world["helen"], world["sofia"], world["e_learning"]
    url = reverse("actionplan:progress-add", kwargs={"public_id": action.public_id})
    sign_in(client, sofia)
    page = client.get(url).content.decode()
    assert f'name="version" value="{action.version}"' in page
    seen = action.version
    # the statement owner records that the action is done in the meantime
    client.logout()
    sign_in(client, helen)
    assert client.post(url, {"text": "Finished in October.", "status": "done", "version": seen}).status_code == 302
    client.logout()
    sign_in(client, sofia)
    response = client.post(url, {"text": "Module still being tested.", "status": "in_progress", "version": seen})
    page = response.content.decode()
    assert response.status_code == 200 and "Someone else changed this" in page and "Module still being tested." in page
    action.refresh_from_db()
    assert action.status == "done"  # not silently set back to in progress
    assert list(ProgressUpdate.objects.values_list("text", flat=True)) == ["Finished in October."]
    # saving again from the conflict page (it carries the current version) goes through
    assert client.post(url, {"text": "Module still being tested.", "status": "in_progress",
                             "version": action.version}).status_code == 302
    assert ProgressUpdate.objects.count() == 2


@pytest.mark.django_db
def test_a_progress_update_cannot_change_an_action_once_its_year_has_closed(world):
    action = PlanAction.objects.select_related("plan").get(pk=world["e_learning"].pk)
    PlanYear.objects.filter(pk=world["plan"].pk).update(status="closed")
    PlanAction.objects.filter(pk=action.pk).update(status="not_done")
    saved = services.add_progress(action, world["sofia"], text="Late note", status="done", version=action.version)
    assert saved is None
    action.refresh_from_db()
    assert action.status == "not_done" and not ProgressUpdate.objects.exists()


@pytest.mark.django_db
def test_an_action_cannot_be_changed_once_the_review_has_opened_under_it(world):
    from clearsight.actionplan.forms import ActionForm

    action = PlanAction.objects.select_related("plan").get(pk=world["e_learning"].pk)
    data = {**ActionForm.initial_for(action), "title": "Renamed during the review"}
    data["area"], data["owner"], data["owner_organisation"] = action.area, action.owner, action.owner_organisation
    _in_review(world["plan"])  # the review opened after the form was shown
    assert services.change_action(action, data) is False
    action.refresh_from_db()
    assert action.title == "E-learning"


# --- dates ------------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_a_due_date_outside_the_plan_year_is_refused_and_what_was_typed_is_kept(client, sign_in, world):
    plan = world["plan"]
    sign_in(client, world["helen"])
    url = reverse("actionplan:action-add", kwargs={"public_id": plan.public_id})
    owner = f"{world['sofia'].public_id}:{world['anytown'].public_id}"
    for due in (date(2025, 12, 1), date(2027, 6, 30)):
        response = client.post(url, {"title": "Train drivers", "description": "Train the taxi drivers.",
                                     "area": "prevention", "owner": owner, **_date("due_on", due), "version": "0"})
        page = response.content.decode()
        assert response.status_code == 200
        assert "The due date must be within the plan year, 1 April 2026 to 31 March 2027" in page
        assert 'href="#id_due_on-day"' in page and 'value="Train drivers"' in page
    assert not PlanAction.objects.filter(title="Train drivers").exists()
    assert client.post(url, {"title": "Train drivers", "description": "Train the taxi drivers.", "area": "prevention",
                             "owner": owner, **_date("due_on", date(2027, 3, 31)), "version": "0"}).status_code == 302


@pytest.mark.django_db
def test_plan_years_of_one_organisation_cannot_overlap(client, sign_in, world):
    sign_in(client, world["helen"])
    response = client.post(reverse("actionplan:plan-add"), {
        "title": "Autumn plan", **_date("starts_on", date(2026, 10, 1)), **_date("ends_on", date(2027, 9, 30)),
        "framework": "five-responsibilities"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "These dates overlap the plan year 2026/27 (1 April 2026 to 31 March 2027)" in page
    assert 'value="Autumn plan"' in page
    assert not PlanYear.objects.filter(title="Autumn plan").exists()
    # another organisation's plan years do not get in the way
    bexford_owner = make_user(world["bexford"], Role.STATEMENT_OWNER)
    client.logout()
    sign_in(client, bexford_owner)
    assert client.post(reverse("actionplan:plan-add"), {
        "title": "2026/27", **_date("starts_on", date(2026, 4, 1)), **_date("ends_on", date(2027, 3, 31)),
        "framework": "five-responsibilities"}).status_code == 302


@pytest.mark.django_db
def test_the_next_year_must_start_after_the_closing_year_ends(client, sign_in, world):
    plan = world["plan"]
    _in_review(plan)
    for key in ("e_learning", "suppliers", "clauses"):
        services.save_response(world[key], world[key].owner, _cleaned())
    sign_in(client, world["helen"])
    url = reverse("actionplan:close", kwargs={"public_id": plan.public_id})
    response = client.post(url, {"title": "2027/28", **_date("starts_on", date(2027, 1, 1)),
                                 **_date("ends_on", date(2027, 12, 31))})
    assert response.status_code == 200 and "These dates overlap the plan year 2026/27" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == "in_review" and not PlanYear.objects.filter(title="2027/28").exists()
    assert client.post(url, {"title": "2027/28", **_date("starts_on", date(2027, 4, 1)),
                             **_date("ends_on", date(2028, 3, 31))}).status_code == 302


# --- opening the review -------------------------------------------------------------------------------

@pytest.mark.django_db
def test_owners_without_an_active_account_are_not_counted_as_emailed_and_are_named(client, sign_in, world):
    owen = world["owen"]
    owen.is_active = False
    owen.save(update_fields=["is_active"])
    sign_in(client, world["helen"])
    response = client.post(reverse("actionplan:review-open", kwargs={"public_id": world["plan"].public_id}),
                           _date("review_due_on", date(2099, 4, 30)), follow=True)
    page = response.content.decode()
    assert len(mail.outbox) == 2 and owen.email not in [m.to[0] for m in mail.outbox]
    assert "2 owners have been emailed" in page
    assert f"{owen.full_name} has no active account and was not emailed" in page


# --- reaching for records that are not yours ------------------------------------------------------------

@pytest.mark.django_db
def test_another_organisation_cannot_see_or_change_the_plan_by_public_id(client, sign_in, world):
    plan, action = world["plan"], world["e_learning"]
    _in_review(plan)
    bexford_owner = make_user(world["bexford"], Role.STATEMENT_OWNER)
    sign_in(client, bexford_owner)
    for name, kwargs, data in [
            ("actionplan:plan", {"public_id": plan.public_id}, None),
            ("actionplan:review-tables", {"public_id": plan.public_id}, None),
            ("actionplan:close", {"public_id": plan.public_id},
             {"title": "2027/28", **_date("starts_on", date(2027, 4, 1)), **_date("ends_on", date(2028, 3, 31))}),
            ("actionplan:review-chase", {"public_id": plan.public_id}, {}),
            ("actionplan:action", {"public_id": action.public_id}, None),
            ("actionplan:progress-add", {"public_id": action.public_id}, {"text": "x", "status": "done", "version": 1}),
            ("actionplan:response", {"public_id": action.public_id}, _answer())]:
        url = reverse(name, kwargs=kwargs)
        assert (client.post(url, data) if data is not None else client.get(url)).status_code == 404, name
    assert not ReviewResponse.objects.exists() and not ProgressUpdate.objects.exists()
    plan.refresh_from_db()
    assert plan.status == "in_review"


@pytest.mark.django_db
def test_an_owner_cannot_see_or_answer_for_another_owners_action(client, sign_in, world):
    _in_review(world["plan"])
    sign_in(client, world["owen"])  # partner organisation: no access to the plan itself
    assert client.get(reverse("actionplan:plan", kwargs={"public_id": world["plan"].public_id})).status_code == 403
    assert client.get(reverse("actionplan:action", kwargs={"public_id": world["clauses"].public_id})).status_code == 200
    for name in ("actionplan:action", "actionplan:response", "actionplan:progress-add"):
        url = reverse(name, kwargs={"public_id": world["suppliers"].public_id})
        assert client.get(url).status_code == 404, name
    assert client.post(reverse("actionplan:response", kwargs={"public_id": world["suppliers"].public_id}),
                       _answer()).status_code == 404
    page = client.get(reverse("actionplan:my-actions")).content.decode()
    assert "Contract clauses" in page and "Assess high-risk suppliers" not in page and "E-learning" not in page
    assert not ReviewResponse.objects.exists()


@pytest.mark.django_db
def test_a_new_owner_of_a_carried_forward_action_does_not_see_the_previous_owners_action(client, sign_in, world):
    plan = world["plan"]
    _in_review(plan)
    for key in ("e_learning", "suppliers", "clauses"):
        services.save_response(world[key], world[key].owner, _cleaned())
    new = services.close_year(plan, world["helen"], title="2027/28", starts_on=date(2027, 4, 1),
                              ends_on=date(2028, 3, 31))
    follow_on = new.actions.get(carried_from=world["suppliers"])
    PlanAction.objects.filter(pk=follow_on.pk).update(owner=world["owen"], owner_organisation=world["shire"])
    sign_in(client, world["owen"])
    page = client.get(reverse("actionplan:action", kwargs={"public_id": follow_on.public_id})).content.decode()
    assert "Carried forward from" not in page
    assert str(world["suppliers"].public_id) not in page


@pytest.mark.django_db
def test_closing_warns_about_continuing_actions_whose_owner_can_no_longer_own_them(client, sign_in, world):
    plan, aisha = world["plan"], world["aisha"]
    _in_review(plan)
    for key in ("e_learning", "suppliers", "clauses"):
        services.save_response(world[key], world[key].owner, _cleaned())
    aisha.is_active = False
    aisha.save(update_fields=["is_active"])
    sign_in(client, world["helen"])
    page = client.get(reverse("actionplan:close", kwargs={"public_id": plan.public_id})).content.decode()
    assert "This continuing action has an owner who can no longer own actions" in page
    assert f"Assess high-risk suppliers ({aisha.full_name}, Anytown Council)" in page
    assert "E-learning (" not in page.split("no longer own actions")[1]


@pytest.mark.django_db
def test_while_responses_are_missing_closing_shows_one_error_summary_about_them(client, sign_in, world):
    plan = world["plan"]
    _in_review(plan)
    sign_in(client, world["helen"])
    url = reverse("actionplan:close", kwargs={"public_id": plan.public_id})
    page = client.post(url, {"title": ""}).content.decode()
    assert page.count('class="govuk-error-summary"') == 1
    assert "The year cannot be closed yet" in page and "Enter a title for the plan year" not in page
    assert "Are you sure you want to close the year?" not in page
