"""Reviewing a supplier's answers, what counts as a current assessment, reassessments on the home
page, the supplier page section, and action plans from opening to closure (with concurrent edits)."""

import html
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from clearsight.assessments import questionnaires, services
from clearsight.assessments.models import Action, ActionPlan, Assessment, EvidenceFile
from clearsight.assessments.status import current_assessment_supplier_ids
from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role

from ..factories import ContractFactory, SupplierFactory
from ..form_helpers import form_values

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"


@pytest.fixture
def officer(user_with):
    return user_with(Role.PROCUREMENT_OFFICER, Role.STAFF)


@pytest.fixture
def supplier(anytown):
    return SupplierFactory(organisation=anytown, name="Brightwater Facilities Ltd", is_sme=True)


def submitted(supplier, officer, **changes):
    assessment, token = services.send(supplier, officer, email="x@brightwater.example", kind="short")
    questionnaire = questionnaires.get(assessment.questionnaire)
    answers = {q.key: {"answer": q.options[0].value, "detail": ""} for q in questionnaire.questions}
    answers.update({k: {"answer": v, "detail": ""} for k, v in changes.items()})
    Assessment.objects.filter(pk=assessment.pk).update(answers=answers)
    assessment.refresh_from_db()
    assert services.submit(assessment, "Marcus Bell", "Compliance manager")
    assessment.refresh_from_db()
    return assessment


def reviewed(supplier, officer, on, **changes):
    assessment = submitted(supplier, officer, **changes)
    services.review(assessment, officer, "", assessment.version)
    Assessment.objects.filter(pk=assessment.pk).update(completed_on=on)
    assessment.refresh_from_db()
    return assessment


# --- Current assessments --------------------------------------------------------------------------------

def test_current_assessment_suppliers_are_those_reviewed_in_the_last_twelve_months(anytown, officer):
    recent, old, unreviewed = (SupplierFactory(organisation=anytown, name=n) for n in ("Recent", "Old", "Unreviewed"))
    reviewed(recent, officer, date(2026, 1, 10))
    reviewed(old, officer, date(2025, 1, 10))
    submitted(unreviewed, officer)
    assert current_assessment_supplier_ids(anytown, on=date(2026, 6, 1)) == {recent.pk}
    assert current_assessment_supplier_ids(anytown, on=date(2027, 1, 9)) == {recent.pk}
    assert current_assessment_supplier_ids(anytown, on=date(2027, 1, 10)) == set()
    assert current_assessment_supplier_ids(anytown, on=date(2025, 6, 1)) == {old.pk}
    assert current_assessment_supplier_ids(anytown, on=date(2026, 1, 9)) == {old.pk}


def test_a_later_assessment_supersedes_an_earlier_one(anytown, officer, supplier, bexford):
    first = reviewed(supplier, officer, date(2026, 1, 10))
    second = reviewed(supplier, officer, date(2026, 3, 1))
    first.refresh_from_db()
    assert first.superseded_by == second
    assert current_assessment_supplier_ids(anytown, on=date(2026, 2, 1)) == {supplier.pk}
    assert current_assessment_supplier_ids(anytown, on=date(2026, 4, 1)) == {supplier.pk}
    assert current_assessment_supplier_ids(bexford, on=date(2026, 4, 1)) == set()


# --- Review ------------------------------------------------------------------------------------------------

def test_the_reviewer_sees_answers_evidence_and_the_explained_result(client, sign_in, officer, supplier):
    assessment = submitted(supplier, officer, policy_written="no")
    evidence, _ = services.store_evidence(SimpleUploadedFile("training log.pdf", b"%PDF-1.4 x"), assessment.organisation,
                                          assessment=assessment, question="staff_trained")
    sign_in(client, officer)
    page = client.get(reverse("assessments:assessment", kwargs={"public_id": assessment.public_id})).content.decode()
    assert "Scored result" in page and "Good" in page
    assert "What lowered the score" in page and "The supplier has no written modern slavery policy" in page
    assert "Has a written policy" not in page
    assert "training log.pdf" in page and reverse("assessments:evidence", kwargs={"public_id": evidence.public_id}) in page
    assert "Mark as reviewed" in page
    assert AuditEvent.objects.filter(actor=officer, record_id=str(assessment.public_id), action="view").exists()


