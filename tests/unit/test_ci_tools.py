"""What .ci/run installs for the browser tests is what they look for: axe-core, its version and its folder."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ci_installs_the_axe_core_the_browser_tests_read():
    driver = (ROOT / "tests" / "browser" / "labdriver.py").read_text(encoding="utf-8")
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    version = re.search(r'^AXE_VERSION = "([\d.]+)"$', driver, re.M).group(1)
    assert re.search(rf"^AXE_VERSION={re.escape(version)}$", script, re.M)
    assert 'Path(os.environ.get("SUMMIT_TOOLS_CACHE") or Path.home() / ".cache" / "summitkit")' in driver
    assert 'AXE_CACHE="${SUMMIT_TOOLS_CACHE:-$HOME/.cache/summitkit}"' in script
    assert 'AXE_CACHE / "node_modules" / "axe-core" / "axe.min.js"' in driver and '--prefix "$AXE_CACHE"' in script
    assert not (ROOT / "node_modules").exists()  # installed into the cache, never into the repository
