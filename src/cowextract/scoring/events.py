"""Score stored events against a gold file, by the rules of shared/gold/README.md."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from cowextract.models import Meeting, Pledge, Statement

Event = Meeting | Pledge | Statement
TYPES = ("meeting", "pledge", "statement")
WORD_RE = re.compile(r"\w+")
JACCARD_MIN = 0.5


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

    @property
    def overall(self) -> Tally:
        total = Tally()
        for t in self.tallies.values():
            total.add(t)
        return total

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


def words(text: str | None) -> set[str]:
    return set(WORD_RE.findall((text or "").lower()))


def jaccard(a: str | None, b: str | None) -> float:
    wa, wb = words(a), words(b)
    return len(wa & wb) / len(wa | wb) if wa or wb else 0.0


def _norm(name: str) -> str:
    return " ".join(name.casefold().split())


def _date_matches(gold: str | None, pred: str | None) -> bool:
    if gold is None or pred is None:
        return False
    if "/" in gold:
        lo, hi = gold.split("/", 1)
        p = pred.split("/", 1)[0]
        return lo <= p[: len(lo)] and p[: len(hi)] <= hi if len(p) >= len(lo) else False
    return pred.split("/", 1)[0][: len(gold)] == gold if len(pred) >= len(gold) else False


def _location_matches(gold: list[str], pred: Event) -> bool:
    if pred.location is None:
        return False
    name = _norm(pred.location.name)
    for g in gold:
        g = _norm(g)
        if g == name or re.search(rf"(?<!\w){re.escape(g)}(?!\w)", name) or (
                re.search(rf"(?<!\w){re.escape(name)}(?!\w)", g)):
            return True
    return False


class Matcher:
    """Event-type match rules; `canon` maps a name to its canonical form (actor registry)."""

    def __init__(self, canon: Callable[[str], str] = lambda s: s):
        self.canon = canon

    def names(self, names: Iterable[str]) -> set[str]:
        return {_norm(self.canon(n)) for n in names if n}

    def meeting(self, gold: dict, pred: Meeting) -> bool:
        pred_date = pred.date.value if pred.date else None
        if gold.get("date") is not None and pred_date is not None:
            return _date_matches(gold["date"], pred_date)
        return _location_matches(gold.get("location") or [], pred)

    def pledge(self, gold: dict, pred: Pledge) -> bool:
        g = self.names(gold.get("pledgers") or [])
        p = self.names(pred.names("pledger"))
        if g and p and not g & p:
            return False
        if gold.get("what") == pred.what:
            return True
        ga, pa = gold.get("amount"), pred.amount
        return bool(ga and pa and pa.value is not None and float(ga["value"]) == pa.value
                    and (ga.get("unit") or "").lower() == (pa.unit or "").lower())

    def quote(self, gold: dict, pred: Statement) -> bool:
        return jaccard(gold.get("quote"), pred.quote.text) >= JACCARD_MIN

    def speaker(self, gold: dict, pred: Statement) -> bool:
        return bool(self.names(gold.get("speaker") or []) & self.names(pred.names("speaker")))

    def statement(self, gold: dict, pred: Statement) -> bool:
        return self.quote(gold, pred) and self.speaker(gold, pred)

    def rule(self, kind: str) -> Callable[[dict, Event], bool]:
        return getattr(self, kind)


def max_matching(gold: list[dict], preds: list, ok: Callable[[dict, object], bool]
                 ) -> dict[int, int]:
    """A maximum one-to-one matching (gold index → prediction index), by augmenting paths."""
    edges = [[j for j, p in enumerate(preds) if ok(g, p)] for g in gold]
    owner: dict[int, int] = {}

    def augment(i: int, visited: set[int]) -> bool:
        for j in edges[i]:
            if j in visited:
                continue
            visited.add(j)
            if j not in owner or augment(owner[j], visited):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def article_key(name: str) -> str:
    """Gold files name articles by file name; stored paths may carry folders."""
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def score_events(gold: list[dict], predicted: Iterable[Event], *,
                 canon: Callable[[str], str] = lambda s: s) -> Report:
    """Per-type and overall P/R/F1, speaker accuracy, and the unmatched gold events."""
    matcher = Matcher(canon)
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

    report = Report(tallies={t: Tally() for t in TYPES})
    for key in sorted(set(gold_by) | set(pred_by)):
        kind = key[1]
        golds, preds = gold_by.get(key, []), pred_by.get(key, [])
        matching = max_matching(golds, preds, matcher.rule(kind))
        tally = report.tallies[kind]
        tally.gold += len(golds)
        tally.predicted += len(preds)
        tally.matched += len(matching)
        report.misses += [g for i, g in enumerate(golds) if i not in matching]
        used = set(matching.values())
        report.spurious += [p for j, p in enumerate(preds) if j not in used]
        if kind == "statement":
            for g in golds:
                quoted = [p for p in preds if matcher.quote(g, p)]
                if quoted:
                    report.speaker_total += 1
                    report.speaker_correct += any(matcher.speaker(g, p) for p in quoted)
    return report
