#!/usr/bin/env python3
"""Generate the blind-third set of awkward-but-realistic UK public-body spend files.

Every value is invented.  The answer key (../answers.csv) is computed from the
generated values (Decimal), not by re-reading the files.
Run:  /work/main/.venv/bin/python tools/generate.py   (from /work/blind-third)
"""
import csv
import io
import os
import random
from datetime import date, datetime, timedelta
from decimal import Decimal, ROUND_HALF_UP

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.filters import AutoFilter

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rng = random.Random(20240505)
KEY = []  # rows of the answer key
README = []

TWO = Decimal("0.01")


def money(lo, hi):
    """A plausible amount between lo and hi (log-uniform), 2 dp; sometimes round."""
    import math
    v = math.exp(rng.uniform(math.log(lo), math.log(hi)))
    r = rng.random()
    if r < 0.12:
        d = Decimal(int(v / 50) * 50 or 50)
    elif r < 0.2:
        d = Decimal(int(v))
    else:
        d = Decimal(str(v)).quantize(TWO, rounding=ROUND_HALF_UP)
    return d.quantize(TWO)


def fmt(d):
    return f"{d:.2f}"


def fmt_thousands(d):
    return f"{d:,.2f}"


def workdays(y, m, n, start=1, end=None):
    days = []
    d = date(y, m, start)
    last = end or 31
    while d.month == m and d.day <= last:
        if d.weekday() < 5:
            days.append(d)
        d += timedelta(days=1)
    return sorted(rng.choice(days) for _ in range(n))


def add_key(fname, payee, amount, datec, amounts, notes, readme):
    total = sum(amounts, Decimal("0.00")).quantize(TWO)
    KEY.append([fname, payee, amount, "" if datec is None else datec,
                len(amounts), f"{total:.2f}", notes])
    README.append(f"- `{fname}` — {readme}")


def write_csv_bytes(fname, rows, encoding="utf-8", delimiter=",",
                    lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL, bom=False):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=delimiter, lineterminator=lineterminator,
                   quoting=quoting)
    for r in rows:
        if r is None:  # a truly blank line
            buf.write(lineterminator)
        else:
            w.writerow(r)
    text = buf.getvalue()
    if encoding == "utf-16":
        data = b"\xff\xfe" + text.encode("utf-16-le")
    else:
        data = text.encode(encoding)
        if bom:
            data = b"\xef\xbb\xbf" + data
    with open(os.path.join(OUT, fname), "wb") as f:
        f.write(data)


SUPPLIERS = [
    "Amey Community Ltd", "Kier Highways Ltd", "Veolia ES (UK) Ltd", "Biffa Waste Services Ltd",
    "Capita Business Services Ltd", "Civica UK Ltd", "Northgate Public Services (UK) Ltd",
    "Brakes Bros Ltd", "Lyreco UK Ltd", "Banner Group Ltd", "Zurich Municipal",
    "British Gas Business", "EDF Energy Customers Ltd", "Anglian Water Business (National) Ltd",
    "BT plc", "Vodafone Ltd", "Ricoh UK Ltd", "Xerox (UK) Ltd", "Tarmac Trading Ltd",
    "Hanson UK", "Travis Perkins Trading Co Ltd", "Jewson Ltd", "Screwfix Direct Ltd",
    "Arriva Midlands Ltd", "Stagecoach East Ltd", "Mears Ltd", "Morgan Sindall Construction & Infrastructure Ltd",
    "Willmott Dixon Construction Ltd", "Lloyd's Register Group Services Ltd", "Ordnance Survey Ltd",
    "Hays Specialist Recruitment Ltd", "Reed Specialist Recruitment Ltd", "Comensura Ltd",
    "Matrix SCM Ltd", "Softcat plc", "Computacenter (UK) Ltd", "Bytes Software Services Ltd",
    "Idox Software Ltd", "Granicus-Firmstep Ltd", "Royal Mail Group Ltd", "Whistl UK Ltd",
    "Grundon Waste Management Ltd", "Glendale Grounds Management Ltd", "ISS Facility Services Ltd",
    "Mitie Security Ltd", "OCS Group UK Ltd", "Sodexo Ltd", "Coca-Cola Europacific Partners",
    "Specsavers Opticians", "Barchester Healthcare Homes Ltd", "HC-One Ltd", "Care UK Community Partnerships Ltd",
    "Action for Children", "Barnardo's", "Age UK Northshire", "Citizens Advice Anytown",
    "Shaw Healthcare Ltd", "Allia Ltd", "Pertemps Ltd", "Hertz (UK) Ltd", "Enterprise Rent-A-Car UK Ltd",
    "Dennis Eagle Ltd", "Ringway Infrastructure Services Ltd", "Marshalls plc", "Salt Union Ltd",
    "Compass Minerals UK Ltd", "Openreach Ltd", "Virgin Media Business Ltd", "Total Gas & Power Ltd",
    "Crown Commercial Service", "HM Revenue & Customs", "Local Government Association",
    "Chartered Institute of Public Finance & Accountancy", "Geldards LLP", "Browne Jacobson LLP",
    "Bevan Brittan LLP", "Grant Thornton UK LLP", "Mazars LLP", "KPMG LLP",
]

