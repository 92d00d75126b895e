"""What the package does differently in the browser version (Pyodide), tried here in CPython by standing in for it.

Progress goes to the browser's storage (``/drive``), the progress lock is a lock within the process (Pyodide has no
``flock``) and only there, a figure that cannot be drawn says so in one line, and the export can be downloaded from the
page itself.
"""

from __future__ import annotations

import base64
import json
import threading
from pathlib import Path

import pytest

from summitkit import dashboard, figures, paths, progress, scorecard, timeline


@pytest.fixture
def in_browser(monkeypatch, tmp_path) -> Path:
    """Pyodide as seen by the package: in_browser() is true and the browser's storage is mounted (a temp folder)."""
    drive = tmp_path / "drive"
    drive.mkdir()
    monkeypatch.delenv("SUMMITKIT_HOME", raising=False)
    monkeypatch.setattr(paths, "in_browser", lambda: True)
    monkeypatch.setattr(progress, "in_browser", lambda: True)
    monkeypatch.setattr(paths, "BROWSER_DRIVE", drive)
    return drive


def test_progress_goes_to_the_browser_storage(in_browser: Path) -> None:
    assert paths.progress_dir() == in_browser / ".summit_course"
    progress.update("00-citation", {"verdict": "correct"}, count="attempts")
    saved = json.loads((in_browser / ".summit_course" / "progress.json").read_text(encoding="utf-8"))
    assert saved["questions"]["00-citation"]["attempts"] == 1


def test_without_the_browser_storage_progress_stays_in_home(in_browser: Path, monkeypatch) -> None:
    monkeypatch.setattr(paths, "BROWSER_DRIVE", in_browser / "not-mounted")
    assert paths.progress_dir() == Path.home() / ".summit_course"
    monkeypatch.setenv("SUMMITKIT_HOME", str(in_browser / "chosen"))
    assert paths.progress_dir() == in_browser / "chosen"


def test_without_the_browser_storage_the_lesson_says_answers_will_not_last(in_browser: Path, monkeypatch, capsys) -> None:
    import summitkit

    summitkit.begin("00")
    assert "⚠" not in capsys.readouterr().out
    monkeypatch.setattr(paths, "BROWSER_DRIVE", in_browser / "not-mounted")
    summitkit.begin("00")
    assert "last only until this page closes" in capsys.readouterr().out


def test_in_the_browser_the_data_is_the_copy_in_the_package(in_browser: Path, monkeypatch, tmp_path) -> None:
    """Walking up the browser's storage for a data/ folder made each lesson's first cell take 20 s there."""
    course = tmp_path / "course"
    (course / "data" / "sources").mkdir(parents=True)
    (course / "data" / "sources.csv").write_text("id\n", encoding="utf-8")
    (course / "notebooks").mkdir()
    monkeypatch.chdir(course / "notebooks")
    monkeypatch.delenv("SUMMITKIT_DATA", raising=False)
    assert paths.data_dir() != course / "data" and (paths.data_dir() / "sources.csv").is_file()
    monkeypatch.setattr(paths, "in_browser", lambda: False)
    assert paths.data_dir() == (course / "data").resolve()


def test_in_the_browser_the_lock_works_without_flock(in_browser: Path, monkeypatch) -> None:
    import fcntl

    monkeypatch.delattr(fcntl, "flock")  # as in Pyodide: the module is there, flock is not

    def many() -> None:
        for _ in range(30):
            progress.update("00-citation", {"verdict": "wrong"}, count="attempts")

    workers = [threading.Thread(target=many) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert progress.record("00-citation")["attempts"] == 90
    assert not (in_browser / ".summit_course" / "progress.lock").exists()


def test_outside_the_browser_the_file_lock_is_still_taken(tmp_path, monkeypatch) -> None:
    import fcntl

    calls = []
    real = fcntl.flock
    monkeypatch.setattr(fcntl, "flock", lambda fd, op: (calls.append(op), real(fd, op))[1])
    progress.update("00-citation", {"verdict": "wrong"}, count="attempts")
    assert calls == [fcntl.LOCK_EX, fcntl.LOCK_UN]


@pytest.fixture
def no_matplotlib(monkeypatch):
    """matplotlib cannot be imported (the browser version offline)."""
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name.split(".")[0] == "matplotlib" else real(name, *a)
    )


