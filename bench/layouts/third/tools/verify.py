#!/usr/bin/env python3
"""Reopen every generated file, re-derive lines/total from the file itself and
compare with answers.csv; also check the byte-level habits each file claims."""
import csv, io, os, re, sys
from decimal import Decimal
from datetime import datetime, date
import openpyxl

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
key = {r["file"]: r for r in csv.DictReader(open(os.path.join(OUT, "answers.csv"), encoding="utf-8"))}
ok = True

def D(s):
    s = str(s).replace(",", "").replace("£", "").strip()
    return Decimal(s).quantize(Decimal("0.01"))

def check(fname, header, rows, payee, amount, datec):
    global ok
    k = key[fname]
    assert int(k["payee_col"]) == payee and int(k["amount_col"]) == amount, fname
    assert (k["date_col"] == "" and datec is None) or int(k["date_col"]) == datec, fname
    tot = sum((D(r[amount]) for r in rows), Decimal("0.00"))
    good = len(rows) == int(k["lines"]) and f"{tot:.2f}" == k["total"]
    ok &= good
    print(f"{'OK ' if good else 'BAD'} {fname}: lines {len(rows)}/{k['lines']} total {tot:.2f}/{k['total']}")
    print(f"     header: {[h for h in header]}")
    print(f"     payee={header[payee]!r} amount={header[amount]!r} date={header[datec] if datec is not None else None!r}")
    print(f"     first: {rows[0]}")

def read_csv(fname, enc, delim=","):
    raw = open(os.path.join(OUT, fname), "rb").read()
    text = raw.decode(enc)
    return raw, list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))

def is_payment_row(r, ncols):
    return len(r) >= ncols and any(c.strip() for c in r)

# 01 CR only
f = "01_anytown_bc_over500_apr2024_mac_cr.csv"
raw, rows = read_csv(f, "utf-8")
assert b"\n" not in raw and raw.count(b"\r") == 48 and not raw.startswith(b"\xef\xbb\xbf")
check(f, rows[0], rows[1:], 5, 6, 3)

# 02 wrapped header + trailing comma
f = "02_kingsbridge_cc_payments_apr2024_wrapped_header.csv"
raw, rows = read_csv(f, "cp1252")
assert all(l.endswith(b",") for l in raw.split(b"\r\n") if l and not l.startswith(b'"Transaction') ), "trailing comma"
assert all(len(r) == 7 and r[6] == "" for r in rows)
assert "\n" in rows[0][2] and rows[0][5] == "Amount\n(£)"
check(f, rows[0], rows[1:], 2, 5, 1)

# 03 UTF-8 no BOM with non-ASCII
f = "03_glanfor_county_council_spend_may2024_utf8_names.csv"
raw, rows = read_csv(f, "utf-8")
assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
for s in ["t/a", "Ltd.", "é", "ł", "’", "–", "ŵ"]:
    assert s in raw.decode("utf-8"), s
check(f, rows[0], rows[1:], 2, 3, 1)

