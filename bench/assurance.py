"""Assurance benchmark: board figures, their dashboard and XLSX export, and the Modern Slavery
Statement (assembled, then written as Word and PDF) at a council's volume and at ten times it.

    .venv/bin/python bench/assurance.py                   # SQLite, one and ten times a council's volume
    .venv/bin/python bench/assurance.py --scale 1         # one size
    # PostgreSQL: the script creates (and afterwards drops) clearsight_bench_assurance_<scale>x
    # beside the named database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/assurance.py

One year of a council's volume (scale 1): 300 concerns with their people, triaged through the real
concern services into NRM referrals and Duty to Notify reports; 80 support cases with NRM records,
decisions and support tasks; 10 operations with their victims and interventions. Three financial
years of that (2023 to 2024, 2024 to 2025, 2025 to 2026) are built, because a database in use holds
its history. Besides: 2,000 staff with their training, 500 suppliers with risk tiers, spend and
assessments, and an action plan of 40 actions for 2025 to 2026, reviewed by its owners and closed
through the real closing code into 2026 to 2027 (which carries the continuing ones forward), with a
draft statement that reviews it. Scale 10 multiplies every one of these numbers by ten.

Each scale runs in its own process, with its own freshly migrated database. See bench/README.md.
"""

import argparse
import atexit
import io
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YEARS = (2023, 2024, 2025)  # financial years of history built; the last is the one measured
MEASURED = 2025  # 1 April 2025 to 31 March 2026
RUNS = 5  # each measurement is repeated: the median, the fastest and the median CPU seconds are printed
PER_YEAR = {"concerns": 300, "cases": 80, "operations": 10}
ONCE = {"staff": 2000, "suppliers": 500, "actions": 40}


# ---------------------------------------------------------------- building the data

def _aware(day, hour=11):
    from django.utils import timezone

    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


def _day_in(rng, start_year):
    start = date(start_year, 4, 1)
    return start + timedelta(days=rng.randrange((date(start_year + 1, 4, 1) - start).days))


def _user(organisation, role, email, name, job_title="Officer"):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from clearsight.core.models import Membership, User

    user = User.objects.create_user(email, password=None, full_name=name, job_title=job_title)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    user.bench_device = TOTPDevice.objects.create(user=user, name="Bench app", confirmed=True)
    return user


def build_concerns(rng, council, scale, people):
    """Concerns submitted and triaged through the real services, then dated back to when they were
    reported; every NRM referral and Duty to Notify report is submitted a few days later."""
    from clearsight.concerns import services
    from clearsight.concerns.models import Action, Concern, ConcernPerson, ExploitationType, StatutoryReferral, Triage

    types = list(ExploitationType.objects.order_by("position"))
    services.ensure_route_settings(council)
    made = []
    for year in YEARS:
        for _ in range(PER_YEAR["concerns"] * scale):
            submitted = _day_in(rng, year)
            concern = Concern.objects.create(
                reporter=rng.choice(people["staff"]), reporter_organisation=council,
                what_happened="Workers seen being collected by van before dawn and returned late at night.",
                premises_type=rng.choice([p for p, _ in Concern.Premises.choices]), immediate_danger="no")
            count = rng.choices([1, 2, 3], weights=[70, 20, 10])[0]
            persons = []
            for position in range(1, count + 1):
                age = rng.choices(["adult", "child", "unknown"], weights=[72, 22, 6])[0]
                persons.append(ConcernPerson.objects.create(concern=concern, position=position, age_group=age))
            concern.exploitation_types.set(rng.sample(types, rng.choice([1, 1, 1, 2])))
            services.submit(concern)
            outcome = rng.choices([Triage.Outcome.POTENTIAL_VICTIMS, Triage.Outcome.NOT_MODERN_SLAVERY,
                                   Triage.Outcome.MORE_INFORMATION], weights=[65, 25, 10])[0]
            facts = {}
            for p in persons:
                age = p.age_group if p.age_group != "unknown" or rng.random() < 0.5 else "adult"
                consent = "" if age == "child" else rng.choices(["given", "refused"], weights=[60, 40])[0]
                facts[p] = (age, consent, rng.random() < 0.2, True)
            services.triage(concern, rng.choice(people["responders"]), outcome=outcome, reasoning="Indicators present.",
                            immediate_danger=False, supplier_involved=rng.random() < 0.1, people_facts=facts)
            at = _aware(submitted)
            Concern.objects.filter(pk=concern.pk).update(created_at=at, submitted_at=at)
            Triage.objects.filter(concern=concern).update(triaged_at=at + timedelta(hours=3))
            if outcome == Triage.Outcome.POTENTIAL_VICTIMS:
                sent = submitted + timedelta(days=rng.randrange(0, 4))
                Action.objects.filter(concern=concern).update(status=Action.Status.DONE, done_at=_aware(sent, 15),
                                                              due_at=_aware(submitted + timedelta(days=2)))
                StatutoryReferral.objects.filter(action__concern=concern).update(
                    status=StatutoryReferral.Status.SUBMITTED, submitted_on=sent)
                services.refresh_status(concern)
            made.append((concern, submitted, outcome, persons))
    return made