SERVICES = ["Adult Social Care", "Children's Services", "Highways", "Waste & Recycling",
            "Housing", "Leisure & Culture", "Planning & Regeneration", "Corporate Finance",
            "ICT", "Legal & Democratic", "Property Services", "Environmental Health",
            "Libraries", "Parks & Open Spaces", "Revenues & Benefits", "Public Health"]
EXPENSE = ["Agency Staff", "Consultancy Fees", "Building Repairs & Maintenance", "Electricity",
           "Gas", "Water Charges", "Vehicle Hire", "Fuel", "Software Licences", "Hardware Purchase",
           "Printing & Stationery", "Postage", "Catering Provisions", "Residential Care",
           "Home Care", "Grounds Maintenance", "Waste Disposal", "Legal Fees", "Audit Fees",
           "Insurance Premiums", "Telephones", "Equipment Purchase", "Grants to Voluntary Orgs",
           "Subscriptions", "Training", "Materials", "Contract Payments", "Rents"]


def pick(seq):
    return rng.choice(seq)


# ---------------------------------------------------------------- 01
def f01():
    fname = "01_anytown_bc_over500_apr2024_mac_cr.csv"
    n = 47
    dates = workdays(2024, 4, n)
    header = ["Organisation Name", "Service Division", "Expenditure Category", "Date Paid",
              "Transaction Number", "Supplier Name", "Amount"]
    rows, amts = [header], []
    tx = 3104400
    for i, d in enumerate(dates):
        tx += rng.randint(3, 40)
        a = money(500, 48000)
        if i in (9, 31):
            a = -money(520, 3200)  # credit notes
        amts.append(a)
        rows.append(["Anytown Borough Council", pick(SERVICES), pick(EXPENSE),
                     d.strftime("%d/%m/%Y"), str(tx), pick(SUPPLIERS), fmt(a)])
    write_csv_bytes(fname, rows, encoding="utf-8", lineterminator="\r")
    add_key(fname, 5, 6, 3, amts,
            "UTF-8 no BOM; classic-Mac CR-only line endings (no LF anywhere); dd/mm/yyyy; two credit notes negative",
            "CSV saved with old Mac line endings (CR only); district council over-£500 file with two credit notes.")


# ---------------------------------------------------------------- 02
def f02():
    fname = "02_kingsbridge_cc_payments_apr2024_wrapped_header.csv"
    n = 38
    dates = workdays(2024, 4, n)
    header = ["Transaction\nRef", "Payment\nDate", "Supplier\nName", "Service\nArea",
              "Expense\nType", "Amount\n(£)", ""]  # trailing comma on header too
    rows, amts = [header], []
    for i, d in enumerate(dates):
        a = money(500, 95000)
        amts.append(a)
        rows.append([f"KCC{rng.randint(100000, 999999)}", d.strftime("%d/%m/%Y"),
                     pick(SUPPLIERS), pick(SERVICES), pick(EXPENSE), fmt_thousands(a), ""])
    write_csv_bytes(fname, rows, encoding="cp1252", lineterminator="\r\n")
    add_key(fname, 2, 5, 1, amts,
            "Windows-1252; header cells contain line breaks inside quotes; every line (header too) ends with a trailing comma = empty 7th column; amounts quoted with thousands separators",
            "Header cells wrapped with Alt+Enter line breaks (\"Supplier\\nName\", \"Amount\\n(£)\") and a trailing comma on every line; Windows-1252.")


