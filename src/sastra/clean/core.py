"""``clean``: the article text of a crawled page, with every removed or tagged line and why.

Plain text goes through the Khmer line rules (:mod:`sastra.clean.rules`); HTML first through a
main-content decision (:mod:`sastra.clean.html`), then the same rules. The body is never rewritten:
``text`` is made of slices of the input (HTML: of its visible text), so normalization, which comes next
in the pipeline, sees the publisher's characters, zero-width spaces and paragraph breaks as they were.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import AbstractSet, Any, Mapping

from sastra.errors import ConfigError, require_str
from sastra.records import Document, Removal
from sastra.clean.encoding import detect_encoding_problem
from sastra.clean.rules import ZERO_WIDTH, LineDecision, classify_lines
from sastra.khmer import khmer_ratio

KINDS = ("auto", "text", "html")
#: below this share of the page's visible characters kept as body, the document is flagged
MOSTLY_REMOVED_SHARE = 0.5
#: below this Khmer share of the body's letters, the document is flagged ``not_khmer``
NOT_KHMER_SHARE = 0.5

_LETTER_RE = re.compile(r"[^\W\d_]")
#: nothing to read: spacing and the invisible characters a blank line may hold (U+200B and its kin)
_BLANK_RE = re.compile(f"[\\s{ZERO_WIDTH}]*")
_LATIN_WORD_RE = re.compile(r"[A-Za-z\u00c0-\u024f\u1ea0-\u1eff]{3,}")
_HTML_START_RE = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml)", re.I)
_HTML_TAG_RE = re.compile(r"</?(?:p|div|br|a|span|li|ul|h[1-6]|article|section|nav|footer|header|"
                          r"table|td|tr|img|meta|script|style|body|html|head|title)\b[^>]{0,500}>", re.I)


@dataclass(frozen=True, slots=True)
class CleanResult:
    """The article text of one page and everything that was taken out of it.

    ``removed`` spans index the ORIGINAL input (``input[r.start:r.end] == r.text``); ``kept=True``
    marks lines tagged but kept available (captions, credits, bylines, dates: they hold facts).
    ``pieces`` maps the text back: each ``(text_start, input_start, length)`` is a verbatim slice
    (plain text) or a visible-text run (HTML); see :meth:`to_original`.
    """

    text: str
    removed: tuple[Removal, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)
    flags: tuple[str, ...] = ()
    kind: str = "text"
    khmer_share: float = 0.0
    pieces: tuple[tuple[int, int, int], ...] = ()

    @property
    def kept(self) -> tuple[Removal, ...]:
        """The tagged lines kept available (captions, credits, bylines, dates)."""
        return tuple(r for r in self.removed if r.kept)

    def to_original(self, i: int) -> int:
        """The input offset of ``text[i]`` (for HTML: the offset of the character's source text)."""
        if not self.pieces:
            return i
        starts = [p[0] for p in self.pieces]
        k = max(0, bisect.bisect_right(starts, i) - 1)
        t0, o0, length = self.pieces[k]
        return o0 + min(i - t0, max(0, length - 1)) if i < t0 + length else o0 + length

    def reasons(self) -> dict[str, int]:
        """How many lines were removed or tagged, by reason."""
        counts: dict[str, int] = {}
        for r in self.removed:
            counts[r.reason] = counts.get(r.reason, 0) + 1
        return counts


def looks_like_html(text: str) -> bool:
    """True for a page that is markup rather than text with a stray tag in it."""
    if _HTML_START_RE.match(text[:1000]):
        return True
    sample = text[:20000]
    tags = _HTML_TAG_RE.findall(sample)
    return len(tags) >= 5 and sum(map(len, tags)) > 0.1 * len(sample)


def _split_lines(text: str) -> list[tuple[int, int, int]]:
    """Lines as ``(start, content_end, end)``: content excludes the ``\\n`` or ``\\r\\n`` terminator."""
    spans = []
    start = 0
    n = len(text)
    sep = "\n" if "\n" in text or "\r" not in text else "\r"  # old Mac files end lines with CR alone
    while start < n:
        nl = text.find(sep, start)
        end = n if nl < 0 else nl + 1
        content_end = nl if nl >= 0 else n
        if sep == "\n" and content_end > start and text[content_end - 1] == "\r":
            content_end -= 1
        spans.append((start, content_end, end))
        start = end
    return spans


def clean(text_or_html: str, *, kind: str = "auto", repeated: AbstractSet[str] = frozenset(),
          html_engine: str = "auto", url: str | None = None) -> CleanResult:
    """The article text of a page (plain text or HTML), with each removed or tagged line and its reason.

    ``repeated`` holds line keys found on many pages of the same site (see
    :func:`sastra.clean.find_repeated_lines`); such lines are removed as ``repeated``.
    ``html_engine`` is ``auto`` (trafilatura if installed, else the built-in block rules),
    ``trafilatura`` or ``builtin``.
    """
    text = require_str(text_or_html, "text_or_html")
    if kind not in KINDS:
        raise ConfigError(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
    if kind == "html" or (kind == "auto" and looks_like_html(text)):
        from sastra.clean.html import clean_html

        return clean_html(text, repeated=repeated, engine=html_engine, url=url)
    return clean_text(text, repeated=repeated)


def clean_text(text: str, *, repeated: AbstractSet[str] = frozenset()) -> CleanResult:
    """The plain-text path: Khmer line rules over the input's lines, text made of verbatim slices."""
    spans = _split_lines(text)
    lines = [text[s:c] for s, c, _ in spans]
    decisions = classify_lines(lines, repeated)
    removed: list[Removal] = []
    pieces: list[tuple[int, int]] = []  # input (start, end) slices making the text
    gap_blank: list[tuple[int, int]] = []  # the first run of blank lines since the last body line
    gap_closed = False  # a removed line ended that run
    seen_body = False
    visible_total = 0
    for (start, content_end, end), decision in zip(spans, decisions):
        reason = decision.reason
        if reason == "blank":
            if seen_body and not gap_closed:
                gap_blank.append((start, end))
            continue
        visible_total += content_end - start
        if reason is not None:
            removed.extend(_removals(text, start, content_end, decision))
            if gap_blank:
                gap_closed = True
            continue
        # a body line: the paragraph break that separated it from the previous body line is kept
        if seen_body:
            pieces.extend(gap_blank)
        gap_blank, gap_closed, seen_body = [], False, True
        cursor = start
        for cut_start, cut_end in decision.cuts:
            a, b = start + cut_start, start + cut_end
            removed.append(Removal(a, b, text[a:b], "markup_residue", False))
            if a > cursor:
                pieces.append((cursor, a))
            cursor = b
        pieces.append((cursor, end))
    body, mapping = _join(text, pieces)
    return _finish(text, body, mapping, removed, {}, "text", visible_total)


def _removals(source: str, start: int, end: int, decision: LineDecision) -> list[Removal]:
    """The Removal records of one removed line: a caption with a trailing credit gives two."""
    if decision.credit_at > 0:
        split = start + decision.credit_at
        head_end = split
        while head_end > start and source[head_end - 1].isspace():
            head_end -= 1
        if head_end > start:
            return [Removal(start, head_end, source[start:head_end], decision.reason or "caption", True),
                    Removal(split, end, source[split:end], "source_credit", True)]
    return [Removal(start, end, source[start:end], decision.reason or "", decision.kept)]


def _join(source: str, pieces: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int, int]]]:
    """Concatenate input slices, dropping the trailing line break of the last one."""
    merged: list[tuple[int, int]] = []
    for a, b in pieces:
        if merged and merged[-1][1] == a:
            merged[-1] = (merged[-1][0], b)
        elif b > a:
            merged.append((a, b))
    if merged:
        a, b = merged[-1]
        while b > a and source[b - 1] in "\r\n":
            b -= 1
        merged[-1] = (a, b)
    out: list[str] = []
    mapping: list[tuple[int, int, int]] = []
    position = 0
    for a, b in merged:
        if b <= a:
            continue
        out.append(source[a:b])
        mapping.append((position, a, b - a))
        position += b - a
    return "".join(out), mapping


