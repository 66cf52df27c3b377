"""Generator for the blind 'quirks' set of UK public-body spend files.

Every amount is held as integer pence, so totals in answers.csv are exact and
are computed from the generated values, never by re-reading the output files.

Run:  /work/main/.venv/bin/python /work/blind-quirks/tools/generate.py
"""
import csv
import datetime as dt
import io
import math
import os
import random

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rng = random.Random(20240917)
NBSP = "\u00a0"

ANSWERS = []
README = []

# --------------------------------------------------------------------------
# pools of invented but realistic values
# --------------------------------------------------------------------------
# supplier profiles: (suppliers, [(directorate, service)], [expense types], (lo, hi) pounds)
PROFILES = [
    (["Amey Community Ltd", "Ringway Infrastructure Services", "Kier Highways Ltd", "Tarmac Trading Ltd",
      "Aggregate Industries UK Ltd"],
     [("Place", "Highways Maintenance"), ("Place", "Street Lighting")],
     ["Private Contractors", "Repairs & Maintenance", "Road Materials"], (800, 90000)),
    (["Veolia ES (UK) Ltd", "Biffa Municipal Ltd", "Hills Waste Solutions Ltd", "Dennis Eagle Ltd"],
     [("Place", "Waste Collection")], ["Waste Disposal Contract", "Vehicle Hire", "Vehicle Repairs"], (1500, 95000)),
    (["Glendale Grounds Management Ltd", "idverde Ltd", "Continental Landscapes Ltd"],
     [("Place", "Parks & Open Spaces")], ["Grounds Maintenance", "Private Contractors"], (600, 30000)),
    (["Northgate Public Services (UK) Ltd", "Civica UK Ltd", "Softcat plc", "Computacenter (UK) Ltd", "XMA Ltd",
      "Microsoft Ireland Operations Ltd"],
     [("Resources", "ICT"), ("Resources", "Revenues & Benefits")],
     ["Software Licences", "Computer Hardware", "ICT Support & Maintenance"], (700, 80000)),
    (["Capita Business Services Ltd", "Liberata UK Ltd", "Allpay Ltd"],
     [("Resources", "Revenues & Benefits"), ("Resources", "Finance")], ["Contracted Services", "Bank Charges"], (600, 60000)),
    (["Hays Specialist Recruitment Ltd", "Matrix SCM Ltd", "Reed Specialist Recruitment", "Sanctuary Personnel Ltd",
      "Pertemps Ltd"],
     [("Children's Services", "Looked After Children"), ("Adult Social Care", "Mental Health"),
      ("Resources", "HR & Payroll"), ("Place", "Planning")], ["Agency Staff"], (900, 25000)),
    (["Barchester Healthcare Homes Ltd", "Care UK Community Partnerships Ltd", "Westfield Care Homes Ltd",
      "Priory Healthcare Ltd", "Cygnet Behavioural Health Ltd"],
     [("Adult Social Care", "Residential Care"), ("Adult Social Care", "Mental Health")],
     ["Residential Placements", "Nursing Placements"], (1200, 70000)),
    (["Mears Care Ltd", "Caremark (Thanet)", "Home Instead Senior Care", "Lifeways Community Care Ltd", "Eden Futures"],
     [("Adult Social Care", "Home Care"), ("Adult Social Care", "Learning Disabilities")],
     ["Domiciliary Care", "Supported Living"], (900, 45000)),
    (["Nationwide Fostering Agency", "Foster Care Associates Ltd"],
     [("Children's Services", "Fostering")], ["Independent Fostering Agency"], (2500, 30000)),
    (["Action for Children", "Barnardo's", "Mencap"],
     [("Children's Services", "Early Help"), ("Adult Social Care", "Learning Disabilities")],
     ["Grants to Voluntary Orgs", "Contracted Services"], (1000, 60000)),
    (["Travis Perkins Trading Co Ltd", "Jewson Ltd", "Wickes Building Supplies Ltd"],
     [("Housing & Communities", "Housing Repairs")], ["Building Materials"], (500, 12000)),
    (["EDF Energy Customers Ltd", "British Gas Business", "Npower Business Solutions"],
     [("Resources", "Finance"), ("Place", "Street Lighting"), ("Housing & Communities", "Libraries")],
     ["Electricity", "Gas"], (600, 85000)),
    (["Anglian Water Services Ltd", "Severn Trent Water Ltd"],
     [("Place", "Parks & Open Spaces"), ("Resources", "Finance")], ["Water Charges"], (500, 9000)),
    (["BT Payment Services Ltd", "Vodafone Ltd"],
     [("Resources", "ICT")], ["Telephones", "Mobile Phones"], (500, 30000)),
    (["Royal Mail Group Ltd", "Xerox (UK) Ltd", "Lyreco UK Ltd", "Office Depot International (UK) Ltd"],
     [("Resources", "Finance"), ("Resources", "Revenues & Benefits"), ("Resources", "Legal Services")],
     ["Postage", "Printing & Stationery"], (500, 15000)),
    (["Zurich Municipal", "Gallagher Bassett International Ltd"],
     [("Resources", "Finance")], ["Insurance Premiums", "Insurance Claims Handling"], (2000, 150000)),
    (["Local Government Association", "CIPFA Business Ltd"],
     [("Resources", "Finance"), ("Resources", "HR & Payroll")], ["Subscriptions", "Training Costs"], (500, 25000)),
    (["Trowers & Hamlins LLP", "Bevan Brittan LLP", "Sharpe Pritchard LLP"],
     [("Resources", "Legal Services"), ("Children's Services", "Looked After Children")], ["Legal Costs", "Counsel Fees"], (700, 40000)),
    (["Arcadis Consulting (UK) Ltd", "WSP UK Ltd", "Jacobs UK Ltd", "Atkins Ltd"],
     [("Place", "Planning"), ("Place", "Highways Maintenance")],
     ["Consultancy", "Professional Fees"], (1500, 80000)),
    (["Grant Thornton UK LLP"], [("Resources", "Finance")], ["Audit Fees"], (5000, 90000)),
    (["Stagecoach East Midlands", "Arriva Midlands Ltd", "Go North East Ltd"],
     [("Place", "Passenger Transport"), ("Children's Services", "SEND Transport")],
     ["Bus Service Subsidy", "Concessionary Fares", "School Transport Contracts"], (2000, 120000)),
    (["Fleet Factors Ltd", "Lex Autolease Ltd"],
     [("Place", "Waste Collection"), ("Housing & Communities", "Community Safety")], ["Vehicle Hire", "Vehicle Lease"], (700, 25000)),
    (["Midland Heart Ltd", "Riverside Group Ltd", "Places for People Homes Ltd"],
     [("Housing & Communities", "Temporary Accommodation"), ("Housing & Communities", "Homelessness")],
     ["Temporary Accommodation", "Housing Related Support"], (800, 45000)),
    (["Serco Ltd", "G4S Secure Solutions (UK) Ltd", "Mitie Security Ltd", "ISS Facility Services Ltd"],
     [("Resources", "Property Services"), ("Housing & Communities", "Community Safety")],
     ["Security Services", "Cleaning Contracts", "Facilities Management"], (800, 60000)),
    (["Sodexo Ltd", "Compass Contract Services (UK) Ltd", "Brakes Bros Ltd", "Bidfood UK Ltd", "Harrison Catering Services Ltd"],
     [("Children's Services", "School Meals"), ("Adult Social Care", "Day Services")],
     ["Catering Provisions", "Catering Contract"], (500, 40000)),
]
INDIVIDUAL_SPEND = [
    ("Adult Social Care", "Direct Payments", "Direct Payments", (500, 6000)),
    ("Children's Services", "Fostering", "Foster Carer Allowances", (500, 4000)),
    ("Children's Services", "Looked After Children", "Special Guardianship Allowances", (500, 3000)),
    ("Housing & Communities", "Homelessness", "Rent Deposits", (500, 2500)),
    ("Resources", "Revenues & Benefits", "Council Tax Refunds", (500, 3000)),
]


def spend(ind_prob=0.1, directorate=None):
    """(directorate, service, expense type, supplier or None for an individual, pence)."""
    if rng.random() < ind_prob:
        opts = [x for x in INDIVIDUAL_SPEND if directorate in (None, x[0])] or INDIVIDUAL_SPEND
        d, s, e, (lo, hi) = rng.choice(opts)
        return (directorate or d), s, e, None, rand_pence(lo, hi)
    opts = [p for p in PROFILES if directorate is None or any(d == directorate for d, _ in p[1])]
    sups, ds, ets, (lo, hi) = rng.choice(opts)
    pairs = [x for x in ds if directorate in (None, x[0])]
    d, s = rng.choice(pairs)
    return d, s, rng.choice(ets), rng.choice(sups), rand_pence(lo, hi)


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------

