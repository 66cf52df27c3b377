"""Register operations the views call: queries for the flag, saving with a version check, linking
concerns. Views stay thin; rules (thresholds, the flag) live in ``rules``."""

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from . import rules
from .models import ConcernSupplierLink, SupplierStatement


def with_current_statement(queryset, today=None):
    """Annotate ``has_current_statement`` (a statement for the latest completed or current financial year)."""
    years = rules.current_statement_years(today or timezone.localdate())
    current = SupplierStatement.objects.filter(supplier=OuterRef("pk"), year__in=years)
    return queryset.annotate(has_current_statement=Exists(current))


def flagged(queryset, today=None):
    """Suppliers the statement flag applies to (``rules.statement_flag`` for a whole queryset)."""
    return (with_current_statement(queryset, today)
            .filter(annual_turnover__gt=rules.STATEMENT_TURNOVER, has_current_statement=False))


def in_sector(queryset, sector):
    """Suppliers whose sectors include ``sector`` (a JSON list; matched as text so SQLite and
    PostgreSQL behave the same)."""
    return queryset.annotate(_sectors=Cast("sectors", TextField())).filter(_sectors__contains=f'"{sector}"')


def search(queryset, query):
    """By name, any known alias, company number or postcode."""
    query = query.strip()
    if not query:
        return queryset
    compact = query.replace(" ", "").upper()
    return queryset.filter(Q(name__icontains=query) | Q(aliases__name__icontains=query) | Q(company_number=compact.zfill(8) if compact.isdigit() else compact)
                           | Q(postcode__iexact=query)).distinct()


def flag_reason(supplier, today=None):
    years = [s.year for s in supplier.statements.all()]
    return rules.statement_flag(supplier.annual_turnover, years, today or timezone.localdate())


def screen(supplier, user=None):
    """After a change to what a supplier does or where, work out its risk again (and let the apps
    built on supply settle what the change settles). ``user``: the person who changed its details."""
    from .hooks import suppliers_changed

    if user is None:
        suppliers_changed.send(supplier.organisation, [supplier.id])
    else:
        suppliers_changed.send(supplier.organisation, [supplier.id], changed_by=user)


@transaction.atomic
def link_concern(concern, supplier, user):
    link, created = ConcernSupplierLink.objects.get_or_create(concern=concern, supplier=supplier,
                                                              defaults={"linked_by": user})
    return link, created


def concern_links(supplier):
    """Reference and date only: procurement staff never see what was reported or about whom."""
    return list(ConcernSupplierLink.objects.filter(supplier=supplier).select_related("concern")
                .only("linked_at", "concern__reference", "concern__submitted_at", "concern__created_at"))

