"""The one normalization rule segmentation applies to gold, lexicons, model vocabulary and input atoms.

``fold`` is ``sastra.normalize.normalize`` (canonical Khmer: cluster order, composed vowels, coeng DA
written as coeng TA). Input text is never rewritten: engines fold each atom only to look it up, so
offsets always point into the text as given.
"""

from __future__ import annotations

from functools import lru_cache

from sastra.khmer import COENG, DA, TA
from sastra.normalize import normalize as _normalize


def fold(text: str) -> str:
    """Normalize ``text`` the way segmentation compares and looks up Khmer.

    Segmentation must tile any string, so if the normalizer refuses one (it should not), the rule
    that matters most for look-ups (coeng DA -> coeng TA) is applied instead of failing."""
    try:
        return _normalize(text)
    except Exception:  # noqa: BLE001 - a normalizer bug must not stop segmentation
        return text.replace(COENG + DA, COENG + TA)


@lru_cache(maxsize=65536)
def fold_atom(atom: str) -> str:
    """``fold`` for one atom, cached: called only for atoms missing from an engine's vocabulary."""
    return fold(atom)
