"""`make bench`: throughput and memory of cowextract on a synthetic corpus.

For each size (default 200, 2,000, 10,000 articles) it writes a deterministic corpus
(`bench/corpus.py`) and measures, on the same texts:

1. bare `nlp.pipe` of cowextract's own pipeline (the floor cost) — `bench/bare.py`;
2. `cowextract ingest DIR --db FRESH` end to end (the real CLI as a child process);
3. the same with `--jobs 2` (speed-up over `--jobs 1`);
4. re-ingest of the unchanged corpus into the same database;
5. the ingest process's peak resident memory (its rusage, from `os.wait4`);
6. bare `nlp.pipe` and the ingest again (`--repeats`), back to back: ingest/bare compares
   the fastest run of each, as the machine's speed drifts between the first two;

then `cowextract --help` and `cowextract query --limit 20` start-up on the largest store,
and one pyinstrument profile of an ingest (`bench/profile.txt`). Figures go to
`bench/results.json`, a table and PASS/FAIL lines against the targets to stdout.
Progress goes to stderr.

Sizes above `--full-max` get only the ingest, re-ingest and memory (no bare or
`--jobs 2` run), and a size whose estimated time (from the last measured throughput) would
overrun `--budget` minutes is skipped and recorded as skipped with the estimate.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402  (a sibling module, not an installed package)

BIN = Path(sys.executable).parent
COWEXTRACT = BIN / "cowextract"
SUMMARY_RE = re.compile(
    r"(\d+) new, (\d+) already stored, (\d+) skipped, (\d+) failed; events: (\d+) meetings, "
    r"(\d+) pledges, (\d+) statements")
TARGETS = {"ingest_vs_bare": 0.8, "jobs2_speedup": 1.7, "reingest_speedup": 20.0,
           "memory_growth": 1.2, "help_s": 0.5, "query_s": 0.5}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- child processes ------------------------------------------------------------------

def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and its descendants, from /proc (0 once it is gone)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except (OSError, ValueError):
            continue
    return total


def run_child(cmd: list[str], *, sample_memory: bool = False, timeout: float = 3600) -> dict:
    """Run a command to completion; wall time, CPU time and peak RSS from its own rusage
    (`os.wait4`, so one child's figures are never mixed with another's). A child still
    running after `timeout` seconds is killed (a hang must not stall the benchmark)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        began = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                cwd=ROOT)
        peak_tree = [0]
        done = threading.Event()

        timed_out = [False]

        def watch():
            while not done.wait(0.1):
                if sample_memory:
                    peak_tree[0] = max(peak_tree[0], _tree_rss_kb(proc.pid))
                if time.perf_counter() - began > timeout:
                    timed_out[0] = True
                    proc.kill()  # only the child this function started
                    return

        sampler = threading.Thread(target=watch, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - began
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        result = {
            "cmd": " ".join(str(c) for c in cmd).replace(str(ROOT) + "/", ""),
            "exit": proc.returncode,
            "wall_s": round(wall, 3),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),  # Linux reports KiB
            "stdout": out.read().decode("utf-8", "replace"),
            "stderr": err.read().decode("utf-8", "replace"),
        }
        if timed_out[0]:
            result["stderr"] += f"\n[bench] killed after {timeout:.0f} s (time limit)"
        if sample_memory:
            result["peak_tree_rss_mb"] = round(peak_tree[0] / 1024, 1)
        return result


def ingest(directory: Path, db: Path, *, jobs: int = 1, size: int,
           limit: float | None = None) -> dict:
    cmd = [str(COWEXTRACT), "ingest", str(directory), "--db", str(db)]
    if jobs > 1:
        cmd += ["--jobs", str(jobs)]
    r = run_child(cmd, sample_memory=True, timeout=limit or limit_s(size))
    match = SUMMARY_RE.search(r["stderr"])
    if match:
        keys = ("new", "known", "skipped", "failed", "meetings", "pledges", "statements")
        r["summary"] = dict(zip(keys, map(int, match.groups()), strict=True))
    stderr = r.pop("stderr")
    r.pop("stdout")
    if r["exit"] != 0 or not match:
        r["error"] = stderr.strip()[-800:]
    return r


