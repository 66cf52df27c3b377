from django.core.management.base import BaseCommand

from clearsight.core import demo


class Command(BaseCommand):
    help = "Print the current security code of the demo second factor."

    def handle(self, *args, **options):
        self.stdout.write(demo.current_code())
