"""The Duty to Notify journey, as a first responder meets it after triage (issue 17).

Given a concern and its triage, the report starts with every answer Clearsight already holds; an
anonymous report asks only what the Home Office asks of one; it is on fewer pages than the Home
Office form's 36, and their number does not change while it is answered; and it can be recorded as
submitted only when every required answer is there, whichever way the request comes."""

import html

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from clearsight.concerns import nrm_form, referral_services, services
from clearsight.concerns.models import Concern, ExploitationType, Indicator, StatutoryReferral
from clearsight.concerns.routing import AgeGroup, Consent
from clearsight.core.roles import Role

from ..factories import ConcernFactory, ConcernPersonFactory, make_user

pytestmark = pytest.mark.django_db

# The Home Office form asked an adult's anonymous Duty to Notify report on 36 pages, one question
# (or one small group) a page, before Clearsight grouped them (measured on this test's report).
PAGES_BEFORE = 36


@pytest.fixture
def first_responder(anytown):
    return make_user(anytown, Role.FIRST_RESPONDER, Role.STAFF)


def duty_to_notify(organisation, first_responder, *, care_needs=True):
    """A concern about Alex Novak, who does not want to be referred, triaged as a Duty to Notify."""
    concern = ConcernFactory(
        reporter=first_responder,
        reporter_organisation=organisation,
        what_happened="Alex Novak is made to work at the car wash every day and is not paid. alex sleeps there.",
        location="Car wash behind the High Street",
        still_happening=Concern.Danger.YES,
        police_reference="CAD 1234",
        immediate_danger=Concern.Danger.NO,
    )
    services.submit(concern)
    concern.indicators.add(*Indicator.objects.all()[:2])
    concern.exploitation_types.add(ExploitationType.objects.get(code="forced-to-work"))
    person = ConcernPersonFactory(
        concern=concern, position=1, name="Alex Novak", age_group=AgeGroup.ADULT, gender="male", nationality="Romanian"
    )
    services.triage(
        concern,
        first_responder,
        outcome="potential_victims",
        reasoning="Alex has no money and the manager holds their passport.",
        immediate_danger=False,
        supplier_involved=False,
        people_facts={person: (AgeGroup.ADULT, Consent.REFUSED, care_needs, True)},
    )
    return StatutoryReferral.objects.get(action__concern=concern)


def page_url(referral, slug):
    return reverse("concerns:referral-page", kwargs={"public_id": referral.public_id, "step": slug})


def test_the_report_starts_with_what_the_concern_and_triage_hold_without_the_persons_name(
    client, sign_in, anytown, first_responder
):
    """Given a concern naming Alex, with what happened, where, signs, the type of exploitation, a
    police reference, and a triage that found Alex needs adult safeguarding but does not want to be
    referred, when the Duty to Notify report is made, then every answer that cannot identify Alex is
    already filled in, and what the reporter wrote in their own words is shown beside the questions
    it helps with, not copied into the report."""
    referral = duty_to_notify(anytown, first_responder)
    answers = referral.answers
    assert referral.kind == StatutoryReferral.Kind.DUTY_TO_NOTIFY
    assert answers["pv-under-age"] == "no" and answers["pv-want-to-submit-nrm"] == "no"
    assert answers["pv-gender"] == "male" and answers["pv-nationality"] == "Romanian"
    assert answers["still-in-exploitative-situation"] == "yes"
    assert answers["where-exploitation-happened"] == "uk"
    assert answers["modern-slavery-indicators"] == "yes" and answers["modern-slavery-indicators-details"].startswith(
        "- "
    )
    assert answers["types-of-exploitation-forced-to-work"] is True
    assert answers["reported-to-police"] == "yes" and answers["reported-to-police-crime-reference"] == "CAD 1234"
    assert answers["are-others-involved"] == "yes" and "adult safeguarding" in answers["are-others-involved-details"]
    assert answers["user-organisation"] == anytown.name and answers["fr-location"] == "england"
    assert "Alex" not in str(answers) and "Novak" not in str(answers) and "High Street" not in str(answers)
    # Before, 32 required answers were missing at the start; now only what nobody has told Clearsight
    # (how it started, how they were treated, the exploiters, the interview...)
    missing = {f.key for _, f in nrm_form.missing_answers(answers)}
    assert len(missing) <= 22, sorted(missing)
    assert not missing & {
        "still-in-exploitative-situation",
        "modern-slavery-indicators",
        "reported-to-police",
        "are-others-involved",
        "pv-gender",
        "pv-nationality",
        "where-exploitation-happened",
    }

    sign_in(client, first_responder)
    page = html.unescape(client.get(page_url(referral, "what-happened")).content.decode())
    assert "What the reporter said happened" in page and "Alex Novak is made to work at the car wash" in page
    page = html.unescape(client.get(page_url(referral, "assessment")).content.decode())
    assert "Your reasoning at triage" in page and "the manager holds their passport" in page


