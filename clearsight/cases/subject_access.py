"""Subject access export: everything held about a person, as one PDF document.

``document(...)`` gathers the person's record, contact details, every case the requesting user can
see (with its NRM record, risk history, support tasks, referrals, placements, safety plans, address
flags, outcome scores and sharing decisions) and the audit events about those records, as plain
sections. ``as_text`` and ``as_pdf`` render the same sections, so what the PDF says can be checked
from its text version. The file is named by the person's public id only.

The export holds the cases the requesting user can see: a case held by another team or organisation
is theirs to disclose, so the document says how to ask them. For each case opened from a reported
concern, the concern (what was reported about this person) and its NRM referral and Duty to Notify
answers are included too. Other people named in the same concern are left out.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from clearsight.concerns.api import (concern_for_subject_access, exploitation_types, referral_form_pages,
                                     referral_kind_labels)
from clearsight.core import audit, pdf
from clearsight.core.models import AuditEvent
from clearsight.core.templatetags.clearsight import govuk_date, govuk_datetime

from .models import Case, OutcomeScore, RiskStatus
from .register import MARKER_LABELS
from .services import NAME_SIMILARITY, name_similarity, person_names
from .views.case import case_work

NOT_RECORDED = "Not recorded"


@dataclass
class Facts:
    rows: list  # [(label, value)]


@dataclass
class Table:
    headers: list
    rows: list  # [[cell, ...]]
    empty: str = "None recorded."


@dataclass
class Section:
    title: str
    level: int = 1
    blocks: list = field(default_factory=list)


@dataclass
class Document:
    title: str
    intro: list
    sections: list

    def text(self) -> str:
        return as_text(self)


def _yes_no(value):
    return "Yes" if value else "No"


def _or_not_recorded(value):
    return value if value not in (None, "") else NOT_RECORDED


def _date(value):
    return govuk_date(value) if value else ""


def audit_events_about(person, cases):
    """Audit events about the person or any of the given cases, oldest first. The audit log is
    otherwise readable only by auditors; here the records' own events are part of the export."""
    ids = [str(person.public_id)] + [str(case.public_id) for case in cases]
    return list(
        AuditEvent.objects.unscoped("A subject access export includes the events about the person's own records")
        .filter(record_id__in=ids).select_related("organisation").order_by("at", "id")
    )


def _person_section(person):
    dob = _date(person.date_of_birth)
    if dob and person.date_of_birth_estimated:
        dob += " (estimated)"
    facts = Facts([
        ("Name", _or_not_recorded(" ".join(filter(None, [person.first_name, person.last_name])))),
        ("Other names and aliases", _or_not_recorded("\n".join(a.strip() for a in person.aliases.splitlines() if a.strip()))),
        ("Date of birth", _or_not_recorded(dob)),
        ("Gender", person.get_gender_display()),
        ("Nationalities", _or_not_recorded(person.nationalities)),
        ("Languages", _or_not_recorded(person.languages)),
        ("Interpreter needed", _yes_no(person.interpreter_needed)),
        ("Immigration status", person.get_immigration_status_display()),
        ("No recourse to public funds", _yes_no(person.no_recourse_to_public_funds)),
        ("Recorded by", person.organisation.name),
        ("Record created", govuk_datetime(person.created_at)),
    ])
    if person.anonymised_at:
        facts.rows.append(("Anonymised", govuk_datetime(person.anonymised_at)))
    contacts = Table(["Kind", "Details", "Safe to contact", "Notes"], [
        [c.get_kind_display(), c.value, _yes_no(c.safe_to_contact), c.notes] for c in person.contacts.order_by("pk")
    ])
    return [Section("Person record", 1, [facts]), Section("Contact details", 2, [contacts])]


