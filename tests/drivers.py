"""The test drivers (``labdriver``, ``hubdriver``, ``litedriver``, bench's ``timings``...), each loaded by its path once.

By path, not by putting their folders on sys.path: a folder's conftest.py would then shadow tests/conftest.py for the
tests' ``from conftest import ...``. The benchmarks load the same drivers (``bench.driver``).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def load(name: str, path: Path) -> ModuleType:
    """The module in ``path``, kept in sys.modules under ``name`` (before it runs: dataclasses look their module up)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
