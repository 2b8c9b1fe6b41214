"""Shared timing harness for sastra's benchmarks.

``time_it(fn, items, repeat=5)`` calls ``fn`` on every item, ``repeat`` times, and reports the median
wall time with items/s, chars/s and peak memory, so that every benchmark quotes figures the same way.
``print_table(rows)`` prints a list of dicts as a Markdown table.

Peak memory: by default the peak resident set size growth of the process measured with
``resource`` (cheap, includes C extensions); ``memory="tracemalloc"`` measures Python allocations in
one extra untimed run instead (precise for pure Python, blind to C allocations, slows the run).
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import time
import tracemalloc
from dataclasses import asdict, dataclass
from typing import Any, Callable, Iterable, Sequence

__all__ = ["Timing", "time_it", "time_call", "print_table", "format_rate", "load_jsonl_texts"]


@dataclass(frozen=True)
class Timing:
    """One measured run: medians over ``repeat`` runs."""

    name: str
    seconds: float  # median wall time of one pass over all items
    items: int
    chars: int
    items_per_s: float
    chars_per_s: float
    peak_mb: float
    runs: tuple[float, ...]

    def row(self, **extra: Any) -> dict[str, Any]:
        """A table row with readable figures."""
        row = {"name": self.name, "median s": f"{self.seconds:.3f}", "items/s": format_rate(self.items_per_s),
               "chars/s": format_rate(self.chars_per_s), "peak MB": f"{self.peak_mb:.1f}"}
        row.update(extra)
        return row

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _rss_peak_mb() -> float:
    """This process's own peak resident memory: VmHWM where /proc exists (reset at exec, unlike
    ``ru_maxrss``, which Linux carries over from the process that started this one), else ru_maxrss."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _size(item: Any) -> int:
    if isinstance(item, str):
        return len(item)
    text = getattr(item, "text", None)
    if isinstance(text, str):
        return len(text)
    if isinstance(item, dict) and isinstance(item.get("text"), str):
        return len(item["text"])
    return 0


def time_it(fn: Callable[[Any], Any], items: Sequence[Any] | Iterable[Any], repeat: int = 5, *,
            name: str | None = None, warmup: int = 1, batch: bool = False,
            memory: str = "rss", chars: int | None = None) -> Timing:
    """Time ``fn`` over ``items`` and return the median of ``repeat`` passes.

    ``batch=True`` calls ``fn(items)`` once per pass (for functions that take the whole corpus, such as
    a pipeline run); otherwise ``fn(item)`` is called for each item. ``warmup`` untimed passes come
    first (lazy loading, caches). ``chars`` overrides the character count (default: sum of len(text)).
    """
    items = list(items)
    total_chars = chars if chars is not None else sum(_size(item) for item in items)

    def one_pass() -> None:
        if batch:
            fn(items)
        else:
            for item in items:
                fn(item)

    for _ in range(warmup):
        one_pass()
    peak_before = _rss_peak_mb()
    runs: list[float] = []
    for _ in range(max(1, repeat)):
        gc.collect()
        start = time.perf_counter()
        one_pass()
        runs.append(time.perf_counter() - start)
    if memory == "tracemalloc":
        gc.collect()
        tracemalloc.start()
        one_pass()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peak_mb = peak / (1024 * 1024)
    else:
        peak_mb = max(_rss_peak_mb(), peak_before)
    median = statistics.median(runs)
    n = len(items)
    return Timing(
        name=name or getattr(fn, "__qualname__", repr(fn)),
        seconds=median,
        items=n,
        chars=total_chars,
        items_per_s=n / median if median > 0 else float("inf"),
        chars_per_s=total_chars / median if median > 0 else float("inf"),
        peak_mb=peak_mb,
        runs=tuple(runs),
    )


def time_call(fn: Callable[[], Any], repeat: int = 5, *, name: str = "", items: int = 1,
              chars: int = 0, warmup: int = 0) -> Timing:
    """Time a no-argument call (a whole run, a subprocess) with the same medians and rates."""
    return time_it(lambda _items: fn(), [None] * items, repeat, name=name or getattr(fn, "__qualname__", "call"),
                   warmup=warmup, batch=True, chars=chars)


def format_rate(value: float) -> str:
    """1234567 -> '1.23M'; keeps tables short and comparable."""
    if value != value or value == float("inf"):
        return "inf"
    for limit, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:.2f}{suffix}"
    return f"{value:.1f}"


def print_table(rows: Sequence[dict[str, Any]], *, file: Any = None, columns: Sequence[str] | None = None) -> str:
    """Print rows (dicts) as a Markdown table; columns are the union of keys in first-seen order."""
    if not rows:
        return ""
    if columns is None:
        columns = []
        for row in rows:
            for key in row:
                if key not in columns:
                    columns.append(key)
    cells = [[str(row.get(col, "")) for col in columns] for row in rows]
    widths = [max(len(col), *(len(c[i]) for c in cells)) for i, col in enumerate(columns)]
    lines = ["| " + " | ".join(col.ljust(w) for col, w in zip(columns, widths)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    for c in cells:
        lines.append("| " + " | ".join(v.ljust(w) for v, w in zip(c, widths)) + " |")
    text = "\n".join(lines)
    print(text, file=file or sys.stdout, flush=True)
    return text


def load_jsonl_texts(path: str | os.PathLike[str], field: str = "text", limit: int | None = None) -> list[str]:
    """The ``field`` of every line of a JSON Lines file (benchmarks' usual corpus loader)."""
    import json

    texts: list[str] = []
    with open(path, encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                texts.append(json.loads(line)[field])
                if limit is not None and len(texts) >= limit:
                    break
    return texts


if __name__ == "__main__":  # a tiny self-check
    t = time_it(str.upper, ["ក" * 1000] * 100, repeat=3, name="str.upper")
    print_table([t.row()])
