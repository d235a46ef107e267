"""Grammar the extractors share (`data/syntax.json`): which entity labels name actors or
places, which dependencies open a clause of their own, and English function words."""

from __future__ import annotations

from cowextract.resources import words

ACTOR_LABELS = words("syntax.json", "actor_labels")
PLACE_LABELS = words("syntax.json", "place_labels")
# Dependencies that start another clause: its dates and places belong to other events.
CLAUSAL_DEPS = words("syntax.json", "clausal_deps")
# Adjuncts of a governing verb that still describe the event its object or subject names.
ADJUNCT_DEPS = words("syntax.json", "adjunct_deps")
PLACE_PREPS = words("syntax.json", "place_preps")
DETERMINERS = words("syntax.json", "determiners")
SUBJECT_PRONOUNS = words("syntax.json", "subject_pronouns")
RELATIVE_PRONOUNS = words("syntax.json", "relative_pronouns")
