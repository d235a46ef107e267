"""The JSON contract: pydantic models for articles, events and temporal expressions.

These models are the single source of truth for what cowextract emits; `schemas/*.json`
is generated from them (`make schemas`).
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, TypeAdapter, model_validator

EventType = Literal["meeting", "pledge", "statement"]
ActorKind = Literal["person", "country", "organization", "group", "unknown"]
Role = Literal["participant", "host", "speaker", "pledger", "recipient"]
Precision = Literal[
    "day", "month", "year", "interval", "week", "quarter", "half", "season", "decade",
    "century", "time", "ref",
]
What = Literal[
    "troops", "money", "equipment", "training", "air", "maritime", "security_guarantee",
    "sanctions", "other",
]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Format = Literal["in_person", "virtual", "hybrid"]
Polarity = Literal["commit", "refuse"]
LocationKind = Literal["city", "venue", "country", "virtual", "other"]
SubjectKind = Literal["actor", "meeting", "pledge", "quote"]
AsOfBasis = Literal["text", "published", "estimated", "inferred"]
TimexMod = Literal["START", "MID", "END", "APPROX", "BEFORE", "AFTER", "LESS_THAN", "MORE_THAN",
                   "EQUAL_OR_LESS", "EQUAL_OR_MORE"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


def content_id(*parts: object, length: int = 16) -> str:
    """A stable id: the hex SHA-256 of the parts joined by a separator, cut to `length`."""
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


class Span(Model):
    """Characters `start:end` of the stored article text; `text` is exactly that slice."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError("span end before start")
        return self


class Evidence(Span):
    """A span of the stored article text (`start`, `end`, `text`) and where the same words
    stand in the file as read (after decoding): `source_start`, `source_end`."""

    source_start: int | None = Field(
        default=None, ge=0,
        description="Offset, in characters (Unicode code points), into the input file as read "
        "(after decoding) where the evidence's words begin. The words of "
        "file[source_start:source_end], once markup and escapes are read (HTML tags and "
        "entities, JSON string escapes, Markdown emphasis, reference marks), are the words of "
        "`text`; only whitespace may differ. For an article given as a text rather than read "
        "from a file, they equal `start` and `end`.")
    source_end: int | None = Field(
        default=None, ge=0,
        description="Offset into the input file as read where the evidence's words end "
        "(exclusive); see `source_start`.")

    @model_validator(mode="after")
    def _source_ordered(self) -> Evidence:
        if (self.source_start is None) != (self.source_end is None):
            raise ValueError("source_start and source_end go together")
        if self.source_start is not None and self.source_end is not None and \
                self.source_end < self.source_start:
            raise ValueError("source span end before start")
        return self


class ArticleRef(Model):
    id: str
    path: str
    title: str | None = None
    published: date | None = None
    source: str | None = None


class Article(Model):
    """A cleaned article as stored: `text` is what every offset points into."""

    id: str
    path: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    language: str = "en"
    text: str
    # Where it was read from (`load.source_digest`): provenance for the store, not contract.
    _input_digest: str | None = PrivateAttr(default=None)
    # The map of `text` into the file as read (`prepare.offsets.Provenance`), while the
    # article is being processed; not stored.
    _provenance: Any = PrivateAttr(default=None)

    @property
    def input_digest(self) -> str | None:
        return self._input_digest

    @input_digest.setter
    def input_digest(self, digest: str | None) -> None:
        self._input_digest = digest

    @property
    def provenance(self) -> Any:
        return self._provenance

    @provenance.setter
    def provenance(self, value: Any) -> None:
        self._provenance = value

    @classmethod
    def make_id(cls, text: str) -> str:
        return content_id(text)

    def ref(self) -> ArticleRef:
        return ArticleRef(id=self.id, path=self.path, title=self.title,
                          published=self.published, source=self.source)


class DateValue(Model):
    """A normalised date: a TimeML value (`2025-11-25`, `2025-03`, `2025-Q3`, intervals
    `2025-03-24/2025-03-26`) or null when the text gives no resolvable date."""

    value: str | None = None
    text: str | None = None
    precision: Precision | None = None
    mod: TimexMod | None = None
    inferred_from: str | None = Field(
        default=None, description="Where an inferred value came from (another article's id)."
    )
    year_guessed: bool = Field(
        default=False, description="The text writes no year for it nor a date before it, and "
        "states no publication date: its year is the first one the text writes elsewhere. "
        "Cross-source clustering compares it by day of the year.")


