"""Spend pages as a procurement officer uses them: upload, check columns, progress, report, overview."""

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role
from clearsight.spend.models import SpendImport, SpendLine, SpendMapping

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_run_at_once")]

CSV = (b"Supplier Name,Paid Date,Amount,Expenditure Category\r\n"
       b"Acme Cleaning Ltd,07/04/2015,\"1,450.18\",Cleaning\r\n"
       b"Redacted personal data,08/04/2015,600.00,Grants\r\n"
       b"Acme Cleaning Ltd,09/04/2015,(50.00),Cleaning\r\n")


@pytest.fixture
def officer(user_with, client, sign_in):
    user = user_with(Role.PROCUREMENT_OFFICER)
    sign_in(client, user)
    return user


def upload(client, data=CSV, name="spend-apr-jun-2015.csv", publisher="Anytown Council"):
    return client.post(reverse("spend:upload"), {"publisher": publisher, "file": SimpleUploadedFile(name, data)})


def test_upload_check_columns_then_report_and_overview(client, officer, tmp_path, django_capture_on_commit_callbacks):
    response = upload(client)
    spend_import = SpendImport.objects.get()
    assert response.status_code == 302 and response.url == reverse("spend:mapping", kwargs={"public_id": spend_import.public_id})
    assert list(tmp_path.glob("spend/*")), "the upload is kept privately until imported"

    # The first lines were kept when the file was read: the page shows them without reading it again.
    spend_import.refresh_from_db()
    assert spend_import.report["preview"][0] == ["Acme Cleaning Ltd", "07/04/2015", "1,450.18", "Cleaning"]
    with mock.patch("clearsight.spend.importer.inspect", side_effect=AssertionError("the file was read again")):
        page = client.get(response.url)
    assert page.status_code == 200
    assert b"Check the columns" in page.content and b"Acme Cleaning Ltd" in page.content  # the preview
    assert page.context["form"]["col_amount"].value() == "2"

    with django_capture_on_commit_callbacks(execute=True):  # as when the import's transaction commits
        response = client.post(response.url, {"col_payee_name": "0", "col_amount": "2", "col_paid_on": "1",
                                              "col_category": "3", "version": spend_import.version})
    assert response.url == reverse("spend:progress", kwargs={"public_id": spend_import.public_id})
    spend_import.refresh_from_db()
    assert spend_import.status == "imported"
    assert not list(tmp_path.glob("spend/*")), "the upload is deleted once imported"
    assert "preview" not in spend_import.report, "and so are its first lines kept for the columns page"
    assert SpendMapping.objects.get().confirmed_by == officer

    # the progress page of a finished import goes to the report
    assert client.get(response.url).url == reverse("spend:report", kwargs={"public_id": spend_import.public_id})
    status = client.get(reverse("spend:status", kwargs={"public_id": spend_import.public_id})).json()
    assert status["finished"] and status["percent"] == 100
    report = client.get(status["report_url"])
    assert b"3 lines imported" in report.content and b"2,000.18" in report.content
    # Nothing to review, and the report says why (one new name, no supplier it could be).
    assert "The new name is a new supplier with no likely match" in report.content.decode()
    assert AuditEvent.objects.filter(actor=officer, record_id=str(spend_import.public_id), action="view").exists()

    overview = client.get(reverse("spend:overview"))
    assert b"2015 to 2016" in overview.content and b"Acme Cleaning Ltd" in overview.content
    assert b"Redacted" not in overview.content

    # the same file adds nothing
    response = upload(client)
    again = SpendImport.objects.first()
    assert again.status == "nothing_new"
    assert b"already imported" in client.get(response.url).content
    assert SpendLine.objects.count() == 3


def test_a_rejected_file_lists_every_bad_row_and_imports_nothing(client, officer):
    bad = CSV + b"Bolt Ltd,31/02/2015,12.3.4,x\r\nBolt Ltd,01/05/2015,abc,x\r\n"
    SpendMapping.objects.create(organisation=officer.primary_organisation, publisher="Anytown Council",
                                publisher_key="anytown council", header_signature=_signature(),
                                mapping={"payee_name": 0, "paid_on": 1, "amount": 2})
    response = upload(client, bad)
    # the remembered layout is shown for checking first (issue 16)
    assert response.url == reverse("spend:mapping", kwargs={"public_id": SpendImport.objects.get().public_id})
    columns = client.get(response.url)
    assert b"These are the columns confirmed for Anytown Council" in columns.content
    assert columns.context["form"]["col_amount"].value() == "2"
    response = client.post(response.url, {"col_payee_name": "0", "col_paid_on": "1", "col_amount": "2",
                                          "version": SpendImport.objects.get().version})
    page = client.get(client.get(response.url).url)
    assert b"Nothing was imported" in page.content
    assert b"Row 5 has an amount that is not a number" in page.content
    assert b"Row 6 has an amount that is not a number" in page.content
    assert SpendLine.objects.count() == 0


def _signature():
    from clearsight.spend.parsing import header_signature

    return header_signature(["Supplier Name", "Paid Date", "Amount", "Expenditure Category"], 4)


