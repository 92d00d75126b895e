"""Build the course as a JupyterLite site: JupyterLab and a Python kernel (Pyodide) that run in the browser.

    python3 run.py lite              the student site in dist/lite/ (no solutions), opening at 00_start_here
    python3 run.py lite --teacher    the teacher site in dist/lite-teacher/ (solutions/ and the class dashboard)
    python3 run.py lite --fetch      only fetch Pyodide's core with npm into .cache/lite/ (CI runs this)

Nothing in the site reaches the internet by itself. The kernel's files come from package registries at build
time and are shipped in the site:

- Pyodide's core (the interpreter and its standard library) from the npm package ``pyodide``;
- the pure-Python wheels the kernel loads at start (IPython and its dependencies, jedi, micropip, ...): the
  versions ``pyodide-lock.json`` names, downloaded from PyPI; the lock's sha256 entries are rewritten to the
  files actually shipped, since PyPI's builds are not byte-identical to Pyodide's;
- ``comm`` and ``ipywidgets`` from PyPI (the versions installed here, in step with the widget front end), the
  kernel's own wheels from ``jupyterlite-pyodide-kernel``, and the course package built from this checkout
  (its data inside) -- all preloaded when the kernel starts, so no notebook needs a ``%pip`` cell.

Compiled packages (matplotlib, numpy, ...) exist for Pyodide only on its CDN. Their lock entries point there,
so a page that is online can load them when a figure must be redrawn; offline the lessons show the figures
``run.py build`` drew. ``disablePyPIFallback`` keeps ``%pip`` from reaching PyPI.

Downloads are cached in ``.cache/lite/`` (git-ignored); a site whose inputs have not changed is not rebuilt.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "lite"
#: The Pyodide that jupyterlite-pyodide-kernel 0.8.6 is built for (its PYODIDE_VERSION).
PYODIDE_VERSION = "314.0.6"
PYODIDE_CDN = f"https://cdn.jsdelivr.net/pyodide/v{PYODIDE_VERSION}/full/"
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"


@dataclass(frozen=True)
class Flavour:
    """What one kind of site holds."""

    name: str
    out: str  # folder under dist/
    folders: tuple[str, ...]  # course folders in the browser's file browser
    start: str  # the notebook the site opens at
    title: str


STUDENT = Flavour(
    "student",
    "lite",
    ("notebooks", "exercises"),
    "notebooks/00_start_here.ipynb",
    "Vladivostok 2019: the Putin–Kim summit in two analyses",
)
TEACHER = Flavour(
    "teacher",
    "lite-teacher",
    ("notebooks", "exercises", "solutions"),
    "solutions/teacher_class_dashboard.ipynb",
    "Vladivostok 2019 (teacher's copy, with solutions)",
)

#: Wheels from PyPI at the version installed in this environment (ipywidgets must match the widget front end).
PYPI_WHEELS = ("comm", "ipywidgets")
#: Wheels that jupyterlite-pyodide-kernel ships for its kernel (``static/pypi`` of its lab extension).
KERNEL_WHEELS = ("pyodide-kernel", "ipykernel", "piplite")
#: Loaded by ``loadPyodide`` when the kernel starts, from the site's own files (the kernel then skips its piplite
#: installs for the first seven); the course package and the widgets are ready before the first cell runs.
PRELOAD = ("micropip", "piplite", "ipykernel", "comm", "pyodide-kernel", "jedi", "ipython", "ipywidgets", "summitkit")
#: What our own lock entries import and depend on (PyPI metadata names packages Pyodide does not need, such as
#: widgetsnbextension and jupyterlab_widgets, which are front-end code).
DEPENDS = {
    "comm": ["traitlets"],
    "ipywidgets": ["comm", "ipython", "traitlets"],
    "pyodide-kernel": ["comm", "ipython"],
    "ipykernel": [],
    "piplite": ["micropip"],
    "summitkit": [],
}
#: Front-end settings: no news pop-up over the widgets.
OVERRIDES = {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}}
_SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "class-exports", "summitkit")


class LiteError(RuntimeError):
    """A build step that cannot go on, with what to do about it."""


def say(message: str) -> None:
    print(f"[lite] {message}", flush=True)


def _canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ----------------------------------------------------------------------------------------------------------------
# Fetching (cached)
# ----------------------------------------------------------------------------------------------------------------
def pyodide_dir(cache: Path = CACHE, fetch: bool = True) -> Path:
    """Pyodide's core files from the npm package ``pyodide`` (fetched once with npm into the cache)."""
    prefix = cache / f"npm-pyodide-{PYODIDE_VERSION}"
    folder = prefix / "node_modules" / "pyodide"
    try:
        if (
            json.loads((folder / "package.json").read_text())["version"] == PYODIDE_VERSION
            and (folder / "pyodide-lock.json").is_file()
        ):
            return folder
    except (OSError, ValueError, KeyError):
        pass
    if not fetch:
        raise LiteError(f"Pyodide {PYODIDE_VERSION} is not in {prefix}: run 'python3 run.py lite --fetch' (needs npm)")
    npm = shutil.which("npm")
    if npm is None:
        raise LiteError("npm is needed once, to fetch Pyodide's core files (the npm package 'pyodide'): install Node.js and npm")
    say(f"fetching Pyodide {PYODIDE_VERSION} with npm into {prefix.relative_to(ROOT) if ROOT in prefix.parents else prefix} ...")
    prefix.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            npm,
            "install",
            "--no-save",
            "--no-package-lock",
            "--no-audit",
            "--no-fund",
            "--ignore-scripts",
            "--prefix",
            str(prefix),
            f"pyodide@{PYODIDE_VERSION}",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return pyodide_dir(cache, fetch=False)


