from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def actors_of(record):
    return {(a.name, a.type) for a in record.actors}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Администрация президента США Дональда Трампа ведет переговоры с Минском.",
         {("Дональд Трамп", "person"), ("США", "location"), ("Минск", "location")}),
        ("Белый дом отказался от комментариев.", {("Белый дом", "organization")}),
        ("Кремль не стал комментировать заявление.", {("Кремль", "organization")}),
        ("Министерство юстиции внесло организацию в реестр.", {("Министерство юстиции", "organization")}),
        ("Вчера посольство Беларуси в Вашингтоне не ответило на запрос.",
         {("посольство Беларуси в Вашингтоне", "organization"), ("Вашингтон", "location")}),
        ("Верховный суд оставил приговор в силе.", {("Верховный суд", "organization")}),
        ("Правительство Польши объявило об амнистии.", {("Правительство Польши", "organization")}),
        ("Взаимодействие США с Беларусью продолжится.", {("Беларусь", "location")}),
    ],
)
def test_actor_names_and_types(extract, text, expected):
    assert expected <= actors_of(extract(text))


@pytest.mark.parametrize(
    ("text", "name", "mentions"),
    [
        ("Сергей Тихановский вышел на свободу. Тихановского освободили утром.", "Сергей Тихановский", 2),
        ("Власти Беларуси освободили заключенных. В Беларусь вернулись послы, а Беларусью довольны.",
         "Беларусь", 3),
        ("Джон Коул прилетел в Минск. Визит Коула занял два дня.", "Джон Коул", 2),
        # a spelling in a script without capitals, in brackets after the name
        ("Статью написал профессор Чжан Вэй (张伟) из Пекина. Чжан Вэй преподаёт.", "Чжан Вэй", 3),
    ],
)
def test_mentions_merge_into_one_actor(extract, text, name, mentions):
    record = extract(text)
    matching = [a for a in record.actors if a.name == name]
    assert len(matching) == 1
    assert len(matching[0].mentions) == mentions


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Министр иностранных дел Польши Радослав Сикорский заявил, что Варшава ждет ответа.",
         "Радослав Сикорский", "министр иностранных дел Польши"),
        ("Председатель Мосгорсуда Ольга Егорова, глава ФСИН Аркадий Гостев и генеральный прокурор "
         "Юрий Чайка провели встречу.", "Ольга Егорова", "председатель Мосгорсуда"),
        ("Председатель Мосгорсуда Ольга Егорова, глава ФСИН Аркадий Гостев и генеральный прокурор "
         "Юрий Чайка провели встречу.", "Юрий Чайка", "генеральный прокурор"),
        ("Иван Петров, адвокат правозащитного центра «Вясна», рассказал о задержании.",
         "Иван Петров", "адвокат правозащитного центра"),
        ("Главой миссии стал Джон Коул, которого президент назначил специальным посланником по вопросам "
         "Беларуси.", "Джон Коул", "специальный посланник по вопросам Беларуси"),
    ],
)
def test_roles_from_appositions_and_appointments(extract, text, name, role):
    actor = next(a for a in extract(text).actors if a.name == name)
    assert role in actor.roles


