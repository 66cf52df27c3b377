"""Matching parameters are estimated once per organisation and purpose and reused by the next runs
(ADR 0032): a spend import against a council's thousands of suppliers does not sample u again each
time. Estimated again when the suppliers grow by more than a quarter or people decide pairs; on
demand with manage.py train_matching. The estimation thresholds are lowered here so that a few
hundred records (quick to estimate on) count as enough."""

import random
from io import StringIO

import pytest
from django.core.management import call_command

from clearsight.matching import linker, splink_training
from clearsight.matching.engine import Record
from clearsight.matching.models import MatchingParameters
from clearsight.supply.models import Supplier, SupplierAlias

from ..factories import CompanyRegisterEntryFactory, CompanyRegisterFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

WORDS = ["Acorn", "Birch", "Cedar", "Delta", "Ember", "Falcon", "Granite", "Harbour", "Iris", "Juniper", "Kestrel",
         "Lantern", "Meadow", "Nimbus", "Orchard", "Pioneer", "Quarry", "Raven", "Summit", "Thistle", "Upland",
         "Valley", "Willow", "Yarrow"]
KINDS = ["Care", "Plant Hire", "Cleaning", "Builders", "Consulting", "Catering", "Transport", "Roofing", "Print"]


def _names(count, seed):
    rng = random.Random(seed)
    names = set()
    while len(names) < count:
        names.add(f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(KINDS)} {rng.choice(['Ltd', 'Limited', 'LLP', ''])}".strip())
    return sorted(names)


@pytest.fixture
def small_enough_to_estimate(monkeypatch):
    monkeypatch.setattr(splink_training, "MIN_RIGHT_FOR_ESTIMATES", 200)
    monkeypatch.setattr(splink_training, "MIN_LEFT_FOR_ESTIMATES", 20)
    monkeypatch.setattr(linker, "MIN_RIGHT_FOR_TERM_FREQUENCIES", 200)


def test_parameters_are_estimated_once_and_reused(small_enough_to_estimate):
    organisation = OrganisationFactory()
    names = _names(330, seed=1)
    right = [Record(i, name) for i, name in enumerate(names[:300])]
    left = [Record(f"n{i}", name.upper()) for i, name in enumerate(names[:30])]

    first = linker.rank(left, right, organisation=organisation, purpose=linker.SUPPLIER_NAMES)
    assert linker.last_run.source == "estimated"
    stored = MatchingParameters.objects.get(organisation=organisation, purpose="supplier names")
    assert (stored.left_count, stored.right_count, stored.label_count) == (30, 300, 0)
    assert stored.method.startswith("u estimated by random sampling")
    assert {(p["comparison"], p["level"]) for p in stored.parameters} == set(splink_training.starting_parameters())
    assert stored.settings["comparisons"][0]["output_column_name"] == "name"

    second = linker.rank(left, right, organisation=organisation, purpose=linker.SUPPLIER_NAMES)
    assert linker.last_run.source == "stored"
    assert linker.last_run.method.startswith("stored: u estimated by random sampling")
    assert {k: r.best.key for k, r in second.items()} == {k: r.best.key for k, r in first.items()}
    assert MatchingParameters.objects.count() == 1

    # another purpose and another organisation have parameters of their own
    linker.rank(left, right, organisation=organisation, purpose=linker.COMPANY_REGISTER)
    assert linker.last_run.source == "estimated"
    linker.rank(left, right, organisation=OrganisationFactory(), purpose=linker.SUPPLIER_NAMES)
    assert linker.last_run.source == "estimated"
    assert MatchingParameters.objects.count() == 3


def test_parameters_are_estimated_again_when_the_suppliers_grow_by_a_quarter(small_enough_to_estimate):
    organisation = OrganisationFactory()
    names = _names(420, seed=2)
    left = [Record(f"n{i}", name.upper()) for i, name in enumerate(names[:30])]
    linker.rank(left, [Record(i, n) for i, n in enumerate(names[:300])], organisation=organisation)
    linker.rank(left, [Record(i, n) for i, n in enumerate(names[:370])], organisation=organisation)
    assert linker.last_run.source == "stored"
    linker.rank(left, [Record(i, n) for i, n in enumerate(names[:380])], organisation=organisation)
    assert linker.last_run.source == "estimated"
    assert "stored (the records matched against went from 300 to 380)" in linker.last_run.method
    assert MatchingParameters.objects.get(organisation=organisation).right_count == 380


