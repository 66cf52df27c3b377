"""The rules that turn concerns and cases into operation figures (the small-number rule is tested in
test_core_suppression)."""

from datetime import date

from clearsight.operations import figures as f
from clearsight.operations.figures import CaseRecord, ConcernRecord, OperationRecord, victim_facts

ON = date(2026, 6, 1)


def test_age_group_comes_from_the_case_date_of_birth_on_the_operation_date():
    assert f.age_group_on(date(2008, 6, 2), ON) == "child"  # 18 the day after
    assert f.age_group_on(date(2008, 6, 1), ON) == "adult"  # 18 that day
    assert f.age_group_on(None, ON) == "unknown"


def test_triage_judgement_wins_over_the_reported_age_and_a_date_of_birth_wins_over_both():
    reported_unknown = ConcernRecord(age_group="unknown", triage_age_group="child")
    assert f.victim_age_group(reported_unknown, None, ON) == "child"
    assert f.victim_age_group(ConcernRecord(age_group="adult"), None, ON) == "adult"
    assert f.victim_age_group(reported_unknown, CaseRecord(date_of_birth=date(1990, 1, 1)), ON) == "adult"
    assert f.victim_age_group(None, CaseRecord(), ON) == "unknown"


def test_only_submitted_referrals_count():
    concern = ConcernRecord("adult", "adult", referrals=(("nrm", "in_progress"), ("dtn", "submitted")))
    facts = victim_facts(concern, None, ON)
    assert (facts.nrm, facts.dtn) == (False, True)
    assert facts.outcome == "Duty to Notify report only, no support case recorded"


def test_a_case_nrm_record_counts_as_a_referral_and_gives_the_outcome():
    case = CaseRecord(nrm_referred=True, rg_decision="positive", cg_decision="positive", placements=("safe_house",),
                      services=("Counselling",))
    facts = victim_facts(ConcernRecord("child", done_actions=("childrens_front_door", "police")), case, ON)
    assert facts.nrm
    assert facts.outcome == "Conclusive Grounds decision: positive"
    assert facts.pathways == ("Children's social care referral", "Safe house (Victim Care Contract)",
                              "Referred to a service: Counselling")


def test_outcomes_follow_the_latest_decision():
    assert f.outcome_of(None, CaseRecord(nrm_referred=True), True, False) == "Reasonable Grounds decision awaited"
    assert f.outcome_of(None, CaseRecord(nrm_referred=True, rg_decision="negative"), True, False) == \
        "Reasonable Grounds decision: negative"
    assert f.outcome_of(None, CaseRecord(nrm_referred=True, withdrawn=True, rg_decision="positive"), True, False) == \
        "Withdrawn from the NRM"
    assert f.outcome_of(None, CaseRecord(open=False), False, False) == "Supported outside the NRM, case closed"
    # Referred through the concern while the case has no NRM record yet: the outcome agrees with the count.
    assert f.outcome_of(None, CaseRecord(), True, False) == "Referred to the NRM, decision not yet recorded on the case (case open)"
    assert f.outcome_of(None, None, False, False) == "No referral or support case recorded yet"


def _op(ref, types, premises=(), victims=(), **kw):
    return OperationRecord(reference=ref, name=ref, date=ON, status="done", lead_agency="Police",
                           exploitation_types=types, premises_types=premises, victims=victims, **kw)


def test_type_counts_can_exceed_operations_and_both_are_given():
    result = f.figures([_op("A", ("Labour", "Sexual")), _op("B", ("Labour",)), _op("C", ())])
    assert result.operations == 3
    assert dict(result.by_exploitation_type) == {"Labour": 2, "Sexual": 1}
    assert result.type_mentions == 3
    assert result.without_type == 1


def test_premises_types_count_operations_and_premises():
    result = f.figures([_op("A", (), premises=("Hand car wash", "Hand car wash")), _op("B", (), premises=("Nail bar",))])
    assert result.by_premises_type == [("Hand car wash", 1, 2), ("Nail bar", 1, 1)]
    assert result.premises == 3


