"""A date typed with several mistakes is explained part by part on a real page, and only the wrong
boxes are highlighted and linked (issue 17; the GOV.UK date input pattern)."""

import html
import re

import pytest
from django.urls import reverse

from clearsight.core.roles import Role

pytestmark = pytest.mark.django_db


def test_a_search_date_of_31_2_20_names_the_day_and_the_year(client, sign_in, user_with):
    """Given an auditor searching the audit log, when they type 31 2 20 as the start date, then the
    page says the day February never has and the year without 4 numbers, the error summary links to
    the day box, only the day and year boxes are highlighted, and what they typed is kept."""
    sign_in(client, user_with(Role.AUDITOR))
    page = html.unescape(
        client.get(
            reverse("core:audit-log"), {"date_from-day": "31", "date_from-month": "2", "date_from-year": "20"}
        ).content.decode()
    )
    message = (
        "The start date must be a real date: the day must be 29 or less in February and the year must include 4 numbers"
    )
    assert f'<a href="#id_date_from-day">{message}</a>' in page
    boxes = re.findall(r'class="([^"]*)" id="id_date_from-(day|month|year)"', page)
    assert {part: "govuk-input--error" in classes for classes, part in boxes} == {
        "day": True,
        "month": False,
        "year": True,
    }
    assert 'value="31"' in page and 'value="20"' in page


def test_a_short_year_alone_links_to_the_year_box(client, sign_in, user_with):
    sign_in(client, user_with(Role.AUDITOR))
    page = html.unescape(
        client.get(
            reverse("core:audit-log"), {"date_to-day": "3", "date_to-month": "4", "date_to-year": "26"}
        ).content.decode()
    )
    assert '<a href="#id_date_to-year">The end date must be a real date: the year must include 4 numbers</a>' in page
