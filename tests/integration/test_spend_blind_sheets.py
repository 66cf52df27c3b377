"""Workbooks with payment lines on several sheets, written by another hand who had seen neither
Clearsight's code nor its tests (bench/layouts/sheets, README there): a sheet a month, with cover,
notes and hidden sheets, title and total rows, an empty month, fees paid every month, in .xlsx and
.ods. Each either imports once with every line and the exact total the writer computed, or, where a
careful officer would not want a guess (a sheet repeating another's lines, a summary under the same
columns, sheets with other columns, copies of the same month, nothing to tell repeats by), is refused
naming the sheets, with nothing imported."""

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from clearsight.spend.models import SpendImport, SpendLine

from ..spend_helpers import run_spend_file

pytestmark = pytest.mark.django_db

SHEETS = Path(__file__).resolve().parents[2] / "bench" / "layouts" / "sheets"
with open(SHEETS / "answers.csv", encoding="utf-8", newline="") as handle:
    ANSWERS = list(csv.DictReader(handle))


@pytest.mark.parametrize("answer", ANSWERS, ids=[a["file"] for a in ANSWERS])
def test_a_workbook_of_several_sheets_imports_once_or_is_refused_naming_them(anytown, answer):
    spend_import = run_spend_file(anytown, (SHEETS / answer["file"]).read_bytes(), name=answer["file"],
                                  publisher=answer["file"])
    stored = SpendLine.objects.filter(spend_import=spend_import)
    if answer["expect"] == "import":
        assert spend_import.status == SpendImport.Status.IMPORTED, spend_import.report
        assert stored.count() == int(answer["lines"])
        assert sum(stored.values_list("amount", flat=True), Decimal(0)) == Decimal(answer["total"])
        if len(answer["sheets"].split(";")) > 1:
            for title in answer["sheets"].split(";"):
                assert f"“{title}”" in spend_import.report["format"]
    else:
        assert spend_import.status == SpendImport.Status.REJECTED, spend_import.report
        assert not stored.exists()
        message = " ".join(spend_import.report["errors"])
        for title in answer["sheets"].split(";"):
            assert f"“{title}”" in message
