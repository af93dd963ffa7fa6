"""Sources on real news, one table per class of cited source (issue 15); every sentence written for the test."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def sources_of(extract, text: str) -> dict:
    return {source.name: source for source in extract(text).sources}


UNNAMED_REPORTS = [
    ("Сообщается, что заключенного перевели в больницу.", "неназванные источники", "anonymous"),
    ("Фермер, как сообщалось, провел под арестом два месяца.", "неназванные источники", "anonymous"),
    ("Ранее заявлялось, что обвиняемый признал вину.", "неназванные источники", "anonymous"),
    ("По данным, которые пока не подтверждены, в колонии вспыхнул бунт.", "неназванные источники", "anonymous"),
    ("По предварительной информации, пожар начался в подсобке.", "предварительная информация", "anonymous"),
    ("По неофициальным сведениям, задержанных уже отпустили.", "неофициальные сведения", "anonymous"),
    ("По официальной версии, охранник уснул на посту.", "официальная версия", "government"),
]



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



OUTLETS = [
    ("Согласно сообщениям в прессе, обыски прошли в трех городах.", "пресса", "media"),
    ("По сообщениям СМИ, бывшего мэра задержали в аэропорту.", "СМИ", "media"),
]



ANAPHORA = [
    ("Адвокат Петр Зуев подал жалобу. Он считает, что арест незаконен.", "Петр Зуев"),
    ("Певица Анна Лосева провела ночь в отделении. Женщина заявила, что полицейские ее не били.", "Анна Лосева"),
    ("Адвокат Игорь Сомов встретился с подзащитным. Как пояснил адвокат, жалоба уже подана.", "Игорь Сомов"),
    ("Продюсер Виктор Лебедев арестован в Берлине. Сам продюсер отвергает обвинения.", "Виктор Лебедев"),
]


@pytest.mark.parametrize(("text", "name"), ANAPHORA)
def test_pronouns_and_descriptors_name_their_person(extract, text, name):
    assert [s.name for s in extract(text).sources] == [name]


STANCES = [
    ("Правозащитники осудили то, что суд закрыл процесс для публики.", "правозащитники", "осудили"),
    ("Министр выразил благодарность волонтерам: без их помощи поиски заняли бы недели.", "министр",
     "выразил благодарность"),
    ("Мэр обратил внимание на то, что тюрьма переполнена.", "мэр", "обратил внимание"),
    ("Бывший губернатор отверг обвинения в получении взятки.", "бывший губернатор", "отверг"),
    ("Прокурор Сергей Дымов попросил суд назначить подсудимому восемь лет колонии.", "Сергей Дымов", "попросил"),
    ("Следователи выяснили, что деньги вывели в офшор.", "следователи", "выяснили"),
    ("Адвокат покинул зал, заявив, что обжалует приговор.", "адвокат", "заявив"),
    ("Фермер Иван Рябов, утверждающий, что его избили, подал иск.", "Иван Рябов", "утверждающий"),
    ("Депутат успел заявить, что не признает вину.", "депутат", "заявить"),
    ("Районный суд расценил эти слова как угрозу.", "Районный суд", "расценил"),
]


@pytest.mark.parametrize(("text", "name", "cue"), STANCES)
def test_speech_and_stance_predicates(extract, text, name, cue):
    sources = sources_of(extract, text)
    assert name in sources, sorted(sources)
    assert sources[name].cue == cue


NO_STANCE = [
    "Комиссия выяснит, что произошло на складе.",
    "Министр выразил желание уйти в отставку.",
    "Охранник показал дорогу к выходу.",
    "Девочка попросила конфету.",
]


@pytest.mark.parametrize("text", NO_STANCE)
def test_predicates_without_content_cite_no_one(extract, text):
    assert extract(text).sources == []


KINDS = [
    ("Местные власти заявили, что протест не согласован.", "местные власти", "government"),
    ("Европейский суд по правам человека постановил, что арест был незаконным.",
     "Европейский суд по правам человека", "organization"),
    ("Агенты полиции сообщили, что подозреваемый вооружен.", "агенты полиции", "official"),
    ("Пресс-секретарь оппозиционера Ольга Серова заявила, что его не выпускают из камеры.", "Ольга Серова", "person"),
    ("Как сообщает портал Vesti.kz, суд отложен.", "Vesti.kz", "media"),
]



QUOTED_SPEECH = [
    ("«Петров заявил нам, что отчет подделан», — рассказал бухгалтер Иван Котов.", ["Иван Котов"]),
    ("Адвокат Нина Орлова сказала: «Судья заявил, что решение уже принято, и ушел».", ["Нина Орлова"]),
]


@pytest.mark.parametrize(("text", "names"), QUOTED_SPEECH)
def test_cues_inside_quoted_speech_belong_to_the_speaker(extract, text, names):
    assert [s.name for s in extract(text).sources] == names


def test_bare_court_names_the_court_named_before(extract):
    text = ("Верховный суд Карелии рассмотрел жалобу фермера. Суд счел, что арест был законным. "
            "Газета «Северный вестник» пишет, что фермер подаст новую жалобу.")
    names = [s.name for s in extract(text).sources]
    assert names[0].startswith("Верховный суд") and "Суд" not in names


NAMED_KINDS = [
    pytest.param(*row, id=f"{table}-{n}")
    for table, rows in (("unnamed", UNNAMED_REPORTS), ("documents", DOCUMENTS), ("outlets", OUTLETS),
                        ("kinds", KINDS))
    for n, row in enumerate(rows)
]


@pytest.mark.parametrize(("text", "name", "kind"), NAMED_KINDS)
def test_source_named_with_its_kind(extract, text, name, kind):
    """Unnamed reports, documents, outlets, groups, courts and spokespeople: the name and kind of the source."""
    sources = sources_of(extract, text)
    assert name in sources, sorted(sources)
    assert sources[name].kind == kind