def _finish(source: str, body: str, mapping: list[tuple[int, int, int]], removed: list[Removal],
            meta: Mapping[str, Any], kind: str, visible_total: int,
            extra_flags: tuple[str, ...] = (), shown: str | None = None,
            whole: tuple[str, list[tuple[int, int, int]]] | None = None) -> CleanResult:
    """Shared end of both paths: language, encoding and mostly-removed flags; never an emptied page.

    ``shown`` is what the page shows (HTML: its visible lines; text: the input), read for an encoding
    problem when no body is left (not the markup: tags glued to words look like a legacy font) and
    for emptiness. ``whole`` is the text kept, with its offset map, when every line looked like
    furniture (HTML: every visible line; text, by default: the input)."""
    flags = list(extra_flags)
    shown = source if shown is None else shown
    problem = detect_encoding_problem(shown if kind == "text" else body or shown)
    if problem:
        flags.append(problem)
    content = len(body.strip())
    if visible_total and content < MOSTLY_REMOVED_SHARE * visible_total:
        flags.append("mostly_removed")
    if not body.strip() and removed:
        # everything looked like furniture: keep the page rather than empty it, and say so
        flags.append("nothing_kept")
        body, mapping = whole if whole is not None else (source, [(0, 0, len(source))])
    sample = body[:800]
    share = khmer_ratio(sample) if sample else 0.0
    if share < NOT_KHMER_SHARE and problem is None and len(_LETTER_RE.findall(sample)) >= 20:
        flags.append("not_khmer")
    elif problem is None and _mixed_language(body):
        flags.append("mixed_language")
    if "unread_text" not in flags and _BLANK_RE.fullmatch(shown):
        flags.append("empty")
    removed.sort(key=lambda r: (r.start, r.end))
    return CleanResult(body, tuple(removed), dict(meta), tuple(dict.fromkeys(flags)), kind, share,
                       tuple(mapping))


