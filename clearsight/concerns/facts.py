"""What concerns record, as plain facts for other contexts' figures and links (re-exported by
``concerns.api``): dates, codes, counts and opaque ids, never a name or anything typed about a person.

The board counts submitted concerns and the referrals made through them (``submitted_concerns``,
``submitted_referrals``), and a support case's NRM record against the referrals made through the
concern it was opened from (``referrals_through``); operation figures read what a concern records
about the people linked to an operation (``people_facts``, ``sole_people``). The rules that turn
these into figures stay with those contexts. The records are read whichever organisation handles
them: callers choose the organisations (or the linked records) and show only counts.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from .models import Action, Concern, ConcernPerson, ExploitationType, StatutoryReferral

REASON = "facts for other contexts' figures: dates and codes only, never names"


def _local_day(moment):
    return timezone.localdate(moment) if moment is not None else None


def _types(concern_ids) -> dict:
    """concern id -> the codes of its types of exploitation."""
    types = {}
    for concern_id, code in Concern.exploitation_types.through.objects.filter(concern_id__in=concern_ids).values_list(
            "concern_id", "exploitationtype__code"):
        types.setdefault(concern_id, []).append(code)
    return types


def exploitation_type_ids(codes) -> list[int]:
    """The ids of the exploitation types with these codes (unknown codes are left out), for a record
    of another context that relates to them (an operation's suspected types)."""
    return list(ExploitationType.objects.filter(code__in=list(codes)).values_list("pk", flat=True))


# --- Concerns and referrals (board figures) -----------------------------------------------------------

@dataclass(frozen=True)
class SubmittedConcern:
    submitted_on: date  # the local day it was submitted
    people: tuple = ()  # (age group judged at triage or "", age group reported) for each person in it


def submitted_concerns(organisation_ids, start: date, end: date) -> list[SubmittedConcern]:
    """Concerns handled by the organisations and submitted on a day from ``start`` to ``end`` (local
    days; drafts never count)."""
    # A day either side, then each concern is dated by its local day.
    tz_start = timezone.make_aware(datetime.combine(start - timedelta(days=1), time.min))
    tz_end = timezone.make_aware(datetime.combine(end + timedelta(days=2), time.min))
    rows = [(pk, _local_day(at)) for pk, at in Concern.objects.unscoped(REASON).filter(
        handling_organisation_id__in=organisation_ids, submitted_at__isnull=False,
        submitted_at__gte=tz_start, submitted_at__lt=tz_end).exclude(status=Concern.Status.DRAFT)
        .values_list("pk", "submitted_at")]
    rows = [(pk, day) for pk, day in rows if start <= day <= end]
    people = {}
    for concern_id, triage, age in ConcernPerson.objects.filter(concern_id__in=[pk for pk, _ in rows]).values_list(
            "concern_id", "triage_age_group", "age_group"):
        people.setdefault(concern_id, []).append((triage, age))
    return [SubmittedConcern(day, tuple(people.get(pk, ()))) for pk, day in rows]


@dataclass(frozen=True)
class SubmittedReferral:
    """An NRM referral or Duty to Notify report submitted to the Home Office through a concern."""

    kind: str  # "nrm" or "dtn"
    submitted_on: date  # the day the first responder says it was submitted, else the day that was recorded
    triage_age_group: str  # of the person it is about ("" when the concern cannot say who)
    age_group: str
    exploitation_types: tuple  # codes of the concern's types of exploitation
    person: tuple  # identifies the person: ("concern person", id), or ("action", id) when the concern cannot say who


def submitted_referrals(organisation_ids) -> list[SubmittedReferral]:
    """Every submitted referral made through a concern the organisations handle. A referral for no
    one in particular on a concern about one person is about that person."""
    rows = list(StatutoryReferral.objects.unscoped(REASON).filter(
        status=StatutoryReferral.Status.SUBMITTED, action__concern__handling_organisation_id__in=organisation_ids)
        .values("kind", "action_id", "submitted_on", "action__done_at", "updated_at", "action__person_id",
                "action__person__triage_age_group", "action__person__age_group", "action__concern_id"))
    concern_ids = {r["action__concern_id"] for r in rows}
    counts = Counter(ConcernPerson.objects.filter(concern_id__in=concern_ids).values_list("concern_id", flat=True))
    only_person = {p.concern_id: p for p in ConcernPerson.objects.filter(
        concern_id__in=[c for c, n in counts.items() if n == 1])}
    types = _types(concern_ids)
    result = []
    for r in rows:
        person_id, triage, age = r["action__person_id"], r["action__person__triage_age_group"], r["action__person__age_group"]
        if person_id is None and r["action__concern_id"] in only_person:
            p = only_person[r["action__concern_id"]]
            person_id, triage, age = p.pk, p.triage_age_group, p.age_group
        elif person_id is None:
            triage, age = "", ""
        result.append(SubmittedReferral(
            r["kind"], r["submitted_on"] or _local_day(r["action__done_at"] or r["updated_at"]), triage or "", age or "",
            tuple(types.get(r["action__concern_id"], ())),
            ("concern person", person_id) if person_id is not None else ("action", r["action_id"])))
    return result


@dataclass(frozen=True)
class ReferralsThrough:
    """What a concern says about the NRM referrals made through it (for a case opened from it)."""

    concern: object  # identifies the concern (its public id)
    people: int  # people in the concern
    nrm_referred: frozenset  # the people referred to the NRM through it, identified as SubmittedReferral.person
    exploitation_types: tuple  # codes of the concern's types of exploitation


def referrals_through(concern_public_ids) -> dict:
    """{public id: ReferralsThrough} for each of these concerns that exists, whichever organisation
    handles it (a referral through a concern counts once, for the concern's organisation)."""
    concern_pk = dict(Concern.objects.unscoped(REASON).filter(public_id__in=list(concern_public_ids))
                      .values_list("public_id", "pk"))
    referred = {}
    for concern_id, person_id, action_id in StatutoryReferral.objects.unscoped(REASON).filter(
            status=StatutoryReferral.Status.SUBMITTED, kind=StatutoryReferral.Kind.NRM,
            action__concern_id__in=concern_pk.values()).values_list("action__concern_id", "action__person_id",
                                                                    "action_id"):
        referred.setdefault(concern_id, set()).add(
            ("concern person", person_id) if person_id is not None else ("action", action_id))
    sizes = Counter(ConcernPerson.objects.filter(concern_id__in=concern_pk.values()).values_list("concern_id",
                                                                                                 flat=True))
    types = _types(set(concern_pk.values()))
    return {public_id: ReferralsThrough(public_id, sizes[pk], frozenset(referred.get(pk, ())), tuple(types.get(pk, ())))
            for public_id, pk in concern_pk.items()}


# --- People linked to operations (operation figures) --------------------------------------------------

@dataclass(frozen=True)
class PersonFacts:
    """What a concern records about one person in it."""

    person: int  # identifies the person on the concern
    concern: object  # the concern's public id
    people_in_concern: int
    age_group: str  # as reported
    triage_age_group: str  # as the first responder judged it ("" before triage)
    referrals: tuple  # (kind "nrm"/"dtn", status) of the statutory referrals for the person
    done_actions: tuple  # kinds of the person's actions that are done


def _people_facts(people) -> dict:
    people = list(people)
    ids = [p.pk for p in people]
    sizes = Counter(ConcernPerson.objects.filter(concern_id__in={p.concern_id for p in people}).values_list(
        "concern_id", flat=True))
    referrals, done = {}, {}
    for row in StatutoryReferral.objects.unscoped(REASON).filter(action__person_id__in=ids).values(
            "action__person_id", "kind", "status"):
        referrals.setdefault(row["action__person_id"], []).append((row["kind"], row["status"]))
    for row in Action.objects.unscoped(REASON).filter(person_id__in=ids, status=Action.Status.DONE).values(
            "person_id", "kind"):
        done.setdefault(row["person_id"], []).append(row["kind"])
    return {p.pk: PersonFacts(p.pk, p.concern.public_id, sizes[p.concern_id], p.age_group, p.triage_age_group,
                              tuple(referrals.get(p.pk, ())), tuple(done.get(p.pk, ())))
            for p in people}


def people_facts(person_ids) -> dict:
    """{person id: PersonFacts} for these people on concerns (records another context has linked)."""
    return _people_facts(ConcernPerson.objects.filter(pk__in=list(person_ids)).select_related("concern"))


def sole_people(concern_public_ids) -> dict:
    """{concern public id: PersonFacts} of the one person, for each of these concerns about exactly
    one person (a case opened from such a concern is about them)."""
    by_concern = {}
    for person in ConcernPerson.objects.filter(concern__public_id__in=list(concern_public_ids)).select_related("concern"):
        by_concern.setdefault(person.concern.public_id, []).append(person)
    sole = {public_id: found[0] for public_id, found in by_concern.items() if len(found) == 1}
    facts = _people_facts(sole.values())
    return {public_id: facts[person.pk] for public_id, person in sole.items()}
