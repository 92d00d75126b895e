"""Drive a real JupyterLab in chromium: start a server, open a notebook, run it, and check what a learner sees.

Used by the browser tests (``conftest.py`` loads it as the module ``labdriver``). Nothing here runs at import:
playwright is imported by the fixtures, servers are started by them.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NO_CHROMIUM = "chromium not found: install Debian's chromium (apt-get install chromium) to run the browser tests"

# axe-core (npm), the accessibility engine behind Lighthouse: .ci/run installs it into a cache folder (never committed).
AXE_VERSION = "4.10.3"
AXE_CACHE = Path(os.environ.get("SUMMIT_TOOLS_CACHE") or Path.home() / ".cache" / "summitkit")
AXE_JS = AXE_CACHE / "node_modules" / "axe-core" / "axe.min.js"
NO_AXE = (
    f"axe-core not found at {AXE_JS}: install it with "
    f"'npm install --no-save --prefix {AXE_CACHE} axe-core@{AXE_VERSION}' (.ci/run does this)"
)
#: The WCAG 2.1 A and AA rules (axe's tags); best-practice rules are recorded but not counted.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
#: What axe scans: the series' own outputs (widgets, tables, figures), never JupyterLab's interface around them.
OUTPUTS = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output"

KERNEL_IDLE = "Python 3 (ipykernel) | Idle"
VERDICTS = ("✓ Correct", "◐ Partly right", "✗ Not yet", "… No answer yet", "✎ Saved")
STDERR_MIME = "application/vnd.jupyter.stderr"

# JupyterLab settings for the test server: no news/update pop-up over the widgets, no autosave
# (the notebooks are temp copies, but a save mid-run would only add noise).
OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
}

# What a widget looks like when the front end could not render it: the Python repr in a text/plain output.
_WIDGET_NAMES = (
    "VBox|HBox|Box|GridBox|Accordion|Tab|Stack|HTML|HTMLMath|Label|Button|Checkbox|ToggleButton|ToggleButtons|RadioButtons|"
    "Dropdown|Select|SelectMultiple|Text|Textarea|Password|IntText|FloatText|BoundedIntText|BoundedFloatText|IntSlider|"
    "FloatSlider|IntRangeSlider|FloatRangeSlider|SelectionSlider|Output|Image|Play|Valid|DatePicker|ColorPicker|Combobox|"
    r"TagsInput|\w*Widget|\w*Question"
)
WIDGET_REPR = re.compile(
    rf"\b(?:{_WIDGET_NAMES})\((?:\)|(?:children|value|options|description|layout|outputs|_dom_classes|"
    r"style|tooltip|placeholder|index|titles|min|max)=)|\b\w+\(children=\("
)
ERROR_TEXT = re.compile(r"Traceback|\b\w*Error\b|\bProblem in the course data\b")
WIDGET_FAILURE_TEXT = re.compile(
    r"Error displaying widget|model not found|Failed to (?:load|create) (?:model|view)|"
    r"Could not (?:instantiate|create a view)|Cannot find model module"
)


def find_chromium() -> str | None:
    """Debian's chromium, or any ``chromium`` on PATH; None when there is none."""
    if os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium")


