"""The HTML path: main content, metadata, U+200B and paragraph breaks kept, offsets, broken markup."""

from __future__ import annotations

import pytest

from sastra.clean import clean, looks_like_html

BODY1 = ("ភ្នំពេញ៖ នៅ\u200bព្រឹក\u200bថ្ងៃ\u200bនេះ លោក សុខ ជា បាន\u200bធ្វើ\u200bទស្សនកិច្ច\u200bនៅ\u200bខេត្ត\u200bកំពង់ចាម "
         "ដើម្បី\u200bពិនិត្យ\u200bមើល\u200bការ\u200bងារ\u200bសាងសង់\u200bផ្លូវ\u200bថ្មី និង ស្ពាន\u200bចំនួន\u200bពីរ។")
BODY2 = ("លោក\u200bបាន\u200bបញ្ជាក់\u200bថា\u200bការ\u200bងារ\u200bនេះ\u200bនឹង\u200bបញ្ចប់\u200bនៅ\u200bចុង\u200bឆ្នាំ ហើយ"
         "\u200bប្រជាពលរដ្ឋ\u200bនឹង\u200bទទួល\u200bបាន\u200bផល\u200bប្រយោជន៍\u200bយ៉ាង\u200bច្រើន។")
PAGE = f"""<!DOCTYPE html>
<html><head><title>ចំណង\u200bជើង - Fresh News</title>
<meta property="og:title" content="ចំណង\u200bជើង"><meta property="og:site_name" content="Fresh News">
<meta property="article:published_time" content="2019-07-12T10:00:00+07:00"><meta name="author" content="សុខ ជា">
<script>var x = "<p>not text</p>";</script><style>p {{color: red}}</style></head>
<body><header class="site-header"><div class="logo">Fresh News</div>
<nav class="main-menu"><ul><li><a href="/">ទំព័រដើម</a></li><li><a href="/n">ព័ត៌មានជាតិ</a></li></ul></nav></header>
<article><header class="entry-header"><h1 class="entry-title">ចំណង\u200bជើង</h1>
<div class="entry-meta">ថ្ងៃសុក្រ ទី១២ ខែកក្កដា ឆ្នាំ២០១៩</div></header>
<div class="sharedaddy"><a>ចែករំលែក</a> <a>Facebook</a></div>
<div class="entry-content"><p>{BODY1}</p>
<figure><img src="a.jpg"><figcaption class="wp-caption-text">រូបថត៖ AKP</figcaption></figure>
<p>{BODY2}<br>ខ្សែ\u200bទី\u200bពីរ &amp; បន្ត។</p></div>
<div class="jp-relatedposts"><h3>អត្ថបទទាក់ទង</h3><ul><li><a>ភ្លៀងធ្លាក់ខ្លាំងនៅភ្នំពេញ</a></li></ul></div>
</article><footer class="site-footer"><p>© ២០១៩ រក្សាសិទ្ធិគ្រប់យ៉ាងដោយ Fresh News</p></footer></body></html>
"""


@pytest.mark.parametrize("engine", ["trafilatura", "builtin"])
def test_main_content_and_furniture(engine: str) -> None:
    if engine == "trafilatura":
        pytest.importorskip("trafilatura")
    result = clean(PAGE, html_engine=engine)
    assert result.kind == "html"
    assert result.text == f"ចំណង\u200bជើង\n\n{BODY1}\n\n{BODY2}\nខ្សែ\u200bទី\u200bពីរ & បន្ត។"
    reasons = {r.text.split("<")[0]: (r.reason, r.kept) for r in result.removed}
    assert reasons["ចែករំលែក"] == ("share", False)
    assert reasons["រូបថត៖ AKP"] == ("caption", True)
    assert reasons["អត្ថបទទាក់ទង"] == ("related_links", False)
    assert reasons["ទំព័រដើម"] == ("navigation", False)
    assert reasons["ថ្ងៃសុក្រ ទី១២ ខែកក្កដា ឆ្នាំ២០១៩"] == ("date", True)
    assert any(r.reason == "copyright" for r in result.removed)
    assert "not text" not in result.text and "color" not in result.text


