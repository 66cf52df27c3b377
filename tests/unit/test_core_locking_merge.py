"""A refused edit merged three ways (core.locking): nobody's change is lost, and nothing someone else
saved is replaced without the person seeing it."""

import datetime
from decimal import Decimal

from django import forms
from django.http import QueryDict

from clearsight.core import locking
from clearsight.core.fields import GovUKDateField
from clearsight.core.locking import Merge


def test_each_field_shows_the_change_of_whoever_made_one():
    started = {"turnover": 150_000, "postcode": "AN1 1AA", "keywords": "Cleaning", "name": "Acme"}
    mine = {"turnover": 150_000, "postcode": "AN1 2BB", "keywords": "Windows", "name": "Acme Ltd"}
    now = {"turnover": 2_000_000, "postcode": "AN1 1AA", "keywords": "Security", "name": "Acme Ltd"}
    assert locking.merge_edits(started, mine, now) == {
        "turnover": Merge.THEIRS,   # only they changed it: the form shows theirs
        "postcode": Merge.YOURS,    # only I changed it: mine stays
        "keywords": Merge.BOTH,     # we both changed it: mine stays, with what it is now
        "name": Merge.YOURS,        # we made the same change
    }


def test_without_the_starting_values_every_difference_is_shown_and_none_replaced():
    merged = locking.merge_edits(None, {"a": 1, "b": 2}, {"a": 1, "b": 3})
    assert merged == {"a": Merge.YOURS, "b": Merge.BOTH}


def test_the_message_names_the_fields_that_now_show_someone_elses_change():
    assert locking.conflict_message() == locking.CONFLICT
    message = locking.conflict_message(["annual turnover"])
    assert message.startswith("Someone else changed this record while you were editing it. Your changes have not been saved yet.")
    assert "The form now shows their change to annual turnover. Check the form, then save your changes again." in message
    message = locking.conflict_message(["the postcode", "the name"], ["what they provide"])
    assert "their changes to the postcode and the name." in message
    assert "You both changed what they provide: the form shows your answer and what is saved now." in message
    assert message.endswith("save again to replace their changes with yours.")


def test_fields_are_named_as_a_sentence_needs():
    assert locking.what_field_is(forms.CharField(label="Postcode (optional)")) == "the postcode"
    assert locking.what_field_is(forms.CharField(label="SIC codes (optional)")) == "the SIC codes"
    assert locking.what_field_is(forms.CharField(label="What they provide (optional)")) == "what they provide"
    assert locking.what_field_is(forms.CharField(label="Does it use agency workers?")) == "the answer to “Does it use agency workers?”"
    assert locking.what_field_is(GovUKDateField(label="Start date", what="the start date")) == "the start date"


