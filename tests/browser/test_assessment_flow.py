"""Acceptance 5, in Debian's Chromium with axe on every page (WCAG 2.2 AA).

Given a procurement officer and a supplier with a contact, when the officer sends a questionnaire
by keyboard, the supplier opens the emailed link (no account), answers every question by keyboard
(with a refused upload on the way), checks the answers, declares and sends them; then the officer
reviews the answers, which are sub-standard because workers pay recruitment fees, so an action plan
opens; the officer adds an action, completes it with evidence and closes the plan. Wrong, expired
and used links show clear pages."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from clearsight.assessments import questionnaires
from clearsight.assessments.models import Action, ActionPlan, Assessment
from clearsight.core.roles import Role
from clearsight.supply.models import SupplierContact

from ..factories import OrganisationFactory, SupplierFactory, make_user
from .conftest import focus_on

# The supplier's answers: the first (best) option everywhere except one serious risk.
CHOICES = {"recruitment_fees": "some"}


@pytest.fixture(autouse=True)
def emails_sent_at_once(settings):
    """Emails are queued and sent by the task worker (core/email.py, ADR 0034); here its tasks run at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    council = OrganisationFactory(name="Anytown Council")
    officer = make_user(council, Role.PROCUREMENT_OFFICER, Role.STAFF)
    supplier = SupplierFactory(organisation=council, name="Brightwater Facilities Ltd", is_sme=True,
                               annual_turnover=4_000_000)
    SupplierContact.objects.create(supplier=supplier, name="Marcus Bell", role="Compliance manager",
                                   email="marcus@brightwater.example", is_main=True)
    return officer, supplier


