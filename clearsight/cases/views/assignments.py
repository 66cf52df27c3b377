"""Who works on a case, and its exploitation status over time.

Caseworkers: a manager of the case's team, or a caseworker assigned to it, may assign another
caseworker of the team or end an assignment (after an "are you sure" page). Partners the case is
shared with may see who is assigned on the overview but may not change it: 403. Ending an
assignment removes the caseworker's access to the case unless they see it some other way.

Risk status: a new status is appended from a date on, never overwriting the earlier ones, so the
children-at-risk register can still say how things stood on any past date. Recorded by the same
people who may assign caseworkers.

Every view and change is recorded in the audit log against the case's public id.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from clearsight.concerns.api import exploitation_types
from clearsight.core import audit

from .. import forms as f
from .. import services
from ..models import Case
from .case import case_context, case_work, get_case


def _managed_case(request, public_id):
    case = get_case(request, public_id)
    if not services.can_manage_case(request.user, case):
        raise PermissionDenied
    return case


@case_work
def caseworkers(request, public_id):
    case = _managed_case(request, public_id)
    current = list(services.current_assignments(case))
    form = None
    if case.status != Case.Status.CLOSED:
        form = f.AssignCaseworkerForm(services.assignable_caseworkers(case),
                                      request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            user = form.cleaned_data["caseworker"]
            services.assign_caseworker(case, user)
            audit.record_for(request, audit.Action.CHANGE, case, description=f"Caseworker assigned: user {user.public_id}")
            messages.success(request, f"{user.full_name} is now a caseworker on this case.")
            return redirect("cases:caseworkers", public_id=case.public_id)
    elif request.method == "POST":
        raise PermissionDenied
    audit.record_for(request, audit.Action.VIEW, case, description="Caseworkers" + (": errors shown" if form and form.errors else ""))
    ended = list(case.assignments.filter(ended_at__isnull=False).select_related("user").order_by("-ended_at"))
    return render(request, "cases/caseworkers.html", case_context(
        request, case, "overview", current=current, ended=ended, form=form))


@case_work
def caseworker_end(request, public_id, assignment_id):
    case = _managed_case(request, public_id)
    assignment = get_object_or_404(case.assignments.select_related("user"), pk=assignment_id, ended_at__isnull=True)
    if request.method == "POST":
        services.end_assignment(assignment)
        audit.record_for(request, audit.Action.CHANGE, case,
                         description=f"Caseworker no longer assigned: user {assignment.user.public_id}")
        messages.success(request, f"{assignment.user.full_name} is no longer a caseworker on this case.")
        if Case.objects.for_user(request.user).filter(pk=case.pk).exists():
            return redirect("cases:caseworkers", public_id=case.public_id)
        return redirect("cases:list")
    audit.record_for(request, audit.Action.VIEW, case, description="End a caseworker's assignment: confirmation")
    return render(request, "cases/caseworker_end.html", case_context(
        request, case, "overview", assignment=assignment, is_self=assignment.user_id == request.user.pk))


@case_work
def risk_status_add(request, public_id):
    case = _managed_case(request, public_id)
    current = services.current_risk_status(case)
    initial = {}
    if current is not None:
        initial = {"category": current.category, "exploitation_types": current.exploitation_types,
                   "vulnerability_markers": current.vulnerability_markers}
    form = f.RiskStatusForm(case, exploitation_types(), request.POST if request.method == "POST" else None,
                            initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        status = services.record_risk_status(
            case, user=request.user, category=data["category"], exploitation_types=data["exploitation_types"],
            markers=data["vulnerability_markers"], valid_from=data["valid_from"])
        audit.record_for(request, audit.Action.CHANGE, case,
                         description=f"Risk status recorded: {status.category} from {status.valid_from.isoformat()}")
        messages.success(request, "The new exploitation status has been recorded. Earlier statuses are kept in the history.")
        return redirect("cases:case", public_id=case.public_id)
    audit.record_for(request, audit.Action.VIEW, case,
                     description="Record a change of exploitation status" + (": errors shown" if form.errors else ""))
    return render(request, "cases/risk_status_form.html", case_context(request, case, "overview", form=form))
