"""Attribution cues: the words that say who says so, and the head token of the source each names.

Each finder in FINDERS looks at one token: a non-answer («отказался от комментариев» → declined), a
reporting verb («заявил спикер ведомства», «в ФСИН сообщили»), a citing verb («ссылаются на X»), an
attribution noun («по словам X», «согласно данным X», «со ссылкой на X»), an impersonal cue («говорится
в докладе») or a publication («статья, опубликованная в X»).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..constants import IN_PREPOSITIONS, NAME_DEPS, NOMINAL_POS, SUBJECT_DEPS, WITH_PREPOSITIONS
from ..tree import case_token, has_any_case, has_case
from . import rules
from .claims import parenthetical_claim, speech_quotes, verb_claims

if TYPE_CHECKING:
    from .phrases import Phrase


@dataclass
class Attribution:
    """One attribution in the text: the head token of its source and what its cue says."""

    head: Any
    cue: tuple[int, int]
    stance: str = "stated"
    claims: list[tuple[int, int]] = field(default_factory=list)
    cites: list[Attribution] = field(default_factory=list)
    phrase: Phrase | None = None
    bare_data: bool = False
    unnamed: bool = False
    rule: str = ""


def find_attributions(doc, quotes: list[tuple[int, int]]) -> list[Attribution]:
    """Every attribution outside quoted speech: «"Х заметил …", — пояснил Y» cites Y, not X."""
    found: list[Attribution] = []
    speech = speech_quotes(doc.text, quotes)
    starts, position = [start for start, _ in speech], 0
    for token in doc:
        if token.lemma_ not in CUE_LEMMAS:
            continue
        while position < len(speech) and speech[position][1] <= token.idx:
            position += 1
        if position < len(speech) and starts[position] < token.idx:
            continue
        for finder in FINDERS:
            for attribution in finder(doc, token, quotes):
                attribution.rule = attribution.rule or finder.__name__
                found.append(attribution)
    return found


def non_answers(doc, token, quotes) -> list[Attribution]:
    """«отказался от комментариев» → declined; «не ответило на запрос» → no_response."""
    rule = rules.NON_ANSWERS.get(token.lemma_)
    if rule is None or token.pos_ != "VERB":
        return []
    stance, objects = rule
    negation = negation_token(token)
    if token.lemma_ in rules.NEGATED_NON_ANSWERS and negation is None:
        return []
    complement = object_complement(token, objects) if objects else request_complement(token)
    if objects and complement is None:
        return []
    ends = [t for t in (negation, token, complement) if t is not None]
    first, last = min(ends, key=lambda t: t.i), max(ends, key=lambda t: t.i)
    cue = (first.idx, last.idx + len(last.text))
    return [Attribution(subject, cue, stance) for subject in subjects_of(token)]


def object_complement(verb, lemmas: set[str]):
    """«от комментариев», «обсуждать» under «отказался»; «давать комментарии» one verb down."""
    for child in verb.children:
        if child.lemma_ in lemmas and child.dep_ in ("xcomp", "obl", "obj", "ccomp", "advcl"):
            return child
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            found = next((c for c in child.children if c.lemma_ in lemmas and c.dep_ == "obj"), None)
            if found is not None:
                return found
    return None


def request_complement(verb):
    """«не ответило на запрос»: the prepositional object the cue includes."""
    for child in verb.rights:
        if child.dep_ in ("obl", "obj") and child.lemma_ in rules.REQUEST_NOUNS and has_case(child, {"на"}):
            return child
    return None


def negation_token(verb):
    for child in verb.lefts:
        if child.lower_ == "не":
            return child
    return None


def reporting_verbs(doc, token, quotes) -> list[Attribution]:
    if not is_reporting_verb(token):
        return []
    phrasal = phrasal_object(token)
    finite = "Fin" in token.morph.get("VerbForm") or token.pos_ == "ADJ"
    clause_only = is_clause_only(token) or not finite and "Inf" in token.morph.get("VerbForm")
    parenthetical = finite and (
        not clause_only or is_parenthetical(doc, token) and not has_object(token, any_object=True)
    )
    claims = verb_claims(doc, token, quotes, parenthetical=parenthetical)
    said = phrasal is not None and phrasal.lemma_ in rules.PHRASAL_CONTENT
    if clause_only and not claims and not content_object(token) and not said:
        return []
    heads = [h for h in subjects_of(token) if within_aside(doc, token, h)] or impersonal_place(token)
    last = phrasal or token
    cue = (token.idx, last.idx + len(last.text)) if last.i > token.i else (token.idx, token.idx + len(token.text))
    found = [Attribution(head, cue, claims=list(claims)) for head in heads]
    cited = cited_sources(token) if found else []
    for attribution in found:
        attribution.cites = cited
    return found + cited


def is_reporting_verb(token) -> bool:
    lemma = token.lemma_
    if lemma not in rules.REPORTING_VERBS and lemma not in rules.STANCE_VERBS and not phrasal_object(token):
        return False
    if is_plea(token):
        return False
    if token.pos_ == "ADJ" or lemma in rules.ADJECTIVE_CUES:
        return token.pos_ == "ADJ" and "Short" in token.morph.get("Variant")
    negated = negation_token(token) is not None and lemma not in rules.NEGATED_CUES
    return token.pos_ == "VERB" and speaks_in_this_form(token) and not negated


def is_plea(verb) -> bool:
    """«признал вину», «признал себя виновным», «признался в угоне»: a plea, not a statement."""
    if verb.lemma_ not in rules.PLEA_VERBS:
        return False
    return any(
        c.lemma_ in rules.PLEA_COMPLEMENTS
        or verb.lemma_ in rules.CONFESSION_VERBS and c.dep_ == "obl" and has_case(c, {"в"})
        and c.lemma_ not in rules.CONTENT_PRONOUNS
        for c in verb.children
    )


def speaks_in_this_form(verb) -> bool:
    """Finite verbs; a converb beside its clause («…, заявив, что …»), an active participle beside its noun
    («свидетельница, утверждающая, что …»), an infinitive under another verb («успел заявить, что …»)."""
    forms = set(verb.morph.get("VerbForm"))
    if "Fut" in verb.morph.get("Tense"):
        return False
    if "Conv" in forms:
        return verb.dep_ in ("advcl", "dep")
    if "Part" in forms:
        return verb.dep_ == "acl" and "Act" in verb.morph.get("Voice") and "Short" not in verb.morph.get("Variant")
    if "Inf" in forms:
        return verb.dep_ == "xcomp" and verb.head.lemma_ not in rules.NON_ANSWERS
    return True


def is_clause_only(verb) -> bool:
    lemma = verb.lemma_
    return lemma in rules.CLAUSE_ONLY_VERBS or lemma in rules.STANCE_VERBS or has_object(verb) or bool(
        phrasal_object(verb)
    )


def content_object(verb):
    """«отрицает вину», «отверг обвинения», «расценил это как угрозу», «обвинил полицию в подлоге», «потребовал
    шести лет колонии», «считает его политзаключенным»: content without a clause."""
    for child in verb.children:
        if child.dep_ == "obj" and child.lemma_ in rules.CONTENT_OBJECTS:
            return child
        if child.dep_ in ("obl", "advcl", "xcomp") and any(c.lower_ == "как" for c in child.children):
            return child
        if is_act_of_accusing(verb) and child.dep_ == "obl" and has_case(child, {"в"}):
            return child
        if verb.lemma_ in rules.DEMAND_VERBS and child.dep_ in ("obj", "obl") and child.lemma_ in rules.DEMANDS:
            return child
        if verb.lemma_ in rules.PREDICATIVE_VERBS and child.dep_ == "xcomp" and child.pos_ in ("NOUN", "ADJ") and (
            not has_any_case(child)
        ):
            return child
    return None


def is_act_of_accusing(verb) -> bool:
    """«обвинил полицию в подлоге», «подал иск, обвиняя врача в …»: one act of accusing, not a standing charge
    («партии, обвиняющие …», «пользователи обвиняют сеть …»)."""
    if verb.lemma_ not in rules.ACCUSATION_VERBS:
        return False
    return "Perf" in verb.morph.get("Aspect") or "Conv" in verb.morph.get("VerbForm")


def phrasal_object(verb):
    """«выразил протест», «обратил внимание», «выступил с заявлением», «дал понять»: the noun of a multi-word cue."""
    nouns = rules.PHRASAL_CUES.get(verb.lemma_)
    if not nouns:
        return None
    return next((c for c in verb.children if c.lemma_ in nouns and c.dep_ in ("obj", "obl", "xcomp")), None)


def is_parenthetical(doc, verb) -> bool:
    """«…, считают эксперты»: the verb follows its content after a comma or a dash; «как полагают эксперты, …»:
    the verb is an aside opened by «как»."""
    previous = next((doc[i] for i in range(verb.i - 1, -1, -1) if not doc[i].is_space), None)
    if previous is not None and previous.text in {",", "—", "–", "-"}:
        return True
    marks = [c for c in verb.children if c.lower_ == "как" and c.dep_ == "mark" and c.i < verb.i]
    return any(not is_comparison(doc, mark) for mark in marks)


def within_aside(doc, verb, subject) -> bool:
    """«Как установили оперативники, Солоник и охранник …»: an aside opened by «как» ends at its comma."""
    if not any(c.lower_ == "как" and c.dep_ == "mark" and c.i < verb.i for c in verb.children):
        return True
    low, high = sorted((verb.i, subject.i))
    return not any(t.text == "," for t in doc[low:high])


def is_comparison(doc, mark) -> bool:
    """«сделал так, как потребовали охранники»: «как» after «так» compares, it cites no one."""
    previous = [t for t in doc[max(mark.i - 3, 0) : mark.i] if not t.is_punct and not t.is_space]
    return bool(previous) and previous[-1].lemma_ in rules.COMPARISON_WORDS


def has_object(verb, *, any_object: bool = False) -> bool:
    """«передала заключенных», «написал статью»: a direct object turns the verb from reporting."""
    if verb.lemma_ not in rules.OBJECT_BLOCKED_VERBS and not any_object:
        return False
    return any(
        c.dep_ == "obj" and c.pos_ in ("NOUN", "PROPN", "PRON") and c.lemma_ not in ("это", "что", "то")
        and c.lemma_ not in rules.CONTENT_OBJECTS
        and c.ent_type_ != "ORG" and c.morph.get("Case") not in ([], ["Nom"])
        for c in verb.children
    )


def subjects_of(verb) -> list:
    """The verb's subjects with their coordinated nouns; a conjoined verb shares its head's subject."""
    if "Part" in verb.morph.get("VerbForm") and verb.dep_ == "acl":
        return [verb.head] if verb.head.pos_ in NOMINAL_POS else []
    node, subjects = verb, direct_subjects(verb)
    while not subjects and shares_subject(node):
        node = node.head
        subjects = [s for s in direct_subjects(node) if agrees(verb, s)]
    subjects = subjects or misattached_subject(verb) or aside_subject(verb) or relative_speaker(verb)
    if subjects and subjects[0].lemma_ == "который" and node.dep_ == "acl:relcl":
        subjects = [node.head]
    found = []
    for subject in subjects:
        found.extend(t for t in [subject, *coordinated(subject)] if t not in found)
    return [t for t in found if not is_role_before_name(t, found)]


def misattached_subject(verb) -> list:
    """«Арест вызвали возмущение, и глава МВД Иван Петров заявил, что …» parsed with «глава» under «вызвали»: a
    subject written just before the verb, agreeing with it and not with the verb it was attached to."""
    if "Fin" not in verb.morph.get("VerbForm") or verb.i == 0:
        return []
    subject = verb.doc[verb.i - 1]
    while subject.dep_ in NAME_DEPS or subject.dep_ == "nmod" and subject.head.i < subject.i:
        subject = subject.head
    if subject.dep_ not in SUBJECT_DEPS or subject.right_edge.i != verb.i - 1 or subject.head.i == verb.i:
        return []
    return [subject] if agrees(verb, subject) and not agrees(subject.head, subject) else []


def relative_speaker(verb) -> list:
    """«дала интервью, в котором утверждала, что …», «опубликовал письмо, где заявил …»: a relative clause with no
    subject of its own speaks for the subject of the verb its noun depends on."""
    if verb.dep_ != "acl:relcl" or "Fin" not in verb.morph.get("VerbForm"):
        return []
    relative = next((c for c in verb.children if c.lemma_ in ("который", "где") and c.dep_ not in SUBJECT_DEPS), None)
    governor = verb.head.head
    if relative is None or governor.i == verb.head.i or governor.pos_ != "VERB":
        return []
    return [s for s in direct_subjects(governor) if agrees(verb, s) and same_gender(verb, s)]


def same_gender(verb, subject) -> bool:
    genders = verb.morph.get("Gender"), subject.morph.get("Gender")
    return not all(genders) or genders[0] == genders[1]


def aside_subject(verb) -> list:
    """«как сообщает ''Wall Street Journal'', …» parsed apart: the name written just after an aside's verb."""
    if not any(c.lower_ == "как" and c.dep_ == "mark" and c.i < verb.i for c in verb.children):
        return []
    words = [t for t in verb.doc[verb.i + 1 : verb.i + 5] if not (t.is_punct and t.text in "'\"«»")]
    first = words[0] if words else None
    if first is None or first.ent_type_ not in ("ORG", "PER") or first.pos_ not in NOMINAL_POS:
        return []
    return [first] if first.morph.get("Case") in ([], ["Nom"]) else []


