"""Files and records in, `Article`s out: .txt, .md, .html, .json and .jsonl.

Readers never raise on one bad file: they yield an `InputError` in its place so
a corpus build goes on and lists the file in its summary.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from . import memo
from .errors import InputError
from .records import Article

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES

# `date 2022-11-27` may share its line with the start of the body; other fields own their line.
_LEADING_DATE = re.compile(r"\A[ \t]*date[ \t]*:?[ \t]+(\d{4}-\d{2}-\d{2}(?:[T ][0-9:.+\-Z]+)?)[ \t]*")
_FIELD_LINE = re.compile(
    r"\A[ \t]*(title|headline|url|link|source|outlet|publisher|author|byline|date|published|id)[ \t]*:[ \t]*(.*?)[ \t]*(?:\n|\Z)",
    re.IGNORECASE,
)
_FIELD_ALIASES = {
    "headline": "title",
    "link": "url",
    "source": "outlet",
    "publisher": "outlet",
    "byline": "author",
    "date": "published",
}
_JSON_FIELDS = ("id", "title", "url", "outlet", "author", "published")
_JSON_ALIASES = {"date": "published", "source": "outlet", "publisher": "outlet", "body": "text", "content": "text", "headline": "title"}


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Every readable article file under `paths` (folders recursively), each once, in one sorted
    order whatever order the paths were given in, so ids and IRIs do not depend on it.
    Missing paths come first, as errors."""
    files: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.update(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES and not _hidden(p, path))
        elif path.is_file():
            files.add(path)
        else:
            yield InputError(str(path), "no such file or folder")
    yield from sorted(files, key=lambda p: (str(p).casefold(), str(p)))


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article | InputError]:
    """Articles from files and folders; ids are made unique in a deterministic way."""
    seen: dict[str, int] = {}
    for item in iter_files(paths):
        if isinstance(item, InputError):
            yield item
            continue
        for result in read_file(item):
            if isinstance(result, Article):
                count = seen.get(result.id, 0)
                seen[result.id] = count + 1
                if count:
                    result = result.model_copy(update={"id": f"{result.id}-{count + 1}"})
            yield result


def read_file(path: Path) -> Iterator[Article | InputError]:
    suffix = path.suffix.lower()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    if suffix in JSON_SUFFIXES:
        yield from _read_json(path, raw)
        return
    try:
        if not memo.active():
            yield _parse_file(path, raw)
            return
        # A rebuild parses only new or changed files: the others' articles are the last build's.
        question = "\x00".join((str(path), str(max_chars()), _parser_version(suffix), hashlib.sha256(raw).hexdigest()))
        yield memo.recall("parsed-file", PARSING_SOURCES, question, lambda: _parse_file(path, raw), _encode_article, Article.model_validate_json)
    except InputError as exc:
        yield exc


def _encode_article(article: Article) -> str:
    return article.model_dump_json(exclude={"sha256"})  # computed from the text when read back


# Code a parsed article depends on: an edit to it parses every file again.
PARSING_SOURCES = ("sources.py", "records.py", "extract/dates.py")


@lru_cache(maxsize=None)
def _parser_version(suffix: str) -> str:
    if suffix in HTML_SUFFIXES:
        from importlib.metadata import version

        return f"trafilatura {version('trafilatura')}"
    return "text"


def _parse_file(path: Path, raw: bytes) -> Article:
    text, warnings = decode(raw, str(path))
    if path.suffix.lower() in HTML_SUFFIXES:
        article = parse_html(text, path.stem, str(path))
    else:
        article = parse_text(text, path.stem, str(path))
    article.warnings.extend(warnings)
    return article


