"""What other contexts may use of cases (ADR 0027; `lint-imports` keeps everything else private).

Operation and board figures count NRM records, placements and referrals on cases; operations link a
victim to a case the user can already see. Nothing here returns a person's details."""

from .models import Case, NrmRecord, Placement, ServiceReferral

__all__ = ["Case", "NrmRecord", "Placement", "ServiceReferral"]
