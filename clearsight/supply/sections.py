"""Sections of the supplier page contributed by other apps (risk, spend, assessments).

An app registers a section in its AppConfig.ready():

    from clearsight.supply.sections import register_section
    register_section(order=20, template="screening/_supplier_risk.html", context=lambda request, supplier: {...})

The supplier page renders each registered section in order, with the context the function returns
(return None to leave the section out for this user or supplier).
"""

from dataclasses import dataclass
from collections.abc import Callable


@dataclass(frozen=True)
class Section:
    order: int
    template: str
    context: Callable


_SECTIONS: list[Section] = []


def register_section(order: int, template: str, context: Callable) -> None:
    if any(s.template == template for s in _SECTIONS):
        return
    _SECTIONS.append(Section(order, template, context))
    _SECTIONS.sort(key=lambda s: s.order)


def sections_for(request, supplier) -> list[tuple[str, dict]]:
    """(template, context) for each section that has something to show."""
    shown = []
    for section in _SECTIONS:
        context = section.context(request, supplier)
        if context is not None:
            shown.append((section.template, context))
    return shown
