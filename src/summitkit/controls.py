"""Rows of widget controls that wrap onto a second line on a narrow screen instead of running off the page."""

from __future__ import annotations


def row(*children):  # -> ipywidgets.HBox
    """An HBox of controls that wraps when the notebook is narrow."""
    import ipywidgets as w

    return w.HBox(list(children), layout=w.Layout(flex_flow="row wrap", align_items="center"))
