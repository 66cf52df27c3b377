"""The children-at-risk register: how many children were thought to be victims or at risk on a date,
by type of exploitation, whether NRM referrals had been made and their outcomes then. Built only
from the cases the user can see, so the cases it lists are cases they may open. The date and
filters are sent by GET: none of them is personal data."""

from django.shortcuts import render
from django.utils import timezone

from clearsight.concerns.api import exploitation_types
from clearsight.core import audit

from .. import register as reg
from ..models import Case, RiskStatus
from ..support_forms import RegisterForm
from .case import case_work

RESULT_LABELS = {
    reg.POSITIVE: "Positive",
    reg.NEGATIVE: "Negative",
    reg.PENDING: "Waiting for a decision",
    reg.WITHDRAWN: "Withdrawn before a decision",
}


@case_work
def register(request):
    today = timezone.localdate()
    types = exploitation_types()
    form = RegisterForm(types, reg.VULNERABILITY_MARKERS, request.GET if request.GET else None)
    on, exploitation_type, marker, view = today, "", "", reg.KNOWN_NOW
    if form.is_bound and form.is_valid():
        on = form.cleaned_data["on"] or today
        exploitation_type = form.cleaned_data["exploitation_type"]
        marker = form.cleaned_data["marker"]
        view = form.cleaned_data["view"]
    cases = Case.objects.for_user(request.user).select_related("person", "nrm").prefetch_related(
        "risk_history", "register_history")
    facts = [reg.case_facts(case) for case in cases]
    figures = reg.figures_for_view(on, facts, view, exploitation_type=exploitation_type, marker=marker)

    type_labels = dict(types)
    marker_labels = reg.MARKER_LABELS
    by_type = [(label, figures.by_type.get(code, 0)) for code, label in types]
    by_type += [(code, n) for code, n in sorted(figures.by_type.items()) if code not in type_labels]
    by_marker = [(label, figures.by_marker.get(code, 0)) for code, label in reg.VULNERABILITY_MARKERS]
    by_marker += [(code, n) for code, n in sorted(figures.by_marker.items()) if code not in marker_labels]
    categories = dict(RiskStatus.Category.choices)
    children = []
    for case in figures.children:
        status = figures.statuses[case.reference]
        position = figures.positions[case.reference]
        children.append({
            "reference": case.reference,
            "public_id": case.public_id,
            "category": status.category,
            "category_label": categories.get(status.category, status.category),
            "types": [type_labels.get(code, code) for code in status.exploitation_types],
            "referred": position.referred,
            "rg": RESULT_LABELS.get(position.rg, ""),
            "cg": RESULT_LABELS.get(position.cg, "") if position.cg else "",
        })
    audit.record(request, audit.Action.VIEW, record_type="children at risk register", description=(
        f"As at {on:%Y-%m-%d} ({'as recorded then' if view == reg.AS_RECORDED else 'as known now'}); {figures.total} {'child' if figures.total == 1 else 'children'}; "
        f"type {exploitation_type or 'any'}; marker {marker or 'any'}"))
    return render(request, "cases/register.html", {
        "form": form, "on": on, "is_today": on == today, "figures": figures, "as_recorded": view == reg.AS_RECORDED,
        "filter_type": type_labels.get(exploitation_type, ""), "filter_marker": marker_labels.get(marker, ""),
        "by_type": by_type, "by_marker": by_marker, "children": children,
        "rg_rows": [(RESULT_LABELS[k], figures.rg.get(k, 0)) for k in (reg.POSITIVE, reg.NEGATIVE, reg.PENDING, reg.WITHDRAWN)],
        "cg_rows": [(RESULT_LABELS[k], figures.cg.get(k, 0)) for k in (reg.POSITIVE, reg.NEGATIVE, reg.PENDING, reg.WITHDRAWN)],
    })
