"""The migrations that make stored name keys again after transliteration came in (ADR 0028): aliases,
contracts' import keys and match reviews, called on a few rows keyed the old way."""

import importlib
from datetime import date

import pytest
from django.apps import apps

from clearsight.matching.models import MatchReview
from clearsight.supply import imports
from clearsight.supply.models import Contract, Supplier, SupplierAlias

supply_migration = importlib.import_module("clearsight.supply.migrations.0004_rekey_supplier_names")
matching_migration = importlib.import_module("clearsight.matching.migrations.0002_rekey_review_names")

pytestmark = pytest.mark.django_db


def old_contract(organisation, supplier, old_key, *, reference="C-1", title="Steel frame", starts_on=date(2025, 4, 1),
                 occurrence=1):
    """A contract as an import before transliteration left it: its hash made from the old key."""
    return Contract.objects.create(organisation=organisation, supplier=supplier, reference=reference, title=title,
                                   starts_on=starts_on, import_key=supply_migration._hash(reference, old_key, title,
                                                                                         starts_on, occurrence))


def test_aliases_are_keyed_again_and_one_of_two_that_now_agree_is_kept(anytown, bexford):
    strasse = Supplier.objects.create(organisation=anytown, name="Straße Bau GmbH")
    kept = strasse.aliases.create(organisation=anytown, name="Straße Bau GmbH", normalised="strae bau", source="name")
    oresund = strasse.aliases.create(organisation=anytown, name="Øresund A/S", normalised="resund", source="spend")
    acme = strasse.aliases.create(organisation=anytown, name="Acme Ltd", normalised="acme", source="spend")
    other = Supplier.objects.create(organisation=anytown, name="Strasse Bau")
    dropped = other.aliases.create(organisation=anytown, name="Strasse Bau", normalised="strasse bau", source="spend")
    elsewhere = Supplier.objects.create(organisation=bexford, name="Straße Bau GmbH")
    theirs = elsewhere.aliases.create(organisation=bexford, name="Straße Bau GmbH", normalised="strae bau")

    assert supply_migration.rekey_aliases(SupplierAlias, anytown.pk) == (2, 1)
    assert supply_migration.rekey_aliases(SupplierAlias, bexford.pk) == (1, 0)

    keys = dict(SupplierAlias.objects.filter(organisation=anytown).values_list("pk", "normalised"))
    assert keys == {kept.pk: "strasse bau", oresund.pk: "oresund", acme.pk: "acme"}
    assert not SupplierAlias.objects.filter(pk=dropped.pk).exists()  # the supplier's own name was kept over it
    assert SupplierAlias.objects.get(pk=theirs.pk).normalised == "strasse bau"  # another organisation's own
    assert supply_migration.rekey_aliases(SupplierAlias, anytown.pk) == (0, 0)  # once is enough


def test_a_name_a_person_confirmed_is_kept_over_one_found_in_a_file(anytown):
    found = Supplier.objects.create(organisation=anytown, name="Strae Bau")
    found.aliases.create(organisation=anytown, name="Strasse Bau", normalised="strasse bau", source="spend")
    confirmed = Supplier.objects.create(organisation=anytown, name="Straße Bau")
    alias = confirmed.aliases.create(organisation=anytown, name="Straße Bau", normalised="strae bau", source="confirmed")
    supply_migration.rekey_aliases(SupplierAlias, anytown.pk)
    assert list(SupplierAlias.objects.values_list("pk", "normalised")) == [(alias.pk, "strasse bau")]


def test_contracts_keyed_from_an_old_key_are_known_again_when_the_register_is_imported_again(anytown):
    supplier = Supplier.objects.create(organisation=anytown, name="Straße Bau GmbH")
    supplier.aliases.create(organisation=anytown, name="Straße Bau GmbH", normalised="strae bau", source="contracts")
    contract = old_contract(anytown, supplier, "strae bau")
    untouched = old_contract(anytown, supplier, "someone else", reference="C-2")

    supply_migration.rekey(apps, None)  # as the migration calls it: contracts first, from the old keys

    contract.refresh_from_db()
    assert contract.import_key == supply_migration._hash("C-1", "strasse bau", "Steel frame", date(2025, 4, 1), 1)
    assert Contract.objects.get(pk=untouched.pk).import_key == untouched.import_key
    register = "Reference,Title,Supplier Company Name,Start Date\nC-1,Steel frame,Straße Bau GmbH,01/04/2025\n"
    result = imports.import_contracts(anytown, register.encode())
    assert (result.created, result.unchanged) == (0, 1)
    assert Contract.objects.count() == 2