def test_parameters_are_estimated_again_after_people_decide_a_pair(small_enough_to_estimate):
    organisation = OrganisationFactory()
    names = _names(300, seed=3)
    right = [Record(i, n) for i, n in enumerate(names)]
    left = [Record(f"n{i}", name.upper()) for i, name in enumerate(names[:30])]
    linker.rank(left, right, organisation=organisation)
    decided = [linker.Label(Record("x", "Acorn Care"), right[0], False)]
    linker.rank(left, right, organisation=organisation, labels=decided)
    assert linker.last_run.source == "estimated"
    assert "people decided 1 more pair since" in linker.last_run.method
    linker.rank(left, right, organisation=organisation, labels=decided)
    assert linker.last_run.source == "stored"
    assert linker.last_run.method.endswith("adjusted by people's decisions")


def test_a_run_too_small_to_estimate_keeps_the_stored_parameters(small_enough_to_estimate):
    organisation = OrganisationFactory()
    names = _names(420, seed=4)
    linker.rank([Record(f"n{i}", n.upper()) for i, n in enumerate(names[:30])], [Record(i, n) for i, n in enumerate(names[:300])],
                organisation=organisation)
    linker.rank([Record("a", names[0].upper())], [Record(i, n) for i, n in enumerate(names[:400])], organisation=organisation)
    assert linker.last_run.source == "stored"
    assert "due again: the records matched against went from 300 to 400; this run is too small" in linker.last_run.method


def test_without_an_organisation_nothing_is_stored(small_enough_to_estimate):
    names = _names(300, seed=5)
    linker.rank([Record(f"n{i}", n.upper()) for i, n in enumerate(names[:30])], [Record(i, n) for i, n in enumerate(names)])
    assert linker.last_run.source == "estimated"
    assert not MatchingParameters.objects.exists()


def test_train_matching_estimates_an_organisations_supplier_parameters(small_enough_to_estimate):
    organisation = OrganisationFactory(name="Anyshire Council")
    names = _names(320, seed=6)
    suppliers = Supplier.objects.bulk_create([Supplier(organisation=organisation, name=n) for n in names])
    SupplierAlias.objects.bulk_create([SupplierAlias(organisation=organisation, supplier=s, name=s.name.upper() + " UK",
                                                     normalised=s.name.lower() + " uk") for s in suppliers[:40]])
    out = StringIO()
    call_command("train_matching", organisation=organisation.pk, purpose="supplier names", stdout=out)
    stored = MatchingParameters.objects.get(organisation=organisation, purpose="supplier names")
    assert stored.right_count == 360  # every known name: runs are compared with all of them
    assert 0 < stored.left_count < 180  # a third of the suppliers, with their other names
    assert out.getvalue().startswith("Anyshire Council, supplier names: estimated in ")

    out = StringIO()
    call_command("train_matching", organisation=organisation.pk, purpose="company register", stdout=out)
    assert out.getvalue().strip() == "Anyshire Council, company register: no company register is loaded"


def test_train_matching_says_when_there_are_too_few_suppliers(small_enough_to_estimate):
    organisation = OrganisationFactory(name="Tinyton Council")
    Supplier.objects.bulk_create([Supplier(organisation=organisation, name=n) for n in _names(12, seed=7)])
    out = StringIO()
    call_command("train_matching", organisation=organisation.pk, purpose="supplier names", stdout=out)
    assert "not estimated (4 against 8 records): starting values (too few records to estimate)" in out.getvalue()
    assert not MatchingParameters.objects.exists()


def test_train_matching_estimates_the_register_parameters_and_the_next_check_reuses_them(small_enough_to_estimate):
    organisation = OrganisationFactory(name="Anyshire Council")
    names = _names(330, seed=8)
    register = CompanyRegisterFactory()
    for i, name in enumerate(names[:300]):
        CompanyRegisterEntryFactory(register=register, name=name, company_number=f"{10000000 + i}", postcode="")
    Supplier.objects.bulk_create([Supplier(organisation=organisation, name=n.upper()) for n in names[270:330]])
    out = StringIO()
    call_command("train_matching", organisation=organisation.pk, purpose="company register", stdout=out)
    assert out.getvalue().startswith("Anyshire Council, company register: estimated in ")
    stored = MatchingParameters.objects.get(organisation=organisation, purpose="company register")
    assert (stored.left_count, stored.right_count) == (60, 300)

    from clearsight.matching.company import register_index

    suppliers = [Record(s.pk, s.name) for s in Supplier.objects.filter(organisation=organisation)]
    linker.rank(suppliers, register_index(), organisation=organisation, purpose=linker.COMPANY_REGISTER)
    assert linker.last_run.source == "stored"
