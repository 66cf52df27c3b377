"""Spend files written by another hand (bench/layouts/blind: 24 layouts as councils, NHS bodies, police
and fire authorities publish them, made by someone who had seen neither Clearsight's code nor its own
test layouts). Each imports on the first upload with the columns Clearsight proposes: every payment
line, the exact total (summed here from the file by the writer's own record of where its lines are),
and a date on every line of a file that has one."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from clearsight.spend.models import SpendImport, SpendLine

from ..spend_helpers import run_spend_file

pytestmark = pytest.mark.django_db

BLIND = Path(__file__).resolve().parents[2] / "bench" / "layouts" / "blind"
MANIFEST = json.loads((BLIND / "tools" / "manifest.json").read_text())


def _money(value) -> Decimal:
    """The writer's amounts as a person reads them: £, thousands commas, (credits), credits- and -credits."""
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = str(value).strip().replace("£", "").replace(",", "")
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    if text.endswith("-"):
        negative, text = True, text[:-1]
    if text.startswith("-"):
        negative, text = not negative, text[1:]
    return -Decimal(text) if negative else Decimal(text)


def _rows(path: Path) -> list:
    data = path.read_bytes()
    if path.suffix == ".xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(data), data_only=True).worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return list(csv.reader(io.StringIO(data.decode(encoding))))
        except UnicodeDecodeError:
            continue
    raise AssertionError(f"{path.name} is neither UTF-8 nor Windows-1252")


@pytest.mark.parametrize("entry", MANIFEST, ids=[entry["file"] for entry in MANIFEST])
def test_a_blind_layout_imports_first_time_with_every_line_and_its_exact_total(anytown, entry):
    path = BLIND / entry["file"]
    lines = _rows(path)[entry["data_start"]:entry["data_start"] + entry["n"]]
    total = sum((_money(line[entry["amount"]]) for line in lines), Decimal(0))

    spend_import = run_spend_file(anytown, path.read_bytes(), name=entry["file"], publisher=entry["file"])

    assert spend_import.status == SpendImport.Status.IMPORTED, spend_import.report
    proposed = spend_import.mapping["columns"]
    assert (proposed["payee_name"], proposed["amount"], proposed.get("paid_on")) == (
        entry["payee"], entry["amount"], entry["date"] if entry["date"] != "" else None)
    stored = SpendLine.objects.filter(spend_import=spend_import)
    assert stored.count() == entry["n"]
    assert sum(stored.values_list("amount", flat=True), Decimal(0)) == total
    if entry["date"] != "":
        assert not stored.filter(paid_on__isnull=True).exists()
