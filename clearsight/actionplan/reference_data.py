"""Loads the action plan frameworks (reference/frameworks.json: each names its source and version).
Used by a data migration (with its historical models), by tests, and safe to run again: existing
frameworks and areas are updated in place, so plans that use them keep their links."""

import json
from pathlib import Path

REFERENCE = Path(__file__).parent / "reference" / "frameworks.json"


def load_frameworks(framework_model=None, area_model=None):
    """Create or update the shipped frameworks and their areas. Returns the number of frameworks."""
    if framework_model is None or area_model is None:
        from .models import Area, Framework

        framework_model, area_model = Framework, Area
    data = json.loads(REFERENCE.read_text(encoding="utf-8"))
    for item in data["frameworks"]:
        framework, _ = framework_model.objects.update_or_create(code=item["code"], defaults={
            "name": item["name"], "description": item["description"], "source": item["source"],
            "version": item["version"]})
        for position, area in enumerate(item["areas"]):
            area_model.objects.update_or_create(framework=framework, code=area["code"], defaults={
                "name": area["name"], "description": area["description"], "position": position})
    return len(data["frameworks"])