def rand_pence(lo=500, hi=60000, whole_prob=0.25):
    v = math.exp(rng.uniform(math.log(lo), math.log(hi)))
    p = int(round(v * 100))
    if rng.random() < whole_prob:
        p = (p // 100) * 100
    return max(p, lo * 100)


BANK_HOLIDAYS = {dt.date(2024, 3, 29), dt.date(2024, 4, 1), dt.date(2024, 5, 6), dt.date(2024, 5, 27),
                 dt.date(2024, 8, 26), dt.date(2024, 12, 25), dt.date(2024, 12, 26), dt.date(2025, 1, 1)}


def working(d):
    return d.weekday() < 5 and d not in BANK_HOLIDAYS


def rand_dates(start, end, n):
    days = (end - start).days
    out = sorted(start + dt.timedelta(days=rng.randint(0, days)) for _ in range(n))
    # move weekend dates to the following Monday (payment runs are weekdays)
    fixed = []
    for d in out:
        while not working(d):
            d += dt.timedelta(days=1)
        if d > end:
            d = end
            while not working(d):
                d -= dt.timedelta(days=1)
        fixed.append(d)
    return sorted(fixed)




def plain(p):
    s = "-" if p < 0 else ""
    p = abs(p)
    return f"{s}{p // 100}.{p % 100:02d}"


def commas(p):
    s = "-" if p < 0 else ""
    p = abs(p)
    return f"{s}{p // 100:,}.{p % 100:02d}"


def pounds(p):
    """float value for xlsx numeric cells (exact to 2dp)."""
    return round(p / 100, 2)


def total_str(pence_list):
    t = sum(pence_list)
    return plain(t)


def add_answer(file, sheet, payee_col, amount_col, date_col, amounts, notes, habit, first_sheet=True):
    if sheet and first_sheet:
        notes = f"data on first/only sheet '{sheet}'; " + notes
    # answer key convention: sheet is left empty when the data is on the first
    # (or only) sheet; the sheet name is then given in the notes instead.
    ANSWERS.append({
        "file": file, "sheet": sheet if sheet and not first_sheet else "", "payee_col": payee_col,
        "amount_col": amount_col, "date_col": "" if date_col is None else date_col,
        "lines": len(amounts), "total": total_str(amounts), "notes": notes,
    })
    README.append(f"- `{file}` - {habit}")


def csv_text(rows, delimiter=",", lineterminator="\r\n"):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=lineterminator, quoting=csv.QUOTE_MINIMAL)
    for r in rows:
        if r is None:
            buf.write(lineterminator)  # genuinely blank line
        else:
            w.writerow(r)
    return buf.getvalue()


