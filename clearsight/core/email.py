"""Every email Clearsight sends goes through here (ADR 0034): a page or a task *queues* it, and the task
worker *sends* it, never the request.

- ``queue(key, to, subject, body)`` records an ``OutboundEmail`` and enqueues the ``send_email`` task in
  the same transaction, so an email exists exactly when the work that wrote it was saved. The key names
  the message: queuing the same key again (a task run a second time, ADR 0031) sends nothing more.
- ``send_email`` sends it through GOV.UK Notify (``CLEARSIGHT_EMAIL=notify``) or Django's email backend
  (SMTP, or the console on a laptop). A failure the provider may get over (a 5xx, 429, a lost
  connection) is tried again later, waiting longer each time; one it will not (any other 4xx: a bad
  address, a wrong template or key) fails at once. Either way the attempt and the error are recorded.
- Notify sends from one template with two placeholders, ((subject)) and ((body)): Clearsight writes
  the words and Notify only delivers them.
- Before sending again an email whose earlier run was cut short after asking Notify, Notify is asked
  whether it already has it (by its reference), so that it is not sent twice.

Emails carry no special-category personal data: the senders write only references, titles, dates and
links to sign in. The subject and body are emptied once the email is sent or has failed for good.
"""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django_tasks import task

from .models import OutboundEmail

logger = logging.getLogger("clearsight.email")

# Tried this many times in all (about 4 hours with the waits below), then failed for good.
MAX_ATTEMPTS = 8
FIRST_WAIT_SECONDS = 60
LONGEST_WAIT_SECONDS = 60 * 60

# Sent (sender=OutboundEmail, outbound=...) when an email has failed for good, so that the context that
# queued it can act (a supplier's link nobody received is withdrawn). Receivers look at ``outbound.key``.
email_failed = Signal()


class PermanentFailure(Exception):
    """The provider refused the email for a reason that trying again will not mend."""


# ---------------------------------------------------------------- queuing (in a page or a task)


def message_key(*parts) -> str:
    """A key from the parts that name a message (what it is about, which event, which day...)."""
    key = ":".join(str(part) for part in parts)
    if len(key) > 200:
        key = key[:130] + ":" + hashlib.sha256(key.encode()).hexdigest()
    return key


def queue(key: str, to: str, subject: str, body: str, *, organisation=None) -> OutboundEmail:
    """Queue one email to one address, to be sent by the task worker. ``key`` names the message: if an
    email with this key and address was queued before, nothing more is queued or sent."""
    full_key = message_key(key, to.lower())
    with transaction.atomic():
        outbound, created = OutboundEmail.objects.get_or_create(
            key=full_key,
            defaults={"to": to, "subject": subject[:500], "body": body, "organisation": organisation},
        )
        if created:
            send_email.enqueue(outbound.pk)
    return outbound


def queue_message(key: str, message: EmailMessage, *, organisation=None) -> list[OutboundEmail]:
    """Queue a Django EmailMessage: one email to each of its recipients, none seeing the others."""
    return [queue(key, to, message.subject, message.body, organisation=organisation) for to in message.to]


# ---------------------------------------------------------------- sending (in the task worker)


def provider() -> str:
    return getattr(settings, "CLEARSIGHT_EMAIL", "django") or "django"


def notify_reference(outbound: OutboundEmail) -> str:
    """What Notify is told to call the email: it names no one, and is the same every time it is sent."""
    return "clearsight-" + hashlib.sha256(outbound.key.encode()).hexdigest()[:40]


def notify_client():
    from notifications_python_client.notifications import NotificationsAPIClient

    if not settings.NOTIFY_API_KEY or not settings.NOTIFY_TEMPLATE_ID:
        raise ImproperlyConfigured("CLEARSIGHT_EMAIL=notify needs NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID")
    return NotificationsAPIClient(
        settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=settings.NOTIFY_TIMEOUT_SECONDS
    )


def _notify_send(outbound: OutboundEmail) -> str:
    response = notify_client().send_email_notification(
        email_address=outbound.to,
        template_id=settings.NOTIFY_TEMPLATE_ID,
        personalisation={"subject": outbound.subject, "body": outbound.body},
        reference=notify_reference(outbound),
    )
    return str(response["id"])


def _notify_already_has(outbound: OutboundEmail) -> str:
    """Notify's id for this email if Notify already has it (an earlier run asked and was cut short)."""
    found = notify_client().get_all_notifications(template_type="email", reference=notify_reference(outbound))
    notifications = found.get("notifications") or []
    return str(notifications[0]["id"]) if notifications else ""


