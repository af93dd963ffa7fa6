"""The HTML pages in a real browser: Debian's headless Chromium, driven through Playwright.

Skipped, with the reason, where no chromium or no playwright is installed (`.ci/install-browser` installs
chromium; playwright comes with the dev extra and never downloads a browser of its own here).
Set CLAIMS_UPDATE_SCREENSHOT=1 to rewrite docs/show.png from the seed article's page.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from claims.cli import main
from claims.render.highlight import claim_line, highlight
from claims.render.html import report_page, show_page, timeline, timeline_chart

from .conftest import ROOT, SAMPLES, SEED, SEED_PUBLISHED
from .test_show import HOSTILE, TEXT, hostile_record, sample_record

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP, PHONE = {"width": 1200, "height": 900}, {"width": 390, "height": 844}
WIDE = {"width": 1400, "height": 900}
SCREENSHOT = ROOT / "docs" / "show.png"

COUNT_HIGHLIGHTS = """() => {
  const marks = Array.from(document.querySelectorAll('mark.hl'));
  return {
    elements: marks.length,
    ids: Array.from(new Set(marks.flatMap(m => m.dataset.marks.split(' ')))),
    shown: marks.filter(m => m.getClientRects().length > 0).length,
    coloured: marks.filter(m => getComputedStyle(m).backgroundColor !== 'rgba(0, 0, 0, 0)'
                               || getComputedStyle(m).textDecorationLine.includes('underline')).length,
  };
}"""
CHART_MARKS = """() => {
  const svg = document.querySelector('svg#timeline');
  if (!svg) return null;
  const box = svg.getBoundingClientRect();
  const marks = Array.from(svg.querySelectorAll('.tl-mark'));
  const inside = m => { const r = m.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.left >= box.left - 1 && r.right <= box.right + 1; };
  return {
    width: box.width, height: box.height, marks: marks.length, drawn: marks.filter(inside).length,
    dots: svg.querySelectorAll('.tl-count circle').length, diamonds: svg.querySelectorAll('.tl-event path').length,
  };
}"""


BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('td, th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/[\\p{L}\\p{N}_]+/gu)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(word[0]);
      }
    }
  }
  return broken;
}"""
SOURCE_ROWS = """() => Array.from(document.querySelectorAll('section.table'))
  .filter(s => s.querySelector('h3').textContent === 'Sources')
  .flatMap(s => Array.from(s.querySelectorAll('tbody tr')))
  .map(row => [row.cells[0].innerText, row.innerText])"""


def chromium() -> str | None:
    for name in (os.environ.get("CLAIMS_CHROMIUM"), "chromium", "chromium-browser"):
        if name and (path := shutil.which(name)):
            return path
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    path = chromium()
    if not path:
        pytest.skip("no chromium on this machine (run .ci/install-browser to install Debian's chromium)")
    reason = "playwright is not installed (pip install -e '.[dev]')"
    sync_api = pytest.importorskip("playwright.sync_api", reason=reason)
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tmp_path_factory.mktemp("chromium-profile"),
            executable_path=path,
            headless=True,
            args=FLAGS,
            viewport=DESKTOP,
        )
        yield context
        context.close()


