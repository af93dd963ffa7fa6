from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from claims.cli import main

from .conftest import ROOT

COMMANDS = sorted(main.commands)
ARTICLE = "Вчера в Минске задержали 12 человек, сообщил правозащитный центр «Вясна».\n"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(runner, command):
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"claims {command}" in result.output.split("Example:")[1]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command):
    assert f"claims {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_help_and_schema_load_no_models():
    code = (
        "import sys\n"
        "from claims.cli import main\n"
        "for args in (['--help'], ['schema']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in ('natasha', 'spacy', 'slovnet', 'rich') if m in sys.modules))\n"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip().splitlines()[-1] == "[]"


def test_schema_is_json_schema_of_the_record(runner):
    schema = json.loads(runner.invoke(main, ["schema"]).output)
    assert schema["title"] == "Record"
    assert {"actors", "events", "prisoner_counts", "sources"} <= set(schema["properties"])


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["extract", "no-such-file.txt"], 1, "no-such-file.txt: no such file or folder"),
        (["extract", "--published", "2025-02-30", "-"], 2, "invalid publication date"),
        (["batch"], 2, "Missing argument"),
    ],
)
def test_bad_input_gets_one_line_and_exit_code(runner, args, code, message):
    result = runner.invoke(main, args, input="")
    assert result.exit_code == code
    assert message in result.output


def test_folder_and_empty_file_are_refused(runner, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    for path, problem in ((tmp_path, "is a folder, not a file"), (empty, "empty article")):
        result = runner.invoke(main, ["extract", str(path)])
        assert result.exit_code == 1
        assert result.output.strip() == f"claims: {path}: {problem}"


@pytest.mark.slow
def test_stdin_gives_the_same_record_as_the_file(runner, tmp_path, models):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    from_file = json.loads(runner.invoke(main, ["extract", str(path), "--published", "2025-11-24"]).output)
    from_stdin = json.loads(runner.invoke(main, ["extract", "-", "--published", "2025-11-24"], input=ARTICLE).output)
    assert from_file.pop("id") == "article"
    assert from_stdin.pop("id") == "stdin"
    assert from_file == from_stdin
    assert from_file["actors"]


@pytest.mark.slow
def test_table_format_prints_the_tables(runner, tmp_path, models):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(main, ["extract", str(path), "--format", "table"])
    assert result.exit_code == 0
    for title in ("Actors", "Dated events", "Prisoner counts", "Sources", "Минск"):
        assert title in result.output


@pytest.mark.slow
def test_batch_keeps_order_and_survives_bad_inputs(runner, tmp_path, models):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("В Гродно освободили двоих активистов.", encoding="utf-8")
    (folder / "c.txt").write_bytes(b"\x00\x01\x02binary")
    dump = tmp_path / "dump.jsonl"
    dump.write_text(
        json.dumps({"id": "j1", "text": ARTICLE, "published": "2025-11-24"}, ensure_ascii=False) + "\n"
        + "{not json\n"
        + json.dumps({"id": "j3"}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(main, ["batch", str(folder), str(dump), "-o", str(out), "--quiet"])
    assert result.exit_code == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a", "b", "j1"]
    assert records[2]["published"] == "2025-11-24"
    assert records[2]["published_from"] == "input"
    errors = [line for line in result.output.splitlines() if line.startswith("claims: ")]
    assert len(errors) == 3
    assert any("c.txt: binary file" in line for line in errors)
    assert any("dump.jsonl:2: malformed JSON" in line for line in errors)
    assert any("dump.jsonl:3: record has no 'text'" in line for line in errors)


@pytest.mark.parametrize(
    ("command", "present", "absent"),
    [
        (["extract"], ["--format [json|jsonl|csv|table]", "one row per actor, event", "--width"], []),
        (["show"], ["--width", "--html"], ["--include-text"]),
        (["batch"], ["*.html"], []),
        ([], ["_CLAIMS_COMPLETE=bash_source claims"], []),
    ],
)
def test_help_texts(runner, command, present, absent):
    output = " ".join(runner.invoke(main, [*command, "--help"], terminal_width=200).output.split())
    assert all(" ".join(text.split()) in output for text in present)
    assert not any(text in output for text in absent)


def test_the_readme_shows_how_to_turn_on_completion():
    assert "_CLAIMS_COMPLETE=bash_source claims" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "problem"),
    [(["a.txt", "b.txt"], "--format json is one article"), (["a.txt", "b.txt", "--id", "x", "--format", "csv"],
                                                            "--id names one article")],
)  # fmt: skip
def test_extract_of_several_files_needs_a_format_for_several(runner, args, problem):
    result = runner.invoke(main, ["extract", *args], prog_name="claims")
    assert result.exit_code == 2
    hint = "for several, use --format jsonl, csv or table (see 'claims extract --help')"
    expected = f"claims: extract: {problem}; {hint}"
    assert result.output.strip().splitlines() == [expected]


def write_articles(folder) -> list:
    paths = [folder / "a.txt", folder / "b.txt"]
    paths[0].write_text(ARTICLE, encoding="utf-8")
    paths[1].write_text("В Гродно освободили двоих активистов, сообщила «Вясна».", encoding="utf-8")
    return paths


@pytest.mark.slow
def test_extract_csv_has_a_row_per_item_of_every_article_and_goes_on_after_a_bad_one(runner, tmp_path, models):
    paths = write_articles(tmp_path)
    result = runner.invoke(main, ["extract", str(paths[0]), "missing.txt", str(paths[1]), "--format", "csv"])
    assert result.exit_code == 1
    assert "claims: missing.txt: no such file or folder" in result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {row["article"] for row in rows} == {"a", "b"}
    assert {"actor", "event", "count", "source"} <= {row["item"] for row in rows}
    texts = {path.stem: path.read_text(encoding="utf-8") for path in paths}
    for row in rows:
        assert texts[row["article"]][int(row["start"]) : int(row["end"])] == row["text"]


@pytest.mark.slow
def test_extract_jsonl_writes_one_record_a_line(runner, tmp_path, models):
    result = runner.invoke(main, ["extract", *map(str, write_articles(tmp_path)), "--format", "jsonl"])
    assert result.exit_code == 0
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a", "b"]


@pytest.mark.slow
def test_a_piped_table_is_as_wide_as_its_content(runner, tmp_path, models):
    path = tmp_path / "article.txt"
    path.write_text("Правозащитники сообщили, что в Минске за неделю задержали 12 участников мирных акций протеста.",
                    encoding="utf-8")  # fmt: skip
    result = runner.invoke(main, ["extract", str(path), "--format", "table"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) > 80 and not any("…" in line for line in lines)
    assert any("в Минске за неделю задержали 12 участников мирных акций протеста" in line for line in lines)


@pytest.mark.slow
def test_batch_into_a_pipe_that_closes_ends_quietly_with_exit_0(tmp_path):
    dump = tmp_path / "dump.jsonl"
    line = json.dumps({"id": "a", "text": ARTICLE, "published": "2025-11-24"}, ensure_ascii=False)
    dump.write_text((line + "\n") * 300, encoding="utf-8")  # far more than a pipe holds
    command = f"{sys.executable} -m claims batch {dump} --workers 1 | head -1; echo exit=${{PIPESTATUS[0]}} >&2"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=300)
    assert json.loads(result.stdout)["id"] == "a"
    assert result.stderr.splitlines()[-1] == "exit=0"
    for noise in ("claims:", "Error", "Traceback", "Exception", "Broken pipe"):
        assert noise not in result.stderr


def test_python_dash_m_runs_the_cli():
    result = subprocess.run([sys.executable, "-m", "claims", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "extract" in result.stdout
