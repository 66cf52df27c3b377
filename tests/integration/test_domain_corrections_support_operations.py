"""Issue 17, domain corrections found by held-out scenarios: Victim Care Contract support is NRM
support; a declined offer or referral is recorded and counted; operation figures give the children
referred to the NRM and can be read by financial year. Each test is one scenario, given/when/then."""

import csv
import io
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from clearsight.cases.models import ServiceReferral
from clearsight.core.dates import FinancialYear
from clearsight.core.roles import Role

from ..factories import (
    NrmRecordFactory,
    OperationFactory,
    OperationVictimFactory,
    ServiceReferralFactory,
    make_case,
    make_user,
)

pytestmark = pytest.mark.django_db

VICTIM_CARE = "Support through the Modern Slavery Victim Care Contract (NRM support)"


def _csv(client, table, query=""):
    response = client.get(reverse("operations:figures-export", kwargs={"table": table}) + query)
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]


def _date_fields(prefix, day):
    return {f"{prefix}-day": str(day.day), f"{prefix}-month": str(day.month), f"{prefix}-year": str(day.year)}


@pytest.fixture
def team(anytown):
    coordinator = make_user(anytown, Role.PARTNERSHIP_COORDINATOR, Role.CASEWORKER)
    return coordinator


def _operation_with(case, coordinator, on):
    operation = OperationFactory(
        name="Operation Harbour", date=on, status="done", lead_agency=case.organisation, created_by=coordinator
    )
    OperationVictimFactory(operation=operation, case=case, added_by=coordinator)
    return operation


def test_a_completed_victim_care_contract_offer_is_nrm_support_not_support_outside_the_nrm(
    client, sign_in, anytown, team
):
    """Given an adult found in an operation whose case records a completed offer of support through the
    Modern Slavery Victim Care Contract (and no NRM decision yet on the case),
    when the caseworker records it on the support plan and the coordinator reads the operation figures,
    then the offer is shown as NRM support, in the pathways and the outcome, never as support outside the NRM."""
    today = timezone.localdate()
    case = make_case(
        anytown, team, date_of_birth=today - timedelta(days=365 * 30), opened_on=today - timedelta(days=20)
    )
    sign_in(client, team)
    add = reverse("cases:service-referral-add", args=[case.public_id])
    assert 'value="victim_care" checked' in client.get(add + "?kind=victim_care").content.decode()
    response = client.post(
        add,
        {
            "kind": "victim_care",
            "service": "Safe house and outreach",
            "status": "completed",
            **_date_fields("requested_on", today - timedelta(days=10)),
            "notes": "",
        },
    )
    assert response.status_code == 302
    support = client.get(reverse("cases:support", args=[case.public_id])).content.decode()
    assert "NRM support" in support and "Victim Care Contract: Safe house and outreach" in support

    _operation_with(case, team, today - timedelta(days=25))
    pathways = dict(_csv(client, "pathways"))
    outcomes = dict(_csv(client, "outcomes"))
    assert pathways == {VICTIM_CARE: "1"}
    assert outcomes == {"Supported in the NRM through the Victim Care Contract, case open": "1"}
    assert not any("outside the NRM" in text for text in [*pathways, *outcomes])


def test_victim_care_referrals_typed_before_the_correction_are_reclassified(anytown, team):
    """Given referrals saved before there was a kind, one naming the Victim Care Contract, one 'MSVCC',
    one counselling, and one declined,
    when the correcting migration's data step runs,
    then the first two are Victim Care Contract support, counselling stays another service, and the
    declined one takes the day it was last changed as the day it was declined."""
    case = make_case(anytown, team)
    day = timezone.localdate() - timedelta(days=3)
    named = ServiceReferralFactory(case=case, service="Modern Slavery Victim Care Contract outreach")
    short = ServiceReferralFactory(case=case, service="MSVCC accommodation")
    other = ServiceReferralFactory(case=case, service="Counselling")
    declined = ServiceReferralFactory(case=case, service="Legal advice", status="declined", updated_on=day)
    migration = import_module("clearsight.cases.migrations.0002_support_declined_victim_care_register_history")
    migration.classify_and_date(apps, None)
    kinds = dict(ServiceReferral.objects.values_list("pk", "kind"))
    assert (kinds[named.pk], kinds[short.pk], kinds[other.pk]) == ("victim_care", "victim_care", "service")
    declined.refresh_from_db()
    assert declined.declined_on == day


def test_a_declined_offer_is_recorded_with_its_date_and_reason_and_counted(client, sign_in, anytown, team):
    """Given a person from an operation who is offered counselling and Victim Care Contract support,
    when they decline the Victim Care Contract offer and the caseworker records it as declined,
    then a date is asked for, the support plan shows when and why, and the operation figures count the
    person as having declined an offer (it no longer disappears)."""
    today = timezone.localdate()
    case = make_case(
        anytown, team, date_of_birth=today - timedelta(days=365 * 40), opened_on=today - timedelta(days=20)
    )
    ServiceReferralFactory(case=case, service="Counselling", status="accepted", requested_on=today - timedelta(days=9))
    sign_in(client, team)
    add = reverse("cases:service-referral-add", args=[case.public_id])
    offer = {
        "kind": "victim_care",
        "service": "Outreach support",
        "status": "declined",
        **_date_fields("requested_on", today - timedelta(days=8)),
        "notes": "",
    }
    errors = client.post(add, offer).content.decode()
    assert "Enter the date it was declined" in errors
    response = client.post(
        add,
        {
            **offer,
            **_date_fields("declined_on", today - timedelta(days=2)),
            "declined_reason": "Wants to stay near her sister",
        },
    )
    assert response.status_code == 302
    referral = ServiceReferral.objects.get(service="Outreach support")
    assert (referral.status, referral.declined_on, referral.declined_reason) == (
        "declined",
        today - timedelta(days=2),
        "Wants to stay near her sister",
    )
    support = client.get(reverse("cases:support", args=[case.public_id])).content.decode()
    assert "Wants to stay near her sister" in support
    summary = client.get(reverse("cases:outcomes-summary")).content.decode()
    victim_care_row = summary.split('data-offer-kind="victim_care"')[1].split("</tr>")[0]
    assert 'data-status="declined">1<' in victim_care_row
    other_row = summary.split('data-offer-kind="service"')[1].split("</tr>")[0]
    assert 'data-status="accepted">1<' in other_row and 'data-status="declined">0<' in other_row

    _operation_with(case, team, today - timedelta(days=25))
    victims = dict(_csv(client, "victims"))
    assert victims["Declined an offer of support or a referral"] == "1"
    assert dict(_csv(client, "declined")) == {VICTIM_CARE: "1"}
    assert dict(_csv(client, "pathways")) == {"Referred to a service: Counselling": "1"}
    assert "Supported outside the NRM, case open" in dict(_csv(client, "outcomes"))  # declined: not NRM support


