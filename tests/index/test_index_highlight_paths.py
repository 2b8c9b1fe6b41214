"""The highlighter and the snippet windows against plain versions of themselves on real articles.

``_Highlighter.spans`` numbers the token holding a match by counting spaces, and ``_snippets`` finds
the spans of a window by bisection and snaps its edges with regular expressions; the plain versions
below (a table of every token's end, scans of every span, loops over characters) are what they
replaced, and must give the same spans and snippets.
"""

from __future__ import annotations

import bisect
import random
from array import array
from itertools import accumulate

import pytest

from sastra.index.query import parse_query
from sastra.index.searching import MAX_HIGHLIGHTS, Snippet, _Highlighter, _merged, _snippets
from sastra.index.store import prepare_document
from sastra.khmer import CLUSTER_RE
from sastra.records import Document

BREAK_CHARS = " \n\t\u200b\u17d4\u17d5"


def plain_spans(highlighter: _Highlighter, body_keys: str, offsets: array, text: str) -> list[tuple[int, int]]:
    if not highlighter.exact or not body_keys:
        return []
    keys = body_keys.split(" ")
    limit = min(len(keys), len(offsets) // 2)
    spans = [(offsets[2 * i], offsets[2 * i + 1]) for i, key in enumerate(keys)
             if key in highlighter.exact and i < limit]
    if highlighter.inner:
        token_ends = list(accumulate(len(k) + 1 for k in keys))
        size = len(body_keys)
        for key in highlighter.inner:
            at = body_keys.find(key)
            while at >= 0:
                stop = at + len(key)
                if (at and body_keys[at - 1] != " ") or (stop < size and body_keys[stop] != " "):
                    i = bisect.bisect_right(token_ends, at)
                    if i >= limit:
                        break
                    token = keys[i]
                    start, end = offsets[2 * i], offsets[2 * i + 1]
                    if text[start:end] == token:
                        within = at - (token_ends[i] - len(token) - 1)
                        spans.append((start + within, start + within + len(key)))
                    else:
                        spans.append((start, end))
                at = body_keys.find(key, stop)
        spans.sort()
    return _merged(spans[:MAX_HIGHLIGHTS])


def plain_snap_start(text: str, start: int) -> int:
    if start <= 0:
        return 0
    for i in range(start, max(0, start - 30), -1):
        if text[i - 1] in BREAK_CHARS:
            return i
    while start > 0 and "\u17b4" <= text[start] <= "\u17d3":
        start -= 1
    return start


def plain_snap_end(text: str, end: int) -> int:
    if end >= len(text):
        return len(text)
    for i in range(end, min(len(text), end + 30)):
        if text[i] in BREAK_CHARS:
            return i
    while end < len(text) and ("\u17b4" <= text[end] <= "\u17d3" or text[end - 1] == "\u17d2"):
        end += 1
    return end


def plain_snippets(text: str, spans: list[tuple[int, int]], max_snippets: int, width: int) -> tuple[Snippet, ...]:
    if not text:
        return ()
    if not spans:
        end = plain_snap_end(text, min(len(text), width))
        return (Snippet(text[:end], 0, end),)
    candidates = []
    j = 0
    for i, (start, _) in enumerate(spans):
        while j < len(spans) and spans[j][1] <= start + width:
            j += 1
        candidates.append((-(j - i), start, spans[j - 1][1]))
    candidates.sort()
    chosen: list[tuple[int, int]] = []
    for _, first, last in candidates:
        lead = max(0, (width - (last - first)) // 3)
        start = plain_snap_start(text, max(0, first - lead))
        end = plain_snap_end(text, min(len(text), max(last, start + width)))
        if any(start < e and s < end for s, e in chosen):
            continue
        chosen.append((start, end))
        if len(chosen) >= max_snippets:
            break
    chosen.sort()
    return tuple(Snippet(text[s:e], s, e, tuple(h for h in spans if s <= h[0] and h[1] <= e)) for s, e in chosen)


def _queries(text: str, rng: random.Random) -> list[str]:
    """A headline, two words, and stretches of clusters cut inside words (matches inside tokens)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    queries = [lines[0], " ".join(lines[0].split()[:2])]
    for line in lines[1:4]:
        clusters = CLUSTER_RE.findall(line)
        if len(clusters) > 12:
            start = rng.randrange(len(clusters) - 8)
            queries.append("".join(clusters[start:start + rng.randint(2, 8)]))
    return [q for q in queries if q.strip()]


def test_spans_and_snippets_match_the_plain_versions_on_real_articles(real_articles):
    rng = random.Random(3)
    checked = inside = 0
    others = [a["text"] for a in real_articles]
    for article in real_articles[:40]:
        text = article["text"]
        prepared = prepare_document(Document(article["id"], text))
        offsets = array("I")
        offsets.frombytes(prepared.offsets)
        queries = _queries(text, rng) + _queries(rng.choice(others), rng)
        for query in queries:
            highlighter = _Highlighter.for_query(parse_query(query))
            spans = highlighter.spans(prepared.body_keys, offsets, text)
            assert spans == plain_spans(highlighter, prepared.body_keys, offsets, text), query
            token_starts = set(offsets[0::2])
            inside += sum(1 for s, _ in spans if s not in token_starts)
            for max_snippets, width in ((2, 220), (3, 60), (1, 20)):
                assert (_snippets(text, spans, max_snippets, width)
                        == plain_snippets(text, spans, max_snippets, width)), (query, max_snippets, width)
            checked += 1
    assert checked > 150
    assert inside > 0  # some matches were inside longer tokens


@pytest.mark.parametrize("start", [0, 1, 5, 29, 30, 31, 100])
def test_window_edges_snap_like_the_plain_loops(real_articles, start):
    for article in real_articles[:20]:
        text = article["text"].replace(" ", "")  # few breaks: the inside-cluster fallbacks run too
        for at in range(start, len(text), 97):
            from sastra.index.searching import _snap_end, _snap_start

            assert _snap_start(text, at) == plain_snap_start(text, at)
            assert _snap_end(text, at) == plain_snap_end(text, at)
