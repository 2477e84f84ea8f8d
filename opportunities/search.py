"""What a person types into the search box, read once and turned into a query for either
database: a PostgreSQL `tsquery` (prefix matching, so "quant" finds "Quantitative") or, on
SQLite, substring conditions.

The syntax is the web-search one people know: words must all match, "quoted words" must match
as a phrase, -word and -"a phrase" must not, and `or` between two terms takes either. Any text
is a valid query: characters with a meaning in tsquery syntax are always quoted, and words with
neither letters nor digits are left out.

Search synonyms (`SearchSynonym`, edited in the admin) widen a term: "ML" also finds "machine
learning" and "machine learning" also finds "ML". A synonym only ever adds matches.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.db.models import Q

MAX_TERMS = 8  # terms a query reads; the rest of a very long query is left out
PREFIX_MIN_LENGTH = 4  # "data" finds "database"; "ai" does not find "aim", nor "swe" "sweden"
LONGEST_SYNONYM = 4  # words in the longest synonym phrase looked for among typed words

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Variant:
    """One way of writing a term: words that must all appear (each as a prefix when long
    enough, as typed), or a phrase whose words must appear together (a quoted phrase, or a
    synonym's spelling)."""

    words: tuple[str, ...]
    phrase: bool


@dataclass(frozen=True)
class Term:
    """Something to find: any of its variants will do."""

    variants: tuple[Variant, ...]


@dataclass(frozen=True)
class Query:
    """Every clause must match (a clause: any of its terms), and no excluded term may."""

    clauses: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]

    def __bool__(self) -> bool:
        return bool(self.clauses or self.excluded)


def _has_letters(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def synonym_groups(rows: Sequence[Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """Phrase (lower case) -> every phrase that means the same, from each synonym row's
    phrases (`SearchSynonym.phrases()`); rows sharing a phrase are merged."""
    groups: dict[str, tuple[str, ...]] = {}
    for phrases in rows:
        merged: dict[str, None] = {}
        for phrase in phrases:
            merged.update(dict.fromkeys(groups.get(phrase, ())))
        merged.update(dict.fromkeys(phrases))
        for phrase in merged:
            groups[phrase] = tuple(merged)
    return groups


def _term(words: tuple[str, ...], *, phrase: bool, synonyms: Mapping[str, tuple[str, ...]]):
    typed = Variant(words, phrase)
    others = [
        Variant(tuple(other.split()), phrase=True)
        for other in synonyms.get(" ".join(words).lower(), ())
        if other != " ".join(words).lower()
    ]
    return Term((typed, *others))


def _plain_terms(words: list[str], synonyms: Mapping[str, tuple[str, ...]]) -> list[Term]:
    """Terms for a run of plain typed words: the longest synonym phrase first, word by word."""
    terms, i = [], 0
    while i < len(words):
        for size in range(min(LONGEST_SYNONYM, len(words) - i), 0, -1):
            run = tuple(words[i : i + size])
            if size == 1 or " ".join(run).lower() in synonyms:
                terms.append(_term(run, phrase=False, synonyms=synonyms))
                i += size
                break
    return terms


def parse(text: str, synonyms: Mapping[str, tuple[str, ...]] | None = None) -> Query:
    """Read `text` (see the module's docstring); `synonyms` as `synonym_groups` gives them."""
    synonyms = synonyms or {}
    # Each token: ("term", Term) | ("not", Term) | ("or", None), in the order typed.
    tokens: list[tuple[str, Term | None]] = []
    run: list[str] = []

    def end_run():
        tokens.extend(("term", term) for term in _plain_terms(run, synonyms))
        run.clear()

    for negated, quoted, word in _TOKEN.findall(text):
        if word and word.lower() == "or":
            end_run()
            tokens.append(("or", None))
        elif word and word.startswith("-") and _has_letters(word):
            end_run()
            # Excluded as typed, not as a prefix: -intern keeps "international".
            tokens.append(("not", _term((word[1:],), phrase=True, synonyms=synonyms)))
        elif word and _has_letters(word):
            run.append(word)
        elif not word and _has_letters(quoted):
            end_run()
            term = _term(tuple(quoted.split()), phrase=True, synonyms=synonyms)
            tokens.append(("not" if negated else "term", term))
    end_run()

    clauses: list[list[Term]] = []
    excluded: list[Term] = []
    joining = False
    for kind, term in tokens:
        if kind == "or":
            joining = bool(clauses)
        elif kind == "not":
            excluded.append(term)
            joining = False
        elif joining:
            clauses[-1].append(term)
            joining = False
        else:
            clauses.append([term])
    clauses = clauses[:MAX_TERMS]
    return Query(tuple(tuple(c) for c in clauses), tuple(excluded[:MAX_TERMS]))


# --- PostgreSQL -----------------------------------------------------------------------------------


def _quoted(text: str) -> str:
    """`text` as one quoted tsquery operand: PostgreSQL's parser reads what is inside (so
    "node.js" stays one lexeme and "machine learning" becomes a phrase); nothing typed can
    be an operator."""
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def _grouped(parts: list[str], operator: str) -> str:
    return parts[0] if len(parts) == 1 else "(" + f" {operator} ".join(parts) + ")"


def _variant_tsquery(variant: Variant) -> str:
    if variant.phrase:
        return _quoted(" ".join(variant.words))
    parts = []
    for word in variant.words:
        letters = sum(ch.isalnum() for ch in word)
        parts.append(_quoted(word) + (":*" if letters >= PREFIX_MIN_LENGTH else ""))
    return _grouped(parts, "&")


def _term_tsquery(term: Term) -> str:
    return _grouped([_variant_tsquery(v) for v in term.variants], "|")


def to_tsquery(query: Query) -> str:
    """The text of a `to_tsquery()` argument (stemming and stop words are the database's)."""
    parts = [_grouped([_term_tsquery(t) for t in clause], "|") for clause in query.clauses]
    parts += ["!" + _term_tsquery(term) for term in query.excluded]
    return " & ".join(parts)


# --- SQLite and other databases: substrings ---------------------------------------------------

SUBSTRING_FIELDS = ("title", "organization__name", "summary")


def _contains(text: str) -> Q:
    return reduce(or_, (Q(**{f"{field}__icontains": text}) for field in SUBSTRING_FIELDS))


def _term_q(term: Term) -> Q:
    variants = [
        _contains(" ".join(v.words)) if v.phrase else reduce(and_, map(_contains, v.words))
        for v in term.variants
    ]
    return reduce(or_, variants)


def to_q(query: Query) -> Q:
    """Substring conditions on a listing's title, organization and summary."""
    conditions = [reduce(or_, map(_term_q, clause)) for clause in query.clauses]
    conditions += [~_term_q(term) for term in query.excluded]
    return reduce(and_, conditions, Q())