def test_zero_width_spaces_survive_where_trafilatura_drops_them() -> None:
    trafilatura = pytest.importorskip("trafilatura")
    assert "\u200b" not in (trafilatura.extract(PAGE) or "")  # the reason for our own text layer
    result = clean(PAGE, html_engine="trafilatura")
    assert result.text.count("\u200b") == (BODY1 + BODY2).count("\u200b") + 1 + 2


def test_metadata_is_kept() -> None:
    meta = clean(PAGE).meta
    assert meta["title"] == "ចំណង\u200bជើង"
    assert meta["sitename"] == "Fresh News"
    assert str(meta["date"]).startswith("2019-07-12")
    assert meta["author"] == "សុខ ជា"


@pytest.mark.parametrize("engine", ["auto", "builtin"])
def test_offsets_index_the_original_page(engine: str) -> None:
    result = clean(PAGE, html_engine=engine)
    for r in result.removed:
        assert PAGE[r.start:r.end] == r.text
    for i, ch in enumerate(result.text):
        if ch not in " \n&":
            assert PAGE[result.to_original(i)] == ch


@pytest.mark.parametrize("page", [
    "<html><body><p>" + BODY1 + "<div><span>" + BODY2,  # never closed
    "<p>" + BODY1 + "</div></span></p></p><p>" + BODY2 + "<",  # stray end tags, cut in a tag
    "<<<>>><p <p>> " + BODY1 + " </p <!-- unterminated comment " + BODY2,
    "<html><body><p>" + BODY1 + "</p><script>unterminated " + BODY2,
    "<table><tr><td>" + BODY1 + "<td>" + BODY2 + "</table>",
    "\x00<p>" + BODY1 + "\ufffd</p>",
])
def test_broken_html_does_not_crash_or_lose_the_body(page: str) -> None:
    result = clean(page, kind="html")
    assert BODY1 in result.text
    for r in result.removed:
        assert page[r.start:r.end] == r.text


def test_html_is_sniffed() -> None:
    assert looks_like_html(PAGE)
    assert not looks_like_html(BODY1 + "\n" + BODY2)
    assert not looks_like_html("a <b> c")


def test_crlf_page_offsets() -> None:
    page = PAGE.replace("\n", "\r\n")
    result = clean(page)
    assert BODY1 in result.text
    for r in result.removed:
        assert page[r.start:r.end] == r.text
    for i, ch in enumerate(result.text):
        if ch not in " \n&\r":
            assert page[result.to_original(i)] == ch


def test_trafilatura_engine_without_it_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from sastra.errors import MissingExtraError

    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == "trafilatura":
            raise ImportError("no trafilatura")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(MissingExtraError, match=r"sastra\[html\]"):
        clean(PAGE, html_engine="trafilatura")
    assert BODY1 in clean(PAGE).text  # auto falls back to the built-in rules


def test_br_separated_paragraphs_and_short_lines_inside_the_article() -> None:
    page = (f"<html><body><nav><a>ទំព័រដើម</a></nav><div class='content'>{BODY1}<br><br>ទិសដៅអនាគត<br>"
            f"{BODY2}<br><br>ល។<br>{BODY1}</div><footer>© 2019</footer></body></html>")
    for engine in ("auto", "builtin"):
        result = clean(page, html_engine=engine)
        assert result.text == f"{BODY1}\n\nទិសដៅអនាគត\n{BODY2}\n\nល។\n{BODY1}"


UNCLOSED_HEAD_PAGES = [
    "<html><head><title>t</title><body><p>ក្រុងភ្នំពេញ</p></body></html>",
    "<head><meta charset=utf-8><body><p>ក្រុងភ្នំពេញ</p>",
    "<html><head><title>t</title><p>ក្រុងភ្នំពេញ</p></html>",  # no <body>: the <p> ends the head
    f"<html><head><title>t</title><meta name=author content=x><body><p>{BODY1}</p><p>{BODY2}</p>",
]


