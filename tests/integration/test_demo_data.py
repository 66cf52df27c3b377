"""The demo data: a fictional council, its partners, one user for each role, all able to sign in."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from clearsight.core import demo
from clearsight.core.models import Organisation, Partnership, User
from clearsight.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_data(demo_mode):
    call_command("load_demo_data", stdout=open("/dev/null", "w"))


def test_demo_has_the_council_its_partners_and_partnerships(demo_data):
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert {"council", "police", "health", "voluntary", "procurement"} <= kinds
    assert Organisation.objects.filter(kind="voluntary").count() >= 2
    assert Partnership.objects.filter(kind=Partnership.Kind.SAFEGUARDING).exists()
    assert Partnership.objects.get(kind=Partnership.Kind.PROCUREMENT).members.filter(kind="council").count() == 2


def test_every_role_has_a_demo_user_at_the_council(demo_data):
    council = Organisation.objects.get(name="Anytown Council")
    held = {m.role for u in User.objects.all() for m in u.memberships.filter(organisation=council)}
    assert held == {r.value for r in Role}


def test_loading_twice_changes_nothing(demo_data):
    counts = (User.objects.count(), Organisation.objects.count())
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    assert (User.objects.count(), Organisation.objects.count()) == counts


def test_every_demo_user_can_sign_in_with_the_demo_second_factor(demo_data, client, time_machine):
    import time

    for i, user in enumerate(User.objects.order_by("email")):
        # A new 30-second window for each sign-in: a security code cannot be used twice.
        time_machine.move_to(time.time() + 31 * (i + 1), tick=False)
        client.logout()
        response = client.post(reverse("core:sign-in"), {"email": user.email, "password": demo.DEMO_PASSWORD})
        assert response.status_code == 302, user.email
        if user.needs_two_factor:
            assert response["Location"] == reverse("core:sign-in-code"), user.email
            response = client.post(reverse("core:sign-in-code"), {"otp_token": demo.current_code()})
            assert response.status_code == 302, user.email
        assert client.get(reverse("core:home")).status_code == 200, user.email


def test_demo_has_concerns_in_every_state_of_triage(demo_data):
    from clearsight.concerns.models import Concern

    assert set(Concern.objects.values_list("status", flat=True)) == set(Concern.Status.values)
    child = Concern.objects.get(status=Concern.Status.ACTIONS_OPEN, people__age_group="child")
    assert {"childrens_front_door", "nrm_referral", "ictg_referral", "police"} == set(child.actions.values_list("kind", flat=True))
    assert child.actions.filter(status="open", due_at__lt=timezone.now()).exists()  # one overdue


def test_demo_shows_what_reporters_said_about_consent_and_support_offered_or_declined(demo_data):
    from clearsight.cases.models import ServiceReferral
    from clearsight.concerns.consent import ReportedConsent
    from clearsight.concerns.models import ConcernPerson

    said = set(ConcernPerson.objects.exclude(reported_consent="").values_list("reported_consent", flat=True))
    assert {ReportedConsent.AGREES, ReportedConsent.DOES_NOT_AGREE, ReportedConsent.NOT_TOLD} <= said
    assert ConcernPerson.objects.exclude(reported_wishes="").exists()
    care = ServiceReferral.objects.filter(kind=ServiceReferral.Kind.VICTIM_CARE)
    assert care.filter(status=ServiceReferral.Status.ACCEPTED).exists()
    declined = care.get(status=ServiceReferral.Status.DECLINED)
    assert declined.declined_on and declined.declined_reason
    assert ServiceReferral.objects.filter(kind=ServiceReferral.Kind.SERVICE).count() >= 3
