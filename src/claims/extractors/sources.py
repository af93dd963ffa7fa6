"""Sources: who the article cites, through which cue, saying what, and through whom.

Attributions are read off the dependency tree: the subject of a reporting verb («заявил спикер
ведомства»), the owner of an attribution noun («по словам X», «согласно данным X»), the object of a
citing phrase («со ссылкой на X», «ссылаются на X»), the document of an impersonal cue («говорится в
докладе»), the place of an impersonal plural («в ФСИН сообщили») and the subject of a non-answer
(«отказался от комментариев»). Each source phrase is resolved to an actor where one is mentioned, named
in the nominative, given a kind from the tables in `source_rules`, and merged with the other mentions of
the same source. `via` lists the sources a source cites: Reuters reporting «со ссылкой на трех
неназванных собеседников» gets `via` = [the anonymous sources].
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from ..context import Context
from ..models import Actor, Claim, Source, Span
from ..normalize import inflect_phrase, normal_key
from . import source_rules as rules

SUBJECT_RELS = ("nsubj", "nsubj:pass")
CLAUSE_RELS = ("ccomp", "csubj")
NAME_RELS = ("appos", "flat", "flat:name", "flat:foreign")
PHRASE_RIGHT_RELS = ("nmod", "appos", "flat", "flat:name", "flat:foreign", "amod", "nummod")
NOMINAL_POS = ("NOUN", "PROPN", "PRON", "X")
INFLECTED_POS = ("NOUN", "ADJ", "VERB", "DET")
MAX_PHRASE_TOKENS = 9
QUOTE_RE = re.compile(r"«(?:[^«»]|«[^«»]*»)*»|„[^„“]*“|“[^“”]*”|\"[^\"\n]*\"")
DASH_AFTER_QUOTE_RE = re.compile(r"\s*[,.!?…]?\s*[—–-]{1,2}\s*$")
PARENTHESIS_RE = re.compile(r"\s*\(([^()]*)\)\s*")


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


@dataclass
class Phrase:
    """A source phrase resolved: its token range, name, kind and actor."""

    start: int
    end: int
    name: str
    kind: str
    key: str
    actor: Actor | None = None
    affiliation: Actor | None = None
    count: int | None = None
    head_lemma: str = ""
    modifiers: frozenset[str] = frozenset()
    plural: bool = False
    gender: str = ""


def extract_sources(doc, context: Context) -> list[Source]:
    """Every source the article cites, merged across mentions, in order of first mention."""
    if not len(doc):
        return []
    quotes = find_quotes(doc.text)
    attributions = sorted(find_attributions(doc, quotes), key=lambda a: (a.head.i, a.cue))
    resolver = Resolver(doc, context)
    for attribution in attributions:
        attribution.phrase = resolver.resolve(attribution)
    attributions = [a for a in attributions if a.phrase is not None]
    return build_sources(doc, group_attributions(attributions))


# --- quotes -------------------------------------------------------------------------------------


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted passages, the quote marks included."""
    return [(m.start(), m.end()) for m in QUOTE_RE.finditer(text) if is_passage(m.group()[1:-1])]


def is_passage(text: str) -> bool:
    return len(text.split()) >= 3


