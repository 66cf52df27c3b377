"""Resolving supplier names from imports: exact aliases, confident matches, uncertain matches that
wait for a person, and decisions that later imports reuse."""

import html
import importlib
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from clearsight.core.models import AuditEvent
from clearsight.core.dates import long_date
from clearsight.core.roles import Role
from clearsight.matching import api as matching_api
from clearsight.matching.models import MatchingRun, MatchReview
from clearsight.matching.api import resolution_sentence
from clearsight.matching import resolve
from clearsight.matching.resolve import resolve_supplier_names
from clearsight.matching.reviews import decided_pairs, merge_suppliers
from clearsight.spend.models import SpendLine
from clearsight.supply.models import Supplier, SupplierAlias, SupplierStatement

from ..factories import ContractFactory, MatchReviewFactory, SupplierFactory, make_user
from ..matching_helpers import spy_on_rank, supplier_review
from ..spend_helpers import csv_bytes, run_spend_file

pytestmark = pytest.mark.django_db
review_migration = importlib.import_module("clearsight.matching.migrations.0003_review_candidates")


def _supplier(organisation, name, **fields):
    supplier = SupplierFactory(organisation=organisation, name=name, **fields)
    resolve_supplier_names(organisation, [name])  # its own name becomes an alias
    return supplier


def test_new_names_become_suppliers_and_known_spellings_resolve_to_them(anytown):
    first = resolve_supplier_names(anytown, ["Oxford Bus Company Ltd", "", "  "])
    assert list(first) == ["Oxford Bus Company Ltd"]
    again = resolve_supplier_names(anytown, ["THE OXFORD BUS CO. LIMITED", "Oxford Bus Company Ltd"])
    assert set(again.values()) == set(first.values())
    assert Supplier.objects.filter(organisation=anytown).count() == 1
    assert not MatchReview.objects.exists()


def test_a_confident_probabilistic_match_applies_and_records_the_alias(anytown):
    supplier = _supplier(anytown, "Thames Valley Scaffolding Services")
    resolved = resolve_supplier_names(anytown, ["Thames Valey Scaffolding Services Ltd"], source="contracts")
    assert resolved == {"Thames Valey Scaffolding Services Ltd": supplier.pk}
    alias = SupplierAlias.objects.get(name="Thames Valey Scaffolding Services Ltd")
    assert alias.supplier == supplier and alias.source == "contracts"
    assert not MatchReview.objects.exists()


def test_names_are_resolved_within_the_organisation_only(anytown, bexford):
    theirs = _supplier(bexford, "Acme Cleaning Services")
    ours = resolve_supplier_names(anytown, ["Acme Cleaning Services"])
    assert ours["Acme Cleaning Services"] != theirs.pk


def test_an_uncertain_match_waits_for_review_and_a_confirmation_is_reused_on_the_next_import(
        anytown, client, sign_in):
    officer = make_user(anytown, Role.PROCUREMENT_OFFICER)
    candidate = _supplier(anytown, "Socotec UK Limited", postcode="M1 4HD")
    SupplierStatement.objects.create(supplier=candidate, year=2024)

    first = resolve_supplier_names(anytown, ["Socotec - Aecom"])
    provisional = Supplier.objects.get(pk=first["Socotec - Aecom"])
    assert provisional != candidate and provisional.needs_review
    review = MatchReview.objects.get(status="pending")
    assert review.subject_supplier == provisional and review.candidate_supplier == candidate
    assert review.reasons and review.candidates[0]["reasons"] == review.reasons  # the evidence, in words
    # Records made from the import point at the provisional supplier meanwhile.
    contract = ContractFactory(organisation=anytown, supplier=provisional, title="Surveys")
    SupplierStatement.objects.create(supplier=provisional, year=2024)  # clashes with the candidate's
    SupplierStatement.objects.create(supplier=provisional, year=2023)
    # The same name again before anyone decides: no second review.
    assert resolve_supplier_names(anytown, ["Socotec - Aecom"]) == first
    assert MatchReview.objects.count() == 1

    sign_in(client, officer)
    page = client.get(reverse("matching:review", kwargs={"public_id": review.public_id})).content.decode()
    assert "Are these the same organisation?" in page and "Socotec UK Limited" in page
    assert "Clearsight did not match these itself. One of the names is made of two organisations&#x27; names" in page
    assert review.reasons[0][0].upper() + review.reasons[0][1:] in html.unescape(page)
    response = client.post(reverse("matching:review", kwargs={"public_id": review.public_id}),
                           {"same": "yes", "version": review.version})
    assert response.status_code == 302

    assert not Supplier.objects.filter(pk=provisional.pk).exists()
    contract.refresh_from_db()
    assert contract.supplier == candidate
    assert sorted(candidate.statements.values_list("year", flat=True)) == [2023, 2024]
    alias = SupplierAlias.objects.get(organisation=anytown, name="Socotec - Aecom")
    assert alias.supplier == candidate and alias.source == "confirmed" and alias.confirmed_by == officer
    assert AuditEvent.objects.filter(actor=officer, action="change", record_id=str(review.public_id)).exists()

    # The next import: straight to the confirmed supplier, nothing new to review.
    assert resolve_supplier_names(anytown, ["Socotec - Aecom", "SOCOTEC AECOM"]) == {
        "Socotec - Aecom": candidate.pk, "SOCOTEC AECOM": candidate.pk}
    assert MatchReview.objects.count() == 1