class Location(Model):
    name: str
    kind: LocationKind | None = None


class Actor(Model):
    name: str = Field(description="Canonical name (actor registry) or the text's full name.")
    kind: ActorKind = "unknown"
    role: Role
    mention: str | None = Field(default=None, description="The words at the mention site.")
    id: str | None = Field(default=None, description="Registry id, e.g. ISO 3166 alpha-3.")


class Quote(Model):
    text: str
    direct: bool
    cue: str | None = None


class Amount(Model):
    value: float | None = None
    value_max: float | None = Field(default=None, description="Upper bound of a range.")
    unit: str | None = None
    text: str


class ClusterRef(Model):
    """The cross-source cluster an event is in: the one real-world meeting, pledge or quote
    several articles report (`cowextract query --cluster ID`, `cowextract diff`)."""

    id: str
    label: str = Field(description="A name a person recognises: 'Paris meeting 2025-09-04'.")


class EventBase(Model):
    id: str = ""
    type: EventType
    article: ArticleRef
    date: DateValue | None = None
    location: Location | None = None
    actors: list[Actor] = Field(default_factory=list)
    evidence: Evidence
    mentions: list[Evidence] = Field(
        default_factory=list, description="Every span that reports this same event."
    )
    cluster: ClusterRef | None = Field(
        default=None, description="Its cross-source cluster, once clustered (null before)."
    )

    def fingerprint(self) -> tuple:
        return (self.type, self.evidence.start, self.evidence.end)

    @model_validator(mode="after")
    def _fill_id(self) -> EventBase:
        if not self.id:
            self.id = content_id(self.article.id, *self.fingerprint())
        return self

    def names(self, role: Role | None = None) -> list[str]:
        return [a.name for a in self.actors if role is None or a.role == role]


class Meeting(EventBase):
    type: Literal["meeting"] = "meeting"
    name: str | None = None
    format: Format | None = None
    participant_count: int | None = None

    def fingerprint(self) -> tuple:
        # One sentence can report two meetings ("after the summit, leaders called Trump").
        return (*super().fingerprint(), self.date.value if self.date else None,
                self.location.name if self.location else None)


class Pledge(EventBase):
    type: Literal["pledge"] = "pledge"
    polarity: Polarity = "commit"
    what: What = "other"
    amount: Amount | None = None
    condition: str | None = None

    def fingerprint(self) -> tuple:
        amount = (self.amount.value, self.amount.unit) if self.amount else None
        return (*super().fingerprint(), self.what, self.polarity, amount)


class Statement(EventBase):
    type: Literal["statement"] = "statement"
    quote: Quote

    def fingerprint(self) -> tuple:
        return (self.type, self.quote.text)


Event = Annotated[Meeting | Pledge | Statement, Field(discriminator="type")]
EVENT_ADAPTER: TypeAdapter[Meeting | Pledge | Statement] = TypeAdapter(Event)


class Timex(Model):
    """A TimeML TIMEX3 expression found in an article."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    type: TimexType
    value: str | None = None
    mod: TimexMod | None = None
    anchor: str | None = Field(
        default=None, description="What a relative value was resolved against: "
        "'published:YYYY-MM-DD', 'previous:<value>', or null when not relative."
    )


def parse_event(data: dict | str | bytes) -> Meeting | Pledge | Statement:
    """Validate one event from a dict or a JSON string."""
    if isinstance(data, (str, bytes)):
        return EVENT_ADAPTER.validate_json(data)
    return EVENT_ADAPTER.validate_python(data)


class Claim(Model):
    """One source's assertion: `subject` has `attribute` = `value` as of `as_of`.

    Subjects and values are canonical: actor names from the registry, cluster labels for
    meetings, pledges and quotes, TimeML dates and normalised numbers."""

    id: str = ""
    subject: str
    subject_kind: SubjectKind
    attribute: str
    value: str
    number: float | None = None
    approximate: bool = False
    as_of: str | None = None
    as_of_basis: AsOfBasis | None = None
    article: ArticleRef
    event_id: str | None = None
    cluster_id: str | None = None
    evidence: Evidence

    @model_validator(mode="after")
    def _fill_id(self) -> Claim:
        if not self.id:
            self.id = content_id(self.article.id, self.subject, self.attribute, self.value,
                                 self.evidence.start)
        return self
