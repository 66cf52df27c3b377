#!/usr/bin/env python3
"""Generate the multi-sheet workbook test set in the folder above this one.

Writes 14 workbooks (.xlsx and .ods), answers.csv, and nothing else.
Every answer (lines, total) is computed from the very rows written to the
workbook.  Random choices use fixed seeds, so a rerun gives the same data.

Needs openpyxl, and LibreOffice (`soffice`) for the files that are re-saved
by a spreadsheet (formula results cached) or converted to .ods.

    python3 -m venv /tmp/sheetsvenv && /tmp/sheetsvenv/bin/pip install openpyxl
    /tmp/sheetsvenv/bin/python tools/make_sheets.py
"""
import csv
import datetime as dt
import calendar
import random
import shutil
import subprocess
import tempfile
from collections import namedtuple, OrderedDict
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
CENT = Decimal("0.01")

# --------------------------------------------------------------------------
# fictional suppliers: (name, expense type, service area, low, high)
# --------------------------------------------------------------------------
COUNCIL_POOL = [
    ("Brightwater Facilities Management Ltd", "Building Repairs & Maintenance", "Corporate Property", 800, 48000),
    ("Halden & Pryce Solicitors LLP", "Legal Fees", "Legal Services", 600, 22000),
    ("Northbrook Highway Services Ltd", "Highways Maintenance", "Environment & Highways", 2500, 195000),
    ("Copperleaf Care Homes Ltd", "Residential Care - External", "Adult Social Care", 1800, 65000),
    ("Meriton Office Supplies Ltd", "Printing & Stationery", "Corporate Resources", 520, 6500),
    ("Ashcombe Waste Solutions Ltd", "Waste Disposal", "Waste Services", 4000, 180000),
    ("Fernhill Community Transport CIC", "Home to School Transport", "Children's Services", 900, 28000),
    ("Tollbridge IT Services Ltd", "Software Licences", "ICT", 700, 85000),
    ("Pennant Fleet Leasing Ltd", "Vehicle Leasing", "Fleet Management", 1200, 24000),
    ("Greystone Roofing & Building Ltd", "Capital - Building Works", "Housing", 3000, 160000),
    ("Marlow Heath Fostering Agency Ltd", "Independent Fostering Agency", "Children's Services", 2500, 42000),
    ("Kestrel Grounds Maintenance Ltd", "Grounds Maintenance", "Parks & Open Spaces", 800, 36000),
    ("Oakvale Supported Living Ltd", "Supported Living", "Adult Social Care", 1500, 70000),
    ("Stanbury Electrical Contractors Ltd", "Electrical Works", "Corporate Property", 600, 38000),
    ("Wendover Print & Design Ltd", "Printing & Stationery", "Communications", 510, 9000),
    ("Linthorpe Security Services Ltd", "Security Services", "Corporate Property", 700, 15000),
    ("Bellmead School Catering Ltd", "Catering", "Education", 1500, 54000),
    ("Quayside Energy Supply Ltd", "Utilities - Electricity", "Corporate Property", 900, 120000),
    ("Harcourt Interim Recruitment Ltd", "Agency Staff", "Human Resources", 800, 32000),
    ("Redbank Environmental Consultants Ltd", "Consultancy Fees", "Planning & Regulation", 1000, 26000),
    ("Saltmarsh Leisure Trust", "Leisure Management Fee", "Leisure & Culture", 10000, 140000),
    ("Foxley Plant Hire Ltd", "Plant & Equipment Hire", "Environment & Highways", 550, 18000),
    ("Gilderoy Payroll Bureau Ltd", "Payroll Services", "Corporate Resources", 900, 12000),
    ("Hawthorn Domiciliary Care Ltd", "Home Care - External", "Adult Social Care", 1200, 58000),
    ("Ferrisgate Audit & Advisory LLP", "Audit Fees", "Finance", 2000, 45000),
    ("Cobbles Lane Community Trust", "Grants to Voluntary Organisations", "Communities", 500, 25000),
    ("Mossgill Arboricultural Services", "Tree Works", "Parks & Open Spaces", 600, 14000),
    ("REDACTED - PERSONAL DATA", "Direct Payments", "Adult Social Care", 600, 4500),
    ("Portland Row Lettings Ltd", "Temporary Accommodation", "Housing", 700, 19000),
    ("Hale & Corrie Architects LLP", "Professional Fees - Capital", "Regeneration", 2000, 60000),
    ("Dunmore Insurance Brokers Ltd", "Insurance Premiums", "Finance", 1500, 110000),
    ("Westerby Water plc", "Water Charges", "Corporate Property", 520, 9000),
    ("Calder Valley Minibus Hire Ltd", "Passenger Transport", "Children's Services", 600, 16000),
    ("Thistlewood Training Partnership", "Training", "Human Resources", 520, 8000),
]

TOWN_POOL = [
    ("Kestrel Grounds Maintenance Ltd", "Grounds Maintenance", "Open Spaces", 520, 9500),
    ("Lumen Street Lighting Services Ltd", "Street Lighting Maintenance", "Street Lighting", 520, 12000),
    ("Ashcombe Waste Solutions Ltd", "Litter & Dog Bin Emptying", "Environment", 600, 4500),
    ("Brackenholm Community Hall CIO", "Grant", "Community Grants", 500, 6000),
    ("Tollbridge IT Services Ltd", "IT Support", "Administration", 520, 2800),
    ("Pargeter & Shaw Accountants", "Accountancy Fees", "Administration", 600, 3500),
    ("Quayside Energy Supply Ltd", "Electricity", "Town Hall", 550, 4200),
    ("Dunmore Insurance Brokers Ltd", "Insurance", "Administration", 900, 14000),
    ("Hollybush Play Equipment Ltd", "Play Area Equipment", "Open Spaces", 1500, 58000),
    ("Greystone Roofing & Building Ltd", "Building Repairs", "Town Hall", 700, 42000),
    ("Westmere County Pension Fund", "Employer Pension Contributions", "Staffing", 1500, 6000),
    ("Wendover Print & Design Ltd", "Newsletter Printing", "Communications", 520, 3200),
    ("Millrace Festive Lighting Ltd", "Christmas Lights", "Events", 800, 24000),
    ("Fernhill Community Transport CIC", "Grant", "Community Grants", 500, 5000),
    ("Swale & Tidy Cleaning Services", "Cleaning", "Town Hall", 520, 2600),
]

