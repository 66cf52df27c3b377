"""What other contexts take from intelligence (agenda items, never the text), and the demo data."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from clearsight.intelligence.models import Business, IntelligenceReport, Premises
from clearsight.intelligence.services import agenda_items

from ..factories import IntelligenceReportFactory

pytestmark = pytest.mark.django_db


def test_agenda_items_are_new_reports_of_the_groups_organisations_without_their_text(anytown, bexford):
    def report(org, day, text):
        return IntelligenceReportFactory(organisation=org, date=day, subject_kind="business", text=text,
                                         source_evaluation="1", assessment="A", handling_code="P")

    old = report(anytown, date(2026, 1, 1), "Old news.")
    new = report(anytown, date(2026, 3, 1), "Secret details.")
    report(bexford, date(2026, 3, 2), "Another council's report.")
    items = agenda_items({anytown.id}, date(2026, 2, 1))
    assert [i["reference"] for i in items] == [new.reference]
    assert items[0]["grading"] == "1AP" and items[0]["subject_kind"] == "Business" and items[0]["date"] == date(2026, 3, 1)
    assert "Secret details." not in str(items) and old.reference not in str(items)


@pytest.mark.usefixtures("demo_mode")
def test_the_demo_has_premises_businesses_graded_reports_and_a_supplier_linked():
    call_command("load_demo_data", stdout=io.StringIO())
    kinds = set(Premises.objects.values_list("premises_type", flat=True))
    assert {"hand_car_wash", "hmo", "nail_bar"} <= kinds
    car_wash = Business.objects.get(name="Anytown Hand Carwash")
    assert car_wash.supplier is not None and car_wash.supplier.name == "Anytown Hand Car Wash"
    assert IntelligenceReport.objects.filter(organisation__name="Anytown Police", handling_code="C").exists()
    count = IntelligenceReport.objects.count()
    call_command("load_demo_data", stdout=io.StringIO())  # loading again refreshes, never duplicates
    assert IntelligenceReport.objects.count() == count
