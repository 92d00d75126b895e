"""``run.py links``: Binder and nbgitpuller links for a teacher's own copy, per lesson and exercise."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import ROOT

from summitkit.links import LinkError, binder_link, course_links, markdown_table, nbgitpuller_link, repo_parts

REPO = "https://github.com/school/summit-course"
HUB = "https://hub.school.edu"


def run_links(*args: str, python: str = sys.executable) -> subprocess.CompletedProcess:
    return subprocess.run([python, "run.py", "links", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)


def query(link: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}


@pytest.mark.parametrize("repo", [REPO, REPO + ".git", REPO + "/", REPO + ".git/"])
def test_the_folder_in_the_link_is_where_nbgitpuller_puts_the_course(repo):
    q = query(nbgitpuller_link(HUB, repo, "notebooks/00_start_here.ipynb"))
    assert q == {
        "repo": repo.rstrip("/"),
        "branch": "main",
        "targetpath": "summit-course",
        "urlpath": "lab/tree/summit-course/notebooks/00_start_here.ipynb",
    }


@pytest.mark.parametrize("repo", ["https://git.school.edu/course.git", "http://10.0.0.5/git/teachers/summit-course.git"])
def test_the_address_is_kept_as_given(repo):
    """A plain git server (git http-backend) serves ``/course.git`` and nothing at ``/course``: the ``.git`` stays."""
    assert repo_parts(repo + "/") == (repo, repo.rsplit("/", 1)[-1].removesuffix(".git"))
    assert query(nbgitpuller_link(HUB, repo, "notebooks/00_start_here.ipynb"))["repo"] == repo
    binder = urlsplit(binder_link(repo, "notebooks/00_start_here.ipynb", "student")).path
    assert binder.startswith("/v2/git/") and unquote(binder.split("/")[3]) == repo


def test_a_chosen_folder_and_branch_reach_every_link():
    links = course_links(ROOT, REPO, HUB + "/hub/", branch="student", targetpath="vladivostok")
    assert links["folder"] == "vladivostok" and links["hub"] == HUB
    for row in links["notebooks"]:
        q = query(row["jupyterhub"])
        assert row["jupyterhub"].startswith(f"{HUB}/hub/user-redirect/git-pull?")
        assert (q["branch"], q["targetpath"], q["urlpath"]) == ("student", "vladivostok", f"lab/tree/vladivostok/{row['path']}")
        assert urlsplit(row["binder"]).path == "/v2/gh/school/summit-course/student"
        assert query(row["binder"]) == {"urlpath": f"lab/tree/{row['path']}"}


def test_every_lesson_and_exercise_and_no_solution():
    paths = [row["path"] for row in course_links(ROOT, REPO)["notebooks"]]
    expected = [
        f"{folder}/{p.name}" for folder in ("notebooks", "exercises") for p in sorted((ROOT / folder).glob("[0-9][0-9]_*.ipynb"))
    ]
    assert paths == expected and len(paths) >= 12
    assert not [p for p in paths if "solution" in p or "teacher" in p]


def test_binder_links_for_gitlab_and_any_git_host():
    assert binder_link("https://gitlab.com/school/summit-course.git", "notebooks/00_start_here.ipynb", "dev").startswith(
        "https://mybinder.org/v2/gl/school%2Fsummit-course/dev?"
    )
    other = binder_link("https://git.school.edu/teachers/summit-course", "exercises/01_the_sources_exercises.ipynb", "feature/x")
    path = urlsplit(other).path
    assert path.startswith("/v2/git/") and unquote(path.split("/")[3]) == "https://git.school.edu/teachers/summit-course"
    assert unquote(path.split("/")[4]) == "feature/x"


@pytest.mark.parametrize(
    "bad",
    ["git@github.com:school/summit-course.git", "github.com/school/summit-course", "ftp://example.org/x", "https://github.com/"],
)
def test_an_address_that_cannot_work_is_refused_with_advice(bad):
    with pytest.raises(LinkError, match="https://"):
        repo_parts(bad)
    done = run_links("--repo", bad)
    assert done.returncode == 2 and done.stderr.startswith("Cannot make links:") and "Traceback" not in done.stderr


def test_the_markdown_table_has_a_badge_row_per_notebook():
    links = course_links(ROOT, REPO, HUB)
    table = markdown_table(links).splitlines()
    assert table[0] == "| Notebook | Binder | JupyterHub |"
    assert len(table) == 2 + len(links["notebooks"])
    assert table[2].startswith(
        "| Lesson 00 · Start here | [![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/"
    )
    assert all(row.count("](https://") == 4 for row in table[2:])
    assert "JupyterHub" not in markdown_table(course_links(ROOT, REPO))


def test_the_command_needs_nothing_installed():
    """``run.py links`` with Debian's own Python (no Jupyter, no course package): the links print."""
    python = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else shutil.which("python3")
    done = run_links("--repo", REPO + ".git", "--hub", HUB, "--branch", "main", python=python)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "nbgitpuller puts the course in each learner's home as summit-course/" in out
    assert f"{HUB}/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fschool%2Fsummit-course.git&branch=main" in out
    assert "| Notebook | Binder | JupyterHub |" in out
    as_json = json.loads(run_links("--repo", REPO, "--hub", HUB, "--json", python=python).stdout)
    assert as_json["folder"] == "summit-course" and len(as_json["notebooks"]) >= 12
