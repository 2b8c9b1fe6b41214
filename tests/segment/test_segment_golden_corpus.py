"""Golden tokens on real news text: ../shared/data/corpus/kh-news-2019-07.jsonl (the first 200 articles,
both granularities, plus short pieces of them, which take the short-text paths).

Speed work must not change a single token for the same model. The golden files hold no corpus text,
only offsets and kinds: per article its id, token count and a digest of every ``start,end,kind``
(``corpus.digests.tsv``), and the full spans of the first three articles (``corpus.spans.tsv``), so a
diff shows where a change lands. After a deliberate model change, accept the new output with
``SASTRA_UPDATE_GOLDEN=1 python -m pytest tests/segment/test_segment_golden_corpus.py``.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from sastra.segment import segment_words
from sastra.segment.core import clear_cache

GOLDEN = Path(__file__).parent / "golden"
ARTICLES = 200


@pytest.fixture(scope="module")
def articles(shared_data):
    path = shared_data / "corpus" / "kh-news-2019-07.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    out = []
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            out.append((str(record["id"]), record["text"]))
            if len(out) >= ARTICLES:
                break
    return out


def spans(text: str, granularity: str) -> str:
    return "|".join(f"{t.start},{t.end},{t.kind}" for t in segment_words(text, granularity=granularity))


def check(name: str, got: str) -> None:
    path = GOLDEN / name
    if os.environ.get("SASTRA_UPDATE_GOLDEN") or not path.exists():
        path.write_text(got, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    if got != expected:  # name the first differing line rather than printing two large strings
        for number, (a, b) in enumerate(zip(got.splitlines(), expected.splitlines()), 1):
            assert a == b, f"{name} line {number} differs"
    assert got == expected


def test_corpus_digests(articles):
    lines = []
    for granularity in ("word", "fine"):
        for article_id, text in articles:
            rendered = spans(text, granularity)
            digest = hashlib.sha256(rendered.encode()).hexdigest()[:16]
            lines.append(f"{granularity}\t{article_id}\t{rendered.count('|') + 1 if rendered else 0}\t{digest}\n")
    check("corpus.digests.tsv", "".join(lines))


def test_corpus_spans_of_first_articles(articles):
    lines = []
    for article_id, text in articles[:3]:
        for granularity in ("word", "fine"):
            for token in segment_words(text, granularity=granularity):
                lines.append(f"{article_id}\t{granularity}\t{token.start}\t{token.end}\t{token.kind}\n")
    check("corpus.spans.tsv", "".join(lines))


def test_corpus_short_pieces(articles):
    """Pieces of 10-60 characters, segmented afresh (short-text path, both granularities at once)."""
    lines = []
    for article_id, text in articles[:100]:
        for start, length in ((0, 20), (15, 60), (100, 35), (300, 10)):
            piece = text[start:start + length]
            clear_cache()
            for granularity in ("fine", "word"):
                lines.append(f"{article_id}\t{start}\t{granularity}\t{spans(piece, granularity)}\n")
    check("corpus.short.tsv", "".join(lines))