def test_a_rejection_is_remembered_and_the_supplier_becomes_ordinary(anytown, client, sign_in):
    officer = make_user(anytown, Role.PROCUREMENT_OFFICER)
    candidate = _supplier(anytown, "Socotec UK Limited")
    provisional_id = resolve_supplier_names(anytown, ["Socotec - Aecom"])["Socotec - Aecom"]
    review = MatchReview.objects.get()
    sign_in(client, officer)
    client.post(reverse("matching:review", kwargs={"public_id": review.public_id}), {"same": "no", "version": review.version})
    review.refresh_from_db()
    assert review.status == "rejected"
    assert not Supplier.objects.get(pk=provisional_id).needs_review
    # Even if the name's alias is removed, the pair is never proposed again.
    SupplierAlias.objects.filter(normalised=review.normalised).delete()
    Supplier.objects.filter(pk=provisional_id).delete()
    again = resolve_supplier_names(anytown, ["Socotec - Aecom"])
    assert again["Socotec - Aecom"] != candidate.pk
    assert MatchReview.objects.count() == 1


def test_the_decision_form_needs_an_answer_and_a_match_cannot_be_decided_twice(anytown, client, sign_in):
    officer = make_user(anytown, Role.PROCUREMENT_OFFICER)
    other = make_user(anytown, Role.PROCUREMENT_OFFICER)
    _supplier(anytown, "Socotec UK Limited")
    resolve_supplier_names(anytown, ["Socotec - Aecom"])
    review = MatchReview.objects.get()
    url = reverse("matching:review", kwargs={"public_id": review.public_id})
    sign_in(client, officer)
    page = client.post(url, {"version": review.version}).content.decode()
    assert "Select yes if these are the same organisation" in page
    assert MatchReview.objects.get().status == "pending"
    stale_version = review.version
    client.post(url, {"same": "no", "version": stale_version})
    client.logout()
    sign_in(client, other)
    response = client.post(url, {"same": "yes", "version": stale_version})
    assert response.status_code == 409
    assert "This match has already been rejected" in response.content.decode()
    assert MatchReview.objects.get().status == "rejected"


def test_a_review_of_two_suppliers_offers_no_company_to_enter_and_refuses_one(anytown, client, sign_in):
    # "Another company" belongs to matching a supplier to the company register: two suppliers of the
    # council's own are the same or not, and a number posted anyway is refused, not applied.
    _supplier(anytown, "Socotec UK Limited")
    resolve_supplier_names(anytown, ["Socotec - Aecom"])
    review = MatchReview.objects.get()
    url = reverse("matching:review", kwargs={"public_id": review.public_id})
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    page = client.get(url).content.decode()
    assert "Another company" not in page and 'name="company_number"' not in page
    response = client.post(url, {"choice": "another", "company_number": "04043223", "version": review.version})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert MatchReview.objects.get().status == "pending"
    assert not Supplier.objects.filter(company_number="04043223").exists()