def write_bytes(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def txn_seq(start, step_lo=1, step_hi=40):
    n = start
    while True:
        n += rng.randint(step_lo, step_hi)
        yield n




# --------------------------------------------------------------------------
# f01  UTF-16 "Unicode Text" (.txt), NHS trust, dates "01/04/2024 00:00"
# --------------------------------------------------------------------------

def f01():
    name = "f01_nhs_trust_unicode_text.txt"
    n = 38
    dates = rand_dates(dt.date(2024, 4, 1), dt.date(2024, 4, 30), n)
    # supplier -> [(expense type, expense area)], (lo, hi) pounds
    nhs = {
        "NHS Supply Chain": ([("Clinical Supplies & Services", "Theatres"), ("Clinical Supplies & Services", "Nursing - Surgery")], (25000, 300000)),
        "NHS Property Services Ltd": ([("Premises Costs", "Estates"), ("Rent", "Estates")], (25000, 200000)),
        "Medtronic Ltd": ([("Clinical Supplies & Services", "Theatres"), ("Capital - Medical Equipment", "Theatres")], (25000, 250000)),
        "Baxter Healthcare Ltd": ([("Drugs", "Pharmacy"), ("Clinical Supplies & Services", "Renal")], (25000, 120000)),
        "Fresenius Kabi Ltd": ([("Drugs", "Pharmacy")], (25000, 90000)),
        "Siemens Healthcare Ltd": ([("Equipment Maintenance", "Radiology"), ("Capital - Medical Equipment", "Radiology")], (25000, 800000)),
        "Olympus KeyMed (UK) Ltd": ([("Equipment Maintenance", "Endoscopy")], (25000, 80000)),
        "Alliance Healthcare (Distribution) Ltd": ([("Drugs", "Pharmacy")], (25000, 400000)),
        "AAH Pharmaceuticals Ltd": ([("Drugs", "Pharmacy")], (25000, 350000)),
        "Philips Electronics UK Ltd": ([("Capital - Medical Equipment", "Cardiology"), ("Equipment Maintenance", "Cardiology")], (25000, 300000)),
        "Cerner Ltd": ([("Computer Software/License", "IM&T")], (25000, 600000)),
        "University Hospitals of Leicester NHS Trust": ([("Healthcare from NHS Bodies", "Pathology"), ("SLA Recharges", "Pathology")], (25000, 500000)),
        "Sodexo Ltd": ([("Catering Contract", "Facilities"), ("Cleaning Contract", "Facilities")], (25000, 180000)),
        "EDF Energy Customers Ltd": ([("Utilities - Electricity", "Estates")], (25000, 250000)),
        "Mitie Healthcare Ltd": ([("Security Services", "Facilities")], (25000, 90000)),
        "Medacs Healthcare plc": ([("Agency Medical Staff", "Emergency Department"), ("Agency Medical Staff", "Medical Staffing")], (25000, 110000)),
        "Thornbury Nursing Services Ltd": ([("Agency Nursing", "Nursing - Surgery"), ("Agency Nursing", "Emergency Department")], (25000, 90000)),
        "ID Medical Group Ltd": ([("Agency Medical Staff", "Medical Staffing")], (25000, 100000)),
        "Wealdshire County Council": ([("Business Rates", "Estates")], (25000, 400000)),
    }
    header = ["Department Family", "Entity", "Date", "Expense Type", "Expense Area", "Supplier",
              "Transaction Number", "Amount", "Supplier Postcode"]
    rows = [header]
    amts = []
    tx = txn_seq(4400120)
    for i in range(n):
        sup = rng.choice(list(nhs))
        pairs, (lo, hi) = nhs[sup]
        etype, area = rng.choice(pairs)
        p = rand_pence(lo, hi)
        if rng.random() < 0.06:
            p = -p
        pc = rng.choice(["LE1 5WW", "B15 2TH", "M1 3BN", "RG14 1BQ", "NG7 2UH", "SW1A 2AA", "DE22 3NE", "LS9 7TF"])
        rows.append(["Department of Health", "Riverside Valley NHS Foundation Trust",
                     dates[i].strftime("%d/%m/%Y") + " 00:00", etype, area, sup,
                     str(next(tx)), commas(p), pc])
        amts.append(p)
    text = csv_text(rows, delimiter="\t")
    write_bytes(name, b"\xff\xfe" + text.encode("utf-16-le"))
    add_answer(name, "", 5, 7, 2, amts,
               "UTF-16LE with BOM, tab-separated, CRLF; amounts with thousands commas unquoted; dates dd/mm/yyyy 00:00; NHS over-25k file",
               "Excel \"Unicode Text\" save: UTF-16LE with BOM, tab-separated, .txt; dates \"01/04/2024 00:00\" (habits 1, 9)")


# --------------------------------------------------------------------------
# f02  tab-separated but named .csv, LGTC template columns
# --------------------------------------------------------------------------

def f02():
    name = "f02_district_council_tab_separated.csv"
    n = 44
    dates = rand_dates(dt.date(2024, 5, 1), dt.date(2024, 5, 31), n)
    header = ["Body Name", "Body", "Service Area Categorisation", "Service Division Categorisation",
              "Responsible Unit", "Expenses Type", "Detailed Expenses Type", "Expenses Code", "Narrative",
              "Date", "Transaction Number", "Net Amount", "Irrecoverable VAT", "Supplier Name",
              "Supplier ID", "Contract ID", "Notes"]
    rows = [header]
    amts = []
    tx = txn_seq(700310)
    for i in range(n):
        d, s, et, sup, p = spend(0.08)
        if rng.random() < 0.07:
            p = -p
        sup = sup or "Redacted personal data"
        sid = "" if sup.startswith("Redacted") else f"S{rng.randint(10000, 99999)}"
        narr = f"{et} - {s}" + (" (credit note)" if p < 0 else "")
        rows.append(["Wealdmoor District Council", "E07000999", d, s, rng.choice(["Corporate", "Operations", "Community"]),
                     "Supplies & Services", et, str(rng.randint(4000, 4999)), narr,
                     dates[i].strftime("%d/%m/%Y"), str(next(tx)), plain(p), "0.00", sup, sid,
                     rng.choice(["", "", "C-2023-014", "C-2022-107"]), ""])
        amts.append(p)
    write_bytes(name, csv_text(rows, delimiter="\t").encode("utf-8"))
    add_answer(name, "", 13, 11, 9, amts,
               "UTF-8 tab-separated despite .csv extension; Irrecoverable VAT column is 0.00 throughout",
               "tab-separated file with a .csv extension, LGTC template column names (habit 2)")


# --------------------------------------------------------------------------
# f03  semicolon separated, police, dates 20240401
# --------------------------------------------------------------------------

def f03():
    name = "f03_police_semicolon.csv"
    n = 36
    dates = rand_dates(dt.date(2024, 6, 1), dt.date(2024, 6, 30), n)
    # supplier -> [(department, expense type)], (lo, hi) pounds
    pol = {
        "Motorola Solutions UK Ltd": ([("ICT", "Radio Equipment")], (800, 90000)),
        "Airwave Solutions Ltd": ([("ICT", "Radio Airtime")], (20000, 150000)),
        "Axon Public Safety UK Ltd": ([("Operational Support", "Body Worn Video"), ("Operational Support", "Taser Equipment")], (1500, 120000)),
        "Ford Motor Co Ltd": ([("Fleet", "Vehicle Purchase")], (25000, 160000)),
        "BMW (UK) Ltd": ([("Fleet", "Vehicle Purchase")], (35000, 120000)),
        "Rock Solid Fleet Services Ltd": ([("Fleet", "Vehicle Conversion"), ("Fleet", "Vehicle Repairs")], (600, 30000)),
        "Cellebrite UK Ltd": ([("Crime & Justice", "Digital Forensics Licences")], (5000, 80000)),
        "Forensic Science Northern Ltd": ([("Crime & Justice", "Forensic Services")], (800, 60000)),
        "Eurofins Forensic Services Ltd": ([("Crime & Justice", "Forensic Services")], (800, 70000)),
        "Reliance High-Tech Ltd": ([("Custody", "Custody Healthcare")], (10000, 90000)),
        "Boots, Tribal & Co (Uniforms)": ([("Operational Support", "Uniform & Clothing")], (500, 25000)),
        "Securitas Security Services (UK) Ltd": ([("Estates", "Security Services")], (1000, 20000)),
        "College of Policing Ltd": ([("Training", "Training Courses")], (500, 40000)),
        "Marston (Holdings) Ltd": ([("Professional Standards", "Enforcement Fees")], (500, 5000)),
        "Niche Technology (UK) Ltd": ([("ICT", "Software Maintenance")], (5000, 120000)),
        "Kennedy, Bell & Partners": ([("Professional Standards", "Legal Fees"), ("Crime & Justice", "Counsel Fees")], (800, 30000)),
        "Clearview Cleaning, Maintenance & Hygiene Ltd": ([("Estates", "Cleaning Contract")], (1500, 25000)),
        "K9 Working Dogs Ltd": ([("Operational Support", "Police Dogs")], (500, 8000)),
        "The Big Word Group Ltd": ([("Custody", "Interpreters")], (500, 12000)),
    }
    header = ["Force", "Department", "Cost Centre", "Expense Type", "Supplier", "Payment Date",
              "Document No", "Amount (GBP)", "Supplier Type"]
    rows = [header]
    amts = []
    tx = txn_seq(51000000, 3, 90)
    for i in range(n):
        stype = "Company"
        if rng.random() < 0.1:
            sup, stype = "REDACTED", "Individual"
            dep, et = rng.choice([("Crime & Justice", "Witness Expenses"), ("Training", "Tuition Fees"),
                                  ("Professional Standards", "Compensation Payments")])
            p = rand_pence(500, 6000)
        else:
            sup = rng.choice(list(pol))
            pairs, (lo, hi) = pol[sup]
            dep, et = rng.choice(pairs)
            p = rand_pence(lo, hi)
        if rng.random() < 0.06:
            p = -p
        rows.append(["Shirebridge Police", dep, f"CC{rng.randint(100, 899)}", et, sup,
                     dates[i].strftime("%Y%m%d"), str(next(tx)), plain(p), stype])
        amts.append(p)
    write_bytes(name, csv_text(rows, delimiter=";").encode("utf-8"))
    add_answer(name, "", 4, 7, 5, amts,
               "semicolon-separated UTF-8, decimal point; some payee names contain commas (unquoted since ; is the delimiter); dates yyyymmdd",
               "semicolon-separated (UTF-8, ordinary decimal point), dates written 20240601 (habits 2, 9)")


# --------------------------------------------------------------------------
# f04  credits marked "CR" suffix
# --------------------------------------------------------------------------

def f04():
    name = "f04_county_council_cr_suffix.csv"
    n = 52
    dates = rand_dates(dt.date(2024, 7, 1), dt.date(2024, 7, 31), n)
    header = ["Directorate", "Service", "Cost Centre Description", "Subjective Description",
              "Supplier Name", "Payment Date", "Payment Ref", "Amount"]
    rows = [header]
    amts = []
    tx = txn_seq(3300450)
    ncr = 0
    for i in range(n):
        d, s, et, sup, p = spend(0.1)
        is_cr = rng.random() < 0.15 or (i == 7)
        sup = sup or "REDACTED"
        if is_cr:
            ncr += 1
            amt = commas(p) + " CR"
            p = -p
        else:
            amt = commas(p)
        rows.append([d, s, f"{s} - {rng.choice(['North', 'South', 'Central', 'East', 'West'])}",
                     et, sup, dates[i].strftime("%d/%m/%Y"), str(next(tx)), amt])
        amts.append(p)
    write_bytes(name, csv_text(rows).encode("utf-8"))
    add_answer(name, "", 4, 7, 5, amts,
               f"credits shown as '1,234.56 CR' ({ncr} lines) and count negative; amounts with thousands commas, quoted",
               "credit notes marked with a \"CR\" suffix (\"234.00 CR\"), thousands commas in quoted amounts (habit 3)")


# --------------------------------------------------------------------------
# f05  debit / credit columns, xlsx
# --------------------------------------------------------------------------

def f05():
    name = "f05_borough_council_debit_credit.xlsx"
    sheet = "Payments Apr 2024"
    n = 40
    dates = rand_dates(dt.date(2024, 4, 1), dt.date(2024, 4, 30), n)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    header = ["Service Area", "Service", "Expense Type", "Supplier", "Date Paid", "Voucher No",
              "Debit", "Credit", "Supplier Category"]
    ws.append(header)
    for c in ws[1]:
        c.font = Font(bold=True)
    amts = []
    tx = txn_seq(880000)
    for i in range(n):
        d, s, et, sup, p = spend(0.08)
        credit = rng.random() < 0.12 or i == 3
        sup = sup or "Redacted"
        if sup == "Redacted":
            cat = "Individual"
        elif sup in ("Action for Children", "Barnardo's", "Mencap", "Eden Futures"):
            cat = "VCSE"
        elif sup in ("Local Government Association",):
            cat = "Public Sector"
        else:
            cat = "Private Sector"
        row = [d, s, et, sup, dates[i], f"V{next(tx)}",
               None if credit else pounds(p), pounds(p) if credit else None, cat]
        ws.append(row)
        r = ws.max_row
        ws.cell(r, 5).number_format = "dd/mm/yyyy"
        ws.cell(r, 7).number_format = "#,##0.00"
        ws.cell(r, 8).number_format = "#,##0.00"
        amts.append(-p if credit else p)
    for col, w in zip("ABCDEFGHI", [22, 24, 24, 36, 12, 12, 12, 12, 16]):
        ws.column_dimensions[col].width = w
    wb.save(os.path.join(OUT, name))
    add_answer(name, sheet, 3, "6-7", 4, amts,
               "amount = Debit - Credit; exactly one of the two is filled on each line; real Excel dates",
               "separate \"Debit\" and \"Credit\" columns, one of them filled per line (habit 3)")


# --------------------------------------------------------------------------
# f06  UTF-16 .csv with directorate sub-totals and grand total, no per-line date
# --------------------------------------------------------------------------

def f06():
    name = "f06_unitary_subtotals_unicode.csv"
    header = ["Directorate", "Service", "Expense Type", "Supplier", "Transaction No", "Amount"]
    rows = [header]
    amts = []
    tx = txn_seq(120000)
    order = ["Adult Social Care", "Children's Services", "Housing & Communities", "Place", "Resources"]
    counts = [11, 9, 7, 10, 8]
    for dname, cnt in zip(order, counts):
        group = []
        for _ in range(cnt):
            _, s, et, sup, p = spend(0.12, dname)
            if rng.random() < 0.07:
                p = -p
            sup = sup or "REDACTED"
            rows.append([dname, s, et, sup,
                         str(next(tx)), plain(p)])
            group.append(p)
        amts.extend(group)
        rows.append([f"Total for {dname}", "", "", "", "", plain(sum(group))])
    rows.append(["Grand Total", "", "", "", "", plain(sum(amts))])
    text = csv_text(rows, delimiter="\t")
    write_bytes(name, b"\xff\xfe" + text.encode("utf-16-le"))
    add_answer(name, "", 3, 5, None, amts,
               "UTF-16LE BOM tab-separated with .csv extension; 'Total for <Directorate>' row after each directorate and a 'Grand Total' row (excluded); no per-line date (quarterly file)",
               "Excel Unicode Text saved as .csv (UTF-16, tabs) with \"Total for <Directorate>\" sub-totals and a grand total; no date column (habits 1, 4)")


# --------------------------------------------------------------------------
# f07  month heading rows and blank rows, xlsx (fire authority)
# --------------------------------------------------------------------------

def f07():
    name = "f07_fire_authority_month_headings.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Q1 2024-25"
    header = ["Date", "Supplier", "Description", "Expense Category", "Department", "Reference", "Amount"]
    ws.append(header)
    for c in ws[1]:
        c.font = Font(bold=True)
    # supplier -> [(description, expense category, department)], (lo, hi) pounds
    fire = {
        "Emergency One (UK) Ltd": ([("Appliance maintenance", "Transport", "Fleet & Equipment"),
                                    ("New fire appliance - stage payment", "Transport", "Fleet & Equipment")], (800, 95000)),
        "Bristol Uniforms Ltd": ([("Structural firefighting kit", "Equipment", "Operations")], (2000, 60000)),
        "Draeger Safety UK Ltd": ([("Breathing apparatus servicing", "Equipment", "Fleet & Equipment")], (1000, 40000)),
        "MSA (Britain) Ltd": ([("Breathing apparatus cylinders", "Equipment", "Fleet & Equipment")], (1000, 30000)),
        "Angus Fire Ltd": ([("Hose replacement", "Equipment", "Operations"), ("Foam concentrate", "Equipment", "Operations")], (600, 18000)),
        "Fire Service College Ltd": ([("Training - incident command", "Supplies & Services", "Operations")], (1200, 25000)),
        "Systel UK Ltd": ([("Control room software support", "ICT", "Control")], (3000, 45000)),
        "Kier Construction Ltd": ([("Station refurbishment - stage payment", "Premises", "Estates")], (15000, 90000)),
        "Lex Autolease Ltd": ([("Officer car leases", "Transport", "Fleet & Equipment")], (1500, 12000)),
        "British Gas Business": ([("Gas - stations", "Premises", "Estates")], (600, 9000)),
        "EDF Energy Customers Ltd": ([("Electricity - HQ and stations", "Premises", "Estates")], (1500, 20000)),
        "Vodafone Ltd": ([("Mobile data terminals - airtime", "ICT", "Corporate Services")], (900, 8000)),
        "Zurich Municipal": ([("Fleet insurance premium", "Supplies & Services", "Corporate Services")], (5000, 85000)),
        "Occupational Health Services Ltd": ([("Occupational health referrals", "Supplies & Services", "Corporate Services")], (500, 6000)),
    }
    amts = []
    tx = txn_seq(20240000)
    months = [(dt.date(2024, 4, 1), dt.date(2024, 4, 30), "April 2024", 14),
              (dt.date(2024, 5, 1), dt.date(2024, 5, 31), "May 2024", 12),
              (dt.date(2024, 6, 1), dt.date(2024, 6, 30), "June 2024", 15)]
    for mi, (a, b, label, cnt) in enumerate(months):
        if mi > 0:
            ws.append([])  # blank row between months
            ws.append([])
        ws.append([label])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        for d in rand_dates(a, b, cnt):
            sup = rng.choice(list(fire))
            triples, (lo, hi) = fire[sup]
            desc, cat, dep = rng.choice(triples)
            p = rand_pence(lo, hi)
            if rng.random() < 0.06:
                p = -p
            ws.append([d, sup, desc, cat, dep, f"INV{next(tx)}", pounds(p)])
            r = ws.max_row
            ws.cell(r, 1).number_format = "dd/mm/yyyy"
            ws.cell(r, 7).number_format = "#,##0.00"
            amts.append(p)
    wb.save(os.path.join(OUT, name))
    add_answer(name, "Q1 2024-25", 1, 6, 0, amts,
               "text rows 'April 2024' / 'May 2024' / 'June 2024' alone in column A (in the date column) and two blank rows between months (excluded)",
               "month heading rows (\"April 2024\" alone in the first cell) and blank rows between months (habit 5)")


# --------------------------------------------------------------------------
# f08  multi-line and very long description cells
# --------------------------------------------------------------------------

LONG_BITS = [
    "Provision of specialist residential placement for a young person with complex needs, including 2:1 staffing during waking hours, waking night cover, education liaison and therapeutic input as agreed at the placement panel",
    "Payment relates to the period 1 April 2024 to 30 June 2024 under the framework agreement, lot 3 (community-based support), and includes the uplift agreed by Cabinet on 12 March 2024 of 6.7% on hourly rates",
    "Works comprise carriageway resurfacing, kerb replacement, drainage gully cleansing and reinstatement of road markings, with traffic management (temporary signals, \"Road Closed\" diversion signage) and out-of-hours working to minimise disruption to residents and businesses",
    "This invoice also covers the retention release for the previous phase following the end of the defects liability period, less the agreed deduction for remedial works to the car park surface which the contractor has accepted in writing",
    "Costs recharged under the section 113 agreement with the neighbouring authority for shared legal and democratic services, including officer time, case management system licences and a proportion of accommodation costs",
]


def long_desc():
    parts = rng.sample(LONG_BITS, rng.randint(3, 4))
    return ". ".join(parts) + "."


def f08():
    name = "f08_city_council_long_descriptions.csv"
    n = 33
    dates = rand_dates(dt.date(2024, 8, 1), dt.date(2024, 8, 31), n)
    header = ["Department", "Purpose of Spend", "Supplier", "Date", "Transaction ID", "Amount (£)"]
    rows = [header]
    amts = []
    tx = txn_seq(9100000)
    nlong = nmulti = 0
    for i in range(n):
        d, s, et, sup, p = spend(0.1)
        r = rng.random()
        if r < 0.3 or i in (2, 11):
            desc = long_desc()
            nlong += 1
            if len(desc) <= 500:
                desc += " " + LONG_BITS[0]
        elif r < 0.6 or i in (0, 5):
            first = f"{et} - {s}"
            desc = f"{first}\nPO {rng.randint(450000, 459999)}\nInvoice ref: \"{rng.choice(['INV', 'SI', 'AR'])}-{rng.randint(1000, 9999)}\", period {rng.choice(['Jul 2024', 'Q1', 'Aug 2024'])}"
            if rng.random() < 0.5:
                desc = desc.replace("\n", "\r\n")
            nmulti += 1
        else:
            desc = f"{et} - {s}"
        if rng.random() < 0.05:
            p = -p
        sup = sup or "Redacted - individual"
        rows.append([d, desc, sup, dates[i].strftime("%d/%m/%Y"), f"T{next(tx)}", plain(p)])
        amts.append(p)
    write_bytes(name, csv_text(rows).encode("utf-8"))
    add_answer(name, "", 2, 5, 3, amts,
               f"{nmulti} quoted description cells with embedded line breaks (LF or CRLF) and doubled quotes; {nlong} descriptions over 500 characters; header has £ sign (UTF-8, no BOM)",
               "quoted description cells containing line breaks and doubled quotes; descriptions over 500 characters (habit 6)")


# --------------------------------------------------------------------------
# f09  two-row header with Net/VAT/Gross (ICB) xlsx
# --------------------------------------------------------------------------

def f09():
    name = "f09_icb_two_row_header.xlsx"
    sheet = "Expenditure"
    n = 30
    dates = rand_dates(dt.date(2024, 9, 1), dt.date(2024, 9, 30), n)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    top = ["Transaction", None, None, "Supplier", None, "Amount", None, None, "Classification", None]
    sub = ["Date", "Ref", "Directorate", "Name", "Number", "Net", "VAT", "Gross", "Expense Type", "Cost Centre"]
    ws.append(top)
    ws.append(sub)
    ws.merge_cells("A1:C1")
    ws.merge_cells("D1:E1")
    ws.merge_cells("F1:H1")
    ws.merge_cells("I1:J1")
    fill = PatternFill("solid", fgColor="DDEBF7")
    for r in (1, 2):
        for c in ws[r]:
            c.font = Font(bold=True)
            c.alignment = Alignment(horizontal="center")
            c.fill = fill
    # supplier -> (directorate, expense type, VAT rate %, (lo, hi) pounds)
    icb = {
        "Nottingham CityCare Partnership CIC": ("Commissioning", "Community Services", 0, (25000, 400000)),
        "Derbyshire Community Health Services NHS FT": ("Commissioning", "Community Services", 0, (25000, 600000)),
        "St Luke's Hospice": ("Commissioning", "Palliative Care", 0, (25000, 120000)),
        "Spire Healthcare Ltd": ("Commissioning", "Acute Services - Independent Sector", 0, (25000, 300000)),
        "Ramsay Health Care UK Operations Ltd": ("Commissioning", "Acute Services - Independent Sector", 0, (25000, 250000)),
        "Circle Health Group Ltd": ("Commissioning", "Acute Services - Independent Sector", 0, (25000, 200000)),
        "Westbrook Nursing Home Ltd": ("Nursing & Quality", "Continuing Healthcare", 0, (25000, 90000)),
        "NHS Property Services Ltd": ("Primary Care", "Estates - Rent & Service Charges", 20, (25000, 150000)),
        "Community Health Partnerships Ltd": ("Primary Care", "Estates - Rent & Service Charges", 20, (25000, 120000)),
        "EMIS Health": ("Corporate", "IT Services", 20, (25000, 90000)),
        "The Phoenix Partnership (Leeds) Ltd": ("Corporate", "IT Services", 20, (25000, 110000)),
        "Medicines Management Consulting Ltd": ("Medicines Optimisation", "Consultancy", 20, (25000, 60000)),
        "Boots UK Ltd": ("Medicines Optimisation", "Prescribing - Enhanced Services", 0, (25000, 80000)),
    }
    supnum = {k: f"{rng.randint(100000, 999999)}" for k in icb}
    ccs = {"Commissioning": "621100", "Nursing & Quality": "634200", "Primary Care": "611500",
           "Corporate": "690300", "Medicines Optimisation": "642700"}
    amts = []
    tx = txn_seq(600000)
    for i in range(n):
        sup = rng.choice(list(icb))
        dirn, et, vat_rate, (lo, hi) = icb[sup]
        net = rand_pence(lo, hi)
        if rng.random() < 0.07 or i == 12:
            net = -net
        vat = int(round(net * vat_rate / 100))
        gross = net + vat
        ws.append([dates[i], f"AP{next(tx)}", dirn, sup, supnum[sup], pounds(net), pounds(vat), pounds(gross),
                   et, ccs[dirn]])
        r = ws.max_row
        ws.cell(r, 1).number_format = "dd/mm/yyyy"
        for c in (6, 7, 8):
            ws.cell(r, c).number_format = "#,##0.00"
        amts.append(net)
    for col, w in zip("ABCDEFGHIJ", [12, 12, 24, 44, 10, 14, 12, 14, 34, 12]):
        ws.column_dimensions[col].width = w
    wb.save(os.path.join(OUT, name))
    add_answer(name, sheet, 3, 5, 0, amts,
               "two header rows: row 1 merged group labels (Transaction / Supplier / Amount over F:H / Classification), row 2 Net/VAT/Gross; total is of Net; Gross = Net + VAT; 'Number' (col 4) is the supplier number",
               "two-row header: merged group labels (\"Amount\" spanning three columns) above Net / VAT / Gross (habit 7)")


# --------------------------------------------------------------------------
# f10  amounts with £, spaces, non-breaking spaces, trailing spaces
# --------------------------------------------------------------------------

def f10():
    name = "f10_town_council_spaced_amounts.csv"
    n = 29
    dates = rand_dates(dt.date(2024, 4, 1), dt.date(2024, 6, 30), n)
    header = ["Date", "Payee", "Details", "Cheque/BACS No", "Amount", "Power Used"]
    rows = [header]
    # payee -> (details, power used, (lo, hi) pounds)
    town = {
        "Kingsbury Landscapes": ("Grass cutting - cemetery and recreation ground", "Open Spaces Act 1906 s.10", (400, 4500)),
        "Hollis Electrical Services": ("Street lighting repairs", "Parish Councils Act 1957 s.3", (150, 6000)),
        "Society of Local Council Clerks": ("Annual subscription", "LGA 1972 s.111", (150, 400)),
        "Norfolk ALC": ("Training - new councillors", "LGA 1972 s.175", (60, 600)),
        "HMRC": ("PAYE and NI - month", "LGA 1972 s.112", (900, 3500)),
        "Norfolk Pension Fund": ("Employer pension contributions", "LGA 1972 s.112", (600, 2200)),
        "Clear Insurance Management Ltd": ("Insurance renewal", "LGA 1972 s.111", (1800, 5200)),
        "Scribe Accounts Ltd": ("Accounts software licence", "LGA 1972 s.111", (250, 700)),
        "Broadland Tree Surgery": ("Tree works - churchyard", "Open Spaces Act 1906 s.10", (300, 3800)),
        "St Mary's Church PCC": ("Grant - churchyard maintenance", "LGA 1972 s.214", (500, 1500)),
        "Brackendale Youth Football Club": ("Grant - kit and pitch hire", "LGA 1972 s.137", (250, 1200)),
        "Playsafety Ltd": ("Play area annual inspection", "LG(MP)A 1976 s.19", (150, 900)),
        "Wicksteed Leisure Ltd": ("New play equipment - phase 2", "LG(MP)A 1976 s.19", (8000, 24000)),
        "Anglian Water Business": ("Water - allotments", "Small Holdings and Allotments Act 1908 s.23", (60, 700)),
    }
    amts = []
    chq = 100412
    styles = []
    for i in range(n):
        if rng.random() < 0.12:
            sup, det, power, p = "Staff costs (redacted)", "Salaries - month", "LGA 1972 s.112", rand_pence(1100, 2800)
        else:
            sup = rng.choice(list(town))
            det, power, (lo, hi) = town[sup]
            p = rand_pence(lo, hi, whole_prob=0.4)
        refund = rng.random() < 0.07 or i == 9
        if refund:
            det = "Refund - " + det
        ap = abs(p)
        pounds_s = f"{ap // 100:,}".replace(",", NBSP if rng.random() < 0.6 else " ")
        k = rng.choice(["gbp_space", "gbp_space", "comma_trail", "gbp_comma_trail", "plain_space"])
        if k == "gbp_space":
            s = f"£ {pounds_s}.{ap % 100:02d}"
        elif k == "comma_trail":
            s = f"{ap // 100:,}.{ap % 100:02d} "
        elif k == "gbp_comma_trail":
            s = f"£{ap // 100:,}.{ap % 100:02d}{NBSP}"
        else:
            s = f"{pounds_s}.{ap % 100:02d}"
        if refund:
            s = "-" + s
            p = -ap
        else:
            p = ap
        styles.append(k)
        chq += rng.randint(1, 3)
        rows.append([dates[i].strftime("%d/%m/%Y"), sup, det,
                     ("BACS " if rng.random() < 0.7 else "Chq ") + str(chq), s, power])
        amts.append(p)
    write_bytes(name, csv_text(rows).encode("utf-8"))
    add_answer(name, "", 1, 4, 0, amts,
               "amounts as text with £, ordinary or non-breaking space thousands separators ('£ 1 234.56'), trailing space/NBSP ('1,234.56 '), refunds with leading '-'; includes payments under £500",
               "amounts written \"£ 1 234.56\" with spaces / non-breaking spaces and \"1,234.56 \" with trailing spaces (habit 8)")


# --------------------------------------------------------------------------
# f11  ISO dates with T, amounts "GBP 1,234.56"
# --------------------------------------------------------------------------

def f11():
    name = "f11_combined_authority_iso_dates.csv"
    n = 41
    dates = rand_dates(dt.date(2024, 10, 1), dt.date(2024, 10, 31), n)
    header = ["OrganisationLabel", "ServiceLabel", "ExpenditureCategory", "PaymentDate", "SupplierName",
              "TransactionRef", "AmountGBP", "ProcurementCategory"]
    # supplier -> (service, expenditure category, procurement category, (lo, hi) pounds)
    ca = {
        "Stagecoach Manchester": ("Transport", "Bus Subsidy", "Transport", (5000, 250000)),
        "First Bus (West Yorkshire)": ("Transport", "Bus Subsidy", "Transport", (5000, 200000)),
        "Northern Trains Ltd": ("Transport", "Contracted Services", "Transport", (2000, 80000)),
        "Network Rail Infrastructure Ltd": ("Transport", "Capital Works", "Construction", (10000, 400000)),
        "BAM Nuttall Ltd": ("Transport", "Capital Works", "Construction", (20000, 600000)),
        "Balfour Beatty Civil Engineering Ltd": ("Transport", "Capital Works", "Construction", (20000, 500000)),
        "Arup": ("Economic Development", "Consultancy", "Professional Services", (3000, 90000)),
        "Mott MacDonald Ltd": ("Transport", "Consultancy", "Professional Services", (3000, 120000)),
        "Learning Curve Group Ltd": ("Adult Skills", "Grants", "Education", (5000, 150000)),
        "Calder Valley College": ("Adult Skills", "Grants", "Education", (10000, 300000)),
        "University of Bradbury": ("Adult Skills", "Grants", "Education", (5000, 200000)),
        "Pennine Growth Hub Ltd": ("Economic Development", "Grants", "Social Value", (2000, 80000)),
        "Places Matter CIC": ("Housing Investment", "Grants", "Social Value", (1000, 40000)),
        "Homes England": ("Housing Investment", "Grants", "Construction", (20000, 500000)),
        "Civica UK Ltd": ("Corporate", "Contracted Services", "Professional Services", (800, 30000)),
    }
    rows = [header]
    amts = []
    tx = txn_seq(12000, 1, 9)
    for i in range(n):
        sup = rng.choice(list(ca))
        svc, cat, proc, (lo, hi) = ca[sup]
        p = rand_pence(lo, hi)
        if rng.random() < 0.05 or i == 17:
            p = -p
        s = "GBP " + commas(p)
        rows.append(["North Pennine Combined Authority", svc, cat,
                     dates[i].strftime("%Y-%m-%dT00:00:00"), sup, f"NPCA-{next(tx):06d}", s, proc])
        amts.append(p)
    write_bytes(name, csv_text(rows).encode("utf-8-sig"))
    add_answer(name, "", 4, 6, 3, amts,
               "UTF-8 with BOM; dates '2024-10-01T00:00:00'; amounts 'GBP 1,234.56' / 'GBP -1,234.56' (quoted)",
               "open-data style export: dates \"2024-10-01T00:00:00\", amounts \"GBP 1,234.56\" (habits 8, 9)")


# --------------------------------------------------------------------------
# f12  text dates "Mon 01 Apr 2024", payee first column, xlsx
# --------------------------------------------------------------------------

def f12():
    name = "f12_national_park_dayname_dates.xlsx"
    n = 27
    dates = rand_dates(dt.date(2024, 4, 1), dt.date(2024, 9, 30), n)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Spend over 500"
    ws.append(["Supplier", "Amount", "Date Paid", "Cost Centre", "Category", "Doc No"])
    for c in ws[1]:
        c.font = Font(bold=True)
    # supplier -> (cost centre, category, (lo, hi) pounds)
    npk = {
        "Peak Rangers Fencing": ("RNG01", "Conservation", (600, 9000)),
        "Moorland Drystone Walling": ("CON03", "Conservation", (900, 15000)),
        "Footpath Repair Partnership": ("RNG01", "Access & Rights of Way", (1500, 30000)),
        "Highland Bridge Builders Ltd": ("RNG01", "Access & Rights of Way", (3000, 28000)),
        "Natural England": ("CON03", "Conservation", (1000, 25000)),
        "Yorkshire Water": ("EST04", "Estates", (500, 4000)),
        "Land Rover (Sheffield)": ("FLT06", "Fleet", (600, 38000)),
        "Visitor Centre Supplies Ltd": ("VIS02", "Visitor Services", (500, 9000)),
        "Ordnance Survey Ltd": ("PLN05", "Planning", (800, 12000)),
        "Field Studies Council": ("VIS02", "Learning & Outreach", (700, 6000)),
        "Dales Signage Ltd": ("VIS02", "Visitor Services", (500, 7000)),
        "Aston Bus & Coach": ("VIS02", "Learning & Outreach", (500, 3000)),
    }
    amts = []
    for i in range(n):
        sup = rng.choice(list(npk))
        cc, cat, (lo, hi) = npk[sup]
        p = rand_pence(lo, hi)
        if rng.random() < 0.06:
            p = -p
        ws.append([sup, pounds(p), dates[i].strftime("%a %d %b %Y"), cc, cat, f"PI{rng.randint(20000, 29999)}"])
        ws.cell(ws.max_row, 2).number_format = "#,##0.00"
        amts.append(p)
    wb.save(os.path.join(OUT, name))
    add_answer(name, "Spend over 500", 0, 1, 2, amts,
               "dates stored as text like 'Mon 01 Apr 2024' (weekday correct); payee in first column, amount second (numeric)",
               "dates typed as text \"Mon 01 Apr 2024\"; payee is the first column (habit 9)")


# --------------------------------------------------------------------------
# f13  xlsx with title rows, hidden cols, autofilter, frozen panes, =SUM total
# --------------------------------------------------------------------------

def f13():
    name = "f13_metropolitan_borough_formatted.xlsx"
    sheet = "May 2024"
    n = 48
    dates = rand_dates(dt.date(2024, 5, 1), dt.date(2024, 5, 31), n)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(["Metropolitan Borough of Ashcombe"])
    ws.append(["Payments to suppliers over £500 - published under the Local Government Transparency Code 2015"])
    ws.append(["Period: 1 May 2024 to 31 May 2024"])
    ws.append([])
    ws["A1"].font = Font(bold=True, size=14)
    header = ["Directorate", "Cost Centre Code", "Service", "Account Code", "Expense Type",
              "Supplier", "Payment Date", "Amount", "Transaction No"]
    ws.append(header)
    hr = ws.max_row
    for c in ws[hr]:
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="FFF2CC")
    amts = []
    tx = txn_seq(5500000)
    for i in range(n):
        d, s, et, sup, p = spend(0.1)
        if rng.random() < 0.06:
            p = -p
        sup = sup or "REDACTED"
        ws.append([d, f"{rng.choice('ABCDE')}{rng.randint(1000, 9999)}", s, str(rng.randint(40000, 49999)),
                   et, sup, dates[i], pounds(p), str(next(tx))])
        r = ws.max_row
        ws.cell(r, 7).number_format = "dd-mmm-yyyy"
        ws.cell(r, 8).number_format = "£#,##0.00;[Red]-£#,##0.00"
        amts.append(p)
    last = ws.max_row
    ws.append([])
    ws.append(["Total", None, None, None, None, None, None, f"=SUM(H{hr + 1}:H{last})", None])
    tr = ws.max_row
    ws.cell(tr, 1).font = Font(bold=True)
    ws.cell(tr, 8).font = Font(bold=True)
    ws.cell(tr, 8).number_format = "£#,##0.00"
    ws.auto_filter.ref = f"A{hr}:I{last}"
    ws.freeze_panes = f"A{hr + 1}"
    ws.column_dimensions["B"].hidden = True
    ws.column_dimensions["D"].hidden = True
    for col, w in zip("ACEFGHI", [24, 26, 26, 38, 14, 14, 14]):
        ws.column_dimensions[col].width = w
    wb.save(os.path.join(OUT, name))
    add_answer(name, sheet, 5, 7, 6, amts,
               f"title rows 1-3 and blank row 4, header on row {hr}; columns B and D hidden (still counted in positions); autofilter; panes frozen below header; blank row then 'Total' row with =SUM formula (no cached value) excluded",
               "formatted workbook: header on row 5 under title lines, hidden columns, autofilter, frozen panes, =SUM total row (habit 10)")


