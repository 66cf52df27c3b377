"""Issue 14, M4: one organisation's administrator cannot suspend or rename an account that another
organisation made (its home organisation), even when the person also works for theirs; they can
change the person's roles in their own organisation, or remove them all to end the membership."""

import html

import pytest
from django.urls import reverse

from clearsight.core.models import Membership, User
from clearsight.core.roles import Role

from ..factories import MembershipFactory, OrganisationFactory, make_user
from .conftest import sign_in_through_pages

pytestmark = pytest.mark.django_db


def test_m4_only_the_home_organisation_suspends_or_renames_an_account(db):
    anytown = OrganisationFactory(name="Anytown Council", kind="council", is_first_responder=False)
    bexford = OrganisationFactory(name="Bexford Borough Council", kind="council", is_first_responder=False)
    responder = make_user(anytown, Role.FIRST_RESPONDER)  # Anytown made the account
    MembershipFactory(user=responder, organisation=bexford, role=Role.STAFF)
    bexford_admin = make_user(bexford, Role.ADMINISTRATOR, Role.STAFF)
    client = sign_in_through_pages(bexford_admin)
    url = reverse("core:person-edit", kwargs={"public_id": responder.public_id})
    base = {"full_name": responder.full_name, "job_title": "", "phone": "", "is_active": "yes",
            "roles": [Role.STAFF], "version": str(responder.version)}

    for change in ({"is_active": "no"}, {"full_name": "Someone Else"}):
        page = html.unescape(client.post(url, base | change).content.decode())
        assert "Only Anytown Council's administrators can rename or suspend this account" in page
        responder.refresh_from_db()
        assert responder.is_active and responder.full_name != "Someone Else"

    # Ending the membership at Bexford is theirs to do
    assert client.post(url, base | {"roles": []}).status_code == 302
    assert not Membership.objects.filter(user=responder, organisation=bexford).exists()
    assert User.objects.get(pk=responder.pk).is_active

    # Anytown's administrator can suspend the account
    anytown_admin = make_user(anytown, Role.ADMINISTRATOR, Role.STAFF)
    responder.refresh_from_db()
    response = sign_in_through_pages(anytown_admin).post(
        url, base | {"roles": [Role.FIRST_RESPONDER], "is_active": "no", "version": str(responder.version)})
    assert response.status_code == 302
    responder.refresh_from_db()
    assert not responder.is_active
