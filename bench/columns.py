"""Column proposals benchmark (issue 16, acceptance point 2): over every spend layout the project has, the
share of layouts where the payee, the amount and the date are all proposed right first time.

    .venv/bin/python bench/columns.py            # the proposals the import makes, beside the old guesser's
    .venv/bin/python bench/columns.py --verbose  # and every layout's proposal, field by field

"Every layout": the distinct header layouts of the real files in ../shared/data (Oxford City Council's
spend over £500 and Lambeth's payments to suppliers), each counted right only if it is right for every
file that has it, and layouts generated here as English councils publish them (title rows, "Name:",
"Supplier(Beneficiary) Name", "Total (excludes VAT)", "Expense Area", "Directorate", header at the bottom,
no header, net/VAT/gross, company and VAT numbers, redacted payees, trailing #N/A cells), with 30 rows
each. The expected answers are data below: for a real file, read by hand; for a generated one, the
column of kind "payee", "net" and "paid". Where a file has no date (Lambeth's monthly totals), the right
answer is no date column.

The generated layouts are in two groups: HELD_OUT was written before the proposals were tuned and has not
been changed since; TUNING is what the proposals were tuned against. A third group, "blind", is files
written by another hand who had seen neither this code nor these layouts (bench/layouts/blind, with its
answers and README), and three more by the same kind of hand: "quirks" and "third", awkward files,
"xls", Excel 97-2003 workbooks, and "ods", OpenDocument spreadsheets saved by LibreOffice
(bench/layouts/quirks, third, xls and ods);
the share on each one's first run is recorded in its README. Each group's share is printed apart.

Files are read through ``clearsight.spend.parsing.read_rows`` and proposed by ``importer.inspect``, the
code path of the import itself; the old guesser (header words, else a guess from content; the header
looked for in the first 20 rows only) is kept below, in this file only, for comparison.
"""

import argparse
import csv
import datetime
import io
import os
import random
import secrets
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "data"
KEY = ("payee_name", "amount", "paid_on")

# ---------------------------------------------------------------- the real files, read by hand

