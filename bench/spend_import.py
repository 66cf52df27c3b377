"""Spend import benchmark: synthetic spend built by resampling the real Oxford lines, imported
through Clearsight's real import code into a fresh database, beside a straightforward pandas
import and DuckDB merely reading the file and summing spend per supplier.

    .venv/bin/python bench/spend_import.py                 # 100,000 and 1,000,000 lines, SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/clearsight_bench .venv/bin/python bench/spend_import.py
    .venv/bin/python bench/spend_import.py --lines 100000  # one size

Each measurement runs in its own process so its peak memory (maximum resident set size) is its own.
See bench/README.md.
"""

import argparse
import csv
import datetime
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OXFORD = ROOT.parent / "shared" / "data" / "oxford-city-council-spend-over-500"
WORK = ROOT / "var" / "bench"
HEADER = ["Service Area", "Expenditure Category", "Expenditure Code", "Paid Date", "Trans No", "Amount",
          "Capital or Revenue", "Supplier ID", "Supplier Name"]
FIELDS = {"service_area": ["service area", "organisational unit", "organisatonal unit"],
          "category": ["expenditure category", "expenditure catergory", "expenditure unit"],
          "expense_code": ["expenditure code"], "paid_on": ["paid date"], "reference": ["trans no"],
          "amount": ["amount"], "capital_revenue": ["type", "caporrev", "capital or revenue", "type of expenditure"],
          "payee_code": ["supplier id"], "payee_name": ["supplier name"]}
ORDER = ["service_area", "category", "expense_code", "paid_on", "reference", "amount", "capital_revenue",
         "payee_code", "payee_name"]


def oxford_lines():
    """Every payment line of the 17 Oxford files in one layout (lines without a date get one in
    their quarter, so the synthetic file is realistic)."""
    lines = []
    for path in sorted(OXFORD.glob("*.csv")):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")
        rows = list(csv.reader(io.StringIO(text)))
        names = [" ".join(c.replace("_", " ").lower().split()) for c in rows[0]]
        index = {key: next((names.index(n) for n in options if n in names), None) for key, options in FIELDS.items()}
        for row in rows[1:]:
            if len(row) != len(names) or not row[index["amount"]].strip():
                continue
            lines.append([row[index[k]].strip() if index[k] is not None else "" for k in ORDER])
    return lines


# The next file, imported after the large one (its lines are new). Resampled like it, its dates span
# the same four years, so the check for lines already imported (the "repeats" stage) reads every line
# held: the worst case. A real next month's file reads only the lines of its own dates.
NEXT_FILE_LINES = 5000


RENAMED = 50  # payees the next file pays under a new name, with their old supplier ID (renamed, or a new spelling)


def build_file(count: int, seed: int = 5, prefix: str = "B", renamed: int = 0) -> Path:
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"synthetic-spend-{count}{'' if prefix == 'B' else '-' + prefix}.csv"
    if path.exists():
        return path
    rng = random.Random(seed)
    source = oxford_lines()
    names = sorted({line[-1] for line in source if line[-1] and line[-2]})
    new_names = {name: f"{name} (NEW NAME {number})" for number, name in enumerate(rng.sample(names, renamed))}
    start = datetime.date(2014, 4, 1)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number in range(count):
            line = list(rng.choice(source))
            if ":" in line[3] or not line[3]:
                line[3] = (start + datetime.timedelta(days=rng.randrange(1400))).strftime("%d/%m/%Y")
            line[4] = f"{prefix}{number:07d}"
            line[-1] = new_names.get(line[-1], line[-1])
            writer.writerow(line)
    return path


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------- the three measurements

