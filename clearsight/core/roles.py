"""Roles and what each may do. Plain data and functions: no Django here.

Every capability that a view checks is named here, so the whole access design can be read (and
tested) in one place. A user's capabilities are the union over the roles they hold in any of their
organisations.
"""

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    STAFF = "staff"
    FIRST_RESPONDER = "first_responder"
    CASEWORKER = "caseworker"
    TEAM_MANAGER = "team_manager"
    PARTNERSHIP_COORDINATOR = "partnership_coordinator"
    PROCUREMENT_OFFICER = "procurement_officer"
    CONTRACT_MANAGER = "contract_manager"
    TRAINING_MANAGER = "training_manager"
    LINE_MANAGER = "line_manager"
    STATEMENT_OWNER = "statement_owner"
    AUDITOR = "auditor"
    BOARD_MEMBER = "board_member"
    DATA_PROTECTION_OFFICER = "data_protection_officer"
    ADMINISTRATOR = "administrator"


class Capability(StrEnum):
    REPORT_CONCERN = "report_concern"
    VIEW_DIRECTORY = "view_directory"  # organisations and partnerships
    MANAGE_PEOPLE = "manage_people"  # people in the user's own organisations
    VIEW_AUDIT_LOG = "view_audit_log"
    VIEW_AGGREGATES = "view_aggregates"
    USE_ADMIN = "use_admin"
    HANDLE_CONCERNS = "handle_concerns"  # see and act on concerns handled by the user's organisations
    TRIAGE_CONCERNS = "triage_concerns"
    WORK_ON_CASES = "work_on_cases"  # open cases and see the ones assigned, managed or shared
    VIEW_TEAM_TRAINING = "view_team_training"  # a line manager's own team
    MANAGE_TRAINING = "manage_training"
    VIEW_TRAINING_RATES = "view_training_rates"  # compliance rates, never names
    VIEW_SUPPLIERS = "view_suppliers"  # the organisation's supplier and contract registers, risk and spend
    MANAGE_SUPPLY_DATA = "manage_supply_data"  # imports, supplier matching review, registers and reference data
    ASSESS_SUPPLIERS = "assess_suppliers"  # send assessments, review answers, run action plans
    WORK_IN_PARTNERSHIP = "work_in_partnership"  # groups, meetings, intelligence, operations of the user's partnerships
    RUN_PARTNERSHIP = "run_partnership"  # set up groups and agreements, plan operations, record minutes
    VIEW_ACTION_PLAN = "view_action_plan"  # the action plan, its reviews and the statements (no personal data)
    MANAGE_ACTION_PLAN = "manage_action_plan"  # plan years, actions, year-end reviews, closing a year
    WRITE_STATEMENT = "write_statement"  # the Modern Slavery Statement, its versions, approval and registry summary
    # Accept, suspend or end information sharing agreements, and accept invitations to partnerships and
    # groups, on behalf of the organisation: an authorised signatory (ADR 0026).
    SIGN_AGREEMENTS = "sign_agreements"


@dataclass(frozen=True)
class RoleInfo:
    label: str
    description: str
    sees_personal_data: bool
    capabilities: frozenset


_EVERYONE = {Capability.REPORT_CONCERN, Capability.VIEW_DIRECTORY}