def test_the_queue_lists_pending_matches_for_the_officers_organisations_only(anytown, bexford, client, sign_in):
    officer = make_user(anytown, Role.PROCUREMENT_OFFICER)
    for organisation in (anytown, bexford):
        _supplier(organisation, "Socotec UK Limited")
    resolve_supplier_names(anytown, ["Socotec - Aecom"])
    resolve_supplier_names(bexford, ["Socotec Aecom Bexford"])
    theirs = MatchReview.objects.get(organisation=bexford)
    sign_in(client, officer)
    page = client.get(reverse("matching:queue")).content.decode()
    assert "Supplier matches to review (1)" in page and "Socotec - Aecom" in page
    assert "Socotec Aecom Bexford" not in page
    assert client.get(reverse("matching:review", kwargs={"public_id": theirs.public_id})).status_code == 404
    home = client.get(reverse("core:home")).content.decode()
    assert "supplier match to review" in home


def test_merging_moves_every_link_to_the_surviving_supplier(anytown):
    keep = _supplier(anytown, "Acme Cleaning")
    duplicate = _supplier(anytown, "ACME Cleaners (North)", company_number="01234567")
    ContractFactory(organisation=anytown, supplier=duplicate, title="Office cleaning")
    merge_suppliers(duplicate, keep)
    keep.refresh_from_db()
    assert keep.company_number == "01234567"
    assert keep.contracts.count() == 1
    assert set(keep.aliases.values_list("name", flat=True)) == {"Acme Cleaning", "ACME Cleaners (North)"}


def test_three_thousand_names_resolve_in_one_call(anytown):
    names = [f"Supplier number {i} Ltd" for i in range(3000)]
    resolved = resolve_supplier_names(anytown, names)
    assert len(set(resolved.values())) == 3000
    spellings = [f"SUPPLIER NUMBER {i} LIMITED" for i in range(3000)]
    assert resolve_supplier_names(anytown, spellings) == {s: resolved[n] for s, n in zip(spellings, names)}


# --- Several candidates: choosing one, or none of these (issue 16) ------------------------------------

def _url(review):
    return reverse("matching:review", kwargs={"public_id": review.public_id})


KIELY = ["Kiely Bros Holdings Limited", "Kiely Bros (Contractors) Limited", "Kiely Group Ltd"]


def test_choosing_the_second_candidate_merges_the_name_into_it(anytown, client, sign_in):
    officer = make_user(anytown, Role.PROCUREMENT_OFFICER)
    review, provisional, (holdings, bros, group) = supplier_review(anytown, "Kiely Bros Ltd", KIELY)
    contract = ContractFactory(organisation=anytown, supplier=provisional, title="Groundworks")
    sign_in(client, officer)

    page = client.get(_url(review)).content.decode()
    assert "Which of these is Kiely Bros Ltd?" in page and "None of these" in page
    for name in KIELY:
        assert name in page
    assert page.index("Kiely Bros Holdings Limited") < page.index("Kiely Bros (Contractors) Limited") \
        < page.index("Kiely Group Ltd")
    assert "Likely (86%)" in page and "Possible (55%)" in page

    response = client.post(_url(review), {"choice": "2", "version": review.version})
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.status, review.chosen, review.candidate_supplier, review.right["name"]) == (
        "confirmed", 1, bros, "Kiely Bros (Contractors) Limited")
    assert not Supplier.objects.filter(pk=provisional.pk).exists()
    contract.refresh_from_db()
    assert contract.supplier == bros
    assert SupplierAlias.objects.get(organisation=anytown, normalised=review.normalised).supplier == bros
    assert AuditEvent.objects.filter(actor=officer, action="change", record_id=str(review.public_id),
                                     description__contains="candidate 2 of 3").exists()
    # The decision as people made it: the chosen one the same, the other two different.
    assert [(c["record"]["name"], same) for _, c, same in decided_pairs([review])] == [
        ("Kiely Bros Holdings Limited", False), ("Kiely Bros (Contractors) Limited", True), ("Kiely Group Ltd", False)]
    decided = client.get(_url(review)).content.decode()
    assert "Kiely Bros Ltd is Kiely Bros (Contractors) Limited." in decided and "Save decision" not in decided


