"""A first responder completes an NRM referral or Duty to Notify report page by page, checks it in
the NRM-ready view, downloads it and records that it was submitted. Every view, change and export
is audited; other organisations cannot reach it; a Duty to Notify report never holds the person's
name, date of birth or contact details."""

import datetime
import html

import pytest
from django.test import Client
from django.urls import reverse
from lxml import html as lxml_html
from django.utils import timezone

from clearsight.concerns import nrm_form, services
from clearsight.concerns.models import Action, Concern, StatutoryReferral
from clearsight.concerns.routing import AgeGroup, Consent
from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role

from ..factories import ConcernFactory, ConcernPersonFactory, make_user

pytestmark = pytest.mark.django_db

IDENTIFYING_KEYS = ("pv-name-first-name", "pv-name-last-name", "pv-dob")


def triaged_referral(organisation, first_responder, *, age=AgeGroup.ADULT, consent=Consent.GIVEN, name="Alex Smith"):
    concern = ConcernFactory(
        reporter=first_responder,
        reporter_organisation=organisation,
        what_happened="Seen working long hours at the car wash for no pay.",
        location="Car wash on the High Street",
        immediate_danger=Concern.Danger.NO,
    )
    services.submit(concern)
    person = ConcernPersonFactory(concern=concern, position=1, name=name, age_group=age, gender="male")
    services.triage(
        concern,
        first_responder,
        outcome="potential_victims",
        reasoning="Several indicators of forced labour.",
        immediate_danger=False,
        supplier_involved=False,
        people_facts={person: (age, consent, False, True)},
    )
    return StatutoryReferral.objects.get(action__concern=concern)


@pytest.fixture
def first_responder(anytown):
    return make_user(anytown, Role.FIRST_RESPONDER, Role.STAFF)


@pytest.fixture
def referral(anytown, first_responder):
    return triaged_referral(anytown, first_responder)


@pytest.fixture
def signed_in(client, sign_in, first_responder):
    return sign_in(client, first_responder)


def url(name, referral, **kwargs):
    return reverse(f"concerns:{name}", kwargs={"public_id": referral.public_id, **kwargs})


def page_url(referral, step):
    return url("referral-page", referral, step=step.lstrip("/"))


def text(response):
    return html.unescape(response.content.decode())


def audited(user, action, referral):
    return AuditEvent.objects.filter(actor=user, action=action, record_id=str(referral.public_id)).count()


def test_triage_makes_an_nrm_referral_with_answers_from_the_concern(referral):
    assert referral.kind == StatutoryReferral.Kind.NRM
    assert referral.answers["pv-under-age"] == "no"
    assert referral.answers["pv-want-to-submit-nrm"] == "yes"
    assert referral.answers["what-happened"].startswith("Seen working long hours")


def test_first_responder_opens_the_task_list(signed_in, first_responder, referral):
    response = signed_in.get(url("referral", referral))
    page = text(response)
    assert response.status_code == 200
    assert f"NRM referral for concern {referral.action.concern.reference}" in page
    assert 'class="govuk-task-list"' in page
    for screen, _, _ in nrm_form.tasks(referral.answers):
        assert html.unescape(screen.title_for(referral.answers)) in page
        assert f'href="{page_url(referral, screen.slug)}"' in page
    assert url("referral-ready", referral) in page
    assert f"/concerns/{referral.action.concern.public_id}" in page
    # Not everything is answered yet, so it cannot be marked as ready
    assert "Mark as ready" not in page and "Record that it was submitted" not in page
    assert audited(first_responder, AuditEvent.Action.VIEW, referral) == 1


