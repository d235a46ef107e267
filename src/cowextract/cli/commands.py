"""The command line: parse options, call the library, render. No extraction logic here."""

from __future__ import annotations

import errno
import json
import os
import re
import sqlite3
import sys
import time
from datetime import date
from pathlib import Path

import click

from cowextract import __version__
from cowextract.cli.output import (
    FORMATS,
    default_format,
    json_safe,
    visible,
    without_controls,
    write_events,
    write_rows,
)
from cowextract.errors import CowError, ExitStatus, RepairedInput
from cowextract.store import DB_ENV, DEFAULT_DB, EventFilter, Store

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
PERIOD = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


class DateParam(click.ParamType):
    """A day written YYYY-MM-DD, the whole value and nothing else."""

    name = "DATE"

    def convert(self, value, param, ctx):
        if isinstance(value, date) or value is None:
            return value
        try:
            if ISO_DAY.fullmatch(value):
                return date.fromisoformat(value)
        except ValueError:
            pass
        self.fail(f"{value!r} is not a date (use YYYY-MM-DD)", param, ctx)


class PeriodParam(click.ParamType):
    """A day, month or year (`2025-03-04`, `2025-03`, `2025`) as its first and last day."""

    name = "PERIOD"

    def convert(self, value, param, ctx):
        from cowextract.store import date_range

        try:
            if PERIOD.fullmatch(value):
                first, last = date_range(value)
                if first and last:
                    return date.fromisoformat(first), date.fromisoformat(last)
        except ValueError:  # a month 13, a day 0, the year 0
            pass
        self.fail(f"{value!r} is not a period (use YYYY, YYYY-MM or YYYY-MM-DD)", param, ctx)


class Words(click.ParamType):
    """Text to look for: an empty value would match everything (or nothing), so it is
    refused rather than silently dropping the filter."""

    name = "TEXT"

    def convert(self, value, param, ctx):
        if not value.strip():
            self.fail("is empty (give the text to look for, or leave the option out)", param,
                      ctx)
        return value


DATE = DateParam()
WORDS = Words()
MAX_LIMIT = 2**63 - 1  # SQLite's largest integer
# How writing output fails when the output is at fault (a full disk, a file too large, a
# device error), not the program.
WRITE_FAILURES = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EIO, errno.EROFS}


def _db_path(ctx, param, value: str) -> str:
    if not value.strip():
        raise click.BadParameter("is empty (SQLite would write to a temporary database, lost "
                                 "at exit)", ctx, param)
    return value


def db_option(f):
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False), envvar=DB_ENV, default=DEFAULT_DB,
        show_default=True, callback=_db_path, help=f"SQLite database file (or ${DB_ENV}).")(f)


def format_option(choices=FORMATS):
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=None,
        help="Output format [default: table on a terminal, jsonl when piped].")


