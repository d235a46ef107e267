"""Store stage: all SQL lives here (the cross-source tables' in `store_clusters.py`), behind
`Store`. SQLite in WAL mode, one transaction per article, plain tables that `sqlite3` and
Datasette users can read, FTS5 over article text and quotes, and a numbered list of
migrations."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cowextract.errors import StoreError
from cowextract.store.clusters import ClusterTables, claim_row
from cowextract.store.database import connect, remember_healthy, transaction
from cowextract.store.migrations import MIGRATIONS

if TYPE_CHECKING:  # the models are imported where used: `cowextract --help` needs none
    from cowextract.models import Article, Claim, Event, Timex

DEFAULT_DB = "cowextract.db"
DB_ENV = "COWEXTRACT_DB"


def date_range(value: str | None) -> tuple[str | None, str | None]:
    """The first and last day a TimeML date value covers, as ISO strings (for range queries):
    `2025-03` → (2025-03-01, 2025-03-31); intervals by their ends; other forms → (None, None)."""
    if not value:
        return None, None
    if "/" in value:
        a, b = value.split("/", 1)
        return date_range(a)[0], date_range(b)[1]
    parts = value.split("-")
    try:
        if len(parts) in (2, 3) and parts[1][:1] == "W" and parts[1][1:].isdigit():
            # ISO weeks: `2025-W16` is Monday to Sunday, `2025-W16-WE` its weekend
            weekend = parts[2:] == ["WE"]
            first = date.fromisocalendar(int(parts[0]), int(parts[1][1:]), 6 if weekend else 1)
            week_end = date.fromisocalendar(int(parts[0]), int(parts[1][1:]), 7)
            return first.isoformat(), week_end.isoformat()
        if len(parts) == 3 and len(parts[2]) == 2:
            d = date.fromisoformat(value)
            return d.isoformat(), d.isoformat()
        if len(parts) == 2 and len(parts[1]) == 2 and parts[1].isdigit():
            y, m = int(parts[0]), int(parts[1])
            month_end = date(y + (m == 12), m % 12 + 1, 1) - date.resolution
            return f"{y:04d}-{m:02d}-01", month_end.isoformat()
        if len(parts) == 2 and parts[1].startswith("Q") and parts[1][1:].isdigit():
            y, q = int(parts[0]), int(parts[1][1:])
            first = date(y, 3 * q - 2, 1)
            quarter_end = date(y + (q == 4), (3 * q) % 12 + 1, 1) - date.resolution
            return first.isoformat(), quarter_end.isoformat()
        if len(parts) == 1 and len(value) == 4 and value.isdigit():
            return f"{value}-01-01", f"{value}-12-31"
    except ValueError:
        return None, None
    return None, None


@dataclass
class EventFilter:
    type: str | None = None
    actor: str | None = None
    since: date | None = None
    until: date | None = None
    article: str | None = None
    text: str | None = None
    cluster: str | None = None
    limit: int | None = None


class Store(ClusterTables):
    """The event store. Use as a context manager; every write of an article is atomic. Its
    cross-source clusters and claims are read and written through `ClusterTables`."""

    def __init__(self, path: str | Path, *, readonly_ok: bool = False):
        """Open (creating and migrating as needed) the database at `path`. With
        `readonly_ok`, a database that cannot be written (a read-only file or folder) is
        opened for reading (`readonly`). A damaged database is refused (`StoreError`)."""
        self.path = str(path)
        self._pass_version: int | None = None
        self.conn, self.readonly = connect(self.path, MIGRATIONS, readonly_ok=readonly_ok)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection; a database this store could write, healthy when opened, is
        remembered as healthy as cowextract leaves it."""
        self.conn.close()
        if not self.readonly:
            remember_healthy(self.path)

    def _transaction(self) -> AbstractContextManager[None]:
        return transaction(self.conn, self.path)

    @contextmanager
    def clustering(self) -> Iterator[bool]:
        """Hold the database's write lock for one clustering pass, its reads and its writes:
        the passes of concurrent ingests and of `diff` run one after the other, each on the
        clusters the one before stored. Yields whether another connection has written
        since this one's last pass (a clusterer's cache of stored clusters is then stale)."""
        with self._transaction():
            version = self.conn.execute("PRAGMA data_version").fetchone()[0]
            others = self._pass_version is None or version != self._pass_version
            self._pass_version = version
            yield others

    # -- writes -------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def source_article(self, digest: str) -> str | None:
        """The stored article read from an input with this `load.source_digest`, if any."""
        row = self.conn.execute("SELECT article_id FROM sources WHERE digest = ?",
                                (digest,)).fetchone()
        return row[0] if row else None

    def add_path(self, article_id: str, path: str, digest: str | None = None) -> None:
        """Another path (and input digest) of a stored article."""
        with self._transaction():
            self.conn.execute("INSERT OR IGNORE INTO article_paths VALUES (?, ?)",
                              (article_id, path))
            if digest:
                self.conn.execute("INSERT OR IGNORE INTO sources VALUES (?, ?)",
                                  (digest, article_id))

    def add_article(self, article: Article, events: list[Event], timexes: list[Timex],
                    claims: Iterable[Claim] = (), digest: str | None = None) -> bool:
        """Store an article with its events, temporal expressions and text claims (and the
        digest of the input it was read from) in one transaction.
        Returns False (and writes nothing but the path) when the article is already stored."""
        with self._transaction():
            return self._insert_article(article, events, timexes, claims, digest)

    def _insert_article(self, article: Article, events: list[Event], timexes: list[Timex],
                        claims: Iterable[Claim], digest: str | None) -> bool:
        conn = self.conn
        cur = conn.execute(
            "INSERT OR IGNORE INTO articles (id, path, title, published, source, url, "
            "language, text, event_count, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (article.id, article.path, article.title,
             article.published.isoformat() if article.published else None, article.source,
             article.url, article.language, article.text, len(events),
             datetime.now(UTC).isoformat(timespec="seconds")),
        )
        if digest:
            conn.execute("INSERT OR IGNORE INTO sources VALUES (?, ?)", (digest, article.id))
        if cur.rowcount == 0:
            conn.execute("INSERT OR IGNORE INTO article_paths VALUES (?, ?)",
                         (article.id, article.path))
            return False
        conn.execute("INSERT INTO article_paths VALUES (?, ?)", (article.id, article.path))
        conn.execute("INSERT INTO articles_fts (rowid, title, text) SELECT rowid, title, text "
                     "FROM articles WHERE id = ?", (article.id,))
        conn.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                         [self._event_row(e) for e in events])
        conn.execute("INSERT INTO events_fts (rowid, quote, evidence) SELECT rowid, quote, "
                     "evidence FROM events WHERE article_id = ?", (article.id,))
        pairs = [(event, actor) for event in events for actor in event.actors]
        conn.executemany("INSERT OR IGNORE INTO actors (name, kind, registry_id) "
                         "VALUES (?,?,?)", [(a.name, a.kind, a.id) for _, a in pairs])
        conn.executemany(
            "INSERT OR IGNORE INTO event_actors SELECT ?, id, ?, ? FROM actors "
            "WHERE name = ? AND kind = ?",
            [(e.id, a.role, a.mention, a.name, a.kind) for e, a in pairs])
        conn.executemany(
            "INSERT OR IGNORE INTO timexes VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(article.id, t.start, t.end, t.text, t.type, t.value, t.mod, t.anchor,
              *date_range(t.value)) for t in timexes])
        conn.executemany("INSERT OR IGNORE INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                         [claim_row(c) for c in claims])
        return True

    @staticmethod
    def _event_row(e: Event) -> tuple:
        value = e.date.value if e.date else None
        start, end = date_range(value)
        from cowextract.models import Pledge, Statement

        pledge = e if isinstance(e, Pledge) else None
        quote = e.quote if isinstance(e, Statement) else None
        amount = pledge.amount if pledge else None
        return (
            e.id, e.article.id, e.type, value, e.date.precision if e.date else None, start, end,
            e.location.name if e.location else None, quote.text if quote else None,
            int(quote.direct) if quote else None,
            pledge.polarity if pledge else None,
            pledge.what if pledge else None,
            amount.value if amount else None, amount.unit if amount else None,
            e.evidence.text, e.evidence.start, e.evidence.end,
            e.model_dump_json(exclude={"cluster"}),  # a stored event's cluster is looked up
        )

    # -- reads --------------------------------------------------------------------------

    def events(self, f: EventFilter | None = None) -> Iterator[Event]:
        """Stored events matching the filter, in article then text order."""
        f = f or EventFilter()
        where, args = [], []
        if f.type:
            where.append("e.type = ?")
            args.append(f.type)
        if f.article:
            where.append("(e.article_id LIKE ? ESCAPE '\\' OR e.article_id IN (SELECT "
                         "article_id FROM article_paths WHERE path = ? OR path LIKE ? "
                         "ESCAPE '\\'))")
            args += [_like(f.article) + "%", f.article, "%/" + _like(f.article)]
        if f.actor:
            where.append("e.id IN (SELECT ea.event_id FROM event_actors ea JOIN actors a ON "
                         "a.id = ea.actor_id WHERE a.name LIKE ? ESCAPE '\\' OR ea.mention "
                         "LIKE ? ESCAPE '\\')")
            args += [f"%{_like(f.actor)}%"] * 2
        if f.since:
            where.append("e.date_end >= ?")
            args.append(f.since.isoformat())
        if f.until:
            where.append("e.date_start <= ?")
            args.append(f.until.isoformat())
        if f.cluster:
            where.append("e.id IN (SELECT event_id FROM cluster_members WHERE cluster_id LIKE ? "
                         "ESCAPE '\\')")
            args.append(_like(f.cluster) + "%")
        if f.text is not None:
            where.append("(e.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?) "
                         "OR e.article_id IN (SELECT a.id FROM articles a WHERE a.rowid IN "
                         "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)))")
            args += [_fts_query(f.text)] * 2
        # CROSS JOIN keeps articles the outer loop, so the path index gives the order.
        sql = ("SELECT e.json, cm.cluster_id, c.label FROM articles ar CROSS JOIN events e ON "
               "ar.id = e.article_id LEFT JOIN cluster_members cm ON cm.event_id = e.id "
               "LEFT JOIN clusters c ON c.id = cm.cluster_id")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY ar.path, e.evidence_start, e.type"
        if f.limit:
            sql += f" LIMIT {int(f.limit)}"
        for row in self.conn.execute(sql, args):
            yield self._parse(*row)

    def event(self, event_id: str) -> Event | None:
        rows = self.conn.execute(
            "SELECT e.json, cm.cluster_id, c.label FROM events e LEFT JOIN cluster_members cm "
            "ON cm.event_id = e.id LEFT JOIN clusters c ON c.id = cm.cluster_id "
            "WHERE e.id LIKE ? ESCAPE '\\' LIMIT 2", (_like(event_id) + "%",)).fetchall()
        return self._parse(*rows[0]) if len(rows) == 1 else None

    def _parse(self, row_json: str, cluster_id: str | None = None,
               label: str | None = None) -> Event:
        """A stored event's JSON as an event, with the cross-source cluster it is in (if
        clustered yet); a row that is not one means a damaged database."""
        from pydantic import ValidationError

        from cowextract.models import ClusterRef, parse_event

        try:
            event = parse_event(row_json)
        except (ValidationError, ValueError, TypeError):
            raise StoreError(f"{self.path}: a stored event cannot be read (the database is "
                             "damaged)") from None
        if cluster_id is not None:
            event.cluster = ClusterRef(id=cluster_id, label=label or "")
        return event

    def article(self, article_id: str) -> Article | None:
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        from cowextract.models import Article

        return Article(id=row["id"], path=row["path"], title=row["title"],
                       published=row["published"], source=row["source"], url=row["url"],
                       language=row["language"], text=row["text"])

    def articles(self) -> Iterator[dict]:
        sql = ("SELECT a.id, a.path, a.title, a.published, a.source, a.event_count AS events, "
               "(SELECT group_concat(path, ' ') FROM article_paths p WHERE p.article_id = a.id "
               "AND p.path != a.path) AS also FROM articles a ORDER BY a.path")
        for row in self.conn.execute(sql):
            yield dict(row)

    def path_metadata(self) -> Iterator[dict]:
        """Every path an article was read from, with that article's title, publication date
        and source (an article read from two paths is listed under both)."""
        sql = ("SELECT p.path, a.title, a.published, a.source FROM article_paths p JOIN "
               "articles a ON a.id = p.article_id ORDER BY p.path")
        for row in self.conn.execute(sql):
            yield dict(row)

    def articles_mentioning(self, since: date, until: date) -> set[str]:
        """Ids of articles with a temporal expression whose period overlaps [since, until]."""
        rows = self.conn.execute(
            "SELECT DISTINCT article_id FROM timexes WHERE range_end >= ? AND range_start <= ?",
            (since.isoformat(), until.isoformat()))
        return {r[0] for r in rows}

    def counts(self) -> dict:
        c = self.conn
        by_type = dict(c.execute("SELECT type, count(*) FROM events GROUP BY type").fetchall())
        return {"articles": c.execute("SELECT count(*) FROM articles").fetchone()[0],
                "events": sum(by_type.values()), "by_type": by_type}

    def check(self) -> list[str]:
        """Consistency problems (empty when sound): integrity, orphans, partial articles."""
        c = self.conn
        problems = [r[0] for r in c.execute("PRAGMA integrity_check") if r[0] != "ok"]
        partial = c.execute("SELECT a.id FROM articles a WHERE a.event_count != (SELECT count(*) "
                            "FROM events e WHERE e.article_id = a.id)").fetchall()
        problems += [f"article {r[0]} has a partial set of events" for r in partial]
        orphans = c.execute("SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM "
                            "articles a WHERE a.id = e.article_id)").fetchone()[0]
        if orphans:
            problems.append(f"{orphans} events without an article")
        return problems


    def claims(self, subject: str | None = None, attribute: str | None = None
               ) -> Iterator[Claim]:
        """The stored claims, of a subject (substring) and attribute if given."""
        where, args = [], []
        if subject:
            where.append("subject LIKE ? ESCAPE '\\'")
            args.append(f"%{_like(subject)}%")
        if attribute:
            where.append("attribute = ?")
            args.append(attribute)
        sql = "SELECT json FROM claims" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY subject, attribute, as_of, article_id, evidence_start"
        from cowextract.models import Claim

        for row in self.conn.execute(sql, args):
            yield Claim.model_validate_json(row[0])

    # -- one actor per person (actors/merge.py) -------------------------------------------

    def person_actors(self) -> list[tuple[int, str, str | None, int, str]]:
        """Actors that are or may be people: (row id, name, registry id, events, kind)."""
        return [(r[0], r[1], r[2], r[3], r[4]) for r in self.conn.execute(
            "SELECT a.id, a.name, a.registry_id, COUNT(ea.event_id), a.kind FROM actors a "
            "LEFT JOIN event_actors ea ON ea.actor_id = a.id "
            "WHERE a.kind IN ('person', 'unknown') GROUP BY a.id ORDER BY a.id")]

    def fold_actors(self, plan: dict[int, tuple[str, str | None]],
                    rename: Callable[[str, tuple[str, str], tuple[str, str | None]], str]) -> int:
        """Fold each actor of `plan` (row id → name and registry id of the person it is a form
        of) into that person's actor, in one transaction: its event links move there, each
        event's JSON is `rename`d (json, (old name, old kind), (name, registry id)) and its
        row goes. Returns the rows folded."""
        conn, folded = self.conn, 0
        conn.execute("BEGIN IMMEDIATE")
        try:
            for old, (name, rid) in plan.items():
                row = conn.execute("SELECT name, kind FROM actors WHERE id = ?", (old,)).fetchone()
                conn.execute("INSERT INTO actors (name, kind, registry_id) VALUES (?, 'person', ?) "
                             "ON CONFLICT (name, kind) DO UPDATE SET registry_id = COALESCE("
                             "registry_id, excluded.registry_id)", (name, rid))
                new = conn.execute("SELECT id FROM actors WHERE name = ? AND kind = 'person'",
                                   (name,)).fetchone()[0]
                if row is None or new == old:
                    continue
                for eid, text in conn.execute("SELECT id, json FROM events WHERE id IN (SELECT "
                                              "event_id FROM event_actors WHERE actor_id = ?)",
                                              (old,)).fetchall():
                    conn.execute("UPDATE events SET json = ? WHERE id = ?",
                                 (rename(text, (row[0], row[1]), (name, rid)), eid))
                conn.execute("INSERT OR IGNORE INTO event_actors SELECT event_id, ?, role, "
                             "mention FROM event_actors WHERE actor_id = ?", (new, old))
                conn.execute("DELETE FROM event_actors WHERE actor_id = ?", (old,))
                conn.execute("DELETE FROM actors WHERE id = ?", (old,))
                folded += 1
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return folded


def _like(text: str) -> str:
    """`text` for a LIKE pattern (with `ESCAPE '\\'`) in which it matches only itself: `%`
    and `_` are literal."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _fts_query(words: str) -> str:
    """User words as an FTS5 query that cannot be a syntax error: each word quoted, ANDed."""
    terms = [w.replace('"', "") for w in words.split() if w.replace('"', "")]
    return " ".join(f'"{t}"' for t in terms) or '""'