def shares_subject(verb) -> bool:
    """A conjoined verb, an infinitive complement or a converb has its head's subject."""
    if verb.head.i == verb.i:
        return False
    return verb.dep_ in ("conj", "xcomp") or verb.dep_ in ("advcl", "dep") and "Conv" in verb.morph.get("VerbForm")


def agrees(verb, subject) -> bool:
    """Number agreement, unless the subject is coordinated («Х и Y заявили») or its number unknown."""
    number, own = verb.morph.get("Number"), subject.morph.get("Number")
    coordinated_subject = any(c.dep_ == "conj" or c.dep_.startswith("nummod") for c in subject.children)
    return not number or not own or number == own or coordinated_subject or subject.pos_ == "X"


def direct_subjects(verb) -> list:
    candidates = [counted_noun(c) for c in verb.children if c.dep_ in SUBJECT_DEPS]
    candidates = [c for c in candidates if c is not None and c.pos_ in NOMINAL_POS]
    if len(candidates) == 1:
        candidates = [c for c in candidates if agrees(verb, c)]
    nominative = [c for c in candidates if c.morph.get("Case") in ([], ["Nom"]) or c.ent_type_ == "PER"]
    if nominative or verb.lemma_ in rules.CITING_VERBS:
        return nominative
    inverted = [
        c for c in verb.rights
        if c.dep_ in ("obj", "iobj", "obl", "appos") and c.ent_type_ in ("ORG", "PER")
        and c.morph.get("Case") in ([], ["Nom"]) and not has_any_case(c)
    ]
    return inverted[:1] or candidates[:1]


