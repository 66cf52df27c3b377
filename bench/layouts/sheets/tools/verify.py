#!/usr/bin/env python3
"""Check the test set against answers.csv by re-reading the saved workbooks.

It shares no code with make_sheets.py: it reads the files as they are on disk
(.xlsx with openpyxl, cached formula values; .ods with its own small parser of
content.xml), finds each sheet's header and payment lines by itself, and checks
 - answers.csv shape, one row per workbook, README naming every file;
 - for `import` rows: lines and total equal what the listed sheets hold, the
   listed sheets are visible and share one header, no other visible sheet has
   payment lines, no transaction reference repeats, Total rows agree;
 - for `refuse` rows: the conflict the notes describe is really in the file;
 - house rules: 10-40 lines on each sheet with lines, amounts in pence between
   -5,000 and 200,000, real date cells, £ number formats (xlsx), credits used.

    /tmp/sheetsvenv/bin/python tools/verify.py      # exit 0 = all good
"""
import csv
import datetime as dt
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
SET = HERE.parent
CENT = Decimal("0.01")

SUPPLIER_HDR = {"supplier name", "supplier", "payee"}
AMOUNT_HDR = {"amount", "amount (£)", "net amount", "gross amount"}
DATE_HDR = {"payment date", "date paid", "date"}
TX_HDR = {"transaction no", "transaction number", "transaction ref", "voucher no"}

FAILS = []


def fail(msg):
    FAILS.append(msg)


def check(cond, msg):
    if not cond:
        fail(msg)
    return cond


# ---------------------------------------------------------------- readers
class Sheet:
    def __init__(self, name, visible, rows, fmts=None):
        self.name, self.visible, self.rows = name, visible, rows  # rows: list of lists
        self.fmts = fmts or {}  # (r, c) -> number format (xlsx only)


def read_xlsx(path):
    wb = openpyxl.load_workbook(path, data_only=True)
    out = []
    for ws in wb.worksheets:
        rows, fmts = [], {}
        for r, row in enumerate(ws.iter_rows(), 0):
            vals = []
            for c, cell in enumerate(row):
                vals.append(cell.value)
                if cell.value is not None:
                    fmts[(r, c)] = cell.number_format
            rows.append(vals)
        out.append(Sheet(ws.title, ws.sheet_state == "visible", rows, fmts))
    return out


NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
}


def q(p, n):
    return "{%s}%s" % (NS[p], n)


def ods_cell_value(cell):
    t = cell.get(q("office", "value-type"))
    if t in ("float", "currency", "percentage"):
        return float(cell.get(q("office", "value")))
    if t == "date":
        s = cell.get(q("office", "date-value"))
        return dt.datetime.fromisoformat(s) if "T" in s else dt.datetime.strptime(s, "%Y-%m-%d")
    if t == "boolean":
        return cell.get(q("office", "boolean-value")) == "true"
    ps = cell.findall(q("text", "p"))
    if ps:
        return "\n".join("".join(p.itertext()) for p in ps)
    return None


def read_ods(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("content.xml"))
    hidden_styles = set()
    for st in root.iter(q("style", "style")):
        if st.get(q("style", "family")) == "table":
            tp = st.find(q("style", "table-properties"))
            if tp is not None and tp.get(q("table", "display")) == "false":
                hidden_styles.add(st.get(q("style", "name")))
    out = []
    for tbl in root.iter(q("table", "table")):
        rows = []
        for tr in tbl.iter(q("table", "table-row")):
            vals = []
            for cell in tr:
                if cell.tag not in (q("table", "table-cell"), q("table", "covered-table-cell")):
                    continue
                rep = int(cell.get(q("table", "number-columns-repeated"), "1"))
                v = ods_cell_value(cell) if cell.tag == q("table", "table-cell") else None
                vals.extend([v] * min(rep, 64))
            rrep = int(tr.get(q("table", "number-rows-repeated"), "1"))
            if all(v is None for v in vals):
                rows.extend([[]] * min(rrep, 3))
            else:
                rows.extend([vals] * rrep)
        out.append(Sheet(tbl.get(q("table", "name")), tbl.get(q("table", "style-name")) not in hidden_styles, rows))
    return out


def read_book(path):
    return read_ods(path) if path.suffix == ".ods" else read_xlsx(path)


# ---------------------------------------------------------------- lines
def norm(v):
    return re.sub(r"\s+", " ", str(v)).strip().lower() if isinstance(v, str) else None


