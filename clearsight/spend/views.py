"""Spend pages: imports (upload, columns, progress, report) for procurement officers, and a spend
overview for anyone who may see suppliers. The work is in importer.py and summary.py."""


from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from clearsight.core import audit, locking
from clearsight.core.models import Organisation
from clearsight.core.roles import Capability
from clearsight.core.views.access import needs
from clearsight.core.worker import worker_running
from clearsight.matching.api import resolution_sentence
from clearsight.supply.api import Supplier, supply_data_org_ids, supply_org_ids

from . import confirmation, importer, layouts, summary, undo
from .forms import ColumnsForm, ForgetLayoutForm, MappingForm, UndoForm, UploadForm
from .models import SpendImport, SpendLine, SpendMapping
from .parsing import FIELDS, publisher_key
from .tasks import import_spend_file

TOP_SUPPLIERS = 20




def _import_for(request, public_id, manage=False):
    spend_import = get_object_or_404(SpendImport.objects.for_user(request.user).select_related("organisation"),
                                     public_id=public_id)
    if manage and spend_import.organisation_id not in supply_data_org_ids(request.user):
        raise PermissionDenied
    return spend_import


def _start(spend_import):
    import_spend_file.enqueue(spend_import.pk)


WAITING = (SpendImport.Status.READING, SpendImport.Status.QUEUED, SpendImport.Status.RUNNING)


def _next_page(spend_import):
    if spend_import.status == SpendImport.Status.NEEDS_MAPPING:
        return redirect("spend:mapping", public_id=spend_import.public_id)
    if spend_import.status in WAITING:
        return redirect("spend:progress", public_id=spend_import.public_id)
    return redirect("spend:report", public_id=spend_import.public_id)


@needs(Capability.VIEW_SUPPLIERS)
def imports(request):
    """The files uploaded, newest first; ``?publisher=<publisher key>`` shows one publisher's files."""
    items = SpendImport.objects.for_user(request.user).select_related("organisation", "undone_by")
    publisher = request.GET.get("publisher", "").strip()
    if publisher:
        items = [item for item in items.iterator() if publisher_key(item.publisher) == publisher]
        publisher = items[0].publisher if items else publisher
    return render(request, "spend/imports.html", {
        "imports": items[:200], "publisher": publisher,
        "can_upload": request.user.can(Capability.MANAGE_SUPPLY_DATA)})


@needs(Capability.MANAGE_SUPPLY_DATA)
@require_http_methods(["GET", "POST"])
def upload(request):
    organisations = list(Organisation.objects.filter(pk__in=supply_data_org_ids(request.user)).order_by("name"))
    if not organisations:
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        organisation = organisations[0]
        if "organisation" in form.cleaned_data:
            organisation = next(o for o in organisations if str(o.public_id) == form.cleaned_data["organisation"])
        upload_file = form.cleaned_data["file"]
        # Stored, not read: the task worker finds the header and columns (a workbook can take a minute).
        spend_import = importer.store_upload(organisation, form.cleaned_data["publisher"], upload_file.name,
                                             upload_file.chunks(), request.user)
        audit.record_for(request, audit.Action.CREATE, spend_import,
                         description=f"Spend file uploaded: {spend_import.get_status_display()}")
        if spend_import.status == SpendImport.Status.READING:
            _start(spend_import)
            spend_import.refresh_from_db()
        return _next_page(spend_import)
    return render(request, "spend/upload.html", {"form": form})


