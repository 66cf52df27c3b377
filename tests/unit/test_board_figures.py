"""The arithmetic behind board figures: quarters, small numbers in the board's tables (the rules
themselves are tested in test_core_suppression), referrals counted once, decisions and the share of
victims with a written support plan."""

from datetime import date
from decimal import Decimal

import pytest

from clearsight.board import figures as f
from clearsight.core import suppression
from clearsight.board.forms import default_period, listed_period, period_choices


def test_financial_quarters_start_in_april():
    assert f.quarter_of(date(2026, 4, 1)) == (2026, 1)
    assert f.quarter_of(date(2026, 6, 30)) == (2026, 1)
    assert f.quarter_of(date(2026, 7, 1)) == (2026, 2)
    assert f.quarter_of(date(2026, 12, 31)) == (2026, 3)
    assert f.quarter_of(date(2027, 1, 1)) == (2026, 4)
    assert f.quarter_of(date(2027, 3, 31)) == (2026, 4)
    assert f.quarter_dates(2026, 4) == (date(2027, 1, 1), date(2027, 3, 31))
    assert f.quarter_dates(2026, 3) == (date(2026, 10, 1), date(2026, 12, 31))


def test_a_period_is_split_into_the_quarters_it_touches_cut_to_the_period():
    qs = f.quarters(date(2026, 5, 15), date(2026, 11, 23))
    assert [(q.number, q.start, q.end) for q in qs] == [
        (1, date(2026, 5, 15), date(2026, 6, 30)), (2, date(2026, 7, 1), date(2026, 9, 30)),
        (3, date(2026, 10, 1), date(2026, 11, 23))]
    assert qs[1].label == "Q2 2026 to 2027"
    assert qs[0].label == "Q1 2026 to 2027 (15 May 2026 to 30 June 2026)"
    assert len(f.quarters(date(2025, 4, 1), date(2026, 3, 31))) == 4


def test_figures_at_the_end_of_a_period_not_yet_over_are_as_at_today():
    assert f.as_at(date(2027, 3, 31), date(2026, 11, 23)) == date(2026, 11, 23)
    assert f.as_at(date(2026, 3, 31), date(2026, 11, 23)) == date(2026, 3, 31)


def test_period_choices_offer_years_and_started_quarters_with_the_current_year_to_date():
    today = date(2026, 11, 23)
    values = [value for value, *_ in period_choices(today)]
    assert values[:4] == ["fy-2026", "q-2026-1", "q-2026-2", "q-2026-3"]  # Q4 has not started
    assert "q-2025-4" in values
    assert default_period(today).start == date(2026, 4, 1) and default_period(today).end == today
    assert listed_period("q-2025-4", today).start == date(2026, 1, 1)
    assert listed_period("fy-1990", today) is None


def test_a_person_referred_twice_counts_once_per_kind_on_the_first_date():
    facts = [
        f.ReferralFact(f.NRM, date(2026, 5, 1), f.ADULT, ("Labour exploitation",), "p1"),
        f.ReferralFact(f.NRM, date(2026, 8, 1), f.ADULT, ("Labour exploitation",), "p1"),
        f.ReferralFact(f.DTN, date(2026, 8, 1), f.ADULT, (), "p1"),
        f.ReferralFact(f.NRM, date(2026, 8, 2), f.CHILD, ("Labour exploitation", "Criminal exploitation"), "p2"),
        f.ReferralFact(f.NRM, date(2026, 8, 3), f.UNKNOWN, (), None),
    ]
    q2 = f.referral_counts(facts, f.NRM, date(2026, 7, 1), date(2026, 9, 30))
    assert (q2.by_age.adults, q2.by_age.children, q2.by_age.unknown, q2.by_age.total) == (0, 1, 1, 2)
    assert q2.by_type == {"Labour exploitation": 1, "Criminal exploitation": 1, f.NO_TYPE: 1}
    q1 = f.referral_counts(facts, f.NRM, date(2026, 4, 1), date(2026, 6, 30))
    assert q1.by_age.adults == 1
    assert f.referral_counts(facts, f.DTN, date(2026, 4, 1), date(2027, 3, 31)).by_age.total == 1


