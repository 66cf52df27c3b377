"""The answers an NRM referral or Duty to Notify report starts with, taken from the concern, the
triage and the first responder, so that the first responder does not type them twice.

Everything goes through nrm_form.clean_answers, so a Duty to Notify report starts without any name,
date of birth or contact details. Free text written by the reporter or at triage may name the person
or say where they live, so a Duty to Notify report (anonymous unless the person agrees otherwise)
does not start with it: its pages show that text beside the questions (``reported_text``), and the
first responder writes an account that does not identify the person."""

from . import nrm_form
from .models import RouteSetting
from .routing import ActionKind, AgeGroup, Consent, Facts, PersonFacts, required_kinds

UNDER_AGE = {AgeGroup.CHILD: "yes", AgeGroup.ADULT: "no", AgeGroup.UNKNOWN: "not-sure"}
HOME_OFFICE_GENDERS = {"female", "male", "unknown"}
# Other services the triage sends the person to, which the Home Office asks about ("are others involved").
OTHERS_INVOLVED = (
    ActionKind.POLICE,
    ActionKind.CHILDRENS_FRONT_DOOR,
    ActionKind.ICTG_REFERRAL,
    ActionKind.ADULT_SAFEGUARDING,
)


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
    return {
        "pv-under-age": {"no"},
        "pv-want-to-submit-nrm": {"no"} if action.kind == ActionKind.DUTY_TO_NOTIFY else {"yes"},
    }


def _other_services(action, triage, person, settings):
    """The titles of the other routes triage sends this person (or the concern) to."""
    kinds = {a.kind for a in action.concern.actions.all()}
    if triage is not None and person is not None and person.consent is not None:
        age = AgeGroup(person.triage_age_group or person.age_group)
        facts = Facts(
            PersonFacts(age, Consent(person.consent or Consent.UNABLE), bool(person.care_and_support_needs)),
            triage.immediate_danger,
            triage.supplier_involved,
        )
        kinds |= set(required_kinds(facts, available=lambda k: k in settings and settings[k].available))
    return [settings[k].title if k in settings else k for k in OTHERS_INVOLVED if k in kinds]


def _local_authority(organisation, settings) -> dict:
    """The council's children's front door, for a child's referral."""
    setting = settings.get(ActionKind.CHILDRENS_FRONT_DOOR)
    answers = {"local-authority-contacted-about-child-local-authority-name": organisation.name if organisation else ""}
    if setting is not None:
        first, _, last = (setting.contact_name or "").partition(" ")
        answers.update(
            {
                "local-authority-contacted-about-child-local-authority-phone": setting.contact_phone,
                "local-authority-contacted-about-child-local-authority-email": setting.contact_email,
                "local-authority-contacted-about-child-local-authority-first-name": first,
                "local-authority-contacted-about-child-local-authority-last-name": last,
            }
        )
    return answers


def _someone_in_absence(organisation, first_responder):
    """A team manager of the council, for "who should we contact in your absence"."""
    from clearsight.core.models import User
    from clearsight.core.roles import Role

    if organisation is None:
        return ""
    managers = (
        User.objects.filter(memberships__organisation=organisation, memberships__role=Role.TEAM_MANAGER, is_active=True)
        .exclude(pk=getattr(first_responder, "pk", None))
        .order_by("pk")
    )
    manager = managers.first()
    return manager.email if manager else ""


