"""Acceptance: a year of the action plan, through the pages.

Given Anytown Council's statement owner and action owners in the council and in the partner
procurement service, when the statement owner starts the 2025/26 plan year and enters actions
across the five responsibilities, owners record progress, the statement owner opens the year-end
review, owners say what was done (one late, chased, then answered for by the statement owner), and
the year is closed, then the review tables show what was proposed against what was undertaken,
grouped by area in the framework's order, and the new year holds only the continuing actions,
each linked to its original."""

import re
from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from clearsight.actionplan.models import PlanAction, PlanYear, ReviewRequest
from clearsight.actionplan.review import review_tables
from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role

from ..factories import OrganisationFactory, PartnershipFactory, make_user

FIVE = ["Defining and outlining risk", "Prevention", "Detection", "Response", "Evaluation"]


@pytest.fixture(autouse=True)
def emails_sent_at_once(settings):
    """Emails are queued and sent by the task worker (core/email.py, ADR 0034); here its tasks run at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def people(anytown, bexford):
    shire = OrganisationFactory(name="Shire Shared Procurement Service", kind="procurement", is_first_responder=False)
    partnership = PartnershipFactory(name="Shire Procurement Partnership", kind="procurement")
    partnership.members.set([anytown, shire])
    return {
        "helen": make_user(anytown, Role.STATEMENT_OWNER, email="helen@anytown.example"),
        "sofia": make_user(anytown, Role.TRAINING_MANAGER, Role.STAFF, email="sofia@anytown.example"),
        "aisha": make_user(anytown, Role.PROCUREMENT_OFFICER, Role.STAFF, email="aisha@anytown.example"),
        "daniel": make_user(anytown, Role.PARTNERSHIP_COORDINATOR, Role.STAFF, email="daniel@anytown.example"),
        "owen": make_user(shire, Role.PROCUREMENT_OFFICER, Role.STAFF, email="owen@shire.example"),
        "jo": make_user(bexford, Role.STAFF, email="jo@bexford.example"),
        "anytown": anytown, "shire": shire,
    }


def _date(prefix, d):
    return {f"{prefix}-day": str(d.day), f"{prefix}-month": str(d.month), f"{prefix}-year": str(d.year)}


def _owner(user, org):
    return f"{user.public_id}:{org.public_id}"


# area code, title, description, owner key, organisation key, (what was done, completed, continues, next year's wording)
ACTIONS = [
    ("defining-risk", "Risk map", "Map where our services could meet modern slavery.", "daniel", "anytown",
     ("Risk map agreed with four directorates.", True, False, "")),
    ("defining-risk", "Publish the statement", "Publish the statement once approved.", "helen", "anytown",
     ("Published in July.", True, True, "Publish next year's statement once approved.")),
    ("prevention", "E-learning", "Make the e-learning mandatory for frontline staff.", "sofia", "anytown",
     ("Mandatory from October; 78% completed.", False, True, "Raise e-learning completion to 95%.")),
    ("prevention", "Contract clauses", "Add modern slavery clauses to contract templates.", "owen", "shire",
     ("Added to every template.", True, False, "")),
    ("detection", "Supplier assessments", "Assess suppliers on high-risk contracts.", "aisha", "anytown",
     ("27 of 34 suppliers assessed.", False, True, "")),
    ("response", "NRM pathway", "Agree the NRM referral pathway.", "daniel", "anytown",
     ("Agreed; out-of-hours cover still missing.", False, False, "")),
    ("evaluation", "Supplier findings to the board", "Report supplier findings to the procurement board.", "owen", "shire",
     ("Reported in March.", True, False, "")),
]


@pytest.mark.django_db
def test_a_year_of_the_action_plan(client, sign_in, people):
    helen = people["helen"]
    today = timezone.localdate()

    # --- The statement owner starts the plan year and enters the actions -----------------------------
    sign_in(client, helen)
    response = client.post(reverse("actionplan:plan-add"), {
        "title": "2025/26", **_date("starts_on", date(2025, 4, 1)), **_date("ends_on", date(2026, 3, 31)),
        "framework": "five-responsibilities"})
    plan = PlanYear.objects.get(title="2025/26")
    assert response.status_code == 302 and response["Location"] == reverse("actionplan:plan", kwargs={"public_id": plan.public_id})
    assert plan.organisation == people["anytown"] and plan.framework.code == "five-responsibilities"

    add = reverse("actionplan:action-add", kwargs={"public_id": plan.public_id})
    page = client.get(add).content.decode()
    assert "Owen" in page or people["owen"].full_name in page  # partner staff can own actions
    assert people["jo"].full_name not in page  # Bexford is not a partner

    # An owner from outside the partnership is refused, and what was typed is kept
    response = client.post(add, {"title": "Odd one", "description": "Something", "area": "prevention",
                                 "owner": _owner(people["jo"], people["jo"].primary_organisation),
                                 **_date("due_on", date(2026, 3, 31)), "version": "0"})
    assert response.status_code == 200 and "Select the owner" in response.content.decode()
    assert 'value="Odd one"' in response.content.decode()

    for area, title, description, owner, org, _ in ACTIONS:
        response = client.post(add, {"title": title, "description": description, "area": area,
                                     "owner": _owner(people[owner], people[org]), **_date("due_on", date(2026, 3, 31)),
                                     "version": "0"})
        assert response.status_code == 302, response.content.decode()[:2000]
    actions = {a.title: a for a in plan.actions.all()}
    assert len(actions) == len(ACTIONS)
    assert actions["Contract clauses"].owner_organisation == people["shire"]
    assert AuditEvent.objects.filter(actor=helen, action="create", record_id=str(actions["E-learning"].public_id)).exists()

    # The plan page groups them by area, in the framework's order
    page = client.get(reverse("actionplan:plan", kwargs={"public_id": plan.public_id})).content.decode()
    headings = re.findall(r'<h2 class="govuk-heading-m">([^<]+)</h2>', page)
    assert headings == FIVE

    # --- An owner records progress, which sets the status -------------------------------------------
    client.logout()
    sign_in(client, people["sofia"])
    progress = reverse("actionplan:progress-add", kwargs={"public_id": actions["E-learning"].public_id})
    response = client.post(progress, {"text": "Module launched.", "status": "in_progress",
                                      "version": actions["E-learning"].version})
    assert response.status_code == 302
    actions["E-learning"].refresh_from_db()
    assert actions["E-learning"].status == "in_progress"
    # ...but not on someone else's action
    assert client.get(reverse("actionplan:progress-add", kwargs={"public_id": actions["Risk map"].public_id})).status_code == 404
    page = client.get(reverse("actionplan:my-actions")).content.decode()
    assert "E-learning" in page and "Risk map" not in page

    # --- The statement owner opens the year-end review: one email per owner, only their actions -----
    client.logout()
    sign_in(client, helen)
    reply_by = today + timedelta(days=7)
    response = client.post(reverse("actionplan:review-open", kwargs={"public_id": plan.public_id}),
                           _date("review_due_on", reply_by))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == "in_review" and plan.review_due_on == reply_by
    owners = {"helen", "sofia", "aisha", "daniel", "owen"}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(people[k].email for k in owners)
    to_owen = next(m for m in mail.outbox if m.to == [people["owen"].email])
    assert "Contract clauses" in to_owen.body and "Supplier findings to the board" in to_owen.body
    assert "E-learning" not in to_owen.body and "Risk map" not in to_owen.body
    assert reverse("actionplan:response", kwargs={"public_id": actions["Contract clauses"].public_id}) in to_owen.body
    assert ReviewRequest.objects.filter(plan=plan).count() == len(owners)
    # Actions can no longer be added
    assert client.get(add).status_code == 302

    # --- Owners say what was done (Daniel is late) ------------------------------------------------------
    def respond(user, title, on_behalf=False):
        _, _, _, _, _, (undertaken, done, continues, next_text) = next(a for a in ACTIONS if a[1] == title)
        url = reverse("actionplan:response", kwargs={"public_id": actions[title].public_id})
        return client.post(url, {"undertaken": undertaken, "done": "yes" if done else "no",
                                 "continues": "yes" if continues else "no", "next_year_description": next_text,
                                 "version": "0"})

    for key in ["sofia", "aisha", "owen", "helen"]:
        client.logout()
        sign_in(client, people[key])
        for a in ACTIONS:
            if a[3] == key:
                # A mistake first: nothing selected, and what was typed is kept
                url = reverse("actionplan:response", kwargs={"public_id": actions[a[1]].public_id})
                page = client.post(url, {"undertaken": a[5][0], "version": "0"}).content.decode()
                assert "Select yes if the action was completed" in page and a[5][0] in page
                assert respond(people[key], a[1]).status_code == 302

    # An owner may change their response until the year closes
    client.logout()
    sign_in(client, people["aisha"])
    url = reverse("actionplan:response", kwargs={"public_id": actions["Supplier assessments"].public_id})
    page = client.get(url).content.decode()
    assert "27 of 34 suppliers assessed." in page
    assert client.post(url, {"undertaken": "27 of 34 suppliers assessed; 5 action plans agreed.", "done": "no",
                             "continues": "yes", "next_year_description": "", "version": "1"}).status_code == 302
    # A stale form (version 1 again) does not overwrite the newer answer
    page = client.post(url, {"undertaken": "Old text", "done": "no", "continues": "no", "next_year_description": "",
                             "version": "1"}).content.decode()
    assert "Someone else changed this" in page and "Old text" in page
    assert actions["Supplier assessments"].review.continues is True

    # --- Closing is refused while Daniel's actions have no response ---------------------------------
    client.logout()
    sign_in(client, helen)
    close = reverse("actionplan:close", kwargs={"public_id": plan.public_id})
    page = client.get(close).content.decode()
    assert "2 actions have no response" in page and "Risk map" in page and "NRM pathway" in page
    response = client.post(close, {"title": "2026/27", **_date("starts_on", date(2026, 4, 1)),
                                   **_date("ends_on", date(2027, 3, 31))})
    assert response.status_code == 200 and "The year cannot be closed yet" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == "in_review" and not PlanYear.objects.filter(previous=plan).exists()

    # --- Daniel is late: chased once a day at most, by the button and by the daily command -----------
    status_url = reverse("actionplan:review-status", kwargs={"public_id": plan.public_id})
    chase = reverse("actionplan:review-chase", kwargs={"public_id": plan.public_id})
    mail.outbox.clear()
    client.post(chase)
    assert mail.outbox == []  # not late before the reply-by date
    late_day = timezone.make_aware(datetime.combine(reply_by + timedelta(days=1), time(10)))
    with time_machine.travel(late_day, tick=False):
        sign_in(client, helen)
        page = client.get(status_url).content.decode()
        assert "Late" in page and "Chase owners who are late" in page
        client.post(chase)
        client.post(chase)  # a second press the same day sends nothing more
        call_command("chase_action_owners", stdout=open("/dev/null", "w"))
    assert [m.to for m in mail.outbox] == [[people["daniel"].email]]
    assert "Risk map" in mail.outbox[0].body and "NRM pathway" in mail.outbox[0].body
    assert "E-learning" not in mail.outbox[0].body
    request_row = ReviewRequest.objects.get(plan=plan, owner=people["daniel"])
    assert request_row.times_chased == 1
    with time_machine.travel(late_day + timedelta(days=1), tick=False):
        call_command("chase_action_owners", stdout=open("/dev/null", "w"))
    request_row.refresh_from_db()
    assert request_row.times_chased == 2 and len(mail.outbox) == 2
    assert ReviewRequest.objects.filter(plan=plan, times_chased__gt=0).count() == 1

    # Daniel answers one; the statement owner answers the other on his behalf
    client.logout()
    sign_in(client, people["daniel"])
    assert respond(people["daniel"], "Risk map").status_code == 302
    client.logout()
    sign_in(client, helen)
    page = client.get(reverse("actionplan:response", kwargs={"public_id": actions["NRM pathway"].public_id})).content.decode()
    assert "on behalf of" in page
    assert respond(helen, "NRM pathway").status_code == 302
    assert actions["NRM pathway"].review.responded_by == helen

    # --- Close the year (a double submit closes it once) ----------------------------------------------
    page = client.get(close).content.decode()
    assert 'value="2026 to 2027"' in page and "govuk-button--warning" in page  # the plan is titled "2025/26"
    form = {"title": "2026/27", **_date("starts_on", date(2026, 4, 1)), **_date("ends_on", date(2027, 3, 31))}
    response = client.post(close, form)
    assert response.status_code == 302
    assert response["Location"] == reverse("actionplan:review-tables", kwargs={"public_id": plan.public_id})
    assert client.post(close, form).status_code == 302
    assert PlanYear.objects.filter(organisation=people["anytown"]).count() == 2
    plan.refresh_from_db()
    assert plan.status == "closed" and plan.closed_by == helen

    # Each original is done or not done, as its response said
    finals = {a.title: a.status for a in plan.actions.all()}
    assert finals == {t: ("done" if r[1] else "not_done") for _, t, _, _, _, r in ACTIONS}

    # --- The review tables: by area in framework order, proposed against undertaken ------------------
    tables = review_tables(plan)
    assert [t.area for t in tables] == FIVE
    prevention = next(t for t in tables if t.area == "Prevention")
    assert [(r.proposed, r.undertaken, r.done, r.continues) for r in prevention.rows] == [
        ("Make the e-learning mandatory for frontline staff.", "Mandatory from October; 78% completed.", False, True),
        ("Add modern slavery clauses to contract templates.", "Added to every template.", True, False)]
    assert prevention.rows[1].owner == f"{people['owen'].full_name}, Shire Shared Procurement Service"
    page = client.get(response["Location"]).content.decode()
    captions = re.findall(r'govuk-table__caption--m">([^<]+)</caption>', page)
    assert captions == FIVE
    assert "Activity proposed" in page and "Activity undertaken" in page
    assert "27 of 34 suppliers assessed; 5 action plans agreed." in page

    # --- The new year: only continuing actions, linked to their originals -------------------------------
    new = PlanYear.objects.get(previous=plan)
    assert (new.title, new.starts_on, new.ends_on, new.status) == ("2026/27", date(2026, 4, 1), date(2027, 3, 31), "open")
    carried = {a.carried_from.title: a for a in new.actions.select_related("carried_from")}
    assert set(carried) == {"Publish the statement", "E-learning", "Supplier assessments"}
    assert carried["Publish the statement"].description == "Publish next year's statement once approved."
    assert carried["E-learning"].description == "Raise e-learning completion to 95%."
    # No new wording given: the original's is kept
    assert carried["Supplier assessments"].description == "Assess suppliers on high-risk contracts."
    for title, action in carried.items():
        assert action.status == "not_started" and action.due_on == date(2027, 3, 31)
        assert action.owner == actions[title].owner and action.area == actions[title].area
    assert not PlanAction.objects.filter(plan=new, carried_from__title__in=["Risk map", "NRM pathway", "Contract clauses"]).exists()

    # Responses cannot change after closing
    client.logout()
    sign_in(client, people["sofia"])
    assert client.get(reverse("actionplan:response", kwargs={"public_id": actions["E-learning"].public_id})).status_code == 302
    page = client.get(reverse("actionplan:my-actions")).content.decode()
    assert "E-learning" in page  # the carried-forward action, in the running plan
