"""Which organisation may see which of another organisation's records: the information sharing
agreements in force. Plain functions, used by every context that shares records between agencies
(intelligence, operations).

Rules (see docs/adr/0020-partnership-groups-agreements-meetings.md and 0026, consent):

* An organisation always sees its own records; it needs no agreement for that.
* Another organisation's records of a kind are shared only while an agreement is *sharing*: a
  version of its terms has been accepted by an authorised signatory of every party to that version
  (checked here against the acceptances themselves, not only the agreement's status), no party has
  suspended it, it has not been ended, its start date has come, its end date (the last day of
  sharing) has not passed, both organisations are parties to the version in force, and the kind is
  one of that version's kinds of data.
* An agreement awaiting acceptance, suspended or ended shares nothing; nor does one past its end
  date ("expired"). A newer version awaiting acceptance changes nothing until every party accepts it.
* A passed review date does NOT stop sharing (stopping it overnight could put people at risk in the
  middle of an operation); the agreement shows "Review overdue" on its pages and on the
  coordinator's home page until someone reviews it.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

# The kinds of data an agreement can cover. Keys are stored in agreements; never rename one.
DATA_KINDS = {
    "concerns": "Concerns (reference, date and status, and details for first responders)",
    "intelligence": "Intelligence reports",
    "operations": "Disruption operations and their outcomes",
    "case_summaries": "Case summaries (support and outcomes, no names)",
}

ACTIVE = "active"
NOT_STARTED = "not_started"
REVIEW_OVERDUE = "review_overdue"
EXPIRED = "expired"
ENDED = "ended"
SUSPENDED = "suspended"
DRAFT = "draft"

STATUS_LABELS = {
    ACTIVE: "Active",
    NOT_STARTED: "Not started",
    REVIEW_OVERDUE: "Review overdue",
    EXPIRED: "Expired",
    ENDED: "Ended",
    SUSPENDED: "Suspended",
    DRAFT: "Awaiting acceptance",
}

# GOV.UK tag colour classes for each status.
STATUS_TAGS = {
    ACTIVE: "govuk-tag--green",
    NOT_STARTED: "govuk-tag--blue",
    REVIEW_OVERDUE: "govuk-tag--yellow",
    EXPIRED: "govuk-tag--red",
    ENDED: "govuk-tag--grey",
    SUSPENDED: "govuk-tag--orange",
    DRAFT: "govuk-tag--grey",
}

SHARING_STATUSES = frozenset({ACTIVE, REVIEW_OVERDUE})


def agreement_status(agreement, on: date) -> str:
    """What an agreement means on a day. Works on any object with status, starts_on, review_on and
    ends_on (the model, or a plain stand-in in tests)."""
    if agreement.status == "draft":
        return DRAFT
    if agreement.status == "suspended":
        return SUSPENDED
    if agreement.status == "ended":
        return ENDED
    if agreement.ends_on and on > agreement.ends_on:
        return EXPIRED
    if on < agreement.starts_on:
        return NOT_STARTED
    if agreement.review_on and on > agreement.review_on:
        return REVIEW_OVERDUE
    return ACTIVE


def is_sharing(agreement, on: date) -> bool:
    return agreement_status(agreement, on) in SHARING_STATUSES


def covers(agreement, kind: str) -> bool:
    return kind in (agreement.data_kinds or [])


def _today(on):
    return on or timezone.localdate()


def fully_accepted(party_ids, accepting_ids) -> bool:
    """Whether every party has accepted: a version with no parties is never accepted."""
    return bool(party_ids) and set(party_ids) <= set(accepting_ids)


class InForce:
    """An agreement with the terms it shares on: the version every party accepted."""

    def __init__(self, agreement, version, party_ids):
        self.agreement, self.version, self.party_ids = agreement, version, party_ids
        self.data_kinds = version.data_kinds


def _candidates(org_ids, kind, on):
    """Agreements in force on the day that cover the kind and have one of org_ids as a party to the
    version in force, each as an InForce."""
    from django.db.models import Q

    from .models import InformationSharingAgreement

    rows = (InformationSharingAgreement.objects
            .unscoped("sharing rules: which agreements are in force between organisations")
            .filter(status=InformationSharingAgreement.Status.ACTIVE, in_force_version__isnull=False,
                    in_force_version__parties__in=list(org_ids), in_force_version__starts_on__lte=on)
            .filter(Q(in_force_version__ends_on__isnull=True) | Q(in_force_version__ends_on__gte=on))
            .distinct()
            .select_related("in_force_version")
            .prefetch_related("in_force_version__parties", "in_force_version__acceptances", "suspensions")
            .order_by("in_force_version__starts_on", "id"))
    result = []
    # JSON "contains" is not available on SQLite, and there are only ever a handful of agreements.
    for agreement in rows:
        if any(s.lifted_at is None for s in agreement.suspensions.all()):
            continue  # suspended by a party: sharing stops at once, whatever the status says
        version = agreement.in_force_version
        party_ids = {p.id for p in version.parties.all()}
        if not fully_accepted(party_ids, {a.organisation_id for a in version.acceptances.all()}):
            continue  # a status set without every party's acceptance shares nothing
        if kind in (version.data_kinds or []) and agreement_status(_Dated(version), on) in SHARING_STATUSES:
            result.append(InForce(agreement, version, party_ids))
    return result


class _Dated:
    def __init__(self, version):
        self.status = ACTIVE
        self.starts_on, self.review_on, self.ends_on = version.starts_on, version.review_on, version.ends_on


def sharing_agreement(owner_org_id, viewer_org_id, kind: str, on: date | None = None):
    """The agreement that lets the viewer's organisation see the owner organisation's records of
    this kind today (or on ``on``), or None. Same organisation: None, because none is needed (use
    ``may_see`` for a yes/no answer)."""
    if kind not in DATA_KINDS:
        raise ValueError(f"Unknown kind of data: {kind}")
    if owner_org_id == viewer_org_id:
        return None
    on = _today(on)
    for in_force in _candidates({viewer_org_id}, kind, on):
        if owner_org_id in in_force.party_ids and viewer_org_id in in_force.party_ids:
            return in_force.agreement
    return None


def may_see(owner_org_id, viewer_org_id, kind: str, on: date | None = None) -> bool:
    return owner_org_id == viewer_org_id or sharing_agreement(owner_org_id, viewer_org_id, kind, on) is not None


def organisations_sharing_with(viewer_org_ids, kind: str, on: date | None = None) -> set:
    """The organisations whose records of this kind the viewer organisations may see: themselves,
    and every other party to an agreement that is sharing that kind with one of them."""
    if kind not in DATA_KINDS:
        raise ValueError(f"Unknown kind of data: {kind}")
    viewers = set(viewer_org_ids)
    if not viewers:
        return set()
    result = set(viewers)
    for in_force in _candidates(viewers, kind, _today(on)):
        result |= in_force.party_ids
    return result


@dataclass(frozen=True)
class EndedSharing:
    """A party to an agreement that has expired or been ended, and the day its sharing stopped."""

    organisation_id: int
    ended_on: date


def ended_agreements(org_ids, kind: str, on: date | None = None) -> list[EndedSharing]:
    """For each agreement covering this kind of data, with one of ``org_ids`` a party to the terms in
    force, that has expired or been ended by ``on``: each party to those terms (``org_ids`` included)
    and the day the sharing stopped (the end date; for an agreement ended early without one, the day
    it was ended). Only terms every party accepted ever shared anything, so only those are read."""
    if kind not in DATA_KINDS:
        raise ValueError(f"Unknown kind of data: {kind}")
    if not org_ids:
        return []
    from .models import InformationSharingAgreement

    on = _today(on)
    result = []
    agreements = (InformationSharingAgreement.objects.unscoped("which agreements used to share a kind of data")
                  .filter(in_force_version__parties__in=list(org_ids)).distinct()
                  .select_related("in_force_version").prefetch_related("in_force_version__parties"))
    for agreement in agreements:
        terms = agreement.in_force_version
        if kind not in (terms.data_kinds or []):
            continue
        status = agreement.status_on(on)
        if status not in (EXPIRED, ENDED):
            continue
        ended_on = terms.ends_on if status == EXPIRED else (terms.ends_on or timezone.localdate(agreement.updated_at))
        result += [EndedSharing(party.id, ended_on) for party in terms.parties.all()]
    return result
