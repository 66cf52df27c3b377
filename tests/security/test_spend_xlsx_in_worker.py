"""M9: a spend file is read by the task worker, never in the upload request. The upload stores the
file and answers at once with a "reading your file" page; the columns are checked once the worker
has found the header; imports stay all or nothing."""

import io
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

from clearsight.core.roles import Role
from clearsight.spend import parsing
from clearsight.spend.models import SpendImport, SpendLine, SpendMapping

from ..factories import WorkerHeartbeatFactory, make_user

# Transactional: the worker command closes its database connection after its batch, as in production.
pytestmark = pytest.mark.django_db(transaction=True)

HEADER = ["Supplier Name", "Paid Date", "Amount", "Expenditure Category"]


def workbook(rows=200):
    book = Workbook()
    sheet = book.active
    sheet.append(["Anytown Council payments over £500"])
    sheet.append([])
    sheet.append(HEADER)
    for i in range(rows):
        sheet.append([f"Supplier {i % 17}", f"{i % 28 + 1:02d}/04/2015", 500 + i, "Cleaning"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def officer(anytown, signed_in, settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}  # as in production
    settings.PRIVATE_FILES_ROOT = tmp_path
    user = make_user(anytown, Role.PROCUREMENT_OFFICER)
    return user, signed_in(user)


def upload(client, data, name="payments-apr-jun-2015.xlsx"):
    return client.post(reverse("spend:upload"), {"publisher": "Anytown Council", "file": SimpleUploadedFile(name, data)})


def run_worker():
    """What `manage.py db_worker` does in production: run every task waiting, then stop."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_the_upload_request_stores_the_workbook_and_does_not_read_it(officer, tmp_path):
    _, client = officer
    with mock.patch.object(parsing, "read_rows", side_effect=AssertionError("read in the request")) as read:
        response = upload(client, workbook())
    assert read.call_count == 0
    spend_import = SpendImport.objects.get()
    assert spend_import.status == "reading" and spend_import.header == []
    assert response.status_code == 302
    assert response["Location"] == reverse("spend:progress", kwargs={"public_id": spend_import.public_id})
    assert list(tmp_path.glob("spend/*")), "the file is kept privately for the worker"

    WorkerHeartbeatFactory()  # a task worker is running (without one, the page says so: ADR 0031)
    page = client.get(response["Location"]).content.decode()
    assert "Reading your file" in page and 'aria-live="polite"' in page
    status = client.get(reverse("spend:status", kwargs={"public_id": spend_import.public_id})).json()
    assert status["text"] == "Reading the file." and not status["finished"] and status["next_url"] is None


def test_the_worker_reads_the_header_then_the_columns_are_checked_and_imported(officer, tmp_path):
    user, client = officer
    upload(client, workbook())
    spend_import = SpendImport.objects.get()
    run_worker()
    spend_import.refresh_from_db()
    assert spend_import.status == "needs_mapping"
    assert spend_import.header == HEADER and spend_import.header_row == 3 and spend_import.rows_total == 200
    mapping_url = reverse("spend:mapping", kwargs={"public_id": spend_import.public_id})
    status = client.get(reverse("spend:status", kwargs={"public_id": spend_import.public_id})).json()
    assert status["next_url"] == mapping_url  # the reading page's script goes on to the columns
    assert client.get(reverse("spend:progress", kwargs={"public_id": spend_import.public_id})).status_code == 200

    page = client.get(mapping_url)
    assert b"Check the columns" in page.content and b"Supplier 3" in page.content
    response = client.post(mapping_url, {"col_payee_name": "0", "col_paid_on": "1", "col_amount": "2",
                                         "col_category": "3", "version": spend_import.version})
    assert response["Location"] == reverse("spend:progress", kwargs={"public_id": spend_import.public_id})
    run_worker()
    spend_import.refresh_from_db()
    assert spend_import.status == "imported" and SpendLine.objects.count() == 200
    assert not list(tmp_path.glob("spend/*")), "the file is deleted once imported"
    assert SpendMapping.objects.get().confirmed_by == user


def import_with_the_remembered_columns(client, spend_import):
    """Confirm the columns page as it comes, with the remembered layout chosen."""
    spend_import.refresh_from_db()
    mapping_url = reverse("spend:mapping", kwargs={"public_id": spend_import.public_id})
    page = client.get(mapping_url)
    assert b"These are the columns confirmed for" in page.content
    columns = {f"col_{field}": str(index) for field, index in spend_import.mapping["columns"].items()}
    client.post(mapping_url, {**columns, "version": spend_import.version})
    run_worker()


def test_a_known_layout_is_read_by_the_worker_and_shown_chosen_before_one_confirmation_imports_it(officer, anytown):
    _, client = officer
    SpendMapping.objects.create(organisation=anytown, publisher="Anytown Council", publisher_key="anytown council",
                                header_signature=parsing.header_signature(HEADER, 4),
                                mapping={"payee_name": 0, "paid_on": 1, "amount": 2, "category": 3})
    response = upload(client, workbook(30))
    spend_import = SpendImport.objects.get()
    assert spend_import.status == "reading"
    run_worker()
    spend_import.refresh_from_db()
    assert spend_import.status == "needs_mapping" and spend_import.mapping["remembered"]
    assert spend_import.mapping["columns"] == {"payee_name": 0, "paid_on": 1, "amount": 2, "category": 3}
    import_with_the_remembered_columns(client, spend_import)
    spend_import.refresh_from_db()
    assert spend_import.status == "imported" and spend_import.line_count == 30
    assert client.get(response["Location"])["Location"] == reverse("spend:report",
                                                                    kwargs={"public_id": spend_import.public_id})


def test_a_workbook_that_cannot_be_read_is_rejected_by_the_worker_and_nothing_is_kept(officer, tmp_path):
    _, client = officer
    response = upload(client, b"PK\x03\x04 this is not really a workbook")
    spend_import = SpendImport.objects.get()
    assert response.status_code == 302 and spend_import.status == "reading"
    run_worker()
    spend_import.refresh_from_db()
    assert spend_import.status == "rejected" and spend_import.report["errors"]
    assert not list(tmp_path.glob("spend/*"))
    assert not SpendLine.objects.exists()
    status = client.get(reverse("spend:status", kwargs={"public_id": spend_import.public_id})).json()
    assert status["finished"] and status["next_url"] == status["report_url"]


def test_the_same_file_again_is_answered_in_the_request_without_reading_it(officer, anytown):
    _, client = officer
    SpendMapping.objects.create(organisation=anytown, publisher="Anytown Council", publisher_key="anytown council",
                                header_signature=parsing.header_signature(HEADER, 4),
                                mapping={"payee_name": 0, "paid_on": 1, "amount": 2, "category": 3})
    data = workbook(10)
    upload(client, data)
    run_worker()
    import_with_the_remembered_columns(client, SpendImport.objects.get())
    with mock.patch.object(parsing, "read_rows", side_effect=AssertionError("read in the request")):
        response = upload(client, data)
    again = SpendImport.objects.first()
    assert again.status == "nothing_new"
    assert b"already imported" in client.get(response["Location"]).content
    assert SpendLine.objects.count() == 10


def test_the_columns_page_waits_for_the_worker(officer):
    _, client = officer
    upload(client, workbook(5))
    spend_import = SpendImport.objects.get()
    response = client.get(reverse("spend:mapping", kwargs={"public_id": spend_import.public_id}))
    assert response["Location"] == reverse("spend:progress", kwargs={"public_id": spend_import.public_id})
