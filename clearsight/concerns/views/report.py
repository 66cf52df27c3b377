"""Report a concern: GOV.UK question pages, one thing per page, saved as a draft after every page,
then check your answers and a confirmation with a reference number."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from clearsight.core import audit
from clearsight.core.roles import Capability
from clearsight.core.views.access import requires

from .. import forms as f
from .. import services
from ..consent import asked_about
from ..models import AddedInformation, Concern, ConcernPerson, ExploitationType, Indicator
from ..reporter_status import for_reporter
from ..signs import categories_for
from ..tasks import email_information_added


def _my_drafts(request):
    return Concern.objects.reported_by(request.user).filter(status=Concern.Status.DRAFT, draft_expires_at__gt=timezone.now())


def _draft(request, public_id):
    concern = get_object_or_404(Concern.objects.reported_by(request.user), public_id=public_id)
    if not concern.is_draft:
        raise Http404
    if concern.draft_expires_at and concern.draft_expires_at <= timezone.now():
        raise Http404
    return concern


def _reporting_organisations(user):
    """The organisations the user may report for: those where one of their roles can report."""
    ids = user.organisation_ids_with(Capability.REPORT_CONCERN)
    return [o for o in user.organisations if o.id in ids]


@never_cache
@requires(Capability.REPORT_CONCERN)
def start(request):
    organisations = _reporting_organisations(request.user)
    error = None
    if request.method == "POST":
        if not organisations:
            raise PermissionDenied
        if len(organisations) == 1:
            organisation = organisations[0]
        else:
            organisation = next((o for o in organisations if str(o.public_id) == request.POST.get("organisation")), None)
            if organisation is None:
                error = "Select the organisation you are reporting for"
    if request.method == "POST" and error is None:
        concern = Concern(reporter=request.user, reporter_organisation=organisation)
        concern.renew_draft()
        concern.save()
        audit.record_for(request, audit.Action.CREATE, concern, description="Draft concern started")
        return redirect("concerns:report-step", public_id=concern.public_id, step="danger")
    return render(request, "concerns/report_start.html", {
        "drafts": list(_my_drafts(request)), "organisations": organisations if len(organisations) > 1 else [],
        "error": error})


# Each step: (form class, page title, load initial values, save cleaned data)
def _load_fields(*names):
    return lambda concern: {n: getattr(concern, n) for n in names}


def _save_fields(concern, data):
    for name, value in data.items():
        setattr(concern, name, value)


def _load_police(concern):
    return {"called_999": f.as_yes_no(concern.called_999), "police_reference": concern.police_reference}


def _save_police(concern, data):
    concern.called_999 = f.yes_no(data["called_999"])
    concern.police_reference = data["police_reference"]


def _load_indicators(concern):
    initial = {}
    for indicator in concern.indicators.all():
        initial.setdefault(f"indicators_{indicator.group or indicator.category}", []).append(indicator.code)
    initial["indicator_details"] = concern.indicator_details
    return initial


def _save_indicators(concern, data):
    # Only the signs on the page are answered: those for the ages the reporter gave.
    codes = [code for key, value in data.items() if key.startswith("indicators_") for code in value]
    concern.indicators.set(Indicator.objects.filter(code__in=codes))
    concern.indicator_details = data["indicator_details"]


def _indicator_options(concern):
    return {"categories": categories_for(concern.people.values_list("age_group", flat=True))}


def _load_exploitation(concern):
    return {"exploitation_types": list(concern.exploitation_types.values_list("code", flat=True)),
            "exploitation_other": concern.exploitation_other}


def _save_exploitation(concern, data):
    concern.exploitation_types.set(ExploitationType.objects.filter(code__in=data["exploitation_types"]))
    concern.exploitation_other = data["exploitation_other"]


STEPS = {
    "danger": (f.DangerForm, "Is anyone in immediate danger?", _load_fields("immediate_danger"), _save_fields),
    "police": (f.PoliceForm, "Call 999 now", _load_police, _save_police),
    "what": (f.WhatForm, "What did you see or hear?", _load_fields("what_happened"), _save_fields),
    "where": (f.WhereForm, "Where was this?", _load_fields("location", "premises_type", "premises_other"), _save_fields),
    "when": (f.WhenForm, "When did you see or hear this?", _load_fields("seen_on", "still_happening"), _save_fields),
    "indicators": (f.IndicatorsForm, "Did you notice any of these signs?", _load_indicators, _save_indicators),
    "exploitation": (f.ExploitationForm, "What kind of exploitation might this be?", _load_exploitation, _save_exploitation),
    "business": (f.BusinessForm, "Is a business or organisation involved?", _load_fields("business_involved", "business_details"), _save_fields),
}


def _next(concern, step):
    if step == "danger":
        if concern.immediate_danger in (Concern.Danger.YES, Concern.Danger.NOT_SURE):
            return reverse("concerns:report-step", args=[concern.public_id, "police"])
        return reverse("concerns:report-step", args=[concern.public_id, "what"])
    order = ["police", "what", "where", "when", "people", "indicators", "exploitation", "business", "check"]
    following = order[order.index(step) + 1]
    if following == "people":
        return reverse("concerns:report-person", args=[concern.public_id, 1])
    if following == "check":
        return reverse("concerns:report-check", args=[concern.public_id])
    return reverse("concerns:report-step", args=[concern.public_id, following])


# Extra arguments a step's form needs, from the draft.
FORM_OPTIONS = {"indicators": _indicator_options}


def _after_person(concern, person):
    """Where the person page goes next: an adult's consent and wishes, or the list of people."""
    if asked_about(person.age_group):
        return reverse("concerns:report-wishes", args=[concern.public_id, person.position])
    return reverse("concerns:report-more-people", args=[concern.public_id])


