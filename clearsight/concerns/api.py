"""What other contexts may use of concerns (ADR 0027; `lint-imports` keeps everything else private).

Models are listed only where another context still reads them directly: the statement, board and
operation figures count concerns and referrals, and cases link people to the concern they came from.
New needs are met with functions returning plain data, added here."""

from .models import Action, Concern, ConcernPerson, ExploitationType, Indicator, RouteSetting, StatutoryReferral
from .nrm_form import pages as referral_form_pages
from .routing import ACTION_ORDER

__all__ = [
    "ACTION_ORDER", "Action", "Concern", "ConcernPerson", "ExploitationType", "Indicator", "RouteSetting",
    "StatutoryReferral", "referral_form_pages",
]
