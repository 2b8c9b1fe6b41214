"""Evaluation tier: the shipped engines scored on data they never saw, against pinned floors.

Sources: ../shared/data/segmentation/khpos/train.tagged (the last 10% of the file is never trained on;
see scripts/train_segmenter.py) and ../shared/data/segmentation/curated-300/benchmark.jsonl (dev split).
The floors sit a little under the measured figures (docs/segment.md), so a regression fails the test.
"""

from __future__ import annotations

import json

import pytest

from sastra.segment import segment_words
from sastra.segment.scoring import F1, gold_from_tokens, read_khpos

HELD_OUT_SHARE = 0.1


def score(golds, engine, granularity):
    f1 = F1()
    for gold in golds:
        tokens = segment_words(gold.text, engine=engine, granularity=granularity)
        f1.add(((t.start, t.end) for t in tokens), gold.words if granularity == "word" else gold.fine)
    return 100 * f1.f1


@pytest.fixture(scope="module")
def khpos_held_out(shared_data):
    sentences = read_khpos(shared_data / "segmentation" / "khpos" / "train.tagged")
    return sentences[int(round(len(sentences) * (1 - HELD_OUT_SHARE))):]


@pytest.mark.parametrize("engine, granularity, floor", [
    ("perceptron", "word", 97.3),
    ("perceptron", "fine", 99.0),
    ("dict", "word", 75.0),
])
def test_khpos_held_out_floor(khpos_held_out, engine, granularity, floor):
    assert score(khpos_held_out, engine, granularity) >= floor


def test_curated_dev_floor(shared_data):
    path = shared_data / "segmentation" / "curated-300" / "benchmark.jsonl"
    golds = []
    with open(path, encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            if record["split"] == "dev":
                golds.append(gold_from_tokens(record["tokens"]))
    assert score(golds, "perceptron", "word") >= 80.0
