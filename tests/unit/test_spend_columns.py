"""Proposing a spend file's columns from what they hold as well as what they are called (issue 16)."""

from clearsight.spend import columns, parsing

SUPPLIERS = ["Acme Ltd", "Bolt Engineering Limited", "Carters PLC", "Dunmore Homes LLP", "Eden Play CIC",
             "Fenwick & Sons Ltd", "Greenway Trust", "Harbour Housing Association", "Iris Care Services Ltd",
             "Jones Brothers Ltd", "Kiely Bros Ltd", "Lakeside Council", "Mott MacDonald Ltd", "Northern Rail Ltd",
             "Oakwood Academy Trust", "Pennine Foods Ltd", "Quarry Products PLC", "Redactive Publishing Ltd",
             "Stone Roofing Ltd", "Town Taxis Ltd", "Urban Trees CIC", "Vale Veterinary LLP"]
DIRECTORATES = ["Adult Services", "Children's Services", "Place", "Resources"]


def rows_of(*columns_):
    return [list(cells) for cells in zip(*columns_)]


def suppliers(n=22):
    return [SUPPLIERS[i % len(SUPPLIERS)] for i in range(n)]


def amounts(n=22):
    return [f"{(i * 7919) % 90000 / 100 + 500:,.2f}" for i in range(n)]


def dates(n=22):
    return [f"{i % 28 + 1:02d}/04/2026" for i in range(n)]


# ---------------------------------------------------------------- each signal

def test_money_dates_and_organisation_names_are_measured():
    assert columns.profile_column(amounts()).money == 1
    assert columns.profile_column(dates()).date == 1
    profile = columns.profile_column(suppliers())
    assert profile.text == 1 and profile.organisation > 0.7 and profile.money == 0
    assert columns.profile_column(DIRECTORATES * 5).organisation < 0.2


def test_repeated_values_and_long_text_are_measured():
    directorate = columns.profile_column([DIRECTORATES[i % 4] for i in range(22)])
    assert directorate.repeated and directorate.distinct == 4
    description = columns.profile_column(["Supply and fitting of replacement fire doors to the north wing block"] * 5)
    assert description.long_text == 1


def test_uk_company_numbers_vat_numbers_and_postcodes_are_recognised():
    assert columns.profile_column(["01234567", "SC123456", "NI654321", "OC301234"]).company_number == 1
    assert columns.profile_column(["GB123456789", "GB 123 4567 89", "123456789012"]).vat_number == 1
    assert columns.profile_column(["LS1 4AP", "M60 2LA", "SW1A 1AA", "B33 8TH", "EH1 1YZ"]).postcode == 1
    assert columns.profile_column(["Acme Ltd", "12.50"]).postcode == 0


def test_a_reference_is_mostly_distinct_short_codes():
    refs = columns.profile_column([f"INV{1000 + i}" for i in range(22)])
    assert columns.reference_score(refs) > 0.9
    assert columns.reference_score(columns.profile_column(["K100"] * 22)) < 0.3


def test_header_words_point_at_fields():
    assert columns.header_scores("Supplier(Beneficiary) Name") == {"payee_name": 2.0}
    assert columns.header_scores("Total (excludes VAT)") == {"amount": 2.3}
    assert columns.header_scores("Company Registration Number") == {"company_number": 1.8}
    assert columns.header_scores("Supplier VAT No") == {"vat_number": 1.8}
    assert columns.header_scores("VAT Amount")["amount"] < 1 < columns.header_scores("Net Amount")["amount"]
    assert columns.header_scores("Payment Date")["paid_on"] > columns.header_scores("Invoice Date")["paid_on"]


def test_the_date_a_payment_was_made_by_cheque_or_bacs_is_the_payment_date_not_the_invoice_date():
    # A blind layout (bench/layouts/blind, Copperfield): "Invoice Date" then "Cheque/BACS Date".
    invoiced = [f"{i % 28 + 1:02d}/03/2026" for i in range(22)]
    header = ["Payee Name", "Service Area", "Invoice Date", "Cheque/BACS Date", "Amount"]
    for date_header in ("Cheque/BACS Date", "BACS Date", "Cheque Date", "Remittance Date", "Date Cleared"):
        header[3] = date_header
        mapping = parsing.guess_mapping(header, rows_of(suppliers(), ["Parks"] * 22, invoiced, dates(), amounts()))
        assert mapping.columns["paid_on"] == 3, date_header
    # and the invoice date is still the date where it is the only one
    mapping = parsing.guess_mapping(["Supplier", "Invoice Date", "Amount"], rows_of(suppliers(), invoiced, amounts()))
    assert mapping.columns["paid_on"] == 1