class Opened:
    """A page loaded from a file, with what went wrong on it: script errors and dialogs (an alert() that ran)."""

    def __init__(self, browser, path: Path, viewport=DESKTOP) -> None:
        self.problems: list[str] = []
        self.page = browser.new_page()
        self.page.set_viewport_size(viewport)
        self.page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        self.page.on("dialog", lambda dialog: (self.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        self.page.on("console", lambda m: self.problems.append(f"console: {m.text}") if m.type == "error" else None)
        self.page.goto(path.as_uri(), wait_until="load")

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.page.close()

    def screenshot(self, path: Path, **options) -> Path:
        self.page.screenshot(path=str(path), **options)
        assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
        assert path.stat().st_size > 5_000
        return path


def write(tmp_path: Path, name: str, page: str) -> Path:
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")
    return path


def check_highlights(opened: Opened, record, text) -> None:
    result = highlight(record, text)
    found = opened.page.evaluate(COUNT_HIGHLIGHTS)
    assert found["elements"] == len(result.highlighted) > 0
    assert sorted(found["ids"]) == sorted(mark.id for mark in result.marks)
    assert found["shown"] == found["coloured"] == found["elements"]
    assert opened.problems == []


def check_details_panel(opened: Opened, selector: str, expected: str) -> None:
    opened.page.locator(selector).first.click()
    panel = opened.page.locator("#details")
    assert panel.is_visible()
    assert expected in panel.inner_text()
    assert opened.page.locator("mark.hl.active").count() >= 1


def test_highlights_render(browser, tmp_path):
    record = sample_record()
    with Opened(browser, write(tmp_path, "show.html", show_page(record, TEXT))) as opened:
        check_highlights(opened, record, TEXT)
        check_details_panel(opened, "mark.k-count", "status: released")
        opened.screenshot(tmp_path / "show.png")


def test_hostile_text_stays_text(browser, tmp_path):
    record = hostile_record()
    with Opened(browser, write(tmp_path, "hostile.html", show_page(record, HOSTILE))) as opened:
        check_highlights(opened, record, HOSTILE)
        assert opened.page.locator("img").count() == 0
        assert '<script>alert("x")</script>' in opened.page.locator("#article").inner_text()
        check_details_panel(opened, "mark.k-actor", "</script><script>alert(2)</script>")
        assert opened.problems == []


@pytest.mark.parametrize("name", ["show", "report"])
def test_pages_fit_a_phone(browser, tmp_path, name):
    page = show_page(sample_record(), TEXT) if name == "show" else report_page([sample_record()], title="t")
    with Opened(browser, write(tmp_path, f"{name}.html", page), viewport=PHONE) as opened:
        assert opened.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        opened.screenshot(tmp_path / f"{name}-phone.png", full_page=True)
        assert opened.problems == []


def long_words_record():
    """The sample, with cells that a narrow table would have to break inside a word."""
    record = sample_record()
    actors = [actor.model_copy(update={"roles": ["правозащитная_организация_по_освобождению_заключенных"] * 3})
              for actor in record.actors]  # fmt: skip
    return record.model_copy(update={"actors": actors})


def check_words_whole(opened: Opened) -> None:
    assert opened.page.evaluate("document.querySelectorAll('td').length") > 10
    assert opened.page.evaluate(BROKEN_WORDS) == []


def check_sources_show_claims(opened: Opened, record) -> None:
    rows = dict(opened.page.evaluate(SOURCE_ROWS))
    assert sorted(rows) == sorted(source.id for source in record.sources)
    for source in record.sources:
        for claim in source.claims:
            assert claim_line(claim) in rows[source.id]


def test_table_cells_never_break_inside_a_word(browser, tmp_path):
    record = long_words_record()
    with Opened(browser, write(tmp_path, "show.html", show_page(record, TEXT)), viewport=WIDE) as opened:
        check_words_whole(opened)
        check_sources_show_claims(opened, record)
        assert opened.problems == []


def test_report_rows_and_marks_link_to_their_article(browser, tmp_path):
    records = [sample_record(), sample_record().model_copy(update={"id": "b", "published": SEED_PUBLISHED})]
    with Opened(browser, write(tmp_path, "report.html", report_page(records, title="t")), viewport=WIDE) as opened:
        page = opened.page
        check_words_whole(opened)
        targets = page.evaluate("Array.from(document.querySelectorAll('section.sources a')).map(a => a.hash)")
        assert sorted(set(targets)) == ["#article-1", "#article-2"]
        page.locator("section.sources a", has_text="b").first.click()
        assert page.evaluate("document.querySelector(':target').cells[0].innerText") == "b"
        marks = page.locator("svg#timeline a")
        assert marks.count() == timeline_chart(timeline(records)).marks
        marks.last.click(force=True)
        assert page.evaluate("document.querySelector(':target').cells[0].innerText") in {"sample", "b"}
        assert opened.problems == []


def test_report_chart_renders(browser, tmp_path):
    records = [sample_record(), sample_record().model_copy(update={"id": "b", "published": SEED_PUBLISHED})]
    with Opened(browser, write(tmp_path, "report.html", report_page(records, title="t"))) as opened:
        chart = opened.page.evaluate(CHART_MARKS)
        assert chart["width"] > 300 and chart["height"] > 100
        assert chart["marks"] == chart["drawn"] == timeline_chart(timeline(records)).marks == 6
        assert opened.problems == []


# --- acceptance ------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_seed_page_renders_every_highlight(browser, tmp_path, seed_record, seed_text):
    record = seed_record.model_copy(update={"id": SEED.stem})
    with Opened(browser, write(tmp_path, "seed.html", show_page(record, seed_text))) as opened:
        check_highlights(opened, record, seed_text)
        opened.screenshot(tmp_path / "seed-full.png", full_page=True)
        check_details_panel(opened, "mark.k-count", "bounds:")
        shot = opened.screenshot(tmp_path / "seed.png")
        opened.page.set_viewport_size(WIDE)
        check_words_whole(opened)
        check_sources_show_claims(opened, record)
        if os.environ.get("CLAIMS_UPDATE_SCREENSHOT"):
            SCREENSHOT.parent.mkdir(exist_ok=True)
            shutil.copyfile(shot, SCREENSHOT)


@pytest.mark.slow
def test_report_over_the_samples_draws_the_timeline(browser, tmp_path, models):
    from claims.batch import run_batch
    from claims.readers import iter_articles

    records = [outcome.record for outcome in run_batch(iter_articles([SAMPLES]), models=models) if outcome.ok]
    assert len(records) == len(list(SAMPLES.glob("*.txt")))
    claims, out = tmp_path / "claims.jsonl", tmp_path / "report.html"
    claims.write_text("".join(record.model_dump_json() + "\n" for record in records), encoding="utf-8")
    result = CliRunner().invoke(main, ["report", str(claims), "--html", str(out)])
    assert result.exit_code == 0, result.output
    expected = timeline_chart(timeline(records))
    with Opened(browser, out) as opened:
        chart = opened.page.evaluate(CHART_MARKS)
        assert chart["marks"] == chart["drawn"] == expected.marks
        assert chart["dots"] == len(expected.counts) > 0
        assert chart["diamonds"] == len(expected.events)
        opened.screenshot(tmp_path / "report.png", full_page=True)
        assert opened.problems == []


# --- stories ------------------------------------------------------------------------------------------------

STORY_MARKS = """() => Array.from(document.querySelectorAll('article.story')).map(story => ({
  id: story.id,
  marks: story.querySelectorAll('.story-mark').length,
  drawn: Array.from(story.querySelectorAll('.story-mark circle')).filter(c => {
    const r = c.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length,
  colours: Array.from(new Set(Array.from(story.querySelectorAll('.story-mark circle'))
    .map(c => c.getAttribute('fill')))),
  rows: story.querySelectorAll('table.figures tbody tr').length,
  links: Array.from(story.querySelectorAll('p.meta a')).map(a => a.getAttribute('href')),
}))"""


def test_report_of_a_database_shows_stories_and_links_to_the_articles(browser, tmp_path):
    from claims.store import load_records, open_db

    from .test_stories import ARREST_IN_MAY, BBC, RELEASE_IN_DECEMBER, REUTERS

    db_path, out = tmp_path / "claims.db", tmp_path / "report.html"
    load_records(open_db(db_path), [REUTERS, BBC, ARREST_IN_MAY, RELEASE_IN_DECEMBER])
    result = CliRunner().invoke(main, ["report", str(db_path), "--html", str(out)])
    assert result.exit_code == 0, result.output
    with Opened(browser, out) as opened:
        stories = opened.page.evaluate(STORY_MARKS)
        assert len(stories) == 1  # the one story told by two articles
        story = stories[0]
        assert story["marks"] == story["drawn"] == story["rows"] == 2
        assert len(story["colours"]) == 2  # a person's figure and the article's own
        assert sorted(story["links"]) == ["report-articles/bbc.html", "report-articles/reuters.html"]
        assert "cannot both be true" in opened.page.locator("article.story").inner_text()
        assert opened.page.locator("section.profiles tbody tr").count() == 1  # Джон Коул
        opened.screenshot(tmp_path / "stories.png", full_page=True)
        assert opened.problems == []
    with Opened(browser, tmp_path / "report-articles" / "bbc.html") as opened:
        assert "около 30 украинцев" in opened.page.locator("#article").inner_text()
        assert opened.problems == []
