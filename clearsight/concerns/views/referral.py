"""NRM referrals and Duty to Notify reports: the task list, one Home Office page at a time, the
NRM-ready view (and its PDF) to copy into the Home Office form, and recording the submission.

Only people who can see the referral (StatutoryReferral.objects.for_user: first responders and team
managers of the handling organisation, and the action's owner) reach these pages; for anyone else
who can report concerns, including people of other organisations, the referral does not exist
(404). Roles that cannot report concerns or change anything (auditors, board members) get 403. Every
view, change and export is audited. Saves carry a version number, so a second person editing the
same referral is told instead of overwriting the first."""

from django.contrib import messages
from django.db import transaction
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from clearsight.core import audit, locking
from clearsight.core.dates import long_date
from clearsight.core.roles import Capability
from clearsight.core.views.access import requires

from .. import nrm_form, services
from ..models import StatutoryReferral
from ..referral_forms import VERSION_FIELD, PageForm, SubmittedForm, question, row_text, sections
from ..referral_pdf import referral_pdf
from ..referral_prefill import branch_lock


def _referrals(request):
    return StatutoryReferral.objects.for_user(request.user)


def _get_referral(request, public_id):
    return get_object_or_404(
        _referrals(request).select_related("action__concern", "action__person", "action__owner"),
        public_id=public_id,
    )


def _task_list_url(referral):
    return reverse("concerns:referral", kwargs={"public_id": referral.public_id})


def _page_url(referral, step):
    return reverse("concerns:referral-page", kwargs={"public_id": referral.public_id, "step": step.lstrip("/")})


def _context(referral, **extra):
    action = referral.action
    return {
        "referral": referral,
        "action": action,
        "concern": action.concern,
        "kind_label": referral.get_kind_display(),
        "concern_url": f"/concerns/{action.concern.public_id}",
        "is_submitted": referral.status == StatutoryReferral.Status.SUBMITTED,
        **extra,
    }


@never_cache
@requires(Capability.REPORT_CONCERN)
def task_list(request, public_id):
    referral = _get_referral(request, public_id)
    answers = referral.answers
    tasks = [
        {"name": name, "url": _page_url(referral, group[0].step), "status": status, "id": f"task-{i}"}
        for i, (name, group, status) in enumerate(nrm_form.tasks(answers), start=1)
    ]
    missing = nrm_form.missing_answers(answers)
    audit.record_for(request, audit.Action.VIEW, referral, description="Task list")
    return render(request, "concerns/referral_task_list.html", _context(
        referral,
        tasks=tasks,
        missing=missing,
        missing_links=[{"step": step, "label": question(f, nrm_form.page(step)), "url": _page_url(referral, step)}
                       for step, f in missing[:10]],
        completed=sum(1 for t in tasks if t["status"] == "complete"),
    ))


@never_cache
@requires(Capability.REPORT_CONCERN)
def question_page(request, public_id, step):
    referral = _get_referral(request, public_id)
    step = "/" + step.strip("/")
    try:
        page = nrm_form.page(step)
    except KeyError:
        raise Http404("No such page in the Home Office form")
    if not nrm_form.page_applies(step, referral.answers):
        raise Http404("This page is not asked for this referral")
    if referral.status == StatutoryReferral.Status.SUBMITTED:
        messages.info(request, "This referral has been submitted to the Home Office, so its answers can no longer be changed.")
        return redirect(_task_list_url(referral))

    form = PageForm(page, referral.answers, request.POST if request.method == "POST" else None, version=referral.version,
                    locked=branch_lock(referral.action))
    conflict = False
    if request.method == "POST" and form.is_valid():
        answers = form.new_answers()
        saved = _save_answers(request, referral, form.version, answers)
        if saved is None:
            conflict = True
            referral.refresh_from_db()
        else:
            audit.record_for(request, audit.Action.CHANGE, referral, description=f"Answered {step}")
            following = nrm_form.next_step(answers, step)
            if request.POST.get("then") == "task-list" or following is None:
                if following is None:
                    messages.success(request, "You have reached the end of the form.")
                return redirect(_task_list_url(referral))
            return redirect(_page_url(referral, following))
    if request.method == "GET" or conflict:
        audit.record_for(request, audit.Action.VIEW, referral, description=f"Page {step}" + (": conflict shown" if conflict else ""))

    steps = [p.step for p in nrm_form.applicable_pages(referral.answers)]
    position = steps.index(step) if step in steps else 0
    back_url = _page_url(referral, steps[position - 1]) if position > 0 else _task_list_url(referral)
    saved_now = []
    if conflict:
        saved_now = [{"label": question(f, page), "text": row_text(row)}
                     for f, row in zip(page.fields, next(s for s in sections(referral.answers) if s.step == step).rows)
                     if row.state != "not-asked"]
    return render(request, "concerns/referral_page.html", _context(
        referral,
        page=page,
        form=form,
        conflict=conflict,
        saved_now=saved_now,
        version_field=VERSION_FIELD,
        back_url=back_url,
        position=position + 1,
        page_count=len(steps),
    ))


