"""What `cowextract eval --misses` lists: each a JSON object whose `miss` says what it is.

- `unmatched_gold`: a gold event no prediction matched (the gold record as it stands);
- `unmatched_prediction`: a prediction that matched no gold event, in the gold's own fields
  (`date`, `location`, `participants`; `pledgers`, `polarity`, `what`, `amount`; `speaker`,
  `quote`, `direct`) so that the two read alike;
- `wrong_attribute`, `missed_link`, `false_link`, `wrong_metadata`: from the attribute,
  grouping and metadata figures.
"""

from __future__ import annotations

from cowextract.scoring.events import PARTICIPANT_ROLES, Event, Report, article_key


def _meeting_fields(e) -> dict:
    return {"date": e.date.value if e.date else None,
            "location": e.location.name if e.location else None,
            "participants": [a.name for a in e.actors if a.role in PARTICIPANT_ROLES]}


def _pledge_fields(e) -> dict:
    amount = e.amount.model_dump(exclude={"text"}) if e.amount else None
    return {"pledgers": e.names("pledger"), "polarity": e.polarity, "what": e.what,
            "amount": amount}


def _statement_fields(e) -> dict:
    return {"speaker": e.names("speaker"), "quote": e.quote.text, "direct": e.quote.direct}


FIELDS = {"meeting": _meeting_fields, "pledge": _pledge_fields, "statement": _statement_fields}


def describe(e: Event) -> dict:
    """A prediction in the gold's terms, with its id and evidence."""
    return {"article": article_key(e.article.path), "type": e.type, **FIELDS[e.type](e),
            "id": e.id, "evidence": e.evidence.text}


def unmatched(report: Report) -> list[dict]:
    """The unmatched gold events, then the unmatched predictions."""
    return ([{"miss": "unmatched_gold", **g} for g in report.misses]
            + [{"miss": "unmatched_prediction", **describe(e)} for e in report.spurious])