def test_mention_offsets_point_into_the_text(extract):
    text = "В Минске задержали Игоря Лосика.\n\nЛосика доставили в СИЗО."
    for actor in extract(text).actors:
        for mention in actor.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_seed_actors(seed_record, seed_text):
    actors = {a.name: a for a in seed_record.actors}
    expected = {
        "Александр Лукашенко": "person", "Дональд Трамп": "person", "Джон Коул": "person",
        "Reuters": "organization", "Белый дом": "organization", "Государственный департамент": "organization",
        "посольство Беларуси в Вашингтоне": "organization",
        "США": "location", "Беларусь": "location", "Минск": "location", "Москва": "location",
        "Россия": "location", "Вашингтон": "location",
    }
    for name, kind in expected.items():
        assert actors[name].type == kind, name
    assert len(actors["Дональд Трамп"].mentions) == seed_text.count("Трамп")
    assert len(actors["Александр Лукашенко"].mentions) == seed_text.count("Лукашенко")
    assert len(actors["Джон Коул"].mentions) == 2
    assert "специальный посланник по вопросам Беларуси" in actors["Джон Коул"].roles
    assert any("диктатор" in role for role in actors["Александр Лукашенко"].roles)
    names = [a.name.lower() for a in seed_record.actors]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("text", "mention", "kind"),
    [
        ("Вчера ОАО «Банк ВТБ» сообщило о сделке.", "Банк ВТБ", "organization"),
        ("Федеральная антимонопольная служба (ФАС) возбудила дело.", "Федеральная антимонопольная служба",
         "organization"),
        ("Федеральная антимонопольная служба (ФАС) возбудила дело.", "ФАС", "organization"),
        ("Канцлер ФРГ Ангела Меркель прилетела в Минск. Позже Меркель встретилась с оппозицией.", "Меркель",
         "person"),
        # a Chinese family name that is also a particle stays in the name inside a sentence
        ("Завод купила дочь Ван Цзюня в прошлом году.", "Ван Цзюня", "person"),
    ],
)
def test_names_are_cleaned_and_repeated_names_found(extract, text, mention, kind):
    mentions = {(m.text, a.type) for a in extract(text).actors for m in a.mentions}
    assert (mention, kind) in mentions


@pytest.mark.parametrize(
    ("text", "mention", "kind"),
    [
        ("Вчера Министерство юстиции внесло фонд в реестр.", "Министерство юстиции", "name"),
        ("Его дело рассмотрит прокуратура, сообщил адвокат.", "прокуратура", "descriptor"),
        ("Запрос направили в посольство Беларуси в Вашингтоне.", "посольство Беларуси в Вашингтоне", "descriptor"),
        ("Верховный суд Канады отклонил жалобу.", "Верховный суд Канады", "full_name"),
        ("Верховный суд Канады отклонил жалобу.", "Верховный суд", "name"),
    ],
)
def test_descriptor_mentions_are_marked(extract, text, mention, kind):
    kinds = {m.text: m.kind for a in extract(text).actors for m in a.mentions}
    assert kinds[mention] == kind


def test_media_as_a_class_is_no_actor(extract):
    assert not [a for a in extract("Об этом сообщили российские СМИ.").actors if a.name.upper() == "СМИ"]


def test_abbreviation_in_brackets_joins_its_full_name(extract):
    text = "Федеральная служба исполнения наказаний (ФСИН) перевела осужденных. В ФСИН это подтвердили."
    actor = next(a for a in extract(text).actors if a.name.startswith("Федеральная служба"))
    assert [m.text for m in actor.mentions] == ["Федеральная служба исполнения наказаний", "ФСИН", "ФСИН"]


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        # NER stops before the closing quote: the mention takes it on
        ("Об этом сообщила радиостанция «Голос Поволжья».", {"Голос Поволжья", "радиостанция «Голос Поволжья»"}),
        # a transliteration in brackets, itself holding brackets, is a second mention of the person
        ("Боксёр Джеймс «Бадди» Макгирт (James (Buddy) McGirt) вышел на ринг.",
         {"Джеймс «Бадди» Макгирт", "James (Buddy) McGirt"}),
        # several brackets after a name: each alias is its own mention
        ("Профессор университета Помпеу Фабра (Universidad Pompeu Fabra) (UPF) выступил с докладом.",
         {"Universidad Pompeu Fabra", "UPF"}),
        # a bracket that makes a remark is no alias, and no mention runs into it
        ("Сотрудники Центра стратегических программ (Центр возглавлял Иванов) сообщили об этом.",
         {"Центра стратегических программ"}),
        # brackets NER took in around a whole name stay out of it
        ("Лидер группы (Майк Науменко) выступил в клубе.", {"Майк Науменко"}),
        # an empty bracket after a name
        ("Президент Иван Петров () заявил, что «()» не помеха.", {"Иван Петров"}),
        # wiki markup's quote is two marks, and neither stays in the name
        ("Об этом пишет ''New York Times''.", {"New York Times"}),
    ],
)
def test_mentions_close_their_brackets_and_quotes(extract, text, mentions):
    from claims.brackets import is_balanced

    record = extract(text)
    found = {m.text for a in record.actors for m in a.mentions}
    assert all(is_balanced(m) for m in found) and all(is_balanced(a.name) for a in record.actors)
    assert found & mentions


