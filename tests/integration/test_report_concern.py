"""Reporting a concern: one question a page, saved as a draft as the user goes, nothing lost."""

import html
import re
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
    client.post(reverse("concerns:report-wishes", args=[concern.public_id, 1]), {"reported_consent": "not_known"})
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
    response = client.post(reverse("concerns:report-person", args=[concern.public_id, 2]), {"name": "Older boy", "age_group": "adult"})
    assert response["Location"] == reverse("concerns:report-wishes", args=[concern.public_id, 2])
    client.post(response["Location"], {"reported_consent": "not_told"})
    client.post(reverse("concerns:report-more-people", args=[concern.public_id]), {"more": "no"})
    client.post(step(concern, "indicators"), {"indicators_control": ["general-02"], "indicators_work": ["general-27"],
                                              "indicators_child": ["child-05"]})
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




# --- issue 17: consent at report time, signs for the age given, titles, the reporter's view -------

def wishes_url(concern, position=1):
    return reverse("concerns:report-wishes", args=[concern.public_id, position])


def test_the_reporter_records_an_adults_consent_and_wishes_and_triage_starts_from_them(client, reporter, user_with, sign_in):
    """Given a reporter telling us about an adult, when they say she knows about the report but does not
    want it made, in her words 'she does not want anyone told', then the check page shows it, the
    first responder sees it on the concern, and triage's consent question starts at 'No'."""
    concern = complete_report(client)
    response = client.post(reverse("concerns:report-person", args=[concern.public_id, 1]), {"name": "Woman at the salon", "age_group": "adult"})
    assert response["Location"] == wishes_url(concern)
    page = client.get(wishes_url(concern)).content.decode()
    assert "Do they know you are reporting this, and do they agree?" in page
    response = client.post(wishes_url(concern), {"reported_consent": "does_not_agree",
                                                 "reported_wishes": "She does not want anyone told."})
    assert response["Location"] == reverse("concerns:report-more-people", args=[concern.public_id])
    check = html.unescape(client.get(reverse("concerns:report-check", args=[concern.public_id])).content.decode())
    assert "Yes, they know, but they do not want it reported" in check and "She does not want anyone told." in check
    client.post(reverse("concerns:report-check", args=[concern.public_id]))

    responder = user_with(Role.FIRST_RESPONDER)
    sign_in(client, responder)
    page = html.unescape(client.get(reverse("concerns:concern", args=[concern.public_id])).content.decode())
    assert "What the reporter said about consent and wishes" in page and "She does not want anyone told." in page
    triage_page = client.get(reverse("concerns:triage", args=[concern.public_id])).content.decode()
    assert 'value="refused" checked' in triage_page


def test_consent_is_asked_only_about_adults(client, reporter):
    """Given a reporter describing a child, when they continue, then they are not asked about the child's
    consent (a child is referred without it), and the consent page does not exist for them."""
    concern = start(client)
    response = client.post(reverse("concerns:report-person", args=[concern.public_id, 1]), {"age_group": "child"})
    assert response["Location"] == reverse("concerns:report-more-people", args=[concern.public_id])
    assert client.get(wishes_url(concern)).status_code == 404


def test_an_adult_whose_consent_is_not_yet_answered_is_asked_before_sending(client, reporter):
    """Given a report whose person was changed to an adult from the check page, when the reporter saves,
    then they are taken to the consent question, and the report cannot be sent until it is answered."""
    concern = complete_report(client)
    concern.people.update(age_group="child", reported_consent="")
    response = client.post(reverse("concerns:report-person", args=[concern.public_id, 1]), {"age_group": "adult", "change": "1"})
    assert response["Location"] == wishes_url(concern) + "?change=1"
    page = html.unescape(client.post(reverse("concerns:report-check", args=[concern.public_id])).content.decode())
    assert "Tell us whether Person 1 knows about this report" in page
    assert client.post(wishes_url(concern), {"reported_consent": "agrees", "change": "1"})["Location"] == reverse(
        "concerns:report-check", args=[concern.public_id])


def signs_on_page(client, concern):
    page = client.get(step(concern, "indicators")).content.decode()
    return page, set(re.findall(r'value="((?:general|child|situational)-\d+)"', page))


