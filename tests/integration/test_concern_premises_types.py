"""Factories and warehouses are told apart in reports of concern (issue 17, domain corrections)."""

from importlib import import_module

import pytest
from django.apps import apps

from clearsight.concerns.forms import WhereForm
from clearsight.concerns.models import Concern
from clearsight.core.roles import Role

from ..concern_helpers import make_concern
from ..factories import make_user

pytestmark = pytest.mark.django_db


def test_a_reporter_chooses_a_factory_or_a_warehouse_not_one_type_for_both():
    """Given the question "What kind of place is it?", when a reporter answers it, then a factory and
    a warehouse are separate answers and the legacy combined type is not offered."""
    offered = dict(WhereForm().fields["premises_type"].choices)
    assert offered["factory"] == "Factory or food processing"
    assert offered["warehouse"] == "Warehouse or distribution centre"
    assert "factory_or_warehouse" not in offered
    form = WhereForm(data={"location": "Unit 9, Northgate Distribution Park", "premises_type": "warehouse"})
    assert form.is_valid(), form.errors


def test_concerns_recorded_before_the_split_are_sorted_by_what_the_place_says(anytown):
    """Given concerns recorded as "factory" when it also meant warehouses (a distribution park, a
    bakery, and a unit whose address says neither), when the correcting migration's data step runs,
    then the first is a warehouse, the second a factory, and the third keeps a clearly named legacy
    type shown as recorded."""
    reporter = make_user(anytown, Role.STAFF)
    park = make_concern(reporter, location="Unit 4, Northgate Distribution Park", premises_type="factory")
    bakery = make_concern(reporter, location="Acme Bakery, Mill Lane", premises_type="factory")
    unclear = make_concern(reporter, location="Unit 7, Station Yard", premises_type="factory")
    migration = import_module("clearsight.concerns.migrations.0005_premises_warehouse_separate")
    migration.split_factory_and_warehouse(apps, None)
    kinds = dict(Concern.objects.unscoped("test").values_list("pk", "premises_type"))
    assert (kinds[park.pk], kinds[bakery.pk], kinds[unclear.pk]) == ("warehouse", "factory", "factory_or_warehouse")
    unclear.refresh_from_db()
    assert unclear.get_premises_type_display() == "Factory or warehouse (recorded before the two were separate)"
