from __future__ import annotations

import datetime as dt
import html
import json
import re

import pytest
from click.testing import CliRunner

from claims.cli import main
from claims.models import Actor, Claim, DateSpan, Event, PrisonerCount, Record, Source, Span
from claims.render.highlight import Mark, highlight, segments
from claims.render.html import cited_sources, date_range, report_page, show_page, source_key, spread, timeline

from .conftest import SEED, SEED_PUBLISHED

TEXT = (
    "Вчера в Минске освободили 12 политзаключенных, сообщил правозащитный центр «Вясна». "
    "По данным «Вясны», в Беларуси остаются более 1000 политзаключенных."
)


def span(text: str, part: str, occurrence: int = 1) -> Span:
    start = -1
    for _ in range(occurrence):
        start = text.index(part, start + 1)
    return Span(start=start, end=start + len(part), text=part)


def claim(text: str, part: str) -> Claim:
    return Claim(**span(text, part).model_dump())


def mention(text: str, part: str) -> dict:
    return span(text, part).model_dump()


def date(text: str, part: str, value: str, precision: str = "day") -> DateSpan:
    return DateSpan(**span(text, part).model_dump(), value=value, precision=precision)


def count(text: str, part: str, number: str, low, high, **extra) -> PrisonerCount:
    fields = {"qualifier": "exact", "status": "released", **extra}
    return PrisonerCount(**span(text, part).model_dump(), number=number, low=low, high=high, **fields)


def sample_record(text: str = TEXT) -> Record:
    return Record(
        id="sample",
        published=dt.date(2025, 11, 24),
        actors=[
            Actor(id="A1", name="Минск", type="location", mentions=[mention(text, "Минске")]),
            Actor(id="A2", name="Вясна", type="organization",
                  mentions=[mention(text, "Вясна"), mention(text, "Вясны")]),
            Actor(id="A3", name="Беларусь", type="location", mentions=[mention(text, "Беларуси")]),
        ],
        events=[
            Event(id="E1", trigger=span(text, "освободили"), lemma="освободить", kind="release",
                  date=date(text, "Вчера", "2025-11-23")),
        ],
        prisoner_counts=[
            count(text, "12 политзаключенных", "12", 12, 12, event="E1"),
            count(text, "более 1000 политзаключенных", "1000", 1001, None, qualifier="more_than", status="held"),
        ],
        sources=[
            Source(id="S1", name="правозащитный центр «Вясна»", kind="ngo", actor="A2", cue="сообщил",
                   cue_start=text.index("сообщил"), cue_end=text.index("сообщил") + len("сообщил"),
                   mentions=[span(text, "правозащитный центр «Вясна»")],
                   claims=[claim(text, "Вчера в Минске освободили 12 политзаключенных")]),
        ],
    )  # fmt: skip


def marks(*spans: tuple[str, int, int]) -> list[Mark]:
    return [Mark(kind, start, end, "", (f"X{n}",), kind) for n, (kind, start, end) in enumerate(spans)]


def cut(text: str, spans) -> list[tuple[str, tuple[str, ...]]]:
    return [(s.text, tuple(m.kind for m in s.marks)) for s in segments(text, marks(*spans))]


# --- segmentation ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("", [], []),
        ("abc", [], [("abc", ())]),
        ("abcdef", [("actor", 0, 6)], [("abcdef", ("actor",))]),
        # overlap: the shared part carries both, the shorter mark first
        ("abcdefgh", [("actor", 0, 5), ("count", 3, 8)],
         [("abc", ("actor",)), ("de", ("actor", "count")), ("fgh", ("count",))]),
        # nesting: an actor inside a count splits it in three, the actor innermost
        ("по меньшей мере 100 граждан США", [("count", 0, 31), ("actor", 28, 31)],
         [("по меньшей мере 100 граждан ", ("count",)), ("США", ("actor", "count"))]),
        ("xx 5 сотрудников ООН и др.", [("count", 3, 20), ("actor", 17, 20)],
         [("xx ", ()), ("5 сотрудников ", ("count",)), ("ООН", ("actor", "count")), (" и др.", ())]),
        ("a [b c] d", [("claim", 0, 9), ("count", 2, 7), ("actor", 3, 4)],
         [("a ", ("claim",)), ("[", ("count", "claim")), ("b", ("actor", "count", "claim")),
          (" c]", ("count", "claim")), (" d", ("claim",))]),
        # adjacent spans: two segments, nothing empty between them
        ("ВчераМинск", [("date", 0, 5), ("actor", 5, 10)], [("Вчера", ("date",)), ("Минск", ("actor",))]),
        # the same span twice: the kind order of the legend breaks the tie
        ("Reuters", [("source", 0, 7), ("actor", 0, 7)], [("Reuters", ("actor", "source"))]),
        # spans beyond the text, or empty, are not drawn
        ("abc", [("actor", 1, 9), ("date", 2, 2)], [("abc", ())]),
    ],
)  # fmt: skip
def test_segments_cut_the_text_at_every_boundary(text, spans, expected):
    assert cut(text, spans) == expected