class Table:
    """Header, payment lines and Total rows of one sheet."""

    def __init__(self, sheet):
        self.sheet, self.header, self.hrow = sheet, None, None
        self.lines, self.totals, self.amount_cells = [], [], []
        for r, row in enumerate(sheet.rows[:20]):
            names = [norm(v) for v in row]
            if any(n in SUPPLIER_HDR for n in names) and any(n in AMOUNT_HDR for n in names):
                self.hrow = r
                last = max(i for i, n in enumerate(names) if n)
                self.header = [str(v).strip() if v is not None else "" for v in row[:last + 1]]
                break
        if self.header is None:
            return
        hn = [h.lower() for h in self.header]
        self.ci = {k: next((i for i, h in enumerate(hn) if h in names), None)
                   for k, names in (("supplier", SUPPLIER_HDR), ("amount", AMOUNT_HDR),
                                    ("date", DATE_HDR), ("tx", TX_HDR))}
        for r in range(self.hrow + 1, len(sheet.rows)):
            row = sheet.rows[r] + [None] * len(self.header)
            texts = [norm(v) for v in row if isinstance(v, str)]
            amt = row[self.ci["amount"]]
            if any(t.startswith("total") or t.startswith("grand total") for t in texts):
                self.totals.append(amt)
                continue
            sup = row[self.ci["supplier"]]
            if isinstance(sup, str) and sup.strip() and isinstance(amt, (int, float)):
                rec = {h: row[i] for i, h in enumerate(self.header)}
                rec["_amount"] = Decimal(repr(float(amt))).quantize(CENT)
                rec["_row"] = r
                rec["_raw_amount"] = amt
                self.lines.append(rec)
                self.amount_cells.append((r, self.ci["amount"]))
            elif any(v is not None for v in row):
                fail("%s: row %d is neither payment, blank nor total: %r" % (sheet.name, r + 1, row))

    def col(self, key):
        i = self.ci.get(key) if self.header else None
        return self.header[i] if i is not None else None

    def total(self):
        return sum((l["_amount"] for l in self.lines), Decimal("0.00"))

    def key(self, l):
        """Everything but row number: a line's full content."""
        return tuple((h, l[h]) for h in self.header)


# ---------------------------------------------------------------- per-file rules
def rule_hidden(f, tabs, book):
    hid = [s for s in book if not s.visible]
    check(hid and tabs[hid[0].name].lines, f + ": expected a hidden sheet with lines")


def rule_readme_notes(f, tabs, book):
    check(not tabs[book[0].name].lines and not tabs[book[-1].name].lines and len(book) == 14,
          f + ": expected cover + 12 months + notes, first/last without lines")


def rule_titles_totals(f, tabs, book):
    hrows = {tabs[s.name].hrow for s in book}
    check(len(hrows) == len(book), f + ": header rows should differ per sheet: %s" % hrows)
    for s in book:
        t = tabs[s.name]
        check(len(t.totals) == 1 and t.totals[0] is not None
              and Decimal(repr(float(t.totals[0]))).quantize(CENT) == t.total(),
              f + ": %s Total row %r != lines %s" % (s.name, t.totals, t.total()))


def rule_monthly_fee(f, tabs, book):
    t0 = [tabs[s.name] for s in book]
    check(all(t.col("tx") is None for t in t0), f + ": should have no transaction column")
    seen = {}
    for t in t0:
        for l in t.lines:
            seen.setdefault((l[t.col("supplier")], l["_amount"]), []).append((t.sheet.name, l[t.col("date")]))
    multi = {k: v for k, v in seen.items() if len({s for s, _ in v}) >= 2}
    check(len(multi) >= 3, f + ": expected >=3 supplier/amount pairs repeated across sheets")
    for k, v in seen.items():
        check(len({d for _, d in v}) == len(v), f + ": %s repeated on the same date" % (k,))


def rule_empty_month(f, tabs, book):
    check(any(tabs[s.name].header and not tabs[s.name].lines for s in book), f + ": no header-only sheet")


def rule_blank_sheet(f, tabs, book):
    check(any(all(v is None for row in s.rows for v in row) for s in book), f + ": no blank sheet")


