from django.core.management.base import BaseCommand
from django.utils import timezone

from clearsight.concerns.models import Concern
from clearsight.core.models import AuditEvent


class Command(BaseCommand):
    help = "Delete unfinished concern reports whose draft period has ended (CLEARSIGHT_CONCERN_DRAFT_DAYS). Run daily."

    def handle(self, *args, **options):
        expired = Concern.objects.filter(status=Concern.Status.DRAFT, draft_expires_at__lte=timezone.now())
        count = 0
        for concern in expired:
            AuditEvent.objects.create(action=AuditEvent.Action.DELETE, actor_label="delete_expired_drafts",
                                      record_type="concern", record_id=str(concern.public_id),
                                      description="Unfinished report deleted after its draft period")
            concern.delete()
            count += 1
        self.stdout.write(f"{count} expired unfinished {'report' if count == 1 else 'reports'} deleted")