def decode(raw: bytes, where: str) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM); cp1252 as a fallback, with a warning. Binary is refused."""
    if b"\x00" in raw[:8192]:
        raise InputError(where, "binary file, not text")
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        warning = f"{where}: not valid UTF-8 (byte {exc.start}); decoded as cp1252"
        return raw.decode("cp1252", errors="replace"), [warning]


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_text(text: str, article_id: str, path: str | None = None) -> Article:
    """Plain text or Markdown, with optional leading metadata lines or YAML front matter."""
    text = normalise_newlines(text)
    meta: dict[str, str] = {}
    body = text
    if body.lstrip().startswith("---\n"):
        meta, body = _front_matter(body, path or article_id)
    while True:
        match = _LEADING_DATE.match(body)
        if match and "published" not in meta:
            meta["published"] = match.group(1).strip()
            body = body[match.end() :]
            continue
        match = _FIELD_LINE.match(body)
        if not match or not match.group(2):
            break
        field = _FIELD_ALIASES.get(match.group(1).lower(), match.group(1).lower())
        meta.setdefault(field, match.group(2))
        body = body[match.end() :]
    body = body.strip()
    if not body:
        raise InputError(path or article_id, "empty article: no body text")
    meta.setdefault("title", _headline(body))
    return _article(meta, body, article_id, path)


def _front_matter(text: str, where: str) -> tuple[dict[str, str], str]:
    import yaml

    stripped = text.lstrip()
    end = stripped.find("\n---", 4)
    if end < 0:
        return {}, text
    try:
        data = yaml.safe_load(stripped[4:end]) or {}
    except yaml.YAMLError as exc:
        raise InputError(where, f"front matter is not valid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict):
        return {}, text
    meta = {}
    for key, value in data.items():
        key = _FIELD_ALIASES.get(str(key).lower(), str(key).lower())
        if value is not None and key in _JSON_FIELDS:
            meta[key] = str(value)
    return meta, stripped[end + 4 :]


def _headline(body: str) -> str | None:
    """A short first line without final punctuation, standing alone or over a byline or dateline, reads as a headline."""
    first, sep, rest = body.partition("\n")
    first = first.strip().lstrip("#").strip()
    if not (sep and 0 < len(first) <= 200 and first[-1] not in ".!?\"”"):
        return None
    if rest.startswith("\n") or head_lines(body) > 1:
        from .extract.dates import is_head_line

        return None if is_head_line(first) else first  # a byline or dateline opening the text is no headline
    return None


# A headline and the outlet, byline and date lines printed under it: at most this many lines.
_MAX_HEAD_LINES = 5


def head_lines(body: str) -> int:
    """How many lines at the top are a headline with byline / dateline lines under it (`Mill fined over dust` /
    `By Jo Park | April 3, 2025`), even without a blank line between them and the body; 0 when there are none.
    Short lines without final punctuation (an outlet's name) may sit between; the last one counted is a
    byline or date line, so a hard-wrapped first paragraph is no head."""
    from .extract.dates import is_head_line

    lines = body.split("\n", _MAX_HEAD_LINES)[:_MAX_HEAD_LINES]
    first = lines[0].strip()
    if not first or len(first) > 200 or first[-1] in ".!?\"”" or is_head_line(first):
        return 0
    count = 0
    for number, line in enumerate(lines[1:], 2):
        line = line.strip()
        if not line:
            break
        if is_head_line(line):
            count = number
        elif len(line) > 60 or line[-1] in ".!?,;:\"”":
            break
    return count


def parse_html(html: str, article_id: str, path: str | None = None) -> Article:
    where = path or article_id
    try:
        import trafilatura
    except ImportError as exc:  # a broken install must cost the HTML files, not the whole build
        raise InputError(where, f"cannot read HTML: {exc}") from None
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_recall=True)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise InputError(where, f"cannot parse HTML: {exc}") from None
    if doc is None:
        raise InputError(where, "HTML has no article text")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = normalise_newlines(data.get("text") or "").strip()
    if not body:
        raise InputError(where, "HTML has no article text")
    meta = {
        "title": data.get("title"),
        "url": data.get("url"),
        "outlet": data.get("sitename") or data.get("hostname"),
        "author": data.get("author"),
        "published": data.get("date"),
    }
    return _article({k: v for k, v in meta.items() if v}, body, article_id, path)


def _read_json(path: Path, raw: bytes) -> Iterator[Article | InputError]:
    try:
        text, _ = decode(raw, str(path))
    except InputError as exc:
        yield exc
        return
    text = text.strip()
    if not text:
        yield InputError(str(path), "empty file")
        return
    if path.suffix.lower() == ".json" and text[:1] in "[{":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield InputError(str(path), f"invalid JSON: {exc.msg}", exc.lineno)
            return
        records = data if isinstance(data, list) else [data]
        for index, record in enumerate(records, 1):
            yield _from_record(record, path, index, f"{path.stem}-{index}" if len(records) > 1 else path.stem, None)
        return
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(str(path), f"invalid JSON: {exc.msg}", lineno)
            continue
        yield _from_record(record, path, lineno, f"{path.stem}-{lineno}", lineno)


def _from_record(record: object, path: Path, index: int, fallback_id: str, line: int | None) -> Article | InputError:
    if not isinstance(record, dict):
        return InputError(str(path), "record is not a JSON object", line)
    meta: dict[str, str] = {}
    body = None
    for key, value in record.items():
        key = _JSON_ALIASES.get(key, key)
        if key == "text":
            body = value
        elif key in _JSON_FIELDS and value not in (None, ""):
            meta[key] = str(value)
    if not isinstance(body, str) or not body.strip():
        return InputError(str(path), "record has no `text`", line)
    body = normalise_newlines(body).strip()
    article_id = meta.pop("id", None) or fallback_id
    meta.setdefault("title", _headline(body))
    where = f"{path}:{line}" if line else str(path)
    try:
        return _article(meta, body, article_id, where)
    except InputError as exc:
        return exc


def max_chars() -> int:
    """Longest body accepted: spaCy's own default limit, since longer texts exhaust its parser's memory."""
    return int(os.environ.get("NEWSKG_MAX_CHARS", "1000000"))


def _article(meta: dict[str, str | None], body: str, article_id: str, path: str | None) -> Article:
    from .extract.dates import article_dates

    if len(body) > max_chars():
        raise InputError(
            path or article_id,
            f"article too long: {len(body):,} characters (limit {max_chars():,}; raise it with NEWSKG_MAX_CHARS)",
        )
    article = Article(
        id=safe_id(article_id),
        text=body,
        title=meta.get("title") or None,
        url=meta.get("url") or None,
        outlet=meta.get("outlet") or None,
        author=meta.get("author") or None,
        published=meta.get("published") or None,
        path=path,
    )
    return article_dates(article)


def safe_id(raw: str) -> str:
    """An id usable in an IRI path segment, readable, deterministic."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", raw.strip()).strip("-.")
    return cleaned or "article"
