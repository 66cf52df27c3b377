"""A statement is approved only when every task on its task list is completed: the service refuses
otherwise, saying what is left, and the task list page says what is left (with a link to each) instead
of offering "Approve". So a published statement never says a section has not been written, and its
figures are words a reader understands, with how they are counted."""

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from clearsight.core.roles import Role
from clearsight.statements import assemble, rules, services
from clearsight.statements.models import Statement

from .matrix_statements import complete_tasks, make_statement

pytestmark = pytest.mark.django_db

GAPS = ("This section has not been written yet.", assemble.NO_RESPONSE, "no data", "No data")


@pytest.fixture
def owner(user_with):
    return user_with(Role.STATEMENT_OWNER)


def _url(name, statement, **kwargs):
    return reverse(f"statements:{name}", kwargs={"public_id": statement.public_id, **kwargs})


def test_the_service_refuses_to_approve_a_statement_with_tasks_unfinished(anytown, owner):
    """Given a statement whose sections are written but two not marked as completed, and one action of
    the year reviewed with no response from its owner,
    when anything asks the statements service to approve it,
    then approval is refused with a reason naming each unfinished task, and the statement stays a
    draft with no approved version."""
    statement = make_statement(anytown, owner)
    complete_tasks(statement, owner)
    statement.sections.filter(key__in=["responsibilities", "review-process"]).update(completed=False)
    statement.reviewed_plan.actions.get(title__startswith="Agree a referral pathway").review.delete()
    statement.refresh_from_db()

    with pytest.raises(services.NotReady) as refused:
        services.approve(statement, owner, date(2026, 7, 14), statement.version)

    assert refused.value.problems == [
        "Finish the ‘Responsibilities’ section and mark it as completed",
        "Get a response from every action owner for the review of last year’s activity "
        "(3 of 4 action owners have said what was done in 2025/26)",
        "Finish the ‘Review process’ section and mark it as completed",
    ]
    assert "Responsibilities" in str(refused.value)
    statement.refresh_from_db()
    assert statement.status == Statement.Status.DRAFT and not statement.versions.filter(approved=True).exists()


def test_a_section_ticked_as_completed_but_empty_still_stops_approval(anytown, owner):
    """Given a statement with every task finished, but whose services section was emptied while still
    ticked as completed,
    when it is approved,
    then approval is refused: the published statement would have said the section was not written."""
    statement = make_statement(anytown, owner)
    complete_tasks(statement, owner)
    statement.sections.filter(key="services").update(text="  ")
    with pytest.raises(services.NotReady) as refused:
        services.approve(statement, owner, date(2026, 7, 14), statement.version)
    assert refused.value.problems == ["Write the ‘The council’s services’ section"]


def test_an_approved_statement_and_its_downloads_never_have_a_gap(client, sign_in, anytown, owner):
    """Given a statement with every task completed,
    when it is approved and downloaded as Word and PDF,
    then nothing in it says a section has not been written, a response was not recorded, or "no data"."""
    statement = make_statement(anytown, owner)
    complete_tasks(statement, owner)
    version = services.approve(statement, owner, date(2026, 7, 14), statement.version)
    assert version is not None and version.approved

    text = str(version.content["document"])
    sign_in(client, owner)
    docx = Document(
        io.BytesIO(client.get(_url("version-download", statement, number=version.number, fmt="docx")).content)
    )
    text += "\n".join(p.text for p in docx.paragraphs)
    text += "\n".join(cell.text for t in docx.tables for row in t.rows for cell in row.cells)
    pdf = PdfReader(
        io.BytesIO(client.get(_url("version-download", statement, number=version.number, fmt="pdf")).content)
    )
    text += "\n".join(page.extract_text() for page in pdf.pages)
    for gap in GAPS:
        assert gap not in text, gap


def test_the_task_list_says_what_is_left_instead_of_offering_approve(client, sign_in, anytown, owner):
    """Given a statement with the sign-off missing and the introduction not marked as completed,
    when its owner opens the task list and then the approval page,
    then neither offers approval; both list what is left, each linked to the page that does it."""
    statement = make_statement(anytown, owner)
    complete_tasks(statement, owner)
    statement.signatories.all().delete()
    statement.sections.filter(key="introduction").update(completed=False)
    sign_in(client, owner)

    page = client.get(_url("statement", statement)).content.decode()
    assert "Approve the statement</a>" not in page
    assert "2 tasks are not finished" in page
    assert (
        f'<a class="govuk-link" href="{_url("section", statement, key="introduction")}">Finish the ‘Introduction '
        f"and scope’ section and mark it as completed</a>"
    ) in page
    assert (
        f'<a class="govuk-link" href="{_url("sign-off", statement)}">Add the people who sign the statement off</a>'
        in page
    )

    approve = client.get(_url("approve", statement)).content.decode()
    assert "The statement cannot be approved yet" in approve and 'name="approved_on-day"' not in approve
    assert "Add the people who sign the statement off" in approve

    # Once everything is done, approval is offered
    complete_tasks(statement, owner)
    statement.signatories.create(name="Sam Leader", role="Leader of the Council")
    assert rules.can_approve(statement) == []
    assert "Approve the statement</a>" in client.get(_url("statement", statement)).content.decode()


def test_the_statement_explains_how_referrals_can_outnumber_concerns_and_rolls_up_the_types(anytown, owner):
    """Given a statement,
    when its document is assembled,
    then beside the figures it says how concerns and referrals are counted (so more referrals than
    concerns makes sense), and gives NRM referrals in the Home Office's categories with their source."""
    statement = make_statement(anytown, owner)
    document = assemble.assemble(statement, today=date(2026, 11, 23))
    blocks = document["blocks"]
    at = blocks.index(assemble.heading("How the figures are counted", 3))
    counting = " ".join(blocks[at + 1]["items"])
    assert "One concern can be about several people" in counting
    assert "more referrals than concerns" in counting and "support case opened without a concern" in counting
    categories = next(
        b for b in blocks if b["type"] == "table" and b["headers"] == ["Type of exploitation", "NRM referrals"]
    )
    assert [row[0] for row in categories["rows"]][:4] == [
        "Labour exploitation",
        "Sexual exploitation",
        "Criminal exploitation",
        "Domestic servitude",
    ]
    assert any(
        b["type"] == "paragraph" and b["text"].startswith("Categories: Home Office") and "version" in b["text"]
        for b in blocks
    )
