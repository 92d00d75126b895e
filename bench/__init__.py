"""Benchmarks for the series: notebooks against a bare kernel, import time, install cost, text scaling."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

TESTS = Path(__file__).resolve().parents[1] / "tests"


def driver(name: str, relpath: str) -> ModuleType:
    """A test driver (``tests/<relpath>``), loaded as the tests load it (``tests/drivers.py``): the benchmarks drive the
    same hub and browser the tests do."""
    if str(TESTS) not in sys.path:
        sys.path.insert(0, str(TESTS))
    from drivers import load  # tests/ is not a package: its modules are found on the path the tests use

    return load(name, TESTS / relpath)
