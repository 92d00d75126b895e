"""Lesson figures: one registry, declared where each figure is drawn; drawn once as SVG; shown with alt text.

A figure module in this package draws a ``matplotlib.figure.Figure`` without pyplot and registers it::

    @lesson_figure("timeline", reads=("timeline.csv",), alt_text=alt_text)
    def draw(): ...

``python3 run.py build`` draws every registered figure into ``data/figures/<name>.svg`` with a stamp
(``<name>.json``) holding a fingerprint of everything the figure depends on: the file that draws it and
every package module it imports, directly or through others (read statically, see
:mod:`summitkit.codegraph`), ``sources.csv``, every text in ``sources/`` and the data files it ``reads``.
:func:`picture` shows the built SVG while the fingerprint still matches (no matplotlib needed in the
learner's kernel) and draws afresh when it does not, for example after a teacher edited the data.

Text from the data is drawn as it is written: a ``$`` in a CSV cell ("$17", "$x$") is a dollar sign, never
matplotlib's mathematics notation (which would garble it, or fail on "$\\undefined{$"). :func:`literal_text`
wraps each figure's ``plot`` (and ``lesson_figure`` each ``draw``, :func:`svg` each drawing) so that no
label, title, legend or annotation can forget it.

:func:`show_inline` (called by ``summitkit.begin``) lets IPython show a bare Figure as an ``<img>`` that
shrinks to the notebook's width and carries the figure's description (``fig.summitkit_alt``) as alt text.

In the browser version (JupyterLite) matplotlib is not part of the site: :func:`can_draw` says whether a figure can
be drawn now and, there, starts loading matplotlib from Pyodide's CDN in the background (online only).
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import importlib
import importlib.util
import json
import pkgutil
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from summitkit.codegraph import PACKAGE_DIR, closure
from summitkit.markup import Markup, details, el, page
from summitkit.paths import data_dir, in_browser

#: One line shown where a figure cannot be drawn (the browser version, offline).
OFFLINE = (
    "Drawing this figure needs matplotlib, which the browser version loads from the internet: connect, then run this cell again."
)
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
        await pyodide_js.loadPackage(
            "matplotlib", to_js({"messageCallback": quiet, "errorCallback": quiet}, dict_converter=Object.fromEntries)
        )
    except Exception:  # offline or no loader: matplotlib is simply not there
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


@dataclass(frozen=True)
class LessonFigure:
    """A registered lesson figure: how to draw it and describe it, and what it reads."""

    name: str
    draw: Callable[[], object]  # returns a matplotlib Figure
    alt_text: Callable[[], str]
    reads: tuple[str, ...]  # data files it reads besides sources.csv and sources/*.md
    module: str  # the module that draws it (its imports are part of the fingerprint)

    @property
    def file(self) -> Path:
        return Path(sys.modules[self.module].__file__).resolve()


#: Every registered figure, by name (filled as figure modules are imported; :func:`load_all` imports them all).
LESSON_FIGURES: dict[str, LessonFigure] = {}
_DRAWN: dict[tuple, bytes] = {}  # SVGs already drawn in this session, by the figure's summitkit_key


@contextlib.contextmanager
def plain_text() -> Iterator[None]:
    """Inside it, matplotlib draws every text as written: ``$`` is a dollar sign, not the start of mathematics."""
    import matplotlib

    with matplotlib.rc_context({"text.parse_math": False}):
        yield


def literal_text(function: Callable) -> Callable:
    """Decorate a function that builds a Figure so that every text in it is drawn as written (:func:`plain_text`)."""

    @functools.wraps(function)
    def plain(*args, **kwargs):  # whatever the function returns
        with plain_text():
            return function(*args, **kwargs)

    return plain


def lesson_figure(name: str, *, reads: tuple[str, ...], alt_text: Callable[[], str]) -> Callable:
    """Register the decorated function as the lesson figure ``name`` (see the module's docstring); its text is drawn as written."""

    def register(draw: Callable[[], object]) -> Callable[[], object]:
        plain = literal_text(draw)
        LESSON_FIGURES[name] = LessonFigure(name, plain, alt_text, tuple(reads), draw.__module__)
        return plain

    return register


def load_all() -> dict[str, LessonFigure]:
    """Import every module of this package, so that each registers its figures; return the registry."""
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    return LESSON_FIGURES


# ----- drawing and showing ----------------------------------------------------------------------


def svg(fig) -> bytes:  # a matplotlib Figure
    """The figure as SVG bytes, drawn at most once for a figure with a ``summitkit_key``.

    SVG, not PNG: rasterising text is most of the cost of a figure, and glyphs written as outlines
    look the same in every browser.
    """
    import matplotlib

    key = getattr(fig, "summitkit_key", None)
    if key is not None and key in _DRAWN:
        return _DRAWN[key]
    buffer = BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "summitkit", "text.parse_math": False}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    data = buffer.getvalue()
    if key is not None:
        _DRAWN[key] = data
    return data


def drawn(key: tuple) -> bytes | None:
    """The SVG already drawn for a figure key, if any (so a widget can skip building the figure again)."""
    return _DRAWN.get(key)


