"""Dates: an article's publication and update stamps; event dates resolved against the article date.

Two jobs, both called from hot paths (every Article built, every quote), so both are cheap and never raise:

* `article_dates` reads the stamps news pages print (`UPDATE 10:05 AM PT — 3/14`,
  `(UPDATE: 3/15/24 AT 7:30 P.M. ET)`, `Originally Published — 3/13 6:12 PM PT`, `By Jo Bloggs | Mar 13, 2024`)
  into `Article.updates` / `Article.published`, inferring a missing year from the article's other dates.
* `resolve_date` turns a phrase (`on March 3`, `Friday night`, `over the weekend`, `last June`) into a DateValue
  relative to the article date: a day, or a range when only a week, weekend, month or year is known.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

from ..records import Article, ArticleUpdate, DateValue

# --------------------------------------------------------------------------- shared vocabulary

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

# Abbreviations news pages print, mapped to the zone whose offset they mean (DST comes from the zone).
TIMEZONES = {
    "PT": "America/Los_Angeles", "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
    "MT": "America/Denver", "MST": "America/Denver", "MDT": "America/Denver",
    "CT": "America/Chicago", "CST": "America/Chicago", "CDT": "America/Chicago",
    "ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York",
    "GMT": "UTC", "UTC": "UTC", "Z": "UTC", "BST": "Europe/London",
    "CET": "Europe/Paris", "CEST": "Europe/Paris", "IST": "Asia/Kolkata", "JST": "Asia/Tokyo",
    "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney", "HKT": "Asia/Hong_Kong", "SGT": "Asia/Singapore",
}  # fmt: skip

_MONTH_RE = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY_RE = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\.?,?"

# One token of a printed date-time; a stamp is a run of these with light separators between them.
_DATE_TOKENS = [
    ("iso", re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")),
    ("numeric", re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?\b")),
    ("month_day", re.compile(_MONTH_RE + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{4})\b)?", re.I)),
    ("day_month", re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_RE + r"(?:,?\s+(?P<y>\d{4})\b)?", re.I)),
    ("time", re.compile(r"(?P<h>\d{1,2})(?:[:.](?P<min>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\b\.?)", re.I)),
    ("time24", re.compile(r"(?P<h>[01]?\d|2[0-3])[:.](?P<min>[0-5]\d)\b(?!/)")),
    ("tz", re.compile(r"\(?\b(?P<tz>" + "|".join(sorted(TIMEZONES, key=len, reverse=True)) + r")\b\)?")),
    ("weekday", re.compile(r"\b" + _WEEKDAY_RE, re.I)),
]
_SEPARATOR = re.compile(r"(?:[\s,|@·•]|[—–/-](?=\s)|\bat\b|\bon\b)*", re.I)

# Stamps start a line or follow a bracket / separator: `updated` inside a sentence is not a stamp.
_STAMP_START = r"(?:^|(?<=[(\[|·•]))[ \t]*\(?"
_UPDATE_WORDS_RE = r"(?:last\s+)?(?:updated?|modified)(?:\s+(?:on|at))?\b\s*[:\-—–]?"
_UPDATE_LABEL = re.compile(_STAMP_START + _UPDATE_WORDS_RE, re.I | re.M)
_UPDATE_WORDS = re.compile(_UPDATE_WORDS_RE, re.I)
_FOLLOWING_UPDATE = re.compile(r"[ \t]*[|·•,;/]?[ \t]*(?=(?:last\s+)?(?:updated?|modified)\b)", re.I)
_PUBLISHED_LABEL = re.compile(
    _STAMP_START + r"(?:originally\s+|first\s+)?(?:published|posted)(?:\s+(?:on|at))?\b\s*[:\-—–]?", re.I | re.M
)
_BYLINE = re.compile(r"^[ \t]*by\s+[^\n]{2,80}?(?:\||,|\bon\b|—|–|-)\s*", re.I | re.M)

# Lines near the top that hold only a date-time are a dateline.
_HEAD_LINES = 6
# A wire dateline opening the story or an update: `LONDON, 3 February 2025 — `, `WASHINGTON, Feb 3 (Reuters) - `,
# `BERKELEY, Calif., March 3, 2025 /PRNewswire/ -- `, `ROME (AP) — `: a place in capitals, maybe a region, maybe
# the date, maybe the agency, then a dash. It says where, when and by whom the story was filed.
_WIRE_PLACE = r"^[ \t]*[A-Z][A-Z.'\-]+(?:[ \t]+[A-Z][A-Z.'\-]+){0,3}(?:,[ \t]*[A-Z][A-Za-z.]+(?:[ \t]+[A-Z][A-Za-z.]+){0,2})?"
_WIRE_AFTER_DATE = r"[ \t]*(?:\([^()\n]{2,30}\)|/[^/\n]{2,30}/)?[ \t]*(?:—|–|--?)(?=\s)"
_WIRE_DATED = re.compile(_WIRE_PLACE + r",[ \t]*", re.M)
_WIRE_UNDATED = re.compile(_WIRE_PLACE + _WIRE_AFTER_DATE, re.M)
_WIRE_END = re.compile(_WIRE_AFTER_DATE)
# An outlet or section name, a separator, then the date: `TechWire | Nov 5, 2024`, `HealthLine News — 12 June 2025`.
# The date must end the line (checked in _datelines), so a sentence with a dash before a date is no dateline.
_NAME_THEN_DATE = re.compile(r"^[ \t]*(?P<name>[^\s|—–·•][^\n|—–·•]{0,59}?)[ \t]*[|—–·•][ \t]*", re.M)
# A byline without a date, alone on its line: `By Ann Lee`, `By Ann Lee and Jo Park`.
_BARE_BYLINE = re.compile(r"[ \t]*(?:by|BY|By)[ \t]+[A-Z][\w.'’\-]*(?:,?[ \t]+(?:and[ \t]+)?[A-Z][\w.'’\-]*){0,5}[ \t]*")


@dataclass
class _Stamp:
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    hour: int | None
    minute: int
    tz: str | None

    @property
    def has_date(self) -> bool:
        return self.month is not None and self.day is not None


# --------------------------------------------------------------------------- article stamps


def article_dates(article: Article) -> Article:
    """Normalise `published` to ISO 8601 and collect update stamps from the body. Never raises."""
    try:
        return _article_dates(article)
    except Exception as exc:  # a stamp we misread must never stop a build
        article.warnings.append(f"dates: could not read stamps ({type(exc).__name__}: {exc})")
        return article


def _article_dates(article: Article) -> Article:
    text = article.text
    published = _normalise_published(article)
    updates: list[tuple[_Stamp, str]] = []
    originals: list[_Stamp] = []
    # the label patterns test every line start and bracket: only run them where their words occur
    folded = text.casefold()
    labels = []
    if "updat" in folded or "modified" in folded:
        labels += [(m, "update") for m in _UPDATE_LABEL.finditer(text)]
    if "published" in folded or "posted" in folded:
        labels += [(m, "published") for m in _PUBLISHED_LABEL.finditer(text)]
    while labels:
        match, bucket = labels.pop(0)
        stamp = _read_stamp(text, match.end())
        if stamp is None or (not stamp.has_date and stamp.hour is None):
            continue
        stamp.start = match.start() + len(match.group()) - len(match.group().lstrip())  # label without indent
        if text[stamp.start] == "(" and text[stamp.end : stamp.end + 1] == ")":
            stamp.end += 1
        if bucket == "update":
            updates.append((stamp, text[stamp.start : stamp.end]))
        elif stamp.has_date:
            originals.append(stamp)
        # `Published Nov. 28, 2022 Updated Nov. 29, 2022, 9:03 a.m. ET`: a second stamp on the same line
        follow = _FOLLOWING_UPDATE.match(text, stamp.end)
        if follow:
            label = _UPDATE_WORDS.match(text, follow.end())
            if label:
                labels.append((label, "update"))
    if published is None:
        originals.extend(_datelines(text))

    stamped = [s for s in [*originals, *(u for u, _ in updates)] if s.has_date and s.year]
    references = _reference_dates(text, published, stamped)
    if published is None:
        dated = sorted((s for s in originals if s.has_date), key=lambda s: s.start) or sorted(
            (s for s, _ in updates if s.has_date), key=lambda s: _stamp_sort_key(s, references)
        )
        if dated:
            first = dated[0]
            iso, inferred = _stamp_iso(first, references)
            if iso:
                article.published = iso
                article.published_year_inferred = inferred
                if not originals:
                    article.warnings.append("dates: no publication date; used the earliest update stamp")

    article.updates = []
    unique = {stamp.end: (stamp, label) for stamp, label in sorted(updates, key=lambda u: -u[0].start)}  # the tightest label
    for stamp, label in sorted(unique.values(), key=lambda u: u[0].start):
        iso, inferred = _stamp_iso(stamp, references) if stamp.has_date else (None, False)
        article.updates.append(
            ArticleUpdate(
                label=label, when=iso, timezone=stamp.tz, year_inferred=inferred, start=stamp.start, end=stamp.end
            )
        )
    return article


def _read_stamp(text: str, pos: int, limit: int = 80) -> _Stamp | None:
    """Consume date / time / zone tokens from `pos`; None when none is there."""
    stamp = _Stamp(pos, pos, None, None, None, None, 0, None)
    end_of_window = min(len(text), pos + limit)
    cursor, found = pos, False
    seen: set[str] = set()
    while cursor < end_of_window:
        gap = _SEPARATOR.match(text, cursor)
        at = gap.end() if gap else cursor
        for kind, pattern in _DATE_TOKENS:
            group = "date" if kind in {"iso", "numeric", "month_day", "day_month"} else kind.rstrip("24")
            if group in seen:
                continue
            match = pattern.match(text, at)
            if match:
                break
        else:
            break
        if not _apply(stamp, kind, match):
            break
        seen.add(group)
        found = True
        cursor = stamp.end = match.end()
    return stamp if found else None


def _apply(stamp: _Stamp, kind: str, match: re.Match) -> bool:
    g = match.groupdict()
    if kind in {"iso", "numeric", "month_day", "day_month"}:
        month = _month_number(g["mon"]) if g.get("mon") else int(g["m"])
        day = int(g["d"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return False
        year = g.get("y")
        stamp.month, stamp.day = month, day
        stamp.year = (2000 + int(year) if len(year) == 2 else int(year)) if year else None
    elif kind == "time":
        if not 1 <= int(g["h"]) <= 12:
            return False
        stamp.hour = int(g["h"]) % 12 + (12 if g["ampm"].lower().startswith("p") else 0)
        stamp.minute = int(g["min"] or 0)
    elif kind == "time24":
        stamp.hour, stamp.minute = int(g["h"]), int(g["min"])
    elif kind == "tz":
        stamp.tz = g["tz"].upper()
    return True


def _datelines(text: str) -> list[_Stamp]:
    """A byline with a date, a wire dateline, or a line near the top that is only a date-time."""
    found = []
    head_end = 0
    for _ in range(_HEAD_LINES):
        newline = text.find("\n", head_end)
        head_end = len(text) if newline < 0 else newline + 1
    for match in _BYLINE.finditer(text, 0, head_end):
        stamp = _read_stamp(text, match.end())
        if stamp and stamp.has_date:
            found.append(stamp)
    found.extend(stamp for _, _, stamp in wire_datelines(text, head_end) if stamp is not None)
    line_start = 0
    for line in text[:head_end].split("\n"):
        line_end = line_start + len(line)
        starts = [line_start] if line.strip() else []
        named = _NAME_THEN_DATE.match(text, line_start, line_end)
        if named and len(named["name"].split()) <= 6 and not named["name"].rstrip().endswith((".", ",", ":", ";")):
            starts.append(named.end())  # `TechWire | Nov 5, 2024`: the date after the outlet's name
        for start in starts:
            stamp = _read_stamp(text, start)
            if stamp and stamp.has_date and stamp.end <= line_end and text[stamp.end : line_end].strip(" .,|)") == "":
                found.append(stamp)
                break
        line_start = line_end + 1
    return found


def is_head_line(line: str) -> bool:
    """A line printed under a headline: a byline (`By Jo Park | April 3, 2025`, `By Ann Lee`), a dateline
    (`TechWire | Nov 5, 2024`, `April 3, 2025`) or a publication stamp (`Posted: 9/22/2024`)."""
    line = line.strip()
    if not line or len(line) > 120:
        return False
    if _BARE_BYLINE.fullmatch(line):
        return True
    text = line + "\n"
    if _datelines(text):
        return True
    label = _PUBLISHED_LABEL.match(text) or _UPDATE_LABEL.match(text)
    stamp = _read_stamp(text, label.end()) if label else None
    return bool(stamp and stamp.has_date)


def wire_datelines(text: str, end: int | None = None) -> list[tuple[int, int, "_Stamp | None"]]:
    """(start, end, date or None) of each wire dateline in text[:end] (see `_WIRE_PLACE`)."""
    end = len(text) if end is None else end
    found = []
    for match in _WIRE_DATED.finditer(text, 0, end):
        stamp = _read_stamp(text, match.end())
        after = _WIRE_END.match(text, stamp.end) if stamp is not None and stamp.has_date else None
        if after is not None:
            found.append((match.start(), after.end(), stamp))
    for match in _WIRE_UNDATED.finditer(text, 0, end):
        if not any(start <= match.start() < stop for start, stop, _ in found):
            found.append((match.start(), match.end(), None))
    return sorted(found, key=lambda f: f[0])


def _reference_dates(text: str, published: date | None, stamped: list[_Stamp]) -> list[date]:
    """What a missing year is inferred from: the publication date, else stamps with a year, else the dates the
    text states in the year it names most (a story may also mention a past case or a future trial)."""
    if published:
        return [published]
    refs = []
    for stamp in stamped:
        try:
            refs.append(date(stamp.year, stamp.month, stamp.day))
        except ValueError:
            pass
    if refs:
        return refs
    for kind, pattern in _DATE_TOKENS[:4]:
        for match in pattern.finditer(text):
            if match.group("y"):
                stamp = _Stamp(0, 0, None, None, None, None, 0, None)
                if _apply(stamp, kind, match) and stamp.year and 1900 < stamp.year < 2200:
                    try:
                        refs.append(date(stamp.year, stamp.month, stamp.day))
                    except ValueError:
                        pass
    if not refs:
        return refs
    years = Counter(d.year for d in refs)
    usual = max(years, key=lambda y: (years[y], y))
    return [d for d in refs if d.year == usual]


_LOOKAHEAD = timedelta(days=62)


def _infer_year(month: int, day: int, references: list[date]) -> int | None:
    """The year of the latest month/day no more than two months after the latest date the article states.

    News looks back more than ahead: `March 3` in a November story is this past March; `Dec. 3` is next week.
    """
    if not references:
        return None
    latest = max(references)
    for year in (latest.year + 1, latest.year, latest.year - 1):
        try:
            if date(year, month, day) <= latest + _LOOKAHEAD:
                return year
        except ValueError:  # Feb. 29 in a common year
            continue
    return None


def _stamp_iso(stamp: _Stamp, references: list[date]) -> tuple[str | None, bool]:
    year, inferred = stamp.year, False
    if year is None:
        year, inferred = _infer_year(stamp.month, stamp.day, references), True
        if year is None:
            return None, False
    try:
        day = date(year, stamp.month, stamp.day)
    except ValueError:
        return None, False
    if stamp.hour is None:
        return day.isoformat(), inferred
    moment = datetime.combine(day, time(stamp.hour, stamp.minute))
    if stamp.tz:
        try:
            moment = moment.replace(tzinfo=ZoneInfo(TIMEZONES[stamp.tz]))
        except (ZoneInfoNotFoundError, ValueError):  # no tz database here: keep local time, zone still in `timezone`
            pass
    return moment.isoformat(), inferred


def _stamp_sort_key(stamp: _Stamp, references: list[date]) -> str:
    iso, _ = _stamp_iso(stamp, references)
    return iso or "9999"


def _normalise_published(article: Article) -> date | None:
    """Rewrite `published` as ISO 8601 when it is printed some other way; return its day."""
    raw = (article.published or "").strip()
    if not raw:
        article.published = None
        return None
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        parsed = dateutil_parser.parse(raw, fuzzy=True, default=datetime(1, 1, 1))
    except (ValueError, OverflowError):
        article.warnings.append(f"dates: cannot read published date {raw!r}")
        article.published = None
        return None
    if parsed.year == 1:
        article.warnings.append(f"dates: published date {raw!r} has no year")
        article.published = None
        return None
    timed = parsed.hour or parsed.minute or parsed.tzinfo
    article.published = parsed.isoformat() if timed else parsed.date().isoformat()
    return parsed.date()


def anchor_date(article: Article) -> date | None:
    """The date relative expressions in the article resolve against."""
    if not article.published:
        return None
    try:
        return datetime.fromisoformat(article.published[:10]).date()
    except ValueError:
        return None


# --------------------------------------------------------------------------- event dates

_LEAD_WORDS = re.compile(
    r"^(?:(?:on|in|at|during|by|from|since|as\s+of|back|as\s+early\s+as|earlier|late|early|mid|as\s+recently\s+as)(?:\s+|-))+",
    re.I,
)
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|overnight|tonight))?"
_WEEKDAY = re.compile(r"^(?:(?P<rel>last|this|next|past)\s+)?(?P<wd>" + "|".join(WEEKDAYS) + r")" + _PART_OF_DAY + r"$", re.I)
_WEEKEND = re.compile(r"^(?P<rel>this|last|past|next|over\s+the|the)\s+weekend$", re.I)
_WEEK = re.compile(r"^(?P<early>earlier\s+)?(?P<rel>this|last|past|next)\s+week$", re.I)
_EARLIER_THIS = re.compile(r"\bearlier\s+this\s+(?P<unit>week|month|year)$", re.I)
_MONTH_ONLY = re.compile(r"^(?:(?P<rel>last|this|next|past)\s+)?" + _MONTH_RE + r"(?:,?\s+(?P<y>\d{4}))?$", re.I)
_DAY_WORDS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
              "yesterday": -1, "last night": -1, "yesterday morning": -1, "yesterday afternoon": -1,
              "yesterday evening": -1, "tomorrow": 1}  # fmt: skip
_EXPLICIT_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b|'\d{2}\b")
# Phrases that sound like dates but name no point in time.
_VAGUE = re.compile(r"\b(?:few|several|some|many|recent(?:ly)?|past\s+\w+\s+(?:days|weeks|months|years)|the\s+days?|times?|ages?|decades?)\b", re.I)
_DATEISH = re.compile(
    r"\d|\b(?:" + "|".join(WEEKDAYS) + r"|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|today|tonight|yesterday|tomorrow|"
    r"week|weekend|month|year|ago|morning|afternoon|evening|night)",
    re.I,
)


def resolve_date(text: str, anchor: date | None) -> DateValue | None:
    """`on March 3`, `Friday night`, `Tuesday, March 5`, `last June` -> a DateValue resolved against `anchor`.

    A weekday is the most recent such day on or before the anchor; a week, weekend, month or year gives a range.
    None when nothing can be resolved (no guessing), and never raises.
    """
    try:
        value = _resolve(text, anchor)
    except Exception:  # dateparser can trip on odd input; an unknown date is the honest answer
        return None
    return value.model_copy() if value is not None else None  # callers may adjust their copy (confidence)


@lru_cache(maxsize=4096)
def _resolve(text: str, anchor: date | None) -> DateValue | None:
    phrase = re.sub(r"[’']s$", "", " ".join(text.split()).strip(" .,;:()"))  # `Monday's statement` -> Monday
    earlier_this = _EARLIER_THIS.search(phrase)  # before `earlier` is stripped as a lead word
    phrase = _LEAD_WORDS.sub("", phrase).strip()
    if not phrase or len(phrase) > 60 or not _DATEISH.search(phrase) or _VAGUE.search(phrase):
        return None
    if re.fullmatch(r"\d{1,3}", phrase):
        return None  # a bare `29` (an age, a count) is no date
    lower = phrase.lower()
    if anchor is None and not _EXPLICIT_YEAR.search(phrase):
        return None

    def day(d: date, confidence: float = 1.0) -> DateValue:
        return DateValue(start=d.isoformat(), text=text, confidence=confidence)

    def span(first: date, last: date, confidence: float = 1.0) -> DateValue:
        if first == last:
            return day(first, confidence)
        return DateValue(start=first.isoformat(), end=last.isoformat(), text=text, confidence=confidence)

    if match := _NUMERIC_DATE.fullmatch(phrase):
        return _numeric_date(match, anchor, text)
    if anchor is not None:
        if lower in _DAY_WORDS:
            return day(anchor + timedelta(days=_DAY_WORDS[lower]))
        if match := _WEEKDAY.match(phrase):
            return day(_weekday(anchor, WEEKDAYS[match["wd"].lower()], (match["rel"] or "").lower()))
        if match := _WEEKEND.match(phrase):
            saturday = _weekend(anchor, match["rel"].lower())
            return span(saturday, saturday + timedelta(days=1), 0.7)
        if match := earlier_this:
            unit = match["unit"].lower()
            first = {"week": anchor - timedelta(days=anchor.weekday()), "month": anchor.replace(day=1),
                     "year": anchor.replace(month=1, day=1)}[unit]  # fmt: skip
            return span(first, max(first, anchor - timedelta(days=1)), 0.8)
        if match := _WEEK.match(phrase):
            monday = anchor - timedelta(days=anchor.weekday())
            if match["rel"].lower() in {"last", "past"}:
                monday -= timedelta(days=7)
            elif match["rel"].lower() == "next":
                monday += timedelta(days=7)
            return span(monday, monday + timedelta(days=6), 0.8)
        if match := _MONTH_ONLY.match(phrase):
            return _month_range(match, anchor, text)
    return _with_dateparser(phrase, text, anchor)


_NUMERIC_DATE = re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?")


def _numeric_date(match: re.Match, anchor: date | None, text: str) -> DateValue | None:
    """US-style `11/28/22` and `11/28` (news stamps): dateparser reads `22` as 1922 and a bare month/day
    as last year's, so expand two-digit years near the anchor and infer a missing year like other dates."""
    month, day_of_month, year_text = int(match["m"]), int(match["d"]), match["y"]
    if year_text is None:
        year = _infer_year(month, day_of_month, [anchor]) if anchor else None
    elif len(year_text) == 2:
        pivot = (anchor.year if anchor else date.today().year) % 100 + 1
        year = 2000 + int(year_text) if int(year_text) <= pivot else 1900 + int(year_text)
    else:
        year = int(year_text)
    try:
        return DateValue(start=date(year, month, day_of_month).isoformat(), text=text) if year else None
    except ValueError:
        return None


