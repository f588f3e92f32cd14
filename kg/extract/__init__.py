"""Extract facts (holdings, decisions, ranks) from Vietnamese news articles, with provenance (docs/extract.md)."""
from .core import Extraction, Extractor, Fact, extract_article, extract_text, throughput
from .textio import Article, ExtractError, read_articles

__all__ = ["Article", "ExtractError", "Extraction", "Extractor", "Fact", "extract_article", "extract_text",
           "read_articles", "throughput"]
