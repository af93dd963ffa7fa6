"""Real files of every kind, written by the tests, through the `claims` commands."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claims.cli import main

from .conftest import SAMPLES

# Characters KOI8-R and CP866 lack; every encoding gets the same text so the records can be compared.
PLAIN = str.maketrans({"—": "-", "–": "-", "«": '"', "»": '"', "№": "N", "…": "..."})
ARTICLES = ("release-political-prisoners", "prisoner-exchange")
MENU_WORDS = ("Главная", "Политика", "Спорт", "Подписаться", "Читайте также", "Курс рубля", "Все права", "cookie",
              "Реклама", "Комментарии")
ENGLISH = "Belarus freed 18 political prisoners on Thursday, the Lithuanian foreign ministry said.\n"


def sample(stem: str) -> str:
    return (SAMPLES / f"{stem}.txt").read_text(encoding="utf-8").translate(PLAIN)


def encoded(text: str, encoding: str) -> bytes:
    boms = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-32-le": codecs.BOM_UTF32_LE}
    return boms.get(encoding, b"") + text.encode(encoding)


def news_page(text: str, charset: str = "utf-8") -> str:
    """A saved news page: navigation, scripts, a sidebar, comments and a footer around the article."""
    title, *paragraphs = [line for line in text.splitlines() if line.strip()]
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    menu = "".join(f'<li><a href="/{n}">{word}</a></li>' for n, word in enumerate(MENU_WORDS[:4]))
    return f"""<!DOCTYPE html>
<html lang="ru"><head><meta charset="{charset}"><title>{title} | Агентство новостей</title>
<script>window.banner = "Реклама: подпишитесь"; var views = 100500;</script>
<style>.menu {{ display: flex }}</style></head>
<body><header><nav class="menu"><ul>{menu}</ul></nav>
<div class="cookie">Мы используем cookie. Согласен</div></header>
<main><article><h1>{title}</h1>
{body}
</article></main>
<aside><h2>Читайте также</h2><ul><li><a href="/n/1">Курс рубля обновил рекорд</a></li></ul></aside>
<section class="comments"><h3>Комментарии</h3><p>Наконец-то, давно пора</p></section>
<footer><p>© 2026 Агентство новостей. Все права защищены.</p><script>track("Реклама")</script></footer>
</body></html>"""


@pytest.fixture
def runner():
    return CliRunner()


def extract_file(runner, path: Path, *args: str) -> dict:
    result = runner.invoke(main, ["extract", str(path), "--published", "2026-02-19", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def utf8_records(models, tmp_path_factory):
    folder = tmp_path_factory.mktemp("utf8")
    records = {}
    for stem in ARTICLES:
        path = folder / f"{stem}.txt"
        path.write_text(sample(stem), encoding="utf-8")
        records[stem] = extract_file(CliRunner(), path, "--include-text")
    return records


@pytest.mark.slow
@pytest.mark.parametrize("stem", ARTICLES)
@pytest.mark.parametrize(
    ("encoding", "reported"),
    [
        ("cp1251", "cp1251"),
        ("koi8-r", "koi8-r"),
        ("cp866", "cp866"),
        ("utf-16-le", "utf-16"),
        ("utf-16-be", "utf-16"),
        ("utf-32-le", "utf-32"),
        ("utf-8-sig", "utf-8-sig"),
    ],
)
def test_other_encodings_give_the_same_actors_as_utf8(runner, tmp_path, utf8_records, stem, encoding, reported):
    path = tmp_path / f"{stem}.txt"
    path.write_bytes(encoded(sample(stem), encoding))
    record = extract_file(runner, path)
    assert record["actors"] == utf8_records[stem]["actors"]
    assert record["encoding"] == reported
    assert record["warnings"] == []


@pytest.mark.slow
@pytest.mark.parametrize(("charset", "encoding"), [("utf-8", "utf-8"), ("windows-1251", "cp1251")])
def test_html_page_gives_the_article_and_no_menu_words(runner, tmp_path, utf8_records, charset, encoding):
    stem = ARTICLES[0]
    path = tmp_path / f"{stem}.html"
    path.write_bytes(news_page(sample(stem), charset).encode(encoding))
    record = extract_file(runner, path, "--include-text")
    assert record["text"] == utf8_records[stem]["text"].strip()
    assert {(a["name"], a["type"]) for a in record["actors"]} == {
        (a["name"], a["type"]) for a in utf8_records[stem]["actors"]
    }
    assert not [word for word in MENU_WORDS if word in record["text"]]
    assert record["encoding"] == encoding


@pytest.mark.slow
def test_html_in_a_jsonl_text_field_is_reduced_too(runner, tmp_path, utf8_records):
    stem = ARTICLES[0]
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"id": "page", "text": news_page(sample(stem))}, ensure_ascii=False) + "\n")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(main, ["batch", str(dump), "-o", str(out), "--quiet", "--workers", "1", "--include-text"])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["text"] == utf8_records[stem]["text"].strip()
    assert not [word for word in MENU_WORDS if word in record["text"]]


def bad_inputs(folder: Path, monkeypatch) -> dict[str, str]:
    """Write one file of every bad kind into `folder`; the problem each one must be listed with."""
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text(" \n\t \n", encoding="utf-8")
    (folder / "long.txt").write_text("Минск " * 5000, encoding="utf-8")
    (folder / "cut.htm").write_text("<html><body><script>var a = 1;</script></body></html>", encoding="utf-8")
    (folder / "garbled.txt").write_bytes(bytes(range(1, 32)) * 50)
    (folder / "locked.txt").write_text("Недоступная статья.", encoding="utf-8")
    refuse_to_open(monkeypatch, "locked.txt")
    return {
        "binary.txt": "binary file, not text",
        "empty.txt": "empty article",
        "blank.txt": "empty article",
        "long.txt": "article of 30,000 characters is over the limit of 20,000 (--max-chars)",
        "cut.htm": "no article text in the HTML",
        "garbled.txt": "binary file, not text",
        "locked.txt": "cannot be read: Permission denied",
    }


def refuse_to_open(monkeypatch, name: str) -> None:
    """Running as root, chmod cannot make a file unreadable; the reader's open fails as it would."""
    real_open = Path.open

    def open_unless_locked(self, *args, **kwargs):
        if self.name == name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_unless_locked)


