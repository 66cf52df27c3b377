"""What disruption operations achieved, as plain functions over plain records.

Victims' facts are read from the records that already hold them, never retyped: the concern's
person (age group as judged at triage, the NRM referral or Duty to Notify report submitted through
the concern's actions, the safeguarding actions done) and the support case (date of birth, NRM
record and its decisions, placements, referrals to services, whether the case is open), as plain
facts from ``concerns.api`` and ``cases.api``. ``victim_facts`` turns those into one
``VictimFacts``; ``figures`` adds operations up. ``load`` and ``carried_out`` (the only functions
here that touch the database) read the records for a set of operations.

Small numbers: for people not cleared to see personal data (board members, statement owners) the
pages show the counts through ``clearsight.core.suppression.shown``: any count under 5 is "fewer than 5".
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

ADULT, CHILD, UNKNOWN = "adult", "child", "unknown"
NRM, DTN = "nrm", "dtn"
SUBMITTED = "submitted"

# The Modern Slavery Victim Care Contract is how the NRM's support for adults is provided: an offer
# made through it (the concern's "support offer" action, or a case's offer of that kind) is NRM support.
VICTIM_CARE_PATHWAY = "Support through the Modern Slavery Victim Care Contract (NRM support)"

# Safeguarding actions on a concern that are a support pathway once done (concerns.routing.ActionKind).
ACTION_PATHWAYS = {
    "childrens_front_door": "Children's social care referral",
    "adult_safeguarding": "Adult safeguarding enquiry",
    "ictg_referral": "Independent Child Trafficking Guardian",
    "support_offer": VICTIM_CARE_PATHWAY,
}
PLACEMENT_PATHWAYS = {
    "emergency": "Emergency accommodation",
    "reception": "Reception centre",
    "safe_house": "Safe house (Victim Care Contract)",
    "foster": "Foster care or children's home",
    "housing": "Council or housing association housing",
    "other": "Other accommodation",
}
SERVICE_PREFIX = "Referred to a service: "
DECLINED_VICTIM_CARE = "Support through the Modern Slavery Victim Care Contract (NRM support)"
DECLINED_SERVICE_PREFIX = "A referral to a service: "

ARREST_LABELS = [("modern_slavery", "Modern Slavery Act 2015"), ("immigration", "Immigration offences"),
                 ("other", "Other offences")]


def age_group_of_age(years: int | None) -> str:
    """The age group of someone ``years`` old in whole years (None: age not known)."""
    if years is None:
        return UNKNOWN
    return CHILD if years < 18 else ADULT


def age_group_on(date_of_birth, on) -> str:
    if date_of_birth is None:
        return UNKNOWN
    return age_group_of_age(on.year - date_of_birth.year - ((on.month, on.day) < (date_of_birth.month, date_of_birth.day)))


@dataclass(frozen=True)
class ConcernRecord:
    """What a concern records about one person."""

    age_group: str  # as reported
    triage_age_group: str = ""  # as the first responder judged it ("" before triage)
    referrals: tuple = ()  # (kind "nrm"/"dtn", status) of the statutory referrals for the person
    done_actions: tuple = ()  # kinds of the person's actions that are done


@dataclass(frozen=True)
class CaseRecord:
    """What a support case records about its person."""

    date_of_birth: date | None = None
    open: bool = True
    nrm_referred: bool = False
    rg_decision: str = "pending"
    cg_decision: str = "pending"
    withdrawn: bool = False
    placements: tuple = ()  # placement kinds
    services: tuple = ()  # other services referred to and not declined
    victim_care: bool = False  # offered Victim Care Contract support, not declined
    declined: tuple = ()  # (kind "victim_care"/"service", service) of each offer or referral declined


@dataclass(frozen=True)
class VictimFacts:
    age_group: str
    nrm: bool
    dtn: bool
    pathways: tuple
    outcome: str
    declined: tuple = ()  # what they declined, as labels (DECLINED_VICTIM_CARE or DECLINED_SERVICE_PREFIX + name)


def victim_age_group(concern: ConcernRecord | None, case: CaseRecord | None, on: date) -> str:
    """A case's date of birth (its age on the operation's date) is the most exact fact; otherwise the
    first responder's judgement at triage, otherwise what the reporter said."""
    if case is not None and case.date_of_birth is not None:
        return age_group_on(case.date_of_birth, on)
    if concern is not None:
        judged = concern.triage_age_group or concern.age_group
        return judged if judged in (ADULT, CHILD) else UNKNOWN
    return UNKNOWN


