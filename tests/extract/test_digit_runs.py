"""The scans that the date, number and money finders skip by what stands around a text's digits
(``_common.DigitRuns``) find nothing on those texts: each skip is checked against the scan it saves, on
crafted cases and on random strings of the characters that matter."""

from __future__ import annotations

import random
import re

from sastra.extract import dates, money, numbers
from sastra.extract._common import DIGIT

PIECES = ["១", "២", "០", "9", "1", "2", "២០១៩", "2019", "១៧", "07", " ", " ", "\u200b", "\u00a0", "-", "–", "/", ".", ",", ":", "៖", "ខែ", "មករា",
          "ធ្នូ", "ឆ្នាំ", "ព.ស.", "ពុទ្ធសករាជ", "គ.ស", "ដើម", "ចុង", "រដូវ", "រដូវកាល", "May", "Jan.", "Sept",
          "និង", "នាទី", "$", "US$", "៛", "USD", "ក", "លាន", "ា", "\n"]
CRAFTED = ["ថ្ងៃទី១៧ ខែកក្កដា ឆ្នាំ២០២៤", "៣ សីហា ២០១៩", "ឆ្នាំ២០១៩-២០២៣", "២០១៩ – ២០២០", "ព.ស.២៥៦៨",
           "គ.ស. 1999", "ពុទ្ធសករាជ ២៥៦៣", "17/07/2024", "27.7.2019", "2019-10-23", "ដើម ២០១៩",
           "រដូវកាល ២០១៨/១៩", "May 5, 2019", "5 May 2019", "Jan. 2019", "012 345 678", "១២:៣០",
           "ម៉ោង ៩ ៖ ៣០", "ដល់ ១០និង០០នាទី", "$1.2", "US$ 5 million", "៛ ១០០", "២លាន ៣សែន ៤", "១ ៤០០ ពាន់លាន"]


#: fewer pieces, most of them next to digits: more strings that match the rarer scans
NEAR_DIGITS = ["២០១៩", "2019", "07", "1", " ", "\u200b", "-", "–", "/", ".", ",", "និង", "នាទី", "May", "រដូវ", "ដើម",
               "ខែ", ":"]


def texts() -> list[str]:
    rng = random.Random(13)
    return CRAFTED + ["".join(rng.choice(pieces) for _ in range(rng.randrange(10)))
                      for pieces in (PIECES, NEAR_DIGITS) for _ in range(20000)]


def test_the_number_scanner_holds_every_run_of_digits():
    for text in texts():
        _, runs = numbers._candidates(text)
        assert list(zip(runs.starts, runs.ends)) == [m.span() for m in re.finditer(f"{DIGIT}+", text)]


def test_skipped_scans_find_nothing():
    for text in texts():
        _, runs = numbers._candidates(text)
        if runs.between.isdisjoint(numbers._RUN_SEPARATORS):
            assert numbers._DIGIT_RUN_RE.search(text) is None
        if runs.before.isdisjoint(numbers._CLOCK_COLONS):
            assert numbers._CLOCK_HINT_RE.search(text) is None
        if not runs.followed_by(numbers._AND_WORDS):
            assert numbers._HOURS_AND_MINUTES_RE.search(text) is None
        if runs.after.isdisjoint(dates._MONTH_STARTS):
            assert dates._DMY_RE.search(text) is None
        for regexes, needs, run_needs in [(dates._YEAR_RES, dates._YEAR_RES_NEED, dates._YEAR_RES_RUNS),
                                          (dates._NUMERIC_RES, dates._NUMERIC_RES_NEED, dates._NUMERIC_RES_RUNS)]:
            kept = dates._needed(regexes, needs, text, runs, run_needs)
            for regex in regexes:
                if regex not in kept:
                    assert regex.search(text) is None
        for _, words_before, regex in dates._WORDED_YEAR_RES:
            if not runs.preceded_by(words_before):
                assert regex.search(text) is None
        if runs.before.isdisjoint(dates._ENGLISH_BEFORE_DIGITS):
            assert all(regex.search(text) is None for regex in dates._ENGLISH_RES)
        if runs.before.isdisjoint(money._SIGN_LAST_CHARS):
            assert money._SIGN_RE.search(text) is None


def test_finders_give_what_they_give_without_skipping():
    for text in texts()[::6]:
        candidates, runs = numbers._candidates(text)
        assert dates._find_dates(text, None, runs) == dates._find_dates(text, None, None)
        assert money._money_from(text, candidates, runs) == money._money_from(text, candidates)
        assert numbers._numbers_from(text, candidates, runs) == numbers._numbers_from(text, candidates)


def test_day_month_matches_are_those_of_the_full_scan():
    for text in texts():
        _, runs = numbers._candidates(text)
        found = [(m.span(), m.groups()) for m in dates._day_month_matches(text, runs)]
        assert found == [(m.span(), m.groups()) for m in dates._DMY_RE.finditer(text)]


def test_month_year_matches_are_those_of_the_full_scan():
    more = ["កក្កដា ២០១៩", "ខែមករា ឆ្នាំ២០២០", "តុលាឆ្នំា២០១៩", "មិថុនា  2019", "ធ្នូ ព.ស.២៥៦៣", "កក្កដ ២០១៩",
            "មក\u200bរា ២០២០", "បវរកញ្ញា ២០"]
    for text in more + texts():
        _, runs = numbers._candidates(text)
        found = [(m.span(), m.groups()) for m in dates._month_year_matches(text, runs)]
        assert found == [(m.span(), m.groups()) for m in dates._MY_RES[1].finditer(text)]
