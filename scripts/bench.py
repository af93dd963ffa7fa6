"""`make bench`: speed and memory of `claims` on the articles users have, against raw Natasha, in one run.

    python scripts/bench.py --shared ../shared                               # the whole table
    python scripts/bench.py --articles 100 --runs 1 --sizes 100000 --no-dask  # a quick look
    python scripts/bench.py --only stories --stories-articles 2000            # the stories row alone

The corpus is real news of typical length: the NEREL (dev and train) and factRuEval-2016 test texts in SHARED
of at most 20,000 characters, each once (their length distribution is printed); data/samples alone when SHARED
is absent. Long articles are those texts joined end to end up to 100k, 400k and 1.6M characters, and the
run-on sentence is 4,000 of their words with every sentence end made a comma. Every figure comes from a
separate command, printed below the table so that each can be rerun by hand; goals are the issue's and the
table says whether each is met on this run. Timings are wall-clock and include start-up (model loading)
unless a row says otherwise. Other processes on the machine make them worse: the load average is printed,
the batch runs and cold starts are repeated (the fastest counts, every run shown), and the long-article
rows judge linearity on CPU time.

The table is built by sections (SECTIONS at the end), each a function of the shared `Bench` returning its
rows: a new row is a new section, or a row added to one.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
REAL_NEWS = (Path("eval/NEREL/dev"), Path("eval/NEREL/train"), Path("eval/factRuEval-2016/testset"))
TYPICAL_MAX = 20_000  # characters; the one longer text (104k) is no typical article
LENGTH_BINS = (1_000, 2_000, 3_000, 5_000, 10_000, TYPICAL_MAX)
LONG_SIZES = (100_000, 400_000, 1_600_000, 2_000_000)  # 2,000,000: the default --max-chars
LARGEST_GOAL = (120.0, 1 << 30)  # seconds and bytes for an article at the default limit (issue 19)
RUN_ON_GOAL = 5.0  # seconds, the whole command
LETTERS = "abcdefghij"  # rows 7a, 7b, … one a long article, then their growth
RUN_ON_WORDS = 4_000
SENTENCE_END_RE = re.compile(r"[.!?…]+")
COLD_SAMPLE = SAMPLES / "release-political-prisoners.txt"
ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
NO_ARTICLE_LIMIT = ("--article-timeout", "0")
MIB = 1 << 20
SAMPLE_SECONDS = 0.2
NATASHA_LOAD = (
    "from natasha import Segmenter, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsSyntaxParser, NewsNERTagger; "
    "e = NewsEmbedding(); Segmenter(); MorphVocab(); NewsMorphTagger(e); NewsSyntaxParser(e); NewsNERTagger(e)"
)


# In-process references, each run as `bench.py MODE CORPUS` in a process of its own: the time of every article


def natasha_reference(corpus: Path) -> None:
    """Natasha alone, the way its README runs it: segment, morphology, syntax, NER of the whole text."""
    started = time.perf_counter()
    from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    embedding = NewsEmbedding()
    segmenter, ner = Segmenter(), NewsNERTagger(embedding)
    morph, syntax = NewsMorphTagger(embedding), NewsSyntaxParser(embedding)

    def analyse(item: dict) -> None:
        doc = Doc(item["text"])
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.parse_syntax(syntax)
        doc.tag_ner(ner)

    report_times(corpus, started, analyse)


def claims_reference(corpus: Path) -> None:
    """What one `claims batch` worker does to each article, timed article by article."""
    started = time.perf_counter()
    from claims.batch import process
    from claims.engines import worker_models
    from claims.readers import Article

    models = worker_models()

    def extract(item: dict) -> None:
        outcome = process(Article(id=item["id"], text=item["text"]), models=models)
        if not outcome.ok:
            sys.exit(f"bench: {item['id']}: {outcome.error}")

    report_times(corpus, started, extract)


def report_times(corpus: Path, started: float, work: Callable[[dict], None]) -> None:
    """Print the loading time, and each article's CPU time (one thread: its cost, whatever else runs)."""
    loaded = time.perf_counter()
    times, chars = [], 0
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            begun = time.process_time()
            work(item)
            times.append(time.process_time() - begun)
            chars += len(item["text"])
    done = time.perf_counter()
    print(json.dumps({"load": loaded - started, "analyse": done - loaded, "chars": chars, "cpu_times": times}))