def test_none_of_these_rejects_every_candidate_and_none_is_proposed_again(anytown, client, sign_in):
    officer = make_user(anytown, Role.PROCUREMENT_OFFICER)
    review, provisional, candidates = supplier_review(anytown, "Kiely Bros Ltd", KIELY)
    for supplier in candidates:
        resolve_supplier_names(anytown, [supplier.name])  # their own names are aliases, as after an import
    review.refresh_from_db()  # (those runs ranked it again: reviews waiting are shown what a run finds)
    sign_in(client, officer)
    response = client.post(_url(review), {"choice": "none", "version": review.version}, follow=True)
    assert [c["record"]["name"] for c in review.candidates] == KIELY[:2]  # Kiely Group Ltd no longer close enough
    assert "Kiely Bros Ltd was kept separate from “Kiely Bros Holdings Limited” and “Kiely Bros (Contractors) Limited”" \
        in response.content.decode()
    review.refresh_from_db()
    assert (review.status, review.chosen) == ("rejected", None)
    provisional.refresh_from_db()
    assert not provisional.needs_review
    assert all(not same for _, _, same in decided_pairs([review]))
    assert "Kiely Bros Ltd is none of these organisations." in client.get(_url(review)).content.decode()

    # Even with the spelling forgotten, none of the three is proposed for it again: it is the supplier
    # the decision kept separate.
    SupplierAlias.objects.filter(normalised=review.normalised).delete()
    assert resolve_supplier_names(anytown, ["Kiely Bros Ltd"]) == {"Kiely Bros Ltd": provisional.pk}
    assert not MatchReview.objects.filter(status="pending").exists()


def test_a_decision_from_a_stale_page_is_refused(anytown, client, sign_in):
    first, second = make_user(anytown, Role.PROCUREMENT_OFFICER), make_user(anytown, Role.PROCUREMENT_OFFICER)
    review, provisional, (holdings, bros, group) = supplier_review(anytown, "Kiely Bros Ltd", KIELY)
    sign_in(client, first)
    client.post(_url(review), {"choice": "2", "version": review.version})
    client.logout()
    sign_in(client, second)
    response = client.post(_url(review), {"choice": "1", "version": review.version})
    assert response.status_code == 409
    assert "This match has already been confirmed" in response.content.decode()
    review.refresh_from_db()
    assert (review.chosen, review.decided_by, review.candidate_supplier) == (1, first, bros)
    assert Supplier.objects.filter(pk=holdings.pk).exists()


def test_an_unanswered_question_and_a_candidate_gone_meanwhile_keep_the_review_waiting(anytown, client, sign_in):
    review, provisional, (holdings, bros, group) = supplier_review(anytown, "Kiely Bros Ltd", KIELY)
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    page = client.post(_url(review), {"version": review.version}).content.decode()
    assert "Select which organisation is Kiely Bros Ltd, or none of these" in page
    Supplier.objects.filter(pk=group.pk).delete()  # someone removed the third candidate meanwhile
    page = client.post(_url(review), {"choice": "3", "version": review.version}).content.decode()
    assert "Kiely Group Ltd is no longer in the list it was found in" in page
    assert 'value="3" checked' in page  # what was chosen is kept
    review.refresh_from_db()
    assert review.status == "pending"


def test_a_candidate_merged_meanwhile_is_offered_as_the_supplier_it_became(anytown, client, sign_in):
    review, provisional, (holdings, bros, group) = supplier_review(anytown, "Kiely Bros Ltd", KIELY)
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    opened_at = review.version
    merge_suppliers(group, holdings)
    response = client.post(_url(review), {"choice": "3", "version": opened_at})
    assert response.status_code == 409  # the page was opened before the merge: look again
    page = response.content.decode()
    assert "This match changed while you were looking at it" in page
    review.refresh_from_db()
    assert f'name="version" value="{review.version}"' in page  # saving again, after the look, is allowed
    assert client.post(_url(review), {"choice": "3", "version": review.version}).status_code == 302
    assert not Supplier.objects.filter(pk=provisional.pk).exists()
    assert SupplierAlias.objects.get(organisation=anytown, normalised=review.normalised).supplier == holdings


def test_another_organisations_review_cannot_be_seen_or_decided(anytown, bexford, client, sign_in):
    review, provisional, _ = supplier_review(bexford, "Kiely Bros Ltd", KIELY)
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    assert client.get(_url(review)).status_code == 404
    assert client.post(_url(review), {"choice": "1", "version": review.version}).status_code == 404
    review.refresh_from_db()
    assert review.status == "pending" and Supplier.objects.filter(pk=provisional.pk).exists()


