import pytest
from django.core.management import call_command

from clearsight.spend import demo
from clearsight.spend.models import SpendImport, SpendLine

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