def _back(concern, step):
    if step == "danger":
        return reverse("concerns:report-start")
    if step == "what":
        if concern.immediate_danger in (Concern.Danger.YES, Concern.Danger.NOT_SURE):
            return reverse("concerns:report-step", args=[concern.public_id, "police"])
        return reverse("concerns:report-step", args=[concern.public_id, "danger"])
    if step == "indicators":
        return reverse("concerns:report-more-people", args=[concern.public_id])
    order = ["danger", "police", "what", "where", "when", "people", "indicators", "exploitation", "business"]
    return reverse("concerns:report-step", args=[concern.public_id, order[order.index(step) - 1]])


@never_cache
@requires(Capability.REPORT_CONCERN)
def step(request, public_id, step):
    if step not in STEPS:
        raise Http404
    concern = _draft(request, public_id)
    form_class, title, load, save = STEPS[step]
    options = FORM_OPTIONS.get(step, lambda concern: {})(concern)
    if request.method == "POST":
        form = form_class(request.POST, **options)
        if form.is_valid():
            with transaction.atomic():
                save(concern, form.cleaned_data)
                concern.renew_draft()
                concern.version += 1
                concern.save()
            audit.record_for(request, audit.Action.CHANGE, concern, description=f"Draft concern: {step}")
            if request.POST.get("change") == "1":
                # Changing an answer from the check answers page returns there, unless the new
                # answer opens a question that has not been answered yet.
                if step == "danger" and concern.immediate_danger != Concern.Danger.NO and concern.called_999 is None:
                    return redirect(_next(concern, step) + "?change=1")
                return redirect("concerns:report-check", public_id=concern.public_id)
            return redirect(_next(concern, step))
    else:
        form = form_class(initial=load(concern), **options)
        audit.record_for(request, audit.Action.VIEW, concern, description=f"Draft concern: {step}")
    extra = {}
    if step == "indicators":
        # Each theme in its own "details", open when something in it is ticked.
        extra = {"sign_groups": [(form[name], len(form[name].value() or [])) for name in form.fields
                                 if name.startswith("indicators_")],
                 "adults_only": options["categories"] == categories_for(["adult"])}
    return render(request, "concerns/report_question.html", {
        **extra,
        "step": step, "single": len(form.fields) == 1,
        "form": form, "concern": concern, "title": title, "back": _back(concern, step),
        "change": request.GET.get("change") == "1" or request.POST.get("change") == "1",
        "draft_days": settings.CONCERN_DRAFT_DAYS,
    })


