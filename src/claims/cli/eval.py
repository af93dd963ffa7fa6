"""`claims eval`: extraction quality against gold annotations, actors against factRuEval-2016."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import click

from .options import fail


@click.command("eval")
@click.option("--gold", type=click.Path(path_type=Path), help="Folder of gold annotations, one JSON an article.")
@click.option("--texts", type=click.Path(path_type=Path), help="Folder of the article texts the gold names.")
@click.option(
    "--actors",
    nargs=2,
    type=(click.Choice(["factru", "nerel"]), click.Path(path_type=Path)),
    metavar="factru|nerel DIR",
    help="Measure actors against a factRuEval-2016 test set or a NEREL folder (.txt + .ann), beside raw Natasha NER.",
)
@click.option(
    "--stories",
    "stories_dir",
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="Measure story grouping (B-cubed) on DIR/articles.jsonl against DIR/gold.json.",
)
@click.option("--show-errors", is_flag=True, help="List every miss and false hit with its context.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--skip-missing", is_flag=True, help="Skip, with a message, when a named folder does not exist.")
def eval_command(gold, texts, actors, stories_dir, show_errors: bool, as_json: bool, skip_missing: bool) -> None:
    """Precision, recall and F1 of counts, dated events and sources; actors against factRuEval or NEREL;
    story grouping against story labels.

    Gold annotations follow ANNOTATION.md; each article's `published` is passed to the extractor.

    \b
    Example:
      claims eval --gold tests/gold/samples --texts data/samples --show-errors
      claims eval --actors factru ../shared/eval/factRuEval-2016/testset
      claims eval --actors nerel ../shared/eval/NEREL/dev --json
      claims eval --stories data/stories
    """
    corpus, actors_dir = actors if actors else (None, None)
    if stories_dir is not None:
        return evaluate_stories(stories_dir, show_errors, as_json, skip_missing)
    if not gold and not actors_dir:
        raise click.UsageError("give --gold DIR --texts DIR, --actors factru|nerel DIR, or --stories DIR")
    if gold and not texts:
        raise click.UsageError("--gold needs --texts")
    missing = [str(p) for p in (gold, texts, actors_dir) if p is not None and not p.exists()]
    if missing:
        if skip_missing:
            click.echo(f"claims: skipped: {', '.join(missing)} not found", err=True)
            return
        fail(f"{missing[0]}: no such folder", 2)
    report, actors_report = run_evaluations(gold, texts, corpus, actors_dir, show_errors)
    if as_json:
        click.echo(json.dumps(as_dict(report, actors_report), ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    from ..render.eval_table import eval_view

    console = Console()
    console.width = max(console.width, 140)
    console.print(eval_view(report, actors_report))


def run_evaluations(gold, texts, corpus, actors_dir, show_errors: bool):
    from ..evaluate import GoldError, evaluate
    from ..nlp import load_models
    from ..pipeline import extract

    models = load_models()
    try:
        report = (
            evaluate(gold, texts, extract_fn=functools.partial(extract, models=models), show_errors=show_errors)
            if gold
            else None
        )
        actors_report = evaluate_actors(corpus, actors_dir, models) if actors_dir else None
    except GoldError as error:
        fail(str(error))
    return report, actors_report


def evaluate_actors(corpus: str, folder: Path, models):
    """Our actors beside raw Natasha NER on the same texts: name mentions against factRuEval's names, every
    mention against NEREL's nested entities."""
    from .. import factru, nerel
    from ..entity_eval import claims_predictor, natasha_predictor

    baseline = natasha_predictor(models)
    if corpus == "factru":
        return factru.evaluate_actors(folder, predict_fn=claims_predictor(models), baseline_fn=baseline)
    predict = claims_predictor(models, kinds=nerel.MENTION_KINDS)
    pos = nerel.pymorphy_pos(models.morph_vocab)
    return nerel.evaluate_actors(folder, predict_fn=predict, baseline_fn=baseline, pos=pos)


def as_dict(report, actors_report) -> dict:
    from ..entity_eval import actors_report_to_dict
    from ..evaluate import report_to_dict

    return {
        "fields": report_to_dict(report) if report else None,
        "actors": actors_report_to_dict(actors_report) if actors_report else None,
    }


def evaluate_stories(folder: Path, show_errors: bool, as_json: bool, skip_missing: bool) -> None:
    """B-cubed precision, recall and F1 of each article's story against the gold stories."""
    from ..batch import run_batch
    from ..evaluate import GoldError
    from ..nlp import load_models
    from ..readers import ReadOptions, iter_articles
    from ..stories import evaluate_stories as evaluate
    from ..stories import read_gold

    articles, gold_path = folder / "articles.jsonl", folder / "gold.json"
    missing = [str(p) for p in (articles, gold_path) if not p.is_file()]
    if missing:
        if skip_missing:
            click.echo(f"claims: skipped: {', '.join(missing)} not found", err=True)
            return
        fail(f"{missing[0]}: no such file", 2)
    try:
        gold = read_gold(gold_path)
    except GoldError as error:
        fail(str(error))
    outcomes = list(
        run_batch(
            iter_articles([articles], ReadOptions(include_text=True)),
            models=load_models(),
            options=ReadOptions(include_text=True),
        )
    )
    for outcome in outcomes:
        if not outcome.ok:
            fail(f"{outcome.source}: {outcome.error}")
    report = evaluate([outcome.record for outcome in outcomes], gold)
    if as_json:
        click.echo(json.dumps(stories_dict(report), ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    from ..render.stories import stories_eval_view

    Console().print(stories_eval_view(report, show_errors))


def stories_dict(report) -> dict:
    scores = report.scores
    return {
        "articles": scores.items,
        "gold_stories": len(set(report.gold.values())),
        "predicted_stories": report.stories,
        "precision": round(scores.precision, 4),
        "recall": round(scores.recall, 4),
        "f1": round(scores.f1, 4),
        "predicted": report.predicted,
    }
