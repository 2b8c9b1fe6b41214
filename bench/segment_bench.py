"""Word segmentation: accuracy and speed of sastra's engines and their peers, in one run.

    python bench/segment_bench.py [--quick] [--only NAME ...] [--model FILE]

``--model FILE`` scores and times another perceptron model file in place of the shipped one (before/after
comparisons in the same conditions, e.g. a model built with ``scripts/train_segmenter.py --out FILE``).
``--extra-model FILE`` adds a row for another model file beside the shipped one, in the same run (the
shipped model is trained on all of train.tagged, so its held-out row is not a test: the row of the model
built the same way on the first 90% only is the honest figure; see docs/segment.md).

Accuracy: word F1 (compounds whole) and fine F1 (compounds split as khPOS marks them) on the last 10% of
../shared/data/segmentation/khpos/train.tagged, which sastra's model never trains on (see
scripts/train_segmenter.py); secondary table on curated-300 (dev split, word F1 only: it has one
granularity, Royal Academy 2022 convention). Gold and input are normalized the same way
(sastra.segment.normal.fold); peers' tokens are mapped back to offsets in that text.

Speed: chars/s on corpus/kh-news-2019-07.jsonl (article by article), median wall time of runs
(bench/harness.py), single-threaded; "CPU chars/s" divides by the process's CPU time instead (median of
3 runs), which is what one core does when the machine is shared with other work. Each engine runs in its
own subprocess so that peak memory (max RSS of that process, model loading included) is its own. Slow
peers (khmer-nltk, khmercut) are timed on every 10th article to keep the run short.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

DATA = REPO.parent / "shared" / "data"
KHPOS = DATA / "segmentation" / "khpos" / "train.tagged"
CURATED = DATA / "segmentation" / "curated-300" / "benchmark.jsonl"
CORPUS = DATA / "corpus" / "kh-news-2019-07.jsonl"
HELD_OUT_SHARE = 0.1
SLOW = {"khmer-nltk", "khmercut"}
MODEL: str | None = None  # --model: a perceptron model file instead of the shipped one
EXTRA_PREFIX = "sastra:perceptron@"  # a row name for another model file: sastra:perceptron@FILE


# --- the segmenters, each text -> list of (start, end) spans ------------------------------------
def sastra_segmenter(engine: str, granularity: str) -> Callable[[str], list[tuple[int, int]]]:
    from sastra.segment import segment_words

    def run(text: str) -> list[tuple[int, int]]:
        return [(t.start, t.end) for t in segment_words(text, engine=engine, granularity=granularity)]

    return run


def spans_from_strings(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Map a peer's token strings back to offsets (peers may drop or alter characters)."""
    spans, position = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        at = text.find(piece, position)
        if at < 0 or at - position > 50:
            continue
        spans.append((at, at + len(piece)))
        position = at + len(piece)
    return spans


def khmernltk_segmenter(granularity: str = "word") -> Callable[[str], list[tuple[int, int]]]:
    """khmer-nltk's CRF (one granularity: the same tokens are scored at both)."""
    import logging

    logging.getLogger("khmer-nltk").setLevel(logging.WARNING)
    from khmernltk import word_tokenize

    return lambda text: spans_from_strings(text, word_tokenize(text))


def khmercut_segmenter(granularity: str = "word") -> Callable[[str], list[tuple[int, int]]]:
    """khmercut's neural model (``khmercut.nn``: a convolutional encoder + CRF over characters, in
    ONNX; its ``deep`` output splits compounds the khPOS way, so it serves both granularities).
    ``khmercut.tokenize`` is its older CRF, the same model as khmer-nltk's."""
    from khmercut import nn

    if granularity == "fine":
        return lambda text: spans_from_strings(text, [part for word in nn.tokenize(text, deep=True)
                                                      for part in word])
    return lambda text: spans_from_strings(text, nn.tokenize(text))


def icu_segmenter(granularity: str = "word") -> Callable[[str], list[tuple[int, int]]]:
    """ICU's dictionary break iterator (one granularity: the same tokens are scored at both)."""
    import icu

    iterator = icu.BreakIterator.createWordInstance(icu.Locale("km"))

    def run(text: str) -> list[tuple[int, int]]:
        # ICU works in UTF-16 offsets; Khmer is in the BMP, so they equal str offsets unless astral chars
        iterator.setText(text)
        spans, start = [], 0
        for end in iterator:
            if text[start:end].strip(" \t\n\r\u200b"):
                spans.append((start, end))
            start = end
        return spans

    return run


def other_model_segmenter(path: str, granularity: str) -> Callable[[str], list[tuple[int, int]]]:
    """The perceptron engine with another model file, swapped in for each call (same code path)."""
    from sastra.segment import core, segment_words
    from sastra.segment.engines import PerceptronEngine

    engine = PerceptronEngine(str(Path(path).resolve()))

    def run(text: str) -> list[tuple[int, int]]:
        shipped = core.get_engine("perceptron")
        core._loaded["perceptron"] = engine
        try:
            return [(t.start, t.end) for t in segment_words(text, granularity=granularity,
                                                            user_words=core.UserDictionary())]
        finally:
            core._loaded["perceptron"] = shipped

    return run


