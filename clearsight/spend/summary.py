"""Totals of spend that other contexts (screening, suppliers, dashboards) use.

These run outside a user's view of records (they take an organisation or supplier the caller has
already checked), so they read lines with ``unscoped``.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Max, Min, Q, Sum

from clearsight.core.dates import FinancialYear

from .models import SpendImport, SpendLine
from .parsing import publisher_key

ZERO = Decimal("0.00")
_REASON = "caller has already checked the organisation or supplier"


def _money(value) -> Decimal:
    return (Decimal(str(value)) if value is not None else ZERO).quantize(Decimal("0.01"))


def year_of_period(period_start, period_end) -> int | None:
    """The financial year (the year it ends in) that a file's period lies wholly within, or None: the
    lines without a date of a file for April to June 2014 were paid in 2014 to 2015; those of a file
    for January to June 2014, or of a file whose period is not known, in no year that can be said."""
    if period_start is None or period_end is None:
        return None
    year = FinancialYear.containing(period_start)
    return year.end_year if period_end <= year.ends else None


def period_within(period_start, period_end, start=None, end=None) -> bool:
    """Whether a file's period lies wholly within ``start`` to ``end`` (either open when None), so that
    its lines without a date were paid then (counted in a period without inventing their dates)."""
    if period_start is None or period_end is None:
        return False
    return (start is None or period_start >= start) and (end is None or period_end <= end)


def _periods(organisation_id) -> dict:
    """Import id -> (first day, last day) of the organisation's imports whose period is known."""
    return {pk: (first, last) for pk, first, last in SpendImport.objects.unscoped(_REASON)
            .filter(organisation_id=organisation_id, period_start__isnull=False, period_end__isnull=False)
            .values_list("pk", "period_start", "period_end")}


def _lines(organisation, start=None, end=None):
    """The organisation's lines paid from ``start`` to ``end`` (all of them when neither is given):
    those dated then, and those without a date of a file whose period lies wholly within it."""
    lines = SpendLine.objects.unscoped(_REASON).filter(organisation=organisation)
    if start is None and end is None:
        return lines
    dated = Q(paid_on__isnull=False)
    if start is not None:
        dated &= Q(paid_on__gte=start)
    if end is not None:
        dated &= Q(paid_on__lte=end)
    undated = [pk for pk, (first, last) in _periods(getattr(organisation, "pk", organisation)).items()
               if period_within(first, last, start, end)]
    return lines.filter(dated | Q(paid_on__isnull=True, spend_import_id__in=undated))


def _by_year(lines, organisation_id) -> list[tuple[int | None, Decimal, int]]:
    """(the year its financial year ends in, or None when not known; total, line count) of the lines,
    newest first, None last. A line without a date is in the year its file's period lies within."""
    years: dict = {}

    def add(key, total, count):
        entry = years.setdefault(key, [ZERO, 0])
        entry[0] += _money(total)
        entry[1] += count

    for paid_on, total, count in (lines.filter(paid_on__isnull=False).values_list("paid_on")
                                  .annotate(total=Sum("amount"), count=Count("id")).order_by()):
        add(FinancialYear.containing(paid_on).end_year, total, count)
    undated = list(lines.filter(paid_on__isnull=True).values_list("spend_import_id")
                   .annotate(total=Sum("amount"), count=Count("id")).order_by())
    periods = _periods(organisation_id) if undated else {}
    for spend_import_id, total, count in undated:
        add(year_of_period(*periods.get(spend_import_id, (None, None))), total, count)
    result = [(year, *years[year]) for year in sorted((k for k in years if k is not None), reverse=True)]
    if None in years:
        result.append((None, *years[None]))
    return result


def lines_without_date(organisation_id, supplier=None) -> int:
    """How many of the organisation's lines (or the supplier's) have no date, wherever they are counted."""
    lines = SpendLine.objects.unscoped(_REASON).filter(organisation_id=organisation_id, paid_on__isnull=True)
    if supplier is not None:
        lines = lines.filter(supplier=supplier)
    return lines.count()


def spend_by_supplier(organisation, start=None, end=None) -> dict[int, Decimal]:
    """Supplier id -> total spend (paid from ``start`` to ``end`` when given: ``_lines``)."""
    rows = (_lines(organisation, start, end).filter(supplier__isnull=False)
            .values_list("supplier_id").annotate(total=Sum("amount")).order_by())
    return {supplier_id: _money(total) for supplier_id, total in rows}


def total_spend(organisation, start=None, end=None) -> Decimal:
    return _money(_lines(organisation, start, end).aggregate(total=Sum("amount"))["total"])


def supplier_spend_by_year(supplier) -> list[tuple[int | None, Decimal, int]]:
    """(the year its financial year ends in, total, line count) for the supplier, newest first. Lines
    without a date are in the year their file's period lies within; the rest come last, with None
    for the year (not known), so that the years add up to everything paid to the supplier."""
    lines = SpendLine.objects.unscoped(_REASON).filter(organisation_id=supplier.organisation_id, supplier=supplier)
    return _by_year(lines, supplier.organisation_id)


