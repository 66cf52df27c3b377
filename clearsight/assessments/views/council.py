"""The council's pages: the assessments list, sending a questionnaire, reviewing the answers,
withdrawing a link, evidence files, and action plans. Procurement officers and contract managers
(ASSESS_SUPPLIERS) of the supplier's organisation only; every page is audited."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from clearsight.core import audit, locking
from clearsight.core.roles import Capability
from clearsight.supply.api import Supplier, supply_org_ids

from .. import questionnaires, rules, services
from ..answers import answer_rows
from ..forms import (ActionForm, ActionUpdateForm, CloseForm, EscalateForm, ReviewForm, SendForm, VersionForm)
from ..models import Action, ActionPlan, Assessment, EvidenceFile

RESULT_COLOURS = {rules.GOOD: "green", rules.ADEQUATE: "blue", rules.SUB_STANDARD: "orange", rules.POOR: "red"}
STATUS_COLOURS = {"sent": "grey", "in_progress": "light-blue", "submitted": "yellow", "reviewed": "green", "withdrawn": "grey"}


def needs_assess(view):
    @never_cache
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.can(Capability.ASSESS_SUPPLIERS):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def supplier_url(supplier):
    """The supplier's page in the register (owned by the supply context), if it exists yet."""
    try:
        return reverse("supply:supplier", kwargs={"public_id": supplier.public_id})
    except NoReverseMatch:
        return ""


def _assessment(request, public_id):
    return get_object_or_404(Assessment.objects.for_user(request.user).select_related("supplier", "organisation", "sent_by"),
                             public_id=public_id)


def _plan(request, public_id):
    return get_object_or_404(ActionPlan.objects.for_user(request.user).select_related("supplier", "assessment"),
                             public_id=public_id)


# --- The list --------------------------------------------------------------------------------------------

VIEWS = [("review", "Waiting for review"), ("sent", "Sent, not answered yet"), ("due", "Reassessment due"),
         ("plans", "Open action plans"), ("completed", "Completed")]


@needs_assess
def assessment_list(request):
    show = request.GET.get("show", "review")
    if show not in dict(VIEWS):
        show = "review"
    org_ids = supply_org_ids(request.user)
    assessments = Assessment.objects.for_user(request.user).select_related("supplier", "sent_by")
    counts = {
        "review": assessments.filter(status=Assessment.Status.SUBMITTED).count(),
        "sent": assessments.filter(status__in=services.OPEN).count(),
        "completed": assessments.filter(status=Assessment.Status.REVIEWED).count(),
        "plans": ActionPlan.objects.for_user(request.user).filter(status=ActionPlan.Status.OPEN).count(),
    }
    schedules = services.schedules(org_ids)
    due = [s for s in schedules.values() if s.status in ("overdue", "due_soon")]
    counts["due"] = len(due)
    rows, plans, due_rows = [], [], []
    if show == "review":
        rows = assessments.filter(status=Assessment.Status.SUBMITTED).order_by("submitted_at")
    elif show == "sent":
        rows = assessments.filter(status__in=services.OPEN).order_by("link_expires_at")
    elif show == "completed":
        rows = assessments.filter(status=Assessment.Status.REVIEWED).order_by("-completed_on")[:200]
    elif show == "plans":
        plans = ActionPlan.objects.for_user(request.user).filter(status=ActionPlan.Status.OPEN).select_related("supplier")
        today = timezone.localdate()
        plans = [{"plan": p, "actions": p.actions.count(), "done": p.actions.filter(status=Action.Status.DONE).count(),
                  "overdue": services.overdue_actions(p.actions.all(), today).count()} for p in plans]
    else:
        suppliers = {s.pk: s for s in Supplier.objects.for_user(request.user).filter(pk__in=[d.supplier_id for d in due])}
        due_rows = sorted(({"supplier": suppliers[d.supplier_id], "schedule": d} for d in due if d.supplier_id in suppliers),
                          key=lambda r: r["schedule"].due.on)
    audit.record(request, audit.Action.VIEW, record_type="supplier assessments list", description=f"Supplier assessments: {show}")
    return render(request, "assessments/list.html", {
        "show": show, "views": [(key, label, counts[key]) for key, label in VIEWS], "rows": rows, "plans": plans,
        "due_rows": due_rows, "result_colours": RESULT_COLOURS, "status_colours": STATUS_COLOURS,
    })


