"""Django form fields render as GOV.UK components, with errors linked and answers kept."""

import datetime

from django import forms

from clearsight.core import govuk
from clearsight.core.fields import GovUKDateField


class ExampleForm(forms.Form):
    name = forms.CharField(label="Your name", error_messages={"required": "Enter your name"})
    colour = forms.ChoiceField(label="Colour", choices=[("r", "Red"), ("b", "Blue")], widget=forms.RadioSelect,
                               error_messages={"required": "Select a colour"})
    when = GovUKDateField(label="When", what="the date")
    notes = forms.CharField(label="Notes", widget=forms.Textarea, max_length=500, required=False)


def test_errors_link_from_the_summary_to_each_field():
    form = ExampleForm(data={})
    assert not form.is_valid()
    summary = govuk.error_summary(form)
    assert 'href="#id_name"' in summary and "Enter your name" in summary
    assert 'href="#id_colour"' in summary
    assert 'href="#id_when-day"' in summary


def test_radios_keep_the_chosen_answer_and_show_the_error_beside_the_field():
    form = ExampleForm(data={"colour": "b"})
    form.is_valid()
    radios = govuk.render_field(form["colour"])
    assert 'value="b" checked' in radios
    name = govuk.render_field(form["name"])
    assert "govuk-error-message" in name and "Enter your name" in name


def test_date_input_keeps_what_was_typed_even_when_it_is_not_a_date():
    form = ExampleForm(data={"name": "A", "colour": "r", "when-day": "31", "when-month": "2", "when-year": "2026"})
    assert not form.is_valid()
    assert form.errors["when"] == ["The date must be a real date"]
    html = govuk.render_field(form["when"])
    assert 'value="31"' in html and 'value="2"' in html and 'value="2026"' in html


def test_date_input_reads_a_real_date_and_names_the_missing_part():
    form = ExampleForm(data={"name": "A", "colour": "r", "when-day": "3", "when-month": "4", "when-year": "2026"})
    assert form.is_valid() and form.cleaned_data["when"] == datetime.date(2026, 4, 3)
    form = ExampleForm(data={"name": "A", "colour": "r", "when-day": "3", "when-year": "2026"})
    assert form.errors["when"] == ["The date must include a month"]


def test_long_text_gets_a_character_count():
    html = govuk.render_field(ExampleForm()["notes"])
    assert "govuk-character-count" in html and 'data-maxlength="500"' in html


def test_user_input_is_escaped():
    form = ExampleForm(data={"name": '<script>alert(1)</script>'})
    assert "<script>alert" not in govuk.render_field(form["name"])
