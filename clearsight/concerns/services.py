"""What happens to a concern: submitting it, triaging it into actions, completing actions.
Views call these; the rules themselves live in routing.py and nrm_form.py."""

from django.db import transaction
from django.utils import timezone

from clearsight.core.models import Organisation
from clearsight.core.roles import Role

from . import routing
from .models import Action, Concern, RouteSetting, StatutoryReferral, Triage
from .routing import ActionKind, AgeGroup, Consent, Due

# What each route is called and how quickly it is due, until a council sets its own.
DEFAULT_ROUTES = {
    ActionKind.POLICE: ("Tell the police: call 999 if someone is in immediate danger", Due.IMMEDIATELY, 0, "Crime or incident reference", "999"),
    ActionKind.CHILDRENS_FRONT_DOOR: ("Refer the child to children's social care (the front door)", Due.SAME_DAY, 0, "Front door reference", ""),
    ActionKind.NRM_REFERRAL: ("Refer to the National Referral Mechanism (NRM)", Due.WORKING_DAYS, 2, "NRM reference", ""),
    ActionKind.ICTG_REFERRAL: ("Refer to the Independent Child Trafficking Guardian service", Due.WORKING_DAYS, 1, "ICTG reference", ""),
    ActionKind.ADULT_SAFEGUARDING: ("Raise an adult safeguarding concern (Care Act section 42)", Due.WORKING_DAYS, 1, "Safeguarding reference", ""),
    ActionKind.SUPPORT_OFFER: ("Offer support through the Modern Slavery Victim Care Contract", Due.WORKING_DAYS, 2, "Support reference", "0800 808 3733"),
    ActionKind.DUTY_TO_NOTIFY: ("Send a Duty to Notify report to the Home Office", Due.WORKING_DAYS, 2, "Duty to Notify reference", ""),
    ActionKind.PROCUREMENT_CHAMPION: ("Tell the procurement service's modern slavery champion", Due.WORKING_DAYS, 1, "Procurement reference", ""),
}


def ensure_route_settings(organisation):
    """Every council starts with the default routes, which its administrators then adjust."""
    for kind, (title, due, amount, reference_label, phone) in DEFAULT_ROUTES.items():
        RouteSetting.objects.get_or_create(
            organisation=organisation, kind=kind,
            defaults={"title": title, "due": due, "due_amount": amount, "reference_label": reference_label,
                      "contact_phone": phone, "available": kind != ActionKind.ICTG_REFERRAL},
        )
    return {s.kind: s for s in RouteSetting.objects.filter(organisation=organisation)}


class CouncilChoiceNeeded(ValueError):
    """Several councils receive the reporter organisation's reports: the reporter must choose one by
    the place of the concern."""

    def __init__(self, options):
        super().__init__("Choose the council whose area the concern is in")
        self.options = options


def councils_receiving_reports_from(organisation, on=None) -> list:
    """The councils whose first responders handle reports made for ``organisation``: its own, if it is
    a council; otherwise every active council that is a party with it to an information sharing
    agreement in force covering concerns (so both sides accepted it, ADR 0026). Sorted by name for
    the reporter to choose from, never to choose for them."""
    if organisation.kind == Organisation.Kind.COUNCIL:
        return [organisation]
    from clearsight.partnership.api import organisations_sharing_with

    agreed = organisations_sharing_with({organisation.id}, "concerns", on) - {organisation.id}
    return list(Organisation.objects.filter(id__in=agreed, kind=Organisation.Kind.COUNCIL, is_active=True).order_by("name"))


def handling_organisation_for(reporter_organisation, chosen=None):
    """The organisation whose first responders handle a report: the one council agreed with the
    reporter's organisation; where several are, the one the reporter ``chosen`` by the place of the
    concern (CouncilChoiceNeeded if none or another was chosen); with none, the reporter's own
    organisation, whose modern slavery lead then handles it."""
    options = councils_receiving_reports_from(reporter_organisation)
    if not options:
        return reporter_organisation
    if len(options) == 1:
        return options[0]
    for option in options:
        if chosen is not None and option.id == getattr(chosen, "id", chosen):
            return option
    raise CouncilChoiceNeeded(options)


