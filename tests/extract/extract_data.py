"""Where the extraction tests find the shared data (read in place from ../shared/data beside the
repository root), and a skip for a file that is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
EXTRACTION = DATA / "extraction"
TEXTNORM = EXTRACTION / "google-textnorm" / "classifier" / "testdata"


def need(path: Path) -> Path:
    """``path``, or a clean skip of the test when the shared data is not there."""
    if not path.exists():
        pytest.skip(f"shared data not found: {path}")
    return path
