"""Simple measures of a text, explained for readers who do not program.

Every function takes the texts themselves (a dict ``{name: text}``), so it works on the
course's sources, on any number of them, or on a made-up example; ``source_texts()``
gives the course's sources in that form.

- **words**: pieces of text between spaces, punctuation stripped (``Kim’s`` is one word).
- **sentences**: pieces ending in ``.``, ``?`` or ``!`` followed by a space and a capital letter or a quote.
- **mean sentence length**: words divided by sentences; long sentences often mean dense, qualified argument.
- **distinctive words**: words one text uses much more often, per word written, than the others do.
- **quotations**: what a text puts inside curly quotation marks “ ”, i.e. other people's words it reports.

Each measure is evidence to weigh, not a verdict: a count says *what* is on the page, never *why*.

>>> words("Kim’s first visit to Russia was supposed to take place much earlier.")
['kim’s', 'first', 'visit', 'to', 'russia', 'was', 'supposed', 'to', 'take', 'place', 'much', 'earlier']
>>> len(sentences("Putin left. Kim stayed! Why? Nobody said “so”."))
4
>>> quotations("Putin said “no”, then “maybe”.")
['no', 'maybe']
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from summitkit.citations import Citation
from summitkit.sources import load_text, source_ids

_WORD = re.compile(r"[^\W_]+(?:[’'\-][^\W_]+)*")
_SENTENCE_END = re.compile(r"([.!?][”’\")\]]*)\s+(?=[“\"(‘A-Z0-9])")
_QUOTE = re.compile(r"“([^”]*)”")

# Very common words that say little about what a text is about. Kept short and visible on purpose:
# a teacher can read it, and a class can argue about what belongs in it.
STOP_WORDS = frozenset(
    """
a about above after again against all also although am an and any are as at be because been before being below between
both but by can could did do does doing down during each even few for from further had has have having he her here hers
him his how however i if in into is it its itself just let may me might more most much must my no nor not now of off on
once only or other our ours out over own per same shall she should since so some such than that the their theirs them then
there these they this those though through thus to too under until up upon very was we were what when where whether which
while who whom whose why will with within without would yet you your
""".split()
)


def words(text: str) -> list[str]:
    """The words of a text, in lower case, punctuation stripped; ``Kim’s`` and ``Six-Party`` stay whole.

    >>> words("Six-Party Talks (2003–2009): “complete denuclearisation”!")
    ['six-party', 'talks', '2003', '2009', 'complete', 'denuclearisation']
    """
    return _WORD.findall(text.casefold())


def sentences(text: str) -> list[str]:
    """The sentences of a text: split after ``.``, ``?`` or ``!`` where the next one begins.

    >>> sentences("He left for Beijing. Kim stayed on (briefly). “Why?” Nobody knows.")
    ['He left for Beijing.', 'Kim stayed on (briefly).', '“Why?”', 'Nobody knows.']
    """
    flat = " ".join(text.split())
    return [s for s in _SENTENCE_END.sub("\\1\n", flat).split("\n") if s.strip()]


def quotations(text: str) -> list[str]:
    """What a text puts inside curly quotation marks “ ”, in order.

    >>> quotations("a jab at South Korea’s “shortage of sovereignty.” and “strategic partnership.”")
    ['shortage of sovereignty.', 'strategic partnership.']
    """
    return _QUOTE.findall(text)


@dataclass(frozen=True)
class Measures:
    """The simple measures of one text."""

    words: int
    sentences: int
    quotations: int
    quoted_words: int

    @property
    def mean_sentence_length(self) -> float:
        """Words per sentence (0 for an empty text)."""
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def quoted_share(self) -> float:
        """The share of the text's words that stand inside quotation marks (0 to 1)."""
        return self.quoted_words / self.words if self.words else 0.0


def measure(text: str) -> Measures:
    """Words, sentences and quotations of one text.

    >>> m = measure("Putin spoke. He said “security guarantees” were needed.")
    >>> m.words, m.sentences, m.mean_sentence_length, m.quotations, m.quoted_words
    (8, 2, 4.0, 1, 2)
    """
    quoted = quotations(text)
    return Measures(len(words(text)), len(sentences(text)), len(quoted), sum(len(words(q)) for q in quoted))


def measures(texts: dict[str, str]) -> dict[str, Measures]:
    """:func:`measure` for each text."""
    return {name: measure(text) for name, text in texts.items()}


@dataclass(frozen=True)
class Distinctive:
    """A word one text uses more than the others: counts, rates and the smoothed ratio."""

    word: str
    count: int  # times in this text
    others: int  # times in all the other texts together
    ratio: float  # how many times more often, per word written, after adding one to each count