def test_a_contract_whose_new_key_is_taken_takes_the_next_occurrence(anytown):
    strasse = Supplier.objects.create(organisation=anytown, name="Straße Bau")
    strasse.aliases.create(organisation=anytown, name="Straße Bau", normalised="strae bau")
    ascii_spelling = Supplier.objects.create(organisation=anytown, name="Strasse Bau")
    ascii_spelling.aliases.create(organisation=anytown, name="Strasse Bau", normalised="strasse bau")
    holder = old_contract(anytown, ascii_spelling, "strasse bau")
    contract = old_contract(anytown, strasse, "strae bau")

    supply_migration.rekey_contracts(Contract, SupplierAlias, anytown.pk)

    contract.refresh_from_db()
    assert contract.import_key == supply_migration._hash("C-1", "strasse bau", "Steel frame", date(2025, 4, 1), 2)
    assert Contract.objects.get(pk=holder.pk).import_key == holder.import_key


def test_match_reviews_remember_the_new_key_of_the_name_they_were_about(anytown):
    def review(name, normalised, kind="supplier"):
        return MatchReview.objects.create(organisation=anytown, kind=kind, normalised=normalised, probability=0.5,
                                          left={"name": name, "rows": [["Name", name]]})

    oresund = review("Øresund A/S", "resund")
    russian = review("ООО Ромашка", "")  # nothing was remembered: nothing is made up
    company = review("Acme Ltd", "", kind="company")
    acme = review("Acme Ltd", "acme")

    assert matching_migration.rekey_reviews(MatchReview) == 1
    keys = dict(MatchReview.objects.values_list("pk", "normalised"))
    assert keys == {oresund.pk: "oresund", russian.pk: "", company.pk: "", acme.pk: "acme"}


group_words_migration = importlib.import_module("clearsight.supply.migrations.0005_rekey_keeping_group_words")


def test_keys_made_again_keep_holdings_and_group_so_a_group_company_is_no_longer_the_same_key(anytown):
    kiely = Supplier.objects.create(organisation=anytown, name="Kiely Bros Ltd")
    own = kiely.aliases.create(organisation=anytown, name="Kiely Bros Ltd", normalised="kiely brothers", source="name")
    mott = Supplier.objects.create(organisation=anytown, name="Mott Macdonald Group Limited")
    group = mott.aliases.create(organisation=anytown, name="Mott Macdonald Group Limited", normalised="mott macdonald",
                                source="name")
    group_words_migration._EARLIER.rekey(apps, None)
    keys = dict(SupplierAlias.objects.values_list("pk", "normalised"))
    assert keys == {own.pk: "kiely brothers", group.pk: "mott macdonald group"}


def test_keys_that_lost_a_first_word_or_kept_a_dotted_legal_form_are_made_again(anytown):
    # supply 0006: "AB Inbev UK Limited" was keyed "inbev" (AB taken for a Swedish legal form), and
    # "Barr p.l.c." "barr p l c". Now "ab inbev" and "barr": "Barr PLC" and "Barr p.l.c.", one company,
    # share a key, and the supplier's own name is kept. Dotted initials stay apart ("W.T. Parker").
    importlib.import_module("clearsight.supply.migrations.0006_rekey_leading_and_dotted_words")
    inbev = Supplier.objects.create(organisation=anytown, name="AB Inbev UK Limited")
    inbev_alias = inbev.aliases.create(organisation=anytown, name="AB Inbev UK Limited", normalised="inbev", source="name")
    barr = Supplier.objects.create(organisation=anytown, name="Barr PLC")
    own = barr.aliases.create(organisation=anytown, name="Barr PLC", normalised="barr", source="name")
    barr.aliases.create(organisation=anytown, name="Barr p.l.c.", normalised="barr p l c", source="spend")
    initials = barr.aliases.create(organisation=anytown, name="W.T. Barr p.l.c.", normalised="w t barr p l c", source="spend")
    supply_migration.rekey_aliases(SupplierAlias, anytown.pk)
    assert dict(SupplierAlias.objects.values_list("pk", "normalised")) == {
        inbev_alias.pk: "ab inbev", own.pk: "barr", initials.pk: "w t barr"}
