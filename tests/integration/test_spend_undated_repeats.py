"""A spend file whose lines have no date, saved again (by Excel, with other line endings) and
uploaded again, adds nothing: its lines are told from new ones by the earlier import that holds
them all, and a file with no date column is given its period on the columns page."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clearsight.core.roles import Role
from clearsight.spend import importer
from clearsight.spend.models import SpendImport, SpendLine

from ..shared_data import shared_file
from ..spend_helpers import csv_bytes, run_spend_file

pytestmark = pytest.mark.django_db

LAMBETH = "London Borough of Lambeth"


def lambeth_november():
    return shared_file("data/lambeth-payments-to-suppliers-2011-12/2011-11-payments.csv").read_bytes()


def saved_again(data: bytes) -> bytes:
    """The same file as Excel saves it again: only its line endings changed."""
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").replace(b"\n", b"\r\n")


def test_an_undated_file_saved_again_adds_nothing_and_names_the_earlier_import(anytown):
    first = run_spend_file(anytown, lambeth_november(), name="2011-11-payments.csv", publisher=LAMBETH)
    assert first.status == "imported" and first.period_start is None
    assert (first.line_count, first.total_amount) == (1014, Decimal("38293628.86"))

    again = run_spend_file(anytown, saved_again(lambeth_november()), name="2011-11-payments (2).csv",
                           publisher=LAMBETH)
    assert again.file_sha256 != first.file_sha256, "not the same bytes"
    assert again.status == "nothing_new" and again.line_count == 0 and again.duplicate_count == 1014
    assert again.report["notes"][-1].startswith(
        "Every line in this file was already imported from “2011-11-payments.csv” (imported on ")
    assert SpendLine.objects.count() == 1014


def test_an_undated_file_saved_again_and_given_its_period_the_second_time_adds_nothing(anytown):
    run_spend_file(anytown, lambeth_november(), name="2011-11-payments.csv", publisher=LAMBETH)
    again = importer.receive_file(anytown, LAMBETH, "2011-11-payments.csv", saved_again(lambeth_november()))
    importer.confirm_mapping(again, again.mapping["columns"],
                             period=(datetime.date(2011, 11, 1), datetime.date(2011, 11, 30)))
    again = importer.run_import(again.pk)
    assert again.status == "nothing_new"
    assert SpendLine.objects.count() == 1014


def test_an_undated_file_of_lines_an_earlier_file_holds_adds_nothing(anytown):
    rows = [["Supplier Name", "Amount"], ["Acme Cleaning Ltd", "100.00"], ["Bolt Engineering Ltd", "250.00"]]
    first = run_spend_file(anytown, csv_bytes(rows), name="march.csv")
    again = run_spend_file(anytown, csv_bytes(rows[:2]), name="march-acme.csv")
    assert again.status == "nothing_new", "every line of the second file is a line of the first"
    assert f"already imported from “{first.file_name}”" in again.report["notes"][-1]
    assert SpendLine.objects.count() == 2


@pytest.fixture
def officer(user_with, client, sign_in, settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PRIVATE_FILES_ROOT = tmp_path
    user = user_with(Role.PROCUREMENT_OFFICER)
    sign_in(client, user)
    return user


def test_a_file_with_no_date_column_is_asked_for_its_period(client, officer):
    data = csv_bytes([["Supplier Name", "Amount"], ["Acme Cleaning Ltd", "100.00"]])
    client.post(reverse("spend:upload"), {"publisher": LAMBETH, "file": SimpleUploadedFile("payments.csv", data)})
    spend_import = SpendImport.objects.get()
    url = reverse("spend:mapping", kwargs={"public_id": spend_import.public_id})
    response = client.post(url, {"col_payee_name": "0", "col_amount": "1", "version": spend_import.version})
    assert response.status_code == 200
    assert "Enter the first day the file covers, as no column holds the date" in response.content.decode()
    assert response.context["form"]["col_amount"].value() == "1", "what the person chose is kept"
    assert SpendImport.objects.get().status == "needs_mapping"

    response = client.post(url, {"col_payee_name": "0", "col_amount": "1", "version": spend_import.version,
                                 "period_start-day": "1", "period_start-month": "11", "period_start-year": "2011",
                                 "period_end-day": "30", "period_end-month": "11", "period_end-year": "2011"})
    assert response.status_code == 302
    spend_import.refresh_from_db()
    assert spend_import.status == "imported" and spend_import.period_start.isoformat() == "2011-11-01"
