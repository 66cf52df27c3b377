"""A case's support plan: tasks in four phases (Newcastle's immediate, short, medium and long term
support), referrals to services and partners, and accommodation placements.

Every page reads the case through ``Case.objects.for_user`` (another organisation's case is a 404)
and records what was seen or changed in the audit log, against the case's public id. Edits carry a
version and the values the form started from, so a second editor is told rather than overwriting,
keeps what they typed, and sees the first editor's changes merged in (core.locking, ADR 0038).
"""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from clearsight.core import audit, locking
from clearsight.core.dates import add_working_days
from clearsight.core.models import Organisation

from .. import support_forms as f
from ..models import Placement, SupportTask
from .case import case_context, case_work, get_case

EMERGENCY_WORKING_DAYS = 5


def _partners():
    return Organisation.objects.filter(is_active=True).order_by("name")


# --- The support plan ----------------------------------------------------------------------------

@case_work
def support(request, public_id):
    case = get_case(request, public_id)
    today = timezone.localdate()
    tasks = list(case.support_tasks.select_related("owner").order_by("due_on", "pk"))
    for task in tasks:
        task.overdue = task.status != SupportTask.Status.DONE and task.due_on < today
    phases = [
        {"code": code, "label": label, "tasks": [t for t in tasks if t.phase == code]}
        for code, label in SupportTask.Phase.choices
    ]
    placements = list(case.placements.order_by("-starts_on", "-pk"))
    for placement in placements:
        placement.too_long = False
        if placement.kind == Placement.Kind.EMERGENCY:
            placement.limit = add_working_days(placement.starts_on, EMERGENCY_WORKING_DAYS)
            placement.too_long = (placement.ends_on or today) > placement.limit
    referrals = list(case.service_referrals.select_related("partner").order_by("-requested_on", "-pk"))
    audit.record_for(request, audit.Action.VIEW, case, description="Support plan")
    return render(request, "cases/support.html", case_context(
        request, case, "support", phases=phases, referrals=referrals, placements=placements,
        overdue=sum(1 for t in tasks if t.overdue),
    ))


def _support_url(case, anchor=""):
    return reverse("cases:support", args=[case.public_id]) + (f"#{anchor}" if anchor else "")


