"""The statement's document model (assemble.py) as DOCX (python-docx) and PDF (a tagged PDF made
by core.pdf from statements/pdf/statement.html).

Both keep the document's structure for people using assistive technology: real heading styles
(DOCX) and tagged headings that are also bookmarks (PDF), tables with a header row that repeats on
each page, the title and the language in the file's metadata, and page numbers in the PDF."""

from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from clearsight.core import pdf

DRAFT_MARK = "Draft – not approved"


def is_draft(document) -> bool:
    return document.get("status") != "approved"


def filename(document, suffix="") -> str:
    """A file name from the title, without anything but letters, numbers and dashes."""
    safe = "".join(c if c.isalnum() else "-" for c in document["title"].lower())
    safe = "-".join(part for part in safe.split("-") if part)
    return f"{safe[:80]}{suffix}"


# --- DOCX --------------------------------------------------------------------------------------


def _repeat_header(row):
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _set_language(document, language):
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if run_defaults is None:
        return
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), language)


def to_docx(document) -> bytes:
    doc = Document()
    doc.core_properties.title = document["title"]
    doc.core_properties.language = document["language"]
    doc.core_properties.author = document.get("organisation", "")
    doc.core_properties.subject = "Modern Slavery Statement"
    _set_language(doc, document["language"])
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    for level in (1, 2, 3):
        style = doc.styles[f"Heading {level}"]
        style.font.name = "Arial"
        style.font.color.rgb = RGBColor(0x0B, 0x0C, 0x0C)
    if is_draft(document):
        doc.sections[0].header.paragraphs[0].text = DRAFT_MARK
    for block in document["blocks"]:
        kind = block["type"]
        if kind == "heading":
            heading = doc.add_heading(block["text"], level=block["level"])
            if block.get("page_break"):
                heading.paragraph_format.page_break_before = True
            if block["level"] == 1 and is_draft(document):
                doc.add_paragraph().add_run(f"{DRAFT_MARK}. This statement may still change.").bold = True
        elif kind == "paragraph":
            doc.add_paragraph(block["text"])
        elif kind == "bullets":
            for item in block["items"]:
                doc.add_paragraph(item, style="List Bullet")
        elif kind == "table":
            table = doc.add_table(rows=1, cols=len(block["headers"]))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.LEFT
            header = table.rows[0]
            _repeat_header(header)
            for cell, text in zip(header.cells, block["headers"]):
                run = cell.paragraphs[0].add_run(text)
                run.bold = True
            for row in block["rows"]:
                cells = table.add_row().cells
                for cell, text in zip(cells, row):
                    cell.text = str(text)
            doc.add_paragraph()
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


# --- PDF ---------------------------------------------------------------------------------------


def to_pdf(document) -> bytes:
    """The statement as a tagged PDF: its blocks in order, with the draft mark at the top of every
    page and under the title while it is a draft."""
    draft = is_draft(document)
    return pdf.render_pdf("statements/pdf/statement.html", {
        "blocks": document["blocks"], "draft": draft, "mark": DRAFT_MARK if draft else "",
        "footer": document["title"],
    }, title=document["title"], author=document.get("organisation", ""), subject="Modern Slavery Statement",
        lang=document["language"])
