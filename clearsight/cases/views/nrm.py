"""The NRM decision tracker of a case: the referral, the Reasonable Grounds and Conclusive Grounds
decisions and their clocks, move-on support and its extensions, withdrawal, reconsideration and the
warning ahead of an 18th birthday.

Each event is recorded on its own short form, offered from the timeline and the NRM page only when
it can happen next (``nrm_events.next_events``); what is recorded can be corrected on the same form.
Every form carries the record's version, so a second person recording at the same moment is told
instead of overwriting, and their form is merged with what the first recorded (core.locking, ADR
0038); every change is audited against the case."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from clearsight.core import audit, locking
from clearsight.core.dates import long_date

from .. import clocks, nrm_events
from .. import forms as f
from .. import services
from ..models import Case, NrmRecord
from .case import case_context, case_work, get_case

E = nrm_events

# URL name of each event's form.
EVENT_URLS = {
    E.REFERRAL: "cases:nrm-referral",
    E.REASONABLE_GROUNDS: "cases:nrm-reasonable-grounds",
    E.CONCLUSIVE_GROUNDS: "cases:nrm-conclusive-grounds",
    E.RECONSIDERATION: "cases:nrm-reconsideration",
    E.EXTENSION: "cases:nrm-extension-add",
    E.WITHDRAWAL: "cases:nrm-withdrawal",
    E.CONSENT: "cases:nrm-consent",
}
# Where a form goes back to: the page it was opened from.
RETURN_TO = {"timeline": "cases:timeline", "nrm": "cases:nrm"}


def _position(case, record, today):
    if record is None:
        return None
    return services.nrm_position(record, date_of_birth=case.person.date_of_birth, today=today)


def _return_to(request):
    value = request.POST.get("from") or request.GET.get("from")
    return value if value in RETURN_TO else "nrm"


def next_event_links(case, record, position, came_from):
    """The events that can be recorded next, as {"label", "url"} for the page ``came_from``."""
    found = nrm_events.next_events(
        record, case_closed=case.status == Case.Status.CLOSED, turning_18=position.turning_18 if position else None
    )
    return [
        {
            "label": e.label,
            "event": e.event,
            "url": f"{reverse(EVENT_URLS[e.event], kwargs={'public_id': case.public_id})}?from={came_from}",
        }
        for e in found
    ]


def change_links(case, record):
    """{event (with "_" for "-", for templates): URL of its form} for the events already recorded, to correct them."""
    if case.status == Case.Status.CLOSED:
        return {}
    return {
        event.replace("-", "_"): f"{reverse(EVENT_URLS[event], kwargs={'public_id': case.public_id})}?from=nrm"
        for event in nrm_events.recorded_events(record)
    }


@case_work
def nrm(request, public_id):
    case = get_case(request, public_id)
    today = timezone.localdate()
    record = services.nrm_for(case)
    position = _position(case, record, today)
    extensions = list(record.extensions.order_by("agreed_on", "pk")) if record else []
    audit.record_for(request, audit.Action.VIEW, case, description="NRM decision tracker")
    return render(
        request,
        "cases/nrm.html",
        case_context(
            request,
            case,
            "nrm",
            record=record,
            pos=position,
            extensions=extensions,
            alert_days=services.eighteen_alert_days(),
            long_wait_days=services.long_cg_wait_days(),
            recovery_change=clocks.RECOVERY_CHANGE,
            next_events=next_event_links(case, record, position, "nrm"),
            change=change_links(case, record),
        ),
    )


def _save(case, record, fields, version):
    """Create or update the NRM record if nobody else saved it since the form was loaded. Returns
    the saved record, or None if it changed in the meantime (nothing is saved then)."""
    if record is None:
        if version != 0:
            return None
        try:
            with transaction.atomic():
                return NrmRecord.objects.create(case=case, **fields)
        except IntegrityError:  # someone else recorded the referral at the same moment
            return None
    with transaction.atomic():
        updated = locking.save_if_unchanged(NrmRecord.objects.filter(case=case), record.pk, version, **fields)
    return record if updated else None


def _form(event, record, purpose, data, position):
    if event == E.REFERRAL:
        return f.NrmReferralForm(record, purpose, data=data)
    if event == E.REASONABLE_GROUNDS:
        return f.NrmDecisionForm(
            record, purpose, "rg", data=data, due=position.rg_due if position and purpose != "reconsidered" else None
        )
    if event == E.CONCLUSIVE_GROUNDS:
        return f.NrmDecisionForm(record, purpose, "cg", data=data)
    if event == E.RECONSIDERATION:
        about = nrm_events.reconsidered_decision(record) if record else None
        decided_on = record.cg_decided_on if about == E.CONCLUSIVE_GROUNDS else record.rg_decided_on if record else None
        return f.NrmReconsiderationForm(record, purpose, data=data, decided_on=decided_on)
    if event == E.WITHDRAWAL:
        return f.NrmWithdrawalForm(record, purpose, data=data)
    return f.NrmConsentForm(record, purpose, data=data)


def _heading(event, purpose):
    if purpose == "change":
        return nrm_events.CHANGE_LABELS[event]
    if purpose == "reconsidered":
        return nrm_events.RECONSIDERED_LABELS[event]
    return nrm_events.RECORD_LABELS[event]


def _what_was_recorded(event, purpose, record, fields):
    """In words, for the audit log and the confirmation: what this form recorded."""
    if event == E.REFERRAL:
        return "NRM referral recorded" if purpose == "record" else "NRM referral details changed"
    if event in (E.REASONABLE_GROUNDS, E.CONCLUSIVE_GROUNDS):
        stage = "rg" if event == E.REASONABLE_GROUNDS else "cg"
        name = "Reasonable Grounds" if stage == "rg" else "Conclusive Grounds"
        decision = NrmRecord.Decision(fields[f"{stage}_decision"]).label.lower()
        again = " after reconsideration" if fields[f"{stage}_reconsidered"] else ""
        verb = "changed to" if purpose == "change" else "recorded:"
        return f"{name} decision{again} {verb} {decision}, {long_date(fields[f'{stage}_decided_on'])}"
    if event == E.RECONSIDERATION:
        return "Request for reconsideration " + ("changed" if purpose == "change" else "recorded")
    if event == E.WITHDRAWAL:
        return "Withdrawal from the NRM " + ("changed" if purpose == "change" else "recorded")
    return "Consent to stay in the NRM " + ("changed" if purpose == "change" else "recorded")


@case_work
def nrm_event(request, public_id, event):
    if event not in EVENT_URLS or event == E.EXTENSION:
        raise Http404
    case = get_case(request, public_id)
    record = services.nrm_for(case)
    position = _position(case, record, timezone.localdate())
    closed = case.status == Case.Status.CLOSED
    purpose = nrm_events.form_purpose(
        record, event, case_closed=closed, turning_18=position.turning_18 if position else None
    )
    came_from = _return_to(request)
    posted = request.method == "POST" and bool(purpose)
    form = _form(event, record, purpose, request.POST if posted else None, position) if purpose else None
    if posted and form.is_valid():
        fields = form.record_fields()
        changed = form.changed_labels() if purpose == "change" else []
        if purpose == "change" and not changed:
            messages.success(request, "Nothing was changed.")
            return redirect(RETURN_TO[came_from], public_id=case.public_id)
        if _save(case, record, fields, form.cleaned_data["version"]) is not None:
            what = _what_was_recorded(event, purpose, record, fields)
            saved = NrmRecord.objects.get(case=case)
            late = services.rg_late_days(saved) if event == E.REASONABLE_GROUNDS else 0
            description = what + (f" ({', '.join(changed)})" if changed else "")
            if late:
                description += f"; made {late} working {'day' if late == 1 else 'days'} after it was due"
            audit.record_for(
                request, audit.Action.CREATE if record is None else audit.Action.CHANGE, case, description=description
            )
            message = f"{what}."
            if late:
                message += (
                    f" It was made {late} working {'day' if late == 1 else 'days'} after it was due on "
                    f"{long_date(clocks.reasonable_grounds_due(saved.referred_on))}: the timeline shows it as a late decision."
                )
            messages.success(request, message)
            return redirect(RETURN_TO[came_from], public_id=case.public_id)
        # Merged with the record as it is now (core.locking): what only they changed is shown, what
        # both changed keeps this person's answer and says what is saved now.
        record = NrmRecord.objects.filter(case=case).first()
        if record is None:
            locking.add_conflict_error(form, 0)
        else:
            locking.add_conflict_error(form, record.version, form.initial_for(record))
    if not posted or form.errors:
        audit.record_for(
            request,
            audit.Action.VIEW,
            case,
            description=f"NRM form: {_heading(event, purpose or 'record').lower()}"
            + ("" if purpose else " (not possible now)")
            + (": errors shown" if posted else ""),
        )
    about = nrm_events.reconsidered_decision(record) if record and event == E.RECONSIDERATION else None
    return render(
        request,
        "cases/nrm_event.html",
        case_context(
            request,
            case,
            "nrm",
            form=form,
            record=record,
            pos=position,
            event=event,
            purpose=purpose,
            heading=_heading(event, purpose or "record"),
            came_from=came_from,
            back_url=reverse(RETURN_TO[came_from], kwargs={"public_id": case.public_id}),
            reconsideration_of=about,
            stage=position.stage if position else "",
        ),
    )


@case_work
def extension_add(request, public_id):
    case = get_case(request, public_id)
    record = services.nrm_for(case)
    position = _position(case, record, timezone.localdate())
    allowed = (
        record is not None
        and record.cg_decision == NrmRecord.Decision.POSITIVE
        and record.cg_decided_on is not None
        and case.status != Case.Status.CLOSED
    )
    came_from = _return_to(request)
    form = f.ExtensionForm(request.POST if request.method == "POST" and allowed else None)
    if allowed and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["agreed_on"] < record.cg_decided_on:
            form.add_error("agreed_on", "The date agreed must be on or after the Conclusive Grounds decision")
        else:
            with transaction.atomic():
                services.add_extension(record, days=data["days"], agreed_on=data["agreed_on"], reason=data["reason"])
                # A form opened on the record before this extension is refused when saved (core.locking).
                locking.bump_version(NrmRecord.objects.filter(case=case), record.pk)
            audit.record_for(
                request, audit.Action.CHANGE, case, description=f"Move-on support extended by {data['days']} days"
            )
            messages.success(request, f"Move-on support extended by {data['days']} days.")
            return redirect(RETURN_TO[came_from], public_id=case.public_id)
    if request.method == "GET" or form.errors:
        audit.record_for(request, audit.Action.VIEW, case, description="Move-on extension form")
    return render(
        request,
        "cases/nrm_extension_add.html",
        case_context(
            request,
            case,
            "nrm",
            form=form,
            record=record,
            pos=position,
            allowed=allowed,
            came_from=came_from,
            back_url=reverse(RETURN_TO[came_from], kwargs={"public_id": case.public_id}),
        ),
    )
