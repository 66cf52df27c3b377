"""Outcome scores: a person's scores over time (a chart, then the same figures as a table), scoring
all eight measures at once, and the progress across every case the user can see (no personal data
on that page: only counts and averages)."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from clearsight.core import audit

from .. import outcomes as o
from .. import support_forms as f
from ..models import Case, OutcomeScore, ServiceReferral
from .case import case_context, case_work, get_case


@case_work
def outcomes(request, public_id):
    case = get_case(request, public_id)
    scores = list(case.outcome_scores.order_by("scored_on", "pk"))
    table = o.by_date(scores)
    panels = o.case_panels(scores)
    audit.record_for(request, audit.Action.VIEW, case, description="Outcome scores")
    return render(request, "cases/outcomes.html", case_context(
        request, case, "outcomes", panels=panels, frame=o.Frame(), axis=o.date_axis(scores), dates=list(table),
        rows=[{"measure": panel.measure, "label": panel.label, "progress": panel.progress,
               "cells": [{"on": on, "score": scored.get(panel.measure)} for on, scored in table.items()]}
              for panel in panels],
    ))


@case_work
def outcome_add(request, public_id):
    case = get_case(request, public_id)
    taken = set(case.outcome_scores.values_list("scored_on", flat=True))
    form = f.OutcomeScoresForm(request.POST if request.method == "POST" else None, taken_dates=taken,
                               initial={"scored_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            OutcomeScore.objects.bulk_create([
                OutcomeScore(case=case, measure=code, score=data[code], scored_on=data["scored_on"], scored_by=request.user)
                for code, _ in o.MEASURES
            ])
        audit.record_for(request, audit.Action.CREATE, case,
                         description=f"Outcome scores for {data['scored_on']:%Y-%m-%d} added ({len(o.MEASURES)} measures)")
        messages.success(request, "The scores have been saved.")
        return redirect(reverse("cases:outcomes", args=[case.public_id]))
    audit.record_for(request, audit.Action.VIEW, case, description="Add outcome scores" + (": errors shown" if form.errors else ""))
    return render(request, "cases/outcomes_form.html", case_context(request, case, "outcomes", form=form))


@case_work
def summary(request):
    cases = Case.objects.for_user(request.user)
    scores = OutcomeScore.objects.filter(case__in=cases).order_by("scored_on", "pk").values_list(
        "case_id", "measure", "score", "scored_on")
    by_case = {}
    for case_id, measure, score, scored_on in scores:
        by_case.setdefault(case_id, []).append(o.Score(measure, score, scored_on))
    rows = o.aggregate(o.progress(case_scores) for case_scores in by_case.values())
    offers = o.offer_rows(ServiceReferral.objects.filter(case__in=cases).values_list("case_id", "kind", "status"))
    audit.record(request, audit.Action.VIEW, record_type="outcomes summary",
                 description=f"Outcome progress across {len(by_case)} cases")
    return render(request, "cases/outcomes_summary.html", {
        "rows": rows, "chart": o.summary_chart(rows), "cases_with_scores": len(by_case),
        "today": timezone.localdate(), "offers": offers,
    })