# 05 tabs, BOM, mixed dates
f = "05_eastbrook_dc_transparency_apr24_tabs_mixed_dates.csv"
raw, rows = read_csv(f, "utf-8-sig", "\t")
assert raw.startswith(b"\xef\xbb\xbf")
ds = [r[0] for r in rows[1:]]
assert any(re.fullmatch(r"\d\d [A-Z][a-z]{2} \d\d", d) for d in ds) and any(re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", d) for d in ds)
assert any(re.fullmatch(r"(1[3-9]|2\d|3[01])/\d{1,2}/\d{4}", d) for d in ds)
print("     date samples:", ds[:8])
check(f, rows[0], rows[1:], 1, 2, 0)

# 06 footer lines
f = "06_western_vale_ca_spend_apr2024_source_footer.csv"
raw, rows = read_csv(f, "cp1252")
print("     tail bytes:", raw[-170:])
assert rows[-3] == [] and rows[-2][0].startswith("Source:") and rows[-1][0].startswith("Published under")
data = rows[1:-3]
for r in data:
    assert D(r[2]) + D(r[3]) == D(r[4])
check(f, rows[0], data, 1, 2, 0)

# 09 semicolons
f = "09_mid_lothmoor_council_sds_grants_apr2024_semicolon.csv"
raw, rows = read_csv(f, "utf-8", ";")
p = [r[1] for r in rows[1:]]
print(f"     Individual={p.count('Individual')} blank={p.count('')} carers={p.count('Lothmoor Carers Centre')}")
check(f, rows[0], rows[1:], 1, 4, 0)

# 11 HMT cp1252
f = "11_nhs_riverside_icb_over25k_apr2024_hmt.csv"
raw, rows = read_csv(f, "cp1252")
try:
    raw.decode("utf-8"); print("     (unexpectedly valid UTF-8)"); ok = False
except UnicodeDecodeError:
    pass
assert rows[0][:3] == ["Department Family", "Entity", "Date"] and len(rows[0]) == 14
check(f, rows[0], rows[1:], 5, 7, 2)

# 12 UTF-16 tabs
f = "12_westmarch_pcc_payments_apr2024_utf16_redacted.csv"
raw, rows = read_csv(f, "utf-16", "\t")
assert raw.startswith(b"\xff\xfe")
red = [r for r in rows[1:] if r[1] == "Redacted - Personal Data"]
neg = [r for r in rows[1:] if r[5].startswith("-")]
print(f"     redacted={len(red)} reversals={len(neg)}: {[ (r[1], r[5]) for r in neg]}")
for r in neg:
    assert any(o[1] == r[1] and o[5] == r[5][1:] for o in rows[1:]), r
check(f, rows[0], rows[1:], 1, 5, 0)

# 13 all quoted
f = "13_canal_valley_jwa_spend_apr2024_all_quoted.csv"
raw, rows = read_csv(f, "utf-8-sig")
for line in raw.decode("utf-8-sig").split("\r\n")[:-1]:
    assert re.fullmatch(r'"[^"]*"(,"[^"]*")*', line), line
assert ',""' in raw.decode()
check(f, rows[0], rows[1:], 3, 4, 1)

# 14 paged
f = "14_ashcombe_dc_payments_report_apr2024_paged.csv"
raw, rows = read_csv(f, "utf-8")
hdr = rows[0]
assert rows[50] == hdr and rows[49] == ["Page 1 of 2"] and rows[-1] == ["Page 2 of 2"]
data = [r for r in rows if r != hdr and not (len(r) == 1 and r[0].startswith("Page "))]
check(f, hdr, data, 0, 5, 1)

# 16 pipes
f = "16_eastmoor_fra_spend_apr2024_amount_first_pipe.csv"
raw, rows = read_csv(f, "utf-8", "|")
check(f, rows[0], rows[1:], 5, 0, 1)

def xl(fname, header_row=1, skip_total=False):
    wb = openpyxl.load_workbook(os.path.join(OUT, fname))
    ws = wb.active
    vals = [list(r) for r in ws.iter_rows(values_only=True)]
    return wb, ws, vals[header_row - 1], vals[header_row:]

f = "04_northshire_cc_expenditure_apr2024_month_end.xlsx"
wb, ws, h, rows = xl(f)
assert {r[4] for r in rows} == {datetime(2024, 4, 30)} and len({r[3] for r in rows}) > 10
check(f, h, rows, 2, 6, 4)

f = "07_southmoor_dc_spend_apr2024_excel_table_total.xlsx"
wb, ws, h, rows = xl(f)
t = ws.tables["SpendApr2024"]
print(f"     table ref={t.ref} totalsRowCount={t.totalsRowCount} last row={rows[-1]}")
assert rows[-1][0] == "Total" and isinstance(rows[-1][5], float)
assert not any(isinstance(c, str) and c.startswith("=") for r in rows for c in r)
check(f, h, rows[:-1], 2, 5, 1)
assert f"{D(rows[-1][5]):.2f}" == key[f]["total"]

f = "08_harbourside_cc_payments_apr2024_currency_fmt.xlsx"
wb, ws, h, rows = xl(f)
print("     formats:", ws["B2"].number_format, ws["C2"].number_format, ws["D2"].number_format, "rates", sorted({r[3] for r in rows}))
assert all(isinstance(r[1], datetime) and r[1].hour == 0 and r[1].minute == 0 for r in rows)
assert sum(1 for r in rows if r[2] < 0) == 3
check(f, h, rows, 0, 2, 1)

f = "10_greystone_mbc_vendor_payments_apr2024.xlsx"
wb, ws, h, rows = xl(f)
assert all(isinstance(r[0], int) for r in rows)
check(f, h, rows, 1, 4, 2)

f = "15_lowfield_council_suppliers_apr2024_merged_title.xlsx"
wb, ws, h, rows = xl(f, header_row=2)
print("     merged:", ws.merged_cells.ranges, "A1:", ws["A1"].value[:50], "bold:", ws["B2"].font.b)
assert all(r[4] is None for r in rows) and h[4] is None
check(f, h, rows, 1, 2, 0)

print("ALL OK" if ok else "PROBLEMS")
sys.exit(0 if ok else 1)
