"""The spend columns page's form: what it says when the period the file covers is entered wrongly."""

from clearsight.spend.forms import MappingForm

HEADER = ["Supplier Name", "Paid Date", "Amount"]


def columns_page(**period):
    data = {"version": "1", "col_payee_name": "0", "col_paid_on": "1", "col_amount": "2"}
    for name, (day, month, year) in period.items():
        data.update({f"{name}-day": day, f"{name}-month": month, f"{name}-year": year})
    form = MappingForm(data=data, header=HEADER)
    form.is_valid()
    return form


def test_a_first_day_that_is_not_a_real_date_gets_only_that_message():
    form = columns_page(period_start=("31", "11", "2011"), period_end=("30", "11", "2011"))
    assert form.errors["period_start"] == ["The first day must be a real date"]
    assert "period_end" not in form.errors, "both days were entered: only the first one is wrong"
    assert "Enter both the first and the last day, or neither" not in str(form.errors)


def test_a_last_day_that_is_not_a_real_date_gets_only_that_message():
    form = columns_page(period_start=("1", "11", "2011"), period_end=("31", "11", "2011"))
    assert form.errors["period_end"] == ["The last day must be a real date"]
    assert "period_start" not in form.errors


def test_one_day_left_out_is_still_asked_for():
    form = columns_page(period_start=("1", "11", "2011"))
    assert form.errors["period_end"] == ["Enter both the first and the last day, or neither"]