# file -> (payee column, amount column, date column or None)
REAL = {
    "oxford-city-council-spend-over-500/expenditure-over-500-apr-jun-2014.csv": (9, 6, 4),
    "oxford-city-council-spend-over-500/expenditure-over-500-apr-jun-2015.csv": (9, 6, 4),
    "oxford-city-council-spend-over-500/expenditure-over-500-apr-jun-2016.csv": (9, 6, 4),
    "oxford-city-council-spend-over-500/expenditure-over-500-apr-jun-2017.csv": (8, 5, 3),
    "oxford-city-council-spend-over-500/expenditure-over-500-jan-mar-2014.csv": (9, 6, 4),
    "oxford-city-council-spend-over-500/expenditure-over-500-jan-mar-2015.csv": (9, 6, 4),
    "oxford-city-council-spend-over-500/expenditure-over-500-jan-mar-2016.csv": (9, 6, 4),
    "oxford-city-council-spend-over-500/expenditure-over-500-jan-mar-2017.csv": (8, 5, 3),
    "oxford-city-council-spend-over-500/expenditure-over-500-jan-mar-2018.csv": (9, 6, 4),
    "oxford-city-council-spend-over-500/expenditure-over-500-jul-sep-2014.csv": (9, 6, 4),
    "oxford-city-council-spend-over-500/expenditure-over-500-jul-sep-2015.csv": (9, 6, 4),
    "oxford-city-council-spend-over-500/expenditure-over-500-jul-sep-2016.csv": (9, 6, 4),
    "oxford-city-council-spend-over-500/expenditure-over-500-jul-sep-2017.csv": (8, 5, 3),
    "oxford-city-council-spend-over-500/expenditure-over-500-oct-dec-2014.csv": (9, 6, 4),
    "oxford-city-council-spend-over-500/expenditure-over-500-oct-dec-2015.csv": (9, 6, 4),
    "oxford-city-council-spend-over-500/expenditure-over-500-oct-dec-2016.csv": (9, 6, 4),
    "oxford-city-council-spend-over-500/expenditure-over-500-oct-dec-2017.csv": (9, 6, 4),
    # Monthly totals per supplier: no date column.
    "lambeth-payments-to-suppliers-2011-12/2011-01-payments.csv": (0, 1, None),
    "lambeth-payments-to-suppliers-2011-12/2011-02-payments.csv": (0, 1, None),
    "lambeth-payments-to-suppliers-2011-12/2011-03-payments.csv": (0, 1, None),
    "lambeth-payments-to-suppliers-2011-12/2011-04-payments.csv": (0, 1, None),
    "lambeth-payments-to-suppliers-2011-12/2011-05-payments.csv": (0, 1, None),
    "lambeth-payments-to-suppliers-2011-12/2011-06-payments.csv": (0, 1, None),
    "lambeth-payments-to-suppliers-2011-12/2011-07-payments.csv": (0, 1, None),
    "lambeth-payments-to-suppliers-2011-12/2011-08-payments.csv": (0, 1, None),
    "lambeth-payments-to-suppliers-2011-12/2011-10-payments.csv": (0, 1, None),
    "lambeth-payments-to-suppliers-2011-12/2011-11-payments.csv": (0, 1, None),
    "lambeth-payments-to-suppliers-2011-12/2011-12-payments.csv": (0, 1, None),
    "lambeth-payments-to-suppliers-2011-12/2012-01-payments.csv": (0, 1, None),
    "lambeth-payments-to-suppliers-2011-12/2012-02-payments.csv": (0, 1, None),
    "lambeth-payments-to-suppliers-2011-12/2012-03-payments.csv": (0, 1, None),
    "lambeth-payments-to-suppliers-2011-12/2012-04-payments.csv": (0, 1, None),
    "lambeth-payments-to-suppliers-2011-12/2012-05-payments.csv": (0, 1, None),
    # Invoice lines below a nine-line report block.
    "lambeth-payments-to-suppliers-2011-12/2012-06-payments.csv": (2, 4, 3),
}

# ---------------------------------------------------------------- generated layouts

# A layout: (name, [(header, kind)], options). The expected payee, amount and date are the columns of
# kind "payee", "net" and "paid" (no "paid": no date column). Options: "title" (rows above the header),
# "header": "top" (default), "bottom", "none" or "repeated"; "date": the date format; "na": a trailing
# #N/A cell on some rows; "redacted": share of redacted payees; "amounts": "pence", "whole", "pound", "minus".

HELD_OUT = [  # written first, before any tuning; not changed since
    ("Calderdale-like, title rows, narrative", [
        ("Body Name", "body"), ("Service Area", "directorate"), ("Expenses Type", "expense_type"),
        ("Narrative", "description"), ("Date", "paid"), ("Transaction Number", "trans_ref"), ("Amount", "net"),
        ("Supplier Name", "payee"), ("Supplier ID", "supplier_id")],
        {"title": [["Calderdale Council"], ["Expenditure over £500 - March 2025"], []], "date": "%d-%b-%y"}),
    ("Newcastle-like, header repeated", [
        ("Directorate", "directorate"), ("Service", "service"), ("Supplier Name", "payee"),
        ("Payment Date", "paid"), ("Transaction Ref", "trans_ref"), ("Net Amount", "net"),
        ("Irrecoverable VAT", "vat"), ("Expense Type", "expense_type")], {"header": "repeated"}),
    ("no header, net VAT gross", [
        ("", "payee"), ("", "paid"), ("", "net"), ("", "vat"), ("", "gross"), ("", "directorate")],
        {"header": "none", "date": "%Y-%m-%d"}),
    ("header at the bottom, beneficiary", [
        ("Beneficiary", "payee"), ("Payment Date", "paid"), ("Amount Paid", "net"), ("Directorate", "directorate"),
        ("Purpose of Expenditure", "expense_type")], {"header": "bottom"}),
    ("vendor, posting date, company numbers", [
        ("Vendor Name", "payee"), ("Posting Date", "paid"), ("Line Amount", "net"),
        ("Cost Centre Description", "service"), ("GL Code", "expense_code"), ("Company Reg No", "company_no"),
        ("Supplier Postcode", "postcode")], {"date": "%d/%m/%Y"}),
    ("unknown header words", [
        ("Payee details", "payee"), ("Paid", "paid"), ("£", "net"), ("Area", "directorate"), ("Type", "expense_type")],
        {"date": "%d.%m.%Y"}),
    ("Manchester-like, amounts with and without VAT", [
        ("Body", "body"), ("Directorate", "directorate"), ("Service", "service"), ("Expense Type", "expense_type"),
        ("Date Paid", "paid"), ("Transaction No", "trans_ref"), ("Supplier Name", "payee"),
        ("Amount excluding VAT", "net"), ("VAT", "vat"), ("Amount including VAT", "gross")], {}),
    ("whole pounds and whole-number references", [
        ("Ref", "trans_ref"), ("Supplier", "payee"), ("Date", "paid"), ("Value", "net")], {"amounts": "whole"}),
    ("Name: over people and companies, long descriptions, #N/A", [
        ("Name:", "payee"), ("Description", "description"), ("Date:", "paid"), ("Amount:", "net"),
        ("Service:", "service")], {"redacted": 0.3, "na": True}),
]

