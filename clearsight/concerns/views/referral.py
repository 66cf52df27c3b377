"""NRM referrals and Duty to Notify reports: the task list, one Home Office page at a time, the
NRM-ready view (and its PDF) to copy into the Home Office form, and recording the submission.

Only people who can see the referral (StatutoryReferral.objects.for_user: first responders and team
managers of the handling organisation, and the action's owner) reach these pages; for anyone else
who can report concerns, including people of other organisations, the referral does not exist
(404). Roles that cannot report concerns or change anything (auditors, board members) get 403. Every
view, change and export is audited. Saves carry a version number, so a second person editing the
same referral is told instead of overwriting the first."""

from django.conf import settings
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
from clearsight.core.roles import Capability
from clearsight.core.views.access import requires

from .. import nrm_form, referral_services
from ..models import StatutoryReferral
from ..referral_forms import PageForm, SubmittedForm, form_name, question, sections
from ..referral_pdf import referral_pdf
from ..referral_prefill import branch_lock, reported_text


def _referrals(request):
    return StatutoryReferral.objects.for_user(request.user)


def _get_referral(request, public_id):
    return get_object_or_404(
        _referrals(request).select_related("action__concern", "action__person", "action__owner"),
        public_id=public_id,
    )


def _task_list_url(referral):
    return reverse("concerns:referral", kwargs={"public_id": referral.public_id})


def _page_url(referral, slug):
    return reverse("concerns:referral-page", kwargs={"public_id": referral.public_id, "step": slug})


def _question_url(referral, step, field=None):
    """The page that asks a Home Office page's questions, at the question."""
    url = _page_url(referral, nrm_form.screen_for_step(step).slug)
    if field is None:
        return url
    return f"{url}#id_{form_name(field.key)}" + ("-day" if field.type == "input-date" else "")


def _context(referral, **extra):
    action = referral.action
    return {
        "referral": referral,
        "action": action,
        "concern": action.concern,
        "kind_label": referral.get_kind_display(),
        "concern_url": f"/concerns/{action.concern.public_id}",
        "is_submitted": referral.status == StatutoryReferral.Status.SUBMITTED,
        "home_office_service_url": settings.HOME_OFFICE_REFERRAL_SERVICE_URL,
        **extra,
    }


@never_cache
@requires(Capability.REPORT_CONCERN)
def task_list(request, public_id):
    referral = _get_referral(request, public_id)
    answers = referral.answers
    tasks = [
        {
            "name": screen.title_for(answers),
            "url": _page_url(referral, screen.slug),
            "status": status,
            "id": f"task-{i}",
        }
        for i, (screen, group, status) in enumerate(nrm_form.tasks(answers), start=1)
    ]
    missing = nrm_form.missing_answers(answers)
    audit.record_for(request, audit.Action.VIEW, referral, description="Task list")
    return render(
        request,
        "concerns/referral_task_list.html",
        _context(
            referral,
            tasks=tasks,
            missing=missing,
            missing_links=[
                {"label": question(f, nrm_form.page(step)), "url": _question_url(referral, step, f)}
                for step, f in missing[:10]
            ],
            completed=sum(1 for t in tasks if t["status"] == "complete"),
            can_record_submission=referral_services.can_record_submission(referral),
        ),
    )


