"""Totals of spend that other contexts (screening, suppliers, dashboards) use.

These run outside a user's view of records (they take an organisation or supplier the caller has
already checked), so they read lines with ``unscoped``.
"""

import datetime
from decimal import Decimal

from django.db.models import Count, Sum

from .models import SpendLine

ZERO = Decimal("0.00")
_REASON = "caller has already checked the organisation or supplier"


def financial_year_ending(day: datetime.date) -> int:
    """The UK financial year (April to March) a date falls in, labelled by the year it ends."""
    return day.year + 1 if day.month >= 4 else day.year


def financial_year_bounds(year_ending: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year_ending - 1, 4, 1), datetime.date(year_ending, 3, 31)


def _money(value) -> Decimal:
    return (Decimal(str(value)) if value is not None else ZERO).quantize(Decimal("0.01"))


def _lines(organisation, start=None, end=None):
    lines = SpendLine.objects.unscoped(_REASON).filter(organisation=organisation)
    if start is not None:
        lines = lines.filter(paid_on__gte=start)
    if end is not None:
        lines = lines.filter(paid_on__lte=end)
    return lines


def spend_by_supplier(organisation, start=None, end=None) -> dict[int, Decimal]:
    """Supplier id -> total spend (paid_on within [start, end] when given)."""
    rows = (_lines(organisation, start, end).filter(supplier__isnull=False)
            .values_list("supplier_id").annotate(total=Sum("amount")).order_by())
    return {supplier_id: _money(total) for supplier_id, total in rows}


def total_spend(organisation, start=None, end=None) -> Decimal:
    return _money(_lines(organisation, start, end).aggregate(total=Sum("amount"))["total"])


def supplier_spend_by_year(supplier) -> list[tuple[int, Decimal, int]]:
    """(financial year ending, total, line count) for the supplier, newest first. Lines without a
    date are left out (their year is not known)."""
    rows = (SpendLine.objects.unscoped(_REASON).filter(organisation_id=supplier.organisation_id, supplier=supplier, paid_on__isnull=False)
            .values_list("paid_on").annotate(total=Sum("amount"), count=Count("id")).order_by())
    years: dict[int, list] = {}
    for paid_on, total, count in rows:
        entry = years.setdefault(financial_year_ending(paid_on), [ZERO, 0])
        entry[0] += _money(total)
        entry[1] += count
    return [(year, total, count) for year, (total, count) in sorted(years.items(), reverse=True)]


def spend_by_year(organisation) -> list[tuple[int | None, Decimal, int]]:
    """(financial year ending or None for undated lines, total, line count), newest first."""
    rows = (_lines(organisation).values_list("paid_on").annotate(total=Sum("amount"), count=Count("id")).order_by())
    years: dict = {}
    for paid_on, total, count in rows:
        key = financial_year_ending(paid_on) if paid_on else None
        entry = years.setdefault(key, [ZERO, 0])
        entry[0] += _money(total)
        entry[1] += count
    dated = sorted((k for k in years if k is not None), reverse=True)
    result = [(year, years[year][0], years[year][1]) for year in dated]
    if None in years:
        result.append((None, years[None][0], years[None][1]))
    return result
