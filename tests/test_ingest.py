"""Ingest: seed-format text, JSONL, folders and stdin become Articles or Rejections."""

from __future__ import annotations

import io
import json
import string
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parley.errors import IngestError
from parley.ingest import (
    article_id,
    parse_text_article,
    read_jsonl,
    read_paths,
    read_text_file,
)
from parley.model import Article, Rejection
from parley.registry import readers

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def articles(items: list[Article | Rejection]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def rejections(items: list[Article | Rejection]) -> list[Rejection]:
    return [item for item in items if isinstance(item, Rejection)]


# --- the seed-format prefix ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "published", "dateline", "starts"),
    [
        (" date 2025-09-02 ISLAMABAD: Pakistan and Russia met.", "2025-09-02", "Islamabad",
         "Pakistan"),
        ("\n  date 2024-02-29 NEW DELHI:   India hosted Norway.", "2024-02-29", "New Delhi",
         "India"),
        ("date 2025-01-07 ST. PETERSBURG: Russia hosted Laos.", "2025-01-07", "St. Petersburg",
         "Russia"),
        ("Pakistan and Russia met on Monday.", None, None, "Pakistan"),
        # A city not in capitals is ordinary text, not a prefix.
        ("date 2025-09-02 Islamabad: talks went on.", None, None, "date 2025-09-02"),
    ],
)
def test_prefix_gives_date_and_dateline_and_is_cut_off(
    raw: str, published: str | None, dateline: str | None, starts: str
) -> None:
    article = parse_text_article(raw, name="story")
    assert (article.published, article.dateline) == (published, dateline)
    assert article.text.startswith(starts)
    assert article.external_id == "story"


def test_text_file_with_prefix() -> None:
    [article] = list(read_text_file(FIXTURES / "prefixed.txt"))
    assert isinstance(article, Article)
    assert article.published == "2025-03-14"
    assert article.dateline == "New Delhi"
    assert article.text.startswith("India and Norway agreed")
    assert article.text.endswith("in June.")
    assert article.external_id == "prefixed"
    assert article.source == "prefixed.txt"


def test_text_file_without_prefix() -> None:
    [article] = list(read_text_file(FIXTURES / "plain.txt"))
    assert isinstance(article, Article)
    assert article.published is None and article.dateline is None
    assert article.text.startswith("Chile and New Zealand")


@pytest.mark.parametrize("bad", ["2025-13-45", "2025-02-30", "2025-9-2"])
def test_bad_prefix_date_raises_naming_file_and_value(bad: str) -> None:
    with pytest.raises(IngestError) as caught:
        parse_text_article(f" date {bad} OSLO: Norway met Kenya.", name="oslo",
                           source="oslo.txt")
    assert "oslo.txt" in str(caught.value)
    assert bad in str(caught.value)


def test_bad_prefix_date_in_file_is_rejected() -> None:
    [rejection] = list(read_text_file(FIXTURES / "bad_date.txt"))
    assert isinstance(rejection, Rejection)
    assert rejection.where.endswith("bad_date.txt")
    assert rejection.stage == "ingest"
    assert "2025-13-45" in rejection.reason


@pytest.mark.parametrize("raw", ["", "   \n\t ", " date 2025-09-02 ISLAMABAD:   "])
def test_empty_article_raises(raw: str) -> None:
    with pytest.raises(IngestError, match="empty article"):
        parse_text_article(raw, name="empty")


# --- content ids ---------------------------------------------------------------------------


def test_same_text_under_two_names_is_one_article(tmp_path: Path) -> None:
    text = "Brazil and Egypt agreed to widen air links.\n"
    (tmp_path / "first.txt").write_text(text, encoding="utf-8")
    (tmp_path / "second.txt").write_text(text, encoding="utf-8")
    first, second = articles(list(read_paths([tmp_path])))
    assert first.external_id != second.external_id
    assert first.id == second.id


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        ("Brazil met Egypt.", "  Brazil   met\nEgypt. ", True),
        ("Caf\u00e9 talks.", "Cafe\u0301 talks.", True),  # NFC and NFD spellings
        ("Brazil met Egypt.", "Egypt met Brazil.", False),
        ("Brazil met Egypt.", "Brazil met Egypt!", False),
    ],
)
def test_article_id_depends_on_normalised_text_only(left: str, right: str, same: bool) -> None:
    assert (article_id(left) == article_id(right)) is same
    assert len(article_id(left)) == 16
    assert all(ch in string.hexdigits for ch in article_id(left))


