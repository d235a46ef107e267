"""The store: an embedded SQLite database of articles, events, actors, temporal expressions,
clusters and claims. `store` holds the tables' queries (all SQL lives in this folder),
`clusters` the cross-source tables, `migrations` the schema, `database` opening the file
and writing to it safely."""

from cowextract.store.store import DB_ENV, DEFAULT_DB, EventFilter, Store, date_range

__all__ = ["DB_ENV", "DEFAULT_DB", "EventFilter", "Store", "date_range"]
