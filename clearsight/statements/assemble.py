"""The statement as a document model: an ordered list of blocks that the web preview, the DOCX and
the PDF all render, and that a saved version stores as it was.

A document is a plain dict (JSON-ready)::

    {"title": ..., "language": "en-GB", "organisation": ..., "status": "draft"|"approved",
     "blocks": [{"type": "heading", "level": 1|2|3, "text": ...},
                {"type": "paragraph", "text": ...},
                {"type": "bullets", "items": [...]},
                {"type": "table", "caption": ..., "headers": [...], "rows": [[...], ...]}]}

Everything that comes from Clearsight's data (context figures, review tables, proposed activity,
indicators, reporting routes) is read here, at assembly time.
"""

import re

from clearsight.actionplan.api import proposed_tables, review_tables
from clearsight.core import suppression
from clearsight.core.dates import long_date

from .models import Section, Statement

LANGUAGE = "en-GB"
NO_RESPONSE = "No response recorded yet."
BULLET = re.compile(r"^\s*[-*•]\s+")


def period(start, end) -> str:
    """1 April 2025 to 31 March 2026 (or "On 31 March 2026" for a figure taken on one day)"""
    if start == end:
        return f"On {long_date(start)}"
    return f"{long_date(start)} to {long_date(end)}"


def number(value) -> str:
    """Counts with thousands separators; suppressed values ("fewer than 5") as they are."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.1f}".rstrip("0").rstrip(".")
    return str(value)


# What a reader is told when a figure has nothing to be worked out from (the board's "no data"):
# which figure it is says why. Never "no data", which a reader of a published statement cannot act on.
NOTHING_TO_MEASURE = {
    "training_compliance": "Not measured: no staff with a modern slavery training requirement were recorded",
    "supplier_coverage": "None to measure: the council’s spending records show no payment to a supplier rated "
                         "high risk in this period",
    "support_plans": "None to measure: no one had a support case open in this period",
}
NOT_MEASURED = "Not measured for this period"
NOT_SHOWN = f"Not shown: worked out from {suppression.FEWER_THAN}"
WITHHELD_TEXT = f"Not shown: it would let a number under {suppression.SMALL_NUMBER} be worked out"


def figure_value(value, key=None) -> str:
    """A context figure as the published statement shows it: a count with thousands separators, or
    a sentence where the board figures have no number to give ("no data", "not shown", "withheld")."""
    if value == suppression.NO_DATA or value is None:
        return NOTHING_TO_MEASURE.get(key, NOT_MEASURED)
    if value == suppression.NOT_SHOWN:
        return NOT_SHOWN
    if value == suppression.WITHHELD:
        return WITHHELD_TEXT
    return number(value)


def text_blocks(text: str) -> list:
    """A section's text as blocks: blank lines separate paragraphs, lines starting with a dash (or
    an asterisk or bullet) make a bulleted list."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip()):
        lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        paragraph, items = [], []
        for line in lines:
            if BULLET.match(line):
                if paragraph:
                    blocks.append({"type": "paragraph", "text": " ".join(paragraph)})
                    paragraph = []
                items.append(BULLET.sub("", line).strip())
            else:
                if items:
                    blocks.append({"type": "bullets", "items": items})
                    items = []
                paragraph.append(line.strip())
        if paragraph:
            blocks.append({"type": "paragraph", "text": " ".join(paragraph)})
        if items:
            blocks.append({"type": "bullets", "items": items})
    return blocks


def heading(text, level=2):
    return {"type": "heading", "level": level, "text": text}


def paragraph(text):
    return {"type": "paragraph", "text": text}


def table(caption, headers, rows):
    return {"type": "table", "caption": caption, "headers": list(headers), "rows": [list(r) for r in rows]}


def _section(statement, key):
    return next((s for s in statement.sections.all() if s.key == key), None)


def _section_blocks(section, empty="This section has not been written yet."):
    blocks = text_blocks(section.text if section else "")
    return blocks or [paragraph(empty)]


# --- Context figures ---------------------------------------------------------------------------


def context_figures(statement, today=None) -> list:
    """The board's context figures for the statement's figures period, always with small numbers
    suppressed (a statement is published)."""
    try:
        from clearsight.board.api import context_figures as board_context_figures
    except ImportError:  # the board figures are not installed in this build
        return []
    return list(board_context_figures([statement.organisation_id], statement.figures_from, statement.figures_to,
                                      today=today))


def statement_figures(statement, today=None):
    """The context figures and NRM referrals by the Home Office's categories for the figures period
    (board.api.StatementFigures), or None when the board figures are not installed in this build."""
    try:
        from clearsight.board.api import statement_figures as board_statement_figures
    except ImportError:
        return None
    return board_statement_figures([statement.organisation_id], statement.figures_from, statement.figures_to,
                                   today=today)