MONTHS = list(calendar.month_name)  # '', 'January', ...
MON3 = list(calendar.month_abbr)


def d2(x):
    return Decimal(x).quantize(CENT)


def money(rng, lo, hi):
    """Log-uniform amount with pence; now and then whole pounds."""
    import math
    v = math.exp(rng.uniform(math.log(lo), math.log(hi)))
    if rng.random() < 0.12:
        return d2(round(v))
    return d2("%.2f" % v)


def workday(rng, year, month, lo=1, hi=None):
    last = calendar.monthrange(year, month)[1]
    hi = min(hi or last, last)
    for _ in range(100):
        d = dt.date(year, month, rng.randint(lo, hi))
        if d.weekday() < 5:
            return d
    raise RuntimeError("no weekday")


def next_weekday(d):
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


class TxGen:
    def __init__(self, rng, start, fmt=None):
        self.rng, self.n, self.fmt = rng, start, fmt

    def __call__(self):
        self.n += self.rng.randint(1, 37)
        return self.fmt % self.n if self.fmt else self.n


def month_lines(rng, pool, year, month, n, tx=None, body=None, credit_rate=0.07,
                big=0, big_floor=25000):
    """n payment lines dated within the month, sorted by date (then tx no)."""
    rows = []
    for i in range(n):
        sup, exp, svc, lo, hi = rng.choice(pool)
        if i < big:
            if hi <= big_floor:
                sup, exp, svc, lo, hi = rng.choice([p for p in pool if p[4] > big_floor * 1.5])
            amt = money(rng, max(big_floor, lo), hi)
        elif rng.random() < credit_rate:
            amt = -money(rng, 500, min(5000, max(hi, 600)))
        else:
            amt = money(rng, lo, hi)
        rows.append({"date": workday(rng, year, month), "supplier": sup, "expense": exp,
                     "service": svc, "amount": amt, "body": body})
    rng.shuffle(rows)
    rows.sort(key=lambda r: r["date"])
    if tx:
        for r in rows:
            r["tx"] = tx()
    return rows


# --------------------------------------------------------------------------
# sheet writing
# --------------------------------------------------------------------------
Col = namedtuple("Col", "header key width fmt")
HDR_FILL = PatternFill("solid", fgColor="D9E1F2")
YEL_FILL = PatternFill("solid", fgColor="FFF2CC")


def write_table(ws, cols, rows, title_rows=(), freeze=True, autofilter=True,
                total=None, header_fill=HDR_FILL, highlight=()):
    """Write optional (merged) title rows, a header and the rows.

    title_rows: list of str or None (None = blank row).
    total: dict(gap=int, label=str, label_key=key or None(->first col), merge=bool)
    Returns (header_row, first_data_row, last_data_row).
    """
    ncol = len(cols)
    r = 1
    for i, t in enumerate(title_rows):
        if t is not None:
            c = ws.cell(r, 1, t)
            c.font = Font(bold=True, size=14 if i == 0 else 11)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncol)
        r += 1
    hdr = r
    for j, col in enumerate(cols, 1):
        c = ws.cell(hdr, j, col.header)
        c.font = Font(bold=True)
        if header_fill is not None:
            c.fill = header_fill
        c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(j)].width = col.width
    for i, row in enumerate(rows):
        for j, col in enumerate(cols, 1):
            v = row.get(col.key)
            if isinstance(v, Decimal):
                v = float(v)
            c = ws.cell(hdr + 1 + i, j, v)
            if col.fmt and v is not None:
                c.number_format = col.fmt
            if i in highlight:
                c.fill = YEL_FILL
    first, last = hdr + 1, hdr + len(rows)
    if freeze:
        ws.freeze_panes = ws.cell(hdr + 1, 1)
    if autofilter and rows:
        ws.auto_filter.ref = "A%d:%s%d" % (hdr, get_column_letter(ncol), last)
    if total:
        tr = last + 1 + total.get("gap", 0)
        amt_j = [j for j, c in enumerate(cols, 1) if c.key == "amount"][0]
        lab_j = 1
        if total.get("label_key"):
            lab_j = [j for j, c in enumerate(cols, 1) if c.key == total["label_key"]][0]
        c = ws.cell(tr, lab_j, total["label"])
        c.font = Font(bold=True)
        if total.get("merge") and amt_j - 1 > lab_j:
            ws.merge_cells(start_row=tr, start_column=lab_j, end_row=tr, end_column=amt_j - 1)
        L = get_column_letter(amt_j)
        c = ws.cell(tr, amt_j, "=SUM(%s%d:%s%d)" % (L, first, L, last))
        c.font = Font(bold=True)
        c.number_format = cols[amt_j - 1].fmt
    return hdr, first, last


def select_only(wb, idx):
    wb.active = idx
    for i, ws in enumerate(wb.worksheets):
        ws.sheet_view.tabSelected = (i == idx)


def text_sheet(ws, lines, width=110):
    ws.column_dimensions["A"].width = width
    for i, t in enumerate(lines, 1):
        if t is None:
            continue
        if isinstance(t, tuple):
            for j, v in enumerate(t, 1):
                ws.cell(i, j, v)
            ws.column_dimensions["A"].width = 22
            ws.column_dimensions["B"].width = 80
        else:
            c = ws.cell(i, 1, t)
            if i == 1:
                c.font = Font(bold=True, size=14)