def quote_before(doc, token, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quote that ends right before «, — заявил» where `token` is the cue verb."""
    window = doc.text.rfind("\n", 0, token.idx) + 1
    for start, end in quotes:
        if window <= start and end <= token.idx and DASH_AFTER_QUOTE_RE.match(doc.text[end : token.idx]):
            return start + 1, end - 1
    return None


def quote_after(doc, token, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quote that follows «заявил:» where `token` is the cue verb."""
    colon = doc.text.find(":", token.idx, token.idx + 80)
    if colon < 0 or "\n" in doc.text[token.idx : colon] or "." in doc.text[token.idx : colon]:
        return None
    for start, end in quotes:
        if start > colon and not doc.text[colon + 1 : start].strip():
            return start + 1, end - 1
    return None


# --- attributions -------------------------------------------------------------------------------


def find_attributions(doc, quotes: list[tuple[int, int]]) -> list[Attribution]:
    found: list[Attribution] = []
    for token in doc:
        for finder in FINDERS:
            found.extend(finder(doc, token, quotes))
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
    first, last = negation or token, complement or token
    cue = (first.idx, last.idx + len(last.text))
    return [Attribution(subject, cue, stance) for subject in subjects_of(token)]


def object_complement(verb, lemmas: set[str]):
    """«от комментариев», «обсуждать» under «отказался»."""
    for child in verb.children:
        if child.lemma_ in lemmas and child.dep_ in ("xcomp", "obl", "obj", "ccomp", "advcl"):
            return child
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
    clause_only = token.lemma_ in rules.CLAUSE_ONLY_VERBS or has_object(token)
    parenthetical = not clause_only or is_parenthetical(doc, token) and not has_object(token, any_object=True)
    claims = verb_claims(doc, token, quotes, parenthetical=parenthetical)
    if clause_only and not claims:
        return []
    heads = subjects_of(token) or impersonal_place(token)
    cue = (token.idx, token.idx + len(token.text))
    found = [Attribution(head, cue, claims=list(claims)) for head in heads]
    cited = cited_sources(token) if found else []
    for attribution in found:
        attribution.cites = cited
    return found + cited


def is_reporting_verb(token) -> bool:
    if token.lemma_ not in rules.REPORTING_VERBS:
        return False
    if token.pos_ == "ADJ" or token.lemma_ in rules.ADJECTIVE_CUES:
        return token.pos_ == "ADJ" and "Short" in token.morph.get("Variant")
    if token.pos_ != "VERB" or set(token.morph.get("VerbForm")) & {"Conv", "Inf", "Part"}:
        return False
    return negation_token(token) is None


def is_parenthetical(doc, verb) -> bool:
    """«…, считают эксперты»: the verb follows its content after a comma or a dash."""
    previous = next((doc[i] for i in range(verb.i - 1, -1, -1) if not doc[i].is_space), None)
    return previous is not None and previous.text in {",", "—", "–", "-"}


def has_object(verb, *, any_object: bool = False) -> bool:
    """«передала заключенных», «написал статью»: a direct object turns the verb from reporting."""
    if verb.lemma_ not in rules.OBJECT_BLOCKED_VERBS and not any_object:
        return False
    return any(
        c.dep_ == "obj" and c.pos_ in ("NOUN", "PROPN", "PRON") and c.lemma_ not in ("это", "что", "то")
        and c.ent_type_ != "ORG" and c.morph.get("Case") not in ([], ["Nom"])
        for c in verb.children
    )


def subjects_of(verb) -> list:
    """The verb's subjects with their coordinated nouns; a conjoined verb shares its head's subject."""
    node, subjects = verb, direct_subjects(verb)
    while not subjects and node.dep_ in ("conj", "xcomp") and node.head.i != node.i:
        node = node.head
        subjects = [s for s in direct_subjects(node) if agrees(verb, s)]
    if subjects and subjects[0].lemma_ == "который" and node.dep_ == "acl:relcl":
        subjects = [node.head]
    found = []
    for subject in subjects:
        found.extend(t for t in [subject, *coordinated(subject)] if t not in found)
    return [t for t in found if not is_role_before_name(t, found)]


def agrees(verb, subject) -> bool:
    """Number agreement, unless the subject is coordinated («Х и Y заявили») or its number unknown."""
    number, own = verb.morph.get("Number"), subject.morph.get("Number")
    coordinated_subject = any(c.dep_ == "conj" or c.dep_.startswith("nummod") for c in subject.children)
    return not number or not own or number == own or coordinated_subject or subject.pos_ == "X"


def direct_subjects(verb) -> list:
    candidates = [c for c in verb.children if c.dep_ in SUBJECT_RELS and c.pos_ in NOMINAL_POS]
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


def is_role_before_name(token, subjects: list) -> bool:
    """«прыгунья в длину Джейд Джонсон» parsed as two subjects: the role noun is not a source."""
    if token.ent_type_ == "PER":
        return False
    end = token.right_edge.i + 1
    return any(other.ent_type_ == "PER" and 0 <= other.i - end <= 1 for other in subjects)


def coordinated(noun) -> list:
    found = []
    for child in noun.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "X") and child.i > noun.i:
            found.append(child)
            found.extend(coordinated(child))
    return found


def impersonal_place(verb) -> list:
    """«В ФСИН сообщили», «в нижней палате парламента опровергают»: the organization named by «в X»."""
    if "Plur" not in verb.morph.get("Number") or "1" in verb.morph.get("Person") or "2" in verb.morph.get("Person"):
        return []
    for child in verb.children:
        if child.dep_ == "obl" and has_case(child, {"в", "во"}) and child.i < verb.i and is_institution(child):
            return [child]
    return []


def is_institution(token) -> bool:
    return token.ent_type_ == "ORG" or token.lemma_ in rules.GOVERNMENT_HEADS and token.ent_type_ != "LOC"


def cited_sources(verb) -> list[Attribution]:
    """«со ссылкой на X» under the verb: X is the source the verb's subject cites."""
    cited = []
    for token in verb.subtree:
        target = rules.REFERENCE_NOUNS.get(token.lemma_)
        if target is None or not has_case(token, {"с", "со"}):
            continue
        for child in token.children:
            if has_case(child, {target}) and child.pos_ in NOMINAL_POS:
                case, last = case_token(token), case_token(child)
                cited.append(Attribution(child, (case.idx, last.idx + len(last.text))))
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
    if citer is not None:
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
    if prepositions is None or not has_case(token, prepositions):
        return []
    case = case_token(token)
    cue = (case.idx, token.idx + len(token.text))
    claims = parenthetical_claim(doc, {t.i for t in token.subtree})
    owner = owner_of(token)
    if owner is not None:
        return [Attribution(owner, cue, claims=claims)]
    if token.lemma_ in rules.UNOWNED_DATA_NOUNS:
        return [Attribution(token, cue, claims=claims, bare_data=True)]
    if token.lemma_ in rules.DOCUMENT_HEADS:
        return [Attribution(token, cue, claims=claims)]
    return []


def impersonal_cues(doc, token, quotes) -> list[Attribution]:
    """«говорится в докладе», «как следует из документации», «в статье утверждалось»."""
    if token.lemma_ not in rules.IMPERSONAL_VERBS or direct_subjects(token):
        return []
    for child in token.children:
        if child.dep_ in ("obl", "nmod") and has_case(child, {"в", "во", "из"}) and is_document_place(child):
            last = case_token(child) if token.i < child.i else token
            cue = (token.idx, last.idx + len(last.text))
            source = owner_of(child) or child
            return [Attribution(source, cue, claims=verb_claims(doc, token, quotes))]
    return []


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


