"""The statement builder's rules, as plain functions: which plans a statement may use, sensible
defaults, what the task list says about each task, and starting sections from reference data."""

from dataclasses import dataclass
from datetime import timedelta

from clearsight.actionplan.api import Framework
from clearsight.core.dates import add_months

from .models import Section, Statement

RESPONSIBILITIES_FRAMEWORK = "five-responsibilities"

NOT_STARTED, IN_PROGRESS, COMPLETED, FROM_DATA, CANNOT_START = (
    "not_started", "in_progress", "completed", "from_data", "cannot_start")

FIXED_SECTIONS = [
    (Section.Key.INTRODUCTION, "Introduction and scope", 10),
    (Section.Key.RESPONSIBILITIES, "Responsibilities", 30),
    (Section.Key.REVIEW_PROCESS, "Review process", 70),
    (Section.Key.SERVICES, "The council’s services", 90),
]


def default_title(organisation, plan) -> str:
    return f"{organisation.name} Modern Slavery Statement {plan.title}"


def default_periods(plan, reviewed_plan):
    """The statement covers the new plan's year; its figures count the year under review (or the
    twelve months before the new plan, if there is no reviewed plan)."""
    if reviewed_plan is not None:
        figures = (reviewed_plan.starts_on, reviewed_plan.ends_on)
    else:
        figures = (add_months(plan.starts_on, -12), plan.starts_on - timedelta(days=1))
    return {"covers_from": plan.starts_on, "covers_to": plan.ends_on,
            "figures_from": figures[0], "figures_to": figures[1]}


def period_errors(covers_from, covers_to, figures_from, figures_to, today) -> dict:
    """Field -> message for dates that do not make sense together."""
    errors = {}
    if covers_from and covers_to and covers_to <= covers_from:
        errors["covers_to"] = "The end of the period covered must be after its start"
    if figures_from and figures_to:
        if figures_to < figures_from:
            errors["figures_to"] = "The end of the figures period must be the same as or after its start"
        elif figures_from > today:
            errors["figures_from"] = "The figures period must start today or in the past"
    return errors


def plan_errors(plan, reviewed_plan) -> dict:
    """The reviewed plan must be an earlier year of the same organisation, under review or closed."""
    errors = {}
    if reviewed_plan is None or plan is None:
        return errors
    if reviewed_plan.pk == plan.pk:
        errors["reviewed_plan"] = "Select a different year from the one the statement proposes activity for"
    elif reviewed_plan.organisation_id != plan.organisation_id:
        errors["reviewed_plan"] = "Select a year of the same organisation’s action plan"
    elif reviewed_plan.starts_on >= plan.starts_on:
        errors["reviewed_plan"] = f"Select a year before {plan.title}"
    elif reviewed_plan.status == reviewed_plan.Status.OPEN:
        errors["reviewed_plan"] = (f"The {reviewed_plan.title} year-end review has not been opened yet. Open the review "
                                   f"first, or choose another year")
    return errors


def responsibilities_text(framework=None) -> str:
    """A starting text for the responsibilities section from the five responsibilities framework."""
    if framework is None:
        framework = Framework.objects.filter(code=RESPONSIBILITIES_FRAMEWORK).first()
    if framework is None:
        return ""
    lines = ["The council’s modern slavery work falls into these areas of responsibility:", ""]
    lines += [f"- {area.name}: {area.description}" if area.description else f"- {area.name}"
              for area in framework.areas.all()]
    return "\n".join(lines)


def create_sections(statement, copy_from=None):
    """The fixed sections (and, for a new draft from an earlier statement, its custom ones), with the
    earlier statement's text or a starting text where there is one."""
    earlier = {s.key: s for s in copy_from.sections.all()} if copy_from else {}
    for key, title, position in FIXED_SECTIONS:
        text = earlier[key].text if key in earlier else (
            responsibilities_text() if key == Section.Key.RESPONSIBILITIES else "")
        Section.objects.create(statement=statement, key=key, kind=key, title=title, text=text, position=position)
    for section in earlier.values():
        if section.kind == Section.Key.CUSTOM:
            Section.objects.create(statement=statement, key=section.key, kind=section.kind, title=section.title,
                                   text=section.text, position=section.position)


def next_custom_key(statement) -> str:
    numbers = [int(s.key.split("-", 1)[1]) for s in statement.sections.all()
               if s.kind == Section.Key.CUSTOM and s.key.split("-", 1)[-1].isdigit()]
    return f"custom-{max(numbers, default=0) + 1}"


def section_status(section) -> str:
    """A section is completed when it has text and its writer said so; a section with no text has
    not been started, whatever was ticked (the published statement would have a gap)."""
    if not section.text.strip():
        return NOT_STARTED
    if section.completed:
        return COMPLETED
    return IN_PROGRESS


