"""Child process of the benchmark: bare `nlp.pipe` over a corpus folder (the floor cost).

The texts are exactly what `cowextract ingest` hands to spaCy: each document is loaded and
cleaned by cowextract's own load and metadata stages first (not timed). Then the pipeline
is loaded (timed apart) and `nlp.pipe` runs over every text with ingest's batch size.

The floor is the pipeline as spaCy ships it (`load_pipeline(stock=True)`: every component
of the model, with cowextract's entity rulers and line-break rule, which ingest needs too).
The same texts then go through the pipeline as cowextract configures it (its attribute
rules applied by look-up, lemmas made only for the tokens the extractors ask about), reported
as `ours_*`, so that the report shows both what
ingest saves on spaCy and what it adds on top of its own pipeline.
Prints one JSON object on stdout. With --stock-only, only the floor is timed (the
benchmark's repeat runs, which need nothing else).

Usage: python bench/bare.py DIR [--stock-only]
"""

from __future__ import annotations

import json
import sys
import time


def main(directory: str, stock_only: bool = False) -> None:
    from cowextract.nlp.pipeline import load_pipeline
    from cowextract.prepare.load import iter_documents
    from cowextract.prepare.metadata import build_article
    from cowextract.settings import DEFAULT

    start = time.perf_counter()
    texts: list[str] = []
    ids: set[str] = set()
    errors = 0
    for raw in iter_documents([directory]):
        try:
            article = build_article(raw)
        except Exception:  # noqa: BLE001 - counted and reported; the ingest run names them
            errors += 1
            continue
        ids.add(article.id)
        texts.append(article.text)
    prepare_s = time.perf_counter() - start

    start = time.perf_counter()
    nlp = load_pipeline(stock=True)
    load_s = time.perf_counter() - start
    tokens, pipe_s, pipe_cpu_s = _time_pipe(nlp, texts, DEFAULT.batch_size)
    figures: dict = {}
    if not stock_only:
        ours = load_pipeline()
        _, ours_pipe_s, ours_pipe_cpu_s = _time_pipe(ours, texts, DEFAULT.batch_size)
        figures = {"ours_pipe_s": round(ours_pipe_s, 3),
                   "ours_pipe_cpu_s": round(ours_pipe_cpu_s, 3),
                   "ours_pipeline": list(ours.pipe_names)}

    json.dump({
        "articles": len(texts),
        "unique_ids": len(ids),
        "unreadable": errors,
        "words": sum(len(t.split()) for t in texts),
        "chars": sum(len(t) for t in texts),
        "tokens": tokens,
        "prepare_s": round(prepare_s, 3),
        "load_s": round(load_s, 3),
        "pipe_s": round(pipe_s, 3),
        "pipe_cpu_s": round(pipe_cpu_s, 3),
        "pipeline": list(nlp.pipe_names),
        "batch_size": DEFAULT.batch_size,
        **figures,
    }, sys.stdout)


def _time_pipe(nlp, texts: list[str], batch_size: int) -> tuple[int, float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=batch_size):
        tokens += len(doc)
    return tokens, time.perf_counter() - start, time.process_time() - cpu


if __name__ == "__main__":
    main(sys.argv[1], stock_only="--stock-only" in sys.argv[2:])
