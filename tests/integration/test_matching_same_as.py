"""Saying a supplier is the same organisation as another, from its page: the way to put right a
"different organisations" answered by mistake, or one company recorded twice under one number."""

import html

import pytest
from django.urls import reverse

from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role
from clearsight.matching import resolve
from clearsight.matching.models import MatchReview
from clearsight.matching.resolve import resolve_supplier_names
from clearsight.spend.models import SpendLine
from clearsight.supply.models import Supplier, SupplierAlias

from ..factories import SupplierFactory, make_user
from ..spend_helpers import csv_bytes, run_spend_file

pytestmark = pytest.mark.django_db
HEADER = ["Paid Date", "Amount", "Supplier Name"]


def _url(supplier):
    return reverse("matching:same-as", kwargs={"public_id": supplier.public_id})


def _page(response):
    return html.unescape(response.content.decode())


def _rejected_by_mistake(organisation, client):
    """"Rosewood Care" from a spend file, said by a person to be a different organisation from the
    council's Rosewood Care Homes Limited (a mistake)."""
    review, care, homes = _provisional(organisation)
    client.post(reverse("matching:review", kwargs={"public_id": review.public_id}),
                {"choice": "none", "version": review.version})
    review.refresh_from_db()
    assert review.status == "rejected"
    return care, homes


def test_a_different_organisations_answered_by_mistake_is_put_right_from_the_suppliers_page(anytown, client, sign_in):
    officer = make_user(anytown, Role.PROCUREMENT_OFFICER)
    sign_in(client, officer)
    care, homes = _rejected_by_mistake(anytown, client)
    # Given the supplier's page, a link to say it is another supplier
    page = _page(client.get(reverse("supply:supplier", kwargs={"public_id": care.public_id})))
    assert _url(care) in page and "It is the same organisation as another supplier" in page
    # When the person opens it, the supplier they said was different is offered, saying so
    page = _page(client.get(_url(care)))
    assert "Is Rosewood Care the same organisation as another supplier?" in page
    assert "Rosewood Care Homes Limited" in page and "Someone said these are different organisations" in page
    # and choosing it asks them to check what happens, nothing merged yet
    page = _page(client.post(_url(care), {"step": "choose", "other": str(homes.public_id)}))
    assert "Merge Rosewood Care into Rosewood Care Homes Limited?" in page and "This cannot be undone." in page
    assert Supplier.objects.filter(pk=care.pk).exists()
    # Then confirming merges them: the spend is together, the name is one it goes by
    response = client.post(_url(care), {"step": "confirm", "other_id": str(homes.public_id),
                                        "version": Supplier.objects.get(pk=care.pk).version,
                                        "other_version": Supplier.objects.get(pk=homes.pk).version}, follow=True)
    assert "Rosewood Care and Rosewood Care Homes Limited are now one supplier" in _page(response)
    assert not Supplier.objects.filter(pk=care.pk).exists()
    assert set(SpendLine.objects.filter(organisation=anytown).values_list("supplier", flat=True)) == {homes.pk}
    alias = SupplierAlias.objects.get(organisation=anytown, name="Rosewood Care")
    assert (alias.supplier, alias.source, alias.confirmed_by) == (homes, "confirmed", officer)
    # The decision is kept, and the next run learns "same", not the mistaken "different"
    kept = MatchReview.objects.get(organisation=anytown, status="confirmed", source="person")
    assert kept.decided_by == officer and kept.candidates[0]["supplier"] == homes.pk
    labels, rejected = resolve._decisions(anytown)
    assert [label.is_match for label in labels] == [True] and rejected == {}
    assert resolve_supplier_names(anytown, ["ROSEWOOD CARE"]) == {"ROSEWOOD CARE": homes.pk}
    # and the audit log has the merge, by id
    assert AuditEvent.objects.filter(actor=officer, action="change", record_id=str(homes.public_id),
                                     description__startswith="Supplier merged").exists()
    assert AuditEvent.objects.filter(actor=officer, action="delete", record_id=str(care.public_id)).exists()