def total_of(rows):
    return sum((r["amount"] for r in rows), Decimal("0.00"))


def fmt_money(d):
    s = "{:,.2f}".format(abs(d))
    return ("-£" if d < 0 else "£") + s


# number formats as finance teams type them
GBP = '"£"#,##0.00'
GBP_RED = '"£"#,##0.00;[Red]-"£"#,##0.00'
GBP_NEG = '£#,##0.00;-£#,##0.00'
PLAIN = '#,##0.00'
DMY = 'dd/mm/yyyy'
DMMMY = 'dd-mmm-yyyy'
DMY2 = 'd mmm yy'

# --------------------------------------------------------------------------
# the files
# --------------------------------------------------------------------------
FILES = OrderedDict()


def spec(name, resave=None):
    """resave: None (as openpyxl writes it), 'xlsx' (open+save in LibreOffice), 'ods'."""
    def deco(fn):
        FILES[name] = (fn, resave)
        return fn
    return deco


def answer(expect, sheet_rows, notes, import_sheets=None):
    """sheet_rows: OrderedDict sheet -> rows.  import_sheets: names to import."""
    if expect == "import":
        rows = [r for s in import_sheets for r in sheet_rows[s]]
        return dict(expect="import", lines=len(rows), total=total_of(rows),
                    sheets=";".join(import_sheets), notes=notes)
    return dict(expect="refuse", lines="", total="", sheets=";".join(import_sheets), notes=notes)


def every_sheet_naive(sheet_rows):
    rows = [r for rs in sheet_rows.values() for r in rs]
    return len(rows), total_of(rows)


# 1 -------------------------------------------------------------------------
@spec("lb_ravensmoor_2019_q2.xlsx")
def f_ravensmoor(wb):
    rng = random.Random(190401)
    body = "London Borough of Ravensmoor"
    tx = TxGen(rng, 5100234000)
    cols = [Col("Body Name", "body", 30, None), Col("Service Area", "service", 26, None),
            Col("Expenses Type", "expense", 30, None), Col("Payment Date", "date", 13, DMY),
            Col("Transaction No", "tx", 15, "0"), Col("Supplier Name", "supplier", 38, None),
            Col("Amount", "amount", 14, GBP_RED)]
    sr = OrderedDict()
    for (m, n) in [(4, 26), (5, 31), (6, 28)]:
        name = "%s 2019" % MON3[m]
        sr[name] = month_lines(rng, COUNCIL_POOL, 2019, m, n, tx, body, big=2)
        write_table(wb.create_sheet(name), cols, sr[name])
    select_only(wb, 0)
    n = sum(len(v) for v in sr.values())
    return sr, answer("import", sr,
                      "Quarterly workbook, one sheet a month (Apr/May/Jun 2019), identical 7-column headers in row 1, "
                      "frozen header, real date cells, Transaction No on every line (unique across the file), credits "
                      "negative. Plain case: all three sheets are one publication split by month, so all %d lines go "
                      "in once each." % n, list(sr))


# 2 -------------------------------------------------------------------------
@spec("kestrelford_dc_2021_22.xlsx", resave="xlsx")
def f_kestrelford(wb):
    rng = random.Random(210422)
    body = "Kestrelford District Council"
    tx = TxGen(rng, 0, "KDC%07d")
    tx.n = 3104000
    cols = [Col("Body Name", "body", 28, None), Col("Service Area", "service", 26, None),
            Col("Expenses Type", "expense", 30, None), Col("Payment Date", "date", 13, DMMMY),
            Col("Transaction No", "tx", 14, None), Col("Supplier Name", "supplier", 38, None),
            Col("Amount", "amount", 14, GBP)]
    readme = wb.create_sheet("Read me")
    text_sheet(readme, [
        "Kestrelford District Council - payments to suppliers over £500, 2021/22",
        None,
        "This workbook lists every payment of £500 or more made by the council between 1 April 2021 and 31 March 2022.",
        "There is one sheet for each month. Credit notes and refunds are shown as negative amounts.",
        "Payments to individuals are shown as REDACTED - PERSONAL DATA to protect their privacy.",
        "Amounts exclude VAT that the council can recover.",
        None,
        ("Field", "What it means"),
        ("Body Name", "The organisation that made the payment"),
        ("Service Area", "The part of the council the spending belongs to"),
        ("Expenses Type", "What the money was spent on"),
        ("Payment Date", "The date the payment was made"),
        ("Transaction No", "The council's reference for the payment"),
        ("Supplier Name", "Who was paid"),
        ("Amount", "The amount paid, in pounds"),
        None,
        ("Contact", "transparency@kestrelford.example.gov.uk"),
    ])
    sr = OrderedDict()
    months = [(2021, m) for m in range(4, 13)] + [(2022, m) for m in range(1, 4)]
    for (y, m) in months:
        name = "%s-%02d" % (MON3[m], y % 100)
        sr[name] = month_lines(rng, COUNCIL_POOL, y, m, rng.randint(10, 19), tx, body)
        write_table(wb.create_sheet(name), cols, sr[name])
    notes = wb.create_sheet("Notes")
    text_sheet(notes, [
        "Notes",
        None,
        "1. August 2021 includes the annual insurance premium, paid in one sum.",
        "2. Payments for the Saltmarsh leisure contract are made monthly in arrears.",
        "3. A small number of payments were re-coded after month end; figures here are as at publication.",
        "4. This data is published under the Local Government Transparency Code 2015.",
    ])
    select_only(wb, 0)
    n = sum(len(v) for v in sr.values())
    return sr, answer("import", sr,
                      "Financial-year workbook: a 'Read me' cover sheet first (title, prose, and a two-column "
                      "Field/What-it-means table that names the columns but holds no payments), then 12 month sheets "
                      "Apr-21..Mar-22 with identical headers, then a 'Notes' sheet of prose. Only the 12 month sheets "
                      "hold payment lines; cover and notes sheets carry none, so nothing is lost by leaving them out. "
                      "All %d lines go in once each. Re-saved by LibreOffice." % n, list(sr))


