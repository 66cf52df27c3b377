"""Every factory in tests/factories.py makes and saves a record from its defaults alone, so a change to
a model that a factory no longer fits fails here, not in the tests that use it."""

import factory as factory_boy
import pytest

from .. import factories

FACTORIES = sorted((name, value) for name, value in vars(factories).items()
                   if isinstance(value, type) and issubclass(value, factory_boy.django.DjangoModelFactory))


@pytest.mark.django_db
@pytest.mark.parametrize("name,made_by", FACTORIES, ids=[name for name, _ in FACTORIES])
def test_each_factory_makes_a_record(name, made_by):
    kwargs = {}
    if name == "OperationVictimFactory":  # a victim is a case or a person named in a concern
        kwargs["case"] = factories.CaseFactory()
    record = made_by(**kwargs)
    assert type(record).objects.filter(pk=record.pk).exists()


@pytest.mark.django_db
def test_related_records_are_made_in_the_same_organisation():
    case = factories.CaseFactory()
    assert case.person.organisation == case.team.organisation == case.organisation
    concern = factories.ConcernFactory()
    assert concern.reporter_organisation == concern.reporter.primary_organisation
    requirement = factories.CohortRequirementFactory()
    assert requirement.level.organisation == requirement.cohort.organisation