def counted_noun(subject):
    """«более 50 женщин рассказали» parsed with «более» as the subject: the people counted."""
    if subject.pos_ not in ("ADV", "NUM"):
        return subject
    return next((c for c in subject.children if c.pos_ == "NOUN" and c.i > subject.i and not has_any_case(c)), None)


def is_role_before_name(token, subjects: list) -> bool:
    """«прыгунья в длину Джейд Джонсон» parsed as two subjects: the role noun is not a source."""
    if token.ent_type_ == "PER":
        return False
    own = [c.right_edge.i for c in token.children if c.dep_ not in ("conj", "cc")]
    end = max([token.i, *own]) + 1
    return any(
        other.ent_type_ == "PER" and 0 <= other.i - end <= 1 and other.dep_ != "conj"
        for other in subjects
    )


def coordinated(noun) -> list:
    found = []
    for child in noun.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "X") and child.i > noun.i:
            found.append(child)
            found.extend(coordinated(child))
    return found


def impersonal_place(verb) -> list:
    """«В ФСИН сообщили», «в нижней палате парламента опровергают», «как сообщили из прокуратуры»: the organization
    named by «в X» or «из X»."""
    if "Plur" not in verb.morph.get("Number") or "1" in verb.morph.get("Person") or "2" in verb.morph.get("Person"):
        return []
    for child in verb.children:
        if child.dep_ == "obl" and has_case(child, rules.PLACE_SOURCE_PREPOSITIONS) and is_institution(child) and (
            child.i < verb.i or has_case(child, {"из"})
        ):
            return [child]
    place = phrase_before(verb)
    if place is not None and place.dep_ == "obl" and has_case(place, rules.PLACE_SOURCE_PREPOSITIONS):
        return [place] if is_institution(place) else []
    return []


