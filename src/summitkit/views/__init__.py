"""Lesson views: HTML (built with :mod:`summitkit.markup`, escaped by default) and widgets.

One module per lesson; each function that returns HTML for a notebook returns a whole
:func:`~summitkit.markup.page` (with the stylesheet), so ``HTML(view())`` shows it styled.
ipywidgets is imported inside the functions that build widgets, never on import.
"""
