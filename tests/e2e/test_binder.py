"""Binder, proven without mybinder.org: repo2docker's own Dockerfile, then Binder's steps replayed.

1. ``jupyter-repo2docker --no-build --debug`` on a fresh clone prints the Dockerfile Binder would build (no docker
   needed): it must build from ``binder/environment.yml`` (not the root file) and run ``binder/postBuild`` only after
   the repository is copied in.
2. The replay: a fresh venv with exactly the packages of ``binder/environment.yml`` (their PyPI equivalents, same
   versions), the repository in place as Binder's home folder, ``binder/postBuild`` run from the repository root
   (it writes JupyterLab's settings and installs nothing), then every notebook run top to bottom by nbclient.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT
from environment_file import conda_deps
from fork import fresh_clone

CACHE = Path(os.environ.get("SUMMIT_TEST_CACHE", "/var/tmp/summit-course-tests"))
FOLDERS = ("notebooks", "exercises", "solutions")

RUN_ALL = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    import kernel  # tests/kernel.py: the suite's one way to run a notebook
    report = {}
    for name in sys.argv[2:]:
        path = Path(name)
        try:
            nb = kernel.run(path, path.parent, timeout=300)
        except Exception as exc:  # a cell raised: nbclient stops there
            report[name] = [f"{type(exc).__name__}: {str(exc)[-800:]}"]
            continue
        report[name] = [o.get("ename") or o.get("text", "")[:400] for o in kernel.errors(nb)]
    print("REPORT" + json.dumps(report))
""")


def binder_requirements() -> list[str]:
    """binder/environment.yml's packages as pip requirements (same names on PyPI, same version ranges)."""
    return [f"{name}{spec.replace(' ', '')}" for name, spec in conda_deps(ROOT / "binder" / "environment.yml").items()]


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    return fresh_clone(tmp_path_factory.mktemp("binder") / "summit-course")


def test_repo2docker_builds_from_binder_folder_and_runs_postbuild_after_copying(clone):
    tool = shutil.which("jupyter-repo2docker", path=str(Path(sys.executable).parent)) or shutil.which("jupyter-repo2docker")
    assert tool, "jupyter-repo2docker is a test tool: pip install -e '.[test]'"
    done = subprocess.run([tool, "--no-build", "--debug", str(clone)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = (done.stdout + done.stderr).splitlines()
    env_update = [i for i, line in enumerate(lines) if "env update" in line and "--file" in line]
    assert env_update and all('--file "binder/environment.yml"' in lines[i] for i in env_update), (
        "Binder must build binder/environment.yml"
    )
    copy_repo = [i for i, line in enumerate(lines) if line.startswith("COPY") and " src/ ${REPO_DIR}/" in line]
    post_build = [i for i, line in enumerate(lines) if line.strip() == "RUN ./binder/postBuild"]
    assert copy_repo and post_build, "\n".join(lines[-80:])
    assert copy_repo[0] < post_build[0], "postBuild must run after the repository is copied in"
    assert env_update[0] < copy_repo[0]  # the environment is built from binder/environment.yml alone, before the copy


def test_repo2docker_s_build_context_keeps_the_links_as_links(clone, monkeypatch):
    """repo2docker sends the repository to docker as a tar of ``exclude_paths(".")``, each added with ``recursive=False``
    (repo2docker/buildpacks/base.py): the links arrive as links, so the image's notebook folders find the package."""
    import io
    import tarfile

    from docker.utils.build import exclude_paths

    monkeypatch.chdir(clone)
    items = exclude_paths(".", [])
    assert {f"{folder}/summitkit" for folder in FOLDERS} <= items
    assert not [i for i in items if any(i.startswith(f"{folder}/summitkit/") for folder in FOLDERS)]
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        tar.add("notebooks/summitkit", "src/notebooks/summitkit", recursive=False)
    buffer.seek(0)
    member = tarfile.open(fileobj=buffer).getmembers()[0]
    assert member.issym() and member.linkname == "../src/summitkit"


@pytest.fixture(scope="module")
def binder_env() -> Path:
    """A venv with exactly binder/environment.yml's packages (made once per package list, in the test cache)."""
    wanted = binder_requirements()
    assert {r.split(">")[0].split("<")[0].split("=")[0] for r in wanted} == {"jupyterlab", "ipywidgets", "matplotlib"}
    venv = CACHE / f"binderenv-{hashlib.sha256(json.dumps(wanted).encode()).hexdigest()[:12]}"
    if not (venv / ".ready").exists():
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *wanted],
            check=True,
            capture_output=True,
            timeout=900,
        )
        (venv / ".ready").write_text("\n".join(wanted))
    settings = venv / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    settings.unlink(missing_ok=True)  # postBuild must write it in this run
    return venv


def test_binder_replayed_runs_every_notebook_with_nothing_installed(clone, binder_env):
    python = binder_env / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMITKIT", "JUPYTER", "PYTHON", "VIRTUAL_ENV"))}
    env.update(
        HOME=str(clone),
        NB_PYTHON_PREFIX=str(binder_env),
        PATH=f"{binder_env / 'bin'}:{env.get('PATH', '/usr/bin:/bin')}",
        JUPYTER_PLATFORM_DIRS="1",
    )
    done = subprocess.run(["bash", "binder/postBuild"], cwd=clone, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    written = json.loads((binder_env / "share" / "jupyter" / "lab" / "settings" / "overrides.json").read_text())
    assert written["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false", "checkForUpdates": False}
    installed = subprocess.run([str(python), "-c", "import summitkit"], cwd="/", env=env, capture_output=True, text=True)
    assert installed.returncode != 0, "the Binder environment must not hold the course package: the links carry it"
    notebooks = [str(p.relative_to(clone)) for folder in FOLDERS for p in sorted((clone / folder).glob("*.ipynb"))]
    assert len(notebooks) >= 13
    run = subprocess.run(
        [str(python), "-c", RUN_ALL, str(ROOT / "tests"), *notebooks],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
    )
    assert "REPORT" in run.stdout, run.stderr[-3000:]
    report = json.loads(run.stdout.split("REPORT", 1)[1])
    assert sorted(report) == sorted(notebooks)
    assert {name: problems for name, problems in report.items() if problems} == {}
