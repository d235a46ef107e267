"""Fault injection, in this process: every hostile input, argument and output of issue 29
(and the bad inputs the suite already had), built on the fly and run through the command
line on the real pipeline (loaded once). Each case asserts the exit status, one clear line
on stderr naming the input or argument and the reason, the good inputs of the same run
stored, and the database intact. Faults that need processes of their own (signals, pipes,
permissions, concurrent writers, a full disk) are in test_faults_processes.py."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil

import pytest
from click.testing import CliRunner

from cowextract.cli.commands import cli

from faults import (
    DEEP,
    GOOD,
    GOOD2,
    HOSTILE,
    LONG_INT,
    Case,
    assert_intact,
    check_run,
    fill,
    long_text,
    make_inputs,
    record,
    stored_paths,
)

pytestmark = [pytest.mark.integration, pytest.mark.faults]

GOOD_ONLY = {"good.txt"}
ING = ["ingest", "{in}", "--db", "{db}"]
CP1252 = ("Harbour Talks Resume\n\n\u201cWe are ready,\u201d the minister said at the "
          "caf\u00e9 in Oslo on Tuesday, where the talks on fishing quotas ended.\n")
ACTOR_OK = {"id": "X-PORT", "name": "Port Authority", "kind": "organization"}


def _links(tmp):
    (tmp / "in" / "sub").mkdir()
    os.symlink("..", tmp / "in" / "sub" / "up")          # a folder that leads back up
    os.symlink("self.txt", tmp / "in" / "self.txt")      # a file link to itself
    os.symlink("nowhere.txt", tmp / "in" / "gone.txt")   # a link to nothing


def _pick(link):
    def setup(tmp):
        _links(tmp)
        for name in ("sub/up", "self.txt", "gone.txt"):
            if name != link:
                os.unlink(tmp / "in" / name)
    return setup


INPUTS = [
    # Nested too deeply: a file, stdin, a JSON line, a sidecar, --actors, a gold file, dates.
    Case("deep-json-file", ING, 1, r"deep\.json: JSON nested too deeply",
         files={"deep.json": DEEP}, stored=GOOD_ONLY),
    Case("deep-json-stdin", ["ingest", "-", "{in}/good.txt", "--db", "{db}"], 1,
         r"^<stdin>: JSON nested too deeply", stdin=DEEP, stored=GOOD_ONLY),
    Case("deep-jsonl-line", ING, 1, r"feed\.jsonl:2: JSON line nested too deeply",
         files={"feed.jsonl": record(GOOD2) + "\n" + DEEP.decode() + "\n"},
         stored={"good.txt", "feed.jsonl:1"}),
    Case("deep-sidecar", ING, 1, r"other\.meta\.json: metadata sidecar: JSON nested too deeply",
         files={"other.txt": GOOD2, "other.meta.json": DEEP}, stored=GOOD_ONLY),
    Case("deep-actors", ["ingest", "{in}", "--db", "{db}", "--actors", "{tmp}/actors.json"], 1,
         r"actors\.json: cannot read actor file: JSON nested too deeply",
         files={"tmp/actors.json": DEEP}, stored=set()),
    Case("deep-dates", ["dates", "{in}", "--format", "jsonl"], 1,
         r"deep\.json: JSON nested too deeply", files={"deep.json": DEEP},
         stdout=lambda out: '"article": "good.txt"' in out),
    # Integers of more digits than Python converts.
    Case("long-int-jsonl-line", ING, 1, r"feed\.jsonl:2: unreadable JSON line \(Exceeds the "
         r"limit \(4300 digits\)", files={"feed.jsonl": record(GOOD2) + '\n{"text": "x", "n": '
                                         + LONG_INT + "}\n"},
         stored={"good.txt", "feed.jsonl:1"}),
    Case("long-int-json-file", ING, 1, r"big\.json: unreadable JSON \(Exceeds the limit",
         files={"big.json": '[{"n": ' + LONG_INT + "}]"}, stored=GOOD_ONLY),
    Case("long-int-sidecar", ING, 1, r"other\.meta\.json: metadata sidecar: unreadable JSON",
         files={"other.txt": GOOD2, "other.meta.json": '{"n": ' + LONG_INT + "}"},
         stored=GOOD_ONLY),
    Case("long-int-actors", ["ingest", "{in}", "--db", "{db}", "--actors", "{tmp}/a.json"], 1,
         r"a\.json: cannot read actor file: unreadable JSON",
         files={"tmp/a.json": '[{"id": ' + LONG_INT + "}]"}, stored=set()),
    # Actor files whose name or id is not text.
    Case("actors-name-list", ["ingest", "{in}", "--db", "{db}", "--actors", "{tmp}/a.json"], 1,
         r"a\.json: an actor file is a JSON list of objects",
         files={"tmp/a.json": json.dumps([{**ACTOR_OK, "name": ["Port", "Authority"]}])},
         stored=set()),
    Case("actors-id-list", ["ingest", "{in}", "--db", "{db}", "--actors", "{tmp}/a.json"], 1,
         r"a\.json: an actor file is a JSON list of objects",
         files={"tmp/a.json": json.dumps([{**ACTOR_OK, "id": ["X"]}])}, stored=set()),
    # Too long for the pipeline: refused the same way by path, stdin, record, jobs, dates.
    Case("too-long-file", ING, 1, r"long\.txt: too long \(2\d\d,\d{3} characters of text; the "
         r"limit is 200,000\)", files={"long.txt": long_text(250_000)}, stored=GOOD_ONLY),
    Case("too-long-5mb", ING, 1, r"long\.txt: too long \(5,\d{3},\d{3} characters",
         files={"long.txt": long_text(5_100_000)}, stored=GOOD_ONLY),
    Case("too-long-stdin", ["ingest", "-", "{in}/good.txt", "--db", "{db}"], 1,
         r"^stdin: too long \(2\d\d,\d{3} characters", stdin=long_text(250_000).encode(),
         stored=GOOD_ONLY),
    Case("too-long-record", ING, 1, r"feed\.jsonl:1: too long",
         files={"feed.jsonl": record(long_text(250_000)) + "\n"}, stored=GOOD_ONLY),
    Case("too-long-jobs-2", [*ING, "--jobs", "2"], 1, r"long\.txt: too long",
         files={"long.txt": long_text(250_000)}, stored=GOOD_ONLY),
    Case("too-long-dates", ["dates", "{in}", "--format", "jsonl"], 1, r"long\.txt: too long",
         files={"long.txt": long_text(250_000)},
         stdout=lambda out: '"article": "good.txt"' in out),
    Case("stdin-over-20mb", ["ingest", "-", "{in}/good.txt", "--db", "{db}"], 1,
         r"^<stdin>: too large \(more than 20,971,520 bytes", stdin=b"word " * 4_300_000,
         stored=GOOD_ONLY),
    Case("file-over-20mb", ING, 1, r"huge\.txt: too large \(21,\d{3},\d{3} bytes; the limit is "
         r"20,971,520\)", files={"huge.txt": b"word " * 4_300_000}, stored=GOOD_ONLY),
    # Encodings: a few bad bytes in UTF-8 are replaced and counted; cp1252 is still guessed.
    Case("utf8-one-bad-byte", ING, 0, r"bad\.txt: 1 byte not valid UTF-8, replaced with U\+FFFD",
         files={"bad.txt": GOOD2.replace("grain", "gr\udcffain").encode("utf-8",
                                                                         "surrogateescape")},
         stored={"good.txt", "bad.txt"}),
    Case("utf8-bad-bytes-dates", ["dates", "{in}", "--format", "jsonl"], 0,
         r"bad\.txt: 2 bytes not valid UTF-8",
         files={"bad.txt": GOOD2.replace("grain", "\udcfe\udcffgrain").encode(
             "utf-8", "surrogateescape")}, stdout=lambda out: '"article": "bad.txt"' in out),
    Case("cp1252-file", ING, 0, None, files={"old.txt": CP1252.encode("cp1252")},
         stored={"good.txt", "old.txt"}),
    # Folders: links that loop or lead nowhere are named, not skipped in silence.
    Case("symlink-folder-loop", ING, 1, r"up: symbolic link loop \(leads back",
         setup=_pick("sub/up"), stored=GOOD_ONLY),
    Case("symlink-file-loop", ING, 1, r"self\.txt: symbolic link loop", setup=_pick("self.txt"),
         stored=GOOD_ONLY),
    Case("dangling-link", ING, 1, r"gone\.txt: dangling symbolic link to 'nowhere\.txt'",
         setup=_pick("gone.txt"), stored=GOOD_ONLY),
    Case("dangling-link-named", ["ingest", "{in}/gone.txt", "{in}/good.txt", "--db", "{db}"], 1,
         r"gone\.txt: dangling symbolic link", setup=_pick("gone.txt"), stored=GOOD_ONLY),
    # Two wire copies of one text with different dates: each tagged against its own.
    Case("dates-same-text", ["dates", "{in}", "--format", "jsonl"], 0, None, good=False,
         files={"a.txt": GOOD.replace("2025-03-04", "2025-03-01"), "b.txt": GOOD},
         stdout=lambda out: {json.loads(x)["anchor"] for x in out.splitlines()} ==
         {"published:2025-03-01", "published:2025-03-04"}),
    # The bad inputs the suite already had (test_cli, test_load).
    Case("empty-file", ING, 1, r"empty\.txt: empty file", files={"empty.txt": b""},
         stored=GOOD_ONLY),
    Case("blank-file", ING, 1, r"blank\.txt: empty file", files={"blank.txt": b" \n\n "},
         stored=GOOD_ONLY),
    Case("binary-file", ING, 1, r"binary\.txt: binary file",
         files={"binary.txt": b"\x00\x01PK\x03\x04"}, stored=GOOD_ONLY),
    Case("not-english", ING, 1, r"french\.txt: not English", stored=GOOD_ONLY,
         files={"french.txt": "Les ministres de la Norv\u00e8ge et du Chili se sont r\u00e9unis "
                "mardi \u00e0 Oslo pour discuter des quotas de p\u00eache et de la nouvelle "
                "route du grain, a indiqu\u00e9 le minist\u00e8re dans un communiqu\u00e9."}),
    Case("malformed-json-line", ING, 1, r"feed\.jsonl:2: malformed JSON line",
         files={"feed.jsonl": record(GOOD2) + "\n{broken\n"}, stored={"good.txt", "feed.jsonl:1"}),
    Case("malformed-json-file", ING, 1, r"broken\.json: malformed JSON",
         files={"broken.json": b"{oops"}, stored=GOOD_ONLY),
    Case("json-not-object", ING, 1, r"list\.json: JSON record is not an object",
         files={"list.json": b"[1]"}, stored=GOOD_ONLY),
    Case("json-record-no-text", ING, 1, r"notext\.json: JSON record has no text field",
         files={"notext.json": b'{"title": "no text"}'}, stored=GOOD_ONLY),
    Case("unreadable-date", ING, 1, r"baddate\.txt: unreadable publication date",
         files={"baddate.txt": "date 2025-13-45\n" + GOOD2.split("\n", 1)[1]},
         stored=GOOD_ONLY),
    Case("missing-path", ["ingest", "{in}/nowhere.txt", "{in}/good.txt", "--db", "{db}"], 1,
         r"nowhere\.txt: no such file or folder", stored=GOOD_ONLY),
]


@pytest.fixture(scope="module")
def stored_db(tmp_path_factory):
    """A database holding GOOD, GOOD2 and HOSTILE, with their clusters (copied per case)."""
    folder = tmp_path_factory.mktemp("stored")
    (folder / "in").mkdir()
    for name, text in (("good.txt", GOOD), ("good2.txt", GOOD2), ("hostile.txt", HOSTILE)):
        (folder / "in" / name).write_text(text)
    result = CliRunner().invoke(cli, ["ingest", str(folder / "in"), "--db", str(folder / "s.db")])
    assert result.exit_code == 0, result.stderr
    return folder / "s.db"


def _run(case: Case, tmp, stored_db=None):
    make_inputs(case, tmp)
    if case.stored_db:
        shutil.copy(stored_db, tmp / "f.db")
    result = CliRunner(env=case.env).invoke(cli, fill(case.argv, tmp), input=case.stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    check_run(result.stdout, result.stderr, result.exit_code, exit=case.exit, line=case.line)
    if case.stdout is not None:
        assert case.stdout(result.stdout), result.stdout
    db = tmp / "f.db"
    if case.stored is not None:
        assert stored_paths(db) == case.stored
    if db.exists():
        assert_intact(db)
    return result


@pytest.mark.parametrize("case", INPUTS, ids=lambda c: c.id)
def test_bad_inputs(case, tmp_path):
    _run(case, tmp_path)


STORED = {"good.txt", "good2.txt", "hostile.txt"}
ON_DB = {"stored_db": True, "good": False, "stored": STORED}
NOTHING = r"^no events match$"


def _no_controls(out: str) -> bool:
    """Nothing from the articles acted on by a terminal: no raw escape, bell or override."""
    return not any(c in out for c in "\x1b\x07\x9b\u202e")


def _table(out: str) -> bool:
    """Forced colour shows rich's own styling only: the article's markup and escapes are
    shown as written, never as colour, links or controls."""
    return ("\x1b]8;" not in out and "\x1b[1;31m" not in out and "\x1b[31m" not in out
            and "\x1b[2J" not in out and "\x07" not in out and "\u202e" not in out)


ARGUMENTS = [
    Case("db-empty", ["ingest", "{in}", "--db", ""], 2, r"Invalid value for '--db': is empty"),
    Case("export-onto-db", ["export", "--db", "{db}", "-o", "{db}"], 2,
         r"'-o' / '--output': '.*f\.db' is the database", **ON_DB),
    Case("export-onto-wal", ["export", "--db", "{db}", "-o", "{db}-wal"], 2,
         r"'-o' / '--output': '.*f\.db-wal' is the database", **ON_DB),
    Case("jsonl-onto-db", ["ingest", "{in}", "--db", "{db}", "--jsonl", "{db}"], 2,
         r"'--jsonl': '.*f\.db' is the database", **ON_DB),
    *(Case(f"mentions-date-{p}", ["query", "--db", "{db}", "--mentions-date", p], 2,
           rf"'--mentions-date': '{p}' is not a period", **ON_DB)
      for p in ("2025-13", "2025-00", "0000", "2025-1")),
    Case("limit-over-sqlite", ["query", "--db", "{db}", "--limit", str(2**63)], 2,
         r"'--limit': 9223372036854775808 is not in the range", **ON_DB),
    *(Case(f"date-{opt}-{name}", ["query", "--db", "{db}", f"--{opt}", value], 2,
           rf"'--{opt}': .* is not a date \(use YYYY-MM-DD\)", **ON_DB)
      for opt, name, value in (("since", "junk", "2016-09-01junk"),
                               ("until", "sql", "2025-01-01' OR 1=1"),
                               ("until", "feb-30", "2025-02-30"))),
    Case("published-junk", ["ingest", "{in}", "--db", "{db}", "--published", "2025-03-04x"], 2,
         r"'--published': '2025-03-04x' is not a date"),
    *(Case(f"literal-{opt}-{name}", ["query", "--db", "{db}", f"--{opt}", value], 0, NOTHING,
           stdout=lambda out: out == "", **ON_DB)
      for opt, name, value in (("actor", "percent", "%"), ("actor", "underscore", "_"),
                               ("article", "percent", "%"), ("cluster", "percent", "%"),
                               ("article", "underscore", "_"))),
    Case("literal-show-percent", ["show", "%", "--db", "{db}"], 1,
         r"^Error: %: no such event", **ON_DB),
    *(Case(f"empty-{opt}", ["query", "--db", "{db}", f"--{opt}", value], 2,
           rf"'--{opt}': is empty", **ON_DB)
      for opt, value in (("text", ""), ("actor", " "), ("article", ""), ("cluster", ""))),
    Case("show-empty-id", ["show", "", "--db", "{db}"], 2, r"'EVENT_ID': is empty", **ON_DB),
    Case("export-dev-full", ["export", "--db", "{db}", "-o", "/dev/full"], 1,
         r"^Error: /dev/full: cannot write \(No space left on device\)", **ON_DB),
    Case("ingest-jsonl-dev-full", ["ingest", "{in}", "--db", "{db}", "--jsonl", "/dev/full"], 1,
         r"^Error: --jsonl /dev/full: cannot write \(No space left on device\)",
         stored=GOOD_ONLY),
    Case("eval-gold-deep", ["eval", "--gold", "{tmp}/gold.jsonl", "--db", "{db}"], 1,
         r"gold\.jsonl:1: JSON line nested too deeply", files={"tmp/gold.jsonl": DEEP}, **ON_DB),
    Case("eval-gold-long-int", ["eval", "--gold", "{tmp}/gold.jsonl", "--db", "{db}"], 1,
         r"gold\.jsonl:1: unreadable JSON line", **ON_DB,
         files={"tmp/gold.jsonl": '{"article": "a.txt", "type": "meeting", "n": '
                + LONG_INT + "}"}),
    # Article text is never markup or a control sequence, in any output.
    Case("markup-articles-table", ["articles", "--db", "{db}", "--format", "table"], 0, None,
         env={"FORCE_COLOR": "1"}, **ON_DB,
         stdout=lambda out: "[bold red]End[/]" in out and r"\x1b[31mOslo" in out and _table(out)),
    Case("markup-query-table", ["query", "--db", "{db}", "--format", "table"], 0, None,
         env={"FORCE_COLOR": "1"}, **ON_DB, stdout=lambda out: "[/]" in out and _table(out)),
    Case("markup-diff-table", ["diff", "--db", "{db}", "--all", "--format", "table"], 0, None,
         env={"FORCE_COLOR": "1"}, **ON_DB, stdout=lambda out: "[/]" in out and _table(out)),
    Case("controls-query-csv", ["query", "--db", "{db}", "--format", "csv"], 0, None, **ON_DB,
         stdout=lambda out: "[link=https://evil.example]pay[/link]" in out
         and "\u202eroad [/]" in out and "\x1b" not in out and "\x07" not in out),
    Case("controls-query-jsonl", ["query", "--db", "{db}", "--article", "hostile.txt"], 0,
         None, **ON_DB, stdout=lambda out: _no_controls(out) and any(
             "\x1b]0;owned\x07" in (json.loads(x).get("quote") or {}).get("text", "")
             for x in out.splitlines())),
    Case("controls-export-json", ["export", "--db", "{db}", "--format", "json"], 0,
         r"^\d+ events exported$", **ON_DB,
         stdout=lambda out: _no_controls(out) and "\\u001b[2J" in out and "\\u202e" in out),
    Case("controls-diff-md", ["diff", "--db", "{db}", "--all", "--format", "md"], 0, None,
         **ON_DB, stdout=lambda out: "\x1b" not in out and "\x07" not in out),
]


@pytest.mark.parametrize("case", ARGUMENTS, ids=lambda c: c.id)
def test_bad_arguments_and_hostile_text(case, tmp_path, stored_db):
    before = assert_intact(stored_db)
    _run(case, tmp_path, stored_db)
    if case.stored_db and not case.argv[0] == "ingest":
        assert assert_intact(tmp_path / "f.db") == before  # nothing written, nothing lost


def _event_id(db, path: str, kind: str) -> str:
    result = CliRunner().invoke(cli, ["query", "--db", str(db), "--article", path, "--type",
                                      kind, "--format", "jsonl"])
    return json.loads(result.stdout.splitlines()[0])["id"]


@pytest.mark.parametrize("color", [True, False])
def test_show_displays_hostile_text_visibly(stored_db, color, monkeypatch):
    """`show` prints the article around the evidence: its markup as written, its controls
    as visible escapes, on a colour terminal and off one."""
    import cowextract.cli.commands as commands

    monkeypatch.setattr(commands.sys.stdout, "isatty", lambda: color, raising=False)
    event = _event_id(stored_db, "hostile.txt", "statement")
    result = CliRunner(env={"FORCE_COLOR": "1"} if color else {}).invoke(
        cli, ["show", event, "--db", str(stored_db)])
    check_run(result.stdout, result.stderr, result.exit_code, exit=0, line=None)
    out = result.stdout
    assert "[link=https://evil.example]pay[/link]" in out and "[/]" in out
    assert r"\x1b]0;owned\x07" in out and r"\u202e" in out
    assert _table(out)


def _corrupt(db, seed: int = 29) -> str:
    """20 KB of random bytes written over the middle of the file; its digest after."""
    rng = random.Random(seed)
    size = db.stat().st_size
    with open(db, "r+b") as fh:
        fh.seek(size // 2)
        fh.write(bytes(rng.randrange(256) for _ in range(20 * 1024)))
    return hashlib.sha256(db.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def damaged_db(stored_db, tmp_path_factory):
    db = tmp_path_factory.mktemp("damaged") / "d.db"
    shutil.copy(stored_db, db)
    return db, _corrupt(db)


@pytest.mark.parametrize("argv", [
    ["query"], ["query", "--limit", "1"], ["export"], ["articles"], ["show", "0"], ["diff"],
    ["eval", "--gold", "{gold}"], ["ingest", "{in}"]], ids=lambda a: a[0] + str(len(a)))
def test_a_damaged_database_is_refused_by_every_command(damaged_db, argv, tmp_path):
    db, digest = damaged_db
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(GOOD)
    (tmp_path / "gold.jsonl").write_text('{"article": "good.txt", "type": "meeting"}\n')
    args = [a.format(**{"in": tmp_path / "in", "gold": tmp_path / "gold.jsonl"}) for a in argv]
    result = CliRunner().invoke(cli, [*args, "--db", str(db)])
    check_run(result.stdout, result.stderr, result.exit_code, exit=1,
              line=r"d\.db: the database is damaged \(")
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest  # nothing written into it

