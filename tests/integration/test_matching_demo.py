"""The demo's company register: what a council sees once it loads one and matches its suppliers."""

import pytest
from django.core.management import call_command

from clearsight.matching import demo
from clearsight.matching.company import number_source, origin_text
from clearsight.matching.models import CompanyNumberSource, CompanyRegister, MatchReview
from clearsight.supply.models import Supplier

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("demo_mode")
def test_the_demo_matches_suppliers_to_its_register_once_and_leaves_some_for_a_person():
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    register = CompanyRegister.objects.get(source=demo.SOURCE)
    # Every demo supplier with a company number is in it, as a register writes the name
    numbered = Supplier.objects.exclude(company_number="").filter(source="demo")
    assert set(register.entries.values_list("company_number", flat=True)) >= set(
        numbered.values_list("company_number", flat=True))
    assert register.entries.get(company_number="99100001").name == "Castlegate Construction Limited"
    # Suppliers without a number are matched to it: some automatically, with where the number came from
    found = {s.supplier.name: s for s in CompanyNumberSource.objects.select_related("supplier", "entry")}
    assert found["Greenleaf Grounds Maintenance Ltd"].entry.name == "Greenleaf Grounds Maintenance Limited"
    assert all(s.method == "matched" and s.supplier.company_number == s.company_number for s in found.values())
    # and some are asked about, among them a name more likely another company than the one found
    asked = MatchReview.objects.filter(kind="company", status="pending")
    castle = asked.get(subject_supplier__name="Castle Home Care Ltd")
    # the company holding its whole name suggested first, not "none of these" beside a "very likely" one
    assert castle.right["name"] == "Castle Home Care Services Limited" and not castle.suggests_none
    assert castle.candidates[1]["record"]["name"] == "Castle Homes (Anytown) Limited"
    assert castle.candidates[1]["another"]
    assert asked.filter(suggests_none=True).exists() and asked.filter(suggests_none=False).exists()
    # A sole trader the register does not list is left alone
    assert not Supplier.objects.get(name="Sparkle Window Cleaning").company_number
    # Loading the demo again keeps one register and asks nothing twice
    before = (asked.count(), CompanyNumberSource.objects.count())
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    assert CompanyRegister.objects.filter(source=demo.SOURCE).count() == 1
    assert (MatchReview.objects.filter(kind="company", status="pending").count(),
            CompanyNumberSource.objects.count()) == before
    # and a supplier's page still names the company its number was matched to, in the register as reloaded
    greenleaf = Supplier.objects.get(name="Greenleaf Grounds Maintenance Ltd")
    assert number_source(greenleaf).entry.register == CompanyRegister.objects.get(source=demo.SOURCE)
    assert origin_text(number_source(greenleaf)).startswith(
        "Matched automatically to Greenleaf Grounds Maintenance Limited in Anytown demo company register")
