"""Premises types are reference data with a source and a version; factory and warehouse are two types,
and premises recorded as the old combined type are split by what their address says."""

from clearsight.intelligence import premises_types as pt


def test_reference_data_says_where_it_comes_from_and_which_version():
    data = pt.reference()
    assert data["source"] and data["version"] == "2026-12"


def test_factory_and_warehouse_are_offered_separately_and_the_legacy_type_is_not():
    offered = dict(pt.offered_types())
    assert offered["factory"] == "Factory or food processing plant"
    assert offered["warehouse"] == "Warehouse or distribution centre"
    assert pt.LEGACY_FACTORY_OR_WAREHOUSE not in offered
    assert pt.LEGACY_FACTORY_OR_WAREHOUSE in dict(pt.all_types())  # old records still have a label


def test_old_combined_records_are_split_only_when_the_address_says_which():
    assert pt.split_factory_or_warehouse("Unit 4, Northgate Distribution Park") == "warehouse"
    assert pt.split_factory_or_warehouse("Bay 2, Riverside Warehouse") == "warehouse"
    assert pt.split_factory_or_warehouse("Acme Bakery Works, Mill Road") == "factory"
    assert pt.split_factory_or_warehouse("Unit 7, Station Yard") == pt.LEGACY_FACTORY_OR_WAREHOUSE
    assert pt.split_factory_or_warehouse("Factory warehouse, Dock Lane") == pt.LEGACY_FACTORY_OR_WAREHOUSE
