"""Reading what is typed into the search box (`opportunities.search`), without a database."""

import pytest

from opportunities.search import Term, Variant, parse, synonym_groups, to_tsquery

SYNONYMS = synonym_groups(
    [
        ["ml", "machine learning"],
        ["swe", "software engineer", "software engineering"],
        ["ai", "artificial intelligence"],
        ["ml", "statistical learning"],  # a second row naming ML: one group
    ]
)


def words(term: Term) -> list[tuple[str, ...]]:
    return [v.words for v in term.variants]


def test_words_must_all_match_and_long_ones_are_prefixes():
    query = parse("quant data ai")

    assert [len(c) for c in query.clauses] == [1, 1, 1]
    assert to_tsquery(query) == "'quant':* & 'data':* & 'ai'"


def test_phrases_exclusions_and_or():
    query = parse('"machine shop" -intern design or art -"night shift"')

    clauses = [[words(t) for t in clause] for clause in query.clauses]
    assert clauses == [[[("machine", "shop")]], [[("design",)], [("art",)]]]
    assert [words(t) for t in query.excluded] == [[("intern",)], [("night", "shift")]]
    assert query.clauses[0][0].variants[0].phrase
    assert to_tsquery(query) == (
        "'machine shop' & ('design':* | 'art') & !'intern' & !'night shift'"
    )


def test_synonyms_widen_a_term_both_ways_and_merge_rows():
    assert SYNONYMS["ml"] == ("ml", "machine learning", "statistical learning")
    assert SYNONYMS["statistical learning"] == SYNONYMS["ml"]

    (ml,) = parse("ML", SYNONYMS).clauses[0]
    assert ml.variants == (
        Variant(("ML",), phrase=False),
        Variant(("machine", "learning"), phrase=True),
        Variant(("statistical", "learning"), phrase=True),
    )
    # Typed words that spell a synonym are one term: as typed (each word), or its synonyms.
    (spelled,) = parse("Machine Learning", SYNONYMS).clauses[0]
    assert spelled.variants[0] == Variant(("Machine", "Learning"), phrase=False)
    assert ("ml",) in words(spelled)


def test_the_longest_synonym_among_typed_words_wins():
    query = parse("remote software engineering intern", SYNONYMS)

    assert [words(c[0])[0] for c in query.clauses] == [
        ("remote",),
        ("software", "engineering"),
        ("intern",),
    ]
    assert ("swe",) in words(query.clauses[1][0])


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        '"',
        '""',
        "-",
        "--",
        "or",
        "OR or",
        "& | ! ( ) : * <->",
        "a:*",
        "'",
        "\\",
        "'; DROP TABLE x; --",
        "it's",
    ],
)
def test_text_with_nothing_to_look_for_is_an_empty_query_or_a_quoted_one(text):
    query = parse(text, SYNONYMS)

    tsquery = to_tsquery(query)
    # Every operand is quoted: what is typed is never an operator.
    unquoted = "".join(part for i, part in enumerate(tsquery.split("'")) if i % 2 == 0)
    assert set(unquoted) <= set("()&|! :*")


def test_quotes_and_backslashes_are_escaped():
    assert to_tsquery(parse("it's c:\\temp")) == "'it''s' & 'c:\\\\temp':*"


def test_a_very_long_query_reads_at_most_eight_terms():
    query = parse(" ".join(f"word{i}" for i in range(50)) + " -a -b")

    assert len(query.clauses) == 8
    assert len(query.excluded) == 2
