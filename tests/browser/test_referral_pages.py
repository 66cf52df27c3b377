"""The NRM referral pages in Debian's Chromium, checked with axe against WCAG 2.2 AA.

Given a first responder with a referral made at triage, when they open the task list, answer a
question (and see its error), check the NRM-ready view and record the submission, then each page
passes the accessibility check, with the GOV.UK Frontend scripts running."""

import re

import pytest
from playwright.sync_api import expect

from clearsight.concerns import services
from clearsight.concerns.models import Concern, StatutoryReferral
from clearsight.concerns.routing import AgeGroup, Consent
from clearsight.core.roles import Role

from ..factories import ConcernFactory, ConcernPersonFactory, OrganisationFactory, make_user


@pytest.fixture
def first_responder_and_referral(transactional_db):
    organisation = OrganisationFactory(name="Anytown Council")
    first_responder = make_user(organisation, Role.FIRST_RESPONDER, Role.STAFF)
    concern = ConcernFactory(reporter=first_responder, reporter_organisation=organisation,
                             what_happened="Seen working long hours at the car wash for no pay.",
                             immediate_danger=Concern.Danger.NO)
    services.submit(concern)
    person = ConcernPersonFactory(concern=concern, position=1, name="Alex Smith", age_group=AgeGroup.ADULT)
    services.triage(concern, first_responder, outcome="potential_victims", reasoning="Indicators of forced labour.",
                    immediate_danger=False, supplier_involved=False,
                    people_facts={person: (AgeGroup.ADULT, Consent.GIVEN, False, True)})
    return first_responder, StatutoryReferral.objects.get(action__concern=concern)


def test_referral_pages_are_accessible(page, live_server, axe, sign_in_with_keyboard, first_responder_and_referral):
    first_responder, referral = first_responder_and_referral
    base = f"{live_server.url}/referrals/{referral.public_id}"
    reference = referral.action.concern.reference
    sign_in_with_keyboard(page, first_responder)

    # The task list
    page.goto(base)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"NRM referral for concern {reference}")
    expect(page.locator(".govuk-task-list__item").first).to_be_visible()
    axe(page)

    # A question page, its error state, and a question that depends on an answer
    page.goto(f"{base}/page/were-they-taken-somewhere-by-their-exploiter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Was the potential victim taken somewhere by their exploiters?")
    axe(page)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page).to_have_title(re.compile("^Error: "))
    axe(page)
    # The question that depends on "Yes" says so, and is needed only then
    journey = page.get_by_label("Journey details")
    expect(journey).to_be_visible()
    expect(journey).to_have_accessible_description(re.compile("Answer this if you chose “Yes”."))
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter journey details")
    axe(page)
    page.get_by_label("Journey details").fill("Driven by van from the coast to the car wash.")
    page.get_by_role("button", name="Save and continue").click()
    expect(page).to_have_url(f"{base}/page/how-they-were-treated")
    axe(page)

    # A page with a character count and a date page
    page.goto(f"{base}/page/what-happened")
    expect(page.locator(".govuk-character-count__status")).to_be_visible()
    axe(page)
    page.goto(f"{base}/page/pv-dob")
    axe(page)

    # The NRM-ready view
    page.goto(f"{base}/nrm-ready")
    expect(page.get_by_role("heading", level=1)).to_have_text("Answers for the Home Office form")
    expect(page.locator("section[data-step]")).to_have_count(65)
    expect(page.locator('[data-field="were-they-taken-somewhere-by-their-exploiter-journey-details"] dd').first).to_have_text(
        "Driven by van from the coast to the car wash.")
    axe(page)

    # Recording the submission: its errors, then success
    page.goto(f"{base}/submitted")
    expect(page.get_by_role("heading", level=1)).to_have_text("Record that it was submitted to the Home Office")
    axe(page)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the Home Office reference")
    axe(page)
    page.get_by_label("Home Office reference").fill("NRM-2026-0001")
    page.get_by_label("Day").fill("3")
    page.get_by_label("Month").fill("4")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(base)
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("recorded as submitted")
    axe(page)


def test_every_question_page_is_accessible(page, live_server, axe, sign_in_with_keyboard, first_responder_and_referral):
    """Every page of the Home Office form, in each branch, empty and with its errors shown."""
    from clearsight.concerns import nrm_form

    first_responder, referral = first_responder_and_referral
    base = f"{live_server.url}/referrals/{referral.public_id}"
    sign_in_with_keyboard(page, first_responder)
    branches = [
        {"pv-under-age": "yes", "upload-file": ["Photograph of the room"]},
        {"pv-under-age": "no", "pv-want-to-submit-nrm": "yes", "does-pv-need-support": "yes", "who-contact": "someone-else",
         "potential-victim-exploitative-situation-multiple": "yes", "still-in-exploitative-situation": "yes",
         "is-this-the-first-chance-to-report": "no", "where-exploitation-happened": "uk-and-overseas", "exploiters-location": "yes",
         "future-exploitation-concerns": "yes"},
        {"pv-under-age": "no", "pv-want-to-submit-nrm": "yes", "who-contact": "potential-victim"},
        {"pv-under-age": "no", "pv-want-to-submit-nrm": "no", "authorities-cooperation": "yes"},
    ]
    seen = set()
    for answers in branches:
        StatutoryReferral.objects.filter(pk=referral.pk).update(answers=answers, version=1)
        for p in nrm_form.applicable_pages(answers):
            if p.step in seen:
                continue
            seen.add(p.step)
            page.goto(f"{base}/page/{p.step.lstrip('/')}")
            expect(page.locator("h1")).to_have_count(1)
            axe(page)
            if p.step in {step for step, _ in nrm_form.missing_answers(answers)}:
                page.get_by_role("button", name="Save and return to task list").click()
                expect(page.locator(".govuk-error-summary")).to_be_visible()
                axe(page)
    assert seen == {p.step for p in nrm_form.pages()} - nrm_form.UNREACHABLE
