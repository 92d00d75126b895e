"""Print every question's key beside the paragraphs it rests on, for the fact-check's reading of keys (docs/fact-check.md).

    .venv/bin/python tools/review_keys.py            every question, lesson by lesson
    .venv/bin/python tools/review_keys.py 03 04-who  only the ids that start with these
    .venv/bin/python tools/review_keys.py --labels   the timeline's event labels against each source's rows

For each question: its prompt, options or items, the key (as the answer key prints it), feedback, hints and
explanation, then the full text of every paragraph the question cites or names, from both texts. A reviewer reads
it with the checklist in docs/fact-check.md: does a defensible answer lose credit, does the other text's answer
earn it, is every judgement marked as the course's reading. The script judges nothing itself.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from summitkit.analysis import timeline  # noqa: E402
from summitkit.citations import find_citations  # noqa: E402
from summitkit.quiz import kinds  # noqa: E402
from summitkit.quiz.build import declared_specs  # noqa: E402
from summitkit.sources import load_text, short_name  # noqa: E402


def _paragraph(source: str, number: int) -> str:
    paragraphs = load_text(source).paragraphs
    return paragraphs[number - 1] if 0 < number <= len(paragraphs) else "(no such paragraph)"


def keys(prefixes: list[str]) -> str:
    """The review text of every question whose id starts with one of ``prefixes`` (all when empty)."""
    out = []
    for qid, spec in declared_specs(ROOT).items():
        if prefixes and not any(qid.startswith(p) for p in prefixes):
            continue
        kind = kinds.get(spec["kind"], qid)
        fields = {k: v for k, v in spec.items() if k not in ("id", "kind", "prompt", "value")}
        out.append(f"=== {qid} ({spec['kind']}) ===\n{spec['prompt']}\nKEY: {kind.answer_text(spec)}")
        out.append(json.dumps(fields, ensure_ascii=False, indent=1))
        cited = {(c.source, c.paragraph) for c in find_citations(json.dumps(spec, ensure_ascii=False))}
        for source, number in sorted(cited):
            out.append(f"--- {source} ¶{number}: {_paragraph(source, number)}")
        out.append("")
    return "\n".join(out)


def labels() -> str:
    """Every timeline event named by more than one row: its label, then each row's description, quote and paragraph."""
    out = []
    for event in timeline.events():
        if len(event.rows) < 2:
            continue
        out.append(f"=== {event.id}: {event.label}")
        for row in event.rows:
            out.append(f"  {short_name(row.source)} ¶{row.paragraph}: {row.event} | “{row.quote}”")
            out.append(f"    {_paragraph(row.source, row.paragraph)}")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    if "--labels" in argv:
        print(labels())
    else:
        print(keys([a for a in argv if not a.startswith("-")]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