@case_work
def task_add(request, public_id):
    case = get_case(request, public_id)
    phase = request.GET.get("phase", "")
    initial = {"status": SupportTask.Status.TO_DO, "owner": request.user.public_id}
    if phase in SupportTask.Phase.values:
        initial["phase"] = phase
    form = f.SupportTaskForm(f.possible_owners(case, request.user), request.POST if request.method == "POST" else None,
                             initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        task = SupportTask.objects.create(case=case, phase=data["phase"], description=data["description"],
                                          owner=data["owner"], due_on=data["due_on"], status=data["status"])
        audit.record_for(request, audit.Action.CREATE, case, description=f"Support task {task.pk} added ({task.phase})")
        messages.success(request, "The task has been added to the support plan.")
        return redirect(_support_url(case, f"phase-{task.phase}"))
    audit.record_for(request, audit.Action.VIEW, case, description="Add a support task" + (": errors shown" if form.errors else ""))
    return render(request, "cases/support_task_form.html", case_context(request, case, "support", form=form, task=None))


@case_work
def task_edit(request, public_id, task_id):
    case = get_case(request, public_id)
    task = get_object_or_404(case.support_tasks.select_related("owner"), pk=task_id)
    form = f.SupportTaskEditForm(f.possible_owners(case, request.user, task.owner),
                                 data=request.POST if request.method == "POST" else None,
                                 initial=f.SupportTaskEditForm.initial_for(task))
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {"phase": data["phase"], "description": data["description"], "owner": data["owner"],
                  "due_on": data["due_on"], "status": data["status"]}
        with transaction.atomic():
            updated = locking.save_if_unchanged(case.support_tasks.all(), task.pk, data["version"], **fields)
        if updated:
            changed = [name for name, value in fields.items() if getattr(task, name) != value]
            audit.record_for(request, audit.Action.CHANGE, case,
                             description=f"Support task {task.pk} changed: {', '.join(changed) or 'nothing'}")
            messages.success(request, "The task has been saved.")
            return redirect(_support_url(case, f"phase-{data['phase']}"))
        conflict = True
        task = get_object_or_404(case.support_tasks.select_related("owner"), pk=task.pk)
        # Merged with the task as saved now (core.locking).
        locking.add_conflict_error(form, task.version, f.SupportTaskEditForm.initial_for(task))
    audit.record_for(request, audit.Action.VIEW, case, description=f"Support task {task.pk}" + (": conflict shown" if conflict else ""))
    return render(request, "cases/support_task_form.html", case_context(request, case, "support", form=form, task=task, conflict=conflict))


@case_work
def referral_add(request, public_id):
    case = get_case(request, public_id)
    form = f.ServiceReferralForm(_partners(), request.POST if request.method == "POST" else None,
                                 initial={"status": "requested", "requested_on": timezone.localdate(),
                                          "kind": request.GET.get("kind") or "service"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        referral = case.service_referrals.create(**{name: data[name] for name in f.ServiceReferralForm.FIELDS},
                                                 updated_on=timezone.localdate())
        audit.record_for(request, audit.Action.CREATE, case, description=f"Service referral {referral.pk} added ({referral.status})")
        messages.success(request, "The referral has been added.")
        return redirect(_support_url(case, "referrals"))
    audit.record_for(request, audit.Action.VIEW, case, description="Add a service referral" + (": errors shown" if form.errors else ""))
    return render(request, "cases/support_referral_form.html", case_context(request, case, "support", form=form, referral=None))


@case_work
def referral_edit(request, public_id, referral_id):
    case = get_case(request, public_id)
    referral = get_object_or_404(case.service_referrals.select_related("partner"), pk=referral_id)
    form = f.ServiceReferralEditForm(_partners(), data=request.POST if request.method == "POST" else None,
                                     initial=f.ServiceReferralEditForm.initial_for(referral))
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {name: data[name] for name in f.ServiceReferralForm.FIELDS}
        # Saved only if nobody else saved it since the page was opened; otherwise merged with theirs
        # (core.locking): what only they changed is shown, what both changed keeps this person's answer.
        if locking.saved_or_refused(form, case.service_referrals.all(), referral.pk, updated_on=timezone.localdate(),
                                    initial_for=f.ServiceReferralEditForm.initial_for, **fields):
            changed = [name for name in f.ServiceReferralForm.FIELDS if getattr(referral, name) != data[name]]
            audit.record_for(request, audit.Action.CHANGE, case,
                             description=f"Service referral {referral.pk} changed: {', '.join(changed) or 'nothing'}")
            messages.success(request, "The referral has been saved.")
            return redirect(_support_url(case, "referrals"))
        conflict = True
    audit.record_for(request, audit.Action.VIEW, case, description=f"Service referral {referral.pk}" + (": conflict shown" if conflict else ""))
    return render(request, "cases/support_referral_form.html", case_context(
        request, case, "support", form=form, referral=referral))


@case_work
def placement_add(request, public_id):
    case = get_case(request, public_id)
    form = f.PlacementForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        placement = case.placements.create(kind=data["kind"], address=data["address"], starts_on=data["starts_on"],
                                           ends_on=data["ends_on"])
        audit.record_for(request, audit.Action.CREATE, case, description=f"Placement {placement.pk} added ({placement.kind})")
        messages.success(request, "The placement has been added.")
        return redirect(_support_url(case, "placements"))
    audit.record_for(request, audit.Action.VIEW, case, description="Add a placement" + (": errors shown" if form.errors else ""))
    return render(request, "cases/support_placement_form.html", case_context(request, case, "support", form=form))


@case_work
def placement_edit(request, public_id, placement_id):
    case = get_case(request, public_id)
    placement = get_object_or_404(case.placements, pk=placement_id)
    form = f.PlacementEndForm(placement, data=request.POST if request.method == "POST" else None,
                              initial=f.PlacementEndForm.initial_for(placement))
    if request.method == "POST" and form.is_valid():
        ends_on = form.cleaned_data["ends_on"]
        before = placement.ends_on
        # Saved only if nobody else saved it since the page was opened; otherwise merged with theirs.
        if locking.saved_or_refused(form, case.placements.all(), placement.pk, ends_on=ends_on,
                                    initial_for=f.PlacementEndForm.initial_for):
            audit.record_for(request, audit.Action.CHANGE, case, description=(
                f"Placement {placement.pk} end date changed from {before.isoformat() if before else 'none'} "
                f"to {ends_on.isoformat() if ends_on else 'none'}"))
            messages.success(request, "The placement has been saved.")
            return redirect(_support_url(case, "placements"))
    audit.record_for(request, audit.Action.VIEW, case, description=f"Placement {placement.pk}" + (": errors shown" if form.errors else ""))
    return render(request, "cases/support_placement_edit.html", case_context(request, case, "support", form=form, placement=placement))
