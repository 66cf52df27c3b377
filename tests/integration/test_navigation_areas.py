"""People with several roles get a short navigation bar and an "All areas" page that reaches the rest."""

import re

import pytest
from django.urls import reverse

from clearsight.core.navigation import MAX_LINKS, reachable
from clearsight.core.roles import Role

pytestmark = pytest.mark.django_db

SEVERAL_ROLES = (
    Role.FIRST_RESPONDER,
    Role.PROCUREMENT_OFFICER,
    Role.PARTNERSHIP_COORDINATOR,
    Role.TRAINING_MANAGER,
    Role.STATEMENT_OWNER,
    Role.ADMINISTRATOR,
    Role.AUDITOR,
)


def bar_links(page):
    """(text, href, current) of each link in the navigation bar."""
    nav = re.search(r'<nav aria-label="Menu".*?</nav>', page, re.S).group(0)
    return [
        (re.sub(r"<[^>]+>|\s+", " ", text).strip(), href, "aria-current" in attrs)
        for href, attrs, text in re.findall(
            r'<a class="govuk-service-navigation__link" href="([^"]+)"([^>]*)>(.*?)</a>', nav, re.S
        )
    ]


def test_a_person_with_seven_roles_gets_six_links_and_reaches_every_area_from_all_areas(client, sign_in, user_with):
    """Given a person with seven roles, who can open more than twenty areas,
    when they open the home page,
    then the bar has six links ending with All areas, and All areas lists every area they can open, each of which opens."""
    user = user_with(*SEVERAL_ROLES)
    sign_in(client, user)
    links = bar_links(client.get("/").content.decode())
    assert len(links) == MAX_LINKS
    assert links[0][:2] == ("Home", "/") and links[-1][:2] == ("All areas", reverse("core:areas"))

    page = client.get(reverse("core:areas")).content.decode()
    areas = reachable(user.can)
    assert len(areas) > 20
    main = page[page.index('id="main-content"') :]
    for area in areas:
        href = reverse(area.url_name)
        assert f'href="{href}">{area.label}</a>' in main, area.label
        assert client.get(href).status_code == 200, href
    assert bar_links(page)[-1][2], "All areas is marked as the current area on its own page"


def test_a_page_reached_through_all_areas_marks_all_areas_as_current(client, sign_in, user_with):
    """Given a first responder, whose bar does not show Intelligence,
    when they open the intelligence reports,
    then All areas is marked as where they are, and nothing else is."""
    user = user_with(Role.FIRST_RESPONDER)
    sign_in(client, user)
    links = bar_links(client.get(reverse("intelligence:reports")).content.decode())
    assert "Intelligence" not in [text for text, _, _ in links]
    assert [text for text, _, current in links if current] == ["All areas"]
    links = bar_links(client.get(reverse("concerns:queue")).content.decode())
    assert [text for text, _, current in links if current] == ["Concerns"]


def test_someone_with_few_areas_sees_them_all_and_their_account_beside_their_name(client, sign_in, user_with):
    """Given a member of staff,
    when they open the home page,
    then every area they can open is in the bar, there is no All areas, and Your account is beside their name."""
    user = user_with(Role.STAFF)
    sign_in(client, user)
    page = client.get("/").content.decode()
    assert [text for text, _, _ in bar_links(page)] == ["Home", "Report a concern", "Your reports", "Organisations"]
    signed_in = re.search(r'<p class="govuk-body-s app-signed-in">.*?</p>', page, re.S).group(0)
    assert user.full_name in signed_in and f'href="{reverse("core:account")}">Your account</a>' in signed_in
