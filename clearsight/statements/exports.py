"""The statement's document model (assemble.py) as DOCX (python-docx) and PDF (ReportLab platypus).

Both keep the document's structure for people using assistive technology: real heading styles
(DOCX) and bookmarks (PDF), tables with a header row that repeats on each page, the title and the
language in the file's metadata, and page numbers in the PDF."""

from io import BytesIO
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import ListFlowable, ListItem, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from clearsight.concerns.referral_pdf import _fonts

BLACK = colors.HexColor("#0b0c0c")
GREY = colors.HexColor("#505a5f")
BORDER = colors.HexColor("#b1b4b6")
HEADER_BACKGROUND = colors.HexColor("#f3f2f1")


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


def _styles():
    regular, bold = _fonts()
    return {
        1: ParagraphStyle("h1", fontName=bold, fontSize=22, leading=27, textColor=BLACK, spaceAfter=5 * mm, keepWithNext=1),
        2: ParagraphStyle("h2", fontName=bold, fontSize=16, leading=20, textColor=BLACK, spaceBefore=7 * mm,
                          spaceAfter=3 * mm, keepWithNext=1),
        3: ParagraphStyle("h3", fontName=bold, fontSize=12.5, leading=16, textColor=BLACK, spaceBefore=4 * mm,
                          spaceAfter=2 * mm, keepWithNext=1),
        "body": ParagraphStyle("body", fontName=regular, fontSize=10.5, leading=14.5, textColor=BLACK, spaceAfter=2.5 * mm),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=9.5, leading=12.5, textColor=BLACK),
        "header": ParagraphStyle("header", fontName=bold, fontSize=9.5, leading=12.5, textColor=BLACK),
        "mark": ParagraphStyle("mark", fontName=bold, fontSize=10.5, leading=14.5, textColor=BLACK, spaceAfter=2.5 * mm),
        "footer": (regular, 8.5),
    }


class _NumberedCanvas(pdf_canvas.Canvas):
    """Writes "Page n of m" on each page once the number of pages is known."""

    footer_font = ("Helvetica", 8.5)
    footer_title = ""
    footer_mark = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(*self.footer_font)
            self.setFillColor(GREY)
            self.drawString(20 * mm, 12 * mm, self.footer_title[:90])
            if self.footer_mark:
                self.drawCentredString(A4[0] / 2, A4[1] - 12 * mm, self.footer_mark)
            self.drawRightString(A4[0] - 20 * mm, 12 * mm, f"Page {self._pageNumber} of {total}")
            super().showPage()
        super().save()


def _text(value):
    return escape(str(value)).replace("\n", "<br/>")


def _pdf_table(block, styles, width):
    columns = len(block["headers"])
    data = [[Paragraph(_text(h), styles["header"]) for h in block["headers"]]]
    data += [[Paragraph(_text(c), styles["cell"]) for c in row] for row in block["rows"]]
    if columns == 2 and block["headers"][1] == "New or carried forward":
        widths = [width * 0.7, width * 0.3]
    elif columns == 3:
        widths = [width * 0.5, width * 0.18, width * 0.32]
    else:
        widths = [width / columns] * columns
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, BORDER),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BACKGROUND),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]))
    return table


class _Heading(Paragraph):
    """A heading that adds itself to the PDF's bookmarks (its outline)."""

    def __init__(self, text, style, level, key):
        super().__init__(_text(text), style)
        self.plain, self.level, self.key = text, level, key

    def draw(self):
        super().draw()
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.plain, self.key, level=self.level - 1, closed=self.level > 1)


def to_pdf(document) -> bytes:
    styles = _styles()
    out = BytesIO()
    margin = 20 * mm
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                            bottomMargin=22 * mm, title=document["title"], author=document.get("organisation", ""),
                            subject="Modern Slavery Statement", lang=document["language"])
    width = A4[0] - 2 * margin
    story = []
    for n, block in enumerate(document["blocks"]):
        kind = block["type"]
        if kind == "heading":
            if block.get("page_break"):
                story.append(PageBreak())
            story.append(_Heading(block["text"], styles[block["level"]], block["level"], f"h{n}"))
            if block["level"] == 1 and is_draft(document):
                story.append(Paragraph(f"{_text(DRAFT_MARK)}. This statement may still change.", styles["mark"]))
        elif kind == "paragraph":
            story.append(Paragraph(_text(block["text"]), styles["body"]))
        elif kind == "bullets":
            story.append(ListFlowable([ListItem(Paragraph(_text(i), styles["body"]), leftIndent=12, value="•")
                                       for i in block["items"]], bulletType="bullet", start="•", leftIndent=12))
        else:
            story += [_pdf_table(block, styles, width), Spacer(1, 4 * mm)]

    font = styles["footer"]

    class Canvas(_NumberedCanvas):
        footer_font = font
        footer_title = document["title"]
        footer_mark = DRAFT_MARK if is_draft(document) else ""

    doc.build(story, canvasmaker=Canvas)
    return out.getvalue()
