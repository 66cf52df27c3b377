#!/usr/bin/env python
"""Generate a blind set of Excel 97-2003 (.xls) council spend files plus an answer key.

Run with:  /work/main/.venv/bin/python /work/blind-xls/tools/make_blind_xls.py
Writes into /work/blind-xls/ (the parent of this tools folder).
All amounts are generated as Decimal; totals in answers.csv are exact Decimal sums.
"""
import csv
import datetime as dt
import os
import random
from decimal import Decimal, ROUND_HALF_UP

import xlwt

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CENT = Decimal("0.01")

SUPPLIERS = [
    "Northgate Facilities Management Ltd", "Brightwater Care Services Ltd", "Kestrel Highways Ltd",
    "Meridian Office Supplies Ltd", "Oakfield Residential Homes Ltd", "Pennine Waste Solutions Ltd",
    "Harbour IT Services Ltd", "Greenlane Grounds Maintenance", "Castleford Legal LLP",
    "Sovereign Energy Supply plc", "Redbrook Construction Ltd", "Willowtree Fostering Agency",
    "Ashdown Recruitment Ltd", "Bluebell Community Transport CIC", "Thornbury Catering Ltd",
    "Summit Software Licensing Ltd", "Riverside Housing Association", "Eastgate Plant Hire Ltd",
    "Fairway Print & Design Ltd", "Lakeside Security Services Ltd", "Millbrook Supported Living Ltd",
    "Crown Fuel Cards Ltd", "Hollybush Nursery Ltd", "Stonebridge Surveyors LLP",
    "Westfield Taxis", "Beacon Water Ltd", "Coppergate Consulting Ltd", "Elmhurst Cleaning Co Ltd",
    "Kingfisher Leisure Trust", "Parkside Medical Supplies Ltd", "Orchard Vets Ltd",
    "Sterling Insurance Brokers Ltd", "Trident Telecoms plc", "Valley Road Garage",
]
NHS_SUPPLIERS = [
    "NHS Supply Chain", "Meridian Pharma Distribution Ltd", "Parkside Medical Supplies Ltd",
    "Northvale Community Health Partnership", "Harbour IT Services Ltd", "Sovereign Energy Supply plc",
    "Castleford Legal LLP", "Greystone Estates Ltd", "Apex Locum Doctors Ltd", "Bluewater Nursing Agency Ltd",
    "Sterling Insurance Brokers Ltd", "Redbrook Construction Ltd", "Oxbridge Diagnostics Ltd",
    "NHS Property Services Ltd", "Lakeside Security Services Ltd", "Thornbury Catering Ltd",
    "Vantage Imaging Systems Ltd", "HM Revenue & Customs", "NHS Pensions Agency",
]
POLICE_SUPPLIERS = [
    "Crown Fuel Cards Ltd", "Eastgate Vehicle Leasing Ltd", "Forensic Analysis Services Ltd",
    "Harbour IT Services Ltd", "Trident Telecoms plc", "Kestrel Custody Healthcare Ltd",
    "Lakeside Security Services Ltd", "Sovereign Energy Supply plc", "Meridian Office Supplies Ltd",
    "Blue Lamp Uniforms Ltd", "Valley Road Garage", "Castleford Legal LLP", "Airwave Solutions Ltd",
    "Southshire County Council", "Elmhurst Cleaning Co Ltd", "Stonebridge Surveyors LLP",
    "Canine Training Services", "Thornbury Catering Ltd",
]
FIRE_SUPPLIERS = [
    "Crown Fuel Cards Ltd", "Eastgate Vehicle Leasing Ltd", "Blaze Protective Clothing Ltd",
    "Harbour IT Services Ltd", "Trident Telecoms plc", "Sovereign Energy Supply plc",
    "Hydrant Engineering Ltd", "Redline Appliance Maintenance Ltd", "Meridian Office Supplies Ltd",
    "Stonebridge Surveyors LLP", "Elmhurst Cleaning Co Ltd", "Westmarsh County Council",
    "Breathing Apparatus Services Ltd", "Castleford Legal LLP",
]
REDACTED = ["REDACTED", "Redacted - personal data", "REDACTED PERSONAL DATA", "Name withheld - individual"]