def phrase_before(verb):
    """«В пресс-центре ГУ МВД уточнили, что …» with «пресс-центре» parsed under another verb: the top of the
    phrase that ends just before the verb."""
    if verb.i == 0:
        return None
    token = verb.doc[verb.i - 1]
    while token.head.i < verb.i and token.head.i != token.i and token.dep_ != "punct":
        token = token.head
    return token if token.head.i != verb.i else None


def is_institution(token) -> bool:
    return token.ent_type_ == "ORG" or token.lemma_ in rules.GOVERNMENT_HEADS and token.ent_type_ != "LOC"


def cited_sources(verb) -> list[Attribution]:
    """«со ссылкой на X» under the verb: X is the source the verb's subject cites."""
    cited = []
    for token in verb.subtree:
        target = rules.REFERENCE_NOUNS.get(token.lemma_)
        if target is None or not has_case(token, WITH_PREPOSITIONS):
            continue
        for child in token.children:
            if has_case(child, {target}) and child.pos_ in NOMINAL_POS:
                case, last = case_token(token), case_token(child)
                cited.append(Attribution(child, (case.idx, last.idx + len(last.text)), rule="cited_sources"))
    return cited


def citing_verbs(doc, token, quotes) -> list[Attribution]:
    """«ссылаются на анонимные источники», «цитирует NEWSru.com Шремса»."""
    if token.lemma_ not in rules.CITING_VERBS or token.pos_ != "VERB":
        return []
    preposition = rules.CITING_VERBS[token.lemma_]
    citer, cited = citing_parties(token, preposition)
    found = []
    if cited is not None:
        end = case_token(cited) if preposition else token
        claims = verb_claims(doc, token, quotes, parenthetical=False)
        found.append(Attribution(cited, (token.idx, end.idx + len(end.text)), claims=claims))
    if citer is not None and "Conv" not in token.morph.get("VerbForm"):
        found.append(Attribution(citer, (token.idx, token.idx + len(token.text)), cites=found[:1]))
    return found


