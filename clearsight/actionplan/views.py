"""Action plan pages: plan years, actions and their progress, "your actions", the year-end review
(opening it, owners' responses, chasing, closing the year) and the review tables."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from clearsight.core import audit, locking
from clearsight.core.models import Organisation
from clearsight.core.roles import Capability
from clearsight.core.views.access import needs

from . import forms, rules, services
from .models import Framework, PlanAction, PlanYear
from .review import review_tables

VIEW = Capability.VIEW_ACTION_PLAN
MANAGE = Capability.MANAGE_ACTION_PLAN


def signed_in(view):
    """Any signed-in user: action owners may be partner staff with no other access to the plan.
    The page itself checks that the action is theirs (or that they run the plan)."""
    return never_cache(login_required(view))


def _plan(request, public_id):
    return get_object_or_404(PlanYear.objects.for_user(request.user).select_related("organisation", "framework"),
                             public_id=public_id)


def _managed_plan(request, public_id):
    plan = _plan(request, public_id)
    if not rules.may_manage(request.user, plan):
        raise PermissionDenied
    return plan


def _action(request, public_id):
    return get_object_or_404(PlanAction.objects.for_user(request.user).select_related(
        "plan__organisation", "plan__framework", "area", "owner", "owner_organisation"),
        public_id=public_id)


# --- plan years ------------------------------------------------------------------------------------

@needs(VIEW, MANAGE)
def plans(request):
    items = list(PlanYear.objects.for_user(request.user).select_related("organisation", "framework"))
    audit.record(request, audit.Action.VIEW, record_type="action plans", description=f"{len(items)} plan years")
    return render(request, "actionplan/plans.html", {
        "plans": items, "can_start": bool(rules.managed_org_ids(request.user)),
        "several_orgs": len({p.organisation_id for p in items}) > 1})


@needs(MANAGE)
def plan_add(request):
    orgs = sorted(Organisation.objects.filter(pk__in=rules.managed_org_ids(request.user)), key=lambda o: o.name)
    if not orgs:
        raise PermissionDenied
    chosen = request.POST.get("organisation") or request.GET.get("organisation", "")
    organisation = next((o for o in orgs if str(o.public_id) == chosen), orgs[0] if len(orgs) == 1 else None)
    if organisation is None:
        # A statement owner for several organisations says whose plan it is first.
        return render(request, "actionplan/plan_choose_organisation.html", {"organisations": orgs})
    form = forms.PlanForm(request.POST or None, organisation=organisation,
                          initial={"framework": "five-responsibilities"})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        plan = services.create_plan(organisation, request.user, title=d["title"], starts_on=d["starts_on"],
                                    ends_on=d["ends_on"], framework=d["framework"])
        audit.record_for(request, audit.Action.CREATE, plan, description="Plan year started")
        messages.success(request, f"The plan year {plan.title} has been started. Add its actions.")
        return redirect("actionplan:plan", public_id=plan.public_id)
    return render(request, "actionplan/plan_form.html", {"form": form, "organisation": organisation})


@needs(VIEW, MANAGE)
def plan(request, public_id):
    item = _plan(request, public_id)
    today = timezone.localdate()
    actions = list(item.actions.select_related("area", "owner", "owner_organisation", "review", "carried_from")
                   .prefetch_related("other_areas__framework"))
    status = request.GET.get("status", "")
    if status not in PlanAction.Status.values:
        status = ""
    shown = [a for a in actions if not status or a.status == status]
    frameworks = list(Framework.objects.prefetch_related("areas"))
    group_by = next((f for f in frameworks if f.code == request.GET.get("group_by")), item.framework)
    groups = rules.group_by_area(shown, group_by, plan_framework=item.framework)
    audit.record_for(request, audit.Action.VIEW, item, description="Action plan year")
    return render(request, "actionplan/plan.html", {
        "plan": item, "groups": groups, "today": today, "status": status, "statuses": PlanAction.Status.choices,
        "frameworks": frameworks, "group_by": group_by, "total": len(actions), "shown": len(shown),
        "overdue": sum(rules.is_overdue(a, today) for a in actions),
        "can_manage": rules.may_manage(request.user, item),
        "next_plan": PlanYear.objects.for_user(request.user).filter(previous=item).first(),
    })


# --- actions -----------------------------------------------------------------------------------------

@needs(MANAGE)
def action_add(request, public_id):
    item = _managed_plan(request, public_id)
    if item.status != PlanYear.Status.OPEN:
        messages.info(request, "Actions cannot be added once the year-end review has started.")
        return redirect("actionplan:plan", public_id=item.public_id)
    form = forms.ActionForm(request.POST or None, plan=item, initial={"due_on": item.ends_on, "version": 0})
    if request.method == "POST" and form.is_valid():
        action = services.add_action(item, request.user, form.cleaned_data)
        audit.record_for(request, audit.Action.CREATE, action, description="Action added to the plan")
        messages.success(request, "The action has been added.")
        return redirect("actionplan:plan", public_id=item.public_id)
    audit.record_for(request, audit.Action.VIEW, item, description="Add an action")
    return render(request, "actionplan/action_form.html", {"form": form, "plan": item, "action": None})


@needs(MANAGE)
def action_edit(request, public_id):
    action = _action(request, public_id)
    if not rules.may_manage(request.user, action.plan):
        raise PermissionDenied
    if not rules.may_change_action(request.user, action):
        messages.info(request, "Actions cannot be changed once the year-end review has started.")
        return redirect("actionplan:action", public_id=action.public_id)
    form = forms.ActionForm(request.POST or None, plan=action.plan, initial=forms.ActionForm.initial_for(action))
    conflict = False
    if request.method == "POST" and form.is_valid():
        if services.change_action(action, form.cleaned_data):
            audit.record_for(request, audit.Action.CHANGE, action, description="Action changed")
            messages.success(request, "The action has been saved.")
            return redirect("actionplan:action", public_id=action.public_id)
        conflict = True
        action.refresh_from_db()
        locking.add_conflict_error(form, action.version, forms.ActionForm.initial_for(action))
    audit.record_for(request, audit.Action.VIEW, action, description="Change an action" + (": conflict shown" if conflict else ""))
    return render(request, "actionplan/action_form.html", {"form": form, "plan": action.plan, "action": action,
                                                           "conflict": conflict})


@signed_in
def action(request, public_id):
    item = _action(request, public_id)
    today = timezone.localdate()
    audit.record_for(request, audit.Action.VIEW, item, description="Plan action")
    return render(request, "actionplan/action.html", {
        "action": item, "plan": item.plan, "today": today, "overdue": rules.is_overdue(item, today),
        "updates": list(item.updates.select_related("author")),
        "response": rules._response_of(item), "other_areas": list(item.other_areas.select_related("framework")),
        "can_manage": rules.may_manage(request.user, item.plan), "can_view_plan": rules.may_view(request.user, item.plan),
        "can_change": rules.may_change_action(request.user, item),
        "can_update": rules.may_update(request.user, item) and item.plan.status != PlanYear.Status.CLOSED,
        "can_respond": rules.may_respond(request.user, item),
        "carried_to": PlanAction.objects.for_user(request.user).filter(carried_from=item).select_related("plan").first(),
        # Only if the user may see it: a carried-forward action may since have a new owner.
        "carried_from": (PlanAction.objects.for_user(request.user).filter(pk=item.carried_from_id)
                         .select_related("plan").first() if item.carried_from_id else None),
    })


@signed_in
def progress_add(request, public_id):
    item = _action(request, public_id)
    if not rules.may_update(request.user, item):
        raise PermissionDenied
    if item.plan.status == PlanYear.Status.CLOSED:
        messages.info(request, "The year is closed: its actions cannot be updated.")
        return redirect("actionplan:action", public_id=item.public_id)
    initial_status = item.status if item.status != PlanAction.Status.NOT_DONE else PlanAction.Status.IN_PROGRESS
    form = forms.ProgressForm(request.POST or None, initial={"status": initial_status, "version": item.version})
    conflict = False
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if services.add_progress(item, request.user, text=d["text"], status=d["status"], version=d["version"]):
            audit.record_for(request, audit.Action.CHANGE, item, description="Progress update added")
            messages.success(request, "The progress update has been added.")
            return redirect("actionplan:action", public_id=item.public_id)
        item = _action(request, public_id)
        if item.plan.status == PlanYear.Status.CLOSED:
            form.add_error(None, "The year was closed before your update was saved: its actions can no longer be "
                                 "updated. What you typed is below.")
        else:
            conflict = True
            locking.add_conflict_error(form, item.version)
    audit.record_for(request, audit.Action.VIEW, item,
                     description="Add a progress update" + (": conflict shown" if conflict else ""))
    return render(request, "actionplan/progress_form.html", {"form": form, "action": item, "plan": item.plan,
                                                             "conflict": conflict})


@signed_in
def my_actions(request):
    today = timezone.localdate()
    items = list(PlanAction.objects.for_user(request.user).filter(owner=request.user)
                 .exclude(plan__status=PlanYear.Status.CLOSED)
                 .select_related("plan__organisation", "area", "owner_organisation", "review")
                 .order_by("plan__starts_on", "due_on", "pk"))
    audit.record(request, audit.Action.VIEW, record_type="plan actions", description=f"{len(items)} own actions")
    to_answer = [a for a in items if a.plan.status == PlanYear.Status.IN_REVIEW]
    return render(request, "actionplan/my_actions.html", {
        "to_answer": to_answer, "unanswered": len(rules.without_response(to_answer)),
        "running": [a for a in items if a.plan.status == PlanYear.Status.OPEN], "today": today})


# --- the year-end review ----------------------------------------------------------------------------

@needs(MANAGE)
def review_open(request, public_id):
    item = _managed_plan(request, public_id)
    if item.status != PlanYear.Status.OPEN:
        return redirect("actionplan:review-status", public_id=item.public_id)
    actions = list(item.actions.select_related("owner", "owner_organisation"))
    owners = rules.outstanding_by_owner(actions)
    form = forms.ReviewOpenForm(request.POST or None, plan=item)
    if request.method == "POST" and not actions:
        form.is_valid()
        form.add_error(None, "The plan has no actions, so there is nothing to review")
    elif request.method == "POST" and form.is_valid():
        try:
            sent = services.open_review(item, request.user, form.cleaned_data["review_due_on"])
        except services.AlreadyDone:
            messages.info(request, "Someone else has already opened the review.")
        else:
            emailed = [s for s in sent if s.emailed]
            not_emailed = [s.owner.full_name for s in sent if not s.emailed]
            audit.record_for(request, audit.Action.CHANGE, item,
                             description=f"Year-end review opened: {len(emailed)} owners emailed")
            text = (f"The year-end review has started. {len(emailed)} "
                    f"{'owner has' if len(emailed) == 1 else 'owners have'} been emailed.")
            if not_emailed:
                text += (f" {', '.join(not_emailed)} {'has' if len(not_emailed) == 1 else 'have'} no active account and "
                         f"{'was' if len(not_emailed) == 1 else 'were'} not emailed: answer for "
                         f"{'them' if len(not_emailed) > 1 else 'this owner'} below.")
            messages.success(request, text)
        return redirect("actionplan:review-status", public_id=item.public_id)
    audit.record_for(request, audit.Action.VIEW, item, description="Open the year-end review")
    return render(request, "actionplan/review_open.html", {"form": form, "plan": item, "actions": actions,
                                                           "owners": sorted(owners, key=lambda u: u.full_name)})


@needs(MANAGE)
def review_status(request, public_id):
    item = _managed_plan(request, public_id)
    if item.status == PlanYear.Status.OPEN:
        return redirect("actionplan:review-open", public_id=item.public_id)
    rows = services.review_status(item)
    today = timezone.localdate()
    audit.record_for(request, audit.Action.VIEW, item, description="Year-end review status")
    late = rules.is_late(item, today)
    return render(request, "actionplan/review_status.html", {
        "plan": item, "rows": rows, "late": late, "today": today,
        "waiting": [r for r in rows if not r.replied],
        "missing": rules.without_response(item.actions.select_related("owner", "review")),
        "chaseable": late and any(not r.replied and (r.request is None or rules.may_chase(r.request, timezone.now()))
                                  for r in rows)})


@require_POST
@needs(MANAGE)
def review_chase(request, public_id):
    item = _managed_plan(request, public_id)
    sent = services.chase_late_owners(item)
    audit.record_for(request, audit.Action.CHANGE, item, description=f"Late owners chased: {len(sent)}")
    if sent:
        messages.success(request, f"{len(sent)} {'owner has' if len(sent) == 1 else 'owners have'} been chased: "
                                  + ", ".join(s.owner.full_name for s in sent) + ".")
    else:
        messages.info(request, "No one was chased: owners are chased only after the reply-by date, and at most once a day.")
    return redirect("actionplan:review-status", public_id=item.public_id)


@signed_in
def response(request, public_id):
    item = _action(request, public_id)
    if not rules.may_update(request.user, item):
        raise PermissionDenied
    if not rules.may_respond(request.user, item):
        messages.info(request, "The year-end review is not open for this action."
                      if item.plan.status == PlanYear.Status.OPEN else "The year is closed: its responses cannot be changed.")
        return redirect("actionplan:action", public_id=item.public_id)
    existing = rules._response_of(item)
    form = forms.ResponseForm(request.POST or None, initial=forms.ResponseForm.initial_for(existing))
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_response(item, request.user, form.cleaned_data)
        except services.AlreadyDone:
            form.add_error(None, "The year was closed before your response was saved, so it can no longer be "
                                 "changed. What you typed is below.")
            audit.record_for(request, audit.Action.VIEW, item, description="Year-end review response: year closed")
            return render(request, "actionplan/response_form.html", {
                "form": form, "action": item, "plan": item.plan, "conflict": False, "existing": existing,
                "on_behalf": item.owner_id != request.user.pk, "closed": True})
        if saved:
            audit.record_for(request, audit.Action.CREATE if existing is None else audit.Action.CHANGE, item,
                             description="Year-end review response " + ("recorded" if existing is None else "changed")
                             + ("" if item.owner_id == request.user.pk else " on the owner's behalf"))
            messages.success(request, "Your response has been saved. You can change it until the year is closed.")
            if rules.may_manage(request.user, item.plan):
                return redirect("actionplan:review-status", public_id=item.plan.public_id)
            return redirect("actionplan:my-actions")
        conflict = True
        item = _action(request, public_id)
        existing = rules._response_of(item)
        if existing is None:
            locking.add_conflict_error(form, 0)
        else:
            locking.add_conflict_error(form, existing.version, forms.ResponseForm.initial_for(existing))
    audit.record_for(request, audit.Action.VIEW, item, description="Year-end review response" + (": conflict shown" if conflict else ""))
    return render(request, "actionplan/response_form.html", {
        "form": form, "action": item, "plan": item.plan, "conflict": conflict, "existing": existing,
        "on_behalf": item.owner_id != request.user.pk})


@needs(MANAGE)
def close(request, public_id):
    item = _managed_plan(request, public_id)
    if item.status == PlanYear.Status.CLOSED:
        return redirect("actionplan:review-tables", public_id=item.public_id)
    actions = list(item.actions.select_related("owner", "owner_organisation", "area", "review"))
    problems = rules.close_problems(item, actions)
    starts_on, ends_on = rules.next_year_dates(item)
    form = forms.CloseForm(request.POST or None, organisation=item.organisation,
                           initial={"title": rules.next_title(item.title), "starts_on": starts_on, "ends_on": ends_on})
    # While the year cannot be closed the form is not shown, so its fields are not checked either.
    if request.method == "POST" and not problems and form.is_valid():
        d = form.cleaned_data
        try:
            new = services.close_year(item, request.user, title=d["title"], starts_on=d["starts_on"], ends_on=d["ends_on"])
        except services.AlreadyDone:
            messages.info(request, "The year had already been closed.")
            return redirect("actionplan:review-tables", public_id=item.public_id)
        except services.CannotClose as refused:
            problems = refused.problems
        else:
            audit.record_for(request, audit.Action.CHANGE, item, description="Year closed")
            audit.record_for(request, audit.Action.CREATE, new,
                             description=f"Plan year started from the review: {new.actions.count()} actions carried forward")
            messages.success(request, f"The year {item.title} is closed. {new.actions.count()} continuing "
                                      f"{'action has' if new.actions.count() == 1 else 'actions have'} been carried into {new.title}.")
            return redirect("actionplan:review-tables", public_id=item.public_id)
    audit.record_for(request, audit.Action.VIEW, item, description="Close the year")
    return render(request, "actionplan/close.html", {
        "form": form, "plan": item, "problems": problems, "missing": rules.without_response(actions),
        "continuing": [a for a in actions if rules.carried_forward(a) is not None], "total": len(actions),
        "owners_to_replace": rules.owners_to_replace(item, actions)})


@needs(VIEW, MANAGE)
def review_page(request, public_id):
    item = _plan(request, public_id)
    if item.status == PlanYear.Status.OPEN:
        raise Http404("The review tables exist once the year-end review has started")
    audit.record_for(request, audit.Action.VIEW, item, description="Year-end review tables")
    return render(request, "actionplan/review_tables.html", {
        "plan": item, "tables": review_tables(item), "can_manage": rules.may_manage(request.user, item),
        "next_plan": PlanYear.objects.for_user(request.user).filter(previous=item).first()})
