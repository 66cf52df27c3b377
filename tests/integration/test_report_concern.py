"""Reporting a concern: one question a page, saved as a draft as the user goes, nothing lost."""

import html
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from clearsight.concerns.models import Concern
from clearsight.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter(user_with, sign_in, client):
    user = user_with(Role.STAFF)
    sign_in(client, user)
    return user


def start(client):
    response = client.post(reverse("concerns:report-start"))
    assert response.status_code == 302
    return Concern.objects.get(public_id=response["Location"].split("/")[2])


def step(concern, name):
    return reverse("concerns:report-step", args=[concern.public_id, name])


def complete_report(client):
    """A draft with every key question answered, ready to send from the check page."""
    concern = start(client)
    client.post(step(concern, "danger"), {"immediate_danger": "no"})
    client.post(step(concern, "what"), {"what_happened": "Workers sleep at the car wash."})
    client.post(step(concern, "where"), {"location": "Mill Lane car wash", "premises_type": "car_wash"})
    client.post(step(concern, "when"), {"seen_on-day": "1", "seen_on-month": "11", "seen_on-year": "2026", "still_happening": "yes"})
    client.post(reverse("concerns:report-person", args=[concern.public_id, 1]), {"name": "A worker", "age_group": "adult"})
    client.post(step(concern, "business"), {"business_involved": "no"})
    return concern


def test_report_from_start_to_confirmation(client, reporter):
    concern = start(client)
    assert client.post(step(concern, "danger"), {"immediate_danger": "yes"})["Location"] == step(concern, "police")
    page = client.get(step(concern, "police")).content.decode()
    assert "Call 999 now" in page
    client.post(step(concern, "police"), {"called_999": "yes", "police_reference": "AT-123"})
    client.post(step(concern, "what"), {"what_happened": "Two boys sleeping in the back of the car wash."})
    client.post(step(concern, "where"), {"location": "Mill Lane car wash", "premises_type": "car_wash"})
    client.post(step(concern, "when"), {"seen_on-day": "20", "seen_on-month": "11", "seen_on-year": "2026", "still_happening": "yes"})
    response = client.post(reverse("concerns:report-person", args=[concern.public_id, 1]), {"name": "Younger boy", "age_group": "unknown"})
    assert response["Location"] == reverse("concerns:report-more-people", args=[concern.public_id])
    assert client.post(response["Location"], {"more": "yes"})["Location"] == reverse("concerns:report-person", args=[concern.public_id, 2])
    client.post(reverse("concerns:report-person", args=[concern.public_id, 2]), {"name": "Older boy", "age_group": "adult"})
    client.post(reverse("concerns:report-more-people", args=[concern.public_id]), {"more": "no"})
    client.post(step(concern, "indicators"), {"indicators_general": ["general-02", "general-27"], "indicators_child": ["child-05"]})
    client.post(step(concern, "exploitation"), {"exploitation_types": ["forced-to-work"]})
    response = client.post(step(concern, "business"), {"business_involved": "yes", "business_details": "Sparkle Hand Car Wash"})
    assert response["Location"] == reverse("concerns:report-check", args=[concern.public_id])

    page = client.get(response["Location"]).content.decode()
    for answer in ("Two boys sleeping", "Mill Lane car wash", "20 November 2026", "Younger boy", "Older boy", "Sparkle Hand Car Wash", "AT-123"):
        assert answer in page
    response = client.post(reverse("concerns:report-check", args=[concern.public_id]))
    assert response["Location"] == reverse("concerns:report-sent", args=[concern.public_id])
    concern.refresh_from_db()
    assert concern.status == Concern.Status.NEW and concern.submitted_at and concern.draft_expires_at is None
    assert concern.indicators.count() == 3 and concern.people.count() == 2
    page = client.get(response["Location"]).content.decode()
    assert concern.reference in page and "What happens next" in page


def test_each_page_is_saved_as_a_draft(client, reporter):
    concern = start(client)
    client.post(step(concern, "danger"), {"immediate_danger": "no"})
    client.post(step(concern, "what"), {"what_happened": "Half-way through"})
    concern.refresh_from_db()
    assert concern.what_happened == "Half-way through"
    assert concern.draft_expires_at > timezone.now() + timedelta(days=27)
    # The answer is there when the page is opened again
    assert "Half-way through" in client.get(step(concern, "what")).content.decode()