# --- Sending ---------------------------------------------------------------------------------------------

@needs_assess
@require_http_methods(["GET", "POST"])
def send(request, public_id):
    supplier = get_object_or_404(Supplier.objects.for_user(request.user), public_id=public_id)
    recommended, reason = services.choose_for(supplier)
    contacts = list(supplier.contacts.order_by("-is_main", "name"))
    form = SendForm(request.POST or None, contacts=contacts, recommended=recommended, reason=reason)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kind = data["kind"]
        why = reason if kind == recommended else f"Chosen by {request.user.full_name} instead of the recommended questionnaire."
        try:
            assessment, _token = services.send(supplier, request.user, email=data["email"], name=data["name"].strip(),
                                               contact=data["contact"], kind=kind, reason=why)
        except services.EmailFailed:
            audit.record_for(request, audit.Action.CREATE, supplier, description="Questionnaire not sent: the email failed")
            form.add_error(None, "The email could not be sent, so the questionnaire has not been sent. "
                                 "Check the email address and try again, or try again later")
        else:
            audit.record_for(request, audit.Action.CREATE, assessment, description="Questionnaire sent to the supplier")
            messages.success(request, f"The questionnaire has been sent to {data['email']}.")
            return redirect("assessments:assessment", public_id=assessment.public_id)
    audit.record_for(request, audit.Action.VIEW, supplier, description="Send an assessment" + (": errors shown" if form.errors else ""))
    return render(request, "assessments/send.html", {
        "supplier": supplier, "form": form, "reason": reason, "supplier_url": supplier_url(supplier),
        "link_days": services.LINK_DAYS,
    })


# --- One assessment: its answers, result and review ---------------------------------------------------

def _answer_rows(assessment, questionnaire):
    return answer_rows(assessment, questionnaire, assessment.evidence.all())


@needs_assess
@require_http_methods(["GET", "POST"])
def assessment_page(request, public_id):
    assessment = _assessment(request, public_id)
    questionnaire = questionnaires.get(assessment.questionnaire)
    form = ReviewForm(request.POST or None, initial={"version": assessment.version})
    if request.method == "POST":
        if assessment.status != Assessment.Status.SUBMITTED:
            messages.info(request, "This assessment is not waiting for review.")
            return redirect("assessments:assessment", public_id=assessment.public_id)
        if form.is_valid():
            try:
                plan = services.review(assessment, request.user, form.cleaned_data["note"].strip(), form.cleaned_data["version"])
            except services.Conflict:
                assessment = _assessment(request, public_id)
                locking.add_conflict_error(form, assessment.version)
            else:
                assessment.refresh_from_db()
                audit.record_for(request, audit.Action.CHANGE, assessment,
                                 description=f"Assessment reviewed: {assessment.get_result_display()}")
                if plan is not None:
                    audit.record_for(request, audit.Action.CREATE, plan, description="Action plan opened after a "
                                     f"{assessment.get_result_display().lower()} assessment")
                    messages.success(request, f"The assessment is marked as reviewed. The result is "
                                              f"{assessment.get_result_display().lower()}, so an action plan has been opened. "
                                              "Add the actions the supplier must take.")
                    return redirect("assessments:plan", public_id=plan.public_id)
                messages.success(request, f"The assessment is marked as reviewed. The result is {assessment.get_result_display().lower()}.")
                return redirect("assessments:assessment", public_id=assessment.public_id)
    audit.record_for(request, audit.Action.VIEW, assessment, description="Supplier assessment")
    shows_answers = assessment.status in (Assessment.Status.SUBMITTED, Assessment.Status.REVIEWED) or bool(assessment.answers)
    scored = services.scored(assessment) if assessment.status in (Assessment.Status.SUBMITTED, Assessment.Status.REVIEWED) else None
    plan = ActionPlan.objects.for_user(request.user).filter(assessment=assessment).first()
    return render(request, "assessments/assessment.html", {
        "assessment": assessment, "questionnaire": questionnaire, "form": form, "scored": scored,
        "sections": _answer_rows(assessment, questionnaire) if shows_answers else [],
        "plan": plan, "supplier_url": supplier_url(assessment.supplier), "result_colours": RESULT_COLOURS,
        "status_colours": STATUS_COLOURS, "expired": assessment.is_open_for_answers and assessment.link_expires_at <= timezone.now(),
    })


