"""Attribute figures over matched pairs (shared/gold/README.md, "Attribute figures").

Matching is lenient; these say whether a matched event is also right:
- meeting participants: precision and recall of the predicted participant names (actors in a
  `host` or `participant` role, the only roles a meeting gets) against the gold list, summed
  over the matched meetings whose gold lists participants;
- meeting date accuracy: among matched meetings whose gold has a date, the share whose
  predicted date equals it at the gold precision; location accuracy, among those whose gold
  names a location, the share whose predicted place matches one;
- pledgers: precision and recall summed over the matched pledges whose gold names pledgers;
- amount accuracy: among matched pledges whose gold has an amount, the share whose predicted
  amount has the same value (the unit is not compared: the README asks for the value);
- speaker accuracy (counted by `score_events`, shown with them): among gold statements whose
  quote some prediction matches, the share whose speaker also matches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from cowextract.scoring.events import (
    PARTICIPANT_ROLES,
    Event,
    Matcher,
    amount_value_equal,
    article_key,
    date_matches,
    location_matches,
)


@dataclass
class Share:
    """An accuracy: `hits` right out of `total` eligible pairs (`unit` says what they are)."""

    unit: str = "matched pairs"
    hits: int = 0
    total: int = 0

    def add(self, ok: bool) -> bool:
        self.hits += ok
        self.total += 1
        return ok

    def figures(self, name: str) -> list[tuple[str, float | None, str]]:
        value = self.hits / self.total if self.total else None
        return [(f"{name}_accuracy", value, f"{self.hits}/{self.total} {self.unit}")]


@dataclass
class Overlap:
    """Names summed over pairs: `common` to both sides, `predicted` and `gold` in all."""

    common: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, gold: set[str], predicted: set[str]) -> None:
        self.common += len(gold & predicted)
        self.predicted += len(predicted)
        self.gold += len(gold)

    def figures(self, name: str) -> list[tuple[str, float | None, str]]:
        p = self.common / self.predicted if self.predicted else None
        r = self.common / self.gold if self.gold else None
        return [(f"{name}_precision", p, f"{self.common}/{self.predicted} predicted names"),
                (f"{name}_recall", r, f"{self.common}/{self.gold} gold names")]


def _figures() -> dict[str, Share | Overlap]:
    """The figures in the order they are shown; names are metric name stems."""
    return {"meeting.participants": Overlap(), "meeting.date": Share(),
            "meeting.location": Share(), "pledge.pledgers": Overlap(),
            "pledge.amount": Share(), "speaker": Share("quote-matched gold statements")}


@dataclass
class Attributes:
    """The attribute figures and, for `--misses`, the matched pairs whose attribute is wrong."""

    figures: dict[str, Share | Overlap] = field(default_factory=_figures)
    wrong: list[dict] = field(default_factory=list)

    def share(self, name: str) -> Share:
        figure = self.figures[name]
        assert isinstance(figure, Share)
        return figure

    def overlap(self, name: str) -> Overlap:
        figure = self.figures[name]
        assert isinstance(figure, Overlap)
        return figure

    def _values(self) -> list[tuple[str, float | None, str]]:
        return [f for name, figure in self.figures.items() for f in figure.figures(name)]

    def metrics(self) -> dict[str, float]:
        """Figures by metric name (`meeting.date_accuracy`, `pledge.pledgers_recall`,
        `speaker_accuracy` …), rounded to 3 decimals; a figure with nothing to count is left
        out."""
        return {name: round(v, 3) for name, v, _ in self._values() if v is not None}

    def rows(self) -> list[dict]:
        """One row per figure: its metric name, value (empty: nothing to count) and counts."""
        return [{"figure": name, "value": None if v is None else round(v, 3), "count": count}
                for name, v, count in self._values()]


def _wrong(figure: str, gold: dict, pred: Event, gold_value, pred_value) -> dict:
    return {"miss": "wrong_attribute", "figure": figure, "article": article_key(gold["article"]),
            "gold": gold_value, "predicted": pred_value, "prediction": pred.id,
            "evidence": gold.get("evidence")}


def _meeting(out: Attributes, m: Matcher, gold: dict, pred) -> None:
    names = m.names(gold.get("participants") or [])
    if names:
        predicted = m.participants(pred)
        out.overlap("meeting.participants").add(names, predicted)
        if names != predicted:
            out.wrong.append(_wrong("meeting.participants", gold, pred, gold["participants"],
                                    [a.name for a in pred.actors if a.role in PARTICIPANT_ROLES]))
    pred_date = pred.date.value if pred.date else None
    if gold.get("date") is not None and not out.share("meeting.date").add(
            date_matches(gold["date"], pred_date)):
        out.wrong.append(_wrong("meeting.date", gold, pred, gold["date"], pred_date))
    places = gold.get("location") or []
    if places and not out.share("meeting.location").add(location_matches(places, pred)):
        out.wrong.append(_wrong("meeting.location", gold, pred, places,
                                pred.location.name if pred.location else None))


def _pledge(out: Attributes, m: Matcher, gold: dict, pred) -> None:
    names = m.names(gold.get("pledgers") or [])
    if names:
        predicted = m.names(pred.names("pledger"))
        out.overlap("pledge.pledgers").add(names, predicted)
        if names != predicted:
            out.wrong.append(_wrong("pledge.pledgers", gold, pred, gold["pledgers"],
                                    pred.names("pledger")))
    amount = gold.get("amount")
    if amount and not out.share("pledge.amount").add(amount_value_equal(amount, pred)):
        got = pred.amount.model_dump(exclude={"text"}) if pred.amount else None
        out.wrong.append(_wrong("pledge.amount", gold, pred, amount, got))


def attribute_figures(pairs: Mapping[str, Iterable[tuple[dict, Event]]], *,
                      speakers: tuple[int, int] = (0, 0),
                      canon: Callable[[str], str] = lambda s: s) -> Attributes:
    """The attribute figures of the matched meetings and pledges (`Report.pairs`), with the
    speaker accuracy `score_events` counts (`speakers` = right, quote-matched)."""
    matcher = Matcher(canon)
    out = Attributes()
    for gold, pred in pairs.get("meeting", ()):
        _meeting(out, matcher, gold, pred)
    for gold, pred in pairs.get("pledge", ()):
        _pledge(out, matcher, gold, pred)
    speaker = out.share("speaker")
    speaker.hits, speaker.total = speakers
    return out