def initial_answers(action) -> dict:
    concern = action.concern
    person = action.person
    triage = getattr(concern, "triage", None)
    first_responder = triage.first_responder if triage else action.owner
    organisation = concern.handling_organisation
    settings = {s.kind: s for s in RouteSetting.objects.filter(organisation=organisation)} if organisation else {}
    people = list(concern.people.all())
    duty_to_notify = action.kind == ActionKind.DUTY_TO_NOTIFY

    def free_text(text):
        return "" if duty_to_notify else text

    answers = {
        "reference": concern.reference,
        "user-organisation": organisation.name if organisation else "",
        "fr-location": "england",
    }
    if person is not None:
        age = AgeGroup(person.triage_age_group or person.age_group)
        answers["pv-under-age"] = UNDER_AGE[age]
        if age == AgeGroup.ADULT:
            answers["pv-want-to-submit-nrm"] = "no" if duty_to_notify else "yes"
            if duty_to_notify:
                answers["refuse-nrm"] = "They are not able to give consent." if person.consent == Consent.UNABLE else ""
        else:
            answers.update(_local_authority(organisation, settings))
        if person.gender in HOME_OFFICE_GENDERS:
            answers["pv-gender"] = person.gender
        if person.nationality:
            answers["pv-nationality"] = person.nationality
        # The reporter's "name or description" is not split into a legal name: the first responder
        # enters the name the person gives, on the referral's own page.
    if concern.what_happened:
        answers["what-happened"] = free_text(concern.what_happened)
    if concern.still_happening in ("yes", "no"):
        answers["still-in-exploitative-situation"] = concern.still_happening
    indicators = list(concern.indicators.all())
    if indicators or free_text(concern.indicator_details):
        answers["modern-slavery-indicators"] = "yes"
        lines = [f"- {i.text}" for i in indicators]
        if free_text(concern.indicator_details):
            lines.append(concern.indicator_details)
        answers["modern-slavery-indicators-details"] = "\n".join(lines)
    for kind in concern.exploitation_types.all():
        answers[kind.home_office_key] = True
        if kind.home_office_key == "types-of-exploitation-other":
            answers["other-exploitation-details"] = ", ".join(
                filter(
                    None,
                    [
                        answers.get("other-exploitation-details"),
                        kind.label if kind.code != "other" else concern.exploitation_other,
                    ],
                )
            )
    if concern.location:
        answers["where-exploitation-happened"] = "uk"
        answers["where-exploitation-happened-other-uk-other-location"] = free_text(concern.location)
    others = len([p for p in people if p.is_potential_victim is not False and p != person])
    if person is not None and others:
        answers["any-other-pvs"] = "yes"
        answers["other-potential-victims-yes-details"] = (
            f"The same concern is about {others} other {'person' if others == 1 else 'people'}; "
            f"each is referred separately."
        )
    services = _other_services(action, triage, person, settings)
    if services:
        answers["are-others-involved"] = "yes"
        answers["are-others-involved-details"] = "\n".join(f"- {title}" for title in services)
    police_reference = concern.police_reference or next(
        (a.reference for a in concern.actions.all() if a.kind == ActionKind.POLICE and a.reference), ""
    )
    if police_reference:
        answers["reported-to-police"] = "yes"
        answers["reported-to-police-crime-reference"] = police_reference
    if triage and triage.reasoning:
        answers["professional-insight"] = free_text(triage.reasoning)
    if first_responder is not None:
        first, _, last = first_responder.full_name.partition(" ")
        answers.update(
            {
                "fr-details-first-name": first,
                "fr-details-last-name": last,
                "fr-details-role": first_responder.job_title,
                "fr-details-phone": first_responder.phone,
                "fr-alternative-contact": _someone_in_absence(organisation, first_responder),
            }
        )
    return nrm_form.clean_answers({k: v for k, v in answers.items() if v not in (None, "")})


def reported_text(action) -> list:
    """[(Home Office key, what it is, text)]: what the reporter and the triage wrote in their own
    words, for the questions an anonymous report asks the first responder to answer without it."""
    concern = action.concern
    triage = getattr(concern, "triage", None)
    person = action.person
    texts = [
        ("what-happened", "What the reporter said happened", concern.what_happened),
        ("modern-slavery-indicators-details", "What else the reporter noticed", concern.indicator_details),
        (
            "where-exploitation-happened-other-uk-other-location",
            "Where the reporter said it happened",
            concern.location,
        ),
        (
            "refuse-nrm",
            "What the reporter said the person wants",
            getattr(person, "reported_wishes", "") if person else "",
        ),
        ("professional-insight", "Your reasoning at triage", triage.reasoning if triage else ""),
    ]
    return [(key, what, text.strip()) for key, what, text in texts if text and text.strip()]


__all__ = ["initial_answers", "branch_lock", "reported_text"]