def _nrm_blocks(case):
    try:
        nrm = case.nrm
    except Case.nrm.RelatedObjectDoesNotExist:
        return [Facts([("NRM referral", "No NRM referral recorded")])]
    facts = Facts([
        ("Date referred", _date(nrm.referred_on)),
        ("Competent authority", nrm.get_competent_authority_display()),
        ("NRM reference", _or_not_recorded(nrm.nrm_reference)),
        ("Reasonable Grounds decision", nrm.get_rg_decision_display() + (f", {_date(nrm.rg_decided_on)}" if nrm.rg_decided_on else "")),
        ("Conclusive Grounds decision", nrm.get_cg_decision_display() + (f", {_date(nrm.cg_decided_on)}" if nrm.cg_decided_on else "")),
    ])
    for label, value in (("Withdrawn from the NRM", nrm.withdrawn_on), ("Reconsideration requested", nrm.reconsideration_requested_on),
                         ("Consented to remain in the NRM at 18", nrm.consent_to_remain_on)):
        if value:
            facts.rows.append((label, _date(value)))
    blocks = [facts]
    extensions = list(nrm.extensions.order_by("agreed_on"))
    if extensions:
        blocks.append(Table(["Move-on support extension", "Agreed on", "Reason"],
                            [[f"{e.days:,} days", _date(e.agreed_on), e.reason] for e in extensions]))
    return blocks


def source_concern(case):
    """The concern the case was opened from, if any. Read unscoped: the requesting user may see the
    case without handling concerns, and what was reported about the person is theirs to receive."""
    if not case.source_concern:
        return None
    return concern_for_subject_access(case.source_concern)


def _concern_person(concern, person):
    """The person in the concern who is the subject of the export: the only one, or the one whose
    name is most like one of theirs. None if no one in the concern can be told to be them."""
    people = list(concern.people.all())
    if len(people) == 1:
        return people[0]
    best, best_score = None, 0.0
    for candidate in people:
        for _, known_as in person_names(person):
            score = name_similarity(candidate.name, known_as)
            if score > best_score:
                best, best_score = candidate, score
    return best if best_score >= NAME_SIMILARITY else None


def _answer_text(value):
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return "" if value is None else str(value)


def _answer_rows(answers):
    labels, order = {}, {}
    for page in referral_form_pages():
        for f in page.fields:
            labels.setdefault(f.key, f.label)
            order.setdefault(f.key, len(order))
    keys = sorted((answers or {}).keys(), key=lambda k: (order.get(k, len(order)), k))
    return [[labels.get(k, k), _answer_text(answers[k])] for k in keys if answers[k] not in (None, "", [], {})]


def _concern_sections(concern, person, type_labels):
    """What was reported in the concern the case came from, and its NRM / Duty to Notify answers."""
    subject = _concern_person(concern, person)
    facts = Facts([
        ("Reference", concern.reference),
        ("Reported", govuk_datetime(concern.submitted_at) if concern.submitted_at else NOT_RECORDED),
        ("Reported by", concern.reporter_organisation.name),
        ("What happened", _or_not_recorded(concern.what_happened)),
        ("Where", _or_not_recorded(concern.location)),
        ("Type of place", _or_not_recorded(concern.get_premises_type_display() if concern.premises_type else "")),
        ("Date seen", _or_not_recorded(_date(concern.seen_on))),
        ("Types of exploitation", _or_not_recorded("; ".join(t.label for t in concern.exploitation_types.all()))),
    ])
    if subject is not None:
        facts.rows += [
            ("Name or description given", _or_not_recorded(subject.name)),
            ("Age given", subject.get_age_group_display()),
            ("Gender given", _or_not_recorded(subject.gender)),
            ("Nationality given", _or_not_recorded(subject.nationality)),
            ("Description", _or_not_recorded(subject.description)),
        ]
        if subject.reported_consent or subject.reported_wishes:
            facts.rows += [
                ("Whether they knew of the report and agreed, as the reporter said",
                 _or_not_recorded(subject.get_reported_consent_display() if subject.reported_consent else "")),
                ("What they wanted to happen, as the reporter said", _or_not_recorded(subject.reported_wishes)),
            ]
    added = list(concern.added_information.unscoped("subject access export").order_by("added_at", "pk"))
    if added:
        facts.rows += [(f"Information the reporter added on {govuk_datetime(item.added_at)}", item.text) for item in added]
    others = concern.people.count() - (1 if subject is not None else 0)
    if others:
        facts.rows.append(("Other people in the concern", f"{others:,} other {'person' if others == 1 else 'people'}: "
                                                          "left out, as their details are not yours"))
    blocks = []
    kinds = referral_kind_labels()
    for action in concern.actions.select_related("person").order_by("due_at", "pk"):
        if action.person_id is not None and (subject is None or action.person_id != subject.pk):
            continue  # about someone else in the concern
        try:
            referral = action.referral
        except ObjectDoesNotExist:  # no referral made for this action
            continue
        blocks.append(Facts([("Form", kinds.get(referral.kind, referral.kind)), ("Status", referral.get_status_display())]))
        blocks.append(Table(["Question", "Answer"], _answer_rows(referral.answers), "No answers recorded."))
    return [
        Section(f"Reported concern {concern.reference}", 2, [facts]),
        Section("NRM referral and Duty to Notify answers", 2,
                blocks or [Table([], [], "No NRM referral or Duty to Notify report was made from this concern.")]),
    ]


