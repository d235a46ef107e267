"""Statements: who said what, quoted or reported, attributed to the right speaker.

Three passes over one article:

1. `find_quotes` pairs quotation marks paragraph by paragraph (every style news text uses;
   a mark left open is capped at the paragraph end).
2. Cue tokens (reporting verbs and phrases from `data/cues.json`) give reported speech: the
   speaker is the cue's subject (or the object of "according to"), the content its complement.
3. Each quote is attached to the cue that governs it or stands next to it; quotes split by
   the attribution, or continued after it, join one statement. A quote that is only part of
   a reported clause stays inside that reported statement.

Speakers go through the article's actor resolver; pronouns and descriptions ("he", "her
office", "the French president") resolve here to the nearest compatible named person.

Modules, one job each: `quotes` (pairing quotation marks), `cues` (the cue lexicon, a cue's
subject and complement), `entities`, `mentions` (whom the article names, sentence by
sentence, for pronouns and titles) and `speakers` (speaker resolution), `candidates` (a
statement under construction), `attribution` (the cue passes that build candidates),
`sources` ("according to X", "as X reported", "X: …" and "“…” - X"), `filters`
(the post-passes that cut, join and drop them), `pipeline` (their order over one article,
and the `Statement` events). Word lists are data: `data/cues.json`, `data/statements.json`.
"""

from cowextract.extract.statements.cues import Cues, load_cues
from cowextract.extract.statements.pipeline import extract
from cowextract.extract.statements.quotes import QuoteSpan, find_quotes, quote_key

__all__ = ["Cues", "QuoteSpan", "extract", "find_quotes", "load_cues", "quote_key"]