def test_agencies_interventions_and_arrests_add_up():
    a = _op("A", (), agencies=("Police", "Council"), interventions=(("Council", "Licensing inspection", 3),),
            arrests={"modern_slavery": 2, "immigration": 1, "other": 0})
    b = _op("B", (), agencies=("Police",), interventions=(("Council", "Fire safety inspection", 1),
                                                          ("Police", "Welfare check of workers", 2)),
            arrests={"modern_slavery": 0, "immigration": 0, "other": 4})
    result = f.figures([a, b])
    assert dict(result.agencies) == {"Police": 2, "Council": 1}
    assert dict(result.interventions_by_agency) == {"Council": 4, "Police": 2}
    assert result.interventions == 6
    assert result.arrests == [("Modern Slavery Act 2015", 2), ("Immigration offences", 1), ("Other offences", 4)]
    assert result.arrests_total == 7


def test_service_names_are_one_line_for_audiences_not_cleared_for_personal_data():
    rows = [("Safe house", 3), (f.SERVICE_PREFIX + "Counselling with Jane Smith", 1), (f.SERVICE_PREFIX + "Legal aid", 2)]
    assert f.pathway_rows(rows, restricted=False) == rows
    assert f.pathway_rows(rows, restricted=True) == [("Referred to another service", 3), ("Safe house", 3)]


# --- Issue 17 corrections ---------------------------------------------------------------------------------

def test_victim_care_contract_support_is_nrm_support_not_support_outside_the_nrm():
    offered = ConcernRecord("adult", "adult", done_actions=("support_offer",))
    facts = victim_facts(offered, CaseRecord(), ON)
    assert facts.pathways == (f.VICTIM_CARE_PATHWAY,)
    assert facts.outcome == "Supported in the NRM through the Victim Care Contract, case open"
    assert victim_facts(None, CaseRecord(victim_care=True, open=False), ON).outcome == \
        "Supported in the NRM through the Victim Care Contract, case closed"
    assert victim_facts(None, CaseRecord(placements=("safe_house",)), ON).outcome.startswith("Supported in the NRM")
    assert "outside the NRM" not in " ".join(f.ACTION_PATHWAYS.values())


def test_a_declined_offer_is_counted_not_dropped_and_is_not_a_pathway():
    case = CaseRecord(declined=(("victim_care", "Outreach"), ("service", "Counselling ")))
    facts = victim_facts(None, case, ON)
    assert facts.pathways == ()
    assert facts.declined == (f.DECLINED_VICTIM_CARE, "A referral to a service: Counselling")
    result = f.figures([_op("OP-1", (), victims=(facts,))])
    assert result.victims.declined == 1
    assert dict(result.declined) == {f.DECLINED_VICTIM_CARE: 1, "A referral to a service: Counselling": 1}
    assert dict(f.declined_rows(result.declined, restricted=True)) == {
        f.DECLINED_VICTIM_CARE: 1, "A referral to another service": 1}


def test_children_referred_to_the_nrm_are_counted_apart_from_adults():
    child = victim_facts(None, CaseRecord(date_of_birth=date(2014, 1, 1), nrm_referred=True), ON)
    adult = victim_facts(None, CaseRecord(date_of_birth=date(1990, 1, 1), nrm_referred=True), ON)
    not_referred = victim_facts(None, CaseRecord(date_of_birth=date(2013, 1, 1)), ON)
    counts = f.victim_counts([child, adult, not_referred])
    assert (counts.children, counts.nrm, counts.children_nrm) == (2, 2, 1)


def test_periods_offer_financial_and_calendar_years_and_choose_one():
    dates = [date(2025, 3, 31), date(2025, 4, 1), date(2026, 1, 15)]
    financial, calendar = f.period_choices(dates)
    assert financial == [("fy-2025", "2025 to 2026 (financial year)"), ("fy-2024", "2024 to 2025 (financial year)")]
    assert calendar == [("2026", "2026 (calendar year)"), ("2025", "2025 (calendar year)")]
    fy = f.choose_period(dates, fy="2025")
    assert (fy.start, fy.end, fy.query, fy.label) == (date(2025, 4, 1), date(2026, 3, 31), "fy=2025",
                                                      "the financial year 2025 to 2026")
    assert f.choose_period(dates, year="2025").end == date(2025, 12, 31)
    assert f.choose_period(dates, fy="2019").key == ""  # no operations then: all operations
    assert f.choose_period(dates, year="abc").key == ""