def _case_sections(case, type_labels):
    categories = dict(RiskStatus.Category.choices)
    measures = dict(OutcomeScore.Measure.choices)
    summary = Facts([
        ("Organisation", case.organisation.name),
        ("Team", case.team.name),
        ("Status", case.get_status_display()),
        ("Opened", _date(case.opened_on)),
    ])
    if case.closed_on:
        summary.rows.append(("Closed", _date(case.closed_on)))
    if case.closure_reason:
        summary.rows.append(("Reason for closing", case.closure_reason))
    if case.anonymised_at:
        summary.rows.append(("Anonymised", govuk_datetime(case.anonymised_at)))
    sections = [Section(f"Case {case.reference}", 1, [summary])]
    concern = source_concern(case)
    if concern is not None:
        sections += _concern_sections(concern, case.person, type_labels)
    sections.append(Section("NRM referral", 2, _nrm_blocks(case)))
    sections.append(Section("Risk status history", 2, [Table(
        ["From", "Status", "Types of exploitation", "Vulnerabilities"],
        [[_date(s.valid_from), categories.get(s.category, s.category),
          "; ".join(type_labels.get(t, t) for t in s.exploitation_types) or "None recorded",
          "; ".join(MARKER_LABELS.get(m, m) for m in s.vulnerability_markers) or "None recorded"]
         for s in case.risk_history.order_by("valid_from", "recorded_at", "pk")])]))
    sections.append(Section("Support tasks", 2, [Table(
        ["Phase", "Task", "Owner", "Due", "Status"],
        [[t.get_phase_display(), t.description, t.owner.full_name, _date(t.due_on), t.get_status_display()]
         for t in case.support_tasks.select_related("owner").order_by("due_on", "pk")])]))
    sections.append(Section("Referrals to services and partners", 2, [Table(
        ["Service", "Partner", "Status", "Requested", "Last updated", "Notes"],
        [[r.service, r.partner.name if r.partner else "", r.get_status_display(), _date(r.requested_on), _date(r.updated_on), r.notes]
         for r in case.service_referrals.select_related("partner").order_by("requested_on", "pk")])]))
    sections.append(Section("Accommodation", 2, [Table(
        ["Type", "Address", "From", "To"],
        [[p.get_kind_display(), p.address, _date(p.starts_on), _date(p.ends_on) or "Not ended"]
         for p in case.placements.order_by("starts_on", "pk")])]))
    plans = [Facts([
        ("Safety plan added", govuk_date(plan.created_at)),
        ("Risks", plan.risks), ("What will keep them safe", plan.measures), ("People and agencies responsible", plan.responsible),
        ("Last reviewed", _date(plan.reviewed_on) or "Not reviewed yet"), ("Next review", _date(plan.review_on)),
    ]) for plan in case.safety_plans.order_by("created_at", "pk")]
    sections.append(Section("Safety plans", 2, plans or [Table([], [], "No safety plans recorded.")]))
    sections.append(Section("Address flags", 2, [Table(
        ["Address", "Reason", "Flagged on", "Still flagged"],
        [[flag.address, flag.get_reason_display(), _date(flag.created_on), _yes_no(flag.active)]
         for flag in case.address_flags.order_by("created_on", "pk")])]))
    sections.append(Section("Outcome scores", 2, [Table(
        ["Date", "Measure", "Score (1 to 5)"],
        [[_date(s.scored_on), measures.get(s.measure, s.measure), str(s.score)]
         for s in case.outcome_scores.order_by("scored_on", "pk")])]))
    sections.append(Section("Sharing with other organisations", 2, [Table(
        ["Organisation", "Information sharing agreement", "Reason", "Shared on", "Ended on"],
        [[s.organisation.name, s.agreement, s.reason, govuk_date(s.shared_at), govuk_date(s.ended_at) if s.ended_at else "Still shared"]
         for s in case.shares.select_related("organisation").order_by("shared_at", "pk")])]))
    return sections


