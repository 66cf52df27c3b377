"""The statement builder's pages: starting a statement, writing sections without ever losing what
was typed, the conflict page when two people edit at once, custom sections, the sign-off, starting
next year's draft from an approved statement, and the audit trail."""

from datetime import date

import pytest
from django.urls import reverse

from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role
from clearsight.statements import services
from clearsight.statements.models import Section, Statement

from ..factories import PlanYearFactory
from ..form_helpers import form_values
from .matrix_statements import make_plans, make_statement


@pytest.fixture
def owner(user_with):
    return user_with(Role.STATEMENT_OWNER)


def _url(name, statement, **kwargs):
    return reverse(f"statements:{name}", kwargs={"public_id": statement.public_id, **kwargs})


@pytest.mark.django_db
def test_start_a_statement_with_suggested_plans_and_periods(client, sign_in, anytown, owner):
    reviewed, plan = make_plans(anytown, owner)
    sign_in(client, owner)
    page = client.get(reverse("statements:create")).content.decode()
    assert f'value="{plan.public_id}" selected' in page and f'value="{reviewed.public_id}" selected' in page
    answers = {"plan": str(plan.public_id), "reviewed_plan": str(plan.public_id), "title": "",
               "covers_from-day": "1", "covers_from-month": "4", "covers_from-year": "2026",
               "covers_to-day": "31", "covers_to-month": "3", "covers_to-year": "2027",
               "figures_from-day": "1", "figures_from-month": "4", "figures_from-year": "2025",
               "figures_to-day": "31", "figures_to-month": "3", "figures_to-year": "2026", "version": "0"}
    response = client.post(reverse("statements:create"), answers)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Select a different year from the one the statement proposes activity for" in page
    assert 'name="covers_to-year" type="text" value="2027"' in page or 'value="2027"' in page  # nothing typed is lost
    response = client.post(reverse("statements:create"), answers | {"reviewed_plan": str(reviewed.public_id)})
    statement = Statement.objects.get()
    assert response["Location"] == _url("statement", statement)
    assert statement.title == "Anytown Council Modern Slavery Statement 2026/27"
    assert (statement.figures_from, statement.figures_to) == (date(2025, 4, 1), date(2026, 3, 31))
    assert AuditEvent.objects.filter(actor=owner, action="create", record_id=str(statement.public_id)).exists()


@pytest.mark.django_db
def test_a_section_keeps_what_was_typed_and_shows_a_conflict(client, sign_in, anytown, owner):
    statement = make_statement(anytown, owner)
    section = statement.sections.get(key="review-process")
    sign_in(client, owner)
    url = _url("section", statement, key=section.key)
    # An error keeps the text
    response = client.post(url, {"text": "Half written", "version": section.version})
    assert "Select whether you have completed this section" in response.content.decode()
    assert "Half written" in response.content.decode()
    # Someone else saves in between
    Section.objects.filter(pk=section.pk).update(text="Their version", version=section.version + 1)
    response = client.post(url, {"text": "My version", "completed": "yes", "version": section.version})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this record while you were editing it" in page
    assert "My version" in page and "Their version" in page
    section.refresh_from_db()
    assert section.text == "Their version"
    # Saving again, knowingly, replaces it
    response = client.post(url, {"text": "My version", "completed": "yes", "version": section.version})
    assert response.status_code == 302
    section.refresh_from_db()
    assert (section.text, section.completed) == ("My version", True)
    assert AuditEvent.objects.filter(actor=owner, action="change", record_id=str(statement.public_id),
                                     description__contains="Review process").exists()


def _two_tabs(client, url):
    return client.get(url).content.decode(), client.get(url).content.decode()


