"""Lazy exports for the stage packages.

Every ``sastra`` command line imports every verb's ``cli`` module to build its parser, and importing
``sastra.segment.cli`` first runs ``sastra/segment/__init__.py``. When that ``__init__`` imported its
core, each command paid for every stage's imports (numpy, the segmenter, the search modules): about
0.2 s before any work. The packages now name their exports and import them on first use (PEP 562).
"""

from __future__ import annotations

import importlib
import sys
from typing import Any, Callable


def lazy_exports(package: str, exports: dict[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``(__getattr__, __dir__)`` for ``package``: each name of ``exports`` is taken from its module
    (``exports[name]``) when it is first asked for, then kept as an attribute of the package."""

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(exports))

    return __getattr__, __dir__
