"""On a shared machine a learner's saved answers and exports are theirs alone: folder 0700, files 0600."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from summitkit import progress, scorecard

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    """The most permissive umask a hub could have: files would be created 0666 unless the code says otherwise."""
    old = os.umask(0)
    yield
    os.umask(old)


def test_progress_folder_and_files_are_private(progress_home, open_umask, monkeypatch):
    folder = progress_home / "fresh"
    monkeypatch.setenv("SUMMITKIT_HOME", str(folder))
    progress.update("00-citation", {"answer": "x", "verdict": "wrong"}, count="attempts")
    assert mode(folder) == 0o700
    assert {p.name: mode(p) for p in folder.iterdir()} == {"progress.json": 0o600, "progress.lock": 0o600}


def test_an_older_world_readable_folder_and_file_are_tightened(progress_home, open_umask):
    progress_home.chmod(0o755)
    (progress_home / "progress.json").write_text(json.dumps({"version": 1, "questions": {}}))
    (progress_home / "progress.json").chmod(0o644)
    (progress_home / "progress.lock").touch(mode=0o666)
    progress.set_learner("Ada")
    assert mode(progress_home) == 0o700
    assert mode(progress_home / "progress.json") == 0o600 and mode(progress_home / "progress.lock") == 0o600


def test_the_temporary_file_is_private_before_it_is_renamed(progress_home, open_umask, monkeypatch):
    seen = {}
    real_replace = os.replace

    def spy(src, dst):
        seen[Path(src).name] = mode(Path(src))
        return real_replace(src, dst)

    monkeypatch.setattr(progress.os, "replace", spy)
    progress.update("00-citation", {"answer": "x"})
    assert seen and all(m == 0o600 for m in seen.values()), seen


def test_a_file_set_aside_stays_private(progress_home, open_umask):
    (progress_home / "progress.json").write_text("{not json")
    (progress_home / "progress.json").chmod(0o644)
    progress.load()
    kept = list(progress_home.glob("progress.corrupt-*.json"))
    assert len(kept) == 1 and mode(kept[0]) == 0o600
    progress.take_notices()


def test_an_export_is_private_until_downloaded(tmp_path, open_umask):
    progress.update("00-citation", {"answer": "x", "verdict": "wrong", "kind": "single"})
    path = scorecard.export("Ada Lovelace", folder=tmp_path)
    assert mode(path) == 0o600
    assert json.loads(path.read_text(encoding="utf-8"))["learner"] == "Ada Lovelace"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to act as another user")
def test_another_user_cannot_read_the_progress_file():
    """As the user 'nobody', on a machine where homes are readable (0755): the progress file cannot be read,
    while a plain file beside the progress folder can (so the check can fail)."""
    shared = Path(tempfile.mkdtemp(prefix="summit-privacy-"))
    try:
        shared.chmod(0o755)
        home = shared / ".summit_course"
        env = dict(os.environ, SUMMITKIT_HOME=str(home))
        subprocess.run(
            [sys.executable, "-c", "from summitkit import progress; progress.update('q', {'answer': 'secret'})"],
            env=env,
            check=True,
        )
        (shared / "notes.txt").write_text("readable")
        (shared / "notes.txt").chmod(0o644)
        read = "import sys\ntry:\n    print(open(sys.argv[1]).read())\nexcept PermissionError:\n    print('PermissionError')"
        as_nobody = [
            subprocess.run(
                ["/usr/bin/python3", "-c", read, str(p)], user="nobody", capture_output=True, text=True, cwd="/"
            ).stdout.strip()
            for p in (home / "progress.json", shared / "notes.txt")
        ]
        assert as_nobody == ["PermissionError", "readable"]
    finally:
        import shutil

        shutil.rmtree(shared)
