"""Issue 14, M5: nothing that decides access is changed in Django admin, and what is still changed
there is in Clearsight's audit log. Through the sign-in pages."""

import pytest
from django.urls import reverse

from clearsight.concerns.services import ensure_route_settings
from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role

from ..factories import OrganisationFactory, make_user
from .conftest import sign_in_through_pages

pytestmark = pytest.mark.django_db


def test_m5_admin_holds_no_access_decisions_and_its_changes_are_audited(db):
    council = OrganisationFactory(name="Anytown Council")
    admin = make_user(council, Role.ADMINISTRATOR, Role.STAFF)
    client = sign_in_through_pages(admin)
    # Roles, partnership members and organisation names cannot be changed in the admin at all
    for path in ("/admin/core/membership/", "/admin/core/partnership/1/change/", "/admin/core/organisation/1/change/",
                 "/admin/core/user/"):
        assert client.get(path).status_code == 404, path

    route = ensure_route_settings(council)["nrm_referral"]
    url = reverse("admin:concerns_routesetting_change", args=[route.pk])
    form = client.get(url).context["adminform"].form
    data = {name: (value if value is not None else "") for name, value in form.initial.items() if name in form.fields}
    data.update(title="Refer to the NRM within one working day", due="working_days", due_amount="1",
                owner="", available="on")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:1000]
    event = AuditEvent.objects.filter(actor=admin, action=AuditEvent.Action.CHANGE, description="Changed in the admin").get()
    assert event.organisation == council and event.record_type == "route setting"
