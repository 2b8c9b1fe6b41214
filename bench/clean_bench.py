"""Cleaning benchmark: body-line recall and boilerplate precision/recall on the labelled page set.

Pages come from ``bench/clean_pages.py`` (site templates written by the team, real article bodies read
from ``../shared/data/corpus/kh-news-2019-07.jsonl`` at run time). On the HTML pages sastra runs side
by side with trafilatura and jusText (same pages, same scoring); on the text pages sastra alone (an
HTML extractor given plain text keeps everything). Held-out templates are reported separately.
Speed: the plain-text path on the 1,000 corpus articles, one core, median of 5 runs.

Scoring, identical for every system: a unit (a labelled line or block) counts as kept when its text,
with spaces and zero-width characters ignored, appears in the system's output; a boilerplate unit
counts as kept when it equals an output line or sits in an output line that holds no body unit.
Tagged lines (sastra's ``kept=True`` captions, credits) are not in the article text: they count as
removed from the body, which is what they are.

    python bench/clean_bench.py [--errors] [--no-peers]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from clean_pages import CORPUS, TEMPLATES, Page, build_pages, build_wide_pages  # noqa: E402

_DROP = re.compile("[\\s\u200b\u200c\u200d\u2060\ufeff\u00a0]+")
_BULLET = re.compile(r"^[-•*]+")


def norm(text: str) -> str:
    return _DROP.sub("", text)


def score_page(page: Page, output: str) -> list[tuple[str, str, bool]]:
    """(label, category, kept) for every unit of the page."""
    out_full = norm(output)
    out_lines = [_BULLET.sub("", norm(line)) for line in output.split("\n")]
    out_lines = [line for line in out_lines if line]
    body_keys = [norm(u.text) for u in page.units if u.label == "body" and norm(u.text)]
    clean_lines = []
    for line in out_lines:
        if any(k and k in line for k in body_keys) or any(line in k for k in body_keys if len(line) >= 8):
            continue
        clean_lines.append(line)
    out_set = set(out_lines)
    results = []
    for u in page.units:
        k = norm(u.text)
        if not k:
            continue
        if u.label == "body":
            kept = k in out_full
        else:
            kept = k in out_set or any(k in line for line in clean_lines)
        results.append((u.label, u.category, kept))
    return results


def sastra_fn(repeated_by_site: dict[str, frozenset[str]] | None = None) -> Callable[[Page], str]:
    from sastra.clean import clean

    def run(page: Page) -> str:
        repeated = (repeated_by_site or {}).get(page.template, frozenset())
        return clean(page.content, kind=page.kind, repeated=repeated).text

    return run


def trafilatura_fn(page: Page) -> str:
    import trafilatura

    return trafilatura.extract(page.content, include_comments=False, include_tables=True,
                               deduplicate=False) or ""


def justext_fn(page: Page) -> str:
    import justext

    paragraphs = justext.justext(page.content.encode("utf-8"), frozenset(), encoding="utf-8")
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def justext_nostop_fn(page: Page) -> str:
    """jusText with its stopword test switched off (Khmer has no spaces, so no stoplist can work)."""
    import justext

    paragraphs = justext.justext(page.content.encode("utf-8"), frozenset(), encoding="utf-8",
                                 stopwords_low=0.0, stopwords_high=0.0)
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def metrics(results: list[tuple[str, str, bool]]) -> dict[str, float]:
    body = [kept for label, _c, kept in results if label == "body"]
    boiler = [kept for label, _c, kept in results if label != "body"]
    removed_boiler = sum(1 for kept in boiler if not kept)
    removed_body = sum(1 for kept in body if not kept)
    return {
        "pages": 0,
        "body units": len(body),
        "body recall": sum(body) / len(body) if body else 1.0,
        "boilerplate units": len(boiler),
        "boilerplate recall": removed_boiler / len(boiler) if boiler else 1.0,
        "boilerplate precision": removed_boiler / (removed_boiler + removed_body)
        if removed_boiler + removed_body else 1.0,
    }


def table(rows: list[dict]) -> str:
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    for r in rows:
        lines.append("| " + " | ".join(f"{v:.1%}" if isinstance(v, float) else str(v) for v in r.values()) + " |")
    return "\n".join(lines)


def speed() -> dict[str, str]:
    """Plain-text path over the corpus: wall time (harness) and CPU time of this process.

    On a shared machine the wall time includes waiting for the core; the CPU time does not, and is
    the fairer "one core" figure. Both are medians of 5 runs.
    """
    import statistics
    import time

    from sastra.clean import clean

    texts = [json.loads(line)["text"] for line in CORPUS.open(encoding="utf-8")]
    row: dict[str, str] = {"documents": str(len(texts))}
    try:
        from harness import time_it

        timing = time_it(lambda t: clean(t, kind="text"), texts, repeat=5)
        row.update({"median wall s": f"{timing.seconds:.3f}", "documents/s (wall)": f"{timing.items_per_s:,.0f}",
                    "chars/s (wall)": f"{timing.chars_per_s:,.0f}", "peak MB": f"{timing.peak_mb:.1f}"})
    except ImportError:  # pragma: no cover - harness missing
        pass
    cpu = []
    for _ in range(5):
        t0 = time.process_time()
        for t in texts:
            clean(t, kind="text")
        cpu.append(time.process_time() - t0)
    m = statistics.median(cpu)
    row.update({"median CPU s": f"{m:.3f}", "documents per CPU-second": f"{len(texts) / m:,.0f}"})
    try:
        row["load average"] = f"{os.getloadavg()[0]:.1f}"
    except OSError:  # pragma: no cover
        pass
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description="sastra clean benchmark")
    parser.add_argument("--errors", action="store_true", help="print sastra's errors on TUNING templates")
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--wide", action="store_true",
                        help="also every usable corpus article once (tuning templates), sastra alone")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"corpus not found: {CORPUS}", file=sys.stderr)
        return 2
    pages = build_pages()
    from sastra.clean import find_repeated_lines

    by_site: dict[str, list[str]] = defaultdict(list)
    for p in pages:
        if p.kind == "text":
            by_site[p.template].append(p.content)
    repeated = find_repeated_lines(by_site)

    systems: dict[str, Callable[[Page], str]] = {"sastra": sastra_fn(),
                                                 "sastra + site pass": sastra_fn(repeated)}
    if not args.no_peers:
        systems["trafilatura"] = trafilatura_fn
        systems["justext"] = justext_fn
        systems["justext (no stoplist test)"] = justext_nostop_fn
    rows = []
    per_category: dict[str, Counter] = defaultdict(Counter)
    for split_name, held in (("tuning templates", False), ("held-out templates", True)):
        for kind in ("html", "text"):
            subset = [p for p in pages if p.kind == kind and p.held_out == held]
            for name, fn in systems.items():
                if kind == "text" and not name.startswith("sastra"):
                    continue
                results = []
                zw_in = zw_out = 0
                for p in subset:
                    output = fn(p)
                    zw_in += sum(u.text.count("\u200b") for u in p.units if u.label == "body")
                    zw_out += output.count("\u200b")
                    page_results = score_page(p, output)
                    results.extend(page_results)
                    if name == "sastra" and not held:
                        for label, category, kept in page_results:
                            per_category[category]["units"] += 1
                            per_category[category]["right"] += kept if label == "body" else not kept
                    if args.errors and name == "sastra" and not held:
                        for u, (label, category, kept) in zip([u for u in p.units if norm(u.text)], page_results):
                            if (label == "body") != kept:
                                print(f"ERR {p.id} {label}/{category} kept={kept}: {u.text[:90]!r}",
                                      file=sys.stderr)
                m = metrics(results)
                m["pages"] = len(subset)
                rows.append({"split": split_name, "pages": f"{kind} ({len(subset)})", "system": name, **{
                    k: v for k, v in m.items() if k != "pages"},
                    "U+200B kept": min(1.0, zw_out / zw_in) if zw_in else 1.0})
    print("## Cleaning: labelled pages (body-line recall, boilerplate precision/recall)\n")
    print(table(rows))
    print("\n## sastra per category (tuning templates; share of units decided right)\n")
    print(table([{"category": c, "units": v["units"], "right": v["right"] / v["units"]}
                 for c, v in sorted(per_category.items())]))
    if args.wide:
        wide = build_wide_pages(templates=tuple(t for t in TEMPLATES if not t.held_out))
        fn = sastra_fn()
        wide_rows = []
        for kind in ("html", "text"):
            results = []
            for p in wide:
                if p.kind != kind:
                    continue
                page_results = score_page(p, fn(p))
                results.extend(page_results)
                if args.errors:
                    for u, (label, category, kept) in zip([u for u in p.units if norm(u.text)], page_results):
                        if label == "body" and not kept:
                            print(f"WIDE-BODY-LOST {p.id}: {u.text[:90]!r}", file=sys.stderr)
            m = metrics(results)
            wide_rows.append({"pages": f"{kind} ({sum(p.kind == kind for p in wide)})", **{
                k: v for k, v in m.items() if k != "pages"}})
        print("\n## Wide body test: every usable corpus article once, tuning templates, sastra\n")
        print(table(wide_rows))
    if not args.no_speed:
        print("\n## Speed: plain-text path, one core, 1,000 corpus articles (shared machine: see CPU time)\n")
        print(table([speed()]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
