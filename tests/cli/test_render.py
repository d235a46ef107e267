"""`show`: an event's evidence with its place in the stored text and in the file as read."""

from __future__ import annotations

import io

from rich.console import Console

from cowextract.cli.render import render_event
from cowextract.models import Article, Evidence, Meeting

TEXT = "Leaders met in Paris on Thursday.\n\nThey will meet again in Rome."


def shown(evidence: Evidence, mentions=()) -> str:
    article = Article(id="a1", path="p.txt", text=TEXT)
    event = Meeting(article=article.ref(), evidence=evidence, mentions=list(mentions))
    out = io.StringIO()
    render_event(event, article, color=False, console=Console(file=out, width=200))
    return out.getvalue()


def test_show_prints_offsets_in_the_text_and_in_the_file():
    ev = Evidence(text="Leaders met in Paris", start=0, end=20, source_start=31, source_end=51)
    again = Evidence(text="meet again in Rome", start=45, end=63, source_start=80,
                     source_end=98)
    out = shown(ev, [again])
    assert "characters 0–20 (in the file as read: 31–51), and 1 more mentions" in out
    assert "characters 45–63 (in the file as read: 80–98): 'meet again in Rome'" in out
    assert "⟦Leaders met in Paris⟧" in out


def test_show_without_file_offsets():
    out = shown(Evidence(text="Leaders met in Paris", start=0, end=20))
    assert "characters 0–20" in out and "in the file as read" not in out