def model_options(f):
    f = click.option("--model", envvar="COWEXTRACT_MODEL", default=None,
                     help="Installed spaCy English pipeline (or $COWEXTRACT_MODEL).")(f)
    f = click.option("--actors", "actor_files", multiple=True,
                     type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Extra actor registry JSON file (repeatable).")(f)
    return f


def _store(db_path: str, *, must_exist: bool = True) -> Store:
    """The store a command works on: one that must exist is opened for reading where it
    cannot be written (a read-only file or folder)."""
    if must_exist and not Path(db_path).exists():
        raise CowError(f"{db_path}: no such database (run 'cowextract ingest' first)")
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.find_root().obj is not None:
        ctx.find_root().obj["db"] = db_path  # named by a database error the command meets
    return Store(db_path, readonly_ok=must_exist)


def _fmt(fmt: str | None) -> str:
    return fmt or default_format(sys.stdout)


def _warn(message: str) -> None:
    click.echo(visible(message), err=True)


def _not_the_database(output, db_path: str, option: list[str]) -> None:
    """Refuse an output file that is the database (or its journal): opening it for writing
    would truncate the data the command is about to read or write."""
    name = getattr(output, "name", "-")
    if output is None or name in ("-", "<stdout>") or not isinstance(name, str):
        return
    target = Path(name)
    for path in (Path(db_path), *(Path(db_path + s) for s in ("-wal", "-shm", "-journal"))):
        same = (target.exists() and path.exists() and os.path.samefile(target, path)) or \
            target.absolute() == path.absolute()
        if same:
            raise click.BadParameter(f"{name!r} is the database {db_path!r} (writing there "
                                     "would destroy it)", param_hint=option)


def _write_error(exc: OSError, where: str, output=None) -> CowError:
    """The one line for an output that cannot be written; the output is closed (what could
    not be flushed is dropped), so that closing it again at exit does not fail anew."""
    if output is not None:
        try:
            output.close()
        except OSError:
            pass
    return CowError(f"{where}: cannot write ({exc.strerror or exc})")


class CowGroup(click.Group):
    """Turns library errors into click errors in one place: `Error: …`, exit status 1;
    a database damaged where a command reads it is named the same way."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (CowError, sqlite3.DatabaseError) as exc:
            if ctx.obj and ctx.obj.get("traceback"):
                raise
            message = str(exc)
            if isinstance(exc, sqlite3.DatabaseError):
                message = f"{(ctx.obj or {}).get('db', 'database')}: cannot read the " \
                          f"database ({exc})"
            raise click.ClickException(visible(message)) from None
        except BrokenPipeError:
            # `cowextract query | head`: the reader left; that is not an error.
            _quiet_stdout()
            return None


def _quiet_stdout() -> None:
    """Send what is left of stdout (and the flush at exit) to /dev/null."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


@click.group(cls=CowGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="cowextract")
@click.option("--traceback", is_flag=True, hidden=True, help="Show Python tracebacks.")
@click.pass_context
def cli(ctx, traceback):
    """Turn news articles into structured, verifiable events: meetings, pledges and
    statements, each pointing back to the characters of the text that support it.

    Example:

        cowextract ingest corpora/sample && cowextract query --type pledge
    """
    ctx.obj = {"traceback": traceback}


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--jsonl", "jsonl_out", type=click.File("w"), default=None,
              help="Also write the new events as JSON Lines to FILE ('-' for stdout).")
@click.option("--published", type=DATE, default=None,
              help="Publication date for articles that state none.")
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes for annotation.")
@model_options
def ingest(paths, db_path, jsonl_out, published, jobs, model, actor_files):
    """Extract events from articles and store them.

    PATHS are files, folders (read recursively) or '-' for stdin. Articles already
    stored (same cleaned text) are skipped.

    Example:

        cowextract ingest ../shared/seeds --jsonl - | jq -c '{type, date}'
    """
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from cowextract.run.ingest import Summary
    from cowextract.run.ingest import ingest as run_ingest
    from cowextract.settings import Settings

    start = time.perf_counter()
    _not_the_database(jsonl_out, db_path, ["--jsonl"])
    # The pipeline is loaded when the first new article needs it; with several jobs each
    # worker loads its own and this process only stores.
    settings = Settings(model=model, actor_files=tuple(actor_files), jobs=jobs)
    summary = Summary()
    copy = _Copy(jsonl_out)
    show_progress = sys.stderr.isatty()
    progress = Progress(TextColumn("{task.description}"), BarColumn(),
                        TextColumn("{task.completed} articles"), TimeElapsedColumn(),
                        console=None, transient=True, disable=not show_progress)
    with _store(db_path, must_exist=False) as store, progress:
        task = progress.add_task("ingesting", total=None)
        outcomes = run_ingest(paths, store, settings=settings, published=published)
        for outcome in outcomes:
            summary.add(outcome)
            progress.advance(task)
            if outcome.error is not None:
                _report(outcome.error, progress.console if show_progress else None)
            if outcome.status == "stored":
                copy.write(outcome.result.events)
    c, ev = summary.counts, summary.events
    _warn(
        f"{c['stored']} new, {c['known']} already stored, {c['skipped']} skipped, "
        f"{c['failed']} failed; events: {ev['meeting']} meetings, {ev['pledge']} pledges, "
        f"{ev['statement']} statements; {time.perf_counter() - start:.1f} s → {db_path}"
    )
    if summary.failed:
        sys.exit(ExitStatus.ERROR)


