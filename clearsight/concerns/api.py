"""What other contexts may use of concerns (ADR 0027; `lint-imports` keeps everything else private).

Models are listed only where another context still reads them directly: the statement, board and
operation figures count concerns and referrals, and cases link people to the concern they came from.
New needs are met with functions returning plain data, added here."""

from dataclasses import dataclass

from .models import Action, Concern, ConcernPerson, ExploitationType, Indicator, RouteSetting, StatutoryReferral
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
    labels = dict(Indicator.Category.choices)
    order = {category: n for n, category in enumerate(labels)}
    rows = sorted(Indicator.objects.all(), key=lambda i: (order.get(i.category, len(order)), i.code))
    return [IndicatorFact(labels.get(i.category, i.category), i.text, i.source, i.version) for i in rows]


def reporting_routes(organisation) -> list[ReportingRoute]:
    """The organisation's available reporting routes, in the order routing offers the actions."""
    order = {kind.value: n for n, kind in enumerate(ACTION_ORDER)}
    routes = sorted(RouteSetting.objects.filter(organisation=organisation, available=True),
                    key=lambda r: (order.get(r.kind, 99), r.title))
    return [ReportingRoute(r.kind, r.title, r.guidance, r.contact_name, r.contact_phone, r.contact_email,
                           r.contact_web_form) for r in routes]


def exploitation_types() -> list[tuple[str, str]]:
    """(code, label) of every exploitation type, in the order forms list them (reference data)."""
    return list(ExploitationType.objects.order_by("position", "code").values_list("code", "label"))


def concerns_for_user(user):
    """The concerns the user handles (scoped as the concerns pages are), to look one up or filter."""
    return Concern.objects.for_user(user)


def concern_for_user(user, public_id):
    """The concern with this public id if the user handles it (scoped as the concerns pages are), or None."""
    return Concern.objects.for_user(user).filter(public_id=public_id).first()


def concern_for_subject_access(public_id):
    """The concern a case was opened from, for a subject access export (read unscoped: the person it
    is about is entitled to what was reported about them; the caller checked the case)."""
    return (Concern.objects.unscoped("subject access export").filter(public_id=public_id)
            .select_related("reporter_organisation").first())


def referral_kind_labels() -> dict:
    """{kind: label} of statutory referrals (NRM referral, Duty to Notify)."""
    return dict(StatutoryReferral.Kind.choices)


__all__ = [
    "ACTION_ORDER", "Action", "Concern", "ConcernPerson", "ExploitationType", "Indicator", "RouteSetting",
    "StatutoryReferral", "concern_for_subject_access", "concern_for_user", "concerns_for_user", "exploitation_types", "indicators", "IndicatorFact",
    "referral_form_pages", "referral_kind_labels", "reporting_routes", "ReportingRoute",
]
