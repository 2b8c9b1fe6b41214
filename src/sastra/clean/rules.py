"""Khmer line rules: for every line of a page, body or furniture, and why.

The rules work on lines (a paragraph of text, or a block of an HTML page) and never on spaces or
full stops alone, because Khmer writes no spaces between words and ends sentences with ``។``. They run
in four passes over one page:

1. line-local rules that hold anywhere on the page (share bars, comment counters, copyright lines,
   source credits, bylines, photo-file captions, markup residue, known UI strings, site-repeated lines);
2. the *article span*: from the first to the last "strong" line (a long line or a sentence);
3. blocks: a related-articles heading takes the short title lines under it, a comments heading near
   the end of the article takes what follows it;
4. rules that hold only outside the article span (menus of single category names, date lines,
   contact lines), where a short line is far more likely furniture than body.

A decision never alters a body line except for cutting markup residue (``/br>``) out of it.
"""

from __future__ import annotations

import functools
import re
import string
from dataclasses import dataclass
from importlib import resources
from typing import AbstractSet, Sequence

from sastra.khmer import khmer_ratio

#: reasons whose lines are tagged but kept available (they hold facts: names, dates, sources)
KEPT_REASONS = frozenset({"caption", "source_credit", "byline", "date"})
#: lines longer than this are body without further tests
LONG_LINE = 5000

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE_RE = re.compile(f"[{ZERO_WIDTH}]")
#: what is dropped from a line to build its lookup key: spaces, punctuation, digits (Latin and Khmer)
_KEY_DROP_RE = re.compile(
    f"[\\s{ZERO_WIDTH}\u00a0\\d\u17e0-\u17e9.,:;!?\"'“”‘’()\\[\\]{{}}<>|/\\\\\\-–—_•·»«›‹*#=+~^…@&%$"
    "\u17d4\u17d5\u17d6\u17da\u17d9\u17d8👁❤👍🔥📌▶►◄▸▪●○■□→←↑↓|]+"
)
_DIGIT_RE = re.compile(r"[0-9\u17e0-\u17e9]")
_NONZERO_DIGIT_RE = re.compile(r"[1-9\u17e1-\u17e9]")
_SENTENCE_END = ("\u17d4", "\u17d5", "?", "!", ".", "”", '"', "»", ")", "\u17d5\u200b", "៖")


@dataclass(frozen=True, slots=True)
class LineDecision:
    """What the rules decided for one line: ``reason`` None means body, "blank" means whitespace only.

    ``cuts`` are spans inside a body line (line offsets) removed as ``markup_residue``.
    """

    reason: str | None = None
    kept: bool = False
    cuts: tuple[tuple[int, int], ...] = ()
    credit_at: int = -1  # a caption line: where its trailing photo credit starts (line offset)


BODY = LineDecision()
BLANK = LineDecision("blank")


def line_key(line: str) -> str:
    """A line's lookup key: case-folded, without spaces, punctuation, digits or invisible characters."""
    return _KEY_DROP_RE.sub("", line).casefold()


def repeat_key(line: str) -> str:
    """Key for cross-document repetition: like the text, only spaces and invisible characters folded."""
    return " ".join(_INVISIBLE_RE.sub("", line).split()).casefold()


# --- known UI strings -------------------------------------------------------------------------

@functools.cache
def ui_strings() -> dict[str, str]:
    """The shipped UI-string list as ``{key: reason}`` (see data/clean/PROVENANCE.md)."""
    table: dict[str, str] = {}
    text = resources.files("sastra").joinpath("data", "clean", "ui_strings.tsv").read_text("utf-8")
    for raw in text.splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        reason, _, string = raw.partition("\t")
        key = line_key(string)
        if key:
            table[key] = reason
    return table


@functools.cache
def _ui_prefixes() -> frozenset[str]:
    return frozenset(k[:i] for k in ui_strings() for i in range(1, len(k) + 1))


