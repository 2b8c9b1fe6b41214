"""The corpus pass: lines that many pages of one site share (a footer, a disclaimer) are furniture.

A line counts when it appears on at least ``min_docs`` pages and on at least ``min_share`` of the
site's pages, and mostly near a page's edges (within ``edge_lines`` non-blank lines of its start or
end): a body line that recurs across articles of a series (a horoscope's ``លេខសំណាង គឺលេខ៨។``) sits in
the middle of its pages and is not taken.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Mapping

from sastra.clean.rules import repeat_key, visible


def find_repeated_lines(docs_by_site: Mapping[str, Iterable[str]], *, min_docs: int = 3,
                        min_share: float = 0.3, edge_lines: int = 8,
                        edge_share: float = 0.8) -> dict[str, frozenset[str]]:
    """For each site, the keys of its repeated furniture lines (pass one to ``clean(repeated=...)``)."""
    found: dict[str, frozenset[str]] = {}
    for site, texts in docs_by_site.items():
        seen: Counter[str] = Counter()
        at_edge: Counter[str] = Counter()
        n_docs = 0
        groups: set[tuple[str, ...]] = set()
        for text in texts:
            line_keys = [repeat_key(line) for line in text.splitlines() if visible(line)]
            # copies of one article (crawled twice, syndicated) count once, or their body would "repeat"
            signature = tuple(sorted(line_keys, key=lambda k: (-len(k), k))[:3])
            if signature in groups:
                continue
            groups.add(signature)
            n_docs += 1
            keys: dict[str, bool] = {}
            last_inner = len(line_keys) - edge_lines
            for i, key in enumerate(line_keys):
                if not key:
                    continue
                edge = i < edge_lines or i >= last_inner
                keys[key] = keys.get(key, False) or edge
            for key, edge in keys.items():
                seen[key] += 1
                at_edge[key] += edge
        floor = max(min_docs, min_share * n_docs)
        found[site] = frozenset(k for k, c in seen.items() if c >= floor and at_edge[k] >= edge_share * c)
    return found


