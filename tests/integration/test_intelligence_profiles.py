"""Premises pages and business profiles; acceptance 4: a business that is both in intelligence and a
supplier appears as one profile after a confirmed match, through the same engine and review queue."""

import datetime
from datetime import date

import pytest
from django.urls import reverse

from clearsight.concerns.models import Concern
from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role
from clearsight.intelligence import linking
from clearsight.intelligence.models import Business, ConcernPremises, Premises
from clearsight.matching.models import MatchReview
from tests.factories import BusinessFactory, ConcernFactory, IntelligenceReportFactory, PremisesFactory, SupplierFactory, make_user
from tests.spend_helpers import make_spend

pytestmark = pytest.mark.django_db


@pytest.fixture
def car_wash(anytown):
    place = PremisesFactory(organisation=anytown, address="Unit 3, Station Yard\nMill Lane", postcode="AN4 3CW",
                            premises_type="hand_car_wash")
    business = BusinessFactory(organisation=anytown, name="Station Yard Carwash", trading_names="Sparkle Hand Car Wash",
                               address="Unit 3 Station Yard, Mill Lane, Anytown", postcode="AN4 3CW")
    business.premises.add(place)
    report = IntelligenceReportFactory(
        organisation=anytown, date=date(2026, 2, 1), subject_kind="business", text="Six men live in a cabin behind the wash bays.",
        source_evaluation="2", assessment="B", handling_code="P")
    report.businesses.add(business)
    report.premises.add(place)
    return place, business, report


def test_acceptance_4_a_confirmed_match_makes_business_and_supplier_one_profile(anytown, car_wash, client, sign_in):
    _, business, report = car_wash
    # The supplier register spells it differently, with another postcode in the same district: uncertain.
    supplier = SupplierFactory(organisation=anytown, name="Sparkle Car Wash Ltd", postcode="AN4 9ZZ")
    SupplierFactory(organisation=anytown, name="Sparkle Window Cleaning")
    make_spend(anytown, supplier, "1250.00", datetime.date(2025, 6, 1))
    make_spend(anytown, supplier, "250.00", datetime.date(2025, 7, 1))
    both = make_user(anytown, Role.PARTNERSHIP_COORDINATOR, Role.PROCUREMENT_OFFICER)
    sign_in(client, both)

    response = client.post(reverse("intelligence:business-match", args=[business.public_id]), follow=True)
    review = MatchReview.objects.get(kind="business")
    assert review.subject_ref == str(business.public_id) and review.candidate_supplier == supplier
    assert review.status == MatchReview.Status.PENDING
    business.refresh_from_db()
    assert business.supplier is None
    assert "will check it" in response.content.decode()

    # The same queue and review page as supplier matches.
    assert "Business known to intelligence and a supplier" in client.get(reverse("matching:queue")).content.decode()
    review_page = client.get(reverse("matching:review", kwargs={"public_id": review.public_id})).content.decode()
    assert "Business in intelligence" in review_page and "Station Yard Carwash" in review_page
    client.post(reverse("matching:review", kwargs={"public_id": review.public_id}), {"same": "yes", "version": review.version})
    business.refresh_from_db()
    assert business.supplier == supplier and business.supplier_linked_by == both

    page = client.get(reverse("intelligence:business", args=[business.public_id])).content.decode()
    assert "Six men live in a cabin behind the wash bays." not in page  # the profile lists reports, not their text
    assert report.reference in page
    assert "As a supplier to Anytown Council" in page and "Sparkle Car Wash Ltd" in page
    assert "£1,500" in page
    assert AuditEvent.objects.filter(action="view", record_id=str(business.public_id)).exists()


def test_a_rejected_match_is_not_proposed_again(anytown, car_wash):
    _, business, _ = car_wash
    supplier = SupplierFactory(organisation=anytown, name="Sparkle Car Wash Ltd", postcode="AN4 9ZZ")
    outcome = linking.find_matching_supplier(business, anytown)
    assert outcome.result == "review"
    MatchReview.objects.filter(pk=outcome.review.pk).update(status=MatchReview.Status.REJECTED)
    assert linking.find_matching_supplier(business, anytown).result == "none"
    business.refresh_from_db()
    assert business.supplier is None and supplier.intelligence_businesses.count() == 0


