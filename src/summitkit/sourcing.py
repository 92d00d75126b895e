"""Lesson 01, the sources: what the notebooks call (analysis in :mod:`summitkit.analysis.sourcing`, views in :mod:`summitkit.views.sourcing`)."""

from __future__ import annotations

from summitkit.analysis.sourcing import facts, structure
from summitkit.views.sourcing import compare_html, structure_html

__all__ = ["compare_html", "facts", "structure", "structure_html"]
