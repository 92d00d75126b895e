"""``run.py publish``: the student release as a branch of a teacher's fork, read back with git as a hub or Binder would.

Each test works on a fork in a temporary folder (a copy of this course, ``git init``, one commit on ``main``), publishes
into it, and inspects the branch with git: no ``solutions/``, no answer in plain text (read with ``tests/answer_key.py``,
which does not share the build's parser), no teacher's README, a package beside the notebooks, and a history that never
reaches the teacher's commits.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fork import command, environment, git, make_fork, replace_in_solution
from student_branch import assert_student_release, paths

from summitkit.publish import PublishError, publish
from summitkit.release import TEACHER_WORDS


@pytest.fixture
def fork(tmp_path):
    return make_fork(tmp_path / "summit-course")


def test_publish_makes_a_student_branch_with_no_solution_and_no_answer(fork, tmp_path):
    before = (git(fork, "rev-parse", "HEAD"), git(fork, "status", "--porcelain"), (fork / ".git" / "index").read_bytes())
    result = publish(fork)
    assert result.branch == "student" and result.changed and result.rebuilt == []
    assert (
        git(fork, "rev-parse", "HEAD"),
        git(fork, "status", "--porcelain"),
        (fork / ".git" / "index").read_bytes(),
    ) == before, "publishing leaves the teacher's branch, index and files alone"
    assert git(fork, "symbolic-ref", "--short", "HEAD").strip() == "main"
    assert git(fork, "merge-base", "main", "student", check=False) == "", (
        "the student history never reaches the teacher's commits"
    )
    copy = assert_student_release(fork, "student", fork / "solutions", tmp_path)
    # the package is importable beside the notebooks, with nothing installed: the hub's and Binder's route
    code = "import summitkit, pathlib; print(pathlib.Path(summitkit.__file__).resolve())"
    env = {k: v for k, v in environment(copy).items() if k != "PYTHONPATH"}
    found = subprocess.run([sys.executable, "-S", "-c", code], cwd=copy / "notebooks", env=env, capture_output=True, text=True)
    assert found.stdout.strip() == str((copy / "src" / "summitkit" / "__init__.py").resolve()), found.stderr


def test_publishing_again_adds_one_commit_and_only_when_something_changed(fork):
    first = publish(fork)
    again = publish(fork)
    assert not again.changed and again.commit == first.commit
    replace_in_solution(fork, "01_the_sources.ipynb", "Which outlet first published", "Which outlet was the first to publish")
    third = publish(fork)
    assert third.changed and git(fork, "rev-parse", "student^").strip() == first.commit  # nbgitpuller can merge it
    assert "was the first to publish" in git(fork, "show", "student:data/questions/01_the_sources.json")


def test_a_stale_build_is_rebuilt_first_or_refused_with_a_clear_message(fork):
    replace_in_solution(fork, "02_timeline.ipynb", "Which is the earliest event", "Which is the very earliest event")
    with pytest.raises(
        PublishError, match=r"(?s)out of date.*data/questions/02_timeline.json is out of date.*python3 run.py build"
    ):
        publish(fork, check_only=True)
    assert git(fork, "branch", "--list", "student") == "", "a refused publish commits nothing"
    refused = command(fork, "publish", "--check")
    assert refused.returncode == 1 and "Cannot publish" in refused.stderr and "run.py build" in refused.stderr
    done = command(fork, "publish")
    assert done.returncode == 0, done.stderr
    assert "rebuilt first (it was out of date): data/questions/02_timeline.json" in done.stdout
    assert "very earliest" in git(fork, "show", "student:data/questions/02_timeline.json")
    assert "very earliest" in git(fork, "show", "student:data/worksheet.html")
    assert "very earliest" in (fork / "data" / "questions" / "02_timeline.json").read_text(
        encoding="utf-8"
    )  # rebuilt in place too


def _state(fork: Path) -> tuple[str, str, str, list[str]]:
    """Everything a dry run must leave alone: the refs, HEAD, the working tree and index (ignored files too), the files' times."""
    files = sorted(
        f"{p.relative_to(fork)} {p.stat().st_mtime_ns}"
        for p in fork.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(fork).parts
    )
    return (
        git(fork, "for-each-ref", "--format=%(refname) %(objectname)"),
        git(fork, "rev-parse", "HEAD"),
        git(fork, "status", "--porcelain", "--untracked-files=all", "--ignored"),
        files,
    )