def test_an_nrm_referral_starts_with_the_reporters_own_words(anytown, first_responder):
    """Given the same concern but an adult who agrees to be referred, when the NRM referral is made,
    then it starts with what the reporter and the triage wrote, and the first responder's details."""
    concern = ConcernFactory(
        reporter=first_responder,
        reporter_organisation=anytown,
        what_happened="Works for no pay.",
        location="Car wash behind the High Street",
        immediate_danger=Concern.Danger.NO,
    )
    services.submit(concern)
    person = ConcernPersonFactory(concern=concern, position=1, name="Alex Novak", age_group=AgeGroup.ADULT)
    services.triage(
        concern,
        first_responder,
        outcome="potential_victims",
        reasoning="Passport held by the manager.",
        immediate_danger=False,
        supplier_involved=False,
        people_facts={person: (AgeGroup.ADULT, Consent.GIVEN, False, True)},
    )
    answers = StatutoryReferral.objects.get(action__concern=concern).answers
    assert answers["what-happened"] == "Works for no pay."
    assert answers["where-exploitation-happened-other-uk-other-location"] == "Car wash behind the High Street"
    assert answers["professional-insight"] == "Passport held by the manager."
    assert answers["fr-details-first-name"] and "fr-details-last-name" in answers


def test_an_anonymous_report_asks_only_what_the_home_office_asks_of_one(client, sign_in, anytown, first_responder):
    """Given a Duty to Notify report for an adult who has not agreed to help the authorities, when the
    first responder works through it, then it never asks their place of birth, family, schooling, work
    history or where they are staying, nor their name or contact details; and once they agree to help,
    those questions are asked."""
    referral = duty_to_notify(anytown, first_responder)
    identifying = {
        "birthplace",
        "family",
        "education",
        "employment-history",
        "current-pv-location-uk-city",
        "current-pv-location-uk-region",
        "pv-name-first-name",
        "pv-name-last-name",
        "pv-contact-details",
    }
    asked = {f.key for p in nrm_form.applicable_pages(referral.answers) for f in p.fields}
    assert not asked & identifying
    assert not {f.key for _, f in nrm_form.missing_answers(referral.answers)} & identifying

    sign_in(client, first_responder)
    for screen in nrm_form.applicable_screens(referral.answers):
        page = html.unescape(client.get(page_url(referral, screen.slug)).content.decode())
        for key in identifying - {"pv-name-first-name", "pv-name-last-name", "pv-contact-details"}:
            assert f'name="{key}"' not in page, (screen.slug, key)
    page = html.unescape(client.get(page_url(referral, "what-happened")).content.decode())
    assert "This Duty to Notify report is anonymous" in page
    assert "Place of birth" not in page

    cooperating = {**referral.answers, "authorities-cooperation": "yes"}
    asked = {f.key for p in nrm_form.applicable_pages(cooperating) for f in p.fields}
    assert identifying <= asked


