"""`cowextract eval` end to end on a hand-built store: rules detection, --only, --misses,
metadata, grouping and floors files (no spaCy model)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cowextract.cli.commands import cli
from cowextract.errors import GoldError
from cowextract.scoring.floors import parse_floors
from cowextract.scoring.run import detect_rules, evaluate, read_gold, selector
from cowextract.store import Store

from factories import article, events

MEETING = {"type": "meeting", "date": "2025-09-04", "location": ["Paris"],
           "participants": ["Emmanuel Macron"]}
PLEDGE = {"type": "pledge", "pledgers": ["Italy"], "polarity": "refuse", "what": "troops",
          "amount": None}


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


@pytest.fixture
def store_db(db):
    """Two articles, a.txt and b.txt, each with the factory's meeting, pledge and statement."""
    first = article(path="a.txt")
    second = article(path="b.txt", text=first.text + " More.")
    second = second.model_copy(update={"title": None, "source": "The Daily Example"})
    with Store(db) as store:
        for a in (first, second):
            store.add_article(a, events(a), [])
    return db


@pytest.mark.parametrize("only,names,chosen", [
    ((), ["a.txt", "b.txt"], ["a.txt", "b.txt"]),
    (("a*",), ["a.txt", "b.txt", "x/a2.txt"], ["a.txt", "x/a2.txt"]),
    (("a*", "b.txt"), ["a.txt", "b.txt", "c.txt"], ["a.txt", "b.txt"]),
    (("?.txt",), ["a.txt", "ab.txt"], ["a.txt"]),
    (("A*",), ["a.txt"], []),  # globs are case-sensitive
])
def test_selector(only, names, chosen):
    keep = selector(only)
    assert [n for n in names if keep(n)] == chosen


@pytest.mark.parametrize("records,rules", [
    ([{"article": "a", "type": "meeting"}], "events"),
    ([{"article": "a", "title": "T", "published": None, "source": None}], "metadata"),
    ([{"article": "a", "type": "statement", "source_start": 0}], "attribution"),
    ([{"article": "a", "type": "timex"}], "timex"),
])
def test_detect_rules(records, rules):
    assert detect_rules(records) == rules


@pytest.mark.parametrize("line,ok", [
    ('{"article": "a.txt", "type": "meeting"}', True),
    ('{"article": "a.txt", "published": null}', True),
    ('{"article": "a.txt"}', False),
    ('{"type": "meeting"}', False),
    ("[1]", False),
])
def test_read_gold_needs_a_type_or_metadata(tmp_path, line, ok):
    path = tmp_path / "g.jsonl"
    path.write_text(line + "\n")
    if ok:
        assert read_gold(path)
    else:
        with pytest.raises(GoldError):
            read_gold(path)


def run_eval(store_db, gold, **kw):
    return evaluate(gold, db_path=str(store_db), articles_dir=None, model=None,
                    store_factory=Store, **kw)


@pytest.mark.parametrize("only,gold_meetings", [((), 2), (("a*",), 1), (("b*", "a*"), 2)])
def test_only_restricts_gold_and_predictions(store_db, tmp_path, only, gold_meetings):
    gold = write_jsonl(tmp_path / "g.jsonl", [{"article": "a.txt", **MEETING},
                                              {"article": "b.txt", **MEETING}])
    rows = {r["type"]: r for r in run_eval(store_db, gold, only=only).rows}
    assert rows["meeting"]["gold"] == rows["meeting"]["predicted"] == gold_meetings
    assert rows["statement"]["predicted"] == gold_meetings  # predictions of those articles only


def test_only_matching_nothing_is_an_error(store_db, tmp_path):
    gold = write_jsonl(tmp_path / "g.jsonl", [{"article": "a.txt", **MEETING}])
    with pytest.raises(GoldError, match="matching z"):
        run_eval(store_db, gold, only=("z*",))


def test_misses_list_unmatched_gold_and_predictions(store_db, tmp_path):
    wrong = {**PLEDGE, "polarity": "commit"}
    gold = write_jsonl(tmp_path / "g.jsonl", [{"article": "a.txt", **MEETING},
                                              {"article": "a.txt", **wrong}])
    result = run_eval(store_db, gold)
    kinds = [(m["miss"], m.get("type")) for m in result.misses]
    assert kinds == [("unmatched_gold", "pledge"), ("unmatched_prediction", "pledge"),
                     ("unmatched_prediction", "statement")]
    spurious = result.misses[1]
    assert (spurious["article"], spurious["polarity"], spurious["pledgers"]) == (
        "a.txt", "refuse", ["Italy", "Giorgia Meloni"])
    assert result.metrics["meeting.date_accuracy"] == 1.0


