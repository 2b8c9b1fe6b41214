"""HTTP API and a small web page over the same library calls as the CLI (``sastra serve DIR``)."""

from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str):
    if name == "create_app":
        from sastra.server.app import create_app

        return create_app
    raise AttributeError(f"module 'sastra.server' has no attribute {name!r}")
