"""One actor per person across a store: surnames, full names, titled names and epithets fold
into one actor; registry people keep their canonical names, others the longest full form."""

from __future__ import annotations

import pytest

from cowextract.actors.merge import Person, merge_plan
from cowextract.actors.resolve import ArticleActors
from cowextract.run.ingest import ingest
from cowextract.store import Store


def plan_names(*people: Person) -> dict[str, str]:
    by_id = {p.id: p.name for p in people}
    return {by_id[i]: name for i, (name, _) in merge_plan(people).items()}


@pytest.mark.parametrize(("people", "expected"), [
    # a surname, a titled name and an epithet fold into the one full name
    ([Person(1, "Helena Varga"), Person(2, "Varga"), Person(3, "Minister Varga"),
      Person(4, "Fearless Helena Varga")],
     {"Varga": "Helena Varga", "Minister Varga": "Helena Varga",
      "Fearless Helena Varga": "Helena Varga"}),
    # the longest full form names the person
    ([Person(1, "Helena Varga"), Person(2, "Helena Kovacs Varga")],
     {"Helena Varga": "Helena Kovacs Varga"}),
    # a registry person keeps the registry's name
    ([Person(1, "Keir Starmer", "keir-starmer"), Person(2, "Sir Keir Starmer"),
      Person(3, "Starmer")],
     {"Sir Keir Starmer": "Keir Starmer", "Starmer": "Keir Starmer"}),
    # two people with one surname, named about as often: the surname stays as it is
    ([Person(1, "Tomas Brandt", events=3), Person(2, "Ingrid Brandt", events=3),
      Person(3, "Brandt")], {}),
    # … unless one of them is named far more often
    ([Person(1, "Tomas Brandt", events=12), Person(2, "Ingrid Brandt", events=1),
      Person(3, "Brandt")], {"Brandt": "Tomas Brandt"}),
    # a titled surname nobody names in full is that surname
    ([Person(1, "Brandt"), Person(2, "Senator Brandt")], {"Senator Brandt": "Brandt"}),
    # descriptions are not names
    ([Person(1, "head of the delegation"), Person(2, "delegation")], {}),
    # a full name the recogniser could not place joins the person; a single word does not
    ([Person(1, "Helena Varga"), Person(2, "Helena Varga", kind="unknown"),
      Person(3, "Varga", kind="unknown")], {"Helena Varga": "Helena Varga"}),
])
def test_merge_plan(people, expected):
    assert plan_names(*people) == expected


@pytest.mark.parametrize(("mentions", "mention", "name"), [
    (["Helena Varga"], "Fearless Helena Varga", "Helena Varga"),
    (["Fearless Helena Varga", "Helena Varga"], "Varga", "Helena Varga"),
    (["Helena Varga"], "Minister Varga", "Helena Varga"),
])
def test_epithet_and_title_before_a_name_of_the_article(registry, mentions, mention, name):
    actors = ArticleActors(registry, None)
    actors.prime(mentions)
    for label in ("PERSON", None):
        res = actors.resolve(mention, label)
        assert res is not None and res.name == name and res.kind == "person", label


ARTICLES = {
    "one.txt": "Foreign Minister Maria Jensen said on Monday that the border talks had been "
               "useful and would go on in the spring.\n",
    "two.txt": "Jensen said on Tuesday that the customs agreement was close to being signed "
               "by both governments.\n",
    "three.txt": "Minister Jensen told reporters in the capital that nothing had changed in "
                 "the negotiations over the weekend.\n",
    "four.txt": "Maria Kirsten Jensen said the plan would survive the winter, and later Maria "
                "Jensen said the budget would grow next year.\n",
}


@pytest.mark.integration
def test_one_actor_per_person_over_a_store(nlp, registry, tmp_path):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with Store(tmp_path / "store.db") as store:
        outcomes = list(ingest([str(tmp_path)], store, nlp=nlp, registry=registry))
        assert [o.status for o in outcomes] == ["stored"] * len(ARTICLES)
        people = {name for _, name, _, n, _ in store.person_actors() if n}
        speakers = {a.name for e in store.events() for a in e.actors if a.role == "speaker"}
        linked = store.conn.execute(
            "SELECT COUNT(DISTINCT ea.event_id) FROM event_actors ea JOIN actors a "
            "ON a.id = ea.actor_id WHERE a.name = 'Maria Kirsten Jensen'").fetchone()[0]
    assert "Maria Kirsten Jensen" in people
    assert not people & {"Jensen", "Minister Jensen", "Maria Jensen"}
    assert speakers == {"Maria Kirsten Jensen"}
    assert linked == 5
