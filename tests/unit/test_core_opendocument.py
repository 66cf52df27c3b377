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


# What an adversarial review found (each imported wrongly, refused a good file, or took the server's
# memory or time), as LibreOffice writes or reads such files.

def test_a_covered_cell_that_kept_its_own_value_is_read_as_it_is():
    # Merging with "keep the contents of the hidden cells": Bolt Ltd's line is not Acme Ltd's.
    data = payments(
        row(text("Acme Ltd", ' table:number-rows-spanned="2"'), day("2024-04-03", "x"), money("600", "x")),
        row('<table:covered-table-cell office:value-type="string"><text:p>Bolt Ltd</text:p></table:covered-table-cell>',
            day("2024-05-09", "x"), money("700", "x")))
    rows, _ = tabular.read_rows(data)
    assert [r[0] for r in rows[1:]] == ["Acme Ltd", "Bolt Ltd"]


def test_an_amount_written_as_text_and_merged_down_is_not_paid_on_each_row():
    data = payments(
        row(text("Acme Ltd", ' table:number-rows-spanned="2"'), day("2024-04-03", "x"),
            text("£1,234.56", ' table:number-rows-spanned="2"')),
        row('<table:covered-table-cell/>', day("2024-04-03", "x"), '<table:covered-table-cell/>'))
    rows, _ = tabular.read_rows(data)
    assert [r[2] for r in rows[1:]] == ["£1,234.56", ""]  # the second row then has no amount: refused


def test_an_error_saved_by_older_office_suites_with_a_zero_is_its_error():
    data = payments(row(text("Acme Ltd"), day("2024-04-03", "x"),
                        '<table:table-cell table:formula="oooc:=[.E2]/[.F2]" office:value-type="float" office:value="0">'
                        '<text:p>#DIV/0!</text:p></table:table-cell>'))
    assert tabular.read_rows(data)[0][1][2] == "#DIV/0!"


def test_a_formula_whose_result_is_empty_text_is_calculated():
    # As LibreOffice saves =IF(B2>1000;"check";""): no value type, an empty paragraph.
    data = payments(row(text("Acme Ltd"), day("2024-04-03", "x"), money("600", "x"),
                        '<table:table-cell table:formula="of:=IF([.C2]&gt;1000;&quot;check&quot;;&quot;&quot;)"><text:p/>'
                        '</table:table-cell>'))
    assert tabular.read_rows(data)[0][1] == ["Acme Ltd", "2024-04-03", "600"]  # not refused as never calculated


def test_the_stored_text_is_read_not_the_text_a_format_shows():
    data = payments(row('<table:table-cell office:value-type="string" office:string-value="Acme Ltd"><text:p>Paid to '
                        'Acme Ltd</text:p></table:table-cell>', day("2024-04-03", "x"), money("600", "x")))
    assert tabular.read_rows(data)[0][1][0] == "Acme Ltd"


def test_the_cached_data_of_a_link_to_another_program_is_not_a_sheet():
    link = ('<table:dde-links><table:dde-link><office:dde-source office:dde-application="soffice" office:dde-topic="x" '
            'office:dde-item="A1:B4"/><table:table table:name="Sheet2">'
            + "".join(row(text(f"Cached {n}"), money("1", "1")) for n in range(4)) + '</table:table></table:dde-link>'
            '</table:dde-links>')
    data = ods(sheet("Payments", HEADER, row(text("Acme Ltd"), day("2024-04-03", "x"), money("600", "x"))) + link)
    assert [title for title, _ in tabular.sheet_heads(data)] == ["Payments"]
    assert tabular.read_rows(data)[0][1][0] == "Acme Ltd"


def test_a_visible_sheet_is_read_before_a_hidden_one_of_the_same_name():
    hidden = sheet("Payments", HEADER, *[row(text(f"Old {n}"), day("2019-04-03", "x"), money("1", "x")) for n in range(9)],
                   style="ta2")
    shown = sheet("Payments", HEADER, row(text("Acme Ltd"), day("2024-04-03", "x"), money("600", "x")))
    rows, _ = tabular.read_rows(ods(hidden, shown, styles=HIDDEN_STYLE), sheet="Payments")
    assert rows[1][0] == "Acme Ltd"


@pytest.mark.parametrize("value", ["INF", "NaN", "1e400"])
def test_a_number_no_spreadsheet_holds_is_read_as_text_and_so_refused_by_the_amount_rules(value):
    data = payments(row(text("Acme Ltd"), day("2024-04-03", "x"),
                        f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p>'
                        '</table:table-cell>'))
    assert tabular.read_rows(data)[0][1][2] == value


def test_other_ways_of_zipping_a_spreadsheet_are_still_known():
    import io
    import zipfile

    whole = payments(row(text("Acme Ltd"), day("2024-04-03", "x"), money("600", "x")))
    with zipfile.ZipFile(io.BytesIO(whole)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    manifest = (b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                b'<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
                b'spreadsheet"/></manifest:manifest>')
    for compressed, with_mimetype in ((True, True), (False, False)):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED) as archive:
            for name, content in parts.items():
                if name == "mimetype" and not with_mimetype:
                    continue
                archive.writestr(name, manifest if name == "META-INF/manifest.xml" else content)
        assert tabular.is_ods(out.getvalue())
        assert tabular.read_rows(out.getvalue())[0][1][0] == "Acme Ltd"


def test_a_small_file_that_would_expand_past_what_a_spend_file_holds_is_refused_at_once():
    wide_row = '<table:table-row table:number-rows-repeated="100000"><table:table-cell table:number-columns-repeated' \
               '="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'
    with pytest.raises(FileError, match="too large to read"):
        tabular.read_rows(ods(sheet("P", wide_row)))
    far = ods(sheet("P", row(EMPTY * 3 + '<table:table-cell table:number-columns-repeated="16000"/>' + text("stray")),
                    '<table:table-row table:number-rows-repeated="1000000"><table:table-cell/></table:table-row>',
                    row(text("far below"))))
    with pytest.raises(FileError, match="too large to read"):
        tabular.read_rows(far)


def test_merged_ranges_claiming_the_whole_sheet_over_and_over_are_each_filled_once():
    # A thousand merges of a million rows each, in one column: the first is filled, the rest overlap it.
    values = [["x"]] + [[None] for _ in range(200_000)]
    tabular._fill_merged(values, [(1, 1, 1, 1_048_576)] * 1000)
    assert values[-1] == ["x"]


def test_a_workbooks_hidden_sheets_are_named_for_the_report_whatever_its_format():
    import io

    from openpyxl import Workbook

    old = sheet("Old data", HEADER, row(text("Old Ltd"), day("2019-04-03", "x"), money("1", "x")), style="ta2")
    assert tabular.hidden_sheets(ods(payments_sheet(), old, styles=HIDDEN_STYLE)) == ["Old data"]
    book = Workbook()
    book.active.title = "Payments"
    book.create_sheet("Q4 2019 & earlier").sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    assert tabular.hidden_sheets(out.getvalue()) == ["Q4 2019 & earlier"]
    assert tabular.hidden_sheets(payments(row(text("Acme Ltd")))) == []
    assert tabular.hidden_sheets(b"Supplier,Amount\r\nAcme Ltd,1\r\n") == []


def payments_sheet():
    return sheet("Payments", HEADER, row(text("Acme Ltd"), day("2024-04-03", "x"), money("600", "x")))
