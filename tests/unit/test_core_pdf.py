"""The house style of Clearsight's PDFs (core.pdf): metadata, bookmarks, footer and escaping."""

import io

from pypdf import PdfReader
from reportlab.platypus import PageBreak, Paragraph

from clearsight.core import pdf


def _made(mark=""):
    buffer = io.BytesIO()
    doc = pdf.document(buffer, title="A title", subject="What it is", lang="cy")
    s = pdf.styles()
    story = [pdf.Heading("A title", s["h1"], 1), Paragraph(pdf.text("Łódź & <Ж>\nsecond line"), s["body"]),
             pdf.Heading("A section", s["h2"], 2), PageBreak(), pdf.Heading("Another", s["h2"], 2)]
    pdf.build(doc, story, footer="The footer", mark=mark)
    return PdfReader(io.BytesIO(buffer.getvalue()))


def test_metadata_bookmarks_and_a_footer_with_the_number_of_pages():
    reader = _made()
    assert reader.metadata.title == "A title" and reader.metadata.subject == "What it is"
    assert reader.metadata.author == "Clearsight" and reader.trailer["/Root"]["/Lang"] == "cy"
    top, sections = reader.outline
    assert top.title == "A title" and [o.title for o in sections] == ["A section", "Another"]
    pages = [page.extract_text() for page in reader.pages]
    assert "The footer" in pages[0] and "Page 1 of 2" in pages[0] and "Page 2 of 2" in pages[1]
    assert "Łódź & <Ж>" in pages[0] and "second line" in pages[0]


def test_a_mark_at_the_top_of_every_page():
    assert all("Draft" in page.extract_text() for page in _made(mark="Draft").pages)
    assert not any("Draft" in page.extract_text() for page in _made().pages)


def test_text_is_escaped_for_paragraph_markup_with_line_breaks_kept():
    assert pdf.text("a < b & c\nd") == "a &lt; b &amp; c<br/>d"
