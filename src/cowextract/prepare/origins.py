"""Where a document's text stands in the file it was read from.

- Plain text and Markdown: the text is the file as decoded (offset = offset).
- JSON and JSON Lines: the text is one string value; each character maps to the
  characters of its literal in the file (an escape such as `\\n` or `\\u00e9` as a whole).
- HTML: the main text trafilatura extracts is aligned, line by line and in page order,
  with the page's own text (tags left out, entities read), so each character maps to the
  character or entity it was read from. Characters trafilatura adds (list bullets, table
  bars) map to no characters.

`words_at` reads a span of a file back the same way, for checking: the words of
`file[source_start:source_end]`, once markup and escapes are read, are the evidence's."""

from __future__ import annotations

import html as htmllib
import json
import re

import numpy as np

from cowextract.prepare.offsets import INDEX, Mapped, concat

JSON_STRING_RE = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
JSON_ESCAPE_RE = re.compile(r"\\(?:u([0-9a-fA-F]{4})(?:\\u([dD][c-fC-F][0-9a-fA-F]{2}))?|(.))")
SIMPLE_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n",
                  "r": "\r", "t": "\t"}
HTML_TOKEN_RE = re.compile(
    r"<!--.*?-->|<(script|style|noscript|template|svg)\b.*?</\1\s*>|<[^>]*>"
    r"|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?",
    re.DOTALL | re.IGNORECASE)
# Characters an HTML reader may or may not keep: alignment looks past them.
IGNORABLE_RE = re.compile(r"[\s\u00ad\u200b-\u200d\u2060\ufeff]+")
WORD_RE = re.compile(r"[^\W_]+")


def _escape(m: re.Match) -> str:
    if m.group(3) is not None:
        return SIMPLE_ESCAPES.get(m.group(3), m.group(3))
    code = int(m.group(1), 16)
    if m.group(2) is not None and 0xD800 <= code < 0xDC00:
        low = int(m.group(2), 16)
        return chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
    if m.group(2) is not None:
        return chr(code) + chr(int(m.group(2), 16))
    return chr(code)


def json_literal(source: str, start: int, end: int) -> Mapped:
    """The value of the JSON string whose content is `source[start:end]` (between its
    quotes), each character mapped to its characters in `source`."""
    pieces: list[Mapped] = []
    last = start
    for m in JSON_ESCAPE_RE.finditer(source, start, end):
        pieces.append(Mapped.source(source[last:m.start()], last))
        pieces.append(Mapped.inserted(_escape(m), m.start(), m.end()))
        last = m.end()
    pieces.append(Mapped.source(source[last:end], last))
    return concat(pieces)


def json_text_origin(source: str, text: str, *, start_at: int = 0, base: int = 0
                     ) -> tuple[Mapped | None, int]:
    """Where the JSON string value `text` stands in `source` (a JSON document or line that
    starts at `base` of the file): its map, and where to look for the next record's."""
    for m in JSON_STRING_RE.finditer(source, start_at):
        content = m.group(1)
        if len(content) < len(text) or not _decodes_to(content, text):
            continue
        mapped = json_literal(source, m.start(1), m.end(1))
        if base:
            mapped = Mapped(mapped.text, mapped.start + base, mapped.end + base)
        return mapped, m.end()
    return None, start_at


def _decodes_to(content: str, text: str) -> bool:
    if "\\" not in content:
        return content == text
    try:
        return json.loads(f'"{content}"') == text
    except ValueError:
        return False


def html_visible(page: str) -> Mapped:
    """The text of an HTML page as it reads: tags, comments and scripts left out (a tag
    reads as a space), entities read."""
    pieces: list[Mapped] = []
    last = 0
    for m in HTML_TOKEN_RE.finditer(page):
        pieces.append(Mapped.source(page[last:m.start()], last))
        token = m.group()
        value = htmllib.unescape(token) if token.startswith("&") else " "
        pieces.append(Mapped.inserted(value, m.start(), m.end()))
        last = m.end()
    pieces.append(Mapped.source(page[last:], last))
    return concat(pieces)


