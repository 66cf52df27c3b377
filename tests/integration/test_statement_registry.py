"""The registry summary: six areas filled from Clearsight's data, edited by the statement owner,
exported as CSV in the registry's statement summary download layout, kept with each saved version."""

import csv
import io

import pytest
from django.urls import reverse

from clearsight.core.roles import Role
from clearsight.statements import services
from clearsight.statements.models import RegistrySummary

from ..form_helpers import form_values
from .matrix_statements import make_statement

AREAS = ["Organisational structure and supply chains", "Policies", "Risk assessment", "Due diligence", "Training",
         "Goals and key performance indicators"]


@pytest.fixture
def owner(user_with):
    return user_with(Role.STATEMENT_OWNER)


@pytest.fixture
def statement(anytown, owner):
    return make_statement(anytown, owner)


def _csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _registry_row(response) -> dict:
    """The one statement row of the registry download, by column name."""
    header, *rows = _csv(response)
    assert len(rows) == 1
    return dict(zip(header, rows[0]))


@pytest.mark.django_db
def test_summary_is_prefilled_edited_and_exported(client, sign_in, statement, owner):
    sign_in(client, owner)
    url = reverse("statements:registry", kwargs={"public_id": statement.public_id})
    page = client.get(url).content.decode()
    for area in AREAS:
        assert area in page
    summary = RegistrySummary.objects.get(statement=statement)
    # Filled from the plans: the number of actions by area, and how many of last year's were completed
    assert summary.goals.startswith("The 2026/27 action plan has 3 actions: Prevention 1; Detection 1; Evaluation 1.")
    assert "Of the 4 actions in 2025/26, 2 were completed." in summary.goals
    assert "Anytown Council is a local authority" in summary.structure
    # ... and the context figures each where it belongs, with its period
    assert "Concerns reported:" in summary.risk and "NRM referrals:" in summary.risk
    assert "High-risk suppliers with a current assessment:" in summary.due_diligence
    assert summary.training.startswith("Training compliance rate:")

    data = {key: getattr(summary, key) for key, _ in RegistrySummary.AREAS} | {"version": summary.version}
    data["training"] = "All procurement staff complete the e-learning each year."
    data["policies"] = ""
    response = client.post(url, data)
    assert response.status_code == 302
    header = _csv(client.get(reverse("statements:registry-csv", kwargs={"public_id": statement.public_id})))[0]
    # The registry's own columns come first, in its order, then one summary per area.
    assert header[:4] == ["StatementYear", "OrganisationName", "Address", "SectorType"]
    assert header.index("StatementIncludesOrgStructure") < header.index("StatementIncludesGoals") < header.index(
        "OrgStructureSummary")
    row = _registry_row(client.get(reverse("statements:registry-csv", kwargs={"public_id": statement.public_id})))
    assert row["OrganisationName"] == "Anytown Council"
    assert row["StatementStartDate"] == statement.covers_from.isoformat()
    assert row["StatementEndDate"] == statement.covers_to.isoformat()
    assert (row["StatementIncludesTraining"], row["NoTrainingReason"], row["TrainingSummary"]) == (
        "True", "", "All procurement staff complete the e-learning each year.")
    assert (row["StatementIncludesPolicies"], row["NoPoliciesReason"], row["PoliciesSummary"]) == (
        "False", "Not covered in this statement", "")
    assert row["DateApproved"] == ""  # a draft

    version = services.save_version(statement, owner)
    assert {"area": "Training", "summary": "All procurement staff complete the e-learning each year."} in version.content["registry"]


@pytest.mark.django_db
def test_concurrent_edit_shows_the_conflict_and_keeps_what_was_typed(client, sign_in, statement, owner):
    sign_in(client, owner)
    url = reverse("statements:registry", kwargs={"public_id": statement.public_id})
    client.get(url)
    summary = RegistrySummary.objects.get(statement=statement)
    stale = {key: getattr(summary, key) for key, _ in RegistrySummary.AREAS} | {"version": summary.version}
    RegistrySummary.objects.filter(pk=summary.pk).update(training="Someone else's words", version=summary.version + 1)
    response = client.post(url, stale | {"training": "My words"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this record while you were editing it" in page
    assert "My words" in page and "Someone else&#x27;s words" in page
    summary.refresh_from_db()
    assert summary.training == "Someone else's words"


@pytest.mark.django_db
def test_csv_cells_that_look_like_formulas_do_not_run_in_a_spreadsheet(client, sign_in, statement, owner):
    sign_in(client, owner)
    url = reverse("statements:registry", kwargs={"public_id": statement.public_id})
    client.get(url)
    summary = RegistrySummary.objects.get(statement=statement)
    data = {key: getattr(summary, key) for key, _ in RegistrySummary.AREAS} | {"version": summary.version}
    client.post(url, data | {"training": '=HYPERLINK("http://example.com","Click")', "risk": "- a bulleted line",
                             "goals": "+1 more", "policies": "@SUM(A1)"})
    row = _registry_row(client.get(reverse("statements:registry-csv", kwargs={"public_id": statement.public_id})))
    assert row["TrainingSummary"] == '\'=HYPERLINK("http://example.com","Click")'
    assert row["RiskAssessmentSummary"] == "'- a bulleted line"
    assert row["GoalsSummary"] == "'+1 more"
    assert row["PoliciesSummary"] == "'@SUM(A1)"


@pytest.mark.django_db
def test_the_summary_changed_in_two_tabs_keeps_both_changes(client, sign_in, statement, owner):
    """Given the registry summary open in two tabs, when the training area is rewritten in one and the
    policies in the other, then the second save is refused and merged, and saving again keeps both
    (before, it put the old training summary back)."""
    sign_in(client, owner)
    url = reverse("statements:registry", kwargs={"public_id": statement.public_id})
    tab_1, tab_2 = client.get(url).content.decode(), client.get(url).content.decode()
    assert client.post(url, form_values(tab_1, training="Every buyer trained each year.")).status_code == 302
    refused = client.post(url, form_values(tab_2, policies="Our supplier code of conduct."))
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "The form now shows their change to the training." in page
    assert "<title>Error: Summary for the statement registry" in page  # said once
    assert client.post(url, form_values(page)).status_code == 302
    summary = RegistrySummary.objects.get(statement=statement)
    assert (summary.training, summary.policies) == ("Every buyer trained each year.", "Our supplier code of conduct.")
