"""Score stored events against a gold file, by the rules of shared/gold/README.md."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from cowextract.models import Meeting, Pledge, Statement
from cowextract.store import date_range

Event = Meeting | Pledge | Statement
T = TypeVar("T")
TYPES = ("meeting", "pledge", "statement")
WORD_RE = re.compile(r"\w+")
JACCARD_MIN = 0.5
# The actor roles that make a predicted meeting participant (`meetings.py` gives a meeting
# only these two: whoever hosts it takes part in it).
PARTICIPANT_ROLES = ("participant", "host")


@dataclass
class Tally:
    predicted: int = 0
    gold: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @staticmethod
    def total(tallies: Iterable[Tally]) -> Tally:
        """The sum of several tallies."""
        out = Tally()
        for t in tallies:
            out.add(t)
        return out

    def add(self, other: Tally) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.matched += other.matched


@dataclass
class Report:
    tallies: dict[str, Tally] = field(default_factory=dict)
    speaker_total: int = 0
    speaker_correct: int = 0
    misses: list[dict] = field(default_factory=list)
    spurious: list[Event] = field(default_factory=list)
    # Every matched (gold, prediction) pair, by type: what the attribute figures read.
    pairs: dict[str, list[tuple[dict, Event]]] = field(default_factory=dict)

    @property
    def overall(self) -> Tally:
        return Tally.total(self.tallies.values())

    @property
    def speaker_accuracy(self) -> float | None:
        return self.speaker_correct / self.speaker_total if self.speaker_total else None

    def rows(self) -> list[dict]:
        out = []
        for name, t in [*self.tallies.items(), ("overall", self.overall)]:
            out.append({"type": name, "gold": t.gold, "predicted": t.predicted,
                        "matched": t.matched, "precision": round(t.precision, 3),
                        "recall": round(t.recall, 3), "f1": round(t.f1, 3)})
        return out


def same_number(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(float(a), float(b), rel_tol=1e-9)


def amount_value_equal(gold: dict | None, pred: Pledge) -> bool:
    """The predicted amount has the gold amount's value (the unit is not compared)."""
    return bool(gold and pred.amount and same_number(gold.get("value"), pred.amount.value))


def amounts_equal(gold: dict | None, pred: Pledge) -> bool:
    """Equal amounts: the same value in the same unit (case-insensitive)."""
    if gold is None or pred.amount is None:
        return False
    return amount_value_equal(gold, pred) and (
        (gold.get("unit") or "").casefold() == (pred.amount.unit or "").casefold())


def words(text: str | None) -> set[str]:
    return set(WORD_RE.findall((text or "").lower()))


def jaccard(a: str | None, b: str | None) -> float:
    wa, wb = words(a), words(b)
    return len(wa & wb) / len(wa | wb) if wa or wb else 0.0


def _norm(name: str) -> str:
    return " ".join(name.casefold().split())


def _ends(value: str) -> tuple[str, str]:
    """A TimeML value's first and last parts: `a/b` → (a, b), a single value → (v, v)."""
    first, _, last = value.partition("/")
    return first, last or first


def _inside(value: str, lo: str, hi: str) -> bool:
    """`value` at least as precise as both ends and, cut to their precisions, between them."""
    if len(value) < max(len(lo), len(hi)):
        return False
    return lo <= value[: len(lo)] and value[: len(hi)] <= hi


def date_matches(gold: str | None, pred: str | None) -> bool:
    """The dates are equal at the gold precision; a gold interval matches a date inside it.

    A predicted value is cut to the gold's length (`2025-09-04` is `2025-09` at month
    precision); a predicted interval is equal only when both its ends are (`2025-09-04/
    2025-09-06` is `2025-09`, but not `2025-09-04`), and lies inside a gold interval only
    when both its ends do. A coarser prediction (`2025-09` for `2025-09-04`) is not equal."""
    if gold is None or pred is None:
        return False
    if "-W" in pred:  # an ISO week or weekend stands for its days
        days = date_range(pred)
        pred = f"{days[0]}/{days[1]}" if days[0] and days[1] else pred
    first, last = _ends(pred)
    if "/" in gold:
        lo, hi = _ends(gold)
        return _inside(first, lo, hi) and _inside(last, lo, hi)
    return all(len(end) >= len(gold) and end[: len(gold)] == gold for end in (first, last))


