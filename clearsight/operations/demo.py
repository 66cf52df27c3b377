"""Fictional Anytown disruption operations, written for Clearsight: three carried out (with
outcomes and potential victims linked to the demo concerns and a demo support case), one being
planned and one cancelled. Runs after the concerns, cases and intelligence demo data."""

from datetime import timedelta

from django.utils import timezone

from clearsight.core.models import Organisation, User

from .models import Intervention, Operation, OperationVictim

DEMO_MARK = "[demo]"


def load():
    if Operation.objects.filter(powers__startswith=DEMO_MARK).exists():
        return
    from clearsight.cases.api import cases_for_user
    from clearsight.concerns.api import concerns_for_user, exploitation_type_ids
    from clearsight.intelligence.api import premises_for_user

    council = Organisation.objects.get(name="Anytown Council")
    police = Organisation.objects.get(name="Anytown Police")
    refuge = Organisation.objects.filter(name="Harbour Light Refuge").first()
    migrant = Organisation.objects.filter(name="Open Door Migrant Support").first()
    nhs = Organisation.objects.filter(name="Anytown and District NHS Foundation Trust").first()
    coordinator = User.objects.get(email="coordinator@anytown.example")
    responder = User.objects.get(email="first.responder@anytown.example")
    today = timezone.localdate()
    # The records are found as the demo's people would find them: the premises the coordinator may
    # see, the concerns the first responder handles and the cases the team manager manages.
    premises = {p.premises_type: p for p in premises_for_user(coordinator)
                if p.organisation_id in (council.pk, police.pk)}
    concerns = list(concerns_for_user(responder).filter(what_happened__startswith=DEMO_MARK))

    def person(text):
        return next((p for c in concerns for p in c.people.all()
                     if text.lower() in p.name.lower() and p.is_potential_victim), None)

    def operation(name, days, status, lead, others, targets, type_codes, powers, reception, victims=(), interventions=(),
                  **outcomes):
        op = Operation.objects.create(name=name, date=today + timedelta(days=days), status=status, lead_agency=lead,
                                      powers=f"{DEMO_MARK} {powers}", reception_arrangements=reception, created_by=coordinator,
                                      outcomes_recorded_at=timezone.now() if status == Operation.Status.DONE else None,
                                      **outcomes)
        op.participating_agencies.set([o for o in others if o is not None])
        op.target_premises.set([premises[k] for k in targets if k in premises])
        op.exploitation_types.set(exploitation_type_ids(type_codes))
        for concern_person, case in victims:
            if concern_person is not None or case is not None:
                OperationVictim.objects.create(operation=op, concern_person=concern_person, case=case, added_by=responder)
        for agency, kind, count in interventions:
            Intervention.objects.create(operation=op, agency=agency, kind=kind, count=count)
        return op

    reception = "Reception centre at Anytown Civic Centre, Room 2, from 6am: two first responders on call, Harbour Light Refuge support workers, telephone interpreters booked (Romanian, Vietnamese, Albanian)."
    manager = User.objects.get(email="team.manager@anytown.example")
    case = cases_for_user(manager).filter(organisation=council, nrm__isnull=False).order_by("opened_on").first()
    operation("Operation Lather: hand car washes", -41, Operation.Status.DONE, police, [council, migrant, refuge],
              ["hand_car_wash"], ["forced-to-work"],
              "Police powers of entry with a warrant; licensing and environmental health inspections; HMRC minimum wage checks.",
              reception, victims=[(person("Hill Farm"), None), (None, case)],
              interventions=[(police, "welfare", 9), (council, "licensing", 4), (council, "environmental_health", 3),
                             (police, "immigration", 6)],
              arrests_modern_slavery=2, arrests_immigration=3, arrests_other=1, closures=1, prohibition_notices=2,
              prevention_orders=1, intelligence_reports=5,
              intelligence_gained="Workers said they are moved between car washes in three towns; vehicle details passed to the regional organised crime unit.")
    operation("Operation Ivy: cannabis grow on Elm Road", -3, Operation.Status.DONE, police, [council, nhs],
              ["cannabis_grow", "hmo"], ["child-criminal-exploitation", "county-lines"],
              "Warrant under section 23 of the Misuse of Drugs Act 1971.", reception,
              victims=[(person("Elm Road"), None)],
              interventions=[(police, "safeguarding", 1), (council, "housing", 1)],
              arrests_modern_slavery=1, arrests_other=2, closures=1, intelligence_reports=2,
              intelligence_gained="Phone seized; links to a county line supplying two other addresses.")
    operation("Operation Gloss: nail bars", -70, Operation.Status.DONE, council, [police, migrant],
              ["nail_bar"], ["forced-to-work", "prostitution"],
              "Licensing inspections with police present; immigration checks by Immigration Enforcement.", reception,
              victims=[(person("civic centre"), None)],
              interventions=[(council, "licensing", 5), (council, "health_and_safety", 5), (police, "welfare", 7)],
              arrests_immigration=2, prohibition_notices=1, risk_orders=1, intelligence_reports=3,
              intelligence_gained="Two salons share a manager and a rented house; the house is now in an intelligence report.")
    operation("Operation Harbour: takeaways and flats above", 12, Operation.Status.PLANNED, council, [police, refuge, migrant],
              ["takeaway", "hmo"], ["forced-to-work", "domestic-servitude"],
              "Environmental health and food hygiene powers of entry; housing inspection of the flats above under the Housing Act 2004.",
              reception)
    operation("Operation Field: farm workers", -20, Operation.Status.CANCELLED, police, [council],
              [], ["forced-to-work"], "Cancelled: the farm closed before the operation.", "")
