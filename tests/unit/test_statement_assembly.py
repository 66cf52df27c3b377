"""The statement builder's rules: how text becomes paragraphs and lists, how dates and figures read,
which plans and periods make sense, what the task list says, and how the document is put together
(review grouped by area, carried-forward activity marked, live reporting routes, credited indicators)."""

from datetime import date, datetime, UTC

import pytest

from clearsight.actionplan.models import PlanYear
from clearsight.concerns.models import RouteSetting
from clearsight.core.roles import Role
from clearsight.statements import assemble, rules, services
from clearsight.statements.models import Section, Statement

from ..factories import PlanYearFactory, RouteSettingFactory
from ..integration.matrix_statements import complete_tasks, make_plans, make_statement


def test_text_becomes_paragraphs_and_bulleted_lists():
    text = "First paragraph\ncontinues here.\n\nWe will:\n- train staff\n* check contracts\n\n\nLast one."
    assert assemble.text_blocks(text) == [
        {"type": "paragraph", "text": "First paragraph continues here."},
        {"type": "paragraph", "text": "We will:"},
        {"type": "bullets", "items": ["train staff", "check contracts"]},
        {"type": "paragraph", "text": "Last one."},
    ]
    assert assemble.text_blocks("   \n\n ") == []


def test_dates_periods_and_numbers_read_as_gov_uk_writes_them():
    assert assemble.period("2025-04-01", "2026-03-31") == "1 April 2025 to 31 March 2026"  # as a stored version holds them
    assert assemble.period(date(2025, 4, 1), date(2026, 3, 31)) == "1 April 2025 to 31 March 2026"
    assert assemble.period(date(2026, 3, 31), date(2026, 3, 31)) == "On 31 March 2026"
    assert assemble.number(12345) == "12,345"
    assert assemble.number("fewer than 5") == "fewer than 5"
    assert assemble.number("75%") == "75%"


def test_period_rules():
    today = date(2026, 11, 23)
    assert rules.period_errors(date(2026, 4, 1), date(2027, 3, 31), date(2025, 4, 1), date(2026, 3, 31), today) == {}
    assert "covers_to" in rules.period_errors(date(2026, 4, 1), date(2026, 4, 1), date(2025, 4, 1), date(2026, 3, 31), today)
    assert "figures_to" in rules.period_errors(date(2026, 4, 1), date(2027, 3, 31), date(2026, 4, 1), date(2025, 4, 1), today)
    assert "figures_from" in rules.period_errors(date(2026, 4, 1), date(2027, 3, 31), date(2027, 1, 1), date(2027, 3, 1), today)


@pytest.mark.django_db
def test_plan_rules(anytown, bexford, user_with):
    owner = user_with(Role.STATEMENT_OWNER)
    reviewed, plan = make_plans(anytown, owner)
    assert rules.plan_errors(plan, reviewed) == {}
    assert rules.plan_errors(plan, None) == {}
    assert "different year" in rules.plan_errors(plan, plan)["reviewed_plan"]
    assert "before 2025/26" in rules.plan_errors(reviewed, plan)["reviewed_plan"]
    PlanYear.objects.filter(pk=reviewed.pk).update(status=PlanYear.Status.OPEN)
    reviewed.refresh_from_db()
    assert "review has not been opened" in rules.plan_errors(plan, reviewed)["reviewed_plan"]
    other = PlanYearFactory(organisation=bexford, title="2025/26", starts_on=date(2025, 4, 1),
                            ends_on=date(2026, 3, 31), framework=plan.framework, status=PlanYear.Status.CLOSED)
    assert "same organisation" in rules.plan_errors(plan, other)["reviewed_plan"]
    assert rules.default_periods(plan, reviewed) == {"covers_from": date(2026, 4, 1), "covers_to": date(2027, 3, 31),
                                                     "figures_from": date(2025, 4, 1), "figures_to": date(2026, 3, 31)}
    assert rules.default_title(anytown, plan) == "Anytown Council Modern Slavery Statement 2026/27"


