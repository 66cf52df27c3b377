"""Remembered layouts: which column of a publisher's files holds which field, as people confirmed it
(issue 16). People see them grouped by publisher, change one (only if nobody else changed it since
they opened it) or forget one (the publisher's next file with that header is then checked as new).
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from clearsight.core import locking

from .models import SpendMapping
from .parsing import FIELDS


@dataclass
class FieldColumn:
    field: str  # the field's label, e.g. "Amount"
    column: str  # the file's column name, or "" when the field is not in the file


@dataclass
class RememberedLayout:
    layout: SpendMapping
    fields: list  # FieldColumn, in the order of FIELDS, only those mapped
    import_count: int


@dataclass
class PublisherLayouts:
    publisher: str
    organisation: object
    layouts: list = field(default_factory=list)


def column_name(header, index) -> str:
    """A column's name as the columns page shows it."""
    if index is None or index == "" or not 0 <= int(index) < len(header):
        return ""
    name = header[int(index)]
    return name or f"Column {int(index) + 1} (no name)"


def fields_of(layout) -> list[FieldColumn]:
    """What each field maps to in a remembered layout (the fields it maps, in the usual order)."""
    return [FieldColumn(label, column_name(layout.header, layout.mapping.get(key)))
            for key, label in FIELDS.items() if layout.mapping.get(key) is not None]


def layouts_for(user) -> list[PublisherLayouts]:
    """The remembered layouts of the organisations whose supply data the user manages, grouped by
    publisher (and organisation), publishers in alphabetical order, newest confirmation first."""
    layouts = (SpendMapping.objects.for_user(user).select_related("organisation", "confirmed_by")
               .annotate(import_count=Count("imports")).order_by("publisher_key", "organisation__name",
                                                                 "-confirmed_at"))
    groups: dict = {}
    for layout in layouts:
        key = (layout.organisation_id, layout.publisher_key)
        group = groups.setdefault(key, PublisherLayouts(layout.publisher, layout.organisation))
        group.layouts.append(RememberedLayout(layout, fields_of(layout), layout.import_count))
    return list(groups.values())


def change_layout(layout, columns: dict[str, int], user, expected_version) -> bool:
    """Change which column holds each field, if nobody changed the layout since ``expected_version``
    (False, changing nothing, otherwise). The person who changed it is now the one who confirmed it."""
    return locking.save_if_unchanged(SpendMapping.objects.unscoped("the caller checked the layout is the user's"),
                                     layout.pk, expected_version, mapping=columns, confirmed_by=user,
                                     confirmed_at=timezone.now())


def forget_layout(layout, expected_version) -> bool:
    """Forget the layout, if nobody changed it since ``expected_version``. Imports that used it keep
    their lines; the publisher's next file with this header is checked as a new layout."""
    deleted, _ = (SpendMapping.objects.unscoped("the caller checked the layout is the user's")
                  .filter(pk=layout.pk, version=expected_version).delete())
    return bool(deleted)