def segment_ui(key: str) -> list[str] | None:
    """Split a line key into known UI strings (longest first), or None if it is not made of them.

    This catches menus written as one run (``ទំព័រដើមព័ត៌មានជាតិកីឡា``) as well as spaced ones.
    """
    table = ui_strings()
    n = len(key)
    if n == 0 or n > 400:
        return None
    if key in table:
        return [key]
    prefixes = _ui_prefixes()
    if key[:1] not in prefixes:
        return None
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    reached = 0  # the furthest position a split reaches so far
    for i in range(n):
        if i > reached:  # no split reaches here, nor anything after it (a body line stops early)
            break
        if best[i] is None:
            continue
        j = i + 1
        while j <= n and key[i:j] in prefixes:
            if best[j] is None and key[i:j] in table:
                best[j] = best[i] + [key[i:j]]  # type: ignore[operator]
                reached = max(reached, j)
            j += 1
    return best[n]


# --- patterns -----------------------------------------------------------------------------------

_I = re.I
_COPYRIGHT_RE = re.compile(r"^\W{0,3}(?:©|\(c\)|copyright\b|រក្សាសិទ្ធិ|bản quyền)", _I)
_COPYRIGHT_ANY_RE = re.compile(r"រក្សាសិទ្ធិគ្រប់យ៉ាង|all rights reserved|tous droits réservés|"
                               r"alle rechte vorbehalten|版权所有", _I)
#: a line holding none of these cannot match _COPYRIGHT_ANY_RE (each of its phrases holds one; only
#: "v" and "V" match "v" when case is ignored): substring tests are much cheaper than the search
_COPYRIGHT_ANY_NEEDLES = ("v", "V", "រក្សាសិទ្ធិគ្រប់យ៉ាង", "版权所有")
_CREDIT_RE = re.compile(
    r"^[\s(\[]*(?:ប្រភព(?:ទាំងស្រុង|ដើម|ព័ត៌មាន|រូបភាព|រូបថត)?|ដកស្រង់(?:ចេញ)?ពី|source|sources|nguồn|quelle|"
    r"来源|ที่มา)\s*(?:[៖:：]|(?=\s)|$)", _I)
_CREDIT_PAREN_RE = re.compile(r"^\s*[(\[]\s*(?:ប្រភព|source|nguồn)[^()\[\]]{0,60}[)\]]\s*$", _I)
_BYLINE_RE = re.compile(
    r"(?:ដោយ|អត្ថបទ|រៀបរៀង|ចងក្រង|សម្រួល|ប្រែសម្រួល|អ្នកយកព័ត៌មាន|អ្នកនិពន្ធ|រូបថត|\bby|\bauthor|"
    r"\breporter|\bwritten by|\bposted by|\bediting by|\bedited by|tác giả|\bpar)\s*[៖:：]", _I)
#: every _BYLINE_RE match ends with one of these (none has another case)
_BYLINE_COLONS = ("៖", ":", "：")
_POSTED_BY_RE = re.compile(r"^\W*(?:posted|written|published) by\b", _I)
_CAPTION_FILE_RE = re.compile(
    r"(?:\s*(?:(?:photo|image|img|pic|picture|screenshot|received|fb[_ ]img|dsc[fn]?|ảnh|រូបភាព|រូបថត)"
    r"[\s_\-]*\d[\d\s_\-.]*|[\w\-]+\.(?:jpe?g|png|gif|webp|heic)\b))+\s*", _I)
#: first characters a photo-file caption can start with
_CAPTION_FIRST = frozenset(string.ascii_letters + string.digits + "_-ảẢរ")
_CAPTION_CREDIT_END_RE = re.compile(
    r"[(\[]\s*(?:ប្រភព|រូបថត|រូបភាព|photo|source|ảnh|nguồn|credit)\s*[៖:：][^()\[\]]{1,60}[)\]]\s*"
    r"(?P<pipe>[|｜])?\s*$", _I)
