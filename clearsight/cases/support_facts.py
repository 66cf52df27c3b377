"""What a case's support offers and referrals say, as plain facts for other contexts' figures
(re-exported by ``cases.api``): kinds, statuses and dates, and the names of services as typed (which
the operation figures hide from a restricted audience).

An offer through the Modern Slavery Victim Care Contract is support inside the NRM. An offer or
referral the person declined is kept and counted as declined, never dropped."""

from dataclasses import dataclass
from datetime import date

from .models import ServiceReferral

VICTIM_CARE = ServiceReferral.Kind.VICTIM_CARE.value
DECLINED = ServiceReferral.Status.DECLINED.value


@dataclass(frozen=True)
class Offer:
    kind: str  # "victim_care" or "service"
    service: str
    status: str  # requested, accepted, declined or completed
    declined_on: date | None = None


@dataclass(frozen=True)
class SupportOffers:
    offers: tuple = ()  # Offer, earliest requested first

    @property
    def victim_care(self) -> bool:
        """Offered Victim Care Contract support that was not declined (requested, accepted or completed)."""
        return any(o.kind == VICTIM_CARE and o.status != DECLINED for o in self.offers)

    @property
    def services(self) -> tuple:
        """Other services referred to and not declined."""
        return tuple(o.service for o in self.offers if o.kind != VICTIM_CARE and o.status != DECLINED)

    @property
    def declined(self) -> tuple:
        return tuple(o for o in self.offers if o.status == DECLINED)


def support_offers(case_ids) -> dict:
    """{case id: SupportOffers} for these cases (every case asked for has an entry)."""
    case_ids = list(case_ids)
    found = {case_id: [] for case_id in case_ids}
    rows = (
        ServiceReferral.objects.filter(case_id__in=case_ids)
        .order_by("requested_on", "pk")
        .values_list("case_id", "kind", "service", "status", "declined_on")
    )
    for case_id, kind, service, status, declined_on in rows:
        found[case_id].append(Offer(kind, service, status, declined_on))
    return {case_id: SupportOffers(tuple(offers)) for case_id, offers in found.items()}