def test_decisions_in_the_period_with_median_days_and_those_still_awaited():
    facts = [
        f.NrmFact(date(2026, 4, 1), "positive", date(2026, 4, 11), "positive", date(2026, 6, 10)),  # RG 10 days, CG 60
        f.NrmFact(date(2026, 4, 1), "negative", date(2026, 5, 1)),  # RG 30 days
        f.NrmFact(date(2026, 5, 1), "positive", date(2026, 7, 1)),  # RG in Q2; CG awaited
        f.NrmFact(date(2026, 6, 1)),  # RG awaited
        f.NrmFact(date(2026, 6, 1), withdrawn_on=date(2026, 6, 20)),  # withdrawn: not awaited
        f.NrmFact(date(2026, 7, 5)),  # referred after the period
    ]
    rg = f.rg_decisions(facts, date(2026, 4, 1), date(2026, 6, 30))
    assert (rg.positive, rg.negative, sorted(rg.days), rg.awaited) == (1, 1, [10, 30], 2)
    cg = f.cg_decisions(facts, date(2026, 4, 1), date(2026, 6, 30))
    assert (cg.positive, cg.negative, cg.days, cg.awaited) == (1, 0, [60], 0)
    cg_later = f.cg_decisions(facts, date(2026, 7, 1), date(2026, 9, 30))
    assert (cg_later.total, cg_later.awaited) == (0, 1)


def test_support_plan_share_counts_people_with_a_case_open_in_the_period_once():
    start, end = date(2026, 4, 1), date(2026, 6, 30)
    facts = [
        f.SupportFact("a", date(2026, 1, 1), None, date(2026, 2, 1)),  # open throughout, plan before
        f.SupportFact("b", date(2026, 5, 1), None, date(2026, 7, 15)),  # plan written after the period
        f.SupportFact("c", date(2025, 1, 1), date(2026, 3, 31), date(2025, 2, 1)),  # closed before: not counted
        f.SupportFact("d", date(2026, 7, 1), None, date(2026, 7, 1)),  # opened after: not counted
        f.SupportFact("e", date(2026, 4, 1), date(2026, 4, 2), None),  # no plan
        f.SupportFact("e", date(2026, 6, 1), None, date(2026, 6, 2)),  # same person, second case with a plan
    ]
    counts = f.support_plan_share(facts, start, end)
    assert (counts.people, counts.with_plan) == (3, 2)
    assert suppression.percent(counts.with_plan, counts.people) == 67


def test_concerns_are_counted_in_the_period_with_their_people_by_age_group():
    facts = [f.ConcernFact(date(2026, 4, 2), (f.ADULT, f.CHILD)), f.ConcernFact(date(2026, 7, 2), (f.UNKNOWN,)),
             f.ConcernFact(date(2026, 3, 31), (f.ADULT,))]
    counts = f.concern_counts(facts, date(2026, 4, 1), date(2026, 9, 30))
    assert (counts.concerns, counts.people.adults, counts.people.children, counts.people.unknown) == (2, 1, 1, 1)
    assert f.age_group_of("", "child") == f.CHILD and f.age_group_of("adult", "unknown") == f.ADULT
    assert f.age_group_of("", "unknown") == f.UNKNOWN


@pytest.mark.parametrize("amount,text", [(Decimal("1234.56"), "£1,235"), (Decimal("0"), "£0")])
def test_money_is_shown_in_whole_pounds(amount, text):
    assert f._money(amount) == text


def _figures(referrals, quarters_of=(date(2026, 4, 1), date(2026, 9, 30))):
    from clearsight.operations import figures as ops

    start, end = quarters_of
    return f.BoardFigures(start=start, end=end, on=end, quarters=f.quarters(start, end), concerns=[],
                          referrals=referrals, nrm=[], support=[], operations=ops.figures([]), training=[],
                          suppliers=[], plans=[], produced_on=end)