# --------------------------------------------------------------------------
# f14  xlsx, Read me sheet first, payments on second sheet
# --------------------------------------------------------------------------

def f14():
    name = "f14_london_borough_readme_first.xlsx"
    sheet = "Payments"
    n = 55
    dates = rand_dates(dt.date(2024, 6, 1), dt.date(2024, 6, 30), n)
    wb = openpyxl.Workbook()
    rm = wb.active
    rm.title = "Read me"
    rm["A1"] = "London Borough of Thamesbury - Expenditure over £500, June 2024"
    rm["A1"].font = Font(bold=True, size=14)
    rm["A3"] = ("This workbook lists every payment of £500 or more made by the Council in June 2024, "
                "published under the Local Government Transparency Code 2015. Amounts are shown excluding "
                "recoverable VAT. Payments to individuals, and other payments where publication would breach "
                "data protection law, are shown as 'Redacted'. Negative amounts are credit notes or refunds "
                "received. Payments made by purchasing card are published separately each quarter. "
                "The data is on the sheet named 'Payments'; the 'Glossary' sheet explains the column headings. "
                "Queries about this data should be sent to transparency@thamesbury.gov.uk quoting the transaction number.")
    rm["A3"].alignment = Alignment(wrap_text=True, vertical="top")
    rm.column_dimensions["A"].width = 110
    rm.row_dimensions[3].height = 120
    rm["A5"] = "Last updated: 15 July 2024"
    ws = wb.create_sheet(sheet)
    header = ["Department", "Division", "Cost Centre", "Expenditure Category", "Supplier Name",
              "Supplier Type", "Payment Date", "Payment Number", "Amount"]
    ws.append(header)
    for c in ws[1]:
        c.font = Font(bold=True)
    amts = []
    tx = txn_seq(1900000)
    for i in range(n):
        d, s, et, sup, p = spend(0.12)
        if rng.random() < 0.06:
            p = -p
        if sup is None:
            sup, stype = "Redacted", "Individual"
        elif sup in ("Action for Children", "Barnardo's", "Mencap", "Eden Futures"):
            stype = "Charity"
        elif sup in ("Local Government Association",):
            stype = "Public Body"
        else:
            stype = "Company"
        ws.append([d, s, f"{rng.randint(10000, 99999)}", et, sup, stype,
                   dates[i], f"PAY{next(tx)}", pounds(p)])
        ws.cell(ws.max_row, 7).number_format = "dd/mm/yyyy"
        ws.cell(ws.max_row, 9).number_format = "#,##0.00"
        amts.append(p)
    gl = wb.create_sheet("Glossary")
    gl.append(["Column", "Meaning"])
    for k, v in [("Department", "Council department that incurred the spend"),
                 ("Division", "Service within the department"),
                 ("Cost Centre", "Internal budget code"),
                 ("Expenditure Category", "Type of spend (SeRCOP subjective)"),
                 ("Supplier Name", "Payee; individuals are redacted"),
                 ("Payment Date", "Date payment was made"),
                 ("Amount", "Net amount in pounds")]:
        gl.append([k, v])
    wb.save(os.path.join(OUT, name))
    add_answer(name, sheet, 4, 8, 6, amts,
               "first sheet 'Read me' holds a paragraph of text; data on second sheet 'Payments'; third sheet 'Glossary'",
               "workbook whose first sheet is a \"Read me\" paragraph; payments on the second sheet, glossary third (habit 11)",
               first_sheet=False)


