"""Administrators manage the people in their organisations."""

import html

import pytest
from django.test import Client
from django.urls import reverse

from clearsight.core.models import Membership
from clearsight.core.roles import Role

from ..factories import make_user
from ..form_helpers import form_values

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
    assert "Someone else changed this record while you were editing it" in page
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


def test_an_account_changed_by_two_administrators_at_once_keeps_both_changes(client, sign_in, anytown, administrator):
    """Given a person's account open by two administrators, when one changes the job title and the other
    the phone number, then the second save is refused and merged: the form shows the new job title and
    keeps the phone number typed, and saving again keeps both (before, it put the old job title back)."""
    person = make_user(anytown, Role.STAFF)
    url = reverse("core:person-edit", args=[person.public_id])
    sign_in(client, administrator)
    other = Client()
    sign_in(other, make_user(anytown, Role.ADMINISTRATOR))
    mine, theirs = client.get(url).content.decode(), other.get(url).content.decode()
    assert other.post(url, form_values(theirs, job_title="Housing officer")).status_code == 302
    refused = client.post(url, form_values(mine, phone="01632 960000"))
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "The form now shows their change to the job title." in page
    assert f"<title>Error: Change details of {person.full_name}" in html.unescape(page)  # said once
    assert client.post(url, form_values(page)).status_code == 302
    person.refresh_from_db()
    assert (person.job_title, person.phone) == ("Housing officer", "01632 960000")
    # Both change the roles, differently: this administrator's stay, and the field says what they are now.
    mine, theirs = client.get(url).content.decode(), other.get(url).content.decode()
    assert other.post(url, form_values(theirs, roles=[Role.STAFF, Role.FIRST_RESPONDER])).status_code == 302
    page = html.unescape(client.post(url, form_values(mine, roles=[Role.STAFF, Role.CASEWORKER])).content.decode())
    assert "You both changed the roles" in page
    assert set(Membership.objects.filter(user=person).values_list("role", flat=True)) == {Role.STAFF, Role.FIRST_RESPONDER}


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


def test_roles_left_as_they_were_show_the_other_administrators_change_to_them(client, sign_in, anytown, administrator):
    """Given a person with two roles open by two administrators, when one adds a role and the other changes
    only the job title, then the second save is refused and the form shows the roles as saved now: the roles
    this administrator left alone are not said to be changed by both (the checkboxes come back in another
    order than the roles are saved in), and saving again keeps the added role."""
    person = make_user(anytown, Role.STAFF, Role.CASEWORKER)
    url = reverse("core:person-edit", args=[person.public_id])
    sign_in(client, administrator)
    other = Client()
    sign_in(other, make_user(anytown, Role.ADMINISTRATOR))
    mine, theirs = client.get(url).content.decode(), other.get(url).content.decode()
    assert other.post(url, form_values(theirs, roles=[Role.STAFF, Role.CASEWORKER, Role.AUDITOR])).status_code == 302
    page = html.unescape(client.post(url, form_values(mine, job_title="Housing officer")).content.decode())
    assert "You both changed" not in page
    assert "The form now shows their change to the roles." in page
    assert client.post(url, form_values(page)).status_code == 302
    person.refresh_from_db()
    assert person.job_title == "Housing officer"
    assert set(Membership.objects.filter(user=person).values_list("role", flat=True)) == {
        Role.STAFF, Role.CASEWORKER, Role.AUDITOR}
