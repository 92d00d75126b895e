"""Drive the JupyterLite site in chromium with no network but loopback: serve it, open a notebook, run it, answer.

Used by the tests in this folder (``conftest.py`` loads it as ``litedriver``) and by ``bench/`` (the site's size and
the time from opening a page to the first feedback). The page checks (what a cell shows, a question's feedback) are
``tests/browser/labdriver.py``'s: the same ones the JupyterLab tests use.
"""

from __future__ import annotations

import base64
import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from drivers import load

REPO = Path(__file__).resolve().parents[2]


labdriver = load("labdriver", REPO / "tests" / "browser" / "labdriver.py")
lite_site = load("lite_site", REPO / "tools" / "lite_site.py")

KERNEL_IDLE = "Python (Pyodide) | Idle"
PANEL = labdriver.PANEL
LOOPBACK = re.compile(r"^(?:https?|wss?)://(?:127\.\d+\.\d+\.\d+|localhost|\[::1\])(?::\d+)?/")


# --------------------------------------------------------------------------------------------------------------------
# The static server
# --------------------------------------------------------------------------------------------------------------------
@dataclass
class StaticServer:
    """``python -m http.server`` on 127.0.0.1 serving a built site; stopped by its PID."""

    root: Path
    port: int
    proc: subprocess.Popen

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def serve(root: Path, timeout: float = 30) -> StaticServer:
    """Serve ``root`` on a free loopback port and wait until it answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )
    server = StaticServer(root, port, proc)
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(server.base + "jupyter-lite.json", timeout=2) as response:
                response.read()
            return server
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                server.stop()
                raise RuntimeError(f"the static server for {root} did not answer within {timeout:.0f} s") from None
            time.sleep(0.1)


# --------------------------------------------------------------------------------------------------------------------
# The browser, offline
# --------------------------------------------------------------------------------------------------------------------
class BrowserThread:
    """Playwright (sync API) in a thread of its own: one thread may hold only one, and the JupyterLab tests keep theirs
    for the whole session. ``call(fn, *args)`` runs ``fn(playwright, *args)`` there and returns its result."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lite-browser")

        def start():
            from playwright.sync_api import sync_playwright

            return sync_playwright().start()

        self.playwright = self._pool.submit(start).result()

    def call(self, fn, *args):
        return self._pool.submit(fn, self.playwright, *args).result()

    def close(self) -> None:
        try:
            self._pool.submit(self.playwright.stop).result(timeout=60)
        finally:
            self._pool.shutdown(wait=False)


# --------------------------------------------------------------------------------------------------------------------
# --------------------------------------------------------------------------------------------------------------------
@dataclass
class Offline:
    """A route handler that lets loopback requests through and aborts (and records) every other one."""

    blocked: list[str] = field(default_factory=list)

    def handle(self, route) -> None:  # playwright's Route
        url = route.request.url
        if LOOPBACK.match(url) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("internetdisconnected")

    def outside_cdn(self) -> list[str]:
        """Blocked requests to anything but Pyodide's CDN (where only packages the site does not ship are looked for)."""
        return [u for u in self.blocked if not u.startswith(lite_site.PYODIDE_CDN)]


def launch(
    playwright, profile: Path, offline: Offline, viewport: tuple[int, int] = (1280, 900), service_worker: bool = True
):  # -> BrowserContext
    """Chromium with a profile folder (so closing and launching again is a browser restart), every non-loopback request
    aborted, downloads accepted. ``service_worker=False`` is a browser without service workers (Firefox's private
    windows): JupyterLite then gives the kernel no access to the browser's storage."""
    context = playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=labdriver.find_chromium(),
        args=labdriver.CHROMIUM_ARGS,
        headless=True,
        viewport={"width": viewport[0], "height": viewport[1]},
        accept_downloads=True,
    )
    context.route("**/*", offline.handle)
    if not service_worker:  # (Playwright's own service_workers="block" leaves JupyterLite believing it has one)
        context.add_init_script("delete Navigator.prototype.serviceWorker")
    return context


