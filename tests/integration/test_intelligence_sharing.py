"""Acceptance 2 for intelligence: a partner sees a report under an active agreement and not after it
expires; handling code C reaches only the organisations its conditions name; viewing is audited."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role
from clearsight.intelligence.models import IntelligenceReport
from tests.factories import IntelligenceReportFactory, MembershipFactory, OrganisationFactory, PremisesFactory, agreement_in_force, change_agreement, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def police(db):
    return OrganisationFactory(name="Anytown Police")


@pytest.fixture
def charity(db):
    return OrganisationFactory(name="Harbour Light Refuge")


def agreement(*parties, ends_on=None, kinds=("intelligence",), status="active"):
    today = timezone.localdate()
    return agreement_in_force(*parties, kinds=kinds, status=status, title="Anytown modern slavery information sharing",
                              starts_on=today - timedelta(days=100), review_on=today + timedelta(days=200), ends_on=ends_on)


def report(owner, code="P", conditions=(), text="Workers sleep at the car wash.", assessment="B", source="2"):
    item = IntelligenceReportFactory(
        organisation=owner, date=date(2026, 1, 5), subject_kind="premises", text=text,
        source_evaluation=source, assessment=assessment, handling_code=code,
        handling_conditions="Do not disclose to the owner." if code == "C" else "")
    item.conditions_organisations.set(conditions)
    return item


def test_a_partner_sees_a_report_under_an_active_agreement_and_not_after_it_expires(client, sign_in, anytown, police):
    shared = agreement(anytown, police)
    item = report(police)
    coordinator = make_user(anytown, Role.PARTNERSHIP_COORDINATOR)
    sign_in(client, coordinator)

    page = client.get(reverse("intelligence:report", args=[item.public_id]))
    assert page.status_code == 200
    assert "Workers sleep at the car wash." in page.content.decode()
    assert AuditEvent.objects.filter(actor=coordinator, action="view", record_id=str(item.public_id)).exists()
    assert item.reference in client.get(reverse("intelligence:reports")).content.decode()

    # The agreement's last day of sharing was yesterday.
    change_agreement(shared, ends_on=timezone.localdate() - timedelta(days=1))
    assert client.get(reverse("intelligence:report", args=[item.public_id])).status_code == 404
    listing = client.get(reverse("intelligence:reports")).content.decode()
    assert item.reference not in listing
    ended_on = shared.ends_on
    assert (f"1 report from Anytown Police is no longer shared: the agreement ended on "
            f"{ended_on.day} {ended_on.strftime('%B %Y')}") in listing


def test_without_an_agreement_covering_intelligence_a_partner_sees_nothing(client, sign_in, anytown, police):
    agreement(anytown, police, kinds=("concerns",))
    item = report(police)
    sign_in(client, make_user(anytown, Role.PARTNERSHIP_COORDINATOR))
    assert client.get(reverse("intelligence:report", args=[item.public_id])).status_code == 404
    assert item.reference not in client.get(reverse("intelligence:reports")).content.decode()


def test_handling_code_c_reaches_only_the_organisations_named(client, sign_in, anytown, police, charity):
    agreement(anytown, police, charity)
    item = report(police, code="C", conditions=[anytown])
    council_user = make_user(anytown, Role.FIRST_RESPONDER)
    charity_user = make_user(charity, Role.PARTNERSHIP_COORDINATOR)

    sign_in(client, council_user)
    page = client.get(reverse("intelligence:report", args=[item.public_id])).content.decode()
    assert "Handling conditions" in page and "Do not disclose to the owner." in page

    client.logout()
    sign_in(client, charity_user)
    assert client.get(reverse("intelligence:report", args=[item.public_id])).status_code == 404
    assert item.reference not in client.get(reverse("intelligence:reports")).content.decode()


def test_people_who_do_not_work_in_partnership_see_no_intelligence(client, sign_in, anytown, police):
    agreement(anytown, police)
    own = report(anytown)
    caseworker = make_user(anytown, Role.CASEWORKER, Role.PROCUREMENT_OFFICER)
    sign_in(client, caseworker)
    assert client.get(reverse("intelligence:reports")).status_code == 403
    assert client.get(reverse("intelligence:report", args=[own.public_id])).status_code == 403


def test_suspected_false_or_unreliable_intelligence_carries_a_warning(client, sign_in, anytown):
    item = report(anytown, assessment="E", source="3")
    sign_in(client, make_user(anytown, Role.FIRST_RESPONDER))
    page = client.get(reverse("intelligence:report", args=[item.public_id])).content.decode()
    assert "suspected to be false" in page
    assert "source of this intelligence is not reliable" in page
    assert "Treat with caution" in client.get(reverse("intelligence:reports")).content.decode()


def test_premises_follow_the_agreements_too(client, sign_in, anytown, police):
    shared = agreement(anytown, police)
    place = PremisesFactory(organisation=police, address="Unit 3, Station Yard", postcode="AN4 3CW",
                            premises_type="hand_car_wash")
    sign_in(client, make_user(anytown, Role.PARTNERSHIP_COORDINATOR))
    assert client.get(reverse("intelligence:premises", args=[place.public_id])).status_code == 200
    shared.status = "ended"
    shared.save()
    assert client.get(reverse("intelligence:premises", args=[place.public_id])).status_code == 404


def test_recording_a_report_checks_the_handling_conditions_and_keeps_what_was_typed(client, sign_in, anytown, police):
    agreement(anytown, police)
    officer = make_user(police, Role.FIRST_RESPONDER)
    sign_in(client, officer)
    data = {"date-day": "5", "date-month": "1", "date-year": "2026", "subject_kind": "vehicle",
            "text": "A white van moves workers at 6am.", "source_evaluation": "2", "assessment": "C",
            "handling_code": "C", "handling_conditions": ""}
    page = client.post(reverse("intelligence:report-add"), data)
    assert page.status_code == 400
    body = page.content.decode()
    assert "There is a problem" in body
    assert "<title>Error: Record intelligence" in body and "Error: Error:" not in body  # said once
    assert "Select the organisations that may see it, or choose handling code P" in body
    assert "Enter the conditions on sharing" in body
    assert "A white van moves workers at 6am." in body

    data.update(handling_conditions="Not for the vehicle owner.", conditions_organisations=[str(anytown.public_id)])
    response = client.post(reverse("intelligence:report-add"), data)
    assert response.status_code == 302
    saved = IntelligenceReport.objects.get(text="A white van moves workers at 6am.")
    assert saved.organisation == police and saved.submitted_by == officer and saved.grading == "2CC"
    assert list(saved.conditions_organisations.all()) == [anytown]
    assert AuditEvent.objects.filter(action="create", record_id=str(saved.public_id)).exists()


def test_a_date_in_the_future_is_refused(client, sign_in, anytown):
    sign_in(client, make_user(anytown, Role.FIRST_RESPONDER))
    future = timezone.localdate() + timedelta(days=3)
    page = client.post(reverse("intelligence:report-add"), {
        "date-day": str(future.day), "date-month": str(future.month), "date-year": str(future.year),
        "subject_kind": "person", "text": "x", "source_evaluation": "1", "assessment": "A", "handling_code": "P"})
    assert "The date of the intelligence must be today or in the past" in page.content.decode()


@pytest.mark.django_db
def test_a_c_report_does_not_combine_one_organisations_agreement_with_anothers_name(anytown, police, charity):
    """Someone working in the council (which has an agreement with the police) and in a charity (named
    in the conditions, but with no agreement) does not see the report: the named organisation itself
    must be one the police share intelligence with."""
    from clearsight.intelligence.handling import visible_reports

    agreement(anytown, police)
    both = make_user(anytown, Role.PARTNERSHIP_COORDINATOR)

    MembershipFactory(user=both, organisation=charity, role=Role.PARTNERSHIP_COORDINATOR)
    both = type(both).objects.get(pk=both.pk)
    named_charity = report(police, code="C", conditions=(charity,))
    named_council = report(police, code="C", conditions=(anytown,))
    seen = set(visible_reports(IntelligenceReport._base_manager.all(), both))
    assert named_council in seen and named_charity not in seen
