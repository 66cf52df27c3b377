"""The NRM-ready view as a PDF: every page of the Home Office form in order, each question with its
answer, for a first responder to copy from or keep with the case file. Rendered as a tagged PDF
from concerns/pdf/referral.html (core.pdf).

The PDF holds the same answers as the NRM-ready view, and nothing more: no names in its title,
metadata or file name."""

from clearsight.core import pdf
from clearsight.core.dates import long_date_time

LONG_ANSWER = 1200  # characters: longer answers go under their question instead of beside it


def _parts(section):
    """The section's answers in order: runs of short answers, each run a table of questions beside
    their answers ({"rows": [...]}), and long answers under their question ({"label", "paragraphs"})."""
    parts, pending = [], []
    for row in section.rows:
        if row.state != "answered":
            answer = "Not asked" if row.state == "not-asked" else \
                "Not answered (required)" if row.missing else "Not answered"
            pending.append({"label": row.label, "answer": answer, "muted": True})
            continue
        answer = "\n".join(row.lines)
        if len(answer) <= LONG_ANSWER and answer.count("\n") < 15:
            pending.append({"label": row.label, "answer": answer, "muted": False})
            continue
        if pending:
            parts.append({"rows": pending})
            pending = []
        parts.append({"label": row.label, "paragraphs": answer.split("\n\n")})
    if pending:
        parts.append({"rows": pending})
    return parts


def referral_pdf(referral, sections, *, kind_label, is_duty_to_notify, generated_at):
    """The PDF as bytes."""
    concern = referral.action.concern
    title = f"{kind_label} for concern {concern.reference}"
    warning = ("This is a Duty to Notify report. Check that no answer includes the person's name or anything else "
               "that identifies them." if is_duty_to_notify else
               "Check that no answer includes the names of any other potential victims.")
    return pdf.render_pdf("concerns/pdf/referral.html", {
        "reference": concern.reference,
        "status": referral.get_status_display(),
        "made_on": long_date_time(generated_at),
        "warning": warning,
        "sections": [{"title": section.page.title, "note": section.note, "parts": _parts(section)}
                     for section in sections],
        "footer": f"{title}.",
    }, title=title, subject="Answers in Home Office form order")
