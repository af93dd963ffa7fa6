"""How many entries each of a process's caches keeps, in one place.

The caches hold what is asked again and again across articles: dictionary analyses of words, lemmas of
tagged words, inflected names, spaCy's vocabulary. They are sized to fill within the first hundred or so
typical articles, so that past that a worker's memory stays flat (`make bench`, row 5b); on the 936 real
articles in ../shared, caches ten times larger made extraction no faster, only the memory grow.
"""

WORDS = 6_000  # one word's analyses: normal forms, number words, lemmas a count reads
TAGGED_WORDS = 8_000  # lemmas of words with their tags
PHRASES = 4_000  # names put into the nominative
VOCAB_STRINGS = 15_000  # strings in spaCy's vocab before a new one is started (with lexemes, ~6 MiB)
