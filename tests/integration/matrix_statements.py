"""URL matrix entries for the Modern Slavery Statement builder (merged by test_url_matrix), and the
builders the statement tests share: a reviewed plan year with responses, the next year's plan
carrying some actions forward, and a statement over both."""

from datetime import date

from clearsight.core.roles import Capability

from ..factories import PlanActionFactory, PlanYearFactory
from .matrix_support import Expect, roles_with

READERS = roles_with(Capability.VIEW_ACTION_PLAN) | roles_with(Capability.WRITE_STATEMENT)
WRITERS = roles_with(Capability.WRITE_STATEMENT)
POST_ONLY = {"anonymous": 405, "signed_in": 405}


def frameworks():
    """The five responsibilities framework (loaded from the action plan's reference data when
    available, else made here with the same areas)."""
    from clearsight.actionplan.models import Area, Framework

    try:
        from clearsight.actionplan.reference_data import load_frameworks

        if not Framework.objects.filter(code="five-responsibilities").exists():
            load_frameworks()
    except ImportError:  # pragma: no cover - the loader ships with the action plan
        pass
    framework, _ = Framework.objects.get_or_create(code="five-responsibilities", defaults={
        "name": "Modern Slavery Statement responsibilities", "source": "test", "version": "1"})
    if not framework.areas.exists():
        for n, name in enumerate(["Defining and outlining risk", "Prevention", "Detection", "Response", "Evaluation"]):
            Area.objects.create(framework=framework, code=name.split()[0].lower(), name=name, position=n)
    return framework


def make_plans(organisation, owner, partner=None):
    """2025/26 (closed, with responses in several areas) and 2026/27 (open, two actions carried
    forward and one new). Returns (reviewed, plan)."""
    from clearsight.actionplan.models import PlanYear, ReviewResponse

    framework = frameworks()
    areas = {a.name: a for a in framework.areas.all()}
    reviewed = PlanYearFactory(organisation=organisation, title="2025/26", starts_on=date(2025, 4, 1),
                               ends_on=date(2026, 3, 31), framework=framework, status=PlanYear.Status.CLOSED)
    plan = PlanYearFactory(organisation=organisation, title="2026/27", starts_on=date(2026, 4, 1),
                           ends_on=date(2027, 3, 31), framework=framework, previous=reviewed)
    owner_org = partner or organisation

    def action(year, area, description, n, **kwargs):
        return PlanActionFactory(plan=year, area=areas[area], title=description[:40], description=description,
                                 owner=owner, owner_organisation=owner_org, due_on=year.ends_on, position=n,
                                 created_by=owner, **kwargs)

    mapping = action(reviewed, "Defining and outlining risk", "Map where exploitation could touch council services", 1)
    train = action(reviewed, "Prevention", "Train every procurement officer to spot labour exploitation", 2)
    audit_ = action(reviewed, "Detection", "Check the highest-risk contracts for signs of forced labour", 3)
    action(reviewed, "Response", "Agree a referral pathway with the police and children's services", 4)
    ReviewResponse.objects.create(action=mapping, undertaken="A risk map was published to all directorates",
                                  done=True, continues=False, responded_by=owner)
    ReviewResponse.objects.create(action=train, undertaken="Forty officers completed the course; ten remain",
                                  done=False, continues=True, next_year_description="Train the remaining ten officers",
                                  responded_by=owner)
    ReviewResponse.objects.create(action=audit_, undertaken="Twelve contracts were checked and two followed up",
                                  done=True, continues=True, responded_by=owner)
    action(plan, "Prevention", "Train the remaining ten procurement officers", 1, carried_from=train)
    action(plan, "Detection", "Check the next twenty highest-risk contracts", 2, carried_from=audit_)
    action(plan, "Evaluation", "Review every referral made this year with partners", 3)
    return reviewed, plan


def _custom_section(statement):
    from clearsight.statements.models import Section

    section, _ = Section.objects.get_or_create(statement=statement, key="custom-1", defaults={
        "kind": Section.Key.CUSTOM, "title": "Working with partners", "text": "Words", "position": 50})
    return section.key


