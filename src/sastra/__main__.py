"""``python -m sastra``: the same command line as ``sastra``."""

from sastra.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