TUNING = [
    ("Hyndburn-like, title rows, Name:", [
        ("Name:", "payee"), ("Date:", "paid"), ("Amount:", "net"), ("Service:", "service"),
        ("Expense Type:", "expense_type")], {"title": [["Hyndburn Borough Council"], ["Payments over £250"], []]}),
    ("Harrogate-like", [
        ("Supplier(Beneficiary) Name", "payee"), ("Invoice Payment Date", "paid"), ("Total (excludes VAT)", "net"),
        ("Expense Area", "service"), ("Expense Type", "expense_type"), ("Transaction Number", "trans_ref")], {}),
    ("transparency code template (Calderdale, Salford)", [
        ("Body Name", "body"), ("Body", "body_code"), ("Service Label", "service"),
        ("Service Division Label", "directorate"), ("Expenditure Category", "expense_type"),
        ("Expenditure Code", "expense_code"), ("Date", "paid"), ("Transaction Number", "trans_ref"),
        ("Amount", "net"), ("Supplier Name", "payee"), ("Supplier ID", "supplier_id"),
        ("VAT Registration Number", "vat_no"), ("Company Number", "company_no")], {}),
    ("Manchester-like, header at the bottom", [
        ("Directorate", "directorate"), ("Service Area", "service"), ("Expense Type", "expense_type"),
        ("Payment Date", "paid"), ("Transaction No", "trans_ref"), ("Net Amount", "net"),
        ("Supplier Name", "payee")], {"header": "bottom"}),
    ("Leeds-like", [
        ("Organisation Name", "body"), ("Effective Date", "paid"), ("Service Area", "service"),
        ("Expense Type", "expense_type"), ("Transaction Number", "trans_ref"), ("Net Amount", "net"),
        ("Supplier Name", "payee")], {"date": "%d/%m/%y"}),
    ("Birmingham-like", [
        ("Directorate", "directorate"), ("Service Area", "service"), ("Expense Type", "expense_type"),
        ("Supplier", "payee"), ("Payment Date", "paid"), ("Invoice Number", "invoice_no"),
        ("Amount (£)", "net")], {"amounts": "pound"}),
    ("Salford-like, company numbers", [
        ("Supplier name", "payee"), ("Amount", "net"), ("Date", "paid"), ("Directorate", "directorate"),
        ("Service area", "service"), ("Cost centre", "cost_centre"), ("Expenditure type", "expense_type"),
        ("Company Number", "company_no")], {"date": "%d %B %Y"}),
    ("no header", [("", "payee"), ("", "paid"), ("", "net"), ("", "directorate"), ("", "trans_ref")],
     {"header": "none"}),
    ("net, VAT, gross named", [
        ("Supplier", "payee"), ("Net", "net"), ("VAT", "vat"), ("Gross", "gross"), ("Paid", "paid")], {}),
    ("trailing #N/A and credits", [
        ("Supplier Name", "payee"), ("Payment Date", "paid"), ("Amount", "net"), ("Expense Area", "service")],
     {"na": True, "amounts": "minus"}),
    ("redacted payees, postcodes", [
        ("Directorate", "directorate"), ("Payee Name", "payee"), ("Payee Postcode", "postcode"),
        ("Date Paid", "paid"), ("Amount", "net")], {"redacted": 0.4}),
    ("unusual words", [
        ("Trader", "payee"), ("When paid", "paid"), ("Value (GBP)", "net"), ("Dept", "directorate"),
        ("Purpose", "expense_type")], {}),
    ("cost centre name and account name", [
        ("Cost Centre Name", "service"), ("Account Name", "expense_type"), ("Supplier Name", "payee"),
        ("Date", "paid"), ("Amount", "net")], {}),
    ("invoice date and payment date", [
        ("Supplier", "payee"), ("Invoice Date", "invoice_date"), ("Payment Date", "paid"), ("Amount", "net"),
        ("Invoice No", "invoice_no")], {}),
    ("directorate before names, no header", [
        ("", "directorate"), ("", "expense_type"), ("", "paid"), ("", "payee"), ("", "net")],
        {"header": "none", "date": "%d-%b-%Y"}),
    ("no header, short descriptions beside names, supplier ids", [
        ("", "supplier_id"), ("", "short_description"), ("", "payee"), ("", "paid"), ("", "net")],
        {"header": "none", "redacted": 0.2}),
    ("mostly people, expense type, date with time", [
        ("Expense Type", "expense_type"), ("Payee", "payee"), ("Date", "paid"), ("Amount", "net")],
        {"redacted": 0.1, "people": 0.6, "date": "%Y-%m-%d 00:00:00"}),
    ("whole pounds beside supplier ids, no header", [
        ("", "supplier_id"), ("", "payee"), ("", "net"), ("", "paid"), ("", "service")],
        {"header": "none", "amounts": "whole"}),
    ("description named like the payee's neighbour", [
        ("Supplier Name", "payee"), ("Supplier Description", "short_description"), ("Payment Date", "paid"),
        ("Net", "net"), ("VAT", "vat"), ("Total", "gross")], {}),
    ("uppercase names, code columns", [
        ("SUPPLIER", "payee_upper"), ("COST CENTRE", "cost_centre"), ("ACCOUNT", "expense_code"),
        ("DATE", "paid"), ("AMOUNT", "net")], {}),
]

