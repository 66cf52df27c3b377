"""The children-at-risk register answers for any date from the history as it stood on that date."""

from datetime import date

import pytest

from clearsight.cases import register as reg
from clearsight.cases.register import CaseFacts, Nrm, Status

CCE, CSE, COUNTY_LINES = "child-criminal-exploitation", "child-sexual-exploitation", "county-lines"


def history():
    """Five people whose situations change through 2026."""
    return [
        # At risk from 1 March, thought to be a victim from 1 May; turns 18 on 1 July. Referred on
        # 5 May, negative Reasonable Grounds decision on 12 May.
        CaseFacts("CASE-A", opened_on=date(2026, 2, 1), date_of_birth=date(2008, 7, 1), statuses=(
            Status(reg.AT_RISK, date(2026, 3, 1), (CCE,), ("missing",)),
            Status(reg.VICTIM, date(2026, 5, 1), (CCE, COUNTY_LINES), ("missing",)),
        ), nrm=Nrm(date(2026, 5, 5), rg_decision="negative", rg_decided_on=date(2026, 5, 12))),
        # A victim from the start; case closed on 1 September. Positive decisions on 6 February and 1 August.
        CaseFacts("CASE-B", opened_on=date(2026, 1, 10), closed_on=date(2026, 9, 1), date_of_birth=date(2011, 5, 20),
                  statuses=(Status(reg.VICTIM, date(2026, 1, 10), (CSE,), ("looked-after",)),),
                  nrm=Nrm(date(2026, 2, 1), rg_decision="positive", rg_decided_on=date(2026, 2, 6),
                          cg_decision="positive", cg_decided_on=date(2026, 8, 1))),
        # No date of birth: counted only once a status says "possibly under 18" (from 1 April).
        CaseFacts("CASE-C", opened_on=date(2026, 2, 1), statuses=(
            Status(reg.AT_RISK, date(2026, 2, 1), (CCE,), ()),
            Status(reg.AT_RISK, date(2026, 4, 1), (CCE,), (reg.CHILD_MARKER,)),
        )),
        # An adult: never on the register.
        CaseFacts("CASE-D", opened_on=date(2026, 1, 1), date_of_birth=date(1990, 1, 1),
                  statuses=(Status(reg.VICTIM, date(2026, 1, 1), (CCE,), ()),), nrm=Nrm(date(2026, 1, 2))),
        # At risk from 10 March, no longer at risk from 1 June.
        CaseFacts("CASE-E", opened_on=date(2026, 3, 10), date_of_birth=date(2013, 2, 2), statuses=(
            Status(reg.AT_RISK, date(2026, 3, 10), (CSE,), ()),
            Status("not_at_risk", date(2026, 6, 1), (), ()),
        )),
    ]


@pytest.mark.parametrize("on, references, victims, at_risk", [
    (date(2026, 2, 15), ["CASE-B"], 1, 0),
    (date(2026, 3, 15), ["CASE-A", "CASE-B", "CASE-E"], 1, 2),
    (date(2026, 5, 15), ["CASE-A", "CASE-B", "CASE-C", "CASE-E"], 2, 2),
    (date(2026, 7, 15), ["CASE-B", "CASE-C"], 1, 1),
    (date(2026, 9, 15), ["CASE-C"], 0, 1),
])
def test_counts_at_past_dates_use_the_state_on_that_date(on, references, victims, at_risk):
    figures = reg.figures_at(on, history())
    assert [c.reference for c in figures.children] == references
    assert (figures.total, figures.victims, figures.at_risk) == (len(references), victims, at_risk)


def test_boundaries_of_open_cases_birthdays_and_statuses():
    child = history()[0]
    assert not reg.on_register(child, date(2026, 2, 28))  # the day before the status starts
    assert reg.on_register(child, date(2026, 3, 1))  # the day it starts
    assert reg.on_register(child, date(2026, 6, 30))  # the day before the 18th birthday
    assert not reg.on_register(child, date(2026, 7, 1))  # 18 today
    closed = history()[1]
    assert reg.is_open_on(closed, date(2026, 8, 31))
    assert not reg.is_open_on(closed, date(2026, 9, 1))  # closed on that day
    assert not reg.is_open_on(closed, date(2026, 1, 9))  # not yet opened


