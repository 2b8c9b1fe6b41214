"""Extraction: dates (Gregorian and lunar), money, numbers, persons, organizations and places.

``extract(text)`` runs every finder and returns flat, non-overlapping mentions in text order, with
offsets into ``text`` as given. Span and value conventions:
``../shared/data/extraction/annotation-guidelines.md``. See docs/extract.md.
"""

from __future__ import annotations

import dataclasses
import datetime
import importlib
import warnings
from typing import Callable, Iterable

from sastra._callable import make_callable
from sastra.extract._common import flat_spans
from sastra.errors import ConfigError, require_str
from sastra.records import Document, Mention

__all__ = ["KINDS", "extract", "extract_document", "find_entities", "mark_inline", "resolve_overlaps"]

#: every mention kind, in the order they are listed in docs and CLI help
KINDS = ("date", "money", "number", "person", "org", "loc")
_ENTITY_KINDS = frozenset({"person", "org", "loc"})
_DMN_KINDS = frozenset({"date", "money", "number"})

#: which kind wins when two overlapping mentions have the same length (lower wins)
_PRIORITY = {"date": 0, "money": 1, "org": 2, "loc": 3, "person": 4, "number": 5}


def find_entities(text: str, *, kinds: Iterable[str] | None = None, learned: bool = True) -> list[Mention]:
    """Persons, organizations and places (see :mod:`sastra.extract.entities`); ``learned=False``:
    the hand rules alone, without the names the labelled articles taught."""
    from sastra.extract.entities import find_entities as _find

    return _find(text, kinds=kinds, learned=learned)


def mark_inline(text: str, mentions: Iterable[Mention]) -> str:
    """``text`` with each mention marked inline as ``[kind:text]`` (see :mod:`sastra.extract.render`)."""
    from sastra.extract.render import mark_inline as _mark

    return _mark(text, mentions)


def _check_kinds(kinds: Iterable[str] | str | None) -> frozenset[str]:
    if kinds is None:
        return frozenset(KINDS)
    if isinstance(kinds, str):
        kinds = [k for k in kinds.replace(",", " ").split() if k]
    wanted = frozenset(kinds)
    unknown = sorted(wanted - set(KINDS))
    if unknown:
        raise ConfigError(f"unknown mention kind(s) {', '.join(unknown)}; choose from {', '.join(KINDS)}")
    return wanted


_WARNED: set[str] = set()


def _optional(module: str, name: str) -> Callable | None:
    """A finder written by another part of the team, or None while its module is absent."""
    try:
        return getattr(importlib.import_module(f"sastra.extract.{module}"), name)
    except (ImportError, AttributeError):
        if module not in _WARNED:
            _WARNED.add(module)
            warnings.warn(f"sastra.extract.{module}.{name} is not available; its mentions are skipped",
                          RuntimeWarning, stacklevel=3)
        return None


def _safe(finder: Callable, text: str, *args, **options) -> list[Mention]:
    """Run one finder; a bug in one finder costs its mentions, never the whole extraction."""
    try:
        return list(finder(text, *args, **options))
    except Exception as exc:  # noqa: BLE001 - bad input must never crash extraction
        key = f"{getattr(finder, '__module__', '?')}.{getattr(finder, '__name__', '?')}"
        if key not in _WARNED:
            _WARNED.add(key)
            warnings.warn(f"{key} failed ({type(exc).__name__}: {exc}); its mentions are skipped",
                          RuntimeWarning, stacklevel=3)
        return []


def _dates_numbers_money(text: str, wanted: frozenset[str],
                         reference_date: datetime.date | None) -> list[Mention]:
    found: list[Mention] = []
    combined = _optional("numbers", "find_dates_numbers_money")
    if combined is not None:
        found = _safe(combined, text, reference_date)
    else:
        finders = (("dates", "find_dates", "date", (reference_date,)), ("money", "find_money", "money", ()),
                   ("numbers", "find_numbers", "number", ()))
        for module, name, kind, args in finders:
            if kind in wanted:
                finder = _optional(module, name)
                if finder is not None:
                    found.extend(_safe(finder, text, *args))
    if "date" in wanted:
        lunar = _optional("lunar", "find_lunar_dates")
        if lunar is not None:
            found.extend(_safe(lunar, text))
    return found


def resolve_overlaps(mentions: Iterable[Mention]) -> list[Mention]:
    """Flat, non-overlapping mentions in text order: the outer (longer) mention wins, then
    date > money > org > loc > person > number, then the earlier one."""
    return flat_spans(mentions, lambda m: _PRIORITY.get(m.kind, 9))


def extract(text: str, *, kinds: Iterable[str] | str | None = None,
            reference_date: datetime.date | None = None, learned: bool = True) -> list[Mention]:
    """Every mention in ``text`` (dates, money, numbers, persons, organizations, places).

    ``kinds`` limits the kinds returned (an iterable, or a comma-separated string);
    ``reference_date`` is passed to the date finder (it never guesses a missing year from it
    unless the date finder documents so); ``learned=False`` finds persons, organizations and places
    by the hand rules alone, without the names the labelled articles taught. Offsets are into
    ``text`` as given.
    """
    require_str(text)
    wanted = _check_kinds(kinds)
    if not text.strip():
        return []
    mentions: list[Mention] = []
    if wanted & _DMN_KINDS:
        mentions.extend(_dates_numbers_money(text, wanted, reference_date))
    if wanted & _ENTITY_KINDS:
        from sastra.extract.entities import find_entities as _find

        mentions.extend(_safe(_find, text, learned=learned))
    resolved = resolve_overlaps(m for m in mentions if m.kind in KINDS)
    return [m for m in resolved if m.kind in wanted]


def extract_document(doc: Document, *, kinds: Iterable[str] | str | None = None,
                     reference_date: datetime.date | None = None, learned: bool = True) -> Document:
    """The pipeline stage: a new Document whose ``mentions`` are those of ``doc.text`` (``learned``:
    as in :func:`extract`).

    Captions and credits that cleaning tagged and kept beside the article (``Removal.kept``) hold
    facts too (a photo credit may hold an article's only mention of a person): their mentions go to
    ``meta["kept_mentions"]``, with offsets into ``doc.raw`` (where those spans stand).
    """
    if not isinstance(doc, Document):
        require_str(doc, "doc")  # a str gets a clear message below
        raise ConfigError("extract_document takes a Document; use extract() for a str")
    mentions = extract(doc.text, kinds=kinds, reference_date=reference_date, learned=learned)
    kept = [
        dataclasses.replace(m, start=m.start + removal.start, end=m.end + removal.start)
        for removal in doc.removed if removal.kept
        for m in extract(removal.text, kinds=kinds, reference_date=reference_date, learned=learned)
    ]
    if not kept:
        return doc.replace(mentions=tuple(mentions))
    return doc.replace(mentions=tuple(mentions), meta={**doc.meta, "kept_mentions": kept})


make_callable(__name__)  # sastra.extract(text) works whatever was imported first
