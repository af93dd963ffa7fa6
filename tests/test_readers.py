from __future__ import annotations

import codecs
import datetime as dt
import json
from pathlib import Path

import pytest

from claims.errors import InputError
from claims.html_input import looks_like_html, read_html
from claims.language import cyrillic_share, language_warnings
from claims.readers import (
    Article,
    ReadOptions,
    decode,
    guarded,
    iter_articles,
    read_file,
    read_jsonl,
)

HEADLINE = "Президент Узбекистана помиловал 712 осужденных накануне Дня независимости"
SHORT = "Привет"
PARAGRAPH = (
    "ТАШКЕНТ, 29 августа 2024 - Президент Узбекистана подписал указ о помиловании 712 осужденных "
    "в связи с годовщиной независимости республики. Об этом сообщила пресс-служба главы государства."
)


def encoded(text: str, encoding: str) -> bytes:
    bom = {"utf-8-sig": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}.get(encoding, b"")
    return bom + text.encode(encoding)


@pytest.mark.parametrize("text", [HEADLINE, SHORT, PARAGRAPH, "СРОЧНО: В МИНСКЕ ЗАДЕРЖАНЫ 12 ЧЕЛОВЕК"])
@pytest.mark.parametrize(
    ("encoding", "reported"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16-le", "utf-16"),
        ("utf-16-be", "utf-16"),
        ("utf-32-le", "utf-32"),
        ("utf-32-be", "utf-32"),
        ("cp1251", "cp1251"),
        ("koi8-r", "koi8-r"),
        ("cp866", "cp866"),
    ],
)
def test_decode_detects_the_encoding(text, encoding, reported):
    decoded = decode(encoded(text, encoding), "x.txt")
    assert (decoded.text, decoded.encoding, decoded.warnings) == (text, reported, ())


@pytest.mark.parametrize(
    ("data", "option", "text", "reported"),
    [
        ("Привет".encode("cp1251"), "cp1251", "Привет", "cp1251"),
        ("Привет".encode("cp1251"), "windows-1251", "Привет", "cp1251"),
        ("Привет".encode("koi8-r"), "cp1251", "Привет".encode("koi8-r").decode("cp1251"), "cp1251"),
        (codecs.BOM_UTF8 + "Привет".encode(), "utf-8", "Привет", "utf-8"),
        (codecs.BOM_UTF16_LE + "Привет".encode("utf-16-le"), "utf-16", "Привет", "utf-16"),
    ],
)
def test_the_encoding_option_overrides_detection(data, option, text, reported):
    decoded = decode(data, "x.txt", ReadOptions(encoding=option))
    assert (decoded.text, decoded.encoding) == (text, reported)


def test_html_declared_charset_is_used_when_the_bytes_fit():
    page = '<html><head><meta charset="windows-1251"></head><body><p>Ёж</p></body></html>'
    assert decode(page.encode("cp1251"), "p.html").encoding == "cp1251"


@pytest.mark.parametrize(
    ("data", "text", "warning"),
    [
        ("Привет, мир".encode()[:-1], "Привет, ми", "truncated: ends inside a UTF-8 character (1 byte(s) dropped)"),
        (("Минск " * 30).encode() + b"\xff" + " конец".encode(), ("Минск " * 30) + "\ufffd конец",
         "1 invalid UTF-8 byte sequence(s) replaced by U+FFFD"),
    ],
)
def test_damaged_utf8_is_read_with_a_warning(data, text, warning):
    decoded = decode(data, "x.txt")
    assert (decoded.text, decoded.encoding, decoded.warnings) == (text, "utf-8", (warning,))


@pytest.mark.parametrize(
    ("data", "options", "problem"),
    [
        (b"\x00\x01\x02binary", ReadOptions(), "binary file, not text"),
        (bytes(range(1, 32)) * 40, ReadOptions(), "binary file, not text"),
        (b"%PDF-1.4\n" + bytes(range(1, 256)) * 8, ReadOptions(), "binary file, not text"),
        ("Привет".encode("cp1251"), ReadOptions(encoding="utf-8"),
         "not valid utf-8: invalid continuation byte at byte 0"),
        (b"abc", ReadOptions(encoding="no-such-codec"), "unknown encoding 'no-such-codec'"),
        (codecs.BOM_UTF16_LE + b"a\x00b", ReadOptions(), "not valid utf-16: truncated data at byte 4"),
    ],
)
def test_decode_refuses_what_is_not_text(data, options, problem):
    with pytest.raises(InputError) as caught:
        decode(data, "x.bin", options)
    assert str(caught.value) == f"x.bin: {problem}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body><p>Текст</p></body></html>", True),
        ("  <html><p>Текст</p></html>", True),
        ("<p>Первый абзац.</p>\n<p>Второй абзац.</p>", True),
        ("Заголовок\n<div>раз</div><div>два</div><br>три", True),
        ("Вчера в Минске задержали 12 человек.", False),
        ("Формула a<b и b>c верна.", False),
        ("Он написал <p> в заметке, и всё.", False),
        ("", False),
    ],
)
def test_looks_like_html(text, expected):
    assert looks_like_html(text) is expected