@never_cache
@requires(Capability.REPORT_CONCERN)
def person(request, public_id, position):
    concern = _draft(request, public_id)
    existing = concern.people.filter(position=position).first()
    count = concern.people.count()
    if existing is None and position != count + 1:
        raise Http404
    if request.method == "POST":
        form = f.PersonForm(request.POST)
        if form.is_valid():
            with transaction.atomic():
                person = existing or ConcernPerson(concern=concern, position=position)
                for name, value in form.cleaned_data.items():
                    setattr(person, name, value)
                if not asked_about(person.age_group):
                    # Consent is asked for adults only: a child is referred without it.
                    person.reported_consent, person.reported_wishes = "", ""
                person.save()
                concern.renew_draft()
                concern.version += 1
                concern.save()
            audit.record_for(request, audit.Action.CHANGE, concern, description=f"Draft concern: person {position}")
            if request.POST.get("change") == "1":
                if asked_about(person.age_group) and not person.reported_consent:
                    return redirect(_after_person(concern, person) + "?change=1")
                return redirect("concerns:report-check", public_id=concern.public_id)
            return redirect(_after_person(concern, person))
    else:
        initial = {}
        if existing:
            initial = {n: getattr(existing, n) for n in ("name", "age_group", "gender", "nationality")}
        form = f.PersonForm(initial=initial)
        audit.record_for(request, audit.Action.VIEW, concern, description=f"Draft concern: person {position}")
    back = reverse("concerns:report-step", args=[concern.public_id, "when"]) if position == 1 else reverse("concerns:report-more-people", args=[concern.public_id])
    return render(request, "concerns/report_person.html", {
        "form": form, "concern": concern, "position": position, "back": back,
        "heading": "Who are you worried about?" if position == 1 else f"About person {position}",
        "change": request.GET.get("change") == "1" or request.POST.get("change") == "1",
    })


@never_cache
@requires(Capability.REPORT_CONCERN)
def wishes(request, public_id, position):
    """For an adult: do they know about the report and agree to it, and what do they want?"""
    concern = _draft(request, public_id)
    person = get_object_or_404(concern.people, position=position)
    if not asked_about(person.age_group):
        raise Http404
    change = request.GET.get("change") == "1" or request.POST.get("change") == "1"
    if request.method == "POST":
        form = f.WishesForm(request.POST)
        if form.is_valid():
            with transaction.atomic():
                person.reported_consent = form.cleaned_data["reported_consent"]
                person.reported_wishes = form.cleaned_data["reported_wishes"]
                person.save(update_fields=["reported_consent", "reported_wishes"])
                concern.renew_draft()
                concern.version += 1
                concern.save()
            audit.record_for(request, audit.Action.CHANGE, concern, description=f"Draft concern: person {position} consent and wishes")
            if change:
                return redirect("concerns:report-check", public_id=concern.public_id)
            return redirect("concerns:report-more-people", public_id=concern.public_id)
    else:
        form = f.WishesForm(initial={"reported_consent": person.reported_consent, "reported_wishes": person.reported_wishes})
        audit.record_for(request, audit.Action.VIEW, concern, description=f"Draft concern: person {position} consent and wishes")
    return render(request, "concerns/report_wishes.html", {
        "form": form, "concern": concern, "person": person, "change": change,
        "back": reverse("concerns:report-person", args=[concern.public_id, position]),
        "draft_days": settings.CONCERN_DRAFT_DAYS,
    })


