"""Security tests sign in as an attacker would: through the sign-in pages with a password and a
security code from the authenticator, never with force_login."""

import pytest
from django.test import Client
from django.urls import reverse

from ..factories import PASSWORD, current_code


def sign_in_through_pages(user, client=None, *, organisation=None):
    """A client signed in as ``user`` through the sign-in pages (password, then the security code
    when the user has an authenticator). Fails the test if sign-in does not complete. A security code
    is accepted once only, so sign each user in once per test and keep the client."""
    client = client or Client()
    response = client.post(reverse("core:sign-in"), {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302, "the password was not accepted"
    if response["Location"] == reverse("core:sign-in-code"):
        response = client.post(reverse("core:sign-in-code"), {"otp_token": current_code(user.test_device)})
        assert response.status_code == 302, "the security code was not accepted"
    return client


@pytest.fixture
def signed_in():
    """signed_in(user) -> a fresh client signed in as that user through the pages."""
    return sign_in_through_pages
