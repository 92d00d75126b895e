"""The class folder under hostile files (issue 25, the grader's half): nothing hangs, no learner is displaced,
no edit raises a grade unflagged, every file is accounted for, and grades.csv stays safe in a spreadsheet.

Exports of format 3 (``learner_id``, ``saves``) are made here from real exports by adding those two fields, as the
progress store writes them; the grader reads them whatever writes them.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from classroom import Learner
from conftest import ROOT

from summitkit import exports, gradebook, grading, marks

V3 = "summitkit-export/3"


def read_rows(folder: Path) -> list[dict]:
    with open(folder / "grades.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def write(folder: Path, name: str, data: dict) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def v3(data: dict, learner_id: str, saves: int, **fields) -> dict:
    """The export as format 3: the progress file's learner id and save counter added."""
    out = copy.deepcopy(data)
    out.update(format=V3, learner_id=learner_id, saves=saves, **fields)
    return out


def legacy(data: dict, **fields) -> dict:
    """The export as format 2 (no learner id, no save counter), as the course wrote it before format 3."""
    out = copy.deepcopy(data)
    for name in ("learner_id", "saves"):
        out.pop(name, None)
    out.update(format="summitkit-export/2", **fields)
    return out


def new_id() -> str:
    return secrets.token_hex(16)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> dict:
    """Real exports: 'wrong' (01-outlet wrong), 'right' (01-outlet right), 'revealed' (01-outlet wrong, Show answer,
    then right; 02-kremlin-date right with 2 hints)."""
    tmp = tmp_path_factory.mktemp("base")
    out = {}
    for name, steps in (("wrong", [("01-outlet", "38 North")]), ("right", [("01-outlet", "RSIS Commentaries")])):
        learner = Learner(tmp / name)
        for qid, value in steps:
            learner.answer(qid, value)
        out[name] = json.loads(learner.export(tmp / "out", "X").read_text(encoding="utf-8"))
    learner = Learner(tmp / "revealed")
    learner.answer("01-outlet", "38 North")
    learner.reveal("01-outlet")
    learner.answer("01-outlet", "RSIS Commentaries")
    learner.answer("02-kremlin-date", "18 April 2019", hints=2)
    out["revealed"] = json.loads(learner.export(tmp / "out", "X").read_text(encoding="utf-8"))
    return out


def learner_named(grades, name):
    (found,) = [g for g in grades.learners if g.name == name]
    return found


# ----- 1. Nothing hangs -------------------------------------------------------------------------------------
def _hostile_specials(folder: Path) -> dict[str, str]:
    """A named pipe, a link to a device, a socket, a folder named *.json, a link to a folder, a broken link, and the
    teacher's marks.csv and policy as named pipes; returns {name: words its reason must hold}."""
    os.mkfifo(folder / "pipe.json")
    os.symlink("/dev/zero", folder / "zero.json")
    os.symlink("/dev/null", folder / "null")
    (folder / "folder.json").mkdir()
    os.symlink(folder.parent, folder / "up")
    os.symlink(folder / "nowhere.json", folder / "broken.json")
    sock = socket.socket(socket.AF_UNIX)
    here = os.getcwd()
    try:
        os.chdir(folder)  # a short path: socket addresses are limited to about 100 bytes
        sock.bind("sock.json")
    finally:
        os.chdir(here)
    sock.close()
    os.mkfifo(folder / "marks.csv")
    os.mkfifo(folder / "grading_policy.csv")
    return {
        "pipe.json": "a named pipe",
        "zero.json": "a device (through a link)",
        "null": "a device (through a link)",
        "folder.json/": "a folder named like an export",
        "up": "a link to a folder",
        "broken.json": "a link to nothing",
        "sock.json": "a socket",
    }


