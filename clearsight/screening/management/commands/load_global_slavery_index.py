from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clearsight.screening.reference_data import GsiFileError, load_gsi


class Command(BaseCommand):
    help = ("Load the Global Slavery Index 2023 prevalence table (Walk Free) from your own copy. Clearsight does not "
            "ship it: its terms do not allow redistribution. Once loaded, screening adds a prevalence factor for "
            "each country. The CSV needs the columns Country and Prevalence_Per_1000.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="The CSV file (UTF-8 or Windows-1252)")
        parser.add_argument("--edition", default="Global Slavery Index 2023",
                            help="The edition, as results should name it")

    def handle(self, *args, path, edition, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"There is no file at {path}")
        try:
            count = load_gsi(file.read_bytes(), version=edition, source=f"Loaded from {file.name}")
        except GsiFileError as error:
            raise CommandError("Nothing was loaded:\n" + "\n".join(error.problems)) from error
        self.stdout.write(f"Loaded {edition}: {count} countries. Screen suppliers again for it to count.")
