"""Issue 14, acceptance 2: an adversarial organisation.

Given Anytown Council with a concern, a case, intelligence, premises, a planned operation and staff,
when Bexford's administrator and partnership coordinator, signed in through the pages, do everything
one side can do to open a path to Anytown's records (give themselves every role, propose an agreement
naming Anytown and accept it for Bexford, put Anytown into a group and answer its invitation, try the
admin), and then open every page of the service with each of Anytown's record ids, GET and POST,
then no page shows anything of Anytown's, nothing of Anytown's changes, and Anytown's figures are not
in theirs."""

import html
import re
from datetime import date, timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from clearsight.core.models import User
from clearsight.core.roles import Capability, Role
from clearsight.partnership.models import GroupMember, InformationSharingAgreement, PartnershipGroup

from ..concern_helpers import make_concern
from ..factories import CaseFactory, IntelligenceReportFactory, OperationFactory, OrganisationFactory, PersonFactory, PremisesFactory, TeamFactory, make_user
from .conftest import sign_in_through_pages

pytestmark = pytest.mark.django_db

MARK = "Zebedee"  # every record of Anytown's below carries it; Bexford must never see it


def _patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _patterns(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}", entry


@pytest.fixture
def victim_world(db):
    anytown = OrganisationFactory(name="Anytown Council")
    staff = make_user(anytown, Role.STAFF, Role.FIRST_RESPONDER, Role.CASEWORKER, email="zebedee.staff@anytown.example")
    User.objects.filter(pk=staff.pk).update(full_name=f"{MARK} Staffmember")
    concern = make_concern(staff, people=((f"{MARK} Victim", "adult"),), what_happened=f"{MARK} sleeps at the car wash")
    team = TeamFactory(organisation=anytown, name="Exploitation team")
    person = PersonFactory(organisation=anytown, first_name=MARK, last_name="Person", date_of_birth=date(2001, 5, 1))
    case = CaseFactory(person=person, organisation=anytown, team=team, created_by=staff)
    premises = PremisesFactory(organisation=anytown, address=f"{MARK} Car Wash, Mill Lane", postcode="AN4 3CW",
                               premises_type="hand_car_wash")
    report = IntelligenceReportFactory(organisation=anytown, date=timezone.localdate(), subject_kind="premises",
                                       text=f"{MARK} drives the workers", source_evaluation="2", assessment="B",
                                       handling_code="P")
    operation = OperationFactory(name=f"Operation {MARK}", date=timezone.localdate() + timedelta(days=3),
                                 lead_agency=anytown, created_by=staff)
    records = {"concern": concern, "case": case, "person": person, "premises": premises, "report": report,
               "operation": operation, "staff": User.objects.get(pk=staff.pk), "organisation": anytown}
    return anytown, records


def _snapshot(records):
    """What Anytown's records hold now, to compare after the attack."""
    from django.forms.models import model_to_dict

    out = {}
    for key, record in records.items():
        fresh = type(record)._base_manager.get(pk=record.pk)
        out[key] = {k: str(v) for k, v in model_to_dict(fresh).items()}
    return out


def _markers(records):
    return [MARK, records["concern"].reference, records["case"].reference, records["report"].reference,
            records["operation"].reference, records["staff"].email]


