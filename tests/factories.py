import hashlib
import secrets
import uuid
from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from clearsight.core.models import AuditEvent, Membership, Organisation, User
from clearsight.partnership.models import (
    AgreementAcceptance,
    AgreementSuspension,
    AgreementVersion,
    InformationSharingAgreement,
)

PASSWORD = "A-long-test-password-42"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Test Organisation {n}")
    kind = Organisation.Kind.COUNCIL
    is_first_responder = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Test Person {n}")
    job_title = "Officer"

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])


def make_user(organisation, *roles, email=None, with_device=True):
    """A user holding ``roles`` in ``organisation``, with a confirmed authenticator if they need one."""
    user = UserFactory(**({"email": email} if email else {}))
    for role in roles:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    device = None
    if with_device:
        device = TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)
    user.test_device = device
    return user


def current_code(device):
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def _one_per_organisation(organisation, role, who):
    email = f"{who}.{organisation.pk}@signatories.example"
    existing = User.objects.filter(email=email).first()
    if existing:
        existing.test_device = TOTPDevice.objects.filter(user=existing).first()
        return existing
    return make_user(organisation, role, email=email)


def signatory_of(organisation):
    """The organisation's data protection officer (one per organisation), who signs its agreements."""
    from clearsight.core.roles import Role

    return _one_per_organisation(organisation, Role.DATA_PROTECTION_OFFICER, "dpo")


def coordinator_of(organisation):
    from clearsight.core.roles import Role

    return _one_per_organisation(organisation, Role.PARTNERSHIP_COORDINATOR, "coordinator")


def agreement_terms(kinds=("intelligence",), **fields):
    from datetime import date, timedelta

    from django.utils import timezone

    today = timezone.localdate()
    return {"title": "Information sharing agreement", "purpose": "Joint work on modern slavery",
            "lawful_basis": "Crime and Disorder Act 1998 section 115", "data_kinds": list(kinds),
            "starts_on": date(2024, 1, 1), "review_on": today + timedelta(days=365), "ends_on": None} | fields


def agreement_in_force(*parties, kinds=("intelligence",), status="active", **fields):
    """An information sharing agreement made as the service makes one: proposed by a coordinator of
    the first party and accepted by a signatory of every party (``status="draft"``: nobody accepts;
    "suspended": the first party suspends it; "ended": the first party ends it)."""
    from clearsight.partnership import agreements

    first = parties[0]
    agreement = agreements.propose(None, agreement_terms(kinds, **fields), list(parties), by=coordinator_of(first),
                                   for_organisation=first)
    if status != "draft":
        for party in parties:
            agreements.accept(agreement, 1, by=signatory_of(party), for_organisation=party)
    if status == "suspended":
        agreements.suspend(agreement, "A suspected breach", by=signatory_of(first), for_organisation=first)
    if status == "ended":
        agreements.end(agreement, by=signatory_of(first), for_organisation=first)
    agreement.refresh_from_db()
    return agreement


def change_agreement(agreement, accepted_by=None, **changes):
    """New terms for an agreement (e.g. ends_on=...), accepted by every party of the new terms
    (or only by ``accepted_by``)."""
    from clearsight.partnership import agreements

    agreement.refresh_from_db()
    parties = list(changes.pop("parties", agreement.parties.all()))
    terms = {k: getattr(agreement, k) for k in agreements.TERMS} | changes
    first = parties[0]
    agreements.propose(agreement, terms, parties, by=coordinator_of(first), for_organisation=first)
    number = agreement.latest_version().number
    for party in (parties if accepted_by is None else accepted_by):
        agreements.accept(agreement, number, by=signatory_of(party), for_organisation=party)
    agreement.refresh_from_db()
    return agreement


def act_for(client, organisation):
    """A signed-in person who works for several organisations chooses which they act for (as after sign-in)."""
    from django.urls import reverse

    response = client.post(reverse("core:choose-organisation"), {"organisation": str(organisation.public_id), "next": "/"})
    assert response.status_code == 302, "the organisation was not chosen"
    return client


def make_case(organisation, caseworker, *, first_name="Amira", last_name="Haddad", date_of_birth=None, opened_on=None,
              **fields):
    """A case of the organisation's exploitation team about a new person (born 4 March 2010 unless
    told), opened on 5 January 2026 unless told, with ``caseworker`` assigned."""
    from datetime import date

    from clearsight.cases.models import Case, CaseAssignment, Person
    from clearsight.core.models import Team

    team, _ = Team.objects.get_or_create(organisation=organisation, name="Exploitation and missing team")
    person = Person.objects.create(organisation=organisation, first_name=first_name, last_name=last_name,
                                   date_of_birth=date_of_birth or date(2010, 3, 4))
    case = Case.objects.create(person=person, organisation=organisation, team=team, created_by=caseworker,
                               opened_on=opened_on or date(2026, 1, 5), **fields)
    CaseAssignment.objects.create(case=case, user=caseworker)
    return case


def setup_training(organisation):
    """Levels, cohorts and requirements like a council's: all staff, procurement, managers."""
    from clearsight.training.models import Cohort, CohortRequirement, TrainingLevel

    aware = TrainingLevel.objects.create(organisation=organisation, code="MS-AWARE", name="Modern slavery awareness")
    ethical = TrainingLevel.objects.create(organisation=organisation, code="ETH-PROC", name="Ethical procurement")
    everyone = Cohort.objects.create(organisation=organisation, name="All staff", everyone=True)
    procurement = Cohort.objects.create(organisation=organisation, name="Procurement staff", job_title_words="procurement\nbuyer",
                                        services="Procurement")
    managers = Cohort.objects.create(organisation=organisation, name="Managers", job_title_words="head of\nteam leader",
                                     roles="line_manager")
    CohortRequirement.objects.create(cohort=everyone, level=aware, refresh_months=36)
    CohortRequirement.objects.create(cohort=procurement, level=ethical, refresh_months=12)
    CohortRequirement.objects.create(cohort=managers, level=aware, refresh_months=24)
    return {"aware": aware, "ethical": ethical, "everyone": everyone, "procurement": procurement, "managers": managers}