def review_status(plan) -> tuple:
    """(status, hint) of the review task: complete when every action of the reviewed year has a
    response."""
    if plan is None:
        return COMPLETED, "No earlier year to review"
    actions = list(plan.actions.select_related("review"))
    answered = sum(1 for a in actions if getattr(a, "review", None) is not None)
    hint = f"{answered} of {len(actions)} action owners have said what was done in {plan.title}"
    if not actions:
        return COMPLETED, f"The {plan.title} action plan had no actions"
    return (COMPLETED if answered == len(actions) else IN_PROGRESS), hint


def proposed_status(plan) -> tuple:
    count = plan.actions.count()
    if not count:
        return NOT_STARTED, f"No actions in the {plan.title} action plan yet"
    return COMPLETED, f"{count:,} action{'s' if count != 1 else ''} in the {plan.title} action plan"


@dataclass(frozen=True)
class Task:
    id: str
    name: str
    status: str
    url: str = ""
    hint: str = ""


def completed_count(tasks) -> int:
    return sum(1 for t in tasks if t.status in (COMPLETED, FROM_DATA))


def tasks(statement) -> list:
    """The statement's task list, in the order the document reads, each with its status and the page
    that does it."""
    from django.urls import reverse

    from clearsight.core.dates import long_date

    def url(name, **kwargs):
        return reverse(f"statements:{name}", kwargs={"public_id": statement.public_id, **kwargs})

    sections = {s.key: s for s in statement.sections.all()}

    def section_task(key):
        s = sections.get(key)
        if s is None:
            return None
        return Task(id=f"section-{s.key}", name=s.title, status=section_status(s), url=url("section", key=s.key))

    def period(start, end):
        return f"{long_date(start)} to {long_date(end)}"

    review, review_hint = review_status(statement.reviewed_plan)
    proposed, proposed_hint = proposed_status(statement.plan)
    result = [
        Task(id="details", name="Title, plans and periods", status=COMPLETED, url=url("details"),
             hint=f"Covers {period(statement.covers_from, statement.covers_to)}"),
        section_task("introduction"),
        Task(id="figures", name="Context figures", status=FROM_DATA, url=url("details"),
             hint=f"From Clearsight’s data for {period(statement.figures_from, statement.figures_to)}"),
        section_task("responsibilities"),
        Task(id="review", name="Review of last year’s activity", status=review, hint=review_hint,
             url=reverse("actionplan:review-status", kwargs={"public_id": statement.reviewed_plan.public_id})
             if statement.reviewed_plan is not None and review != COMPLETED else ""),
        Task(id="proposed", name=f"Activity proposed for {statement.plan.title}", status=proposed, hint=proposed_hint,
             url=reverse("actionplan:plan", kwargs={"public_id": statement.plan.public_id})
             if proposed != COMPLETED else ""),
    ]
    result += [section_task(s.key) for s in sections.values() if s.kind == Section.Key.CUSTOM]
    result += [section_task("review-process"),
               Task(id="sign-off", name="Sign-off", url=url("sign-off"),
                    status=COMPLETED if statement.signatories.exists() else NOT_STARTED),
               section_task("services")]
    return [t for t in result if t is not None]


@dataclass(frozen=True)
class Blocker:
    """Something that stops approval: what to do, and the page where it is done (if there is one)."""

    text: str
    url: str = ""


def _blocker(task) -> Blocker:
    if task.id.startswith("section-"):
        if task.status == NOT_STARTED:
            return Blocker(f"Write the ‘{task.name}’ section", task.url)
        return Blocker(f"Finish the ‘{task.name}’ section and mark it as completed", task.url)
    if task.id == "review":
        return Blocker(f"Get a response from every action owner for the review of last year’s activity ({task.hint})",
                       task.url)
    if task.id == "proposed":
        return Blocker(f"Add the activity proposed: {task.hint}", task.url)
    if task.id == "sign-off":
        return Blocker("Add the people who sign the statement off", task.url)
    return Blocker(f"Finish ‘{task.name}’", task.url)


def approval_blockers(statement, task_list=None) -> list:
    """Every task not finished, as what to do and where (empty when the statement can be approved).
    A statement is approved only when every task is completed: otherwise the published document
    would say a section has not been written, or a response has not been recorded."""
    if statement.is_frozen:
        return [Blocker("The statement has already been approved")]
    task_list = tasks(statement) if task_list is None else task_list
    return [_blocker(t) for t in task_list if t.status not in (COMPLETED, FROM_DATA)]


def can_approve(statement) -> list:
    """What still stops approval, in words (empty when it can be approved)."""
    return [b.text for b in approval_blockers(statement)]


def is_editable(statement) -> bool:
    return statement.status == Statement.Status.DRAFT