# ---------------------------------------------------------------- 03
def f03():
    fname = "03_glanfor_county_council_spend_may2024_utf8_names.csv"
    special = [
        "Smith J t/a Smith Plumbing", "Łukasz Nowak t/a Nowak Building Services",
        "Café Rhôs Ltd.", "O’Brien & Sons Ltd.", "Siân’s Kitchen Catering Ltd.",
        "Gwasanaethau Glanhau Glanfor – Cleaning Services Ltd.", "Zoë Hughes t/a ZH Design",
        "Müller Engineering (UK) Ltd.", "Evans, Davies & Co. Ltd.", "R. & B. Jones Ltd.",
        "Jones D.W. t/a Dyffryn Garage", "Crèche Bach Ltd.", "Rhys ap Gwyn t/a Coed Tree Surgery",
        "Ffion’s Florist – Blodau Ffion", "St. David’s Hospice Care", "Björk Consulting Ltd.",
        "Ysgol Gymraeg Trefach PTA", "W. Griffiths & Son (Builders) Ltd.",
        "Dŵr Cymru Welsh Water", "Michał Kowalski t/a MK Joinery", "Trafnidiaeth Cymru – Transport for Wales",
    ]
    n = 52
    dates = workdays(2024, 5, n)
    header = ["Body", "Date", "Supplier", "Value (£)", "Cost Centre", "Account Description", "Reference"]
    rows, amts = [header], []
    costc = ["Addysg / Education", "Priffyrdd / Highways", "Gofal Cymdeithasol / Social Care",
             "Tai / Housing", "Hamdden / Leisure", "Gwastraff / Waste"]
    for i, d in enumerate(dates):
        a = money(500, 36000)
        amts.append(a)
        sup = special[i] if i < len(special) else (pick(special) if rng.random() < 0.5 else pick(SUPPLIERS))
        rows.append(["Cyngor Sir Glanfor – Glanfor County Council", d.strftime("%d/%m/%Y"), sup,
                     fmt(a), pick(costc), pick(EXPENSE), f"GCC/{rng.randint(40000, 49999)}"])
    body = rows[1:]
    body.sort(key=lambda r: (r[1][6:], r[1][3:5], r[1][:2]))
    rows = [header] + body
    write_csv_bytes(fname, rows, encoding="utf-8", lineterminator="\n")
    add_key(fname, 2, 3, 1, amts,
            "UTF-8 without BOM, LF; payees with t/a, 'Ltd.', é ł ô ë ŵ, curly ’ and en dash –; one payee contains a comma (quoted); body name has en dash",
            "Welsh council, UTF-8 without BOM; payees with trading names (t/a), \"Ltd.\", accents, ł/ŵ, curly apostrophes and en dashes; amount header \"Value (£)\".")


# ---------------------------------------------------------------- 04
def f04():
    fname = "04_northshire_cc_expenditure_apr2024_month_end.xlsx"
    n = 44
    wb = Workbook()
    ws = wb.active
    ws.title = "April 2024"
    header = ["Directorate", "Service", "Supplier Name", "Invoice Date", "Payment Date",
              "Invoice Number", "Net Amount", "Subjective Description"]
    ws.append(header)
    amts = []
    dirs = ["Adults & Health", "Children & Families", "Place", "Resources", "Public Health"]
    for i in range(n):
        inv = date(2024, 3, 1) + timedelta(days=rng.randint(0, 55))
        a = money(500, 72000)
        if i == 17:
            a = -money(600, 2400)
        amts.append(a)
        ws.append([pick(dirs), pick(SERVICES), pick(SUPPLIERS), inv, date(2024, 4, 30),
                   f"INV-{rng.randint(1000, 99999)}", float(a), pick(EXPENSE)])
    for row in ws.iter_rows(min_row=2):
        row[3].number_format = "dd/mm/yyyy"
        row[4].number_format = "dd/mm/yyyy"
        row[6].number_format = "#,##0.00"
    for c in ws[1]:
        c.font = Font(bold=True)
    for col, w in zip("ABCDEFGH", [20, 26, 40, 13, 13, 14, 13, 30]):
        ws.column_dimensions[col].width = w
    wb.save(os.path.join(OUT, fname))
    add_key(fname, 2, 6, 4, amts,
            "xlsx; 'Payment Date' is 30/04/2024 on every line (month-end posting) while 'Invoice Date' varies (Mar-Apr 2024): date_col is Payment Date; one credit",
            "Every \"Payment Date\" is the same month-end date (30/04/2024) with a separate, varying \"Invoice Date\"; .xlsx with real date cells.")


# ---------------------------------------------------------------- 05
def f05():
    fname = "05_eastbrook_dc_transparency_apr24_tabs_mixed_dates.csv"
    n = 41
    dates = workdays(2024, 4, n)
    header = ["Payment Date", "Payee", "£", "Purpose", "Department", "Ref"]
    rows, amts = [header], []
    for i, d in enumerate(dates):
        a = money(500, 28000)
        amts.append(a)
        if rng.random() < 0.55:
            ds = d.strftime("%d %b %y")           # 01 Apr 24
        else:
            ds = f"{d.day}/{d.month}/{d.year}"    # 1/4/2024
        rows.append([ds, pick(SUPPLIERS), fmt(a), pick(EXPENSE), pick(SERVICES), str(rng.randint(700000, 799999))])
    # make sure both styles appear and a day>12 appears in the d/m/yyyy style
    rows[1][0] = dates[0].strftime("%d %b %y")
    for r, d in zip(rows[1:], dates):
        if d.day > 12 and "/" not in r[0]:
            r[0] = f"{d.day}/{d.month}/{d.year}"
            break
    write_csv_bytes(fname, rows, encoding="utf-8", delimiter="\t", lineterminator="\r\n", bom=True)
    add_key(fname, 1, 2, 0, amts,
            "UTF-8 BOM, TAB-delimited; Payment Date mixes '01 Apr 24' and '1/4/2024' (d/m/yyyy) in one column; amount column headed just '£'",
            "Tab-delimited; one \"Payment Date\" column mixing \"01 Apr 24\" and \"1/4/2024\"; amount column headed only \"£\".")


