"""What other contexts may use of the action plan (ADR 0027; `lint-imports` keeps everything else
private). The board reports plan progress as plain data (``plan_progress``: titles, organisation ids
and counts; ``action_status_labels``). Statements are written about a plan year, so ``Framework``
and ``PlanYear`` stay here: statements (one of the assurance apps, with actionplan and board) relate
to them and read them."""

from .models import Framework, PlanYear
from .progress import plan_progress
from .review import proposed_tables, review_tables


def action_status_labels() -> list[str]:
    """The labels of a plan action's statuses, in order (the columns of plan progress)."""
    from .models import PlanAction

    return [label for _, label in PlanAction.Status.choices]


__all__ = ["Framework", "PlanYear", "action_status_labels", "plan_progress", "proposed_tables", "review_tables"]
