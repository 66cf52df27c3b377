"""Given a member of staff, when they report a concern using only the keyboard, then every step
passes axe, the report reaches a first responder, and a draft survives signing out and in."""

import re
from datetime import timedelta

from django.utils import timezone

from playwright.sync_api import expect

from clearsight.concerns.models import Concern
from clearsight.core.roles import Role

from ..concern_helpers import make_concern, triage
from ..factories import make_user
from .conftest import focus_on


def press_continue(page, label="Continue"):
    focus_on(page, f"button:has-text('{label}')")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def choose(page, selector):
    focus_on(page, selector)
    page.keyboard.press("Space")


def choose_option(page, first_radio, steps):
    """Radios as a keyboard user picks them: Tab to the group, then arrow down to the option."""
    focus_on(page, first_radio)
    page.keyboard.press("Space")
    for _ in range(steps):
        page.keyboard.press("ArrowDown")


def type_into(page, selector, text):
    focus_on(page, selector)
    page.keyboard.type(text)


def test_report_a_concern_by_keyboard_alone(page, live_server, axe, everything_user, sign_in_with_keyboard):
    organisation = everything_user.memberships.first().organisation
    staff = make_user(organisation, Role.STAFF)
    sign_in_with_keyboard(page, staff)
    page.goto(live_server.url + "/report")
    axe(page)
    press_continue(page, "Start now")

    # Immediate danger: yes, so the next page says to call 999
    axe(page)
    press_continue(page)  # nothing chosen: an error
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)
    choose(page, "#id_immediate_danger")
    press_continue(page)
    expect(page.locator("h1")).to_have_text("Call 999 now")
    axe(page)
    choose(page, "#id_called_999")
    type_into(page, "#id_police_reference", "AT-2611-9")
    press_continue(page)

    axe(page)
    type_into(page, "#id_what_happened", "Two boys seem to sleep in the back room of the car wash.")
    press_continue(page)
    axe(page)
    type_into(page, "#id_location", "Mill Lane car wash")
    choose(page, "#id_premises_type")
    press_continue(page)
    axe(page)
    type_into(page, "#id_seen_on-day", "20")
    type_into(page, "#id_seen_on-month", "11")
    type_into(page, "#id_seen_on-year", "2026")
    choose(page, "#id_still_happening")
    press_continue(page)

    axe(page)
    expect(page).to_have_title(re.compile("^Who are you worried about\\? – "))
    type_into(page, "#id_name", "Woman at the car wash")
    choose_option(page, "#id_age_group", 1)  # 18 or over
    expect(page.locator("#id_age_group-2")).to_be_checked()
    press_continue(page)

    # An adult: does she know about the report, and what does she want?
    expect(page.locator("h1")).to_have_text("Do they know you are reporting this, and do they agree?")
    axe(page)
    press_continue(page)  # nothing chosen: an error that says what to select
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select if they know about this report")
    expect(page).to_have_title(re.compile("^Error: Do they know"))
    axe(page)
    choose_option(page, "#id_reported_consent", 1)  # Yes, they know, but they do not want it reported
    expect(page.locator("#id_reported_consent-2")).to_be_checked()
    type_into(page, "#id_reported_wishes", "She does not want anyone told.")
    press_continue(page)
    expect(page.locator("h1")).to_contain_text("You have told us about 1 person")
    axe(page)
    choose_option(page, "#id_more", 1)  # No
    expect(page.locator("#id_more-2")).to_be_checked()
    press_continue(page)
    expect(page.locator("h1")).to_have_text("Did you notice any of these signs?")

    # Only the signs that apply to an adult, in folded groups; open one with the keyboard and tick a sign
    axe(page)
    expect(page.locator("input[value^='child-'], input[value^='situational-']")).to_have_count(0)
    expect(page.locator("details[open]")).to_have_count(0)
    focus_on(page, "summary:has-text('Work and pay')")
    page.keyboard.press("Enter")
    expect(page.locator("details:has-text('Work and pay')")).to_have_attribute("open", "")
    choose(page, "input[value='general-25']")
    expect(page.locator("input[value='general-25']")).to_be_checked()
    axe(page)
    press_continue(page)
    axe(page)
    choose(page, "#id_exploitation_types")
    press_continue(page)
    axe(page)
    choose(page, "#id_business_involved")
    type_into(page, "#id_business_details", "Sparkle Hand Car Wash")
    press_continue(page)

    expect(page.locator("h1")).to_have_text("Check your answers before sending your report")
    expect(page.locator("main")).to_contain_text("Yes, they know, but they do not want it reported")
    expect(page.locator("main")).to_contain_text("She does not want anyone told.")
    expect(page.locator("main")).to_contain_text("They are paid little or nothing")
    axe(page)
    press_continue(page, "Send report")
    expect(page.locator(".govuk-panel__title")).to_have_text("Report sent")
    axe(page)
    concern = Concern.objects.get(reporter=staff)
    assert concern.status == Concern.Status.NEW
    assert concern.reference in page.locator(".govuk-panel__body").inner_text()
    person = concern.people.get()
    assert person.reported_consent == "does_not_agree" and person.reported_wishes == "She does not want anyone told."
    assert list(concern.indicators.values_list("code", flat=True)) == ["general-25"]

    page.goto(live_server.url + "/reports")
    axe(page)


