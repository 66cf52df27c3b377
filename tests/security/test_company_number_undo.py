"""Saying a supplier's matched company number is not its company ("Not this company"), as someone who
manages one organisation's supply data and only views another's: only the first's can be changed.
Through the sign-in pages."""

import pytest
from django.urls import reverse

from clearsight.core.roles import Role
from clearsight.matching.models import CompanyNumberSource, MatchReview
from clearsight.supply.models import Supplier

from ..factories import MembershipFactory, OrganisationFactory, SupplierFactory, make_user
from .conftest import sign_in_through_pages

pytestmark = pytest.mark.django_db


def _matched(organisation, name):
    supplier = SupplierFactory(organisation=organisation, name=name, company_number="04043223")
    CompanyNumberSource.objects.create(supplier=supplier, company_number="04043223", register_label="Test register 1",
                                       method="matched", probability=0.97)
    return supplier


def _choose(client, organisation):
    client.post(reverse("core:choose-organisation"), {"organisation": str(organisation.public_id), "next": "/"})


def test_a_manager_of_one_organisation_cannot_undo_a_match_of_another_it_only_views():
    anytown = OrganisationFactory(name="Anytown Council")
    bexford = OrganisationFactory(name="Bexford Borough Council")
    person = make_user(anytown, Role.PROCUREMENT_OFFICER)
    MembershipFactory(user=person, organisation=bexford, role=Role.CONTRACT_MANAGER)
    theirs = _matched(bexford, "Hire Station Ltd")
    ours = _matched(anytown, "Hire Station Ltd")
    client = sign_in_through_pages(person)
    undo = reverse("matching:not-this-company", kwargs={"public_id": theirs.public_id})

    # Acting for Bexford, where they only view suppliers: they see the number's origin, not the undo
    _choose(client, bexford)
    page = client.get(reverse("supply:supplier", kwargs={"public_id": theirs.public_id})).content.decode()
    assert "Matched automatically" in page and undo not in page
    assert client.post(undo, {"version": theirs.version}).status_code == 403
    # Acting for Anytown, where they manage supply data: Bexford's supplier is not theirs to change
    _choose(client, anytown)
    assert client.post(undo, {"version": theirs.version}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.company_number == "04043223" and not MatchReview.objects.filter(subject_supplier=theirs).exists()
    # while their own organisation's is
    assert client.post(reverse("matching:not-this-company", kwargs={"public_id": ours.public_id}),
                       {"version": ours.version}).status_code == 302
    assert Supplier.objects.get(pk=ours.pk).company_number == ""
