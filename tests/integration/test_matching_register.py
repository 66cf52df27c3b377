"""Loading a company register extract and matching suppliers to it by name and postcode."""

import html
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role
from clearsight.matching.company import match_suppliers_to_register
from clearsight.matching.reviews import decided_pairs
from clearsight.matching.models import CompanyNumberSource, CompanyRegister, CompanyRegisterEntry, MatchReview
from clearsight.supply.models import Supplier

from ..factories import SupplierFactory, make_user
from ..matching_helpers import spy_on_rank, supplier_review
from ..shared_data import shared_file
from ..spend_helpers import csv_bytes, run_spend_file

pytestmark = pytest.mark.django_db
MSR = "data/uk-msr-registry-reference"  # in ../shared


def test_the_statement_registrys_lists_load_with_padded_company_numbers(capsys):
    private = shared_file(f"{MSR}/MSU-ImportPrivateOrganisations.csv")
    public = shared_file(f"{MSR}/MSU-ImportPublicOrganisations.csv")
    call_command("load_company_register", str(private),
                 "--source", "Modern Slavery Statement Registry, private organisations", "--register-version", "2021-04")
    register = CompanyRegister.objects.get()
    assert register.entry_count == 15_939 == register.entries.count()
    assert register.entries.get(name='"K" Line Bulk Shipping (UK) Limited').company_number == "04830352"
    assert all(len(n) == 8 for n in register.entries.values_list("company_number", flat=True)[:500])
    # Loading the same source and version again replaces it.
    call_command("load_company_register", str(private),
                 "--source", "Modern Slavery Statement Registry, private organisations", "--register-version", "2021-04")
    assert CompanyRegisterEntry.objects.count() == 15_939
    call_command("load_company_register", str(public),
                 "--source", "Modern Slavery Statement Registry, public bodies")
    trust = CompanyRegisterEntry.objects.get(name="5 Dimensions Trust")
    assert (trust.company_number, trust.postcode) == ("07595434", "MK5 7ZT")
    assert "MILTON KEYNES" in trust.address