# The corpora


def real_news(shared: Path) -> list[tuple[str, str]]:
    """(name, text) of every real news text in SHARED, in a fixed order; the samples when there are none."""
    folders = [shared / folder for folder in REAL_NEWS if (shared / folder).is_dir()]
    paths = [path for folder in folders for path in sorted(folder.glob("*.txt"))]
    if not paths:
        print(f"note: no real news in {shared}; the corpus is data/samples alone", file=sys.stderr)
        paths = sorted(SAMPLES.glob("*.txt"))
    return [(path.stem, path.read_bytes().decode("utf-8-sig")) for path in paths]


def write_jsonl(path: Path, items: list[tuple[str, str]]) -> Path:
    with path.open("w", encoding="utf-8") as sink:
        for name, text in items:
            sink.write(json.dumps({"id": name, "text": text}, ensure_ascii=False) + "\n")
    return path


def joined(texts: list[str], size: int) -> str:
    """Whole texts joined by blank lines until `size` characters are reached (the texts again if need be)."""
    parts, length = [], 0
    while length < size:
        text = texts[len(parts) % len(texts)].strip()
        parts.append(text)
        length += len(text) + 2
    whole = "\n\n".join(parts)
    return whole if len(whole) <= size else whole[: size + 1].rsplit(None, 1)[0]  # at most `size`, whole words


def run_on(texts: list[str], words: int = RUN_ON_WORDS) -> tuple[str, str]:
    """`words` words of the texts as one run-on sentence (every sentence end a comma), and as they were."""
    plain = " ".join(joined(texts, words * 12).split()[:words])
    return SENTENCE_END_RE.sub(",", plain), plain


