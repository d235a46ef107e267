"""A meeting held on the sidelines of (alongside) an occasion is not that occasion: the
occasion is its setting, neither its name nor a party, and a later 'the meeting' is the
meeting the story is about. Texts of our own."""

from __future__ import annotations

from datetime import date

import pytest

from cowextract.corpus.diff import update
from cowextract.models import Article
from cowextract.run.serial import extract_article
from cowextract.store import Store

from factories import extracted, parties

WED = date(2026, 2, 11)  # a Wednesday


def _meetings(nlp, registry, text: str, published: date | None = WED):
    return extracted(nlp, registry, text, "meeting", published)


_names = parties


# (text, the bilateral's parties, the occasion's body, whether the occasion is an event)
SIDELINES = [
    ("Mark Carney met Narendra Modi on Saturday. The meeting came on the sidelines of the "
     "20th G20 summit.", {"Mark Carney", "Narendra Modi"}, "G20", True),
    ("Finnish President Alexander Stubb held talks with Estonian Prime Minister Kristen "
     "Michal on Wednesday in The Hague. The talks took place on the sidelines of the NATO "
     "summit.", {"Alexander Stubb", "Kristen Michal"}, "NATO", True),
    ("Swedish Foreign Minister Maria Malmer Stenergard met Polish Foreign Minister Radoslaw "
     "Sikorski in Brussels on Tuesday. The meeting between the two ministers came on the "
     "sidelines of the NATO foreign ministers' meeting.",
     {"Maria Malmer Stenergard", "Radosław Sikorski"}, "NATO", False),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "parties", "body", "own_event"), SIDELINES)
def test_the_occasion_of_a_bilateral_is_neither_its_name_nor_a_party(
        nlp, registry, text, parties, body, own_event):
    found = _meetings(nlp, registry, text)
    bilateral = found[0]
    assert parties <= _names(bilateral)
    assert body not in _names(bilateral)
    assert bilateral.name is None
    occasions = [m for m in found[1:] if body in _names(m)]
    assert len(occasions) == int(own_event)


@pytest.mark.integration
def test_a_sidelines_bilateral_is_held_at_the_occasions_place(nlp, registry):
    text = ("Mark Carney met Narendra Modi on the sidelines of the G20 summit in Johannesburg "
            "on Saturday. The meeting focused on trade.")
    bilateral, summit = _meetings(nlp, registry, text)
    assert {"Mark Carney", "Narendra Modi"} <= _names(bilateral)
    assert bilateral.location is not None and bilateral.location.name == "Johannesburg"
    assert any("focused on trade" in m.text for m in bilateral.mentions)
    assert summit.name is not None and "G20" in summit.name
    assert "Narendra Modi" not in _names(summit)


@pytest.mark.integration
def test_who_holds_meetings_on_the_sidelines_attends_the_occasion(nlp, registry):
    text = ("On Tuesday Foreign Minister Espen Barth Eide met one minister after another on the "
            "sidelines of the annual session of the UN General Assembly."
            "\n\nHe called the meetings productive.")
    series, session = _meetings(nlp, registry, text)
    assert session.name is not None and "session" in session.name
    assert {"Espen Barth Eide", "Norway"} <= _names(session)
    assert "United Nations General Assembly" not in _names(series)
    assert any("productive" in m.text for m in series.mentions)


BILATERAL = ("Foreign Minister Espen Barth Eide on Monday met Secretary of State Marco Rubio "
             "in New York. The two ministers spoke on the sidelines of the UN General Assembly's "
             "annual session.")
SESSION = ("NEW YORK, Sep 24 (AFP) Foreign Minister Espen Barth Eide held bilateral meetings "
           "with a dozen counterparts on the sidelines of the UN General Assembly's annual "
           "session, discussing regional security.")


@pytest.mark.integration
def test_a_bilateral_and_the_gathering_it_is_held_alongside_do_not_cluster(
        nlp, registry, tmp_path):
    db = tmp_path / "c.db"
    with Store(db) as store:
        for path, published, text in (("a.txt", date(2025, 9, 22), BILATERAL),
                                      ("b.txt", date(2025, 9, 24), SESSION)):
            article = Article(id=Article.make_id(text), path=path, published=published,
                              text=text)
            result = extract_article(article, nlp(text), registry)
            store.add_article(article, result.events, [])
        update(store)
        rows = store.conn.execute(
            "SELECT a.path, e.id, cm.cluster_id FROM events e JOIN articles a ON "
            "a.id = e.article_id JOIN cluster_members cm ON cm.event_id = e.id "
            "WHERE e.type = 'meeting'").fetchall()
    by_path: dict[str, set[str]] = {}
    for path, _, cluster in rows:
        by_path.setdefault(path, set()).add(cluster)
    assert by_path["a.txt"] and by_path["b.txt"]
    assert not by_path["a.txt"] & by_path["b.txt"]
