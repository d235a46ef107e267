"""The pipeline's attribute rules (its tag map and exceptions), applied by table look-up.

spaCy's `attribute_ruler` runs its rules through the token Matcher, which tries each of
its ~180 rules at every token: a sixth of the English pipeline's time. Nearly all of them
test a token's own TAG, LOWER, DEP or IS_SPACE against a value or a list, so each rule can
be filed under the values it needs and found with three dictionary look-ups per token; a
rule over several tokens is filed under its first. A rule this module cannot read (a
quantifier, another attribute) still goes through a Matcher of its own. The rules are the
loaded pipeline's own, and so is the result: for each attribute of a token, the last rule (in
rule order) that matched it and sets that attribute wins, every rule tested against the
token as it was before any was applied.
"""

from __future__ import annotations

import re
from collections import defaultdict

COMPONENT = "attribute_rules"
RULER = "attribute_ruler"
_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # columns of the array a token is tested on
_INDEXED = (1, 0, 2)  # columns a rule is filed under, most selective first: LOWER, TAG, DEP
_SETS = ("TAG", "POS", "MORPH", "LEMMA", "DEP")  # the attributes a rule may set
MEMO_SIZE = 50_000  # distinct tokens remembered; cleared past this, so memory stays flat


class _Regex:
    """A REGEX test on a string attribute, memoised per value (the same words recur)."""

    def __init__(self, pattern: str, strings) -> None:
        self.rx, self.strings = re.compile(pattern), strings
        self.seen: dict[int, bool] = {}

    def __contains__(self, value: int) -> bool:
        found = self.seen.get(value)
        if found is None:
            if len(self.seen) > MEMO_SIZE:
                self.seen.clear()
            found = self.seen[value] = self.rx.search(self.strings[value]) is not None
        return found


class _Not:
    def __init__(self, values: frozenset) -> None:
        self.values = values

    def __contains__(self, value: int) -> bool:
        return value not in self.values