def evenly(count: int | None, items: list) -> list:
    """`count` of the items spread evenly over them (every one when `count` is None)."""
    if count is None or count >= len(items):
        return items
    return [items[i * len(items) // count] for i in range(count)]


def length_distribution(texts: list[str]) -> str:
    lengths = sorted(len(text) for text in texts)
    counts, low = [], 0
    for high in LENGTH_BINS:
        counts.append(f"{low // 1000}–{high // 1000}k: {sum(low <= n < high for n in lengths)}")
        low = high
    return (
        f"lengths in characters: min {lengths[0]:,}, median {statistics.median(lengths):,.0f}, "
        f"max {lengths[-1]:,}; " + ", ".join(counts)
    )


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
    written = None if output is None else Path(f"{output}.partial")  # renamed to `output` at the end
    while not stop.wait(SAMPLE_SECONDS):
        if written is not None and written.exists():
            with written.open("rb") as handle:
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


def median_ms(times: list[float]) -> float:
    return 1000 * statistics.median(times)


@dataclass
class Bench:
    """What the sections share: options, the corpus, the commands, and the runs others need."""

    args: argparse.Namespace
    folder: Path
    texts: list[tuple[str, str]]
    corpus: Path = Path()
    claims: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    natasha: Watched | None = None
    ones: list[Watched] = field(default_factory=list)
    twos: list[Watched] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.texts)

    @property
    def chars(self) -> int:
        return sum(len(text) for _, text in self.texts)

    def batch(self, corpus: Path, output: Path, *options: str) -> Watched:
        return checked(run([*self.claims, "batch", str(corpus), "-o", str(output), *options, "--quiet"], output=output))

    def script(self, mode: str, corpus: Path) -> Watched:
        return checked(run([sys.executable, str(Path(__file__).resolve()), mode, str(corpus)], ONE_THREAD))

    def say(self, text: str) -> None:
        print(f"bench: {text}", file=sys.stderr, flush=True)


def typical_news(bench: Bench) -> list[Row]:
    """(1) raw Natasha, (2) claims against it, (3) two workers against one, (5) memory, (6a) throughput."""
    n, runs = bench.n, bench.args.runs
    bench.say(
        f"(1, 2, 3) {runs} turns of: claims and raw Natasha over {n} articles article by article,"
        " claims batch --workers 1, --workers 2"
    )
    natashas, claimses = [], []
    for _ in range(runs):  # in turns, each beside the others: the machine's speed drifts over minutes
        claimses.append(bench.script("claims", bench.corpus))
        natashas.append(bench.script("natasha", bench.corpus))
        bench.ones.append(bench.batch(bench.corpus, bench.folder / "w1.jsonl", "--workers", "1"))
        bench.twos.append(bench.batch(bench.corpus, bench.folder / "w2.jsonl", "--workers", "2"))
    natasha = bench.natasha = min(natashas, key=lambda watched: watched.cpu)
    claims = min(claimses, key=lambda watched: watched.cpu)
    one, two = (min(runs, key=lambda watched: watched.wall) for runs in (bench.ones, bench.twos))
    reference, ours = fastest_times(natashas, natasha), fastest_times(claimses, claims)
    return [
        Row(
            "1",
            "raw Natasha (segment, morph, syntax, NER), one process",
            f"{natasha.wall:.1f} s, CPU {natasha.cpu:.1f} s ({reference['load']:.1f} s loading); an article:"
            f" median {median_ms(reference['cpu_times']):.0f} ms CPU,"
            f" mean {1000 * reference['analyse'] / n:.0f} ms wall",
            "reference",
            commands=[natasha.shown()],
        ),
        Row(
            "2a",
            "full `claims` extraction, one process, article by article: median CPU time against (1)'s"
            " (each article's least of the runs, Natasha's and ours taking turns)",
            f"{median_ms(ours['cpu_times']) / median_ms(reference['cpu_times']):.2f}× (median"
            f" {median_ms(ours['cpu_times']):.0f} ms CPU, mean {1000 * ours['analyse'] / n:.0f} ms wall an article;"
            f" {claims.wall:.1f} s in all, CPU {claims.cpu / natasha.cpu:.2f}× (1)'s)",
            "≤ 1.2",
            median_ms(ours["cpu_times"]) / median_ms(reference["cpu_times"]) <= 1.2,
            [claims.shown(), natasha.shown()],
        ),
        ratio_row(bench.ones, natasha),
        Row(
            "3",
            "`--workers 2` against `--workers 1`: speedup",
            f"{one.wall / two.wall:.2f}× ({one.wall:.1f} s → {two.wall:.1f} s, fastest of {runs};"
            f" all runs {seconds(bench.ones)} → {seconds(bench.twos)})",
            "≥ 1.85",
            one.wall / two.wall >= 1.85,
            [one.shown(), two.shown()],
        ),
        *memory_rows(one, two, n),
        throughput_row("6a", "local engine, 2 workers", two, n, bench.chars),
    ]


def fastest_times(runs: list[Watched], fastest: Watched) -> dict:
    """The fastest run's report, each article's CPU time the least of the runs': the machine's speed drifts
    over minutes (by up to a fifth here), so one run of each, one after the other, compares unlike periods."""
    report = json.loads(fastest.stdout)
    report["cpu_times"] = [min(times) for times in zip(*(json.loads(run.stdout)["cpu_times"] for run in runs))]
    return report


def ratio_row(ones: list[Watched], natasha: Watched) -> Row:
    """Judged on CPU time, a single-threaded process's cost whatever else runs; wall time beside it."""
    one = min(ones, key=lambda watched: watched.wall)
    ratio = min(watched.cpu for watched in ones) / natasha.cpu
    rate = steady_rate(one)
    per_article = f"; {1000 / rate:.0f} ms an article once loaded" if rate else ""
    return Row(
        "2b",
        "full `claims` extraction, whole process (`claims batch --workers 1`): CPU time against (1)'s",
        f"{ratio:.2f}× (wall {one.wall / natasha.wall:.2f}×: {one.wall:.1f} s, fastest of {len(ones)}{per_article})",
        "≤ 1.2",
        ratio <= 1.2,
        [one.shown(), natasha.shown()],
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


def dask_engine(bench: Bench) -> list[Row]:
    """(6b) the Dask engine on a local cluster, its records compared with the local engine's."""
    if bench.args.no_dask:
        return []
    bench.say("(6b) claims batch --engine dask --workers 2")
    output = bench.folder / "dask.jsonl"
    dask = bench.batch(bench.corpus, output, "--engine", "dask", "--workers", "2")
    outputs = [path for path in (bench.folder / "w1.jsonl", bench.folder / "w2.jsonl", output) if path.exists()]
    identical = "yes" if same_output(*outputs) else "NO (was the code edited during the run?)"
    bench.notes.append(f"records identical across {', '.join(p.stem for p in outputs)}: {identical}")
    return [throughput_row("6b", "Dask engine, local cluster of 2 workers", dask, bench.n, bench.chars)]


def cold_start(bench: Bench) -> list[Row]:
    """(4) a cold `claims extract` of one file against a bare load of Natasha's models."""
    runs = bench.args.cold_runs
    bench.say(f"(4) cold starts, {runs} of each")
    cold, cold_run = fastest([*bench.claims, "extract", str(COLD_SAMPLE)], runs)
    bare, bare_run = fastest([sys.executable, "-c", NATASHA_LOAD], runs)
    return [
        Row(
            "4",
            "cold `claims extract ONE_FILE` against a bare Natasha model load: wall time",
            f"{cold / bare:.2f}× ({cold:.2f} s against {bare:.2f} s, fastest of {runs})",
            "≤ 1.5",
            cold / bare <= 1.5,
            [cold_run.shown(), bare_run.shown()],
        )
    ]


@dataclass
class Long:
    chars: int
    watched: Watched

    @property
    def peak(self) -> int:
        return self.watched.peaks.get(self.watched.root_pid, 0)


def long_articles(bench: Bench) -> list[Row]:
    """(7) one long article of real text at each size: time and peak memory, and how they grow."""
    texts = [text for _, text in bench.texts]
    bench.say(
        "(7) long articles: one typical article for the start-up, then "
        + ", ".join(f"{size:,}" for size in bench.args.sizes)
        + " characters"
    )
    start = Long(
        len(texts[0]),
        bench.batch(
            write_jsonl(bench.folder / "start.jsonl", [("start", texts[0])]),
            bench.folder / "start.out.jsonl",
            "--workers",
            "1",
        ),
    )
    longs = []
    for size in bench.args.sizes:
        text = joined(texts, size)
        corpus = write_jsonl(bench.folder / f"long-{size}.jsonl", [(f"long-{size}", text)])
        longs.append(
            Long(
                len(text),
                bench.batch(corpus, bench.folder / f"long-{size}.out.jsonl", "--workers", "1", *NO_ARTICLE_LIMIT),
            )
        )
    rows = [long_row(f"7{LETTERS[i]}", long, start) for i, long in enumerate(longs)]
    if len(longs) > 1:
        rows.append(growth_row(f"7{LETTERS[len(longs)]}", longs, start))
    return rows


def marginal_cpu(long: Long, start: Long) -> float:
    return (long.watched.cpu - start.watched.cpu) / (long.chars - start.chars)


def marginal_memory(long: Long, start: Long) -> float:
    return (long.peak - start.peak) / (long.chars - start.chars)


def long_row(number: str, long: Long, start: Long) -> Row:
    seconds, memory = LARGEST_GOAL
    at_limit = long.chars > 0.99 * LONG_SIZES[-1]
    return Row(
        number,
        f"one article of {long.chars:,} characters (real articles joined), `--workers 1`",
        f"{long.watched.wall:.1f} s, CPU {long.watched.cpu:.1f} s ({1e6 * marginal_cpu(long, start):.0f} µs a character"
        f" beyond start-up); peak RSS {long.peak / MIB:.0f} MiB ({marginal_memory(long, start) / 1024:.2f} KiB a"
        f" character beyond the {start.peak / MIB:.0f} MiB of one typical article)",
        f"< {seconds:.0f} s and < {memory / (1 << 30):.0f} GiB" if at_limit else "",
        (long.watched.wall < seconds and long.peak < memory) if at_limit else None,
        commands=[long.watched.shown(), start.watched.shown()],
    )


def slope(low: Long, high: Long, of: Callable[[Long], float]) -> float:
    """What each character between two article sizes added, on average."""
    return (of(high) - of(low)) / (high.chars - low.chars)


def growth_row(number: str, longs: list[Long], start: Long) -> Row:
    """Linear growth: the last characters (between the two largest articles) cost no more than the ones
    before them (from the first long article to the second largest, or from the start-up article). The
    first few hundred thousand characters' memory fits in what the process already holds, so the slope
    from the start-up would make any growth look faster than linear."""
    before, previous, last = (longs[0] if len(longs) > 2 else start), longs[-2], longs[-1]
    cpu, peak = (lambda long: long.watched.cpu), (lambda long: long.peak)
    time_growth = slope(previous, last, cpu) / slope(before, previous, cpu)
    memory_growth = slope(previous, last, peak) / max(slope(before, previous, peak), 1.0)
    return Row(
        number,
        f"growth: CPU time and peak RSS a character from {previous.chars:,} to {last.chars:,} characters, against"
        f" from {before.chars:,} to {previous.chars:,}",
        f"time {time_growth:.2f}× ({1e6 * slope(previous, last, cpu):.0f} against"
        f" {1e6 * slope(before, previous, cpu):.0f} µs), memory {memory_growth:.2f}×"
        f" ({slope(previous, last, peak) / 1024:.2f} against {slope(before, previous, peak) / 1024:.2f} KiB;"
        " 1.00× is linear)",
        "linear: ≤ 1.3× each",
        time_growth <= 1.3 and memory_growth <= 1.3,
        [long.watched.shown() for long in (before, previous, last)],
    )


def run_on_sentence(bench: Bench) -> list[Row]:
    """(8) a 4,000-word run-on sentence against the same words with their sentence ends."""
    texts = [text for _, text in bench.texts]
    sentence, plain = run_on(texts)
    bench.say(f"(8) a {RUN_ON_WORDS:,}-word run-on sentence, and the same words in their sentences")
    runs = {}
    for name, text in (("run-on", sentence), ("sentences", plain)):
        corpus = write_jsonl(bench.folder / f"{name}.jsonl", [(name, text)])
        runs[name] = bench.batch(corpus, bench.folder / f"{name}.out.jsonl", "--workers", "1", *NO_ARTICLE_LIMIT)
    run_on_time, plain_time = runs["run-on"].wall, runs["sentences"].wall
    return [
        Row(
            "8",
            f"one {RUN_ON_WORDS:,}-word sentence (real words, every sentence end a comma), `--workers 1`",
            f"{run_on_time:.1f} s ({plain_time:.1f} s for the same words in their sentences:"
            f" {run_on_time / plain_time:.2f}×)",
            f"< {RUN_ON_GOAL:.0f} s, and ≤ 1.5× the same words in sentences",
            run_on_time < RUN_ON_GOAL and run_on_time <= 1.5 * plain_time,
            [runs["run-on"].shown(), runs["sentences"].shown()],
        )
    ]


def stories(bench: Bench) -> list[Row]:
    """`claims db load` then `claims stories` over N records: the distinct texts extracted once, repeated."""
    n = bench.args.stories_articles
    extracted = bench.folder / "unique-claims.jsonl"
    bench.say(f"(9) extracting the {bench.n} distinct texts once, for {n:,} records")
    bench.batch(bench.corpus, extracted, "--include-text")
    records = bench.folder / "stories-records.jsonl"
    repeat_records(extracted, records, n)
    database = bench.folder / "stories.db"
    database.unlink(missing_ok=True)
    bench.say(f"(9) claims db load + claims stories over {n:,} records")
    load = checked(run([*bench.claims, "db", "load", str(records), "--db", str(database)]))
    grouped = checked(run([*bench.claims, "stories", str(database)]))
    peak = max([*load.peaks.values(), *grouped.peaks.values(), 0])
    return [
        Row(
            "9",
            f"`claims db load` + `claims stories` over {n:,} articles (the corpus repeated with new ids)",
            f"{load.wall + grouped.wall:.1f} s (load {load.wall:.1f} s, stories {grouped.wall:.1f} s);"
            f" peak RSS {peak / MIB:.0f} MiB",
            "minutes, not hours",
            load.wall + grouped.wall < 600,
            [load.shown(), grouped.shown()],
        )
    ]


def repeat_records(extracted: Path, path: Path, n: int) -> None:
    lines = [json.loads(line) for line in extracted.read_text(encoding="utf-8").splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as sink:
        for number in range(n):
            record = dict(lines[number % len(lines)])
            record["id"] = f"{record['id']}#{number // len(lines)}"
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")


SECTIONS: dict[str, Callable[[Bench], list[Row]]] = {
    "typical": typical_news,
    "dask": dask_engine,
    "cold": cold_start,
    "long": long_articles,
    "run-on": run_on_sentence,
    "stories": stories,
}


def row_order(row: Row) -> tuple[int, str]:
    digits = re.match(r"\d+", row.number)
    return (int(digits.group()) if digits else 0, row.number)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "mode", nargs="?", default="table", choices=["table", "natasha", "claims"], help=argparse.SUPPRESS
    )
    parser.add_argument("corpus", nargs="?", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared folder")
    parser.add_argument("--articles", type=int, help="only N typical articles, spread evenly (default: all)")
    parser.add_argument("--runs", type=int, default=2, help="runs of each batch size, the fastest counts")
    parser.add_argument("--cold-runs", type=int, default=3, help="runs of each cold start, the fastest counts")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(LONG_SIZES), help="long-article sizes")
    parser.add_argument("--no-dask", action="store_true", help="leave out the Dask engine")
    parser.add_argument("--keep", type=Path, help="keep the corpora and the outputs in this folder")
    parser.add_argument("--stories-articles", type=int, default=10_000, help="records of the stories row")
    parser.add_argument("--only", nargs="+", choices=list(SECTIONS), help="only these sections of the table")
    args = parser.parse_args()
    if args.mode != "table":
        {"natasha": natasha_reference, "claims": claims_reference}[args.mode](args.corpus)
        return 0
    folder = args.keep or Path(tempfile.mkdtemp(prefix="claims-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    began, load_before = time.perf_counter(), load_now()
    texts = evenly(args.articles, [(name, text) for name, text in real_news(args.shared) if len(text) <= TYPICAL_MAX])
    script = Path(sys.executable).with_name("claims")
    bench = Bench(args, folder, texts, claims=[str(script)] if script.exists() else [sys.executable, "-m", "claims"])
    bench.corpus = write_jsonl(folder / "corpus.jsonl", texts)
    bench.notes.append(
        f"corpus: {bench.n} real news articles ({', '.join(str(folder) for folder in REAL_NEWS)} in"
        f" {args.shared}, at most {TYPICAL_MAX:,} characters, each once), {bench.chars:,} characters;"
        f" {os.cpu_count()} cores"
    )
    bench.notes.append(length_distribution([text for _, text in texts]))
    chosen = [section for name, section in SECTIONS.items() if not args.only or name in args.only]
    rows = [row for section in chosen for row in section(bench)]
    bench.notes.append(f"load average before the runs {load_before}, after them {load_now()} (other processes compete)")
    bench.notes.append(f"the whole bench took {(time.perf_counter() - began) / 60:.1f} min")
    if args.keep is None:
        bench.notes.append(f"outputs left in {folder}")
    print_table(sorted(rows, key=row_order), bench.notes)
    return 0


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
