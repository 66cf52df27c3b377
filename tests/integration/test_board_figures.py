"""Board figures built from records with known numbers: every figure per quarter, small numbers
hidden from board members (on the page, in CSV and in XLSX) but not from coordinators, and the
statement's context figures equal to the dashboard's for the same period."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from clearsight.board import figures as fig
from clearsight.concerns.models import Concern, ExploitationType
from clearsight.core import suppression
from clearsight.core.dates import FinancialYear
from clearsight.core.models import AuditEvent, Team
from clearsight.core.roles import Role

from ..board_helpers import at_noon, build_board_world, dated, figures_case
from ..concern_helpers import triaged_concern
from ..factories import MembershipFactory, TeamFactory, make_user

pytestmark = pytest.mark.django_db

FY2025 = {"period": "fy-2025"}  # 1 April 2025 to 31 March 2026
START, END = date(2025, 4, 1), date(2026, 3, 31)


@pytest.fixture
def world(anytown):
    return build_board_world(anytown)


def _rows(table_set, key):
    return {row[0]: row[1:] for row in table_set[key][2]}


def test_every_figure_per_quarter_for_an_unrestricted_viewer(world):
    bf = fig.board_figures({world["org"].pk}, START, END, today=date(2026, 11, 23))
    t = fig.tables(bf, restricted=False)
    q = [qq.label for qq in bf.quarters]
    assert q == ["Q1 2025 to 2026", "Q2 2025 to 2026", "Q3 2025 to 2026", "Q4 2025 to 2026"]

    concerns = _rows(t, "concerns")  # concerns, adults, children, unknown, people
    assert concerns[q[0]] == [1, 1, 1, 0, 2] and concerns[q[1]] == [1, 1, 0, 0, 1]
    assert concerns[q[2]] == [0, 0, 0, 0, 0] and concerns[q[3]] == [1, 1, 0, 0, 1]
    assert concerns["Whole period"] == [3, 3, 1, 0, 4]

    nrm = _rows(t, "nrm-by-quarter")  # adults, children, unknown, total
    assert nrm[q[0]] == [1, 1, 0, 2] and nrm[q[1]] == [0, 0, 0, 0]
    assert nrm[q[2]] == [0, 1, 0, 1] and nrm[q[3]] == [1, 0, 0, 1]  # the case in Q4 is not counted again
    assert nrm["Whole period"] == [2, 2, 0, 4]
    dtn = _rows(t, "dtn-by-quarter")
    assert dtn[q[1]] == [1, 0, 0, 1] and dtn["Whole period"] == [1, 0, 0, 1]

    labour, sexual = ExploitationType.objects.order_by("position")[:2]
    by_type = _rows(t, "nrm-by-type")
    assert by_type[labour.label] == [2, 0, 0, 0, 2]
    assert by_type[fig.NO_TYPE] == [0, 0, 1, 1, 2]
    assert _rows(t, "dtn-by-type")[sexual.label] == [0, 1, 0, 0, 1]

    decisions = _rows(t, "decisions")  # positive, negative, total, median days, awaited
    assert decisions["Reasonable Grounds"] == [1, 1, 2, 25, 0]  # 20 and 30 days
    assert decisions["Conclusive Grounds"] == [1, 0, 1, 119, 0]  # 4 November to 3 March
    by_quarter = _rows(t, "decisions-by-quarter")
    assert by_quarter[q[2]] == [1, 0, 20, 0, 0, suppression.NO_DATA]
    assert by_quarter[q[3]] == [0, 1, 30, 1, 0, 119]

    support = _rows(t, "support-plans")
    assert support["People with a support case open in the period"] == [2]
    assert support["With a written support plan by the end of the period"] == [1]
    assert support["Share with a written support plan"] == ["50%"]

    assert _rows(t, "operations")["Operations carried out"] == [1]
    assert _rows(t, "training")["Anytown Council"] == ["67%", 4, 2, 0]
    assert _rows(t, "suppliers")["Anytown Council"] == [2, 1, "50%", "£4,000", "£3,000", "75%"]

    summary = _rows(t, "summary")
    assert summary["Concerns reported"] == [3] and summary["NRM referrals"] == [4]
    assert summary["Duty to Notify reports"] == [1] and summary["Training compliance rate"] == ["67%"]


def test_a_board_member_sees_small_numbers_hidden_everywhere_and_a_coordinator_does_not(world, client, sign_in):
    def get(user, name, **kwargs):
        sign_in(client, user)
        return client.get(reverse(name, kwargs=kwargs) + "?period=fy-2025")

    page = get(world["board"], "board:dashboard").content.decode()
    assert "fewer than 5" in page and "1 April 2025 to 31 March 2026" in page
    assert "not shown" in page  # the support plan share is worked out from 2 people
    rows = list(csv.reader(io.StringIO(get(world["board"], "board:export-csv", table="nrm-by-quarter")
                                       .content.decode("utf-8-sig"))))
    assert rows[-1] == ["Whole period"] + ["fewer than 5"] * 4
    sheet = load_workbook(io.BytesIO(get(world["board"], "board:export-xlsx").content))["decisions"]
    values = [[c.value for c in r] for r in sheet.iter_rows(min_row=4)]
    hidden = "fewer than 5"
    assert values[0] == ["Reasonable Grounds", hidden, hidden, hidden, "not shown", hidden]
    assert "1 April 2025 to 31 March 2026" in sheet["A2"].value

    page = get(world["coordinator"], "board:dashboard").content.decode()
    assert "fewer than 5" not in page
    rows = list(csv.reader(io.StringIO(get(world["coordinator"], "board:export-csv", table="nrm-by-quarter")
                                       .content.decode("utf-8-sig"))))
    assert rows[-1] == ["Whole period", "2", "2", "0", "4"]
    sheet = load_workbook(io.BytesIO(get(world["coordinator"], "board:export-xlsx").content))["decisions"]
    assert [c.value for c in next(sheet.iter_rows(min_row=4))] == ["Reasonable Grounds", 1, 1, 2, 25, 0]
    exports = AuditEvent.objects.filter(record_type="board figures", action="export")
    assert exports.count() == 4 and not any("Person" in e.description for e in exports)


def test_the_statement_context_figures_equal_the_dashboard_for_a_board_member(world, client, sign_in):
    context = fig.context_figures({world["org"].pk}, START, END)
    sign_in(client, world["board"])
    summary = list(csv.reader(io.StringIO(client.get(reverse("board:export-csv", kwargs={"table": "summary"}),
                                                     FY2025).content.decode("utf-8-sig"))))[1:]
    shown = dict(summary)
    assert [c.key for c in context] == fig.CONTEXT_KEYS
    for figure in context:
        assert str(figure.value) == shown[figure.label], figure.key
        assert (figure.start, figure.end) == ((END, END) if figure.key == "training_compliance" else (START, END))
    assert {c.key: c.value for c in context}["supplier_coverage"] == "50%"


def test_the_report_states_the_period_and_date_produced_and_holds_every_table(world, client, sign_in):
    sign_in(client, world["board"])
    page = client.get(reverse("board:report"), FY2025).content.decode()
    assert "Modern slavery figures for 1 April 2025 to 31 March 2026" in page
    # The browser tab says what the heading says
    assert "<title>Modern slavery figures for 1 April 2025 to 31 March 2026 – board report" in page
    assert f"{timezone.localdate().day} {timezone.localdate():%B %Y}" in page
    for key in fig.tables(fig.board_figures({world["org"].pk}, START, END), True):
        assert f'id="{key}-table"' in page or key == "summary"
    assert "Zedtrainee" not in page  # the staff counted in the training figures are never named


def test_dates_typed_with_mistakes_are_kept_and_explained(world, client, sign_in):
    sign_in(client, world["board"])
    page = client.get(reverse("board:dashboard"), {"start-day": "31", "start-month": "2", "start-year": "2026",
                                                   "end-day": "1", "end-month": "1", "end-year": ""}).content.decode()
    assert "There is a problem" in page and "The date the period starts must be a real date" in page
    assert "The date the period ends must include a year" in page
    assert 'value="31"' in page and "<title>Error:" in page
    dates = {"start-day": "1", "start-month": "7", "start-year": "2025", "end-day": "30", "end-month": "9",
             "end-year": "2025"}
    page = client.get(reverse("board:dashboard"), dates).content.decode()
    assert "Figures for 1 July 2025 to 30 September 2025" in page


def test_a_board_member_elsewhere_sees_none_of_anytowns_figures(world, bexford, client, sign_in):
    member = make_user(bexford, Role.BOARD_MEMBER)
    sign_in(client, member)
    page = client.get(reverse("board:dashboard"), FY2025).content.decode()
    assert "Anytown Council" not in page
    summary = dict(list(csv.reader(io.StringIO(client.get(reverse("board:export-csv", kwargs={"table": "summary"}),
                                                          FY2025).content.decode("utf-8-sig"))))[1:])
    assert summary["Training compliance rate"] == suppression.NO_DATA  # Anytown's 67% is not Bexford's
    assert summary["High-risk suppliers with a current assessment"] == suppression.NO_DATA
    bf = fig.board_figures(fig.aggregate_organisation_ids(member), START, END)
    assert not bf.concerns and not bf.referrals and not bf.nrm and not bf.support and bf.operations.operations == 0

    # A caseworker at Anytown who sits on Bexford's board sees Bexford's figures as its board does.
    both = make_user(bexford, Role.BOARD_MEMBER)
    MembershipFactory(user=both, organisation=world["org"], role=Role.CASEWORKER)
    assert fig.is_restricted(both)
    assert not fig.is_restricted(world["coordinator"]) and fig.is_restricted(world["board"])


def test_a_second_person_of_a_concern_referred_on_their_case_is_counted(anytown):
    reporter, worker = make_user(anytown, Role.STAFF), make_user(anytown, Role.CASEWORKER)
    team = TeamFactory(organisation=anytown, name="Exploitation team")
    # An adult who consents (NRM referral) and one who refuses (Duty to Notify report) ...
    concern = dated(triaged_concern(reporter, [("adult", "given"), ("adult", "refused")]), date(2025, 5, 1),
                     date(2025, 5, 2))
    # ... both supported; the second later agrees and is referred on their case.
    figures_case(anytown, team, worker, born=date(1990, 1, 1), source=concern, opened=date(2025, 5, 3),
          referred=date(2025, 5, 2))
    figures_case(anytown, team, worker, born=date(1991, 1, 1), source=concern, opened=date(2025, 5, 3),
          referred=date(2025, 6, 10))
    t = fig.tables(fig.board_figures({anytown.pk}, START, END), restricted=False)
    assert _rows(t, "nrm-by-quarter")["Whole period"] == [2, 0, 0, 2]
    assert _rows(t, "dtn-by-quarter")["Whole period"] == [1, 0, 0, 1]


def test_the_dashboard_reads_a_fixed_number_of_queries_however_many_concerns(world, client, sign_in):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        sign_in(client, world["board"])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("board:dashboard"), FY2025).status_code == 200
        return len(captured)

    before = queries()
    reporter = make_user(world["org"], Role.STAFF)
    worker = make_user(world["org"], Role.CASEWORKER)
    team = Team.objects.get(organisation=world["org"])
    for _ in range(20):  # each with people, referrals, a case, an NRM record and a support task
        concern = dated(triaged_concern(reporter, [("adult", "given"), ("child", "")]), date(2025, 6, 1), date(2025, 6, 2))
        figures_case(world["org"], team, worker, source=concern, opened=date(2025, 6, 3), referred=date(2025, 6, 3),
              rg=("positive", date(2025, 7, 1)), task_on=date(2025, 6, 4))
    concerns = [Concern(reporter=reporter, reporter_organisation=world["org"], handling_organisation=world["org"],
                        status=Concern.Status.NEW, submitted_at=at_noon(date(2025, 9, 1))) for _ in range(200)]
    Concern.objects.bulk_create(concerns)
    assert queries() <= before + 2  # sign-in and session noise, never one a record


def test_training_and_operations_figures_equal_their_own_pages_for_the_same_day_and_period(world, client, sign_in):
    today = timezone.localdate()
    sign_in(client, world["board"])
    training = client.get(reverse("training:dashboard")).context["current"]
    t = fig.tables(fig.board_figures({world["org"].pk}, FinancialYear.containing(today).starts,
                                     today), restricted=True)
    assert _rows(t, "training")["Anytown Council"] == [f"{training.percent}%", training.met, training.not_met,
                                                       training.in_grace]
    assert _rows(t, "summary")["Training compliance rate"] == [f"{training.percent}%"]

    sign_in(client, world["coordinator"])
    operations = client.get(reverse("operations:figures"), {"year": "2026"}).context["sections"][0]["rows"]
    t = fig.tables(fig.board_figures({world["org"].pk}, date(2026, 1, 1), date(2026, 12, 31), today), False)
    board = _rows(t, "operations")
    for label, value in operations:
        if label in board:
            assert board[label] == [value], label
    assert board["Operations carried out"] == [2]


def test_a_referral_counts_on_the_day_it_was_submitted_not_the_day_that_was_recorded(anytown):
    from clearsight.concerns.models import StatutoryReferral

    reporter = make_user(anytown, Role.STAFF)
    concern = dated(triaged_concern(reporter, [("adult", "given")]), date(2026, 3, 28), date(2026, 4, 2))
    # Submitted to the Home Office on 30 March (2025/26), recorded in Clearsight on 2 April (2026/27).
    StatutoryReferral.objects.filter(action__concern=concern, kind="nrm").update(submitted_on=date(2026, 3, 30))
    last_year = fig.tables(fig.board_figures({anytown.pk}, START, END), restricted=False)
    this_year = fig.tables(fig.board_figures({anytown.pk}, date(2026, 4, 1), date(2026, 6, 30)), restricted=False)
    assert _rows(last_year, "nrm-by-quarter")["Whole period"][3] == 1
    assert _rows(this_year, "nrm-by-quarter")["Whole period"][3] == 0


def test_each_download_link_says_which_table_it_downloads_with_names_in_their_own_case(world, client, sign_in):
    sign_in(client, world["board"])
    page = client.get(reverse("board:details", kwargs={"section": "referrals"}), FY2025).content.decode()
    assert 'Download this table (CSV)<span class="govuk-visually-hidden">: NRM referrals by age group</span>' in page
    assert "nrm referrals" not in page and "november" not in page


def test_the_dashboard_leads_with_the_key_figures_against_a_year_earlier_and_links_to_the_details(
        world, client, sign_in):
    """Given figures in 2025/26 and none in 2024/25,
    when a coordinator opens the board figures for 2025/26,
    then the page shows each key figure with how it compares with 2024/25, no detailed table, and a
    link to each section's page, which holds that section's tables and their downloads."""
    sign_in(client, world["coordinator"])
    response = client.get(reverse("board:dashboard"), FY2025)
    page = response.content.decode()
    trends = {t.label: t for t in response.context["trends"]}
    assert trends["Concerns reported"].value == 3 and trends["Concerns reported"].text == "Up from 0 a year earlier"
    assert "1 April 2024 to 31 March 2025" in page
    assert "<table" not in page and "Download this table" not in page
    for section in ("concerns", "referrals", "decisions", "support-plans", "operations", "training", "suppliers",
                    "action-plan"):
        url = reverse("board:details", kwargs={"section": section}) + "?period=fy-2025"
        assert url.replace("?", "?") in page.replace("&amp;", "&"), section
        details = client.get(url)
        assert details.status_code == 200 and "<table" in details.content.decode(), section
    referrals = client.get(reverse("board:details", kwargs={"section": "referrals"}), FY2025).content.decode()
    assert "NRM referrals by the Home Office’s categories of exploitation" in referrals
    assert client.get(reverse("board:details", kwargs={"section": "nothing"}), FY2025).status_code == 404
