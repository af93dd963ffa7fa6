"""What a source is reported to say: a quote, its «что»-clause, the previous sentence, or the sentence
around its cue."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..constants import ABOUT_PREPOSITIONS, CLAUSE_DEPS
from ..tree import has_case
from . import rules

QUOTE_RE = re.compile(r"«(?:[^«»]|«[^«»]*»)*»|„[^„“]*“|“[^“”]*”")
# A straight quote mark opens after a line start, a space or an opening bracket or dash, before a non-space.
STRAIGHT_OPENING_RE = re.compile(r"(?:^|(?<=[\s(«„—–:-]))\"(?=\S)", re.MULTILINE)
DASH_AFTER_QUOTE_RE = re.compile(r"\s*[,.!?…]?\s*[—–-]{1,2}\s*$")
DASH_AFTER_SPEECH_RE = re.compile(r"\s*[,.!?…]?\s*[—–-]{1,2}\s")
# «…, — пояснил Хоермаер. — …»: the narrator's words inside a quoted passage.
NARRATOR_INSERT_RE = re.compile(r"[,.!?…]\s+[—–-]{1,2}\s+[^\"«»“”]{3,120}?[.,:]\s+[—–-]{1,2}\s+")
SPEECH_WORDS = 6


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted passages, the quote marks included, in text order and none inside another
    (`quote_before` and `quote_after` bisect them)."""
    found = [(m.start(), m.end()) for m in QUOTE_RE.finditer(text)] + straight_quotes(text)
    outermost, reach = [], -1
    for start, end in sorted(found, key=lambda span: (span[0], -span[1])):
        if end > reach:
            outermost.append((start, end))
            reach = end
    return [(start, end) for start, end in outermost if is_passage(text[start + 1 : end - 1])]


def straight_quotes(text: str) -> list[tuple[int, int]]:
    """Outermost passages in straight quotes, nested ones paired too: «"Они спели "My Bonnie", - сказал он"»."""
    openings = {m.start() for m in STRAIGHT_OPENING_RE.finditer(text)}
    found, depth, start = [], 0, 0
    for position, char in enumerate(text):
        if char == "\n":
            depth = 0
        elif char == '"' and position in openings:
            start = position if depth == 0 else start
            depth += 1
        elif char == '"' and depth:
            depth -= 1
            if depth == 0:
                found.append((start, position + 1))
    return found


def is_passage(text: str) -> bool:
    return len(text.split()) >= 3


