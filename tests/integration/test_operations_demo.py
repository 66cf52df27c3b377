"""The demo has Anytown operations planned and carried out, with victims linked to demo concerns."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from clearsight.core.models import User
from clearsight.operations.models import Operation, OperationVictim


@pytest.mark.usefixtures("demo_mode")
@pytest.mark.django_db
def test_demo_operations_load_with_linked_victims_and_show_on_the_pages(client, sign_in):
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    assert Operation.objects.filter(status="planned").exists()
    assert Operation.objects.filter(status="done").count() >= 3
    assert OperationVictim.objects.filter(concern_person__isnull=False).count() >= 3
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # loading twice adds nothing
    assert Operation.objects.count() == 5
    coordinator = User.objects.get(email="coordinator@anytown.example")
    coordinator.test_device = None
    client.force_login(coordinator)
    from django_otp import DEVICE_ID_SESSION_KEY

    session = client.session
    session[DEVICE_ID_SESSION_KEY] = coordinator.totpdevice_set.first().persistent_id
    session.save()
    page = client.get(reverse("operations:figures")).content.decode()
    assert "Operation Lather" in page
    assert client.get(reverse("operations:list")).status_code == 200
