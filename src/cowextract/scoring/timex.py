"""Scoring temporal expressions against TimeML gold (see the timebank set's README):
relaxed, one-to-one extent matching and exact-string value accuracy."""

from __future__ import annotations

import re
from pathlib import Path

from cowextract.errors import GoldError
from cowextract.jsonio import NotJSON, loads
from cowextract.models import Timex

_YMD = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _prf(matched_pred: int, n_pred: int, matched_gold: int, n_gold: int) -> dict:
    p = matched_pred / n_pred if n_pred else 0.0
    r = matched_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "matched": matched_gold,
            "predicted": n_pred, "gold": n_gold}


def _match(gold: list[dict], pred: list[Timex]) -> list[tuple[dict, Timex]]:
    """One-to-one relaxed matching: in text order, each gold takes the still-unmatched
    overlapping prediction with the largest overlap."""
    pairs = []
    used: set[int] = set()
    for g in sorted(gold, key=lambda g: (g["start"], g["end"])):
        best, best_overlap = None, 0
        for i, p in enumerate(pred):
            if i in used:
                continue
            overlap = min(g["end"], p.end) - max(g["start"], p.start)
            if overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is not None:
            used.add(best)
            pairs.append((g, pred[best]))
    return pairs


def _value_equal(gold_value: str | None, predicted: str | None) -> bool:
    return gold_value is not None and predicted == gold_value


def score_timex(gold: list[dict], predicted: dict[str, list[Timex]]) -> dict:
    """Score predictions (article -> timexes) against gold records.

    Returns `date` (extent P/R/F1 of DATE-typed predictions against DATE gold), `all`
    (extent P/R/F1 of every prediction against every gold timex), `value_accuracy` over the
    matched DATE gold and `value_accuracy_ymd` over matched DATE gold whose value is
    `YYYY[-MM[-DD]]`, with their counts."""
    by_article: dict[str, list[dict]] = {}
    for g in gold:
        by_article.setdefault(g["article"], []).append(g)
    articles = set(by_article) | set(predicted)
    n = {"date_gold": 0, "date_pred": 0, "date_match": 0, "all_gold": 0, "all_pred": 0,
         "all_match": 0, "value_ok": 0, "ymd": 0, "ymd_ok": 0}
    for art in sorted(articles):
        golds = by_article.get(art, [])
        preds = sorted(predicted.get(art, []), key=lambda t: (t.start, t.end))
        date_gold = [g for g in golds if g.get("timex_type") == "DATE"]
        date_pred = [p for p in preds if p.type == "DATE"]
        pairs = _match(date_gold, date_pred)
        n["date_gold"] += len(date_gold)
        n["date_pred"] += len(date_pred)
        n["date_match"] += len(pairs)
        for g, p in pairs:
            ok = _value_equal(g.get("value"), p.value)
            n["value_ok"] += ok
            if g.get("value") and _YMD.fullmatch(g["value"]):
                n["ymd"] += 1
                n["ymd_ok"] += ok
        all_pairs = _match(golds, preds)
        n["all_gold"] += len(golds)
        n["all_pred"] += len(preds)
        n["all_match"] += len(all_pairs)
    return {
        "date": _prf(n["date_match"], n["date_pred"], n["date_match"], n["date_gold"]),
        "all": _prf(n["all_match"], n["all_pred"], n["all_match"], n["all_gold"]),
        "value_accuracy": n["value_ok"] / n["date_match"] if n["date_match"] else 0.0,
        "value_matched": n["date_match"],
        "value_accuracy_ymd": n["ymd_ok"] / n["ymd"] if n["ymd"] else 0.0,
        "value_matched_ymd": n["ymd"],
    }


def _published(meta_path: Path):
    from datetime import date

    if not meta_path.exists():
        return None
    try:
        meta = loads(_read(meta_path))
        raw = meta.get("published") if isinstance(meta, dict) else None
        return date.fromisoformat(raw[:10]) if raw else None
    except NotJSON as exc:
        raise GoldError(f"{meta_path}: {exc.reason}") from None
    except (TypeError, ValueError):
        raise GoldError(f"{meta_path}: 'published' is not a YYYY-MM-DD date") from None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})") \
            from None


def evaluate_timex_gold(gold: list[dict], articles_dir: Path, nlp, batch_size: int = 32
                        ) -> dict:
    """Tag every article the gold records name and score the result (`score_timex`).

    Article texts are `articles_dir/<article>`, publication dates the `published` field of
    `<article stem>.meta.json` beside them."""
    from cowextract.extract.timex import tag

    articles_dir = Path(articles_dir)
    names = sorted({g["article"] for g in gold})
    texts = [_read(articles_dir / name) for name in names]
    dates = [_published(articles_dir / (Path(name).stem + ".meta.json")) for name in names]
    predicted: dict[str, list[Timex]] = {}
    for name, doc, pub in zip(names, nlp.pipe(texts, batch_size=batch_size), dates,
                              strict=True):
        predicted[name] = tag(doc, pub)
    return score_timex(gold, predicted)
