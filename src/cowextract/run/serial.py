"""One process: documents stream through `nlp.pipe` in batches and out as results, in input
order, with flat memory."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import date

from cowextract.actors.registry import Registry
from cowextract.errors import ExtractionError, InputError
from cowextract.extract.article import ArticleResult, extract_article
from cowextract.models import Article
from cowextract.nlp.docs import release
from cowextract.prepare.articles import Skipped, prepare
from cowextract.prepare.load import RawDocument
from cowextract.settings import DEFAULT, Settings

Result = ArticleResult | Skipped | InputError
_WARMED: dict[int, int] = {}  # id of a pipeline's vocab → articles annotated outside a zone


def forget_warmup(nlp) -> None:
    """Treat `nlp` as a pipeline that has annotated nothing yet (its next articles warm
    the tokenizer again)."""
    _WARMED.pop(id(nlp.vocab), None)


def zone(nlp, articles: int, settings: Settings = DEFAULT
         ) -> tuple[AbstractContextManager, int]:
    """The context to annotate the next `articles` articles in, and how many of them to
    annotate there: outside a memory zone while the pipeline is warming up, else inside."""
    warmed = _WARMED.get(id(nlp.vocab), 0)
    if warmed < settings.warm_articles:
        n = min(articles, settings.warm_articles - warmed)
        _WARMED[id(nlp.vocab)] = warmed + n
        return nullcontext(), n
    return nlp.memory_zone(), articles


def within_length(items: Iterable[Article | Skipped | InputError], settings: Settings = DEFAULT
                  ) -> Iterator[Article | Skipped | InputError]:
    """The stream, with each article longer than `settings.max_chars` turned into its error:
    the same refusal whether it came from a file, a JSON record or stdin."""
    for item in items:
        if isinstance(item, Article) and len(item.text) > settings.max_chars:
            yield InputError(item.path, f"too long ({len(item.text):,} characters of text; the "
                                        f"limit is {settings.max_chars:,})")
        else:
            yield item


def extract_or_error(article: Article, doc, registry: Registry) -> ArticleResult | InputError:
    """`extract_article`, with an event that breaks the contract failing only its article."""
    try:
        return extract_article(article, doc, registry)
    except ExtractionError as exc:
        return InputError(article.path, f"extraction failed ({exc})")
    finally:
        release(doc)


@dataclass
class _Feed:
    """The article stream as `nlp.pipe` pulls it, one zone's worth at a time; inputs that
    are not new articles are held with their place in the output order."""

    stream: Iterator[Article | Skipped | InputError]
    held: deque = field(default_factory=deque)  # (articles fed before it, item)
    next: Article | None = None
    exhausted: bool = False

    def articles(self, start: Article | None, limit: int) -> Iterator[tuple[str, Article]]:
        fed = 0
        self.next = None
        if start is not None:
            fed = 1
            yield start.text, start
        for item in self.stream:
            if isinstance(item, Article):
                if fed >= limit:
                    self.next = item
                    return
                fed += 1
                yield item.text, item
            else:
                self.held.append((fed, item))
        self.exhausted = True


def process(docs: Iterable[RawDocument | InputError], nlp, registry: Registry, *,
            published: date | None = None, is_known: Callable[[str], bool] | None = None,
            known_source: Callable[[str], str | None] | None = None,
            settings: Settings = DEFAULT) -> Iterator[Result]:
    """Stream documents through the pipeline, in input order, with flat memory: articles are
    annotated by `nlp.pipe` in batches and each result is yielded as soon as it is ready;
    every `settings.zone_articles` articles are annotated and extracted inside one spaCy
    memory zone, which frees the strings first seen there (no Doc outlives its zone), once
    the pipeline's first `settings.warm_articles` have warmed its tokenizer outside one.
    `nlp` may be a function that loads the pipeline: it is called only once an article
    needs it, so a re-run over stored articles never loads the model."""
    stream = within_length(prepare(docs, published=published, is_known=is_known,
                                   known_source=known_source), settings)
    first = None
    for item in stream:
        if isinstance(item, Article):
            first = item
            break
        yield item
    if first is None:
        return
    if not hasattr(nlp, "pipe"):
        nlp = nlp()
    feed = _Feed(stream)
    start: Article | None = first
    while True:
        context, limit = zone(nlp, settings.zone_articles, settings)
        with context:
            done = 0
            for doc, article in nlp.pipe(feed.articles(start, limit), as_tuples=True,
                                         batch_size=settings.batch_size):
                while feed.held and feed.held[0][0] <= done:
                    yield feed.held.popleft()[1]
                yield extract_or_error(article, doc, registry)
                done += 1
        while feed.held:
            yield feed.held.popleft()[1]
        start = feed.next
        if start is None and feed.exhausted:
            return


def extract_text(text: str, *, name: str = "<text>", published: date | None = None,
                 nlp=None, registry: Registry | None = None,
                 settings: Settings = DEFAULT) -> ArticleResult:
    """Everything cowextract extracts from one text, without a store: the article (cleaned,
    with its metadata) and its events. The pipeline and registry are those `settings`
    names unless given. A text that cannot be an article raises `InputError`."""
    from cowextract.nlp.pipeline import load_pipeline
    from cowextract.prepare.metadata import build_article

    article = build_article(RawDocument(source=name, name=name, text=text), published=published)
    for item in within_length([article], settings):
        if isinstance(item, InputError):
            raise item
    nlp = nlp if nlp is not None else load_pipeline(settings.model, settings.actor_files)
    registry = registry if registry is not None else Registry.load(settings.actor_files)
    result = extract_or_error(article, nlp(article.text), registry)
    if isinstance(result, InputError):
        raise result
    return result
