"""Remembered layouts (issue 16): a procurement officer sees each publisher's remembered columns, changes
them (refused if someone else changed them meanwhile) or forgets them; a file with a remembered layout
always stops on the columns page with those columns chosen and says whose they are; a change made
there changes the remembered layout. Another organisation's layouts cannot be seen, changed or
forgotten."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role
from clearsight.spend import importer, layouts
from clearsight.spend.models import SpendImport, SpendMapping

from ..form_helpers import form_values
from ..spend_helpers import csv_bytes, run_spend_file

pytestmark = pytest.mark.django_db

HEADER = ["Supplier Name", "Paid Date", "Amount", "Expenditure Category", "Net Amount"]
COLUMNS = {"payee_name": 0, "paid_on": 1, "amount": 2, "category": 3}


def rows(count=3, start=0):
    return [HEADER] + [[f"Supplier {i}", f"0{i % 9 + 1}/04/2015", f"{i + 1}00.00", "Cleaning", f"{i + 1}0.00"]
                       for i in range(start, start + count)]


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def officer(user_with, client, sign_in):
    user = user_with(Role.PROCUREMENT_OFFICER)
    user.full_name = "Pat Jones"
    user.save()
    sign_in(client, user)
    return user


def remember(organisation, user=None, columns=COLUMNS, publisher="Anytown Council"):
    """Import a first file with these columns confirmed, so the layout is remembered."""
    first = importer.receive_file(organisation, publisher, "first.csv", csv_bytes(rows(3)), user)
    importer.confirm_mapping(first, columns, user)
    assert importer.run_import(first.pk).status == "imported"
    return SpendMapping.objects.get(organisation=organisation, publisher_key=publisher.lower())


def upload(client, data, name="next.csv", publisher="Anytown Council"):
    return client.post(reverse("spend:upload"), {"publisher": publisher, "file": SimpleUploadedFile(name, data)})


def test_the_layouts_page_shows_each_publishers_columns_who_confirmed_them_and_their_imports(client, officer, bexford):
    layout = remember(officer.primary_organisation, officer)
    remember(bexford, publisher="Bexford Council")
    page = client.get(reverse("spend:layouts"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Anytown Council" in text and "Bexford Council" not in text  # another organisation's stay unseen
    assert "Supplier Name, Paid Date, Amount, Expenditure Category, Net Amount" in text
    assert [(f.field, f.column) for f in layouts.fields_of(layout)] == [
        ("Payee (supplier name)", "Supplier Name"), ("Amount", "Amount"), ("Date paid", "Paid Date"),
        ("Expense category", "Expenditure Category")]
    assert "Pat Jones" in text
    assert layouts.layouts_for(officer)[0].layouts[0].import_count == 1
    assert reverse("spend:layout", kwargs={"public_id": layout.public_id}) in text
    assert reverse("spend:layouts").encode() in client.get(reverse("spend:imports")).content


def test_a_remembered_layout_is_shown_for_checking_before_it_is_used(client, officer):
    remember(officer.primary_organisation, officer)
    response = upload(client, csv_bytes(rows(2, start=5)))
    spend_import = SpendImport.objects.get(file_name="next.csv")
    assert response.url == reverse("spend:mapping", kwargs={"public_id": spend_import.public_id})
    assert spend_import.status == "needs_mapping"
    page = client.get(response.url)
    text = page.content.decode()
    assert "These are the columns confirmed for Anytown Council's files on" in text and "by Pat Jones" in text
    assert "Import with these columns" in text
    assert page.context["form"]["col_amount"].value() == "2" and page.context["form"]["col_category"].value() == "3"
    # Importing as it is keeps the layout
    client.post(response.url, {**{f"col_{k}": str(v) for k, v in COLUMNS.items()}, "version": spend_import.version})
    spend_import.refresh_from_db()
    assert spend_import.status == "imported" and spend_import.layout == SpendMapping.objects.get()
    assert SpendMapping.objects.get().mapping == COLUMNS


def test_a_column_changed_on_the_columns_page_changes_the_remembered_layout(client, officer):
    layout = remember(officer.primary_organisation, officer)
    upload(client, csv_bytes(rows(2, start=5)))
    spend_import = SpendImport.objects.get(file_name="next.csv")
    changed = {**COLUMNS, "amount": 4}  # the net amount, not the gross
    client.post(reverse("spend:mapping", kwargs={"public_id": spend_import.public_id}),
                {**{f"col_{k}": str(v) for k, v in changed.items()}, "version": spend_import.version})
    spend_import.refresh_from_db()
    assert spend_import.status == "imported" and str(spend_import.total_amount) == "130.00"  # 60.00 + 70.00
    layout.refresh_from_db()
    assert layout.mapping == changed and layout.version == 2 and layout.confirmed_by == officer


def test_non_interactive_callers_can_still_use_a_remembered_layout_at_once(anytown):
    remember(anytown)
    spend_import = importer.receive_file(anytown, "Anytown Council", "b.csv", csv_bytes(rows(2, start=5)),
                                         use_remembered=True)
    assert spend_import.status == "queued" and spend_import.mapping["columns"] == COLUMNS
    assert importer.run_import(spend_import.pk).status == "imported"
    # and the test and demo helpers that confirm the proposed columns keep working
    assert run_spend_file(anytown, csv_bytes(rows(2, start=7)), name="c.csv").status == "imported"
    assert SpendMapping.objects.get().imports.count() == 3


def test_a_layout_is_changed_and_a_conflicting_change_is_refused(client, officer):
    layout = remember(officer.primary_organisation)
    url = reverse("spend:layout", kwargs={"public_id": layout.public_id})
    page = client.get(url)
    assert page.status_code == 200 and page.context["form"]["col_amount"].value() == "2"
    form = {**{f"col_{k}": str(v) for k, v in COLUMNS.items()}, "col_amount": "4", "version": layout.version}
    assert client.post(url, {**form, "col_payee_name": ""}).status_code == 200  # the payee is needed
    response = client.post(url, form)
    assert response.status_code == 302 and response.url == reverse("spend:layouts")
    layout.refresh_from_db()
    assert layout.mapping["amount"] == 4 and layout.confirmed_by == officer and layout.version == 2
    assert AuditEvent.objects.filter(actor=officer, action="change", record_id=str(layout.public_id)).exists()
    # A second person's form, opened before that change, is refused and keeps what they chose
    response = client.post(url, {**form, "col_amount": "2", "version": 1})
    assert b"Someone else changed this record" in response.content
    assert response.context["form"]["col_amount"].value() == "2"
    layout.refresh_from_db()
    assert layout.mapping["amount"] == 4


def test_a_layout_changed_in_two_tabs_keeps_both_changes(client, officer):
    layout = remember(officer.primary_organisation)
    url = reverse("spend:layout", kwargs={"public_id": layout.public_id})
    tab_1, tab_2 = client.get(url).content.decode(), client.get(url).content.decode()
    assert client.post(url, form_values(tab_1, col_amount="4")).status_code == 302
    refused = client.post(url, form_values(tab_2, col_category=""))
    assert "The form now shows their change to the amount." in refused.content.decode()
    assert refused.context["form"]["col_amount"].value() == "4"  # as it is now, not the old column
    assert client.post(url, form_values(refused.content.decode())).status_code == 302
    layout.refresh_from_db()
    assert layout.mapping == {"payee_name": 0, "paid_on": 1, "amount": 4}


def test_a_layout_is_forgotten_after_confirmation_and_the_next_file_is_checked_as_new(client, officer):
    layout = remember(officer.primary_organisation)
    url = reverse("spend:forget-layout", kwargs={"public_id": layout.public_id})
    page = client.get(url)
    assert b"Are you sure you want to forget this layout?" in page.content
    stale = client.post(url, {"version": layout.version - 1})
    assert b"Someone else changed this layout" in stale.content and SpendMapping.objects.exists()
    response = client.post(url, {"version": layout.version})
    assert response.url == reverse("spend:layouts")
    assert not SpendMapping.objects.exists()
    assert SpendImport.objects.get(file_name="first.csv").status == "imported"  # its lines stay
    assert AuditEvent.objects.filter(actor=officer, action="delete", record_id=str(layout.public_id)).exists()
    upload(client, csv_bytes(rows(2, start=5)))
    spend_import = SpendImport.objects.get(file_name="next.csv")
    assert spend_import.status == "needs_mapping" and "remembered" not in spend_import.mapping
    assert b"This is the first file from Anytown Council" in client.get(
        reverse("spend:mapping", kwargs={"public_id": spend_import.public_id})).content


def test_another_organisations_layout_cannot_be_seen_changed_or_forgotten(client, officer, bexford):
    theirs = remember(bexford, publisher="Bexford Council")
    for name in ("spend:layout", "spend:forget-layout"):
        url = reverse(name, kwargs={"public_id": theirs.public_id})
        assert client.get(url).status_code == 404
        assert client.post(url, {"version": theirs.version, "col_payee_name": "0", "col_amount": "4"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.mapping == COLUMNS


def test_people_who_only_see_spend_cannot_reach_the_layouts(client, user_with, sign_in, anytown):
    layout = remember(anytown)
    sign_in(client, user_with(Role.CONTRACT_MANAGER))
    assert client.get(reverse("spend:layouts")).status_code == 403
    assert client.get(reverse("spend:layout", kwargs={"public_id": layout.public_id})).status_code == 403
    assert client.post(reverse("spend:forget-layout", kwargs={"public_id": layout.public_id}),
                       {"version": layout.version}).status_code == 403
    assert SpendMapping.objects.exists()