def test_a_pipe_a_device_link_a_socket_and_a_folder_named_json_never_hang_the_grader_or_the_dashboard(tmp_path, base):
    folder = tmp_path / "class"
    folder.mkdir()
    write(folder, "ana.json", v3(base["right"], new_id(), 4, learner="Ana", email_or_id="ana@example.edu"))
    expected = _hostile_specials(folder)
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, str(ROOT / "run.py"), "grade", str(folder)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert time.monotonic() - started < 60
    lines = run.stdout.splitlines()
    for name, words in expected.items():
        assert [line for line in lines if line.startswith(f"skipped  {name}: ") and words in line], (name, lines)
    assert any(line.startswith("problem  marks.csv is a named pipe") for line in lines)
    assert any(line.startswith("problem  grading_policy.csv is a named pipe") for line in lines)
    assert f"{len(expected)} file(s) skipped" in lines[-1] and "graded 1 learner(s)" in lines[-1]
    assert [row["Student"] for row in read_rows(folder)] == ["Ana"]
    assert (folder / "marks.csv").is_fifo()  # a teacher's file that is not a file is never replaced
    dashboard = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from summitkit import dashboard, gradebook; "
            "g = gradebook.grade_folder(sys.argv[1], write=False); print(dashboard.report_html(g, sys.argv[1]))",
            str(folder),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert dashboard.returncode == 0, dashboard.stderr
    assert "pipe.json" in dashboard.stdout and "a named pipe" in dashboard.stdout and "1 learner(s) graded" in dashboard.stdout


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file to another user")
def test_links_to_another_users_files_are_neither_read_nor_written_through(tmp_path, base):
    folder = tmp_path / "class"
    elsewhere = tmp_path / "someone-else"
    elsewhere.mkdir()
    theirs = write(elsewhere, "theirs.json", v3(base["right"], new_id(), 1, learner="Not In This Class"))
    their_marks = elsewhere / "marks.csv"
    their_marks.write_text("learner,question,score\nX,05-essay,1\n", encoding="utf-8")
    for path in (theirs, their_marks):
        os.chown(path, 4242, 4242)
    write(folder, "ok.json", v3(base["right"], new_id(), 1, learner="Ok", email_or_id="ok@example.edu"))
    os.symlink(theirs, folder / "link.json")
    os.symlink(their_marks, folder / "marks.csv")
    grades = gradebook.grade_folder(folder)
    assert [g.name for g in grades.learners] == ["Ok"]
    assert dict(grades.skipped)["link.json"].startswith("a link to a file that belongs to someone else")
    assert any(p.startswith("marks.csv is a link to a file that belongs to someone else") for p in grades.problems)
    assert (
        their_marks.read_text(encoding="utf-8") == "learner,question,score\nX,05-essay,1\n"
        and (folder / "marks.csv").is_symlink()
    )


# ----- 2. Identity --------------------------------------------------------------------------------------------
def test_an_impostor_with_a_classmates_email_and_a_date_in_2099_displaces_nobody(tmp_path, base):
    folder = tmp_path / "class"
    ana_id = new_id()
    write(
        folder,
        "ana.json",
        v3(base["right"], ana_id, 12, learner="Ana Lima", email_or_id="ana@example.edu", exported="2026-03-01T10:00:00+00:00"),
    )
    write(
        folder,
        "impostor.json",
        v3(base["wrong"], new_id(), 999, learner="Ana Lima", email_or_id="ana@example.edu", exported="2099-01-01T00:00:00+00:00"),
    )
    old = legacy(
        base["wrong"],
        learner="Ana Lima",
        email_or_id="ANA@example.edu",
        learner_key="feedfeedfeedfeed",
        exported="2099-01-02T00:00:00+00:00",
    )  # the same trick in an older format, with no learner id
    write(folder, "impostor-old-format.json", old)
    grades = gradebook.grade_folder(folder)
    assert sorted(g.file for g in grades.learners) == ["ana.json", "impostor-old-format.json", "impostor.json"]
    assert not grades.skipped
    ana = next(g for g in grades.learners if g.file == "ana.json")
    assert ana.total == 1 and ana.login == "ana@example.edu"
    for learner in grades.learners:
        assert any("the e-mail or ID" in f and "is also given by" in f for f in learner.flags), learner.file
        assert any("another learner with the same name" in f for f in learner.flags), learner.file
    rows = read_rows(folder)
    assert len(rows) == 3 and {r["File"] for r in rows} == {"ana.json", "impostor.json", "impostor-old-format.json"}


