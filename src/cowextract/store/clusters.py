"""The store's cross-source part: clustering's blocking keys, clusters and their members,
and the claims derived from them (SQL, like the rest of the store, kept beside `store.py`
in its own module). `Store` inherits it."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cowextract.models import Claim, Event


class ClusterTables:
    """Queries of the `clusters`, `cluster_members`, `cluster_keys` and `claims` tables
    (and the reads clustering makes of events and articles)."""

    conn: sqlite3.Connection

    def _transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _parse(self, row_json: str, cluster_id: str | None = None,
               label: str | None = None) -> Event:
        raise NotImplementedError

    def unclustered_ids(self) -> list[str]:
        """Ids of events not yet in a cluster: pledges, then quotes, then meetings, the dated
        ones of each before the undated (the order clustering wants), each in article and
        text order."""
        # The ids are looked up in their own index, not by reading every event row: once a
        # store is large, nearly all events are clustered and only the new rows are read.
        sql = ("SELECT e.id FROM events e JOIN articles a ON a.id = e.article_id WHERE e.rowid "
               "IN (SELECT rowid FROM events WHERE id NOT IN (SELECT event_id FROM "
               "cluster_members)) ORDER BY CASE e.type WHEN 'pledge' THEN 0 WHEN 'statement' "
               "THEN 1 ELSE 2 END, e.date_start IS NULL, a.path, e.evidence_start, e.id")
        return [row[0] for row in self.conn.execute(sql)]

    def cluster_summary(self, cluster_id: str) -> tuple[str, str, str]:
        """A stored cluster's kind, label and summary (JSON, `Cluster.summary`)."""
        return self.conn.execute("SELECT kind, label, summary FROM clusters WHERE id = ?",
                                 (cluster_id,)).fetchone()

    def cluster_members(self, cluster_id: str) -> list[str]:
        """A stored cluster's members' clustering facts (JSON), in order."""
        rows = self.conn.execute("SELECT member FROM cluster_members WHERE cluster_id = ? "
                                 "ORDER BY position", (cluster_id,))
        return [row[0] for row in rows]

    def article_clusters(self, article_id: str) -> set[str]:
        """The clusters that already hold an event of this article."""
        rows = self.conn.execute("SELECT cm.cluster_id FROM events e JOIN cluster_members cm "
                                 "ON cm.event_id = e.id WHERE e.article_id = ?", (article_id,))
        return {row[0] for row in rows}

    def _in(self, sql: str, ids: Iterable[str]) -> Iterator[sqlite3.Row]:
        """Rows of `sql`, whose `{ids}` is a list of placeholders, for these ids (500 at a
        time: SQLite caps the number of parameters)."""
        ids = sorted(set(ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            yield from self.conn.execute(sql.format(ids=",".join("?" * len(chunk))), chunk)

    def event_clusters(self, event_ids: Iterable[str]) -> dict[str, str]:
        """The cluster of each of these events that is in one (event id → cluster id)."""
        return {row[0]: row[1] for row in self._in(
            "SELECT event_id, cluster_id FROM cluster_members WHERE event_id IN ({ids})",
            event_ids)}

    def cluster_key_values(self, key: str, limit: int | None = None) -> list[str]:
        """What clustering's blocking index holds under `key` (at most `limit` values)."""
        sql = "SELECT value FROM cluster_keys WHERE key = ?" + (f" LIMIT {int(limit)}"
                                                               if limit else "")
        return [row[0] for row in self.conn.execute(sql, (key,))]

    def pledge_amounts(self, article_ids) -> dict[str, set[tuple[float, float | None, str]]]:
        """The amounts each of these articles' pledges give (value, upper bound of a range,
        unit), by article id."""
        out: dict[str, set[tuple[float, float | None, str]]] = {}
        for article_id, value, high, unit in self._in(
                "SELECT article_id, amount_value, json_extract(json, '$.amount.value_max'), "
                "amount_unit FROM events WHERE type = 'pledge' AND amount_value IS NOT NULL "
                "AND article_id IN ({ids})", article_ids):
            out.setdefault(article_id, set()).add((value, high, unit or ""))
        return out

    def article_floors(self, article_ids) -> dict[str, str]:
        """For each of these articles that states no publication date, the latest calendar
        date it mentions (a day or a month): it cannot be older than that."""
        return {row[0]: row[1] for row in self._in(
            "SELECT t.article_id, max(substr(t.value, 1, 10)) FROM timexes t JOIN articles a "
            "ON a.id = t.article_id WHERE a.published IS NULL AND t.type = 'DATE' AND t.value "
            "GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]*' AND t.article_id IN ({ids}) GROUP BY "
            "t.article_id", article_ids)}

    def inferences(self, event_ids) -> dict[str, tuple[str | None, str | None]]:
        """For events whose date clustering inferred: the article it came from and the
        evidence that tied them."""
        return {row[0]: (row[1], row[2]) for row in self._in(
            "SELECT event_id, inferred_from, json_extract(member, '$.inferred_why') FROM "
            "cluster_members WHERE event_id IN ({ids})", event_ids)}

    def article_info(self, article_ids) -> dict[str, dict]:
        """Path, title, outlet, publication date and URL of these articles, by id."""
        return {row["id"]: dict(row) for row in self._in(
            "SELECT id, path, title, source, published, url FROM articles WHERE id IN ({ids})",
            article_ids)}

    def events_by_ids(self, ids) -> Iterator[Event]:
        for row in self._in("SELECT json FROM events WHERE id IN ({ids})", ids):
            yield self._parse(row[0])

    def save_clusters(self, clusters: list, claims_of: Callable[[object, list], list[Claim]],
                      keys: Iterable[tuple[str, str]] = (), chunk: int = 500) -> None:
        """Store the given clusters' new and changed members (`Cluster.stale()`), replacing
        those members' claims with `claims_of(cluster, members)` (asked for `chunk` members at
        a time), and clustering's new blocking keys, in one transaction."""
        conn = self.conn
        # One statement per table for all the clusters: a pass changes thousands of small
        # clusters, and a call per cluster and table cost more than the rows themselves.
        stale = [(c, c.stale()) for c in clusters]
        with self._transaction():
            conn.executemany("DELETE FROM claims WHERE cluster_id = ?",
                             [(c.id,) for c, old in stale if len(old) == c.size])
            conn.executemany("DELETE FROM claims WHERE cluster_id = ? AND event_id = ?",
                             [(c.id, m.event_id) for c, old in stale if len(old) != c.size
                              for m in old])
            conn.executemany("INSERT OR REPLACE INTO clusters VALUES (?,?,?,?,?,?)",
                             [(c.id, c.kind, c.label(), c.date, c.size, c.summary())
                              for c in clusters])
            conn.executemany("INSERT OR REPLACE INTO cluster_members VALUES (?,?,?,?,?,?)",
                             [(m.event_id, c.id, m.inferred_date, m.inferred_from, m.position,
                               m.to_json()) for c in clusters for m in c.dirty()])
            rows: list[tuple] = []
            for c, old in stale:
                for i in range(0, len(old), chunk):
                    rows += map(claim_row, claims_of(c, old[i:i + chunk]))
                    if len(rows) >= chunk:
                        self._insert_claims(rows)
            self._insert_claims(rows)
            conn.executemany("INSERT OR IGNORE INTO cluster_keys VALUES (?,?)", keys)

    def _insert_claims(self, rows: list[tuple]) -> None:
        """Store these claim rows and empty the list."""
        self.conn.executemany(
            "INSERT OR REPLACE INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        rows.clear()


def claim_row(c: Claim) -> tuple:
    """A claim as a row of the `claims` table."""
    return (c.id, c.subject, c.subject_kind, c.attribute, c.value, c.number, c.as_of,
            c.as_of_basis, c.article.id, c.event_id, c.cluster_id, c.evidence.start,
            c.evidence.end, c.model_dump_json())