def test_can_draw_says_whether_matplotlib_is_there(no_matplotlib, monkeypatch) -> None:
    monkeypatch.setattr(figures, "in_browser", lambda: False)
    assert figures.can_draw() is False
    assert not figures._LOADING  # outside the browser nothing is fetched
    monkeypatch.undo()
    assert figures.can_draw() is True


def test_explorer_offline_shows_the_built_figure_with_the_filters_off(no_matplotlib, monkeypatch) -> None:
    monkeypatch.setattr(figures, "in_browser", lambda: False)
    box = timeline.explore()
    controls = [w for w in box.children[0].children] + [box.children[1]]
    assert controls and all(c.disabled for c in controls)
    note = box.children[2].value  # the note comes right under the filters it explains
    assert "matplotlib" in note and "internet" in note and note.count("<p") == 1
    # the picture is the one run.py build drew, shown as an <img> with its alt text (an HTML widget: an ipywidgets Image has no alt)
    shown = box.image.value.split('src="data:image/svg+xml;base64,', 1)[1].split('"', 1)[0]
    assert base64.b64decode(shown) == figures.prebuilt("timeline")
    assert 'alt="' in box.image.value and 'alt=""' not in box.image.value


def test_explorer_turns_its_filters_on_when_matplotlib_arrives(no_matplotlib, monkeypatch) -> None:
    monkeypatch.setattr(figures, "in_browser", lambda: False)
    monkeypatch.setattr(figures, "_WAITING", [])
    box = timeline.explore()
    shown = len(box.children)
    assert len(figures._WAITING) == 1
    for callback in figures._WAITING:  # what _fetch_matplotlib does once the CDN's matplotlib is in
        callback()
    assert len(box.children) == shown - 1 and "internet" not in str([getattr(c, "value", "") for c in box.children])
    assert not any(c.disabled for c in box.children[0].children) and not box.children[1].disabled


def test_explorer_with_matplotlib_is_unchanged() -> None:
    box = timeline.explore()
    assert not any(c.disabled for c in box.children[0].children) and not box.children[1].disabled
    assert not [c for c in box.children if 'class="summit-offline"' in str(getattr(c, "value", ""))]


def test_dashboard_offline_says_why_there_is_no_chart(no_matplotlib, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(figures, "in_browser", lambda: False)
    progress.update("00-citation", {"kind": "single", "verdict": "correct", "score": 1.0}, count="attempts")
    scorecard.export("Ana", tmp_path)
    shown = []
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: shown.extend(objs))
    dashboard.show(tmp_path)
    last = shown[-1]
    assert isinstance(last, IPython.display.HTML) and figures.OFFLINE in last.data


def test_export_has_a_download_link_holding_the_file(tmp_path) -> None:
    path = scorecard.export("Ünal O’Brien", tmp_path)
    link = scorecard.download_link(path)
    assert f'download="{path.name}"' in link  # markup.el quotes attributes with "
    data = link.split('href="data:application/json;base64,', 1)[1].split('"', 1)[0]
    assert base64.b64decode(data) == path.read_bytes()


def test_the_teachers_site_grades_from_its_own_solutions(in_browser: Path, monkeypatch, tmp_path) -> None:
    """In the teacher's site the package and its data sit in the kernel, the solutions in the site's files (/drive)."""
    import shutil

    from summitkit import grading

    repo = Path(__file__).resolve().parents[2]
    shutil.copytree(repo / "solutions", in_browser / "solutions", ignore=shutil.ignore_patterns("class-exports"))
    kernel = tmp_path / "site-packages" / "summitkit"  # the package as the wheel installs it: no solutions beside it
    shutil.copytree(repo / "data", kernel / "_data")
    monkeypatch.setattr(grading, "in_browser", lambda: True)
    monkeypatch.setattr(grading, "BROWSER_DRIVE", in_browser)
    monkeypatch.setattr(grading, "course_root", lambda: kernel)
    monkeypatch.setattr(grading, "data_dir", lambda: kernel / "_data")
    questions, _, said = grading.course_questions()
    assert said == "the questions declared in solutions/" and "01-outlet" in questions
    shutil.rmtree(in_browser / "solutions")  # the student's site: the sealed banks the kernel carries
    questions, _, said = grading.course_questions()
    assert "data/questions" in said and "01-outlet" in questions