def rule_over25k(f, tabs, book):
    m, o = tabs["June 2020"], tabs["Over £25k"]
    bytx = {l[m.col("tx")]: l for l in m.lines}
    check(all(l["_amount"] >= 25000 for l in o.lines), f + ": Over £25k sheet holds small payments")
    check(all(bytx.get(l[o.col("tx")], {}).get("_amount") == l["_amount"] for l in o.lines),
          f + ": Over £25k line not in month sheet")
    check(len(o.lines) == sum(1 for l in m.lines if l["_amount"] >= 25000), f + ": Over £25k incomplete")


def rule_summary(f, tabs, book):
    p, s = tabs["Nov 2021"], tabs["Summary"]
    check(set(s.header) <= set(p.header), f + ": summary headers not a subset")
    agg = {}
    for l in p.lines:
        k = (l["Service Area"], l["Supplier Name"])
        agg[k] = agg.get(k, Decimal("0.00")) + l["_amount"]
    got = {(l["Service Area"], l["Supplier Name"]): l["_amount"] for l in s.lines}
    check(agg == got, f + ": summary does not restate the payments")
    check(len(s.totals) == 1 and Decimal(repr(s.totals[0])).quantize(CENT) == p.total(), f + ": grand total")


def rule_extra_col(f, tabs, book):
    hs = [tabs[s.name].header for s in book]
    check(hs[0] == hs[1] and len(hs[2]) == len(hs[0]) + 1 and set(hs[0]) < set(hs[2]),
          f + ": expected Dec to add one column: %s" % hs)


def rule_renamed_col(f, tabs, book):
    hs = [tabs[s.name].header for s in book]
    diff = [i for i in range(len(hs[0])) if hs[0][i] != hs[2][i]]
    check(hs[0] == hs[1] and len(hs[2]) == len(hs[0]) and len(diff) == 1, f + ": expected one rename: %s" % hs)


def rule_no_dates(f, tabs, book):
    a, b = tabs["Payments"], tabs["Payments (2)"]
    check(a.col("date") is None and a.col("tx") is None and a.header == b.header, f + ": has dates/refs")
    ka = {a.key(l) for l in a.lines}
    check(sum(1 for l in b.lines if b.key(l) in ka) >= 5, f + ": too few identical lines across sheets")


def rule_original_amended(f, tabs, book):
    o, a = tabs["Original"], tabs["Amended"]
    to = {l[o.col("tx")]: l["_amount"] for l in o.lines}
    ta = {l[a.col("tx")]: l["_amount"] for l in a.lines}
    common = set(to) & set(ta)
    check(len(common) >= 0.9 * len(ta), f + ": amended is not a copy of original")
    check(any(to[k] != ta[k] for k in common) and set(to) - set(ta) and set(ta) - set(to),
          f + ": amended should change, drop and add lines")


def rule_year_overlap(f, tabs, book):
    y1, y2 = tabs["2023-24"], tabs["2024-25"]
    early = [l for l in y2.lines if l[y2.col("date")] < dt.datetime(2024, 4, 1)]
    k1 = {y1.key(l) for l in y1.lines}
    check(len(early) >= 3 and all(y2.key(l) in k1 for l in early), f + ": no March 2024 overlap")
    check(all(dt.datetime(2023, 4, 1) <= l[y1.col("date")] < dt.datetime(2024, 4, 1) for l in y1.lines),
          f + ": 2023-24 dates out of year")


RULES = {
    "lb_ravensmoor_2019_q2.xlsx": None,
    "kestrelford_dc_2021_22.xlsx": rule_readme_notes,
    "ashbourne_vale_cc_2022_q3.xlsx": rule_titles_totals,
    "calderbrook_fra_2020_q4.xlsx": rule_hidden,
    "wexcombe_bc_2023_q1.ods": rule_monthly_fee,
    "brackenholm_tc_2024_q1.xlsx": rule_empty_month,
    "stowbridge_mbc_2018_q3.ods": rule_blank_sheet,
    "northwick_cc_2020_06.xlsx": rule_over25k,
    "silverdale_bc_2021_11.xlsx": rule_summary,
    "marchbury_dc_2022_q4.xlsx": rule_extra_col,
    "pellingham_bc_2023_q2.xlsx": rule_renamed_col,
    "tarnside_dc_2020_q3.xlsx": rule_no_dates,
    "ouseby_cc_2021_08.ods": rule_original_amended,
    "hollinsby_tc_2023_25.xlsx": rule_year_overlap,
}


