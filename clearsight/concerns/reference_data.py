"""Loads the concerns context's reference data (indicators, exploitation types) from the JSON files
in reference/, each of which names its source and version. Used by a data migration and by the
load_reference_data command after a file is updated."""

import json
from pathlib import Path

REFERENCE = Path(__file__).parent / "reference"


def read(name):
    return json.loads((REFERENCE / name).read_text(encoding="utf-8"))


def load(Indicator, ExploitationType):
    data = read("indicators.json")
    for item in data["indicators"]:
        Indicator.objects.update_or_create(code=item["code"], defaults={
            "category": item["category"], "text": item["text"], "source": data["source"], "version": data["version"],
        })
    data = read("exploitation_types.json")
    for position, item in enumerate(data["types"]):
        ExploitationType.objects.update_or_create(code=item["code"], defaults={
            "label": item["label"], "home_office_key": item["home_office_key"], "is_local": item["local"],
            "position": position, "source": data["source"], "version": data["version"],
        })
