"""Fictional demo organisations and people, written for Clearsight. Later contexts add their own
demo records through ``load_demo_data``. Nothing here describes a real person or organisation."""

from .models import Membership, Organisation, Partnership, User
from .roles import Role

DEMO_PASSWORD = "Clearsight-demo-2026"
# The demo second factor: an authenticator key (RFC 6238's published test key), so anyone trying the
# demo can add it to an app, or run `bin/demo-code` for the current code. Never used outside demos.
DEMO_TOTP_KEY_HEX = "3132333435363738393031323334353637383930"
DEMO_TOTP_KEY_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

ORGANISATIONS = [
    # name, kind, NRM first responder
    ("Anytown Council", Organisation.Kind.COUNCIL, True),
    ("Anytown Police", Organisation.Kind.POLICE, True),
    ("Anytown and District NHS Foundation Trust", Organisation.Kind.HEALTH, False),
    ("Harbour Light Refuge", Organisation.Kind.VOLUNTARY, False),
    ("Open Door Migrant Support", Organisation.Kind.VOLUNTARY, False),
    ("Shire Shared Procurement Service", Organisation.Kind.PROCUREMENT, False),
    ("Bexford Borough Council", Organisation.Kind.COUNCIL, True),
]

PARTNERSHIPS = [
    ("Anytown Safeguarding Partnership", Partnership.Kind.SAFEGUARDING,
     ["Anytown Council", "Anytown Police", "Anytown and District NHS Foundation Trust", "Harbour Light Refuge", "Open Door Migrant Support"]),
    ("Shire Procurement Partnership", Partnership.Kind.PROCUREMENT,
     ["Shire Shared Procurement Service", "Anytown Council", "Bexford Borough Council"]),
]

# email, full name, job title, organisation, roles
PEOPLE = [
    ("staff@anytown.example", "Priya Shah", "Housing officer", "Anytown Council", [Role.STAFF]),
    ("first.responder@anytown.example", "Tom Okafor", "Modern slavery single point of contact", "Anytown Council", [Role.FIRST_RESPONDER, Role.STAFF]),
    ("caseworker@anytown.example", "Ewa Nowak", "Social worker, adult social care", "Anytown Council", [Role.CASEWORKER, Role.STAFF]),
    ("team.manager@anytown.example", "Grace Mensah", "Team manager, safeguarding", "Anytown Council", [Role.TEAM_MANAGER, Role.STAFF]),
    ("coordinator@anytown.example", "Daniel Hughes", "Complex safeguarding coordinator", "Anytown Council", [Role.PARTNERSHIP_COORDINATOR, Role.STAFF]),
    ("procurement@anytown.example", "Aisha Rahman", "Procurement officer", "Anytown Council", [Role.PROCUREMENT_OFFICER, Role.STAFF]),
    ("contracts@anytown.example", "Liam Fraser", "Contract manager, facilities", "Anytown Council", [Role.CONTRACT_MANAGER, Role.STAFF]),
    ("training@anytown.example", "Sofia Costa", "Workforce development manager", "Anytown Council", [Role.TRAINING_MANAGER, Role.STAFF]),
    ("line.manager@anytown.example", "Mark Bennett", "Housing team leader", "Anytown Council", [Role.LINE_MANAGER, Role.STAFF]),
    ("statement@anytown.example", "Helen Price", "Policy officer", "Anytown Council", [Role.STATEMENT_OWNER]),
    ("auditor@anytown.example", "Ravi Patel", "Internal auditor", "Anytown Council", [Role.AUDITOR]),
    ("board@anytown.example", "Councillor Joan Ellis", "Board member", "Anytown Council", [Role.BOARD_MEMBER]),
    ("admin@anytown.example", "Sam Taylor", "Systems administrator", "Anytown Council", [Role.ADMINISTRATOR, Role.STAFF]),
    ("officer@police.anytown.example", "DC Chris Walker", "Detective constable, modern slavery team", "Anytown Police", [Role.FIRST_RESPONDER, Role.STAFF]),
    ("nurse@nhs.anytown.example", "Fatima Idris", "Safeguarding nurse", "Anytown and District NHS Foundation Trust", [Role.STAFF]),
    ("support@harbourlight.example", "Nadia Popescu", "Support worker", "Harbour Light Refuge", [Role.CASEWORKER, Role.STAFF]),
    ("champion@shireprocurement.example", "Owen Davies", "Modern slavery champion", "Shire Shared Procurement Service", [Role.PROCUREMENT_OFFICER, Role.STAFF]),
    # Authorised signatories of information sharing agreements (ADR 0026); the council's is its administrator.
    ("dpo@anytown.example", "Bola Adeyemi", "Data protection officer", "Anytown Council", [Role.DATA_PROTECTION_OFFICER]),
    ("dpo@police.anytown.example", "Insp. Alan Reid", "Data protection officer", "Anytown Police", [Role.DATA_PROTECTION_OFFICER]),
    ("dpo@nhs.anytown.example", "Dr Leah Morgan", "Caldicott guardian and data protection officer", "Anytown and District NHS Foundation Trust", [Role.DATA_PROTECTION_OFFICER]),
    ("dpo@harbourlight.example", "Peter Quinn", "Operations director", "Harbour Light Refuge", [Role.DATA_PROTECTION_OFFICER]),
    ("dpo@opendoor.example", "Amina Yusuf", "Chief executive", "Open Door Migrant Support", [Role.DATA_PROTECTION_OFFICER]),
    ("admin@bexford.example", "Jo Marsh", "Systems administrator", "Bexford Borough Council", [Role.ADMINISTRATOR, Role.STAFF]),
    ("first.responder@bexford.example", "Kemi Adeyemi", "Modern slavery single point of contact", "Bexford Borough Council", [Role.FIRST_RESPONDER, Role.STAFF]),
]


def load():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    orgs = {}
    for name, kind, first_responder in ORGANISATIONS:
        orgs[name], _ = Organisation.objects.update_or_create(
            name=name, defaults={"kind": kind, "is_first_responder": first_responder, "is_active": True}
        )
    for name, kind, members in PARTNERSHIPS:
        partnership, _ = Partnership.objects.update_or_create(name=name, defaults={"kind": kind})
        partnership.members.set([orgs[m] for m in members])
    people = []
    for email, full_name, job_title, org_name, roles in PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, DEMO_PASSWORD, full_name=full_name, job_title=job_title)
        for role in roles:
            Membership.objects.get_or_create(user=user, organisation=orgs[org_name], role=role)
        if user.needs_two_factor:
            TOTPDevice.objects.get_or_create(
                user=user, name="Demo authenticator", defaults={"key": DEMO_TOTP_KEY_HEX, "confirmed": True}
            )
        people.append((user, org_name, roles))
    return people


def current_code():
    """The demo second factor's current code."""
    from django_otp.oath import totp

    return f"{totp(bytes.fromhex(DEMO_TOTP_KEY_HEX), step=30, t0=0, digits=6, drift=0):06d}"
