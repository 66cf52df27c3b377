"""Optimistic locking (core.locking): of two saves from the same version, the second changes nothing."""

import datetime

import pytest
from django import forms

from clearsight.core import locking
from clearsight.core.models import User
from clearsight.supply.models import Supplier

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_second_save_from_the_same_version_returns_false_and_overwrites_nothing(anytown):
    person = UserFactory(full_name="First name")
    people = User.objects.all()
    start = person.version

    assert locking.save_if_unchanged(people, person.pk, start, full_name="Saved first")
    assert not locking.save_if_unchanged(people, person.pk, start, full_name="Saved second")

    person.refresh_from_db()
    assert person.full_name == "Saved first" and person.version == start + 1
    assert locking.current_version(people, person.pk) == start + 1
    # Saving again from the version as it is now is a deliberate choice, and works.
    assert locking.save_if_unchanged(people, person.pk, start + 1, full_name="Saved second")
    person.refresh_from_db()
    assert person.full_name == "Saved second" and person.version == start + 2


def test_without_a_version_nothing_is_saved(anytown):
    person = UserFactory(full_name="Kept")
    assert not locking.save_if_unchanged(User.objects.all(), person.pk, None, full_name="Changed")
    person.refresh_from_db()
    assert person.full_name == "Kept"


def test_updated_at_moves_only_on_a_model_that_has_it(anytown):
    supplier = Supplier.objects.create(organisation=anytown, name="Acme Cleaning Ltd")
    Supplier.objects.filter(pk=supplier.pk).update(updated_at=supplier.updated_at - datetime.timedelta(days=3))
    supplier.refresh_from_db()
    before = supplier.updated_at

    assert locking.save_if_unchanged(Supplier.objects.all(), supplier.pk, supplier.version, name="Acme Cleaning Limited")
    supplier.refresh_from_db()
    assert supplier.name == "Acme Cleaning Limited" and supplier.updated_at > before
    # A queryset scoped away from the record saves nothing, as if someone else had saved first.
    assert not locking.save_if_unchanged(Supplier.objects.none(), supplier.pk, supplier.version, name="Other")


def test_bump_version_refuses_forms_opened_before(anytown):
    person = UserFactory()
    opened_at = person.version
    locking.bump_version(User.objects.all(), person.pk)
    assert not locking.save_if_unchanged(User.objects.all(), person.pk, opened_at, full_name="Too late")


class _Form(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField()


def test_the_conflict_error_keeps_what_was_typed_and_carries_the_current_version():
    form = _Form({"version": "3", "name": "What I typed"})
    assert form.is_valid()
    locking.add_conflict_error(form, 5)
    assert form.non_field_errors() == [locking.CONFLICT]
    assert form["name"].value() == "What I typed" and form["version"].value() == "5"
    assert locking.CONFLICT.startswith("Someone else changed this record while you were editing it.")