@dataclass
class Opened:
    """Seconds from asking for a page to: the notebook on screen, the kernel idle."""

    visible: float
    idle: float


class LitePage:
    """One page of the site. Question helpers come from labdriver's LabPage (they only read and click the page)."""

    def __init__(self, page, server: StaticServer) -> None:
        self.page = page
        self.server = server
        self.lab = labdriver.LabPage(page, server=None)  # accepts any dialog (e.g. "leave the page?") itself
        self.console: list[str] = []
        page.on("console", lambda message: self.console.append(f"{message.type}: {message.text[:300]}"))
        page.on("pageerror", lambda error: self.console.append(f"pageerror: {error}"))

    def open(self, path: str = "", timeout: float = 180) -> Opened:
        """Load the site at ``path`` ('' is the site's front page) and wait for the notebook and an idle kernel."""
        t0 = time.monotonic()
        self.page.goto(self.server.base + path, wait_until="domcontentloaded", timeout=timeout * 1000)
        return self._ready(t0, timeout)

    def open_notebook(self, notebook: str, timeout: float = 180) -> Opened:
        """Open a notebook in the running app, the one before closed (its kernel shut down)."""
        t0 = time.monotonic()
        self.page.evaluate(_CLOSE_ALL_JS)
        self.page.wait_for_function(f"() => !document.querySelector('{PANEL}')", timeout=30_000)
        self.page.evaluate(labdriver._OPEN_JS, notebook)
        return self._ready(t0, timeout)

    def reload(self, timeout: float = 180) -> Opened:
        t0 = time.monotonic()
        self.page.reload(wait_until="domcontentloaded", timeout=timeout * 1000)
        return self._ready(t0, timeout)

    def _ready(self, t0: float, timeout: float) -> Opened:
        self.page.locator(PANEL).first.wait_for(timeout=timeout * 1000)
        visible = time.monotonic() - t0
        self.page.locator("#jp-main-statusbar").get_by_text(KERNEL_IDLE, exact=True).first.wait_for(timeout=timeout * 1000)
        return Opened(visible, time.monotonic() - t0)

    def notebook_path(self) -> str:
        return self.page.evaluate(
            "() => { const w = window.jupyterapp.shell.currentWidget; return w && w.context ? w.context.path : ''; }"
        )

    def run_all(self, timeout: float = 300) -> float:
        """Run → Run All Cells; wait until every cell ran, the kernel is idle and the page is still."""
        t0 = time.monotonic()
        self.page.evaluate(labdriver._WATCH_RUN_JS, PANEL)
        self.lab.menu("Run", "Run All Cells")
        for _ in range(2):  # idle must hold: a cell may be queued behind a display update
            self.page.wait_for_function(labdriver._RUN_DONE_JS, arg=[PANEL, KERNEL_IDLE], timeout=timeout * 1000, polling=100)
            self.lab.settle(quiet_ms=300)
        self.lab.settle()
        self.lab.watch_widgets()
        return time.monotonic() - t0

    def problems(self) -> list[str]:
        """What labdriver's checks find wrong in the open notebook (errors, widgets not rendered, cells not run)."""
        problems, _ = labdriver.problems_in_cells(self.lab.cells())
        return problems

    def question(self, qid: str):  # -> Locator
        q = self.lab.questions().filter(has_text=f"(question {qid})")
        assert q.count() == 1, f"expected one question {qid} on the page, found {q.count()}"
        return q.first

    def check(self, qid: str, answer, button: str = "Check") -> tuple[str, float | None]:  # a callable
        """Give an answer (``answer(question)``), press Check; the new feedback and the in-page ms it took."""
        q = self.question(qid)
        q.scroll_into_view_if_needed()
        answer(q)
        self.lab.sync_widgets(timeout=60)  # the widget's state reaches the kernel before the click
        return self.lab.click_and_time(q, button, timeout=60)

    def save_text_file(self, path: str, text: str) -> None:
        """Put a file into the browser's storage, as the file browser's Upload does (folders made as needed)."""
        self.page.evaluate(_SAVE_FILE_JS, [path, text])

    def upload(self, folder: str, files: list[Path], timeout: float = 60) -> None:
        """Upload files into a folder with the file browser's Upload button, as a teacher does (the folder is made first)."""
        self.page.evaluate(_MAKE_DIR_JS, folder)
        self.page.evaluate("async (p) => await window.jupyterapp.commands.execute('filebrowser:go-to-path', {path: p})", folder)
        self.page.locator(".jp-FileBrowser .jp-BreadCrumbs").get_by_text(folder.rsplit("/", 1)[-1]).first.wait_for(
            timeout=timeout * 1000
        )
        with self.page.expect_file_chooser(timeout=timeout * 1000) as chooser:
            self.page.locator(".jp-FileBrowser .jp-ToolbarButtonComponent[title^='Upload']").first.click()
        chooser.value.set_files([str(f) for f in files])
        deadline = time.monotonic() + timeout
        while not {f.name for f in files} <= set(self.list_dir(folder)):
            if time.monotonic() > deadline:
                raise TimeoutError(f"uploaded files did not appear in {folder}: {self.list_dir(folder)}")
            self.page.wait_for_timeout(200)

    def wait_for_stored(self, path: str, holds, timeout: float = 30) -> str:  # a callable
        """Wait until the JSON file at ``path`` in the browser's storage ``holds`` (a test on the parsed file). A write
        reaches IndexedDB a moment after the kernel's write returns; a browser closed within that moment loses it.
        "" when it does; else what the file held last."""
        deadline, text = time.monotonic() + timeout, ""
        while time.monotonic() < deadline:
            text = self.page.evaluate(
                "async (p) => { try { const m = await window.jupyterapp.serviceManager.contents.get(p, "
                "{content: true}); return typeof m.content === 'string' ? m.content : JSON.stringify(m.content); }"
                " catch (e) { return ''; } }",
                path,
            )
            try:
                raw = text if text.lstrip().startswith("{") else base64.b64decode(text).decode("utf-8")  # files the kernel wrote
                if holds(json.loads(raw)):
                    return ""
            except (ValueError, TypeError, KeyError, AttributeError):  # not there yet, or not whole yet
                pass
            self.page.wait_for_timeout(200)
        return text or "(nothing)"

    def list_dir(self, path: str) -> list[str]:
        return self.page.evaluate(
            "async (p) => (await window.jupyterapp.serviceManager.contents.get(p, {content: true})).content.map(i => i.name)",
            path,
        )


_CLOSE_ALL_JS = """
async () => {
  const app = window.jupyterapp;
  for (const widget of Array.from(app.shell.widgets('main'))) {
    if (widget.context && widget.context.model) widget.context.model.dirty = false;
    if (widget.sessionContext) { try { await widget.sessionContext.shutdown(); } catch (e) {} }
    widget.close();
  }
}
"""

_MAKE_DIR_JS = """
async (path) => {
  const contents = window.jupyterapp.serviceManager.contents;
  const parts = path.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const dir = parts.slice(0, i).join('/');
    try { await contents.get(dir, {content: false}); }
    catch (e) { await contents.save(dir, {type: 'directory'}); }
  }
}
"""

_SAVE_FILE_JS = """
async ([path, text]) => {
  const contents = window.jupyterapp.serviceManager.contents;
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    const dir = parts.slice(0, i).join('/');
    try { await contents.get(dir, {content: false}); }
    catch (e) { await contents.save(dir, {type: 'directory'}); }
  }
  await contents.save(path, {type: 'file', format: 'text', content: text});
}
"""
