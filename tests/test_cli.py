"""The ``sastra`` command's shared option checks, across verbs, in-process."""

from __future__ import annotations

import json

import pytest

from sastra.cli import main

#: what an undecodable byte of the command line (0xff) becomes in ``sys.argv`` (surrogateescape)
UNDECODABLE = "x\udcff"


@pytest.mark.parametrize("verb, option", [
    ("run", "--text-field"), ("run", "--id-field"), ("export-opensearch", "--index-name"),
    ("export-opensearch", "--text-field"), ("segment", "--text-field"), ("clean", "--id-field"),
    ("extract", "--text-field"), ("normalize", "--text-field"), ("index", "--id-field"),
])
def test_a_name_that_is_not_text_is_a_usage_error(tmp_path, capsys, verb, option):
    """``run --text-field`` and ``export-opensearch --index-name`` ended in a traceback when they wrote
    the name out; the other verbs looked for a field no JSON record can have."""
    records = tmp_path / "in.jsonl"
    records.write_text(json.dumps({"id": "a", "text": "ខ្មែរ"}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    argv = [verb, str(records), option, UNDECODABLE]
    argv += ["--out", str(out)] if verb in ("run", "export-opensearch", "index") else ["-o", str(out)]
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and f"argument {option}: " in err and "not text" in err
    assert "Traceback" not in err and not out.exists()


def test_a_search_filter_that_is_not_text_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["search", str(tmp_path), "ខ្មែរ", "--filter", f"person:{UNDECODABLE}"])
    assert exit_.value.code == 2 and "argument --filter/-f: " in capsys.readouterr().err


def test_python_dash_m_sastra_runs_the_same_command_line():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "sastra", "extract"], input="ថ្ងៃទី១៧ ខែកក្កដា ឆ្នាំ២០២៤",
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    mention, = json.loads(done.stdout)["mentions"]
    assert mention["value"]["iso"] == "2024-07-17"
    usage = subprocess.run([sys.executable, "-m", "sastra"], capture_output=True, text=True, timeout=120)
    assert usage.returncode == 2 and usage.stderr.startswith("usage: sastra ")
