"""Lesson 03's stakes: the counting on made-up rows, the figure and tables against data/stakes.csv read with
the csv module (tests/oracle.py), the cards and their pager, and the motives table."""

from __future__ import annotations

import html
import json
from collections import Counter

import oracle
import pytest
from conftest import ROOT

from summitkit import stakes as st
from summitkit.controls import Pager
from summitkit.sources import collapse, paragraph
from summitkit.tables import STAKE_KINDS, Stake
from summitkit.views.stakes import FOLD_ABOVE


@pytest.fixture(scope="module")
def figure():
    return st.plot()


def _toy():
    return (
        Stake("Russia", "wants", "w", "a", 1, "q", ""),
        Stake("Russia", "wants", "w2", "a", 2, "q", ""),
        Stake("Russia", "fears", "f", "b", 1, "q", ""),
        Stake("Kenya", "gains", "g", "b", 1, "q", ""),
        Stake("China", "risks", "r", "c", 1, "q", ""),
    )


# --- counting, on made-up rows ----------------------------------------------------------------


def test_counts_and_totals_on_made_up_rows():
    toy = _toy()
    assert st.counts(toy) == Counter(
        {("Russia", "a", "wants"): 2, ("Russia", "b", "fears"): 1, ("Kenya", "b", "gains"): 1, ("China", "c", "risks"): 1}
    )
    assert st.totals(toy, grouped=True)[(st.OTHERS, "b")] == 1  # Kenya is not one of the main actors
    assert st.ranked_actors(toy) == ["Russia", "China", st.OTHERS]
    assert st.sources(toy) == ["a", "b", "c"]
    assert st.only_in("c", toy) == ["China"] and st.only_in("a", toy) == []


def test_seen_differently_and_finding_for_three_sources():
    toy = _toy()
    assert st.seen_differently(2, toy) == [("Russia", {"a": 2, "b": 1, "c": 0})]
    assert st.finding(toy) == "a gives Russia the most stakes, b Russia, c China; they differ most on Russia (a 2, b 1, c 0)"
    same = (
        Stake("Russia", "wants", "w", "a", 1, "q", ""),
        Stake("Russia", "wants", "w", "b", 1, "q", ""),
        Stake("Russia", "wants", "w", "c", 1, "q", ""),
    )
    assert st.finding(same) == "All three texts give Russia the most stakes"


# --- the course's data, against the csv file ----------------------------------------------------


def test_counts_cover_every_row():
    rows = oracle.rows("stakes.csv")
    assert sum(st.counts().values()) == len(rows)
    assert dict(st.totals()) == dict(oracle.stake_totals())
    assert dict(st.totals(grouped=True)) == dict(oracle.stake_totals(grouped=True))
    assert {k for _, _, k in st.counts()} <= set(STAKE_KINDS)


def test_every_main_actor_of_the_course_is_in_the_data():
    assert set(st.MAIN_ACTORS) <= {r["actor"] for r in oracle.rows("stakes.csv")}


def test_rsis_numbered_reasons_are_verbatim():
    reasons = st.reasons("rsis")
    ordinals = [
        n
        for n, p in enumerate(oracle.paragraphs("rsis"), start=1)
        if p.split(",")[0] in ("First", "Second", "Third", "Fourth", "Fifth", "Finally")
    ]
    assert [n for n, _ in reasons] == ordinals and len(ordinals) >= 3
    for number, sentence in reasons:
        assert collapse(sentence) in collapse(paragraph("rsis", number))
    assert st.reasons("38north") == []


# --- the figure, by its data -----------------------------------------------------------------


def test_figure_has_one_panel_per_source(figure):
    from matplotlib.figure import Figure

    assert isinstance(figure, Figure)
    per_source = Counter(r["source"] for r in oracle.rows("stakes.csv"))
    assert [ax.get_title() for ax in figure.axes] == [f"{oracle.short(s)} ({per_source[s]} stakes)" for s in oracle.source_ids()]
    assert "38 North" in figure.axes[0].get_xlabel() and "RSIS" in figure.axes[1].get_xlabel()
    assert figure.axes[0].xaxis_inverted() and not figure.axes[1].xaxis_inverted()