def press_enter_on(page, selector):
    focus_on(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def choose_radio(page, name, value):
    """Select a radio by keyboard: Tab into the group, then arrow keys (Space for the first)."""
    values = page.locator(f"input[name='{name}']").evaluate_all("(els) => els.map(e => e.value)")
    focus_on(page, f"input[name='{name}']:checked" if page.locator(f"input[name='{name}']:checked").count() else f"input[name='{name}']")
    current = page.evaluate("document.activeElement.value")
    steps = values.index(value) - values.index(current)
    key = "ArrowDown" if steps > 0 else "ArrowUp"
    for _ in range(abs(steps)):
        page.keyboard.press(key)
    if steps == 0:
        page.keyboard.press("Space")
    assert page.locator(f"input[name='{name}'][value='{value}']").is_checked()


def test_a_supplier_completes_an_assessment_and_the_action_plan_reaches_closure(
        page, browser, live_server, axe, sign_in_with_keyboard, world, tmp_path):
    officer, supplier = world
    sign_in_with_keyboard(page, officer)

    # The officer sends the questionnaire to the supplier's contact
    page.goto(f"{live_server.url}/supplier-assessments/send/{supplier.public_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Send an assessment")
    expect(page.get_by_text("The short questionnaire, because it is a small or medium-sized supplier")).to_be_visible()
    axe(page)
    choose_radio(page, "recipient", "other")
    press_enter_on(page, "button:has-text('Send the questionnaire')")
    expect(page.get_by_role("link", name="Enter the email address to send the questionnaire to")).to_be_visible()
    axe(page)
    contact = supplier.contacts.get()
    choose_radio(page, "recipient", str(contact.pk))
    press_enter_on(page, "button:has-text('Send the questionnaire')")
    expect(page.get_by_text("The questionnaire has been sent to marcus@brightwater.example")).to_be_visible()
    axe(page)
    link = re.search(r"http://\S+/supplier-assessment/\S+/", mail.outbox[-1].body).group(0)
    token_path = "/supplier-assessment/" + link.split("/supplier-assessment/")[1]

    # The supplier opens the link in their own browser: no account
    supplier_page = browser.new_context().new_page()
    supplier_page.goto(f"{live_server.url}{token_path}")
    expect(supplier_page.get_by_role("heading", level=1)).to_have_text("Modern slavery questionnaire")
    axe(supplier_page)
    press_enter_on(supplier_page, "a.govuk-task-list__link")

    questionnaire = questionnaires.current(questionnaires.SHORT)
    for question in questionnaire.questions:
        expect(supplier_page.get_by_role("heading", level=1)).to_have_text(question.text)
        if question.key == "policy_written":
            # A program renamed as a PDF is refused; the answer and note typed are kept
            choose_radio(supplier_page, "answer", question.options[0].value)
            focus_on(supplier_page, "#id_detail")
            supplier_page.keyboard.type("Signed by both directors in March.")
            bad = tmp_path / "policy.pdf"
            bad.write_bytes(b"MZ\x90\x00 not a pdf")
            supplier_page.locator("#id_evidence").set_input_files(str(bad))
            press_enter_on(supplier_page, "button:has-text('Save and continue')")
            expect(supplier_page.get_by_role("link", name=re.compile("The selected file is not a real PDF file"))).to_be_visible()
            expect(supplier_page.locator("#id_detail")).to_have_value("Signed by both directors in March.")
            axe(supplier_page)
            good = tmp_path / "Modern slavery policy.pdf"
            good.write_bytes(b"%PDF-1.4\n%%EOF\n")
            supplier_page.locator("#id_evidence").set_input_files(str(good))
        else:
            choose_radio(supplier_page, "answer", CHOICES.get(question.key, question.options[0].value))
            axe(supplier_page)
        press_enter_on(supplier_page, "button:has-text('Save and continue')")

    expect(supplier_page.get_by_role("heading", level=1)).to_have_text("Check your answers before sending them")
    expect(supplier_page.get_by_text("Modern slavery policy.pdf")).to_be_visible()
    axe(supplier_page)
    focus_on(supplier_page, "#id_name")
    supplier_page.keyboard.type("Marcus Bell")
    supplier_page.keyboard.press("Tab")
    supplier_page.keyboard.type("Compliance manager")
    focus_on(supplier_page, "#id_confirm")
    supplier_page.keyboard.press("Space")
    press_enter_on(supplier_page, "button:has-text('Accept and send')")
    expect(supplier_page.get_by_role("heading", level=1)).to_have_text("Answers sent")
    axe(supplier_page)

    # The used link says so, and who to contact
    supplier_page.goto(f"{live_server.url}{token_path}")
    expect(supplier_page.get_by_role("heading", level=1)).to_have_text("You have already sent your answers")
    expect(supplier_page.get_by_text(officer.email).first).to_be_visible()
    axe(supplier_page)

    # The officer reviews: sub-standard, with the reason; an action plan opens
    page.goto(f"{live_server.url}/")
    expect(page.get_by_text("supplier assessment is waiting for review")).to_be_visible()
    press_enter_on(page, "a:has-text('Review answers')")
    axe(page)
    press_enter_on(page, "a:has-text('Brightwater Facilities Ltd')")
    expect(page.get_by_text("Sub-standard").first).to_be_visible()
    expect(page.get_by_text(re.compile("Serious risks to workers: the supplier has workers who pay fees"))).to_be_visible()
    expect(page.get_by_role("link", name="Modern slavery policy.pdf")).to_be_visible()
    axe(page)
    focus_on(page, "#id_note")
    page.keyboard.type("Discussed the agency's fees with Marcus Bell.")
    press_enter_on(page, "button:has-text('Mark as reviewed')")
    expect(page.get_by_role("heading", level=1)).to_have_text("Action plan")
    expect(page.get_by_text("an action plan has been opened")).to_be_visible()
    axe(page)

    # An action: first with errors, then properly
    press_enter_on(page, "a:has-text('Add an action')")
    axe(page)
    press_enter_on(page, "button:has-text('Add the action')")
    expect(page.get_by_role("link", name="Enter what the supplier must do")).to_be_visible()
    axe(page)
    focus_on(page, "#id_description")
    page.keyboard.type("Repay recruitment fees to agency workers and adopt a no-fees policy")
    focus_on(page, "#id_owner")
    page.keyboard.press("ArrowDown")  # the first person in the list: the officer
    due = timezone.localdate() + timedelta(days=60)
    focus_on(page, "#id_due_on-day")
    page.keyboard.type(str(due.day))
    page.keyboard.press("Tab")
    page.keyboard.type(str(due.month))
    page.keyboard.press("Tab")
    page.keyboard.type(str(due.year))
    press_enter_on(page, "button:has-text('Add the action')")
    expect(page.get_by_text("The action has been added.")).to_be_visible()
    axe(page)

    # The plan cannot close while the action is open
    press_enter_on(page, "a:has-text('Close the plan')")
    expect(page.get_by_text("1 action is not done yet")).to_be_visible()
    axe(page)
    page.go_back()

    # The escalation page is there if needed (not used here)
    page.goto(f"{live_server.url}/action-plans/{ActionPlan.objects.get().public_id}/escalate")
    expect(page.get_by_role("heading", level=1)).to_have_text("Escalate the action plan")
    axe(page)
    page.go_back()

    # The action is done, with evidence
    press_enter_on(page, "a:has-text('Repay recruitment fees')")
    axe(page)
    choose_radio(page, "status", "done")
    focus_on(page, "#id_evidence_note")
    page.keyboard.type("Repayments confirmed by payslips; policy signed.")
    receipts = tmp_path / "repayments.xlsx"
    receipts.write_bytes(b"PK\x03\x04 spreadsheet")
    page.locator("#id_evidence").set_input_files(str(receipts))
    press_enter_on(page, "button:has-text('Save the action')")
    expect(page.get_by_role("link", name="repayments.xlsx")).to_be_visible()
    axe(page)

    # Closure
    press_enter_on(page, "a:has-text('Close the plan')")
    axe(page)
    focus_on(page, "#id_note")
    page.keyboard.type("Fees repaid and policy adopted. Reassess at renewal.")
    press_enter_on(page, "button:has-text('Close the plan')")
    expect(page.get_by_text("The action plan has been closed.")).to_be_visible()
    expect(page.get_by_text("Fees repaid and policy adopted.")).to_be_visible()
    axe(page)

    assessment = Assessment.objects.get()
    assert assessment.status == Assessment.Status.REVIEWED and assessment.result == "sub_standard"
    plan = ActionPlan.objects.get()
    assert plan.status == ActionPlan.Status.CLOSED and Action.objects.get().status == "done"

    # The list of assessments
    page.goto(f"{live_server.url}/supplier-assessments?show=completed")
    axe(page)


def test_wrong_and_expired_links_get_clear_accessible_pages(page, live_server, axe, world):
    officer, supplier = world
    page.goto(f"{live_server.url}/supplier-assessment/not-a-real-link/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This link does not work")
    axe(page)
    from clearsight.assessments import services

    assessment, token = services.send(supplier, officer, email="marcus@brightwater.example")
    Assessment.objects.filter(pk=assessment.pk).update(link_expires_at=timezone.now() - timedelta(days=1))
    page.goto(f"{live_server.url}/supplier-assessment/{token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This link has expired")
    expect(page.get_by_role("link", name=officer.email)).to_be_visible()
    axe(page)