COMPANIES = [
    "Acme Facilities Ltd", "Bolt Engineering Limited", "Carters Building Supplies PLC", "Dunmore Homes LLP",
    "Eden Play CIC", "Fenwick & Sons Ltd", "Greenway Housing Trust", "Harbour Housing Association",
    "Iris Care Services Ltd", "Jones Brothers (Contractors) Ltd", "Kiely Bros Ltd", "Lancashire County Council",
    "Mott MacDonald Ltd", "Northern Powergrid", "Oakwood Academy Trust", "Pennine Foods Ltd", "Marshalls PLC",
    "Redactive Publishing Ltd", "Stone Roofing Ltd", "Town Taxis", "Urban Trees CIC", "Vale Veterinary LLP",
    "Wilson James Ltd", "Xerox (UK) Ltd", "Yorkshire Water Services Ltd", "Zurich Municipal", "British Gas",
    "HMRC", "Capita Business Services Ltd", "Veolia ES (UK) Ltd", "Amey Community Ltd", "Kier Highways",
]
PEOPLE = ["Mr J Smith", "Mrs A Patel", "Dr K Owusu", "Ms L Brown", "Sarah Hyams", "Robert Surman"]
REDACTED = ["Redacted personal data", "REDACTED", "Personal Data - Redacted"]
DIRECTORATES = ["Adult Services", "Children's Services", "Place", "Resources", "Public Health", "Corporate"]
SERVICES = ["Highways Maintenance", "Waste Collection", "Housing Repairs", "Libraries", "Parks and Open Spaces",
            "Leisure Centres", "Schools Transport", "Planning", "Street Lighting", "Homelessness", "ICT",
            "Facilities Management", "Car Parks", "Environmental Health", "Children's Homes"]
