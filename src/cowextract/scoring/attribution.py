"""Score statements against attribution gold (polnear-dev rules, `eval/polnear-dev/README.md`).

A prediction matches a gold record of the same article when the Jaccard of the lower-cased
`\\w+` word sets of the two quotes is at least 0.5 and the prediction's speaker name or mention
shares a word (other than the/a/an) with a gold Source span. Matching is one-to-one (a maximum
bipartite matching). Speaker accuracy: among gold records whose quote some prediction matches
(quote rule alone), the share for which such a prediction also has a matching speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..models import Statement

WORD = re.compile(r"\w+")
STOP = {"the", "a", "an"}
QUOTE_THRESHOLD = 0.5


def words(text: str) -> set[str]:
    """Lower-cased `\\w+` word set."""
    return set(WORD.findall(text.lower()))


def jaccard(a: set[str], b: set[str]) -> float:
    """Jaccard of two sets; 0 when both are empty."""
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def quote_matches(gold_quote: str, predicted_quote: str) -> bool:
    """Quote rule: Jaccard of word sets at least 0.5."""
    return jaccard(words(gold_quote), words(predicted_quote)) >= QUOTE_THRESHOLD


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


def _max_matching(edges: list[list[int]], n_right: int) -> int:
    """Size of a maximum bipartite matching (augmenting paths; graphs here are tiny)."""
    match_right = [-1] * n_right

    def augment(u: int, seen: list[bool]) -> bool:
        for v in edges[u]:
            if seen[v]:
                continue
            seen[v] = True
            if match_right[v] < 0 or augment(match_right[v], seen):
                match_right[v] = u
                return True
        return False

    return sum(augment(u, [False] * n_right) for u in range(len(edges)))


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
            edges: list[list[int]] = []
            for g in golds:
                gw = words(g["quote"])
                row = []
                q_any = s_any = False
                for j, p in enumerate(preds):
                    if jaccard(gw, words(p.quote.text)) < QUOTE_THRESHOLD:
                        continue
                    q_any = True
                    if speaker_matches(g["speaker"], p):
                        s_any = True
                        row.append(j)
                edges.append(row)
                quote_hit += q_any
                speaker_hit += s_any
            matched += _max_matching(edges, len(preds))
        res = _prf(matched, n_pred, n_gold)
        res["speaker_accuracy"] = round(speaker_hit / quote_hit, 4) if quote_hit else 0.0
        res["quote_matched_gold"] = quote_hit
        out[subset] = res
    return out