def _save_answers(request, referral, posted_version, answers):
    """Save if nobody else saved since the page was loaded; None (and nothing saved) otherwise."""
    if posted_version != referral.version:
        return None
    status = referral.status
    if status == StatutoryReferral.Status.READY and nrm_form.missing_answers(answers):
        status = StatutoryReferral.Status.IN_PROGRESS
    with transaction.atomic():
        updated = locking.save_if_unchanged(_referrals(request), referral.pk, referral.version,
                                            answers=answers, status=status)
    if not updated:
        return None
    referral.answers, referral.status, referral.version = answers, status, referral.version + 1
    return referral


@never_cache
@requires(Capability.REPORT_CONCERN)
@require_POST
def mark_ready(request, public_id):
    referral = _get_referral(request, public_id)
    if referral.status == StatutoryReferral.Status.SUBMITTED:
        messages.info(request, "This referral has already been submitted to the Home Office.")
    elif nrm_form.missing_answers(referral.answers):
        messages.info(request, "Some required questions are not answered yet, so it cannot be marked as ready.")
    else:
        _referrals(request).filter(pk=referral.pk).update(
            status=StatutoryReferral.Status.READY, version=F("version") + 1, updated_at=timezone.now())
        audit.record_for(request, audit.Action.CHANGE, referral, description="Marked as ready to submit")
        messages.success(request, f"The {referral.get_kind_display()} is ready to copy into the Home Office form.")
    return redirect(_task_list_url(referral))


@never_cache
@requires(Capability.REPORT_CONCERN)
def ready_view(request, public_id):
    referral = _get_referral(request, public_id)
    audit.record_for(request, audit.Action.VIEW, referral, description="NRM-ready view")
    return render(request, "concerns/referral_ready.html", _context(
        referral,
        sections=sections(referral.answers),
        missing=nrm_form.missing_answers(referral.answers),
        is_duty_to_notify=referral.kind == StatutoryReferral.Kind.DUTY_TO_NOTIFY or nrm_form.is_duty_to_notify(referral.answers),
        generated_at=timezone.now(),
    ))


@never_cache
@requires(Capability.REPORT_CONCERN)
def ready_pdf(request, public_id):
    referral = _get_referral(request, public_id)
    concern = referral.action.concern
    content = referral_pdf(
        referral,
        sections(referral.answers),
        kind_label=referral.get_kind_display(),
        is_duty_to_notify=referral.kind == StatutoryReferral.Kind.DUTY_TO_NOTIFY or nrm_form.is_duty_to_notify(referral.answers),
        generated_at=timezone.localtime(),
    )
    audit.record_for(request, audit.Action.EXPORT, referral, description="NRM-ready view as PDF")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{concern.reference}.pdf"'
    return response


@never_cache
@requires(Capability.REPORT_CONCERN)
def submitted(request, public_id):
    referral = _get_referral(request, public_id)
    if referral.status == StatutoryReferral.Status.SUBMITTED:
        messages.info(request, "This referral has already been recorded as submitted to the Home Office.")
        return redirect(_task_list_url(referral))
    form = SubmittedForm(request.POST if request.method == "POST" else None, initial={"version": referral.version})
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["version"] != referral.version or not _record_submission(request, referral, data):
            conflict = True
            referral.refresh_from_db()
        else:
            audit.record_for(request, audit.Action.CHANGE, referral,
                             description=f"Recorded as submitted to the Home Office on {data['submitted_on']:%Y-%m-%d}")
            messages.success(request, f"The {referral.get_kind_display()} has been recorded as submitted. "
                                      f"Home Office reference: {data['home_office_reference']}.")
            return redirect(_task_list_url(referral))
    if request.method == "GET" or conflict:
        audit.record_for(request, audit.Action.VIEW, referral, description="Record submission form")
    return render(request, "concerns/referral_submitted.html", _context(referral, form=form, conflict=conflict))


def _record_submission(request, referral, data):
    with transaction.atomic():
        if not locking.save_if_unchanged(_referrals(request), referral.pk, referral.version,
                                         status=StatutoryReferral.Status.SUBMITTED, submitted_on=data["submitted_on"]):
            return False
        services.complete_action(
            referral.action,
            request.user,
            reference=data["home_office_reference"],
            notes=f"Submitted on {long_date(data['submitted_on'])}",
        )
    return True