@needs(Capability.MANAGE_SUPPLY_DATA)
@require_http_methods(["GET", "POST"])
def mapping(request, public_id):
    spend_import = _import_for(request, public_id, manage=True)
    if spend_import.status != SpendImport.Status.NEEDS_MAPPING:
        if request.method == "POST":  # confirmed meanwhile, in another tab or by someone else
            return _already_confirmed(request, spend_import)
        return _next_page(spend_import)
    columns = spend_import.mapping.get("columns", {})
    initial = {f"col_{key}": str(index) for key, index in columns.items()}
    initial.update(version=spend_import.version, period_start=spend_import.period_start,
                   period_end=spend_import.period_end)
    form = MappingForm(request.POST or None, initial=initial, header=spend_import.header)
    conflict = False
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["version"] != spend_import.version:
            conflict = True
            form.add_error(None, "Someone else changed this import while you were checking it. "
                                 "Check the columns again.")
        else:
            period = None
            if form.cleaned_data.get("period_start"):
                period = (form.cleaned_data["period_start"], form.cleaned_data["period_end"])
            if not importer.confirm_mapping(spend_import, form.columns(), request.user, period,
                                            expected_version=form.cleaned_data["version"]):
                return _already_confirmed(request, spend_import)
            audit.record_for(request, audit.Action.CHANGE, spend_import, description="Spend file columns confirmed")
            _start(spend_import)
            return redirect("spend:progress", public_id=spend_import.public_id)
    audit.record_for(request, audit.Action.VIEW, spend_import, description="Spend file columns")
    preview = importer.preview_rows(spend_import)
    remembered = None
    if spend_import.mapping.get("remembered"):
        remembered = (SpendMapping.objects.for_user(request.user).select_related("confirmed_by")
                      .filter(public_id=spend_import.mapping["remembered"]).first())
    offered = None
    if spend_import.mapping.get("offered"):
        offered = (SpendImport.objects.for_user(request.user).select_related("uploaded_by")
                   .filter(public_id=spend_import.mapping["offered"]).first())
    return render(request, "spend/mapping.html", {
        "spend_import": spend_import, "form": form, "preview": preview, "conflict": conflict,
        "sheets": (spend_import.report or {}).get("sheets", []),
        "field_names": [form[f"col_{key}"] for key in FIELDS],
        "doubts": spend_import.mapping.get("doubts", []), "remembered": remembered, "offered": offered,
        "offered_by": offered and confirmation.confirmed_by(offered),
    })



def _already_confirmed(request, spend_import):
    """A confirmation of the columns that came second: say that the person's choice was not used, what
    was, by whom and when, and what to do if it was wrong. A choice the same as the one used lost
    nothing: on to the import as usual."""
    form = MappingForm(request.POST, header=spend_import.header)
    chosen = period = None
    if form.is_valid():
        chosen = form.columns()
        if form.cleaned_data.get("period_start"):
            period = (form.cleaned_data["period_start"], form.cleaned_data["period_end"])
    taken = confirmation.already_confirmed(spend_import, chosen, period, request.user)
    if chosen is not None and not taken.differs:
        return _next_page(spend_import)
    audit.record_for(request, audit.Action.VIEW, spend_import,
                     description="Spend file columns already confirmed: the second choice was not used")
    return render(request, "spend/already_confirmed.html", {
        "spend_import": spend_import, "taken": taken, "chose": chosen is not None,
        "can_undo": spend_import.status == SpendImport.Status.IMPORTED,
        "waiting": spend_import.status in WAITING})


@needs(Capability.VIEW_SUPPLIERS)
def progress(request, public_id):
    spend_import = _import_for(request, public_id)
    if spend_import.is_finished:
        return redirect("spend:report", public_id=spend_import.public_id)
    audit.record_for(request, audit.Action.VIEW, spend_import, description="Spend import progress")
    return render(request, "spend/progress.html", {
        "spend_import": spend_import, "status_text": status_text(spend_import, _worker_running(spend_import)),
        "can_check_columns": spend_import.organisation_id in supply_data_org_ids(request.user)})


START_THE_WORKER = ("Ask your system administrator to start the background worker (bin/start starts it, or "
                    "manage.py run_worker).")


def _worker_running(spend_import) -> bool:
    """Whether a task worker is running, asked only while the import waits for one."""
    return spend_import.status not in WAITING or worker_running()


def status_text(spend_import, has_worker: bool = True) -> str:
    """What the progress page says: where the import is, or, when it waits for the background worker
    and none is running, that it will not move until someone starts one (issue 16: never wait silently)."""
    status = spend_import.status
    if not has_worker and status in WAITING:
        started = status == SpendImport.Status.RUNNING or (status == SpendImport.Status.READING and spend_import.stage)
        if started:
            return ("The background worker has stopped, so this import is paused. It will start again from the "
                    f"beginning, and nothing will be imported twice, once the worker is running. {START_THE_WORKER}")
        work = "this file has not been read yet" if status == SpendImport.Status.READING else "this import has not started"
        return (f"The background worker is not running, so {work}. It will start by itself once the worker is "
                f"running. {START_THE_WORKER}")
    if status == SpendImport.Status.READING:
        return "Reading the file."
    if status == SpendImport.Status.NEEDS_MAPPING:
        return "The file has been read. Its columns need checking."
    if status == SpendImport.Status.QUEUED:
        return "Waiting to start."
    if status == SpendImport.Status.RUNNING:
        stage = spend_import.stage or "Importing"
        return f"{stage}: {spend_import.percent_done}% done."
    return f"{spend_import.get_status_display()}."


