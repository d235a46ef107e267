"""The store's schema as a numbered list of migrations: a new database runs them all, an
older one the ones it has not had (`PRAGMA user_version` counts them)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def _script(conn: sqlite3.Connection, sql: str) -> None:
    # executescript() would COMMIT first; a migration must stay inside its transaction.
    for statement in sql.split(";"):
        if statement.strip():
            conn.execute(statement)


# Clusters are derived data: a migration that changes how they are made drops them all,
# and the next ingest or diff rebuilds them from the events, which stay.
_DROP_CLUSTERS = """
    DELETE FROM claims WHERE cluster_id IS NOT NULL;
    DELETE FROM cluster_members;
    DELETE FROM clusters;
    """


def _m1(conn: sqlite3.Connection) -> None:
    _script(
        conn,
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY, path TEXT NOT NULL, title TEXT, published TEXT,
            source TEXT, url TEXT, language TEXT, text TEXT NOT NULL,
            event_count INTEGER NOT NULL, ingested_at TEXT NOT NULL);
        CREATE TABLE article_paths (
            article_id TEXT NOT NULL REFERENCES articles(id), path TEXT NOT NULL,
            PRIMARY KEY (article_id, path));
        CREATE TABLE events (
            id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id),
            type TEXT NOT NULL, date_value TEXT, date_precision TEXT, date_start TEXT,
            date_end TEXT, location TEXT, quote TEXT, direct INTEGER, polarity TEXT, what TEXT,
            amount_value REAL, amount_unit TEXT, evidence TEXT NOT NULL,
            evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL, json TEXT NOT NULL);
        CREATE INDEX events_article ON events(article_id);
        CREATE INDEX events_type_date ON events(type, date_start);
        CREATE TABLE actors (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, registry_id TEXT,
            UNIQUE (name, kind));
        CREATE TABLE event_actors (
            event_id TEXT NOT NULL REFERENCES events(id), actor_id INTEGER NOT NULL
            REFERENCES actors(id), role TEXT NOT NULL, mention TEXT,
            PRIMARY KEY (event_id, actor_id, role));
        CREATE INDEX event_actors_actor ON event_actors(actor_id);
        CREATE TABLE timexes (
            article_id TEXT NOT NULL REFERENCES articles(id), start INTEGER NOT NULL,
            "end" INTEGER NOT NULL, text TEXT NOT NULL, type TEXT NOT NULL, value TEXT,
            mod TEXT, anchor TEXT, range_start TEXT, range_end TEXT,
            PRIMARY KEY (article_id, start));
        CREATE INDEX timexes_range ON timexes(range_start, range_end);
        CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles',
            content_rowid='rowid');
        CREATE VIRTUAL TABLE events_fts USING fts5(quote, evidence, content='events',
            content_rowid='rowid');
        """
    )


def _m2(conn: sqlite3.Connection) -> None:
    _script(
        conn,
        """
        CREATE TABLE clusters (
            id TEXT PRIMARY KEY, kind TEXT NOT NULL, label TEXT NOT NULL, date TEXT,
            size INTEGER NOT NULL);
        CREATE TABLE cluster_members (
            event_id TEXT PRIMARY KEY REFERENCES events(id),
            cluster_id TEXT NOT NULL REFERENCES clusters(id), inferred_date TEXT,
            inferred_from TEXT);
        CREATE INDEX cluster_members_cluster ON cluster_members(cluster_id);
        CREATE TABLE claims (
            id TEXT PRIMARY KEY, subject TEXT NOT NULL, subject_kind TEXT NOT NULL,
            attribute TEXT NOT NULL, value TEXT NOT NULL, number REAL, as_of TEXT,
            as_of_basis TEXT, article_id TEXT NOT NULL REFERENCES articles(id), event_id TEXT,
            cluster_id TEXT, evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL,
            json TEXT NOT NULL);
        CREATE INDEX claims_subject ON claims(subject, attribute);
        CREATE INDEX claims_cluster ON claims(cluster_id);
        CREATE INDEX claims_article ON claims(article_id);
        """,
    )


def _m3(conn: sqlite3.Connection) -> None:
    # Clustering reads its blocking keys and members from the store instead of holding every
    # cluster in memory. Clusters made before this are dropped and rebuilt by the next
    # ingest or diff (their events stay).
    _script(
        conn,
        _DROP_CLUSTERS + """
        ALTER TABLE cluster_members ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE cluster_members ADD COLUMN member TEXT NOT NULL DEFAULT '{}';
        DROP INDEX claims_cluster;
        CREATE INDEX claims_cluster ON claims(cluster_id, event_id);
        CREATE TABLE cluster_keys (
            key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (key, value)) WITHOUT ROWID;
        """,
    )


def _m4(conn: sqlite3.Connection) -> None:
    # The digest of each raw input already stored (`load.source_digest`): a re-run skips
    # cleaning an unchanged file, not only annotating it.
    _script(conn, """
        CREATE TABLE sources (
            digest TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id))
            WITHOUT ROWID;
        """)


def _m5(conn: sqlite3.Connection) -> None:
    # `query` lists events in article path then text order: with these it reads the first
    # rows in that order instead of sorting every stored event before LIMIT applies.
    _script(conn, """
        CREATE INDEX articles_path ON articles(path);
        CREATE INDEX events_article_order ON events(article_id, evidence_start, type);
        DROP INDEX events_article;
        """)


def _m6(conn: sqlite3.Connection) -> None:
    # A cluster keeps the summary clustering scores it by, so that a candidate is read
    # without its members. Clusters made before this are rebuilt by the next ingest or diff.
    _script(conn, _DROP_CLUSTERS + """
        DELETE FROM cluster_keys;
        ALTER TABLE clusters ADD COLUMN summary TEXT NOT NULL DEFAULT '{}';
        """)


def _m7(conn: sqlite3.Connection) -> None:
    # Clusters join on evidence (compatible dates and places, shared parties or figures)
    # and keep why an undated member took its date. Clusters made before this are rebuilt
    # by the next ingest or diff (their events stay).
    _script(conn, _DROP_CLUSTERS + "DELETE FROM cluster_keys;")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_m1, _m2, _m3, _m4, _m5, _m6, _m7]
