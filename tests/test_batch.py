from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from click.testing import CliRunner

from claims.batch import count_articles, resume_state, skip_done
from claims.cli import main
from claims.engines import in_order
from claims.errors import InputError
from claims.readers import Article

from .conftest import ROOT, SAMPLES

CLAIMS = [sys.executable, "-m", "claims"]


def run_batch_cli(*args: str):
    return CliRunner().invoke(main, ["batch", *map(str, args)])


@pytest.fixture(scope="module")
def baseline(tmp_path_factory, models) -> str:
    """The records of data/samples from one process (--workers 1): what every engine must match."""
    out = tmp_path_factory.mktemp("baseline") / "out.jsonl"
    result = run_batch_cli(SAMPLES, "-o", out, "--workers", "1", "--quiet")
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def dask_scheduler():
    pytest.importorskip("distributed")
    from claims.engines import local_cluster

    cluster = local_cluster(workers=2)
    yield cluster.scheduler_address
    cluster.close()


def test_in_order_keeps_input_order_with_a_bounded_window():
    in_flight, most = Counter(), [0]
    lock = threading.Lock()

    def work(n: int) -> int:
        with lock:
            in_flight["now"] += 1
            most[0] = max(most[0], in_flight["now"])
        time.sleep(0.001 * (n % 5))
        with lock:
            in_flight["now"] -= 1
        return n * n

    with ThreadPoolExecutor(4) as pool:
        results = list(in_order(lambda n: pool.submit(work, n), iter(range(60)), window=6))
    assert results == [n * n for n in range(60)]
    assert most[0] <= 6


def test_in_order_keeps_the_workers_busy_behind_a_slow_item():
    others_done = threading.Event()
    finished = Counter()
    lock = threading.Lock()

    def work(n: int) -> int:
        if n == 0:
            assert others_done.wait(timeout=10), "item 0 held back the items behind it"
        with lock:
            finished["others"] += n > 0
            if finished["others"] == 20:
                others_done.set()
        return n

    with ThreadPoolExecutor(2) as pool:
        results = list(in_order(lambda n: pool.submit(work, n), iter(range(40)), window=2, backlog=30))
    assert results == list(range(40))


def test_resume_state_cuts_a_half_written_last_line(tmp_path):
    out = tmp_path / "out.jsonl"
    whole = '{"id": "a"}\n{"id": "b"}\n{"id": "a"}\n'
    out.write_text(whole + '{"id": "c", "act', encoding="utf-8")
    assert resume_state(out) == Counter({"a": 2, "b": 1})
    assert out.read_text(encoding="utf-8") == whole


def test_resume_state_refuses_a_broken_line_before_the_end(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "a"}\nnot json\n{"id": "b"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="out.jsonl:2"):
        resume_state(out)
    assert resume_state(tmp_path / "absent.jsonl") == Counter()


def test_skip_done_skips_each_id_as_often_as_it_was_done():
    items = [Article(id=i, text="текст") for i in ("a", "b", "a", "c")] + [InputError("x.txt", "empty article")]
    skipped = []
    left = list(skip_done(items, Counter({"a": 1, "b": 1}), on_skip=skipped.append))
    assert [getattr(item, "id", None) for item in left] == ["a", "c", None]
    assert skipped == ["a", "b"]


def test_count_articles_counts_files_and_jsonl_lines(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    for name in ("in/a.txt", "in/sub/b.txt", "in/notes.md"):
        (tmp_path / name).write_text("текст", encoding="utf-8")
    (tmp_path / "dump.jsonl").write_text('{"text": "1"}\n{"text": "2"}\n{"text": "3"}', encoding="utf-8")
    assert count_articles([tmp_path / "in", tmp_path / "dump.jsonl", "-"]) == 2 + 3 + 1


def test_resume_needs_an_output_file():
    result = run_batch_cli(SAMPLES, "--resume")
    assert result.exit_code == 2
    assert "--resume needs an output file" in result.output


@pytest.mark.slow
def test_two_local_workers_give_the_records_of_one(baseline, tmp_path):
    out = tmp_path / "out.jsonl"
    result = run_batch_cli(SAMPLES, "-o", out, "--workers", "2", "--quiet")
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == baseline


@pytest.mark.slow
def test_dask_engine_gives_the_records_of_one_process(baseline, dask_scheduler, tmp_path):
    out = tmp_path / "out.jsonl"
    result = run_batch_cli(SAMPLES, "-o", out, "--engine", "dask", "--scheduler", dask_scheduler, "--quiet")
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == baseline


@pytest.mark.slow
def test_bad_inputs_are_reported_and_the_rest_is_done(dask_scheduler, models, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "amnesty.txt", folder / "a.txt")
    (folder / "b.txt").write_bytes("Задержаны двое.".encode("cp1251"))  # not UTF-8, which --encoding demands
    dump = tmp_path / "dump.jsonl"
    text = (SAMPLES / "pardon.txt").read_text(encoding="utf-8")
    dump.write_text("{not json\n" + json.dumps({"id": "j2", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    for engine in (["--workers", "1"], ["--engine", "dask", "--scheduler", dask_scheduler]):
        args = [folder, dump, "-o", out, "--errors", errors, "--encoding", "utf-8", "--quiet", *engine]
        result = run_batch_cli(*args)
        assert result.exit_code == 1
        assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["a", "j2"]
        failures = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
        assert [(f["id"], f["source"]) for f in failures] == [(str(folder / "b.txt"),) * 2, (f"{dump}:1",) * 2]
        assert "utf-8" in failures[0]["error"].lower()
        assert failures[1]["error"].startswith("malformed JSON")
        errors_shown = [line for line in result.output.splitlines() if line.startswith("claims: ")]
        assert errors_shown == [f"claims: {f['source']}: {f['error']}" for f in failures]


@pytest.mark.slow
def test_interrupted_then_killed_run_resumes_to_the_uninterrupted_output(baseline, tmp_path):
    for copy in ("first", "second"):  # the same ids twice: resume must count them, not just look them up
        shutil.copytree(SAMPLES, tmp_path / "in" / copy, ignore=shutil.ignore_patterns("*.md", "*.json"))
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    args = [*CLAIMS, "batch", str(tmp_path / "in"), "-o", str(out), "--workers", "1", "--quiet"]
    process = subprocess.Popen(args, stderr=subprocess.PIPE, text=True, env=env)
    while process.poll() is None and lines_in(tmp_path / "out.jsonl.partial") < 3:  # renamed to out.jsonl at the end
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=600)
    assert process.returncode == 130, stderr
    assert "run the same command with --resume" in stderr
    written = out.read_text(encoding="utf-8")
    assert written.endswith("\n") and all(json.loads(line) for line in written.splitlines())
    assert 3 <= written.count("\n") < 18

    with out.open("a", encoding="utf-8") as sink:  # what a kill in the middle of a write would leave
        sink.write(baseline.splitlines()[0][:100])
    result = run_batch_cli(tmp_path / "in", "-o", out, "--workers", "1", "--resume", "--quiet")
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == baseline * 2


def lines_in(path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0