@pytest.mark.django_db
def test_the_details_changed_in_two_tabs_keep_both_changes(client, sign_in, anytown, owner):
    """Given the statement's title, plans and periods open in two tabs, when the title is changed in one
    and the end of the figures period in the other, then the second save is refused and merged, and
    saving again keeps both (before, it put the old title back)."""
    statement = make_statement(anytown, owner)
    sign_in(client, owner)
    url = _url("details", statement)
    tab_1, tab_2 = _two_tabs(client, url)
    assert client.post(url, form_values(tab_1, title="Anytown’s statement on modern slavery")).status_code == 302
    refused = client.post(url, form_values(tab_2, **{"figures_to-day": "28", "figures_to-month": "2"}))
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "The form now shows their change to the title." in page
    assert "<title>Error: Title, plans and periods" in page  # said once
    assert client.post(url, form_values(page)).status_code == 302
    statement.refresh_from_db()
    assert (statement.title, statement.figures_to) == ("Anytown’s statement on modern slavery", date(2026, 2, 28))


@pytest.mark.django_db
def test_a_section_changed_in_two_tabs_keeps_both_changes(client, sign_in, anytown, owner):
    """Given a section open in two tabs, when its text is rewritten in one and it is marked completed in
    the other, then the second save is refused and merged, and saving again keeps both (before, it put
    the old text back). Text both rewrote keeps this person's, says at the field what is saved now, and
    shows it in full below the form."""
    statement = make_statement(anytown, owner)
    sign_in(client, owner)
    url = _url("section", statement, key="review-process")
    tab_1, tab_2 = _two_tabs(client, url)
    assert client.post(url, form_values(tab_1, text="Reviewed by the board each July.", completed="no")).status_code == 302
    refused = client.post(url, form_values(tab_2, completed="yes"))
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "The form now shows their change to the text." in page
    assert "<title>Error: Review process" in page  # said once
    assert client.post(url, form_values(page)).status_code == 302
    section = statement.sections.get(key="review-process")
    assert (section.text, section.completed) == ("Reviewed by the board each July.", True)
    tab_1, tab_2 = _two_tabs(client, url)
    assert client.post(url, form_values(tab_1, text="Their rewrite.")).status_code == 302
    page = client.post(url, form_values(tab_2, text="My rewrite.")).content.decode()
    assert page.count("Someone else changed the text to “Their rewrite.” since you opened the page") == 2
    assert "My rewrite." in page and "Text as saved now" in page
    assert statement.sections.get(key="review-process").text == "Their rewrite."


@pytest.mark.django_db
def test_the_sign_off_changed_in_two_tabs_keeps_both_changes(client, sign_in, anytown, owner):
    """Given the sign-off open in two tabs, when the first person's role is corrected in one and a second
    person added in the other, then the second save is refused and merged, and saving again keeps both
    (before, it put the old role back)."""
    statement = make_statement(anytown, owner)
    sign_in(client, owner)
    url = _url("sign-off", statement)
    tab_1, tab_2 = _two_tabs(client, url)
    assert client.post(url, form_values(tab_1, role_1="Leader of Anytown Council")).status_code == 302
    refused = client.post(url, form_values(tab_2, name_2="Ann Chief", role_2="Chief Executive"))
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "The form now shows their change to the role of person 1." in page
    assert "<title>Error: Sign-off" in page  # said once
    assert client.post(url, form_values(page)).status_code == 302
    assert [(p.name, p.role) for p in statement.signatories.all()] == [
        ("Sam Leader", "Leader of Anytown Council"), ("Ann Chief", "Chief Executive")]