@needs(Capability.VIEW_SUPPLIERS)
def status(request, public_id):
    """Polled by spend-progress.js (not audited: the progress page that polls it is)."""
    spend_import = _import_for(request, public_id)
    report_url = reverse("spend:report", kwargs={"public_id": spend_import.public_id})
    next_url = None  # where the page's script goes next, once there is something new to show
    if spend_import.is_finished:
        next_url = report_url
    elif (spend_import.status == SpendImport.Status.NEEDS_MAPPING
          and spend_import.organisation_id in supply_data_org_ids(request.user)):
        next_url = reverse("spend:mapping", kwargs={"public_id": spend_import.public_id})
    running = _worker_running(spend_import)
    return JsonResponse({
        "status": spend_import.status, "finished": spend_import.is_finished, "percent": spend_import.percent_done,
        "text": status_text(spend_import, running), "worker_running": running, "report_url": report_url,
        "next_url": next_url,
    })


@needs(Capability.VIEW_SUPPLIERS)
def report(request, public_id):
    spend_import = _import_for(request, public_id)
    if not spend_import.is_finished:
        return redirect("spend:progress", public_id=spend_import.public_id)
    audit.record_for(request, audit.Action.VIEW, spend_import, description="Spend import report")
    data = spend_import.report or {}
    return render(request, "spend/report.html", {
        "spend_import": spend_import, "errors": data.get("errors", []), "warnings": data.get("warnings", []),
        "notes": data.get("notes", []), "rejected": data.get("rejected", []),
        "rejected_count": data.get("rejected_count", 0), "kinds": data.get("kinds", {}),
        "suppliers": data.get("suppliers"), "file_format": data.get("format", ""),
        "can_manage": spend_import.organisation_id in supply_data_org_ids(request.user),
        "matching_sentence": resolution_sentence(data.get("matching")),
        # None when the import recorded no matching counts (older imports): the review link is then always offered
        "to_review": (data.get("matching") or {}).get("to_review") if data.get("matching") else None,
    })


@needs(Capability.MANAGE_SUPPLY_DATA)
@require_http_methods(["GET", "POST"])
def undo_import(request, public_id):
    """Undo an import (confirmation page, then the lines are removed): procurement officers of the
    import's organisation."""
    spend_import = _import_for(request, public_id, manage=True)
    cannot = undo.why_not_undoable(spend_import)
    form = UndoForm(request.POST or None, initial={"version": spend_import.version})
    stale = ""
    if request.method == "POST" and not cannot and form.is_valid():
        try:
            removed = undo.undo_import(spend_import, request.user, form.cleaned_data["version"])
        except undo.StaleUndo as error:
            stale = str(error)
            spend_import.refresh_from_db()
            cannot = undo.why_not_undoable(spend_import)
            form = UndoForm(initial={"version": spend_import.version})
        except undo.CannotUndo as error:  # pragma: no cover - checked above
            cannot = str(error)
        else:
            audit.record_for(request, audit.Action.DELETE, spend_import, description=(
                f"Spend import undone: {removed.line_count} payment lines totalling £{removed.total:,.2f} removed"))
            return redirect("spend:report", public_id=spend_import.public_id)
    audit.record_for(request, audit.Action.VIEW, spend_import, description="Undo a spend import: what it removes")
    return render(request, "spend/undo.html", {
        "spend_import": spend_import, "form": form, "cannot": cannot, "stale": stale,
        "plan": None if cannot else undo.what_undo_removes(spend_import)})


# ---------------------------------------------------------------- remembered layouts

def _layout_for(request, public_id):
    return get_object_or_404(SpendMapping.objects.for_user(request.user).select_related("organisation", "confirmed_by"),
                             public_id=public_id)


@needs(Capability.MANAGE_SUPPLY_DATA)
def remembered_layouts(request):
    """The remembered layouts of the user's organisations, by publisher."""
    groups = layouts.layouts_for(request.user)
    audit.record(request, audit.Action.VIEW, record_type="remembered spend layouts",
                 description=f"Remembered spend layouts: {sum(len(g.layouts) for g in groups)} shown")
    return render(request, "spend/layouts.html", {
        "groups": groups, "several_organisations": len({g.organisation.pk for g in groups}) > 1})