def citing_parties(verb, preposition: str | None):
    subjects = direct_subjects(verb) or subjects_of(verb)
    citer = subjects[0] if subjects else None
    if citer is None:
        citer = next((c for c in verb.children if c.pos_ in NOMINAL_POS and c.dep_ in ("nsubj", "obj", "iobj")
                      and c.morph.get("Case") in ([], ["Nom"]) and c.ent_type_ == "ORG"), None)
    cited = None
    for child in verb.children:
        if citer is not None and child.i == citer.i or child.pos_ not in NOMINAL_POS:
            continue
        if preposition and has_case(child, {preposition}):
            cited = child
        elif not preposition and is_direct_object(child):
            speech = child.lemma_ in rules.DOCUMENT_HEADS or child.lemma_ in rules.ATTRIBUTION_NOUNS
            cited = (owner_of(child) if speech else None) or child
    return citer, cited


def is_direct_object(token) -> bool:
    return not has_any_case(token) and (token.dep_ == "obj" or token.morph.get("Case") in (["Acc"], ["Gen"]))


def attribution_nouns(doc, token, quotes) -> list[Attribution]:
    """«по словам X», «по данным X», «согласно заявлению X»."""
    prepositions = rules.ATTRIBUTION_NOUNS.get(token.lemma_)
    if prepositions is None:
        return []
    case = case_token(token) if has_case(token, prepositions) else written_before(doc, token, prepositions)
    if case is None:
        return []
    cue = (case.idx, token.idx + len(token.text))
    claims = parenthetical_claim(doc, {t.i for t in token.subtree})
    owner = None if token.lemma_ in rules.SELF_DOCUMENTS else owner_of(token) or outlet_of(token)
    if owner is not None:
        return [Attribution(one, cue, claims=claims) for one in [owner, *coordinated_owners(owner)]]
    if any(c.lemma_ in rules.SPEAKER_POSSESSIVES for c in token.children):
        return []
    if token.lemma_ in rules.UNOWNED_DATA_NOUNS:
        return [Attribution(token, cue, claims=claims, bare_data=True)]
    if token.lemma_ in rules.DOCUMENT_HEADS:
        return [Attribution(token, cue, claims=claims)]
    return []


