"""``python3 -m summitkit export --name "..."`` and the other commands of :mod:`summitkit.cli`, where the package is importable
(beside the notebooks, or installed)."""

from __future__ import annotations

import sys

from summitkit.cli import main

if __name__ == "__main__":
    sys.exit(main())