def _weekday(anchor: date, weekday: int, relation: str) -> date:
    back = (anchor.weekday() - weekday) % 7
    if relation == "next":
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
    if relation in {"last", "past"} and back == 0:
        back = 7
    return anchor - timedelta(days=back)


def _weekend(anchor: date, relation: str) -> date:
    """The Saturday of the weekend meant: in news copy `this weekend` is usually the one just gone."""
    back = (anchor.weekday() - 5) % 7  # days since the last Saturday (0 on a Saturday)
    saturday = anchor - timedelta(days=back)
    if relation in {"last", "past"} and anchor.weekday() >= 5:
        saturday -= timedelta(days=7)
    if relation == "next":
        saturday += timedelta(days=7)
    return saturday


def _month_range(match: re.Match, anchor: date, text: str) -> DateValue:
    month = _month_number(match["mon"])
    if match["y"]:
        year = int(match["y"])
    else:
        relation = (match["rel"] or "").lower()
        year = anchor.year if month <= anchor.month else anchor.year - 1
        if relation in {"last", "past"} and month == anchor.month:
            year -= 1
        elif relation == "next":
            year = anchor.year if month > anchor.month else anchor.year + 1
        elif relation == "this":
            year = anchor.year
    first = date(year, month, 1)
    last = first + relativedelta(months=1) - timedelta(days=1)
    return DateValue(start=first.isoformat(), end=last.isoformat(), text=text, confidence=1.0 if match["y"] else 0.9)