def coordinated_owners(owner) -> list:
    """«по сообщению газет New York Post, New York Times и других СМИ»: the owners listed with the first, whether
    joined to the noun or to the name in apposition to it."""
    names = [c for c in owner.children if c.i > owner.i and c.dep_ in ("nmod", "appos") and c.ent_type_ == "ORG"]
    return [t for one in [owner, *names[:1]] for t in coordinated(one)]


def written_before(doc, noun, prepositions: set[str]):
    """«По сведениям издания …» parsed with «По» as a head of its own: the preposition written just before the
    noun and its adjectives."""
    start = noun.i
    while start > 0 and doc[start - 1].dep_ == "amod" and doc[start - 1].head.i == noun.i:
        start -= 1
    before = doc[start - 1] if start > 0 else None
    return before if before is not None and before.pos_ == "ADP" and before.lower_ in prepositions else None


def outlet_of(noun):
    """«согласно сообщениям в прессе», «по сообщениям на Reddit»: the outlet the reports appeared in."""
    for child in noun.children:
        in_outlet = child.dep_ == "nmod" and child.i > noun.i and has_case(child, rules.OUTLET_PREPOSITIONS)
        if in_outlet and is_outlet(child):
            return child
    return outlet_written_after(noun)


def is_outlet(token) -> bool:
    known = token.lower_ in rules.SOCIAL_MEDIA_NAMES or token.lower_ in rules.KNOWN_MEDIA
    return token.lemma_ in rules.MEDIA_HEADS | rules.SOCIAL_HEADS or token.ent_type_ == "ORG" or known


def outlet_written_after(noun):
    """«по сообщениям на ''Reddit''» parsed apart: the outlet written just after «в/на», quotes skipped."""
    words = [t for t in noun.doc[noun.i + 1 : noun.i + 6] if not (t.is_punct and t.text in "'\"«»")]
    if len(words) < 2 or words[0].lower_ not in rules.OUTLET_PREPOSITIONS or not is_outlet(words[1]):
        return None
    return words[1] if words[1].pos_ in NOMINAL_POS else None


