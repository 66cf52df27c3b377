"""Generate the blind spend-file test set and its answer key.

Written independently of the product under test. All bodies, suppliers and
people are invented. Run: python tools/make_blind.py  (from /work/blind-layouts)
"""
import csv
import datetime as dt
import json
import os
import random

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
R = random.Random(20240917)

# ---------------------------------------------------------------- name pools
PLACES = ["Kelmford", "Ashbridge", "Harrowfield", "Northvale", "Westmere", "Calder",
          "Brackley", "Thornbury", "Elmsworth", "Redcliffe", "Sandholme", "Oakhurst",
          "Pendle Ridge", "Fernley", "Marston", "Whitlow", "Greystone", "Hollins",
          "Ravensworth", "Copperfield", "Stanbridge", "Linwood", "Ardmore", "Glenbrae",
          "Caerwen", "Tegid", "Moorside", "Castlegate", "Riverside", "Valley"]
ABSTRACT = ["Apex", "Keystone", "Meridian", "Beacon", "Summit", "Vanguard", "Halcyon",
            "Sterling", "Cedar", "Orchard", "Horizon", "Trident", "Kestrel", "Heron",
            "Lantern", "Bluebell", "Northstar", "Evergreen", "Ironbridge", "Millstone",
            "Quayside", "Foxglove", "Oakleaf", "Silverline", "Redwood", "Harbour"]
SURNAMES = ["Whitworth", "Patel", "Hughes", "Okafor", "Lloyd", "O'Neill", "Wilson",
            "Banks", "Begum", "McAllister", "Fraser", "Evans", "Pritchard", "Kowalski",
            "Ahmed", "Hartley", "Thornton", "Doherty", "Chadwick", "Sutcliffe",
            "Rees", "MacLeod", "Nowak", "Singh", "Atherton", "Brennan"]
TRADES = ["Facilities Management", "Highways Services", "Care Homes", "Fostering Services",
          "Grounds Maintenance", "Building Contractors", "Electrical Services",
          "Plumbing & Heating", "IT Solutions", "Consulting", "Catering Supplies",
          "Waste Management", "Coaches", "Taxis", "Security Services", "Cleaning Services",
          "Roofing", "Scaffolding", "Print & Design", "Office Supplies", "Fleet Services",
          "Environmental Services", "Recruitment", "Homecare", "Supported Living",
          "Training", "Energy", "Surveying", "Architects", "Engineering", "Medical Supplies",
          "Healthcare", "Play Equipment", "Signs", "Tree Surgeons", "Pest Control",
          "Locksmiths", "Furniture", "Interpreting", "Civil Engineering", "Asphalt",
          "Lift Services", "Fire Protection", "Software", "Data Services", "Removals"]
SUFFIXES = ["Ltd", "Limited", "Ltd", "Limited", "Ltd", "PLC", "LLP", "(UK) Ltd",
            "Group Ltd", "Ltd.", "& Co Ltd"]
NHS_TRADES = ["Medical Supplies", "Healthcare", "Diagnostics", "Pharmaceuticals", "Surgical",
              "Facilities Management", "IT Solutions", "Building Contractors", "Energy", "Laboratories",
              "Imaging", "Clinical Services", "Software", "Catering Supplies", "Consulting",
              "Patient Transport", "Medical Staffing", "Orthopaedics", "Cleaning Services"]
CHARITIES = ["Hillside Community Trust", "Kelmford Citizens Advice", "Northvale Mind",
             "Carers Together (Ashbridge)", "St Brendan's Hospice", "The Harbour Project",
             "Westmere Women's Aid", "Age Well Calder", "Pendle Ridge Foodbank CIO",
             "Young Minds Matter Trust", "Sandholme Credit Union Ltd", "Moorside Youth Trust",
             "Greystone Wildlife Trust", "Marston Volunteer Centre", "Fernley Rape Crisis",
             "Copperfield Refugee Welcome", "Riverside Community Transport CIC",
             "Elmsworth Arts Trust", "The Linwood Sports Foundation"]
HOUSING = ["Calder Valley Housing Association Ltd", "Riverside Vale Homes",
           "Greystone Housing Group", "Oakhurst Homes Trust", "Thornbury Housing Partnership",
           "Moorside Homes Ltd", "Castlegate Community Housing"]
COUNCILS = ["Westshire County Council", "Borough of Kelmford", "Ashbridge Town Council",
            "Harrowfield Metropolitan Borough Council", "Northvale District Council",
            "Pendle Ridge Parish Council", "Calder Valley Combined Authority",
            "Redcliffe Fire and Rescue Authority", "Anyshire County Council",
            "Linwood City Council", "Stanbridge Town Council"]
PUBLIC = ["HM Revenue & Customs", "Anyshire Pension Fund", "Northvale Hospitals NHS Foundation Trust",
          "Westmere Magistrates Court", "Environment Agency", "Teachers Pensions",
          "Valuation Office Agency"]
SOLE = ["D Patel t/a Patel Plumbing", "Mark Hughes Electrical", "Gareth Lloyd Joinery",
        "A. O'Neill Landscapes", "K & L Wilson Decorators", "Trevor Banks Haulage",
        "Coleman, Price & Lowe", "Smith, Jones & Partners LLP", "J Whitworth & Sons",
        "S Begum Childminding", "R Okafor Interpreting", "Fraser's Minibus Hire",
        "P. Kowalski Building & Maintenance", "Helen Rees Consultancy", "Big Sky Events"]


def company_name(trades=None):
    k = R.random()
    if k < 0.4:
        first = R.choice(PLACES)
    elif k < 0.75:
        first = R.choice(ABSTRACT)
    else:
        first = R.choice(SURNAMES)
    trade = R.choice(trades or TRADES)
    suf = R.choice(SUFFIXES)
    if suf == "& Co Ltd" and first not in SURNAMES:
        suf = "Ltd"
    name = f"{first} {trade} {suf}"
    if R.random() < 0.1:
        name = name.upper()
    return name


def build_pool(n, redaction, mix=None, exclude=(), trades=None):
    """Return list of payee dicts. mix weights for categories. exclude: words that must not
    appear in a payee name (the publishing body's own name)."""
    mix = mix or {"company": 0.62, "charity": 0.08, "housing": 0.04, "council": 0.05,
                  "public": 0.03, "sole": 0.08, "individual": 0.10}
    cats = list(mix)
    w = [mix[c] for c in cats]
    pool, seen = [], set()
    while len(pool) < n:
        c = R.choices(cats, w)[0]
        if c == "company":
            name = company_name(trades)
        elif c == "charity":
            name = R.choice(CHARITIES)
        elif c == "housing":
            name = R.choice(HOUSING)
        elif c == "council":
            name = R.choice(COUNCILS)
        elif c == "public":
            name = R.choice(PUBLIC)
        elif c == "sole":
            name = R.choice(SOLE)
        else:
            name = redaction
        if c != "individual" and (name in seen or any(x.lower() in name.lower() for x in exclude)):
            continue
        seen.add(name)
        pool.append({"name": name, "cat": c,
                     "id": "" if c == "individual" else str(R.randint(100000, 399999)),
                     "vatreg": vat_reg() if c in ("company", "sole") and R.random() < 0.8 else "",
                     "cono": f"{R.randint(1, 13999999):08d}" if c in ("company", "housing") else "",
                     "postcode": "" if c == "individual" else postcode()})
    return pool


def vat_reg():
    return f"GB{R.randint(100000000, 999999999)}"


def postcode():
    a = R.choice(["KF", "AB", "HW", "NV", "WM", "CV", "LS", "M", "B", "NE", "S", "CF", "SA",
                  "LL", "G", "EH", "BD", "HX", "WF", "DN"])
    return f"{a}{R.randint(1, 29)} {R.randint(1, 9)}{R.choice('ABDEFGHJLNPQRSTUWXYZ')}{R.choice('ABDEFGHJLNPQRSTUWXYZ')}"


