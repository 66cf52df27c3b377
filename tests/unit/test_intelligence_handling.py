"""The handling rules for intelligence, as plain functions (no database)."""

from types import SimpleNamespace

from clearsight.intelligence.handling import grading_warnings, report_visible_to

POLICE, COUNCIL, CHARITY = 1, 2, 3


def visible(code, *, viewer=COUNCIL, sharing=(POLICE,), conditions=()):
    return report_visible_to(owner_id=POLICE, handling_code=code, condition_org_ids=set(conditions),
                             viewer_org_ids={viewer}, sharing_ids=set(sharing))


def test_the_owning_organisation_always_sees_its_report_whatever_the_code():
    assert visible("C", viewer=POLICE, sharing=())
    assert visible("P", viewer=POLICE, sharing=())


def test_a_p_report_goes_to_every_organisation_sharing_intelligence_with_the_owner():
    assert visible("P")


def test_no_agreement_no_sharing():
    assert not visible("P", sharing=())
    assert not visible("C", sharing=(), conditions=(COUNCIL,))


def test_a_c_report_goes_only_to_the_organisations_its_conditions_name():
    assert visible("C", conditions=(COUNCIL,))
    assert not visible("C", conditions=(CHARITY,))
    assert not visible("C", conditions=())


def test_being_named_in_the_conditions_is_not_enough_without_an_agreement():
    assert not visible("C", sharing=(), conditions=(COUNCIL,))


def test_an_unknown_handling_code_never_shares():
    assert not visible("X")


def test_warnings_for_suspected_false_intelligence_and_unreliable_sources():
    assert grading_warnings(SimpleNamespace(assessment="A", source_evaluation="1")) == []
    false = grading_warnings(SimpleNamespace(assessment="E", source_evaluation="2"))
    assert len(false) == 1 and "suspected to be false" in false[0]
    unreliable = grading_warnings(SimpleNamespace(assessment="B", source_evaluation="3"))
    assert len(unreliable) == 1 and "not reliable" in unreliable[0]
    assert len(grading_warnings(SimpleNamespace(assessment="E", source_evaluation="3"))) == 2
