"""What other contexts may use of the action plan (ADR 0027; `lint-imports` keeps everything else
private). Statements are written about a plan year; the board reports plan progress."""

from .models import Framework, PlanAction, PlanYear
from .progress import plan_progress
from .review import proposed_tables, review_tables

__all__ = ["Framework", "PlanAction", "PlanYear", "plan_progress", "proposed_tables", "review_tables"]
