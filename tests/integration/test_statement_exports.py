"""Acceptance: the statement exported as DOCX and PDF, opened again.

Given a statement that reviews 2025/26 (actions in several areas, with what their owners said was
done) and proposes 2026/27 (two actions carried forward, one new), when the statement owner
downloads the draft, then the Word document has real headings and tables with header rows, and the
PDF's text holds the same headings and table cells. When the statement is approved and the data
changes afterwards, the approved downloads do not change and the statement can no longer be edited.
"""

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from clearsight.actionplan.models import ReviewResponse
from clearsight.concerns.models import RouteSetting
from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role
from clearsight.statements.models import Section, Statement

from ..factories import RouteSettingFactory
from .matrix_statements import complete_tasks, make_statement

PROPOSED = "Activity proposed in the 2025/26 statement"
UNDERTAKEN = "Activity undertaken since 1 April 2025"


@pytest.fixture
def owner(user_with):
    return user_with(Role.STATEMENT_OWNER)


@pytest.fixture
def statement(anytown, owner):
    RouteSettingFactory(organisation=anytown, kind="police", title="Call Anytown Police",
                        contact_phone="101", guidance="Call 999 if someone is in danger now.")
    RouteSettingFactory(organisation=anytown, kind="ictg_referral", title="Refer to a child guardian",
                        available=False)
    return make_statement(anytown, owner)


