"""The demo has a draft Anytown statement for 2026/27 that reviews 2025/26, with its sections written
(two not yet marked as completed), sign-off people and one saved version; it opens for Helen Price,
the statement owner."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from clearsight.core.models import User
from clearsight.statements import rules
from clearsight.statements.demo import TITLE
from clearsight.statements.models import Statement


@pytest.mark.usefixtures("demo_mode")
@pytest.mark.django_db
def test_demo_statement_loads_once_and_opens(client):
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    statement = Statement.objects.get(title=TITLE)
    assert statement.status == Statement.Status.DRAFT
    assert (statement.plan.title, statement.reviewed_plan.title) == ("2026/27", "2025/26")
    assert statement.versions.count() == 1 and statement.signatories.count() == 2
    assert all(s.text.strip() for s in statement.sections.all())
    # Nearly ready: two sections are written but not yet marked as completed, so approval waits for them
    assert rules.can_approve(statement) == ["Finish the ‘Responsibilities’ section and mark it as completed",
                                            "Finish the ‘Review process’ section and mark it as completed"]
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # loading twice adds nothing
    assert Statement.objects.count() == 1 and statement.versions.count() == 1

    helen = User.objects.get(email="statement@anytown.example")
    client.force_login(helen)  # a statement owner sees no personal data, so needs no second factor
    page = client.get(reverse("statements:statement", kwargs={"public_id": statement.public_id})).content.decode()
    assert "Working with partners" in page and "Not yet started" not in page
    assert "2 tasks are not finished" in page and "Approve the statement</a>" not in page
    preview = client.get(reverse("statements:preview", kwargs={"public_id": statement.public_id})).content.decode()
    assert "Activity undertaken since 1 April 2025" in preview
    assert "Carried forward from 2025/26" in preview