@pytest.mark.parametrize("spans", [[], [("actor", 0, 3)], [("count", 2, 9), ("actor", 4, 6), ("claim", 0, 12)]])
def test_segments_cover_the_text_exactly_once(spans):
    text = "0123456789AB"
    pieces = segments(text, marks(*spans))
    assert "".join(s.text for s in pieces) == text
    assert all(a.end == b.start for a, b in zip(pieces, pieces[1:]))


# --- a record's highlights -------------------------------------------------------------------------------


def spans_of(record: Record) -> set[tuple[str, int, int]]:
    found = {("actor", m.start, m.end) for a in record.actors for m in a.mentions}
    found |= {("event", e.trigger.start, e.trigger.end) for e in record.events}
    found |= {("date", e.date.start, e.date.end) for e in record.events if e.date}
    found |= {("count", c.start, c.end) for c in record.prisoner_counts}
    found |= {("source", m.start, m.end) for s in record.sources for m in s.mentions}
    return found | {("claim", c.start, c.end) for s in record.sources for c in s.claims}


def test_every_span_of_the_record_is_a_mark():
    record = sample_record()
    result = highlight(record, TEXT)
    assert {(m.kind, m.start, m.end) for m in result.marks} == spans_of(record) | {("cue", 47, 54)}
    assert [m.id for m in result.marks] == [f"H{n}" for n in range(1, len(result.marks) + 1)]
    assert not result.misplaced


def test_marks_carry_the_normalized_values():
    result = highlight(sample_record(), TEXT)
    by_kind = {(m.kind, m.text): m for m in result.marks}
    assert by_kind["date", "Вчера"].label == "2025-11-23 (day)"
    assert by_kind["actor", "Вясны"].label == "Вясна (organization)"
    assert by_kind["count", "более 1000 политзаключенных"].label == "≥ 1001 held"
    assert "event: E1 release, 2025-11-23" in by_kind["count", "12 политзаключенных"].details
    cue = by_kind["cue", "сообщил"]
    assert cue.items == ("S1",) and "ngo" in cue.label
    assert "claim, indirect: Вчера в Минске освободили 12 политзаключенных" in cue.details


def test_the_cue_is_drawn_where_the_record_puts_it():
    text = "Суд сообщил о приговоре. Позже агентство сообщил об этом, сообщил источник."
    at = span(text, "сообщил", 3)
    source = Source(id="S1", name="источник", kind="anonymous", cue="сообщил", cue_start=at.start, cue_end=at.end,
                    mentions=[span(text, "источник")])
    result = highlight(Record(id="x", sources=[source]), text)
    [cue] = [m for m in result.marks if m.kind == "cue"]
    assert (cue.start, cue.end) == (at.start, at.end)


def test_a_cue_without_offsets_is_not_drawn():
    source = Source(id="S1", name="ТАСС", kind="media", cue="передает", mentions=[span(TEXT, "Вясна")])
    assert [m.kind for m in highlight(Record(id="x", sources=[source]), TEXT).marks] == ["source"]


def test_a_cue_whose_offsets_miss_its_text_is_misplaced():
    source = Source(id="S1", name="ТАСС", kind="media", cue="передает", cue_start=0, cue_end=8,
                    mentions=[span(TEXT, "Вясна")])
    result = highlight(Record(id="x", sources=[source]), TEXT)
    assert [m.kind for m in result.misplaced] == ["cue"]


