"""OpenDocument spreadsheets (.ods), read by the same rules as Excel workbooks (core/opendocument.py
and core/tabular.py): rows and cells written once and repeated, values by their type, text as the
cell shows it, merged payees on each of their lines, hidden or filtered rows with something in them
refused, hidden sheets not read, formulas without results refused. The files are written here as
XML in the form LibreOffice Calc saves (the blind set in bench/layouts/ods was saved by Calc)."""

import pytest

from clearsight.core import opendocument, tabular
from clearsight.core.tabular import FileError

from ..ods_helpers import EMPTY, HEADER, HIDDEN_STYLE, day, money, ods, payments, row, sheet, text

def test_cells_are_read_by_their_type_and_the_padding_to_the_sheet_edge_is_not():
    data = payments(
        row(text("Acme Ltd"), day("2024-04-03", "03/04/2024"), money("1234.56", "£1,234.56")),
        row(text("Bolt Ltd"), day("2024-04-04T09:30:00", "04/04/2024 09:30"), money("-2.675", "-£2.68")),
        row(text("Care Co"), day("2024-04-05", "05-Apr-2024"), '<table:table-cell office:value-type="percentage" '
            'office:value="0.2" calcext:value-type="percentage"><text:p>20%</text:p></table:table-cell>'),
    )
    assert tabular.is_ods(data) and tabular.is_workbook(data) and not tabular.is_xlsx(data)
    rows, described = tabular.read_rows(data)
    assert described == "OpenDocument spreadsheet (.ods)"
    assert rows == [["Supplier Name", "Paid Date", "Amount"],
                    ["Acme Ltd", "2024-04-03", "1234.56"],
                    ["Bolt Ltd", "2024-04-04 09:30:00", "-2.68"],  # rounded half up to pence, as shown
                    ["Care Co", "2024-04-05", "0.2"]]


def test_repeated_rows_and_cells_are_each_read_and_empty_rows_inside_the_table_are_kept():
    same = row(text("Acme Ltd"), day("2024-04-03", "03/04/2024"), money("50", "£50.00"), attributes=' table:number-rows-repeated="2"')
    data = payments(
        same,  # two identical payments are written once by Calc, repeated
        '<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>',
        row(text("Bolt Ltd"), '<table:table-cell table:number-columns-repeated="2" office:value-type="float" '
            'office:value="7" calcext:value-type="float"><text:p>7</text:p></table:table-cell>'),
    )
    rows, _ = tabular.read_rows(data)
    assert rows == [["Supplier Name", "Paid Date", "Amount"],
                    ["Acme Ltd", "2024-04-03", "50"], ["Acme Ltd", "2024-04-03", "50"],
                    ["", "", ""], ["", "", ""],
                    ["Bolt Ltd", "7", "7"]]


def test_text_is_what_the_cell_shows_without_its_comment():
    data = payments(row(
        '<table:table-cell office:value-type="string"><office:annotation><text:p>Checked by finance</text:p>'
        '</office:annotation><text:p>Smith<text:s text:c="3"/>&amp; Sons</text:p><text:p>Trading as <text:span '
        'text:style-name="T1">Smiths</text:span></text:p></table:table-cell>',
        day("2024-04-03", "03/04/2024"), money("10", "£10.00")))
    rows, _ = tabular.read_rows(data)
    assert rows[1][0] == "Smith   & Sons\nTrading as Smiths"


def test_an_error_cell_is_read_as_its_text_and_a_formula_result_as_its_value():
    data = payments(
        row(text("Acme Ltd"), '<table:table-cell table:formula="of:=NA()" office:value-type="string" office:string-value="" '
            'calcext:value-type="error"><text:p>#N/A</text:p></table:table-cell>',
            '<table:table-cell table:formula="of:=[.D2]+[.E2]" office:value-type="float" office:value="120" '
            'calcext:value-type="float"><text:p>120</text:p></table:table-cell>'))
    rows, _ = tabular.read_rows(data)
    assert rows[1] == ["Acme Ltd", "#N/A", "120"]


def test_formulas_saved_without_results_are_refused():
    data = payments(row(text("Acme Ltd"), day("2024-04-03", "03/04/2024"),
                        '<table:table-cell table:formula="of:=SUM([.C1:.C1])"/>'))
    with pytest.raises(FileError, match="formulas whose results were never calculated"):
        tabular.read_rows(data)


def test_a_payee_merged_down_is_read_on_each_of_its_lines():
    data = payments(
        row(text("Care Co Ltd", ' table:number-columns-spanned="1" table:number-rows-spanned="2"'),
            day("2024-04-05", "05/04/2024"), money("100", "£100.00")),
        row('<table:covered-table-cell/>', day("2024-04-06", "06/04/2024"), money("200", "£200.00")),
    )
    rows, _ = tabular.read_rows(data)
    assert [r[0] for r in rows[1:]] == ["Care Co Ltd", "Care Co Ltd"]