def limit_s(size: int) -> float:
    """Time limit of one child: 5 s per article (about 15 times today's cost), at least 10 min."""
    return max(600.0, 5.0 * size)


def bare(directory: Path, size: int, *, stock_only: bool = False) -> dict:
    r = run_child([sys.executable, str(BENCH / "bare.py"), str(directory),
                   *(["--stock-only"] if stock_only else [])], timeout=limit_s(size))
    if r["exit"] != 0:
        raise SystemExit(f"bare nlp.pipe run failed:\n{r['stderr'][-2000:]}")
    figures = json.loads(r["stdout"])
    figures.update(wall_s=r["wall_s"], cpu_s=r["cpu_s"], peak_rss_mb=r["peak_rss_mb"])
    return figures


def median_run(cmd: list[str], n: int = 5) -> dict:
    runs = [run_child(cmd) for _ in range(n)]
    bad = [r for r in runs if r["exit"] != 0]
    return {"median_s": round(statistics.median(r["wall_s"] for r in runs), 3),
            "runs_s": [r["wall_s"] for r in runs],
            "cmd": runs[0]["cmd"],
            "error": bad[0]["stderr"].strip()[-500:] if bad else None}


def profile(directory: Path, db: Path, out: Path, size: int) -> dict:
    r = run_child([sys.executable, str(BENCH / "ingest_profile.py"), str(directory), str(db),
                   str(out)], timeout=2 * limit_s(size))
    if r["exit"] != 0:
        return {"error": r["stderr"].strip()[-1500:]}
    return json.loads(r["stdout"])


# --- one size -----------------------------------------------------------------------

def per_s(count: float, seconds: float | None) -> float | None:
    return round(count / seconds, 2) if seconds else None


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a and b else None