def _report(error: CowError, console) -> None:
    """One line on stderr about an input (above the progress bar when there is one)."""
    if console is None:
        _warn(str(error))
        return
    from rich.text import Text

    console.print(Text(visible(str(error)), style="yellow"))


class _Copy:
    """`ingest --jsonl`: the new events, written as they are stored. A reader that leaves
    (a closed pipe) ends the copy, not the ingest; a file that cannot be written ends the
    run with one line."""

    def __init__(self, out):
        self.out = out

    def write(self, events) -> None:
        if self.out is None:
            return
        try:
            write_events(events, "jsonl", self.out)
            self.out.flush()
        except BrokenPipeError:
            self.out = None
            _quiet_stdout()
        except OSError as exc:
            raise _write_error(exc, f"--jsonl {self.out.name}", self.out) from None


@cli.command()
@db_option
@click.option("--type", "type_", type=click.Choice(["meeting", "pledge", "statement"]))
@click.option("--actor", type=WORDS, help="Actor name or mention (substring, any role).")
@click.option("--since", type=DATE, help="Events dated on or after this day.")
@click.option("--until", type=DATE, help="Events dated on or before this day.")
@click.option("--article", type=WORDS, help="Article id (prefix) or path.")
@click.option("--text", type=WORDS,
              help="Words in the quote, evidence or article (full-text search).")
@click.option("--mentions-date", type=PeriodParam(),
              help="Only articles that mention this period (YYYY, YYYY-MM, YYYY-MM-DD).")
@click.option("--cluster", type=WORDS,
              help="Cross-source cluster id (prefix), as `diff --format json` shows.")
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), help="At most this many events.")
@format_option()
def query(db_path, type_, actor, since, until, article, text, mentions_date, cluster, limit,
          fmt):
    """Find stored events.

    Example:

        cowextract query --type statement --actor Macron --since 2025-09-01
    """
    f = EventFilter(type=type_, actor=actor, since=since, until=until, article=article,
                    text=text, cluster=cluster, limit=limit)
    with _store(db_path) as store:
        events = store.events(f)
        if mentions_date:
            ids = store.articles_mentioning(*mentions_date)
            events = (e for e in events if e.article.id in ids)
        n = write_events(events, _fmt(fmt), sys.stdout, title="events")
    if n == 0:
        _warn("no events match")


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "csv"]), default="jsonl",
              show_default=True)
@click.option("-o", "--output", type=click.File("w"), default="-",
              help="File to write ('-': stdout).")
def export(db_path, fmt, output):
    """Export every stored event, each with its cross-source cluster (id and label).

    Example:

        cowextract export --format csv -o events.csv
    """
    from cowextract.corpus.diff import update

    _not_the_database(output, db_path, ["-o", "--output"])
    with _store(db_path) as store:
        # Events stored without an ingest's last pass get their clusters first.
        _update_clusters(store, update)
        try:
            n = write_events(store.events(), fmt, output)
            output.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            name = "standard output" if output.name == "<stdout>" else output.name
            raise _write_error(exc, name, output) from None
    _warn(f"{n} events exported")


@cli.command()
@click.argument("event_id", type=WORDS)
@db_option
@click.option("--context", "context_chars", type=click.IntRange(0), default=300, show_default=True,
              help="Characters of article text to show around the evidence.")
@format_option(("text", "json"))
def show(event_id, db_path, context_chars, fmt):
    """Show one event with its evidence highlighted in the article text.

    EVENT_ID may be a unique prefix.

    Example:

        cowextract show 3f2a9c
    """
    from cowextract.cli.render import render_event

    with _store(db_path) as store:
        event = store.event(event_id)
        if event is None:
            raise CowError(f"{event_id}: no such event (or the prefix is not unique)")
        if fmt == "json":
            click.echo(json_safe(event.model_dump_json(indent=2)))
            return
        article = store.article(event.article.id)
    render_event(event, article, context_chars=context_chars, color=sys.stdout.isatty())


@cli.command()
@db_option
@format_option()
def articles(db_path, fmt):
    """List stored articles.

    Example:

        cowextract articles --format csv
    """
    with _store(db_path) as store:
        write_rows(store.articles(), _fmt(fmt), sys.stdout, title="articles", wide=("title",))