def label(name: str) -> str:
    return f"sastra:perceptron ({Path(name[len(EXTRA_PREFIX):]).name})" if name.startswith(EXTRA_PREFIX) else name


def held_out_note(name: str) -> str:
    """Say so when a model's training data includes the held-out lines (its row is then no test)."""
    if not name.startswith("sastra:perceptron"):
        return ""
    from sastra.segment import get_engine
    from sastra.segment.engines import PerceptronEngine

    if name.startswith(EXTRA_PREFIX):
        engine = PerceptronEngine(str(Path(name[len(EXTRA_PREFIX):]).resolve()))
    else:
        engine = get_engine("perceptron")
    trained_on = str(engine.meta.get("trained_on", ""))
    return "trained on these lines too: not a test" if "nothing held out" in trained_on else ""


PEERS = {"khmer-nltk": khmernltk_segmenter, "khmercut": khmercut_segmenter, "ICU BreakIterator": icu_segmenter}


def make(name: str, granularity: str = "word"):
    if name.startswith(EXTRA_PREFIX):
        return other_model_segmenter(name[len(EXTRA_PREFIX):], granularity)
    if name.startswith("sastra:"):
        return sastra_segmenter(name.split(":", 1)[1], granularity)
    return PEERS[name](granularity)


def all_names() -> list[str]:
    from sastra.segment import ENGINES

    return [f"sastra:{e}" for e in ENGINES] + list(PEERS)


# --- accuracy ----------------------------------------------------------------------------------
def accuracy(name: str, golds, granularities=("word", "fine")) -> dict[str, float]:
    from sastra.segment.scoring import F1

    out = {}
    for granularity in granularities:
        segment = make(name, granularity)
        f1 = F1()
        for gold in golds:
            f1.add(segment(gold.text), gold.words if granularity == "word" else gold.fine)
        out[granularity] = 100 * f1.f1
    return out


def khpos_held_out():
    from sastra.segment.scoring import read_khpos

    sentences = read_khpos(KHPOS)
    return sentences[int(round(len(sentences) * (1 - HELD_OUT_SHARE))):]


def curated_dev():
    from sastra.segment.scoring import read_curated

    return read_curated(CURATED, "dev")


# --- speed (run in a subprocess per engine) -------------------------------------------------------
def use_model(path: str | None) -> None:
    """Score a perceptron model file other than the shipped one (side-by-side comparisons)."""
    if path:
        from sastra.segment import core
        from sastra.segment.engines import PerceptronEngine

        core._loaded["perceptron"] = PerceptronEngine(str(Path(path).resolve()))


def speed_one(name: str, repeat: int, every: int) -> dict:
    from harness import load_jsonl_texts, time_it

    texts = load_jsonl_texts(CORPUS)[::every]
    segment = make(name, "word")
    timing = time_it(segment, texts, repeat=repeat, name=name)
    cpu_runs = []
    for _ in range(3):  # CPU time of the process: what one core does when the machine is shared
        start = time.process_time()
        for text in texts:
            segment(text)
        cpu_runs.append(time.process_time() - start)
    result = {"chars_per_s": timing.chars_per_s, "peak_mb": timing.peak_mb, "chars": timing.chars,
              "articles": timing.items, "runs": list(timing.runs),
              "cpu_chars_per_s": timing.chars / statistics.median(cpu_runs),
              "cpu_ms_per_article": 1000 * statistics.median(cpu_runs) / len(texts)}
    if name.startswith("sastra:"):
        result["query_us"], result["query_pair_us"] = query_cost(name, texts)
    return result


def short_queries(texts: list[str], count: int = 500) -> list[str]:
    """2-5 space-separated words from the corpus (what a search box gets), all distinct."""
    queries: dict[str, None] = {}
    for i, text in enumerate(texts):
        words = text.split()
        for start in range(0, max(1, len(words) - 5), 40):
            queries[" ".join(words[start:start + 2 + (i + start) % 4])] = None
        if len(queries) >= count:
            break
    return list(queries)[:count]


def query_cost(name: str, texts: list[str]) -> tuple[float, float]:
    """CPU microseconds per call on short queries, never remembered: one granularity, and both (what
    search analyses per query; the second comes from the short-text memory)."""
    from sastra.segment import segment_words
    from sastra.segment.core import clear_cache

    engine = name.split(":", 1)[1]
    queries = short_queries(texts)
    single, pair = [], []
    for _ in range(5):
        start = time.process_time()
        for query in queries:
            clear_cache()
            segment_words(query, engine=engine)
        single.append(time.process_time() - start)
        start = time.process_time()
        for query in queries:
            clear_cache()
            segment_words(query, engine=engine, granularity="word")
            segment_words(query, engine=engine, granularity="fine")
        pair.append(time.process_time() - start)
    return 1e6 * min(single) / len(queries), 1e6 * min(pair) / len(queries)