@pytest.mark.parametrize(
    ("text", "mention", "title"),
    [
        ("Сэр Элтон Джон выступил в Лондоне.", "Элтон Джон", "Сэр Элтон Джон"),
        ("Мистер Браун отказался от комментариев.", "Браун", "Мистер Браун"),
        ("Император Мэйдзи открыл страну для иностранцев.", "Мэйдзи", "Император Мэйдзи"),
        ("Вчера принц Гарри прилетел в Торонто.", "Гарри", "принц Гарри"),
    ],
)
def test_a_title_is_no_part_of_a_persons_name(extract, text, mention, title):
    found = {m.text for a in extract(text).actors for m in a.mentions}
    assert mention in found and title not in found


@pytest.mark.parametrize(
    ("text", "mention", "dirty"),
    [
        # an age before a name, a dash after it
        ("Опекуном детей был назначен 34-летний ТиДжей, сын Тито Джексона.", "ТиДжей", "34-летний ТиДжей"),
        ("Младшей дочери Барака и Мишель\xa0— Саше осталось два года учёбы.", "Мишель", "Мишель\xa0—"),
    ],
)
def test_no_age_or_mark_at_the_edge_of_a_name(extract, text, mention, dirty):
    found = {m.text for a in extract(text).actors for m in a.mentions}
    assert mention in found and dirty not in found


