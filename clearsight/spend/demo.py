"""Demo spend: a year of payments for the demo council, generated deterministically and imported
through the real importer (so the demo shows real import reports and resolved suppliers)."""

import csv
import datetime
import io
import random

from clearsight.core.models import Organisation

PUBLISHER = "Anytown Council"
FILE_NAME = "anytown-spend-over-500-2024-25.csv"
LINES = 3000

# Payees as a finance system prints them: suppliers in several spellings, redacted people, cards.
PAYEES = [
    ("Brightclean Facilities Ltd", ["BRIGHTCLEAN FACILITIES LTD", "Brightclean Facilities Limited"], "Cleaning", "D3401", 30),
    ("Anytown Care Partnership", ["ANYTOWN CARE PARTNERSHIP"], "Residential Care", "C2101", 25),
    ("Northfield Construction plc", ["NORTHFIELD CONSTRUCTION PLC", "Northfield Construction"], "Building Works", "K9510", 20),
    ("Greenway Grounds Maintenance", ["GREENWAY GROUNDS MAINTENANCE"], "Grounds Maintenance", "D3420", 15),
    ("Swift Agency Staffing Ltd", ["SWIFT AGENCY STAFFING LTD"], "Agency Staff", "A1130", 15),
    ("Paperpoint Stationers", ["PAPERPOINT STATIONERS", "Paper Point Stationers"], "Stationery", "D3110", 10),
    ("Hillside Waste Services", ["HILLSIDE WASTE SERVICES LTD"], "Waste Collection", "D3430", 15),
    ("Unity Catering Supplies", ["UNITY CATERING SUPPLIES"], "Catering", "D3150", 8),
    ("Beacon Home Care", ["BEACON HOME CARE LTD"], "Home Care", "C2105", 12),
    ("Metro Security Group", ["METRO SECURITY GROUP"], "Security", "D3440", 6),
    ("Oakridge IT Solutions", ["OAKRIDGE IT SOLUTIONS LTD"], "IT Services", "D3710", 6),
    ("Riverside Car Wash", ["RIVERSIDE CAR WASH"], "Vehicle Cleaning", "D3460", 3),
]
# Payees a finance system might print that are not quite a known supplier: the spend import sends
# each to a person (a possible group company, names shorter than the supplier's, a framework the order
# went through), so the demo's supplier matches have something to review. "Bright Clean Svcs" is
# BrightClean Services Ltd again, and is matched without asking.
LOOK_ALIKES = [
    ("Castlegate Construction Group Ltd", [], "Building Works", "K9511", 2),
    ("Helping Hands Care", [], "Home Care", "C2106", 2),
    ("Northgate IT Solutions Ltd via Anytown Procurement Hub", [], "IT Services", "D3711", 2),
    ("Rosewood Care Ltd", [], "Residential Care", "C2102", 2),
    ("Bright Clean Svcs", [], "Cleaning", "D3402", 2),
]
SERVICES = ["Adult Social Care", "Housing", "Environment", "Corporate Services", "Children's Services"]


def demo_payees(organisation):
    """The demo council's suppliers (from the supply demo) as payees in a few spellings, and the
    look-alikes, or the fictional payees above when there are none."""
    from clearsight.supply.api import Supplier

    suppliers = list(Supplier.objects.unscoped("demo data").filter(organisation=organisation)
                     .prefetch_related("aliases").order_by("name"))
    if not suppliers:
        return PAYEES
    payees = []
    for index, supplier in enumerate(suppliers):
        spellings = [supplier.name.upper()] + [a.name for a in supplier.aliases.all() if a.name != supplier.name]
        category = (supplier.keywords or "General services")[:60]
        payees.append((supplier.name, spellings, category, f"D{3100 + index * 7}", 5 + (index * 37) % 30))
    known = {supplier.name for supplier in suppliers}
    return payees + [payee for payee in LOOK_ALIKES if payee[0] not in known]


def build_file(payees=PAYEES, seed: int = 2025) -> bytes:
    rng = random.Random(seed)
    PAYEES = payees  # noqa: N806
    weights = [p[4] for p in PAYEES]
    start = datetime.date(2024, 4, 1)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Service Area", "Expenditure Category", "Expenditure Code", "Paid Date", "Trans No", "Amount",
                     "Capital or Revenue", "Supplier Name"])
    for number in range(LINES):
        paid = (start + datetime.timedelta(days=rng.randrange(365))).strftime("%d/%m/%Y")
        roll = rng.random()
        if roll < 0.04:
            payee, category, code, amount = "Redacted personal data", "Grants", "D3701", rng.uniform(500, 2000)
        elif roll < 0.06:
            payee, category, code, amount = "Purchase card", "Purchase card", "D3999", rng.uniform(500, 900)
            category = "Purchase card"
        else:
            name, spellings, category, code, _ = rng.choices(PAYEES, weights)[0]
            payee = rng.choice([name] + spellings)
            amount = rng.lognormvariate(8, 1) + 500
            if rng.random() < 0.02:
                amount = -amount / 4  # a credit note
        text = f"{amount:,.2f}" if amount > 0 else f"({-amount:,.2f})"
        writer.writerow([rng.choice(SERVICES), category, code, paid, f"AT{number:06d}", text,
                         "Revenue", payee])
    return out.getvalue().encode("utf-8")


def load():
    from . import importer
    from .models import SpendImport

    organisation = Organisation.objects.filter(name="Anytown Council").first()
    if organisation is None:
        return None
    done = SpendImport.objects.unscoped("demo data").filter(organisation=organisation, file_name=FILE_NAME,
                                                            status=SpendImport.Status.IMPORTED).first()
    if done is not None:
        return done
    spend_import = importer.receive_file(organisation, PUBLISHER, FILE_NAME, build_file(demo_payees(organisation)))
    if spend_import.status == SpendImport.Status.NEEDS_MAPPING:
        importer.confirm_mapping(spend_import, spend_import.mapping["columns"])
    if spend_import.status == SpendImport.Status.QUEUED:
        spend_import = importer.run_import(spend_import.pk)
    return spend_import