# ---------------------------------------------------------------- main
def main():
    with open(SET / "answers.csv", newline="", encoding="utf-8") as fh:
        rd = csv.reader(fh)
        head = next(rd)
        rows = list(rd)
    check(head == ["file", "expect", "lines", "total", "sheets", "notes"], "answers.csv header: %s" % head)
    ans = {r[0]: dict(zip(head, r)) for r in rows}
    check(len(ans) == len(rows) == 14, "answers.csv should have 14 distinct rows")
    on_disk = {p.name for p in SET.iterdir() if p.suffix in (".xlsx", ".ods")}
    check(on_disk == set(ans), "files on disk %s vs answers %s" % (sorted(on_disk), sorted(ans)))
    check(set(ans) == set(RULES), "verifier rules out of step with answers.csv")
    readme = (SET / "README.md").read_text(encoding="utf-8") if (SET / "README.md").exists() else ""
    check("Where this set came from" in readme, "README lacks 'Where this set came from'")
    kinds = {"import": 0, "refuse": 0}
    credits = 0
    for f in sorted(ans):
        a = ans[f]
        kinds[a["expect"]] = kinds.get(a["expect"], 0) + 1
        check(f in readme, "README does not name " + f)
        check(a["expect"] in ("import", "refuse") and a["notes"].strip(), f + ": expect/notes")
        book = read_book(SET / f)
        tabs = {s.name: Table(s) for s in book}
        listed = a["sheets"].split(";")
        if not check(all(n in tabs for n in listed), f + ": listed sheet missing: %s" % listed):
            continue
        for s in book:  # house rules
            t = tabs[s.name]
            if not t.lines or (f.startswith("silverdale") and s.name == "Summary"):
                continue
            check(10 <= len(t.lines) <= 40, "%s/%s: %d lines" % (f, s.name, len(t.lines)))
            for l in t.lines:
                check(Decimal("-5000") <= l["_amount"] <= Decimal("200000")
                      and abs(l["_raw_amount"] - float(l["_amount"])) < 1e-6, "%s/%s: amount %r" % (
                          f, s.name, l["_raw_amount"]))
                credits += l["_amount"] < 0
                if t.col("date"):
                    check(isinstance(l[t.col("date")], dt.datetime), "%s/%s: date not a date cell" % (f, s.name))
            for rc in t.amount_cells:
                if s.fmts:
                    check("£" in s.fmts.get(rc, ""), "%s/%s: amount format %r" % (f, s.name, s.fmts.get(rc)))
        if a["expect"] == "import":
            lines = [l for n in listed for l in tabs[n].lines]
            total = sum((l["_amount"] for l in lines), Decimal("0.00"))
            check(a["lines"] == str(len(lines)), "%s: lines %s != %d" % (f, a["lines"], len(lines)))
            check(a["total"] == str(total), "%s: total %s != %s" % (f, a["total"], total))
            check(all(tabs[n].sheet.visible for n in listed), f + ": a listed sheet is hidden")
            check(len({tuple(tabs[n].header) for n in listed}) == 1, f + ": listed sheets' headers differ")
            for s in book:
                if s.name not in listed and s.visible:
                    check(not tabs[s.name].lines, "%s: unlisted visible sheet %s has lines" % (f, s.name))
            t0 = tabs[listed[0]]
            if t0.col("tx"):
                txs = [l[t0.col("tx")] for l in lines]
                check(len(set(txs)) == len(txs), f + ": transaction refs repeat among imported lines")
            keys = [t0.key(l) for l in lines]
            check(len(set(keys)) == len(keys), f + ": identical lines among imported lines")
        else:
            check(a["lines"] == "" and a["total"] == "", f + ": refuse rows leave lines/total empty")
            check(len(listed) >= 2 and all(tabs[n].lines for n in listed),
                  f + ": refuse rows list the conflicting sheets that hold lines")
        if RULES.get(f):
            RULES[f](f, tabs, book)
        print("%-32s %-6s %-40s %s" % (f, a["expect"], a["sheets"][:40],
                                       " ".join("%s:%d" % (n, len(tabs[n].lines)) for n in tabs)[:90]))
    check(kinds["import"] >= 6 and kinds["refuse"] >= 6, "balance import/refuse: %s" % kinds)
    check(credits >= 14, "too few credits: %d" % credits)
    if FAILS:
        print("\nFAILED %d check(s):" % len(FAILS))
        for m in FAILS:
            print(" -", m)
        return 1
    print("\nall checks passed (%d import, %d refuse, %d credit lines)" % (kinds["import"], kinds["refuse"], credits))
    return 0


if __name__ == "__main__":
    sys.exit(main())
