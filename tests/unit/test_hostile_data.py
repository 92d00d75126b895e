"""Hostile and mistaken data (issue 12 part B, issue 18): every data error names the file, the row (or line) and the
problem in words a teacher understands, and shows the fix; nothing else is ever raised; text from the data is drawn
as written in every figure. The question-id rules and duplicate ids are checked by the build and the banks.

Each fault class of the issues has a named case with its exact row; then hostile text goes into every free-text
cell of every data file, and hypothesis appends any bytes as a row.
"""

from __future__ import annotations

import json
import re
import shutil

import oracle
import pytest
from conftest import ROOT
from fork import rewrite_csv
from hostile_inputs import HOSTILE, texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summitkit import CourseDataError, tables
from summitkit.quiz import build as builder
from summitkit.quiz.build import BuildError

LOADERS = {
    "sources.csv": tables.sources_table,
    "actors.csv": tables.actors,
    "timeline.csv": tables.timeline,
    "stakes.csv": tables.stakes,
    "claims.csv": tables.claims,
}


def lines(path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def write_lines(path, rows: list[str]) -> None:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def error_of(name: str) -> str:
    """The message the loader of ``data/<name>`` gives (the test fails if it loads, or raises anything else)."""
    with pytest.raises(CourseDataError) as caught:
        LOADERS[name]()
    return str(caught.value)


# ----- the fault classes of issue 12, each on its exact row --------------------------------------------------------------
def test_an_unclosed_quotation_mark_is_reported_on_the_row_where_it_opens(data_copy):
    path = data_copy / "stakes.csv"
    rows = lines(path)
    rows[4] = rows[4].replace(",38north,", ',"38north,', 1).replace(",rsis,", ',"rsis,', 1)
    write_lines(path, rows)
    message = error_of("stakes.csv")
    assert re.search(
        r"stakes\.csv, row 5: a quotation mark \(\"\) opens the cell in column 'source' and is not closed on this "
        r"row, so the cell runs (on to row \d+|to the end of the file)\. Close it on row 5\.",
        message,
    ), message


def test_an_unclosed_quotation_mark_on_the_last_row(data_copy):
    path = data_copy / "timeline.csv"
    rows = lines(path)
    last = len(rows)
    rows[-1] = rows[-1].replace(",rsis,", ',"rsis,', 1).replace(",38north,", ',"38north,', 1)
    path.write_text("\n".join(rows), encoding="utf-8")  # no line break at the end either
    message = error_of("timeline.csv")
    assert f"timeline.csv, row {last}:" in message and "quotation mark" in message, message


def test_a_byte_that_is_not_utf8_is_named_with_its_row_and_the_words_before_it(data_copy):
    path = data_copy / "stakes.csv"
    rows = lines(path)
    rows[6] = rows[6].replace(",", ",Caf\u00e9 ", 1)
    path.write_bytes("\n".join(rows).encode("utf-8").replace("Caf\u00e9".encode("utf-8"), b"Caf\xe9"))  # one cp1252 byte
    message = error_of("stakes.csv")
    assert "stakes.csv, row 7: is not UTF-8 text: byte 0xE9 after “" in message and "Caf”" in message, message
    assert "“é”" in message and "CSV UTF-8" in message  # what it would be in Excel's encoding, and how to save as UTF-8


def test_a_row_with_cells_missing_names_the_columns_it_lacks(data_copy):
    path = data_copy / "stakes.csv"
    rows = lines(path)
    rows[9] = "Russia,wants,Be a player"
    write_lines(path, rows)
    message = error_of("stakes.csv")
    assert (
        "stakes.csv, row 10: has 3 cells but the header has 7: there is no cell for column(s) source, paragraph, quote, note"
        in message
    ), message
    assert "unknown source" not in message


def test_an_empty_source_cell_is_named_as_empty(data_copy):
    rewrite_csv(data_copy / "stakes.csv", lambda rows: rows[2].update(source=""))
    assert "stakes.csv, row 4: column 'source' is empty: name the source (one of 38north, rsis)" in error_of("stakes.csv")


@pytest.mark.parametrize("name", ["stakes.csv", "timeline.csv", "claims.csv", "actors.csv", "sources.csv"])
def test_a_required_data_file_with_a_header_and_no_rows(name, data_copy):
    path = data_copy / name
    write_lines(path, lines(path)[:1])
    message = error_of(name)
    assert message.startswith(f"{path.parent}".split("/data")[0].split("/")[-1]) or f"{name}: has a header but no rows" in message
    assert f"{name}: has a header but no rows" in message, message


@pytest.mark.parametrize("name", ["stakes.csv", "timeline.csv", "actors.csv"])
def test_an_empty_data_file(name, data_copy):
    (data_copy / name).write_bytes(b"")
    assert f"{name}: is empty: it needs a header row" in error_of(name)


def test_a_byte_order_mark_and_windows_line_endings_are_fine(data_copy):
    for name in ("stakes.csv", "timeline.csv"):
        path = data_copy / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert len(tables.stakes()) == len(oracle.rows("stakes.csv")) and len(tables.timeline()) == len(oracle.rows("timeline.csv"))


def test_dollar_signs_in_the_data_are_drawn_as_dollar_signs(data_copy):
    """A "$" in a CSV cell would start matplotlib's mathematics: garbled text, or a failure on "$\\undefined{$". Every
    figure draws it as written; without the guard, the same data fails (so this test can fail)."""
    import io

    import matplotlib
    from matplotlib.text import Text

    from summitkit.figures import LESSON_FIGURES, load_all, svg

    rewrite_csv(data_copy / "timeline.csv", lambda rows: [r.update(event="$\\undefined{$ " + r["event"]) for r in rows])
    rewrite_csv(data_copy / "sources.csv", lambda rows: [r.update(short=f"${r['short'] or r['outlet']}$") for r in rows])
    load_all()
    for name, figure in sorted(LESSON_FIGURES.items()):
        fig = figure.draw()
        assert svg(fig).startswith(b"<?xml"), name
        assert all(not t.get_parse_math() for t in fig.findobj(Text)), name
    from summitkit.figures import timeline

    with matplotlib.rc_context({"text.parse_math": True}), pytest.raises(ValueError):  # the same drawing without the guard
        timeline.plot.__wrapped__().savefig(io.BytesIO(), format="svg")


# ----- issue 18: messages that show the fix -------------------------------------------------------------------------------
def test_a_straight_apostrophe_where_the_text_has_a_curly_one(data_copy):
    rows = oracle.rows("stakes.csv")
    index = next(i for i, r in enumerate(rows) if "’" in r["quote"])
    quote = rows[index]["quote"]
    rewrite_csv(data_copy / "stakes.csv", lambda rs: rs[index].update(quote=quote.replace("’", "'")))
    message = error_of("stakes.csv")
    before = quote.split("’")[0][-30:]
    assert (
        f"stakes.csv, row {index + 2}: quote not found verbatim in {rows[index]['source']} ¶{rows[index]['paragraph']}."
        in message
    )
    assert (
        f"The first difference comes after “{'…' if len(quote.split('’')[0]) > 30 else ''}{before}”: the quote has a straight "
        "apostrophe (') where the text has a curly apostrophe (’)." in message
    ), message


def test_a_hyphen_where_the_text_has_a_dash_in_a_long_quote(data_copy):
    """The quote is long, the difference near its end: the message shows it, never cut away by "..."."""
    sid, number, paragraph = next(
        (s, n, p)
        for s in oracle.source_ids()
        for n, p in enumerate(oracle.paragraphs(s), start=1)
        if "—" in p and p.index("—") > 100
    )
    flat = oracle.flat(paragraph)
    at = flat.index("—")
    quote = flat[at - 100 : at + 15]
    rewrite_csv(
        data_copy / "stakes.csv", lambda rs: rs[0].update(source=sid, paragraph=str(number), quote=quote.replace("—", "-"))
    )
    message = error_of("stakes.csv")
    assert "the quote has a hyphen (-) where the text has an em dash (—)" in message, message
    assert "That is the only difference" in message and flat[at - 20 : at + 10] in message


def test_a_quote_from_another_paragraph_says_which(data_copy):
    rows = oracle.rows("stakes.csv")
    count = len(oracle.paragraphs(rows[0]["source"]))
    wrong = 1 if rows[0]["paragraph"] != "1" else 2
    rewrite_csv(data_copy / "stakes.csv", lambda rs: rs[0].update(paragraph=str(wrong)))
    message = error_of("stakes.csv")
    assert (
        f"The quote is word for word in {rows[0]['source']} ¶{rows[0]['paragraph']}, not in {rows[0]['source']} ¶{wrong}"
        in message
    ), (message, count)


def test_a_misquote_in_the_wrong_paragraph_names_the_closest_passage(data_copy):
    rows = oracle.rows("stakes.csv")
    quote = rows[0]["quote"]
    changed = quote[:-3] + quote[-3:].upper() if quote[-3:].upper() != quote[-3:] else quote + "x"
    wrong = 1 if rows[0]["paragraph"] != "1" else 2
    rewrite_csv(data_copy / "stakes.csv", lambda rs: rs[0].update(paragraph=str(wrong), quote=changed))
    message = error_of("stakes.csv")
    assert f"The closest passage is {rows[0]['source']} ¶{rows[0]['paragraph']}, not {rows[0]['source']} ¶{wrong}." in message, (
        message
    )


@pytest.mark.parametrize(
    "name,column,wrong,right",
    [
        ("stakes.csv", "actor", "Rusia", "Russia"),
        ("stakes.csv", "actor", "north korea", "North Korea"),
        ("stakes.csv", "source", "rsiss", "rsis"),
        ("stakes.csv", "kind", "want", "wants"),
        ("timeline.csv", "precision", "dya", "day"),
        ("timeline.csv", "actors", "China;Rusia", "Russia"),
        ("claims.csv", "relation", "agrees", "agree"),
    ],
)
def test_an_unknown_name_gets_the_closest_known_one(name, column, wrong, right, data_copy):
    rewrite_csv(data_copy / name, lambda rows: rows[1].update({column: wrong}))
    message = error_of(name)
    assert f"{name}, row 3:" in message and f"Did you mean “{right}”?" in message, message


def test_a_new_actor_is_one_row_in_actors_csv(data_copy):
    """The rule: every actor named in stakes.csv or timeline.csv is listed in actors.csv; the error says how to add one."""
    rewrite_csv(data_copy / "stakes.csv", lambda rows: rows[0].update(actor="Mongolia"))
    message = error_of("stakes.csv")
    assert "unknown actor “Mongolia”. The actors are listed in data/actors.csv; if “Mongolia” is a new one, add a row" in message
    with (data_copy / "actors.csv").open("a", encoding="utf-8") as handle:
        handle.write("Mongolia,\n")
    assert tables.stakes()[0].actor == "Mongolia"


def test_every_actor_in_the_data_is_listed_and_each_once():
    listed = [r["actor"] for r in oracle.rows("actors.csv")]
    named = {r["actor"] for r in oracle.rows("stakes.csv")} | {
        a.strip() for r in oracle.rows("timeline.csv") for a in r["actors"].split(";") if a.strip()
    }
    assert named <= set(listed) and len(listed) == len(set(listed))


def test_an_answer_not_among_the_options_is_named_with_the_closest_option():
    from summitkit.quiz.spec import SpecError, validate

    with pytest.raises(SpecError) as caught:
        validate(
            {
                "kind": "single",
                "id": "01-x",
                "prompt": "Which?",
                "options": ["38 North", "RSIS Commentaries"],
                "answer": "RSIS Commentary",
            }
        )
    message = str(caught.value)
    assert "“RSIS Commentary” is not one of them. Did you mean “RSIS Commentaries”?" in message, message
    with pytest.raises(SpecError, match="“Eurasia” is not one of them"):
        validate(
            {"kind": "multiple", "id": "01-x", "prompt": "Which?", "options": ["38 North", "RSIS"], "answer": ["RSIS", "Eurasia"]}
        )
    with pytest.raises(SpecError, match="“Chna” is not one of them. Did you mean “China”"):
        validate(
            {
                "kind": "categorize",
                "id": "01-x",
                "prompt": "Whose?",
                "categories": ["China", "Russia"],
                "items": {"a": "Chna", "b": "Russia"},
            }
        )


# ----- question ids ---------------------------------------------------------------------------------------------------------
def _course(tmp_path):
    shutil.copytree(ROOT / "solutions", tmp_path / "solutions")
    return tmp_path


def _edit_declaration(path, old_id: str, new_id: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert f'\\"{old_id}\\"' in text, old_id
    path.write_text(text.replace(f'\\"{old_id}\\"', f'\\"{new_id}\\"', 1), encoding="utf-8")


@pytest.mark.parametrize(
    "new_id,words",
    [
        (
            "my question",
            "'my question' is not of the form NN-words (the lesson number, a hyphen, then lower-case letters, digits "
            "and single hyphens); write it like '02-my-question'",
        ),
        (
            "03-order",
            "'03-order' starts with 03, but it is declared in lesson 02's notebook: an id starts with its lesson's number; "
            "write it like '02-order'",
        ),
        ("02-Order", "write it like '02-order'"),
    ],
)
def test_question_ids_that_break_the_rules_are_refused_with_a_valid_one(new_id, words, tmp_path):
    root = _course(tmp_path)
    _edit_declaration(root / "solutions" / "02_timeline.ipynb", "02-order", new_id)
    for run in (lambda: builder.build(root), lambda: builder.declared_specs(root)):
        with pytest.raises(BuildError) as caught:
            run()
        assert "solutions/02_timeline.ipynb, cell" in str(caught.value) and words in str(caught.value), str(caught.value)
    assert not (root / "exercises").exists()  # nothing written


def test_one_id_in_two_solution_notebooks_is_refused_everywhere(tmp_path):
    root = _course(tmp_path)
    other = root / "solutions" / "02_timeline.ipynb"
    text = other.read_text(encoding="utf-8")
    other.write_text(text.replace('\\"02-order\\"', '\\"02-earliest\\"', 1), encoding="utf-8")  # twice in one notebook
    with pytest.raises(BuildError, match="question id '02-earliest' is already used in cell"):
        builder.declared_specs(root)
    with pytest.raises(BuildError, match="02-earliest"):
        builder.build(root)


def test_two_banks_holding_one_id_are_refused(data_copy):
    from summitkit.quiz import bank

    folder = data_copy / "questions"
    first = json.loads((folder / "02_timeline.json").read_text(encoding="utf-8"))
    copy = {"_generated": "x", "questions": [first["questions"][0]]}
    (folder / "09_extra.json").write_text(json.dumps(copy), encoding="utf-8")
    with pytest.raises(CourseDataError, match=rf"question id '{first['questions'][0]['id']}' is also in 02_timeline.json"):
        bank.entries()


def test_every_question_id_of_the_course_follows_the_rules():
    for path in builder.solution_notebooks(ROOT):
        for qid in builder.declared_questions(path):
            assert builder.id_problem(qid, builder.lesson_number(path.name)) == ""


# ----- hostile text in every cell, any bytes as a row ------------------------------------------------------------------------
FREE_TEXT = {
    "timeline.csv": ("event", "note", "id", "date", "actors", "paragraph"),
    "stakes.csv": ("stake", "note", "actor", "kind"),
    "claims.csv": ("explanation", "topic", "id", "relation"),
    "sources.csv": ("outlet", "short", "genre", "title", "date", "id"),
    "actors.csv": ("actor", "note"),
}
SAMPLE = [
    name
    for name in texts()
    if name not in ("long-1mb", "long-digits")  # what a UTF-8 file can hold (no lone surrogate)
    and not re.search("[\ud800-\udfff]", texts()[name])
][::3]


def _loads_or_says_where(name: str) -> None:
    try:
        for loader in LOADERS.values():
            loader()
    except CourseDataError as exc:
        assert re.match(r"[^:]*\w+\.(csv|md)(, (row|line) \d+)?: \S", str(exc)), str(exc)


@pytest.mark.parametrize("name", list(FREE_TEXT))
def test_hostile_text_in_every_cell_loads_or_is_named(name, data_copy):
    path = data_copy / name
    original = path.read_bytes()
    for column in FREE_TEXT[name]:
        for hostile in SAMPLE:
            path.write_bytes(original)
            rewrite_csv(path, lambda rows, column=column, hostile=hostile: rows[0].update({column: HOSTILE[hostile]}))
            _loads_or_says_where(name)
    path.write_bytes(original)


@given(extra=st.binary(max_size=120))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_any_bytes_as_a_last_row(extra, data_copy):
    original = ROOT / "data" / "stakes.csv"
    last = len(original.read_text(encoding="utf-8").splitlines()) + 1  # the row the bytes start on
    path = data_copy / "stakes.csv"
    text = (ROOT / "data" / "stakes.csv").read_bytes()
    path.write_bytes(text + extra)
    try:
        tables.stakes()
    except CourseDataError as exc:
        match = re.match(r"[^:]*stakes\.csv(, row (\d+))?: \S", str(exc))
        assert match, str(exc)
        if match.group(2):
            assert int(match.group(2)) >= last, str(exc)  # the row of the bytes, not an earlier one