def test_a_certain_match_links_straight_away(anytown, car_wash):
    _, business, _ = car_wash
    supplier = SupplierFactory(organisation=anytown, name="Station Yard Car Wash Ltd", postcode="AN4 3CW",
                               address="Unit 3 Station Yard, Mill Lane, Anytown")
    outcome = linking.find_matching_supplier(business, anytown)
    assert outcome.result == "linked"
    business.refresh_from_db()
    assert business.supplier == supplier
    assert not MatchReview.objects.exists()


def test_the_supplier_part_is_only_for_people_who_may_see_suppliers(anytown, car_wash, client, sign_in):
    _, business, _ = car_wash
    supplier = SupplierFactory(organisation=anytown, name="Station Yard Car Wash Ltd")
    Business.objects.filter(pk=business.pk).update(supplier=supplier)
    sign_in(client, make_user(anytown, Role.PARTNERSHIP_COORDINATOR))
    page = client.get(reverse("intelligence:business", args=[business.public_id])).content.decode()
    assert "Also a council supplier" in page
    assert "Station Yard Car Wash Ltd" not in page and "As a supplier to" not in page


def test_premises_page_brings_together_intelligence_businesses_and_linked_concerns(anytown, car_wash, client, sign_in):
    place, business, report = car_wash
    responder = make_user(anytown, Role.FIRST_RESPONDER)
    concern = ConcernFactory(reporter=responder, reporter_organisation=anytown, handling_organisation=anytown,
                             what_happened="Seen.", status=Concern.Status.NEW)
    sign_in(client, responder)

    missing = client.post(reverse("intelligence:premises-link-concern", args=[place.public_id]), {"reference": "MS-NOPE-NOPE"})
    assert missing.status_code == 400
    assert "No concern you handle has that reference" in missing.content.decode()

    client.post(reverse("intelligence:premises-link-concern", args=[place.public_id]), {"reference": concern.reference.lower()})
    assert ConcernPremises.objects.filter(concern=concern, premises=place).exists()
    page = client.get(reverse("intelligence:premises", args=[place.public_id])).content.decode()
    assert report.reference in page and business.name in page and concern.reference in page
    assert AuditEvent.objects.filter(action="view", record_id=str(place.public_id)).exists()

    client.logout()
    sign_in(client, make_user(anytown, Role.PARTNERSHIP_COORDINATOR))
    page = client.get(reverse("intelligence:premises", args=[place.public_id])).content.decode()
    assert concern.reference not in page
    assert "Only people who handle concerns see the concerns linked here." in page


def test_recording_premises_and_a_business(anytown, client, sign_in):
    sign_in(client, make_user(anytown, Role.PARTNERSHIP_COORDINATOR))
    empty = client.post(reverse("intelligence:premises-add"), {"postcode": "an1 1hs"})
    body = empty.content.decode()
    assert empty.status_code == 400 and "Enter the address of the premises" in body and "Select the type of premises" in body
    assert 'value="an1 1hs"' in body
    assert "<title>Error: Record premises" in body and "Error: Error:" not in body  # said once
    client.post(reverse("intelligence:premises-add"), {"address": "12 High Street", "postcode": "an1 1hs",
                                                       "premises_type": "nail_bar"})
    place = Premises.objects.get()
    assert place.postcode == "AN1 1HS" and place.organisation == anytown
    client.post(reverse("intelligence:business-add"), {"name": "Glamour Nails", "company_number": "ab 12 34",
                                                       "premises": [str(place.public_id)]})
    business = Business.objects.get()
    errors = client.post(reverse("intelligence:business-add"), {"name": ""}).content.decode()
    assert "<title>Error: Record a business" in errors and "Error: Error:" not in errors  # said once
    assert business.company_number == "AB1234" and list(business.premises.all()) == [place]
