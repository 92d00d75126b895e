"""Reading binder/environment.yml the way the tests need it (for ``test_environment.py`` and ``test_binder.py``)."""

from __future__ import annotations

import re
from pathlib import Path


def conda_deps(path: Path) -> dict[str, str]:
    """The packages of a conda environment file (binder/environment.yml) and their version specs, python and pip aside."""
    deps, in_deps = {}, False
    for line in path.read_text(encoding="utf-8").splitlines():
        bare = line.split("#")[0].rstrip()
        if bare.startswith("dependencies:"):
            in_deps = True
            continue
        if in_deps and re.match(r"^\s{2}- ", bare):
            spec = bare.strip()[2:].strip()
            name = re.split(r"[<>=!]", spec)[0].strip()
            if name and name not in ("python", "pip") and not spec.startswith("pip:"):
                deps[name] = spec[len(name) :].strip()
    return deps
