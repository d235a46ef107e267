"""Score statements against attribution gold (polnear-dev rules, `eval/polnear-dev/README.md`).

A prediction matches a gold record of the same article when the Jaccard of the lower-cased
`\\w+` word sets of the two quotes is at least 0.5 and the prediction's speaker name or mention
shares a word (other than the/a/an) with a gold Source span. Matching is one-to-one (a maximum
bipartite matching). Speaker accuracy: among gold records whose quote some prediction matches
(quote rule alone), the share for which such a prediction also has a matching speaker.
"""

from __future__ import annotations

from collections.abc import Iterable

from cowextract.models import Statement
from cowextract.scoring.events import JACCARD_MIN, jaccard, max_matching, words

STOP = {"the", "a", "an"}


def quote_matches(gold_quote: str, predicted_quote: str) -> bool:
    """Quote rule: Jaccard of word sets at least 0.5 (the rule of shared/gold/README.md)."""
    return jaccard(gold_quote, predicted_quote) >= JACCARD_MIN


def speaker_matches(gold_speakers: Iterable[str], statement: Statement) -> bool:
    """Speaker rule: the name or mention of a speaker shares a non-article word with gold."""
    gold = set()
    for s in gold_speakers:
        gold |= words(s) - STOP
    for actor in statement.actors:
        if actor.role != "speaker":
            continue
        pred = words(actor.name) | words(actor.mention or "")
        if (pred - STOP) & gold:
            return True
    return False


def _prf(matched: int, n_pred: int, n_gold: int) -> dict:
    p = matched / n_pred if n_pred else 0.0
    r = matched / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "matched": matched, "predicted": n_pred, "gold": n_gold}


def score_attribution(gold: list[dict], predicted: dict[str, list[Statement]]) -> dict:
    """P/R/F1 over all gold records and over `direct: true` ones, plus speaker accuracy.

    `gold` holds polnear-style records (`article`, `speaker` list, `quote`, `direct`);
    `predicted` maps an article file name to its statements. Direct-only scoring compares
    the predictions flagged direct with the direct gold records.
    """
    by_article: dict[str, list[dict]] = {}
    for g in gold:
        by_article.setdefault(g["article"], []).append(g)
    articles = set(by_article) | set(predicted)
    out: dict = {}
    for subset in ("all", "direct"):
        matched = n_pred = n_gold = 0
        quote_hit = speaker_hit = 0
        for art in articles:
            golds = [g for g in by_article.get(art, [])
                     if subset == "all" or g.get("direct")]
            preds = [p for p in predicted.get(art, [])
                     if subset == "all" or p.quote.direct]
            n_gold += len(golds)
            n_pred += len(preds)
            for g in golds:
                quoted = [p for p in preds if quote_matches(g["quote"], p.quote.text)]
                quote_hit += bool(quoted)
                speaker_hit += any(speaker_matches(g["speaker"], p) for p in quoted)
            matched += len(max_matching(
                golds, preds, lambda g, p: quote_matches(g["quote"], p.quote.text)
                and speaker_matches(g["speaker"], p)))
        res = _prf(matched, n_pred, n_gold)
        res["speaker_accuracy"] = round(speaker_hit / quote_hit, 4) if quote_hit else 0.0
        res["quote_matched_gold"] = quote_hit
        out[subset] = res
    return out
