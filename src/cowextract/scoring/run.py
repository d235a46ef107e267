"""`cowextract eval`: read a gold file, pick its matching rules, score, and report."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from cowextract.errors import GoldError
from cowextract.scoring.events import article_key, score_events


@dataclass
class EvalResult:
    title: str
    rows: list[dict]
    metrics: dict = field(default_factory=dict)  # name → value, for floors and JSON
    notes: list[str] = field(default_factory=list)
    misses: list[dict] = field(default_factory=list)

    def as_dict(self, *, misses: bool = False) -> dict:
        out = {"title": self.title, "rows": self.rows, "metrics": self.metrics}
        if misses:
            out["misses"] = self.misses
        return out

    def below(self, floors: dict[str, float]) -> list[str]:
        """Floors (`meeting` = that type's F1, or any metric name) that were not reached."""
        failed = []
        for name, floor in floors.items():
            key = name if name in self.metrics else f"{name}.f1"
            value = self.metrics.get(key)
            if value is None:
                failed.append(f"{name}: no such metric")
            elif value < floor:
                failed.append(f"{name} {value:.3f} < {floor:.3f}")
        return failed


def read_gold(path: Path) -> list[dict]:
    records = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                raise GoldError(f"{path}:{lineno}: malformed JSON ({exc.msg})") from None
            if not isinstance(record, dict) or "article" not in record or "type" not in record:
                raise GoldError(f"{path}:{lineno}: a gold record needs 'article' and 'type'")
            records.append(record)
    if not records:
        raise GoldError(f"{path}: no gold records")
    return records


def detect_rules(gold: list[dict]) -> str:
    if any(g["type"] == "timex" for g in gold):
        return "timex"
    if any("source_start" in g for g in gold):
        return "attribution"
    return "events"


def _stored(store_factory, db_path: str, gold: list[dict]):
    wanted = {article_key(g["article"]) for g in gold}
    with store_factory(db_path) as store:
        events = [e for e in store.events() if article_key(e.article.path) in wanted]
        found = {article_key(a["path"]) for a in store.articles()}
    missing = wanted - found
    return events, missing


def _events(gold, db_path, store_factory, actor_files) -> EvalResult:
    from cowextract.actors.registry import Registry

    registry = Registry.load(actor_files)

    def canon(name: str) -> str:
        entry = registry.lookup(name, fuzzy=False)
        return entry.name if entry else name

    events, missing = _stored(store_factory, db_path, gold)
    report = score_events(gold, events, canon=canon)
    rows = report.rows()
    metrics = {f"{r['type']}.{k}": r[k] for r in rows for k in ("precision", "recall", "f1")}
    notes = []
    if report.speaker_accuracy is not None:
        metrics["speaker_accuracy"] = round(report.speaker_accuracy, 3)
        notes.append(f"speaker accuracy: {report.speaker_accuracy:.3f} "
                     f"({report.speaker_correct}/{report.speaker_total} quote-matched statements)")
    if missing:
        notes.append(f"not in the database: {len(missing)} gold articles "
                     f"({', '.join(sorted(missing)[:5])}{'…' if len(missing) > 5 else ''})")
    return EvalResult("events vs gold", rows, metrics, notes, report.misses)


def _attribution(gold, db_path, store_factory) -> EvalResult:
    from cowextract.scoring.attribution import score_attribution

    events, missing = _stored(store_factory, db_path, gold)
    predicted: dict[str, list] = defaultdict(list)
    for e in events:
        if e.type == "statement":
            predicted[article_key(e.article.path)].append(e)
    scores = score_attribution(gold, predicted)
    rows, metrics = [], {}
    for name in ("all", "direct"):
        s = scores[name]
        rows.append({"subset": name, **{k: s[k] for k in ("gold", "predicted", "matched",
                                                         "precision", "recall", "f1",
                                                         "speaker_accuracy")}})
        metrics.update({f"{name}.{k}": s[k] for k in ("precision", "recall", "f1",
                                                       "speaker_accuracy")})
    metrics["speaker_accuracy"] = scores["all"]["speaker_accuracy"]
    notes = []
    if missing:
        notes.append(f"not in the database: {len(missing)} gold articles")
    return EvalResult("attributions vs gold", rows, metrics, notes, scores.get("misses", []))


def _timex(gold_path, articles_dir, model, actor_files) -> EvalResult:
    from cowextract.nlp.pipeline import load_pipeline
    from cowextract.scoring.timex import evaluate_timex_gold

    nlp = load_pipeline(model, actor_files)
    scores = evaluate_timex_gold(gold_path, articles_dir, nlp)
    rows = []
    for name in ("date", "all"):
        s = scores[name]
        rows.append({"extent": name.upper() if name == "date" else "all types",
                     **{k: round(s[k], 4) for k in ("gold", "predicted", "matched",
                                                    "precision", "recall", "f1")}})
    metrics = {f"{name}.{k}": scores[name][k] for name in ("date", "all")
               for k in ("precision", "recall", "f1")}
    metrics["value_accuracy"] = scores["value_accuracy"]
    metrics["value_accuracy_ymd"] = scores["value_accuracy_ymd"]
    notes = [f"DATE value accuracy: {scores['value_accuracy']:.3f} over "
             f"{scores['value_matched']} matched DATEs; {scores['value_accuracy_ymd']:.3f} over "
             f"the {scores['value_matched_ymd']} with a YYYY[-MM[-DD]] value"]
    return EvalResult("temporal expressions vs gold", rows, metrics, notes,
                      scores.get("misses", []))


def evaluate(gold_path: Path, *, rules: str = "auto", db_path: str, articles_dir: Path | None,
             model: str | None, actor_files: tuple = (), store_factory) -> EvalResult:
    """Score against `gold_path` with the rules its records call for (or those named)."""
    gold = read_gold(gold_path)
    rules = detect_rules(gold) if rules == "auto" else rules
    if rules == "timex":
        return _timex(gold_path, articles_dir, model, actor_files)
    if rules == "attribution":
        return _attribution(gold, db_path, store_factory)
    return _events(gold, db_path, store_factory, actor_files)