def test_reviews_made_with_one_candidate_become_a_list_of_one(anytown):
    older = MatchReviewFactory(organisation=anytown)
    confirmed = MatchReviewFactory(organisation=anytown, status="confirmed")
    MatchReview.objects.filter(pk__in=[older.pk, confirmed.pk]).update(candidates=[])
    assert review_migration.candidates_to_lists(MatchReview) == 2
    older.refresh_from_db()
    confirmed.refresh_from_db()
    assert older.candidates == [{"record": older.right, "probability": 0.72, "reasons": ["The names are similar"],
                                 "supplier": None, "entry": older.candidate_entry_id, "ref": older.candidate_ref}]
    assert (older.chosen, confirmed.chosen) == (None, 0)
    assert review_migration.candidates_to_lists(MatchReview) == 0


def test_the_next_run_learns_from_the_decisions_people_made(anytown, client, sign_in, monkeypatch):
    review, provisional, (holdings, bros, group) = supplier_review(anytown, "Kiely Bros Ltd", KIELY)
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    client.post(_url(review), {"choice": "2", "version": review.version})
    seen = spy_on_rank(monkeypatch)
    resolve_supplier_names(anytown, ["Kiely Civil Engineering"])
    labels = {(label.left.name, label.right.name, label.is_match) for label in seen[0]["labels"]}
    assert labels == {("Kiely Bros Ltd", "Kiely Bros Holdings Limited", False),
                      ("Kiely Bros Ltd", "Kiely Bros (Contractors) Limited", True),
                      ("Kiely Bros Ltd", "Kiely Group Ltd", False)}
    assert seen[0]["exclude"] == {review.normalised: {holdings.pk, group.pk}}


def test_an_empty_review_queue_is_explained_in_words(anytown):
    _supplier(anytown, "Thames Valley Scaffolding Services")
    counts = {}
    resolve_supplier_names(anytown, ["Thames Valley Scaffolding Services", "Thames Valey Scaffolding Services Ltd",
                                     "Zenith Roofing", "Zenith Roofing Ltd", "Quorn Florists"], counts=counts)
    assert counts == {"names": 4, "known": 1, "new_names": 3, "matched": 1, "same_batch": 0, "to_review": 0,
                      "new_suppliers": 2}
    assert resolution_sentence(counts) == (
        "All 3 new names were either matched confidently to suppliers you already have (1) or are new suppliers "
        "with no likely match (2), so there is nothing to review.")
    assert resolution_sentence({"names": 768, "new_names": 768, "new_suppliers": 768}) == (
        "All 768 new names are new suppliers with no likely match among the suppliers you already have, so there is "
        "nothing to review.")
    assert resolution_sentence({"names": 1, "new_names": 1, "matched": 1}) == (
        "The new name was matched confidently to a supplier you already have, so there is nothing to review.")
    assert resolution_sentence({"names": 12, "known": 12}) == (
        "Every supplier name in this import was already known, so there is nothing to review.")
    assert resolution_sentence({"names": 9, "new_names": 5, "matched": 2, "new_suppliers": 2, "to_review": 1}) == (
        "Of 5 new names, 1 looks like a supplier you already have, but Clearsight is not sure: check it in supplier "
        "matches to review.")
    assert resolution_sentence(None) == ""


def test_the_empty_queue_says_what_the_latest_runs_did(anytown, bexford, client, sign_in, tmp_path):
    _supplier(anytown, "Thames Valley Scaffolding Services")
    resolve_supplier_names(anytown, ["Thames Valey Scaffolding Services Ltd", "Zenith Roofing"])
    resolve_supplier_names(bexford, ["Bexford Only Ltd"])
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    page = html.unescape(re.sub(r"<[^>]+>", "", client.get(reverse("matching:queue")).content.decode()))
    assert "Supplier matches to review (0)" in page
    run = MatchingRun.objects.get(organisation=anytown, source="spend")
    assert (f"The latest spend file ({long_date(timezone.localtime(run.at).date())}): Both new names were either matched confidently to suppliers you "
            "already have (1) or are new suppliers with no likely match (1), so there is nothing to review.") in page
    assert "Bexford" not in page