@pytest.mark.parametrize("engine", ["auto", "trafilatura", "builtin"])
@pytest.mark.parametrize("page", UNCLOSED_HEAD_PAGES)
def test_an_unclosed_head_ends_where_the_body_starts(page: str, engine: str) -> None:
    # HTML5: </head> is optional; <body>, a <p> or any other body content closes the head
    if engine == "trafilatura":
        pytest.importorskip("trafilatura")
    result = clean(page, html_engine=engine)
    expected = f"{BODY1}\n\n{BODY2}" if BODY1 in page else "ក្រុងភ្នំពេញ"
    assert result.text == expected
    assert "unread_text" not in result.flags
    for i, ch in enumerate(result.text):
        if ch != "\n":
            assert page[result.to_original(i)] == ch
    if "<title>t</title>" in page:
        assert result.meta["title"] == "t"


@pytest.mark.parametrize("engine", ["auto", "builtin"])
def test_a_closed_head_still_hides_its_content(engine: str) -> None:
    page = ("<html><head><title>t</title><meta charset=utf-8><style>p {color: red}</style>"
            "<script>var x = '<p>not text</p>';</script><noscript><img src=a.gif></noscript></head>"
            "<body><p>ក្រុងភ្នំពេញ</p></body></html>")
    result = clean(page, html_engine=engine)
    assert result.text == "ក្រុងភ្នំពេញ"
    assert result.meta["title"] == "t"
    assert [r.text for r in result.removed] == []


@pytest.mark.parametrize("extracted", [(None, {}), (["xyz"], {})])
def test_when_trafilatura_keeps_no_line_of_the_page_the_builtin_rules_decide(
        monkeypatch: pytest.MonkeyPatch, extracted: tuple[list[str] | None, dict[str, str]]) -> None:
    from sastra.clean import html

    monkeypatch.setattr(html, "_trafilatura_main", lambda source, url: extracted)
    for page in UNCLOSED_HEAD_PAGES[:3]:
        result = clean(page, html_engine="trafilatura")
        assert result.text == "ក្រុងភ្នំពេញ"
        assert "builtin_fallback" in result.flags


def test_a_page_whose_text_was_not_read_is_flagged(monkeypatch: pytest.MonkeyPatch) -> None:
    from sastra.clean import html

    monkeypatch.setattr(html, "parse_page", lambda source: ([], {}))  # a reader that loses everything
    result = clean(PAGE, html_engine="builtin")
    assert result.text == ""
    assert "unread_text" in result.flags
    for page in ("<html><head><title>t</title><script>x</script></head><body> &nbsp; </body></html>",
                 "<html><body><!-- ក្រុងភ្នំពេញ --><style>p {}</style></body></html>"):
        assert "unread_text" not in clean(page, html_engine="builtin").flags  # nothing to read


@pytest.mark.parametrize("engine", ["auto", "builtin"])
def test_a_page_of_furniture_only_is_kept_whole_and_flagged_as_text_is(engine: str) -> None:
    """Cleaning never silently drops a page's text: the text path kept a page of furniture whole,
    flagged nothing_kept, where HTML returned it empty, flagged only mostly_removed."""
    page = ('<html><body><nav class="main-menu"><a href="/">ទំព័រដើម</a> | <a href="/n">ព័ត៌មានជាតិ</a> | '
            '<a href="/s">កីឡា</a></nav><div class="sharedaddy"><a>ចែករំលែក</a></div>'
            '<footer class="site-footer"><p>រក្សាសិទ្ធិ &copy; ២០១៩ Fresh News</p></footer></body></html>')
    as_text = clean("ទំព័រដើម | ព័ត៌មានជាតិ | កីឡា\nចែករំលែក\nរក្សាសិទ្ធិ © ២០១៩ Fresh News\n", kind="text")
    result = clean(page, html_engine=engine)
    assert "nothing_kept" in result.flags and "nothing_kept" in as_text.flags
    assert result.text.split() == as_text.text.split()
    assert {r.reason for r in result.removed} >= {"navigation", "share"}  # (what was found is still said)
    for i, ch in enumerate(result.text):
        if ch not in " \n©":
            assert page[result.to_original(i)] == ch
    assert page[result.to_original(result.text.index("©"))] == "&"  # (an entity maps to its start)
