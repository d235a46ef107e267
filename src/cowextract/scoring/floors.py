"""Pinned quality floors: one line per evaluation set (`eval-floors.txt`).

    # comment
    seeds: meeting=0.89 pledge=0.93 speaker_accuracy=0.96
    news-dev/d*: meeting=0.50 meeting.date_accuracy=0.80

A line is a set name, a colon, and `metric=value` pairs separated by spaces; a metric is a
type (its F1) or any metric name `cowextract eval` reports. `#` starts a comment.
"""

from __future__ import annotations

from pathlib import Path

from cowextract.errors import GoldError


def parse_floor(text: str) -> tuple[str, float]:
    """`name=value` → (name, value)."""
    name, sep, value = text.partition("=")
    try:
        if not sep or not name.strip():
            raise ValueError
        return name.strip(), float(value)
    except ValueError:
        raise GoldError(f"{text!r} is not METRIC=NUMBER") from None


def parse_floors(text: str, origin: str = "floors") -> dict[str, dict[str, float]]:
    """Every set's floors, by set name."""
    sets: dict[str, dict[str, float]] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, pairs = line.partition(":")
        name = name.strip()
        if not sep or not name or "=" in name:
            raise GoldError(f"{origin}:{lineno}: a line is 'SET: METRIC=NUMBER …'")
        if name in sets:
            raise GoldError(f"{origin}:{lineno}: set {name!r} is given twice")
        try:
            sets[name] = dict(parse_floor(p) for p in pairs.split())
        except GoldError as exc:
            raise GoldError(f"{origin}:{lineno}: {exc}") from None
    return sets


def read_floors(path: Path, name: str) -> dict[str, float]:
    """The floors of one set in a floors file."""
    sets = parse_floors(Path(path).read_text(encoding="utf-8"), str(path))
    if name not in sets:
        known = ", ".join(sets) or "none"
        raise GoldError(f"{path}: no floors for {name!r} (sets: {known})")
    return sets[name]
