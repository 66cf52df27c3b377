"""Triage shows what the reporter said about danger and a business, with their answer selected for
the first responder to confirm (WCAG 2.2 3.3.7 Redundant entry), instead of asking again blank."""

import html
import re

import pytest
from django.urls import reverse

from clearsight.concerns.models import Concern
from clearsight.core.roles import Role

from ..concern_helpers import make_concern

pytestmark = pytest.mark.django_db


@pytest.fixture
def responder(user_with):
    return user_with(Role.FIRST_RESPONDER, Role.STAFF)


@pytest.fixture
def reporter(user_with):
    return user_with(Role.STAFF)


def checked(page, name):
    """The value of the checked radio called ``name``, or None."""
    for tag in re.findall(r"<input[^>]*>", page):
        if f'name="{name}"' in tag and "checked" in tag:
            return re.search(r'value="([^"]*)"', tag).group(1)
    return None


def test_the_reporters_answers_are_selected_and_shown(client, sign_in, reporter, responder):
    """Given a report that says someone is in danger (999 called) and names a business,
    when a first responder opens triage,
    then Yes is selected for both, and the page says what the reporter said and to change it if wrong."""
    concern = make_concern(
        reporter,
        immediate_danger="yes",
        called_999=True,
        business_involved="yes",
        business_details="Sparkle Car Wash, Station Road",
    )
    sign_in(client, responder)
    page = client.get(reverse("concerns:triage", args=[concern.public_id])).content.decode()
    assert checked(page, "immediate_danger") == "yes"
    assert checked(page, "supplier_involved") == "yes"
    assert "The reporter said: Yes, and they called 999." in page
    assert "The reporter said a business or organisation is involved (“Sparkle Car Wash, Station Road”)." in page
    assert "change it to No if it is not a supplier or contractor of the council" in page


def test_a_reporter_who_said_no_has_no_selected_and_not_sure_leaves_it_open(client, sign_in, reporter, responder):
    """Given one report answering No to both questions and another answering I'm not sure,
    when a first responder opens triage for each,
    then No is selected for the first, nothing for the second, and both say what the reporter said."""
    no = make_concern(reporter, immediate_danger="no", business_involved="no")
    unsure = make_concern(reporter, immediate_danger="not_sure", business_involved="not_sure")
    sign_in(client, responder)
    page = client.get(reverse("concerns:triage", args=[no.public_id])).content.decode()
    assert (checked(page, "immediate_danger"), checked(page, "supplier_involved")) == ("no", "no")
    assert "The reporter said: No." in page
    assert "The reporter said no business or organisation is involved." in page
    page = client.get(reverse("concerns:triage", args=[unsure.public_id])).content.decode()
    assert (checked(page, "immediate_danger"), checked(page, "supplier_involved")) == (None, None)
    assert "The reporter said: I'm not sure. Decide from what you know now." in html.unescape(page)


def test_confirming_the_selected_answers_triages_without_typing_them_again(client, sign_in, reporter, responder):
    """Given a report that says no one is in danger and no business is involved,
    when the first responder sends triage with the answers as selected,
    then triage records No for both and creates the actions."""
    concern = make_concern(reporter, immediate_danger="no", business_involved="no")
    sign_in(client, responder)
    url = reverse("concerns:triage", args=[concern.public_id])
    page = client.get(url).content.decode()
    data = {
        "outcome": "potential_victims",
        "reasoning": "Works long hours for no pay.",
        "version": concern.version,
        "immediate_danger": checked(page, "immediate_danger"),
        "supplier_involved": checked(page, "supplier_involved"),
        "person-1-is_potential_victim": "yes",
        "person-1-age_group": "adult",
        "person-1-consent": "given",
        "person-1-care_and_support_needs": "no",
    }
    assert client.post(url, data).status_code == 302
    concern.refresh_from_db()
    assert (concern.triage.immediate_danger, concern.triage.supplier_involved) == (False, False)
    assert concern.status == Concern.Status.ACTIONS_OPEN


def test_triaging_again_selects_the_last_triages_answers(client, sign_in, reporter, responder):
    """Given a concern triaged as needing more information, where the first responder said no one is in
    danger though the reporter said yes,
    when it is triaged again,
    then the last triage's No is selected and the reporter's Yes is still shown."""
    concern = make_concern(reporter, immediate_danger="yes", business_involved="no")
    sign_in(client, responder)
    url = reverse("concerns:triage", args=[concern.public_id])
    client.post(
        url,
        {
            "outcome": "more_information",
            "reasoning": "Police found no one there.",
            "version": concern.version,
            "immediate_danger": "no",
            "supplier_involved": "no",
            "person-1-is_potential_victim": "no",
            "person-1-age_group": "adult",
        },
    )
    concern.refresh_from_db()
    assert concern.status == Concern.Status.IN_TRIAGE
    page = client.get(url).content.decode()
    assert checked(page, "immediate_danger") == "no"
    assert "The reporter said: Yes. The answer given at the last triage is selected" in page