# ---------------------------------------------------------------- domain pools
KIND = {
    "council": {
        "dirs": {
            "Adults and Health": ["Residential Care", "Home Care", "Supported Living",
                                  "Direct Payments", "Day Care Services", "Public Health"],
            "Children's Services": ["Foster Care", "Children's Residential", "Home to School Transport",
                                    "SEN Support", "Early Years", "Youth Services"],
            "Place": ["Highways Maintenance", "Waste Collection", "Parks and Open Spaces",
                      "Street Lighting", "Planning", "Car Parks"],
            "Resources": ["ICT", "Finance", "Legal Services", "Human Resources", "Property Services",
                          "Revenues and Benefits"],
            "Housing": ["Temporary Accommodation", "Housing Repairs", "Homelessness", "Disabled Facilities Grants"],
            "Chief Executive's Office": ["Communications", "Elections", "Democratic Services"],
        },
        "types": ["Agency Staff", "Building Repairs & Maintenance", "Electricity", "Gas",
                  "Water Charges", "Computer Software", "Computer Hardware", "Consultants Fees",
                  "Legal Fees", "Printing & Stationery", "Vehicle Repairs", "Fuel", "Highway Works",
                  "Waste Disposal", "Catering Provisions", "Furniture & Equipment", "Training",
                  "Rents", "Subscriptions", "Telephones", "Security", "Cleaning Contract",
                  "Capital Works", "Contract Payments", "Private Contractors", "Hired Services",
                  "Grounds Maintenance", "Postage", "Advertising"],
    },
    "police": {
        "dirs": {
            "Operational Support": ["Firearms", "Dog Unit", "Roads Policing", "Custody"],
            "Estates": ["Building Maintenance", "Utilities", "Facilities"],
            "ICT": ["Infrastructure", "Applications", "Airwave"],
            "Fleet": ["Vehicle Maintenance", "Vehicle Purchase", "Fuel"],
            "Crime and Justice": ["Forensics", "Major Crime", "Public Protection"],
            "Office of the PCC": ["Commissioning", "Victim Services"],
        },
        "types": ["Forensic Services", "Vehicle Parts", "Vehicle Purchase", "Fuel", "Uniform & Clothing",
                  "Police Doctors & Surgeons", "Interpreters", "Computer Software", "Computer Hardware",
                  "Building Repairs", "Electricity", "Gas", "Rates", "Legal Costs", "Training",
                  "Catering", "Radio Equipment", "Operational Equipment", "Kennelling", "Grants",
                  "Consultancy", "Telephones", "Cleaning", "Removal & Storage of Vehicles"],
    },
    "nhs": {
        "dirs": {
            "Estates & Facilities": ["Estates Maintenance", "Catering", "Portering", "Energy"],
            "Pharmacy": ["Drugs - Acute", "Homecare Drugs"],
            "Clinical Support": ["Pathology", "Radiology", "Theatres"],
            "IM&T": ["Digital Services", "Clinical Systems"],
            "Surgery Division": ["Orthopaedics", "General Surgery", "Ophthalmology"],
            "Corporate": ["Finance", "Workforce", "Capital Projects"],
        },
        "types": ["Drugs", "Clinical Supplies & Services", "Medical & Surgical Equipment",
                  "Agency Nursing", "Agency Medical", "Premises Costs", "Computer Software",
                  "Computer Hardware", "Capital - Building Works", "Capital - Equipment",
                  "Purchase of Healthcare from NHS Bodies", "Purchase of Healthcare from Non-NHS Bodies",
                  "Energy", "Rates", "Laboratory Consumables", "Patient Transport", "Consultancy",
                  "Maintenance Contracts", "Catering Supplies"],
    },
    "fire": {
        "dirs": {
            "Service Delivery": ["Response", "Control Room", "Retained Duty System"],
            "Prevention & Protection": ["Community Safety", "Fire Safety"],
            "Fleet & Equipment": ["Fleet Workshop", "Operational Equipment"],
            "Corporate Services": ["ICT", "Estates", "Finance", "People Services", "Training Centre"],
        },
        "types": ["Vehicle Parts", "Fuel", "Firefighting Equipment", "PPE", "Breathing Apparatus",
                  "Building Maintenance", "Electricity", "Gas", "Water", "Rates", "Computer Software",
                  "Training Courses", "Smoke Alarms", "Insurance", "Legal Fees", "Catering",
                  "Cleaning", "Telephones", "Capital - Vehicles", "Pensions Administration"],
    },
    "ca": {
        "dirs": {
            "Transport": ["Bus Services", "Concessionary Fares", "Rail", "Active Travel"],
            "Skills & Employment": ["Adult Education Budget", "Apprenticeships", "Careers Hub"],
            "Housing & Land": ["Brownfield Fund", "Housing Delivery"],
            "Economy": ["Business Growth", "Innovation", "Inward Investment"],
            "Corporate": ["Finance", "ICT", "Mayor's Office", "Legal & Governance"],
        },
        "types": ["Grant Payments", "Bus Service Contracts", "Concessionary Fare Reimbursement",
                  "Capital Grants", "Consultancy", "Legal Fees", "Training Provision", "Software Licences",
                  "Premises Rent", "Marketing", "Events", "Professional Services", "Audit Fees",
                  "Agency Staff", "Infrastructure Works", "Feasibility Studies"],
    },
}
INDIV_TYPES = ["Direct Payments", "Foster Carer Allowances", "Compensation", "Refunds",
               "Special Guardianship Allowance", "Discretionary Grant", "Personal Budget",
               "Expenses", "Adoption Allowances"]
PURPOSES = ["Monthly invoice", "Contract payment", "Annual licence renewal", "Works order",
            "Quarterly charge", "Framework call-off", "Spot placement", "Grant instalment",
            "Repairs to premises", "Supply of materials", "Professional advice", "Hire charges",
            "Consumables", "Service charge", "Placement fees", "Maintenance visit",
            "Retention release", "Stage payment"]


BANK_HOLIDAYS = {dt.date(2024, 4, 1), dt.date(2024, 5, 6), dt.date(2024, 5, 27), dt.date(2024, 8, 26),
                 dt.date(2024, 8, 5), dt.date(2024, 12, 25), dt.date(2024, 12, 26), dt.date(2025, 1, 1),
                 dt.date(2025, 1, 2)}


def workdays(start, end, days=(0, 1, 2, 3, 4)):
    d, out = start, []
    while d <= end:
        if d.weekday() in days and (d not in BANK_HOLIDAYS or 5 in days):
            out.append(d)
        d += dt.timedelta(1)
    return out


def amount(lo=500.0, mu=7.6, sigma=1.15, cap=450000.0):
    while True:
        v = R.lognormvariate(mu, sigma)
        if lo <= v <= cap:
            break
    r = R.random()
    if r < 0.10:
        v = round(v, -1)
    elif r < 0.18:
        v = float(round(v))
    return round(v, 2)