def test_a_supplier_with_the_same_company_number_is_offered_first_and_one_can_be_named(anytown, client, sign_in):
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    hands = SupplierFactory(organisation=anytown, name="Helping Hands Care", company_number="99100011")
    home = SupplierFactory(organisation=anytown, name="Helping Hands Home Care Limited", company_number="99100011")
    other = SupplierFactory(organisation=anytown, name="Zenith Roofing")
    page = _page(client.get(_url(hands)))
    assert page.index("Helping Hands Home Care Limited") < page.index("Another supplier")
    assert "It has the same company number, 99100011" in page
    # A name typed with a supplier chosen is not dropped: the person is asked about it
    page = _page(client.post(_url(hands), {"step": "choose", "other": str(home.public_id), "name": "Zenith"}))
    assert "Choose “Another supplier” to use the name you entered, or delete the name" in page
    assert "<title>Error: Is Helping Hands Care the same organisation" in page and "Error: Error:" not in page
    assert 'value="Zenith"' in page
    # A name no supplier has is refused, kept as typed
    page = _page(client.post(_url(hands), {"step": "choose", "other": "name", "name": "Zenith Roofing Services"}))
    assert "No other supplier has that name" in page and 'value="Zenith Roofing Services"' in page
    # One that a supplier has is found
    page = _page(client.post(_url(hands), {"step": "choose", "other": "name", "name": "ZENITH ROOFING"}))
    assert "Merge Helping Hands Care into Zenith Roofing?" in page and str(other.public_id) in page


def test_suppliers_changed_since_the_page_was_shown_are_not_merged(anytown, client, sign_in):
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    hands = SupplierFactory(organisation=anytown, name="Helping Hands Care", company_number="99100011")
    home = SupplierFactory(organisation=anytown, name="Helping Hands Home Care Limited", company_number="99100012")
    seen = (hands.version, home.version)
    page = _page(client.post(_url(hands), {"step": "choose", "other": "name", "name": home.name}))
    assert "They have different company numbers. Helping Hands Home Care Limited keeps 99100012" in page
    Supplier.objects.filter(pk=home.pk).update(company_number="99100011", version=home.version + 1)  # meanwhile
    response = client.post(_url(hands), {"step": "confirm", "other_id": str(home.public_id), "version": seen[0],
                                         "other_version": seen[1]})
    assert response.status_code == 409
    assert "One of the suppliers changed while you were looking at it" in _page(response)
    assert Supplier.objects.filter(pk=hands.pk).exists()
    assert f'name="other_version" value="{home.version + 1}"' in _page(response)  # as it is now, to decide again


def test_another_organisations_supplier_can_be_neither_offered_nor_merged(anytown, bexford, client, sign_in):
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    ours = SupplierFactory(organisation=anytown, name="Helping Hands Care", company_number="99100011")
    theirs = SupplierFactory(organisation=bexford, name="Helping Hands Care Ltd", company_number="99100011")
    page = _page(client.get(_url(ours)))
    assert str(theirs.public_id) not in page and "Helping Hands Care Ltd" not in page
    assert "No other supplier has that name" in _page(
        client.post(_url(ours), {"step": "choose", "other": "name", "name": "Helping Hands Care Ltd"}))
    client.post(_url(ours), {"step": "confirm", "other_id": str(theirs.public_id), "version": ours.version,
                             "other_version": theirs.version})
    assert Supplier.objects.filter(pk=ours.pk).exists() and Supplier.objects.filter(pk=theirs.pk).exists()
    assert client.get(_url(theirs)).status_code == 404
    # and a person who may only read supply data is not offered the page
    sign_in(client, make_user(anytown, Role.CONTRACT_MANAGER))
    assert client.get(_url(ours)).status_code == 403
    page = _page(client.get(reverse("supply:supplier", kwargs={"public_id": ours.public_id})))
    assert _url(ours) not in page


