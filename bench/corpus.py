"""A synthetic, deterministic news corpus for the benchmark.

Articles look like cowextract's inputs (a ` date YYYY-MM-DD` header line or a
`NAME.meta.json` sidecar, a headline, paragraphs about meetings, pledges and statements
with names, countries, dates and amounts, “…”, «…» and "…" quotes, some pipe tables of
meetings, some bodies printed twice, some trailing `Comments (3)` lines), 150–900 words
each. Article `i` depends only on `(seed, i)`, so a smaller corpus is a prefix of a larger
one with the same seed. Everything here is vocabulary and templates written for the
benchmark; nothing is copied from a real article.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

MIN_WORDS, MAX_WORDS = 150, 900

# (office, name, adjective, country, capital)
LEADERS = [
    ("President", "Emmanuel Macron", "French", "France", "Paris"),
    ("Prime Minister", "Keir Starmer", "British", "Britain", "London"),
    ("Chancellor", "Friedrich Merz", "German", "Germany", "Berlin"),
    ("Prime Minister", "Donald Tusk", "Polish", "Poland", "Warsaw"),
    ("President", "Volodymyr Zelensky", "Ukrainian", "Ukraine", "Kyiv"),
    ("Prime Minister", "Giorgia Meloni", "Italian", "Italy", "Rome"),
    ("Prime Minister", "Mette Frederiksen", "Danish", "Denmark", "Copenhagen"),
    ("President", "Alexander Stubb", "Finnish", "Finland", "Helsinki"),
    ("Prime Minister", "Ulf Kristersson", "Swedish", "Sweden", "Stockholm"),
    ("Prime Minister", "Dick Schoof", "Dutch", "the Netherlands", "The Hague"),
    ("Prime Minister", "Pedro Sánchez", "Spanish", "Spain", "Madrid"),
    ("Prime Minister", "Mark Carney", "Canadian", "Canada", "Ottawa"),
    ("Prime Minister", "Kristen Michal", "Estonian", "Estonia", "Tallinn"),
    ("President", "Gitanas Nausėda", "Lithuanian", "Lithuania", "Vilnius"),
    ("Prime Minister", "Anthony Albanese", "Australian", "Australia", "Canberra"),
    ("Prime Minister", "Bart De Wever", "Belgian", "Belgium", "Brussels"),
    ("Prime Minister", "Luís Montenegro", "Portuguese", "Portugal", "Lisbon"),
    ("Prime Minister", "Jonas Gahr Støre", "Norwegian", "Norway", "Oslo"),
    ("President", "Recep Tayyip Erdoğan", "Turkish", "Turkey", "Ankara"),
    ("Prime Minister", "Petr Fiala", "Czech", "the Czech Republic", "Prague"),
]
OFFICIAL_ROLES = ["defence minister", "foreign minister", "deputy foreign minister",
                  "national security adviser", "chief of defence staff", "government spokesperson",
                  "finance minister", "ambassador to NATO", "junior defence minister"]
FIRST = ["Anna", "Lars", "Marta", "Tomas", "Ingrid", "Pieter", "Elena", "Jakub", "Sofia",
         "Henrik", "Claire", "Mikkel", "Olga", "Rui", "Katarzyna", "Dmytro", "Nadia", "Jonas",
         "Helena", "Marek", "Ines", "Oskar", "Laura", "Viktor", "Agnes", "Matteo", "Liisa",
         "Bruno", "Signe", "Andrius", "Carmen", "Felix", "Irena", "Joost", "Maren", "Taras"]
LAST = ["Kowalczyk", "Lindqvist", "Moreau", "Varga", "Jansen", "Oliveira", "Novak", "Berger",
        "Halvorsen", "Rossi", "Tamm", "Kazlauskas", "Dupont", "Fischer", "Nieminen", "Bakker",
        "Horvat", "Petrenko", "Lund", "Costa", "Wright", "Ozols", "Schneider", "Svoboda",
        "Marchetti", "Eriksen", "Kovalenko", "Laurent", "Aalto", "Brennan", "Zielinski", "Vos"]
ORGS = ["NATO", "the European Union", "the European Commission", "the United Nations",
        "the G7", "the OSCE", "the European Council"]
VENUES = {"Paris": ["the Élysée Palace", "the Quai d'Orsay"],
          "London": ["Lancaster House", "Downing Street"],
          "Berlin": ["the Chancellery"], "Kyiv": ["the Mariinskyi Palace"],
          "Brussels": ["NATO headquarters", "the Europa building"],
          "Rome": ["Palazzo Chigi"], "Warsaw": ["the Belweder"]}
TOPICS = ["security guarantees for Ukraine", "a ceasefire monitoring mission",
          "air defence for Ukrainian cities", "the reconstruction of the energy grid",
          "new sanctions on Russian oil", "a multinational reassurance force",
          "demining of farmland", "training for Ukrainian pilots", "maritime security in the "
          "Black Sea", "long-term funding for the Ukrainian army", "drone production"]
PURPOSES = ["air defence systems", "artillery ammunition", "the energy grid", "drone production",
            "demining equipment", "humanitarian aid", "winter repairs", "pilot training",
            "armoured vehicles", "a reconstruction fund", "coastal defence"]
UNITS = [("€", "million"), ("€", "billion"), ("$", "million"), ("$", "billion"),
         ("£", "million"), ("", "million euros"), ("", "billion kroner")]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
SOURCES = ["Baltic Defence Brief", "Continental Wire", "Northern Ledger", "Capital Dispatch",
           "The Morning Post", "Eastern Monitor", "Harbour Times", "Euro Desk Daily"]

QUOTE_OPEN = ["We will", "Europe must", "Our soldiers are ready to", "No one should",
              "This coalition will", "We cannot", "The allies have agreed to", "We are going to",
              "Nobody in this room wants to", "It is time to", "We intend to", "Russia must"]
QUOTE_VERB = ["keep up the pressure on", "stand by", "protect", "put real numbers behind",
              "finish the work on", "double our support for", "speak with one voice on",
              "never give up on", "be serious about", "pay for", "plan properly for"]
QUOTE_OBJECT = ["the people of Ukraine", "a just and lasting peace", "the ceasefire",
                "our common security", "the guarantees we promised", "the skies over Kyiv",
                "the next phase", "every pledge on this list", "a credible deterrent",
                "the front line", "the reconstruction effort"]
QUOTE_TAIL = ["", "", " and we will do it together", " whatever it takes",
              " for as long as it takes", ", and that is not negotiable",
              " before the winter", ", not just with words"]
FILLER = [
    "Officials stressed that no decision had been taken on the size or shape of any "
    "deployment, and that much would depend on the terms of a future agreement.",
    "The talks came as negotiators prepared for another round of discussions on a possible "
    "truce, with diplomats cautious about the chances of a quick breakthrough.",
    "Analysts said the meeting showed how far planning had moved since the spring, even if "
    "the hardest questions about command and rules of engagement remained open.",
    "Several governments said any contribution would need the approval of their "
    "parliaments, which could take weeks or months.",
    "The group has met regularly in person and by video link, and its members say it "
    "has become the main forum for coordinating support outside formal alliances.",
    "Behind closed doors, diplomats described the mood as businesslike rather than "
    "celebratory, with a long list of technical questions still to settle.",
    "Critics at home warned that the costs were rising quickly and that voters had not "
    "been told how long the commitment would last.",
    "Military planners have been working on options ranging from air policing to "
    "logistics hubs in neighbouring countries.",
    "The next round of talks is expected to focus on financing, an issue that has divided "
    "larger and smaller members of the group.",
    "A joint statement issued after the session repeated earlier commitments but added "
    "few details.",
]


@dataclass
class Generated:
    """What was written: one entry per article, for the run's totals."""

    path: Path
    kind: str  # header | sidecar | undated
    words: int  # words of the body as written once (the repeat not counted)
    table: bool
    repeated: bool
    comments: bool