def speed(name: str, repeat: int, quick: bool) -> dict:
    every = 10 if (name in SLOW or quick) else 1
    model = MODEL
    if name.startswith(EXTRA_PREFIX):
        name, model = "sastra:perceptron", name[len(EXTRA_PREFIX):]
    command = [sys.executable, __file__, "--speed-one", name, "--repeat", str(repeat), "--every", str(every)]
    if model:
        command += ["--model", model]
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        return {"error": result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "failed"}
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="segmentation benchmark")
    parser.add_argument("--quick", action="store_true", help="every 10th article for speed, 3 runs")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--only", nargs="*", help="names to run (default: all)")
    parser.add_argument("--speed-one", help=argparse.SUPPRESS)
    parser.add_argument("--model", help="a perceptron model file to use instead of the shipped one")
    parser.add_argument("--extra-model", action="append", default=[],
                        help="another perceptron model file scored beside the shipped one (repeatable)")
    args = parser.parse_args(argv)
    global MODEL
    MODEL = args.model
    use_model(args.model)
    if args.speed_one:
        print(json.dumps(speed_one(args.speed_one, args.repeat, args.every)))
        return 0
    from harness import format_rate, print_table

    names = args.only or all_names()
    for path in args.extra_model:
        names.insert(1, EXTRA_PREFIX + path)
    repeat = 3 if args.quick else args.repeat
    held_out = khpos_held_out()
    curated = curated_dev()
    rows, curated_rows = [], []
    for name in names:
        try:
            scores = accuracy(name, held_out)
        except Exception as exc:  # a peer that does not work here is reported, not fatal
            rows.append({"segmenter": name, "word F1": "-", "fine F1": "-", "chars/s": "-", "peak MB": "-",
                         "note": f"unavailable: {type(exc).__name__}: {exc}"[:80]})
            continue
        timing = speed(name, repeat, args.quick)
        note = held_out_note(name)
        if "error" in timing:
            note = "speed run failed: " + timing["error"][:60]
        elif name in SLOW or args.quick:
            note = "; ".join(filter(None, [note, f"speed on {timing['articles']} articles ({timing['chars']} chars)"]))
        rows.append({
            "segmenter": label(name),
            "word F1": f"{scores['word']:.2f}",
            "fine F1": f"{scores['fine']:.2f}",
            "chars/s": format_rate(timing["chars_per_s"]) if "chars_per_s" in timing else "-",
            "CPU chars/s": format_rate(timing["cpu_chars_per_s"]) if "cpu_chars_per_s" in timing else "-",
            "CPU ms/article": f"{timing['cpu_ms_per_article']:.2f}" if "cpu_ms_per_article" in timing else "-",
            "query µs (word / word+fine)": (f"{timing['query_us']:.0f} / {timing['query_pair_us']:.0f}"
                                            if "query_us" in timing else "-"),
            "peak MB": f"{timing['peak_mb']:.0f}" if "peak_mb" in timing else "-",
            "note": note,
        })
        curated_rows.append({"segmenter": label(name), "word F1": f"{accuracy(name, curated, ('word',))['word']:.2f}"})
    print(f"\n## khPOS held-out ({len(held_out)} sentences, last {HELD_OUT_SHARE:.0%} of train.tagged, never "
          f"trained on); speed on {CORPUS.name}, one core, median of {repeat} runs\n")
    print_table(rows)
    print(f"\n## curated-300 dev split ({len(curated)} sentences, Royal Academy 2022 convention)\n")
    print_table(curated_rows)
    print("\n## worst cases (default engine, CPU seconds, one call each)\n")
    print_table(worst_cases())
    return 0


def worst_cases() -> list[dict]:
    """Pathological inputs: time must stay linear and nothing may recurse."""
    from sastra.segment import segment_words, split_sentences

    sentence = "ព្រះរាជាណាចក្រកម្ពុជាមានប្រជាជនជាង១៦លាននាក់។"
    cases = {
        "10 MB line without spaces": sentence * (10_000_000 // len(sentence)),
        "1 MB line without spaces": sentence * (1_000_000 // len(sentence)),
        "100k combining marks after one consonant": "ក" + "\u17b6" * 100_000,
        "100k coeng signs": "\u17d2" * 100_000,
        "100k zero-width spaces": "\u200b" * 100_000,
    }
    rows = []
    for name, text in cases.items():
        start = time.process_time()
        tokens = segment_words(text)
        words_s = time.process_time() - start
        start = time.process_time()
        split_sentences(text)
        sentences_s = time.process_time() - start
        rows.append({"input": name, "chars": len(text), "tokens": len(tokens), "segment_words s": f"{words_s:.2f}",
                     "split_sentences s": f"{sentences_s:.2f}"})
    return rows


if __name__ == "__main__":
    sys.exit(main())
