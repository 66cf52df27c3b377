"""Assessment work that touches the database: sending links, saving a supplier's answers and
evidence, submitting, reviewing, reassessment dates and action plans. Views call these; the rules
they apply are in rules.py."""

import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from clearsight.core import email, locking
from clearsight.core.dates import long_date
from clearsight.supply.api import Contract

from . import questionnaires, rules
from .models import Action, ActionPlan, Assessment, EvidenceFile, hash_token

LINK_DAYS = 30
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
# Allowed evidence: the extension and how such a file starts (so a renamed program is refused).
EVIDENCE_TYPES = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}
EVIDENCE_TYPES_TEXT = "PDF, DOCX, XLSX, PNG or JPG"
OPEN = (Assessment.Status.SENT, Assessment.Status.IN_PROGRESS)


def _unscoped(model, reason):
    return model.objects.unscoped(reason)


# --- Choosing the questionnaire -----------------------------------------------------------------------

def supplier_risk_tier(supplier):
    """The supplier's risk tier from risk screening, or None if it has not been screened."""
    from clearsight.screening.api import risk_tier_of

    return risk_tier_of(supplier)


def supplier_facts(supplier) -> rules.SupplierFacts:
    contracts = _unscoped(Contract, "contracts of a supplier already checked").filter(supplier=supplier)
    values = contracts.aggregate(annual=Max("annual_value"), total=Max("total_value"))
    largest = max((v for v in values.values() if v is not None), default=None)
    return rules.SupplierFacts(is_sme=supplier.is_sme, annual_turnover=supplier.annual_turnover,
                               risk_tier=supplier_risk_tier(supplier), largest_contract_value=largest)


def choose_for(supplier):
    """(questionnaire kind, reason) for this supplier."""
    return rules.choose_questionnaire(supplier_facts(supplier))


# --- Sending ------------------------------------------------------------------------------------------

def link_url(token):
    return settings.SITE_URL + reverse("assessments:supplier-start", kwargs={"token": token})


def send(supplier, sent_by, *, email, name="", contact=None, kind=None, reason=""):
    """Create an assessment with a new link and email the link to the supplier. Returns
    (assessment, token); the token is not stored and must not be logged."""
    if kind is None:
        kind, reason = choose_for(supplier)
    questionnaire = questionnaires.current(kind)
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    assessment = Assessment.objects.create(
        organisation=supplier.organisation, supplier=supplier, questionnaire=questionnaire.key,
        questionnaire_reason=reason[:500], contact=contact, recipient_name=name, recipient_email=email,
        sent_by=sent_by, sent_at=now, token_hash=hash_token(token), link_expires_at=now + timedelta(days=LINK_DAYS),
    )
    try:
        _email_link(assessment, token)
    except Exception as error:  # noqa: BLE001 - any mail failure: the link must not stay usable unseen
        revoke(assessment, None)
        raise EmailFailed from error
    return assessment, token


class EmailFailed(Exception):
    """The email with the link could not be sent; the assessment has been withdrawn."""


def _email_link(assessment, token):
    officer = assessment.sent_by
    greeting = f"Dear {assessment.recipient_name}," if assessment.recipient_name else "Hello,"
    body = (
        f"{greeting}\n\n"
        f"{assessment.organisation.name} asks its suppliers about how they prevent modern slavery in their business "
        f"and supply chains. Please answer our questionnaire for {assessment.supplier.name}.\n\n"
        f"{link_url(token)}\n\n"
        f"You do not need an account. Your answers are saved as you go, so you can come back to the link until "
        f"{long_date(assessment.link_expires_at)}. Please do not forward it outside your organisation: anyone with the link "
        "can see and change your answers.\n\n"
        f"If you have a question, contact {officer.full_name if officer else 'us'}"
        f"{' at ' + officer.email if officer else ''}.\n\n"
        f"{assessment.organisation.name}"
    )
    # Queued, sent by the task worker (core/email.py); if it fails for good the link is withdrawn
    # (link_email_failed, connected in apps.py).
    email.queue(email.message_key(LINK_EMAIL, assessment.public_id), assessment.recipient_email,
                f"Modern slavery questionnaire from {assessment.organisation.name}", body,
                organisation=assessment.organisation)


