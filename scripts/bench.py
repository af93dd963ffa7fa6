"""`make bench`: speed and memory of `claims batch` on this machine, against raw Natasha, in one run.

    python scripts/bench.py --shared ../shared                          # the whole table (4 to 5 minutes on 2 cores)
    python scripts/bench.py --articles 60 --cold-runs 1 --batch-runs 1  # a quick look
    python scripts/bench.py --only-stories --stories-articles 2000       # the stories row alone

The corpus is data/samples/*.txt plus the factRuEval-2016 test texts from SHARED (skipped when absent),
repeated up to --articles, as one JSON Lines file. Every figure comes from a separate command, printed
below the table so that each can be rerun by hand. Goals are the issue's; the table says honestly
whether each is met on this run. Timings are wall-clock and include start-up (model loading) unless
a row says otherwise; another busy process on the machine makes them worse, which is why the batch
runs and the cold starts are repeated and the fastest of each counts (every batch run is shown).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
FACTRU = Path("eval") / "factRuEval-2016" / "testset"
COLD_SAMPLE = SAMPLES / "release-political-prisoners.txt"
ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
MIB = 1 << 20
SAMPLE_SECONDS = 0.2
NATASHA_LOAD = (
    "from natasha import Segmenter, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsSyntaxParser, NewsNERTagger; "
    "e = NewsEmbedding(); Segmenter(); MorphVocab(); NewsMorphTagger(e); NewsSyntaxParser(e); NewsNERTagger(e)"
)


# The reference: Natasha alone, run as `bench.py natasha CORPUS` in a process of its own


def natasha_reference(corpus: Path) -> None:
    started = time.perf_counter()
    from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    embedding = NewsEmbedding()
    segmenter, ner = Segmenter(), NewsNERTagger(embedding)
    morph, syntax = NewsMorphTagger(embedding), NewsSyntaxParser(embedding)
    loaded = time.perf_counter()
    articles = chars = 0
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            doc = Doc(json.loads(line)["text"])
            doc.segment(segmenter)
            doc.tag_morph(morph)
            doc.parse_syntax(syntax)
            doc.tag_ner(ner)
            articles, chars = articles + 1, chars + len(doc.text)
    done = time.perf_counter()
    print(json.dumps({"load": loaded - started, "analyse": done - loaded, "articles": articles, "chars": chars}))


# The corpus


def corpus_texts(shared: Path) -> list[Path]:
    texts = sorted(SAMPLES.glob("*.txt"))
    factru = shared / FACTRU
    if factru.is_dir():
        texts += sorted(factru.glob("*.txt"))
    else:
        print(f"note: {factru} is absent; the corpus is the samples alone", file=sys.stderr)
    return texts


def build_corpus(shared: Path, articles: int, folder: Path) -> tuple[Path, dict]:
    texts = corpus_texts(shared)
    factru = shared / FACTRU
    unique = [(path.stem, path.read_bytes().decode("utf-8-sig")) for path in texts]
    corpus, chars = folder / "corpus.jsonl", 0
    with corpus.open("w", encoding="utf-8") as sink:
        for number in range(articles):
            name, text = unique[number % len(unique)]
            sink.write(json.dumps({"id": f"{name}#{number // len(unique)}", "text": text}, ensure_ascii=False) + "\n")
            chars += len(text)
    return corpus, {"articles": articles, "unique": len(unique), "chars": chars, "factru": factru.is_dir()}


# Running and watching commands


@dataclass
class Sample:
    seconds: float
    lines: int
    rss: dict[int, int]  # pid -> bytes


@dataclass
class Watched:
    command: list[str]
    env: dict[str, str]
    wall: float = 0.0
    cpu: float = 0.0  # user + system seconds of the command and every process it waited for
    user: float = 0.0  # user seconds alone
    returncode: int = 0
    samples: list[Sample] = field(default_factory=list)
    peaks: dict[int, int] = field(default_factory=dict)  # pid -> high-water mark, bytes
    root_pid: int = 0
    stdout: str = ""
    stderr: str = ""

    def shown(self) -> str:
        return shell_line(self.command, self.env)

    def first_line_seconds(self) -> float | None:
        return next((s.seconds for s in self.samples if s.lines > 0), None)

    def worker_peaks(self) -> list[int]:
        return [peak for pid, peak in self.peaks.items() if pid != self.root_pid and peak > 100 * MIB]


def shell_line(command: list[str], env: dict[str, str]) -> str:
    """The command as one could type it at the repository root."""

    def short(word: str) -> str:
        path = Path(word)
        return str(path.relative_to(ROOT)) if path.is_absolute() and path.is_relative_to(ROOT) else word

    return " ".join([f"{k}={v}" for k, v in env.items()] + [shlex.quote(short(word)) for word in command])


def run(command: list[str], env: dict[str, str] | None = None, output: Path | None = None) -> Watched:
    """Run `command` to its end, sampling its RSS (and its children's) and the lines of `output`."""
    env = env or {}
    watched = Watched(command, env)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    watched.root_pid = process.pid
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(process.pid, output, started, watched, stop), daemon=True)
    watcher.start()
    stdout, stderr = process.communicate()
    watched.wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    watched.user = after.ru_utime - before.ru_utime
    watched.cpu = watched.user + after.ru_stime - before.ru_stime
    stop.set()
    watcher.join()
    watched.returncode = process.returncode
    watched.stdout, watched.stderr = stdout, stderr
    return watched


