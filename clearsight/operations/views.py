"""Disruption operation pages: the list, an operation, planning, outcomes, and the figures."""


from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from clearsight.core import audit, locking
from clearsight.core.charts import bar_chart
from clearsight.core.exports import download
from clearsight.core.models import Organisation
from clearsight.core.roles import Capability
from clearsight.core.suppression import SMALL_NUMBER, shown
from clearsight.core.views.access import needs
from clearsight.intelligence.api import premises_for_user

from . import figures as fig
from . import forms, services
from .models import Intervention, Operation, OperationVictim




def _get(request, public_id):
    return get_object_or_404(Operation.objects.for_user(request.user).select_related("lead_agency"), public_id=public_id)


def _editable(request, public_id):
    operation = _get(request, public_id)
    if not services.can_edit(request.user, operation):
        raise PermissionDenied
    return operation


@needs(Capability.WORK_IN_PARTNERSHIP)
def operation_list(request):
    items = list(Operation.objects.for_user(request.user).select_related("lead_agency"))
    audit.record(request, audit.Action.VIEW, record_type="operations", description=f"Operations list: {len(items)} shown")
    return render(request, "operations/list.html", {
        "planned": sorted([o for o in items if o.status == Operation.Status.PLANNED], key=lambda o: o.date),
        "done": [o for o in items if o.status == Operation.Status.DONE],
        "cancelled": [o for o in items if o.status == Operation.Status.CANCELLED],
        "can_plan": bool(services.planning_org_ids(request.user)),
    })


def _victim_rows(request, operation, facts):
    """Each linked victim with the link shown only when the viewer may open the record behind it."""
    from clearsight.cases.api import cases_for_user
    from clearsight.concerns.api import concerns_for_user

    links = list(operation.victims.select_related("concern_person"))
    concerns = {c.pk: c for c in concerns_for_user(request.user).filter(
        pk__in=[v.concern_person.concern_id for v in links if v.concern_person_id])}
    cases = {c.pk: c for c in cases_for_user(request.user).filter(pk__in=[v.case_id for v in links if v.case_id])}
    rows = []
    for link in links:
        facts_ = facts.get(link.pk)
        concern = concerns.get(link.concern_person.concern_id) if link.concern_person_id else None
        case = cases.get(link.case_id)
        # What is known about a person is shown only to those who may open the record behind it;
        # everyone else sees that a victim was identified, and the totals.
        rows.append({"link": link, "facts": facts_ if (concern or case) else None, "concern": concern, "case": case,
                     "repeat": link.pk in facts and facts_ is None})
    return rows


@needs(Capability.WORK_IN_PARTNERSHIP)
def operation(request, public_id):
    item = _get(request, public_id)
    record = fig.load([item])[0]
    summary = fig.figures([record])
    audit.record_for(request, audit.Action.VIEW, item, description="Operation")
    return render(request, "operations/operation.html", {
        "item": item, "record": record, "summary": summary, "counts": summary.victims,
        "agencies": item.participating_agencies.all(),
        "premises": services.targeted_premises(item),
        "types": item.exploitation_types.all(),
        "interventions": item.interventions.select_related("agency"),
        "victims": _victim_rows(request, item, record.facts_by_link),
        "can_edit": services.can_edit(request.user, item),
    })


def _save_plan(operation, data, user):
    fields = {k: data[k] for k in ("name", "date", "status", "lead_agency", "powers", "reception_arrangements")}
    if operation is None:
        operation = Operation.objects.create(created_by=user, **fields)
    else:
        if not locking.save_if_unchanged(Operation.objects.for_user(user), operation.pk, data["version"], **fields):
            return None
        operation.refresh_from_db()
    operation.participating_agencies.set([a for a in data["participating_agencies"] if a != data["lead_agency"]])
    # Through the link table: Premises rows are scoped, and the plan form already chose from the ones
    # the user may see (and those the operation already targets).
    through = Operation.target_premises.through
    through.objects.filter(operation=operation).delete()
    through.objects.bulk_create([through(operation=operation, premises=p) for p in data["target_premises"]])
    operation.exploitation_types.set(data["exploitation_types"])
    return operation


