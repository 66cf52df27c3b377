"""Background work for concerns, run by the django-tasks worker."""

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from clearsight.core import email


@task()
def email_overdue_action(action_id: int):
    """Tell an overdue action's owner and their team managers. The email holds no personal data:
    only the concern reference and what is overdue, with a link to sign in."""
    from .models import Action
    from .services import managers_of

    action = Action.objects.select_related("concern", "owner").get(pk=action_id)
    if action.status != Action.Status.OPEN:
        return 0
    recipients = {action.owner.email} | {m.email for m in managers_of(action.concern.handling_organisation)}
    link = f"{settings.SITE_URL}/actions/{action.public_id}"
    body = (
        f"An action on concern {action.concern.reference} is overdue:\n\n"
        f"{action.title}\n\n"
        f"Sign in to Clearsight to see it and record what happened:\n{link}\n\n"
        "You are getting this email because you own this action or manage the team that does."
    )
    key = email.message_key("overdue-action", action.public_id, timezone.localdate().isoformat())
    subject = f"Overdue: {action.title} ({action.concern.reference})"
    organisation = action.concern.handling_organisation
    return len([email.queue(key, to, subject, body, organisation=organisation) for to in sorted(recipients)])


@task()
def email_information_added(note_id: int):
    """Tell the first responder who triaged a concern that its reporter has added information, so that a
    closed concern is looked at again. Before triage the concern is in the queue and no one is told.
    The email holds no personal data: the concern reference and a link to sign in."""
    from .models import AddedInformation

    note = AddedInformation.objects.select_related("concern").get(pk=note_id)
    triage = getattr(note.concern, "triage", None)
    if triage is None or not triage.first_responder.is_active:
        return 0
    reference = note.concern.reference
    link = f"{settings.SITE_URL}/concerns/{note.concern.public_id}#added-information"
    body = (
        f"The person who reported concern {reference} has added information to their report.\n\n"
        f"Sign in to Clearsight to read it and decide whether anything needs to change:\n{link}\n\n"
        "You are getting this email because you triaged this concern."
    )
    email.queue(email.message_key("information-added", note.pk), triage.first_responder.email,
                f"New information on concern {reference}", body, organisation=note.concern.handling_organisation)
    return 1
