"""Compliance rules for workforce training: plain functions, no database."""

from datetime import date

import pytest

from clearsight.core.dates import add_months
from clearsight.training import compliance as c
from clearsight.training.compliance import Status

TODAY = date(2026, 6, 15)
YEARLY = c.Requirement("ethical-procurement", refresh_months=12, grace_days=90)
ONCE = c.Requirement("awareness", refresh_months=None, grace_days=90)
LONG_AGO = date(2015, 1, 1)


def status(req=YEARLY, completions=(), start=LONG_AGO, leave=None, today=TODAY):
    return c.requirement_status(req, completions, start_date=start, leave_date=leave, today=today)


# --- refresh boundaries ----------------------------------------------------------------------------

def test_training_is_due_again_after_the_refresh_period():
    result = status(completions=[date(2025, 9, 1)])
    assert result.status == Status.COMPLIANT
    assert result.due_on == date(2026, 9, 1)
    assert result.last_completed == date(2025, 9, 1)


def test_training_is_still_valid_on_its_due_date_and_overdue_the_day_after():
    done = [date(2025, 6, 15)]
    assert status(completions=done, today=date(2026, 6, 15)).status == Status.DUE_SOON
    after = status(completions=done, today=date(2026, 6, 16))
    assert after.status == Status.OVERDUE
    assert after.due_on == date(2026, 6, 15)


def test_due_soon_is_thirty_days_inclusive():
    done = [date(2025, 7, 15)]  # due 15 July 2026
    assert status(completions=done, today=date(2026, 6, 15)).status == Status.DUE_SOON  # 30 days to go
    assert status(completions=done, today=date(2026, 6, 14)).status == Status.COMPLIANT  # 31 days to go


def test_the_latest_completion_counts_whatever_the_order():
    assert status(completions=[date(2026, 1, 10), date(2023, 1, 1), date(2024, 1, 1)]).status == Status.COMPLIANT


def test_completions_after_the_date_asked_about_do_not_count():
    result = status(completions=[date(2024, 1, 1), date(2026, 7, 1)])
    assert result.status == Status.OVERDUE
    assert result.last_completed == date(2024, 1, 1)


def test_training_that_never_needs_refreshing_stays_valid():
    assert status(ONCE, completions=[date(2016, 3, 1)]).status == Status.COMPLIANT
    assert status(ONCE, completions=[date(2016, 3, 1)]).due_on is None


def test_month_ends_are_handled_when_adding_months():
    # 31 January + 1 month is 28 February (core.dates.add_months; tests/unit/test_core_dates.py)
    done = [date(2025, 1, 31)]
    req = c.Requirement("x", refresh_months=1)
    assert status(req, done, today=date(2025, 2, 28)).status == Status.DUE_SOON
    assert status(req, done, today=date(2025, 3, 1)).status == Status.OVERDUE


def test_never_trained_after_the_grace_period():
    result = status(completions=[])
    assert result.status == Status.NEVER_TRAINED
    assert result.due_on is None


# --- starters ------------------------------------------------------------------------------------

def test_new_starters_have_a_grace_period_of_90_days_by_default():
    start = date(2026, 5, 1)
    result = status(start=start)
    assert result.status == Status.IN_GRACE
    assert result.due_on == date(2026, 7, 30)
    assert status(start=start, today=date(2026, 7, 30)).status == Status.IN_GRACE
    assert status(start=start, today=date(2026, 7, 31)).status == Status.NEVER_TRAINED


def test_the_grace_period_is_set_for_each_requirement():
    req = c.Requirement("first-responder", refresh_months=12, grace_days=30)
    assert status(req, start=date(2026, 5, 1)).status == Status.NEVER_TRAINED
    assert status(req, start=date(2026, 5, 20)).status == Status.IN_GRACE


def test_a_starter_who_completes_in_their_grace_period_is_compliant():
    assert status(start=date(2026, 5, 1), completions=[date(2026, 5, 10)]).status == Status.COMPLIANT


def test_a_starter_with_valid_training_from_before_they_started_is_compliant():
    assert status(start=date(2026, 5, 1), completions=[date(2026, 2, 1)]).status == Status.COMPLIANT


def test_a_starter_whose_earlier_training_has_run_out_gets_the_grace_period():
    result = status(start=date(2026, 5, 1), completions=[date(2024, 1, 1)])
    assert result.status == Status.IN_GRACE
    assert result.last_completed == date(2024, 1, 1)


def test_someone_who_has_not_started_yet_is_not_required():
    assert status(start=date(2026, 7, 1)).status == Status.NOT_REQUIRED


# --- leavers -------------------------------------------------------------------------------------

def test_leavers_are_not_required_from_their_leaving_date():
    assert status(leave=date(2026, 6, 15)).status == Status.NOT_REQUIRED
    assert status(leave=date(2026, 6, 1)).status == Status.NOT_REQUIRED


