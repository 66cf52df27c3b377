"""What other contexts ask of intelligence. Never the text of a report."""

from datetime import date


def agenda_items(org_ids, since: date) -> list[dict]:
    """New intelligence for a meeting agenda: reports owned by ``org_ids`` dated on or after
    ``since``, except those whose handling code limits them to named organisations. Each item is
    reference, date, subject kind (label) and grading; never the text, so an agenda can go to every
    member of a group."""
    from .models import IntelligenceReport

    reports = (IntelligenceReport.objects.unscoped("agenda items carry no report text")
               .filter(organisation_id__in=list(org_ids), date__gte=since)
               .exclude(handling_code="C")  # shared with conditions: only the named organisations may know of it
               .select_related("organisation").order_by("date", "reference"))
    return [{
        "public_id": str(report.public_id),
        "reference": report.reference,
        "date": report.date,
        "organisation": report.organisation.name,
        "subject_kind": report.get_subject_kind_display(),
        "grading": report.grading,
    } for report in reports]


def premises_for_user(user):
    """Premises the user may see (for choosing target premises in other contexts)."""
    from .models import Premises

    return Premises.objects.for_user(user)
