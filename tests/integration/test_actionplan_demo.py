"""The demo has Anytown Council's 2025/26 plan closed after its review, and the running 2026/27 plan
with the continuing actions carried forward (linked), new actions, progress and one overdue."""

from datetime import date

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from clearsight.actionplan import demo
from clearsight.actionplan.models import PlanAction, PlanYear, ProgressUpdate
from clearsight.actionplan.review import review_tables
from clearsight.core import demo as core_demo
from clearsight.core.models import User


def _sign_in(client, email):
    user = User.objects.get(email=email)
    client.force_login(user)
    device = user.totpdevice_set.first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


@pytest.mark.django_db
def test_demo_plans_load_once_and_show_on_the_pages(client):
    core_demo.load()
    demo.load()
    demo.load()  # loading twice adds nothing
    last, current = PlanYear.objects.get(title="2025/26"), PlanYear.objects.get(title="2026/27")
    assert PlanYear.objects.count() == 2
    assert (last.status, last.starts_on, last.ends_on) == ("closed", date(2025, 4, 1), date(2026, 3, 31))
    assert current.previous == last and current.status == "open"
    assert last.actions.count() == 12 and not last.actions.filter(review__isnull=True).exists()
    assert [t.area for t in review_tables(last)] == ["Defining and outlining risk", "Prevention", "Detection",
                                                     "Response", "Evaluation"]
    continuing = set(last.actions.filter(review__continues=True).values_list("pk", flat=True))
    carried = current.actions.filter(carried_from__isnull=False)
    assert set(carried.values_list("carried_from_id", flat=True)) == continuing and len(continuing) >= 3
    assert current.actions.filter(carried_from__isnull=True).exists()  # new ones too
    assert ProgressUpdate.objects.filter(action__plan=current).exists()
    overdue = [a for a in current.actions.all() if a.status not in ("done", "not_done") and a.due_on < date(2026, 11, 23)]
    assert len(overdue) == 1
    owners = set(PlanAction.objects.values_list("owner__email", flat=True))
    assert {"statement@anytown.example", "training@anytown.example", "procurement@anytown.example",
            "coordinator@anytown.example", "auditor@anytown.example", "champion@shireprocurement.example"} <= owners

    _sign_in(client, "statement@anytown.example")
    page = client.get(reverse("actionplan:review-tables", kwargs={"public_id": last.public_id})).content.decode()
    assert "Activity undertaken" in page and "Six officers completed first responder training" in page
    assert client.get(reverse("actionplan:plan", kwargs={"public_id": current.public_id})).status_code == 200
    _sign_in(client, "champion@shireprocurement.example")
    page = client.get(reverse("actionplan:my-actions")).content.decode()
    assert "Modern slavery clauses in new contracts" not in page  # finished last year, not carried
