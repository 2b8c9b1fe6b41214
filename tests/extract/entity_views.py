"""Views of ``find_entities`` output that the entity-rule tests compare with: the texts of one kind,
and persons with their titles, zero-width spaces removed (publishers scatter them between words).

The hand rules alone (``learned=False``): a name the labelled articles taught would otherwise be
found in a test text without the cue the test is about (test_entities_learned.py covers them)."""

from __future__ import annotations

from sastra.extract.entities import find_entities


def spans(text: str, kind: str) -> list[str]:
    return [m.text.replace("\u200b", "") for m in find_entities(text, learned=False) if m.kind == kind]


def persons(text: str) -> list[tuple[str, str | None]]:
    return [(m.text.replace("\u200b", ""), m.title and m.title.replace("\u200b", ""))
            for m in find_entities(text, learned=False) if m.kind == "person"]
