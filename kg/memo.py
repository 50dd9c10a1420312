"""Answers of slow pure computations, kept between builds of one store or output folder.

A rebuild reads, resolves and maps the whole corpus again, and most of that work asks the
same questions as the last build: what a file parses to, how much of one wording another
contains, how two wordings differ, what lines an unchanged statement maps to. Inside
`kept_in(folder)`, `recall(name, sources, question, compute)` answers from the last
build's answers and computes (and keeps) the rest; a function decorated with
`@kept(name, *sources)` does the same for its string arguments. Outside `kept_in` both just
compute. A key hashes the name, the source of the modules named (an edit to them forgets
every answer) and the question, a string that must fix the answer. Answers no build asked
for are dropped when the build ends, so the file tracks the corpus instead of growing.

The file holds the answers, encoded or as they are, as `marshal`led dicts of a few thousand
answers each (marshal reads only plain data, never code), each after its length in bytes. It is
rewritten whole when anything changed: at a few tens of MB that cost less than updating SQLite
rows, and written a dict at a time it never needs its whole size in memory again (310 MB at
10,000 articles). A damaged or missing file only means answers are computed again, so it is not
flushed to disk before it replaces the old one (writing 35 MB with the flush took 0.12-0.17 s).
"""

from __future__ import annotations

import functools
import hashlib
import json
import marshal
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from .graph import write_atomic

PACKAGE = Path(__file__).resolve().parent
FILE = "answers.marshal"
FORMAT = 3  # how answers are kept: a change forgets every answer of an older format
MAGIC = b"newskg answers 3\n"
CHUNK = 4096  # answers per marshalled dict

Answer = TypeVar("Answer")
Encode = Callable[[object], object]  # to a value marshal writes
Decode = Callable[[object], object]


def encode_lines(lines: list[str]) -> str:
    """Lines without newlines in them (N-Quads lines escape theirs), as one string."""
    return "\n".join(lines)


def decode_lines(text: str) -> list[str]:
    return text.split("\n") if text else []


class _Answers:
    def __init__(self, path: Path):
        self.path = path
        self.old: dict[bytes, object] = {}  # key -> encoded answer, decoded only when asked for (then None)
        self.used: dict[bytes, tuple[object, object | None, Encode]] = {}  # key -> (answer, encoded if old, encoder)
        try:
            self.old = _read(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            self.old = {}  # missing or unreadable: start again, the answers are only a shortcut

    def answer(self, key: bytes, compute: Callable[[], Answer], encode: Encode, decode: Decode) -> Answer:
        if key in self.used:
            return self.used[key][0]  # type: ignore[return-value]
        saved = self.old.get(key)
        if saved is not None:
            value = decode(saved)
            if decode is not _as_is:
                # not kept encoded too: the corpus graph's lines, both ways, were 0.6 GB at 10,000
                # articles; encoded again only if the file is rewritten
                saved = self.old[key] = None
        else:
            value = compute()
        self.used[key] = (value, saved, encode)
        return value  # type: ignore[return-value]

    def save(self) -> None:
        """Keep the answers this build used; write only if that is not what the file holds."""
        if self.used.keys() == self.old.keys():
            return
        try:
            write_atomic(self.path, self._pieces(), durable=False)  # a torn file fails to load: recomputed
        except OSError:
            pass  # the build itself is complete; the next one recomputes what is missing

    def _pieces(self) -> Iterator[bytes]:
        yield MAGIC
        used = list(self.used.items())
        for start in range(0, len(used), CHUNK):
            chunk = {key: saved if saved is not None else encode(value) for key, (value, saved, encode) in used[start : start + CHUNK]}
            data = marshal.dumps(chunk)
            yield len(data).to_bytes(8, "little") + data


def _read(raw: bytes) -> dict[bytes, object]:
    """The answers a file written by `_Answers.save` holds; ValueError if it is not one whole."""
    if not raw.startswith(MAGIC):
        raise ValueError("not a newskg answers file")
    answers: dict[bytes, object] = {}
    view, position = memoryview(raw), len(MAGIC)
    while position < len(raw):
        size = int.from_bytes(view[position : position + 8], "little")
        end = position + 8 + size
        if end > len(raw):
            raise ValueError("truncated")
        chunk = marshal.loads(view[position + 8 : end])
        if not isinstance(chunk, dict):
            raise ValueError("not a dict of answers")
        answers.update(chunk)
        position = end
    return answers

_active: _Answers | None = None


@contextmanager
def kept_in(folder: str | Path | None) -> Iterator[None]:
    """Answer `recall` and `kept` questions from `folder`'s saved answers during the block, and
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
    version = hashlib.sha256(f"{FORMAT}:{name}".encode())
    for source in sources:
        version.update((PACKAGE / source).read_bytes())
    return version.digest()


def _key(name: str, sources: tuple[str, ...], question: str) -> bytes:
    return hashlib.blake2b(question.encode("utf-8", "surrogatepass"), digest_size=16, key=_version(name, sources)).digest()


def _as_is(value):
    return value


def recall(
    name: str,
    sources: tuple[str, ...],
    question: str,
    compute: Callable[[], Answer],
    encode: Encode = json.dumps,
    decode: Decode = json.loads,
) -> Answer:
    """`compute()`, or the last build's answer to the same `question` under `name`, if
    `sources` (files relative to the package) are unchanged since. `encode` and `decode`
    turn an answer into a string and back (default: JSON)."""
    answers = _active
    if answers is None:
        return compute()
    return answers.answer(_key(name, sources, question), compute, encode, decode)


def kept(name: str, *sources: str) -> Callable[[Callable[..., Answer]], Callable[..., Answer]]:
    """Keep the decorated function's answers between builds: its arguments must be strings,
    its answers immutable values marshal writes as they are (str, int, float, bool, None, tuples
    of those), kept without encoding: a rebuild asks tens of thousands of them, and decoding JSON
    cost more than the lookup. `sources`: the files, relative to the package, whose code decides
    the answer."""

    def decorate(func: Callable[..., Answer]) -> Callable[..., Answer]:
        _version(name, sources)  # read the sources now: an edit after import must not mix versions

        @functools.wraps(func)
        def answer(*args: str) -> Answer:
            if _active is None:
                return func(*args)
            question = "".join(f"{len(arg)}:{arg}" for arg in args)  # lengths: no two argument lists join alike
            return recall(name, sources, question, lambda: func(*args), _as_is, _as_is)

        return answer

    return decorate
