"""Tiny writer for LibreOffice flat-XML spreadsheets (.fods).

The generator builds each workbook as .fods with this module and then lets
LibreOffice (soffice --headless --convert-to ods) open it and save it as .ods,
so the files in the set are exactly what Calc writes.

Model
-----
Workbook(sheets=[Sheet, ...], active=name)
Sheet(name, rows, hidden=False, col_widths=[...], pad=...)
  rows: list of rows; a row is a list of items, one per column:
    None            empty cell
    COVERED         a cell covered by a merge (horizontal or vertical)
    Cell(...)       a real cell
  an empty list is an empty row.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

COVERED = object()

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" '
    'xmlns:ooo="http://openoffice.org/2004/office" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"'
)

_GBP = ('<number:currency-symbol number:language="en" number:country="GB">£'
        '</number:currency-symbol>')


def _num(dp=2, grouping=True):
    g = ' number:grouping="true"' if grouping else ''
    return (f'<number:number number:decimal-places="{dp}" number:min-decimal-places="{dp}" '
            f'number:min-integer-digits="1"{g}/>')


_DMY = ('<number:day number:style="long"/><number:text>/</number:text>'
        '<number:month number:style="long"/><number:text>/</number:text>'
        '<number:year number:style="long"/>')
_DMMMY = ('<number:day number:style="long"/><number:text>-</number:text>'
          '<number:month number:textual="true"/><number:text>-</number:text>'
          '<number:year number:style="long"/>')
_HMS = ('<number:text> </number:text><number:hours number:style="long"/><number:text>:</number:text>'
        '<number:minutes number:style="long"/><number:text>:</number:text>'
        '<number:seconds number:style="long"/>')
_HM = ('<number:text> </number:text><number:hours number:style="long"/><number:text>:</number:text>'
       '<number:minutes number:style="long"/>')

DATA_STYLES = f"""
<number:currency-style style:name="Ngbp_pos" style:volatile="true">{_GBP}{_num()}</number:currency-style>
<number:currency-style style:name="Ngbp_red"><style:text-properties fo:color="#ff0000"/><number:text>-</number:text>{_GBP}{_num()}<style:map style:condition="value()&gt;=0" style:apply-style-name="Ngbp_pos"/></number:currency-style>
<number:currency-style style:name="Ngbp_br"><number:text>(</number:text>{_GBP}{_num()}<number:text>)</number:text><style:map style:condition="value()&gt;=0" style:apply-style-name="Ngbp_pos"/></number:currency-style>
<number:currency-style style:name="Ngbp_brred"><style:text-properties fo:color="#ff0000"/><number:text>(</number:text>{_GBP}{_num()}<number:text>)</number:text><style:map style:condition="value()&gt;=0" style:apply-style-name="Ngbp_pos"/></number:currency-style>
<number:currency-style style:name="Ngbp_minus"><number:text>-</number:text>{_GBP}{_num()}<style:map style:condition="value()&gt;=0" style:apply-style-name="Ngbp_pos"/></number:currency-style>
<number:number-style style:name="Nnum2g">{_num()}</number:number-style>
<number:number-style style:name="Nnum2">{_num(grouping=False)}</number:number-style>
<number:number-style style:name="Nnum2g_redpos" style:volatile="true">{_num()}</number:number-style>
<number:number-style style:name="Nnum2g_red"><style:text-properties fo:color="#ff0000"/><number:text>-</number:text>{_num()}<style:map style:condition="value()&gt;=0" style:apply-style-name="Nnum2g_redpos"/></number:number-style>
<number:date-style style:name="Ndmy">{_DMY}</number:date-style>
<number:date-style style:name="Ndmmmy">{_DMMMY}</number:date-style>
<number:date-style style:name="Ndmy_hms">{_DMY}{_HMS}</number:date-style>
<number:date-style style:name="Ndmy_hm">{_DMY}{_HM}</number:date-style>
"""

_BORDER = 'fo:border="0.06pt solid #000000"'
_HDRBG = 'fo:background-color="#d9e1f2"'

# cell style name -> (data style or None, cell props, text props)
CELL_STYLES = {
    'title': (None, '', 'fo:font-size="14pt" fo:font-weight="bold"'),
    'subtitle': (None, '', 'fo:font-weight="bold"'),
    'italic': (None, '', 'fo:font-style="italic"'),
    'hdr': (None, f'{_BORDER} {_HDRBG} fo:wrap-option="wrap" style:vertical-align="middle"', 'fo:font-weight="bold"'),
    'txt': (None, '', ''),
    'btxt': (None, _BORDER, ''),
    'wrap': (None, 'fo:wrap-option="wrap" style:vertical-align="top"', ''),
    'bwrap': (None, f'{_BORDER} fo:wrap-option="wrap" style:vertical-align="top"', ''),
    'vmerge': (None, f'{_BORDER} style:vertical-align="middle"', ''),
    'vmerge_wrap': (None, f'{_BORDER} fo:wrap-option="wrap" style:vertical-align="middle"', ''),
    'd_dmy': ('Ndmy', '', ''),
    'bd_dmy': ('Ndmy', _BORDER, ''),
    'd_dmmmy': ('Ndmmmy', '', ''),
    'bd_dmmmy': ('Ndmmmy', _BORDER, ''),
    'd_dmy_hms': ('Ndmy_hms', '', ''),
    'bd_dmy_hm': ('Ndmy_hm', _BORDER, ''),
    'gbp_red': ('Ngbp_red', '', ''),
    'bgbp_red': ('Ngbp_red', _BORDER, ''),
    'gbp_br': ('Ngbp_br', '', ''),
    'bgbp_br': ('Ngbp_br', _BORDER, ''),
    'gbp_brred': ('Ngbp_brred', '', ''),
    'bgbp_brred': ('Ngbp_brred', _BORDER, ''),
    'gbp_minus': ('Ngbp_minus', '', ''),
    'bgbp_minus': ('Ngbp_minus', _BORDER, ''),
    'num2g': ('Nnum2g', '', ''),
    'bnum2g': ('Nnum2g', _BORDER, ''),
    'num2': ('Nnum2', '', ''),
    'num2g_red': ('Nnum2g_red', '', ''),
    'tot_gbp_red': ('Ngbp_red', 'fo:border-top="0.74pt solid #000000" fo:border-bottom="1.5pt double #000000"', 'fo:font-weight="bold"'),
    'tot_gbp_br': ('Ngbp_br', 'fo:border-top="0.74pt solid #000000" fo:border-bottom="1.5pt double #000000"', 'fo:font-weight="bold"'),
    'tot_gbp_brred': ('Ngbp_brred', 'fo:border-top="0.74pt solid #000000" fo:border-bottom="1.5pt double #000000"', 'fo:font-weight="bold"'),
    'tot_num2g': ('Nnum2g', 'fo:border-top="0.74pt solid #000000"', 'fo:font-weight="bold"'),
    'tot_label': (None, '', 'fo:font-weight="bold"'),
    'border': (None, _BORDER, ''),
    'fill': (None, 'fo:background-color="#fff2cc"', ''),
    'fill_border': (None, f'{_BORDER} fo:background-color="#fff2cc"', ''),
    'ralign': (None, '', ''),  # right-aligned text (amounts typed as text)
}
_PARA = {'ralign': 'fo:text-align="end"'}


@dataclass
class Cell:
    kind: str  # 's' string, 'f' float, 'c' currency GBP, 'd' date/datetime
    value: object = None
    style: str | None = None
    formula: str | None = None
    colspan: int = 1
    rowspan: int = 1


def S(text, style=None, **kw):
    return Cell('s', text, style, **kw)


def F(value, style=None, **kw):
    return Cell('f', value, style, **kw)


def C(value, style=None, **kw):
    return Cell('c', value, style, **kw)


def D(value, style=None, **kw):
    return Cell('d', value, style, **kw)


@dataclass
class Sheet:
    name: str
    rows: list
    hidden: bool = False
    col_widths: list = field(default_factory=list)  # in cm, one per column
    # formatted-but-empty area after the table
    pad_rows: int = 0          # number of formatted empty rows after the last row
    pad_cols: int = 0          # number of columns those rows span
    pad_style: str | None = None
    wrap_rows: set = field(default_factory=set)  # rows needing taller height
    # formatted-but-empty cells to the right of every row (table rows and pad rows)
    right_pad_cols: int = 0
    right_pad_style: str | None = None


@dataclass
class Workbook:
    sheets: list
    active: str | None = None
    title: str = ''


def _text_xml(text: str) -> str:
    paras = []
    for line in str(text).split('\n'):
        out = []
        i = 0
        n = len(line)
        while i < n:
            ch = line[i]
            if ch == ' ':
                j = i
                while j < n and line[j] == ' ':
                    j += 1
                run = j - i
                if run == 1 and 0 < i and j < n:
                    out.append(' ')
                else:
                    out.append(f'<text:s text:c="{run}"/>' if run > 1 else '<text:s/>')
                i = j
            elif ch == '\t':
                out.append('<text:tab/>')
                i += 1
            else:
                j = i
                while j < n and line[j] not in ' \t':
                    j += 1
                out.append(escape(line[i:j]))
                i = j
        paras.append('<text:p>' + ''.join(out) + '</text:p>')
    return ''.join(paras)


def _fmt_value(v) -> str:
    if isinstance(v, Decimal):
        s = format(v, 'f')
    else:
        s = repr(float(v))
    if '.' in s:
        s = s.rstrip('0').rstrip('.')
    return s


def _cell_xml(c: Cell) -> str:
    a = []
    if c.style:
        a.append(f'table:style-name="{c.style}"')
    if c.formula:
        a.append(f'table:formula={quoteattr(c.formula)}')
    body = ''
    if c.kind == 's':
        a.append('office:value-type="string"')
        body = _text_xml(c.value)
    elif c.kind == 'f':
        a.append(f'office:value-type="float" office:value="{_fmt_value(c.value)}"')
    elif c.kind == 'c':
        a.append(f'office:value-type="currency" office:currency="GBP" office:value="{_fmt_value(c.value)}"')
    elif c.kind == 'd':
        v = c.value
        if isinstance(v, _dt.datetime):
            dv = v.strftime('%Y-%m-%dT%H:%M:%S')
        else:
            dv = v.strftime('%Y-%m-%d')
        a.append(f'office:value-type="date" office:date-value="{dv}"')
    else:
        raise ValueError(c.kind)
    if c.colspan > 1 or c.rowspan > 1:
        a.append(f'table:number-columns-spanned="{c.colspan}" table:number-rows-spanned="{c.rowspan}"')
    return f'<table:table-cell {" ".join(a)}>{body}</table:table-cell>'


def _row_xml(row, style='ro1') -> str:
    parts = []
    empties = 0

    def flush():
        nonlocal empties
        if empties:
            rep = f' table:number-columns-repeated="{empties}"' if empties > 1 else ''
            parts.append(f'<table:table-cell{rep}/>')
            empties = 0

    for item in row:
        if item is None:
            empties += 1
            continue
        flush()
        if item is COVERED:
            parts.append('<table:covered-table-cell/>')
        else:
            parts.append(_cell_xml(item))
    flush()
    if not parts:
        parts.append('<table:table-cell/>')
    return f'<table:table-row table:style-name="{style}">' + ''.join(parts) + '</table:table-row>'


def _sheet_xml(sh: Sheet, idx: int) -> str:
    out = [f'<table:table table:name={quoteattr(sh.name)} table:style-name="{"ta_hidden" if sh.hidden else "ta1"}">']
    for ci, w in enumerate(sh.col_widths):
        out.append(f'<table:table-column table:style-name="co_{idx}_{ci}" table:default-cell-style-name="Default"/>')
    right = ''
    if sh.right_pad_cols:
        right = (f'<table:table-cell table:style-name="{sh.right_pad_style}" '
                 f'table:number-columns-repeated="{sh.right_pad_cols}"/>')
    width = max([len(r) for r in sh.rows] + [sh.pad_cols])
    for ri, row in enumerate(sh.rows):
        if right:
            row = list(row) + [None] * (width - len(row))
        xml = _row_xml(row, 'ro_wrap' if ri in sh.wrap_rows else 'ro1')
        if right:
            xml = xml[:-len('</table:table-row>')] + right + '</table:table-row>'
        out.append(xml)
    if sh.pad_rows:
        rep = f' table:number-columns-repeated="{sh.pad_cols}"' if sh.pad_cols > 1 else ''
        out.append(f'<table:table-row table:style-name="ro1" table:number-rows-repeated="{sh.pad_rows}">'
                   f'<table:table-cell table:style-name="{sh.pad_style}"{rep}/>{right}</table:table-row>')
    out.append('</table:table>')
    return ''.join(out)


def _styles_xml(wb: Workbook) -> str:
    out = [DATA_STYLES]
    for name, (ds, cellp, textp) in CELL_STYLES.items():
        dsa = f' style:data-style-name="{ds}"' if ds else ''
        inner = ''
        if cellp:
            inner += f'<style:table-cell-properties {cellp}/>'
        if name in _PARA:
            inner += f'<style:paragraph-properties {_PARA[name]}/>'
        if textp:
            inner += f'<style:text-properties {textp}/>'
        out.append(f'<style:style style:name="{name}" style:family="table-cell" style:parent-style-name="Default"{dsa}>{inner}</style:style>')
    out.append('<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>')
    out.append('<style:style style:name="ta_hidden" style:family="table"><style:table-properties table:display="false"/></style:style>')
    out.append('<style:style style:name="ro1" style:family="table-row"><style:table-row-properties style:use-optimal-row-height="true"/></style:style>')
    out.append('<style:style style:name="ro_wrap" style:family="table-row"><style:table-row-properties style:row-height="0.9cm" style:use-optimal-row-height="true"/></style:style>')
    for si, sh in enumerate(wb.sheets):
        for ci, w in enumerate(sh.col_widths):
            out.append(f'<style:style style:name="co_{si}_{ci}" style:family="table-column">'
                       f'<style:table-column-properties style:column-width="{w}cm"/></style:style>')
    return ''.join(out)


def _settings_xml(wb: Workbook) -> str:
    if not wb.active:
        return ''
    return ('<office:settings><config:config-item-set config:name="ooo:view-settings">'
            '<config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>'
            '<config:config-item config:name="ViewId" config:type="string">view1</config:config-item>'
            f'<config:config-item config:name="ActiveTable" config:type="string">{escape(wb.active)}</config:config-item>'
            '</config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set></office:settings>')


def to_fods(wb: Workbook) -> str:
    default_style = ('<office:styles><style:default-style style:family="table-cell">'
                     '<style:text-properties fo:language="en" fo:country="GB"/></style:default-style>'
                     '<style:style style:name="Default" style:family="table-cell"/></office:styles>')
    meta = f'<office:meta><dc:title>{escape(wb.title)}</dc:title></office:meta>' if wb.title else ''
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<office:document {NS} office:version="1.3" '
            'office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
            + meta + _settings_xml(wb) + default_style
            + '<office:automatic-styles>' + _styles_xml(wb) + '</office:automatic-styles>'
            + '<office:body><office:spreadsheet>'
            + ''.join(_sheet_xml(sh, i) for i, sh in enumerate(wb.sheets))
            + '</office:spreadsheet></office:body></office:document>\n')


def col_letter(idx: int) -> str:
    s = ''
    idx += 1
    while idx:
        idx, r = divmod(idx - 1, 26)
        s = chr(65 + r) + s
    return s
