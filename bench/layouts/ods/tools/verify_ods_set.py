#!/usr/bin/env python3
"""Verify the .ods spend-file set against answers.csv.

For every file listed in answers.csv:
  1. the file is an ODF spreadsheet zip written by LibreOffice (mimetype first,
     meta.xml generator says LibreOffice); lists its sheets and which are hidden;
  2. content.xml: the answer sheet exists, no hidden/filtered row holds data,
     merged (covered) cells of the answer sheet are located;
  3. LibreOffice opens it and `soffice --headless --convert-to csv` (all sheets,
     cell contents as shown, UTF-8) writes the answer sheet; from that CSV the
     payment lines are found independently (amount parses as money, payee not
     empty -- or covered by a vertical merge --, date parses when there is a
     date column, no cell says "total") and their count and sum must equal
     `lines` and `total` in answers.csv;
  4. the same CSV rows must match tools/expected_lines.json line by line
     (0-based row, payee, amount as shown).
Exit status 0 only if every file passes. Standard library + soffice only.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from decimal import Decimal, InvalidOperation

HERE = os.path.dirname(os.path.abspath(__file__))
SETDIR = os.path.dirname(HERE)
NS = {
    'office': 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
    'table': 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
    'style': 'urn:oasis:names:tc:opendocument:xmlns:style:1.0',
    'text': 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
    'meta': 'urn:oasis:names:tc:opendocument:xmlns:meta:1.0',
}
T = '{%s}' % NS['table']
CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false,false,-1'
DATE_FORMATS = ['%d/%m/%Y', '%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d-%b-%Y']
MONEY = re.compile(r'^(-)?\(?(-)?£?\s*([0-9]{1,3}(?:,[0-9]{3})*|[0-9]+)(\.[0-9]{1,2})?\)?$')


def parse_money(s: str):
    s = s.strip()
    if not s:
        return None
    m = MONEY.match(s)
    if not m:
        return None
    neg = bool(m.group(1) or m.group(2)) or (s.startswith('(') and s.endswith(')'))
    try:
        v = Decimal(m.group(3).replace(',', '') + (m.group(4) or ''))
    except InvalidOperation:
        return None
    return -v if neg else v


def parse_date(s: str):
    for f in DATE_FORMATS:
        try:
            return dt.datetime.strptime(s.strip(), f)
        except ValueError:
            pass
    return None


def sheet_info(path):
    """-> (generator, [(name, hidden)], {sheet: {'covered': set((r,c)), 'hidden_data_rows': [...],
    'formulas': n, 'merges': n, 'max_rows_repeated': n, 'multi_para_cells': n}})"""
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        assert names[0] == 'mimetype', 'mimetype is not the first zip member'
        assert z.read('mimetype') == b'application/vnd.oasis.opendocument.spreadsheet', 'wrong mimetype'
        meta = ET.fromstring(z.read('meta.xml'))
        gen = meta.find('.//meta:generator', NS)
        content = ET.fromstring(z.read('content.xml'))
    table_display = {}
    for st in content.iter('{%s}style' % NS['style']):
        if st.get('{%s}family' % NS['style']) == 'table':
            tp = st.find('style:table-properties', NS)
            table_display[st.get('{%s}name' % NS['style'])] = (tp is not None and tp.get(T + 'display') == 'false')
    sheets, info = [], {}
    for tab in content.iter(T + 'table'):
        name = tab.get(T + 'name')
        sheets.append((name, table_display.get(tab.get(T + 'style-name'), False)))
        covered, hidden_data, formulas, merges, maxrep, multi = set(), [], 0, 0, 1, 0
        r = 0
        for row in tab.iter(T + 'table-row'):
            rep = int(row.get(T + 'number-rows-repeated', '1'))
            maxrep = max(maxrep, rep)
            vis = row.get(T + 'visibility', 'visible')
            c = 0
            has_data = False
            for cell in row:
                crep = int(cell.get(T + 'number-columns-repeated', '1'))
                is_cov = cell.tag == T + 'covered-table-cell'
                content_here = (cell.get('{%s}value-type' % NS['office']) is not None
                                or cell.find('text:p', NS) is not None)
                has_data |= content_here
                if cell.get(T + 'formula'):
                    formulas += 1
                if cell.get(T + 'number-rows-spanned', '1') != '1' or cell.get(T + 'number-columns-spanned', '1') != '1':
                    merges += 1
                if len(cell.findall('text:p', NS)) > 1:
                    multi += 1
                if is_cov and rep == 1 and crep < 100:
                    for k in range(crep):
                        covered.add((r, c + k))
                c += crep
            if vis != 'visible' and has_data:
                hidden_data.append(r)
            r += rep
        info[name] = dict(covered=covered, hidden_data_rows=hidden_data, formulas=formulas, merges=merges,
                          max_rows_repeated=maxrep, multi_para_cells=multi)
    return (gen.text if gen is not None else ''), sheets, info


def to_csv(paths, outdir, profile):
    soffice = shutil.which('soffice')
    if not soffice:
        sys.exit('soffice not found (apt-get install -y libreoffice-calc-nogui)')
    cmd = [soffice, f'-env:UserInstallation=file://{profile}', '--headless', '--convert-to', CSV_FILTER,
           '--outdir', outdir] + paths
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600)
    return p.stdout


def main():
    with open(os.path.join(SETDIR, 'answers.csv'), newline='', encoding='utf-8') as fh:
        answers = list(csv.DictReader(fh))
    assert list(answers[0].keys()) == ['file', 'sheet', 'payee_col', 'amount_col', 'date_col', 'lines', 'total',
                                       'notes'], 'answers.csv header'
    with open(os.path.join(HERE, 'expected_lines.json'), encoding='utf-8') as fh:
        expected = json.load(fh)
    failures = []
    with tempfile.TemporaryDirectory(prefix='odsverify-') as tmp:
        log = to_csv([os.path.join(SETDIR, a['file']) for a in answers], tmp, os.path.join(tmp, 'profile'))
        for a in answers:
            f = a['file']
            errs = []
            try:
                gen, sheets, info = sheet_info(os.path.join(SETDIR, f))
            except Exception as e:  # noqa: BLE001
                failures.append(f'{f}: not a readable ODS: {e}')
                print(f'FAIL {f}: {e}')
                continue
            if not gen.startswith('LibreOffice'):
                errs.append(f'generator is {gen!r}, not LibreOffice')
            names = [n for n, _ in sheets]
            if a['sheet'] not in names:
                errs.append(f'sheet {a["sheet"]!r} not in {names}')
            if any(h for n, h in sheets if n == a['sheet']):
                errs.append('answer sheet is hidden')
            for n in names:
                if info[n]['hidden_data_rows']:
                    errs.append(f'sheet {n!r} has hidden rows holding data: {info[n]["hidden_data_rows"]}')
            base = f[:-4]
            csv_path = os.path.join(tmp, f'{base}-{a["sheet"]}.csv')
            if not os.path.exists(csv_path):
                errs.append('LibreOffice wrote no CSV for the answer sheet (did it open?)')
                failures.append(f'{f}: ' + '; '.join(errs))
                print(f'FAIL {f}: ' + '; '.join(errs))
                continue
            with open(csv_path, newline='', encoding='utf-8') as fh:
                grid = list(csv.reader(fh))
            pc = int(a['payee_col'])
            dc = int(a['date_col']) if a['date_col'] != '' else None
            if '-' in a['amount_col']:
                deb, cre = (int(x) for x in a['amount_col'].split('-'))
            else:
                deb, cre = int(a['amount_col']), None
            covered = info[a['sheet']]['covered']

            def cell(row, c):
                return row[c] if c < len(row) else ''

            found = []  # (row, payee, amount)
            last_payee = None
            for r, row in enumerate(grid):
                if any('total' in x.lower() for x in row):
                    last_payee = None
                    continue
                if cre is None:
                    amt = parse_money(cell(row, deb))
                else:
                    d, c_ = parse_money(cell(row, deb)), parse_money(cell(row, cre))
                    amt = None if d is None and c_ is None else (d or 0) - (c_ or 0)
                payee = cell(row, pc)
                if payee == '' and (r, pc) in covered:
                    payee = last_payee or ''
                if amt is None or payee.strip() == '':
                    last_payee = None if not any(row) else last_payee
                    continue
                if dc is not None and parse_date(cell(row, dc)) is None:
                    continue
                last_payee = payee
                found.append((r, payee, amt))
            n, total = len(found), sum((x[2] for x in found), Decimal('0.00'))
            if n != int(a['lines']):
                errs.append(f'CSV has {n} payment lines, answers.csv says {a["lines"]}')
            if f'{total:.2f}' != a['total']:
                errs.append(f'CSV payment lines sum to {total:.2f}, answers.csv says {a["total"]}')
            exp = expected[f]
            exp_rows = [(e['row'], e['payee'], e['amount']) for e in exp['lines']]
            got_rows = [(r, p, f'{v:.2f}') for r, p, v in found]
            if exp_rows != got_rows:
                diff = [x for x in exp_rows if x not in got_rows][:3] + ['|'] + [x for x in got_rows if x not in exp_rows][:3]
                errs.append(f'line-by-line mismatch with expected_lines.json: {diff}')
            if f'{sum(Decimal(e["amount"]) for e in exp["lines"]):.2f}' != a['total']:
                errs.append('expected_lines.json does not sum to the answer total')
            # a printed Total / Net row, if any, should agree
            printed = []
            for row in grid:
                if any(re.match(r'^(total|net spend)', x.strip().lower()) for x in row):
                    printed.append([x for x in row if parse_money(x) is not None])
            extra = f'{len(grid)} CSV rows; sheets {[(n + (" [hidden]" if h else "")) for n, h in sheets]}; ' \
                    f'merges {info[a["sheet"]]["merges"]}, formulas {info[a["sheet"]]["formulas"]}, ' \
                    f'multi-line cells {info[a["sheet"]]["multi_para_cells"]}, ' \
                    f'largest repeated-row run {info[a["sheet"]]["max_rows_repeated"]}'
            if printed:
                extra += f'; printed totals {printed}'
            if errs:
                failures.append(f'{f}: ' + '; '.join(errs))
                print(f'FAIL {f}: ' + '; '.join(errs))
            else:
                print(f'ok   {f}: {n} lines, total {total:.2f} ({extra})')
    if failures:
        print(f'\n{len(failures)} of {len(answers)} files FAILED')
        print(log)
        return 1
    print(f'\nall {len(answers)} files verified')
    return 0


if __name__ == '__main__':
    sys.exit(main())
