"""The answers an NRM referral or Duty to Notify report starts with, taken from the concern, the
triage and the first responder, so that the first responder does not type them twice. Everything
goes through nrm_form.clean_answers, so a Duty to Notify report starts without any name, date of
birth or contact details."""

from . import nrm_form
from .models import Concern
from .routing import ActionKind, AgeGroup, Consent

UNDER_AGE = {AgeGroup.CHILD: "yes", AgeGroup.ADULT: "no", AgeGroup.UNKNOWN: "not-sure"}


def branch_lock(action) -> dict:
    """The answers that decide the form's branch, fixed by triage: {Home Office key: allowed values}.
    A first responder cannot turn a child's NRM referral into a Duty to Notify report (or open the
    name pages of a Duty to Notify report) by changing them on the form."""
    person = action.person
    if person is None:
        return {}
    age = AgeGroup(person.triage_age_group or person.age_group)
    if age != AgeGroup.ADULT:
        return {"pv-under-age": {"yes", "not-sure"}}
    return {"pv-under-age": {"no"},
            "pv-want-to-submit-nrm": {"no"} if action.kind == ActionKind.DUTY_TO_NOTIFY else {"yes"}}


def initial_answers(action) -> dict:
    concern = action.concern
    person = action.person
    triage = getattr(concern, "triage", None)
    first_responder = triage.first_responder if triage else action.owner
    answers = {
        "reference": concern.reference,
        "user-organisation": concern.handling_organisation.name if concern.handling_organisation else "",
        "fr-location": "england",
    }
    if person is not None:
        age = AgeGroup(person.triage_age_group or person.age_group)
        answers["pv-under-age"] = UNDER_AGE[age]
        if age == AgeGroup.ADULT:
            answers["pv-want-to-submit-nrm"] = "no" if action.kind == ActionKind.DUTY_TO_NOTIFY else "yes"
            if person.consent in (Consent.REFUSED, Consent.UNABLE) and action.kind == ActionKind.DUTY_TO_NOTIFY:
                answers["refuse-nrm"] = (
                    "They are not able to give consent." if person.consent == Consent.UNABLE else ""
                )
        if person.gender in ("female", "male", "unknown"):
            answers["pv-gender"] = person.gender
        if person.nationality:
            answers["pv-nationality"] = person.nationality
        # The reporter's "name or description" is not split into a legal name: the first responder
        # enters the name the person gives, on the referral's own page.
    # Free text written by the reporter or at triage may name the person or say where they live, so a
    # Duty to Notify report does not start with it: the first responder writes an anonymous account.
    anonymous = action.kind == ActionKind.DUTY_TO_NOTIFY
    if concern.what_happened and not anonymous:
        answers["what-happened"] = concern.what_happened
    indicators = list(concern.indicators.all())
    if indicators or (concern.indicator_details and not anonymous):
        answers["modern-slavery-indicators"] = "yes"
        lines = [f"- {i.text}" for i in indicators]
        if concern.indicator_details and not anonymous:
            lines.append(concern.indicator_details)
        answers["modern-slavery-indicators-details"] = "\n".join(lines)
    for kind in concern.exploitation_types.all():
        answers[kind.home_office_key] = True
        if kind.home_office_key == "types-of-exploitation-other":
            answers["other-exploitation-details"] = ", ".join(
                filter(None, [answers.get("other-exploitation-details"), kind.label if kind.code != "other" else concern.exploitation_other])
            )
    if concern.location:
        answers["where-exploitation-happened"] = "uk"
        if not anonymous:
            answers["where-exploitation-happened-other-uk-other-location"] = concern.location
    if concern.police_reference:
        answers["reported-to-police"] = "yes"
        answers["reported-to-police-crime-reference"] = concern.police_reference
    if triage and triage.reasoning and not anonymous:
        answers["professional-insight"] = triage.reasoning
    if first_responder is not None:
        first, _, last = first_responder.full_name.partition(" ")
        answers.update({
            "fr-details-first-name": first, "fr-details-last-name": last,
            "fr-details-role": first_responder.job_title, "fr-details-phone": first_responder.phone,
        })
    return nrm_form.clean_answers({k: v for k, v in answers.items() if v not in (None, "")})


__all__ = ["initial_answers", "Concern"]
