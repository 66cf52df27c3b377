"""Demo partnership records: the Anytown modern slavery operational group and strategic board, two
information sharing agreements accepted by every party (one active, one expired) and one waiting for
two parties' acceptance, a past meeting with minutes and actions
(one overdue) and the next meeting. Fictional throughout."""

from datetime import timedelta

from django.utils import timezone

from clearsight.core.models import Organisation, User

from . import agenda, agreements
from .models import GroupMember, InformationSharingAgreement, Meeting, PartnershipAction, PartnershipGroup

COUNCIL, POLICE, NHS = "Anytown Council", "Anytown Police", "Anytown and District NHS Foundation Trust"
REFUGE, OPEN_DOOR = "Harbour Light Refuge", "Open Door Migrant Support"

# Who signs agreements for each organisation (an administrator or a data protection officer).
SIGNATORIES = {
    COUNCIL: "admin@anytown.example",
    POLICE: "dpo@police.anytown.example",
    NHS: "dpo@nhs.anytown.example",
    REFUGE: "dpo@harbourlight.example",
    OPEN_DOOR: "dpo@opendoor.example",
}

CONTACTS = {
    COUNCIL: "coordinator@anytown.example",
    POLICE: "officer@police.anytown.example",
    NHS: "nurse@nhs.anytown.example",
    REFUGE: "support@harbourlight.example",
    OPEN_DOOR: ("Marta Silva", "marta.silva@opendoor.example"),
}


def _group(name, kind, frequency, orgs, members, terms):
    group, _ = PartnershipGroup.objects.update_or_create(name=name, defaults={
        "kind": kind, "organisation": orgs[COUNCIL], "meeting_frequency": frequency, "terms_of_reference": terms})
    for org_name in members:
        contact = CONTACTS[org_name]
        fields = {"contact_user": None, "contact_name": "", "contact_email": ""}
        if isinstance(contact, tuple):
            fields.update(contact_name=contact[0], contact_email=contact[1])
        else:
            fields["contact_user"] = User.objects.filter(email=contact).first()
        # The demo's members have accepted their invitations (their contacts did, where they have accounts).
        fields.update(accepted_at=timezone.now(), accepted_by=fields["contact_user"])
        GroupMember.objects.update_or_create(group=group, organisation=orgs[org_name], defaults=fields)
    return group


def _agreement(orgs, title, starts, review, ends, parties, kinds, accepting):
    """An agreement made as the service makes one: proposed by the council's coordinator, accepted by
    the signatories of ``accepting``."""
    if InformationSharingAgreement.objects.unscoped("demo data: is it loaded already").filter(title=title).exists():
        return
    coordinator = User.objects.get(email="coordinator@anytown.example")
    terms = {"title": title, "starts_on": starts, "review_on": review, "ends_on": ends, "data_kinds": kinds,
             "purpose": "To identify and safeguard potential victims of modern slavery in Anytown, and to disrupt "
                        "the people and businesses exploiting them, by sharing what each agency knows.",
             "lawful_basis": "UK GDPR Article 6(1)(e) public task and Article 9(2)(g) substantial public interest "
                             "(safeguarding); Data Protection Act 2018 Part 3 for the police; Crime and Disorder Act 1998 section 115."}
    agreement = agreements.propose(None, terms, [orgs[p] for p in parties], by=coordinator, for_organisation=orgs[COUNCIL])
    for name in accepting:
        agreements.accept(agreement, 1, by=User.objects.get(email=SIGNATORIES[name]), for_organisation=orgs[name])


