"""The cleaned texts hold exactly the words of the originals, in order, and cite correctly."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, SHARED
from needs import skip_or_fail

from summitkit import find_quote, load_text, paragraph
from summitkit.citations import Citation, find_citations, parse_citation

# Parts of the originals that are not the article and may be dropped (SOURCES.md says so).
DROPPABLE = {
    "38north": [
        "(Photo: AFP/Getty Images).",
        "Stay informed about our latest news, publications, & uploads: I'm interested in... 38 North: News and Analysis on North Korea",
    ],
    "rsis": ["By Chris Cheang"],
}
ORIGINALS = {"38north": "38north-putin-kim-drive-by-summit.txt", "rsis": "rsis-putin-kim-enter-the-russian-factor.txt"}


def words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("source", sorted(ORIGINALS))
def test_cleaned_text_has_exactly_the_original_words(source):
    original = SHARED / "sources" / ORIGINALS[source]
    if not original.exists():
        skip_or_fail(
            f"../shared/sources/{ORIGINALS[source]} not present: cannot compare the cleaned text with the original",
            "the originals must be there: .ci/run runs beside ../shared",
        )
    expected = original.read_text(encoding="utf-8")
    for part in DROPPABLE[source]:
        flat = " ".join(expected.split())
        assert " ".join(part.split()) in flat, f"droppable part not in the original: {part!r}"
        expected = flat.replace(" ".join(part.split()), " ", 1)
    cleaned = (ROOT / "data" / "sources" / f"{source}.md").read_text(encoding="utf-8")
    cleaned = re.sub(r"^#+ ", "", cleaned, flags=re.M)
    assert words(cleaned) == words(expected)


def test_non_breaking_spaces_of_the_original_are_kept():
    assert "\u00a0defend" in paragraph("38north", 7)


def test_paragraph_counts_and_headings():
    assert len(load_text("38north").paragraphs) == 11
    assert len(load_text("rsis").paragraphs) == 17
    assert load_text("rsis").headings[0] == "SYNOPSIS"
    assert load_text("38north").title.endswith("A Drive-By Summit")


def test_paragraph_out_of_range_says_the_range():
    with pytest.raises(IndexError, match="1 to 17"):
        paragraph("rsis", 18)


def test_find_quote_across_line_breaks_and_nbsp():
    assert find_quote("is determined to defend his country’s") == [Citation("38north", 7)]
    assert find_quote("shortage of sovereignty") == [Citation("38north", 10), Citation("rsis", 14)]
    assert find_quote("   ") == []
    assert find_quote("no such words anywhere") == []


def test_citation_parsing_and_finding():
    assert parse_citation("rsis ¶8") == Citation("rsis", 8)
    assert parse_citation("RSIS para. 8") == Citation("rsis", 8)
    assert str(parse_citation("38north 2")) == "38north ¶2"
    with pytest.raises(ValueError, match="is not a citation"):
        parse_citation("paragraph eight")
    assert find_citations("see 38north ¶2, rsis¶12 and bbc ¶1") == [
        Citation("38north", 2),
        Citation("rsis", 12),
        Citation("bbc", 1),
    ]
    assert Citation("rsis", 12).exists() and not Citation("rsis", 40).exists() and not Citation("bbc", 1).exists()


def test_passage_html_escapes_and_names_the_section():
    html = Citation("rsis", 14).html()
    assert "rsis ¶14" in html and "Russia’s Limited Economic Leverage" in html
    assert "no such paragraph" in Citation("rsis", 99).html()
