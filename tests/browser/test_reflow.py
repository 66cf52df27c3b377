"""Every page reflows at 320 CSS pixels (WCAG 2.2 1.4.10 Reflow, 400% zoom of a 1280-pixel screen):
the page never scrolls sideways; a wide table scrolls in a box of its own, which a keyboard user
can Tab to and scroll (issue 17, acceptance 2).

The pages are those of the accessibility crawl (tests/browser/test_accessibility.py) and every page
reached by following the links from the home page of each demo user, one page of each kind, on the
demo data, where tables have their real widths."""

from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve
from django_otp import DEVICE_ID_SESSION_KEY
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

NARROW = {"width": 320, "height": 640}
# One demo user of each kind of work: together their links reach every part of the service.
DEMO_USERS = [
    "admin@anytown.example",
    "first.responder@anytown.example",
    "caseworker@anytown.example",
    "team.manager@anytown.example",
    "coordinator@anytown.example",
    "procurement@anytown.example",
    "contracts@anytown.example",
    "training@anytown.example",
    "statement@anytown.example",
    "auditor@anytown.example",
    "board@anytown.example",
    "dpo@harbourlight.example",
]
SIGNED_OUT_PAGES = ["/sign-in", "/accessibility", "/privacy", "/cookies", "/no-such-page"]
# The pages the accessibility crawl visits that no link leads to, and those issue 17 found.
MORE_PAGES = [
    "/account",
    "/people",
    "/organisations",
    "/audit-log",
    "/audit-log?action=view",
    "/admin/",
    "/admin/core/",
    "/admin/core/organisation/",
    "/admin/core/partnership/",
    "/admin/core/membership/",
    "/concerns",
    "/cases",
    "/spend/imports/",
    "/spend/layouts/",
    "/supply-risk",
    "/board-figures/report",
]
NOT_PAGES = ("/sign-out", "/static/", "/media/")

# The document's width beyond the window's, and the outermost elements sticking out of it that are
# in no box of their own that scrolls.
OVERFLOW = """() => {
  const root = document.documentElement, width = root.clientWidth, found = [];
  const boxed = (el) => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true; } return false; };
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 0.5 && !boxed(el) && !(el.parentElement && found.includes(el.parentElement))) {
      found.push(el);
    }
  }
  return {scroll: root.scrollWidth, width,
          culprits: found.slice(0, 3).map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}` +
            `${typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : ''}` +
            ` to ${Math.round(el.getBoundingClientRect().right)}px`)};
}"""


@pytest.fixture
def demo(transactional_db, settings):
    settings.DEMO_MODE = True
    call_command("load_demo_data", stdout=open("/dev/null", "w"))


def signed_in(page, live_server, email):
    """The page's browser signed in as the demo user, second factor done, as after signing in."""
    from django.conf import settings

    from clearsight.core.models import User

    user = User.objects.get(email=email)
    client = Client()
    client.force_login(user)
    device = user.totpdevice_set.first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    page.context.clear_cookies()
    name = settings.SESSION_COOKIE_NAME
    page.context.add_cookies([{"name": name, "value": client.cookies[name].value, "url": live_server.url}])


def kind_of_page(path):
    """Pages of one kind share a view and the names of their query's fields."""
    parts = urlsplit(path)
    try:
        view = resolve(parts.path).view_name
    except Resolver404:
        view = parts.path
    return view, tuple(sorted({field.split("=")[0] for field in parts.query.split("&") if field}))


def overflows(page):
    found = page.evaluate(OVERFLOW)
    return None if found["scroll"] <= found["width"] else found