EXPENSE_TYPES = [
    "Agency Staff", "Consultants Fees", "Building Repairs & Maintenance", "Electricity", "Gas",
    "Stationery", "Software Licences", "Residential Care - Independent", "Vehicle Hire",
    "Grants to Voluntary Organisations", "Legal Fees", "Grounds Maintenance", "Cleaning Contracts",
    "Printing", "Catering Provisions", "Foster Carer Allowances", "Home to School Transport",
    "Insurance Premiums", "Telephones", "Waste Disposal",
]
DIRECTORATES = ["Adult Social Care", "Children's Services", "Environment & Transport", "Resources",
                "Chief Executive's", "Communities & Housing", "Regeneration"]
SERVICES = ["Older People", "Learning Disabilities", "Looked After Children", "Highways Maintenance",
            "Waste Collection", "ICT", "Finance", "Libraries", "Leisure Centres", "Housing Needs",
            "Parks & Open Spaces", "Democratic Services", "Property Services", "Schools Transport"]


def money(x):
    return Decimal(x).quantize(CENT, rounding=ROUND_HALF_UP)


def rand_amount(rng, lo=500, hi=60000, whole_chance=0.15):
    # log-uniform between lo and hi
    import math
    v = math.exp(rng.uniform(math.log(lo), math.log(hi)))
    if rng.random() < whole_chance:
        return money(round(v))
    return money("%.2f" % v)


def rand_dates(rng, start, end, n):
    days = (end - start).days
    return sorted(start + dt.timedelta(days=rng.randint(0, days)) for _ in range(n))


def payees(rng, pool, n, redacted_share=0.1, redacted_label=None):
    out = []
    for _ in range(n):
        if rng.random() < redacted_share:
            out.append(redacted_label or rng.choice(REDACTED))
        else:
            out.append(rng.choice(pool))
    return out


def amounts(rng, n, credits=0, lo=500, hi=60000):
    vals = [rand_amount(rng, lo, hi) for _ in range(n)]
    idx = rng.sample(range(n), credits)
    for i in idx:
        vals[i] = -rand_amount(rng, lo, min(hi, 8000))
    return vals


def fmt_gbp_text(d):
    s = "{:,.2f}".format(abs(d))
    return ("-£" if d < 0 else "£") + s


BOLD = xlwt.easyxf("font: bold on")
TITLE = xlwt.easyxf("font: bold on, height 280; align: horiz centre")
SUB = xlwt.easyxf("font: italic on; align: horiz centre")
HDR = xlwt.easyxf("font: bold on; pattern: pattern solid, fore_colour gray25; borders: bottom thin")
TXT = xlwt.easyxf("")

ANSWERS = []
README = []


def record(fname, payee_col, amount_col, date_col, lines_amounts, notes, readme):
    total = sum(lines_amounts, Decimal("0.00"))
    ANSWERS.append({
        "file": fname, "payee_col": payee_col, "amount_col": amount_col,
        "date_col": "" if date_col is None else date_col,
        "lines": len(lines_amounts), "total": "%.2f" % total, "notes": notes,
    })
    README.append("- `%s` - %s" % (fname, readme))


def save(book, fname):
    book.save(os.path.join(OUT, fname))