# 3 -------------------------------------------------------------------------
@spec("ashbourne_vale_cc_2022_q3.xlsx", resave="xlsx")
def f_ashbourne(wb):
    rng = random.Random(220703)
    body = "Ashbourne Vale County Council"
    tx = TxGen(rng, 880100)
    cols = [Col("Organisation", "body", 30, None), Col("Directorate", "service", 26, None),
            Col("Expense Type", "expense", 30, None), Col("Date Paid", "date", 12, DMY),
            Col("Transaction Number", "tx", 13, "0"), Col("Supplier", "supplier", 38, None),
            Col("Amount (£)", "amount", 15, GBP_NEG)]
    layouts = {
        7: dict(titles=["Ashbourne Vale County Council", "Expenditure over £500 - July 2022", None],
                total=dict(gap=1, label="Total", label_key=None)),
        8: dict(titles=["Ashbourne Vale County Council",
                        "Expenditure over £500 - August 2022",
                        "Published under the Local Government Transparency Code 2015",
                        "Data extracted from the finance system on 06/09/2022",
                        None],
                total=dict(gap=0, label="Total for August 2022", label_key="supplier")),
        9: dict(titles=["Ashbourne Vale County Council - spend over £500, September 2022"],
                total=dict(gap=1, label="TOTAL", label_key=None, merge=True)),
    }
    sr = OrderedDict()
    for m, n in [(7, 27), (8, 22), (9, 34)]:
        name = MONTHS[m]
        sr[name] = month_lines(rng, COUNCIL_POOL, 2022, m, n, tx, body, big=1)
        write_table(wb.create_sheet(name), cols, sr[name], title_rows=layouts[m]["titles"],
                    total=layouts[m]["total"])
    select_only(wb, 0)
    n = sum(len(v) for v in sr.values())
    return sr, answer("import", sr,
                      "Three month sheets (July/August/September) with the same header, but each has its own merged "
                      "title rows above it: 3 rows (title, subtitle, blank) in July, 5 in August, 1 in September, so the "
                      "header is on row 4, 6 and 2. Each sheet ends in a =SUM Total row (July: blank row then 'Total' in "
                      "column A; August: 'Total for August 2022' in the Supplier column directly under the last line; "
                      "September: blank row then merged 'TOTAL'). Titles and Total rows are not payments: importing "
                      "a Total row would double the month. %d payment lines. Re-saved by LibreOffice so the totals "
                      "hold cached values." % n, list(sr))


# 4 -------------------------------------------------------------------------
@spec("calderbrook_fra_2020_q4.xlsx", resave="xlsx")
def f_calderbrook(wb):
    rng = random.Random(201004)
    body = "Calderbrook Fire and Rescue Authority"
    tx = TxGen(rng, 0, "CFRA/%06d")
    tx.n = 204100
    pool = [p for p in COUNCIL_POOL if p[2] not in ("Adult Social Care", "Children's Services", "Education", "Housing")]
    pool += [("Emberline Fire Appliances Ltd", "Vehicles - Capital", "Fleet", 5000, 190000),
             ("Redshank Breathing Apparatus Ltd", "Operational Equipment", "Operations", 600, 45000),
             ("Harbour Uniform & Workwear Ltd", "Uniforms & PPE", "Operations", 520, 28000)]
    cols = [Col("Body", "body", 34, None), Col("Department", "service", 24, None),
            Col("Expenditure Category", "expense", 28, None), Col("Payment Date", "date", 12, DMY),
            Col("Transaction Ref", "tx", 14, None), Col("Supplier Name", "supplier", 38, None),
            Col("Amount", "amount", 14, GBP)]
    old = wb.create_sheet("Q4 2019")
    old_rows = []
    tx_old = TxGen(rng, 0, "CFRA/%06d")
    tx_old.n = 188000
    for m in (10, 11, 12):
        old_rows += month_lines(rng, pool, 2019, m, 11, tx_old, body)
    write_table(old, cols, old_rows)
    old.sheet_state = "hidden"
    sr = OrderedDict()
    for m, n in [(10, 24), (11, 19), (12, 29)]:
        name = "%s 2020" % MON3[m]
        sr[name] = month_lines(rng, pool, 2020, m, n, tx, body, big=1)
        write_table(wb.create_sheet(name), cols, sr[name])
    select_only(wb, 1)
    n = sum(len(v) for v in sr.values())
    all_rows = OrderedDict([("Q4 2019", old_rows)] + list(sr.items()))
    return all_rows, answer("import", all_rows,
                            "Three visible month sheets (Oct/Nov/Dec 2020) plus a HIDDEN first sheet 'Q4 2019' with "
                            "%d lines of last year's same quarter (same header; the workbook was built from last "
                            "year's file and the old sheet hidden, not deleted). A person opening the file sees only "
                            "the three 2020 sheets: those %d lines are the publication. The hidden sheet must not "
                            "be imported (that would add %s of 2019 spend)." % (
                                len(old_rows), n, fmt_money(total_of(old_rows))), list(sr))


