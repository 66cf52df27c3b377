"""The NRM-ready view as a PDF: every page of the Home Office form in order, each question with its
answer, for a first responder to copy from or keep with the case file. Made with ReportLab.

The PDF holds the same answers as the NRM-ready view, and nothing more: no names in its title,
metadata or file name."""

from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

BLACK = colors.HexColor("#0b0c0c")
GREY = colors.HexColor("#484949")
BORDER = colors.HexColor("#cecece")
WARNING_BACKGROUND = colors.HexColor("#f3f2f1")
LONG_ANSWER = 1200  # characters: longer answers go under their question instead of beside it

# A font with wide Unicode coverage where the system has one, so names and places in any script
# show; otherwise ReportLab's built-in Helvetica.
FONT_FILES = {
    "regular": [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
                Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")],
    "bold": [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
             Path("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf")],
}


def _fonts():
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


def _styles():
    regular, bold = _fonts()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=20, leading=25, textColor=BLACK, spaceAfter=4 * mm),
        "caption": ParagraphStyle("caption", fontName=regular, fontSize=12, leading=16, textColor=GREY, spaceAfter=1 * mm),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=14, leading=18, textColor=BLACK, spaceBefore=6 * mm, spaceAfter=2 * mm),
        "body": ParagraphStyle("body", fontName=regular, fontSize=10.5, leading=14, textColor=BLACK, alignment=TA_LEFT),
        "key": ParagraphStyle("key", fontName=bold, fontSize=10.5, leading=14, textColor=BLACK),
        "muted": ParagraphStyle("muted", fontName=regular, fontSize=10.5, leading=14, textColor=GREY),
        "warning": ParagraphStyle("warning", fontName=bold, fontSize=11, leading=15, textColor=BLACK),
    }


def _text(value):
    """Escaped for ReportLab's paragraph markup, keeping line breaks."""
    return "<br/>".join(escape(line) for line in str(value).split("\n"))


def _table(rows, key_width, width, style):
    table = Table(rows, colWidths=[key_width, width - key_width])
    table.setStyle(style)
    return table


def _rule(width):
    line = Table([[""]], colWidths=[width], rowHeights=[2 * mm])
    line.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, BORDER)]))
    return line


def referral_pdf(referral, sections, *, kind_label, is_duty_to_notify, generated_at):
    """The PDF as bytes."""
    concern = referral.action.concern
    styles = _styles()
    buffer = BytesIO()
    title = f"{kind_label} for concern {concern.reference}"
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm, bottomMargin=18 * mm,
        title=title, author="Clearsight", subject="Answers in Home Office form order", lang="en-GB",
    )
    story = [
        Paragraph(_text(f"Concern {concern.reference}"), styles["caption"]),
        Paragraph(_text(title), styles["title"]),
        Paragraph(_text(f"Status: {referral.get_status_display()}. Made on {generated_at.day} {generated_at:%B %Y} "
                        f"at {generated_at.hour % 12 or 12}:{generated_at:%M}{'am' if generated_at.hour < 12 else 'pm'}."),
                  styles["body"]),
        Spacer(1, 2 * mm),
        Paragraph(_text("The answers follow the Home Office digital form, page by page. Copy each answer into the "
                        "matching question of the form."), styles["body"]),
        Spacer(1, 3 * mm),
    ]
    warning = ("This is a Duty to Notify report. Check that no answer includes the person's name or anything else "
               "that identifies them." if is_duty_to_notify else
               "Check that no answer includes the names of any other potential victims.")
    box = Table([[Paragraph(_text("Warning: " + warning), styles["warning"])]], colWidths=[document.width])
    box.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), WARNING_BACKGROUND),
        ("LINEBEFORE", (0, 0), (0, -1), 3, BLACK),
        ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm), ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 3 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
    ]))
    story.append(box)

    key_width = document.width * 0.42
    row_style = TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, BORDER),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (0, -1), 4 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 2 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
    ])
    for number, section in enumerate(sections, start=1):
        parts = [Paragraph(_text(f"{number}. {section.page.title}"), styles["h2"])]
        if section.note:
            parts += [Paragraph(_text(section.note), styles["muted"]), Spacer(1, 1.5 * mm)]
        # Short answers sit beside their question. A long answer goes under its question, where it
        # can run on to the next page (a table row cannot).
        pending = []
        for row in section.rows:
            label = Paragraph(_text(row.label), styles["key"])
            if row.state != "answered":
                answer_text = "Not asked" if row.state == "not-asked" else \
                    "Not answered (required)" if row.missing else "Not answered"
                pending.append([label, Paragraph(_text(answer_text), styles["muted"])])
                continue
            answer = "\n".join(row.lines)
            if len(answer) <= LONG_ANSWER and answer.count("\n") < 15:
                pending.append([label, Paragraph(_text(answer), styles["body"])])
                continue
            if pending:
                parts.append(_table(pending, key_width, document.width, row_style))
                pending = []
            parts += [Spacer(1, 2 * mm), label, Spacer(1, 1 * mm)]
            parts += [Paragraph(_text(paragraph), styles["body"]) for paragraph in answer.split("\n\n")]
            parts.append(_rule(document.width))
        if pending:
            parts.append(_table(pending, key_width, document.width, row_style))
        # Keep a heading with the start of its answers.
        story.append(KeepTogether(parts[:3]))
        story += parts[3:]

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(styles["muted"].fontName, 9)
        canvas.setFillColor(GREY)
        canvas.drawString(doc.leftMargin, 10 * mm, f"{kind_label} for concern {concern.reference}.")
        canvas.drawRightString(doc.leftMargin + doc.width, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