# ---------------------------------------------------------------------------
def f01():
    """London borough, 2 merged title rows, header row 3, real dates, £ format, credits."""
    rng = random.Random(101)
    fname = "lb_harrowden_2013_06.xls"
    n = 42
    book = xlwt.Workbook()
    ws = book.add_sheet("June 2013")
    hdr = ["Body Name", "Body", "Payment Date", "Transaction Number", "Expense Area", "Expense Type",
           "Supplier Name", "Amount", "Purpose"]
    ws.write_merge(0, 0, 0, len(hdr) - 1, "London Borough of Harrowden", TITLE)
    ws.write_merge(1, 1, 0, len(hdr) - 1, "Payments to suppliers over £500 - June 2013", SUB)
    for c, h in enumerate(hdr):
        ws.write(3, c, h, HDR)
    dstyle = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    astyle = xlwt.easyxf(num_format_str="£#,##0.00;-£#,##0.00")
    dates = rand_dates(rng, dt.date(2013, 6, 3), dt.date(2013, 6, 28), n)
    who = payees(rng, SUPPLIERS, n, 0.1)
    amt = amounts(rng, n, credits=3)
    for i in range(n):
        r = 4 + i
        ws.write(r, 0, "London Borough of Harrowden")
        ws.write(r, 1, "E5099")
        ws.write(r, 2, dates[i], dstyle)
        ws.write(r, 3, 7100000 + rng.randint(1000, 99999))
        ws.write(r, 4, rng.choice(SERVICES))
        ws.write(r, 5, rng.choice(EXPENSE_TYPES))
        ws.write(r, 6, who[i])
        ws.write(r, 7, float(amt[i]), astyle)
        ws.write(r, 8, "Refund of overpayment" if amt[i] < 0 else "")
    ws.col(6).width = 256 * 36
    save(book, fname)
    record(fname, 6, 7, 2, amt, "merged title rows 0-1; header row 3; 3 credits",
           "London borough, June 2013; two merged title rows, header on row 4, real dates, £ number format, 3 negative credits.")


def f02():
    """District council, header on first row, dates as text, Notes sheet after data."""
    rng = random.Random(202)
    fname = "wychford_dc_q1_2014.xls"
    n = 35
    book = xlwt.Workbook()
    ws = book.add_sheet("Spend Q1 2014-15")
    hdr = ["Supplier", "Payment Date", "Amount", "Department", "Cost Centre", "Expense Description", "Trans No"]
    for c, h in enumerate(hdr):
        ws.write(0, c, h, BOLD)
    astyle = xlwt.easyxf(num_format_str="#,##0.00")
    dates = rand_dates(rng, dt.date(2014, 4, 1), dt.date(2014, 6, 30), n)
    who = payees(rng, SUPPLIERS, n, 0.12, "REDACTED")
    amt = amounts(rng, n, credits=2, hi=45000)
    for i in range(n):
        r = 1 + i
        ws.write(r, 0, who[i])
        ws.write(r, 1, dates[i].strftime("%d/%m/%Y"))
        ws.write(r, 2, float(amt[i]), astyle)
        ws.write(r, 3, rng.choice(["Environmental Services", "Planning", "Corporate Services", "Housing", "Leisure"]))
        ws.write(r, 4, "%s%03d" % (rng.choice(["EN", "PL", "CS", "HO", "LE"]), rng.randint(1, 400)))
        ws.write(r, 5, rng.choice(EXPENSE_TYPES))
        ws.write(r, 6, "WDC%06d" % rng.randint(10000, 999999))
    notes = book.add_sheet("Notes")
    lines = [
        "Wychford District Council - expenditure over £500, April to June 2014",
        "Published under the Local Government Transparency Code 2015.",
        "Amounts are shown excluding recoverable VAT.",
        "Payments to individuals have been redacted to protect personal data.",
        "Negative amounts are credit notes.",
        "Contact: transparency@wychford.gov.uk",
    ]
    for r, t in enumerate(lines):
        notes.write(r, 0, t)
    save(book, fname)
    record(fname, 0, 2, 1, amt, "header row 0; dates are text dd/mm/yyyy; Notes sheet after data; 2 credits",
           "District council, Q1 2014-15; header on first row, payment dates stored as text, Notes sheet after the data sheet.")


