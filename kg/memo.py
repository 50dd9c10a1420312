"""Answers of a few slow pure functions, kept between builds of one store or output folder.

A rebuild resolves and maps the whole corpus again, and most of that work asks the same
questions as the last build: how much of one wording another contains, how two wordings
differ. A function decorated with `@kept("name", "module.py", ...)` answers from the
last build's answers when a build runs inside `kept_in(folder)`, and computes (and keeps)
the rest. Outside `kept_in` it is the plain function. A key hashes the function's
name, the source of the modules named (an edit to them forgets every answer) and the
arguments, which must be strings; answers must be JSON values. Answers no build asked
for are dropped when the build ends, so the file tracks the corpus instead of growing.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, TypeVar

PACKAGE = Path(__file__).resolve().parent
FILE = "answers.sqlite"

Answer = TypeVar("Answer")


class _Answers:
    def __init__(self, path: Path):
        self.path = path
        self.old: dict[bytes, str] = {}  # key -> answer as JSON, parsed only when asked for
        self.used: dict[bytes, object] = {}
        self.new: set[bytes] = set()
        try:
            with sqlite3.connect(path, timeout=30) as db:
                db.execute("CREATE TABLE IF NOT EXISTS answer (key BLOB PRIMARY KEY, value TEXT)")
                self.old = dict(db.execute("SELECT key, value FROM answer"))
        except sqlite3.Error:
            self.old = {}  # unreadable: start again, the answers are only a shortcut

    def answer(self, key: bytes, compute: Callable[[], Answer]) -> Answer:
        if key in self.used:
            return self.used[key]  # type: ignore[return-value]
        saved = self.old.get(key)
        if saved is not None:
            value = json.loads(saved)
        else:
            value = compute()
            self.new.add(key)
        self.used[key] = value
        return value

    def save(self) -> None:
        """Add the new answers, drop the ones no one asked for (only those rows change)."""
        unused = [key for key in self.old if key not in self.used]
        if not unused and not self.new:
            return
        try:
            with sqlite3.connect(self.path, timeout=30) as db:  # one transaction: all or nothing
                db.executemany("DELETE FROM answer WHERE key = ?", ((key,) for key in unused))
                db.executemany("INSERT OR REPLACE INTO answer VALUES (?, ?)", ((k, json.dumps(self.used[k])) for k in self.new))
        except sqlite3.Error:
            pass  # the build itself is complete; the next one recomputes what is missing


_active: _Answers | None = None


@contextmanager
def kept_in(folder: str | Path | None) -> Iterator[None]:
    """Answer `kept` and `recall` questions from `folder`'s saved answers during the block, and
    save the answers it used when the block ends without an error. None: no saved answers."""
    global _active
    if folder is None or _active is not None:
        yield
        return
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError:
        yield
        return
    _active = _Answers(Path(folder) / FILE)
    try:
        yield
        _active.save()
    finally:
        _active = None


def active() -> bool:
    """Whether answers are being kept (inside `kept_in` with a folder)."""
    return _active is not None


@functools.lru_cache(maxsize=None)
def _version(name: str, sources: tuple[str, ...]) -> bytes:
    version = hashlib.sha256(name.encode())
    for source in sources:
        version.update((PACKAGE / source).read_bytes())
    return version.digest()


def _key(name: str, sources: tuple[str, ...], args: tuple[str, ...]) -> bytes:
    joined = "".join(f"{len(arg)}:{arg}" for arg in args)  # lengths: no two argument lists join alike
    return hashlib.blake2b(joined.encode("utf-8", "surrogatepass"), digest_size=16, key=_version(name, sources)).digest()


def recall(name: str, sources: tuple[str, ...], question: str, compute: Callable[[], Answer]) -> Answer:
    """`compute()`, or the last build's answer to the same `question` (a string that fixes the
    answer) under `name`, if `sources` (files relative to the package) are unchanged since."""
    answers = _active
    if answers is None:
        return compute()
    return answers.answer(_key(name, sources, (question,)), compute)


def kept(name: str, *sources: str) -> Callable[[Callable[..., Answer]], Callable[..., Answer]]:
    """Keep the decorated function's answers between builds (see the module docstring).
    `sources`: the files, relative to the package, whose code decides the answer."""

    def decorate(func: Callable[..., Answer]) -> Callable[..., Answer]:
        _version(name, sources)  # read the sources now: an edit after import must not mix versions

        @functools.wraps(func)
        def answer(*args: str) -> Answer:
            answers = _active
            if answers is None:
                return func(*args)
            return answers.answer(_key(name, sources, args), lambda: func(*args))

        return answer

    return decorate