def has_victim_care(concern: ConcernRecord | None, case: CaseRecord | None) -> bool:
    """Support through the Victim Care Contract: the concern's support offer done, an offer of it on the
    case not declined, or a safe house placement (a Victim Care Contract safe house)."""
    return bool((concern is not None and "support_offer" in concern.done_actions)
                or (case is not None and (case.victim_care or "safe_house" in case.placements)))


def outcome_of(concern: ConcernRecord | None, case: CaseRecord | None, nrm: bool, dtn: bool) -> str:
    """Where the person's story has got to, from the latest fact recorded."""
    if case is not None:
        if case.nrm_referred:
            if case.withdrawn:
                return "Withdrawn from the NRM"
            if case.cg_decision == "positive":
                return "Conclusive Grounds decision: positive"
            if case.cg_decision == "negative":
                return "Conclusive Grounds decision: negative"
            if case.rg_decision == "negative":
                return "Reasonable Grounds decision: negative"
            if case.rg_decision == "positive":
                return "Reasonable Grounds decision: positive, Conclusive Grounds awaited"
            return "Reasonable Grounds decision awaited"
        state = "case open" if case.open else "case closed"
        if nrm:  # referred through the concern; the case has no NRM record yet
            return f"Referred to the NRM, decision not yet recorded on the case ({state})"
        if has_victim_care(concern, case):
            return f"Supported in the NRM through the Victim Care Contract, {state}"
        return f"Supported outside the NRM, {state}"
    if nrm:
        return "Referred to the NRM, no support case recorded"
    if dtn:
        return "Duty to Notify report only, no support case recorded"
    return "No referral or support case recorded yet"


def victim_facts(concern: ConcernRecord | None, case: CaseRecord | None, on: date) -> VictimFacts:
    submitted = {kind for kind, status in (concern.referrals if concern else ()) if status == SUBMITTED}
    nrm = NRM in submitted or (case is not None and case.nrm_referred)
    dtn = DTN in submitted
    pathways = []
    if concern is not None:
        pathways += [ACTION_PATHWAYS[k] for k in concern.done_actions if k in ACTION_PATHWAYS]
    declined = []
    if case is not None:
        if case.victim_care:
            pathways.append(VICTIM_CARE_PATHWAY)
        pathways += [PLACEMENT_PATHWAYS.get(k, PLACEMENT_PATHWAYS["other"]) for k in case.placements]
        pathways += [SERVICE_PREFIX + s.strip() for s in case.services if s.strip()]
        declined = [DECLINED_VICTIM_CARE if kind == "victim_care" else DECLINED_SERVICE_PREFIX + (service.strip() or "not named")
                    for kind, service in case.declined]
    return VictimFacts(victim_age_group(concern, case, on), nrm, dtn, tuple(dict.fromkeys(pathways)),
                       outcome_of(concern, case, nrm, dtn), tuple(dict.fromkeys(declined)))


@dataclass(frozen=True)
class OperationRecord:
    reference: str
    name: str
    date: date
    status: str
    lead_agency: str
    agencies: tuple = ()  # every agency taking part, the lead included
    exploitation_types: tuple = ()
    premises_types: tuple = ()  # one entry per target premises
    interventions: tuple = ()  # (agency, kind label, count)
    arrests: dict = field(default_factory=dict)  # ARREST_LABELS key -> count
    closures: int = 0
    prohibition_notices: int = 0
    prevention_orders: int = 0
    risk_orders: int = 0
    intelligence_reports: int = 0
    victims: tuple = ()  # VictimFacts, one a person (a person linked twice counts once)
    facts_by_link: dict = field(default_factory=dict)  # victim link id -> VictimFacts, None for a repeat link


