"""A spend file's columns confirmed twice (two tabs, or two people): the second is told its choice
was not used, what was, by whom and when, and what to do."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clearsight.core.roles import Role
from clearsight.spend import importer
from clearsight.spend.models import SpendImport, SpendLine

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_run_at_once")]

VAT_CSV = (b"Supplier Name,Paid Date,Net Amount,VAT,Gross Amount\r\n"
           b"Acme Cleaning Ltd,07/04/2015,100.00,20.00,120.00\r\n"
           b"Bolt Engineering Ltd,08/04/2015,500.00,100.00,600.00\r\n")


@pytest.fixture
def officer(user_with, client, sign_in):
    user = user_with(Role.PROCUREMENT_OFFICER)
    sign_in(client, user)
    return user


def _columns(amount):
    return {"col_payee_name": "0", "col_paid_on": "1", "col_amount": str(amount)}


def test_a_choice_made_in_a_second_tab_after_the_first_confirmed_is_said_not_to_be_used(client, officer):
    client.post(reverse("spend:upload"), {"publisher": "Anytown Council",
                                          "file": SimpleUploadedFile("vat.csv", VAT_CSV)})
    spend_import = SpendImport.objects.get()
    url = reverse("spend:mapping", kwargs={"public_id": spend_import.public_id})
    tab_1, tab_2 = client.get(url), client.get(url)
    version = tab_2.context["form"]["version"].value()
    assert tab_1.context["form"]["col_amount"].value() == "2"  # Net Amount proposed

    response = client.post(url, {**_columns(2), "version": version})  # tab 1 confirms Net Amount
    assert response.url == reverse("spend:progress", kwargs={"public_id": spend_import.public_id})
    spend_import.refresh_from_db()
    assert spend_import.status == "imported" and spend_import.total_amount == 600

    page = client.post(url, {**_columns(4), "version": version})  # tab 2 chooses Gross Amount
    assert page.status_code == 200, "not sent on to the report as if the choice had been used"
    text = page.content.decode()
    assert "The columns were already confirmed" in text
    assert "You confirmed the columns of this file in another tab or window on" in text
    assert "Your choice was not used. The file was imported with the columns below." in text
    used = page.context["taken"]
    assert [(c.field, c.used, c.chosen) for c in used.columns if c.differs] == [
        ("Amount", "Net Amount", "Gross Amount")]
    assert "Undo the import, then upload the file again and choose the right columns." in text
    assert reverse("spend:undo", kwargs={"public_id": spend_import.public_id}) in text
    spend_import.refresh_from_db()
    assert spend_import.total_amount == 600 and SpendLine.objects.count() == 2, "nothing imported twice"


def test_the_second_confirmation_names_the_colleague_who_confirmed_first(client, officer, user_with):
    client.post(reverse("spend:upload"), {"publisher": "Anytown Council",
                                          "file": SimpleUploadedFile("vat.csv", VAT_CSV)})
    spend_import = SpendImport.objects.get()
    url = reverse("spend:mapping", kwargs={"public_id": spend_import.public_id})
    version = client.get(url).context["form"]["version"].value()
    colleague = user_with(Role.PROCUREMENT_OFFICER)
    assert importer.confirm_mapping(spend_import, {"payee_name": 0, "paid_on": 1, "amount": 2}, colleague)
    page = client.post(url, {**_columns(4), "version": version})
    assert f"{colleague.full_name} confirmed the columns of this file on" in page.content.decode()
    assert "Your choice was not used" in page.content.decode()


def test_of_two_confirmations_from_the_same_page_only_the_first_is_used(anytown):
    from ..spend_helpers import csv_bytes

    spend_import = importer.receive_file(anytown, "Anytown Council", "vat.csv", csv_bytes(
        [["Supplier Name", "Paid Date", "Net Amount", "VAT", "Gross Amount"],
         ["Acme Cleaning Ltd", "07/04/2015", "100.00", "20.00", "120.00"]]))
    seen = spend_import.version
    first = SpendImport.objects.get(pk=spend_import.pk)
    second = SpendImport.objects.get(pk=spend_import.pk)  # both loaded before either confirms
    assert importer.confirm_mapping(first, {"payee_name": 0, "paid_on": 1, "amount": 2}, expected_version=seen)
    assert not importer.confirm_mapping(second, {"payee_name": 0, "paid_on": 1, "amount": 4}, expected_version=seen)
    assert SpendImport.objects.get(pk=spend_import.pk).mapping["columns"]["amount"] == 2


BAD_DATE_CSV = VAT_CSV + b"Carters PLC,31/09/2025,50.00,10.00,60.00\r\n"


def test_the_columns_chosen_for_a_file_rejected_for_a_bad_date_are_offered_for_the_corrected_file(client, officer):
    client.post(reverse("spend:upload"), {"publisher": "Anytown Council",
                                          "file": SimpleUploadedFile("vat.csv", BAD_DATE_CSV)})
    refused = SpendImport.objects.get()
    url = reverse("spend:mapping", kwargs={"public_id": refused.public_id})
    client.post(url, {**_columns(4), "version": refused.version})  # Gross Amount chosen
    refused.refresh_from_db()
    assert refused.status == "rejected"

    response = client.post(reverse("spend:upload"), {"publisher": "Anytown Council",
                                                     "file": SimpleUploadedFile("vat-corrected.csv", VAT_CSV)})
    corrected = SpendImport.objects.exclude(pk=refused.pk).get()
    assert corrected.status == "needs_mapping", "the person still checks the columns before they are used"
    page = client.get(response.url)
    text = page.content.decode()
    assert page.context["form"]["col_amount"].value() == "4", "Gross Amount, as the person chose"
    assert "These are the columns you chose for vat.csv on" in text
    assert "That file was not imported because 1 line was rejected, so the columns were not remembered." in text
    assert "This is the first file" not in text

    client.post(response.url, {**_columns(4), "version": corrected.version})
    corrected.refresh_from_db()
    assert corrected.status == "imported" and corrected.total_amount == 720