@needs(Capability.MANAGE_SUPPLY_DATA)
@require_http_methods(["GET", "POST"])
def remembered_layout(request, public_id):
    """Change a remembered layout: the same choice of columns as the columns page."""
    layout = _layout_for(request, public_id)
    form = ColumnsForm(request.POST or None, initial=_layout_initial(layout), header=layout.header)
    if request.method == "POST" and form.is_valid():
        if _layout_saved(form, layout, request.user):
            audit.record_for(request, audit.Action.CHANGE, layout,
                             description=f"Remembered spend layout changed for {layout.publisher}")
            messages.success(request, f"The columns of {layout.publisher}'s files were changed. "
                                      "The next file with this layout will be checked with them.")
            return redirect("spend:layouts")
    audit.record_for(request, audit.Action.VIEW, layout, description="Remembered spend layout")
    return render(request, "spend/layout.html", {
        "layout": layout, "form": form, "field_names": [form[f"col_{key}"] for key in FIELDS],
        "import_count": layout.imports.count()})


def _layout_initial(layout):
    return {"version": layout.version, **{f"col_{key}": str(index) for key, index in layout.mapping.items()}}


def _layout_saved(form, layout, user) -> bool:
    if layouts.change_layout(layout, form.columns(), user, form.cleaned_data["version"]):
        return True
    now = SpendMapping.objects.unscoped("the layout was found through the user's scope").filter(pk=layout.pk).first()
    locking.add_conflict_error(form, now and now.version, now and _layout_initial(now))
    return False


@needs(Capability.MANAGE_SUPPLY_DATA)
@require_http_methods(["GET", "POST"])
def forget_layout(request, public_id):
    """Forget a remembered layout (confirmation page, then it is gone)."""
    layout = _layout_for(request, public_id)
    form = ForgetLayoutForm(request.POST or None, initial={"version": layout.version})
    conflict = False
    if request.method == "POST" and form.is_valid():
        if layouts.forget_layout(layout, form.cleaned_data["version"]):
            audit.record_for(request, audit.Action.DELETE, layout,
                             description=f"Remembered spend layout forgotten for {layout.publisher}")
            messages.success(request, f"The layout was forgotten. The next file from {layout.publisher} with these "
                                      "columns will be checked as a new layout.")
            return redirect("spend:layouts")
        conflict = True
        form = ForgetLayoutForm(initial={"version": layout.version})
    audit.record_for(request, audit.Action.VIEW, layout, description="Forget a remembered spend layout")
    return render(request, "spend/layout_forget.html", {
        "layout": layout, "form": form, "conflict": conflict, "fields": layouts.fields_of(layout),
        "import_count": layout.imports.count()})


@needs(Capability.VIEW_SUPPLIERS)
def overview(request):
    organisations = list(Organisation.objects.filter(pk__in=supply_org_ids(request.user)).order_by("name"))
    chosen = request.GET.get("organisation")
    organisation = next((o for o in organisations if str(o.public_id) == chosen), organisations[0] if organisations else None)
    years, top, total, publishers, undated = [], [], None, [], 0
    if organisation is not None:
        years = summary.spend_by_year(organisation)
        undated = summary.lines_without_date(organisation.pk)
        publishers = summary.spend_by_publisher(organisation)
        total = summary.total_spend(organisation)
        top_rows = (SpendLine.objects.for_user(request.user).filter(organisation=organisation, supplier__isnull=False)
                    .values("supplier_id").annotate(total=Sum("amount")).order_by("-total")[:TOP_SUPPLIERS])
        totals = {row["supplier_id"]: summary._money(row["total"]) for row in top_rows}
        suppliers = Supplier.objects.for_user(request.user).in_bulk(list(totals))
        top = [(suppliers[sid], amount) for sid, amount in totals.items() if sid in suppliers]
        # Payees can be sole traders: seeing who was paid most is audited.
        audit.record(request, audit.Action.VIEW, record_type="spend overview", record_id=organisation.public_id,
                     description=f"Spend overview: top {len(top)} suppliers by spend")
    biggest = max((abs(t) for _, t, _ in years), default=0) or 1
    return render(request, "spend/overview.html", {
        "organisation": organisation, "organisations": organisations, "total": total, "top": top,
        "publishers": publishers, "can_manage": bool(supply_data_org_ids(request.user)),
        "undated": undated, "year_unknown": any(year is None for year, _, _ in years),
        "years": [(year, amount, count, int(100 * max(amount, 0) / biggest)) for year, amount, count in years],
    })
