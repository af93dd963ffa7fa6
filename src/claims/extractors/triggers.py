"""Trigger words, owned here once: the event kinds and their lemmas, and the custody status each kind
gives a prisoner count. `events` reads the kinds; `counts` derives its statuses from them.

Entries are lemmas as Natasha writes them (lower case, «е» for «ё»).
"""

from __future__ import annotations

# Event kind → trigger lemmas. A few need a dependent to count (events.GUARDS).
EVENT_TRIGGERS: dict[str, tuple[str, ...]] = {
    "release": (
        "освободить", "освобождать", "освобождение", "освободиться", "освобождаться", "отпустить", "отпускать",
        "выпустить", "выпускать", "выйти",
    ),
    "pardon": ("помиловать", "помиловывать", "помилование", "амнистировать", "амнистия"),
    "detention": (
        "задержать", "задерживать", "задержание", "похитить", "похищать", "похищение", "захватить", "схватить",
        "интернировать", "интернироваться",
    ),
    "arrest": ("арестовать", "арестовывать", "арест"),
    "sentence": ("приговорить", "приговаривать", "приговор", "осудить", "осуждать"),
    "conviction": ("признать",),
    "acquittal": ("оправдать", "оправдание"),
    "charge": ("обвинить", "обвинять", "обвинение"),
    "exchange": ("обменять", "обменивать", "обменяться", "обмениваться", "обмен"),
    "return": ("вернуть", "возвращать", "возвратить", "возвращение"),
    "deportation": ("депортировать", "депортация", "выслать", "выдворить", "экстрадировать", "экстрадиция"),
    "appointment": ("назначить", "назначать", "назначение"),
    "talks": ("переговоры", "обсуждать", "обсудить", "обсуждение", "договориться", "договариваться"),
    "agreement": ("подписать", "подписывать", "соглашение", "сделка", "договоренность"),
    "meeting": ("встретиться", "встречаться", "встреча"),
    "visit": ("посетить", "посещать", "визит"),
    "inauguration": ("инаугурация", "вступить", "вступление"),
    "election": ("избрать", "избирать", "переизбрать", "выбор", "референдум"),
    "statement": (
        "заявить", "заявлять", "заявление", "сообщить", "сообщать", "объявить", "объявлять", "сказать", "рассказать",
        "отметить", "подчеркнуть", "добавить", "пообещать", "обещать", "опубликовать", "отозваться",
    ),
    "protest": ("протест", "протестовать", "митинг", "акция", "демонстрация", "забастовка"),
    "death": ("умереть", "скончаться", "погибнуть", "смерть", "гибель"),
    "birth": ("родиться",),
    "law": ("принять", "вступить", "ввести"),
}

# The status a count takes from an event of each kind: «освободили 18 заключенных» → released.
STATUS_OF_KIND = {
    "release": "released",
    "return": "released",
    "deportation": "released",
    "pardon": "pardoned",
    "exchange": "exchanged",
    "detention": "detained",
    "arrest": "detained",
    "sentence": "sentenced",
}

# Words that give a count its status without naming an event: custody as a state, people handed over or
# back («вернулись домой» names no event: people come back from anywhere).
STATE_TRIGGERS = {
    "удерживать": "held",
    "удерживаться": "held",
    "содержаться": "held",
    "томиться": "held",
    "отбывать": "held",
    "передать": "released",
    "вернуться": "released",
}


def statuses_by_lemma(*, except_lemmas: set[str] | frozenset[str] = frozenset()) -> dict[str, str]:
    """Trigger lemma → count status, from the event kinds and the state words; `except_lemmas` left out."""
    statuses = {
        lemma: STATUS_OF_KIND[kind]
        for kind, lemmas in EVENT_TRIGGERS.items()
        if kind in STATUS_OF_KIND
        for lemma in lemmas
        if lemma not in except_lemmas
    }
    return {**statuses, **STATE_TRIGGERS}