def pypi_wheel(name: str, version: str, cache: Path = CACHE) -> Path:
    """The pure-Python wheel of ``name==version`` from PyPI (downloaded once into the cache)."""
    folder = cache / "wheels"
    folder.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[-_.]+", "_", name).lower()

    def found() -> Path | None:
        for path in folder.glob("*.whl"):
            parts = path.name.split("-")
            if re.sub(r"[-_.]+", "_", parts[0]).lower() == stem and parts[1] == version and path.name.endswith("-none-any.whl"):
                return path
        return None

    if (hit := found()) is not None:
        return hit
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--quiet",
        "--no-deps",
        "--only-binary=:all:",
        "--platform",
        "any",
        "--python-version",
        "3.14",
        "--implementation",
        "py",
        "--dest",
        str(folder),
        f"{name}=={version}",
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0 or (hit := found()) is None:
        raise LiteError(f"could not download a pure-Python wheel of {name}=={version} from PyPI:\n{proc.stderr.strip()[-800:]}")
    return hit


def course_wheel(root: Path, dest: Path) -> Path:
    """The course package as a wheel (its data bundled), built from ``root``."""
    dest.mkdir(parents=True, exist_ok=True)
    for old in dest.glob("summitkit-*.whl"):
        old.unlink()
    cmd = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(dest), str(root)]
    try:
        import hatchling  # noqa: F401 - present with the 'lite' extra: build without a fresh isolated environment

        cmd.insert(5, "--no-build-isolation")
    except ImportError:
        pass
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wheels = sorted(dest.glob("summitkit-*.whl"))
    if proc.returncode != 0 or not wheels:
        raise LiteError(f"could not build the course wheel:\n{proc.stderr.strip()[-800:]}")
    return wheels[0]


def kernel_wheels() -> dict[str, Path]:
    """The kernel's own wheels, as installed with jupyterlite-pyodide-kernel (``share/jupyter/labextensions``)."""
    folder = (
        Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyterlite" / "pyodide-kernel-extension" / "static" / "pypi"
    )
    out = {}
    for path in sorted(folder.glob("*.whl")):
        name = _canon(path.name.split("-")[0])
        if name in KERNEL_WHEELS:
            out[name] = path
    missing = set(KERNEL_WHEELS) - set(out)
    if missing:
        raise LiteError(f"jupyterlite-pyodide-kernel's wheels {sorted(missing)} are not in {folder}: pip install -e '.[lite]'")
    return out


def wheel_meta(path: Path) -> tuple[str, str, list[str]]:
    """(name, version, top-level import names) of a wheel, from its own metadata and file list."""
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
        text = zf.read(meta).decode("utf-8")
    name = re.search(r"^Name: (.+)$", text, re.M).group(1).strip()
    version = re.search(r"^Version: (.+)$", text, re.M).group(1).strip()
    tops = set()
    for entry in names:
        first = entry.split("/")[0]
        if first.endswith((".dist-info", ".data")):
            continue
        tops.add(first[:-3] if first.endswith(".py") and "/" not in entry else first)
    return name, version, sorted(t for t in tops if t.isidentifier())


