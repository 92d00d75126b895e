"""Lateral reading and the outside records (lessons 01, 02 and 05): what the notebooks call.

The records are loaded and searched by :mod:`summitkit.outside`; the views and the search box are in
:mod:`summitkit.views.lateral`.
"""

from __future__ import annotations

from summitkit.outside import load, search
from summitkit.views.lateral import (
    OUTSIDE_LABEL,
    context_html,
    epilogue_html,
    record_html,
    records_html,
    results_html,
    search_box,
    summit_records_html,
)

__all__ = [
    "OUTSIDE_LABEL",
    "context_html",
    "epilogue_html",
    "load",
    "record_html",
    "records_html",
    "results_html",
    "search",
    "search_box",
    "summit_records_html",
]
