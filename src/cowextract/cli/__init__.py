"""The command line: `commands` parses options and calls the library, `output` writes rows
and events in the chosen format, `render` shows one event for a person."""

from cowextract.cli.commands import cli, main

__all__ = ["cli", "main"]