class AttributeRules:
    """A drop-in replacement for a loaded spaCy `AttributeRuler` (see the module docstring)."""

    def __init__(self, ruler) -> None:
        from spacy.attrs import IDS
        from spacy.matcher import Matcher

        strings = ruler.vocab.strings
        self.key_ids = [IDS[k] for k in _KEYS]
        self.set_ids = [IDS[k] for k in _SETS]
        column = {IDS[k]: i for i, k in enumerate(_SETS)}
        self.sets: list[list[tuple[int, int]]] = []  # per rule: (column, value) pairs
        self.index: dict[int, dict[int, list]] = {c: defaultdict(list) for c in _INDEXED}
        self.anywhere: list = []
        self.targets = list(ruler.indices)
        self.matcher = Matcher(ruler.vocab)
        self._memo: dict[tuple, tuple] = {}
        for rule, attrs in enumerate(ruler.attrs):
            if any(a not in column for a in attrs):
                raise ValueError(f"attribute rule {rule} sets attributes other than {_SETS}")
            self.sets.append([(column[a], v) for a, v in attrs.items()])
            for pattern in ruler.matcher.get(strings[str(rule)])[1]:
                self._file(rule, pattern, strings)

    def _file(self, rule: int, pattern: list[dict], strings) -> None:
        tokens = [self._tests(token, strings) for token in pattern]
        try:
            target = range(len(tokens))[self.targets[rule]]
        except IndexError:
            target = None
        first = tokens[0] if tokens else None
        if first is None or target is None or any(t is None for t in tokens):
            self.matcher.add(str(rule), [pattern])
            return
        rest = tokens[1:]
        keyed = next((c for c in _INDEXED if isinstance(first.get(c), frozenset)), None)
        if keyed is None:
            self.anywhere.append((rule, list(first.items()), rest, target))
            return
        entry = (rule, [(c, t) for c, t in first.items() if c != keyed], rest, target)
        for value in first[keyed]:
            self.index[keyed][value].append(entry)

    @staticmethod
    def _tests(token: dict, strings) -> dict | None:
        """{column: test} for one token pattern, a test being anything `in` works on; None
        for a pattern this module does not read."""
        tests: dict = {}
        for key, spec in token.items():
            if key not in _KEYS:
                return None
            col = _KEYS.index(key)
            if key == "IS_SPACE":
                if isinstance(spec, dict):
                    return None
                tests[col] = frozenset([int(bool(spec))])
                continue
            if not isinstance(spec, dict):
                tests[col] = frozenset([strings.add(spec)])
            elif len(spec) != 1:
                return None
            elif "IN" in spec:
                tests[col] = frozenset(strings.add(v) for v in spec["IN"])
            elif "NOT_IN" in spec:
                tests[col] = _Not(frozenset(strings.add(v) for v in spec["NOT_IN"]))
            elif "REGEX" in spec:
                tests[col] = _Regex(spec["REGEX"], strings)
            else:
                return None
        return tests

    def __call__(self, doc):
        import numpy

        n = len(doc)
        if not n:
            return doc
        rows = doc.to_array(self.key_ids).tolist()
        values = doc.to_array(self.set_ids).tolist()
        memo = self._memo
        if len(memo) > MEMO_SIZE:
            memo.clear()
        later: dict[int, list[int]] = defaultdict(list)  # rules of several tokens, by target
        firsts = []
        for i, row in enumerate(rows):
            key = tuple(row)
            found = memo.get(key)
            if found is None:
                found = memo[key] = self._first_tokens(row)
            firsts.append(found)
            for rule, rest, target in found[2]:
                if i + len(rest) < n and all(all(rows[i + k][c] in t for c, t in token.items())
                                             for k, token in enumerate(rest, 1)):
                    later[i + target].append(rule)
        if len(self.matcher):
            for match_id, start, end in self.matcher(doc, allow_missing=True):
                rule = int(doc.vocab.strings[match_id])
                later[range(start, end)[self.targets[rule]]].append(rule)
        for i, (overrides, rules, _) in enumerate(firsts):
            if i in later:
                overrides = self._overrides(sorted({*rules, *later[i]}))
            row = values[i]
            for col, value in overrides:
                row[col] = value
        doc.from_array(self.set_ids, numpy.array(values, dtype=numpy.uint64))
        return doc

    def _first_tokens(self, row: list[int]) -> tuple[list, list[int], list]:
        """For a token's (TAG, LOWER, DEP, IS_SPACE): what its one-token rules set, those
        rules, and the rules of several tokens whose first token it matches."""
        rules: list = []
        sequences: list = []
        for col in _INDEXED:
            for rule, tests, rest, target in self.index[col].get(row[col], ()):
                self._test(rule, tests, rest, target, row, rules, sequences)
        for rule, tests, rest, target in self.anywhere:
            self._test(rule, tests, rest, target, row, rules, sequences)
        rules.sort()
        return self._overrides(rules), rules, sequences

    @staticmethod
    def _test(rule, tests, rest, target, row, rules, sequences) -> None:
        if all(row[c] in t for c, t in tests):
            if rest:
                sequences.append((rule, rest, target))
            else:
                rules.append(rule)

    def _overrides(self, rules: list[int]) -> list[tuple[int, int]]:
        """(column, value) pairs that `rules`, applied in order, leave on a token."""
        final: dict[int, int] = {}
        for rule in rules:
            final.update(self.sets[rule])
        return list(final.items())


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(COMPONENT):
        Language.factory(COMPONENT, func=lambda nlp, name: AttributeRules(nlp.get_pipe(RULER)))


def compile_attribute_ruler(nlp) -> None:
    """Put `AttributeRules` in the place of the pipeline's attribute ruler (same output);
    a pipeline without one is left as it is."""
    if RULER not in nlp.pipe_names:
        return
    _register()
    nlp.add_pipe(COMPONENT, after=RULER)
    nlp.remove_pipe(RULER)
