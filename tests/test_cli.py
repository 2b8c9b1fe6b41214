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


def test_the_command_lines_own_process_asks_for_one_openblas_thread_unless_told(monkeypatch):
    import os

    from sastra import cli

    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    cli._own_process()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")
    cli._own_process()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "4"


def test_the_command_line_in_a_subprocess_runs_with_one_openblas_thread(tmp_path):
    # (the setting must come before numpy is imported: checked in a process of its own)
    import os
    import subprocess
    import sys

    code = ("import sys, os; sys.argv = ['sastra', '--version']\n"
            "from sastra.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(os.environ.get('OPENBLAS_NUM_THREADS'))")
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.strip().splitlines()[-1] == "1"
