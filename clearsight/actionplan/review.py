"""The year-end review as tables, grouped by the plan framework's areas: what was proposed against
what was undertaken, and what is proposed for the next period. Plain functions over the plan's
rows; the statement builder and the review page both call these."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ReviewRow:
    proposed: str  # the action's description as proposed
    undertaken: str  # what the owner said was done ("" if no response yet)
    owner: str  # "Name, Organisation"
    done: bool | None  # None if no response yet
    continues: bool | None


@dataclass(frozen=True)
class AreaReview:
    area: str
    rows: tuple


@dataclass(frozen=True)
class AreaProposals:
    area: str
    items: tuple  # (description, carried forward from the previous year?)


def _grouped(actions):
    groups = {}
    for action in sorted(actions, key=lambda a: (a.area.position, a.position, a.pk)):
        groups.setdefault(action.area.name, []).append(action)
    return groups


def review_tables(plan) -> tuple:
    """For a plan under review or closed: one table per area that has actions, in area order."""
    actions = plan.actions.select_related("area", "owner", "owner_organisation", "review")
    tables = []
    for area, rows in _grouped(actions).items():
        out = []
        for a in rows:
            response = getattr(a, "review", None)
            out.append(ReviewRow(
                proposed=a.description, undertaken=response.undertaken if response else "",
                owner=f"{a.owner.full_name}, {a.owner_organisation.name}",
                done=response.done if response else None, continues=response.continues if response else None))
        tables.append(AreaReview(area=area, rows=tuple(out)))
    return tuple(tables)


def proposed_tables(plan) -> tuple:
    """For a plan year: the activity proposed, by area, marking the actions carried forward."""
    actions = plan.actions.select_related("area")
    return tuple(AreaProposals(area=area, items=tuple((a.description, a.carried_from_id is not None) for a in rows))
                 for area, rows in _grouped(actions).items())