@never_cache
@requires(Capability.REPORT_CONCERN)
def question_page(request, public_id, step):
    referral = _get_referral(request, public_id)
    slug = step.strip("/")
    screens = nrm_form.applicable_screens(referral.answers)
    screen = next((s for s in screens if s.slug == slug), None)
    if screen is None:
        # A Home Office page's own address (as in older links): the page that asks it now
        asked = {step for s in screens for step in nrm_form.screen_steps(s, referral.answers)}
        if "/" + slug not in asked:
            raise Http404("This page is not asked for this referral")
        if request.method != "POST":
            page = nrm_form.page("/" + slug)
            return redirect(_question_url(referral, page.step, page.fields[0] if page.fields else None))
        screen = nrm_form.screen_for_step("/" + slug)
    if referral.status == StatutoryReferral.Status.SUBMITTED:
        messages.info(
            request, "This referral has been submitted to the Home Office, so its answers can no longer be changed."
        )
        return redirect(_task_list_url(referral))

    form = PageForm(
        screen,
        referral.answers,
        data=request.POST if request.method == "POST" else None,
        version=referral.version,
        locked=branch_lock(referral.action),
        require=request.POST.get("then") != "task-list",
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        answers = form.new_answers()
        saved = _save_answers(request, referral, form.version, answers)
        if saved is None:
            conflict = True
            referral.refresh_from_db()
            # Merged with the answers saved now (core.locking): what only the other person changed is
            # shown, what both changed keeps this person's answer and says at the question what is saved now.
            locking.add_conflict_error(form, referral.version, form.initial_for(referral.answers, referral.version))
        else:
            audit.record_for(request, audit.Action.CHANGE, referral, description=f"Answered {screen.slug}")
            following = nrm_form.next_screen(answers, screen.slug)
            if request.POST.get("then") == "task-list" or following is None:
                if following is None:
                    messages.success(request, "You have reached the end of the questions.")
                return redirect(_task_list_url(referral))
            return redirect(_page_url(referral, following))
    if request.method == "GET" or conflict:
        audit.record_for(
            request,
            audit.Action.VIEW,
            referral,
            description=f"Page {screen.slug}" + (": conflict shown" if conflict else ""),
        )

    slugs = [s.slug for s in screens]
    position = slugs.index(screen.slug)
    back_url = _page_url(referral, slugs[position - 1]) if position > 0 else _task_list_url(referral)
    return render(
        request,
        "concerns/referral_page.html",
        _context(
            referral,
            page=form.page,
            form=form,
            conflict=conflict,
            back_url=back_url,
            position=position + 1,
            page_count=len(slugs),
            is_anonymous=nrm_form.is_anonymous(referral.answers),
            reported=_reported_here(referral, form),
        ),
    )


def _reported_here(referral, form):
    """For a Duty to Notify report, which does not start with free text that may identify the person:
    what the reporter and the triage wrote for this page's questions, to write from."""
    if referral.kind != StatutoryReferral.Kind.DUTY_TO_NOTIFY:
        return []
    here = {f.key for f in form.page.fields}
    return [{"what": what, "text": text} for key, what, text in reported_text(referral.action) if key in here]


def _save_answers(request, referral, posted_version, answers):
    """Save if nobody else saved since the page was loaded; None (and nothing saved) otherwise."""
    if posted_version != referral.version:
        return None
    status = referral.status
    if status == StatutoryReferral.Status.READY and nrm_form.missing_answers(answers):
        status = StatutoryReferral.Status.IN_PROGRESS
    with transaction.atomic():
        updated = locking.save_if_unchanged(
            _referrals(request), referral.pk, referral.version, answers=answers, status=status
        )
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
            status=StatutoryReferral.Status.READY, version=F("version") + 1, updated_at=timezone.now()
        )
        audit.record_for(request, audit.Action.CHANGE, referral, description="Marked as ready to submit")
        messages.success(request, f"The {referral.get_kind_display()} is ready to copy into the Home Office form.")
    return redirect(_task_list_url(referral))


def _with_change_url(referral, section):
    if section.applies:
        section.change_url = _question_url(referral, section.step)
    return section


@never_cache
@requires(Capability.REPORT_CONCERN)
def ready_view(request, public_id):
    referral = _get_referral(request, public_id)
    audit.record_for(request, audit.Action.VIEW, referral, description="NRM-ready view")
    return render(
        request,
        "concerns/referral_ready.html",
        _context(
            referral,
            sections=[_with_change_url(referral, section) for section in sections(referral.answers)],
            missing=nrm_form.missing_answers(referral.answers),
            is_duty_to_notify=referral.kind == StatutoryReferral.Kind.DUTY_TO_NOTIFY
            or nrm_form.is_duty_to_notify(referral.answers),
            generated_at=timezone.now(),
        ),
    )


@never_cache
@requires(Capability.REPORT_CONCERN)
def ready_pdf(request, public_id):
    referral = _get_referral(request, public_id)
    concern = referral.action.concern
    content = referral_pdf(
        referral,
        sections(referral.answers),
        kind_label=referral.get_kind_display(),
        is_duty_to_notify=referral.kind == StatutoryReferral.Kind.DUTY_TO_NOTIFY
        or nrm_form.is_duty_to_notify(referral.answers),
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
    missing = nrm_form.missing_answers(referral.answers)
    if missing:
        # Nothing is recorded, whatever was posted: say what is still to answer
        audit.record_for(request, audit.Action.VIEW, referral, description="Record submission form: answers missing")
        return render(
            request,
            "concerns/referral_submitted.html",
            _context(
                referral,
                form=None,
                conflict=False,
                missing=missing,
                missing_links=[
                    {"label": question(f, nrm_form.page(step)), "url": _question_url(referral, step, f)}
                    for step, f in missing[:10]
                ],
            ),
        )
    form = SubmittedForm(request.POST if request.method == "POST" else None, initial={"version": referral.version})
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recorded = referral_services.record_submission(
                _referrals(request),
                referral,
                request.user,
                home_office_reference=data["home_office_reference"],
                submitted_on=data["submitted_on"],
                version=data["version"],
            )
        except referral_services.IncompleteReferral:
            recorded = False
        if not recorded:
            conflict = True
            referral.refresh_from_db()
        else:
            audit.record_for(
                request,
                audit.Action.CHANGE,
                referral,
                description=f"Recorded as submitted to the Home Office on {data['submitted_on']:%Y-%m-%d}",
            )
            messages.success(
                request,
                f"The {referral.get_kind_display()} has been recorded as submitted. "
                f"Home Office reference: {data['home_office_reference']}.",
            )
            return redirect(_task_list_url(referral))
    if request.method == "GET" or conflict:
        audit.record_for(request, audit.Action.VIEW, referral, description="Record submission form")
    return render(request, "concerns/referral_submitted.html", _context(referral, form=form, conflict=conflict))
