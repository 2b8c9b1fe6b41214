"""The ``sastra`` command: one verb per stage. Thin: every verb calls the library.

Each stage package may have a ``cli`` module with ``register(subparsers)``; it adds its verb here.
Heavy imports happen inside the verb's handler, so ``sastra --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import Sequence

from sastra import __version__
from sastra.errors import SastraError

#: the stage packages whose ``cli`` module adds verbs, in the order they appear in ``--help``
VERB_MODULES = (
    "sastra.normalize.cli",
    "sastra.clean.cli",
    "sastra.segment.cli",
    "sastra.extract.cli",
    "sastra.pipeline_cli",
    "sastra.index.cli",
    "sastra.server.cli",
)


#: ``--rules-only`` of ``sastra extract`` and ``sastra run``: one option, one help
RULES_ONLY_HELP = ("persons, organizations and places by the hand rules alone, without the names learned from "
                   "sastra's labelled articles (July 2019 news)")


def folder_argument(value: str) -> str:
    """An output folder named on the command line: an empty name (an unset shell variable in
    ``--out "$OUT"``) would mean the current folder, and the outputs would land there unasked."""
    if not value.strip():
        raise argparse.ArgumentTypeError("an empty name; give a folder (. for the current one)")
    return value


def positive_int_argument(value: str) -> int:
    """A count named on the command line (documents per shard, workers, characters): 0 or less would
    be refused by the library after the options were read; argparse says it as a usage error."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number; give one of at least 1") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{number} is too small; give a whole number of at least 1")
    return number


def text_argument(value: str) -> str:
    """A name or value given on the command line (a JSON field, an index name, a filter): undecodable
    bytes of the command line reach Python as lone surrogates, which no file can hold, and writing
    them out ended a verb in a traceback."""
    bad = next((ch for ch in value if "\ud800" <= ch <= "\udfff"), None)
    if bad is not None:
        raise argparse.ArgumentTypeError(f"{value!r} is not text (undecodable bytes or a lone surrogate "
                                         f"U+{ord(bad):04X}); give UTF-8 text")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sastra",
        description="Turn raw Khmer news into clean, segmented, structured and searchable data.",
    )
    parser.add_argument("--version", action="version", version=f"sastra {__version__}")
    sub = parser.add_subparsers(dest="verb", metavar="VERB")
    for name in VERB_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (testable in-process)."""
    if argv is None:
        _own_process()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.handler(args) or 0)
    except SastraError as exc:
        print(f"sastra {args.verb}: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except OSError as exc:  # the system refused (an output folder that cannot be made, a full disk)
        where = f" ({exc.filename})" if exc.filename else ""
        reason = exc.strerror or str(exc)
        if isinstance(exc, FileExistsError) and exc.filename and os.path.isfile(exc.filename):
            reason = "a file stands where a folder is needed"  # (mkdir's own words: "File exists")
        print(f"sastra {args.verb}: error: {reason}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"sastra {args.verb}: interrupted", file=sys.stderr)
        return 130
    finally:
        if argv is None:
            _before_exit()


def _own_process() -> None:
    """Settings for a process that runs the command line (``main()`` without arguments), made before
    numpy is first imported: one OpenBLAS thread, unless the environment names a number. sastra's
    matrix products are cut into blocks under OpenBLAS's threading size (same results, CPU time =
    wall time: docs/segment.md), so the pool's extra threads never get work, yet each one spins for
    about 0.1 s of CPU when numpy loads the library, in every process (``OPENBLAS_NUM_THREADS``
    given by the user wins)."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _before_exit() -> None:
    """Called when the process's own command line is done (the process ends next): freeze every
    live object, so that the full collections of interpreter shutdown do not walk them (the models,
    lexicons and caches of ``sastra run``: about 0.15 s of CPU per command). Only objects in
    reference cycles are affected, and the process is ending; ``main(argv)`` called with arguments
    (tests, programs) leaves the collector alone."""
    import gc

    gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
