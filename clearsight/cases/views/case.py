"""A case: the list of cases, opening one (search before create), the overview, the person record,
the timeline, sharing with partners and closing.

Who: caseworkers, team managers and first responders (``services.can_work_on_cases``); anyone else
gets 403. Which cases: ``Case.objects.for_user`` (assigned caseworkers, managers of the case's team,
partners it is shared with); any other case is a 404. Every view and change of a case or a person
is recorded in the audit log against its public id.
"""

import uuid
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from clearsight.concerns.api import concern_for_user, exploitation_types
from clearsight.core import audit, locking

from .. import forms as f
from .. import services
from ..models import Case, ContactChannel, Person

LIST_FILTERS = [
    ("open", "Open cases (active or follow-up)"),
    (Case.Status.ACTIVE, "Active"),
    (Case.Status.FOLLOW_UP, "Follow-up"),
    (Case.Status.CLOSED, "Closed"),
    ("all", "All cases"),
]


# --- Shared by every case page -----------------------------------------------------------------------

def case_work(view):
    """The view needs a signed-in user who can work on cases; anyone else gets the 403 page."""

    @never_cache
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not services.can_work_on_cases(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def get_case(request, public_id):
    """The case, if the user may see it; otherwise 404 (never a hint that it exists)."""
    cases = Case.objects.for_user(request.user).select_related("person", "team", "organisation", "created_by")
    return get_object_or_404(cases, public_id=public_id)


def case_context(request, case, section, **extra):
    return {"case": case, "person": case.person, "section": section, "today": timezone.localdate(),
            "person_age": services.age_text(case.person), "can_manage": services.can_manage_case(request.user, case), **extra}


def _exploitation_labels():
    return dict(exploitation_types())


# --- Your cases -------------------------------------------------------------------------------------

@case_work
def case_list(request):
    status = request.GET.get("status", "open")
    if status not in dict(LIST_FILTERS):
        status = "open"
    cases = Case.objects.for_user(request.user).select_related("person", "team", "nrm").prefetch_related(
        "risk_history", "safety_plans", "address_flags", "nrm__extensions")
    if status == "open":
        cases = cases.exclude(status=Case.Status.CLOSED)
    elif status != "all":
        cases = cases.filter(status=status)
    today = timezone.localdate()
    rows = list(cases.order_by("-opened_on", "reference"))
    for case in rows:
        record = services.nrm_for(case)
        case.nrm_pos = services.nrm_position(record, date_of_birth=case.person.date_of_birth, today=today) if record else None
        case.alerts = services.case_alerts(case, today, nrm_pos=case.nrm_pos)
        case.risk = services.current_risk_status(case, today)
    audit.record(request, audit.Action.VIEW, record_type="case list", description=f"{len(rows)} cases listed; filter {status}")
    return render(request, "cases/list.html", {"cases": rows, "status": status, "filters": LIST_FILTERS})


# --- Opening a case: search before create -----------------------------------------------------------

def _concern_person(request):
    """The concern (and the person in it) a case is being opened from, given as ?concern=<uuid>
    and optionally &person=<position>. Only concerns the user handles."""
    concern_id = request.GET.get("concern", "")
    if not concern_id:
        return None, None, []
    try:
        concern_id = uuid.UUID(concern_id)
    except ValueError:
        raise Http404
    concern = concern_for_user(request.user, concern_id)
    if concern is None:
        raise Http404
    people = list(concern.people.all())
    position = request.GET.get("person", "")
    chosen = next((p for p in people if str(p.position) == position), None)
    if chosen is None:
        potential = [p for p in people if p.is_potential_victim is not False]
        chosen = (potential or people or [None])[0]
    return concern, chosen, people


def _person_choice(request, people):
    """The person chosen from the search results (None for a new person)."""
    value = request.POST.get("person", "")
    if value == "new":
        return None
    try:
        public_id = uuid.UUID(value)
    except ValueError:
        raise Http404
    person = get_object_or_404(people, public_id=public_id)
    if not services.can_open_for(request.user, person):
        raise PermissionDenied
    return person


@case_work
def open_case(request):
    user = request.user
    concern, concern_person, concern_people = _concern_person(request)
    people = Person.objects.for_user(user)
    context = {"concern": concern, "concern_person": concern_person, "concern_people": concern_people,
               "teams": list(services.teams_for_opening(user))}
    step = request.POST.get("step", "search") if request.method == "POST" else "start"

    if step in ("start", "search"):
        if step == "start":
            form = f.PersonSearchForm(initial={"name": concern_person.name if concern_person else ""})
            if concern:
                audit.record_for(request, audit.Action.VIEW, concern, description="Opening a case from this concern")
        else:
            form = f.PersonSearchForm(request.POST)
            if form.is_valid():
                name, dob = form.cleaned_data["name"].strip(), form.cleaned_data["date_of_birth"]
                matches = services.find_possible_duplicates(people, name=name, date_of_birth=dob)
                for match in matches:
                    match.can_open = services.can_open_for(user, match.person)
                    match.age = services.age_text(match.person)
                    match.open_cases = [c for c in Case.objects.for_user(user).filter(person=match.person)
                                        .exclude(status=Case.Status.CLOSED)]
                known_elsewhere = services.known_to_other_teams(user, name=name, date_of_birth=dob)
                context.update(searched=True, matches=matches, search_name=name, known_elsewhere=known_elsewhere,
                               search_dob=dob.isoformat() if dob else "")
                audit.record(request, audit.Action.SEARCH, record_type="person",
                             description=f"Search before opening a case: {len(matches)} possible matches"
                                         + (f"; matches {', '.join(str(m.person.public_id) for m in matches[:20])}" if matches else "")
                                         + (f"; known to {len(known_elsewhere)} other teams" if known_elsewhere else ""))
        return render(request, "cases/open.html", {**context, "form": form})

    # Choosing a person, then the case's details
    person = _person_choice(request, people)
    bound = request.POST if step == "open" else None
    if person is None:
        initial = {"date_of_birth": request.POST.get("search_dob", "")}
        if concern_person is not None:
            initial.update(services.person_from_concern(concern_person))
        first, last = services.split_name(request.POST.get("search_name", ""))
        if first:
            initial.update(first_name=first, last_name=last)
        person_form = f.NewPersonForm(bound, prefix="new", initial=initial)
    else:
        person_form = None
        audit.record_for(request, audit.Action.VIEW, person, description="Chosen to open a case for")
    teams = [t for t in context["teams"] if person is None or t.organisation_id == person.organisation_id]
    initial = {"team": str(teams[0].public_id)} if len(teams) == 1 else {}
    case_form = f.OpenCaseForm(teams, exploitation_types(), bound, initial=initial)
    if step == "open":
        valid = case_form.is_valid() & (person_form is None or person_form.is_valid())
        if valid:
            data = case_form.cleaned_data
            case = services.open_case(
                user=user, team=data["team"], category=data["category"], exploitation_types=data["exploitation_types"],
                markers=data["vulnerability_markers"], person=person,
                new_person=person_form.person_fields() if person_form else None,
                source_concern=concern.public_id if concern else None,
            )
            if person_form is not None:
                audit.record_for(request, audit.Action.CREATE, case.person, description=f"Recorded when opening case {case.reference}")
            audit.record_for(request, audit.Action.CREATE, case,
                             description=f"Opened in {case.team.name}" + (f" from concern {concern.reference}" if concern else ""))
            if Case.objects.for_user(user).filter(pk=case.pk).exists():
                messages.success(request, f"Case {case.reference} opened.")
                return redirect("cases:case", public_id=case.public_id)
            messages.success(request, f"Case {case.reference} opened for {case.team.name}. The team's manager will "
                                      "assign a caseworker.")
            return redirect("cases:list")
    existing = []
    if person is not None:
        existing = list(Case.objects.for_user(user).filter(person=person).exclude(status=Case.Status.CLOSED))
    return render(request, "cases/open_details.html", {
        **context, "person": person, "person_form": person_form, "form": case_form, "teams": teams,
        "existing_cases": existing, "person_age": services.age_text(person) if person else "",
        "search_name": request.POST.get("search_name", ""), "search_dob": request.POST.get("search_dob", ""),
        "dob_hint": (f"For example, 27 3 2007. The concern gave their age as: {concern_person.get_age_group_display().lower()}. "
                     "If they are not sure of their date of birth, give your best estimate and say so below.")
        if concern_person is not None and person is None else "",
    })


# --- The overview -----------------------------------------------------------------------------------

@case_work
def overview(request, public_id):
    case = get_case(request, public_id)
    today = timezone.localdate()
    record = services.nrm_for(case)
    nrm_pos = services.nrm_position(record, date_of_birth=case.person.date_of_birth, today=today) if record else None
    risk = services.current_risk_status(case, today)
    labels = _exploitation_labels()
    source = None
    if case.source_concern:
        source = concern_for_user(request.user, case.source_concern)
    audit.record_for(request, audit.Action.VIEW, case, description="Overview")
    return render(request, "cases/case_overview.html", case_context(
        request, case, "overview",
        nrm_pos=nrm_pos, alerts=services.case_alerts(case, today, nrm_pos=nrm_pos), risk=risk,
        risk_types=[labels.get(c, c) for c in (risk.exploitation_types if risk else [])],
        risk_markers=[services.MARKER_LABELS.get(c, c) for c in (risk.vulnerability_markers if risk else [])],
        caseworkers=[a.user for a in case.assignments.filter(ended_at__isnull=True).select_related("user")],
        shares=list(services.current_shares(case)), source_concern=source, risk_history=services.risk_history(case),
    ))


# --- The person -----------------------------------------------------------------------------------

def _audit_person(request, case, action, description):
    audit.record_for(request, action, case.person, description=f"{description} (case {case.reference})")
    audit.record_for(request, audit.Action.VIEW if action == audit.Action.VIEW else action, case, description=description)


@case_work
def person(request, public_id):
    case = get_case(request, public_id)
    _audit_person(request, case, audit.Action.VIEW, "Person record")
    person = case.person
    return render(request, "cases/person.html", case_context(
        request, case, "person", contacts=list(person.contacts.order_by("-safe_to_contact", "kind", "pk")),
        aliases=[a for a in person.aliases.splitlines() if a.strip()],
    ))


@case_work
def person_edit(request, public_id):
    case = get_case(request, public_id)
    person = case.person
    form = f.PersonEditForm(request.POST if request.method == "POST" else None, initial=f.PersonEditForm.initial_for(person))
    conflict = False
    if request.method == "POST" and form.is_valid():
        fields = form.person_fields()
        with transaction.atomic():
            updated = locking.save_if_unchanged(Person.objects.for_user(request.user), person.pk,
                                                form.cleaned_data["version"], **fields)
        if updated:
            changed = [label for name, label in f.PersonEditForm.FIELDS.items() if getattr(person, name) != fields[name]]
            _audit_person(request, case, audit.Action.CHANGE, "Changed: " + (", ".join(changed) if changed else "nothing"))
            messages.success(request, "The person's details have been saved.")
            return redirect("cases:person", public_id=case.public_id)
        conflict = True
        person.refresh_from_db()
        # Merged with the person as saved now (core.locking): what only the other person changed is
        # shown, what both changed keeps this person's answer and says at the field what is saved now.
        locking.add_conflict_error(form, person.version, f.PersonEditForm.initial_for(person))
    if request.method == "GET" or conflict:
        _audit_person(request, case, audit.Action.VIEW, "Edit form" + (": conflict shown" if conflict else ""))
    return render(request, "cases/person_edit.html", case_context(request, case, "person", form=form, conflict=conflict))


@case_work
def contact_add(request, public_id):
    case = get_case(request, public_id)
    form = f.ContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ContactChannel.objects.create(person=case.person, kind=data["kind"], value=data["value"],
                                      safe_to_contact=data["safe_to_contact"] == "yes", notes=data["notes"])
        _audit_person(request, case, audit.Action.CHANGE, f"Contact added ({data['kind']})")
        messages.success(request, "The contact has been added.")
        return redirect("cases:person", public_id=case.public_id)
    if request.method == "GET":
        _audit_person(request, case, audit.Action.VIEW, "Add a contact form")
    return render(request, "cases/person_contact_add.html", case_context(request, case, "person", form=form))


# --- The timeline -------------------------------------------------------------------------------------

@case_work
def timeline(request, public_id):
    case = get_case(request, public_id)
    from .nrm import next_event_links

    events = services.timeline(case, _exploitation_labels())
    record = services.nrm_for(case)
    position = services.nrm_position(record, date_of_birth=case.person.date_of_birth) if record else None
    audit.record_for(request, audit.Action.VIEW, case, description="Timeline")
    return render(request, "cases/timeline.html", case_context(
        request, case, "timeline", events=events, next_events=next_event_links(case, record, position, "timeline")))


# --- Sharing with partners ----------------------------------------------------------------------------

@case_work
def sharing(request, public_id):
    case = get_case(request, public_id)
    can_manage = services.can_manage_case(request.user, case)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    current = list(services.current_shares(case))
    shared_with = {s.organisation_id for s in current}
    partners = [o for o in services.partner_organisations(case) if o.id not in shared_with]
    form = None
    if can_manage and case.status != Case.Status.CLOSED:
        initial = {}
        if len(partners) == 1:
            initial = {"organisation": str(partners[0].public_id),
                       "agreement": services.default_agreement(case, partners[0])}
        elif partners:
            agreements = {services.default_agreement(case, o) for o in partners} - {""}
            if len(agreements) == 1:
                initial["agreement"] = agreements.pop()
        form = f.ShareForm(partners, request.POST if request.method == "POST" else None, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            services.share_case(case, data["organisation"], agreement=data["agreement"], reason=data["reason"], user=request.user)
            audit.record_for(request, audit.Action.CHANGE, case,
                             description=f"Shared with {data['organisation'].name} under {data['agreement']}")
            messages.success(request, f"The case is now shared with {data['organisation'].name}.")
            return redirect("cases:sharing", public_id=case.public_id)
    elif request.method == "POST":
        raise PermissionDenied
    if request.method == "GET":
        audit.record_for(request, audit.Action.VIEW, case, description="Sharing")
    ended = list(case.shares.filter(ended_at__isnull=False).select_related("organisation", "shared_by").order_by("-ended_at"))
    return render(request, "cases/share.html", case_context(
        request, case, "sharing", current=current, ended=ended, form=form, partners=partners,
    ))


@case_work
def sharing_end(request, public_id, share_id):
    case = get_case(request, public_id)
    if not services.can_manage_case(request.user, case):
        raise PermissionDenied
    share = get_object_or_404(case.shares.select_related("organisation"), pk=share_id, ended_at__isnull=True)
    if request.method == "POST":
        services.end_share(share)
        audit.record_for(request, audit.Action.CHANGE, case, description=f"Sharing with {share.organisation.name} ended")
        messages.success(request, f"The case is no longer shared with {share.organisation.name}.")
        return redirect("cases:sharing", public_id=case.public_id)
    audit.record_for(request, audit.Action.VIEW, case, description=f"End sharing with {share.organisation.name}: confirmation")
    return render(request, "cases/share_end.html", case_context(request, case, "sharing", share=share))


# --- Closing -------------------------------------------------------------------------------------

@case_work
def close(request, public_id):
    case = get_case(request, public_id)
    if not services.can_manage_case(request.user, case):
        raise PermissionDenied
    form = f.CloseForm(request.POST if request.method == "POST" else None, initial={"version": case.version})
    conflict = False
    if case.status != Case.Status.CLOSED and request.method == "POST" and form.is_valid():
        closed = services.close_case(Case.objects.for_user(request.user), case,
                                     reason=form.cleaned_data["reason"], version=form.cleaned_data["version"])
        if closed:
            audit.record_for(request, audit.Action.CHANGE, case, description="Closed")
            messages.success(request, f"Case {case.reference} is closed.")
            return redirect("cases:case", public_id=case.public_id)
        conflict = True
        case.refresh_from_db()
    if request.method == "GET" or conflict:
        audit.record_for(request, audit.Action.VIEW, case, description="Close case: confirmation")
    return render(request, "cases/case_close.html", case_context(request, case, "overview", form=form, conflict=conflict))