def test_someone_leaving_later_is_still_required():
    assert status(leave=date(2026, 6, 16)).status == Status.NEVER_TRAINED


def test_leavers_are_not_counted_in_rates():
    leaver = c.StaffFacts(1, "Place", LONG_AGO, date(2026, 1, 1), (YEARLY,), {})
    staying = c.StaffFacts(2, "Place", LONG_AGO, None, (YEARLY,), {"ethical-procurement": [date(2025, 11, 1)]})
    total, groups = c.rates([leaver, staying], TODAY)
    assert (total.met, total.not_met, total.percent) == (1, 0, 100)
    # Before they left, the leaver counted (as never trained).
    total, _ = c.rates([leaver, staying], date(2025, 12, 1))
    assert (total.met, total.not_met) == (1, 1)


# --- overall status ------------------------------------------------------------------------------

def test_overall_status_is_the_worst_requirement():
    assert c.overall([Status.COMPLIANT, Status.DUE_SOON]) == Status.DUE_SOON
    assert c.overall([Status.COMPLIANT, Status.OVERDUE, Status.IN_GRACE]) == Status.OVERDUE
    assert c.overall([Status.OVERDUE, Status.NEVER_TRAINED]) == Status.NEVER_TRAINED
    assert c.overall([]) == Status.NOT_REQUIRED
    assert c.overall([Status.NOT_REQUIRED, Status.COMPLIANT]) == Status.COMPLIANT


# --- cohorts and overrides -----------------------------------------------------------------------

ALL = c.CohortRule("all", "All staff", everyone=True)
PROCUREMENT = c.CohortRule("proc", "Procurement", job_title_words=("procurement", "buyer"), services=("Procurement",),
                           roles=("contract_manager",))
FRONTLINE = c.CohortRule("front", "Frontline", services=("Housing",))
RULES = [ALL, PROCUREMENT, FRONTLINE]


def cohorts(person, overrides=()):
    return {p.cohort: p.reason for p in c.placements(person, RULES, overrides)}


def test_rules_place_people_by_job_title_service_and_role_with_the_reason():
    assert cohorts(c.Person("Senior Procurement Officer", "Finance")) == {
        "all": "Everyone is in this cohort", "proc": "Job title contains “procurement”"}
    assert cohorts(c.Person("Officer", "procurement"))["proc"] == "Works in Procurement"
    assert cohorts(c.Person("Officer", "Facilities", frozenset({"contract_manager"})))["proc"].startswith("Has the Clearsight role")
    assert set(cohorts(c.Person("Housing officer", "Housing"))) == {"all", "front"}


def test_a_manual_override_puts_someone_in_a_cohort_with_its_reason():
    result = c.placements(c.Person("Finance officer", "Finance"), RULES, [c.Override("proc", True, "Covers buying during a secondment")])
    manual = [p for p in result if p.cohort == "proc"]
    assert manual and manual[0].manual and manual[0].reason == "Added by hand: Covers buying during a secondment"


def test_a_manual_override_takes_someone_out_of_a_cohort_the_rules_would_put_them_in():
    person = c.Person("Buyer", "Procurement")
    overrides = [c.Override("proc", False, "Buys stationery only, under the threshold")]
    assert "proc" not in cohorts(person, overrides)
    excluded = c.excluded_by_override(person, RULES, overrides)
    assert [(p.cohort, p.reason) for p in excluded] == [("proc", "Taken out by hand: Buys stationery only, under the threshold")]


def test_the_latest_override_for_a_cohort_wins():
    person = c.Person("Finance officer", "Finance")
    overrides = [c.Override("proc", True, "Secondment"), c.Override("proc", False, "Secondment ended")]
    assert "proc" not in cohorts(person, overrides)


def test_requirements_of_several_cohorts_are_merged_strictest_first():
    reqs = [c.CohortRequirement("all", "awareness", 36, 90), c.CohortRequirement("front", "awareness", 24, 60),
            c.CohortRequirement("proc", "ethical", 12, 90)]
    merged = {r.level: r for r in c.requirements_for({"all": date(2020, 1, 1), "front": date(2024, 1, 1)}, reqs)}
    assert set(merged) == {"awareness"}
    assert (merged["awareness"].refresh_months, merged["awareness"].grace_days) == (24, 60)
    assert merged["awareness"].cohorts == ("all", "front")
    assert merged["awareness"].required_since == date(2020, 1, 1)


def test_once_only_and_refreshed_requirements_merge_to_the_refresh_period():
    reqs = [c.CohortRequirement("a", "x", None, 90), c.CohortRequirement("b", "x", 12, 90)]
    assert c.requirements_for({"a": LONG_AGO, "b": LONG_AGO}, reqs)[0].refresh_months == 12