def test_without_a_date_of_birth_only_the_marker_makes_a_child():
    no_dob = history()[2]
    assert not reg.is_child_on(no_dob, date(2026, 3, 31))
    assert reg.is_child_on(no_dob, date(2026, 4, 1))
    assert reg.status_on(no_dob, date(2026, 1, 31)) is None


def test_statuses_valid_from_the_same_day_the_later_recorded_counts():
    case = CaseFacts("CASE-X", opened_on=date(2026, 1, 1), date_of_birth=date(2012, 1, 1), statuses=(
        Status(reg.AT_RISK, date(2026, 1, 5), order=0), Status(reg.VICTIM, date(2026, 1, 5), order=1)))
    assert reg.status_on(case, date(2026, 1, 5)).category == reg.VICTIM


def test_types_and_markers_as_at_a_date():
    figures = reg.figures_at(date(2026, 5, 15), history())
    assert figures.by_type == {CCE: 2, COUNTY_LINES: 1, CSE: 2}
    assert figures.by_marker == {"missing": 1, "looked-after": 1, reg.CHILD_MARKER: 1}
    # On 15 March, CASE-A was not yet linked to county lines
    assert reg.figures_at(date(2026, 3, 15), history()).by_type[COUNTY_LINES] == 0


def test_filters_by_exploitation_type_and_vulnerability_marker():
    on = date(2026, 5, 15)
    assert [c.reference for c in reg.children_at(on, history(), exploitation_type=CCE)] == ["CASE-A", "CASE-C"]
    assert [c.reference for c in reg.children_at(on, history(), exploitation_type=COUNTY_LINES)] == ["CASE-A"]
    assert [c.reference for c in reg.children_at(date(2026, 3, 15), history(), exploitation_type=COUNTY_LINES)] == []
    assert [c.reference for c in reg.children_at(on, history(), marker="missing")] == ["CASE-A"]
    assert [c.reference for c in reg.children_at(on, history(), exploitation_type=CSE, marker="looked-after")] == ["CASE-B"]


@pytest.mark.parametrize("on, referred, rg, cg", [
    (date(2026, 1, 31), False, {}, {}),
    (date(2026, 2, 3), True, {"pending": 1}, {}),
    (date(2026, 3, 15), True, {"positive": 1}, {"pending": 1}),
    (date(2026, 8, 15), True, {"positive": 1}, {"positive": 1}),
])
def test_nrm_referral_and_decisions_as_at_a_date(on, referred, rg, cg):
    figures = reg.figures_at(on, [history()[1]])
    assert figures.referred == (1 if referred else 0)
    assert figures.not_referred == (0 if referred else 1)
    assert dict(figures.rg) == rg
    assert dict(figures.cg) == cg


def test_a_negative_decision_counts_only_from_its_date():
    nrm = history()[0].nrm
    assert reg.nrm_position_on(nrm, date(2026, 5, 4)) == reg.NrmPosition(referred=False)
    assert reg.nrm_position_on(nrm, date(2026, 5, 11)) == reg.NrmPosition(referred=True, rg="pending")
    assert reg.nrm_position_on(nrm, date(2026, 5, 12)) == reg.NrmPosition(referred=True, rg="negative")


def test_undated_decisions_are_pending_and_withdrawals_count_from_their_date():
    undated = Nrm(date(2026, 1, 1), rg_decision="positive", rg_decided_on=None)
    assert reg.nrm_position_on(undated, date(2026, 6, 1)).rg == "pending"
    withdrawn = Nrm(date(2026, 1, 1), rg_decision="positive", rg_decided_on=date(2026, 1, 8), withdrawn_on=date(2026, 3, 1))
    assert reg.nrm_position_on(withdrawn, date(2026, 2, 1)) == reg.NrmPosition(True, "positive", "pending")
    assert reg.nrm_position_on(withdrawn, date(2026, 3, 1)) == reg.NrmPosition(True, "positive", "withdrawn")