@never_cache
@requires(Capability.REPORT_CONCERN)
def remove_person(request, public_id, position):
    concern = _draft(request, public_id)
    person = get_object_or_404(concern.people, position=position)
    if request.method == "POST":
        with transaction.atomic():
            person.delete()
            for i, p in enumerate(concern.people.order_by("position"), start=1):
                if p.position != i:
                    p.position = i
                    p.save(update_fields=["position"])
        audit.record_for(request, audit.Action.CHANGE, concern, description=f"Draft concern: removed person {position}")
        messages.success(request, f"{person.label} has been removed from this report.")
        return redirect("concerns:report-check", public_id=concern.public_id)
    audit.record_for(request, audit.Action.VIEW, concern, description=f"Draft concern: remove person {position}?")
    return render(request, "concerns/report_remove_person.html", {"concern": concern, "person": person})


@never_cache
@requires(Capability.REPORT_CONCERN)
def more_people(request, public_id):
    concern = _draft(request, public_id)
    people = list(concern.people.all())
    if not people:
        return redirect("concerns:report-person", public_id=concern.public_id, position=1)
    form = f.MorePeopleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["more"] == "yes":
            return redirect("concerns:report-person", public_id=concern.public_id, position=len(people) + 1)
        return redirect("concerns:report-step", public_id=concern.public_id, step="indicators")
    if request.method == "GET":
        audit.record_for(request, audit.Action.VIEW, concern, description="Draft concern: people")
    last = people[-1]
    return render(request, "concerns/report_more_people.html", {
        "form": form, "concern": concern, "people": people,
        "heading": f"You have told us about {len(people)} {'person' if len(people) == 1 else 'people'}",
        "back": _after_person(concern, last) if asked_about(last.age_group)
        else reverse("concerns:report-person", args=[concern.public_id, last.position]),
    })


def _incomplete(concern):
    """The first question still to answer, as (text, url), or None when the report can be sent."""
    checks = [
        (not concern.immediate_danger, "whether anyone is in immediate danger", reverse("concerns:report-step", args=[concern.public_id, "danger"])),
        (not concern.what_happened, "what you saw or heard", reverse("concerns:report-step", args=[concern.public_id, "what"])),
        (not concern.location or not concern.premises_type, "where this was", reverse("concerns:report-step", args=[concern.public_id, "where"])),
        (not concern.seen_on, "when you saw or heard it", reverse("concerns:report-step", args=[concern.public_id, "when"])),
        (not concern.people.exists(), "who is involved", reverse("concerns:report-person", args=[concern.public_id, 1])),
        *[(True, f"whether {p.label} knows about this report", reverse("concerns:report-wishes", args=[concern.public_id, p.position]))
          for p in concern.people.all() if asked_about(p.age_group) and not p.reported_consent],
        (not concern.business_involved, "whether a business is involved",
         reverse("concerns:report-step", args=[concern.public_id, "business"])),
    ]
    return [(text, url) for missing, text, url in checks if missing]


@never_cache
@requires(Capability.REPORT_CONCERN)
def check(request, public_id):
    concern = _draft(request, public_id)
    missing = _incomplete(concern)
    councils = services.councils_receiving_reports_from(concern.reporter_organisation)
    choose = councils if len(councils) > 1 else []
    chosen = next((c for c in choose if str(c.public_id) == request.POST.get("council")), None)
    council_error = None
    if request.method == "POST":
        if choose and chosen is None:
            council_error = "Select the council whose area this happened in"
        elif not missing:
            try:
                services.submit(concern, chosen)
            except services.CouncilChoiceNeeded:
                council_error = "Select the council whose area this happened in"
            else:
                audit.record_for(request, audit.Action.CHANGE, concern, description="Concern reported")
                return redirect("concerns:report-sent", public_id=concern.public_id)
    else:
        audit.record_for(request, audit.Action.VIEW, concern, description="Check answers")
    return render(request, "concerns/report_check.html", {
        "concern": concern, "missing": missing, "people": list(concern.people.all()),
        "indicators": list(concern.indicators.all()), "types": list(concern.exploitation_types.all()),
        "submitted_with_missing": request.method == "POST" and bool(missing),
        "councils": choose, "chosen": chosen, "council_error": council_error,
        "goes_to_own_lead": not councils,
    })


