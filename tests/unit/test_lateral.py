"""Lateral reading (issues 21–23): the outside records shown with their sources, and the search box over them.

The views must show every record of every packet with its publisher, date in words and address, marked as
outside the two texts; the search box must answer by its button and by Enter, in a live region, and say
plainly when nothing matches; the new questions must reach the banks.
"""

from __future__ import annotations

import html
import json

import pytest
from conftest import ROOT

from summitkit import lateral, outside
from summitkit.views.lateral import OUTSIDE_LABEL, date_words


def _text(markup: str) -> str:
    return html.unescape(str(markup))


@pytest.mark.parametrize("packet", ["lateral", "summit", "context", "epilogue"])
def test_every_record_is_shown_with_its_source(packet):
    shown = _text(lateral.records_html(packet))
    assert OUTSIDE_LABEL in shown
    records = outside.load(packet)
    assert records
    for r in records:
        assert r.title in shown and r.summary in shown and r.publisher in shown, r.id
        assert f'href="{r.url}"' in str(lateral.records_html(packet)).replace("&amp;", "&"), r.id
        assert date_words(r.published) in shown and r.id in shown, r.id
        if r.quote:
            assert f"“{r.quote}” ({r.quote_by})" in shown, r.id


def test_the_lesson_pages_are_the_right_packets():
    assert "Context" in _text(lateral.context_html()) and outside.load("context")[0].summary in _text(lateral.context_html())
    assert "Epilogue" in _text(lateral.epilogue_html()) and outside.load("epilogue")[-1].url in _text(lateral.epilogue_html())
    assert outside.load("summit")[0].title in _text(lateral.summit_records_html())
    assert outside.load("epilogue")[0].title not in _text(lateral.context_html())


def test_an_undated_page_says_so_and_never_shows_a_guessed_date():
    undated = [r for r in outside.load("lateral") if r.published == outside.UNDATED]
    assert undated
    shown = _text(lateral.records_html("lateral"))
    assert shown.count("no date on the page") == len(undated)
    assert date_words("2019-05") == "May 2019" and date_words("2019-04-25") == "25 April 2019"


def test_record_text_is_escaped():
    row = outside.load("lateral")[0]
    hostile = row.__class__(**{**row.__dict__, "title": "<script>alert(1)</script>", "summary": "a & b"})
    shown = str(lateral.record_html(hostile))
    assert "<script>" not in shown and "&lt;script&gt;" in shown and "a &amp; b" in shown


# ----- the search box, driven as a learner would -------------------------------------------------------------------------
def _ids_in(box) -> list[str]:
    return box.last()[1]


@pytest.mark.parametrize(("query", "expected"), [("Lukin", "lukin-profile-scmp"), ("Stimson", "38north-joins-stimson")])
def test_the_search_box_answers_by_the_button(query, expected):
    box = lateral.search_box()
    box.query.value = ""  # nothing typed: the box says how to search
    assert "press Enter or Search" in _text(box.results.value)
    box.button.click()
    assert box.last() == ("", [])
    box.query.value = query
    box.button.click()
    ids = _ids_in(box)
    assert expected in ids
    shown = _text(box.results.value)
    assert OUTSIDE_LABEL in shown and f"found for “{query}”" in shown
    for rid in ids:
        r = next(x for x in outside.load() if x.id == rid)
        assert r.title in shown and r.publisher in shown and r.url in shown and date_words(r.published) in shown
    assert box.status.value == ""  # nothing went wrong


@pytest.mark.parametrize(
    ("query", "expected"), [("Lukin", "38north-article-no-byline"), ("Stimson", "stimson-government-funding")]
)
def test_the_search_box_answers_on_enter(query, expected):
    box = lateral.search_box()
    box.query.value = query  # what the browser sends when Enter is pressed (continuous_update=False)
    assert expected in _ids_in(box)
    assert f"found for “{query}”" in _text(box.results.value)


def test_the_search_box_is_labelled_live_and_fits_a_narrow_screen():
    box = lateral.search_box()
    assert box.query.description == "Search the records:" and not box.query.continuous_update
    assert box.button.description == "Search"
    assert "summit-live" in box.results._dom_classes and "summit-widget" in box._dom_classes
    assert box.query.layout.width == "100%" and box.query.layout.max_width  # shrinks to a 360 px screen
    assert box.children[0].layout.flex_flow == "row wrap"


def test_no_match_and_junk_queries_are_told_plainly():
    box = lateral.search_box()
    box.query.value = "zzzqqq"
    assert box.last() == ("zzzqqq", []) and "No record matches “zzzqqq”" in _text(box.results.value)
    box.query.value = "<b>Lukin</b>" + "x" * 1000
    assert "<b>Lukin" not in box.results.value and box.status.value == ""
    assert len(box.last()[0]) <= 200


def test_a_broken_packet_is_said_in_the_page_and_the_results_stay(monkeypatch):
    box = lateral.search_box()
    box.query.value = "Lukin"
    before = box.results.value

    def broken(packet=None, where=None):
        raise outside.CourseDataError("data/outside/lateral.csv", "column 'url' is empty", row=3)

    monkeypatch.setattr("summitkit.views.lateral.load", broken)
    box.button.click()
    assert "Problem in the course data" in box.status.value and "lateral.csv" in box.status.value
    assert box.results.value == before  # nothing the learner had is lost


# ----- the questions that need the records -----------------------------------------------------------------------------
NEW_QUESTIONS = {
    "01": ["01-who-behind", "01-lukin-attribution", "01-republication", "01-38north-home", "01-republication-date"],
    "02": ["02-summit-records-when", "02-summit-records-who", "02-summit-records-weigh"],
    "05": ["05-aged-better"],
}


@pytest.mark.parametrize("lesson", sorted(NEW_QUESTIONS))
def test_the_new_questions_are_in_the_banks(lesson):
    bank = next((ROOT / "data" / "questions").glob(f"{lesson}_*.json"))
    questions = {q["id"]: q for q in json.loads(bank.read_text(encoding="utf-8"))["questions"]}
    for qid in NEW_QUESTIONS[lesson]:
        assert qid in questions, f"{qid} missing from {bank.name}: run python3 run.py build"
        assert questions[qid]["in_lesson"] is True  # shown in the lesson, beside the records it needs


def test_written_model_answers_cite_records_that_exist():
    """A model answer that names a record id must name one in the packets (a renamed record would leave it dangling)."""
    import re

    from summitkit.quiz.build import declared_questions

    known = {r.id for r in outside.load()}
    cited = 0
    for path in sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb")):
        for qid, spec in declared_questions(path).items():
            text = " ".join(str(spec.get(field, "")) for field in ("prompt", "model", "explain", "items", "feedback"))
            for rid in re.findall(r"\brecord ([a-z0-9]+(?:-[a-z0-9]+)+)", text):  # every id holds a hyphen
                cited += 1
                assert rid in known, f"{qid} cites record {rid!r}, which no packet holds"
    assert cited >= 8