def records(n, kind, pool, start, end, lo=500.0, mu=7.6, sigma=1.15, cap=450000.0,
            n_credit=2, pay_days=(0, 1, 2, 3, 4), sort="date"):
    K = KIND[kind]
    days = workdays(start, end, pay_days)
    tn = R.randint(100000, 900000)
    out = []
    weights = [1 if p["cat"] == "individual" else R.choice([1, 1, 2, 3]) for p in pool]
    credit_idx = set(R.sample(range(n), n_credit))
    for i in range(n):
        p = R.choices(pool, weights)[0]
        d = R.choice(list(K["dirs"]))
        svc = R.choice(K["dirs"][d])
        if p["cat"] == "individual" and kind == "council":
            et = R.choice(INDIV_TYPES)
        elif p["cat"] in ("charity",):
            et = R.choice(["Grants to Voluntary Organisations", "Commissioned Services",
                           "Grant Payments"] if kind != "nhs" else ["Purchase of Healthcare from Non-NHS Bodies"])
        elif p["cat"] in ("council", "public"):
            et = R.choice(["Contributions to Other Local Authorities", "Recharges",
                           "Payments to Other Public Bodies", "Pension Contributions"])
        else:
            et = R.choice(K["types"])
        net = amount(lo, mu, sigma, cap)
        if p["cat"] == "individual":
            net = round(min(net, R.uniform(500, 4000)), 2)
        if i in credit_idx:
            net = -round(R.uniform(max(lo * 0.5, 60), 6000), 2)
            if R.random() < 0.5:
                net = float(round(net))
        vatable = p["cat"] in ("company", "sole") and et not in ("Residential Care", "Home Care") \
            and R.random() < 0.85
        vat = round(net * 0.2, 2) if vatable else 0.0
        pay = R.choice(days)
        inv = pay - dt.timedelta(days=R.randint(4, 45))
        out.append({
            "payee": p["name"], "cat": p["cat"], "sid": p["id"], "vatreg": p["vatreg"],
            "cono": p["cono"], "postcode": p["postcode"],
            "dir": d, "svc": svc, "etype": et,
            "ecode": str(R.randint(1000, 9999)),
            "cc": str(R.randint(10000, 69999)),
            "acct": str(R.randint(4000, 5999)),
            "inv_no": R.choice([f"INV{R.randint(1000, 99999)}", f"{R.randint(10000, 9999999)}",
                                f"SI-{R.randint(100, 9999):04d}", f"{R.choice('ABCDEFHK')}{R.randint(1000, 99999)}"]),
            "net": net, "vat": vat, "gross": round(net + vat, 2),
            "pay": pay, "inv": inv,
            "purpose": "Credit note" if net < 0 else R.choice(PURPOSES),
            "caprev": "Capital" if "Capital" in et or R.random() < 0.08 else "Revenue",
            "irrvat": round(net * 0.2, 2) if (not vatable and p["cat"] == "company" and R.random() < 0.15) else 0.0,
        })
    if sort == "date":
        out.sort(key=lambda r: r["pay"])
    elif sort == "payee":
        out.sort(key=lambda r: r["payee"].lower())
    elif sort == "dir":
        out.sort(key=lambda r: (r["dir"], r["pay"]))
    for r in out:
        tn += R.randint(1, 40)
        r["tn"] = str(tn)
    return out


# ---------------------------------------------------------------- formatters
def d_dmy(d): return d.strftime("%d/%m/%Y")
def d_dmy2(d): return d.strftime("%d/%m/%y")
def d_dmon2(d): return f"{d.day}-{d.strftime('%b')}-{d.strftime('%y')}"
def d_iso(d): return d.isoformat()
def d_dot(d): return d.strftime("%d.%m.%Y")
def d_long(d): return f"{d.day} {d.strftime('%B')} {d.year}"
def d_dmon4(d): return d.strftime("%d-%b-%Y")
def d_nopad(d): return f"{d.day}/{d.month}/{d.year}"
def d_time(d): return d.strftime("%d/%m/%Y") + " 00:00:00"
def d_oracle(d): return d.strftime("%d-%b-%y").upper()


def a_plain(v): return f"{v:.2f}"
def a_comma(v): return f"{v:,.2f}"
def a_pound(v): return ("-£" if v < 0 else "£") + f"{abs(v):,.2f}"
def a_pound_plain(v): return ("-£" if v < 0 else "£") + f"{abs(v):.2f}"
def a_paren(v): return f"({abs(v):,.2f})" if v < 0 else f"{v:,.2f}"
def a_trail(v): return f"{abs(v):,.2f}-" if v < 0 else f"{v:,.2f}"
def a_whole(v): return f"{round(v):,}"


MANIFEST = []


def register(file, data_start, n, payee, amt, date, notes, readme, header_row=None, sheet=None):
    MANIFEST.append({"file": file, "data_start": data_start, "n": n, "payee": payee,
                     "amount": amt, "date": date, "notes": notes, "readme": readme,
                     "header_row": header_row})


def write_csv(name, rows, encoding="utf-8", newline="\r\n"):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f, lineterminator=newline)
        for r in rows:
            w.writerow(r)


def pad(cells, width):
    return list(cells) + [""] * (width - len(cells))


def credits_note(recs):
    return sum(1 for r in recs if r["net"] < 0)


BOLD = Font(bold=True)

# ============================================================================ CSV FILES


def c01():
    """LGTC 2015 standard machine-readable layout, no title rows."""
    pool = build_pool(30, "REDACTED", exclude=("Anyshire",))
    recs = records(46, "council", pool, dt.date(2024, 4, 1), dt.date(2024, 4, 30), n_credit=2)
    hdr = ["Body Name", "Body", "Date", "Transaction Number", "Invoice Number", "Amount",
           "Supplier Name", "Supplier ID", "VAT Registration Number", "Expense Area",
           "Expense Type", "Expense Code", "Extended Description"]
    rows = [hdr]
    for r in recs:
        rows.append(["Anyshire County Council", "http://opendatacommunities.org/id/county-council/anyshire",
                     d_dmy(r["pay"]), r["tn"], r["inv_no"], a_plain(r["net"]), r["payee"],
                     r["sid"], r["vatreg"], r["svc"], r["etype"], r["ecode"], r["purpose"]])
    write_csv("anyshire_cc_spend_2024_04.csv", rows, "utf-8", "\r\n")
    register("anyshire_cc_spend_2024_04.csv", 1, len(recs), 6, 5, 2,
             "LGTC standard header; payee after amount; Amount is the only money column",
             "County council, LGTC 2015 machine-readable column set (Body Name, Body URI, Date, Transaction Number, Invoice Number, Amount, Supplier Name...), UTF-8, no title rows, dd/mm/yyyy, minus-sign credits.",
             header_row=0)


def c02():
    """Windows-1252, title rows, Vendor Name, Value £ with £ signs, 1-Apr-24, Total line."""
    pool = build_pool(28, "Redacted - personal data", exclude=("Kelmford",))
    recs = records(39, "council", pool, dt.date(2024, 4, 1), dt.date(2024, 4, 30), n_credit=2,
                   pay_days=(1, 3), sort="payee")
    hdr = ["Department", "Service Area", "Vendor Name", "Vendor No", "Payment Date",
           "Value £", "Description", "Payment Ref"]
    W = len(hdr)
    rows = [pad(["Kelmford Borough Council"], W),
            pad(["Payments over £500, April 2024"], W),
            pad([], W),
            hdr]
    for r in recs:
        rows.append([r["dir"], r["svc"], r["payee"], r["sid"], d_dmon2(r["pay"]),
                     a_pound(r["net"]), r["etype"], "BACS" + r["tn"]])
    total = sum(r["net"] for r in recs)
    rows.append(pad([], W))
    rows.append(["Total", "", "", "", "", a_pound(total), "", ""])
    write_csv("kelmford_bc_payments_over_500_apr24.csv", rows, "cp1252", "\r\n")
    register("kelmford_bc_payments_over_500_apr24.csv", 4, len(recs), 2, 5, 4,
             "cp1252 £ signs in amounts; 3 title/blank rows; blank row then Total row at end",
             "Borough council, Windows-1252 file: two title rows + blank row padded with commas, 'Vendor Name' / 'Value £' / 'Payment Date' as 1-Apr-24, amounts '£1,234.56' and '-£234.00', sorted by vendor, 'Total' line at foot.",
             header_row=3)


def c03():
    """UTF-8 BOM, Creditor, net/VAT/gross, invoice date + payment date, ISO dates."""
    pool = build_pool(32, "Personal Information", exclude=("Northvale District",))
    recs = records(58, "council", pool, dt.date(2024, 5, 1), dt.date(2024, 5, 31), n_credit=3)
    hdr = ["Creditor", "Creditor Ref", "Directorate", "Cost Centre", "Expense Type",
           "Invoice Number", "Invoice Date", "Payment Date", "Net Amount", "VAT", "Gross Amount"]
    rows = [hdr]
    for r in recs:
        rows.append([r["payee"], r["sid"], r["dir"], r["cc"], r["etype"], r["inv_no"],
                     d_iso(r["inv"]), d_iso(r["pay"]), a_plain(r["net"]), a_plain(r["vat"]),
                     a_plain(r["gross"])])
    write_csv("northvale_dc_supplier_payments_may2024.csv", rows, "utf-8-sig", "\n")
    register("northvale_dc_supplier_payments_may2024.csv", 1, len(recs), 0, 8, 7,
             "net/VAT/gross -> Net Amount; Invoice Date and Payment Date -> Payment Date",
             "District council, UTF-8 with BOM, LF line ends, 'Creditor' first column, both Invoice Date and Payment Date (ISO yyyy-mm-dd), Net Amount / VAT / Gross Amount columns.",
             header_row=0)


