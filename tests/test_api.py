"""The short public API promised by the issues: names exist and work on real Khmer text."""

from __future__ import annotations

import importlib

import pytest

import sastra


def test_normalize_is_callable_before_and_after_package_import():
    assert sastra.normalize("ខែ្មរ") == "ខ្មែរ"
    importlib.import_module("sastra.normalize")
    assert sastra.normalize("ខែ្មរ") == "ខ្មែរ"
    from sastra import normalize
    assert normalize("ខែ្មរ") == "ខ្មែរ"


def test_search_key_and_validate_exported():
    assert sastra.search_key("ឯកឧត្តម") == sastra.search_key("ឯកឧត្ដម")
    assert sastra.validate("កិា")


def test_unknown_name():
    with pytest.raises(AttributeError):
        sastra.does_not_exist  # noqa: B018


def test_cli_help_lists_verbs(capsys):
    from sastra.cli import main
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "normalize" in capsys.readouterr().out
