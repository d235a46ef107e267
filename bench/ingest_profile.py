"""Child process of the benchmark: one `cowextract ingest` under pyinstrument.

Writes pyinstrument's text report to OUT and prints on stdout a JSON breakdown of the
sampled time, so the lead can see where the time outside spaCy goes:

- `spacy_pipe_s`: time inside spaCy's `Language.pipe` (the annotation every run pays),
  minus our own code that `nlp.pipe` calls while pulling its input (cleaning, metadata);
- `compiled_unattributed_s`: samples in compiled code whose Python caller is not visible
  (see `breakdown`); mostly spaCy's pipeline;
- `top_self`: every other sample charged to the innermost cowextract function on its
  stack (spaCy or pydantic calls made *by* an extractor count for that extractor);
- `top_inclusive`: the same samples charged to every cowextract function on the stack, so
  `pipeline.extract_article` shows the whole extraction stage.

Usage: python bench/ingest_profile.py DIR DB OUT
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter


def _label(frame) -> str | None:
    path = (frame.file_path or "").replace("\\", "/")
    if "/cowextract/" not in path or "/bench/" in path:
        return None
    module = path.rsplit("/cowextract/", 1)[1].removesuffix(".py").replace("/", ".")
    return f"{module}.{frame.function}"


def _is_pipe(frame) -> bool:
    return frame.function == "pipe" and (frame.file_path or "").endswith("spacy/language.py")


def breakdown(root) -> dict:
    """Charge each frame's self time as the module docstring says."""
    owner_self: Counter = Counter()
    inclusive: Counter = Counter()
    total = root.time
    pipe, outside = "<spaCy nlp.pipe>", "<outside cowextract: interpreter, imports>"

    def walk(frame, owner: str | None, chain: tuple[str, ...]) -> None:
        label = _label(frame)
        if _is_pipe(frame):
            owner = pipe
        elif label is not None:
            owner = label
            if label not in chain:
                chain = (*chain, label)
        own = frame.total_self_time  # includes the synthetic `[self]` children
        if own > 0:
            owner_self[owner or outside] += own
            if owner not in (pipe, None):
                for name in chain:
                    inclusive[name] += own
        for child in frame.children:
            if not child.is_synthetic:
                walk(child, owner, chain)

    # Compiled (Cython) code called from compiled code has no Python caller, so pyinstrument
    # files those samples at the top of the thread: mostly spaCy's own work inside
    # nlp.pipe, but Token and Matcher work done for an extractor lands there too.
    main = [c for c in root.children if not c.is_synthetic
            and (c.file_path or "").endswith("ingest_profile.py")]
    orphans = total - sum(c.time for c in main)
    for child in main:
        walk(child, None, ())
    floor = owner_self.pop(pipe, 0.0)
    outside_s = owner_self.pop(outside, 0.0)
    rest = sum(owner_self.values())

    def top(counter: Counter, n: int) -> list[dict]:
        return [{"function": name, "s": round(s, 3), "share_of_total": round(s / total, 4),
                 "share_of_cowextract": round(s / rest, 4) if rest else None}
                for name, s in counter.most_common(n)]

    return {"total_s": round(total, 3), "spacy_pipe_s": round(floor, 3),
            "compiled_unattributed_s": round(orphans, 3),
            "outside_cowextract_s": round(outside_s, 3), "cowextract_s": round(rest, 3),
            "top_self": top(owner_self, 15), "top_inclusive": top(inclusive, 25)}


class StageTimer:
    """Exclusive wall time per named section: a section's time excludes the sections it
    encloses, so the totals add up to the run. Generator steps (`next()` on nlp.pipe) are
    sections too, so input pulled by `nlp.pipe` (cleaning) is charged to cleaning."""

    def __init__(self) -> None:
        self.totals: Counter = Counter()
        self.calls: Counter = Counter()
        self.missing: list[str] = []
        self._stack: list[list] = []

    def section(self, name: str, fn, *args, **kwargs):
        self._stack.append([time.perf_counter(), 0.0])
        try:
            return fn(*args, **kwargs)
        finally:
            began, inner = self._stack.pop()
            elapsed = time.perf_counter() - began
            self.totals[name] += elapsed - inner
            self.calls[name] += 1
            if self._stack:
                self._stack[-1][1] += elapsed

    def wrap(self, owner, attr: str, name: str, *, materialise: bool = False) -> None:
        fn = getattr(owner, attr, None)
        if fn is None:
            self.missing.append(f"{getattr(owner, '__name__', owner)}.{attr}")
            return
        if materialise:  # generator functions: time the whole iteration
            def timed(*args, **kwargs):
                return self.section(name, lambda: list(fn(*args, **kwargs)))
        else:
            def timed(*args, **kwargs):
                return self.section(name, fn, *args, **kwargs)
        setattr(owner, attr, timed)

    def timed_iter(self, name: str, iterator):
        iterator = iter(iterator)
        while True:
            try:
                item = self.section(name, next, iterator)
            except StopIteration:
                return
            yield item


