"""The pages a supplier uses to answer a questionnaire, through the link emailed to them. No
account: the token in the link is the only key, and it opens only its own assessment. The token
is never stored (only its hash), never logged (see logs.py) and never put in the audit log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from clearsight.core.audit import Action
from clearsight.core.middleware import client_ip, current_request_id
from clearsight.core.models import AuditEvent

from .. import questionnaires, services
from ..answers import answer_rows
from ..forms import DeclarationForm, QuestionForm
from ..models import EvidenceFile

SUPPLIER_LABEL = "Supplier (by assessment link)"
PROBLEM_STATUS = {"unknown": 404, "expired": 410, "revoked": 410, "submitted": 200}


def record(request, assessment, action, description):
    """Audit what a supplier did, against the assessment and the council that sent it."""
    actor = request.user if request.user.is_authenticated else None
    AuditEvent.objects.create(
        actor=actor, actor_label=actor.email if actor else SUPPLIER_LABEL, organisation=assessment.organisation,
        action=action, record_type="supplier assessment", record_id=str(assessment.public_id),
        description=description[:500], ip_address=client_ip(request), request_id=current_request_id(request))


def _problem(request, problem):
    assessment = problem.assessment
    return render(request, "assessments/supplier/link_problem.html", {
        "kind": problem.kind, "assessment": assessment, "officer": assessment.sent_by if assessment else None,
    }, status=PROBLEM_STATUS[problem.kind])


def with_link(for_answering=True):
    """The view gets the assessment its link opens, or the visitor gets a page saying why the link
    does not work and who to contact."""

    def decorator(view):
        @never_cache
        def wrapped(request, token, *args, **kwargs):
            try:
                assessment = services.by_token(token, for_answering=for_answering)
            except services.LinkProblem as problem:
                return _problem(request, problem)
            try:
                return view(request, token, assessment, *args, **kwargs)
            except services.LinkProblem as problem:  # withdrawn or sent meanwhile
                return _problem(request, problem)

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return wrapped

    return decorator


def _sections(questionnaire, answers, token):
    rows = []
    for section in questionnaire.sections:
        answered = [q for q in section.questions if q.option((answers.get(q.key) or {}).get("answer"))]
        first = next((q for q in section.questions if q not in answered), section.questions[0])
        status = "complete" if len(answered) == len(section.questions) else "in_progress" if answered else "not_started"
        rows.append({"key": section.key, "title": section.title, "status": status, "count": len(section.questions),
                     "url": reverse("assessments:supplier-question", kwargs={"token": token, "question": first.key})})
    return rows


@with_link()
def start(request, token, assessment):
    """The task list: what is asked, how far the supplier has got, and the way to check and send."""
    questionnaire = questionnaires.get(assessment.questionnaire)
    sections = _sections(questionnaire, assessment.answers, token)
    record(request, assessment, Action.VIEW, "Supplier opened the questionnaire")
    return render(request, "assessments/supplier/task_list.html", {
        "assessment": assessment, "questionnaire": questionnaire, "sections": sections, "token": token,
        "completed": sum(1 for s in sections if s["status"] == "complete"),
        "all_answered": not questionnaire.unanswered(assessment.answers),
    })



@with_link()
@require_http_methods(["GET", "POST"])
def question_page(request, token, assessment, question):
    questionnaire = questionnaires.get(assessment.questionnaire)
    q = questionnaire.question(question)
    if q is None:
        return _problem(request, services.LinkProblem("unknown"))
    saved = assessment.answers.get(q.key) or {}
    form = QuestionForm(request.POST or None, question=q,
                        initial={"answer": saved.get("answer"), "detail": saved.get("detail", "")})
    file_error = ""
    back_to_check = request.GET.get("return") == "check"
    if request.method == "POST" and form.is_valid():
        services.save_answer(assessment, q.key, form.cleaned_data["answer"], form.cleaned_data["detail"].strip())
        record(request, assessment, Action.CHANGE, f"Supplier answered question {q.key}")
        upload = request.FILES.get("evidence") if q.evidence else None
        if upload is not None:
            evidence, file_error = services.store_evidence(upload, assessment.organisation, assessment=assessment,
                                                           question=q.key)
            if evidence:
                record(request, assessment, Action.CREATE, f"Supplier uploaded evidence for question {q.key}")
        if not file_error:
            if request.POST.get("then") == "later":
                messages.success(request, "Your answer has been saved. You can come back to this link at any time before it expires.")
                return redirect("assessments:supplier-start", token=token)
            following = questionnaire.next_question(q.key)
            if back_to_check or following is None:
                return redirect("assessments:supplier-check", token=token)
            return redirect("assessments:supplier-question", token=token, question=following.key)
    elif request.method == "GET":
        record(request, assessment, Action.VIEW, f"Supplier opened question {q.key}")
    number = [x.key for x in questionnaire.questions].index(q.key) + 1
    section = next(s for s in questionnaire.sections if q in s.questions)
    evidence = EvidenceFile.objects.unscoped("a supplier's own uploads, through their link").filter(
        assessment=assessment, question=q.key)
    return render(request, "assessments/supplier/question.html", {
        "assessment": assessment, "questionnaire": questionnaire, "question": q, "form": form, "token": token,
        "number": number, "total": len(questionnaire.questions), "section": section, "evidence": evidence,
        "file_error": file_error, "has_errors": bool(form.errors or file_error), "back_to_check": back_to_check,
        "types": services.EVIDENCE_TYPES_TEXT,
    }, status=200)


@with_link()
@require_POST
def remove_evidence(request, token, assessment, evidence_id):
    evidence = EvidenceFile.objects.unscoped("a supplier's own uploads, through their link").filter(
        assessment=assessment, public_id=evidence_id).first()
    if evidence is None:
        raise PermissionDenied
    question = evidence.question
    services.remove_evidence(evidence)
    record(request, assessment, Action.DELETE, f"Supplier removed evidence for question {question}")
    messages.success(request, "The file has been removed.")
    if questionnaires.get(assessment.questionnaire).question(question):
        return redirect("assessments:supplier-question", token=token, question=question)
    return redirect("assessments:supplier-start", token=token)


@with_link()
@require_http_methods(["GET", "POST"])
def check_answers(request, token, assessment):
    questionnaire = questionnaires.get(assessment.questionnaire)
    form = DeclarationForm(request.POST or None)
    unanswered = questionnaire.unanswered(assessment.answers)
    if request.method == "POST":
        if unanswered:
            form.is_valid()
            form.add_error(None, "Answer every question before you send your answers")
        elif form.is_valid():
            if services.submit(assessment, form.cleaned_data["name"].strip(), form.cleaned_data["role"].strip()):
                record(request, assessment, Action.CHANGE, "Supplier sent their answers")
            return redirect("assessments:supplier-sent", token=token)
    else:
        record(request, assessment, Action.VIEW, "Supplier checked their answers")
    sections = answer_rows(
        assessment, questionnaire,
        EvidenceFile.objects.unscoped("a supplier's own uploads, through their link").filter(assessment=assessment),
        question_url=lambda key: reverse("assessments:supplier-question", kwargs={"token": token, "question": key}) + "?return=check")
    return render(request, "assessments/supplier/check.html", {
        "assessment": assessment, "questionnaire": questionnaire, "sections": sections, "form": form, "token": token,
        "unanswered": unanswered,
    })


@with_link(for_answering=False)
def sent(request, token, assessment):
    if assessment.is_open_for_answers:
        return redirect("assessments:supplier-start", token=token)
    record(request, assessment, Action.VIEW, "Supplier saw the confirmation")
    return render(request, "assessments/supplier/sent.html", {"assessment": assessment, "officer": assessment.sent_by,
                                                              "now": timezone.now()})