def test_the_reporter_follows_their_report_and_adds_information_by_keyboard(page, live_server, axe, everything_user,
                                                                          sign_in_with_keyboard):
    """Given a report a first responder has triaged, when its reporter opens it from their reports using
    only the keyboard, then they read what is happening in plain words and add what they saw since."""
    organisation = everything_user.memberships.first().organisation
    staff = make_user(organisation, Role.STAFF)
    responder = make_user(organisation, Role.FIRST_RESPONDER)
    concern = make_concern(staff, people=[("Man at the farm", "adult")])
    triage(concern, responder, age="adult", consent="refused")
    sign_in_with_keyboard(page, staff)
    page.goto(live_server.url + "/reports")
    expect(page.locator("main")).to_contain_text("Action being taken")
    expect(page.locator("main")).not_to_contain_text("Duties discharged")
    axe(page)
    focus_on(page, f"a:has-text('{concern.reference}')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(f"Your report {concern.reference}")
    axe(page)
    focus_on(page, "a:has-text('Add information')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe(page)
    press_continue(page, "Add to your report")  # nothing typed: an error
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the information you want to add")
    axe(page)
    type_into(page, "#id_text", "A minibus now collects the workers at 5am.")
    press_continue(page, "Add to your report")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("has been added")
    expect(page.locator("main")).to_contain_text("A minibus now collects the workers at 5am.")
    axe(page)


def test_a_half_finished_report_is_still_there_after_signing_out_and_in(page, live_server, everything_user, sign_in_with_keyboard,
                                                                      time_machine):
    organisation = everything_user.memberships.first().organisation
    staff = make_user(organisation, Role.STAFF)
    sign_in_with_keyboard(page, staff)
    page.goto(live_server.url + "/report")
    press_continue(page, "Start now")
    choose_option(page, "#id_immediate_danger", 1)
    press_continue(page)
    type_into(page, "#id_what_happened", "I started this and had to go to a meeting.")
    press_continue(page)

    page.goto(live_server.url + "/account")
    press_continue(page, "Sign out")
    expect(page).to_have_url(re.compile("/sign-in"))
    # Later on (a security code can only be used once, so in a new 30-second window)
    time_machine.move_to(timezone.now() + timedelta(minutes=5))
    sign_in_with_keyboard(page, staff)
    page.goto(live_server.url + "/reports")
    page.get_by_role("link", name=re.compile("Report started")).click()
    expect(page.locator("h1")).to_have_text("Check your answers before sending your report")
    expect(page.locator("main")).to_contain_text("I started this and had to go to a meeting.")


def test_first_responder_pages(page, live_server, axe, everything_user, sign_in_with_keyboard):
    organisation = everything_user.memberships.first().organisation
    responder = make_user(organisation, Role.FIRST_RESPONDER, Role.STAFF)
    reporter = make_user(organisation, Role.STAFF)
    new = make_concern(reporter, people=[("Girl at the nail bar", "unknown")], immediate_danger="not_sure")
    done = make_concern(reporter, people=[("Boy", "child")], immediate_danger="yes")
    actions = triage(done, responder, age="child", danger=True)
    sign_in_with_keyboard(page, responder)
    for path in ["/", "/actions", "/concerns", "/concerns?status=all", f"/concerns/{new.public_id}", f"/concerns/{new.public_id}/triage",
                 f"/concerns/{done.public_id}", f"/actions/{next(a for a in actions if a.kind == 'police').public_id}"]:
        page.goto(live_server.url + path)
        axe(page)
    # The triage form's error state
    page.goto(f"{live_server.url}/concerns/{new.public_id}/triage")
    page.click("button:has-text('Save triage')")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)