def test_a_good_result_is_marked_reviewed_without_an_action_plan(client, sign_in, officer, supplier):
    assessment = submitted(supplier, officer)
    sign_in(client, officer)
    response = client.post(reverse("assessments:assessment", kwargs={"public_id": assessment.public_id}),
                           {"version": assessment.version, "note": "Policy seen."})
    assessment.refresh_from_db()
    assert response.status_code == 302
    assert assessment.status == Assessment.Status.REVIEWED and assessment.result == "good"
    assert assessment.completed_on == timezone.localdate() and assessment.reviewed_by == officer
    assert assessment.explanation[-1] == "Result: good."
    assert not ActionPlan.objects.exists()


def test_a_sub_standard_result_opens_an_action_plan(client, sign_in, officer, supplier):
    assessment = submitted(supplier, officer, recruitment_fees="some")
    sign_in(client, officer)
    response = client.post(reverse("assessments:assessment", kwargs={"public_id": assessment.public_id}),
                           {"version": assessment.version})
    plan = ActionPlan.objects.get()
    assert response["Location"] == reverse("assessments:plan", kwargs={"public_id": plan.public_id})
    assert plan.assessment == assessment and plan.supplier == supplier and plan.opened_by == officer
    assessment.refresh_from_db()
    assert assessment.result == "sub_standard"
    assert any("workers who pay fees" in line for line in assessment.explanation)


def test_two_reviewers_at_once_the_second_is_told_and_nothing_is_reviewed_twice(client, sign_in, officer, supplier, user_with):
    assessment = submitted(supplier, officer, recruitment_fees="some")
    version = assessment.version
    sign_in(client, officer)
    client.post(reverse("assessments:assessment", kwargs={"public_id": assessment.public_id}), {"version": version})
    colleague = user_with(Role.CONTRACT_MANAGER)
    sign_in(client, colleague)
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.SUBMITTED)  # as if both pages were open
    response = client.post(reverse("assessments:assessment", kwargs={"public_id": assessment.public_id}), {"version": version})
    assert "Someone else changed this" in response.content.decode()
    assert ActionPlan.objects.count() == 1


# --- Reassessment on the home page and the supplier page ----------------------------------------------

def test_reassessments_due_and_overdue_show_on_the_officers_home_page(client, sign_in, officer, anytown):
    today = timezone.localdate()
    soon, late = (SupplierFactory(organisation=anytown, name=n) for n in ("Soon Ltd", "Late Ltd"))
    reviewed(soon, officer, today - timedelta(days=350))
    reviewed(late, officer, today - timedelta(days=400))
    sign_in(client, officer)
    page = client.get(reverse("core:home")).content.decode()
    assert "supplier is overdue for reassessment" in page
    assert "supplier is due for reassessment within 30 days" in page
    listing = client.get(reverse("assessments:list") + "?show=due").content.decode()
    assert "Soon Ltd" in listing and "Late Ltd" in listing and "Overdue" in listing


def test_a_contract_renewal_brings_the_reassessment_forward(client, sign_in, officer, anytown, user_with):
    today = timezone.localdate()
    supplier = SupplierFactory(organisation=anytown, name="Renewing Ltd")
    reviewed(supplier, officer, today - timedelta(days=60))
    manager = user_with(Role.CONTRACT_MANAGER)
    ContractFactory(organisation=anytown, supplier=supplier, title="Cleaning", contract_manager=manager,
                    current_expiry=today + timedelta(days=100))
    sign_in(client, manager)
    page = client.get(reverse("core:home")).content.decode()
    assert "supplier is due for reassessment within 30 days" in page
    schedule = services.schedules({anytown.pk})[supplier.pk]
    assert schedule.due.on == today + timedelta(days=10) and "renewal" in schedule.due.reason