# ----------------------------------------------------------------------------------------------------------------
# The lock
# ----------------------------------------------------------------------------------------------------------------
def _closure(lock: dict, start: list[str]) -> list[str]:
    seen: list[str] = []
    todo = [_canon(n) for n in start]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.append(name)
        todo += [_canon(d) for d in lock[name]["depends"]]
    return sorted(seen)


def make_lock(core: Path, target: Path, ours: dict[str, Path], preload: tuple[str, ...] = PRELOAD) -> dict[str, str]:
    """Write Pyodide's core and a patched ``pyodide-lock.json`` into ``target``; return {file shipped: sha256}.

    ``ours`` are wheels we add (name -> wheel). Every lock package the preloaded ones need is shipped as a file
    beside the lock, with the sha256 of that very file; every other package points at Pyodide's CDN, unchanged.
    """
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(
        core, target, ignore=shutil.ignore_patterns("*.map", "*.d.ts", "package.json", "README.md", "console*.html", "pyodide.js")
    )
    lock = json.loads((core / "pyodide-lock.json").read_text(encoding="utf-8"))
    packages = {_canon(k): v for k, v in lock["packages"].items()}
    for name, wheel in ours.items():
        wname, version, imports = wheel_meta(wheel)
        packages[name] = {
            "name": wname,
            "version": version,
            "file_name": wheel.name,
            "install_dir": "site",
            "sha256": "",
            "package_type": "package",
            "imports": imports,
            "depends": DEPENDS.get(name, []),
            "unvendored_tests": False,
        }
    shipped: dict[str, str] = {}
    for name in _closure(packages, list(preload)):
        entry = packages[name]
        if name in ours:
            source = ours[name]
        elif entry["file_name"].endswith("-none-any.whl"):
            source = pypi_wheel(entry["name"], entry["version"])
        else:
            raise LiteError(f"the kernel needs {entry['name']}, a compiled package only Pyodide's CDN has: it cannot be shipped")
        shutil.copy2(source, target / entry["file_name"])
        entry["sha256"] = _sha256(target / entry["file_name"])
        shipped[entry["file_name"]] = entry["sha256"]
    for entry in packages.values():
        if entry["file_name"] not in shipped and "://" not in entry["file_name"]:
            entry["file_name"] = PYODIDE_CDN + entry["file_name"]  # online only (matplotlib, numpy, ...)
    lock["packages"] = dict(sorted(packages.items()))
    (target / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return shipped


def check_lock(site: Path) -> list[str]:
    """Problems with a built site's lock: a shipped file whose sha256 differs, or a local entry with no file."""
    folder = site / "static" / "pyodide"
    lock = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))
    problems = []
    for name, entry in lock["packages"].items():
        if "://" in entry["file_name"]:
            if not entry["file_name"].startswith(PYODIDE_CDN):
                problems.append(f"{name}: points outside the site and Pyodide's CDN: {entry['file_name']}")
            continue
        path = folder / entry["file_name"]
        if not path.is_file():
            problems.append(f"{name}: {entry['file_name']} is not in the site")
        elif _sha256(path) != entry["sha256"]:
            problems.append(f"{name}: the sha256 of {entry['file_name']} differs from the lock's")
    return problems


# ----------------------------------------------------------------------------------------------------------------
# The site
# ----------------------------------------------------------------------------------------------------------------
def stale_figures(root: Path) -> list[str]:
    """Lesson figures whose picture no longer matches the data or code (they could not be redrawn offline)."""
    code = (
        "import json, sys\nfrom summitkit.figures import load_all, prebuilt\n"
        "print(json.dumps([n for n in load_all() if prebuilt(n) is None]))"
    )
    env = dict(os.environ, SUMMITKIT_DATA=str(root / "data"), PYTHONPATH=str(root / "src"))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=root)
    if proc.returncode != 0:
        raise LiteError(f"could not check the lesson figures:\n{proc.stderr.strip()[-800:]}")
    return json.loads(proc.stdout)


