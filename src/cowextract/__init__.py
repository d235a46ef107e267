"""cowextract: news articles in, structured and verifiable event data out."""

__version__ = "0.1.0"
