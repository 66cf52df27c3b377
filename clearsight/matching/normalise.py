"""Name normalisation for matching: the same business written different ways gives the same key."""

import re
import unicodedata

_LEGAL_FORMS = re.compile(
    r"\b(limited|ltd|plc|llp|llc|inc|incorporated|co|company|the|uk|gb|group|holdings|t/a)\b")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise_name(name: str) -> str:
    """Lower case, accents and punctuation removed, '&' as 'and', legal forms and 'the' dropped.

    >>> normalise_name("The Oxford Bus Co. Ltd.")
    'oxford bus'
    """
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ")
    text = _NON_WORD.sub(" ", text)
    text = _LEGAL_FORMS.sub(" ", text)
    return " ".join(text.split())
