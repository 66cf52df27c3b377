"""Handling restrictions on intelligence, enforced by the system.

A report is visible to people who work in partnership (Capability.WORK_IN_PARTNERSHIP) in the
organisation that owns it. Another organisation sees it only when both hold:

* an active information sharing agreement covers "intelligence" between the owner and the viewer's
  organisation (decided by the partnership context, ``organisations_sharing_with``); and
* the handling code allows it: P (lawful sharing permitted) goes to every organisation sharing under
  such an agreement; C (sharing with conditions) only to the organisations named in its conditions.

When an agreement ends, the sharing stops that day. Premises and businesses follow the same
agreements (an organisation that shares its intelligence shares what the intelligence is about).
"""

from datetime import date

from django.db.models import Q
from django.utils import timezone

from clearsight.core.acting import organisation_ids
from clearsight.core.roles import Capability

DATA_KIND = "intelligence"


def partnership_org_ids(user) -> set:
    """The organisations in which the user works in partnership."""
    return organisation_ids(user, Capability.WORK_IN_PARTNERSHIP)


def sharing_org_ids(viewer_org_ids, on: date | None = None) -> set:
    """Other organisations whose intelligence the viewer's organisations receive today (or ``on``)
    under an active agreement. None while the partnership context offers no agreements."""
    if not viewer_org_ids:
        return set()
    from clearsight.partnership.api import organisations_sharing_with

    return set(organisations_sharing_with(set(viewer_org_ids), DATA_KIND, on or timezone.localdate())) - set(viewer_org_ids)


def ended_sharing(viewer_org_ids, on: date | None = None) -> list[dict]:
    """Organisations whose intelligence the viewer's organisations used to receive under an agreement
    that has expired or been ended, and no longer do: [{"organisation_id", "ended_on"}], the latest
    ended agreement for each. Empty while the partnership context offers no agreements."""
    if not viewer_org_ids:
        return []
    from clearsight.core.models import Organisation
    from clearsight.partnership.api import ended_agreements

    on = on or timezone.localdate()
    current = sharing_org_ids(viewer_org_ids, on)
    ended = {}  # organisation id -> the latest day an agreement with it stopped sharing
    for row in ended_agreements(set(viewer_org_ids), DATA_KIND, on):
        if row.organisation_id in viewer_org_ids or row.organisation_id in current:
            continue
        if row.organisation_id not in ended or ended[row.organisation_id] < row.ended_on:
            ended[row.organisation_id] = row.ended_on
    organisations = Organisation.objects.in_bulk(list(ended))
    return sorted(({"organisation": organisations[pk], "organisation_id": pk, "ended_on": ended_on}
                   for pk, ended_on in ended.items()), key=lambda e: e["organisation"].name)


def no_longer_shared(viewer_org_ids, on: date | None = None) -> list[dict]:
    """For the reports list: how many reports from each organisation the viewer would see had its
    agreement not ended. [{"organisation", "ended_on", "count"}], only counts above zero."""
    from .models import IntelligenceReport

    result = []
    for item in ended_sharing(viewer_org_ids, on):
        reports = IntelligenceReport._base_manager.filter(organisation_id=item["organisation_id"])
        count = sum(1 for code, conditions in _codes_and_conditions(reports)
                    if report_visible_to(owner_id=item["organisation_id"], handling_code=code,
                                         condition_org_ids=conditions, viewer_org_ids=viewer_org_ids,
                                         sharing_ids={item["organisation_id"]}))
        if count:
            result.append({**item, "count": count})
    return result


def _codes_and_conditions(reports):
    from .models import IntelligenceReport

    conditions = {}
    through = IntelligenceReport.conditions_organisations.through
    for report_id, org_id in through.objects.filter(intelligencereport__in=reports).values_list(
            "intelligencereport_id", "organisation_id"):
        conditions.setdefault(report_id, set()).add(org_id)
    return [(code, conditions.get(pk, set())) for pk, code in reports.values_list("pk", "handling_code")]


def report_visible_to(*, owner_id, handling_code, condition_org_ids, viewer_org_ids, sharing_ids) -> bool:
    """Whether a report owned by ``owner_id`` may be shown to someone working in partnership in
    ``viewer_org_ids``, given the organisations sharing intelligence with them (``sharing_ids``)."""
    if owner_id in viewer_org_ids:
        return True
    if owner_id not in sharing_ids:
        return False
    if handling_code == "P":
        return True
    if handling_code == "C":
        return bool(set(condition_org_ids) & set(viewer_org_ids))
    return False  # an unknown code never shares


def grading_warnings(report) -> list[str]:
    """What a reader must be told before relying on a report."""
    warnings = []
    if report.assessment == "E":
        warnings.append("This intelligence is suspected to be false. Do not act on it without checking it.")
    if report.source_evaluation == "3":
        warnings.append("The source of this intelligence is not reliable. Treat it with caution.")
    return warnings


def record_org_ids(viewer, on: date | None = None) -> set:
    """Organisations whose premises and businesses the viewer may see."""
    own = partnership_org_ids(viewer)
    return own | sharing_org_ids(own, on)


def visible_reports(queryset, viewer, on: date | None = None):
    """The reports in ``queryset`` the viewer may see (the rule above, as one query)."""
    own = partnership_org_ids(viewer)
    if not own:
        return queryset.none()
    shared = sharing_org_ids(own, on)
    rule = Q(organisation_id__in=own)
    if shared:
        from .models import IntelligenceReport

        rule |= Q(organisation_id__in=shared, handling_code="P")
        # Code C, organisation by organisation: the named organisation must itself be one the
        # owner shares intelligence with (someone working in two organisations does not combine
        # one's agreement with the other's name).
        for org_id in own:
            shared_with_org = sharing_org_ids({org_id}, on) - {org_id}
            if shared_with_org:
                conditioned = IntelligenceReport._base_manager.filter(
                    organisation_id__in=shared_with_org, handling_code="C", conditions_organisations=org_id).values("pk")
                rule |= Q(pk__in=conditioned)
    return queryset.filter(rule)