def build_cases(rng, council, scale, people, concerns):
    """Support cases with an NRM record each: three in five opened from a concern whose person was
    referred, the rest referred on the case itself; decisions, withdrawals and support tasks."""
    from clearsight.cases.models import Case, NrmRecord, Person, SupportTask
    from clearsight.concerns.models import StatutoryReferral
    from clearsight.core.models import Team

    team = Team.objects.create(organisation=council, name="Modern slavery team")
    referred = {}  # financial year -> (concern, day) of each NRM referral submitted through a concern
    for row in StatutoryReferral.objects.filter(status="submitted", kind="nrm").values(
            "action__concern__public_id", "submitted_on"):
        on = row["submitted_on"]
        referred.setdefault(on.year if on.month >= 4 else on.year - 1, []).append(
            (row["action__concern__public_id"], on))
    today = date(2026, 11, 23)
    tasks, records = [], []
    for year in YEARS:
        from_concerns = rng.sample(referred.get(year, []), min(len(referred.get(year, [])),
                                                               PER_YEAR["cases"] * scale * 3 // 5))
        for n in range(PER_YEAR["cases"] * scale):
            if n < len(from_concerns):
                source, referred_on = from_concerns[n]
                opened = referred_on + timedelta(days=rng.randrange(0, 10))
                born = date(rng.randrange(1965, 2005), rng.randrange(1, 13), 1)
            else:
                source, opened = None, _day_in(rng, year)
                referred_on = opened + timedelta(days=rng.randrange(0, 15))
                born = date(rng.randrange(1965, 2014), rng.randrange(1, 13), 1)
            person = Person.objects.create(organisation=council, date_of_birth=born)
            closed = opened + timedelta(days=rng.randrange(90, 500)) if rng.random() < 0.6 else None
            closed = closed if closed and closed < today else None
            case = Case.objects.create(person=person, organisation=council, team=team, created_by=people["workers"][0],
                                       opened_on=opened, closed_on=closed, source_concern=source,
                                       status=Case.Status.CLOSED if closed else Case.Status.ACTIVE)
            rg = ("pending", None)
            if rng.random() < 0.9:
                rg = (rng.choices(["positive", "negative"], weights=[85, 15])[0],
                      referred_on + timedelta(days=rng.randrange(5, 90)))
            cg = ("pending", None)
            if rg[0] == "positive" and rng.random() < 0.6:
                cg = (rng.choices(["positive", "negative"], weights=[80, 20])[0],
                      rg[1] + timedelta(days=rng.randrange(120, 560)))
            withdrawn = referred_on + timedelta(days=rng.randrange(30, 200)) if rng.random() < 0.04 else None
            records.append(NrmRecord(case=case, referred_on=referred_on, rg_decision=rg[0], rg_decided_on=rg[1],
                                     cg_decision=cg[0] if not cg[1] or cg[1] < today else "pending",
                                     cg_decided_on=cg[1] if cg[1] and cg[1] < today else None, withdrawn_on=withdrawn))
            if rng.random() < 0.8:
                for _ in range(rng.randrange(2, 7)):
                    made = opened + timedelta(days=rng.randrange(0, 30))
                    tasks.append(SupportTask(case=case, phase=rng.choice(["immediate", "short", "long"]),
                                             description="Arrange safe accommodation and a GP registration",
                                             owner=rng.choice(people["workers"]), due_on=made + timedelta(days=14),
                                             status=rng.choice(["to_do", "done"]), created_at=_aware(made)))
    NrmRecord.objects.bulk_create(records, batch_size=500)
    SupportTask.objects.bulk_create(tasks, batch_size=500)


def build_operations(rng, council, police, scale, people, concerns):
    from clearsight.concerns.models import ExploitationType
    from clearsight.operations.models import Intervention, Operation, OperationVictim

    types = list(ExploitationType.objects.order_by("position"))
    kinds = [k for k, _ in Intervention.Kind.choices]
    people_by_year = {}
    for _concern, submitted, outcome, persons in concerns:
        if outcome == "potential_victims":
            people_by_year.setdefault(submitted.year if submitted.month >= 4 else submitted.year - 1, []).extend(
                (submitted, p) for p in persons)
    for year in YEARS:
        pool = people_by_year.get(year, [])
        for n in range(PER_YEAR["operations"] * scale):
            day = _day_in(rng, year)
            operation = Operation.objects.create(
                name=f"Operation {year}-{n}", date=day, lead_agency=rng.choice([council, police]),
                created_by=people["coordinator"], status=Operation.Status.DONE,
                arrests_modern_slavery=rng.randrange(0, 3), arrests_immigration=rng.randrange(0, 4),
                closures=rng.randrange(0, 2), intelligence_reports=rng.randrange(0, 6),
                outcomes_recorded_at=_aware(day + timedelta(days=3)))
            operation.participating_agencies.set([council, police])
            operation.exploitation_types.set(rng.sample(types, 2))
            for _ in range(rng.randrange(2, 5)):
                Intervention.objects.create(operation=operation, agency=rng.choice([council, police]),
                                            kind=rng.choice(kinds), count=rng.randrange(1, 4))
            for _, person in rng.sample(pool, min(len(pool), rng.randrange(0, 4))):
                OperationVictim.objects.get_or_create(operation=operation, concern_person=person,
                                                      defaults={"added_by": people["coordinator"]})


def build_training(rng, council, scale):
    """Staff and completions through the real CSV imports, as a council's HR and learning systems send them."""
    from clearsight.training import imports
    from clearsight.training.models import Cohort, CohortRequirement, TrainingLevel

    aware = TrainingLevel.objects.create(organisation=council, code="MS-AWARE", name="Modern slavery awareness")
    ethical = TrainingLevel.objects.create(organisation=council, code="ETH-PROC", name="Ethical procurement")
    everyone = Cohort.objects.create(organisation=council, name="All staff", everyone=True)
    buyers = Cohort.objects.create(organisation=council, name="Procurement staff", job_title_words="procurement\nbuyer",
                                   services="Procurement")
    CohortRequirement.objects.create(cohort=everyone, level=aware, refresh_months=36)
    CohortRequirement.objects.create(cohort=buyers, level=ethical, refresh_months=12)
    services = [("Housing", "Place"), ("Adult social care", "People"), ("Children's services", "People"),
                ("Licensing", "Place"), ("Procurement", "Resources"), ("Waste", "Place"), ("Finance", "Resources")]
    staff = ["Employee number,Name,Job title,Service,Directorate,Manager,Email,Start date,Leave date"]
    done = ["Employee number,Course code,Completion date"]
    for i in range(ONCE["staff"] * scale):
        service, directorate = rng.choice(services)
        title = "Procurement officer" if service == "Procurement" else "Officer"
        started = date(rng.randrange(2000, 2026), rng.randrange(1, 13), 1)
        left = (started + timedelta(days=rng.randrange(200, 4000))).strftime("%d/%m/%Y") if rng.random() < 0.1 else ""
        staff.append(f"E{i:06d},Staff Member {i},{title},{service},{directorate},,,{started:%d/%m/%Y},{left}")
        if rng.random() < 0.85:
            done.append(f"E{i:06d},MS-AWARE,{date(2023, 1, 1) + timedelta(days=rng.randrange(1300)):%d/%m/%Y}")
        if service == "Procurement" and rng.random() < 0.8:
            done.append(f"E{i:06d},ETH-PROC,{date(2025, 1, 1) + timedelta(days=rng.randrange(600)):%d/%m/%Y}")
    assert imports.import_staff(council, "\n".join(staff).encode()).ok
    assert imports.import_completions(council, "\n".join(done).encode()).ok


def build_suppliers(rng, council, scale):
    """Suppliers with their screened risk, ten spend lines each over the three years, and a
    completed assessment for most of the high-risk ones."""
    from django.utils import timezone

    from clearsight.assessments.models import Assessment, hash_token
    from clearsight.screening.models import SupplierRisk
    from clearsight.spend.models import SpendImport, SpendLine
    from clearsight.supply.models import Supplier

    suppliers = Supplier.objects.bulk_create(
        [Supplier(organisation=council, name=f"Bench Supplier {i} Ltd") for i in range(ONCE["suppliers"] * scale)],
        batch_size=500)
    suppliers = list(Supplier.objects.filter(organisation=council).order_by("pk"))
    risks, lines, assessments = [], [], []
    imports = {year: SpendImport.objects.create(organisation=council, publisher="Bench", file_name=f"spend-{year}.csv",
                                                file_sha256=f"bench-{year}", status=SpendImport.Status.IMPORTED)
               for year in YEARS}
    row = 2
    for supplier in suppliers:
        tier = rng.choices(["low", "medium", "high", "very_high"], weights=[50, 30, 15, 5])[0]
        score = {"low": 5, "medium": 25, "high": 45, "very_high": 70}[tier] + rng.randrange(0, 10)
        risks.append(SupplierRisk(supplier=supplier, organisation=council, score=score, tier=tier,
                                  screened_at=timezone.now()))
        for _ in range(10):
            year = rng.choice(YEARS)
            lines.append(SpendLine(organisation=council, spend_import=imports[year], source_row=row,
                                   payee_name=supplier.name, supplier=supplier,
                                   amount=Decimal(rng.randrange(500, 60000)), paid_on=_day_in(rng, year),
                                   category="Cleaning", service_area="Facilities"))
            row += 1
        if tier in ("high", "very_high") and rng.random() < 0.6:
            assessments.append(Assessment(
                organisation=council, supplier=supplier, questionnaire="short-2026", recipient_email="s@example.com",
                token_hash=hash_token(uuid.uuid4().hex), status=Assessment.Status.REVIEWED,
                link_expires_at=timezone.now() + timedelta(days=30),
                completed_on=date(2025, 4, 1) + timedelta(days=rng.randrange(360))))
    SupplierRisk.objects.bulk_create(risks, batch_size=500)
    SpendLine.objects.bulk_create(lines, batch_size=1000)
    Assessment.objects.bulk_create(assessments, batch_size=500)
    for spend_import in imports.values():
        SpendImport.objects.filter(pk=spend_import.pk).update(line_count=spend_import.lines.count())


def build_plan_and_statement(rng, council, scale, people):
    """2025/26's plan: actions across the five responsibilities, with progress updates and every
    owner's year-end response; closed through the real code into 2026/27, which gets new actions too;
    then a draft statement for 2026/27 that reviews 2025/26."""
    from clearsight.actionplan import services as plans
    from clearsight.actionplan.models import Framework, PlanAction, PlanYear, ProgressUpdate, ReviewResponse
    from clearsight.concerns.services import ensure_route_settings
    from clearsight.statements import rules
    from clearsight.statements import services as statements
    from clearsight.statements.models import Section, Signatory

    framework = Framework.objects.get(code="five-responsibilities")
    areas = list(framework.areas.all())
    owner = people["statement"]
    plan = plans.create_plan(council, owner, title="2025/26", starts_on=date(2025, 4, 1), ends_on=date(2026, 3, 31),
                             framework=framework)
    owners = people["owners"]
    for n in range(ONCE["actions"] * scale):
        who = owners[n % len(owners)]
        action = plans.add_action(plan, owner, {
            "title": f"Action {n + 1}: strengthen how we find and respond to exploitation",
            "description": "Work with partners to train frontline staff, check high-risk contracts and agree how "
                           "potential victims are referred and supported, reporting progress each quarter.",
            "area": areas[n % len(areas)], "owner": who, "owner_organisation": who.primary_organisation,
            "due_on": date(2025, 6, 30) + timedelta(days=rng.randrange(280))})
        for k in range(rng.randrange(1, 4)):
            ProgressUpdate.objects.create(action=action, written_on=date(2025, 6, 1) + timedelta(days=90 * k),
                                          status="in_progress", text="Workshops held; the next step is agreed.",
                                          author=who)
        done, continues = rng.random() < 0.7, rng.random() < 0.4
        PlanAction.objects.filter(pk=action.pk).update(status="done" if done else "in_progress")
        ReviewResponse.objects.create(
            action=action, done=done, continues=continues, responded_by=who,
            undertaken="Training sessions reached every team named; the referral pathway was agreed and tested "
                       "twice, and the lessons were reported to the partnership.",
            next_year_description="Extend the work to the remaining services and test it again." if continues else "")
    PlanYear.objects.filter(pk=plan.pk).update(status=PlanYear.Status.IN_REVIEW, review_opened_by=owner,
                                               review_opened_at=_aware(date(2026, 4, 1)),
                                               review_due_on=date(2026, 4, 24))
    plan.refresh_from_db()
    new = plans.close_year(plan, owner, title="2026/27", starts_on=date(2026, 4, 1), ends_on=date(2027, 3, 31))
    for n in range(ONCE["actions"] * scale // 2):
        who = owners[n % len(owners)]
        plans.add_action(new, owner, {
            "title": f"New action {n + 1}", "description": "Screen the spend data each quarter for high-risk "
                                                           "suppliers not yet assessed, and follow them up.",
            "area": areas[n % len(areas)], "owner": who, "owner_organisation": who.primary_organisation,
            "due_on": date(2027, 3, 31)})

    ensure_route_settings(council)
    statement = statements.create_statement(
        organisation=council, title="Bench Council Modern Slavery Statement 2026/27", plan=new, reviewed_plan=plan,
        user=owner, **rules.default_periods(new, plan))
    text = ("Modern slavery means people being exploited for someone else's gain. This statement says what the "
            "council did last year and what it will do next.\n\n- the services we run\n- the things we buy\n"
            "- our work with partners\n\nWe review it every year with every action owner.")
    Section.objects.filter(statement=statement).update(text=text, completed=True)
    Signatory.objects.create(statement=statement, name="Council Leader", role="Leader of the council", position=0)
    Signatory.objects.create(statement=statement, name="Chief Executive", role="Chief Executive", position=1)
    return statement


def build(scale: int, seed: int = 8):
    from django.db import transaction

    from clearsight.core.models import Organisation
    from clearsight.core.roles import Role

    rng = random.Random(seed)
    stages = {}
    with transaction.atomic():
        council = Organisation.objects.create(name="Bench Council", kind="council", is_first_responder=True)
        police = Organisation.objects.create(name="Bench Police", kind="police")
        partner = Organisation.objects.create(name="Bench Procurement Service", kind="procurement")
        people = {
            "staff": [_user(council, Role.STAFF, f"staff{i}@bench.example", f"Staff {i}") for i in range(20)],
            "responders": [_user(council, Role.FIRST_RESPONDER, f"fr{i}@bench.example", f"Responder {i}")
                           for i in range(4)],
            "workers": [_user(council, Role.CASEWORKER, f"cw{i}@bench.example", f"Caseworker {i}") for i in range(4)],
            "coordinator": _user(council, Role.PARTNERSHIP_COORDINATOR, "coordinator@bench.example", "Coordinator"),
            "statement": _user(council, Role.STATEMENT_OWNER, "statement@bench.example", "Statement Owner"),
            "board": _user(council, Role.BOARD_MEMBER, "board@bench.example", "Board Member"),
        }
        people["owners"] = [_user(council if i % 4 else partner, Role.STAFF, f"owner{i}@bench.example", f"Owner {i}")
                            for i in range(8)]
    for name, step in (
            ("concerns", lambda: build_concerns(rng, council, scale, people)),
            ("cases", lambda: build_cases(rng, council, scale, people, people["concerns"])),
            ("operations", lambda: build_operations(rng, council, police, scale, people, people["concerns"])),
            ("training", lambda: build_training(rng, council, scale)),
            ("suppliers", lambda: build_suppliers(rng, council, scale)),
            ("plan and statement", lambda: build_plan_and_statement(rng, council, scale, people))):
        started = time.perf_counter()
        with transaction.atomic():
            result = step()
        if name == "concerns":
            people["concerns"] = result
        if name == "plan and statement":
            people["statement_record"] = result
        stages[name] = time.perf_counter() - started
    return council, people, stages


def counts():
    from clearsight.actionplan.models import PlanAction
    from clearsight.assessments.models import Assessment
    from clearsight.cases.models import Case, NrmRecord, SupportTask
    from clearsight.concerns.models import Concern, ConcernPerson, StatutoryReferral
    from clearsight.operations.models import Operation
    from clearsight.spend.models import SpendLine
    from clearsight.supply.models import Supplier
    from clearsight.training.models import Completion, StaffMember

    reason = "benchmark row counts"
    return {
        "concerns": Concern.objects.unscoped(reason).count(), "people in concerns": ConcernPerson.objects.count(),
        "referrals submitted": StatutoryReferral.objects.unscoped(reason).filter(status="submitted").count(),
        "cases": Case.objects.unscoped(reason).count(), "NRM records": NrmRecord.objects.count(),
        "support tasks": SupportTask.objects.count(), "operations": Operation.objects.unscoped(reason).count(),
        "staff": StaffMember.objects.unscoped(reason).count(), "completions": Completion.objects.count(),
        "suppliers": Supplier.objects.unscoped(reason).count(), "spend lines": SpendLine.objects.count(),
        "assessments": Assessment.objects.unscoped(reason).count(),
        "plan actions": PlanAction.objects.unscoped(reason).count(),
    }


# ---------------------------------------------------------------- measuring

def timed(work, runs=RUNS):
    """(median seconds, fastest, queries of the last run, last result, median CPU seconds of this
    process: on PostgreSQL the server's own work is not in it)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    seconds, cpu = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started, cpu_started = time.perf_counter(), time.process_time()
            result = work()
            seconds.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
    return statistics.median(seconds), min(seconds), len(captured), result, statistics.median(cpu)


def run_child(scale: int) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearsight.settings")
    # A key of its own: the settings refuse to load without one outside development.
    import secrets

    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    # As the tests do: static files under their plain names, without a fresh collectstatic.
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.PRIVATE_FILES_ROOT = Path(tempfile.mkdtemp(prefix="assurance-bench-private-"))
    atexit.register(shutil.rmtree, settings.PRIVATE_FILES_ROOT, ignore_errors=True)
    setup_test_environment()
    call_command("migrate", verbosity=0)

    from django.test import Client
    from django.urls import reverse
    from django_otp import DEVICE_ID_SESSION_KEY
    from pypdf import PdfReader

    from clearsight.board import figures as fig
    from clearsight.core.dates import FinancialYear
    from clearsight.statements import assemble as assembly
    from clearsight.statements import exports

    started = time.perf_counter()
    council, people, stages = build(scale)
    built = time.perf_counter() - started
    start, end = FinancialYear(MEASURED).starts, FinancialYear(MEASURED).ends
    today = date.today()
    orgs = {council.pk}
    result = {"scale": scale, "database": connection.vendor, "built": built, "build_stages": stages, "rows": counts()}

    # 1. The figures themselves, and each loader's share of them.
    median, fastest, queries, table_set, cpu = timed(
        lambda: fig.tables(fig.board_figures(orgs, start, end, today), restricted=True))
    result["figures"] = {"seconds": median, "fastest": fastest, "cpu": cpu, "queries": queries,
                         "concerns in period": table_set["summary"][2][0][1]}
    organisations = [council]
    on = fig.as_at(end, today)
    loaders = {
        "concerns": lambda: fig._load_concerns(orgs, start, end),
        "referrals": lambda: fig._load_referrals(orgs),
        "NRM decisions": lambda: fig._load_nrm(orgs),
        "support": lambda: fig._load_support(orgs, end),
        "operations": lambda: fig._load_operations(orgs, start, end),
        "training": lambda: fig._load_training(organisations, on),
        "suppliers": lambda: fig._load_suppliers(organisations, start, end, on),
        "action plan": lambda: fig._load_plans(organisations, on),
    }
    breakdown = {}
    for name, load in loaders.items():
        median, _, queries, rows, cpu = timed(load)
        breakdown[name] = {"seconds": median, "cpu": cpu, "queries": queries,
                           "rows": len(rows) if name in ("concerns", "referrals", "NRM decisions", "support") else None}
    bf = fig.board_figures(orgs, start, end, today)
    median, _, _, _, cpu = timed(lambda: fig.tables(bf, restricted=True))
    breakdown["tables (no database)"] = {"seconds": median, "cpu": cpu, "queries": 0, "rows": None}
    result["breakdown"] = breakdown

    # 2. The pages, through the test client, as a board member.
    client = Client()
    board = people["board"]
    client.force_login(board)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = board.bench_device.persistent_id
    session.save()
    pages = {}
    for name, url in (("dashboard", reverse("board:dashboard")), ("board report", reverse("board:report")),
                      ("XLSX export", reverse("board:export-xlsx"))):
        def get(url=url):
            response = client.get(url, {"period": f"fy-{MEASURED}"})
            assert response.status_code == 200, (url, response.status_code)
            return response
        median, fastest, queries, response, cpu = timed(get)
        pages[name] = {"seconds": median, "fastest": fastest, "cpu": cpu, "queries": queries,
                       "bytes": len(response.content)}
    result["pages"] = pages

    # 3. The statement: assembled from the data, then written as Word and PDF.
    statement = people["statement_record"]
    median, fastest, queries, document, cpu = timed(lambda: assembly.assemble(statement, today=today))
    tables = [b for b in document["blocks"] if b["type"] == "table"]
    result["assemble"] = {"seconds": median, "fastest": fastest, "cpu": cpu, "queries": queries,
                          "blocks": len(document["blocks"]),
                          "table rows": sum(len(t["rows"]) for t in tables)}
    median, fastest, _, docx, cpu = timed(lambda: exports.to_docx(document))
    result["docx"] = {"seconds": median, "fastest": fastest, "cpu": cpu, "bytes": len(docx)}
    median, fastest, _, pdf, cpu = timed(lambda: exports.to_pdf(document))
    result["pdf"] = {"seconds": median, "fastest": fastest, "cpu": cpu, "bytes": len(pdf),
                     "pages": len(PdfReader(io.BytesIO(pdf)).pages)}
    return result


# ---------------------------------------------------------------- driver

def _fresh_database(scale: int):
    """The environment for a child with a database of its own, and how to remove it afterwards."""
    env = dict(os.environ)
    url = env.get("DATABASE_URL")
    if url:
        import psycopg

        base, _, _name = url.rpartition("/")
        name = f"clearsight_bench_assurance_{scale}x"

        def admin(sql):
            with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
                connection.execute(sql)

        admin(f'drop database if exists "{name}"')
        admin(f'create database "{name}"')
        env["DATABASE_URL"] = f"{base}/{name}"
        return env, lambda: admin(f'drop database if exists "{name}"')
    folder = Path(tempfile.mkdtemp(prefix="assurance-bench-"))
    env["SQLITE_PATH"] = str(folder / "bench.sqlite3")
    return env, lambda: shutil.rmtree(folder, ignore_errors=True)


def measure(scale: int) -> dict:
    env, remove = _fresh_database(scale)
    try:
        result = subprocess.run([sys.executable, __file__, "--child", str(scale)], env=env, capture_output=True,
                                text=True, check=False)
    finally:
        remove()
    if result.returncode != 0:
        raise SystemExit(f"scale {scale} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _s(entry):
    return f"{entry['seconds']:6.3f} s (fastest {entry['fastest']:.3f}, CPU {entry['cpu']:.3f})"


def report(r):
    print(f"\nScale {r['scale']} on {r['database']}: built in {r['built']:.0f} s ("
          + ", ".join(f"{k} {v:.0f} s" for k, v in r["build_stages"].items()) + ")")
    print("  rows: " + ", ".join(f"{k} {v:,}" for k, v in r["rows"].items()))
    f = r["figures"]
    print(f"  board_figures + tables(restricted) for 1 April {MEASURED} to 31 March {MEASURED + 1}: {_s(f)}, "
          f"{f['queries']} queries ({f['concerns in period']} concerns in the period)")
    for name, b in r["breakdown"].items():
        rows = f", {b['rows']:,} records read" if b["rows"] is not None else ""
        print(f"      {name:22} {b['seconds']:6.3f} s (CPU {b['cpu']:.3f}), {b['queries']:2} queries{rows}")
    for name, p in r["pages"].items():
        print(f"  {name:40} {_s(p)}, {p['queries']} queries, {p['bytes'] / 1024:,.0f} KB")
    a = r["assemble"]
    print(f"  {'statement assemble()':40} {_s(a)}, {a['queries']} queries, {a['blocks']} blocks, "
          f"{a['table rows']:,} table rows")
    print(f"  {'to_docx':40} {_s(r['docx'])}, {r['docx']['bytes'] / 1024:,.0f} KB")
    print(f"  {'to_pdf':40} {_s(r['pdf'])}, {r['pdf']['bytes'] / 1024:,.0f} KB, {r['pdf']['pages']} pages")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, action="append", help="multiple of a council's volume (default 1 and 10)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_child(args.child)))
        return
    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(f"Assurance benchmark ({database}; {os.cpu_count()} cores, load average {load} at the start; "
          f"seconds are the median of {RUNS} runs, with the fastest run and this process's CPU seconds)")
    for scale in args.scale or [1, 10]:
        report(measure(scale))


if __name__ == "__main__":
    main()
