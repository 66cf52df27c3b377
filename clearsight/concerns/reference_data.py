"""Loads the concerns context's reference data (indicators, exploitation types) from the JSON files
in reference/, each of which names its source and version. Used by a data migration and by the
load_reference_data command after a file is updated."""

import json
from pathlib import Path

REFERENCE = Path(__file__).parent / "reference"


def read(name):
    return json.loads((REFERENCE / name).read_text(encoding="utf-8"))


def indicator_positions(data):
    """{code: position}: the themes in the file's order, and each theme's signs in the file's order."""
    order = {group["code"]: n for n, group in enumerate(data.get("groups", []))}
    counts = {}
    positions = {}
    for item in data["indicators"]:
        group = item.get("group", item["category"])
        counts[group] = counts.get(group, 0) + 1
        positions[item["code"]] = order.get(group, len(order)) * 100 + counts[group]
    return positions


def load(Indicator, ExploitationType):
    load_indicators(Indicator)
    load_exploitation_types(ExploitationType)


def load_indicators(Indicator):
    data = read("indicators.json")
    # An older migration passes the model as it was then, before signs had themes.
    themed = {"group", "group_label", "position"} <= {f.name for f in Indicator._meta.get_fields()}
    labels = {group["code"]: group["label"] for group in data.get("groups", [])}
    positions = indicator_positions(data)
    for item in data["indicators"]:
        defaults = {"category": item["category"], "text": item["text"], "source": data["source"], "version": data["version"]}
        if themed:
            defaults |= {"group": item.get("group", ""), "group_label": labels.get(item.get("group"), ""),
                         "position": positions[item["code"]]}
        Indicator.objects.update_or_create(code=item["code"], defaults=defaults)


def load_exploitation_types(ExploitationType):
    data = read("exploitation_types.json")
    for position, item in enumerate(data["types"]):
        ExploitationType.objects.update_or_create(code=item["code"], defaults={
            "label": item["label"], "home_office_key": item["home_office_key"], "is_local": item["local"],
            "position": position, "source": data["source"], "version": data["version"],
        })
