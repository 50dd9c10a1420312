"""Pydantic records: what extractors produce and resolution consumes.

Every fact carries provenance: an article id and a character span into that
article's stored body text. A span's `text` must equal `article.text[start:end]`;
`Span.at` builds one that does by construction, and `check_spans` verifies a
whole extraction before it is mapped to RDF.
"""

from __future__ import annotations

import hashlib
from enum import StrEnum
from typing import Iterable

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator


class Record(BaseModel):
    model_config = ConfigDict(frozen=False, extra="forbid")


# --------------------------------------------------------------------------- articles


class ArticleUpdate(Record):
    """One update stamp an article carries (`UPDATE 9:45 AM PT — 11/28`)."""

    label: str = Field(description="the stamp as printed")
    when: str | None = Field(None, description="ISO 8601 date or date-time, when it could be resolved")
    timezone: str | None = None
    year_inferred: bool = False
    start: int | None = None
    end: int | None = None


class Article(Record):
    """One source document. `text` is the body every span points into."""

    id: str = Field(min_length=1)
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = Field(None, description="ISO 8601 date or date-time as the source gives it")
    published_year_inferred: bool = False
    updates: list[ArticleUpdate] = Field(default_factory=list)
    path: str | None = Field(None, description="the file it was read from, as given to the build")
    warnings: list[str] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- provenance


class Span(Record):
    """A character range of one article's body text, with the text it covers."""

    article_id: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> "Span":
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"span text has {len(self.text)} characters but covers {self.end - self.start}"
            )
        return self

    @classmethod
    def at(cls, article: Article, start: int, end: int) -> "Span":
        """The span of `article.text[start:end]`: verbatim by construction."""
        if not (0 <= start <= end <= len(article.text)):
            raise ValueError(f"span {start}-{end} outside article {article.id!r} ({len(article.text)} chars)")
        return cls(article_id=article.id, start=start, end=end, text=article.text[start:end])

    def verify(self, article: Article) -> None:
        if self.article_id != article.id or article.text[self.start : self.end] != self.text:
            raise ValueError(
                f"span {self.start}-{self.end} of {self.article_id!r} does not match the article text"
            )


# --------------------------------------------------------------------------- entities


class EntityKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    COMPANY = "company"
    BRAND = "brand"
    NEWS_OUTLET = "news_outlet"
    PLATFORM = "platform"
    COURT = "court"
    GOVERNMENT = "government"
    PLACE = "place"
    OTHER = "other"


class Mention(Record):
    """One place an article names an entity (a name, handle, or resolved pronoun)."""

    span: Span
    kind: str = Field("name", description="name | handle | pronoun | description")


class Attribute(Record):
    """A role or description the article gives an entity (`set designer`), with its source."""

    text: str
    span: Span


class LocalEntity(Record):
    """An entity as one article knows it: within-article aliases already collapsed."""

    key: str = Field(description="unique within the article")
    name: str = Field(description="the most complete form the article uses")
    kind: EntityKind
    extra_kinds: list[EntityKind] = Field(default_factory=list, description="e.g. a company that is also a brand")
    aliases: list[str] = Field(default_factory=list)
    handles: list[str] = Field(default_factory=list, description="social handles, with @")
    mentions: list[Mention] = Field(default_factory=list)
    attributes: list[Attribute] = Field(default_factory=list)
    confidence: float = 1.0
    gender: str | None = Field(None, description="female | male, from an honorific or a given name; people only")


class Relation(Record):
    """A relation the text states between two entities of one article."""

    subject: str = Field(description="LocalEntity.key")
    predicate: str = Field(description="works_for | designer_for | produced_for | walked_for | collaborated_with | ...")
    object: str = Field(description="LocalEntity.key")
    span: Span


# --------------------------------------------------------------------------- statements


class DateValue(Record):
    """A resolved date: a day, or a range when only a week or month is known."""

    start: str = Field(description="ISO 8601 date (or date-time)")
    end: str | None = Field(None, description="inclusive end of a range; None for a single day")
    text: str = Field(description="the words it was resolved from")
    confidence: float = 1.0


class Quote(Record):
    """One article's rendering of one statement: becomes an nkg:Report."""

    span: Span = Field(description="the exact wording (without quotation marks)")
    pieces: list[Span] = Field(
        default_factory=list,
        description="for quotes split by attribution or paragraphs: each verbatim piece; empty when `span` is one piece",
    )
    kind: str = Field("direct", description="direct | indirect | post | partial | headline")
    cue: str | None = Field(None, description="the reporting verb or phrase as written")
    cue_lemma: str | None = None
    speaker_mention: Span | None = Field(None, description="the words naming the speaker here: 'she', 'the company'")
    speaker_key: str | None = Field(None, description="LocalEntity.key of the resolved speaker; None when unresolved")
    channel: str | None = Field(None, description="twitter | instagram | facebook | threads | statement | filing | interview | press_release | ...")
    said: DateValue | None = None
    confidence: float = 0.8

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.pieces) if self.pieces else self.span.text


