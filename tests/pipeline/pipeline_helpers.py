"""Helpers of the pipeline tests (imported by name: tests/pipeline is on sys.path under pytest)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples" / "corpus"


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def news_subset(news_jsonl: Path, folder: Path, count: int, start: int = 0) -> Path:
    """The first ``count`` lines (from ``start``) of the 2019 news corpus as a JSON Lines file."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "news.jsonl"
    with open(news_jsonl, encoding="utf-8") as src, open(target, "w", encoding="utf-8") as dst:
        for number, line in enumerate(src):
            if number >= start + count:
                break
            if number >= start:
                record = json.loads(line)
                dst.write(json.dumps({"id": record["id"], "text": record["text"], "url": record.get("url")},
                                     ensure_ascii=False) + "\n")
    return target


def copy_samples(folder: Path) -> Path:
    shutil.copytree(SAMPLES, folder)
    return folder
