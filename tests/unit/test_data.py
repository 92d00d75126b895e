"""Every quotation and citation in data/ resolves (checked here without the package's loaders), and bad data gets a clear message."""

from __future__ import annotations

import oracle
import pytest
from fork import rewrite_csv

from summitkit import CourseDataError, tables


def test_every_data_file_validates():
    counts = tables.validate_all()
    assert counts["sources.csv"] == len(oracle.source_ids())
    for sid in oracle.source_ids():
        assert counts[f"sources/{sid}.md"] == len(oracle.paragraphs(sid))
    for name in ("timeline.csv", "stakes.csv", "claims.csv"):
        assert counts[name] == len(oracle.rows(name)) > 0


def citations_in_the_data() -> list[tuple[str, int, str, str]]:
    """(source, paragraph, quote, where) for every quotation in the CSV files, read with the csv module."""
    found = []
    for name in ("timeline.csv", "stakes.csv"):
        for number, row in enumerate(oracle.rows(name), start=2):
            found.append((row["source"], row["paragraph"], row["quote"], f"{name} row {number}"))
    for number, row in enumerate(oracle.rows("claims.csv"), start=2):
        for sid in oracle.source_ids():
            if row.get(f"{sid}_paragraph") or row.get(f"{sid}_quote"):
                found.append(
                    (sid, row.get(f"{sid}_paragraph", ""), row.get(f"{sid}_quote", ""), f"claims.csv row {number} ({sid})")
                )
    return found


def misquotations() -> list[str]:
    """Every citation that does not exist and every quotation not verbatim in its paragraph (white space collapsed)."""
    texts = {sid: oracle.paragraphs(sid) for sid in oracle.source_ids()}
    problems = []
    for source, paragraph, quote, where in citations_in_the_data():
        if source not in texts or not paragraph.isdigit() or not 1 <= int(paragraph) <= len(texts[source]):
            problems.append(f"{where}: no paragraph {source} ¶{paragraph}")
        elif not oracle.flat(quote) or oracle.flat(quote) not in oracle.flat(texts[source][int(paragraph) - 1]):
            problems.append(f"{where}: not verbatim in {source} ¶{paragraph}: {quote[:60]}")
    return problems


def test_every_quote_is_verbatim_in_its_paragraph():
    assert len(citations_in_the_data()) >= len(oracle.rows("timeline.csv")) + len(oracle.rows("stakes.csv"))
    assert misquotations() == []


def test_the_quote_check_finds_a_misquotation_on_its_own(data_copy):
    """The check above reads the files itself: a changed word or a wrong paragraph is found without the loaders."""
    path = data_copy / "stakes.csv"
    text = path.read_text(encoding="utf-8")
    first = oracle.rows("stakes.csv")[0]
    path.write_text(text.replace(first["quote"], first["quote"].replace(" ", "  ").replace("a", "à", 1), 1), encoding="utf-8")
    claims = data_copy / "claims.csv"
    row = oracle.rows("claims.csv")[0]
    claims.write_text(
        claims.read_text(encoding="utf-8").replace(
            f"{row['id']},{row['topic']},{row['relation']},{row['38north_paragraph']},",
            f"{row['id']},{row['topic']},{row['relation']},99,",
            1,
        ),
        encoding="utf-8",
    )
    problems = misquotations()
    assert any(p.startswith("stakes.csv row 2: not verbatim") for p in problems)
    assert any(p.startswith("claims.csv row 2 (38north): no paragraph 38north ¶99") for p in problems)


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


def test_paragraph_out_of_range(data_copy):
    rewrite_csv(data_copy / "timeline.csv", lambda rows: rows[1].update(paragraph="99"))
    with pytest.raises(CourseDataError, match=r"timeline.csv, row 3: paragraph 99 is out of range: \w+ has paragraphs 1 to \d+"):
        tables.timeline()


def test_quote_not_in_its_paragraph(data_copy):
    rewrite_csv(data_copy / "claims.csv", lambda rows: rows[0].update({"38north_quote": "words the author never wrote"}))
    with pytest.raises(CourseDataError, match=r"claims.csv, row 2: quote \(38north\) not found verbatim in 38north ¶\d+"):
        tables.claims()


def test_unreadable_file(data_copy):
    (data_copy / "timeline.csv").write_bytes(b"id,date\n\xff\xfe broken")
    with pytest.raises(CourseDataError, match=r"timeline.csv, row 2: is not UTF-8 text: byte 0xFF at the start of the line"):
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
    with pytest.raises(
        CourseDataError,
        match=r"claims.csv, row \d+: relation 'disagree' must be one of agree, emphasis, apparent-contradiction, contradict, only-38north, only-rsis",
    ):
        tables.claims()


def test_data_error_shows_as_a_sentence_in_ipython(data_copy, capsys):
    from summitkit.codehelp import handle

    handle(None, CourseDataError, CourseDataError("data/x.csv", "bad", row=3), None)
    err = capsys.readouterr().err
    assert "Problem in the course data: data/x.csv, row 3: bad" in err and "Nothing you have answered so far is lost" in err


def test_apparent_contradiction_is_a_relation_that_needs_two_quotes(data_copy):
    rows = oracle.rows("claims.csv")
    only = next(i for i, r in enumerate(rows) if r["relation"].startswith("only-"))
    rewrite_csv(data_copy / "claims.csv", lambda rs: rs[only].update(relation="apparent-contradiction"))
    with pytest.raises(
        CourseDataError,
        match=rf"claims.csv, row {only + 2}: relation 'apparent-contradiction' needs quotes from at least 2 sources",
    ):
        tables.claims()
    shared = next(i for i, r in enumerate(rows) if r["relation"] == "agree")
    rewrite_csv(
        data_copy / "claims.csv",
        lambda rs: (rs[only].update(relation=rows[only]["relation"]), rs[shared].update(relation="apparent-contradiction")),
    )
    assert [c.relation for c in tables.claims()][shared] == "apparent-contradiction"
