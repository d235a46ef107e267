"""Actors: the registry of canonical countries, bodies and people (`registry`), the words
that make a phrase a title or a name (`names`), resolving one article's mentions
(`resolve`), the registry as an entity ruler in the spaCy pipeline (`ruler`), and one actor
per person across a store (`merge`, run at the end of an ingest)."""

from cowextract.actors.registry import Entry, Office, Registry, Resolved, default_registry
from cowextract.actors.resolve import ArticleActors

__all__ = ["ArticleActors", "Entry", "Office", "Registry", "Resolved", "default_registry"]