def test_spans_that_are_not_in_the_text_are_reported_not_drawn():
    wrong = Actor(id="A1", name="Гродно", type="location", mentions=[{"start": 0, "end": 6, "text": "Гродно"}])
    result = highlight(Record(id="x", actors=[wrong]), TEXT)
    assert result.marks == [] and [m.text for m in result.misplaced] == ["Гродно"]


def test_one_date_of_two_events_is_one_mark_naming_both():
    text = "В январе задержали и осудили троих."
    when = date(text, "В январе", "2025-01", "month")
    events = [
        Event(id="E1", trigger=span(text, "задержали"), lemma="задержать", kind="detention", date=when),
        Event(id="E2", trigger=span(text, "осудили"), lemma="осудить", kind="sentence", date=when),
    ]
    [mark] = [m for m in highlight(Record(id="x", events=events), text).marks if m.kind == "date"]
    assert mark.items == ("E1", "E2")


# --- the HTML page ---------------------------------------------------------------------------------------

HOSTILE = 'Вчера <script>alert("x")</script> & «Вясна» </mark><img src=x onerror=alert(1)> сообщил о 5 задержанных.'


def hostile_record() -> Record:
    return Record(
        id="<b>id</b>",
        actors=[Actor(id="A1", name="</script><script>alert(2)</script>", type="organization",
                      mentions=[mention(HOSTILE, "«Вясна»")])],
        prisoner_counts=[count(HOSTILE, "5 задержанных", "5", 5, 5, status="detained")],
        sources=[Source(id="S1", name="Вясна", kind="ngo", cue="сообщил", mentions=[span(HOSTILE, "«Вясна»")],
                        claims=[claim(HOSTILE, "<script>alert(\"x\")</script>")])],
    )  # fmt: skip


def test_article_text_and_values_are_escaped():
    page = show_page(hostile_record(), HOSTILE)
    assert "&lt;script&gt;alert(" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img" not in page and "alert(2)</script>" not in page
    assert page.count("<script") == 2  # the marks' JSON and our own script
    assert "&lt;b&gt;id&lt;/b&gt;" in page


def test_the_page_has_one_element_per_highlighted_segment():
    record = sample_record()
    page = show_page(record, TEXT)
    result = highlight(record, TEXT)
    elements = re.findall(r'<mark class="hl ([^"]*)" data-marks="([^"]*)"', page)
    assert len(elements) == len(result.highlighted)
    assert {i for _, ids in elements for i in ids.split()} == {m.id for m in result.marks}
    data = json.loads(re.search(r'id="marks-data">(.*?)</script>', page, re.S).group(1))
    assert set(data) == {m.id for m in result.marks}


def test_the_article_text_survives_the_page_whitespace_and_all():
    text = "Первая строка.\n\n  Вторая: «Вясна» сообщил о 12 политзаключенных.\n"
    record = Record(id="x", actors=[Actor(id="A1", name="Вясна", type="organization",
                                          mentions=[mention(text, "«Вясна»")])])  # fmt: skip
    page = show_page(record, text)
    article = re.search(r'<article class="article" lang="ru" id="article">(.*?)</article>', page, re.S).group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", article)) == text


@pytest.mark.parametrize(
    "builder", [lambda: show_page(sample_record(), TEXT), lambda: report_page([sample_record()], title="t")]
)
def test_pages_load_nothing_from_the_network(builder):
    page = builder()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page


def test_the_page_has_the_legend_and_the_tables():
    page = show_page(sample_record(), TEXT)
    for title in ("Actor", "Date", "Count", "Source cue", "Actors — sample", "Dated events", "Prisoner counts",
                  "Sources"):  # fmt: skip
        assert title in page


# --- the terminal view -----------------------------------------------------------------------------------


def test_the_terminal_view_styles_every_highlighted_segment():
    from rich.console import Console

    from claims.render.show import article_text, article_view

    record = sample_record()
    result = highlight(record, TEXT)
    text = article_text(result)
    assert text.plain == TEXT
    assert len([s for s in text.spans if s.style]) == len(result.highlighted)
    console = Console(record=True, width=100, color_system=None)
    console.print(article_view(record, TEXT))
    output = console.export_text()
    for title in ("Source cue", "Actors — sample", "Prisoner counts", "политзаключенных"):
        assert title in output