def test_an_administrator_and_coordinator_together_cannot_open_another_organisations_records(victim_world):
    anytown, records = victim_world
    bexford = OrganisationFactory(name="Bexford Borough Council")
    admin = make_user(bexford, Role.ADMINISTRATOR, Role.STAFF)
    coordinator = make_user(bexford, Role.PARTNERSHIP_COORDINATOR)
    admin_client, coordinator_client = sign_in_through_pages(admin), sign_in_through_pages(coordinator)
    before = _snapshot(records)

    # 1. The administrator gives themselves every role in Bexford
    edit = reverse("core:person-edit", kwargs={"public_id": admin.public_id})
    admin.refresh_from_db()
    response = admin_client.post(edit, {"full_name": admin.full_name, "job_title": "", "phone": "", "is_active": "yes",
                                        "roles": [r.value for r in Role], "version": str(admin.version)})
    assert response.status_code == 302

    # 2. An agreement naming Anytown, covering everything, accepted for Bexford
    terms = {"title": "Bexford grab", "purpose": "p", "lawful_basis": "b", "status": "active",
             "data_kinds": ["concerns", "intelligence", "operations", "case_summaries"],
             "parties": [str(anytown.public_id), str(bexford.public_id)],
             "starts_on-day": "1", "starts_on-month": "1", "starts_on-year": "2024",
             "review_on-day": "1", "review_on-month": "1", "review_on-year": "2099"}
    assert coordinator_client.post(reverse("partnership:agreement-add"), terms).status_code == 302
    agreement = InformationSharingAgreement.objects.get(title="Bexford grab")
    accept = reverse("partnership:agreement-accept", kwargs={"public_id": agreement.public_id})
    for organisation in (bexford, anytown):
        admin_client.post(accept, {"version_number": "1", "organisation": str(organisation.public_id), "confirm": "on"})
    agreement.refresh_from_db()
    assert agreement.in_force_version is None

    # 3. A group with Anytown in it, and answering the invitation for Anytown
    assert coordinator_client.post(reverse("partnership:group-add"), {
        "name": "Bexford grab group", "kind": "operational", "organisation": str(bexford.public_id),
        "members": [str(anytown.public_id)], "meeting_frequency": "weekly", "terms_of_reference": ""}).status_code == 302
    group = PartnershipGroup.objects.get(name="Bexford grab group")
    answer = reverse("partnership:invitation-answer", kwargs={"public_id": group.public_id, "organisation_id": anytown.public_id})
    for client in (admin_client, coordinator_client):
        client.post(answer, {"answer": "accept"})
    assert not GroupMember.objects.get(group=group, organisation=anytown).is_accepted
    admin_client.post(reverse("partnership:meeting-add", kwargs={"public_id": group.public_id}),
                      {"held_on-day": "1", "held_on-month": "1", "held_on-year": "2027", "location": ""})

    # 4. Every page, with every one of Anytown's record ids, GET and POST
    ids = {str(r.public_id) for r in records.values()}
    markers = _markers(records)
    leaks, changed_by = [], []
    for name, pattern in _patterns():
        if name.startswith("admin:") or name in {"core:sign-out"}:
            continue
        params = re.findall(r"<(?:(\w+):)?(\w+)>", str(pattern.pattern))
        if any(converter != "uuid" for converter, _ in params):
            continue  # a page with a slug or number needs its own record; covered by the URL matrix
        fills = [{}] if not params else [{p: i for _, p in params} for i in ids]
        for kwargs in fills:
            url = reverse(name, kwargs=kwargs or None)
            for client in (admin_client, coordinator_client):
                for method in ("get", "post"):
                    response = getattr(client, method)(url, {})
                    body = html.unescape(response.content.decode(errors="replace")) if response.status_code == 200 else ""
                    found = [m for m in markers if m and m in body]
                    if found:
                        leaks.append(f"{method.upper()} {name} {kwargs}: {found}")
                    if method == "post" and response.status_code in (200, 302) and _snapshot(records) != before:
                        changed_by.append(f"POST {name} {kwargs}")
                        before = _snapshot(records)
    assert leaks == []
    assert changed_by == []

    # 5. The admin, with every role in Bexford, counts nothing of Anytown's in figures
    from clearsight.board.figures import board_figures  # noqa: F401  (the figures read the organisations below)
    from clearsight.operations.services import figures_org_ids

    dashboard = admin_client.get(reverse("board:dashboard"))
    user = dashboard.wsgi_request.user
    assert user.organisation_ids_with(Capability.VIEW_AGGREGATES) == {bexford.id}
    assert figures_org_ids(user) == {bexford.id}