def has_case(token, prepositions: set[str]) -> bool:
    return any(c.dep_ in ("case", "fixed") and c.lower_ in prepositions for c in token.children)


def has_any_case(token) -> bool:
    return any(c.dep_ == "case" for c in token.children)


def case_token(token):
    cases = [c for c in token.children if c.dep_ == "case"]
    return cases[0] if cases else token


def publications(doc, token, quotes) -> list[Attribution]:
    """«статья, опубликованная в The New York Times»: the outlet that published it."""
    if token.lemma_ not in rules.PUBLICATION_VERBS or "Part" not in token.morph.get("VerbForm"):
        return []
    for child in token.children:
        if child.dep_ == "obl" and has_case(child, {"в", "во"}) and child.ent_type_ == "ORG":
            case = case_token(child)
            return [Attribution(child, (token.idx, case.idx + len(case.text)))]
    return []


FINDERS = (non_answers, reporting_verbs, citing_verbs, attribution_nouns, impersonal_cues, publications)


# --- claims -------------------------------------------------------------------------------------


def verb_claims(doc, verb, quotes, *, parenthetical: bool = True) -> list[tuple[int, int]]:
    """What a reporting verb attributes: a quote, its clause, the previous sentence, or the sentence."""
    quote = quote_before(doc, verb, quotes) or quote_after(doc, verb, quotes)
    if quote:
        return [quote]
    clause = clause_of(verb)
    if clause:
        return [clause]
    if refers_back(verb):
        previous = previous_sentence(doc, verb)
        return [previous] if previous else []
    return parenthetical_claim(doc, cue_block(verb)) if parenthetical else []


def clause_of(verb) -> tuple[int, int] | None:
    """The «что»-clause, or an infinitive complement of «призвал», «потребовал»."""
    for child in verb.children:
        infinitive = child.dep_ == "xcomp" and verb.lemma_ in rules.INFINITIVE_CLAIM_VERBS
        if (child.dep_ in CLAUSE_RELS or infinitive) and child.i > verb.i:
            return trimmed(without_mark(clause_tokens(verb, child)))
    return None


def clause_tokens(verb, clause) -> list:
    """The clause from its first word to the end of the sentence, leaving out the cue phrase."""
    start = max(clause.left_edge.i, verb.i + 1)
    later = {t.i for c in verb.children if c.dep_ in ("conj", "parataxis") and c.i > start for t in c.subtree}
    return [t for t in verb.sent if t.i >= start and t.i not in later]


def without_mark(tokens: list) -> list:
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].lower_ in rules.CLAUSE_MARKS):
        tokens = tokens[1:]
    return tokens


def refers_back(verb) -> bool:
    """«Об этом сообщило агентство»: the claim is what the previous sentence said."""
    return any(child.lemma_ in ("это", "то") and has_case(child, {"о", "об"}) for child in verb.children)


def previous_sentence(doc, token) -> tuple[int, int] | None:
    start = token.sent.start
    while start > 0 and doc[start - 1].is_space:
        start -= 1
    return trimmed(list(doc[start - 1].sent)) if start > 0 else None


def cue_block(verb) -> set[int]:
    """Token indices of the cue phrase: the verb, its subject and its short dependents."""
    block = {verb.i}
    for child in verb.children:
        skipped = child.dep_ in CLAUSE_RELS + ("parataxis", "conj", "advcl", "punct", "dep", "cc", "mark", "xcomp")
        if skipped and child.lower_ != "как":
            continue
        block.update(t.i for t in child.subtree)
    return block


def parenthetical_claim(doc, block: set[int]) -> list[tuple[int, int]]:
    """The sentence around a cue phrase: the part before or after it, or the whole sentence."""
    sentence = doc[min(block)].sent
    words = [t for t in sentence if not t.is_space]
    before = [t for t in words if t.i < min(block)]
    after = [t for t in words if t.i > max(block)]
    has_before = any(not t.is_punct for t in before)
    has_after = any(not t.is_punct for t in after)
    if has_before and has_after:
        span = trimmed(words)
    else:
        span = trimmed(before if has_before else without_mark(after))
    return [span] if span else []


def trimmed(tokens: list) -> tuple[int, int] | None:
    tokens = [t for t in tokens if not t.is_space]
    while tokens and tokens[0].is_punct and tokens[0].text not in "«„“\"(":
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in "»“”\")":
        tokens = tokens[:-1]
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


# --- source phrases -----------------------------------------------------------------------------