def find_axe() -> Path | None:
    """axe-core's browser script (``axe.min.js``) in the tools cache (or ``AXE_CORE_JS``); None when it is not installed."""
    given = os.environ.get("AXE_CORE_JS")
    for path in ([Path(given)] if given else []) + [AXE_JS]:
        if path.is_file():
            return path
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def discover_notebooks(repo: Path, folders: tuple[str, ...] = ("notebooks", "exercises", "solutions")) -> list[Path]:
    """Every notebook a learner or teacher opens, relative to the repo (checkpoints left out)."""
    found = []
    for folder in folders:
        base = repo / folder
        if base.is_dir():
            found += sorted(p.relative_to(repo) for p in base.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    return found


def write_notebook(path: Path, cells: list[str | tuple[str, str]]) -> Path:
    """A small notebook (python3 kernel): each cell is code text, or ("markdown", text)."""
    out = []
    for cell in cells:
        kind, text = cell if isinstance(cell, tuple) else ("code", cell)
        if kind == "code":
            out.append({"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": text})
        else:
            out.append({"cell_type": "markdown", "metadata": {}, "source": text})
    notebook = {
        "cells": out,
        "metadata": {
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False), encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------------------------------
@dataclass
class LabServer:
    """A JupyterLab server started for the tests, on 127.0.0.1 with a random token."""

    root: Path
    progress: Path
    port: int
    token: str
    proc: subprocess.Popen
    log: Path
    started_in: float = 0.0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def lab_url(self, relpath: str | Path) -> str:
        path = "/".join(urllib.request.quote(part) for part in Path(relpath).parts)
        return f"{self.base}/lab/tree/{path}?reset&token={self.token}"

    def api(self, method: str, path: str, timeout: float = 10) -> object:
        request = urllib.request.Request(f"{self.base}{path}", method=method, headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shut_down_kernels(self) -> None:
        """Delete every session and kernel, so nothing carries over to the next notebook."""
        for session in self.api("GET", "/api/sessions") or []:
            try:
                self.api("DELETE", f"/api/sessions/{session['id']}")
            except urllib.error.HTTPError:
                pass
        for kernel in self.api("GET", "/api/kernels") or []:
            try:
                self.api("DELETE", f"/api/kernels/{kernel['id']}")
            except urllib.error.HTTPError:
                pass

    def clear_progress(self) -> None:
        """Forget every saved answer (the folder named by SUMMITKIT_HOME)."""
        if self.progress.exists():
            for item in self.progress.iterdir():
                if item.is_dir():
                    shutil.rmtree(item, ignore_errors=True)
                else:
                    item.unlink(missing_ok=True)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        """Stop the kernels, then the server (and anything it left behind)."""
        if self.proc.poll() is None:
            try:
                self.shut_down_kernels()
            except (OSError, urllib.error.URLError, ValueError):
                pass
        _stop_tree(self.proc)


def _stop_tree(proc: subprocess.Popen, grace: float = 10) -> None:
    try:
        import psutil

        children = psutil.Process(proc.pid).children(recursive=True) if proc.poll() is None else []
    except Exception:  # psutil missing or the process already gone
        children = []
    if proc.poll() is None:
        proc.terminate()  # SIGTERM: jupyter_server shuts down cleanly, without Ctrl+C's confirmation question
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
    for child in children:  # kernels the server did not stop
        try:
            if child.is_running():
                child.kill()
        except Exception:
            pass


def start_lab(workdir: Path, root: Path, progress: Path, data: Path, timeout: float = 90) -> LabServer:
    """Start ``jupyter lab`` (this Python's) on a free loopback port, with its own config, data and runtime dirs."""
    started = time.monotonic()
    jupyter = workdir / "jupyter"
    dirs = {name: jupyter / name for name in ("config", "data", "runtime")}
    for folder in dirs.values():
        folder.mkdir(parents=True, exist_ok=True)
    settings = jupyter / "app-settings"
    default_settings = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings"
    if default_settings.is_dir():
        shutil.copytree(default_settings, settings, dirs_exist_ok=True)
    settings.mkdir(parents=True, exist_ok=True)
    overrides = {}
    if (settings / "overrides.json").exists():
        try:
            overrides = json.loads((settings / "overrides.json").read_text())
        except ValueError:
            overrides = {}
    for plugin, values in OVERRIDES.items():
        overrides.setdefault(plugin, {}).update(values)
    (settings / "overrides.json").write_text(json.dumps(overrides, indent=1))
    progress.mkdir(parents=True, exist_ok=True)

    port, token = free_port(), secrets.token_hex(24)
    env = dict(os.environ)
    env.update(
        JUPYTER_CONFIG_DIR=str(dirs["config"]),
        JUPYTER_DATA_DIR=str(dirs["data"]),
        JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
        SUMMITKIT_HOME=str(progress),
        SUMMITKIT_DATA=str(data),
        PYTHONUNBUFFERED="1",
    )
    env.pop("JUPYTER_TOKEN", None)
    env.pop("JPY_SESSION_NAME", None)
    cmd = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser",
        "--ServerApp.ip=127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
        f"--ServerApp.token={token}", f"--ServerApp.root_dir={root}", "--allow-root",
        f"--LabApp.app_settings_dir={settings}", "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
    ]  # fmt: skip
    log = workdir / "jupyterlab.log"
    with open(log, "wb") as handle:
        proc = subprocess.Popen(
            cmd, cwd=root, env=env, stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
        )
    server = LabServer(root=root, progress=progress, port=port, token=token, proc=proc, log=log)
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with code {proc.returncode}:\n{server.log_tail()}")
        try:
            server.api("GET", "/api/status", timeout=2)
            break
        except (OSError, urllib.error.URLError, ValueError):
            if time.monotonic() > deadline:
                server.stop()
                raise RuntimeError(
                    f"jupyter lab did not answer /api/status within {timeout:.0f} s:\n{server.log_tail()}"
                ) from None
            time.sleep(0.2)
    server.started_in = time.monotonic() - started
    return server


# --------------------------------------------------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------------------------------------------------
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"

# Per cell: kind, prompt, source, and per output its mime type, text and whether a widget's own DOM is there.
_INSPECT_JS = """
(panelSel) => {
  const panel = document.querySelector(panelSel);
  if (!panel) return null;
  const widgetDom = (root) => [root, ...root.querySelectorAll('*')].some(
      e => [...e.classList].some(k => k.startsWith('widget-')));
  return [...panel.querySelectorAll('.jp-Notebook .jp-Cell')].map((c, i) => {
    const code = c.classList.contains('jp-CodeCell');
    const lines = [...c.querySelectorAll('.jp-InputArea-editor .cm-line')].map(l => l.textContent);
    return {
      index: i,
      kind: code ? 'code' : (c.classList.contains('jp-MarkdownCell') ? 'markdown' : 'raw'),
      prompt: code ? ((c.querySelector('.jp-InputPrompt') || {}).textContent || '').trim() : null,
      source: lines.join('\\n'),
      outputs: [...c.querySelectorAll('.jp-OutputArea-output')].map(o => {
        const r = o.getBoundingClientRect();
        return {
          mime: o.dataset.mimeType || null,
          text: (() => { const c = o.cloneNode(true); c.querySelectorAll('style, script').forEach(e => e.remove());
                         return (c.textContent || '').slice(0, 3000); })(),  // the words, not the stylesheet
          widget_dom: widgetDom(o),
          error_widget: !!o.querySelector('.jupyter-widgets-error-widget'),
          image: (o.dataset.mimeType || '').startsWith('image/'),
          width: r.width, height: r.height,
          overflow: o.scrollWidth > o.clientWidth + 2,
          cut_labels: [...o.querySelectorAll('label, span, .widget-label, .widget-html-content, option')].filter(e =>
            e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).textOverflow === 'ellipsis').map(e => e.textContent.trim()),
          beyond: Math.max(0, ...[...o.querySelectorAll('*')].map(e => {
            const b = e.getBoundingClientRect(); return b.width ? b.right - r.right : 0; })),
          scroll_width: o.scrollWidth, client_width: o.clientWidth,
        };
      }),
    };
  });
}
"""

# Resolves when the notebook's DOM has had no change for `quiet` ms (or after `limit` ms).
_SETTLE_JS = """
([panelSel, quiet, limit]) => new Promise(resolve => {
  const node = document.querySelector(panelSel) || document.body;
  const t0 = performance.now();
  let last = t0;
  const obs = new MutationObserver(() => { last = performance.now(); });
  obs.observe(node, {subtree: true, childList: true, characterData: true, attributes: true});
  const tick = () => {
    const now = performance.now();
    if (now - last >= quiet || now - t0 >= limit) { obs.disconnect(); resolve(now - t0); }
    else setTimeout(tick, 50);
  };
  setTimeout(tick, 50);
})
"""

# Close every document in the main area without the "save changes?" question (the notebooks are temp copies).
_CLOSE_ALL_JS = """
() => {
  const app = window.jupyterapp;
  for (const widget of Array.from(app.shell.widgets('main'))) {
    if (widget.context && widget.context.model) widget.context.model.dirty = false;
    widget.close();
  }
}
"""

_OPEN_JS = """
async (path) => { await window.jupyterapp.commands.execute('docmanager:open', {path, factory: 'Notebook'}); return true; }
"""

# Watches the notebook for a cell going busy ([*]) after Run All / Restart and Run All.
_WATCH_RUN_JS = """
(panelSel) => {
  const node = document.querySelector(panelSel);
  window.__summitRunSeen = false;
  const busy = () => [...node.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('*'));
  if (window.__summitRunObs) window.__summitRunObs.disconnect();
  window.__summitRunObs = new MutationObserver(() => { if (!window.__summitRunSeen && busy()) window.__summitRunSeen = true; });
  window.__summitRunObs.observe(node, {subtree: true, childList: true, characterData: true});
}
"""

_RUN_DONE_JS = """
([panelSel, idle]) => {
  const node = document.querySelector(panelSel);
  if (!node || !window.__summitRunSeen) return false;
  const prompts = [...node.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(p => p.textContent);
  if (prompts.some(p => p.includes('*'))) return false;
  const bar = document.querySelector('#jp-main-statusbar');
  return !!bar && bar.textContent.includes(idle);
}
"""

# Counts the widget messages (comm_msg) the page sends to the open notebook's kernel, each until the kernel says it is
# idle after it: installed on the kernel connection by LabPage.watch_widgets (wait_idle does it for every notebook).
_WATCH_COMMS_JS = """
() => {
  const w = window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session ? w.sessionContext.session.kernel : null;
  if (!k || !k.anyMessage) return false;
  if (!k.__summitOpen) {
    const open = new Set();
    k.__summitOpen = open;
    k.anyMessage.connect((_, args) => {
      const m = args.msg;
      if (args.direction === 'send' && m.header.msg_type === 'comm_msg') open.add(m.header.msg_id);
      else if (args.direction === 'recv' && m.header.msg_type === 'status' && m.content.execution_state === 'idle'
               && m.parent_header) open.delete(m.parent_header.msg_id);
    });
  }
  return true;
}
"""

# True once the kernel has handled every widget message sent, at two polls in a row (ipywidgets holds back an update
# while the one before it is unanswered, and sends it when the answer comes).
_COMMS_DONE_JS = """
() => {
  const w = window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session ? w.sessionContext.session.kernel : null;
  const done = !k || !k.__summitOpen || k.__summitOpen.size === 0;
  window.__summitCommsDone = done ? (window.__summitCommsDone || 0) + 1 : 0;
  return window.__summitCommsDone >= 2;
}
"""


def widgets_synced(page, timeout: float = 30) -> None:
    """Wait until the kernel has handled every widget change made in the page (a typed answer, a ticked box, a chosen
    option): a click sent before them would be handled first, on the old value."""
    page.evaluate("() => { window.__summitCommsDone = 0; }")
    page.wait_for_function(_COMMS_DONE_JS, timeout=timeout * 1000, polling=50)


def painted(page) -> None:
    """Wait until the browser has painted twice: what a scroll, a resize or a key press changed is on the screen."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))")


# Times, in the page, from the click on a button to the change of a question's feedback.
_ARM_TIMER_JS = """
(el, name) => {
  // el: a question (then `name` is the button to click) or a cell (re-run with Shift+Enter; the question is new).
  const root = name ? el : (el.closest('.jp-Cell') || el);
  const read = () => { const f = root.querySelector('.summit-feedback'); return f ? f.textContent.trim() : ''; };
  const before = read();
  const state = {start: null, end: null, text: null, before};
  window.__summitTimer = state;
  if (name) {
    const button = [...el.querySelectorAll('button')].find(b => b.textContent.trim() === name);
    if (button) button.addEventListener('click', () => { if (state.start === null) state.start = performance.now(); },
                                        {capture: true, once: true});
  } else document.addEventListener('keydown', (e) => {
    if (state.start === null && e.key === 'Enter' && e.shiftKey) state.start = performance.now(); }, {capture: true});
  const obs = new MutationObserver(() => {
    const now = read();
    if (state.end === null && now && now !== before) { state.end = performance.now(); state.text = now; obs.disconnect(); }
  });
  obs.observe(root, {subtree: true, childList: true, characterData: true});
  return before;
}
"""

_TIMER_DONE_JS = """() => { const t = window.__summitTimer;
  return t && t.end !== null ? {start: t.start, end: t.end, text: t.text} : null; }"""

# Every question on the page at once: id, text, button labels, feedback, warnings.
_QUESTIONS_JS = r"""
(panelSel) => [...document.querySelector(panelSel).querySelectorAll('.summit-question')].map((q, i) => {
  const text = q.textContent || '';
  const m = text.match(/\(question ([^)]+)\)/);
  const one = (sel) => { const e = q.querySelector(sel); return e ? e.textContent.trim() : ''; };
  const kind = ([...q.classList].find(c => c.startsWith('summit-kind-')) || '').slice('summit-kind-'.length);
  return {index: i, qid: m ? m[1] : '#' + (i + 1), kind, text: text.slice(0, 3000),
          buttons: [...q.querySelectorAll('button')].map(b => b.textContent.trim()),
          feedback: one('.summit-feedback'), alert: one('[role=alert]')};
})
"""


# axe on the outputs only: every WCAG 2.1 A/AA rule; the violations with their impact and the nodes they name.
_AXE_RUN_JS = """
async ([selector, tags]) => {
  if (!document.querySelector(selector)) return [];
  const result = await window.axe.run({include: [[selector]]}, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, tags: v.tags,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 300), summary: (n.failureSummary || '').slice(0, 300)}))}));
}
"""


def run_axe(page, axe_js: Path, selector: str = OUTPUTS, tags: tuple[str, ...] = AXE_TAGS) -> list[dict]:
    """axe-core's violations of the WCAG 2.1 A and AA rules in the elements ``selector`` matches (injected once per page load)."""
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(path=str(axe_js))
    return page.evaluate(_AXE_RUN_JS, [selector, list(tags)])