def test_grouping_reported_when_the_gold_has_event_keys(store_db, tmp_path):
    from cowextract.corpus.diff import update

    with Store(store_db) as store:
        update(store)
    records = [{"article": a, **MEETING} for a in ("a.txt", "b.txt")]
    plain = run_eval(store_db, write_jsonl(tmp_path / "g.jsonl", records))
    assert "links.precision" not in plain.metrics and len(plain.tables) == 1
    keyed = [{**r, "event_key": "paris-summit"} for r in records]
    result = run_eval(store_db, write_jsonl(tmp_path / "k.jsonl", keyed))
    assert (result.metrics["links.precision"], result.metrics["links.recall"]) == (1.0, 1.0)
    assert result.metrics["links.far_merges"] == 0


def test_metadata_gold_is_detected_and_scored(store_db, tmp_path):
    gold = write_jsonl(tmp_path / "m.jsonl", [
        {"article": "a.txt", "title": "T", "published": "2025-09-05", "source": None},
        {"article": "b.txt", "title": None, "published": "2025-09-06",
         "source": "the daily example"}])
    result = run_eval(store_db, gold)
    assert result.metrics == {"published_accuracy": 0.5, "title_accuracy": 1.0,
                              "source_accuracy": 1.0}
    assert [(m["article"], m["field"]) for m in result.misses] == [("b.txt", "published")]
    only_b = run_eval(store_db, gold, only=("b*",))
    assert only_b.metrics["published_accuracy"] == 0.0


@pytest.mark.parametrize("text,sets", [
    ("seeds: meeting=0.9 speaker_accuracy=0.95\n", {"seeds": {"meeting": 0.9,
                                                             "speaker_accuracy": 0.95}}),
    ("# a comment\n\nnews-dev/d*: pledge.amount_accuracy=0.5  # why\nx:\n",
     {"news-dev/d*": {"pledge.amount_accuracy": 0.5}, "x": {}}),
])
def test_parse_floors(text, sets):
    assert parse_floors(text) == sets


@pytest.mark.parametrize("text", ["meeting=0.9\n", "s: meeting\n", "s: meeting=high\n",
                                  "s: a=1\ns: b=2\n", ": a=1\n"])
def test_parse_floors_rejects(text):
    with pytest.raises(GoldError):
        parse_floors(text)


def test_cli_eval_only_misses_and_floors_file(store_db, tmp_path):
    gold = write_jsonl(tmp_path / "g.jsonl", [{"article": "a.txt", **MEETING},
                                              {"article": "b.txt", **MEETING}])
    floors = tmp_path / "floors.txt"
    floors.write_text("all: meeting=1.0 meeting.date_accuracy=1.0\nstrict: links.recall=0.5\n")
    base = ["eval", "--gold", str(gold), "--db", str(store_db)]
    runner = CliRunner()
    ok = runner.invoke(cli, [*base, "--only", "a*", "--misses", "--floors-file", str(floors),
                             "--floors-set", "all"])
    assert ok.exit_code == 0, ok.output
    assert "attributes of matched events" in ok.stdout
    misses = [json.loads(x) for x in ok.stdout.splitlines() if x.startswith("{")]
    assert {(m["miss"], m["article"], m["type"]) for m in misses} == {
        ("unmatched_prediction", "a.txt", "pledge"), ("unmatched_prediction", "a.txt",
                                                      "statement")}
    strict = runner.invoke(cli, [*base, "--floors-file", str(floors), "--floors-set", "strict"])
    assert strict.exit_code == 1 and "below floor: links.recall: no such metric" in strict.stderr
    lone = runner.invoke(cli, [*base, "--floors-set", "all"])
    assert lone.exit_code == 2
    data = json.loads(runner.invoke(cli, [*base, "--format", "json"]).stdout)
    assert {"rows", "tables", "metrics", "notes", "misses"} <= set(data)
    assert len(data["misses"]) == 4  # JSON holds everything, --misses or not