def instrument(timer: StageTimer) -> None:
    """Wrap the ingest stages (by their current names; a renamed one is listed missing)."""
    from cowextract import store
    from cowextract.extract import article as pipeline
    from cowextract.extract import timex
    from cowextract.prepare import articles
    from cowextract.run import ingest, serial

    load = ingest.load_pipeline

    def load_timed(*args, **kwargs):
        model = timer.section("model load (nlp.load_pipeline)", load, *args, **kwargs)
        if not getattr(model, "_bench_wrapped", False):
            pipe = model.pipe
            object.__setattr__(model, "pipe", lambda *a, **k: timer.timed_iter(
                "spaCy nlp.pipe (annotation)", pipe(*a, **k)))
            model._bench_wrapped = True
        return model

    ingest.load_pipeline = load_timed
    timer.wrap(articles, "build_article", "load+clean+metadata (build_article)")
    timer.wrap(store.Store, "has_article", "store lookup (Store.has_article)")
    timer.wrap(timex, "tag", "timex.tag")
    for i, extractor in enumerate(getattr(pipeline, "EXTRACTORS", ())):
        holder = type("Holder", (), {"f": staticmethod(extractor)})
        timer.wrap(holder, "f", f"{extractor.__module__.rsplit('.', 1)[-1]}.extract",
                   materialise=True)
        pipeline.EXTRACTORS = (*pipeline.EXTRACTORS[:i], holder.f, *pipeline.EXTRACTORS[i + 1:])
    timer.wrap(pipeline, "_checked", "validate events (pipeline._checked)")
    timer.wrap(pipeline, "numeric_claims", "claims (numeric_claims)")
    timer.wrap(pipeline, "_organisations", "claims (_organisations)")
    timer.wrap(pipeline, "ArticleActors", "actors (ArticleActors)")
    timer.wrap(serial, "extract_article", "extract_article (rest)")
    timer.wrap(store.Store, "add_article", "store write (Store.add_article)")
    timer.wrap(store.Store, "add_path", "store write (Store.add_path)")
    timer.wrap(ingest, "update_clusters", "clusters and claims (diff.update)")
    read = getattr(ingest, "iter_documents", None)
    if read is None:
        timer.missing.append("ingest.iter_documents")
    else:
        ingest.iter_documents = lambda *a, **k: timer.timed_iter(
            "read files (iter_documents)", read(*a, **k))


def main(directory: str, db: str, out: str) -> None:
    from pyinstrument import Profiler

    timer = StageTimer()
    profiler = Profiler(interval=0.002)
    began = time.perf_counter()
    profiler.start()
    from cowextract.cli.commands import cli

    instrument(timer)
    try:
        cli.main(["ingest", directory, "--db", db], prog_name="cowextract",
                 standalone_mode=False)
    finally:
        profiler.stop()
    total = time.perf_counter() - began
    with open(out, "w", encoding="utf-8") as f:
        f.write(profiler.output_text(unicode=True, color=False, show_all=False))
    result = breakdown(profiler.last_session.root_frame(trim_stem=False))
    timer.totals["other (imports, CLI, glue)"] = total - sum(timer.totals.values())
    result["stages"] = [
        {"stage": name, "s": round(s, 3), "share": round(s / total, 4),
         "calls": timer.calls.get(name, 0)}
        for name, s in timer.totals.most_common()]
    result["stages_total_s"] = round(total, 3)
    result["stages_missing"] = timer.missing
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main(*sys.argv[1:4])
