"""The aggressive folding used only by search, at both ends (index writer and query parser)."""

from __future__ import annotations

import re
import unicodedata

from sastra.errors import require_str
from sastra.khmer import to_latin_digits
from sastra.normalize.core import normalize

_INVISIBLE_RE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
#: look-alike or interchangeable spellings folded to one form (beyond what normalize already does):
#: QOO TYPE TWO ឲ (U+17B2) is written for QOO TYPE ONE ឱ (U+17B1) in ឲ្យ/ឱ្យ; the two register
#: shifters drawn as a low U are folded by normalize already.
_FOLDS = str.maketrans({"\u17b2": "\u17b1"})


def search_key(text: str) -> str:
    """Fold ``text`` for matching: canonical Khmer, no zero-width characters, Latin digits,
    case-folded Latin, look-alike spellings folded. Never shown to users.

    ``search_key(normalize(x)) == search_key(x)`` for every string.
    """
    require_str(text)
    if not text:
        return text
    folded = normalize(text)
    visible = _INVISIBLE_RE.sub("", folded)
    if visible != folded:  # removing invisibles can bring marks next to a base: canonicalize again
        folded = normalize(visible)
    folded = to_latin_digits(folded).translate(_FOLDS)
    if not folded.isascii():
        folded = unicodedata.normalize("NFKC", folded)
        folded = normalize(folded)
    return folded.casefold()