def test_publish_check_is_a_dry_run(fork, tmp_path):
    """``publish --check`` on a current build says what it would publish and changes nothing: no branch, no commit, no push."""
    remote = tmp_path / "learners.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    before = _state(fork)
    checked = command(fork, "publish", "--check", "--push", "--remote", str(remote))
    assert checked.returncode == 0, checked.stderr
    assert "check only" in checked.stdout and "would publish a new release" in checked.stdout
    assert _state(fork) == before
    assert git(remote, "for-each-ref") == ""
    first = publish(fork)
    before = _state(fork)
    again = publish(fork, check_only=True)
    assert again.dry_run and not again.changed and again.commit == first.commit
    replace_in_solution(fork, "01_the_sources.ipynb", "Which outlet first published", "Which outlet first published, in print,")
    command(fork, "build")
    before = _state(fork)
    changed = command(fork, "publish", "--check")
    assert changed.returncode == 0 and "would publish a new release on branch student" in changed.stdout, changed.stderr
    assert _state(fork) == before and git(fork, "rev-parse", "student").strip() == first.commit


def test_the_release_zip_has_the_same_guard_and_the_student_readme(fork, tmp_path):
    import zipfile

    replace_in_solution(fork, "02_timeline.ipynb", "Which is the earliest event", "Which is the very earliest event")
    refused = command(fork, "release", "--check", "--out", str(tmp_path / "dist"))
    assert refused.returncode == 1 and "data/questions/02_timeline.json is out of date" in refused.stderr
    assert not (tmp_path / "dist").exists()
    made = command(fork, "release", "--out", str(tmp_path / "dist"))
    assert made.returncode == 0 and "rebuilding first" in made.stdout, made.stderr
    archive = zipfile.ZipFile(tmp_path / "dist" / "summit-course.zip")
    names = archive.namelist()
    assert "summit-course/notebooks/summitkit/__init__.py" in names  # a copy: a zip cannot carry a link to Windows
    assert not [n for n in names if "/solutions/" in n or n.endswith("answer-key.html") or "teacher" in n]
    readme = archive.read("summit-course/README.md").decode("utf-8")
    assert "How to hand in your work" in readme and not [w for w in TEACHER_WORDS if w in readme]
    assert "very earliest" in archive.read("summit-course/data/questions/02_timeline.json").decode("utf-8")


def test_publish_to_a_separate_repository_sends_only_the_student_history(fork, tmp_path):
    remote = tmp_path / "summit-course-student.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    done = command(fork, "publish", "--push", "--remote", str(remote))
    assert done.returncode == 0, done.stderr
    assert f"pushed to {remote}" in done.stdout
    assert git(remote, "branch", "--list").split() == ["student"]
    assert_student_release(remote, "student", fork / "solutions", tmp_path)
    everything = paths(remote, "--all")
    assert not [p for p in everything if p.startswith("solutions")]
    # what a hub's nbgitpuller fetches: one branch, shallow
    clone = tmp_path / "learner-home" / "summit-course"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", "--branch", "student", f"file://{remote}", str(clone)], check=True)
    assert not (clone / "solutions").exists() and (clone / "notebooks" / "summitkit").is_symlink()
    # a teacher on another machine (a fresh clone of the fork, no local student branch) continues the same history
    other = tmp_path / "other-machine"
    subprocess.run(["git", "clone", "--quiet", str(fork), str(other)], check=True)
    git(other, "config", "user.name", "A Teacher")
    git(other, "config", "user.email", "teacher@school.example")
    replace_in_solution(other, "01_the_sources.ipynb", "Which outlet first published", "Which outlet was the first to publish")
    git(other, "commit", "-qam", "reword a question")
    again = command(other, "publish", "--push", "--remote", str(remote))
    assert again.returncode == 0, again.stderr
    assert git(remote, "rev-list", "--count", "student").strip() == "2"


def test_publish_refuses_to_overwrite_a_branch_it_did_not_make(fork):
    with pytest.raises(PublishError, match="the branch you are working on"):
        publish(fork, branch="main")
    git(fork, "branch", "drafts")
    with pytest.raises(PublishError, match="was not made by 'run.py publish'"):
        publish(fork, branch="drafts")
    with pytest.raises(PublishError, match="cannot be a branch name"):
        publish(fork, branch="no spaces..allowed")


def test_publish_outside_git_says_what_to_do(tmp_path):
    course = make_fork(tmp_path / "course", in_git=False)
    with pytest.raises(PublishError, match="not in a git repository"):
        publish(course)
