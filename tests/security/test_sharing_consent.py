"""Issue 14, C1, C2 and H1: no organisation can open another's records on its own. Each scenario is
played as the attacker would, through the sign-in pages, and ends with the data out of reach.

Given Anytown Council (the victim) with concerns, and Bexford Borough Council (the attacker) whose
administrator and partnership coordinator try what the review found."""

import html
from datetime import date

import pytest
from django.urls import reverse

from clearsight.concerns import services as concern_services
from clearsight.concerns.models import Concern
from clearsight.core.models import AuditEvent, Membership, Organisation
from clearsight.core.roles import Role
from clearsight.partnership import sharing
from clearsight.partnership.models import InformationSharingAgreement

from ..concern_helpers import make_concern
from ..factories import ConcernPersonFactory, IntelligenceReportFactory, OrganisationFactory, PartnershipFactory, agreement_in_force, make_user, signatory_of
from .conftest import sign_in_through_pages

pytestmark = pytest.mark.django_db

AGREEMENT_FORM = {
    "title": "Bexford and Anytown sharing", "purpose": "Safeguarding", "lawful_basis": "Public task",
    "data_kinds": ["concerns", "intelligence", "operations", "case_summaries"],
    "starts_on-day": "1", "starts_on-month": "1", "starts_on-year": "2024",
    "review_on-day": "1", "review_on-month": "1", "review_on-year": "2099",
    # Fields the old form had: a forged status must change nothing
    "status": "active",
}


@pytest.fixture
def victim(db):
    return OrganisationFactory(name="Anytown Council")


@pytest.fixture
def attacker_org(db):
    return OrganisationFactory(name="Bexford Borough Council")


@pytest.fixture
def police(db):
    return OrganisationFactory(name="Anytown Police", kind="police", is_first_responder=True)


@pytest.fixture
def victims_concern(victim):
    return make_concern(make_user(victim, Role.STAFF))


def _intelligence(owner):
    return IntelligenceReportFactory(organisation=owner, date=date(2026, 1, 5), subject_kind="premises",
                                     text="Workers sleep at the car wash.", source_evaluation="2",
                                     assessment="B", handling_code="P")


def _grant_own_roles(client, admin, organisation, roles):
    """The administrator gives themselves roles in their own organisation through the people page."""
    url = reverse("core:person-edit", kwargs={"public_id": admin.public_id})
    page = client.get(url)
    assert page.status_code == 200
    version = page.context["form"].initial.get("version") or admin.version
    response = client.post(url, {"full_name": admin.full_name, "job_title": "", "phone": "", "is_active": "yes",
                                 "roles": roles, "version": version})
    assert response.status_code == 302, html.unescape(response.content.decode())[:500]


def test_c1_an_administrator_cannot_grant_their_organisation_another_councils_concerns(victim, attacker_org, victims_concern):
    admin = make_user(attacker_org, Role.ADMINISTRATOR, Role.STAFF)
    victim_signatory = signatory_of(victim)
    client = sign_in_through_pages(admin)

    # Step 1: roles in their own organisation are theirs to give
    _grant_own_roles(client, admin, attacker_org, [Role.ADMINISTRATOR, Role.STAFF, Role.FIRST_RESPONDER,
                                                    Role.PARTNERSHIP_COORDINATOR])
    assert set(Membership.objects.filter(user=admin).values_list("role", flat=True)) >= {"first_responder", "partnership_coordinator"}

    # Step 2: partnerships and memberships are not in the admin at all
    for path in ("/admin/core/partnership/", "/admin/core/partnership/add/", "/admin/core/membership/add/",
                 "/admin/core/organisation/"):
        assert client.get(path).status_code == 404, path

    # Step 3: an agreement naming the other council, "active" as the old form allowed
    response = client.post(reverse("partnership:agreement-add"),
                           AGREEMENT_FORM | {"parties": [str(victim.public_id), str(attacker_org.public_id)]})
    assert response.status_code == 302
    agreement = InformationSharingAgreement.objects.get(title="Bexford and Anytown sharing")
    assert agreement.status == "draft" and agreement.in_force_version is None

    # The attacker accepts for their own side, and tries to accept for the victim
    accept = reverse("partnership:agreement-accept", kwargs={"public_id": agreement.public_id})
    forged = client.post(accept, {"version_number": "1", "organisation": str(victim.public_id), "confirm": "on"})
    assert forged.status_code == 200 and "Select a valid choice" in html.unescape(forged.content.decode())
    assert client.post(accept, {"version_number": "1", "organisation": str(attacker_org.public_id), "confirm": "on"}).status_code == 302
    agreement.refresh_from_db()
    assert agreement.in_force_version is None

    # None of the victim's concerns opens, and the queue does not list them
    assert client.get(reverse("concerns:concern", args=[victims_concern.public_id])).status_code == 404
    assert victims_concern.reference not in client.get(reverse("concerns:queue")).content.decode()
    assert not sharing.may_see(victim.id, attacker_org.id, "concerns")

    # The victim's signatory sees what is waiting for them, and who accepted what
    victim_client = sign_in_through_pages(victim_signatory)
    page = html.unescape(victim_client.get(reverse("partnership:agreement", kwargs={"public_id": agreement.public_id})).content.decode())
    assert "Accept version 1" in page and "Waiting" in page and f"Accepted by {admin.full_name}" in page
    assert "waiting for your organisation's acceptance" in html.unescape(victim_client.get(reverse("core:home")).content.decode())


