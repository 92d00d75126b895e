"""Property tests: answer normalisation and sealing."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from summitkit.quiz.normalize import normalize_text, parse_date, parse_number
from summitkit.quiz.seal import seal, unseal

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@given(st.text(min_size=1, max_size=40), json_values)
def test_seal_round_trips_and_hides_text(qid, secret):
    sealed = seal(qid, secret)
    assert unseal(qid, sealed) == secret
    assert sealed.isascii()
    if isinstance(secret, str) and len(secret) >= 8:
        assert secret not in sealed


@given(st.text(min_size=1, max_size=20), st.text(min_size=1, max_size=20))
def test_seal_is_tied_to_the_question(a, b):
    sealed = seal(a, {"answer": "RSIS"})
    if a != b:
        try:
            assert unseal(b, sealed) != {"answer": "RSIS"}
        except ValueError:
            pass


@given(st.text())
@settings(max_examples=300)
def test_normalisation_is_idempotent_and_total(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert once == once.strip()


# Letters whose upper and lower case fold to the same letter (Latin with accents, Cyrillic), digits and spaces.
CASED = "abcdefghijklmnopqrstuvwxyzéèêëüöäñçåøæœß" + "абвгдеёжзийклмнопрстуфхцчшщъыьэюя" + "0123456789"
SPACES = " \t\n\u00a0\u3000"


@given(st.text(alphabet=CASED + CASED.upper() + SPACES))
def test_case_and_spacing_do_not_matter(text):
    """Upper and lower case, and runs of any white space, read the same (so 'Putin' and 'ПУТИН  ' match their twins)."""
    lower, upper = text.lower(), text.upper()
    assert upper != lower or not any(c.isalpha() for c in text)  # the two sides really differ in case
    spaced = "  \t".join(lower.split())
    assert normalize_text(f"  {upper}  ") == normalize_text(spaced) == normalize_text(" ".join(text.split()).lower())


@given(st.text(max_size=30))
def test_curly_quotes_and_dashes_read_as_plain_ones(text):
    curly = f"“{text}” ‘x’ – —"
    assert normalize_text(curly) == normalize_text(f"\"{text}\" 'x' - -")


@given(st.text())
@settings(max_examples=300)
def test_parsers_never_raise(text):
    parse_number(text)
    result = parse_date(text)
    assert result is None or (1 <= (result[1] or 1) <= 12)


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_iso_and_written_dates_agree(day):
    """Every four-digit-year date (no example is dropped: the strategy draws only those)."""
    assert parse_date(day.isoformat()) == (day.year, day.month, day.day)
    assert parse_date(f"{day.day} {MONTHS[day.month - 1]} {day.year}") == (day.year, day.month, day.day)
    assert parse_date(f"{MONTHS[day.month - 1]} {day.day}, {day.year}") == (day.year, day.month, day.day)


@given(st.dates(max_value=dt.date(999, 12, 31)))
def test_a_written_date_needs_a_four_digit_year(day):
    """Years before 1000 are not read from written dates (a course about 2019 wants a four-digit year)."""
    assert parse_date(f"{day.day} {MONTHS[day.month - 1]} {day.year}") is None


@given(st.integers(min_value=-(10**9), max_value=10**9))
def test_numbers_with_thousands_commas(n):
    assert parse_number(f"{n:,}") == float(n)