def f03():
    """County council, title rows (not merged), amounts as text with £ and commas."""
    rng = random.Random(303)
    fname = "eastmoor_cc_2012_11.xls"
    n = 30
    book = xlwt.Workbook()
    ws = book.add_sheet("Nov12")
    ws.write(0, 0, "Eastmoor County Council", TITLE)
    ws.write(1, 0, "Expenditure over £500 - November 2012")
    ws.write(2, 0, "Data published 14/12/2012")
    hdr = ["Directorate", "Service Area", "Expense Type", "Payment Date", "Transaction No",
           "Supplier Name", "Amount"]
    for c, h in enumerate(hdr):
        ws.write(4, c, h, HDR)
    dstyle = xlwt.easyxf(num_format_str="d-mmm-yy")
    dates = rand_dates(rng, dt.date(2012, 11, 1), dt.date(2012, 11, 30), n)
    who = payees(rng, SUPPLIERS, n, 0.1, "Redacted - personal data")
    amt = amounts(rng, n, credits=2, hi=250000)
    right = xlwt.easyxf("align: horiz right")
    for i in range(n):
        r = 5 + i
        ws.write(r, 0, rng.choice(DIRECTORATES))
        ws.write(r, 1, rng.choice(SERVICES))
        ws.write(r, 2, rng.choice(EXPENSE_TYPES))
        ws.write(r, 3, dates[i], dstyle)
        ws.write(r, 4, 40000000 + rng.randint(0, 999999))
        ws.write(r, 5, who[i])
        ws.write(r, 6, fmt_gbp_text(amt[i]), right)
    save(book, fname)
    record(fname, 5, 6, 3, amt,
           "title rows 0-2 (row 2 has a publication date as text); header row 4; amounts are text like '£12,345.67' / '-£320.00'; 2 credits",
           "County council, November 2012; three title rows, header on row 5, real dates, amounts stored as text with £ and thousands commas (credits as -£).")


def f04():
    """NHS trust, Read me sheet BEFORE data sheet, spend over £25k."""
    rng = random.Random(404)
    fname = "northvale_hospitals_nhs_2014_02.xls"
    n = 28
    book = xlwt.Workbook()
    rm = book.add_sheet("Read me")
    text = [
        "Northvale Hospitals NHS Foundation Trust",
        "Expenditure over £25,000 - February 2014",
        "",
        "This workbook lists all individual transactions over £25,000 made by the Trust.",
        "The data is on the sheet 'Feb 2014'.",
        "Payments to individuals and commercially sensitive items have been redacted.",
        "VAT: amounts include irrecoverable VAT only.",
        "Enquiries: foi@northvale.nhs.uk",
    ]
    for r, t in enumerate(text):
        rm.write(r, 0, t, BOLD if r == 0 else TXT)
    ws = book.add_sheet("Feb 2014")
    ws.write(0, 0, "Northvale Hospitals NHS Foundation Trust - Expenditure over £25,000 - February 2014", BOLD)
    hdr = ["Department Family", "Entity", "Date", "Expense Type", "Expense Area", "Supplier",
           "Transaction Number", "Amount"]
    for c, h in enumerate(hdr):
        ws.write(2, c, h, HDR)
    dstyle = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    astyle = xlwt.easyxf(num_format_str="#,##0.00")
    dates = rand_dates(rng, dt.date(2014, 2, 3), dt.date(2014, 2, 28), n)
    who = payees(rng, NHS_SUPPLIERS, n, 0.04, "REDACTED")
    amt = amounts(rng, n, credits=0, lo=25000, hi=1200000)
    for i in range(n):
        r = 3 + i
        ws.write(r, 0, "Department of Health")
        ws.write(r, 1, "Northvale Hospitals NHS FT")
        ws.write(r, 2, dates[i], dstyle)
        ws.write(r, 3, rng.choice(["Drugs", "Clinical Supplies", "Agency Medical Staff", "Agency Nursing",
                                   "Estates Maintenance", "IT Hardware", "Utilities", "Rates", "PAYE & NIC",
                                   "Pension Contributions", "Capital - Building Works"]))
        ws.write(r, 4, rng.choice(["Pharmacy", "Surgery Division", "Medicine Division", "Estates & Facilities",
                                   "IM&T", "Finance", "Women & Children"]))
        ws.write(r, 5, who[i])
        ws.write(r, 6, 5400000 + rng.randint(0, 99999))
        ws.write(r, 7, float(amt[i]), astyle)
    save(book, fname)
    record(fname, 5, 7, 2, amt, "data on 2nd sheet 'Feb 2014' (1st sheet is 'Read me'); header row 2; no credits",
           "NHS foundation trust, February 2014, over £25k; a 'Read me' sheet comes BEFORE the data sheet; header on row 3, real dates.")


