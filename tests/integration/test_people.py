"""Administrators manage the people in their organisations."""

import html

import pytest
from django.urls import reverse

from clearsight.core.models import Membership
from clearsight.core.roles import Role

from ..factories import make_user

pytestmark = pytest.mark.django_db


def form_data(person, **changes):
    data = {"full_name": person.full_name, "job_title": person.job_title, "phone": person.phone,
            "roles": [Role.STAFF], "is_active": "yes", "version": person.version}
    data.update(changes)
    return data


def test_administrator_changes_roles(client, sign_in, anytown, administrator):
    person = make_user(anytown, Role.STAFF)
    sign_in(client, administrator)
    client.post(reverse("core:person-edit", args=[person.public_id]),
                form_data(person, roles=[Role.STAFF, Role.FIRST_RESPONDER]))
    assert set(Membership.objects.filter(user=person).values_list("role", flat=True)) == {Role.STAFF, Role.FIRST_RESPONDER}
    person.refresh_from_db()
    assert person.version == 2


def test_second_of_two_concurrent_edits_is_told_and_loses_nothing(client, sign_in, anytown, administrator):
    person = make_user(anytown, Role.STAFF)
    other_admin = make_user(anytown, Role.ADMINISTRATOR)
    url = reverse("core:person-edit", args=[person.public_id])
    # Both administrators open the form at version 1
    first = form_data(person, job_title="Housing officer")
    second = form_data(person, job_title="Senior housing officer", phone="01632 960000")

    sign_in(client, administrator)
    assert client.post(url, first).status_code == 302
    client.logout()

    sign_in(client, other_admin)
    response = client.post(url, second)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed these details while you were editing them" in page
    # What the second administrator typed is still in the form
    assert 'value="Senior housing officer"' in page
    assert 'value="01632 960000"' in page
    # And the first edit was not overwritten
    person.refresh_from_db()
    assert person.job_title == "Housing officer" and person.phone == ""
    # Saving again, having seen the conflict, succeeds
    resubmit = dict(second, version=person.version)
    assert client.post(url, resubmit).status_code == 302
    person.refresh_from_db()
    assert person.job_title == "Senior housing officer"


def test_missing_name_is_an_error_and_keeps_other_answers(client, sign_in, anytown, administrator):
    person = make_user(anytown, Role.STAFF)
    sign_in(client, administrator)
    page = html.unescape(client.post(reverse("core:person-edit", args=[person.public_id]),
                                     form_data(person, full_name="", job_title="Outreach worker")).content.decode())
    assert "Enter the person's full name" in page
    assert 'value="Outreach worker"' in page


def test_administrator_cannot_remove_their_own_administrator_role(client, sign_in, administrator):
    sign_in(client, administrator)
    page = client.post(reverse("core:person-edit", args=[administrator.public_id]),
                       form_data(administrator, roles=[Role.STAFF])).content.decode()
    assert "You cannot remove your own administrator role" in page
    assert Role.ADMINISTRATOR in administrator.roles


def test_suspended_person_cannot_sign_in(client, sign_in, anytown, administrator):
    from ..factories import PASSWORD

    person = make_user(anytown, Role.STAFF)
    sign_in(client, administrator)
    client.post(reverse("core:person-edit", args=[person.public_id]), form_data(person, is_active="no"))
    client.logout()
    page = client.post(reverse("core:sign-in"), {"email": person.email, "password": PASSWORD}).content.decode()
    assert "The email address or password is not right" in page


def test_people_list_shows_only_own_organisations(client, sign_in, anytown, bexford, administrator):
    ours = make_user(anytown, Role.STAFF)
    theirs = make_user(bexford, Role.STAFF)
    sign_in(client, administrator)
    page = client.get(reverse("core:people")).content.decode()
    assert ours.full_name in page and theirs.full_name not in page
