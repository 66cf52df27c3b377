"""The action plan's rules as plain functions: who may do what, which actions are overdue or still
need a review response, which owners are late and may be chased, and what is carried forward."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from clearsight.core.dates import FinancialYear, add_months
from clearsight.core.roles import Capability

FINISHED = ("done", "not_done")


# --- who may do what ---------------------------------------------------------------------------------

def managed_org_ids(user) -> set:
    return user.organisation_ids_with(Capability.MANAGE_ACTION_PLAN)


def may_manage(user, plan) -> bool:
    """The statement owner of the plan's organisation: plan years, actions, the review, closing."""
    return plan.organisation_id in managed_org_ids(user)


def may_view(user, plan) -> bool:
    return plan.organisation_id in (user.organisation_ids_with(Capability.VIEW_ACTION_PLAN) | managed_org_ids(user))


def may_update(user, action) -> bool:
    """Progress updates: the statement owner, or the action's own owner (who may work for a partner)."""
    return action.owner_id == user.pk or may_manage(user, action.plan)


def may_respond(user, action) -> bool:
    """A year-end review response: the action's owner, or the statement owner on their behalf,
    while the plan is under review (responses can be changed until the year is closed)."""
    return action.plan.status == "in_review" and may_update(user, action)


def may_change_action(user, action) -> bool:
    """Actions are changed by the statement owner while the year is still running."""
    return action.plan.status == "open" and may_manage(user, action.plan)


# --- owners --------------------------------------------------------------------------------------------

def partner_org_ids(organisation_id) -> set:
    """Organisations sharing a partnership (core.Partnership) with the organisation, and itself."""
    from clearsight.core.models import Partnership

    ids = {organisation_id}
    for partnership in Partnership.objects.filter(members__id=organisation_id).prefetch_related("members"):
        ids |= {o.pk for o in partnership.members.all() if o.is_active}
    return ids


def owner_choices(plan) -> list:
    """(user, organisation) pairs who may own an action in the plan: everyone with an active account
    in the plan's organisation or a partner organisation, once for each such organisation."""
    from clearsight.core.models import Membership

    rows = (Membership.objects.filter(organisation_id__in=partner_org_ids(plan.organisation_id),
                                      user__is_active=True, organisation__is_active=True)
            .select_related("user", "organisation"))
    pairs = {(m.user_id, m.organisation_id): (m.user, m.organisation) for m in rows}
    own = plan.organisation_id
    return sorted(pairs.values(), key=lambda p: (p[1].pk != own, p[1].name, p[0].full_name))


def valid_owner(plan, user, organisation) -> bool:
    return any(u.pk == user.pk and o.pk == organisation.pk for u, o in owner_choices(plan))


# --- dates and status ----------------------------------------------------------------------------------

def is_overdue(action, on: date) -> bool:
    return action.status not in FINISHED and action.due_on < on


def next_title(title: str) -> str:
    """The title of the year after a plan titled as a financial year: "2025 to 2026" (or "2025/26", as
    titles were written before) -> "2026 to 2027". Anything else is left for the user to type."""
    year = FinancialYear.from_label(title)
    return year.next.label if year else ""


def next_year_dates(plan) -> tuple:
    """The year after the plan: the day after it ends, for the same length (usually a year)."""
    starts = plan.ends_on + timedelta(days=1)
    return starts, add_months(starts, 12) - timedelta(days=1)


# --- the year-end review -------------------------------------------------------------------------------

def without_response(actions) -> list:
    """The actions nobody has answered for yet."""
    return [a for a in actions if _response_of(a) is None]


def _response_of(action):
    return getattr(action, "review", None)  # the reverse one-to-one raises AttributeError when missing


def outstanding_by_owner(actions) -> dict:
    """owner -> their actions still without a response, for emails and the status page."""
    grouped = {}
    for action in actions:
        if _response_of(action) is None:
            grouped.setdefault(action.owner, []).append(action)
    return grouped


def is_late(plan, on: date) -> bool:
    """Owners are late once the reply-by date has passed and the review is still open."""
    return plan.status == "in_review" and plan.review_due_on is not None and on > plan.review_due_on


def may_chase(request_row, now: datetime) -> bool:
    """An owner is chased at most once a day (by the button or the daily command)."""
    last = request_row.last_chased_at
    return last is None or timezone.localdate(last) < timezone.localdate(now)


def close_problems(plan, actions) -> list:
    """Why the year cannot be closed yet (empty when it can)."""
    problems = []
    if plan.status != "in_review":
        problems.append("The year-end review has not been opened" if plan.status == "open" else "The year is already closed")
    missing = without_response(actions)
    if missing:
        problems.append(f"{len(missing)} {'action has' if len(missing) == 1 else 'actions have'} no response yet")
    return problems


def carried_forward(action):
    """What a continuing action becomes next year, or None if it does not continue: (description,
    area, owner, organisation). The next year's wording is used when the owner gave one."""
    response = _response_of(action)
    if response is None or not response.continues:
        return None
    description = (response.next_year_description or "").strip() or action.description
    return description, action.area, action.owner, action.owner_organisation


def owners_to_replace(plan, actions) -> list:
    """Continuing actions whose owner can no longer own an action in the plan (their account was
    closed, or their organisation left the partnership): they are carried forward as they are, and
    the statement owner is told to give them a new owner in the next year."""
    allowed = {(u.pk, o.pk) for u, o in owner_choices(plan)}
    return [a for a in actions
            if carried_forward(a) is not None and (a.owner_id, a.owner_organisation_id) not in allowed]


def final_status(action) -> str:
    """At closing, each action is done or not done, as its response says."""
    response = _response_of(action)
    return "done" if response is not None and response.done else "not_done"


def group_by_area(actions, framework, *, plan_framework) -> list:
    """(area name, actions) in the framework's order. With the plan's own framework each action is
    in its area; with another framework (such as the 4Ps) an action appears under each of its
    ``other_areas`` in it, and those with none come last under "Not linked to this framework"."""
    areas = list(framework.areas.all())
    groups = {a.pk: [] for a in areas}
    unlinked = []
    for action in actions:
        if framework.pk == plan_framework.pk:
            groups.setdefault(action.area_id, []).append(action)
            continue
        linked = [a.pk for a in action.other_areas.all() if a.framework_id == framework.pk]
        for pk in linked:
            groups[pk].append(action)
        if not linked:
            unlinked.append(action)
    result = [(a, groups[a.pk]) for a in areas]
    if unlinked:
        result.append((None, unlinked))
    return result
