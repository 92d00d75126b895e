"""Lesson 04's text measures: what the notebooks call (measures in :mod:`summitkit.analysis.textstats`, tables in :mod:`summitkit.views.textstats`)."""

from __future__ import annotations

from summitkit.analysis.textstats import (
    HEDGES,
    STOP_WORDS,
    Distinctive,
    Measures,
    distinctive_words,
    log_ratio,
    measure,
    measures,
    quotations,
    quotations_by_paragraph,
    sentences,
    source_texts,
    term_rates,
    unquoted,
    without_month,
    words,
)
from summitkit.views.textstats import distinctive_html, measures_html, quotations_html, term_rates_html

__all__ = [
    "HEDGES",
    "STOP_WORDS",
    "Distinctive",
    "Measures",
    "distinctive_html",
    "distinctive_words",
    "log_ratio",
    "measure",
    "measures",
    "measures_html",
    "quotations",
    "quotations_by_paragraph",
    "quotations_html",
    "sentences",
    "source_texts",
    "term_rates",
    "term_rates_html",
    "unquoted",
    "without_month",
    "words",
]
