"""Awkward spend files written by another hand, who had seen neither Clearsight's code nor its other
test files: bench/layouts/quirks (18 files with habits such as Excel's "Unicode Text", tab and
semicolon separators, credits marked CR or in a column of their own, group totals, month headings,
two-row headers, spaced thousands, camel-case headers, a cover sheet first, 35 columns and Excel's
Subtotal rows) and bench/layouts/third (16 more: old Mac line ends, wrapped header cells, trailing
commas, mixed date styles, source and licence footers, an Excel table's totals row, page footers,
direct payments to individuals), bench/layouts/xls (10 Excel 97-2003 workbooks) and bench/layouts/ods
(12 OpenDocument spreadsheets saved by LibreOffice Calc). Each imports on
the first upload with the columns Clearsight proposes: every payment line and the exact total the
writer computed when making the file."""

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from clearsight.spend.models import SpendImport, SpendLine

from ..spend_helpers import run_spend_file

pytestmark = pytest.mark.django_db

LAYOUTS = Path(__file__).resolve().parents[2] / "bench" / "layouts"
QUIRKS = LAYOUTS / "quirks"
ANSWERS = []
for folder in ("quirks", "third", "xls", "ods"):
    with open(LAYOUTS / folder / "answers.csv", encoding="utf-8", newline="") as handle:
        ANSWERS += [{**row, "folder": folder} for row in csv.DictReader(handle)]
# Two workbooks were written by a program that cannot save a formula's result; saved/ holds them as a
# spreadsheet saves them (tools/save_formula_results.py), which is how a council publishes them.
SAVED = {path.name for path in (QUIRKS / "saved").iterdir()}


def _file(answer):
    folder = LAYOUTS / answer["folder"]
    return (folder / "saved" / answer["file"]) if (folder / "saved" / answer["file"]).exists() \
        else (folder / answer["file"])


@pytest.mark.parametrize("answer", ANSWERS, ids=[f"{a['folder']}/{a['file']}" for a in ANSWERS])
def test_an_awkward_file_imports_first_time_with_every_line_and_its_exact_total(anytown, answer):
    spend_import = run_spend_file(anytown, _file(answer).read_bytes(), name=answer["file"],
                                  publisher=answer["file"])

    assert spend_import.status == SpendImport.Status.IMPORTED, spend_import.report
    columns = spend_import.mapping["columns"]
    amount, _, credit = answer["amount_col"].partition("-")
    assert (columns["payee_name"], columns["amount"], columns.get("credit"), columns.get("paid_on")) == (
        int(answer["payee_col"]), int(amount), int(credit) if credit else None,
        int(answer["date_col"]) if answer["date_col"] else None)
    stored = SpendLine.objects.filter(spend_import=spend_import)
    assert stored.count() == int(answer["lines"])
    assert sum(stored.values_list("amount", flat=True), Decimal(0)) == Decimal(answer["total"])


@pytest.mark.parametrize("name", sorted(SAVED))
def test_the_same_workbook_with_formulas_never_calculated_is_refused_saying_what_to_do(anytown, name):
    spend_import = run_spend_file(anytown, (QUIRKS / name).read_bytes(), name=name, publisher=name)
    assert spend_import.status != SpendImport.Status.IMPORTED
    assert "formulas whose results were never calculated" in " ".join(spend_import.report["errors"])
    assert "save it, and upload it again" in " ".join(spend_import.report["errors"])
    assert not SpendLine.objects.exists()


def test_direct_payments_to_individuals_are_kept_as_people_not_suppliers(anytown):
    # The third set's direct payments: "Individual" stands for a person whose name is not published.
    name = "09_mid_lothmoor_council_sds_grants_apr2024_semicolon.csv"
    spend_import = run_spend_file(anytown, (LAYOUTS / "third" / name).read_bytes(), name=name, publisher=name)
    assert spend_import.status == SpendImport.Status.IMPORTED
    assert spend_import.report["kinds"]["redacted"] == 24
    assert not SpendLine.objects.filter(spend_import=spend_import, supplier__name__iexact="Individual").exists()
