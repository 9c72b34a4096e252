"""Heavy modules imported on first use, for modules whose every function needs them.

``geomap extract -o events.geojson`` must start in well under a second, and importing
geopandas (with pandas, numpy, shapely and pyproj) takes longer than all the rest of the
command. Modules such as :mod:`geomap.export` use pandas in nearly every function, so
instead of an ``import`` in each one they bind a :class:`LazyModule` under the usual name::

    pd = lazy_module("pandas", globals(), "pd")

The first attribute read (``pd.DataFrame``) imports pandas and puts the real module in the
proxy's place in that namespace, so later uses cost what a plain global costs.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class LazyModule:
    """Stands for module ``name`` in ``namespace[alias]`` until an attribute is read."""

    __slots__ = ("_alias", "_name", "_namespace")

    def __init__(self, name: str, namespace: dict[str, Any], alias: str):
        self._name = name
        self._namespace = namespace
        self._alias = alias

    def load(self) -> ModuleType:
        module = importlib.import_module(self._name)
        if self._namespace.get(self._alias) is self:
            self._namespace[self._alias] = module
        return module

    def __getattr__(self, attr: str) -> Any:
        return getattr(self.load(), attr)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"


def lazy_module(name: str, namespace: dict[str, Any], alias: str) -> Any:
    """A stand-in for ``import name as alias`` in ``namespace`` (a module's ``globals()``).

    >>> ns = {}
    >>> ns["js"] = lazy_module("json", ns, "js")
    >>> ns["js"].dumps([1]), type(ns["js"]).__name__
    ('[1]', 'module')
    """
    return LazyModule(name, namespace, alias)
