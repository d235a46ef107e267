"""Prepare: text in, `Article` out. `load` reads files, folders, stdin and JSON records and
decodes them; `clean` removes the page's chrome, repeated bodies, boilerplate and reference
marks; `head` reads a page's date lines, bylines and dateline, `dates` the dates they state,
`titles` the headline; `metadata` finds the title, publication date, source and language;
`offsets` and `origins` carry the map from each character of the cleaned text back to the
file as read; `truncation` finds a cut page's unfinished last sentence; `articles`
identifies each article by its cleaned text and skips what the store already holds."""

from cowextract.prepare.articles import Skipped, prepare
from cowextract.prepare.load import RawDocument, iter_documents
from cowextract.prepare.metadata import build_article

__all__ = ["RawDocument", "Skipped", "build_article", "iter_documents", "prepare"]
