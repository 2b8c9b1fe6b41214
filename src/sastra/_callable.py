"""Stage packages that can be called like their main function.

``sastra.normalize`` is both a package (``from sastra.normalize import normalize_and_explain``) and,
as the issues promise, a function (``sastra.normalize(text)``). Python binds a sub-package to its
parent's attribute on import, so the package itself is made callable: calling it calls the function
of the same name inside it.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return getattr(self, self.__name__.rpartition(".")[2])(*args, **kwargs)


def make_callable(module_name: str) -> None:
    """Make the package ``module_name`` callable as its same-named function."""
    sys.modules[module_name].__class__ = CallableModule
