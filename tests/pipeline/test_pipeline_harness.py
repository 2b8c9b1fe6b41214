"""bench/harness.py, the shared timing harness: medians, rates and the Markdown table."""

from __future__ import annotations

import importlib.util
import sys

from pipeline_helpers import REPO


def _harness():
    spec = importlib.util.spec_from_file_location("harness", REPO / "bench" / "harness.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("harness", module)
    spec.loader.exec_module(module)
    return module


def test_time_it_reports_medians_and_rates():
    harness = _harness()
    calls = []
    timing = harness.time_it(calls.append, ["ក" * 10, "ខ" * 30], repeat=3, name="append")
    assert len(calls) == 2 * (3 + 1)  # a warm-up pass, then three timed passes
    assert timing.items == 2 and timing.chars == 40 and len(timing.runs) == 3
    assert timing.seconds == sorted(timing.runs)[1]
    assert timing.items_per_s > 0 and timing.peak_mb >= 0


def test_batch_mode_and_tracemalloc():
    harness = _harness()
    timing = harness.time_it(lambda items: [s * 100 for s in items], ["ab"] * 10, repeat=2, batch=True,
                             memory="tracemalloc")
    assert timing.items == 10 and timing.peak_mb > 0


def test_print_table_is_markdown(capsys):
    harness = _harness()
    text = harness.print_table([{"tool": "sastra", "docs/s": "1.2k"}, {"tool": "peer", "note": "x"}])
    out = capsys.readouterr().out
    assert out.strip() == text
    lines = text.splitlines()
    assert lines[0].startswith("| tool") and "note" in lines[0] and set(lines[1]) <= {"|", "-"}
    assert harness.format_rate(1234567) == "1.23M" and harness.format_rate(12.0) == "12.0"
