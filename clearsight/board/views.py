"""Board figures: the dashboard, the printable board report and their exports. Counts only, never
names; small numbers hidden from anyone not cleared to see personal data."""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from clearsight.core import audit
from clearsight.core.charts import bar_chart
from clearsight.core.dates import long_date
from clearsight.core.exports import Sheet, attachment, download, write_xlsx
from clearsight.core.roles import Capability
from clearsight.core.suppression import SMALL_NUMBER
from clearsight.core.views.access import needs

from . import figures as fig
from . import forms

BLUE = "#1d70b8"

# Tables drawn as a bar chart too: key -> (label column, value column, rows to leave out of the chart).
CHARTS = {
    "concerns": (0, 1, {"Whole period"}),
    "nrm-by-quarter": (0, 4, {"Whole period"}),
    "dtn-by-quarter": (0, 4, {"Whole period"}),
    "nrm-by-type": (0, -1, None),
    "nrm-by-category": (0, -1, None),
    "operation-outcomes": (0, 1, set()),
}
SECTIONS = [
    ("Concerns", ["concerns"]),
    ("NRM referrals and Duty to Notify reports", ["nrm-by-quarter", "nrm-by-category", "nrm-by-type",
                                                  "dtn-by-quarter", "dtn-by-category", "dtn-by-type"]),
    ("Reasonable Grounds and Conclusive Grounds decisions", ["decisions", "decisions-by-quarter"]),
    ("Support plans", ["support-plans"]),
    ("Operations", ["operations", "operation-outcomes"]),
    ("Training", ["training"]),
    ("Supplier assessments", ["suppliers"]),
    ("Action plan", ["action-plan"]),
]
# Each section's page (board-figures/details/<slug>) and what the dashboard's link to it says it holds.
DETAILS = {
    "concerns": ("Concerns", "Concerns reported by quarter, and the people in them by age group"),
    "referrals": ("NRM referrals and Duty to Notify reports",
                  "By quarter, age group, the Home Office’s categories of exploitation and each type"),
    "decisions": ("Reasonable Grounds and Conclusive Grounds decisions",
                  "Positive and negative decisions, days taken and decisions still awaited"),
    "support-plans": ("Support plans", "People supported and how many have a written support plan"),
    "operations": ("Operations", "Operations, arrests, potential victims and where they are now"),
    "training": ("Training", "Training compliance by organisation"),
    "suppliers": ("Supplier assessments", "High-risk suppliers and spend with a current assessment"),
    "action-plan": ("Action plan", "Progress of the actions in the plan year"),
}


def short_label(label: str) -> str:
    """A chart's bar label fits in 26 characters. A quarter the period cuts short ("Q3 2026 to 2027
    (1 October 2026 to 23 November 2026)") becomes "Q3 2026 to 2027 (part)": its table, right below
    the chart, gives the dates."""
    if label.startswith("Q") and " (" in label:
        label = label.split(" (", 1)[0] + " (part)"
    return label if len(label) <= 26 else label[:25].rstrip() + "…"


def _chart(key, rows):
    label_col, value_col, leave_out = CHARTS[key]
    items = []
    for row in rows:
        label = row[label_col]
        if leave_out is None and row is rows[-1]:
            continue  # the total row
        if leave_out and label in leave_out:
            continue
        value = row[value_col]
        label = short_label(label)
        number = isinstance(value, int)
        items.append((label, value if number else 0, f"{value:,}" if number else str(value), BLUE))
    return bar_chart(items) if items else None


def _figures(request, period):
    orgs = fig.aggregate_organisation_ids(request.user)
    bf = fig.board_figures(orgs, period.start, period.end, timezone.localdate())
    restricted = fig.is_restricted(request.user)
    return bf, fig.tables(bf, restricted), restricted


def _sections(all_tables, charts=True, only=None):
    result = []
    for heading, keys in SECTIONS:
        if only is not None and heading != only:
            continue
        items = []
        for key in keys:
            title, headers, rows = all_tables[key]
            items.append({"key": key, "title": title, "headers": headers, "rows": rows,
                          "chart": _chart(key, rows) if charts and key in CHARTS and rows else None})
        result.append({"heading": heading, "id": keys[0] + "-section", "tables": items})
    return result


def _period(request):
    today = timezone.localdate()
    period, list_form, dates_form = forms.period_from(request.GET, today)
    return today, period, list_form, dates_form