def test_moving_into_a_stricter_cohort_gives_a_grace_period_for_its_stricter_term():
    # In "all" (36 months) since 2020, moved into "front" (24 months) on 1 June 2026; trained January 2024.
    reqs = [c.CohortRequirement("all", "awareness", 36, 90), c.CohortRequirement("front", "awareness", 24, 90)]
    (merged,) = c.requirements_for({"all": date(2020, 1, 1), "front": date(2026, 6, 1)}, reqs)
    trained = [date(2024, 1, 1)]
    assert status(merged, trained).status == Status.IN_GRACE
    assert status(merged, trained).due_on == date(2026, 8, 30)
    assert status(merged, trained, today=date(2026, 8, 31)).status == Status.OVERDUE
    # Before the move only the 36-month term applied.
    assert status(merged, trained, today=date(2026, 5, 1)).status == Status.COMPLIANT
    # Never trained: already overdue under the cohort they were in all along.
    assert status(merged, []).status == Status.NEVER_TRAINED
    facts = c.StaffFacts(1, "Resources", LONG_AGO, None, (merged,), {"awareness": trained})
    assert c.person_status(facts, TODAY) == Status.IN_GRACE

# --- cohort changes ------------------------------------------------------------------------------

def test_people_keep_the_date_they_joined_a_cohort_and_new_cohorts_date_from_today():
    dates = c.placement_dates({"all": date(2020, 1, 1)}, ["all", "proc"], today=TODAY, start_date=date(2019, 5, 1))
    assert dates == {"all": date(2020, 1, 1), "proc": TODAY}


def test_the_first_placement_dates_from_the_start_date():
    assert c.placement_dates({}, ["all"], today=TODAY, start_date=date(2019, 5, 1), first_time=True) == {"all": date(2019, 5, 1)}


def test_someone_moving_into_a_cohort_gets_the_grace_period_from_the_move():
    # Employed for years, moved into procurement two weeks ago: not overdue yet.
    moved = c.Requirement("ethical-procurement", 12, 90, ("proc",), required_since=date(2026, 6, 1))
    result = status(moved)
    assert result.status == Status.IN_GRACE
    assert result.due_on == date(2026, 8, 30)
    assert status(moved, today=date(2026, 8, 31)).status == Status.NEVER_TRAINED


def test_a_requirement_that_did_not_yet_apply_is_not_counted_in_past_rates():
    moved = c.Requirement("ethical-procurement", 12, 90, ("proc",), required_since=date(2026, 6, 1))
    facts = c.StaffFacts(1, "Resources", LONG_AGO, None, (moved,), {})
    assert c.person_status(facts, date(2026, 5, 1)) == Status.NOT_REQUIRED
    assert c.person_status(facts, TODAY) == Status.IN_GRACE


def test_leaving_a_cohort_removes_its_requirement():
    reqs = [c.CohortRequirement("proc", "ethical", 12, 90)]
    assert c.requirements_for({"all": LONG_AGO}, reqs) == []


# --- rates ---------------------------------------------------------------------------------------

def test_rates_by_group_and_by_cohort_leave_out_people_in_their_grace_period():
    all_req = c.Requirement("awareness", 36, 90, ("all",), LONG_AGO)
    proc_req = c.Requirement("ethical", 12, 90, ("proc",), LONG_AGO)
    staff = [
        c.StaffFacts(1, "Resources", LONG_AGO, None, (all_req, proc_req), {"awareness": [date(2025, 1, 1)], "ethical": [date(2025, 1, 1)]}),
        c.StaffFacts(2, "Resources", LONG_AGO, None, (all_req,), {"awareness": [date(2025, 1, 1)]}),
        c.StaffFacts(3, "Place", date(2026, 6, 1), None, (all_req,), {}),
        c.StaffFacts(4, "Place", LONG_AGO, None, (all_req,), {}),
    ]
    total, groups = c.rates(staff, TODAY)
    assert (total.met, total.not_met, total.in_grace, total.percent) == (1, 2, 1, 33)
    assert groups["Resources"].percent == 50 and groups["Place"].percent == 0
    total, _ = c.rates(staff, TODAY, cohort="all")
    assert (total.met, total.not_met, total.percent) == (2, 1, 67)
    assert c.Rate().percent is None


def test_month_ends_for_the_chart():
    assert c.month_ends(date(2026, 3, 10), 4) == [date(2025, 12, 31), date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 10)]


@pytest.mark.parametrize("months", range(1, 49))
def test_training_done_today_is_valid_for_the_whole_period(months):
    req = c.Requirement("x", refresh_months=months)
    due = add_months(TODAY, months)
    assert status(req, [TODAY], today=due).status in (Status.COMPLIANT, Status.DUE_SOON)
    assert status(req, [TODAY], today=date.fromordinal(due.toordinal() + 1)).status == Status.OVERDUE
