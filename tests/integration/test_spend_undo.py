"""Undoing a spend import: its payment lines go, the import stays in the list marked undone (who, when),
the same file can be imported again, and only a procurement officer of the import's organisation can
do it, from a confirmation page that says exactly what will be removed."""

from decimal import Decimal

import pytest
from django.urls import reverse

from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role
from clearsight.spend import undo
from clearsight.spend.models import SpendImport, SpendLine
from clearsight.supply.api import Supplier

from ..spend_helpers import csv_bytes, run_spend_file

pytestmark = pytest.mark.django_db

HEADER = ["Supplier Name", "Paid Date", "Amount", "Expenditure Category"]
ROWS = [HEADER, ["Acme Cleaning Ltd", "07/04/2015", "1,450.18", "Cleaning"],
        ["Bolt Builders Ltd", "08/04/2015", "600.00", "Building"],
        ["Acme Cleaning Ltd", "09/04/2015", "(50.00)", "Cleaning"]]
DATA = csv_bytes(ROWS)


@pytest.fixture
def officer(user_with, client, sign_in):
    user = user_with(Role.PROCUREMENT_OFFICER)
    sign_in(client, user)
    return user


def test_undo_removes_the_lines_keeps_the_import_marked_and_the_file_can_come_again(anytown, user_with):
    officer = user_with(Role.PROCUREMENT_OFFICER)
    kept = run_spend_file(anytown, csv_bytes([HEADER, ["Other Ltd", "01/05/2015", "10.00", "x"]]), name="other.csv")
    spend_import = run_spend_file(anytown, DATA)
    assert spend_import.status == "imported" and SpendLine.objects.count() == 4

    plan = undo.what_undo_removes(spend_import)
    assert (plan.line_count, plan.total) == (3, Decimal("2000.18"))
    removed = undo.undo_import(spend_import, officer, spend_import.version)

    assert (removed.line_count, removed.total) == (3, Decimal("2000.18"))
    spend_import.refresh_from_db()
    assert spend_import.status == SpendImport.Status.UNDONE
    assert spend_import.undone_by == officer and spend_import.undone_at is not None
    assert list(SpendLine.objects.values_list("spend_import", flat=True)) == [kept.pk]  # only this file's lines
    # The same bytes are not "already imported" any more
    again = run_spend_file(anytown, DATA)
    assert again.status == "imported" and again.line_count == 3 and again.total_amount == Decimal("2000.18")


def test_suppliers_first_found_in_the_file_are_named_and_kept(anytown, user_with):
    run_spend_file(anytown, csv_bytes([HEADER, ["Acme Cleaning Ltd", "01/05/2015", "10.00", "x"]]), name="first.csv")
    spend_import = run_spend_file(anytown, DATA)
    plan = undo.what_undo_removes(spend_import)
    assert [s.name for s in plan.suppliers_only_here] == ["Bolt Builders Ltd"]  # Acme is paid in the first file
    undo.undo_import(spend_import, user_with(Role.PROCUREMENT_OFFICER), spend_import.version)
    assert Supplier.objects.filter(name="Bolt Builders Ltd").exists()


def test_a_stale_or_repeated_undo_is_refused_and_removes_nothing(anytown, user_with):
    officer = user_with(Role.PROCUREMENT_OFFICER)
    spend_import = run_spend_file(anytown, DATA)
    with pytest.raises(undo.StaleUndo):
        undo.undo_import(spend_import, officer, spend_import.version - 1)
    assert SpendLine.objects.count() == 3 and SpendImport.objects.get().status == "imported"
    undo.undo_import(spend_import, officer, spend_import.version)
    spend_import.refresh_from_db()
    with pytest.raises(undo.CannotUndo, match="already been undone"):
        undo.undo_import(spend_import, officer, spend_import.version)
    rejected = run_spend_file(anytown, csv_bytes(ROWS + [["Bad Ltd", "31/02/2015", "1", "x"]]), name="bad.csv")
    assert undo.why_not_undoable(rejected) is not None


def test_the_confirmation_page_says_what_goes_then_undo_is_audited(client, officer):
    spend_import = run_spend_file(officer.primary_organisation, DATA, name="spend-apr-2015.csv")
    report = client.get(reverse("spend:report", kwargs={"public_id": spend_import.public_id}))
    url = reverse("spend:undo", kwargs={"public_id": spend_import.public_id})
    assert url.encode() in report.content

    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "3 payment lines</strong> totalling <strong>£2,000.18" in text and "spend-apr-2015.csv" in text
    assert "2 suppliers were first found in this file" in text and "stay in the supplier register" in text

    response = client.post(url, {"version": spend_import.version})
    assert response.status_code == 302
    assert response.url == reverse("spend:report", kwargs={"public_id": spend_import.public_id})
    assert SpendLine.objects.count() == 0
    event = AuditEvent.objects.get(actor=officer, action="delete", record_id=str(spend_import.public_id))
    assert "3 payment lines totalling £2,000.18 removed" in event.description
    report = client.get(response.url).content.decode()
    assert "This import was undone" in report and officer.full_name in report
    imports = client.get(reverse("spend:imports")).content.decode()
    assert "Undone" in imports and "spend-apr-2015.csv" in imports
    # Undoing again is refused in words
    assert b"already been undone" in client.get(url).content


def test_a_stale_confirmation_is_refused_with_a_message(client, officer):
    spend_import = run_spend_file(officer.primary_organisation, DATA)
    url = reverse("spend:undo", kwargs={"public_id": spend_import.public_id})
    SpendImport.objects.filter(pk=spend_import.pk).update(version=spend_import.version + 1)  # changed meanwhile
    response = client.post(url, {"version": spend_import.version})
    assert response.status_code == 200
    assert b"changed after you opened the confirmation page" in response.content
    assert SpendLine.objects.count() == 3
    # The page now carries the current version: undoing again, after checking, works
    assert client.post(url, {"version": spend_import.version + 1}).status_code == 302
    assert SpendLine.objects.count() == 0


def test_only_a_procurement_officer_of_the_organisation_can_undo(client, user_with, sign_in, bexford):
    theirs = run_spend_file(bexford, DATA, publisher="Bexford Council")
    sign_in(client, user_with(Role.PROCUREMENT_OFFICER))
    url = reverse("spend:undo", kwargs={"public_id": theirs.public_id})
    assert client.get(url).status_code == 404
    assert client.post(url, {"version": theirs.version}).status_code == 404
    ours = run_spend_file(user_with(Role.CONTRACT_MANAGER).primary_organisation, DATA, name="ours.csv")
    sign_in(client, user_with(Role.CONTRACT_MANAGER))
    assert client.get(reverse("spend:undo", kwargs={"public_id": ours.public_id})).status_code == 403
    assert client.post(reverse("spend:undo", kwargs={"public_id": ours.public_id}),
                       {"version": ours.version}).status_code == 403
    assert b"Undo this import" not in client.get(reverse("spend:report", kwargs={"public_id": ours.public_id})).content
    assert SpendLine.objects.filter(spend_import__in=[theirs, ours]).count() == 6
