"""What a reporter can tell us about an adult's consent and wishes, and how triage starts from it.

The reporter answers in their own terms (does the person know about the report, and do they agree
to it?). The first responder still decides whether the adult consents to an NRM referral, after
explaining it to them: the reporter's answer only fills in their starting answer, which they confirm
or change."""

from django.db import models

from .routing import AgeGroup, Consent


class ReportedConsent(models.TextChoices):
    AGREES = "agrees", "Yes, they know and they agree to it"
    DOES_NOT_AGREE = "does_not_agree", "Yes, they know, but they do not want it reported"
    NOT_TOLD = "not_told", "No, they do not know"
    UNABLE = "unable", "They are not able to understand or decide this"
    NOT_KNOWN = "not_known", "I do not know"


# What each answer means for triage's question "do they consent to an NRM referral?". Not knowing,
# or not having been told, leaves the question for the first responder to ask.
_TRIAGE_CONSENT = {
    ReportedConsent.AGREES: Consent.GIVEN,
    ReportedConsent.DOES_NOT_AGREE: Consent.REFUSED,
    ReportedConsent.UNABLE: Consent.UNABLE,
}


def asked_about(age_group) -> bool:
    """The reporter is asked about consent and wishes for an adult. A child is referred without consent,
    and someone whose age is not known is treated as a child until it is."""
    return age_group == AgeGroup.ADULT


def triage_consent(reported: str) -> str:
    """Triage's starting answer to the consent question from the reporter's answer, or "" for none."""
    consent = _TRIAGE_CONSENT.get(reported)
    return consent.value if consent else ""
