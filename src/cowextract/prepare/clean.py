"""Clean stage: raw article text in, the text cowextract stores (and every offset points
into) out. Drops what is not the article: header lines, the page's chrome (menus,
promotions, share and newsletter lines, photo captions and credits, related links), the
head's date lines and bylines, repeated paragraphs and bodies, trailing boilerplate,
reference marks and empty table rows; keeps real table rows as rows.

Every step carries an offset map (`offsets.Mapped`): each character of the cleaned text
knows the characters of the input it was read from, and every dropped line its span."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from cowextract.prepare.head import Head, read_head
from cowextract.prepare.offsets import Mapped, joined
from cowextract.resources import data

HEADER_RE = re.compile(
    r"^\s*(?:date|published|posted|dateline)\s*[:\s]\s*(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+Z?)?[ \t]*",
    re.IGNORECASE,
)
FRONT_MATTER_RE = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
NEWLINES_RE = re.compile(r"\r\n?|[\u2028\u2029\x0c]")
SEPARATOR_RE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
TRAILING_CELLS_RE = re.compile(r"(?:\s*\|){2,}\s*$")
SPACES_RE = re.compile(r"[ \t\u00a0\u2009\u202f]{2,}")
ALNUM_RE = re.compile(r"\w")
MD_HEADING_RE = re.compile(r"^#{1,6}\s+")
MD_STRONG_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
MIN_DEDUPE_WORDS = 6


MAX_CHROME_CHARS = 700  # chrome is short: a longer line is article text


@dataclass(frozen=True)
class Rules:
    trailing: re.Pattern
    anywhere: tuple[tuple[str, re.Pattern], ...]  # (group, its patterns as one)
    captions: re.Pattern
    credits: tuple[re.Pattern, ...]
    caption_marks: re.Pattern
    strong_caption_marks: tuple[re.Pattern, ...]
    reference_marks: re.Pattern


def _union(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@cache
def rules() -> Rules:
    """The boilerplate rules shipped as data (`data/boilerplate.json`)."""
    raw = data("boilerplate.json")
    flags = re.IGNORECASE
    return Rules(
        trailing=_union(raw["trailing"]),
        anywhere=tuple((name, _union(patterns)) for name, patterns in raw["anywhere"].items()),
        captions=_union(raw["captions"]),
        # Searched, each on its own: a pattern that starts with a literal is found fast.
        credits=tuple(re.compile(p, flags) for p in raw["credits"]),
        caption_marks=re.compile(raw["caption_marks"], flags),
        strong_caption_marks=tuple(re.compile(p, flags) for p in raw["strong_caption_marks"]),
        reference_marks=re.compile(raw["reference_marks"], flags),
    )


@dataclass
class Cleaned:
    text: str
    header: dict = field(default_factory=dict)  # what header lines or front matter stated
    dropped: dict = field(default_factory=dict)  # counts by rule, for reporting
    # Where each character of `text` stands in the input, and what the input lost.
    mapped: Mapped | None = None
    removed: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, rule)
    head: Head = field(default_factory=Head)


def is_table_row(line: str) -> bool:
    return line.count("|") >= 2


def chrome_rule(line: str) -> str | None:
    """The chrome rule a whole (stripped) line falls under, or None for article text."""
    if len(line) > MAX_CHROME_CHARS:
        return None
    r = rules()
    for name, pattern in r.anywhere:
        if pattern.match(line):
            return name
    if r.captions.match(line) or any(p.search(line) for p in r.credits) or \
            any(p.search(line) for p in r.strong_caption_marks) or \
            len(r.caption_marks.findall(line)) >= 2:
        return "captions"
    return None


def _normalise(text: Mapped) -> Mapped:
    if text.text.startswith("\ufeff"):
        text = text[1:]
    return text.sub(NEWLINES_RE, "\n")[0]


def _front_matter(text: Mapped, header: dict) -> Mapped:
    match = FRONT_MATTER_RE.match(text.text)
    if not match:
        return text
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and value.strip():
            header[key.strip().lower()] = value.strip().strip("'\"")
    return text[match.end():]


def _lines(text: Mapped) -> list[Mapped]:
    lines, last = [], 0
    for m in re.finditer("\n", text.text):
        lines.append(text[last:m.start()])
        last = m.end()
    lines.append(text[last:])
    return lines


def _header(lines: list[Mapped], header: dict, removed: list) -> list[Mapped]:
    """A "date 2025-11-26" header, alone on its line or running into the text."""
    for i, line in enumerate(lines[:8]):
        if not line.text.strip():
            continue
        match = HEADER_RE.match(line.text)
        if match:
            header["date"] = match.group(1)
            removed.append((*line.span(0, match.end()), "header"))
            rest = line[match.end():]
            return lines[:i] + ([rest] if rest.text.strip() else []) + lines[i + 1:]
    return lines


class Cleaner:
    """One article's cleaning: lines in, kept lines out, with what was dropped where."""

    def __init__(self) -> None:
        self.dropped = {"header": 0, "reference_marks": 0, "empty_table_rows": 0,
                        "boilerplate": 0, "chrome": 0, "head": 0, "repeated_paragraphs": 0}
        self.removed: list[tuple[int, int, str]] = []

    def drop(self, line: Mapped, rule: str, count: str) -> None:
        self.dropped[count] += 1
        if len(line):
            self.removed.append((*line.span(0, len(line)), rule))

    def inline(self, line: Mapped) -> Mapped:
        """A line without reference marks, runs of spaces and Markdown markup."""
        line, n = line.sub(rules().reference_marks, "")
        self.dropped["reference_marks"] += n
        line = line.sub(SPACES_RE, " ")[0].strip()
        # Markdown markup is not article text: "**€2 billion**" must read as an amount.
        line = line.sub(MD_HEADING_RE, "")[0]
        return line.sub(MD_STRONG_RE, 2)[0]

    def lines(self, lines: list[Mapped]) -> list[Mapped]:
        """Each line cleaned inside; chrome and empty table rows left out, blank lines kept."""
        kept: list[Mapped] = []
        for raw in lines:
            line = self.inline(raw)
            text = line.text
            if not text:
                kept.append(line)
                continue
            rule = chrome_rule(text)
            if rule is not None:
                self.drop(raw, rule, "boilerplate" if rule == "advertising" else "chrome")
                continue
            if is_table_row(text) or text.endswith("|") or text.startswith("|"):
                if SEPARATOR_RE.match(text):
                    kept.append(line)
                    continue
                line = line.sub(TRAILING_CELLS_RE, " |")[0]
                if not ALNUM_RE.search(line.text):
                    self.drop(raw, "empty_table_rows", "empty_table_rows")
                    continue
            kept.append(line)
        return kept

    def trim_trailing(self, kept: list[Mapped]) -> list[Mapped]:
        """Without the blank and boilerplate lines at the end (comment counters, share links)."""
        trailing = rules().trailing
        while kept and (not kept[-1].text or trailing.match(kept[-1].text)):
            if kept[-1].text:
                self.drop(kept[-1], "trailing", "boilerplate")
            kept.pop()
        return kept

    def dedupe(self, kept: list[Mapped]) -> list[Mapped]:
        """Non-blank lines, each paragraph once (a body printed twice), table separators
        only between a table's header row and its body."""
        seen: set[str] = set()
        out: list[Mapped] = []
        for i, mapped in enumerate(kept):
            line = mapped.text
            if not line:
                continue
            if SEPARATOR_RE.match(line):
                # A separator belongs under a table's header row and above its body.
                prev_row = bool(out) and is_table_row(out[-1].text) and \
                    not SEPARATOR_RE.match(out[-1].text)
                nxt = next((x.text for x in kept[i + 1:] if x.text), "")
                if not (prev_row and is_table_row(nxt)):
                    self.drop(mapped, "empty_table_rows", "empty_table_rows")
                    continue
            elif not is_table_row(line):
                key = _dedupe_key(line)
                if key is not None:
                    if key in seen:
                        self.drop(mapped, "repeated_paragraphs", "repeated_paragraphs")
                        continue
                    seen.add(key)
            out.append(mapped)
        return out


