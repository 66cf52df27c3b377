"""Each PDF Clearsight makes is tagged (structure tree, language, title) and says what the page it is
downloaded from says: a person who reads the web page and a person who opens the PDF with a screen
reader get the same words (issue 17, acceptance 3).

The subject access export is compared with its preview page, where a caseworker checks it before sending it."""

import re

import pytest
from django.urls import reverse
from lxml import html

from clearsight.concerns.models import StatutoryReferral
from clearsight.core.roles import Role

from ..concern_helpers import make_concern, triage
from ..factories import make_case, make_user
from ..pdf_checks import assert_tagged, body_text, has_class, html_text, structure, with_class
from .matrix_statements import make_statement

pytestmark = pytest.mark.django_db


def _page(response):
    assert response.status_code == 200
    return html.fromstring(response.content)


def _statement_pdf(client, statement):
    response = client.get(reverse("statements:download", kwargs={"public_id": statement.public_id, "fmt": "pdf"}))
    return assert_tagged(response.content, title=statement.title)


@pytest.mark.parametrize("approved", [False, True], ids=["draft", "approved"])
def test_the_statement_pdf_says_what_its_preview_says(client, sign_in, anytown, approved):
    """Given a Modern Slavery Statement, draft or approved, when its owner opens the preview and
    downloads the PDF, then the PDF is tagged and its text is the preview's document, word for word:
    the title, every heading, paragraph, list and table, in the same order."""
    owner = make_user(anytown, Role.STATEMENT_OWNER)
    statement = make_statement(anytown, owner, approved=approved)
    sign_in(client, owner)
    preview = _page(client.get(reverse("statements:preview", kwargs={"public_id": statement.public_id})))
    reader = _statement_pdf(client, statement)
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/L", "/LI"} <= structure(reader)

    # The preview's document: its heading and what follows, without the caption above the heading
    # and the notice that it is a draft or approved, which are about the page, not the statement.
    document = preview.xpath("//main//h1")[0].getparent()
    on_the_page = html_text(document, leave_out=[with_class("govuk-caption-l"), with_class("govuk-inset-text")])
    in_the_pdf = body_text(reader)
    if not approved:
        # The PDF of a draft says so under its title, as the preview does above it.
        notice = "Draft – not approved. This statement may still change."
        assert in_the_pdf.count(notice) == 1
        in_the_pdf = in_the_pdf.replace(f" {notice}", "")
    assert statement.title in on_the_page and "Sam Leader" in on_the_page  # the document, not an empty page
    assert in_the_pdf == on_the_page


def test_the_nrm_referral_pdf_gives_the_answers_of_its_nrm_ready_view(client, sign_in, anytown):
    """Given a concern triaged to an NRM referral, when the first responder opens the NRM-ready view
    and downloads it as a PDF, then the PDF is tagged and gives every page of the Home Office form
    with each question and its answer, in the view's words and order."""
    first_responder = make_user(anytown, Role.FIRST_RESPONDER, Role.STAFF)
    concern = make_concern(
        first_responder,
        people=[("Alex Smith", "adult")],
        what_happened="Seen working long hours for no pay.\n\nShe sleeps at the car wash.",
    )
    triage(concern, first_responder)
    referral = StatutoryReferral.objects.get(action__concern=concern)
    sign_in(client, first_responder)
    view = _page(client.get(reverse("concerns:referral-ready", kwargs={"public_id": referral.public_id})))
    response = client.get(reverse("concerns:referral-pdf", kwargs={"public_id": referral.public_id}))
    reader = assert_tagged(response.content, title=f"NRM referral for concern {concern.reference}")

    # Each page of the form, as the view shows it: its title, then each question and its answer,
    # without the links to change them. The PDF numbers the pages of the form, and marks a required
    # question not answered yet in words where the view shows a red tag.
    sections = view.xpath(f"//section[{has_class('app-referral-section')}]")
    assert len(sections) > 5
    expected = []
    for number, section in enumerate(sections, start=1):
        text = html_text(section, leave_out=[with_class("govuk-summary-list__actions")])
        expected.append(f"{number}. {text}")
    in_the_view = " ".join(expected)
    for tag in view.xpath(f"//section//*[{has_class('govuk-tag--red')}]"):
        assert tag.text == "Not answered"
    in_the_pdf = body_text(reader)
    first = in_the_pdf.index(f"1. {sections[0].xpath('.//h2')[0].text}")
    assert in_the_pdf[first:].replace("Not answered (required)", "Not answered") == in_the_view
    # Some answers are there already, from the concern and its triage: not only "Not answered".
    answers = {html_text(value) for value in view.xpath(f"//section//dd[{has_class('govuk-summary-list__value')}]")}
    assert answers - {"Not answered", "Not asked", ""}


def test_the_subject_access_export_says_what_its_preview_says(client, sign_in, anytown):
    """Given a person with a case, when their caseworker opens the subject access export to check it
    and then downloads the PDF, then the PDF is tagged with its headings and tables, and its text is
    the page's document word for word: every section, fact and table, in the same order."""
    caseworker = make_user(anytown, Role.CASEWORKER)
    case = make_case(anytown, caseworker)
    sign_in(client, caseworker)
    assert client.get(reverse("cases:person", args=[case.public_id])).status_code == 200  # an audited view
    page = _page(client.get(reverse("cases:subject-access-preview", args=[case.person.public_id])))
    response = client.get(reverse("cases:subject-access-export", args=[case.person.public_id]))
    reader = assert_tagged(response.content, title="Subject access export")
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD"} <= structure(reader)

    on_the_page = html_text(page.xpath("//article[@id='export-document']")[0])
    # A reference broken across two lines of a narrow table cell at its hyphen is still one word.
    in_the_pdf = re.sub(r"(?<=\w-) (?=\w)", "", body_text(reader))
    assert on_the_page.startswith("Subject access export") and case.reference in on_the_page
    # Each says when it was made, to the minute: the page a moment before the PDF.
    made_on = re.compile(r"Made on [^.]*? by ")
    assert len(made_on.findall(on_the_page)) == len(made_on.findall(in_the_pdf)) == 1
    on_the_page, in_the_pdf = made_on.sub("Made on … by ", on_the_page), made_on.sub("Made on … by ", in_the_pdf)
    # The last section lists who has viewed the records: the PDF's has one row more, the preview itself.
    audit_heading = "Who has viewed or changed these records"
    page_records, page_audit = on_the_page.split(audit_heading)
    pdf_records, pdf_audit = in_the_pdf.split(audit_heading)
    assert pdf_records == page_records
    assert "Viewed Person record Anytown Council" in page_audit  # the person page, seen before the preview
    assert pdf_audit.startswith(page_audit + " ")
    assert re.fullmatch(r"\d+ \w+ \d{4} at \d+:\d\d[ap]m Viewed Person record Anytown Council "
                        r"Subject access export previewed: 1 case", pdf_audit[len(page_audit) + 1:])
