"""Changing statements: creating one, saving a version, approving (which freezes it), starting next
year's draft from it, and filling the registry summary from the data."""

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from clearsight.actionplan.api import PlanYear
from clearsight.core import locking
from clearsight.core.dates import long_date

from . import assemble, rules
from .models import RegistrySummary, Signatory, Statement, StatementVersion


class Frozen(Exception):
    """The statement is approved: nothing about it may change."""


class NotReady(Exception):
    """The statement has tasks not finished, so it cannot be approved; ``problems`` says which."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("The statement cannot be approved yet: " + "; ".join(self.problems))


@transaction.atomic
def create_statement(*, organisation, title, plan, reviewed_plan, covers_from, covers_to, figures_from, figures_to,
                     user, copy_from=None) -> Statement:
    statement = Statement.objects.create(
        organisation=organisation, title=title, plan=plan, reviewed_plan=reviewed_plan, covers_from=covers_from,
        covers_to=covers_to, figures_from=figures_from, figures_to=figures_to, created_by=user, started_from=copy_from)
    rules.create_sections(statement, copy_from=copy_from)
    if copy_from is not None:
        for person in copy_from.signatories.all():
            Signatory.objects.create(statement=statement, name=person.name, role=person.role, position=person.position)
    return statement


def registry_content(statement) -> list:
    summary = RegistrySummary.objects.filter(statement=statement).first()
    if summary is None:
        return []
    return [{"area": label, "summary": text} for label, text in summary.rows()]


def save_version(statement, user, note="", approved=False, today=None) -> StatementVersion:
    """Store the whole document as it reads now. Its number follows the last one."""
    if statement.is_frozen and not approved:
        raise Frozen
    content = {"document": assemble.assemble(statement, today=today), "registry": registry_content(statement)}
    with transaction.atomic():
        last = (StatementVersion.objects.select_for_update().filter(statement=statement)
                .aggregate(n=Max("number"))["n"] or 0)
        return StatementVersion.objects.create(statement=statement, number=last + 1, content=content, note=note,
                                               approved=approved, created_by=user)


def approve(statement, user, approved_on, expected_version, today=None):
    """Approve the statement as it reads now: an approved version is saved and the statement is
    frozen. Returns the version, or None if someone else changed the statement meanwhile. Raises
    NotReady, saying which tasks are not finished, unless every task of the statement is completed."""
    with transaction.atomic():
        current = Statement.objects.unscoped("the caller has checked the user may approve this statement").get(
            pk=statement.pk)
        if current.version != expected_version or current.is_frozen:
            return None  # changed or approved meanwhile
        problems = rules.can_approve(current)
        if problems:
            raise NotReady(problems)
        drafts = Statement.objects.unscoped("the caller has checked the user may approve this statement").filter(
            status=Statement.Status.DRAFT)
        if not locking.save_if_unchanged(drafts, statement.pk, expected_version, status=Statement.Status.APPROVED,
                                         approved_on=approved_on, approved_at=timezone.now(), approved_by=user):
            return None
        statement.refresh_from_db()
        # The registry summary is kept with the approval, filled from the data if it was never opened.
        registry_summary(statement, today=today)
        statement.refresh_from_db()
        note = f"Approved on {long_date(approved_on)}"
        return save_version(statement, user, note=note, approved=True, today=today)


def _touch(statement):
    """Count a change to the statement's content, so an approval checked before it is refused.
    Returns False if the statement is no longer a draft."""
    return bool(Statement.objects.unscoped("the caller has checked the user may write this statement").filter(
        pk=statement.pk, status=Statement.Status.DRAFT).update(version=F("version") + 1, updated_at=timezone.now()))


def save_section(statement, section, fields, expected_version, user) -> bool:
    """Save a section's text if nobody else saved it since ``expected_version`` (False if they
    did). Raises Frozen if the statement has been approved meanwhile."""
    from .models import Section

    with transaction.atomic():
        if not _touch(statement):
            raise Frozen
        saved = locking.save_if_unchanged(Section.objects.all(), section.pk, expected_version, updated_by=user, **fields)
        if not saved:
            transaction.set_rollback(True)
        return bool(saved)


def add_section(statement, fields, user):
    from .models import Section

    with transaction.atomic():
        if not _touch(statement):
            raise Frozen
        return Section.objects.create(statement=statement, key=rules.next_custom_key(statement),
                                      kind=Section.Key.CUSTOM, position=50, updated_at=timezone.now(), updated_by=user,
                                      **fields)


def remove_section(statement, section):
    with transaction.atomic():
        if not _touch(statement):
            raise Frozen
        section.delete()


def next_plan(plan):
    """The year after ``plan`` in its organisation's action plan, if it has been started."""
    return getattr(plan, "next", None) if plan else None


