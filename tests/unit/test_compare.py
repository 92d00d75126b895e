"""Lesson 04's comparison tools: counts on made-up claims, the agreement figure against data/claims.csv read with
the csv module (tests/oracle.py), the relations vocabulary, the claim reader and its pager, the framing table."""

from __future__ import annotations

import html
from collections import Counter

import oracle
import pytest

from summitkit import compare, figures, relations, tables
from summitkit.controls import Pager
from summitkit.tables import Claim


def _toy(*relations_):
    return [Claim(str(i), "t", r, {}, "") for i, r in enumerate(relations_)]


def test_finding_follows_the_data():
    rels = ("agree", "emphasis", "apparent-contradiction", "contradict")
    assert compare.finding(_toy("agree", "agree", "agree", "emphasis"), rels) == (
        "3 of 4 claims agree, none contradict: where both texts speak to a point, they mostly agree"
    )
    assert compare.finding(_toy("emphasis", "emphasis", "contradict"), rels) == (
        "2 of 3 claims differ in emphasis, only 1 contradicts: where both texts speak to a point, they mostly weigh it differently"
    )
    assert compare.finding(_toy("emphasis", "emphasis", "apparent-contradiction"), rels) == (
        "2 of 3 claims differ in emphasis, none contradict (1 apparent contradiction): "
        "where both texts speak to a point, they mostly weigh it differently"
    )
    assert compare.finding([]) == "No claims to compare yet"


def test_the_relations_are_defined_in_one_place():
    ids = [r.id for r in relations.RELATIONS]
    assert ids == ["agree", "emphasis", "apparent-contradiction", "contradict"]
    for r in relations.for_sources():
        assert r.label and r.meaning and r.colour.startswith("#")
    styles = [(r.colour, r.hatch) for r in relations.for_sources()]
    assert len(set(styles)) == len(styles) and len({h for _, h in styles}) == len(styles)  # colour AND hatch each differ
    assert relations.label("only-rsis") == f"only in {oracle.short('rsis')}"
    assert relations.label("apparent-contradiction") == "apparent contradiction"


def test_counts_cover_every_claim_and_relation():
    expected = oracle.claim_counts()
    assert dict(compare.counts()) == dict(expected)
    totals = compare.totals()
    assert sum(totals.values()) == len(oracle.rows("claims.csv"))
    for relation, n in Counter(r["relation"] for r in oracle.rows("claims.csv")).items():
        assert totals[relation] == n
    listed = [r for r in totals if totals[r] == 0]
    assert all(relations.relation(r).always for r in listed)  # a relation nobody uses is listed only if it always is
    assert [c.id for c in compare.of_relation("contradict")] == [
        r["id"] for r in oracle.rows("claims.csv") if r["relation"] == "contradict"
    ]


