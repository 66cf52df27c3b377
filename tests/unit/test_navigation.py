"""The navigation bar stays short for people with several roles; every area stays reachable."""

from clearsight.core.navigation import AREAS, MAX_LINKS, bar, grouped, reachable
from clearsight.core.roles import Role, capabilities_for


def can_for(*roles):
    capabilities = capabilities_for(roles)
    return lambda capability: capability in capabilities


def labels(areas):
    return [a.label for a in areas]


def test_someone_who_reaches_a_few_areas_sees_them_all_and_no_all_areas():
    areas, more = bar(can_for(Role.STAFF))
    assert labels(areas) == ["Home", "Report a concern", "Your reports", "Organisations"]
    assert not more


def test_a_first_responder_sees_their_main_areas_and_all_areas():
    areas, more = bar(can_for(Role.FIRST_RESPONDER))
    assert more
    assert labels(areas) == ["Home", "Report a concern", "Concerns", "Cases", "Partnership"]


def test_a_person_with_every_role_still_gets_at_most_six_links():
    everyone = can_for(*Role)
    areas, more = bar(everyone)
    assert more and len(areas) + 1 == MAX_LINKS
    assert labels(areas)[0] == "Home"
    # Everything else is on the All areas page, under its group.
    listed = [a for _, group in grouped(reachable(everyone)) for a in group]
    assert listed == [
        a
        for g in (
            "Concerns and cases",
            "Training",
            "Supply chain",
            "Partnership working",
            "Figures, action plan and statement",
            "Administration",
            "You",
        )
        for a in AREAS
        if a.group == g
    ]


def test_the_statement_is_a_main_area_for_its_owner_not_for_a_board_member():
    owner, _ = bar(can_for(Role.STATEMENT_OWNER))
    board, _ = bar(can_for(Role.BOARD_MEMBER))
    assert "Modern Slavery Statement" in labels(owner)
    assert "Modern Slavery Statement" not in labels(board)


def test_your_account_is_never_in_the_bar():
    for role in Role:
        assert "Your account" not in labels(bar(can_for(role))[0])
