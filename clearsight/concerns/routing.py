"""Which statutory and safeguarding actions a triaged concern requires.

Plain functions with no Django in them, so the rules can be read and tested on their own. The law
decides *which* actions follow from the facts (First Responder Toolkit; Modern Slavery Act 2015
s.52; Care Act 2014 s.42); each council's configuration decides whether a route exists in its area
(for example an Independent Child Trafficking Guardian service), how quickly each action is due,
and who owns it. See docs/adr/0011-routing-rules.md.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta, UTC
from enum import StrEnum

from clearsight.core import dates


class AgeGroup(StrEnum):
    CHILD = "child"
    ADULT = "adult"
    UNKNOWN = "unknown"


class Consent(StrEnum):
    GIVEN = "given"
    REFUSED = "refused"
    UNABLE = "unable"


class ActionKind(StrEnum):
    POLICE = "police"
    CHILDRENS_FRONT_DOOR = "childrens_front_door"
    NRM_REFERRAL = "nrm_referral"
    ICTG_REFERRAL = "ictg_referral"
    ADULT_SAFEGUARDING = "adult_safeguarding"
    SUPPORT_OFFER = "support_offer"
    DUTY_TO_NOTIFY = "duty_to_notify"
    PROCUREMENT_CHAMPION = "procurement_champion"


# The order actions are shown and done in: the police first when someone is in danger.
ACTION_ORDER = list(ActionKind)

# Actions about the situation as a whole, raised once per concern; the others are for each person.
CONCERN_LEVEL = {ActionKind.POLICE, ActionKind.PROCUREMENT_CHAMPION}


@dataclass(frozen=True)
class PersonFacts:
    age_group: AgeGroup
    consent: Consent
    care_and_support_needs: bool


@dataclass(frozen=True)
class Facts:
    """What the law turns on, as the first responder judged it at triage."""

    person: PersonFacts
    immediate_danger: bool
    supplier_involved: bool


class Due(StrEnum):
    IMMEDIATELY = "immediately"
    SAME_DAY = "same_day"
    HOURS = "hours"
    WORKING_DAYS = "working_days"


@dataclass(frozen=True)
class RouteSetting:
    """One council's setting for one kind of action."""

    kind: ActionKind
    available: bool = True
    due: Due = Due.WORKING_DAYS
    due_amount: int = 1


def treated_as_child(age_group: AgeGroup) -> bool:
    """Someone whose age is not known but may be under 18 is treated as a child until assessed."""
    return age_group in (AgeGroup.CHILD, AgeGroup.UNKNOWN)


def required_kinds(facts: Facts, available=lambda kind: True) -> list[ActionKind]:
    """The actions the facts require, in the order they should be done.

    - Immediate danger: the police first.
    - A child, or someone whose age is not known: the children's safeguarding front door, an NRM
      referral without consent (a child must be referred), and an Independent Child Trafficking
      Guardian referral where the area has the service.
    - An adult who consents: an NRM referral; adult safeguarding (Care Act s.42) where they have care
      and support needs; an offer of support.
    - An adult who refuses: a Duty to Notify report (s.52), which discharges the duty without consent.
    - An adult unable to consent (for example lacking capacity): no one can consent for them to the
      NRM, so the duty is discharged by a Duty to Notify report, and adult safeguarding leads on their
      safety and a best-interests decision whatever their recorded care needs.
    - A supplier or contractor involved: the procurement service's modern slavery champion.
    """
    kinds = set()
    if facts.immediate_danger:
        kinds.add(ActionKind.POLICE)
    person = facts.person
    if treated_as_child(person.age_group):
        kinds |= {ActionKind.CHILDRENS_FRONT_DOOR, ActionKind.NRM_REFERRAL}
        if available(ActionKind.ICTG_REFERRAL):
            kinds.add(ActionKind.ICTG_REFERRAL)
    elif person.consent == Consent.GIVEN:
        kinds |= {ActionKind.NRM_REFERRAL, ActionKind.SUPPORT_OFFER}
        if person.care_and_support_needs:
            kinds.add(ActionKind.ADULT_SAFEGUARDING)
    elif person.consent == Consent.REFUSED:
        kinds.add(ActionKind.DUTY_TO_NOTIFY)
        if person.care_and_support_needs:
            kinds.add(ActionKind.ADULT_SAFEGUARDING)
    else:
        kinds |= {ActionKind.DUTY_TO_NOTIFY, ActionKind.ADULT_SAFEGUARDING}
    if facts.supplier_involved:
        kinds.add(ActionKind.PROCUREMENT_CHAMPION)
    return [kind for kind in ACTION_ORDER if kind in kinds]


def due_at(setting: RouteSetting, start: datetime, is_working_day=dates.is_working_day,
           end_of_day=time(17, 0)) -> datetime:
    """When an action is due, counted from ``start`` (an aware datetime in local time).

    SAME_DAY means by the end of the working day (``end_of_day``), or the end of the next working day
    when the concern is triaged after that or on a non-working day. WORKING_DAYS skips weekends and
    bank holidays in England and Wales (``core.dates.is_working_day``; tests may pass their own
    ``is_working_day(date)``)."""
    if setting.due == Due.IMMEDIATELY:
        return start
    if setting.due == Due.HOURS:
        # Real elapsed hours, even across the clocks changing.
        return (start.astimezone(UTC) + timedelta(hours=setting.due_amount)).astimezone(start.tzinfo)
    day = start.date()
    if setting.due == Due.SAME_DAY:
        if not is_working_day(day) or start.time() >= end_of_day:
            day = dates.add_working_days(day, 1, is_working_day)
        return start.replace(year=day.year, month=day.month, day=day.day, hour=end_of_day.hour,
                             minute=end_of_day.minute, second=0, microsecond=0)
    day = dates.add_working_days(day, setting.due_amount, is_working_day)
    return start.replace(year=day.year, month=day.month, day=day.day, hour=end_of_day.hour,
                         minute=end_of_day.minute, second=0, microsecond=0)
