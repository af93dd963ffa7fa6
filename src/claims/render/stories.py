"""Rich tables of stories: each story with its figures, and the figures that cannot all be true."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table

from .highlight import bounds


def stories_view(clustering, most: int = 20) -> Group:
    ranked = ranked_stories(clustering.stories)
    return Group(stories_table(ranked[:most], len(ranked)), disagreements_table(ranked[:most]))


def ranked_stories(stories: list) -> list:
    """Stories told by several articles first, then by reports."""
    return sorted(stories, key=lambda s: (-len(s.articles), -len(s.reports), s.id))


def stories_table(stories: list, total: int) -> Table:
    table = Table(title=f"Stories — the {len(stories)} most reported of {total}", title_justify="left")
    for column in ("story", "kind", "date", "articles", "reports", "who and where", "figures", "disagree"):
        table.add_column(column)
    for story in stories:
        table.add_row(
            str(story.id),
            story.kind,
            story.dates(),
            str(len(story.articles)),
            str(len(story.reports)),
            ", ".join(story.names(1, places=True) + story.names(3)),
            "; ".join(f"{bounds(f.low, f.high)} {f.status}" for f in story.figures[:4])
            + (" …" if len(story.figures) > 4 else ""),
            "yes" if story.conflicts else "",
        )
    return table


def disagreements_table(stories: list, most: int = 3) -> Table:
    """A few pairs of figures per story that cannot both be true: «31 украинца (a22, 2025-11-22) vs около 30 …»."""
    table = Table(title="Figures that cannot both be true", title_justify="left")
    for column in ("story", "one report", "vs", "another"):
        table.add_column(column)
    for story in stories:
        for one, other in story.conflicts[:most]:
            table.add_row(str(story.id), one.label(), "vs", other.label())
        if len(story.conflicts) > most:
            table.add_row(str(story.id), f"… {len(story.conflicts) - most} more pairs", "", "")
    return table


def stories_eval_view(report, show_errors: bool = False) -> Group:
    """`claims eval --stories`: the B-cubed scores, and with show_errors each gold story's articles as grouped."""
    scores = report.scores
    table = Table(
        title="Stories: B-cubed over articles (each article in the story of its main event)", title_justify="left"
    )
    for column in ("articles", "gold stories", "predicted stories", "P", "R", "F1"):
        table.add_column(column)
    table.add_row(
        str(scores.items),
        str(len(set(report.gold.values()))),
        str(report.stories),
        f"{scores.precision:.3f}",
        f"{scores.recall:.3f}",
        f"{scores.f1:.3f}",
    )
    parts = [table]
    if show_errors:
        parts.append(grouping_table(report))
    return Group(*parts)


def grouping_table(report) -> Table:
    """Gold stories whose articles were split, or joined by another story's."""
    table = Table(title="Gold stories not grouped as one", title_justify="left")
    for column in ("gold story", "article → predicted story"):
        table.add_column(column)
    by_gold: dict[str, list[str]] = {}
    for article, story in sorted(report.gold.items()):
        by_gold.setdefault(story, []).append(article)
    members: dict[str, set[str]] = {}
    for article, story in report.predicted.items():
        members.setdefault(story, set()).add(article)
    for story, articles in by_gold.items():
        predicted = {report.predicted.get(a, "none") for a in articles}
        strays = {a for p in predicted for a in members.get(p, ())} - set(articles)
        if len(predicted) > 1 or strays:
            pairs = ", ".join(f"{a} → {report.predicted.get(a, 'none')}" for a in articles)
            table.add_row(story, pairs + (f"; also in them: {', '.join(sorted(strays))}" if strays else ""))
    return table
