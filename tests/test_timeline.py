"""Lesson 02's timeline: the pure functions, and the figure tested by what it plots (not by its pixels)."""

from __future__ import annotations

import datetime as dt
import html
import json
from collections import Counter

import pytest
from conftest import ROOT

from summitkit import timeline as tl
from summitkit.tables import timeline as rows_of_timeline


@pytest.fixture(scope="module")
def figure():
    return tl.plot_timeline()


def _markers(fig):
    """(axes index, source, hollow) for every event marker drawn (artists tagged point:<event>:<source>)."""
    found = []
    for index, ax in enumerate(fig.axes):
        for line in ax.get_lines():
            if not (line.get_gid() or "").startswith("point:"):
                continue
            source = line.get_gid().split(":")[2]
            colour, shape = tl.STYLE[source]
            assert (line.get_color(), line.get_marker()) == (colour, shape)  # colour AND shape by source
            found.append((index, source, line.get_markerfacecolor() == "white"))
    return found


# --- pure functions -------------------------------------------------------------------------

def test_events_group_rows_by_id_earliest_first():
    rows = rows_of_timeline()
    events = tl.events()
    assert len(events) == len({r.id for r in rows})
    assert sum(len(e.rows) for e in events) == len(rows)
    assert all(len({r.id for r in e.rows}) == 1 for e in events)
    assert [e.start for e in events] == sorted(e.start for e in events)
    assert events[0].id == "six-party-launch"


def test_the_datings_clash_only_on_the_invitation_and_the_data_says_it_is_apparent():
    assert tl.disagreements() == ["putin-invitation"]
    # the rule (periods share no day) finds exactly the events the data's notes mark, as a real or an apparent contradiction
    real, apparent = tl.marked("DISAGREES:"), tl.marked("APPARENT CONTRADICTION:")
    assert set(tl.disagreements()) == set(real) | set(apparent)
    assert apparent == ["putin-invitation"] and real == []  # outside records show two moments: both texts can be right


def test_differences_include_vaguer_datings_that_do_not_contradict():
    differ = tl.differences()
    assert "putin-invitation" in differ
    assert {"hanoi-summit", "vladivostok-summit", "kim-summit-diplomacy"} <= set(differ)
    assert set(tl.disagreements()) <= set(differ)


def test_overlaps():
    invitation = tl.event("putin-invitation").rows
    assert not tl.overlaps(*invitation)
    hanoi = tl.event("hanoi-summit").rows
    assert tl.overlaps(*hanoi)


def test_select_by_actor_source_and_years():
    assert all("China" in r.actors for r in tl.select(actor="China"))
    assert {r.source for r in tl.select(source="rsis")} == {"rsis"}
    early = tl.select(years=(2003, 2012))
    assert {r.id for r in early} == {"six-party-launch", "six-party-end", "kim-jong-il-medvedev-summit"}
    assert len(tl.select()) == len(rows_of_timeline())


def test_counts_and_sources_of():
    tally = tl.counts()
    assert sum(tally.values()) == len(tl.events())
    assert tl.sources_of("six-party-launch") == ("rsis",)
    assert set(tl.sources_of("putin-press-conference")) == {"38north", "rsis"}


def test_note_part_splits_the_marks():
    row = tl.event("putin-invitation").rows[0]
    assert tl.note_part(row, "APPARENT CONTRADICTION:").startswith("RSIS ¶2 says")
    assert "OUTSIDE" not in tl.note_part(row, "APPARENT CONTRADICTION:")
    assert "Lavrov" in tl.note_part(row, "OUTSIDE THE TEXTS:")
    assert tl.note_part(tl.event("six-party-end").rows[0], "DISAGREES:") == ""


def test_plot_points_one_per_row_in_its_panel():
    points = tl.plot_points()
    rows = rows_of_timeline()
    assert Counter(p.source for p in points) == Counter(r.source for r in rows)
    week = {p.event for p in points if p.panel == "week"}
    assert {"vladivostok-summit", "kim-early-departure", "kremlin-confirms-visit"} <= week
    assert "six-party-launch" not in week
    for p in points:
        assert p.left <= p.x <= p.right
        assert p.hollow == (p.precision == "relative")
        assert p.span == (p.end > p.start)
        assert p.disagrees == (p.event == "putin-invitation")