@pytest.mark.django_db
def test_new_statement_starts_responsibilities_from_the_five_areas(anytown, user_with):
    statement = services.create_statement(
        organisation=anytown, title="S", plan=make_plans(anytown, user_with(Role.STATEMENT_OWNER))[1], reviewed_plan=None,
        covers_from=date(2026, 4, 1), covers_to=date(2027, 3, 31), figures_from=date(2025, 4, 1),
        figures_to=date(2026, 3, 31), user=user_with(Role.STATEMENT_OWNER))
    keys = [s.key for s in statement.sections.all()]
    assert keys == ["introduction", "responsibilities", "review-process", "services"]
    text = statement.sections.get(key="responsibilities").text
    for area in ("Defining and outlining risk", "Prevention", "Detection", "Response", "Evaluation"):
        assert f"- {area}" in text
    blocks = assemble.text_blocks(text)
    assert blocks[1]["type"] == "bullets" and len(blocks[1]["items"]) == 5


@pytest.mark.django_db
def test_task_statuses(anytown, user_with):
    statement = make_statement(anytown, user_with(Role.STATEMENT_OWNER))
    section = statement.sections.get(key="introduction")
    assert rules.section_status(Section(text="")) == rules.NOT_STARTED
    assert rules.section_status(section) == rules.IN_PROGRESS  # text, not yet marked complete
    section.completed = True
    assert rules.section_status(section) == rules.COMPLETED
    status, hint = rules.review_status(statement.reviewed_plan)
    assert status == rules.IN_PROGRESS and hint == "3 of 4 action owners have said what was done in 2025/26"
    assert rules.proposed_status(statement.plan) == (rules.COMPLETED, "3 actions in the 2026/27 action plan")
    assert rules.next_custom_key(statement) == "custom-1"
    Section.objects.create(statement=statement, key="custom-4", kind="custom", title="Partners")
    assert rules.next_custom_key(statement) == "custom-5"


@pytest.mark.django_db
def test_approval_needs_every_section_and_a_signatory(anytown, user_with):
    owner = user_with(Role.STATEMENT_OWNER)
    statement = make_statement(anytown, owner)
    complete_tasks(statement, owner)
    assert rules.can_approve(statement) == []
    statement.sections.filter(key="services").update(text=" ")  # still ticked as completed
    statement.signatories.all().delete()
    assert rules.can_approve(statement) == ["Add the people who sign the statement off",
                                            "Write the ‘The council’s services’ section"]


@pytest.mark.django_db
def test_document_order_review_grouping_and_carried_forward(anytown, user_with):
    statement = make_statement(anytown, user_with(Role.STATEMENT_OWNER))
    document = assemble.assemble(statement)
    assert assemble.headings(document, 2) == [
        "Introduction and scope", "Modern slavery in our area: the figures", "Responsibilities",
        "Review of activity set out in the 2025/26 statement", "Activity proposed for 2026/27", "Review process",
        "Sign-off", "Appendix 1: Indicators of modern slavery", "Appendix 2: How to report a concern",
        "Appendix 3: Anytown Council services"]
    blocks = document["blocks"]
    review_start = blocks.index(assemble.heading("Review of activity set out in the 2025/26 statement"))
    proposed_start = blocks.index(assemble.heading("Activity proposed for 2026/27"))
    review_areas = [b["text"] for b in blocks[review_start:proposed_start] if b["type"] == "heading" and b["level"] == 3]
    assert review_areas == ["Defining and outlining risk", "Prevention", "Detection", "Response"]
    proposed = [b for b in blocks[proposed_start:] if b["type"] == "table" and b["headers"][1] == "New or carried forward"]
    assert [(t["caption"], t["rows"]) for t in proposed] == [
        ("Prevention", [["Train the remaining ten procurement officers", "Carried forward from 2025/26"]]),
        ("Detection", [["Check the next twenty highest-risk contracts", "Carried forward from 2025/26"]]),
        ("Evaluation", [["Review every referral made this year with partners", "New"]]),
    ]
    assert document["language"] == "en-GB" and document["status"] == "draft"