def test_it_is_on_fewer_pages_than_before_and_their_number_stays_the_same(client, sign_in, anytown, first_responder):
    """Given the Duty to Notify report, when the first responder walks it from the first page to the
    last with "Save and continue", answering "yes" to every question that adds questions, then each
    page says it is page n of the same total, and the total is less than the 36 pages of before."""
    referral = duty_to_notify(anytown, first_responder)
    screens = nrm_form.applicable_screens(referral.answers)
    total = len(screens)
    assert total < PAGES_BEFORE and total == 12
    sign_in(client, first_responder)
    forks = {
        "potential-victim-exploitative-situation-multiple": "yes",
        "still-in-exploitative-situation": "yes",
        "is-this-the-first-chance-to-report": "no",
        "where-exploitation-happened": "uk-and-overseas",
        "exploiters-location": "yes",
        "future-exploitation-concerns": "yes",
        "authorities-cooperation": "yes",
        "evidence-of-dishonesty": "yes",
    }
    StatutoryReferral.objects.filter(pk=referral.pk).update(answers={**referral.answers, **forks})
    for position, screen in enumerate(screens, start=1):
        referral.refresh_from_db()
        assert len(nrm_form.applicable_screens(referral.answers)) == total
        page = html.unescape(client.get(page_url(referral, screen.slug)).content.decode())
        assert f"page {position} of {total}" in page, screen.slug


def test_submission_cannot_be_recorded_while_a_required_answer_is_missing(client, sign_in, anytown, first_responder):
    """Given a Duty to Notify report with required answers missing, when anyone tries to record that it
    was submitted (the task list, the page's address, a form posted directly, or the service itself),
    then it is refused and nothing changes; once every answer is there it is offered and recorded."""
    referral = duty_to_notify(anytown, first_responder)
    assert nrm_form.missing_answers(referral.answers)

    # The service refuses it
    with pytest.raises(referral_services.IncompleteReferral) as refused:
        referral_services.record_submission(
            StatutoryReferral.objects.for_user(first_responder),
            referral,
            first_responder,
            home_office_reference="DTN-1",
            submitted_on=timezone.localdate(),
            version=referral.version,
        )
    assert refused.value.missing
    referral.refresh_from_db()
    assert referral.status == StatutoryReferral.Status.IN_PROGRESS and referral.action.status == "open"

    # The pages do not offer it, and refuse it if asked anyway
    sign_in(client, first_responder)
    task_list = reverse("concerns:referral", kwargs={"public_id": referral.public_id})
    submitted = reverse("concerns:referral-submitted", kwargs={"public_id": referral.public_id})
    page = html.unescape(client.get(task_list).content.decode())
    assert "Record that it was submitted" not in page and submitted not in page
    page = html.unescape(client.get(submitted).content.decode())
    assert "You cannot record it yet" in page and 'name="home_office_reference"' not in page
    response = client.post(
        submitted,
        {
            "home_office_reference": "DTN-1",
            "submitted_on-day": "1",
            "submitted_on-month": "4",
            "submitted_on-year": "2026",
            "version": referral.version,
        },
    )
    assert "You cannot record it yet" in html.unescape(response.content.decode())
    referral.refresh_from_db()
    assert referral.status == StatutoryReferral.Status.IN_PROGRESS

    # Complete, it is offered, with the way to the Home Office's own service
    from .test_referral import complete_answers

    StatutoryReferral.objects.filter(pk=referral.pk).update(answers=complete_answers(referral.answers))
    page = html.unescape(client.get(task_list).content.decode())
    assert "Record that it was submitted" in page
    assert f'href="{settings.HOME_OFFICE_REFERRAL_SERVICE_URL}"' in page
    assert "Report modern slavery service" in page
    assert settings.HOME_OFFICE_REFERRAL_SERVICE_URL == "https://www.modernslavery.gov.uk/start"
    referral.refresh_from_db()
    assert referral_services.record_submission(
        StatutoryReferral.objects.for_user(first_responder),
        referral,
        first_responder,
        home_office_reference="DTN-1",
        submitted_on=timezone.localdate(),
        version=referral.version,
    )
    referral.refresh_from_db()
    assert referral.status == StatutoryReferral.Status.SUBMITTED and referral.action.reference == "DTN-1"