def _plan_page(request, operation):
    orgs = services.planning_org_ids(request.user)
    leads = list(Organisation.objects.filter(pk__in=orgs))
    if operation is not None and operation.lead_agency not in leads:
        leads.append(operation.lead_agency)
    premises = premises_for_user(request.user)
    if operation is not None:
        premises += [p for p in services.targeted_premises(operation) if p not in premises]
    initial = forms.PlanForm.initial_for(operation) if operation else {"status": Operation.Status.PLANNED, "version": 0}
    form = forms.PlanForm(request.POST or None, initial=initial, lead_choices=leads, premises=premises)
    conflict = False
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = _save_plan(operation, form.cleaned_data, request.user)
        if saved is not None:
            audit.record_for(request, audit.Action.CREATE if operation is None else audit.Action.CHANGE, saved,
                             description="Operation planned" if operation is None else "Operation plan changed")
            messages.success(request, "The operation has been saved.")
            return redirect("operations:operation", public_id=saved.public_id)
        conflict = True
        operation.refresh_from_db()
        # Merged with the plan as saved now (core.locking): what only the other person changed is shown,
        # what both changed keeps this person's answer and says at the field what is saved now.
        locking.add_conflict_error(form, operation.version, forms.PlanForm.initial_for(operation))
    if operation is not None:
        audit.record_for(request, audit.Action.VIEW, operation, description="Plan form" + (": conflict shown" if conflict else ""))
    return render(request, "operations/plan_form.html", {"form": form, "item": operation, "conflict": conflict})


@needs(Capability.RUN_PARTNERSHIP)
def operation_add(request):
    if not services.planning_org_ids(request.user):
        raise PermissionDenied
    return _plan_page(request, None)


@needs(Capability.RUN_PARTNERSHIP)
def operation_edit(request, public_id):
    return _plan_page(request, _editable(request, public_id))


@needs(Capability.RUN_PARTNERSHIP)
def outcomes(request, public_id):
    item = _editable(request, public_id)
    form = forms.OutcomesForm(request.POST or None, initial=forms.OutcomesForm.initial_for(item))
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {name: data[name] for name in forms.OutcomesForm.FIELDS}
        updated = locking.save_if_unchanged(Operation.objects.for_user(request.user), item.pk, data["version"],
                                            outcomes_recorded_at=timezone.now(), **fields)
        if updated:
            audit.record_for(request, audit.Action.CHANGE, item, description="Operation outcomes recorded")
            messages.success(request, "The outcomes have been saved.")
            return redirect("operations:operation", public_id=item.public_id)
        conflict = True
        item.refresh_from_db()
        # Merged with the outcomes as saved now (core.locking).
        locking.add_conflict_error(form, item.version, forms.OutcomesForm.initial_for(item))
    audit.record_for(request, audit.Action.VIEW, item, description="Outcomes form" + (": conflict shown" if conflict else ""))
    return render(request, "operations/outcomes_form.html", {"form": form, "item": item, "conflict": conflict})


@needs(Capability.WORK_IN_PARTNERSHIP)
def victim_add(request, public_id):
    item = _get(request, public_id)
    form = forms.VictimForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                OperationVictim.objects.create(operation=item, concern_person=data["concern_person"], case=data["case"],
                                               added_by=request.user)
        except IntegrityError:
            form.add_error("reference", "This person is already linked to the operation")
        else:
            audit.record_for(request, audit.Action.CHANGE, item, description="Potential victim linked")
            messages.success(request, "The potential victim has been linked to the operation.")
            return redirect("operations:operation", public_id=item.public_id)
    audit.record_for(request, audit.Action.VIEW, item, description="Link a potential victim")
    return render(request, "operations/victim_form.html", {"form": form, "item": item})


@require_POST
@needs(Capability.WORK_IN_PARTNERSHIP)
def victim_remove(request, public_id, victim_id):
    item = _get(request, public_id)
    link = get_object_or_404(item.victims, pk=victim_id)
    if not (services.can_edit(request.user, item) or link.added_by_id == request.user.pk):
        raise PermissionDenied
    link.delete()
    audit.record_for(request, audit.Action.CHANGE, item, description="Potential victim link removed")
    messages.success(request, "The link has been removed.")
    return redirect("operations:operation", public_id=item.public_id)


