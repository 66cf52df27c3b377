"""Every page of the service, in Debian's Chromium, checked with axe against WCAG 2.2 AA.

Given a signed-in user who can reach every page, when they visit each one (including error
states), then axe finds no violations."""

import re

from django.template.loader import render_to_string
from playwright.sync_api import expect

from clearsight.core.roles import Role

from ..factories import PartnershipFactory, make_user
from .conftest import focus_on


def test_signed_out_pages(page, live_server, axe, everything_user):
    for path in ["/sign-in", "/accessibility", "/privacy", "/cookies", "/no-such-page"]:
        page.goto(live_server.url + path)
        axe(page)
    # The sign-in form with its errors
    page.goto(live_server.url + "/sign-in")
    page.click("button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)


def test_every_signed_in_page(page, live_server, axe, everything_user, sign_in_with_keyboard):
    person = make_user(everything_user.memberships.first().organisation, Role.STAFF)
    # Given the user signs in (the security code page is checked on the way)
    page.goto(live_server.url + "/sign-in")
    sign_in_with_keyboard(page, everything_user)
    assert page.url == live_server.url + "/"
    # When they visit every page
    for path in ["/", "/account", "/people", f"/people/{person.public_id}", f"/people/{person.public_id}/edit",
                 "/organisations", "/audit-log", "/audit-log?action=view", *admin_pages(everything_user)]:
        page.goto(live_server.url + path)
        assert page.title(), path
        # Then each passes the accessibility check
        axe(page)
    # Including the error states of forms
    page.goto(f"{live_server.url}/people/{person.public_id}/edit")
    page.fill("#id_full_name", "")
    page.click("text=Save changes")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)
    page.goto(live_server.url + "/audit-log?date_from-day=31&date_from-month=2&date_from-year=2026")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)


def admin_pages(user):
    from clearsight.core.models import Membership

    organisation = user.memberships.first().organisation
    partnership = PartnershipFactory(name="Test Partnership", kind="safeguarding")
    partnership.members.add(organisation)
    membership = Membership.objects.filter(organisation=organisation).first()
    return ["/admin/", "/admin/core/",
            "/admin/core/organisation/", f"/admin/core/organisation/{organisation.pk}/change/",
            "/admin/core/partnership/", f"/admin/core/partnership/{partnership.pk}/change/", "/admin/core/partnership/add/",
            "/admin/core/membership/", f"/admin/core/membership/{membership.pk}/change/", "/admin/core/membership/add/"]


def test_security_code_and_set_up_pages(page, live_server, axe, everything_user):
    from ..factories import PASSWORD

    org = everything_user.memberships.first().organisation
    new_user = make_user(org, Role.CASEWORKER, with_device=False)
    page.goto(live_server.url + "/sign-in")
    page.fill("#id_email", new_user.email)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile("/set-up-two-factor"))
    axe(page)
    page.fill("#id_otp_token", "123")
    page.click("button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)

    context = page.context
    context.clear_cookies()
    page.goto(live_server.url + "/sign-in")
    page.fill("#id_email", everything_user.email)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile("/security-code"))
    axe(page)
    page.fill("#id_otp_token", "000000")
    page.click("button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)


def test_forbidden_waiting_and_server_error_pages(page, live_server, axe, everything_user, settings):
    from ..factories import PASSWORD

    org = everything_user.memberships.first().organisation
    board = make_user(org, Role.BOARD_MEMBER, with_device=False)
    page.goto(live_server.url + "/sign-in")
    page.fill("#id_email", board.email)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(live_server.url + "/people")
    expect(page.locator("h1")).to_have_text("You do not have access to this page")
    axe(page)

    # The server error page, served in place of a page that failed
    html = render_to_string("500.html", {"service_name": "Clearsight"})
    page.route(re.compile(r".*/broken$"), lambda route: route.fulfill(status=500, body=html, content_type="text/html"))
    page.goto(live_server.url + "/broken")
    assert "Sorry, there is a problem with the service" in page.content()
    axe(page)

    page.context.clear_cookies()
    for _ in range(settings.SIGN_IN_THROTTLE["account"]["free"] + 1):
        page.goto(live_server.url + "/sign-in")
        page.fill("#id_email", board.email)
        page.fill("#id_password", "not-the-password-1")
        page.click("button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_contain_text("before trying again")
    axe(page)


def test_a_person_can_be_changed_using_only_the_keyboard(page, live_server, everything_user, sign_in_with_keyboard):
    org = everything_user.memberships.first().organisation
    person = make_user(org, Role.STAFF)
    sign_in_with_keyboard(page, everything_user)
    page.goto(f"{live_server.url}/people/{person.public_id}/edit")
    focus_on(page, "#id_job_title")
    page.keyboard.press("Control+A")
    page.keyboard.type("Outreach worker")
    focus_on(page, f"input[name=roles][value={Role.FIRST_RESPONDER.value}]")
    page.keyboard.press("Space")
    focus_on(page, "button.govuk-button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "have been saved" in page.content()
    person.refresh_from_db()
    assert person.job_title == "Outreach worker"
    assert Role.FIRST_RESPONDER in {m.role for m in person.memberships.all()}


def test_skip_link_is_the_first_thing_a_keyboard_reaches(page, live_server, everything_user):
    page.goto(live_server.url + "/sign-in")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main-content$"))


def test_spend_pages(page, live_server, axe, everything_user, sign_in_with_keyboard):
    """The spend overview (by publisher), the imports list (filtered), an import report, the undo
    confirmation, the remembered layouts, a layout's change page (with its error) and the forget
    confirmation (issue 16)."""
    from clearsight.spend import importer

    from ..spend_helpers import csv_bytes

    organisation = everything_user.memberships.first().organisation
    officer = make_user(organisation, Role.PROCUREMENT_OFFICER, Role.STAFF)
    spend_import = importer.receive_file(organisation, "Anytown Council", "april.csv", csv_bytes(
        [["Supplier Name", "Paid Date", "Amount"], ["Acme Ltd", "07/04/2015", "120.00"]]), officer)
    importer.confirm_mapping(spend_import, spend_import.mapping["columns"], officer)
    spend_import = importer.run_import(spend_import.pk)
    layout = spend_import.layout
    sign_in_with_keyboard(page, officer)
    for path in ["/spend/", "/spend/imports/", "/spend/imports/?publisher=anytown%20council",
                 f"/spend/imports/{spend_import.public_id}", f"/spend/imports/{spend_import.public_id}/undo",
                 "/spend/layouts/", f"/spend/layouts/{layout.public_id}", f"/spend/layouts/{layout.public_id}/forget"]:
        page.goto(live_server.url + path)
        assert page.title(), path
        axe(page)
    # A layout's change page with its error: one column chosen for two fields
    page.goto(f"{live_server.url}/spend/layouts/{layout.public_id}")
    page.locator("#id_col_paid_on").select_option(label="Amount")
    page.click("text=Save the layout")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)
