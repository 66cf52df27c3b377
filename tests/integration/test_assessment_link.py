"""Sending a questionnaire and the supplier's link: the email, a link that works, and the clear pages
for links that have expired, been withdrawn, are wrong or have been used; answers saved as the
supplier goes; evidence uploads (and what a wrong file does to the rest of the answers)."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from clearsight.assessments import questionnaires, services
from clearsight.assessments.models import Assessment, EvidenceFile, hash_token
from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role
from clearsight.supply.models import SupplierContact

from ..factories import SupplierFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def emails_sent_at_once(settings):
    """Emails are queued and sent by the task worker (core/email.py, ADR 0034); here its tasks run at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    return settings.PRIVATE_FILES_ROOT


@pytest.fixture
def officer(user_with):
    return user_with(Role.PROCUREMENT_OFFICER, Role.STAFF)


@pytest.fixture
def supplier(anytown):
    supplier = SupplierFactory(organisation=anytown, name="Greenleaf Grounds Ltd", is_sme=True,
                               annual_turnover=2_000_000)
    SupplierContact.objects.create(supplier=supplier, name="Hannah Greaves", role="Director",
                                   email="hannah@greenleaf.example", is_main=True)
    return supplier


@pytest.fixture
def link(supplier, officer):
    assessment, token = services.send(supplier, officer, email="hannah@greenleaf.example", name="Hannah Greaves")
    return assessment, token


def url(name, token, **kwargs):
    return reverse(f"assessments:{name}", kwargs={"token": token, **kwargs})


def answer_all(client, assessment, token, skip=()):
    for question in questionnaires.get(assessment.questionnaire).questions:
        if question.key not in skip:
            client.post(url("supplier-question", token, question=question.key), {"answer": question.options[0].value})


# --- Sending -----------------------------------------------------------------------------------------------

def test_an_officer_sends_the_questionnaire_to_a_contact_who_gets_a_link(client, sign_in, officer, supplier):
    sign_in(client, officer)
    page = client.get(reverse("assessments:send", kwargs={"public_id": supplier.public_id})).content.decode()
    assert "Hannah Greaves, Director (hannah@greenleaf.example)" in page
    assert "The short questionnaire, because it is a small or medium-sized supplier" in page
    contact = supplier.contacts.get()
    response = client.post(reverse("assessments:send", kwargs={"public_id": supplier.public_id}),
                           {"recipient": str(contact.pk), "kind": "short"})
    assessment = Assessment.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("assessments:assessment", kwargs={"public_id": assessment.public_id})
    assert assessment.recipient_email == "hannah@greenleaf.example" and assessment.contact == contact
    assert assessment.questionnaire == questionnaires.CURRENT["short"]
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["hannah@greenleaf.example"]
    token = re.search(r"/supplier-assessment/([^/\s]+)/", email.body).group(1)
    assert len(token) >= 43
    # Only the hash of the token is kept, and it appears in no audit entry.
    assert assessment.token_hash == hash_token(token) and token not in assessment.token_hash
    assert not AuditEvent.objects.filter(description__contains=token).exists()
    assert (assessment.link_expires_at - timezone.now()).days in (29, 30)


def test_an_officer_types_an_email_address_for_someone_else(client, sign_in, officer, supplier):
    sign_in(client, officer)
    send_url = reverse("assessments:send", kwargs={"public_id": supplier.public_id})
    response = client.post(send_url, {"recipient": "other", "name": "Sam Green", "email": "", "kind": "full"})
    assert "Enter the email address to send the questionnaire to" in response.content.decode()
    assert 'value="Sam Green"' in response.content.decode()  # what was typed is kept
    assert not Assessment.objects.exists() and not mail.outbox
    client.post(send_url, {"recipient": "other", "name": "Sam Green", "email": "sam@greenleaf.example", "kind": "full"})
    assessment = Assessment.objects.get()
    assert assessment.recipient_email == "sam@greenleaf.example" and assessment.questionnaire == "full-2026"
    assert "Chosen by" in assessment.questionnaire_reason
    assert mail.outbox[0].to == ["sam@greenleaf.example"]


