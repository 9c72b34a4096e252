"""geomap's version: the one place it is written (pyproject.toml reads it from here).

A plain constant, because start-up reads it (the embedded index's file name carries it)
and ``importlib.metadata`` would cost 70 ms of every run to look it up.
"""

__version__ = "0.1.0"