def test_the_supplier_page_section_shows_status_next_due_open_plan_and_the_send_button(rf, officer, supplier):
    from clearsight.assessments.sections import supplier_section
    from clearsight.supply.sections import sections_for

    request = rf.get("/")
    request.user = officer
    assert supplier_section(request, supplier)["schedule"] is None
    reviewed(supplier, officer, timezone.localdate(), recruitment_fees="some")
    context = supplier_section(request, supplier)
    assert context["current"] and context["open_plan"] is not None
    assert context["schedule"].due.on > timezone.localdate()
    assert "assessments/_supplier_assessments.html" in [template for template, _ in sections_for(request, supplier)]
    from django.template.loader import render_to_string

    html = render_to_string("assessments/_supplier_assessments.html", context)
    assert "Send an assessment" in html and "Open action plan" in html and "Sub-standard" in html


def test_the_section_is_left_out_for_people_who_do_not_assess_suppliers(rf, user_with, supplier):
    from clearsight.assessments.sections import supplier_section

    request = rf.get("/")
    request.user = user_with(Role.STAFF)
    assert supplier_section(request, supplier) is None


# --- Action plans --------------------------------------------------------------------------------------

@pytest.fixture
def plan(supplier, officer):
    assessment = submitted(supplier, officer, recruitment_fees="some")
    return services.review(assessment, officer, "", assessment.version)


def test_an_action_plan_runs_from_actions_to_closure(client, sign_in, officer, plan, user_with):
    manager = user_with(Role.CONTRACT_MANAGER)
    sign_in(client, officer)
    plan_url = reverse("assessments:plan", kwargs={"public_id": plan.public_id})
    add_url = reverse("assessments:action-add", kwargs={"public_id": plan.public_id})
    due = timezone.localdate() + timedelta(days=30)
    # Errors keep what was typed
    response = client.post(add_url, {"description": "Adopt a no-fees policy", "owner": "", "due_on-day": "31", "due_on-month": "2",
                                     "due_on-year": "2030"})
    page = response.content.decode()
    assert "Select who follows it up" in page and "The due date must be a real date" in page and "Adopt a no-fees policy" in page
    client.post(add_url, {"description": "Adopt a no-fees policy", "owner": str(manager.public_id),
                          "due_on-day": due.day, "due_on-month": due.month, "due_on-year": due.year})
    action = Action.objects.get()
    assert action.owner == manager and action.due_on == due
    # Cannot close while the action is open
    close_url = reverse("assessments:plan-close", kwargs={"public_id": plan.public_id})
    assert "1 action is not done yet" in client.get(close_url).content.decode()
    response = client.post(close_url, {"version": 99, "note": "Done"})
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.OPEN
    # Done needs evidence
    action_url = reverse("assessments:action", kwargs={"public_id": action.public_id})
    response = client.post(action_url, {"status": "done", "evidence_note": "", "version": action.version})
    assert "Describe the evidence that the action is done, or upload it" in response.content.decode()
    response = client.post(action_url, {"status": "done", "evidence_note": "", "version": action.version,
                                        "evidence": SimpleUploadedFile("no-fees-policy.pdf", b"%PDF-1.4 policy")})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "done" and action.completed_at is not None
    assert EvidenceFile.objects.get().action == action
    assert "no-fees-policy.pdf" in client.get(plan_url).content.decode()
    plan.refresh_from_db()
    response = client.post(close_url, {"version": plan.version, "note": "Policy adopted and seen."})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.CLOSED and plan.closed_by == officer and plan.closing_note == "Policy adopted and seen."
    assert AuditEvent.objects.filter(record_id=str(plan.public_id), description="Action plan closed").exists()
    # A closed plan can no longer be changed
    assert client.get(add_url)["Location"] == plan_url


def test_escalation_records_the_decision_reason_and_who_decided_and_allows_closure(client, sign_in, officer, plan):
    sign_in(client, officer)
    escalate_url = reverse("assessments:plan-escalate", kwargs={"public_id": plan.public_id})
    response = client.post(escalate_url, {"version": plan.version, "to": "termination", "reason": ""})
    assert "Enter the reason for the decision" in response.content.decode()
    client.post(escalate_url, {"version": plan.version, "to": "termination", "reason": "Workers still charged fees after 3 months."})
    plan.refresh_from_db()
    assert plan.escalation == "termination" and plan.escalated_by == officer and "3 months" in plan.escalation_reason
    client.post(reverse("assessments:plan-close", kwargs={"public_id": plan.public_id}),
                {"version": plan.version, "note": "Contract ended."})
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.CLOSED


