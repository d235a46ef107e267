"""Every event's evidence, and each mention, points into the file as read: the words of
`file[source_start:source_end]`, once markup and escapes are read, are the evidence's; and
no evidence lies in a line the chrome rules removed. Across every loader, on pages of our
own, and over the seeds and news-dev when they are beside the checkout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cowextract.extract.article import extract_article
from cowextract.models import Article
from cowextract.prepare.articles import prepare
from cowextract.prepare.load import iter_documents
from cowextract.prepare.origins import words, words_at

from conftest import SHARED

HEAD = ("Skip to main content\r\n"
        "World\r\n"
        "Leaders agree to send observers after Paris talks\r\n"
        "By Ruth Okafor\r\n"
        "Published: 4 September 2025, 18:40 CET\r\n")
PARAGRAPHS = [
    "PARIS, Sept 4 (Wire) — European leaders met in Paris on Thursday to discuss security "
    "guarantees for Ukraine, and Emmanuel Macron said the talks had been “useful and "
    "concrete.”",
    "The leaders in Paris on Thursday (L) and (R). Photo: Jan Berg/Agency",
    "Germany pledged €300 million in new military aid, the chancellor’s office said.",
    "Also read: Leaders to meet again in Rome next month",
    "“We will not walk away from Ukraine,” Keir Starmer told reporters after the meeting, "
    "adding that Britain would send 200 observers.",
    "Share this article",
    "Volodymyr Zelensky said [12] that the meeting had been a step towards a lasting peace.",
    "Leaders will meet again in Rome in October, Macron said, and the coalition will",
]


def page_text() -> str:
    return HEAD + "\r\n".join(PARAGRAPHS) + "\r\n"


def markdown_text() -> str:
    body = "\n\n".join(p.replace("€300 million", "**€300 million**") for p in PARAGRAPHS)
    return ("---\ntitle: Leaders agree to send observers\ndate: 2025-09-04\n---\n"
            "# Leaders agree to send observers after Paris talks\n\n" + body + "\n")


def html_text() -> str:
    paras = "".join(f"<p>{p.replace('&', '&amp;').replace('’', '&rsquo;')}</p>\n"
                    for p in PARAGRAPHS if not p.startswith(("Also read", "Share")))
    return ("<!doctype html><html><head><title>Leaders agree | The Wire</title>"
            '<meta property="article:published_time" content="2025-09-04T18:40:00Z">'
            "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            "<article><h1>Leaders agree to send observers after Paris talks</h1>\n"
            f"{paras}</article><footer>All rights reserved.</footer></body></html>")


def write_inputs(folder: Path) -> dict[str, str]:
    """One input of each kind; the kind by which `words_at` reads each."""
    (folder / "page.txt").write_bytes(page_text().encode("utf-8"))
    (folder / "page.md").write_text(markdown_text(), encoding="utf-8")
    (folder / "page.html").write_text(html_text(), encoding="utf-8")
    record = {"title": "Leaders agree", "date": "2025-09-04", "text": page_text()}
    (folder / "page.json").write_text(json.dumps(record), encoding="utf-8")
    lines = [json.dumps({"id": 1, "text": "\n".join(PARAGRAPHS[:3])}),
             json.dumps({"id": 2, "text": "\n".join(PARAGRAPHS[3:])}, ensure_ascii=False)]
    (folder / "page.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "page-html.json").write_text(json.dumps({"html": html_text()}), encoding="utf-8")
    return {"page.txt": "text", "page.md": "text", "page.html": "html", "page.json": "json",
            "page.jsonl": "json", "page-html.json": "json html"}


def check(folder: Path, nlp, registry, kinds: dict[str, str]) -> tuple[int, list[str]]:
    """The spans checked and what was wrong with any, for every article under `folder`."""
    files = {p.name: p.read_bytes().decode("utf-8-sig") for p in folder.rglob("*")
             if p.is_file()}
    problems: list[str] = []
    spans = 0
    for article in prepare(iter_documents([str(folder)]), dedupe=False):
        assert isinstance(article, Article), article
        name = article.path.split(":")[0].split("#")[0].split("[")[0]
        source, kind = files[name], kinds.get(name, "text")
        removed = article.provenance.removed
        for event in extract_article(article, nlp(article.text), registry).events:
            for span in (event.evidence, *event.mentions):
                spans += 1
                assert article.text[span.start:span.end] == span.text
                got = words_at(source, span.source_start, span.source_end, kind)
                if got != words(span.text):
                    problems.append(f"{name}: {span.text!r} read as {got!r}")
                for start, end, rule in removed:
                    if start < span.source_end and span.source_start < end:
                        problems.append(f"{name}: {span.text!r} overlaps {rule} line "
                                        f"{source[start:end]!r}")
    return spans, problems


@pytest.mark.integration
def test_every_loader(tmp_path, nlp, registry):
    kinds = write_inputs(tmp_path)
    spans, problems = check(tmp_path, nlp, registry, kinds)
    assert spans >= 25 and not problems, problems


@pytest.mark.integration
def test_evidence_offsets_of_each_kind(tmp_path, nlp, registry):
    """Each kind yields events, and their source spans stand where the words do."""
    kinds = write_inputs(tmp_path)
    for name in kinds:
        folder = tmp_path / name.replace(".", "-")
        folder.mkdir()
        (folder / name).write_bytes((tmp_path / name).read_bytes())
        spans, problems = check(folder, nlp, registry, kinds)
        assert spans >= 3 and not problems, (name, problems)


@pytest.mark.integration
def test_cut_last_sentence_and_chrome_give_no_event(tmp_path, nlp, registry):
    (tmp_path / "page.txt").write_text(page_text(), encoding="utf-8")
    article = next(iter(prepare(iter_documents([str(tmp_path)]))))
    assert isinstance(article, Article)
    events = extract_article(article, nlp(article.text), registry).events
    assert "Photo:" not in article.text and "Also read" not in article.text
    assert not [e for e in events if "coalition will" in e.evidence.text
                and "Rome" not in e.evidence.text]  # the clause the cut left unfinished
    assert [e for e in events if "Rome in October" in e.evidence.text]  # whole clauses stand
    assert [e for e in events if "walk away" in e.evidence.text]


@pytest.mark.integration
@pytest.mark.parametrize("folder", [SHARED / "seeds", SHARED / "eval" / "news-dev" / "articles"],
                         ids=["seeds", "news-dev"])
def test_shared_sets(folder, nlp, registry):
    if not folder.is_dir():
        pytest.skip(f"{folder} is not beside the checkout")
    spans, problems = check(folder, nlp, registry, {})
    assert spans and not problems, problems