def test_c1_forcing_the_status_in_the_database_alone_shares_nothing(victim, attacker_org, victims_concern):
    """Defence in depth: sharing is decided by the acceptances themselves, not the status field."""
    first_responder = make_user(attacker_org, Role.FIRST_RESPONDER)
    agreement = agreement_in_force(victim, attacker_org, kinds=["concerns"], status="draft")
    version = agreement.latest_version()
    InformationSharingAgreement.objects.filter(pk=agreement.pk).update(status="active", in_force_version=version)
    client = sign_in_through_pages(first_responder)
    assert client.get(reverse("concerns:concern", args=[victims_concern.public_id])).status_code == 404
    assert not sharing.may_see(victim.id, attacker_org.id, "concerns")


def test_c2_a_partners_reports_go_only_to_the_council_its_agreement_names(victim, attacker_org, police):
    # The police share concerns with Anytown under an agreement both accepted
    agreement_in_force(victim, police, kinds=["concerns"])
    # Bexford renames itself to come first, joins a partnership with the police and proposes an agreement
    Organisation.objects.filter(pk=attacker_org.pk).update(name="Aaa Borough Council")
    PartnershipFactory(name="Rogue partnership", kind="safeguarding", shares_concerns=True).members.add(attacker_org, police)
    coordinator = make_user(attacker_org, Role.PARTNERSHIP_COORDINATOR)
    rogue = sign_in_through_pages(coordinator)
    assert rogue.post(reverse("partnership:agreement-add"),
                      AGREEMENT_FORM | {"parties": [str(police.public_id), str(attacker_org.public_id)]}).status_code == 302

    officer = make_user(police, Role.STAFF)
    client = sign_in_through_pages(officer)
    client.post(reverse("concerns:report-start"))
    concern = Concern.objects.get(reporter=officer)
    concern_services.submit(make_concern_ready(concern))
    concern.refresh_from_db()
    assert concern.handling_organisation == victim

    # A first responder of the rogue council does not see it
    rogue_responder = make_user(attacker_org, Role.FIRST_RESPONDER)
    assert sign_in_through_pages(rogue_responder).get(reverse("concerns:concern", args=[concern.public_id])).status_code == 404


def test_c2_with_two_agreed_councils_the_reporter_chooses_and_nothing_is_chosen_by_name(victim, attacker_org, police):
    agreement_in_force(victim, police, kinds=["concerns"])
    agreement_in_force(attacker_org, police, kinds=["concerns"])
    officer = make_user(police, Role.STAFF)
    with pytest.raises(concern_services.CouncilChoiceNeeded) as choice:
        concern_services.handling_organisation_for(police)
    assert {o.id for o in choice.value.options} == {victim.id, attacker_org.id}
    assert concern_services.handling_organisation_for(police, victim) == victim
    # Choosing a council that is not agreed is refused
    other = OrganisationFactory(name="Cexford Council", kind="council", is_first_responder=False)
    with pytest.raises(concern_services.CouncilChoiceNeeded):
        concern_services.handling_organisation_for(police, other)

    client = sign_in_through_pages(officer)
    client.post(reverse("concerns:report-start"))
    concern = make_concern_ready(Concern.objects.get(reporter=officer))
    check = reverse("concerns:report-check", args=[concern.public_id])
    page = html.unescape(client.get(check).content.decode())
    assert "Which council's area did this happen in?" in page
    refused = html.unescape(client.post(check).content.decode())
    assert "Select the council whose area this happened in" in refused
    assert Concern.objects.get(pk=concern.pk).status == Concern.Status.DRAFT
    assert client.post(check, {"council": str(victim.public_id)}).status_code == 302
    concern.refresh_from_db()
    assert concern.handling_organisation == victim