@never_cache
@requires(Capability.REPORT_CONCERN)
def sent(request, public_id):
    concern = get_object_or_404(Concern.objects.reported_by(request.user).exclude(status=Concern.Status.DRAFT), public_id=public_id)
    audit.record_for(request, audit.Action.VIEW, concern, description="Confirmation page")
    return render(request, "concerns/report_sent.html", {"concern": concern})


@never_cache
@requires(Capability.REPORT_CONCERN)
def my_reports(request):
    reports = list(Concern.objects.reported_by(request.user).exclude(status=Concern.Status.DRAFT)
                   .select_related("handling_organisation", "triage").order_by("-submitted_at"))
    for report in reports:
        report.reporter_status = _status(report)
    drafts = list(_my_drafts(request))
    audit.record(request, audit.Action.VIEW, record_type="own concern list", description=f"{len(reports)} reports, {len(drafts)} drafts")
    return render(request, "concerns/my_reports.html", {"reports": reports, "drafts": drafts, "draft_days": settings.CONCERN_DRAFT_DAYS})


def _sent_report(request, public_id):
    """One of the user's own sent reports."""
    return get_object_or_404(Concern.objects.reported_by(request.user).exclude(status=Concern.Status.DRAFT)
                             .select_related("handling_organisation", "triage"), public_id=public_id)


def _status(concern):
    triage = getattr(concern, "triage", None)
    return for_reporter(concern.status, triage.outcome if triage else "",
                        concern.handling_organisation.name if concern.handling_organisation else "the council")


@never_cache
@requires(Capability.REPORT_CONCERN)
def my_report(request, public_id):
    """A reporter's own report: what has happened in words, what they told us, and what they added."""
    concern = _sent_report(request, public_id)
    audit.record_for(request, audit.Action.VIEW, concern, description="Own report")
    return render(request, "concerns/my_report.html", {
        "concern": concern, "status": _status(concern), "people": list(concern.people.all()),
        "indicators": list(concern.indicators.all()), "types": list(concern.exploitation_types.all()),
        "added": list(AddedInformation.objects.for_user(request.user).filter(concern=concern).select_related("added_by")),
    })


@never_cache
@requires(Capability.REPORT_CONCERN)
def add_information(request, public_id):
    """The reporter adds to their sent report: a dated note that the people handling it see."""
    concern = _sent_report(request, public_id)
    form = f.AddInformationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            note = AddedInformation.objects.create(concern=concern, added_by=request.user, text=form.cleaned_data["text"])
            transaction.on_commit(lambda: email_information_added.enqueue(note.pk))
        audit.record_for(request, audit.Action.CREATE, concern, description=f"Reporter added information {note.public_id}")
        messages.success(request, f"Your information has been added to report {concern.reference}. "
                                  "The first responder can see it.")
        return redirect("concerns:my-report", public_id=concern.public_id)
    if request.method == "GET":
        audit.record_for(request, audit.Action.VIEW, concern, description="Add information to own report")
    return render(request, "concerns/report_add_information.html", {"form": form, "concern": concern})


@require_POST
@requires(Capability.REPORT_CONCERN)
def delete_draft(request, public_id):
    concern = _draft(request, public_id)
    audit.record_for(request, audit.Action.DELETE, concern, description="Draft concern deleted by its reporter")
    concern.delete()
    messages.success(request, "Your unfinished report has been deleted.")
    return redirect("concerns:my-reports")