def test_upload_errors_keep_what_was_typed(client, officer):
    response = client.post(reverse("spend:upload"), {"publisher": "Oxford City Council"})
    assert response.status_code == 200
    assert b"Select a spend file" in response.content and b'value="Oxford City Council"' in response.content
    response = upload(client, name="spend.pdf")
    assert b"must be a CSV file, an Excel workbook (.xlsx or .xls) or " in response.content


def test_mapping_needs_the_required_columns_and_detects_a_conflicting_edit(client, officer):
    spend_import = SpendImport.objects.get(pk=SpendImport.objects.get(pk=_uploaded(client)).pk)
    url = reverse("spend:mapping", kwargs={"public_id": spend_import.public_id})
    response = client.post(url, {"col_payee_name": "", "col_amount": "2", "version": spend_import.version})
    assert b"Select the column that holds the payee (supplier name)" in response.content
    response = client.post(url, {"col_payee_name": "2", "col_amount": "2", "version": spend_import.version})
    assert b"Each column can hold only one field" in response.content
    response = client.post(url, {"col_payee_name": "0", "col_amount": "2", "col_paid_on": "1",
                                 "version": spend_import.version - 1})
    assert b"Someone else changed this import" in response.content
    assert SpendImport.objects.get().status == "needs_mapping"


def _uploaded(client):
    upload(client)
    return SpendImport.objects.get().pk


def test_a_contract_manager_sees_spend_but_cannot_import(client, user_with, sign_in):
    sign_in(client, user_with(Role.CONTRACT_MANAGER))
    assert client.get(reverse("spend:overview")).status_code == 200
    assert client.get(reverse("spend:imports")).status_code == 200
    assert b"Upload a spend file" not in client.get(reverse("spend:imports")).content
    assert client.get(reverse("spend:upload")).status_code == 403


def _finished_import(officer, matching):
    from ..factories import SpendImportFactory

    return SpendImportFactory(organisation=officer.primary_organisation, status=SpendImport.Status.IMPORTED,
                              line_count=900, report={"matching": matching}, uploaded_by=officer)


def test_the_report_ends_with_what_to_do_next_and_says_why_there_is_nothing_to_review(client, officer):
    """Given an import whose 768 new payee names were all either matched confidently or new suppliers,
    when the procurement officer opens its report,
    then it ends with what to do next, says why there is nothing to review, and does not send them to
    an empty list of matches to review."""
    spend_import = _finished_import(officer, {"names": 800, "new_names": 768, "to_review": 0, "matched": 68,
                                              "new_suppliers": 700, "same_batch": 0})
    page = client.get(reverse("spend:report", kwargs={"public_id": spend_import.public_id})).content.decode()
    what_next = page[page.index('id="what-next"'):]
    assert "All 768 new names were either matched confidently" in what_next and "nothing to review" in what_next
    assert reverse("matching:queue") not in what_next
    assert reverse("spend:upload") in what_next and reverse("spend:overview") in what_next


def test_the_report_links_to_the_matches_the_file_left_to_check(client, officer):
    """Given an import that left 12 names for a person to check, when its report is opened, then the
    next step says how many there are and links to them."""
    spend_import = _finished_import(officer, {"names": 30, "new_names": 20, "to_review": 12, "matched": 8,
                                              "new_suppliers": 0, "same_batch": 0})
    page = client.get(reverse("spend:report", kwargs={"public_id": spend_import.public_id})).content.decode()
    assert (f'<a class="govuk-link" href="{reverse("matching:queue")}" id="review-link">Check the 12 possible '
            f'supplier matches from this file</a>') in page


def test_an_undone_import_says_what_to_do_next(client, officer):
    """Given an import that was undone, when its report is opened, then it offers to upload the right
    file (a dead end before)."""
    spend_import = _finished_import(officer, None)
    SpendImport.objects.filter(pk=spend_import.pk).update(status=SpendImport.Status.UNDONE)
    page = client.get(reverse("spend:report", kwargs={"public_id": spend_import.public_id})).content.decode()
    assert 'id="what-next"' in page and "Upload the right file" in page


def test_sheets_read_together_are_said_before_the_import_and_a_bad_row_by_its_sheet(client, officer):
    import datetime
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, first in (("April", 1), ("May", 10)):
        sheet = book.create_sheet(title)
        sheet.append(["Supplier Name", "Paid Date", "Amount"])
        for n in range(first, first + 3):
            sheet.append([f"Supplier {n} Ltd", datetime.datetime(2025, 4, n), 10.0 * n])
    book["May"]["C3"] = "ten pounds"
    out = io.BytesIO()
    book.save(out)
    response = upload(client, out.getvalue(), name="spend-q1.xlsx")
    columns = client.get(response.url)
    assert "The workbook has payment lines on 2 sheets with the same columns (“April” and “May”)" in \
        columns.content.decode()
    response = client.post(response.url, {"col_payee_name": "0", "col_paid_on": "1", "col_amount": "2",
                                          "version": SpendImport.objects.get().version})
    page = client.get(client.get(response.url).url).content.decode()
    assert "Row 3 of sheet “May” has an amount that is not a number" in page
    assert SpendLine.objects.count() == 0
