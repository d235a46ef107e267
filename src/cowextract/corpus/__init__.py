"""Across sources, over the store: `cluster` groups the events several articles report
into one real-world event, and `diff` derives their claims and tells where sources agree,
conflict or evolve."""

from cowextract.corpus.diff import DiffRow, compute, update

__all__ = ["DiffRow", "compute", "update"]
