"""After the idle sign-out, signing in again returns a person to the page they were on; the warning's
"how long is left" and "stay signed in" (issue 17, WCAG 2.2.1); and the security code's wait after
a wrong code is said, not taken for a wrong code."""

import json
from datetime import timedelta
from urllib.parse import urlencode

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from clearsight.core.roles import Role

from ..factories import PASSWORD, current_code

pytestmark = pytest.mark.django_db


def sign_in_url(next_path):
    return f"{reverse('core:sign-in')}?{urlencode({'next': next_path})}"


def wrong_code(device):
    return f"{(int(current_code(device)) + 500_000) % 1_000_000:06d}"


def test_signing_in_after_the_idle_sign_out_returns_to_the_page(client, settings, sign_in, administrator, user_with):
    """Given an administrator looking at a person's page, when they come back after the idle time
    and open it again, then they are asked to sign in with that page (its path, an id, no name) to
    return to, told why, and after signing in with both factors they are on that page again."""
    person = user_with(Role.CASEWORKER)
    page = reverse("core:person-detail", kwargs={"public_id": person.public_id})
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, administrator)
        assert client.get(page).status_code == 200
        clock.shift(settings.IDLE_TIMEOUT + timedelta(seconds=1))
        response = client.get(page, {"search": "Jane Smith"})
        assert response["Location"] == sign_in_url(page)  # the path only: nothing typed goes in a URL
        sign_in_page = client.get(response["Location"]).content.decode()
        assert "had not done anything for 15 minutes" in sign_in_page
        response = client.post(response["Location"], {"email": administrator.email, "password": PASSWORD})
        assert response["Location"] == reverse("core:sign-in-code")
        response = client.post(reverse("core:sign-in-code"), {"otp_token": current_code(administrator.test_device)})
        assert response["Location"] == page


def test_a_form_sent_after_the_idle_sign_out_returns_to_the_form_not_where_it_was_sent(
    client, settings, sign_in, administrator, user_with
):
    """Given an administrator on a person's page, when they press a button there whose form goes to
    another address after the idle time, then they return to the person's page after signing in."""
    person = user_with(Role.CASEWORKER)
    page = reverse("core:person-detail", kwargs={"public_id": person.public_id})
    target = reverse("core:person-clear-sign-in-delay", kwargs={"public_id": person.public_id})
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, administrator)
        assert client.get(page).status_code == 200
        clock.shift(settings.IDLE_TIMEOUT + timedelta(seconds=1))
        response = client.post(target, {}, HTTP_REFERER=f"http://testserver{page}?tab=roles")
        assert response["Location"] == sign_in_url(page)


def test_a_referer_from_another_site_is_not_followed(client, settings, sign_in, administrator):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, administrator)
        client.get(reverse("core:home"))
        clock.shift(settings.IDLE_TIMEOUT + timedelta(seconds=1))
        response = client.post(reverse("core:people"), {}, HTTP_REFERER="https://evil.example/people")
        assert response["Location"] == reverse("core:sign-in")