def _dedupe_key(line: str) -> str | None:
    words = re.findall(r"\w+", line.lower())
    return " ".join(words) if len(words) >= MIN_DEDUPE_WORDS else None


def clean_text(text: str | Mapped) -> Cleaned:
    """Clean one article's text. Paragraphs come out separated by a blank line, table rows
    one per line, so that sentence splitting never runs a headline into a paragraph.
    `text` may carry a map to where it was read from; the result maps into the same."""
    source = text if isinstance(text, Mapped) else Mapped.source(text)
    header: dict = {}
    cleaner = Cleaner()
    normalised = _normalise(source)
    body = _front_matter(normalised, header)
    if len(body) < len(normalised):
        cleaner.removed.append((normalised.position(0), body.position(0), "header"))
    lines = _lines(body)
    before = len(lines)
    lines = _header(lines, header, cleaner.removed)
    cleaner.dropped["header"] = int(bool(header.get("date")) and len(lines) <= before)
    kept = cleaner.lines(lines)
    head = read_head([line.text for line in kept])
    for i in sorted(head.drop, reverse=True):
        cleaner.drop(kept[i], head.drop[i], "head")
        del kept[i]
    kept = cleaner.dedupe(cleaner.trim_trailing(kept))
    mapped = _join(kept)
    return Cleaned(text=mapped.text, header=header, dropped=cleaner.dropped, mapped=mapped,
                   removed=cleaner.removed, head=head)


def _join(out: list[Mapped]) -> Mapped:
    """Paragraphs separated by a blank line; rows of one table by a line break."""
    seps = ["\n" if is_table_row(line.text) and is_table_row(out[i].text) else "\n\n"
            for i, line in enumerate(out[1:])]
    return joined(out, seps)
