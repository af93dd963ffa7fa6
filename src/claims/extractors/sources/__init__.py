"""Sources: who the article cites, through which cue, saying what, and through whom.

Attributions are read off the dependency tree (`cues`), each with what it claims (`claims`); each source
head is resolved to a named phrase, an actor where one is mentioned, or an earlier source it refers back
to (`phrases`), given a kind (`kinds`, tables in `rules`) and merged with the other mentions of the same
source (`merging`). `via` lists the sources a source cites: Reuters reporting «со ссылкой на трех
неназванных собеседников» gets `via` = [the anonymous sources].
"""

from .extract import extract_sources

__all__ = ["extract_sources"]
