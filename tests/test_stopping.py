"""Stopping cleanly: signals, timeouts and dead workers, through real processes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claims.batch import Job, Outcome
from claims.engines import LocalEngine, SerialEngine
from claims.readers import Article

from .conftest import ROOT, SAMPLES

CLAIMS = [sys.executable, "-m", "claims"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
POLL = 0.05
PATIENCE = 2400  # polls: two minutes on a busy machine; loops are bounded, never timed assertions

linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc for child processes")


class ScriptedJob(Job):
    """A job (picklable, for worker processes) that does what the article's text says."""

    def __call__(self, item: Article, models=None) -> Outcome:
        if item.text == "hang":
            while True:
                time.sleep(0.1)
        if item.text == "die":
            os._exit(9)
        return Outcome(id=item.id, source=item.source, line=json.dumps({"id": item.id}))


def articles(*texts: str) -> list[Article]:
    return [Article(id=f"a{n}", text=text, source=f"a{n}.txt") for n, text in enumerate(texts)]


def results(outcomes) -> list[tuple[str, str | None]]:
    return [(outcome.id, outcome.error) for outcome in outcomes]


def test_serial_engine_stops_an_article_over_the_limit():
    with SerialEngine(article_timeout=0.2) as engine:
        found = results(engine.map(ScriptedJob(), articles("ok", "hang", "ok")))
    assert found == [("a0", None), ("a1", "took over 0.2 s (--article-timeout), stopped"), ("a2", None)]


@pytest.mark.slow
def test_local_engine_replaces_a_worker_over_the_limit_or_dead_and_goes_on():
    texts = ("ok", "hang", "ok", "die", "ok", "ok", "hang", "ok")
    with LocalEngine(workers=2, article_timeout=1) as engine:
        found = results(engine.map(ScriptedJob(), articles(*texts)))
    timeout, died = "took over 1 s (--article-timeout), stopped", "its worker process died (killed, or out of memory?)"
    problems = {"ok": None, "hang": timeout, "die": died}
    assert found == [(f"a{n}", problems[text]) for n, text in enumerate(texts)]


def children_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(condition, what: str) -> None:
    for _ in range(PATIENCE):
        if condition():
            return
        time.sleep(POLL)
    pytest.fail(f"gave up waiting until {what}")


def lines_in(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


@pytest.fixture(scope="module")
def many_articles(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    for copy in range(8):
        shutil.copytree(SAMPLES, folder / str(copy), ignore=shutil.ignore_patterns("*.md", "*.json"))
    return folder


def start_batch(many_articles: Path, out: Path) -> tuple[subprocess.Popen, list[int]]:
    """A two-worker batch, once it has written a record; and its child processes."""
    args = [*CLAIMS, "batch", str(many_articles), "-o", str(out), "--workers", "2", "--quiet"]
    process = subprocess.Popen(args, stderr=subprocess.PIPE, text=True, env=ENV)
    wait_until(lambda: process.poll() is not None or lines_in(Path(f"{out}.partial")) >= 1, "records come")
    assert process.poll() is None, process.stderr.read()
    workers = children_of(process.pid)
    assert len(workers) >= 2
    return process, workers


@pytest.mark.slow
@linux_only
def test_killed_batch_leaves_no_worker_running(many_articles, tmp_path):
    out = tmp_path / "out.jsonl"
    process, workers = start_batch(many_articles, out)
    process.kill()
    process.communicate()
    wait_until(lambda: not any(alive(pid) for pid in workers), "the workers end")
    assert lines_in(Path(f"{out}.partial")) >= 1  # what --resume takes up


@pytest.mark.slow
@linux_only
def test_sigterm_stops_batch_like_ctrl_c_with_exit_143(many_articles, tmp_path):
    out = tmp_path / "out.jsonl"
    process, workers = start_batch(many_articles, out)
    process.terminate()
    _, stderr = process.communicate(timeout=600)
    assert process.returncode == 143, stderr
    assert "run the same command with --resume" in stderr
    written = out.read_text(encoding="utf-8")
    assert written.endswith("\n") and all(json.loads(line) for line in written.splitlines())
    wait_until(lambda: not any(alive(pid) for pid in workers), "the workers end")


def start_extract(tmp_path: Path) -> tuple[subprocess.Popen, list[int]]:
    """A cold `claims extract`, stopped once its background child runs (where a child pays: 2+ cores)."""
    from claims.engines import default_workers

    if default_workers() < 2:
        pytest.skip("one core: extract runs no background child")
    article = tmp_path / "long.txt"
    article.write_text((SAMPLES / "pardon.txt").read_text(encoding="utf-8") * 40, encoding="utf-8")
    process = subprocess.Popen([*CLAIMS, "extract", str(article)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, env=ENV)
    wait_until(lambda: process.poll() is not None or children_of(process.pid), "the background child starts")
    return process, children_of(process.pid)


@pytest.mark.slow
@linux_only
@pytest.mark.parametrize(("stop", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_stopped_extract_exits_like_a_shell_and_leaves_no_child(tmp_path, stop, code):
    process, children = start_extract(tmp_path)
    if process.poll() is not None:
        pytest.skip("extract finished before it could be stopped")
    process.send_signal(stop)
    _, stderr = process.communicate(timeout=600)
    assert process.returncode == code, stderr
    assert "Traceback" not in stderr and "Aborted" not in stderr
    wait_until(lambda: not any(alive(pid) for pid in children), "the background child ends")


@pytest.mark.slow
@linux_only
def test_killed_extract_leaves_no_background_child(tmp_path):
    process, children = start_extract(tmp_path)
    process.kill()
    process.communicate()
    wait_until(lambda: not any(alive(pid) for pid in children), "the background child ends")
