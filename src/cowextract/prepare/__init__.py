"""Prepare: text in, `Article` out. `load` reads files, folders, stdin and JSON records and
decodes them; `clean` removes repeated bodies, boilerplate and reference marks; `metadata`
finds the title, publication date, source and language; `articles` identifies each article
by its cleaned text and skips what the store already holds."""

from cowextract.prepare.articles import Skipped, prepare
from cowextract.prepare.load import RawDocument, iter_documents
from cowextract.prepare.metadata import build_article

__all__ = ["RawDocument", "Skipped", "build_article", "iter_documents", "prepare"]
