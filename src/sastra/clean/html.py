"""The HTML path: visible lines with their source offsets, a main-content decision, then the line rules.

The page's text is read by a tolerant tokenizer (the standard library's ``html.parser``) that keeps,
for every visible character, where it stood in the input, and that never drops a character: U+200B
and the other zero-width characters, non-breaking spaces and paragraph breaks come through as the
publisher wrote them. (trafilatura's own text output deletes U+200B, so it is used only to *decide*
which lines are main content, never to produce the text.)

Main content: lines kept by trafilatura (``engine="trafilatura"``, the default when installed), plus
any long sentence-like line between the first and last of them that no furniture container
(nav, aside, footer, share or related widget, ...) holds; without trafilatura (``engine="builtin"``)
the container hints and link density alone decide. Then the same Khmer line rules as for plain text.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING, AbstractSet, Any

from sastra.errors import ConfigError, MissingExtraError
from sastra.records import Removal
from sastra.clean.rules import (KEPT_REASONS, ZERO_WIDTH, LineDecision, classify_line, classify_lines,
                                is_date_line, is_strong)

if TYPE_CHECKING:  # pragma: no cover
    from sastra.clean.core import CleanResult

ENGINES = ("auto", "trafilatura", "builtin")
#: pages larger than this (characters) skip trafilatura (slow and memory-hungry there) for the built-in rules
LARGE_PAGE = 5_000_000

BLOCK_TAGS = frozenset("""address article aside blockquote body caption center dd details dialog div dl
dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol
option p pre section summary table tbody td tfoot th thead title tr ul""".split())
#: elements whose text is not shown. ``head`` is not one: its own content (title, meta, link, base,
#: style, script, noscript, template) shows nothing anyway, and HTML5 ends a ``<head>`` left open
#: (``</head>`` is optional) at the first body content, so skipping up to ``</head>`` lost the article
SKIP_TAGS = frozenset("script style noscript template svg iframe object embed select textarea button "
                      "canvas video audio map".split())
VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_TOKEN_RE = re.compile(r"([ \t\n\r\f\v]+)|[^ \t\n\r\f\v]+")
_MATCH_DROP_RE = re.compile("[\\s\u200b\u200c\u200d\u2060\ufeff\u00a0]+")
#: comments and the elements the reader does not show, for the rough second reading of :func:`_shows_text`
_HIDDEN_RE = re.compile(r"<!--.*?(?:-->|\Z)|<(%s)\b.*?(?:</\1\s*>|\Z)"
                        % "|".join(sorted((SKIP_TAGS - VOID_TAGS) | {"title"})), re.S | re.I)
_ANY_TAG_RE = re.compile(r"</?[A-Za-z!?][^>]*>?")

#: class/id fragments that say what a container is, most specific first
_HINTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("caption", ("wp-caption-text", "caption", "figcaption", "photo-credit", "image-credit")),
    ("comments", ("comment", "respond", "disqus", "reply")),
    ("related_links", ("related", "yarpp", "more-news", "morenews", "also-read", "read-more", "readmore",
                       "recommend", "popular", "trending", "most-read", "latest-news", "recent-post",
                       "next-post", "prev-post", "post-navigation", "nav-links")),
    ("share", ("share", "sharing", "social", "addtoany", "a2a_", "sns", "facebook", "telegram")),
    ("advertisement", ("advert", "ads-", "-ads", "adsbygoogle", "banner", "sponsor", "promo")),
    ("tags", ("tags", "tag-links", "cat-links", "post-categories", "taglist")),
    ("navigation", ("breadcrumb", "navbar", "navigation", "menu", "nav-", "-nav", "topbar", "top-bar",
                    "masthead", "site-header", "site-branding", "logo", "pagination", "skip-link")),
    ("sidebar", ("sidebar", "widget", "side-bar")),
    ("footer", ("footer", "colophon", "copyright", "site-info", "bottom-bar")),
    ("byline", ("byline", "author", "posted-on", "entry-meta", "post-meta", "article-meta", "meta-info",
                "td-post-date", "entry-date", "publish-date", "dateline")),
)
#: what a line may hold and still show nothing (spaces, no-break space, zero-width characters)
_BLANK_CHARS = " \u00a0" + ZERO_WIDTH
_TAG_HINTS = {"nav": "navigation", "aside": "sidebar", "footer": "footer", "figcaption": "caption",
              "menu": "navigation", "form": "form"}


@dataclass
class Line:
    """One visible line of the page: its text and, per character, its source span."""

    text: str = ""
    #: source runs ``(text_start, length, raw_start, raw_end)``; a verbatim run has
    #: ``raw_end - raw_start == length``, a collapsed space or an entity stands on its whole raw span
    runs: list[tuple[int, int, int, int]] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    size: int = 0

    def append(self, text: str, raw_start: int, raw_end: int) -> None:
        self.runs.append((self.size, len(text), raw_start, raw_end))
        self.parts.append(text)
        self.size += len(text)

    def raw_span(self, a: int, b: int) -> tuple[int, int]:
        """The source span of ``text[a:b]``."""
        start = end = None
        for t0, n, r0, r1 in self.runs:
            if start is None and t0 + n > a:
                start = r0 + (a - t0) if r1 - r0 == n else r0
            if t0 < b <= t0 + n or (t0 + n >= b and end is None):
                end = r0 + (b - t0) if r1 - r0 == n else r1
                break
        return (start or 0), (end if end is not None else (start or 0))
    hint: str | None = None
    tag: str = ""
    paragraph: bool = True  # starts a new block (else it follows a <br>)
    link_chars: int = 0


class _PageParser(HTMLParser):
    """Collects visible lines with source offsets, plus the page's metadata tags."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0]
        for m in re.finditer("\n", source):
            self.line_starts.append(m.end())
        self.lines: list[Line] = []
        self.stack: list[tuple[str, str | None]] = []
        self.skip = 0
        self.in_title = False
        self.title_parts: list[str] = []
        self.in_link = 0
        self.meta: dict[str, str] = {}
        self.current = Line()
        self.next_paragraph = True
        self._raw_ref = ""

    # positions
    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col if line - 1 < len(self.line_starts) else len(self.source)

    def _hint(self) -> str | None:
        for _tag, hint in reversed(self.stack):
            if hint:
                return hint
        return None

    def _flush(self, paragraph: bool) -> None:
        line = self.current
        # strip the trailing collapsed space; keep NBSP and zero-width characters
        while line.parts and line.parts[-1] == " " and line.runs[-1][1] == 1:
            line.parts.pop()
            line.runs.pop()
            line.size -= 1
        line.text = "".join(line.parts)
        line.parts = []
        if line.text:
            line.paragraph = self.next_paragraph
            self.lines.append(line)
            self.next_paragraph = False
        self.current = Line()
        if paragraph:
            self.next_paragraph = True

    def _br(self) -> None:
        """A line break; two in a row (``<br><br>``, an empty line) make a paragraph break."""
        if not self.current.size and self.lines:
            self.next_paragraph = True
        self._flush(False)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._meta(attrs)
            return
        if tag == "title" and not self.in_title:
            self.in_title = True
            return
        if tag == "br":
            if not self.skip:
                self._br()
            return
        if tag in BLOCK_TAGS:
            self._flush(True)
        if tag in SKIP_TAGS:
            self.skip += 1
        if tag == "a":
            self.in_link += 1
        if tag in VOID_TAGS:
            return
        self.stack.append((tag, _container_hint(tag, attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._meta(attrs)
        elif tag == "br":
            if not self.skip:
                self._br()
        elif tag in BLOCK_TAGS:
            self._flush(True)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.in_title:
            self.in_title = False
            self.meta.setdefault("html_title", " ".join("".join(self.title_parts).split()))
            return
        if tag in BLOCK_TAGS:
            self._flush(True)
        if tag in SKIP_TAGS and self.skip:
            self.skip -= 1
        if tag == "a" and self.in_link:
            self.in_link -= 1
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k][0] == tag:
                del self.stack[k:]
                break

    def _add(self, text: str, start: int, raw_len_each: int | None) -> None:
        if self.skip:
            return
        if self.in_title:
            self.title_parts.append(text)
            return
        line = self.current
        if not line.size:
            line.hint = self._hint()
            line.tag = next((t for t, _ in reversed(self.stack) if t in BLOCK_TAGS), "")
        if raw_len_each is None:  # an entity: its characters stand on the whole reference
            if line.size or text.strip(" "):
                line.append(text, start, start + len(self._raw_ref))
                line.link_chars += len(text) if self.in_link else 0
            return
        trailing_space = not line.size or line.parts[-1].endswith(" ")
        added = 0
        for m in _TOKEN_RE.finditer(text):
            a, b = m.span()
            if m.group(1) is not None:  # a run of ASCII whitespace: one space, standing on the whole run
                if not trailing_space:
                    line.append(" ", start + a, start + b)
                    trailing_space = True
                    added += 1
                continue
            line.append(m.group(), start + a, start + b)
            trailing_space = False
            added += b - a
        if self.in_link:
            line.link_chars += added

    def handle_data(self, data: str) -> None:
        self._add(data, self._offset(), 1)

    def handle_entityref(self, name: str) -> None:
        self._raw_ref = f"&{name};" if self.source.startswith(f"&{name};", self._offset()) else f"&{name}"
        self._add(html_lib.unescape(self._raw_ref), self._offset(), None)

    def handle_charref(self, name: str) -> None:
        self._raw_ref = f"&#{name};" if self.source.startswith(f"&#{name};", self._offset()) else f"&#{name}"
        self._add(html_lib.unescape(self._raw_ref), self._offset(), None)

    def _meta(self, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        name = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
        content = values.get("content", "").strip()
        if name and content:
            self.meta.setdefault(name, content)

    def close(self) -> None:
        super().close()
        self._flush(True)


def _container_hint(tag: str, attrs: list[tuple[str, str | None]]) -> str | None:
    if tag in _TAG_HINTS:
        return _TAG_HINTS[tag]
    names = " ".join((v or "") for k, v in attrs if k in ("class", "id", "role")).lower()
    if not names:
        return None
    if "role" in dict(attrs) and (dict(attrs).get("role") or "").lower() in ("navigation", "banner",
                                                                                 "contentinfo"):
        return {"navigation": "navigation", "banner": "navigation",
                "contentinfo": "footer"}[(dict(attrs).get("role") or "").lower()]
    if tag == "header" and not any(w in names for w in ("site", "masthead", "top", "main-header")):
        return None
    for reason, fragments in _HINTS:
        if any(f in names for f in fragments):
            if reason == "navigation" and ("entry" in names or "post-title" in names):
                continue
            return reason
    return None


def parse_page(source: str) -> tuple[list[Line], dict[str, str]]:
    """The visible lines of a page with source offsets, and its ``<meta>``/``<title>`` values."""
    parser = _PageParser(source)
    parser.feed(source)
    parser.close()
    return parser.lines, parser.meta


def _match_key(text: str) -> str:
    return _MATCH_DROP_RE.sub("", text)


def _trafilatura_main(source: str, url: str | None) -> tuple[list[str] | None, dict[str, Any]]:
    """trafilatura's main-content lines (as match keys) and its metadata."""
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtraError("trafilatura", "html", "HTML main-content extraction") from exc
    doc = trafilatura.bare_extraction(source, url=url, include_comments=False, include_tables=True,
                                      include_images=False, with_metadata=True, deduplicate=False,
                                      favor_recall=True)
    if doc is None:
        return None, {}
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    meta = {k: data.get(k) for k in ("title", "author", "date", "sitename", "url", "description",
                                      "categories", "tags") if data.get(k)}
    text = data.get("text") or ""
    return [k for k in (_match_key(t) for t in text.split("\n")) if k], meta


def _align(lines: list[Line], keys: list[str]) -> list[bool]:
    """Which page lines trafilatura kept: an in-order alignment of line keys to its output lines.

    A long line matches an output line that contains it (or that it contains); a short one (a menu
    word, a button) must equal an output line near the current position, so that a menu word that
    also occurs inside a paragraph is not taken for main content.
    """
    kept = [False] * len(lines)
    j = 0
    for i, line in enumerate(lines):
        k = _match_key(line.text)
        if not k:
            continue
        if len(k) >= 20:
            found = next((idx for idx in range(j, len(keys)) if _long_match(k, keys[idx])), None)
            if found is None:
                found = next((idx for idx in range(0, j) if _long_match(k, keys[idx])), None)
            if found is not None:
                kept[i] = True
                j = max(j, found)
            continue
        for idx in range(j, min(len(keys), j + 8)):
            out = keys[idx]
            if k == out or (k in out and 2 * len(k) >= len(out)):
                kept[i] = True
                j = idx
                break
    return kept


def _long_match(k: str, out: str) -> bool:
    return k == out or k in out or (len(out) >= 20 and out in k)


def _meta_from_tags(tags: dict[str, str]) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for key, names in (("title", ("og:title", "twitter:title", "html_title")),
                       ("date", ("article:published_time", "date", "pubdate", "publish-date",
                                 "datepublished", "dc.date", "og:updated_time")),
                       ("author", ("author", "article:author", "dc.creator")),
                       ("sitename", ("og:site_name", "application-name")),
                       ("url", ("og:url",)),
                       ("description", ("description", "og:description"))):
        for name in names:
            if tags.get(name):
                meta[key] = tags[name]
                break
    return meta


def clean_html(source: str, *, repeated: AbstractSet[str] = frozenset(), engine: str = "auto",
               url: str | None = None) -> CleanResult:
    """Clean one HTML page (see the module docstring)."""
    from sastra.clean.core import _finish, clean_text

    if engine not in ENGINES:
        raise ConfigError(f"unknown HTML engine {engine!r}; choose one of {', '.join(ENGINES)}")
    flags: list[str] = []
    try:
        lines, tags = parse_page(source)
    except Exception as exc:  # noqa: BLE001 - a page the tokenizer cannot read is cleaned as text
        result = clean_text(source, repeated=repeated)
        return result.__class__(result.text, result.removed, {"error": f"unreadable HTML: {exc}"},
                                result.flags + ("broken_html",), "text", result.khmer_share, result.pieces)
    meta = _meta_from_tags(tags)
    main: list[bool] | None = None
    use_trafilatura = engine == "trafilatura"
    if engine == "auto":
        try:
            import trafilatura  # noqa: F401
            use_trafilatura = True
        except ImportError:
            use_trafilatura = False
    if use_trafilatura and len(source) > LARGE_PAGE:
        use_trafilatura = False
        flags.append("large_page")
    if use_trafilatura and lines:
        try:
            keys, tmeta = _trafilatura_main(source, url)
        except MissingExtraError:
            raise
        except Exception:  # noqa: BLE001 - trafilatura failing on a page: fall back, say so
            keys, tmeta = None, {}
            flags.append("extractor_failed")
        for k, v in tmeta.items():
            meta.setdefault(k, v) if k != "title" else meta.__setitem__(k, v)
        if keys:
            main = _align(lines, keys)
            if not any(main):  # none of its lines is on the page: no decision, not an empty article
                main = None
    if main is None:
        main = [line.hint is None and not _linky(line) for line in lines]
        if use_trafilatura:
            flags.append("builtin_fallback")
    _rescue(lines, main, meta)
    main_idx = [i for i, m in enumerate(main) if m]
    decisions = classify_lines([lines[i].text for i in main_idx], repeated)
    decision_of: dict[int, LineDecision] = dict(zip(main_idx, decisions))

    removed: list[Removal] = []
    out: list[str] = []
    mapping: list[tuple[int, int, int]] = []
    position = 0
    visible_total = 0
    first = True
    for i, line in enumerate(lines):
        if not line.text.strip(_BLANK_CHARS):
            continue
        visible_total += len(line.text)
        decision = decision_of.get(i)
        if decision is None:  # not main content: the line rule's reason if any, else the container's
            local, _cls = classify_line(line.text, repeated)
            if local.reason not in (None, "blank"):
                reason = local.reason
            elif is_date_line(line.text.strip()):
                reason = "date"
            else:
                reason = line.hint or "not_main_content"
            removed.append(_removal(source, line, 0, len(line.text), reason,
                                    reason in KEPT_REASONS))
            continue
        if decision.reason == "blank":
            continue
        if decision.reason is not None:
            removed.append(_removal(source, line, 0, len(line.text), decision.reason, decision.kept))
            continue
        if not first:
            sep = "\n\n" if line.paragraph else "\n"
            out.append(sep)
            position += len(sep)
        first = False
        cursor = 0
        segments: list[tuple[int, int]] = []
        for a, b in decision.cuts:
            removed.append(_removal(source, line, a, b, "markup_residue", False))
            segments.append((cursor, a))
            cursor = b
        segments.append((cursor, len(line.text)))
        for a, b in segments:
            for text_start, raw_start, length in _runs(line, a, b):
                mapping.append((position + text_start - a, raw_start, length))
            position += b - a
            out.append(line.text[a:b])
    body = "".join(out)
    if not visible_total and _shows_text(source):
        flags.append("unread_text")  # the page shows text the reader found no line of: never silently empty
    result = _finish(source, body, mapping, removed, meta, "html", visible_total, tuple(flags),
                     shown="\n".join(line.text for line in lines),
                     whole=None if body.strip() else _every_visible_line(lines))
    return result


def _every_visible_line(lines: list[Line]) -> tuple[str, list[tuple[int, int, int]]]:
    """The page's visible lines as a body (laid out as the article's are), with their offset map:
    what is kept when every line looked like furniture, as the text path keeps the whole input."""
    out: list[str] = []
    mapping: list[tuple[int, int, int]] = []
    position = 0
    for line in lines:
        if not line.text.strip(_BLANK_CHARS):
            continue
        if out:
            sep = "\n\n" if line.paragraph else "\n"
            out.append(sep)
            position += len(sep)
        mapping.extend((position + start, raw_start, length)
                       for start, raw_start, length in _runs(line, 0, len(line.text)))
        out.append(line.text)
        position += len(line.text)
    return "".join(out), mapping


def _shows_text(source: str) -> bool:
    """Whether a page shows any text, by a rough reading independent of the parser (tags stripped)."""
    text = _ANY_TAG_RE.sub(" ", _HIDDEN_RE.sub(" ", source))
    return bool(_MATCH_DROP_RE.sub("", html_lib.unescape(text)))


def _linky(line: Line) -> bool:
    """A short line that is mostly link text and not a sentence (menus, lists of headlines)."""
    return line.link_chars > 0.6 * len(line.text) and not is_strong(line.text.strip())


def _rescue(lines: list[Line], main: list[bool], meta: dict[str, Any]) -> None:
    """Keep what the extractor dropped but is surely article: the title, and sentences inside the span."""
    title = _match_key(str(meta.get("title") or ""))
    idx = [i for i, m in enumerate(main) if m]
    if not idx:
        return
    first, last = idx[0], idx[-1]
    for i, line in enumerate(lines):
        if main[i]:
            continue
        if line.tag == "h1" and line.hint in (None, "byline") and i < first and title and (
                _match_key(line.text) == title or _match_key(line.text) in title):
            main[i] = True
    for i, line in enumerate(lines):  # the title as the page writes it (trafilatura drops U+200B)
        if main[i] and line.tag == "h1" and title and _match_key(line.text) == title:
            meta["title"] = line.text
            break
    for i, line in enumerate(lines):
        if main[i] or not first < i < last or line.hint is not None or _linky(line):
            continue
        # inside the article: a sentence, or a short line between two kept lines (a subheading, "ល។")
        if is_strong(line.text.strip()) or (main[i - 1] and main[i + 1]):
            main[i] = True


def _runs(line: Line, a: int, b: int) -> list[tuple[int, int, int]]:
    """``(text_start, raw_start, length)`` pieces of ``line.text[a:b]`` for the offset map."""
    out: list[tuple[int, int, int]] = []
    for t0, n, r0, r1 in line.runs:
        lo, hi = max(a, t0), min(b, t0 + n)
        if lo >= hi:
            continue
        if r1 - r0 == n:
            out.append((lo, r0 + (lo - t0), hi - lo))
        else:
            out.extend((k, r0, 1) for k in range(lo, hi))
    return out


def _removal(source: str, line: Line, a: int, b: int, reason: str, kept: bool) -> Removal:
    start, end = line.raw_span(a, b)
    return Removal(start, end, source[start:end], reason, kept)