def _docx(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return Document(io.BytesIO(response.content))


def _pdf(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def _headings(doc):
    return {(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")}


def _table(doc, headers):
    for table in doc.tables:
        if [c.text for c in table.rows[0].cells] == headers:
            return [[c.text for c in row.cells] for row in table.rows[1:]], table
    raise AssertionError(f"no table headed {headers}")


def _pdf_text(reader):
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.mark.django_db
def test_draft_exports_have_headings_and_tables(client, sign_in, statement, owner):
    sign_in(client, owner)
    doc = _docx(client.get(reverse("statements:download", kwargs={"public_id": statement.public_id, "fmt": "docx"})))

    headings = _headings(doc)
    assert ("Heading 1", statement.title) in headings
    for text in ("Introduction and scope", "Modern slavery in our area: the figures", "Responsibilities",
                 "Review of activity set out in the 2025/26 statement", "Activity proposed for 2026/27", "Review process",
                 "Sign-off", "Appendix 1: Indicators of modern slavery", "Appendix 2: How to report a concern",
                 "Appendix 3: Anytown Council services"):
        assert ("Heading 2", text) in headings, text
    # How the figures are counted, and referrals by the Home Office's categories, come with the figures
    area_headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 3"]
    assert area_headings[:2] == ["How the figures are counted", "NRM referrals by type of exploitation"]
    # The review is grouped by area, in the framework's order, each with its own table
    assert area_headings[2:6] == ["Defining and outlining risk", "Prevention", "Detection", "Response"]
    rows, table = _table(doc, [PROPOSED, UNDERTAKEN])
    assert rows == [["Map where exploitation could touch council services", "A risk map was published to all directorates"]]
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")  # the header row repeats on each page
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold
    all_review_rows = [row for t in doc.tables if [c.text for c in t.rows[0].cells] == [PROPOSED, UNDERTAKEN]
                       for row in [[c.text for c in r.cells] for r in t.rows[1:]]]
    assert ["Agree a referral pathway with the police and children's services", "No response recorded yet."] in all_review_rows
    assert ["Train every procurement officer to spot labour exploitation",
            "Forty officers completed the course; ten remain (This continues in 2026/27.)"] in all_review_rows
    # Proposed activity marks what was carried forward
    proposed = [row for t in doc.tables if t.rows[0].cells[0].text == "Activity proposed to 31 March 2027"
                for row in [[c.text for c in r.cells] for r in t.rows[1:]]]
    assert ["Train the remaining ten procurement officers", "Carried forward from 2025/26"] in proposed
    assert ["Review every referral made this year with partners", "New"] in proposed
    rows, _ = _table(doc, ["Name", "Role"])
    assert rows == [["Sam Leader", "Leader of the Council"]]
    # Reporting routes come from the routing configuration: only the available ones
    texts = [p.text for p in doc.paragraphs]
    assert "Call Anytown Police" in texts and "Phone: 101" in texts
    assert "Refer to a child guardian" not in texts
    assert doc.core_properties.title == statement.title
    assert doc.core_properties.language == "en-GB"

    reader = _pdf(client.get(reverse("statements:download", kwargs={"public_id": statement.public_id, "fmt": "pdf"})))
    text = _pdf_text(reader)
    for expected in (statement.title, "Introduction and scope", "Review of activity set out in the 2025/26 statement",
                     PROPOSED, UNDERTAKEN, "A risk map was published to all directorates",
                     "Train the remaining ten procurement officers", "Carried forward from 2025/26", "Sam Leader",
                     "Leader of the Council", "Call Anytown Police", "Page 1 of"):
        assert expected in text, expected
    assert reader.metadata.title == statement.title
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert statement.title in outline
    assert AuditEvent.objects.filter(actor=owner, action="export", record_id=str(statement.public_id)).count() == 2


@pytest.mark.django_db
def test_approved_version_is_frozen(client, sign_in, statement, owner):
    complete_tasks(statement, owner)
    sign_in(client, owner)
    url = reverse("statements:approve", kwargs={"public_id": statement.public_id})
    answers = {"approved_on-day": "14", "approved_on-month": "7", "approved_on-year": "2026", "version": statement.version}
    check = client.post(url, answers)
    assert "Are you sure you want to approve the statement?" in check.content.decode()
    statement.refresh_from_db()
    assert statement.status == Statement.Status.DRAFT  # nothing happens until it is confirmed
    client.post(url, {**answers, "confirm": "yes"})
    statement.refresh_from_db()
    assert statement.status == Statement.Status.APPROVED and statement.approved_on == date(2026, 7, 14)
    version = statement.versions.get(approved=True)
    download = reverse("statements:version-download", kwargs={"public_id": statement.public_id, "number": version.number,
                                                              "fmt": "docx"})
    pdf_download = reverse("statements:version-download", kwargs={"public_id": statement.public_id,
                                                                  "number": version.number, "fmt": "pdf"})
    before = _docx(client.get(download))
    before_text = [p.text for p in before.paragraphs]
    before_pdf = _pdf_text(_pdf(client.get(pdf_download)))
    assert "This statement was approved on 14 July 2026." in before_text

    # The data changes after approval
    ReviewResponse.objects.filter(undertaken__startswith="A risk map").update(undertaken="Rewritten later")
    Section.objects.filter(statement=statement, key="introduction").update(text="Changed behind the scenes")
    RouteSetting.objects.filter(title="Call Anytown Police").update(title="Phone the police")

    after = _docx(client.get(download))
    assert [p.text for p in after.paragraphs] == before_text
    assert _pdf_text(_pdf(client.get(pdf_download))) == before_pdf
    rows, _ = _table(after, [PROPOSED, UNDERTAKEN])
    assert rows[0][1] == "A risk map was published to all directorates"
    # The statement's own page and download show the approved version too
    current = _docx(client.get(reverse("statements:download", kwargs={"public_id": statement.public_id, "fmt": "docx"})))
    assert [p.text for p in current.paragraphs] == before_text
    preview = client.get(reverse("statements:preview", kwargs={"public_id": statement.public_id})).content.decode()
    assert "Changed behind the scenes" not in preview and "can no longer be changed" in preview

    # Editing is refused
    section = statement.sections.get(key="review-process")
    response = client.post(reverse("statements:section", kwargs={"public_id": statement.public_id, "key": section.key}),
                           {"text": "An edit after approval", "completed": "yes", "version": section.version})
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.text != "An edit after approval"
    page = client.get(reverse("statements:statement", kwargs={"public_id": statement.public_id})).content.decode()
    assert "It can no longer be changed" in page
    assert client.post(url, {**answers, "confirm": "yes"}).status_code == 302
    assert statement.versions.filter(approved=True).count() == 1


@pytest.mark.django_db
def test_board_member_downloads_only_approved_versions(client, sign_in, statement, owner, user_with):
    from clearsight.statements import services

    draft_version = services.save_version(statement, owner, note="For comments")
    board = user_with(Role.BOARD_MEMBER)
    sign_in(client, board)
    kwargs = {"public_id": statement.public_id, "number": draft_version.number, "fmt": "pdf"}
    assert client.get(reverse("statements:version-download", kwargs=kwargs)).status_code == 404
    assert client.get(reverse("statements:download", kwargs={"public_id": statement.public_id, "fmt": "pdf"})).status_code == 403
    complete_tasks(statement, owner)
    services.approve(statement, owner, date(2026, 7, 1), statement.version)
    approved = statement.versions.get(approved=True)
    kwargs["number"] = approved.number
    assert client.get(reverse("statements:version-download", kwargs=kwargs)).status_code == 200
    page = client.get(reverse("statements:versions", kwargs={"public_id": statement.public_id})).content.decode()
    assert "For comments" not in page and "Approved" in page