def test_article_id_includes_url() -> None:
    text = "Brazil met Egypt."
    assert article_id(text, "https://a.example/1") != article_id(text)
    assert article_id(text, "https://a.example/1") != article_id(text, "https://a.example/2")


# --- JSONL ---------------------------------------------------------------------------------


def test_jsonl_broken_line_is_rejected_and_reading_goes_on() -> None:
    path = FIXTURES / "articles.jsonl"
    items = list(read_jsonl(path))
    assert [type(item) for item in items] == [Article, Rejection, Article]
    first, rejection, third = items
    assert first.external_id == "fx-001"
    assert (first.title, first.source, first.published, first.dateline) == (
        "Ghana and Vietnam discuss cocoa", "fixture", "2025-04-02", "Accra")
    assert rejection.where == f"{path}:2"
    assert "JSON" in rejection.reason
    assert third.external_id == "fx-003"


def test_jsonl_prefix_fills_null_fields_and_is_cut_off() -> None:
    third = list(read_jsonl(FIXTURES / "articles.jsonl"))[2]
    assert isinstance(third, Article)
    assert (third.published, third.dateline) == ("2025-05-20", "Lima")
    assert third.text.startswith("Peru and Morocco agreed")


def test_jsonl_fields_win_over_prefix(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    record = {"id": "a", "published": "2025-06-01", "dateline": "Cusco",
              "text": " date 2025-05-20 LIMA: Peru hosted Morocco."}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [article] = list(read_jsonl(path))
    assert isinstance(article, Article)
    assert (article.published, article.dateline) == ("2025-06-01", "Cusco")
    assert article.text == "Peru hosted Morocco."


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "a", "text": ', "not valid JSON"),
        ('["Peru hosted Morocco."]', "not an object"),
        ('"Peru hosted Morocco."', "not an object"),
        ('{"id": "a"}', "missing 'text'"),
        ('{"id": "a", "text": ""}', "empty article"),
        ('{"id": "a", "text": "  \\n "}', "empty article"),
        ('{"id": "a", "text": 42}', "'text' must be a string"),
        ('{"id": "a", "text": "Peru met Chad.", "published": "2025-02-31"}', "2025-02-31"),
        ('{"id": "a", "text": "Peru met Chad.", "published": "yesterday"}', "yesterday"),
        ('{"id": "a", "text": "Peru met Chad.", "published": 20250101}', "'published'"),
        ('{"id": "a", "text": " date 2025-00-10 LIMA: Peru met Chad."}', "2025-00-10"),
        ('{"id": "a", "text": "Peru met Chad.", "title": ["x"]}', "'title'"),
    ],
)
def test_jsonl_malformed_line_is_rejected(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "bad.jsonl"
    good = json.dumps({"id": "ok", "text": "Chad met Peru."})
    path.write_text(f"{line}\n{good}\n", encoding="utf-8")
    rejection, article = list(read_jsonl(path))
    assert isinstance(rejection, Rejection)
    assert rejection.where == f"{path}:1"
    assert reason in rejection.reason
    assert isinstance(article, Article) and article.external_id == "ok"


def test_jsonl_blank_lines_skipped_and_missing_id_named_by_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "Chad met Peru."}\n\n  \n{"text": "Peru met Chad."}\n')
    first, second = list(read_jsonl(path))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.external_id, second.external_id) == ("batch:1", "batch:4")


def test_jsonl_line_that_is_not_utf8_is_rejected_alone(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"text": "Caf\xe9 talks."}\n{"text": "Chad met Peru."}\n')
    rejection, article = list(read_jsonl(path))
    assert isinstance(rejection, Rejection) and "not UTF-8" in rejection.reason
    assert rejection.where == f"{path}:1"
    assert isinstance(article, Article)


