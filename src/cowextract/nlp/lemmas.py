"""Lemmas on demand: the pipeline's lemmatizer runs for the few tokens the extractors ask
about, not over every token."""

from __future__ import annotations

from typing import Any

# Lemmas are asked for a few tokens per sentence (cue verbs, nouns heading a speaker), so the
# lemmatizer runs on those alone, on demand, instead of over every token.
LAZY_LEMMATIZER = "lemmatizer"
_LEMMATIZERS: dict[int, Any] = {}  # id of a pipeline's vocab → its idle lemmatizer
# Lemmas asked for, by what spaCy's rule lemmatizer decides on (word, part of speech and
# morphology): it caches only some of its answers, and base forms, the most common, are
# worked out again each time. Bounded, so memory stays flat over a long ingest.
_LEMMAS: dict[tuple[int, int, int, int], str] = {}
LEMMA_CACHE = 200_000


def lemma_of(token) -> str:
    """`token.lemma_`, from the pipeline's lemmatizer on demand when it does not run over
    every token (the same rule and the same result as when it does)."""
    if token.lemma:  # set by the attribute rules or a lemmatizer that ran
        return token.lemma_
    vocab = id(token.vocab)
    lemmatizer = _LEMMATIZERS.get(vocab)
    if lemmatizer is None:
        return token.lemma_
    key = (vocab, token.orth, token.pos, token.morph.key)
    found = _LEMMAS.get(key)
    if found is None:
        if len(_LEMMAS) >= LEMMA_CACHE:
            _LEMMAS.clear()
        found = _LEMMAS[key] = lemmatizer.lemmatize(token)[0]
    return found




def make_lazy(nlp) -> None:
    """Take the pipeline's rule lemmatizer out of the stream, to be asked per token by
    `lemma_of` (a lemmatizer that overwrites lemmas set by earlier components stays)."""
    if LAZY_LEMMATIZER in nlp.pipe_names and \
            not getattr(nlp.get_pipe(LAZY_LEMMATIZER), "overwrite", False):
        nlp.disable_pipe(LAZY_LEMMATIZER)
        _LEMMATIZERS[id(nlp.vocab)] = nlp.get_pipe(LAZY_LEMMATIZER)
