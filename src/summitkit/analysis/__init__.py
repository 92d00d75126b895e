"""Lesson analysis: pure functions over the data (no matplotlib, no widgets, no HTML).

One module per lesson: :mod:`timeline` (02), :mod:`stakes` (03), :mod:`compare` and :mod:`textstats` (04),
:mod:`sourcing` (01). Each counting function takes the rows as an argument (default: the course's data),
so it can be tried on made-up rows; ``counts()`` always returns a ``Counter`` keyed by a tuple.
"""