def test_title_states_the_finding(figure):
    title = figure.get_suptitle()
    assert title == st.finding()
    totals = oracle.stake_totals(grouped=True)
    actors = {a for a, _ in totals}
    tops = {s: max(totals[(a, s)] for a in actors) for s in oracle.source_ids()}
    leaders = {s: {a for a in actors if totals[(a, s)] == tops[s]} for s in oracle.source_ids()}
    shared = set.intersection(*leaders.values())
    if shared:
        assert any(title.startswith(f"Both texts give {a} the most stakes") for a in shared)
    else:
        assert " gives " in title.split(";")[0]
    plain = oracle.stake_totals()
    gaps = {a: abs(plain[(a, "38north")] - plain[(a, "rsis")]) for a, _ in plain}
    actor = title.split("they differ most on ", 1)[1].split(" (")[0]
    assert gaps[actor] == max(gaps.values())
    assert f"{actor} (38 North {plain[(actor, '38north')]}, RSIS {plain[(actor, 'rsis')]})" in title


def test_bar_widths_are_the_counts(figure):
    order = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    totals = oracle.stake_totals(grouped=True)
    assert sorted(order) == sorted({a for a, _ in totals})
    for ax, source in zip(figure.axes, oracle.source_ids()):
        drawn = Counter()
        for patch in ax.patches:
            drawn[order[round(patch.get_y() + patch.get_height() / 2)]] += patch.get_width()
        assert dict(drawn) == {a: n for (a, s), n in totals.items() if s == source}


def test_kinds_differ_by_colour_and_hatching(figure):
    styles = {(p.get_facecolor(), p.get_hatch()) for ax in figure.axes for p in ax.patches}
    assert len(styles) == len(STAKE_KINDS)
    assert len({h for _, h in styles}) == len(STAKE_KINDS)
    assert [t.get_text() for t in figure.legends[0].get_texts()] == list(STAKE_KINDS)


def test_totals_are_written_at_the_bar_ends(figure):
    order = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    totals = oracle.stake_totals(grouped=True)
    for ax, source in zip(figure.axes, oracle.source_ids()):
        written = [t.get_text() for t in ax.texts]
        assert written == [str(totals[(a, source)]) if totals[(a, source)] else "0 (none)" for a in order]


def test_alt_text_names_every_actor_and_count():
    words = st.alt_text()
    totals = oracle.stake_totals(grouped=True)
    for actor in {a for a, _ in totals}:
        assert f"{actor}: 38 North {totals[(actor, '38north')]}" in words and f"RSIS {totals[(actor, 'rsis')]}" in words
    assert "38 North's stakes grow to the left, RSIS's to the right" in words


def test_count_table_holds_the_figures_numbers():
    table = st.count_table_html()
    totals = oracle.stake_totals(grouped=True)
    for actor in {a for a, _ in totals}:
        assert f'<th scope="row">{html.escape(actor)}</th>' in table
    assert table.count('<th scope="col">wants</th>') == len(oracle.source_ids())


# --- cards and motives ------------------------------------------------------------------------


def test_card_lists_every_stake_with_its_passage():
    for actor in {r["actor"] for r in oracle.rows("stakes.csv")}:
        card = st.card_html(actor)
        mine = [r for r in oracle.rows("stakes.csv") if r["actor"] == actor]
        assert card.count("Read the passage") == len(mine)
        for row in mine:
            assert html.escape(row["quote"]) in card
    silent = next(a for a in st.MAIN_ACTORS if not all((a, s) in oracle.stake_totals() for s in oracle.source_ids()))
    assert "This text gives this actor no stake." in st.card_html(silent)