# --------------------------------------------------------------------------- legal actions


class Money(Record):
    value: float
    currency: str = Field(description="ISO 4217 code")
    span: Span


class LegalParty(Record):
    key: str = Field(description="LocalEntity.key")
    role: str | None = Field(None, description="the role the article gives: 'the producers of the ad'")


class LegalActionReport(Record):
    """One article's account of a legal action (lawsuit, countersuit, settlement, charge, ruling...)."""

    span: Span = Field(description="the sentence reporting it")
    kind: str = Field("lawsuit")
    plaintiffs: list[LegalParty] = Field(default_factory=list)
    defendants: list[LegalParty] = Field(default_factory=list)
    amount: Money | None = None
    court: str | None = None
    date: DateValue | None = None
    status: str | None = Field(None, description="filed | settled | dismissed | ruled | threatened | ...")
    claim_quotes: list[int] = Field(default_factory=list, description="indexes into the article's quotes that quote the filing")
    background: bool = Field(False, description="a case only cited as background, not a new action")
    allegation: str | None = Field(None, description="what it is about, as written: 'wire fraud', 'defamation'")


# --------------------------------------------------------------------------- one article, extracted


class Extraction(Record):
    """Everything extracted from one article."""

    article: Article
    entities: list[LocalEntity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    legal_actions: list[LegalActionReport] = Field(default_factory=list)

    def entity(self, key: str | None) -> LocalEntity | None:
        return next((e for e in self.entities if e.key == key), None) if key else None

    def spans(self) -> Iterable[Span]:
        for entity in self.entities:
            yield from (m.span for m in entity.mentions)
            yield from (a.span for a in entity.attributes)
        yield from (r.span for r in self.relations)
        for quote in self.quotes:
            yield quote.span
            yield from quote.pieces
            if quote.speaker_mention:
                yield quote.speaker_mention
        for action in self.legal_actions:
            yield action.span
            if action.amount:
                yield action.amount.span


def check_spans(extraction: Extraction) -> None:
    """Raise ValueError unless every span is verbatim article text at its offsets."""
    for span in extraction.spans():
        span.verify(extraction.article)


# --------------------------------------------------------------------------- resolved across articles


class MergeReason(Record):
    alias: str
    article_id: str
    reason: str


class Entity(Record):
    """One real-world entity across the corpus."""

    id: str = Field(description="IRI-safe local id, deterministic")
    name: str
    kind: EntityKind
    extra_kinds: list[EntityKind] = Field(default_factory=list)
    aliases: dict[str, list[str]] = Field(default_factory=dict, description="alias -> article ids using it")
    handles: list[str] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    attributes: list[Attribute] = Field(default_factory=list)
    merges: list[MergeReason] = Field(default_factory=list)
    local_keys: list[tuple[str, str]] = Field(default_factory=list, description="(article id, LocalEntity.key) merged here")


class Statement(Record):
    """One thing someone said, however many articles report it."""

    id: str
    text: str = Field(description="the fullest wording")
    speaker: str | None = Field(None, description="Entity.id; None when unresolved")
    said: DateValue | None = Field(None, description="set when the sources agree")
    reports: list[tuple[str, int]] = Field(description="(article id, index into that article's quotes)")


class LegalAction(Record):
    id: str
    kind: str
    plaintiffs: list[str] = Field(default_factory=list, description="Entity ids")
    defendants: list[str] = Field(default_factory=list, description="Entity ids")
    reports: list[tuple[str, int]] = Field(description="(article id, index into that article's legal_actions)")
    background: bool = Field(False, description="a case only cited as background by every report")
    status: str | None = Field(None, description="the furthest status any report gives: settled > ruled > dismissed > ... > filed")


class Relationship(Record):
    subject: str
    predicate: str
    object: str
    sources: list[Span]


class Corpus(Record):
    """The resolved corpus: what the RDF mapping turns into triples."""

    extractions: list[Extraction]
    entities: list[Entity] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    legal_actions: list[LegalAction] = Field(default_factory=list)
    relationships: list[Relationship] = Field(default_factory=list)
    entity_of: dict[str, str] = Field(default_factory=dict, description="'article_id\\x1flocal key' -> Entity.id")

    def global_entity(self, article_id: str, key: str | None) -> str | None:
        return self.entity_of.get(f"{article_id}\x1f{key}") if key else None
