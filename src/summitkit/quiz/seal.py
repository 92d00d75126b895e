"""Sealing answers so that student files hold none in plain text.

This stops a learner from reading an answer by glancing at a notebook or a data file.
It is not encryption against someone who reads this code: the key is derived from the
question id, so anyone determined can unseal it. The README says so.

>>> unseal("q1", seal("q1", {"answer": "RSIS"}))
{'answer': 'RSIS'}
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib

_PEPPER = b"summitkit/vladivostok-2019/v1"


def _keystream(question_id: str, length: int) -> bytes:
    out = bytearray()
    counter = 0
    seed = hashlib.sha256(_PEPPER + question_id.encode("utf-8")).digest()
    while len(out) < length:
        out += hashlib.sha256(seed + counter.to_bytes(8, "big")).digest()
        counter += 1
    return bytes(out[:length])


def seal(question_id: str, secret: object) -> str:
    """The secret (any JSON value) as an opaque printable string tied to the question id."""
    raw = zlib.compress(json.dumps(secret, ensure_ascii=False, sort_keys=True).encode("utf-8"), 9)
    mixed = bytes(a ^ b for a, b in zip(raw, _keystream(question_id, len(raw))))
    return base64.b64encode(mixed).decode("ascii")


def unseal(question_id: str, sealed: str) -> object:
    """The secret back; ValueError if the string was not sealed for this question."""
    try:
        mixed = base64.b64decode(sealed.encode("ascii"), validate=True)
        raw = bytes(a ^ b for a, b in zip(mixed, _keystream(question_id, len(mixed))))
        return json.loads(zlib.decompress(raw).decode("utf-8"))
    except (ValueError, zlib.error, UnicodeError) as exc:
        raise ValueError(
            f"the sealed answer of question {question_id!r} is damaged; rebuild with 'python3 run.py build'"
        ) from exc