@pytest.mark.django_db
def test_review_names_the_previous_approved_statement(anytown, user_with):
    owner = user_with(Role.STATEMENT_OWNER)
    reviewed, plan = make_plans(anytown, owner)
    older = Statement.objects.create(organisation=anytown, title="Anytown Statement 2025", plan=reviewed,
                                     covers_from=date(2025, 4, 1), covers_to=date(2026, 3, 31),
                                     figures_from=date(2024, 4, 1), figures_to=date(2025, 3, 31), created_by=owner,
                                     status=Statement.Status.APPROVED, approved_on=date(2025, 6, 1),
                                     approved_at=datetime(2025, 6, 1, tzinfo=UTC))
    statement = make_statement(anytown, owner, plans=(reviewed, plan))
    table = next(b for b in assemble.review_blocks(statement) if b["type"] == "table")
    assert table["headers"] == [f"Activity proposed in the {older.title}", "Activity undertaken since 1 April 2025"]


@pytest.mark.django_db
def test_first_statement_has_nothing_to_review(anytown, user_with):
    owner = user_with(Role.STATEMENT_OWNER)
    statement = make_statement(anytown, owner)
    statement.reviewed_plan = None
    assert assemble.review_blocks(statement) == [
        assemble.heading("Review of last year’s activity"),
        assemble.paragraph("This is the first statement, so there is no earlier activity to review.")]


@pytest.mark.django_db
def test_reporting_routes_are_read_live_and_only_available_ones(anytown, user_with):
    statement = make_statement(anytown, user_with(Role.STATEMENT_OWNER))
    RouteSettingFactory(organisation=anytown, kind="adult_safeguarding", title="Adult social care front door",
                        contact_email="adults@anytown.example", contact_web_form="https://anytown.example/adults")
    RouteSettingFactory(organisation=anytown, kind="police", title="Anytown Police", contact_phone="101")
    RouteSettingFactory(organisation=anytown, kind="ictg_referral", title="Child guardians", available=False)
    blocks = assemble.route_blocks(statement)
    titles = [b["text"] for b in blocks if b["type"] == "heading" and b["level"] == 3]
    assert titles == ["Anytown Police", "Adult social care front door"]  # the routing's own order: police first
    assert {"type": "bullets", "items": ["Email: adults@anytown.example", "Online form: https://anytown.example/adults"]} in blocks
    RouteSetting.objects.filter(title="Anytown Police").update(contact_phone="01234 567890")
    assert {"type": "bullets", "items": ["Phone: 01234 567890"]} in assemble.route_blocks(statement)


@pytest.mark.django_db
def test_indicators_appendix_credits_its_source():
    from clearsight.concerns.models import Indicator

    blocks = assemble.indicator_blocks()
    source = Indicator.objects.first().source
    assert blocks[-1]["type"] == "paragraph" and source in blocks[-1]["text"]
    listed = [i for b in blocks if b["type"] == "bullets" for i in b["items"]]
    assert len(listed) == Indicator.objects.count()


@pytest.mark.django_db
def test_saved_version_keeps_the_document_and_numbers_follow(anytown, user_with):
    owner = user_with(Role.STATEMENT_OWNER)
    statement = make_statement(anytown, owner)
    first = services.save_version(statement, owner, note="One")
    statement.sections.filter(key="introduction").update(text="New words")
    second = services.save_version(statement, owner)
    assert (first.number, second.number) == (1, 2)
    first.refresh_from_db()
    assert {"type": "paragraph", "text": "Our own words for introduction and scope."} in first.content["document"]["blocks"]
    assert {"type": "paragraph", "text": "New words"} in second.content["document"]["blocks"]


def test_figures_without_a_reviewed_plan_cover_the_twelve_months_before_the_plan():
    from types import SimpleNamespace

    from clearsight.statements.rules import default_periods

    # The year before 1 April 2028 has a 29 February in it: still 1 April 2027 to 31 March 2028.
    plan = SimpleNamespace(starts_on=date(2028, 4, 1), ends_on=date(2029, 3, 31))
    periods = default_periods(plan, None)
    assert (periods["figures_from"], periods["figures_to"]) == (date(2027, 4, 1), date(2028, 3, 31))
