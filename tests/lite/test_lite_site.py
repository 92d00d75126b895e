"""The JupyterLite sites as built by ``python3 run.py lite`` (and ``--teacher``): what is in them, without a browser.

The student site holds no solution and no answer; the kernel's lock names only files the site ships (with their very
sha256) or Pyodide's CDN; the page cannot fall back to PyPI; the front page opens 00_start_here; a site is not rebuilt
when nothing changed, and not built at all with lesson figures that no longer match the data.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import answer_key
import litedriver
import pytest
from conftest import ROOT

lite_site = litedriver.lite_site
REPO = litedriver.REPO


def _lock(site: Path) -> dict:
    return json.loads((site / "static" / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))["packages"]


def _kernel_settings(site: Path) -> dict:
    config = json.loads((site / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    return config["litePluginSettings"][lite_site.KERNEL_PLUGIN]


def test_student_site_holds_no_solution_and_no_answer(student_site: Path) -> None:
    files = lite_site.site_files(student_site)
    assert "notebooks/00_start_here.ipynb" in files and "exercises/01_the_sources_exercises.ipynb" in files
    assert not [f for f in files if f.startswith("solutions/") or "teacher" in f or "/summitkit/" in f]
    texts = [(student_site / "files" / f).read_text(encoding="utf-8") for f in files]
    wheel = next((student_site / "static" / "pyodide").glob("summitkit-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        texts += [zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith((".ipynb", ".json", ".csv", ".md"))]
    for raw in list(texts):  # JSON (notebooks, banks) also with its strings decoded, as the leak reader does
        try:
            texts += answer_key._strings_in(json.loads(raw))
        except ValueError:
            pass
    text = "\n".join(texts)
    leaks = [(s.notebook, s.text[:50]) for s in answer_key.secrets(ROOT / "solutions") if s.text in text and not s.text.isdigit()]
    assert leaks == []
    assert "# SOLUTION" not in text and "<!-- solution -->" not in text


def test_teacher_site_holds_the_solutions_and_the_dashboard(teacher_site: Path) -> None:
    files = lite_site.site_files(teacher_site)
    assert "solutions/teacher_class_dashboard.ipynb" in files and "solutions/01_the_sources.ipynb" in files
    assert "notebooks/00_start_here.ipynb" in files
    assert "path=solutions/teacher_class_dashboard.ipynb" in (teacher_site / "index.html").read_text(encoding="utf-8")


def test_the_lock_names_only_files_shipped_with_their_sha256_or_the_cdn(student_site: Path) -> None:
    assert lite_site.check_lock(student_site) == []
    lock = _lock(student_site)
    local = {k: v for k, v in lock.items() if "://" not in v["file_name"]}
    preload = _kernel_settings(student_site)["loadPyodideOptions"]["packages"]
    for name in preload:  # everything the kernel loads at start is in the site itself
        assert lite_site._canon(name) in local, f"{name} would be fetched from the internet at kernel start"
        for dep in lock[lite_site._canon(name)]["depends"]:
            assert lite_site._canon(dep) in local, f"{name} needs {dep}, which is not in the site"
    assert lock["matplotlib"]["file_name"].startswith(lite_site.PYODIDE_CDN)  # online only
    assert {"summitkit", "ipywidgets", "comm"} <= set(local)
    wheels = {p.name for p in (student_site / "static" / "pyodide").glob("*.whl")}
    assert wheels == {v["file_name"] for v in local.values()}  # no wheel shipped that the lock does not name


def test_a_changed_file_is_caught_by_the_lock_check(student_site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(student_site / "static" / "pyodide", copy / "static" / "pyodide")
    wheel = next((copy / "static" / "pyodide").glob("ipywidgets-*.whl"))
    wheel.write_bytes(wheel.read_bytes() + b"\0")
    assert lite_site.check_lock(copy) == [f"ipywidgets: the sha256 of {wheel.name} differs from the lock's"]


def test_the_page_never_reaches_pypi_and_loads_its_own_pyodide(student_site: Path) -> None:
    settings = _kernel_settings(student_site)
    assert settings["disablePyPIFallback"] is True
    assert settings["pyodideUrl"] == "./static/pyodide/pyodide.mjs"
    assert all(url.startswith("./") for url in settings.get("pipliteUrls", []))
    assert lite_site.check_site(student_site, lite_site.STUDENT) == []


def test_front_page_opens_start_here(student_site: Path) -> None:
    page = (student_site / "index.html").read_text(encoding="utf-8")
    assert "lab/index.html?path=notebooks/00_start_here.ipynb" in page
    assert 'id="jupyter-config-data"' in page  # the apps read the front page's config block
    assert "http.server" in page  # what to do when the page was opened as a file


def test_an_unchanged_site_is_not_rebuilt(student_site: Path, capsys) -> None:
    stamp = student_site / ".summit-lite.json"
    before = stamp.stat().st_mtime_ns
    assert lite_site.build_site(REPO, lite_site.STUDENT) == student_site
    assert stamp.stat().st_mtime_ns == before and "up to date" in capsys.readouterr().out


def test_stale_figures_stop_the_build(tmp_path: Path) -> None:
    root = tmp_path / "course"
    root.mkdir()
    (root / "src").symlink_to(REPO / "src")
    shutil.copytree(REPO / "data", root / "data")
    assert lite_site.stale_figures(root) == []
    rows = (root / "data" / "timeline.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (root / "data" / "timeline.csv").write_text("".join(rows[:-1]), encoding="utf-8")
    assert lite_site.stale_figures(root) == ["timeline"]
    with pytest.raises(lite_site.LiteError, match="run.py build"):
        lite_site.build_site(root, lite_site.STUDENT, out=tmp_path / "site")


def test_the_site_carries_its_course_version_and_runs_the_update_step_first(student_site: Path, tmp_path: Path) -> None:
    manifest = json.loads((student_site / lite_site.MANIFEST).read_text(encoding="utf-8"))
    assert manifest == lite_site.course_manifest(student_site)
    assert "notebooks/00_start_here.ipynb" in manifest["notebooks"]
    page = (student_site / "lab" / "index.html").read_text(encoding="utf-8")
    assert page.index(lite_site.UPDATER) < page.index("config-utils.js")  # before JupyterLab reads the storage
    copy = tmp_path / "site"
    shutil.copytree(student_site / "lab", copy / "lab")
    shutil.copytree(student_site / "files", copy / "files")
    shutil.copy2(student_site / "jupyter-lite.json", copy / "jupyter-lite.json")
    shutil.copy2(student_site / lite_site.MANIFEST, copy / lite_site.MANIFEST)
    assert "lab/index.html does not run the course-update step" in " ".join(lite_site.check_site(copy, lite_site.STUDENT))
    (copy / lite_site.UPDATER).write_text(lite_site.UPDATE_JS, encoding="utf-8")
    (copy / "lab" / "index.html").write_text(page.replace(lite_site._HOOK, ""), encoding="utf-8")
    assert "does not run the course-update step" in " ".join(lite_site.check_site(copy, lite_site.STUDENT))


def test_the_page_fingerprints_a_notebook_as_the_build_does(tmp_path: Path) -> None:
    """The start-up step (JavaScript) and the build (Python) must agree, or every notebook would look edited."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (it comes with npm, which the site's build needs)")
    notebooks = [
        {
            "cells": [
                {"cell_type": "markdown", "source": ["# Vladivostok\n", "Путин и Ким 🇰🇵 — “quoted” \u200b"]},
                {"cell_type": "code", "source": "x = 1\r\ny = 'é'", "outputs": [{"text": "ignored"}]},
            ]
        },
        {"cells": []},
        json.loads((REPO / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8")),
    ]
    module = tmp_path / "update.mjs"
    module.write_text(lite_site.UPDATE_JS, encoding="utf-8")
    data = tmp_path / "notebooks.json"
    data.write_text(json.dumps(notebooks), encoding="utf-8")
    script = (
        f"import {{fingerprint}} from {json.dumps(module.as_uri())}; import {{readFileSync}} from 'node:fs';"
        f"console.log(JSON.stringify(JSON.parse(readFileSync({json.dumps(str(data))}, 'utf8')).map(fingerprint)));"
    )

    proc = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [lite_site.fingerprint(nb) for nb in notebooks]
    assert len({lite_site.fingerprint(nb) for nb in notebooks}) == 3
