"""Child process of the benchmark: bare `nlp.pipe` over a corpus folder (the floor cost).

The texts are exactly what `cowextract ingest` hands to spaCy: each document is loaded and
cleaned by cowextract's own load and metadata stages first (not timed). Then the pipeline
is loaded (timed apart) and `nlp.pipe` runs over every text with ingest's batch size.
Prints one JSON object on stdout.

Usage: python bench/bare.py DIR
"""

from __future__ import annotations

import json
import sys
import time


def main(directory: str) -> None:
    from cowextract.load import iter_documents
    from cowextract.metadata import build_article
    from cowextract.nlp import load_pipeline
    from cowextract.pipeline import BATCH_SIZE

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
    nlp = load_pipeline()
    load_s = time.perf_counter() - start

    start, cpu = time.perf_counter(), time.process_time()
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
        tokens += len(doc)
    pipe_s = time.perf_counter() - start
    pipe_cpu_s = time.process_time() - cpu

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
        "batch_size": BATCH_SIZE,
    }, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
