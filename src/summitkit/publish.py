"""``python3 run.py publish``: the student release as a branch of your copy of the course, ready for links.

The branch (``student`` unless you name another) holds only the student release (:mod:`summitkit.release`): no
``solutions/``, no answer key, no teacher's README. Its history holds only earlier student releases, never your
other commits, so cloning it fetches nothing of the solutions. Each publish adds one commit on top of the last
(nbgitpuller then updates learners' copies and keeps their own changes). Your working folder, index and current
branch are not touched: the commit is made from a staged copy with a temporary index.

Before anything is committed the build is checked: when a solution, a data file or a figure's code changed since
``run.py build`` was last run, it is rebuilt first (or, with ``check_only``, publishing stops and says what is out of
date). With ``check_only`` it is a dry run: it says what would be published and changes nothing (no branch, no
commit, no push; the release's objects are written to a temporary folder). With ``push`` the branch goes to a remote: your fork (``origin``) or, safer, a separate repository for
learners (its address), so that learners' links never point at a repository that holds the solutions.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from summitkit.generated import stale, write_all
from summitkit.release import stage

TRAILER = "Published-by: summitkit publish"
_FALLBACK_IDENTITY = {
    "GIT_AUTHOR_NAME": "summit-course publish",
    "GIT_AUTHOR_EMAIL": "publish@summit-course.invalid",
    "GIT_COMMITTER_NAME": "summit-course publish",
    "GIT_COMMITTER_EMAIL": "publish@summit-course.invalid",
}


class PublishError(RuntimeError):
    """Publishing stopped; the message says why and what to do. Nothing was committed or pushed."""


@dataclass
class Published:
    """What a publish did."""

    branch: str
    commit: str
    changed: bool  # False: the release was the same as the branch's last commit
    rebuilt: list[str] = field(default_factory=list)  # what was out of date and rebuilt first
    pushed_to: str | None = None
    dry_run: bool = False  # check_only: nothing was committed, moved or pushed


def _git(root: Path, *args: str, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=env)
    if check and proc.returncode != 0:
        raise PublishError(f"git {' '.join(args[:2])} failed: {(proc.stderr or proc.stdout).strip()[-600:]}")
    return proc


def _tip(root: Path, ref: str) -> str | None:
    proc = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False)
    return proc.stdout.strip() or None


def _is_published(root: Path, commit: str) -> bool:
    return TRAILER in _git(root, "log", "-1", "--format=%B", commit).stdout


def _identity(root: Path) -> dict:
    env = dict(os.environ)
    for key, value in _FALLBACK_IDENTITY.items():
        config = "user.name" if key.endswith("NAME") else "user.email"
        if key not in env and not _git(root, "config", config, check=False).stdout.strip():
            env[key] = value
    return env


def published_branch(root: Path, branch: str = "student") -> str | None:
    """``branch`` if it is (locally, or as fetched from a remote) a branch ``run.py publish`` made; else None."""
    try:
        for ref in (
            f"refs/heads/{branch}",
            *_git(root, "for-each-ref", "--format=%(refname)", "refs/remotes", check=False).stdout.split(),
        ):
            if ref == f"refs/heads/{branch}" or ref.endswith(f"/{branch}"):
                tip = _tip(root, ref)
                if tip and _is_published(root, tip):
                    return branch
    except (OSError, PublishError):
        pass
    return None


def publish(
    root: Path, branch: str = "student", remote: str | None = None, push: bool = False, check_only: bool = False
) -> Published:
    """Build the student release of the course at ``root`` and commit it as ``branch`` (see the module's docstring)."""
    root = root.resolve()
    if _git(root, "rev-parse", "--is-inside-work-tree", check=False).stdout.strip() != "true":
        raise PublishError(
            f"{root} is not in a git repository: put your copy of the course in git first "
            "(a fork or clone of the course, or 'git init' and a first commit)"
        )
    git_dir = Path(_git(root, "rev-parse", "--absolute-git-dir").stdout.strip())
    if _git(root, "check-ref-format", "--branch", branch, check=False).returncode != 0:
        raise PublishError(f"{branch!r} cannot be a branch name")
    current = _git(root, "symbolic-ref", "--quiet", "--short", "HEAD", check=False).stdout.strip()
    if branch == current:
        raise PublishError(f"{branch!r} is the branch you are working on; publish to another one (the default is 'student')")
    parent = _tip(root, f"refs/heads/{branch}")
    if parent is None and remote:  # published before from another machine: continue its history
        if _git(root, "fetch", "--quiet", remote, f"refs/heads/{branch}", check=False).returncode == 0:
            parent = _tip(root, "FETCH_HEAD")
    if parent is not None and not _is_published(root, parent):
        raise PublishError(
            f"the branch {branch!r} exists and was not made by 'run.py publish'; publishing would replace "
            "what is on it. Choose another name with --branch"
        )
    problems = stale(root)
    if problems and check_only:
        raise PublishError(
            "the exercises or other built files are out of date with the solutions or data:\n- "
            + "\n- ".join(problems)
            + "\nRun 'python3 run.py build' (and commit what it writes), then publish again"
        )
    if problems:
        write_all(root)
        left = stale(root)
        if left:
            raise PublishError("rebuilt, but these are still out of date:\n- " + "\n- ".join(left))
    with tempfile.TemporaryDirectory(prefix="summit-publish-") as tmp:
        folder = stage(root, Path(tmp) / "release")
        env = dict(os.environ, GIT_INDEX_FILE=str(Path(tmp) / "index"), GIT_DIR=str(git_dir), GIT_WORK_TREE=str(folder))
        if check_only:  # a dry run writes its objects into the temporary folder, reading yours through an alternate
            (Path(tmp) / "objects" / "pack").mkdir(parents=True)
            env.update(GIT_OBJECT_DIRECTORY=str(Path(tmp) / "objects"), GIT_ALTERNATE_OBJECT_DIRECTORIES=str(git_dir / "objects"))
        _git(folder, "add", "--all", "--force", ".", env=env)  # a temporary index: yours is not touched
        tree = _git(folder, "write-tree", env=env).stdout.strip()
    same = parent is not None and _git(root, "rev-parse", f"{parent}^{{tree}}").stdout.strip() == tree
    if check_only:
        return Published(branch, parent or "", not same, [], None, dry_run=True)
    if same:
        commit, changed = parent, False
    else:
        source = _tip(root, "HEAD")
        dirty = bool(_git(root, "status", "--porcelain", "--untracked-files=no", check=False).stdout.strip())
        made_from = f"{source[:12] if source else 'no commit yet'}{' with uncommitted changes' if dirty else ''}"
        message = f"Student release, made from {made_from}\n\nNo solutions, no answer key, no teacher's README.\n\n{TRAILER}\n"
        args = ["commit-tree", tree, "-m", message] + (["-p", parent] if parent else [])
        commit = _git(root, *args, env=_identity(root)).stdout.strip()
        changed = True
    _git(root, "update-ref", f"refs/heads/{branch}", commit)
    pushed = None
    if push:
        target = remote or "origin"
        _git(root, "push", "--quiet", target, f"refs/heads/{branch}:refs/heads/{branch}")
        pushed = target
    return Published(branch, commit, changed, problems, pushed)


def report(result: Published, remote: str | None) -> str:
    """What ``run.py publish`` prints."""
    if result.dry_run:
        state = "would change nothing: the release is the same as" if not result.changed else "would publish a new release on"
        where = f"branch {result.branch}" + (f" (at {result.commit[:12]})" if result.commit else " (a new branch)")
        return (
            f"check only: the build is current; {state} {where}. Nothing was committed, moved or pushed.\n"
            "to publish: python3 run.py publish --push"
        )
    lines = [f"rebuilt first (it was out of date): {p}" for p in result.rebuilt]
    if result.rebuilt:
        lines.append("commit the rebuilt files to your own branch too (git add -A && git commit)")
    state = "published" if result.changed else "unchanged since the last publish"
    lines.append(f"{state}: branch {result.branch} at {result.commit[:12]} (the student release: no solutions, no answer key)")
    if result.pushed_to:
        lines.append(f"pushed to {result.pushed_to}")
    else:
        lines.append(f"not pushed: run again with --push (or: git push {remote or 'origin'} {result.branch})")
    lines.append(
        f"links for learners: python3 run.py links --repo <the repository's web address> --branch {result.branch} "
        "[--hub <your hub>]"
    )
    return "\n".join(lines)