@cli.command()
@click.argument("name", type=click.Choice(["event", "article", "timex"]), default="event")
def schema(name):
    """Print the JSON Schema of an event, article or timex record.

    Example:

        cowextract schema event > event.schema.json
    """
    from cowextract.schemas import schema_for

    click.echo(json.dumps(schema_for(name), indent=2, ensure_ascii=False))


@cli.command("eval")
@click.option("--gold", "gold_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              required=True, help="Gold JSON Lines file.")
@db_option
@click.option("--rules", type=click.Choice(["auto", "events", "metadata", "attribution",
                                            "timex"]),
              default="auto", show_default=True,
              help="Matching rules: events (shared/gold), metadata (title, date, source of "
              "each article), attribution (PolNeAR), timex.")
@click.option("--articles", "articles_dir", type=click.Path(exists=True, file_okay=False,
              path_type=Path), help="Folder of the gold's articles (timex; default: beside it).")
@click.option("--only", multiple=True, metavar="GLOB",
              help="Score only articles whose file name matches (repeatable), e.g. 'd*'.")
@click.option("--misses", is_flag=True, help="Also list, as JSON Lines, the unmatched gold "
              "events, the unmatched predictions and the wrong attributes, links or metadata.")
@click.option("--floor", "floors", multiple=True, metavar="METRIC=VALUE",
              help="Fail (exit 1) when a metric (a type means its F1) is below this floor, "
              "e.g. meeting=0.85.")
@click.option("--floors-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A floors file (eval-floors.txt): one 'SET: METRIC=VALUE …' line per set.")
@click.option("--floors-set", metavar="SET", help="The floors file's line to check, e.g. seeds.")
@model_options
@format_option(("table", "json"))
def eval_(gold_path, db_path, rules, articles_dir, only, misses, floors, floors_file, floors_set,
          fmt, model, actor_files):
    """Score stored events (or article metadata) against a gold file.

    Example:

        cowextract ingest ../shared/seeds --db seeds.db
        cowextract eval --gold ../shared/gold/seeds.jsonl --db seeds.db --misses
        cowextract eval --gold news-dev/gold.jsonl --db dev.db --only 'd*' \\
            --floors-file eval-floors.txt --floors-set 'news-dev/d*'
    """
    from cowextract.scoring.floors import read_floors
    from cowextract.scoring.run import evaluate

    if (floors_file is None) != (floors_set is None):
        raise click.UsageError("--floors-file and --floors-set go together")
    wanted = read_floors(floors_file, floors_set) if floors_file else {}
    wanted.update(_parse_floor(f) for f in floors)
    result = evaluate(gold_path, rules=rules, db_path=db_path, articles_dir=articles_dir,
                      model=model, actor_files=tuple(actor_files), store_factory=_store,
                      only=tuple(only))
    if (fmt or "table") == "json":
        click.echo(json_safe(json.dumps(result.as_dict(), indent=2, ensure_ascii=False)))
    else:
        write_rows(result.rows, "table", sys.stdout, title=result.title)
        for title, rows in result.tables:
            write_rows(rows, "table", sys.stdout, title=title)
        for line in result.notes:
            click.echo(visible(line))
        for miss in result.misses if misses else ():
            click.echo(json_safe(json.dumps(miss, ensure_ascii=False)))
    failed = result.below(wanted)
    for line in failed:
        _warn(f"below floor: {line}")
    if failed:
        sys.exit(ExitStatus.ERROR)


def _parse_floor(text: str) -> tuple[str, float]:
    from cowextract.scoring.floors import parse_floor

    try:
        return parse_floor(text)
    except CowError:
        raise click.BadParameter(f"{text!r} is not METRIC=NUMBER", param_hint="--floor") from None


@cli.command()
@db_option
@click.option("--subject", help="Subject name (substring): an actor, or a meeting, pledge or "
              "quote cluster.")
@click.option("--attribute", help="Attribute: member_count, date, location, host, amount, "
              "speaker, wording, …")
@click.option("--since", type=DATE, help="Claims as of this day or later.")
@click.option("--until", type=DATE, help="Claims as of this day or earlier.")
@click.option("--conflicts-only", is_flag=True, help="Only subjects the sources disagree on.")
@click.option("--all", "single", is_flag=True, help="Also subjects only one source reports.")
@format_option(("table", "json", "jsonl", "md", "csv"))
def diff(db_path, subject, attribute, since, until, conflicts_only, single, fmt):
    """Compare claims across sources: agree, conflict, or evolves (a timeline).

    Each subject (an actor, or a meeting, pledge or quote reported by several articles)
    and attribute is listed with the value each source gives, its as-of date and evidence.

    Example:

        cowextract diff --conflicts-only --format md > memo.md
    """
    from cowextract.corpus.diff import compute, update
    from cowextract.corpus.memo import Sources, as_dicts, table_rows, to_markdown

    fmt = _fmt(fmt)
    with _store(db_path) as store:
        _update_clusters(store, update)
        rows = compute(list(store.claims()), subject=subject, attribute=attribute,
                       since=since, until=until, conflicts_only=conflicts_only,
                       min_sources=1 if single else 2)
        sources = Sources(store)
        if fmt == "md":
            click.echo(without_controls(to_markdown(rows, sources)), nl=False)
        elif fmt in ("json", "jsonl"):
            write_rows(as_dicts(rows, sources), fmt, sys.stdout)
        elif fmt == "csv":
            write_rows(table_rows(rows, sources), fmt, sys.stdout)
        else:  # a table for a person: the value, its source and date, and why
            shown = ("subject", "attribute", "status", "value", "as_of", "source", "why")
            write_rows(({k: r[k] for k in shown} for r in table_rows(rows, sources)), fmt,
                       sys.stdout, title="claims across sources", wide=("subject", "why"))
    if not rows:
        _warn("nothing to compare" + ("" if single else " (no subject is reported by two "
                                                         "sources; --all lists single ones)"))


def _update_clusters(store: Store, update) -> None:
    """Bring clusters and claims up to date before comparing them, holding the write lock
    for the pass as an ingest does; a store that cannot be written is compared as stored."""
    if store.readonly:
        if store.unclustered_ids():
            _warn(f"{store.path}: read-only, so the newest events are compared as last "
                  "clustered")
        return
    with store.clustering():
        update(store)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", type=DATE, default=None,
              help="Publication date for articles that state none (the anchor).")
