"""The script module: clusters tile the text, digits convert both ways, parse_int is deliberate."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from sastra import khmer


def test_clusters_of_a_word():
    assert khmer.cluster_strings("ស្ត្រីខ្មែរ") == ["ស្ត្រី", "ខ្មែ", "រ"]
    assert khmer.cluster_strings("ក\u200dា") == ["ក\u200dា"]
    assert khmer.cluster_strings("ក\u200bា") == ["ក", "\u200b", "ា"]


@given(st.text(alphabet=st.sampled_from([chr(c) for c in range(0x1780, 0x17F0)] + [" ", "a", "\u200b"])))
def test_clusters_tile(text):
    spans = khmer.clusters(text)
    assert "".join(text[s:e] for s, e in spans) == text
    assert all(e > s for s, e in spans)


def test_digits():
    assert khmer.to_latin_digits("ឆ្នាំ២០២៤") == "ឆ្នាំ2024"
    assert khmer.to_khmer_digits("2024") == "២០២៤"
    assert khmer.parse_int("១,៥០០") == 1500
    with pytest.raises(ValueError):
        khmer.parse_int("٣")  # Arabic-Indic digit: int() would accept it, we do not


def test_khmer_ratio():
    assert khmer.khmer_ratio("ខ្មែរ") == 1.0
    assert khmer.khmer_ratio("hello") == 0.0
    assert 0.3 < khmer.khmer_ratio("ខ្មែរ hello") < 0.7
    assert khmer.khmer_ratio("123 !") == 0.0
