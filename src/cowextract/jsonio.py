"""Reading JSON that users hand us: every way a text can fail to be JSON (malformed, nested
too deeply, an integer too long to convert) comes out as one `NotJSON` with a reason a
person can read, never a traceback."""

from __future__ import annotations

import json
from typing import Any


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
