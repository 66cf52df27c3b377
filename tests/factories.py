from datetime import date, timedelta

import factory
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from clearsight.core.models import Membership, Organisation, User

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


# Concerns


class ConcernFactory(factory.django.DjangoModelFactory):
    """A draft concern (``concern_helpers.make_concern`` sends one; ``triaged_concern`` triages it)."""

    class Meta:
        model = "concerns.Concern"

    reporter = factory.LazyFunction(_staff_of_new_organisation)
    reporter_organisation = factory.LazyAttribute(lambda o: o.reporter.primary_organisation)


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


class SpendMappingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "spend.SpendMapping"

    organisation = factory.SubFactory(OrganisationFactory)
    publisher = "Test publisher"
    publisher_key = factory.LazyAttribute(lambda o: o.publisher.lower().replace(" ", "-"))
    header_signature = factory.Sequence(lambda n: f"signature-{n}")


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
