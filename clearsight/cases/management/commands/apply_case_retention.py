from django.core.management.base import BaseCommand

from clearsight.cases import retention


class Command(BaseCommand):
    help = (
        "Anonymise closed cases whose closing date is more than CASE_RETENTION_YEARS years ago (6 by default), "
        "or delete them with --delete. Prints what it did; --dry-run prints what it would do. Run daily or monthly."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true",
                            help="Delete the cases (and people left with no case) instead of anonymising them.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would be done without changing anything.")

    def handle(self, *args, **options):
        report = retention.apply(delete=options["delete"], dry_run=options["dry_run"])
        for line in report.lines():
            self.stdout.write(line)
