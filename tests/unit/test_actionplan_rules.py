"""The action plan's rules: who may update or answer for an action, what is carried forward at
closing, when owners are late and how often they may be chased, and how actions are grouped."""

from datetime import date, datetime, timedelta
from types import SimpleNamespace as NS

import pytest
from django.utils import timezone

from clearsight.actionplan import rules
from clearsight.actionplan.models import Framework
from clearsight.actionplan.reference_data import load_frameworks
from clearsight.core.roles import Role
from tests.factories import OrganisationFactory, PartnershipFactory, PlanYearFactory, make_user


def _plan(org_id=1, status="open", due=None):
    return NS(organisation_id=org_id, status=status, review_due_on=due, title="2025/26",
              ends_on=date(2026, 3, 31))


def _user(pk, managed=(), viewed=()):
    from clearsight.core.roles import Capability

    def ids(capability):
        return set(managed) if capability == Capability.MANAGE_ACTION_PLAN else set(viewed) | set(managed)

    return NS(pk=pk, organisation_ids_with=ids)


def _action(owner_id=7, plan=None, status="in_progress", due=date(2026, 3, 31), review=None, description="Train staff"):
    a = NS(owner_id=owner_id, plan=plan or _plan(), status=status, due_on=due, description=description,
           area="Prevention", owner="Sofia", owner_organisation="Anytown Council")
    if review is not None:
        a.review = review
    return a


def _response(done=True, continues=False, next_text=""):
    return NS(done=done, continues=continues, next_year_description=next_text)


class TestWhoMayAct:
    def test_the_statement_owner_of_the_plans_organisation_manages_it(self):
        assert rules.may_manage(_user(1, managed={1}), _plan(1))
        assert not rules.may_manage(_user(1, managed={2}), _plan(1))
        assert not rules.may_manage(_user(1, viewed={1}), _plan(1))  # board members, auditors only look

    def test_the_owner_and_the_statement_owner_may_add_progress_and_nobody_else(self):
        action = _action(owner_id=7)
        assert rules.may_update(_user(7), action)  # the owner, even with no access to the plan
        assert rules.may_update(_user(1, managed={1}), action)
        assert not rules.may_update(_user(8, viewed={1}), action)

    def test_responses_only_while_the_plan_is_under_review(self):
        owner = _user(7)
        assert not rules.may_respond(owner, _action(plan=_plan(status="open")))
        assert rules.may_respond(owner, _action(plan=_plan(status="in_review")))
        assert not rules.may_respond(owner, _action(plan=_plan(status="closed")))
        assert rules.may_respond(_user(1, managed={1}), _action(plan=_plan(status="in_review")))  # on their behalf
        assert not rules.may_respond(_user(9), _action(plan=_plan(status="in_review")))

    def test_actions_change_only_while_the_year_runs(self):
        manager = _user(1, managed={1})
        assert rules.may_change_action(manager, _action(plan=_plan(status="open")))
        assert not rules.may_change_action(manager, _action(plan=_plan(status="in_review")))


class TestCarryForward:
    def test_an_action_that_does_not_continue_is_not_carried(self):
        assert rules.carried_forward(_action(review=_response(continues=False))) is None

    def test_an_action_without_a_response_is_not_carried(self):
        assert rules.carried_forward(_action()) is None

    def test_a_continuing_action_takes_next_years_wording(self):
        carried = rules.carried_forward(_action(review=_response(continues=True, next_text="  Train 95%  ")))
        assert carried == ("Train 95%", "Prevention", "Sofia", "Anytown Council")

    def test_without_new_wording_the_original_is_kept(self):
        carried = rules.carried_forward(_action(review=_response(continues=True, next_text=" ")))
        assert carried[0] == "Train staff"

    def test_final_status_follows_the_response(self):
        assert rules.final_status(_action(review=_response(done=True))) == "done"
        assert rules.final_status(_action(review=_response(done=False, continues=True))) == "not_done"

    def test_closing_is_refused_while_any_action_has_no_response(self):
        plan = _plan(status="in_review")
        answered, missing = _action(review=_response()), _action()
        assert rules.close_problems(plan, [answered, missing]) == ["1 action has no response yet"]
        assert rules.close_problems(plan, [answered]) == []
        assert rules.close_problems(_plan(status="open"), [answered]) == ["The year-end review has not been opened"]


