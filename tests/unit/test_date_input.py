"""The GOV.UK date input says every part of a date that is wrong, and highlights and links to those
boxes only (issue 17: "31/2/20" said only "Year must include 4 numbers")."""

import datetime
import re

from django import forms

from clearsight.core import govuk
from clearsight.core.fields import GovUKDateField, check_date


class WhenForm(forms.Form):
    seen_on = GovUKDateField(label="When did you see this?", what="the date you saw it")

    def clean(self):
        data = super().clean()
        if data.get("seen_on") and data["seen_on"].year < 2000:
            self.add_error("seen_on", "The date you saw it must be in 2000 or later")
        return data


def typed(day, month, year):
    form = WhenForm(data={"seen_on-day": day, "seen_on-month": month, "seen_on-year": year})
    form.is_valid()
    return form


def highlighted(form):
    html = govuk.render_field(form["seen_on"])
    return [
        name
        for name in ("day", "month", "year")
        if re.search(
            rf'govuk-input--error[^>]*id="id_seen_on-{name}"|id="id_seen_on-{name}"[^>]*govuk-input--error', html
        )
    ]


def summary_link(form):
    return re.findall(r'href="#([^"]+)"', govuk.error_summary(form))


def test_a_date_with_a_wrong_day_and_a_short_year_says_both_and_highlights_only_those_boxes():
    """Given someone types 31 2 20, when the form is checked, then the message names the day that
    February never has and the year without 4 numbers, and only the day and year boxes are
    highlighted, the error summary linking to the day."""
    form = typed("31", "2", "20")
    assert form.errors["seen_on"] == [
        "The date you saw it must be a real date: the day must be 29 or less in February and the year must include 4 numbers"
    ]
    assert highlighted(form) == ["day", "year"]
    assert summary_link(form) == ["id_seen_on-day"]


def test_only_a_short_year_links_to_the_year_box():
    form = typed("3", "4", "26")
    assert form.errors["seen_on"] == ["The date you saw it must be a real date: the year must include 4 numbers"]
    assert highlighted(form) == ["year"]
    assert summary_link(form) == ["id_seen_on-year"]


def test_a_missing_part_and_a_wrong_part_are_both_named():
    form = typed("x", "", "2026")
    assert form.errors["seen_on"] == [
        "The date you saw it must include a month, and the day must be a number from 1 to 31"
    ]
    assert highlighted(form) == ["day", "month"]


def test_a_date_that_does_not_exist_that_year_highlights_the_day():
    form = typed("29", "2", "2025")
    assert form.errors["seen_on"] == ["The date you saw it must be a real date"]
    assert highlighted(form) == ["day"]
    assert typed("29", "2", "2024").cleaned_data["seen_on"] == datetime.date(2024, 2, 29)


def test_an_error_about_the_whole_date_highlights_every_box():
    form = typed("1", "1", "1999")
    assert form.errors["seen_on"] == ["The date you saw it must be in 2000 or later"]
    assert highlighted(form) == ["day", "month", "year"]
    assert highlighted(typed("", "", "")) == ["day", "month", "year"]  # required: nothing typed


def test_a_month_may_be_typed_as_a_name():
    assert check_date("3", "Feb", "2026")[0] == datetime.date(2026, 2, 3)
    assert check_date("3", "september", "2026")[0] == datetime.date(2026, 9, 3)
    assert check_date("3", "13", "2026")[1:] == (
        "The date must be a real date: the month must be a number from 1 to 12",
        ("month",),
    )


def test_what_was_typed_is_kept_in_the_boxes():
    html = govuk.render_field(typed("31", "2", "20")["seen_on"])
    assert 'value="31"' in html and 'value="2"' in html and 'value="20"' in html
