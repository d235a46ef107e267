"""`cowextract show`: one event, its fields, and its evidence in the article's own words."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from cowextract.cli.output import summary, visible
from cowextract.models import Article, Evidence, Meeting, Pledge, Statement

Event = Meeting | Pledge | Statement


def _in_file(span: Evidence) -> str:
    """Where the span's words stand in the input file as read, when known."""
    if span.source_start is None:
        return ""
    return f" (in the file as read: {span.source_start}–{span.source_end})"


def render_event(event: Event, article: Article | None, *, context_chars: int = 300,
                 color: bool = True, console: Console | None = None) -> None:
    """Print the event and the article text around its evidence, the evidence highlighted
    (in plain output, between ⟦ and ⟧). Nothing from the article is read as markup or acted
    on as a control character (`visible`)."""
    console = console or Console(highlight=False, no_color=not color, soft_wrap=True)
    head = Text()
    head.append(f"{event.type} {visible(event.id)}\n", style="bold")
    fields = [
        ("article", f"{event.article.path} ({event.article.published or 'no date'})"),
        ("date", f"{event.date.value} ← {event.date.text!r}" if event.date and event.date.value
         else "—"),
        ("location", event.location.name if event.location else "—"),
        ("actors", "; ".join(f"{a.name} [{a.role}" + (f", “{a.mention}”" if a.mention and
                             a.mention != a.name else "") + "]" for a in event.actors) or "—"),
        ("what", summary(event) or "—"),
        ("evidence", f"characters {event.evidence.start}–{event.evidence.end}"
         + _in_file(event.evidence)
         + (f", and {len(event.mentions)} more mentions" if event.mentions else "")),
    ]
    fields += [("mention", f"characters {m.start}–{m.end}{_in_file(m)}: {m.text!r}")
               for m in event.mentions]
    for name, value in fields:
        head.append(f"{name:>9}: ", style="dim")
        head.append(f"{visible(value)}\n")
    console.print(head)
    if article is None:
        console.print(Text(visible(event.evidence.text)))
        return
    text = article.text
    start, end = event.evidence.start, event.evidence.end
    lo, hi = max(0, start - context_chars), min(len(text), end + context_chars)
    body = Text("…" if lo else "")
    body.append(visible(text[lo:start]))
    if color:
        body.append(visible(text[start:end]), style="bold black on yellow")
    else:
        body.append("⟦" + visible(text[start:end]) + "⟧")
    body.append(visible(text[end:hi]) + ("…" if hi < len(text) else ""))
    console.print(body)
