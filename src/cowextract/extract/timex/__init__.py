"""Temporal tagging: find dates, times, durations and sets in news text and normalise
them to TimeML TIMEX3 values.

The work is done by our own patterns (lexicons in `data/timex.json`) over the text;
spaCy supplies the parse (to read the tense that decides whether "Friday" looks back or
forward) and its DATE/TIME entities as extra candidates, and dateparser is the last
fallback for an entity none of our patterns understands.  Relative expressions are
resolved against the publication date (deictic) or the last date mentioned (anaphoric);
without either the value is null, never today's clock.

The modules, in the order a text meets them: `vocabulary` (the word lists and their
readers), `fragments` and `patterns` (the regex table), the handlers that read a match
(`named`, `relative`, `durations`, sharing `anchors`), `calendar` (arithmetic on TimeML
values), `tense`, `fallback` (dateparser) and `tagger`, which runs them all.
"""

from cowextract.extract.timex.calendar import precision_of, to_date_value
from cowextract.extract.timex.tagger import normalize, tag, tag_text

__all__ = ["normalize", "precision_of", "tag", "tag_text", "to_date_value"]