def test_a_link_whose_email_fails_for_good_is_withdrawn(client, sign_in, officer, supplier, settings):
    """The email is sent by the task worker (ADR 0034; here at once): when it has failed for good, the
    link nobody received is withdrawn and the email is recorded as failed."""
    from clearsight.core.models import OutboundEmail

    settings.EMAIL_BACKEND = "tests.integration.test_assessment_link.FailingBackend"
    sign_in(client, officer)
    client.post(reverse("assessments:send", kwargs={"public_id": supplier.public_id}),
                {"recipient": "other", "email": "sam@greenleaf.example", "kind": "short"})
    assert Assessment.objects.get().status == Assessment.Status.WITHDRAWN
    assert OutboundEmail.objects.get().status == OutboundEmail.Status.FAILED


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("mail server down")


# --- The link ------------------------------------------------------------------------------------------

def test_a_valid_link_opens_the_task_list_without_an_account(client, link):
    assessment, token = link
    response = client.get(url("supplier-start", token))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Modern slavery questionnaire" in page and "Greenleaf Grounds Ltd" in page
    assert "Not yet started" in page and "Cannot start yet" in page
    event = AuditEvent.objects.filter(record_id=str(assessment.public_id)).latest("at")
    assert event.actor is None and event.actor_label == "Supplier (by assessment link)"
    assert event.organisation == assessment.organisation


def test_a_wrong_token_says_the_link_does_not_work(client, link):
    response = client.get(url("supplier-start", "not-the-right-token"))
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert "Check that you copied the whole link" in response.content.decode()


