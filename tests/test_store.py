"""The SQLite store: migrations, atomic idempotent writes, filters, and crash safety."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import date

import pytest

from cowextract.store import EventFilter, Store, date_range

from factories import article, events


def test_blank_database_migrates_to_expected_tables(db):
    with Store(db) as store:
        tables = {r[0] for r in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table')")}
        version = store.conn.execute("PRAGMA user_version").fetchone()[0]
        mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert {"articles", "article_paths", "events", "actors", "event_actors", "timexes",
            "articles_fts", "events_fts", "clusters", "cluster_members", "claims",
            "cluster_keys", "sources"} <= tables
    assert version == 7 and mode == "wal"


def test_add_is_idempotent_and_records_paths(db):
    a = article()
    with Store(db) as store:
        assert store.add_article(a, events(a), []) is True
        assert store.add_article(a, events(a), []) is False
        b = a.model_copy(update={"path": "copy/a.txt"})
        assert store.add_article(b, events(b), []) is False
        assert store.counts() == {"articles": 1, "events": 3,
                                  "by_type": {"meeting": 1, "pledge": 1, "statement": 1}}
        paths = {r[0] for r in store.conn.execute("SELECT path FROM article_paths")}
        assert paths == {"a.txt", "copy/a.txt"}
        assert store.check() == []


def test_events_round_trip(db):
    a = article()
    with Store(db) as store:
        store.add_article(a, events(a), [])
        got = list(store.events())
    assert [e.model_dump() for e in got] == [e.model_dump() for e in events(a)]


@pytest.mark.parametrize("f,types", [
    (EventFilter(type="pledge"), ["pledge"]),
    (EventFilter(actor="Macron"), ["meeting", "statement"]),
    (EventFilter(actor="Italy"), ["pledge"]),
    (EventFilter(since=date(2025, 9, 1), until=date(2025, 9, 30)), ["meeting"]),
    (EventFilter(since=date(2025, 10, 1)), []),
    (EventFilter(text="ready"), ["meeting", "pledge", "statement"]),  # article text matches
    (EventFilter(article="a.txt"), ["meeting", "pledge", "statement"]),
    (EventFilter(article="nope.txt"), []),
    (EventFilter(limit=1), ["meeting"]),
])
def test_filters(db, f, types):
    a = article()
    with Store(db) as store:
        store.add_article(a, events(a), [])
        assert [e.type for e in store.events(f)] == types


def test_fts_query_with_quotes_and_operators_is_safe(db):
    a = article()
    with Store(db) as store:
        store.add_article(a, events(a), [])
        assert list(store.events(EventFilter(text='"ready AND OR NEAR('))) == []


@pytest.mark.parametrize("value,first,last", [
    ("2025-03-04", "2025-03-04", "2025-03-04"),
    ("2025-02", "2025-02-01", "2025-02-28"),
    ("2025-12", "2025-12-01", "2025-12-31"),
    ("2025", "2025-01-01", "2025-12-31"),
    ("2025-Q3", "2025-07-01", "2025-09-30"),
    ("2025-03-24/2025-03-26", "2025-03-24", "2025-03-26"),
    ("2025-W16", "2025-04-14", "2025-04-20"),  # an ISO week, Monday to Sunday
    ("2025-W16-WE", "2025-04-19", "2025-04-20"),  # its weekend
    ("2025-W54", None, None),
    ("PRESENT_REF", None, None),
    (None, None, None),
])
def test_date_range(value, first, last):
    assert date_range(value) == (first, last)


def test_newer_schema_is_refused(db):
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    from cowextract.errors import StoreError

    with pytest.raises(StoreError, match="newer cowextract"):
        Store(db)


WRITER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {tests!r})
    from factories import article, events
    from cowextract.store import Store
    store = Store({db!r})
    i = 0
    while True:
        a = article(text=f"Article {{i}}. Leaders met in Paris on 4 September 2025. Italy will "
                         f"not send troops, Giorgia Meloni said. \\u201cWe are ready,\\u201d "
                         f"Emmanuel Macron said.", path=f"a{{i}}.txt")
        store.add_article(a, events(a), [])
        i += 1
        if i == 20:
            print("ready", flush=True)
""")


def test_killed_writer_leaves_a_consistent_database(db, tmp_path):
    """SIGKILL mid-ingest: every stored article has all its events, nothing else is there."""
    tests = os.path.dirname(__file__)
    proc = subprocess.Popen([sys.executable, "-c", WRITER.format(tests=tests, db=str(db))],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Store(db) as store:
        assert store.check() == []
        counts = store.counts()
    assert counts["articles"] >= 20
    assert counts["events"] == 3 * counts["articles"]


def _plan(store: Store, read, prefix: str) -> str:
    """The query plan of the statement starting with `prefix` that `read()` runs."""
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    read()
    store.conn.set_trace_callback(None)
    sql = next(s for s in seen if s.lstrip().startswith(prefix))
    return " | ".join(r[-1] for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql))


def test_listing_events_reads_them_in_order_instead_of_sorting_all(db):
    # `query --limit 20` on a large store must not sort every stored event first.
    with Store(db) as store:
        plan = _plan(store, lambda: list(store.events(EventFilter(limit=20))), "SELECT e.json")
    assert "USING INDEX articles_path" in plan and "TEMP B-TREE FOR ORDER BY" not in plan


def test_finding_unclustered_events_does_not_read_every_event_row(db):
    # Clustering asks after each batch of articles: on a large store it must not scan the
    # events table (its rows hold the JSON), only the index of ids.
    with Store(db) as store:
        plan = _plan(store, store.unclustered_ids, "SELECT e.id")
    assert "SCAN events USING COVERING INDEX" in plan and "SCAN e " not in plan + " "