# --- Factories for the records tests make most often ------------------------------------------------
# Each declares only what its model requires and has no default for, so ``XFactory(**fields)`` makes
# the same record as ``X.objects.create(**fields)`` whenever ``fields`` names those; related records a
# test does not give are made (in the same organisation where that matters).


def _staff_of_new_organisation():
    from clearsight.core.roles import Role

    return make_user(OrganisationFactory(), Role.STAFF)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "staff"


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "core.Partnership"

    name = factory.Sequence(lambda n: f"Test Partnership {n}")
    kind = "safeguarding"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "core.Team"

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "core.TeamMember"

    team = factory.SubFactory(TeamFactory)
    user = factory.SubFactory(UserFactory)


class AuditEventFactory(factory.Factory):
    """An event appended to the audit log by ``core.audit.record``, as the service appends one, so
    the hash chain stays valid (``manage.py verify_audit_log``): a staff member of a new
    organisation viewed a case, unless told. ``actor=None`` records an event with no one signed in."""

    class Meta:
        model = AuditEvent

    actor = factory.LazyFunction(_staff_of_new_organisation)
    action = AuditEvent.Action.VIEW
    record_type = "case"
    record_id = factory.LazyFunction(lambda: str(uuid.uuid4()))
    description = ""

    @classmethod
    def _create(cls, model_class, actor=None, action=AuditEvent.Action.VIEW, **fields):
        from clearsight.core import audit

        return audit.record(None, action, user=actor, **fields)


class SignInAttemptFactory(factory.django.DjangoModelFactory):
    """A failed sign-in attempt, keyed as ``core.throttle`` keys one (no email address is kept)."""

    class Meta:
        model = "core.SignInAttempt"

    account = factory.Sequence(lambda n: _throttle().account_key(f"person{n}@example.org"))
    address = factory.LazyFunction(lambda: _throttle().address_key("192.0.2.10"))


def _throttle():
    from clearsight.core import throttle

    return throttle


class WorkerHeartbeatFactory(factory.django.DjangoModelFactory):
    """A task worker's heartbeat, as a worker on another machine that beat just now writes it (alive
    until its heartbeat is WORKER_STALE_SECONDS old; core/worker.py)."""

    class Meta:
        model = "core.WorkerHeartbeat"

    worker_id = factory.Sequence(lambda n: f"test-worker-{n}")
    host = "another-machine"
    pid = 4321


# Concerns


class ConcernFactory(factory.django.DjangoModelFactory):
    """A draft concern (``concern_helpers.make_concern`` sends one; ``triaged_concern`` triages it)."""

    class Meta:
        model = "concerns.Concern"

    reporter = factory.LazyFunction(_staff_of_new_organisation)
    reporter_organisation = factory.LazyAttribute(lambda o: o.reporter.primary_organisation)

    class Params:
        # Sent: new, handled by the reporter's organisation (records about a concern need one handled).
        submitted = factory.Trait(status="new", handling_organisation=factory.SelfAttribute("reporter_organisation"),
                                  submitted_at=factory.LazyFunction(timezone.now))


class ConcernPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "concerns.ConcernPerson"

    concern = factory.SubFactory(ConcernFactory)
    position = factory.LazyAttribute(lambda o: o.concern.people.count() + 1)
    age_group = "adult"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "concerns.Action"

    concern = factory.SubFactory(ConcernFactory)
    kind = "police"
    title = "Tell the police"
    owner = factory.SubFactory(UserFactory)
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))


class StatutoryReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "concerns.StatutoryReferral"

    action = factory.SubFactory(ActionFactory, kind="nrm_referral", title="Refer to the NRM")
    kind = "nrm"


class RouteSettingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "concerns.RouteSetting"

    organisation = factory.SubFactory(OrganisationFactory)
    kind = "ictg_referral"
    title = factory.LazyAttribute(lambda o: f"Route: {o.kind}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    """An indicator of modern slavery (reference data: codes are ``test-indicator-N``, never a loaded one's)."""

    class Meta:
        model = "concerns.Indicator"

    code = factory.Sequence(lambda n: f"test-indicator-{n}")
    category = "general"
    text = "Works long hours for little or no pay"
    source = "Test indicators"
    version = "2026"


class ExploitationTypeFactory(factory.django.DjangoModelFactory):
    """A type of exploitation (reference data: codes are ``test-type-N``, never a loaded one's)."""

    class Meta:
        model = "concerns.ExploitationType"

    code = factory.Sequence(lambda n: f"test-type-{n}")
    label = factory.Sequence(lambda n: f"Test exploitation {n}")
    home_office_key = "other"
    is_local = True
    source = "Test exploitation types"
    version = "2026"


class TriageFactory(factory.django.DjangoModelFactory):
    """A first responder's judgement of a sent concern, by a first responder of the organisation
    handling it (only the record: ``concerns.services.triage`` also opens the actions)."""

    class Meta:
        model = "concerns.Triage"

    concern = factory.SubFactory(ConcernFactory, submitted=True, status="in_triage")
    first_responder = factory.LazyAttribute(lambda o: make_user(o.concern.handling_organisation, "first_responder"))
    outcome = "more_information"
    reasoning = "The reporter is being asked what they saw at the premises."
    immediate_danger = False
    supplier_involved = False


# Cases


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.Person"

    organisation = factory.SubFactory(OrganisationFactory)


class CaseFactory(factory.django.DjangoModelFactory):
    """A case about a new person of the organisation, in a new team of it (``make_case`` assigns a caseworker too)."""

    class Meta:
        model = "cases.Case"

    organisation = factory.SubFactory(OrganisationFactory)
    person = factory.SubFactory(PersonFactory, organisation=factory.SelfAttribute("..organisation"))
    team = factory.SubFactory(TeamFactory, organisation=factory.SelfAttribute("..organisation"))
    created_by = factory.SubFactory(UserFactory)


class CaseAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.CaseAssignment"

    case = factory.SubFactory(CaseFactory)
    user = factory.SubFactory(UserFactory)


class CaseShareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.CaseShare"

    case = factory.SubFactory(CaseFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    agreement = "ISA 2026"
    reason = "Support"
    shared_by = factory.LazyAttribute(lambda o: o.case.created_by)


class NrmRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.NrmRecord"

    case = factory.SubFactory(CaseFactory)
    referred_on = factory.LazyFunction(timezone.localdate)


class SupportTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.SupportTask"

    case = factory.SubFactory(CaseFactory)
    phase = "immediate"
    description = "Safe accommodation"
    owner = factory.LazyAttribute(lambda o: o.case.created_by)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))


class SafetyPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.SafetyPlan"

    case = factory.SubFactory(CaseFactory)
    risks = "Contact from the exploiters"
    measures = "A new phone number"
    responsible = "The caseworker"
    review_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=28))


class RiskStatusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.RiskStatus"

    case = factory.SubFactory(CaseFactory)
    category = "at_risk"
    valid_from = factory.LazyFunction(timezone.localdate)
    recorded_by = factory.LazyAttribute(lambda o: o.case.created_by)


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.Placement"

    case = factory.SubFactory(CaseFactory)
    kind = "housing"
    starts_on = factory.LazyFunction(timezone.localdate)


class ServiceReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.ServiceReferral"

    case = factory.SubFactory(CaseFactory)
    service = "Counselling"


class AddressFlagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.AddressFlag"

    case = factory.SubFactory(CaseFactory)
    address = "1 Elm Road"
    reason = "missing"


class ContactChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.ContactChannel"

    person = factory.SubFactory(PersonFactory)
    kind = "phone"
    value = "07700 900123"


class MoveOnExtensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.MoveOnExtension"

    nrm = factory.SubFactory(NrmRecordFactory)
    days = 14
    agreed_on = factory.LazyFunction(timezone.localdate)
    reason = "Waiting for a tenancy to start"


class OutcomeScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.OutcomeScore"

    case = factory.SubFactory(CaseFactory)
    measure = "risk"
    score = 3
    scored_on = factory.LazyFunction(timezone.localdate)
    scored_by = factory.LazyAttribute(lambda o: o.case.created_by)


# Supply and spend


class SupplierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "supply.Supplier"

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Test Supplier {n} Ltd")


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "supply.Contract"

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Contract {n}")


class SupplierStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "supply.SupplierStatement"

    supplier = factory.SubFactory(SupplierFactory)
    year = 2025


class SicCodeFactory(factory.django.DjangoModelFactory):
    """A SIC code (reference data: codes are ``TNNNN``, never a loaded one's, which are five digits)."""

    class Meta:
        model = "supply.SicCode"

    code = factory.Sequence(lambda n: f"T{n % 10000:04d}")
    description = factory.Sequence(lambda n: f"Test activity {n}")
    source = "Test SIC codes"
    version = "2026"


class SupplierAliasFactory(factory.django.DjangoModelFactory):
    """Another name of a supplier, in the supplier's organisation, keyed as matching keys it."""

    class Meta:
        model = "supply.SupplierAlias"

    supplier = factory.SubFactory(SupplierFactory)
    organisation = factory.LazyAttribute(lambda o: o.supplier.organisation)
    name = factory.Sequence(lambda n: f"Anytown Trading {n}")
    normalised = factory.LazyAttribute(lambda o: _normalise_name(o.name))
    source = "entered"


def _normalise_name(name):
    from clearsight.supply.names import normalise_name

    return normalise_name(name)


class SupplierLicenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "supply.SupplierLicence"

    supplier = factory.SubFactory(SupplierFactory)
    kind = "glaa"
    number = factory.Sequence(lambda n: f"GLAA{n + 1:05d}")
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=365))


class SupplierContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "supply.SupplierContact"

    supplier = factory.SubFactory(SupplierFactory)
    name = factory.Sequence(lambda n: f"Supplier Contact {n}")
    role = "Compliance manager"
    email = factory.Sequence(lambda n: f"contact{n}@supplier.example")
    is_main = True


class ConcernSupplierLinkFactory(factory.django.DjangoModelFactory):
    """A sent concern linked to a supplier of the organisation handling it."""

    class Meta:
        model = "supply.ConcernSupplierLink"

    concern = factory.SubFactory(ConcernFactory, submitted=True)
    supplier = factory.SubFactory(SupplierFactory, organisation=factory.SelfAttribute("..concern.handling_organisation"))


class SpendMappingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "spend.SpendMapping"

    organisation = factory.SubFactory(OrganisationFactory)
    publisher = "Test publisher"
    publisher_key = factory.LazyAttribute(lambda o: o.publisher.lower().replace(" ", "-"))
    header_signature = factory.Sequence(lambda n: f"signature-{n}")


class SpendImportFactory(factory.django.DjangoModelFactory):
    """An uploaded spend file waiting for its columns to be checked."""

    class Meta:
        model = "spend.SpendImport"

    organisation = factory.SubFactory(OrganisationFactory)
    publisher = "Test publisher"
    file_name = factory.Sequence(lambda n: f"spend-over-500-{n}.csv")
    file_sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.file_name.encode()).hexdigest())
    file_size = 2048


class SpendLineFactory(factory.django.DjangoModelFactory):
    """A payment to a supplier of the import's organisation."""

    class Meta:
        model = "spend.SpendLine"

    spend_import = factory.SubFactory(SpendImportFactory)
    organisation = factory.LazyAttribute(lambda o: o.spend_import.organisation)
    source_row = factory.Sequence(lambda n: n + 2)
    supplier = factory.SubFactory(SupplierFactory, organisation=factory.SelfAttribute("..organisation"))
    payee_name = factory.LazyAttribute(lambda o: o.supplier.name)
    amount = Decimal("1250.00")
    paid_on = factory.LazyFunction(timezone.localdate)
    category = "Cleaning services"


# Matching


class CompanyRegisterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "matching.CompanyRegister"

    source = "Test company register"
    version = "2026-01"
    file_name = factory.Sequence(lambda n: f"register-{n}.csv")


class CompanyRegisterEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "matching.CompanyRegisterEntry"

    register = factory.SubFactory(CompanyRegisterFactory)
    name = factory.Sequence(lambda n: f"Registered Company {n} Limited")
    company_number = factory.Sequence(lambda n: f"{n + 1:08d}")
    postcode = "AB1 2CD"
    country = "United Kingdom"
    source_row = factory.Sequence(lambda n: n + 2)


class CompanyNumberSourceFactory(factory.django.DjangoModelFactory):
    """A supplier's company number as matching set it, from a register entry."""

    class Meta:
        model = "matching.CompanyNumberSource"

    supplier = factory.SubFactory(SupplierFactory)
    entry = factory.SubFactory(CompanyRegisterEntryFactory)
    company_number = factory.LazyAttribute(lambda o: o.entry.company_number)
    register_label = factory.LazyAttribute(lambda o: str(o.entry.register))
    method = "matched"
    probability = 0.97


def _reviews():
    from clearsight.matching import reviews

    return reviews


class MatchReviewFactory(factory.django.DjangoModelFactory):
    """A pending review of whether a supplier of the organisation is a company in the register, with
    the two records as matching snapshots them (one candidate; tests/matching_helpers.py makes one
    with several)."""

    class Meta:
        model = "matching.MatchReview"

    organisation = factory.SubFactory(OrganisationFactory)
    kind = "company"
    source = "register"
    subject_supplier = factory.SubFactory(SupplierFactory, organisation=factory.SelfAttribute("..organisation"))
    candidate_entry = factory.SubFactory(CompanyRegisterEntryFactory)
    candidate_ref = factory.LazyAttribute(lambda o: o.candidate_entry.company_number)
    left = factory.LazyAttribute(lambda o: _reviews().supplier_snapshot(o.subject_supplier))
    right = factory.LazyAttribute(lambda o: _reviews().record_snapshot(
        o.candidate_entry.name, postcode=o.candidate_entry.postcode, company_number=o.candidate_entry.company_number,
        source=str(o.candidate_entry.register)))
    probability = 0.72
    reasons = factory.LazyFunction(lambda: ["The names are similar"])
    candidates = factory.LazyAttribute(lambda o: [_reviews().candidate(
        o.right, o.probability, o.reasons, entry=o.candidate_entry, ref=o.candidate_ref)])


class MatchingRunFactory(factory.django.DjangoModelFactory):
    """What the latest spend file did with an organisation's supplier names."""

    class Meta:
        model = "matching.MatchingRun"

    organisation = factory.SubFactory(OrganisationFactory)
    source = "spend"
    counts = factory.LazyFunction(lambda: {"names": 10, "known": 4, "new_names": 6, "matched": 2, "same_batch": 0,
                                           "to_review": 0, "new_suppliers": 4})


class MatchingParametersFactory(factory.django.DjangoModelFactory):
    """Matching parameters an organisation's supplier names were estimated with (the starting values,
    for the model as it is now)."""

    class Meta:
        model = "matching.MatchingParameters"

    organisation = factory.SubFactory(OrganisationFactory)
    purpose = "supplier names"
    parameters = factory.LazyFunction(lambda: _parameter_store().as_list(_splink_training().starting_parameters()))
    model_fingerprint = factory.LazyFunction(lambda: _splink_model().fingerprint())
    method = "u estimated by random sampling (100,000 pairs); m starting values (no pairs to estimate it from)"
    left_count = 120
    right_count = 2400
    estimated_at = factory.LazyFunction(timezone.now)


def _parameter_store():
    from clearsight.matching import parameter_store

    return parameter_store


def _splink_training():
    from clearsight.matching import splink_training

    return splink_training


def _splink_model():
    from clearsight.matching import splink_model

    return splink_model


# Screening

# Two-letter codes ISO 3166 leaves for users (none is a loaded country): a test can make 41 at a time.
UNASSIGNED_COUNTRY_CODES = ["AA", *(f"Q{c}" for c in "MNOPQRSTUVWXYZ"), *(f"X{c}" for c in "ABCDEFGHIJLMNOPQRSTUVWXYZ"), "ZZ"]