@pytest.mark.parametrize("clock", ["ahead", "stepped back"])
def test_the_latest_export_is_the_one_with_more_saves_whatever_the_clock_says(tmp_path, base, clock):
    folder = tmp_path / "class"
    me = new_id()
    earlier_date, later_date = (
        ("2099-01-01T00:00:00+00:00", "2026-03-01T00:00:00+00:00")
        if clock == "ahead"
        else ("2026-03-02T00:00:00+00:00", "2026-03-01T00:00:00+00:00")
    )
    write(folder, "first.json", v3(base["wrong"], me, 5, learner="Ben", email_or_id="ben@example.edu", exported=earlier_date))
    write(folder, "second.json", v3(base["right"], me, 9, learner="Ben", email_or_id="ben@example.edu", exported=later_date))
    grades = gradebook.grade_folder(folder)
    (ben,) = grades.learners
    assert ben.file == "second.json" and ben.total == 1
    assert dict(grades.skipped)["first.json"].startswith(
        "an older export of Ben: the latest, second.json, is used (by its save counter)"
    )
    assert any("2 exports from this learner: the latest is used, by its save counter" in f for f in ben.flags)


def test_an_older_format_export_never_beats_a_format_3_export_of_the_same_progress_file(tmp_path, base):
    folder = tmp_path / "class"
    write(
        folder,
        "old.json",
        legacy(base["wrong"], learner="Chloé", learner_key="abcdabcdabcdabcd", exported="2099-01-01T00:00:00+00:00"),
    )
    write(
        folder,
        "new.json",
        v3(base["right"], new_id(), 3, learner="Chloé", learner_key="abcdabcdabcdabcd", exported="2026-01-01T00:00:00+00:00"),
    )
    (chloe,) = gradebook.grade_folder(folder).learners
    assert chloe.file == "new.json" and chloe.total == 1


def test_older_formats_keep_name_grouping_and_the_flag_says_they_have_no_id(tmp_path, base):
    folder = tmp_path / "class"
    for name, date, answers in (
        ("a.json", "2026-01-01T00:00:00+00:00", "right"),
        ("b.json", "2026-01-02T00:00:00+00:00", "wrong"),
    ):
        write(folder, name, legacy(base[answers], learner="Dan", learner_key="1111222233334444", exported=date))
    (dan,) = gradebook.grade_folder(folder).learners
    assert dan.file == "b.json" and dan.total == 0
    assert any("the latest is used, by export date, as these files carry no learner id (format 1-2)" in f for f in dan.flags)


@pytest.mark.parametrize("order", ["e-mail second", "e-mail first"])
def test_one_learner_exporting_with_and_without_an_email_is_one_row_with_the_email(tmp_path, base, order):
    folder = tmp_path / "class"
    me = new_id()
    emails = ("", "eve@example.edu") if order == "e-mail second" else ("eve@example.edu", "")
    write(folder, "one.json", v3(base["wrong"], me, 2, learner="Eve", email_or_id=emails[0]))
    write(folder, "two.json", v3(base["right"], me, 6, learner="Eve", email_or_id=emails[1]))
    grades = gradebook.grade_folder(folder)
    (eve,) = grades.learners
    assert eve.file == "two.json" and eve.login == "eve@example.edu" and eve.total == 1
    (row,) = read_rows(folder)
    assert row["SIS Login ID"] == "eve@example.edu"
    assert not any("no e-mail or ID" in f for f in eve.flags)