@model_options
@format_option(("table", "jsonl", "json", "csv"))
def dates(paths, published, model, actor_files, fmt):
    """List the temporal expressions in articles, normalised (TimeML values).

    Example:

        cowextract dates article.txt --published 2025-11-26
    """
    from cowextract.nlp.pipeline import load_pipeline
    from cowextract.prepare.load import iter_documents
    from cowextract.run.dates import tag_documents

    nlp = load_pipeline(model, tuple(actor_files))
    failed = 0

    def rows():
        nonlocal failed
        for item in tag_documents(iter_documents(paths), nlp, published=published):
            if isinstance(item, CowError):
                failed += not isinstance(item, RepairedInput)
                _warn(str(item))
                continue
            article, timexes = item
            for t in timexes:
                yield {"article": article.path, "text": t.text, "start": t.start, "end": t.end,
                       "type": t.type, "value": t.value, "mod": t.mod, "anchor": t.anchor}

    write_rows(rows(), _fmt(fmt), sys.stdout, title="dates", wide=("text",))
    if failed:
        sys.exit(ExitStatus.ERROR)


def main() -> None:
    """Entry point: Ctrl-C and a closed pipe end quietly with their exit statuses; output
    that cannot be written (a full disk) ends with one line."""
    try:
        status = cli.main(prog_name="cowextract", standalone_mode=False)
        sys.stdout.flush()
    except (KeyboardInterrupt, click.exceptions.Abort):
        _warn("Interrupted.")
        sys.exit(ExitStatus.INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        # `cowextract query | head`: the reader left; that is not an error.
        _quiet_stdout()
        sys.exit(ExitStatus.OK)
    except OSError as exc:
        if exc.errno not in WRITE_FAILURES:
            raise
        _quiet_stdout()
        _warn(f"Error: {_write_error(exc, 'standard output')}")
        sys.exit(ExitStatus.ERROR)
    sys.exit(status if isinstance(status, int) else ExitStatus.OK)
