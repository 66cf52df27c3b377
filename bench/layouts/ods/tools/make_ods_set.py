#!/usr/bin/env python3
"""Generate the blind .ods spend-file test set.

Each workbook is built as LibreOffice flat XML (.fods, see fods.py), then
LibreOffice opens it and saves it as .ods:

    soffice --headless --convert-to ods --outdir <set dir> <file>.fods

so every .ods in the set is Calc's own output. The answer for each file
(lines, total, column indexes, 0-based row numbers in the notes) is computed
here from the very data written into the workbook, never typed by hand.

Outputs (in the set folder, the parent of this tools/ folder):
    *.ods                 the 12 files
    answers.csv           file,sheet,payee_col,amount_col,date_col,lines,total,notes
    README.md             one line per file + provenance
    tools/expected_lines.json   per payment line: 0-based row, payee, amount as shown
                                (used by verify_ods_set.py)

Needs only the Python standard library and LibreOffice (soffice on PATH).
Deterministic: fixed random seeds.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal, ROUND_HALF_UP

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fods import COVERED, C, D, F, S, Sheet, Workbook, col_letter, to_fods  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SETDIR = os.path.dirname(HERE)
CENT = Decimal('0.01')

# ---------------------------------------------------------------- pools ----
# (name, kind, expense type, low, high)   kind: co = company, ch = charity,
# pb = public body, ind = individual (always published redacted)
SUPPLIERS = [
    ('Brightwater Facilities Management Ltd', 'co', 'Cleaning & Domestic Services', 800, 30000),
    ('Kestrel Highways Ltd', 'co', 'Highways Maintenance', 2000, 180000),
    ('Greenfold Waste Services Ltd', 'co', 'Waste Disposal Contract', 5000, 240000),
    ('Avonlea Care Homes Ltd', 'co', 'Residential Care - Older People', 1500, 60000),
    ('Quillbrook Stationers Ltd', 'co', 'Printing & Stationery', 500, 4000),
    ('Meridale IT Solutions Ltd', 'co', 'IT Software Licences', 700, 90000),
    ('Hollins & Marsh Solicitors LLP', 'co', 'Legal Fees', 600, 25000),
    ('Tarnside Plant Hire Ltd', 'co', 'Equipment Hire', 500, 12000),
    ('Oakridge Construction (Midlands) Ltd', 'co', 'Building Works - Capital', 10000, 250000),
    ('Pennygate Energy Supply Ltd', 'co', 'Electricity', 900, 70000),
    ('Corvid Fuel Cards Ltd', 'co', 'Vehicle Fuel', 1000, 20000),
    ('Lindenhurst Agency Staffing Ltd', 'co', 'Agency Staff', 900, 45000),
    ('Saxby Home Care Services Ltd', 'co', 'Home Care', 1000, 80000),
    ('Harbourne Taxis Ltd', 'co', 'Home to School Transport', 600, 15000),
    ('Wrenfield Grounds Maintenance Ltd', 'co', 'Grounds Maintenance', 700, 30000),
    ('Ashdown Office Furniture Ltd', 'co', 'Furniture & Fittings', 500, 9000),
    ('Calderstone Consulting LLP', 'co', 'Consultancy Fees', 2000, 60000),
    ('Blackthorn Security Services Ltd', 'co', 'Security Services', 600, 20000),
    ('Fellgate Street Lighting Ltd', 'co', 'Street Lighting Maintenance', 1000, 50000),
    ('Marlow Rise Foster Care Ltd', 'co', 'Independent Fostering Agency', 2500, 40000),
    ('Northdene Telecom plc', 'co', 'Telephones & Data Lines', 500, 25000),
    ('Pipkin & Daughters Catering Ltd', 'co', 'Catering Supplies', 500, 8000),
    ('Riverbend Print & Design Ltd', 'co', 'Printing & Stationery', 500, 6000),
    ('Sandycroft Vehicle Services Ltd', 'co', 'Vehicle Repairs & Maintenance', 500, 15000),
    ('Thornbury Insurance Brokers Ltd', 'co', 'Insurance Premiums', 1000, 120000),
    ('Vale Water Hygiene Ltd', 'co', 'Legionella Testing', 500, 5000),
    ('Whitcombe Architects LLP', 'co', 'Professional Fees - Capital', 1500, 40000),
    ('Yardley Fencing Contractors Ltd', 'co', 'Building Repairs & Maintenance', 500, 18000),
    ('Zephyr Digital Ltd', 'co', 'Website Development', 800, 20000),
    ('Elmstead Payroll Services Ltd', 'co', 'Payroll Services', 1000, 15000),
    ('Copperbeech Residential Ltd', 'co', 'Residential Care - Learning Disabilities', 2000, 75000),
    ('Gildersome Roofing Ltd', 'co', 'Building Repairs & Maintenance', 600, 35000),
    ('St Brannoc\'s Hospice', 'ch', 'Grants to Voluntary Organisations', 500, 30000),
    ('Tarnside Community Trust', 'ch', 'Grants to Voluntary Organisations', 500, 20000),
    ('Fernbank Citizens Advice', 'ch', 'Service Level Agreements', 2000, 40000),
    ('Heathcote Carers Centre', 'ch', 'Carers Support', 800, 25000),
    ('Millrace Youth Project', 'ch', 'Grants to Voluntary Organisations', 500, 12000),
    ('Downland Women\'s Refuge', 'ch', 'Supporting People', 1500, 35000),
    ('Kingfisher Housing Association', 'ch', 'Temporary Accommodation', 700, 30000),
    ('Bellwether Credit Union Ltd', 'ch', 'Welfare Assistance', 500, 6000),
    ('HM Revenue & Customs', 'pb', 'PAYE & NI Deductions', 20000, 250000),
    ('Environment Agency', 'pb', 'Licences & Permits', 500, 9000),
    ('Fenmoor Clinical Commissioning Group', 'pb', 'Better Care Fund Contributions', 10000, 200000),
    ('Westmarch Pension Fund', 'pb', 'Pension Contributions', 15000, 230000),
]
REDACTED = ['REDACTED', 'Personal data', 'REDACTED - PERSONAL DATA', 'Redacted personal data']
IND_TYPES = [('Foster Care Allowances', 500, 3000), ('Direct Payments', 600, 6000),
             ('Special Guardianship Allowance', 500, 2500), ('Compensation Payments', 500, 4000)]

DIRECTORATES = {
    'Adult Social Care': ['Older People', 'Learning Disabilities', 'Physical Disabilities', 'Commissioning'],
    "Children's Services": ['Looked After Children', 'Fostering & Adoption', 'SEN Transport', 'Early Help'],
    'Environment & Place': ['Highways', 'Waste & Recycling', 'Parks & Open Spaces', 'Fleet Management'],
    'Resources': ['ICT', 'Finance', 'Legal & Democratic', 'Property Services', 'Human Resources'],
    'Communities': ['Housing Options', 'Libraries', 'Leisure', 'Community Safety'],
}
DIR_FOR_TYPE = {
    'Residential Care - Older People': 'Adult Social Care', 'Home Care': 'Adult Social Care',
    'Residential Care - Learning Disabilities': 'Adult Social Care', 'Carers Support': 'Adult Social Care',
    'Direct Payments': 'Adult Social Care', 'Better Care Fund Contributions': 'Adult Social Care',
    'Independent Fostering Agency': "Children's Services", 'Foster Care Allowances': "Children's Services",
    'Home to School Transport': "Children's Services", 'Special Guardianship Allowance': "Children's Services",
    'Highways Maintenance': 'Environment & Place', 'Waste Disposal Contract': 'Environment & Place',
    'Grounds Maintenance': 'Environment & Place', 'Street Lighting Maintenance': 'Environment & Place',
    'Vehicle Fuel': 'Environment & Place', 'Vehicle Repairs & Maintenance': 'Environment & Place',
    'Equipment Hire': 'Environment & Place', 'Licences & Permits': 'Environment & Place',
    'Temporary Accommodation': 'Communities', 'Supporting People': 'Communities',
    'Grants to Voluntary Organisations': 'Communities', 'Welfare Assistance': 'Communities',
    'Service Level Agreements': 'Communities', 'Catering Supplies': 'Communities',
}
PURPOSE = {
    'Cleaning & Domestic Services': 'Office cleaning contract - monthly charge',
    'Highways Maintenance': 'Carriageway resurfacing works',
    'Waste Disposal Contract': 'Residual waste disposal - gate fees',
    'Residential Care - Older People': 'Residential placements - 4 weekly',
    'Printing & Stationery': 'Stationery order',
    'IT Software Licences': 'Annual software licence renewal',
    'Legal Fees': 'Counsel fees - childcare proceedings',
    'Equipment Hire': 'Hire of plant and equipment',
    'Building Works - Capital': 'Interim valuation - school extension',
    'Electricity': 'Electricity supply - corporate buildings',
    'Vehicle Fuel': 'Fuel card transactions',
    'Agency Staff': 'Agency social worker cover',
    'Home Care': 'Domiciliary care - framework',
    'Home to School Transport': 'School transport contract routes',
    'Grounds Maintenance': 'Grass cutting and shrub beds',
    'Furniture & Fittings': 'Office furniture',
    'Consultancy Fees': 'Project management support',
    'Security Services': 'Mobile patrol and key holding',
    'Street Lighting Maintenance': 'Column replacement programme',
    'Independent Fostering Agency': 'IFA placement fees',
    'Telephones & Data Lines': 'Data line rental',
    'Catering Supplies': 'Catering provisions',
    'Vehicle Repairs & Maintenance': 'Fleet servicing',
    'Insurance Premiums': 'Insurance premium instalment',
    'Legionella Testing': 'Water hygiene monitoring',
    'Professional Fees - Capital': 'Design fees - RIBA stage 3',
    'Building Repairs & Maintenance': 'Responsive repairs',
    'Website Development': 'Website hosting and support',
    'Payroll Services': 'Payroll bureau charge',
    'Residential Care - Learning Disabilities': 'Supported living placements',
    'Grants to Voluntary Organisations': 'Community grant - quarterly instalment',
    'Service Level Agreements': 'Advice services SLA',
    'Carers Support': 'Carers breaks service',
    'Supporting People': 'Housing related support',
    'Temporary Accommodation': 'Nightly paid accommodation',
    'Welfare Assistance': 'Local welfare provision',
    'PAYE & NI Deductions': 'PAYE and NIC - monthly',
    'Licences & Permits': 'Permit subsistence charge',
    'Better Care Fund Contributions': 'BCF pooled budget contribution',
    'Pension Contributions': 'Employer pension contributions',
    'Foster Care Allowances': 'Fostering allowance',
    'Direct Payments': 'Direct payment',
    'Special Guardianship Allowance': 'SGO allowance',
    'Compensation Payments': 'Ombudsman remedy payment',
}


def h(s: str, n: int) -> int:
    return int(hashlib.sha256(s.encode()).hexdigest(), 16) % n


def company_no(name):
    return f'{h(name + "c", 10**7):08d}' if not name.startswith('HM ') else ''


def charity_no(name):
    return str(1000000 + h(name + 'ch', 199999))


def vat_no(name):
    v = h(name + 'v', 10**9)
    return f'GB {v // 10**6:03d} {(v // 100) % 10**4:04d} {v % 100:02d}'


def supplier_id(name):
    return str(100000 + h(name + 'id', 899999))


def q2(x) -> Decimal:
    return Decimal(x).quantize(CENT, rounding=ROUND_HALF_UP)


def gbp_text(d: Decimal) -> str:
    s = f'£{abs(d):,.2f}'
    return '-' + s if d < 0 else s


def run_days(year, month, rng, k=8):
    d = dt.date(year, month, 1)
    days = []
    while d.month == month:
        if d.weekday() < 5:
            days.append(d)
        d += dt.timedelta(days=1)
    return sorted(rng.sample(days, min(k, len(days))))


def make_payments(rng, n, year=None, month=None, months=None, p_credit=0.07, p_ind=0.08):
    """n payments: dicts with supplier, kind, etype, amount(Decimal), date."""
    if months is None:
        months = [(year, month)]
    days = []
    for (y, m) in months:
        days += run_days(y, m, rng, 8)
    out = []
    for _ in range(n):
        r = rng.random()
        if r < p_ind:
            et, lo, hi = rng.choice(IND_TYPES)
            name, kind = rng.choice(REDACTED), 'ind'
        else:
            name, kind, et, lo, hi = rng.choice(SUPPLIERS)
        if rng.random() < p_credit:
            amt = -q2(rng.uniform(40, 5000 if hi > 5000 else hi))
        else:
            amt = q2(2.718281828 ** rng.uniform(_ln(lo), _ln(hi)))
            if rng.random() < 0.15:  # round sums are common (grants, fees)
                amt = q2(round(amt, -2) or 500)
        out.append(dict(supplier=name, kind=kind, etype=et, amount=amt, date=rng.choice(days)))
    out.sort(key=lambda p: p['date'])
    return out


def _ln(x):
    import math
    return math.log(x)


def dir_service(rng, et):
    d = DIR_FOR_TYPE.get(et) or rng.choice(['Resources', 'Communities', 'Environment & Place'])
    return d, rng.choice(DIRECTORATES[d])


def rows_note(rows):
    """compact 0-based row list: 4-12,14-40"""
    rows = sorted(rows)
    parts, start, prev = [], None, None
    for r in rows:
        if start is None:
            start = prev = r
        elif r == prev + 1:
            prev = r
        else:
            parts.append(f'{start}-{prev}' if start != prev else f'{start}')
            start = prev = r
    if start is not None:
        parts.append(f'{start}-{prev}' if start != prev else f'{start}')
    return ','.join(parts)


class Built:
    def __init__(self, file, wb, sheet, payee_col, amount_col, date_col, expected, notes, desc,
                 amount_kind='single'):
        self.file, self.wb, self.sheet = file, wb, sheet
        self.payee_col, self.amount_col, self.date_col = payee_col, amount_col, date_col
        self.expected = expected  # list of dict(row, payee, amount: Decimal shown, covered)
        self.notes, self.desc = notes, desc

    @property
    def lines(self):
        return len(self.expected)

    @property
    def total(self):
        return sum((e['amount'] for e in self.expected), Decimal('0.00'))


def pad(row, ncols):
    return row + [None] * (ncols - len(row))


def merged_title(text, ncols, style='title'):
    return [S(text, style, colspan=ncols)] + [COVERED] * (ncols - 1)


# ------------------------------------------------------------- file 1 ------
def f01():
    rng = random.Random(101)
    fn = 'lb_fernleigh_2015_07.ods'
    pays = make_payments(rng, 38, 2015, 7)
    hdr = ['Directorate', 'Service Area', 'Expense Type', 'Supplier Name', 'Transaction No',
           'Payment Date', 'Amount']
    rows = [merged_title('London Borough of Fernleigh', 7),
            merged_title('Payments to suppliers - July 2015', 7, 'subtitle'),
            merged_title('Spend over £500. Published under the Local Government Transparency Code.', 7, 'italic'),
            [S(x, 'hdr') for x in hdr]]
    exp = []
    txn = 5031200
    for p in pays:
        d, s = dir_service(rng, p['etype'])
        txn += rng.randint(1, 40)
        exp.append(dict(row=len(rows), payee=p['supplier'], amount=p['amount']))
        rows.append([S(d, 'btxt'), S(s, 'btxt'), S(p['etype'], 'btxt'), S(p['supplier'], 'btxt'),
                     F(txn, 'btxt'), D(p['date'], 'bd_dmy'), C(p['amount'], 'bgbp_red')])
    first, last = exp[0]['row'], exp[-1]['row']
    rows.append([])
    total_row = len(rows)
    tot = sum(e['amount'] for e in exp)
    rows.append([None] * 5 + [S('Total', 'tot_label'),
                             C(tot, 'tot_gbp_red', formula=f'of:=SUM([.G{first + 1}:.G{last + 1}])')])
    sh = Sheet('July 2015', rows, col_widths=[4.2, 4.2, 5.5, 7.5, 2.8, 2.6, 3.0],
               pad_rows=460, pad_cols=7, pad_style='border')
    notes = (f'title rows 0-2 each merged across A:G; header row 3; payment rows {first}-{last}; '
             f'row {total_row - 1} empty; row {total_row} Total label in col 5 with =SUM() in col 6 (not a payment); '
             f'then 460 bordered empty rows (repeated); Amount currency £#,##0.00 with negatives red -£; '
             f'dates are date cells shown dd/mm/yyyy; Transaction No is a number cell (col 4)')
    desc = ('London Borough of Fernleigh, July 2015: merged 3-row title, currency amounts with red negatives, '
            '=SUM Total row, bordered empty rows after the table.')
    return Built(fn, Workbook([sh], title='Fernleigh spend July 2015'), 'July 2015', 3, 6, 5, exp, notes, desc)


# ------------------------------------------------------------- file 2 ------
def f02():
    rng = random.Random(202)
    fn = 'ashcombe_dc_2014_q2.ods'
    pays = make_payments(rng, 45, months=[(2014, 7), (2014, 8), (2014, 9)])
    pays.sort(key=lambda p: (DIR_FOR_TYPE.get(p['etype'], 'Resources'), p['supplier']))
    readme = [[S('Ashcombe District Council', 'title')],
              [S('Expenditure over £500 - Quarter 2 2014/15', 'subtitle')],
              [],
              [S('This workbook lists every payment of £500 or more made by the Council to suppliers')],
              [S('between 1 July 2014 and 30 September 2014 (Quarter 2 of the 2014/15 financial year).')],
              [S("The payments are on the sheet 'Q2 2014-15'. Amounts exclude recoverable VAT.")],
              [S('Payments to individuals have been redacted to protect personal data.')],
              [],
              [S('Contains public sector information licensed under the Open Government Licence v3.0.')],
              [S('Questions: transparency@ashcombe.example.gov.uk')]]
    hdr = ['Service Area', 'Cost Centre', 'Expenditure Type', 'Supplier Name', 'Amount (£)']
    rows = [[S('Ashcombe District Council', 'title')],
            [S('Expenditure over £500 - Quarter 2 2014/15 (1 July 2014 to 30 September 2014)', 'subtitle')],
            [],
            [S(x, 'hdr') for x in hdr]]
    exp = []
    for p in pays:
        d, s = dir_service(rng, p['etype'])
        cc = f'{d[0]}{h(s, 900) + 100}'
        exp.append(dict(row=len(rows), payee=p['supplier'], amount=p['amount']))
        rows.append([S(s), S(cc), S(p['etype']), S(p['supplier']), F(p['amount'], 'num2g')])
    first, last = exp[0]['row'], exp[-1]['row']
    sheets = [Sheet('Read me', readme, col_widths=[18.0]),
              Sheet('Q2 2014-15', rows, col_widths=[4.5, 2.5, 6.0, 7.5, 3.0])]
    notes = (f"sheet 0 'Read me' is a cover sheet (text only) before the data sheet; title rows 0-1 (not merged), "
             f'row 2 empty; header row 3; payment rows {first}-{last}; fiscal-quarter file: no per-line date '
             f'(period Q2 2014/15, July-September 2014, only in the title); amounts are number cells #,##0.00 '
             f'(negatives shown -1,234.56); no total row')
    desc = ("Ashcombe District Council, Q2 2014/15: 'Read me' cover sheet first, quarter in the title only "
            '(no date column), plain #,##0.00 amounts.')
    return Built(fn, Workbook(sheets, active='Q2 2014-15', title='Ashcombe Q2 2014/15'), 'Q2 2014-15',
                 3, 4, None, exp, notes, desc)


# ------------------------------------------------------------- file 3 ------
LGTC23 = ['Body Name', 'Body', 'Service Area Categorisation', 'Responsible Unit', 'Expenses Type',
          'Detailed Expenses Type', 'Expenses Code', 'Narrative', 'Date', 'Transaction Number',
          'Net Amount', 'Irrecoverable VAT', 'Supplier Name', 'Supplier ID', 'Contract Number', 'Notes',
          'VAT Registration Number', 'Company Number', 'Charity Number', 'Purchase Card Transaction',
          'Merchant Category', 'Procurement Category', 'Payment Method']


def f03():
    rng = random.Random(303)
    fn = 'kingsmere_cc_2016_03.ods'
    pays = make_payments(rng, 60, 2016, 3, p_ind=0.1)
    rows = [[S(x, 'hdr') for x in LGTC23]]
    exp = []
    txn = 81000000
    with_time = 0
    for i, p in enumerate(pays):
        d, s = dir_service(rng, p['etype'])
        txn += rng.randint(1, 90)
        name, kind = p['supplier'], p['kind']
        when = dt.datetime.combine(p['date'], dt.time(0, 0))
        if rng.random() < 0.25:
            when = when.replace(hour=rng.randint(8, 17), minute=rng.randint(0, 59), second=rng.randint(0, 59))
            with_time += 1
        pcard = kind == 'co' and rng.random() < 0.12
        vat = q2(p['amount'] * Decimal('0.2')) if (kind == 'co' and rng.random() < 0.1) else Decimal('0')
        row = [S('Kingsmere County Council'), S('http://opendatacommunities.org/id/county-council/kingsmere'),
               S(d), S(s), S(p['etype']), S(PURPOSE.get(p['etype'], p['etype'])),
               S(f'E{h(p["etype"], 9000) + 1000}'),
               S(PURPOSE.get(p['etype'], '') if kind != 'ind' else 'Payment to individual'),
               D(when, 'd_dmy_hms'), F(txn), F(p['amount'], 'num2'), F(vat, 'num2'),
               S(name), S(supplier_id(name)) if kind != 'ind' else None,
               S(f'CN{h(name, 99999):05d}') if kind == 'co' and rng.random() < 0.4 else None,
               None,
               S(vat_no(name)) if kind == 'co' else None,
               S(company_no(name)) if kind == 'co' else None,
               S(charity_no(name)) if kind == 'ch' else None,
               S('Y' if pcard else 'N'),
               S(rng.choice(['Office Supplies', 'Fuel', 'Travel'])) if pcard else None,
               S(rng.choice(['Construction', 'ICT', 'Social Care', 'Facilities', 'Professional Services'])),
               S('Purchase Card' if pcard else rng.choice(['BACS', 'BACS', 'BACS', 'CHAPS', 'Cheque']))]
        exp.append(dict(row=len(rows), payee=name, amount=p['amount']))
        rows.append(row)
    first, last = exp[0]['row'], exp[-1]['row']
    notes_sheet = [[S('Notes', 'title')],
                   [S('1. Net Amount excludes recoverable VAT. Irrecoverable VAT is shown separately.')],
                   [S('2. Supplier names of individuals are redacted (Data Protection Act 1998).')],
                   [S('3. Date is the date the payment was released from the payment system.')],
                   [S('4. Published under the Local Government Transparency Code 2015.')]]
    sh = Sheet('Spend March 2016', rows, col_widths=[4.5, 6, 4, 4, 5, 5, 2.3, 6, 3.8, 2.6, 2.5, 2.3, 7,
                                                       2.2, 2.4, 2.4, 3.3, 2.4, 2.4, 2.2, 3, 3.5, 2.6],
               right_pad_cols=1001, right_pad_style='num2',
               pad_rows=940, pad_cols=23, pad_style='btxt')
    notes = (f'wide LGTC layout, 23 columns; header row 0; payment rows {first}-{last}; '
             f'Date (col 8) are date-time cells shown dd/mm/yyyy hh:mm:ss, {with_time} of them with a non-midnight time; '
             f'Net Amount (col 10) number cells 0.00, Irrecoverable VAT (col 11) separate and not added; '
             f'Transaction Number col 9 is a number; Company Number (col 17) text with leading zeros; '
             f'940 bordered empty rows after the table and 1001 formatted empty columns to the right; '
             f"sheet 1 'Notes' after the data sheet")
    desc = ('Kingsmere County Council, March 2016: 23-column LGTC layout, date-time cells (some with a time), '
            "formatted empty rows/columns after the table, 'Notes' sheet after.")
    return Built(fn, Workbook([sh, Sheet('Notes', notes_sheet, col_widths=[20])], title='Kingsmere March 2016'),
                 'Spend March 2016', 12, 10, 8, exp, notes, desc)


# ------------------------------------------------------------- file 4 ------
def f04():
    rng = random.Random(404)
    fn = 'harrowby_dene_ccg_2017_11.ods'
    nhs = [('Harrowby Dene  Community  Healthcare NHS Trust', 'Community Services', 40000, 240000),
           ('Avonlea Care Homes Ltd', 'Continuing Healthcare', 1500, 40000),
           ('North   Dene Medical Group', 'Primary Care - GP Services', 3000, 90000),
           ('Saxby Home Care Services Ltd', 'Continuing Healthcare', 1000, 30000),
           ('Meridale IT Solutions Ltd', 'IT Services', 800, 25000),
           ('Calderstone Consulting LLP', 'Consultancy', 2000, 50000),
           ('Lindenhurst Agency Staffing Ltd', 'Agency Staff', 900, 20000),
           ('Heathcote Carers Centre', 'Voluntary Sector Grants', 1000, 15000),
           ('Fenmoor Community Pharmacy Ltd', 'Prescribing', 500, 8000),
           ('Riverside  Hospice', 'Palliative Care', 5000, 60000)]
    areas = ['Acute  Commissioning', 'Community Services', 'Continuing  Care', 'Primary Care',
             'Corporate   Costs', 'Mental Health']
    hdr = ['Department Family', 'Entity', 'Date', 'Expense Type', 'Expense Area', 'Supplier',
           'Transaction Number', 'Amount', 'Description', 'Supplier Postcode']
    rows = [[S(x, 'hdr') for x in hdr]]
    days = run_days(2017, 11, rng, 6)
    items = []
    for _ in range(25):
        if rng.random() < 0.08:
            name, et, lo, hi = 'REDACTED', 'Continuing Healthcare - Personal Health Budget', 600, 5000
        else:
            name, et, lo, hi = rng.choice(nhs)
        amt = q2(2.718281828 ** rng.uniform(_ln(lo), _ln(hi)))
        if rng.random() < 0.08:
            amt = -q2(rng.uniform(50, 4000))
        items.append((rng.choice(days), name, et, amt))
    items.sort(key=lambda t: t[0])
    exp = []
    txn = 7100
    for day, name, et, amt in items:
        txn += rng.randint(1, 12)
        pc = '' if name == 'REDACTED' else f'HD{h(name, 20) + 1} {h(name, 9) + 1}{chr(65 + h(name, 26))}{chr(65 + h(name + "x", 26))}'
        rows.append([S('Department of Health'), S('NHS Harrowby and Dene CCG'), D(day, 'd_dmmmy'), S(et),
                     S(rng.choice(areas)), S(name), S(f'HDC{txn:06d}'), S(gbp_text(amt), 'ralign'),
                     S('Credit note' if amt < 0 else rng.choice(['Contract payment', 'Invoice', 'Monthly block payment'])),
                     S(pc) if pc else None])
        exp.append(dict(row=len(rows) - 1, payee=name, amount=amt))
    first, last = exp[0]['row'], exp[-1]['row']
    sh = Sheet('Nov 2017', rows, col_widths=[4, 5.5, 2.6, 5.5, 4, 8, 3.3, 2.8, 4.5, 2.8])
    notes = (f'header row 0; payment rows {first}-{last}; Amount (col 7) typed as TEXT like "£1,234.56" '
             f'(credits "-£123.45"), not number cells; Date (col 2) date cells shown dd-Mon-yyyy (e.g. 12-Nov-2017); '
             f'runs of several spaces inside some Supplier and Expense Area texts (e.g. "North   Dene Medical Group"); '
             f'Transaction Number text; no total row')
    desc = ('NHS Harrowby and Dene CCG, November 2017: Treasury-style columns, amounts typed as text "£1,234.56", '
            'dd-Mon-yyyy dates, runs of spaces in names.')
    return Built(fn, Workbook([sh], title='Harrowby and Dene CCG spend November 2017'), 'Nov 2017', 5, 7, 2, exp,
                 notes, desc)


# ------------------------------------------------------------- file 5 ------
def f05():
    rng = random.Random(505)
    fn = 'bramwell_bc_2018_05.ods'
    pays = make_payments(rng, 42, 2018, 5, p_credit=0.1)
    hdr = ['Body', 'Directorate', 'Expenditure Category', 'Payment Date', 'Transaction Ref', 'Supplier', 'Amount']
    rows = [[S('Bramwell Borough Council', 'title')],
            [S('Spend over £500 - May 2018', 'subtitle')],
            [],
            [S(x, 'hdr') for x in hdr]]
    exp = []
    blanks = []
    gaps = {13, 29}  # blank row after the 13th and 29th payment
    for i, p in enumerate(pays):
        if i in gaps:
            blanks.append(len(rows))
            rows.append([])
        d, _ = dir_service(rng, p['etype'])
        exp.append(dict(row=len(rows), payee=p['supplier'], amount=p['amount']))
        rows.append([S('Bramwell Borough Council'), S(d), S(p['etype']), D(p['date'], 'd_dmy'),
                     S(f'BBC/{18000 + i * 7 + rng.randint(0, 6)}'), S(p['supplier']), C(p['amount'], 'gbp_br')])
    first, last = exp[0]['row'], exp[-1]['row']
    rows.append([])
    total_row = len(rows)
    tot = sum(e['amount'] for e in exp)
    rows.append([None] * 4 + [S('TOTAL', 'tot_label'), None,
                             C(tot, 'tot_gbp_br', formula=f'of:=SUM([.G{first + 1}:.G{last + 1}])')])
    sh = Sheet('May 2018', rows, col_widths=[5, 4.5, 6, 2.6, 2.8, 7.5, 3])
    notes = (f'title rows 0-1 (not merged), row 2 empty; header row 3; payment rows {rows_note([e["row"] for e in exp])} '
             f'with empty rows {",".join(map(str, blanks))} inside the table; row {total_row - 1} empty; row {total_row} '
             f'TOTAL label in col 4 and =SUM() in col 6 (not a payment); Amount currency with negatives in brackets '
             f'(£1,234.56) for credits; dates dd/mm/yyyy')
    desc = ('Bramwell Borough Council, May 2018: unmerged title rows, empty rows inside the table, bracketed '
            'negative amounts, =SUM TOTAL row.')
    return Built(fn, Workbook([sh], title='Bramwell spend May 2018'), 'May 2018', 5, 6, 3, exp, notes, desc)


# ------------------------------------------------------------- file 6 ------
def f06():
    rng = random.Random(606)
    fn = 'westcombe_pcc_2019_01.ods'
    police = [('Sandycroft Vehicle Services Ltd', 'Vehicle Repairs & Maintenance', 'Vehicle servicing\nFleet ref {}', 500, 9000),
              ('Corvid Fuel Cards Ltd', 'Vehicle Fuel', 'Fuel card invoice\nPeriod ending {}', 2000, 30000),
              ('Blackthorn Security Services Ltd', 'Security Services', 'Custody suite guarding', 2000, 25000),
              ('Meridale IT Solutions Ltd', 'IT Software Licences', 'Body-worn video licences\nPO {}', 1000, 60000),
              ('Hollins & Marsh Solicitors LLP', 'Legal Fees', 'Legal advice - employment tribunal', 800, 15000),
              ('Westmarch Pension Fund', 'Pension Contributions', 'Police staff pension contributions', 50000, 240000),
              ('HM Revenue & Customs', 'PAYE & NI Deductions', 'PAYE and NIC', 80000, 250000),
              ('Kennet Forensic Services Ltd', 'Forensic Services', 'Forensic analysis - toxicology', 700, 20000),
              ('Northdene Telecom plc', 'Telephones & Data Lines', 'Airwave handset charges', 1500, 40000),
              ('Vale Water Hygiene Ltd', 'Legionella Testing', 'Water hygiene - HQ', 500, 2500),
              ('Heathcote Victim Support', 'Commissioned Services', 'Victims services grant\nQ4 instalment', 5000, 60000),
              ('Pipkin & Daughters Catering Ltd', 'Catering Supplies', 'Custody meals', 500, 4000)]

    def build(year, month, n, seed_off):
        r2 = random.Random(606 + seed_off)
        days = run_days(year, month, r2, 7)
        items = []
        for _ in range(n):
            if r2.random() < 0.07:
                name, et, desc, lo, hi = 'REDACTED', 'Compensation Payments', 'Compensation payment', 500, 4000
            else:
                name, et, desc, lo, hi = r2.choice(police)
            amt = q2(2.718281828 ** r2.uniform(_ln(lo), _ln(hi)))
            if r2.random() < 0.07:
                amt = -q2(r2.uniform(60, 3000))
                desc = 'Credit note\nagainst invoice {}'
            items.append((r2.choice(days), name, et, desc, amt))
        items.sort(key=lambda t: t[0])
        hdr = ['Date', 'Transaction No', 'Supplier', 'Description', 'Cost Centre', 'Expense Type', 'Amount']
        rows = [[S(x, 'hdr') for x in hdr]]
        exp, wraps = [], {0}
        txn = 40000 + month * 1000
        for day, name, et, desc, amt in items:
            txn += r2.randint(1, 30)
            text = desc.format(r2.choice(['WX17 KPD', 'WM66 TRA', 'WY18 BNE', f'{r2.randint(100000, 999999)}',
                                          f'INV-{r2.randint(1000, 9999)}']))
            if '\n' in text:
                wraps.add(len(rows))
            exp.append(dict(row=len(rows), payee=name, amount=amt))
            rows.append([D(day, 'bd_dmy'), S(f'AP{txn}', 'btxt'), S(name, 'btxt'), S(text, 'bwrap'),
                         S(f'WP{h(et, 900) + 100}', 'btxt'), S(et, 'btxt'), C(amt, 'bgbp_minus')])
        return rows, exp, wraps

    old_rows, _, old_wraps = build(2018, 12, 26, 1)
    rows, exp, wraps = build(2019, 1, 30, 0)
    first, last = exp[0]['row'], exp[-1]['row']
    widths = [2.6, 2.6, 7, 6, 2.4, 5.5, 3]
    old = Sheet('Dec 2018', old_rows, hidden=True, col_widths=widths, wrap_rows=old_wraps,
                pad_rows=300, pad_cols=7, pad_style='border')
    cur = Sheet('Jan 2019', rows, col_widths=widths, wrap_rows=wraps, pad_rows=470, pad_cols=7, pad_style='border')
    notes = (f"sheet 0 'Dec 2018' is HIDDEN and holds last month's {len(old_rows) - 1} payments (old data, not the answer); "
             f"data sheet 'Jan 2019' is sheet 1; header row 0; payment rows {first}-{last}; "
             f'Description (col 3) has line breaks inside {len(wraps) - 1} cells (rows {rows_note(wraps - {0})}); '
             f'Amount currency with -£ negatives; dates dd/mm/yyyy; 470 bordered empty rows after the table; no total row')
    desc = ("Westcombe Police and Crime Commissioner, January 2019: hidden first sheet 'Dec 2018' with last month's data, "
            'line breaks inside Description cells, bordered empty rows.')
    return Built(fn, Workbook([old, cur], active='Jan 2019', title='Westcombe OPCC spend January 2019'),
                 'Jan 2019', 2, 6, 0, exp, notes, desc)


# ------------------------------------------------------------- file 7 ------
VATABLE = {'Cleaning & Domestic Services', 'Highways Maintenance', 'Printing & Stationery', 'IT Software Licences',
           'Legal Fees', 'Equipment Hire', 'Building Works - Capital', 'Electricity', 'Vehicle Fuel', 'Agency Staff',
           'Grounds Maintenance', 'Furniture & Fittings', 'Consultancy Fees', 'Security Services',
           'Street Lighting Maintenance', 'Telephones & Data Lines', 'Catering Supplies',
           'Vehicle Repairs & Maintenance', 'Legionella Testing', 'Professional Fees - Capital',
           'Building Repairs & Maintenance', 'Website Development', 'Payroll Services', 'Waste Disposal Contract'}


def f07():
    rng = random.Random(707)
    fn = 'castlebridge_cc_2020_06.ods'
    pays = make_payments(rng, 40, 2020, 6)
    hdr = ['Directorate', 'Service', 'Expense Type', 'Supplier Name', 'Supplier Ref', 'Invoice No',
           'Payment Date', 'Net Amount', 'VAT', 'Gross Amount']
    rows = [merged_title('Castlebridge City Council - Spend over £500 - June 2020', 10),
            merged_title('Published 15 July 2020. Amounts in pounds sterling.', 10, 'italic'),
            [S(x, 'hdr') for x in hdr]]
    exp = []
    for p in pays:
        d, s = dir_service(rng, p['etype'])
        net = p['amount']
        vat = q2(net * Decimal('0.2')) if (p['etype'] in VATABLE and p['kind'] == 'co') else Decimal('0.00')
        r = len(rows) + 1
        exp.append(dict(row=len(rows), payee=p['supplier'], amount=net))
        rows.append([S(d), S(s), S(p['etype']), S(p['supplier']),
                     S(supplier_id(p['supplier'])) if p['kind'] != 'ind' else None,
                     S(f'{rng.choice(["INV", "SI", ""])}{rng.randint(1000, 999999)}'),
                     D(p['date'], 'd_dmy'), C(net, 'gbp_red'), C(vat, 'gbp_red'),
                     C(net + vat, 'gbp_red', formula=f'of:=[.H{r}]+[.I{r}]')])
    first, last = exp[0]['row'], exp[-1]['row']
    notes_sheet = [[S('Notes', 'title')],
                   [S('Net Amount is the amount charged to the Council excluding VAT.')],
                   [S('Gross Amount = Net Amount + VAT.')],
                   [S('Negative values are credit notes.')],
                   [S("Payments to individuals are shown as 'REDACTED' or 'Personal data'.")]]
    sh = Sheet('June 2020', rows, col_widths=[4.5, 4.5, 5.5, 7.5, 2.4, 2.6, 2.6, 3, 2.6, 3])
    notes = (f'title rows 0-1 each merged across A:J; header row 2; payment rows {first}-{last}; '
             f'Net Amount col 7, VAT col 8, Gross Amount col 9 is a formula =Net+VAT on every row; '
             f'answer uses Net (col 7); currency format with red -£ negatives; dates dd/mm/yyyy; '
             f"sheet 1 'Notes' after the data sheet; no total row")
    desc = ('Castlebridge City Council, June 2020: merged title rows, Net/VAT/Gross columns with Gross = Net+VAT '
            "formulas (answer = Net), 'Notes' sheet after.")
    return Built(fn, Workbook([sh, Sheet('Notes', notes_sheet, col_widths=[20])], title='Castlebridge June 2020'),
                 'June 2020', 3, 7, 6, exp, notes, desc)


# ------------------------------------------------------------- file 8 ------
SPACEY = {
    'Greenfold Waste Services Ltd': 'GREENFOLD  WASTE   SERVICES LTD',
    'Kestrel Highways Ltd': 'KESTREL HIGHWAYS LTD   ',
    'Tarnside Community Trust': 'TARNSIDE    COMMUNITY TRUST',
    'Quillbrook Stationers Ltd': 'QUILLBROOK STATIONERS  LTD',
    'Harbourne Taxis Ltd': 'HARBOURNE TAXIS LTD  (SCHOOL ROUTES)',
}


def f08():
    rng = random.Random(808)
    fn = 'lowther_vale_dc_2013_10.ods'
    pays = make_payments(rng, 55, 2013, 10)
    # make sure some spaced names occur
    by_name = {t[0]: t for t in SUPPLIERS}
    for i, nm in zip([3, 11, 20, 33, 47], SPACEY):
        pays[i].update(supplier=nm, kind=by_name[nm][1], etype=by_name[nm][2])
    cover = [[S('Lowther Vale District Council', 'title')],
             [S('Transparency: Expenditure exceeding £500', 'subtitle')],
             [S('Period: October 2013')],
             [],
             [S("Contents: sheet 'Oct 2013' - payments to suppliers.")],
             [S('Prepared by: Corporate Finance. Published November 2013.')]]
    hdr = ['Supplier Name', 'Payment Date', 'Transaction Number', 'Amount', 'Service', 'Expense Description']
    rows = [[S(x, 'hdr') for x in hdr]]
    exp, blanks, spaced = [], [], []
    for i, p in enumerate(pays):
        if i == 18:
            for _ in range(3):
                blanks.append(len(rows))
                rows.append([])
        if i == 40:
            blanks.append(len(rows))
            rows.append([])
        name = p['supplier'].upper() if p['kind'] != 'ind' else p['supplier']
        name = SPACEY.get(p['supplier'], name)
        if '  ' in name or name != name.strip():
            spaced.append(len(rows))
        _, s = dir_service(rng, p['etype'])
        exp.append(dict(row=len(rows), payee=name, amount=p['amount']))
        rows.append([S(name), D(p['date'], 'd_dmmmy'), S(f'{2013100000 + i * 13 + rng.randint(0, 9)}'),
                     F(p['amount'], 'num2g'), S(s), S(p['etype'])])
    first, last = exp[0]['row'], exp[-1]['row']
    sh = Sheet('Oct 2013', rows, col_widths=[8, 2.6, 3.2, 2.6, 4.5, 6])
    notes = (f"sheet 0 'Cover' (text only) before the data sheet 'Oct 2013'; header row 0; payee is the FIRST column; "
             f'payment rows {rows_note([e["row"] for e in exp])}; empty rows {rows_note(blanks)} inside the table '
             f'(a block of 3 and a single one); supplier names with runs of spaces or trailing spaces in rows '
             f'{rows_note(spaced)}; dates dd-Mon-yyyy date cells; Transaction Number is text of digits; '
             f'amounts number cells #,##0.00; no total row')
    desc = ("Lowther Vale District Council, October 2013: 'Cover' sheet first, supplier in column A, blank rows "
            'inside the table, runs of spaces in supplier names, dd-Mon-yyyy dates.')
    return Built(fn, Workbook([Sheet('Cover', cover, col_widths=[16]), sh], active='Oct 2013',
                              title='Lowther Vale October 2013'), 'Oct 2013', 0, 3, 1, exp, notes, desc)


# ------------------------------------------------------------- file 9 ------
def f09():
    rng = random.Random(909)
    fn = 'severnmarch_fra_2021_09.ods'
    fire = [('Sandycroft Vehicle Services Ltd', '4410', 'Fire appliance servicing', 800, 15000),
            ('Corvid Fuel Cards Ltd', '4420', 'Diesel - bulk delivery', 2000, 25000),
            ('Emberline Fire Equipment Ltd', '4510', 'Breathing apparatus cylinders', 1000, 60000),
            ('Northdene Telecom plc', '5120', 'Mobilising system line rental', 1500, 20000),
            ('Westmarch Pension Fund', '1310', 'Firefighters pension contributions', 40000, 220000),
            ('HM Revenue & Customs', '1320', 'PAYE and NIC', 60000, 250000),
            ('Brightwater Facilities Management Ltd', '3210', 'Station cleaning', 800, 9000),
            ('Gildersome Roofing Ltd', '3110', 'Roof repairs - Kelsey fire station', 600, 30000),
            ('Pennygate Energy Supply Ltd', '3310', 'Gas and electricity', 900, 25000),
            ('Severnmarch Training Services Ltd', '2210', 'Incident command course', 1200, 18000)]
    days = run_days(2021, 9, rng, 7)
    items = []
    for _ in range(28):
        name, acc, desc, lo, hi = rng.choice(fire)
        amt = q2(2.718281828 ** rng.uniform(_ln(lo), _ln(hi)))
        credit = rng.random() < 0.14
        if credit:
            amt = q2(rng.uniform(80, 4800))
            desc = 'Credit note - ' + desc.lower()
        when = dt.datetime.combine(rng.choice(days), dt.time(0, 0))
        if rng.random() < 0.3:
            when = when.replace(hour=rng.randint(9, 16), minute=rng.randint(0, 59), second=rng.randint(0, 59))
        items.append((when, name, acc, desc, amt, credit))
    items.sort(key=lambda t: t[0])
    hdr = ['Transaction Date', 'Document No', 'Supplier', 'Account', 'Cost Centre', 'Description', 'Debit', 'Credit']
    rows = [merged_title('Severnmarch Fire and Rescue Authority', 8),
            merged_title('Spend over £500 - September 2021', 8, 'subtitle'),
            [S(x, 'hdr') for x in hdr]]
    exp, ncredit, ntime = [], 0, 0
    doc = 910000
    for when, name, acc, desc, amt, credit in items:
        doc += rng.randint(1, 25)
        ncredit += credit
        ntime += when.time() != dt.time(0, 0)
        exp.append(dict(row=len(rows), payee=name, amount=-amt if credit else amt))
        rows.append([D(when, 'd_dmy_hms'), F(doc), S(name), S(acc), S(f'SF{h(desc, 90) + 10}'), S(desc),
                     None if credit else C(amt, 'gbp_br'), C(amt, 'gbp_br') if credit else None])
    first, last = exp[0]['row'], exp[-1]['row']
    rows.append([])
    trow = len(rows)
    deb = sum(e['amount'] for e in exp if e['amount'] > 0)
    cre = -sum(e['amount'] for e in exp if e['amount'] < 0)
    rows.append([None] * 5 + [S('Total', 'tot_label'),
                             C(deb, 'tot_gbp_br', formula=f'of:=SUM([.G{first + 1}:.G{last + 1}])'),
                             C(cre, 'tot_gbp_br', formula=f'of:=SUM([.H{first + 1}:.H{last + 1}])')])
    rows.append([None] * 5 + [S('Net spend', 'tot_label'),
                             C(deb - cre, 'tot_gbp_br', formula=f'of:=[.G{trow + 1}]-[.H{trow + 1}]')])
    sh = Sheet('Sep 2021', rows, col_widths=[3.8, 2.6, 7, 2, 2.2, 7, 3, 3])
    notes = (f'title rows 0-1 merged across A:H; header row 2; payment rows {first}-{last}; '
             f'DEBIT (col 6) and CREDIT (col 7) columns instead of one amount: each row fills exactly one, '
             f'{ncredit} rows are credits (positive number in Credit, reduce the total); amount = debit - credit; '
             f'Transaction Date (col 0) date-time cells shown dd/mm/yyyy hh:mm:ss, {ntime} with a non-midnight time; '
             f'row {trow - 1} empty; row {trow} Total with =SUM() of each column, row {trow + 1} Net spend =Debit-Credit '
             f'(neither is a payment); currency format with bracketed negatives; Document No number cells')
    desc = ('Severnmarch Fire and Rescue Authority, September 2021: Debit and Credit columns, date-time cells, '
            'merged title, Total and Net spend formula rows.')
    return Built(fn, Workbook([sh], title='Severnmarch FRA September 2021'), 'Sep 2021', 2, '6-7', 0, exp,
                 notes, desc)


# ------------------------------------------------------------ file 10 ------
def f10():
    rng = random.Random(1010)
    fn = 'penrose_valley_2012_04.ods'
    pays = make_payments(rng, 33, 2012, 4)
    hdr = ['Supplier', 'Amount', 'Date Paid', 'Department', 'Category', 'Reference']
    rows = [[S(x, 'subtitle') for x in hdr]]
    exp = []
    for i, p in enumerate(pays):
        d, _ = dir_service(rng, p['etype'])
        exp.append(dict(row=len(rows), payee=p['supplier'], amount=p['amount']))
        rows.append([S(p['supplier']), F(p['amount'], 'num2g_red'), S(p['date'].strftime('%d/%m/%Y')),
                     S(d), S(p['etype']), F(300000 + i * 11 + rng.randint(0, 10))])
    first, last = exp[0]['row'], exp[-1]['row']
    sh = Sheet('Sheet1', rows, col_widths=[7.5, 2.6, 2.4, 4.5, 6, 2.2],
               pad_rows=1200, pad_cols=14, pad_style='fill_border')
    notes = (f"single sheet named 'Sheet1'; header row 0 (bold, no title); payee col 0, amount col 1; "
             f'payment rows {first}-{last}; Date Paid (col 2) typed as TEXT "dd/mm/yyyy", not date cells; '
             f'amounts number cells #,##0.00 with negatives red -1,234.56; Reference col 5 numbers; '
             f'1200 rows x 14 columns of filled, bordered but EMPTY cells after the table (written as repeated rows); '
             f'no total row')
    desc = ("Penrose Valley Council, April 2012: 'Sheet1', supplier first, dates typed as text dd/mm/yyyy, "
            '1200 formatted-but-empty rows after the data.')
    return Built(fn, Workbook([sh, Sheet('Sheet2', [[]]), Sheet('Sheet3', [[]])], title=''), 'Sheet1', 0, 1, 2, exp,
                 notes, desc)


# ------------------------------------------------------------ file 11 ------
def f11():
    rng = random.Random(1111)
    fn = 'dunmore_mbc_2022_02.ods'
    days = run_days(2022, 2, rng, 8)
    # groups of consecutive payments to one supplier
    groups = []
    n = 0
    multiline = 'Brightwater Facilities Management Ltd\n(formerly Brightwater Cleaning Services)'
    pool = [t for t in SUPPLIERS if t[0] != 'Brightwater Facilities Management Ltd']
    rng.shuffle(pool)
    pool.insert(3, (multiline, 'co', 'Cleaning & Domestic Services', 800, 30000))
    while n < 48:
        size = min(rng.choice([1, 1, 2, 2, 3, 4]), 48 - n)
        if rng.random() < 0.08:
            name, kind, et, lo, hi = rng.choice(REDACTED), 'ind', 'Direct Payments', 600, 5000
            size = 1
        else:
            name, kind, et, lo, hi = pool.pop(0)
            if name == multiline:
                size = 3
        pays = []
        for _ in range(size):
            amt = q2(2.718281828 ** rng.uniform(_ln(lo), _ln(hi)))
            if rng.random() < 0.07:
                amt = -q2(rng.uniform(45, 4900))
            pays.append((rng.choice(days), amt))
        pays.sort()
        groups.append((name, kind, et, pays))
        n += size
    groups.sort(key=lambda g: g[0].upper())
    hdr = ['Supplier Name', 'Payment Date', 'Amount', 'Directorate', 'Expense Type', 'Description',
           'Transaction Number']
    rows = [merged_title('Metropolitan Borough of Dunmore', 7),
            merged_title('Spend over £500 - February 2022', 7, 'subtitle'),
            [],
            [S(x, 'hdr') for x in hdr]]
    exp, merges, wraps = [], [], set()
    txn = 2202000
    for name, kind, et, pays in groups:
        d, _ = dir_service(rng, et)
        start = len(rows)
        for k, (day, amt) in enumerate(pays):
            txn += rng.randint(1, 19)
            if k == 0:
                style = 'vmerge_wrap' if '\n' in name else 'vmerge'
                pc = S(name, style, rowspan=len(pays)) if len(pays) > 1 else S(name, style)
            else:
                pc = COVERED
            if '\n' in name:
                wraps.add(len(rows))
            exp.append(dict(row=len(rows), payee=name, amount=amt, covered=k > 0))
            rows.append([pc, D(day, 'bd_dmmmy'), C(amt, 'bgbp_brred'), S(d, 'btxt'), S(et, 'btxt'),
                         S('Credit note' if amt < 0 else PURPOSE.get(et, et), 'btxt'), S(f'{txn}', 'btxt')])
        if len(pays) > 1:
            merges.append(f'{start}-{start + len(pays) - 1}')
    first, last = exp[0]['row'], exp[-1]['row']
    rows.append([])
    trow = len(rows)
    tot = sum(e['amount'] for e in exp)
    rows.append([S('Total for February 2022', 'tot_label'), None,
                 C(tot, 'tot_gbp_brred', formula=f'of:=SUM([.C{first + 1}:.C{last + 1}])')])
    ml_rows = [e['row'] for e in exp if e['payee'] == multiline]
    notes_sheet = [[S('Notes', 'title')],
                   [S('Where a supplier received more than one payment, the supplier name is shown once.')],
                   [S('Credit notes are shown in brackets.')],
                   [S('Personal data has been removed from payments to individuals.')]]
    sh = Sheet('Feb 2022', rows, col_widths=[7.5, 2.6, 3, 4.5, 6, 6, 3], wrap_rows=wraps)
    notes = (f'title rows 0-1 merged across A:G, row 2 empty; header row 3; payment rows {first}-{last}; '
             f'Supplier Name (col 0) MERGED VERTICALLY over consecutive payments to the same supplier '
             f'(rows {", ".join(merges)}): only the first row of each merge holds the name, amount and date are on '
             f'every row; the supplier name at rows {rows_note(ml_rows)} contains a line break '
             f'("Brightwater Facilities Management Ltd" / "(formerly Brightwater Cleaning Services)"); '
             f'dates dd-Mon-yyyy; amounts currency with red bracketed negatives; row {trow - 1} empty; '
             f"row {trow} 'Total for February 2022' with =SUM() in col 2 (not a payment); sheet 1 'Notes' after")
    desc = ('Metropolitan Borough of Dunmore, February 2022: supplier name merged vertically over its payments, '
            "a supplier name with a line break, red bracketed credits, =SUM total row, 'Notes' sheet.")
    return Built(fn, Workbook([sh, Sheet('Notes', notes_sheet, col_widths=[18])], title='Dunmore February 2022'),
                 'Feb 2022', 0, 2, 1, exp, notes, desc)


# ------------------------------------------------------------ file 12 ------
GRES24 = ['Organisation Name', 'Organisation Code', 'Directorate', 'Service Division', 'Service Area',
          'Cost Centre', 'Expenditure Category', 'Expenditure Code', 'Invoice Date', 'Payment Date',
          'Transaction Number', 'Supplier Name', 'Supplier ID', 'Supplier Type', 'VAT Registration',
          'Company Registration', 'Charity Number', 'Net Amount', 'VAT Amount', 'Purpose of Expenditure',
          'Procurement Route', 'Contract Reference', 'Payment Method', 'Merchant Category']


def f12():
    rng = random.Random(1212)
    fn = 'gresford_cc_2023_08.ods'
    pays = make_payments(rng, 57, 2023, 8)
    rows = [[S(x, 'hdr') for x in GRES24]]
    exp, blanks, spaced = [], [], []
    txn = 30080000
    for i, p in enumerate(pays):
        if i in (21, 44):
            blanks.append(len(rows))
            rows.append([])
        d, s = dir_service(rng, p['etype'])
        txn += rng.randint(1, 50)
        # raw value with 3-4 decimals as left by an apportionment formula; never a half-penny tie
        while True:
            raw = (p['amount'] + Decimal(rng.randint(-4999, 4999)) / Decimal(10000)).quantize(Decimal('0.0001'))
            frac = abs(raw * 100) % 1
            if frac != 0 and abs(frac - Decimal('0.5')) > Decimal('0.01') and raw != 0:
                break
        shown = q2(raw)
        vat_raw = (raw * Decimal('0.2')).quantize(Decimal('0.0001')) if p['etype'] in VATABLE and p['kind'] == 'co' else Decimal(0)
        inv = p['date'] - dt.timedelta(days=rng.randint(5, 40))
        name = p['supplier']
        if name == 'Hollins & Marsh Solicitors LLP':
            name = 'Hollins  &  Marsh Solicitors LLP'
            spaced.append(len(rows))
        kind = p['kind']
        stype = {'co': rng.choice(['SME', 'SME', 'Large']), 'ch': 'VCSE', 'pb': 'Public Sector', 'ind': 'Individual'}[kind]
        exp.append(dict(row=len(rows), payee=name, amount=shown, raw=str(raw)))
        rows.append([S('Gresford County Council'), S('E10000099'), S(d), S(s), S(f"{s} - {rng.choice(['North', 'South', 'Central', 'Countywide'])}"),
                     S(f'GC{h(s, 9000) + 1000}'), S(p['etype']), F(h(p['etype'], 90000) + 10000),
                     D(inv, 'bd_dmy'), D(p['date'], 'bd_dmy'), F(txn),
                     S(name), S(supplier_id(name)) if kind != 'ind' else None, S(stype),
                     S(vat_no(name)) if kind == 'co' else None, S(company_no(name)) if kind == 'co' else None,
                     S(charity_no(name)) if kind == 'ch' else None,
                     F(raw, 'bnum2g'), F(vat_raw, 'bnum2g'), S(PURPOSE.get(p['etype'], '')),
                     S(rng.choice(['Framework', 'Tender', 'Quotation', 'Direct Award', 'Contract'])),
                     S(f'GCC-{h(name, 9999):04d}') if rng.random() < 0.5 else None,
                     S(rng.choice(['BACS', 'BACS', 'BACS', 'CHAPS'])), None])
    first, last = exp[0]['row'], exp[-1]['row']
    raw_total = sum(Decimal(e['raw']) for e in exp)
    sh = Sheet('Aug 2023', rows, col_widths=[4.5, 2.4, 4, 4, 4.5, 2.2, 5.5, 2.4, 2.5, 2.5, 2.8, 7, 2.2, 2.4,
                                               3.3, 2.6, 2.4, 2.8, 2.6, 6, 3, 2.8, 2.6, 3])
    total_shown = sum(e['amount'] for e in exp)
    notes = (f'wide layout, 24 columns; header row 0; payment rows {rows_note([e["row"] for e in exp])}; '
             f'empty rows {",".join(map(str, blanks))} inside the table; TWO date columns: Invoice Date (col 8) and '
             f'Payment Date (col 9, the one used); Net Amount (col 17) cells hold values with 3-4 decimals '
             f'(e.g. {exp[0]["raw"]}) shown rounded to 2 dp by #,##0.00: total is the sum of the SHOWN values '
             f'({total_shown}); the raw stored values sum to {raw_total}; VAT Amount col 18 not added; '
             f'runs of spaces in the supplier name at rows {rows_note(spaced) or "none"}; '
             f'Company Registration text with leading zeros; no total row')
    desc = ('Gresford County Council, August 2023: 24-column layout, Net Amount stored with 3-4 decimals but shown '
            'to 2 dp, two date columns, empty rows inside the table.')
    return Built(fn, Workbook([sh], title='Gresford August 2023'), 'Aug 2023', 11, 17, 9, exp, notes, desc)


BUILDERS = [f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12]


def main():
    soffice = shutil.which('soffice')
    if not soffice:
        sys.exit('soffice not found: apt-get install -y libreoffice-calc-nogui')
    built = [b() for b in BUILDERS]
    for b in built:
        assert 20 <= b.lines <= 60, (b.file, b.lines)
        assert all(Decimal('-5000') <= e['amount'] <= Decimal('250000') for e in b.expected), b.file
        assert all(e['payee'] for e in b.expected), b.file
    with tempfile.TemporaryDirectory(prefix='odsgen-') as tmp:
        fods_paths = []
        for b in built:
            p = os.path.join(tmp, b.file[:-4] + '.fods')
            with open(p, 'w', encoding='utf-8') as fh:
                fh.write(to_fods(b.wb))
            fods_paths.append(p)
        profile = 'file://' + os.path.join(tmp, 'profile')
        outdir = os.path.join(tmp, 'out')
        os.mkdir(outdir)
        cmd = [soffice, f'-env:UserInstallation={profile}', '--headless', '--convert-to', 'ods',
               '--outdir', outdir] + fods_paths
        subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
        for b in built:
            src = os.path.join(outdir, b.file)
            if not os.path.exists(src):
                sys.exit(f'LibreOffice did not write {b.file}')
            shutil.copyfile(src, os.path.join(SETDIR, b.file))

    with open(os.path.join(SETDIR, 'answers.csv'), 'w', newline='', encoding='utf-8') as fh:
        w = csv.writer(fh)
        w.writerow(['file', 'sheet', 'payee_col', 'amount_col', 'date_col', 'lines', 'total', 'notes'])
        for b in built:
            w.writerow([b.file, b.sheet, b.payee_col, b.amount_col, '' if b.date_col is None else b.date_col,
                        b.lines, f'{b.total:.2f}', b.notes])

    expected = {b.file: dict(sheet=b.sheet, payee_col=b.payee_col, amount_col=b.amount_col, date_col=b.date_col,
                             lines=[dict(row=e['row'], payee=e['payee'], amount=f'{e["amount"]:.2f}',
                                         covered=bool(e.get('covered'))) for e in b.expected])
                for b in built}
    with open(os.path.join(HERE, 'expected_lines.json'), 'w', encoding='utf-8') as fh:
        json.dump(expected, fh, indent=1, ensure_ascii=False)
        fh.write('\n')

    with open(os.path.join(SETDIR, 'README.md'), 'w', encoding='utf-8') as fh:
        fh.write(README_HEAD)
        for b in built:
            fh.write(f'- `{b.file}` ({b.lines} lines, total {b.total:.2f}): {b.desc}\n')
        fh.write(README_TAIL)
    for b in built:
        print(f'{b.file:32s} sheet={b.sheet!r:20s} lines={b.lines:3d} total={b.total:.2f}')


README_HEAD = """# .ods spend-file layouts (blind set)