# ---------------------------------------------------------------- 06
def f06():
    fname = "06_western_vale_ca_spend_apr2024_source_footer.csv"
    n = 33
    dates = workdays(2024, 4, n)
    header = ["Date", "Supplier", "Payment (GBP) excl. VAT", "VAT (£)", "Total incl. VAT (£)",
              "Directorate", "Expense Description", "Document No."]
    rows, amts = [header], []
    dirs = ["Transport", "Skills & Employment", "Housing & Land", "Corporate Services", "Mayor's Office"]
    for i, d in enumerate(dates):
        net = money(500, 240000)
        rate = Decimal("0.20") if rng.random() < 0.7 else Decimal("0")
        vat = (net * rate).quantize(TWO, rounding=ROUND_HALF_UP)
        amts.append(net)
        rows.append([d.strftime("%d/%m/%Y"), pick(SUPPLIERS), fmt(net), fmt(vat), fmt(net + vat),
                     pick(dirs), pick(EXPENSE), f"51{rng.randint(100000, 999999)}"])
    rows.append(None)
    rows.append(["Source: Western Vale Combined Authority finance system, extracted 05/05/2024"])
    rows.append(["Published under the Open Government Licence v3.0"])
    write_csv_bytes(fname, rows, encoding="cp1252", lineterminator="\r\n")
    add_key(fname, 1, 2, 0, amts,
            "Windows-1252; net 'Payment (GBP) excl. VAT' + 'VAT (£)' + gross; amount_col = net; file ends with blank line, a quoted 'Source: ..., extracted 05/05/2024' line and an OGL line (not payments)",
            "Ends with a blank line, \"Source: … extracted 05/05/2024\" and \"Published under the Open Government Licence v3.0\"; net \"Payment (GBP) excl. VAT\" next to \"VAT (£)\" and gross.")


# ---------------------------------------------------------------- 07
def f07():
    fname = "07_southmoor_dc_spend_apr2024_excel_table_total.xlsx"
    n = 36
    dates = workdays(2024, 4, n)
    wb = Workbook()
    ws = wb.active
    ws.title = "Spend Apr 2024"
    header = ["Transaction ID", "Date", "Supplier", "Service", "Category", "Amount"]
    ws.append(header)
    amts = []
    for i, d in enumerate(dates):
        a = money(500, 52000)
        amts.append(a)
        ws.append([f"SDC-{24000 + i * 7 + rng.randint(0, 6)}", d, pick(SUPPLIERS), pick(SERVICES),
                   pick(EXPENSE), float(a)])
    total = sum(amts, Decimal("0.00"))
    ws.append(["Total", None, None, None, None, float(total)])
    last = n + 2
    for row in ws.iter_rows(min_row=2, max_row=last):
        row[1].number_format = "dd/mm/yyyy"
        row[5].number_format = "#,##0.00"
    tab = Table(displayName="SpendApr2024", ref=f"A1:F{last}", totalsRowCount=1)
    tab.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    tab._initialise_columns()
    for col, h in zip(tab.tableColumns, header):
        col.name = h  # table column names must match the header cells
    tab.tableColumns[0].totalsRowLabel = "Total"
    tab.autoFilter = AutoFilter(ref=f"A1:F{last - 1}")
    ws.add_table(tab)
    for col, w in zip("ABCDEF", [16, 12, 42, 26, 30, 14]):
        ws.column_dimensions[col].width = w
    wb.save(os.path.join(OUT, fname))
    add_key(fname, 2, 5, 1, amts,
            f"xlsx with a real Excel table (SpendApr2024, totalsRowCount=1); last table row is a totals row: 'Total' in col A and the plain-value sum {total:.2f} in Amount (no formula) - not a payment",
            "Real Excel table (ListObject) with a totals row holding plain values (\"Total\" and the sum), not formulas.")


# ---------------------------------------------------------------- 08
def f08():
    fname = "08_harbourside_cc_payments_apr2024_currency_fmt.xlsx"
    n = 42
    dates = workdays(2024, 4, n)
    wb = Workbook()
    ws = wb.active
    ws.title = "Payments"
    header = ["Supplier", "Date Paid", "Net Amount", "VAT Rate", "VAT", "Gross Amount",
              "Service", "Expense Type", "Document No"]
    ws.append(header)
    amts = []
    cur = '"£"#,##0.00;[Red]-"£"#,##0.00'
    neg_idx = {5, 19, 33}
    for i, d in enumerate(dates):
        net = money(500, 64000)
        if i in neg_idx:
            net = -money(500, 4800)
        rate = pick([Decimal("0.2"), Decimal("0.2"), Decimal("0.2"), Decimal("0"), Decimal("0.05")])
        vat = (net * rate).quantize(TWO, rounding=ROUND_HALF_UP)
        amts.append(net)
        ws.append([pick(SUPPLIERS), datetime(d.year, d.month, d.day, 0, 0), float(net), float(rate),
                   float(vat), float(net + vat), pick(SERVICES), pick(EXPENSE),
                   1900000000 + rng.randint(0, 99999)])
    for row in ws.iter_rows(min_row=2):
        row[1].number_format = "dd/mm/yyyy hh:mm"
        row[2].number_format = cur
        row[3].number_format = "0%"
        row[4].number_format = cur
        row[5].number_format = cur
        row[8].number_format = "0"
    for c in ws[1]:
        c.font = Font(bold=True)
    for col, w in zip("ABCDEFGHI", [42, 17, 14, 9, 12, 14, 26, 30, 14]):
        ws.column_dimensions[col].width = w
    wb.save(os.path.join(OUT, fname))
    add_key(fname, 0, 2, 1, amts,
            "xlsx; amounts are numbers with £ currency format (negatives red), three negative nets; Date Paid are datetimes at 00:00; VAT Rate 0.2/0.05/0 formatted 0%; net/VAT/gross -> amount_col = Net Amount",
            "Currency-formatted number cells with some negatives, datetime dates at 00:00, a VAT-rate column formatted as percentages, net/VAT/gross.")