def measure_size(size: int, args, workdir: Path, per_article_s: float | None) -> dict:
    """All runs at one size. `per_article_s` (the last size's ingest cost per article) sets
    the ingest time limit: three times the linear estimate, so a phase that grows faster
    than the corpus is stopped and reported instead of eating the run's time."""
    directory = workdir / f"seed{args.seed}-n{size}"
    log(f"size {size}: writing corpus to {directory}")
    written = corpus.generate(directory, size, args.seed)
    entry: dict = {"corpus": {
        "articles": len(written),
        "words_written": sum(g.words for g in written),
        "with_header_date": sum(g.kind == "header" for g in written),
        "with_sidecar": sum(g.kind == "sidecar" for g in written),
        "undated": sum(g.kind == "undated" for g in written),
        "with_table": sum(g.table for g in written),
        "body_repeated": sum(g.repeated for g in written),
        "with_comments_line": sum(g.comments for g in written),
        "bytes": sum(p.stat().st_size for p in directory.iterdir()),
    }}
    full = size <= args.full_max
    if full:
        log(f"size {size}: bare nlp.pipe")
        b = bare(directory, size)
        entry["bare"] = b
        entry["corpus"].update(words=b["words"], unique_ids=b["unique_ids"])
        entry["bare"]["articles_per_s"] = per_s(b["articles"], b["pipe_s"])
        entry["bare"]["words_per_s"] = per_s(b["words"], b["pipe_s"])
        entry["bare"]["ours_articles_per_s"] = per_s(b["articles"], b.get("ours_pipe_s"))
        if b["unique_ids"] != size:
            entry.setdefault("warnings", []).append(
                f"only {b['unique_ids']} distinct article ids among {size} articles")

    db = fresh_db(workdir / f"seed{args.seed}-n{size}.db")
    log(f"size {size}: ingest --jobs 1 (fresh database)")
    limit = max(600.0, 3 * per_article_s * size) if per_article_s else None
    first = ingest(directory, db, size=size, limit=limit)
    if "error" in first:
        entry["ingest"] = first
        entry["peak_rss_mb"] = first["peak_rss_mb"]
        if full:
            entry["ingest_vs_bare"] = None
        entry.setdefault("warnings", []).append(
            f"ingest failed (re-ingest and --jobs 2 not run): {first['error'][-300:]}")
        return entry
    words = entry["corpus"].get("words", entry["corpus"]["words_written"])
    seconds = None if "error" in first else first["wall_s"]
    first["articles_per_s"] = per_s(size, seconds)
    first["words_per_s"] = per_s(words, seconds)
    entry["ingest"] = first
    log(f"size {size}: re-ingest (same database)")
    again = ingest(directory, db, size=size)
    entry["reingest"] = again
    entry["reingest_speedup"] = ratio(seconds, None if "error" in again else again["wall_s"])
    entry["peak_rss_mb"] = first["peak_rss_mb"]
    if full:
        db2 = workdir / f"seed{args.seed}-n{size}-jobs2.db"
        log(f"size {size}: ingest --jobs 2 (fresh database)")
        j2 = ingest(directory, fresh_db(db2), jobs=2, size=size)
        if "error" in j2:
            entry["jobs2"] = None
            entry["jobs2_note"] = f"--jobs 2 failed: {j2['error'][-300:]}"
        else:
            j2["articles_per_s"] = per_s(size, j2["wall_s"])
            entry["jobs2"] = j2
            entry["jobs2_speedup"] = ratio(first["wall_s"], j2["wall_s"])
            if j2.get("summary") != first.get("summary"):
                entry.setdefault("warnings", []).append(
                    f"--jobs 2 stored different counts from --jobs 1: {j2.get('summary')} vs "
                    f"{first.get('summary')}")
            one, two = store_digests(db), store_digests(db2)
            differ = [t for t in STORED if one[t] != two[t]]
            entry["jobs2_same_store"] = not differ
            if differ:
                entry.setdefault("warnings", []).append(
                    f"--jobs 2 stored other rows than --jobs 1 in: {', '.join(differ)}")
            if first["wall_s"] < args.pairs_under:
                _more_pairs(entry, directory, workdir / f"seed{args.seed}-n{size}-pair.db",
                            size, args.pairs)
        _floor_runs(entry, directory, workdir / f"seed{args.seed}-n{size}-floor.db", size,
                    args.repeats)
    summary = first.get("summary") or {}
    if "error" in first:
        entry.setdefault("warnings", []).append(f"ingest failed: {first['error'][-300:]}")
    elif summary.get("new") != entry["corpus"].get("unique_ids", size):
        entry.setdefault("warnings", []).append(f"ingest stored {summary.get('new')} of {size}")
    if (again.get("summary") or {}).get("new"):
        entry.setdefault("warnings", []).append(
            f"re-ingest stored {again['summary']['new']} articles again")
    entry["db"] = str(db)
    return entry


STORED = ("events", "timexes", "clusters", "cluster_members", "claims", "cluster_keys")


def store_digests(db: Path) -> dict[str, str]:
    """A digest of each table that ingest fills, over its rows in a fixed order."""
    conn = sqlite3.connect(db)
    try:
        digests = {}
        for table in STORED:
            h = hashlib.sha256()
            columns = len(conn.execute(f"SELECT * FROM {table} LIMIT 0").description)
            order = ", ".join(str(i) for i in range(1, columns + 1))
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY {order}"):
                h.update(repr(row).encode())
            digests[table] = h.hexdigest()
        return digests
    finally:
        conn.close()


