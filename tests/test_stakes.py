"""Lesson 03's stakes: the pure functions, the cards, the motives table, and the figure by what it plots."""

from __future__ import annotations

import html
import json
from collections import Counter

import pytest
from conftest import ROOT

from summitkit import stakes as st
from summitkit.sources import collapse, paragraph
from summitkit.tables import STAKE_KINDS
from summitkit.tables import stakes as rows_of_stakes


@pytest.fixture(scope="module")
def figure():
    return st.plot_actor_matrix()


# --- pure functions -------------------------------------------------------------------------

def test_counts_cover_every_row():
    rows = rows_of_stakes()
    assert sum(st.counts().values()) == len(rows)
    assert sum(st.counts(grouped=True).values()) == len(rows)
    assert st.totals()[("Russia", "38north")] == len(st.by_actor("Russia", "38north"))
    assert {k for _, _, k in st.counts()} <= set(STAKE_KINDS)


def test_by_actor_and_by_source():
    assert {r.actor for r in st.by_actor("China")} == {"China"}
    assert len(st.by_source("rsis")) + len(st.by_source("38north")) == len(rows_of_stakes())
    assert st.actors()[0] == "Russia"


def test_every_main_actor_of_the_course_is_in_the_data():
    assert set(st.MAIN_ACTORS) <= set(st.actors())


def test_actors_seen_differently():
    gaps = st.seen_differently()
    assert gaps[0] == ("North Korea", st.totals()[("North Korea", "38north")], st.totals()[("North Korea", "rsis")])
    assert "Russia" not in [a for a, *_ in gaps]  # 30 against 28: seen alike
    assert all(abs(a - b) >= 3 for _, a, b in gaps)
    assert "ASEAN" in st.only_in("rsis")
    assert "ASEAN" not in st.only_in("38north")


def test_rsis_numbered_reasons_are_verbatim():
    reasons = st.reasons("rsis")
    assert [n for n, _ in reasons] == [5, 8, 9, 10, 12]
    assert [s.split(",")[0] for _, s in reasons] == ["First", "Second", "Third", "Fourth", "Finally"]
    for number, sentence in reasons:
        assert collapse(sentence) in collapse(paragraph("rsis", number))
    assert st.reasons("38north") == []


def test_plot_bars_stack_each_kind_once():
    bars = st.plot_bars()
    assert sum(b.width for b in bars) == len(rows_of_stakes())
    for actor in st.figure_actors():
        for source in ("38north", "rsis"):
            mine = [b for b in bars if (b.actor, b.source) == (actor, source)]
            assert [b.kind for b in mine] == [k for k in STAKE_KINDS if any(b.kind == k for b in mine)]
            assert sum(b.width for b in mine) == st.totals(grouped=True).get((actor, source), 0)


# --- the figure, by its data -----------------------------------------------------------------

def test_figure_has_one_panel_per_source(figure):
    from matplotlib.figure import Figure

    assert isinstance(figure, Figure)
    assert [ax.get_title() for ax in figure.axes] == ["38 North (76 stakes)", "RSIS (55 stakes)"]
    assert "38 North" in figure.axes[0].get_xlabel() and "RSIS" in figure.axes[1].get_xlabel()
    assert figure.axes[0].xaxis_inverted() and not figure.axes[1].xaxis_inverted()


def test_title_states_the_finding(figure):
    assert figure.get_suptitle() == st.finding()
    assert figure.get_suptitle().startswith("Both texts give Russia the most stakes")
    assert "North Korea (38 North 23, RSIS 5)" in figure.get_suptitle()


def test_bar_widths_are_the_counts(figure):
    order = st.figure_actors()
    assert [t.get_text() for t in figure.axes[0].get_yticklabels()] == order
    for ax, source in zip(figure.axes, ("38north", "rsis")):
        drawn = Counter()
        for patch in ax.patches:
            drawn[order[round(patch.get_y() + patch.get_height() / 2)]] += patch.get_width()
        expected = {a: n for (a, s), n in st.totals(grouped=True).items() if s == source}
        assert dict(drawn) == expected
        assert len(ax.patches) == len([b for b in st.plot_bars() if b.source == source])


def test_kinds_differ_by_colour_and_hatching(figure):
    styles = {(p.get_facecolor(), p.get_hatch()) for ax in figure.axes for p in ax.patches}
    assert len(styles) == len(STAKE_KINDS)
    assert len({h for _, h in styles}) == len(STAKE_KINDS)
    texts = [t.get_text() for t in figure.legends[0].get_texts()]
    assert texts == list(STAKE_KINDS)


