"""The NRM decision tracker of a case: the referral, the Reasonable Grounds and Conclusive Grounds
decisions and their clocks, move-on support and its extensions, withdrawal, reconsideration and the
warning ahead of an 18th birthday. Edits carry the record's version, so a second editor is told
instead of overwriting."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.utils import timezone

from clearsight.core import audit, locking

from .. import clocks
from .. import forms as f
from .. import services
from ..models import NrmRecord
from .case import case_context, case_work, get_case


def _position(case, record, today):
    if record is None:
        return None
    return services.nrm_position(record, date_of_birth=case.person.date_of_birth, today=today)


@case_work
def nrm(request, public_id):
    case = get_case(request, public_id)
    today = timezone.localdate()
    record = services.nrm_for(case)
    position = _position(case, record, today)
    extensions = list(record.extensions.order_by("agreed_on", "pk")) if record else []
    audit.record_for(request, audit.Action.VIEW, case, description="NRM decision tracker")
    return render(request, "cases/nrm.html", case_context(
        request, case, "nrm", record=record, pos=position, extensions=extensions,
        alert_days=services.eighteen_alert_days(), long_wait_days=services.long_cg_wait_days(),
        recovery_change=clocks.RECOVERY_CHANGE,
    ))


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
        updated = locking.save_if_unchanged(NrmRecord.objects.all(), record.pk, version, **fields)
    return record if updated else None


@case_work
def nrm_edit(request, public_id):
    case = get_case(request, public_id)
    record = services.nrm_for(case)
    form = f.NrmForm(request.POST if request.method == "POST" else None, initial=f.NrmForm.initial_for(record))
    conflict = False
    if request.method == "POST" and form.is_valid():
        saved = _save(case, record, form.record_fields(), form.cleaned_data["version"])
        if saved is not None:
            if record is None:
                description = "NRM referral recorded"
            else:
                changed = [form.fields[name].label for name in f.NrmForm.FIELDS
                           if getattr(record, name) != form.cleaned_data[name]]
                description = "NRM record changed: " + (", ".join(changed) if changed else "nothing")
            audit.record_for(request, audit.Action.CREATE if record is None else audit.Action.CHANGE, case, description=description)
            messages.success(request, "The NRM record has been saved.")
            return redirect("cases:nrm", public_id=case.public_id)
        conflict = True
        record = NrmRecord.objects.filter(case=case).first()
    if request.method == "GET" or conflict:
        audit.record_for(request, audit.Action.VIEW, case, description="NRM record form" + (": conflict shown" if conflict else ""))
    return render(request, "cases/nrm_edit.html", case_context(
        request, case, "nrm", form=form, record=record, conflict=conflict,
        current_version=record.version if record else 0,
    ))


@case_work
def extension_add(request, public_id):
    case = get_case(request, public_id)
    record = services.nrm_for(case)
    position = _position(case, record, timezone.localdate())
    allowed = record is not None and record.cg_decision == NrmRecord.Decision.POSITIVE and record.cg_decided_on is not None
    form = f.ExtensionForm(request.POST if request.method == "POST" and allowed else None)
    if allowed and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["agreed_on"] < record.cg_decided_on:
            form.add_error("agreed_on", "The date agreed must be on or after the Conclusive Grounds decision")
        else:
            services.add_extension(record, days=data["days"], agreed_on=data["agreed_on"], reason=data["reason"])
            audit.record_for(request, audit.Action.CHANGE, case, description=f"Move-on support extended by {data['days']} days")
            messages.success(request, f"Move-on support extended by {data['days']} days.")
            return redirect("cases:nrm", public_id=case.public_id)
    if request.method == "GET":
        audit.record_for(request, audit.Action.VIEW, case, description="Move-on extension form")
    return render(request, "cases/nrm_extension_add.html", case_context(
        request, case, "nrm", form=form, record=record, pos=position, allowed=allowed,
    ))