@needs_assess
@require_http_methods(["GET", "POST"])
def revoke(request, public_id):
    assessment = _assessment(request, public_id)
    if not assessment.is_open_for_answers:
        messages.info(request, "The link no longer works, so there is nothing to withdraw.")
        return redirect("assessments:assessment", public_id=assessment.public_id)
    form = VersionForm(request.POST or None, initial={"version": assessment.version})
    if request.method == "POST" and form.is_valid():
        if services.revoke(assessment, request.user):
            audit.record_for(request, audit.Action.CHANGE, assessment, description="Assessment link withdrawn")
            messages.success(request, "The link has been withdrawn. The supplier can no longer use it.")
        return redirect("assessments:assessment", public_id=assessment.public_id)
    audit.record_for(request, audit.Action.VIEW, assessment, description="Withdraw the link: are you sure")
    return render(request, "assessments/revoke.html", {"assessment": assessment, "form": form})


@needs_assess
def evidence_file(request, public_id):
    evidence = get_object_or_404(EvidenceFile.objects.for_user(request.user), public_id=public_id)
    if not evidence.path.exists():
        raise Http404
    audit.record_for(request, audit.Action.VIEW, evidence,
                     description=f"Evidence file downloaded ({'action' if evidence.action_id else 'assessment'})")
    response = FileResponse(open(evidence.path, "rb"), as_attachment=True, filename=evidence.original_name,
                            content_type=evidence.content_type)
    response["Cache-Control"] = "no-store, private"
    return response


# --- Action plans ---------------------------------------------------------------------------------------

@needs_assess
def plan_page(request, public_id):
    plan = _plan(request, public_id)
    actions = list(plan.actions.select_related("owner").prefetch_related(
        Prefetch("evidence", queryset=EvidenceFile.objects.for_user(request.user))))
    audit.record_for(request, audit.Action.VIEW, plan, description="Action plan")
    return render(request, "assessments/plan.html", {
        "plan": plan, "actions": actions, "today": timezone.localdate(), "closure_problem": services.closure_problem(plan),
        "supplier_url": supplier_url(plan.supplier), "result_colours": RESULT_COLOURS,
    })


def _open_plan_or_redirect(request, plan):
    if plan.status != ActionPlan.Status.OPEN:
        messages.info(request, "This action plan is closed, so it can no longer be changed.")
        return redirect("assessments:plan", public_id=plan.public_id)
    return None


