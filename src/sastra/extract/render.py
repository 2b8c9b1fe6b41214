"""A readable text view of mentions: each one marked inline as ``[kind:text]``."""

from __future__ import annotations

from typing import Iterable

from sastra.records import Mention


def mark_inline(text: str, mentions: Iterable[Mention]) -> str:
    """``text`` with every mention written as ``[kind:surface]``; a person's title goes inside
    the brackets when it stands right before the name (``[person:លោក នួន ផារ័ត្ន]``).

    Mentions must not overlap (``extract`` guarantees it); overlapping ones after the first are
    left unmarked rather than garbling the text.
    """
    out: list[str] = []
    pos = 0
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        start = mention.start
        if mention.title:
            before = text[max(pos, start - len(mention.title) - 2):start]
            at = before.rfind(mention.title)
            if at >= 0 and not before[at + len(mention.title):].strip(" \u200b"):
                start = start - len(before) + at
        if start < pos or mention.end > len(text):
            continue
        out.append(text[pos:start])
        out.append(f"[{mention.kind}:{text[start:mention.end]}]")
        pos = mention.end
    out.append(text[pos:])
    return "".join(out)