# --- As recorded on a date (issue 17) -------------------------------------------------------------------


def test_as_recorded_leaves_out_a_status_recorded_later_though_valid_from_before():
    """A caseworker records on 10 May that the child was a victim from 1 April: as known now the child
    was a victim on 20 April; as recorded on 20 April the register still said at risk."""
    case = CaseFacts("CASE-R", opened_on=date(2026, 3, 1), date_of_birth=date(2012, 1, 1), statuses=(
        Status(reg.AT_RISK, date(2026, 3, 1), (CCE,), (), order=0, recorded_on=date(2026, 3, 1)),
        Status(reg.VICTIM, date(2026, 4, 1), (CCE,), (), order=1, recorded_on=date(2026, 5, 10)),
    ))
    on = date(2026, 4, 20)
    assert reg.figures_for_view(on, [case], reg.KNOWN_NOW).victims == 1
    then = reg.figures_for_view(on, [case], reg.AS_RECORDED)
    assert (then.victims, then.at_risk) == (0, 1)


def test_as_recorded_uses_the_nrm_record_and_date_of_birth_as_saved_by_then():
    """A decision typed in later with an earlier date, and a date of birth corrected later, do not change
    what the register said; a case recorded after the date is not on it."""
    history = (
        ("case", {"opened_on": "2026-03-01", "closed_on": None}, date(2026, 3, 1)),
        ("person", {"date_of_birth": None}, date(2026, 3, 1)),
        ("person", {"date_of_birth": "2011-06-01"}, date(2026, 6, 1)),
        ("nrm", {"exists": True, "referred_on": "2026-03-05", "rg_decision": "pending", "rg_decided_on": None,
                 "cg_decision": "pending", "cg_decided_on": None, "withdrawn_on": None}, date(2026, 3, 5)),
        ("nrm", {"exists": True, "referred_on": "2026-03-05", "rg_decision": "positive", "rg_decided_on": "2026-03-20",
                 "cg_decision": "pending", "cg_decided_on": None, "withdrawn_on": None}, date(2026, 5, 2)),
    )
    marker = (reg.CHILD_MARKER,)
    case = CaseFacts("CASE-S", opened_on=date(2026, 3, 1), date_of_birth=date(2011, 6, 1),
                     statuses=(Status(reg.AT_RISK, date(2026, 3, 1), (), marker, recorded_on=date(2026, 3, 1)),),
                     nrm=Nrm(date(2026, 3, 5), rg_decision="positive", rg_decided_on=date(2026, 3, 20)), history=history)
    on = date(2026, 4, 1)
    then = reg.as_recorded(case, on)
    assert then.date_of_birth is None and then.nrm.rg_decision == "pending"
    assert reg.figures_for_view(on, [case], reg.AS_RECORDED).rg == {"pending": 1}
    assert reg.figures_for_view(on, [case], reg.KNOWN_NOW).rg == {"positive": 1}
    later = CaseFacts("CASE-T", opened_on=date(2026, 3, 1), date_of_birth=date(2012, 1, 1),
                      statuses=(Status(reg.AT_RISK, date(2026, 3, 1), recorded_on=date(2026, 3, 1)),),
                      history=(("case", {"opened_on": "2026-03-01", "closed_on": None}, date(2026, 4, 9)),))
    assert reg.as_recorded(later, on) is None


def test_as_recorded_keeps_values_from_before_history_began_and_reads_cases_without_history_as_now():
    before = CaseFacts("CASE-U", opened_on=date(2026, 1, 1), date_of_birth=date(2012, 1, 1),
                       history=(("case", {"opened_on": "2026-01-01", "closed_on": None}, None),))
    assert reg.as_recorded(before, date(2026, 2, 1)).opened_on == date(2026, 1, 1)
    plain = CaseFacts("CASE-V", opened_on=date(2026, 1, 1), date_of_birth=date(2012, 1, 1))
    assert reg.as_recorded(plain, date(2026, 2, 1)) == plain