# --------------------------------------------------------------------------
# f15  35 columns, payee at column 19
# --------------------------------------------------------------------------

def f15():
    name = "f15_erp_extract_35_columns.csv"
    header = ["Company Code", "Fiscal Year", "Period", "Document Type", "Document Number", "Line Item",
              "Clearing Document", "Cost Centre", "Cost Centre Text", "G/L Account", "G/L Account Text",
              "Fund", "Funds Centre", "Commitment Item", "Functional Area", "WBS Element", "Internal Order",
              "Profit Centre", "Vendor Number", "Vendor Name", "Vendor Postcode", "Vendor Country",
              "Payment Method", "House Bank", "Payment Date", "Currency", "Amount in Local Currency",
              "Tax Code", "Reference", "Assignment", "Text", "Purchasing Document", "Item", "Created By", "Entry Time"]
    assert len(header) == 35
    n = 46
    dates = rand_dates(dt.date(2024, 11, 1), dt.date(2024, 11, 30), n)
    rows = [header]
    amts = []
    docs = txn_seq(5100023000, 1, 12)
    clr = txn_seq(1500004100, 1, 6)
    cc_codes, gl_codes = {}, {}
    for i in range(n):
        _, svc, et, sup, p = spend(0.08)
        cc = cc_codes.setdefault(svc, f"C{rng.randint(10, 59)}{rng.randint(100, 999)}")
        gl = gl_codes.setdefault(et, str(rng.randint(510000, 579999)))
        if rng.random() < 0.06:
            p = -p
        sup = sup or "REDACTED"
        vno = "" if sup == "REDACTED" else str(rng.randint(100000, 199999))
        pc = "" if sup == "REDACTED" else rng.choice(["NG1 5AW", "LE3 8RA", "DE1 2AB", "S60 1TH", "B3 2RQ"])
        row = ["1000", "2025", "008", rng.choice(["KR", "KR", "RE", "KG"] if p > 0 else ["KG"]),
               str(next(docs)), "1", str(next(clr)), cc, svc, gl, et,
               "", "", "", "", "", "", "", vno, sup, pc, "GB" if vno else "",
               rng.choice(["T", "T", "C"]), "", dates[i].strftime("%d.%m.%Y"), "GBP", plain(p),
               "", "", "", "", "", "", "", ""]
        assert len(row) == 35
        amts.append(p)
        rows.append(row)
    write_bytes(name, csv_text(rows).encode("utf-8"))
    add_answer(name, "", 19, 26, 24, amts,
               "35 columns, most empty or codes; Vendor Name at position 19, Payment Date at 24 (dd.mm.yyyy), Amount in Local Currency at 26; Fiscal Year/Period are codes not dates",
               "raw finance-system extract with 35 columns, mostly empty or codes; payee in column 20 (habit 12)")