class ReferenceDatasetFactory(factory.django.DjangoModelFactory):
    """A loaded table of reference data (keys are ``test-N``, never a shipped one's)."""

    class Meta:
        model = "screening.ReferenceDataset"

    key = factory.Sequence(lambda n: f"test-{n}")
    title = factory.Sequence(lambda n: f"Test reference table {n}")
    version = "2026"
    source = "Test data"
    shipped = False


class RiskSectorFactory(factory.django.DjangoModelFactory):
    """A high-risk sector (reference data: keys are ``test_sector_N``, never a loaded one's)."""

    class Meta:
        model = "screening.RiskSector"

    key = factory.Sequence(lambda n: f"test_sector_{n}")
    label = factory.Sequence(lambda n: f"Test sector {n}")
    why = "Low-paid work through agencies and subcontractors"
    weight = 20
    keywords = factory.LazyFunction(lambda: ["test sector"])
    position = factory.Sequence(lambda n: 100 + n)


class CountryRiskFactory(factory.django.DjangoModelFactory):
    """A country with a code ISO 3166 leaves for users (so never one loaded)."""

    class Meta:
        model = "screening.CountryRisk"

    code = factory.Sequence(lambda n: UNASSIGNED_COUNTRY_CODES[n % len(UNASSIGNED_COUNTRY_CODES)])
    name = factory.LazyAttribute(lambda o: f"Testland {o.code}")
    tip_tier = "Tier 2"


class GoodAtRiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "screening.GoodAtRisk"

    country_code = "CN"
    good = "Polysilicon"
    exploitation = "Forced Labor"


class SupplierRiskFactory(factory.django.DjangoModelFactory):
    """A supplier's screening result, in the supplier's organisation."""

    class Meta:
        model = "screening.SupplierRisk"

    supplier = factory.SubFactory(SupplierFactory)
    organisation = factory.LazyAttribute(lambda o: o.supplier.organisation)
    score = 40
    tier = "high"
    screened_at = factory.LazyFunction(timezone.now)


# Supplier assessments


def _hash_token(token):
    from clearsight.assessments.models import hash_token

    return hash_token(token)


class AssessmentFactory(factory.django.DjangoModelFactory):
    """The short questionnaire sent to a supplier of the organisation, its link open for four weeks."""

    class Meta:
        model = "assessments.Assessment"

    organisation = factory.SubFactory(OrganisationFactory)
    supplier = factory.SubFactory(SupplierFactory, organisation=factory.SelfAttribute("..organisation"))
    questionnaire = "short-2026"
    recipient_name = "Supplier Contact"
    recipient_email = factory.Sequence(lambda n: f"assessment{n}@supplier.example")
    token_hash = factory.Sequence(lambda n: _hash_token(f"test-token-{n}"))
    link_expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=28))


class EvidenceFileFactory(factory.django.DjangoModelFactory):
    """A file a supplier uploaded for a question of the assessment (the record only: no file is written)."""

    class Meta:
        model = "assessments.EvidenceFile"

    assessment = factory.SubFactory(AssessmentFactory)
    organisation = factory.LazyAttribute(lambda o: o.assessment.organisation)
    question = "policy_written"
    stored_name = factory.LazyFunction(lambda: f"{secrets.token_hex(16)}.pdf")
    original_name = "Modern slavery policy.pdf"
    content_type = "application/pdf"
    size = 2048


class SupplierActionPlanFactory(factory.django.DjangoModelFactory):
    """The action plan opened after a poor assessment (assessments.ActionPlan), for its supplier."""

    class Meta:
        model = "assessments.ActionPlan"

    assessment = factory.SubFactory(AssessmentFactory, status="reviewed", result="poor",
                                    completed_on=factory.LazyFunction(timezone.localdate))
    organisation = factory.LazyAttribute(lambda o: o.assessment.organisation)
    supplier = factory.LazyAttribute(lambda o: o.assessment.supplier)


class SupplierActionFactory(factory.django.DjangoModelFactory):
    """An action in a supplier's action plan (assessments.Action)."""

    class Meta:
        model = "assessments.Action"

    plan = factory.SubFactory(SupplierActionPlanFactory)
    description = "Publish a modern slavery policy"
    owner = factory.SubFactory(UserFactory)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=90))


# Intelligence and operations


class PremisesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "intelligence.Premises"

    organisation = factory.SubFactory(OrganisationFactory)
    address = factory.Sequence(lambda n: f"{n + 1} Station Yard, Anytown")
    premises_type = "hand_car_wash"


class BusinessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "intelligence.Business"

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Test Business {n}")


class IntelligenceReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "intelligence.IntelligenceReport"

    organisation = factory.SubFactory(OrganisationFactory)
    date = factory.LazyFunction(timezone.localdate)
    subject_kind = "premises"
    text = "Workers are seen sleeping at the car wash."
    source_evaluation = "2"
    assessment = "B"
    handling_code = "P"


class OperationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "operations.Operation"

    name = factory.Sequence(lambda n: f"Operation {n}")
    date = factory.LazyFunction(timezone.localdate)
    lead_agency = factory.SubFactory(OrganisationFactory)
    created_by = factory.SubFactory(UserFactory)


class OperationVictimFactory(factory.django.DjangoModelFactory):
    """A victim found in an operation: give ``case`` or ``concern_person``."""

    class Meta:
        model = "operations.OperationVictim"

    operation = factory.SubFactory(OperationFactory)
    added_by = factory.LazyAttribute(lambda o: o.operation.created_by)


