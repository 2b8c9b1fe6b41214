"""Word lists for entity extraction, loaded once from ``sastra/data/{entities,gazetteer}``.

Every list is folded (see :func:`fold`) at load time so that look-alike spellings in the text
(coeng DA for coeng TA, triisap for muusikatoan, ...) match one spelling in the list.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Iterable

from sastra.khmer import to_latin_digits

COENG = "\u17d2"

#: 1:1 character folds (length-preserving, so offsets survive): visually identical or
#: interchangeable spellings written by different publishers
_FOLD_TABLE = str.maketrans({
    "\u17c9": "\u17ca",  # muusikatoan -> triisap (ស៉ី / ស៊ី)
    "\u17b2": "\u17b1",  # ឲ -> ឱ
    "\u17cf": "\u17cd",  # ahsda -> toandakhiat (អភិវឌ្ឍន៏ / អភិវឌ្ឍន៍), a frequent mistyping
    "\u17ac": "\u17ab",  # ឬ -> ឫ (ឬស្សីកែវ / ឫស្សីកែវ), often confused
    "\u17c7": "\u17c8",  # reahmuk -> yuukaleapintu (គណះ / គណៈ), visually alike
    "\u00a0": " ",  # no-break space
    "\u2009": " ",
})
_COENG_DA = COENG + "\u178a"
_COENG_TA = COENG + "\u178f"
_COENG_RO_TA = COENG + "\u179a" + COENG + "\u178f"
_COENG_TA_RO = COENG + "\u178f" + COENG + "\u179a"


_FOLD_PAIRS = tuple((chr(k), v) for k, v in _FOLD_TABLE.items())


def _latin_base_letters() -> dict[int, str]:
    """Accented Latin letters -> their base letter, one character for one (``António`` matches as
    ``Antonio``, ``Nguyễn`` as ``Nguyen``): the Latin-script rules are written over A-Z and a-z, and
    names in international news keep their accents."""
    import unicodedata

    table: dict[int, str] = {}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base != chr(code) and base.isascii() and base.isalpha():
            table[code] = base
    table.update({ord(k): v for k, v in {"Đ": "D", "đ": "d", "Ø": "O", "ø": "o", "Ł": "L", "ł": "l",
                                          "ı": "i", "ß": "s", "Æ": "A", "æ": "a", "Œ": "O", "œ": "o",
                                          "Þ": "T", "þ": "t", "Ð": "D", "ð": "d", "Ħ": "H", "ħ": "h"}.items()})
    return table


_LATIN_BASE = _latin_base_letters()
#: any of those letters (most Khmer texts hold none: one search, then no translation)
_ACCENTED_LATIN_RE = re.compile("[" + "".join(map(chr, sorted(_LATIN_BASE))) + "]")


def fold(text: str) -> str:
    """Length-preserving fold used for matching only (never shown): coeng DA→TA, ៉→៊, ឲ→ឱ,
    coeng RO + coeng TA → coeng TA + coeng RO."""
    for before, after in _FOLD_PAIRS:  # str.replace runs at C speed; translate() with a dict does not
        if before in text:
            text = text.replace(before, after)
    if _COENG_DA in text:
        text = text.replace(_COENG_DA, _COENG_TA)
    if _COENG_RO_TA in text:
        text = text.replace(_COENG_RO_TA, _COENG_TA_RO)  # មន្រ្តី for មន្ត្រី: subscripts typed in the wrong order
    if "\u17bb\u17b8" in text:
        text = text.replace("\u17bb\u17b8", "\u17ca\u17b8")  # សុី for ស៊ី: a frequent mistyping
    if ":" in text:
        text = _COLON_AFTER_KHMER.sub("\u17c8", text)  # សាធារណ: for សាធារណៈ
    if not text.isascii() and _ACCENTED_LATIN_RE.search(text):
        text = text.translate(_LATIN_BASE)
    return text


#: (the colon first, its look-behind after it: a pattern that starts with a literal is searched
#: for, one that starts with a look-behind is tried at every position, fifteen times slower)
_COLON_AFTER_KHMER = re.compile(":(?<=[\u1780-\u17b3\u17b6-\u17c5]:)(?=[\u1780-\u17b3 ])")


def _read_lines(folder: str, name: str) -> list[str]:
    text = resources.files("sastra").joinpath("data", folder, name).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def _entities(name: str) -> list[str]:
    return _read_lines("entities", name)


@functools.cache
def learned_names() -> dict[str, str]:
    """Names taught by sastra's hand-labelled articles (``learned_names.tsv``, written by
    ``bench/learn_names.py``): each spelling as written, folded, -> its kind (person, org, loc)."""
    names: dict[str, str] = {}
    for line in _entities("learned_names.tsv"):
        name, kind = line.split("\t")[:2]
        names[fold(name)] = kind
    return names


def trie_pattern(words: Iterable[str], *, space: str = " ?") -> str:
    """A regex alternation shaped as a trie, so that a long list matches fast and longest-first.

    A space inside a word matches ``space`` (by default an optional space).
    """
    trie: dict = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = []
        for ch in sorted((k for k in node if k), key=_branch_order):
            piece = space if ch == " " else re.escape(ch)
            branches.append(piece + build(node[ch]))
        if not branches:
            return ""
        if len(branches) == 1 and not ends:
            return branches[0]
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if ends else body

    return build(trie)


#: Khmer characters by frequency in news text (kh-news-2019-07), most frequent first
_FREQUENT_CHARS = "\u17d2\u17b6\u1793\u179a\u1780\u1794\u1798\u179f\u178f\u1784\u179b\u17cb\u1799\u17b7\u17bb\u1791\u1796\u17c1\u17c6\u178a\u1785\u17b8\u1787\u17be\u17c4\u17c2\u179c\u17a2\u1782\u17bc\u17c8\u17bd\u1781\u178e\u1789\u1790\u1792\u17a0\u17ca\u17c5"
_CHAR_RANK = {ch: i for i, ch in enumerate(_FREQUENT_CHARS)}


def _branch_order(ch: str) -> tuple[int, int, str]:
    """Order of a trie node's branches: the (optional) space first, then the frequent characters.

    Branches that start with different characters never both match, so their order does not change
    what the pattern matches; but Python's engine tries them one by one at every position, so
    trying frequent characters first makes the scans faster (about a fifth on the name lists)."""
    return (ch != " ", _CHAR_RANK.get(ch, len(_CHAR_RANK)), ch)


@dataclass(frozen=True)
class Place:
    name: str  # as listed
    kind: str  # province, district, commune, village, country, city, region
    english: str
    codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Org:
    name: str
    acronym: str
    english: str


@dataclass(frozen=True)
class Lexicon:
    titles: tuple[str, ...]
    name_stops: frozenset[str]  # role nouns and function words: the end of a personal name
    function_words: frozenset[str]  # the end of any name
    generic_words: frozenset[str]  # a head or type word followed only by these is generic
    org_heads: tuple[str, ...]
    #: folded key (spaces removed) -> places of that name, per gazetteer level or world kind
    places: dict[str, tuple[Place, ...]] = field(repr=False)
    orgs: dict[str, Org] = field(repr=False)
    longest_place: int = 0


def key(text: str) -> str:
    """Lookup key of a name: folded, without spaces."""
    return fold(text).replace(" ", "")


@functools.cache
def lexicon() -> Lexicon:
    titles = tuple(sorted({fold(t) for t in _entities("titles.txt")}, key=len, reverse=True))
    roles = frozenset(fold(w) for w in _entities("role_nouns.txt"))
    function_words = frozenset(fold(w) for w in _entities("function_words.txt"))
    generic = frozenset(fold(w) for w in _entities("generic_words.txt"))
    heads = tuple(sorted({fold(h) for h in _entities("org_heads.txt")}, key=len, reverse=True))
    places: dict[str, list[Place]] = {}
    for line in _entities("places_world.tsv"):
        kind, kh, en = line.split("\t")[:3]
        places.setdefault(key(kh), []).append(Place(kh, kind, en))
    world = tuple(places)
    for line in _read_lines("gazetteer", "cambodia_admin.tsv"):
        level, kh, en, codes = line.split("\t")[:4]
        code_tuple = tuple(c for c in codes.split(",") if c and not c.startswith("n="))
        places.setdefault(key(kh), []).append(Place(kh, level, en, code_tuple))
    # (twenty-first pass) world names transliterated with ៉/៊ are often written without it
    # (``កូរេខាងត្បូង``, ``សហព័ន្ធរុស្សី``, ``អេស្បាញ``), and ``-rica`` with a final ច (``អាមេរិច``,
    # ``អាហ្វ្រិច``): such a spelling is an alias unless it names something else
    for name_key in world:
        for alias in (name_key.replace("\u17ca", ""), name_key.replace("រិក", "រិច")):
            if alias != name_key and len(alias) >= 4 and alias not in places:
                places[alias] = [Place(alias, place.kind, place.english) for place in places[name_key]]
    # ``ចោមចៅទី២`` is written ``ចោមចៅ២``, ``ចោមចៅ ២`` or ``ចោមចៅទី 2`` in news text
    for name_key, listed in list(places.items()):
        match = _NUMBERED_RE.match(name_key)
        if match is None:
            continue
        base, digits = match.groups()
        latin = to_latin_digits(digits)
        for alias in {base + digits, base + latin, base + "ទី" + latin, base + "ទី" + digits}:
            if alias != name_key:
                for place in listed:
                    places.setdefault(alias, []).append(Place(alias, place.kind, place.english, place.codes))
    # (eleventh pass) ``សាធារណៈរដ្ឋ…``: the official names of republics are often written with ៈ
    for name_key, listed in list(places.items()):
        if name_key.startswith(_REPUBLIC):
            alias = _REPUBLIC_SPELLING + name_key[len(_REPUBLIC):]
            for place in listed:
                places.setdefault(alias, []).append(Place(alias, place.kind, place.english, place.codes))
    # (seventeenth pass) the independent vowels ឫ and ឮ are often typed as a consonant, a coeng and
    # ញ, which looks the same: ``ខណ្ឌប្ញស្សីកែវ`` for ``ខណ្ឌឫស្សីកែវ``
    for name_key, listed in list(places.items()):
        if "ឫ" in name_key or "ឮ" in name_key:
            alias = name_key.replace("ឫ", "ប្ញ").replace("ឮ", "ល្ញ")
            for place in listed:
                places.setdefault(alias, []).append(Place(alias, place.kind, place.english, place.codes))
    # (twenty-first pass) a nasal before a consonant is written with the nikahit or as MO with a
    # subscript, and publishers use either: ``ចម្ការមន`` / ``ចំការមន``, ``សំរោង`` / ``សម្រោង``
    for name_key, listed in list(places.items()):
        for alias in (_NIKAHIT_RE.sub("ម្", name_key), _MO_COENG_RE.sub("ំ", name_key)):
            if alias != name_key and alias not in places:
                places[alias] = [Place(alias, place.kind, place.english, place.codes) for place in listed]
    for alias, target in _ALIASES.items():
        for place in tuple(places.get(key(target), ())):
            places.setdefault(key(alias), []).append(Place(alias, place.kind, place.english, place.codes))
    orgs: dict[str, Org] = {}
    for line in _entities("orgs.tsv"):
        parts = (line.split("\t") + ["", ""])[:3]
        orgs[key(parts[0])] = Org(parts[0], parts[1], parts[2])
    return Lexicon(
        titles=titles,
        name_stops=roles | function_words,
        function_words=function_words,
        generic_words=generic,
        org_heads=heads,
        places={k: tuple(v) for k, v in places.items()},
        orgs=orgs,
        longest_place=max(map(len, places)),
    )


_NUMBERED_RE = re.compile("(.+?)ទី([០-៩]{1,2})$")
_NIKAHIT_RE = re.compile("(?<=[\u1780-\u17a2])\u17c6(?=[\u1780-\u17a2])")
_MO_COENG_RE = re.compile("(?<=[\u1780-\u17a2])\u1798\u17d2(?=[\u1780-\u17a2])")
_REPUBLIC = key("សាធារណរដ្ឋ")
_REPUBLIC_SPELLING = key("សាធារណៈរដ្ឋ")

#: other spellings of gazetteer names seen in news text -> the gazetteer spelling
_ALIASES = {
    "ប្រាំពីរមករា": "៧មករា",
    "កំពង់សោម": "ព្រះសីហនុ",
    "សីហនុវិល": "ព្រះសីហនុ",
    "ឧត្តរមានជ័យ": "ឧត្ដរមានជ័យ",
    "មណ្ឌលគីរី": "មណ្ឌលគិរី",
    "រតនៈគិរី": "រតនគិរី",
    "រតនៈគីរី": "រតនគិរី",
    "រតនគីរី": "រតនគិរី",
    "ពោធិសាត់": "ពោធិ៍សាត់",
    # (eleventh pass) spellings of district names common in news text
    "កំពង់រោទ៍": "កំពង់រោទិ៍",
    "កំពង់រោទ៌": "កំពង់រោទិ៍",
    "កែវសីម៉ា": "កែវសីមា",
    # (eighteenth pass) អាមេរិក written with ៉ (``រដ្ឋាភិបាលអាម៉េរិក``, ``តារាអាម៉េរិក``)
    "អាម៉េរិក": "អាមេរិក",
    "សហរដ្ឋអាម៉េរិក": "សហរដ្ឋអាមេរិក",
}