ROLES: dict[Role, RoleInfo] = {
    Role.STAFF: RoleInfo(
        "Staff member",
        "Reports concerns and follows what happened to their own reports.",
        True,
        frozenset(_EVERYONE),
    ),
    Role.FIRST_RESPONDER: RoleInfo(
        "First responder (modern slavery single point of contact)",
        "Triages concerns, makes NRM referrals and Duty to Notify reports, and tracks decisions.",
        True,
        frozenset(_EVERYONE | {Capability.HANDLE_CONCERNS, Capability.TRIAGE_CONCERNS, Capability.WORK_ON_CASES,
                               Capability.WORK_IN_PARTNERSHIP}),
    ),
    Role.CASEWORKER: RoleInfo(
        "Caseworker",
        "Supports potential victims: support plans, safety plans and outcomes.",
        True,
        frozenset(_EVERYONE | {Capability.WORK_ON_CASES}),
    ),
    Role.TEAM_MANAGER: RoleInfo(
        "Team manager",
        "Oversees the team's concerns and cases, and sees what is overdue.",
        True,
        frozenset(_EVERYONE | {Capability.HANDLE_CONCERNS, Capability.WORK_ON_CASES, Capability.WORK_IN_PARTNERSHIP}),
    ),
    Role.PARTNERSHIP_COORDINATOR: RoleInfo(
        "Partnership coordinator",
        "Runs partnership meetings, actions, intelligence and disruption operations.",
        True,
        frozenset(_EVERYONE | {Capability.VIEW_AGGREGATES, Capability.WORK_IN_PARTNERSHIP, Capability.RUN_PARTNERSHIP,
                               Capability.VIEW_ACTION_PLAN}),
    ),
    Role.PROCUREMENT_OFFICER: RoleInfo(
        "Procurement officer",
        "Screens suppliers and contracts for modern slavery risk.",
        True,
        frozenset(_EVERYONE | {Capability.VIEW_SUPPLIERS, Capability.MANAGE_SUPPLY_DATA, Capability.ASSESS_SUPPLIERS}),
    ),
    Role.CONTRACT_MANAGER: RoleInfo(
        "Contract manager",
        "Follows up supplier assessments and action plans on their contracts.",
        True,
        frozenset(_EVERYONE | {Capability.VIEW_SUPPLIERS, Capability.ASSESS_SUPPLIERS}),
    ),
    Role.TRAINING_MANAGER: RoleInfo(
        "Training manager",
        "Decides who must be trained and records who has been.",
        True,
        frozenset(_EVERYONE | {Capability.MANAGE_TRAINING, Capability.VIEW_TRAINING_RATES}),
    ),
    Role.LINE_MANAGER: RoleInfo(
        "Line manager",
        "Sees the training status of the people they manage.",
        True,
        frozenset(_EVERYONE | {Capability.VIEW_TEAM_TRAINING}),
    ),
    Role.STATEMENT_OWNER: RoleInfo(
        "Statement owner",
        "Owns the action plan and the annual Modern Slavery Statement.",
        False,
        frozenset(_EVERYONE | {Capability.VIEW_AGGREGATES, Capability.VIEW_TRAINING_RATES, Capability.VIEW_ACTION_PLAN,
                               Capability.MANAGE_ACTION_PLAN, Capability.WRITE_STATEMENT}),
    ),
    Role.AUDITOR: RoleInfo(
        "Auditor",
        "Reads the audit log and checks that records are handled properly. Cannot change anything.",
        True,
        frozenset({Capability.VIEW_DIRECTORY, Capability.VIEW_AUDIT_LOG, Capability.VIEW_ACTION_PLAN}),
    ),
    Role.BOARD_MEMBER: RoleInfo(
        "Board member",
        "Sees aggregate figures for the board. Never sees personal data.",
        False,
        frozenset({Capability.VIEW_DIRECTORY, Capability.VIEW_AGGREGATES, Capability.VIEW_TRAINING_RATES,
                    Capability.VIEW_ACTION_PLAN}),
    ),
    Role.DATA_PROTECTION_OFFICER: RoleInfo(
        "Data protection officer",
        "Accepts, suspends and ends information sharing agreements for their organisation.",
        True,
        frozenset(_EVERYONE | {Capability.SIGN_AGREEMENTS}),
    ),
    Role.ADMINISTRATOR: RoleInfo(
        "Administrator",
        "Manages people, roles and settings for their organisation, and signs its sharing agreements.",
        True,
        frozenset(_EVERYONE | {Capability.MANAGE_PEOPLE, Capability.USE_ADMIN, Capability.SIGN_AGREEMENTS}),
    ),
}

ROLE_CHOICES = [(role.value, info.label) for role, info in ROLES.items()]


def capabilities_for(roles) -> frozenset:
    """The union of capabilities of the given roles."""
    caps = set()
    for role in roles:
        caps |= ROLES[Role(role)].capabilities
    return frozenset(caps)


def requires_two_factor(roles) -> bool:
    """Two-factor authentication is required for anyone holding a role that can see personal data."""
    return any(ROLES[Role(role)].sees_personal_data for role in roles)


def roles_requiring_two_factor() -> list:
    return [role.value for role, info in ROLES.items() if info.sees_personal_data]


def role_label(role) -> str:
    return ROLES[Role(role)].label