def test_a_title_merged_across_stays_one_cell():
    title = row(text("Anytown Council: payments over £500", ' table:number-columns-spanned="3" table:number-rows-spanned="1"'),
                '<table:covered-table-cell table:number-columns-repeated="2"/>')
    data = ods(sheet("Payments", title, HEADER, row(text("Acme Ltd"), day("2024-04-03", "03/04/2024"), money("5", "£5.00"))))
    rows, _ = tabular.read_rows(data)
    assert rows[0] == ["Anytown Council: payments over £500", "", ""]


@pytest.mark.parametrize("visibility", ["collapse", "filter"])
def test_hidden_or_filtered_rows_with_something_in_them_are_refused(visibility):
    data = payments(
        row(text("Acme Ltd"), day("2024-04-03", "03/04/2024"), money("5", "£5.00")),
        row(text("Bolt Ltd"), day("2024-04-03", "03/04/2024"), money("6", "£6.00"), attributes=f' table:visibility="{visibility}"'),
    )
    with pytest.raises(FileError, match=r"hidden rows with something in them \(rows 3\)"):
        tabular.read_rows(data)


def test_hidden_empty_rows_are_no_reason_to_refuse():
    data = payments(
        row(text("Acme Ltd"), day("2024-04-03", "03/04/2024"), money("5", "£5.00")),
        '<table:table-row table:visibility="collapse" table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>',
        row(text("Bolt Ltd"), day("2024-04-03", "03/04/2024"), money("6", "£6.00")),
    )
    rows, _ = tabular.read_rows(data)
    assert rows[-1] == ["Bolt Ltd", "2024-04-03", "6"]


def test_the_table_sheet_is_chosen_and_a_hidden_sheet_is_not_read():
    notes = sheet("Read me", row(text("Published under the Open Government Licence")))
    old = sheet("Old data", HEADER, *[row(text(f"Old {n}"), day("2019-04-03", "03/04/2019"), money("1", "£1.00"))
                                      for n in range(9)], style="ta2")
    data = ods(notes, payments_sheet := sheet("Payments", HEADER, row(text("Acme Ltd"), day("2024-04-03", "x"), money("5", "£5"))),
               old, styles=HIDDEN_STYLE)
    assert payments_sheet
    rows, described = tabular.read_rows(data)
    assert described == "OpenDocument spreadsheet (.ods), sheet “Payments”"
    assert rows[1][0] == "Acme Ltd"
    assert [title for title, _ in tabular.sheet_heads(data)] == ["Read me", "Payments"]


def test_the_1904_date_system_is_said():
    settings = ('<table:calculation-settings table:automatic-find-labels="false"><table:null-date '
                'table:date-value="1904-01-01"/></table:calculation-settings>')
    data = payments(row(text("Acme Ltd"), day("2024-04-03", "03/04/2024"), money("5", "£5.00")), settings=settings)
    assert tabular.counts_days_from_1904(data)
    assert not tabular.counts_days_from_1904(payments(row(text("Acme Ltd"), EMPTY, money("5", "£5.00"))))
    _, described = tabular.read_rows(data)
    assert described.endswith(tabular.MAC_DATES)


def test_a_spreadsheet_whose_mimetype_is_not_first_is_still_known():
    data = payments(row(text("Acme Ltd"), day("2024-04-03", "03/04/2024"), money("5", "£5.00")), mimetype_first=False)
    assert tabular.is_ods(data)
    assert tabular.read_rows(data)[0][1][0] == "Acme Ltd"


def test_damaged_protected_and_oversized_spreadsheets_are_refused_with_what_to_do():
    whole = payments(row(text("Acme Ltd"), day("2024-04-03", "03/04/2024"), money("5", "£5.00")))
    with pytest.raises(FileError, match="part of it is damaged"):
        tabular.read_rows(whole[:len(whole) - 200])
    protected = payments(row(text("x")), manifest='<manifest:manifest><manifest:encryption-data/></manifest:manifest>')
    with pytest.raises(FileError, match="protected with a password"):
        tabular.read_rows(protected)
    bad_xml = ods('<table:table table:name="S"><table:table-row><table:table-cell>')
    with pytest.raises(FileError, match="damaged"):
        tabular.read_rows(bad_xml)
    beyond = ods(sheet("Payments", HEADER, '<table:table-row table:number-rows-repeated="1048576"><table:table-cell '
                                           'table:number-columns-repeated="1024"/></table:table-row>',
                       row(text("Far away"))))
    with pytest.raises(FileError, match="larger than a spreadsheet can be"):
        tabular.read_rows(beyond)


def test_a_large_sheet_is_read_without_holding_its_xml():
    rows = [row(text(f"Supplier {n} Ltd"), day("2024-04-03", "03/04/2024"), money(f"{n}.5", "x")) for n in range(3000)]
    book = opendocument.read_ods(payments(*rows))
    assert len(book.sheets[0].values) == 3001 and book.sheets[0].values[-1][0] == "Supplier 2999 Ltd"
    assert len(opendocument.read_ods(payments(*rows), rows=25).sheets[0].values) == 25
