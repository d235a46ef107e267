"""Extract: from one annotated article to events. `context` is what every extractor
receives; `timex` finds and normalises temporal expressions; `meetings`, `pledges` and
`statements` find the three kinds of event (their trigger words in `data/`), with
`amounts`, `text_tables` and `lexicon` as their helpers; `claims` finds numeric assertions
("the 33-member coalition"). `article` runs them all over one article."""

from cowextract.extract.article import ArticleResult, extract_article

__all__ = ["ArticleResult", "extract_article"]