def test_debit_and_credit_columns_are_proposed_as_the_amount_and_its_credits():
    debits = [a if i % 5 else "" for i, a in enumerate(amounts())]
    credits = ["" if i % 5 else "120.00" for i in range(22)]
    header = ["Supplier", "Posting Date", "Debit", "Credit", "Cost Centre"]
    mapping = parsing.guess_mapping(header, rows_of(suppliers(), dates(), debits, credits, ["K100"] * 22))
    assert (mapping.columns["amount"], mapping.columns["credit"]) == (2, 3)
    # a column called Credit is never the amount itself, and no header means no credit column
    mapping = parsing.guess_mapping(None, rows_of(suppliers(), dates(), debits, credits))
    assert "credit" not in mapping.columns
    # credits are only taken off a column named as debits, and only when they are money: beside a signed
    # amount they would be taken off twice, and a "Credit" column of flags is no column of credits
    signed = [a if i % 5 else "-120.00" for i, a in enumerate(amounts())]
    for header in (["Supplier", "Posting Date", "Net", "Credit", "Debit"], ["Supplier", "Posting Date", "Amount",
                                                                          "Credit", "Debit"]):
        mapping = parsing.guess_mapping(header, rows_of(suppliers(), dates(), signed, credits, debits))
        assert mapping.columns["amount"] == 2 and "credit" not in mapping.columns, header
    flags = ["" if i % 5 else "Y" for i in range(22)]
    mapping = parsing.guess_mapping(["Supplier", "Date", "Debit", "Credit"], rows_of(suppliers(), dates(), signed, flags))
    assert mapping.columns["amount"] == 2 and "credit" not in mapping.columns


def test_an_invoice_date_alone_is_still_the_date_even_when_its_cells_cannot_be_read():
    # Excel day numbers in a CSV file: the column stays the date, so the import refuses the lines with
    # a message, rather than importing them without dates.
    serials = [str(45383 + i) for i in range(22)]
    mapping = parsing.guess_mapping(["Invoice Date", "Supplier", "Amount"], rows_of(serials, suppliers(), amounts()))
    assert mapping.columns["paid_on"] == 0
    # and a date named for the payment is chosen over a plain "Date" as well as an invoice date
    mapping = parsing.guess_mapping(["Date", "Supplier", "BACS Date", "Amount"],
                                    rows_of(dates(), suppliers(), dates(), amounts()))
    assert mapping.columns["paid_on"] == 2


# ---------------------------------------------------------------- tricky cases

def test_an_amount_of_whole_pounds_is_the_amount_not_a_reference_of_whole_numbers():
    refs = [str(46281108 + i * 37) for i in range(22)]
    whole = [str(500 + (i * 613) % 9000) for i in range(22)]
    mapping = parsing.guess_mapping(None, rows_of(refs, suppliers(), whole, dates()))
    assert mapping.columns["amount"] == 2 and mapping.columns["payee_name"] == 1
    # the same under headers that say nothing of either
    mapping = parsing.guess_mapping(["No", "Who", "How much", "When"], rows_of(refs, suppliers(), whole, dates()))
    assert mapping.columns["amount"] == 2


def test_a_date_column_of_excel_serial_numbers_is_not_taken_for_the_amount():
    serials = [str(46113 + i) for i in range(22)]
    mapping = parsing.guess_mapping(None, rows_of(suppliers(), serials, amounts()))
    assert mapping.columns["amount"] == 2
    assert "paid_on" not in mapping.columns
    assert any("Excel" in doubt for doubt in mapping.doubts)


def test_a_name_header_over_organisations_is_the_payee_not_the_description():
    descriptions = [f"Provision of {w} services to the council under the framework agreement for 2026/27"
                    for w in ("cleaning", "catering", "security", "grounds maintenance")] * 6
    header = ["Name:", "Description", "Invoice Payment Date", "Total (excludes VAT)"]
    mapping = parsing.guess_mapping(header, rows_of(suppliers(), descriptions, dates(), amounts()))
    assert mapping.columns["payee_name"] == 0 and mapping.columns["category"] == 1
    assert mapping.certain


