"""What other contexts ask of operations, and who sees an operation."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from clearsight.core.roles import Role
from clearsight.operations import services

from ..factories import OperationFactory, OrganisationFactory, PremisesFactory, agreement_in_force, change_agreement, make_user


@pytest.fixture
def police(db):
    return OrganisationFactory(name="Anytown Police", kind="police", is_first_responder=False)


@pytest.mark.django_db
def test_planned_operations_for_an_agenda_hold_no_personal_data(anytown, police, bexford):
    user = make_user(anytown, Role.PARTNERSHIP_COORDINATOR)
    later = OperationFactory(name="Later", date=date(2026, 5, 1), lead_agency=police, created_by=user)
    later.participating_agencies.set([anytown])
    OperationFactory(name="Sooner", date=date(2026, 4, 1), lead_agency=anytown, created_by=user)
    OperationFactory(name="Done", date=date(2026, 3, 1), lead_agency=anytown, created_by=user, status="done")
    OperationFactory(name="Elsewhere", date=date(2026, 4, 2), lead_agency=bexford, created_by=user)
    rows = services.planned_operations([anytown.pk])
    assert [r["name"] for r in rows] == ["Sooner", "Later"]
    assert set(rows[0]) == {"public_id", "reference", "name", "date", "lead_agency", "status"}
    assert rows[1]["lead_agency"] == "Anytown Police"


@pytest.mark.django_db
def test_operations_at_premises(anytown):
    user = make_user(anytown, Role.PARTNERSHIP_COORDINATOR)
    premises = PremisesFactory(organisation=anytown, address="1 Mill Lane", premises_type="hand_car_wash")
    op = OperationFactory(name="Lather", date=date(2026, 5, 1), lead_agency=anytown, created_by=user)
    OperationFactory(name="Other", date=date(2026, 5, 1), lead_agency=anytown, created_by=user)
    op.target_premises.set([premises])
    assert list(services.operations_at(premises).for_user(user)) == [op]


@pytest.mark.django_db
def test_a_participating_agency_sees_the_operation_but_only_the_lead_coordinators_and_theirs_change_it(
        client, sign_in, anytown, police, bexford):
    lead = make_user(anytown, Role.PARTNERSHIP_COORDINATOR)
    officer = make_user(police, Role.FIRST_RESPONDER)
    outsider = make_user(bexford, Role.PARTNERSHIP_COORDINATOR)
    op = OperationFactory(name="Joint", date=date(2026, 5, 1), lead_agency=anytown, created_by=lead)
    op.participating_agencies.set([police])
    url = reverse("operations:operation", kwargs={"public_id": op.public_id})
    sign_in(client, officer)
    assert client.get(url).status_code == 404  # taking part is not enough without an agreement
    from django.utils import timezone


    agreement = agreement_in_force(anytown, police, kinds=["operations"], review_on=date(2099, 1, 1))
    assert client.get(url).status_code == 200
    change_agreement(agreement, ends_on=timezone.localdate() - timedelta(days=1))
    assert client.get(url).status_code == 404  # the agreement ended: the sharing stopped
    change_agreement(agreement, ends_on=None)
    assert client.get(reverse("operations:edit", kwargs={"public_id": op.public_id})).status_code == 403
    sign_in(client, outsider)
    assert client.get(url).status_code == 404
    assert not services.can_edit(outsider, op)
    assert services.can_edit(lead, op)
