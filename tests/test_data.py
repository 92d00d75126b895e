"""Every quotation and citation in data/ resolves, and bad data gets a clear message."""

from __future__ import annotations

import pytest

from summitkit import CourseDataError, tables
from summitkit.sources import quote_in_paragraph


def test_every_data_file_validates():
    counts = tables.validate_all()
    assert counts["sources.csv"] == 2
    assert counts["timeline.csv"] >= 20 and counts["stakes.csv"] >= 40 and counts["claims.csv"] >= 25


@pytest.mark.parametrize("loader", [tables.timeline, tables.stakes])
def test_every_quote_is_verbatim_in_its_paragraph(loader):
    for row in loader():
        assert quote_in_paragraph(row.quote, row.source, row.paragraph), row


def test_every_claim_quote_is_verbatim():
    for claim in tables.claims():
        for source, (number, quote) in claim.quotes.items():
            assert quote_in_paragraph(quote, source, number), (claim.id, source)


def _edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_missing_column(data_copy):
    _edit(data_copy / "stakes.csv", "actor,", "who,")
    with pytest.raises(CourseDataError, match=r"stakes.csv, row 1: missing column\(s\) actor"):
        tables.stakes()


def test_unknown_source_id(data_copy):
    lines = (data_copy / "stakes.csv").read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",38north,", ",bbc,").replace(",rsis,", ",bbc,")
    (data_copy / "stakes.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CourseDataError, match=r"stakes.csv, row 4: unknown source 'bbc'"):
        tables.stakes()


def _rewrite_csv(path, change) -> None:
    """Apply ``change`` to the list of rows of a CSV file and write it back."""
    import csv

    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_paragraph_out_of_range(data_copy):
    _rewrite_csv(data_copy / "timeline.csv", lambda rows: rows[1].update(paragraph="99"))
    with pytest.raises(CourseDataError, match=r"timeline.csv, row 3: paragraph 99 is out of range: \w+ has paragraphs 1 to \d+"):
        tables.timeline()


def test_quote_not_in_its_paragraph(data_copy):
    _rewrite_csv(data_copy / "claims.csv", lambda rows: rows[0].update({"38north_quote": "words the author never wrote"}))
    with pytest.raises(CourseDataError, match=r"claims.csv, row 2: quote \(38north\) not found verbatim in 38north ¶\d+"):
        tables.claims()


def test_unreadable_file(data_copy):
    (data_copy / "timeline.csv").write_bytes(b"id,date\n\xff\xfe broken")
    with pytest.raises(CourseDataError, match=r"timeline.csv: is not UTF-8 text"):
        tables.timeline()


def test_missing_file(data_copy):
    (data_copy / "claims.csv").unlink()
    (data_copy / "sources" / "rsis.md").unlink()
    with pytest.raises(CourseDataError, match=r"rsis.md: no text for source 'rsis'"):
        tables.stakes()


def test_malformed_row_too_many_cells(data_copy):
    with (data_copy / "stakes.csv").open("a", encoding="utf-8") as handle:
        handle.write('Russia,wants,x,rsis,3,"That",extra,more,cells\n')
    with pytest.raises(CourseDataError, match=r"stakes.csv, row \d+: has \d+ cells but the header has \d+"):
        tables.stakes()


def test_bad_date_and_precision(data_copy):
    _edit(data_copy / "timeline.csv", "2019-04-18", "18/04/2019")
    with pytest.raises(CourseDataError, match=r"timeline.csv, row \d+: column 'date': '18/04/2019' is not a date"):
        tables.timeline()


def test_bad_relation(data_copy):
    _edit(data_copy / "claims.csv", ",apparent-contradiction,", ",disagree,")
    with pytest.raises(CourseDataError, match=r"claims.csv, row \d+: relation 'disagree' must be one of agree, emphasis, contradict, "
                                              r"apparent-contradiction, only-38north, only-rsis"):
        tables.claims()


def test_data_error_shows_as_a_sentence_in_ipython(data_copy, capsys):
    from summitkit.setup import _show_data_error

    _show_data_error(None, CourseDataError, CourseDataError("data/x.csv", "bad", row=3), None)
    err = capsys.readouterr().err
    assert "Problem in the course data: data/x.csv, row 3: bad" in err and "Nothing you have answered so far is lost" in err