class ConcernPremisesFactory(factory.django.DjangoModelFactory):
    """A sent concern linked to premises of the organisation handling it."""

    class Meta:
        model = "intelligence.ConcernPremises"

    concern = factory.SubFactory(ConcernFactory, submitted=True)
    premises = factory.SubFactory(PremisesFactory, organisation=factory.SelfAttribute("..concern.handling_organisation"))


class InterventionFactory(factory.django.DjangoModelFactory):
    """What the operation's lead agency did during it."""

    class Meta:
        model = "operations.Intervention"

    operation = factory.SubFactory(OperationFactory)
    agency = factory.LazyAttribute(lambda o: o.operation.lead_agency)
    kind = "licensing"
    count = 2


# Information sharing agreements: made through partnership.agreements, as the service makes them, so
# versions, acceptances and suspensions always agree with the agreement (see ``agreement_in_force``).


class InformationSharingAgreementFactory(factory.Factory):
    """An agreement as ``agreement_in_force(*parties, status=status, ...)`` makes it: proposed by a
    coordinator of the first party (its first version) and, unless ``status`` is "draft" (awaiting
    acceptance, the default), accepted by every party. Between two new organisations unless
    ``parties`` are given; other keyword arguments are terms (``agreement_terms``)."""

    class Meta:
        model = InformationSharingAgreement

    parties = factory.List([factory.SubFactory(OrganisationFactory), factory.SubFactory(OrganisationFactory)])
    status = "draft"

    @classmethod
    def _create(cls, model_class, parties, status="draft", **terms):
        return agreement_in_force(*parties, status=status, **terms)


class AgreementVersionFactory(factory.Factory):
    """Proposed terms of an agreement: the first version of a new agreement, or, given ``agreement``,
    a new version of its terms with the terms given changed (``parties`` too), proposed by a
    coordinator of the first party and accepted by nobody yet."""

    class Meta:
        model = AgreementVersion

    agreement = None

    @classmethod
    def _create(cls, model_class, agreement=None, **changes):
        if agreement is None:
            return InformationSharingAgreementFactory(**changes).latest_version()
        from clearsight.partnership import agreements

        agreement.refresh_from_db()
        parties = list(changes.pop("parties", agreement.parties.all()))
        terms = {k: getattr(agreement, k) for k in agreements.TERMS} | changes
        agreements.propose(agreement, terms, parties, by=coordinator_of(parties[0]), for_organisation=parties[0])
        return agreement.latest_version()


class AgreementAcceptanceFactory(factory.Factory):
    """A party's acceptance of the latest version by its signatory, through ``agreements.accept``: of a
    new agreement's first version, by the first party (by name) yet to accept it, unless told. The
    last party's acceptance brings the version into force."""

    class Meta:
        model = AgreementAcceptance

    version = factory.SubFactory(AgreementVersionFactory)
    organisation = factory.LazyAttribute(lambda o: o.version.parties.exclude(
        pk__in=o.version.acceptances.values("organisation_id")).order_by("name").first())
    accepted_by = factory.LazyAttribute(lambda o: signatory_of(o.organisation))

    @classmethod
    def _create(cls, model_class, version, organisation, accepted_by):
        from clearsight.partnership import agreements

        agreements.accept(version.agreement, version.number, by=accepted_by, for_organisation=organisation)
        return version.acceptances.get(organisation=organisation)


class AgreementSuspensionFactory(factory.Factory):
    """A party's suspension of an agreement in force, by its signatory, through ``agreements.suspend``:
    the first party (by name) to the terms in force suspends a new active agreement, unless told."""

    class Meta:
        model = AgreementSuspension

    agreement = factory.SubFactory(InformationSharingAgreementFactory, status="active")
    organisation = factory.LazyAttribute(lambda o: o.agreement.in_force_version.parties.order_by("name").first())
    suspended_by = factory.LazyAttribute(lambda o: signatory_of(o.organisation))
    reason = "A suspected breach"

    @classmethod
    def _create(cls, model_class, agreement, organisation, suspended_by, reason):
        from clearsight.partnership import agreements

        agreements.suspend(agreement, reason, by=suspended_by, for_organisation=organisation)
        agreement.refresh_from_db()
        return agreement.suspensions.filter(organisation=organisation).latest("id")


# Partnership groups


class PartnershipGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnership.PartnershipGroup"

    kind = "operational"
    name = factory.Sequence(lambda n: f"Test Group {n}")
    organisation = factory.SubFactory(OrganisationFactory)


class GroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnership.GroupMember"

    group = factory.SubFactory(PartnershipGroupFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnership.Meeting"

    group = factory.SubFactory(PartnershipGroupFactory)
    held_on = factory.LazyFunction(timezone.localdate)


class PartnershipActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnership.PartnershipAction"

    meeting = factory.SubFactory(MeetingFactory)
    description = "Visit the premises together"
    owner_organisation = factory.LazyAttribute(lambda o: o.meeting.group.organisation)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))


# Action plans


def _five_responsibilities():
    from clearsight.actionplan.models import Framework

    return Framework.objects.get(code="five-responsibilities")


class PlanYearFactory(factory.django.DjangoModelFactory):
    """A plan year on the five responsibilities framework (reference data), 2026/27 unless told."""

    class Meta:
        model = "actionplan.PlanYear"

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Plan {n}")
    starts_on = date(2026, 4, 1)
    ends_on = date(2027, 3, 31)
    framework = factory.LazyFunction(_five_responsibilities)


class PlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actionplan.PlanAction"

    plan = factory.SubFactory(PlanYearFactory)
    area = factory.LazyAttribute(lambda o: o.plan.framework.areas.order_by("position").first())
    title = factory.Sequence(lambda n: f"Action {n}")
    description = factory.LazyAttribute(lambda o: o.title)
    owner = factory.SubFactory(UserFactory)
    owner_organisation = factory.LazyAttribute(lambda o: o.plan.organisation)
    due_on = factory.LazyAttribute(lambda o: o.plan.ends_on)
    created_by = factory.LazyAttribute(lambda o: o.owner)


class ReviewResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actionplan.ReviewResponse"

    action = factory.SubFactory(PlanActionFactory)
    undertaken = "What was done"
    done = True
    continues = False
    responded_by = factory.LazyAttribute(lambda o: o.action.owner)


class FrameworkFactory(factory.django.DjangoModelFactory):
    """A framework of areas (reference data: codes are ``test-framework-N``, never a loaded one's)."""

    class Meta:
        model = "actionplan.Framework"

    code = factory.Sequence(lambda n: f"test-framework-{n}")
    name = factory.Sequence(lambda n: f"Test framework {n}")
    source = "Test frameworks"
    version = "2026"


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actionplan.Area"

    framework = factory.SubFactory(FrameworkFactory)
    code = factory.Sequence(lambda n: f"area-{n}")
    name = factory.Sequence(lambda n: f"Area {n}")
    position = factory.Sequence(lambda n: n)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    """Progress on an action, written by its owner."""

    class Meta:
        model = "actionplan.ProgressUpdate"

    action = factory.SubFactory(PlanActionFactory)
    text = "The first training sessions are booked."
    status = "in_progress"
    author = factory.LazyAttribute(lambda o: o.action.owner)


class ReviewRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actionplan.ReviewRequest"

    plan = factory.SubFactory(PlanYearFactory)
    owner = factory.SubFactory(UserFactory)


# Training


class TrainingLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "training.TrainingLevel"

    organisation = factory.SubFactory(OrganisationFactory)
    code = factory.Sequence(lambda n: f"LEVEL-{n}")
    name = factory.LazyAttribute(lambda o: f"Level {o.code}")


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "training.Cohort"

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Cohort {n}")


class CohortRequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "training.CohortRequirement"

    cohort = factory.SubFactory(CohortFactory)
    level = factory.SubFactory(TrainingLevelFactory, organisation=factory.SelfAttribute("..cohort.organisation"))


class StaffMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "training.StaffMember"

    organisation = factory.SubFactory(OrganisationFactory)
    employee_number = factory.Sequence(lambda n: f"E{n + 1}")
    full_name = factory.Sequence(lambda n: f"Staff Member {n}")


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "training.Course"

    organisation = factory.SubFactory(OrganisationFactory)
    title = "Course"
    kind = "classroom"


class SessionFactory(factory.django.DjangoModelFactory):
    """A training session (not a web session)."""

    class Meta:
        model = "training.Session"

    course = factory.SubFactory(CourseFactory)
    held_on = date(2026, 1, 1)
    capacity = 10


class TrainingPlacementFactory(factory.django.DjangoModelFactory):
    """A member of staff's place in a cohort of their organisation (training.Placement)."""

    class Meta:
        model = "training.Placement"

    staff = factory.SubFactory(StaffMemberFactory)
    cohort = factory.SubFactory(CohortFactory, organisation=factory.SelfAttribute("..staff.organisation"))
    since = date(2026, 1, 1)
    reason = "Everyone in the organisation"


class CohortOverrideFactory(factory.django.DjangoModelFactory):
    """A training manager puts a member of staff into a cohort of their organisation."""

    class Meta:
        model = "training.CohortOverride"

    staff = factory.SubFactory(StaffMemberFactory)
    cohort = factory.SubFactory(CohortFactory, organisation=factory.SelfAttribute("..staff.organisation"))
    include = True
    reason = "Buys for the service though their job title does not say so"
    created_by = factory.SubFactory(UserFactory)


class CompletionFactory(factory.django.DjangoModelFactory):
    """A level of their organisation's training a member of staff completed, from the learning system."""

    class Meta:
        model = "training.Completion"

    staff = factory.SubFactory(StaffMemberFactory)
    level = factory.SubFactory(TrainingLevelFactory, organisation=factory.SelfAttribute("..staff.organisation"))
    completed_on = date(2026, 1, 15)


class AttendanceFactory(factory.django.DjangoModelFactory):
    """A member of staff of the course's organisation at a session."""

    class Meta:
        model = "training.Attendance"

    session = factory.SubFactory(SessionFactory)
    staff = factory.SubFactory(StaffMemberFactory, organisation=factory.SelfAttribute("..session.course.organisation"))


class ReminderSentFactory(factory.django.DjangoModelFactory):
    """A reminder that a level of their organisation's training is due soon."""

    class Meta:
        model = "training.ReminderSent"

    staff = factory.SubFactory(StaffMemberFactory)
    level = factory.SubFactory(TrainingLevelFactory, organisation=factory.SelfAttribute("..staff.organisation"))
    kind = "due"
    period = "2026-03-31"


# Statements


class StatementFactory(factory.django.DjangoModelFactory):
    """A draft statement setting out a plan year of its organisation, covering the plan's year."""

    class Meta:
        model = "statements.Statement"

    organisation = factory.SubFactory(OrganisationFactory)
    plan = factory.SubFactory(PlanYearFactory, organisation=factory.SelfAttribute("..organisation"))
    title = factory.LazyAttribute(lambda o: f"Modern slavery statement {o.plan.title}")
    covers_from = factory.LazyAttribute(lambda o: o.plan.starts_on)
    covers_to = factory.LazyAttribute(lambda o: o.plan.ends_on)
    figures_from = date(2025, 4, 1)
    figures_to = date(2026, 3, 31)
    created_by = factory.SubFactory(UserFactory)


