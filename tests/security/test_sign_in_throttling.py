"""M7: sign-in throttling by account and by address, with growing waits instead of a lock anyone can
set off (core/throttle.py, ADR 0025). Every sign-in goes through the sign-in page."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import user_login_failed
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from clearsight.core import throttle
from clearsight.core.models import AuditEvent, SignInAttempt
from clearsight.core.roles import Role

from ..factories import PASSWORD, current_code, make_user
from .conftest import sign_in_through_pages

ATTACKER = "203.0.113.66"
OFFICE = "198.51.100.7"
WRONG = "not-the-password-1"


def post(client, email, password, address):
    return client.post(reverse("core:sign-in"), {"email": email, "password": password}, REMOTE_ADDR=address)


def fail(client, email, times, address=ATTACKER):
    for _ in range(times):
        response = post(client, email, WRONG, address)
        assert response.status_code == 200 and "The email address or password is not right" in response.content.decode()


def refused(response):
    return response.status_code == 429 and "before trying again" in response.content.decode()


def signs_in(response):
    return response.status_code == 302 and response["Location"] != reverse("core:sign-in")


# ---------------------------------------------------------------- the rule itself (plain functions)

ACCOUNT = throttle.Rule(free=5, first=timedelta(minutes=1), factor=2, cap=timedelta(minutes=15))
ADDRESS = throttle.Rule(free=20, first=timedelta(minutes=1), factor=4, cap=timedelta(hours=24))


def test_the_first_failures_cost_nothing_then_the_wait_grows_to_its_cap():
    assert [throttle.delay(n, ACCOUNT) for n in range(5)] == [timedelta(0)] * 5
    minutes = [throttle.delay(n, ACCOUNT).total_seconds() / 60 for n in range(5, 12)]
    assert minutes == [1, 2, 4, 8, 15, 15, 15]


def test_the_address_wait_grows_fast_to_a_day():
    minutes = [throttle.delay(n, ADDRESS).total_seconds() / 60 for n in range(19, 27)]
    assert minutes == [0, 1, 4, 16, 64, 256, 1024, 1440]


def test_a_huge_number_of_failures_stays_at_the_cap():
    assert throttle.delay(10**9, ADDRESS) == timedelta(hours=24)
    flat = throttle.Rule(free=3, first=timedelta(minutes=5), factor=1, cap=timedelta(minutes=10))
    assert throttle.delay(10**6, flat) == timedelta(minutes=5)


def test_the_wait_is_counted_from_the_last_failure():
    now = timezone.now()
    assert throttle.remaining(5, now - timedelta(seconds=20), ACCOUNT, now) == timedelta(seconds=40)
    assert throttle.remaining(5, now - timedelta(minutes=2), ACCOUNT, now) == timedelta(0)
    assert throttle.remaining(0, None, ACCOUNT, now) == timedelta(0)


def test_waits_are_told_in_whole_minutes_or_hours_rounded_up():
    assert throttle.wait_text(timedelta(seconds=5)) == "1 minute"
    assert throttle.wait_text(timedelta(seconds=61)) == "2 minutes"
    assert throttle.wait_text(timedelta(minutes=15)) == "15 minutes"
    assert throttle.wait_text(timedelta(hours=17, minutes=4)) == "18 hours"


def test_addresses_are_counted_by_ipv4_address_and_ipv6_network():
    assert throttle.address_key("203.0.113.66") == "203.0.113.66"
    assert throttle.address_key("::ffff:203.0.113.66") == "203.0.113.66"
    assert throttle.address_key("2001:db8:1:2:a::1") == throttle.address_key("2001:db8:1:2:b::9") == "2001:db8:1:2::/64"
    assert throttle.address_key("2001:db8:1:3::1") != throttle.address_key("2001:db8:1:2::1")
    assert throttle.address_key(None) == throttle.address_key("not an address") == ""


def test_the_email_address_typed_is_not_kept():
    assert throttle.account_key("Jane@Example.org ") == throttle.account_key("jane@example.org")
    assert "jane" not in throttle.account_key("jane@example.org")


# ---------------------------------------------------------------- through the sign-in page

@pytest.fixture
def responder(anytown):
    return make_user(anytown, Role.FIRST_RESPONDER)


@pytest.mark.django_db
def test_guessing_across_many_accounts_from_one_address_is_slowed(anytown):
    people = [make_user(anytown, Role.STAFF) for _ in range(25)]
    attacker = Client()
    outcomes = []
    with time_machine.travel(timezone.now(), tick=False):
        for person in people:
            for _ in range(4):  # below the account limit: only the address can notice
                outcomes.append(post(attacker, person.email, WRONG, ATTACKER).status_code)
        assert outcomes[:20] == [200] * 20
        assert set(outcomes[20:]) == {429}, "after 20 failures every attempt from the address must wait"
        # Even the right password is refused from that address, and the page says how long to wait
        response = post(attacker, people[0].email, PASSWORD, ATTACKER)
        assert refused(response) and "Wait 1 minute" in response.content.decode()
        assert "from your network" in response.content.decode()
        # Anyone else signs in as usual
        assert signs_in(post(Client(), people[0].email, PASSWORD, OFFICE))


@pytest.mark.django_db
def test_the_address_wait_grows_fast(anytown):
    person = make_user(anytown, Role.STAFF)
    others = [make_user(anytown, Role.STAFF) for _ in range(6)]
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for other in others[:5]:
            fail(Client(), other.email, 4)
        waits = []
        for _ in range(3):
            response = post(Client(), person.email, WRONG, ATTACKER)
            waits.append(int(response["Retry-After"]))
            clock.shift(timedelta(seconds=waits[-1]))
            fail(Client(), others[5].email, 1)
        assert waits == [60, 240, 960]
        assert signs_in(post(Client(), person.email, PASSWORD, OFFICE))


@pytest.mark.django_db
def test_an_account_waits_after_five_failures_and_the_wait_grows_slowly_to_15_minutes(responder):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        fail(Client(), responder.email, 5)
        waits = []
        for _ in range(6):
            response = post(Client(), responder.email, WRONG, ATTACKER)
            assert refused(response)
            waits.append(int(response["Retry-After"]))
            clock.shift(timedelta(seconds=waits[-1]))
            fail(Client(), responder.email, 1, address=f"192.0.2.{len(waits)}")  # from anywhere
        assert waits == [60, 120, 240, 480, 900, 900]


@pytest.mark.django_db
def test_the_real_person_elsewhere_waits_no_longer_than_the_accounts_own_wait(responder):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        fail(Client(), responder.email, 5)
        person = Client()
        response = post(person, responder.email, PASSWORD, OFFICE)
        assert refused(response)
        assert "Wait 1 minute before trying again" in response.content.decode()
        assert "ask an administrator in your organisation" in response.content.decode()
        clock.shift(timedelta(seconds=61))
        response = post(person, responder.email, PASSWORD, OFFICE)
        assert response["Location"] == reverse("core:sign-in-code")
        person.post(reverse("core:sign-in-code"), {"otp_token": current_code(responder.test_device)})
        assert person.get(reverse("core:home")).status_code == 200


@pytest.mark.django_db
def test_a_browser_that_signed_in_before_gets_in_while_someone_is_guessing(responder, anytown):
    usual = sign_in_through_pages(responder)
    assert usual.cookies[throttle.DEVICE_COOKIE].value
    usual.post(reverse("core:sign-out"))
    colleagues = [make_user(anytown, Role.STAFF) for _ in range(5)]
    with time_machine.travel(timezone.now(), tick=False):
        # Someone guesses the person's password from elsewhere, and sprays the office's other accounts
        fail(Client(), responder.email, 5)
        for colleague in colleagues:
            fail(Client(), colleague.email, 4, address=OFFICE)
        response = post(Client(), responder.email, PASSWORD, OFFICE)
        assert refused(response)
        # The person's usual browser is judged by its own failures only
        response = post(usual, responder.email, PASSWORD, OFFICE)
        assert response["Location"] == reverse("core:sign-in-code")


@pytest.mark.django_db
def test_a_remembered_browser_that_keeps_failing_waits_too(responder):
    usual = sign_in_through_pages(responder)
    usual.post(reverse("core:sign-out"))
    with time_machine.travel(timezone.now(), tick=False):
        fail(usual, responder.email, 5, address=OFFICE)
        assert refused(post(usual, responder.email, PASSWORD, OFFICE))


@pytest.mark.django_db
def test_the_device_cookie_is_signed_and_for_one_account(responder, anytown):
    other = make_user(anytown, Role.STAFF)
    usual = sign_in_through_pages(other)  # a cookie for another account does not help
    usual.post(reverse("core:sign-out"))
    with time_machine.travel(timezone.now(), tick=False):
        fail(Client(), responder.email, 5)
        assert refused(post(usual, responder.email, PASSWORD, OFFICE))
        forged = Client()
        forged.cookies[throttle.DEVICE_COOKIE] = f"{throttle.account_key(responder.email)}:made-up"
        assert refused(post(forged, responder.email, PASSWORD, OFFICE))


@pytest.mark.django_db
def test_a_successful_sign_in_clears_the_persons_own_mistakes(responder):
    with time_machine.travel(timezone.now(), tick=False):
        fail(Client(), responder.email, 4, address=OFFICE)
        assert signs_in(post(Client(), responder.email, PASSWORD, OFFICE))
        fail(Client(), responder.email, 4, address=OFFICE)
        assert signs_in(post(Client(), responder.email, PASSWORD, OFFICE))
    assert not SignInAttempt.objects.exists()


@pytest.mark.django_db
def test_the_answer_never_says_whether_the_account_exists(responder):
    with time_machine.travel(timezone.now(), tick=False):
        fail(Client(), responder.email, 5)
        fail(Client(), "nobody@example.org", 5, address="192.0.2.200")
        real = post(Client(), responder.email, WRONG, OFFICE)
        made_up = post(Client(), "nobody@example.org", WRONG, OFFICE)
    assert real.status_code == made_up.status_code == 429
    assert real["Retry-After"] == made_up["Retry-After"]

    def page(response, email):
        text = response.content.decode().replace(email, "EMAIL")
        return re.sub(r'(nonce|value)="[^"]*"', "", text)

    assert page(real, responder.email) == page(made_up, "nobody@example.org")


@pytest.mark.django_db
def test_a_refused_attempt_is_answered_at_once_without_checking_the_password(responder):
    checked = []

    def count(sender, **kwargs):
        checked.append(1)

    user_login_failed.connect(count, dispatch_uid="throttle-test")
    try:
        with time_machine.travel(timezone.now(), tick=False):
            fail(Client(), responder.email, 5)
            assert len(checked) == 5
            response = post(Client(), responder.email, WRONG, ATTACKER)
            assert refused(response) and response["Retry-After"] == "60"
            assert len(checked) == 5
    finally:
        user_login_failed.disconnect(dispatch_uid="throttle-test")
    assert AuditEvent.objects.filter(actor=responder, action=AuditEvent.Action.LOCKED_OUT).count() == 1
    page = response.content.decode()
    assert "There is a problem" in page and "<title>Error: Sign in" in page


@pytest.mark.django_db
def test_parallel_guesses_count_each_other(responder):
    """Each attempt is written down before its password is checked, so attempts still being checked
    count against the ones after them."""
    factory = RequestFactory()
    with time_machine.travel(timezone.now(), tick=False):
        in_flight = [throttle.begin(factory.post("/sign-in", REMOTE_ADDR=ATTACKER), responder.email) for _ in range(5)]
        assert all(isinstance(a, throttle.Attempt) for a in in_flight)
        sixth = throttle.begin(factory.post("/sign-in", REMOTE_ADDR=ATTACKER), responder.email)
        assert isinstance(sixth, throttle.Refusal) and sixth.reason == "account"


# ---------------------------------------------------------------- an administrator lets them in

@pytest.mark.django_db
def test_an_administrator_lets_the_person_sign_in_now_and_it_is_audited(responder, anytown, bexford):
    administrator = make_user(anytown, Role.ADMINISTRATOR, Role.STAFF)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        fail(Client(), responder.email, 5)
        clock.shift(timedelta(seconds=60))
        fail(Client(), responder.email, 1)
        clock.shift(timedelta(seconds=120))
        fail(Client(), responder.email, 1)
        admin = sign_in_through_pages(administrator)
        page = admin.get(reverse("core:person-detail", kwargs={"public_id": responder.public_id})).content.decode()
        assert "7 in the last day" in page and "must wait" in page
        assert f"Let {responder.full_name} sign in now" in page

        # An administrator of another organisation cannot
        outsider = sign_in_through_pages(make_user(bexford, Role.ADMINISTRATOR, Role.STAFF))
        url = reverse("core:person-clear-sign-in-delay", kwargs={"public_id": responder.public_id})
        assert outsider.post(url).status_code == 404
        assert refused(post(Client(), responder.email, PASSWORD, OFFICE))

        response = admin.post(url)
        assert response["Location"] == reverse("core:person-detail", kwargs={"public_id": responder.public_id})
        event = AuditEvent.objects.get(actor=administrator, action=AuditEvent.Action.CHANGE,
                                       record_id=str(responder.public_id))
        assert event.description == "Sign-in delay cleared after 7 failed attempts"
        assert signs_in(post(Client(), responder.email, PASSWORD, OFFICE))


@pytest.mark.django_db
def test_people_without_the_people_role_cannot_clear_a_delay(responder, anytown):
    staff = sign_in_through_pages(make_user(anytown, Role.STAFF))
    url = reverse("core:person-clear-sign-in-delay", kwargs={"public_id": responder.public_id})
    assert staff.post(url).status_code == 403
    administrator = sign_in_through_pages(make_user(anytown, Role.ADMINISTRATOR, Role.STAFF))
    assert administrator.get(url).status_code == 405  # a change is only made by the button (POST)
