"""The overview's tables, as the CSV downloads give them (core.exports writes them)."""


def _tiers(figures):
    return (["Risk tier", "Suppliers", "Spend (£)", "Share of spend (%)"],
            [[t.label, t.suppliers, t.spend, "" if t.share is None else t.share] for t in figures.tiers])


def _supplier_rows(rows):
    return [[r.name, r.tier_label, "" if r.score is None else r.score, r.spend, r.weighted,
             "Yes" if r.assessed else "No", r.top_factor] for r in rows]


SUPPLIER_HEADERS = ["Supplier", "Risk tier", "Risk score (0-100)", "Spend (£)", "Spend multiplied by risk (£)",
                    "Current assessment", "Main risk factor"]


def _ranked(figures):
    return SUPPLIER_HEADERS, _supplier_rows(figures.ranked)


def _next(figures):
    return SUPPLIER_HEADERS, _supplier_rows(figures.next_to_assess)


def _coverage(figures):
    return (["Measure", "Value"], [
        ["High and very high risk spend (£)", figures.high_spend],
        ["Of which with a current assessment (£)", figures.high_assessed_spend],
        ["Coverage (%)", "" if figures.coverage is None else figures.coverage],
        ["High and very high risk suppliers with spend", figures.high_suppliers],
        ["Of which with a current assessment", figures.high_assessed_suppliers],
    ])


TABLES = {"tiers": _tiers, "ranked": _ranked, "next": _next, "coverage": _coverage}

