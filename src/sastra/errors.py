"""sastra's few error types. Each message says what is wrong and, where it can, what to do."""

from __future__ import annotations


class SastraError(Exception):
    """Base of every error sastra raises on purpose."""


class ConfigError(SastraError, ValueError):
    """A bad option, engine name or setting."""


class InputError(SastraError, ValueError):
    """Input that cannot be processed: wrong type, undecodable bytes, lone surrogates, ..."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None,
                 offset: int | None = None) -> None:
        where = ""
        if source is not None:
            where = source
            if line is not None:
                where += f":{line}"
            if offset is not None:
                where += f" (byte {offset})" if line is None else f" (offset {offset})"
            where += ": "
        super().__init__(where + message)
        self.source = source
        self.line = line
        self.offset = offset
        self.reason = message


class MissingExtraError(SastraError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""

    def __init__(self, package: str, extra: str, purpose: str = "") -> None:
        what = f" for {purpose}" if purpose else ""
        super().__init__(f"{package} is needed{what}: pip install 'sastra[{extra}]'")
        self.package = package
        self.extra = extra


def require_str(text: object, what: str = "text") -> str:
    """Check that ``text`` is a str, raising an InputError that names the type otherwise."""
    if not isinstance(text, str):
        raise InputError(f"{what} must be str, not {type(text).__name__}")
    return text