def speech_quotes(text: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Ranges of quoted speech: quotes followed by «, — сказал …», opened after a colon, or long quotes that open a
    sentence; the narrator's «…, — пояснил он. — …» inside a quote is left out."""
    ranges = []
    for start, end in quotes:
        before = text[max(0, start - 3) : start].strip()
        opens_sentence = not before or before[-1] in ".!?"
        attributed = DASH_AFTER_SPEECH_RE.match(text[end : end + 5]) or before.endswith(":")
        if attributed or opens_sentence and len(text[start:end].split()) >= SPEECH_WORDS:
            ranges.extend(without_inserts(text, start, end))
    return ranges


def without_inserts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    ranges, position = [], start
    for insert in NARRATOR_INSERT_RE.finditer(text, start, end):
        ranges.append((position, insert.start()))
        position = insert.end()
    return [*ranges, (position, end)]


def quote_before(doc, token, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quote that ends right before «, — заявил» where `token` is the cue verb."""
    window = doc.text.rfind("\n", 0, token.idx) + 1
    for position in range(bisect_left(quotes, window, key=first), len(quotes)):
        start, end = quotes[position]
        if start >= token.idx:
            break
        if end <= token.idx and DASH_AFTER_QUOTE_RE.match(doc.text, end, token.idx):
            return start + 1, end - 1
    return None


def quote_after(doc, token, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quote that follows «заявил:» where `token` is the cue verb."""
    colon = doc.text.find(":", token.idx, token.idx + 80)
    if colon < 0 or "\n" in doc.text[token.idx : colon] or "." in doc.text[token.idx : colon]:
        return None
    following = bisect_right(quotes, colon, key=first)  # a later quote has this one between it and the colon
    if following < len(quotes):
        start, end = quotes[following]
        if not doc.text[colon + 1 : start].strip():
            return start + 1, end - 1
    return None


def first(span: tuple[int, int]) -> int:
    return span[0]


def speech_after_colon(doc, token) -> tuple[int, int] | None:
    """«Чиновник добавил: Согласно характеристике, …» with the quote marks lost: the rest of the sentence, or
    the next sentence when the colon ends one."""
    colon = next((t for t in token.sent if t.i > token.i and t.text == ":"), None)
    if colon is None or colon.i - token.i > 8 or any(t.text in ".!?" for t in doc[token.i : colon.i]):
        return None
    rest = [t for t in token.sent if t.i > colon.i]
    if not any(t.is_alpha for t in rest):
        end = token.sent.end
        while end < len(doc) and doc[end].is_space:
            end += 1
        rest = list(doc[end].sent) if end < len(doc) and "\n" not in doc[colon.i : end].text else []
    return trimmed(rest)


def verb_claims(doc, verb, quotes, *, parenthetical: bool = True) -> list[tuple[int, int]]:
    """What a reporting verb attributes: a quote, its clause, the previous sentence, or the sentence."""
    quote = quote_before(doc, verb, quotes) or quote_after(doc, verb, quotes) or speech_after_colon(doc, verb)
    if quote:
        return [quote]
    clause = claim_clause(verb)
    if clause:
        return [clause]
    if refers_back(verb):
        previous = previous_sentence(doc, verb)
        return [previous] if previous else []
    return parenthetical_claim(doc, cue_block(verb)) if parenthetical else []


def claim_clause(verb) -> tuple[int, int] | None:
    """The «что»-clause, an infinitive complement of «призвал», «потребовал», or the clause of «на то, что»."""
    for child in verb.children:
        infinitive = child.dep_ == "xcomp" and verb.lemma_ in rules.INFINITIVE_CLAIM_VERBS
        if (child.dep_ in CLAUSE_DEPS or infinitive) and child.i > verb.i:
            return trimmed(without_mark(clause_tokens(verb, child)))
    content = content_clause(verb) or noun_clause(verb)
    if content is not None:
        return trimmed(without_mark(clause_tokens(verb, content)))
    return clause_written_after(verb)


def clause_written_after(verb) -> tuple[int, int] | None:
    """«…, когда власти признали, что …» with the clause parsed under another verb: «, что …» right after the cue."""
    doc = verb.doc
    if verb.i + 2 >= len(doc) or doc[verb.i + 1].text != "," or doc[verb.i + 2].lower_ not in rules.CLAUSE_MARKS:
        return None
    return trimmed([t for t in verb.sent if t.i > verb.i + 2])


def noun_clause(verb):
    """«обратили внимание, что …», «выразил надежду, что …»: the clause under the noun of a multi-word cue."""
    nouns = rules.PHRASAL_CUES.get(verb.lemma_, ())
    for child in verb.children:
        if child.lemma_ not in nouns:
            continue
        for clause in child.children:
            if clause.dep_ in ("acl", "ccomp") and clause.i > child.i and any(
                c.lower_ in rules.CLAUSE_MARKS for c in clause.children
            ):
                return clause
    return None


def content_clause(verb):
    """«обратил внимание на то, что …», «обвинил его в том, что …»: the clause under «то»."""
    for token in verb.subtree:
        if token.lemma_ not in rules.CONTENT_PRONOUNS or token.i < verb.i or token.head.i == token.i:
            continue
        if token.head.i != verb.i and token.head.head.i != verb.i:
            continue
        for child in token.children:
            if child.dep_ in ("acl", "ccomp", "acl:relcl") and any(c.lower_ == "что" for c in child.children):
                return child
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
    return any(child.lemma_ in ("это", "то") and has_case(child, ABOUT_PREPOSITIONS) for child in verb.children)


def previous_sentence(doc, token) -> tuple[int, int] | None:
    start = token.sent.start
    while start > 0 and doc[start - 1].is_space:
        start -= 1
    return trimmed(list(doc[start - 1].sent)) if start > 0 else None


def cue_block(verb) -> set[int]:
    """Token indices of the cue phrase: the verb, its subject and its short dependents."""
    block = {verb.i}
    for child in verb.children:
        skipped = child.dep_ in CLAUSE_DEPS + ("parataxis", "conj", "advcl", "punct", "dep", "cc", "mark", "xcomp")
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