def f05():
    """Police, merged title block, total row with plain number at end."""
    rng = random.Random(505)
    fname = "southshire_police_2015_09.xls"
    n = 55
    book = xlwt.Workbook()
    ws = book.add_sheet("Sept 2015")
    hdr = ["Transaction Date", "Supplier Name", "Expense Category", "Cost Centre Description",
           "Amount (£)", "Transaction ID"]
    ws.write_merge(0, 0, 0, 5, "Office of the Police and Crime Commissioner for Southshire", TITLE)
    ws.write_merge(1, 1, 0, 5, "Expenditure over £500 - September 2015", SUB)
    for c, h in enumerate(hdr):
        ws.write(3, c, h, HDR)
    dstyle = xlwt.easyxf(num_format_str="dd-mmm-yyyy")
    astyle = xlwt.easyxf(num_format_str="#,##0.00;[Red]-#,##0.00")
    dates = rand_dates(rng, dt.date(2015, 9, 1), dt.date(2015, 9, 30), n)
    who = payees(rng, POLICE_SUPPLIERS, n, 0.07, "REDACTED")
    amt = amounts(rng, n, credits=4, hi=90000)
    for i in range(n):
        r = 4 + i
        ws.write(r, 0, dates[i], dstyle)
        ws.write(r, 1, who[i])
        ws.write(r, 2, rng.choice(["Vehicle Fuel", "Vehicle Maintenance", "Forensic Services", "IT Software",
                                   "Telephony", "Custody Healthcare", "Uniforms", "Energy", "Legal Costs",
                                   "Building Maintenance", "Dog Section Costs", "Witness Expenses"]))
        ws.write(r, 3, rng.choice(["Northern Division", "Southern Division", "Headquarters", "Fleet",
                                   "Criminal Justice", "Professional Standards", "Operations Support"]))
        ws.write(r, 4, float(amt[i]), astyle)
        ws.write(r, 5, "SP%07d" % rng.randint(0, 9999999))
    total = sum(amt, Decimal("0.00"))
    tr = 4 + n + 1
    ws.write(tr, 3, "Total", BOLD)
    ws.write(tr, 4, float(total), xlwt.easyxf("font: bold on; borders: top thin, bottom double", num_format_str="#,##0.00"))
    save(book, fname)
    record(fname, 1, 4, 0, amt, "merged title rows 0-1; header row 3; 4 credits; blank row then 'Total' row (plain number) - not a line",
           "Police and Crime Commissioner, September 2015; merged title rows, 4 credits, a Total row (plain number) after a blank row.")