@pytest.mark.django_db
def test_custom_sections_are_added_and_removed(client, sign_in, anytown, owner):
    statement = make_statement(anytown, owner)
    sign_in(client, owner)
    response = client.post(_url("section-add", statement), {"title": "", "text": "Words", "completed": "no",
                                                             "version": 0})
    assert "Enter a heading for the section" in response.content.decode()
    client.post(_url("section-add", statement), {"title": "Working with partners", "text": "Words", "completed": "yes",
                                                  "version": 0})
    section = statement.sections.get(kind="custom")
    assert (section.key, section.title) == ("custom-1", "Working with partners")
    preview = client.get(_url("preview", statement)).content.decode()
    assert preview.index(">Activity proposed for 2026/27</h2>") < preview.index(">Working with partners</h2>") < (
        preview.index(">Review process</h2>"))
    sure = client.get(_url("section-remove", statement, key="custom-1")).content.decode()
    assert "Are you sure you want to remove ‘Working with partners’?" in sure
    assert statement.sections.filter(kind="custom").exists()  # nothing removed by looking
    client.post(_url("section-remove", statement, key="custom-1"))
    assert not statement.sections.filter(kind="custom").exists()
    # Fixed sections cannot be removed
    assert client.post(_url("section-remove", statement, key="introduction")).status_code == 404


@pytest.mark.django_db
def test_sign_off_needs_names_with_roles(client, sign_in, anytown, owner):
    statement = make_statement(anytown, owner)
    sign_in(client, owner)
    response = client.post(_url("sign-off", statement), {"name_1": "", "role_1": "", "version": statement.version})
    assert "Enter the name of at least one person who signs the statement off" in response.content.decode()
    response = client.post(_url("sign-off", statement), {"name_1": "Ann Chief", "role_1": "", "name_2": "",
                                                          "role_2": "Chief Executive", "version": statement.version})
    page = response.content.decode()
    assert "Enter the role of Ann Chief" in page and "Enter the name of the Chief Executive" in page
    client.post(_url("sign-off", statement), {"name_1": "Ann Chief", "role_1": "Chief Executive", "name_2": "Sam Leader",
                                              "role_2": "Leader", "version": statement.version})
    assert [(p.name, p.role) for p in statement.signatories.all()] == [("Ann Chief", "Chief Executive"),
                                                                       ("Sam Leader", "Leader")]


@pytest.mark.django_db
def test_approval_is_refused_until_the_statement_is_ready(client, sign_in, anytown, owner):
    statement = make_statement(anytown, owner)
    statement.sections.filter(key="services").update(text="")
    sign_in(client, owner)
    response = client.post(_url("approve", statement), {"approved_on-day": "1", "approved_on-month": "7",
                                                         "approved_on-year": "2026", "version": statement.version,
                                                         "confirm": "yes"})
    assert "Write the ‘The council’s services’ section" in response.content.decode()
    statement.refresh_from_db()
    assert statement.status == Statement.Status.DRAFT


@pytest.mark.django_db
def test_next_years_draft_starts_from_the_approved_statement(client, sign_in, anytown, owner):
    statement = make_statement(anytown, owner, approved=True)
    PlanYearFactory(organisation=anytown, title="2027/28", starts_on=date(2027, 4, 1), ends_on=date(2028, 3, 31),
                    framework=statement.plan.framework, previous=statement.plan)
    Section.objects.create(statement=statement, key="custom-1", kind="custom", title="Partners", text="Our partners")
    sign_in(client, owner)
    response = client.post(_url("new-draft", statement))
    draft = Statement.objects.exclude(pk=statement.pk).get()
    assert response["Location"] == _url("statement", draft)
    assert (draft.plan.title, draft.reviewed_plan.title, draft.status) == ("2027/28", "2026/27", "draft")
    assert draft.title == "Anytown Council Modern Slavery Statement 2027/28"
    assert draft.sections.get(key="introduction").text == statement.sections.get(key="introduction").text
    assert draft.sections.get(key="custom-1").title == "Partners"
    assert [p.name for p in draft.signatories.all()] == ["Sam Leader"]
    assert draft.started_from == statement