def test_a_learner_with_no_login_anywhere_is_flagged_with_a_placeholder_never_none(tmp_path, base):
    folder = tmp_path / "class"
    write(folder, "fay.json", v3(base["right"], "0123456789abcdef0123456789abcdef", 1, learner="Fay", email_or_id=""))
    (fay,) = gradebook.grade_folder(folder).learners
    (row,) = read_rows(folder)
    assert row["SIS Login ID"] == "no-login-01234567" and row["SIS Login ID"] != "(none)"
    assert any(f.startswith("no e-mail or ID in this learner's file(s): grades.csv says no-login-01234567") for f in fay.flags)


def test_a_damaged_id_or_save_counter_and_two_files_with_one_counter_are_flagged(tmp_path, base):
    folder = tmp_path / "class"
    write(
        folder,
        "bad-id.json",
        v3(base["right"], "not-an-id", 3, learner="Ola", email_or_id="ola@example.edu", learner_key="0a0a0a0a0a0a0a0a"),
    )
    write(folder, "no-saves.json", v3(base["right"], new_id(), True, learner="Pia", email_or_id="pia@example.edu"))
    twin = new_id()
    write(folder, "twin-a.json", v3(base["wrong"], twin, 4, learner="Quinn", email_or_id="q@example.edu"))
    write(folder, "twin-b.json", v3(base["right"], twin, 4, learner="Quinn", email_or_id="q@example.edu"))
    grades = gradebook.grade_folder(folder)
    ola, pia, quinn = (learner_named(grades, n) for n in ("Ola", "Pia", "Quinn"))
    assert any(f.startswith("format 3 without a valid learner id") for f in ola.flags) and ola.export.learner_id == ""
    assert any(f.startswith("format 3 without a valid save counter") for f in pia.flags) and pia.export.saves is None
    assert any("has the same save counter (4): which is later cannot be told" in f for f in quinn.flags)


def test_one_id_under_two_names_is_one_learner_and_flagged(tmp_path, base):
    folder = tmp_path / "class"
    shared = new_id()
    write(folder, "gus.json", v3(base["wrong"], shared, 3, learner="Gus"))
    write(folder, "hal.json", v3(base["right"], shared, 4, learner="Hal"))
    grades = gradebook.grade_folder(folder)
    (hal,) = grades.learners
    assert hal.name == "Hal" and any("one progress file exported under 2 names" in f for f in hal.flags)
    assert "this file names Gus: check" in dict(grades.skipped)["gus.json"]


# ----- 3. Edits that raised a grade -------------------------------------------------------------------------
def _edited(tmp_path, base, change, policy="setting,value\nafter_reveal,0\nper_hint,0.25\n") -> grading.LearnerGrade:
    folder = tmp_path / "class"
    data = v3(base["revealed"], new_id(), 7, learner="Ivy", email_or_id="ivy@example.edu")
    change(data)
    write(folder, "ivy.json", data)
    (folder / grading.POLICY_FILE).write_text(policy, encoding="utf-8")
    (ivy,) = gradebook.grade_folder(folder).learners
    return ivy


def test_the_honest_file_earns_what_the_policy_says(tmp_path, base):
    ivy = _edited(tmp_path, base, lambda d: None)
    assert ivy.answers["01-outlet"].earned == 0 and ivy.answers["02-kremlin-date"].earned == 0.5
    assert not any("missing or contradictory" in f for f in ivy.flags)


def test_deleting_the_reveal_fields_is_flagged_and_graded_as_after_show_answer(tmp_path, base):
    def delete(data):
        for field in ("revealed", "before_reveal"):
            data["questions"]["01-outlet"].pop(field)

    ivy = _edited(tmp_path, base, delete)
    assert ivy.answers["01-outlet"].earned == 0
    assert any(
        "Show-answer fields missing or contradictory on 1 question(s)" in f and "01-outlet (no 'revealed' field)" in f
        for f in ivy.flags
    )


