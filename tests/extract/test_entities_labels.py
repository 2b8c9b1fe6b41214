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
                "entities-final3.jsonl", "entities-final4.jsonl")


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


def test_final_split_is_fifteen_articles_in_no_other_label_file():
    final = rows("entities-final.jsonl")
    assert len(final) == 15 and {row["split"] for row in final} == {"final"}
    others = {row["id"] for name in ("entities.jsonl", "entities-fresh.jsonl", "dates_money_numbers.jsonl")
              for row in rows(name)}
    assert not others & {row["id"] for row in final}


def test_final2_split_is_twenty_articles_in_no_other_label_file():
    final2 = rows("entities-final2.jsonl")
    assert len(final2) == 20 and {row["split"] for row in final2} == {"final2"}
    others = {row["id"] for name in ("entities.jsonl", "entities-fresh.jsonl", "entities-final.jsonl",
                                     "dates_money_numbers.jsonl")
              for row in rows(name)}
    assert not others & {row["id"] for row in final2}


def test_final3_split_is_twenty_articles_in_no_other_label_file():
    final3 = rows("entities-final3.jsonl")
    assert len(final3) == 20 and {row["split"] for row in final3} == {"final3"}
    others = {row["id"] for name in ("entities.jsonl", "entities-fresh.jsonl", "entities-final.jsonl",
                                     "entities-final2.jsonl", "dates_money_numbers.jsonl")
              for row in rows(name)}
    assert not others & {row["id"] for row in final3}


def test_final4_split_is_twenty_articles_in_no_other_label_file():
    final4 = rows("entities-final4.jsonl")
    assert len(final4) == 20 and {row["split"] for row in final4} == {"final4"}
    others = {row["id"] for name in ("entities.jsonl", "entities-fresh.jsonl", "entities-final.jsonl",
                                     "entities-final2.jsonl", "entities-final3.jsonl",
                                     "dates_money_numbers.jsonl")
              for row in rows(name)}
    assert not others & {row["id"] for row in final4}
