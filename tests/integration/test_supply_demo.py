"""The demo supplier and contract registers: realistic, across the thresholds, loadable twice."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from clearsight.core.models import Organisation
from clearsight.supply import rules, services
from clearsight.supply.demo import SUPPLIERS, load
from clearsight.supply.models import ConcernSupplierLink, Contract, Supplier


@pytest.mark.usefixtures("demo_mode")
@pytest.mark.django_db
def test_demo_registers():
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    anytown = Organisation.objects.get(name="Anytown Council")
    # Other contexts' demo data add suppliers of their own; these are the register's.
    suppliers = Supplier.objects.filter(organisation=anytown, name__in=[spec["name"] for spec in SUPPLIERS])
    assert 38 <= suppliers.count() <= 45
    # Exactly one large supplier is flagged, with its reason in words.
    flagged = list(services.flagged(suppliers))
    assert [s.name for s in flagged] == ["Sentinel Security Group plc"]
    assert "no statement for" in services.flag_reason(flagged[0])
    # A construction firm sourcing from a Tier 3 country, and a local stationery shop.
    redbrook = suppliers.get(name="Redbrook Building Contractors Ltd")
    assert "construction" in redbrook.sectors and "CN" in redbrook.sourcing_countries
    assert suppliers.get(name="Pen & Paper (Anytown) Ltd").sourcing_countries == ["GB"]
    assert suppliers.filter(licences__kind="glaa").exists() and suppliers.filter(licences__kind="cqc").count() >= 3
    # Contracts on both sides of each threshold, some with a contract manager.
    contracts = Contract.objects.filter(organisation=anytown, supplier__in=suppliers)
    bands = {rules.value_band(rules.contract_value(c.annual_value, c.total_value)) for c in contracts}
    assert {"under-25k", "25k-1m", "over-1m"} <= bands
    assert 28 <= contracts.count() <= 40 and contracts.filter(contract_manager__isnull=False).count() >= 10
    # The Duty to Notify demo concern is linked to the cleaning contractor.
    assert ConcernSupplierLink.objects.filter(supplier__name="BrightClean Services Ltd").exists()
    # Loading again changes nothing.
    counts = (Supplier.objects.count(), Contract.objects.count(), ConcernSupplierLink.objects.count())
    started = timezone.now()
    load()
    print(f"supply demo reload: {(timezone.now() - started).total_seconds():.2f} s")
    assert (Supplier.objects.count(), Contract.objects.count(), ConcernSupplierLink.objects.count()) == counts
