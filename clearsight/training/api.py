"""What other contexts may use of training (ADR 0027; `lint-imports` keeps everything else private):
an organisation's compliance totals, as plain numbers (no names)."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ComplianceTotals:
    met: int
    not_met: int
    in_grace: int


def compliance_totals(organisation, on: date) -> ComplianceTotals | None:
    """How many of the organisation's staff meet their training requirement on ``on``, how many do
    not, and how many are new and not yet due (as the training dashboard counts them); None if the
    organisation has no staff with a requirement."""
    from . import compliance, services
    from .models import StaffMember

    staff = (StaffMember.objects.unscoped("aggregate compliance rates; no names are read or shown")
             .filter(organisation=organisation).only("pk", "organisation_id", "directorate", "start_date", "leave_date"))
    facts = list(services.facts_for(staff, {organisation.pk}).values())
    if not facts:
        return None
    total, _ = compliance.rates(facts, on)
    return ComplianceTotals(total.met, total.not_met, total.in_grace)


__all__ = ["ComplianceTotals", "compliance_totals"]