def _places(pred: Event) -> list[str]:
    """What a prediction gives as its location: the place, and `virtual` when the meeting
    was held (or partly held) by video link (`Meeting.format`)."""
    places = [_norm(pred.location.name)] if pred.location else []
    if getattr(pred, "format", None) in ("virtual", "hybrid"):
        places.append("virtual")
    return places


def _place_matches(gold: str, name: str) -> bool:
    return gold == name or bool(re.search(rf"(?<!\w){re.escape(gold)}(?!\w)", name)) or bool(
        re.search(rf"(?<!\w){re.escape(name)}(?!\w)", gold))


def location_matches(gold: list[str], pred: Event) -> bool:
    """A predicted place is one of the gold's acceptable names, contains one as whole words
    (`Élysée Palace, Paris` for `Paris`) or is contained in one."""
    names = [n for n in _places(pred) if n]
    return any(_place_matches(_norm(g), n) for g in gold if _norm(g) for n in names)


class Matcher:
    """Event-type match rules; `canon` maps a name to its canonical form (actor registry)."""

    def __init__(self, canon: Callable[[str], str] = lambda s: s):
        self.canon = canon

    def names(self, names: Iterable[str]) -> set[str]:
        return {_norm(self.canon(n)) for n in names if n}

    def participants(self, pred: Meeting) -> set[str]:
        """A meeting's participants: its actors in a participant role (host or participant)."""
        return self.names(a.name for a in pred.actors if a.role in PARTICIPANT_ROLES)

    def meeting(self, gold: dict, pred: Meeting) -> bool:
        """Dates equal at the gold precision; when either is null, a location matching; when
        the gold has neither date nor location, participant sets that overlap."""
        gold_date = gold.get("date")
        pred_date = pred.date.value if pred.date else None
        if gold_date is not None and pred_date is not None:
            return date_matches(gold_date, pred_date)
        places = gold.get("location") or []
        if location_matches(places, pred):
            return True
        if gold_date is None and not places:
            return bool(self.names(gold.get("participants") or []) & self.participants(pred))
        return False

    def pledge(self, gold: dict, pred: Pledge) -> bool:
        """Equal polarities, overlapping pledgers (an empty side passes), and `what` or the
        amounts equal."""
        if gold.get("polarity", "commit") != pred.polarity:
            return False
        g = self.names(gold.get("pledgers") or [])
        p = self.names(pred.names("pledger"))
        if g and p and not g & p:
            return False
        return gold.get("what") == pred.what or amounts_equal(gold.get("amount"), pred)

    def quote(self, gold: dict, pred: Statement) -> bool:
        return jaccard(gold.get("quote"), pred.quote.text) >= JACCARD_MIN

    def speaker(self, gold: dict, pred: Statement) -> bool:
        return bool(self.names(gold.get("speaker") or []) & self.names(pred.names("speaker")))

    def statement(self, gold: dict, pred: Statement) -> bool:
        return self.quote(gold, pred) and self.speaker(gold, pred)

    def rule(self, kind: str) -> Callable[[dict, Event], bool]:
        return getattr(self, kind)

    def agreement(self, gold: dict, pred: Event) -> float:
        """How far a matching pair's attributes agree, from 0 to 1 (the share of the gold's
        stated attributes the prediction gets right): what the matching prefers among
        equally large ones."""
        checks: list[float] = []
        if isinstance(pred, Meeting):
            if gold.get("date") is not None:
                checks.append(date_matches(gold["date"], pred.date.value if pred.date else None))
            if gold.get("location"):
                checks.append(location_matches(gold["location"], pred))
            if gold.get("participants"):
                checks.append(_overlap(self.names(gold["participants"]), self.participants(pred)))
        elif isinstance(pred, Pledge):
            if gold.get("pledgers"):
                checks.append(_overlap(self.names(gold["pledgers"]),
                                       self.names(pred.names("pledger"))))
            if gold.get("amount"):
                checks.append(amount_value_equal(gold["amount"], pred))
            checks.append(gold.get("what") == pred.what)
        else:
            checks.append(jaccard(gold.get("quote"), pred.quote.text))
        return sum(checks) / len(checks) if checks else 0.0


def _overlap(gold: set[str], pred: set[str]) -> float:
    """The F1 of two name sets (0 when either is empty)."""
    shared = len(gold & pred)
    return 2 * shared / (len(gold) + len(pred)) if shared else 0.0


