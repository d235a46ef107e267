"""Annotate: the spaCy pipeline (`pipeline`) with the actor entity ruler and a line-break
rule, the model's attribute rules applied by look-up (`attributes`), lemmas on demand
(`lemmas`), and the one owner of what is cached on a `Doc` (`docs`). `prefilter` speeds up
the long regex scans the extractors run over the text."""

from cowextract.nlp.pipeline import load_pipeline

__all__ = ["load_pipeline"]