NEWS_PAGE = """<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>Белоруссия освободила 18 политзаключенных | Агентство</title>
<meta property="og:title" content="Белоруссия освободила 18 политзаключенных">
<meta property="article:published_time" content="2026-02-19T10:15:00+03:00">
<script>var banner = "Подпишитесь на рассылку";</script><style>nav { color: red }</style></head>
<body><header><nav><ul><li><a href="/">Главная</a></li><li><a href="/sport">Спорт</a></li>
<li><a href="/culture">Культура</a></li></ul></nav></header>
<article><h1>Белоруссия освободила 18 политзаключенных</h1>
<p>ВИЛЬНЮС, 19 февраля 2026 — Власти Белоруссии освободили 18 политических заключенных.</p>
<p>Об этом сообщила пресс-служба Министерства иностранных дел Литвы.</p></article>
<aside><h2>Читайте также</h2><ul><li><a href="/n/1">Курс рубля обновил рекорд</a></li></ul></aside>
<footer><p>© 2026 Агентство. Все права защищены.</p><script>console.log("Реклама")</script></footer>
</body></html>"""
NEWS_TEXT = (
    "Белоруссия освободила 18 политзаключенных\n\n"
    "ВИЛЬНЮС, 19 февраля 2026 — Власти Белоруссии освободили 18 политических заключенных.\n\n"
    "Об этом сообщила пресс-служба Министерства иностранных дел Литвы."
)


def test_read_html_keeps_title_and_main_text_only():
    page = read_html(NEWS_PAGE)
    assert (page.title, page.text, page.published) == (
        "Белоруссия освободила 18 политзаключенных", NEWS_TEXT, dt.date(2026, 2, 19)
    )


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>Вчера в Минске задержали 12 человек.</p><p>Второй абзац.</p>",
         "Вчера в Минске задержали 12 человек.\n\nВторой абзац."),
        ("<html><body><nav>Главная</nav></body></html>", "Главная"),
        ("<html><body></body></html>", ""),
    ],
)
def test_read_html_of_fragments(markup, text):
    assert read_html(markup).text == text


@pytest.mark.parametrize(
    ("text", "share", "warnings"),
    [
        ("Вчера в Минске задержали 12 человек.", 1.0, []),
        ("Агентство Reuters сообщило о задержании.", 28 / 35, []),
        ("Belarus freed 18 political prisoners, Lithuania said.", 0.0,
         ["only 0% of the letters are Cyrillic: probably not a Russian article"]),
        ("Belarus freed 18 prisoners, сообщил МИД.", 10 / 31,
         ["only 32% of the letters are Cyrillic: probably not a Russian article"]),
        ("12 345 — 2025", None, ["no letters: not a Russian article"]),
    ],
)
def test_language_warnings(text, share, warnings):
    assert cyrillic_share(text) == pytest.approx(share)
    assert language_warnings(text) == warnings


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "options", "problem"),
    [
        ("missing.txt", None, ReadOptions(), "no such file or folder"),
        ("folder.txt", "dir", ReadOptions(), "is a folder, not a file"),
        ("empty.txt", b"", ReadOptions(), "empty article"),
        ("blank.txt", " \n\t\n", ReadOptions(), "empty article"),
        ("bom-only.txt", codecs.BOM_UTF8, ReadOptions(), "empty article"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ReadOptions(), "binary file, not text"),
        ("long.txt", "Минск " * 20, ReadOptions(max_chars=100),
         "article of 120 characters is over the limit of 100 (--max-chars)"),
        ("huge.txt", "М" * 1000, ReadOptions(max_chars=100), "file of over 404 bytes is too big for an article "
         "(see --max-chars)"),
        ("menu.html", "<html><body><script>var a = 1;</script></body></html>", ReadOptions(),
         "no article text in the HTML"),
    ],
)
def test_read_file_names_the_problem(tmp_path, name, data, options, problem):
    path = tmp_path / name
    if data == "dir":
        path.mkdir()
    elif data is not None:
        write(path, data)
    with pytest.raises(InputError) as caught:
        read_file(path, options)
    assert str(caught.value) == f"{path}: {problem}"


