"""How far a plan year has got, as a plain function (board figures and the statement call this)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Progress:
    total: int
    by_status: tuple  # (status label, count) in the order of PlanAction.Status
    overdue: int  # not done and past their due date on the day asked about


def progress(actions, on: date) -> Progress:
    """``actions`` are objects with ``status`` and ``due_on`` (PlanAction rows)."""
    from .models import PlanAction

    counts = Counter(a.status for a in actions)
    overdue = sum(1 for a in actions
                  if a.status not in (PlanAction.Status.DONE, PlanAction.Status.NOT_DONE) and a.due_on < on)
    return Progress(total=sum(counts.values()),
                    by_status=tuple((label, counts.get(value, 0)) for value, label in PlanAction.Status.choices),
                    overdue=overdue)


def plan_progress(organisation_ids, on: date) -> tuple:
    """(plan title, organisation id, Progress) for the plan year of each organisation that was running
    on ``on`` (the latest that had started by then), for board figures. Reads every action: callers
    have chosen the organisations already."""
    from .models import PlanAction, PlanYear

    result = []
    for org_id in sorted(organisation_ids):
        plan = (PlanYear.objects.unscoped("board figures for the viewer's organisations: counts only")
                .filter(organisation_id=org_id, starts_on__lte=on).order_by("-starts_on").first())
        if plan is None:
            continue
        actions = list(PlanAction.objects.unscoped("counts only").filter(plan=plan).only("status", "due_on"))
        result.append((plan.title, plan.organisation_id, progress(actions, on)))
    return tuple(result)