def test_a_payee_header_over_long_text_is_overruled_by_the_column_of_names():
    descriptions = [f"Payment for {w} works at the depot, including materials, labour and disposal of waste"
                    for w in ("roofing", "drainage", "paving")] * 8
    header = ["Name", "Beneficiary", "Date", "Amount"]
    mapping = parsing.guess_mapping(header, rows_of(descriptions, suppliers(24), dates(24), amounts(24)))
    assert mapping.columns["payee_name"] == 1
    assert not mapping.certain


def test_a_directorate_of_repeated_values_is_not_the_payee():
    directorate = [DIRECTORATES[i % 4] for i in range(22)]
    mapping = parsing.guess_mapping(None, rows_of(directorate, dates(), suppliers(), amounts()))
    assert mapping.columns["payee_name"] == 2
    header = ["Directorate", "Date", "Payee Details", "Amount"]
    mapping = parsing.guess_mapping(header, rows_of(directorate, dates(), suppliers(), amounts()))
    assert mapping.columns["payee_name"] == 2 and mapping.columns["service_area"] == 0


def test_net_vat_and_gross_prefer_the_net_and_say_so():
    net = amounts()
    vat = [f"{float(n.replace(',', '')) * 0.2:.2f}" for n in net]
    gross = [f"{float(n.replace(',', '')) * 1.2:.2f}" for n in net]
    header = ["Supplier", "Date", "Net Amount", "VAT", "Gross Amount"]
    mapping = parsing.guess_mapping(header, rows_of(suppliers(), dates(), net, vat, gross))
    assert mapping.columns["amount"] == 2
    assert "More than one column could be the amount" in mapping.doubts[0] and not mapping.certain
    mapping = parsing.guess_mapping(None, rows_of(suppliers(), dates(), net, vat, gross))
    assert mapping.columns["amount"] == 2
    assert any("add up to" in doubt for doubt in mapping.doubts)


def test_supplier_identifiers_are_proposed_where_published():
    numbers = [f"{i * 104729 % 10**8:08d}" for i in range(22)]
    vats = [f"GB{i * 7727 % 10**9:09d}" for i in range(22)]
    postcodes = ["LS1 4AP", "M60 2LA", "BB5 1LA", "HX1 1UJ"] * 5 + ["NE1 8QH", "M3 5EQ"]
    header = ["Supplier Name", "Company Number", "VAT Registration Number", "Postcode", "Payment Date", "Amount"]
    mapping = parsing.guess_mapping(header, rows_of(suppliers(), numbers, vats, postcodes, dates(), amounts()))
    assert {k: mapping.columns.get(k) for k in ("company_number", "vat_number", "postcode")} == {
        "company_number": 1, "vat_number": 2, "postcode": 3}
    assert mapping.certain


def test_a_supplier_id_of_eight_digits_is_not_taken_for_a_company_number():
    ids = [str(20016580 + i) for i in range(22)]
    mapping = parsing.guess_mapping(["Supplier ID", "Supplier Name", "Paid Date", "Amount"],
                                    rows_of(ids, suppliers(), dates(), amounts()))
    assert mapping.columns["payee_code"] == 0 and "company_number" not in mapping.columns


def test_header_and_content_agreeing_is_certain():
    mapping = parsing.guess_mapping(["Supplier Name", "Paid Date", "Amount"], rows_of(suppliers(), dates(), amounts()))
    assert mapping.certain and mapping.columns == {"payee_name": 0, "paid_on": 1, "amount": 2}


# ---------------------------------------------------------------- the header row, wherever it is

def test_the_header_is_found_at_the_bottom_or_by_what_is_under_it():
    data = rows_of(suppliers(5), dates(5), amounts(5))
    assert parsing.find_header(data + [["Supplier Name", "Paid Date", "Amount"]]) == 5
    assert parsing.data_span(data + [["Supplier Name", "Paid Date", "Amount"]], 5) == (0, 5)
    assert parsing.find_header([["Payments"], ["Trader", "When", "Spend (GBP)"]] + data) == 1
    assert parsing.find_header(data) is None


def test_a_repeated_header_is_recognised_however_spelt():
    assert parsing.is_header_repeat(["supplier name ", "PAID DATE", "Amount", ""], ["Supplier Name", "Paid Date", "Amount"])
    assert not parsing.is_header_repeat(["Acme Ltd", "01/04/2026", "5.00"], ["Supplier Name", "Paid Date", "Amount"])