def _nrm(n, on, group):
    return [f.ReferralFact(f.NRM, on, group, ("Labour exploitation",), (group, on, i)) for i in range(n)]


def test_no_hidden_count_of_referrals_by_age_group_can_be_worked_out_from_the_totals():
    # Q1: 6 adults, 2 children; Q2: 7 adults, 6 children. Whole period: 13 adults, 8 children.
    referrals = (_nrm(6, date(2026, 5, 1), f.ADULT) + _nrm(2, date(2026, 5, 2), f.CHILD)
                 + _nrm(7, date(2026, 8, 1), f.ADULT) + _nrm(6, date(2026, 8, 2), f.CHILD))
    table = f.tables(_figures(referrals), restricted=True)["nrm-by-quarter"][2]
    q1, q2, whole = table
    assert q1[2] == "fewer than 5" and q1[4] == 8 and whole == ["Whole period", 13, 8, "fewer than 5", 21]
    # Q1 adults would give the 2 children away (8 - 6), and Q2's children the same (8 - 6) by column.
    assert q1[1] == suppression.WITHHELD and q2[2] == suppression.WITHHELD
    truth = f.tables(_figures(referrals), restricted=False)["nrm-by-quarter"][2]
    lines = [([(r, c) for c in range(1, 4)], (r, 4)) for r in range(3)]  # age groups add up to the total
    lines += [([(r, c) for r in range(2)], (2, c)) for c in range(1, 5)]  # quarters add up to the period
    for parts, total in lines:  # taking the shown counts from a shown total leaves 0, or 5 or more in 2 cells
        unknown = [truth[r][c] for r, c in parts if isinstance(table[r][c], str)]
        if not isinstance(table[total[0]][total[1]], str) and unknown:
            assert sum(unknown) == 0 or (len(unknown) > 1 and sum(unknown) >= 5), (parts, unknown)
    # An unrestricted viewer sees every count.
    assert f.tables(_figures(referrals), restricted=False)["nrm-by-quarter"][2][0] == ["Q1 2026 to 2027", 6, 2, 0, 8]


def test_support_plan_counts_withheld_when_the_share_or_total_would_give_a_small_one_away():
    support = [f.SupportFact(i, date(2026, 4, 1), None, date(2026, 4, 2) if i < 8 else None) for i in range(10)]
    bf = _figures([])
    bf.support = support
    rows = {row[0]: row[1] for row in f.tables(bf, restricted=True)["support-plans"][2]}
    assert rows["People with a support case open in the period"] == 10
    assert rows["Without one"] == "fewer than 5"
    assert rows["With a written support plan by the end of the period"] == suppression.WITHHELD  # 10 - 8 = 2
    assert rows["Share with a written support plan"] == suppression.NOT_SHOWN  # 80% of 10 = 8, so 2 without


def test_training_follows_the_training_dashboards_rule_for_small_groups():
    rows = [f.TrainingRow("Anytown Council", 4, 1, 0), f.TrainingRow("Small Trust", 2, 1, 1)]
    shown = f.training_shown(rows, restricted=True)
    assert shown[0] == ["Anytown Council", "80%", 4, 1, 0]  # a group of 5 staff: shown in full
    assert shown[1] == ["Small Trust", suppression.NOT_SHOWN, "fewer than 5", "fewer than 5", "fewer than 5"]
    assert shown[2] == ["All organisations", suppression.NOT_SHOWN] + [suppression.WITHHELD] * 3
    assert f.training_shown(rows, restricted=False)[1] == ["Small Trust", "67%", 2, 1, 1]