Twelve "spend over £500" files from fictional UK public bodies, saved by LibreOffice Calc
as OpenDocument spreadsheets. The answer for each file is in `answers.csv`
(`file,sheet,payee_col,amount_col,date_col,lines,total,notes`; columns and rows 0-based,
`amount_col` `6-7` means debit minus credit, empty `date_col` means no per-line date).

"""

README_TAIL = """
## Where this set came from

Written blind on 2026-12-05, before the program could read .ods, without looking at the
program's code or tests. Every workbook was generated by `tools/make_ods_set.py` (Python 3
standard library; `tools/fods.py` writes LibreOffice flat XML, .fods) and then opened and saved
as .ods by LibreOffice 7.4.7.2 (Debian package `libreoffice-calc-nogui`) with
`soffice --headless --convert-to ods`, so each file is Calc's own output. The answers (lines,
totals, row numbers in the notes) are computed by the generator from the data it wrote.
All bodies, suppliers and people are fictional; individuals appear only as "REDACTED" /
"Personal data".

`tools/verify_ods_set.py` checks each file: it is a LibreOffice-written ODS zip, the answer
sheet is there (and which sheets are hidden), no hidden row holds data, and
`soffice --headless --convert-to csv` of the answer sheet gives back, row by row, the payment
lines (payee and amount as shown) and the line count and total in `answers.csv`.
`tools/expected_lines.json` lists every payment line (0-based row, payee, amount as shown).

Regenerate: `python3 tools/make_ods_set.py`; check: `python3 tools/verify_ods_set.py`.
"""

if __name__ == '__main__':
    main()
