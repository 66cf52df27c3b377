"""A file's columns confirmed twice (two tabs, or two people): only the first confirmation is used
(``importer.confirm_mapping``). ``already_confirmed`` says to the second what was used instead of
their choice, who confirmed it and when, so that nobody believes a choice was used when it was not."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from .layouts import column_name
from .parsing import FIELDS


@dataclass
class ColumnChoice:
    field: str  # the field's label, e.g. "Amount"
    used: str  # the column used, or "" when none was
    chosen: str  # the column the person chose on their page, or "" for none

    @property
    def differs(self) -> bool:
        return self.used != self.chosen


@dataclass
class AlreadyConfirmed:
    """What the first confirmation of a file's columns used, beside the second person's choice."""

    by: object = None  # the person who confirmed the columns, when known
    at: datetime.datetime | None = None
    by_you: bool = False  # the same person, in another tab or window
    columns: list = field(default_factory=list)  # ColumnChoice, every field either used or chosen
    period_used: tuple | None = None
    period_chosen: tuple | None = None

    @property
    def differs(self) -> bool:
        """Whether the person's choice differs from what was used (a choice the same as what was used
        lost nothing)."""
        return any(c.differs for c in self.columns) or (
            self.period_chosen is not None and self.period_chosen != self.period_used)


def confirmed_by(spend_import):
    """The person who confirmed an import's columns, when known."""
    pk = (spend_import.mapping or {}).get("confirmed_by")
    return get_user_model().objects.filter(pk=pk).first() if pk else None


def already_confirmed(spend_import, chosen: dict | None, period=None, user=None) -> AlreadyConfirmed:
    """What was used for the import's columns (and its period) against what the person chose
    (``chosen``: field -> column index; None when their page could not be read as a choice)."""
    mapping = spend_import.mapping or {}
    used = {key: value for key, value in (mapping.get("columns") or {}).items() if value not in (None, "")}
    chosen = chosen or {}
    header = spend_import.header or []
    columns = [ColumnChoice(label, column_name(header, used.get(key)), column_name(header, chosen.get(key)))
               for key, label in FIELDS.items() if key in used or key in chosen]
    by = confirmed_by(spend_import)
    at = mapping.get("confirmed_at")
    period_used = (spend_import.period_start, spend_import.period_end) if spend_import.period_start else None
    return AlreadyConfirmed(
        by=by, at=datetime.datetime.fromisoformat(at) if at else None,
        by_you=by is not None and user is not None and by.pk == user.pk, columns=columns,
        period_used=period_used, period_chosen=tuple(period) if period else None)
