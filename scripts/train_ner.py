"""Train the actor-mention judge on NEREL train and write it into the package (`make train-ner`).

    python scripts/train_ner.py [--shared ../shared] [--out src/claims/extractors/mention_model.json]

Reads only `eval/NEREL/train`; the same data give the same file (see `claims.training`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from claims import nerel, training  # noqa: E402
from claims.extractors.actors import candidate_mentions  # noqa: E402
from claims.extractors.mention_model import MODEL_PATH  # noqa: E402
from claims.invisible import visible  # noqa: E402
from claims.morph import Morph  # noqa: E402
from claims.nlp import analyse, load_models  # noqa: E402


def train_articles(folder: Path) -> list[training.Article]:
    models = load_models()
    morph, pos = Morph(models.morph_vocab), nerel.pymorphy_pos(models.morph_vocab)
    articles = []
    for document in nerel.read_folder(folder):
        if visible(document.text).text != document.text:
            print(f"{document.name}: invisible characters, left out", file=sys.stderr)
            continue
        gold = nerel.gold_entities(document, pos)
        doc = analyse(document.text, models)
        mentions = candidate_mentions(doc, morph)
        gold_spans, neutral = set(gold.mentions), set(gold.neutral)
        articles.append(training.article_examples(document.name, doc, mentions, morph, gold_spans, neutral))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    articles = train_articles(args.shared / "eval" / "NEREL" / "train")
    choice = training.choose(articles, progress=lambda line: print(line, file=sys.stderr))
    model = training.train(articles, choice)
    text = json.dumps(model.to_dict(), ensure_ascii=False, indent=0, sort_keys=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"{args.out}: {len(model.weights)} weights; cross-validated F1 {choice.f1:.4f} (penalty {choice.penalty}, "
          f"threshold {choice.threshold}) over {len(articles)} train articles")


if __name__ == "__main__":
    main()
