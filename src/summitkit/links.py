"""Links a teacher hands out for their own copy of the course: Binder and JupyterHub (nbgitpuller), per notebook.

>>> nbgitpuller_link("https://hub.school.edu/", "https://github.com/school/summit-course.git", "notebooks/00_start_here.ipynb")
'https://hub.school.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fschool%2Fsummit-course.git&branch=main&targetpath=summit-course&urlpath=lab%2Ftree%2Fsummit-course%2Fnotebooks%2F00_start_here.ipynb'
>>> binder_link("https://github.com/school/summit-course", "notebooks/00_start_here.ipynb", branch="student")
'https://mybinder.org/v2/gh/school/summit-course/student?urlpath=lab%2Ftree%2Fnotebooks%2F00_start_here.ipynb'
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

BINDER = "https://mybinder.org"
BINDER_BADGE = "https://mybinder.org/badge_logo.svg"
HUB_BADGE = "https://img.shields.io/badge/open%20on-JupyterHub-F37626?logo=jupyter"
FOLDERS = (("lesson", "notebooks"), ("exercise", "exercises"))


class LinkError(ValueError):
    """A repository or hub address that cannot make a working link; the message says what to type instead."""


def repo_parts(repo: str) -> tuple[str, str]:
    """(the repository's address as given, without a trailing ``/``, and the folder nbgitpuller puts it in: its name
    without ``.git``). The address keeps its ``.git``: a plain git server (``git http-backend``, a school's server)
    serves ``/course.git`` and not ``/course``."""
    repo = repo.strip()
    if repo.startswith("git@") or "://" not in repo:
        raise LinkError(
            f"{repo!r}: give the repository's web address, e.g. https://github.com/school/summit-course "
            "(learners' servers clone it without a password, so not an ssh address)"
        )
    parts = urlsplit(repo)
    if parts.scheme not in ("https", "http", "git") or not parts.netloc:
        raise LinkError(f"{repo!r}: the address must start with https:// (http:// and git:// also work)")
    path = parts.path.rstrip("/")
    folder = re.sub(r"\.git$", "", path.rsplit("/", 1)[-1])
    if not folder:
        raise LinkError(
            f"{repo!r}: the address names no repository (expected something like https://github.com/school/summit-course)"
        )
    return f"{parts.scheme}://{parts.netloc}{path}", folder


def hub_base(hub: str) -> str:
    """The hub's address without a trailing ``/`` or ``/hub``."""
    hub = hub.strip()
    parts = urlsplit(hub)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise LinkError(f"{hub!r}: give the hub's address, e.g. https://hub.school.edu")
    return re.sub(r"(/hub)?/*$", "", hub)


def binder_link(repo: str, path: str, branch: str = "main", binder: str = BINDER) -> str:
    """A Binder link that builds ``branch`` of ``repo`` and opens ``path`` (relative to the repository) in JupyterLab."""
    url, _ = repo_parts(repo)
    parts = urlsplit(url)
    owner_repo = parts.path.strip("/")
    if parts.netloc in ("github.com", "gitlab.com"):  # Binder's GitHub and GitLab providers take the name without .git
        owner_repo = re.sub(r"\.git$", "", owner_repo)
    ref = quote(branch, safe="")
    if parts.netloc == "github.com" and owner_repo.count("/") == 1:
        spec = f"gh/{owner_repo}/{ref}"
    elif parts.netloc == "gitlab.com":
        spec = f"gl/{quote(owner_repo, safe='')}/{ref}"
    else:
        spec = f"git/{quote(url, safe='')}/{ref}"
    return f"{binder.rstrip('/')}/v2/{spec}?{urlencode({'urlpath': f'lab/tree/{path}'})}"


def nbgitpuller_link(hub: str, repo: str, path: str, branch: str = "main", targetpath: str | None = None) -> str:
    """A link that pulls ``branch`` of ``repo`` into the learner's home on ``hub`` (or updates it) and opens ``path``.

    The folder is given to nbgitpuller as ``targetpath`` (by default the repository's name, without ``.git``), so the
    link opens the notebook where the course really lands, whatever the address looks like.
    """
    url, folder = repo_parts(repo)
    folder = (targetpath or folder).strip("/")
    query = {"repo": url, "branch": branch, "targetpath": folder, "urlpath": f"lab/tree/{folder}/{path}"}
    return f"{hub_base(hub)}/hub/user-redirect/git-pull?{urlencode(query, quote_via=quote)}"


def notebooks(root: Path) -> list[dict]:
    """Every lesson and exercise notebook: kind, path relative to the course, and its title (first heading)."""
    out = []
    for kind, folder in FOLDERS:
        for path in sorted((root / folder).glob("[0-9][0-9]_*.ipynb")):
            try:
                first = "".join(json.loads(path.read_text(encoding="utf-8"))["cells"][0]["source"])
                title = next(line.lstrip("# ").strip() for line in first.splitlines() if line.strip())
            except (ValueError, KeyError, IndexError, StopIteration):
                title = path.stem
            out.append({"kind": kind, "path": f"{folder}/{path.name}", "title": title})
    return out


def course_links(
    root: Path, repo: str, hub: str | None = None, branch: str = "main", targetpath: str | None = None, binder: str = BINDER
) -> dict:
    """All the links for the course at ``root`` as hosted at ``repo``: a dict a program (or the text report) reads."""
    url, folder = repo_parts(repo)
    rows = []
    for item in notebooks(root):
        row = dict(item, binder=binder_link(url, item["path"], branch, binder))
        if hub:
            row["jupyterhub"] = nbgitpuller_link(hub, url, item["path"], branch, targetpath)
        rows.append(row)
    return {
        "repo": url,
        "branch": branch,
        "folder": (targetpath or folder).strip("/"),
        "hub": hub_base(hub) if hub else None,
        "notebooks": rows,
    }


def markdown_table(links: dict) -> str:
    """A Markdown table with one badge per way in, to paste into a learning platform."""
    hub = bool(links["hub"])
    lines = ["| Notebook | Binder |" + (" JupyterHub |" if hub else ""), "|---|---|" + ("---|" if hub else "")]
    for row in links["notebooks"]:
        short = row["title"].split(":")[0].strip()
        name = f"{'Lesson' if row['kind'] == 'lesson' else 'Exercises'} {short}".replace("|", "\\|")
        cells = [name, f"[![Binder]({BINDER_BADGE})]({row['binder']})"]
        if hub:
            cells.append(f"[![Open on JupyterHub]({HUB_BADGE})]({row['jupyterhub']})")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def report(links: dict) -> str:
    """The links as a teacher reads them: per notebook, then the Markdown table."""
    out = [f"Links for {links['repo']}, branch {links['branch']}."]
    if links["hub"]:
        out.append(
            f"On {links['hub']}, nbgitpuller puts the course in each learner's home as {links['folder']}/ "
            "(and updates it, keeping the learner's own changes, at every later click)."
        )
    else:
        out.append("No --hub given: Binder links only.")
    for kind, heading in (("lesson", "Lessons"), ("exercise", "Exercises")):
        out += ["", heading]
        for row in (r for r in links["notebooks"] if r["kind"] == kind):
            out += [f"  {row['title']}  ({row['path']})", f"    Binder:     {row['binder']}"]
            if links["hub"]:
                out.append(f"    JupyterHub: {row['jupyterhub']}")
    out += ["", "Markdown table to paste into your learning platform:", "", markdown_table(links)]
    return "\n".join(out)