_PHOTO_WORD_RE = re.compile(r"^\W*(?:រូបថត|រូបភាព|photo|ảnh|credit)", _I)
_CAPTION_LEAD_RE = re.compile(r"^\W{0,2}(?:រូបថត|រូបភាព|photo|photos|image|ảnh|ភាពយន្តខ្លី)\s*[៖:：]", _I)
_TAGS_RE = re.compile(r"^\W{0,2}(?:(?:tags?|ស្លាក|ពាក្យគន្លឹះ|keywords?|topics?|categor(?:y|ies)|ប្រភេទ|ផ្នែក|"
                      r"từ khóa|thẻ)\s*[៖:：]|(?:filed under|posted in|tagged)\b)", _I)
#: WordPress comment headings: "3 thoughts on …", "One response to …"
_COMMENTS_HEADING_RE = re.compile(r"^\W{0,2}(?:\d+|one|two|three|no)\s+(?:thoughts?|responses?|comments?|"
                                  r"repl(?:y|ies))\s+(?:on|to)\b", _I)
_VIEWS_RE = re.compile(r"^\W{0,3}(?:👁\s*)?(?:views?|ចំនួនអ្នកអាន|អ្នកអាន|ចំនួនអ្នកទស្សនា|ចំនួនទស្សនា|"
                       r"ទស្សនា|ចូលមើល|អ្នកចូលមើល|lượt xem)?\s*[៖:]?\s*[\d,.\u17e0-\u17e9]+[kK]?\s*"
                       r"(?:views?|ដង|នាក់|lượt xem|reads?)?\s*$", _I)
#: how long the article takes to read (``Reading Time: 2 minutes``, ``រយៈពេលអាន៖ ២ នាទី``, ``3 min read``)
_READING_TIME_RE = re.compile(r"^\W{0,2}(?:(?:reading time|read time|estimated reading time|រយៈពេលអាន|ពេលវេលាអាន)"
                              r"\s*[៖:]?\s*(?:about\s+|ប្រហែល\s*)?[\d\u17e0-\u17e9]+\s*(?:min(?:ute)?s?|នាទី)"
                              r"|[\d\u17e0-\u17e9]+\s*(?:min(?:ute)?s?|នាទី)\s*(?:read|អាន))\W{0,2}$", _I)
_CONTACT_RE = re.compile(r"^\W{0,2}(?:tel|phone|mobile|hotline|email|e-mail|address|fax|website|"
                         r"ទូរស័ព្ទ|លេខទូរស័ព្ទ|អ៊ីមែល|អាសយដ្ឋាន|គេហទំព័រ|ទំនាក់ទំនង)\s*[៖:：]", _I)
_MADE_BY_RE = re.compile(r"^\W{0,2}(?:designed|developed|powered|hosted|website|web design|theme)\s+(?:by|:)"
                         r"|^\W{0,2}(?:រចនាដោយ|អភិវឌ្ឍដោយ|គេហទំព័ររចនាដោយ)", re.I)
_PIPE_SPLIT_RE = re.compile(r"\s+[|•·»]\s+|\s*\|\s*")
_COOKIE_RE = re.compile(r"\bcookies?\b|ខូឃី", _I)
#: the same for _COOKIE_RE: "k", "K" and the Kelvin sign are what match "k" when case is ignored
_COOKIE_NEEDLES = ("k", "K", "\u212a", "ខូឃី")
#: full-line markup residue: tags, broken tags, entities
_RESIDUE_LINE_RE = re.compile(
    r"(?:\s*(?:</?[a-z][a-z0-9]*\b[^<>]{0,200}/?>|/?\b(?:br|p|div|span|li|ul|td|tr)\s*/?>|<\s*/?\s*"
    r"(?:br|p|div|span)\b\s*/?|&(?:nbsp|amp|lt|gt|quot|#\d+|#x[0-9a-f]+);|\[/?[a-z_]+[^\]]{0,80}\]))+\s*",
    _I)