def test_another_context_may_propose_several_candidates_and_none_of_these_rejects_them_all(anytown, client, sign_in):
    first, second = SupplierFactory(organisation=anytown, name="Sparkle Car Wash Ltd"), \
        SupplierFactory(organisation=anytown, name="Sparkle Valeting Ltd")
    review = matching_api.propose_match(
        anytown, kind="business", source="intelligence", subject_ref="business-1", name="Sparkle Car Wash",
        left=matching_api.record_snapshot("Sparkle Car Wash"),
        candidates=[(first, 0.8, ["names agree apart from the legal form"]), (second, 0.5, ["names share only some words"])])
    assert [c["supplier"] for c in review.candidates] == [first.pk, second.pk]
    assert review.candidate_supplier == first and review.probability == 0.8
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    client.post(_url(review), {"choice": "none", "version": review.version})
    assert matching_api.rejected_candidates(anytown, "business", "business-1") == {first.pk, second.pk}


def test_a_holding_company_in_a_spend_file_is_never_taken_for_the_company_it_owns(anytown):
    kiely = SupplierFactory(organisation=anytown, name="Kiely Bros Ltd")
    resolved = resolve_supplier_names(anytown, ["Kiely Bros. Holdings Limited"])
    assert resolved["Kiely Bros. Holdings Limited"] != kiely.pk
    review = MatchReview.objects.get(subject_supplier_id=resolved["Kiely Bros. Holdings Limited"])
    assert review.candidate_supplier == kiely
    assert any("group company" in reason for reason in review.reasons)
    # The page says why Clearsight asks a person at all, though it rates the match very likely.
    assert review.why_asked.startswith("One name says Holdings or Group and the other does not")


def test_a_name_paid_under_a_known_suppliers_number_is_offered_as_that_supplier_renamed(anytown, bexford, client,
                                                                                        sign_in, tmp_path):
    """Given a spend file paying "EC Harris LLP" under supplier number 20008132, when a later file pays
    "Arcadis LLP" under the same number, then a person is asked whether Arcadis is EC Harris (the
    review names the number and shows the other name), and confirming it makes one supplier of the two,
    whose spend is all together; another publisher's number 20008132 says nothing."""
    header = ["Paid Date", "Amount", "Supplier ID", "Supplier Name"]
    run_spend_file(anytown, csv_bytes([header, ["12/05/2014", "1200.00", "20008132", "EC HARRIS LLP"]]), name="2014.csv")
    run_spend_file(anytown, csv_bytes([header, ["12/05/2014", "5.00", "20008132", "Zenith Roofing"]]),
                   name="other.csv", publisher="Bexford Council")
    # Another organisation's file from the same publisher, paying another name under the number.
    run_spend_file(bexford, csv_bytes([header, ["12/05/2014", "7.00", "20008132", "Bexford Builders Ltd"]]),
                   name="bexford.csv")
    assert not MatchReview.objects.exists()
    run_spend_file(anytown, csv_bytes([header, ["11/06/2016", "950.00", "20008132", "ARCADIS LLP"]]), name="2016.csv")

    ec_harris = Supplier.objects.get(organisation=anytown, name="EC HARRIS LLP")
    review = MatchReview.objects.get(organisation=anytown, kind="supplier")
    assert review.subject_supplier.name == "ARCADIS LLP" and review.subject_supplier.needs_review
    assert [c["supplier"] for c in review.candidates] == [ec_harris.pk]  # not Zenith, paid under Bexford's 20008132
    assert review.candidates[0]["reasons"][0] == "“EC HARRIS LLP”, paid under the same supplier number (20008132), agrees with the name"
    assert "renamed" in review.why_asked
    assert review.left["account_names"] == [["EC HARRIS LLP", "20008132"]]  # not Zenith, nor Bexford's payee

    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    url = reverse("matching:review", kwargs={"public_id": review.public_id})
    page = html.unescape(client.get(url).content.decode())
    assert "Also paid as" in page and "EC HARRIS LLP (supplier number 20008132)" in page
    # The evidence adds up to near certainty, but a pair waiting for a person is never shown as certain.
    assert review.candidates[0]["probability"] > 0.995
    assert "at 99%, because" in page and "100%" not in page
    client.post(url, {"same": "yes", "version": review.version})
    lines = SpendLine.objects.filter(organisation=anytown, spend_import__publisher="Anytown Council")
    assert set(lines.values_list("supplier", flat=True)) == {ec_harris.pk}
    # The supplier page says how the files name it: both names, under the one number.
    page = html.unescape(client.get(reverse("supply:supplier", kwargs={"public_id": ec_harris.public_id})).content.decode())
    names = page[page.index('id="spend-names"'):]
    names = names[:names.index("</table>")]
    assert re.search(r"EC HARRIS LLP</td>\s*<td[^>]*>Anytown Council</td>\s*<td[^>]*>20008132</td>", names)
    assert re.search(r"ARCADIS LLP</td>\s*<td[^>]*>Anytown Council</td>\s*<td[^>]*>20008132</td>", names)
    assert "Zenith" not in names and "Bexford" not in names
    # A company register holding only the later name then gives the supplier its company number.
    register = tmp_path / "register.csv"
    register.write_text("OrganisationName,CompanyNumber\nArcadis LLP,OC368843\n")
    call_command("load_company_register", str(register), "--source", "Test register", "--match")
    ec_harris.refresh_from_db()
    assert ec_harris.company_number == "OC368843"
    # The decision is learnt with the other name: the next run counts it as a pair agreeing that way.
    labels, _ = resolve._decisions(anytown)
    assert labels[0].left.account_names == (("EC HARRIS LLP", "20008132"),)