def test_an_adults_report_shows_only_the_signs_in_anyone_grouped_and_folded(client, reporter):
    """Given a report about adults only, when the reporter reaches the signs, then only the signs that
    apply to anyone are offered, in themed groups that open one at a time; a child or someone of
    unknown age brings the children's signs in."""
    concern = start(client)
    client.post(reverse("concerns:report-person", args=[concern.public_id, 1]), {"age_group": "adult"})
    page, codes = signs_on_page(client, concern)
    assert codes and all(code.startswith("general-") for code in codes)
    assert page.count('<details class="govuk-details') == 6 and "Work and pay" in page
    assert "signs that only apply to children are not shown" in page

    client.post(reverse("concerns:report-person", args=[concern.public_id, 2]), {"age_group": "unknown"})
    _, codes = signs_on_page(client, concern)
    assert {"child-08", "situational-03", "general-25"} <= codes


def test_ticked_signs_are_kept_and_their_group_opens(client, reporter):
    """Given an adult's report, when the reporter ticks two signs in different groups, then both are saved,
    and on coming back those two groups are open with the count of signs ticked."""
    concern = start(client)
    client.post(reverse("concerns:report-person", args=[concern.public_id, 1]), {"age_group": "adult"})
    client.post(step(concern, "indicators"), {"indicators_work": ["general-25"], "indicators_debt": ["general-13"],
                                              "indicator_details": "Boss keeps their passports"})
    assert set(concern.indicators.values_list("code", flat=True)) == {"general-25", "general-13"}
    page = html.unescape(client.get(step(concern, "indicators")).content.decode())
    assert page.count("<details class=\"govuk-details govuk-!-margin-bottom-4\" open>") == 2
    assert "Work and pay (1 ticked)" in page


def test_every_sign_reads_as_a_sentence_from_the_current_reference_data():
    """Given the loaded signs, then each is a sentence with its own subject (no fragment such as 'Be
    unable to leave'), quotation marks are paired, and the version is the one that made them so."""
    from clearsight.concerns.models import Indicator

    signs = list(Indicator.objects.all())
    assert len(signs) == 53
    for sign in signs:
        assert sign.version == "2026-12" and sign.group and sign.group_label
        assert re.match(r"^(They|The child|Someone|There|An adult|Children)[ ,]", sign.text), sign.text
        assert '"' not in sign.text and sign.text.count("‘") == sign.text.count("’") and "“" not in sign.text


def title_and_heading(response):
    page = html.unescape(response.content.decode())
    title = re.search(r"<title>(.*?) – ", page, re.S).group(1).strip()
    heading = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1))
    return title, " ".join(heading.split())


def test_every_report_page_is_titled_with_its_heading(client, reporter):
    """Given a reporter going through every page of the report, then each page's title is its heading,
    with 'Error: ' in front when the page shows an error."""
    concern = complete_report(client)
    client.post(reverse("concerns:report-person", args=[concern.public_id, 2]), {"age_group": "adult"})
    urls = [reverse("concerns:report-start")] + [step(concern, name) for name in
                                                  ("danger", "police", "what", "where", "when", "indicators", "exploitation", "business")]
    urls += [reverse("concerns:report-person", args=[concern.public_id, n]) for n in (1, 2)]
    urls += [wishes_url(concern), reverse("concerns:report-more-people", args=[concern.public_id]),
             reverse("concerns:report-remove-person", args=[concern.public_id, 2]),
             reverse("concerns:report-check", args=[concern.public_id])]
    for url in urls:
        title, heading = title_and_heading(client.get(url))
        assert title == heading, url
    title, heading = title_and_heading(client.post(step(concern, "danger"), {}))
    assert title == "Error: " + heading
    client.post(reverse("concerns:report-remove-person", args=[concern.public_id, 2]))
    client.post(reverse("concerns:report-check", args=[concern.public_id]))
    for url in (reverse("concerns:report-sent", args=[concern.public_id]), reverse("concerns:my-reports"),
                reverse("concerns:my-report", args=[concern.public_id]), reverse("concerns:my-report-add", args=[concern.public_id])):
        title, heading = title_and_heading(client.get(url))
        assert title == heading, url


@pytest.mark.parametrize("name, message", [
    ("danger", "Select if anyone is in immediate danger"),
    ("police", "Select yes if you have called 999"),
    ("when", "Select if you think it is still happening"),
    ("business", "Select if a business or organisation is involved"),
])
def test_error_messages_fit_the_question(client, reporter, name, message):
    """Given a question left unanswered, then the error says what to do in the terms of its options: 'Select
    yes if' only where the answer is yes or no, 'Select if' where there is also 'I'm not sure'."""
    concern = start(client)
    assert message in html.unescape(client.post(step(concern, name), {}).content.decode())


def test_the_consent_question_says_what_to_select(client, reporter):
    concern = start(client)
    client.post(reverse("concerns:report-person", args=[concern.public_id, 1]), {"age_group": "adult"})
    page = html.unescape(client.post(wishes_url(concern), {}).content.decode())
    assert "Select if they know about this report, or 'I do not know'" in page


