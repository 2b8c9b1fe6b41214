"""JSON text exactly as ``json.dumps(value, ensure_ascii=False)`` writes it, with its encoders built once.

``json.dumps`` builds a C encoder on every call. The record writer (:mod:`sastra.schema`), the
index preparation (:mod:`sastra.index.store`, :mod:`sastra.index.analysis`) and the pipeline's
near-duplicate links write many small values per document, so each style's encoder is built here,
once, for all of them. No circular-reference check: the values written are trees.
"""

from __future__ import annotations

import json
import json.encoder
from typing import Any

#: a str as a JSON string, quotes included (what json.dumps uses with ensure_ascii=False)
encode_str = json.encoder.encode_basestring

_COMPACT_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_SPACED_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _c_encoder(encoder: json.JSONEncoder) -> Any:
    if json.encoder.c_make_encoder is None:  # pragma: no cover - CPython always has the C encoder
        return None
    return json.encoder.c_make_encoder(None, encoder.default, encode_str, None, encoder.key_separator,
                                      encoder.item_separator, False, False, True)


_COMPACT = _c_encoder(_COMPACT_ENCODER)
_SPACED = _c_encoder(_SPACED_ENCODER)


def escaped(text: str) -> str:
    """``text`` as inside a JSON string (:func:`encode_str` without its quotes). Escaping is character
    by character, so joining escaped texts escapes the joined text."""
    return encode_str(text)[1:-1]


def dumps_compact(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, separators=(",", ":"))``."""
    if value is None:
        return "null"
    if value.__class__ is str:
        return encode_str(value)
    if _COMPACT is None:  # pragma: no cover
        return _COMPACT_ENCODER.encode(value)
    return "".join(_COMPACT(value, 0))


def dumps_spaced(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False)`` of a dict or a list."""
    if _SPACED is None:  # pragma: no cover
        return _SPACED_ENCODER.encode(value)
    return "".join(_SPACED(value, 0))
