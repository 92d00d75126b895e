"""The notes box under each lesson's discussion questions: saved with the answers, back on a re-run, in the export."""

from __future__ import annotations

import json

from conftest import ROOT

from summitkit import notes, progress, scorecard


def test_notes_are_saved_come_back_and_go_into_the_export(tmp_path):
    box = notes.box("03")
    assert box.text.value == "" and box.status.value == ""
    box.text.value = "Kim needed it more: 38north ¶4."  # the box saves when the learner clicks away (continuous_update off)
    assert "Saved (6 words" in box.status.value
    assert progress.notes() == {"03-discussion": "Kim needed it more: 38north ¶4."}
    box.text.value += " RSIS never compares them."
    box.save.click()
    again = notes.box("03")
    assert again.text.value.endswith("RSIS never compares them.") and "back" in again.status.value
    assert notes.box("04").text.value == ""
    path = scorecard.export("Ana", tmp_path)
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert exported["notes"] == {"03-discussion": again.text.value}
    assert "03-discussion" not in exported["questions"]  # a note is not a question: nothing grades it


def test_a_damaged_notes_table_is_set_aside_not_lost(progress_home):
    path = progress_home / "progress.json"
    path.write_text(json.dumps({"version": 1, "learner": "", "questions": {}, "notes": ["not", "a", "table"]}), encoding="utf-8")
    assert progress.notes() == {}
    progress.save_note("01-discussion", "mine")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["notes"]["01-discussion"]["text"] == "mine"
    assert {"id": "notes", "record": ["not", "a", "table"]}.items() <= data["set_aside"][0].items()


def test_a_note_that_cannot_be_saved_says_so_and_stays_in_the_box(monkeypatch):
    def refuse(*_):
        raise progress.ProgressError("the disk is full", "free some space")

    monkeypatch.setattr(progress, "save_note", refuse)
    box = notes.box("02")
    box.text.value = "my thoughts"
    assert "could not be saved" in box.status.value and 'role="alert"' in box.status.value and box.text.value == "my thoughts"


def test_every_lesson_gives_its_discussion_questions_a_notes_box():
    """Discussion questions say "write down": each lesson has its notes box right under them, keyed by its number."""
    for path in sorted((ROOT / "notebooks").glob("0[0-9]_*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        at = next(i for i, c in enumerate(cells) if "## Discussion questions" in "".join(c["source"]))
        follow = "".join(cells[at + 1]["source"])
        assert cells[at + 1]["cell_type"] == "code" and f'notes.box("{path.name[:2]}")' in follow, path.name
        assert "from summitkit import notes" in follow
