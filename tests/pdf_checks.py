"""Checks every PDF Clearsight makes must pass: it is tagged for assistive technology (PDF/UA-1)."""

import io

from pypdf import PdfReader


def assert_tagged(content: bytes, *, title: str, lang: str = "en-GB") -> PdfReader:
    """The PDF is tagged (marked, with a structure tree) and says it is PDF/UA, names its language,
    and has ``title`` in its metadata, shown as the window title. Returns the reader."""
    reader = PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog and catalog["/StructTreeRoot"].get_object()["/K"]
    assert catalog["/Lang"] == lang
    assert reader.metadata.title == title
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert b"pdfuaid" in catalog["/Metadata"].get_object().get_data()
    return reader


def structure(reader: PdfReader) -> set:
    """The structure types in the PDF's tag tree, such as /H1, /Table and /TH."""
    found, todo = set(), [reader.trailer["/Root"]["/StructTreeRoot"]]
    while todo:
        node = todo.pop().get_object()
        if isinstance(node, dict):
            if "/S" in node:
                found.add(node["/S"])
            kids = node.get("/K", [])
            todo += kids if isinstance(kids, list) else [kids]
    return found


# The body of an A4 page, in points from its foot: the page's margins (20 mm top and bottom, in
# core/templates/core/pdf/print.css) hold the footer, "Page n of m" and the mark on every page.
_A4_HEIGHT, _MARGIN = 841.89, 20 * 72 / 25.4


def body_text(reader: PdfReader) -> str:
    """The PDF's text as a reader hears it, page after page, without what is repeated in every
    page's margins (the footer, "Page n of m" and the mark) and the bullets of lists, which are
    drawn apart from the text; whitespace made single spaces."""
    pages = []
    for page in reader.pages:
        parts = []

        def keep(text, cm, tm, font, size, parts=parts):
            y = cm[3] * tm[5] + cm[5] if cm else tm[5]
            if _MARGIN < y < _A4_HEIGHT - _MARGIN or not text.strip():
                parts.append(text)

        page.extract_text(visitor_text=keep)
        pages.append("".join(parts))
    return " ".join(word for word in " ".join(pages).split() if word != "•")


_BLOCKS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "div",
    "section",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "br",
}


def has_class(name: str) -> str:
    """An XPath test that an element has the CSS class ``name``, as in //section[has_class(...)]."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def with_class(name: str) -> str:
    """An XPath finding the elements with the CSS class ``name`` under an element."""
    return f".//*[{has_class(name)}]"


def html_text(element, *, leave_out=()) -> str:
    """The text of an lxml ``element`` as a sighted reader sees it: without what is only for screen
    readers (govuk-visually-hidden) and without the elements the XPaths ``leave_out`` find;
    whitespace made single spaces."""
    skipped = set()
    for xpath in (with_class("govuk-visually-hidden"), *leave_out):
        skipped.update(element.xpath(xpath))
    words = []

    def walk(node):
        if node in skipped:
            return
        block = node.tag in _BLOCKS
        if block:
            words.append(" ")
        words.append(node.text or "")
        for child in node:
            walk(child)
            if child.tail:
                words.append(child.tail)
        if block:
            words.append(" ")

    walk(element)
    return " ".join("".join(words).split())