def f06():
    """Unitary: supplier merged vertically over consecutive payments."""
    rng = random.Random(606)
    fname = "kingsbridge_bc_2011_03.xls"
    book = xlwt.Workbook()
    ws = book.add_sheet("March 2011")
    hdr = ["Supplier", "Payment Date", "Service", "Expense Type", "Reference", "Amount"]
    ws.write_merge(0, 0, 0, 5, "Kingsbridge Borough Council - Payments over £500 - March 2011", TITLE)
    for c, h in enumerate(hdr):
        ws.write(2, c, h, HDR)
    dstyle = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    astyle = xlwt.easyxf(num_format_str="£#,##0.00")
    vstyle = xlwt.easyxf("align: vert top")
    # groups: supplier -> 1..5 consecutive payments; redacted individuals single rows
    names = rng.sample(SUPPLIERS, 16)
    groups = [(nm, rng.choice([1, 2, 2, 3, 3, 4, 5])) for nm in sorted(names)]
    # insert 3 single redacted rows at non-adjacent positions
    for pos in (3, 8, 13):
        groups.insert(pos, ("REDACTED", 1))
    r = 3
    allamt = []
    for nm, k in groups:
        ds = rand_dates(rng, dt.date(2011, 3, 1), dt.date(2011, 3, 31), k)
        am = amounts(rng, k, credits=1 if (k >= 3 and rng.random() < 0.5) else 0, hi=30000)
        if k > 1:
            ws.write_merge(r, r + k - 1, 0, 0, nm, vstyle)
        else:
            ws.write(r, 0, nm)
        for j in range(k):
            ws.write(r + j, 1, ds[j], dstyle)
            ws.write(r + j, 2, rng.choice(SERVICES))
            ws.write(r + j, 3, rng.choice(EXPENSE_TYPES))
            ws.write(r + j, 4, "KBC/%05d" % rng.randint(0, 99999))
            ws.write(r + j, 5, float(am[j]), astyle)
        allamt.extend(am)
        r += k
    ws.col(0).width = 256 * 36
    save(book, fname)
    record(fname, 0, 5, 1, allamt,
           "header row 2; supplier cell merged down over each supplier's consecutive payments (value only in top cell); each row is one payment",
           "Borough council, March 2011; supplier name merged vertically over its consecutive payment rows, amount and date on every row.")


def f07():
    """City council, Net / VAT / Gross columns, totals row."""
    rng = random.Random(707)
    fname = "brookfield_city_2014_10.xls"
    n = 40
    book = xlwt.Workbook()
    ws = book.add_sheet("Oct 2014")
    hdr = ["Date Paid", "Supplier", "Directorate", "Expense Type", "Net Amount", "VAT", "Gross Amount", "Invoice No"]
    ws.write_merge(0, 0, 0, 7, "Brookfield City Council: Expenditure over £500, October 2014", TITLE)
    for c, h in enumerate(hdr):
        ws.write(1, c, h, HDR)
    dstyle = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    astyle = xlwt.easyxf(num_format_str="#,##0.00")
    dates = rand_dates(rng, dt.date(2014, 10, 1), dt.date(2014, 10, 31), n)
    who = payees(rng, SUPPLIERS, n, 0.1, "REDACTED")
    net = amounts(rng, n, credits=2, hi=70000)
    vat_t = gross_t = Decimal("0.00")
    for i in range(n):
        r = 2 + i
        zero = who[i] == "REDACTED" or rng.random() < 0.25
        vat = Decimal("0.00") if zero else money(net[i] * Decimal("0.2"))
        gross = net[i] + vat
        vat_t += vat
        gross_t += gross
        ws.write(r, 0, dates[i], dstyle)
        ws.write(r, 1, who[i])
        ws.write(r, 2, rng.choice(DIRECTORATES))
        ws.write(r, 3, rng.choice(EXPENSE_TYPES))
        ws.write(r, 4, float(net[i]), astyle)
        ws.write(r, 5, float(vat), astyle)
        ws.write(r, 6, float(gross), astyle)
        ws.write(r, 7, "INV-%06d" % rng.randint(0, 999999))
    tr = 2 + n
    tstyle = xlwt.easyxf("font: bold on; borders: top thin", num_format_str="#,##0.00")
    ws.write(tr, 3, "TOTAL", BOLD)
    ws.write(tr, 4, float(sum(net, Decimal("0.00"))), tstyle)
    ws.write(tr, 5, float(vat_t), tstyle)
    ws.write(tr, 6, float(gross_t), tstyle)
    save(book, fname)
    record(fname, 1, 4, 0, net,
           "header row 1; net/VAT/gross given, amount_col = net (col 6 gross); 2 credits; TOTAL row directly after last line (plain numbers) - not a line",
           "City council, October 2014; Net, VAT and Gross columns (answer uses Net), ISO-style date format, TOTAL row right after the data.")