@pytest.mark.parametrize(
    "change",
    [
        lambda r: r.pop("before_reveal"),  # Show answer pressed, what stood before it gone
        lambda r: r.update(revealed=False),  # before_reveal kept: contradicts
        lambda r: r.update(revealed="no"),  # a value no export writes
        lambda r: r.update(before_reveal={"attempts": 99, "answer": "RSIS Commentaries"}),  # more attempts before than in all
    ],
    ids=["no-before", "unrevealed-with-before", "revealed-no", "before-after-all"],
)
def test_contradictory_reveal_fields_are_graded_as_the_worst_case(tmp_path, base, change):
    ivy = _edited(tmp_path, base, lambda d: change(d["questions"]["01-outlet"]))
    assert ivy.answers["01-outlet"].earned == 0
    assert any("Show-answer fields missing or contradictory" in f for f in ivy.flags)


@pytest.mark.parametrize("value", ["missing", None, "0", -2, 0.0, True, 7])
def test_a_missing_or_impossible_hint_count_is_graded_with_every_hint(tmp_path, base, value):
    def change(data):
        record = data["questions"]["02-kremlin-date"]
        if value == "missing":
            record.pop("hints")
        else:
            record["hints"] = value

    ivy = _edited(tmp_path, base, change)
    assert ivy.answers["02-kremlin-date"].earned == 0.5  # the question has 2 hints: 25% off each
    assert any("hint counts missing, contradictory or lowered on 1 question(s)" in f for f in ivy.flags)


def test_hints_set_to_0_after_an_earlier_export_are_caught_and_the_earlier_count_used(tmp_path, base):
    folder = tmp_path / "class"
    me = new_id()
    write(folder, "before.json", v3(base["revealed"], me, 7, learner="Jo", email_or_id="jo@example.edu"))
    later = v3(base["revealed"], me, 8, learner="Jo", email_or_id="jo@example.edu")
    later["questions"]["02-kremlin-date"]["hints"] = 0
    later["questions"]["01-outlet"].update(revealed=None)
    later["questions"]["01-outlet"].pop("before_reveal")
    write(folder, "after.json", later)
    (folder / grading.POLICY_FILE).write_text("setting,value\nper_hint,0.25\n", encoding="utf-8")
    (jo,) = gradebook.grade_folder(folder).learners
    assert jo.file == "after.json"
    assert jo.answers["02-kremlin-date"].earned == 0.5 and jo.answers["01-outlet"].earned == 0
    flags = " | ".join(jo.flags)
    assert "02-kremlin-date (2 hint(s) in an earlier export, 0 in this one)" in flags
    assert "01-outlet (Show answer pressed in an earlier export of this learner, not in this one)" in flags


def test_relabelling_as_format_1_is_flagged_and_graded_by_the_files_fields(tmp_path, base):
    ivy = _edited(tmp_path, base, lambda d: d.update(format="summitkit-export/1"))
    assert ivy.export.format == V3 and ivy.answers["01-outlet"].earned == 0
    assert any("labelled 'summitkit-export/1' but carries fields only a later format writes" in f for f in ivy.flags)

    def strip_all(data):  # a perfect format 1: every newer field gone too
        data["format"] = "summitkit-export/1"
        for name in exports.NEWER_FIELDS:
            data.pop(name, None)
        for record in data["questions"].values():
            record.pop("fingerprint", None)
            record.pop("before_reveal", None)

    ivy = _edited(tmp_path / "stripped", base, strip_all)
    assert ivy.export.format == "summitkit-export/1" and ivy.answers["01-outlet"].earned == 0
    assert any("01-outlet (format 1 cannot say whether the answer came before or after Show answer)" in f for f in ivy.flags)


