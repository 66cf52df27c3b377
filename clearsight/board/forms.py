"""Choosing the period the board figures cover: a financial year or quarter from a list, or dates
the user types."""

from dataclasses import dataclass
import re
from datetime import date

from django import forms

from clearsight.core.dates import FinancialYear, add_months, long_date
from clearsight.core.fields import GovUKDateField

from . import figures as fig

YEARS_SHOWN = 5  # financial years offered in the list, the current one first
EARLIEST = date(2000, 1, 1)
MOST_YEARS = 5  # the longest period typed: 20 quarters already make wide tables


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    choice: str  # the list's value ("fy-2026", "q-2026-3") or "dates"

    @property
    def label(self):
        return f"{long_date(self.start)} to {long_date(self.end)}"

    def query(self):
        """The URL parameters that give this period again (no personal data)."""
        if self.choice == "dates":
            return {"start-day": self.start.day, "start-month": self.start.month, "start-year": self.start.year,
                    "end-day": self.end.day, "end-month": self.end.month, "end-year": self.end.year}
        return {"period": self.choice}


def period_choices(today: date) -> list:
    """[(value, label, start, end)]: each of the last YEARS_SHOWN financial years, each followed by its
    quarters that have started. A year or quarter not over yet runs to today."""
    result = []
    current = FinancialYear.containing(today).start_year
    for year in range(current, current - YEARS_SHOWN, -1):
        fy = FinancialYear(year)
        start, end, label = fy.starts, fy.ends, fy.label
        running = end > today
        result.append((f"fy-{year}", f"Financial year {label}" + (" (to date)" if running else ""),
                       start, min(end, today)))
        for number in range(1, 5):
            q_start, q_end = fig.quarter_dates(year, number)
            if q_start > today:
                continue
            result.append((f"q-{year}-{number}", f"Q{number} {label} ({fig.QUARTER_MONTHS[number][0]} to "
                           f"{fig.QUARTER_MONTHS[number][1]})" + (" (to date)" if q_end > today else ""),
                           q_start, min(q_end, today)))
    return result


def default_period(today: date) -> Period:
    """The current financial year to date."""
    year = FinancialYear.containing(today)
    return Period(year.starts, today, f"fy-{year.start_year}")


_PERIOD = re.compile(r"fy-(\d{4})|q-(\d{4})-([1-4])")


def listed_period(value: str, today: date) -> Period | None:
    """The financial year or quarter ``value`` names: one of the list, or an earlier one the list no
    longer shows (a link kept from an older report still gives the period it gave, not another)."""
    for choice, _, start, end in period_choices(today):
        if choice == value:
            return Period(start, end, choice)
    found = _PERIOD.fullmatch(value or "")
    if found is None:
        return None
    if found.group(1):
        year = FinancialYear(int(found.group(1)))
        start, end = year.starts, year.ends
    else:
        start, end = fig.quarter_dates(int(found.group(2)), int(found.group(3)))
    if start < EARLIEST or start > today:
        return None
    return Period(start, min(end, today), value)


class PeriodListForm(forms.Form):
    period = forms.ChoiceField(label="Financial year or quarter")

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(value, label) for value, label, _, _ in period_choices(today)]


class DatesForm(forms.Form):
    start = GovUKDateField(label="From", what="the date the period starts", help_text="For example, 1 4 2026",
                           error_messages={"required": "Enter the date the period starts"})
    end = GovUKDateField(label="To", what="the date the period ends", help_text="For example, 31 3 2027",
                         error_messages={"required": "Enter the date the period ends"})

    def __init__(self, *args, today: date, **kwargs):
        self.today = today
        super().__init__(*args, **kwargs)

    def clean_start(self):
        start = self.cleaned_data["start"]
        if start < EARLIEST:
            raise forms.ValidationError(f"The date the period starts must be on or after 1 January {EARLIEST.year}")
        if start > self.today:
            raise forms.ValidationError("The date the period starts must be today or in the past")
        return start

    def clean_end(self):
        end = self.cleaned_data["end"]
        if end > self.today:
            raise forms.ValidationError("The date the period ends must be today or in the past")
        return end

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The date the period ends must be the same as or after the date it starts")
        elif start and end and end >= add_months(start, 12 * MOST_YEARS):
            self.add_error("end", f"The period must be {MOST_YEARS} years or shorter")
        return data

    def period(self) -> Period:
        return Period(self.cleaned_data["start"], self.cleaned_data["end"], "dates")


def period_from(params, today: date):
    """(Period or None, list form, dates form) from the page's query string. Dates typed by the user
    win over the list; with errors in them there is no period until they are put right."""
    dates_sent = any(f"{name}-{part}" in params for name in ("start", "end") for part in ("day", "month", "year"))
    list_form = PeriodListForm(today=today, initial={"period": default_period(today).choice})
    if dates_sent:
        dates_form = DatesForm(params, today=today)
        if dates_form.is_valid():
            return dates_form.period(), list_form, dates_form
        return None, list_form, dates_form
    dates_form = DatesForm(today=today)
    value = params.get("period", "")
    period = listed_period(value, today) if value else None
    if period is not None:
        return period, PeriodListForm(today=today, initial={"period": period.choice}), dates_form
    return default_period(today), list_form, dates_form
