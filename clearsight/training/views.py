"""Training pages: a line manager's team, staff records and overrides, the compliance dashboard
(rates only, never names), imports, sessions and attendance, and exports."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from clearsight.core import audit, exports
from clearsight.core.models import Organisation
from clearsight.core.roles import Capability, Role
from clearsight.core.suppression import FEWER_THAN, SMALL_NUMBER, is_small
from clearsight.core.views.access import needs

from . import charts, forms, imports, services
from . import compliance as c
from .models import Attendance, Cohort, Completion, Session, StaffMember, TrainingLevel

DASHBOARD_ROLES = (Role.TRAINING_MANAGER, Role.BOARD_MEMBER, Role.STATEMENT_OWNER)
STATUS_COLOURS = {
    c.Status.COMPLIANT: "green", c.Status.DUE_SOON: "yellow", c.Status.IN_GRACE: "blue",
    c.Status.OVERDUE: "red", c.Status.NEVER_TRAINED: "orange", c.Status.NOT_REQUIRED: "grey",
}


def _orgs_with(user, *roles):
    ids = set()
    for role in roles:
        ids |= user.organisation_ids_with_role(role)
    return ids




def _status_filters():
    return [("", "Everyone")] + [(s.value, c.STATUS_LABELS[s]) for s in c.SEVERITY if s != c.Status.NOT_REQUIRED]


# --- A line manager's team ---------------------------------------------------------------------------

def _team(request):
    today = timezone.localdate()
    staff = (StaffMember.objects.for_user(request.user).filter(manager__user=request.user)
             .filter(Q(leave_date__isnull=True) | Q(leave_date__gt=today)).select_related("organisation"))
    rows = services.person_rows(staff, today)
    rows.sort(key=lambda r: (c.SEVERITY.index(r.status), r.staff.full_name))
    return rows


@needs(Capability.VIEW_TEAM_TRAINING)
def my_team(request):
    rows = _team(request)
    counts = services.status_counts(rows)
    status = request.GET.get("status", "")
    shown = [r for r in rows if r.status == status] if status in c.Status.__members__.values() else rows
    linked = StaffMember.objects.for_user(request.user).filter(user=request.user).exists() or bool(rows)
    audit.record(request, audit.Action.VIEW, record_type="training team",
                 description=f"Team training list: {len(shown)} people shown")
    return render(request, "training/my_team.html", {
        "rows": shown, "all_count": len(rows), "counts": [(s, c.STATUS_LABELS[s], counts[s], STATUS_COLOURS[s])
                                                          for s in c.SEVERITY if s != c.Status.NOT_REQUIRED],
        "status": status, "filters": _status_filters(), "linked": linked, "colours": STATUS_COLOURS,
        "today": timezone.localdate(),
    })


def _team_table(rows):
    headers = ["Employee number", "Name", "Job title", "Service", "Status", "Next due", "Training"]
    data = []
    for r in rows:
        detail = "; ".join(f"{x['level']}: {x['status'].label}" + (f" (due {x['status'].due_on:%d/%m/%Y})" if x["status"].due_on else "")
                           for x in r.requirement_rows)
        data.append([r.staff.employee_number, r.staff.full_name, r.staff.job_title, r.staff.service, r.status_label,
                     r.next_due.strftime("%d/%m/%Y") if r.next_due else "", detail])
    return headers, data


@needs(Capability.VIEW_TEAM_TRAINING)
def my_team_export(request, fmt):
    if fmt not in exports.FORMATS:
        raise Http404
    rows = _team(request)
    headers, data = _team_table(rows)
    audit.record(request, audit.Action.EXPORT, record_type="training team",
                 description=f"Team training list exported as {fmt.upper()}: {len(rows)} people")
    return exports.download(f"team-training-{timezone.localdate():%Y-%m-%d}", headers, data, fmt, "Team training")


# --- Staff (training managers) -----------------------------------------------------------------------

STAFF_QUERY_KEY = "training_staff_query"


@needs(Capability.MANAGE_TRAINING)
@require_http_methods(["GET", "POST"])
def staff_list(request):
    """The staff list. Searches are sent by POST and kept in the session, so that names never go
    into a URL (and so into browser history, logs or referrers); only the status filter, the
    leavers choice and the page number do. ``searched=1`` in the URL keeps the saved search."""
    if request.method == "POST":
        query = "" if "clear" in request.POST else request.POST.get("q", "").strip()[:100]
        if query:
            request.session[STAFF_QUERY_KEY] = query
        else:
            request.session.pop(STAFF_QUERY_KEY, None)
        params = QueryDict(mutable=True)
        if query:
            params["searched"] = "1"
        status = request.POST.get("status", "")
        if status in c.Status.__members__.values():
            params["status"] = status
        if request.POST.get("leavers") == "yes":
            params["leavers"] = "yes"
        url = reverse("training:staff")
        return redirect(f"{url}?{params.urlencode()}" if params else url)
    today = timezone.localdate()
    if request.GET.get("searched") == "1":
        query = request.session.get(STAFF_QUERY_KEY, "")
    else:
        query = ""
        request.session.pop(STAFF_QUERY_KEY, None)
    status = request.GET.get("status", "")
    staff = StaffMember.objects.for_user(request.user).filter(
        organisation_id__in=request.user.organisation_ids_with_role(Role.TRAINING_MANAGER)).select_related("manager")
    if request.GET.get("leavers") != "yes":
        staff = staff.filter(Q(leave_date__isnull=True) | Q(leave_date__gt=today))
    if query:
        staff = staff.filter(Q(full_name__icontains=query) | Q(employee_number__iexact=query) | Q(job_title__icontains=query)
                             | Q(service__icontains=query) | Q(directorate__icontains=query))
    rows = services.person_rows(staff, today)
    if status in c.Status.__members__.values():
        rows = [r for r in rows if r.status == status]
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    audit.record(request, audit.Action.SEARCH if query else audit.Action.VIEW, record_type="training staff list",
                 description=f"Staff training list: {len(rows)} people" + (" (searched)" if query else ""))
    params = QueryDict(mutable=True)
    for key in ("searched", "status", "leavers"):
        if request.GET.get(key):
            params[key] = request.GET[key]
    return render(request, "training/staff_list.html", {
        "page": page, "total": len(rows), "query": query, "status": status, "filters": _status_filters(),
        "leavers": request.GET.get("leavers") == "yes", "colours": STATUS_COLOURS, "params": params.urlencode(),
    })


def _get_staff(request, public_id):
    staff = StaffMember.objects.for_user(request.user).select_related("manager", "organisation", "user")
    return get_object_or_404(staff, public_id=public_id)


def _is_training_manager_of(user, staff):
    return staff.organisation_id in user.organisation_ids_with_role(Role.TRAINING_MANAGER)


@needs(Capability.MANAGE_TRAINING, Capability.VIEW_TEAM_TRAINING)
def staff_record(request, public_id):
    staff = _get_staff(request, public_id)
    row = services.person_rows([staff])[0]
    cohorts = {co.pk: co for co in Cohort.objects.filter(organisation=staff.organisation)}
    placements = list(staff.placements.select_related("cohort"))
    excluded = [(cohorts[p.cohort], p.reason) for p in c.excluded_by_override(
        c.Person(staff.job_title, staff.service, frozenset(staff.user.roles) if staff.user_id else frozenset()),
        [co.rule() for co in cohorts.values()],
        [c.Override(o.cohort_id, o.include, o.reason) for o in staff.overrides.order_by("created_at", "pk")],
    )]
    audit.record_for(request, audit.Action.VIEW, staff, description="Training record")
    return render(request, "training/staff_record.html", {
        "staff": staff, "row": row, "placements": placements, "excluded": excluded, "colours": STATUS_COLOURS,
        "completions": staff.completions.select_related("level")[:50],
        "overrides": staff.overrides.select_related("cohort", "created_by").order_by("-created_at"),
        "attendances": staff.attendances.select_related("session__course")[:20],
        "can_override": _is_training_manager_of(request.user, staff), "today": timezone.localdate(),
    })


@needs(Capability.MANAGE_TRAINING)
def override_add(request, public_id):
    staff = _get_staff(request, public_id)
    if not _is_training_manager_of(request.user, staff):
        raise PermissionDenied
    form = forms.OverrideForm(request.POST or None, organisation=staff.organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            staff.overrides.create(cohort=data["cohort"], include=data["include"] == "yes", reason=data["reason"].strip(),
                                   created_by=request.user)
            services.place([staff])
        audit.record_for(request, audit.Action.CHANGE, staff,
                         description=f"Cohort override: {'added to' if data['include'] == 'yes' else 'taken out of'} {data['cohort'].name}")
        messages.success(request, f"{staff.full_name}'s cohorts have been changed.")
        return redirect("training:staff-record", public_id=staff.public_id)
    audit.record_for(request, audit.Action.VIEW, staff, description="Change cohorts" + (": errors shown" if form.errors else ""))
    return render(request, "training/override_form.html", {"staff": staff, "form": form})


# --- Compliance dashboard (no names) -------------------------------------------------------------------

@dataclass
class ShownRate(c.Rate):
    """A rate as shown to one viewer: ``hidden`` when the group is too small to show to them."""

    hidden: bool = False

    @property
    def percent(self):
        return None if self.hidden else c.Rate.percent.fget(self)

    @property
    def people(self):
        return self.met + self.not_met + self.in_grace


def _shown(rate, restricted):
    shown = ShownRate(rate.met, rate.not_met, rate.in_grace)
    shown.hidden = restricted and is_small(shown.people)
    return shown


def _rate_cells(rate):
    """Rate, up to date, overdue or never trained, new: for exports."""
    if getattr(rate, "hidden", False):
        return [FEWER_THAN] * 4
    return [rate.percent, rate.met, rate.not_met, rate.in_grace]


def _dashboard_figures(request):
    allowed = Organisation.objects.filter(pk__in=_orgs_with(request.user, *DASHBOARD_ROLES)).order_by("name")
    organisation = allowed.filter(public_id=request.GET.get("organisation")).first() if _is_uuid(
        request.GET.get("organisation")) else None
    organisation = organisation or allowed.first()
    today = timezone.localdate()
    cohorts = list(Cohort.objects.filter(organisation=organisation))
    cohort = next((co for co in cohorts if str(co.public_id) == request.GET.get("cohort")), None)
    # Counts only: the rows are read without names, and nothing about a person leaves this function.
    staff = (StaffMember.objects.unscoped("aggregate compliance rates; no names are read or shown")
             .filter(organisation=organisation).only("pk", "organisation_id", "directorate", "start_date", "leave_date"))
    facts = list(services.facts_for(staff, {organisation.pk}).values())
    directorates = sorted({f.directorate for f in facts})
    directorate = request.GET.get("directorate", "")
    if directorate not in directorates:
        directorate = ""
    # Board members and statement owners see rates but must not be able to pick out people: groups of
    # fewer than SMALL_NUMBER people are shown as "fewer than 5". Training managers see everything.
    restricted = organisation.pk not in request.user.organisation_ids_with_role(Role.TRAINING_MANAGER)
    months = c.month_ends(today, 12)
    history = []
    for on in months:
        total, groups = c.rates(facts, on, cohort=cohort.pk if cohort else None)
        history.append({"on": on, "total": _shown(total, restricted),
                        "groups": [_shown(groups.get(d, c.Rate()), restricted) for d in directorates]})
    labels = [f"{on:%b %y}" if on != today else "Today" for on in months]
    series = [("Whole organisation", "#1d70b8", "", [h["total"].percent for h in history])]
    if directorate:
        i = directorates.index(directorate)
        series.append((directorate, "#0b0c0c", "6 4", [h["groups"][i].percent for h in history]))
    by_cohort = []
    for co in cohorts:
        total, _ = c.rates(facts, today, cohort=co.pk)
        by_cohort.append({"cohort": co, "rate": _shown(total, restricted)})
    current = history[-1]
    return {
        "organisation": organisation, "organisations": allowed, "cohorts": cohorts, "cohort": cohort,
        "directorates": directorates, "directorate": directorate, "history": history, "today": today,
        "chart": charts.line_chart(labels, series), "by_cohort": by_cohort,
        "by_directorate": list(zip(directorates, current["groups"])), "current": current["total"],
        "first": months[0], "restricted": restricted, "small_group": SMALL_NUMBER, "fewer_than": FEWER_THAN,
    }


def _is_uuid(value):
    import uuid

    try:
        uuid.UUID(str(value))
        return True
    except ValueError:
        return False


@needs(Capability.VIEW_TRAINING_RATES)
def dashboard(request):
    figures = _dashboard_figures(request)
    if figures["organisation"] is None:
        raise Http404
    audit.record(request, audit.Action.VIEW, record_type="training rates",
                 description=f"Training compliance rates for {figures['organisation'].name}")
    query = request.GET.copy()
    return render(request, "training/dashboard.html", {**figures, "query": query.urlencode()})


@needs(Capability.VIEW_TRAINING_RATES)
def dashboard_export(request, fmt):
    if fmt not in exports.FORMATS:
        raise Http404
    f = _dashboard_figures(request)
    headers = ["Date", "Group", "Compliance rate (%)", "People up to date", "People overdue or never trained",
               "New to their training (not counted)"]
    rows = []
    for h in f["history"]:
        for name, rate in [("Whole organisation", h["total"])] + list(zip(f["directorates"], h["groups"])):
            rows.append([h["on"].strftime("%Y-%m-%d"), name] + _rate_cells(rate))
    for item in f["by_cohort"]:
        rows.append([f["today"].strftime("%Y-%m-%d"), f"Cohort: {item['cohort'].name}"] + _rate_cells(item["rate"]))
    audit.record(request, audit.Action.EXPORT, record_type="training rates",
                 description=f"Training compliance rates exported as {fmt.upper()}")
    return exports.download(f"training-compliance-{f['today']:%Y-%m-%d}", headers, rows, fmt, "Compliance rates")


# --- Imports --------------------------------------------------------------------------------------------

IMPORTS = {
    "staff": {
        "title": "Import a staff list", "run": imports.import_staff,
        "columns": [("Employee number", "Required. Used to match people on later imports."), ("Name", "Required."),
                    ("Job title", ""), ("Service", ""), ("Directorate", ""),
                    ("Manager", "The manager's employee number."), ("Email", ""),
                    ("Start date", "For example 31/01/2026 or 2026-01-31."), ("Leave date", "Empty unless they have left.")],
    },
    "completions": {
        "title": "Import training completions", "run": imports.import_completions,
        "columns": [("Employee number", "Required. Must already be in the staff list."),
                    ("Course code", "Required. The training level's code or name."),
                    ("Completion date", "Required. For example 31/01/2026 or 2026-01-31.")],
    },
}


def _import_page(request, kind):
    spec = IMPORTS[kind]
    organisations = list(Organisation.objects.filter(
        pk__in=request.user.organisation_ids_with_role(Role.TRAINING_MANAGER)).order_by("name"))
    organisation = organisations[0] if organisations else None
    form = forms.UploadForm(request.POST or None, request.FILES or None, organisations=organisations)
    result, file_error = None, None
    if request.method == "POST" and form.is_valid():
        if "organisation" in form.cleaned_data:
            organisation = next(o for o in organisations if str(o.public_id) == form.cleaned_data["organisation"])
        try:
            result = spec["run"](organisation, form.cleaned_data["file"].read())
        except imports.ImportFileError as error:
            file_error = str(error)
            form.add_error("file", file_error)
        if result is not None:
            if result.ok:
                description = f"{kind} import: {result.created} added, {result.updated} changed, {result.unchanged} already recorded"
                audit.record(request, audit.Action.CREATE, record_type=f"training {kind} import", description=description)
            else:
                audit.record(request, audit.Action.CREATE, record_type=f"training {kind} import",
                             description=f"{kind} import refused: {len(result.rejected)} problems, nothing saved")
    levels = TrainingLevel.objects.filter(organisation=organisation) if kind == "completions" else []
    return render(request, "training/import.html", {
        "form": form, "result": result, "spec": spec, "kind": kind, "organisation": organisation, "levels": levels,
    })


@needs(Capability.MANAGE_TRAINING)
@require_http_methods(["GET", "POST"])
def import_staff(request):
    return _import_page(request, "staff")


@needs(Capability.MANAGE_TRAINING)
@require_http_methods(["GET", "POST"])
def import_completions(request):
    return _import_page(request, "completions")


# --- Sessions and attendance ------------------------------------------------------------------------

@needs(Capability.MANAGE_TRAINING)
def sessions(request):
    items = (Session.objects.for_user(request.user).select_related("course")
             .annotate(booked=Count("attendances"), came=Count("attendances", filter=Q(attendances__attended=True))))
    today = timezone.localdate()
    return render(request, "training/sessions.html", {
        "upcoming": sorted([s for s in items if s.held_on >= today], key=lambda s: s.held_on),
        "past": [s for s in items if s.held_on < today], "today": today,
    })


@needs(Capability.MANAGE_TRAINING)
def session_add(request):
    organisations = Organisation.objects.filter(pk__in=request.user.organisation_ids_with_role(Role.TRAINING_MANAGER))
    form = forms.SessionForm(request.POST or None, organisations=list(organisations))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        with transaction.atomic():
            session = Session.objects.create(course=d["course"], held_on=d["held_on"], capacity=d["capacity"],
                                             venue=d["venue"], facilitators=d["facilitators"])
            session.agencies.set(d["agencies"])
        audit.record_for(request, audit.Action.CREATE, session, description="Training session added")
        messages.success(request, "The session has been added.")
        return redirect("training:session", public_id=session.public_id)
    return render(request, "training/session_form.html", {"form": form})


def _get_session(request, public_id):
    return get_object_or_404(Session.objects.for_user(request.user).select_related("course__level"), public_id=public_id)


@needs(Capability.MANAGE_TRAINING)
def session(request, public_id):
    item = _get_session(request, public_id)
    attendances = list(item.attendances.select_related("staff__organisation", "agency"))
    audit.record_for(request, audit.Action.VIEW, item, description="Training session and attendance")
    return render(request, "training/session.html", {"item": item, "attendances": attendances,
                                                     "full": len(attendances) >= item.capacity, "today": timezone.localdate()})


@needs(Capability.MANAGE_TRAINING)
def attendance_add(request, public_id):
    item = _get_session(request, public_id)
    organisation = item.course.organisation
    form = forms.AttendanceForm(request.POST or None, organisation=organisation, session=item)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        attended = d["attended"] == "yes"
        with transaction.atomic():
            Attendance.objects.create(
                session=item, staff=d["staff"], name="" if d["staff"] else d["name"].strip(),
                agency=None if d["staff"] else d["agency"], role=d["role"], attended=attended,
                feedback_score=int(d["feedback_score"]) if d.get("feedback_score") else None)
            if attended and d["staff"] and item.course.level_id and item.held_on <= timezone.localdate():
                Completion.objects.get_or_create(staff=d["staff"], level=item.course.level, completed_on=item.held_on,
                                                 defaults={"source": Completion.Source.SESSION})
        audit.record_for(request, audit.Action.CHANGE, item, description="Attendee added")
        messages.success(request, "The attendee has been added.")
        return redirect("training:session", public_id=item.public_id)
    audit.record_for(request, audit.Action.VIEW, item, description="Add an attendee" + (": errors shown" if form.errors else ""))
    return render(request, "training/attendance_form.html", {"item": item, "form": form})


@needs(Capability.MANAGE_TRAINING)
def session_report(request, public_id):
    item = _get_session(request, public_id)
    attendances = list(item.attendances.select_related("staff__organisation", "agency"))
    came = [a for a in attendances if a.attended]
    by_agency = Counter(a.agency_label for a in came)
    by_role = defaultdict(Counter)
    for a in came:
        by_role[a.agency_label][a.role or "Not given"] += 1
    scores = [a.feedback_score for a in came if a.feedback_score]
    audit.record_for(request, audit.Action.VIEW, item, description="Session report")
    return render(request, "training/session_report.html", {
        "item": item, "booked": len(attendances), "came": len(came),
        "agencies": sorted(by_agency.items(), key=lambda kv: (-kv[1], kv[0])),
        "roles": [(agency, sorted(roles.items())) for agency, roles in sorted(by_role.items())],
        "scores": [(n, sum(1 for s in scores if s == n)) for n in (5, 4, 3, 2, 1)],
        "responses": len(scores), "average": round(sum(scores) / len(scores), 1) if scores else None,
    })
