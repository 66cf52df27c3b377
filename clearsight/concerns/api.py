"""What other contexts may use of concerns (ADR 0027; `lint-imports` keeps everything else private).

Functions and plain data only; no model is exported. Board and operation figures read facts about
concerns (``concerns.facts``: dates, codes, counts and opaque ids, never names); cases, operations,
intelligence and supply look up a concern the user handles (the scoped functions below return
Concern records the user may see). New needs are met with functions here."""

from dataclasses import dataclass

from .categories import Categories, exploitation_categories
from .facts import (PersonFacts, ReferralsThrough, SubmittedConcern, SubmittedReferral, exploitation_type_ids,
                    people_facts, referrals_through, sole_people, submitted_concerns, submitted_referrals)
from .nrm_form import pages as referral_form_pages
from .routing import ACTION_ORDER



@dataclass(frozen=True)
class IndicatorFact:
    category: str  # the category's label
    text: str
    source: str
    version: str


@dataclass(frozen=True)
class ReportingRoute:
    kind: str
    title: str
    guidance: str
    contact_name: str
    contact_phone: str
    contact_email: str
    contact_web_form: str


def indicators() -> list[IndicatorFact]:
    """The indicators of modern slavery (reference data), in their categories' order, then by code."""
    from .models import Indicator

    labels = dict(Indicator.Category.choices)
    order = {category: n for n, category in enumerate(labels)}
    rows = sorted(Indicator.objects.all(), key=lambda i: (order.get(i.category, len(order)), i.code))
    return [IndicatorFact(labels.get(i.category, i.category), i.text, i.source, i.version) for i in rows]


def reporting_routes(organisation) -> list[ReportingRoute]:
    """The organisation's available reporting routes, in the order routing offers the actions."""
    from .models import RouteSetting

    order = {kind.value: n for n, kind in enumerate(ACTION_ORDER)}
    routes = sorted(RouteSetting.objects.filter(organisation=organisation, available=True),
                    key=lambda r: (order.get(r.kind, 99), r.title))
    return [ReportingRoute(r.kind, r.title, r.guidance, r.contact_name, r.contact_phone, r.contact_email,
                           r.contact_web_form) for r in routes]


def exploitation_types() -> list[tuple[str, str]]:
    """(code, label) of every exploitation type, in the order forms list them (reference data)."""
    from .models import ExploitationType

    return list(ExploitationType.objects.order_by("position", "code").values_list("code", "label"))


def concerns_for_user(user):
    """The concerns the user handles (scoped as the concerns pages are), to look one up or filter."""
    from .models import Concern

    return Concern.objects.for_user(user)


def concern_for_user(user, public_id):
    """The concern with this public id if the user handles it (scoped as the concerns pages are), or None."""
    return concerns_for_user(user).filter(public_id=public_id).first()


def concern_by_reference(user, reference: str):
    """The concern with this reference (such as MS-7K4Q-2D9X) if the user handles it, or None."""
    return concerns_for_user(user).filter(reference=reference).first()


def concern_for_subject_access(public_id):
    """The concern a case was opened from, for a subject access export (read unscoped: the person it
    is about is entitled to what was reported about them; the caller checked the case)."""
    from .models import Concern

    return (Concern.objects.unscoped("subject access export").filter(public_id=public_id)
            .select_related("reporter_organisation").first())


def referral_kind_labels() -> dict:
    """{kind: label} of statutory referrals (NRM referral, Duty to Notify)."""
    from .models import StatutoryReferral

    return dict(StatutoryReferral.Kind.choices)


__all__ = [
    "ACTION_ORDER", "Categories", "IndicatorFact", "PersonFacts", "ReferralsThrough", "ReportingRoute",
    "SubmittedConcern",
    "SubmittedReferral", "concern_by_reference", "concern_for_subject_access", "concern_for_user", "concerns_for_user",
    "exploitation_categories", "exploitation_type_ids", "exploitation_types", "indicators", "people_facts",
    "referral_form_pages",
    "referral_kind_labels", "referrals_through", "reporting_routes", "sole_people", "submitted_concerns",
    "submitted_referrals",
]
