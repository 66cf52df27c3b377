from django import forms


class DecisionForm(forms.Form):
    same = forms.ChoiceField(
        label="Are these the same organisation?", widget=forms.RadioSelect,
        choices=[("yes", "Yes, they are the same organisation"), ("no", "No, they are different organisations")],
        help_text="If you are not sure, leave this match for now and check the supplier's website or its "
                  "Companies House record.",
        error_messages={"required": "Select yes if these are the same organisation"})
    version = forms.IntegerField(widget=forms.HiddenInput)
