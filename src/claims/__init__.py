"""claims: actors, dated events, prisoner counts and sources from Russian news articles."""

from .models import Actor, DateSpan, Event, PrisonerCount, Record, Source, Span

__all__ = ["Actor", "DateSpan", "Event", "PrisonerCount", "Record", "Source", "Span", "extract"]


def __getattr__(name):
    if name == "extract":
        from .pipeline import extract

        return extract
    raise AttributeError(name)