def complete_tasks(statement, owner):
    """Finish every task a statement made by ``make_statement`` has left, as its owner would before
    approving it: each section marked as completed, and a response from the owner of every action
    of the year reviewed that has none."""
    from django.utils import timezone

    from clearsight.actionplan.models import ReviewResponse
    from clearsight.statements.models import Section

    Section.objects.filter(statement=statement).update(completed=True, updated_at=timezone.now(), updated_by=owner)
    if statement.reviewed_plan is not None:
        for action in statement.reviewed_plan.actions.filter(review__isnull=True):
            ReviewResponse.objects.create(action=action, undertaken="The pathway was agreed in the autumn", done=True,
                                          continues=False, responded_by=owner)
    statement.refresh_from_db()


def make_statement(organisation, owner, *, plans=None, approved=False, with_version=False):
    from clearsight.statements import services
    from clearsight.statements.models import Section, Signatory

    reviewed, plan = plans or make_plans(organisation, owner)
    statement = services.create_statement(
        organisation=organisation, title=f"{organisation.name} Modern Slavery Statement 2026/27", plan=plan,
        reviewed_plan=reviewed, covers_from=plan.starts_on, covers_to=plan.ends_on, figures_from=reviewed.starts_on,
        figures_to=reviewed.ends_on, user=owner)
    for section in statement.sections.all():
        if not section.text:
            Section.objects.filter(pk=section.pk).update(text=f"Our own words for {section.title.lower()}.")
    Signatory.objects.create(statement=statement, name="Sam Leader", role="Leader of the Council")
    if with_version or approved:
        services.save_version(statement, owner, note="First draft")
    if approved:
        complete_tasks(statement, owner)
        statement.refresh_from_db()
        services.approve(statement, owner, date(2026, 7, 14), statement.version)
        statement.refresh_from_db()
    return statement


def _statement(w, user, approved=False):
    own_org = w["anytown_person"].primary_organisation
    other_org = w["bexford_person"].primary_organisation
    def one(org, person):
        from clearsight.actionplan.models import PlanYear

        # Plan titles are unique per organisation, and the matrix makes many statements.
        suffix = PlanYear.objects.filter(organisation=org).count()
        reviewed, plan = make_plans(org, person)
        PlanYear.objects.filter(pk=reviewed.pk).update(title=f"2025/26 ({suffix})")
        PlanYear.objects.filter(pk=plan.pk).update(title=f"2026/27 ({suffix})")
        reviewed.refresh_from_db()
        plan.refresh_from_db()
        return make_statement(org, person, plans=(reviewed, plan), approved=approved, with_version=True)

    return one(own_org, w["anytown_person"]), one(other_org, w["bexford_person"])


EXPECTATIONS = {
    "statements:list": Expect(roles=READERS),
    "statements:create": Expect(roles=WRITERS),
    "statements:statement": Expect(roles=READERS, record="statement"),
    "statements:details": Expect(roles=WRITERS, record="statement"),
    "statements:section": Expect(roles=WRITERS, record="statement", kwargs={"key": "introduction"}),
    "statements:section-add": Expect(roles=WRITERS, record="statement"),
    # GET is the "are you sure" page for a section the writer added.
    "statements:section-remove": Expect(roles=WRITERS, record="statement", kwargs=lambda statement: {
        "key": _custom_section(statement)}),
    "statements:sign-off": Expect(roles=WRITERS, record="statement"),
    "statements:preview": Expect(roles=READERS, record="statement"),
    "statements:download": Expect(roles=WRITERS, record="statement", kwargs={"fmt": "pdf"}),
    "statements:versions": Expect(roles=READERS, record="statement"),
    "statements:version-save": Expect(roles=WRITERS, record="statement"),
    # Approved versions: everyone who reads statements may download them.
    "statements:version-download": Expect(roles=READERS, record="approved_statement", kwargs={"number": 2, "fmt": "docx"}),
    "statements:approve": Expect(roles=WRITERS, record="statement"),
    "statements:new-draft": Expect(roles=frozenset(), record="approved_statement", special=POST_ONLY, audited=False),
    "statements:registry": Expect(roles=WRITERS, record="statement"),
    "statements:registry-csv": Expect(roles=WRITERS, record="statement"),
}

RECORDS = {
    "statement": lambda w, user: _statement(w, user),
    "approved_statement": lambda w, user: _statement(w, user, approved=True),
}
