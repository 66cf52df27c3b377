import factory
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
