"""What a council relies on once a statement is written: the approved statement (and its registry
summary) never changes afterwards, approval is of what the approver checked, a draft always says it
is a draft, a double click never starts two drafts, and the published document reads well where the
data has nothing to say."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from clearsight.core.roles import Role
from clearsight.statements import assemble, exports, services
from clearsight.statements.models import RegistrySummary, Statement

from ..factories import PlanYearFactory, RouteSettingFactory
from .matrix_statements import complete_tasks, make_statement

DRAFT_MARK = "Draft – not approved"


@pytest.fixture
def owner(user_with):
    return user_with(Role.STATEMENT_OWNER)


def _url(name, statement, **kwargs):
    return reverse(f"statements:{name}", kwargs={"public_id": statement.public_id, **kwargs})


def _csv(response):
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.django_db
def test_registry_summary_is_kept_with_the_approval_and_never_refilled(client, sign_in, anytown, owner):
    statement = make_statement(anytown, owner)  # the registry summary was never opened before approval
    complete_tasks(statement, owner)
    services.approve(statement, owner, date(2026, 7, 14), statement.version)
    approved = statement.versions.get(approved=True)
    assert [row["area"] for row in approved.content["registry"]] == [label for _, label in RegistrySummary.AREAS]
    kept = {row["area"]: row["summary"] for row in approved.content["registry"]}
    assert kept["Goals and key performance indicators"].startswith("The 2026/27 action plan has 3 actions")

    # Something changes the stored summary behind the scenes after approval
    RegistrySummary.objects.filter(statement=statement).update(training="Written after approval")
    sign_in(client, owner)
    page = client.get(_url("registry", statement)).content.decode()
    assert "Written after approval" not in page and "Goals and key performance indicators" in page
    header, row = _csv(client.get(_url("registry-csv", statement)))
    row = dict(zip(header, row))
    assert {area: row[summary] for area, *_, summary in services.REGISTRY_AREA_COLUMNS} == kept
    assert row["DateApproved"] == statement.approved_on.isoformat()
    # A save is refused
    summary = RegistrySummary.objects.get(statement=statement)
    data = {key: "Edited" for key, _ in RegistrySummary.AREAS} | {"version": summary.version}
    assert client.post(_url("registry", statement), data).status_code == 302
    summary.refresh_from_db()
    assert summary.structure != "Edited"


@pytest.mark.django_db
def test_approval_refuses_a_statement_changed_after_it_was_checked(client, sign_in, anytown, owner, user_with):
    statement = make_statement(anytown, owner)
    complete_tasks(statement, owner)
    sign_in(client, owner)
    answers = {"approved_on-day": "14", "approved_on-month": "7", "approved_on-year": "2026",
               "version": statement.version}
    assert "Are you sure" in client.post(_url("approve", statement), answers).content.decode()

    # Meanwhile a colleague rewrites the introduction
    colleague = user_with(Role.STATEMENT_OWNER)
    other = client.__class__()
    sign_in(other, colleague)
    section = statement.sections.get(key="introduction")
    assert other.post(_url("section", statement, key="introduction"),
                      {"text": "A late rewrite nobody checked", "completed": "yes", "version": section.version}
                      ).status_code == 302

    response = client.post(_url("approve", statement), answers | {"confirm": "yes"})
    assert "Someone else changed this statement while you were approving it" in response.content.decode()
    statement.refresh_from_db()
    assert statement.status == Statement.Status.DRAFT
    # Adding or removing a section of one's own counts as a change too
    statement.refresh_from_db()
    version = statement.version
    other.post(_url("section-add", statement), {"title": "Partners", "text": "Words", "completed": "yes", "version": 0})
    statement.refresh_from_db()
    assert statement.version == version + 1
    other.post(_url("section-remove", statement, key="custom-1"))
    statement.refresh_from_db()
    assert statement.version == version + 2


@pytest.mark.django_db
def test_approval_refused_because_the_statement_changed_is_an_error_in_the_summary(client, sign_in, anytown, owner):
    """Given the approval page opened, when a section is rewritten before the approver continues, then the
    approval is refused with an error in the error summary (the page title says Error once) that asks
    them to preview the statement again, the date they typed stays, and continuing again is checked
    against the statement as it is now."""
    statement = make_statement(anytown, owner)
    complete_tasks(statement, owner)
    sign_in(client, owner)
    statement.refresh_from_db()
    answers = {"approved_on-day": "14", "approved_on-month": "7", "approved_on-year": "2026",
               "version": statement.version}
    section = statement.sections.get(key="introduction")
    assert client.post(_url("section", statement, key="introduction"),
                       {"text": "A late rewrite", "completed": "yes", "version": section.version}).status_code == 302
    page = client.post(_url("approve", statement), answers).content.decode()
    assert "<title>Error: Approve the statement" in page and "Error: Error:" not in page
    assert "govuk-error-summary" in page
    assert "Someone else changed this statement while you were approving it. It has not been approved. " \
           "Preview it again, then approve it." in page
    assert 'value="14"' in page
    statement.refresh_from_db()
    assert f'name="version" value="{statement.version}"' in page
    assert "Are you sure" in client.post(_url("approve", statement), answers | {"version": statement.version}).content.decode()


@pytest.mark.django_db
def test_a_section_cannot_change_once_the_statement_is_approved_even_from_an_open_form(anytown, owner):
    """The section form was opened before approval; saving it afterwards must not reach the section
    (a new draft would otherwise copy text that was never approved)."""
    statement = make_statement(anytown, owner)
    section = statement.sections.get(key="introduction")
    complete_tasks(statement, owner)
    services.approve(statement, owner, date(2026, 7, 14), statement.version)
    with pytest.raises(services.Frozen):
        services.save_section(statement, section, {"text": "Too late", "completed": True}, section.version, owner)
    section.refresh_from_db()
    assert section.text != "Too late"


@pytest.mark.django_db
def test_a_draft_says_it_is_a_draft_in_every_download(client, sign_in, anytown, owner):
    statement = make_statement(anytown, owner)
    sign_in(client, owner)
    docx = Document(io.BytesIO(client.get(_url("download", statement, fmt="docx")).content))
    assert DRAFT_MARK in [p.text for p in docx.sections[0].header.paragraphs]
    assert any(p.text.startswith(DRAFT_MARK) for p in docx.paragraphs[:3])
    pdf = PdfReader(io.BytesIO(client.get(_url("download", statement, fmt="pdf")).content))
    assert all(DRAFT_MARK in page.extract_text() for page in pdf.pages)

    complete_tasks(statement, owner)
    services.approve(statement, owner, date(2026, 7, 14), statement.version)
    docx = Document(io.BytesIO(client.get(_url("download", statement, fmt="docx")).content))
    assert DRAFT_MARK not in " ".join(p.text for p in docx.paragraphs + docx.sections[0].header.paragraphs)
    pdf = PdfReader(io.BytesIO(client.get(_url("download", statement, fmt="pdf")).content))
    assert not any(DRAFT_MARK in page.extract_text() for page in pdf.pages)


@pytest.mark.django_db
def test_starting_next_years_draft_twice_makes_one_draft(client, sign_in, anytown, owner):
    statement = make_statement(anytown, owner, approved=True)
    PlanYearFactory(organisation=anytown, title="2027/28", starts_on=date(2027, 4, 1), ends_on=date(2028, 3, 31),
                    framework=statement.plan.framework, previous=statement.plan)
    sign_in(client, owner)
    first = client.post(_url("new-draft", statement))
    second = client.post(_url("new-draft", statement))
    draft = Statement.objects.get(started_from=statement)
    assert first["Location"] == second["Location"] == _url("statement", draft)


@pytest.mark.django_db
def test_figures_and_routes_with_nothing_to_show_read_as_sentences(anytown, owner):
    RouteSettingFactory(organisation=anytown, kind="nrm_referral", title="Refer to the NRM")
    statement = make_statement(anytown, owner)
    document = assemble.assemble(statement, today=date(2026, 11, 23))
    figures = next(b for b in document["blocks"] if b["type"] == "table" and b["headers"][0] == "Measure")
    values = {row[0]: row[1] for row in figures["rows"]}
    # No high-risk supplier had spend in the period: there is nothing to work a share out from, and
    # the reader is told so in words, never "no data"
    assert values["High-risk suppliers with a current assessment"] == (
        "None to measure: the council’s spending records show no payment to a supplier rated high risk in this period")
    assert "none" not in values.values()
    assert not any("data" in str(value).lower() for value in values.values())
    blocks = document["blocks"]
    at = next(n for n, b in enumerate(blocks) if b == assemble.heading("Refer to the NRM", 3))
    assert blocks[at + 1]["type"] == "paragraph" and "National Referral Mechanism" in blocks[at + 1]["text"]


@pytest.mark.django_db
def test_appendices_start_on_a_new_page(anytown, owner):
    statement = make_statement(anytown, owner)
    pdf = PdfReader(io.BytesIO(exports.to_pdf(assemble.assemble(statement))))
    page = next(p for p in pdf.pages if "Appendix 1: Indicators of modern slavery" in p.extract_text())
    assert "Sam Leader" not in page.extract_text()  # the sign-off table ends the page before
    docx = Document(io.BytesIO(exports.to_docx(assemble.assemble(statement))))
    heading = next(p for p in docx.paragraphs if p.text == "Appendix 1: Indicators of modern slavery")
    assert heading.paragraph_format.page_break_before