def test_same_evidence_finds_shared_remarks():
    found = compare.same_evidence()
    assert found and all(claim.relation == "emphasis" for claim, _ in found)
    for claim, words in found:
        quoted = [oracle.flat(q).casefold().replace("'", "’") for _, q in claim.quotes.values()]
        assert any(words in q for q in quoted), (claim.id, words)  # the remark is in the claim's own quotations
        for sid, (number, _) in claim.quotes.items():
            assert words in oracle.flat(oracle.paragraphs(sid)[number - 1]).casefold().replace("'", "’")


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

    fig = compare.plot()
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    expected = oracle.claim_counts()
    topics = [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(topics) == sorted({compare.topic_label(t) for t, _ in expected})
    sizes = [sum(n for (t, _), n in expected.items() if compare.topic_label(t) == label) for label in topics]
    assert sizes == sorted(sizes)  # bottom to top: smallest to largest, largest at the top
    plotted = Counter()
    for rel, topic, width, _, _ in _segments(fig):
        plotted[(rel, topic)] += width
    for (topic, relation), n in expected.items():
        assert plotted[(relations.label(relation), compare.topic_label(topic))] == n
    labels = sorted(
        int(t.get_text()) for t in ax.texts
    )  # every non-empty segment carries its count, so colour is never the only cue
    assert labels == sorted(expected.values())


def test_agreement_figure_title_axes_legend_and_styles():
    fig = compare.plot()
    ax = fig.axes[0]
    title = ax.get_title(loc="left").replace("\n", " ")
    rows = oracle.rows("claims.csv")
    top, n = Counter(r["relation"] for r in rows).most_common(1)[0]
    assert title == compare.finding() and title.startswith(f"{n} of {len(rows)} claims {relations.label(top)}")
    assert ax.get_xlabel().startswith("Number of claims") and ax.get_ylabel() == "Topic"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    used = {r["relation"] for r in rows}
    assert legend == [r.label for r in relations.for_sources() if r.always or r.id in used]
    assert legend[-2:] == [f"only in {oracle.short(s)}" for s in oracle.source_ids()]  # names, not ids
    styles = {rel: (hatch, tuple(colour)) for rel, _, _, hatch, colour in _segments(fig)}
    assert len({h for h, _ in styles.values()}) == len(styles)  # a different hatch for each relation
    assert len({c for _, c in styles.values()}) == len(styles)  # and a different colour


def test_plot_uses_no_pyplot_state_and_imports_lightly():
    """Importing compare loads no matplotlib; drawing never loads pyplot (no global figure state, no backend switch)."""
    import subprocess
    import sys

    code = (
        "import sys; from summitkit import compare, figures; light = 'matplotlib' not in sys.modules; "
        "figures.figure_html(compare.plot(), 'x'); print(light, 'matplotlib.pyplot' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "False"]


def test_alt_text_and_figure_html():
    alt = compare.alt_text()
    rows = oracle.rows("claims.csv")
    assert f"{len(rows)} claims in {len({r['topic'] for r in rows})} topics" in alt
    for relation, n in Counter(r["relation"] for r in rows).items():
        assert f"{relations.label(relation)}: {n}" in alt
    shown = str(figures.figure_html(compare.plot(), "a <b>“quoted”</b> & 'alt'"))
    assert 'alt="a &lt;b&gt;“quoted”&lt;/b&gt; &amp; &#x27;alt&#x27;"' in shown and "<b>“quoted”</b>" not in shown
    assert shown.count("data:image/svg+xml;base64,") == 1 and "max-width:100%" in shown
    assert compare.plot().summitkit_alt == alt  # shown as the picture's alt text when a cell returns the figure


def test_side_by_side_shows_every_passage_and_marks_the_paraphrase():
    row = next(r for r in oracle.rows("claims.csv") if all(r.get(f"{s}_paragraph") for s in oracle.source_ids()))
    page = compare.side_by_side(row["id"])
    for sid in oracle.source_ids():
        assert f"{sid} ¶{row[f'{sid}_paragraph']}" in page and f"<h4>{oracle.short(sid)}</h4>" in page
    assert "Our paraphrase</b>" + html.escape(" (the course's summary, not the authors' words)") in page
    only = next(r for r in oracle.rows("claims.csv") if r["relation"] == "only-38north")
    assert f"{oracle.short('rsis')} does not make this point" in compare.side_by_side(only["id"])
    with pytest.raises(KeyError, match="no claim 'nope'"):
        compare.side_by_side("nope")


def test_side_by_side_escapes_everything():
    evil = Claim("x<script>", "t<b>", "agree", {"rsis": (1, "<img src=x onerror=alert(1)>")}, "<script>alert(1)</script>")
    page = compare.side_by_side("x<script>", [evil])
    assert "<script>" not in page and "<img" not in page and "&lt;script&gt;" in page


def test_claim_reader_flips_and_filters_with_the_pager():
    box = compare.claim_reader(relation="agree")
    agree = [r["id"] for r in oracle.rows("claims.csv") if r["relation"] == "agree"]
    assert isinstance(box.pager, Pager)
    assert box.pick_claim.value == agree[0] and box.prev_button.disabled
    box.next_button.click()
    assert box.pick_claim.value == agree[1] and box.pager.position.value == f"claim 2 of {len(agree)}"
    only = [r for r in oracle.rows("claims.csv") if r["relation"] == "only-rsis"]
    box.pick_relation.value = "only-rsis"
    assert box.pick_claim.value == only[0]["id"] and html.escape(only[0]["rsis_quote"]) in box.page.value
    labels = [label for label, _ in box.pick_relation.options]
    assert f"only in {oracle.short('rsis')}" in labels and "only in rsis" not in labels
    start = compare.claim_reader(start=agree[-1], relation="agree")
    assert start.pick_claim.value == agree[-1] and start.next_button.disabled


def test_framing_table_cites_each_use():
    table = compare.framing_html(["second fiddle", "great power", "no such words"])
    for phrase in ("second fiddle", "great power"):
        for sid in oracle.source_ids():
            for n, text in enumerate(oracle.paragraphs(sid), start=1):
                if phrase in oracle.flat(text):
                    assert f"{sid} ¶{n}" in table
    assert table.count("—") >= len(oracle.source_ids())  # "no such words" is used by no text
    assert all(f'<th scope="col">{oracle.short(s)}</th>' in table for s in oracle.source_ids())


def test_an_apparent_contradiction_is_counted_and_drawn_apart(data_copy):
    path = data_copy / "claims.csv"
    text = path.read_text(encoding="utf-8").replace(",apparent-contradiction,", ",contradict,")  # every clash real, first
    assert ",contradict," in text, "test setup: the data has no contradiction to turn into an apparent one"
    path.write_text(text, encoding="utf-8")
    assert compare.totals().get("apparent-contradiction", 0) == 0 and compare.totals()["contradict"] == text.count(",contradict,")
    path.write_text(text.replace(",contradict,", ",apparent-contradiction,"), encoding="utf-8")
    n = sum(1 for r in oracle.rows("claims.csv") if r["relation"] == "apparent-contradiction")
    assert compare.totals()["apparent-contradiction"] == n and compare.totals()["contradict"] == 0
    fig = compare.plot()
    title = fig.axes[0].get_title(loc="left").replace("\n", " ")
    assert "none contradict" in title and f"({n} apparent contradiction" in title
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "apparent contradiction" in legend and "contradict" in legend  # contradict stays listed, with no bar
    look = relations.relation("apparent-contradiction")
    assert any(h == look.hatch for rel, _, width, h, _ in _segments(fig) if rel == "apparent contradiction" and width)
    assert f"apparent contradiction: {n}" in compare.alt_text() and "contradict: 0" in compare.alt_text()
    box = compare.claim_reader(relation="apparent-contradiction")
    assert "how the sources relate: <b>apparent contradiction</b>" in box.page.value


def test_the_relations_exercise_agrees_with_the_claims_table():
    """04-relations is answered by data/claims.csv: each item's category is its claim's relation."""
    from conftest import ROOT

    from summitkit.quiz.build import declared_questions

    question = declared_questions(ROOT / "solutions" / "04_comparing_analyses.ipynb")["04-relations"]
    claim_of = {  # item -> claim id
        "The summit brought no breakthrough.": "outcome-little-substance",
        "The meeting was about a role Russia already had, not a new one.": "russia-reaffirms-old-role",
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
    # the categories are the relations' labels, as the claim reader and the figure show them (issue 24)
    words = {
        relations.relation(r).label: r
        for r in ("agree", "emphasis", "contradict", "apparent-contradiction", "only-38north", "only-rsis")
    }
    assert {"only in 38 North", "only in RSIS"} <= set(words)
    assert set(question["items"]) == set(claim_of)
    for item, category in question["items"].items():
        assert words[category] == relation_of[claim_of[item]], item
    assert set(question["categories"]) == set(words)