def _provisional(organisation):
    """"Rosewood Care" from a spend file: a provisional supplier, asked about against the council's
    Rosewood Care Homes Limited."""
    homes = SupplierFactory(organisation=organisation, name="Rosewood Care Homes Limited")
    resolve_supplier_names(organisation, [homes.name])
    run_spend_file(organisation, csv_bytes([HEADER, ["01/04/2025", "1200.00", "Rosewood Care Homes Limited"]]),
                   name="april.csv")
    run_spend_file(organisation, csv_bytes([HEADER, ["01/05/2025", "800.00", "Rosewood Care"]]), name="may.csv")
    review = MatchReview.objects.get(organisation=organisation, kind="supplier", status="pending")
    return review, review.subject_supplier, homes


def _merge(client, duplicate, into):
    duplicate.refresh_from_db()
    into.refresh_from_db()
    return client.post(_url(duplicate), {"step": "confirm", "other_id": str(into.public_id),
                                         "version": duplicate.version, "other_version": into.version})


def test_a_supplier_waiting_to_be_checked_that_another_is_merged_into_is_checked_and_matched_again(
        anytown, client, sign_in):
    # Given "Rosewood Care", provisional, whose only question offers Rosewood Care Homes Limited
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    review, care, homes = _provisional(anytown)
    # When a person says, from Homes' page, that it is the same organisation as Rosewood Care
    assert _merge(client, homes, care).status_code == 302
    review.refresh_from_db()
    care.refresh_from_db()
    # Then the question is withdrawn, and the survivor is no longer waiting to be checked: later
    # imports match names to it
    assert review.status == "withdrawn" and not care.needs_review
    assert care.pk in resolve._candidates(anytown)[0]


def test_a_different_put_right_the_other_way_round_is_learnt_as_the_same(anytown, client, sign_in):
    # Given "none of these" answered for Rosewood Care (a mistake)
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    review, care, homes = _provisional(anytown)
    client.post(reverse("matching:review", kwargs={"public_id": review.public_id}),
                {"choice": "none", "version": review.version})
    # When the person merges Homes into Rosewood Care (the other way round from the question)
    assert _merge(client, homes, care).status_code == 302
    # Then no pair of the two is learnt as different any more
    labels, rejected = resolve._decisions(anytown)
    assert labels and all(label.is_match for label in labels) and rejected == {}


def test_a_merge_keeps_the_duplicates_statement_where_the_others_for_that_year_is_blank(anytown, client, sign_in):
    from clearsight.supply.models import SupplierStatement

    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    a = SupplierFactory(organisation=anytown, name="Helping Hands Care", company_number="99100011")
    b = SupplierFactory(organisation=anytown, name="Helping Hands Home Care Limited", company_number="99100011")
    SupplierStatement.objects.create(supplier=a, year=2025, url="https://a.example/statement", board_approved=True,
                                     signed=True, signed_by="A Director", areas_covered=["risk"])
    SupplierStatement.objects.create(supplier=b, year=2025, signed_by="B Director")
    assert _merge(client, a, b).status_code == 302
    kept = SupplierStatement.objects.get(supplier=b, year=2025)
    assert (kept.url, kept.board_approved, kept.signed, kept.areas_covered) == (
        "https://a.example/statement", True, True, ["risk"])
    assert kept.signed_by == "B Director"  # its own answer kept


def test_a_supplier_merged_away_meanwhile_is_said_to_be_gone(anytown, client, sign_in):
    # Given two tabs: one merging A into B, the other B into A
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    a = SupplierFactory(organisation=anytown, name="Helping Hands Care", company_number="99100011")
    b = SupplierFactory(organisation=anytown, name="Helping Hands Home Care Limited", company_number="99100011")
    versions = (a.version, b.version)
    assert _merge(client, a, b).status_code == 302
    # When the second tab confirms B into A, A being gone
    response = client.post(_url(b), {"step": "confirm", "other_id": str(a.public_id), "version": versions[1],
                                     "other_version": versions[0]})
    # Then it is told so, and asked to choose again; B is still there
    page = _page(response)
    assert response.status_code == 409 and "The supplier you chose is no longer there" in page
    assert 'href="#id_other"' in page and 'id="id_other"' in page
    assert Supplier.objects.filter(pk=b.pk).exists()
