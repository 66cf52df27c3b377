"""Reopen every file listed in answers.csv and print the header + first data row at the answer columns."""
import csv, json, os
from openpyxl import load_workbook
OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
man = {m["file"]: m for m in json.load(open(os.path.join(OUT, "tools", "manifest.json")))}

def read_rows(fn):
    path = os.path.join(OUT, fn)
    if fn.endswith(".xlsx"):
        wb = load_workbook(path, data_only=True)
        ws = wb.worksheets[0]
        return [list(r) for r in ws.iter_rows(values_only=True)], ws.title, wb.sheetnames
    raw = open(path, "rb").read()
    for enc in ("utf-8-sig", "cp1252"):
        try:
            txt = raw.decode(enc); break
        except UnicodeDecodeError:
            continue
    bom = raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(txt.splitlines())), f"{enc}{' +BOM' if bom else ''}", None

ans = list(csv.DictReader(open(os.path.join(OUT, "answers.csv"), encoding="utf-8")))
assert len(ans) == 24
for a in ans:
    fn = a["file"]; m = man[fn]
    rows, info, sheets = read_rows(fn)
    ds = m["data_start"]
    data = rows[ds:ds + m["n"]]
    assert 25 <= len(data) <= 80, (fn, len(data))
    hdr = rows[m["header_row"]] if m["header_row"] is not None else None
    cols = {k: (int(a[k + "_col"]) if a[k + "_col"] != "" else None) for k in ("payee", "amount", "date")}
    print(f"== {fn}  [{info}{' sheets=' + str(sheets) if sheets else ''}]  data rows={len(data)} (row index {ds}..{ds+len(data)-1}), total lines={len(rows)}")
    for k, c in cols.items():
        h = (hdr[c] if hdr is not None and c is not None and c < len(hdr) else "-")
        v = data[0][c] if c is not None else "(none)"
        vl = data[-1][c] if c is not None else "(none)"
        print(f"   {k:7s} col={c!s:4s} header={h!r:40s} row1={v!r}   last={vl!r}")
    # sanity: every data row has a non-empty payee and amount
    for r in data:
        assert r[cols["payee"]] not in (None, ""), (fn, r)
        assert r[cols["amount"]] not in (None, ""), (fn, r)
        if cols["date"] is not None:
            assert r[cols["date"]] not in (None, ""), (fn, r)
    # row after data (if any)
    if ds + m["n"] < len(rows):
        print("   after data:", rows[ds + m["n"]: ds + m["n"] + 4])
