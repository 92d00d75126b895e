"""The learner's export: a new, readable file each time, never overwritten, and 'Saved' only once it reads back."""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from pathlib import Path

import pytest

from summitkit import progress, quiz, scorecard

NAMES = ["王芳", "王芳", "محمد", "محمد", "Ana", "Ana", "Zoë O’Brien", "\u200bAna\u200b"]


def _export_at(args) -> str:
    home, folder, name, start = args
    os.environ["SUMMITKIT_HOME"] = home
    while time.time() < start:  # every process exports in the same instant
        time.sleep(0.001)
    return str(scorecard.export(name, Path(folder)))


def test_concurrent_exports_in_one_second_keep_every_file(tmp_path):
    folder = tmp_path / "class"
    start = time.time() + 1.5
    jobs = [(str(tmp_path / f"home{i}"), str(folder), name, start) for i, name in enumerate(NAMES)]
    with multiprocessing.get_context("spawn").Pool(len(jobs)) as pool:
        paths = pool.map(_export_at, jobs)
    files = sorted(folder.glob("*.json"))
    assert len(set(paths)) == len(NAMES) == len(files)
    learners = sorted(json.loads(p.read_text(encoding="utf-8"))["learner"] for p in files)
    assert learners == sorted(" ".join(n.split()) for n in NAMES)


def test_file_names_keep_the_letters_of_any_script():
    assert scorecard.safe_name("王芳") == "王芳"
    assert scorecard.safe_name("محمد بن علي") == "محمد-بن-علي"
    assert scorecard.safe_name("Zoë O’Brien <b>/..\\:*?") == "zoë-obrien-b"
    assert scorecard.safe_name("CON") == "con"  # inside 'summit-export-...', never a reserved name on its own
    assert len(scorecard.safe_name("x" * 500)) == 40


def test_a_name_nobody_can_see_is_refused(tmp_path):
    for name in ("", "   ", "\u200b\u200b", "\u202e", "\u0301"):
        with pytest.raises(ValueError, match="Type your name"):
            scorecard.export(name, tmp_path)
    assert not list(tmp_path.glob("*.json"))


def test_each_export_is_a_new_file_that_is_read_back(tmp_path):
    q = quiz.show("01-outlet")
    q.input.value = "RSIS Commentaries"
    q.check_button.click()
    first = scorecard.export("Ana", tmp_path, email_or_id="ana@example.edu")
    second = scorecard.export("Ana", tmp_path)  # the e-mail given before is kept
    assert json.loads(second.read_text(encoding="utf-8"))["email_or_id"] == "ana@example.edu"
    assert first != second and first.name.startswith("summit-export-") and first.name.endswith("-ana.json")
    data = json.loads(first.read_text(encoding="utf-8"))
    assert data["format"] == "summitkit-export/3" and data["email_or_id"] == "ana@example.edu"
    assert data["learner_key"] == json.loads(second.read_text(encoding="utf-8"))["learner_key"] == progress.load()["learner_key"]
    record = data["questions"]["01-outlet"]
    assert record["answer"] == "RSIS Commentaries" and len(record["fingerprint"]) == 16


def test_saved_is_said_only_after_the_file_reads_back(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the scorecard exports next to the notebook: here, a temp folder
    card = scorecard.show()
    name, button, status = card.name, card.export_button, card.status
    name.value = "Ana"
    real = Path.read_text

    def garbled(self, *args, **kwargs):
        text = real(self, *args, **kwargs)
        return text[:-5] if self.name.startswith("summit-export-") else text

    monkeypatch.setattr(Path, "read_text", garbled)
    button.click()
    assert "✓ Saved" not in status.value and "could not be read back" in status.value and 'role="alert"' in status.value
    assert not list(tmp_path.glob("*.json"))
    monkeypatch.setattr(Path, "read_text", real)
    button.click()
    assert "✓ Saved" in status.value and len(list(tmp_path.glob("summit-export-*-ana.json"))) == 1


def test_the_file_is_removed_when_it_does_not_read_back(tmp_path, monkeypatch):
    real = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: real(self, *a, **k) + "x")
    with pytest.raises(OSError, match="could not be read back"):
        scorecard.export("Ana", tmp_path)
    assert not list(tmp_path.glob("*.json"))