class TestLatenessAndChasing:
    def test_owners_are_late_only_after_the_reply_by_date(self):
        plan = _plan(status="in_review", due=date(2026, 4, 30))
        assert not rules.is_late(plan, date(2026, 4, 30))
        assert rules.is_late(plan, date(2026, 5, 1))
        assert not rules.is_late(_plan(status="closed", due=date(2026, 4, 30)), date(2026, 5, 1))

    def test_an_owner_is_chased_at_most_once_a_day(self):
        now = timezone.make_aware(datetime(2026, 5, 2, 9))
        assert rules.may_chase(NS(last_chased_at=None), now)
        assert not rules.may_chase(NS(last_chased_at=now - timedelta(hours=8)), now)
        assert rules.may_chase(NS(last_chased_at=now - timedelta(hours=23)), now)  # yesterday evening, for a daily cron

    def test_outstanding_actions_are_grouped_by_owner(self):
        a, b, c = _action(owner_id=1), _action(owner_id=1, review=_response()), _action(owner_id=2)
        a.owner, b.owner, c.owner = "Sofia", "Sofia", "Owen"
        assert rules.outstanding_by_owner([a, b, c]) == {"Sofia": [a], "Owen": [c]}

    def test_overdue_means_not_finished_and_past_due(self):
        on = date(2026, 11, 23)
        assert rules.is_overdue(_action(due=date(2026, 9, 30), status="not_started"), on)
        assert not rules.is_overdue(_action(due=date(2026, 9, 30), status="done"), on)
        assert not rules.is_overdue(_action(due=on, status="in_progress"), on)


class TestNextYear:
    def test_the_next_title_and_dates_are_suggested(self):
        assert rules.next_title("2025 to 2026") == "2026 to 2027"
        assert rules.next_title("2025/26") == "2026 to 2027"  # as titles were written before
        assert rules.next_title("2099/00") == "2100 to 2101"
        assert rules.next_title("Plan A") == ""
        assert rules.next_year_dates(_plan()) == (date(2026, 4, 1), date(2027, 3, 31))


@pytest.mark.django_db
class TestOwners:
    def test_owners_come_from_the_plans_organisation_and_its_partners(self, anytown, bexford):
        shire = OrganisationFactory(name="Shire Shared Procurement Service", kind="procurement", is_first_responder=False)
        PartnershipFactory(name="Shire Procurement Partnership", kind="procurement").members.set([anytown, shire])
        officer, champion, stranger = (make_user(anytown, Role.STAFF), make_user(shire, Role.PROCUREMENT_OFFICER),
                                       make_user(bexford, Role.STAFF))
        plan = PlanYearFactory(organisation=anytown, title="2026/27", starts_on=date(2026, 4, 1),
                               ends_on=date(2027, 3, 31), framework=Framework.objects.first())
        pairs = [(u, o) for u, o in rules.owner_choices(plan)]
        assert (officer, anytown) in pairs and (champion, shire) in pairs
        assert stranger not in [u for u, _ in pairs]
        assert pairs[0][1] == anytown  # the plan's own organisation first
        assert rules.valid_owner(plan, champion, shire) and not rules.valid_owner(plan, champion, anytown)


@pytest.mark.django_db
class TestFrameworks:
    def test_three_frameworks_with_source_version_and_areas_in_order(self):
        assert load_frameworks() == 3
        assert load_frameworks() == 3  # idempotent
        five = Framework.objects.get(code="five-responsibilities")
        assert [a.name for a in five.areas.all()] == ["Defining and outlining risk", "Prevention", "Detection",
                                                     "Response", "Evaluation"]
        assert [a.name for a in Framework.objects.get(code="four-ps").areas.all()] == ["Pursue", "Prevent", "Protect", "Prepare"]
        assert Framework.objects.get(code="strategy-priorities").areas.count() == 4
        assert all(f.source and f.version for f in Framework.objects.all())
        assert Framework.objects.count() == 3


@pytest.mark.parametrize("today, expected", [
    (date(2026, 11, 23), ("2027 to 2028", date(2027, 4, 1), date(2028, 3, 31))),
    (date(2027, 2, 1), ("2027 to 2028", date(2027, 4, 1), date(2028, 3, 31))),
    (date(2099, 4, 1), ("2100 to 2101", date(2100, 4, 1), date(2101, 3, 31))),
])
def test_the_example_for_a_new_plan_year_is_the_next_financial_year(today, expected):
    from clearsight.actionplan.forms import example, next_plan_year

    assert next_plan_year(today) == expected
    assert example(date(2027, 3, 31)) == "For example, 31 3 2027"
