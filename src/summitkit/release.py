"""The student release: notebooks, exercises, data and the package, without solutions/."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

INCLUDE = ("notebooks", "exercises", "data", "src", "binder", "README.md", "pyproject.toml", "environment.yml", "run.py", "Makefile")
_SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "*.egg-info")


def build_release(root: Path, out: Path) -> tuple[Path, Path]:
    """Copy the learner-facing parts of ``root`` into ``out/summit-course`` and zip them; return both paths."""
    folder = out / "summit-course"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name in INCLUDE:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=_SKIP)
        elif source.exists():
            shutil.copy2(source, folder / name)
    (folder / "RELEASE.txt").write_text(
        "Student release of the Vladivostok 2019 notebook series: no solutions/ folder.\n"
        "Start with: python3 run.py lab   (or open notebooks/00_start_here.ipynb in JupyterLab)\n", encoding="utf-8")
    archive = out / "summit-course.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(out))
    return folder, archive
