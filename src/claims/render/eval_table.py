"""Rich tables for `claims eval`: field scores, misses and false hits, and the actor scores (factRuEval, NEREL)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..entity_eval import ActorsReport
from ..evaluate import FIELDS, LABELS, ErrorItem, EvalReport, FieldCounts, Score

FIELD_TITLES = {"counts": "prisoner counts", "dated_events": "dated events", "sources": "sources"}
KIND_STYLES = {"miss": "yellow", "false_hit": "red", "wrong": "magenta"}
KIND_TITLES = {"miss": "miss", "false_hit": "false hit", "wrong": "wrong value"}


def decimal(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def prf(score: Score) -> list[str]:
    return [decimal(score.precision), decimal(score.recall), decimal(score.f1)]


def field_row(name: str, counts: FieldCounts) -> list[str]:
    label = LABELS[name]
    accuracy = f"{decimal(counts.label_accuracy)} {label}" if label else ""
    return [
        FIELD_TITLES[name],
        str(counts.gold),
        str(counts.predicted),
        str(counts.matched),
        str(counts.correct),
        *prf(counts.strict),
        *prf(counts.lenient),
        accuracy,
    ]


def scores_table(report: EvalReport) -> Table:
    """One row a field (strict P/R/F1, matched-only P/R/F1, label accuracy) and the macro average."""
    table = Table(title=f"claims eval: {len(report.articles)} articles", title_justify="left")
    for column in ("field", "gold", "pred", "matched", "correct", "P", "R", "F1"):
        table.add_column(column, justify="left" if column == "field" else "right")
    for column in ("matched P", "matched R", "matched F1"):
        table.add_column(column, justify="right", style="dim")
    table.add_column("label accuracy", justify="right")
    fields = report.fields
    for name in FIELDS:
        table.add_row(*field_row(name, fields[name]))
    macro = report.macro
    table.add_section()
    figures = (decimal(v) for v in (macro.precision, macro.recall, macro.f1))
    table.add_row("macro", *[""] * 4, *figures, *[""] * 4, style="bold")
    return table


def in_context(error: ErrorItem) -> Text:
    """The text around the item, the item underlined; a name that differs from its mention goes first."""
    if not error.span_text:
        return Text(error.text, style="bold")
    context = Text.assemble("…", error.before, (error.span_text, "bold underline"), error.after, "…")
    if error.text.lower() == error.span_text.lower():
        return context
    return Text.assemble((error.text, "bold"), "  ", context)


def values(error: ErrorItem) -> str:
    """The value (bounds or date) and the label (status or kind) of the item in error."""
    if error.kind == "wrong":
        value = f"{error.expected} → {error.predicted}"
    else:
        value = (error.expected if error.kind == "miss" else error.predicted) or ""
    return " ".join(part for part in (value, error.label) if part)


def errors_table(errors: list[ErrorItem]) -> Table:
    """Misses, false hits and wrong values, each with its article and the text around it."""
    table = Table(title=f"errors: {len(errors)}", title_justify="left", show_lines=False)
    for column in ("article", "field", "kind", "in context", "value"):
        table.add_column(column, overflow="fold")
    for error in errors:
        table.add_row(
            error.article,
            FIELD_TITLES[error.field],
            Text(KIND_TITLES[error.kind], style=KIND_STYLES[error.kind]),
            in_context(error),
            values(error),
        )
    return table


def actors_table(report: ActorsReport) -> Table:
    """Exact span and type scores per predictor and type, the overall row in bold."""
    title = f"actors vs {report.corpus}: {report.documents} documents (mentions: {report.rule})"
    table = Table(title=title, title_justify="left")
    for column in ("predictor", "type", "gold", "pred", "tp", "P", "R", "F1"):
        table.add_column(column, justify="left" if column in ("predictor", "type") else "right")
    for result in report.results:
        for kind, score in result.by_type.items():
            table.add_row(result.name, kind, *score_cells(score))
        table.add_row(result.name, "all", *score_cells(result.overall), style="bold", end_section=True)
    return table


def score_cells(score: Score) -> list[str]:
    return [str(score.gold), str(score.predicted), str(score.true_positive), *prf(score)]


def eval_view(report: EvalReport | None = None, actors: ActorsReport | None = None) -> RenderableType:
    """Everything `claims eval` shows: scores, errors when the report kept them, actor scores."""
    parts: list[RenderableType] = []
    if report is not None:
        parts.append(scores_table(report))
        if report.show_errors:
            parts.append(errors_table(report.errors))
    if actors is not None:
        parts.append(actors_table(actors))
    return Group(*parts)