# --------------------------------------------------------------------------
# f16  awkward payee names
# --------------------------------------------------------------------------

def f16():
    name = "f16_borough_awkward_payee_names.csv"
    awkward = {"O'Brien & Sons, Builders": ("Housing Repairs", "Building Works"),
               "\"Little Acorns\" Day Nursery": ("Early Help", "Early Years Funding"),
               "3663": ("School Meals", "Catering Provisions"),
               "2020": ("ICT", "Consultancy"),
               "ABBEY ROOFING & LEADWORK LTD": ("Housing Repairs", "Repairs & Maintenance"),
               "SMITH, J & PARTNERS": ("Legal Services", "Legal Costs"),
               "B & Q PLC": ("Housing Repairs", "Building Materials"),
               "1st Choice Taxis": ("SEND Transport", "School Transport Contracts"),
               "Taylor, Wimpey & Co (\"TW\") Ltd": ("Planning", "Section 106 Refund"),
               "WM. MORRISON SUPERMARKETS PLC": ("Day Services", "Catering Provisions"),
               "80210045": ("Revenues & Benefits", "Business Rates Refunds"),
               "D'Arcy, McKenzie & O'Neill Solicitors": ("Legal Services", "Counsel Fees"),
               "A1 SKIP HIRE": ("Waste Collection", "Skip Hire"),
               "360 GIVING": ("Community Safety", "Subscriptions"),
               "PEARSON, HEATHER & CO.": ("Finance", "Professional Fees")}
    header = ["Body Name", "Date", "Supplier", "Amount", "Expense Type", "Service", "Ref"]
    n = 34
    dates = rand_dates(dt.date(2024, 12, 1), dt.date(2024, 12, 31), n)
    rows = [header]
    amts = []
    tx = txn_seq(77000)
    # make sure every awkward name appears at least once
    names = list(awkward) + [None] * (n - len(awkward))
    rng.shuffle(names)
    for i in range(n):
        sup = names[i]
        if sup is None:
            _, s, et, sup, p = spend(0.15)
            sup = sup or "REDACTED"
            if rng.random() < 0.3 and sup != "REDACTED":
                sup = sup.upper()
        else:
            s, et = awkward[sup]
            p = rand_pence(500, 30000)
        if rng.random() < 0.05:
            p = -p
        rows.append(["Kettering Vale Borough Council", dates[i].strftime("%d/%m/%Y"), sup, plain(p),
                     et, s, f"{next(tx)}"])
        amts.append(p)
    write_bytes(name, csv_text(rows).encode("utf-8"))
    add_answer(name, "", 2, 3, 1, amts,
               "payee names that are digits only ('3663', '2020', '80210045'), ALL CAPS, or contain commas, apostrophes and doubled quotes (RFC 4180 quoting)",
               "payee names that are numbers only, all upper case, or contain commas, apostrophes and quotes (habit 13)")


