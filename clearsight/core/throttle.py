"""Sign-in throttling (ADR 0025): after repeated failures, each further attempt waits a growing time.

Failures are counted for the account typed (whether or not it exists, so the answer never says) and
for the address the attempt came from, over a window (a day by default):

* **account**: a few failures are free, then the wait starts short and grows slowly to a short cap
  (1, 2, 4, 8, then 15 minutes), so guessing one person's password from many addresses is slow, and
  no one can shut a first responder out for long;
* **address**: more failures are free (an office shares one address), then the wait grows fast to a
  day, so one address guessing across many accounts is stopped;
* **a browser that has signed in to the account before** (it holds a signed "device" cookie naming
  the account) is judged only by its own failures, so the real person gets in from their usual
  browser even while someone elsewhere is guessing, or is spraying passwords from the same office.

A successful sign-in clears the failures the person made from that address or browser (their own
typing mistakes); an attacker's failures elsewhere stay. An administrator can clear an account's
failures from the person's page (audited).

Nothing here sleeps: an attempt that must wait is refused at once, saying how long to wait. Each
attempt is written down before the password is checked and judged by the attempts written before
it, so a burst of parallel guesses cannot all slip through together. The email address typed is not
kept: ``account`` is a keyed hash of it.
"""

import ipaddress
import math
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.crypto import salted_hmac

DEVICE_COOKIE = "clearsight_device"
DEVICE_COOKIE_AGE = timedelta(days=180)
_SALT = "clearsight.core.throttle"


@dataclass(frozen=True)
class Rule:
    """``free`` failures cost nothing; after that the next attempt waits ``first``, and each further
    failure multiplies the wait by ``factor``, up to ``cap``."""

    free: int
    first: timedelta
    factor: float
    cap: timedelta

    @classmethod
    def from_settings(cls, name):
        return cls(**settings.SIGN_IN_THROTTLE[name])


def delay(failures: int, rule: Rule) -> timedelta:
    """How long after the last of ``failures`` failures the next attempt must wait."""
    if failures < rule.free:
        return timedelta(0)
    steps = failures - rule.free
    first, cap = rule.first.total_seconds(), rule.cap.total_seconds()
    if first <= 0:
        return timedelta(0)
    if rule.factor > 1 and steps > math.log(cap / first, rule.factor):
        return rule.cap
    return min(rule.cap, timedelta(seconds=first * rule.factor ** steps))


def remaining(failures: int, last, rule: Rule, now) -> timedelta:
    """How much longer the next attempt must wait, given ``failures`` failures, the last at ``last``."""
    if not failures or last is None:
        return timedelta(0)
    return max(timedelta(0), last + delay(failures, rule) - now)


def wait_text(wait: timedelta) -> str:
    """'1 minute', '15 minutes', '3 hours': rounded up, so waiting that long is always enough."""
    minutes = max(1, math.ceil(wait.total_seconds() / 60))
    if minutes <= 90:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours = math.ceil(minutes / 60)
    return f"{hours} hours"


def account_key(email: str) -> str:
    """A keyed hash of the email address typed, so the table of failures holds no addresses."""
    return salted_hmac(_SALT, (email or "").strip().lower(), algorithm="sha256").hexdigest()


def address_key(ip: str | None) -> str:
    """The client's address; IPv6 addresses by their /64 network (one household or office has a whole
    /64, so counting single addresses would let one attacker use millions)."""
    if not ip:
        return ""
    try:
        parsed = ipaddress.ip_address(ip)
    except ValueError:
        return ""
    if parsed.version == 6:
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


@dataclass(frozen=True)
class Refusal:
    wait: timedelta
    reason: str  # "account" or "address"

    @property
    def message(self) -> str:
        wait = wait_text(self.wait)
        if self.reason == "address":
            return (f"There have been too many attempts to sign in from your network. Wait {wait} before trying "
                    "again.")
        return (f"There have been too many attempts to sign in with this email address. Wait {wait} before trying "
                "again, or ask an administrator in your organisation to let you sign in now.")


