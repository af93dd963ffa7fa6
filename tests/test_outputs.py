from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claims.cli import main
from claims.outputs import OutputError, ReplacingOutput, check_outputs, take_up_partial

from .conftest import ROOT

ARTICLE = "Вчера освободили 10 заключенных.\n"
JSONL_ARTICLE = '{"id": "a", "text": "Вчера освободили 10 заключенных."}\n'


def run_batch_cli(*args):
    return CliRunner().invoke(main, ["batch", *map(str, args)])


@pytest.fixture
def inputs(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "dump.jsonl").write_text(JSONL_ARTICLE + '{"id": "b", "text": "Задержаны', encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "prev.jsonl").write_text('{"id": "old"}\n', encoding="utf-8")
    return tmp_path


SAME_FILE_CASES = [
    (["in.txt"], ["-o", "in.txt"], "is the input"),
    (["in.txt"], ["-o", "./folder/../in.txt"], "is the input"),
    (["dump.jsonl"], ["-o", "dump.jsonl", "--resume"], "is the input"),
    (["dump.jsonl"], ["-o", "out.jsonl", "--errors", "dump.jsonl"], "is the input"),
    (["folder"], ["-o", "folder/out.txt"], "lies in the input folder"),
    (["dump.jsonl"], ["-o", "x.jsonl", "--errors", "x.jsonl"], "are the same file"),
    (["dump.jsonl"], ["-o", "prev.jsonl", "--errors", "./prev.jsonl"], "are the same file"),
    (["dump.jsonl"], ["-o", "prev.jsonl", "--errors", "no/such/folder/e.jsonl"], "no such folder"),
    (["dump.jsonl"], ["-o", "folder"], "is a folder"),
]


@pytest.mark.parametrize(("args", "options", "message"), SAME_FILE_CASES)
def test_unsafe_outputs_are_refused_before_any_file_is_touched(inputs, args, options, message):
    before = {path: path.read_bytes() for path in inputs.iterdir() if path.is_file()}
    result = run_batch_cli(*args, *options, "--quiet")
    assert result.exit_code == 2
    assert message in result.output and len(result.output.splitlines()) == 1
    assert {path: path.read_bytes() for path in inputs.iterdir() if path.is_file()} == before


def test_a_symlink_to_the_input_is_the_input(inputs):
    (inputs / "link.jsonl").symlink_to(inputs / "dump.jsonl")
    with pytest.raises(OutputError, match="is the input"):
        check_outputs(["dump.jsonl"], {"-o": "link.jsonl"}, (".txt",))


def test_a_jsonl_output_in_an_input_folder_is_not_read_so_it_is_allowed(inputs):
    check_outputs(["folder"], {"-o": "folder/out.jsonl", "--errors": None}, (".txt", ".html"))


def test_a_new_output_replaces_the_old_one_only_at_the_end(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    with ReplacingOutput(out) as sink:
        sink.write("new\n")
        assert out.read_text(encoding="utf-8") == "old\n"
    assert out.read_text(encoding="utf-8") == "new\n"
    assert not (tmp_path / "out.jsonl.partial").exists()


def test_a_run_that_fails_before_writing_leaves_the_old_output(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), ReplacingOutput(out):
        raise RuntimeError("the engine did not start")
    assert out.read_text(encoding="utf-8") == "old\n"
    assert not (tmp_path / "out.jsonl.partial").exists()


def test_resume_takes_up_what_a_killed_run_left_in_the_partial_file(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    assert not take_up_partial(out)
    (tmp_path / "out.jsonl.partial").write_text('{"id": "a"}\n', encoding="utf-8")
    assert take_up_partial(out)
    assert out.read_text(encoding="utf-8") == '{"id": "a"}\n'


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_a_full_disk_is_one_line_naming_the_file(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = run_batch_cli(tmp_path / "empty.txt", "-o", tmp_path / "out.jsonl", "--errors", "/dev/full", "--quiet")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "claims: /dev/full: cannot write: No space left on device"


def test_resume_of_a_read_only_output_is_one_line(tmp_path):
    (tmp_path / "dump.jsonl").write_text(JSONL_ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text(JSONL_ARTICLE + '{"id": "b", "te', encoding="utf-8")
    out.chmod(0o444)
    if os.access(out, os.W_OK):
        pytest.skip("this user may write read-only files (root?)")
    result = run_batch_cli(tmp_path / "dump.jsonl", "-o", out, "--resume", "--quiet")
    assert result.exit_code == 2
    assert result.output.splitlines() == [f"claims: {out}: -o: not writable"]
    assert out.read_text(encoding="utf-8").endswith('"te')


def test_an_output_that_cannot_be_cut_is_one_line(tmp_path, monkeypatch):
    def read_only(path, length):
        raise OSError(30, "Read-only file system")

    (tmp_path / "dump.jsonl").write_text(JSONL_ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text(JSONL_ARTICLE + '{"id": "b", "te', encoding="utf-8")
    monkeypatch.setattr(os, "truncate", read_only)
    result = run_batch_cli(tmp_path / "dump.jsonl", "-o", out, "--resume", "--quiet")
    assert result.exit_code == 2
    problem = "cannot cut its half-written last line: Read-only file system"
    assert result.output.splitlines() == [f"claims: {out}: {problem}"]


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_extract_to_a_full_disk_is_one_line(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "claims", "extract", str(tmp_path / "a.txt")],
            stdout=full, stderr=subprocess.PIPE, text=True, env=env, timeout=600,
        )
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["claims: standard output: No space left on device"]
