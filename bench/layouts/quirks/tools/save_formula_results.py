"""Give a workbook's formulas the results a spreadsheet saves with them (openpyxl, which wrote these
files, cannot): SUM(range) and SUBTOTAL(9, range), the latter leaving out other SUBTOTAL cells as
Excel does. Writes <v> elements into the sheet XML; nothing else in the file changes.

    python save_formula_results.py in.xlsx out.xlsx
"""
import re
import sys
import zipfile
from decimal import Decimal

import openpyxl
from openpyxl.utils import range_boundaries

source, target = sys.argv[1], sys.argv[2]
book = openpyxl.load_workbook(source)
results = {}  # (sheet index, cell) -> value
for number, sheet in enumerate(book.worksheets, start=1):
    for row in sheet.iter_rows():
        for cell in row:
            formula = cell.value if isinstance(cell.value, str) and cell.value.startswith("=") else None
            if not formula:
                continue
            match = re.fullmatch(r"=(SUM|SUBTOTAL\(9,)\s*\(?([A-Z]+\d+:[A-Z]+\d+)\)", formula.replace(" ", ""))
            assert match, formula
            low_col, low_row, high_col, high_row = range_boundaries(match[2])
            total = Decimal(0)
            for r in range(low_row, high_row + 1):
                for c in range(low_col, high_col + 1):
                    value = sheet.cell(row=r, column=c).value
                    if isinstance(value, str) and value.upper().startswith("=SUBTOTAL"):
                        continue
                    if isinstance(value, int | float):
                        total += Decimal(str(value))
            results[(number, cell.coordinate)] = total

with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        found = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", item.filename)
        if found:
            text = data.decode()
            for (number, coordinate), value in results.items():
                if number != int(found[1]):
                    continue
                text, n = re.subn(rf'(<c r="{coordinate}"[^>]*>)(<f>[^<]*</f>)(<v\s*/>|<v></v>)?',
                                  lambda m, v=value: f"{m[1]}{m[2]}<v>{v}</v>", text)
                assert n == 1, (coordinate, n)
            data = text.encode()
        zout.writestr(item, data)