def _window_start(now):
    return now - settings.SIGN_IN_THROTTLE_WINDOW


def _failures(queryset, now):
    row = queryset.filter(at__gt=_window_start(now)).aggregate(count=Count("id"), last=Max("at"))
    return row["count"], row["last"]


def _device_nonce(request, key):
    """The nonce of this browser's device cookie if it was given for this account, else ''."""
    value = request.get_signed_cookie(DEVICE_COOKIE, default=None, salt=_SALT,
                                      max_age=DEVICE_COOKIE_AGE.total_seconds())
    if not value or ":" not in value:
        return ""
    cookie_account, nonce = value.split(":", 1)
    return nonce if secrets.compare_digest(cookie_account, key) else ""


class Attempt:
    """One sign-in attempt that may go ahead: written down as a failure until it succeeds."""

    def __init__(self, row, device):
        self.row = row
        self.device = device

    def failed(self):
        """The password was wrong: the attempt stays counted."""

    def succeeded(self, response):
        """The password was right: forget this attempt and the person's own earlier failures (from this
        address, or from this browser), and remember the browser for next time."""
        from .models import SignInAttempt

        row = self.row
        mine = SignInAttempt.objects.filter(account=row.account)
        if self.device:
            mine.filter(device=self.device).delete()
        mine.filter(device="", address=row.address).delete()
        SignInAttempt.objects.filter(pk=row.pk).delete()
        nonce = self.device or secrets.token_urlsafe(16)
        response.set_signed_cookie(DEVICE_COOKIE, f"{row.account}:{nonce}", salt=_SALT,
                                   max_age=int(DEVICE_COOKIE_AGE.total_seconds()),
                                   secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax")
        return response


def begin(request, email):
    """Check a sign-in attempt before its password is checked. Returns a Refusal (it must wait; it is
    not counted) or an Attempt (go ahead; report how it went with ``failed`` or ``succeeded``)."""
    from .middleware import client_ip
    from .models import SignInAttempt

    now = timezone.now()
    key, address = account_key(email), address_key(client_ip(request))
    device = _device_nonce(request, key)
    SignInAttempt.objects.filter(at__lte=_window_start(now)).delete()
    row = SignInAttempt.objects.create(at=now, account=key, address=address, device=device)
    earlier = SignInAttempt.objects.filter(pk__lt=row.pk)
    account_rule = Rule.from_settings("account")
    if device:
        # A browser that signed in to this account before: only its own failures count.
        checks = [("account", earlier.filter(account=key, device=device), account_rule)]
    else:
        checks = [("account", earlier.filter(account=key, device=""), account_rule)]
        if address:
            checks.append(("address", earlier.filter(address=address, device=""), Rule.from_settings("address")))
    waits = []
    for reason, rows, rule in checks:
        count, last = _failures(rows, now)
        wait = remaining(count, last, rule, now)
        if wait:
            waits.append(Refusal(wait, reason))
    if waits:
        row.delete()
        return max(waits, key=lambda refusal: refusal.wait)
    return Attempt(row, device)


@dataclass(frozen=True)
class AccountState:
    failures: int
    wait: timedelta
    last: object

    @property
    def waiting(self) -> bool:
        return self.wait > timedelta(0)

    @property
    def wait_words(self) -> str:
        return wait_text(self.wait)


def account_state(email) -> AccountState:
    """The failures counted against an account from browsers it has not signed in from, and how long
    such a browser must wait now (what an administrator sees and can clear)."""
    from .models import SignInAttempt

    now = timezone.now()
    count, last = _failures(SignInAttempt.objects.filter(account=account_key(email), device=""), now)
    return AccountState(count, remaining(count, last, Rule.from_settings("account"), now), last)


def clear_account(email) -> int:
    """Forget every failure counted against an account (an administrator lets the person sign in)."""
    from .models import SignInAttempt

    deleted, _ = SignInAttempt.objects.filter(account=account_key(email)).delete()
    return deleted
