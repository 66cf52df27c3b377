"""URL matrix entries for the action plan and year-end review (merged by test_url_matrix).

Plan pages are for those who view or manage the plan of the plan's organisation; action pages are
also for the action's owner, whatever their role (own record = an action the user owns)."""

from datetime import date

from clearsight.core.roles import Capability

from ..factories import PlanActionFactory, PlanYearFactory
from .matrix_support import ALL_ROLES, Expect, roles_with

VIEWERS = roles_with(Capability.VIEW_ACTION_PLAN) | roles_with(Capability.MANAGE_ACTION_PLAN)
MANAGERS = roles_with(Capability.MANAGE_ACTION_PLAN)
POST_ONLY = {"anonymous": 405, "signed_in": 405}


def _plan(organisation, status):
    from clearsight.actionplan.models import Framework, PlanYear
    from clearsight.actionplan.reference_data import load_frameworks

    if not Framework.objects.exists():
        load_frameworks()
    return PlanYearFactory(organisation=organisation, title=f"Matrix {PlanYear.objects.count() + 1}",
                           starts_on=date(2026, 4, 1), ends_on=date(2027, 3, 31), status=status,
                           review_due_on=date(2027, 4, 30) if status == "in_review" else None,
                           framework=Framework.objects.get(code="five-responsibilities"))


def _action(organisation, owner, status):
    plan = _plan(organisation, status)
    return PlanActionFactory(plan=plan, area=plan.framework.areas.first(), title="Train staff",
                             description="Train the staff who need it.", owner=owner,
                             owner_organisation=owner.primary_organisation or organisation,
                             due_on=date(2027, 3, 31), created_by=owner)


def _plans(status):
    return lambda w, user: (_plan(w["anytown_person"].primary_organisation, status),
                            _plan(w["bexford_person"].primary_organisation, status))


def _actions(status):
    return lambda w, user: (_action(w["anytown_person"].primary_organisation, user, status),
                            _action(w["bexford_person"].primary_organisation, w["bexford_person"], status))


EXPECTATIONS = {
    "actionplan:plans": Expect(roles=VIEWERS),
    "actionplan:plan-add": Expect(roles=MANAGERS),
    "actionplan:my-actions": Expect(roles=ALL_ROLES),
    "actionplan:plan": Expect(roles=VIEWERS, record="actionplan_open_plan"),
    "actionplan:action-add": Expect(roles=MANAGERS, record="actionplan_open_plan"),
    "actionplan:review-open": Expect(roles=MANAGERS, record="actionplan_open_plan"),
    "actionplan:review-status": Expect(roles=MANAGERS, record="actionplan_review_plan"),
    "actionplan:close": Expect(roles=MANAGERS, record="actionplan_review_plan"),
    "actionplan:review-tables": Expect(roles=VIEWERS, record="actionplan_review_plan"),
    "actionplan:review-chase": Expect(roles=frozenset(), record="actionplan_review_plan", special=POST_ONLY,
                                      audited=False),
    # Action pages: the owner (any role) and those who run the plan.
    "actionplan:action": Expect(roles=ALL_ROLES, record="actionplan_open_action"),
    "actionplan:progress-add": Expect(roles=ALL_ROLES, record="actionplan_open_action"),
    "actionplan:action-edit": Expect(roles=MANAGERS, record="actionplan_open_action"),
    "actionplan:response": Expect(roles=ALL_ROLES, record="actionplan_review_action"),
}

RECORDS = {
    "actionplan_open_plan": _plans("open"),
    "actionplan_review_plan": _plans("in_review"),
    "actionplan_open_action": _actions("open"),
    "actionplan_review_action": _actions("in_review"),
}
