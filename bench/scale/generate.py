"""Generate a news-like corpus for scale tests: ~600-word articles about a few recurring
stories, a few hundred invented people and organizations, quotes in many styles
(direct, split, indirect, "according to", posts, statements, pronoun speakers),
dates, and legal actions. Deterministic: the same seed gives the same files.

    python bench/scale/generate.py OUT_DIR --articles 1000 [--seed 0]
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

GIVEN = """Arvel Brisa Calden Dorine Emrick Faela Garrow Hesper Ilvo Jessamy Korin Lisette Maddox Nerys Orlan
Perrin Quilla Rosalind Soren Tamsin Ulric Vesna Wendel Ysolde Zorah Aldric Bettany Cassius Delphine Evander Fenna
Gideon Halia Ivor Juno Kestrel Leoric Mirela Nolan Oriel Petra Quenby Rafferty Selene Thaddeus Ursa Vaughn Willa
Xanthe Yorick Zinnia""".split()
FAMILY = """Ashgrove Brightwater Coldridge Dunmere Eastcombe Fairhurst Greywell Holloway Inglesby Jarrow Kettering
Larkspur Marchbank Northcott Oakhurst Pennick Quarrington Redfern Stallworth Thornbury Underhill Vantongeren Wexley
Yardley Zellweger Abernathy Blackwood Carrow Delacourt Ellery Fenwick Gallow Hartigan Ivesdale Jessop Kilbride
Lockhart Merriweather Nettleford Ormsby""".split()
ORG_HEADS = """Harrowgate Lindqvist Corvane Meridale Stonebridge Halvorsen Quillon Tessaway Brackmoor Orrindale Vellacott
Ashcombe Drummoor Kelverton Pellham Wrexford Saltmarsh Greyhaven Amberley Fernhollow""".split()
ORG_TAILS = ["Holdings", "Water Authority", "Transit Union", "Systems", "Foundation", "Partners", "Energy", "Group",
             "City Council", "Medical Center", "Robotics", "Stadium Trust", "Bank", "Tenants Association", "Labs"]
OUTLETS = ["The Harbor Ledger", "Northgate Courier", "The Daily Lantern", "Valley Dispatch", "The Meridian Post",
           "Riverside Gazette", "Capital Wire", "The Evening Beacon", "Coastline Herald", "Metro Chronicle"]
ROLES = ["chief executive", "spokesperson", "mayor", "union president", "lead engineer", "general counsel",
         "board chair", "city councillor", "professor of economics", "director of operations", "campaign manager",
         "head of research", "senior analyst", "chief financial officer", "press secretary"]
STORIES = [
    ("transit strike", ["walkout", "fare freeze", "night buses", "wage offer", "picket lines"]),
    ("water utility merger", ["rate increase", "pipe replacement", "merger vote", "drought plan", "water quality"]),
    ("stadium financing deal", ["public subsidy", "ticket tax", "riverfront site", "bond issue", "traffic plan"]),
    ("robot recall", ["battery fault", "recall notice", "safety review", "software update", "refund program"]),
    ("hospital expansion", ["emergency wing", "nurse staffing", "waiting times", "state grant", "parking garage"]),
    ("council election", ["housing pledge", "debate night", "turnout", "campaign spending", "recount request"]),
    ("data breach", ["customer records", "password reset", "regulator inquiry", "class action", "security audit"]),
    ("housing rent dispute", ["rent cap", "eviction notices", "repair backlog", "tenant survey", "court hearing"]),
]
CUES = ["said", "told reporters", "added", "explained", "argued", "insisted", "warned", "noted", "stressed", "claimed"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class Cast:
    """The recurring entities: a few hundred people and organizations."""

    def __init__(self, rng: random.Random, people: int = 240, orgs: int = 90):
        names = set()
        while len(names) < people:
            names.add(f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}")
        self.people = sorted(names)
        self.gender = {p: rng.choice(["she", "he"]) for p in self.people}
        self.role = {p: rng.choice(ROLES) for p in self.people}
        found = set()
        while len(found) < orgs:
            found.add(f"{rng.choice(ORG_HEADS)} {rng.choice(ORG_TAILS)}")
        self.orgs = sorted(found)
        self.employer = {p: rng.choice(self.orgs) for p in self.people}


def sentence_bank(rng: random.Random, topic: str, detail: str, org: str, other: str) -> list[str]:
    amount = rng.choice([2, 4, 7, 12, 30, 45, 120])
    return [
        f"The {detail} has become the central question in the {topic}, and officials at {org} expect a decision within weeks.",
        f"Figures released by {other} show that the {detail} would cost about ${amount} million over five years.",
        f"Residents packed a meeting hall on {rng.choice(WEEKDAYS)} evening to hear both sides of the {detail} debate.",
        f"Critics of {org} point out that similar plans in neighbouring districts were abandoned after public protests.",
        f"The dispute over the {detail} has dragged on since the spring, with neither side willing to move first.",
        f"Analysts at {other} described the proposal as ambitious but warned that the timetable looked tight.",
        f"A draft report seen by reporters suggests the {detail} could be phased in over three years.",
        f"Local businesses near the site said they had not been consulted about the {detail}.",
        f"Earlier this month, {org} published a summary of its plans, which runs to more than forty pages.",
        f"The board of {other} is due to meet again next week to review the latest numbers on the {detail}.",
        f"Several community groups have asked for an independent review of how the {detail} was handled.",
        f"Opposition members said the figures on the {detail} did not add up and demanded the full spreadsheets.",
    ]


def quote_text(rng: random.Random, detail: str, topic: str) -> str:
    openings = [
        f"We are not going to accept a {detail} that leaves working families worse off",
        f"This {topic} has gone on far too long and everyone involved knows it",
        f"Nobody at the table wants the {detail} to fail, but the numbers have to work",
        f"I have spoken with hundreds of residents and they are tired of waiting for answers on the {detail}",
        f"Our engineers reviewed every part of the {detail} and we stand by their findings",
        f"There is still time to reach an agreement on the {detail} if both sides are willing to listen",
        f"The {detail} was never meant to be permanent and we said so from the very beginning",
        f"We will keep pushing until the {detail} is fixed for good",
        f"Frankly, the way this {topic} has been handled is a disappointment to all of us",
        f"People deserve a clear plan for the {detail}, not another round of promises",
    ]
    return rng.choice(openings)


def _lower_first(text: str) -> str:
    return text if text.startswith("I ") else text[0].lower() + text[1:]


def quote_paragraph(rng: random.Random, cast: Cast, person: str, detail: str, topic: str, outlet: str) -> str:
    name, surname = person, person.split()[-1]
    role, org = cast.role[person], cast.employer[person]
    pronoun = cast.gender[person]
    q1, q2 = quote_text(rng, detail, topic), quote_text(rng, detail, topic)
    cue = rng.choice(CUES)
    open_q, close_q = rng.choice([('"', '"'), ("\u201c", "\u201d")])
    styles = [
        f"{open_q}{q1},{close_q} {name}, the {role} of {org}, {cue}. {open_q}{q2}.{close_q}",
        f"{name} {cue}: {open_q}{q1}.{close_q}",
        f"{open_q}{q1},{close_q} said {name}, who serves as {role} at {org}.",
        f"{open_q}{q1},{close_q} {surname} {cue}, {open_q}and {_lower_first(q2)}.{close_q}",
        f"According to {name}, the {detail} will be reviewed again before the end of the year.",
        f"{name} told {outlet} that {org} would not comment further on the {detail} until the review was complete.",
        f"In a statement, {org} said: {open_q}{q1}.{close_q}",
        f"{name} wrote on social media on {rng.choice(WEEKDAYS)}: {open_q}{q1}.{close_q}",
        f"Asked about the {detail}, {surname} was blunt. {open_q}{q1},{close_q} {pronoun} {cue}.",
        f"{open_q}{q1}.{close_q} That was how {name}, {role} at {org}, summed up the mood on {rng.choice(WEEKDAYS)}.",
    ]
    return rng.choice(styles)


def legal_paragraph(rng: random.Random, plaintiff: str, defendant: str, detail: str) -> str:
    amount = rng.choice([1.5, 3, 8, 25, 40])
    return rng.choice([
        f"{plaintiff} filed a lawsuit against {defendant} in the county court on {rng.choice(WEEKDAYS)}, seeking ${amount} million in damages over the {detail}.",
        f"{defendant} was sued by {plaintiff} last month over the {detail}; the complaint asks for ${amount} million.",
        f"Lawyers for {plaintiff} said they had reached a settlement with {defendant} over the {detail}.",
    ])


def article(rng: random.Random, cast: Cast, number: int, start: date) -> tuple[str, str]:
    topic, details = STORIES[number % len(STORIES)]
    story_rng = random.Random(f"{topic}")  # each story keeps its own recurring cast
    story_people = story_rng.sample(cast.people, 30)
    story_orgs = story_rng.sample(cast.orgs, 10)
    outlet = rng.choice(OUTLETS)
    published = start + timedelta(days=number // 4)
    detail = rng.choice(details)
    speakers = rng.sample(story_people, 5) + rng.sample(cast.people, 1)
    org, other = rng.sample(story_orgs, 2)
    title = f"{org} faces new pressure over {detail} as {topic} drags on"
    paragraphs = [
        f"{published.strftime('%B')} {published.day} — The {topic} took a new turn on {rng.choice(WEEKDAYS)} as "
        f"{speakers[0]} and {speakers[1]} traded accusations over the {detail}, deepening a rift that has "
        f"divided {org} and {other} for months."
    ]
    bank = sentence_bank(rng, topic, detail, org, other)
    rng.shuffle(bank)
    filler = iter(bank * 3)
    words = len(paragraphs[0].split())
    index = 0
    while words < 560:
        person = speakers[index % len(speakers)]
        parts = [quote_paragraph(rng, cast, person, rng.choice(details), topic, outlet), next(filler)]
        if index == 2 and number % 3 == 0:
            parts.append(legal_paragraph(rng, org, other, detail))
        if rng.random() < 0.6:
            parts.append(next(filler))
        paragraph = " ".join(parts)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
        index += 1
    body = "\n\n".join(paragraphs)
    text = f"title: {title}\noutlet: {outlet}\ndate: {published.isoformat()}\n\n{title}\n\n{body}\n"
    return f"{number:06d}-{topic.replace(' ', '-')}.txt", text


def generate(count: int, seed: int = 0) -> list[tuple[str, str]]:
    """`count` (file name, text) pairs; article k is the same whatever `count` is."""
    cast = Cast(random.Random(f"cast-{seed}"))
    start = date(2024, 1, 8)
    return [article(random.Random(f"{seed}-{k}"), cast, k, start) for k in range(count)]


def write_corpus(folder: str | Path, count: int, seed: int = 0) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate(count, seed):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def change(path: Path, salt: int = 1) -> None:
    """Edit an article the way an update would: a new paragraph before the last one."""
    text = path.read_text(encoding="utf-8").rstrip("\n")
    head, sep, last = text.rpartition("\n\n")
    extra = f"Update {salt}: officials confirmed on Friday that talks would resume next week, according to a person familiar with the plans."
    path.write_text(f"{head}{sep}{extra}\n\n{last}\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = write_corpus(args.out, args.articles, args.seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"wrote {len(paths)} articles, {words} words, to {args.out}")


if __name__ == "__main__":
    main()
