"""Clean stage: raw article text in, the text cowextract stores (and every offset points
into) out. Drops what is not the article: header lines, repeated paragraphs and bodies,
trailing boilerplate, reference marks and empty table rows; keeps real table rows as rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from cowextract.resources import data

HEADER_RE = re.compile(
    r"^\s*(?:date|published|posted|dateline)\s*[:\s]\s*(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+Z?)?[ \t]*",
    re.IGNORECASE,
)
HEADER_LINE_RE = re.compile(
    r"^\s*(?:date|published|posted|updated|dateline)\s*:\s*(.{6,40}?)\s*$", re.IGNORECASE
)
FRONT_MATTER_RE = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
SEPARATOR_RE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
TRAILING_CELLS_RE = re.compile(r"(?:\s*\|){2,}\s*$")
SPACES_RE = re.compile(r"[ \t\u00a0\u2009\u202f]{2,}")
ALNUM_RE = re.compile(r"\w")
MD_HEADING_RE = re.compile(r"^#{1,6}\s+")
MD_STRONG_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
MIN_DEDUPE_WORDS = 6


@dataclass(frozen=True)
class Rules:
    trailing: tuple[re.Pattern, ...]
    anywhere: tuple[re.Pattern, ...]
    reference_marks: re.Pattern


@cache
def rules() -> Rules:
    """The boilerplate rules shipped as data (`data/boilerplate.json`)."""
    raw = data("boilerplate.json")
    flags = re.IGNORECASE
    return Rules(
        trailing=tuple(re.compile(p, flags) for p in raw["trailing"]),
        anywhere=tuple(re.compile(p, flags) for p in raw["anywhere"]),
        reference_marks=re.compile(raw["reference_marks"], flags),
    )


@dataclass
class Cleaned:
    text: str
    header: dict = field(default_factory=dict)  # what header lines or front matter stated
    dropped: dict = field(default_factory=dict)  # counts by rule, for reporting


def is_table_row(line: str) -> bool:
    return line.count("|") >= 2


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x0c", "\n")


def _front_matter(text: str, header: dict) -> str:
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return text
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and value.strip():
            header[key.strip().lower()] = value.strip().strip("'\"")
    return text[match.end():]


def _header(lines: list[str], header: dict) -> list[str]:
    for i, line in enumerate(lines[:8]):
        if not line.strip():
            continue
        match = HEADER_RE.match(line)
        if match:
            header["date"] = match.group(1)
            rest = line[match.end():]
            return lines[:i] + ([rest] if rest.strip() else []) + lines[i + 1:]
        match = HEADER_LINE_RE.match(line)
        if match:
            header["date"] = match.group(1)
            return lines[:i] + lines[i + 1:]
    return lines


def _is_boilerplate(line: str, patterns: tuple[re.Pattern, ...]) -> bool:
    stripped = line.strip()
    return any(p.match(stripped) for p in patterns)


def _dedupe_key(line: str) -> str | None:
    words = re.findall(r"\w+", line.lower())
    return " ".join(words) if len(words) >= MIN_DEDUPE_WORDS else None


def clean_text(text: str) -> Cleaned:
    """Clean one article's text. Paragraphs come out separated by a blank line, table rows
    one per line, so that sentence splitting never runs a headline into a paragraph."""
    header: dict = {}
    dropped = {"header": 0, "reference_marks": 0, "empty_table_rows": 0, "boilerplate": 0,
               "repeated_paragraphs": 0}
    text = _front_matter(_normalise(text), header)
    lines = text.split("\n")
    before = len(lines)
    lines = _header(lines, header)
    dropped["header"] = int(bool(header.get("date"))) if len(lines) <= before else 0
    kept = _trim_trailing(_clean_lines(lines, dropped), dropped)
    return Cleaned(text=_join(_dedupe(kept, dropped)), header=header, dropped=dropped)


def _clean_lines(lines: list[str], dropped: dict[str, int]) -> list[str]:
    """Each line without reference marks, Markdown markup and empty table cells; lines of
    boilerplate and empty table rows left out, blank lines kept."""
    r = rules()
    kept: list[str] = []
    for line in lines:
        line, n = r.reference_marks.subn("", line)
        dropped["reference_marks"] += n
        line = SPACES_RE.sub(" ", line).strip()
        # Markdown markup is not article text: "**€2 billion**" must read as an amount.
        line = MD_STRONG_RE.sub(r"\2", MD_HEADING_RE.sub("", line))
        if not line:
            kept.append("")
            continue
        if _is_boilerplate(line, r.anywhere):
            dropped["boilerplate"] += 1
            continue
        if is_table_row(line) or line.endswith("|") or line.startswith("|"):
            if SEPARATOR_RE.match(line):
                kept.append(line)
                continue
            line = TRAILING_CELLS_RE.sub(" |", line)
            if not ALNUM_RE.search(line):
                dropped["empty_table_rows"] += 1
                continue
        kept.append(line)
    return kept


def _trim_trailing(kept: list[str], dropped: dict[str, int]) -> list[str]:
    """Without the blank and boilerplate lines at the end (comment counters, share links)."""
    trailing = rules().trailing
    while kept and (not kept[-1] or _is_boilerplate(kept[-1], trailing)):
        if kept[-1]:
            dropped["boilerplate"] += 1
        kept.pop()
    return kept


def _dedupe(kept: list[str], dropped: dict[str, int]) -> list[str]:
    """Non-blank lines, each paragraph once (a body printed twice), table separators only
    between a table's header row and its body."""
    seen: set[str] = set()
    out: list[str] = []
    for i, line in enumerate(kept):
        if not line:
            continue
        if SEPARATOR_RE.match(line):
            # A separator belongs under a table's header row and above its body.
            prev_row = bool(out) and is_table_row(out[-1]) and not SEPARATOR_RE.match(out[-1])
            nxt = next((x for x in kept[i + 1:] if x), "")
            if not (prev_row and is_table_row(nxt)):
                dropped["empty_table_rows"] += 1
                continue
        elif not is_table_row(line):
            key = _dedupe_key(line)
            if key is not None:
                if key in seen:
                    dropped["repeated_paragraphs"] += 1
                    continue
                seen.add(key)
        out.append(line)
    return out


def _join(out: list[str]) -> str:
    """Paragraphs separated by a blank line; rows of one table by a line break."""
    parts: list[str] = []
    for i, line in enumerate(out):
        if i:
            both_rows = is_table_row(line) and is_table_row(out[i - 1])
            parts.append("\n" if both_rows else "\n\n")
        parts.append(line)
    return "".join(parts)
