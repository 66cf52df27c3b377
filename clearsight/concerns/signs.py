"""Which signs of modern slavery a reporter is shown, and how they are grouped.

Plain functions over the reference data (reference/indicators.json): each sign belongs to a category
(signs in anyone; signs in a child; things found around children) and to a theme within it. A
reporter who says everyone involved is an adult sees only the signs in anyone; a child, or anyone
whose age is not known (treated as a child until it is), brings the children's signs in too."""

from dataclasses import dataclass, field

from .routing import AgeGroup, treated_as_child

EVERYONE = "general"
CHILDREN = ("child", "situational")


def categories_for(age_groups) -> tuple:
    """The indicator categories to show for the people in a report (their reported age groups).

    No one described yet: every category, since the reporter has not said anyone is an adult."""
    ages = [AgeGroup(a) for a in age_groups if a]
    if ages and not any(treated_as_child(a) for a in ages):
        return (EVERYONE,)
    return (EVERYONE, *CHILDREN)


@dataclass
class Group:
    code: str
    label: str
    items: list = field(default_factory=list)  # (code, text)


def grouped(indicators, categories) -> list:
    """The indicators of ``categories`` in their themes, in reference order (position, then code).

    ``indicators`` are objects with code, category, group, group_label, position and text; one with no
    theme is listed under its own category's code."""
    groups = {}
    for indicator in sorted(indicators, key=lambda i: (i.position, i.code)):
        if indicator.category not in categories:
            continue
        code = indicator.group or indicator.category
        group = groups.setdefault(code, Group(code, indicator.group_label or indicator.category))
        group.items.append((indicator.code, indicator.text))
    return list(groups.values())