# 5 -------------------------------------------------------------------------
@spec("wexcombe_bc_2023_q1.ods", resave="ods")
def f_wexcombe(wb):
    rng = random.Random(230105)
    body = "Wexcombe Borough Council"
    cols = [Col("Body", "body", 26, None), Col("Service Area", "service", 26, None),
            Col("Expense Type", "expense", 30, None), Col("Date", "date", 12, DMY),
            Col("Supplier Name", "supplier", 38, None), Col("Amount", "amount", 14, GBP)]
    fees = [("Tollbridge IT Services Ltd", "Managed IT Service", "ICT", d2("4166.67"), 13),
            ("Pennant Fleet Leasing Ltd", "Vehicle Leasing", "Fleet Management", d2("2875.40"), 3),
            ("Saltmarsh Leisure Trust", "Leisure Management Fee", "Leisure & Culture", d2("11250.00"), 20)]
    sr = OrderedDict()
    for m, n in [(1, 24), (2, 21), (3, 27)]:
        name = "%s 2023" % MONTHS[m]
        rows = month_lines(rng, COUNCIL_POOL, 2023, m, n - len(fees) - (2 if m == 1 else 0), None, body)
        for sup, exp, svc, amt, day in fees:
            rows.append({"date": next_weekday(dt.date(2023, m, day)), "supplier": sup, "expense": exp,
                         "service": svc, "amount": amt, "body": body})
        if m == 1:  # weekly agency invoice, same amount twice in one month
            for day in (11, 25):
                rows.append({"date": dt.date(2023, 1, day), "supplier": "Harcourt Interim Recruitment Ltd",
                             "expense": "Agency Staff", "service": "Human Resources",
                             "amount": d2("1642.50"), "body": body})
        rows.sort(key=lambda r: r["date"])
        sr[name] = rows
        write_table(wb.create_sheet(name), cols, rows)
    select_only(wb, 0)
    n = sum(len(v) for v in sr.values())
    return sr, answer("import", sr,
                      "Three month sheets, no transaction reference column, but every line has a payment date. "
                      "The same three suppliers are paid the same amount every month (Tollbridge IT £4,166.67, Pennant "
                      "Fleet £2,875.40, Saltmarsh Leisure £11,250.00: monthly fees), and in January Harcourt Interim "
                      "Recruitment is paid £1,642.50 on 11 and 25 Jan (weekly agency invoice). Those lines match on "
                      "supplier and amount but differ in date, so they are distinct payments, not repeats: all %d "
                      "lines go in, including all 9 fee lines and both agency lines. Saved as .ods by LibreOffice."
                      % n, list(sr))


# 6 -------------------------------------------------------------------------
@spec("brackenholm_tc_2024_q1.xlsx")
def f_brackenholm(wb):
    rng = random.Random(240106)
    body = "Brackenholm Town Council"
    tx = TxGen(rng, 0, "BTC%05d")
    tx.n = 14200
    cols = [Col("Body Name", "body", 26, None), Col("Cost Centre", "service", 20, None),
            Col("Expenses Type", "expense", 30, None), Col("Payment Date", "date", 12, DMY),
            Col("Transaction No", "tx", 12, None), Col("Supplier Name", "supplier", 36, None),
            Col("Amount", "amount", 13, GBP)]
    sr = OrderedDict()
    for m, n in [(1, 14), (2, 0), (3, 17)]:
        name = "%s 2024" % MON3[m]
        sr[name] = month_lines(rng, TOWN_POOL, 2024, m, n, tx, body, credit_rate=0.05) if n else []
        write_table(wb.create_sheet(name), cols, sr[name])
    select_only(wb, 0)
    n = sum(len(v) for v in sr.values())
    keep = [s for s in sr if sr[s]]
    return sr, answer("import", sr,
                      "Small town council, quarter Jan-Mar 2024, one sheet a month with identical headers. The "
                      "'Feb 2024' sheet has the header row and no lines at all (no payment over £500 that month, "
                      "plausible for a town council). Expect import: an empty month cannot be double-counted or "
                      "misread, the other two sheets are complete, and refusing would block a correct file. %d lines "
                      "from Jan and Mar; 'sheets' lists only the sheets holding lines. A note that Feb 2024 has no "
                      "lines is welcome but not required." % n, keep)


# 7 -------------------------------------------------------------------------
@spec("stowbridge_mbc_2018_q3.ods", resave="ods")
def f_stowbridge(wb):
    rng = random.Random(180707)
    body = "Stowbridge Metropolitan Borough Council"
    tx = TxGen(rng, 7003400)
    cols = [Col("Organisation Name", "body", 36, None), Col("Service Area", "service", 26, None),
            Col("Expense Type", "expense", 30, None), Col("Payment Date", "date", 12, DMMMY),
            Col("Transaction No", "tx", 12, "0"), Col("Supplier Name", "supplier", 38, None),
            Col("Amount", "amount", 14, GBP_RED)]
    sr = OrderedDict()
    for m, n in [(7, 33), (8, 29), (9, 38)]:
        name = MONTHS[m]
        sr[name] = month_lines(rng, COUNCIL_POOL, 2018, m, n, tx, body, big=2)
        write_table(wb.create_sheet(name), cols, sr[name])
    wb.create_sheet("Sheet4")  # left-over blank sheet
    select_only(wb, 0)
    n = sum(len(v) for v in sr.values())
    return sr, answer("import", sr,
                      "Quarterly .ods workbook: July/August/September sheets (no year in the sheet names; the dates "
                      "carry it) with identical headers and Transaction No, plus a completely blank left-over "
                      "'Sheet4' at the end. The blank sheet holds nothing, so it neither adds nor conflicts: all "
                      "%d lines from the three month sheets go in. Saved as .ods by LibreOffice." % n, list(sr))