def f08():
    """Fire & rescue, Debit and Credit columns."""
    rng = random.Random(808)
    fname = "westmarsh_fra_2013_q3.xls"
    n = 33
    book = xlwt.Workbook()
    ws = book.add_sheet("Q3 2013-14")
    ws.write(0, 0, "Westmarsh Fire and Rescue Authority", TITLE)
    ws.write(1, 0, "Payments over £500: October - December 2013")
    ws.write(2, 0, "Debits are payments; credits are refunds and credit notes received.")
    hdr = ["Posting Date", "Supplier", "Account Description", "Cost Centre", "Document No", "Debit", "Credit"]
    for c, h in enumerate(hdr):
        ws.write(4, c, h, HDR)
    dstyle = xlwt.easyxf(num_format_str="dd/mm/yy")
    astyle = xlwt.easyxf(num_format_str="#,##0.00")
    dates = rand_dates(rng, dt.date(2013, 10, 1), dt.date(2013, 12, 31), n)
    who = payees(rng, FIRE_SUPPLIERS, n, 0.06, "REDACTED")
    amt = amounts(rng, n, credits=4, hi=55000)
    for i in range(n):
        r = 5 + i
        ws.write(r, 0, dates[i], dstyle)
        ws.write(r, 1, who[i])
        ws.write(r, 2, rng.choice(["Fuel", "Protective Clothing", "Appliance Maintenance", "ICT Licences",
                                   "Telephones", "Electricity", "Building Repairs", "Equipment Purchase",
                                   "Legal Fees", "Cleaning"]))
        ws.write(r, 3, rng.choice(["Service Delivery", "Fleet & Equipment", "Estates", "ICT", "Training Centre",
                                   "Control Room", "Corporate Services"]))
        ws.write(r, 4, 1900000 + rng.randint(0, 99999))
        if amt[i] >= 0:
            ws.write(r, 5, float(amt[i]), astyle)
        else:
            ws.write(r, 6, float(-amt[i]), astyle)
    save(book, fname)
    record(fname, 1, "5-6", 0, amt,
           "header row 4; Debit col 5 / Credit col 6, exactly one filled per line (other blank); amount = debit - credit; 4 credit lines",
           "Fire and rescue authority, Q3 2013-14; separate Debit and Credit columns (one filled per line), three title rows, header on row 5.")


def f09():
    """District council, workbook saved with 1904 date system, real dates."""
    rng = random.Random(909)
    fname = "ashcombe_dc_2011_q1.xls"
    n = 37
    book = xlwt.Workbook()
    book.dates_1904 = True
    ws = book.add_sheet("Payments")
    ws.write(0, 0, "Ashcombe District Council - Payments over £500 - January to March 2011", BOLD)
    hdr = ["Ref", "Supplier", "Amount", "Date", "Cost Centre", "Subjective"]
    for c, h in enumerate(hdr):
        ws.write(2, c, h, HDR)
    dstyle = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    astyle = xlwt.easyxf(num_format_str="£#,##0.00;-£#,##0.00")
    dates = rand_dates(rng, dt.date(2011, 1, 4), dt.date(2011, 3, 31), n)
    who = payees(rng, SUPPLIERS, n, 0.08, "REDACTED")
    amt = amounts(rng, n, credits=1, hi=40000)
    for i in range(n):
        r = 3 + i
        ws.write(r, 0, 300000 + i * 7 + rng.randint(0, 6))
        ws.write(r, 1, who[i])
        ws.write(r, 2, float(amt[i]), astyle)
        ws.write(r, 3, dates[i], dstyle)
        ws.write(r, 4, "%s%02d" % (rng.choice(["R", "S", "T", "W"]), rng.randint(10, 99)))
        ws.write(r, 5, rng.choice(EXPENSE_TYPES))
    save(book, fname)
    record(fname, 1, 2, 3, amt,
           "workbook uses 1904 date system (datemode 1), real dates Jan-Mar 2011; header row 2; 1 credit",
           "District council, Jan-Mar 2011; saved with the 1904 date system and real dates; amount column before the date column.")


