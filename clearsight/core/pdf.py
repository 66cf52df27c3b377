"""Clearsight's PDFs: Django templates rendered by WeasyPrint into tagged PDF (PDF/UA-1), in one
house style.

A PDF is a template that extends ``core/pdf/base.html`` and fills its ``content`` block, made like
this:

    content = pdf.render_pdf("cases/pdf/subject_access.html", {"document": doc, "footer": "..."},
                             title="Subject access export", subject="...")

Besides its own data, the context may give ``footer``, the text at the foot of every page (the
title if not given), and ``mark``, a line at the top of every page (such as "Draft – not
approved"). Text is escaped as in any Django template.

The base template and its one stylesheet (``core/templates/core/pdf/print.css``) give every PDF
what people using assistive technology need: a tagged structure in reading order (headings h1 to
h3, paragraphs, lists, tables with their header cells), the language (``lang``) and the title
(shown as the window title) with the author and subject in the file's metadata, headings as
bookmarks, text in locally installed fonts with wide Unicode coverage, and "Page n of m" on each
page. WeasyPrint needs Pango from the operating system (ADR 0029).
"""

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import weasyprint
from django.template.loader import render_to_string
from weasyprint.urls import URLFetcher

# The base template's folder: its stylesheet is the one file a PDF may load.
ASSETS = Path(__file__).resolve().parent / "templates" / "core" / "pdf"


class _LocalFiles(URLFetcher):
    """Loads only files in ASSETS: nothing from the network and no other file on the server,
    whatever a document holds. Anything else stops the rendering."""

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        path = Path(url2pathname(parts.path)).resolve() if parts.scheme == "file" and not parts.netloc else None
        if path is None or not path.is_relative_to(ASSETS):
            raise ValueError(f"A PDF may not load {url}")
        return super().fetch(url, headers)


def render_pdf(template_name, context, *, title, subject="", author="Clearsight", lang="en-GB") -> bytes:
    """The template rendered with ``context`` as a tagged PDF (PDF/UA-1), with ``title``,
    ``subject``, ``author`` and ``lang`` in its metadata (the template reads them as ``pdf``)."""
    html = render_to_string(template_name, {
        **context, "pdf": {"title": title, "subject": subject, "author": author, "lang": lang},
    })
    document = weasyprint.HTML(string=html, base_url=ASSETS.as_uri() + "/",
                               url_fetcher=_LocalFiles(allowed_protocols={"file"}, fail_on_errors=True))
    return document.write_pdf(pdf_variant="pdf/ua-1")
