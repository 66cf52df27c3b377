"""Changes to an NRM referral or Duty to Notify report that the rules constrain: recording that it
was submitted to the Home Office. A referral is recorded as submitted only when every required
question it asks has an answer, whichever page or script asks."""

from django.db import transaction

from clearsight.core import locking
from clearsight.core.dates import long_date

from . import nrm_form, services
from .models import StatutoryReferral


class IncompleteReferral(Exception):
    """The referral still has required questions without an answer."""

    def __init__(self, missing):
        self.missing = missing
        super().__init__(f"{len(missing)} required questions are not answered yet")


class AlreadySubmitted(Exception):
    """The referral was recorded as submitted before."""


def can_record_submission(referral) -> bool:
    return referral.status != StatutoryReferral.Status.SUBMITTED and nrm_form.is_complete(referral.answers)


def record_submission(queryset, referral, user, *, home_office_reference, submitted_on, version) -> bool:
    """Record that the referral was submitted to the Home Office and complete its action. False (and
    nothing saved) if someone changed it since ``version``; IncompleteReferral if a required answer is
    missing; AlreadySubmitted if it was recorded before."""
    if referral.status == StatutoryReferral.Status.SUBMITTED:
        raise AlreadySubmitted()
    missing = nrm_form.missing_answers(referral.answers)
    if missing:
        raise IncompleteReferral(missing)
    if version != referral.version:
        return False
    with transaction.atomic():
        if not locking.save_if_unchanged(
            queryset,
            referral.pk,
            referral.version,
            status=StatutoryReferral.Status.SUBMITTED,
            submitted_on=submitted_on,
        ):
            return False
        services.complete_action(
            referral.action, user, reference=home_office_reference, notes=f"Submitted on {long_date(submitted_on)}"
        )
    referral.status, referral.submitted_on, referral.version = (
        StatutoryReferral.Status.SUBMITTED,
        submitted_on,
        version + 1,
    )
    return True