# How the figures are counted, in words a reader of the statement understands (what board.figures counts).
COUNTING = [
    "Concerns are reports of possible modern slavery that the council dealt with, counted on the day they were "
    "made. One concern can be about several people.",
    "NRM referrals and Duty to Notify reports count people, each once, on the day they were referred. So there can "
    "be more referrals than concerns: a concern about several people leads to a referral for each of them who is "
    "referred, someone reported before the period may be referred during it, and people referred by the council’s "
    "support workers on a support case opened without a concern in Clearsight are counted too.",
    "Victims supported are people with a support case open at any time in the period.",
]


def figures_blocks(statement, figures, categories=None, categories_source="") -> list:
    blocks = [heading("Modern slavery in our area: the figures"),
              paragraph(f"These figures come from Clearsight, the system the council and its partners use to record "
                        f"and respond to concerns. Each figure shows the period it counts. Numbers under "
                        f"{suppression.SMALL_NUMBER} are shown as ‘{suppression.FEWER_THAN}’ so that no one can be "
                        f"identified.")]
    if not figures:
        blocks.append(paragraph("No figures are available for this period."))
        return blocks
    blocks.append(table(f"Figures for {period(statement.figures_from, statement.figures_to)}",
                        ["Measure", "Number", "Period"],
                        [[f.label, figure_value(f.value, f.key), period(f.start, f.end)] for f in figures]))
    blocks += [heading("How the figures are counted", 3), {"type": "bullets", "items": list(COUNTING)}]
    if categories:
        blocks += [heading("NRM referrals by type of exploitation", 3),
                   paragraph("The types of exploitation people were referred for, in the categories the Home Office "
                             "publishes its statistics in. A referral about more than one type counts in each of "
                             "their categories."),
                   table(f"NRM referrals by type of exploitation, {period(statement.figures_from, statement.figures_to)}",
                         ["Type of exploitation", "NRM referrals"],
                         [[label, figure_value(value)] for label, value in categories])]
        if categories_source:
            blocks.append(paragraph(f"Categories: {categories_source}."))
    return blocks


# --- Review and proposed activity --------------------------------------------------------------


def previous_statement_title(statement) -> str:
    """What the review tables call the statement whose proposals are reviewed: the title of the
    approved statement for the reviewed plan year, if there is one."""
    plan = statement.reviewed_plan
    previous = (Statement.objects.unscoped("the title of the previous statement, to label the review tables")
                .filter(plan=plan, status=Statement.Status.APPROVED).exclude(pk=statement.pk)
                .order_by("-approved_at").first())
    return previous.title if previous else f"{plan.title} statement"


def review_blocks(statement) -> list:
    plan = statement.reviewed_plan
    if plan is None:
        return [heading("Review of last year’s activity"),
                paragraph("This is the first statement, so there is no earlier activity to review.")]
    previous = previous_statement_title(statement)
    proposed_header = f"Activity proposed in the {previous}"
    undertaken_header = f"Activity undertaken since {long_date(plan.starts_on)}"
    blocks = [heading(f"Review of activity set out in the {previous}"),
              paragraph(f"Each year the owner of every action says what was done. The tables set the activity "
                        f"proposed for {plan.title} against what was undertaken, grouped by area.")]
    areas = review_tables(plan)
    if not areas:
        blocks.append(paragraph(f"The {plan.title} action plan had no actions."))
    next_title = statement.plan.title
    for area in areas:
        rows = []
        for row in area.rows:
            undertaken = row.undertaken or NO_RESPONSE
            if row.continues:
                undertaken = f"{undertaken} (This continues in {next_title}.)"
            rows.append([row.proposed, undertaken])
        blocks += [heading(area.area, 3), table(area.area, [proposed_header, undertaken_header], rows)]
    return blocks


def proposed_blocks(statement) -> list:
    plan = statement.plan
    previous = plan.previous.title if plan.previous_id else (
        statement.reviewed_plan.title if statement.reviewed_plan else "last year")
    blocks = [heading(f"Activity proposed for {plan.title}"),
              paragraph(f"What the council and its partners will do from {period(plan.starts_on, plan.ends_on)}, "
                        f"by area. Activity carried forward from {previous} is marked.")]
    areas = proposed_tables(plan)
    if not areas:
        blocks.append(paragraph(f"No activity has been added to the {plan.title} action plan yet."))
    for area in areas:
        rows = [[description, f"Carried forward from {previous}" if carried else "New"]
                for description, carried in area.items]
        blocks += [heading(area.area, 3),
                   table(area.area, [f"Activity proposed to {long_date(plan.ends_on)}", "New or carried forward"], rows)]
    return blocks


# --- Sign-off and appendices -------------------------------------------------------------------


def sign_off_blocks(statement) -> list:
    blocks = [heading("Sign-off")]
    if statement.approved_on:
        blocks.append(paragraph(f"This statement was approved on {long_date(statement.approved_on)}."))
    else:
        blocks.append(paragraph("This statement is a draft. It has not been approved yet."))
    people = list(statement.signatories.all())
    if people:
        blocks.append(table("Signed off by", ["Name", "Role"], [[p.name, p.role] for p in people]))
    else:
        blocks.append(paragraph("The people who sign the statement off have not been added yet."))
    return blocks