def test_actor_cards_flip_through_actors_with_the_pager():
    box = st.actor_cards()
    names = st.actors()
    assert isinstance(box.pager, Pager) and box.pick.value == names[0] and box.pager.prev_button.disabled
    box.pager.next_button.click()
    assert box.pick.value == names[1] and html.escape(names[1]) in box.card.value
    assert box.pager.position.value == f"actor 2 of {len(names)}"
    box.pick.value = names[-1]
    assert box.pager.next_button.disabled and box.pager.position.value == f"actor {len(names)} of {len(names)}"


def test_the_pager_is_at_the_foot_of_the_card_too():
    """A long card keeps Previous / Next in reach: the row under the card moves the cards and says where you are."""
    box = st.actor_cards()
    names = st.actors()
    prev_button, next_button, position = box.footer.children
    assert prev_button.disabled and position.value == f"actor 1 of {len(names)}"
    next_button.click()
    assert box.pick.value == names[1] and position.value == box.pager.position.value == f"actor 2 of {len(names)}"
    prev_button.click()
    assert box.pick.value == names[0] and prev_button.disabled and box.pager.prev_button.disabled


def test_a_long_column_is_folded_by_kind_and_a_short_one_is_not():
    """Every stake is on the card either way; a column of more than FOLD_ABOVE stakes is one closed <details> per kind."""
    for actor in {r["actor"] for r in oracle.rows("stakes.csv")}:
        card = st.card_html(actor)
        for source in oracle.source_ids():
            mine = [r for r in oracle.rows("stakes.csv") if r["actor"] == actor and r["source"] == source]
            kinds = {(r.get("kind") or "wants") for r in mine}
            for kind in kinds:
                summary = f"<summary>{kind} ({sum(1 for r in mine if (r.get('kind') or 'wants') == kind)})</summary>"
                assert (summary in card) == (len(mine) > FOLD_ABOVE), (actor, source, kind)
    assert "<details open" not in st.card_html("Russia")


def test_motives_side_by_side_are_built_from_the_texts():
    table = st.motives_html()
    for number, sentence in st.reasons("rsis"):
        assert html.escape(sentence) in table and f"rsis ¶{number}" in table
    for actor in ("Russia", "North Korea"):
        for source in oracle.source_ids():
            for row in st.motive_rows(actor, source):
                assert html.escape(row.quote) in table
    assert st.motive_rows("Russia", "rsis") == []  # RSIS numbers Putin's reasons: they stand for themselves
    assert all(r.paragraph in st.build_up("38north") for r in st.motive_rows("North Korea", "38north"))


def test_the_lesson_shows_the_counts_once_with_the_words_and_the_table_one_click_away():
    """Figure, description and table in a row said the same counts three times; now the figure shows them and the other
    two are folded (<details>, closed), and the lesson no longer prints the table or the description open."""
    words = st.figure_words_html()
    assert words.count("<details>") == 2 and "<details open" not in words
    assert html.escape(st.alt_text()) in words and '<th scope="col">wants</th>' in words
    notebook = json.loads((ROOT / "notebooks" / "03_stakes.ipynb").read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")
    assert "print(stakes.alt_text())" not in code and "count_table_html()" not in code


def test_the_reasons_question_comes_before_the_table_that_answers_it():
    """03-how-many-reasons is asked with the reader open at rsis ¶4, before the motives table (which numbers the reasons)."""
    notebook = json.loads((ROOT / "notebooks" / "03_stakes.ipynb").read_text(encoding="utf-8"))
    code = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
    question = next(i for i, c in enumerate(code) if '"03-how-many-reasons"' in c)
    table = next(i for i, c in enumerate(code) if "motives_html()" in c)
    assert question < table and 'reader.reader(source="rsis", start=4)' in code[question - 1]
    prompt = _declared("03_stakes.ipynb")["03-how-many-reasons"]["prompt"]
    assert "Fourth" not in prompt and "Finally" not in prompt  # the prompt does not list the five words to count


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