# 8 -------------------------------------------------------------------------
@spec("northwick_cc_2020_06.xlsx")
def f_northwick(wb):
    rng = random.Random(200608)
    body = "Northwick City Council"
    tx = TxGen(rng, 61200400)
    cols = [Col("Body Name", "body", 26, None), Col("Service Area", "service", 26, None),
            Col("Expenses Type", "expense", 30, None), Col("Payment Date", "date", 12, DMY),
            Col("Transaction No", "tx", 13, "0"), Col("Supplier Name", "supplier", 38, None),
            Col("Amount", "amount", 14, GBP_RED)]
    rows = month_lines(rng, COUNCIL_POOL, 2020, 6, 38, tx, body, big=12)
    big = [r for r in rows if r["amount"] >= 25000]
    sr = OrderedDict([("June 2020", rows), ("Over £25k", big)])
    write_table(wb.create_sheet("June 2020"), cols, rows,
                title_rows=["Northwick City Council - payments over £500, June 2020"])
    write_table(wb.create_sheet("Over £25k"), cols, big,
                title_rows=["Northwick City Council - payments over £25,000, June 2020"])
    select_only(wb, 0)
    nn, tt = every_sheet_naive(sr)
    return sr, answer("refuse", sr,
                      "'June 2020' holds all %d payments (%s). 'Over £25k' (same header, same Transaction Nos) "
                      "repeats the %d of them of £25,000 or more (%s), as councils also publish them separately. "
                      "Importing both gives %d lines / %s, double-counting the large payments. Which sheet is the "
                      "publication is a judgement (here the June sheet), so refuse and name the repeated Transaction "
                      "Nos; a person should import 'June 2020' alone." % (
                          len(rows), fmt_money(total_of(rows)), len(big), fmt_money(total_of(big)), nn,
                          fmt_money(tt)), list(sr))


# 9 -------------------------------------------------------------------------
@spec("silverdale_bc_2021_11.xlsx", resave="xlsx")
def f_silverdale(wb):
    rng = random.Random(211109)
    body = "Silverdale Borough Council"
    tx = TxGen(rng, 4410200)
    cols = [Col("Body Name", "body", 26, None), Col("Service Area", "service", 26, None),
            Col("Expenses Type", "expense", 30, None), Col("Payment Date", "date", 12, DMY),
            Col("Transaction No", "tx", 12, "0"), Col("Supplier Name", "supplier", 38, None),
            Col("Amount", "amount", 14, GBP)]
    pool = rng.sample(COUNCIL_POOL, 15)  # few suppliers, paid several times each
    rows = month_lines(rng, pool, 2021, 11, 37, tx, body)
    ws = wb.create_sheet("Nov 2021")
    hdr, first, last = write_table(ws, cols, rows)
    # summary: Service Area | Supplier Name | Amount, SUMIFS over the payments
    keys = sorted({(r["service"], r["supplier"]) for r in rows})
    summ = wb.create_sheet("Summary")
    for j, h in enumerate(["Service Area", "Supplier Name", "Amount"], 1):
        c = summ.cell(1, j, h)
        c.font = Font(bold=True)
        c.fill = HDR_FILL
    summ.column_dimensions["A"].width = 26
    summ.column_dimensions["B"].width = 38
    summ.column_dimensions["C"].width = 14
    srows = []
    for i, (svc, sup) in enumerate(keys, 2):
        summ.cell(i, 1, svc)
        summ.cell(i, 2, sup)
        c = summ.cell(i, 3, "=SUMIFS('Nov 2021'!$G$%d:$G$%d,'Nov 2021'!$B$%d:$B$%d,A%d,'Nov 2021'!$F$%d:$F$%d,B%d)"
                      % (first, last, first, last, i, first, last, i))
        c.number_format = GBP
        srows.append({"service": svc, "supplier": sup,
                      "amount": sum((r["amount"] for r in rows if (r["service"], r["supplier"]) == (svc, sup)),
                                    Decimal("0.00"))})
    g = len(keys) + 2
    summ.cell(g, 1, "Grand Total").font = Font(bold=True)
    c = summ.cell(g, 3, "=SUM(C2:C%d)" % (g - 1))
    c.number_format = GBP
    c.font = Font(bold=True)
    summ.freeze_panes = "A2"
    select_only(wb, 0)
    sr = OrderedDict([("Nov 2021", rows), ("Summary", srows)])
    return sr, answer("refuse", sr,
                      "'Nov 2021' has %d payment lines (%s). 'Summary' is a supplier summary (SUMIFS, like a pivot "
                      "pasted out) with the same column names 'Service Area', 'Supplier Name', 'Amount': %d rows, one "
                      "per service/supplier, plus a Grand Total row. Its rows look like payments (supplier + amount) "
                      "but restate the same money: importing both at least doubles the month (%s + %s). Refuse so a "
                      "person picks the payments sheet; the summary lacks dates and Transaction Nos, but guessing "
                      "from that is not safe." % (len(rows), fmt_money(total_of(rows)), len(srows),
                                                  fmt_money(total_of(rows)), fmt_money(total_of(srows))),
                      ["Nov 2021", "Summary"])


# 10 ------------------------------------------------------------------------
@spec("marchbury_dc_2022_q4.xlsx")
def f_marchbury(wb):
    rng = random.Random(221010)
    body = "Marchbury District Council"
    tx = TxGen(rng, 920300)
    base = [Col("Body Name", "body", 26, None), Col("Service Area", "service", 26, None),
            Col("Expenses Type", "expense", 30, None), Col("Payment Date", "date", 12, DMY),
            Col("Transaction No", "tx", 12, "0"), Col("Supplier Name", "supplier", 38, None)]
    cols = base + [Col("Amount", "amount", 14, GBP)]
    cols_dec = base + [Col("Irrecoverable VAT", "vat", 12, GBP), Col("Amount", "amount", 14, GBP)]
    sr = OrderedDict()
    for m, n in [(10, 29), (11, 25), (12, 31)]:
        name = "%s 22" % MON3[m]
        rows = month_lines(rng, COUNCIL_POOL, 2022, m, n, tx, body)
        if m == 12:
            for r in rows:
                r["vat"] = d2("0.00") if rng.random() < 0.7 else (abs(r["amount"]) * Decimal("0.2")).quantize(CENT) \
                    * (1 if r["amount"] > 0 else -1)
        sr[name] = rows
        write_table(wb.create_sheet(name), cols_dec if m == 12 else cols, rows)
    select_only(wb, 0)
    nn, tt = every_sheet_naive(sr)
    return sr, answer("refuse", sr,
                      "Oct 22 and Nov 22 have 7 columns ending '... Supplier Name, Amount'. Dec 22 has an extra column "
                      "'Irrecoverable VAT' inserted before 'Amount' (8 columns), so Amount is no longer in the same "
                      "place and it is unclear whether December's Amount is on the same basis as the other months "
                      "(does it include the VAT shown?). Reading by position would take the VAT column as the amount "
                      "for December. Headers disagree between sheets, so refuse and say which sheet differs; taken "
                      "literally the Amount columns sum to %d lines / %s." % (nn, fmt_money(tt)), list(sr))


