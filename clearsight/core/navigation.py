"""The service navigation: what each user can reach, worked out from their capabilities.

A person with several roles can reach twenty areas or more. The navigation bar shows at most
``MAX_LINKS`` of them, so it stays on one line: Home, the main areas of their roles, and "All areas",
a page listing every area they can reach, grouped. Someone who can reach only a few areas sees them
all in the bar and no "All areas". "Your account" is beside the person's name, not in the bar.
"""

from dataclasses import dataclass

from django.urls import reverse

from .roles import Capability

# Links in the navigation bar, including Home and "All areas".
MAX_LINKS = 6
ALL_AREAS = "All areas"
ALL_AREAS_URL = "core:areas"
ACCOUNT_URL = "core:account"


@dataclass(frozen=True)
class Area:
    label: str
    url_name: str
    capability: Capability | None  # None: every signed-in user
    group: str
    description: str
    # One of the areas a role uses most, shown in the bar while there is room: True for everyone who
    # can open it, or a capability for only those who have it.
    main: bool | Capability = False

    def is_main_for(self, can) -> bool:
        return self.main is True or (isinstance(self.main, Capability) and can(self.main))


GROUPS = [
    "Concerns and cases",
    "Training",
    "Supply chain",
    "Partnership working",
    "Figures, action plan and statement",
    "Administration",
    "You",
]

AREAS = [
    Area("Home", "core:home", None, "You", "What needs your attention.", main=True),
    Area(
        "Report a concern",
        "concerns:report-start",
        Capability.REPORT_CONCERN,
        "Concerns and cases",
        "Tell the first responders about someone who may be exploited.",
        main=True,
    ),
    Area(
        "Your reports",
        "concerns:my-reports",
        Capability.REPORT_CONCERN,
        "Concerns and cases",
        "The concerns you reported, drafts and what happened to each.",
    ),
    Area(
        "Concerns",
        "concerns:queue",
        Capability.HANDLE_CONCERNS,
        "Concerns and cases",
        "Concerns to triage, and their actions.",
        main=True,
    ),
    Area(
        "Cases",
        "cases:list",
        Capability.WORK_ON_CASES,
        "Concerns and cases",
        "Support for potential victims: cases, NRM decisions and plans.",
        main=True,
    ),
    Area(
        "Children at risk",
        "cases:register",
        Capability.WORK_ON_CASES,
        "Concerns and cases",
        "The register of children at risk of exploitation.",
    ),
    Area(
        "Your team's training",
        "training:my-team",
        Capability.VIEW_TEAM_TRAINING,
        "Training",
        "Who in your team is trained and who is due.",
        main=True,
    ),
    Area(
        "Staff training",
        "training:staff",
        Capability.MANAGE_TRAINING,
        "Training",
        "Cohorts, staff, courses and completions.",
        main=True,
    ),
    Area(
        "Training rates",
        "training:dashboard",
        Capability.VIEW_TRAINING_RATES,
        "Training",
        "How much of the workforce is trained, without names.",
    ),
    Area(
        "Suppliers",
        "supply:suppliers",
        Capability.VIEW_SUPPLIERS,
        "Supply chain",
        "The supplier register and each supplier's risk.",
        main=True,
    ),
    Area("Contracts", "supply:contracts", Capability.VIEW_SUPPLIERS, "Supply chain", "The contract register."),
    Area(
        "Spend",
        "spend:overview",
        Capability.VIEW_SUPPLIERS,
        "Supply chain",
        "Spend files, their imports and payees.",
        main=Capability.MANAGE_SUPPLY_DATA,
    ),
    Area(
        "Supply chain risk",
        "screening:overview",
        Capability.VIEW_SUPPLIERS,
        "Supply chain",
        "Risk across all suppliers, and why.",
    ),
    Area(
        "Supplier assessments",
        "assessments:list",
        Capability.ASSESS_SUPPLIERS,
        "Supply chain",
        "Questionnaires sent to suppliers, their answers and action plans.",
        main=True,
    ),
    Area(
        "Supplier matches",
        "matching:queue",
        Capability.MANAGE_SUPPLY_DATA,
        "Supply chain",
        "Names that may be the same business, for you to decide.",
    ),
    Area(
        "Partnership",
        "partnership:groups",
        Capability.WORK_IN_PARTNERSHIP,
        "Partnership working",
        "Groups, meetings and their actions.",
        main=True,
    ),
    Area(
        "Intelligence",
        "intelligence:reports",
        Capability.WORK_IN_PARTNERSHIP,
        "Partnership working",
        "Graded intelligence, premises and businesses.",
    ),
    Area(
        "Operations",
        "operations:list",
        Capability.WORK_IN_PARTNERSHIP,
        "Partnership working",
        "Disruption operations and what they found.",
    ),
    Area(
        "Operation figures",
        "operations:figures",
        Capability.VIEW_AGGREGATES,
        "Figures, action plan and statement",
        "What disruption operations achieved, in numbers.",
    ),
    Area(
        "Board figures",
        "board:dashboard",
        Capability.VIEW_AGGREGATES,
        "Figures, action plan and statement",
        "Figures for the board for any period.",
        main=True,
    ),
    Area(
        "Action plan",
        "actionplan:plans",
        Capability.VIEW_ACTION_PLAN,
        "Figures, action plan and statement",
        "The year's actions, their owners and progress.",
        main=True,
    ),
    Area(
        "Modern Slavery Statement",
        "statements:list",
        Capability.VIEW_ACTION_PLAN,
        "Figures, action plan and statement",
        "The annual statement, its versions and approval.",
        main=Capability.WRITE_STATEMENT,
    ),
    Area(
        "Sharing agreements",
        "partnership:agreements",
        Capability.SIGN_AGREEMENTS,
        "Partnership working",
        "Information sharing agreements to accept, suspend or end.",
        main=True,
    ),
    Area(
        "People",
        "core:people",
        Capability.MANAGE_PEOPLE,
        "Administration",
        "People in your organisation and their roles.",
        main=True,
    ),
    Area(
        "Scheduled jobs",
        "core:scheduled-runs",
        Capability.MANAGE_PEOPLE,
        "Administration",
        "The daily jobs the task worker runs, and how each run went.",
    ),
    Area(
        "Organisations",
        "core:organisations",
        Capability.VIEW_DIRECTORY,
        "Administration",
        "The organisations and partnerships in Clearsight.",
    ),
    Area(
        "Audit log",
        "core:audit-log",
        Capability.VIEW_AUDIT_LOG,
        "Administration",
        "Who saw or changed what, and when.",
        main=True,
    ),
    Area("Your account", ACCOUNT_URL, None, "You", "Your sign-in details, security code and roles."),
]

