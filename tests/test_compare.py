"""Lesson 04's comparison tools: counts, the agreement figure (tested by its data), the claim reader,
and a synthetic third source flowing through compare and textstats."""

from __future__ import annotations

import csv
import doctest

import pytest

from summitkit import compare, figures, tables, textstats
from summitkit.tables import Claim


def test_doctests():
    assert doctest.testmod(compare).failed == 0


def test_counts_cover_every_claim_and_relation():
    claims = tables.claims()
    table = compare.counts()
    assert sum(sum(row.values()) for row in table.values()) == len(claims)
    assert all(tuple(row) == tables.relations() for row in table.values())
    totals = compare.totals()
    assert sum(totals.values()) == len(claims)
    # the invitation date only seems contradictory: a third source dissolves it (lessons 02 and 04)
    assert "when-was-kim-invited" in [c.id for c in compare.of_relation("apparent-contradiction")]
    assert table["build-up"]["apparent-contradiction"] >= 1


def test_same_evidence_finds_the_shared_putin_remarks():
    found = {claim.id: words for claim, words in compare.same_evidence()}
    assert found == {"security-guarantees-two-readings": "security guarantees", "shortage-of-sovereignty": "shortage of sovereignty"}
    assert all(claim.relation == "emphasis" for claim, _ in compare.same_evidence())


def _segments(fig):
    """(relation label, topic label, width, hatch, colour) of every bar segment, from the figure's own data."""
    ax = fig.axes[0]
    topics = [t.get_text() for t in ax.get_yticklabels()]
    out = []
    for container in ax.containers:
        for patch, topic in zip(container.patches, topics):
            out.append((container.get_label(), topic, patch.get_width(), patch.get_hatch() or "", patch.get_facecolor()))
    return out