def fresh_db(db: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return db


def _more_pairs(entry: dict, directory: Path, db: Path, size: int, pairs: int) -> None:
    """A run of tens of seconds moves by a tenth with the machine's other load, so at small
    sizes the speed-up is the median over `pairs` (--jobs 1, --jobs 2) runs taken back to
    back, each pair under the same conditions; every pair's figures are kept. Every other
    pair runs --jobs 2 first, so that a machine drifting faster or slower over a pair does
    not favour one side."""
    runs = [(entry["ingest"]["wall_s"], entry["jobs2"]["wall_s"])]
    for n in range(2, pairs + 1):
        order = (1, 2) if n % 2 else (2, 1)
        log(f"size {size}: pair {n} of {pairs}: ingest --jobs {order[0]}, then --jobs {order[1]}")
        done = {j: ingest(directory, fresh_db(db), jobs=j, size=size) for j in order}
        one, two = done[1], done[2]
        if "error" in one or "error" in two:
            entry.setdefault("warnings", []).append(
                f"pair {n} failed: {(one.get('error') or two.get('error'))[-300:]}")
            break
        runs.append((one["wall_s"], two["wall_s"]))
    fresh_db(db)
    entry["jobs2_pairs"] = [{"jobs1_s": a, "jobs2_s": b, "speedup": ratio(a, b)}
                            for a, b in runs]
    entry["jobs2_speedup_first"] = entry["jobs2_speedup"]
    entry["jobs2_speedup"] = statistics.median(p["speedup"] for p in entry["jobs2_pairs"])


def _floor_runs(entry: dict, directory: Path, db: Path, size: int, repeats: int) -> None:
    """Bare nlp.pipe and ingest run minutes apart, and this machine's speed drifts by up to
    a third from one hour to the next: the pair is run `repeats` times in all, back to back,
    and ingest/bare compares the fastest run of each (every run's figures are kept)."""
    runs = [{"bare_s": entry["bare"]["pipe_s"], "bare_cpu_s": entry["bare"]["pipe_cpu_s"],
             "ingest_s": entry["ingest"]["wall_s"], "ingest_cpu_s": entry["ingest"]["cpu_s"]}]
    for n in range(2, repeats + 1):
        log(f"size {size}: repeat {n} of {repeats}: bare nlp.pipe, then ingest --jobs 1")
        b = bare(directory, size, stock_only=True)
        i = ingest(directory, fresh_db(db), size=size)
        if "error" in i:
            entry.setdefault("warnings", []).append(f"repeat {n} failed: {i['error'][-300:]}")
            break
        runs.append({"bare_s": b["pipe_s"], "bare_cpu_s": b["pipe_cpu_s"],
                     "ingest_s": i["wall_s"], "ingest_cpu_s": i["cpu_s"]})
    fresh_db(db)
    for r in runs:
        r["ratio"] = ratio(r["bare_s"], r["ingest_s"])
    entry["floor_runs"] = runs
    best = {k: min(r[k] for r in runs) for k in runs[0] if k != "ratio"}
    entry["bare"]["articles_per_s"] = per_s(entry["bare"]["articles"], best["bare_s"])
    entry["bare"]["words_per_s"] = per_s(entry["bare"]["words"], best["bare_s"])
    entry["ingest"]["articles_per_s"] = per_s(size, best["ingest_s"])
    entry["ingest"]["words_per_s"] = per_s(entry["corpus"]["words"], best["ingest_s"])
    entry["ingest_vs_bare"] = ratio(best["bare_s"], best["ingest_s"])
    # The same ratio in CPU seconds, less sensitive to other load on the machine.
    entry["ingest_vs_bare_cpu"] = ratio(best["bare_cpu_s"], best["ingest_cpu_s"])
    # Against cowextract's own pipeline: what extraction, storage and clustering add.
    entry["ingest_vs_ours"] = ratio(entry["ingest"]["articles_per_s"],
                                    entry["bare"].get("ours_articles_per_s"))


def estimate_s(size: int, args, results: dict) -> float | None:
    """Seconds the runs planned for `size` would take at the last measured throughput."""
    measured = [e for e in results.values() if "reingest" in e]
    if not measured:
        return None
    last = measured[-1]
    n = last["corpus"]["articles"]
    ingest_s = last["ingest"]["wall_s"] * size / n
    seconds = ingest_s + last["reingest"]["wall_s"] * size / n
    if size <= args.full_max:
        bare_s = last["bare"]["wall_s"] * size / n if "bare" in last else ingest_s / 2
        j2 = last.get("jobs2") or {}
        seconds += bare_s + (j2.get("wall_s", last["ingest"]["wall_s"]) * size / n)
    return seconds


# --- report -------------------------------------------------------------------------

def check(name: str, value, target: float, *, higher_is_better: bool, note: str = "") -> dict:
    if value is None:
        status = "N/A"
    else:
        ok = value >= target if higher_is_better else value <= target
        status = "PASS" if ok else "FAIL"
    op = "≥" if higher_is_better else "<" if name.endswith("_s") else "≤"
    return {"name": name, "value": value, "target": f"{op} {target}", "status": status,
            "note": note}


def targets(results: dict, startup: dict) -> list[dict]:
    out = []
    measured = {int(k): v for k, v in results["sizes"].items() if "ingest" in v}
    for size, e in sorted(measured.items()):
        if "ingest_vs_bare" in e:
            out.append(check(f"ingest/bare throughput @{size}", e["ingest_vs_bare"],
                             TARGETS["ingest_vs_bare"], higher_is_better=True))
    for size, e in sorted(measured.items()):
        if "jobs2" in e:
            pairs = e.get("jobs2_pairs") or []
            note = e.get("jobs2_note") or (f"median of {len(pairs)} pairs: " + ", ".join(
                f"{p['speedup']:.2f}" for p in pairs) if pairs else "")
            out.append(check(f"--jobs 2 speed-up @{size}", e.get("jobs2_speedup"),
                             TARGETS["jobs2_speedup"], higher_is_better=True, note=note))
    for size, e in sorted(measured.items()):
        out.append(check(f"re-ingest speed-up @{size}", e.get("reingest_speedup"),
                         TARGETS["reingest_speedup"], higher_is_better=True))
    sizes = sorted(measured)
    if len(sizes) >= 2:
        small, large = sizes[-2], sizes[-1]
        growth = ratio(measured[large]["peak_rss_mb"], measured[small]["peak_rss_mb"])
        out.append(check(f"peak memory @{large} / @{small}", growth, TARGETS["memory_growth"],
                         higher_is_better=False,
                         note="" if (small, large) == (2000, 10000) else
                         "target is stated for 10000 vs 2000"))
    out.append(check("--help start-up (median of 5)", startup.get("help", {}).get("median_s"),
                     TARGETS["help_s"], higher_is_better=False))
    q = startup.get("query", {})
    out.append(check(f"query --limit 20 @{startup.get('query_store_size')} (median of 5)",
                     q.get("median_s"), TARGETS["query_s"], higher_is_better=False,
                     note="" if startup.get("query_store_size") == 10000 else
                     "target is stated for the 10000-article store"))
    return out


def fmt(value, spec: str = "") -> str:
    return "—" if value is None else format(value, spec)


def table(results: dict) -> str:
    head = ("size", "words", "bare art/s", "ours art/s", "ingest art/s", "ingest w/s",
            "ing/bare", "ing/ours", "jobs2 ×", "re-ingest s", "re ×", "peak MB")
    rows = [head]
    for size, e in results["sizes"].items():
        if "ingest" not in e:
            rows.append((size, "skipped", e.get("skipped", ""), *[""] * 9))
            continue
        b = e.get("bare", {})
        rows.append((size, fmt(e["corpus"].get("words", e["corpus"]["words_written"])),
                     fmt(b.get("articles_per_s"), ".2f"),
                     fmt(b.get("ours_articles_per_s"), ".2f"),
                     fmt(e["ingest"].get("articles_per_s"), ".2f"),
                     fmt(e["ingest"].get("words_per_s"), ".0f"),
                     fmt(e.get("ingest_vs_bare"), ".2f"), fmt(e.get("ingest_vs_ours"), ".2f"),
                     fmt(e.get("jobs2_speedup"), ".2f"),
                     fmt(e.get("reingest", {}).get("wall_s"), ".1f"),
                     fmt(e.get("reingest_speedup"), ".1f"),
                     fmt(e["peak_rss_mb"], ".0f")))
    widths = [max(len(str(r[i])) for r in rows if len(r) > i) for i in range(len(head))]
    lines = []
    for r in rows:
        if r[1] == "skipped":
            lines.append(f"{str(r[0]).rjust(widths[0])}  skipped: {r[2]}")
        else:
            lines.append("  ".join(str(c).rjust(w) for c, w in zip(r, widths, strict=True)))
    return "\n".join(lines)


def report(results: dict) -> str:
    lines = [table(results), ""]
    s = results["startup"]
    lines.append(f"--help {fmt(s.get('help', {}).get('median_s'), '.3f')} s; "
                 f"query --limit 20 on {s.get('query_store_size')} articles "
                 f"{fmt(s.get('query', {}).get('median_s'), '.3f')} s (medians of 5)")
    for t in results["targets"]:
        value = t["value"]
        shown = fmt(value, ".3f") if isinstance(value, float) else fmt(value)
        note = f"  ({t['note']})" if t["note"] else ""
        lines.append(f"{t['status']:4s}  {t['name']}: {shown} (target {t['target']}){note}")
    for size, e in results["sizes"].items():
        for w in e.get("warnings", []):
            lines.append(f"WARN  @{size}: {w}")
        runs = e.get("floor_runs") or []
        if len(runs) > 1:
            lines.append(f"NOTE  @{size}: ingest/bare from the fastest of {len(runs)} runs each: "
                         "bare " + " / ".join(f"{r['bare_s']:.1f}" for r in runs) + " s, ingest "
                         + " / ".join(f"{r['ingest_s']:.1f}" for r in runs) + " s (run by run "
                         + ", ".join(fmt(r["ratio"], ".3f") for r in runs) + ")")
        if e.get("jobs2_note"):
            lines.append(f"NOTE  @{size}: {e['jobs2_note']}")
    p = results.get("profile") or {}
    if p.get("error"):
        lines.append(f"WARN  profile failed: {p['error'][-300:]}")
    if p.get("stages"):
        lines.append(f"profile @{p['size']} (wall {p['stages_total_s']} s; bench/profile.txt):")
        for st in p["stages"][:8]:
            lines.append(f"  {st['share']:6.1%}  {st['s']:8.2f} s  {st['stage']}")
    load = results["meta"]["loadavg_start"], results["meta"]["loadavg_end"]
    if max(load[0][0], load[1][0]) > 0.5:
        lines.append(f"NOTE  the machine was busy (load average {load[0][0]:.2f} at start, "
                     f"{load[1][0]:.2f} at end): wall times are noisy; compare cpu_s too")
    return "\n".join(lines)


# --- main ---------------------------------------------------------------------------

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="200,2000,10000",
                   help="comma-separated corpus sizes (default: %(default)s)")
    p.add_argument("--seed", type=int, default=1, help="corpus seed (default: %(default)s)")
    p.add_argument("--quick", action="store_true", help="sizes 50,200: a smoke run")
    p.add_argument("--keep", action="store_true",
                   help="keep the corpora and databases under bench/corpus/")
    p.add_argument("--full-max", type=int, default=2000,
                   help="largest size that also gets bare nlp.pipe and --jobs 2 runs "
                        "(default: %(default)s)")
    p.add_argument("--pairs", type=int, default=5,
                   help="(--jobs 1, --jobs 2) pairs whose median speed-up is reported at sizes "
                        "whose first ingest is shorter than --pairs-under (default: %(default)s)")
    p.add_argument("--pairs-under", type=float, default=120,
                   help="seconds (default: %(default)s)")
    p.add_argument("--repeats", type=int, default=2,
                   help="(bare nlp.pipe, ingest) runs at each full size; ingest/bare compares "
                        "the fastest of each (default: %(default)s)")
    p.add_argument("--budget", type=float, default=55,
                   help="minutes; skip (and record) a size whose estimated time would "
                        "overrun it; 0: no limit (default: %(default)s)")
    p.add_argument("--profile-size", type=int, default=200,
                   help="corpus size of the pyinstrument profile; 0: none (default: %(default)s)")
    p.add_argument("--out", type=Path, default=BENCH / "results.json",
                   help="results file (default: bench/results.json)")
    args = p.parse_args(argv)
    args.sizes = [50, 200] if args.quick else sorted(int(s) for s in args.sizes.split(","))
    return args


