"""The NRM referral and Duty to Notify pages in Debian's Chromium, checked with axe against WCAG 2.2 AA.

Given a first responder with a referral made at triage, when they open the task list, answer a
page of questions (and see its errors), check the NRM-ready view and record the submission, then
each page passes the accessibility check, with the GOV.UK Frontend scripts running. A prefilled Duty
to Notify report is walked from its first page to its last by keyboard alone (issue 17)."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clearsight.concerns import nrm_form, services
from clearsight.concerns.models import Concern, StatutoryReferral
from clearsight.concerns.referral_forms import ScreenPage, form_name, is_empty
from clearsight.concerns.routing import AgeGroup, Consent
from clearsight.core.roles import Role

from ..factories import ConcernFactory, ConcernPersonFactory, OrganisationFactory, make_user
from .conftest import focus_on


def _triaged(consent, **concern_fields):
    organisation = OrganisationFactory(name="Anytown Council")
    first_responder = make_user(organisation, Role.FIRST_RESPONDER, Role.STAFF)
    concern = ConcernFactory(
        reporter=first_responder,
        reporter_organisation=organisation,
        what_happened="Seen working long hours at the car wash for no pay.",
        immediate_danger=Concern.Danger.NO,
        **concern_fields,
    )
    services.submit(concern)
    person = ConcernPersonFactory(
        concern=concern, position=1, name="Alex Smith", age_group=AgeGroup.ADULT, gender="male", nationality="Romanian"
    )
    services.triage(
        concern,
        first_responder,
        outcome="potential_victims",
        reasoning="Indicators of forced labour.",
        immediate_danger=False,
        supplier_involved=False,
        people_facts={person: (AgeGroup.ADULT, consent, False, True)},
    )
    return first_responder, StatutoryReferral.objects.get(action__concern=concern)


@pytest.fixture
def first_responder_and_referral(transactional_db):
    return _triaged(Consent.GIVEN)


@pytest.fixture
def first_responder_and_duty_to_notify(transactional_db):
    return _triaged(
        Consent.REFUSED,
        location="Car wash behind the High Street",
        still_happening=Concern.Danger.YES,
        police_reference="CAD 1234",
    )


def test_referral_pages_are_accessible(page, live_server, axe, sign_in_with_keyboard, first_responder_and_referral):
    first_responder, referral = first_responder_and_referral
    base = f"{live_server.url}/referrals/{referral.public_id}"
    reference = referral.action.concern.reference
    sign_in_with_keyboard(page, first_responder)

    # The task list
    page.goto(base)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"NRM referral for concern {reference}")
    expect(page.locator(".govuk-task-list__item").first).to_be_visible()
    expect(page.get_by_role("link", name="Record that it was submitted")).to_have_count(0)
    axe(page)

    # A page of questions, its error state, and a question that depends on an answer
    page.goto(f"{base}/page/exploitation-start")
    expect(page.get_by_role("heading", level=1)).to_have_text("When and how the exploitation started")
    axe(page)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page).to_have_title(re.compile("^Error: "))
    axe(page)
    # The question that depends on "Yes" says so, and is needed only then
    journey = page.get_by_label("Journey details")
    expect(journey).to_be_visible()
    expect(journey).to_have_accessible_description(re.compile("Answer this if you chose “Yes”."))
    page.locator('input[name="were-they-taken-somewhere-by-their-exploiter"][value="yes"]').check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter journey details")
    axe(page)
    page.locator('input[name="potential-victim-exploitative-situation-multiple"][value="no"]').check()
    page.get_by_label("When did the exploitation happen?", exact=True).fill("Since March 2025")
    page.locator("#id_how-did-the-exploitation-start").fill("Offered a job by a friend of a friend.")
    page.get_by_label("Journey details").fill("Driven by van from the coast to the car wash.")
    page.get_by_role("button", name="Save and continue").click()
    expect(page).to_have_url(f"{base}/page/treatment")
    axe(page)

    # A page with a character count and a date
    page.goto(f"{base}/page/what-happened")
    expect(page.locator(".govuk-character-count__status").first).to_be_visible()
    axe(page)
    page.goto(f"{base}/page/about-them")
    axe(page)

    # The NRM-ready view
    page.goto(f"{base}/nrm-ready")
    expect(page.get_by_role("heading", level=1)).to_have_text("Answers for the Home Office form")
    expect(page.locator("section[data-step]")).to_have_count(65)
    expect(
        page.locator('[data-field="were-they-taken-somewhere-by-their-exploiter-journey-details"] dd').first
    ).to_have_text("Driven by van from the coast to the car wash.")
    expect(page.get_by_role("link", name=re.compile("Report modern slavery service"))).to_have_attribute(
        "href", "https://www.modernslavery.gov.uk/start"
    )
    axe(page)


def test_every_question_page_is_accessible(page, live_server, axe, sign_in_with_keyboard, first_responder_and_referral):
    """Every page of questions, in each branch, as it opens and with its errors shown."""
    first_responder, referral = first_responder_and_referral
    base = f"{live_server.url}/referrals/{referral.public_id}"
    sign_in_with_keyboard(page, first_responder)
    branches = [
        {"pv-under-age": "yes", "upload-file": ["Photograph of the room"]},
        {
            "pv-under-age": "no",
            "pv-want-to-submit-nrm": "yes",
            "does-pv-need-support": "yes",
            "who-contact": "someone-else",
        },
        {"pv-under-age": "no", "pv-want-to-submit-nrm": "no", "authorities-cooperation": "yes"},
        {"pv-under-age": "no", "pv-want-to-submit-nrm": "no"},
    ]
    for answers in branches:
        StatutoryReferral.objects.filter(pk=referral.pk).update(answers=answers, version=1)
        for screen in nrm_form.applicable_screens(answers):
            page.goto(f"{base}/page/{screen.slug}")
            expect(page.locator("h1")).to_have_count(1)
            axe(page)
            page.get_by_role("button", name="Save and continue").click()
            expect(page.locator(".govuk-error-summary")).to_be_visible()
            axe(page)


def _keyboard_answer(page, field, name, answers):
    """Answer one question with the keyboard alone, as a first responder would; returns the answer."""
    if field.type in ("radio-group", "select") and field.options:
        value = "no" if "no" in field.options else field.options[0]
        index = list(field.options).index(value)
        focus_on(page, f'input[name="{name}"]')  # Tab reaches the group at its first option
        if index == 0:
            page.keyboard.press("Space")
        for _ in range(index):
            page.keyboard.press("ArrowDown")
        expect(page.locator(f'input[name="{name}"][value="{value}"]')).to_be_checked()
        return value
    if field.type in ("checkbox", "checkbox-group"):
        focus_on(page, f'input[name="{name}"]')
        page.keyboard.press("Space")
        return True
    focus_on(page, f"#id_{name}")
    text = "Anytown" if ".." in field.key else "Told to us at the interview."
    page.keyboard.type(text)
    return text


def test_a_prefilled_duty_to_notify_report_is_completed_by_keyboard(
    page, live_server, axe, sign_in_with_keyboard, first_responder_and_duty_to_notify
):
    """Given a Duty to Notify report made at triage, filled in from the concern, when the first
    responder opens it from the task list and answers each page with the keyboard alone, pressing
    Enter on "Save and continue", then every page says it is page n of the same 12, passes the
    accessibility check, never asks who the person is (their name only if they agree to help the
    authorities, and they do not), and at the end the task list offers to record
    the submission, with the way to the Home Office's service, and records it."""
    first_responder, referral = first_responder_and_duty_to_notify
    base = f"{live_server.url}/referrals/{referral.public_id}"
    screens = nrm_form.applicable_screens(referral.answers)
    assert len(screens) == 12
    sign_in_with_keyboard(page, first_responder)

    page.goto(base)
    axe(page)
    expect(page.get_by_role("link", name="Record that it was submitted")).to_have_count(0)
    # Asked for by its address, recording the submission says what is still to answer
    page.goto(f"{base}/submitted")
    expect(page.locator("main")).to_contain_text("You cannot record it yet")
    expect(page.locator("#id_home_office_reference")).to_have_count(0)
    axe(page)
    page.goto(base)
    focus_on(page, f'a[href="/referrals/{referral.public_id}/page/{screens[0].slug}"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")

    for position, screen in enumerate(screens, start=1):
        expect(page).to_have_url(f"{base}/page/{screen.slug}")
        expect(page.locator(".govuk-caption-l")).to_contain_text(f"page {position} of 12")
        # Nothing that identifies them; their name only if they agree to help the authorities
        expect(
            page.locator('[name="birthplace"], [name="family"], [name="current-pv-location-uk-city"]')
        ).to_have_count(0)
        if screen.slug != "consent":
            expect(page.locator('[name="pv-name-first-name"]')).to_have_count(0)
        axe(page)
        referral.refresh_from_db()
        answers = dict(referral.answers)
        screen_page = ScreenPage(screen, answers)
        for field in screen_page.fields:
            if field.required and screen_page.applies(field, answers) and is_empty(answers.get(field.key)):
                answers[field.key] = _keyboard_answer(page, field, form_name(field.key), answers)
        focus_on(page, 'button[value="continue"]')
        with page.expect_navigation():
            page.keyboard.press("Enter")
        expect(page.locator(".govuk-error-summary")).to_have_count(0)

    # The end: every required answer is there
    expect(page).to_have_url(base)
    referral.refresh_from_db()
    assert nrm_form.missing_answers(referral.answers) == []
    assert "Smith" not in str(referral.answers)
    expect(page.get_by_role("link", name=re.compile("Report modern slavery service"))).to_have_attribute(
        "href", "https://www.modernslavery.gov.uk/start"
    )
    axe(page)
    focus_on(page, f'a[href="/referrals/{referral.public_id}/submitted"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Record that it was submitted to the Home Office")
    axe(page)
    today = timezone.localdate()
    focus_on(page, "#id_home_office_reference")
    page.keyboard.type("DTN-2026-0001")
    for part, value in (("day", today.day), ("month", today.month), ("year", today.year)):
        focus_on(page, f"#id_submitted_on-{part}")
        page.keyboard.type(str(value))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(base)
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("recorded as submitted")
    axe(page)
