"""Chase action owners who are late with their year-end review responses, in every plan under
review. Run daily (cron): each late owner gets at most one email a day listing only their
unanswered actions."""

from django.core.management.base import BaseCommand

from clearsight.actionplan import services


class Command(BaseCommand):
    help = "Email action owners who are late with their year-end review responses (at most once a day each)."

    def handle(self, *args, **options):
        total = 0
        for plan, sent in services.chase_all():
            total += len(sent)
            if sent:
                self.stdout.write(f"{plan.organisation.name} {plan.title}: {len(sent)} owners chased")
        self.stdout.write(f"{total} owners chased in all")