LINK_EMAIL = "assessment-link"


def link_email_failed(sender, outbound, **kwargs):
    """The email with a supplier's link failed for good: withdraw the link, which nobody received, so
    that the assessment shows as withdrawn and the officer sends it again."""
    prefix = LINK_EMAIL + ":"
    if not outbound.key.startswith(prefix):
        return
    public_id = outbound.key[len(prefix):].split(":", 1)[0]
    assessment = _unscoped(Assessment, "the worker withdraws a link whose email failed").filter(
        public_id=public_id).first()
    if assessment is not None:
        revoke(assessment, None)


def revoke(assessment, user):
    with transaction.atomic():
        changed = _unscoped(Assessment, "the caller has checked the user's scope").filter(
            pk=assessment.pk, status__in=OPEN).update(
            link_revoked_at=timezone.now(), link_revoked_by=user, status=Assessment.Status.WITHDRAWN,
            version=assessment.version + 1, updated_at=timezone.now())
    return bool(changed)


# --- The supplier's side -------------------------------------------------------------------------------

class LinkProblem(Exception):
    """Why a link cannot be used: "unknown", "expired", "revoked" or "submitted"."""

    def __init__(self, kind, assessment=None):
        super().__init__(kind)
        self.kind = kind
        self.assessment = assessment


def by_token(token, *, for_answering=True, now=None):
    """The assessment a link's token is for. Raises LinkProblem if the link is unknown, revoked,
    expired, or (when ``for_answering``) the answers have already been sent."""
    if not token or len(token) > 100:
        raise LinkProblem("unknown")
    assessment = (_unscoped(Assessment, "a supplier's link: the token identifies the one assessment")
                  .select_related("organisation", "supplier", "sent_by").filter(token_hash=hash_token(token)).first())
    if assessment is None:
        raise LinkProblem("unknown")
    now = now or timezone.now()
    if assessment.link_revoked_at is not None or assessment.status == Assessment.Status.WITHDRAWN:
        raise LinkProblem("revoked", assessment)
    if assessment.status in (Assessment.Status.SUBMITTED, Assessment.Status.REVIEWED):
        if for_answering:
            raise LinkProblem("submitted", assessment)
        return assessment
    if now >= assessment.link_expires_at:
        raise LinkProblem("expired", assessment)
    return assessment


def save_answer(assessment, question_key, answer, detail):
    """Save one answer (and the supplier's note on it). Locks the row so that two tabs saving at once
    do not lose each other's answers."""
    with transaction.atomic():
        locked = (_unscoped(Assessment, "a supplier's link").select_for_update()
                  .filter(pk=assessment.pk, status__in=OPEN).first())
        if locked is None:  # withdrawn or sent from another tab since the page was opened
            fresh = _unscoped(Assessment, "a supplier's link").get(pk=assessment.pk)
            raise LinkProblem("revoked" if fresh.link_revoked_at else "submitted", fresh)
        answers = dict(locked.answers)
        answers[question_key] = {"answer": answer, "detail": detail}
        locked.answers = answers
        locked.status = Assessment.Status.IN_PROGRESS
        locked.started_at = locked.started_at or timezone.now()
        locked.save(update_fields=["answers", "status", "started_at", "updated_at"])
    assessment.answers = locked.answers
    assessment.status = locked.status
    return locked