def crawl(page, live_server, start, seen, *, signed_in=True, limit=60):
    """Follow the links from ``start``, one page of each kind not ``seen``, and return
    {path: what sticks out} for those that scroll sideways."""
    failures, todo, visited, previous = {}, list(start), 0, "signing in"
    while todo and visited < limit:
        path = todo.pop(0)
        kind = kind_of_page(path)
        if kind in seen:
            continue
        try:
            response = page.goto(live_server.url + path)
        except PlaywrightError as error:  # a link to a file to download, such as a CSV of figures
            assert "Download is starting" in str(error), error
            seen.add(kind)
            continue
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            seen.add(kind)
            continue  # a download
        if response.status != 403:  # a page this user may not see is left for another
            seen.add(kind)
        visited += 1
        if signed_in:
            assert "/sign-in" not in page.url or path.startswith("/sign-in"), f"signed out at {path} after {previous}"
        previous = path
        if found := overflows(page):
            failures[path] = found
        for href in page.eval_on_selector_all(
            "main a[href], header a[href]", "els => els.map(e => e.getAttribute('href'))"
        ):
            href = href.split("#")[0]
            if href.startswith("/") and not href.startswith("//") and not href.startswith(NOT_PAGES):
                todo.append(href)
    return failures


def report(failures):
    return "These pages scroll sideways at 320 CSS pixels:\n" + "\n".join(
        f"  {path}: {found['scroll']}px wide; {', '.join(found['culprits']) or 'nothing found sticking out'}"
        for path, found in failures.items()
    )


def test_no_page_scrolls_sideways_at_320_pixels(page, live_server, demo, axe):
    """Given the demo data, when each demo user opens every page their links lead to, in a window
    320 CSS pixels wide, then no page is wider than the window."""
    page.set_viewport_size(NARROW)
    seen, failures = set(), {}
    failures |= crawl(page, live_server, SIGNED_OUT_PAGES, seen, signed_in=False)
    seen.discard(kind_of_page("/"))  # the home page signed out is the sign-in page
    for email in DEMO_USERS:
        signed_in(page, live_server, email)
        page.goto(live_server.url + "/")
        assert "/sign-in" not in page.url, f"{email} is not signed in"
        seen.discard(kind_of_page("/"))
        failures |= crawl(page, live_server, ["/", *MORE_PAGES], seen)
    assert len(seen) > 100  # the crawl reached the whole service, not just the home pages
    assert not failures, report(failures)
    # The last page passes the accessibility check at this width too.
    axe(page)


def test_a_wide_table_scrolls_in_its_own_box_by_keyboard(page, live_server, demo, axe):
    """Given the triage queue in a window 320 CSS pixels wide, when a keyboard user Tabs to the
    table's box and presses the right arrow, then the table scrolls and the page does not."""
    page.set_viewport_size(NARROW)
    signed_in(page, live_server, "first.responder@anytown.example")
    page.goto(live_server.url + "/concerns")
    box = page.locator(".app-table-scroll").first
    expect(box).to_have_attribute("role", "region")
    assert box.get_attribute("aria-labelledby") or box.get_attribute("aria-label")
    from .conftest import focus_on

    focus_on(page, ".app-table-scroll")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.app-table-scroll').scrollLeft > 0")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    axe(page)


@pytest.mark.parametrize(
    ("path", "email"),
    [
        ("/supply-risk", "procurement@anytown.example"),
        ("/operations/figures", "first.responder@anytown.example"),
    ],
)
def test_charts_keep_readable_labels_at_320_pixels(page, live_server, demo, path, email):
    """Given a page with bar charts in a window 320 CSS pixels wide, then each chart shown fits the
    window and its 14-pixel labels are drawn at 12 pixels or more (the wide drawing shrank them to 6)."""
    page.set_viewport_size(NARROW)
    signed_in(page, live_server, email)
    page.goto(live_server.url + path)
    charts = page.locator("svg.app-chart:visible")
    assert charts.count(), f"no chart on {path}"
    for chart in charts.all():
        drawn, width = chart.evaluate("(svg) => [svg.getBoundingClientRect().width, svg.viewBox.baseVal.width]")
        assert drawn <= 320 and 14 * drawn / width >= 12, (path, drawn, width)