#: markup residue inside a body line (cut out, the rest of the line kept)
_RESIDUE_INLINE_RE = re.compile(
    r"\s*(?:</?(?:br|p|div|span|strong|em|b|i|u|a|img|figure|figcaption|h[1-6]|li|ul|ol|table|tr|td|"
    r"section|article|iframe|script)\b[^<>]{0,200}>|(?<![\w<])/(?:br|p|div|span|strong|em|a)\s*>|"
    r"<br\s*/?(?![\w>])|(?<![\w<])br\s*/>)", _I)
_DATE_TOKEN_RE = re.compile(
    r"ថ្ងៃ|ទី|ខែ|ឆ្នាំ|ម៉ោង|នាទី|ព្រឹក|ល្ងាច|រសៀល|យប់|ត្រង់|ចន្ទ|អង្គារ|ពុធ|ព្រហស្បតិ៍|សុក្រ|សៅរ៍|"
    r"អាទិត្យ|មករា|កុម្ភៈ|មីនា|មេសា|ឧសភា|មិថុនា|កក្កដា|សីហា|កញ្ញា|តុលា|វិច្ឆិកា|ធ្នូ|ផ្សាយ|ចុះផ្សាយ|"
    r"កែប្រែ|ធ្វើបច្ចុប្បន្នភាព|វេលា|មុន|នេះ|ម្សិលមិញ|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|mon|tue|wed|thu|fri|sat|sun|am|pm|at|on|posted|updated|published|ago|hours?|"
    r"minutes?|days?|ict|gmt|utc|tháng|năm|ngày|lúc|thứ|hai|ba|tư|sáu|bảy|chủ nhật|st|nd|rd|th", _I)
_DATE_LEFTOVER_RE = re.compile(f"[\\s{ZERO_WIDTH}\u00a0\\d\u17e0-\u17e9.,:;/\\-–—|()\\[\\]+៖]+")
_MENU_SEPARATORS_RE = re.compile(r"\s[|»·•/]\s|\s[|»]|[|»]\s")
_READ_ALSO_RE = re.compile(r"^\W{0,2}(?:អានបន្ថែម|អានផងដែរ|សូមអានផងដែរ|សូមអាន|អានអត្ថបទ|ចុចអាន|"
                           r"អត្ថបទទាក់ទង|ព័ត៌មានទាក់ទង|ព័ត៌មានពាក់ព័ន្ធ|read more|read also|see also|"
                           r"related|xem thêm|lire aussi)\s*[៖:：]", re.I)
_SUBSCRIBE_RE = re.compile(r"^\W{0,2}(?:តាមដានយើង|ចុចតាមដាន|ចុច\s*like|follow us|like us|subscribe|"
                           r"join us on|ចូលរួមជាមួយយើង|"
                           # calls to action of other sites' furniture: click here, download the app,
                           # follow the news on …, watch the video
                           r"ចុចទីនេះ|ចុចត្រង់នេះ|ទាញយកកម្មវិធី|តាមដានព័ត៌មាន\S*\s*តាមរយៈ|ចូលរួមទស្សនា|"
                           r"click here|download (?:the |our )?app)", re.I)
#: an advertiser's contact line (``ទំនាក់ទំនងផ្សាយពាណិជ្ជកម្ម៖ 012 345 678``)
_AD_CONTACT_RE = re.compile(r"^\W{0,2}(?:ទំនាក់ទំនង\s*(?:ផ្សាយ|ដាក់)\s*ពាណិជ្ជកម្ម|"
                            r"(?:for |contact (?:us )?for )?advertising contact)", re.I)
_YEAR_OR_TIME_RE = re.compile(r"(?:19|20|១៩|២០)[0-9០-៩]{2}|[0-9០-៩]{1,2}[:៖][0-9០-៩]{2}|មុន$|ago$")
#: one-line headings whose next line(s) are headlines (prev/next post links)
_BLOCK_STARTERS = frozenset(line_key(x) for x in ("previous post", "next post", "previous", "next",
                                                   "អត្ថបទមុន", "អត្ថបទបន្ទាប់"))
