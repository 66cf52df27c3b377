"""Every factory in tests/factories.py makes and saves a record from its defaults alone, so a change to
a model that a factory no longer fits fails here, not in the tests that use it; and every model has a
factory, so the next model added gets one too."""

from io import StringIO

import factory as factory_boy
import pytest
from django.apps import apps
from django.core.management import call_command

from clearsight.core.models import AuditEvent
from clearsight.partnership import agreements

from .. import factories

FACTORIES = sorted((name, value) for name, value in vars(factories).items()
                   if isinstance(value, type) and issubclass(value, factory_boy.Factory)
                   and value._meta.get_model_class() is not None)

# What a record read back from the database must show beyond existing: mostly that the records made
# for it belong to the same organisation as it does.
CHECKS = {
    "AuditEventFactory": lambda r: r.organisation == r.actor.primary_organisation and r.hash,
    "TriageFactory": lambda r: r.first_responder.organisation_ids_with_role("first_responder")
    == {r.concern.handling_organisation_id},
    "MoveOnExtensionFactory": lambda r: list(r.nrm.extensions.all()) == [r],
    "OutcomeScoreFactory": lambda r: r.scored_by == r.case.created_by,
    "SupplierAliasFactory": lambda r: r.organisation == r.supplier.organisation and r.normalised,
    "ConcernSupplierLinkFactory": lambda r: r.supplier.organisation == r.concern.handling_organisation,
    "CompanyNumberSourceFactory": lambda r: r.company_number == r.entry.company_number,
    "MatchReviewFactory": lambda r: r.subject_supplier.organisation == r.organisation
    and r.left["name"] == r.subject_supplier.name and r.right["name"] == r.candidate_entry.name,
    "SpendLineFactory": lambda r: r.organisation == r.spend_import.organisation == r.supplier.organisation,
    "SupplierRiskFactory": lambda r: r.organisation == r.supplier.organisation,
    "AssessmentFactory": lambda r: r.supplier.organisation == r.organisation and r.is_open_for_answers,
    "EvidenceFileFactory": lambda r: r.organisation == r.assessment.organisation,
    "SupplierActionPlanFactory": lambda r: r.organisation == r.assessment.organisation
    and r.supplier == r.assessment.supplier,
    "SupplierActionFactory": lambda r: list(r.plan.actions.all()) == [r],
    "InformationSharingAgreementFactory": lambda r: r.status == "draft" and r.versions.count() == 1,
    "AgreementVersionFactory": lambda r: r.number == 1 and set(r.parties.all()) == set(r.agreement.parties.all()),
    "AgreementAcceptanceFactory": lambda r: r.organisation in r.version.parties.all()
    and r.organisation.id in r.accepted_by.organisation_ids_with("sign_agreements"),
    "AgreementSuspensionFactory": lambda r: r.agreement.status == "suspended"
    and r.organisation in r.agreement.in_force_version.parties.all(),
    "ConcernPremisesFactory": lambda r: r.premises.organisation == r.concern.handling_organisation,
    "InterventionFactory": lambda r: r.agency == r.operation.lead_agency,
    "TrainingPlacementFactory": lambda r: r.cohort.organisation == r.staff.organisation,
    "CohortOverrideFactory": lambda r: r.cohort.organisation == r.staff.organisation,
    "CompletionFactory": lambda r: r.level.organisation == r.staff.organisation,
    "AttendanceFactory": lambda r: r.staff.organisation == r.session.course.organisation,
    "ReminderSentFactory": lambda r: r.level.organisation == r.staff.organisation,
    "AreaFactory": lambda r: list(r.framework.areas.all()) == [r],
    "ProgressUpdateFactory": lambda r: r.author == r.action.owner,
    "StatementFactory": lambda r: r.plan.organisation == r.organisation and r.covers_from == r.plan.starts_on,
    "StatementVersionFactory": lambda r: r.number == 1 and r.content["document"]["title"] == r.statement.title,
}


@pytest.mark.django_db
@pytest.mark.parametrize("name,made_by", FACTORIES, ids=[name for name, _ in FACTORIES])
def test_each_factory_makes_a_record(name, made_by):
    kwargs = {}
    if name == "OperationVictimFactory":  # a victim is a case or a person named in a concern
        kwargs["case"] = factories.CaseFactory()
    record = made_by(**kwargs)
    read_back = type(record).objects.get(pk=record.pk)
    assert CHECKS.get(name, bool)(read_back)


def test_every_model_has_a_factory():
    made = {made_by._meta.get_model_class() for _, made_by in FACTORIES}
    missing = sorted(model._meta.label for model in apps.get_models()
                     if model.__module__.startswith("clearsight.") and model not in made)
    assert not missing, f"Models with no factory in tests/factories.py: {', '.join(missing)}"
    assert set(CHECKS) <= {name for name, _ in FACTORIES}, "a check names a factory that does not exist"


@pytest.mark.django_db
def test_audit_events_are_recorded_so_the_chain_stays_intact():
    made = [factories.AuditEventFactory(),
            factories.AuditEventFactory(actor=None, action=AuditEvent.Action.SIGN_IN_FAILED, record_type="user",
                                        record_id="", actor_label="nobody@example.org"),
            factories.AuditEventFactory(action=AuditEvent.Action.CHANGE, description="Changed the safety plan")]
    assert made[1].actor is None and made[1].organisation is None
    out = StringIO()
    call_command("verify_audit_log", stdout=out)  # raises CommandError if the chain is broken
    assert "chain intact" in out.getvalue()
    assert f"last event {made[-1].pk} " in out.getvalue()


@pytest.mark.django_db
def test_agreements_are_made_as_the_service_makes_them():
    agreement = factories.InformationSharingAgreementFactory()
    assert {k: getattr(agreement, k) for k in agreements.TERMS} == factories.agreement_terms()
    assert agreement.status == "draft" and agreement.in_force_version is None
    first = agreement.latest_version()
    assert first.number == 1 and first.parties.count() == 2

    factories.AgreementAcceptanceFactory(version=first)
    agreement.refresh_from_db()
    assert agreement.in_force_version is None  # one party of two has accepted
    factories.AgreementAcceptanceFactory(version=first)
    agreement.refresh_from_db()
    assert agreement.status == "active" and agreement.in_force_version == first

    second = factories.AgreementVersionFactory(agreement=agreement, data_kinds=["intelligence", "concerns"])
    agreement.refresh_from_db()
    assert second.number == 2 and agreement.in_force_version == first  # new terms wait for acceptance

    suspension = factories.AgreementSuspensionFactory(agreement=agreement)
    agreement.refresh_from_db()
    assert agreement.status == "suspended" and suspension.lifted_at is None


@pytest.mark.django_db
def test_related_records_are_made_in_the_same_organisation():
    case = factories.CaseFactory()
    assert case.person.organisation == case.team.organisation == case.organisation
    concern = factories.ConcernFactory()
    assert concern.reporter_organisation == concern.reporter.primary_organisation
    requirement = factories.CohortRequirementFactory()
    assert requirement.level.organisation == requirement.cohort.organisation
