"""What other contexts may use of cases (ADR 0027; `lint-imports` keeps everything else private).

Operation and board figures count NRM records, placements and referrals on cases; operations link a
victim to a case the user can already see. Nothing here returns a person's details."""

from .models import Case, NrmRecord, Placement, ServiceReferral
from .register import NEGATIVE, PENDING, POSITIVE
from .register import Nrm as NrmFacts


def nrm_facts(organisation_ids) -> list[NrmFacts]:
    """What the NRM records on the organisations' support cases say: dates and decisions, no people."""
    return [NrmFacts(*row) for row in NrmRecord.objects.filter(case__organisation_id__in=organisation_ids).values_list(
        "referred_on", "rg_decision", "rg_decided_on", "cg_decision", "cg_decided_on", "withdrawn_on")]


__all__ = ["NEGATIVE", "PENDING", "POSITIVE", "Case", "NrmFacts", "NrmRecord", "Placement", "ServiceReferral", "nrm_facts"]