def serious(violations: list[dict]) -> list[dict]:
    """The violations axe rates serious or critical."""
    return [v for v in violations if v.get("impact") in ("serious", "critical")]


def describe_violations(violations: list[dict], limit: int = 3) -> list[str]:
    """One line per rule: its id, impact, how many nodes, and the first few of them."""
    out = []
    for v in violations:
        where = "; ".join(f"{n['target']} ({_short(n['summary'], 120)})" for n in v["nodes"][:limit])
        out.append(f"axe {v['id']} ({v['impact']}) × {len(v['nodes'])}: {v['help']}: {where}")
    return out


@dataclass
class QuestionReport:
    qid: str
    kind_hint: str
    button: str
    feedback: str = ""
    ms: float | None = None


@dataclass
class NotebookReport:
    """What checking one notebook found: problems fail the test; notes are observations for people."""

    path: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    questions: list[QuestionReport] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    screenshot: str | None = None


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cell_name(cell: dict) -> str:
    first = next((line for line in cell["source"].splitlines() if line.strip()), "")
    return f"cell {cell['index'] + 1} ({_short(first, 60)!r})" if first else f"cell {cell['index'] + 1}"


def problems_in_cells(cells: list[dict]) -> tuple[list[str], list[str]]:
    """Problems (and layout notes) in what the cells show after Run All: pure Python over the page's DOM facts."""
    problems: list[str] = []
    notes: list[str] = []
    stopped = False
    for cell in cells:
        if cell["kind"] != "code":
            continue
        name = _cell_name(cell)
        prompt = cell["prompt"] or ""
        if cell["source"].strip() and not re.search(r"\[\d+\]", prompt):
            if not stopped:
                problems.append(f"{name} did not run (prompt {prompt or 'empty'}): Run All stopped before it")
            stopped = True
        for out in cell["outputs"]:
            text, mime = out["text"], out["mime"]
            if mime == STDERR_MIME and ERROR_TEXT.search(text):
                problems.append(f"{name} shows an error: {_short(text, 400)}")
            elif WIDGET_FAILURE_TEXT.search(text) or out["error_widget"]:
                problems.append(f"{name}: a widget did not render: {_short(text) or 'error widget shown'}")
            elif mime in ("text/plain", "application/vnd.jupyter.stdout") and WIDGET_REPR.search(text):
                problems.append(f"{name}: a widget is shown as plain text (the front end did not render it): {_short(text)}")
            elif mime is None and not out["widget_dom"]:
                problems.append(f"{name}: an output has no widget DOM (nothing rendered): {_short(text) or 'empty'}")
            elif mime is None and out["height"] < 1:
                notes.append(f"{name}: a widget output has no height (hidden or off-screen)")
            if out["cut_labels"]:
                cut = "; ".join(repr(_short(t, 70)) for t in out["cut_labels"][:3])
                notes.append(f"{name}: {len(out['cut_labels'])} widget label(s) cut off with …, unreadable in full: {cut}")
            if out["beyond"] > 2 and not out["overflow"]:
                notes.append(
                    f"{name}: part of an output reaches {out['beyond']:.0f} px beyond the right edge of the notebook "
                    "(cut off or hidden)"
                )
            if out["overflow"]:
                notes.append(
                    f"{name}: an output is wider than the notebook ({out['scroll_width']} px in {out['client_width']} px): "
                    "a horizontal scroll bar"
                )
    return problems, notes


