from django.core.management.base import BaseCommand

from clearsight.training.reminders import send_reminders


class Command(BaseCommand):
    help = ("Email staff (and their line managers) whose training is due within 30 days or overdue. "
            "Each reminder is sent once for each requirement period. Run daily.")

    def handle(self, *args, **options):
        count = send_reminders()
        self.stdout.write(f"{count} training {'reminder' if count == 1 else 'reminders'} sent")