# --- the figure, by its data -----------------------------------------------------------------

def test_figure_is_a_matplotlib_figure_with_two_panels(figure):
    from matplotlib.figure import Figure

    assert isinstance(figure, Figure)
    assert len(figure.axes) == 2
    long_view, week = figure.axes
    assert long_view.get_title(loc="left").startswith("The long view, 2003")
    assert week.get_title(loc="left").startswith("The summit week")
    assert long_view.get_xlabel().startswith("Year")
    assert week.get_xlabel().startswith("Day of April 2019")


def test_title_states_the_finding(figure):
    title = figure.get_suptitle().replace("\n", " ")
    assert title == tl.finding()
    assert "contradict each other on 1" in title and "Putin invites Kim" in title


def test_one_marker_per_row_coloured_and_shaped_by_source(figure):
    markers = _markers(figure)
    rows = rows_of_timeline()
    assert Counter(s for _, s, _ in markers) == Counter(r.source for r in rows)
    assert sum(1 for *_, hollow in markers if hollow) == sum(1 for r in rows if r.precision == "relative")
    points = tl.plot_points()
    assert sum(1 for i, *_ in markers if i == 1) == sum(1 for p in points if p.panel == "week")


def test_each_lane_is_labelled_and_the_invitation_is_flagged(figure):
    from matplotlib.patches import Rectangle

    long_view, week = figure.axes
    points = tl.plot_points()
    for ax, panel in ((long_view, "long"), (week, "week")):
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert len(labels) == len({p.event for p in points if p.panel == panel})
    flagged = [t for t in long_view.get_yticklabels() if t.get_text().startswith("≠")]
    assert [t.get_text() for t in flagged] == ["≠ Putin invites Kim to visit Russia"]
    assert flagged[0].get_fontweight() == "bold"
    shaded = [p.get_gid() for p in long_view.patches if isinstance(p, Rectangle) and (p.get_gid() or "").startswith("disagree:")]
    assert shaded == ["disagree:putin-invitation"]  # one shaded lane: the disagreement
    assert not [p for p in figure.axes[1].patches if (p.get_gid() or "").startswith("disagree:")]


def test_vague_dates_are_drawn_as_bars(figure):
    long_view = figure.axes[0]
    bars = sorted(line.get_gid() for line in long_view.get_lines() if (line.get_gid() or "").startswith("span:"))
    spans = sorted(f"span:{p.event}:{p.source}" for p in tl.plot_points() if p.panel == "long" and p.span)
    assert bars == spans
    assert "span:putin-invitation:38north" in bars  # "since May 2018": the whole of May


def test_legend_names_sources_and_symbols(figure):
    texts = [t.get_text() for t in figure.legends[0].get_texts()]
    assert texts[:2] == ["38 North", "RSIS"]
    assert any("hollow" in t for t in texts) and any("bar" in t for t in texts) and any("≠" in t for t in texts)


def test_filtered_figure_shows_only_the_chosen_source():
    fig = tl.plot_timeline(source="rsis")
    markers = _markers(fig)
    assert {s for _, s, _ in markers} == {"rsis"}
    assert len(markers) == len(tl.select(source="rsis"))
    assert "source: RSIS" in fig.get_suptitle().replace("\n", " ")


def test_zoomed_figure_uses_months():
    fig = tl.plot_timeline(years=(2018, 2019))
    assert fig.axes[0].get_xlabel().startswith("Month")
    assert fig.axes[0].get_xlim()[0] == pytest.approx(__import__("matplotlib.dates").dates.date2num(dt.datetime(2017, 11, 1)))


def test_alt_text_describes_the_figure():
    words = tl.alt_text()
    assert f"A timeline of {len(tl.events())} events" in words
    assert "shaded and marked ≠" in words and "38north ¶2" in words and "rsis ¶2" in words
    for event in tl.events():
        assert event.label in words
    assert tl.alt_text(actor="nobody") == "An empty timeline: no event matches this filter."


def test_versions_and_outside_record():
    both = tl.versions_html("putin-invitation")
    for row in tl.event("putin-invitation").rows:
        assert html.escape(row.quote) in both
    assert both.count("Read the passage") == 2
    outside = tl.outside_html("putin-invitation")
    assert "From outside the two texts" in outside and "Lavrov" in outside
    assert "no outside source" in tl.outside_html("six-party-end")


