"""The one normalization rule segmentation applies to gold, lexicons, model vocabulary and input atoms.

``fold`` is ``sastra.normalize.normalize`` (canonical Khmer: cluster order, composed vowels, coeng DA
written as coeng TA). If that stage is unavailable, a minimal stand-in applies the rule that matters
most for lexicon look-ups (coeng DA -> coeng TA). Input text is never rewritten: engines fold each
atom only to look it up, so offsets always point into the text as given.
"""

from __future__ import annotations

from functools import lru_cache

from sastra.khmer import COENG, DA, TA

try:  # the canonical normalizer, when the normalize stage is installed
    from sastra.normalize import normalize as _normalize
except ImportError:  # pragma: no cover - depends on the state of the normalize stage
    _normalize = None


def _minimal(text: str) -> str:
    return text.replace(COENG + DA, COENG + TA)


def fold(text: str) -> str:
    """Normalize ``text`` the way segmentation compares and looks up Khmer."""
    if _normalize is not None:
        try:
            return _normalize(text)
        except Exception:  # noqa: BLE001 - a normalizer bug must not stop segmentation
            return _minimal(text)
    return _minimal(text)


@lru_cache(maxsize=65536)
def fold_atom(atom: str) -> str:
    """``fold`` for one atom, cached: called only for atoms missing from an engine's vocabulary."""
    return fold(atom)