def mention_set(record) -> set[tuple[str, str]]:
    return {(m.text, a.type) for a in record.actors for m in a.mentions}


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # an organization's name runs on along its noun phrase: a genitive place, a «по» phrase, adjectives;
        # the name proper stays a mention of the same actor
        ("Верховный суд Канады отклонил жалобу фермеров.",
         {("Верховный суд Канады", "organization"), ("Верховный суд", "organization")}, set()),
        ("Депутаты Комитета по обороне проголосовали против.", {("Комитета по обороне", "organization")}, set()),
        ("Решение принял городской департамент образования Казани.",
         {("городской департамент образования Казани", "organization")}, set()),
        ("Он входит в совет директоров «Ростелекома».", {("совет директоров «Ростелекома»", "organization")}, set()),
        # the complement of any word of the name, not only of its head: «ООН» depends on «Безопасности»;
        # a word of time ends the name
        ("Резолюцию одобрил Совет Безопасности ООН в пятницу.",
         {("Совет Безопасности ООН", "organization"), ("ООН", "organization")},
         {("Совет Безопасности ООН в пятницу", "organization")}),
        ("Доклад подготовила Служба внешней разведки Египта.", {("Служба внешней разведки Египта", "organization")},
         set()),
        # a unit of a named organization is an organization; alone it is none
        ("Он окончил юридический факультет Казанского университета в 1990 году.",
         {("юридический факультет Казанского университета", "organization"),
          ("Казанского университета", "organization")}, set()),
        ("Вопрос обсудили на заседании правления «Роснефти».", {("правления «Роснефти»", "organization")}, set()),
        ("Сотрудник факультета рассказал о новой программе.", set(), {("факультета", "organization")}),
        # an adjective of a place before an abbreviated name belongs to it
        ("Заявление сделал японский МИД во вторник.", {("японский МИД", "organization"), ("МИД", "organization")},
         set()),
        # the dot of an abbreviation or an initial does not end a name
        ("Он работал в пресс-службе управления МВД по г. Тверь до 2010 года.",
         {("пресс-службе управления МВД по г. Тверь", "organization")},
         {("управления МВД по г", "organization"), ("пресс-службе управления МВД по г", "organization")}),
        # a government named by its leader, and a cabinet of ministers
        ("Реформу готовили в администрации Джимми Картера.", {("администрации Джимми Картера", "organization")}, set()),
        ("Новый кабинет министров утвердили в пятницу.", {("кабинет министров", "organization")}, set()),
        # an abbreviation before another organization's name is a unit of it, no name alone
        ("Начальник ГУ МВД Татарстана провёл совещание.",
         {("ГУ МВД Татарстана", "organization"), ("МВД", "organization")}, {("ГУ", "organization")}),
        # a word that points back at a named place ends the name; so does a number
        ("Премьер потерял большинство в парламенте страны.", {("парламенте", "organization")},
         {("парламенте страны", "organization")}),
    ],
)
def test_organization_spans_take_the_whole_name(extract, text, expected, absent):
    found = mention_set(extract(text))
    assert expected <= found and not absent & found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the names inside a name are mentions of their own
        ("Об этом сообщила пресс-служба МВД Казахстана.",
         {("пресс-служба МВД Казахстана", "organization"), ("МВД Казахстана", "organization"),
          ("МВД", "organization"), ("Казахстана", "location")}),
        ("Новое чилийское правительство приняло присягу.",
         {("чилийское правительство", "organization"), ("правительство", "organization")}),
        ("Заявление опубликовал комитет ЮНЕСКО.", {("комитет ЮНЕСКО", "organization"), ("ЮНЕСКО", "organization")}),
        # the person an institution is named after
        ("Спектакль поставили в театре имени Евгения Вахтангова в 1970 году.", {("Евгения Вахтангова", "person")}),
        ("Его доставили в НИИ им. Н. В. Склифосовского вечером.", {("Н. В. Склифосовского", "person")}),
        # a side or the centre of a named place is a place, and the place inside it too
        ("Взрыв прогремел на юге Манчестера в пятницу.", {("юге Манчестера", "location"), ("Манчестера", "location")}),
        ("Бои идут на северо-востоке Сирии.", {("северо-востоке Сирии", "location")}),
    ],
)
def test_nested_names_are_mentions(extract, text, expected):
    assert expected <= mention_set(extract(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # governments and parliaments named by a common noun where they act
        ("Вчера правительство одобрило новый бюджет.", ("правительство", "organization")),
        ("Закон внесли в парламент в понедельник.", ("парламент", "organization")),
        ("Задержанных передали в прокуратуру.", ("прокуратуру", "organization")),
        ("Полиция задержала двоих участников драки.", ("Полиция", "organization")),
        # plural and qualified heads
        ("Вооружённые силы Перу провели учения.", ("Вооружённые силы Перу", "organization")),
        ("Власти Эквадора ввели режим ЧС.", ("Власти Эквадора", "organization")),
        # authorities named by an adjective of their country, in the plural
        ("Об этом сообщили норвежские власти.", ("норвежские власти", "organization")),
        ("Адвокат направил жалобу финским властям.", ("финским властям", "organization")),
        ("Сборная Норвегии по биатлону выиграла эстафету.", ("Сборная Норвегии по биатлону", "organization")),
    ],
)
def test_organizations_named_by_a_common_noun(extract, text, expected):
    assert expected in mention_set(extract(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # names in Latin script after a class noun, in wiki quotes or bare
        ("Об этом написала газета ''The Northern Courier''.", ("The Northern Courier", "organization")),
        ("Он играл в группе Silver Harbour до 1990 года.", ("Silver Harbour", "organization")),
        ("Акции компании Brightfield & Sons упали.", ("Brightfield & Sons", "organization")),
    ],
)
def test_latin_names_after_a_class_noun(extract, text, expected):
    assert expected in mention_set(extract(text))


