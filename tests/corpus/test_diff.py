"""Claims across sources: agree, conflict, evolves, quote re-attribution and date inference,
on small multi-source corpora of our own."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from cowextract.cli.commands import cli
from cowextract.corpus.cluster import Clusterer
from cowextract.corpus.diff import compute, update
from cowextract.corpus.members import Cluster, Member
from cowextract.corpus.memo import to_markdown
from cowextract.extract.claims import numeric_claims
from cowextract.models import (
    Actor,
    Amount,
    Claim,
    DateValue,
    Location,
    Meeting,
    Pledge,
    Quote,
    Statement,
    Timex,
)
from cowextract.settings import Settings
from cowextract.store import EventFilter, Store

from factories import article
from factories import span as ev


def art(path: str, text: str, published: date | None):
    return article(text=text, path=path, published=published)


def meeting(a, phrase, when, where, *names):
    return Meeting(article=a.ref(), evidence=ev(a, phrase),
                   date=DateValue(value=when, precision="day") if when else None,
                   location=Location(name=where) if where else None,
                   actors=[Actor(name=n, kind="person", role="participant") for n in names])


def pledge(a, phrase, value, unit, when=None, what="troops"):
    return Pledge(article=a.ref(), evidence=ev(a, phrase), what=what,
                  amount=Amount(value=value, unit=unit, text=f"{value} {unit}"),
                  date=DateValue(value=when, precision="day") if when else None)


def statement(a, phrase, quote, speaker):
    return Statement(article=a.ref(), evidence=ev(a, phrase),
                     quote=Quote(text=quote, direct=True, cue="said"),
                     actors=[Actor(name=speaker, kind="person", role="speaker")])


DATED = art("wire.txt", "Leaders met at the Elysee Palace in Paris on Thursday, 4 September. "
            "Twenty-six countries committed troops. \u201cThis is a serious step,\u201d Zelensky said.",
            date(2025, 9, 5))
UNDATED = art("blog.txt", "The summit in Paris drew Macron and Zelensky. 26 countries committed "
              "troops. \u201cThis is a serious concrete step,\u201d Macron said.", None)
OTHER = art("daily.txt", "Leaders met in Paris on 4 September. \u201cThis is a serious step,\u201d "
            "Zelensky said.", date(2025, 9, 6))


def seeded(db):
    with Store(db) as store:
        store.add_article(DATED, [
            meeting(DATED, "Leaders met at the Elysee Palace in Paris on Thursday, 4 September.",
                    "2025-09-04", "Elysee Palace, Paris", "Emmanuel Macron", "Volodymyr Zelenskyy"),
            pledge(DATED, "Twenty-six countries committed troops.", 26, "countries", "2025-09-04"),
            statement(DATED, "\u201cThis is a serious step,\u201d Zelensky said.",
                      "This is a serious step", "Volodymyr Zelenskyy")], [])
        store.add_article(UNDATED, [
            meeting(UNDATED, "The summit in Paris drew Macron and Zelensky.", None, "Paris",
                    "Emmanuel Macron", "Volodymyr Zelenskyy"),
            pledge(UNDATED, "26 countries committed troops.", 26, "countries"),
            statement(UNDATED, "\u201cThis is a serious concrete step,\u201d Macron said.",
                      "This is a serious concrete step", "Volodymyr Zelenskyy")], [])
        store.add_article(OTHER, [
            meeting(OTHER, "Leaders met in Paris on 4 September.", "2025-09-04", "Paris",
                    "Volodymyr Zelenskyy"),
            statement(OTHER, "\u201cThis is a serious step,\u201d Zelensky said.",
                      "This is a serious step", "Volodymyr Zelenskyy")], [])
        update(store)
        return list(store.claims())


def rows_by(claims):
    return {(r.subject, r.attribute): r for r in compute(claims)}


def test_undated_meeting_takes_the_date_of_its_cluster(db):
    rows = rows_by(seeded(db))
    date_row = rows[("Paris meeting 2025-09-04", "date")]
    assert date_row.status == "agree"
    assert [(c.article.path, c.value, c.as_of_basis) for c in date_row.claims] == [
        ("wire.txt", "2025-09-04", "published"), ("daily.txt", "2025-09-04", "published"),
        ("blog.txt", "2025-09-04", "inferred")]
    inferred = date_row.claims[-1]
    with Store(db) as store:
        source = store.conn.execute("SELECT inferred_from FROM cluster_members WHERE event_id = ?",
                                    (inferred.event_id,)).fetchone()[0]
    assert source in {DATED.id, OTHER.id}  # a dated report of the same meeting
    location = rows[("Paris meeting 2025-09-04", "location")]
    assert location.status == "agree"  # 'Paris' and 'Elysee Palace, Paris' say the same


def test_pledge_agrees_across_sources(db):
    rows = rows_by(seeded(db))
    amount = next(r for (s, a), r in rows.items() if a == "amount")
    assert amount.status == "agree"
    assert sorted(c.article.path for c in amount.claims) == ["blog.txt", "wire.txt"]
    assert {c.value for c in amount.claims} == {"26 countries"}


def test_one_speakers_quote_is_one_cluster_and_agrees_without_a_common_occasion(db):
    rows = rows_by(seeded(db))
    speaker = next(r for (s, a), r in rows.items() if a == "speaker")
    assert speaker.status == "agree"
    assert sorted(c.article.path for c in speaker.claims) == ["blog.txt", "daily.txt",
                                                              "wire.txt"]
    # The undated blog's wording differs, but nothing says it is from the same occasion.
    wording = next(r for (s, a), r in rows.items() if a == "wording")
    assert wording.status == "agree"


def test_reclustering_is_incremental_and_idempotent(db):
    seeded(db)
    with Store(db) as store:
        assert update(store) == 0  # nothing new: nothing recomputed
        n = store.conn.execute("SELECT count(*) FROM clusters").fetchone()[0]
    assert n == 3  # one meeting, one pledge, one quote across three articles


def cluster_state(db):
    with Store(db) as store:
        members = sorted(tuple(r) for r in store.conn.execute(
            "SELECT event_id, cluster_id, inferred_date, inferred_from FROM cluster_members"))
        claims = sorted(c.id for c in store.claims())
    return members, claims


@pytest.mark.parametrize("cache", [0, 100])  # 0: each batch reads the summaries back
def test_clusters_do_not_depend_on_the_batch_size(db, tmp_path, cache):
    seeded(db)
    one_by_one = tmp_path / "one.db"
    with Store(one_by_one) as store:
        for a, source in ((DATED, db), (UNDATED, db), (OTHER, db)):
            with Store(source) as src:
                store.add_article(a, list(src.events(EventFilter(article=a.id))), [])
        # Each batch reads the clusters before it back from the store.
        update(store, batch_size=1, clusterer=Clusterer(
                source=store, settings=Settings(cache_clusters=cache)))
    assert cluster_state(one_by_one) == cluster_state(db)


def test_a_stored_cluster_is_scored_by_its_summary_not_its_members(db, monkeypatch):
    seeded(db)
    late = art("late.txt", "Leaders met in Paris on 4 September again. \u201cThis is a serious "
               "step,\u201d Zelensky said.", date(2025, 9, 8))
    read = []
    monkeypatch.setattr(Store, "cluster_members", lambda self, cid: read.append(cid) or [])
    with Store(db) as store:
        store.add_article(late, [
            meeting(late, "Leaders met in Paris on 4 September again.", "2025-09-04", "Paris"),
            statement(late, "\u201cThis is a serious step,\u201d Zelensky said.",
                      "This is a serious step", "Volodymyr Zelenskyy")], [])
        assert update(store, clusterer=Clusterer(source=store, settings=Settings(cache_clusters=0))) == 2
        sizes = dict(store.conn.execute("SELECT kind, size FROM clusters"))
    assert sizes == {"meeting": 4, "pledge": 2, "statement": 4} and read == []


def test_a_quote_is_compared_once_per_distinct_wording():
    def quoted(n, words):
        return Member(event_id=f"e{n}", kind="statement", article_id=f"a{n}",
                      article_path=f"{n}.txt", words=frozenset(words.split()), quote=words,
                      speaker="Volodymyr Zelenskyy")

    same, other = "this is a serious step", "this is a serious concrete step"
    c = Cluster("c", "statement", [quoted(1, same), quoted(2, same), quoted(3, other),
                                   quoted(4, same), quoted(5, "")])
    assert [sorted(w.words) for w in c.wordings] == [sorted(same.split()),
                                                      sorted(other.split())]
    restored = Cluster("c", "statement", summary=json.loads(c.summary()))
    assert [w.words for w in restored.wordings] == [w.words for w in c.wordings]
    clusterer = Clusterer([c])
    assert clusterer.score(quoted(6, same), c) == 10.0
    assert clusterer.score(quoted(1, same), c) == -1  # its article is already in the cluster
    assert clusterer.score(quoted(7, "nothing of the kind at all"), c) == -1


def test_only_clusters_that_infer_dates_keep_where_each_date_came_from():
    def dated(kind, n, day):
        return Member(event_id=f"e{n}", kind=kind, article_id=f"a{n}", article_path=f"{n}.txt",
                      date=day, words=frozenset({"step"}) if kind == "statement" else frozenset())

    for kind, first in (("meeting", {"2025-09-04": "a1", "2025-09-05": "a3"}),
                        ("statement", {})):
        c = Cluster("c", kind, [dated(kind, 1, "2025-09-04"), dated(kind, 2, "2025-09-04"),
                                dated(kind, 3, "2025-09-05")])
        summary = json.loads(c.summary())
        assert (c.date, summary["first"]) == ("2025-09-04", first)
        assert Cluster("c", kind, summary=summary).date == "2025-09-04"


def test_clusters_of_an_older_store_are_rebuilt(db):
    seeded(db)
    before = cluster_state(db)
    with Store(db) as store:  # back to schema 2: no stored blocking keys or member facts
        store.conn.executescript(
            "DROP TABLE cluster_keys; DROP TABLE sources; DROP INDEX articles_path; "
            "ALTER TABLE clusters DROP COLUMN summary; "
            "DROP INDEX events_article_order; CREATE INDEX events_article ON events(article_id); "
            "ALTER TABLE cluster_members DROP COLUMN member; "
            "ALTER TABLE cluster_members DROP COLUMN position; PRAGMA user_version = 2;")
    with Store(db) as store:
        assert store.conn.execute("SELECT count(*) FROM clusters").fetchone()[0] == 0
        assert update(store) == 3
    assert cluster_state(db) == before


COUNTS = [
    ("a.txt", "The 33-member coalition of the willing met again.", date(2025, 11, 26)),
    ("b.txt", "Officials described the coalition of the willing as a coalition of 35 countries.",
     date(2025, 12, 20)),
    ("c.txt", "The coalition of the willing, now a coalition of 34 nations, met.", date(2025, 11, 10)),
    ("d.txt", "The coalition of the willing is now a coalition of 35 countries.", date(2025, 12, 22)),
]
ORGS = {"Coalition of the Willing": "organization"}


@pytest.mark.parametrize("chosen,status", [
    ([0, 1], "evolves"),    # 33 in November, 35 in December: a timeline
    ([0, 2], "conflict"),   # 33 and 34 in the same month
    ([1, 3], "agree"),
])
def test_member_count_status(chosen, status):
    claims = []
    for i in chosen:
        path, text, pub = COUNTS[i]
        claims += numeric_claims(art(path, text, pub), [], ORGS)
    [row] = compute(claims)
    assert (row.subject, row.attribute, row.status) == ("Coalition of the Willing",
                                                        "member_count", status)
    assert [c.article.path for c in row.claims] == sorted(
        (COUNTS[i][0] for i in chosen), key=lambda p: next(c[2] for c in COUNTS if c[0] == p))


@pytest.mark.parametrize("text,value,approximate", [
    ("the 33-member coalition", "33", False),
    ("a 35-nation coalition of the willing", "35", False),
    ("a coalition of about 30 countries", "30", True),
    ("The coalition of the willing, a coalition of more than 30 nations", "30", True),
    ("putting the number of committed countries at 34, the coalition said", "34", False),
])
def test_member_count_patterns(text, value, approximate):
    [claim] = numeric_claims(art("x.txt", text, date(2025, 11, 1)), [], ORGS)
    assert (claim.subject, claim.value, claim.approximate) == ("Coalition of the Willing", value,
                                                               approximate)


def test_as_of_from_the_sentence_then_published_then_estimated():
    text = ("On 25 November the coalition counted 34 members, a coalition of 34 countries. "
            "Later it became a coalition of 35 countries.")
    a = art("x.txt", text, None)
    t = Timex(text="25 November", start=3, end=14, type="DATE", value="2025-11-25")
    later = Timex(text="December", start=0, end=0, type="DATE", value="2025-12")
    claims = numeric_claims(a, [t, later], ORGS)
    assert [(c.value, c.as_of, c.as_of_basis) for c in claims] == [
        ("34", "2025-11-25", "text"), ("35", "2025-12", "estimated")]


def test_markdown_report_says_where_an_inferred_date_came_from(db):
    claims = seeded(db)
    with Store(db) as store:
        from cowextract.corpus.memo import Sources

        md = to_markdown(compute(claims), Sources(store))
    assert md.startswith("# Claims across sources\n")
    line = next(x for x in md.splitlines() if "inferred from" in x)
    assert "`wire.txt`" in line or "`daily.txt`" in line
    assert "the same place (Paris)" in line


@pytest.mark.integration
def test_diff_command_on_a_small_corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "date 2025-11-26\nThe 33-member coalition of the willing held a video call on Tuesday.\n")
    (folder / "two.txt").write_text(
        "date 2025-12-20\nThe coalition of the willing, a coalition of 35 countries, met again "
        "in a virtual meeting on 11 December.\n")
    db = tmp_path / "d.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(folder), "--db", str(db)]).exit_code == 0
    result = runner.invoke(cli, ["diff", "--db", str(db), "--attribute", "member_count",
                                 "--format", "json"])
    [row] = json.loads(result.stdout)
    assert row["status"] == "evolves"
    assert [(v["value"], v["as_of"], v["article"]) for v in row["values"]] == [
        ("33", "2025-11-25", "one.txt"),  # "on Tuesday" in its sentence dates the claim
        ("35", "2025-12-11", "two.txt")]
    md = runner.invoke(cli, ["diff", "--db", str(db), "--format", "md"]).stdout
    assert "## Numbers that change over time" in md
    none = runner.invoke(cli, ["diff", "--db", str(db), "--conflicts-only", "--format", "json"])
    assert json.loads(none.stdout) == []


def test_exported_events_carry_the_cluster_query_and_diff_name(db):
    seeded(db)
    runner = CliRunner()
    exported = [json.loads(line) for line in runner.invoke(
        cli, ["export", "--db", str(db), "--format", "jsonl"]).stdout.splitlines()]
    assert exported and all(e["cluster"]["id"] and e["cluster"]["label"] for e in exported)
    rows = json.loads(runner.invoke(cli, ["diff", "--db", str(db), "--format", "json"]).stdout)
    for row in rows:
        members = {v["event_id"] for v in row["values"]}
        listed = runner.invoke(cli, ["query", "--db", str(db), "--cluster", row["cluster_id"],
                                     "--format", "jsonl"]).stdout.splitlines()
        assert {json.loads(line)["id"] for line in listed} == members
        assert {e["cluster"]["id"] for e in exported if e["id"] in members} == {
            row["cluster_id"]}
        assert {e["cluster"]["label"] for e in exported if e["id"] in members} == {
            row["subject"]}


@pytest.mark.parametrize("first,second,status", [
    ("Keir Starmer", "Emmanuel Macron", "conflict"),  # two countries' leaders
    ("Keir Starmer", "United Kingdom", "agree"),  # a leader stands for their country
    ("Keir Starmer", "Coalition of the Willing", "agree"),  # a body convenes, a member hosts
    ("NATO", "European Union", "conflict"),  # two bodies
])
def test_hosts_conflict_only_when_both_cannot_be_right(first, second, status):
    claims = []
    for path, host in (("a.txt", first), ("b.txt", second)):
        text = f"The meeting was hosted by {host}."
        a = art(path, text, date(2025, 7, 11))
        claims.append(Claim(subject="London meeting 2025-07-10", subject_kind="meeting",
                            attribute="host", value=host, article=a.ref(),
                            cluster_id="c1", evidence=ev(a, text)))
    [row] = compute(claims)
    assert row.status == status


@pytest.mark.parametrize("first,second,status", [
    ("2025-07-10", "2025-07-10", "agree"),
    ("2025-07-10", "2025-07-11", "agree"),  # the second day of a summit, another time zone
    ("2025-07-05/2025-07-06", "2025-07-07", "agree"),  # "the weekend" and "Monday"
    ("2025-07-10", "2025-07-12", "conflict"),
    ("2025-07-10", "2025-08-10", "conflict"),
])
def test_dates_conflict_when_more_than_a_day_apart(first, second, status):
    claims = []
    for path, value in (("a.txt", first), ("b.txt", second)):
        text = f"The leaders met on {value}, {path} reports."
        a = art(path, text, date(2025, 8, 11))
        claims.append(Claim(subject="London meeting", subject_kind="meeting", attribute="date",
                            value=value, article=a.ref(), cluster_id="c1", evidence=ev(a, text)))
    [row] = compute(claims)
    assert row.status == status
