"""`cowextract eval`: read a gold file, pick its matching rules, score, and report."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from cowextract.errors import GoldError
from cowextract.jsonio import NotJSON, loads
from cowextract.scoring.events import article_key, score_events
from cowextract.scoring.metadata import is_metadata

RULES = ("auto", "events", "metadata", "attribution", "timex")


@dataclass
class EvalResult:
    title: str
    rows: list[dict]
    metrics: dict = field(default_factory=dict)  # name → value, for floors and JSON
    notes: list[str] = field(default_factory=list)
    misses: list[dict] = field(default_factory=list)
    tables: list[tuple[str, list[dict]]] = field(default_factory=list)  # (title, rows) below

    def as_dict(self) -> dict:
        """Everything: the main rows, the further tables, metrics, notes and misses."""
        return {"title": self.title, "rows": self.rows,
                "tables": [{"title": t, "rows": r} for t, r in self.tables],
                "metrics": self.metrics, "notes": self.notes, "misses": self.misses}

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
    """The records of a gold JSON Lines file: each names its `article`, and has a `type`
    unless it is an article's metadata."""
    records = []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})") \
            from None
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = loads(line, what="JSON line")
        except NotJSON as exc:
            raise GoldError(f"{path}:{lineno}: {exc.reason}") from None
        if not isinstance(record, dict) or not isinstance(record.get("article"), str) or (
                "type" not in record and not is_metadata(record)):
            raise GoldError(f"{path}:{lineno}: a gold record needs 'article' and 'type' "
                            "(or 'title', 'published', 'source')")
        records.append(record)
    if not records:
        raise GoldError(f"{path}: no gold records")
    return records


def detect_rules(gold: list[dict]) -> str:
    if all(is_metadata(g) for g in gold):
        return "metadata"
    if any(g.get("type") == "timex" for g in gold):
        return "timex"
    if any("source_start" in g for g in gold):
        return "attribution"
    return "events"


def selector(only: Iterable[str] = ()) -> Callable[[str], bool]:
    """Whether an article (path or file name) is selected: its file name matches one of the
    globs (`d*`, `e0?.txt`), or there are none."""
    globs = tuple(only)
    return lambda name: not globs or any(fnmatchcase(article_key(name), g) for g in globs)


def _select(gold: list[dict], only: tuple[str, ...]) -> list[dict]:
    keep = selector(only)
    chosen = [g for g in gold if keep(g["article"])]
    if not chosen:
        raise GoldError(f"no gold records of articles matching {' '.join(only)}")
    return chosen


def _stored(store_factory, db_path: str, gold: list[dict]):
    wanted = {article_key(g["article"]) for g in gold}
    with store_factory(db_path) as store:
        events = [e for e in store.events() if article_key(e.article.path) in wanted]
        found = {article_key(a["path"]) for a in store.path_metadata()}
    missing = wanted - found
    return events, missing


def _missing_note(missing: set[str]) -> list[str]:
    if not missing:
        return []
    shown = ", ".join(sorted(missing)[:5]) + ("…" if len(missing) > 5 else "")
    return [f"not in the database: {len(missing)} gold articles ({shown})"]


def _events(gold, db_path, store_factory, actor_files) -> EvalResult:
    from cowextract.actors.registry import Registry
    from cowextract.scoring.attributes import attribute_figures
    from cowextract.scoring.misses import unmatched

    registry = Registry.load(actor_files)

    def canon(name: str) -> str:
        entry = registry.lookup(name, fuzzy=False)
        return entry.name if entry else name

    events, missing = _stored(store_factory, db_path, gold)
    report = score_events(gold, events, canon=canon)
    rows = report.rows()
    metrics = {f"{r['type']}.{k}": r[k] for r in rows for k in ("precision", "recall", "f1")}
    figures = attribute_figures(report.pairs, canon=canon,
                                speakers=(report.speaker_correct, report.speaker_total))
    metrics.update(figures.metrics())
    result = EvalResult("events vs gold", rows, metrics, _missing_note(missing),
                        unmatched(report) + figures.wrong,
                        [("attributes of matched events", figures.rows())])
    if any(g.get("event_key") for g in gold):
        _grouping(result, report.pairs, db_path, store_factory)
    return result


def _grouping(result: EvalResult, pairs, db_path, store_factory) -> None:
    """Add the cross-article grouping figures of the matched meetings and pledges."""
    from cowextract.scoring.links import linked_events, score_links

    ids = [p.id for kind in ("meeting", "pledge") for _, p in pairs.get(kind, ())]
    with store_factory(db_path) as store:
        clusters = store.event_clusters(ids)
    links = score_links(linked_events(pairs, clusters))
    result.tables.append(("cross-article grouping of matched events (gold event_key)",
                          links.rows()))
    result.metrics.update(links.metrics())
    result.misses += links.misses


def _metadata(gold, db_path, store_factory) -> EvalResult:
    from cowextract.scoring.metadata import score_metadata

    with store_factory(db_path) as store:
        stored = {article_key(a["path"]): a for a in store.path_metadata()}
    report = score_metadata(gold, stored)
    notes = [*_missing_note({g["article"] for g in gold} - set(stored)),
             "source accuracy is an extra figure: shared/gold/README.md scores the "
             "publication date and the title only"]
    return EvalResult("article metadata vs gold", report.rows(), report.metrics(), notes,
                      report.misses)


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


def _timex(gold, articles_dir, model, actor_files) -> EvalResult:
    from cowextract.nlp.pipeline import load_pipeline
    from cowextract.scoring.timex import evaluate_timex_gold

    nlp = load_pipeline(model, actor_files)
    scores = evaluate_timex_gold(gold, articles_dir, nlp)
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
             model: str | None, actor_files: tuple = (), store_factory,
             only: tuple[str, ...] = ()) -> EvalResult:
    """Score against `gold_path` with the rules its records call for (or those named), on
    the articles whose file names match `only` (globs; all when empty)."""
    gold = _select(read_gold(gold_path), only)
    rules = detect_rules(gold) if rules == "auto" else rules
    if rules == "timex":
        # Article texts are beside the gold file unless said otherwise.
        return _timex(gold, articles_dir or gold_path.parent / "articles", model, actor_files)
    if rules == "metadata":
        return _metadata(gold, db_path, store_factory)
    if rules == "attribution":
        return _attribution(gold, db_path, store_factory)
    return _events(gold, db_path, store_factory, actor_files)
