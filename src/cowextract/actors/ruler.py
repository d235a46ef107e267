"""The registry as an entity ruler ahead of spaCy's statistical NER: surnames ("Rubio") and
lower-case names ("ursula von der leyen") come out as one entity with the right label."""

from __future__ import annotations

import re
from functools import cache

from cowextract.actors.names import compact
from cowextract.actors.registry import LABELS, Entry, Registry


def ruler_patterns(registry: Registry, tokenizer=None) -> list[dict]:
    """spaCy EntityRuler token patterns for names, aliases and demonyms, labelled PERSON,
    GPE, ORG or NORP (demonyms), each with `id` = the registry id.

    Multi-word forms match in any case ("ursula von der leyen"). Single words match only as
    written ("turkey", "us" stay common words) and only where the statistical NER is weak:
    people's names ("Rubio"), acronyms ("UK", "MNF-U") and bodies' own names. A lone
    "French", "China" or "Commission" would split "French Open", "China Daily" or
    "Electoral Commission", so those are left to the NER, as are capitals. Forms are
    split by `tokenizer` (the pipeline's own, so a pattern's tokens are the text's),
    or by a blank English one."""
    tokenizer = _tokenizer() if tokenizer is None else tokenizer
    patterns: list[dict] = []
    seen: set[tuple[str, tuple]] = set()
    for e in registry:
        label = LABELS[e.kind]
        forms = [(label, f) for f in (e.name, *e.aliases)]
        forms += [("NORP", d) for d in e.demonyms]
        for lab, form in forms:
            form = re.sub(r"^(?:the|The)\s+", "", form.strip())
            toks = [t.text for t in tokenizer(form)]
            if not toks or form in e.ruler_skip:
                continue
            if len(toks) == 1:
                if not _single_word_pattern(e, lab, form):
                    continue
                pattern = [{"ORTH": toks[0]}]
            else:
                pattern = [{"LOWER": t.lower()} for t in toks]
            sig = (lab, tuple(tuple(p.items()) for p in pattern))
            if sig in seen:
                continue
            seen.add(sig)
            patterns.append({"label": lab, "pattern": pattern, "id": e.id})
    return patterns



def _single_word_pattern(e: Entry, label: str, form: str) -> bool:
    if label == "PERSON":
        return True
    if label == "NORP":
        return False
    acronym = compact(form).isupper()
    return acronym or (e.kind == "organization" and (form == e.name or not form[1:].islower()))


@cache
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def add_entity_ruler(nlp, registry: Registry) -> None:
    """Add an "entity_ruler" with the registry's patterns before the pipeline's "ner", so
    surnames ("Rubio") and lower-case names ("ursula von der leyen") come out as one entity
    with the right label. Does nothing if the pipeline already has one."""
    if "entity_ruler" in nlp.pipe_names:
        return
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    patterns = [_as_phrase(p) for p in ruler_patterns(registry, nlp.tokenizer)]
    # Case-sensitive single words ("UK", "Rubio") in one phrase ruler, lower-case names of
    # two words or more in another that runs after it; a longer name wins an overlap.
    cased = nlp.add_pipe("entity_ruler", name="entity_ruler_cased", config={
        "overwrite_ents": True, "validate": False, "phrase_matcher_attr": "ORTH"}, **where)
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True, "validate": False,
                                                 "phrase_matcher_attr": "LOWER"}, **where)
    # Phrases are matched on ORTH and LOWER, which the tokenizer alone gives: without the
    # rest of the pipeline, making the pattern docs takes a tenth of the time.
    with nlp.select_pipes(enable=[]):
        cased.add_patterns([_as_phrase(p, "ORTH") for p in patterns
                            if isinstance(p["pattern"], list)])
        ruler.add_patterns([p for p in patterns if isinstance(p["pattern"], str)])


def _as_phrase(pattern: dict, attr: str = "LOWER") -> dict:
    """A pattern of `attr` tokens as a phrase: the PhraseMatcher finds a thousand names in
    one pass, where the token Matcher cost a quarter of the whole spaCy pipeline."""
    tokens = pattern["pattern"]
    if isinstance(tokens, list) and all(set(t) == {attr} for t in tokens):
        return {**pattern, "pattern": " ".join(t[attr] for t in tokens)}
    return pattern