def _dense(text: str) -> tuple[str, np.ndarray]:
    """The text without ignorable characters, and where each kept character stood."""
    keep = np.ones(len(text), dtype=bool)
    for m in IGNORABLE_RE.finditer(text):
        keep[m.start():m.end()] = False
    index = np.flatnonzero(keep).astype(INDEX)
    return IGNORABLE_RE.sub("", text), index


def html_text_origin(page: str, extracted: str) -> Mapped:
    """`extracted` (the main text read from `page`) with each character mapped to the
    page characters it was read from, found by aligning it with the page's text in order."""
    visible = html_visible(page)
    vdense, vindex = _dense(visible.text)
    edense, eindex = _dense(extracted)
    hit = np.full(len(edense), -1, dtype=np.int64)  # dense extracted -> dense visible
    cursor = pos = 0
    for line in extracted.split("\n"):
        dense = IGNORABLE_RE.sub("", line)
        cursor = _align(dense, pos, vdense, cursor, hit)
        pos += len(dense)
    return _mapped_through(extracted, eindex, hit, visible, vindex)


def _align(dense: str, pos: int, vdense: str, cursor: int, hit: np.ndarray) -> int:
    """Map one line's characters (dense, starting at `pos`) to the page text from
    `cursor` on: the whole line where it stands, else word by word."""
    if not dense:
        return cursor
    at = vdense.find(dense, cursor)
    if at < 0:
        at = vdense.find(dense)
    if at >= 0:
        hit[pos:pos + len(dense)] = np.arange(at, at + len(dense))
        return max(cursor, at + len(dense))
    offset = 0
    for word in re.findall(r"\w+", dense):
        offset = dense.find(word, offset)
        at = vdense.find(word, cursor)
        if at >= 0:
            hit[pos + offset:pos + offset + len(word)] = np.arange(at, at + len(word))
            cursor = at + len(word)
        offset += len(word)
    return cursor


def _mapped_through(extracted: str, eindex: np.ndarray, hit: np.ndarray, visible: Mapped,
                    vindex: np.ndarray) -> Mapped:
    """The extracted text's map into the page, unaligned characters given no width where
    the text before them ended."""
    n = len(extracted)
    start = np.full(n, -1, dtype=np.int64)
    end = np.full(n, -1, dtype=np.int64)
    found = hit >= 0
    vpos = vindex[hit[found]]
    start[eindex[found]] = visible.start[vpos]
    end[eindex[found]] = visible.end[vpos]
    # Unaligned characters (spaces, added bullets): no width, where the text before ended.
    known = end >= 0
    last = np.maximum.accumulate(np.where(known, np.arange(n), -1)) if n else end
    before = np.where(last >= 0, end[np.maximum(last, 0)], 0)
    start = np.where(known, start, before)
    end = np.where(known, end, before)
    return Mapped(extracted, start.astype(INDEX), end.astype(INDEX))


def read_source(text: str, kind: str) -> str:
    """A span of a file as a reader reads it, by `kind` (words applied in order): `json`,
    a JSON string's content with its escapes read; `html`, without tags and with entities
    read; `text`, as it is. A JSON record's HTML page is `json html`."""
    for step in kind.split():
        if step == "json":
            text = json_literal(text, 0, len(text)).text
        elif step == "html":
            text = html_visible(text).text
    return text


def words_at(file_text: str, start: int, end: int, kind: str) -> list[str]:
    """The words of `file_text[start:end]` once read (`read_source`), reference marks and
    Markdown markup left out as the cleaner leaves them out."""
    from cowextract.prepare.clean import Cleaner

    read = read_source(file_text[start:end], kind)
    lines = [Cleaner().inline(Mapped.source(line)).text for line in read.split("\n")]
    return words(" ".join(lines))


def words(text: str) -> list[str]:
    """The words of a text, for comparing spans whose spacing and punctuation differ."""
    return WORD_RE.findall(text)
