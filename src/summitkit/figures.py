"""Figures: laid out in inches, drawn once as SVG, shown as a picture that fits the page, with alt text.

Every package figure is a ``matplotlib.figure.Figure`` built without pyplot. :func:`show_inline`
(called by ``summitkit.begin``) lets IPython show such a Figure as HTML: an ``<img>`` that shrinks to the
notebook's width and carries the figure's description (``fig.summitkit_alt``) as its alt text.
"""

from __future__ import annotations

import base64
import html
from io import BytesIO

_DRAWN: dict[tuple, bytes] = {}  # SVGs already drawn, by the figure's summitkit_key


def stacked_axes(heights: list[float], width: float, left: float, top: float, gap: float, bottom: float):
    """A Figure with axes stacked top to bottom, each ``heights[i]`` inches tall; margins in inches.

    The layout is computed here, not by matplotlib's layout engines, so drawing the figure takes one pass.
    """
    from matplotlib.figure import Figure

    total = top + sum(heights) + gap * (len(heights) - 1) + bottom
    fig = Figure(figsize=(width, total))
    axes = []
    y = total - top
    for h in heights:
        y -= h
        axes.append(fig.add_axes((left / width, y / total, 1 - (left + 0.25) / width, h / total)))
        y -= gap
    return fig, axes


def drawn(key: tuple) -> bytes | None:
    """The SVG already drawn for a figure key, if any (so a widget can skip building the figure again)."""
    return _DRAWN.get(key)


def svg(fig) -> bytes:  # noqa: ANN001 - a matplotlib Figure
    """The figure as SVG bytes, drawn at most once for a figure with a ``summitkit_key``.

    SVG, not PNG: rasterising text is most of the cost of a figure, and glyphs written as outlines
    look the same in every browser.
    """
    import matplotlib

    key = getattr(fig, "summitkit_key", None)
    if key is not None and key in _DRAWN:
        return _DRAWN[key]
    buffer = BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "summitkit"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    data = buffer.getvalue()
    if key is not None:
        _DRAWN[key] = data
    return data


def figure_html(fig, alt: str | None = None, caption: str | None = None) -> str:  # noqa: ANN001
    """The figure as an HTML ``<figure>``: a picture no wider than the page, with alt text (and a caption if given)."""
    alt = alt if alt is not None else getattr(fig, "summitkit_alt", "")
    data = base64.b64encode(svg(fig)).decode("ascii")
    safe = html.escape(alt, quote=True)
    shown = (f"<figcaption style='max-width:46em;color:#333'><details open><summary><b>{html.escape(caption)}</b></summary>"
             f"{safe}</details></figcaption>") if caption else ""
    return (f"<figure style='margin:0'><img src='data:image/svg+xml;base64,{data}' alt='{safe}' "
            f"style='max-width:100%;height:auto'>{shown}</figure>")


def show_inline() -> None:
    """Inside IPython, show a bare matplotlib Figure as :func:`figure_html` (once, no second PNG drawing)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return
    shell = get_ipython()
    if shell is None:
        return
    formatters = shell.display_formatter.formatters
    formatters["text/html"].for_type_by_name("matplotlib.figure", "Figure", figure_html)
    import sys

    figure_class = getattr(sys.modules.get("matplotlib.figure"), "Figure", None)
    for name in ("image/png", "image/svg+xml", "image/jpeg", "application/pdf"):
        formatters[name].pop("matplotlib.figure.Figure", None)
        if figure_class is not None:
            formatters[name].pop(figure_class, None)