def _month_number(name: str) -> int:
    lower = name.lower().rstrip(".")
    return MONTHS["sept" if lower.startswith("sept") else lower[:3]]


@lru_cache(maxsize=64)
def _parser(anchor: date | None):
    """One dateparser per anchor: building settings is the slow part, so reuse it."""
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": False}
    if anchor:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day, 12)
    return DateDataParser(languages=["en"], settings=settings)


def _with_dateparser(phrase: str, text: str, anchor: date | None) -> DateValue | None:
    data = _parser(anchor).get_date_data(phrase)
    if data is None or data.date_obj is None:
        return None
    found = data.date_obj.date()
    period = data.period or "day"
    if anchor and not _EXPLICIT_YEAR.search(phrase) and re.search(_MONTH_RE, phrase, re.I) and period == "day":
        # `Jan. 9` in a Dec. 20 article is next month's, not last year's: see _infer_year.
        year = _infer_year(found.month, found.day, [anchor])
        if year:
            found = found.replace(year=year)
    if period == "year":
        return DateValue(start=date(found.year, 1, 1).isoformat(), end=date(found.year, 12, 31).isoformat(), text=text)
    if period == "month":
        first = found.replace(day=1)
        return DateValue(start=first.isoformat(), end=(first + relativedelta(months=1) - timedelta(days=1)).isoformat(), text=text)
    if period == "week":
        monday = found - timedelta(days=found.weekday())
        return DateValue(start=monday.isoformat(), end=(monday + timedelta(days=6)).isoformat(), text=text, confidence=0.8)
    return DateValue(start=found.isoformat(), text=text)
