"""The faster paths of the parse and the coder give exactly what the plain paths give.

parley runs the model's own attribute rules and lemmatizer through ``parley_rules``, looks up
trigger patterns through a word index, and scans a sentence for dates once; each is only worth
having if a user cannot tell the difference in the output, which these tests check token by
token and trigger by trigger on sentences written for them (and on the shared development
articles when they are beside the repository).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parley.dates import scan_dates
from parley.events import default_patterns
from parley.events.triggers import SentenceWords, _candidates, _relevant, find_triggers
from parley.nlp import load_pipeline
from parley.nlp.fast_rules import FastAttributeRules, _test
from parley.nlp.pipeline import load_stock_pipeline

SENTENCES = [
    "Prime Minister Shehbaz Sharif met President Vladimir Putin in Tianjin on Monday.",
    "I ain't gonna sign it, y'all, and we'd rather wait; let's see what they've got.",
    "There is no plan yet, but there were talks  last week in  Ashgabat.\n\nHe'd said it's done.",
    "The ministers couldn't agree, so the talks were suspended and won't resume before May.",
    "She herself invited them to Moscow; it was the first visit by anyone since 2013.",
    "Gotta go, c'mon ol' friend, nothin' doin' here: 'em folks 'll be fine, 'nuff said.",
    "Oil imports rose 12% to 3.5 million barrels, the ministry's spokesperson told reporters.",
    "  \n  Beijing condemned the sanctions and urged Washington to withdraw them.",
]
DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev" / "articles.jsonl"


def _annotations(doc) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, str(t.head.i)) for t in doc]


def _stock_with_paragraphs():
    """The packaged model with parley's paragraph breaks, so the parse is the one parley gets."""
    nlp = load_stock_pipeline()
    if "parley_paragraphs" not in nlp.pipe_names:
        load_pipeline()  # registers the component
        nlp.add_pipe("parley_paragraphs", before="parser")
    return nlp