def _mixed_language(body: str) -> bool:
    """Per-line language check: more than a fifth of a Khmer body's characters on non-Khmer lines."""
    if sum(map(len, _LATIN_WORD_RE.findall(body))) < 0.1 * len(body):
        return False  # the common case, in one pass
    foreign = 0
    for line in body.split("\n"):
        if len(line) >= 20 and _LATIN_WORD_RE.search(line) and khmer_ratio(line) < NOT_KHMER_SHARE:
            foreign += len(line)
    return foreign > 0.2 * len(body)


def clean_document(doc: Document, *, kind: str | None = None, repeated: AbstractSet[str] = frozenset(),
                   html_engine: str = "auto") -> Document:
    """The pipeline stage: clean ``doc.raw`` (or ``doc.text``) into a new Document, keeping ``raw``.

    ``kind`` defaults to ``doc.meta["format"]`` (set by :func:`sastra.io.iter_documents`).
    Removal offsets index ``raw``. Metadata found in the page is added under ``meta`` without
    overwriting what the document already had; flags are appended.
    """
    raw = doc.raw if doc.raw is not None else doc.text
    chosen = kind or str(doc.meta.get("format") or "auto")
    if chosen not in KINDS:
        chosen = "auto"
    result = clean(raw, kind=chosen, repeated=repeated, html_engine=html_engine,
                   url=doc.meta.get("url") if isinstance(doc.meta.get("url"), str) else None)
    meta = dict(result.meta)
    meta.update(doc.meta)
    meta["clean"] = {"kind": result.kind, "khmer_share": round(result.khmer_share, 4),
                     "removed": result.reasons()}
    flags = tuple(dict.fromkeys(doc.flags + result.flags))
    return doc.replace(text=result.text, raw=raw, removed=result.removed, meta=meta, flags=flags)
