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


@pytest.mark.parametrize("package", ["sastra.segment", "sastra.index", "sastra.clean"])
def test_stage_packages_export_their_names_lazily(package):
    """Each name of a stage package's ``__all__`` is reachable by attribute and by ``from ... import``,
    is listed by ``dir()``, and an unknown name is an AttributeError."""
    module = importlib.import_module(package)
    for name in module.__all__:
        assert getattr(module, name) is not None
        assert name in dir(module)
    with pytest.raises(AttributeError, match="no attribute"):
        module.does_not_exist  # noqa: B018


def test_lazy_exports_are_the_core_objects_and_work_on_khmer_text():
    from sastra.clean import clean as clean_function
    from sastra.segment import ENGINES, segment_words
    from sastra.segment.core import ENGINES as core_engines

    assert ENGINES is core_engines
    assert [t.text for t in segment_words("ខ្ញុំស្រលាញ់កម្ពុជា")] == ["ខ្ញុំ", "ស្រលាញ់", "កម្ពុជា"]
    page = "ចែករំលែក\nភ្នំពេញ៖ លោករដ្ឋមន្ត្រីបានអញ្ជើញចូលរួមពិធីសម្ពោធស្ពានថ្មីមួយនៅខេត្តកំពង់ចាម។\n"
    assert sastra.clean(page).text == clean_function(page).text == page.split("\n")[1]


def test_building_the_command_line_loads_no_stage(tmp_path):
    """Every command builds the whole parser; it must not import numpy, the segmenter, the search
    modules or the cleaner (that cost every command about 0.2 s before any work)."""
    import subprocess
    import sys

    code = ("import sys; from sastra.cli import build_parser; build_parser(); "
            "heavy = [m for m in ('numpy', 'sastra.segment.core', 'sastra.index.searching', 'sastra.index.store', "
            "'sastra.clean.core', 'sastra.extract.entities') if m in sys.modules]; print(heavy)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert done.stdout.strip() == "[]"


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
