"""Peer review of the essay by file: send, review against the rubric, read the review beside the essay; bad files refused."""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

import pytest
from frontend import choose_file

from summitkit import peer, progress, rubric

ESSAY = 'A drive-by. 38 North: "was friendly but seems to have produced little substance" (38north ¶1); RSIS: no breakthrough (rsis ¶2).'


def _as_learner(monkeypatch, home: Path, folder: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    folder.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("SUMMITKIT_HOME", str(home))
    monkeypatch.chdir(folder)


def _said(widget) -> str:
    return html.unescape(widget.value)


def _only(folder: Path, pattern: str) -> Path:
    [found] = sorted(folder.glob(pattern))
    return found


def test_the_whole_round_trip_through_files(tmp_path, monkeypatch):
    author, partner = tmp_path / "author", tmp_path / "partner"
    _as_learner(monkeypatch, author / "home", author / "work")
    progress.set_learner("Ana Lima", "ana@example.org")
    progress.update("05-essay", {"answer": {"text": ESSAY, "rubric": [True, True, False, False]}})
    box = peer.peer_review()
    box.send_button.click()
    assert "Saved" in _said(box.status) and "Download it" in _said(box.status)
    sent = _only(author / "work", "essay-for-partner-*.json")
    text = sent.read_text(encoding="utf-8")
    assert "Ana" not in text and "ana@example.org" not in text, "the file passed to a partner carries no name"

    _as_learner(monkeypatch, partner / "home", partner / "work")
    review_box = peer.peer_review()
    choose_file(review_box.essay_upload, sent)
    assert "was friendly but seems to have produced little substance" in _said(review_box.partner)
    assert "word for word" in _said(review_box.partner), "the partner sees the essay box's own check"
    review_box.review_button.click()
    assert "Choose a level for" in _said(review_box.status)
    for n, menu in enumerate(review_box.menus.values()):
        menu.value = (4, 3, 2, 1)[n]
    review_box.comments.value = "Cite RSIS's own words for the breakthrough point (rsis ¶2)."
    review_box.review_button.click()
    review = _only(partner / "work", "review-*.json")

    _as_learner(monkeypatch, author / "home", author / "work")
    mine = peer.peer_review()
    choose_file(mine.review_upload, review)
    shown = _said(mine.mine)
    assert "Your essay, as you sent it" in shown and "little substance" in shown
    assert "Claim: level 4." in shown and "Counter-argument and sourcing: level 1." in shown
    assert "Cite RSIS" in shown and "The review is kept" in _said(mine.status)
    again = peer.peer_review()  # after a restart the review is still there
    assert "Cite RSIS" in _said(again.mine)


def test_someone_elses_review_is_refused_and_changes_nothing(tmp_path, monkeypatch):
    _as_learner(monkeypatch, tmp_path / "other", tmp_path / "w")
    payload = peer.review_payload({"code": "abcdefabcdef", "text": "Not mine."}, dict.fromkeys(rubric.criteria(), 3), "ok")
    (tmp_path / "w" / "review-x.json").write_text(json.dumps(payload), encoding="utf-8")
    box = peer.peer_review()
    before = progress.load()
    choose_file(box.review_upload, tmp_path / "w" / "review-x.json")
    assert "someone else's" in _said(box.status) and box.mine.value == ""
    assert progress.load() == before


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"{not json", "This file is damaged"),
        (
            json.dumps({"format": peer.ESSAY_FORMAT, "code": "0123456789ab", "text": "x"}).encode(),
            "This is not a review: it is an essay for a partner",
        ),
        (json.dumps({"format": "summitkit-export/2"}).encode(), "not a file from this course's peer review"),
        (
            json.dumps({"format": peer.REVIEW_FORMAT, "code": "0123456789ab", "levels": {"Claim": 9}}).encode(),
            "a level is not one of 4, 3, 2, 1",
        ),
        (b"x" * (peer.MAX_FILE + 1), "it is not one the course wrote"),
    ],
)
def test_a_bad_review_file_gets_a_sentence(tmp_path, monkeypatch, content, said):
    _as_learner(monkeypatch, tmp_path / "h", tmp_path / "w")
    path = tmp_path / "w" / "bad.json"
    path.write_bytes(content)
    box = peer.peer_review()
    choose_file(box.review_upload, path)
    assert said in _said(box.status) and "Something went wrong" not in _said(box.status)


def test_an_essay_file_with_no_essay_or_a_review_in_the_essay_box_is_refused(tmp_path, monkeypatch):
    _as_learner(monkeypatch, tmp_path / "h", tmp_path / "w")
    path = tmp_path / "w" / "e.json"
    path.write_text(json.dumps(peer.essay_payload("   ", "p")), encoding="utf-8")
    box = peer.peer_review()
    choose_file(box.essay_upload, path)
    assert "holds no essay" in _said(box.status) and box.review_button.disabled


def test_sending_before_writing_says_what_to_do_first(tmp_path, monkeypatch):
    _as_learner(monkeypatch, tmp_path / "h", tmp_path / "w")
    box = peer.peer_review()
    box.send_button.click()
    assert "Save your essay first" in _said(box.status)
    assert list((tmp_path / "w").iterdir()) == []


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root can write to a read-only folder")
def test_a_read_only_folder_still_offers_the_file_as_a_download(tmp_path, monkeypatch):
    _as_learner(monkeypatch, tmp_path / "h", tmp_path / "w")
    progress.update("05-essay", {"answer": {"text": ESSAY, "rubric": []}})
    (tmp_path / "w").chmod(0o500)
    try:
        box = peer.peer_review()
        box.send_button.click()
        assert "cannot be written to" in _said(box.status) and "Download it" in _said(box.status)
    finally:
        (tmp_path / "w").chmod(0o700)


def test_a_read_only_folder_as_root_is_simulated_by_a_failing_write(tmp_path, monkeypatch):
    _as_learner(monkeypatch, tmp_path / "h", tmp_path / "w")
    progress.update("05-essay", {"answer": {"text": ESSAY, "rubric": []}})

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(peer, "_write_beside", refuse)
    box = peer.peer_review()
    box.send_button.click()
    assert "cannot be written to" in _said(box.status) and "base64," in _said(box.status)
    assert peer.sent(), "the code is kept, so the review can be matched"
