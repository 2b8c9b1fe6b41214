"""Verb ``sastra serve DIR``: the HTTP API and web page over an index (127.0.0.1 unless told)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

#: the TCP ports ``--port`` may name (0, "any free port", is not one: the URL printed would say :0)
PORTS = range(1, 65536)


def port_argument(value: str) -> int:
    """``--port``: uvicorn would fail on a port outside 1-65535 only after the index was opened, with
    a traceback (or, for 0, listen somewhere the printed URL does not say); argparse says it first."""
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number; give a port from "
                                         f"{PORTS.start} to {PORTS.stop - 1}") from None
    if port not in PORTS:
        raise argparse.ArgumentTypeError(f"{port} is out of range; give a port from {PORTS.start} to {PORTS.stop - 1}")
    return port


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("serve", help="serve an index over HTTP with a search page",
                              description="Serve the index in DIR: a web page at / and a JSON API at "
                                          "/api/search?q=...&filter=FIELD:VALUE (docs at /docs).")
    p.add_argument("index_dir", metavar="DIR")
    p.add_argument("--port", type=port_argument, default=8000, help="TCP port, 1 to 65535 (default: 8000)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    p.set_defaults(handler=_serve)


def _serve(args: argparse.Namespace) -> int:
    from sastra.errors import MissingExtraError
    from sastra.server.app import create_app

    app = create_app(args.index_dir)
    try:
        import uvicorn
    except ImportError:
        raise MissingExtraError("uvicorn", "server", "sastra serve") from None
    print(f"sastra serve: http://{args.host}:{args.port}/ (Ctrl-C to stop)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