MERCHANTS = [("OFFICEPOINT DIRECT", "Stationery Stores"), ("RAILFARES ONLINE", "Railroads"),
             ("KELMFORD TAXIS", "Taxicabs/Limousines"), ("TRAVELSTOP HOTELS 4471", "Hotels/Motels"),
             ("WWW.TOOLDEPOT.CO.UK", "Hardware Stores"), ("SANDHOLME SERVICE STN", "Service Stations"),
             ("MARKETPLACE*2K4LP07", "Miscellaneous General Merchandise"),
             ("POST OFFICE COUNTERS", "Postal Services - Government Only"),
             ("CAFE ROSSI", "Eating Places, Restaurants"), ("CITYPARK SANDHOLME", "Parking Lots, Garages"),
             ("ZOOMCAST VIDEO", "Computer Software Stores"), ("THE BOOK NOOK", "Book Stores"),
             ("FRESHWAYS SUPERMARKET", "Grocery Stores, Supermarkets"),
             ("EVENTBRIDGE TICKETS", "Business Services - Not Elsewhere Classified"),
             ("PRINTFAST LTD", "Quick Copy, Reproduction Services"),
             ("GREENWAY GARDEN CENTRE", "Nurseries, Lawn and Garden Supply"),
             ("SAFEGUARD PPE ONLINE", "Industrial Supplies"), ("DVLA VEHICLE TAX", "Government Services"),
             ("LEISUREWORLD POOLS", "Recreation Services"), ("COACHLINK UK", "Bus Lines"),
             ("SKYWAYS AIRLINES", "Airlines"), ("MACLEOD HARDWARE", "Hardware Stores"),
             ("SPARKS ELECTRICAL WHOLESALE", "Electrical Parts and Equipment"),
             ("CLOUDHOST SERVICES", "Computer Network/Information Services"),
             ("THE COPPER KETTLE", "Eating Places, Restaurants")]


def c04():
    """Purchase card csv, cp1252, all values, refunds negative."""
    n = 64
    days = workdays(dt.date(2024, 6, 1), dt.date(2024, 6, 30), (0, 1, 2, 3, 4, 5))
    dirs = ["Adults and Health", "Children's Services", "Place", "Resources", "Libraries & Culture"]
    rows_d = []
    refunds = set(R.sample(range(n), 3))
    for i in range(n):
        m, cat = R.choice(MERCHANTS)
        v = round(R.lognormvariate(3.8, 1.0), 2)
        v = min(v, 1450.0)
        if i in refunds:
            v = -v
        rows_d.append((R.choice(days), R.choice(dirs), m, cat, v))
    rows_d.sort(key=lambda x: x[0])
    hdr = ["Card Holder Directorate", "Transaction Date", "Merchant Name", "Merchant Category", "Amount"]
    rows = [["Sandholme County Council - Purchase Card Transactions - June 2024 (all values £, excluding VAT where recoverable)"],
            [],
            hdr]
    for d, di, m, cat, v in rows_d:
        rows.append([di, d_dmy(d), m, cat, a_plain(v)])
    write_csv("sandholme_cc_purchase_cards_june_2024.csv", rows, "cp1252", "\r\n")
    register("sandholme_cc_purchase_cards_june_2024.csv", 3, n, 2, 4, 1,
             "purchase card file; payee is the merchant; refunds negative; title row has £ in cp1252",
             "County council purchase-card (GPC) transactions, Windows-1252, one title row + empty row, Card Holder Directorate / Transaction Date / Merchant Name / Merchant Category / Amount, small values with refunds as negatives.",
             header_row=2)


def c05():
    """No header at all."""
    pool = build_pool(26, "REDACTED PERSONAL DATA", exclude=("Marston Volunteer",))
    recs = records(41, "council", pool, dt.date(2024, 4, 1), dt.date(2024, 4, 30), n_credit=2)
    rows = []
    for r in recs:
        rows.append([r["svc"], r["etype"], r["payee"], d_dmy2(r["pay"]), a_plain(r["net"]),
                     "MDC/" + r["tn"], r["caprev"]])
    write_csv("marston_dc_500_apr24_export.csv", rows, "utf-8", "\n")
    register("marston_dc_500_apr24_export.csv", 0, len(recs), 2, 4, 3,
             "no header row: cols are service, expense type, supplier, dd/mm/yy date, amount, ref MDC/nnn, Capital/Revenue",
             "District council raw system export with no header row at all: service, expense type, supplier, date dd/mm/yy, amount, reference 'MDC/123456', Revenue/Capital.",
             header_row=None)


def c06():
    """Monthly totals per supplier, Period month only, no per-row date."""
    pool = build_pool(40, "Redacted", {"company": 0.7, "charity": 0.1, "housing": 0.05,
                                        "council": 0.05, "sole": 0.05, "individual": 0.05}, exclude=("Whitlow",))
    K = KIND["council"]
    rows_d = []
    seen = set()
    for mname in ["April 2024", "May 2024", "June 2024"]:
        for _ in range(R.randint(14, 20)):
            p = R.choice(pool)
            d = R.choice(list(K["dirs"]))
            key = (mname, p["name"], d)
            if key in seen and p["cat"] != "individual":
                continue
            seen.add(key)
            v = amount(500, 8.0, 1.2)
            ntx = R.randint(1, 14)
            rows_d.append([mname, d, p["name"], R.choice(K["types"]), str(ntx), a_comma(v)])
    rows_d[R.randrange(len(rows_d))][5] = a_comma(-round(R.uniform(600, 3000), 2))
    hdr = ["Period", "Directorate", "Supplier Name", "Main Expense Type", "No. of Transactions", "Total Spend (£)"]
    rows = [["Whitlow Borough Council"],
            ["Quarterly summary of spend over £500 by supplier, April - June 2024"],
            ["Values are totals per supplier per month; individual payments are not listed."],
            [],
            hdr] + rows_d
    write_csv("whitlow_bc_supplier_totals_q1_2024-25.csv", rows, "utf-8", "\r\n")
    register("whitlow_bc_supplier_totals_q1_2024-25.csv", 5, len(rows_d), 2, 5, "",
             "no per-payment date: only a Period month column ('April 2024'); date_col deliberately empty. No. of Transactions is a count, not money",
             "Borough council quarterly summary: monthly totals per supplier with only a 'Period' month column (no payment date), a numeric 'No. of Transactions' column next to 'Total Spend (£)', 3 title/note rows + blank.",
             header_row=4)


def c07():
    """Scottish council: Payee, Date Paid 01.04.2024, trailing-minus credits, footer."""
    pool = build_pool(30, "Personal data withheld", exclude=("Glenbrae",))
    recs = records(52, "council", pool, dt.date(2024, 7, 1), dt.date(2024, 7, 31), n_credit=3)
    hdr = ["Service", "Account Description", "Payee", "Date Paid", "Payment Amount", "Payment Reference"]
    rows = [["Glenbrae Council"], ["Payments to suppliers over £500 - July 2024"], hdr]
    for r in recs:
        rows.append([r["svc"], r["etype"], r["payee"], d_dot(r["pay"]), a_trail(r["net"]), "PY" + r["tn"]])
    rows.append(["*** End of Report ***"])
    write_csv("glenbrae_council_payments_jul2024.csv", rows, "utf-8", "\n")
    register("glenbrae_council_payments_jul2024.csv", 3, len(recs), 2, 4, 3,
             "credits written with trailing minus '234.00-'; dd.mm.yyyy dates; '*** End of Report ***' footer",
             "Scottish council, 'Payee' / 'Date Paid' (01.04.2024 style) / 'Payment Amount' with SAP-style trailing-minus credits '1,234.00-', two title rows, end-of-report footer.",
             header_row=2)