class Resolver:
    """Turns source head tokens into phrases; remembers earlier phrases for anaphora."""

    def __init__(self, doc, context: Context) -> None:
        self.doc = doc
        self.context = context
        self.history: list[tuple[int, Phrase]] = []
        self.roles = person_roles(doc, context)

    def resolve(self, attribution: Attribution) -> Phrase | None:
        head = attribution.head
        if attribution.bare_data:
            phrase = self.unowned_data(head)
        elif is_pronoun(head):
            phrase = self.pronoun(head)
        else:
            phrase = self.named_person(head) or self.anaphor(head) or self.phrase(head)
        if phrase is not None:
            self.history.append((head.i, phrase))
        return phrase

    # anaphora

    def pronoun(self, head) -> Phrase | None:
        lemma = rules.POSSESSIVE_PRONOUNS.get(head.lower_, head.lemma_)
        plural = lemma == "они"
        gender = {"он": "Masc", "она": "Fem"}.get(lemma, "")
        antecedent = self.recent(head, lambda p: p.plural == plural and (not gender or p.gender in ("", gender)))
        if antecedent is None and not plural:
            person = self.nearest_actor(head, "person")
            antecedent = self.person_phrase(person, head, head) if person else None
        return moved(antecedent, head) if antecedent else None

    def anaphor(self, head) -> Phrase | None:
        """Bare «материал», «ведомство», «политик»: an earlier source the noun refers back to."""
        holder = self.role_holder(head) if is_person_description(head) else None
        if holder is not None:
            return self.person_phrase(holder, head, head)
        if not is_bare(head):
            return None
        if is_bare(head, modifiers=False) and head.lemma_ in rules.ANAPHORIC_DOCUMENTS:
            return moved(self.recent(head, lambda p: p.kind == "media"), head)
        if is_bare(head, modifiers=False) and head.lemma_ in rules.DOCUMENT_HEADS:
            earlier = described_before(head)
            return moved(self.common_phrase(earlier), head) if earlier is not None else None
        family = rules.ANAPHORIC_ORGANIZATIONS.get(head.lemma_)
        if family is not None and is_bare(head, modifiers=False):
            found = self.recent(head, lambda p: p.kind in family and p.actor is not None)
            actor = None if found else self.nearest_actor(head, "organization")
            return moved(found, head) if found else (self.actor_phrase(actor, head) if actor else None)
        if is_person_description(head):
            gender = "".join(head.morph.get("Gender"))
            return moved(self.recent(head, lambda p: p.actor is not None and p.kind in ("person", "official")
                                     and p.gender in ("", gender)), head)
        return None

    def role_holder(self, head) -> Actor | None:
        """«Президент России подчеркнул» after «президент России Владимир Путин»: who holds the role."""
        best, best_start = None, -1
        role, complements = role_of(head)
        for actor in self.context.actors:
            held = self.roles.get(actor.id, {}).get(role)
            if held is None or complements and not complements & held:
                continue
            for mention in actor.mentions:
                if best_start < mention.start < head.idx:
                    best, best_start = actor, mention.start
        return best

    def recent(self, head, accept) -> Phrase | None:
        return next((p for i, p in reversed(self.history) if i < head.i and accept(p)), None)

    def nearest_actor(self, token, actor_type: str) -> Actor | None:
        best, best_start = None, -1
        for actor in self.context.actors:
            for mention in actor.mentions:
                if actor.type == actor_type and best_start < mention.start < token.idx:
                    best, best_start = actor, mention.start
        return best

    # phrases

    def named_person(self, head) -> Phrase | None:
        person_token = person_in(head)
        actor = self.actor_of(person_token) if person_token is not None else None
        if actor is not None and actor.type == "person":
            return self.person_phrase(actor, head, person_token)
        return None

    def phrase(self, head) -> Phrase | None:
        named = named_organization(head)
        actor = self.actor_of(named if named is not None else head)
        if actor is not None and actor.type != "person" and (named is not None or covers(actor, head)):
            return self.actor_phrase(actor, head)
        return self.common_phrase(head)

    def actor_of(self, token) -> Actor | None:
        return self.context.actor_at(token.idx, token.idx + len(token.text))

    def person_phrase(self, actor: Actor, head, name_token) -> Phrase:
        roles = [role_words(self.doc, head)] if head.i != name_token.i else []
        roles += [r.lower().split() for r in actor.roles if r]
        kind = "official" if any(is_official_role(r) for r in roles) else "person"
        start, end = min(head.i, name_token.i), max(head.i, name_token.i) + 1
        gender = "".join(name_token.morph.get("Gender"))
        return Phrase(start, end, actor.name, kind, f"actor:{actor.id}", actor=actor, head_lemma=actor.name,
                      gender=gender)

    def actor_phrase(self, actor: Actor, head) -> Phrase:
        start, end = phrase_extent(head)
        name = self.actor_name(actor, start, end)
        kind = actor_kind(name, actor, self.descriptors(actor, head))
        tokens = [t for t in self.doc[start:end] if t.i != head.i and not dropped(t, head)]
        return Phrase(start, end, name, kind, f"actor:{actor.id}", actor=actor, head_lemma=head.lemma_,
                      modifiers=frozenset(t.lemma_ for t in tokens), plural="Plur" in head.morph.get("Number"))

    def actor_name(self, actor: Actor, start: int, end: int) -> str:
        """The actor's name, its abbreviation spelled out, with the complements that follow the mention."""
        name = self.defined_acronym(actor.name) or expand_abbreviation(PARENTHESIS_RE.sub(" ", actor.name).strip())
        mention = next((m for m in actor.mentions if self.doc[start].idx <= m.start < self.doc[end - 1].idx + 1), None)
        if mention is None or actor.type != "organization":
            return name
        tail = [t for t in self.doc[start:end] if t.idx >= mention.end]
        if not tail or tail[0].pos_ not in ("PROPN", "NOUN", "ADP") or any(t.ent_type_ == "PER" for t in tail):
            return name
        return f"{name} {self.doc[tail[0].i : tail[-1].i + 1].text}"

    def defined_acronym(self, name: str) -> str | None:
        """«RSF» where the text defines «Репортеры без границ» (RSF): the full name."""
        if not (name.isupper() and name.isalpha() and 2 <= len(name) <= 6):
            return None
        match = re.search(r"«([^«»]{3,80})»\s*\(" + re.escape(name) + r"\)", self.doc.text)
        return match.group(1) if match else None

    def descriptors(self, actor: Actor, head) -> set[str]:
        """Lemmas written just before any mention of the actor: «правозащитный центр «Вясна»»."""
        lemmas = {head.lemma_} | {t.lemma_ for t in head.lefts}
        for mention in actor.mentions:
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                lemmas |= {t.lemma_ for t in self.doc[max(span.start - 3, 0) : span.start]}
                lemmas |= {t.lemma_ for t in span}
        return lemmas

    def common_phrase(self, head) -> Phrase | None:
        if head.pos_ == "PRON" or not any(c.isalpha() for c in head.text):
            return None
        start, end = phrase_extent(head)
        tokens = [t for t in self.doc[start:end] if not dropped(t, head)]
        kind = common_kind(tokens, head)
        if kind is None:
            return None
        count = phrase_count(self.doc[start:end], head)
        description = anonymous_description(head) if kind == "anonymous" and len(tokens) == 1 else []
        name = self.phrase_name(tokens, head, plural=bool(count and count > 1))
        if description:
            name = f"{name}, {self.description_name(description, head, count)}"
            end = description[-1].i + 1
        plural = "Plur" in head.morph.get("Number") or bool(count and count > 1)
        return Phrase(start, end, name, kind, f"name:{normal_key(name)}", affiliation=self.affiliation(tokens, head),
                      count=count, head_lemma=head.lemma_, modifiers=frozenset(t.lemma_ for t in tokens if t != head),
                      plural=plural, gender="".join(head.morph.get("Gender")))

    def phrase_name(self, tokens: list, head, *, plural: bool = False) -> str:
        """Left modifiers and head in the nominative, complements as written: «трех неназванных собеседников»."""
        span = self.doc[tokens[0].i : tokens[-1].i + 1]
        if head.pos_ in ("PROPN", "X") and len(span) == len(tokens):
            return inflect_phrase(span, self.context.morph_vocab, head_only=True)
        number = "Plur" if plural or "Plur" in head.morph.get("Number") else "Sing"
        words = [self.inflect(t, number) if t.i <= head.i else t.text for t in tokens]
        return lowercase_first(" ".join(words), tokens[0])

    def description_name(self, tokens: list, head, count: int | None) -> str:
        number = "Plur" if count and count > 1 or "Plur" in head.morph.get("Number") else "Sing"
        return " ".join(self.inflect(t, number) if t.head == head else t.text for t in tokens)

    def inflect(self, token, number: str) -> str:
        """The token in the nominative of `number`, choosing the analysis that matches its case."""
        if self.context.morph_vocab is None or not token.is_alpha and "-" not in token.text:
            return token.text
        case = token.morph.get("Case")
        forms = [f for f in self.context.morph_vocab.parse(token.text.lower()) if f.pos in INFLECTED_POS]
        matching = [f for f in forms if not case or f.feats.get("Case") in case] or forms
        for form in matching:
            inflected = form.inflect({number, "Nom"}) if number == "Plur" or form.pos == "NOUN" else \
                form.inflect({number, "Nom", *gender_of(token)})
            if inflected is not None:
                return restore_case(inflected.word, token.text)
        return token.text

    def unowned_data(self, head) -> Phrase | None:
        """«по официальным данным», «по другим данным»: data without an owner."""
        lemmas = {t.lemma_ for t in head.lefts}
        name, kind = next(
            (value for lemma, value in rules.UNOWNED_DATA.items() if lemma in lemmas), rules.UNOWNED_DATA[""]
        )
        return Phrase(head.i, head.i + 1, name, kind, f"name:{normal_key(name)}", head_lemma=name.split()[-1],
                      modifiers=frozenset(name.split()[:-1]), plural=True)

    def affiliation(self, tokens: list, head) -> Actor | None:
        """The organization a common-noun source speaks for: «пресс-служба МВД», «спикер ведомства»."""
        for token in tokens:
            if token.i == head.i:
                continue
            actor = self.actor_of(token)
            if actor is not None and actor.type == "organization":
                return actor
            if token.lemma_ in rules.ANAPHORIC_ORGANIZATIONS and token.head.i == head.i:
                return self.nearest_actor(token, "organization")
        return None