def _inputs_key(root: Path, flavour: Flavour) -> str:
    """A fingerprint of everything a site is built from (a site with the same key is not rebuilt)."""
    digest = hashlib.sha256()
    files = [Path(__file__), root / "pyproject.toml"]
    for folder in (*flavour.folders, "src", "data"):
        files += sorted(
            p
            for p in (root / folder).rglob("*")
            if p.is_file()
            and "__pycache__" not in p.parts
            and ".ipynb_checkpoints" not in p.parts
            and "class-exports" not in p.parts
        )
    for path in files:
        digest.update(str(path.relative_to(root) if root in path.parents else path.name).encode())
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    from importlib.metadata import version

    for dist in ("jupyterlite-core", "jupyterlite-pyodide-kernel", "jupyterlab-widgets", *PYPI_WHEELS):
        digest.update(f"{dist}={version(dist)}".encode())
    return digest.hexdigest()


def _index_html(flavour: Flavour) -> str:
    target = f"lab/index.html?path={flavour.start}"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{flavour.title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script id="jupyter-config-data" type="application/json" data-jupyter-lite-root=".">{{}}</script>
<script>
if (location.protocol === "file:") {{
  document.addEventListener("DOMContentLoaded", () => {{ document.getElementById("file").hidden = false; }});
}} else {{ location.replace({json.dumps(target)}); }}
</script></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 2em auto; line-height: 1.4">
<h1>{flavour.title}</h1>
<p><a href="{target}">Open the course</a> (it runs in this browser: nothing to install).</p>
<div id="file" hidden><p><b>This page was opened as a file.</b> The course needs to be served by a web server, even
a local one. In this folder, run <code>python3 -m http.server 8000</code> and open
<a href="http://localhost:8000/">http://localhost:8000/</a>.</p></div>
</body></html>
"""


def _stage(root: Path, flavour: Flavour, work: Path) -> tuple[Path, Path, dict[str, str]]:
    """The lite folder (config, Pyodide, wheels) and the contents folder for one site."""
    if work.exists():
        shutil.rmtree(work)
    lite, content = work / "lite", work / "content"
    lite.mkdir(parents=True)
    content.mkdir()
    for folder in flavour.folders:
        shutil.copytree(root / folder, content / folder, ignore=_SKIP, symlinks=False)
    shipped = _stage_kernel(lite, flavour.title, {"summitkit": course_wheel(root, work / "wheel")}, PRELOAD)
    return lite, content, shipped


def _stage_kernel(lite: Path, title: str, extra: dict[str, Path], preload: tuple[str, ...]) -> dict[str, str]:
    """Pyodide, the wheels (the widgets', the kernel's and ``extra``) and the config, in the lite folder."""
    from importlib.metadata import version

    ours = {_canon(n): pypi_wheel(n, version(n)) for n in PYPI_WHEELS}
    ours.update(kernel_wheels())
    ours.update(extra)
    shipped = make_lock(pyodide_dir(), lite / "static" / "pyodide", ours, preload)
    config = {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": title,
            "exposeAppInBrowser": True,  # window.jupyterapp, for the browser test
            "litePluginSettings": {
                KERNEL_PLUGIN: {
                    "disablePyPIFallback": True,
                    "loadPyodideOptions": {"packages": list(preload)},
                }
            },
        },
    }
    (lite / "jupyter-lite.json").write_text(json.dumps(config, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (lite / "overrides.json").write_text(json.dumps(OVERRIDES, indent=1) + "\n", encoding="utf-8")
    return shipped


def _jupyter_lite_build(lite: Path, content: Path, out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    cmd = [
        sys.executable,
        "-m",
        "jupyterlite_core",
        "build",
        "--lite-dir",
        str(lite),
        "--output-dir",
        str(out),
        "--contents",
        str(content),
        "--apps",
        "lab",
        "--no-sourcemaps",
        "--no-unused-shared-packages",
        "--settings-overrides",
        str(lite / "overrides.json"),
    ]
    proc = subprocess.run(cmd, cwd=lite, capture_output=True, text=True)
    if proc.returncode != 0:
        raise LiteError(f"jupyter lite build failed:\n{(proc.stdout + proc.stderr).strip()[-2000:]}")


#: The bare site's kernel: the course's, without the course package.
BARE_PRELOAD = tuple(name for name in PRELOAD if name != "summitkit")


def build_bare_site(out: Path, notebook: dict, name: str = "bare.ipynb") -> Path:
    """A site built with the same tools, JupyterLite, Pyodide and widgets as the course's, holding one notebook and no
    course package: the baseline the benchmark measures the course against."""
    work = CACHE / "work-bare"
    if work.exists():
        shutil.rmtree(work)
    lite, content = work / "lite", work / "content"
    lite.mkdir(parents=True)
    content.mkdir()
    (content / name).write_text(json.dumps(notebook, indent=1) + "\n", encoding="utf-8")
    _stage_kernel(lite, "A bare JupyterLite notebook", {}, BARE_PRELOAD)
    say("building the bare site ...")
    _jupyter_lite_build(lite, content, out)
    return out


def build_site(root: Path = ROOT, flavour: Flavour = STUDENT, out: Path | None = None, force: bool = False) -> Path:
    """Build (or reuse, when its inputs are unchanged) one site; return its folder."""
    out = out or root / "dist" / flavour.out
    key = _inputs_key(root, flavour)
    stamp = out / ".summit-lite.json"
    try:
        if not force and json.loads(stamp.read_text())["key"] == key and not check_lock(out):
            say(f"{out} is up to date")
            return out
    except (OSError, ValueError, KeyError):
        pass
    stale = stale_figures(root)
    if stale:
        raise LiteError(
            f"the lesson figures {stale} are out of date with the data or code, and the site cannot redraw them "
            "offline: run 'python3 run.py build' first"
        )
    work = CACHE / f"work-{flavour.name}"
    lite, content, shipped = _stage(root, flavour, work)
    say(f"building the {flavour.name} site ...")
    _jupyter_lite_build(lite, content, out)
    (out / "index.html").write_text(_index_html(flavour), encoding="utf-8")
    (out / ".nojekyll").write_text("", encoding="utf-8")  # GitHub Pages: serve every file as it is
    add_course_update(out)  # learners' kept copies of notebooks the teacher changed give way to the new ones
    problems = check_lock(out) + check_site(out, flavour)
    if problems:
        raise LiteError("the built site is not sound:\n- " + "\n- ".join(problems))
    stamp.write_text(
        json.dumps({"key": key, "flavour": flavour.name, "pyodide": PYODIDE_VERSION, "shipped": len(shipped)}, indent=1) + "\n",
        encoding="utf-8",
    )
    return out


def site_files(site: Path) -> list[str]:
    """The course files in a site's contents (``files/``), relative to it."""
    files = site / "files"
    return sorted(p.relative_to(files).as_posix() for p in files.rglob("*") if p.is_file())


def check_site(site: Path, flavour: Flavour) -> list[str]:
    """Problems with a built site: a missing start notebook, solutions in a student site, a wrong kernel config."""
    problems = []
    files = site_files(site)
    if flavour.start not in files:
        problems.append(f"{flavour.start} is not in the site")
    if flavour is STUDENT and [f for f in files if f.startswith("solutions/") or "teacher" in f]:
        problems.append("the student site holds teacher files")
    config = json.loads((site / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    kernel = config.get("litePluginSettings", {}).get(KERNEL_PLUGIN, {})
    if not kernel.get("disablePyPIFallback"):
        problems.append("disablePyPIFallback is not set: the page could reach PyPI")
    if not str(kernel.get("pyodideUrl", "")).startswith("./static/pyodide/"):
        problems.append(f"the kernel does not load the site's own Pyodide (pyodideUrl {kernel.get('pyodideUrl')!r})")
    if _HOOK not in (site / "lab" / "index.html").read_text(encoding="utf-8") or not (site / UPDATER).is_file():
        problems.append("lab/index.html does not run the course-update step: republishing would leave learners on old notebooks")
    try:
        manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
        if manifest != course_manifest(site):
            problems.append(f"{MANIFEST} does not match the site's notebooks")
    except (OSError, ValueError):
        problems.append(f"{MANIFEST} is missing or unreadable")
    return problems


def size_report(site: Path) -> dict[str, float]:
    """The site's size in MiB: all of it, Pyodide's core, the shipped wheels, the course files."""

    def mib(paths) -> float:
        return round(sum(p.stat().st_size for p in paths if p.is_file()) / 2**20, 1)

    pyodide = site / "static" / "pyodide"
    return {
        "total_mib": mib(site.rglob("*")),
        "files": sum(1 for p in site.rglob("*") if p.is_file()),
        "pyodide_core_mib": mib(p for p in pyodide.iterdir() if not p.name.endswith(".whl")),
        "wheels_mib": mib(pyodide.glob("*.whl")),
        "course_files_mib": mib((site / "files").rglob("*")),
    }


# ----------------------------------------------------------------------------------------------------------------
# Republishing: learners' browsers keep their own copies of the notebooks they opened; a new site refreshes those
# the learner has not edited, and keeps their answers (.summit_course/ is never touched)
# ----------------------------------------------------------------------------------------------------------------
#: What the site says about its course notebooks (written by the build, read by the page at start).
MANIFEST = "course-version.json"
#: The start-up step, run by lab/index.html before JupyterLab loads.
UPDATER = "summit-course-update.js"
_APP_IMPORT = re.compile(r"await import\(\s*'\.\./config-utils\.js")
_HOOK = "/* summit: course update */"


def fingerprint(notebook: dict) -> str:
    """A short fingerprint of what a notebook says: each cell's type and source (not outputs, counts or metadata).

    FNV-1a (32 bits) over the UTF-16 code units, as the page's start-up step computes it on the copy in the browser's
    storage (a copy whose cells were run, but not edited, has the same fingerprint as the file it came from).

    >>> fingerprint({"cells": [{"cell_type": "code", "source": ["a = 1\\n", "b"]}]}) == fingerprint(
    ...     {"cells": [{"cell_type": "code", "source": "a = 1\\nb", "outputs": [1]}]})
    True
    """
    text = "".join(
        f"{cell.get('cell_type', '')}\u0000{_source(cell.get('source', ''))}\u0001"
        for cell in notebook.get("cells", [])
        if isinstance(cell, dict)
    )
    value = 0x811C9DC5
    data = text.encode("utf-16-le", "surrogatepass")
    for i in range(0, len(data), 2):
        value ^= data[i] | (data[i + 1] << 8)
        value = (value * 0x01000193) & 0xFFFFFFFF
    return f"{value:08x}"


def _source(source: object) -> str:
    return "".join(source) if isinstance(source, list) else str(source)


def course_manifest(site: Path) -> dict:
    """{"version": ..., "notebooks": {path: fingerprint}} for the notebooks in a built site's contents."""
    notebooks = {}
    for path in site_files(site):
        if path.endswith(".ipynb"):
            notebooks[path] = fingerprint(json.loads((site / "files" / path).read_text(encoding="utf-8")))
    version = hashlib.sha256(json.dumps(notebooks, sort_keys=True).encode()).hexdigest()[:16]
    return {"version": version, "notebooks": notebooks}


UPDATE_JS = r"""// Written by tools/lite_site.py. Runs before JupyterLab loads (lab/index.html imports it).
// A learner's browser keeps its own copy of every notebook the learner saved (JupyterLab autosaves after Run All), and
// that copy hides the site's file for good. When the teacher republishes, this step deletes the kept copy of every
// course notebook the teacher changed, unless the learner edited its cells: the new notebook then shows. Answers live
// in .summit_course/progress.json, which this step never touches; a notebook the learner edited is kept as it is.
const BASE = new URL('./', import.meta.url);
const KEY = 'summit-course-version ' + BASE.pathname;

export function fingerprint(notebook) {  // as tools/lite_site.py's fingerprint(): FNV-1a over UTF-16 code units
  let h = 0x811c9dc5;
  for (const cell of (notebook && notebook.cells) || []) {
    const source = Array.isArray(cell.source) ? cell.source.join('') : String(cell.source ?? '');
    const text = `${cell.cell_type ?? ''}\u0000${source}\u0001`;
    for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  }
  return h.toString(16).padStart(8, '0');
}

const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });

async function openStorage() {  // JupyterLite's own database ("JupyterLite Storage - <base path>"), if it exists yet
  const name = 'JupyterLite Storage - ' + BASE.pathname;
  const opening = indexedDB.open(name);
  let created = false;
  opening.onupgradeneeded = () => { created = true; opening.transaction.abort(); };
  try { return await request(opening); } catch (e) { if (created) return null; throw e; }
}

async function refetch(before, now) {
  // The browser may still hold the old files in its HTTP cache (a static host lets it keep them a while, and JupyterLite
  // fetches them plainly): fetch the changed notebooks and the folder listings again, which also updates that cache.
  const encode = (path) => path.split('/').map(encodeURIComponent).join('/');
  const urls = new Set(['api/contents/all.json']);
  for (const [path, print] of Object.entries(now.notebooks)) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) urls.add(`api/contents/${encode(parts.slice(0, i).join('/'))}/all.json`);
    if (before.notebooks[path] !== print) urls.add('files/' + encode(path));
  }
  await Promise.all([...urls].map((url) => fetch(new URL(url, BASE), {cache: 'reload'}).catch(() => null)));
}

export async function refresh() {
  const response = await fetch(new URL('course-version.json', BASE), {cache: 'no-cache'});
  if (!response.ok) return;
  const now = await response.json();
  const before = JSON.parse(localStorage.getItem(KEY) || 'null');
  const report = {version: now.version, from: before && before.version, refreshed: [], kept: []};
  if (before && before.version !== now.version) {
    const db = await openStorage();
    try {
      for (const [path, print] of (db && db.objectStoreNames.contains('files')) ? Object.entries(now.notebooks) : []) {
        const old = before.notebooks[path];
        if (!old || old === print) continue;  // new in this version, or not changed by the teacher
        const stores = ['files', 'checkpoints'].filter((s) => db.objectStoreNames.contains(s));
        const tx = db.transaction(stores, 'readwrite');
        const kept = await request(tx.objectStore('files').get(path));
        if (kept) {
          let content = kept.content;
          try { if (typeof content === 'string') content = JSON.parse(content); } catch (e) { content = null; }
          if (content && fingerprint(content) === old) {
            stores.forEach((s) => tx.objectStore(s).delete(path));
            report.refreshed.push(path);
          } else {
            report.kept.push(path);  // the learner edited it: theirs stays (renaming it brings the new one)
          }
        }
        await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); tx.onabort = () => reject(tx.error); });
      }
    } finally {
      if (db) db.close();
    }
  }
  if (before && before.version !== now.version) await refetch(before, now);
  localStorage.setItem(KEY, JSON.stringify(now));
  localStorage.setItem('summit-course-update ' + BASE.pathname, JSON.stringify(report));
  if (report.refreshed.length || report.kept.length) console.info('summit course update', report);
}
"""


def add_course_update(site: Path) -> dict:
    """Write the manifest and the start-up step into a built site and hook the step into ``lab/index.html``."""
    manifest = course_manifest(site)
    (site / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    (site / UPDATER).write_text(UPDATE_JS, encoding="utf-8")
    page = site / "lab" / "index.html"
    html = page.read_text(encoding="utf-8")
    if _HOOK not in html:
        hook = (
            f"{_HOOK} try {{ await (await import('../{UPDATER}?v={manifest['version']}')).refresh(); }}"
            " catch (e) { console.warn('summit course update failed', e); }\n        "
        )
        html, found = _APP_IMPORT.subn(lambda m: hook + m.group(0), html, count=1)
        if not found:
            raise LiteError(
                "lab/index.html no longer imports ../config-utils.js as this tool expects: the course-update step "
                "cannot be hooked in (see docs/developing.md, JupyterLite)"
            )
        page.write_text(html, encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run.py lite", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--teacher", action="store_true", help="the teacher's site (solutions and the dashboard) in dist/lite-teacher/"
    )
    parser.add_argument("--out", help="folder to build into (default: dist/lite or dist/lite-teacher)")
    parser.add_argument("--fetch", action="store_true", help="only fetch Pyodide's core with npm into .cache/lite/")
    parser.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    args = parser.parse_args(argv)
    flavour = TEACHER if args.teacher else STUDENT
    try:
        if args.fetch:  # what pip cannot fetch (CI runs this); the wheels come with the build, through pip
            say(f"Pyodide core: {pyodide_dir()}")
            return 0
        site = build_site(ROOT, flavour, Path(args.out).resolve() if args.out else None, force=args.force)
    except LiteError as exc:
        print(f"[lite] cannot build: {exc}", file=sys.stderr)
        return 1
    size = size_report(site)
    say(f"{flavour.name} site: {site} ({size['total_mib']} MiB in {size['files']} files)")
    say(f"try it: python3 -m http.server 8000 --bind 127.0.0.1 --directory {site}   then open http://127.0.0.1:8000/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
