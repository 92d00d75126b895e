"""Text measures: words, sentences, quotations and distinctive words, on the sources and on made-up texts."""

from __future__ import annotations

import json

import oracle
from conftest import ROOT

from summitkit import textstats
from summitkit.sources import load_text


def test_words_keep_apostrophes_and_hyphens_and_drop_punctuation():
    assert textstats.words("Kim’s “Six-Party” talks, (2003–2009)!") == ["kim’s", "six-party", "talks", "2003", "2009"]
    assert textstats.words("") == []


def test_sentences_on_hard_cases():
    text = "Putin left (for Beijing). “Why?” he asked. North Korea’s won held. THE LAST summit was in 2011."
    assert textstats.sentences(text) == [
        "Putin left (for Beijing).",
        "“Why?” he asked.",
        "North Korea’s won held.",
        "THE LAST summit was in 2011.",
    ]
    assert textstats.sentences("   ") == []
    assert textstats.sentences("No full stop at the end") == ["No full stop at the end"]


def test_measures_of_the_sources():
    texts = textstats.source_texts()
    assert list(texts) == oracle.source_ids()
    assert texts["rsis"].startswith(load_text("rsis").paragraphs[0])
    table = textstats.measures(texts)
    north, rsis = table["38north"], table["rsis"]
    assert abs(north.words - load_text("38north").words) < 40 and abs(rsis.words - load_text("rsis").words) < 40
    assert (north.quotations, rsis.quotations) == (6, 7)
    assert rsis.quoted_share > 2 * north.quoted_share  # RSIS lets the speakers' own words in more often
    assert 15 < north.mean_sentence_length < 30 and 15 < rsis.mean_sentence_length < 30
    assert north.mean_sentence_length == north.words / north.sentences
    assert textstats.measure("").mean_sentence_length == 0.0 and textstats.measure("").quoted_share == 0.0


def test_quotations_by_paragraph_cite_each_quote():
    found = dict(textstats.quotations_by_paragraph("38north"))
    assert found["38north ¶10"] == "shortage of sovereignty."
    assert ("rsis ¶11", "shares this viewpoint") in textstats.quotations_by_paragraph("rsis")


def test_distinctive_words_of_the_sources_show_house_style():
    found = textstats.distinctive_words(textstats.source_texts(), top=15)
    north = {d.word for d in found["38north"]}
    rsis = {d.word for d in found["rsis"]}
    assert "denuclearization" in north and "denuclearisation" in rsis  # American against British spelling
    assert "moscow" in north and "asean" in rsis
    assert not (north & textstats.STOP_WORDS) and not (rsis & textstats.STOP_WORDS)
    assert all(d.ratio > 1 and d.count >= 3 for d in found["38north"] + found["rsis"])


def test_distinctive_words_on_three_made_up_texts():
    texts = {
        "a": "sanctions sanctions sanctions sanctions relief relief talks talks",
        "b": "talks talks talks talks summit summit summit relief",
        "c": "railways railways railways talks summit the the the the",
    }
    found = textstats.distinctive_words(texts, top=5, min_count=2)
    assert [d.word for d in found["a"]][:2] == ["sanctions", "relief"]
    assert found["a"][0].count == 4 and found["a"][0].others == 0
    assert found["c"][0].word == "railways"
    assert "the" not in {d.word for d in found["c"]}  # stop word
    assert "talks" not in {d.word for d in found["c"]}  # used less here than elsewhere
    assert textstats.distinctive_words({"only": "one text one text"}, min_count=1) == {"only": []}  # nothing to compare with
    assert textstats.distinctive_words({}) == {}


def test_tables_escape_their_input():
    texts = {"<b>x</b>": "He said “<script>alert(1)</script>” twice. Twice twice twice."}
    assert "<b>x</b>" not in textstats.measures_html(texts) and "&lt;b&gt;x&lt;/b&gt;" in textstats.measures_html(texts)
    assert "<script>" not in textstats.distinctive_html(texts)
    assert "<script>" not in textstats.quotations_html()
    assert (
        "<b>38 North</b>" in textstats.quotations_html() and '<th scope="col">RSIS</th>' in textstats.measures_html()
    )  # names, not ids


def test_hedges_are_counted_in_the_authors_own_words_only():
    rates = textstats.term_rates(textstats.source_texts())
    north, rsis = rates["38north"], rates["rsis"]
    assert north[0]["seems"] == 3 and sum(north[0].values()) == 16 and north[1] > 5
    # RSIS hedges in its own words only with "may", twice in rsis ¶17; its "apparently" and "unlikely" are Putin's quoted words
    assert dict(rsis[0]) == {"may": 2}
    with_quotes = textstats.term_rates(textstats.source_texts(), own_words_only=False)["rsis"][0]
    assert with_quotes == {"apparently": 1, "unlikely": 1, "may": 2}


def test_may_counts_the_modal_verb_and_never_the_month():
    """Issue 24: the count keeps the modal "may" and leaves out only "May" followed by a year (the month).

    The lesson's description (notebooks/04, cell 04-24) must say the same as the code.
    """
    assert "may" in textstats.HEDGES
    texts = textstats.source_texts()
    north, rsis = textstats.term_rates(texts)["38north"][0], textstats.term_rates(texts)["rsis"][0]
    # 38 North: "may currently be smaller" (¶4), "which may be the reason", "Putin may have made it clear" (¶6),
    # "He may also have been implying" (¶9); its "May 2015" and "May 2018" (¶2) are months and not counted
    assert north["may"] == 4 and texts["38north"].count("May 20") == 2
    assert rsis["may"] == 2 and "May" not in texts["rsis"]  # RSIS never writes the month
    assert textstats.term_rates({"t": "In May 2018 he may come."})["t"][0] == {"may": 1}
    assert textstats.term_rates({"t": "May he come? In May 2019, yes."})["t"][0] == {"may": 1}
    lesson = json.loads((ROOT / "notebooks" / "04_comparing_analyses.ipynb").read_text(encoding="utf-8"))
    cell = next(c for c in lesson["cells"] if c.get("id") == "04-24")
    prose = "".join(cell["source"])
    assert "followed by a year" in prose and "both texts also use May" not in prose
    assert "<i>" not in textstats.term_rates_html({"<i>x</i>": "It seems so."})