def sent_report(client):
    concern = complete_report(client)
    client.post(reverse("concerns:report-check", args=[concern.public_id]))
    concern.refresh_from_db()
    return concern


def test_after_triage_the_reporter_is_told_what_happened_in_plain_words(client, reporter, user_with):
    """Given a sent report, when a first responder triages it and then does every action, then the
    reporter's list says 'Action being taken' and then 'Action taken', never 'Duties discharged'."""
    from clearsight.concerns import services

    from ..concern_helpers import triage

    concern = sent_report(client)
    page = html.unescape(client.get(reverse("concerns:my-reports")).content.decode())
    assert "Sent" in page and "A first responder will look at it" in page
    actions = triage(concern, user_with(Role.FIRST_RESPONDER), age="adult", consent="refused")
    page = html.unescape(client.get(reverse("concerns:my-reports")).content.decode())
    assert "Action being taken" in page
    for action in actions:
        services.complete_action(action, action.owner, reference="R1", notes="")
    page = html.unescape(client.get(reverse("concerns:my-reports")).content.decode())
    assert "Action taken" in page and "Duties discharged" not in page
    assert reverse("concerns:my-report", args=[concern.public_id]) in page


def test_a_report_judged_not_modern_slavery_says_so(client, reporter, user_with):
    from clearsight.concerns import services

    concern = sent_report(client)
    services.triage(concern, user_with(Role.FIRST_RESPONDER), outcome="not_modern_slavery", reasoning="A family business.",
                    immediate_danger=False, supplier_involved=False, people_facts={})
    page = html.unescape(client.get(reverse("concerns:my-report", args=[concern.public_id])).content.decode())
    assert "Closed: no further action" in page and "decided it was not modern slavery" in page
    assert "A family business." not in page  # the first responder's reasons stay with those who handle it


def test_the_reporter_adds_information_that_the_first_responder_sees(client, reporter, user_with, sign_in):
    """Given a sent report, when the reporter adds information a week later, then it is kept with the date
    and who added it, audited, shown to them and to the first responder, and to no other member of staff."""
    from clearsight.concerns.models import AddedInformation
    from clearsight.core.models import AuditEvent

    concern = sent_report(client)
    add = reverse("concerns:my-report-add", args=[concern.public_id])
    assert "Enter the information you want to add" in html.unescape(client.post(add, {"text": ""}).content.decode())
    response = client.post(add, {"text": "The van now comes at 6am every day."})
    assert response["Location"] == reverse("concerns:my-report", args=[concern.public_id])
    note = AddedInformation.objects.unscoped("test").get(concern=concern)
    assert note.added_by == reporter and note.added_at.date() == timezone.localdate()
    assert AuditEvent.objects.filter(actor=reporter, action="create", record_id=str(concern.public_id),
                                     description__contains=str(note.public_id)).exists()
    page = html.unescape(client.get(response["Location"]).content.decode())
    assert "The van now comes at 6am every day." in page and "has been added" in page

    other = user_with(Role.STAFF)
    sign_in(client, other)
    assert client.get(reverse("concerns:my-report", args=[concern.public_id])).status_code == 404
    assert client.post(add, {"text": "Not mine"}).status_code == 404
    sign_in(client, user_with(Role.FIRST_RESPONDER))
    page = html.unescape(client.get(reverse("concerns:concern", args=[concern.public_id])).content.decode())
    assert "Information the reporter added later" in page and "The van now comes at 6am every day." in page


def test_drafts_cannot_be_added_to(client, reporter):
    concern = start(client)
    assert client.get(reverse("concerns:my-report-add", args=[concern.public_id])).status_code == 404


def test_the_first_responder_who_triaged_is_emailed_when_information_is_added(
    client, reporter, user_with, settings, django_capture_on_commit_callbacks
):
    """Given a report a first responder closed as not modern slavery, when the reporter adds information,
    then that first responder gets an email with the reference and a link, and no personal data."""
    from django.core import mail

    from clearsight.concerns import services

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    concern = sent_report(client)
    responder = user_with(Role.FIRST_RESPONDER)
    services.triage(concern, responder, outcome="not_modern_slavery", reasoning="Nothing found.",
                    immediate_danger=False, supplier_involved=False, people_facts={})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("concerns:my-report-add", args=[concern.public_id]), {"text": "Anna now has a black eye."})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [responder.email] and concern.reference in message.subject
    assert str(concern.public_id) in message.body and "Anna" not in message.subject + message.body
