import pytest
from django.core.management import call_command

from clearsight.matching.models import MatchReview
from clearsight.spend import demo
from clearsight.spend.models import SpendImport, SpendLine
from clearsight.supply.models import Supplier

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("demo_mode")
def test_demo_spend_imports_for_the_demo_council_once():
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    spend_import = SpendImport.objects.get(file_name=demo.FILE_NAME)
    assert spend_import.status == "imported" and spend_import.line_count == demo.LINES
    assert SpendLine.objects.filter(payee_kind="redacted").exists()
    assert SpendLine.objects.filter(supplier__isnull=False).values("supplier").distinct().count() >= 10
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    assert SpendLine.objects.count() == demo.LINES
    assert SpendImport.objects.count() == 1


@pytest.mark.usefixtures("demo_mode")
def test_the_demo_spend_leaves_look_alike_payees_for_a_person_each_with_its_review():
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    waiting = Supplier.objects.filter(needs_review=True)
    assert {s.name for s in waiting} == {"Castlegate Construction Group Ltd", "Helping Hands Care",
                                         "Northgate IT Solutions Ltd via Anytown Procurement Hub", "Rosewood Care Ltd"}
    # No supplier says "needs checking" without a review item a procurement officer can open.
    for supplier in waiting:
        review = MatchReview.objects.get(subject_supplier=supplier, kind="supplier", status=MatchReview.Status.PENDING)
        assert review.candidates and review.candidates[0]["reasons"]
    castlegate = MatchReview.objects.get(subject_supplier__name="Castlegate Construction Group Ltd", kind="supplier")
    assert castlegate.candidates[0]["record"]["name"] == "Castlegate Construction Ltd"
    # BrightClean's other spelling was matched without asking.
    bright = SpendLine.objects.filter(payee_name="Bright Clean Svcs").values_list("supplier__name", flat=True).distinct()
    assert list(bright) == ["BrightClean Services Ltd"]
