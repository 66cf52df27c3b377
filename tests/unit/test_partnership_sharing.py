"""Information sharing rules: what an agreement means on a day, and which organisation sees which."""

from datetime import date
from types import SimpleNamespace

import pytest

from clearsight.partnership import sharing
from tests.factories import OrganisationFactory, agreement_in_force


def agreement(status="active", starts_on=date(2026, 1, 1), review_on=date(2026, 12, 31), ends_on=None):
    return SimpleNamespace(status=status, starts_on=starts_on, review_on=review_on, ends_on=ends_on)


class TestAgreementStatus:
    def test_active_between_start_and_review(self):
        assert sharing.agreement_status(agreement(), date(2026, 6, 1)) == sharing.ACTIVE

    def test_not_started_before_start_date(self):
        assert sharing.agreement_status(agreement(), date(2025, 12, 31)) == sharing.NOT_STARTED

    def test_end_date_is_the_last_day_of_sharing(self):
        a = agreement(ends_on=date(2026, 3, 31))
        assert sharing.agreement_status(a, date(2026, 3, 31)) == sharing.ACTIVE
        assert sharing.agreement_status(a, date(2026, 4, 1)) == sharing.EXPIRED

    def test_passed_review_date_still_shares_but_says_so(self):
        status = sharing.agreement_status(agreement(review_on=date(2026, 3, 1)), date(2026, 3, 2))
        assert status == sharing.REVIEW_OVERDUE
        assert status in sharing.SHARING_STATUSES

    @pytest.mark.parametrize("status", ["draft", "suspended", "ended"])
    def test_draft_suspended_and_ended_agreements_do_not_share(self, status):
        a = agreement(status=status)
        assert sharing.agreement_status(a, date(2026, 6, 1)) == status
        assert not sharing.is_sharing(a, date(2026, 6, 1))

    def test_expired_and_not_started_do_not_share(self):
        assert not sharing.is_sharing(agreement(ends_on=date(2026, 3, 31)), date(2026, 4, 1))
        assert not sharing.is_sharing(agreement(), date(2025, 6, 1))

    def test_every_status_has_a_label_and_a_tag_colour(self):
        for status in [sharing.ACTIVE, sharing.NOT_STARTED, sharing.REVIEW_OVERDUE, sharing.EXPIRED,
                       sharing.ENDED, sharing.SUSPENDED, sharing.DRAFT]:
            assert sharing.STATUS_LABELS[status]
            assert sharing.STATUS_TAGS[status].startswith("govuk-tag--")


@pytest.fixture
def orgs(db):
    return SimpleNamespace(council=OrganisationFactory(name="Council"), police=OrganisationFactory(name="Police"),
                           charity=OrganisationFactory(name="Charity"), other=OrganisationFactory(name="Other"))


def make_agreement(parties, kinds=("intelligence",), **fields):
    values = {"title": "ISA", "starts_on": date(2026, 1, 1), "review_on": date(2026, 12, 31)} | fields
    return agreement_in_force(*parties, kinds=kinds, **values)


class TestWhoSeesWhat:
    def test_same_organisation_needs_no_agreement(self, orgs):
        assert sharing.sharing_agreement(orgs.council.id, orgs.council.id, "intelligence", date(2026, 6, 1)) is None
        assert sharing.may_see(orgs.council.id, orgs.council.id, "intelligence", date(2026, 6, 1))
        assert sharing.organisations_sharing_with({orgs.council.id}, "intelligence", date(2026, 6, 1)) == {orgs.council.id}

    def test_active_agreement_shares_its_kinds_between_its_parties_only(self, orgs):
        a = make_agreement([orgs.council, orgs.police, orgs.charity], kinds=["intelligence"])
        on = date(2026, 6, 1)
        assert sharing.sharing_agreement(orgs.police.id, orgs.council.id, "intelligence", on) == a
        assert sharing.sharing_agreement(orgs.council.id, orgs.police.id, "intelligence", on) == a
        assert sharing.sharing_agreement(orgs.police.id, orgs.council.id, "operations", on) is None
        assert sharing.sharing_agreement(orgs.other.id, orgs.council.id, "intelligence", on) is None
        assert sharing.organisations_sharing_with({orgs.council.id}, "intelligence", on) == {
            orgs.council.id, orgs.police.id, orgs.charity.id}
        assert sharing.organisations_sharing_with({orgs.other.id}, "intelligence", on) == {orgs.other.id}

    def test_sharing_stops_after_the_end_date(self, orgs):
        make_agreement([orgs.council, orgs.police], ends_on=date(2026, 3, 31))
        assert sharing.may_see(orgs.police.id, orgs.council.id, "intelligence", date(2026, 3, 31))
        assert not sharing.may_see(orgs.police.id, orgs.council.id, "intelligence", date(2026, 4, 1))
        assert sharing.organisations_sharing_with({orgs.council.id}, "intelligence", date(2026, 4, 1)) == {orgs.council.id}

    def test_suspended_draft_and_ended_agreements_share_nothing(self, orgs):
        for status in ["draft", "suspended", "ended"]:
            make_agreement([orgs.council, orgs.police], status=status)
        assert not sharing.may_see(orgs.police.id, orgs.council.id, "intelligence", date(2026, 6, 1))

    def test_overdue_review_still_shares(self, orgs):
        make_agreement([orgs.council, orgs.police], review_on=date(2026, 2, 1))
        assert sharing.may_see(orgs.police.id, orgs.council.id, "intelligence", date(2026, 6, 1))

    def test_not_yet_started_agreement_does_not_share(self, orgs):
        make_agreement([orgs.council, orgs.police], starts_on=date(2026, 7, 1))
        assert not sharing.may_see(orgs.police.id, orgs.council.id, "intelligence", date(2026, 6, 1))

    def test_unknown_kind_is_a_programming_error(self, orgs):
        with pytest.raises(ValueError):
            sharing.organisations_sharing_with({orgs.council.id}, "gossip")
