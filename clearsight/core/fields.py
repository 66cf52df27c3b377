"""Form fields that follow the GOV.UK Design System's patterns."""

import datetime

from django import forms


class GovUKDateWidget(forms.Widget):
    """Three text boxes (day, month, year) named ``<name>-day`` and so on, as the GOV.UK date input
    pattern asks. Whatever the user typed is kept, even when it is not a real date."""

    input_type = "govuk-date"

    def value_from_datadict(self, data, files, name):
        parts = tuple((data.get(f"{name}-{part}") or "").strip() for part in ("day", "month", "year"))
        return None if not any(parts) else parts

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}-{part}" in data for part in ("day", "month", "year"))

    @staticmethod
    def parts(value):
        if value is None or value == "":
            return "", "", ""
        if isinstance(value, (datetime.date, datetime.datetime)):
            return str(value.day), str(value.month), str(value.year)
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value)
                return str(value.day), str(value.month), str(value.year)
            except ValueError:
                return "", "", ""
        return tuple(value)


class GovUKDateField(forms.Field):
    widget = GovUKDateWidget

    def __init__(self, *, what="the date", **kwargs):
        self.what = what
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in (None, "", ("", "", "")):
            return None
        if isinstance(value, datetime.date):
            return value
        day, month, year = value
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise forms.ValidationError(f"{self.what.capitalize()} must include a {' and '.join(missing)}")
        try:
            day_n, month_n, year_n = int(day), int(month), int(year)
        except ValueError:
            raise forms.ValidationError(f"{self.what.capitalize()} must be a real date, written in numbers")
        if year_n < 1000:
            raise forms.ValidationError("Year must include 4 numbers")
        try:
            return datetime.date(year_n, month_n, day_n)
        except ValueError:
            raise forms.ValidationError(f"{self.what.capitalize()} must be a real date")
