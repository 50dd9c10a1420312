"""Small general word lists for legal actions: trigger words and their kinds, verbs by role, court words."""

from __future__ import annotations

# Trigger lemma -> kind. Verbs act; nouns are filed, brought, faced.
VERB_KINDS = {
    "sue": "lawsuit", "countersue": "countersuit", "charge": "charge", "indict": "charge", "prosecute": "charge",
    "settle": "settlement", "fine": "fine", "investigate": "investigation", "probe": "investigation",
    "convict": "conviction", "sentence": "sentence", "acquit": "acquittal",
}  # fmt: skip
NOUN_KINDS = {
    "lawsuit": "lawsuit", "suit": "lawsuit", "countersuit": "countersuit", "counterclaim": "countersuit",
    "complaint": "lawsuit", "action": "lawsuit", "charge": "charge", "indictment": "charge",
    "settlement": "settlement", "investigation": "investigation", "probe": "investigation", "inquiry": "investigation",
    "case": "case", "ruling": "ruling", "decision": "ruling", "verdict": "ruling", "judgment": "ruling",
    "injunction": "injunction", "fine": "fine", "proceeding": "lawsuit", "proceedings": "lawsuit",
}  # fmt: skip
# Kinds that can be the same action told differently (a suit, later its settlement).
FAMILY = {
    "lawsuit": "lawsuit", "settlement": "lawsuit", "injunction": "lawsuit", "case": "lawsuit", "ruling": "lawsuit",
    "countersuit": "countersuit", "charge": "criminal", "conviction": "criminal", "sentence": "criminal", "acquittal": "criminal", "investigation": "investigation", "fine": "fine",
}  # fmt: skip

# Kinds so general they can name an action of any family (`the case against him` after `charged with`).
GENERIC_KINDS = {"case", "ruling", "injunction"}


def same_family(kind_a: str, kind_b: str) -> bool:
    """Whether two kinds can be one action told two ways: a suit and its settlement, charges and `the case`."""
    if FAMILY.get(kind_a, kind_a) == FAMILY.get(kind_b, kind_b):
        return True
    return (kind_a in GENERIC_KINDS or kind_b in GENERIC_KINDS) and "countersuit" not in {kind_a, kind_b}


# Verbs whose object is a legal action and whose subject brings it (`filed a lawsuit`, `took legal action`).
BRING_VERBS = {"file", "bring", "launch", "lodge", "take", "initiate", "pursue", "start", "slap", "mount", "submit",
               "commence", "open", "announce", "level", "press", "threaten", "seek", "begin", "refile", "win",
               "drop", "withdraw", "amend", "expand", "hit", "serve", "institute", "escalate", "demand"}  # fmt: skip
# Verbs whose object (or passive subject) receives the action: `slapped X with a suit`, `X was hit with a suit`.
SERVE_VERBS = {"slap", "hit", "serve"}
# Verbs whose subject is on the receiving end (`faces a lawsuit`, `pleaded not guilty to charges`).
FACE_VERBS = {"face", "fight", "contest", "deny", "plead", "defend", "battle", "lose", "dodge", "escape", "settle"}
# Verbs whose subject is a filing and whose object is the other side (`the lawsuit accuses X`).
ACCUSE_VERBS = {"accuse", "name", "target", "blame", "allege", "charge"}
# Verbs whose subject is the court or judge deciding, not a party (`a judge dismissed the suit`).
JUDGE_VERBS = {"dismiss", "toss", "throw", "reject", "uphold", "block", "approve", "hear", "allow", "strike", "revive"}
# `if convicted`, `unless it pays`: a clause that only supposes.
CONDITION_MARKS = {"if", "unless"}
# `could face charges`, `may be fined`: an outcome talked of as possible.
POSSIBILITY_MODALS = {"could", "may", "might", "would"}
INTENT_VERBS = {"threaten", "plan", "vow", "consider", "intend", "weigh", "promise", "warn", "mull", "prepare"}
DOC_NOUNS = {"document", "documents", "docs", "doc", "papers", "paper", "records", "excerpts", "files", "transcript",
             "transcripts", "image", "images", "photo", "photos", "pages", "page", "text"}  # fmt: skip
BACKGROUND_MODIFIERS = {"famous", "landmark", "historic", "infamous", "notorious", "previous", "past", "earlier",
                        "old", "prior", "unrelated", "separate", "precedent", "decades-old", "high-profile"}  # fmt: skip
# Words that make `case` / `decision` / `ruling` legal: the sentence has to be about courts.
COURT_WORDS = {"court", "courts", "judge", "judges", "jury", "trial", "prosecutor", "prosecutors", "lawsuit",
               "legal", "law", "laws", "justice", "tribunal", "attorney", "lawyer", "lawyers", "docs", "criminal",
               "defendant", "defendants", "plaintiff", "plaintiffs", "damages"}  # fmt: skip
# Ends the `against ...` stretch: what follows is not a party.
STOP_WORDS = {"according", "per", "alleging", "accusing", "claiming", "saying", "after", "over", "which", "that",
              "who", "seeking", "for", "in", "on", "citing", "because", "demanding", "asking", "with", "to", "at",
              "this", "last", "earlier", "amid", "following", "since", "while", "when", "whom", "regarding",
              "concerning", "about", "by", "under", "until", "if", "as", "from"}  # fmt: skip
COURT_HEADS = {"court", "tribunal"}
COURT_MODIFIERS = {"federal", "district", "superior", "supreme", "appeals", "appellate", "high", "crown", "circuit",
                   "state", "county", "magistrates", "magistrate", "family", "criminal", "civil", "bankruptcy",
                   "commercial", "constitutional", "administrative", "municipal", "international", "european"}  # fmt: skip


LEGAL_CONTEXT = COURT_WORDS | {"lawsuit", "suit", "sued", "charges", "regulator", "regulators", "authorities",
                               "police", "fbi", "dispute", "claims", "allegations", "damages", "prosecutors",
                               "commission", "watchdog", "department", "ministry", "agency", "sec", "ftc", "doj"}