def make_concern_ready(concern):
    concern.immediate_danger, concern.what_happened = "no", "Workers sleep at the car wash."
    concern.location, concern.premises_type, concern.business_involved = "Mill Lane", "car_wash", "no"
    concern.seen_on = date(2026, 11, 1)
    concern.save()
    ConcernPersonFactory(concern=concern, position=1, name="A worker", age_group="adult", reported_consent="not_told")
    return concern


def test_h1_a_coordinator_alone_cannot_make_an_agreement_share(victim, police):
    coordinator = make_user(victim, Role.PARTNERSHIP_COORDINATOR)
    intelligence = _intelligence(police)
    client = sign_in_through_pages(coordinator)
    assert client.post(reverse("partnership:agreement-add"),
                       AGREEMENT_FORM | {"parties": [str(police.public_id), str(victim.public_id)]}).status_code == 302
    assert client.get(reverse("intelligence:report", args=[intelligence.public_id])).status_code == 404
    assert intelligence.reference not in client.get(reverse("intelligence:reports")).content.decode()


def test_h1_adding_a_party_is_a_new_version_that_shares_nothing_until_every_party_accepts(victim, police, attacker_org):
    agreement = agreement_in_force(victim, police, kinds=["intelligence"])
    intelligence = _intelligence(police)
    coordinator = make_user(attacker_org, Role.PARTNERSHIP_COORDINATOR)
    # A coordinator of a party (Anytown) adds Bexford to the agreement
    anytown_coordinator = make_user(victim, Role.PARTNERSHIP_COORDINATOR)
    client = sign_in_through_pages(anytown_coordinator)
    edit = reverse("partnership:agreement-edit", kwargs={"public_id": agreement.public_id})
    response = client.post(edit, AGREEMENT_FORM | {"data_kinds": ["intelligence"], "version": str(agreement.version),
                                                   "parties": [str(p.public_id) for p in (victim, police, attacker_org)]})
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.latest_version().number == 2 and agreement.in_force_version.number == 1
    # Version 1 still shares between its own parties; Bexford sees nothing
    assert sharing.may_see(police.id, victim.id, "intelligence")
    bexford = sign_in_through_pages(coordinator)
    assert bexford.get(reverse("intelligence:report", args=[intelligence.public_id])).status_code == 404
    # Only proposed as a party, Bexford has nothing to suspend or end
    bexford_signatory = sign_in_through_pages(signatory_of(attacker_org))
    assert bexford_signatory.get(reverse("partnership:agreement-suspend", kwargs={"public_id": agreement.public_id})).status_code == 403
    assert bexford_signatory.get(reverse("partnership:agreement-end", kwargs={"public_id": agreement.public_id})).status_code == 403
    # Bexford's own signatory accepting is not enough
    from clearsight.partnership import agreements

    agreements.accept(agreement, 2, by=signatory_of(attacker_org), for_organisation=attacker_org)
    agreements.accept(agreement, 2, by=signatory_of(victim), for_organisation=victim)
    assert bexford.get(reverse("intelligence:report", args=[intelligence.public_id])).status_code == 404
    # Only when the police accept too does it share with Bexford
    agreements.accept(agreement, 2, by=signatory_of(police), for_organisation=police)
    assert bexford.get(reverse("intelligence:report", args=[intelligence.public_id])).status_code == 200


def test_any_party_suspends_at_once_and_only_it_can_lift_its_suspension(victim, police):
    agreement = agreement_in_force(victim, police, kinds=["intelligence"])
    intelligence = _intelligence(police)
    reader = make_user(victim, Role.PARTNERSHIP_COORDINATOR)
    police_dpo, anytown_dpo = signatory_of(police), signatory_of(victim)
    client = sign_in_through_pages(police_dpo)
    suspend = reverse("partnership:agreement-suspend", kwargs={"public_id": agreement.public_id})
    assert client.post(suspend, {"organisation": str(police.public_id), "reason": "A suspected breach"}).status_code == 302
    reader_client = sign_in_through_pages(reader)
    assert reader_client.get(reverse("intelligence:report", args=[intelligence.public_id])).status_code == 404
    assert AuditEvent.objects.filter(actor=police_dpo, description="Information sharing agreement suspended").exists()
    # The other party cannot lift the police's suspension
    lift = reverse("partnership:agreement-lift", kwargs={"public_id": agreement.public_id})
    assert sign_in_through_pages(anytown_dpo).post(lift).status_code == 403
    assert client.post(lift).status_code == 302
    assert reader_client.get(reverse("intelligence:report", args=[intelligence.public_id])).status_code == 200