# --- the batch overview ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-11-22", ("2025-11-22", "2025-11-22")),
        ("2025-02", ("2025-02-01", "2025-02-28")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2025-12", ("2025-12-01", "2025-12-31")),
        ("2025", ("2025-01-01", "2025-12-31")),
        ("2010-11/2010-12", ("2010-11-01", "2010-12-31")),
        ("2017/2023", ("2017-01-01", "2023-12-31")),
        ("2025-02-30", None),
        ("199X", None),
        ("2025/2020", None),
        ("", None),
    ],
)
def test_date_range(value, expected):
    result = date_range(value)
    assert (tuple(d.isoformat() for d in result) if result else None) == expected


def test_counts_are_dated_by_their_event_else_by_publication():
    record = sample_record()
    undated = Record(id="undated", prisoner_counts=[count(TEXT, "12 политзаключенных", "12", 12, 12)])
    line = timeline([record, undated])
    dated = {(i.kind, i.text): (i.value, i.dated_by) for i in line.items}
    assert dated["count", "12 политзаключенных"] == ("2025-11-23", "event")
    assert dated["count", "более 1000 политзаключенных"] == ("2025-11-24", "published")
    assert dated["event", "освободили"] == ("2025-11-23", "event")
    assert line.undated == ["undated: «12 политзаключенных»"]


def test_the_report_draws_one_chart_mark_per_dated_item():
    records = [sample_record(), sample_record().model_copy(update={"id": "other", "published": dt.date(2024, 1, 5)})]
    page = report_page(records, title="batch <1>")
    assert page.count('class="tl-mark') == len(timeline(records).items) == 6
    assert "batch &lt;1&gt;" in page and "правозащитный центр «Вясна»" in page


@pytest.mark.parametrize(
    ("name", "affiliation", "key"),
    [
        ("Reuters", "Reuters", ("reuters", "", "")),  # a name is the same source in every article
        ("Государственный департамент", "", ("государственный департамент", "", "")),
        ("прокуратура", "", ("прокуратура", "", "article")),  # generic: one article's own
        ("следствие", "следствие", ("следствие", "", "article")),  # its own actor is no affiliation
        ("власти", "власти страны", ("власти", "", "article")),  # nor is a generic actor
        ("спикер ведомства", "Государственный департамент", ("спикер ведомства", "государственный департамент", "")),
    ],
)
def test_source_key_merges_generic_names_only_within_an_article_or_an_affiliation(name, affiliation, key):
    assert source_key(name, affiliation, "article") == key


def generic_source_record(record_id: str, actor: str | None) -> Record:
    actors = [Actor(id="A1", name=actor, type="organization", mentions=[mention(TEXT, "Вясна")])] if actor else []
    source = Source(id="S1", name="власти", kind="government", actor="A1" if actor else None, cue="сообщил",
                    mentions=[span(TEXT, "Минске")])  # fmt: skip
    return Record(id=record_id, actors=actors, sources=[source])


def test_generic_sources_of_two_articles_are_two_rows_unless_their_affiliation_matches():
    apart = cited_sources([generic_source_record("a", None), generic_source_record("b", None)])
    assert [list(row.articles) for row in apart] == [["a"], ["b"]]
    together = cited_sources([generic_source_record("a", "МВД Грузии"), generic_source_record("b", "МВД Грузии")])
    assert [(list(row.articles), row.affiliation) for row in together] == [(["a", "b"], "МВД Грузии")]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["2025"], ["2025-07-02"]),  # alone: the middle of its year
        (["2025", "2025"], ["2025-04-02", "2025-10-01"]),  # two of one year: a quarter and three quarters in
        (["2025-03", "2025-03", "2025-03"], ["2025-03-06", "2025-03-16", "2025-03-26"]),
        (["2025-03-05", "2025-03-05"], ["2025-03-05", "2025-03-05"]),  # one day: fanned out by pixels instead
    ],
)
def test_items_of_one_coarse_date_are_spread_across_it(values, expected):
    events = [Event(id=f"E{n}", trigger=span(TEXT, "освободили"), lemma="освободить", kind="release",
                    date=date(TEXT, "Вчера", value, "year")) for n, value in enumerate(values)]  # fmt: skip
    items = timeline([Record(id="x", events=events)]).items
    assert [day.isoformat() for day in spread(items)] == expected