# --------------------------------------------------------------------------
# f17  purchase-card file with refunds and trailing Count line
# --------------------------------------------------------------------------

def f17():
    name = "f17_county_purchase_card.csv"
    n = 42
    dates = rand_dates(dt.date(2024, 7, 1), dt.date(2024, 9, 30), n)
    # merchant -> (merchant category, (lo, hi) pounds, VAT reclaimable)
    merch = {
        "AMAZON.CO.UK*RT4KD93F5": ("5942 Book Stores", (5, 250), "Y"),
        "AMAZON MKTPLACE PMTS": ("5999 Misc Retail", (3, 180), "N"),
        "TESCO STORES 2931": ("5411 Grocery Stores", (4, 120), "N"),
        "SAINSBURYS S/MKT": ("5411 Grocery Stores", (5, 90), "N"),
        "TRAINLINE.COM": ("4112 Passenger Railways", (15, 320), "N"),
        "PREMIER INN 44523": ("7011 Hotels/Motels", (60, 400), "Y"),
        "SCREWFIX DIRECT": ("5200 Home Supply Warehouse", (8, 450), "Y"),
        "ARGOS LTD": ("5311 Department Stores", (10, 300), "Y"),
        "ZOOM.US 888-799-9666": ("4816 Computer Network Services", (12, 150), "N"),
        "WWW.GOV.UK DVLA": ("9399 Government Services", (10, 170), "N"),
        "POST OFFICE COUNTER": ("9402 Postal Services", (2, 60), "N"),
        "RYMAN LTD": ("5943 Stationery Stores", (5, 120), "Y"),
        "CURRYS ONLINE": ("5732 Electronics Stores", (30, 900), "Y"),
        "EVENTBRITE": ("7399 Business Services", (20, 350), "Y"),
        "HALFORDS 0421": ("5533 Auto Parts", (8, 200), "Y"),
        "B&Q 1123": ("5200 Home Supply Warehouse", (10, 600), "Y"),
        "PAYPAL *SURVEYMONKEY": ("5734 Computer Software", (30, 400), "N"),
    }
    header = ["Cardholder Department", "Transaction Date", "Merchant Name", "Merchant Category",
              "Transaction Amount", "VAT Reclaimable", "Cost Centre"]
    depts = {"Adult Social Care": "14210", "Libraries": "16330", "Highways": "17105", "Children's Homes": "15520",
             "Democratic Services": "11040", "Country Parks": "17880"}
    rows = [header]
    amts = []
    for i in range(n):
        m = rng.choice(list(merch))
        mcc, (lo, hi), vr = merch[m]
        p = rand_pence(lo, hi, whole_prob=0.1)
        refund = rng.random() < 0.1 or i == 4
        if refund:
            p = -p
        dep = rng.choice(list(depts))
        rows.append([dep, dates[i].strftime("%d/%m/%Y"), m, mcc, plain(p), vr, depts[dep]])
        amts.append(p)
    rows.append([])
    rows.append([f"Count: {n}"])
    write_bytes(name, csv_text(rows).encode("utf-8"))
    add_answer(name, "", 2, 4, 1, amts,
               f"purchase-card transactions: positive spend, negative refunds; small values; blank line then trailing 'Count: {n}' line (excluded); VAT Reclaimable is a Y/N flag",
               "purchase-card file: Merchant Name, Transaction Date, refunds negative, trailing \"Count: 42\" line (habit 14)")