def test_agreement_figure_plots_the_counts():
    from matplotlib.figure import Figure

    fig = compare.plot_agreement()
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    table = compare.counts()
    topics = [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(topics) == sorted(compare.topic_label(t) for t in table)
    label_to_topic = {compare.topic_label(t): t for t in table}
    sizes = [sum(table[label_to_topic[t]].values()) for t in topics]
    assert sizes == sorted(sizes)  # bottom to top: smallest to largest, largest at the top
    plotted = {(rel, topic): width for rel, topic, width, _, _ in _segments(fig)}
    for topic, row in table.items():
        for relation, n in row.items():
            assert plotted[(compare.relation_label(relation), compare.topic_label(topic))] == n
    # every non-empty segment carries its count as text, so colour is never the only cue
    labels = sorted(int(t.get_text()) for t in ax.texts)
    assert labels == sorted(n for row in table.values() for n in row.values() if n)


def test_agreement_figure_title_axes_legend_and_styles():
    fig = compare.plot_agreement()
    ax = fig.axes[0]
    title = ax.get_title(loc="left").replace("\n", " ")
    claims, totals = tables.claims(), compare.totals()
    top = max(totals, key=totals.get)
    assert title == compare.headline() and f"{totals[top]} of {len(claims)} claims {compare.relation_label(top)}" in title
    assert ("none contradict" if not totals["contradict"] else f"only {totals['contradict']} contradict") in title
    assert ax.get_xlabel().startswith("Number of claims") and ax.get_ylabel() == "Topic"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [compare.relation_label(r) for r in tables.relations()]
    styles = {rel: (hatch, tuple(colour)) for rel, _, _, hatch, colour in _segments(fig)}
    assert len({h for h, _ in styles.values()}) == len(styles)  # a different hatch for each relation
    assert len({c for _, c in styles.values()}) == len(styles)  # and a different colour


def test_plot_uses_no_pyplot_state_and_imports_lightly():
    """Importing compare loads no matplotlib; drawing never loads pyplot (no global figure state, no backend switch)."""
    import subprocess
    import sys

    code = ("import sys; from summitkit import compare, figures; light = 'matplotlib' not in sys.modules; "
            "figures.figure_html(compare.plot_agreement(), 'x'); print(light, 'matplotlib.pyplot' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "False"]


def test_alt_text_and_figure_html():
    alt = compare.alt_text()
    totals = compare.totals()
    assert f"{len(tables.claims())} claims in {len(compare.counts())} topics" in alt
    assert f"contradict: {totals['contradict']}" in alt and f"only in rsis: {totals['only-rsis']}" in alt
    html = figures.figure_html(compare.plot_agreement(), "a <b>“quoted”</b> & 'alt'")
    assert "alt='a &lt;b&gt;“quoted”&lt;/b&gt; &amp; &#x27;alt&#x27;'" in html and "<b>“quoted”</b>" not in html
    assert html.count("data:image/svg+xml;base64,") == 1 and "max-width:100%" in html
    assert compare.plot_agreement().summitkit_alt == alt  # shown as the picture's alt text when a cell returns the figure


def test_side_by_side_shows_both_passages_and_marks_the_paraphrase():
    page = compare.side_by_side("shortage-of-sovereignty")
    assert "38north ¶10" in page and "rsis ¶14" in page
    assert "Our paraphrase</b> (the course's summary, not the authors' words)" in page
    only = compare.side_by_side("kim-leaves-early")
    assert "rsis does not make this point" in only and "38north ¶6" in only
    with pytest.raises(KeyError, match="no claim 'nope'"):
        compare.side_by_side("nope")


def test_side_by_side_escapes_everything():
    evil = Claim("x<script>", "t<b>", "agree", {"rsis": (1, "<img src=x onerror=alert(1)>")}, "<script>alert(1)</script>")
    page = compare.side_by_side("x<script>", [evil])
    assert "<script>" not in page and "<img" not in page and "&lt;script&gt;" in page


def test_claim_reader_flips_and_filters():
    box = compare.claim_reader(relation="agree")
    agree = [c.id for c in compare.of_relation("agree")]
    assert box.pick_claim.value == agree[0] and box.prev_button.disabled
    box.next_button.click()
    assert box.pick_claim.value == agree[1]
    box.pick_relation.value = "apparent-contradiction"
    assert box.pick_claim.value == "when-was-kim-invited" and "OUTSIDE THE TEXTS" in box.page.value
    assert box.next_button.disabled
    start = compare.claim_reader(start="shortage-of-sovereignty", relation="emphasis")
    assert start.pick_claim.value == "shortage-of-sovereignty" and "rsis ¶14" in start.page.value


def test_framing_table_cites_each_use():
    table = compare.framing_html(["second fiddle", "entered the fray", "great power", "no such words"])
    assert "38north ¶11" in table and "rsis ¶4" in table and "38north ¶2" in table and "rsis ¶8" in table
    assert table.count("—") >= 3


# ----- a synthetic third source ------------------------------------------------------------

THIRD = """# A Third View of Vladivostok

## Opening

The leaders met in Vladivostok for talks on railways and railways again. The railways matter.

Observers said the summit was “a modest beginning” for railways and ports.
"""


def _add_third_source(data):
    (data / "sources" / "kcna.md").write_text(THIRD, encoding="utf-8")
    path = data / "sources.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows.append({**{k: "" for k in rows[0]}, "id": "kcna", "title": "A Third View of Vladivostok", "author": "Test",
                 "outlet": "Test outlet", "date": "2019-04-26"})
    _write(path, rows)
    path = data / "claims.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for row in rows:
        row["kcna_paragraph"], row["kcna_quote"] = "", ""
    rows[0]["kcna_paragraph"], rows[0]["kcna_quote"] = "2", "“a modest beginning”"
    rows.append({**{k: "" for k in rows[0]}, "id": "railways", "topic": "economic-projects", "relation": "only-kcna",
                 "kcna_paragraph": "1", "kcna_quote": "The railways matter.", "explanation": "Only the third text dwells on railways."})
    _write(path, rows)


