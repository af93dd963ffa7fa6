from __future__ import annotations

from concurrent.futures import Future

import pytest
from click.testing import CliRunner

from claims.cli import main
from claims.engines import DaskEngine, SchedulerLost, check_scheduler_address
from claims.errors import ClaimsError

from .test_stopping import ScriptedJob, articles

ARTICLE = "Вчера освободили 10 заключенных.\n"


def run_batch_cli(*args):
    return CliRunner().invoke(main, ["batch", *map(str, args)])


@pytest.mark.parametrize(
    "address", ["tcp://10.0.0.5:8786", "10.0.0.5:8786", "tls://scheduler.example:8786", "tcp://[::1]:8786"]
)
def test_scheduler_addresses_that_dask_takes(address):
    assert check_scheduler_address(address) == address


@pytest.mark.parametrize("address", ["foo", "tcp://127.0.0.1:notaport", "tcp://127.0.0.1:0", "http://h:1", "h:99999"])
def test_a_bad_scheduler_address_is_a_usage_error_at_once(tmp_path, address):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(ClaimsError, match="not a Dask scheduler address"):
        check_scheduler_address(address)
    result = run_batch_cli(tmp_path / "a.txt", "--engine", "dask", "--scheduler", address, "--quiet")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"claims: --scheduler: not a Dask scheduler address: {address!r} (expected tcp://HOST:PORT)"
    ]


@pytest.fixture
def scheduler_without_workers():
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=0, dashboard_address=":0")
    yield cluster.scheduler_address
    cluster.close()


def test_a_scheduler_without_workers_is_one_line_after_the_timeout(tmp_path, scheduler_without_workers):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "old"}\n', encoding="utf-8")
    args = ["--engine", "dask", "--scheduler", scheduler_without_workers, "--dask-timeout", "0.5", "--quiet"]
    result = run_batch_cli(tmp_path / "a.txt", "-o", out, *args)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"claims: no Dask worker at {scheduler_without_workers} within 0.5 s (--dask-timeout)"
    ]
    assert out.read_text(encoding="utf-8") == '{"id": "old"}\n'


def test_an_unreachable_scheduler_is_one_line(tmp_path):
    pytest.importorskip("distributed")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    args = ["--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "--dask-timeout", "0.5", "--quiet"]
    result = run_batch_cli(tmp_path / "a.txt", *args)
    assert result.exit_code == 1
    [line] = result.output.splitlines()
    assert line.startswith("claims: cannot reach the Dask scheduler at tcp://127.0.0.1:9: ")


class LostClient:
    """A Dask client whose scheduler went away after the first chunk."""

    def __init__(self) -> None:
        self.submitted = 0

    def scheduler_info(self) -> dict:
        return {"workers": {"w1": {}}}

    def submit(self, function, job, chunk, pure=False) -> Future:
        from distributed.comm.core import CommClosedError

        future = Future()
        self.submitted += 1
        if self.submitted == 1:
            future.set_result([job(item) for item in chunk])
        else:
            future.set_exception(CommClosedError("in <TCP (closed) ConnectionPool.gather>: Stream is closed"))
        return future

    def close(self, timeout=None) -> None:
        pass


def test_a_scheduler_lost_mid_run_keeps_what_was_done_and_says_so_in_one_line():
    pytest.importorskip("distributed")
    engine = DaskEngine(scheduler="tcp://10.0.0.5:8786", chunk=2, window=1)
    engine.client = LostClient()
    outcomes = engine.map(ScriptedJob(), articles("ok", "ok", "ok", "ok"))
    assert [next(outcomes).id, next(outcomes).id] == ["a0", "a1"]
    lost = r"^lost the Dask scheduler tcp://10.0.0.5:8786: in <TCP .*Stream is closed"
    with pytest.raises(SchedulerLost, match=lost):
        next(outcomes)


def test_a_lost_scheduler_ends_the_batch_with_the_resume_hint(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    def start_lost(self):
        self.client = self.client or LostClient()
        return self.client

    monkeypatch.setattr(DaskEngine, "start", start_lost)
    for n in range(20):
        (tmp_path / f"{n:02}.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setattr("claims.batch.Job.__call__", lambda self, item, models=None: ScriptedJob()(item))
    out = tmp_path / "out.jsonl"
    result = run_batch_cli(tmp_path, "-o", out, "--engine", "dask", "--scheduler", "tcp://10.0.0.5:8786", "--quiet")
    assert result.exit_code == 1
    [line] = result.output.splitlines()
    assert line.startswith("claims: lost the Dask scheduler tcp://10.0.0.5:8786: ")
    assert line.endswith(f"{out} holds 8 more whole records; run the same command with --resume for the rest")
    assert len(out.read_text(encoding="utf-8").splitlines()) == 8
