"""Information sharing agreements by consent (ADR 0026): proposing terms, accepting them for one
party, suspending, lifting a suspension and ending. Every change goes through these functions.

* Anyone who runs partnership work in a party (a coordinator) may propose terms; their own
  organisation must be a party. Each proposal is a new, immutable version.
* A version comes into force only when an authorised signatory (``Capability.SIGN_AGREEMENTS``:
  administrators and data protection officers) of *every* party to it has accepted it. Until then the
  version in force before it (if any) stays in force, unchanged.
* A signatory or coordinator of any party may suspend the agreement at once; only a signatory of the
  party that suspended it may lift that suspension. A signatory of any party may end it for good.
* Each party's signatories are emailed (through the task worker) when terms are proposed, when they
  come into force, and when the agreement is suspended, resumed or ended.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from clearsight.core.roles import Capability

from .models import (
    AgreementAcceptance,
    AgreementSuspension,
    AgreementVersion,
    InformationSharingAgreement,
    running_org_ids,
)

TERMS = ["title", "purpose", "lawful_basis", "data_kinds", "starts_on", "review_on", "ends_on"]


class NotAllowed(Exception):
    """The user may not do this for that organisation: the message says why, for the page."""


class Conflict(Exception):
    """Someone else changed the agreement since the form was opened."""


def signing_org_ids(user) -> set:
    return user.organisation_ids_with(Capability.SIGN_AGREEMENTS)


def _locked(agreement):
    return InformationSharingAgreement.objects.unscoped("locking an agreement already checked").select_for_update().get(pk=agreement.pk)


def open_suspensions(agreement):
    return [s for s in agreement.suspensions.all() if s.lifted_at is None]


@dataclass
class PartyState:
    organisation: object
    acceptance: object  # AgreementAcceptance of the latest version, or None


def party_states(version) -> list[PartyState]:
    accepted = {a.organisation_id: a for a in version.acceptances.select_related("accepted_by")}
    return [PartyState(o, accepted.get(o.id)) for o in version.parties.order_by("name")]


def changes_from(previous, version) -> list[str]:
    """What a version changes from the one before, in words, for the pages and emails."""
    if previous is None:
        return []
    out = []
    before, after = {p.id: p for p in previous.parties.all()}, {p.id: p for p in version.parties.all()}
    out += [f"Adds {after[i].name} as a party" for i in sorted(set(after) - set(before), key=lambda i: after[i].name)]
    out += [f"Removes {before[i].name} as a party" for i in sorted(set(before) - set(after), key=lambda i: before[i].name)]
    from .sharing import DATA_KINDS

    out += [f"Adds {DATA_KINDS.get(k, k).split(' (')[0].lower()}" for k in version.data_kinds if k not in previous.data_kinds]
    out += [f"Stops sharing {DATA_KINDS.get(k, k).split(' (')[0].lower()}" for k in previous.data_kinds if k not in version.data_kinds]
    for field, label in (("starts_on", "start date"), ("review_on", "review date"), ("ends_on", "end date")):
        if getattr(previous, field) != getattr(version, field):
            out.append(f"Changes the {label}")
    for field, label in (("title", "title"), ("purpose", "purpose"), ("lawful_basis", "lawful basis")):
        if getattr(previous, field) != getattr(version, field):
            out.append(f"Changes the {label}")
    return out


@transaction.atomic
def propose(agreement, terms: dict, parties, *, by, for_organisation, expected_version=None):
    """Propose terms: a new agreement (``agreement`` None) or a new version of one. Returns the
    agreement. Nothing already in force changes until every party accepts the new version."""
    if for_organisation.id not in running_org_ids(by):
        raise NotAllowed("You cannot propose agreements for that organisation")
    party_ids = {p.id for p in parties}
    if for_organisation.id not in party_ids:
        raise NotAllowed("Your organisation must be one of the parties")
    if agreement is None:
        agreement = InformationSharingAgreement(created_by=by, **{k: terms[k] for k in TERMS})
        agreement.save()
        number = 1
    else:
        agreement = _locked(agreement)
        if expected_version is not None and expected_version != agreement.version:
            raise Conflict
        if agreement.status == InformationSharingAgreement.Status.ENDED:
            raise NotAllowed("This agreement has ended. Propose a new agreement instead.")
        for key in TERMS:
            setattr(agreement, key, terms[key])
        agreement.updated_at = timezone.now()
        agreement.version += 1
        agreement.save()
        number = (agreement.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    agreement.parties.set(parties)
    version = AgreementVersion.objects.create(agreement=agreement, number=number, proposed_by=by,
                                              proposed_for=for_organisation, **{k: terms[k] for k in TERMS})
    version.parties.set(parties)
    _notify(agreement, "proposed", party_ids)
    return agreement


@transaction.atomic
def accept(agreement, version_number, *, by, for_organisation):
    """A signatory accepts the latest version for their organisation. When the last party accepts,
    the version comes into force. Returns True if it came into force now."""
    agreement = _locked(agreement)
    version = agreement.latest_version()
    if version is None or version.number != version_number:
        raise NotAllowed("These terms have been changed since you opened them. Read the latest version before accepting it.")
    if agreement.status == InformationSharingAgreement.Status.ENDED:
        raise NotAllowed("This agreement has ended")
    if for_organisation.id not in signing_org_ids(by):
        raise NotAllowed("Only an authorised signatory of that organisation can accept agreements for it")
    party_ids = set(version.parties.values_list("id", flat=True))
    if for_organisation.id not in party_ids:
        raise NotAllowed("That organisation is not a party to this agreement")
    acceptance, created = AgreementAcceptance.objects.get_or_create(
        version=version, organisation=for_organisation, defaults={"accepted_by": by})
    if not created:
        raise NotAllowed("Your organisation has already accepted this version")
    accepted = set(version.acceptances.values_list("organisation_id", flat=True))
    if party_ids and party_ids <= accepted:
        agreement.in_force_version = version
        if not open_suspensions(agreement):
            agreement.status = InformationSharingAgreement.Status.ACTIVE
        agreement.save(update_fields=["in_force_version", "status"])
        _notify(agreement, "in_force", party_ids)
        return True
    return False


def may_suspend(user, agreement) -> set:
    """The parties (ids) for which the user may suspend the agreement: signatories and coordinators
    of a party to the terms in force. An organisation only proposed as a party has nothing to stop."""
    return (signing_org_ids(user) | running_org_ids(user)) & _in_force_party_ids(agreement)


def _in_force_party_ids(agreement) -> set:
    if not agreement.in_force_version_id:
        return set()
    return set(agreement.in_force_version.parties.values_list("id", flat=True))


def deciding_party_ids(agreement) -> set:
    """Parties to the terms in force, or, with none in force, to the terms proposed (who may decline
    them by ending the agreement)."""
    return _in_force_party_ids(agreement) or set(agreement.parties.values_list("id", flat=True))


@transaction.atomic
def suspend(agreement, reason, *, by, for_organisation):
    agreement = _locked(agreement)
    if agreement.status == InformationSharingAgreement.Status.ENDED:
        raise NotAllowed("This agreement has ended")
    if for_organisation.id not in may_suspend(by, agreement):
        raise NotAllowed("You cannot suspend this agreement for that organisation")
    AgreementSuspension.objects.create(agreement=agreement, organisation=for_organisation, suspended_by=by, reason=reason)
    agreement.status = InformationSharingAgreement.Status.SUSPENDED
    agreement.updated_at = timezone.now()
    agreement.save(update_fields=["status", "updated_at"])
    _notify(agreement, "suspended", _everyone(agreement))


@transaction.atomic
def lift_suspension(agreement, *, by, for_organisation):
    agreement = _locked(agreement)
    if for_organisation.id not in signing_org_ids(by):
        raise NotAllowed("Only an authorised signatory of the organisation that suspended it can lift a suspension")
    mine = [s for s in open_suspensions(agreement) if s.organisation_id == for_organisation.id]
    if not mine:
        raise NotAllowed("That organisation has not suspended this agreement")
    for s in mine:
        s.lifted_by, s.lifted_at = by, timezone.now()
        s.save(update_fields=["lifted_by", "lifted_at"])
    if agreement.status == InformationSharingAgreement.Status.SUSPENDED and not open_suspensions(agreement):
        agreement.status = (InformationSharingAgreement.Status.ACTIVE if agreement.in_force_version_id
                            else InformationSharingAgreement.Status.DRAFT)
        agreement.save(update_fields=["status"])
        _notify(agreement, "resumed", _everyone(agreement))


@transaction.atomic
def end(agreement, *, by, for_organisation):
    agreement = _locked(agreement)
    if for_organisation.id not in signing_org_ids(by) & deciding_party_ids(agreement):
        raise NotAllowed("Only an authorised signatory of a party can end this agreement")
    agreement.status = InformationSharingAgreement.Status.ENDED
    agreement.updated_at = timezone.now()
    agreement.save(update_fields=["status", "updated_at"])
    _notify(agreement, "ended", _everyone(agreement))


def _everyone(agreement) -> set:
    """Every organisation told about a suspension or an ending: parties in force and proposed."""
    return _in_force_party_ids(agreement) | set(agreement.parties.values_list("id", flat=True))


def _notify(agreement, event, party_ids):
    from .tasks import email_agreement_signatories

    pk = agreement.pk
    transaction.on_commit(lambda: email_agreement_signatories.enqueue(pk, event, sorted(party_ids)))
