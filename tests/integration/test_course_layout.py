"""Nothing to install on a hub: each notebook folder carries a link to the course's own package.

``notebooks/summitkit``, ``exercises/summitkit`` and ``solutions/summitkit`` are relative symlinks to
``../src/summitkit``. A kernel started for a notebook has the notebook's folder on ``sys.path`` ahead of
site-packages, so ``import summitkit`` finds the pulled course's own code before any installed copy.
These tests prove that with a real kernel and an older copy installed in site-packages, prove the fallback
where a checkout has no symlinks (Windows), and that the build, the release, ruff and pytest handle the links.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

from summitkit.release import build_release

FOLDERS = ("notebooks", "exercises", "solutions")
TARGET = "../src/summitkit"

# Runs one cell in a real kernel started in the folder given as argv[1]; prints what that kernel imported.
PROBE = textwrap.dedent("""
    import json, sys
    sys.path.insert(0, sys.argv[2])
    import kernel  # tests/kernel.py: the suite's one way to run a notebook
    cell = ("import json, summitkit, summitkit.paths as p\\n"
            "print('PROBE' + json.dumps({'file': summitkit.__file__, 'version': summitkit.__version__, "
            "'data': str(p.data_dir())}))")
    nb = kernel.run(kernel.of_cells([cell]), sys.argv[1], timeout=120)
    text = "".join(o.get("text", "") for o in nb.cells[0].outputs)
    print(text[text.index("PROBE"):].splitlines()[0])
""")


def _git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def _probe(python: Path | str, folder: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("SUMMITKIT_DATA", "PYTHONPATH")}
    out = subprocess.run(
        [str(python), "-c", PROBE, str(folder), str(ROOT / "tests")], capture_output=True, text=True, env=env, timeout=180
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.split("PROBE", 1)[1])


@pytest.fixture(scope="module")
def python_with_old_copy(tmp_path_factory) -> Path:
    """A Python like a hub image's: an older summitkit (0.0.0-old, with its bundled data) installed in site-packages,
    and Jupyter's packages (taken from this test environment through a .pth file)."""
    where = tmp_path_factory.mktemp("old-install")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where / "venv")], check=True)
    python = where / "venv" / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    old = site / "summitkit"
    shutil.copytree(ROOT / "src" / "summitkit", old, ignore=shutil.ignore_patterns("__pycache__"))
    init = old / "__init__.py"
    init.write_text(
        init.read_text(encoding="utf-8").replace('__version__ = "0.1.0"', '__version__ = "0.0.0-old"'), encoding="utf-8"
    )
    shutil.copytree(ROOT / "data", old / "_data")
    here = sysconfig.get_paths()["purelib"]
    (site / "zz_test_tools.pth").write_text(f"import site; site.addsitedir({here!r})\n", encoding="utf-8")
    return python


def test_each_notebook_folder_links_to_the_package():
    tracked = _git("ls-files", "-s", *[f"{f}/summitkit" for f in FOLDERS])
    for folder in FOLDERS:
        link = ROOT / folder / "summitkit"
        assert link.is_symlink(), f"{folder}/summitkit must be a symlink to {TARGET}"
        assert os.readlink(link) == TARGET, "a relative link, so that it works wherever the course is pulled"
        assert (link / "__init__.py").resolve() == (ROOT / "src" / "summitkit" / "__init__.py").resolve()
        modes = [line.split()[0] for line in tracked.splitlines() if line.endswith(f"\t{folder}/summitkit")]
        assert modes == ["120000"], f"{folder}/summitkit is not committed as a symlink"


@pytest.mark.parametrize("folder", FOLDERS)
def test_a_kernel_in_a_notebook_folder_uses_the_course_copy_not_an_installed_one(python_with_old_copy, folder):
    found = _probe(python_with_old_copy, ROOT / folder)
    assert found["version"] == "0.1.0", found
    assert Path(found["file"]) == ROOT / folder / "summitkit" / "__init__.py"
    assert Path(found["data"]) == ROOT / "data"