def load_agreements():
    """The agreements, loaded before other contexts' demo records: partners' concerns are routed by them."""
    orgs = {o.name: o for o in Organisation.objects.filter(name__in=[COUNCIL, POLICE, NHS, REFUGE, OPEN_DOOR])}
    if len(orgs) < 5:
        return
    today = timezone.localdate()
    everyone = [COUNCIL, POLICE, NHS, REFUGE, OPEN_DOOR]
    for title, starts, review, ends, parties, kinds, accepting in [
        ("Anytown modern slavery information sharing agreement 2026", today - timedelta(days=200),
         today + timedelta(days=165), None, everyone, ["concerns", "intelligence", "operations", "case_summaries"], everyone),
        ("Anytown car wash pilot sharing agreement", today - timedelta(days=500),
         today - timedelta(days=260), today - timedelta(days=140), [COUNCIL, POLICE], ["intelligence", "operations"],
         [COUNCIL, POLICE]),
        # Proposed, and accepted so far by the council only: shows a signatory what is waiting for them.
        ("Anytown night-time outreach sharing agreement", today, today + timedelta(days=365), None,
         [COUNCIL, REFUGE, OPEN_DOOR], ["concerns", "case_summaries"], [COUNCIL]),
    ]:
        _agreement(orgs, title, starts, review, ends, parties, kinds, accepting)



def load():
    orgs = {o.name: o for o in Organisation.objects.filter(name__in=[COUNCIL, POLICE, NHS, REFUGE, OPEN_DOOR])}
    if len(orgs) < 5:
        return
    today = timezone.localdate()
    everyone = [COUNCIL, POLICE, NHS, REFUGE, OPEN_DOOR]
    operational = _group(
        "Anytown Modern Slavery Operational Group", PartnershipGroup.Kind.OPERATIONAL, PartnershipGroup.Frequency.MONTHLY,
        orgs, everyone,
        "Shares concerns and intelligence about exploitation in Anytown, agrees who does what for each, and plans "
        "joint visits and disruption operations. Chaired by the council's complex safeguarding coordinator. "
        "Reports to the Anytown Modern Slavery Strategic Board each quarter.")
    _group("Anytown Modern Slavery Strategic Board", PartnershipGroup.Kind.STRATEGIC, PartnershipGroup.Frequency.QUARTERLY,
           orgs, [COUNCIL, POLICE, NHS, REFUGE],
           "Sets the partnership's priorities, oversees the operational group and the council's modern slavery "
           "statement, and receives figures (never names) on victims identified, referrals and outcomes.")

    load_agreements()

    if Meeting.objects.filter(group=operational).exists():
        return
    past = Meeting.objects.create(
        group=operational, held_on=today - timedelta(days=21), location="Anytown Civic Centre, Room 2",
        status=Meeting.Status.HELD, actions_sent_at=timezone.now() - timedelta(days=20),
        decisions="Joint welfare visit to the hand car wash on Mill Road before the end of the month.\n"
                  "Harbour Light to hold two emergency bed spaces on the day of the visit.\n"
                  "Translated leaflets (Romanian, Albanian, Vietnamese) for all visits from now on.")
    past.agenda = agenda.draft(past)
    past.save()
    coordinator = User.objects.filter(email="coordinator@anytown.example").first()
    officer = User.objects.filter(email="officer@police.anytown.example").first()
    nurse = User.objects.filter(email="nurse@nhs.anytown.example").first()
    for description, org, owner, due, status in [
        ("Plan the joint welfare visit to the Mill Road car wash with police and immigration enforcement.",
         POLICE, officer, today + timedelta(days=5), "open"),
        ("Confirm two emergency bed spaces for the day of the visit.", REFUGE, None, today - timedelta(days=7), "done"),
        ("Send the updated referral pathway to all GP practices.", NHS, nurse, today + timedelta(days=12), "open"),
        ("Order translated leaflets in Romanian, Albanian and Vietnamese.", COUNCIL, coordinator, today - timedelta(days=2), "open"),
        ("Share the outreach team's contact list for night-time visits.", OPEN_DOOR, None, today + timedelta(days=10), "open"),
    ]:
        PartnershipAction.objects.create(meeting=past, description=description, owner_organisation=orgs[org], owner=owner,
                                         due_on=due, status=status, completed_on=today - timedelta(days=8) if status == "done" else None)
    upcoming = Meeting.objects.create(group=operational, held_on=today + timedelta(days=9), location="Online")
    upcoming.agenda = agenda.draft(upcoming)
    upcoming.agenda_drafted_at = timezone.now()
    upcoming.save()
