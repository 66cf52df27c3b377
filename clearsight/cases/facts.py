"""What support cases record, as plain facts for other contexts' figures (re-exported by
``cases.api``): dates, codes, counts and opaque ids, never a name.

The board counts the NRM records on cases (``nrm_referrals_on_cases``, with what the concern each case
came from says about referrals made through it) and the people supported (``support_cases``);
operation figures read what a case records about a person linked to an operation (``case_facts``,
``cases_from_concerns``). The rules that turn these into figures stay with those contexts. The records
are read whichever team holds them: callers choose the organisations (or the linked records) and
show only counts.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Min
from django.utils import timezone

from clearsight.concerns.api import referrals_through

from .clocks import age_on
from .models import Case, NrmRecord, Placement, RiskStatus, ServiceReferral
from .register import PENDING

REASON = "facts for other contexts' figures: dates and codes only, never names"


# --- Board figures -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CaseNrmReferral:
    """An NRM record on a support case."""

    referred_on: date
    age_on_referral: int | None  # the person's age in whole years on the day referred; None without a date of birth
    person: tuple  # identifies the case's person: ("case person", id)
    source: object = None  # concerns.api.ReferralsThrough of the concern the case was opened from, if any
    exploitation_types: tuple = ()  # codes recorded on the case: its latest risk status that names any


def _case_exploitation_types(case_ids) -> dict:
    """{case id: codes of the types of exploitation its latest risk status naming any records}."""
    result = {}
    for case_id, codes in (RiskStatus.objects.filter(case_id__in=case_ids).order_by("valid_from", "recorded_at", "pk")
                           .values_list("case_id", "exploitation_types")):
        if codes:
            result[case_id] = tuple(codes)  # later statuses replace earlier ones
    return result


def nrm_referrals_on_cases(organisation_ids) -> list[CaseNrmReferral]:
    """The NRM records on the organisations' support cases, earliest referred first."""
    records = list(NrmRecord.objects.filter(case__organisation_id__in=organisation_ids).order_by(
        "referred_on", "pk").values_list("referred_on", "case__source_concern", "case__person_id",
                                         "case__person__date_of_birth", "case_id"))
    through = referrals_through({source for _, source, _, _, _ in records if source})
    types = _case_exploitation_types({case_id for *_, case_id in records})
    return [CaseNrmReferral(referred_on, age_on(born, referred_on) if born is not None else None,
                            ("case person", person_id), through.get(source) if source else None,
                            types.get(case_id, ()))
            for referred_on, source, person_id, born, case_id in records]


@dataclass(frozen=True)
class SupportCase:
    person: int  # identifies the person, so that someone with two cases counts once
    opened_on: date
    closed_on: date | None = None
    first_task_on: date | None = None  # the local day the first support plan task was created


def support_cases(organisation_ids, opened_by: date) -> list[SupportCase]:
    """The organisations' support cases opened on or before ``opened_by``."""
    rows = (Case.objects.unscoped(REASON).filter(organisation_id__in=organisation_ids, opened_on__lte=opened_by)
            .annotate(first_task=Min("support_tasks__created_at"))
            .values_list("person_id", "opened_on", "closed_on", "first_task"))
    return [SupportCase(person, opened, closed, timezone.localdate(first) if first is not None else None)
            for person, opened, closed, first in rows]


# --- Operation figures ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class CaseFacts:
    """What a support case records about its person."""

    case: int  # identifies the case
    source_concern: object = None  # the public id of the concern it was opened from
    date_of_birth: date | None = None  # to work out the person's age on a day; never shown
    open: bool = True
    nrm_referred: bool = False
    rg_decision: str = PENDING
    cg_decision: str = PENDING
    withdrawn: bool = False
    placements: tuple = ()  # placement kinds
    services: tuple = ()  # services referred to and not declined (names of services, as typed)


def _case_facts(cases) -> dict:
    cases = list(cases)
    ids = [c.pk for c in cases]
    nrm = {r.case_id: r for r in NrmRecord.objects.filter(case_id__in=ids)}
    placements, services = {}, {}
    for case_id, kind in Placement.objects.filter(case_id__in=ids).values_list("case_id", "kind"):
        placements.setdefault(case_id, []).append(kind)
    for case_id, service in ServiceReferral.objects.filter(case_id__in=ids).exclude(
            status=ServiceReferral.Status.DECLINED).values_list("case_id", "service"):
        services.setdefault(case_id, []).append(service)
    result = {}
    for c in cases:
        record = nrm.get(c.pk)
        result[c.pk] = CaseFacts(
            case=c.pk, source_concern=c.source_concern, date_of_birth=c.person.date_of_birth,
            open=c.status != Case.Status.CLOSED, nrm_referred=record is not None,
            rg_decision=record.rg_decision if record else PENDING, cg_decision=record.cg_decision if record else PENDING,
            withdrawn=bool(record and record.withdrawn_on), placements=tuple(placements.get(c.pk, ())),
            services=tuple(services.get(c.pk, ())))
    return result


def case_facts(case_ids) -> dict:
    """{case id: CaseFacts} for these cases (records another context has linked)."""
    return _case_facts(Case.objects.unscoped(REASON).filter(pk__in=list(case_ids)).select_related("person"))


def cases_from_concerns(concern_public_ids) -> dict:
    """{concern public id: [CaseFacts]}: every case opened from each of these concerns, whichever team
    holds it."""
    cases = list(Case.objects.unscoped(REASON).filter(source_concern__in=list(concern_public_ids))
                 .select_related("person"))
    facts = _case_facts(cases)
    result = {}
    for c in cases:
        result.setdefault(c.source_concern, []).append(facts[c.pk])
    return result
