"""Background work for concerns, run by the django-tasks worker."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


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
    return send_mail(f"Overdue: {action.title} ({action.concern.reference})", body, None, sorted(recipients))
