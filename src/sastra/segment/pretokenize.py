"""Pre-tokenization: one regex pass that cuts text into the atoms a word engine works on.

Atoms are Khmer orthographic clusters (a word engine decides which cluster boundaries are word
boundaries) and whole non-Khmer tokens that no engine may split: URLs, emails, numbers with
separators, Latin words, Khmer dotted abbreviations (``ព.ស.``), ``។ល។``, runs of whitespace and
zero-width spaces (gaps: never part of a token), and single punctuation or symbol characters.
The regex has no nested quantifiers over the same characters, so a pass is linear in the text.
"""

from __future__ import annotations

import re
import unicodedata

from sastra.khmer import BASES, COENG, CONSONANTS, INDEPENDENT_VOWELS, MARKS, ZWJ, ZWNJ

#: characters that separate tokens and never belong to one
GAP_CHARS = "\u200b\ufeff"
#: invisible joiners that stick to the atom before them (never a token of their own after a cluster)
_GLUE = "\u200c\u200d\u2060\u00ad"

_CLUSTER = f"[{BASES}](?:{COENG}[{BASES}]|[{MARKS}]|[{ZWNJ}{ZWJ}](?=[{MARKS}]))*[{_GLUE}]*"
#: a consonant with only subscripts (no vowel, no sign): the tail of an abbreviation like គ.ជ.ប
_BARE = f"[{CONSONANTS}](?:{COENG}[{CONSONANTS}])*"
_DIGIT = "[0-9\u17e0-\u17e9]"
_ASCII_WORD = "[A-Za-z0-9]"

ATOM_PATTERN = "|".join([
    # the common case first: a Khmer cluster that is not followed by a dot (atomic: never shortened)
    f"(?>{_CLUSTER})(?!\\.)",
    # gaps: whitespace and zero-width space runs
    f"[\\s{GAP_CHARS}]+",
    # URL: scheme or www., up to whitespace or Khmer; trailing punctuation is left out
    r"(?:https?://|ftp://|www\.)[^\s\u200b\u1780-\u17ff<>\"'«»“”]*[^\s\u200b\u1780-\u17ff<>\"'«»“”.,;:!?)\]]",
    # email
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}",
    # Latin dotted acronym: U.S.A., U.N.
    r"(?:[A-Za-z]\.){2,}",
    # Khmer dotted abbreviation (ព.ស., គ.ជ.ប, ឧ.) - only at the start of a Khmer run
    # (anywhere with two dots or more; with one dot only at the start of a Khmer run)
    f"(?:{_CLUSTER}\\.){{2,}}(?:{_BARE}(?![{MARKS}{_GLUE}]))?",
    f"(?<![\u1780-\u17ff])(?:{_CLUSTER}(?:{_CLUSTER})?\\.)(?:{_BARE}(?![{MARKS}{_GLUE}]))?",
    # an independent vowel and a dot (ឧ. = for example) is an abbreviation anywhere
    f"[{INDEPENDENT_VOWELS}]\\.(?![0-9\u17e0-\u17e9])",
    # numbers with thousands separators and decimals, Khmer or Latin digits
    f"{_DIGIT}+(?:[.,]{_DIGIT}+)*",
    # Latin (and other alphabetic scripts) words, with inner apostrophes and hyphens
    r"[^\W\d_\u1780-\u17ff\u19e0-\u19ff](?:[^\W_\u1780-\u17ff\u19e0-\u19ff]|['’\-](?=[^\W\d_\u1780-\u17ff]))*",
    # Khmer etc. and ellipsis
    "\u17d4\u179b\u17d4",
    r"\.\.\.+|…",
    _CLUSTER,  # a cluster followed by a dot that starts no abbreviation
    # combining marks with no base before them: one junk atom per run (keeps the atom count small)
    f"[{MARKS}]+",
    r".",
])
ATOM_RE = re.compile(ATOM_PATTERN, re.S)

_KHMER_BASE_RE = re.compile(f"[{BASES}]")
_URL_RE = re.compile(r"(?:https?://|ftp://|www\.)", re.I)


def atom_kind(atom: str) -> str:
    """The kind of a non-cluster atom: gap, url, email, acronym, number, latin, punct, symbol, word."""
    first = atom[0]
    if first.isspace() or first in GAP_CHARS:
        return "gap"
    if _KHMER_BASE_RE.match(first):
        return "acronym" if "." in atom else "word"
    if "\u17d4" <= first <= "\u17da":
        return "punct"
    if _URL_RE.match(atom):
        return "url"
    if "@" in atom and len(atom) > 2:
        return "email"
    if _is_number(atom):
        return "number"
    if "." in atom and atom[0].isalpha():
        return "acronym"
    if first.isalpha():
        if len(atom) >= 2 and atom.isupper() and atom.isascii():
            return "acronym"
        return "latin" if atom.isascii() or _is_latin(atom) else "word"
    if atom == "\u17d4\u179b\u17d4" or atom == "…" or atom.startswith("..."):
        return "punct"
    category = unicodedata.category(first)
    if category.startswith("P") or first in "\u17d4\u17d5\u17d6\u17d7\u17d8\u17d9\u17da":
        return "punct"
    if category.startswith("M") or category == "Cf":
        return "word"
    return "symbol"


def _is_number(atom: str) -> bool:
    return all(ch in ".,0123456789\u17e0\u17e1\u17e2\u17e3\u17e4\u17e5\u17e6\u17e7\u17e8\u17e9" for ch in atom)


def _is_latin(atom: str) -> bool:
    return all(ch.isascii() or "LATIN" in unicodedata.name(ch, "") for ch in atom)
