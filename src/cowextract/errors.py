"""One error hierarchy, mapped to exit statuses in one place (the CLI)."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    ERROR = 1
    USAGE = 2
    INTERRUPTED = 130


class CowError(Exception):
    """Base class for errors a user can cause and fix; shown as one line, no traceback."""

    exit_status = ExitStatus.ERROR


class InputError(CowError):
    """An input (file, record, stdin) that cannot be turned into an article."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class SkippedInput(InputError):
    """An input left out on purpose (e.g. not English): reported, not a failure of the tool."""


class RepairedInput(InputError):
    """A warning that travels in the document stream ahead of the document it is about: the
    input was read, with a repair (e.g. bytes that are not valid UTF-8 replaced), and is
    processed all the same. Reported, not a failure."""


class ExtractionError(CowError):
    """An extractor produced an event that breaks the event contract (a bug to report, not
    the input's fault): the article fails, the run goes on."""


class GoldError(CowError):
    """A gold file that cannot be read or scored."""


class StoreError(CowError):
    """A database that cannot be opened or written."""


class ModelError(CowError):
    """A spaCy pipeline that cannot be loaded."""