# ----- 4. Every file named --------------------------------------------------------------------------------
def test_every_file_not_graded_is_named_and_renamed_exports_are_graded(tmp_path, base):
    folder = tmp_path / "class"
    write(folder, "kim.json.txt", v3(base["right"], new_id(), 1, learner="Kim", email_or_id="kim@example.edu"))
    write(folder, "lee", v3(base["right"], new_id(), 1, learner="Lee", email_or_id="lee@example.edu"))
    write(folder, "a/b/c/mia.json", v3(base["right"], new_id(), 1, learner="Mia", email_or_id="mia@example.edu"))
    write(folder, "a/b/c/d/ned.json", v3(base["right"], new_id(), 1, learner="Ned", email_or_id="ned@example.edu"))
    (folder / "README.txt").write_text("exports for period 3", encoding="utf-8")
    (folder / "no-extension").write_text("{ not json", encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n")
    (folder / "notebook.ipynb").write_text(json.dumps({"cells": []}), encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\x00\x00")
    grades = gradebook.grade_folder(folder)
    graded = {g.file: g for g in grades.learners}
    assert set(graded) == {"kim.json.txt", "lee", "a/b/c/mia.json"}
    assert any(
        f.startswith("renamed: an export whose file name does not end in .json (a .txt file)")
        for f in graded["kim.json.txt"].flags
    )
    assert any("(a file with no extension)" in f for f in graded["lee"].flags)
    reasons = dict(grades.skipped)
    assert reasons["a/b/c/d/ned.json"].startswith("nested 4 folders deep")
    assert reasons["README.txt"] == "a .txt file, not an export"
    assert reasons["no-extension"].startswith("a file with no extension, not an export (not valid JSON")
    assert reasons["photo.png"] == "a .png file, not an export"
    assert reasons["notebook.ipynb"].startswith("a .ipynb file, not an export (not a summit course export")
    assert reasons[".DS_Store"].startswith("a hidden file")
    assert len(reasons) == 6
    line = gradebook.summary(grades, folder)
    assert "6 file(s) skipped" in line and "0 file(s)" not in line
    again = gradebook.grade_folder(folder)  # the grader's own files (grades.csv, marks.csv, the policy) are not named
    assert dict(again.skipped) == reasons


# ----- 5. CSV safety ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        '\u200b=HYPERLINK("http://evil")',
        "\ufeff+1+1",
        "\u2060@SUM(A1)",
        "\u200c\u200d-2+3",
        '＝HYPERLINK("http://evil")',
        "＋1",
        "－1",
        "＠SUM(A1)",
        "\u200b＝1",
        "\ufe66cmd",
    ],
)
def test_the_formula_guard_sees_past_invisible_and_fullwidth_leads(text):
    cell = marks.sheet_cell(text)
    assert cell.startswith("'") and cell[1] not in "\u200b\u200c\u200d\u2060\ufeff"
    assert marks.sheet_value(cell) == cell[1:]


def test_harmless_text_is_left_as_it_is():
    for text in ("Ana", "\u200bAna", "王芳", "Zoë = 1", "a+b", "'quoted"):
        assert marks.sheet_cell(text) == text


def test_a_formula_name_behind_a_zero_width_space_and_an_invisible_name_in_grades_csv(tmp_path, base):
    folder = tmp_path / "class"
    write(
        folder,
        "evil.json",
        v3(base["right"], new_id(), 1, learner='\u200b=HYPERLINK("http://evil","x")', email_or_id="\u200b\u200b"),
    )
    write(folder, "ghost.json", v3(base["right"], new_id(), 1, learner="\u200b\u200c\u200d\u2060\ufeff", email_or_id="\uff1dcmd"))
    grades = gradebook.grade_folder(folder)
    rows = {r["File"]: r for r in read_rows(folder)}
    assert rows["evil.json"]["Student"] == '\'=HYPERLINK("http://evil","x")'
    assert rows["evil.json"]["SIS Login ID"].startswith("no-login-")  # an invisible e-mail is no e-mail
    assert rows["ghost.json"]["Student"] == "(no visible name)" and rows["ghost.json"]["SIS Login ID"] == "'＝cmd"
    ghost = next(g for g in grades.learners if g.file == "ghost.json")
    assert any(f.startswith("the name is made only of invisible characters (5 of them)") for f in ghost.flags)
    for row in rows.values():
        assert all(not cell or cell[0] not in "=+-@" for cell in row.values())