def _texts() -> list[str]:
    texts = list(SENTENCES)
    if DEV.exists():
        texts += [json.loads(line)["text"] for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


def test_parley_pipeline_runs_the_fast_rules_in_place_of_the_stock_components() -> None:
    names = load_pipeline().pipe_names
    assert "parley_rules" in names
    assert "attribute_ruler" not in names and "lemmatizer" not in names
    assert names.index("parley_rules") > names.index("parser")


def test_fast_rules_give_the_stock_annotations_token_by_token() -> None:
    texts = _texts()
    stock = list(_stock_with_paragraphs().pipe(texts))
    fast = list(load_pipeline().pipe(texts))
    for expected, found in zip(stock, fast):
        assert _annotations(found) == _annotations(expected), expected.text[:60]


def test_dev_articles_are_part_of_the_comparison_when_present() -> None:
    if not DEV.exists():
        pytest.skip(f"shared development articles not found at {DEV}; compared on own sentences only")
    assert len(_texts()) > len(SENTENCES)


@pytest.mark.parametrize(
    ("expected", "value", "passes"),
    [
        ("NN", "NN", True),
        ("NN", "NNS", False),
        ({"IN": ["aux", "auxpass"]}, "auxpass", True),
        ({"IN": ["aux", "auxpass"]}, "nsubj", False),
        ({"NOT_IN": ["det", ""]}, "nsubj", True),
        ({"NOT_IN": ["det", ""]}, "", False),
        ({"REGEX": "^n'?t$"}, "n't", True),
        ({"REGEX": "^n'?t$"}, "not", False),
    ],
)
def test_rule_conditions_read_matcher_values(expected, value, passes: bool) -> None:
    assert _test(expected)(value) is passes


def test_an_unsupported_rule_is_refused_not_ignored() -> None:
    class Ruler:
        patterns = [{"patterns": [[{"SHAPE": "Xxxx"}]], "attrs": {"POS": "PROPN"}, "index": 0}]
        attrs = [{74: 96}]

    with pytest.raises(ValueError, match="SHAPE"):
        FastAttributeRules(Ruler())


def _brute_force_fires(sentence: SentenceWords, pattern) -> bool:
    """Whether a pattern has a candidate token, found by scanning every token (no index)."""
    for i, forms in enumerate(sentence.words):
        if forms & pattern.lemmas and (not pattern.pos or sentence.pos[i] in pattern.pos):
            return True
        for phrase in pattern.phrases:
            if all(i + k < len(sentence.words) and w in sentence.words[i + k] for k, w in enumerate(phrase)):
                return True
    return False


def test_the_word_index_offers_every_pattern_that_has_a_candidate() -> None:
    from parley.nlp.words import read_words

    patterns = default_patterns()
    for doc in load_pipeline().pipe(_texts()):
        words = read_words(doc)
        for sent in doc.sents:
            sentence = SentenceWords.of(sent)
            assert SentenceWords.of(sent, words) == sentence  # from the document's lists or token by token
            offered = set(_relevant(sentence, patterns))
            for pattern in patterns:
                if _brute_force_fires(sentence, pattern):
                    assert pattern in offered, (pattern.name, sent.text)
                    assert _candidates(sentence, pattern), (pattern.name, sent.text)


def test_triggers_come_out_in_text_order() -> None:
    doc = load_pipeline()("Pakistan and Russia signed a protocol after the leaders met and agreed to cooperate.")
    triggers = find_triggers(next(iter(doc.sents)), default_patterns())
    positions = [t.token.i for t in triggers]
    assert positions and positions == sorted(positions)


def test_one_scan_reads_a_weekday_as_past_report_or_as_plan() -> None:
    scan = scan_dates("The ministers will meet on Monday and met on 12 September 2023.")
    reported = scan.resolve(published="2025-09-03")  # a Wednesday
    planned = scan.resolve(published="2025-09-03", prefer_future=True)
    assert [r.text for r in reported] == [r.text for r in planned] == ["Monday", "12 September 2023"]
    assert (reported[0].value, planned[0].value) == ("2025-09-01", "2025-09-08")
    assert reported[1].value == planned[1].value == "2023-09-12"


def _sentences_with_and_without_time_words() -> list[str]:
    texts = [
        "The two sides signed a protocol on energy cooperation.",
        "They met the next morning and again later that day.",
        "Talks resumed in Sept. after a weekend of consultations, a fortnight before the vote.",
        "The ministers agreed to meet again in the coming weeks.",
        "Officials said the corridor would open soon.",
        "He visited Moscow in December last year and will return next month.",
    ]
    if DEV.exists():
        texts += [s for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()
                  for s in json.loads(line)["text"].split(". ")]
    return texts


def test_the_quick_time_word_test_never_hides_a_date() -> None:
    from parley.dates.find import scan_every_rule

    def readings(scan) -> list[tuple[int, int, int]]:
        return [(start, end, rule) for start, end, rule, _match in scan.found]

    texts = _sentences_with_and_without_time_words()
    for text in texts:
        assert readings(scan_dates(text)) == readings(scan_every_rule(text)), text
    assert any(not readings(scan_every_rule(t)) for t in texts), "some sentences hold no date at all"
    assert any(readings(scan_every_rule(t)) for t in texts)


def test_a_memo_answers_as_the_lookup_does_and_stays_within_its_size() -> None:
    from parley.memo import Memo

    calls: list[int] = []

    def square(n: int) -> int:
        calls.append(n)
        return n * n

    memo: Memo[int, int] = Memo(size=3)
    assert [memo(n, square) for n in (2, 3, 2, 4, 5, 2)] == [4, 9, 4, 16, 25, 4]
    assert calls == [2, 3, 4, 5, 2]  # 2 remembered once, forgotten when 5 overflowed the memo
    assert len(memo) <= 3


def test_token_lists_hold_what_the_tokens_hold() -> None:
    from parley.nlp.words import read_words

    for doc in load_pipeline().pipe(_texts()):
        words = read_words(doc)
        assert len(words) == len(doc)
        assert words.text == [t.text for t in doc] and words.lower == [t.lower_ for t in doc]
        assert words.lemma == [t.lemma_.lower() for t in doc]
        assert words.pos == [t.pos_ for t in doc] and words.ent_type == [t.ent_type_ for t in doc]
        assert words.title == [t.is_title for t in doc] and words.upper == [t.is_upper for t in doc]
        assert words.punct == [t.is_punct for t in doc] and words.stop == [t.is_stop for t in doc]
        assert words.sent_start == [bool(t.is_sent_start) for t in doc]
        assert words.proper == [t.pos_ == "PROPN" and t.is_title for t in doc]
        for start in range(0, len(doc), 5):
            for end in range(start, min(len(doc), start + 8) + 1):
                assert words.span_text(start, end) == doc[start:end].text


def test_an_empty_document_has_empty_token_lists() -> None:
    from parley.nlp.words import read_words

    words = read_words(load_pipeline()(""))
    assert len(words) == 0 and words.span_text(0, 0) == ""


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('He said: “We will sign.” Then he left.', ["We will sign."]),
        ('“We agree,” she said. “And we will sign,” she added.', ["We agree,", "And we will sign,"]),
        ('The envoy called it "a good day" and "a start".', ["a good day", "a start"]),
        ('“It will take time. Both sides know it,” he said.', ["It will take time. Both sides know it,"]),
        ("No one was quoted in this sentence.", []),
    ],
)
def test_quotations_are_found_between_their_marks(text: str, quoted: list[str]) -> None:
    from parley.events.clauses import quotations
    from parley.nlp.words import read_words

    doc = load_pipeline()(text)
    found = [doc[start + 1 : end].text for start, end in quotations(read_words(doc).text)]
    assert found == quoted
