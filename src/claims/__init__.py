"""claims: actors, dated events, prisoner counts and sources from Russian news articles."""

__all__ = ["Actor", "DateSpan", "Event", "PrisonerCount", "Record", "Source", "Span", "extract"]


def __getattr__(name):
    """The record models and `extract`, imported on first use: `import claims.nlp` stays light."""
    if name == "extract":
        from .pipeline import extract

        return extract
    if name in __all__:
        from . import models

        return getattr(models, name)
    raise AttributeError(name)