@pytest.mark.slow
def test_batch_processes_every_good_input_lists_every_bad_one_and_exits_1(runner, tmp_path, models, monkeypatch):
    folder = tmp_path / "articles"
    (folder / "deeper").mkdir(parents=True)
    text = sample(ARTICLES[0])
    (folder / "utf8.txt").write_text(text, encoding="utf-8")
    (folder / "cp1251.txt").write_bytes(text.encode("cp1251"))
    (folder / "deeper" / "koi8.txt").write_bytes(text.encode("koi8-r"))
    (folder / "utf16.txt").write_bytes(text.encode("utf-16"))
    (folder / "page.html").write_text(news_page(text), encoding="utf-8")
    (folder / "english.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    problems = {str(folder / name): problem for name, problem in bad_inputs(folder, monkeypatch).items()}
    dump = tmp_path / "dump.jsonl"
    dump.write_text(
        "\n".join([
            json.dumps({"id": "j1", "text": "Вчера в Минске задержали 12 человек.", "published": "2025-11-24"},
                       ensure_ascii=False),
            "{not json",
            json.dumps({"id": "j3"}),
            json.dumps({"id": "j4", "text": "Текст", "published": "11/24/2025"}, ensure_ascii=False),
            json.dumps(["not", "an", "object"]),
            json.dumps({"id": "j6", "text": news_page(text)}, ensure_ascii=False),
        ]) + "\n",
        encoding="utf-8",
    )
    problems |= {
        f"{dump}:2": "malformed JSON (Expecting property name enclosed in double quotes at column 2)",
        f"{dump}:3": "record has no 'text'",
        f"{dump}:4": "invalid publication date '11/24/2025': expected YYYY-MM-DD or DD.MM.YYYY",
        f"{dump}:5": "a JSON Lines record must be an object",
        str(tmp_path / "missing.txt"): "no such file or folder",
    }
    out = tmp_path / "out.jsonl"
    args = ["batch", str(folder), str(dump), str(tmp_path / "missing.txt"), "-o", str(out), "--quiet",
            "--workers", "1", "--max-chars", "20000"]
    result = runner.invoke(main, args)

    assert result.exit_code == 1
    records = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert sorted(records) == sorted(["utf8", "cp1251", "koi8", "utf16", "page", "english", "j1", "j6"])
    assert {name: records[name]["encoding"] for name in ("utf8", "cp1251", "koi8", "utf16", "page")} == {
        "utf8": "utf-8", "cp1251": "cp1251", "koi8": "koi8-r", "utf16": "utf-16", "page": "utf-8"
    }
    actors = {(a["name"], a["type"]) for a in records["utf8"]["actors"]}
    for name in ("cp1251", "koi8", "utf16", "page", "j6"):
        assert {(a["name"], a["type"]) for a in records[name]["actors"]} == actors, name
    assert records["english"]["warnings"] == ["only 0% of the letters are Cyrillic: probably not a Russian article"]
    listed = [line for line in result.stderr.splitlines() if line.startswith("claims: ")]
    assert sorted(listed) == sorted(f"claims: {source}: {problem}" for source, problem in problems.items())
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_strict_turns_warnings_into_failures(runner, tmp_path, models):
    path = tmp_path / "english.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    lenient = runner.invoke(main, ["extract", str(path)])
    assert lenient.exit_code == 0
    assert json.loads(lenient.stdout)["warnings"] == [
        "only 0% of the letters are Cyrillic: probably not a Russian article"
    ]
    assert lenient.stderr == (
        f"claims: {path}: warning: only 0% of the letters are Cyrillic: probably not a Russian article\n"
    )
    strict = runner.invoke(main, ["extract", str(path), "--strict"])
    assert strict.exit_code == 1
    assert strict.stderr == f"claims: {path}: only 0% of the letters are Cyrillic: probably not a Russian article\n"


@pytest.mark.parametrize(
    ("name", "write", "problem"),
    [
        ("missing.txt", None, "no such file or folder"),
        ("folder", "dir", "is a folder, not a file"),
        ("binary.txt", b"\x00\x01\x02binary", "binary file, not text"),
        ("empty.txt", b"", "empty article"),
        ("blank.txt", b" \r\n\t\n", "empty article"),
        ("locked.txt", "Текст".encode(), "cannot be read: Permission denied"),
        ("wrong.txt", "Текст".encode("cp1251"), "not valid utf-8: invalid continuation byte at byte 0"),
    ],
)
def test_extract_failures_are_one_line_with_exit_code_1(runner, tmp_path, monkeypatch, name, write, problem):
    path = tmp_path / name
    if write == "dir":
        path.mkdir()
    elif write is not None:
        path.write_bytes(write)
    refuse_to_open(monkeypatch, "locked.txt")
    args = ["extract", str(path)] + (["--encoding", "utf-8"] if name == "wrong.txt" else [])
    result = runner.invoke(main, args)
    assert (result.exit_code, result.stderr) == (1, f"claims: {path}: {problem}\n")
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "--published", "2025-02-30", "-"],
         "claims: --published: invalid publication date '2025-02-30': expected YYYY-MM-DD or DD.MM.YYYY"),
        (["batch", "--published", "tomorrow", "x.txt"],
         "claims: --published: invalid publication date 'tomorrow': expected YYYY-MM-DD or DD.MM.YYYY"),
        (["extract", "--encoding", "klingon", "-"], "claims: --encoding: unknown encoding 'klingon'"),
        (["extract", "--max-chars", "0", "-"],
         "claims: extract: Invalid value for '--max-chars': 0 is not in the range x>=1. (see 'claims extract --help')"),
        (["extract", "a.txt", "b.txt"],
         "claims: extract: --format json is one article; for several, use --format jsonl, csv or table"
         " (see 'claims extract --help')"),
    ],
)
def test_usage_errors_are_one_line_with_exit_code_2(runner, args, message):
    result = runner.invoke(main, args, input="", prog_name="claims")
    assert (result.exit_code, result.stderr) == (2, message + "\n")


@pytest.mark.parametrize("command", ["extract", "batch"])
def test_help_documents_the_exit_codes(runner, command):
    help_text = runner.invoke(main, [command, "--help"]).output
    assert "Exit codes:" in help_text
    assert help_text.index("Exit codes:") < help_text.index("Example:")
    for code in ("0  every input", "1  some inputs failed", "2  usage error"):
        assert code in help_text


def test_internal_errors_are_one_line_unless_debugging(runner, tmp_path, monkeypatch):
    import claims.readers

    def broken(path, options):
        raise RuntimeError("boom")

    monkeypatch.setattr(claims.readers, "read_file", broken)
    path = tmp_path / "a.txt"
    quiet = runner.invoke(main, ["extract", str(path)])
    assert (quiet.exit_code, quiet.stderr) == (1, f"claims: {path}: internal error: RuntimeError: boom\n")
    loud = runner.invoke(main, ["extract", str(path), "--debug"])
    assert isinstance(loud.exception, RuntimeError)
