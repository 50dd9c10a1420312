"""Groups of entity kinds that extraction and resolution both reason with (no spaCy here:
resolution imports it without loading the NLP stack)."""

from __future__ import annotations

from ..records import EntityKind as K

ORG_FAMILY = {K.ORGANIZATION, K.COMPANY, K.BRAND, K.NEWS_OUTLET, K.PLATFORM, K.COURT, K.GOVERNMENT}
SPECIFIC = [K.COURT, K.GOVERNMENT, K.NEWS_OUTLET, K.PLATFORM, K.COMPANY, K.BRAND]  # most specific first
