"""Every command through click's CliRunner, on a real SQLite file and the real pipeline."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner

from cowextract import __version__
from cowextract.cli.commands import cli

from conftest import SAMPLE

pytestmark = pytest.mark.integration

STORY = ("date 2025-09-05\nLeaders Agree on Reassurance Force\n"
         "Emmanuel Macron hosted a summit of the coalition of the willing in Paris on Thursday. "
         "\u201cWe have 26 countries who have formally committed,\u201d Macron told reporters. "
         "Prime Minister Giorgia Meloni said Italy will not send troops to Ukraine.\n"
         "Comments (0)\n")


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "paris.txt").write_text(STORY)
    return folder


@pytest.fixture
def stored(runner, corpus, db):
    result = runner.invoke(cli, ["ingest", str(corpus), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def run(runner, *args, input=None):
    return runner.invoke(cli, [str(a) for a in args], input=input)


def test_version_and_help(runner):
    assert run(runner, "--version").output.strip() == f"cowextract, version {__version__}"
    for command in ("ingest", "query", "export", "show", "articles", "schema", "eval", "dates",
                    "diff"):
        result = run(runner, command, "--help")
        assert result.exit_code == 0 and "Example:" in result.output, command


def test_ingest_summary_and_idempotence(runner, corpus, db):
    first = run(runner, "ingest", corpus, "--db", db)
    assert first.exit_code == 0
    assert re.match(r"1 new, 0 already stored, 0 skipped, 0 failed; events: 1 meetings, "
                    r"\d+ pledges, \d+ statements;", first.stderr)
    again = run(runner, "ingest", corpus, "--db", db)
    assert again.exit_code == 0
    assert again.stderr.startswith("0 new, 1 already stored")


def test_ingest_jsonl_to_stdout_is_valid_events(runner, corpus, db):
    result = run(runner, "ingest", corpus, "--db", db, "--jsonl", "-")
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert {e["type"] for e in events} == {"meeting", "pledge", "statement"}
    meeting = next(e for e in events if e["type"] == "meeting")
    assert meeting["date"]["value"] == "2025-09-04"
    assert meeting["location"]["name"] == "Paris"
    assert meeting["article"]["published"] == "2025-09-05"
    assert meeting["article"]["title"] == "Leaders Agree on Reassurance Force"


def test_ingest_stdin_with_published(runner, db):
    text = "Keir Starmer hosted leaders in London on Sunday to discuss a force for Ukraine."
    result = run(runner, "ingest", "-", "--db", db, "--published", "2025-03-03", "--jsonl", "-",
                 input=text)
    assert result.exit_code == 0, result.output
    meeting = json.loads(result.stdout.splitlines()[0])
    assert meeting["date"]["value"] == "2025-03-02"
    assert meeting["article"]["path"] == "stdin"


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty file"),
    ("binary.txt", b"\x00\x01PK\x03\x04", "binary file"),
    ("french.txt", ("Les dirigeants europ\u00e9ens se sont r\u00e9unis jeudi \u00e0 Paris pour "
                    "discuter de la force de r\u00e9assurance et des garanties de s\u00e9curit\u00e9 "
                    "pour l'Ukraine, a annonc\u00e9 l'\u00c9lys\u00e9e dans un communiqu\u00e9.")
     .encode(), "not English"),
    ("feed.jsonl", b'{"text": "Ministers met in Rome to talk about drones."}\n{broken\n',
     "malformed JSON line"),
    ("baddate.txt", b"date 2025-13-45\nLeaders met in Rome to talk about drones.",
     "unreadable publication date"),
])
def test_bad_input_one_line_and_the_rest_goes_on(runner, corpus, db, name, data, reason):
    (corpus / name).write_bytes(data)
    result = run(runner, "ingest", corpus, "--db", db)
    assert result.exit_code == 1
    bad = [line for line in result.stderr.splitlines() if name in line]
    assert len(bad) == 1 and reason in bad[0], result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert "paris.txt" not in result.stderr and "failed;" in result.stderr
    listed = run(runner, "articles", "--db", db, "--format", "jsonl").stdout
    assert "paris.txt" in listed  # the rest was stored


def test_missing_path_and_bad_option(runner, db):
    result = run(runner, "ingest", "nowhere.txt", "--db", db)
    assert result.exit_code == 1 and "nowhere.txt: no such file or folder" in result.stderr
    result = run(runner, "query", "--db", db, "--since", "yesterday-ish")
    assert result.exit_code == 2 and "is not a date" in result.stderr


def test_query_formats(runner, stored):
    lines = run(runner, "query", "--db", stored, "--format", "jsonl").stdout.splitlines()
    assert all(json.loads(line)["id"] for line in lines)
    data = json.loads(run(runner, "query", "--db", stored, "--format", "json").stdout)
    assert len(data) == len(lines)
    rows = list(csv.DictReader(io.StringIO(run(runner, "query", "--db", stored, "--format",
                                               "csv").stdout)))
    assert [r["id"] for r in rows] == [d["id"] for d in data]
    assert list(rows[0]) == ["id", "type", "date", "location", "actors", "what", "article",
                             "evidence", "cluster", "cluster_label"]
    table = run(runner, "query", "--db", stored, "--format", "table").stdout
    assert "paris.txt" in table


@pytest.mark.parametrize("args,types", [
    (["--type", "meeting"], {"meeting"}),
    (["--actor", "Meloni"], {"pledge", "statement"}),
    (["--since", "2025-09-04", "--until", "2025-09-04", "--type", "meeting"], {"meeting"}),
    (["--since", "2026-01-01"], set()),
    (["--text", "reassurance"], {"meeting", "pledge", "statement"}),
    (["--mentions-date", "2025-09"], {"meeting", "pledge", "statement"}),
    (["--mentions-date", "2024"], set()),
])
def test_query_filters(runner, stored, args, types):
    result = run(runner, "query", "--db", stored, "--format", "jsonl", *args)
    assert {json.loads(line)["type"] for line in result.stdout.splitlines()} == types


def test_query_without_database(runner, tmp_path):
    result = run(runner, "query", "--db", tmp_path / "none.db")
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"Error: {tmp_path / 'none.db'}: no such database "
                                     "(run 'cowextract ingest' first)")


def test_export_and_show(runner, stored, tmp_path):
    out = tmp_path / "events.jsonl"
    result = run(runner, "export", "--db", stored, "-o", out)
    assert result.exit_code == 0
    events = [json.loads(line) for line in out.read_text().splitlines()]
    assert result.stderr.strip() == f"{len(events)} events exported"
    meeting = next(e for e in events if e["type"] == "meeting")
    shown = run(runner, "show", meeting["id"][:8], "--db", stored)
    assert shown.exit_code == 0
    assert f"meeting {meeting['id']}" in shown.stdout
    assert "⟦" + meeting["evidence"]["text"] + "⟧" in shown.stdout
    as_json = json.loads(run(runner, "show", meeting["id"], "--db", stored, "--format",
                             "json").stdout)
    assert as_json == meeting
    missing = run(runner, "show", "zzzz", "--db", stored)
    assert missing.exit_code == 1 and "no such event" in missing.stderr


def test_articles(runner, stored):
    rows = [json.loads(x) for x in run(runner, "articles", "--db", stored).stdout.splitlines()]
    assert [(r["path"], r["published"], r["title"]) for r in rows] == [
        ("paris.txt", "2025-09-05", "Leaders Agree on Reassurance Force")]


def test_schema_command_matches_files(runner):
    from conftest import ROOT

    for name in ("event", "article", "timex"):
        printed = json.loads(run(runner, "schema", name).stdout)
        assert printed == json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text())


def test_dates_command(runner, corpus):
    result = run(runner, "dates", corpus / "paris.txt", "--format", "jsonl")
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    thursday = next(r for r in rows if r["text"] == "Thursday")
    assert thursday["value"] == "2025-09-04" and thursday["type"] == "DATE"
    assert thursday["anchor"] == "published:2025-09-05"


def test_eval_command_and_floor(runner, stored, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"article": "paris.txt", "type": "meeting", "date": "2025-09-04",
                                "location": ["Paris"], "participants": []}) + "\n")
    result = run(runner, "eval", "--gold", gold, "--db", stored, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {r["type"]: r for r in json.loads(result.stdout)["rows"]}
    assert (rows["meeting"]["gold"], rows["meeting"]["matched"]) == (1, 1)
    strict = run(runner, "eval", "--gold", gold, "--db", stored, "--floor", "pledge=0.5")
    assert strict.exit_code == 1 and "below floor: pledge" in strict.stderr


def test_sample_corpus_ingests_cleanly(runner, db):
    result = run(runner, "ingest", SAMPLE, "--db", db, "--jsonl", "-")
    assert result.exit_code == 0, result.stderr
    types = {json.loads(x)["type"] for x in result.stdout.splitlines()}
    assert types == {"meeting", "pledge", "statement"}


def test_clusters_follow_an_ingest_as_it_goes(db):
    from cowextract.run.ingest import ingest
    from cowextract.settings import Settings
    from cowextract.store import Store

    with Store(db) as store:
        outcomes = list(ingest([str(SAMPLE)], store, settings=Settings(cluster_every=3)))
        assert {o.status for o in outcomes} == {"stored"}
        assert store.unclustered_ids() == []
        members, events = store.conn.execute(
            "SELECT (SELECT sum(size) FROM clusters), (SELECT count(*) FROM events)").fetchone()
        assert members == events > 0
        assert store.check() == []


@pytest.mark.parametrize("new, articles", [
    (1, 50), (499, 50), (500, 50), (1000, 100), (1499, 149), (1500, 150), (100_000, 150)])
def test_clustering_passes_space_out_as_an_ingest_grows(new, articles):
    from cowextract.run.ingest import pass_size

    assert pass_size(new) == articles


def test_jobs_two_gives_the_same_events_in_the_same_order(runner, tmp_path):
    one = run(runner, "ingest", SAMPLE, "--db", tmp_path / "one.db", "--jsonl", "-")
    two = run(runner, "ingest", SAMPLE, "--db", tmp_path / "two.db", "--jsonl", "-", "--jobs", 2)
    assert one.exit_code == two.exit_code == 0, two.stderr
    assert one.stdout == two.stdout and one.stdout


def test_jobs_two_gives_the_same_clusters_and_claims(tmp_path, monkeypatch):
    """Over several clustering passes: where a pass ends changes what a meeting can be
    matched with, so both modes must end them at the same articles."""
    import sqlite3

    import cowextract.run.ingest
    from cowextract.settings import Settings
    from cowextract.store import Store

    passes = []  # the number of stored articles at each pass
    real_update = cowextract.run.ingest.update_clusters

    def update(store, **kwargs):
        passes.append(store.counts()["articles"])
        return real_update(store, **kwargs)

    monkeypatch.setattr(cowextract.run.ingest, "update_clusters", update)

    def rows(db):
        conn = sqlite3.connect(db)
        tables = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                  for t in ("clusters", "cluster_members", "claims", "cluster_keys")}
        conn.close()
        return tables

    schedules = []
    for jobs, name in ((1, "one.db"), (2, "two.db")):
        with Store(tmp_path / name) as store:
            settings = Settings(jobs=jobs, cluster_every=3)
            assert {o.status for o in cowextract.run.ingest.ingest(
                [str(SAMPLE)], store, settings=settings)} == {"stored"}
        schedules.append(passes[:])
        passes.clear()
    assert schedules[0] == schedules[1] == [3, 6, 9, 11]
    one, two = rows(tmp_path / "one.db"), rows(tmp_path / "two.db")
    assert one["clusters"] and one["claims"]
    assert one == two


def test_killed_ingest_leaves_a_consistent_database(tmp_path):
    """SIGKILL the real command after its first article is stored: what is there is whole,
    and ingesting again completes the corpus."""
    import signal
    import subprocess
    import sys

    from cowextract.store import Store

    db = tmp_path / "k.db"
    proc = subprocess.Popen([sys.executable, "-m", "cowextract", "ingest", str(SAMPLE), "--db", str(db), "--jsonl", "-"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout.readline()  # an event of the first stored article
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Store(db) as store:
        assert store.check() == []
        partial = store.counts()["articles"]
    again = CliRunner().invoke(cli, ["ingest", str(SAMPLE), "--db", str(db)])
    assert again.exit_code == 0
    with Store(db) as store:
        assert store.check() == []
        assert store.counts()["articles"] == 11 >= partial


@pytest.mark.parametrize("args", [["--help"], ["ingest", "--help"], ["query", "--help"]])
def test_help_imports_neither_spacy_nor_the_models(args):
    """Start-up stays short: the pipeline and the pydantic models load only where used."""
    import subprocess
    import sys

    code = ("import sys\nfrom cowextract.cli.commands import cli\n"
            f"try:\n    cli({args!r})\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('spacy', 'pydantic', 'dateparser', 'rich') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("text,shown,data", [
    ("plain [bold]text[/]", "plain [bold]text[/]", "plain [bold]text[/]"),
    ("red \x1b[31mword\x1b[0m", "red \\x1b[31mword\\x1b[0m", "red word"),
    ("title \x1b]0;owned\x07 set", "title \\x1b]0;owned\\x07 set", "title  set"),
    ("link \x1b]8;;https://x.example\x1b\\here", "link \\x1b]8;;https://x.example\\x1b\\here",
     "link here"),
    ("csi \x9b2J and \x9d0;t\x9c", "csi \\x9b2J and \\x9d0;t\\x9c", "csi  and "),
    ("lines\nand\ttabs\r\n", "lines\nand\ttabs\\x0d\n", "lines\nand\ttabs\r\n"),
    ("bell\x07 del\x7f nul\x00", "bell\\x07 del\\x7f nul\\x00", "bell del nul"),
    ("\u202eevil\u202c \u2066iso\u2069", "\\u202eevil\\u202c \\u2066iso\\u2069",
     "\u202eevil\u202c \u2066iso\u2069"),
])
def test_article_text_is_shown_visibly_and_written_without_controls(text, shown, data):
    from cowextract.cli.output import visible, without_controls

    assert visible(text) == shown
    assert without_controls(text) == data


def test_json_output_escapes_what_its_encoder_leaves_raw():
    from cowextract.cli.output import json_safe

    line = json.dumps({"q": "a\x1b[2J\x9b\x7f\u202eb"}, ensure_ascii=False)
    safe = json_safe(line)
    assert json.loads(safe) == json.loads(line)
    assert not any(c in safe for c in "\x1b\x9b\x7f\u202e")


@pytest.mark.parametrize("text", ["[/]", "[bold red]x", "[link=https://evil.example]y[/link]",
                                  "\\[escaped]", "[/bold]"])
def test_tables_never_read_markup(text):
    from cowextract.cli.output import write_rows

    out = io.StringIO()
    write_rows([{"title": text, "n": 1}], "table", out)
    assert text in out.getvalue()