EXPENSE_TYPES = ["Agency Staff", "Electricity", "Grants to Voluntary Organisations", "Building Repairs",
                 "Consultants Fees", "Computer Software", "Vehicle Hire", "Catering Provisions", "Legal Fees",
                 "Residential Care", "Stationery", "Printing", "Subscriptions", "Professional Services",
                 "Equipment Purchase", "Cleaning Materials", "Rents", "Water Charges", "Gas", "Training"]
WORDS = ["supply", "installation", "replacement", "maintenance", "works", "to", "the", "north", "wing", "of",
         "civic", "centre", "including", "materials", "labour", "and", "disposal", "for", "quarter", "contract",
         "framework", "call-off", "services", "provided", "under", "agreement", "reference", "period"]


def _column(kind, rows, rng, options):
    """The values of a column of ``kind`` for ``rows`` payees (one per line)."""
    fmt = options.get("date", "%d/%m/%Y")
    amounts = options.get("amounts", "pence")
    out = []
    base = datetime.date(2025, 4, 1)
    for i, payee in enumerate(rows):
        day = base + datetime.timedelta(days=rng.randrange(0, 90))
        net = Decimal(rng.randrange(50000, 5000000)) / 100
        if amounts == "whole":
            net = Decimal(int(net))
        company = payee in COMPANIES
        seed = sum(map(ord, payee))
        if kind in ("payee", "payee_upper"):
            value = payee.upper() if kind == "payee_upper" else payee
        elif kind == "paid":
            value = day.strftime(fmt)
        elif kind == "invoice_date":
            value = (day - datetime.timedelta(days=rng.randrange(5, 30))).strftime(fmt)
        elif kind in ("net", "vat", "gross"):
            vat = (net * Decimal("0.2")).quantize(Decimal("0.01")) if i % 3 else Decimal("0.00")
            amount = {"net": net, "vat": vat, "gross": net + vat}[kind]
            if amounts == "whole":
                value = str(int(amount))
            elif amounts == "pound":
                value = f"£{amount:,.2f}"
            elif amounts == "minus" and i % 7 == 3 and kind == "net":
                value = f"{amount:,.2f}-"
            else:
                value = f"{amount:,.2f}" if i % 2 else f"{amount:.2f}"
        elif kind == "body":
            value = "Anytown Metropolitan Borough Council"
        elif kind == "body_code":
            value = "E08000033"
        elif kind == "directorate":
            value = DIRECTORATES[rng.randrange(len(DIRECTORATES))]
        elif kind == "service":
            value = SERVICES[rng.randrange(len(SERVICES))]
        elif kind == "expense_type":
            value = EXPENSE_TYPES[rng.randrange(len(EXPENSE_TYPES))]
        elif kind == "expense_code":
            value = f"R{4000 + rng.randrange(20) * 17}"
        elif kind == "cost_centre":
            value = f"{rng.choice('ABCDEF')}{rng.choice('ABCDEF')}{100 + rng.randrange(12)}"
        elif kind == "short_description":
            value = rng.choice(["Stationery order", "Monthly rent", "Repairs to boiler", "Room hire",
                                "Software licence renewal", "Taxi fares", "Agency cover", "Legal advice",
                                "Training course", "Fuel", "Grant payment", "Uniforms", "Skip hire"])
        elif kind == "description":
            value = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(10, 24))).capitalize()
        elif kind == "trans_ref":
            value = str(5400000 + i * 13 + rng.randrange(10))
        elif kind == "invoice_no":
            value = f"INV-{rng.randrange(100000):06d}"
        elif kind == "supplier_id":
            value = str(100000 + seed * 7)
        elif kind == "company_no":
            value = (f"{'SC' if seed % 5 == 0 else ''}{seed * 7919 % 10**6:06d}" if seed % 5 == 0
                     else f"{seed * 7919 % 10**8:08d}") if company else ""
        elif kind == "vat_no":
            value = f"GB{seed * 104729 % 10**9:09d}" if company and seed % 3 else ""
        elif kind == "postcode":
            value = ["BB5 1LA", "HX1 1UJ", "M60 2LA", "LS1 4AP", "NE1 8QH", "SW1A 1AA", "B33 8TH"][seed % 7]
        else:
            raise ValueError(kind)
        out.append(value)
    return out


