"""The Khmer script itself: character classes, digits and orthographic clusters. No I/O.

Characters are written by name (``COENG``), never pasted invisibly. Class names follow the Unicode
character names and the categories of SIL's Khmer character specification (section 7.2).
"""

from __future__ import annotations

import re

# --- single characters, by Unicode name -------------------------------------------------------
KA = "\u1780"
DA = "\u178a"
TA = "\u178f"
RO = "\u179a"
QA = "\u17a2"
QAQ = "\u17a3"  # deprecated independent vowel; use QA
QAA = "\u17a4"  # deprecated; use QA + AA
AA = "\u17b6"
INHERENT_AQ = "\u17b4"  # discouraged, invisible
INHERENT_AA = "\u17b5"  # discouraged, invisible
SIGN_II = "\u17b8"
VOWEL_U = "\u17bb"
VOWEL_OE = "\u17be"
VOWEL_E = "\u17c1"
VOWEL_OO = "\u17c4"
NIKAHIT = "\u17c6"
REAHMUK = "\u17c7"
YUUKALEAPINTU = "\u17c8"
MUUSIKATOAN = "\u17c9"
TRIISAP = "\u17ca"
BANTOC = "\u17cb"
ROBAT = "\u17cc"
TOANDAKHIAT = "\u17cd"
KAKABAT = "\u17ce"
AHSDA = "\u17cf"
SAMYOK_SANNYA = "\u17d0"
VIRIAM = "\u17d1"
COENG = "\u17d2"
BATHAMASAT = "\u17d3"
KHAN = "\u17d4"  # ។ full stop
BARIYOOSAN = "\u17d5"  # ៕ end of section
CAMNUC_PII_KUUH = "\u17d6"  # ៖ colon
LEK_TOO = "\u17d7"  # ៗ repetition
BEYYAL = "\u17d8"  # deprecated ៘ 'etc.'; written ។ល។
PHNAEK_MUAN = "\u17d9"
KOOMUUT = "\u17da"
RIEL = "\u17db"  # ៛
AVAKRAHASANYA = "\u17dc"
ATTHACAN = "\u17dd"
ZWSP = "\u200b"
ZWNJ = "\u200c"
ZWJ = "\u200d"
WORD_JOINER = "\u2060"
BOM = "\ufeff"
SOFT_HYPHEN = "\u00ad"

KHMER_DIGITS = "០១២៣៤៥៦៧៨៩"
LATIN_DIGITS = "0123456789"

# --- classes (as regex character-class bodies and as sets) ------------------------------------
CONSONANTS = "\u1780-\u17a2"
INDEPENDENT_VOWELS = "\u17a3-\u17b3"
BASES = "\u1780-\u17b3"  # consonants and independent vowels: what can start a cluster
DEPENDENT_VOWELS = "\u17b6-\u17c5"
PRE_VOWELS = "\u17c1-\u17c3"
BELOW_VOWELS = "\u17bb-\u17bd"
ABOVE_VOWELS = "\u17b7-\u17ba\u17be"
POST_VOWELS = "\u17b6\u17bf\u17c0\u17c4\u17c5"
REGISTER_SHIFTERS = "\u17c9\u17ca"
ABOVE_SIGNS = "\u17c6\u17cb\u17cd-\u17d1\u17d3\u17dd"
POST_SIGNS = "\u17c7\u17c8"
#: every combining mark of the Khmer block (what can only follow a base)
MARKS = "\u17b4-\u17d3\u17dd"

KHMER_BLOCK = "\u1780-\u17ff\u19e0-\u19ff"

#: One orthographic cluster: a base and the marks and subscripts that belong to it. ZWJ/ZWNJ
#: belong to a cluster only when a mark follows them. Anything else is a cluster of one character.
CLUSTER_PATTERN = (
    f"[{BASES}](?:{COENG}[{BASES}]|[{MARKS}]|[{ZWNJ}{ZWJ}](?=[{MARKS}]))*"
)
CLUSTER_RE = re.compile(CLUSTER_PATTERN + "|.", re.S)

_KHMER_CHAR_RE = re.compile(f"[{KHMER_BLOCK}]")
_KHMER_RUN_RE = re.compile(f"[{KHMER_BLOCK}]+")
_OTHER_LETTERS_RE = re.compile(f"[^\\W\\d_{KHMER_BLOCK}]+")

_TO_LATIN = str.maketrans(KHMER_DIGITS, LATIN_DIGITS)
_TO_KHMER = str.maketrans(LATIN_DIGITS, KHMER_DIGITS)


def clusters(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into orthographic clusters, as ``(start, end)`` offsets that tile the text."""
    return [m.span() for m in CLUSTER_RE.finditer(text)]


def cluster_strings(text: str) -> list[str]:
    """The clusters of ``text`` as strings; ``"".join(cluster_strings(t)) == t``."""
    return CLUSTER_RE.findall(text)


def to_latin_digits(text: str) -> str:
    """Replace Khmer digits ០-៩ with 0-9; everything else is left alone."""
    return text.translate(_TO_LATIN)


def to_khmer_digits(text: str) -> str:
    """Replace 0-9 with Khmer digits ០-៩; everything else is left alone."""
    return text.translate(_TO_KHMER)


def parse_int(digits: str) -> int:
    """Parse a run of Khmer or Latin digits, with ``,`` or space as thousands separators.

    Deliberate about what it accepts: only ០-៩ and 0-9 (not every Unicode ``\\d``).
    """
    cleaned = to_latin_digits(digits).replace(",", "").replace(" ", "").replace("\u00a0", "")
    if not cleaned or not cleaned.isascii() or not cleaned.isdigit():
        raise ValueError(f"not a Khmer or Latin digit string: {digits!r}")
    return int(cleaned)


def is_khmer(ch: str) -> bool:
    """True for a character of the Khmer or Khmer Symbols blocks."""
    return bool(_KHMER_CHAR_RE.match(ch))


def khmer_ratio(text: str) -> float:
    """Share of Khmer characters among the Khmer characters and other letters of ``text`` (0.0 if none).

    (One deletion pass for the Khmer runs, then the other letters counted by runs in what is left:
    about 4 times faster on a long text than listing every character.)"""
    rest = _KHMER_RUN_RE.sub("", text)
    khmer = len(text) - len(rest)
    other = sum(map(len, _OTHER_LETTERS_RE.findall(rest))) if rest else 0
    total = khmer + other
    return khmer / total if total else 0.0
