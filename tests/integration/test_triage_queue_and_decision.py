"""The concerns queue tells concerns apart by what and where; the concern page says what was decided
at triage."""

import html
import re

import pytest
from django.urls import reverse

from clearsight.concerns.models import ExploitationType
from clearsight.core.roles import Role

from ..concern_helpers import make_concern, triage

pytestmark = pytest.mark.django_db


@pytest.fixture
def responder(user_with):
    return user_with(Role.FIRST_RESPONDER, Role.STAFF)


@pytest.fixture
def reporter(user_with):
    return user_with(Role.STAFF)


def text(response):
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def test_the_queue_says_what_and_where_each_concern_is_without_names(client, sign_in, reporter, responder):
    """Given two concerns: one about forced criminality at a car wash, one with only signs at a house,
    when a first responder opens the queue,
    then each row says what and where, the references do not break, and no one's name is listed."""
    crime = ExploitationType.objects.get(code="forced-criminality")
    first = make_concern(
        reporter,
        people=[("Tomas Novak", "adult")],
        premises_type="car_wash",
        location="Sparkle Car Wash, Station Road, Anytown",
    )
    first.exploitation_types.add(crime)
    make_concern(reporter, people=[("Ana Silva", "child")], premises_type="private_house", location="Elm Road")
    sign_in(client, responder)
    response = client.get(reverse("concerns:queue"))
    page = text(response)
    assert "What and where" in page
    assert "Forced to commit a crime Car wash: Sparkle Car Wash, Station Road, Anytown" in page
    assert "Not known Private house or flat: Elm Road" in page
    assert "Tomas" not in page and "Ana Silva" not in page
    assert (
        f'class="govuk-link app-nowrap" href="{reverse("concerns:concern", args=[first.public_id])}"'
        in response.content.decode()
    )


def test_the_concern_page_says_what_was_decided_at_triage(client, sign_in, reporter, responder):
    """Given a concern about a child, reported as not in danger, triaged as a potential victim in danger,
    when a first responder opens the concern,
    then the page says the decision, the actions created, who decided, the danger with the reporter's
    different answer, and for the person their age and that no consent is needed."""
    concern = make_concern(reporter, people=[("Boy at the car wash", "child")], immediate_danger="no")
    actions = triage(concern, responder, age="child", danger=True)
    sign_in(client, responder)
    page = text(client.get(reverse("concerns:concern", args=[concern.public_id])))
    decided = page[page.index("What was decided at triage") : page.index("Actions for this concern")]
    assert "Decision There are potential victims of modern slavery" in decided
    assert f"What happens next {len(actions)} actions were created:" in decided
    for action in actions:
        assert action.title in decided
    assert f"Decided by {responder.full_name}," in decided
    assert "Anyone in immediate danger Yes The reporter said: No" in decided
    assert "Potential victim: Yes" in decided and "Age: Under 18" in decided
    assert "Consent to an NRM referral: not needed: treated as a child, referred without consent" in decided


def test_a_concern_needing_more_information_says_so(client, sign_in, reporter, responder):
    """Given a concern triaged as needing more information,
    when a first responder opens it,
    then the page says more information is needed and offers to triage it again."""
    concern = make_concern(reporter)
    person = concern.people.get()
    from clearsight.concerns import services

    services.triage(
        concern,
        responder,
        outcome="more_information",
        reasoning="Need to speak to the manager.",
        immediate_danger=False,
        supplier_involved=False,
        people_facts={person: ("adult", "", False, False)},
    )
    sign_in(client, responder)
    page = text(client.get(reverse("concerns:concern", args=[concern.public_id])))
    assert "What happens next More information is needed. Triage the concern again when you have it." in page
    assert "Triage this concern" in page
