"""Safety plans with regular multi-agency reviews (Merton, Hampshire), and flags on addresses where a
child may go missing or be re-trafficked. Removing a flag needs a separate "are you sure" page."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from clearsight.core import audit, locking

from .. import support_forms as f
from .case import case_context, case_work, get_case


def _safety_url(case, anchor=""):
    return reverse("cases:safety", args=[case.public_id]) + (f"#{anchor}" if anchor else "")


@case_work
def safety(request, public_id):
    case = get_case(request, public_id)
    today = timezone.localdate()
    plans = list(case.safety_plans.order_by("-created_at", "-pk"))
    for plan in plans:
        plan.overdue = plan.review_on < today
    flags = list(case.address_flags.order_by("-created_on", "-pk"))
    audit.record_for(request, audit.Action.VIEW, case, description="Safety plans and address flags")
    return render(request, "cases/safety.html", case_context(
        request, case, "safety", plans=plans, overdue=[p for p in plans if p.overdue],
        flags=[flag for flag in flags if flag.active], removed_flags=[flag for flag in flags if not flag.active],
    ))


@case_work
def plan_add(request, public_id):
    case = get_case(request, public_id)
    form = f.SafetyPlanForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        plan = case.safety_plans.create(risks=data["risks"], measures=data["measures"], responsible=data["responsible"],
                                        review_on=data["review_on"])
        audit.record_for(request, audit.Action.CREATE, case, description=f"Safety plan {plan.pk} added")
        messages.success(request, "The safety plan has been added.")
        return redirect(_safety_url(case, f"plan-{plan.pk}"))
    audit.record_for(request, audit.Action.VIEW, case, description="Add a safety plan" + (": errors shown" if form.errors else ""))
    return render(request, "cases/safety_plan_form.html", case_context(request, case, "safety", form=form))


@case_work
def plan_review(request, public_id, plan_id):
    case = get_case(request, public_id)
    plan = get_object_or_404(case.safety_plans, pk=plan_id)
    form = f.SafetyReviewForm(request.POST if request.method == "POST" else None, initial=f.SafetyReviewForm.initial_for(plan))
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            updated = locking.save_if_unchanged(
                case.safety_plans.all(), plan.pk, data["version"], reviewed_on=data["reviewed_on"], review_on=data["review_on"],
                risks=data["risks"], measures=data["measures"], responsible=data["responsible"],
            )
        if updated:
            changed = [name for name in ("risks", "measures", "responsible") if getattr(plan, name) != data[name]]
            audit.record_for(request, audit.Action.CHANGE, case, description=(
                f"Safety plan {plan.pk} reviewed on {data['reviewed_on']:%Y-%m-%d}; next review {data['review_on']:%Y-%m-%d}"
                + (f"; changed: {', '.join(changed)}" if changed else "")))
            messages.success(request, "The review has been recorded.")
            return redirect(_safety_url(case, f"plan-{plan.pk}"))
        conflict = True
        plan = get_object_or_404(case.safety_plans, pk=plan.pk)
        # Merged with the plan as saved now (core.locking): what only the other person changed is shown,
        # what both changed keeps this person's answer and says at the field what is saved now.
        locking.add_conflict_error(form, plan.version, f.SafetyReviewForm.saved_now(plan))
    audit.record_for(request, audit.Action.VIEW, case, description=f"Review safety plan {plan.pk}" + (": conflict shown" if conflict else ""))
    return render(request, "cases/safety_review_form.html", case_context(request, case, "safety", form=form, plan=plan, conflict=conflict))


@case_work
def flag_add(request, public_id):
    case = get_case(request, public_id)
    form = f.AddressFlagForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        flag = case.address_flags.create(address=form.cleaned_data["address"], reason=form.cleaned_data["reason"])
        audit.record_for(request, audit.Action.CREATE, case, description=f"Address flag {flag.pk} added ({flag.reason})")
        messages.success(request, "The address has been flagged.")
        return redirect(_safety_url(case, "flags"))
    audit.record_for(request, audit.Action.VIEW, case, description="Flag an address" + (": errors shown" if form.errors else ""))
    return render(request, "cases/safety_flag_form.html", case_context(request, case, "safety", form=form))


@case_work
def flag_remove(request, public_id, flag_id):
    """GET: are you sure? POST: the flag stops being active (it is kept, for the record)."""
    case = get_case(request, public_id)
    flag = get_object_or_404(case.address_flags.filter(active=True), pk=flag_id)
    if request.method == "POST":
        case.address_flags.filter(pk=flag.pk).update(active=False)
        audit.record_for(request, audit.Action.CHANGE, case, description=f"Address flag {flag.pk} removed")
        messages.success(request, "The flag has been removed from the address.")
        return redirect(_safety_url(case, "flags"))
    audit.record_for(request, audit.Action.VIEW, case, description=f"Remove address flag {flag.pk}?")
    return render(request, "cases/safety_flag_remove.html", case_context(request, case, "safety", flag=flag))