@pytest.mark.parametrize(
    ("text", "not_actor"),
    [
        # venues, a person's part in an organization, vague heads
        ("Матч прошёл на стадионе «Лужники».", "Лужники"),
        ("Глава правительства уехал в отпуск.", "правительства"),
        ("Его доставили в больницу, а потом вернули домой.", "больницу"),
        ("Об этом говорят государственные органы.", "государственные органы"),
        ("Решение приняли местные власти.", "местные власти"),
        ("Он принял посла в своём рабочем кабинете.", "рабочем кабинете"),
        # the words of a law's title
        ("Депутаты приняли закон «О полиции» в первом чтении.", "полиции"),
        ("Он боролся с норвежской властью всю жизнь.", "норвежской властью"),
        ("Концерт прошёл в Летнем саду у Михайловского дворца.", "Летнем саду"),
        ("Концерт прошёл в Летнем саду у Михайловского дворца.", "Михайловского дворца"),
        ("Об этом сообщили местные СМИ.", "СМИ"),
        ("Во главе банка поставили временную администрацию.", "временную администрацию"),
        # a court named by the common noun alone is no particular court
        ("Его жалобу рассмотрит суд в понедельник.", "суд"),
        ("Суд отклонил жалобу адвоката.", "Суд"),
        # services, a space station, awards: things the news names, not actors
        ("Депутат написал об отставке в Твиттере.", "Твиттере"),
        ("Ролик набрал миллион просмотров на YouTube за сутки.", "YouTube"),
        ("Космонавты вернулись с МКС в четверг.", "МКС"),
        ("Пользователи Сети высмеяли заявление министра.", "Сети"),
        ("Она выложила фото в WeChat, а потом в TikTok.", "WeChat"),
        ("Певица получила Grammy в 2019 году.", "Grammy"),
        # a disease
        ("Боксёр умер от COVID-19 в Бергамо.", "COVID-19"),
        # whom a judge stands for is no part of the court's name
        ("Судья Европейского суда по правам человека от Украины высказала особое мнение.",
         "Европейского суда по правам человека от Украины"),
        # a capitalized common word at a sentence's start
        ("Хакер взломал сайт министерства.", "Хакер"),
        # a holiday named after the word for one
        ("По случаю праздника Навруз президент помиловал 200 осужденных.", "Навруз"),
        ("По случаю праздника Рамазан хайит президент помиловал 400 осужденных.", "Рамазан"),
        # characters of tales
        ("Дед Мороз и Снегурочка поздравили детей на ёлке.", "Дед Мороз"),
        ("Дед Мороз и Снегурочка поздравили детей на ёлке.", "Снегурочка"),
    ],
)
def test_spurious_actors_are_left_out(extract, text, not_actor):
    assert not_actor not in {found for found, _ in mention_set(extract(text))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # unions of states are organizations, whatever NER says
        ("Санкции Евросоюза продлили на полгода.", ("Евросоюза", "organization")),
        ("Министры стран ЕС соберутся в Брюсселе.", ("ЕС", "organization")),
        # an abbreviation in brackets after an organization's name is that organization, here and further on
        ("Конституционный суд Грузии (КС) отменил закон. Решение КС вступает в силу сразу.", ("КС", "organization")),
        ("Жалобу подали в Федеральную налоговую службу РФ (ФНС РФ) в марте.", ("ФНС РФ", "organization")),
    ],
)
def test_organizations_that_ner_takes_for_places(extract, text, expected):
    record = extract(text)
    assert expected in mention_set(record)
    assert (expected[0], "location") not in mention_set(record)


def test_a_bracketed_abbreviation_joins_its_organization(extract):
    record = extract("Конституционный суд Грузии (КС) отменил закон. Решение КС вступает в силу сразу.")
    actor = next(a for a in record.actors if a.name.startswith("Конституционный суд"))
    assert [m.text for m in actor.mentions].count("КС") == 2


def test_a_name_with_stress_marks_is_the_same_actor(extract):
    record = extract("Алексе\u0301й Петро\u0301в прибыл в Москву. Позже Алексей Петров сказал, что Петро\u0301ва ждут.")
    actor = next(a for a in record.actors if a.name == "Алексей Петров")
    assert len(actor.mentions) == 3