#: a byline without a colon, trusted only outside the article span: ``ដោយ គឹម សុខលី``, ``By Staff Writer``
_BARE_BYLINE_RE = re.compile(r"^(?:ដោយ|by|par|von|bởi)\s+\S+(?:\s+\S+){0,4}$", re.I)
_NAV_SUFFIX_RE = re.compile(r"(?:ថ្មីៗ|ពេញនិយម|ទាំងអស់|ផ្សេងៗ|ប្រចាំថ្ងៃ)$")


def _holds_any(text: str, needles: tuple[str, ...]) -> bool:
    for needle in needles:
        if needle in text:
            return True
    return False


def visible(line: str) -> str:
    """The line without invisible characters and outer spaces (for measuring and pattern tests)."""
    # str.replace of each one present, cheaper than a regex pass (most lines hold only U+200B)
    for char in ZERO_WIDTH:
        if char in line:
            line = line.replace(char, "")
    return line.strip()


def _is_credit(vis: str) -> bool:
    """``ប្រភព៖ …`` (a colon, a short source) or ``ប្រភព Fresh News`` (no colon, a very short one)."""
    m = _CREDIT_RE.match(vis)
    if not m:
        return False
    rest = vis[m.end():].strip()
    if m.group().rstrip().endswith(("៖", ":", "：")):
        return len(rest) <= 80
    return len(rest) <= 30 and not rest.endswith(("\u17d4", "\u17d5"))


def is_strong(vis: str) -> bool:
    """A line that is surely article text: a long line, or a full sentence."""
    n = len(vis)
    return n >= 120 or (n >= 40 and vis.endswith(_SENTENCE_END))


def is_date_line(vis: str) -> bool:
    """A line of only a date and time (Khmer, English, Vietnamese words, digits, separators)."""
    if len(vis) > 80 or not _DIGIT_RE.search(vis) or vis.count("(") != vis.count(")"):
        return False
    rest = _DATE_TOKEN_RE.sub("", vis)
    return not _DATE_LEFTOVER_RE.sub("", rest)


def _comment_count_zero(vis: str) -> bool:
    return bool(_DIGIT_RE.search(vis)) and not _NONZERO_DIGIT_RE.search(vis)


def classify_line(line: str, repeated: AbstractSet[str] = frozenset()) -> tuple[LineDecision, str]:
    """Pass 1 for one line (see :func:`_classify`): the decision and the line's UI class."""
    decision, cls, _vis = _classify(line, repeated)
    return decision, cls


def _classify(line: str, repeated: AbstractSet[str]) -> tuple[LineDecision, str, str]:
    """Pass 1: the rules that hold anywhere on the page. Returns the decision and the line's UI class.

    The UI class (``"nav1"`` for a lone menu word, ``"related"``/``"comments"`` for block headings,
    ``""`` otherwise) lets the later passes apply position rules.
    """
    if len(line) > LONG_LINE:  # no furniture is this long: skip the patterns (100 MB lines stay linear)
        cuts = tuple(m.span() for m in _RESIDUE_INLINE_RE.finditer(line)) if "<" in line or ">" in line else ()
        return LineDecision(None, False, cuts), "", line
    vis = visible(line)
    if not vis or not vis.replace("\u00a0", "").strip():
        return BLANK, "", ""
    n = len(vis)
    decision, cls = _classify_visible(line, vis, n)
    if repeated and decision.reason is None and repeat_key(line) in repeated:
        return LineDecision("repeated"), "", vis
    return decision, cls, vis


