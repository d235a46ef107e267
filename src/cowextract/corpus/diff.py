"""Diff claims across sources: which facts outlets agree on, which they contradict, and
which numbers change over time (a timeline, not a contradiction). Each conflict says why
in one sentence: which values differ, from which sources, as of when."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from cowextract.corpus.cluster import Clusterer, add_events
from cowextract.corpus.members import Cluster, Member, country_of, registry
from cowextract.corpus.places import Relation, relation
from cowextract.corpus.quotes import reworded, same_occasion, same_speaker
from cowextract.corpus.render import amount_text, date_text
from cowextract.corpus.timing import Dates, compare
from cowextract.extract.claims import period
from cowextract.models import AsOfBasis, Claim, Meeting, Pledge, Statement, SubjectKind
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
        articles = {e.article.id for e in batch.values()}
        add_events(clusterer, list(batch.values()), store.pledge_amounts(articles),
                   store.article_floors(articles))

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
           basis: AsOfBasis | None = None) -> Claim:
    pub = event.article.published
    kind: SubjectKind = "meeting" if cluster.kind == "meeting" else (
        "pledge" if cluster.kind == "pledge" else "quote")
    if as_of is None and basis is None and pub:
        as_of, basis = pub.isoformat(), "published"
    return Claim(subject=cluster.label(), subject_kind=kind, attribute=attribute,
                 value=value, number=number, as_of=as_of, as_of_basis=basis,
                 article=event.article, event_id=event.id, cluster_id=cluster.id,
                 evidence=event.evidence)


def _meeting_claims(cluster: Cluster, e: Meeting, m: Member) -> list[Claim]:
    out = []
    if m.date:
        out.append(_claim(cluster, e, "date", m.date))
    elif m.inferred_date:
        out.append(_claim(cluster, e, "date", m.inferred_date, basis="inferred"))
    if e.location:
        out.append(_claim(cluster, e, "location", e.location.name))
    hosts = sorted(a.name for a in e.actors if a.role == "host")
    if hosts:
        out.append(_claim(cluster, e, "host", ", ".join(hosts)))
    if e.participant_count:
        out.append(_claim(cluster, e, "participant_count", str(e.participant_count),
                          number=float(e.participant_count)))
    return out


def _statement_claims(cluster: Cluster, e: Statement, m: Member) -> list[Claim]:
    out = []
    # A quote is as of the day it was given: its own date, else its article's.
    as_of = m.occasion
    basis: AsOfBasis | None = None if as_of is None else (
        "text" if as_of == m.date else "published")
    if m.speaker:
        out.append(_claim(cluster, e, "speaker", m.speaker, as_of=as_of, basis=basis))
    if e.quote.direct:  # a paraphrase is the reporter's wording, not the speaker's
        out.append(_claim(cluster, e, "wording", e.quote.text, as_of=as_of, basis=basis))
    return out


def cluster_claims(cluster: Cluster, events: dict[str, Event],
                   members: list[Member] | None = None) -> list[Claim]:
    """What each member of a cluster (or the given ones) asserts about it."""
    out: list[Claim] = []
    for m in cluster.members if members is None else members:
        e = events[m.event_id]
        if isinstance(e, Meeting):
            out += _meeting_claims(cluster, e, m)
        elif isinstance(e, Pledge):
            if e.amount and e.amount.value is not None:
                a = e.amount
                out.append(_claim(cluster, e, "amount", amount_text(a.value, a.value_max,
                                                                    a.unit), number=a.value))
            out.append(_claim(cluster, e, "polarity", e.polarity))
        elif isinstance(e, Statement):
            out += _statement_claims(cluster, e, m)
    return out


# -- the diff --------------------------------------------------------------------------

@dataclass
class DiffRow:
    subject: str
    attribute: str
    status: str
    claims: list[Claim] = field(default_factory=list)
    note: str = ""
    cluster_id: str | None = None


def source_name(c: Claim) -> str:
    """How a note names a claim's source: its outlet, else its file."""
    return c.article.source or c.article.path


