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


def test_an_output_folder_that_is_a_file_is_said_so(tmp_path, capsys):
    """mkdir's own words for it were "File exists", as if the folder were there already."""
    from sastra.cli import main

    (tmp_path / "in.txt").write_text("ខ្មែរ\n", encoding="utf-8")
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    for argv in (["normalize", str(tmp_path / "in.txt"), "-o", str(tmp_path / "taken" / "out.txt")],
                 ["run", str(tmp_path / "in.txt"), "--out", str(tmp_path / "taken"), "-q"]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert "a file stands where a folder is needed" in err and str(tmp_path / "taken") in err


def test_an_empty_output_folder_name_is_a_usage_error(tmp_path, capsys, monkeypatch):
    """``--out "$OUT"`` with OUT unset: the run's files and index went into the current folder."""
    from sastra.cli import main

    (tmp_path / "in.txt").write_text("ខ្មែរ\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for argv in (["run", "in.txt", "--out", "", "-q"], ["index", "in.txt", "--out", " "]):
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 2 and "an empty name" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["in.txt"]