class Supplier(locking.StartingValues, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(label="Name")
    turnover = forms.DecimalField(label="Annual turnover (optional)", required=False)
    postcode = forms.CharField(label="Postcode (optional)", required=False)
    sectors = forms.MultipleChoiceField(label="Sectors (optional)", required=False, widget=forms.CheckboxSelectMultiple,
                                        choices=[("care", "Social care"), ("cleaning", "Cleaning")])
    sme = forms.ChoiceField(label="Is it an SME?", widget=forms.RadioSelect, required=False,
                            choices=[("yes", "Yes"), ("no", "No"), ("unknown", "Not known")])
    checked_on = GovUKDateField(label="Checked on", what="the date it was checked", required=False)


RECORD = {"version": 3, "name": "Acme", "turnover": Decimal("150000.00"), "postcode": "AN1 1AA", "sectors": ["care"],
          "sme": "unknown", "checked_on": datetime.date(2026, 4, 1)}


def _posted(form, **changes):
    """What the browser sends for an unbound form, with ``changes``, as a QueryDict."""
    data = locking.form_data(form, form.initial)
    data["version"] = [str(form.initial["version"])]
    data["started_from"] = [form["started_from"].value()]
    data.update({k: v if isinstance(v, list) else [v] for k, v in changes.items()})
    query = QueryDict(mutable=True)
    for key, values in data.items():
        query.setlist(key, values)
    return query


def test_a_form_left_as_it_was_reads_back_as_the_record():
    form = Supplier(_posted(Supplier(initial=RECORD)))
    assert form.is_valid(), form.errors
    assert {k: form.cleaned_data[k] for k in RECORD} == RECORD


def test_the_form_shows_their_change_where_i_changed_nothing_and_mine_where_i_did():
    posted = _posted(Supplier(initial=RECORD), postcode="AN1 2BB", sectors=["care", "cleaning"])
    form = Supplier(posted)
    assert form.is_valid()
    now = {**RECORD, "version": 4, "turnover": Decimal("2000000"), "sme": "no", "checked_on": datetime.date(2026, 5, 2)}
    locking.add_conflict_error(form, 4, now)

    assert form["turnover"].value() == "2000000" and form["sme"].value() == "no"  # theirs
    assert form.data.getlist("checked_on-day") == ["2"] and form.data.getlist("checked_on-month") == ["5"]
    assert form["postcode"].value() == "AN1 2BB" and form["sectors"].value() == ["care", "cleaning"]  # mine
    assert form["version"].value() == "4"
    assert form.non_field_errors() == [locking.conflict_message(
        ["the annual turnover", "the answer to “Is it an SME?”", "the date it was checked"])]
    assert not any(form[name].errors for name in RECORD)


def test_where_we_both_changed_a_field_mine_stays_and_the_error_says_what_it_is_now():
    form = Supplier(_posted(Supplier(initial=RECORD), turnover="175000", sectors=["cleaning"], sme="yes", name="Acme plc"))
    assert form.is_valid()
    now = {**RECORD, "turnover": Decimal("2000000.00"), "sectors": [], "sme": "no", "name": "Acme Ltd"}
    locking.add_conflict_error(form, 4, now)

    assert form["turnover"].value() == "175000" and form["sme"].value() == "yes" and form["name"].value() == "Acme plc"
    assert form.errors["turnover"] == ["Someone else changed the annual turnover to “2000000.00” since you opened the page"]
    assert form.errors["sme"] == ["Someone else changed the answer to “Is it an SME?” to No since you opened the page"]
    assert form.errors["sectors"] == ["Someone else removed the sectors since you opened the page"]
    assert form.errors["name"] == ["Someone else changed the name to “Acme Ltd” since you opened the page"]


def test_saving_again_is_merged_against_the_record_as_the_person_last_saw_it():
    form = Supplier(_posted(Supplier(initial=RECORD), postcode="AN1 2BB"))
    form.is_valid()
    seen = {**RECORD, "version": 4, "turnover": Decimal("2000000")}
    locking.add_conflict_error(form, 4, seen)
    # Before they save again, a third person changes the turnover once more.
    again = Supplier(form.data.copy())
    assert again.is_valid()
    locking.add_conflict_error(again, 5, {**seen, "version": 5, "turnover": Decimal("3000000")})
    assert again["turnover"].value() == "3000000" and again["postcode"].value() == "AN1 2BB"


def test_a_form_without_its_starting_values_replaces_nothing_unseen():
    posted = _posted(Supplier(initial=RECORD), postcode="AN1 2BB")
    posted.setlist("started_from", ["tampered"])
    form = Supplier(posted)
    form.is_valid()
    locking.add_conflict_error(form, 4, {**RECORD, "turnover": Decimal("2000000")})
    # Who changed what is not known: every answer that is not what is saved now stays, saying what is.
    assert form["turnover"].value() == "150000.00" and form["postcode"].value() == "AN1 2BB"
    assert form.errors["turnover"] == ["What is saved now for the annual turnover is “2000000”"]
    assert form.errors["postcode"] == ["What is saved now for the postcode is “AN1 1AA”"]
    assert "The form shows your answers and what is saved now for the annual turnover and the postcode." in form.non_field_errors()[0]


class AboutARecord(locking.StartingValues, forms.Form):
    """A form whose first arguments are the record it is about and why it is open (as the NRM event
    forms are); what was posted comes as ``data=``."""
    version = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(label="Name")
    turnover = forms.DecimalField(label="Annual turnover (optional)", required=False)

    def __init__(self, record, purpose, *args, **kwargs):
        self.record, self.purpose = record, purpose
        super().__init__(*args, **kwargs)


def test_a_form_given_its_data_by_name_is_merged_with_the_same_record_and_arguments():
    record = {"version": 3, "name": "Acme", "turnover": Decimal("150000.00")}
    opened = AboutARecord(record, "change", initial=record)
    posted = locking.form_data(opened, opened.initial)
    posted.update(version=["3"], started_from=[opened["started_from"].value()], name=["Acme plc"])
    form = AboutARecord(record, "change", data=locking._query_dict(posted))
    assert form.is_valid(), form.errors
    # The turnover is saved now as 150000: the same amount, read through the form, so nobody changed it.
    locking.add_conflict_error(form, 4, {**record, "version": 4, "turnover": Decimal("150000")})
    assert form["name"].value() == "Acme plc" and not form.errors.get("turnover")
    assert form.non_field_errors() == [locking.CONFLICT]