@dataclass
class VictimCounts:
    victims: int = 0
    adults: int = 0
    children: int = 0
    age_unknown: int = 0
    nrm: int = 0
    children_nrm: int = 0  # children (on the operation's date) referred to the NRM
    dtn: int = 0
    neither: int = 0
    with_pathway: int = 0
    declined: int = 0  # people who declined at least one offer of support or referral

    def add(self, v: VictimFacts):
        self.victims += 1
        self.adults += v.age_group == ADULT
        self.children += v.age_group == CHILD
        self.age_unknown += v.age_group == UNKNOWN
        self.nrm += v.nrm
        self.children_nrm += v.nrm and v.age_group == CHILD
        self.declined += bool(v.declined)
        self.dtn += v.dtn
        self.neither += not (v.nrm or v.dtn)
        self.with_pathway += bool(v.pathways)


@dataclass
class Figures:
    operations: int
    type_mentions: int  # the sum of the operations-by-exploitation-type counts
    by_exploitation_type: list  # [(label, operations)]
    without_type: int
    by_premises_type: list  # [(label, operations, premises)]
    premises: int
    agencies: list  # [(agency, operations)]
    interventions_by_agency: list  # [(agency, count)]
    interventions_by_kind: list  # [(kind, count)]
    interventions: int
    arrests: list  # [(legislation, count)]
    arrests_total: int
    enforcement: list  # [(label, count)]
    victims: VictimCounts
    per_operation: list  # [(OperationRecord, VictimCounts)]
    pathways: list  # [(pathway, victims)]
    outcomes: list  # [(outcome, victims)]
    declined: list = field(default_factory=list)  # [(what was declined, victims)]


def _ranked(counter):
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))


def victim_counts(victims) -> VictimCounts:
    counts = VictimCounts()
    for v in victims:
        counts.add(v)
    return counts


def figures(operations) -> Figures:
    """Everything the figures page shows, for the given operations."""
    operations = list(operations)
    types, premises_ops, premises_n, agencies = Counter(), Counter(), Counter(), Counter()
    by_agency, by_kind, arrests = Counter(), Counter(), Counter()
    pathways, outcomes, declined = Counter(), Counter(), Counter()
    enforcement = Counter()
    without_type = 0
    all_victims = []
    per_operation = []
    for op in operations:
        types.update(set(op.exploitation_types))
        without_type += not op.exploitation_types
        premises_ops.update(set(op.premises_types))
        premises_n.update(op.premises_types)
        agencies.update(set(op.agencies) | {op.lead_agency})
        for agency, kind, count in op.interventions:
            by_agency[agency] += count
            by_kind[kind] += count
        for key, _ in ARREST_LABELS:
            arrests[key] += op.arrests.get(key, 0)
        enforcement.update({"Closure orders": op.closures, "Prohibition notices": op.prohibition_notices,
                            "Slavery and trafficking prevention orders": op.prevention_orders,
                            "Slavery and trafficking risk orders": op.risk_orders,
                            "Intelligence reports submitted": op.intelligence_reports})
        for v in op.victims:
            pathways.update(set(v.pathways))
            declined.update(set(v.declined))
            outcomes[v.outcome] += 1
        all_victims += op.victims
        per_operation.append((op, victim_counts(op.victims)))
    enforcement_order = ["Closure orders", "Prohibition notices", "Slavery and trafficking prevention orders",
                         "Slavery and trafficking risk orders", "Intelligence reports submitted"]
    return Figures(
        operations=len(operations), type_mentions=sum(types.values()), by_exploitation_type=_ranked(types),
        without_type=without_type,
        by_premises_type=[(label, n, premises_n[label]) for label, n in _ranked(premises_ops)],
        premises=sum(premises_n.values()), agencies=_ranked(agencies),
        interventions_by_agency=_ranked(by_agency), interventions_by_kind=_ranked(by_kind),
        interventions=sum(by_agency.values()),
        arrests=[(label, arrests[key]) for key, label in ARREST_LABELS], arrests_total=sum(arrests.values()),
        enforcement=[(label, enforcement[label]) for label in enforcement_order],
        victims=victim_counts(all_victims), per_operation=per_operation,
        pathways=_ranked(pathways), outcomes=_ranked(outcomes), declined=_ranked(declined),
    )


# --- Reading the records ----------------------------------------------------------------------------

REASON = "disruption operation figures: facts about linked victims are counted, never named"