# (label, url name, capability needed or None for every signed-in user), in the order of the areas.
NAVIGATION = [(a.label, a.url_name, a.capability) for a in AREAS]


def reachable(can) -> list[Area]:
    """Every area a person may open; ``can(capability)`` says whether they have a capability."""
    return [a for a in AREAS if a.capability is None or can(a.capability)]


def bar(can, limit: int = MAX_LINKS) -> tuple[list[Area], bool]:
    """The areas shown in the navigation bar of a person (``can(capability)`` says whether they have
    a capability), and whether "All areas" follows them.

    All they can open (but "Your account") when they fit; otherwise Home and their main areas, in
    order, as many as fit with "All areas" after them."""
    shown = [a for a in reachable(can) if a.url_name != ACCOUNT_URL]
    if len(shown) <= limit:
        return shown, False
    return [a for a in shown if a.is_main_for(can)][: limit - 1], True


def grouped(areas: list[Area]) -> list[tuple[str, list[Area]]]:
    """The areas under their group headings, groups in the order of GROUPS, empty groups left out."""
    return [(g, [a for a in areas if a.group == g]) for g in GROUPS if any(a.group == g for a in areas)]


def _is_current(href, current_path):
    return current_path == href or (href != "/" and current_path.startswith(href + "/"))


def navigation_for(user, current_path):
    if not user.is_authenticated:
        return []
    areas, more = bar(user.can)
    items = []
    for area in areas:
        href = reverse(area.url_name)
        items.append({"text": area.label, "href": href, "active": _is_current(href, current_path)})
    if more:
        href = reverse(ALL_AREAS_URL)
        # The page being seen is in an area not in the bar: "All areas" is where it was found.
        elsewhere = not any(item["active"] for item in items) and any(
            _is_current(reverse(a.url_name), current_path)
            for a in reachable(user.can)
            if a.url_name not in ("core:home", ACCOUNT_URL)
        )
        items.append({"text": ALL_AREAS, "href": href, "active": current_path == href or elsewhere})
    return items
