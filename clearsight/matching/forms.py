from django import forms

NONE = "none"


class DecisionForm(forms.Form):
    """One question: which of the review's candidates is the record, or none of them. With one
    candidate it reads as "Are these the same organisation?" (yes chooses it, no is none).

    Values are the candidates' positions from 1, and "none". A page opened before reviews held
    several candidates sends ``same`` (yes or no): it is read as the first candidate or none."""

    choice = forms.ChoiceField(widget=forms.RadioSelect)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, data=None, *, subject: str, candidates: list, suggests_none: bool = False, **kwargs):
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

    def chosen(self):
        """The chosen candidate's position from 0, or None for none of these."""
        value = self.cleaned_data["choice"]
        return None if value == NONE else int(value) - 1
