"""Fault injection with processes of their own: a reader that leaves the pipe, a full
standard output, concurrent first writers, two ingests and a diff at once, a parent killed
under its workers, read-only files and folders, an unreadable folder and a full disk. Each
asserts the exit status, one clear line on stderr, the good inputs stored and the database
intact, as test_faults.py does in this process."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cowextract.store import Store

from factories import article, events
from faults import (
    COWEXTRACT,
    GOOD,
    GOOD2,
    assert_intact,
    check_run,
    open_folder,
    remove,
    run_cli,
    stored_paths,
)

pytestmark = [pytest.mark.integration, pytest.mark.faults]
linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


@pytest.fixture(scope="module")
def big_db(tmp_path_factory) -> Path:
    """A store of 300 hand-built articles (900 events, no model): far more output than a
    pipe holds, so a reader that leaves meets a writer still writing."""
    db = tmp_path_factory.mktemp("big") / "big.db"
    with Store(db) as store:
        for i in range(300):
            a = article(text=f"Report {i}. Leaders met in Paris on 4 September 2025. Italy will "
                             "not send troops, Giorgia Meloni said. \u201cWe are ready,\u201d "
                             "Emmanuel Macron said.", path=f"r{i:03}.txt")
            store.add_article(a, events(a), [])
    return db


@pytest.mark.parametrize("argv", [["query"], ["query", "--format", "csv"],
                                  ["query", "--format", "json"], ["export"],
                                  ["articles", "--format", "table"]], ids=" ".join)
def test_a_reader_that_leaves_is_not_an_error(big_db, argv):
    proc = subprocess.Popen([*COWEXTRACT, *argv, "--db", str(big_db)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline()
    proc.stdout.close()  # as `| head -1` does
    stderr = proc.stderr.read()
    check_run("", stderr, proc.wait(timeout=60), exit=0, line=None)


def test_a_full_standard_output_is_one_line(big_db):
    with open("/dev/full", "w") as full:
        result = subprocess.run([*COWEXTRACT, "query", "--db", str(big_db)], stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=60)
    check_run("", result.stderr, result.returncode, exit=1,
              line=r"^Error: standard output: cannot write \(No space left on device\)$")


def test_concurrent_first_writers_create_the_schema_once(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    for round_ in range(1):  # test_store.py races six writers five times, without the CLI
        db = tmp_path / f"new{round_}.db"
        procs = [subprocess.Popen([*COWEXTRACT, "ingest", str(tmp_path / "empty.txt"), "--db",
                                   str(db)], stderr=subprocess.PIPE, text=True)
                 for _ in range(3)]
        for proc in procs:
            check_run("", proc.stderr.read(), proc.wait(timeout=60), exit=1,
                      line=r"empty\.txt: empty file")
        assert assert_intact(db)["articles"] == 0


# Reports of two meetings and one quote by several outlets, in two folders ingested at once.
REPORTS = [
    "Foreign ministers of Norway and Chile met in Oslo on 4 March 2025 to discuss fishing "
    "quotas. \u201cWe are ready to help the fleets,\u201d Anna Berg told reporters.",
    "Norway and Chile held talks in Oslo on 4 March 2025 on fishing quotas and grain. "
    "\u201cWe are ready to help the fleets,\u201d Anna Berg said after the meeting.",
    "Leaders of Portugal and Peru met in Lisbon on 6 March 2025 to sign a port deal. "
    "Portugal pledged 40 million euros for the new harbour, the minister said.",
    "Portugal and Peru met in Lisbon on 6 March 2025. Portugal will give 40 million euros "
    "for the harbour, the minister said.",
]


def test_two_ingests_and_a_diff_at_once_keep_clusters_whole(tmp_path):
    db = tmp_path / "c.db"
    Store(db).close()
    folders = []
    for side in ("a", "b"):
        folder = tmp_path / side
        folder.mkdir()
        for i in range(6):
            (folder / f"{side}{i}.txt").write_text(
                f"date 2025-03-0{7 + i % 2}\n{REPORTS[i % 4]} ({side} {i})\n")
        folders.append(folder)
    ingests = [subprocess.Popen([*COWEXTRACT, "ingest", str(f), "--db", str(db)],
                                stderr=subprocess.PIPE, text=True) for f in folders]
    diffs = 0
    while any(p.poll() is None for p in ingests):
        diff = run_cli(["diff", "--db", db, "--format", "jsonl"])
        assert diff.returncode == 0 and "Traceback" not in diff.stderr, diff.stderr
        diffs += 1
    for proc in ingests:
        check_run("", proc.stderr.read(), proc.wait(), exit=0, line=None)
    counts = assert_intact(db)  # stored cluster sizes and positions equal their members
    assert counts["articles"] == 12 and diffs >= 1
    assert counts["cluster_members"] == counts["events"]  # every event in one cluster


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@linux
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_workers_end_with_their_parent(tmp_path, sig):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(48):
        (folder / f"n{i:02}.txt").write_text(f"{GOOD} Report number {i}.\n" * 3)
    proc = subprocess.Popen([*COWEXTRACT, "ingest", str(folder), "--db", str(tmp_path / "w.db"),
                             "--jobs", "2"], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(workers := _children(proc.pid)) < 2:
        assert proc.poll() is None and time.monotonic() < deadline, "no workers started"
        time.sleep(0.02)
    proc.send_signal(sig)
    proc.wait()
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [w for w in workers if _alive(w)]
    for w in left:
        os.kill(w, signal.SIGKILL)
    assert left == [], "workers outlived their parent"
    assert_intact(tmp_path / "w.db")


@pytest.fixture(scope="module")
def stored_once(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("once")
    (folder / "good.txt").write_text(GOOD)
    result = run_cli(["ingest", folder / "good.txt", "--db", folder / "s.db"])
    assert result.returncode == 0, result.stderr
    return folder / "s.db"


@pytest.fixture
def shared(stored_once):
    """A folder an unprivileged child process can use, with a stored database (of
    `good.txt`) and `in/` holding that article and a copy of it under another name."""
    folder = open_folder()
    (folder / "in").mkdir(mode=0o755)
    shutil.copy(stored_once, folder / "s.db")
    (folder / "s.db").chmod(0o666)
    for name in ("good.txt", "copy.txt"):  # copy.txt is stored already: ingesting it writes
        (folder / "in" / name).write_text(GOOD)  # only its path
        (folder / "in" / name).chmod(0o644)
    yield folder
    remove(folder)


def test_a_read_only_database_file_is_read_and_not_written(shared):
    db = shared / "s.db"
    db.chmod(0o644)  # the owner's, read-only to others
    before = assert_intact(db)
    result = run_cli(["ingest", shared / "in" / "copy.txt", "--db", db], unprivileged=True)
    check_run(result.stdout, result.stderr, result.returncode, exit=1,
              line=r"s\.db: cannot write the database \(attempt to write a readonly database\)")
    query = run_cli(["query", "--db", db], unprivileged=True)
    check_run(query.stdout, query.stderr, query.returncode, exit=0, line=None)
    assert query.stdout.count("\n") == before["events"]
    assert assert_intact(db) == before and stored_paths(db) == {"good.txt"}


@pytest.mark.parametrize("argv", [["query"], ["articles"], ["export"], ["diff", "--all"],
                                  ["show", "0"]], ids=" ".join)
def test_a_database_in_a_read_only_folder_can_be_queried(shared, argv):
    if argv[0] == "show":
        first = run_cli(["query", "--db", shared / "s.db"]).stdout.splitlines()[0]
        argv = ["show", json.loads(first)["id"]]
    shared.chmod(0o555)
    result = run_cli([*argv, "--db", shared / "s.db"], unprivileged=True)
    shared.chmod(0o777)
    check_run(result.stdout, result.stderr, result.returncode, exit=0,
              line=r"^\d+ events exported$" if argv == ["export"] else None)
    assert result.stdout.strip()
    assert not (shared / "s.db-wal").exists()


def test_ingest_into_a_read_only_folder_is_one_line(shared):
    shared.chmod(0o555)
    result = run_cli(["ingest", shared / "in" / "copy.txt", "--db", shared / "s.db"],
                     unprivileged=True)
    shared.chmod(0o777)
    check_run(result.stdout, result.stderr, result.returncode, exit=1,
              line=r"s\.db: cannot (open|write) the database \(attempt to write a readonly "
                   r"database\)")
    assert assert_intact(shared / "s.db")["articles"] == 1


def test_an_unreadable_folder_is_named_and_the_rest_stored(shared):
    locked = shared / "in" / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(GOOD2)
    locked.chmod(0o000)
    (shared / "in" / "good2.txt").write_text(GOOD2)
    (shared / "in" / "good2.txt").chmod(0o644)
    result = run_cli(["ingest", shared / "in", "--db", shared / "n.db"], unprivileged=True)
    check_run(result.stdout, result.stderr, result.returncode, exit=1,
              line=r"locked: cannot read folder \(Permission denied\)")
    assert stored_paths(shared / "n.db") == {"good.txt", "good2.txt", "copy.txt"}
    assert_intact(shared / "n.db")


def test_a_full_disk_is_one_line_and_nothing_half_written(tmp_path):
    db = tmp_path / "full.db"
    Store(db).close()
    (tmp_path / "good.txt").write_text(GOOD)

    def small_files():  # a file may grow to the size of SQLite's shared-memory index
        resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000))

    result = subprocess.run([*COWEXTRACT, "ingest", str(tmp_path / "good.txt"), "--db", str(db)],
                            capture_output=True, text=True, preexec_fn=small_files, timeout=120)
    check_run(result.stdout, result.stderr, result.returncode, exit=1,
              line=r"full\.db: cannot write the database \((disk I/O error|database or disk "
                   r"is full)\)")
    assert assert_intact(db)["articles"] == 0


def test_a_jsonl_reader_that_leaves_does_not_stop_the_ingest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):
        (folder / f"n{i:02}.txt").write_text(f"{GOOD} Report number {i}.\n")
    proc = subprocess.Popen([*COWEXTRACT, "ingest", str(folder), "--db", str(tmp_path / "j.db"),
                             "--jsonl", "-"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    assert proc.stdout.readline()
    proc.stdout.close()
    check_run("", proc.stderr.read(), proc.wait(timeout=120), exit=0, line=None)
    assert len(stored_paths(tmp_path / "j.db")) == 40
