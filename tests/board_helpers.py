"""The board figures' world: records with known numbers in the financial year 2025 to 2026 (used by
tests/integration/test_board_figures.py and the browser tests of the board pages), and the helpers
that date concerns and make cases for figures."""

import uuid
from datetime import date, datetime, timedelta

from django.utils import timezone

from clearsight.assessments.models import Assessment, hash_token
from clearsight.concerns.models import Action, Concern, ExploitationType
from clearsight.core.roles import Role
from clearsight.operations.models import Operation
from clearsight.screening.models import SupplierRisk
from clearsight.training import imports

from .concern_helpers import triaged_concern
from .factories import CaseFactory, NrmRecordFactory, OperationFactory, PersonFactory, SupplierFactory, SupportTaskFactory, TeamFactory, make_user, setup_training
from .spend_helpers import make_spend


def at_noon(day):
    return timezone.make_aware(datetime(day.year, day.month, day.day, 12, 0))


def dated(concern, submitted, referred):
    Concern.objects.filter(pk=concern.pk).update(submitted_at=at_noon(submitted))
    Action.objects.filter(concern=concern, referral__isnull=False).update(status=Action.Status.DONE,
                                                                         done_at=at_noon(referred))
    return concern


def figures_case(org, team, user, *, born=None, source=None, opened, referred=None, rg=None, cg=None, task_on=None):
    person = PersonFactory(organisation=org, date_of_birth=born)
    case = CaseFactory(person=person, organisation=org, team=team, created_by=user, opened_on=opened,
                       source_concern=source.public_id if source else None)
    if referred:
        NrmRecordFactory(case=case, referred_on=referred,
                         rg_decision=rg[0] if rg else "pending", rg_decided_on=rg[1] if rg else None,
                         cg_decision=cg[0] if cg else "pending", cg_decided_on=cg[1] if cg else None)
    if task_on:
        SupportTaskFactory(case=case, phase="immediate", description="Safe accommodation", owner=user,
                           due_on=task_on, created_at=at_noon(task_on))
    return case


def build_board_world(anytown):
    """Concerns, referrals, cases with decisions and support tasks, operations, training and supplier
    assessments with known numbers in the financial year 2025 to 2026."""
    reporter = make_user(anytown, Role.STAFF)
    worker = make_user(anytown, Role.CASEWORKER)
    team = TeamFactory(organisation=anytown, name="Exploitation team")
    labour, sexual = ExploitationType.objects.order_by("position")[:2]

    # Q1: a concern about an adult who consents and a child: two NRM referrals.
    a = dated(triaged_concern(reporter, [("adult", "given"), ("child", "")]), date(2025, 5, 10), date(2025, 5, 20))
    a.exploitation_types.add(labour)
    # Q2: an adult who does not consent: a Duty to Notify report.
    b = dated(triaged_concern(reporter, [("adult", "refused")]), date(2025, 8, 5), date(2025, 8, 6))
    b.exploitation_types.add(sexual)
    # Q4: an adult referred through the concern, then supported: counted once.
    c = dated(triaged_concern(reporter, [("adult", "given")]), date(2026, 1, 1), date(2026, 1, 3))
    figures_case(anytown, team, worker, source=c, opened=date(2026, 1, 3), referred=date(2026, 1, 3),
          rg=("negative", date(2026, 2, 2)), task_on=date(2026, 1, 10))
    # After the period: not counted.
    dated(triaged_concern(reporter, [("adult", "given")]), date(2026, 4, 1), date(2026, 4, 2))
    # Q3: a child referred only on their case; decisions in Q3 and Q4; no support plan.
    figures_case(anytown, team, worker, born=date(2010, 6, 1), opened=date(2025, 10, 15), referred=date(2025, 10, 15),
          rg=("positive", date(2025, 11, 4)), cg=("positive", date(2026, 3, 3)))

    lead = make_user(anytown, Role.PARTNERSHIP_COORDINATOR)
    OperationFactory(name="Operation Matrix", date=date(2026, 3, 3), lead_agency=anytown, created_by=lead,
                     status=Operation.Status.DONE)
    OperationFactory(name="Operation Later", date=date(2026, 5, 3), lead_agency=anytown, created_by=lead,
                     status=Operation.Status.DONE)

    # Training: six staff who must do awareness training; four did it in June 2025.
    setup_training(anytown)
    staff = "Employee number,Name,Job title,Service,Directorate,Manager,Email,Start date,Leave date\n" + "".join(
        f"S{i},Quilla Zedtrainee{i},Housing officer,Housing,Place,,,01/01/2015,\n" for i in range(6))
    assert imports.import_staff(anytown, staff.encode()).ok
    done = "Employee number,Course code,Completion date\n" + "".join(f"S{i},MS-AWARE,01/06/2025\n" for i in range(4))
    assert imports.import_completions(anytown, done.encode()).ok

    # Suppliers: two high-risk suppliers with spend in the period; the bigger one assessed in January.
    for name, amount, assessed in (("Small Car Wash Ltd", 1000, False), ("Big Laundry Ltd", 3000, True)):
        supplier = SupplierFactory(organisation=anytown, name=name)
        SupplierRisk.objects.create(supplier=supplier, organisation=anytown, score=80, tier="high",
                                    screened_at=timezone.now())
        make_spend(anytown, supplier, amount, paid_on=date(2025, 9, 1))
        if assessed:
            Assessment.objects.create(
                organisation=anytown, supplier=supplier, questionnaire="short-2026", recipient_email="s@example.com",
                token_hash=hash_token(uuid.uuid4().hex), status=Assessment.Status.REVIEWED,
                link_expires_at=timezone.now() + timedelta(days=30), completed_on=date(2026, 1, 10))
    return {"org": anytown, "coordinator": lead, "board": make_user(anytown, Role.BOARD_MEMBER)}