def _context(request, period, bf, all_tables, restricted, sections=None, **extra):
    return {"period": period, "bf": bf, "summary": all_tables["summary"][2],
            "sections": _sections(all_tables) if sections is None else sections,
            "restricted": restricted, "small": SMALL_NUMBER, "query": urlencode(period.query()), **extra}


def _previous_tables(request, period, restricted):
    start, end = fig.previous_period(period.start, period.end)
    previous = fig.board_figures(fig.aggregate_organisation_ids(request.user), start, end, timezone.localdate())
    return f"{long_date(start)} to {long_date(end)}", fig.tables(previous, restricted)


@needs(Capability.VIEW_AGGREGATES)
def dashboard(request):
    today, period, list_form, dates_form = _period(request)
    context = {"list_form": list_form, "dates_form": dates_form, "today": today, "period": period,
               "form": dates_form if dates_form.is_bound else None, "small": SMALL_NUMBER}
    if period is None:
        audit.record(request, audit.Action.VIEW, record_type="board figures",
                     description="Board figures: period form with errors")
        return render(request, "board/dashboard.html", context)
    bf, all_tables, restricted = _figures(request, period)
    previous_label, previous_tables = _previous_tables(request, period, restricted)
    audit.record(request, audit.Action.VIEW, record_type="board figures",
                 description=f"Board figures for {period.label}" + (" (small numbers hidden)" if restricted else ""))
    context.update(_context(request, period, bf, all_tables, restricted, sections=[]))
    context.update({"trends": fig.summary_trends(all_tables, previous_tables), "previous_label": previous_label,
                    "details": [(slug, title, what) for slug, (title, what) in DETAILS.items()]})
    return render(request, "board/dashboard.html", context)


@needs(Capability.VIEW_AGGREGATES)
def details(request, section):
    """One section of the board figures in full: its tables, charts and downloads."""
    if section not in DETAILS:
        raise Http404
    heading, what = DETAILS[section]
    today, period, _, _ = _period(request)
    if period is None:
        period = forms.default_period(today)
    bf, all_tables, restricted = _figures(request, period)
    audit.record(request, audit.Action.VIEW, record_type="board figures",
                 description=f"Board figures, {heading}, for {period.label}"
                             + (" (small numbers hidden)" if restricted else ""))
    context = _context(request, period, bf, all_tables, restricted, sections=_sections(all_tables, only=heading),
                       heading=heading, what=what, today=today)
    return render(request, "board/details.html", context)


@needs(Capability.VIEW_AGGREGATES)
def report(request):
    today, period, _, _ = _period(request)
    if period is None:
        period = forms.default_period(today)
    bf, all_tables, restricted = _figures(request, period)
    audit.record(request, audit.Action.VIEW, record_type="board figures",
                 description=f"Board report for {period.label}" + (" (small numbers hidden)" if restricted else ""))
    return render(request, "board/report.html", _context(request, period, bf, all_tables, restricted, today=today))


def _filename(period, name):
    return f"board-figures-{name}-{period.start:%Y-%m-%d}-to-{period.end:%Y-%m-%d}"


def _export_period(request):
    today, period, _, _ = _period(request)
    if period is None:
        raise Http404
    return period


@needs(Capability.VIEW_AGGREGATES)
def export_csv(request, table):
    period = _export_period(request)
    bf, all_tables, restricted = _figures(request, period)
    if table not in all_tables:
        raise Http404
    title, headers, rows = all_tables[table]
    audit.record(request, audit.Action.EXPORT, record_type="board figures",
                 description=f"Board figures exported as CSV: {title}, {period.label}")
    return download(_filename(period, table), headers, rows)


def sheets(bf, all_tables, period_label) -> list[Sheet]:
    """One sheet per table, each headed by its title and the period it covers."""
    note = f"Period: {period_label}. Produced on {long_date(bf.produced_on)}."
    return [Sheet(key, headers, rows, title=title, notes=[note], first_column_width=50)
            for key, (title, headers, rows) in all_tables.items()]


@needs(Capability.VIEW_AGGREGATES)
def export_xlsx(request):
    period = _export_period(request)
    bf, all_tables, restricted = _figures(request, period)
    audit.record(request, audit.Action.EXPORT, record_type="board figures",
                 description=f"Board figures exported as XLSX: {len(all_tables)} tables, {period.label}")
    return attachment(write_xlsx(sheets(bf, all_tables, period.label)), _filename(period, "all"), "xlsx")