def new_draft_from(statement, user) -> Statement:
    """Next year's draft from an approved statement: its text and sign-off people, the next plan
    year, and the current plan year as the one reviewed."""
    plan = next_plan(statement.plan)
    if plan is None:
        raise ValueError("The next action plan year has not been started yet")
    periods = rules.default_periods(plan, statement.plan)
    return create_statement(organisation=statement.organisation, title=rules.default_title(statement.organisation, plan),
                            plan=plan, reviewed_plan=statement.plan, user=user, copy_from=statement, **periods)


def plans_for(user, organisation):
    return PlanYear.objects.for_user(user).filter(organisation=organisation).order_by("-starts_on")


# --- Registry summary --------------------------------------------------------------------------


def _figure_lines(figures, keys):
    """The context figures with these keys (``board.figures.CONTEXT_KEYS``), one line each."""
    lines = []
    for f in figures:
        if f.key in keys:
            when = assemble.period(f.start, f.end)
            lines.append(f"{f.label}: {assemble.figure_value(f.value, f.key)} ({when[0].lower() + when[1:]})")
    return lines


def registry_prefill(statement, figures=None) -> dict:
    """A first draft of each registry area from Clearsight's data, for the owner to edit."""
    org = statement.organisation.name
    if figures is None:
        figures = assemble.context_figures(statement)
    plan = statement.plan
    actions = list(plan.actions.select_related("area"))
    by_area = {}
    for action in actions:
        by_area.setdefault(action.area.name, 0)
        by_area[action.area.name] += 1
    partners = sorted({a.owner_organisation.name for a in plan.actions.select_related("owner_organisation")} - {org})

    structure = [f"{org} is a local authority. This statement covers "
                 f"{assemble.period(statement.covers_from, statement.covers_to)}."]
    if partners:
        structure.append("Actions in the plan are also owned by: " + ", ".join(partners) + ".")

    from clearsight.concerns.api import reporting_routes

    routes = reporting_routes(statement.organisation)
    policies = ["Staff and partners report concerns through Clearsight, which sends each one to the right route."]
    if routes:
        policies.append("Reporting routes: " + "; ".join(r.title for r in routes) + ".")

    risk = ["Suppliers and contracts are screened for modern slavery risk; concerns are triaged by first responders."]
    risk += _figure_lines(figures, {"concerns", "nrm_referrals", "dtn_reports"})

    due = ["Higher-risk suppliers are asked to complete a modern slavery assessment, and any gaps are followed up."]
    due += _figure_lines(figures, {"supplier_coverage", "operations"})

    training = _figure_lines(figures, {"training_compliance"}) or ["Staff complete modern slavery training as their role requires."]

    goals = [f"The {plan.title} action plan has {len(actions):,} action{'s' if len(actions) != 1 else ''}"
             + (": " + "; ".join(f"{area} {n:,}" for area, n in by_area.items()) if by_area else "") + "."]
    if statement.reviewed_plan is not None:
        reviewed = list(statement.reviewed_plan.actions.select_related("review"))
        done = sum(1 for a in reviewed if getattr(a, "review", None) is not None and a.review.done)
        goals.append(f"Of the {len(reviewed):,} actions in {statement.reviewed_plan.title}, {done:,} were completed.")
    return {"structure": "\n".join(structure), "policies": "\n".join(policies), "risk": "\n".join(risk),
            "due_diligence": "\n".join(due), "training": "\n".join(training), "goals": "\n".join(goals)}


