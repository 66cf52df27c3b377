"""People not cleared for personal data (board members, statement owners) never see any.

Given a council whose records hold a concern, a support case, an operation's victim, intelligence
and training records, each with names and words that appear nowhere else, when a board member or a
statement owner opens every page (and every export) the URL matrix lets them reach, then none of
those names or words appears in what they get, whatever its format (HTML, CSV, XLSX, DOCX, PDF).
"""

import io
import zipfile
from datetime import date, timedelta

import pytest
from django.utils import timezone

from clearsight.concerns.models import Action, StatutoryReferral
from clearsight.concerns import services as concern_services
from clearsight.core.models import Team
from clearsight.core.roles import ROLES, Role
from clearsight.operations.models import Operation
from clearsight.training.models import StaffMember

from ..factories import CaseFactory, ConcernFactory, ConcernPersonFactory, NrmRecordFactory, OperationFactory, OperationVictimFactory, PersonFactory, SupportTaskFactory, make_user
from .url_matrix import EXPECTATIONS, RECORDS, _expected, _url, all_url_names, url_matrix_world, world  # noqa: F401

NOT_CLEARED = [role for role, info in ROLES.items() if not info.sees_personal_data]

MARKERS = ["Marigold Featherstonehaugh", "Peregrine Oddbody", "Wilhelmina Quillfeather", "Quondam Lane",
           "kept in the Zanzibar lock-up"]


def _personal_records(organisation):
    """Records in the organisation carrying the markers, counted by the figures pages."""
    reporter = make_user(organisation, Role.STAFF)
    responder = make_user(organisation, Role.FIRST_RESPONDER)
    concern = ConcernFactory(reporter=reporter, reporter_organisation=organisation, location="4 Quondam Lane",
                             what_happened="A woman is kept in the Zanzibar lock-up at night.",
                             seen_on=timezone.localdate(), premises_type="hmo", immediate_danger="no")
    ConcernPersonFactory(concern=concern, position=1, name="Marigold Featherstonehaugh", age_group="adult")
    concern_services.submit(concern)
    concern_services.triage(concern, responder, outcome="potential_victims", reasoning="Indicators seen.",
                            immediate_danger=False, supplier_involved=False,
                            people_facts={concern.people.first(): ("adult", "given", False, True)})
    StatutoryReferral.objects.filter(action__concern=concern).update(status=StatutoryReferral.Status.SUBMITTED)
    Action.objects.filter(concern=concern).update(status=Action.Status.DONE, done_at=timezone.now())

    person = PersonFactory(organisation=organisation, first_name="Peregrine", last_name="Oddbody",
                           date_of_birth=date(1990, 1, 2))
    team, _ = Team.objects.get_or_create(organisation=organisation, name="Exploitation team")
    case = CaseFactory(person=person, organisation=organisation, team=team, created_by=responder,
                       opened_on=timezone.localdate() - timedelta(days=30))
    NrmRecordFactory(case=case, referred_on=timezone.localdate() - timedelta(days=29),
                     rg_decision="positive", rg_decided_on=timezone.localdate() - timedelta(days=20))
    SupportTaskFactory(case=case, phase="immediate", description="Move to the Quondam Lane refuge",
                       owner=responder, due_on=timezone.localdate())

    operation = OperationFactory(name="Operation Figures", date=timezone.localdate() - timedelta(days=10),
                                 lead_agency=organisation, created_by=responder, status=Operation.Status.DONE)
    OperationVictimFactory(operation=operation, concern_person=concern.people.first(), added_by=responder)
    OperationVictimFactory(operation=operation, case=case, added_by=responder)

    StaffMember.objects.create(organisation=organisation, employee_number="Q1", full_name="Wilhelmina Quillfeather",
                               job_title="Housing officer", service="Housing", directorate="Place",
                               start_date=date(2020, 1, 1))


def _text(response) -> str:
    body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    if body[:4] == b"PK\x03\x04":  # XLSX and DOCX are zip files of XML
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return " ".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
                            if name.endswith(".xml"))
    if body[:5] == b"%PDF-":
        from pypdf import PdfReader

        return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    return body.decode("utf-8", "replace")


@pytest.mark.django_db
@pytest.mark.parametrize("role", NOT_CLEARED)
def test_roles_not_cleared_for_personal_data_see_none(client, sign_in, world, role):  # noqa: F811
    users, other, extras = world
    organisation = extras["anytown_person"].primary_organisation
    _personal_records(organisation)
    user = users[role]
    patterns = all_url_names()
    sign_in(client, user)
    opened, leaks = [], []
    for name, expect in EXPECTATIONS.items():
        if expect.method != "get" or expect.public or _expected(expect, "signed_in", role) != 200:
            continue
        make = RECORDS.get(expect.record)
        own, _ = make(extras, user) if make else (None, None)
        response = client.get(_url(name, patterns[name], expect, own))
        assert response.status_code == 200, name
        opened.append(name)
        text = _text(response)
        leaks += [f"{name}: {marker}" for marker in MARKERS if marker in text]
    assert leaks == []
    # The check means something only if the pages that count these records were opened.
    assert {"operations:figures", "board:dashboard", "board:report", "board:export-xlsx", "board:export-csv", "actionplan:plans",
            "statements:preview"} <= set(opened)
