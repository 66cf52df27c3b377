"""Draw a labelling sample of payee names from a council's spend files (issue 16's labelled sets).

    PYTHONPATH=. DJANGO_SETTINGS_MODULE=clearsight.settings .venv/bin/python scripts/draw_payee_sample.py \
        ../shared/data/lambeth-payments-to-suppliers-2011-12 20261205 > sample.csv
    ... scripts/draw_payee_sample.py ../shared/data/stockport-business-rates/stockport_business_rates.csv 20261207 \
        company_name > sample.csv

Reads every .csv and .xlsx in the folder with Clearsight's spend reader (its own proposed columns, no
matcher), keeps organisations' names (not redacted or withheld lines), tidies whitespace, then draws
150 names uniformly and 60 from the 400 paid most often (Python's random.Random(seed) and seed + 1), as
the Oxford set was drawn. Given a CSV file and a column instead (a list of names such as a council's
business ratepayers), the names are that column's and all 210 are drawn uniformly (a list holds most
names once, so there is no "paid most often").
Prints payee,drawn_from with the names in drawing order."""

import csv
import random
import sys
from collections import Counter
from pathlib import Path

import django

django.setup()

from clearsight.spend import importer  # noqa: E402


def payee_counts(folder: Path) -> Counter:
    counts = Counter()
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in (".csv", ".xlsx"):
            continue
        layout = importer.inspect(path.read_bytes())
        parsed = importer.parse_lines(layout.rows, layout.header_index, layout.width, layout.mapping.columns,
                                      excel=layout.day_zero)
        for name, kind in zip(parsed.columns["payee_name"], parsed.columns["payee_kind"], strict=True):
            name = " ".join((name or "").split())
            if name and kind == "supplier":
                counts[name] += 1
    return counts


def column_counts(path: Path, column: str) -> Counter:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return Counter(name for name in (" ".join((row[column] or "").split()) for row in csv.DictReader(handle)) if name)


def draw(counts: Counter, seed: int, uniform=150, frequent=60, top=400) -> list[tuple[str, str]]:
    names = sorted(counts)
    first = random.Random(seed).sample(names, uniform)
    chosen = set(first)
    often = [name for name, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]
             if name not in chosen]
    second = random.Random(seed + 1).sample(often, min(frequent, len(often))) if frequent else []
    return [(name, "uniform") for name in first] + [(name, "frequent") for name in second]


def main(argv):
    source, seed = Path(argv[1]), int(argv[2])
    counts = column_counts(source, argv[3]) if len(argv) > 3 else payee_counts(source)
    print(f"{len(counts)} distinct payee names", file=sys.stderr)
    writer = csv.writer(sys.stdout)
    writer.writerow(["payee", "drawn_from"])
    writer.writerows(draw(counts, seed, uniform=210, frequent=0) if len(argv) > 3 else draw(counts, seed))


if __name__ == "__main__":
    main(sys.argv)