@pytest.mark.django_db
def test_board_member_reads_but_cannot_write(client, sign_in, anytown, owner, user_with):
    statement = make_statement(anytown, owner)
    board = user_with(Role.BOARD_MEMBER)
    sign_in(client, board)
    page = client.get(_url("statement", statement)).content.decode()
    assert "Read the draft" in page and "govuk-task-list" not in page
    assert client.get(_url("section", statement, key="introduction")).status_code == 403
    assert client.get(_url("registry", statement)).status_code == 403
    assert client.get(reverse("statements:list")).status_code == 200
    assert AuditEvent.objects.filter(actor=board, action="view", record_id=str(statement.public_id)).exists()
    services.save_version(statement, owner)
    assert "The statement has not been approved yet." in client.get(_url("versions", statement)).content.decode()


@pytest.mark.django_db
def test_the_home_page_tells_the_statement_owner_about_drafts_until_approval(client, sign_in, anytown, owner, user_with):
    statement = make_statement(anytown, owner)
    sign_in(client, owner)
    page = client.get(reverse("core:home")).content.decode()
    assert f"draft statement to finish and approve: {statement.title}" in page
    Statement.objects.filter(pk=statement.pk).update(status=Statement.Status.APPROVED)
    assert "draft statement to finish" not in client.get(reverse("core:home")).content.decode()
    # Another council's statement owner is not told about it.
    client.logout()
    sign_in(client, user_with(Role.STATEMENT_OWNER, organisation=type(anytown).objects.create(name="Carrow Council")))
    Statement.objects.filter(pk=statement.pk).update(status=Statement.Status.DRAFT)
    assert "draft statement to finish" not in client.get(reverse("core:home")).content.decode()


@pytest.mark.django_db
def test_the_title_plans_and_periods_page_shows_the_statement_as_it_is_now(client, sign_in, anytown, owner):
    statement = make_statement(anytown, owner)
    sign_in(client, owner)
    page = client.get(_url("details", statement)).content.decode()
    assert "Start an action plan year first" not in page
    assert f'value="{statement.plan.public_id}" selected' in page
    assert f'value="{statement.title}"' in page and "Period the figures cover" in page


@pytest.mark.django_db
def test_a_reader_is_told_the_statement_is_not_approved_yet_rather_than_that_nothing_was_saved(
        client, sign_in, anytown, owner, user_with):
    statement = make_statement(anytown, owner)
    services.save_version(statement, owner, note="First draft")
    board = user_with(Role.BOARD_MEMBER)
    sign_in(client, board)
    page = client.get(_url("statement", statement)).content.decode()
    assert "Last saved version" not in page and _url("versions", statement) not in page
    page = client.get(_url("versions", statement)).content.decode()
    assert "The statement has not been approved yet" in page and "First draft" not in page
    assert "<title>Approved versions" in page


@pytest.mark.django_db
def test_a_section_split_into_paragraphs_by_someone_else_is_not_put_back_unseen(client, sign_in, anytown, owner):
    """Given a section open in two tabs, when its text is split into two paragraphs in one and it is
    marked completed in the other, then the second save is refused and the form shows the text in
    paragraphs, so saving again keeps them (before, the line breaks counted for nothing: the form kept
    the old text under the plain message, and saving again put it back in one paragraph)."""
    statement = make_statement(anytown, owner)
    statement.sections.filter(key="review-process").update(text="Reviewed by the board. Signed in July.")
    sign_in(client, owner)
    url = _url("section", statement, key="review-process")
    tab_1, tab_2 = _two_tabs(client, url)
    split = "Reviewed by the board.\r\n\r\nSigned in July."
    assert client.post(url, form_values(tab_1, text=split, completed="no")).status_code == 302
    refused = client.post(url, form_values(tab_2, completed="yes"))
    assert refused.status_code == 200
    assert "The form now shows their change to the text." in refused.content.decode()
    assert client.post(url, form_values(refused.content.decode())).status_code == 302
    section = statement.sections.get(key="review-process")
    assert (section.text.replace("\r\n", "\n"), section.completed) == ("Reviewed by the board.\n\nSigned in July.", True)
