"""Helpers for building concerns in tests."""

from django.utils import timezone

from clearsight.concerns import services
from clearsight.concerns.models import Action, Concern, ConcernPerson, StatutoryReferral
from clearsight.core.roles import Role

from .factories import make_user


def make_concern(reporter, people=(("Someone", "adult"),), **fields):
    fields.setdefault("what_happened", "Seen working long hours for no pay.")
    fields.setdefault("location", "1 Example Street")
    fields.setdefault("premises_type", "factory")
    fields.setdefault("immediate_danger", "no")
    fields.setdefault("seen_on", timezone.localdate())
    concern = Concern.objects.create(reporter=reporter, reporter_organisation=reporter.primary_organisation, **fields)
    for position, (name, age) in enumerate(people, start=1):
        ConcernPerson.objects.create(concern=concern, position=position, name=name, age_group=age)
    services.submit(concern)
    return concern


def triage(concern, first_responder, *, age="adult", consent="given", care=False, danger=False, supplier=False):
    person = concern.people.first()
    return services.triage(
        concern, first_responder, outcome="potential_victims", reasoning="Indicators and what they said.",
        immediate_danger=danger, supplier_involved=supplier,
        people_facts={person: (age, consent, care, True)} if person else {},
    )


def triaged_concern(reporter, people):
    """A triaged concern; ``people`` is [(age group, consent)]; every referral is submitted."""
    concern = Concern.objects.create(reporter=reporter, reporter_organisation=reporter.primary_organisation,
                                     what_happened="Found during an operation.")
    for position, (age, _) in enumerate(people, start=1):
        ConcernPerson.objects.create(concern=concern, position=position, age_group=age)
    services.submit(concern)
    responder = make_user(concern.handling_organisation, Role.FIRST_RESPONDER)
    services.triage(concern, responder, outcome="potential_victims", reasoning="r", immediate_danger=False,
                    supplier_involved=False,
                    people_facts={p: (age, consent, False, True) for p, (age, consent) in zip(concern.people.all(), people)})
    StatutoryReferral.objects.filter(action__concern=concern).update(status=StatutoryReferral.Status.SUBMITTED)
    Action.objects.filter(concern=concern, kind="childrens_front_door").update(status=Action.Status.DONE)
    return concern