@needs(Capability.RUN_PARTNERSHIP)
def intervention_add(request, public_id):
    item = _editable(request, public_id)
    agencies = [item.lead_agency] + list(item.participating_agencies.all())
    form = forms.InterventionForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        Intervention.objects.create(operation=item, agency=data["agency"], kind=data["kind"], count=data["count"])
        audit.record_for(request, audit.Action.CHANGE, item, description="Intervention recorded")
        messages.success(request, "The intervention has been recorded.")
        return redirect("operations:operation", public_id=item.public_id)
    audit.record_for(request, audit.Action.VIEW, item, description="Record an intervention")
    return render(request, "operations/intervention_form.html", {"form": form, "item": item})


@require_POST
@needs(Capability.RUN_PARTNERSHIP)
def intervention_remove(request, public_id, intervention_id):
    item = _editable(request, public_id)
    get_object_or_404(item.interventions, pk=intervention_id).delete()
    audit.record_for(request, audit.Action.CHANGE, item, description="Intervention removed")
    messages.success(request, "The intervention has been removed.")
    return redirect("operations:operation", public_id=item.public_id)


# --- Figures -----------------------------------------------------------------------------------------

FIGURES_REASON = "operation figures for the viewer's organisations: counts only, never names"
BLUE = "#1d70b8"


def _figures(request):
    rows = fig.carried_out(services.figures_org_ids(request.user), FIGURES_REASON)
    dates = [op.date for op in rows]
    chosen = request.GET.get("period", "")  # the page's choice: "fy-2026" or "2026"; links use fy= or year=
    year = request.GET.get("year", "") or ("" if chosen.startswith("fy-") else chosen)
    fy = request.GET.get("fy", "") or (chosen[3:] if chosen.startswith("fy-") else "")
    period = fig.choose_period(dates, year=year, fy=fy)
    if period.key:
        rows = rows.filter(date__gte=period.start, date__lte=period.end)
    return fig.figures(fig.load(rows)), fig.period_choices(dates), period


