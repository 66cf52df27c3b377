"""What other contexts may use of cases (ADR 0027; `lint-imports` keeps everything else private).

Functions and plain data only; no model is exported. Board and operation figures read facts about
cases (``cases.facts``: dates, codes, counts and opaque ids, never a name; the one personal detail is
the date of birth in ``CaseFacts``, for a person's age on an operation's date, never shown, and the
services a case was referred to, which the operation figures hide from a restricted audience).
Operations link a victim to a case the user can already see: the scoped functions below return only
Case records the user may see."""

from .facts import (CaseFacts, CaseNrmReferral, SupportCase, case_facts, cases_from_concerns, nrm_referrals_on_cases,
                    support_cases)
from .register import NEGATIVE, PENDING, POSITIVE
from .register import Nrm as NrmFacts
from .support_facts import SupportOffers, support_offers


def nrm_facts(organisation_ids) -> list[NrmFacts]:
    """What the NRM records on the organisations' support cases say: dates and decisions, no people."""
    from .models import NrmRecord

    return [NrmFacts(*row) for row in NrmRecord.objects.filter(case__organisation_id__in=organisation_ids).values_list(
        "referred_on", "rg_decision", "rg_decided_on", "cg_decision", "cg_decided_on", "withdrawn_on")]


def cases_for_user(user):
    """The cases the user may see (scoped as the case pages are), to look one up or filter."""
    from .models import Case

    return Case.objects.for_user(user)


def case_by_reference(user, reference: str):
    """The case with this reference if the user may see it, or None."""
    from .models import Case

    return Case.objects.for_user(user).filter(reference=reference).first()


def cases_opened_from(user, concern_public_id) -> list:
    """The cases opened from this concern that the user may see."""
    from .models import Case

    return list(Case.objects.for_user(user).filter(source_concern=concern_public_id))


__all__ = ["NEGATIVE", "PENDING", "POSITIVE", "CaseFacts", "CaseNrmReferral", "NrmFacts", "SupportCase",
           "case_by_reference", "case_facts", "cases_for_user", "cases_from_concerns", "cases_opened_from", "nrm_facts",
           "nrm_referrals_on_cases", "support_cases", "SupportOffers", "support_offers"]