def test_totals_are_written_at_the_bar_ends(figure):
    for ax, source in zip(figure.axes, ("38north", "rsis")):
        numbers = [t.get_text() for t in ax.texts]
        assert numbers[0] == str(st.totals(grouped=True)[("Russia", source)])
    assert "0 (none)" in [t.get_text() for t in figure.axes[0].texts]  # ASEAN: nothing in 38 North


def test_alt_text_names_every_actor_and_count():
    words = st.alt_text()
    for actor in st.figure_actors():
        assert f"{actor}: 38 North {st.totals(grouped=True).get((actor, '38north'), 0)}" in words


# --- cards and motives ------------------------------------------------------------------------

def test_card_lists_every_stake_with_its_passage():
    for actor in st.actors():
        card = st.card_html(actor)
        n = len(st.by_actor(actor))
        assert card.count("Read the passage") == n
        for row in st.by_actor(actor):
            assert html.escape(row.quote) in card
    assert "This text gives this actor no stake." in st.card_html("ASEAN")


def test_actor_cards_flip_through_actors():
    box = st.actor_cards()
    (prev_button, pick, next_button, where), card = box.children[0].children, box.children[1]
    assert pick.value == "Russia" and prev_button.disabled
    next_button.click()
    assert pick.value == st.actors()[1] and "North Korea" in card.value
    assert where.value == f"actor 2 of {len(st.actors())}"


def test_motives_side_by_side_are_built_from_the_texts():
    table = st.motives_html()
    for number, sentence in st.reasons("rsis"):
        assert html.escape(sentence) in table and f"rsis ¶{number}" in table
    for actor in ("Russia", "North Korea"):
        for source in ("38north", "rsis"):
            for row in st.motive_rows(actor, source):
                assert html.escape(row.quote) in table
    assert st.motive_rows("Russia", "rsis") == []  # RSIS numbers Putin's reasons: they stand for themselves
    assert {r.paragraph for r in st.motive_rows("North Korea", "38north")} == {2, 3, 4}
    assert "38north ¶4" in table and "rsis ¶15" in table


def test_lesson_shows_the_generated_description_not_a_hand_written_one():
    """The figure's words come from the data (issue 18): the lesson prints them; test_prose_numbers keeps counts out of its prose."""
    notebook = json.loads((ROOT / "notebooks" / "03_stakes.ipynb").read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")
    markdown = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    assert "print(stakes.alt_text())" in code and "(alt text)" not in markdown
    assert st.figure().alt == st.alt_text()  # the same words are the picture's alt text for screen readers


def _declared(notebook: str) -> dict[str, dict]:
    from summitkit.quiz.build import declared_questions

    return declared_questions(ROOT / "solutions" / notebook)


def _rows(actor: str, cites: list[tuple[str, int]]) -> set[str]:
    """The sources of the rows of ``actor`` at the given (source, paragraph) places; each must exist."""
    found = set()
    for source, number in cites:
        assert [r for r in st.by_actor(actor, source) if r.paragraph == number], (actor, source, number)
        found.add(source)
    return found


def test_exercise_answers_agree_with_the_stakes_data():
    questions = _declared("03_stakes.ipynb")
    label = {frozenset({"38north"}): "38 North", frozenset({"rsis"}): "RSIS", frozenset({"38north", "rsis"}): "both"}
    where = {  # item of 03-sort-source -> (actor, the rows that say it)
        "Russia fears missile defence in the region that could devalue its nuclear deterrent": ("Russia", [("rsis", 10)]),
        "Russia fears war breaking out on or near its borders": ("Russia", [("38north", 8), ("rsis", 10)]),
        "Russia wants to revive rail, gas and power projects stalled by sanctions": ("Russia", [("rsis", 12), ("rsis", 13)]),
        "Russia wants to avoid antagonizing Trump over his foreign policy priority": ("Russia", [("38north", 8)]),
        "Kim wants the visit to raise his standing": ("North Korea", [("38north", 3), ("rsis", 15)]),
        "North Korea hopes for political and economic support from Putin": ("North Korea", [("38north", 3)]),
        "South Korea suffers, in Putin's words, from a shortage of sovereignty": ("South Korea", [("38north", 10), ("rsis", 14)]),
        "Russia wants to show the world that no lasting solution is possible without it": ("Russia", [("rsis", 5)]),
    }
    for item, category in questions["03-sort-source"]["items"].items():
        actor, cites = where[item]
        assert label[frozenset(_rows(actor, cites))] == category, item
    for stake, actor in questions["03-match"]["pairs"].items():
        assert any(r.stake.lower().replace("’", "'").startswith(stake.lower()[:25]) for r in st.by_actor(actor)), (stake, actor)
    reasons = {n for n, _ in st.reasons("rsis")}
    assert {int(c.split("¶")[1]) for c in questions["03-rsis-reasons"]["cite"]} == reasons
    assert questions["03-how-many-reasons"]["answer"] == len(reasons)
