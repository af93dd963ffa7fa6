"""How many entries each of a process's caches keeps, in one place.

The caches hold what is asked again and again across articles: dictionary analyses of words, lemmas of
tagged words, inflected names, spaCy's vocabulary. They are sized to fill within the first hundred or so
typical articles, so that past that a worker's memory stays flat (`make bench`, row 5b); on the 936 real
articles in ../shared, caches ten times larger made extraction no faster, only the memory grow. With WORDS at
6,000 and PHRASES at 4,000 the word caches were still filling after 470 articles, and one process grew by
14 % between the 93rd and the 932nd article (8 % at these sizes, for the same CPU time and the same records).
"""

WORDS = 2_500  # one word's analyses: normal forms, number words, lemmas a count reads
TAGGED_WORDS = 8_000  # lemmas of words with their tags
PHRASES = 2_000  # names put into the nominative
VOCAB_STRINGS = 15_000  # strings in spaCy's vocab before a new one is started (with lexemes, ~6 MiB)