def test_the_report_links_rows_and_marks_to_the_articles_table():
    records = [sample_record(), sample_record().model_copy(update={"id": "b"})]
    page = report_page(records, title="t")
    assert '<tr id="article-1"><td>sample</td>' in page and '<tr id="article-2"><td>b</td>' in page
    assert page.count('<a href="#article-') == len(timeline(records).items)  # the chart's marks
    assert 'class="article-link" href="#article-2">b</a>' in page


# --- the commands ----------------------------------------------------------------------------------------


@pytest.fixture
def runner():
    return CliRunner()


def write_records(path, *lines: str) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_report_writes_the_page(runner, tmp_path):
    source, out = tmp_path / "claims.jsonl", tmp_path / "report.html"
    write_records(source, sample_record().model_dump_json(), "", sample_record().model_dump_json())
    result = runner.invoke(main, ["report", str(source), "--html", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert '<svg id="timeline"' in page and "claims.jsonl" in page


def test_report_skips_and_lists_lines_that_are_not_records(runner, tmp_path):
    source, out = tmp_path / "claims.jsonl", tmp_path / "report.html"
    write_records(source, sample_record().model_dump_json(), "{not json", '{"id": "x", "colour": "red"}')
    result = runner.invoke(main, ["report", str(source), "--html", str(out)])
    assert result.exit_code == 1
    assert f"claims: {source}:2: not a record" in result.output
    assert f"claims: {source}:3: not a record ([colour] Extra inputs are not permitted)" in result.output
    assert "Lines left out" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), ("", "no records"), ("[]\n", "no records")],
)
def test_report_without_records_fails_in_one_line(runner, tmp_path, content, message):
    source = tmp_path / "claims.jsonl"
    if content is not None:
        source.write_text(content, encoding="utf-8")
    result = runner.invoke(main, ["report", str(source), "--html", str(tmp_path / "r.html")])
    assert result.exit_code == 1
    assert result.output.startswith(f"claims: {source}: {message}")
    assert not (tmp_path / "r.html").exists()


def test_show_refuses_a_missing_file(runner):
    result = runner.invoke(main, ["show", "no-such-file.txt"])
    assert result.exit_code == 1
    assert "no-such-file.txt: no such file" in result.output


@pytest.mark.slow
def test_show_prints_the_highlighted_article_and_tables(runner, tmp_path, models):
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(main, ["show", str(path), "--published", "2025-11-24"])
    assert result.exit_code == 0, result.output
    for title in ("Actor", "Source cue", "Вясна", "Actors — article", "Prisoner counts", "Sources"):
        assert title in result.output


@pytest.mark.slow
def test_show_html_writes_the_page(runner, tmp_path, models):
    path, out = tmp_path / "article.txt", tmp_path / "out.html"
    path.write_text(HOSTILE, encoding="utf-8")
    result = runner.invoke(main, ["show", str(path), "--html", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in page and page.count("<script") == 2


# --- acceptance: the seed article ------------------------------------------------------------------------


@pytest.mark.slow
def test_show_highlights_every_span_of_the_seed_record(seed_record, seed_text):
    result = highlight(seed_record, seed_text)
    drawn = {(m.kind, m.start, m.end) for m in result.marks}
    assert not result.misplaced
    assert spans_of(seed_record) <= drawn
    cues = {m.items[0] for m in result.marks if m.kind == "cue"}
    assert cues == {s.id for s in seed_record.sources}, "every source's cue is found in the text"
    assert seed_record.actors and seed_record.prisoner_counts and seed_record.sources
    assert "".join(s.text for s in result.segments) == seed_text


@pytest.mark.slow
def test_show_command_on_the_seed(runner, tmp_path, models):
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent (../shared not beside the checkout)")
    out = tmp_path / "seed.html"
    args = ["show", str(SEED), "--published", SEED_PUBLISHED.isoformat(), "--html", str(out)]
    assert runner.invoke(main, args).exit_code == 0
    assert out.stat().st_size > 10_000
