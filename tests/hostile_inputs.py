"""Hostile and odd inputs, named, and hypothesis strategies that make more: the one source for the
hostile-input suite (``tests/unit/test_hostile_inputs.py``: readers, store, headless checks;
``tests/integration/test_hostile_widgets.py``: every question kind through its widget, the essay box, the scorecard;
``tests/unit/test_hostile_data.py``: the data loaders), and the checks they share (:func:`plain`, :func:`kept_form`).

Each input has a short name (a test id) and a category. :data:`HOSTILE` maps name -> value;
:data:`CATEGORY` maps name -> category; :func:`texts` gives only the string inputs.
"""

from __future__ import annotations

import json
import unicodedata
from decimal import Decimal
from fractions import Fraction

import numpy as np
from hypothesis import strategies as st

from summitkit import progress


class _BrokenStr:
    """A value whose ``str()`` raises, as a learner's own class might."""

    def __str__(self) -> str:
        raise RuntimeError("no text for you")

    __repr__ = __str__


def _self_list() -> list:
    loop: list = []
    loop.append(loop)
    return loop


_NAMED: dict[str, dict[str, object]] = {
    "encoding": {
        "lone-high-surrogate": "\ud800",
        "lone-low-surrogate": "\udfff",
        "surrogate-in-text": "rsis \ud83d ¶3",
        "split-emoji-pair": "\ud83d\ude00",
        "surrogateescape-bytes": b"\xff\xfe".decode("utf-8", "surrogateescape"),
        "non-utf8-bytes": b"\xff\xfe\x00 not utf-8",
        "latin1-bytes": "Café 17".encode("latin-1"),
        "bom-text": "\ufeff2019-04-25",
        "null-byte": "17\x00",
        "only-nul": "\x00",
        "control-chars": "\x07\x08\x1b[31m17",
    },
    "bidi": {
        "rlo-override": "\u202e2019-04-25\u202c",
        "rlm-in-number": "1\u200f7",
        "lrm-before-date": "\u200e25 April 2019",
        "isolate": "\u206617\u2069",
        "arabic-letter-mark": "\u061c17",
        "rlo-markup": "\u202e<b>evil</b>\u202c",
    },
    "zero-width": {
        "zwsp-in-number": "1\u200b7",
        "zwsp-in-date": "2019\u200b-04-25",
        "soft-hyphen": "1\u00ad7",
        "zwj": "1\u200d7",
        "word-joiner": "25\u2060April 2019",
        "only-invisible": "\u200b\u200c\u200d",
        "long-zwsp": "\u200b" * 10_000 + "17",
    },
    "digits": {
        "fullwidth-17": "１７",
        "fullwidth-date": "２０１９－０４－２５",
        "arabic-indic": "١٧",
        "devanagari": "१७",
        "circled": "⑰",
        "superscript": "10²",
        "math-bold": "𝟏𝟕",
    },
    "signs": {
        "unicode-minus": "−17",
        "en-dash-minus": "–17",
        "fullwidth-minus": "－17",
        "plus": "+17",
        "double-minus": "--17",
    },
    "number-forms": {
        "decimal-comma": "1,5",
        "thousands-comma": "1,017",
        "european": "1.234,5",
        "english": "1,234.5",
        "space-groups": "1 234",
        "nbsp-groups": "1\u00a0234",
        "narrow-nbsp-groups": "1\u202f234",
        "swiss": "1'234",
        "indian": "1,00,000",
        "unclear-commas": "1,2,3",
        "scientific": "1.7e1",
        "times-ten": "1.7×10^1",
        "word-five": "five",
        "word-compound": "twenty-one",
        "percent": "17%",
        "with-unit": "17 paragraphs",
        "range": "10-20",
        "leading-dot": ".5",
        "trailing-dot": "17.",
    },
    "huge": {
        "huge-digits": "9" * 400,
        "huge-exponent": "1e400",
        "tiny-exponent": "1e-400",
        "nan-text": "NaN",
        "inf-text": "inf",
        "minus-infinity-text": "-Infinity",
        "huge-int": 10**400,
        "int-too-long-for-str": 10**5000,
        "float-nan": float("nan"),
        "float-inf": float("inf"),
        "negative-zero": -0.0,
        "max-float": 1.7976931348623157e308,
        "beyond-exact": 2**53 + 1,
    },
    "long": {
        "long-1mb": "x" * 1_000_000,
        "long-digits": "1" * 100_000,
        "many-lines": "17\n" * 1000,
        "long-word-number": "one hundred and " * 500,
    },
    "markup": {
        "script": "<script>alert(1)</script>",
        "img-onerror": "<img src=x onerror=alert(1)>",
        "entity": "&lt;b&gt; &amp; &#x3c;",
        "svg-onload": "<svg onload=alert(1)>",
        "iframe": "<iframe src=javascript:alert(1)>",
        "markdown-link": "[click](javascript:alert(1))",
        "javascript-url": "javascript:alert(1)",
        "style-tag": "<style>*{display:none}</style>",
        "attribute-break": '"\' onmouseover=alert(1) x="',
        "comment": "<!-- 17 -->",
    },
    "mathtext": {
        "mathtext-frac": "$\\frac{1}{0}$",
        "dollar-amount": "$17",
        "mathtext-broken": "$\\undefined{$",
        "latex-inline": "\\(x^2\\)",
    },
    "dates": {
        "iso": "2019-04-25",
        "day-month-slash": "25/4/2019",
        "month-day-slash": "4/25/2019",
        "ambiguous-order": "04/05/2019",
        "dotted": "25.04.2019",
        "written": "25 April 2019",
        "weekday": "Thursday, 25 April 2019",
        "wrong-weekday": "Friday, 25 April 2019",
        "us-written": "April 25th, 2019",
        "no-year": "18 April",
        "short-year": "25/4/19",
        "impossible-day": "2019-02-30",
        "not-leap": "2019-02-29",
        "month-13": "2019-13-01",
        "year-0": "0000-01-01",
        "korean": "2019년 4월 25일",
        "russian": "25 апреля 2019",
        "iso-with-time": "2019-04-25T10:00:00Z",
        "relative": "next Tuesday",
        "year-only": "2019",
        "month-year": "May 2018",
    },
    "blank": {
        "empty": "",
        "space": " ",
        "tabs-newlines": "\t\n\r",
        "nbsp-only": "\u00a0",
        "ideographic-space": "\u3000",
    },
    "types": {
        "none": None,
        "ellipsis": ...,
        "true": True,
        "false": False,
        "zero": 0,
        "list": [1, 2],
        "nested-list": [[["deep"]]],
        "dict": {"a": 1},
        "empty-list": [],
        "empty-dict": {},
        "tuple": (1,),
        "set": {1},
        "complex": 1j,
        "numpy-int": np.int64(13),
        "numpy-float": np.float64(1.5),
        "numpy-bool": np.True_,
        "numpy-array": np.array([1, 2]),
        "numpy-0d": np.array(5),
        "fraction": Fraction(1, 3),
        "decimal": Decimal("17"),
        "decimal-nan": Decimal("NaN"),
        "function": len,
        "plain-object": object(),
        "broken-str": _BrokenStr(),
        "self-list": _self_list(),
        "bytes-digits": b"17",
    },
    "text": {
        "citation": "rsis ¶2",
        "citation-words": "rsis para 2",
        "flags": "🇰🇵🇷🇺",
        "combining": "e\u0301" * 50,
        "rtl-text": "مرحبا 17",
        "zalgo": "Z̷̧̛a̶l̸g̷o̵",
        "sql": "'; DROP TABLE answers; --",
        "format-string": "{0} %s %n {__class__}",
        "path": "../../etc/passwd",
        "json-text": '{"answer": 17}',
        "hangul": "블라디보스토크 정상회담",
        "cyrillic": "Владивосток, 25 апреля",
    },
}

