"""What other contexts may ask about operations, and the rules for who may change one.

``planned_operations`` is for meeting agendas (no personal data: reference, name, date, lead
agency, status). ``operations_at`` is for the premises profile page."""

from clearsight.core.roles import Capability, Role

from .models import Operation, partnership_org_ids

REASON = "operations listed for a partnership meeting agenda: reference, date, lead agency and status only"


def planned_operations(org_ids) -> list[dict]:
    """Operations being planned that any of ``org_ids`` leads or takes part in, soonest first."""
    org_ids = list(org_ids)
    joined = Operation.participating_agencies.through.objects.filter(organisation_id__in=org_ids).values("operation_id")
    from django.db.models import Q

    rows = (Operation.objects.unscoped(REASON)
            .filter(Q(lead_agency_id__in=org_ids) | Q(pk__in=joined), status=Operation.Status.PLANNED)
            .select_related("lead_agency").order_by("date", "reference"))
    return [{"public_id": op.public_id, "reference": op.reference, "name": op.name, "date": op.date,
             "lead_agency": op.lead_agency.name, "status": op.get_status_display()} for op in rows]


def operations_at(premises):
    """The operations that targeted ``premises`` (still to be scoped with ``.for_user(user)``)."""
    return Operation.objects.filter(target_premises=premises).select_related("lead_agency").distinct()


def targeted_premises(operation) -> list:
    """The premises an operation targets (whoever may see it may see what it targets), by address."""
    from clearsight.intelligence.api import premises_with_ids

    through = Operation.target_premises.through
    return premises_with_ids(through.objects.filter(operation=operation).values_list("premises_id", flat=True))


def planning_org_ids(user) -> set:
    """Organisations for which the user may plan operations: where they coordinate the partnership."""
    if not user.is_authenticated or not user.can(Capability.RUN_PARTNERSHIP):
        return set()
    return user.organisation_ids_with_role(Role.PARTNERSHIP_COORDINATOR)


def can_edit(user, operation) -> bool:
    """Partnership coordinators of the lead agency or of a participating agency plan and change it."""
    orgs = planning_org_ids(user)
    if not orgs:
        return False
    if operation.lead_agency_id in orgs:
        return True
    return operation.participating_agencies.filter(pk__in=orgs).exists()


def can_link_victims(user, operation) -> bool:
    """Anyone who works on the operation may link a victim, but only to a concern or case they can
    already see (the lookup is scoped), so a link never reveals a record to them."""
    return bool(partnership_org_ids(user))


def figures_org_ids(user) -> set:
    """Organisations whose operations' figures the user may see: every organisation they belong to,
    when they work in partnership or view aggregate figures."""
    if not (user.can(Capability.WORK_IN_PARTNERSHIP) or user.can(Capability.VIEW_AGGREGATES)):
        return set()
    return {o.pk for o in user.organisations}


def restricted_figures(user) -> bool:
    """People who do not work on partnership records (board members, statement owners) see counts
    with small numbers hidden."""
    return not user.can(Capability.WORK_IN_PARTNERSHIP)


def may_see_operation_names(user) -> bool:
    """Operation names are typed by people and can say who or where an operation was about, so only
    people who work on partnership records and sign in with a second factor see them in the figures."""
    return not restricted_figures(user) and user.needs_two_factor