def test_unreadable_file_names_the_problem(tmp_path, monkeypatch):
    path = write(tmp_path / "locked.txt", "Текст")

    def denied(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(InputError) as caught:
        read_file(path)
    assert str(caught.value) == f"{path}: cannot be read: Permission denied"


def test_read_file_records_encoding_and_warnings(tmp_path):
    path = write(tmp_path / "english.txt", "Belarus freed 18 political prisoners.".encode("utf-16"))
    article = read_file(path)
    assert (article.id, article.encoding, article.source) == ("english", "utf-16", str(path))
    assert article.warnings == ["only 0% of the letters are Cyrillic: probably not a Russian article"]


def test_html_file_is_reduced_to_its_article(tmp_path):
    path = write(tmp_path / "page.htm", NEWS_PAGE.replace('charset="utf-8"', 'charset="windows-1251"').encode("cp1251"))
    article = read_file(path)
    assert (article.text, article.encoding, article.published) == (NEWS_TEXT, "cp1251", dt.date(2026, 2, 19))


def test_html_in_a_txt_file_is_recognised_by_its_markup(tmp_path):
    assert read_file(write(tmp_path / "saved.txt", NEWS_PAGE)).text == NEWS_TEXT


def jsonl(tmp_path: Path, *lines: str | dict, encoding: str = "utf-8") -> Path:
    text = "".join((json.dumps(line, ensure_ascii=False) if isinstance(line, dict) else line) + "\n" for line in lines)
    return write(tmp_path / "dump.jsonl", text.encode(encoding))


def outcomes(items) -> list[tuple[str, str]]:
    return [(item.source, item.problem) if isinstance(item, InputError) else (item.id, item.text) for item in items]


def test_jsonl_lines_become_articles_or_named_errors(tmp_path):
    path = jsonl(
        tmp_path,
        {"id": "ok", "text": "Вчера в Минске задержали 12 человек."},
        "",
        "{not json",
        {"id": "no-text"},
        {"id": "number", "text": 12},
        '["a", "list"]',
        {"id": "bad-date", "text": "Текст", "published": "2025-13-01"},
        {"text": "  "},
        {"id": "html", "text": NEWS_PAGE},
        {"text": "Без id."},
        '{"id": "\\ud800", "text": "Минск \\udc00"}',
    )
    assert outcomes(read_jsonl(path)) == [
        ("ok", "Вчера в Минске задержали 12 человек."),
        (f"{path}:3", "malformed JSON (Expecting property name enclosed in double quotes at column 2)"),
        (f"{path}:4", "record has no 'text'"),
        (f"{path}:5", "record's 'text' is a int, not a string"),
        (f"{path}:6", "a JSON Lines record must be an object"),
        (f"{path}:7", "invalid publication date '2025-13-01': expected YYYY-MM-DD or DD.MM.YYYY"),
        (f"{path}:8", "empty article"),
        ("html", NEWS_TEXT),
        ("dump:10", "Без id."),
        ("\ufffd", "Минск \ufffd"),
    ]
    assert list(read_jsonl(path))[-1].warnings == ["1 lone surrogate(s) replaced by U+FFFD"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1251", "koi8-r"])
def test_jsonl_in_other_encodings(tmp_path, encoding):
    path = jsonl(tmp_path, {"id": "a", "text": "Привет, Минск."}, {"id": "b", "text": "Пока."}, encoding=encoding)
    articles = list(read_jsonl(path))
    assert outcomes(articles) == [("a", "Привет, Минск."), ("b", "Пока.")]
    assert [article.encoding for article in articles] == [encoding, encoding]


def test_jsonl_published_field_and_html_date(tmp_path):
    path = jsonl(tmp_path, {"id": "a", "text": "Текст", "published": "2025-11-24"}, {"id": "b", "text": NEWS_PAGE})
    assert [article.published for article in read_jsonl(path)] == [dt.date(2025, 11, 24), dt.date(2026, 2, 19)]


def test_folders_give_text_and_html_files_sorted(tmp_path):
    write(tmp_path / "b.html", NEWS_PAGE)
    write(tmp_path / "a.txt", "Текст А.")
    write(tmp_path / "sub" / "c.HTM", "<p>Текст В.</p><p>Ещё.</p>")
    write(tmp_path / "notes.md", "# не статья")
    write(tmp_path / "d.txt", b"")
    items = list(iter_articles([tmp_path]))
    assert outcomes(items) == [
        ("a", "Текст А."),
        ("b", NEWS_TEXT),
        (str(tmp_path / "d.txt"), "empty article"),
        ("c", "Текст В.\n\nЕщё."),
    ]


def test_a_bug_in_a_reader_becomes_an_error_item_unless_debugging(tmp_path):
    def broken(path, options):
        raise RuntimeError("boom")

    path = tmp_path / "a.txt"
    item = guarded(broken, path, ReadOptions())
    assert (item.source, item.problem) == (str(path), "internal error: RuntimeError: boom")
    with pytest.raises(RuntimeError):
        guarded(broken, path, ReadOptions(debug=True))


def test_articles_pickle_for_worker_processes(tmp_path):
    import pickle

    article = read_file(write(tmp_path / "a.txt", "Текст".encode("koi8-r")))
    assert pickle.loads(pickle.dumps(article)) == article
    assert isinstance(article, Article)


def test_size_limits_apply_to_html_markup_and_to_its_text(tmp_path):
    markup = "<p>" + "Минск. " * 20 + "</p>"
    path = jsonl(tmp_path, {"id": "a", "text": markup})
    assert outcomes(read_jsonl(path, ReadOptions(max_chars=5))) == [
        (f"{path}:1", "HTML of 147 characters is too big for an article (see --max-chars)")
    ]
    assert outcomes(read_jsonl(path, ReadOptions(max_chars=100))) == [
        (f"{path}:1", "article of 139 characters is over the limit of 100 (--max-chars)")
    ]
