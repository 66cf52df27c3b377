"""People in the administrator's organisations: list, view and change. Every view and change is
audited. Edits carry a version number, so a second editor is told instead of overwriting."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import audit, locking, throttle
from .. import acting
from ..forms import PersonForm
from ..models import Membership, User
from ..roles import Capability, Role, role_label
from .access import requires


def _people(request):
    return User.people.for_user(request.user)


def _managed_organisation(request, person):
    """The organisation in which the administrator manages this person (the first they share)."""
    admin_orgs = request.user.organisation_ids_with_role(Role.ADMINISTRATOR)
    return next(o for o in person.organisations if o.id in admin_orgs)


@never_cache
@requires(Capability.MANAGE_PEOPLE)
def people_list(request):
    people = list(_people(request).prefetch_related("memberships__organisation"))
    audit.record(request, audit.Action.VIEW, record_type="user list", description=f"{len(people)} people listed")
    return render(request, "core/people_list.html", {"people": people})


@never_cache
@requires(Capability.MANAGE_PEOPLE)
def person_detail(request, public_id):
    person = get_object_or_404(_people(request), public_id=public_id)
    audit.record_for(request, audit.Action.VIEW, person)
    organisation = _managed_organisation(request, person)
    return render(request, "core/person_detail.html", {
        "person": person,
        "organisation": organisation,
        "roles": [role_label(r) for r in person.roles_in(organisation)],
        "sign_in": throttle.account_state(person.email),
    })


@never_cache
@requires(Capability.MANAGE_PEOPLE)
@require_POST
def person_clear_sign_in_delay(request, public_id):
    """An administrator lets a person sign in now: the failed attempts counted against their account
    are forgotten, so the wait after them ends (core/throttle.py). Recorded in the audit log."""
    person = get_object_or_404(_people(request), public_id=public_id)
    state = throttle.account_state(person.email)
    throttle.clear_account(person.email)
    audit.record_for(request, audit.Action.CHANGE, person,
                     description=f"Sign-in delay cleared after {state.failures} failed attempts")
    messages.success(request, f"{person.full_name} can sign in now.")
    return redirect("core:person-detail", public_id=person.public_id)


@never_cache
@requires(Capability.MANAGE_PEOPLE)
def person_edit(request, public_id):
    person = get_object_or_404(_people(request), public_id=public_id)
    organisation = _managed_organisation(request, person)
    form = PersonForm(request.POST if request.method == "POST" else None, initial=PersonForm.initial_for(person, organisation))
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["roles"] == [] and person == request.user:
            form.add_error("roles", "You cannot remove all of your own roles")
        elif person == request.user and Role.ADMINISTRATOR not in data["roles"]:
            form.add_error("roles", "You cannot remove your own administrator role. Ask another administrator")
        elif not _may_change_account(request.user, person) and (
                data["full_name"] != person.full_name or data["is_active"] != person.is_active):
            home = acting.home_organisation(person)
            form.add_error(None, f"Only {home.name}'s administrators can rename or suspend this account: it is "
                                 f"{home.name}'s. You can change {person.full_name}'s roles at {organisation.name}, "
                                 "or remove them all to end their membership.")
        else:
            changed = _save_person(_people(request), person, organisation, data)
            if changed is None:
                conflict = True
                person.refresh_from_db()
                # Merged with the account as saved now (core.locking): what only the other administrator
                # changed is shown, what both changed keeps this one's answer and says what is saved now.
                locking.add_conflict_error(form, person.version, PersonForm.initial_for(person, organisation))
            else:
                audit.record_for(request, audit.Action.CHANGE, person,
                                 description="Changed: " + (", ".join(changed) if changed else "nothing"))
                messages.success(request, f"The details of {person.full_name} have been saved.")
                return redirect("core:person-detail", public_id=person.public_id)
    if request.method == "GET" or conflict:
        audit.record_for(request, audit.Action.VIEW, person, description="Edit form" + (": conflict shown" if conflict else ""))
    return render(request, "core/person_edit.html", {
        "form": form,
        "person": person,
        "organisation": organisation,
        "conflict": conflict,
    })


def _may_change_account(administrator, person):
    """Only the administrators of a person's home organisation (the one that made their account)
    rename or suspend it: the account is shared by every organisation they work for (issue 14, M4)."""
    home = acting.home_organisation(person)
    return home is None or home.id in acting.organisations_administered_by(administrator)


def _save_person(people, person, organisation, data):
    """Save the edit if nobody else saved since the form was loaded. Returns the names of the
    changed fields, or None if the record changed in the meantime (nothing is saved then)."""
    fields = {"full_name": "full name", "job_title": "job title", "phone": "phone number", "is_active": "whether they can sign in"}
    with transaction.atomic():
        if not locking.save_if_unchanged(people, person.pk, data["version"], **{name: data[name] for name in fields}):
            return None
        changed = [label for name, label in fields.items() if getattr(person, name) != data[name]]
        old_roles = set(person.roles_in(organisation))
        new_roles = set(data["roles"])
        if old_roles != new_roles:
            Membership.objects.filter(user=person, organisation=organisation, role__in=old_roles - new_roles).delete()
            for role in new_roles - old_roles:
                Membership.objects.create(user=person, organisation=organisation, role=role)
            changed.append("roles")
    return changed
