"""How the country and goods tables in this folder were made (run by hand when a new edition is
published; the app never runs it). It reads the files under ../shared/data and writes
countries.csv, tip_tiers.csv and dol_goods.csv here, with each country named by its ISO 3166
alpha-2 code. Usage: python clearsight/screening/reference/make_reference.py /path/to/shared/data"""

import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
SEVERITY = ["Tier 1", "Tier 2", "Tier 2 Watch List", "Special Case", "Tier 3"]
HISTORIC = {"CS", "SU", "YU", "DD"}  # in the GOV.UK country list for old records only
# Names the source tables spell differently from the GOV.UK country register
ALIASES = {
    "bahamas": "BS", "burma": "MM", "myanmar": "MM", "côte d’ivoire": "CI", "côte d'ivoire": "CI", "cabo verde": "CV",
    "democratic republic of the congo": "CD", "republic of the congo": "CG", "czech republic": "CZ", "macau": "MO",
    "sint maarten": "SX", "st. lucia": "LC", "st. vincent and the grenadines": "VC", "kyrgyz republic": "KG",
    "viet nam": "VN", "timor-leste": "TL", "gambia": "GM",
}


def main(data):
    canon = json.loads((data / "uk-msr-registry-reference" / "location-autocomplete-canonical-list.json").read_text())
    names, codes = {}, {}
    for name, ref in canon:
        code = ref.split(":", 1)[1]
        if len(code) == 2 and code not in HISTORIC:
            codes.setdefault(code, name)
            names[name.lower()] = code
    names.update(ALIASES)
    with open(HERE / "countries.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["code", "name"])
        for code, name in sorted(codes.items(), key=lambda item: item[1]):
            writer.writerow([code, name])
    folder = data / "gsi-2023-and-country-risk"
    with open(folder / "Country_Tiers_with_Continents.csv", encoding="cp1252") as source, \
            open(HERE / "tip_tiers.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["code", "country", "tier"])
        tiers = {}
        for row in csv.DictReader(source):
            code, tier = names[row["Country"].strip().lower()], row["Tier"].strip()
            if code in tiers:  # the source lists Guinea twice (Tier 2 and Tier 3): keep the more severe
                print(f"{row['Country']} is listed twice: {tiers[code][1]} and {tier}; keeping the more severe")
                tier = max(tier, tiers[code][1], key=SEVERITY.index)
            tiers[code] = (row["Country"].strip(), tier)
        for code, (country, tier) in tiers.items():
            writer.writerow([code, country, tier])
    with open(folder / "US_Labour_Issues.csv", encoding="utf-8-sig") as source, \
            open(HERE / "dol_goods.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["code", "country", "good", "exploitation"])
        for row in csv.DictReader(source):
            writer.writerow([names[row["Country/Area"].strip().lower()], row["Country/Area"].strip(), row["Good"].strip(),
                             row["Exploitation Type"].strip()])


if __name__ == "__main__":
    main(Path(sys.argv[1]))
