"""Given a first responder, when they triage a concern by keyboard, then the queue tells the concern
apart, triage shows the reporter's answers already selected to confirm, and the concern page says what
was decided; and given a person with several roles, the navigation fits one line and reaches every
area, also at 320 pixels wide. Axe checks every page."""

from django.urls import reverse
from playwright.sync_api import expect

from clearsight.concerns.models import Concern
from clearsight.core.navigation import MAX_LINKS, reachable
from clearsight.core.roles import Role

from ..concern_helpers import make_concern
from ..factories import make_user
from .conftest import focus_on


def press_enter_on(page, selector):
    focus_on(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def choose_option(page, first_radio, steps=0):
    """Radios as a keyboard user picks them: Tab to the group, then arrow down to the option."""
    focus_on(page, first_radio)
    page.keyboard.press("Space")
    for _ in range(steps):
        page.keyboard.press("ArrowDown")


def no_sideways_scroll(page):
    return page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_triage_by_keyboard_confirms_the_reporters_answers(
    page, live_server, axe, everything_user, sign_in_with_keyboard
):
    organisation = everything_user.memberships.first().organisation
    reporter = make_user(organisation, Role.STAFF)
    responder = make_user(organisation, Role.FIRST_RESPONDER)
    concern = make_concern(
        reporter,
        people=[("Woman at the nail bar", "adult")],
        immediate_danger="yes",
        called_999=True,
        business_involved="no",
        premises_type="nail_bar",
        location="Nail bar, 14 High Street",
    )
    sign_in_with_keyboard(page, responder)

    # The queue: what and where, no one's name
    page.goto(live_server.url + reverse("concerns:queue"))
    axe(page)
    row = page.locator("tbody tr", has_text=concern.reference)
    expect(row).to_contain_text("Nail bar or beauty salon: Nail bar, 14 High Street")
    expect(page.locator("tbody")).not_to_contain_text("Woman at the nail bar")
    press_enter_on(page, f"a:has-text('{concern.reference}')")
    axe(page)
    press_enter_on(page, "a:has-text('Triage this concern')")

    # Triage: the reporter's answers are already selected, with what they said
    axe(page)
    expect(page.locator("#id_immediate_danger")).to_be_checked()  # Yes
    expect(page.locator("#id_supplier_involved-2")).to_be_checked()  # No
    expect(page.locator("#id_immediate_danger-hint")).to_have_text(
        "The reporter said: Yes, and they called 999. Their answer is selected: change it if it is not right now."
    )
    expect(page.locator("#id_supplier_involved-hint")).to_contain_text(
        "The reporter said no business or organisation is involved."
    )
    choose_option(page, "#id_outcome")  # There are potential victims
    focus_on(page, "#id_reasoning")
    page.keyboard.type("She could not leave and her employer kept her passport.")
    choose_option(page, "#id_person-1-consent")  # she agrees to be referred
    choose_option(page, "#id_person-1-care_and_support_needs", 1)  # no care and support needs
    press_enter_on(page, "button:has-text('Save triage and create actions')")

    # The concern page says what was decided, with the confirmed answers
    axe(page)
    decided = page.locator("#triage-decision + .govuk-summary-list")
    expect(decided).to_contain_text("There are potential victims of modern slavery")
    expect(decided.locator(".govuk-summary-list__row", has_text="Anyone in immediate danger")).to_contain_text("Yes")
    expect(decided.locator(".govuk-summary-list__row", has_text="Supplier or contractor")).to_contain_text("No")
    expect(decided).to_contain_text("Consent to an NRM referral: Yes, they agree to be referred to the NRM")
    concern.refresh_from_db()
    assert concern.status == Concern.Status.ACTIONS_OPEN
    assert (concern.triage.immediate_danger, concern.triage.supplier_involved) == (True, False)


def test_the_navigation_of_a_person_with_several_roles_fits_and_reaches_every_area(
    page, live_server, axe, everything_user, sign_in_with_keyboard
):
    organisation = everything_user.memberships.first().organisation
    user = make_user(
        organisation,
        Role.FIRST_RESPONDER,
        Role.PROCUREMENT_OFFICER,
        Role.PARTNERSHIP_COORDINATOR,
        Role.TRAINING_MANAGER,
        Role.STATEMENT_OWNER,
        Role.ADMINISTRATOR,
        Role.AUDITOR,
    )
    make_concern(make_user(organisation, Role.STAFF), location="The car wash behind Anytown station, by the taxi rank")
    sign_in_with_keyboard(page, user)
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(live_server.url + "/")
    links = page.get_by_role("navigation", name="Menu").get_by_role("link")
    expect(links).to_have_count(MAX_LINKS)
    tops = {round(box["y"]) for box in (links.nth(i).bounding_box() for i in range(MAX_LINKS))}
    assert len(tops) == 1, "the navigation links are all on one line"
    axe(page)

    press_enter_on(page, ".govuk-service-navigation__link:has-text('All areas')")
    expect(page.locator("h1")).to_have_text("All areas")
    axe(page)
    main = page.locator("main")
    for area in reachable(user.can):
        expect(main.get_by_role("link", name=area.label, exact=True)).to_have_attribute("href", reverse(area.url_name))
    press_enter_on(page, "main a:has-text('Supplier matches')")
    expect(page.get_by_role("navigation", name="Menu").locator("[aria-current]")).to_have_text("All areas")

    # At 320 pixels wide (400% zoom) the menu folds behind a button and nothing scrolls sideways
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ["/", reverse("core:areas"), reverse("concerns:queue")]:
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_be_visible()
        assert no_sideways_scroll(page), path
        axe(page)
    focus_on(page, "button.govuk-service-navigation__toggle")
    page.keyboard.press("Enter")
    expect(page.get_by_role("navigation", name="Menu").get_by_role("link", name="All areas")).to_be_visible()
