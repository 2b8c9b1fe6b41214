"""Canonical Khmer: cluster order per SIL's Khmer character specification, with an edit log.

How it stays fast: one compiled regex finds only the places that can need work (clusters with two
or more marks, and a few rare characters); each such cluster is canonicalized once and memoized, so a
text that is already canonical costs one regex scan. Everything else is left alone.

Rules (each a named fixer, reported in the edit log):

- ``reorder``: cluster components in the order Base, Robat, subscripts (subscript RO last),
  register shifter, ZWJ/ZWNJ, vowel, above signs, post signs (SIL specification section 7.2).
- ``compose_vowel``: split vowels composed: U+17C1 + U+17B8 -> U+17BE, U+17C1 + U+17B6 -> U+17C4.
- ``u_to_register_shifter``: vowel U (U+17BB) typed with an above vowel (or with AA + NIKAHIT) is the
  register shifter drawn low: triisap after BA, SA, HA, QA; muusikatoan after NGO, NYO, MO, YO, RO, VO.
- ``coeng_da_to_ta``: subscript DA is written as subscript TA everywhere (they look the same; SIL's
  normalizer and most typed news use TA). Gold, lexicons and output all pass through this rule.
- ``duplicate_mark``: a vowel, register shifter, robat, samyok sannya or kakabat typed twice in one
  cluster (the specification says these never repeat) is kept once.
- ``stray_coeng``: a COENG with no consonant after it is removed.
- ``deprecated_char``: U+17A3 -> U+17A2, U+17A4 -> U+17A2 U+17B6, U+17D8 -> ``។ល។``; the invisible
  inherent vowels U+17B4, U+17B5 are removed.
- ``zwsp_moved``: a zero-width space inside a cluster is moved to the cluster's end (never dropped:
  it is the publisher's word-separator hint). ``zwsp_collapsed``: runs of it become one.
- ``invisible_removed``: U+FEFF, U+00AD, U+2060 are removed; ZWJ between Khmer clusters is removed and
  ZWNJ between Khmer clusters becomes a zero-width space (its only use there is as a separator).
  ZWJ/ZWNJ inside a cluster before a vowel (which select glyph forms) are kept.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
import re

from sastra.errors import InputError, require_str
from sastra.records import Edit

_BASE = "\u1780-\u17b3"
_MARK = "\u17b4-\u17d3\u17dd"
_INVISIBLE_IN_CLUSTER = "\u200b\u200c\u200d\ufeff\u00ad\u2060"
_COENG = "\u17d2"
_REMOVABLE = "\ufeff\u00ad\u2060"
_INV = "\u200b\u200c\u200d" + _REMOVABLE  # invisible characters
_ZWSP_OR_INV = "\u200b" + _REMOVABLE

_ITEM = f"(?:{_COENG}[{_BASE}]?|[{_MARK}]|[{_INVISIBLE_IN_CLUSTER}]+(?=[{_MARK}]))"
_ZW_JOINERS = "\u200c\u200d"
#: places that may need work; everything else in a text is canonical as it stands.
#: Written for the speed of Python's regex engine, which skips an alternative at once when its first
#: item is a character class the current character is not in: every alternative starts with one (the
#: invisible runs' conditions on the character before are checked after their first character), a
#: cluster must have a mark (or invisible) right after its base, and the cluster's items are taken
#: possessively (nothing after them can fail, so giving some back never changed a match)
WORK_RE = re.compile(
    # clusters with two or more components (and invisibles after), and the one-component cases
    f"[{_BASE}](?=[{_MARK}{_INVISIBLE_IN_CLUSTER}])"
    f"(?:{_ITEM}{{2,}}+|{_COENG}\u178a|{_COENG}(?![{_BASE}])|[\u17b4\u17b5])[{_INV}]*+"
    f"|[\u17a3\u17a4]{_ITEM}*+"  # deprecated independent vowels, with their marks
    "|\u17d8"
    # a run of invisibles holding a ZWJ/ZWNJ, after Khmer (but not after a COENG)
    f"|[{_INV}](?<=[\u1780-\u17d1\u17d3-\u17ff][{_INV}])"
    f"(?:(?<=[{_ZW_JOINERS}])[{_INV}]*|[{_INV}]*[{_ZW_JOINERS}][{_INV}]*)"
    # the same before Khmer
    f"|[{_INV}](?<!{_COENG}[{_INV}])"
    f"(?:(?<=[{_ZW_JOINERS}])[{_INV}]*|[{_INV}]*[{_ZW_JOINERS}][{_INV}]*)(?=[\u1780-\u17ff])"
    # other invisible runs: with a removable character or a doubled zero-width space
    f"|[{_ZWSP_OR_INV}](?<!{_COENG}[{_ZWSP_OR_INV}])"
    f"(?:(?:(?<=[{_REMOVABLE}])|(?<=\u200b)(?=\u200b))[{_ZWSP_OR_INV}]*"
    f"|[{_ZWSP_OR_INV}]*(?:[{_REMOVABLE}]|\u200b\u200b)[{_ZWSP_OR_INV}]*)"
)

#: what only WORK_RE's invisible-character branches can match: a ZWJ, ZWNJ or removable character, a
#: doubled zero-width space, or a zero-width space before a mark (inside a cluster)
_INVISIBLE_WORK_RE = re.compile(f"[\u200c\u200d{_REMOVABLE}]|\u200b(?:\u200b|[{_MARK}])")
_ITEM_VISIBLE = f"(?:{_COENG}[{_BASE}]?|[{_MARK}])"
#: WORK_RE for a text in which _INVISIBLE_WORK_RE finds nothing: the same matches (its invisible branches
#: cannot match there), found faster (one branch per base instead of three)
VISIBLE_WORK_RE = re.compile(
    f"[{_BASE}](?=[{_MARK}])(?:{_ITEM_VISIBLE}{{2,}}+|{_COENG}\u178a|{_COENG}(?![{_BASE}])|[\u17b4\u17b5])[{_INV}]*+"
    f"|[\u17a3\u17a4]{_ITEM_VISIBLE}*+"
    "|\u17d8"
)


def work_pattern(text: str) -> re.Pattern[str]:
    """The pattern that finds the places of ``text`` that may need work (see VISIBLE_WORK_RE)."""
    return WORK_RE if _INVISIBLE_WORK_RE.search(text) else VISIBLE_WORK_RE

# sort keys of cluster components
_ROBAT, _SUB, _SUB_RO, _SHIFT, _Z, _VOWEL, _ABOVE_SIGN, _POST_SIGN = range(1, 9)
_VOWEL_ORDER = {**{c: 0 for c in "\u17c1\u17c2\u17c3"}, **{c: 1 for c in "\u17bb\u17bc\u17bd"},
                **{c: 2 for c in "\u17b7\u17b8\u17b9\u17ba\u17be"},
                **{c: 3 for c in "\u17b6\u17bf\u17c0\u17c4\u17c5"}}
_ABOVE_SIGNS = set("\u17c6\u17cb\u17cd\u17ce\u17cf\u17d0\u17d1\u17d3\u17dd")
_POST_SIGNS = set("\u17c7\u17c8")
_NEVER_DOUBLED = set(_VOWEL_ORDER) | set("\u17c9\u17ca\u17cc\u17d0\u17ce")
_ABOVE_VOWELS = set("\u17b7\u17b8\u17b9\u17ba\u17be")
_TRIISAP_BASES = set("\u1794\u179f\u17a0\u17a2")  # BA SA HA QA
_MUUSIKATOAN_BASES = set("\u1784\u1789\u1798\u1799\u179a\u179c")  # NGO NYO MO YO RO VO
_DEPRECATED_BASE = {"\u17a3": "\u17a2", "\u17a4": "\u17a2\u17b6"}


def _key(item: str) -> tuple[int, int]:
    c = item[0]
    if c == _COENG:
        return (_SUB_RO if item[1:] == "\u179a" else _SUB, 0)
    if c in _VOWEL_ORDER:
        return (_VOWEL, _VOWEL_ORDER[c])
    if c == "\u17cc":
        return (_ROBAT, 0)
    if c in "\u17c9\u17ca":
        return (_SHIFT, 0)
    if c in "\u200c\u200d":
        return (_Z, 0)
    if c in _POST_SIGNS:
        return (_POST_SIGN, 0)
    return (_ABOVE_SIGN, 0)


def _canonical_cluster(cluster: str) -> tuple[str, tuple[str, ...]]:
    """Canonical form of one cluster (or rare character) and the fixers that changed it."""
    fixers: list[str] = []
    if cluster[0] in _INV:  # a run of invisible characters between clusters
        return _invisible_run(cluster)
    if cluster == "\u17d8":
        return "\u17d4\u179b\u17d4", ("deprecated_char",)
    base, rest = cluster[0], cluster[1:]
    if base in _DEPRECATED_BASE:
        base = _DEPRECATED_BASE[base]
        fixers.append("deprecated_char")
    stripped = rest.rstrip(_INV)
    tail, tail_fixers = _invisible_run(rest[len(stripped):]) if len(stripped) < len(rest) else ("", ())
    fixers.extend(tail_fixers)
    rest = stripped
    items: list[str] = []
    i = 0
    while i < len(rest):
        c = rest[i]
        if c == _COENG:
            if i + 1 < len(rest) and "\u1780" <= rest[i + 1] <= "\u17b3":
                sub = rest[i + 1]
                if sub == "\u178a":
                    sub = "\u178f"
                    fixers.append("coeng_da_to_ta")
                elif sub in _DEPRECATED_BASE:
                    sub = _DEPRECATED_BASE[sub]
                    fixers.append("deprecated_char")
                items.append(_COENG + sub[0])
                items.extend(sub[1:])
                i += 2
                continue
            fixers.append("stray_coeng")
        elif c == "\u200b":
            fixers.append("zwsp_moved" if not tail else "zwsp_collapsed")
            tail = "\u200b"
        elif c in "\ufeff\u00ad\u2060":
            fixers.append("invisible_removed")
        elif c in "\u17b4\u17b5":
            fixers.append("deprecated_char")
        else:
            items.append(c)
        i += 1
    if len(base) > 1:  # QAA became QA + AA: the AA joins the vowels
        items.append(base[1])
        base = base[0]
    ordered = sorted(items, key=_key)
    if ordered != items:
        fixers.append("reorder")
    # doubled marks go before the vowel rules and again after them (a rule that consumes one mark,
    # such as u_to_register_shifter, would leave its twin for the next pass: not idempotent)
    deduped = _without_doubles(_fix_vowels(base, _without_doubles(ordered, fixers), fixers), fixers)
    for n in range(len(deduped) - 1, -1, -1):  # ZWJ/ZWNJ only stand right before a vowel
        if deduped[n] in "\u200c\u200d" and (n + 1 == len(deduped) or deduped[n + 1] not in _VOWEL_ORDER):
            if deduped.pop(n) == "\u200c":
                tail = "\u200b"
            fixers.append("invisible_removed")
    return base + "".join(deduped) + tail, tuple(dict.fromkeys(fixers))


def _without_doubles(items: list[str], fixers: list[str]) -> list[str]:
    """``items`` (in canonical order) with a mark that never repeats kept once, also where another mark
    stands between its two writings (``ុ`` in ``ីុួុ``: else a rule that consumes one of them leaves
    the other for the next pass, and normalization would not be idempotent)."""
    seen: set[str] = set()
    kept = []
    for item in items:
        if item in _NEVER_DOUBLED:
            if item in seen:
                continue
            seen.add(item)
        kept.append(item)
    if len(kept) != len(items):
        fixers.append("duplicate_mark")
    return kept


def _invisible_run(run: str) -> tuple[str, tuple[str, ...]]:
    """A run of invisible characters becomes one zero-width space if it held a word-separator hint
    (ZWSP or ZWNJ), else nothing."""
    out = "\u200b" if ("\u200b" in run or "\u200c" in run) else ""
    if run == out:
        return out, ()
    return out, ("invisible_removed" if run.strip("\u200b") else "zwsp_collapsed",)


def _fix_vowels(base: str, items: list[str], fixers: list[str]) -> list[str]:
    vowels = [x for x in items if x in _VOWEL_ORDER]
    if len(vowels) < 2:
        return items
    out = list(items)
    if "\u17c1" in out and ("\u17b8" in out or "\u17b6" in out):
        composed = "\u17be" if "\u17b8" in out else "\u17c4"
        out.remove("\u17c1")
        out[out.index("\u17b8" if composed == "\u17be" else "\u17b6")] = composed
        fixers.append("compose_vowel")
    if "\u17bb" in out and (base in _TRIISAP_BASES or base in _MUUSIKATOAN_BASES):
        above = any(x in _ABOVE_VOWELS for x in out)
        aa_am = "\u17b6" in out and "\u17c6" in out
        if above or aa_am:
            out.remove("\u17bb")
            if not any(x in "\u17c9\u17ca" for x in out):
                out.append("\u17ca" if base in _TRIISAP_BASES else "\u17c9")
            fixers.append("u_to_register_shifter")
            out.sort(key=_key)
    return out


class _CanonicalCache(dict):
    """cluster -> (canonical, fixers), computed once per distinct cluster."""

    def __missing__(self, cluster: str) -> tuple[str, tuple[str, ...]]:
        value = _canonical_cluster(cluster)
        if len(self) < 200_000:
            self[cluster] = value
        return value


class _OutputCache(dict):
    def __missing__(self, cluster: str) -> str:
        value = _CANONICAL[cluster][0]
        if len(self) < 200_000:
            self[cluster] = value
        return value


_CANONICAL = _CanonicalCache()
_OUTPUT = _OutputCache()


def _replacement(match: re.Match[str]) -> str:
    return _OUTPUT[match.group()]


def _reject_surrogates(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(f"lone surrogate U+{ord(text[exc.start]):04X} at offset {exc.start}; "
                         "decode the input with errors='replace' first") from None


def normalize(text: str) -> str:
    """The canonical form of ``text``: meaning-preserving, idempotent, no visible character lost."""
    require_str(text)
    if not text:
        return text
    _reject_surrogates(text)
    return work_pattern(text).sub(_replacement, text)


@dataclass(frozen=True, slots=True)
class Normalized:
    """The result of :func:`normalize_and_explain`: the text, each edit, and the way back.

    ``edits`` are in input offsets. ``to_original(i)`` maps an offset of ``text`` to an offset of the
    input; inside an edited cluster it maps to the start of the original cluster.
    """

    text: str
    source: str
    edits: tuple[Edit, ...]
    _out_starts: tuple[int, ...] = ()
    _in_starts: tuple[int, ...] = ()
    _out_ends: tuple[int, ...] = ()

    def to_original(self, offset: int) -> int:
        if not self._out_starts:
            return offset
        k = bisect.bisect_right(self._out_starts, offset) - 1
        if k < 0:
            return offset
        if offset < self._out_ends[k]:  # inside an edited span
            return self._in_starts[k]
        edit = self.edits[k]
        return offset - self._out_ends[k] + edit.end

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of ``text`` to the smallest span of the input that holds it."""
        if end <= start:
            s = self.to_original(start)
            return s, s
        s = self.to_original(start)
        e = self.to_original(end - 1)
        k = bisect.bisect_right(self._out_starts, end - 1) - 1 if self._out_starts else -1
        if k >= 0 and end - 1 < self._out_ends[k]:
            return s, self.edits[k].end
        return s, e + 1


def normalize_and_explain(text: str) -> Normalized:
    """Like :func:`normalize`, but also returns every edit (position, before, after, fixer) and an
    offset map from the output back to the input."""
    require_str(text)
    _reject_surrogates(text)
    edits: list[Edit] = []
    pieces: list[str] = []
    out_starts: list[int] = []
    in_starts: list[int] = []
    out_ends: list[int] = []
    last = 0
    out_len = 0
    for match in work_pattern(text).finditer(text):
        before = match.group()
        after, fixers = _CANONICAL[before]
        if after == before:
            continue
        start, end = match.span()
        pieces.append(text[last:start])
        out_len += start - last
        out_starts.append(out_len)
        in_starts.append(start)
        pieces.append(after)
        out_len += len(after)
        out_ends.append(out_len)
        edits.append(Edit(start, end, before, after, "+".join(fixers)))
        last = end
    pieces.append(text[last:])
    out = "".join(pieces)
    return Normalized(out, text, tuple(edits), tuple(out_starts), tuple(in_starts), tuple(out_ends))