def person_roles(doc, context: Context) -> dict[str, dict[str, set[str]]]:
    """Each person's roles: role-noun lemma → stems of its complements («президент» → {«росси»})."""
    roles: dict[str, dict[str, set[str]]] = {}
    for actor in context.actors:
        if actor.type != "person":
            continue
        held = roles.setdefault(actor.id, {})
        for role in actor.roles:
            first, *rest = role.lower().split() or [""]
            held.setdefault(first, set()).update(stem(word) for word in rest)
        for mention in actor.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in NAME_RELS and span.root.head.pos_ in ("NOUN", "PROPN"):
                noun = span.root.head
                words = [t for t in noun.subtree if t.i != noun.i and t.is_alpha and t.ent_type_ != "PER"]
                held.setdefault(noun.lemma_.lower(), set()).update(stem(t.text) for t in words)
    return roles


def role_of(head) -> tuple[str, set[str]]:
    """The role lemma and the stems of its complements; «глава государства» is read as «президент»."""
    words = [t for t in head.subtree if t.i != head.i and t.is_alpha and t.pos_ != "ADP"]
    synonym = rules.ROLE_SYNONYMS.get((head.lemma_.lower(), " ".join(t.lemma_ for t in words)))
    if synonym:
        return synonym, set()
    return head.lemma_.lower(), {stem(t.text) for t in words}