def c08():
    """Fire authority: Paid to, Spend (£), '1 April 2024', (234.00) credits, cp1252."""
    pool = build_pool(25, "Name withheld - Data Protection",
                      {"company": 0.75, "council": 0.05, "public": 0.05, "sole": 0.1, "individual": 0.05}, exclude=("Redcliffe Fire",))
    recs = records(33, "fire", pool, dt.date(2024, 4, 1), dt.date(2024, 6, 30), n_credit=2)
    hdr = ["Date", "Paid to", "Spend (£)", "Department", "Category", "Reference"]
    rows = [hdr]
    for r in recs:
        rows.append([d_long(r["pay"]), r["payee"], a_paren(r["net"]), r["dir"], r["etype"], r["tn"]])
    write_csv("redcliffe_fra_spend_q1_2024.csv", rows, "cp1252", "\r\n")
    register("redcliffe_fra_spend_q1_2024.csv", 1, len(recs), 1, 2, 0,
             "credits in brackets '(234.00)'; dates spelled '1 April 2024'; cp1252 £ in header",
             "Fire and rescue authority quarterly file, Windows-1252, 'Date' written '1 April 2024', 'Paid to', 'Spend (£)' with bracketed credits '(1,234.00)'.",
             header_row=0)


def c09():
    """Leading unnamed empty column + trailing empty header columns."""
    pool = build_pool(30, "Redacted", exclude=("Harrowfield Metropolitan",))
    recs = records(49, "council", pool, dt.date(2024, 8, 1), dt.date(2024, 8, 31), n_credit=2, sort="dir")
    hdr = ["", "Directorate", "Service", "Supplier Name", "Payment Date", "Amount", "Expense Type",
           "Transaction ID", "", "", ""]
    rows = [hdr]
    for r in recs:
        rows.append(["", r["dir"], r["svc"], r["payee"], d_dmy(r["pay"]), a_comma(r["net"]),
                     r["etype"], r["tn"]])
    write_csv("harrowfield_mbc_expenditure_aug_2024.csv", rows, "utf-8", "\r\n")
    register("harrowfield_mbc_expenditure_aug_2024.csv", 1, len(recs), 3, 5, 4,
             "blank first column in header and every row (counts as 0); header has 3 trailing empty cells",
             "Metropolitan borough council export with an unnamed empty first column on every row and three trailing empty header cells; amounts '1,234.56' quoted; sorted by directorate.",
             header_row=0)


def c10():
    """Quoted names with commas, whole-pound amounts '1,234', ISO dates."""
    pool = build_pool(30, "PRIVATE INDIVIDUAL")
    # force a couple of comma names in
    pool[0] = {"name": "Coleman, Price & Lowe", "cat": "sole", "id": "2201", "vatreg": "", "cono": "", "postcode": postcode()}
    pool[1] = {"name": "Smith, Jones & Partners LLP", "cat": "company", "id": "2202", "vatreg": vat_reg(),
               "cono": "OC301122", "postcode": postcode()}
    recs = records(37, "council", pool, dt.date(2024, 9, 1), dt.date(2024, 9, 30), n_credit=2)
    hdr = ["Transaction Ref", "Date", "Supplier", "Amount (£)", "Department", "Expenditure Category", "Company Reg No"]
    rows = [hdr]
    for r in recs:
        rows.append([r["tn"], d_iso(r["pay"]), r["payee"], a_whole(r["net"]), r["dir"], r["etype"], r["cono"]])
    write_csv("lb_hollins_spend_over_500_2024-09.csv", rows, "utf-8", "\r\n")
    register("lb_hollins_spend_over_500_2024-09.csv", 1, len(recs), 2, 3, 1,
             "whole pounds with thousands separators ('12,345', '-1,200'); some supplier names contain commas (quoted)",
             "London borough, amounts in whole pounds with thousands commas (quoted), ISO dates, supplier names containing commas, Company Reg No column.",
             header_row=0)


def c11():
    """Combined authority: Period P01 + Payment Date d/m/yyyy; numeric codes."""
    pool = build_pool(28, "Redacted - personal data",
                      {"company": 0.6, "charity": 0.1, "council": 0.15, "public": 0.05, "sole": 0.05, "individual": 0.05}, exclude=("Calder Valley Combined",))
    recs = records(44, "ca", pool, dt.date(2024, 4, 1), dt.date(2024, 6, 30), n_credit=2, mu=8.6, sigma=1.3)
    hdr = ["Period", "Payment Date", "Directorate", "Service Area", "Cost Centre", "Account Code",
           "Account Description", "Supplier Name", "Line Value", "Transaction No"]
    rows = [hdr]
    for r in recs:
        per = {4: "P01", 5: "P02", 6: "P03"}[r["pay"].month]
        rows.append([per, d_nopad(r["pay"]), r["dir"], r["svc"], r["cc"], r["acct"], r["etype"],
                     r["payee"], a_plain(r["net"]), r["tn"]])
    write_csv("calder_valley_ca_spend_q1_24-25.csv", rows, "utf-8", "\n")
    register("calder_valley_ca_spend_q1_24-25.csv", 1, len(recs), 7, 8, 1,
             "accounting 'Period' P01..P03 plus a real Payment Date (d/m/yyyy, no zero padding) -> Payment Date; Cost Centre/Account Code are numeric codes",
             "Combined authority quarterly file: accounting Period (P01-P03) and Payment Date as d/m/yyyy without zero padding, numeric Cost Centre / Account Code columns before the payee, 'Line Value' amount.",
             header_row=0)


def c12():
    """Police: Posting Date with 00:00:00, Amount + Irrecoverable VAT, cp1252."""
    pool = build_pool(30, "REDACTED",
                      {"company": 0.75, "council": 0.05, "public": 0.05, "sole": 0.08, "individual": 0.07})
    recs = records(55, "police", pool, dt.date(2024, 5, 1), dt.date(2024, 5, 31), n_credit=2)
    hdr = ["Organisation", "Creditor Name", "Posting Date", "Subjective Description", "Objective Description",
           "Transaction Ref", "Amount £", "Irrecoverable VAT £", "Capital/Revenue"]
    rows = [hdr]
    for r in recs:
        rows.append(["Chief Constable of Linwood Police", r["payee"], d_time(r["pay"]), r["etype"], r["svc"],
                     r["tn"], a_plain(r["net"]), a_plain(r["irrvat"]), r["caprev"]])
    write_csv("linwood_police_expenditure_may_2024.csv", rows, "cp1252", "\r\n")
    register("linwood_police_expenditure_may_2024.csv", 1, len(recs), 1, 6, 2,
             "'Posting Date' is the only date and carries ' 00:00:00'; 'Irrecoverable VAT £' is a secondary money column, not the payment",
             "Police force, Windows-1252, 'Creditor Name', 'Posting Date' as '01/05/2024 00:00:00', 'Amount £' followed by 'Irrecoverable VAT £' (mostly 0.00), Capital/Revenue flag.",
             header_row=0)


def c13():
    """Welsh bilingual headers, UTF-8 BOM with Welsh characters."""
    pool = build_pool(30, "Wedi'i olygu / Redacted")
    welsh = ["Gwasanaethau Glanhau Tŷ Gwyn Cyf", "Adeiladwyr Dyffryn Tegid Cyf",
             "Cwmni Trafnidiaeth Caerwen Cyf", "Menter Iaith Caerwen", "Gofal Cartref Bryn Ŵyn Cyf"]
    for i, nm in enumerate(welsh):
        pool[i] = {"name": nm, "cat": "company", "id": str(R.randint(100000, 399999)), "vatreg": vat_reg(),
                   "cono": f"{R.randint(1, 13999999):08d}", "postcode": postcode()}
    recs = records(47, "council", pool, dt.date(2024, 4, 1), dt.date(2024, 4, 30), n_credit=2)
    hdr = ["Cyfarwyddiaeth / Directorate", "Maes Gwasanaeth / Service Area", "Enw'r Cyflenwr / Supplier Name",
           "Dyddiad Talu / Payment Date", "Swm / Amount", "Math o Wariant / Expense Type",
           "Rhif Trafodyn / Transaction Number"]
    rows = [["Cyngor Sir Caerwen / Caerwen County Council"],
            ["Taliadau dros £500 / Payments over £500 - Ebrill / April 2024"],
            hdr]
    for r in recs:
        rows.append([r["dir"], r["svc"], r["payee"], d_dmy(r["pay"]), a_plain(r["net"]), r["etype"], r["tn"]])
    write_csv("caerwen_taliadau_payments_ebrill_april_2024.csv", rows, "utf-8-sig", "\r\n")
    register("caerwen_taliadau_payments_ebrill_april_2024.csv", 3, len(recs), 2, 4, 3,
             "bilingual Welsh/English headers; Welsh supplier names with circumflexes; UTF-8 BOM",
             "Welsh county council, UTF-8 with BOM, bilingual 'Welsh / English' header cells, bilingual title rows, some Welsh supplier names (ŷ), Welsh/English redaction text.",
             header_row=2)