# ---------------------------------------------------------------- 09
def f09():
    fname = "09_mid_lothmoor_council_sds_grants_apr2024_semicolon.csv"
    n = 58
    orgs = ["Lothmoor Carers Centre", "Moorside Community Trust", "Lothmoor Independent Living Fund",
            "Lothmoor Foodbank SCIO"]
    run_dates = [date(2024, 4, 4), date(2024, 4, 11), date(2024, 4, 18), date(2024, 4, 25)]
    header = ["Payment Date", "Recipient", "Type of Support", "Service", "Amount (£)", "Reference"]
    rows, amts = [header], []
    repeat_amts = [Decimal("312.00"), Decimal("520.00"), Decimal("520.00"), Decimal("1040.00"),
                   Decimal("156.00"), Decimal("748.80")]
    for i in range(n):
        d = run_dates[i * 4 // n]
        r = rng.random()
        if r < 0.45:
            payee, typ = "Individual", "Direct Payment - Self-directed Support Option 1"
            a = pick(repeat_amts)
        elif r < 0.65:
            payee, typ = "", "Direct Payment - Self-directed Support Option 1"
            a = pick(repeat_amts)
        elif r < 0.8:
            payee, typ = "Lothmoor Carers Centre", "Short Breaks Grant"
            a = Decimal("1250.00")
        else:
            payee, typ = pick(orgs), "Community Grant"
            a = pick([Decimal("2500.00"), Decimal("5000.00"), Decimal("750.00")])
        amts.append(a)
        rows.append([d.strftime("%d/%m/%Y"), payee, typ,
                     "Health & Social Care Partnership" if "Direct" in typ else "Communities",
                     fmt(a), f"SDS{rng.randint(10000, 99999)}"])
    write_csv_bytes(fname, rows, encoding="utf-8", delimiter=";", lineterminator="\n")
    add_key(fname, 1, 4, 0, amts,
            "UTF-8, SEMICOLON-delimited; Scottish SDS direct payments/grants; many Recipient values 'Individual' or blank (still payment lines); same payees and amounts repeat; weekly run dates",
            "Scottish self-directed-support / grants file: payees blank or \"Individual\", the same payee many times, repeated amounts; semicolon-delimited.")


# ---------------------------------------------------------------- 10
def f10():
    fname = "10_greystone_mbc_vendor_payments_apr2024.xlsx"
    n = 40
    dates = workdays(2024, 4, n)
    wb = Workbook()
    ws = wb.active
    ws.title = "Vendor Payments"
    header = ["Vendor", "Vendor Name", "Posting Date", "Document Number", "Amount", "Cost Centre",
              "Cost Centre Name", "GL Account", "GL Description"]
    ws.append(header)
    vendors = {}
    amts = []
    for i, d in enumerate(dates):
        name = pick(SUPPLIERS[:40])
        if name not in vendors:
            vendors[name] = 100000 + rng.randint(100, 99999)
        a = money(500, 41000)
        if i == 23:
            a = -money(500, 1500)
        amts.append(a)
        cc = rng.randint(10, 99) * 1000 + rng.randint(0, 999)
        ws.append([vendors[name], name, d, 5100000000 + rng.randint(0, 999999), float(a), cc,
                   pick(SERVICES), 400000 + rng.randint(100, 9999), pick(EXPENSE)])
    for row in ws.iter_rows(min_row=2):
        row[2].number_format = "dd.mm.yyyy"
        row[4].number_format = "#,##0.00"
    for c in ws[1]:
        c.font = Font(bold=True)
    for col, w in zip("ABCDEFGHI", [10, 42, 12, 15, 13, 11, 26, 11, 30]):
        ws.column_dimensions[col].width = w
    wb.save(os.path.join(OUT, fname))
    add_key(fname, 1, 4, 2, amts,
            "xlsx (SAP-style); 'Vendor' is a numeric vendor number, 'Vendor Name' is the payee; other numeric columns (Document Number, Cost Centre, GL Account); one negative",
            "SAP-style export with \"Vendor\" (numeric vendor number) and \"Vendor Name\" side by side, plus several numeric code columns.")


# ---------------------------------------------------------------- 11
def f11():
    fname = "11_nhs_riverside_icb_over25k_apr2024_hmt.csv"
    n = 31
    dates = workdays(2024, 4, n)
    header = ["Department Family", "Entity", "Date", "Expense Type", "Expense Area", "Supplier",
              "Transaction Number", "Amount", "Description", "Supplier Postcode", "Supplier Type",
              "Contract Number", "Project Code", "Expenditure Account Code"]
    nhs_sup = [("Riverside University Hospitals NHS Foundation Trust", "RV3 9AB", "NHS"),
               ("Northshire Community Health NHS Trust", "NS1 4QT", "NHS"),
               ("Riverside City Council", "RV1 1AA", "Local Authority"),
               ("Boots UK Ltd", "NG90 1BS", "Non Government"),
               ("Médecins Consulting Ltd", "EC2A 4NE", "Non Government"),
               ("Spire Healthcare Ltd", "W1G 9PF", "Non Government"),
               ("Ramsay Health Care UK Operations Ltd", "EC1V 9EE", "Non Government"),
               ("NHS Property Services Ltd", "SW1H 9BF", "NHS"),
               ("Community Health Partnerships Ltd", "M1 3HU", "NHS"),
               ("St Kenelm’s Hospice", "RV7 2LP", "Non Government"),
               ("Practice Plus Group Hospitals Ltd", "SL1 4PE", "Non Government"),
               ("Riverside GP Federation Ltd", "RV2 6DD", "Non Government"),
               ("NHS Shared Business Services Ltd", "LS15 8ZB", "NHS"),
               ("Optum Health Solutions (UK) Ltd", "W2 6LG", "Non Government")]
    etypes = [("Acute Care - Secondary", "Acute Commissioning", 52150010),
              ("Community Services", "Community Health Services", 52160030),
              ("Primary Care - GP Enhanced Services", "Primary Care Co-Commissioning", 52130020),
              ("Continuing Healthcare", "CHC Adult Fully Funded", 52170040),
              ("Premises Rent", "Estates", 52290010),
              ("Prescribing - Central Drugs", "Medicines Management", 52140050)]
    rows, amts = [header], []
    tx = 1842000
    for i, d in enumerate(dates):
        sup, pc, st = pick(nhs_sup)
        et, ea, code = pick(etypes)
        a = money(25000, 4200000)
        if i == 12:
            a = -money(25000, 60000)
        amts.append(a)
        tx += rng.randint(1, 60)
        rows.append(["Department of Health", "NHS Riverside Integrated Care Board", d.strftime("%d/%m/%Y"),
                     et, ea, sup, str(tx), fmt(a), f"{et} – April 2024 payment" if i % 3 else "",
                     pc, st, f"C{rng.randint(1000, 9999)}" if rng.random() < 0.4 else "",
                     "", str(code)])
    write_csv_bytes(fname, rows, encoding="cp1252", lineterminator="\r\n")
    add_key(fname, 5, 7, 2, amts,
            "Windows-1252 (é, ’, – present); HM Treasury 14-column format; Transaction Number and Expenditure Account Code are numeric distractors; one negative",
            "Wide NHS / HM Treasury 14-column layout (Department Family, Entity, Date, … Expenditure Account Code), Windows-1252.")


# ---------------------------------------------------------------- 12
def f12():
    fname = "12_westmarch_pcc_payments_apr2024_utf16_redacted.csv"
    n_base = 40
    dates = workdays(2024, 4, n_base, end=26)
    header = ["Payment Date", "Payee Name", "Payment Reference", "Description", "Cost Centre", "Amount (£)"]
    pol_sup = ["Motorola Solutions UK Ltd", "Airwave Solutions Ltd", "Ford Motor Company Ltd",
               "BMW (UK) Ltd", "Sepura Ltd", "Axon Public Safety UK Ltd", "Cellebrite UK Ltd",
               "Westmarch Victim Support", "Bristol Uniforms Ltd", "Remploy Ltd",
               "Forensic Analytical Sciences Ltd", "Eurofins Forensic Services Ltd",
               "G4S Secure Solutions (UK) Ltd", "Police Mutual Assurance Society"]
    cc = ["Response Policing", "Roads Policing", "Criminal Justice", "Estates", "Fleet", "ICT",
          "Custody", "OPCC Commissioning", "Professional Standards"]
    base = []
    for i, d in enumerate(dates):
        if rng.random() < 0.22:
            payee = "Redacted - Personal Data"
            desc = pick(["Compensation payment", "Witness expenses", "Legal settlement", "Relocation expenses"])
        else:
            payee = pick(pol_sup)
            desc = pick(["Vehicle maintenance", "Radio airtime", "Forensic analysis", "Uniform supply",
                         "Body worn video licences", "Victim services grant", "Custody healthcare"])
        a = money(500, 58000)
        base.append([d, payee, f"WPP{rng.randint(200000, 299999)}", desc, pick(cc), a])
    # ensure a few redacted lines exist
    for k in (3, 14, 27):
        base[k][1] = "Redacted - Personal Data"
        base[k][3] = "Compensation payment"
    # reversals of payments already in the file, dated later in the month
    rev = []
    for k in (6, 14, 21, 33):
        orig = base[k]
        rd = date(2024, 4, rng.randint(27, 30))
        while rd.weekday() >= 5:
            rd -= timedelta(days=1)
        rev.append([rd, orig[1], f"WPP{rng.randint(300000, 309999)}",
                    f"Reversal of payment {orig[2]} - duplicate", orig[4], -orig[5]])
    allrows = sorted(base + rev, key=lambda r: r[0])
    rows, amts = [header], []
    for r in allrows:
        amts.append(r[5])
        rows.append([r[0].strftime("%d/%m/%Y"), r[1], r[2], r[3], r[4], fmt(r[5])])
    write_csv_bytes(fname, rows, encoding="utf-16", delimiter="\t", lineterminator="\r\n")
    add_key(fname, 1, 5, 0, amts,
            "UTF-16LE with BOM, TAB-delimited (Excel 'Unicode Text'); payees 'Redacted - Personal Data' have real amounts and are payment lines; 4 reversal lines with negative amounts matching earlier payments (one of them a redacted payee)",
            "Police and crime commissioner, UTF-16 with BOM and tabs; \"Redacted - Personal Data\" payees with real amounts; negative reversal lines of payments in the same file.")


# ---------------------------------------------------------------- 13
def f13():
    fname = "13_canal_valley_jwa_spend_apr2024_all_quoted.csv"
    n = 29
    dates = workdays(2024, 4, n)
    header = ["Authority", "Payment Date", "Transaction ID", "Supplier", "Amount", "Service",
              "Category", "Purchase Order", "Comments"]
    sup = ["Viridor Waste Management Ltd", "FCC Recycling (UK) Ltd", "Suez Recycling & Recovery UK Ltd",
           "Biffa Waste Services Ltd", "Grundon Waste Management Ltd", "Renewi UK Services Ltd",
           "Dennis Eagle Ltd", "Shell UK Oil Products Ltd", "Environment Agency", "Jewson Ltd",
           "Canal Valley Borough Council"]
    rows, amts = [header], []
    for i, d in enumerate(dates):
        a = money(500, 310000)
        if i == 20:
            a = -money(800, 5000)
        amts.append(a)
        rows.append(["Canal Valley Joint Waste Authority", d.strftime("%d/%m/%Y"), str(880000 + i * 13),
                     pick(sup), fmt(a), pick(["Waste Disposal", "Recycling Centres", "Transfer Stations", "Corporate"]),
                     pick(["Gate Fees", "Haulage", "Landfill Tax", "Plant Hire", "Fuel", "Contract Payments"]),
                     f"PO{rng.randint(30000, 39999)}" if rng.random() < 0.6 else "",
                     "" if rng.random() < 0.8 else pick(["Part payment", "Credit note applied", "Retention release"])])
    write_csv_bytes(fname, rows, encoding="utf-8", lineterminator="\r\n", quoting=csv.QUOTE_ALL, bom=True)
    add_key(fname, 3, 4, 1, amts,
            "UTF-8 BOM; every cell quoted including numbers (\"1234.56\") and empty fields as \"\"; one negative",
            "Every field quoted, numbers too (\"1234.56\"), empty fields as \"\"; joint waste authority.")


# ---------------------------------------------------------------- 14
def f14():
    fname = "14_ashcombe_dc_payments_report_apr2024_paged.csv"
    n = 60
    dates = workdays(2024, 4, n)
    header = ["Supplier Name", "Payment Date", "Payment No", "Cost Centre", "Description", "Amount"]
    data, amts = [], []
    for i, d in enumerate(dates):
        a = money(500, 33000)
        amts.append(a)
        data.append([pick(SUPPLIERS), d.strftime("%d/%m/%Y"), str(66000 + i * 3 + rng.randint(0, 2)),
                     f"{pick('ABCDEFGH')}{rng.randint(100, 999)}", pick(EXPENSE), fmt_thousands(a)])
    per_page = 48  # header + 48 lines + footer = 50 lines per printed page
    pages = [data[i:i + per_page] for i in range(0, n, per_page)]
    rows = []
    for p, chunk in enumerate(pages, 1):
        rows.append(header)
        rows.extend(chunk)
        rows.append([f"Page {p} of {len(pages)}"])
    write_csv_bytes(fname, rows, encoding="utf-8", lineterminator="\r\n")
    add_key(fname, 0, 5, 1, amts,
            "UTF-8; printed-report export: header repeated at the top of each 50-line page (lines 1 and 51), footer lines 'Page 1 of 2' and 'Page 2 of 2' (not payments); amounts quoted with thousands separators",
            "Printed-report export: header row repeated every 50 lines and \"Page n of 2\" footer lines.")


# ---------------------------------------------------------------- 15
def f15():
    fname = "15_lowfield_council_suppliers_apr2024_merged_title.xlsx"
    n = 34
    dates = workdays(2024, 4, n)
    wb = Workbook()
    ws = wb.active
    ws.title = "Apr-24"
    title = ("Lowfield Council – Payments to suppliers of £500 and over, April 2024. "
             "Published under the Local Government Transparency Code 2015. "
             "Personal data has been removed.")
    ws["A1"] = title
    ws.merge_cells("A1:I1")
    ws["A1"].alignment = Alignment(wrap_text=True, vertical="top")
    ws["A1"].font = Font(bold=True, size=13)
    ws.row_dimensions[1].height = 48
    header = ["Payment Date", "Supplier", "Net Amount (£)", "VAT (£)", None,
              "Directorate", "Service", "Expense Type", "Transaction Ref"]
    for j, h in enumerate(header, 1):
        c = ws.cell(row=2, column=j, value=h)
        if h:
            c.font = Font(bold=True)
            c.fill = PatternFill("solid", fgColor="DDEBF7")
            c.alignment = Alignment(wrap_text=True)
    amts = []
    dirs = ["People", "Place", "Resources", "Chief Executive's"]
    for i, d in enumerate(dates):
        net = money(500, 47000)
        vat = (net * pick([Decimal("0.2"), Decimal("0.2"), Decimal("0")])).quantize(TWO, rounding=ROUND_HALF_UP)
        amts.append(net)
        r = 3 + i
        vals = [d, pick(SUPPLIERS), float(net), float(vat), None, pick(dirs), pick(SERVICES),
                pick(EXPENSE), f"LC{rng.randint(500000, 599999)}"]
        for j, v in enumerate(vals, 1):
            if v is not None:
                ws.cell(row=r, column=j, value=v)
        ws.cell(row=r, column=1).number_format = "dd/mm/yyyy"
        ws.cell(row=r, column=3).number_format = "#,##0.00"
        ws.cell(row=r, column=4).number_format = "#,##0.00"
    for col, w in zip("ABCDEFGHI", [13, 42, 15, 11, 3, 18, 26, 30, 15]):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = "A3"
    wb.save(os.path.join(OUT, fname))
    add_key(fname, 1, 2, 0, amts,
            "xlsx; row 1 = wrapped title merged A1:I1; row 2 = bold headers; data from row 3; column E is blank (header and data) separating two column groups, counted in positions; net + VAT -> amount_col = Net Amount",
            "Merged, wrapped title row above bold headers, data from row 3, set column widths and a blank spacer column between two groups of columns.")


# ---------------------------------------------------------------- 16
def f16():
    fname = "16_eastmoor_fra_spend_apr2024_amount_first_pipe.csv"
    n = 27
    dates = workdays(2024, 4, n)
    header = ["Amount", "Date", "Transaction Number", "Expense Type", "Service", "Supplier"]
    sup = ["Emergency One (UK) Ltd", "Angloco Ltd", "Bristol Uniforms Ltd", "MSA (Britain) Ltd",
           "Draeger Safety UK Ltd", "Godiva Ltd", "Airwave Solutions Ltd", "Eastmoor County Council",
           "Babcock Critical Services Ltd", "Ricoh UK Ltd", "Total Gas & Power Ltd",
           "Firefighters' Pension Scheme", "Scania (Great Britain) Ltd", "Holmatro UK Ltd"]
    rows, amts = [header], []
    for i, d in enumerate(dates):
        a = money(500, 185000)
        amts.append(a)
        rows.append([fmt(a), d.strftime("%d/%m/%Y"), str(20240000 + rng.randint(1000, 9999)),
                     pick(["Operational Equipment", "Protective Clothing", "Vehicle Purchase",
                           "Vehicle Repairs", "Communications", "Utilities", "Training"]),
                     pick(["Operational Response", "Fleet & Equipment", "Prevention", "Protection", "Corporate"]),
                     pick(sup)])
    write_csv_bytes(fname, rows, encoding="utf-8", delimiter="|", lineterminator="\n")
    add_key(fname, 5, 0, 1, amts,
            "UTF-8, PIPE-delimited; amount is the FIRST column and the payee (Supplier) the LAST column",
            "Fire and rescue authority file with the amount first and the supplier last; bar (|) delimited.")


def main():
    for f in (f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16):
        f()
    with open(os.path.join(OUT, "answers.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "payee_col", "amount_col", "date_col", "lines", "total", "notes"])
        w.writerows(KEY)
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as fh:
        fh.write("# blind-third: awkward but genuine UK public-body spend files\n\n")
        fh.write("All values invented. Generated by `tools/generate.py`; answer key in `answers.csv`"
                 " (0-based columns; amount_col = net where net/VAT/gross given; total = exact sum of"
                 " payment lines). `tools/verify.py` reopens every file and checks it against the key.\n\n")
        fh.write("\n".join(README) + "\n")


if __name__ == "__main__":
    main()