def stem(word: str) -> str:
    return word.lower().replace("ё", "е")[:4]


def described_before(head):
    """«говорится в указе» after «подписал указ о помиловании»: the earlier, described mention."""
    for token in reversed(head.doc[: head.i]):
        if token.lemma_ == head.lemma_ and phrase_extent(token)[1] > token.i + 1:
            return token
    return None


def moved(phrase: Phrase | None, head) -> Phrase | None:
    """The same source, mentioned at `head`."""
    return replace(phrase, start=head.i, end=head.i + 1) if phrase else None


def is_pronoun(token) -> bool:
    return token.lemma_ in rules.PERSONAL_PRONOUNS or token.lower_ in rules.POSSESSIVE_PRONOUNS


def is_bare(head, *, modifiers: bool = True) -> bool:
    """A noun without complements («политик», «российский президент»); without `modifiers`, determiners only."""
    rels = ("nmod", "appos", "flat", "flat:name", "flat:foreign", "nummod", "nummod:gov")
    if not modifiers:
        rels += ("amod", "acl")
    return head.pos_ == "NOUN" and not any(
        c.dep_ in rels and c.lemma_ not in rules.NAME_DROP_LEMMAS for c in head.children
    )


def is_person_description(head) -> bool:
    """«политик», «феминистка», «режиссер»: a singular person noun that names no one new."""
    return (
        "Anim" in head.morph.get("Animacy") and "Sing" in head.morph.get("Number")
        and head.lemma_ not in rules.ANONYMOUS_HEADS and head.lemma_ not in rules.NEW_PERSON_HEADS
        and not any(c.dep_ == "amod" and c.lemma_ in rules.ANONYMOUS_MARKERS for c in head.children)
    )


def person_in(head):
    """The PER token heading the phrase: the head itself or a name in apposition to its role."""
    if head.ent_type_ == "PER":
        return head
    for token in head.subtree:
        if token.i > head.i and token.ent_type_ == "PER" and linked_by(token, head, NAME_RELS):
            return token
    after = head.doc[phrase_extent(head)[1]] if phrase_extent(head)[1] < len(head.doc) else None
    if after is not None and after.ent_type_ == "PER" and head.pos_ == "NOUN" and "Anim" in head.morph.get("Animacy"):
        return after
    return None


def linked_by(token, ancestor, rels: tuple[str, ...]) -> bool:
    while token.i != ancestor.i:
        if token.dep_ not in rels or has_any_case(token) or token.head.i == token.i:
            return False
        token = token.head
    return True


def named_organization(head):
    """«агентство Reuters», «газеты «Ведомости»»: the name in apposition to a head noun."""
    if head.ent_type_ == "ORG":
        return head
    for child in head.children:
        named = child.dep_ in NAME_RELS or head.lemma_ in rules.MEDIA_HEADS
        if child.i > head.i and child.ent_type_ == "ORG" and named:
            return child
    return None


def covers(actor: Actor, head) -> bool:
    return any(m.start <= head.idx < m.end for m in actor.mentions)


def phrase_extent(head) -> tuple[int, int]:
    start = head.i
    for child in sorted(head.lefts, key=lambda t: -t.i):
        if child.i == start - 1 and child.dep_ in ("amod", "det", "nummod", "nummod:gov") and not child.is_punct:
            start = child.i
    end = head.i + 1
    for child in head.rights:
        if child.dep_ not in PHRASE_RIGHT_RELS or child.ent_type_ == "PER" and head.ent_type_ != "PER":
            break
        sub = right_complement(child, head)
        if not sub or sub[0].i != end or sub[-1].i + 1 - start > MAX_PHRASE_TOKENS:
            break
        end = sub[-1].i + 1
    return start, end


def right_complement(child, head) -> list:
    tokens = list(child.subtree)
    cases = [t for t in tokens if t.dep_ == "case" and t.head.i == child.i]
    allowed = rules.PHRASE_PREPOSITIONS
    if head.lemma_ in rules.DOCUMENT_HEADS:
        allowed = allowed | rules.DOCUMENT_PREPOSITIONS
    if cases and cases[0].lower_ not in allowed:
        return []
    if cases and cases[0].lower_ in rules.PLACE_PREPOSITIONS and not is_place(child):
        return []
    for n, token in enumerate(tokens):
        if token.is_punct and token.text not in "«»\"()" or token.is_space or token.dep_ in ("acl", "acl:relcl"):
            return trim_tail(tokens[:n])
        if token.ent_type_ == "PER" and head.ent_type_ != "PER":
            return trim_tail(tokens[:n])
    return trim_tail(tokens)