def test_an_expired_link_says_so_and_who_to_contact(client, link, officer):
    assessment, token = link
    Assessment.objects.filter(pk=assessment.pk).update(link_expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(url("supplier-question", token, question="policy_written"))
    page = response.content.decode()
    assert response.status_code == 410
    assert "This link has expired" in page and officer.email in page and "Ask the person who sent you the link" in page


def test_a_withdrawn_link_no_longer_works(client, sign_in, link, officer):
    assessment, token = link
    sign_in(client, officer)
    revoke_url = reverse("assessments:revoke", kwargs={"public_id": assessment.public_id})
    assert "Are you sure you want to withdraw the link?" in client.get(revoke_url).content.decode()
    client.post(revoke_url, {"version": assessment.version})
    client.logout()
    response = client.post(url("supplier-question", token, question="policy_written"), {"answer": "approved"})
    assert response.status_code == 410
    assert "This link has been withdrawn" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.WITHDRAWN and assessment.answers == {}


def test_a_link_opens_only_its_own_assessment(client, link, supplier, officer):
    assessment, token = link
    other, other_token = services.send(supplier, officer, email="someone@example.com")
    client.post(url("supplier-question", token, question="policy_written"), {"answer": "no"})
    other.refresh_from_db()
    assert other.answers == {}
    assessment.refresh_from_db()
    assert assessment.answers["policy_written"]["answer"] == "no"


# --- Answering ----------------------------------------------------------------------------------------------

def test_answers_are_saved_as_the_supplier_goes_and_kept_when_they_come_back(client, link):
    assessment, token = link
    questionnaire = questionnaires.get(assessment.questionnaire)
    first, second = questionnaire.questions[:2]
    response = client.post(url("supplier-question", token, question=first.key),
                           {"answer": first.options[1].value, "detail": "We map our direct suppliers each spring."})
    assert response["Location"] == url("supplier-question", token, question=second.key)
    response = client.post(url("supplier-question", token, question=second.key),
                           {"answer": second.options[0].value, "then": "later"})
    assert response["Location"] == url("supplier-start", token)
    # Coming back later through the same link
    page = client.get(url("supplier-question", token, question=first.key)).content.decode()
    assert "We map our direct suppliers each spring." in page
    assert f'value="{first.options[1].value}" checked' in page
    assert "You have completed 2 of 7 sections" in client.get(url("supplier-start", token)).content.decode()
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.IN_PROGRESS


def test_a_question_without_an_answer_shows_an_error_and_keeps_the_note(client, link):
    assessment, token = link
    response = client.post(url("supplier-question", token, question="policy_written"), {"detail": "Draft in progress"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "Select an answer" in page and "Draft in progress" in page


def test_the_supplier_checks_declares_and_sends_and_the_link_then_says_it_was_used(client, link):
    assessment, token = link
    answer_all(client, assessment, token, skip={"grievance"})
    response = client.post(url("supplier-check", token), {"name": "Hannah Greaves", "role": "Director", "confirm": "on"})
    assert "Answer every question before you send your answers" in response.content.decode()
    client.post(url("supplier-question", token, question="grievance"), {"answer": "yes"})
    response = client.post(url("supplier-check", token), {"name": "", "role": "Director"})
    page = response.content.decode()
    assert "Enter your full name" in page and "Confirm that the answers are true" in page
    response = client.post(url("supplier-check", token), {"name": "Hannah Greaves", "role": "Director", "confirm": "on"})
    assert response["Location"] == url("supplier-sent", token)
    assert "Answers sent" in client.get(url("supplier-sent", token)).content.decode()
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED and assessment.declared_by_name == "Hannah Greaves"
    # The used link can no longer change anything, and says so.
    response = client.post(url("supplier-question", token, question="grievance"), {"answer": "no"})
    assert response.status_code == 200 and "You have already sent your answers" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.answers["grievance"]["answer"] == "yes"


# --- Evidence ------------------------------------------------------------------------------------------

def upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_evidence_is_stored_privately_under_a_random_name(client, link, private_files):
    assessment, token = link
    client.post(url("supplier-question", token, question="policy_written"),
                {"answer": "approved", "evidence": upload("Our policy.pdf", PDF)})
    evidence = EvidenceFile.objects.get()
    assert evidence.original_name == "Our policy.pdf" and evidence.question == "policy_written"
    assert evidence.path.parent == private_files / "evidence"
    assert "policy" not in evidence.stored_name and evidence.path.read_bytes() == PDF


@pytest.mark.parametrize("name, content, message", [
    ("setup.exe", b"MZ\x90\x00", "The selected file must be a PDF, DOCX, XLSX, PNG or JPG"),
    ("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "The selected file must be smaller than 10MB"),
])
def test_a_wrong_file_is_refused_and_the_answers_are_kept(client, link, name, content, message, private_files):
    assessment, token = link
    client.post(url("supplier-question", token, question="sourcing_countries_known"), {"answer": "yes"})
    response = client.post(url("supplier-question", token, question="policy_written"),
                           {"answer": "yes", "detail": "Signed by the directors", "evidence": upload(name, content)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and message in page
    assert 'value="yes" checked' in page and "Signed by the directors" in page
    assessment.refresh_from_db()
    assert assessment.answers["sourcing_countries_known"]["answer"] == "yes"
    assert assessment.answers["policy_written"] == {"answer": "yes", "detail": "Signed by the directors"}
    assert not EvidenceFile.objects.exists()
    assert not any((private_files / "evidence").glob("*")) if (private_files / "evidence").exists() else True


def test_the_supplier_can_remove_a_file_they_uploaded(client, link):
    assessment, token = link
    client.post(url("supplier-question", token, question="policy_written"), {"answer": "approved", "evidence": upload("p.pdf", PDF)})
    evidence = EvidenceFile.objects.get()
    client.post(url("supplier-evidence-remove", token, evidence_id=evidence.public_id))
    assert not EvidenceFile.objects.exists() and not evidence.path.exists()


def test_evidence_is_served_only_to_the_councils_assessors_and_audited(client, sign_in, link, officer, bexford, user_with):
    assessment, token = link
    client.post(url("supplier-question", token, question="policy_written"), {"answer": "approved", "evidence": upload("p.pdf", PDF)})
    evidence = EvidenceFile.objects.get()
    evidence_url = reverse("assessments:evidence", kwargs={"public_id": evidence.public_id})
    assert client.get(evidence_url).status_code == 302  # anonymous: sign in first
    sign_in(client, user_with(Role.PROCUREMENT_OFFICER, organisation=bexford))
    assert client.get(evidence_url).status_code == 404
    sign_in(client, user_with(Role.STAFF))
    assert client.get(evidence_url).status_code == 403
    sign_in(client, officer)
    response = client.get(evidence_url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert 'attachment; filename="p.pdf"' in response["Content-Disposition"]
    assert AuditEvent.objects.filter(actor=officer, record_id=str(evidence.public_id), action="view").exists()
