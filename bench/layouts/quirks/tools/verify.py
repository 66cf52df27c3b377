"""Re-open every file in the blind set and recompute lines/total independently.

A row counts as a payment line when its date cell (answer date_col) parses as a
date, or - for files without a date column - when it has a transaction number.
Amount text is parsed from scratch (currency marks, spaces, NBSP, commas, CR).
"""
import csv
import datetime as dt
import io
import os
import re
from decimal import Decimal

import openpyxl

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%Y %H:%M", "%Y%m%d", "%Y-%m-%dT%H:%M:%S", "%a %d %b %Y", "%d.%m.%Y"]


def is_date(v):
    if isinstance(v, (dt.date, dt.datetime)):
        return True
    if not isinstance(v, str):
        return False
    for f in DATE_FORMATS:
        try:
            d = dt.datetime.strptime(v.strip(), f)
            if f == "%a %d %b %Y":
                # strptime does not check the weekday; do it here
                assert d.strftime("%a") == v.strip()[:3], v
            return True
        except ValueError:
            pass
    return False


def money(v):
    if v is None or v == "":
        return Decimal(0)
    if isinstance(v, (int, float)):
        return Decimal(str(v))
    s = v.replace("\u00a0", "").replace(" ", "").replace(",", "").replace("£", "").replace("GBP", "")
    neg = False
    if s.endswith("CR"):
        neg, s = True, s[:-2]
    d = Decimal(s)
    return -d if neg else d


def read_text(path):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xff\xfe"):
        text, enc = raw[2:].decode("utf-16-le"), "utf-16le+bom"
    elif raw.startswith(b"\xef\xbb\xbf"):
        text, enc = raw[3:].decode("utf-8"), "utf-8+bom"
    else:
        text, enc = raw.decode("utf-8"), "utf-8"
    first = text.split("\n", 1)[0]
    delim = max(["\t", ";", ","], key=first.count)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
    return rows, f"{enc} delim={delim!r}"


def read_xlsx(path, sheet):
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet] if sheet else wb.worksheets[0]
    info = f"sheets={wb.sheetnames} using={ws.title!r} hidden={[k for k, d in ws.column_dimensions.items() if d.hidden]} " \
           f"filter={ws.auto_filter.ref} freeze={ws.freeze_panes}"
    return [list(r) for r in ws.iter_rows(values_only=True)], info


def main():
    answers = list(csv.DictReader(open(os.path.join(HERE, "answers.csv"), encoding="utf-8")))
    ok = True
    for a in answers:
        path = os.path.join(HERE, a["file"])
        if a["file"].endswith(".xlsx"):
            rows, info = read_xlsx(path, a["sheet"])
        else:
            rows, info = read_text(path)
        pc = int(a["payee_col"])
        if "-" in a["amount_col"]:
            dc, cc = map(int, a["amount_col"].split("-"))
        else:
            dc, cc = int(a["amount_col"]), None
        datec = int(a["date_col"]) if a["date_col"] != "" else None
        widths = sorted({len(r) for r in rows})
        n, tot, first_hdr = 0, Decimal(0), None
        for r in rows:
            r = list(r) + [None] * (40 - len(r))
            if datec is not None:
                pay = is_date(r[datec])
            else:
                pay = bool(r[4]) and str(r[4]).isdigit()  # f06: transaction number column
            if not pay:
                if first_hdr is None and r[pc] and r[dc]:
                    first_hdr = (r[pc], r[dc], r[cc] if cc is not None else "", r[datec] if datec is not None else "")
                continue
            assert r[pc] not in (None, ""), (a["file"], r)
            amt = money(r[dc])
            if cc is not None:
                assert (r[dc] is None) != (r[cc] is None), (a["file"], r)
                amt -= money(r[cc])
            n += 1
            tot += amt
        tot = tot.quantize(Decimal("0.01"))
        good = n == int(a["lines"]) and tot == Decimal(a["total"])
        ok &= good
        print(f"{'OK ' if good else 'BAD'} {a['file']}: lines {n}/{a['lines']} total {tot}/{a['total']}")
        print(f"     {info}; row widths {widths}; header-ish {first_hdr}")
    print("ALL OK" if ok else "MISMATCH")


if __name__ == "__main__":
    main()