def svg_html(picture: bytes, alt: str, caption: str | None = None) -> Markup:
    """SVG bytes as an HTML ``<figure>`` no wider than the page, with alt text (and a caption, open, if given)."""
    source = "data:image/svg+xml;base64," + base64.b64encode(picture).decode("ascii")
    shown = [el("figcaption", details(el("b", caption), alt, open=True))] if caption else []
    return el("figure", el("img", src=source, alt=alt), *shown, cls="summit-figure")


def figure_html(fig, alt: str | None = None, caption: str | None = None) -> Markup:
    """A bare Figure as a page of HTML: the picture no wider than the page, with alt text (and a caption if given)."""
    return page(svg_html(svg(fig), alt if alt is not None else getattr(fig, "summitkit_alt", ""), caption))


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
    formatters["text/html"].for_type_by_name("matplotlib.figure", "Figure", lambda fig: str(figure_html(fig)))
    figure_class = getattr(sys.modules.get("matplotlib.figure"), "Figure", None)
    for name in ("image/png", "image/svg+xml", "image/jpeg", "application/pdf"):
        formatters[name].pop("matplotlib.figure.Figure", None)
        if figure_class is not None:
            formatters[name].pop(figure_class, None)


class Picture:
    """A figure ready to show in a notebook (IPython displays it through ``_repr_html_``)."""

    def __init__(self, picture: bytes, alt: str, caption: str | None = None) -> None:
        self.svg, self.alt, self.caption = picture, alt, caption

    def _repr_html_(self) -> str:
        return str(page(svg_html(self.svg, self.alt, self.caption)))


# ----- the fingerprint, the built pictures --------------------------------------------------------


def _label(path: Path) -> str:
    """A code file's name in a stamp: relative to the folder that holds the package, else absolute."""
    try:
        return path.resolve().relative_to(PACKAGE_DIR.parent).as_posix()
    except ValueError:
        return str(path.resolve())


def _code_path(label: str) -> Path:
    path = Path(label)
    return path if path.is_absolute() else PACKAGE_DIR.parent / path


def code_files(name: str) -> list[Path]:
    """The files of code a figure depends on: its module and every package module that module imports, transitively."""
    return closure(LESSON_FIGURES[name].file)


def data_files(name: str, data: Path | None = None) -> list[Path]:
    """The data files a figure depends on: sources.csv, every text in sources/, and what it reads."""
    folder = data or data_dir()
    return [folder / "sources.csv", *sorted((folder / "sources").glob("*.md")), *(folder / f for f in LESSON_FIGURES[name].reads)]


def fingerprint(code: list[str], data: list[Path], data_folder: Path) -> str:
    """A SHA-256 over the names and bytes of the code files (stamp labels) and the data files (line endings ignored)."""
    digest = hashlib.sha256()
    named = [(f"code:{label}", _code_path(label)) for label in sorted(code)]
    named += [(f"data:{p.relative_to(data_folder).as_posix()}", p) for p in data]
    for label, path in named:
        digest.update(label.encode("utf-8") + b"\0")
        try:
            digest.update(path.read_bytes().replace(b"\r\n", b"\n"))
        except OSError:
            digest.update(b"<missing>")
        digest.update(b"\0")
    return digest.hexdigest()


def stamp(name: str, data: Path | None = None) -> dict:
    """What ``run.py build`` writes beside a figure: its fingerprint and the files it covers."""
    folder = data or data_dir()
    code = [_label(p) for p in code_files(name)]
    files = data_files(name, folder)
    return {
        "_generated": "Drawn by 'python3 run.py build'; shown while 'key' matches the files listed (code) and the data.",
        "key": fingerprint(code, files, folder),
        "code": sorted(code),
        "data": [p.relative_to(folder).as_posix() for p in files],
    }


def prebuilt(name: str) -> bytes | None:
    """The picture ``run.py build`` drew for a lesson figure, if nothing it depends on has changed since.

    The code files are those the stamp lists: a change to the imports of any of them changes that file, so
    the fingerprint. The data files are looked up now, so a source added since the build is noticed.
    """
    folder = data_dir()
    try:
        built = json.loads((folder / "figures" / f"{name}.json").read_text(encoding="utf-8"))
        code = built["code"]
        if not isinstance(code, list) or built.get("key") != fingerprint(code, data_files(name, folder), folder):
            return None
        return (folder / "figures" / f"{name}.svg").read_bytes()
    except (OSError, ValueError, KeyError, TypeError):
        return None


def picture(name: str, caption: str | None = None) -> Picture:
    """A lesson figure with its alt text: the picture built once if it is still current, otherwise drawn now."""
    spec = LESSON_FIGURES[name]
    return Picture(prebuilt(name) or svg(spec.draw()), spec.alt_text(), caption)


def build_figures(data: Path, names: Iterable[str] | None = None) -> list[Path]:
    """Draw every lesson figure (or those ``names``) into ``data/figures/`` with its stamp; return the files written."""
    folder = data / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    wanted = set(load_all()) if names is None else set(names)
    for name, spec in sorted(LESSON_FIGURES.items()):
        if name not in wanted:
            continue
        (folder / f"{name}.svg").write_bytes(svg(spec.draw()))
        (folder / f"{name}.json").write_text(json.dumps(stamp(name, data), indent=1) + "\n", encoding="utf-8")
        written += [folder / f"{name}.svg", folder / f"{name}.json"]
    return written