class LabPage:
    """One chromium page driving the test server's JupyterLab; reused for every notebook."""

    def __init__(self, page, server: LabServer) -> None:
        self.page = page
        self.server = server
        self.dialogs: list[str] = []
        self.needs_reload = False  # set after a failed test: the next notebook gets a freshly loaded JupyterLab
        page.on("dialog", lambda dialog: dialog.accept())  # e.g. "leave page with unsaved changes?"

    # ----- opening and running --------------------------------------------------------------------------------------
    def open(self, relpath: str | Path, timeout: float = 60, reload: bool = False) -> float:
        """Open a notebook with a fresh kernel (nothing else open) and wait for the kernel to be really idle.

        The first time (or with ``reload``) the page loads JupyterLab on a fresh workspace; later notebooks are opened
        in the running app (the old one closed unsaved, every kernel deleted), which saves the app's start-up.
        """
        page = self.page
        relpath = Path(relpath).as_posix()
        t0 = time.monotonic()
        self.dialogs = []
        reload, self.needs_reload = reload or self.needs_reload, False
        in_app = not reload and page.url.startswith(f"{self.server.base}/lab") and page.evaluate("() => !!window.jupyterapp")
        if in_app:
            page.evaluate(_CLOSE_ALL_JS)
            page.wait_for_function("() => !document.querySelector('.jp-NotebookPanel')", timeout=10_000)
            self.server.shut_down_kernels()
            page.evaluate(_OPEN_JS, relpath)
        else:
            page.goto("about:blank")
            self.server.shut_down_kernels()
            page.goto(self.server.lab_url(relpath), wait_until="domcontentloaded", timeout=timeout * 1000)
        page.locator(PANEL).first.wait_for(timeout=timeout * 1000)
        self.wait_idle(timeout=timeout, t0=t0, path=relpath)
        return time.monotonic() - t0

    def kernel_idle_on_server(self, path: str) -> bool:
        try:
            sessions = self.server.api("GET", "/api/sessions") or []
        except (OSError, ValueError):
            return False
        return any(s.get("path") == path and (s.get("kernel") or {}).get("execution_state") == "idle" for s in sessions)

    def wait_idle(self, timeout: float = 60, t0: float | None = None, path: str | None = None) -> None:
        """Wait for the status bar to say the real kernel is idle (and, given the notebook's path, the server to agree),
        accepting (and noting) any dialog on the way."""
        page = self.page
        idle = page.locator("#jp-main-statusbar").get_by_text(KERNEL_IDLE, exact=True)
        deadline = (t0 or time.monotonic()) + timeout
        while True:
            dialog = page.locator(".jp-Dialog")
            if dialog.count() and dialog.first.is_visible():
                title = _short(dialog.first.inner_text(), 200)
                self.dialogs.append(title)
                dialog.first.locator(".jp-Dialog-footer .jp-mod-accept").first.click()
            elif idle.count() and idle.first.is_visible() and (path is None or self.kernel_idle_on_server(path)):
                self.watch_widgets()
                return
            if time.monotonic() > deadline:
                bar = page.locator("#jp-main-statusbar")
                said = bar.inner_text() if bar.count() else "no status bar"
                raise TimeoutError(f"the kernel was not '{KERNEL_IDLE}' within {timeout:.0f} s (status bar: {_short(said)})")
            page.wait_for_timeout(100)

    def watch_widgets(self) -> bool:
        """Count the widget messages sent to the open notebook's kernel from now on (for :meth:`sync_widgets`)."""
        return self.page.evaluate(_WATCH_COMMS_JS)

    def sync_widgets(self, timeout: float = 30) -> None:
        """Wait until the kernel has handled every widget change made in the page (see :func:`widgets_synced`)."""
        self.watch_widgets()
        widgets_synced(self.page, timeout)

    def menu(self, top: str, item: str | re.Pattern) -> None:
        page = self.page
        page.get_by_role("menuitem", name=top, exact=True).click()
        if isinstance(item, str):
            page.get_by_role("menuitem", name=item, exact=True).click()
        else:
            page.get_by_role("menuitem", name=item).click()

    def _wait_run(self, timeout: float) -> float:
        t0 = time.monotonic()
        self.page.wait_for_function(_RUN_DONE_JS, arg=[PANEL, KERNEL_IDLE], timeout=timeout * 1000, polling=100)
        # Idle must hold (a cell may be queued behind a display update), and widgets render after the last output.
        self.settle(quiet_ms=300)
        self.page.wait_for_function(_RUN_DONE_JS, arg=[PANEL, KERNEL_IDLE], timeout=timeout * 1000, polling=100)
        self.settle()
        self.watch_widgets()
        return time.monotonic() - t0

    def run_all(self, timeout: float = 120) -> float:
        """Run → Run All Cells, and wait until every cell has finished and the page is still."""
        self.page.evaluate(_WATCH_RUN_JS, PANEL)
        self.menu("Run", "Run All Cells")
        if not self.page.locator(f"{PANEL} .jp-CodeCell").count():  # nothing will ever be busy
            self.settle()
            return 0.0
        return self._wait_run(timeout)

    def restart_and_run_all(self, timeout: float = 120) -> float:
        """Kernel → Restart Kernel and Run All Cells…, confirm, and wait until everything has run again."""
        self.page.evaluate(_WATCH_RUN_JS, PANEL)
        self.menu("Kernel", re.compile(r"^Restart Kernel and Run All Cells"))
        dialog = self.page.locator(".jp-Dialog")
        dialog.first.wait_for(timeout=10_000)
        dialog.first.locator(".jp-Dialog-footer .jp-mod-accept").first.click()
        return self._wait_run(timeout)

    def settle(self, quiet_ms: int = 400, limit_ms: int = 10_000) -> float:
        return self.page.evaluate(_SETTLE_JS, [PANEL, quiet_ms, limit_ms])

    def cells(self) -> list[dict]:
        found = self.page.evaluate(_INSPECT_JS, PANEL)
        if found is None:
            raise AssertionError("no notebook panel is open")
        return found

    def cell(self, index: int):
        return self.page.locator(f"{PANEL} .jp-Notebook .jp-Cell").nth(index)

    def questions(self):
        return self.page.locator(f"{PANEL} .summit-question")

    # ----- questions ------------------------------------------------------------------------------------------------
    def feedback_text(self, question) -> str:
        box = question.locator(".summit-feedback")
        return box.first.text_content().strip() if box.count() else ""

    def click_and_time(self, question, button_name: str, timeout: float = 15) -> tuple[str, float | None]:
        """Click a button of a question; wait for its feedback to change; the text and the in-page ms from click to change."""
        before = question.evaluate(_ARM_TIMER_JS, button_name)
        question.get_by_role("button", name=button_name, exact=True).first.click()
        return self._await_feedback(before, timeout)

    def run_cell_and_time(self, index: int, source: str, timeout: float = 30) -> tuple[str, float | None]:
        """Replace a code cell's text, run it with Shift+Enter; its new feedback and the in-page ms from the key to it."""
        page = self.page
        cell = self.cell(index)
        editor = cell.locator(".jp-InputArea-editor .cm-content").first
        editor.click()
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.insert_text(source)
        before = cell.evaluate(_ARM_TIMER_JS, None)
        page.keyboard.press("Shift+Enter")
        return self._await_feedback(before, timeout)

    def _await_feedback(self, before: str, timeout: float) -> tuple[str, float | None]:
        try:
            state = self.page.wait_for_function(_TIMER_DONE_JS, timeout=timeout * 1000, polling=20).json_value()
        except Exception:  # playwright's TimeoutError: the feedback never changed
            return before, None
        ms = state["end"] - state["start"] if state["start"] is not None else None
        return state["text"], ms

    def check_questions(self, report: NotebookReport, feedback_timeout: float = 15) -> None:
        """Every question widget has Check/Save (or is a code task); Check gives feedback (… No answer yet when unanswered)."""
        questions = self.questions()
        for info in self.page.evaluate(_QUESTIONS_JS, PANEL):
            qid, names, text = info["qid"], info["buttons"], info["text"]
            if info["alert"]:
                report.problems.append(f"question {qid} shows a warning: {_short(info['alert'])}")
            is_order = "↑" in names
            button = "Check" if "Check" in names else "Save" if "Save" in names else ""
            if not button:
                if (info["kind"] == "code" or "Compute the value" in text) and info["feedback"].startswith(VERDICTS):
                    report.questions.append(QuestionReport(qid, "code", "", info["feedback"]))
                    continue
                report.problems.append(
                    f"question {qid}: no Check or Save button (buttons: {names}) and not a code task "
                    f"with feedback (feedback: {info['feedback']!r})"
                )
                continue
            feedback, ms = self.click_and_time(questions.nth(info["index"]), button, timeout=feedback_timeout)
            if ms is None or not feedback:  # a click lost while the page was still connecting the widget: a learner clicks again
                self.settle()
                feedback, ms = self.click_and_time(questions.nth(info["index"]), button, timeout=feedback_timeout)
            report.questions.append(QuestionReport(qid, "order" if is_order else "", button, feedback, ms))
            if ms is None or not feedback:
                report.problems.append(f"question {qid}: clicking {button} gave no feedback in .summit-feedback")
            elif not feedback.startswith(VERDICTS):
                report.problems.append(f"question {qid}: feedback does not start with a verdict: {_short(feedback)!r}")
            elif not feedback.startswith("… No answer yet"):  # an untouched order question is no answer either
                report.problems.append(f"question {qid}: unanswered, but {button} said {_short(feedback)!r}")

    # ----- screenshots ----------------------------------------------------------------------------------------------
    def screenshot_cells(self, target: Path, indexes: list[int], max_height: int = 4000) -> Path:
        """Screenshots of some cells, stacked into one PNG. A cell taller than the window gets a taller window for its
        shot (the notebook scrolls inside its own panel, so a plain element shot would show the rest of the UI)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        page = self.page
        viewport = page.viewport_size or {"width": 1280, "height": 900}
        shots = []
        try:
            for index in sorted(set(indexes)):  # in notebook order
                cell = self.cell(index)
                try:
                    height = cell.evaluate("(c) => c.getBoundingClientRect().height")
                    want = min(max(viewport["height"], int(height) + 300), max_height)
                    if want != (page.viewport_size or viewport)["height"]:
                        page.set_viewport_size({"width": viewport["width"], "height": want})
                        self.settle(quiet_ms=150)
                    cell.evaluate("(c) => c.scrollIntoView({block: 'start'})")
                    painted(page)
                    shots.append(cell.screenshot(timeout=10_000, animations="disabled"))
                except Exception:  # a shot is a record for people, never a test failure
                    continue
        finally:
            if page.viewport_size != viewport:
                page.set_viewport_size(viewport)
        if not shots:
            self.page.screenshot(path=str(target))
            return target
        try:
            import io

            from PIL import Image
        except ImportError:  # Pillow comes with matplotlib; without it keep the first shot only
            target.write_bytes(shots[0])
            return target
        images = [Image.open(io.BytesIO(s)).convert("RGB") for s in shots]
        gap = 12
        width = max(im.width for im in images)
        sheet = Image.new("RGB", (width, sum(im.height for im in images) + gap * (len(images) - 1)), (200, 200, 200))
        y = 0
        for im in images:
            sheet.paste(im, (0, y))
            y += im.height + gap
        sheet.save(target)
        return target


def check_open_notebook(
    lab: LabPage, path: str, click: bool = True, screenshot: Path | None = None, feedback_timeout: float = 15
) -> NotebookReport:
    """The checks every notebook must pass, on the notebook open in ``lab`` after Run All; problems listed, none raised."""
    report = NotebookReport(path=path)
    for title in lab.dialogs:
        report.problems.append(f"a dialog interrupted opening the notebook: {title!r}")
    cells = lab.cells()
    problems, notes = problems_in_cells(cells)
    report.problems += problems
    report.notes += notes
    panel_text = lab.page.locator(PANEL).first.text_content() or ""
    if WIDGET_FAILURE_TEXT.search(panel_text) and not any("did not render" in p for p in report.problems):
        report.problems.append(f"the notebook shows widget failure text: {WIDGET_FAILURE_TEXT.search(panel_text).group(0)!r}")
    if click:
        lab.check_questions(report, feedback_timeout=feedback_timeout)
    if screenshot is not None:
        picks = [0]
        question_cells = [c["index"] for c in cells if any("(question " in o["text"] for o in c["outputs"])]
        figure_cells = [c["index"] for c in cells if any(o["image"] for o in c["outputs"])]
        picks += question_cells[:1] + figure_cells[:1]
        if len(picks) == 1:  # no question, no figure: the first cell that shows anything
            picks += [c["index"] for c in cells if c["outputs"]][:1]
        report.screenshot = str(lab.screenshot_cells(screenshot, picks))
    return report


def cell_index(lab: LabPage, needle: str) -> int:
    """The index of the one cell of the open notebook whose source holds ``needle``."""
    found = [c["index"] for c in lab.cells() if needle in c["source"]]
    assert len(found) == 1, f"expected one cell with {needle!r}, found {len(found)}"
    return found[0]


def open_and_run(lab: LabPage, relpath: str) -> None:
    """Forget saved answers, open ``relpath``, Run All, and fail unless it ran clean."""
    lab.server.clear_progress()
    lab.open(relpath)
    lab.run_all()
    report = check_open_notebook(lab, relpath, click=False)
    assert not report.problems, f"{relpath} does not run clean:\n  " + "\n  ".join(report.problems)