class StatementSectionFactory(factory.django.DjangoModelFactory):
    """A text section of a statement the statement owner added (statements.Section)."""

    class Meta:
        model = "statements.Section"

    statement = factory.SubFactory(StatementFactory)
    key = factory.Sequence(lambda n: f"custom-{n}")
    kind = "custom"
    title = "Working with partners"
    text = "We work with the police and the voluntary sector."


class StatementSignatoryFactory(factory.django.DjangoModelFactory):
    """Someone who signs a statement off (statements.Signatory)."""

    class Meta:
        model = "statements.Signatory"

    statement = factory.SubFactory(StatementFactory)
    name = factory.Sequence(lambda n: f"Signatory {n}")
    role = "Chief Executive"


def _statement_document(statement):
    """A saved version's content, shaped as ``statements.services.save_version`` stores it (title and
    period only: assembling the whole document reads every context's figures)."""
    from clearsight.statements import assemble

    covers = assemble.period(statement.covers_from, statement.covers_to)
    document = {"title": statement.title, "language": assemble.LANGUAGE, "organisation": statement.organisation.name,
                "status": statement.status, "covers": covers, "approved_on": None,
                "blocks": [assemble.heading(statement.title, 1),
                           assemble.paragraph(f"This statement covers {covers}.")]}
    return {"document": document, "registry": []}


class StatementVersionFactory(factory.django.DjangoModelFactory):
    """The next saved version of a statement, by the person who started it."""

    class Meta:
        model = "statements.StatementVersion"

    statement = factory.SubFactory(StatementFactory)
    number = factory.LazyAttribute(lambda o: o.statement.versions.count() + 1)
    content = factory.LazyAttribute(lambda o: _statement_document(o.statement))
    created_by = factory.LazyAttribute(lambda o: o.statement.created_by)


class RegistrySummaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "statements.RegistrySummary"

    statement = factory.SubFactory(StatementFactory)
    structure = "A unitary council buying goods and services from about two thousand suppliers."
    policies = "Our modern slavery policy and supplier code of conduct."
    training = "Modern slavery awareness for all staff."


# Added in the fourth session's issues 17 and 18


class AddedInformationFactory(factory.django.DjangoModelFactory):
    """What a reporter added to their own sent concern."""

    class Meta:
        model = "concerns.AddedInformation"

    concern = factory.SubFactory(ConcernFactory, submitted=True)
    added_by = factory.LazyAttribute(lambda o: o.concern.reporter)
    text = "She called again: the van now comes at 5am, not 6am."


class RegisterHistoryFactory(factory.django.DjangoModelFactory):
    """The case's dates as kept for the register on a day."""

    class Meta:
        model = "cases.RegisterHistory"

    case = factory.SubFactory(CaseFactory)
    part = "case"
    values = factory.LazyAttribute(lambda o: {"opened_on": o.case.opened_on.isoformat() if o.case.opened_on else None,
                                              "closed_on": None})
    recorded_at = factory.LazyFunction(timezone.now)


class IdentityProviderFactory(factory.django.DjangoModelFactory):
    """An organisation's own OpenID Connect provider for its email domain."""

    class Meta:
        model = "core.IdentityProvider"

    name = factory.Sequence(lambda n: f"Council {n} account")
    slug = factory.Sequence(lambda n: f"council-{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    email_domains = factory.Sequence(lambda n: f"council{n}.gov.example")
    issuer = factory.LazyAttribute(lambda o: f"https://login.{o.email_domains}")
    authorization_endpoint = factory.LazyAttribute(lambda o: f"{o.issuer}/auth")
    token_endpoint = factory.LazyAttribute(lambda o: f"{o.issuer}/token")
    userinfo_endpoint = factory.LazyAttribute(lambda o: f"{o.issuer}/me")
    jwks_uri = factory.LazyAttribute(lambda o: f"{o.issuer}/jwks")
    client_id = "clearsight"
    client_secret_variable = "CLEARSIGHT_OIDC_TEST_SECRET"


class IdentityProviderDeviceFactory(factory.django.DjangoModelFactory):
    """The second factor a provider that says the person used multi-factor stands for."""

    class Meta:
        model = "core.IdentityProviderDevice"

    provider = factory.SubFactory(IdentityProviderFactory)
    user = factory.LazyAttribute(lambda o: make_user(o.provider.organisation, "staff", with_device=False))
    name = factory.LazyAttribute(lambda o: o.provider.name)


class OutboundEmailFactory(factory.django.DjangoModelFactory):
    """An email waiting for the task worker to send it."""

    class Meta:
        model = "core.OutboundEmail"

    key = factory.Sequence(lambda n: f"test-email-{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    to = factory.Sequence(lambda n: f"person{n}@example.org")
    subject = "Your modern slavery training is due"
    body = "Your modern slavery awareness training is due by 31 January."


class ScheduledRunFactory(factory.django.DjangoModelFactory):
    """A daily job the worker's scheduler ran today."""

    class Meta:
        model = "core.ScheduledRun"

    job = factory.Sequence(lambda n: f"test_job_{n}")
    day = factory.LazyFunction(timezone.localdate)
    status = "succeeded"
    finished_at = factory.LazyFunction(timezone.now)
    output = "3 reminders sent"
