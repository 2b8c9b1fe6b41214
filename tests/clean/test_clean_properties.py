"""Property tests: whatever the page, nothing is lost and every offset points into the input."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sastra.clean import clean

FURNITURE = ["ចែករំលែក", "Kommentar (0)", "ប្រភព៖ AKP", "photo 2024 07 17 19 43 30 2", "/br>",
             "ព័ត៌មានជាតិ", "© ២០១៩ រក្សាសិទ្ធិគ្រប់យ៉ាងដោយ X", "អត្ថបទទាក់ទង", "ដោយ៖ សុខ", "\u00a0", ""]
KHMER_CHARS = "កខគឃងចឆជឈញដឋឌឍណតថទធនបផពភមយរលវសហឡអាិីឹឺុូួើឿៀេែៃោៅំះ្់៍​ ។៕០១២"
body_line = st.text(alphabet=KHMER_CHARS + "abc <>/()|:៖", min_size=0, max_size=200)
line = st.one_of(body_line, st.sampled_from(FURNITURE))
_WS = re.compile(r"\s+")


_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00a0\\s]+")


def _ink(text: str) -> int:
    """Non-space characters, zero-width ones included, on lines that show something.

    A line of only spaces and zero-width spaces is a blank line: it may be dropped at a page edge.
    """
    return sum(len(_WS.sub("", line)) for line in text.split("\n") if _INVISIBLE.sub("", line))


@settings(max_examples=200, deadline=None)
@given(st.lists(line, max_size=30), st.sampled_from(["\n", "\r\n"]))
def test_no_character_is_lost_and_offsets_hold(lines: list[str], newline: str) -> None:
    page = newline.join(lines)
    result = clean(page, kind="text")
    for r in result.removed:
        assert page[r.start:r.end] == r.text
    for i in range(len(result.text)):
        assert page[result.to_original(i)] == result.text[i]
    if "nothing_kept" not in result.flags:
        # every non-space character is in the text or in exactly one removal
        assert _ink(result.text) + sum(_ink(r.text) for r in result.removed) == _ink(page)
        spans = sorted((r.start, r.end) for r in result.removed)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_string_is_cleaned_without_error(text: str) -> None:
    for kind in ("auto", "text", "html"):
        result = clean(text, kind=kind)
        assert isinstance(result.text, str)
        for r in result.removed:
            assert text[r.start:r.end] == r.text


@settings(max_examples=100, deadline=None)
@given(st.lists(line, max_size=20))
def test_cleaning_is_deterministic_and_idempotent_on_its_output(lines: list[str]) -> None:
    page = "\n".join(lines)
    first = clean(page, kind="text")
    assert clean(page, kind="text") == first