def registry_summary(statement, today=None) -> RegistrySummary:
    """The statement's registry summary, filled from the data the first time it is opened."""
    summary = RegistrySummary.objects.filter(statement=statement).first()
    if summary is None:
        figures = assemble.context_figures(statement, today=today)
        summary, _ = RegistrySummary.objects.get_or_create(statement=statement,
                                                           defaults=registry_prefill(statement, figures))
    return summary


def approved_registry(statement):
    """The registry summary kept with the approved version, as (area, summary) pairs, or None if the
    statement is not approved. It never changes afterwards, whatever happens to the stored summary."""
    if not statement.is_frozen:
        return None
    version = statement.versions.filter(approved=True).order_by("-number").first()
    if version is None:
        return None
    return [(row["area"], row["summary"]) for row in version.content.get("registry", [])]


# The UK statement registry's statement summary download (source: the registry's code,
# github.com/mccabesp/ModernSlavery-Beta, ModernSlavery.WebAPI/Models/StatementSummaryDownloadModel.cs,
# Home Office, 2021): one row per statement. We fill its columns up to and including the six areas
# covered, then add one column per area with the summary written in Clearsight (the registry keeps
# those details in its structured questions, which a council answers on the registry itself).
REGISTRY_AREA_COLUMNS = [  # (area, "includes" column, "reason if not" column, Clearsight's summary column)
    ("Organisational structure and supply chains", "StatementIncludesOrgStructure", "NoOrgStructureReason",
     "OrgStructureSummary"),
    ("Policies", "StatementIncludesPolicies", "NoPoliciesReason", "PoliciesSummary"),
    ("Risk assessment", "StatementIncludesRisksAssessment", "NoRiskAssessmentReason", "RiskAssessmentSummary"),
    ("Due diligence", "StatementIncludesDueDiligence", "NoDueDiligenceReason", "DueDiligenceSummary"),
    ("Training", "StatementIncludesTraining", "NoTrainingReason", "TrainingSummary"),
    ("Goals and key performance indicators", "StatementIncludesGoals", "NoGoalsReason", "GoalsSummary"),
]
REGISTRY_HEADERS = (
    ["StatementYear", "OrganisationName", "Address", "SectorType", "CompanyNumber", "LastUpdated", "GroupSubmission",
     "ParentName", "StatementURL", "EmailAddressNoURL", "StatementSummaryURL", "StatementStartDate",
     "StatementEndDate", "ApprovingPerson", "DateApproved"]
    + [column for _, includes, reason, _ in REGISTRY_AREA_COLUMNS for column in (includes, reason)]
    + [summary for *_, summary in REGISTRY_AREA_COLUMNS])
NOT_COVERED = "Not covered in this statement"


def registry_rows(statement, summary, last_updated) -> list:
    """The registry summary as one row in the registry's download layout (see REGISTRY_HEADERS). An
    area with no summary is not covered. Dates are written as the registry writes them (year first);
    yes/no as True/False. Address, company number, web addresses are left for the registry to fill."""
    pairs = dict(summary if isinstance(summary, list) else summary.rows())
    approving = "; ".join(f"{s.name}, {s.role}" for s in statement.signatories.all())
    row = [statement.covers_to.year, statement.organisation.name, "", "Public", "", last_updated.isoformat(), "False",
           "", "", "", "", statement.covers_from.isoformat(), statement.covers_to.isoformat(), approving,
           statement.approved_on.isoformat() if statement.approved_on else ""]
    texts = [pairs.get(area, "").strip() for area, *_ in REGISTRY_AREA_COLUMNS]
    for text in texts:
        row += ["True" if text else "False", "" if text else NOT_COVERED]
    return [row + texts]