# 11 ------------------------------------------------------------------------
@spec("pellingham_bc_2023_q2.xlsx")
def f_pellingham(wb):
    rng = random.Random(230411)
    body = "Pellingham Borough Council"
    tx = TxGen(rng, 0, "PBC-%06d")
    tx.n = 510300
    base = [Col("Body Name", "body", 26, None), Col("Service Area", "service", 26, None),
            Col("Expenses Type", "expense", 30, None), Col("Payment Date", "date", 12, DMMMY),
            Col("Transaction No", "tx", 14, None), Col("Supplier Name", "supplier", 38, None)]
    sr = OrderedDict()
    for m, n in [(4, 23), (5, 30), (6, 26)]:
        name = MONTHS[m]
        rows = month_lines(rng, COUNCIL_POOL, 2023, m, n, tx, body, big=1)
        if m == 6:  # this month reported gross: VAT added on most lines
            for r in rows:
                if rng.random() < 0.75 and r["amount"] * Decimal("1.2") <= 200000:
                    r["amount"] = (r["amount"] * Decimal("1.2")).quantize(CENT)
        sr[name] = rows
        amt = Col("Gross Amount" if m == 6 else "Net Amount", "amount", 14, GBP_RED)
        write_table(wb.create_sheet(name), base + [amt], rows)
    select_only(wb, 0)
    nn, tt = every_sheet_naive(sr)
    return sr, answer("refuse", sr,
                      "April and May have the amount column 'Net Amount'; June, same position, is renamed 'Gross "
                      "Amount' (the finance system report changed to include VAT). Adding net and gross amounts "
                      "gives a total on no single basis (taken literally: %d lines / %s). The columns are in the same "
                      "place, so a positional import would not notice. Refuse and name the renamed column." % (
                          nn, fmt_money(tt)), list(sr))


# 12 ------------------------------------------------------------------------
@spec("tarnside_dc_2020_q3.xlsx")
def f_tarnside(wb):
    rng = random.Random(201012)
    body = "Tarnside District Council"
    cols = [Col("Directorate", "service", 26, None), Col("Expense Type", "expense", 30, None),
            Col("Supplier Name", "supplier", 38, None), Col("Amount", "amount", 14, GBP)]
    a = []
    for m in (10, 11, 12):
        a += month_lines(rng, COUNCIL_POOL, 2020, m, 9, None, body)
    rng.shuffle(a)
    a.sort(key=lambda r: (r["service"], r["supplier"]))
    rep = rng.sample(a, 8)
    b = [dict(r) for r in rep] + month_lines(rng, COUNCIL_POOL, 2020, 12, 11, None, body)
    b.sort(key=lambda r: (r["service"], r["supplier"]))
    title = ["Tarnside District Council", "Expenditure over £500 - October to December 2020"]
    write_table(wb.create_sheet("Payments"), cols, a, title_rows=title)
    write_table(wb.create_sheet("Payments (2)"), cols, b, title_rows=title)
    select_only(wb, 0)
    sr = OrderedDict([("Payments", a), ("Payments (2)", b)])
    nn, tt = every_sheet_naive(sr)
    return sr, answer("refuse", sr,
                      "Two sheets 'Payments' (%d lines) and 'Payments (2)' (%d lines) with the same title for the "
                      "same quarter and only Directorate, Expense Type, Supplier Name, Amount: no payment dates and "
                      "no transaction references. 8 lines of 'Payments (2)' are identical in every column to lines "
                      "of 'Payments'. They could be a copied sheet (repeats) or genuine repeat payments (e.g. monthly "
                      "fees); nothing in the file can tell. Both sheets together: %d lines / %s; without the 8: "
                      "%s less. Refuse." % (len(a), len(b), nn, fmt_money(tt), fmt_money(total_of(rep))), list(sr))


