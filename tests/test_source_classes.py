"""Sources on real news, one table per class of cited source (issue 15); every sentence written for the test."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def sources_of(extract, text: str) -> dict:
    return {source.name: source for source in extract(text).sources}


def assert_source(extract, text: str, name: str, kind: str) -> None:
    sources = sources_of(extract, text)
    assert name in sources, sorted(sources)
    assert sources[name].kind == kind


UNNAMED_REPORTS = [
    ("Сообщается, что заключенного перевели в больницу.", "неназванные источники", "anonymous"),
    ("Фермер, как сообщалось, провел под арестом два месяца.", "неназванные источники", "anonymous"),
    ("Ранее заявлялось, что обвиняемый признал вину.", "неназванные источники", "anonymous"),
    ("По данным, которые пока не подтверждены, в колонии вспыхнул бунт.", "неназванные источники", "anonymous"),
    ("По предварительной информации, пожар начался в подсобке.", "предварительная информация", "anonymous"),
    ("По неофициальным сведениям, задержанных уже отпустили.", "неофициальные сведения", "anonymous"),
    ("По официальной версии, охранник уснул на посту.", "официальная версия", "government"),
]


@pytest.mark.parametrize(("text", "name", "kind"), UNNAMED_REPORTS)
def test_unnamed_reports(extract, text, name, kind):
    assert_source(extract, text, name, kind)


NOT_SOURCES = [
    "Сообщается о пожаре на складе в Твери.",
    "Не сообщается, когда суд рассмотрит жалобу.",
    "Это проще, чем говорится в рекламе.",
    "«По моей информации, задержанного уже отпустили», — сказал адвокат Петр Зуев.",
]


@pytest.mark.parametrize("text", NOT_SOURCES)
def test_not_sources(extract, text):
    names = {s.name for s in extract(text).sources}
    assert "неназванные источники" not in names and "моя информация" not in names


DOCUMENTS = [
    ("Согласно материалам дела, фермер скрывал доходы три года.", "материалы дела", "document"),
    ("Согласно документам суда, сделка была фиктивной.", "документы суда", "document"),
    ("В тексте приговора указывается, что вина доказана полностью.", "текст приговора", "document"),
    ("В постановлении суда говорится, что арест продлен до марта.", "постановление суда", "document"),
    ("Согласно обвинительному заключению, группа действовала с 2019 года.", "обвинительное заключение", "document"),
]


@pytest.mark.parametrize(("text", "name", "kind"), DOCUMENTS)
def test_documents(extract, text, name, kind):
    assert_source(extract, text, name, kind)


OUTLETS = [
    ("Согласно сообщениям в прессе, обыски прошли в трех городах.", "пресса", "media"),
    ("По сообщениям СМИ, бывшего мэра задержали в аэропорту.", "СМИ", "media"),
]


@pytest.mark.parametrize(("text", "name", "kind"), OUTLETS)
def test_outlets(extract, text, name, kind):
    assert_source(extract, text, name, kind)
