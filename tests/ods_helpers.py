"""OpenDocument spreadsheets (.ods) written in tests as the XML LibreOffice Calc saves: a zip whose
first entry names the type, and content.xml with styles, settings and sheets."""

import io
import zipfile

NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"')
HIDDEN_STYLE = ('<style:style style:name="ta2" style:family="table" style:master-page-name="Default">'
                '<style:table-properties table:display="false" style:writing-mode="lr-tb"/></style:style>')


def ods(*tables: str, styles: str = "", settings: str = "", mimetype_first: bool = True, manifest: str = "") -> bytes:
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES} office:version="1.3">'
               f'<office:automatic-styles>{styles}</office:automatic-styles>'
               f'<office:body><office:spreadsheet>{settings}{"".join(tables)}</office:spreadsheet></office:body>'
               '</office:document-content>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if not mimetype_first:
            archive.writestr("content.xml", content)
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest or '<manifest:manifest/>')
        if mimetype_first:
            archive.writestr("content.xml", content)
    return out.getvalue()


def text(value: str, attributes: str = "") -> str:
    return f'<table:table-cell office:value-type="string" calcext:value-type="string"{attributes}><text:p>{value}</text:p></table:table-cell>'


def money(value: str, shown: str, attributes: str = "") -> str:
    return (f'<table:table-cell table:style-name="ce2" office:value-type="currency" office:currency="GBP" '
            f'office:value="{value}" calcext:value-type="currency"{attributes}><text:p>{shown}</text:p></table:table-cell>')


def day(iso: str, shown: str) -> str:
    return (f'<table:table-cell office:value-type="date" office:date-value="{iso}" calcext:value-type="date">'
            f'<text:p>{shown}</text:p></table:table-cell>')


EMPTY = '<table:table-cell/>'
TO_THE_EDGE = '<table:table-cell table:number-columns-repeated="1021"/>'  # as Calc pads a row


def row(*cells: str, attributes: str = "") -> str:
    return f'<table:table-row table:style-name="ro1"{attributes}>{"".join(cells)}{TO_THE_EDGE}</table:table-row>'


def sheet(name: str, *rows: str, style: str = "ta1") -> str:
    return (f'<table:table table:name="{name}" table:style-name="{style}">'
            '<table:table-column table:style-name="co1" table:number-columns-repeated="3" table:default-cell-style-name="Default"/>'
            f'{"".join(rows)}'
            '<table:table-row table:style-name="ro1" table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
            '</table:table>')


HEADER = row(text("Supplier Name"), text("Paid Date"), text("Amount"))


def payments(*rows: str, **kwargs) -> bytes:
    return ods(sheet("Payments", HEADER, *rows), **kwargs)