def supplier_names_in_files(supplier) -> list[tuple[str, str, str, int, object]]:
    """How the spend files name the supplier: (publisher, supplier number or "", name as paid, line
    count, last paid or None), most lines first. A supplier renamed, or merged by a person, shows its
    names under one number."""
    rows = (SpendLine.objects.unscoped(_REASON).filter(organisation_id=supplier.organisation_id, supplier=supplier)
            .values_list("spend_import__publisher", "payee_code", "payee_name")
            .annotate(count=Count("id"), last=Max("paid_on")).order_by())
    return sorted(rows, key=lambda row: (-row[3], row[0], row[1], row[2]))


def spend_by_year(organisation) -> list[tuple[int | None, Decimal, int]]:
    """(the year its financial year ends in, or None for lines without a date whose file's period is
    not known to lie within one year; total, line count), newest first. A line without a date is in
    the year its file's period lies within (a file for April to June 2014: 2014 to 2015)."""
    return _by_year(_lines(organisation), organisation.pk)


@dataclass
class PublisherSpend:
    """What has been imported from one publisher's files (files undone are not counted)."""

    publisher: str  # as written on the latest file
    key: str  # the publisher key (lower case words), for filtering the imports list
    files: int = 0
    lines: int = 0
    total: Decimal = ZERO
    first_paid: object = None
    last_paid: object = None
    last_import: object = None


def spend_by_publisher(organisation) -> list[PublisherSpend]:
    """The organisation's imported spend split by who published the files: files imported, payment
    lines, total, first and last date paid, and the last import; the biggest total first."""
    imports = (SpendImport.objects.unscoped(_REASON).filter(organisation=organisation, status=SpendImport.Status.IMPORTED)
               .order_by("created_at").values_list("pk", "publisher", "created_at"))
    rows = (_lines(organisation).values_list("spend_import_id")
            .annotate(count=Count("id"), total=Sum("amount"), first=Min("paid_on"), last=Max("paid_on")).order_by())
    lines = {pk: (count, total, first, last) for pk, count, total, first, last in rows}
    publishers: dict[str, PublisherSpend] = {}
    for pk, publisher, created_at in imports:
        key = publisher_key(publisher)
        entry = publishers.setdefault(key, PublisherSpend(publisher, key))
        entry.publisher = publisher
        entry.files += 1
        entry.last_import = created_at
        count, total, first, last = lines.get(pk, (0, None, None, None))
        entry.lines += count
        entry.total += _money(total)
        if first is not None and (entry.first_paid is None or first < entry.first_paid):
            entry.first_paid = first
        if last is not None and (entry.last_paid is None or last > entry.last_paid):
            entry.last_paid = last
    return sorted(publishers.values(), key=lambda entry: (-entry.total, entry.publisher))


def names_under_numbers(spend_import, lines, only=None) -> dict:
    """{payee name: ((other name, supplier number), ...)} for a file being imported: the other names
    its publisher's files (this one and those imported before) paid under each payee's supplier
    number. ``lines``: the file's columns (payee_name, payee_kind, payee_code); ``only``: the names
    wanted (those new to the organisation), or None for all. Resolving the names offers a name paid
    under the number of a supplier known by another name to a person, as that supplier renamed. Files
    without supplier numbers, or without new names, cost nothing."""
    from clearsight.matching.api import number_key, other_names

    supplier = SpendLine.PayeeKind.SUPPLIER
    scope = publisher_key(spend_import.publisher)
    pairs = {(number_key(code), name) for name, kind, code in zip(lines["payee_name"], lines["payee_kind"],
                                                                  lines["payee_code"])
             if kind == supplier and name and code and code.strip()}
    if only is not None:
        wanted = set(only)
        codes = {code for code, name in pairs if name in wanted}
        pairs = {(code, name) for code, name in pairs if code in codes}
    if not pairs:
        return {}
    imports = [pk for pk, publisher in SpendImport.objects.unscoped(_REASON)
               .filter(organisation_id=spend_import.organisation_id).exclude(pk=spend_import.pk)
               .values_list("pk", "publisher") if publisher_key(publisher) == scope]
    codes = {code for code, _ in pairs}
    earlier = set()
    if imports:  # one reading of the publisher's lines, however many numbers (no index holds them)
        earlier = {(number_key(code), name) for code, name in SpendLine.objects.unscoped(_REASON)
                   .filter(organisation_id=spend_import.organisation_id, spend_import_id__in=imports,
                           payee_kind=supplier).exclude(payee_code="")
                   .values_list("payee_code", "payee_name").distinct() if number_key(code) in codes}
    found = other_names((name, scope, code, name) for code, name in pairs | earlier)
    own = {name for _, name in pairs} if only is None else set(only)
    return {name: others for name, others in found.items() if name in own}


def names_under_supplier_numbers(organisation) -> dict:
    """{supplier id: ((other name, supplier number), ...)}: the other names the organisation's spend
    files paid under a supplier's number, each publisher's numbers apart (matching's
    ``account_names.other_names``). Register matching finds a renamed supplier by its later name
    this way. Redacted and card lines name no supplier and are left out."""
    from clearsight.matching.api import other_names

    rows = (SpendLine.objects.unscoped(_REASON)
            .filter(organisation=organisation, payee_kind=SpendLine.PayeeKind.SUPPLIER, supplier__isnull=False)
            .exclude(payee_code="")
            .values_list("supplier_id", "spend_import__publisher", "payee_code", "payee_name").distinct())
    return other_names((supplier, publisher_key(publisher), code, name) for supplier, publisher, code, name in rows)
