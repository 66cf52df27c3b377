"""Text made comparable: names of people and of businesses are written in many alphabets, with
accents or without, and the same name must compare equal (ADR 0028)."""

import unicodedata

from anyascii import anyascii


def ascii_lower(text: str) -> str:
    """Lower case ASCII: accents removed (é -> e), and letters with no accent to remove written in
    Latin letters by anyascii (ß -> ss, Ø -> o, Ł -> l, Cyrillic and Greek spelt out). Symbols
    (®, ™, £, €) are dropped first, so that they do not become words."""
    text = text or ""
    if text.isascii():
        return text.lower()
    text = "".join(c for c in text if c.isascii() or not unicodedata.category(c).startswith("S"))
    return anyascii(text).lower()


def quoted_list(items) -> str:
    """Items in curly quotes, as a sentence lists them: “April”, “May” and “June”."""
    quoted = [f"“{item}”" for item in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