def test_concurrent_changes_to_an_action_are_not_overwritten(client, sign_in, officer, plan):
    action = services.add_action(plan, description="Train staff", owner=officer, due_on=timezone.localdate())
    stale = action.version
    services.update_action(action, status="in_progress", evidence_note="Booked for May", version=stale)
    sign_in(client, officer)
    response = client.post(reverse("assessments:action", kwargs={"public_id": action.public_id}),
                           {"status": "not_started", "evidence_note": "", "version": stale})
    assert "Someone else changed this" in response.content.decode()
    action.refresh_from_db()
    assert action.status == "in_progress" and action.evidence_note == "Booked for May"


def test_another_councils_plan_is_not_found(client, sign_in, plan, bexford, user_with):
    sign_in(client, user_with(Role.PROCUREMENT_OFFICER, organisation=bexford))
    assert client.get(reverse("assessments:plan", kwargs={"public_id": plan.public_id})).status_code == 404


def test_an_action_changed_in_two_tabs_keeps_both_changes_and_asks_for_the_file_again(client, sign_in, officer, plan):
    """Given an action of an open plan, when one tab moves it to in progress and another, opened before,
    adds a note and uploads a file, then the second save is refused and merged: the form shows the new
    status and keeps the note, the file is not kept, and the error at the file field (and in the error
    summary) asks for it again. Choosing it again and saving keeps everything."""
    action = services.add_action(plan, description="Train staff", owner=officer, due_on=timezone.localdate())
    sign_in(client, officer)
    url = reverse("assessments:action", kwargs={"public_id": action.public_id})
    tab_1, tab_2 = client.get(url).content.decode(), client.get(url).content.decode()
    assert client.post(url, form_values(tab_1, status="in_progress")).status_code == 302
    refused = client.post(url, {**form_values(tab_2, evidence_note="Register of the May session"),
                                "evidence": SimpleUploadedFile("training register.pdf", b"%PDF-1.4 register")})
    page = html.unescape(refused.content.decode())
    assert refused.status_code == 200
    assert "The form now shows their change to the answer to “Where has it got to?”." in page
    assert "Register of the May session" in page
    again = ("Select “training register.pdf” again: it has not been uploaded, because someone else changed the action "
             "while you were editing it")
    assert page.count(again) == 2  # at the field and in the error summary
    assert 'href="#id_evidence"' in page and "govuk-file-upload--error" in page
    assert not EvidenceFile.objects.exists() and not list((settings.PRIVATE_FILES_ROOT / "evidence").glob("*"))
    assert client.post(url, {**form_values(refused.content.decode()),
                             "evidence": SimpleUploadedFile("training register.pdf", b"%PDF-1.4 register")}).status_code == 302
    action.refresh_from_db()
    assert (action.status, action.evidence_note) == ("in_progress", "Register of the May session")
    assert EvidenceFile.objects.get().action == action


def test_an_action_whose_note_and_status_are_changed_in_two_tabs_keeps_both(client, sign_in, officer, plan):
    action = services.add_action(plan, description="Train staff", owner=officer, due_on=timezone.localdate())
    sign_in(client, officer)
    url = reverse("assessments:action", kwargs={"public_id": action.public_id})
    tab_1, tab_2 = client.get(url).content.decode(), client.get(url).content.decode()
    assert client.post(url, form_values(tab_1, evidence_note="Booked for May")).status_code == 302
    page = client.post(url, form_values(tab_2, status="in_progress")).content.decode()
    assert "The form now shows their change to the evidence or notes." in page
    assert client.post(url, form_values(page)).status_code == 302
    action.refresh_from_db()
    assert (action.status, action.evidence_note) == ("in_progress", "Booked for May")