def is_place(token) -> bool:
    """«в Вашингтоне», «в администрации президента» continue a source; «в совместном заявлении» does not."""
    return token.ent_type_ in ("LOC", "ORG") or token.lemma_ in rules.GOVERNMENT_HEADS


def trim_tail(tokens: list) -> list:
    while tokens and (tokens[-1].pos_ in ("ADP", "CCONJ") or tokens[-1].is_punct and tokens[-1].text not in "»\")"):
        tokens = tokens[:-1]
    opening = next((n for n, t in enumerate(tokens) if t.text == "("), None)
    if opening is not None and sum(t.text == "(" for t in tokens) != sum(t.text == ")" for t in tokens):
        tokens = tokens[:opening]
    return tokens


def anonymous_description(head) -> list:
    """«источник, знакомый с ходом переговоров»: the participle that identifies a bare anonymous source."""
    for child in head.rights:
        if child.dep_ in ("amod", "acl") and child.pos_ in ("ADJ", "VERB") and child.i > head.i:
            tokens = [t for t in child.subtree if not t.is_space]
            words = [t for t in tokens if not (t.is_punct and t.i in (tokens[0].i, tokens[-1].i))]
            if words and not any(t.is_punct for t in words) and len(words) <= 6:
                return words
    return []


def dropped(token, head) -> bool:
    if token.i == head.i:
        return False
    if token.lemma_ in rules.NAME_DROP_LEMMAS or token.pos_ == "NUM" or token.like_num:
        return token.i < head.i
    return token.dep_ in ("nummod", "nummod:gov") and token.head.i == head.i


def phrase_count(tokens, head) -> int | None:
    for token in tokens:
        if token.i < head.i and (token.dep_.startswith("nummod") or token.pos_ == "NUM"):
            value = number_value(token)
            if value is not None:
                return value
    return None


def number_value(token) -> int | None:
    """«3», «трех», «пятерых» → the number; None for anything else."""
    from .numbers import MAX_DIGITS, cardinal_value, normal_forms

    if token.text.isdecimal() and len(token.text) <= MAX_DIGITS:
        return int(token.text)
    collective = (rules.COLLECTIVE_NUMBERS.get(form) for form in sorted(normal_forms(token.text)))
    return cardinal_value(token.text) or next((value for value in collective if value), None)


def gender_of(token) -> set[str]:
    head = token.head if token.dep_ in ("amod", "det") else token
    return set(head.morph.get("Gender")[:1])