def f10():
    """Metropolitan borough, no per-line date (period in title), footnote, Notes sheet."""
    rng = random.Random(1010)
    fname = "greyhope_mbc_2016_03.xls"
    n = 26
    book = xlwt.Workbook()
    ws = book.add_sheet("March 2016")
    hdr = ["Service Area", "Expense Type", "Supplier Name", "Supplier Type", "Amount", "Transaction ID"]
    ws.write_merge(0, 0, 0, 5, "Greyhope Metropolitan Borough Council", TITLE)
    ws.write_merge(1, 1, 0, 5, "Payments over £500 made in March 2016", SUB)
    for c, h in enumerate(hdr):
        ws.write(3, c, h, HDR)
    astyle = xlwt.easyxf(num_format_str="£#,##0.00")
    who = payees(rng, SUPPLIERS, n, 0.0)
    stype = ["Company"] * n
    for i in rng.sample(range(n), 3):
        who[i] = "Redacted - personal data"
        stype[i] = "Individual"
    for i in range(n):
        if who[i].endswith("CIC") or "Trust" in who[i] or "Association" in who[i]:
            stype[i] = "Charity / Voluntary"
    amt = amounts(rng, n, credits=1, hi=120000)
    for i in range(n):
        r = 4 + i
        ws.write(r, 0, rng.choice(SERVICES))
        ws.write(r, 1, rng.choice(EXPENSE_TYPES))
        ws.write(r, 2, who[i])
        ws.write(r, 3, stype[i])
        ws.write(r, 4, float(amt[i]), astyle)
        ws.write(r, 5, 88000000 + rng.randint(0, 999999))
    ws.write(4 + n + 1, 0, "Figures exclude VAT where recoverable. Individuals' names are withheld under the Data Protection Act 1998.")
    notes = book.add_sheet("Notes")
    for r, t in enumerate([
        "Notes",
        "Period covered: 1 March 2016 to 31 March 2016.",
        "Payment dates are not published for individual transactions.",
        "Transaction ID is the council's internal payment reference.",
    ]):
        notes.write(r, 0, t, BOLD if r == 0 else TXT)
    save(book, fname)
    record(fname, 2, 4, None, amt,
           "no per-line date (month only in title); merged title rows 0-1; header row 3; text footnote 2 rows below data; Notes sheet after data; 1 credit",
           "Metropolitan borough, March 2016; no per-line date (month in the title only), text footnote under the data, Notes sheet after the data sheet.")


def main():
    for f in (f01, f02, f03, f04, f05, f06, f07, f08, f09, f10):
        f()
    with open(os.path.join(OUT, "answers.csv"), "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["file", "payee_col", "amount_col", "date_col", "lines", "total", "notes"])
        w.writeheader()
        for a in ANSWERS:
            w.writerow(a)
    with open(os.path.join(OUT, "README.md"), "w") as fh:
        fh.write("# Blind .xls (Excel 97-2003) spend files\n\n")
        fh.write("Generated by `tools/make_blind_xls.py` (xlwt); answer key in `answers.csv` "
                 "(0-based columns in the data rows; Debit/Credit file gives `debit-credit`).\n"
                 "Row numbers in this README are Excel's 1-based rows; the notes in answers.csv use 0-based rows.\n\n")
        for line in README:
            fh.write(line + "\n")


if __name__ == "__main__":
    main()