def generated_file(name, layout, options) -> bytes:
    rng = random.Random(name)
    redacted = options.get("redacted", 0.05)
    payees = []
    for _ in range(30):
        roll = rng.random()
        payees.append(rng.choice(REDACTED) if roll < redacted else
                      rng.choice(PEOPLE) if roll < redacted + options.get("people", 0.1) else rng.choice(COMPANIES))
    columns = [_column(kind, payees, rng, options) for _, kind in layout]
    data = [list(cells) for cells in zip(*columns)]
    if options.get("na"):
        for i, row in enumerate(data):
            if i % 4 == 1:
                row.append("#N/A")
    header = [h for h, _ in layout]
    where = options.get("header", "top")
    if where == "top":
        rows = [header] + data
    elif where == "bottom":
        rows = data + [header]
    elif where == "repeated":
        rows = [header] + data[:12] + [header] + data[12:]
    else:
        rows = data
    rows = options.get("title", []) + rows
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode()


def expected_of(layout):
    kinds = [kind for _, kind in layout]

    def where(*names):
        return next((i for i, k in enumerate(kinds) if k in names), None)

    return where("payee", "payee_upper"), where("net"), where("paid")


# ---------------------------------------------------------------- the old guesser (before issue 16's column work)

def old_proposal(data: bytes) -> dict:
    from clearsight.spend import parsing

    rows, _ = parsing.read_rows(data)
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    header_index = None
    for index, row in enumerate(rows[:20]):
        fields = {parsing.header_field(cell) for cell in row} - {None}
        if "amount" in fields and len(fields) >= 2:
            header_index = index
            break
    if header_index is None:
        sample = [r for r in rows[:50] if any(c.strip() for c in r)]
        return _old_by_content(sample)
    columns = {}
    for index, cell in enumerate(rows[header_index]):
        key = parsing.header_field(cell)
        if key is not None and key not in columns:
            columns[key] = index
    return columns


def _old_by_content(sample):
    from clearsight.spend import parsing

    def is_amount(v):
        try:
            parsing.parse_amount(v)
        except parsing.CellError:
            return False
        return True

    def is_date(v):
        try:
            return isinstance(parsing.parse_date(v), datetime.date)
        except parsing.CellError:
            return False

    width = max((len(row) for row in sample), default=0)
    columns, amount_cols, date_cols, text_cols = {}, [], [], []
    for index in range(width):
        values = [row[index].strip() for row in sample if index < len(row) and row[index].strip()]
        if not values:
            continue
        if all(is_date(v) for v in values):
            date_cols.append(index)
        elif all(is_amount(v) for v in values):
            amount_cols.append((any("." in v for v in values), index))
        elif sum(any(c.isalpha() for c in v) for v in values) == len(values):
            text_cols.append((sum(len(v) for v in values) / len(values), index))
    if amount_cols:
        columns["amount"] = sorted(amount_cols, reverse=True)[0][1]
    if date_cols:
        columns["paid_on"] = date_cols[0]
    if text_cols:
        columns["payee_name"] = max(text_cols)[1]
    return columns


# ---------------------------------------------------------------- measuring

def new_proposal(data: bytes) -> dict:
    from clearsight.spend import importer

    return importer.inspect(data).mapping.columns


def judge(columns: dict, expected) -> dict:
    return {key: columns.get(key) == want for key, want in zip(KEY, expected)}


