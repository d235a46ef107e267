"""One frozen settings object for a run, with every default declared here once. The
library takes it as an argument (`ingest(..., settings=Settings(jobs=2))`); nothing reads
a module global to learn a batch size or a threshold. Tests pass their own with
`dataclasses.replace(DEFAULT, ...)`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    # The pipeline: an installed spaCy English pipeline (None: $COWEXTRACT_MODEL or the
    # default) and extra actor registry files.
    model: str | None = None
    actor_files: tuple[Path, ...] = ()

    # The longest article text (characters, after cleaning) annotated; a longer one is
    # refused with one line. The extractors read relations across a whole article, and
    # their time and the parser's memory grow with its length: a 200,000-character article
    # takes about 14 s and 850 MB, a 1,000,000-character one minutes and gigabytes.
    max_chars: int = 200_000

    # Annotation. Articles go through `nlp.pipe` in batches of `batch_size`. Every
    # `zone_articles` are annotated in one spaCy memory zone: the strings first seen there
    # are freed when it ends, so the vocabulary does not grow with the corpus. The
    # tokenizer caches how it split a word only outside a zone, so a pipeline's first
    # `warm_articles` are annotated outside one: the common words they teach it stay cached.
    batch_size: int = 32
    zone_articles: int = 256
    warm_articles: int = 64

    # --jobs N. spaCy's parser and tok2vec are cheaper per article in batches of 16 than of
    # 8; batches not started when the input ends are split, so the workers finish together.
    # `in_flight` batches per worker are queued, so workers keep busy while the parent
    # clusters.
    jobs: int = 1
    parallel_batch: int = 16
    in_flight: int = 8

    # Clustering passes during an ingest: at least `cluster_every` new articles apart, then
    # a `cluster_share`-th of those stored so far, at most `cluster_max` apart. Where a pass
    # ends changes what a meeting can be matched with, so the schedule is the same for any
    # number of jobs. A pass holds its articles' events until it ends.
    cluster_every: int = 50
    cluster_share: int = 10
    cluster_max: int = 150

    # An article leaves thousands of short-lived objects behind, nearly all freed by
    # reference counting: the collector need not look for cycles every 700 of them.
    gc_young: int = 10_000

    # Cross-source matching (corpus/). Two reports are one event only on evidence: dates
    # that agree, the same specific place, shared participants or pledgers, the same
    # figures. Stated dates of one event are at most `date_tolerance` days apart. An undated
    # report can be of an event within `report_window` days of its article's publication;
    # evidence that is weak on its own (shared participants without a place, a pledger
    # without figures) counts only between articles at most `tight_window` days apart.
    date_tolerance: int = 3
    date_slack: int = 1  # stated dates of one event this many days apart do not conflict
    report_window: int = 31
    tight_window: int = 7
    join_margin: int = 3  # how much better than the next an event's best cluster must fit
    quote_same: float = 0.5  # Jaccard of word sets at which one speaker's quotes are one
    quote_identical: float = 0.8  # above this, one speaker's quotes are one on any day
    quote_content: int = 2  # content words two wordings of one speaker must share
    quote_long: int = 8  # a run of words this long, shared by two speakers, is one quote…
    quote_distinctive: int = 4  # …when it holds this many content words
    occasion_days: int = 3  # quotes a speaker gave this many days apart are one occasion
    quote_sample: int = 5  # members of a quote cluster whose wordings are kept to compare
    common_key: int = 500  # a blocking key shared by more clusters than this does not block
    max_candidates: int = 100  # clusters scored per new meeting or pledge
    # …and per new quote: ranked by how many of its longest words they share, the wordings
    # of one utterance come first.
    max_quote_candidates: int = 30
    cache_clusters: int = 5_000  # stored clusters whose summaries are kept between passes

DEFAULT = Settings()