def _both_sides(links):
    """Each victim link's concern person and case. A link made to one side reaches the other
    through the case's source concern, when that concern is about one person (for a concern about
    several people the case cannot say which one it is, so only the linked side is used). Returns
    {link id: concerns.api.PersonFacts or None} and {link id: cases.api.CaseFacts or None}."""
    from clearsight.cases.api import case_facts, cases_from_concerns
    from clearsight.concerns.api import people_facts, sole_people

    linked_people = people_facts({link.concern_person_id for link in links if link.concern_person_id})
    linked_cases = case_facts({link.case_id for link in links if link.case_id})
    people = {link.pk: linked_people.get(link.concern_person_id) for link in links}
    cases = {link.pk: linked_cases.get(link.case_id) for link in links}
    sole = sole_people({c.source_concern for c in cases.values() if c is not None and c.source_concern})
    opened = cases_from_concerns({p.concern for p in people.values() if p is not None and p.people_in_concern == 1})
    for key in people:
        case, person = cases[key], people[key]
        if person is None and case is not None and case.source_concern in sole:
            people[key] = sole[case.source_concern]
        if case is None and person is not None and person.people_in_concern == 1:
            found = opened.get(person.concern, [])
            if len(found) == 1:
                cases[key] = found[0]
    return people, cases


def load(operations) -> list:
    """OperationRecords for the given Operation rows (already chosen for the viewer)."""
    from .models import Intervention, Operation, OperationVictim

    operations = list(operations)
    ids = [op.pk for op in operations]
    orgs = {op.pk: [] for op in operations}
    for row in Operation.participating_agencies.through.objects.filter(operation_id__in=ids).values(
            "operation_id", "organisation__name"):
        orgs[row["operation_id"]].append(row["organisation__name"])
    types = {op.pk: [] for op in operations}
    for row in Operation.exploitation_types.through.objects.filter(operation_id__in=ids).values(
            "operation_id", "exploitationtype__label"):
        types[row["operation_id"]].append(row["exploitationtype__label"])
    premises = {op.pk: [] for op in operations}
    from clearsight.intelligence.api import PREMISES_TYPE_LABELS

    for row in Operation.target_premises.through.objects.filter(operation_id__in=ids).values(
            "operation_id", "premises__premises_type"):
        kind = row["premises__premises_type"]
        premises[row["operation_id"]].append(PREMISES_TYPE_LABELS.get(kind, kind))
    kinds = dict(Intervention.Kind.choices)
    interventions = {op.pk: [] for op in operations}
    for i in Intervention.objects.filter(operation_id__in=ids).select_related("agency"):
        interventions[i.operation_id].append((i.agency.name, kinds[i.kind], i.count))

    links = list(OperationVictim.objects.filter(operation_id__in=ids))
    people, cases_of = _both_sides(links)
    from clearsight.cases.api import support_offers

    offers = support_offers({c.case for c in cases_of.values() if c is not None})

    by_operation = {op.pk: op for op in operations}
    link_ops = {op.pk: {link.pk for link in links if link.operation_id == op.pk} for op in operations}
    victims = {op.pk: [] for op in operations}
    seen, by_link = set(), {}
    for link in links:
        concern = case = None
        p, c = people[link.pk], cases_of[link.pk]
        # One person linked twice to an operation (once by concern, once by case) counts once.
        keys = {("person", link.operation_id, p.person) if p is not None else None,
                ("case", link.operation_id, c.case) if c is not None else None} - {None}
        if keys & seen:
            by_link[link.pk] = None  # counted with the earlier link
            continue
        seen |= keys
        if p is not None:
            concern = ConcernRecord(p.age_group, p.triage_age_group, p.referrals, p.done_actions)
        if c is not None:
            offered = offers[c.case]
            case = CaseRecord(
                date_of_birth=c.date_of_birth, open=c.open, nrm_referred=c.nrm_referred, rg_decision=c.rg_decision,
                cg_decision=c.cg_decision, withdrawn=c.withdrawn, placements=c.placements, services=offered.services,
                victim_care=offered.victim_care, declined=tuple((o.kind, o.service) for o in offered.declined))
        facts = victim_facts(concern, case, by_operation[link.operation_id].date)
        by_link[link.pk] = facts
        victims[link.operation_id].append(facts)

    records = []
    for op in operations:
        records.append(OperationRecord(
            reference=op.reference, name=op.name, date=op.date, status=op.status, lead_agency=op.lead_agency.name,
            agencies=tuple(sorted(set(orgs[op.pk]) | {op.lead_agency.name})), exploitation_types=tuple(types[op.pk]),
            premises_types=tuple(premises[op.pk]), interventions=tuple(interventions[op.pk]),
            arrests={"modern_slavery": op.arrests_modern_slavery, "immigration": op.arrests_immigration,
                     "other": op.arrests_other},
            closures=op.closures, prohibition_notices=op.prohibition_notices, prevention_orders=op.prevention_orders,
            risk_orders=op.risk_orders, intelligence_reports=op.intelligence_reports, victims=tuple(victims[op.pk]),
            facts_by_link={pk: by_link[pk] for pk in by_link if pk in link_ops[op.pk]}))
    return records


