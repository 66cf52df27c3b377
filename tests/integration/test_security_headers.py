"""Every page is sent with a strict Content Security Policy and without caching of personal data."""

import re

import pytest
from django.urls import reverse

from clearsight.core.roles import Role

pytestmark = pytest.mark.django_db


def test_pages_have_a_strict_content_security_policy(client):
    response = client.get(reverse("core:sign-in"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert "'unsafe-inline'" not in script_src and "http" not in script_src
    nonce = re.search(r"'nonce-([^']+)'", script_src).group(1)
    # The one inline script carries the nonce; there are no others.
    page = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", page)
    assert inline and all(f'nonce="{nonce}"' in attrs for attrs in inline)
    assert response["X-Frame-Options"] == "DENY"


def test_pages_with_personal_data_are_not_cached(client, sign_in, administrator):
    sign_in(client, administrator)
    response = client.get(reverse("core:people"))
    assert "no-store" in response["Cache-Control"]


def test_stylesheet_and_fonts_are_served_from_this_site(client, db):
    page = client.get(reverse("core:sign-in")).content.decode()
    links = re.findall(r'(?:href|src)="([^"]+)"', page)
    assert any(link.startswith("/static/") and link.endswith(".css") for link in links)
    assert [link for link in links if "//" in link or link.startswith("http")] == []


def test_errors_use_the_service_pages(client, sign_in, user_with):
    sign_in(client, user_with(Role.STAFF))
    assert "Page not found" in client.get("/no-such-page").content.decode()
    assert "You do not have access to this page" in client.get(reverse("core:audit-log")).content.decode()
