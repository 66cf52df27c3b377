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