def tables(f, restricted, names=True):
    """Every table on the figures page: key -> (title, headers, rows), counts already shown to the viewer.
    Without ``names`` (viewers who do not sign in with a second factor, or restricted ones), operations
    are numbered instead of named: a name can say who or where the operation was about."""
    s = lambda n: shown(n, restricted)  # noqa: E731
    name = (lambda op, number: op.name) if names else (lambda op, number: f"Operation {number}")  # noqa: E731
    v = f.victims
    return {
        "summary": ("Operations carried out", ["Measure", "Number"], [
            ["Operations carried out", s(f.operations)],
            ["Agencies taking part", s(len(f.agencies))],
            ["Interventions", s(f.interventions)],
            ["Arrests", s(f.arrests_total)],
            ["Potential victims identified", s(v.victims)],
        ]),
        "exploitation-types": ("Operations by type of exploitation", ["Type of exploitation", "Operations"],
                               [[label, s(n)] for label, n in f.by_exploitation_type]
                               + [["No type recorded", s(f.without_type)],
                                  ["Total of the counts above (an operation can have several types)",
                                   s(f.type_mentions + f.without_type)],
                                  ["Operations carried out", s(f.operations)]]),
        "premises-types": ("Operations by type of premises", ["Type of premises", "Operations", "Premises targeted"],
                           [[label, s(n), s(p)] for label, n, p in f.by_premises_type]),
        "agencies": ("Agencies taking part", ["Agency", "Operations"], [[a, s(n)] for a, n in f.agencies]),
        "interventions": ("Interventions by agency", ["Agency", "Interventions"],
                          [[a, s(n)] for a, n in f.interventions_by_agency] + [["Total", s(f.interventions)]]),
        "intervention-kinds": ("Interventions by kind", ["Kind", "Interventions"],
                               [[k, s(n)] for k, n in f.interventions_by_kind]),
        "arrests": ("Arrests by legislation", ["Legislation", "Arrests"],
                    [[label, s(n)] for label, n in f.arrests] + [["Total", s(f.arrests_total)]]),
        "enforcement": ("Closures, notices, orders and intelligence", ["Measure", "Number"],
                        [[label, s(n)] for label, n in f.enforcement]),
        "victims": ("Potential victims identified", ["Measure", "People"], [
            ["Potential victims identified", s(v.victims)], ["Adults", s(v.adults)], ["Children", s(v.children)],
            ["Age not known", s(v.age_unknown)], ["Referred to the NRM", s(v.nrm)],
            ["Children referred to the NRM", s(v.children_nrm)],
            ["Duty to Notify report made", s(v.dtn)], ["Neither NRM referral nor Duty to Notify yet", s(v.neither)],
            ["With at least one support pathway", s(v.with_pathway)],
            ["Declined an offer of support or a referral", s(v.declined)]]),
        "per-operation": ("Potential victims by operation",
                          ["Operation", "Reference", "Date", "Potential victims", "Adults", "Children", "Age not known",
                           "NRM referrals", "Children referred to the NRM", "Duty to Notify reports",
                           "With a support pathway"],
                          [[name(op, number), op.reference, op.date.strftime("%d/%m/%Y"), s(c.victims),
                            s(c.adults), s(c.children), s(c.age_unknown), s(c.nrm), s(c.children_nrm), s(c.dtn),
                            s(c.with_pathway)]
                           for number, (op, c) in enumerate(f.per_operation, start=1)]),
        "pathways": ("Support pathways", ["Support pathway", "People"], [[p, s(n)] for p, n in fig.pathway_rows(f.pathways, restricted)]),
        "declined": ("Support offered and declined", ["Offer or referral declined", "People"],
                     [[p, s(n)] for p, n in fig.declined_rows(f.declined, restricted)]),
        "outcomes": ("Outcomes so far", ["Outcome", "People"], [[o, s(n)] for o, n in f.outcomes]),
    }


CHARTS = ["exploitation-types", "premises-types", "agencies", "interventions", "arrests", "victims", "pathways", "outcomes"]


def _chart(rows, restricted):
    items = []
    for row in rows:
        if row[0].startswith("Total") or row[0] == "Operations carried out":
            continue
        value = row[1]
        # Short labels so they fit beside the bars; the table below has them in full.
        label = row[0] if len(row[0]) <= 26 else row[0][:25].rstrip() + "…"
        items.append((label, value if isinstance(value, int) else 0, str(value), BLUE))
    return bar_chart(items)


@needs(Capability.WORK_IN_PARTNERSHIP, Capability.VIEW_AGGREGATES)
def figures(request):
    f, (financial_years, years), period = _figures(request)
    restricted = services.restricted_figures(request.user)
    all_tables = tables(f, restricted, names=services.may_see_operation_names(request.user))
    sections = [{"key": key, "title": all_tables[key][0], "headers": all_tables[key][1], "rows": all_tables[key][2],
                 "chart": _chart(all_tables[key][2], restricted) if key in CHARTS and all_tables[key][2] else None}
                for key in all_tables]
    audit.record(request, audit.Action.VIEW, record_type="operation figures",
                 description=f"Operation figures{' for ' + period.label if period.key else ''}: {f.operations} operations")
    return render(request, "operations/figures.html", {
        "f": f, "sections": sections, "years": years, "financial_years": financial_years, "period": period,
        "restricted": restricted, "small": SMALL_NUMBER, "query": period.query,
    })


@needs(Capability.WORK_IN_PARTNERSHIP, Capability.VIEW_AGGREGATES)
def figures_export(request, table):
    f, _, period = _figures(request)
    all_tables = tables(f, services.restricted_figures(request.user), names=services.may_see_operation_names(request.user))
    if table not in all_tables:
        raise Http404
    title, headers, rows = all_tables[table]
    audit.record(request, audit.Action.EXPORT, record_type="operation figures", description=f"Exported: {title}")
    return download(f"operations-{table}{'-' + period.slug if period.key else ''}", headers, rows)