def test_a_case_nrm_record_counts_unless_its_person_was_referred_through_the_concern():
    assert not f.case_nrm_counts(1, {"p1"})  # one person: the case is about them
    referred = {"p1"}
    assert not f.case_nrm_counts(2, referred)  # two people, one referred: the first case is taken to be them
    assert f.case_nrm_counts(2, referred)  # and a second case's NRM record is the other person's


@pytest.mark.parametrize("end,message", [
    ((24, 11, 2026), "The date the period ends must be today or in the past"),
    ((1, 4, 2026), "The period must be 5 years or shorter"),
    ((31, 3, 2020), "The date the period ends must be the same as or after the date it starts"),
])
def test_typed_periods_must_end_by_today_after_they_start_and_last_5_years_at_most(end, message):
    from clearsight.board.forms import DatesForm

    def form(start, end):
        return DatesForm({f"{name}-{part}": str(n) for name, day in (("start", start), ("end", end))
                          for part, n in zip(("day", "month", "year"), day)}, today=date(2026, 11, 23))

    bad = form((1, 4, 2021), end)
    assert not bad.is_valid() and bad.errors["end"] == [message]
    assert form((1, 4, 2021), (31, 3, 2026)).is_valid()  # five financial years


def test_decisions_still_awaited_are_counted_today_when_the_period_runs_on():
    bf = _figures([], (date(2026, 4, 1), date(2027, 3, 31)))
    bf.on = date(2026, 11, 23)
    bf.nrm = [f.NrmFact(date(2026, 5, 1)), f.NrmFact(date(2026, 12, 1))]  # the second is not referred yet
    title, headers, rows = f.tables(bf, restricted=False)["decisions"]
    assert headers[-1] == "Still awaited on 23 November 2026" and rows[0][-1] == 1


def test_a_chart_labels_a_cut_short_quarter_as_part_of_it_and_keeps_labels_short():
    from clearsight.board.views import short_label

    assert short_label("Q3 2026 to 2027 (1 October 2026 to 23 November 2026)") == "Q3 2026 to 2027 (part)"
    assert short_label("Q1 2026 to 2027") == "Q1 2026 to 2027"
    assert short_label("No referral or support case recorded yet") == "No referral or support ca…"


def test_the_summary_and_the_statement_never_show_a_total_the_tables_withhold():
    from clearsight.statements.assemble import WITHHELD_TEXT, figure_value

    # 4 concerns in each of two quarters: both quarters are hidden, and a total of 8 would say each
    # was exactly 4, so the whole period is withheld in the table, in the summary and the statement.
    concerns = [f.ConcernFact(date(2026, 5, 1), (f.ADULT,))] * 4 + [f.ConcernFact(date(2026, 8, 1), (f.ADULT,))] * 4
    bf = _figures([])
    bf.concerns = concerns
    t = f.tables(bf, restricted=True)
    assert t["concerns"][2][-1][1] == suppression.WITHHELD
    assert dict(t["summary"][2])["Concerns reported"] == suppression.WITHHELD
    assert figure_value(suppression.WITHHELD) == WITHHELD_TEXT
    # Seen by someone cleared for the records, all of it is shown, and the summary agrees.
    t = f.tables(bf, restricted=False)
    assert t["concerns"][2][-1][1] == 8 and dict(t["summary"][2])["Concerns reported"] == 8


def test_a_year_no_longer_in_the_list_still_gives_that_year_not_another():
    # A link saved from a report in 2026 ("?period=fy-2025") opened in 2030, when the list shows
    # only the last five years.
    today = date(2030, 10, 22)
    assert "fy-2025" not in [value for value, _, _, _ in period_choices(today)]
    period = listed_period("fy-2025", today)
    assert (period.start, period.end, period.choice) == (date(2025, 4, 1), date(2026, 3, 31), "fy-2025")
    assert listed_period("q-2024-2", today).start == date(2024, 7, 1)
    assert listed_period("fy-2031", today) is None  # not started yet
    assert listed_period("q-2025-5", today) is None
    assert listed_period("fy-2025; drop", today) is None
