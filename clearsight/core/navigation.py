"""The service navigation: what each user can reach, worked out from their capabilities."""

from django.urls import reverse

from .roles import Capability

# (label, url name, capability needed or None for every signed-in user)
NAVIGATION = [
    ("Home", "core:home", None),
    ("Report a concern", "concerns:report-start", Capability.REPORT_CONCERN),
    ("Your reports", "concerns:my-reports", Capability.REPORT_CONCERN),
    ("Concerns", "concerns:queue", Capability.HANDLE_CONCERNS),
    ("Cases", "cases:list", Capability.WORK_ON_CASES),
    ("Children at risk", "cases:register", Capability.WORK_ON_CASES),
    ("Your team's training", "training:my-team", Capability.VIEW_TEAM_TRAINING),
    ("Staff training", "training:staff", Capability.MANAGE_TRAINING),
    ("Training rates", "training:dashboard", Capability.VIEW_TRAINING_RATES),
    ("Suppliers", "supply:suppliers", Capability.VIEW_SUPPLIERS),
    ("Contracts", "supply:contracts", Capability.VIEW_SUPPLIERS),
    ("Spend", "spend:overview", Capability.VIEW_SUPPLIERS),
    ("Supply chain risk", "screening:overview", Capability.VIEW_SUPPLIERS),
    ("Supplier assessments", "assessments:list", Capability.ASSESS_SUPPLIERS),
    ("Supplier matches", "matching:queue", Capability.MANAGE_SUPPLY_DATA),
    ("Partnership", "partnership:groups", Capability.WORK_IN_PARTNERSHIP),
    ("Intelligence", "intelligence:reports", Capability.WORK_IN_PARTNERSHIP),
    ("Operations", "operations:list", Capability.WORK_IN_PARTNERSHIP),
    ("Operation figures", "operations:figures", Capability.VIEW_AGGREGATES),
    ("Board figures", "board:dashboard", Capability.VIEW_AGGREGATES),
    ("Action plan", "actionplan:plans", Capability.VIEW_ACTION_PLAN),
    ("Modern Slavery Statement", "statements:list", Capability.VIEW_ACTION_PLAN),
    ("Sharing agreements", "partnership:agreements", Capability.SIGN_AGREEMENTS),
    ("People", "core:people", Capability.MANAGE_PEOPLE),
    ("Organisations", "core:organisations", Capability.VIEW_DIRECTORY),
    ("Audit log", "core:audit-log", Capability.VIEW_AUDIT_LOG),
    ("Your account", "core:account", None),
]


def navigation_for(user, current_path):
    if not user.is_authenticated:
        return []
    items = []
    for label, url_name, capability in NAVIGATION:
        if capability is not None and not user.can(capability):
            continue
        href = reverse(url_name)
        active = current_path == href or (href != "/" and current_path.startswith(href + "/"))
        items.append({"text": label, "href": href, "active": active})
    return items