def watch(pid: int, output: Path | None, started: float, watched: Watched, stop: threading.Event) -> None:
    try:
        import psutil
    except ImportError:
        return
    lines, offset = 0, 0
    while not stop.wait(SAMPLE_SECONDS):
        if output is not None and output.exists():
            with output.open("rb") as handle:
                handle.seek(offset)
                chunk = handle.read()
            lines, offset = lines + chunk.count(b"\n"), offset + len(chunk)
        rss = {}
        try:
            family = [psutil.Process(pid)]
            family += family[0].children(recursive=True)
        except psutil.Error:
            continue
        for member in family:
            try:
                rss[member.pid] = member.memory_info().rss
                watched.peaks[member.pid] = max(watched.peaks.get(member.pid, 0), high_water(member.pid))
            except (psutil.Error, OSError):
                pass
        watched.samples.append(Sample(time.perf_counter() - started, lines, rss))


def high_water(pid: int) -> int:
    """VmHWM, the kernel's peak RSS of the process so far, in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def run_batch(batch: list[str], output: Path, *options: str) -> Watched:
    return checked(run([*batch, "-o", str(output), *options, "--quiet"], output=output))


def load_now() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def checked(watched: Watched) -> Watched:
    if watched.returncode != 0:
        sys.exit(f"bench: this command failed ({watched.returncode}):\n  {watched.shown()}\n{watched.stderr[-2000:]}")
    return watched


def fastest(command: list[str], runs: int, env: dict[str, str] | None = None) -> tuple[float, Watched]:
    results = [checked(run(command, env)) for _ in range(runs)]
    return min(r.wall for r in results), results[0]


# Figures


@dataclass
class Row:
    number: str
    figure: str
    value: str
    goal: str = ""
    met: bool | None = None
    commands: list[str] = field(default_factory=list)


def verdict(met: bool | None) -> str:
    return "" if met is None else ("met" if met else "**not met**")


def rss_growth(watched: Watched, articles: int) -> list[tuple[int, int]] | None:
    """(articles, RSS) at the first samples past a tenth and past half of the run, and at the last sample
    taken before the last record was written (later ones may catch the process freeing memory as it exits)."""
    samples = [s for s in watched.samples if s.rss.get(watched.root_pid)]  # 0 once it has exited
    written = max((s.lines for s in samples), default=0)
    early = next((s for s in samples if s.lines >= articles // 10), None)
    middle = next((s for s in samples if s.lines >= articles // 2), None)
    late = next((s for s in reversed(samples) if 0 < s.lines < written), None)
    if early is None or middle is None or late is None or late.lines < 5 * max(1, early.lines):
        return None
    return [(s.lines, s.rss[watched.root_pid]) for s in (early, middle, late)]


def steady_rate(watched: Watched) -> float | None:
    """Articles a second between the first and the last record written (start-up excluded)."""
    written = [s for s in watched.samples if s.lines > 0]
    if len(written) < 2 or written[-1].seconds <= written[0].seconds:
        return None
    return (written[-1].lines - written[0].lines) / (written[-1].seconds - written[0].seconds)


def seconds(runs: list[Watched]) -> str:
    return "/".join(f"{watched.wall:.1f}" for watched in runs) + " s"


def same_output(*paths: Path) -> bool:
    first = paths[0].read_bytes()
    return all(path.read_bytes() == first for path in paths[1:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", nargs="?", default="table", choices=["table", "natasha"], help=argparse.SUPPRESS)
    parser.add_argument("corpus", nargs="?", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared folder")
    parser.add_argument("--articles", type=int, default=500, help="corpus size (default 500)")
    parser.add_argument("--cold-runs", type=int, default=3, help="runs of each cold start, the fastest counts")
    parser.add_argument("--batch-runs", type=int, default=3, help="runs of each batch size, the fastest counts")
    parser.add_argument("--no-dask", action="store_true", help="leave out the Dask engine")
    parser.add_argument("--keep", type=Path, help="keep the corpus and the outputs in this folder")
    parser.add_argument("--stories-articles", type=int, default=10_000, help="articles of the stories row")
    parser.add_argument("--only-stories", action="store_true", help="measure the stories row alone")
    args = parser.parse_args()
    if args.mode == "natasha":
        natasha_reference(args.corpus)
        return 0
    folder = args.keep or Path(tempfile.mkdtemp(prefix="claims-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows, notes = ([], []) if args.only_stories else bench(args, folder)
    rows.append(stories_row(args, folder))
    print_table(rows, notes)
    return 0


def bench(args, folder: Path) -> tuple[list[Row], list[str]]:
    corpus, stats = build_corpus(args.shared, args.articles, folder)
    n, chars = stats["articles"], stats["chars"]
    load_before = load_now()
    notes = [
        f"corpus: {n} articles ({stats['unique']} distinct texts, repeated: claims' lemma caches warm up on the"
        f" repeats, Natasha has none{'' if stats['factru'] else '; factRuEval absent'}), {chars:,} characters;"
        f" {os.cpu_count()} cores",
    ]
    claims = claims_command()
    batch = [*claims, "batch", str(corpus)]
    outputs = [folder / name for name in ("w1.jsonl", "w2.jsonl", "dask.jsonl")]
    say = lambda text: print(f"bench: {text}", file=sys.stderr, flush=True)  # noqa: E731

    say(f"(1) raw Natasha over {n} articles")
    natasha = checked(run([sys.executable, str(Path(__file__).resolve()), "natasha", str(corpus)], ONE_THREAD))
    reference = json.loads(natasha.stdout)
    say(f"(2, 3) claims batch --workers 1 and --workers 2, {args.batch_runs} of each, taking turns")
    ones, twos = [], []
    for _ in range(args.batch_runs):
        ones.append(run_batch(batch, outputs[0], "--workers", "1"))
        twos.append(run_batch(batch, outputs[1], "--workers", "2"))
    one, two = (min(runs, key=lambda watched: watched.wall) for runs in (ones, twos))
    dask = None
    if not args.no_dask:
        say("(6) claims batch --engine dask --workers 2")
        dask = run_batch(batch, outputs[2], "--engine", "dask", "--workers", "2")
    say(f"(4) cold starts, {args.cold_runs} of each")
    cold, cold_run = fastest([*claims, "extract", str(COLD_SAMPLE)], args.cold_runs)
    bare, bare_run = fastest([sys.executable, "-c", NATASHA_LOAD], args.cold_runs)

    rows = [
        Row(
            "1",
            "raw Natasha (segment, morph, syntax, NER), one process",
            f"{natasha.wall:.1f} s, CPU {natasha.cpu:.1f} s of which {natasha.cpu - natasha.user:.1f} s in the kernel"
            f" ({reference['load']:.1f} s loading, "
            f"{1000 * reference['analyse'] / n:.0f} ms an article)",
            "reference",
            commands=[natasha.shown()],
        ),
        ratio_row(one, natasha, reference, n),
        Row(
            "3",
            "`--workers 2` against `--workers 1`: speedup",
            f"{one.wall / two.wall:.2f}× ({one.wall:.1f} s → {two.wall:.1f} s, fastest of {args.batch_runs};"
            f" all runs {seconds(ones)} → {seconds(twos)})",
            "≥ 1.8",
            one.wall / two.wall >= 1.8,
            [one.shown(), two.shown()],
        ),
        Row(
            "4",
            "cold `claims extract ONE_FILE` against a bare Natasha model load: wall time",
            f"{cold / bare:.2f}× ({cold:.2f} s against {bare:.2f} s, fastest of {args.cold_runs})",
            "≤ 1.5",
            cold / bare <= 1.5,
            [cold_run.shown(), bare_run.shown()],
        ),
        *memory_rows(one, two, n),
        throughput_row("6a", "local engine, 2 workers", two, n, chars),
    ]
    if dask is not None:
        rows.append(throughput_row("6b", "Dask engine, local cluster of 2 workers", dask, n, chars))
    outputs = [path for path in outputs if path.exists()]
    identical = "yes" if same_output(*outputs) else "NO (was the code edited during the run?)"
    notes.append(f"records identical across {', '.join(p.stem for p in outputs)}: {identical}")
    notes.append(f"load average before the runs {load_before}, after them {load_now()} (other processes compete)")
    if args.keep is None:
        notes.append(f"outputs left in {folder}")
    return rows, notes


def claims_command() -> list[str]:
    script = Path(sys.executable).with_name("claims")
    return [str(script)] if script.exists() else [sys.executable, "-m", "claims"]


def stories_row(args, folder: Path) -> Row:
    """`claims db load` then `claims stories` over N records: the distinct texts extracted once, repeated."""
    n = args.stories_articles
    texts = folder / "unique.jsonl"
    write_unique(args.shared, texts)
    extracted = folder / "unique-claims.jsonl"
    print(f"bench: (7) extracting the distinct texts once, for {n} records", file=sys.stderr, flush=True)
    checked(run([*claims_command(), "batch", str(texts), "-o", str(extracted), "--include-text", "--quiet"]))
    records = folder / "stories-records.jsonl"
    repeat_records(extracted, records, n)
    database = folder / "stories.db"
    database.unlink(missing_ok=True)
    print(f"bench: (7) claims db load + claims stories over {n} records", file=sys.stderr, flush=True)
    load = checked(run([*claims_command(), "db", "load", str(records), "--db", str(database)]))
    stories = checked(run([*claims_command(), "stories", str(database)]))
    peak = max([*load.peaks.values(), *stories.peaks.values(), 0])
    return Row(
        "7",
        f"`claims db load` + `claims stories` over {n:,} articles (the distinct texts repeated with new ids)",
        f"{load.wall + stories.wall:.1f} s (load {load.wall:.1f} s, stories {stories.wall:.1f} s);"
        f" peak RSS {peak / MIB:.0f} MiB",
        "minutes, not hours",
        load.wall + stories.wall < 600,
        [load.shown(), stories.shown()],
    )


def write_unique(shared: Path, path: Path) -> None:
    with path.open("w", encoding="utf-8") as sink:
        for text in corpus_texts(shared):
            line = {"id": text.stem, "text": text.read_bytes().decode("utf-8-sig")}
            sink.write(json.dumps(line, ensure_ascii=False) + "\n")


def repeat_records(extracted: Path, path: Path, n: int) -> None:
    lines = [json.loads(line) for line in extracted.read_text(encoding="utf-8").splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as sink:
        for number in range(n):
            record = dict(lines[number % len(lines)])
            record["id"] = f"{record['id']}#{number // len(lines)}"
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")


def ratio_row(one: Watched, natasha: Watched, reference: dict, n: int) -> Row:
    ratio = one.wall / natasha.wall
    rate = steady_rate(one)
    per_article = f"; {1000 / rate:.0f} ms an article once loaded" if rate else ""
    return Row(
        "2",
        "full `claims` extraction, one process: wall time against (1)",
        f"{ratio:.2f}× ({one.wall:.1f} s; CPU {one.cpu / natasha.cpu:.2f}×, user CPU alone "
        f"{one.user / natasha.user:.2f}×{per_article})",
        "≤ 1.3",
        ratio <= 1.3,
        [one.shown()],
    )


def memory_rows(one: Watched, two: Watched, n: int) -> list[Row]:
    rows = []
    workers = two.worker_peaks()
    if workers:
        peak = max(workers)
        serial_peak = one.peaks.get(one.root_pid, 0)
        rows.append(
            Row(
                "5a",
                "peak RSS of one worker (`--workers 2`; the single process of `--workers 1` beside it)",
                f"{peak / MIB:.0f} MiB (single process: {serial_peak / MIB:.0f} MiB)",
                "≤ 450 MiB",
                peak <= 450 * MIB,
                [two.shown(), one.shown()],
            )
        )
    growth = rss_growth(one, n)
    if growth:
        (early_n, early), (middle_n, middle), (late_n, late) = growth
        change = late / early - 1
        rows.append(
            Row(
                "5b",
                "RSS after about 10× more articles (`--workers 1`)",
                f"{change:+.1%} ({early / MIB:.0f} MiB after {early_n}, {middle / MIB:.0f} MiB after {middle_n},"
                f" {late / MIB:.0f} MiB after {late_n}; {late / middle - 1:+.1%} over the second half)",
                "grows ≤ 10 %",
                change <= 0.10,
                [one.shown()],
            )
        )
    if not rows:
        rows.append(Row("5", "memory", "not measured (psutil missing, or the run too short)"))
    return rows


def throughput_row(number: str, name: str, watched: Watched, n: int, chars: int) -> Row:
    rate = steady_rate(watched)
    steady = f"; {rate:.2f} articles/s once started" if rate else ""
    return Row(
        number,
        f"throughput, {name}",
        f"{n / watched.wall:.2f} articles/s, {chars / watched.wall:,.0f} chars/s over {watched.wall:.1f} s{steady}",
        commands=[watched.shown()],
    )


def print_table(rows: list[Row], notes: list[str]) -> None:
    print("| # | figure | measured | goal | |")
    print("|---|---|---|---|---|")
    for row in rows:
        print(f"| {row.number} | {row.figure} | {row.value} | {row.goal} | {verdict(row.met)} |")
    print()
    for note in notes:
        print(note)
    print("\nCommands behind the figures (run from the repository root):")
    for row in rows:
        for command in dict.fromkeys(row.commands):
            print(f"  ({row.number}) {command}")


if __name__ == "__main__":
    sys.exit(main())