class ArticleWriter:
    """Writes one article from its own `random.Random`."""

    def __init__(self, rng: random.Random):
        self.r = rng
        self.published = date(2025, 1, 1) + timedelta(days=rng.randrange(365))

    # --- small pieces ---------------------------------------------------------------
    def leader(self):
        return self.r.choice(LEADERS)

    def official(self) -> tuple[str, str, str]:
        _, _, adj, country, _ = self.leader()
        name = f"{self.r.choice(FIRST)} {self.r.choice(LAST)}"
        return f"{adj} {self.r.choice(OFFICIAL_ROLES)}", name, country

    def day(self) -> str:
        """A date as news writes it, near the publication date."""
        r = self.r
        when = self.published - timedelta(days=r.randrange(0, 6))
        form = r.randrange(6)
        if form == 0:
            return f"on {WEEKDAYS[when.weekday()]}"
        if form == 1:
            return f"on {when.day} {MONTHS[when.month - 1]}"
        if form == 2:
            return f"on {MONTHS[when.month - 1]} {when.day}, {when.year}"
        if form == 3:
            return "last week"
        if form == 4:
            return "earlier this month"
        return f"on {WEEKDAYS[when.weekday()]}, {when.day} {MONTHS[when.month - 1]}"

    def future(self) -> str:
        r = self.r
        later = self.published + timedelta(days=r.randrange(3, 90))
        return r.choice([f"on {later.day} {MONTHS[later.month - 1]}", "next month",
                         f"by the end of {MONTHS[later.month - 1]}", "within weeks",
                         f"in {MONTHS[later.month - 1]} {later.year}"])

    def amount(self) -> str:
        r = self.r
        sym, unit = r.choice(UNITS)
        value = r.choice([r.randrange(5, 950), round(r.uniform(1.1, 9.9), 1)])
        if unit == "billion" or unit.startswith("billion"):
            value = round(r.uniform(1.0, 12.0), 1)
        return f"{sym}{value} {unit}" if sym else f"{value} {unit}"

    def quote(self) -> str:
        r = self.r
        text = f"{r.choice(QUOTE_OPEN)} {r.choice(QUOTE_VERB)} {r.choice(QUOTE_OBJECT)}"
        return text + r.choice(QUOTE_TAIL)

    def quoted(self, body: str, end: str = ",") -> str:
        style = self.r.choice(["curly", "curly", "guillemets", "straight"])
        left, right = {"curly": ("“", "”"), "guillemets": ("«", "»"),
                       "straight": ('"', '"')}[style]
        return f"{left}{body}{end}{right}"

    # --- paragraphs -----------------------------------------------------------------
    def meeting(self) -> str:
        r = self.r
        office, name, adj, country, capital = self.leader()
        venue = r.choice(VENUES.get(capital, [capital]))
        place = f"in {capital}" if venue == capital else f"at {venue} in {capital}"
        form = r.randrange(4)
        if form == 0:
            n = r.randrange(12, 36)
            return (f"{adj} {office} {name} hosted leaders from {n} countries {place} "
                    f"{self.day()} to discuss {r.choice(TOPICS)}. "
                    f"{r.choice(FILLER)}")
        if form == 1:
            o2, n2, a2, c2, cap2 = self.leader()
            return (f"{name} met {a2} {o2} {n2} in {capital} {self.day()}, according to "
                    f"{adj} officials. The two leaders "
                    f"discussed {r.choice(TOPICS)} and agreed to meet again {self.future()}.")
        if form == 2:
            k = r.randrange(5, 30)
            role = r.choice(["Defence ministers", "Foreign ministers", "Military chiefs",
                             "National security advisers"])
            return (f"{role} from {k} countries held a video call {self.day()} to prepare "
                    f"{r.choice(TOPICS)}, {r.choice(ORGS)} said in a statement. "
                    f"{r.choice(FILLER)}")
        role, oname, ocountry = self.official()
        return (f"The {role} {oname} travelled to {capital} {self.day()} for talks with "
                f"{name} on {r.choice(TOPICS)}. A follow-up meeting is planned "
                f"{self.future()} in {r.choice(['Brussels', 'Paris', 'London', 'Rome'])}.")

    def pledge(self) -> str:
        r = self.r
        office, name, adj, country, capital = self.leader()
        form = r.randrange(4)
        if form == 0:
            return (f"{country[0].upper() + country[1:]} has pledged {self.amount()} this year "
                    f"for {r.choice(PURPOSES)} for Ukraine, the {adj} government said "
                    f"{self.day()}.")
        if form == 1:
            return (f"{office} {name} announced {self.amount()} in military aid for Ukraine "
                    f"{self.day()}, including {r.choice(PURPOSES)} and "
                    f"{r.choice(PURPOSES)}.")
        if form == 2:
            troops = r.choice(["a company-sized unit", "a battalion", f"{r.randrange(50, 3000)} "
                               "soldiers", "two frigates", "four fighter jets",
                               "a field hospital"])
            return (f"{country[0].upper() + country[1:]} is prepared to send {troops} to "
                    f"Ukraine once a ceasefire is agreed, {name} told reporters in {capital}.")
        org = r.choice(ORGS)
        return (f"{org[0].upper() + org[1:]} will provide "
                f"{self.amount()} for {r.choice(PURPOSES)}, officials said {self.day()}, "
                f"adding that the first deliveries would arrive {self.future()}.")

    def statement(self) -> str:
        r = self.r
        office, name, adj, country, capital = self.leader()
        surname = name.split()[-1]
        form = r.randrange(6)
        if form == 0:
            return f"{self.quoted(self.quote())} {surname} said. {self.quoted(self.quote(), '.')}"
        if form == 1:
            return (f"{self.quoted(self.quote())} {name} told reporters in {capital} "
                    f"{self.day()}.")
        if form == 2:
            role, oname, ocountry = self.official()
            return (f"The {role}, {oname}, said {ocountry} would {r.choice(QUOTE_VERB)} "
                    f"{r.choice(QUOTE_OBJECT)}. {self.quoted(self.quote(), '.')}")
        if form == 3:
            return (f"{surname} said {self.day()} that {country} would not "
                    f"{r.choice(['send troops', 'block the plan', 'lift sanctions', 'wait'])} "
                    f"and called the proposal {self.quoted(r.choice(QUOTE_OBJECT), '')}.")
        if form == 4:
            return (f"According to a statement from {surname}'s office, {country} was ready to "
                    f"{r.choice(QUOTE_VERB)} {r.choice(QUOTE_OBJECT)}.")
        return (f"{self.quoted(self.quote())} said {adj} {office} {name}. "
                f"{r.choice(FILLER)}")

    def table(self) -> str:
        r = self.r
        rows = ["| Date | Host | Location | Participants |", "|---|---|---|---|"]
        when = self.published - timedelta(days=r.randrange(60, 200))
        for _ in range(r.randrange(3, 7)):
            _, name, _, _, capital = self.leader()
            when += timedelta(days=r.randrange(7, 40))
            venue = r.choice(VENUES.get(capital, [capital]))
            where = venue if venue == capital else f"{venue}, {capital}"
            rows.append(f"| {when.day} {MONTHS[when.month - 1]} {when.year} | {name} | "
                        f"{where} | {r.randrange(8, 40)} |")
        return "\n".join(rows)

    def title(self) -> str:
        r = self.r
        _, name, adj, country, capital = self.leader()
        return r.choice([
            f"{name} hosts allies in {capital} as talks on {r.choice(TOPICS)} resume",
            f"{country[0].upper() + country[1:]} pledges {self.amount()} for "
            f"{r.choice(PURPOSES)}",
            f"{adj} leader says coalition will {r.choice(QUOTE_VERB)} {r.choice(QUOTE_OBJECT)}",
            f"Allies meet in {capital} to discuss {r.choice(TOPICS)}",
            f"Coalition partners split over {r.choice(TOPICS)}",
        ])

    def body(self) -> tuple[list[str], int, bool]:
        """Paragraphs of 150–900 words; a pipe table in about one article in seven."""
        r = self.r
        target = int(r.triangular(MIN_WORDS, MAX_WORDS, 380))
        paragraphs: list[str] = []
        words = 0
        has_table = r.random() < 0.15
        makers = [self.meeting, self.pledge, self.statement, self.statement]
        while words < target:
            para = r.choice(makers)()
            if r.random() < 0.5:
                para += " " + r.choice(FILLER)
            n = len(para.split())
            if words + n > MAX_WORDS and words >= MIN_WORDS:
                break
            paragraphs.append(para)
            words += n
        if has_table:
            at = r.randrange(1, len(paragraphs) + 1)
            paragraphs.insert(at, "Meetings so far:")
            paragraphs.insert(at + 1, self.table())
        return paragraphs, words, has_table

    def write(self, directory: Path, stem: str) -> Generated:
        r = self.r
        title = self.title()
        paragraphs, words, has_table = self.body()
        repeated = r.random() < 0.08
        comments = r.random() < 0.15
        kind = r.choices(["header", "sidecar", "undated"], weights=[55, 35, 10])[0]
        sep = "\n" if r.random() < 0.3 else "\n\n"
        body = sep.join(paragraphs)
        if repeated:
            body = body + sep + body
        lines = []
        if kind == "header":
            lines.append(f" date {self.published.isoformat()} ")
        lines += [title, "", body]
        if comments:
            lines += ["", f"Comments ({r.randrange(0, 40)})"]
        path = directory / f"{stem}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        if kind == "sidecar":
            meta = {"published": self.published.isoformat(), "source": r.choice(SOURCES),
                    "title": title}
            (directory / f"{stem}.meta.json").write_text(json.dumps(meta, ensure_ascii=False),
                                                         encoding="utf-8")
        return Generated(path, kind, words, has_table, repeated, comments)


def generate(directory: Path, size: int, seed: int) -> list[Generated]:
    """Write `size` articles into an empty `directory` (replaced if it exists)."""
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    seen: set[str] = set()
    out: list[Generated] = []
    for i in range(size):
        attempt = 0
        while True:
            rng = random.Random(f"cowextract-bench:{seed}:{i}:{attempt}")
            stem = f"a{i:05d}"
            item = ArticleWriter(rng).write(directory, stem)
            digest = hashlib.sha256(item.path.read_bytes()).hexdigest()
            if digest not in seen:
                seen.add(digest)
                break
            attempt += 1  # practically never: redraw rather than ship a duplicate
        out.append(item)
    return out