# ----- 6. A large folder, counted --------------------------------------------------------------------------
def _every_entry(folder: Path) -> set[str]:
    """Every file, link, pipe and socket under ``folder`` (and folders named *.json), as the grader names them; the
    grader's own files left out."""
    out = set()
    for current, dirs, files in os.walk(folder):
        rel = Path(current).relative_to(folder)
        for name in dirs:
            if name.endswith(".json") or os.path.islink(Path(current) / name):
                out.add((rel / name).as_posix() + ("" if os.path.islink(Path(current) / name) else "/"))
        for name in files:
            if not (rel == Path(".") and name in exports.GRADER_FILES):
                out.add((rel / name).as_posix())
    return out


def test_200_exports_and_every_hostile_file_are_graded_in_under_10_seconds_and_every_file_accounted_for(tmp_path, base):
    folder = tmp_path / "class"
    folder.mkdir()
    for i in range(200):
        data = v3(
            base["revealed" if i % 3 else "right"], new_id(), i, learner=f"Learner {i:03d}", email_or_id=f"l{i}@example.edu"
        )
        write(folder, f"p{i % 4}/summit-export-{i:03d}.json", data)
    me = new_id()  # and the cases above: two exports of one learner, an impostor, a renamed and a nested export
    write(folder, "old.json", v3(base["wrong"], me, 1, learner="Twice", email_or_id="l7@example.edu", exported="2099-01-01"))
    write(folder, "new.json", v3(base["right"], me, 2, learner="Twice", email_or_id=""))
    write(folder, "renamed.json.txt", v3(base["right"], new_id(), 1, learner="Renamed"))
    write(folder, "a/b/c/d/deep.json", v3(base["right"], new_id(), 1, learner="Deep"))
    (folder / "huge.json").write_bytes(b'{"format": "' + b"a" * (11 * 2**20) + b'"}')
    (folder / "notes.txt").write_text("hello", encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF" + bytes(9 * 2**20))  # looked at, not read whole
    (folder / "deep.json").write_text(
        '{"format": "summitkit-export/3", "questions": {"x": ' + "[" * 100_000 + "]" * 100_000 + "}}", encoding="utf-8"
    )
    (folder / "latin1.json").write_bytes('{"format": "summitkit-export/3", "learner": "Zoë"}'.encode("latin-1"))
    (folder / "empty.json").write_text("", encoding="utf-8")
    (folder / "not-json.json").write_text("{ not json", encoding="utf-8")
    (folder / "submissions.zip").write_bytes(b"PK\x03\x04")
    (folder / "utf16.json").write_bytes(json.dumps(v3(base["right"], new_id(), 1, learner="Utf Sixteen")).encode("utf-16"))
    _hostile_specials(folder)
    expected = _every_entry(folder)
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, str(ROOT / "run.py"), "grade", str(folder)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    seconds = time.monotonic() - started
    print(f"run.py grade on {len(expected)} files: {seconds:.1f} s")
    assert run.returncode == 0, run.stderr
    assert seconds < 10, f"run.py grade took {seconds:.1f} s"
    grades = gradebook.grade_folder(folder, write=False)
    graded = {g.file for g in grades.learners}
    named = {name for name, _ in grades.skipped}
    assert not graded & named
    assert graded | named == expected
    assert len(graded) == 200 + 3 and len(grades.skipped) == len(expected) - len(graded)
    assert f"{len(grades.skipped)} file(s) skipped" in run.stdout.splitlines()[-1]
    assert sum(line.startswith("skipped  ") for line in run.stdout.splitlines()) == len(grades.skipped)
    assert dict(grades.skipped)["scan.pdf"] == "a .pdf file, not an export"
