from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clearsight.supply.reference import SIC_SOURCE, SIC_VERSION, load_sic_codes, sic_list_path


class Command(BaseCommand):
    help = "Load (or reload) the SIC 2007 code descriptions shown on supplier pages."

    def add_arguments(self, parser):
        parser.add_argument("--file", help="A CSV with columns code and description. Default: the shared data folder.")
        parser.add_argument("--source", default=SIC_SOURCE)
        parser.add_argument("--version", dest="list_version", default=SIC_VERSION)

    def handle(self, *args, **options):
        path = Path(options["file"]) if options["file"] else sic_list_path()
        if not path.exists():
            raise CommandError(f"No SIC list at {path}")
        count = load_sic_codes(path=path, source=options["source"], version=options["list_version"])
        self.stdout.write(f"{count} SIC codes loaded from {path.name}")
