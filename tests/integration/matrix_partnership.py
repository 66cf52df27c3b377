"""URL matrix entries for partnership groups, agreements and meetings (see test_url_matrix.py)."""

from datetime import date, timedelta

from clearsight.core.roles import Capability

from ..factories import MeetingFactory, PartnershipActionFactory
from .matrix_support import ALL_ROLES, Expect, roles_with

RUN = roles_with(Capability.RUN_PARTNERSHIP)
WORK = roles_with(Capability.WORK_IN_PARTNERSHIP) | RUN
SIGN = roles_with(Capability.SIGN_AGREEMENTS)  # authorised signatories of agreements (ADR 0026)
# An action's page: its group's runners may change it; partners at the table see it but may not (403);
# anyone else cannot find it (404). Its owner may change it too (tested in test_partnership_pages).
ACTION_STATUS = {role: (403 if role in WORK else 404) for role in ALL_ROLES - RUN}


def _group(organisation, name):
    from clearsight.partnership.models import GroupMember, PartnershipGroup

    group, _ = PartnershipGroup.objects.get_or_create(name=name, defaults={"kind": "operational", "organisation": organisation})
    GroupMember.objects.get_or_create(group=group, organisation=organisation, defaults={"accepted_at": date.today()})
    return group


def _agreement(organisation):
    from ..factories import agreement_in_force

    return agreement_in_force(organisation, title=f"ISA {organisation.name}", kinds=["intelligence"],
                              starts_on=date.today() - timedelta(days=10), review_on=date.today() + timedelta(days=100))


def _meeting(organisation, name):
    return MeetingFactory(group=_group(organisation, name), held_on=date.today(), agenda="1. Welcome")


def _action(organisation, name):
    return PartnershipActionFactory(meeting=_meeting(organisation, name), description="Visit",
                                    owner_organisation=organisation, due_on=date.today())


def _pair(make):
    return lambda w, user: (make(w["anytown_person"].primary_organisation, "Anytown group"),
                            make(w["bexford_person"].primary_organisation, "Bexford group"))


RECORDS = {
    "partnership_group": _pair(_group),
    "partnership_agreement": lambda w, user: (_agreement(w["anytown_person"].primary_organisation),
                                              _agreement(w["bexford_person"].primary_organisation)),
    "partnership_meeting": _pair(_meeting),
    "partnership_action": _pair(_action),
}


def _member_org(group):
    return {"organisation_id": group.members.first().organisation.public_id}


EXPECTATIONS = {
    "partnership:groups": Expect(roles=WORK | SIGN),
    # Answering an invitation is a POST by the invited organisation's coordinators or signatories.
    "partnership:invitation-answer": Expect(roles=frozenset(), record="partnership_group", kwargs=_member_org,
                                            status={role: 405 for role in RUN | SIGN}, audited=False),
    "partnership:group-add": Expect(roles=RUN),
    "partnership:group": Expect(roles=WORK, record="partnership_group"),
    "partnership:group-edit": Expect(roles=RUN, record="partnership_group"),
    "partnership:member-contact": Expect(roles=RUN, record="partnership_group", kwargs=_member_org),
    "partnership:meeting-add": Expect(roles=RUN, record="partnership_group"),
    "partnership:agreements": Expect(roles=WORK | SIGN),
    "partnership:agreement-add": Expect(roles=RUN),
    "partnership:agreement": Expect(roles=WORK | SIGN, record="partnership_agreement"),
    "partnership:agreement-edit": Expect(roles=RUN, record="partnership_agreement"),
    # The matrix's agreement is in force, accepted by every party: nothing is left to accept.
    "partnership:agreement-accept": Expect(roles=frozenset(), record="partnership_agreement"),
    # Any party's signatories and coordinators may suspend it; first responders and team managers see it only.
    "partnership:agreement-suspend": Expect(roles=RUN | SIGN, record="partnership_agreement"),
    "partnership:agreement-lift": Expect(roles=frozenset(), record="partnership_agreement",
                                         status={role: 405 for role in SIGN}, audited=False),
    "partnership:agreement-end": Expect(roles=SIGN, record="partnership_agreement"),
    "partnership:meeting": Expect(roles=WORK, record="partnership_meeting"),
    "partnership:meeting-edit": Expect(roles=RUN, record="partnership_meeting"),
    "partnership:meeting-open-items": Expect(roles=RUN, record="partnership_meeting"),
    "partnership:action-add": Expect(roles=RUN, record="partnership_meeting"),
    "partnership:send-actions": Expect(roles=frozenset(), record="partnership_meeting",
                                       status={role: 405 for role in RUN}, audited=False),
    "partnership:my-actions": Expect(),
    "partnership:action-edit": Expect(roles=RUN, record="partnership_action", status=ACTION_STATUS),
}
