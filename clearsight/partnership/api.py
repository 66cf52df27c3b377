"""What other contexts may use of partnership (ADR 0027; `lint-imports` keeps everything else private).

Information sharing agreements decide which organisations' records a partner sees
(``organisations_sharing_with``); contexts that hold shareable records ask here. A context whose
records belong on a meeting's agenda adds an agenda source (``agenda_sources``) in its
``AppConfig.ready``, so partnership need not import it."""

from .agenda import AgendaSource, agenda_sources
from .models import InformationSharingAgreement
from .sharing import ENDED, EXPIRED, organisations_sharing_with

__all__ = ["ENDED", "EXPIRED", "AgendaSource", "InformationSharingAgreement", "agenda_sources",
           "organisations_sharing_with"]