def _write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_a_third_source_flows_through_compare_and_textstats(data_copy):
    before = len(tables.claims())
    _add_third_source(data_copy)
    claims = tables.claims()
    assert len(claims) == before + 1 and set(claims[0].quotes) == {"38north", "rsis", "kcna"}
    assert tables.relations()[-1] == "only-kcna"
    table = compare.counts()
    assert table["economic-projects"] == {"agree": 0, "emphasis": 0, "contradict": 0, "apparent-contradiction": 0,
                                          "only-38north": 0, "only-rsis": 1, "only-kcna": 1}
    fig = compare.plot_agreement()
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend[-1] == "only in kcna"
    styles = {rel: hatch for rel, _, _, hatch, _ in _segments(fig)}
    assert len(set(styles.values())) == len(tables.relations())
    assert "only in kcna: 1" in compare.alt_text()
    page = compare.side_by_side(claims[0].id)
    assert all(f"<h4 style='margin:0.2em 0'>{sid}</h4>" in page for sid in ("38north", "rsis", "kcna"))
    assert "kcna ¶2" in page
    assert "kcna ¶1" in compare.side_by_side("railways") and "38north does not make this point" in compare.side_by_side("railways")
    texts = textstats.source_texts()
    assert list(texts) == ["38north", "rsis", "kcna"]
    distinct = textstats.distinctive_words(texts)
    assert distinct["kcna"][0].word == "railways" and distinct["kcna"][0].others == 0
    assert textstats.measures(texts)["kcna"].quotations == 1
    assert "kcna" in textstats.measures_html() and "a modest beginning" in textstats.quotations_html()
    assert "kcna" in compare.framing_html(["railways"]) and "kcna ¶1" in compare.framing_html(["railways"])


def test_headline_follows_the_data():
    toy = [Claim(str(i), "t", "agree", {}, "") for i in range(3)] + [Claim("e", "t", "emphasis", {}, "")]
    assert compare.headline(toy, relations=("agree", "emphasis", "contradict")) == (
        "3 of 4 claims agree, none contradict: where both texts speak to a point, they mostly agree")
    assert compare.headline([]) == "No claims to compare yet"


def test_the_relations_exercise_agrees_with_the_claims_table():
    """04-relations is answered by data/claims.csv: each item's category is its claim's relation."""
    from conftest import ROOT

    from summitkit.quiz.build import declared_questions

    question = declared_questions(ROOT / "solutions" / "04_comparing_analyses.ipynb")["04-relations"]
    claim_of = {  # item -> claim id
        "The summit brought no breakthrough.": "outcome-little-substance",
        "The meeting confirmed a role Russia already had.": "russia-reaffirms-old-role",
        "When Russia's invitation to Kim was issued.": "when-was-kim-invited",
        "How much a war next door, and North Korea's nuclear weapons, threaten Russia itself.": "fear-of-war-next-door",
        "Russia's weight in Korea: a supporting actor or a key player.": "supporting-actor-or-key-player",
        "What Putin meant when he said North Korea needs security guarantees.": "security-guarantees-two-readings",
        "Kim left Vladivostok earlier than originally planned.": "kim-leaves-early",
        "Moscow plays second fiddle to Beijing on North Korea.": "second-fiddle-to-beijing",
        "Russia wants rail links with both Koreas and a gas pipeline through the North.": "rail-gas-power-lines",
        "ASEAN should expect Russia to keep playing a positive role.": "what-it-means-for-asean",
    }
    relation_of = {c.id: c.relation for c in tables.claims()}
    words = {"agree": "agree", "differ in emphasis": "emphasis", "contradict": "contradict",
             "apparent contradiction": "apparent-contradiction", "only in 38north": "only-38north", "only in rsis": "only-rsis"}
    assert set(question["items"]) == set(claim_of)
    for item, category in question["items"].items():
        assert words[category] == relation_of[claim_of[item]], item
    assert set(question["categories"]) == set(words)
