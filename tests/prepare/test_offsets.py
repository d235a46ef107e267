"""Offsets into the file as read: the map carried through loading and cleaning, and every
event's `source_start`/`source_end` on texts of every loader's kind."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cowextract.prepare.clean import clean_text
from cowextract.prepare.offsets import Mapped, concat
from cowextract.prepare.origins import (
    html_text_origin,
    html_visible,
    json_literal,
    json_text_origin,
    words,
)


def test_mapped_sub_strip_and_span():
    m = Mapped.source("  a  **bold**  word ", offset=10)
    m, n = m.sub(re.compile(r"(\*\*)(.+?)\1"), 2)
    assert (m.text, n) == ("  a  bold  word ", 1)
    m = m.sub(re.compile(r" {2,}"), " ")[0].strip()
    assert m.text == "a bold word"
    assert m.span(2, 6) == (17, 21)  # "bold" without its asterisks
    assert m.span(0, len(m)) == (12, 29)


def test_mapped_through_follows_both_maps():
    outer = concat([Mapped.source("ab", 100), Mapped.inserted("c", 102, 108),
                    Mapped.source("de", 108)])
    inner = Mapped.source("cde", 2)  # characters 2:5 of outer's text
    assert inner.through(outer).span(0, 3) == (102, 110)
    assert inner.through(outer).span(0, 1) == (102, 108)


@pytest.mark.parametrize("literal,value", [
    (r"plain", "plain"),
    (r"line one\nline two", "line one\nline two"),
    (r"\"quoted\" and \\ slash", "\"quoted\" and \\ slash"),
    (r"caf\u00e9 \u2014 done", "café — done"),
    (r"smile \ud83d\ude00 here", "smile \U0001F600 here"),
])
def test_json_literal(literal, value):
    source = f'{{"text": "{literal}"}}'
    mapped = json_literal(source, 10, 10 + len(literal))
    assert mapped.text == value == json.loads(source)["text"]
    for i, ch in enumerate(value):
        s, e = mapped.span(i, i + 1)
        assert json.loads(f'"{source[s:e]}"') == ch


def test_json_text_origin_finds_the_value_not_a_key():
    line = json.dumps({"title": "text", "text": "text of the article", "url": "x"})
    mapped, _ = json_text_origin(line, "text of the article", base=100)
    assert mapped is not None
    s, e = mapped.span(0, len(mapped))
    assert line[s - 100:e - 100] == "text of the article"


def test_html_text_is_aligned_with_the_page():
    page = ("<html><body><nav>Home</nav><h1>Talks &amp; plans</h1>"
            "<p>Ministers met in <b>Oslo</b> on&nbsp;Thursday.</p></body></html>")
    extracted = "Talks & plans\nMinisters met in Oslo on Thursday."
    mapped = html_text_origin(page, extracted)
    s, e = mapped.span(14, len(extracted))
    assert page[s:e] == "Ministers met in <b>Oslo</b> on&nbsp;Thursday."
    assert words(html_visible(page[s:e]).text) == words(extracted[14:])
    assert page[slice(*mapped.span(0, 13))] == "Talks &amp; plans"


LINE = st.one_of(
    st.text(alphabet="abc XY.,|*#[]1-\u00a0\t", min_size=0, max_size=30),
    st.sampled_from(["Advertisement", "Share this article", "date 2025-01-02 Head line here",
                     "| a | b |", "|---|---|", "Photo: Jan Berg", "**bold** words here",
                     "# Heading line", "Published: 3 May 2025", "By Jane Doe",
                     "A paragraph said twice in the page, word for word."]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE, max_size=12), st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_cleaned_characters_come_from_their_source(lines, newline):
    """Every character of the cleaned text that is not a space or a table bar (which the
    cleaner may insert) was read from the same character of the input."""
    source = newline.join(lines)
    cleaned = clean_text(source)
    mapped = cleaned.mapped
    assert mapped is not None and mapped.text == cleaned.text
    for i, ch in enumerate(cleaned.text):
        if ch.isspace() or ch == "|":
            continue
        assert source[mapped.start[i]:mapped.end[i]] == ch


def test_removed_lines_are_recorded_where_they_stand():
    source = ("---\r\ntitle: T\r\n---\r\nSkip to content\r\nMinisters agree next steps\r\n"
              "By Ruth Okafor\r\nMinisters met in Oslo on Thursday to agree on the next steps.")
    cleaned = clean_text(source)
    assert sorted((source[s:e], rule) for s, e, rule in cleaned.removed) == [
        ("---\r\ntitle: T\r\n---\r\n", "header"), ("By Ruth Okafor", "head"),
        ("Skip to content", "navigation")]
    assert cleaned.text == ("Ministers agree next steps\n\n"
                            "Ministers met in Oslo on Thursday to agree on the next steps.")