def submit(concern, chosen_council=None):
    """Send a report to the organisation that handles it (see handling_organisation_for)."""
    handling = handling_organisation_for(concern.reporter_organisation, chosen_council)
    concern.status = Concern.Status.NEW
    concern.submitted_at = timezone.now()
    concern.draft_expires_at = None
    concern.handling_organisation = handling
    concern.save()


@transaction.atomic
def triage(concern, first_responder, *, outcome, reasoning, immediate_danger, supplier_involved, people_facts):
    """Record the first responder's judgement and create the actions the law requires.

    ``people_facts`` maps each ConcernPerson to (age_group, consent, care_and_support_needs,
    is_potential_victim). Returns the actions created."""
    Triage.objects.update_or_create(concern=concern, defaults={
        "first_responder": first_responder, "outcome": outcome, "reasoning": reasoning,
        "immediate_danger": immediate_danger, "supplier_involved": supplier_involved, "triaged_at": timezone.now(),
    })
    for person, (age_group, consent, care, victim) in people_facts.items():
        person.triage_age_group, person.consent, person.care_and_support_needs, person.is_potential_victim = age_group, consent, care, victim
        person.save()
    if outcome != Triage.Outcome.POTENTIAL_VICTIMS:
        concern.status = Concern.Status.NO_FURTHER_ACTION if outcome == Triage.Outcome.NOT_MODERN_SLAVERY else Concern.Status.IN_TRIAGE
        concern.save()
        return []
    settings = ensure_route_settings(concern.handling_organisation)
    start = timezone.localtime()
    created = []
    concern_level_done = set()
    victims = [p for p, facts in people_facts.items() if facts[3]]
    for person in victims or [None]:
        if person is None:
            # No individual identified (for example, concerns about a business): situation-level actions only.
            facts = routing.Facts(routing.PersonFacts(AgeGroup.ADULT, Consent.REFUSED, False), immediate_danger, supplier_involved)
            kinds = [k for k in routing.required_kinds(facts) if k in routing.CONCERN_LEVEL]
        else:
            age_group, consent, care, _ = people_facts[person]
            facts = routing.Facts(routing.PersonFacts(AgeGroup(age_group), Consent(consent or Consent.UNABLE), bool(care)),
                                  immediate_danger, supplier_involved)
            kinds = routing.required_kinds(facts, available=lambda k: settings[k].available)
        for kind in kinds:
            if kind in routing.CONCERN_LEVEL:
                if kind in concern_level_done:
                    continue
                concern_level_done.add(kind)
            setting = settings[kind]
            rule = routing.RouteSetting(kind, setting.available, Due(setting.due), setting.due_amount)
            action, made = concern.actions.get_or_create(
                kind=kind, person=None if kind in routing.CONCERN_LEVEL else person,
                defaults={"title": setting.title, "owner": setting.owner or first_responder,
                          "due_at": routing.due_at(rule, start)},
            )
            if made:
                created.append(action)
                if kind in (ActionKind.NRM_REFERRAL, ActionKind.DUTY_TO_NOTIFY):
                    from .referral_prefill import initial_answers

                    StatutoryReferral.objects.create(
                        action=action,
                        kind=StatutoryReferral.Kind.NRM if kind == ActionKind.NRM_REFERRAL else StatutoryReferral.Kind.DUTY_TO_NOTIFY,
                        answers=initial_answers(action),
                    )
    refresh_status(concern)
    return created


def refresh_status(concern):
    if concern.status in (Concern.Status.DRAFT, Concern.Status.NO_FURTHER_ACTION):
        return
    actions = list(concern.actions.all())
    if not actions:
        return
    open_actions = [a for a in actions if a.status == Action.Status.OPEN]
    concern.status = Concern.Status.ACTIONS_OPEN if open_actions else Concern.Status.DUTIES_DISCHARGED
    concern.save(update_fields=["status", "updated_at"])


def complete_action(action, user, *, reference, notes, status=Action.Status.DONE):
    action.status = status
    action.done_at = timezone.now()
    action.done_by = user
    action.reference = reference
    action.notes = notes
    action.version += 1
    action.save()
    refresh_status(action.concern)


def managers_of(organisation):
    from clearsight.core.models import User

    return User.objects.filter(memberships__organisation=organisation, memberships__role=Role.TEAM_MANAGER, is_active=True).distinct()
