"""The outside records (data/outside/*.csv): every record carries its source, bad rows are named, search finds them."""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from summitkit import outside
from summitkit.dates import iso_bounds
from summitkit.errors import CourseDataError

PACKETS = ("context", "epilogue", "lateral", "summit")  # issue 23 context, issue 22 epilogue, issue 21 lateral reading and summit


@pytest.fixture(scope="module")
def records() -> list[outside.OutsideRecord]:
    return outside.load(where=ROOT / "data" / "outside")


@pytest.fixture
def packet_copy(tmp_path) -> Path:
    """A writable copy of data/outside/ for tests that break a row."""
    target = tmp_path / "outside"
    shutil.copytree(ROOT / "data" / "outside", target)
    return target


def rewrite(path: Path, change) -> None:
    """Apply ``change`` to the rows of a packet file and write it back with the same columns."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or []), list(reader)
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        writer.writerows(rows)


def row_of(path: Path, record_id: str) -> int:
    """The spreadsheet row (header = 1) of a record in a packet file."""
    with path.open(encoding="utf-8", newline="") as handle:
        ids = [row["id"] for row in csv.DictReader(handle)]
    return ids.index(record_id) + 2


# --- the data -----------------------------------------------------------------------------------------


def test_the_four_packets_are_there_and_load(records):
    assert tuple(outside.packets(ROOT / "data" / "outside")) == PACKETS
    assert {r.packet for r in records} == set(PACKETS)
    for packet in PACKETS:
        assert outside.load(packet, where=ROOT / "data" / "outside"), f"packet {packet} is empty"


def test_every_record_has_its_source(records):
    for r in records:
        where = f"{r.file}, row {r.row} ({r.id})"
        assert r.publisher.strip() and r.title.strip() and r.summary.strip(), where
        assert r.url.startswith(("http://", "https://")) and " " not in r.url, where
        assert r.published == outside.UNDATED or iso_bounds(r.published), where
        assert len(r.checked) == 10 and dt.date.fromisoformat(r.checked) <= dt.date(2026, 12, 31), where
        if r.quote:
            assert r.quote_by.strip(), where
            assert len(r.quote.split()) <= outside.MAX_QUOTE_WORDS, where


def test_the_ids_are_unique_across_packets(records):
    ids = [r.id for r in records]
    assert len(ids) == len(set(ids))


def test_the_issues_topics_are_covered(records):
    """Each thing the issues ask for has at least one record whose text names it."""

    def text(r: outside.OutsideRecord) -> str:
        return " ".join((r.title, r.publisher, r.summary, r.quote, r.quote_by, r.note))

    wanted = {
        "lateral": [
            "Stimson",
            "Johns Hopkins",
            "KIEP",
            "Lukin",
            "Far Eastern Federal University",
            "Nanyang Technological",
            "Cheang",
            "Eurasia Review",
            "TASS",
            "AFP",
        ],
        "summit": ["Kremlin", "TASS", "AFP"],
        "context": [
            "38th parallel",
            "Non-Proliferation Treaty",
            "1990",
            "2000",
            "2002",
            "2011",
            "Singapore",
            "Hanoi",
            "Panmunjom",
        ],
        "epilogue": ["Vostochny", "veto", "panel", "treaty", "Kursk", "Gerasimov"],
    }
    for packet, needles in wanted.items():
        texts = [text(r) for r in records if r.packet == packet]
        missing = [n for n in needles if not any(n in t for t in texts)]
        assert not missing, f"{packet}: nothing on {missing}"


def test_a_date_read_from_the_address_says_so(records):
    """Where the page showed no date, the note says where the date came from (a date misread from an address is a
    classic error the course itself teaches against)."""
    for record_id in ("eurasiareview-republication", "38north-article-no-byline", "38north-will-continue"):
        r = next(r for r in records if r.id == record_id)
        assert "address" in r.note, r.id


def test_the_kremlin_quotations_are_attributed_to_the_transcript(records):
    kremlin = [r for r in records if r.publisher.startswith("President of Russia")]
    assert len(kremlin) >= 3
    for r in kremlin:
        assert r.published == "2019-04-25" and r.quote and "Kremlin" in r.quote_by, r.id


# --- the validator ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "problem"),
    [
        ("publisher", "", "column 'publisher' is empty"),
        ("published", "", "column 'published' is empty"),
        ("url", "", "column 'url' is empty"),
        ("published", "25 April 2019", "column 'published'"),
        ("published", "2019-13-01", "column 'published'"),
        ("checked", "2026-12", "is not a day"),
        ("checked", "2019-04-24", "before the page was published"),
        ("url", "ftp://example.org/file", "not a web address"),
        ("url", "www.38north.org/2019/05/", "not a web address"),
        ("quote", " ".join(["word"] * 26), "has 26 words"),
        ("quote_by", "", "say whose words"),
        ("packet", "epilogue", "column 'packet' says 'epilogue'"),
        ("id", "Kremlin News", "is not an id"),
    ],
)
def test_a_bad_row_is_named_with_its_file_and_row(packet_copy, column, value, problem):
    path = packet_copy / "summit.csv"
    target = "kremlin-press-kim-open"
    row = row_of(path, target)

    def change(rows):
        next(r for r in rows if r["id"] == target)[column] = value

    rewrite(path, change)
    with pytest.raises(CourseDataError) as caught:
        outside.load("summit", where=packet_copy)
    message = str(caught.value)
    assert "summit.csv" in message and f"row {row}:" in message, message
    assert problem in message, message


def test_undated_is_accepted_but_a_missing_date_is_not(packet_copy):
    path = packet_copy / "summit.csv"
    rewrite(path, lambda rows: rows[0].update(published="undated"))
    assert outside.load("summit", where=packet_copy)[0].published == outside.UNDATED


def test_a_duplicate_id_is_named_in_both_places(packet_copy):
    rewrite(packet_copy / "epilogue.csv", lambda rows: rows[1].update(id=rows[0]["id"]))
    with pytest.raises(CourseDataError, match=r"epilogue\.csv, row 3: id 'vostochny-2023' is already used on row 2"):
        outside.load(where=packet_copy)
    shutil.copy(ROOT / "data" / "outside" / "epilogue.csv", packet_copy / "epilogue.csv")
    rewrite(packet_copy / "summit.csv", lambda rows: rows[0].update(id="vostochny-2023"))
    with pytest.raises(
        CourseDataError, match=r"summit\.csv, row 2: id 'vostochny-2023' is already used \(.*epilogue\.csv, row 2\)"
    ):
        outside.load(where=packet_copy)


def test_an_unknown_packet_is_named_with_a_suggestion(packet_copy):
    with pytest.raises(CourseDataError, match=r"no packet 'sumit'.*summit"):
        outside.load("sumit", where=packet_copy)


def test_a_file_missing_a_column_is_named(packet_copy):
    path = packet_copy / "context.csv"
    text = path.read_text(encoding="utf-8").replace(",quote_by,", ",speaker,", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CourseDataError, match=r"context\.csv, row 1: missing column\(s\) quote_by"):
        outside.load("context", where=packet_copy)


def test_an_edit_is_seen_on_the_next_load(packet_copy):
    """The loader caches by modification time: a teacher's fix shows up without restarting the kernel."""
    first = outside.load("summit", where=packet_copy)[0]
    path = packet_copy / "summit.csv"
    rewrite(path, lambda rows: rows[0].update(title="A title the teacher changed"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    assert outside.load("summit", where=packet_copy)[0].title == "A title the teacher changed" != first.title


def test_the_real_folder_is_the_default(data_copy):
    assert outside.folder() == data_copy / "outside"
    assert len(outside.load()) == len(outside.load(where=ROOT / "data" / "outside"))


# --- search -------------------------------------------------------------------------------------------


def test_search_finds_lukin(records):
    results = outside.search("Lukin", records=records)
    ids = [r.id for r in results]
    assert {"lukin-profile-scmp", "lukin-profile-thinkchina", "38north-article-no-byline"} <= set(ids)
    first = results[0]
    assert first.title and first.publisher and first.url.startswith("http") and "Lukin" in first.snippet


def test_search_finds_stimson_and_ranks_the_move_first(records):
    results = outside.search("Stimson", records=records)
    assert results[0].id == "38north-joins-stimson"
    assert {"stimson-government-funding", "stimson-donors-disclosed"} <= {r.id for r in results}
    assert all("Stimson" in " ".join((r.title, r.snippet, r.publisher)) for r in results[:3])


def test_search_prefers_the_record_holding_more_of_the_query(records):
    assert outside.search("does the attribution to Lukin hold", records=records)[0].id == "38north-article-no-byline"
    assert outside.search("who funds 38 North", records=records)[0].id in {
        "38north-will-continue",
        "uski-closes-jhu-newsletter",
        "uski-seoul-side",
        "38north-joins-stimson",
    }


def test_search_matches_other_forms_of_a_word(records):
    assert "stimson-government-funding" in [r.id for r in outside.search("funded", records=records)]


def test_search_by_packet_and_limit(records, data_copy):
    results = outside.search("Putin", packet="epilogue")
    assert results and {r.packet for r in results} == {"epilogue"}
    assert len(outside.search("Putin", limit=2, records=records)) == 2


@pytest.mark.parametrize("query", ["", "   ", "the of and", "zzzyzx"])
def test_search_with_nothing_to_match_finds_nothing(records, query):
    assert outside.search(query, records=records) == []


def test_a_snippet_is_one_sentence_and_short(records):
    for result in outside.search("North Korea Russia treaty", records=records, limit=50):
        assert len(result.snippet) <= outside.SNIPPET_CHARS + 2
        assert result.snippet in next(r.summary for r in records if r.id == result.id) or result.snippet.endswith("…")


def test_results_as_text_show_title_publisher_date_address_and_snippet(records):
    results = outside.search("Cheang", records=records, limit=2)
    text = outside.results_text(results)
    first = results[0]
    assert text.startswith(f"1. {first.title}\n   {first.publisher}, {first.published}\n   {first.url}\n   {first.snippet}")
    assert "2. " in text
    assert "No record matches" in outside.results_text([])
    undated = outside.search("Lukin", records=records)[0]
    assert undated.published == outside.UNDATED and "no date on the page" in outside.results_text([undated])
