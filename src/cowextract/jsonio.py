"""Reading JSON that users hand us: every way a text can fail to be JSON (malformed, nested
too deeply, an integer too long to convert) comes out as one `NotJSON` with a reason a
person can read, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cowextract.errors import InputError


class NotJSON(ValueError):
    """A text that is not JSON this program can read; `reason` says why, in a few words."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def loads(text: str | bytes, *, what: str = "JSON") -> Any:
    """`json.loads`, raising `NotJSON` for anything that is not readable JSON (`what` names
    it in the reason: "JSON", "JSON line")."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f" at line {exc.lineno}" if exc.lineno > 1 or "\n" in str(text) else ""
        raise NotJSON(f"malformed {what} ({exc.msg}{where})") from None
    except RecursionError:
        raise NotJSON(f"{what} nested too deeply") from None
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        raise NotJSON(f"unreadable {what} ({str(exc).split(';')[0]})") from None


def read_file(path: Path, what: str, encoding: str = "utf-8") -> Any:
    """A JSON file a user names or puts beside an input; any failure to read it is one
    `InputError` naming the file and saying what it was for (`what`)."""
    try:
        return loads(path.read_text(encoding=encoding))
    except NotJSON as exc:
        raise InputError(str(path), f"{what}: {exc.reason}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"{what}: {exc}") from None
