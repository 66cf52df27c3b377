"""Add an OpenID Connect identity provider (single sign-on, ADR 0035) from its discovery document, or
update the one with the same --slug. The client secret is not given here: --secret-variable names the
environment variable that will hold it on every machine Clearsight runs on."""

import re

import requests
from django.core.management.base import BaseCommand, CommandError

from clearsight.core.models import IdentityProvider, Organisation

ENDPOINTS = {
    "authorization_endpoint": "authorization_endpoint",
    "token_endpoint": "token_endpoint",
    "userinfo_endpoint": "userinfo_endpoint",
    "jwks_uri": "jwks_uri",
    "end_session_endpoint": "end_session_endpoint",
}


def read_discovery(url, timeout=15):
    """The provider's endpoints from its discovery document (…/.well-known/openid-configuration)."""
    if not url.rstrip("/").endswith("/.well-known/openid-configuration"):
        url = url.rstrip("/") + "/.well-known/openid-configuration"
    response = requests.get(url, timeout=timeout)
    response.raise_for_status()
    document = response.json()
    missing = [
        key
        for key in ("issuer", "authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri")
        if not document.get(key)
    ]
    if missing:
        raise CommandError(f"The discovery document at {url} has no {', '.join(missing)}.")
    algorithms = document.get("id_token_signing_alg_values_supported") or ["RS256"]
    found = {"issuer": document["issuer"], **{field: document.get(key) or "" for field, key in ENDPOINTS.items()}}
    found["signing_algorithm"] = "RS256" if "RS256" in algorithms else algorithms[0]
    return found


class Command(BaseCommand):
    help = (
        "Add (or update) an identity provider people of one organisation sign in with, from the provider's "
        "discovery document. Their Clearsight accounts must already exist; their roles stay Clearsight's."
    )

    def add_arguments(self, parser):
        parser.add_argument("discovery_url", help="the issuer, or its .well-known/openid-configuration address")
        parser.add_argument("--name", required=True, help="shown on the sign-in page: 'Sign in with NAME'")
        parser.add_argument("--slug", required=True, help="short name for the sign-in address, like 'anytown'")
        parser.add_argument("--organisation", required=True, help="the organisation's name in Clearsight")
        parser.add_argument(
            "--domain",
            action="append",
            required=True,
            dest="domains",
            help="an email domain its people have (give it once for each domain)",
        )
        parser.add_argument("--client-id", required=True)
        parser.add_argument(
            "--secret-variable",
            required=True,
            help="the NAME of the environment variable holding the client secret (not the secret)",
        )
        parser.add_argument("--mfa-acr", default="", help="'acr' values that mean multi-factor, separated by spaces")
        parser.add_argument(
            "--no-trust-mfa",
            action="store_true",
            help="always ask for Clearsight's own security code, whatever the provider says",
        )

    def handle(self, *args, **options):
        if not re.fullmatch(r"[A-Z_][A-Z0-9_]*", options["secret_variable"]):
            raise CommandError(
                "--secret-variable takes the name of an environment variable, like "
                "CLEARSIGHT_OIDC_ANYTOWN_SECRET, never the secret itself."
            )
        organisation = Organisation.objects.filter(name=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"There is no organisation called {options['organisation']!r}.")
        try:
            found = read_discovery(options["discovery_url"])
        except requests.RequestException as problem:
            raise CommandError(f"Could not read the discovery document: {problem}") from problem
        provider, created = IdentityProvider.objects.update_or_create(
            slug=options["slug"],
            defaults={
                **found,
                "name": options["name"],
                "organisation": organisation,
                "email_domains": " ".join(d.strip().lower().lstrip("@") for d in options["domains"]),
                "client_id": options["client_id"],
                "client_secret_variable": options["secret_variable"],
                "mfa_acr_values": options["mfa_acr"],
                "trusts_mfa": not options["no_trust_mfa"],
                "is_active": True,
            },
        )
        self.stdout.write(f"{'Added' if created else 'Updated'} identity provider {provider.slug} ({provider.issuer}).")
        self.stdout.write(
            f"Register this redirect address with the provider: <site>/sign-in/callback, and for "
            f"signing out: <site>/sign-in. Set {provider.client_secret_variable} to the client secret."
        )