def impersonal_cues(doc, token, quotes) -> list[Attribution]:
    """«говорится в докладе», «как следует из документации», «в статье утверждалось»; without a document,
    «сообщается, что …» cites the article's unnamed sources."""
    if token.lemma_ not in rules.IMPERSONAL_VERBS and token.lemma_ not in rules.UNNAMED_SOURCE_VERBS:
        return []
    if direct_subjects(token) or token.pos_ != "VERB":
        return []
    for child in token.children:
        if child.dep_ in ("obl", "nmod") and has_case(child, {"в", "во", "из", "на"}):
            place = relative_antecedent(token, child)
            if not is_document_place(place):
                continue
            last = case_token(child) if token.i < child.i else token
            cue = (token.idx, last.idx + len(last.text))
            source = None if place.lemma_ in rules.SELF_DOCUMENTS else owner_of(place)
            return [Attribution(source or place, cue, claims=verb_claims(doc, token, quotes))]
    return unnamed_report(doc, token, quotes)


def relative_antecedent(verb, token):
    """«записка, в которой сообщается, что …»: the noun that «которой» stands for."""
    if token.lemma_ != "который" or verb.dep_ != "acl:relcl" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return token
    noun = verb.head
    if not is_document_place(noun) and noun.dep_ == "nmod" and noun.head.lemma_ in rules.DOCUMENT_HEADS:
        return noun.head  # «записку летчицы, в которой …» with the clause hung under «летчицы»
    return noun


def unnamed_report(doc, verb, quotes) -> list[Attribution]:
    """«Сообщается, что …», «как сообщалось, …»: a report with no one named, not negated, with a claim."""
    if verb.lemma_ not in rules.UNNAMED_SOURCE_VERBS or negation_token(verb) is not None:
        return []
    if any(c.dep_ in ("obl", "nmod", "iobj") and has_any_case(c) for c in verb.children if c.lemma_ != "это"):
        return []
    claims = verb_claims(doc, verb, quotes)
    if not claims:
        return []
    cue = (verb.idx, verb.idx + len(verb.text))
    return [Attribution(verb, cue, claims=claims, unnamed=True, rule="unnamed_report")]


def is_document_place(token) -> bool:
    return token.lemma_ in rules.DOCUMENT_HEADS or token.ent_type_ == "ORG" or token.lemma_ in rules.MEDIA_HEADS


def owner_of(noun):
    """The author of «заявление Госдепа», «его словам»: a genitive complement or a possessive."""
    for child in noun.children:
        if child.dep_ in ("nmod", "appos") and child.i > noun.i and not has_any_case(child):
            if child.pos_ in ("NOUN", "PROPN", "X") and child.morph.get("Case") in (["Gen"], []):
                return child
        if child.dep_ in ("det", "nmod:poss", "nmod") and child.lower_ in rules.POSSESSIVE_PRONOUNS:
            return child
    return None


def publications(doc, token, quotes) -> list[Attribution]:
    """«статья, опубликованная в The New York Times»: the outlet that published it."""
    if token.lemma_ not in rules.PUBLICATION_VERBS or "Part" not in token.morph.get("VerbForm"):
        return []
    for child in token.children:
        if child.dep_ == "obl" and has_case(child, IN_PREPOSITIONS) and child.ent_type_ == "ORG":
            case = case_token(child)
            return [Attribution(child, (token.idx, case.idx + len(case.text)))]
    return []


FINDERS = (non_answers, reporting_verbs, citing_verbs, attribution_nouns, impersonal_cues, publications)
# The lemmas the finders start from, each finder's first test: a token with another lemma is no cue.
CUE_LEMMAS = frozenset().union(
    rules.NON_ANSWERS, rules.REPORTING_VERBS, rules.STANCE_VERBS, rules.PHRASAL_CUES, rules.CITING_VERBS,
    rules.ATTRIBUTION_NOUNS, rules.IMPERSONAL_VERBS, rules.UNNAMED_SOURCE_VERBS, rules.PUBLICATION_VERBS,
)
