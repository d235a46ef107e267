"""Article metadata against gold (shared/gold/README.md, "Metadata")."""

from __future__ import annotations

import pytest

from cowextract.scoring.metadata import is_metadata, score_metadata


def gold(title=None, published=None, source=None, article="a.txt"):
    return {"article": article, "title": title, "published": published, "source": source}


def stored(title=None, published=None, source=None):
    return {"a.txt": {"title": title, "published": published, "source": source}}


def scores(g, pred):
    return score_metadata([g], pred).metrics()


@pytest.mark.parametrize("gold_date,pred_date,ok", [
    ("2025-06-01", "2025-06-01", 1.0),
    ("2025-06-01", "2025-06-02", 0.0),
    ("2025-06-01", None, 0.0),
    (None, None, 1.0),  # a null gold wants no date
    (None, "2025-06-01", 0.0),
])
def test_published_accuracy_over_all_articles(gold_date, pred_date, ok):
    assert scores(gold(published=gold_date), stored(published=pred_date))[
        "published_accuracy"] == ok


@pytest.mark.parametrize("gold_title,pred_title,ok", [
    ("Talks end in Oslo", "Talks end in Oslo", 1.0),
    ("Talks end in Oslo", "  Talks  end\nin Oslo ", 1.0),  # whitespace collapsed
    ("Talks end in Oslo", "talks end in oslo", 0.0),  # case is not
    ("Talks end in Oslo", "Talks end", 0.0),
    ("Talks end in Oslo", None, 0.0),
    (None, "Talks end in Oslo", 0.0),  # a page with no headline wants no title
    (None, None, 1.0),
])
def test_title_accuracy_over_all_articles(gold_title, pred_title, ok):
    assert scores(gold(title=gold_title), stored(title=pred_title)).get("title_accuracy") == ok


@pytest.mark.parametrize("gold_source,pred_source,ok", [
    ("The Daily Example", "the daily  example", 1.0),
    ("The Daily Example", None, 0.0),
    (None, None, 1.0),
    (None, "The Daily Example", 0.0),
])
def test_source_accuracy_extra_figure(gold_source, pred_source, ok):
    assert scores(gold(source=gold_source), stored(source=pred_source))[
        "source_accuracy"] == ok


def test_missing_article_predicts_nothing_and_misses_say_what_is_wrong():
    golds = [gold("Talks end", "2025-06-01", None), gold(None, None, None, article="b.txt")]
    report = score_metadata(golds, stored(title="Talks end", published="2025-06-02"))
    assert report.metrics() == {"published_accuracy": 0.5, "title_accuracy": 1.0,
                                "source_accuracy": 1.0}  # b.txt: no title wanted, none given
    assert report.misses == [{"miss": "wrong_metadata", "article": "a.txt", "field": "published",
                              "gold": "2025-06-01", "predicted": "2025-06-02"}]


def test_a_title_where_the_gold_has_none_is_wrong():
    report = score_metadata([gold(None)], stored(title="A heading"))
    assert report.metrics()["title_accuracy"] == 0.0


@pytest.mark.parametrize("record,ok", [
    ({"article": "a.txt", "title": None, "published": None, "source": None}, True),
    ({"article": "a.txt", "published": "2025-06-01"}, True),
    ({"article": "a.txt", "type": "meeting", "date": None}, False),
    ({"article": "a.txt"}, False),
])
def test_is_metadata(record, ok):
    assert is_metadata(record) is ok