def git_state() -> dict:
    def git(*cmd):
        r = subprocess.run(["git", *cmd], cwd=ROOT, capture_output=True, text=True)
        return r.stdout.strip() if r.returncode == 0 else None
    status = git("status", "--porcelain", "--untracked-files=no", "src")
    return {"commit": git("rev-parse", "--short", "HEAD"),
            "src_modified": bool(status) if status is not None else None}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not COWEXTRACT.exists():
        raise SystemExit(f"{COWEXTRACT} not found: run bench/run.py with the venv's python "
                         "(make bench)")
    workdir = BENCH / "corpus"
    workdir.mkdir(exist_ok=True)
    started = time.time()
    results: dict = {"meta": {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "seed": args.seed, "sizes": args.sizes, "full_max": args.full_max,
        "python": platform.python_version(), "cpus": os.cpu_count(),
        "loadavg_start": os.getloadavg(), **git_state(),
        "targets": TARGETS,
    }, "sizes": {}, "startup": {}, "profile": None}
    sizes = results["sizes"]
    results["meta"]["completed"] = False  # stays False when the run is interrupted
    try:
        for size in args.sizes:
            estimate = estimate_s(size, args, sizes)
            elapsed = time.time() - started
            if estimate is not None:
                log(f"size {size}: estimated {estimate / 60:.1f} min "
                    f"(elapsed {elapsed / 60:.1f} min)")
            if args.budget and estimate is not None and elapsed + estimate > args.budget * 60:
                sizes[str(size)] = {
                    "skipped": f"estimated {estimate / 60:.0f} min at the measured throughput "
                               f"would overrun --budget {args.budget:g} min; run "
                               f"'bench/run.py --sizes {size} --budget 0' to measure it",
                    "estimated_s": round(estimate)}
                log(f"size {size}: skipped ({sizes[str(size)]['skipped']})")
                continue
            done_sizes = [e for e in sizes.values() if e.get("ingest", {}).get("articles_per_s")]
            per_article = 1 / done_sizes[-1]["ingest"]["articles_per_s"] if done_sizes else None
            sizes[str(size)] = measure_size(size, args, workdir, per_article)
            args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")

        measured = [int(k) for k, v in sizes.items() if "ingest" in v]
        log("start-up: --help and query (5 runs each)")
        startup: dict = {"help": median_run([str(COWEXTRACT), "--help"])}
        if measured:
            largest = max(measured)
            startup["query_store_size"] = largest
            startup["query"] = median_run([str(COWEXTRACT), "query", "--db",
                                           sizes[str(largest)]["db"], "--limit", "20"])
        results["startup"] = startup

        psize = args.profile_size
        if psize:
            directory = workdir / f"seed{args.seed}-n{psize}"
            if not directory.exists():
                corpus.generate(directory, psize, args.seed)
            db = workdir / f"seed{args.seed}-n{psize}-profile.db"
            db.unlink(missing_ok=True)
            log(f"profile: one ingest of {psize} articles under pyinstrument")
            results["profile"] = {"size": psize, "report": "bench/profile.txt",
                                  **profile(directory, db, BENCH / "profile.txt", psize)}
        results["meta"]["completed"] = True
    finally:
        results["meta"]["loadavg_end"] = os.getloadavg()
        results["meta"]["elapsed_s"] = round(time.time() - started, 1)
        results["targets"] = targets(results, results["startup"])
        args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        if not args.keep:
            for size in args.sizes + ([args.profile_size] if args.profile_size else []):
                shutil.rmtree(workdir / f"seed{args.seed}-n{size}", ignore_errors=True)
                for db in workdir.glob(f"seed{args.seed}-n{size}*.db*"):
                    db.unlink()
    print(report(results))
    log(f"done in {results['meta']['elapsed_s'] / 60:.1f} min; figures in "
        f"{args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
