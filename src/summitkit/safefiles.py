"""Reading a learner's or a teacher's file safely: regular files only, bounded, never blocking.

A file in a class folder or a progress folder may be anything a classmate or a careless copy left there:
a named pipe (reading it waits forever), a device (``/dev/zero`` never ends), a socket, a folder, or a
link to someone else's file. :func:`read_regular` refuses all of them with one sentence, without
blocking, and reads at most ``limit`` bytes, so nothing hangs and nothing fills the memory.

A link is followed only to a regular file that the same user owns (where the system has owners), so a
kernel that runs as root (a container, Binder's build, a laptop lab as root) never reads, renames or
replaces another user's file through a link planted in a shared folder.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> (folder / "a.json").write_text("{}")
    2
    >>> read_regular(folder / "a.json", 10)
    b'{}'
    >>> try:
    ...     read_regular(folder, 10)
    ... except NotARegularFile as exc:
    ...     print(str(exc).endswith("is a folder, not a file."))
    True
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

#: Bytes of one learner's progress file or export read at most (a whole course's answers are < 1 MB).
LEARNER_FILE_LIMIT = 8 * 1024 * 1024
#: Bytes of one export the grader reads at most (``exports.MAX_BYTES``); the learner's side never writes a larger one.
EXPORT_LIMIT = 10 * 2**20


class NotARegularFile(OSError):
    """The path is a pipe, device, socket, folder, a link to one, or a link to another user's file.

    ``str()`` is the sentence; ``filename`` the path refused (when given).
    """

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        super().__init__(message)
        if path is not None:
            self.filename = str(path)

    def __str__(self) -> str:
        return str(self.args[0])


class FileTooLarge(OSError):
    """The file is larger than the limit its reader sets."""


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of(mode: int) -> str:
    """In words, what a file of this ``st_mode`` is ("a named pipe", "a folder", "a regular file", ...)."""
    for test, words in _KINDS:
        if test(mode):
            return words
    return "a regular file" if stat.S_ISREG(mode) else "not a regular file"


def owned(info: os.stat_result) -> bool:
    """True where the system has no owners, or the file (as ``stat`` gave it) belongs to whoever runs this."""
    geteuid = getattr(os, "geteuid", None)
    return geteuid is None or info.st_uid == geteuid()


def refusal(path: Path) -> str | None:
    """Why ``path`` is not to be read or replaced (one sentence), or None for a regular file this user may use.

    Never blocks: only ``lstat``/``stat`` are called. A missing path, or a link to a missing file, gives None (its
    reader says "missing").
    """
    path = Path(path)
    try:
        link = path.lstat()
    except OSError:
        return None
    try:
        info = path.stat()
    except FileNotFoundError:
        return None  # a link to a file not made yet: its reader says "missing", its writer creates the file
    except OSError as exc:
        if not stat.S_ISLNK(link.st_mode):
            return None
        if exc.errno == errno.ELOOP:
            return f"{path} is a link that leads round in a circle."
        return f"{path} is a link to nothing that can be read."
    if not stat.S_ISREG(info.st_mode):
        via = " (through a link)" if stat.S_ISLNK(link.st_mode) else ""
        return f"{path} is {kind_of(info.st_mode)}{via}, not a file."
    if stat.S_ISLNK(link.st_mode) and not owned(info):
        return f"{path} is a link to a file that belongs to someone else, so it is not read or changed."
    return None


def read_regular(path: Path, limit: int = LEARNER_FILE_LIMIT) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them.

    Raises :class:`NotARegularFile` (with a sentence) for anything that is not a regular file this user may
    read, :class:`FileTooLarge` past ``limit`` bytes, and the usual ``OSError`` (missing, no permission).
    The file is opened without blocking and checked again once open, so a pipe swapped in between the
    check and the open cannot hang the reader.
    """
    path = Path(path)
    problem = refusal(path)
    if problem:
        raise NotARegularFile(problem, path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(f"{path} is {kind_of(info.st_mode)}, not a file.", path)
        if info.st_size > limit:
            raise FileTooLarge(f"{path} is {info.st_size:,} bytes; at most {limit:,} are read.")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileTooLarge(f"{path} is more than {limit:,} bytes; at most {limit:,} are read.")
        return b"".join(chunks)
    finally:
        os.close(fd)
