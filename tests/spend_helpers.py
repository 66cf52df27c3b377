"""Creating spend in tests of any context: ``make_spend(organisation, supplier, amount)``; and spend
files through the real importer: ``run_spend_file(organisation, csv_bytes(rows))``."""

import csv
import io
import itertools
from decimal import Decimal

from clearsight.spend import importer
from clearsight.spend.models import SpendImport, SpendLine

_rows = itertools.count(2)


def _test_import(organisation):
    spend_import, _ = SpendImport.objects.get_or_create(
        organisation=organisation, file_sha256="test-helper", defaults={
            "publisher": "Test data", "file_name": "test-spend.csv", "status": SpendImport.Status.IMPORTED})
    return spend_import


def make_spend(organisation, supplier, amount, paid_on=None, payee_name=None, payee_code=""):
    """A spend line paid to the supplier (or to a payee with no supplier when supplier is None), as
    ``payee_name`` (the supplier's name by default) under the publisher's supplier number ``payee_code``."""
    spend_import = _test_import(organisation)
    row = next(_rows)
    name = payee_name if payee_name is not None else (supplier.name if supplier is not None else "")
    line = SpendLine.objects.create(
        organisation=organisation, spend_import=spend_import, source_row=row, payee_name=name,
        payee_kind=SpendLine.PayeeKind.SUPPLIER if name else SpendLine.PayeeKind.BLANK,
        supplier=supplier, amount=Decimal(str(amount)), paid_on=paid_on, payee_code=payee_code)
    SpendImport.objects.filter(pk=spend_import.pk).update(line_count=spend_import.lines.count())
    return line


def csv_bytes(rows, encoding="utf-8", bom=False):
    """A CSV file of these rows, as a finance system writes one."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    data = out.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def run_spend_file(organisation, data, name="spend.csv", publisher="Anytown Council", confirm=True):
    """Upload a spend file, confirm the proposed columns (unless ``confirm`` is False) and run the
    import as the worker would; returns the import."""
    spend_import = importer.receive_file(organisation, publisher, name, data)
    if spend_import.status == SpendImport.Status.NEEDS_MAPPING and confirm:
        importer.confirm_mapping(spend_import, spend_import.mapping["columns"])
    if spend_import.status == SpendImport.Status.QUEUED:
        spend_import = importer.run_import(spend_import.pk)
    return spend_import
