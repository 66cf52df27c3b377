from clearsight.core.roles import ROLES, Capability, Role, capabilities_for, requires_two_factor


def test_every_role_is_described():
    assert set(ROLES) == set(Role)
    assert all(info.label and info.description for info in ROLES.values())


def test_board_members_see_aggregates_and_never_personal_data():
    info = ROLES[Role.BOARD_MEMBER]
    assert not info.sees_personal_data
    assert Capability.VIEW_AGGREGATES in info.capabilities
    assert Capability.REPORT_CONCERN not in info.capabilities


def test_auditors_read_the_audit_log_and_cannot_report_or_manage():
    caps = ROLES[Role.AUDITOR].capabilities
    assert Capability.VIEW_AUDIT_LOG in caps
    assert Capability.MANAGE_PEOPLE not in caps and Capability.REPORT_CONCERN not in caps


def test_only_administrators_manage_people_and_use_the_admin():
    for role, info in ROLES.items():
        assert (Capability.MANAGE_PEOPLE in info.capabilities) == (role == Role.ADMINISTRATOR)
        assert (Capability.USE_ADMIN in info.capabilities) == (role == Role.ADMINISTRATOR)


def test_capabilities_add_up_across_roles():
    both = capabilities_for([Role.AUDITOR, Role.STAFF])
    assert Capability.VIEW_AUDIT_LOG in both and Capability.REPORT_CONCERN in both
    assert capabilities_for([]) == frozenset()


def test_two_factor_is_required_by_any_role_that_sees_personal_data():
    assert requires_two_factor([Role.STAFF])
    assert requires_two_factor([Role.BOARD_MEMBER, Role.CASEWORKER])
    assert not requires_two_factor([Role.BOARD_MEMBER])
    assert not requires_two_factor([Role.STATEMENT_OWNER])
    assert not requires_two_factor([])
