from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from clearsight.concerns.models import Action
from clearsight.concerns.tasks import email_overdue_action


class Command(BaseCommand):
    help = "Email the owners (and their team managers) of actions that have become overdue. Run every few minutes."

    def handle(self, *args, **options):
        count = 0
        with transaction.atomic():
            overdue = Action.objects.select_for_update().filter(
                status=Action.Status.OPEN, due_at__lt=timezone.now(), overdue_notified_at__isnull=True
            )
            for action in overdue:
                email_overdue_action.enqueue(action.pk)
                action.overdue_notified_at = timezone.now()
                action.save(update_fields=["overdue_notified_at"])
                count += 1
        self.stdout.write(f"{count} overdue {'action' if count == 1 else 'actions'} notified")
