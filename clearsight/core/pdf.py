"""The house style of every PDF Clearsight makes (ReportLab platypus): fonts, colours, paragraph
styles, headings that are also bookmarks, the page set-up with the file's metadata, and the footer.

A PDF is made like this:

    buffer = BytesIO()
    doc = pdf.document(buffer, title="Subject access export", subject="...")
    s = pdf.styles()
    story = [pdf.Heading("Subject access export", s["h1"], 1), Paragraph(pdf.text(intro), s["body"])]
    pdf.build(doc, story, footer="Subject access export. Confidential: personal data.")

What every PDF keeps for people using assistive technology: the title, author, subject and
language (``lang``) in the file's metadata; headings as bookmarks (the PDF's outline), nested by
level; text in a font with wide Unicode coverage where the system has one, so names and places in
any script show; and "Page n of m" on each page.
"""

import itertools
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate

# GOV.UK colours.
BLACK = colors.HexColor("#0b0c0c")
GREY = colors.HexColor("#505a5f")  # secondary text
BORDER = colors.HexColor("#b1b4b6")
LIGHT_GREY = colors.HexColor("#f3f2f1")  # table header rows, warning boxes

MARGIN = 18 * mm
FOOTER_Y = 10 * mm  # from the bottom of the page; a mark at the top (such as "Draft") sits as far from the top
FOOTER_SIZE = 8.5

# A font with wide Unicode coverage where the system has one; otherwise ReportLab's built-in Helvetica.
FONT_FILES = {
    "regular": [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
                Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")],
    "bold": [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
             Path("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf")],
}


def fonts() -> tuple:
    """The names of the regular and the bold font, registered with ReportLab on first use."""
    names = {}
    for weight, fallback in (("regular", "Helvetica"), ("bold", "Helvetica-Bold")):
        name = f"Clearsight-{weight}"
        if name in pdfmetrics.getRegisteredFontNames():
            names[weight] = name
            continue
        path = next((p for p in FONT_FILES[weight] if p.exists()), None)
        if path is None:
            names[weight] = fallback
            continue
        pdfmetrics.registerFont(TTFont(name, str(path)))
        names[weight] = name
    return names["regular"], names["bold"]


def styles() -> dict:
    """The paragraph styles, by name:

    h1, h2, h3: the document's title, its sections and their parts (kept with what follows them);
    caption: a grey line above the title; body: text, also in two-column tables of facts; paragraph:
    body text with space after it; key: the bold left column of a table of facts; strong: a bold
    paragraph; muted: grey text, such as "Not answered"; warning: the text of a warning box;
    cell and head: the cells and the header row of a data table."""
    regular, bold = fonts()

    def style(name, font, size, leading, colour=BLACK, **extra):
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, textColor=colour, **extra)

    return {
        "h1": style("h1", bold, 20, 25, spaceAfter=4 * mm, keepWithNext=1),
        "h2": style("h2", bold, 15, 19, spaceBefore=6.5 * mm, spaceAfter=2.5 * mm, keepWithNext=1),
        "h3": style("h3", bold, 12.5, 16, spaceBefore=4 * mm, spaceAfter=2 * mm, keepWithNext=1),
        "caption": style("caption", regular, 12, 16, GREY, spaceAfter=1 * mm),
        "body": style("body", regular, 10.5, 14),
        "paragraph": style("paragraph", regular, 10.5, 14, spaceAfter=2.5 * mm),
        "key": style("key", bold, 10.5, 14),
        "strong": style("strong", bold, 10.5, 14, spaceAfter=2.5 * mm),
        "muted": style("muted", regular, 10.5, 14, GREY),
        "warning": style("warning", bold, 11, 15),
        "cell": style("cell", regular, 9, 12),
        "head": style("head", bold, 9, 12),
    }


def text(value) -> str:
    """``value`` as text for a Paragraph: escaped for ReportLab's markup, line breaks kept."""
    return escape(str(value)).replace("\n", "<br/>")


_keys = itertools.count(1)


class Heading(Paragraph):
    """A heading that is also a bookmark in the PDF's outline, at its level (1 for the title)."""

    def __init__(self, value, style, level):
        super().__init__(text(value), style)
        self.plain, self.level, self.key = str(value), level, f"heading-{next(_keys)}"

    def draw(self):
        super().draw()
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.plain, self.key, level=self.level - 1, closed=self.level > 1)


def document(buffer, *, title, subject="", author="Clearsight", lang="en-GB") -> SimpleDocTemplate:
    """An A4 document writing to ``buffer``, with the title, subject, author and language in its
    metadata. Its ``width`` is the width of the text."""
    return SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                             bottomMargin=MARGIN, title=title, subject=subject, author=author, lang=lang)


def build(doc, story, *, footer, mark=""):
    """Lay out ``story`` in ``doc``, with ``footer`` (cut to 90 characters) and "Page n of m" at the
    foot of every page and, if given, ``mark`` (such as "Draft – not approved") at the top."""
    font = (fonts()[0], FOOTER_SIZE)

    class Canvas(_FooterCanvas):
        footer_font, footer_text, top_mark = font, footer[:90], mark

    doc.build(story, canvasmaker=Canvas)


class _FooterCanvas(pdf_canvas.Canvas):
    """Writes the footer on each page once the number of pages is known."""

    footer_font = ("Helvetica", FOOTER_SIZE)
    footer_text = ""
    top_mark = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        width, height = self._pagesize
        for state in self._pages:
            self.__dict__.update(state)
            self.saveState()
            self.setFont(*self.footer_font)
            self.setFillColor(GREY)
            self.drawString(MARGIN, FOOTER_Y, self.footer_text)
            if self.top_mark:
                self.drawCentredString(width / 2, height - FOOTER_Y, self.top_mark)
            self.drawRightString(width - MARGIN, FOOTER_Y, f"Page {self._pageNumber} of {total}")
            self.restoreState()
            super().showPage()
        super().save()