HOSTILE: dict[str, object] = {name: value for group in _NAMED.values() for name, value in group.items()}
CATEGORY: dict[str, str] = {name: category for category, group in _NAMED.items() for name in group}


def texts() -> dict[str, str]:
    """The named inputs that are text (what a learner can type or paste)."""
    return {name: value for name, value in HOSTILE.items() if isinstance(value, str)}


# ----- strategies ---------------------------------------------------------------------------
INVISIBLES = "\u200b\u200c\u200d\u2060\u00ad\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\x00\x07"
MONTHS = (
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
)

#: Any character, lone surrogates and invisible characters made likely.
characters = st.one_of(
    st.characters(), st.characters(categories=["Cs"]), st.sampled_from(INVISIBLES), st.sampled_from("0123456789.,-−+e/ ")
)
#: Any text, as a learner might paste it.
hostile_text = st.one_of(st.text(characters, max_size=60), st.sampled_from(sorted(texts().values(), key=len)[:150]))
#: JSON-shaped values with hostile text inside (what a saved record can hold).
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | hostile_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(hostile_text, inner, max_size=4),
    max_leaves=12,
)


@st.composite
def sprinkled(draw, text: str) -> str:
    """``text`` with invisible characters put in at random places."""
    out = list(text)
    for _ in range(draw(st.integers(1, 3))):
        out.insert(draw(st.integers(0, len(out))), draw(st.sampled_from(INVISIBLES)))
    return "".join(out)