def test_children_referred_to_the_nrm_and_figures_by_financial_year(client, sign_in, anytown, team):
    """Given two operations either side of 1 April (the last day of one financial year and the first of
    the next, both in one calendar year or across two), one finding a child referred to the NRM and an
    adult referred, the other finding a child not referred,
    when the coordinator reads the figures for each financial year and for the calendar year,
    then each financial year has only its own operation and says how many children were referred to the NRM."""
    this_year = FinancialYear.containing(timezone.localdate())
    last_day, first_day = this_year.previous.ends, this_year.starts
    child = make_case(
        anytown, team, first_name="A", date_of_birth=last_day - timedelta(days=365 * 12), opened_on=last_day
    )
    adult = make_case(
        anytown, team, first_name="B", date_of_birth=last_day - timedelta(days=365 * 30), opened_on=last_day
    )
    younger = make_case(
        anytown, team, first_name="C", date_of_birth=first_day - timedelta(days=365 * 15), opened_on=first_day
    )
    NrmRecordFactory(case=child, referred_on=last_day)
    NrmRecordFactory(case=adult, referred_on=last_day)
    earlier = _operation_with(child, team, last_day)
    OperationVictimFactory(operation=earlier, case=adult, added_by=team)
    _operation_with(younger, team, first_day)
    sign_in(client, team)

    page = client.get(reverse("operations:figures")).content.decode()
    assert f"{this_year.previous.label} (financial year)" in page and f"{this_year.label} (financial year)" in page

    previous = dict(_csv(client, "victims", f"?fy={this_year.previous.start_year}"))
    assert (
        previous["Potential victims identified"],
        previous["Children"],
        previous["Referred to the NRM"],
        previous["Children referred to the NRM"],
    ) == ("2", "1", "2", "1")
    current = dict(_csv(client, "victims", f"?fy={this_year.start_year}"))
    assert (current["Potential victims identified"], current["Children"], current["Children referred to the NRM"]) == (
        "1",
        "1",
        "0",
    )
    chosen = client.get(reverse("operations:figures") + f"?period=fy-{this_year.start_year}").content.decode()
    assert f"in the financial year {this_year.label}" in chosen
    calendar = dict(_csv(client, "victims", f"?year={first_day.year}"))
    expected = "3" if last_day.year == first_day.year else "1"
    assert calendar["Potential victims identified"] == expected


def test_factory_and_warehouse_are_separate_premises_types_in_intelligence_and_operation_figures(
    client, sign_in, anytown, team
):
    """Given premises recorded before the split as "Factory or warehouse" (one at a distribution park,
    one at a unit whose address says nothing), and a new warehouse recorded through the page,
    when the correcting migration's data step runs and an operation targets all three,
    then the distribution park is a warehouse, the unclear one keeps the clearly named legacy type, the
    form no longer offers the combined type, and the figures count factories and warehouses apart."""
    from clearsight.intelligence.models import Premises

    from ..factories import PremisesFactory

    park = PremisesFactory(organisation=anytown, address="Unit 4, Northgate Distribution Park", premises_type="factory")
    unclear = PremisesFactory(organisation=anytown, address="Unit 7, Station Yard", premises_type="factory")
    migration = import_module("clearsight.intelligence.migrations.0002_premises_types_factory_and_warehouse")
    migration.split_factory_and_warehouse(apps, None)
    park.refresh_from_db()
    unclear.refresh_from_db()
    assert (park.premises_type, unclear.premises_type) == ("warehouse", "factory_or_warehouse")

    sign_in(client, team)
    from clearsight.intelligence.forms import PremisesForm

    offered = [code for code, _ in PremisesForm(organisations=[anytown]).fields["premises_type"].choices]
    assert "factory" in offered and "warehouse" in offered and "factory_or_warehouse" not in offered
    bakery = PremisesFactory(organisation=anytown, address="Acme Bakery", premises_type="factory")
    operation = OperationFactory(
        name="Operation Depot",
        date=timezone.localdate() - timedelta(days=3),
        status="done",
        lead_agency=anytown,
        created_by=team,
    )
    operation.target_premises.set(Premises.objects.filter(pk__in=[park.pk, unclear.pk, bakery.pk]))
    assert sorted(_csv(client, "premises-types")) == [
        ["Factory or food processing plant", "1", "1"],
        ["Factory or warehouse (recorded before the two were separate)", "1", "1"],
        ["Warehouse or distribution centre", "1", "1"],
    ]
