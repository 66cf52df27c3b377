"""The events of an NRM referral, each recorded on its own short form, and which of them can happen
next. Plain functions over anything with an NRM record's fields (decisions are "pending",
"positive" or "negative"); no Django in them.

What can be recorded next depends only on where the referral stands:

- no referral yet: the referral;
- waiting for the Reasonable Grounds decision: that decision, or that they withdrew;
- a negative decision: a request for reconsideration; once requested, the decision after
  reconsideration (the same decision's form); a decision made on reconsideration is final here;
- a positive Reasonable Grounds decision: the Conclusive Grounds decision, or that they withdrew;
- a positive Conclusive Grounds decision: an extension to move-on support;
- while waiting for a decision, someone who turns (or has turned) 18 consents to stay in the NRM;
- after withdrawal, or once the case is closed: nothing.

Anything already recorded can be corrected on its own form ("Change"), which is not "next".
"""

from dataclasses import dataclass

REFERRAL = "referral"
REASONABLE_GROUNDS = "reasonable-grounds"
CONCLUSIVE_GROUNDS = "conclusive-grounds"
RECONSIDERATION = "reconsideration"
EXTENSION = "extension"
WITHDRAWAL = "withdrawal"
CONSENT = "consent"

EVENTS = (REFERRAL, REASONABLE_GROUNDS, CONCLUSIVE_GROUNDS, RECONSIDERATION, EXTENSION, WITHDRAWAL, CONSENT)

PENDING, POSITIVE, NEGATIVE = "pending", "positive", "negative"

# How each event is offered when it is next, and when it corrects what is recorded.
RECORD_LABELS = {
    REFERRAL: "Record an NRM referral",
    REASONABLE_GROUNDS: "Record the Reasonable Grounds decision",
    CONCLUSIVE_GROUNDS: "Record the Conclusive Grounds decision",
    RECONSIDERATION: "Record a request for reconsideration",
    EXTENSION: "Record an extension to move-on support",
    WITHDRAWAL: "Record that they withdrew from the NRM",
    CONSENT: "Record their consent to stay in the NRM",
}
RECONSIDERED_LABELS = {
    REASONABLE_GROUNDS: "Record the Reasonable Grounds decision after reconsideration",
    CONCLUSIVE_GROUNDS: "Record the Conclusive Grounds decision after reconsideration",
}
CHANGE_LABELS = {
    REFERRAL: "Change the referral details",
    REASONABLE_GROUNDS: "Change the Reasonable Grounds decision",
    CONCLUSIVE_GROUNDS: "Change the Conclusive Grounds decision",
    RECONSIDERATION: "Change the request for reconsideration",
    WITHDRAWAL: "Change the date they withdrew",
    CONSENT: "Change the date they consented",
}


@dataclass(frozen=True)
class NextEvent:
    event: str
    label: str


def reconsideration_pending(record, decision: str) -> bool:
    """A reconsideration of the negative ``decision`` (REASONABLE_GROUNDS or CONCLUSIVE_GROUNDS) was
    requested on or after it was made, and no decision after reconsideration is recorded yet."""
    prefix = "rg" if decision == REASONABLE_GROUNDS else "cg"
    decided_on = getattr(record, f"{prefix}_decided_on")
    requested = record.reconsideration_requested_on
    return (
        getattr(record, f"{prefix}_decision") == NEGATIVE
        and not getattr(record, f"{prefix}_reconsidered")
        and requested is not None
        and decided_on is not None
        and requested >= decided_on
    )


def reconsidered_decision(record) -> str | None:
    """The negative decision a request for reconsideration would be about: the Conclusive Grounds
    decision if it is negative, otherwise a negative Reasonable Grounds decision; None if neither."""
    if record.rg_decision == POSITIVE and record.cg_decision == NEGATIVE:
        return CONCLUSIVE_GROUNDS
    if record.rg_decision == NEGATIVE:
        return REASONABLE_GROUNDS
    return None


def _decision_next(record, decision) -> list:
    """After a negative decision: ask for reconsideration, then record the decision made on it."""
    prefix = "rg" if decision == REASONABLE_GROUNDS else "cg"
    if getattr(record, f"{prefix}_reconsidered"):
        return []
    if reconsideration_pending(record, decision):
        return [NextEvent(decision, RECONSIDERED_LABELS[decision])]
    return [NextEvent(RECONSIDERATION, RECORD_LABELS[RECONSIDERATION])]


def next_events(record, *, case_closed: bool = False, turning_18=None) -> list[NextEvent]:
    """What can be recorded next on the referral ``record`` (None: no referral yet), in the order to
    offer it. ``turning_18`` is the 18th birthday when the NRM clocks warn of it (see
    services.nrm_position), so that consent to stay in the NRM can be recorded."""
    if case_closed:
        return []
    if record is None:
        return [NextEvent(REFERRAL, RECORD_LABELS[REFERRAL])]
    if record.withdrawn_on is not None:
        return []
    found = []
    if record.rg_decision == PENDING:
        found.append(NextEvent(REASONABLE_GROUNDS, RECORD_LABELS[REASONABLE_GROUNDS]))
    elif record.rg_decision == NEGATIVE:
        found += _decision_next(record, REASONABLE_GROUNDS)
    elif record.cg_decision == PENDING:
        found.append(NextEvent(CONCLUSIVE_GROUNDS, RECORD_LABELS[CONCLUSIVE_GROUNDS]))
    elif record.cg_decision == NEGATIVE:
        found += _decision_next(record, CONCLUSIVE_GROUNDS)
    else:
        found.append(NextEvent(EXTENSION, RECORD_LABELS[EXTENSION]))
    if record.cg_decision == PENDING and record.rg_decision != NEGATIVE:
        if turning_18 is not None and record.consent_to_remain_on is None:
            found.append(NextEvent(CONSENT, RECORD_LABELS[CONSENT]))
        found.append(NextEvent(WITHDRAWAL, RECORD_LABELS[WITHDRAWAL]))
    return found


def recorded_events(record) -> list[str]:
    """The events already recorded on ``record``, which may be corrected on their own forms."""
    if record is None:
        return []
    found = [REFERRAL]
    if record.rg_decision != PENDING:
        found.append(REASONABLE_GROUNDS)
    if record.cg_decision != PENDING:
        found.append(CONCLUSIVE_GROUNDS)
    if record.reconsideration_requested_on is not None:
        found.append(RECONSIDERATION)
    if record.withdrawn_on is not None:
        found.append(WITHDRAWAL)
    if record.consent_to_remain_on is not None:
        found.append(CONSENT)
    return found


def form_purpose(record, event, *, case_closed: bool = False, turning_18=None) -> str:
    """Why the ``event`` form is opened: "record" (it is next), "reconsidered" (the decision after
    reconsideration, which is next), "change" (correcting what is recorded) or "" (it cannot be
    recorded now). An extension is always a new one, never a change."""
    offered = {e.event for e in next_events(record, case_closed=case_closed, turning_18=turning_18)}
    if event in offered:
        if event in (REASONABLE_GROUNDS, CONCLUSIVE_GROUNDS) and reconsideration_pending(record, event):
            return "reconsidered"
        return "record"
    if not case_closed and event in recorded_events(record):
        return "change"
    return ""