def _classify_visible(line: str, vis: str, n: int) -> tuple[LineDecision, str]:
    if n > 600:  # a paragraph: only a run of photo file names or markup residue can be this long
        if vis[:1] in _CAPTION_FIRST and _CAPTION_FILE_RE.fullmatch(vis):
            return LineDecision("caption", True), ""
        cuts = tuple(m.span() for m in _RESIDUE_INLINE_RE.finditer(line)) if "<" in line or ">" in line else ()
        return (LineDecision(None, False, cuts) if cuts else BODY), ""
    if n <= 400 and _RESIDUE_LINE_RE.fullmatch(vis):
        return LineDecision("markup_residue"), ""
    if _CAPTION_FILE_RE.fullmatch(vis):
        return LineDecision("caption", True), ""
    if n <= 300 and (_COPYRIGHT_RE.match(vis) or (n <= 200 and _holds_any(vis, _COPYRIGHT_ANY_NEEDLES)
                                                   and _COPYRIGHT_ANY_RE.search(vis))):
        return LineDecision("copyright"), ""
    if n <= 100 and (_CREDIT_PAREN_RE.match(vis) or _is_credit(vis)):
        return LineDecision("source_credit", True), ""
    lead = _CAPTION_LEAD_RE.match(vis) if n <= 200 else None
    if lead and n - lead.end() <= 60:
        return LineDecision("caption", True), ""
    if n <= 80 and _POSTED_BY_RE.match(vis):
        return LineDecision("byline", True), ""
    if n <= 80:
        head = vis[:40]
        by = _BYLINE_RE.search(head) if _holds_any(head, _BYLINE_COLONS) else None
        if by and len(vis) - by.end() <= 32:
            return LineDecision("byline", True), ""
    if n <= 600 and vis.endswith((")", "|", "]", "｜")):
        credit = _CAPTION_CREDIT_END_RE.search(vis)
        if credit and (credit.group("pipe") or _PHOTO_WORD_RE.match(credit.group()[1:])):
            raw = _CAPTION_CREDIT_END_RE.search(line)
            return LineDecision("caption", True, credit_at=raw.start() if raw else -1), ""
    if n <= 200 and (_READ_ALSO_RE.match(vis) and n <= 160):
        return LineDecision("related_links"), ""
    if n <= 80 and _SUBSCRIBE_RE.match(vis):
        return LineDecision("subscribe"), ""
    if n <= 120 and _AD_CONTACT_RE.match(vis):
        return LineDecision("advertisement"), ""
    if n <= 60 and is_date_line(vis) and _YEAR_OR_TIME_RE.search(vis):
        return LineDecision("date", True), ""
    if n <= 200 and _COMMENTS_HEADING_RE.match(vis):
        return LineDecision("comment_counter"), "comments"
    if n <= 200 and _TAGS_RE.match(vis):
        return LineDecision("tags"), ""
    if n <= 60 and _READING_TIME_RE.match(vis):
        return LineDecision("view_counter"), ""
    if n <= 40 and _VIEWS_RE.fullmatch(vis) and not _DIGIT_RE.fullmatch(vis.replace(",", "")):
        if re.search(r"[^\W\d_]", vis):
            return LineDecision("view_counter"), ""
    if n <= 120 and _MADE_BY_RE.match(vis):
        return LineDecision("footer"), ""
    if n <= 160 and _holds_any(vis, _COOKIE_NEEDLES) and _COOKIE_RE.search(vis) and khmer_ratio(vis) < 0.5:
        return LineDecision("footer"), ""
    if n <= 120 or (n <= 400 and not vis.endswith(("\u17d4", "\u17d5"))):
        key = line_key(vis)
        parts = segment_ui(key) if key else None
        if parts:
            table = ui_strings()
            reasons = [table[p] for p in parts]
            if len(parts) == 1:
                reason = reasons[0]
                if key in _BLOCK_STARTERS:
                    return LineDecision(reason), "related"
                if reason == "navigation":
                    return BODY, "nav1"
                if reason == "related_links":
                    return LineDecision("related_links"), "related"
                if reason == "comment_counter":
                    return LineDecision("comment_counter"), "" if _comment_count_zero(vis) else "comments"
                return LineDecision(reason), ""
            if len(parts) >= 3 or _MENU_SEPARATORS_RE.search(vis) or "navigation" not in reasons:
                reason = max(set(reasons), key=reasons.count)
                return LineDecision(reason), ""
            return BODY, "nav1"  # two menu words: position decides
    if n <= 300 and ("|" in vis or " • " in vis or " · " in vis or " » " in vis):
        items = [x for x in _PIPE_SPLIT_RE.split(vis) if x.strip()]
        if len(items) >= 3 and all(len(x) <= 30 and not x.endswith(("\u17d4", "\u17d5")) for x in items):
            return (LineDecision("navigation"), "") if len(items) >= 4 else (BODY, "nav1")
    cuts = tuple(m.span() for m in _RESIDUE_INLINE_RE.finditer(line)) if ">" in line or "<" in line else ()
    if cuts:
        return LineDecision(None, False, cuts), ""
    return BODY, ""