def max_matching(gold: list[dict], preds: list[T], ok: Callable[[dict, T], bool],
                 agreement: Callable[[dict, T], float] | None = None) -> dict[int, int]:
    """A maximum one-to-one matching (gold index → prediction index). With `agreement`
    (0 to 1: how far a pair's attributes agree), the maximum matching whose pairs agree
    most: when two gold events could each take either of two predictions, each takes the
    one that reports it, so the attribute figures measure the events, not an arbitrary
    pairing."""
    # Every allowed pair outweighs any sum of agreements: the matching stays maximum.
    big = 1.0 + len(gold)
    weights = [[(big + (agreement(g, p) if agreement else 0.0)) if ok(g, p) else 0.0
                for p in preds] for g in gold]
    assignment = _assignment(weights)
    return {i: j for i, j in assignment.items() if weights[i][j] > 0}


def _assignment(weights: list[list[float]]) -> dict[int, int]:
    """The rows → columns assignment of greatest total weight (the Hungarian method on the
    negated weights, padded to a square); rows or columns left over get no partner."""
    n = max(len(weights), max((len(r) for r in weights), default=0))
    if n == 0:
        return {}
    cost = [[-(weights[i][j] if i < len(weights) and j < len(weights[i]) else 0.0)
             for j in range(n)] for i in range(n)]
    u, v = [0.0] * (n + 1), [0.0] * (n + 1)
    owner = [0] * (n + 1)  # column → row (1-based; 0: none)
    for i in range(1, n + 1):
        owner[0], j0 = i, 0
        low, way, used = [float("inf")] * (n + 1), [0] * (n + 1), [False] * (n + 1)
        while owner[j0]:
            used[j0] = True
            i0, delta, j1 = owner[j0], float("inf"), 0
            for j in range(1, n + 1):
                if not used[j]:
                    reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if reduced < low[j]:
                        low[j], way[j] = reduced, j0
                    if low[j] < delta:
                        delta, j1 = low[j], j
            for j in range(n + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    low[j] -= delta
            j0 = j1
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    return {owner[j] - 1: j - 1 for j in range(1, n + 1)
            if owner[j] and owner[j] - 1 < len(weights) and j - 1 < len(weights[0] or [])}


def article_key(name: str) -> str:
    """Gold files name articles by file name; stored paths may carry folders."""
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def _group(gold: list[dict], predicted: Iterable[Event]
           ) -> tuple[dict[tuple[str, str], list[dict]], dict[tuple[str, str], list[Event]]]:
    """Gold and predictions by (article file name, type); predictions of gold articles only."""
    gold_by: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for g in gold:
        if g.get("type") in TYPES:
            gold_by[(article_key(g["article"]), g["type"])].append(g)
    articles = {a for a, _ in gold_by}
    pred_by: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for e in predicted:
        key = article_key(e.article.path)
        if key in articles:
            pred_by[(key, e.type)].append(e)
    return gold_by, pred_by


def _speakers(report: Report, matcher: Matcher, golds: list[dict], preds: list) -> None:
    """Speaker accuracy's counts: gold quotes some prediction matches, and of those the ones
    a quote-matching prediction also gives the right speaker."""
    for g in golds:
        quoted = [p for p in preds if matcher.quote(g, p)]
        if quoted:
            report.speaker_total += 1
            report.speaker_correct += any(matcher.speaker(g, p) for p in quoted)


def score_events(gold: list[dict], predicted: Iterable[Event], *,
                 canon: Callable[[str], str] = lambda s: s) -> Report:
    """Per-type and overall P/R/F1, speaker accuracy, the matched pairs, the unmatched gold
    events and the unmatched predictions."""
    matcher = Matcher(canon)
    gold_by, pred_by = _group(gold, predicted)
    report = Report(tallies={t: Tally() for t in TYPES}, pairs={t: [] for t in TYPES})
    for key in sorted(set(gold_by) | set(pred_by)):
        kind = key[1]
        golds, preds = gold_by.get(key, []), pred_by.get(key, [])
        matching = max_matching(golds, preds, matcher.rule(kind), matcher.agreement)
        tally = report.tallies[kind]
        tally.gold += len(golds)
        tally.predicted += len(preds)
        tally.matched += len(matching)
        report.pairs[kind] += [(golds[i], preds[j]) for i, j in sorted(matching.items())]
        report.misses += [g for i, g in enumerate(golds) if i not in matching]
        used = set(matching.values())
        report.spurious += [p for j, p in enumerate(preds) if j not in used]
        if kind == "statement":
            _speakers(report, matcher, golds, preds)
    return report