def restore_case(word: str, original: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if original[:1].isupper() else word


def lowercase_first(name: str, first) -> str:
    if first.pos_ in ("PROPN", "X") or first.ent_type_ or name[:2].isupper():
        return name
    return name[:1].lower() + name[1:]


def expand_abbreviation(name: str) -> str:
    first, _, rest = name.partition(" ")
    full = rules.ABBREVIATIONS.get(first.lower())
    return f"{full} {rest}".strip() if full else name


def role_words(doc, head) -> list[str]:
    start, end = phrase_extent(head)
    return [t.lemma_ for t in doc[start:end] if t.ent_type_ != "PER"]


# --- kinds --------------------------------------------------------------------------------------


def is_official_role(words: list[str]) -> bool:
    """«министр», «глава МИД»: a role of state; «глава Союза кинематографистов» is not."""
    words = [w for w in words if w not in rules.ROLE_SKIP_WORDS]
    if not words:
        return False
    if any(w in rules.OFFICIAL_HEADS for w in words[:2]):
        return True
    if words[0] not in rules.CONDITIONAL_OFFICIAL_HEADS:
        return False
    government = {stem(w) for w in rules.GOVERNMENT_HEADS}
    return any(stem(w) in government for w in words[1:])


def actor_kind(name: str, actor: Actor, descriptors: set[str]) -> str:
    key = name_key(name)
    if actor.type == "location":
        return "government"
    known = known_kind(key) or known_kind(name_key(actor.name))
    if known:
        return known
    words = set(key.split()) | descriptors
    for heads, kind in (
        (rules.MEDIA_HEADS, "media"), (rules.NGO_HEADS, "ngo"), (rules.GOVERNMENT_HEADS, "government"),
    ):
        if words & heads:
            return kind
    return "organization"


def known_kind(key: str) -> str | None:
    for names, kind in (
        (rules.KNOWN_MEDIA, "media"), (rules.KNOWN_NGOS, "ngo"), (rules.SOCIAL_MEDIA_NAMES, "social_media"),
        (rules.KNOWN_GOVERNMENT, "government"),
    ):
        if key in names:
            return kind
    if set(key.split()) & rules.MEDIA_NAME_WORDS:
        return "media"
    return None


def name_key(name: str) -> str:
    return normal_key(PARENTHESIS_RE.sub(" ", name).replace("«", "").replace("»", "").replace('"', ""))


def common_kind(tokens: list, head) -> str | None:
    lemmas = {t.lemma_ for t in tokens}
    if head.lemma_ in rules.ANONYMOUS_HEADS or lemmas & rules.ANONYMOUS_MARKERS and "Anim" in head.morph.get("Animacy"):
        return "anonymous"
    official_group = "Plur" in head.morph.get("Number") and head.lemma_ in rules.OFFICIAL_PLURAL_HEADS
    if official_group or is_official_role([t.lemma_ for t in tokens if t.i >= head.i]):
        return "official"
    for heads, kind in ((rules.MEDIA_HEADS, "media"), (rules.SOCIAL_HEADS, "social_media")):
        if head.lemma_ in heads:
            return kind
    if lemmas & rules.NGO_HEADS:
        return "ngo"
    for heads, kind in (
        (rules.GOVERNMENT_HEADS, "government"), (rules.DOCUMENT_HEADS, "document"),
        (rules.ORGANIZATION_HEADS, "organization"),
    ):
        if head.lemma_ in heads:
            return kind
    if "Anim" in head.morph.get("Animacy") or head.ent_type_ == "PER":
        return "person"
    if head.pos_ in ("PROPN", "X") and head.text[:1].isupper():
        return known_kind(name_key(head.text)) or "organization"
    return None


# --- merging ------------------------------------------------------------------------------------


def group_attributions(attributions: list[Attribution]) -> list[list[Attribution]]:
    groups: list[list[Attribution]] = []
    for attribution in attributions:
        group = next((g for g in groups if any(same_source(a.phrase, attribution.phrase) for a in g)), None)
        if group is None and joins_last_anonymous(attribution.phrase):
            group = next((g for g in reversed(groups) if g[0].phrase.kind == "anonymous"), None)
        if group is None:
            groups.append([attribution])
        else:
            group.append(attribution)
    return groups


def same_source(one: Phrase, other: Phrase) -> bool:
    if one.key == other.key or name_key(one.name) == name_key(other.name) or same_person(one, other):
        return True
    if is_acronym_of(one.name, other.name) or is_acronym_of(other.name, one.name):
        return True
    if one.head_lemma != other.head_lemma:
        return False
    smaller, larger = sorted((one, other), key=lambda p: len(p.modifiers))
    if not smaller.modifiers:
        return True
    return smaller.actor is None and larger.actor is None and smaller.modifiers <= larger.modifiers


def same_person(one: Phrase, other: Phrase) -> bool:
    """«Вертинскому» and «Александр Вертинский»: person sources sharing a surname stem."""
    if one.kind not in ("person", "official") or other.kind not in ("person", "official"):
        return False
    if one.actor is None or other.actor is None or one.actor.type != "person" or other.actor.type != "person":
        return False
    return stem(one.name.split()[-1]) + one.name.split()[-1][4:5] == stem(other.name.split()[-1]) + \
        other.name.split()[-1][4:5]


def is_acronym_of(short: str, full: str) -> bool:
    """«МВД» and «Министерство внутренних дел», «АМЮГ» and «Ассоциация молодых юристов Грузии (АМЮГ)»."""
    if not (short.isupper() and 2 <= len(short) <= 6 and short.isalpha()):
        return False
    if f"({short})" in full:
        return True
    words = [w for w in re.findall(r"\w+", full) if w.lower() not in rules.ACRONYM_SKIP_WORDS]
    initials = "".join(w[0] for w in words).upper()
    return len(words) > 1 and initials.startswith(short)


def joins_last_anonymous(phrase: Phrase) -> bool:
    """A later bare «собеседники» / «источники» is the anonymous source already cited."""
    return phrase.kind == "anonymous" and phrase.head_lemma in rules.SPEAKER_HEADS and not (
        phrase.modifiers - rules.SPEAKER_NEUTRAL_MODIFIERS
    )


# --- records ------------------------------------------------------------------------------------


def build_sources(doc, groups: list[list[Attribution]]) -> list[Source]:
    ids = {id(a): f"S{n}" for n, group in enumerate(groups, 1) for a in group}
    return [build_source(doc, f"S{n}", group, ids) for n, group in enumerate(groups, 1)]


def build_source(doc, source_id: str, group: list[Attribution], ids: dict[int, str]) -> Source:
    phrases = [a.phrase for a in group]
    actors = [p for p in phrases if p.actor is not None]
    best = max(actors, key=lambda p: len(p.name.split())) if actors else phrases[0]
    first_cue = min(group, key=lambda a: a.cue[0])
    via = list(dict.fromkeys(ids[id(c)] for a in group for c in a.cites if id(c) in ids and ids[id(c)] != source_id))
    actor = best.actor or best.affiliation
    return Source(
        id=source_id,
        name=best.name,
        kind=best.kind,
        actor=actor.id if actor else None,
        cue=doc.text[first_cue.cue[0] : first_cue.cue[1]],
        stance=stance_of(group),
        count=next((p.count for p in phrases if p.count is not None), None),
        via=via,
        claims=[Claim(**span.model_dump()) for span in unique_spans(doc, [c for a in group for c in a.claims])],
        mentions=unique_spans(doc, [token_range(doc, p.start, p.end) for p in phrases]),
    )


def stance_of(group: list[Attribution]) -> str:
    """Stated when the source said anything; otherwise how it first declined."""
    stances = [a.stance for a in sorted(group, key=lambda a: a.cue)]
    return "stated" if "stated" in stances else stances[0]


def token_range(doc, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def unique_spans(doc, ranges: list[tuple[int, int]]) -> list[Span]:
    return [Span(start=s, end=e, text=doc.text[s:e]) for s, e in sorted(set(ranges))]
