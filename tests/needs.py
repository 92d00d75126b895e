"""What a test needs from the machine: without it the test skips, except under CI, where a missing piece fails."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def in_ci() -> bool:
    """Whether this run is CI's (``CI=true``): there every browser, hub and original text must be there."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def skip_or_fail(message: str, in_ci_too: str = "this is a failure here, not a skip") -> NoReturn:
    """Skip with ``message`` (one line naming what is missing); under CI fail with it, saying ``in_ci_too``."""
    if in_ci():
        pytest.fail(f"{message} (CI=true: {in_ci_too})", pytrace=False)
    pytest.skip(message)
