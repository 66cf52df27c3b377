"""Fictional concerns for the Anytown demo, one in every state of triage. Written for Clearsight."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from clearsight.core.dates import FinancialYear
from clearsight.core.models import Organisation, User

from . import services
from .consent import ReportedConsent
from .models import Action, Concern, ConcernPerson, ExploitationType, Indicator, StatutoryReferral, Triage
from .routing import AgeGroup, Consent

DEMO_MARK = "[demo]"


def _concern(reporter_email, days_ago, **fields):
    reporter = User.objects.get(email=reporter_email)
    people = fields.pop("people", [])
    indicators = fields.pop("indicators", [])
    types = fields.pop("types", [])
    draft = fields.pop("draft", False)
    concern = Concern.objects.create(reporter=reporter, reporter_organisation=reporter.primary_organisation, **fields)
    for position, (name, age, gender, *said) in enumerate(people, start=1):
        # said: the reporter's answers about an adult's consent and wishes, where they gave them.
        consent, wishes = (said + ["", ""])[:2]
        ConcernPerson.objects.create(concern=concern, position=position, name=name, age_group=age, gender=gender,
                                     reported_consent=consent, reported_wishes=wishes)
    concern.indicators.set(Indicator.objects.filter(code__in=indicators))
    concern.exploitation_types.set(ExploitationType.objects.filter(code__in=types))
    when = timezone.now() - timedelta(days=days_ago)
    if draft:
        concern.created_at = when
        concern.renew_draft()
        concern.save()
    else:
        services.submit(concern)
        Concern.objects.filter(pk=concern.pk).update(submitted_at=when, created_at=when)
        concern.refresh_from_db()
    return concern


def load():
    if Concern.objects.filter(what_happened__startswith=DEMO_MARK).exists():
        return
    council = Organisation.objects.get(name="Anytown Council")
    routes = services.ensure_route_settings(council)
    # Anytown has an Independent Child Trafficking Guardian service; its children's front door is the MASSH.
    routes["ictg_referral"].available = True
    routes["ictg_referral"].contact_phone = "0800 000 0000 (demo)"
    routes["ictg_referral"].save()
    routes["childrens_front_door"].title = "Refer the child to the MASSH (children's front door)"
    routes["childrens_front_door"].contact_phone = "01632 960 100 (demo)"
    routes["childrens_front_door"].save()
    tom = User.objects.get(email="first.responder@anytown.example")
    _last_year(council, tom, timezone.localdate())

    # A draft, left half-way by a housing officer.
    _concern("staff@anytown.example", 2, draft=True, immediate_danger="no",
             what_happened=f"{DEMO_MARK} Several men seem to live above the hand car wash on Mill Lane. I have only started writing this.")

    # New: a child at a nail bar, reported by a health visitor, waiting for triage.
    _concern("nurse@nhs.anytown.example", 0, immediate_danger="not_sure",
             what_happened=f"{DEMO_MARK} A girl who looks about 15 was working at the nail bar during school hours. She did not speak English and an older man answered every question for her.",
             location="Nail bar, 14 High Street, Anytown", premises_type="nail_bar", seen_on=timezone.localdate() - timedelta(days=1),
             still_happening="yes", business_involved="yes", business_details="Glamour Nails, 14 High Street",
             people=[("Girl at the nail bar", AgeGroup.UNKNOWN, "female")],
             indicators=["general-06", "general-20", "child-09"], types=["forced-to-work"])

    # In triage: more information needed.
    c = _concern("staff@anytown.example", 5, immediate_danger="no",
                 what_happened=f"{DEMO_MARK} A tenant said her cousin works long hours in a takeaway and is never paid, but would not say more.",
                 location="Takeaway on Station Road", premises_type="takeaway", seen_on=timezone.localdate() - timedelta(days=6),
                 still_happening="not_sure", business_involved="not_sure",
                 people=[("Tenant's cousin", AgeGroup.ADULT, "male", ReportedConsent.NOT_TOLD, "")], indicators=["general-25"], types=["forced-to-work"])
    services.triage(c, tom, outcome=Triage.Outcome.MORE_INFORMATION, reasoning="Speak to the tenant again with an interpreter before deciding.",
                    immediate_danger=False, supplier_involved=False,
                    people_facts={c.people.get(): (AgeGroup.ADULT, "", None, None)})

    # Actions open: a 17-year-old found at a cannabis farm, with an overdue front door referral.
    c = _concern("officer@police.anytown.example", 3, immediate_danger="yes", called_999=True, police_reference="AT-2611-0412",
                 what_happened=f"{DEMO_MARK} During a warrant at a house on Elm Road officers found a 17-year-old boy tending cannabis plants. He had been locked in.",
                 location="Elm Road, Anytown", premises_type="private_house", seen_on=timezone.localdate() - timedelta(days=3),
                 still_happening="no", business_involved="no",
                 people=[("Boy found at Elm Road", AgeGroup.CHILD, "male")], indicators=["general-02", "general-05", "child-10"],
                 types=["forced-criminality", "child-criminal-exploitation"])
    services.triage(c, tom, outcome=Triage.Outcome.POTENTIAL_VICTIMS, reasoning="Child found in a locked cannabis grow; clear indicators of criminal exploitation.",
                    immediate_danger=True, supplier_involved=False,
                    people_facts={c.people.get(): (AgeGroup.CHILD, "", False, True)})
    police = c.actions.get(kind="police")
    services.complete_action(police, tom, reference="AT-2611-0412", notes="Police were on scene.")
    Action.objects.filter(concern=c, kind="childrens_front_door").update(due_at=timezone.now() - timedelta(days=2))

    # Duty to Notify: an adult cleaner who does not consent, supplier involved.
    c = _concern("contracts@anytown.example", 8, immediate_danger="no",
                 what_happened=f"{DEMO_MARK} A cleaner on the council offices contract said the agency keeps her passport and takes most of her wages for rent.",
                 location="Civic Centre, Anytown", premises_type="other", premises_other="Council offices", seen_on=timezone.localdate() - timedelta(days=9),
                 still_happening="yes", business_involved="yes", business_details="BrightClean Services Ltd, the council's cleaning contractor",
                 people=[("Cleaner on the civic centre contract", AgeGroup.ADULT, "female", ReportedConsent.DOES_NOT_AGREE,
                         "She wants to keep the job and asked me not to tell the agency she had spoken to me.")],
                 indicators=["general-13", "general-26"], types=["wages-taken", "forced-to-work"])
    services.triage(c, tom, outcome=Triage.Outcome.POTENTIAL_VICTIMS, reasoning="Passport withheld and wages taken; she is afraid of losing her job and does not want to be referred.",
                    immediate_danger=False, supplier_involved=True,
                    people_facts={c.people.get(): (AgeGroup.ADULT, Consent.REFUSED, False, True)})

    # Duties discharged: an adult who consented, with care and support needs; everything done.
    c = _concern("caseworker@anytown.example", 30, immediate_danger="no",
                 what_happened=f"{DEMO_MARK} A man with learning disabilities has been made to work on a farm for food and a caravan.",
                 location="Farm off the Bexford road", premises_type="farm", seen_on=timezone.localdate() - timedelta(days=31),
                 still_happening="no", business_involved="yes", business_details="Hill Farm",
                 people=[("Man at Hill Farm", AgeGroup.ADULT, "male", ReportedConsent.AGREES,
                         "He wants to leave the farm and to be somewhere he is paid.")], indicators=["general-25", "general-29"], types=["forced-to-work"])
    services.triage(c, tom, outcome=Triage.Outcome.POTENTIAL_VICTIMS, reasoning="Labour exploitation of an adult with care and support needs; he wants help.",
                    immediate_danger=False, supplier_involved=False,
                    people_facts={c.people.get(): (AgeGroup.ADULT, Consent.GIVEN, True, True)})
    for action in c.actions.all():
        services.complete_action(action, tom, reference=f"DEMO-{action.kind[:3].upper()}-001", notes="Done in the demo.")

    # No further action.
    c = _concern("training@anytown.example", 12, immediate_danger="no",
                 what_happened=f"{DEMO_MARK} Young people gathering outside a shop late at night.",
                 location="Market Square", premises_type="public_place", seen_on=timezone.localdate() - timedelta(days=12),
                 still_happening="not_sure", business_involved="no", people=[])
    services.triage(c, tom, outcome=Triage.Outcome.NOT_MODERN_SLAVERY, reasoning="Checked with the youth service: a known youth club group, no signs of exploitation.",
                    immediate_danger=False, supplier_involved=False, people_facts={})


# Last financial year's concerns, already dealt with, so that board figures and the statement have
# numbers to show: (month of the year from April = 0, day, what happened, premises, people as
# (description, age group, consent), exploitation types).
LAST_YEAR = [
    (0, 8, "Men collected by minibus at 5am from a shared house and dropped at a packing plant.", "factory",
     [("Man at the packing plant", "adult", "given"), ("Second man at the packing plant", "adult", "given")],
     ["forced-to-work", "wages-taken"]),
    (0, 23, "A boy found carrying drugs between two towns; phone taken and debts mentioned.", "public_place",
     [("Boy stopped at the station", "child", "unable")], ["county-lines", "child-criminal-exploitation"]),
    (1, 14, "A woman cleaning a family home says she is not paid and cannot leave.", "private_house",
     [("Woman at the family home", "adult", "given")], ["domestic-servitude"]),
    (2, 3, "A tenant's flat taken over by a dealer; he sleeps on the floor.", "private_house",
     [("Tenant of the flat", "adult", "refused")], ["cuckooing"]),
    (3, 18, "Car wash workers living in a container behind the site.", "car_wash",
     [("Car wash worker", "adult", "given"), ("Second car wash worker", "adult", "refused")], ["forced-to-work"]),
    (4, 2, "A girl seen going to hotels with older men, with new phones and clothes.", "hotel",
     [("Girl seen at the hotel", "child", "unable")], ["child-sexual-exploitation"]),
    (5, 11, "Nail bar staff sleeping at the shop; passports held by the owner.", "nail_bar",
     [("Nail bar worker", "adult", "given")], ["forced-to-work", "wages-taken"]),
    (6, 20, "A care worker on a sponsored visa charged fees and threatened with deportation.", "care",
     [("Care worker", "adult", "given")], ["forced-to-work"]),
    (7, 6, "Two teenagers found in a cannabis grow above a takeaway.", "takeaway",
     [("First teenager in the grow", "child", "unable"), ("Second teenager in the grow", "child", "unable")],
     ["forced-criminality"]),
    (8, 15, "Builders paid in cash far below the minimum wage, living on site.", "construction",
     [("Builder living on site", "adult", "refused")], ["forced-to-work"]),
    (9, 9, "A man made to beg in the town centre and hand over what he is given.", "public_place",
     [("Man begging in the town centre", "adult", "given")], ["forced-criminality"]),
    (10, 27, "A young woman says her husband's family keep her at home to do all the housework.", "private_house",
     [("Young woman", "adult", "given")], ["domestic-servitude", "forced-marriage"]),
    (11, 4, "Farm workers recruited abroad with debts for travel they cannot repay.", "farm",
     [("Farm worker", "adult", "given"), ("Second farm worker", "adult", "given"), ("Third farm worker", "adult", "refused")],
     ["forced-to-work", "wages-taken"]),
]


def _last_year(council, first_responder, today):
    starts = FinancialYear.containing(today).previous.starts
    for number, (month, day, what, premises, people, types) in enumerate(LAST_YEAR, start=1):
        seen = date(starts.year + (starts.month + month - 1) // 12, (starts.month + month - 1) % 12 + 1, day)
        reported = timezone.make_aware(datetime.combine(seen + timedelta(days=1), time(10, 0)))
        c = _concern("first.responder@anytown.example", (timezone.now() - reported).days, immediate_danger="no",
                     what_happened=f"{DEMO_MARK} {what}", location="Anytown", premises_type=premises,
                     seen_on=seen, still_happening="no", business_involved="not_sure",
                     people=[(name, age, "") for name, age, _ in people], types=types)
        Concern.objects.filter(pk=c.pk).update(submitted_at=reported, created_at=reported)
        facts = {person: (age, consent, False, True) for person, (_, age, consent) in zip(c.people.order_by("position"), people)}
        services.triage(c, first_responder, outcome=Triage.Outcome.POTENTIAL_VICTIMS,
                        reasoning="Indicators of exploitation confirmed when we spoke to them.", immediate_danger=False,
                        supplier_involved=False, people_facts=facts)
        Triage.objects.filter(concern=c).update(triaged_at=reported + timedelta(hours=3))
        submitted = seen + timedelta(days=3)
        StatutoryReferral.objects.filter(action__concern=c).update(status=StatutoryReferral.Status.SUBMITTED,
                                                                   submitted_on=submitted)
        for action in c.actions.all():
            services.complete_action(action, first_responder, reference=f"DEMO-{number:02d}-{action.kind[:3].upper()}",
                                     notes="Done at the time.")
        Action.objects.filter(concern=c).update(
            done_at=timezone.make_aware(datetime.combine(submitted, time(16, 0))))