# --- files that are not articles ------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"\xef\xbb\xbf", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ],
)
def test_unreadable_text_files_are_rejected(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    [rejection] = list(read_text_file(path))
    assert isinstance(rejection, Rejection)
    assert rejection.where == str(path)
    assert reason in rejection.reason


def test_latin1_text_is_read_with_a_fallback(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\u00e9 talks between Chad and Peru.".encode("latin-1"))
    [article] = list(read_text_file(path))
    assert isinstance(article, Article)
    assert article.text == "Caf\u00e9 talks between Chad and Peru."


def test_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(" date 2025-09-02 ISLAMABAD: Chad met Peru.".encode("utf-8-sig"))
    [article] = list(read_text_file(path))
    assert isinstance(article, Article)
    assert (article.published, article.text) == ("2025-09-02", "Chad met Peru.")


def test_file_over_size_limit_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Chad met Peru. " * 10, encoding="utf-8")
    [rejection] = list(read_text_file(path, max_bytes=20))
    assert isinstance(rejection, Rejection)
    assert "limit" in rejection.reason and "20" in rejection.reason


# --- paths, folders, stdin -----------------------------------------------------------------


def test_folder_walk_is_recursive_sorted_and_skips_hidden_and_unknown() -> None:
    tree = FIXTURES / "tree"
    items = list(read_paths([tree]))
    assert rejections(items) == []
    assert [a.external_id for a in articles(items)] == [
        "z",  # a_dir/z.txt
        "b",  # b.txt
        "c",  # sub/c.md
        "tree-jsonl",  # sub/d.jsonl
        "noext",  # sub/noext
    ]


def test_missing_path_and_unknown_suffix_are_rejected(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    items = list(read_paths([missing, FIXTURES / "tree" / "sub" / "scan.pdf",
                             FIXTURES / "plain.txt"]))
    assert [type(item) for item in items] == [Rejection, Rejection, Article]
    assert items[0].where == str(missing)
    assert ".pdf" in items[1].reason


def test_readers_are_registered_by_versioned_name() -> None:
    assert readers.get("parley.reader.text.v1") is read_text_file
    assert readers.get("parley.reader.jsonl.v1") is read_jsonl


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n date 2025-09-02 ISLAMABAD: Chad met Peru."))
    [article] = list(read_paths(["-"]))
    assert isinstance(article, Article)
    assert article.external_id == article.id == article_id("Chad met Peru.")
    assert (article.published, article.dateline) == ("2025-09-02", "Islamabad")


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ['  {"id": "s1", "text": "Chad met Peru."}', "{oops", '{"text": "Peru met Chad."}']
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    items = list(read_paths(["-"]))
    assert [type(item) for item in items] == [Article, Rejection, Article]
    assert items[0].external_id == "s1"
    assert items[1].where == "<stdin>:2"
    assert items[2].external_id == "stdin:3"


def test_empty_stdin_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("  \n"))
    [rejection] = list(read_paths(["-"]))
    assert isinstance(rejection, Rejection) and "empty" in rejection.reason


# --- invariants ----------------------------------------------------------------------------

_prefixed_text = st.builds(
    lambda lead, day, city, rest: f"{lead}date {day} {city}:{rest}",
    st.sampled_from(["", " ", "\n "]),
    st.from_regex(r"\d{4}-\d{1,2}-\d{1,2}", fullmatch=True),
    st.text(alphabet="ABCÉ .'-:\n", max_size=12),
    st.text(max_size=40),
)


@given(st.one_of(st.text(), _prefixed_text))
def test_parse_raises_only_ingest_error(raw: str) -> None:
    try:
        article = parse_text_article(raw, name="any")
    except IngestError:
        return
    assert article.text == article.text.strip() and article.text
    assert article.id == article_id(article.text)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".txt", ".jsonl", ".md", ""]))
def test_read_paths_never_raises(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    for item in read_paths([path]):
        assert isinstance(item, (Article, Rejection))


_json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=30),
                         st.floats(allow_nan=False))
_field_value = st.one_of(_json_scalar, st.lists(_json_scalar, max_size=2),
                         _prefixed_text, st.from_regex(r"\d{4}-\d\d-\d\d", fullmatch=True))
_record = st.dictionaries(
    st.sampled_from(["id", "title", "source", "published", "dateline", "text", "url"]),
    _field_value,
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=st.lists(st.one_of(_record, _json_scalar), max_size=4))
def test_jsonl_yields_one_item_per_line(tmp_path: Path, records: list[object]) -> None:
    path = tmp_path / "gen.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    items = list(read_jsonl(path))
    assert len(items) == len(records)
    for number, item in enumerate(items, start=1):
        if isinstance(item, Rejection):
            assert item.where == f"{path}:{number}"


# --- the shared corpus (optional) ----------------------------------------------------------

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.mark.shared
@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the checkout")
def test_corpus_reads_without_rejections_and_seeds_match_dev_ids() -> None:
    seeds = list(read_paths([CORPUS / "seeds"]))
    dev = list(read_paths([CORPUS / "dev" / "articles.jsonl"]))
    assert rejections(seeds + dev) == []
    # A seed file and its JSONL copy are one article.
    assert {a.id for a in articles(seeds)} <= {a.id for a in articles(dev)}