def _audit_section(person, cases, events):
    names = {str(person.public_id): "Person record"} | {str(c.public_id): f"Case {c.reference}" for c in cases}
    rows = [[
        govuk_datetime(e.at), e.get_action_display(), names.get(e.record_id, e.record_type),
        e.organisation.name if e.organisation else ("Automatic retention process" if e.actor_label == "apply_case_retention" else ""),
        e.description,
    ] for e in events]
    return Section("Who has viewed or changed these records", 1, [Table(["When", "What", "Record", "Organisation", "Details"], rows)])


def document(person, cases, events, *, generated_at=None, organisation=None) -> Document:
    """The export as plain sections. ``cases`` are the cases the requesting user may see; ``events``
    come from ``audit_events_about``."""
    generated_at = generated_at or timezone.now()
    type_labels = dict(exploitation_types())
    intro = [
        f"Person {person.public_id}.",
        f"Made on {govuk_datetime(generated_at)}" + (f" by {organisation.name}." if organisation else "."),
        f"This export holds the person's record and {len(cases):,} {'case' if len(cases) == 1 else 'cases'}: "
        + ", ".join(c.reference for c in cases) + ". "
        "Cases held by other teams or organisations are theirs to disclose: ask their data protection officer.",
    ]
    sections = _person_section(person)
    for case in cases:
        sections += _case_sections(case, type_labels)
    sections.append(_audit_section(person, cases, events))
    return Document("Subject access export", intro, sections)


# --- Rendering --------------------------------------------------------------------------------------

def as_text(doc: Document) -> str:
    lines = [doc.title.upper(), ""] + doc.intro
    for section in doc.sections:
        lines += ["", ("== " if section.level == 1 else "-- ") + section.title]
        for block in section.blocks:
            if isinstance(block, Facts):
                lines += [f"{label}: {value}" for label, value in block.rows]
                lines.append("")
            elif not block.rows:
                lines.append(block.empty)
            else:
                lines.append(" | ".join(block.headers))
                lines += [" | ".join(str(cell) for cell in row) for row in block.rows]
    return "\n".join(lines) + "\n"


def _block(block):
    if isinstance(block, Facts):
        return {"kind": "facts", "rows": block.rows}
    return {"kind": "table", "headers": block.headers, "rows": block.rows, "empty": block.empty}


def as_pdf(doc: Document, *, footer_label="Subject access export") -> bytes:
    """The document as a tagged PDF (cases/pdf/subject_access.html): sections at level 1 are its
    h2, their parts its h3; facts are a table of labels beside values, tables have a header row."""
    sections = [{"title": s.title, "level": s.level + 1, "blocks": [_block(b) for b in s.blocks]} for s in doc.sections]
    return pdf.render_pdf("cases/pdf/subject_access.html", {
        "intro": doc.intro, "sections": sections, "footer": f"{footer_label}. Confidential: personal data.",
    }, title=doc.title)


# --- The view ----------------------------------------------------------------------------------------

def _document_for(request, person_id):
    """The person's export as the requesting user may make it: the cases they can see (404 if none)."""
    cases = list(Case.objects.for_user(request.user).filter(person__public_id=person_id)
                 .select_related("person__organisation", "organisation", "team").order_by("opened_on", "reference"))
    if not cases:
        raise Http404
    person = cases[0].person
    doc = document(person, cases, audit_events_about(person, cases), generated_at=timezone.now(),
                   organisation=request.user.primary_organisation)
    return person, cases, doc


@case_work
def preview(request, person_id):
    """The export as a web page, to check before downloading it: the same sections, facts and tables
    as the PDF, in the same words and order."""
    person, cases, doc = _document_for(request, person_id)
    audit.record_for(request, audit.Action.VIEW, person,
                     description=f"Subject access export previewed: {len(cases)} {'case' if len(cases) == 1 else 'cases'}")
    sections = [{"title": s.title, "level": s.level + 1, "blocks": [_block(b) for b in s.blocks]} for s in doc.sections]
    return render(request, "cases/subject_access_preview.html", {
        "doc": doc, "sections": sections, "person": person, "case": cases[0],
    })


@case_work
def export(request, person_id):
    person, cases, doc = _document_for(request, person_id)
    content = as_pdf(doc)
    audit.record_for(request, audit.Action.EXPORT, person,
                     description=f"Subject access export: {len(cases)} {'case' if len(cases) == 1 else 'cases'}")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="subject-access-{person.public_id}.pdf"'
    return response