#: reasons that end a comments block (the page furniture after the comments)
_ENDS_COMMENTS = frozenset({"navigation", "copyright", "footer", "related_links", "subscribe",
                            "advertisement", "tags", "repeated"})


def classify_lines(lines: Sequence[str], repeated: AbstractSet[str] = frozenset()) -> list[LineDecision]:
    """Decide every line of one page (see the module docstring for the four passes)."""
    decided: list[LineDecision] = []
    classes: list[str] = []
    visibles: list[str] = []
    for line in lines:
        decision, cls, vis = _classify(line, repeated)
        decided.append(decision)
        classes.append(cls)
        visibles.append("" if decision.reason is not None else vis)

    def strong_indexes() -> list[int]:
        return [i for i, d in enumerate(decided)
                if d.reason is None and classes[i] != "nav1" and is_strong(visibles[i])]

    strong = strong_indexes()
    # pass 3: blocks
    if strong:
        first = strong[0]
        total = sum(len(visibles[i]) for i in strong)
        i = 0
        while i < len(lines):
            cls = classes[i]
            if cls == "related":
                i = _related_block(i, decided, classes, visibles)
                continue
            if cls == "comments" and i > first:
                before = sum(len(visibles[j]) for j in strong if j < i)
                if before >= 0.5 * total and _comment_markers_follow(i, lines, decided):
                    i = _comments_block(i, decided, classes)
                    continue
            i += 1
        strong = strong_indexes()
    return _edges(decided, classes, visibles, strong)


_COMMENT_MARKER_RE = re.compile(r"(?:\bsays|\bwrote|និយាយថា|បានសរសេរ|viết|a écrit|schrieb)\s*[:៖]?\s*$|"
                                r"^\W{0,2}(?:reply|ឆ្លើយតប|trả lời|répondre|antworten)\W{0,2}$", re.I)


def _comment_markers_follow(i: int, lines: Sequence[str], decided: list[LineDecision]) -> bool:
    """Comment entries follow a comments heading: an author line, a reply link or a date line."""
    for j in range(i + 1, min(len(lines), i + 9)):
        vis = visible(lines[j])
        if _COMMENT_MARKER_RE.search(vis) or (vis and is_date_line(vis)) or decided[j].reason == "comment_counter":
            return True
    return False


def _related_block(i: int, decided: list[LineDecision], classes: list[str], visibles: list[str]) -> int:
    j = i + 1
    while j < len(decided):
        d = decided[j]
        if d.reason == "blank":
            j += 1
            continue
        if d.reason is not None:
            if classes[j] in ("related",):
                j += 1
                continue
            if d.reason in ("view_counter", "date", "byline", "caption"):
                j += 1
                continue
            break
        vis = visibles[j]
        if len(vis) < 160 and not vis.endswith(("\u17d4", "\u17d5")) or is_date_line(vis):
            decided[j] = LineDecision("related_links")
            j += 1
            continue
        break
    return j