def c14():
    """Grand Total in payee column, footer disclaimer, 01-Apr-2024."""
    pool = build_pool(35, "*** Redacted ***", exclude=("Ravensworth",))
    recs = records(72, "council", pool, dt.date(2024, 4, 1), dt.date(2024, 6, 30), n_credit=3)
    hdr = ["Transaction Date", "Department", "Supplier", "Description", "Total"]
    rows = [hdr]
    for r in recs:
        rows.append([d_dmon4(r["pay"]), r["dir"], r["payee"], r["etype"], a_plain(r["net"])])
    rows.append([])
    rows.append(["", "", "Grand Total", "", a_plain(sum(r["net"] for r in recs))])
    rows.append([])
    rows.append(["Note: payments to individuals have been redacted under the Data Protection Act 2018. "
                 "Figures exclude recoverable VAT."])
    rows.append(["Ravensworth Borough Council accepts no liability for the re-use of this data."])
    write_csv("ravensworth_bc_q1_2024_25_transactions.csv", rows, "utf-8-sig", "\r\n")
    register("ravensworth_bc_q1_2024_25_transactions.csv", 1, len(recs), 2, 4, 0,
             "amount header is 'Total'; 'Grand Total' label sits in the Supplier column after a blank row; two disclaimer lines at foot",
             "Borough council quarterly file, UTF-8 BOM, 'Transaction Date' (01-Apr-2024) / 'Supplier' / 'Total' as the amount header, blank row + 'Grand Total' written in the supplier column, footnote disclaimers.",
             header_row=0)


def c15():
    """NHS ICB, HM Treasury over-£25k layout, Oracle dates, cp1252."""
    pool = build_pool(26, "REDACTED",
                      {"company": 0.7, "charity": 0.05, "council": 0.08, "public": 0.12, "individual": 0.05},
                      exclude=("Greystone and District",), trades=NHS_TRADES)
    recs = records(34, "nhs", pool, dt.date(2024, 5, 1), dt.date(2024, 5, 31), lo=25000, mu=10.8,
                   sigma=0.9, cap=4500000, n_credit=1)
    for r in recs:
        if r["net"] < 0:
            r["net"] = -round(R.uniform(25000, 60000), 2)
    hdr = ["Department Family", "Entity", "Date", "Expense Type", "Expense Area", "Supplier",
           "Transaction Number", "AP Amount (£)", "VAT Registration Number", "Supplier Postcode"]
    rows = [hdr]
    for r in recs:
        rows.append(["Department of Health and Social Care", "Greystone and District ICB", d_oracle(r["pay"]),
                     r["etype"], r["svc"], r["payee"], r["tn"], a_plain(r["net"]), r["vatreg"], r["postcode"]])
    write_csv("greystone_icb_spend_over_25k_may_2024.csv", rows, "cp1252", "\r\n")
    register("greystone_icb_spend_over_25k_may_2024.csv", 1, len(recs), 5, 7, 2,
             "HM Treasury over-£25k column set; Oracle-style dates '03-MAY-24'; cp1252 £ in header",
             "NHS integrated care board 'spend over £25,000' in HM Treasury layout (Department Family, Entity, Date, Expense Type, Expense Area, Supplier, Transaction Number, AP Amount), Windows-1252, dates '03-MAY-24'.",
             header_row=0)


def c16():
    """Payee Name, Invoice Date + Cheque/BACS Date, £ without commas, VAT No / Company No."""
    pool = build_pool(30, "Sensitive data - withheld", exclude=("Copperfield Refugee",))
    recs = records(43, "council", pool, dt.date(2024, 10, 1), dt.date(2024, 10, 31), n_credit=2)
    hdr = ["Payee Name", "VAT Number", "Company Number", "Supplier Postcode", "Service Area",
           "Purpose of Expenditure", "Invoice Date", "Cheque/BACS Date", "Amount"]
    rows = [["Copperfield City Council - expenditure over £500 - October 2024", "", "", "", "", "", "", "", ""], hdr]
    for r in recs:
        rows.append([r["payee"], r["vatreg"], r["cono"], r["postcode"], r["svc"], r["purpose"],
                     d_dmy(r["inv"]), d_dmy(r["pay"]), a_pound_plain(r["net"])])
    write_csv("copperfield_city_council_oct24_over500.csv", rows, "utf-8", "\r\n")
    register("copperfield_city_council_oct24_over500.csv", 2, len(recs), 0, 8, 7,
             "Invoice Date and Cheque/BACS Date both present -> Cheque/BACS Date; amounts '£1234.56' (UTF-8 £, no thousands separator)",
             "City council, one comma-padded title row, payee first, VAT Number and 8-digit Company Number columns, Invoice Date then Cheque/BACS Date, amounts '£1234.56' / '-£234.00'.",
             header_row=1)


# ============================================================================ XLSX FILES

def style_header(ws, row, c0, c1):
    for c in range(c0, c1 + 1):
        ws.cell(row=row, column=c).font = BOLD


def notes_sheet(wb, lines):
    ns = wb.create_sheet("Notes")
    for i, l in enumerate(lines, 1):
        ns.cell(row=i, column=1, value=l)
    ns.column_dimensions["A"].width = 100


def x01():
    """NHS trust, title rows, real Excel dates, numeric amounts, Notes sheet."""
    pool = build_pool(24, "Redacted",
                      {"company": 0.78, "charity": 0.04, "council": 0.05, "public": 0.1, "individual": 0.03}, exclude=("Northvale Hospitals",), trades=NHS_TRADES)
    recs = records(38, "nhs", pool, dt.date(2024, 6, 1), dt.date(2024, 6, 30), lo=25000, mu=10.9,
                   sigma=0.9, cap=3000000, n_credit=1)
    for r in recs:
        if r["net"] < 0:
            r["net"] = -round(R.uniform(25000, 48000), 2)
    wb = Workbook()
    ws = wb.active
    ws.title = "June 2024"
    ws["A1"] = "Northvale Hospitals NHS Foundation Trust"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "Expenditure over £25,000 - June 2024"
    hdr = ["Trust", "Payment Date", "Supplier Name", "Expenditure Account", "Cost Centre Description",
           "Invoice Number", "Amount (£)"]
    ws.append([])
    ws.append(hdr)
    style_header(ws, 4, 1, len(hdr))
    for r in recs:
        ws.append(["Northvale Hospitals NHS FT", r["pay"], r["payee"], r["etype"], r["svc"], r["inv_no"], r["net"]])
        ws.cell(row=ws.max_row, column=2).number_format = "dd-mmm-yy"
        ws.cell(row=ws.max_row, column=7).number_format = "#,##0.00;[Red]-#,##0.00"
    for col, wdt in zip("ABCDEFG", [28, 14, 44, 40, 30, 14, 14]):
        ws.column_dimensions[col].width = wdt
    notes_sheet(wb, ["Notes", "This file lists all transactions over £25,000 made by the Trust in the month.",
                     "Amounts are shown excluding VAT where VAT is recoverable.",
                     "Payments to individuals have been redacted.",
                     "Queries: finance.transparency@northvale-hospitals.example.nhs.uk"])
    wb.save(os.path.join(OUT, "northvale_hospitals_nhsft_over_25k_jun2024.xlsx"))
    register("northvale_hospitals_nhsft_over_25k_jun2024.xlsx", 4, len(recs), 2, 6, 1,
             "sheet 1 data, header on row 4 (index 3) after 2 title rows + blank; Excel real dates and numeric amounts; sheet 2 'Notes'",
             "NHS foundation trust 'expenditure over £25,000' workbook: title + subtitle + blank row, real Excel dates (dd-mmm-yy) and numeric amounts, second 'Notes' sheet.",
             header_row=3)


