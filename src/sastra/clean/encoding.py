"""Text that is Khmer in the wrong clothes: legacy font encodings, UTF-16 read as bytes, mojibake.

These are reported (as document flags), never silently "fixed": a legacy-font page needs a font-specific
converter, and guessing one would invent text.
"""

from __future__ import annotations

import re

_KHMER_RE = re.compile("[\u1780-\u17ff\u19e0-\u19ff]")
_LETTER_RE = re.compile(r"[^\W\d_]")
_LATIN1_RE = re.compile("[\u00a1-\u00ff]")
_BEYOND_LATIN1_RE = re.compile("[\u0100-\u024f\u1ea0-\u1eff]")  # Vietnamese, Central European letters
#: a symbol glued inside a word: Limon and ABC fonts put glyphs such as ្រ ៗ ៊ on [ ] { } < > ; ' " etc.
_INWORD_SYMBOL_RE = re.compile(r"(?<=[A-Za-z\u00c0-\u00ff])[\[\]{}<>;'\"`|\\^~@#$%&*+=¬´¨¦§¶·¸¹²³µ]"
                               r"(?=[A-Za-z\u00c0-\u00ff\[\]{}<>;'\"`|\\^~@#$%&*+=¬´¨¦§¶·¸¹²³µ])")
_WORD_RE = re.compile(r"[A-Za-z\u00c0-\u00ff]+")
#: frequent words of the European languages a Khmer crawl also meets: their presence means real text
_STOPWORDS = frozenset("""the of and to in is that for it with as was on be by at this are from or an
have not which but they you his her their has had we were will can all one would there been if more
de la le et les des en un une du est que qui dans pour pas sur au il elle ce par plus
der die und das ist nicht mit sich den dem ein eine zu von auf für im auch es
el los las y del que por con para una es se lo como más pero sus al""".split())
#: UTF-8 Khmer bytes (E1 9E xx / E1 9F xx) decoded as cp1252 or Latin-1
_MOJIBAKE_RE = re.compile("\u00e1[\u017e\u0178\u009e\u009f]")


def detect_encoding_problem(text: str, *, sample: int = 20000) -> str | None:
    """Name the encoding problem of ``text``, or None: ``legacy_encoding``, ``utf16``, ``mojibake``.

    ``legacy_encoding``: Khmer typed with a legacy font (Limon, ABC, ...) whose glyphs sit on Latin-1
    code points: no Khmer characters, Latin-1 letters and symbols glued inside "words", and almost none
    of the frequent words a real European-language text has.
    """
    head = text[:sample]
    if not head:
        return None
    if head.count("\x00") > max(2, len(head) // 8) or head.count("\x17") > max(2, len(head) // 5):
        return "utf16"  # UTF-16 read as 8-bit: NUL (Latin) or 0x17 (Khmer) on every other character
    if _KHMER_RE.search(head[:3000]) or _KHMER_RE.search(head):
        return None
    if len(_MOJIBAKE_RE.findall(head)) >= 3:
        return "mojibake"
    letters = len(_LETTER_RE.findall(head))
    if letters < 20 or _BEYOND_LATIN1_RE.search(head):
        return None
    words = _WORD_RE.findall(head)
    if not words:
        return None
    stop = sum(1 for w in words if w.lower() in _STOPWORDS)
    if stop >= 3 and stop / len(words) > 0.06:
        return None
    oddness = (len(_LATIN1_RE.findall(head)) + 2 * len(_INWORD_SYMBOL_RE.findall(head))) / max(1, letters)
    return "legacy_encoding" if oddness >= 0.06 else None