def _comments_block(i: int, decided: list[LineDecision], classes: list[str]) -> int:
    j = i + 1
    while j < len(decided):
        d = decided[j]
        if d.reason in _ENDS_COMMENTS:
            break
        if d.reason is None and classes[j] == "related":
            break
        if d.reason is None:
            decided[j] = LineDecision("comments")
        j += 1
    return j


#: removed lines after which, at the end of a page, short lines are lists of headlines
_LIST_HEADINGS = frozenset({"navigation", "sidebar", "tags", "subscribe", "share"})
#: a short heading of a list of headlines, recognised by its words (after the article only)
_LIST_HEADING_RE = re.compile(r"ទាក់ទង|ពាក់ព័ន្ធ|គួរអាន|គួរចាប់អារម្មណ៍|ពេញនិយម|ផ្សេងទៀត|ថ្មីៗ|ថ្មីបំផុត|ចុងក្រោយ|"
                              r"បន្ថែម|ច្រើនជាងគេ|ក្ដៅៗ|ក្តៅៗ|"
                              r"\b(?:related|popular|recent|latest|more|trending|also like|recommended|"
                              r"liên quan|xem thêm|similaires)\b", re.I)


def _edges(decided: list[LineDecision], classes: list[str], visibles: list[str],
           strong: list[int]) -> list[LineDecision]:
    """Pass 4: rules for lines before the first and after the last strong line."""
    # no strong line, no article: every line is before it, none after it (where lists of headlines go)
    first, last = (strong[0], strong[-1]) if strong else (len(decided), len(decided))
    out = list(decided)
    head = [i for i in range(min(first, len(decided))) if decided[i].reason is None and classes[i] != "nav1"]
    long_title = -1
    if len(strong) > 1 and not visibles[first].endswith(("\u17d4", "\u17d5")):
        # a long title is the first strong line: what sits between it and the article is head matter
        long_title = first
        head.append(first)
        first = strong[1]
    if len(head) >= 2:
        title = max(head, key=lambda i: (len(visibles[i]) if khmer_ratio(visibles[i]) >= 0.5 else 0, -i))
        for i in head:
            vis = visibles[i]
            if i < title and len(vis) <= 40 and len(vis) < 0.5 * len(visibles[title]) and not vis.endswith(
                    ("\u17d4", "\u17d5", "?", "!")):
                out[i] = LineDecision("navigation")
    tail_list = False
    for i, d in enumerate(decided):
        if d.reason is not None or out[i].reason is not None:
            if i > last and (out[i].reason in _LIST_HEADINGS or classes[i] == "related"):
                tail_list = True
            continue
        if i == long_title:
            continue
        inside = first <= i <= last
        cls = classes[i]
        vis = visibles[i]
        if cls == "nav1":
            if not inside:
                out[i] = LineDecision("navigation")
            continue
        if inside:
            continue
        if i > last and tail_list:
            if len(vis) < 160 and not vis.endswith(("\u17d4", "\u17d5")):
                out[i] = LineDecision("related_links")
                continue
        if i > last and len(vis) <= 40 and _LIST_HEADING_RE.search(vis) and not vis.endswith(
                ("\u17d4", "\u17d5")):
            out[i] = LineDecision("related_links")
            tail_list = True
            continue
        if i < first and len(vis) <= 60 and khmer_ratio(vis) < 0.5:
            out[i] = LineDecision("navigation")
        elif is_date_line(vis):
            out[i] = LineDecision("date", True)
        elif len(vis) <= 50 and _BARE_BYLINE_RE.match(vis):
            out[i] = LineDecision("byline", True)
        elif len(vis) <= 40 and _NAV_SUFFIX_RE.search(vis) and not vis.endswith(("\u17d4", "\u17d5")):
            out[i] = LineDecision("navigation")
        elif len(vis) <= 120 and _CONTACT_RE.match(vis):
            out[i] = LineDecision("footer")
    return out
