"""Time expressions found in one sentence and resolved against the article date.

The sentences are written for these tests.  Each table row states every expression the
sentence holds as (text, value), so a row fails on a missed date, a wrong value and a
false positive alike.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parley.dates import cut, find_dates
from parley.errors import ConfigError

TUE = "2025-09-02"  # a Tuesday
THU = "2023-08-31"  # a Thursday


def found(text: str, published: str | None = TUE, **kwargs: object) -> list[tuple[str, str | None]]:
    return [(ref.text, ref.value) for ref in find_dates(text, published=published, **kwargs)]


# (sentence, published, expected [(text, value)])
PAST_READINGS = [
    # weekdays
    ("The ministers spoke by phone on Monday.", TUE, [("Monday", "2025-09-01")]),
    ("Earlier on Tuesday the envoy landed in Baku.", TUE, [("Tuesday", "2025-09-02")]),
    ("Officials said on Wednesday that talks would resume.", TUE, [("Wednesday", "2025-08-27")]),
    ("The summit closed last Friday.", THU, [("last Friday", "2023-08-25")]),
    ("Last Tuesday the two premiers met.", TUE, [("Last Tuesday", "2025-08-26")]),
    ("He flies to Ankara next Monday.", TUE, [("next Monday", "2025-09-08")]),
    ("The cabinet meets this Saturday.", TUE, [("this Saturday", "2025-09-06")]),
    ("Sunday night saw fresh shelling.", TUE, [("Sunday night", "2025-08-31")]),
    ("It was signed Thursday 14 December 2023 in Geneva.", TUE,
     [("Thursday 14 December 2023", "2023-12-14")]),
    # days around the article date
    ("The two leaders met today and dine together tonight.", TUE,
     [("today", TUE), ("tonight", TUE)]),
    ("This morning the foreign minister called his counterpart.", TUE, [("This morning", TUE)]),
    ("The envoy left yesterday and returns tomorrow.", TUE,
     [("yesterday", "2025-09-01"), ("tomorrow", "2025-09-03")]),
    ("The accord was announced two days ago.", TUE, [("two days ago", "2025-08-31")]),
    # explicit days
    ("The pact was signed on 10 September 2023.", TUE, [("10 September 2023", "2023-09-10")]),
    ("Delegations gathered on September 12, 2023, in Doha.", TUE,
     [("September 12, 2023", "2023-09-12")]),
    ("Talks opened Sept. 12, 2023 behind closed doors.", TUE, [("Sept. 12, 2023", "2023-09-12")]),
    ("A ceasefire took effect on 2023-09-15.", TUE, [("2023-09-15", "2023-09-15")]),
    ("They first spoke about tariffs on Jan 17.", TUE, [("Jan 17", "2025-01-17")]),
    ("The vote is scheduled for September 16.", TUE, [("September 16", "2025-09-16")]),
    ("The border closed at midnight on September 16.", TUE, [("September 16", "2025-09-16")]),
    ("The visit ran from 12-14 May 2024.", TUE, [("12-14 May 2024", "2024-05-12")]),
    ("Both sides met on 5 January.", "2023-12-20", [("5 January", "2024-01-05")]),
    # months
    ("The ministers met in February.", TUE, [("February", "2025-02")]),
    ("In November the ministers met in Oslo.", TUE, [("November", "2024-11")]),
    ("The envoy arrived in September.", TUE, [("September", "2025-09")]),
    ("Trade rose in February 2023, data showed.", TUE, [("February 2023", "2023-02")]),
    ("February 2023 saw record grain shipments.", TUE, [("February 2023", "2023-02")]),
    ("Fighting flared in early December.", TUE, [("early December", "2024-12")]),
    ("By mid-July the crossing had reopened.", TUE, [("mid-July", "2025-07")]),
    ("Talks stalled in late March.", TUE, [("late March", "2025-03")]),
    ("They spoke again in May.", TUE, [("May", "2025-05")]),
    ("In December last year the two sides met.", TUE, [("December last year", "2024-12")]),
    ("Exports fell last month.", TUE, [("last month", "2025-08")]),
    ("A delegation is due next month.", TUE, [("next month", "2025-10")]),
    ("Tariffs went up this month.", TUE, [("this month", "2025-09")]),
    # years
    ("The deal was reached in 2023.", TUE, [("2023", "2023")]),
    ("Relations have been frozen since 2013.", TUE, [("2013", "2013")]),
    ("The 2016 agreement still holds.", TUE, [("2016", "2016")]),
    ("Trade collapsed last year.", TUE, [("last year", "2024")]),
    ("Earlier this year the two met in Astana.", TUE, [("Earlier this year", "2025")]),
    ("The plant opens next year.", TUE, [("next year", "2026")]),
    ("The base was built in mid-2019.", TUE, [("mid-2019", "2019")]),
    # weeks
    ("The envoys met last week.", TUE, [("last week", "2025-08")]),
    ("The envoys met last week.", "2023-09-06", [("last week", "2023")]),
    ("Ministers gather this week in Riga.", TUE, [("this week", "2025-09")]),
    ("Ministers gather next week in Riga.", TUE, [("next week", "2025-09")]),
    ("Ministers gather next week in Riga.", "2025-09-24", [("next week", "2025")]),
    ("Protests spread over the weekend.", TUE, [("the weekend", "2025-08")]),
    # windows after the article date
    ("A deal is expected in a few days.", "2023-09-15", [("in a few days", "2023-09")]),
    ("A deal is expected in a few days.", "2024-05-25", [("in a few days", "2024")]),
    ("Troops will pull back in the coming days.", "2023-09-15",
     [("in the coming days", "2023-09")]),
    ("More aid will follow in the coming weeks.", TUE, [("in the coming weeks", "2025")]),
    ("The dispute must be settled within two months.", TUE, [("within two months", "2025")]),
    ("Talks end within a period not exceeding two months.", "2025-11-15",
     [("within a period not exceeding two months", None)]),
    ("Results are due in two weeks' time.", "2023-09-01", [("in two weeks' time", "2023-09")]),
    # several in one sentence
    ("Having met on 3 March 2024, they spoke again on Monday and will meet in 2026.", TUE,
     [("3 March 2024", "2024-03-03"), ("Monday", "2025-09-01"), ("2026", "2026")]),
]

NOT_DATES = [
    "We will keep talking, we said.",
    "They may visit Beijing soon.",
    "Thousands joined a march on the capital.",
    "The sun rose over the hills on a wed morning.",
    "Theresa May met the envoy.",
    "The March on Rome is a subject of study.",
    "An August gathering of scholars opened.",
    "About 2,000 troops and $2023 in aid were sent.",
    "Security Council resolution 1973 was cited.",
    "The army sent 1999 soldiers.",
    "Their music recalls the 1990s.",
    "It was the first visit in two years.",
    "Turnout was 2023 votes higher.",
    "The note was dated February 30, 2023.",
    "Nothing happened on 31 April.",
    "Protesters gathered a day after the vote.",
]


@pytest.mark.parametrize(("text", "published", "expected"), PAST_READINGS)
def test_expressions_resolve_against_the_article_date(
    text: str, published: str, expected: list[tuple[str, str | None]]
) -> None:
    assert found(text, published) == expected


@pytest.mark.parametrize("text", NOT_DATES)
def test_words_that_only_look_like_dates_are_not_dates(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("He will visit on Friday.", TUE, [("Friday", "2025-09-05")]),
        ("The talks resume on Tuesday.", TUE, [("Tuesday", TUE)]),
        ("Xi invited him to Moscow in November.", TUE, [("November", "2025-11")]),
        ("They plan to meet in Nov.", TUE, [("Nov.", "2025-11")]),
        ("A second round is planned for February.", TUE, [("February", "2026-02")]),
        ("The envoy returns in September.", TUE, [("September", "2025-09")]),
        ("The summit is set for Jan 17.", TUE, [("Jan 17", "2026-01-17")]),
        ("Elections follow in late March.", TUE, [("late March", "2026-03")]),
        ("Leaders meet over the weekend.", TUE, [("the weekend", "2025-09")]),
    ],
)
def test_prefer_future_reads_bare_names_as_the_coming_ones(
    text: str, published: str, expected: list[tuple[str, str | None]]
) -> None:
    assert found(text, published, prefer_future=True) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("The talks had begun a month earlier.", "2025-06-14", [("a month earlier", "2025-05")]),
        ("They had met just a month earlier.", "2025-08-20", [("just a month earlier", "2025-07")]),
        ("A week later the border reopened.", "2025-08-20", [("A week later", "2025-08-27")]),
        ("The next day they signed.", "2025-08-31", [("The next day", "2025-09-01")]),
        ("Two days later the envoy left.", "2025-08", [("Two days later", "2025-08")]),
        ("A year earlier, trade had collapsed.", "2025-08-20", [("A year earlier", "2024")]),
        ("He resigned a day after.", "2025-08-20", [("a day after", "2025-08-21")]),
        ("The following month aid resumed.", "2025-12-03", [("The following month", "2026-01")]),
        ("A month earlier they had quarrelled.", None, [("A month earlier", None)]),
    ],
)
def test_offsets_count_from_the_previous_event(
    text: str, anchor: str | None, expected: list[tuple[str, str | None]]
) -> None:
    assert found(text, TUE, anchor=anchor) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministers met on Monday.", [("Monday", None)]),
        ("They met in November.", [("November", None)]),
        ("Trade fell last year.", [("last year", None)]),
        ("The vote is on September 16.", [("September 16", None)]),
        ("The envoys met last week.", [("last week", None)]),
        ("Aid arrives in the coming days.", [("in the coming days", None)]),
        ("The pact was signed on 12 September 2023.", [("12 September 2023", "2023-09-12")]),
        ("The pact has held since 2013.", [("2013", "2013")]),
        ("Trade rose in February 2023.", [("February 2023", "2023-02")]),
    ],
)
def test_without_an_article_date_relative_expressions_stay_unresolved(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert found(text, None) == expected


@pytest.mark.parametrize(
    ("text", "kwargs", "relative", "future"),
    [
        ("They met on 12 September 2023.", {}, False, False),
        ("They meet on 12 December 2025.", {}, False, True),
        ("They met yesterday.", {}, True, False),
        ("They meet tomorrow.", {}, True, True),
        ("They meet next month.", {}, True, True),
        ("They meet on Friday.", {"prefer_future": True}, True, True),
        ("They meet on Friday.", {"prefer_future": True, "published": None}, True, True),
        ("Aid comes in the coming days.", {}, True, True),
    ],
)
def test_flags_say_what_the_value_depends_on_and_where_it_points(
    text: str, kwargs: dict[str, object], relative: bool, future: bool
) -> None:
    published = kwargs.pop("published", TUE)
    [ref] = find_dates(text, published=published, **kwargs)  # type: ignore[arg-type]
    assert (ref.relative, ref.future) == (relative, future)


def test_offsets_point_into_the_sentence() -> None:
    text = "On 3 March 2024 they met, and again last week."
    refs = find_dates(text, published=TUE)
    assert [(r.start, r.end) for r in refs] == [(3, 15), (36, 45)]


@pytest.mark.parametrize("published", ["2025-13-01", "02/09/2025", "2025-09", "2025-02-30"])
def test_a_malformed_article_date_is_a_config_error(published: str) -> None:
    with pytest.raises(ConfigError, match="published"):
        find_dates("They met on Monday.", published=published)


def test_a_malformed_anchor_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="anchor"):
        find_dates("A week later they met.", published=TUE, anchor="last spring")


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [("2025-09-02", "month", "2025-09"), ("2025-09-02", "year", "2025"), ("2025", "day", "2025")],
)
def test_cut_never_adds_precision(value: str, precision: str, expected: str) -> None:
    assert cut(value, precision) == expected


def test_cut_rejects_an_unknown_precision() -> None:
    with pytest.raises(ConfigError, match="week"):
        cut("2025-09-02", "week")


# ---- properties -----------------------------------------------------------------------

_TOKENS = [
    "on", "in", "since", "last", "next", "this", "the", "a", "two", "few", "coming", "within",
    "Monday", "Friday", "Sunday", "May", "March", "Sept.", "Jan", "February", "12", "31", "30",
    "2023", "1999", "2,000", "$2023", "week", "weeks", "month", "months", "year", "days",
    "earlier", "later", "ago", "after", "before", "today", "tomorrow", "yesterday", "mid-",
    "early", "late", "weekend", "of", "time", "'s", ",", ".", "-", "2023-02-29", "9999",
]  # fmt: skip
_sentences = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(_TOKENS), max_size=14).map(" ".join),
)
_days = st.dates().map(date.isoformat)
_anchors = st.one_of(
    st.none(), st.tuples(_days, st.sampled_from([4, 7, 10])).map(lambda t: t[0][: t[1]])
)


def _valid_prefix(value: str) -> bool:
    if len(value) not in (4, 7, 10):
        return False
    try:
        date.fromisoformat(value + "-01-01"[: 10 - len(value)])
    except ValueError:
        return False
    return True


@given(_sentences, st.one_of(st.none(), _days), _anchors, st.booleans())
def test_any_sentence_gives_sorted_disjoint_spans_with_valid_values(
    text: str, published: str | None, anchor: str | None, prefer_future: bool
) -> None:
    refs = find_dates(text, published=published, anchor=anchor, prefer_future=prefer_future)
    for ref in refs:
        assert text[ref.start : ref.end] == ref.text
        assert ref.value is None or _valid_prefix(ref.value)
        assert ref.relative or ref.value is not None
    for before, after in zip(refs, refs[1:]):
        assert before.end <= after.start


@given(_sentences, st.booleans())
def test_nothing_relative_is_guessed_without_dates_to_count_from(
    text: str, prefer_future: bool
) -> None:
    refs = find_dates(text, published=None, prefer_future=prefer_future)
    assert all(ref.value is None for ref in refs if ref.relative)