@needs_assess
@require_http_methods(["GET", "POST"])
def action_add(request, public_id):
    plan = _plan(request, public_id)
    closed = _open_plan_or_redirect(request, plan)
    if closed:
        return closed
    form = ActionForm(request.POST or None, organisation=plan.organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        action = services.add_action(plan, description=data["description"].strip(), owner=data["owner"], due_on=data["due_on"])
        audit.record_for(request, audit.Action.CREATE, plan, description=f"Action added ({action.public_id})")
        messages.success(request, "The action has been added.")
        return redirect("assessments:plan", public_id=plan.public_id)
    audit.record_for(request, audit.Action.VIEW, plan, description="Add an action" + (": errors shown" if form.errors else ""))
    return render(request, "assessments/action_add.html", {"plan": plan, "form": form})


@needs_assess
@require_http_methods(["GET", "POST"])
def action_page(request, public_id):
    action = get_object_or_404(Action.objects.for_user(request.user).select_related("plan__supplier", "owner"),
                               public_id=public_id)
    plan = action.plan
    upload = request.FILES.get("evidence")
    form = ActionUpdateForm(request.POST or None, initial=ActionUpdateForm.initial_for(action),
                            has_files=upload is not None or action.evidence.exists())
    file_error = ""
    if request.method == "POST":
        closed = _open_plan_or_redirect(request, plan)
        if closed:
            return closed
        if form.is_valid():
            data = form.cleaned_data
            evidence, conflict = None, False
            with transaction.atomic():
                if upload is not None:
                    evidence, file_error = services.store_evidence(upload, plan.organisation, action=action, user=request.user)
                if not file_error:
                    try:
                        services.update_action(action, status=data["status"], evidence_note=data["evidence_note"].strip(),
                                               version=data["version"])
                    except services.Conflict:
                        conflict = True
                        transaction.set_rollback(True)  # the file's record goes too
            if conflict:
                # Merged with the action as it is now (core.locking). A browser cannot keep a chosen
                # file, so the person is asked, at the file field, to choose it again.
                if evidence is not None:
                    evidence.path.unlink(missing_ok=True)
                    file_error = (f"Select “{evidence.original_name}” again: it has not been uploaded, because "
                                  "someone else changed the action while you were editing it")
                action.refresh_from_db()
                locking.add_conflict_error(form, action.version, ActionUpdateForm.initial_for(action))
            elif not file_error:
                audit.record_for(request, audit.Action.CHANGE, action,
                                 description=f"Action updated: {action.get_status_display()}"
                                 + (", evidence uploaded" if evidence else ""))
                messages.success(request, "The action has been updated.")
                return redirect("assessments:plan", public_id=plan.public_id)
    if request.method == "GET":
        audit.record_for(request, audit.Action.VIEW, action, description="Action plan action")
    return render(request, "assessments/action.html", {
        "action": action, "plan": plan, "form": form, "file_error": file_error,
        "has_errors": bool(form.errors or file_error), "types": services.EVIDENCE_TYPES_TEXT,
        "evidence": list(action.evidence.all()), "editable": plan.status == ActionPlan.Status.OPEN,
    })


@needs_assess
@require_http_methods(["GET", "POST"])
def plan_escalate(request, public_id):
    plan = _plan(request, public_id)
    closed = _open_plan_or_redirect(request, plan)
    if closed:
        return closed
    form = EscalateForm(request.POST or None, initial={"version": plan.version, "to": plan.escalation or None})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.escalate(plan, request.user, to=data["to"], reason=data["reason"].strip(), version=data["version"])
        except services.Conflict:
            plan.refresh_from_db()
            locking.add_conflict_error(form, plan.version)
        else:
            audit.record_for(request, audit.Action.CHANGE, plan, description=f"Action plan escalated to {plan.get_escalation_display().lower()}")
            messages.success(request, f"The decision ({plan.get_escalation_display().lower()}) has been recorded. "
                                      "You can now close the plan.")
            return redirect("assessments:plan", public_id=plan.public_id)
    audit.record_for(request, audit.Action.VIEW, plan, description="Escalate the action plan")
    return render(request, "assessments/escalate.html", {"plan": plan, "form": form})


@needs_assess
@require_http_methods(["GET", "POST"])
def plan_close(request, public_id):
    plan = _plan(request, public_id)
    closed = _open_plan_or_redirect(request, plan)
    if closed:
        return closed
    form = CloseForm(request.POST or None, initial={"version": plan.version})
    problem = services.closure_problem(plan)
    if request.method == "POST" and form.is_valid():
        try:
            problem = services.close(plan, request.user, note=form.cleaned_data["note"].strip(), version=form.cleaned_data["version"])
        except services.Conflict:
            plan.refresh_from_db()
            locking.add_conflict_error(form, plan.version)
        else:
            if problem:
                form.add_error(None, problem)
            else:
                audit.record_for(request, audit.Action.CHANGE, plan, description="Action plan closed")
                messages.success(request, "The action plan has been closed.")
                return redirect("assessments:plan", public_id=plan.public_id)
    audit.record_for(request, audit.Action.VIEW, plan, description="Close the action plan")
    return render(request, "assessments/close.html", {"plan": plan, "form": form, "problem": problem})
