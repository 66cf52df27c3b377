"""Matching parameters estimated once and reused (ADR 0032): the Splink model's m and u values per
organisation and purpose ("supplier names": an import's new names against the organisation's
suppliers; "company register": its suppliers against the loaded register), kept in
MatchingParameters so that each spend import does not sample u and run expectation maximisation
again. ``linker.rank(..., organisation=, purpose=)`` reads them through ``ParameterStore``; when
``splink_training.reason_to_estimate`` says they are out of date (none yet, the comparisons changed,
the records matched against grew or shrank by a quarter, people decided pairs since) the run
estimates them again and stores the new ones. ``manage.py train_matching`` estimates them on demand.

The values are stored before people's decisions adjust them: the decisions are applied on every run.
"""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import splink_model, splink_training
from .models import MatchingParameters

SUPPLIER_NAMES = MatchingParameters.Purpose.SUPPLIER_NAMES.value
COMPANY_REGISTER = MatchingParameters.Purpose.COMPANY_REGISTER.value
PURPOSES = (SUPPLIER_NAMES, COMPANY_REGISTER)

logger = logging.getLogger(__name__)


def as_list(values: dict) -> list:
    """[{comparison, level, m, u}] of {(comparison, level key): (m, u)}, in the model's order."""
    return [{"comparison": name, "level": level.key, "m": values[(name, level.key)][0], "u": values[(name, level.key)][1]}
            for name, levels in splink_model.COMPARISONS.items() for level in levels if (name, level.key) in values]


def from_list(items: list) -> dict:
    return {(item["comparison"], item["level"]): (item["m"], item["u"]) for item in items}


class ParameterStore:
    """The stored parameters of one organisation and purpose (``organisation``: one or its id)."""

    def __init__(self, organisation, purpose: str = SUPPLIER_NAMES):
        if purpose not in PURPOSES:
            raise ValueError(f"Unknown matching purpose {purpose!r}: one of {', '.join(PURPOSES)}")
        self.organisation_id = getattr(organisation, "pk", organisation)
        self.purpose = purpose

    def load(self) -> splink_training.Stored | None:
        row = MatchingParameters.objects.filter(organisation_id=self.organisation_id, purpose=self.purpose).first()
        if row is None:
            return None
        return splink_training.Stored(from_list(row.parameters), row.method, row.left_count, row.right_count,
                                      row.label_count, row.model_fingerprint, row.estimated_at)

    def save(self, values: dict, method: str, *, left_count: int, right_count: int, label_count: int,
             settings: dict, seconds: float) -> None:
        """Keep newly estimated parameters (replacing the ones before). Two runs storing at once: the
        later one wins, and neither fails."""
        fields = {"parameters": as_list(values), "settings": settings, "model_fingerprint": splink_model.fingerprint(),
                  "method": method, "left_count": left_count, "right_count": right_count, "label_count": label_count,
                  "seconds": round(seconds, 3), "estimated_at": timezone.now()}
        try:
            with transaction.atomic():
                MatchingParameters.objects.update_or_create(organisation_id=self.organisation_id, purpose=self.purpose,
                                                            defaults=fields)
        except IntegrityError:  # another run stored its own at the same moment: theirs are as good
            logger.info("Matching parameters for organisation %s (%s) stored by another run", self.organisation_id,
                        self.purpose)