@pytest.mark.parametrize(
    "next_url",
    [
        "//evil.example/people",
        "https://evil.example/",
        "http://testserver/people",
        "javascript:alert(1)",
        "/\\evil.example",
        reverse("core:sign-out"),
    ],
)
def test_only_a_path_on_this_site_is_returned_to(client, user_with, next_url):
    user = user_with(Role.BOARD_MEMBER, with_device=False)
    client.get(reverse("core:sign-in"), {"next": next_url})
    response = client.post(reverse("core:sign-in"), {"email": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("core:home")


def test_a_query_string_is_never_returned_to(client, user_with):
    user = user_with(Role.BOARD_MEMBER, with_device=False)
    client.get(reverse("core:sign-in"), {"next": "/organisations?name=Jane+Smith"})
    response = client.post(reverse("core:sign-in"), {"email": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("core:organisations")


def status(client):
    return json.loads(client.get(reverse("core:session-status")).content)


def test_asking_how_long_is_left_does_not_keep_the_session_alive(client, settings, sign_in, user_with):
    """Given a page left open, when its script asks how long is left, then it learns the time left,
    and asking does not count as activity: the session still ends on time."""
    user = user_with(Role.STAFF)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, user)
        client.get(reverse("core:home"))
        clock.shift(settings.IDLE_TIMEOUT - timedelta(minutes=1))
        assert status(client) == {"signed_in": True, "remaining": 60, "limit": "idle"}
        clock.shift(timedelta(seconds=61))
        assert status(client) == {"signed_in": False, "remaining": 0}
        # Signed out, and the sign-in page the script goes to says why.
        assert "had not done anything for 15 minutes" in client.get(reverse("core:sign-in")).content.decode()
        assert client.get(reverse("core:home"))["Location"].startswith(reverse("core:sign-in"))


def test_staying_signed_in_starts_the_idle_time_again(client, settings, sign_in, user_with):
    """Given the warning, when the person chooses to stay signed in, then they have the whole idle
    time again."""
    user = user_with(Role.STAFF)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, user)
        client.get(reverse("core:home"))
        clock.shift(settings.IDLE_TIMEOUT - timedelta(minutes=1))
        answer = client.post(reverse("core:session-extend"), HTTP_ACCEPT="application/json")
        assert json.loads(answer.content) == {
            "signed_in": True,
            "remaining": int(settings.IDLE_TIMEOUT.total_seconds()),
            "limit": "idle",
        }
        clock.shift(settings.IDLE_TIMEOUT - timedelta(minutes=1))
        assert client.get(reverse("core:home")).status_code == 200


def test_staying_signed_in_without_a_script_returns_to_the_page(client, sign_in, user_with):
    user = user_with(Role.STAFF)
    sign_in(client, user)
    response = client.post(reverse("core:session-extend"), HTTP_REFERER=f"http://testserver{reverse('core:account')}")
    assert response["Location"] == reverse("core:account")


def test_the_warning_cannot_extend_the_longest_a_session_lasts(client, settings, sign_in, user_with):
    settings.ABSOLUTE_TIMEOUT = timedelta(minutes=30)
    user = user_with(Role.STAFF)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, user)
        client.get(reverse("core:home"))
        for _ in range(2):
            clock.shift(timedelta(minutes=14, seconds=30))
            client.get(reverse("core:home"))
        client.post(reverse("core:session-extend"), HTTP_ACCEPT="application/json")
        assert status(client) == {"signed_in": True, "remaining": 60, "limit": "absolute"}


def test_pages_carry_the_times_for_the_warning_and_no_inline_script(client, settings, sign_in, user_with):
    settings.IDLE_TIMEOUT, settings.IDLE_WARNING = timedelta(minutes=20), timedelta(minutes=3)
    user = user_with(Role.STAFF)
    signed_out = client.get(reverse("core:sign-in")).content.decode()
    assert 'data-signed-in="false"' in signed_out and "<dialog" not in signed_out
    sign_in(client, user)
    page = client.get(reverse("core:home")).content.decode()
    assert 'data-idle-seconds="1200"' in page and 'data-warn-seconds="180"' in page
    assert "<dialog" in page and "Stay signed in" in page and "session-timeout.js" in page
    owner = page.split('data-owner="')[1].split('"')[0]  # whose drafts: a keyed hash, not the person's id
    assert len(owner) == 24 and str(user.public_id) not in page


def test_the_right_code_straight_after_a_wrong_one_is_told_to_wait(client, user_with):
    """Given a caseworker who typed a wrong security code, when they type the right one at once, then
    they are told that the code was not checked and how long to wait, not that it is wrong; after
    the wait the right code signs them in."""
    user = user_with(Role.CASEWORKER)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.post(reverse("core:sign-in"), {"email": user.email, "password": PASSWORD})
        wrong = client.post(reverse("core:sign-in-code"), {"otp_token": wrong_code(user.test_device)}).content.decode()
        assert "The security code is not right" in wrong
        response = client.post(reverse("core:sign-in-code"), {"otp_token": current_code(user.test_device)})
        page = response.content.decode()
        assert response.status_code == 429 and response["Retry-After"] == "1"
        assert "Your last security code was not right, so wait 1 second before trying again" in page
        assert "not right, or it has expired" not in page
        assert '<a href="#id_otp_token">' in page
        clock.shift(timedelta(seconds=1))
        response = client.post(reverse("core:sign-in-code"), {"otp_token": current_code(user.test_device)})
        assert response["Location"] == reverse("core:home")


def test_the_wait_grows_after_more_wrong_codes_and_is_said_in_seconds(client, user_with):
    user = user_with(Role.CASEWORKER)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.post(reverse("core:sign-in"), {"email": user.email, "password": PASSWORD})
        for _ in range(3):
            client.post(reverse("core:sign-in-code"), {"otp_token": wrong_code(user.test_device)})
            clock.shift(timedelta(seconds=10))
        clock.shift(timedelta(seconds=-10))  # just after the third wrong code: 4 seconds to wait
        page = client.post(reverse("core:sign-in-code"), {"otp_token": current_code(user.test_device)}).content.decode()
        assert "wait 4 seconds before trying again" in page