def indicator_blocks() -> list:
    from clearsight.concerns.api import indicators

    facts = indicators()
    blocks = [heading("Appendix 1: Indicators of modern slavery") | {"page_break": True},
              paragraph("Signs that someone may be a victim of modern slavery. One sign alone does not prove it, "
                        "and the absence of signs does not rule it out. If you are worried, report it.")]
    by_category = {}
    for fact in facts:
        by_category.setdefault(fact.category, []).append(fact.text)
    for label, items in by_category.items():
        blocks += [heading(label, 3), {"type": "bullets", "items": items}]
    sources = sorted({(i.source, i.version) for i in facts})
    if sources:
        blocks.append(paragraph("Source: " + "; ".join(f"{s} (version {v})" for s, v in sources) + "."))
    return blocks


# What each kind of route is, for a reader of the statement, when the council has written no
# guidance of its own for it.
ROUTE_PURPOSES = {
    "police": "The police act on crimes and protect anyone in immediate danger. Call 999 in an emergency and 101 "
              "otherwise.",
    "childrens_front_door": "Concerns about a child go to the council’s children’s services, who decide how to keep "
                            "the child safe.",
    "nrm_referral": "The National Referral Mechanism (NRM) is how potential victims of modern slavery are identified "
                    "and offered support. Trained first responders, such as council officers and the police, make the "
                    "referral. An adult must agree to it; a child does not need to.",
    "ictg_referral": "Independent Child Trafficking Guardians give specialist advice and support to children who may "
                     "have been trafficked, and speak up for them.",
    "adult_safeguarding": "Concerns about an adult with care and support needs go to adult social care, who decide "
                          "whether a safeguarding enquiry is needed.",
    "support_offer": "Adults referred to the NRM can be offered support, such as safe accommodation, advice and help "
                     "to use services.",
    "duty_to_notify": "When an adult does not agree to an NRM referral, the council tells the Home Office without "
                      "naming them, as public authorities in England and Wales must.",
    "procurement_champion": "Concerns about a supplier or a contract go to the procurement service’s modern slavery "
                            "champion, who follows them up with the supplier.",
}


def route_blocks(statement) -> list:
    from clearsight.concerns.api import reporting_routes

    routes = reporting_routes(statement.organisation)
    blocks = [heading("Appendix 2: How to report a concern"),
              paragraph("If someone is in immediate danger, call 999. Otherwise, use the route that fits.")]
    if not routes:
        blocks.append(paragraph("No reporting routes have been set up yet."))
    for route in routes:
        blocks.append(heading(route.title, 3))
        blocks += text_blocks(route.guidance) or (
            [paragraph(ROUTE_PURPOSES[route.kind])] if route.kind in ROUTE_PURPOSES else [])
        contacts = [f"{label}: {value}" for label, value in (
            ("Contact", route.contact_name), ("Phone", route.contact_phone), ("Email", route.contact_email),
            ("Online form", route.contact_web_form)) if value]
        if contacts:
            blocks.append({"type": "bullets", "items": contacts})
    return blocks


# --- The whole document ------------------------------------------------------------------------


def assemble(statement, today=None) -> dict:
    """The statement as it reads now: text sections, figures and tables from the data."""
    sections = list(statement.sections.all())
    customs = [s for s in sections if s.kind == Section.Key.CUSTOM]
    blocks = [heading(statement.title, 1)]
    blocks += [paragraph(f"This statement covers {period(statement.covers_from, statement.covers_to)}.")]
    blocks += [heading("Introduction and scope")] + _section_blocks(_section(statement, "introduction"))
    found = statement_figures(statement, today=today)
    blocks += (figures_blocks(statement, found.context, found.categories, found.categories_source) if found
               else figures_blocks(statement, []))
    blocks += [heading("Responsibilities")] + _section_blocks(_section(statement, "responsibilities"))
    blocks += review_blocks(statement)
    blocks += proposed_blocks(statement)
    for section in customs:
        blocks += [heading(section.title)] + _section_blocks(section)
    blocks += [heading("Review process")] + _section_blocks(_section(statement, "review-process"))
    blocks += sign_off_blocks(statement)
    blocks += indicator_blocks()
    blocks += route_blocks(statement)
    blocks += [heading(f"Appendix 3: {statement.organisation.name} services")] + _section_blocks(
        _section(statement, "services"))
    return {
        "title": statement.title,
        "language": LANGUAGE,
        "organisation": statement.organisation.name,
        "status": statement.status,
        "covers": period(statement.covers_from, statement.covers_to),
        "approved_on": statement.approved_on.isoformat() if statement.approved_on else None,
        "blocks": blocks,
    }


def headings(document, level=None) -> list:
    return [b["text"] for b in document["blocks"] if b["type"] == "heading" and (level is None or b["level"] == level)]
