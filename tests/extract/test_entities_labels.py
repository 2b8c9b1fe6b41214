"""The hand-labelled entity splits in bench/extract_labels/ are well formed: offsets inside the text
of ../shared/data/corpus/kh-news-2019-07.jsonl, flat spans, no edge spaces, and the final
evaluation splits share no article with the other label files. (Only the labels are checked here,
never the system's output on them.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "bench" / "extract_labels"
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "kh-news-2019-07.jsonl"
ENTITY_FILES = ("entities.jsonl", "entities-fresh.jsonl", "entities-final.jsonl", "entities-final2.jsonl",
                "entities-final3.jsonl", "entities-final4.jsonl", "entities-final5.jsonl",
                "entities-final6.jsonl", "entities-final7.jsonl", "entities-final8.jsonl",
                "entities-final9.jsonl", "entities-final10.jsonl",
                "entities-final11.jsonl", "entities-final12.jsonl",
                "entities-final13.jsonl")


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    if not CORPUS.exists():
        pytest.skip(f"shared corpus absent: {CORPUS}")
    with CORPUS.open(encoding="utf-8") as handle:
        return {row["id"]: row["text"] for row in map(json.loads, handle)}


def rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (LABELS / name).read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("name", ENTITY_FILES)
def test_entity_labels_are_flat_spans_inside_the_text(name, texts):
    for row in rows(name):
        text = texts[row["id"]]
        last_end = -1
        for mention in sorted(row["mentions"], key=lambda m: m["start"]):
            assert mention["kind"] in ("person", "org", "loc")
            assert 0 <= mention["start"] < mention["end"] <= len(text)
            assert mention["start"] >= last_end, (row["id"], mention)
            surface = text[mention["start"]:mention["end"]]
            assert surface == surface.strip(" \u200b\n"), (row["id"], surface)
            if mention["kind"] == "person" and mention.get("title"):
                assert mention["title"] in text[max(0, mention["start"] - 40):mention["start"]]
            last_end = mention["end"]


@pytest.mark.parametrize("name, split, articles", [
    ("entities-final.jsonl", "final", 15), ("entities-final2.jsonl", "final2", 20),
    ("entities-final3.jsonl", "final3", 20), ("entities-final4.jsonl", "final4", 20),
    ("entities-final5.jsonl", "final5", 20), ("entities-final6.jsonl", "final6", 20),
    ("entities-final7.jsonl", "final7", 20), ("entities-final8.jsonl", "final8", 20),
    ("entities-final9.jsonl", "final9", 20), ("entities-final10.jsonl", "final10", 20),
    ("entities-final11.jsonl", "final11", 20), ("entities-final12.jsonl", "final12", 20),
    ("entities-final13.jsonl", "final13", 20)])
def test_final_splits_share_no_article_with_any_other_label_file(name, split, articles):
    labelled = rows(name)
    assert len(labelled) == articles and {row["split"] for row in labelled} == {split}
    others = {row["id"] for other in (*ENTITY_FILES, "dates_money_numbers.jsonl") if other != name
              for row in rows(other)}
    assert not others & {row["id"] for row in labelled}
