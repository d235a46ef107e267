"""The fault-injection suite's own tools (tests/test_faults*.py): articles written for it,
hostile inputs made on the fly, and the checks every case makes of a run: its exit status,
one clear line on stderr naming the input or argument and the reason, the good inputs of
the same run stored, and the database intact."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

GOOD = ("date 2025-03-04\nHarbour Talks Resume in Oslo\n\n"
        "Foreign ministers of Norway and Chile met in Oslo on Tuesday to discuss fishing quotas "
        "and a new grain route. \u201cWe are ready to help,\u201d Anna Berg told reporters after "
        "the talks.\n")
GOOD2 = ("date 2025-03-05\nMinisters Agree on a Grain Route\n\n"
         "Norway and Chile agreed in Oslo on Tuesday to open a grain route next spring. "
         "\u201cWe are ready to help,\u201d Anna Berg said on Wednesday, adding that the first "
         "ships could sail in April.\n")
# Rich markup, a hyperlink, escape sequences (SGR, OSC title, erase screen) and a
# bidirectional override in an article's title and in a quote.
HOSTILE = ("date 2025-03-06\nTalks [bold red]End[/] in \x1b[31mOslo\x1b[0m\n\n"
           "Ministers of Norway and Chile met in Oslo on Tuesday to sign the grain deal. "
           "\u201cWe will [link=https://evil.example]pay[/link] for the port \x1b]0;owned\x07 "
           "and \x1b[2J the \u202eroad [/] too,\u201d Anna Berg said on Wednesday.\n")
DEEP = b"[" * 100_000 + b"]" * 100_000
LONG_INT = "1" * 5_000


def record(text: str, **extra) -> str:
    return json.dumps({"text": text, **extra})


def long_text(chars: int) -> str:
    """An English article of about `chars` characters (one paragraph repeated with a
    counter, so that cleaning does not drop the repeats)."""
    para = ("Officials from {n} ports met in Bergen to compare notes on the winter season, "
            "and the harbour master said the new cranes would arrive before the summer.\n\n")
    out, size, n = ["Long Harbour Report\n\n"], 0, 0
    while size < chars:
        out.append(para.format(n=n))
        size += len(out[-1])
        n += 1
    return "".join(out)


# -- the checks ---------------------------------------------------------------------------

SUMMARY = re.compile(r"^\d+ new, \d+ already stored, \d+ skipped, \d+ failed; ")
# click's usage errors (exit 2) open with the usage and a hint, then give their one line.
USAGE = re.compile(r"^(Usage: \S+ |Try '\S+ |$)")


def notes(stderr: str) -> list[str]:
    """The lines on stderr that say something about an input or argument: without ingest's
    closing summary and click's usage preamble."""
    return [line for line in stderr.splitlines()
            if not SUMMARY.match(line) and not USAGE.match(line)]


def check_run(stdout: str, stderr: str, status: int, *, exit: int, line: str | None) -> None:
    """No traceback; the exit status; exactly one line about the fault (`line`, a regular
    expression) or none."""
    assert "Traceback" not in stdout + stderr, stderr
    assert status == exit, f"exit {status}, not {exit}: {stderr}"
    found = notes(stderr)
    if line is None:
        assert found == [], stderr
    else:
        assert len(found) == 1 and re.search(line, found[0]), stderr


def stored_paths(db: Path) -> set[str]:
    if not db.exists():
        return set()
    conn = sqlite3.connect(db)
    try:
        return {row[0] for row in conn.execute("SELECT path FROM article_paths")}
    finally:
        conn.close()


def assert_intact(db: Path) -> dict[str, int]:
    """The database passes SQLite's integrity check, every article has all its events, and
    every cluster's stored size and member positions match its members. Returns the row
    counts."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute(
            "SELECT count(*) FROM articles a WHERE event_count != (SELECT count(*) FROM "
            "events e WHERE e.article_id = a.id)").fetchone()[0] == 0, "partial articles"
        assert conn.execute("SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM "
                            "articles a WHERE a.id = e.article_id)").fetchone()[0] == 0
        wrong = conn.execute(
            "SELECT c.id, c.size, count(m.event_id), count(DISTINCT m.position), "
            "min(m.position), max(m.position) FROM clusters c LEFT JOIN cluster_members m ON "
            "m.cluster_id = c.id GROUP BY c.id HAVING c.size != count(m.event_id) OR "
            "count(DISTINCT m.position) != count(m.event_id) OR min(m.position) != 0 OR "
            "max(m.position) != c.size - 1").fetchall()
        assert wrong == [], f"clusters whose size or positions are not their members': {wrong}"
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "article_paths", "events", "clusters", "cluster_members",
                          "claims")}
    finally:
        conn.close()


# -- cases ----------------------------------------------------------------------------

@dataclass
class Case:
    """One fault: the inputs made for it (in `in/`, beside a good article unless `good` is
    False), the command (`{in}`, `{db}`, `{tmp}` filled in), and what must come of it."""

    id: str
    argv: list[str]
    exit: int
    line: str | None  # the one line on stderr (a regular expression), or None for none
    files: dict[str, bytes | str] = field(default_factory=dict)
    stdin: bytes | None = None
    stored: set[str] | None = None  # paths stored afterwards (None: not checked)
    good: bool = True
    stored_db: bool = False  # start from a database holding the three articles above
    setup: Callable[[Path], None] | None = None
    env: dict[str, str] = field(default_factory=dict)
    stdout: Callable[[str], bool] | None = None  # a check of what came out on stdout


def fill(argv: list[str], tmp: Path) -> list[str]:
    return [a.format(**{"in": tmp / "in", "db": tmp / "f.db", "tmp": tmp}) for a in argv]


def make_inputs(case: Case, tmp: Path) -> None:
    folder = tmp / "in"
    folder.mkdir(exist_ok=True)
    if case.good:
        (folder / "good.txt").write_text(GOOD)
    for name, data in case.files.items():
        target = tmp / name[4:] if name.startswith("tmp/") else folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode() if isinstance(data, str) else data)
    if case.setup is not None:
        case.setup(tmp)


# -- processes --------------------------------------------------------------------------

COWEXTRACT = [sys.executable, "-m", "cowextract"]


def as_nobody() -> list[str] | None:
    """The command prefix that runs a child as an unprivileged user (root ignores file
    permissions): [] where the tests already run as one; None where that cannot be done."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run([*prefix, sys.executable, "-c", "pass"], capture_output=True)
    return prefix if probe.returncode == 0 else None


def open_folder() -> Path:
    """A temporary folder every user can enter (pytest's own are private to their owner),
    for files an unprivileged child process must reach."""
    path = Path(tempfile.mkdtemp(prefix="cowextract-faults-"))
    path.chmod(0o777)
    return path


def remove(path: Path) -> None:
    for root, dirs, _ in os.walk(path):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)
    shutil.rmtree(path, ignore_errors=True)


def run_cli(args: list, *, unprivileged: bool = False, timeout: float = 120, **kwargs
            ) -> subprocess.CompletedProcess:
    """The real command in a process of its own (as an unprivileged user if asked)."""
    prefix = as_nobody() if unprivileged else []
    if prefix is None:
        import pytest

        pytest.skip("cannot run a process as an unprivileged user here")
    return subprocess.run([*prefix, *COWEXTRACT, *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, **kwargs)
