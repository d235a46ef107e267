"""Diff claims across sources: which facts outlets agree on, which they contradict, and
which numbers change over time (a timeline, not a contradiction)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from cowextract.corpus.cluster import Clusterer, add_events
from cowextract.corpus.members import Cluster, Member, dates_agree, jaccard, places_agree
from cowextract.extract.claims import period
from cowextract.models import AsOfBasis, Claim, Evidence, Meeting, Pledge, Statement, SubjectKind
from cowextract.settings import DEFAULT, Settings
from cowextract.store import Store

Event = Meeting | Pledge | Statement
STATUSES = ("agree", "conflict", "evolves")
TIMELINE_ATTRIBUTES = {"member_count", "participant_count"}
UPDATE_BATCH = 6000


# -- keeping clusters and claims up to date --------------------------------------------

def update(store: Store, batch_size: int = UPDATE_BATCH, clusterer: Clusterer | None = None,
           fresh: dict[str, Event] | None = None, settings: Settings = DEFAULT) -> int:
    """Place events not yet clustered, then re-derive the claims of the clusters that
    changed. Returns the number of changed clusters (0 when nothing new was ingested).
    Works in batches read from the store, with the stored clusters read on demand, so its
    memory does not grow with the store. A `clusterer` over this store, kept from an
    earlier call by the only writer (one ingest), keeps its cache of stored clusters;
    `fresh` are events that writer has just stored, which need not be read back."""
    ids = store.unclustered_ids()
    if not ids:
        return 0
    clusterer = clusterer or Clusterer(source=store, settings=settings)
    fresh = fresh or {}
    changed_ids: set[str] = set()
    for i in range(0, len(ids), batch_size):
        chunk = ids[i:i + batch_size]
        batch = {e: fresh[e] for e in chunk if e in fresh}
        batch.update((e.id, e) for e in store.events_by_ids(set(chunk) - batch.keys()))
        batch = {e: batch[e] for e in sorted(batch)}  # in id order, as the store reads them
        add_events(clusterer, list(batch.values()),
                   store.pledge_amounts({e.article.id for e in batch.values()}))

        changed = [clusterer.clusters[cid] for cid in sorted(clusterer.changed)]
        store.save_clusters(changed, partial(_claims_of, store, batch), clusterer.new_keys())
        changed_ids |= clusterer.changed
        clusterer.saved()
    return len(changed_ids)


def _claims_of(store: Store, batch: dict[str, Event], cluster: Cluster,
               members: list[Member]) -> list[Claim]:
    """The claims of some members of a cluster. Events of the batch being clustered are at
    hand; older ones (when a cluster is relabelled) are read back, a chunk at a time, so
    memory does not grow with the largest cluster."""
    events = {m.event_id: batch[m.event_id] for m in members if m.event_id in batch}
    events.update((e.id, e) for e in store.events_by_ids(
        {m.event_id for m in members} - events.keys()))
    return cluster_claims(cluster, events, members)


def _claim(cluster: Cluster, event: Event, attribute: str, value: str, *,
           number: float | None = None, as_of: str | None = None,
           basis: AsOfBasis | None = None,
           evidence: Evidence | None = None) -> Claim:
    pub = event.article.published
    kind: SubjectKind = "meeting" if cluster.kind == "meeting" else (
        "pledge" if cluster.kind == "pledge" else "quote")
    return Claim(subject=cluster.label(), subject_kind=kind, attribute=attribute,
                 value=value, number=number, as_of=as_of or (pub.isoformat() if pub else None),
                 as_of_basis=basis or ("published" if pub else None), article=event.article,
                 event_id=event.id, cluster_id=cluster.id, evidence=evidence or event.evidence)


def cluster_claims(cluster: Cluster, events: dict[str, Event],
                   members: list[Member] | None = None) -> list[Claim]:
    """What each member of a cluster (or the given ones) asserts about it."""
    out: list[Claim] = []
    for m in cluster.members if members is None else members:
        e = events[m.event_id]
        if isinstance(e, Meeting):
            if m.date:
                out.append(_claim(cluster, e, "date", m.date))
            elif m.inferred_date:
                out.append(_claim(cluster, e, "date", m.inferred_date, basis="inferred",
                                  as_of=None))
            if e.location:
                out.append(_claim(cluster, e, "location", e.location.name))
            hosts = sorted(a.name for a in e.actors if a.role == "host")
            if hosts:
                out.append(_claim(cluster, e, "host", ", ".join(hosts)))
            if e.participant_count:
                out.append(_claim(cluster, e, "participant_count", str(e.participant_count),
                                  number=float(e.participant_count)))
        elif isinstance(e, Pledge):
            if e.amount and e.amount.value is not None:
                out.append(_claim(cluster, e, "amount", f"{e.amount.value:g} {e.amount.unit or ''}"
                                  .strip(), number=e.amount.value))
            out.append(_claim(cluster, e, "polarity", e.polarity))
        elif isinstance(e, Statement):
            speaker = next((a.name for a in e.actors if a.role == "speaker"), None)
            if speaker:
                out.append(_claim(cluster, e, "speaker", speaker))
            out.append(_claim(cluster, e, "wording", e.quote.text))
    return out


# -- the diff --------------------------------------------------------------------------

@dataclass
class DiffRow:
    subject: str
    attribute: str
    status: str
    claims: list[Claim] = field(default_factory=list)
    note: str = ""

    def as_dict(self) -> dict:
        return {"subject": self.subject, "attribute": self.attribute, "status": self.status,
                "note": self.note,
                "values": [{"value": c.value, "as_of": c.as_of, "as_of_basis": c.as_of_basis,
                            "article": c.article.path, "article_id": c.article.id,
                            "event_id": c.event_id, "cluster_id": c.cluster_id,
                            "evidence": c.evidence.model_dump()} for c in self.claims]}


def _equivalent(attribute: str, a: str, b: str) -> bool:
    """Values that say the same at different precision: 'Paris' and 'Élysée Palace, Paris',
    '2025-09' and '2025-09-04', host lists that share a name."""
    if attribute == "date":
        return dates_agree(a, b)
    if attribute == "location":
        return places_agree(a, b) is not False
    if attribute == "host":
        return bool({x.strip().casefold() for x in a.split(",")}
                    & {x.strip().casefold() for x in b.split(",")})
    return a == b


def _status(attribute: str, claims: list[Claim], verbatim: float) -> tuple[str, str]:
    asserted = [c for c in claims if c.as_of_basis != "inferred"]
    if attribute == "wording":
        texts = [c.value for c in asserted]
        worst = min((jaccard(a, b) for i, a in enumerate(texts) for b in texts[i + 1:]),
                    default=1.0)
        if worst < verbatim:
            return "conflict", f"wording differs (word overlap {worst:.0%})"
        return "agree", ""
    values = {c.value for c in asserted}
    if len(values) <= 1 or all(_equivalent(attribute, a, b) for a in values for b in values):
        return "agree", ""
    if attribute in TIMELINE_ATTRIBUTES or all(c.number is not None for c in asserted):
        by_period: dict[str | None, set[str]] = defaultdict(set)
        for c in asserted:
            by_period[period(c.as_of)].add(c.value)
        clash = sorted(p or "undated" for p, vs in by_period.items() if len(vs) > 1)
        if clash:
            return "conflict", "different values for the same period: " + ", ".join(clash)
        return "evolves", "values change over time"
    if attribute == "speaker":
        return "conflict", "the same words are attributed to different speakers"
    return "conflict", ""


def compute(claims: list[Claim], *, subject: str | None = None, attribute: str | None = None,
            since: date | None = None, until: date | None = None, conflicts_only: bool = False,
            min_sources: int = 2, settings: Settings = DEFAULT) -> list[DiffRow]:
    """Group claims by subject and attribute across sources and mark each group."""
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        if subject and subject.casefold() not in c.subject.casefold():
            continue
        if attribute and c.attribute != attribute:
            continue
        if since and c.as_of and c.as_of[:10] < since.isoformat()[: len(c.as_of[:10])]:
            continue
        if until and c.as_of and c.as_of[:10] > until.isoformat()[: len(c.as_of[:10])]:
            continue
        groups[(c.subject, c.attribute)].append(c)
    rows = []
    for (subj, attr), group in sorted(groups.items()):
        sources = {c.article.id for c in group}
        if len(sources) < min_sources:
            continue
        group.sort(key=lambda c: (c.as_of or "9999", c.article.path, c.evidence.start))
        status, note = _status(attr, group, settings.quote_verbatim)
        if conflicts_only and status != "conflict":
            continue
        rows.append(DiffRow(subj, attr, status, group, note))
    return rows


def table_rows(rows: list[DiffRow]) -> list[dict]:
    """One line per value, for tables and CSV."""
    out = []
    for r in rows:
        for c in r.claims:
            inferred = c.as_of_basis == "inferred"
            out.append({"subject": r.subject, "attribute": r.attribute, "status": r.status,
                        "value": c.value + (" (inferred)" if inferred else ""),
                        "as_of": c.as_of or "", "source": c.article.path,
                        "evidence": c.evidence.text[:120]})
    return out


def to_markdown(rows: list[DiffRow]) -> str:
    """A report a newsroom can paste into a story memo."""
    if not rows:
        return "# Claims across sources\n\nNothing to compare: no subject is reported by two " \
               "sources.\n"
    lines = ["# Claims across sources", ""]
    counts = {s: sum(r.status == s for r in rows) for s in STATUSES}
    lines.append(f"{counts['conflict']} conflicts, {counts['evolves']} timelines, "
                 f"{counts['agree']} agreements.")
    for status, heading in (("conflict", "Conflicts"), ("evolves", "Numbers that change over "
                                                                   "time"),
                            ("agree", "Agreements")):
        chosen = [r for r in rows if r.status == status]
        if not chosen:
            continue
        lines += ["", f"## {heading}", ""]
        for r in chosen:
            lines.append(f"### {r.subject} — {r.attribute.replace('_', ' ')}")
            if r.note:
                lines.append(f"*{r.note}*")
            lines.append("")
            for c in r.claims:
                when = f" (as of {c.as_of})" if c.as_of else ""
                how = " — inferred" if c.as_of_basis == "inferred" else ""
                quote = " ".join(c.evidence.text.split())
                lines.append(f"- **{c.value}**{when}{how} — {c.article.path}: “{quote}”")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