def test_two_new_names_under_one_supplier_number_in_one_file_are_asked_about_once(anytown):
    """Given a first file covering the years of a rename, paying "URS ..." and "AECOM ..." under one
    supplier number, and "Zenith Roofing" under another: one review asks whether the two are one
    supplier; nothing is merged without a person; Zenith is a supplier of its own."""
    header = ["Paid Date", "Amount", "Supplier ID", "Supplier Name"]
    spend_import = run_spend_file(anytown, csv_bytes([
        header, ["12/05/2014", "1200.00", "20014353", "URS INFRASTRUCTURE & ENVIRONMENT UK LTD"],
        ["11/06/2016", "950.00", "20014353", "AECOM INFRASTRUCTURE & ENVIRONMENT UK LTD"],
        ["11/06/2016", "15.00", "20000001", "Zenith Roofing"]]), name="2014-2016.csv")
    assert spend_import.status == "imported"
    assert Supplier.objects.filter(organisation=anytown).count() == 3
    review = MatchReview.objects.get(organisation=anytown, kind="supplier")
    subject, chosen = review.subject_supplier, Supplier.objects.get(pk=review.candidates[0]["supplier"])
    assert {subject.name, chosen.name} == {"URS INFRASTRUCTURE & ENVIRONMENT UK LTD", "AECOM INFRASTRUCTURE & ENVIRONMENT UK LTD"}
    assert subject.needs_review and not chosen.needs_review
    assert "paid under the same supplier number (20014353)" in review.candidates[0]["reasons"][0]
    assert spend_import.report["matching"]["to_review"] == 1


def test_a_new_name_closest_to_a_group_company_becomes_a_supplier_whose_review_suggests_none(anytown):
    # A spend file pays "Caretech UK Ltd"; the council's suppliers hold only "Caretech Holdings PLC",
    # its parent: the new name is a provisional supplier, and the person is shown the parent with
    # "none of these" as Clearsight's suggestion.
    parent = _supplier(anytown, "Caretech Holdings PLC")
    _supplier(anytown, "Keyline Builders Merchants Ltd")
    resolved = resolve_supplier_names(anytown, ["Caretech UK Ltd"])
    provisional = Supplier.objects.get(pk=resolved["Caretech UK Ltd"])
    assert provisional != parent and provisional.needs_review
    review = MatchReview.objects.get(subject_supplier=provisional)
    assert review.suggests_none and review.right["name"] == "Caretech Holdings PLC"
    assert "parent or sister company" in review.why_asked