# --------------------------------------------------------------------------
# f18  Excel Data > Subtotal output grouped by supplier, xlsx
# --------------------------------------------------------------------------

def f18():
    name = "f18_district_supplier_subtotals.xlsx"
    sheet = "Supplier Payments"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    header = ["Supplier Name", "Payment Date", "Invoice Ref", "Service", "Expense Type", "Amount"]
    ws.append(header)
    for c in ws[1]:
        c.font = Font(bold=True)
    prof = {"Biffa Municipal Ltd": [("Waste Collection", "Waste Disposal Contract")],
            "TotalEnergies Gas & Power Ltd": [("Property Services", "Gas"), ("Leisure Centres", "Gas")],
            "Glendale Grounds Management Ltd": [("Parks & Open Spaces", "Grounds Maintenance")],
            "Civica UK Ltd": [("ICT", "Software Licences"), ("Revenues & Benefits", "ICT Support & Maintenance")],
            "Dennis Eagle Ltd": [("Waste Collection", "Vehicle Repairs"), ("Waste Collection", "Vehicle Parts")],
            "Hays Specialist Recruitment Ltd": [("Planning", "Agency Staff"), ("Revenues & Benefits", "Agency Staff")],
            "Trowers & Hamlins LLP": [("Legal Services", "Legal Costs")],
            "EDF Energy Customers Ltd": [("Property Services", "Electricity"), ("Street Lighting", "Electricity")],
            "Riverside Group Ltd": [("Homelessness", "Temporary Accommodation")],
            "Zurich Municipal": [("Finance", "Insurance Premiums")]}
    sup_pool = list(prof)
    counts = [6, 5, 4, 3, 5, 4, 2, 4, 3, 2]
    amts = []
    tx = txn_seq(4000)
    first_data = 2
    for sup, cnt in sorted(zip(sup_pool, counts)):
        group_start = ws.max_row + 1
        for d in rand_dates(dt.date(2024, 8, 1), dt.date(2024, 10, 31), cnt):
            p = rand_pence(500, 40000)
            if rng.random() < 0.06:
                p = -p
            s, et = rng.choice(prof[sup])
            ws.append([sup, d, f"INV-{next(tx)}", s, et, pounds(p)])
            r = ws.max_row
            ws.cell(r, 2).number_format = "dd/mm/yyyy"
            ws.cell(r, 6).number_format = "#,##0.00"
            ws.row_dimensions[r].outlineLevel = 2
            amts.append(p)
        group_end = ws.max_row
        ws.append([f"{sup} Total", None, None, None, None, f"=SUBTOTAL(9,F{group_start}:F{group_end})"])
        r = ws.max_row
        ws.cell(r, 1).font = Font(bold=True)
        ws.cell(r, 6).font = Font(bold=True)
        ws.cell(r, 6).number_format = "#,##0.00"
        ws.row_dimensions[r].outlineLevel = 1
    last = ws.max_row
    ws.append(["Grand Total", None, None, None, None, f"=SUBTOTAL(9,F{first_data}:F{last})"])
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    ws.cell(ws.max_row, 6).font = Font(bold=True)
    ws.cell(ws.max_row, 6).number_format = "#,##0.00"
    ws.sheet_properties.outlinePr.summaryBelow = True
    ws.column_dimensions["A"].width = 40
    wb.save(os.path.join(OUT, name))
    add_answer(name, sheet, 0, 5, 1, amts,
               "Excel Data>Subtotal layout grouped by supplier: '<Supplier> Total' rows with =SUBTOTAL(9,...) formulas (no cached values) and final 'Grand Total' row, excluded; row outline levels; a real supplier is named 'TotalEnergies Gas & Power Ltd' (its lines are payments)",
               "Excel Data > Subtotal output: \"<Supplier> Total\" rows in the payee column with SUBTOTAL formulas, outline grouping, \"Grand Total\" (habit 4)")


def main():
    for f in (f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18):
        f()
    with open(os.path.join(OUT, "answers.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["file", "sheet", "payee_col", "amount_col", "date_col", "lines", "total", "notes"])
        w.writeheader()
        for a in ANSWERS:
            w.writerow(a)
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as fh:
        fh.write("# Blind set: publishing quirks in UK public-body spend files\n\n")
        fh.write("Invented but realistic payment files, each imitating one or two real publishing habits. "
                 "Answer key: `answers.csv` (0-based column positions in the data rows; `lines`/`total` computed by "
                 "the generator from the generated values). Generator: `tools/generate.py`; re-check: `tools/verify.py`.\n\n")
        fh.write("\n".join(README) + "\n")
    print("wrote", len(ANSWERS), "files")


if __name__ == "__main__":
    main()
