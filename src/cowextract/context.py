"""What every extractor receives for one article."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .models import Article, Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .actors import ArticleActors


@dataclass
class ArticleContext:
    """One article under extraction: its cleaned text, its spaCy Doc (over exactly that text),
    the temporal expressions found in it, and a per-article actor resolver that remembers the
    full names already seen (for surname resolution)."""

    article: Article
    doc: Doc
    actors: ArticleActors
    timexes: list[Timex] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.article.text
