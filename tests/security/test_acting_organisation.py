"""Issue 14, M1–M3: a person who works for several organisations acts for one at a time, chosen
after sign-in and shown in the header. What they can see, the audit events they cause, the reports
they make and the figures they read follow the organisation they act for. Through the sign-in pages."""

import html
from datetime import date

import pytest
from django.urls import reverse

from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role
from clearsight.operations.services import figures_org_ids

from ..concern_helpers import make_concern
from ..factories import MembershipFactory, OperationFactory, OrganisationFactory, make_user
from .conftest import sign_in_through_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(db):
    anytown = OrganisationFactory(name="Anytown Council")
    bexford = OrganisationFactory(name="Bexford Borough Council")
    return anytown, bexford


def _person_in_both(anytown, bexford, *roles):
    person = make_user(anytown, *roles)
    for role in roles:
        MembershipFactory(user=person, organisation=bexford, role=role)
    return person


def _choose(client, organisation, next_url="/"):
    response = client.post(reverse("core:choose-organisation"), {"organisation": str(organisation.public_id), "next": next_url})
    assert response.status_code == 302 and response["Location"] == next_url
    return client


def test_after_sign_in_a_person_in_two_organisations_chooses_one_and_the_header_shows_it(two):
    anytown, bexford = two
    person = _person_in_both(anytown, bexford, Role.FIRST_RESPONDER, Role.STAFF)
    client = sign_in_through_pages(person)
    queue = reverse("concerns:queue")
    response = client.get(queue)
    assert response.status_code == 302 and response["Location"].startswith(reverse("core:choose-organisation"))
    page = html.unescape(client.get(response["Location"]).content.decode())
    assert "Which organisation are you working for?" in page and "Anytown Council" in page and "Bexford Borough Council" in page
    refused = html.unescape(client.post(reverse("core:choose-organisation"), {"next": queue}).content.decode())
    assert "Select the organisation you are working for" in refused
    _choose(client, bexford, queue)
    header = html.unescape(client.get(queue).content.decode())
    assert "Bexford Borough Council" in header and "Change organisation" in header
    # A link somewhere else cannot send them off the site
    assert client.post(reverse("core:choose-organisation"), {"organisation": str(anytown.public_id),
                                                             "next": "https://evil.example/"})["Location"] == "/"


def test_m1_audit_events_are_filed_under_the_organisation_acted_for(two):
    anytown, bexford = two
    person = _person_in_both(anytown, bexford, Role.FIRST_RESPONDER, Role.STAFF)
    bexford_concern = make_concern(make_user(bexford, Role.STAFF))
    anytown_concern = make_concern(make_user(anytown, Role.STAFF))
    client = _choose(sign_in_through_pages(person), bexford)
    assert client.get(reverse("concerns:concern", args=[bexford_concern.public_id])).status_code == 200
    # Acting for Bexford, Anytown's concerns are out of reach, even though the person works there too
    assert client.get(reverse("concerns:concern", args=[anytown_concern.public_id])).status_code == 404
    event = AuditEvent.objects.filter(actor=person, record_id=str(bexford_concern.public_id), action="view").get()
    assert event.organisation == bexford

    # Bexford's auditor sees the event; Anytown's auditor does not
    bexford_auditor, anytown_auditor = make_user(bexford, Role.AUDITOR), make_user(anytown, Role.AUDITOR)
    search = reverse("core:audit-log") + f"?record_id={bexford_concern.public_id}"
    def found(auditor):
        page = sign_in_through_pages(auditor).get(search).context["page"]
        return [e.record_id for e in page.object_list]

    assert str(bexford_concern.public_id) in found(bexford_auditor)
    assert found(anytown_auditor) == []

    # Switching to Anytown: Anytown's concern opens, Bexford's does not, and events follow
    _choose(client, anytown)
    assert client.get(reverse("concerns:concern", args=[anytown_concern.public_id])).status_code == 200
    assert client.get(reverse("concerns:concern", args=[bexford_concern.public_id])).status_code == 404
    assert AuditEvent.objects.filter(actor=person, record_id=str(anytown_concern.public_id), action="view").get().organisation == anytown


def test_m3_a_report_is_made_for_the_organisation_acted_for(two):
    from clearsight.concerns.models import Concern

    anytown, bexford = two
    person = _person_in_both(anytown, bexford, Role.STAFF)
    client = _choose(sign_in_through_pages(person), bexford)
    assert client.post(reverse("concerns:report-start")).status_code == 302
    assert Concern.objects.get(reporter=person).reporter_organisation == bexford


def test_m2_operation_figures_count_only_the_organisation_acted_for(two):
    anytown, bexford = two
    person = _person_in_both(anytown, bexford, Role.PARTNERSHIP_COORDINATOR)
    OperationFactory(name="Anytown visit", date=date(2026, 5, 1), lead_agency=anytown, created_by=person, status="done")
    OperationFactory(name="Bexford visit", date=date(2026, 5, 2), lead_agency=bexford, created_by=person, status="done")
    client = _choose(sign_in_through_pages(person), anytown)
    response = client.get(reverse("operations:figures"))
    assert response.status_code == 200
    assert figures_org_ids(response.wsgi_request.user) == {anytown.id}
