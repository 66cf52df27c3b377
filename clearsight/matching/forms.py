from django import forms

from clearsight.supply.api import normalise_company_number

NONE = "none"
ANOTHER = "another"


class DecisionForm(forms.Form):
    """One question: which of the review's candidates is the record, or none of them. With one
    candidate it reads as "Are these the same organisation?" (yes chooses it, no is none).

    Values are the candidates' positions from 1, and "none". A page opened before reviews held
    several candidates sends ``same`` (yes or no): it is read as the first candidate or none.

    With ``other_company`` (a supplier and the company register) a person who knows the company may
    also choose "another company" and enter its number: a trading name, a former name or a division
    the register cannot link ("BT Redcare" is British Telecommunications plc)."""

    choice = forms.ChoiceField(widget=forms.RadioSelect)
    company_number = forms.CharField(label="Company number, if it is another company", max_length=20, required=False,
                                     help_text=("8 characters, like 01234567 or SC123456. You can find it on the "
                                                "company's Companies House record."))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, data=None, *, subject: str, candidates: list, suggests_none: bool = False,
                 other_company: bool = False, **kwargs):
        if data is not None and "choice" not in data and data.get("same") in ("yes", "no"):
            data = data.copy()
            data["choice"] = "1" if data["same"] == "yes" else NONE
        super().__init__(data, **kwargs)
        field = self.fields["choice"]
        if len(candidates) == 1:
            field.label = "Are these the same organisation?"
            field.choices = [("1", "Yes, they are the same organisation"), (NONE, "No, they are different organisations")]
            field.help_text = ("If you are not sure, leave this match for now and check the supplier's website or its "
                               "Companies House record.")
            field.error_messages["required"] = "Select yes if these are the same organisation"
            if suggests_none:
                field.item_hints = {NONE: "Clearsight's suggestion"}
        else:
            field.label = f"Which of these is {subject}?"
            field.choices = [(str(i), c["record"].get("name", "")) for i, c in enumerate(candidates, start=1)] + [
                (NONE, "None of these")]
            field.item_hints = {str(i): "Probably another company" if suggests_none and c.get("another")
                                else f"{c['likelihood'].capitalize()} ({c['percent']}%)"
                                for i, c in enumerate(candidates, start=1)}
            field.item_hints[NONE] = (f"Clearsight's suggestion: {subject} is a different organisation from all of them"
                                      if suggests_none else f"{subject} is a different organisation from all of them")
            field.help_text = ("If you are not sure, leave this match for now and check the supplier's website or its "
                               "Companies House record.")
            field.error_messages["required"] = f"Select which organisation is {subject}, or none of these"
        if other_company:
            field.choices = [*field.choices, (ANOTHER, "Another company")]
            field.item_hints = {**getattr(field, "item_hints", {}),
                                ANOTHER: f"If you know which company {subject} is, choose this and enter its company "
                                         "number"}
            if len(candidates) == 1:
                field.error_messages["required"] = ("Select yes if these are the same organisation, no if they are not, "
                                                    "or another company")
            self.fields["company_number"].widget.attrs.update(
                {"class": "govuk-input--width-10", "spellcheck": "false", "autocomplete": "off"})
        else:
            del self.fields["company_number"]

    def clean(self):
        cleaned = super().clean()
        if "company_number" in self.fields and cleaned.get("choice") not in (None, ANOTHER) \
                and (cleaned.get("company_number") or "").strip():
            # Never dropped unseen: a number typed with another answer chosen is asked about.
            self.add_error("company_number", "Choose “Another company” to use the company number you entered, or "
                                             "delete the number")
        if cleaned.get("choice") == ANOTHER:
            written = (cleaned.get("company_number") or "").strip()
            number = normalise_company_number(written)
            if not written:
                self.add_error("company_number", "Enter the company number")
            elif not number or len(written.replace(" ", "")) > 8:
                self.add_error("company_number", "Enter a company number in the Companies House format, like 01234567 "
                                                 "or SC123456")
            else:
                cleaned["company_number"] = number
        return cleaned

    def chosen(self):
        """The chosen candidate's position from 0, or None for none of these (and another company)."""
        value = self.cleaned_data["choice"]
        return None if value in (NONE, ANOTHER) else int(value) - 1

    def other_number(self) -> str:
        """The company number entered for "another company" (normalised), or ""."""
        return self.cleaned_data.get("company_number", "") if self.cleaned_data["choice"] == ANOTHER else ""


OTHER_NAME = "name"


class SameAsForm(forms.Form):
    """Which other supplier this one is: one of those offered, or one named."""

    other = forms.ChoiceField(widget=forms.RadioSelect, label="Which supplier is it the same organisation as?",
                              error_messages={"required": "Select the supplier it is the same organisation as"})
    name = forms.CharField(label="Supplier's name", max_length=300, required=False,
                           help_text="As Clearsight records it, or another name it goes by")

    def __init__(self, data=None, *, subject: str, offered: list, find, **kwargs):
        super().__init__(data, **kwargs)
        self.find = find
        field = self.fields["other"]
        field.label = f"Which supplier is {subject} the same organisation as?"
        field.choices = [(str(s.public_id), s.name) for s, _ in offered] + [(OTHER_NAME, "Another supplier")]
        field.item_hints = {str(s.public_id): why for s, why in offered}
        field.item_hints[OTHER_NAME] = "Enter its name below"
        self.fields["name"].widget.attrs.update({"spellcheck": "false", "autocomplete": "off"})

    def clean(self):
        cleaned = super().clean()
        typed = (cleaned.get("name") or "").strip()
        if cleaned.get("other") not in (None, OTHER_NAME) and typed:
            # Never dropped unseen: a name typed with a supplier chosen is asked about.
            self.add_error("name", "Choose “Another supplier” to use the name you entered, or delete the name")
        if cleaned.get("other") == OTHER_NAME:
            if not typed:
                self.add_error("name", "Enter the supplier's name")
            else:
                found = self.find(typed)
                if found is None:
                    self.add_error("name", "No other supplier has that name. Enter its name as Clearsight records it, "
                                           "or another name it goes by")
                cleaned["supplier"] = found
        return cleaned
