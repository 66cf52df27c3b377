"""Load a company register extract (CSV) as reference data for matching suppliers.

    manage.py load_company_register ../shared/data/uk-msr-registry-reference/MSU-ImportPrivateOrganisations.csv \\
        --source "Modern Slavery Statement Registry, private organisations" --register-version 2021-04

The file is read where it is, never copied into the repository. Loading the same source and version
again replaces the earlier load. All or nothing: the load runs in one transaction.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clearsight.matching.company_register import RegisterFileError, read_register
from clearsight.matching.models import CompanyRegister, CompanyRegisterEntry


class Command(BaseCommand):
    help = "Load a company register extract (CSV) for matching suppliers by name and postcode."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--source", required=True, help="Where the extract came from, in words.")
        parser.add_argument("--register-version", dest="register_version", default="", help="Its date or version.")
        parser.add_argument("--match", action="store_true", help="Then match every organisation's suppliers to it.")

    def handle(self, path, source, register_version, match, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"There is no file at {path}")
        try:
            rows, problems = read_register(file.read_bytes())
        except RegisterFileError as error:
            raise CommandError(str(error)) from error
        numbered = [row for row in rows if row.company_number]
        with transaction.atomic():
            CompanyRegister.objects.filter(source=source, version=register_version).delete()
            register = CompanyRegister.objects.create(source=source, version=register_version, file_name=file.name,
                                                      entry_count=len(numbered))
            CompanyRegisterEntry.objects.bulk_create(
                [CompanyRegisterEntry(register=register, name=r.name, company_number=r.company_number, address=r.address,
                                      postcode=r.postcode, country=r.country, source_row=r.row) for r in numbered],
                batch_size=2000)
        for problem in problems[:50]:
            self.stdout.write(problem)
        if len(problems) > 50:
            self.stdout.write(f"... and {len(problems) - 50} more rows with problems")
        self.stdout.write(self.style.SUCCESS(
            f"Loaded {len(numbered):,} organisations from {file.name}; "
            f"{len(rows) - len(numbered):,} rows without a company number were left out."))
        if match:
            from clearsight.core.models import Organisation
            from clearsight.matching.company import match_suppliers_to_register, register_index

            index = register_index()
            for organisation in Organisation.objects.filter(suppliers__isnull=False).distinct():
                counts = match_suppliers_to_register(organisation, index)
                self.stdout.write(f"{organisation.name}: {counts['matched']} matched, {counts['to_review']} to review"
                                  + (f", {counts['refreshed']} waiting for review given newer suggestions"
                                     if counts.get("refreshed") else ""))
