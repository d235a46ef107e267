"""Run: the pipeline over many documents. `serial` streams them through one process in
batches and memory zones, `parallel` over worker processes (`--jobs N`), and `ingest`
stores each article in one transaction and keeps the clusters up to date. `dates` lists
temporal expressions without storing anything."""

# `ingest` the function is `cowextract.ingest` (or `cowextract.run.ingest.ingest`): here the
# name stays the module's.
from cowextract.run.ingest import Outcome, Summary
from cowextract.run.serial import extract_text, process

__all__ = ["Outcome", "Summary", "extract_text", "process"]