def date_forms(day) -> dict[str, str]:
    """One date written in the forms learners use (the dotted and slashed forms day first)."""
    month = MONTHS[day.month - 1]
    weekday = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[day.weekday()]
    return {
        "iso": day.isoformat(),
        "slash-ymd": f"{day.year}/{day.month}/{day.day}",
        "written": f"{day.day} {month} {day.year}",
        "us-written": f"{month} {day.day}, {day.year}",
        "ordinal": f"the {day.day}th of {month}, {day.year}",
        "abbreviated": f"{day.day} {month[:3]}. {day.year}",
        "weekday": f"{weekday}, {day.day} {month} {day.year}",
        "dotted": f"{day.day:02d}.{day.month:02d}.{day.year}",
        "korean": f"{day.year}년 {day.month}월 {day.day}일",
    }


# ----- checks the hostile tests share ----------------------------------------------------------
def plain(message: object) -> list[str]:
    """What is wrong with a message meant for a learner ([] if nothing): it must be text, short enough,
    with no control, invisible, direction-changing or broken (surrogate) characters."""
    if not isinstance(message, str):
        return [f"message is {type(message).__name__}, not text"]
    problems = []
    odd = sorted({f"U+{ord(c):04X}" for c in message if unicodedata.category(c) in ("Cc", "Cf", "Cs")})
    if odd:
        problems.append(f"message holds invisible or broken characters {', '.join(odd[:4])}")
    if len(message) > 700:
        problems.append(f"message is {len(message)} characters long")
    return problems


def same(a: object, b: object) -> bool:
    """Equal, with NaN equal to NaN."""
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def kept_form(value: object) -> object:
    """What the store promises to give back: the documented form, as JSON gives it back."""
    return json.loads(json.dumps(progress.storable(value)))


def widget_inputs(spec: dict) -> dict[str, object]:
    """What a learner can give a question through its widget: any text where they type (date, number, the
    written answer), any value where they compute (code), and the controls' own values where they pick."""
    kind = spec["kind"]
    if kind == "code":
        return dict(HOSTILE)
    if kind in ("date", "number", "written"):
        return texts()
    if kind in ("single", "evidence"):
        return {"nothing": None, **{f"option-{i}": o for i, o in enumerate(spec["options"])}}
    if kind == "multiple":
        options = spec["options"]
        return {"none-ticked": [], "all-ticked": list(options), **{f"only-{i}": [o] for i, o in enumerate(options)}}
    if kind == "order":
        items = spec["items"]
        return {"untouched": [], "shuffled": list(spec["shuffled"]), "reversed": items[::-1], "right": list(items)}
    if kind == "justify":  # a choice, a paragraph from the menu, and any text typed in the two boxes
        evidence = {"choice": spec["options"][-1], "paragraph": spec["paragraphs"][0]}
        return {
            "nothing": None,
            **{f"typed-{name}": {**evidence, "quote": text, "reason": text} for name, text in texts().items()},
            **{f"option-{i}": {**evidence, "choice": o} for i, o in enumerate(spec["options"])},
        }
    lefts = spec.get("lefts") or spec.get("item_list")
    choices = spec.get("choices") or spec.get("categories")
    return {
        "none-chosen": {},
        **{f"all-{i}": dict.fromkeys(lefts, c) for i, c in enumerate(choices)},
        "first-only": {lefts[0]: choices[0]},
    }


def shaped(spec: dict, value: object) -> object:
    """``value`` in the shape the kind's widget gives (the written answer is its text and its ticks)."""
    if spec["kind"] == "written":
        return {"text": value, "rubric": [True] * len(spec["rubric"])}
    return value
