#!/usr/bin/env python
"""Reopen every .xls with xlrd and re-derive lines/total independently of the generator.

A data line = row below the header whose payee (resolved through vertical merges) is
non-empty and whose amount parses. Compares against answers.csv.
"""
import csv
import datetime as dt
import os
from decimal import Decimal

import xlrd

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# file -> (sheet index of data, header row, expected date range)
LAYOUT = {
    "lb_harrowden_2013_06.xls": (0, 3, (dt.date(2013, 6, 1), dt.date(2013, 6, 30))),
    "wychford_dc_q1_2014.xls": (0, 0, (dt.date(2014, 4, 1), dt.date(2014, 6, 30))),
    "eastmoor_cc_2012_11.xls": (0, 4, (dt.date(2012, 11, 1), dt.date(2012, 11, 30))),
    "northvale_hospitals_nhs_2014_02.xls": (1, 2, (dt.date(2014, 2, 1), dt.date(2014, 2, 28))),
    "southshire_police_2015_09.xls": (0, 3, (dt.date(2015, 9, 1), dt.date(2015, 9, 30))),
    "kingsbridge_bc_2011_03.xls": (0, 2, (dt.date(2011, 3, 1), dt.date(2011, 3, 31))),
    "brookfield_city_2014_10.xls": (0, 1, (dt.date(2014, 10, 1), dt.date(2014, 10, 31))),
    "westmarsh_fra_2013_q3.xls": (0, 4, (dt.date(2013, 10, 1), dt.date(2013, 12, 31))),
    "ashcombe_dc_2011_q1.xls": (0, 2, (dt.date(2011, 1, 1), dt.date(2011, 3, 31))),
    "greyhope_mbc_2016_03.xls": (0, 3, None),
}


def num(cell):
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        return Decimal(repr(cell.value)).quantize(Decimal("0.01"))
    if cell.ctype == xlrd.XL_CELL_TEXT and cell.value.strip():
        s = cell.value.strip().replace("£", "").replace(",", "")
        return Decimal(s)
    return None


def main():
    answers = {r["file"]: r for r in csv.DictReader(open(os.path.join(OUT, "answers.csv")))}
    ok = True
    for fname, (si, hr, drange) in LAYOUT.items():
        a = answers[fname]
        bk = xlrd.open_workbook(os.path.join(OUT, fname), formatting_info=True)
        sh = bk.sheet_by_index(si)
        pc = int(a["payee_col"])
        if "-" in a["amount_col"]:
            dc, cc = map(int, a["amount_col"].split("-"))
        else:
            dc, cc = int(a["amount_col"]), None
        datec = int(a["date_col"]) if a["date_col"] else None
        # vertical merges in payee col
        mmap = {}
        for (r1, r2, c1, c2) in sh.merged_cells:
            if c1 <= pc < c2 and r2 - r1 > 1:
                for r in range(r1, r2):
                    mmap[r] = sh.cell_value(r1, c1)
        hidden = [r for r, ri in sh.rowinfo_map.items() if ri.hidden]
        lines, total, bad_dates, payees = 0, Decimal("0.00"), [], set()
        for r in range(hr + 1, sh.nrows):
            payee = mmap.get(r, sh.cell_value(r, pc) if pc < sh.ncols else "")
            if not str(payee).strip():
                continue
            d = num(sh.cell(r, dc)) if dc < sh.row_len(r) else None
            c = num(sh.cell(r, cc)) if cc is not None and cc < sh.row_len(r) else None
            if cc is not None:
                if (d is None) == (c is None):
                    print("  !! debit/credit both/neither filled row", r)
                    ok = False
                amt = (d or 0) - (c or 0)
            else:
                amt = d
            if amt is None:
                continue
            lines += 1
            total += amt
            payees.add(payee)
            if datec is not None:
                dcell = sh.cell(r, datec)
                if dcell.ctype == xlrd.XL_CELL_DATE:
                    dv = xlrd.xldate_as_datetime(dcell.value, bk.datemode).date()
                else:
                    dv = dt.datetime.strptime(dcell.value, "%d/%m/%Y").date()
                if not (drange[0] <= dv <= drange[1]):
                    bad_dates.append((r, dv))
        good = lines == int(a["lines"]) and "%.2f" % total == a["total"] and not bad_dates and not hidden
        ok &= good
        print("%-38s %s sheets=%s data=%r datemode=%d hdr=%r lines=%d total=%.2f merges=%d hidden=%s bad_dates=%s %s" % (
            fname, "OK " if good else "BAD", [s.name for s in bk.sheets()], sh.name, bk.datemode,
            sh.row_values(hr), lines, total, len(sh.merged_cells), hidden, bad_dates,
            "" if good else "(expected %s / %s)" % (a["lines"], a["total"])))
        # first and last data rows for eyeballing
        print("    first:", sh.row_values(hr + 1))
        print("    last rows:", [sh.row_values(r) for r in range(max(hr + 1, sh.nrows - 3), sh.nrows)])
    print("ALL OK" if ok else "PROBLEMS FOUND")


if __name__ == "__main__":
    main()