def run_clearsight(path: Path) -> dict:
    """Clearsight's own import, into a fresh database: parse, check, resolve, write, screen."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearsight.settings")
    # A key of its own: the settings refuse to load without one outside development.
    import secrets

    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from clearsight.core.models import Organisation
    from clearsight.spend import importer
    from clearsight.spend.models import SpendImport, SpendLine

    organisation = Organisation.objects.create(name="Bench Council")
    data = path.read_bytes()
    started, cpu = time.perf_counter(), time.process_time()
    spend_import = importer.receive_file(organisation, "Bench publisher", path.name, data)
    importer.confirm_mapping(spend_import, spend_import.mapping["columns"])
    spend_import = importer.run_import(spend_import.pk)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert spend_import.status == SpendImport.Status.IMPORTED, spend_import.report
    stored = SpendLine.objects.filter(spend_import=spend_import).count()
    # The next month's file, against the lines now held: its names are resolved against the suppliers
    # the large file made, and the supplier numbers of its new names (RENAMED payees paid under their
    # old ID) looked up among the large file's lines.
    following = build_file(NEXT_FILE_LINES, seed=6, prefix="N", renamed=RENAMED)
    started_next = time.perf_counter()
    next_import = importer.receive_file(organisation, "Bench publisher", following.name, following.read_bytes())
    if next_import.status == SpendImport.Status.NEEDS_MAPPING:
        importer.confirm_mapping(next_import, next_import.mapping["columns"])
    next_import = importer.run_import(next_import.pk)
    assert next_import.status == SpendImport.Status.IMPORTED, next_import.report
    return {"what": f"Clearsight import ({connection.vendor})", "lines": stored, "seconds": elapsed, "cpu": cpu,
            "total": str(spend_import.total_amount), "suppliers": spend_import.report.get("suppliers"),
            "peak_mb": peak_mb(), "stages": spend_import.report.get("seconds", {}),
            "next": {"lines": next_import.line_count, "seconds": time.perf_counter() - started_next,
                     "stages": next_import.report.get("seconds", {})}}


def run_pandas(path: Path) -> dict:
    """A straightforward pandas import: read, clean amounts and dates, total per supplier, and
    write the lines to a SQLite table."""
    import sqlite3

    import pandas as pd

    started, cpu = time.perf_counter(), time.process_time()
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    amount = frame["Amount"].str.replace(r"[£,\s]", "", regex=True)
    negative = amount.str.startswith("(")
    amount = pd.to_numeric(amount.str.strip("()"), errors="raise")
    frame["amount_gbp"] = amount.where(~negative, -amount)
    frame["paid_on"] = pd.to_datetime(frame["Paid Date"], format="%d/%m/%Y", errors="coerce")
    totals = frame.groupby("Supplier Name")["amount_gbp"].sum()
    with tempfile.TemporaryDirectory() as folder:
        database = sqlite3.connect(Path(folder) / "pandas.sqlite3")
        frame.to_sql("spend_line", database, index=False, chunksize=50000)
        database.close()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"what": "pandas read, clean, total, to_sql (SQLite)", "lines": len(frame), "seconds": elapsed, "cpu": cpu,
            "total": f"{frame['amount_gbp'].sum():.2f}", "suppliers": len(totals), "peak_mb": peak_mb()}


def run_duckdb(path: Path) -> dict:
    """DuckDB merely reading the file and summing spend per supplier."""
    import duckdb

    started, cpu = time.perf_counter(), time.process_time()
    rows = duckdb.sql(
        f"select \"Supplier Name\", sum(cast(\"Amount\" as decimal(14,2))) from read_csv('{path}', all_varchar=true) "
        "group by 1").fetchall()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    count = duckdb.sql(f"select count(*) from read_csv('{path}', all_varchar=true)").fetchall()[0][0]
    return {"what": "DuckDB read and sum per supplier", "lines": count, "seconds": elapsed, "cpu": cpu,
            "total": f"{sum(r[1] for r in rows):.2f}", "suppliers": len(rows), "peak_mb": peak_mb()}


RUNNERS = {"clearsight": run_clearsight, "pandas": run_pandas, "duckdb": run_duckdb}


# ---------------------------------------------------------------- driver

def _fresh_database_env(label: str) -> dict:
    env = dict(os.environ)
    url = env.get("DATABASE_URL")
    if url:
        import psycopg

        base, _, _name = url.rpartition("/")
        name = f"clearsight_spend_bench_{label}"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'drop database if exists "{name}"')
            admin.execute(f'create database "{name}"')
        env["DATABASE_URL"] = f"{base}/{name}"
    else:
        folder = Path(tempfile.mkdtemp(prefix="spend-bench-"))
        env["SQLITE_PATH"] = str(folder / "bench.sqlite3")
    return env


def measure(kind: str, path: Path, lines: int) -> dict:
    env = _fresh_database_env(str(lines)) if kind == "clearsight" else dict(os.environ)
    result = subprocess.run([sys.executable, __file__, "--child", kind, str(path)], env=env, capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, action="append", help="lines to import (default 100,000 and 1,000,000)")
    parser.add_argument("--only", choices=sorted(RUNNERS), action="append")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, path = args.child
        print(json.dumps(RUNNERS[kind](Path(path))))
        return
    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    print(f"Spend import benchmark ({database}; {os.cpu_count()} cores)")
    for lines in args.lines or [100_000, 1_000_000]:
        path = build_file(lines)
        print(f"\n{lines:,} lines ({path.stat().st_size / 1e6:.0f} MB, resampled from the Oxford files)")
        print(f"  {'':46} {'seconds':>8} {'CPU s':>6} {'lines/s':>10} {'peak MB':>8}  total")
        for kind in args.only or ["clearsight", "pandas", "duckdb"]:
            r = measure(kind, path, lines)
            print(f"  {r['what']:46} {r['seconds']:8.2f} {r['cpu']:6.2f} {r['lines'] / r['seconds']:10,.0f} {r['peak_mb']:8.0f}"
                  f"  £{float(r['total']):,.2f} ({r['suppliers']:,} suppliers)")
            if r.get("stages"):
                print("      stages (s): " + ", ".join(f"{k} {v:.2f}" for k, v in r["stages"].items()))
            if r.get("next"):
                following = r["next"]
                print(f"      then the next file, {following['lines']:,} lines: {following['seconds']:.2f} s; stages (s): "
                      + ", ".join(f"{k} {v:.2f}" for k, v in following["stages"].items()))


if __name__ == "__main__":
    main()