def _as_of(c: Claim) -> str:
    return date_text(c.as_of) if c.as_of else "undated"


def _cited(c: Claim, value: str | None = None) -> str:
    return f"{value or c.value} ({source_name(c)}, {_as_of(c)})"


def _pairs(claims: list[Claim], differ: Callable[[Claim, Claim], bool]
           ) -> list[tuple[Claim, Claim]]:
    return [(a, b) for i, a in enumerate(claims) for b in claims[i + 1:] if differ(a, b)]


def _host_sides(names: str) -> tuple[frozenset[str], frozenset[str]]:
    """The countries a host claim names (directly or through the people it names) and the
    bodies it names."""
    states, bodies = set(), set()
    for name in (n.strip() for n in names.split(",")):
        hit = registry().exact(name)
        if hit is None:
            continue
        entry = hit[0]
        if entry.kind == "person":
            country = country_of(entry.id, None)
            if country:
                states.add(country)
        elif entry.kind == "country":
            states.add(entry.name)
        else:
            bodies.add(entry.name)
    return frozenset(states), frozenset(bodies)


def _hosts_differ(a: str, b: str) -> bool:
    """Two hosts that cannot both be right: other countries (a leader stands for theirs), or
    other bodies. A body and a country do not contradict each other: a coalition's meeting
    is convened by it and hosted by one of its members."""
    (states_a, bodies_a), (states_b, bodies_b) = _host_sides(a), _host_sides(b)
    if states_a and states_b:
        return not states_a & states_b
    if bodies_a and bodies_b and not (states_a or states_b):
        return not bodies_a & bodies_b
    return False


def _differ(attribute: str, settings: Settings) -> Callable[[Claim, Claim], bool]:
    """When two values of an attribute contradict each other."""
    if attribute == "date":
        # A day apart is a two-day summit told by its two days, or one day told in two time
        # zones: no reader could call one report wrong.
        return lambda a, b: compare(a.value, b.value, settings.date_slack) is Dates.CLASH
    if attribute == "location":
        return lambda a, b: relation(a.value, b.value) is Relation.DIFFERENT
    if attribute == "host":
        return lambda a, b: _hosts_differ(a.value, b.value)
    if attribute == "speaker":
        return lambda a, b: same_speaker(a.value, b.value) is False
    return lambda a, b: a.value != b.value


def _timeline(subject: str, attribute: str, claims: list[Claim]) -> tuple[str, str]:
    """A number that may change: a conflict within one month, else a timeline."""
    what = attribute.replace("_", " ")
    by_period: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.as_of:
            by_period[period(c.as_of) or ""].append(c)
    for p, group in sorted(by_period.items()):
        values = sorted({c.value for c in group}, key=lambda v: float(v) if v.replace(
            ".", "", 1).isdigit() else 0)
        if len(values) > 1:
            cited = [_cited(next(c for c in group if c.value == v)) for v in values]
            return "conflict", (f"Sources give {subject}'s {what} as {_join(cited)}, all as "
                                f"of {date_text(p)}.")
    dated = [c for c in claims if c.as_of]
    if len(dated) >= 2 and dated[0].value != dated[-1].value:
        return "evolves", (f"{subject}'s {what} goes from {_cited(dated[0])} to "
                           f"{_cited(dated[-1])}.")
    return "evolves", f"{subject}'s {what} differs between sources that give no date."


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _quote_words(text: str, most: int = 12) -> str:
    words = text.split()
    return "“" + " ".join(words[:most]) + ("…" if len(words) > most else "") + "”"


