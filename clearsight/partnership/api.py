"""What other contexts may use of partnership (ADR 0027; `lint-imports` keeps everything else private).

Information sharing agreements decide which organisations' records a partner sees
(``organisations_sharing_with``), and which agreements that used to share a kind of data have
ended (``ended_agreements``: organisation ids and dates); contexts that hold shareable records ask
here. No model is exported. A context whose records belong on a meeting's agenda adds an agenda
source (``agenda_sources``) in its ``AppConfig.ready``, so partnership need not import it."""

from .agenda import AgendaSource, agenda_sources
from .sharing import EndedSharing, ended_agreements, organisations_sharing_with

__all__ = ["AgendaSource", "EndedSharing", "agenda_sources", "ended_agreements", "organisations_sharing_with"]