def test_answering_a_page_saves_it_and_goes_to_the_next_page(signed_in, first_responder, referral):
    """Given an NRM referral, when the first responder says there was more than one exploitative
    situation, then the question about the exploitations (not the exploitation) is the one required,
    on the same page, and saving goes on to the next page."""
    step = page_url(referral, "exploitation-start")
    page = text(
        signed_in.post(
            step,
            {
                "potential-victim-exploitative-situation-multiple": "yes",
                "form_version": referral.version,
                "then": "continue",
            },
        )
    )
    assert "Enter the start date, end date and type of each exploitation" in page
    assert "Enter the start and end date of the exploitation" not in page
    response = signed_in.post(
        step,
        {
            "potential-victim-exploitative-situation-multiple": "yes",
            "when-did-the-exploitation-take-place-multiple": "March 2024 to May 2025, forced labour",
            "when-did-the-exploitation-take-place": "Not kept: it is for one situation",
            "how-did-the-exploitation-start": "Offered a job by a cousin's friend.",
            "were-they-taken-somewhere-by-their-exploiter": "no",
            "form_version": referral.version,
            "then": "continue",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == page_url(referral, "treatment")
    referral.refresh_from_db()
    assert referral.answers["when-did-the-exploitation-take-place-multiple"] == "March 2024 to May 2025, forced labour"
    assert "when-did-the-exploitation-take-place" not in referral.answers
    assert referral.version == 2
    assert audited(first_responder, AuditEvent.Action.CHANGE, referral) == 1

    # "Save and return to task list" keeps what was answered without asking for the rest
    response = signed_in.post(
        page_url(referral, "treatment"),
        {"living-conditions": "Slept in the back room.", "form_version": referral.version, "then": "task-list"},
    )
    assert response["Location"] == url("referral", referral)
    referral.refresh_from_db()
    assert referral.answers["living-conditions"] == "Slept in the back room."


def test_question_pages_show_the_answers_so_far(signed_in, referral):
    page = text(signed_in.get(page_url(referral, "what-happened")))
    assert "What did they say happened?" in page
    assert "Seen working long hours at the car wash for no pay." in page
    assert 'data-module="govuk-character-count"' in page and 'data-maxlength="15000"' in page
    page = text(signed_in.get(page_url(referral, "last-contact")))
    assert 'value="not-sure"' in page and "Not sure" in page and "Within the last 6 to 12 months" in page


def test_a_home_office_page_address_opens_the_page_that_asks_it(signed_in, referral):
    response = signed_in.get(page_url(referral, "/when-last-contact"))
    assert response.status_code == 302
    assert response["Location"] == page_url(referral, "last-contact") + "#id_when-last-contact"


def test_missing_required_answer_is_an_error_and_keeps_what_was_typed(signed_in, referral):
    response = signed_in.post(
        page_url(referral, "what-happened"),
        {
            "what-happened": "Seen working.",
            "birthplace": "",
            "family": "Two brothers at home.",
            "education": "",
            "employment-history": "Farm work",
            "form_version": referral.version,
        },
    )
    page = text(response)
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter place of birth" in page and 'href="#id_birthplace"' in page
    assert "Two brothers at home." in page and "Farm work" in page
    assert "<title>Error:" in page
    referral.refresh_from_db()
    assert "family" not in referral.answers and referral.version == 1


def test_revealed_question_is_required_only_when_it_applies_and_cleared_when_it_does_not(signed_in, referral):
    step = page_url(referral, "exploitation-start")
    response = signed_in.post(step, {"were-they-taken-somewhere-by-their-exploiter": "yes", "form_version": 1})
    assert "Enter journey details" in text(response)
    response = signed_in.post(
        step,
        {
            "were-they-taken-somewhere-by-their-exploiter": "no",
            "were-they-taken-somewhere-by-their-exploiter-journey-details": "By van to Leeds",
            "form_version": 1,
            "then": "task-list",
        },
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.answers["were-they-taken-somewhere-by-their-exploiter"] == "no"
    assert "were-they-taken-somewhere-by-their-exploiter-journey-details" not in referral.answers


def test_radios_must_be_one_of_the_options_and_text_has_a_limit(signed_in, referral):
    page = text(
        signed_in.post(page_url(referral, "last-contact"), {"when-last-contact": "yesterday", "form_version": 1})
    )
    assert "Select a valid choice" in page
    page = text(signed_in.post(page_url(referral, "what-happened"), {"what-happened": "x" * 15001, "form_version": 1}))
    assert "must be 15,000 characters or fewer" in page
    referral.refresh_from_db()
    assert "when-last-contact" not in referral.answers and referral.version == 1


def test_places_are_entered_one_a_line_and_dates_are_stored_as_dates(signed_in, referral):
    response = signed_in.post(
        page_url(referral, "where"),
        {
            "where-exploitation-happened": "uk",
            "where-exploitation-happened-uk-city-1-to-10": "Leeds\r\n\r\nBradford \r\n",
            "where-exploitation-happened-other-uk-other-location": "Car wash on the High Street",
            "form_version": 1,
            "then": "task-list",
        },
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.answers["where-exploitation-happened-uk-city-1..10"] == ["Leeds", "Bradford"]
    page = text(
        signed_in.post(
            page_url(referral, "where"),
            {
                "where-exploitation-happened": "uk",
                "where-exploitation-happened-uk-city-1-to-10": "\n".join(f"Town {n}" for n in range(11)),
                "form_version": 2,
            },
        )
    )
    assert "Enter no more than 10 places" in page

    future = timezone.localdate() + datetime.timedelta(days=3)
    page = text(
        signed_in.post(
            page_url(referral, "about-them"),
            {
                "pv-dob-day": future.day,
                "pv-dob-month": future.month,
                "pv-dob-year": future.year,
                "form_version": 2,
                "then": "task-list",
            },
        )
    )
    assert "must be today or in the past" in page
    response = signed_in.post(
        page_url(referral, "about-them"),
        {"pv-dob-day": "2", "pv-dob-month": "1", "pv-dob-year": "1990", "form_version": 2, "then": "task-list"},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.answers["pv-dob"] == "1990-01-02"


def test_ticked_boxes_are_stored_as_yes(signed_in, referral):
    response = signed_in.post(
        page_url(referral, "exploitation"),
        {
            "types-of-exploitation": ["types-of-exploitation-forced-to-work", "types-of-exploitation-other"],
            "other-exploitation-details": "Made to sleep at the car wash",
            "form_version": 1,
            "then": "task-list",
        },
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.answers["types-of-exploitation-forced-to-work"] is True
    assert referral.answers["types-of-exploitation-other"] is True
    assert "types-of-exploitation-prostitution" not in referral.answers
    assert referral.answers["other-exploitation-details"] == "Made to sleep at the car wash"


def test_second_of_two_concurrent_saves_is_told_and_loses_nothing(client, sign_in, anytown, first_responder, referral):
    colleague = make_user(anytown, Role.FIRST_RESPONDER)
    step = page_url(referral, "assessment")
    # Both first responders open the page at version 1
    sign_in(client, first_responder)
    assert (
        client.post(step, {"professional-insight": "First view", "form_version": 1, "then": "task-list"}).status_code
        == 302
    )
    client.logout()

    sign_in(client, colleague)
    response = client.post(
        step, {"professional-insight": "Second view, typed carefully", "form_version": 1, "then": "task-list"}
    )
    page = text(response)
    assert response.status_code == 200
    assert "Someone else changed this record while you were editing it" in page
    # What the second person typed is still in the form, and the saved answer is shown beside it
    assert "Second view, typed carefully" in page and "First view" in page
    referral.refresh_from_db()
    assert referral.answers["professional-insight"] == "First view" and referral.version == 2
    assert f'name="form_version" value="{referral.version}"' in page
    # Saving again, having seen the conflict, succeeds
    assert (
        client.post(
            step, {"professional-insight": "Second view, typed carefully", "form_version": 2, "then": "task-list"}
        ).status_code
        == 302
    )
    referral.refresh_from_db()
    assert referral.answers["professional-insight"] == "Second view, typed carefully"


def _page_values(page, **changes):
    """What a page of the referral sends, with ``changes`` made as a person would, and saved for later."""
    form = next(f for f in lxml_html.fromstring(page).forms if "form_version" in f.inputs.keys())
    values: dict = {}
    for name, value in form.form_values():
        if name != "csrfmiddlewaretoken":
            values.setdefault(name, []).append(value)
    return {**values, **{name: [value] for name, value in changes.items()}, "then": "task-list"}


def test_a_page_answered_by_two_first_responders_at_once_keeps_both_answers(client, sign_in, anytown, first_responder,
                                                                            referral):
    """Given a page of the referral open by two first responders, when one writes about the person's family
    and the other about their education, then the second save is refused and merged: the page shows the
    family answer and keeps the education typed, and saving again keeps both (before, it emptied the
    family answer again). An answer both wrote keeps this person's and says at the question what is
    saved now."""
    step = page_url(referral, "what-happened")
    sign_in(client, first_responder)
    colleague = Client()
    sign_in(colleague, make_user(anytown, Role.FIRST_RESPONDER))
    mine, theirs = client.get(step).content.decode(), colleague.get(step).content.decode()
    assert colleague.post(step, _page_values(theirs, family="Two brothers in Albania")).status_code == 302
    refused = client.post(step, _page_values(mine, education="Left school at 14"))
    page = text(refused)
    assert refused.status_code == 200
    assert "Someone else changed this record while you were editing it." in page
    assert "The form now shows their change to " in page
    assert page.count("<title>Error: ") == 1 and "Error: Error:" not in page
    assert client.post(step, _page_values(refused.content.decode())).status_code == 302
    referral.refresh_from_db()
    assert (referral.answers.get("family"), referral.answers.get("education")) == (
        "Two brothers in Albania", "Left school at 14")
    mine, theirs = client.get(step).content.decode(), colleague.get(step).content.decode()
    assert colleague.post(step, _page_values(theirs, family="A brother in Albania")).status_code == 302
    page = text(client.post(step, _page_values(mine, family="Two brothers, one in Albania")))
    assert page.count("to “A brother in Albania” since you opened the page") == 2
    assert "Two brothers, one in Albania" in page
    referral.refresh_from_db()
    assert referral.answers["family"] == "A brother in Albania"


def test_pages_that_do_not_apply_are_not_found(signed_in, referral):
    assert signed_in.get(page_url(referral, "/local-authority-contacted-about-child")).status_code == 404
    assert signed_in.get(page_url(referral, "/refuse-nrm")).status_code == 404
    assert signed_in.get(page_url(referral, "/no-such-page")).status_code == 404
    assert signed_in.get(page_url(referral, "/more-than-one-exploitation-situation")).status_code == 404


def test_nrm_ready_view_and_pdf_are_audited(signed_in, first_responder, referral):
    response = signed_in.get(url("referral-ready", referral))
    page = text(response)
    assert response.status_code == 200
    assert page.count('<section class="app-referral-section ') == len(nrm_form.pages())
    assert 'data-step="/what-happened"' in page and 'data-field="what-happened"' in page
    assert "Not asked for this referral" in page
    assert "Not asked in the current Home Office form" in page
    assert "Check that no answer includes the names of any other potential victims" in page
    assert url("referral-pdf", referral) in page
    assert audited(first_responder, AuditEvent.Action.VIEW, referral) == 1

    response = signed_in.get(url("referral-pdf", referral))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{referral.action.concern.reference}.pdf"'
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"].startswith("max-age=0")
    assert audited(first_responder, AuditEvent.Action.EXPORT, referral) == 1


def test_pdf_holds_the_longest_answers_and_any_script(signed_in, referral):
    referral.answers = {
        **referral.answers,
        "what-happened": ("Worked every day without pay. " * 600)[:15000],
        "professional-insight": "Line one\nŁódź – Ж – “quoted”",
    }
    referral.save()
    response = signed_in.get(url("referral-pdf", referral))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert len(response.content) > 10_000


def test_answers_are_shown_as_people_read_them(signed_in, referral):
    referral.answers = nrm_form.clean_answers(
        {
            **referral.answers,
            "when-last-contact": "within-the-last-6-12-month",
            "types-of-exploitation-forced-to-work": True,
            "pv-dob": "1990-01-02",
        }
    )
    referral.save()
    page = text(signed_in.get(url("referral-ready", referral)))
    assert "Within the last 6 to 12 months" in page
    assert "2 January 1990" in page
    assert "within-the-last-6-12-month" not in page.split('data-field="when-last-contact"')[1].split("</div>")[0]


def complete_answers(answers):
    """Fill every required answer that is missing, as a first responder would."""
    answers = dict(answers)
    for _ in range(20):
        missing = nrm_form.missing_answers(answers)
        if not missing:
            return answers
        for _, field in missing:
            if field.type == "radio-group":
                answers[field.key] = "no" if "no" in field.options else field.options[0]
            elif field.type == "checkbox-group":
                answers[field.key] = [field.options[0]]
            elif field.type == "checkbox":
                answers[field.key] = True
            elif ".." in field.key:
                answers[field.key] = ["Leeds"]
            else:
                answers[field.key] = "An answer"
        answers = nrm_form.clean_answers(answers)
    raise AssertionError(f"still missing: {nrm_form.missing_answers(answers)}")


def test_mark_as_ready_only_when_every_required_answer_is_given(signed_in, first_responder, referral):
    ready = url("referral-mark-ready", referral)
    assert signed_in.get(ready).status_code == 405
    signed_in.post(ready)
    referral.refresh_from_db()
    assert referral.status == StatutoryReferral.Status.IN_PROGRESS

    referral.answers = complete_answers(referral.answers)
    referral.save()
    assert "Mark as ready" in text(signed_in.get(url("referral", referral)))
    response = signed_in.post(ready)
    assert response["Location"] == url("referral", referral)
    referral.refresh_from_db()
    assert referral.status == StatutoryReferral.Status.READY
    assert AuditEvent.objects.filter(
        actor=first_responder, action=AuditEvent.Action.CHANGE, description="Marked as ready to submit"
    ).exists()


def test_recording_the_submission_completes_the_action(signed_in, first_responder, referral):
    referral.answers = complete_answers(referral.answers)
    referral.save()
    submitted = url("referral-submitted", referral)
    assert signed_in.get(submitted).status_code == 200
    # Both answers are required, and the date cannot be in the future
    page = text(signed_in.post(submitted, {"version": referral.version}))
    assert "Enter the Home Office reference" in page and "Enter the date you submitted it" in page
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page = text(
        signed_in.post(
            submitted,
            {
                "home_office_reference": "NRM-12345",
                "submitted_on-day": tomorrow.day,
                "submitted_on-month": tomorrow.month,
                "submitted_on-year": tomorrow.year,
                "version": referral.version,
            },
        )
    )
    assert "The date submitted must be today or in the past" in page and 'value="NRM-12345"' in page

    response = signed_in.post(
        submitted,
        {
            "home_office_reference": "NRM-12345",
            "submitted_on-day": "3",
            "submitted_on-month": "4",
            "submitted_on-year": "2026",
            "version": referral.version,
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("referral", referral)
    assert "has been recorded as submitted" in text(response)
    referral.refresh_from_db()
    action = Action.objects.get(pk=referral.action_id)
    assert referral.status == StatutoryReferral.Status.SUBMITTED and referral.submitted_on == datetime.date(2026, 4, 3)
    assert action.status == Action.Status.DONE and action.reference == "NRM-12345"
    assert action.notes == "Submitted on 3 April 2026" and action.done_by == first_responder
    assert audited(first_responder, AuditEvent.Action.CHANGE, referral) == 1
    # Once submitted its answers are no longer changed here
    response = signed_in.post(page_url(referral, "assessment"), {"professional-insight": "Late", "form_version": 3})
    assert response["Location"] == url("referral", referral)
    referral.refresh_from_db()
    assert referral.answers.get("professional-insight") != "Late"


REFERRAL_PAGES = [
    ("referral", {}),
    ("referral-page", {"step": "what-happened"}),
    ("referral-ready", {}),
    ("referral-pdf", {}),
    ("referral-submitted", {}),
]


def test_people_of_another_organisation_and_people_who_do_not_handle_concerns_get_not_found(
    client, sign_in, anytown, bexford, referral
):
    outsiders = [
        make_user(bexford, Role.FIRST_RESPONDER, Role.TEAM_MANAGER, Role.ADMINISTRATOR),
        make_user(anytown, Role.STAFF),
        make_user(anytown, Role.CASEWORKER, Role.ADMINISTRATOR),
    ]
    for user in outsiders:
        sign_in(client, user)
        for name, kwargs in REFERRAL_PAGES:
            assert client.get(url(name, referral, **kwargs)).status_code == 404, (name, user.roles)
        assert (
            client.post(
                url("referral-page", referral, step="what-happened"), {"what-happened": "Changed", "form_version": 1}
            ).status_code
            == 404
        )
        assert client.post(url("referral-mark-ready", referral)).status_code == 404
        assert client.post(url("referral-submitted", referral), {"home_office_reference": "X"}).status_code == 404
        client.logout()
    referral.refresh_from_db()
    assert (
        referral.answers["what-happened"].startswith("Seen working")
        and referral.status == StatutoryReferral.Status.IN_PROGRESS
    )
    # Nothing was viewed or changed: the only entries are the refusals themselves
    entries = AuditEvent.objects.filter(record_id=str(referral.public_id))
    assert set(entries.values_list("action", flat=True)) <= {"access_denied"}
    assert entries.filter(actor__in=outsiders).count() == entries.count() > 0


def test_auditors_and_board_members_cannot_open_referrals(client, sign_in, anytown, referral):
    for role in (Role.AUDITOR, Role.BOARD_MEMBER):
        sign_in(client, make_user(anytown, role))
        for name, kwargs in REFERRAL_PAGES:
            assert client.get(url(name, referral, **kwargs)).status_code == 403, (name, role)
        assert client.post(url("referral-mark-ready", referral)).status_code == 403
        client.logout()


def test_team_manager_of_the_handling_organisation_can_open_the_referral(client, sign_in, anytown, referral):
    referral.answers = complete_answers(referral.answers)
    referral.save()
    sign_in(client, make_user(anytown, Role.TEAM_MANAGER))
    for name, kwargs in REFERRAL_PAGES:
        assert client.get(url(name, referral, **kwargs)).status_code == 200, name


def test_anonymous_visitors_are_sent_to_sign_in(client, referral):
    response = client.get(url("referral", referral))
    assert response.status_code == 302 and response["Location"].startswith(reverse("core:sign-in"))


def _identifying(answers):
    return [k for k in answers if k in IDENTIFYING_KEYS or k.startswith("pv-contact-details")]


def test_duty_to_notify_for_an_adult_who_refused_holds_no_name_date_of_birth_or_contact_details(
    client, sign_in, anytown, first_responder
):
    referral = triaged_referral(anytown, first_responder, consent=Consent.REFUSED, name="Alex Smith")
    assert referral.kind == StatutoryReferral.Kind.DUTY_TO_NOTIFY
    assert _identifying(referral.answers) == []
    assert "Alex" not in str(referral.answers) and "Smith" not in str(referral.answers)

    sign_in(client, first_responder)
    # The referral's name and date of birth pages are not asked...
    assert client.get(page_url(referral, "/pv-name-referral")).status_code == 404
    assert client.get(page_url(referral, "/pv-dob")).status_code == 404
    # ...the name questions are asked only if they agree to co-operate...
    page = text(client.get(page_url(referral, "consent")))
    assert "What is the name of the Potential Victim?" in page and "Answer these if you chose “Yes”." in page
    # ...and a name sent without that agreement is not kept
    response = client.post(
        page_url(referral, "consent"),
        {
            "pv-want-to-submit-nrm": "no",
            "refuse-nrm": "They are frightened of what the exploiters would do.",
            "authorities-cooperation": "no",
            "pv-name-first-name": "Alex",
            "pv-name-last-name": "Smith",
            "pv-dob-day": "2",
            "pv-dob-month": "1",
            "pv-dob-year": "1990",
            "pv-contact-details": ["email"],
            "form_version": referral.version,
            "then": "continue",
        },
    )
    assert response["Location"] == page_url(referral, "what-happened")
    referral.refresh_from_db()
    assert referral.answers["refuse-nrm"].startswith("They are frightened")
    assert _identifying(referral.answers) == []

    # The NRM-ready view reminds the first responder to keep names out of free text
    page = text(client.get(url("referral-ready", referral)))
    assert "This is a Duty to Notify report. Check that no answer includes the person's name" in page
    assert "Duty to Notify report for concern" in page


def test_duty_to_notify_asks_for_name_only_when_they_agree_to_co_operate(signed_in, anytown, first_responder):
    referral = triaged_referral(anytown, first_responder, consent=Consent.REFUSED)
    step = page_url(referral, "consent")
    page = text(
        signed_in.post(
            step, {"pv-want-to-submit-nrm": "no", "authorities-cooperation": "yes", "form_version": referral.version}
        )
    )
    assert "Enter first name" in page and "Enter last name" in page
    response = signed_in.post(
        step,
        {
            "pv-want-to-submit-nrm": "no",
            "authorities-cooperation": "yes",
            "authorities-cooperation-details": "Will talk to police",
            "pv-name-first-name": "Alex",
            "pv-name-last-name": "Smith",
            "pv-contact-details": ["post"],
            "pv-contact-details-street": "1 Example Street",
            "pv-contact-details-town": "Anytown",
            "pv-contact-details-postcode": "AN1 1AA",
            "pv-contact-details-post-check": "on",
            "form_version": referral.version,
        },
    )
    assert response["Location"] == page_url(referral, "what-happened")
    referral.refresh_from_db()
    assert referral.answers["pv-name-first-name"] == "Alex"
    # If they withdraw their agreement, the name and address are removed
    signed_in.post(
        step,
        {
            "pv-want-to-submit-nrm": "no",
            "authorities-cooperation": "no",
            "pv-name-first-name": "Alex",
            "form_version": referral.version,
            "then": "task-list",
        },
    )
    referral.refresh_from_db()
    assert _identifying(referral.answers) == []


def test_contact_details_ask_for_the_address_only_when_post_is_chosen(signed_in, anytown, first_responder):
    referral = triaged_referral(anytown, first_responder, consent=Consent.REFUSED)
    step = page_url(referral, "consent")
    fields = {
        "pv-want-to-submit-nrm": "no",
        "authorities-cooperation": "yes",
        "pv-name-first-name": "Alex",
        "pv-name-last-name": "Smith",
        "pv-contact-details": ["email"],
        "pv-contact-details-email-input": "alex@example.org",
        "form_version": referral.version,
    }
    page = text(signed_in.post(step, fields))
    assert "Confirm that it is safe to write to them here" in page
    assert "Enter building and street" not in page
    response = signed_in.post(
        step, {**fields, "pv-contact-details-email-check": "on", "pv-contact-details-street": "1 Example Street"}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.answers["pv-contact-details"] == ["email"]
    assert referral.answers["pv-contact-details-email-check"] is True
    assert "pv-contact-details-street" not in referral.answers


def test_child_referral_skips_consent(signed_in, anytown, first_responder):
    referral = triaged_referral(anytown, first_responder, age=AgeGroup.CHILD, consent="")
    assert referral.kind == StatutoryReferral.Kind.NRM
    assert signed_in.get(page_url(referral, "/pv-want-to-submit-nrm")).status_code == 404
    # The council that triaged is the local authority contacted about the child
    assert referral.answers["local-authority-contacted-about-child-local-authority-name"] == anytown.name
    page = text(signed_in.get(page_url(referral, "age")))
    assert "Enter it as it appears in the Home Office list" in page
    response = signed_in.post(
        page_url(referral, "age"),
        {
            "pv-under-age": "yes",
            "local-authority-contacted-about-child-local-authority-name": anytown.name,
            "local-authority-contacted-about-child-local-authority-phone": "01234 567890",
            "local-authority-contacted-about-child-local-authority-email": "massh@anytown.example",
            "form_version": referral.version,
        },
    )
    assert response["Location"] == page_url(referral, "consent")
    page = text(signed_in.get(response["Location"]))
    assert "willing to help with investigations" in page and "consent to having their case referred" not in page