def layouts():
    """(group, name, [(file bytes, expected)]) for every layout."""
    from clearsight.spend import parsing

    real: dict[str, list] = {}
    for name, expected in REAL.items():
        path = SHARED / name
        if not path.exists():
            continue
        data = path.read_bytes()
        # The layout, found independently of the code measured: the row naming the "supplier name"
        # (every real file has one), spelt as it is, and whether rows come before it.
        rows, _ = parsing.read_rows(data)
        index, header = next((i, r) for i, r in enumerate(rows)
                             if any(parsing.normalise_header(c) == "supplier name" for c in r))
        key = (f"{name.split('/')[0].split('-')[0]}: {'title rows, ' if index else ''}"
               + ",".join(h.strip() for h in header if h.strip()))
        real.setdefault(key, []).append((data, expected, name))
    for key, files in real.items():
        yield "real", key, files
    for group, specs in (("held out", HELD_OUT), ("tuning", TUNING)):
        for name, layout, options in specs:
            yield group, name, [(generated_file(name, layout, options), expected_of(layout), name)]
    for group, folder in (("blind", "blind"), ("quirks", "quirks"), ("third", "third"), ("xls", "xls"), ("ods", "ods")):
        for name, data, expected in blind_files(ROOT / "bench" / "layouts" / folder):
            yield group, name, [(data, expected, name)]


def blind_files(folder: Path):
    """(file name, bytes, expected) for the files in a folder of bench/layouts ("blind", "quirks"):
    written by another hand, who had not seen this code or the layouts above, with the answers in its
    answers.csv (0-based columns; no date column where the file has none; "6-7" for a debit column
    less a credit column, whose amount is the first). A workbook in the folder's saved/ is the same
    file as a spreadsheet saves it (with its formulas' results). See the README there."""
    answers = folder / "answers.csv"
    if not answers.exists():
        return
    with open(answers, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            expected = tuple(int(row[key].partition("-")[0]) if row[key].strip() else None
                             for key in ("payee_col", "amount_col", "date_col"))
            path = folder / "saved" / row["file"]
            yield row["file"], (path if path.exists() else folder / row["file"]).read_bytes(), expected


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearsight.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    import django

    django.setup()

    results: dict[str, list] = {}
    print(f"{'group':9} {'new':18} {'old':18} layout")
    for group, name, files in layouts():
        new_right, old_right, wrong_new, wrong_old = True, True, set(), set()
        for data, expected, file_name in files:
            new = judge(new_proposal(data), expected)
            old = judge(old_proposal(data), expected)
            wrong_new |= {k for k, ok in new.items() if not ok}
            wrong_old |= {k for k, ok in old.items() if not ok}
            if args.verbose and (not all(new.values())):
                print(f"    {file_name}: proposed {new_proposal(data)}, expected {dict(zip(KEY, expected))}")
        new_right, old_right = not wrong_new, not wrong_old
        results.setdefault(group, []).append((new_right, old_right))

        def show(wrong):
            return "right" if not wrong else "wrong: " + ",".join(sorted(k.replace("payee_name", "payee")
                                                                       .replace("paid_on", "date") for k in wrong))
        files_note = f" ({len(files)} files)" if len(files) > 1 else ""
        print(f"{group:9} {show(wrong_new):18} {show(wrong_old):18} {name[:90]}{files_note}")
    print()
    everything = [r for group in results.values() for r in group]
    for group in ("real", "tuning", "held out", "blind", "quirks", "third", "xls", "ods"):
        rows = results.get(group, [])
        if rows:
            print(f"{group:>9}: payee, amount and date all right on {sum(n for n, _ in rows)}/{len(rows)} layouts "
                  f"({sum(n for n, _ in rows) / len(rows):.0%}); the old guesser {sum(o for _, o in rows)}/{len(rows)} "
                  f"({sum(o for _, o in rows) / len(rows):.0%})")
    new_share = sum(n for n, _ in everything) / len(everything)
    old_share = sum(o for _, o in everything) / len(everything)
    print(f"      all: {sum(n for n, _ in everything)}/{len(everything)} layouts ({new_share:.0%}; goal at least 95%); "
          f"the old guesser {sum(o for _, o in everything)}/{len(everything)} ({old_share:.0%})")


if __name__ == "__main__":
    main()