def test_a_file_without_a_name_column_is_refused(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("Supplier,Amount\nAcme,12\n")
    with pytest.raises(CommandError, match="no organisation name column"):
        call_command("load_company_register", str(path), "--source", "Test")
    assert not CompanyRegister.objects.exists()


def _register(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text("OrganisationName,PostCode,CompanyNumber\n"
                    "Hire Station Limited,M50 1AY,4043223\n"
                    "Seddon Construction Limited,BL4 0NN,172081\n"
                    "Seddon Homes Limited,BL4 0NN,2263421\n"
                    "Socotec UK Limited,DE13 0BZ,2880501\n")
    call_command("load_company_register", str(path), "--source", "Test register", "--register-version", "1")


def test_suppliers_are_matched_to_the_register_and_uncertain_ones_reviewed(anytown, tmp_path, client, sign_in):
    _register(tmp_path)
    hire = SupplierFactory(organisation=anytown, name="Hire Station Ltd", postcode="M50 1AY")
    socotec = SupplierFactory(organisation=anytown, name="Socotec - Aecom")
    unknown = SupplierFactory(organisation=anytown, name="Zenith Roofing")
    counts = match_suppliers_to_register(anytown)
    assert counts == {"matched": 1, "to_review": 1, "no_match": 1, "refreshed": 0}
    hire.refresh_from_db()
    assert hire.company_number == "04043223"
    source = CompanyNumberSource.objects.get(supplier=hire)
    assert source.method == "matched" and source.register_label == "Test register 1"
    unknown.refresh_from_db()
    assert unknown.company_number == ""
    review = MatchReview.objects.get(kind="company")
    assert review.subject_supplier == socotec
    # Matching again does not ask twice.
    assert match_suppliers_to_register(anytown)["to_review"] == 0

    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    client.post(reverse("matching:review", kwargs={"public_id": review.public_id}), {"same": "yes", "version": review.version})
    socotec.refresh_from_db()
    assert socotec.company_number == "02880501"
    assert CompanyNumberSource.objects.get(supplier=socotec).method == "confirmed"


def test_a_rejected_company_is_not_proposed_again(anytown, tmp_path, client, sign_in):
    _register(tmp_path)
    socotec = SupplierFactory(organisation=anytown, name="Socotec - Aecom")
    match_suppliers_to_register(anytown)
    review = MatchReview.objects.get()
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    client.post(reverse("matching:review", kwargs={"public_id": review.public_id}), {"same": "no", "version": review.version})
    match_suppliers_to_register(anytown)
    assert MatchReview.objects.count() == 1
    socotec.refresh_from_db()
    assert socotec.company_number == ""


def test_a_provisional_supplier_waiting_for_review_is_matched_to_the_register_too(anytown, tmp_path):
    _register(tmp_path)
    provisional = SupplierFactory(organisation=anytown, name="Hire Station Ltd", postcode="M50 1AY", needs_review=True)
    assert match_suppliers_to_register(anytown)["matched"] == 1
    provisional.refresh_from_db()
    assert provisional.company_number == "04043223"


def test_register_candidates_are_ranked_and_any_of_them_can_be_chosen(anytown, tmp_path, client, sign_in):
    _register(tmp_path)
    seddon = SupplierFactory(organisation=anytown, name="Seddon", postcode="BL4 0NN")
    match_suppliers_to_register(anytown)
    review = MatchReview.objects.get(subject_supplier=seddon)
    names = [c["record"]["name"] for c in review.candidates]
    assert set(names) == {"Seddon Construction Limited", "Seddon Homes Limited"}
    assert all(c["reasons"] and c["entry"] and len(c["ref"]) == 8 for c in review.candidates)
    homes = names.index("Seddon Homes Limited")

    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    client.post(reverse("matching:review", kwargs={"public_id": review.public_id}),
                {"choice": str(homes + 1), "version": review.version})
    seddon.refresh_from_db()
    assert seddon.company_number == "02263421"
    source = CompanyNumberSource.objects.get(supplier=seddon)
    assert (source.method, source.entry.name) == ("confirmed", "Seddon Homes Limited")


def test_register_matching_learns_from_decisions_and_keeps_rejections_over_a_reload(anytown, tmp_path, client, sign_in,
                                                                                   monkeypatch):
    _register(tmp_path)
    seddon = SupplierFactory(organisation=anytown, name="Seddon", postcode="BL4 0NN")
    match_suppliers_to_register(anytown)
    review = MatchReview.objects.get(subject_supplier=seddon)
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    client.post(reverse("matching:review", kwargs={"public_id": review.public_id}), {"choice": "none", "version": review.version})

    seen = spy_on_rank(monkeypatch)
    _register(tmp_path)  # loaded again: new entries, the same companies
    counts = match_suppliers_to_register(anytown)
    assert {(label.left.name, label.right.name, label.is_match) for label in seen[0]["labels"]} == {
        ("Seddon", "Seddon Construction Limited", False), ("Seddon", "Seddon Homes Limited", False)}
    entries = set(CompanyRegisterEntry.objects.filter(name__startswith="Seddon").values_list("pk", flat=True))
    assert seen[0]["exclude"] == {seddon.pk: entries}
    assert counts["to_review"] == 0 and MatchReview.objects.filter(status="pending").count() == 0


def test_a_supplier_renamed_in_the_councils_files_is_found_by_its_later_name(anytown, bexford, tmp_path):
    """Given spend files paying "URS ... Ltd" and, later, "AECOM ... Ltd" under one supplier number,
    and a register holding only the later name, matching finds the earlier one for a person to confirm,
    saying which name and number; another council's same number says nothing."""
    path = tmp_path / "register.csv"
    path.write_text("OrganisationName,PostCode,CompanyNumber\n"
                    "Aecom Infrastructure & Environment UK Limited,EC1M 6BE,880328\n")
    header = ["Paid Date", "Amount", "Supplier ID", "Supplier Name"]
    run_spend_file(anytown, csv_bytes([header, ["12/05/2014", "1200.00", "20014353", "URS INFRASTRUCTURE & ENVIRONMENT UK LTD"],
                                       ["03/02/2015", "800.00", "20014354", "Zenith Roofing"]]), name="2014.csv")
    run_spend_file(anytown, csv_bytes([header, ["11/06/2016", "950.00", "20014353",
                                                "AECOM INFRASTRUCTURE & ENVIRONMENT UK LTD"]]), name="2016.csv")
    # Bexford's files come from the same publisher (a shared finance service) and pay another name under
    # 20014353: they are Bexford's, not Anytown's.
    run_spend_file(bexford, csv_bytes([header, ["12/05/2014", "10.00", "20014353", "URS Infrastructure & Environment UK Ltd"],
                                       ["12/06/2014", "10.00", "20014353", "Aecom Infrastructure & Environment UK Ltd"]]),
                   name="b.csv", publisher="Anytown Council")
    call_command("load_company_register", str(path), "--source", "Test register", "--register-version", "1", "--match")
    # The later name agrees with the register's and is applied; the earlier one goes to a person.
    assert Supplier.objects.get(organisation=anytown, name__startswith="AECOM").company_number == "00880328"
    review = MatchReview.objects.get(organisation=anytown, kind="company")
    assert review.subject_supplier.name == "URS INFRASTRUCTURE & ENVIRONMENT UK LTD"
    best = review.candidates[0]
    assert best["ref"] == "00880328"
    assert "“AECOM INFRASTRUCTURE & ENVIRONMENT UK LTD”, paid under the same supplier number (20014353)" in best["reasons"][0]
    assert "renamed" in review.why_asked
    assert review.left["account_names"] == [["AECOM INFRASTRUCTURE & ENVIRONMENT UK LTD", "20014353"]]
    # Bexford's own URS line is linked by Bexford's own files only.
    bexford_review = MatchReview.objects.get(organisation=bexford, kind="company")
    assert bexford_review.left["account_names"] == [["Aecom Infrastructure & Environment UK Ltd", "20014353"]]


def test_a_company_more_likely_another_one_is_shown_but_none_of_these_is_suggested(anytown, tmp_path, client, sign_in):
    # Given a register holding the charity Scope and Cemex UK Operations Limited
    path = tmp_path / "register.csv"
    path.write_text("OrganisationName,PostCode,CompanyNumber\n"
                    "Scope,N7 9PW,1234567\n"
                    "Cemex UK Operations Limited,,658390\n"
                    "Keyline Builders Merchants Limited,,1234568\n")
    call_command("load_company_register", str(path), "--source", "Test register", "--register-version", "1")
    security = SupplierFactory(organisation=anytown, name="Scope Security Ltd")
    cemex = SupplierFactory(organisation=anytown, name="Cemex UK")
    # When suppliers are matched to it
    assert match_suppliers_to_register(anytown)["to_review"] == 2
    # Then "Scope Security Ltd" is a review whose suggestion is none of these (its name has a word the
    # charity's lacks), and "Cemex UK" one suggesting Cemex UK Operations Limited (a name written loosely)
    none = MatchReview.objects.get(subject_supplier=security)
    assert none.suggests_none and none.right["name"] == "Scope" and none.candidates[0]["another"]
    assert not MatchReview.objects.get(subject_supplier=cemex).suggests_none

    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    queue = client.get(reverse("matching:queue")).content.decode()
    assert queue.index("Cemex UK Operations Limited") < queue.index("None of these")  # suggestions first
    assert "Probably another company" in queue
    page = client.get(reverse("matching:review", kwargs={"public_id": none.public_id})).content.decode()
    assert "Clearsight suggests these are different organisations: the closest is more likely another company." in page
    assert "“Scope Security Ltd” has “Security” besides" in page
    assert 'id="why-asked"' not in page  # said once, above the candidate
    assert "Clearsight's suggestion" in html.unescape(page)  # beside "No, they are different organisations"
    # And a person who knows better can still choose it
    client.post(reverse("matching:review", kwargs={"public_id": none.public_id}), {"same": "yes", "version": none.version})
    security.refresh_from_db()
    assert security.company_number == "01234567"
    decided = client.get(reverse("matching:review", kwargs={"public_id": none.public_id})).content.decode()
    # The decided page shows what the person saw: Clearsight's view of it then, beside their decision
    assert "Clearsight thought this was probably another company than Scope Security Ltd" in decided
    assert 'id="suggests-none"' not in decided and 'id="decision">Confirmed: the same organisation by' in decided


def test_a_review_still_waiting_takes_a_later_runs_suggestion_and_a_person_on_the_old_page_chooses_again(
        anytown, tmp_path, client, sign_in):
    # Given a review of "Scope Security Ltd" made before Clearsight suggested "none of these" (as reviews
    # made before migration 0010 are), and one a person was asked about that is now a confident match
    path = tmp_path / "register.csv"
    path.write_text("OrganisationName,PostCode,CompanyNumber\n"
                    "Scope,N7 9PW,1234567\n"
                    "Hire Station Limited,M50 1AY,4043223\n")
    call_command("load_company_register", str(path), "--source", "Test register", "--register-version", "1")
    security = SupplierFactory(organisation=anytown, name="Scope Security Ltd")
    assert match_suppliers_to_register(anytown)["to_review"] == 1
    old = MatchReview.objects.get(subject_supplier=security)
    MatchReview.objects.filter(pk=old.pk).update(
        suggests_none=False, candidates=[{k: v for k, v in c.items() if k != "another"} for c in old.candidates])
    old.refresh_from_db()
    hire = SupplierFactory(organisation=anytown, name="Hire Station Ltd", postcode="M50 1AY")
    asked = MatchReview.objects.create(organisation=anytown, kind="company", source="register", subject_supplier=hire,
                                       left={"name": hire.name}, right={"name": "Hire Station Limited"}, probability=0.5,
                                       candidates=[], candidate_ref="04043223")
    # When the register is loaded again and suppliers are matched to it (or the matcher improved)
    out = io.StringIO()
    call_command("load_company_register", str(path), "--source", "Test register", "--register-version", "1", "--match",
                 stdout=out)
    # Then the waiting review takes this run's suggestion, in place, at its next version
    assert f"{anytown.name}: 0 matched, 0 to review, 1 waiting for review given newer suggestions" in out.getvalue()
    review = MatchReview.objects.get(subject_supplier=security)
    assert (review.pk, review.public_id, review.status) == (old.pk, old.public_id, "pending")
    assert review.suggests_none and review.candidates[0]["another"] and review.version == old.version + 1
    # and the review a person was asked about is neither applied nor changed
    hire.refresh_from_db()
    asked_now = MatchReview.objects.get(pk=asked.pk)
    assert hire.company_number == "" and (asked_now.status, asked_now.version) == ("pending", asked.version)
    # and a run that finds nothing new changes nothing
    assert match_suppliers_to_register(anytown)["refreshed"] == 0

    # When a person who opened the page before the refresh chooses the first candidate
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    response = client.post(reverse("matching:review", kwargs={"public_id": review.public_id}),
                           {"choice": "1", "version": old.version})
    # Then nothing is decided: they are told it changed and choose again from the list as it is now
    assert response.status_code == 409
    page = response.content.decode()
    assert "This match changed while you were looking at it" in page
    assert "<title>Error: " in page and "Error: Error:" not in page  # the page title says Error once
    assert re.search(r"<input[^>]*\bchecked", page) is None  # no candidate chosen for them
    assert "Select which organisation" not in page
    assert f'name="version" value="{review.version}"' in page
    review.refresh_from_db()
    security.refresh_from_db()
    assert review.status == "pending" and security.company_number == ""


def _review_page(client, review):
    return reverse("matching:review", kwargs={"public_id": review.public_id})


def test_a_person_who_knows_the_company_enters_its_number_and_the_register_entry_is_used(anytown, tmp_path, client,
                                                                                        sign_in):
    # Given "Seddon" waiting for review between Seddon Construction and Seddon Homes, when the person
    # knows it trades for Hire Station Limited (a trading name the register cannot link)
    _register(tmp_path)
    seddon = SupplierFactory(organisation=anytown, name="Seddon", postcode="BL4 0NN")
    match_suppliers_to_register(anytown)
    review = MatchReview.objects.get(subject_supplier=seddon)
    shown = len(review.candidates)
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    page = client.get(_review_page(client, review)).content.decode()
    assert "Another company" in page and 'name="company_number"' in page
    # When they choose "Another company" and enter its number as Companies House writes it, short
    response = client.post(_review_page(client, review), {"choice": "another", "company_number": " 4043223",
                                                           "version": review.version})
    assert response.status_code == 302
    # Then the supplier takes the register entry's number, recorded as entered by a person
    seddon.refresh_from_db()
    assert seddon.company_number == "04043223"
    source = CompanyNumberSource.objects.get(supplier=seddon)
    assert (source.method, source.entry.name, source.register_label) == ("entered", "Hire Station Limited",
                                                                         "Test register 1")
    # and the review keeps what was shown, with the entered company added and chosen
    review.refresh_from_db()
    assert review.status == "confirmed" and len(review.candidates) == shown + 1 and review.chosen == shown
    assert review.candidates[-1]["entered"] and review.right["name"] == "Hire Station Limited"
    # and the page says so, as it was decided
    decided = client.get(_review_page(client, review)).content.decode()
    assert "Seddon and 2 possible matches" in decided and "Seddon is Hire Station Limited" in decided
    assert "Entered by a person" in decided
    assert "entered its company number" in decided
    assert AuditEvent.objects.filter(record_id=str(review.public_id), action="change",
                                     description__contains="entered by its number 04043223").exists()
    # and if the number is removed again, none of the companies it was shown is proposed again
    Supplier.objects.filter(pk=seddon.pk).update(company_number="")
    assert match_suppliers_to_register(anytown)["to_review"] == 0
    assert MatchReview.objects.count() == 1


def test_a_company_number_no_register_holds_is_kept_and_the_person_told_to_check_it(anytown, tmp_path, client,
                                                                                    sign_in):
    _register(tmp_path)
    socotec = SupplierFactory(organisation=anytown, name="Socotec - Aecom")
    match_suppliers_to_register(anytown)
    review = MatchReview.objects.get()
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    response = client.post(_review_page(client, review), {"choice": "another", "company_number": "sc 12345",
                                                           "version": review.version}, follow=True)
    socotec.refresh_from_db()
    assert socotec.company_number == "SC012345"
    source = CompanyNumberSource.objects.get(supplier=socotec)
    assert (source.method, source.entry, source.register_label) == ("entered", None, "")
    assert "No loaded company register holds it, so check it" in html.unescape(response.content.decode())


def test_a_number_entered_that_a_candidate_has_chooses_that_candidate(anytown, tmp_path, client, sign_in):
    _register(tmp_path)
    seddon = SupplierFactory(organisation=anytown, name="Seddon", postcode="BL4 0NN")
    match_suppliers_to_register(anytown)
    review = MatchReview.objects.get(subject_supplier=seddon)
    homes = [c["record"]["name"] for c in review.candidates].index("Seddon Homes Limited")
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    client.post(_review_page(client, review), {"choice": "another", "company_number": "02263421",
                                               "version": review.version})
    review.refresh_from_db()
    assert (review.status, review.chosen, len(review.candidates)) == ("confirmed", homes, 2)
    assert CompanyNumberSource.objects.get(supplier=seddon).method == "confirmed"


@pytest.mark.parametrize("typed, error", [
    ("", "Enter the company number"),
    ("Hire Station", "Enter a company number in the Companies House format, like 01234567 or SC123456"),
    ("123456789", "Enter a company number in the Companies House format, like 01234567 or SC123456"),
])
def test_another_company_needs_a_company_number_and_keeps_what_was_typed(anytown, tmp_path, client, sign_in, typed,
                                                                         error):
    _register(tmp_path)
    socotec = SupplierFactory(organisation=anytown, name="Socotec - Aecom")
    match_suppliers_to_register(anytown)
    review = MatchReview.objects.get()
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    response = client.post(_review_page(client, review), {"choice": "another", "company_number": typed,
                                                           "version": review.version})
    assert response.status_code == 200
    page = response.content.decode()
    assert error in page and 'href="#id_company_number"' in page
    assert re.search(r'value="another"[^>]*checked', page)
    if typed:
        assert f'value="{typed}"' in page
    review.refresh_from_db()
    socotec.refresh_from_db()
    assert review.status == "pending" and socotec.company_number == ""
    assert not CompanyNumberSource.objects.exists()


def _not_this_company(supplier):
    return reverse("matching:not-this-company", kwargs={"public_id": supplier.public_id})


def _matched_hire(organisation, tmp_path):
    """Hire Station Ltd, matched automatically to the test register's Hire Station Limited."""
    _register(tmp_path)
    hire = SupplierFactory(organisation=organisation, name="Hire Station Ltd", postcode="M50 1AY")
    assert match_suppliers_to_register(organisation)["matched"] == 1
    hire.refresh_from_db()
    return hire


def test_a_wrong_automatic_match_is_undone_from_the_supplier_page_and_never_made_again(anytown, tmp_path, client,
                                                                                      sign_in):
    # Given a supplier matched automatically to a register company (a namesake, say)
    hire = _matched_hire(anytown, tmp_path)
    officer = make_user(anytown, Role.PROCUREMENT_OFFICER)
    sign_in(client, officer)
    # Then its page says where the number came from, with a way to say it is not this company
    page = html.unescape(client.get(reverse("supply:supplier", kwargs={"public_id": hire.public_id})).content.decode())
    assert re.search(r"Matched automatically to Hire Station Limited in Test register 1 \(\d+% likely\)", page)
    assert _not_this_company(hire) in page
    # When the officer says it is not this company
    confirm = client.get(_not_this_company(hire)).content.decode()
    assert "Remove the company number from Hire Station Ltd?" in html.unescape(confirm)
    response = client.post(_not_this_company(hire), {"version": hire.version}, follow=True)
    # Then the number is removed, they are told so, and it is audited
    assert "Clearsight will not suggest Hire Station Limited for it again" in html.unescape(response.content.decode())
    hire.refresh_from_db()
    assert hire.company_number == "" and not CompanyNumberSource.objects.filter(supplier=hire).exists()
    assert AuditEvent.objects.filter(action="change", record_id=str(hire.public_id), organisation=anytown,
                                     description__startswith="Company number removed").exists()
    rejected = MatchReview.objects.get(subject_supplier=hire)
    assert (rejected.status, rejected.decided_by, rejected.candidate_ref) == ("rejected", officer, "04043223")
    # and the next run neither applies it again nor asks about it
    assert match_suppliers_to_register(anytown) == {"matched": 0, "to_review": 0, "no_match": 1, "refreshed": 0}
    hire.refresh_from_db()
    assert hire.company_number == ""


def test_a_number_changed_since_the_page_was_shown_is_not_removed(anytown, tmp_path, client, sign_in):
    hire = _matched_hire(anytown, tmp_path)
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    shown = hire.version
    Supplier.objects.filter(pk=hire.pk).update(postcode="M50 1AZ", version=hire.version + 1)  # someone else saved it
    response = client.post(_not_this_company(hire), {"version": shown})
    assert response.status_code == 409
    assert "The supplier changed while you were looking at it" in response.content.decode()
    hire.refresh_from_db()
    assert hire.company_number == "04043223" and not MatchReview.objects.exists()


def test_a_number_a_person_typed_on_the_supplier_page_offers_no_undo(anytown, tmp_path, client, sign_in):
    # A number matching set, then changed by hand on the supplier's details, is the person's own:
    # the page shows no origin for it, and the undo page refuses.
    hire = _matched_hire(anytown, tmp_path)
    Supplier.objects.filter(pk=hire.pk).update(company_number="09999999")
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    page = client.get(reverse("supply:supplier", kwargs={"public_id": hire.public_id})).content.decode()
    assert "Matched automatically" not in page and _not_this_company(hire) not in page
    client.post(_not_this_company(hire), {"version": hire.version})
    hire.refresh_from_db()
    assert hire.company_number == "09999999" and not MatchReview.objects.exists()


def test_only_a_manager_of_the_suppliers_organisation_may_undo_a_match(anytown, bexford, tmp_path, client, sign_in):
    hire = _matched_hire(anytown, tmp_path)
    sign_in(client, make_user(bexford, Role.PROCUREMENT_OFFICER))
    assert client.post(_not_this_company(hire), {"version": hire.version}).status_code == 404
    hire.refresh_from_db()
    assert hire.company_number == "04043223"


def test_a_contract_manager_sees_where_the_number_came_from_but_cannot_undo_it(anytown, tmp_path, client, sign_in):
    hire = _matched_hire(anytown, tmp_path)
    sign_in(client, make_user(anytown, Role.CONTRACT_MANAGER))
    page = client.get(reverse("supply:supplier", kwargs={"public_id": hire.public_id})).content.decode()
    assert "Matched automatically to Hire Station Limited" in page and _not_this_company(hire) not in page
    assert client.post(_not_this_company(hire), {"version": hire.version}).status_code == 403
    hire.refresh_from_db()
    assert hire.company_number == "04043223"


def test_a_matched_number_removed_by_hand_on_the_suppliers_details_is_not_applied_again(anytown, tmp_path):
    hire = _matched_hire(anytown, tmp_path)
    Supplier.objects.filter(pk=hire.pk).update(company_number="")  # as the supplier's details form saves it
    assert match_suppliers_to_register(anytown)["matched"] == 0
    hire.refresh_from_db()
    assert hire.company_number == ""


def test_a_provisional_suppliers_register_question_ends_when_it_is_merged_into_a_numbered_supplier(
        anytown, tmp_path, client, sign_in):
    # Given a name from a spend file, waiting both to be confirmed as an existing supplier (which has
    # its company number) and to be matched to a register company
    _register(tmp_path)
    review, provisional, (seddon,) = supplier_review(anytown, "Seddon", ["Seddon Homes Ltd"])
    Supplier.objects.filter(pk=seddon.pk).update(company_number="02263421")
    provisional.postcode = "BL4 0NN"
    provisional.save()
    match_suppliers_to_register(anytown)
    assert MatchReview.objects.filter(kind="company", subject_supplier=provisional, status="pending").exists()
    # When a person confirms it is the existing supplier
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    client.post(reverse("matching:review", kwargs={"public_id": review.public_id}), {"same": "yes",
                                                                                    "version": review.version})
    # Then the register question ends with it, saying why, and the supplier keeps its number
    ended = MatchReview.objects.get(kind="company")
    assert ended.status == "withdrawn" and ended.subject_supplier == seddon
    assert ended.withdrawn_because == "“Seddon” was found to be the supplier “Seddon Homes Ltd”, which has the " \
                                      "company number 02263421."
    assert list(decided_pairs([ended])) == []  # no run learns a "no" from a question no one answered
    # and the audit log says Clearsight withdrew it, and why, without a name
    logged = AuditEvent.objects.get(record_id=str(ended.public_id), action="change")
    assert (logged.actor, logged.actor_label, logged.organisation) == (None, "Clearsight (supplier matching)", anytown)
    assert logged.description == "Withdrawn by Clearsight: its supplier was merged into one with a company number"
    seddon.refresh_from_db()
    assert seddon.company_number == "02263421"


def test_a_company_is_not_chosen_for_a_supplier_given_a_number_meanwhile_and_the_next_run_drops_the_question(
        anytown, tmp_path, client, sign_in):
    _register(tmp_path)
    seddon = SupplierFactory(organisation=anytown, name="Seddon", postcode="BL4 0NN")
    match_suppliers_to_register(anytown)
    review = MatchReview.objects.get(subject_supplier=seddon)
    Supplier.objects.filter(pk=seddon.pk).update(company_number="00172081")  # typed on its page meanwhile
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    response = client.post(reverse("matching:review", kwargs={"public_id": review.public_id}),
                           {"choice": "1", "version": review.version})
    assert "Seddon has been given the company number 00172081 since Clearsight asked about it, so this question is " \
        "no longer needed" in html.unescape(response.content.decode())
    # nor is "none of these" taken for it (its own number among the companies turned down)
    client.post(reverse("matching:review", kwargs={"public_id": review.public_id}),
                {"choice": "none", "version": review.version})
    review.refresh_from_db()
    assert review.status == "pending"
    # and the queue no longer asks it
    assert str(review.public_id) not in client.get(reverse("matching:queue")).content.decode()
    seddon.refresh_from_db()
    review.refresh_from_db()
    assert seddon.company_number == "00172081" and review.status == "pending"
    match_suppliers_to_register(anytown)
    review.refresh_from_db()
    assert review.status == "withdrawn" and "given the company number 00172081" in review.withdrawn_because
    assert AuditEvent.objects.filter(record_id=str(review.public_id), actor=None,
                                     description="Withdrawn by Clearsight: its supplier was given a company number").count() == 1
    # and a person who still has the page open is told why, not shown a missing page
    response = client.post(reverse("matching:review", kwargs={"public_id": review.public_id}),
                           {"choice": "1", "version": review.version - 1})
    assert response.status_code == 409
    assert "This question is no longer needed. The supplier was given the company number 00172081" in \
        response.content.decode()


def _two_questions(organisation, tmp_path):
    """("Seddon" from a spend file: is it the supplier Seddon Homes Ltd?, and: which register company is it?)"""
    _register(tmp_path)
    first, provisional, _ = supplier_review(organisation, "Seddon", ["Seddon Homes Ltd"])
    provisional.postcode = "BL4 0NN"
    provisional.save()
    match_suppliers_to_register(organisation)
    return first, MatchReview.objects.get(kind="company", subject_supplier=provisional)


def test_a_register_question_about_a_new_name_points_to_the_question_to_answer_first(anytown, tmp_path, client,
                                                                                      sign_in):
    first, register_question = _two_questions(anytown, tmp_path)
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    page = client.get(reverse("matching:review", kwargs={"public_id": register_question.public_id})).content.decode()
    assert "Clearsight is also asking whether Seddon is a supplier you already have" in page
    assert reverse("matching:review", kwargs={"public_id": first.public_id}) in page
    # Once that is answered (no: a new supplier), the register question stands on its own
    client.post(reverse("matching:review", kwargs={"public_id": first.public_id}), {"same": "no",
                                                                                   "version": first.version})
    page = client.get(reverse("matching:review", kwargs={"public_id": register_question.public_id})).content.decode()
    assert 'id="first-question"' not in page


def test_the_queue_asks_which_company_a_new_name_is_after_whether_it_is_a_supplier_already(anytown, tmp_path, client,
                                                                                           sign_in):
    first, register_question = _two_questions(anytown, tmp_path)
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    queue = client.get(reverse("matching:queue")).content.decode()
    assert "Supplier matches to review (1)" in queue
    assert str(first.public_id) in queue and str(register_question.public_id) not in queue
    assert "One more question, which company in the register a name new in an import is, comes after" in queue
    home = client.get(reverse("core:home")).content.decode()
    assert re.search(r'app-card__count">1</span> supplier match to review', home)
    # When the person says the name is a new supplier, the register question is asked
    client.post(reverse("matching:review", kwargs={"public_id": first.public_id}), {"same": "no",
                                                                                   "version": first.version})
    queue = client.get(reverse("matching:queue")).content.decode()
    assert str(register_question.public_id) in queue and 'id="asked-later"' not in queue



def _edit(client, supplier, **fields):
    supplier.refresh_from_db()
    data = {"name": supplier.name, "postcode": supplier.postcode, "company_number": supplier.company_number,
            "version": supplier.version, **fields}
    response = client.post(reverse("supply:supplier-edit", kwargs={"public_id": supplier.public_id}), data)
    assert response.status_code == 302, response.content.decode()
    supplier.refresh_from_db()


def test_a_number_typed_on_the_suppliers_page_ends_its_register_question_at_once(anytown, tmp_path, client, sign_in):
    _register(tmp_path)
    seddon = SupplierFactory(organisation=anytown, name="Seddon", postcode="BL4 0NN")
    match_suppliers_to_register(anytown)
    assert MatchReview.objects.filter(subject_supplier=seddon, status="pending").exists()
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    _edit(client, seddon, company_number="00172081")
    assert MatchReview.objects.get(subject_supplier=seddon).status == "withdrawn"
    assert "Supplier matches to review (0)" in client.get(reverse("matching:queue")).content.decode()


def test_a_matched_number_removed_on_the_suppliers_page_is_rejected_and_typed_back_is_the_persons_own(
        anytown, tmp_path, client, sign_in):
    hire = _matched_hire(anytown, tmp_path)
    officer = make_user(anytown, Role.PROCUREMENT_OFFICER)
    sign_in(client, officer)
    # When the officer removes the matched number on the supplier's details
    _edit(client, hire, company_number="")
    # Then it is kept as their word that it is not this company, and its origin is gone
    rejected = MatchReview.objects.get(subject_supplier=hire)
    assert (rejected.status, rejected.candidate_ref, rejected.decided_by) == ("rejected", "04043223", officer)
    assert "removed it on the supplier's page" in rejected.reasons[0]
    assert not CompanyNumberSource.objects.filter(supplier=hire).exists()
    assert match_suppliers_to_register(anytown)["matched"] == 0
    # When they type the same number back, it is theirs: no origin, no undo
    _edit(client, hire, company_number="04043223")
    page = client.get(reverse("supply:supplier", kwargs={"public_id": hire.public_id})).content.decode()
    assert "04043223" in page and 'id="company-number-origin"' not in page


def test_a_number_typed_with_another_answer_chosen_is_not_dropped(anytown, tmp_path, client, sign_in):
    _register(tmp_path)
    socotec = SupplierFactory(organisation=anytown, name="Socotec - Aecom")
    match_suppliers_to_register(anytown)
    review = MatchReview.objects.get()
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    response = client.post(_review_page(client, review), {"choice": "none", "company_number": "04043223",
                                                           "version": review.version})
    page = html.unescape(response.content.decode())
    assert "Choose “Another company” to use the company number you entered, or delete the number" in page
    assert 'value="04043223"' in page
    review.refresh_from_db()
    socotec.refresh_from_db()
    assert review.status == "pending" and socotec.company_number == ""


def test_merging_a_new_name_into_a_supplier_with_no_number_keeps_one_register_question(anytown, tmp_path, client,
                                                                                       sign_in):
    _register(tmp_path)
    first, provisional, (existing,) = supplier_review(anytown, "Seddon", ["Seddon Ltd"])
    Supplier.objects.filter(pk__in=[provisional.pk, existing.pk]).update(postcode="BL4 0NN")
    match_suppliers_to_register(anytown)
    assert MatchReview.objects.filter(kind="company", status="pending").count() == 2
    own = MatchReview.objects.get(kind="company", subject_supplier=existing)
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    client.post(reverse("matching:review", kwargs={"public_id": first.public_id}), {"same": "yes",
                                                                                   "version": first.version})
    assert list(MatchReview.objects.filter(kind="company", status="pending")) == [own]


def test_the_number_of_a_shown_company_no_longer_loaded_can_still_be_entered(anytown, tmp_path, client, sign_in):
    _register(tmp_path)
    seddon = SupplierFactory(organisation=anytown, name="Seddon", postcode="BL4 0NN")
    match_suppliers_to_register(anytown)
    review = MatchReview.objects.get(subject_supplier=seddon)
    CompanyRegisterEntry.objects.filter(company_number="02263421").delete()
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    client.post(_review_page(client, review), {"choice": "another", "company_number": "2263421",
                                               "version": review.version})
    seddon.refresh_from_db()
    review.refresh_from_db()
    assert seddon.company_number == "02263421" and review.candidates[review.chosen]["entered"]


def test_a_number_saved_between_the_check_and_the_decision_is_never_overwritten(anytown, tmp_path, monkeypatch):
    # As on PostgreSQL, where another request may save the supplier after the check: the decision is
    # undone rather than the number replaced.
    from clearsight.matching import reviews

    _register(tmp_path)
    seddon = SupplierFactory(organisation=anytown, name="Seddon", postcode="BL4 0NN")
    match_suppliers_to_register(anytown)
    review = MatchReview.objects.get(subject_supplier=seddon)
    Supplier.objects.filter(pk=seddon.pk).update(company_number="00172081")
    checked = []
    monkeypatch.setattr(reviews, "number_set_meanwhile", lambda r, lock=True: checked.append(lock) or ("" if lock else
                                                                                                      "00172081"))
    with pytest.raises(reviews.NumberSetMeanwhile):
        reviews.decide(review, choice=0, user=make_user(anytown, Role.PROCUREMENT_OFFICER), version=review.version)
    seddon.refresh_from_db()
    review.refresh_from_db()
    assert checked and seddon.company_number == "00172081" and review.status == "pending"
    assert not CompanyNumberSource.objects.filter(supplier=seddon).exists()


def test_a_pair_chosen_then_turned_down_teaches_only_the_later_word_and_a_bare_number_teaches_nothing(
        anytown, tmp_path, client, sign_in):
    from clearsight.matching.company import _decisions

    _register(tmp_path)
    seddon = SupplierFactory(organisation=anytown, name="Seddon", postcode="BL4 0NN")
    socotec = SupplierFactory(organisation=anytown, name="Socotec - Aecom")
    match_suppliers_to_register(anytown)
    seddon_review = MatchReview.objects.get(subject_supplier=seddon)
    socotec_review = MatchReview.objects.get(subject_supplier=socotec)
    officer = make_user(anytown, Role.PROCUREMENT_OFFICER)
    sign_in(client, officer)
    homes = [c["record"]["name"] for c in seddon_review.candidates].index("Seddon Homes Limited")
    client.post(_review_page(client, seddon_review), {"choice": str(homes + 1), "version": seddon_review.version})
    seddon.refresh_from_db()
    client.post(_not_this_company(seddon), {"version": seddon.version})
    client.post(_review_page(client, socotec_review), {"choice": "another", "company_number": "SC012345",
                                                       "version": socotec_review.version})
    # A register loaded later that holds the bare number
    path = tmp_path / "more.csv"
    path.write_text("OrganisationName,PostCode,CompanyNumber\nSocotec Scotland Limited,,SC012345\n")
    call_command("load_company_register", str(path), "--source", "Another register")
    by_number = {}
    for entry in CompanyRegisterEntry.objects.all():
        by_number.setdefault(entry.company_number, set()).add(entry.pk)
    labels, rejected = _decisions(anytown, by_number)
    homes_entry = CompanyRegisterEntry.objects.get(company_number="02263421").pk
    about_homes = [label.is_match for label in labels if label.left.key == seddon.pk and label.right.key == homes_entry]
    assert about_homes == [False] and homes_entry in rejected[seddon.pk]
    assert not [label for label in labels if label.right.name.startswith("Company number")]


def test_a_matched_number_replaced_by_hand_is_not_applied_again_when_the_new_one_is_cleared(anytown, tmp_path, client,
                                                                                            sign_in):
    hire = _matched_hire(anytown, tmp_path)
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    _edit(client, hire, company_number="09999999")
    _edit(client, hire, company_number="")
    assert match_suppliers_to_register(anytown)["matched"] == 0
    hire.refresh_from_db()
    assert hire.company_number == ""


def test_a_change_no_person_made_does_not_drop_the_evidence_of_a_removed_number(anytown, tmp_path):
    from clearsight.supply.api import suppliers_changed

    hire = _matched_hire(anytown, tmp_path)
    Supplier.objects.filter(pk=hire.pk).update(company_number="")  # removed, as before this was listened for
    suppliers_changed.send(anytown, [hire.pk], expense_categories={})  # then a spend import touches it
    assert match_suppliers_to_register(anytown)["matched"] == 0
    hire.refresh_from_db()
    assert hire.company_number == ""


def test_a_bare_number_entered_then_removed_teaches_nothing_and_its_origin_names_the_register_later(
        anytown, tmp_path, client, sign_in):
    from clearsight.matching.company import _decisions, number_source, origin_text

    _register(tmp_path)
    socotec = SupplierFactory(organisation=anytown, name="Socotec - Aecom")
    match_suppliers_to_register(anytown)
    review = MatchReview.objects.get()
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    client.post(_review_page(client, review), {"choice": "another", "company_number": "SC012345",
                                               "version": review.version})
    path = tmp_path / "more.csv"
    path.write_text("OrganisationName,PostCode,CompanyNumber\nSocotec Scotland Limited,,SC012345\n")
    call_command("load_company_register", str(path), "--source", "Another register")
    socotec.refresh_from_db()
    assert origin_text(number_source(socotec)).endswith(
        "entered it, for Socotec Scotland Limited in Another register, when Clearsight could not find the company.")
    _edit(client, socotec, company_number="")
    by_number = {}
    for entry in CompanyRegisterEntry.objects.all():
        by_number.setdefault(entry.company_number, set()).add(entry.pk)
    labels, _ = _decisions(anytown, by_number)
    assert not [label for label in labels if label.right.name.startswith("Company number")]


def test_a_register_question_says_what_choosing_a_company_does(anytown, tmp_path, client, sign_in):
    _register(tmp_path)
    seddon = SupplierFactory(organisation=anytown, name="Seddon", postcode="BL4 0NN")
    match_suppliers_to_register(anytown)
    review = MatchReview.objects.get(subject_supplier=seddon)
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    page = html.unescape(client.get(reverse("matching:review", kwargs={"public_id": review.public_id})).content.decode())
    assert "If you choose one of these organisations, “Seddon” is given its company number, which is used to check " \
           "its modern slavery statement and its risks. Nothing else about the supplier changes." in page
    assert "moves to" not in page


def test_a_company_number_two_suppliers_share_is_pointed_out_on_each_suppliers_page(anytown, client, sign_in):
    first = SupplierFactory(organisation=anytown, name="Helping Hands Care", company_number="99100011")
    second = SupplierFactory(organisation=anytown, name="Helping Hands Home Care Limited", company_number="99100011")
    SupplierFactory(organisation=anytown, name="Unrelated Ltd", company_number="99100012")
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    page = html.unescape(client.get(reverse("supply:supplier", kwargs={"public_id": first.public_id})).content.decode())
    same = page[page.index('id="same-number"'):]
    same = same[:same.index("</p>")]
    assert "Another supplier has this company number:" in same and "Helping Hands Home Care Limited" in same
    assert str(second.public_id) in same and "Unrelated" not in same
    alone = SupplierFactory(organisation=anytown, name="Alone Ltd", company_number="99100013")
    assert 'id="same-number"' not in client.get(reverse("supply:supplier", kwargs={"public_id": alone.public_id})) \
        .content.decode()


def test_undoing_a_number_someone_removed_meanwhile_says_who_removed_it(anytown, tmp_path, client, sign_in):
    hire = _matched_hire(anytown, tmp_path)
    first, second = make_user(anytown, Role.PROCUREMENT_OFFICER), make_user(anytown, Role.PROCUREMENT_OFFICER)
    sign_in(client, first)
    client.post(_not_this_company(hire), {"version": hire.version})
    sign_in(client, second)
    page = html.unescape(client.post(_not_this_company(hire), {"version": hire.version}, follow=True).content.decode())
    assert f"Hire Station Ltd has no company number now: {first} removed 04043223 on " in page
    assert "was not found by matching" not in page


def test_choosing_a_company_another_supplier_has_says_so(anytown, tmp_path, client, sign_in):
    _register(tmp_path)
    SupplierFactory(organisation=anytown, name="Seddon Construction Ltd", company_number="00172081")
    seddon = SupplierFactory(organisation=anytown, name="Seddon", postcode="BL4 0NN")
    match_suppliers_to_register(anytown)
    review = MatchReview.objects.get(subject_supplier=seddon)
    position = 1 + next(i for i, c in enumerate(review.candidates) if c["ref"] == "00172081")
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    page = html.unescape(client.post(reverse("matching:review", kwargs={"public_id": review.public_id}),
                                     {"choice": str(position), "version": review.version}, follow=True).content.decode())
    assert "Seddon was matched to Seddon Construction Limited. “Seddon Construction Ltd” has this company number too: " \
           "if they are one organisation, say so on Seddon's page." in page
