"""Fictional demo cases for Anytown Council, one at every stage of the NRM. Dates are worked out from
today, so the clocks and alerts show the same picture whenever the demo is loaded. Nothing here
describes a real person."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from clearsight.core.models import Organisation, Team, TeamMember, User

from .models import (Case, CaseAssignment, CaseShare, ContactChannel, MoveOnExtension, NrmRecord, Person, RiskStatus,
                     ServiceReferral, SupportTask)

CHILDREN_TEAM = "Children's exploitation team"
ADULTS_TEAM = "Adult safeguarding team"
SHARING_AGREEMENT = "Anytown Safeguarding Partnership information sharing agreement (2025)"

PLAN_TASKS = [
    ("immediate", "Safe place to stay and help with food, clothing and a phone", 2),
    ("short", "Register with a GP and arrange a health assessment", 14),
    ("medium", "Independent legal advice on immigration status and compensation", 45),
]
POSITIVE, NEGATIVE = NrmRecord.Decision.POSITIVE, NrmRecord.Decision.NEGATIVE


def _born(age_years, days_after=0, today=None):
    """A date of birth for someone who is ``age_years`` old ``days_after`` days from today."""
    on = (today or timezone.localdate()) + timedelta(days=days_after)
    try:
        return on.replace(year=on.year - age_years)
    except ValueError:  # 29 February
        return date(on.year - age_years, 2, 28)


def load():
    council = Organisation.objects.get(name="Anytown Council")
    teams = {name: Team.objects.get_or_create(organisation=council, name=name)[0] for name in (CHILDREN_TEAM, ADULTS_TEAM)}
    caseworker = User.objects.get(email="caseworker@anytown.example")
    manager = User.objects.get(email="team.manager@anytown.example")
    for team in teams.values():
        TeamMember.objects.get_or_create(team=team, user=caseworker, defaults={"is_manager": False})
        TeamMember.objects.update_or_create(team=team, user=manager, defaults={"is_manager": True})
    if Case.objects.filter(team__in=teams.values()).exists():
        return
    harbour = Organisation.objects.filter(name="Harbour Light Refuge").first()
    today = timezone.localdate()

    def day(offset):
        return today + timedelta(days=offset)

    def case(team, person, opened, statuses, nrm=None, extensions=(), contacts=(), share=False, referrals=()):
        person = Person.objects.create(organisation=council, **person)
        c = Case.objects.create(person=person, organisation=council, team=teams[team], created_by=caseworker, opened_on=day(opened))
        CaseAssignment.objects.create(case=c, user=caseworker, assigned_at=timezone.now() + timedelta(days=opened))
        for offset, category, types, markers in statuses:
            RiskStatus.objects.create(case=c, category=category, exploitation_types=types, vulnerability_markers=markers,
                                      valid_from=day(offset), recorded_by=caseworker)
        if nrm:
            record = NrmRecord.objects.create(case=c, **{k: (day(v) if k.endswith("_on") else v) for k, v in nrm.items()})
            for days, agreed, reason in extensions:
                MoveOnExtension.objects.create(nrm=record, days=days, agreed_on=day(agreed), reason=reason)
        if opened <= -7:
            # A written support plan, started within days of the case opening (newer cases have none yet).
            written = timezone.now() + timedelta(days=opened + 3)
            for phase, description, due in PLAN_TASKS:
                SupportTask.objects.create(case=c, phase=phase, description=description, owner=caseworker,
                                           due_on=day(opened + due), created_at=written,
                                           status="done" if opened + due < 0 else "to_do")
        for kind, value, safe, notes in contacts:
            ContactChannel.objects.create(person=person, kind=kind, value=value, safe_to_contact=safe, notes=notes)
        for kind, service, status, requested, declined, why in referrals:
            ServiceReferral.objects.create(
                case=c, kind=kind, service=service, status=status, requested_on=day(requested),
                updated_on=day(declined if declined is not None else requested),
                partner=harbour if kind == ServiceReferral.Kind.VICTIM_CARE else None,
                declined_on=day(declined) if declined is not None else None, declined_reason=why)
        if share and harbour is not None:
            CaseShare.objects.create(case=c, organisation=harbour, agreement=SHARING_AGREEMENT, shared_by=caseworker,
                                     shared_at=timezone.now() - timedelta(days=10),
                                     reason="Harbour Light Refuge provides her place of safety and day-to-day support.")
        return c

    AT_RISK, VICTIM = RiskStatus.Category.AT_RISK, RiskStatus.Category.VICTIM
    with transaction.atomic():
        # Referred three days ago: waiting for the Reasonable Grounds decision.
        case(ADULTS_TEAM, {"first_name": "Daniel", "last_name": "Ionescu", "date_of_birth": _born(34), "gender": "masculine",
                           "nationalities": "Romanian", "languages": "Romanian, some English", "interpreter_needed": True,
                           "immigration_status": "pre_settled"},
             opened=-5, statuses=[(-5, AT_RISK, ["forced-to-work"], []), (-3, VICTIM, ["forced-to-work", "wages-taken"], [])],
             nrm={"referred_on": -3, "nrm_reference": "NRM-DEMO-0101"},
             contacts=[("phone", "07700 900101", False, "The car wash manager holds his phone")])
        # Positive Reasonable Grounds decision, in the recovery period; shared with Harbour Light Refuge.
        case(ADULTS_TEAM, {"first_name": "Amina", "last_name": "Yusuf", "aliases": "Mina", "date_of_birth": _born(27),
                           "gender": "feminine", "nationalities": "Nigerian", "languages": "English, Yoruba",
                           "immigration_status": "no_status", "no_recourse_to_public_funds": True},
             opened=-24, statuses=[(-24, VICTIM, ["domestic-servitude"], ["no-recourse"])],
             nrm={"referred_on": -20, "rg_decision": POSITIVE, "rg_decided_on": -12, "nrm_reference": "NRM-DEMO-0102"},
             contacts=[("phone", "07700 900102", True, "Refuge phone: call between 10am and 4pm")], share=True,
             referrals=[(ServiceReferral.Kind.VICTIM_CARE, "Safe house place and a support worker", ServiceReferral.Status.ACCEPTED, -12, None, ""),
                        (ServiceReferral.Kind.SERVICE, "Immigration legal advice", ServiceReferral.Status.REQUESTED, -5, None, "")])
        # Waiting a long time for the Conclusive Grounds decision.
        case(ADULTS_TEAM, {"first_name": "Minh", "last_name": "Tran", "date_of_birth": _born(20), "date_of_birth_estimated": True,
                           "gender": "masculine", "nationalities": "Vietnamese", "languages": "Vietnamese",
                           "interpreter_needed": True, "immigration_status": "asylum"},
             opened=-205, statuses=[(-205, VICTIM, ["forced-criminality"], [])],
             nrm={"referred_on": -200, "rg_decision": POSITIVE, "rg_decided_on": -190, "competent_authority": "ieca"})
        # Positive Conclusive Grounds decision, in move-on support with an extension.
        case(ADULTS_TEAM, {"first_name": "Rosa", "last_name": "Alvarez", "date_of_birth": _born(41), "gender": "feminine",
                           "nationalities": "Colombian", "languages": "Spanish, English", "immigration_status": "visa"},
             opened=-310, statuses=[(-310, AT_RISK, ["prostitution"], []), (-300, VICTIM, ["prostitution"], [])],
             nrm={"referred_on": -300, "rg_decision": POSITIVE, "rg_decided_on": -292, "cg_decision": POSITIVE,
                  "cg_decided_on": -60},
             extensions=[(30, -20, "Recovery needs assessment: still waiting for a tenancy; needs support to move in.")],
             contacts=[("email", "rosa.demo@example.org", True, "")])
        # Negative Reasonable Grounds decision.
        case(ADULTS_TEAM, {"first_name": "Piotr", "last_name": "Zielinski", "date_of_birth": _born(52), "gender": "masculine",
                           "nationalities": "Polish", "languages": "Polish", "immigration_status": "settled"},
             opened=-45, statuses=[(-45, AT_RISK, ["forced-to-work"], ["substance-use"])],
             nrm={"referred_on": -40, "rg_decision": NEGATIVE, "rg_decided_on": -32},
             referrals=[(ServiceReferral.Kind.SERVICE, "Drug and alcohol service", ServiceReferral.Status.ACCEPTED, -30, None, ""),
                        (ServiceReferral.Kind.SERVICE, "Adult social care needs assessment", ServiceReferral.Status.COMPLETED, -30, None, "")])
        # Withdrew from the NRM during the recovery period.
        case(ADULTS_TEAM, {"first_name": "Ioana", "last_name": "Marin", "date_of_birth": _born(23), "gender": "feminine",
                           "nationalities": "Romanian", "languages": "Romanian", "immigration_status": "pre_settled"},
             opened=-75, statuses=[(-75, VICTIM, ["prostitution"], [])],
             nrm={"referred_on": -70, "rg_decision": POSITIVE, "rg_decided_on": -62, "withdrawn_on": -30},
             referrals=[(ServiceReferral.Kind.VICTIM_CARE, "Safe house place and a support worker", ServiceReferral.Status.DECLINED, -61, -58,
                         "She chose to stay with her sister in another town rather than move to a safe house.")])
        # A child who turns 18 in 40 days, still waiting for the Conclusive Grounds decision.
        case(CHILDREN_TEAM, {"first_name": "Kyle", "last_name": "Morgan", "aliases": "K-Dog", "date_of_birth": _born(18, 40),
                             "gender": "masculine", "nationalities": "British", "languages": "English", "immigration_status": "british"},
             opened=-160, statuses=[(-160, AT_RISK, ["child-criminal-exploitation"], ["missing", "not-in-education"]),
                                    (-150, VICTIM, ["child-criminal-exploitation", "county-lines"], ["missing", "not-in-education"])],
             nrm={"referred_on": -150, "rg_decision": POSITIVE, "rg_decided_on": -141, "competent_authority": "devolved"},
             contacts=[("phone", "07700 900107", True, "His own phone. Text first."),
                       ("address", "14 Fernhill Road, Anytown", False, "Older associates visit this address")])
        # Negative Conclusive Grounds decision, with a reconsideration requested.
        case(ADULTS_TEAM, {"first_name": "Hassan", "last_name": "Karimi", "date_of_birth": _born(31), "gender": "masculine",
                           "nationalities": "Iranian", "languages": "Farsi", "interpreter_needed": True, "immigration_status": "asylum"},
             opened=-420, statuses=[(-420, VICTIM, ["forced-to-work"], [])],
             nrm={"referred_on": -415, "rg_decision": POSITIVE, "rg_decided_on": -407, "cg_decision": NEGATIVE,
                  "cg_decided_on": -25, "reconsideration_requested_on": -10})
        # Move-on support has ended after a positive Conclusive Grounds decision.
        case(ADULTS_TEAM, {"first_name": "Grace", "last_name": "Owusu", "date_of_birth": _born(38), "gender": "feminine",
                           "nationalities": "Ghanaian", "languages": "English, Twi", "immigration_status": "visa"},
             opened=-500, statuses=[(-500, VICTIM, ["domestic-servitude"], [])],
             nrm={"referred_on": -495, "rg_decision": POSITIVE, "rg_decided_on": -488, "cg_decision": POSITIVE,
                  "cg_decided_on": -120})
        # A child at risk, not referred to the NRM.
        case(CHILDREN_TEAM, {"first_name": "Jayden", "last_name": "Clarke", "date_of_birth": _born(15), "gender": "masculine",
                             "nationalities": "British", "languages": "English", "immigration_status": "british"},
             opened=-12, statuses=[(-12, AT_RISK, ["child-criminal-exploitation"], ["missing", "looked-after"])])