def x02():
    """Police, datetime with time, trailing empty header cells, negative numbers."""
    pool = build_pool(30, "Redacted",
                      {"company": 0.75, "council": 0.05, "public": 0.05, "sole": 0.08, "individual": 0.07})
    recs = records(61, "police", pool, dt.date(2024, 7, 1), dt.date(2024, 9, 30), n_credit=3)
    wb = Workbook()
    ws = wb.active
    ws.title = "Spend"
    hdr = ["Posting Date", "Supplier", "Amount", "Subjective", "Department", "Document No", None, None, None]
    ws.append(hdr)
    style_header(ws, 1, 1, len(hdr))  # styled, so the three empty trailing header cells exist in the sheet
    for r in recs:
        ws.append([dt.datetime.combine(r["pay"], dt.time()), r["payee"], r["net"], r["etype"], r["dir"],
                   int(r["tn"])])
        ws.cell(row=ws.max_row, column=1).number_format = "dd/mm/yyyy hh:mm:ss"
        ws.cell(row=ws.max_row, column=3).number_format = "0.00"
    wb.save(os.path.join(OUT, "westmere_pcc_payments_q2_2024.xlsx"))
    register("westmere_pcc_payments_q2_2024.xlsx", 1, len(recs), 1, 2, 0,
             "Excel datetimes displayed with 00:00:00; header row has three trailing empty (formatted) cells G1:I1; Document No is an integer",
             "Police and crime commissioner quarterly workbook: no title, 'Posting Date' as Excel datetime shown 'dd/mm/yyyy 00:00:00', numeric Amount with negatives, integer Document No, trailing empty header cells.",
             header_row=0)


def x03():
    """Combined authority, data begins in column B, merged title, Beneficiary."""
    pool = build_pool(30, "Individual",
                      {"company": 0.55, "charity": 0.15, "council": 0.15, "public": 0.05, "sole": 0.05, "individual": 0.05})
    recs = records(35, "ca", pool, dt.date(2024, 10, 1), dt.date(2024, 12, 31), n_credit=2, mu=8.8, sigma=1.4,
                   cap=2500000)
    stype = {"company": "SME", "sole": "SME", "charity": "VCSE", "housing": "VCSE", "council": "Public Sector",
             "public": "Public Sector", "individual": "Individual"}
    wb = Workbook()
    ws = wb.active
    ws.title = "Q3 2024-25"
    ws.merge_cells("B2:H2")
    ws["B2"] = "West Fernley Combined Authority - Spend over £500 - Quarter 3 2024/25"
    ws["B2"].font = Font(bold=True, size=13)
    ws["B3"] = "Published January 2025"
    hdr = ["Directorate", "Beneficiary", "Payment Date", "Value (£)", "Purpose of Spend",
           "Procurement Category", "Supplier Type"]
    for j, h in enumerate(hdr):
        c = ws.cell(row=5, column=2 + j, value=h)
        c.font = BOLD
        c.fill = PatternFill("solid", fgColor="DDEBF7")
    for i, r in enumerate(recs):
        row = 6 + i
        vals = [r["dir"], r["payee"], r["pay"], r["net"], r["purpose"], r["etype"], stype[r["cat"]]]
        for j, v in enumerate(vals):
            c = ws.cell(row=row, column=2 + j, value=v)
        ws.cell(row=row, column=4).number_format = "dd/mm/yyyy"
        ws.cell(row=row, column=5).number_format = "£#,##0.00;-£#,##0.00"
    ws.column_dimensions["A"].width = 3
    notes_sheet(wb, ["Spend over £500 is published quarterly under the Local Government Transparency Code 2015.",
                     "Payments to individuals are shown as 'Individual'.",
                     "Value excludes recoverable VAT."])
    wb.save(os.path.join(OUT, "west_fernley_ca_spend_q3_2024-25.xlsx"))
    register("west_fernley_ca_spend_q3_2024-25.xlsx", 5, len(recs), 2, 4, 3,
             "table starts in column B: column A is empty and counts as index 0 (so Beneficiary=2, Payment Date=3, Value=4); merged title B2:H2; header on row 5 (index 4); Notes sheet",
             "Mayoral combined authority workbook with the table starting in column B (column A empty), merged title cell, header on row 5 with fill colour, 'Beneficiary' / 'Payment Date' / 'Value (£)' in £ number format, Supplier Type column, Notes sheet.",
             header_row=4)


def x04():
    """Purchase card xlsx with numeric MCC code next to the amount."""
    mcc = {"Stationery Stores": 5943, "Railroads": 4112, "Taxicabs/Limousines": 4121, "Hotels/Motels": 7011,
           "Hardware Stores": 5251, "Service Stations": 5541, "Miscellaneous General Merchandise": 5399,
           "Postal Services - Government Only": 9402, "Eating Places, Restaurants": 5812,
           "Parking Lots, Garages": 7523, "Computer Software Stores": 5734, "Book Stores": 5942,
           "Grocery Stores, Supermarkets": 5411, "Business Services - Not Elsewhere Classified": 7399,
           "Quick Copy, Reproduction Services": 7338, "Nurseries, Lawn and Garden Supply": 5261,
           "Industrial Supplies": 5085, "Government Services": 9399, "Recreation Services": 7999,
           "Bus Lines": 4131, "Airlines": 4511, "Electrical Parts and Equipment": 5065,
           "Computer Network/Information Services": 4816}
    n = 57
    days = workdays(dt.date(2024, 11, 1), dt.date(2024, 11, 30), (0, 1, 2, 3, 4, 5, 6))
    svc = ["Schools Catering", "Libraries", "Youth Service", "Highways Depot", "Customer Services",
           "Children's Homes", "Leisure Centres", "ICT Service Desk"]
    data = []
    ref = set(R.sample(range(n), 2))
    for i in range(n):
        m, cat = R.choice(MERCHANTS)
        v = min(round(R.lognormvariate(4.0, 1.1), 2), 2500.0)
        if i in ref:
            v = -v
        data.append((R.choice(days), m, cat, v, R.choice(svc)))
    data.sort(key=lambda x: x[0])
    wb = Workbook()
    ws = wb.active
    ws.title = "Nov 2024"
    hdr = ["Transaction Date", "Merchant Name", "Merchant Category Code", "MCC Description",
           "Transaction Amount", "Cardholder Service Area"]
    ws.append(hdr)
    style_header(ws, 1, 1, len(hdr))
    for d, m, cat, v, s in data:
        ws.append([d, m, mcc[cat], cat, v, s])
        ws.cell(row=ws.max_row, column=1).number_format = "dd/mm/yyyy"
        ws.cell(row=ws.max_row, column=5).number_format = "#,##0.00"
    notes_sheet(wb, ["Oakhurst Metropolitan Borough Council - Government Procurement Card transactions, November 2024.",
                     "All transactions are published regardless of value. Amounts include VAT."])
    wb.save(os.path.join(OUT, "oakhurst_mbc_gpc_transactions_nov2024.xlsx"))
    register("oakhurst_mbc_gpc_transactions_nov2024.xlsx", 1, n, 1, 4, 0,
             "purchase card: payee is Merchant Name; Merchant Category Code is a 4-digit integer column and is not money; Transaction Date is the only date",
             "Metropolitan borough procurement-card workbook: Transaction Date (Excel date), Merchant Name, numeric 4-digit Merchant Category Code, MCC Description, Transaction Amount, Notes sheet.",
             header_row=0)