def _wording(claims: list[Claim], speakers: dict[str, str], s: Settings
             ) -> tuple[str, str]:
    """One speaker on one occasion quoted in materially different words."""
    def differ(a: Claim, b: Claim) -> bool:
        sa, sb = speakers.get(a.event_id or ""), speakers.get(b.event_id or "")
        return bool(same_speaker(sa, sb) and same_occasion(a.as_of, b.as_of, s)
                    and reworded(a.value, b.value))

    found = _pairs(claims, differ)
    if not found:
        return "agree", ""
    a, b = found[0]
    who = speakers.get(a.event_id or "", "The speaker")
    return "conflict", (f"{who}'s words of {_as_of(a)} are quoted as {_quote_words(a.value)} "
                        f"({source_name(a)}) and as {_quote_words(b.value)} ({source_name(b)}).")


def _note(attribute: str, subject: str, a: Claim, b: Claim) -> str:
    if attribute == "speaker":
        return (f"The same words are attributed to {_cited(a)} and to {_cited(b)}.")
    if attribute == "polarity":
        return (f"{source_name(a)} reports a {'commitment' if a.value == 'commit' else 'refusal'}"
                f" and {source_name(b)} a "
                f"{'commitment' if b.value == 'commit' else 'refusal'} ({subject}).")
    shown = {"date": date_text}.get(attribute, lambda v: v)
    what = {"date": "date", "location": "place", "host": "host", "amount": "amount"}.get(
        attribute, attribute.replace("_", " "))
    return (f"Sources disagree on the {what} of “{subject}”: "
            f"{_cited(a, shown(a.value))} and {_cited(b, shown(b.value))}.")


def judge(subject: str, attribute: str, claims: list[Claim], speakers: dict[str, str],
          settings: Settings = DEFAULT) -> tuple[str, str]:
    """The status of one subject's attribute across sources, and why (one sentence)."""
    asserted = [c for c in claims if c.as_of_basis != "inferred"]
    if attribute == "wording":
        return _wording(asserted, speakers, settings)
    if len({c.value for c in asserted}) <= 1:
        return "agree", ""
    if attribute in TIMELINE_ATTRIBUTES:
        return _timeline(subject, attribute, asserted)
    found = _pairs(asserted, _differ(attribute, settings))
    if not found:
        return "agree", ""
    return "conflict", _note(attribute, subject, *found[0])


def _keep(c: Claim, subject: str | None, attribute: str | None, since: date | None,
          until: date | None) -> bool:
    if subject and subject.casefold() not in c.subject.casefold():
        return False
    if attribute and c.attribute != attribute:
        return False
    if since and c.as_of and c.as_of[:10] < since.isoformat()[: len(c.as_of[:10])]:
        return False
    return not (until and c.as_of and c.as_of[:10] > until.isoformat()[: len(c.as_of[:10])])


def compute(claims: list[Claim], *, subject: str | None = None, attribute: str | None = None,
            since: date | None = None, until: date | None = None, conflicts_only: bool = False,
            min_sources: int = 2, settings: Settings = DEFAULT) -> list[DiffRow]:
    """Group claims by subject (a cluster, or an actor) and attribute across sources and
    mark each group; conflicts first."""
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    speakers: dict[str, str] = {}
    for c in claims:
        if c.attribute == "speaker" and c.event_id:
            speakers[c.event_id] = c.value
        if _keep(c, subject, attribute, since, until):
            groups[(c.cluster_id or c.subject, c.attribute)].append(c)
    rows = []
    for (key, attr), group in groups.items():
        if len({c.article.id for c in group}) < min_sources:
            continue
        group.sort(key=lambda c: (c.as_of or "9999", c.article.path, c.evidence.start))
        status, note = judge(group[0].subject, attr, group, speakers, settings)
        if conflicts_only and status != "conflict":
            continue
        rows.append(DiffRow(group[0].subject, attr, status, group, note,
                            key if group[0].cluster_id else None))
    order = {s: i for i, s in enumerate(("conflict", "evolves", "agree"))}
    rows.sort(key=lambda r: (order[r.status], r.subject, r.attribute, r.cluster_id or ""))
    return rows
