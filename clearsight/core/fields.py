"""Form fields that follow the GOV.UK Design System's patterns."""

import calendar
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


PARTS = ("day", "month", "year")

MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def _month_number(text):
    """A month typed as a number ("2", "02") or a name ("February", "feb", "Sept"), or None."""
    if text.isdecimal():
        return int(text)
    word = text.lower().rstrip(".")
    for number, name in enumerate(MONTH_NAMES, start=1):
        if len(word) >= 3 and (name.startswith(word) or (name == "september" and word == "sept")):
            return number
    return None


def _most_days(month, year=None):
    """The most days ``month`` has: in ``year`` if known, in any year if not (29 for February)."""
    if year is None:
        return 29 if month == 2 else calendar.monthrange(2001, month)[1]
    return calendar.monthrange(year, month)[1]


def _and(items):
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def check_date(day, month, year, what="the date"):
    """Read a date typed into the GOV.UK date input's three boxes.

    Returns ``(date, None, ())`` for a real date, or ``(None, message, parts)``: one message that
    names every part that is wrong, and the parts to highlight (and link to, the first of them), as
    the GOV.UK date input pattern asks. "31 2 20" is both a day February never has and a year without
    4 numbers, and says both, highlighting the day and the year and leaving the month alone."""
    what_ = what[:1].upper() + what[1:]
    typed = {"day": (day or "").strip(), "month": (month or "").strip(), "year": (year or "").strip()}
    missing = [part for part in PARTS if not typed[part]]
    wrong = {}  # part -> what is wrong with it

    month_n = _month_number(typed["month"]) if typed["month"] else None
    if typed["month"] and not (month_n and 1 <= month_n <= 12):
        wrong["month"] = "the month must be a number from 1 to 12"
        month_n = None
    year_n = None
    if typed["year"]:
        if not typed["year"].isdecimal():
            wrong["year"] = "the year must be written in numbers"
        elif len(typed["year"]) != 4 or int(typed["year"]) < 1000:
            wrong["year"] = "the year must include 4 numbers"
        else:
            year_n = int(typed["year"])
    day_n = None
    if typed["day"]:
        if not typed["day"].isdecimal() or not 1 <= int(typed["day"]) <= 31:
            wrong["day"] = "the day must be a number from 1 to 31"
        else:
            day_n = int(typed["day"])
            if month_n and day_n > _most_days(month_n, year_n):
                in_month = MONTH_NAMES[month_n - 1].capitalize() + (f" {year_n}" if year_n else "")
                wrong["day"] = f"the day must be {_most_days(month_n, year_n)} or less in {in_month}"

    if not missing and not wrong:
        return datetime.date(year_n, month_n, day_n), None, ()
    parts = tuple(part for part in PARTS if part in missing or part in wrong)
    if not wrong:
        return None, f"{what_} must include a {_and(missing)}", parts
    clauses = _and(wrong[part] for part in PARTS if part in wrong)
    if missing:
        return None, f"{what_} must include a {_and(missing)}, and {clauses}", parts
    if list(wrong) == ["day"] and day_n:
        # A whole date that does not exist, such as 31 2 2026: the GOV.UK words, with the day highlighted.
        return None, f"{what_} must be a real date", parts
    return None, f"{what_} must be a real date: {clauses}", parts


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
        date, message, parts = check_date(*value, what=self.what)
        if message:
            # The parts travel with the error, so the boxes that are wrong, and only they, are highlighted
            # (core/govuk.py: date_error_parts).
            raise forms.ValidationError(message, code="invalid_date", params={"parts": parts})
        return date


def date_error_parts(errors):
    """Which of a date input's boxes to highlight for ``errors`` (a field's ErrorList): those the
    errors name, or all three for an error about the whole date (missing, in the future…)."""
    parts = set()
    for error in errors.as_data() if errors else ():
        named = error.params.get("parts") if isinstance(getattr(error, "params", None), dict) else None
        if not named:
            return PARTS
        parts.update(named)
    return tuple(part for part in PARTS if part in parts)
