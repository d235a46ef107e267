"""The diff for people and programs: a Markdown memo (conflicts first, each with why, its
sources and their sentences), table and CSV rows that keep whole evidence, and JSON."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from cowextract.corpus.diff import DiffRow
from cowextract.corpus.render import date_text, sentence
from cowextract.models import Claim
from cowextract.store import Store

HEADINGS = (("conflict", "Conflicts"), ("evolves", "Numbers that change over time"),
            ("agree", "Agreements"))


@dataclass
class Sources:
    """What the store knows of the claims' articles (outlet, title, date, URL, text) and of
    inferred dates (from which article, on what evidence); empty without a store."""

    store: Store | None = None
    _info: dict[str, dict] = field(default_factory=dict)
    _inferred: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    _texts: dict[str, str | None] = field(default_factory=dict)

    def prepare(self, rows: Iterable[DiffRow]) -> Sources:
        if self.store is None:
            return self
        claims = [c for r in rows for c in r.claims]
        self._info.update(self.store.article_info({c.article.id for c in claims}))
        inferred = {c.event_id for c in claims if c.as_of_basis == "inferred" and c.event_id}
        self._inferred.update(self.store.inferences(inferred))
        return self

    def url(self, c: Claim) -> str | None:
        return self._info.get(c.article.id, {}).get("url")

    def inferred(self, c: Claim) -> tuple[str | None, str | None]:
        """(path of the article the date came from, the evidence), for an inferred date."""
        source, why = self._inferred.get(c.event_id or "", (None, None))
        path = self._info.get(source or "", {}).get("path") or source
        if source and self.store is not None and source not in self._info:
            self._info.update(self.store.article_info({source}))
            path = self._info.get(source, {}).get("path", source)
        return path, why

    def sentence(self, c: Claim) -> str:
        """The evidence with the rest of its sentence."""
        text = self._text(c.article.id)
        if text is None or text[c.evidence.start:c.evidence.end] != c.evidence.text:
            return " ".join(c.evidence.text.split())
        return sentence(text, c.evidence.start, c.evidence.end)

    def _text(self, article_id: str) -> str | None:
        if self.store is None:
            return None
        if article_id not in self._texts:
            if len(self._texts) >= 64:  # the memo reads articles a row at a time
                self._texts.clear()
            article = self.store.article(article_id)
            self._texts[article_id] = article.text if article else None
        return self._texts[article_id]


def _source_line(c: Claim, sources: Sources) -> str:
    """'*Title* — Outlet, 26 November 2025, <url>, `file.txt`'."""
    a = c.article
    head = " — ".join(x for x in (f"*{a.title}*" if a.title else None, a.source) if x)
    url = sources.url(c)
    tail = [date_text(a.published.isoformat()) if a.published else "no publication date",
            *([f"<{url}>"] if url else []), f"`{a.path}`"]
    return ", ".join(([head] if head else []) + tail)


def _claim_lines(c: Claim, sources: Sources) -> list[str]:
    when = f" (as of {date_text(c.as_of)})" if c.as_of and c.as_of_basis != "inferred" else ""
    how = ""
    if c.as_of_basis == "inferred":
        path, why = sources.inferred(c)
        how = " — inferred" + (f" from `{path}`" if path else "") + (f": {why}" if why else "")
    return [f"- **{c.value}**{when}{how}",
            f"  - source: {_source_line(c, sources)}",
            f"  - evidence: “{sources.sentence(c)}”"]


def to_markdown(rows: list[DiffRow], sources: Sources | None = None) -> str:
    """A memo a newsroom can paste: conflicts first, each with why, its sources and the
    sentences that support each value; then timelines and agreements."""
    sources = (sources or Sources()).prepare(rows)
    if not rows:
        return "# Claims across sources\n\nNothing to compare: no subject is reported by two " \
               "sources.\n"
    counts = {s: sum(r.status == s for r in rows) for s, _ in HEADINGS}
    lines = ["# Claims across sources", "",
             f"{counts['conflict']} conflicts, {counts['evolves']} timelines, "
             f"{counts['agree']} agreements."]
    for status, heading in HEADINGS:
        chosen = [r for r in rows if r.status == status]
        if not chosen:
            continue
        lines += ["", f"## {heading}", ""]
        for r in chosen:
            cluster = f" (cluster `{r.cluster_id}`)" if r.cluster_id else ""
            lines.append(f"### {r.subject} — {r.attribute.replace('_', ' ')}{cluster}")
            lines.append("")
            if r.note:
                lines += [r.note, ""]
            for c in r.claims:
                lines += _claim_lines(c, sources)
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def table_rows(rows: list[DiffRow], sources: Sources | None = None) -> list[dict]:
    """One line per value, for tables and CSV, with whole evidence."""
    sources = (sources or Sources()).prepare(rows)
    out = []
    for r in rows:
        for c in r.claims:
            inferred = c.as_of_basis == "inferred"
            path, why = sources.inferred(c) if inferred else (None, None)
            out.append({"subject": r.subject, "attribute": r.attribute, "status": r.status,
                        "value": c.value + (" (inferred)" if inferred else ""),
                        "as_of": c.as_of or "", "as_of_basis": c.as_of_basis or "",
                        "inferred_from": path or "", "why": why or r.note,
                        "source": c.article.path, "outlet": c.article.source or "",
                        "title": c.article.title or "",
                        "published": c.article.published.isoformat() if c.article.published
                        else "", "url": sources.url(c) or "", "cluster": r.cluster_id or "",
                        "evidence": c.evidence.text})
    return out


def as_dicts(rows: list[DiffRow], sources: Sources | None = None) -> list[dict]:
    """The rows as JSON objects: each value with its source, as-of date and evidence."""
    sources = (sources or Sources()).prepare(rows)
    out = []
    for r in rows:
        values = []
        for c in r.claims:
            value = {"value": c.value, "number": c.number, "as_of": c.as_of,
                     "as_of_basis": c.as_of_basis, "article": c.article.path,
                     "article_id": c.article.id, "title": c.article.title,
                     "source": c.article.source, "url": sources.url(c),
                     "event_id": c.event_id, "cluster_id": c.cluster_id,
                     "evidence": c.evidence.model_dump()}
            if c.as_of_basis == "inferred":
                value["inferred_from"], value["why"] = sources.inferred(c)
            values.append(value)
        out.append({"subject": r.subject, "attribute": r.attribute, "status": r.status,
                    "note": r.note, "cluster_id": r.cluster_id, "values": values})
    return out
