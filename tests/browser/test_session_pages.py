"""The idle sign-out in Debian's Chromium (issue 17; WCAG 2.2.1, Timing adjustable).

Given a member of staff writing what they saw into a report, when they stop for a while, then a
warning takes the focus before they are signed out and lets them stay signed in by keyboard; and if
they are signed out anyway, signing in again brings them back to the same page with what they had
typed filled in again. The times are set to seconds for these tests; the pages read them from the
settings, as they do the 15 minutes in use."""

import time
from datetime import timedelta

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from clearsight.concerns.models import Concern
from clearsight.core.roles import Role

from ..factories import PASSWORD, make_user
from .conftest import focus_on

ACCOUNT = "Two boys seem to sleep in the back room of the car wash; a van collects them at six."


@pytest.fixture
def reporter_with_draft(transactional_db, everything_user):
    organisation = everything_user.memberships.first().organisation
    staff = make_user(organisation, Role.STAFF)
    concern = Concern.objects.create(reporter=staff, reporter_organisation=organisation, immediate_danger="no")
    return staff, f"/report/{concern.public_id}/what"


def next_code(device):
    """The code the authenticator app shows next: the one used to sign in a few seconds ago may not
    be used again, and the next is accepted too."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + device.step
    return f"{totp.token():0{device.digits}d}"


def sign_in_here(page, user):
    """Sign in on the sign-in page already open, by keyboard, with both factors."""
    focus_on(page, "#id_email")
    page.keyboard.type(user.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    focus_on(page, "#id_otp_token")
    page.keyboard.type(next_code(user.test_device))
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_warning_comes_before_the_idle_sign_out_and_staying_signed_in_keeps_the_session(
    page, live_server, axe, settings, reporter_with_draft, sign_in_with_keyboard
):
    settings.IDLE_TIMEOUT, settings.IDLE_WARNING = timedelta(seconds=60), timedelta(seconds=55)
    staff, what = reporter_with_draft
    sign_in_with_keyboard(page, staff)
    page.goto(live_server.url + what)
    focus_on(page, "#id_what_happened")
    page.keyboard.type(ACCOUNT)

    dialog = page.locator("#app-session-dialog")
    expect(dialog).to_be_visible(timeout=30_000)
    expect(dialog.locator("h2")).to_have_text("You will be signed out soon")
    expect(dialog).to_contain_text("you will be signed out in")
    # The warning has the focus (a modal dialog: the page behind it cannot be reached), on its first button.
    expect(dialog.locator("[data-stay]")).to_be_focused()
    expect(dialog.locator("[data-close]")).to_be_hidden()  # "Continue" is for the 12-hour limit only
    axe(page)

    page.keyboard.press("Enter")  # Stay signed in
    expect(dialog).to_be_hidden()
    expect(page.locator("#id_what_happened")).to_be_focused()  # back where they were
    expect(page.locator("#id_what_happened")).to_have_value(ACCOUNT)
    expect(page.locator("#app-session-status")).to_have_text("You are still signed in.")
    left = page.evaluate("fetch('/session', {headers: {Accept: 'application/json'}}).then((r) => r.json())")
    assert left["signed_in"] and left["remaining"] > 55  # the idle time started again
    axe(page)


def test_the_longest_a_session_lasts_is_warned_of_but_cannot_be_extended(
    page, live_server, settings, reporter_with_draft, sign_in_with_keyboard
):
    """Given a session near the longest a session may last, when the warning comes, then it says so
    and offers to carry on, not to stay signed in."""
    settings.ABSOLUTE_TIMEOUT, settings.IDLE_WARNING = timedelta(seconds=90), timedelta(seconds=85)
    staff, what = reporter_with_draft
    sign_in_with_keyboard(page, staff)
    page.goto(live_server.url + what)
    dialog = page.locator("#app-session-dialog")
    expect(dialog).to_be_visible(timeout=30_000)
    expect(dialog).to_contain_text("the longest Clearsight allows")
    expect(dialog.locator("[data-stay]")).to_be_hidden()
    expect(dialog.locator("[data-close]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()


def test_after_the_idle_sign_out_signing_in_returns_to_the_page_with_what_was_typed(
    page, live_server, axe, settings, reporter_with_draft, sign_in_with_keyboard
):
    settings.IDLE_TIMEOUT, settings.IDLE_WARNING = timedelta(seconds=20), timedelta(seconds=5)
    staff, what = reporter_with_draft
    sign_in_with_keyboard(page, staff)
    page.goto(live_server.url + what)
    focus_on(page, "#id_what_happened")
    page.keyboard.type(ACCOUNT)

    # Nobody answers the warning: signed out, on the sign-in page, which says why.
    page.wait_for_url("**/sign-in?next=*", timeout=60_000)
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "You were signed out because you had not done anything"
    )
    axe(page)
    settings.IDLE_TIMEOUT, settings.IDLE_WARNING = timedelta(minutes=15), timedelta(minutes=2)

    sign_in_here(page, staff)
    assert page.url == live_server.url + what
    expect(page.locator("#id_what_happened")).to_have_value(ACCOUNT)
    banner = page.locator(".govuk-notification-banner")
    expect(banner).to_contain_text("What you typed before you were signed out has been filled in again")
    expect(banner).to_be_focused()
    # Filled in once: nothing typed is left in the browser afterwards.
    assert page.evaluate("sessionStorage.getItem('clearsight-drafts')") is None
    axe(page)


def test_signing_out_on_purpose_leaves_nothing_typed_in_the_browser(
    page, live_server, reporter_with_draft, sign_in_with_keyboard
):
    staff, what = reporter_with_draft
    sign_in_with_keyboard(page, staff)
    page.goto(live_server.url + what)
    page.evaluate(
        "sessionStorage.setItem('clearsight-drafts', JSON.stringify([{owner: 'x', path: '/', at: Date.now(), kept: true, forms: []}]))"
    )
    page.goto(live_server.url + "/account")
    focus_on(page, "main button:has-text('Sign out')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("sessionStorage.getItem('clearsight-drafts')") is None
