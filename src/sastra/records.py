"""The records that flow between stages.

All records are frozen: a stage returns a new record (``dataclasses.replace``) and never mutates one.
Every span carries ``start``/``end`` offsets into the text it was made from, so that
``text[start:end] == span.text`` always holds.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True, slots=True)
class Edit:
    """One change made by normalization, in input offsets."""

    start: int
    end: int
    before: str
    after: str
    fixer: str


@dataclass(frozen=True, slots=True)
class Token:
    """A word-level token; ``kind`` is one of word, number, latin, acronym, url, email, punct, symbol."""

    text: str
    start: int
    end: int
    kind: str = "word"


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """An extracted fact: a span of text, its kind, its parsed value and the rule that found it.

    ``kind`` is one of date, money, number, person, org, loc. ``value`` is a parsed Python value
    (``datetime.date``, ``Decimal``, a small dataclass, ...), ``title`` is the title of a person,
    ``attrs`` holds kind-specific details (currency, precision, qualifier, acronym, ...).
    """

    kind: str
    start: int
    end: int
    text: str
    value: Any = None
    rule: str = ""
    title: str | None = None
    attrs: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Removal:
    """A line or block that cleaning removed from (or tagged in) the article, with why."""

    start: int
    end: int
    text: str
    reason: str
    kept: bool = False  # tagged but kept available (captions, credits), not part of the body


@dataclass(frozen=True, slots=True)
class Document:
    """One article as it moves through the pipeline.

    ``raw`` is the text as read; ``text`` the current article text (cleaned, then normalized);
    tokens, sentences and mentions hold offsets into ``text``.
    """

    id: str
    text: str
    raw: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    removed: tuple[Removal, ...] = ()
    edits: tuple[Edit, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    tokens: tuple[Token, ...] = ()
    mentions: tuple[Mention, ...] = ()
    flags: tuple[str, ...] = ()

    def replace(self, **changes: Any) -> "Document":
        return dataclasses.replace(self, **changes)


def to_jsonable(value: Any) -> Any:
    """Turn records (and the dates, decimals and dataclasses inside them) into JSON-ready values."""
    import datetime
    from decimal import Decimal

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    return value
