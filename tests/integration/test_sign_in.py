"""Signing in: password, two factors, waiting after repeated failures, and session time limits."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role

from ..factories import PASSWORD, current_code

pytestmark = pytest.mark.django_db


def test_a_role_that_sees_personal_data_must_enter_a_security_code(client, user_with):
    user = user_with(Role.CASEWORKER)
    response = client.post(reverse("core:sign-in"), {"email": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("core:sign-in-code")
    # Until the code is entered, every other page sends them back to it
    assert client.get(reverse("core:home"))["Location"] == reverse("core:sign-in-code")
    page = client.get(reverse("core:sign-in-code")).content.decode()
    assert 'autocomplete="one-time-code"' in page
    client.post(reverse("core:sign-in-code"), {"otp_token": current_code(user.test_device)})
    assert client.get(reverse("core:home")).status_code == 200


def test_a_board_member_sees_no_personal_data_and_needs_no_second_factor(client, user_with):
    user = user_with(Role.BOARD_MEMBER, with_device=False)
    response = client.post(reverse("core:sign-in"), {"email": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("core:home")
    assert client.get(reverse("core:home")).status_code == 200


def test_someone_without_an_authenticator_must_set_one_up_first(client, user_with):
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = user_with(Role.FIRST_RESPONDER, with_device=False)
    response = client.post(reverse("core:sign-in"), {"email": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("core:two-factor-setup")
    page = client.get(reverse("core:two-factor-setup")).content.decode()
    assert "<svg" in page  # the QR code, drawn on the server
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    bad = client.post(reverse("core:two-factor-setup"), {"otp_token": "12345"})
    assert "Enter the 6-digit security code" in bad.content.decode()
    code = f"{TOTP(device.bin_key).token():06d}"
    response = client.post(reverse("core:two-factor-setup"), {"otp_token": code})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("core:home")).status_code == 200
    assert AuditEvent.objects.filter(actor=user, action=AuditEvent.Action.TWO_FACTOR_SET_UP).exists()


def test_wrong_password_shows_an_error_and_keeps_the_email(client, user_with):
    user = user_with(Role.STAFF)
    page = client.post(reverse("core:sign-in"), {"email": user.email, "password": "wrong-password-1"}).content.decode()
    assert "There is a problem" in page
    assert "The email address or password is not right" in page
    assert f'value="{user.email}"' in page
    assert "wrong-password-1" not in page


def test_empty_sign_in_form_says_what_is_missing(client, db):
    page = client.post(reverse("core:sign-in"), {}).content.decode()
    assert '<a href="#id_email">Enter your email address</a>' in page
    assert '<a href="#id_password">Enter your password</a>' in page
    assert "<title>Error: Sign in" in page


def test_sign_in_waits_after_repeated_failures(client, settings, user_with):
    user = user_with(Role.STAFF)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(settings.SIGN_IN_THROTTLE["account"]["free"]):
            client.post(reverse("core:sign-in"), {"email": user.email, "password": "wrong-password-1"})
        # Even the right password is refused for now, and the page says for how long
        response = client.post(reverse("core:sign-in"), {"email": user.email, "password": PASSWORD})
        assert response.status_code == 429
        assert "Wait 1 minute before trying again" in response.content.decode()
        assert AuditEvent.objects.filter(actor=user, action=AuditEvent.Action.LOCKED_OUT).exists()
        assert not client.get(reverse("core:home")).status_code == 200
        # After the wait, the right password works (throttling is covered in tests/security)
        clock.shift(timedelta(minutes=1))
        response = client.post(reverse("core:sign-in"), {"email": user.email, "password": PASSWORD})
        assert response.status_code == 302


def test_idle_session_is_signed_out(client, settings, sign_in, user_with):
    user = user_with(Role.STAFF)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, user)
        assert client.get(reverse("core:home")).status_code == 200
        clock.shift(settings.IDLE_TIMEOUT - timedelta(minutes=1))
        assert client.get(reverse("core:home")).status_code == 200  # activity resets the idle clock
        clock.shift(settings.IDLE_TIMEOUT + timedelta(seconds=1))
        response = client.get(reverse("core:home"))
        assert response["Location"] == reverse("core:sign-in")
        page = client.get(response["Location"]).content.decode()
        assert "had not done anything for 15 minutes" in page
    assert AuditEvent.objects.filter(actor=user, action=AuditEvent.Action.TIMED_OUT).exists()


def test_session_ends_after_the_absolute_limit_even_when_active(client, settings, sign_in, user_with):
    user = user_with(Role.STAFF)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, user)
        client.get(reverse("core:home"))
        elapsed = timedelta()
        step = settings.IDLE_TIMEOUT - timedelta(minutes=1)
        while elapsed + step < settings.ABSOLUTE_TIMEOUT:
            clock.shift(step)
            elapsed += step
            assert client.get(reverse("core:home")).status_code == 200
        clock.shift(step)
        assert client.get(reverse("core:home"))["Location"] == reverse("core:sign-in")


def test_timeouts_are_settings(client, settings, sign_in, user_with):
    settings.IDLE_TIMEOUT = timedelta(minutes=2)
    user = user_with(Role.STAFF)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, user)
        client.get(reverse("core:home"))
        clock.shift(timedelta(minutes=3))
        assert client.get(reverse("core:home"))["Location"] == reverse("core:sign-in")


def test_passwords_must_be_long_and_not_common(db):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("short1", "password123456", "123456789012"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("correct-horse-battery-staple")


def test_next_page_after_sign_in_stays_on_this_site(client, user_with):
    user = user_with(Role.BOARD_MEMBER, with_device=False)
    client.get(reverse("core:sign-in"), {"next": "https://evil.example/steal"})
    response = client.post(reverse("core:sign-in"), {"email": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("core:home")


def test_protected_page_returns_to_itself_after_sign_in(client, user_with):
    user = user_with(Role.BOARD_MEMBER, with_device=False)
    response = client.get(reverse("core:organisations"))
    assert response["Location"].startswith(reverse("core:sign-in"))
    client.get(response["Location"])
    response = client.post(reverse("core:sign-in"), {"email": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("core:organisations")