def x05():
    """District council xlsx with everything stored as text, TOTAL row."""
    pool = build_pool(27, "Redacted - personal data", exclude=("Moorside",))
    recs = records(29, "council", pool, dt.date(2024, 11, 1), dt.date(2024, 11, 30), n_credit=2, sort="payee")
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    hdr = ["Supplier", "Payment Date", "Amount", "Service", "Expense Description", "Reference"]
    ws.append(["Moorside District Council: Payments over £500 November 2024"])
    ws.append(hdr)
    for r in recs:
        ws.append([r["payee"], d_dmy(r["pay"]), a_pound(r["net"]), r["svc"], r["etype"], r["tn"]])
    ws.append(["TOTAL", None, a_pound(sum(r["net"] for r in recs)), None, None, None])
    wb.save(os.path.join(OUT, "moorside_dc_payments_nov2024.xlsx"))
    register("moorside_dc_payments_nov2024.xlsx", 2, len(recs), 0, 2, 1,
             "every cell is a text string (dates '01/11/2024', amounts '£1,234.56' / '-£234.00') as if pasted from a CSV; one title row; TOTAL row at end",
             "District council workbook where all values are text strings (dates 'dd/mm/yyyy', amounts '£1,234.56'), one title row, payee in first column, 'TOTAL' row at the foot.",
             header_row=1)


def x06():
    """Scottish council xlsx, net/VAT/gross, invoice date + payment date."""
    pool = build_pool(30, "Personal Information", exclude=("Ardmore",))
    recs = records(66, "council", pool, dt.date(2024, 12, 1), dt.date(2024, 12, 31), n_credit=3)
    wb = Workbook()
    ws = wb.active
    ws.title = "Payments"
    ws.append(["Ardmore Council"])
    ws.append(["Supplier payments over £500 - December 2024"])
    ws.append(["Published under the Scottish Government's commitment to transparency"])
    ws.append([])
    hdr = ["Invoice Date", "Payment Date", "Supplier", "Supplier Number", "Department", "Account",
           "Net", "VAT", "Gross"]
    ws.append(hdr)
    style_header(ws, 5, 1, len(hdr))
    for r in recs:
        ws.append([r["inv"], r["pay"], r["payee"], int(r["sid"]) if r["sid"] else None, r["dir"], r["etype"],
                   r["net"], r["vat"], r["gross"]])
        rr = ws.max_row
        for c in (1, 2):
            ws.cell(row=rr, column=c).number_format = "dd/mm/yyyy"
        for c in (7, 8, 9):
            ws.cell(row=rr, column=c).number_format = "#,##0.00"
    wb.save(os.path.join(OUT, "ardmore_council_supplier_payments_dec2024.xlsx"))
    register("ardmore_council_supplier_payments_dec2024.xlsx", 5, len(recs), 2, 6, 1,
             "Invoice Date (col 0) and Payment Date (col 1) -> Payment Date; Net/VAT/Gross -> Net; Supplier Number integer",
             "Scottish council workbook: 3 title/note rows + blank, Invoice Date before Payment Date (both Excel dates), integer Supplier Number, Net / VAT / Gross numeric columns.",
             header_row=4)


def x07():
    """Welsh county borough xlsx, bilingual headers, quarterly, Notes sheet."""
    pool = build_pool(34, "Data personol / Personal data")
    recs = records(77, "council", pool, dt.date(2025, 1, 1), dt.date(2025, 3, 31), n_credit=3)
    wb = Workbook()
    ws = wb.active
    ws.title = "Ch4 Q4 2024-25"
    hdr = ["Adran / Department", "Disgrifiad / Description", "Dyddiad / Date", "Cyflenwr / Supplier",
           "Gwerth / Value (£)", "Cyfeirnod / Reference"]
    ws.append(hdr)
    style_header(ws, 1, 1, len(hdr))
    for r in recs:
        ws.append([r["dir"], r["etype"], r["pay"], r["payee"], r["net"], r["tn"]])
        ws.cell(row=ws.max_row, column=3).number_format = "dd/mm/yyyy"
        ws.cell(row=ws.max_row, column=5).number_format = "#,##0.00;(#,##0.00)"
    notes_sheet(wb, ["Nodiadau / Notes",
                     "Taliadau dros £500, Ionawr - Mawrth 2025 / Payments over £500, January - March 2025",
                     "Cyngor Bwrdeistref Sirol Tegid / Tegid County Borough Council"])
    wb.save(os.path.join(OUT, "tegid_cbc_taliadau_payments_q4_2024-25.xlsx"))
    register("tegid_cbc_taliadau_payments_q4_2024-25.xlsx", 1, len(recs), 3, 4, 2,
             "bilingual headers; numeric amounts with bracket number format for negatives (stored as negative numbers); Excel dates",
             "Welsh county borough quarterly workbook, bilingual 'Cymraeg / English' headers, payee in 4th column, numeric Value (£) formatted with brackets for credits, real Excel dates, bilingual Notes sheet.",
             header_row=0)


def x08():
    """Unitary council, many numeric code columns, Grand Total + note rows."""
    pool = build_pool(36, "REDACTED", exclude=("Elmsworth",))
    recs = records(70, "council", pool, dt.date(2025, 2, 1), dt.date(2025, 2, 28), n_credit=2, sort="dir")
    wb = Workbook()
    ws = wb.active
    ws.title = "Feb 2025"
    hdr = ["Trans No", "Cost Centre", "Cost Centre Name", "Account Code", "Account Name", "Vendor No",
           "Vendor Name", "Date Paid", "Amount", "Purpose"]
    ws.append(["Elmsworth Council"])
    ws.append(["Transparency Code - spend over £500 - February 2025"])
    ws.append(hdr)
    style_header(ws, 3, 1, len(hdr))
    for r in recs:
        ws.append([int(r["tn"]), int(r["cc"]), r["svc"], int(r["acct"]), r["etype"],
                   int(r["sid"]) if r["sid"] else None, r["payee"], r["pay"], float(round(r["net"])), r["purpose"]])
        ws.cell(row=ws.max_row, column=8).number_format = "d mmm yyyy"
        ws.cell(row=ws.max_row, column=9).number_format = "#,##0"
    ws.append([])
    ws.append(["Grand Total", None, None, None, None, None, None, None,
               float(sum(round(r["net"]) for r in recs)), None])
    ws.append(["Note: amounts rounded to the nearest pound."])
    wb.save(os.path.join(OUT, "elmsworth_council_spend_feb2025.xlsx"))
    register("elmsworth_council_spend_feb2025.xlsx", 3, len(recs), 6, 8, 7,
             "integer Trans No / Cost Centre / Account Code / Vendor No columns besides the money; amounts whole pounds; blank row, Grand Total row and note row at foot",
             "Unitary council workbook: two title rows, four integer code columns (Trans No, Cost Centre, Account Code, Vendor No) before 'Vendor Name', 'Date Paid' shown 'd mmm yyyy', whole-pound Amount, blank + Grand Total + note rows at the end.",
             header_row=2)


def main():
    for f in [c01, c02, c03, c04, c05, c06, c07, c08, c09, c10, c11, c12, c13, c14, c15, c16,
              x01, x02, x03, x04, x05, x06, x07, x08]:
        f()
    with open(os.path.join(OUT, "answers.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "payee_col", "amount_col", "date_col", "notes"])
        for m in MANIFEST:
            w.writerow([m["file"], m["payee"], m["amount"], m["date"], m["notes"]])
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as fh:
        fh.write("# Blind spend-file layouts\n\n")
        fh.write("Independent test set of 24 invented public-body spend files (16 CSV, 8 XLSX). "
                 "Answer key: `answers.csv` (0-based column positions in the data rows as they appear in the file; "
                 "for XLSX, column A = 0). Generator: `tools/make_blind.py`; check: `tools/verify.py`.\n\n")
        for m in MANIFEST:
            fh.write(f"- `{m['file']}` - {m['readme']}\n")
    with open(os.path.join(OUT, "tools", "manifest.json"), "w") as fh:
        json.dump(MANIFEST, fh, indent=1)


if __name__ == "__main__":
    main()
