"""Acceptance 3: the statement's context figures equal the board dashboard's for the same period.

Given six concerns handled by the council this year (two of them about adults referred to the NRM),
when the statement owner previews a statement whose figures count this year, then every context
figure, with its value and its date range, is the board dashboard's own summary figure as a viewer
not cleared for personal data sees it: six concerns shown as 6, the NRM referrals as "fewer than 5".
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from clearsight.board.figures import SUMMARY, board_figures, tables
from clearsight.core.roles import Role
from clearsight.statements import assemble
from clearsight.statements.models import Statement

from ..concern_helpers import triaged_concern
from ..factories import OrganisationFactory, make_user
from .matrix_statements import make_statement

LONDON = ZoneInfo("Europe/London")
START, END, TODAY = date(2026, 4, 1), date(2026, 11, 30), date(2026, 11, 23)


@pytest.fixture
def council(db):
    return OrganisationFactory(name="Anytown Council")


@pytest.mark.django_db
@time_machine.travel(datetime(2026, 11, 23, 10, 0, tzinfo=LONDON), tick=False)
def test_context_figures_equal_the_board_dashboard(client, sign_in, council):
    reporter = make_user(council, Role.STAFF)
    concerns = [triaged_concern(reporter, [("adult", "given")]) for _ in range(2)]
    concerns += [triaged_concern(reporter, [("adult", "refused")]) for _ in range(4)]
    assert {c.handling_organisation_id for c in concerns} == {council.pk}
    owner = make_user(council, Role.STATEMENT_OWNER)
    statement = make_statement(council, owner)
    Statement.objects.filter(pk=statement.pk).update(figures_from=START, figures_to=END)
    statement.refresh_from_db()

    board = tables(board_figures({council.pk}, START, END, TODAY), restricted=True)
    dashboard = {label: value for label, value in board["summary"][2]}
    document = assemble.assemble(statement, today=TODAY)
    figures = next(b for b in document["blocks"] if b["type"] == "table" and b["headers"] == ["Measure", "Number", "Period"])
    shown = {label: (value, when) for label, value, when in figures["rows"]}

    labels = dict(SUMMARY)
    keys = ("concerns", "nrm_referrals", "dtn_reports", "cases", "operations", "training_compliance",
            "supplier_coverage")
    expected_labels = [labels[k] for k in keys]
    assert list(shown) == expected_labels
    for key in keys:
        assert shown[labels[key]][0] == assemble.figure_value(dashboard[labels[key]], key), key
    assert shown["Concerns reported"] == ("6", "1 April 2026 to 30 November 2026")
    assert dashboard["NRM referrals"] == "fewer than 5"
    assert shown["NRM referrals"] == ("fewer than 5", "1 April 2026 to 30 November 2026")
    # Training compliance is taken on a day: the end of the period, or today if that is sooner
    assert shown["Training compliance rate"][1] == "On 23 November 2026"

    # The preview page shows the same figures
    sign_in(client, owner)
    page = client.get(reverse("statements:preview", kwargs={"public_id": statement.public_id})).content.decode()
    assert "<td class=\"govuk-table__cell\">Concerns reported</td><td class=\"govuk-table__cell\">6</td>" in page
    assert "fewer than 5" in page