def test_picture_is_svg_and_drawn_once():
    first = tl.timeline_picture()
    assert first.lstrip().startswith(b"<?xml") and b"<svg" in first
    assert first == (ROOT / "data" / "figures" / "timeline.svg").read_bytes()  # the unfiltered view was built once
    filtered = tl.timeline_picture(source="rsis")
    assert filtered != first and tl.timeline_picture(source="rsis") is filtered  # a filtered view is drawn once per session


def test_explore_redraws_one_picture():
    box = tl.explore()
    (actor, source), years, image, words = box.children[0].children, box.children[1], box.children[2], box.children[3]
    before = image.value
    source.value = "rsis"
    assert image.value != before and "Describe this figure" in words.value
    years.value = (2018, 2019)
    assert "2018" in tl.alt_text(None, "rsis", (2018, 2019))
    assert actor.options[0] == ("every actor", "")


def test_lesson_shows_the_generated_description_not_a_hand_written_one():
    """The figure's words come from the data (issue 18): the lesson prints them; test_prose_numbers keeps counts out of its prose."""
    notebook = json.loads((ROOT / "notebooks" / "02_timeline.ipynb").read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")
    markdown = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    assert "print(timeline.alt_text())" in code and "(alt text)" not in markdown
    assert tl.figure().alt == tl.alt_text()  # the same words are the picture's alt text for screen readers


def _declared(notebook: str) -> dict[str, dict]:
    from summitkit.quiz.build import declared_questions

    return declared_questions(ROOT / "solutions" / notebook)


def test_exercise_answers_agree_with_the_timeline_data():
    """The answers in solutions/02 are the data's: which text mentions an event, their order, the contradiction."""
    questions = _declared("02_timeline.ipynb")
    which = {  # item of 02-which-source -> event id in data/timeline.csv
        "the launch of the Six-Party Talks in 2003": "six-party-launch",
        "Kim Jong-il's 2011 meeting with Medvedev": "kim-jong-il-medvedev-summit",
        "Kim's no-show at Victory Day in 2015": "victory-day-2015",
        "the Putin–Xi summit of 4 July 2017": "putin-xi-moscow-summit",
        "the Kremlin's confirmation of the visit on 18 April": "kremlin-confirms-visit",
        "Putin's press conference after the summit": "putin-press-conference",
        "Putin leaving Vladivostok for Beijing": "putin-departs-beijing",
        "Stephen Biegun's visit to Moscow": "biegun-moscow",
    }
    label = {("38north",): "38 North", ("rsis",): "RSIS"}
    hanoi = "the Trump–Kim talks in Hanoi, named as such"  # RSIS's row counts a second summit (rsis ¶3) but never names Hanoi
    for item, category in questions["02-which-source"]["items"].items():
        if item == hanoi:
            sources = tuple(sorted({r.source for r in tl.event("hanoi-summit").rows if "Hanoi" in r.quote}))
        else:
            sources = tuple(sorted(tl.sources_of(which[item])))
        assert category == label.get(sources, "both"), item
    order = ["six-party-launch", "six-party-end", "kim-jong-il-medvedev-summit", "victory-day-2015", "singapore-summit",
             "hanoi-summit", "kremlin-confirms-visit", "vladivostok-summit"]
    assert len(order) == len(questions["02-order"]["items"])
    starts = [tl.event(e).start for e in order]
    assert starts == sorted(starts)
    assert tl.event("kremlin-confirms-visit").start.isoformat() == questions["02-kremlin-date"]["answer"]
    assert tl.event("victory-day-2015").rows[0].date == questions["02-victory-day"]["answer"]
    assert tl.event("six-party-end").rows[0].date == questions["02-six-party-end"]["answer"]
    assert tl.disagreements() == ["putin-invitation"] and "invited" in questions["02-spot"]["answer"]


def test_table_lists_every_event_with_each_texts_words():
    table = tl.table_html()
    assert table.count("<tr>") == len(tl.events()) + 1
    assert table.count("≠ the sources contradict each other") == len(tl.disagreements())
    for row in rows_of_timeline():
        assert html.escape(row.quote) in table
    assert "<td style='vertical-align:top;text-align:left'>2003</td>" in table  # a year is shown as a year, not as January