def carried_out(organisation_ids, reason: str = REASON):
    """The operations carried out that the organisations led or took part in, by date (read for
    figures, whoever may open them: ``reason`` says why)."""
    from django.db.models import Q

    from .models import Operation

    joined = Operation.participating_agencies.through.objects.filter(organisation_id__in=organisation_ids).values(
        "operation_id")
    return (Operation.objects.unscoped(reason)
            .filter(Q(lead_agency_id__in=organisation_ids) | Q(pk__in=joined), status=Operation.Status.DONE)
            .select_related("lead_agency").order_by("date", "reference"))


def figures_for(organisation_ids, start: date, end: date) -> Figures:
    """The figures of the operations carried out from ``start`` to ``end`` that the organisations led
    or took part in (the board's operations figures)."""
    return figures(load(carried_out(organisation_ids).filter(date__gte=start, date__lte=end)))


def pathway_rows(pathways, restricted: bool) -> list:
    """The support pathways table. Service names are typed by caseworkers and may hold a name, so an
    audience not cleared for personal data sees them as one line, "Referred to another service"."""
    if not restricted:
        return list(pathways)
    merged = Counter()
    for pathway, people in pathways:
        merged["Referred to another service" if pathway.startswith(SERVICE_PREFIX) else pathway] += people
    return sorted(merged.items(), key=lambda item: (-item[1], item[0]))


def declined_rows(declined, restricted: bool) -> list:
    """The support declined table: like ``pathway_rows``, a restricted audience sees typed service names
    as one line, "A referral to another service"."""
    if not restricted:
        return list(declined)
    merged = Counter()
    for what, people in declined:
        merged["A referral to another service" if what.startswith(DECLINED_SERVICE_PREFIX) else what] += people
    return sorted(merged.items(), key=lambda item: (-item[1], item[0]))


# --- Periods --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    """The operations counted: all of them, a calendar year, or a financial year (1 April to 31 March,
    as councils report)."""

    key: str = ""  # "" for all, "2026" for a calendar year, "fy-2026" for the financial year 2026 to 2027
    label: str = ""  # "" for all, "2026", "the financial year 2026 to 2027"
    start: date | None = None
    end: date | None = None

    @property
    def query(self) -> str:
        if not self.key:
            return ""
        return f"fy={self.key[3:]}" if self.key.startswith("fy-") else f"year={self.key}"

    @property
    def slug(self) -> str:
        return self.key


def period_choices(dates) -> tuple:
    """([(key, label)] of financial years, [(key, label)] of calendar years) with operations, latest first."""
    from clearsight.core.dates import FinancialYear

    dates = list(dates)
    financial = sorted({FinancialYear.containing(d) for d in dates}, reverse=True)
    calendar = sorted({d.year for d in dates}, reverse=True)
    return ([(f"fy-{fy.start_year}", f"{fy.label} (financial year)") for fy in financial],
            [(str(y), f"{y} (calendar year)") for y in calendar])


def choose_period(dates, *, year: str = "", fy: str = "") -> Period:
    """The period asked for, if operations fall in it; otherwise all operations. ``fy`` names a financial
    year by the calendar year it starts in."""
    from clearsight.core.dates import FinancialYear

    financial, calendar = period_choices(dates)
    if fy.isdigit() and f"fy-{int(fy)}" in dict(financial):
        chosen = FinancialYear(int(fy))
        return Period(f"fy-{chosen.start_year}", f"the financial year {chosen.label}", chosen.starts, chosen.ends)
    if year.isdigit() and str(int(year)) in dict(calendar):
        y = int(year)
        return Period(str(y), str(y), date(y, 1, 1), date(y, 12, 31))
    return Period()