def test_errors_keep_what_was_typed(client, reporter):
    concern = start(client)
    page = html.unescape(client.post(step(concern, "where"), {"location": "Behind the station", "premises_type": ""}).content.decode())
    assert "There is a problem" in page and "Select what kind of place it is" in page
    assert "Behind the station" in page
    page = html.unescape(client.post(step(concern, "when"), {"seen_on-day": "31", "seen_on-month": "2", "seen_on-year": "2026"}).content.decode())
    assert "must be a real date" in page and 'value="31"' in page


def test_a_report_cannot_be_sent_until_the_key_questions_are_answered(client, reporter):
    concern = start(client)
    client.post(step(concern, "danger"), {"immediate_danger": "no"})
    page = client.post(reverse("concerns:report-check", args=[concern.public_id])).content.decode()
    assert "There is a problem" in page and "Tell us what you saw or heard" in page
    concern.refresh_from_db()
    assert concern.status == Concern.Status.DRAFT


def test_a_future_date_is_refused(client, reporter):
    concern = start(client)
    future = timezone.localdate() + timedelta(days=3)
    page = client.post(step(concern, "when"), {"seen_on-day": future.day, "seen_on-month": future.month,
                                               "seen_on-year": future.year, "still_happening": "no"}).content.decode()
    assert "must be today or in the past" in page


def test_drafts_belong_to_their_reporter(client, sign_in, reporter, user_with):
    concern = start(client)
    client.logout()
    sign_in(client, user_with(Role.STAFF))
    assert client.get(step(concern, "what")).status_code == 404
    assert client.get(reverse("concerns:report-check", args=[concern.public_id])).status_code == 404


def test_expired_drafts_are_deleted_and_no_longer_offered(client, reporter):
    concern = start(client)
    Concern.objects.filter(pk=concern.pk).update(draft_expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(step(concern, "what")).status_code == 404
    call_command("delete_expired_drafts", stdout=open("/dev/null", "w"))
    assert not Concern.objects.filter(pk=concern.pk).exists()


def test_draft_period_is_a_setting(client, settings, reporter):
    settings.CONCERN_DRAFT_DAYS = 7
    concern = start(client)
    assert concern.draft_expires_at < timezone.now() + timedelta(days=7, minutes=1)


def test_changing_an_answer_returns_to_check_answers(client, reporter):
    concern = start(client)
    response = client.post(step(concern, "what"), {"what_happened": "Changed", "change": "1"})
    assert response["Location"] == reverse("concerns:report-check", args=[concern.public_id])


def test_removing_a_person_asks_first(client, reporter):
    concern = start(client)
    client.post(reverse("concerns:report-person", args=[concern.public_id, 1]), {"age_group": "adult"})
    url = reverse("concerns:report-remove-person", args=[concern.public_id, 1])
    assert "Are you sure" in client.get(url).content.decode()
    assert concern.people.count() == 1
    client.post(url)
    assert concern.people.count() == 0


def test_reporter_can_delete_an_unfinished_report(client, reporter):
    concern = start(client)
    client.post(reverse("concerns:report-delete", args=[concern.public_id]))
    assert not Concern.objects.filter(pk=concern.pk).exists()


def test_staff_of_a_partner_organisation_report_to_the_council_their_agreement_names(client, sign_in, anytown, db):
    from ..factories import OrganisationFactory, PartnershipFactory, agreement_in_force, make_user

    nhs = OrganisationFactory(name="Anytown NHS Trust", kind="health", is_first_responder=False)
    # Sitting in a partnership together decides nothing: with no agreement, the report stays with the trust's own lead
    PartnershipFactory(name="Safeguarding", kind="safeguarding").members.add(anytown, nhs)
    nurse = make_user(nhs, Role.STAFF)
    sign_in(client, nurse)
    concern = complete_report(client)
    page = html.unescape(client.get(reverse("concerns:report-check", args=[concern.public_id])).content.decode())
    assert "your report will go to Anytown NHS Trust's own modern slavery lead" in page
    client.post(reverse("concerns:report-check", args=[concern.public_id]))
    concern.refresh_from_db()
    assert concern.handling_organisation == nhs
    assert "has gone to Anytown NHS Trust's own modern slavery lead" in html.unescape(
        client.get(reverse("concerns:report-sent", args=[concern.public_id])).content.decode())

    # Under an agreement both accepted that covers concerns, reports go to the council it names
    agreement_in_force(anytown, nhs, kinds=["concerns"])
    concern = complete_report(client)
    client.post(reverse("concerns:report-check", args=[concern.public_id]))
    concern.refresh_from_db()
    assert concern.handling_organisation == anytown


