"""Where the course data and the learner's progress live, wherever a notebook runs.

Data is looked up in this order, never relative to the current folder alone:
1. the folder named by the environment variable ``SUMMITKIT_DATA``;
2. the ``data/`` folder of a course checkout found by walking up from the current
   folder (a notebook in ``notebooks/``, ``exercises/`` or ``solutions/``, or a course
   folder pulled into a hub home by nbgitpuller), recognised by ``data/sources.csv``;
3. the ``data/`` folder of the checkout this package was installed from (``pip install -e .``);
4. the copy of ``data/`` bundled inside the installed package.

In the browser version (JupyterLite) step 2 is skipped: the site ships the data inside the package, and walking up
the browser's storage costs a request for every folder looked at.

Progress lives in ``~/.summit_course/`` unless ``SUMMITKIT_HOME`` names another folder. In the browser version
(JupyterLite, where Python is Pyodide) the home folder lives in memory and is gone when the page closes, so
progress goes to ``/drive/.summit_course/`` instead: ``/drive`` is the browser's own storage, the files the
file browser shows, which survives reloads and browser restarts.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_DATA = "SUMMITKIT_DATA"
ENV_HOME = "SUMMITKIT_HOME"
_MARKER = "sources.csv"
#: Where JupyterLite mounts the browser's storage in the kernel (absent when the browser gave it none).
BROWSER_DRIVE = Path("/drive")


def _is_data_dir(path: Path) -> bool:
    return (path / _MARKER).is_file() and (path / "sources").is_dir()


def data_dir() -> Path:
    """The folder holding ``sources.csv``, ``sources/`` and the other data files."""
    override = os.environ.get(ENV_DATA)
    if override:
        return Path(override).expanduser().resolve()
    if not in_browser():  # in the browser every look at the browser's storage is a request: 20 s a lesson (see above)
        here = Path.cwd().resolve()
        for folder in (here, *here.parents):
            if _is_data_dir(folder / "data"):
                return folder / "data"
    package = Path(__file__).resolve().parent
    for candidate in (package.parents[1] / "data", package / "_data"):
        if _is_data_dir(candidate):
            return candidate
    return package.parents[1] / "data"


def course_root() -> Path:
    """The course folder: the parent of the data folder."""
    return data_dir().parent


def progress_dir() -> Path:
    """The learner's own folder for saved answers (created on first use)."""
    override = os.environ.get(ENV_HOME)
    if override:
        return Path(override).expanduser()
    if in_browser() and BROWSER_DRIVE.is_dir():
        return BROWSER_DRIVE / ".summit_course"
    return Path.home() / ".summit_course"


def progress_is_temporary() -> bool:
    """Whether saved answers last only until the page closes: the browser version without the browser's storage
    (a private window, or a browser that gave the site no service worker)."""
    return in_browser() and not os.environ.get(ENV_HOME) and not BROWSER_DRIVE.is_dir()


def in_browser() -> bool:
    """Whether Python runs in the browser (Pyodide, as in the JupyterLite site)."""
    return sys.platform == "emscripten"


def display_path(path: Path) -> str:
    """A path as a teacher sees it in the course folder (``data/stakes.csv``, whatever the course folder is called
    and wherever it is), ``summitkit/_data/...`` for the copy bundled in the package, or as given when it is outside."""
    root = course_root().resolve()
    if root == Path(__file__).resolve().parent:  # the copy of the data bundled in the package: say so
        root = root.parent
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)
