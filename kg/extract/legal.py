"""Legal actions of one article: lawsuits, countersuits, settlements, charges, rulings."""

from __future__ import annotations

from ..nlp import Analysed
from ..records import LegalActionReport, LocalEntity, Quote


def extract_legal_actions(analysed: Analysed, entities: list[LocalEntity], quotes: list[Quote]) -> list[LegalActionReport]:
    return []