def _report(i: int):
    a = article(text=f"Report {i}. Leaders met in Paris on 4 September 2025. Italy will not "
                     "send troops, Giorgia Meloni said. \u201cWe are ready,\u201d Emmanuel "
                     "Macron said.", path=f"r{i}.txt")
    return a, events(a)


def _cluster_invariants(db) -> None:
    conn = sqlite3.connect(db)
    bad = conn.execute(
        "SELECT c.id FROM clusters c LEFT JOIN cluster_members m ON m.cluster_id = c.id "
        "GROUP BY c.id HAVING c.size != count(m.event_id) OR count(DISTINCT m.position) != "
        "count(m.event_id) OR max(m.position) != c.size - 1").fetchall()
    unclustered = conn.execute("SELECT count(*) FROM events WHERE id NOT IN (SELECT event_id "
                               "FROM cluster_members)").fetchone()[0]
    conn.close()
    assert bad == [] and unclustered == 0


def test_clustering_passes_of_two_writers_run_one_after_the_other(db):
    """Writer A's pass has read the clusters and is about to save them when writer B stores
    articles and runs its own pass: B must wait for A (else one saves sizes and positions
    computed from a state the other has changed)."""
    import threading

    from cowextract.corpus.diff import update

    paused, go, failures = threading.Event(), threading.Event(), []

    def writer(first: int, pause: bool) -> None:
        try:
            with Store(db) as store:
                for i in range(first, first + 3):
                    store.add_article(*_report(i)[:1], _report(i)[1], [])
                if pause:
                    real = store.save_clusters

                    def slow(*args, **kwargs):
                        paused.set()
                        go.wait(10)
                        return real(*args, **kwargs)
                    store.save_clusters = slow  # type: ignore[method-assign]
                with store.clustering():
                    update(store)
        except BaseException as exc:  # reported by the test's own thread
            failures.append(exc)

    Store(db).close()
    a = threading.Thread(target=writer, args=(0, True))
    a.start()
    assert paused.wait(10)
    b = threading.Thread(target=writer, args=(3, False))
    b.start()
    b.join(0.5)
    assert b.is_alive()  # waiting for A's pass to end, not writing beside it
    go.set()
    a.join(30)
    b.join(30)
    assert failures == []
    _cluster_invariants(db)


def test_a_pass_knows_when_another_writer_has_written(db):
    """A clusterer's cache of stored clusters lasts from pass to pass only while no other
    process writes in between."""
    with Store(db) as one, Store(db) as other:
        with one.clustering() as others_wrote:
            assert others_wrote  # the first pass has no cache to trust
        one.add_article(*_report(1)[:1], _report(1)[1], [])
        with one.clustering() as others_wrote:
            assert not others_wrote  # only itself wrote
        other.add_article(*_report(2)[:1], _report(2)[1], [])
        with one.clustering() as others_wrote:
            assert others_wrote


def _open_at(db, barrier) -> None:
    barrier.wait()
    Store(db).close()


def test_concurrent_first_writers_create_the_schema_once(tmp_path):
    import multiprocessing

    context = multiprocessing.get_context("fork")
    for round_ in range(5):
        db = tmp_path / f"race{round_}.db"
        barrier = context.Barrier(6)
        procs = [context.Process(target=_open_at, args=(db, barrier)) for _ in range(6)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(30)
        assert [p.exitcode for p in procs] == [0] * 6
        with Store(db) as store:
            assert store.check() == []


@pytest.mark.parametrize("failure", ["read-only file", "full disk"])
def test_a_failed_write_is_one_store_error_and_leaves_nothing(db, failure):
    from cowextract.errors import StoreError

    with Store(db) as store:
        store.add_article(*_report(0)[:1], _report(0)[1], [])
    if failure == "read-only file":
        uri = f"file:{db}?mode=ro"
        store = Store.__new__(Store)
        store.path, store.readonly, store._pass_version = str(db), True, None
        store.conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    else:  # SQLite's own page limit stands for the disk: the same error, SQLITE_FULL
        store = Store(db)
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")
    a, evs = _report(1)
    a.text += " More words." * 50_000  # more than the free pages hold
    with pytest.raises(StoreError, match=r"test\.db: cannot write the database \((attempt to "
                                         r"write a readonly database|database or disk is full)\)"):
        store.add_article(a, evs, [])
    store.close()
    with Store(db) as store:
        assert store.check() == [] and store.counts()["articles"] == 1


@pytest.mark.parametrize("value", ["%", "_", "r_.txt", "\\"])
def test_like_wildcards_are_literal(db, value):
    with Store(db) as store:
        for i in (1, 2):
            store.add_article(*_report(i)[:1], _report(i)[1], [])
        f = EventFilter
        assert list(store.events(f(actor=value))) == []
        assert list(store.events(f(article=value))) == []
        assert list(store.events(f(cluster=value))) == []
        assert store.event(value) is None
        assert len(list(store.events(f(article="r1.txt")))) == 3  # a real path still matches


def test_a_damaged_file_is_found_even_after_it_was_checked(tmp_path):
    """The whole-file check is skipped for a file as cowextract left it, not for one
    changed behind its back."""
    from cowextract.errors import StoreError
    from cowextract.store.database import known_healthy

    db = tmp_path / "d.db"
    with Store(db) as store:
        store.conn.execute("CREATE TABLE filler (x TEXT)")
        store.conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 400)
    assert known_healthy(str(db))
    with Store(db):
        pass
    data = bytearray(db.read_bytes())
    data[len(data) // 2:len(data) // 2 + 4096] = bytes(range(256)) * 16
    db.write_bytes(bytes(data))
    assert not known_healthy(str(db))
    with pytest.raises(StoreError, match="damaged"):
        Store(db)
