"""Demo supplier and contract registers for Anytown Council (and a few for Bexford), written for
Clearsight. Every business here is fictional. Company numbers start with 99 (Companies House has not
issued numbers that high) and postcodes use the made-up area "AN", so nothing matches a real record.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from clearsight.core.dates import FinancialYear
from clearsight.core.models import Organisation, User

from .models import (ConcernSupplierLink, Contract, Supplier, SupplierAlias, SupplierContact, SupplierLicence,
                     SupplierStatement)
from .names import normalise_name

ALL_AREAS = ["structure", "policies", "due_diligence", "risk", "kpis", "training"]

# name: dict of profile facts. "statement": years before the current financial year for which a
# statement is recorded (0 = the current year, 1 = the latest completed one), with areas covered.
SUPPLIERS = [
    # Construction
    dict(name="Castlegate Construction Ltd", aliases=["Castlegate Construction"], sectors=["construction"], sic=["41201"],
         keywords="New build schools and housing", turnover="120000000", sme=False, agency=True, subcontract=True,
         operating=["GB"], sourcing=["GB", "DE"], goods=["Timber", "Steel"], postcode="AN1 4QT", company="99100001",
         statements=[(1, ALL_AREAS, True, True, "Mark Castle, Chief Executive"), (2, ALL_AREAS[:4], True, True, "Mark Castle, Chief Executive")]),
    dict(name="Redbrook Building Contractors Ltd", sectors=["construction"], sic=["41201", "43999"],
         keywords="Public realm works and paving", turnover="28000000", sme=False, agency=True, subcontract=True,
         operating=["GB"], sourcing=["CN", "IN"], goods=["Granite paving", "Bricks"], postcode="AN3 2DL", company="99100002"),
    dict(name="Hartley & Sons Roofing Ltd", aliases=["Hartley and Sons Roofing"], sectors=["construction"], sic=["43910"],
         keywords="Roof repairs to council housing", turnover="2400000", sme=True, agency=False, subcontract=False,
         operating=["GB"], sourcing=["GB"], postcode="AN2 7HS", company="99100003"),
    dict(name="Anytown Groundworks Ltd", sectors=["construction"], sic=["43120"], keywords="Groundworks and drainage",
         turnover="3100000", sme=True, agency=True, subcontract=True, operating=["GB"], postcode="AN4 1GW", company="99100004"),
    dict(name="Meridian Highways Ltd", sectors=["construction"], sic=["42110"], keywords="Highway maintenance and resurfacing",
         turnover="210000000", sme=False, agency=True, subcontract=True, accommodation=False, operating=["GB", "IE"],
         postcode="AN9 3MH", company="99100005", statements=[(1, ALL_AREAS, True, True, "Claire Wells, Managing Director")]),
    # Cleaning and security (agency labour)
    dict(name="BrightClean Services Ltd", aliases=["Bright Clean Services", "BrightClean Facilities"], sectors=["cleaning"],
         sic=["81210"], keywords="Office and school cleaning", turnover="14500000", sme=False, agency=True, subcontract=True,
         fees=None, operating=["GB"], postcode="AN1 8BC", company="99100006",
         statements=[(1, ["structure", "policies"], False, True, "Director")]),
    dict(name="Sparkle Window Cleaning", sectors=["cleaning"], sic=["81229"], keywords="Window cleaning at libraries",
         turnover="85000", sme=True, agency=False, subcontract=False, operating=["GB"], postcode="AN5 6SW"),
    dict(name="Sentinel Security Group plc", aliases=["Sentinel Security"], sectors=["security"], sic=["80100"],
         keywords="Manned guarding and CCTV monitoring", turnover="52000000", sme=False, agency=True, subcontract=True,
         operating=["GB"], postcode="AN1 2SG", company="99100007", licences=[("sia", "SIA-ACS-40213", 300)],
         statements=[(4, ["structure", "policies"], True, False, "")]),
    dict(name="Guardwell Security Services Ltd", sectors=["security"], sic=["80100"], keywords="Door supervision and key holding",
         turnover="1900000", sme=True, agency=True, subcontract=False, operating=["GB"], postcode="AN6 4GS", company="99100008",
         licences=[("sia", "SIA-ACS-51877", 120)]),
    # Care
    dict(name="Rosewood Care Homes Ltd", sectors=["care"], sic=["87300"], keywords="Residential care for older people",
         turnover="24000000", sme=False, agency=True, subcontract=False, accommodation=False, operating=["GB"],
         sourcing=["GB", "IN", "ZW"], postcode="AN2 5RC", company="99100009",
         licences=[("cqc", "1-1188400231", None)], statements=[(0, ALL_AREAS[:5], True, True, "Dr Anne Rowe, Director")]),
    dict(name="Meadowbank Care Ltd", sectors=["care"], sic=["87100"], keywords="Nursing home beds",
         turnover="6200000", sme=True, agency=True, operating=["GB"], postcode="AN7 2MB", company="99100010",
         licences=[("cqc", "1-1022231907", None)]),
    dict(name="Helping Hands Home Care Ltd", sectors=["care"], sic=["88100"], keywords="Home care visits",
         turnover="9800000", sme=True, agency=True, subcontract=False, accommodation=True, fees=None, operating=["GB"],
         sourcing=["IN", "NG", "PH"], postcode="AN3 9HH", company="99100011", licences=[("cqc", "1-3309812245", None)]),
    # Recruitment
    dict(name="Workforce First Recruitment Ltd", aliases=["Workforce First"], sectors=["recruitment"], sic=["78200"],
         keywords="Temporary labour for waste, parks and catering", turnover="31000000", sme=False, agency=True,
         subcontract=False, accommodation=True, fees=False, operating=["GB"], sourcing=["RO", "BG", "LT"],
         postcode="AN1 6WF", company="99100012", licences=[("glaa", "WFR0123/04", 200)],
         statements=[(1, ALL_AREAS, True, True, "Priya Natarajan, Managing Director")]),
    dict(name="Sunrise Nursing Agency Ltd", sectors=["recruitment", "care"], sic=["78109"], keywords="Agency nurses and carers",
         turnover="4300000", sme=True, agency=True, accommodation=False, fees=None, operating=["GB"], sourcing=["IN", "GH"],
         postcode="AN8 1SN", company="99100013"),
    # Car washes
    dict(name="Anytown Hand Car Wash", sectors=["car_wash"], sic=["45200"], keywords="Hand car wash for pool vehicles",
         turnover="120000", sme=True, agency=None, accommodation=None, fees=None, operating=["GB"], postcode="AN4 3CW"),
    dict(name="Supershine Car Valeting Ltd", sectors=["car_wash"], sic=["45200"], keywords="Fleet valeting",
         turnover="650000", sme=True, agency=True, operating=["GB"], postcode="AN2 9SV", company="99100014"),
    # Waste
    dict(name="Greenway Waste Management Ltd", aliases=["Greenway Waste"], sectors=["waste"], sic=["38110", "38210"],
         keywords="Household waste collection and disposal", turnover="85000000", sme=False, agency=True, subcontract=True,
         operating=["GB"], postcode="AN9 7GW", company="99100015",
         statements=[(1, ALL_AREAS, True, True, "Tom Reid, Chief Executive"), (2, ALL_AREAS, True, True, "Tom Reid, Chief Executive")]),
    dict(name="Anytown Recycling Services CIC", sectors=["waste"], sic=["38320"], keywords="Furniture reuse and recycling",
         turnover="780000", sme=True, agency=False, operating=["GB"], postcode="AN5 2RR", company="99100016"),
    # Catering
    dict(name="Harvest Table Catering Ltd", sectors=["catering"], sic=["56290"], keywords="School meals",
         turnover="40500000", sme=False, agency=True, subcontract=False, operating=["GB"], sourcing=["GB", "ES", "TH"],
         goods=["Frozen chicken", "Rice"], postcode="AN6 8HT", company="99100017",
         statements=[(0, ALL_AREAS, True, True, "Sarah Ng, Managing Director")]),
    dict(name="Little Acorns Catering", sectors=["catering"], sic=["56210"], keywords="Buffets for council events",
         turnover="140000", sme=True, agency=False, operating=["GB"], postcode="AN3 4LA"),
    # Textiles and uniforms
    dict(name="Uniform Direct Ltd", aliases=["Uniform Direct"], sectors=["textiles"], sic=["46420"],
         keywords="Staff uniforms and school uniform grants", turnover="18000000", sme=False, agency=False, subcontract=True,
         operating=["GB"], sourcing=["BD", "CN"], goods=["Garments", "Footwear"], postcode="AN7 5UD", company="99100018",
         statements=[(1, ["structure", "policies", "due_diligence"], False, True, "")]),
    dict(name="Protex Workwear Ltd", sectors=["textiles"], sic=["46420", "14120"], keywords="High-visibility clothing and gloves",
         turnover="7400000", sme=True, subcontract=True, operating=["GB"], sourcing=["CN", "MY", "PK"],
         goods=["Rubber gloves", "Garments"], postcode="AN8 4PW", company="99100019"),
    # Stationery
    dict(name="Pen & Paper (Anytown) Ltd", aliases=["Pen and Paper Anytown"], sectors=["office_supplies"], sic=["47620"],
         keywords="Local stationery shop", turnover="310000", sme=True, agency=False, subcontract=False, accommodation=False,
         fees=False, operating=["GB"], sourcing=["GB"], goods=["Stationery"], postcode="AN1 3PP", company="99100020"),
    dict(name="OfficeWorld Supplies Ltd", sectors=["office_supplies"], sic=["46660"], keywords="Office supplies framework",
         turnover="95000000", sme=False, agency=True, operating=["GB"], sourcing=["CN", "VN", "GB"], goods=["Stationery", "Furniture"],
         postcode="AN9 1OW", company="99100021", statements=[(1, ALL_AREAS, True, True, "Ian Barker, Chief Executive")]),
    # IT
    dict(name="Northgate IT Solutions Ltd", sectors=["electronics", "it_services"], sic=["46510", "62090"],
         keywords="Laptops, monitors and installation", turnover="60000000", sme=False, agency=False, subcontract=True,
         operating=["GB"], sourcing=["CN", "TW", "MY"], goods=["Electronics", "Laptops"], postcode="AN2 2NI", company="99100022",
         statements=[(0, ALL_AREAS, True, True, "Rachel Lowe, Director"), (1, ALL_AREAS, True, True, "Rachel Lowe, Director")]),
    dict(name="ByteBridge Computers Ltd", sectors=["electronics"], sic=["47410"], keywords="Refurbished laptops for libraries",
         turnover="1200000", sme=True, agency=False, operating=["GB"], sourcing=["CN"], goods=["Electronics"],
         postcode="AN4 6BB", company="99100023"),
    dict(name="CloudNine Software Ltd", sectors=["it_services"], sic=["62012"], keywords="Housing management system",
         turnover="11000000", sme=True, agency=False, operating=["GB", "IN"], postcode="AN1 9CN", company="99100024"),
    # Facilities, grounds, logistics, transport
    dict(name="Anytown Landscapes Ltd", sectors=["facilities"], sic=["81300"], keywords="Parks and grounds maintenance",
         turnover="2700000", sme=True, agency=True, subcontract=False, accommodation=False, operating=["GB"],
         postcode="AN5 8AL", company="99100025"),
    dict(name="Premier Facilities Management plc", aliases=["Premier FM"], sectors=["facilities", "cleaning", "security"],
         sic=["81100"], keywords="Total facilities management", turnover="310000000", sme=False, agency=True, subcontract=True,
         operating=["GB", "IE"], postcode="AN9 5PF", company="99100026",
         statements=[(1, ALL_AREAS, True, True, "Helen Shore, Chief Executive")]),
    dict(name="Swift Logistics Ltd", sectors=["logistics"], sic=["49410", "52103"], keywords="Deliveries and storage",
         turnover="22000000", sme=False, agency=True, subcontract=True, operating=["GB"], postcode="AN6 2SL", company="99100027"),
    dict(name="Anytown Taxis Ltd", sectors=["transport"], sic=["49320"], keywords="Home to school transport",
         turnover="900000", sme=True, agency=False, subcontract=True, operating=["GB"], postcode="AN3 7AT", company="99100028"),
    dict(name="Citywide Coaches Ltd", sectors=["transport"], sic=["49390"], keywords="Coach hire for school trips",
         turnover="5600000", sme=True, agency=True, operating=["GB"], postcode="AN7 9CC", company="99100029"),
    # Food, hospitality
    dict(name="Hillside Farm Produce", sectors=["agriculture"], sic=["01130"], keywords="Vegetables for school kitchens",
         turnover="450000", sme=True, agency=True, accommodation=True, fees=None, operating=["GB"], sourcing=["GB"],
         goods=["Vegetables"], postcode="AN8 8HF"),
    dict(name="FreshFields Foods Ltd", sectors=["food_processing"], sic=["10890"], keywords="Chilled ready meals",
         turnover="45000000", sme=False, agency=True, accommodation=False, operating=["GB", "PL"], sourcing=["GB", "TH", "BR"],
         goods=["Chicken", "Shrimp"], postcode="AN9 2FF", company="99100030",
         statements=[(1, ALL_AREAS, True, True, "Paul Frost, Managing Director")]),
    dict(name="The Grand Anytown Hotel", sectors=["hospitality"], sic=["55100"], keywords="Emergency accommodation",
         turnover="3800000", sme=True, agency=True, operating=["GB"], postcode="AN1 1GH", company="99100031"),
    dict(name="Budget Stay Hotels Ltd", sectors=["hospitality"], sic=["55100"], keywords="Bed and breakfast placements",
         turnover="70000000", sme=False, agency=True, operating=["GB"], postcode="AN9 4BS", company="99100032",
         statements=[(0, ALL_AREAS[:3], True, True, "Director")]),
    # Others
    dict(name="Anytown Community Transport", sectors=["transport", "leisure"], sic=["49390"], keywords="Dial-a-ride",
         turnover="600000", sme=True, agency=False, operating=["GB"], postcode="AN2 4CT", charity="1099001"),
    dict(name="Riverside Legal LLP", sectors=["professional_services"], sic=["69102"], keywords="Property legal advice",
         turnover="8500000", sme=True, agency=False, operating=["GB"], postcode="AN1 5RL", company="OC990001"),
    dict(name="Anytown Energy Co-operative", sectors=["energy"], sic=["35110"], keywords="Solar panels on council buildings",
         turnover="1500000", sme=True, operating=["GB"], sourcing=["CN"], goods=["Solar panels"], postcode="AN6 5EC"),
]

CONTACTS = {
    "Castlegate Construction Ltd": [("Nina Patel", "Head of social value", "nina.patel@castlegate.example", "01632 960101", True)],
    "BrightClean Services Ltd": [("Dave Morris", "Operations director", "dave.morris@brightclean.example", "01632 960202", True),
                                 ("Jo Evans", "HR manager", "jo.evans@brightclean.example", "", False)],
    "Sentinel Security Group plc": [("Alan Pike", "Compliance manager", "compliance@sentinel.example", "01632 960303", True)],
    "Rosewood Care Homes Ltd": [("Maria Santos", "Registered manager", "maria.santos@rosewood.example", "01632 960404", True)],
    "Workforce First Recruitment Ltd": [("Priya Natarajan", "Managing director", "priya@workforcefirst.example", "01632 960505", True)],
    "Uniform Direct Ltd": [("Kevin Lau", "Sourcing manager", "kevin.lau@uniformdirect.example", "", True)],
    "Northgate IT Solutions Ltd": [("Rachel Lowe", "Director", "rachel.lowe@northgate-it.example", "01632 960606", True)],
    "Pen & Paper (Anytown) Ltd": [("Bill Turner", "Owner", "shop@penandpaper.example", "01632 960707", True)],
}

# supplier, title, reference, annual, total, start (years ago), length in years, category, ProClass, route, managed
CONTRACTS = [
    ("Castlegate Construction Ltd", "New primary school at Elm Park", "AC-0101", "4200000", "8400000", 1, 2, "Construction", ("391000", "Construction"), "Open tender", True),
    ("Castlegate Construction Ltd", "Council housing retrofit, phase 1", "AC-0102", "1100000", "3300000", 0, 3, "Construction", ("391100", "Housing construction"), "Framework call-off", False),
    ("Redbrook Building Contractors Ltd", "Town centre paving and public realm", "AC-0103", "950000", "1900000", 0, 2, "Construction", ("391400", "Roads"), "Open tender", True),
    ("Hartley & Sons Roofing Ltd", "Roof repairs to council housing", "AC-0104", "180000", "540000", 1, 3, "Housing repairs", ("391200", "Building maintenance"), "Mini-competition", False),
    ("Anytown Groundworks Ltd", "Drainage works at Riverside depot", "AC-0105", "22000", "22000", 0, 1, "Construction", ("391300", "Civil engineering"), "Request for quotation", False),
    ("Meridian Highways Ltd", "Highway maintenance term contract", "AC-0106", "6500000", "45500000", 2, 7, "Highways", ("391400", "Roads"), "Open tender", True),
    ("BrightClean Services Ltd", "Cleaning of council offices", "AC-0201", "640000", "2560000", 1, 4, "Facilities management", ("241500", "Cleaning services"), "Open tender", True),
    ("BrightClean Services Ltd", "School cleaning, north schools", "AC-0202", "320000", "960000", 0, 3, "Facilities management", ("241500", "Cleaning services"), "Mini-competition", True),
    ("Sparkle Window Cleaning", "Window cleaning at libraries", "AC-0203", "6800", "13600", 0, 2, "Facilities management", ("241500", "Cleaning services"), "Request for quotation", False),
    ("Sentinel Security Group plc", "Security guarding at the civic centre", "AC-0204", "410000", "1640000", 1, 4, "Security", ("241700", "Security services"), "Framework call-off", True),
    ("Guardwell Security Services Ltd", "Key holding and alarm response", "AC-0205", "19500", "19500", 0, 1, "Security", ("241700", "Security services"), "Request for quotation", False),
    ("Rosewood Care Homes Ltd", "Residential care beds (block contract)", "AC-0301", "2900000", "14500000", 1, 5, "Adult social care", ("321000", "Social community care - adult"), "Open tender", True),
    ("Meadowbank Care Ltd", "Nursing care beds", "AC-0302", "780000", "2340000", 0, 3, "Adult social care", ("321000", "Social community care - adult"), "Dynamic purchasing system", False),
    ("Helping Hands Home Care Ltd", "Home care, east locality", "AC-0303", "1450000", "5800000", 1, 4, "Adult social care", ("321000", "Social community care - adult"), "Open tender", True),
    ("Workforce First Recruitment Ltd", "Temporary agency workers", "AC-0401", "2200000", "6600000", 1, 3, "Temporary staff", ("201500", "Agency staff"), "Framework call-off", True),
    ("Sunrise Nursing Agency Ltd", "Agency carers for reablement", "AC-0402", "240000", "240000", 0, 1, "Temporary staff", ("201500", "Agency staff"), "Direct award", False),
    ("Supershine Car Valeting Ltd", "Valeting of pool vehicles", "AC-0403", "9600", "19200", 0, 2, "Fleet", ("361200", "Vehicle maintenance"), "Request for quotation", False),
    ("Greenway Waste Management Ltd", "Household waste collection", "AC-0501", "9800000", "78400000", 3, 8, "Waste", ("401000", "Waste management"), "Open tender", True),
    ("Anytown Recycling Services CIC", "Bulky item reuse service", "AC-0502", "48000", "144000", 1, 3, "Waste", ("401000", "Waste management"), "Grant agreement", False),
    ("Harvest Table Catering Ltd", "School meals", "AC-0601", "3600000", "18000000", 2, 5, "Catering", ("171000", "Catering services"), "Open tender", True),
    ("Little Acorns Catering", "Catering for council events", "AC-0602", "4500", "4500", 0, 1, "Catering", ("171000", "Catering services"), "Request for quotation", False),
    ("Uniform Direct Ltd", "Staff uniforms and workwear", "AC-0701", "150000", "600000", 1, 4, "Clothing", ("121000", "Clothing"), "Framework call-off", True),
    ("Protex Workwear Ltd", "Gloves and hand protection", "AC-0702", "35000", "70000", 0, 2, "Clothing", ("121300", "Protective clothing"), "Mini-competition", False),
    ("Pen & Paper (Anytown) Ltd", "Stationery for the civic centre", "AC-0801", "8000", "16000", 0, 2, "Office supplies", ("281000", "Stationery"), "Request for quotation", False),
    ("OfficeWorld Supplies Ltd", "Office supplies framework call-off", "AC-0802", "120000", "480000", 1, 4, "Office supplies", ("281000", "Stationery"), "Framework call-off", False),
    ("Northgate IT Solutions Ltd", "Laptop refresh programme", "AC-0901", "1600000", "3200000", 0, 2, "ICT", ("221000", "Computer hardware"), "Framework call-off", True),
    ("ByteBridge Computers Ltd", "Refurbished laptops for libraries", "AC-0902", "24000", "24000", 0, 1, "ICT", ("221000", "Computer hardware"), "Request for quotation", False),
    ("CloudNine Software Ltd", "Housing management system", "AC-0903", "210000", "1050000", 2, 5, "ICT", ("222000", "Software"), "Open tender", False),
    ("Anytown Landscapes Ltd", "Parks grounds maintenance", "AC-1001", "380000", "1520000", 1, 4, "Parks", ("251000", "Grounds maintenance"), "Open tender", True),
    ("Premier Facilities Management plc", "Total facilities management, depots", "AC-1002", "2800000", "14000000", 2, 5, "Facilities management", ("241000", "Facilities management"), "Framework call-off", True),
    ("Anytown Taxis Ltd", "Home to school transport routes", "AC-1101", "260000", "780000", 1, 3, "Transport", ("361000", "Passenger transport"), "Dynamic purchasing system", False),
    ("FreshFields Foods Ltd", "Chilled meals for community meals service", "AC-1201", "330000", "990000", 1, 3, "Catering", ("171100", "Food"), "Open tender", False),
]

BEXFORD_SUPPLIERS = [
    dict(name="Bexford Cleaning Co Ltd", sectors=["cleaning"], sic=["81210"], keywords="Office cleaning", turnover="3200000",
         sme=True, agency=True, operating=["GB"], postcode="BX1 2CC", company="99200001"),
    dict(name="Thameside Builders Ltd", sectors=["construction"], sic=["41201"], keywords="Housing repairs", turnover="39000000",
         sme=False, agency=True, subcontract=True, operating=["GB"], postcode="BX4 5TB", company="99200002"),
    dict(name="Bexford Care Partnership Ltd", sectors=["care"], sic=["87300"], keywords="Residential care", turnover="8000000",
         sme=True, agency=True, operating=["GB"], postcode="BX2 8BC", company="99200003", licences=[("cqc", "1-9000000001", None)]),
]
BEXFORD_CONTRACTS = [
    ("Bexford Cleaning Co Ltd", "Cleaning of Bexford town hall", "BX-001", "95000", "285000", 1, 3, "Facilities management", ("241500", "Cleaning services"), "Open tender", False),
    ("Thameside Builders Ltd", "Responsive housing repairs", "BX-002", "2100000", "8400000", 1, 4, "Housing repairs", ("391200", "Building maintenance"), "Open tender", False),
]


def _supplier(organisation, spec, today):
    fy = FinancialYear.containing(today).end_year
    values = {
        "sectors": spec.get("sectors", []), "sic_codes": spec.get("sic", []), "keywords": spec.get("keywords", ""),
        "goods": spec.get("goods", []), "operating_countries": spec.get("operating", []),
        "sourcing_countries": spec.get("sourcing", []), "is_sme": spec.get("sme"),
        "annual_turnover": Decimal(spec["turnover"]) if spec.get("turnover") else None,
        "uses_agency_labour": spec.get("agency"), "subcontracts_work": spec.get("subcontract"),
        "provides_worker_accommodation": spec.get("accommodation"), "charges_recruitment_fees": spec.get("fees"),
        "postcode": spec.get("postcode", ""), "company_number": spec.get("company", ""),
        "charity_number": spec.get("charity", ""), "source": spec.get("source", "demo"),
        "needs_review": spec.get("review", False),
        "address": f"Unit {len(spec['name']) % 20 + 1}, Anytown Business Park\nAnytown" if spec.get("postcode", "").startswith("AN") else "",
    }
    supplier, _ = Supplier.objects.update_or_create(organisation=organisation, name=spec["name"], defaults=values)
    for name, source in [(spec["name"], "name")] + [(a, "entered") for a in spec.get("aliases", [])]:
        SupplierAlias.objects.get_or_create(organisation=organisation, normalised=normalise_name(name),
                                            defaults={"supplier": supplier, "name": name, "source": source})
    supplier.licences.all().delete()
    for kind, number, valid_days in spec.get("licences", []):
        SupplierLicence.objects.create(supplier=supplier, kind=kind, number=number,
                                       valid_until=today + timedelta(days=valid_days) if valid_days else None)
    supplier.statements.all().delete()
    for years_back, areas, board, signed, signed_by in spec.get("statements", []):
        year = fy - years_back
        SupplierStatement.objects.create(
            supplier=supplier, year=year, areas_covered=areas, board_approved=board, signed=signed, signed_by=signed_by,
            url=f"https://www.{normalise_name(spec['name']).replace(' ', '')}.example/modern-slavery-statement-{year}")
    supplier.contacts.all().delete()
    for name, role, email, phone, main in CONTACTS.get(spec["name"], []):
        SupplierContact.objects.create(supplier=supplier, name=name, role=role, email=email, phone=phone, is_main=main)
    return supplier


def _contracts(organisation, suppliers, rows, manager, today):
    for name, title, reference, annual, total, years_ago, length, category, proclass, route, managed in rows:
        starts = date(today.year - years_ago, 4, 1)
        ends = date(starts.year + length, 3, 31)
        Contract.objects.update_or_create(organisation=organisation, reference=reference, defaults={
            "supplier": suppliers[name], "title": title, "annual_value": Decimal(annual), "total_value": Decimal(total),
            "starts_on": starts, "ends_on": ends, "current_expiry": ends, "category": category,
            "proclass_code": proclass[0], "proclass_description": proclass[1], "procurement_route": route,
            "directorate": "Place" if category in ("Construction", "Highways", "Waste", "Parks", "Transport") else "Corporate services",
            "contract_manager": manager if managed else None,
        })


@transaction.atomic
def load():
    anytown = Organisation.objects.filter(name="Anytown Council").first()
    if anytown is None:
        return
    today = timezone.localdate()
    suppliers = {spec["name"]: _supplier(anytown, spec, today) for spec in SUPPLIERS}
    manager = User.objects.filter(email="contracts@anytown.example").first()
    _contracts(anytown, suppliers, CONTRACTS, manager, today)

    # The Duty to Notify demo concern is about the cleaning contractor: the first responder linked it.
    from clearsight.concerns.api import concerns_for_user

    responder = User.objects.filter(email="first.responder@anytown.example").first()
    concern = None if responder is None else (
        concerns_for_user(responder).filter(handling_organisation=anytown, business_details__icontains="BrightClean")
        .first())
    if concern is not None:
        ConcernSupplierLink.objects.get_or_create(
            concern=concern, supplier=suppliers["BrightClean Services Ltd"], defaults={"linked_by": responder})

    bexford = Organisation.objects.filter(name="Bexford Borough Council").first()
    if bexford is not None:
        theirs = {spec["name"]: _supplier(bexford, spec, today) for spec in BEXFORD_SUPPLIERS}
        _contracts(bexford, theirs, BEXFORD_CONTRACTS, None, today)

    from .hooks import suppliers_changed

    suppliers_changed.send(anytown)
    if bexford is not None:
        suppliers_changed.send(bexford)