def _django_send(outbound: OutboundEmail) -> str:
    EmailMessage(subject=outbound.subject, body=outbound.body, to=[outbound.to]).send()
    return ""


def is_permanent(error: BaseException) -> bool:
    """Whether trying again cannot help: Notify said 4xx (other than 429, too many requests), an address
    was refused by the mail server, or the configuration is wrong."""
    import smtplib

    from notifications_python_client.errors import APIError

    if isinstance(error, (PermanentFailure, ImproperlyConfigured)):
        return True
    if isinstance(error, APIError):
        return 400 <= error.status_code < 500 and error.status_code != 429
    return isinstance(error, smtplib.SMTPRecipientsRefused)


def describe(error: BaseException) -> str:
    from notifications_python_client.errors import APIError

    if isinstance(error, APIError):
        message = error.message
        if isinstance(message, list):
            message = "; ".join(
                f"{item.get('error', '')}: {item.get('message', '')}" for item in message if isinstance(item, dict)
            )
        return f"{provider().capitalize()} answered {error.status_code}: {message}"[:500]
    return f"{type(error).__name__}: {error}"[:500]


def retry_wait(attempts: int) -> timedelta:
    """How long to wait after the n-th failed attempt: a minute, doubling, at most an hour."""
    return timedelta(seconds=min(LONGEST_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** max(attempts - 1, 0)))


def _claim(outbound_id: int):
    """Mark the email SENDING and count the attempt (committed before the provider is asked). Returns
    (email, whether an earlier attempt was cut short while sending), or (None, False) if there is
    nothing to send."""
    with transaction.atomic():
        outbound = OutboundEmail.objects.select_for_update().filter(pk=outbound_id).first()
        if outbound is None or outbound.status in (OutboundEmail.Status.SENT, OutboundEmail.Status.FAILED):
            return None, False
        cut_short = outbound.status == OutboundEmail.Status.SENDING
        outbound.status = OutboundEmail.Status.SENDING
        outbound.attempts += 1
        outbound.provider = provider()
        outbound.save(update_fields=["status", "attempts", "provider"])
    return outbound, cut_short


def _record_sent(outbound: OutboundEmail, provider_id: str):
    OutboundEmail.objects.filter(pk=outbound.pk).update(
        status=OutboundEmail.Status.SENT, provider_id=provider_id[:100], sent_at=timezone.now(), last_error="", body=""
    )


def _record_failure(outbound: OutboundEmail, error: BaseException) -> str:
    message = describe(error)
    if is_permanent(error) or outbound.attempts >= MAX_ATTEMPTS:
        OutboundEmail.objects.filter(pk=outbound.pk).update(
            status=OutboundEmail.Status.FAILED, last_error=message, body=""
        )
        logger.warning("Email %s failed for good after %d attempt(s): %s", outbound.pk, outbound.attempts, message)
        outbound.refresh_from_db()
        email_failed.send(sender=OutboundEmail, outbound=outbound)
        return OutboundEmail.Status.FAILED
    wait = retry_wait(outbound.attempts)
    with transaction.atomic():
        OutboundEmail.objects.filter(pk=outbound.pk).update(status=OutboundEmail.Status.QUEUED, last_error=message)
        later = (
            send_email.using(run_after=timezone.now() + wait) if send_email.get_backend().supports_defer else send_email
        )
        later.enqueue(outbound.pk)
    logger.warning(
        "Email %s could not be sent (attempt %d): %s; trying again in %s", outbound.pk, outbound.attempts, message, wait
    )
    return OutboundEmail.Status.QUEUED


@task()
def send_email(outbound_id: int) -> str:
    """Send one queued email (run by the task worker). Safe to run again: a sent email is not sent again."""
    outbound, cut_short = _claim(outbound_id)
    if outbound is None:
        return "nothing to send"
    try:
        if provider() == "notify":
            provider_id = _notify_already_has(outbound) if cut_short else ""
            provider_id = provider_id or _notify_send(outbound)
        elif provider() == "django":
            provider_id = _django_send(outbound)
        else:
            raise ImproperlyConfigured(f"CLEARSIGHT_EMAIL is {provider()!r}: it must be 'django' or 'notify'")
    except Exception as error:  # noqa: BLE001 - every failure is recorded, and tried again if it may pass
        return _record_failure(outbound, error)
    _record_sent(outbound, provider_id)
    return OutboundEmail.Status.SENT
