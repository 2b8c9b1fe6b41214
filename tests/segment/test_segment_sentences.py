"""Unit tests of split_sentences."""

from __future__ import annotations

import pytest

from sastra.errors import InputError
from sastra.segment import split_sentences


def texts(text):
    sentences = split_sentences(text)
    for s in sentences:
        assert text[s.start:s.end] == s.text
    return [s.text for s in sentences]


def test_khmer_terminators_and_line_breaks():
    assert texts("ខ្ញុំទៅផ្សារ។ គាត់នៅផ្ទះ៕ អ្នកទៅណា? ល្អណាស់! ចប់\nបន្ទាត់ថ្មី") == [
        "ខ្ញុំទៅផ្សារ។", "គាត់នៅផ្ទះ៕", "អ្នកទៅណា?", "ល្អណាស់!", "ចប់", "បន្ទាត់ថ្មី"]


@pytest.mark.parametrize("text", [
    "តម្លៃ ៥០០០៛ ក្នុងមួយគីឡូ។",  # riel sign
    "មនុស្សម្នាក់ៗ បានមក។",  # repetition sign
    "គាត់និយាយថា៖ ខ្ញុំមក។",  # colon
    "ផ្លែឈើ ស្វាយ ចេក ។ល។ មានលក់។",  # etc.
    "ឆ្នាំ ព.ស.២៥៦៧ គ.ស.២០២៤ មក។",  # abbreviations
    "ចំនួន ១.៥ លាន និង 2.75 ភាគរយ។",  # decimals
    "មើល https://x.com/a?b=1 បាន។",  # a question mark inside a URL
])
def test_no_break_inside(text):
    assert texts(text) == [text]


def test_closing_quote_stays_with_its_sentence():
    assert texts("គាត់ថា «ខ្ញុំមក។» ហើយចេញ។") == ["គាត់ថា «ខ្ញុំមក។»", "ហើយចេញ។"]


def test_repeated_terminators_and_spaces():
    assert texts("អ្វី?!  ពិតមែន។។\n\n") == ["អ្វី?!", "ពិតមែន។។"]


def test_empty_and_bad_input():
    assert split_sentences("") == []
    assert split_sentences(" \n ") == []
    with pytest.raises(InputError):
        split_sentences(None)  # type: ignore[arg-type]