def evidence_problem(name: str, size: int, head: bytes) -> str:
    """What is wrong with an uploaded evidence file, as a GOV.UK error message (empty if nothing)."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if size == 0:
        return "The selected file is empty"
    if extension not in EVIDENCE_TYPES:
        return f"The selected file must be a {EVIDENCE_TYPES_TEXT}"
    if size > MAX_EVIDENCE_BYTES:
        return "The selected file must be smaller than 10MB"
    if not any(head.startswith(magic) for magic in EVIDENCE_TYPES[extension][1]):
        return f"The selected file is not a real {extension.upper()} file. Save it again as a {EVIDENCE_TYPES_TEXT} and upload that"
    return ""


MAX_EVIDENCE_FILES = 30  # per assessment: a link cannot be used to fill the disk


def store_evidence(uploaded, organisation, *, assessment=None, action=None, question="", user=None):
    """Check an uploaded file and keep it under PRIVATE_FILES_ROOT/evidence with a random name.
    Returns (EvidenceFile or None, error message)."""
    head = uploaded.read(16)
    uploaded.seek(0)
    name = (uploaded.name or "file").replace("\\", "/").rsplit("/", 1)[-1][:200]
    problem = evidence_problem(name, uploaded.size, head)
    if problem:
        return None, problem
    if assessment is not None:
        held = _unscoped(EvidenceFile, "counting a link's uploads").filter(assessment=assessment).count()
        if held >= MAX_EVIDENCE_FILES:
            return None, (f"You have already uploaded {MAX_EVIDENCE_FILES} files. Remove one you do not need before "
                          "uploading another")
    extension = name.rsplit(".", 1)[-1].lower()
    folder = settings.PRIVATE_FILES_ROOT / "evidence"
    folder.mkdir(parents=True, exist_ok=True)
    stored_name = f"{secrets.token_hex(16)}.{extension}"
    path = folder / stored_name
    with open(path, "xb") as out:
        for chunk in uploaded.chunks():
            out.write(chunk)
    try:
        evidence = EvidenceFile.objects.create(
            organisation=organisation, assessment=assessment, action=action, question=question, stored_name=stored_name,
            original_name=name, content_type=EVIDENCE_TYPES[extension][0], size=uploaded.size, uploaded_by=user)
    except Exception:
        path.unlink(missing_ok=True)
        raise
    return evidence, ""


def remove_evidence(evidence):
    evidence.path.unlink(missing_ok=True)
    evidence.delete()


def submit(assessment, name, role):
    """Send the answers to the council. Returns False if they had already been sent (or the link closed)."""
    questionnaire = questionnaires.get(assessment.questionnaire)
    if questionnaire.unanswered(assessment.answers):
        return False
    now = timezone.now()
    changed = _unscoped(Assessment, "a supplier's link").filter(pk=assessment.pk, status__in=OPEN).update(
        status=Assessment.Status.SUBMITTED, submitted_at=now, declared_by_name=name, declared_by_role=role,
        version=assessment.version + 1, updated_at=now)
    return bool(changed)


# --- Review -----------------------------------------------------------------------------------------

def scored(assessment) -> rules.ScoredResult:
    return rules.score(questionnaires.get(assessment.questionnaire), assessment.answers)


class Conflict(Exception):
    """Someone else changed the record since the user opened it."""


def review(assessment, user, note, version):
    """Mark a submitted assessment reviewed: store its scored result and explanation, supersede the
    supplier's earlier assessments, and open an action plan if the result is sub-standard or poor.
    Returns the action plan, if one was opened."""
    result = scored(assessment)
    today = timezone.localdate()
    now = timezone.now()
    assessments = _unscoped(Assessment, "the caller has checked the user's scope")
    with transaction.atomic():
        if not locking.save_if_unchanged(
                assessments.filter(status=Assessment.Status.SUBMITTED), assessment.pk, version,
                status=Assessment.Status.REVIEWED, result=result.result, score=result.percent,
                explanation=result.explanation(), reviewed_by=user, reviewed_at=now, completed_on=today,
                review_note=note, updated_at=now):
            raise Conflict
        assessments.filter(supplier_id=assessment.supplier_id, status=Assessment.Status.REVIEWED,
                           superseded_by__isnull=True).exclude(pk=assessment.pk).update(superseded_by=assessment)
        assessment.refresh_from_db()
        plan = None
        if result.needs_action_plan:
            plan = ActionPlan.objects.create(organisation=assessment.organisation, supplier=assessment.supplier,
                                             assessment=assessment, opened_by=user)
    return plan


# --- Reassessment ----------------------------------------------------------------------------------------

@dataclass
class SupplierSchedule:
    supplier_id: int
    last_completed_on: date | None
    due: rules.Due | None
    status: str  # rules.due_status


def schedules(organisation_ids, supplier_ids=None, today=None) -> dict[int, SupplierSchedule]:
    """The reassessment schedule of every supplier that has had a completed assessment (in the given
    organisations, optionally only the given suppliers)."""
    today = today or timezone.localdate()
    completed = _unscoped(Assessment, "the caller chose the organisations").filter(
        organisation_id__in=organisation_ids, status=Assessment.Status.REVIEWED)
    if supplier_ids is not None:
        completed = completed.filter(supplier_id__in=supplier_ids)
    last = dict(completed.values("supplier_id").annotate(last=Max("completed_on")).values_list("supplier_id", "last"))
    expiries = {}
    contracts = _unscoped(Contract, "contracts of suppliers already chosen").filter(
        supplier_id__in=last.keys(), current_expiry__isnull=False).values_list("supplier_id", "current_expiry")
    for supplier_id, expiry in contracts:
        expiries.setdefault(supplier_id, []).append(expiry)
    result = {}
    for supplier_id, completed_on in last.items():
        due = rules.next_assessment_due(completed_on, expiries.get(supplier_id, []))
        result[supplier_id] = SupplierSchedule(supplier_id, completed_on, due, rules.due_status(due.on, today))
    return result


def suppliers_with_open_assessment(organisation_ids):
    return set(_unscoped(Assessment, "the caller chose the organisations").filter(
        organisation_id__in=organisation_ids,
        status__in=(*OPEN, Assessment.Status.SUBMITTED)).values_list("supplier_id", flat=True))


# --- Action plans -----------------------------------------------------------------------------------

def add_action(plan, *, description, owner, due_on):
    with transaction.atomic():
        action = Action.objects.create(plan=plan, description=description, owner=owner, due_on=due_on)
        # The plan changes with its actions: a closure prepared before this change is refused.
        locking.bump_version(_unscoped(ActionPlan, "the caller checked the plan"), plan.pk)
        plan.version += 1
    return action


def update_action(action, *, status, evidence_note, version):
    now = timezone.now()
    completed_at = (action.completed_at or now) if status == Action.Status.DONE else None
    if not locking.save_if_unchanged(_unscoped(Action, "the caller checked the plan"), action.pk, version,
                                     status=status, evidence_note=evidence_note, completed_at=completed_at):
        raise Conflict
    action.refresh_from_db()
    # The plan changes with its actions: a closure prepared before this change is refused.
    locking.bump_version(_unscoped(ActionPlan, "the caller checked the plan"), action.plan_id)
    return action


def escalate(plan, user, *, to, reason, version):
    now = timezone.now()
    plans = _unscoped(ActionPlan, "the caller checked the plan").filter(status=ActionPlan.Status.OPEN)
    if not locking.save_if_unchanged(plans, plan.pk, version,
                                     escalation=to, escalation_reason=reason, escalated_by=user, escalated_at=now):
        raise Conflict
    plan.refresh_from_db()
    return plan


def closure_problem(plan):
    return rules.plan_closure_problem(plan.actions.values_list("status", flat=True), bool(plan.escalation))


def close(plan, user, *, note, version):
    problem = closure_problem(plan)
    if problem:
        return problem
    now = timezone.now()
    plans = _unscoped(ActionPlan, "the caller checked the plan").filter(status=ActionPlan.Status.OPEN)
    if not locking.save_if_unchanged(plans, plan.pk, version,
                                     status=ActionPlan.Status.CLOSED, closing_note=note, closed_by=user, closed_at=now):
        raise Conflict
    plan.refresh_from_db()
    return ""


def overdue_actions(queryset, today=None):
    today = today or timezone.localdate()
    return queryset.filter(plan__status=ActionPlan.Status.OPEN, due_on__lt=today).exclude(status=Action.Status.DONE)

