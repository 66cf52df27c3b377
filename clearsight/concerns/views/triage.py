"""First responders: the queue of concerns, a concern's record, triage and its actions."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from clearsight.core import audit
from clearsight.core.roles import Capability
from clearsight.core.views.access import requires

from .. import forms as f
from .. import services
from .. import triage_summary as summary
from ..consent import triage_consent
from ..models import Action, Concern, Triage
from ..routing import AgeGroup

QUEUE_STATUSES = [
    ("open", "Needs triage or has open actions"),
    (Concern.Status.NEW, "New"),
    (Concern.Status.IN_TRIAGE, "In triage"),
    (Concern.Status.ACTIONS_OPEN, "Actions open"),
    (Concern.Status.DUTIES_DISCHARGED, "Duties discharged"),
    (Concern.Status.NO_FURTHER_ACTION, "No further action"),
    ("all", "All"),
]


def _can_triage(user):
    return user.can(Capability.TRIAGE_CONCERNS)


@never_cache
@requires(Capability.HANDLE_CONCERNS)
def queue(request):
    status = request.GET.get("status", "open")
    if status not in dict(QUEUE_STATUSES):
        status = "open"
    concerns = Concern.objects.for_user(request.user).prefetch_related(
        "people", "exploitation_types", "indicators", Prefetch("actions", queryset=Action.objects.for_user(request.user)))
    if status == "open":
        concerns = concerns.filter(status__in=[Concern.Status.NEW, Concern.Status.IN_TRIAGE, Concern.Status.ACTIONS_OPEN])
    elif status != "all":
        concerns = concerns.filter(status=status)
    rows = sorted(concerns, key=lambda c: c.urgency)
    now = timezone.now()
    for concern in rows:
        concern.has_child = any(p.age_group in (AgeGroup.CHILD, AgeGroup.UNKNOWN) for p in concern.people.all())
        concern.overdue = [a for a in concern.actions.all() if a.status == Action.Status.OPEN and a.due_at < now]
        concern.waiting = now - (concern.submitted_at or concern.created_at)
        # What and where, to tell concerns apart; people's names and descriptions stay on the concern's page.
        concern.what = summary.what_summary([t.label for t in concern.exploitation_types.all()], concern.exploitation_other,
                                            [i.text for i in concern.indicators.all()])
        concern.where = summary.where_summary(
            concern.get_premises_type_display(),
            concern.premises_other if concern.premises_type == Concern.Premises.OTHER else "", concern.location)
    audit.record(request, audit.Action.VIEW, record_type="concern queue", description=f"{len(rows)} concerns listed; filter {status}")
    return render(request, "concerns/queue.html", {"concerns": rows, "status": status, "statuses": QUEUE_STATUSES})


def _concern(request, public_id):
    return get_object_or_404(Concern.objects.for_user(request.user), public_id=public_id)


@never_cache
@requires(Capability.HANDLE_CONCERNS)
def concern(request, public_id):
    concern = _concern(request, public_id)
    audit.record_for(request, audit.Action.VIEW, concern)
    actions = list(concern.actions.select_related("person", "owner", "done_by").order_by("due_at"))
    for action in actions:
        action.referral_record = getattr(action, "referral", None) if hasattr(action, "referral") else None
    return render(request, "concerns/concern.html", {
        "concern": concern,
        "people": list(concern.people.all()),
        "triage": getattr(concern, "triage", None),
        "actions": actions,
        "can_triage": _can_triage(request.user),
        "indicators": list(concern.indicators.all()),
        "types": list(concern.exploitation_types.all()),
    })


@never_cache
@requires(Capability.TRIAGE_CONCERNS)
def triage(request, public_id):
    concern = _concern(request, public_id)
    if concern.status not in (Concern.Status.NEW, Concern.Status.IN_TRIAGE):
        messages.info(request, "This concern has already been triaged. Its actions are below.")
        return redirect("concerns:concern", public_id=concern.public_id)
    people = list(concern.people.all())
    existing = getattr(concern, "triage", None)
    data = request.POST if request.method == "POST" else None
    # The reporter's answers are selected for the first responder to confirm, never asked again blank.
    danger = summary.danger_answer(concern.immediate_danger, concern.called_999)
    supplier = summary.supplier_answer(concern.business_involved, concern.business_details)
    if existing:
        danger = summary.as_triaged(danger, f.as_yes_no(existing.immediate_danger))
        supplier = summary.as_triaged(supplier, f.as_yes_no(existing.supplier_involved))
    form = f.TriageForm(data, reported={"immediate_danger": danger, "supplier_involved": supplier}, initial={
        "outcome": existing.outcome if existing else "",
        "reasoning": existing.reasoning if existing else "",
        "immediate_danger": danger.initial,
        "supplier_involved": supplier.initial,
        "version": concern.version,
    })
    person_forms = [
        (p, f.TriagePersonForm(data, prefix=f"person-{p.position}", initial={
            "age_group": p.triage_age_group or p.age_group, "consent": p.consent or triage_consent(p.reported_consent),
            "care_and_support_needs": f.as_yes_no(p.care_and_support_needs),
            "is_potential_victim": f.as_yes_no(p.is_potential_victim) or "yes",
        }))
        for p in people
    ]
    conflict = False
    if request.method == "POST":
        valid = form.is_valid() & all(pf.is_valid() for _, pf in person_forms)
        if valid and form.cleaned_data["outcome"] == Triage.Outcome.POTENTIAL_VICTIMS and not any(
            pf.cleaned_data["is_potential_victim"] == "yes" for _, pf in person_forms
        ) and people:
            form.add_error("outcome", "You said there are potential victims: say which of the people are")
            valid = False
        if valid:
            with transaction.atomic():
                locked = Concern.objects.for_user(request.user).select_for_update().get(pk=concern.pk)
                if locked.version != form.cleaned_data["version"]:
                    conflict = True
                else:
                    cleaned = form.cleaned_data
                    created = services.triage(
                        locked, request.user, outcome=cleaned["outcome"], reasoning=cleaned["reasoning"],
                        immediate_danger=cleaned["immediate_danger"] == "yes",
                        supplier_involved=cleaned["supplier_involved"] == "yes",
                        people_facts={
                            p: (pf.cleaned_data["age_group"], pf.cleaned_data["consent"] or "",
                                pf.cleaned_data["care_and_support_needs"] == "yes",
                                pf.cleaned_data["is_potential_victim"] == "yes")
                            for p, pf in person_forms
                        },
                    )
                    locked.version += 1
                    locked.save(update_fields=["version"])
            if not conflict:
                audit.record_for(request, audit.Action.CHANGE, concern,
                                 description=f"Triaged: {form.cleaned_data['outcome']}; {len(created)} actions")
                messages.success(request, f"Triage saved. {len(created)} {'action' if len(created) == 1 else 'actions'} created.")
                return redirect("concerns:concern", public_id=concern.public_id)
    else:
        audit.record_for(request, audit.Action.VIEW, concern, description="Triage form")
    return render(request, "concerns/triage.html", {
        "concern": concern, "form": form, "person_forms": person_forms, "conflict": conflict,
        "indicators": list(concern.indicators.all()),
        "any_errors": form.errors or any(pf.errors for _, pf in person_forms),
    })


@never_cache
@requires(Capability.REPORT_CONCERN)
def my_actions(request):
    """Actions the user owns, for owners who do not handle concerns (such as a procurement champion)."""
    actions = list(Action.objects.for_user(request.user).filter(owner=request.user).select_related("concern").order_by("status", "due_at"))
    audit.record(request, audit.Action.VIEW, record_type="own action list", description=f"{len(actions)} actions")
    return render(request, "concerns/my_actions.html", {"actions": actions})


def _action(request, public_id):
    return get_object_or_404(Action.objects.for_user(request.user).select_related("concern", "person", "owner"), public_id=public_id)


@never_cache
@requires(Capability.REPORT_CONCERN)
def action(request, public_id):
    action = _action(request, public_id)
    if hasattr(action, "referral"):
        # NRM referrals and Duty to Notify reports are completed by recording their submission.
        return redirect("concerns:referral", public_id=action.referral.public_id)
    setting = action.concern.handling_organisation.route_settings.filter(kind=action.kind).first()
    form = f.CompleteActionForm(request.POST if request.method == "POST" else None, initial={"version": action.version})
    conflict = False
    if request.method == "POST":
        if action.status != Action.Status.OPEN:
            raise Http404
        if form.is_valid():
            with transaction.atomic():
                locked = Action.objects.for_user(request.user).select_for_update().get(pk=action.pk)
                if locked.version != form.cleaned_data["version"]:
                    conflict = True
                else:
                    services.complete_action(locked, request.user, reference=form.cleaned_data["reference"],
                                             notes=form.cleaned_data["notes"], status=form.cleaned_data["outcome"])
            if not conflict:
                audit.record_for(request, audit.Action.CHANGE, action.concern, description=f"Action {action.kind}: {form.cleaned_data['outcome']}")
                messages.success(request, f"“{action.title}” is recorded as {'done' if form.cleaned_data['outcome'] == 'done' else 'not needed'}.")
                if Concern.objects.for_user(request.user).filter(pk=action.concern_id).exists():
                    return redirect("concerns:concern", public_id=action.concern.public_id)
                return redirect("concerns:my-actions")
            action.refresh_from_db()
    else:
        audit.record_for(request, audit.Action.VIEW, action.concern, description=f"Action {action.kind}")
    return render(request, "concerns/action.html", {"action": action, "form": form, "setting": setting, "conflict": conflict})
