"""Dependency labels, parts of speech and prepositions the extractors share, named once.

Labels are Universal Dependencies as Natasha's parser writes them; parts of speech are UD tags.
"""

from __future__ import annotations

# -- dependency labels ---------------------------------------------------------------------------

SUBJECT_DEPS = ("nsubj", "nsubj:pass")
CLAUSE_DEPS = ("ccomp", "csubj")
NAME_DEPS = ("appos", "flat", "flat:name", "flat:foreign")
PHRASE_RIGHT_DEPS = ("nmod", *NAME_DEPS, "amod", "nummod")
NUMMOD_DEPS = ("nummod", "nummod:gov")
RELATIVE_DEPS = ("acl", "acl:relcl")

# -- parts of speech -----------------------------------------------------------------------------

NOMINAL_POS = ("NOUN", "PROPN", "PRON", "X")
INFLECTED_POS = ("NOUN", "ADJ", "VERB", "DET")

# -- prepositions, as written (lower case) ---------------------------------------------------------

IN_PREPOSITIONS = frozenset({"в", "во"})
WITH_PREPOSITIONS = frozenset({"с", "со"})
ABOUT_PREPOSITIONS = frozenset({"о", "об"})
