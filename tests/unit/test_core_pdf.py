"""Clearsight's PDFs (core.pdf): tagged PDF/UA from a template extending core/pdf/base.html, with
the metadata, bookmarks, footer, page numbers and mark of the house style, and escaping."""

import io
import re

import pytest
from django.test import override_settings
from pypdf import PdfReader

from clearsight.core import pdf

from ..pdf_checks import assert_tagged, structure

DOCUMENT = """{% extends "core/pdf/base.html" %}{% block content %}
<h1>{{ pdf.title }}</h1><p>{{ text|linebreaksbr }}</p>
<h2>A section</h2><p>Some words.</p>
<h2 style="break-before: page">Another</h2>
<table><thead><tr><th scope="col">Name</th><th scope="col">Role</th></tr></thead>
<tbody><tr><td>Sam</td><td>Leader</td></tr></tbody></table>
<ul><li>One</li><li>Two</li></ul>
{% endblock %}"""

TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", {"test/document.html": DOCUMENT}),
                            "django.template.loaders.app_directories.Loader"]},
}]


def _made(**context):
    with override_settings(TEMPLATES=TEMPLATES):
        content = pdf.render_pdf("test/document.html", {"text": "Łódź & <Ж>\nsecond line", **context},
                                 title="A title", subject="What it is", lang="cy")
    return content, PdfReader(io.BytesIO(content))


def test_a_tagged_pdf_with_metadata_bookmarks_and_a_footer_with_the_number_of_pages():
    content, reader = _made(footer="The footer")
    assert_tagged(content, title="A title", lang="cy")
    assert reader.metadata.subject == "What it is" and reader.metadata.author == "Clearsight"
    top, sections = reader.outline
    assert top.title == "A title" and [o.title for o in sections] == ["A section", "Another"]
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) == 2
    assert "The footer" in pages[0] and "Page 1 of 2" in pages[0] and "Page 2 of 2" in pages[1]
    assert "Łódź & <Ж>" in pages[0] and "second line" in pages[0]
    # The structure a screen reader follows: headings, a table with its header cells, a list
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/L", "/LI"} <= structure(reader)


def test_the_footer_is_the_title_unless_given():
    _, reader = _made()
    assert "A title" in reader.pages[1].extract_text()


def test_a_mark_at_the_top_of_every_page():
    assert all("Draft" in page.extract_text() for page in _made(mark="Draft")[1].pages)
    assert not any("Draft" in page.extract_text() for page in _made()[1].pages)


def test_text_is_escaped():
    _, reader = _made(text="<b>not bold</b> & <script>")
    assert "<b>not bold</b> & <script>" in reader.pages[0].extract_text()


def test_nothing_is_loaded_but_the_stylesheet():
    fetcher = pdf._LocalFiles(allowed_protocols={"file"})
    for url in ("http://example.com/style.css", "https://example.com/font.woff", "file:///etc/passwd",
                pdf.ASSETS.as_uri() + "/../home.html"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert b"@page" in fetcher.fetch((pdf.ASSETS / "print.css").as_uri()).read()



FACTS = """{% extends "core/pdf/base.html" %}{% block content %}
<h1>{{ pdf.title }}</h1>{% for _ in preamble %}<p>A line above the table.</p>{% endfor %}
<table class="pdf-facts pdf-facts--wide-labels"><tbody>
{% for n in rows %}<tr><th scope="row">Question {{ n }}: enter the email address of the local authority</th>
<td>Answer {{ n }}</td></tr>{% endfor %}
</tbody></table>{% endblock %}"""


@pytest.mark.parametrize("preamble", range(4))
def test_a_question_and_its_answer_are_on_the_same_page(preamble):
    # A two-line question beside a one-line answer near the foot of a page: the row moves to the next
    # page whole (the NRM referral's PDF once had an answer at the foot of a page and its question on
    # the next, depending on where the page broke).
    templates = [{**TEMPLATES[0], "OPTIONS": {"loaders": [
        ("django.template.loaders.locmem.Loader", {"test/facts.html": FACTS}),
        "django.template.loaders.app_directories.Loader"]}}]
    with override_settings(TEMPLATES=templates):
        content = pdf.render_pdf("test/facts.html", {"rows": range(1, 61), "preamble": range(preamble)}, title="Facts")
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]
    assert len(pages) > 2
    for text in pages:
        questions = set(re.findall(r"Question (\d+):", text))
        answers = set(re.findall(r"Answer (\d+)", text))
        assert questions == answers