def distinctive_words(texts: dict[str, str], top: int = 10, min_count: int = 3) -> dict[str, list[Distinctive]]:
    """For each text, the words it uses most often *compared with the other texts*.

    For a word, its rate in a text is (times used + 1) / (words in the text + size of the vocabulary);
    its rate in the others is worked out the same way over all the other texts together.
    The ratio of the two rates says how many times more often this text uses the word.
    Adding one to every count ("smoothing") keeps a word used once here and never elsewhere
    from looking infinitely distinctive. Stop words (``the``, ``and``...) and words used fewer
    than ``min_count`` times in the text are left out. Ties are broken by count, then alphabetically.
    The work grows with the total number of words, not with its square.

    >>> toy = {"a": "sanctions sanctions sanctions relief talks", "b": "talks talks talks summit summit summit"}
    >>> [(d.word, d.count, d.others) for d in distinctive_words(toy, top=2)["a"]]
    [('sanctions', 3, 0)]
    >>> [d.word for d in distinctive_words(toy, top=2)["b"]]
    ['summit', 'talks']
    """
    counters = {name: Counter(w for w in words(text) if w not in STOP_WORDS and not w.isdigit()) for name, text in texts.items()}
    everything: Counter[str] = Counter()
    for counter in counters.values():
        everything.update(counter)
    vocabulary = len(everything)
    grand = sum(everything.values())
    out: dict[str, list[Distinctive]] = {}
    for name, counter in counters.items():
        size = sum(counter.values())
        rest = grand - size
        found = []
        for word, count in counter.items():
            if count < min_count:
                continue
            others = everything[word] - count
            ratio = ((count + 1) / (size + vocabulary)) / ((others + 1) / (rest + vocabulary))
            if ratio > 1:
                found.append(Distinctive(word, count, others, round(ratio, 2)))
        found.sort(key=lambda d: (-d.ratio, -d.count, d.word))
        out[name] = found[:top]
    return out


def log_ratio(d: Distinctive) -> float:
    """The ratio on a doubling scale: 1 means twice as often, 2 four times as often.

    >>> log_ratio(Distinctive("x", 3, 0, 4.0))
    2.0
    """
    return math.log2(d.ratio)


# Words with which an author signals doubt or a guess ("hedges"). "may" counts as the modal verb; the month is
# left out: "May" followed by a year (38 North's "May 2015", "May 2018"; RSIS never writes the month), see ``_MONTH``.
HEDGES = ("seems", "seem", "probably", "apparently", "may", "might", "likely", "unlikely", "possibly", "perhaps")
#: "May" the month, as the texts write it: a capital M and a year after it. Left out before hedges are counted.
_MONTH = re.compile(r"\bMay(?=\s+\d{4}\b)")


def without_month(text: str) -> str:
    """The text with every "May" followed by a year removed, so that "may" counts only the modal verb.

    >>> without_month("in May 2015 the Kremlin expected him; he may come in May")
    'in  2015 the Kremlin expected him; he may come in May'

    A "May" with no year after it stays (a sentence may open with the verb); neither text has such a month.
    """
    return _MONTH.sub("", text)


def unquoted(text: str) -> str:
    """The text without what it puts inside “ ”, i.e. only the author's own words.

    >>> unquoted("He said “it is unlikely” and left.")
    'He said   and left.'
    """
    return _QUOTE.sub(" ", text)


def term_rates(
    texts: dict[str, str], terms: tuple[str, ...] = HEDGES, own_words_only: bool = True
) -> dict[str, tuple[Counter, float]]:
    """For each text: how often each of ``terms`` occurs, and all of them together per 1,000 words.

    With ``own_words_only`` the quotations are left out, so a hedge in a quoted remark is not counted as the author's.
    "May" followed by a year is the month and is never counted (:func:`without_month`).

    >>> found = term_rates({"a": "It seems likely. He said “probably”.", "b": "It is so."})
    >>> dict(found["a"][0]), round(found["a"][1]), found["b"][1]
    ({'seems': 1, 'likely': 1}, 400, 0.0)
    """
    wanted = {t.casefold() for t in terms}
    out = {}
    for name, text in texts.items():
        own = words(without_month(unquoted(text) if own_words_only else text))
        found = Counter(w for w in own if w in wanted)
        out[name] = (found, 1000 * sum(found.values()) / len(own) if own else 0.0)
    return out


def source_texts() -> dict[str, str]:
    """The course's sources as ``{id: text}``: the paragraphs only (title and headings left out)."""
    return {sid: "\n\n".join(load_text(sid).paragraphs) for sid in source_ids()}


def quotations_by_paragraph(source_id: str) -> list[tuple[str, str]]:
    """(citation, quoted words) for every quotation in a source."""
    return [
        (str(Citation(source_id, n)), q)
        for n, para in enumerate(load_text(source_id).paragraphs, start=1)
        for q in quotations(para)
    ]