def test_a_review_waiting_for_a_person_is_shown_a_supplier_added_since(anytown, client, sign_in):
    """Given "Socotec - Aecom" from a spend file, waiting for a person with Socotec UK Limited as its
    only candidate, when AECOM Limited becomes a supplier (a contract register, say) and a later import
    brings a new name, then the waiting review offers both, and a person with the old page open is
    told it changed rather than deciding on what they saw."""
    socotec = _supplier(anytown, "Socotec UK Limited")
    resolve_supplier_names(anytown, ["Socotec - Aecom"])
    review = MatchReview.objects.get(status="pending")
    assert [c["supplier"] for c in review.candidates] == [socotec.pk]
    seen_version = review.version
    aecom = SupplierFactory(organisation=anytown, name="AECOM Limited")
    counts = {}
    resolve_supplier_names(anytown, ["Zenith Roofing"], counts=counts)
    review.refresh_from_db()
    assert {c["supplier"] for c in review.candidates} == {socotec.pk, aecom.pk}
    assert review.version == seen_version + 1 and review.status == "pending" and counts["refreshed"] == 1
    assert review.left["name"] == "Socotec - Aecom" and review.subject_supplier.needs_review
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    url = reverse("matching:review", kwargs={"public_id": review.public_id})
    response = client.post(url, {"choice": "1", "version": seen_version})
    assert response.status_code == 409 and Supplier.objects.filter(pk=review.subject_supplier_id).exists()
    # Nothing new since: the next run leaves it as it is.
    resolve_supplier_names(anytown, ["Yellow Pages Ltd"])
    review.refresh_from_db()
    assert review.version == seen_version + 1


def test_a_review_of_two_names_one_file_paid_under_one_number_is_not_re_ranked_against_other_suppliers(anytown):
    """The question "is AECOM ... URS ... renamed?" is about two suppliers of one batch: a later run,
    ranking against the organisation's settled suppliers, must not replace its candidate."""
    header = ["Paid Date", "Amount", "Supplier ID", "Supplier Name"]
    run_spend_file(anytown, csv_bytes([
        header, ["12/05/2014", "1200.00", "20014353", "URS INFRASTRUCTURE & ENVIRONMENT UK LTD"],
        ["11/06/2016", "950.00", "20014353", "AECOM INFRASTRUCTURE & ENVIRONMENT UK LTD"]]), name="2014-2016.csv")
    review = MatchReview.objects.get(organisation=anytown, kind="supplier")
    assert review.left["against"] == "batch"
    before = (review.version, review.candidates)
    _supplier(anytown, "URS Infrastructure and Environment Limited")
    resolve_supplier_names(anytown, ["Zenith Roofing"])
    review.refresh_from_db()
    assert (review.version, review.candidates) == before


def test_which_waiting_reviews_a_later_run_may_re_rank(anytown):
    review, _, _ = supplier_review(anytown, "Socotec - Aecom", ["Socotec UK Limited"])
    assert resolve._refreshable(review)  # made before the marker, no other names: against suppliers
    review.left = {**review.left, "account_names": [["URS", "20014353"]]}
    assert not resolve._refreshable(review)  # made before the marker: may be a batch's renaming
    review.left["against"] = "suppliers"
    assert resolve._refreshable(review)
    review.left["against"] = "batch"
    assert not resolve._refreshable(review)


def test_confirming_two_records_are_one_supplier_keeps_what_either_said_about_its_risks(anytown, client, sign_in):
    """Given a provisional supplier whose details a person filled in (it houses its workers, charges
    recruitment fees, what it provides, its turnover, a sector) and an existing supplier that knows
    none of it, when a person confirms they are the same organisation, then the surviving supplier has
    every answer, a "no" of its own gives way to the other's "yes" on a risk, and it is screened again
    on them."""
    from clearsight.screening.models import SupplierRisk

    review, provisional, (window,) = supplier_review(anytown, "Sparkle Hand Car Wash", ["Sparkle Window Cleaning"])
    Supplier.objects.filter(pk=provisional.pk).update(
        provides_worker_accommodation=True, charges_recruitment_fees=True, keywords="Hand car washing",
        annual_turnover=150000, sectors=["car_washes"], postcode="AN1 2BC", uses_agency_labour=None)
    Supplier.objects.filter(pk=window.pk).update(keywords="Window cleaning", charges_recruitment_fees=False,
                                                 uses_agency_labour=False, sectors=["cleaning"])
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    client.post(_url(review), {"choice": "1", "version": review.version})
    window.refresh_from_db()
    assert not Supplier.objects.filter(pk=provisional.pk).exists()
    assert (window.provides_worker_accommodation, window.charges_recruitment_fees, window.uses_agency_labour) == \
        (True, True, False)
    assert window.keywords == "Window cleaning; Hand car washing"
    assert (window.annual_turnover, window.postcode, window.sectors) == (150000, "AN1 2BC", ["cleaning", "car_washes"])
    risk = SupplierRisk.objects.get(supplier=window)
    assert any("accommodation" in str(factor).lower() or "recruitment" in str(factor).lower() for factor in risk.factors)
