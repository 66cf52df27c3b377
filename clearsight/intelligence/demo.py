"""Fictional premises, businesses and graded intelligence for the Anytown demo. Anytown Police record
most of it and share it with the council under the partnership's agreement; one business is also a
council supplier and is linked to it by the matching engine. Every name and address is made up (the
"AN" postcode area does not exist)."""

from datetime import timedelta

from django.utils import timezone

from clearsight.core.models import Organisation, User

from . import linking
from .models import Business, IntelligenceReport, Premises

POLICE = "Anytown Police"
COUNCIL = "Anytown Council"

PREMISES = [
    # key, recorded by, address, postcode, type
    ("car_wash", POLICE, "Unit 3, Station Yard\nMill Lane\nAnytown", "AN4 3CW", "hand_car_wash"),
    ("hmo", COUNCIL, "41 Victoria Terrace\nAnytown", "AN2 5VT", "hmo"),
    ("nail_bar", POLICE, "12 High Street\nAnytown", "AN1 1HS", "nail_bar"),
    ("takeaway", POLICE, "88 Church Road\nAnytown", "AN3 8CR", "takeaway"),
]

BUSINESSES = [
    # recorded by, name, trading names, company number, address, postcode, premises keys
    (POLICE, "Anytown Hand Carwash", "Station Yard Car Wash", "", "Unit 3, Station Yard, Mill Lane, Anytown", "AN4 3CW",
     ["car_wash"]),
    (POLICE, "Glamour Nails and Beauty", "Glamour Nails", "", "12 High Street, Anytown", "AN1 1HS", ["nail_bar"]),
    (POLICE, "Golden Dragon Takeaway", "", "", "88 Church Road, Anytown", "AN3 8CR", ["takeaway"]),
]

REPORTS = [
    # days ago, subject, premises keys, business names, source, assessment, handling, conditions, text
    (40, "premises", ["car_wash"], ["Anytown Hand Carwash"], "2", "B", "P", "",
     ("Workers at the car wash appear to live on site in a portable cabin behind the wash bays. A neighbour "
     "reports seeing the same six men arrive in a minibus at 6am and leave after 9pm, seven days a week. "
     "Trading standards visit last month found no cash register.")),
    (21, "premises", ["hmo"], [], "1", "A", "P", "",
     ("Housing officer inspection: eleven adults registered to a four-bedroom house; mattresses in the "
     "living room and kitchen. Residents said the landlord's brother collects their bank cards each Friday.")),
    (14, "business", ["nail_bar"], ["Glamour Nails and Beauty"], "2", "C", "C",
     ("Do not disclose to the premises owner or the landlord. For safeguarding planning only; ask the "
      "Anytown Police modern slavery team before acting on it."),
     ("Two young women working at the nail bar did not speak English and did not know the address where "
     "they live. One appeared to be under 18. A man waited outside and drove them away at closing time.")),
    (6, "vehicle", [], [], "3", "E", "P", "",
     ("Anonymous call: a white van seen at the car wash is used to move workers between Anytown and "
     "Bexford. The caller gave a registration that does not exist; likely false.")),
    (3, "business", ["takeaway"], ["Golden Dragon Takeaway"], "2", "D", "P", "",
     ("Staff at the takeaway are said to sleep above the shop and to be paid nothing for their first three "
     "months 'to pay off the journey'. Not yet corroborated.")),
]


def load():
    orgs = {o.name: o for o in Organisation.objects.filter(name__in=[POLICE, COUNCIL])}
    if len(orgs) < 2:
        return
    officer = User.objects.filter(email="officer@police.anytown.example").first()
    council_user = User.objects.filter(email="first.responder@anytown.example").first()
    premises = {}
    for key, org_name, address, postcode, kind in PREMISES:
        premises[key], _ = Premises.objects.update_or_create(
            organisation=orgs[org_name], address=address, defaults={"postcode": postcode, "premises_type": kind})
    businesses = {}
    for org_name, name, trading, number, address, postcode, keys in BUSINESSES:
        business, _ = Business.objects.update_or_create(
            organisation=orgs[org_name], name=name,
            defaults={"trading_names": trading, "company_number": number, "address": address, "postcode": postcode})
        business.premises.set([premises[k] for k in keys])
        businesses[name] = business
    today = timezone.localdate()
    for days, subject, keys, names, source, assessment, code, conditions, text in REPORTS:
        owner = orgs[COUNCIL] if keys == ["hmo"] else orgs[POLICE]
        report, _ = IntelligenceReport.objects.update_or_create(
            organisation=owner, text=text,
            defaults={"date": today - timedelta(days=days), "subject_kind": subject, "source_evaluation": source,
                      "assessment": assessment, "handling_code": code, "handling_conditions": conditions,
                      "submitted_by": council_user if owner.name == COUNCIL else officer})
        report.premises.set([premises[k] for k in keys])
        report.businesses.set([businesses[n] for n in names])
        report.conditions_organisations.set([orgs[COUNCIL]] if code == "C" else [])
    # The car wash the police know is the council's supplier "Anytown Hand Car Wash": the matching
    # engine links them (or puts the pair in the review queue).
    for business in businesses.values():
        linking.find_matching_supplier(business, orgs[COUNCIL], officer)
