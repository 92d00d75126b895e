"""Figures: laid out in inches, drawn once as SVG, shown as a picture that fits the page, with alt text.

Every package figure is a ``matplotlib.figure.Figure`` built without pyplot. :func:`show_inline`
(called by ``summitkit.begin``) lets IPython show such a Figure as HTML: an ``<img>`` that shrinks to the
notebook's width and carries the figure's description (``fig.summitkit_alt``) as its alt text.

The lessons' main figures are built once: ``python3 run.py build`` draws them into ``data/figures/``
with a key over the data and the code that drew them. :func:`lesson_figure` shows that picture while
the key still matches (no matplotlib needed in the learner's kernel) and draws afresh when it does not,
for example after a teacher edited the data.

In the browser version (JupyterLite) matplotlib is not part of the site: :func:`can_draw` says whether a figure can
be drawn now and, there, starts loading matplotlib from Pyodide's CDN in the background (online only).
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib
import importlib.util
import json
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from summitkit.paths import in_browser

#: One line shown where a figure cannot be drawn (the browser version, offline).
OFFLINE = "Drawing this figure needs matplotlib, which the browser version loads from the internet: connect, then run this cell again."

# name -> (module, function that returns the Figure, data files it reads besides the sources)
LESSON_FIGURES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "timeline": ("summitkit.timeline", "plot_timeline", ("timeline.csv",)),
    "stakes": ("summitkit.stakes", "plot_actor_matrix", ("stakes.csv",)),
    "agreement": ("summitkit.compare", "plot_agreement", ("claims.csv",)),
}

_DRAWN: dict[tuple, bytes] = {}  # SVGs already drawn, by the figure's summitkit_key
_WAITING: list[Callable[[], None]] = []  # called once matplotlib has arrived in the browser
_LOADING: list[bool] = []  # non-empty while matplotlib is being fetched in the browser


def can_draw(when_ready: Callable[[], None] | None = None) -> bool:
    """Whether figures can be drawn here now, that is whether matplotlib can be imported.

    In the browser version (Pyodide) it is not shipped with the site: the first call starts loading it from Pyodide's
    CDN in the background, and ``when_ready`` is called if it arrives (online). Offline it never does, and a later
    call tries again.
    """
    if importlib.util.find_spec("matplotlib") is not None:
        return True
    if when_ready is not None:
        _WAITING.append(when_ready)
    if in_browser() and not _LOADING:
        _LOADING.append(True)
        import asyncio

        asyncio.ensure_future(_fetch_matplotlib())
    return False


async def _fetch_matplotlib() -> None:  # pragma: no cover - runs in the browser only
    """Load matplotlib into Pyodide from the CDN its lock names; quietly, since offline every request fails."""
    try:
        import pyodide_js
        from js import Object
        from pyodide.ffi import create_proxy, to_js

        quiet = create_proxy(lambda *_: None)
        await pyodide_js.loadPackage("matplotlib", to_js({"messageCallback": quiet, "errorCallback": quiet},
                                                         dict_converter=Object.fromEntries))
    except Exception:  # noqa: BLE001 - offline or no loader: matplotlib is simply not there
        pass
    finally:
        _LOADING.clear()
    importlib.invalidate_caches()
    if importlib.util.find_spec("matplotlib") is None:
        return
    waiting = _WAITING[:]
    _WAITING.clear()
    for callback in waiting:
        callback()


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
    return svg_html(svg(fig), alt if alt is not None else getattr(fig, "summitkit_alt", ""), caption)


def svg_html(picture: bytes, alt: str, caption: str | None = None) -> str:
    """SVG bytes as an HTML ``<figure>`` no wider than the page, with alt text (and a caption if given)."""
    data = base64.b64encode(picture).decode("ascii")
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


def figure_key(name: str) -> str:
    """A fingerprint of everything a lesson figure depends on: the data it reads and the code that draws it."""
    from summitkit.paths import data_dir

    module, _, files = LESSON_FIGURES[name]
    folder = data_dir()
    inputs = [folder / "sources.csv", *sorted((folder / "sources").glob("*.md")), *(folder / f for f in files)]
    code = [Path(__file__), Path(importlib.util.find_spec(module).origin)]
    digest = hashlib.sha256()
    for path in [*inputs, *code]:
        digest.update(path.name.encode("utf-8"))
        try:
            digest.update(path.read_bytes().replace(b"\r\n", b"\n"))
        except OSError:
            digest.update(b"<missing>")
    return digest.hexdigest()


def prebuilt(name: str) -> bytes | None:
    """The picture ``run.py build`` drew for a lesson figure, if its data and code have not changed since."""
    from summitkit.paths import data_dir

    folder = data_dir() / "figures"
    try:
        stamp = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        if stamp.get("key") != figure_key(name):
            return None
        return (folder / f"{name}.svg").read_bytes()
    except (OSError, ValueError):
        return None


def _draw(name: str) -> bytes:
    module, function, _ = LESSON_FIGURES[name]
    return svg(getattr(importlib.import_module(module), function)())


class Picture:
    """A figure ready to show in a notebook (IPython displays it through ``_repr_html_``)."""

    def __init__(self, picture: bytes, alt: str, caption: str | None = None) -> None:
        self.svg, self.alt, self.caption = picture, alt, caption

    def _repr_html_(self) -> str:
        return svg_html(self.svg, self.alt, self.caption)


def lesson_figure(name: str, alt: str | Callable[[], str], caption: str | None = None) -> Picture:
    """A lesson figure: the picture built once if it is still current, otherwise drawn now."""
    picture = prebuilt(name) or _draw(name)
    return Picture(picture, alt() if callable(alt) else alt, caption)


def build_figures(data: Path) -> list[Path]:
    """Draw every lesson figure into ``data/figures/`` with the key it was drawn for; return the files."""
    folder = data / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in LESSON_FIGURES:
        (folder / f"{name}.svg").write_bytes(_draw(name))
        stamp = {"_generated": "Drawn by 'python3 run.py build'; shown while 'key' matches the data and code.",
                 "key": figure_key(name)}
        (folder / f"{name}.json").write_text(json.dumps(stamp, indent=1) + "\n", encoding="utf-8")
        written += [folder / f"{name}.svg", folder / f"{name}.json"]
    return written