# 13 ------------------------------------------------------------------------
@spec("ouseby_cc_2021_08.ods", resave="ods")
def f_ouseby(wb):
    rng = random.Random(210813)
    body = "Ouseby County Council"
    tx = TxGen(rng, 33071000)
    cols = [Col("Body Name", "body", 24, None), Col("Service Area", "service", 26, None),
            Col("Expenses Type", "expense", 30, None), Col("Payment Date", "date", 12, DMY),
            Col("Transaction No", "tx", 12, "0"), Col("Supplier Name", "supplier", 38, None),
            Col("Amount", "amount", 14, GBP)]
    orig = month_lines(rng, COUNCIL_POOL, 2021, 8, 31, tx, body, big=2)
    amended = [dict(r) for r in orig]
    hl = []
    # 1) a keying error: amount ten times too big
    i = max(range(len(amended)), key=lambda k: amended[k]["amount"])
    amended[i]["amount"] = (amended[i]["amount"] / 10).quantize(CENT)
    orig[i]["amount"] = amended[i]["amount"] * 10
    hl.append(i)
    # 2) pence transposed on another line
    j = 5
    a = amended[j]["amount"]
    pounds, pence = divmod(abs(a) * 100, 100)
    amended[j]["amount"] = d2((pounds * 100 + (pence % 10) * 10 + pence // 10) / 100) * (1 if a > 0 else -1)
    if amended[j]["amount"] == a:
        amended[j]["amount"] = a + d2("9.00")
    hl.append(j)
    # 3) a duplicated posting removed
    dup = dict(orig[12])
    dup["tx"] = tx()
    orig.insert(13, dup)
    # 4) a missed payment added
    extra = {"date": dt.date(2021, 8, 27), "supplier": "Copperleaf Care Homes Ltd",
             "expense": "Residential Care - External", "service": "Adult Social Care",
             "amount": d2("18436.20"), "body": body, "tx": tx()}
    amended.append(extra)
    hl.append(len(amended) - 1)
    write_table(wb.create_sheet("Original"), cols, orig,
                title_rows=["Ouseby County Council - spend over £500, August 2021 (as published 14/09/2021)"])
    write_table(wb.create_sheet("Amended"), cols, amended,
                title_rows=["Ouseby County Council - spend over £500, August 2021 (AMENDED 02/10/2021 - corrected "
                            "lines highlighted)"], highlight=[h for h in hl])
    select_only(wb, 1)
    sr = OrderedDict([("Original", orig), ("Amended", amended)])
    nn, tt = every_sheet_naive(sr)
    return sr, answer("refuse", sr,
                      "'Original' (%d lines, %s) and 'Amended' (%d lines, %s) are two versions of the same month "
                      "with the same Transaction Nos: the amended sheet fixes a keying error (x10), a pence "
                      "transposition, drops a duplicated posting and adds a missed payment. Importing both gives "
                      "%d lines / %s, nearly double. The Amended sheet is probably the one wanted, but choosing it "
                      "is a judgement on the sheet names: refuse for a person to import 'Amended' alone. Saved as "
                      ".ods." % (len(orig), fmt_money(total_of(orig)), len(amended), fmt_money(total_of(amended)),
                                 nn, fmt_money(tt)), list(sr))


# 14 ------------------------------------------------------------------------
@spec("hollinsby_tc_2023_25.xlsx", resave="xlsx")
def f_hollinsby(wb):
    rng = random.Random(230414)
    body = "Hollinsby Town Council"
    vno = TxGen(rng, 0, "V%04d")
    vno.n = 1100
    cols = [Col("Date", "date", 12, DMY2), Col("Voucher No", "tx", 10, None),
            Col("Payee", "supplier", 36, None), Col("Description", "expense", 30, None),
            Col("Cost Centre", "service", 18, None), Col("Amount", "amount", 13, GBP_NEG)]
    pool = [p[:3] + (p[3], min(p[4], 30000)) for p in TOWN_POOL]

    def year_rows(y0, counts):
        rows = []
        for k, c in enumerate(counts):
            y, m = (y0, 4 + k) if k < 9 else (y0 + 1, k - 8)
            rows += month_lines(rng, pool, y, m, c, vno, body, credit_rate=0.04)
        return rows

    y23 = year_rows(2023, [3, 3, 2, 3, 2, 3, 4, 3, 2, 3, 3, 5])
    march = [r for r in y23 if r["date"] >= dt.date(2024, 3, 1)]
    y24 = [dict(r) for r in march] + year_rows(2024, [3, 2, 3, 2, 3, 3, 2, 4, 2, 3, 2, 3])
    write_table(wb.create_sheet("2023-24"), cols, y23)
    write_table(wb.create_sheet("2024-25"), cols, y24)
    select_only(wb, 1)
    sr = OrderedDict([("2023-24", y23), ("2024-25", y24)])
    nn, tt = every_sheet_naive(sr)
    return sr, answer("refuse", sr,
                      "Town council, one sheet a financial year. '2023-24' has %d lines (Apr 2023-Mar 2024); "
                      "'2024-25' has %d lines but starts with the %d March 2024 payments copied over from 2023-24 "
                      "(same dates, voucher numbers, payees, amounts: %s), dated outside its own year. Importing both "
                      "gives %d lines / %s, counting March 2024 twice. Which copy to keep is a person's call (fix the "
                      "file), so refuse and name the repeated vouchers." % (
                          len(y23), len(y24), len(march), fmt_money(total_of(march)), nn, fmt_money(tt)),
                      list(sr))


# --------------------------------------------------------------------------
def soffice(args, workdir):
    prof = "file://" + str(Path(workdir) / "lo_profile")
    subprocess.run(["soffice", "-env:UserInstallation=" + prof, "--headless", "--norestore"] + args,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)


def main():
    work = Path(tempfile.mkdtemp(prefix="sheets_build_"))
    raw, conv = work / "raw", work / "conv"
    raw.mkdir()
    conv.mkdir()
    answers = []
    for name, (fn, resave) in FILES.items():
        wb = Workbook()
        wb.remove(wb.active)
        sr, ans = fn(wb)
        for sheet, rows in sr.items():
            for r in ([] if sheet == "Summary" else rows):
                assert r["amount"] == r["amount"].quantize(CENT)
                assert Decimal("-5000") <= r["amount"] <= Decimal("200000"), (name, r)
        stem = Path(name).stem
        xlsx = raw / (stem + ".xlsx")
        wb.save(xlsx)
        if resave is None:
            shutil.copy(xlsx, OUT / name)
        else:
            target = "ods" if resave == "ods" else 'xlsx:Calc MS Excel 2007 XML'
            soffice(["--convert-to", target, "--outdir", str(conv), str(xlsx)], work)
            shutil.copy(conv / name, OUT / name)
        ans["file"] = name
        answers.append(ans)
        print("%-34s %-6s %4s %14s  %s" % (name, ans["expect"], ans["lines"],
                                           ans["total"], ans["sheets"]))
    with open(OUT / "answers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["file", "expect", "lines", "total", "sheets", "notes"])
        for a in answers:
            w.writerow([a["file"], a["expect"], a["lines"],
                        "" if a["total"] == "" else str(a["total"].quantize(CENT)), a["sheets"], a["notes"]])
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