def test_an_older_installed_copy_still_reads_the_pulled_folders_data(python_with_old_copy, tmp_path):
    """Where the link is missing (a notebook copied elsewhere in the course), the installed code runs,
    but the data still comes from the course folder it walks up to, not from the copy bundled in the package."""
    course = tmp_path / "summit-course"
    shutil.copytree(ROOT / "data", course / "data")
    (course / "mine").mkdir()
    found = _probe(python_with_old_copy, course / "mine")
    assert found["version"] == "0.0.0-old", found
    assert Path(found["data"]) == course / "data"


def test_a_checkout_without_symlinks_falls_back_to_the_installed_package(tmp_path):
    """Git on Windows without symlinks writes each link as a small text file; Python ignores it and the
    installed package (``run.py lab`` installs it) is used. Simulated here with ``core.symlinks=false``."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "-c", "core.symlinks=false", "clone", "-q", "--no-local", str(ROOT), str(clone)], check=True)
    link = clone / "notebooks" / "summitkit"
    assert link.is_file() and not link.is_symlink() and link.read_text().strip() == TARGET
    found = _probe(sys.executable, clone / "notebooks")
    assert Path(found["file"]).resolve().is_relative_to((ROOT / "src" / "summitkit").resolve())  # this environment's install
    assert Path(found["data"]) == clone / "data"


def test_the_build_keeps_the_link(tmp_path):
    from summitkit.quiz.build import build

    for name in ("solutions", "exercises", "src"):
        shutil.copytree(ROOT / name, tmp_path / name, symlinks=True)
    build(tmp_path)
    link = tmp_path / "exercises" / "summitkit"
    assert link.is_symlink() and os.readlink(link) == TARGET and (link / "__init__.py").is_file()


def test_the_release_carries_a_real_package_in_each_folder(tmp_path):
    folder, archive = build_release(ROOT, tmp_path)
    for name in ("notebooks", "exercises"):
        package = folder / name / "summitkit"
        assert package.is_dir() and not package.is_symlink() and (package / "__init__.py").is_file()
    names = set(zipfile.ZipFile(archive).namelist())
    assert {"summit-course/notebooks/summitkit/__init__.py", "summit-course/exercises/summitkit/quiz/widgets.py"} <= names
    assert not [n for n in names if n.startswith("summit-course/solutions")]
    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(archive).extractall(unpacked)
    code = "import summitkit, summitkit.paths as p; print(summitkit.__file__); print(p.data_dir())"
    env = {k: v for k, v in os.environ.items() if k != "SUMMITKIT_DATA"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=unpacked / "summit-course" / "exercises",
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    assert Path(out[0]) == unpacked / "summit-course" / "exercises" / "summitkit" / "__init__.py"
    assert Path(out[1]) == unpacked / "summit-course" / "data"


def test_ruff_and_pytest_see_the_package_once():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or "ruff"
    files = subprocess.run([ruff, "check", "--show-files", "src", *FOLDERS], cwd=ROOT, capture_output=True, text=True).stdout
    assert "src/summitkit/__init__.py" in files
    assert not [line for line in files.splitlines() if any(f"/{f}/summitkit/" in line for f in FOLDERS)]
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "src", *FOLDERS],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    assert "src/summitkit/" in collected
    assert not [line for line in collected.splitlines() if any(line.startswith(f"{f}/") for f in FOLDERS)], collected[-2000:]


def test_a_data_problem_names_the_file_as_the_teacher_sees_it(tmp_path):
    """An error names ``data/stakes.csv`` (the folder a teacher opens), never the course folder's own name before it."""
    course = tmp_path / "course"
    shutil.copytree(ROOT / "data", course / "data")
    (course / "notebooks").mkdir()
    stakes = course / "data" / "stakes.csv"
    stakes.write_text(stakes.read_text(encoding="utf-8").replace(",rsis,", ",nobody,", 1), encoding="utf-8")
    code = (
        "from pathlib import Path; from summitkit.paths import display_path; from summitkit.tables import validate_all\n"
        "print(display_path(Path('../data/timeline.csv')), display_path(Path('/elsewhere/x.csv')))\n"
        "try:\n    validate_all()\nexcept Exception as exc:\n    print(exc)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "SUMMITKIT_DATA"}
    env["PYTHONPATH"] = str(ROOT / "src")
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=course / "notebooks", env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    first, problem = done.stdout.splitlines()[0], done.stdout.splitlines()[-1]
    assert first == "data/timeline.csv /elsewhere/x.csv"
    assert problem.startswith("data/stakes.csv, row "), problem
