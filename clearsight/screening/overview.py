"""The supply chain risk overview as plain figures: spend by risk tier, suppliers ranked by spend
multiplied by risk, the suppliers to assess next and assessment coverage of high-risk spend.

``build_overview`` takes plain mappings so it can be tested without a database; ``overview_for``
gathers them for an organisation and period."""

from dataclasses import dataclass, field
from decimal import Decimal

from .risk import TIER_LABELS

ZERO = Decimal("0.00")
HIGH_TIERS = ("very_high", "high")
TIER_ORDER = ["very_high", "high", "medium", "low", None]  # None: not screened
# The colour of each tier's bar on the overview's charts.
TIER_COLOURS = {"very_high": "#d4351c", "high": "#f47738", "medium": "#ffdd00", "low": "#00703c", None: "#b1b4b6"}


def tier_label(tier):
    return TIER_LABELS[tier] if tier else "Not screened"


@dataclass
class Row:
    supplier_id: int
    name: str
    public_id: object
    spend: Decimal
    score: int | None
    tier: str | None
    assessed: bool
    top_factor: str = ""

    @property
    def weighted(self):
        """Spend multiplied by risk: the spend (never below zero) times the score as a share of 100."""
        if self.score is None:
            return ZERO
        return (max(self.spend, ZERO) * self.score / 100).quantize(Decimal("0.01"))

    @property
    def tier_label(self):
        return tier_label(self.tier)


@dataclass
class TierTotal:
    tier: str | None
    suppliers: int = 0
    spend: Decimal = ZERO
    share: Decimal | None = None

    @property
    def label(self):
        return tier_label(self.tier)


@dataclass
class Overview:
    tiers: list
    ranked: list
    next_to_assess: list
    total_spend: Decimal
    high_spend: Decimal
    high_assessed_spend: Decimal
    high_suppliers: int
    high_assessed_suppliers: int
    extra: dict = field(default_factory=dict)

    @property
    def coverage(self):
        """Share (0-100) of high-risk spend whose supplier has a current assessment; None with none."""
        if self.high_spend <= 0:
            return None
        return (self.high_assessed_spend * 100 / self.high_spend).quantize(Decimal("0.1"))


def _share(part, whole):
    return (part * 100 / whole).quantize(Decimal("0.1")) if whole > 0 else None


def build_overview(spend, risks, suppliers, assessed, limit=20):
    """``spend``: supplier id -> spend in the period; ``risks``: supplier id -> (score, tier, top
    factor); ``suppliers``: supplier id -> (name, public id); ``assessed``: ids with a current
    assessment. Only suppliers with spend in the period count."""
    rows = []
    for supplier_id, amount in spend.items():
        if supplier_id not in suppliers:
            continue
        name, public_id = suppliers[supplier_id]
        score, tier, top = risks.get(supplier_id, (None, None, ""))
        rows.append(Row(supplier_id, name, public_id, amount, score, tier, supplier_id in assessed, top))
    totals = {tier: TierTotal(tier) for tier in TIER_ORDER}
    for row in rows:
        total = totals[row.tier]
        total.suppliers += 1
        total.spend += row.spend
    total_spend = sum((max(t.spend, ZERO) for t in totals.values()), ZERO)
    for total in totals.values():
        total.share = _share(max(total.spend, ZERO), total_spend)
    ranked = sorted((r for r in rows if r.weighted > 0), key=lambda r: (-r.weighted, r.name))
    high = [r for r in rows if r.tier in HIGH_TIERS and r.spend > 0]
    next_to_assess = sorted((r for r in high if not r.assessed), key=lambda r: (-r.weighted, r.name))
    return Overview(
        tiers=[totals[t] for t in TIER_ORDER],
        ranked=ranked[:limit],
        next_to_assess=next_to_assess[:limit],
        total_spend=total_spend,
        high_spend=sum((r.spend for r in high), ZERO),
        high_assessed_spend=sum((r.spend for r in high if r.assessed), ZERO),
        high_suppliers=len(high),
        high_assessed_suppliers=sum(1 for r in high if r.assessed),
        extra={"next_count": len(next_to_assess), "ranked_count": len(ranked)},
    )


def _top_factor(factors):
    scored = [f for f in factors if f.get("points")]
    return max(scored, key=lambda f: f["points"])["text"] if scored else ""


def overview_for(organisation, start=None, end=None, limit=20, on=None):
    from .api import assessed_supplier_ids
    from clearsight.spend.api import spend_by_supplier
    from clearsight.supply.api import Supplier

    from .models import SupplierRisk

    reason = "the overview's organisation was checked against the viewer's roles"
    spend = spend_by_supplier(organisation, start=start, end=end)
    risks = {sid: (score, tier, _top_factor(factors)) for sid, score, tier, factors in
             SupplierRisk.objects.unscoped(reason).filter(organisation=organisation)
             .values_list("supplier_id", "score", "tier", "factors")}
    suppliers = {pk: (name, public_id) for pk, name, public_id in
                 Supplier.objects.unscoped(reason).filter(organisation=organisation).values_list("pk", "name", "public_id")}
    assessed = assessed_supplier_ids(organisation, on=on)
    return build_overview(spend, risks, suppliers, assessed, limit=limit)
