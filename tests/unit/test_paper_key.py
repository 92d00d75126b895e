"""Paper against notebook: the printed worksheet and answer key say what the notebooks' questions say (issue 24).

A learner on paper answers from ``data/worksheet.html`` and the handout; the teacher marks with
``solutions/answer-key.html``. Both are generated, but from different sides (the worksheet from the sealed
banks' clear fields, the key from the full specs in ``solutions/``), so this test reads the printed files back
and holds them against the questions as ``solutions/`` declares them: the same number for each question on both
sheets, every printed answer the notebook's own answer, and every keyed answer something the worksheet lets a
learner write (an option it prints, a group it names).
"""

from __future__ import annotations

import html
import re

import pytest
from conftest import ROOT

from summitkit.quiz import kinds
from summitkit.quiz.build import declared_specs

SPECS = declared_specs(ROOT)


def _text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


@pytest.fixture(scope="module")
def sheets() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """(worksheet, key): question id -> (its printed number, its printed text)."""
    worksheet = (ROOT / "data" / "worksheet.html").read_text(encoding="utf-8")
    key = (ROOT / "solutions" / "answer-key.html").read_text(encoding="utf-8")
    on_paper = {}
    for item in re.findall(r'<div class="summit-item"><h3>(.*?)</div>(?=<div class="summit-item">|</section>)', worksheet, re.S):
        found = re.match(r'(\d\d\.\d+) <span class="summit-question-id">\(([^,]+), ', item)
        assert found, item[:120]
        on_paper[found.group(2)] = (found.group(1), _text(item))
    keyed = {}
    for line in re.findall(r'<p class="summit-key-line">(.*?)</p>', key, re.S):
        found = re.match(r'<b>(\d\d\.\d+) </b><span class="summit-question-id">([^<]+)</span>(.*)', line, re.S)
        assert found, line[:120]
        keyed[found.group(2)] = (found.group(1), _text(found.group(3)))
    return on_paper, keyed


def test_every_question_has_the_same_number_on_the_worksheet_and_in_the_key(sheets):
    on_paper, keyed = sheets
    assert set(on_paper) == set(SPECS) == set(keyed)
    assert {qid: on_paper[qid][0] for qid in SPECS} == {qid: keyed[qid][0] for qid in SPECS}


@pytest.mark.parametrize("qid", sorted(SPECS))
def test_the_printed_key_is_the_notebooks_key(sheets, qid):
    spec, (_, line) = SPECS[qid], sheets[1][qid]
    kind = kinds.get(spec["kind"], qid)
    expected = (
        f"written: {len(spec['rubric'])}-point checklist"
        if spec["kind"] == "written"
        else " ".join(str(kind.answer_text(spec)).split())
    )
    assert line.startswith(expected), f"{qid}: the key prints {line[:100]!r}, the notebook's answer is {expected[:100]!r}"
    for cite in spec.get("cite") or []:
        assert cite in line, f"{qid}: the key leaves out {cite}, which the notebook cites"


@pytest.mark.parametrize("qid", sorted(SPECS))
def test_the_worksheet_prints_the_question_and_lets_the_keyed_answer_be_written(sheets, qid):
    spec, (_, printed) = SPECS[qid], sheets[0][qid]
    flat = lambda value: " ".join(str(value).split())  # noqa: E731
    assert flat(spec["prompt"]) in printed
    kind = spec["kind"]
    if kind in ("single", "multiple", "evidence") and spec.get("options"):
        for option in spec["options"]:
            assert flat(option) in printed, f"{qid}: option {option!r} is not on the worksheet"
        answers = spec["answer"] if isinstance(spec["answer"], list) else [spec["answer"]]
        assert all(a in spec["options"] for a in answers)
    elif kind == "categorize":
        groups = re.search(r"Groups: (.*?) (?:__________)", printed)
        assert groups, printed[:200]
        assert set(spec["items"].values()) <= set(spec["categories"])
        for category in spec["categories"]:
            assert flat(category) in groups.group(1), f"{qid}: the group {category!r} is not printed"
        for item in spec["items"]:
            assert flat(item) in printed
    elif kind == "match":
        for left, right in spec["pairs"].items():
            assert flat(left) in printed and flat(right) in printed
    elif kind == "order":
        for item in spec["items"]:
            assert flat(item) in printed
    elif kind == "written":
        for line in spec["rubric"]:
            assert flat(line) in printed


def test_a_learner_on_paper_is_told_which_copy_01_lacks_means():
    """01-lacks asks what the copy we received lacks; the handout must say what that copy held (its copy note)."""
    handout = _text((ROOT / "data" / "handout.html").read_text(encoding="utf-8"))
    assert "that we received" in SPECS["01-lacks"]["prompt"] and "handout" in SPECS["01-lacks"]["prompt"]
    assert "Our copy: The copy we received opens with a photo credit, “(Photo: AFP/Getty Images).”" in handout
    assert "a photo credit" not in SPECS["01-lacks"]["answer"]
    raw = next((ROOT.parent / "shared" / "sources").glob("38north*.txt"), None)
    if raw is not None:  # the copy we received really does open with it
        assert "(Photo: AFP/Getty Images)." in raw.read_text(encoding="utf-8")[:300]
