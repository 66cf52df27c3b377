"""The NRM-ready view as a PDF: every page of the Home Office form in order, each question with its
answer, for a first responder to copy from or keep with the case file. Made with ReportLab.

The PDF holds the same answers as the NRM-ready view, and nothing more: no names in its title,
metadata or file name."""

from io import BytesIO

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from clearsight.core import pdf
from clearsight.core.dates import long_date_time

LONG_ANSWER = 1200  # characters: longer answers go under their question instead of beside it


def _table(rows, key_width, width, style):
    table = Table(rows, colWidths=[key_width, width - key_width])
    table.setStyle(style)
    return table


def _rule(width):
    line = Table([[""]], colWidths=[width], rowHeights=[2 * mm])
    line.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, pdf.BORDER)]))
    return line


def referral_pdf(referral, sections, *, kind_label, is_duty_to_notify, generated_at):
    """The PDF as bytes."""
    concern = referral.action.concern
    styles = pdf.styles()
    buffer = BytesIO()
    title = f"{kind_label} for concern {concern.reference}"
    document = pdf.document(buffer, title=title, subject="Answers in Home Office form order")
    story = [
        Paragraph(pdf.text(f"Concern {concern.reference}"), styles["caption"]),
        pdf.Heading(title, styles["h1"], 1),
        Paragraph(pdf.text(f"Status: {referral.get_status_display()}. Made on {long_date_time(generated_at)}."),
                  styles["body"]),
        Spacer(1, 2 * mm),
        Paragraph(pdf.text("The answers follow the Home Office digital form, page by page. Copy each answer into the "
                        "matching question of the form."), styles["body"]),
        Spacer(1, 3 * mm),
    ]
    warning = ("This is a Duty to Notify report. Check that no answer includes the person's name or anything else "
               "that identifies them." if is_duty_to_notify else
               "Check that no answer includes the names of any other potential victims.")
    box = Table([[Paragraph(pdf.text("Warning: " + warning), styles["warning"])]], colWidths=[document.width])
    box.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), pdf.LIGHT_GREY),
        ("LINEBEFORE", (0, 0), (0, -1), 3, pdf.BLACK),
        ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm), ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 3 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
    ]))
    story.append(box)

    key_width = document.width * 0.42
    row_style = TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, pdf.BORDER),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (0, -1), 4 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 2 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
    ])
    for number, section in enumerate(sections, start=1):
        parts = [pdf.Heading(f"{number}. {section.page.title}", styles["h2"], 2)]
        if section.note:
            parts += [Paragraph(pdf.text(section.note), styles["muted"]), Spacer(1, 1.5 * mm)]
        # Short answers sit beside their question. A long answer goes under its question, where it
        # can run on to the next page (a table row cannot).
        pending = []
        for row in section.rows:
            label = Paragraph(pdf.text(row.label), styles["key"])
            if row.state != "answered":
                answer_text = "Not asked" if row.state == "not-asked" else \
                    "Not answered (required)" if row.missing else "Not answered"
                pending.append([label, Paragraph(pdf.text(answer_text), styles["muted"])])
                continue
            answer = "\n".join(row.lines)
            if len(answer) <= LONG_ANSWER and answer.count("\n") < 15:
                pending.append([label, Paragraph(pdf.text(answer), styles["body"])])
                continue
            if pending:
                parts.append(_table(pending, key_width, document.width, row_style))
                pending = []
            parts += [Spacer(1, 2 * mm), label, Spacer(1, 1 * mm)]
            parts += [Paragraph(pdf.text(paragraph), styles["body"]) for paragraph in answer.split("\n\n")]
            parts.append(_rule(document.width))
        if pending:
            parts.append(_table(pending, key_width, document.width, row_style))
        # Keep a heading with the start of its answers.
        story.append(KeepTogether(parts[:3]))
        story += parts[3:]

    pdf.build(document, story, footer=f"{title}.")
    return buffer.getvalue()
