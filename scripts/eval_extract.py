#!/usr/bin/env python3
"""P/R/F1 of the news extractor on a gold set (default: the dev gold set), and its throughput.

    python scripts/eval_extract.py [GOLD] [--corpus ../shared/corpus/news] [--show 30]

Same as ``kg eval-extract GOLD``; also prints articles per second on one core over the gold articles.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract import throughput  # noqa: E402
from kg.extract.evaluate import corpus_articles, format_report, read_jsonl, run_eval  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="?", type=Path, default=ROOT / "tests" / "gold" / "extract_dev.jsonl")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "news")
    ap.add_argument("--show", type=int, default=30)
    args = ap.parse_args()
    print(format_report(run_eval(args.gold, args.corpus), show=args.show))
    arts = list(corpus_articles({g["doc"] for g in read_jsonl(args.gold)}, args.corpus).values())
    t = throughput(arts, min_seconds=2.0)
    print(f"\nthroughput: {t['articles_per_second']} articles/s ({t['chars_per_second']} chars/s) on one core")
    return 0


if __name__ == "__main__":
    sys.exit(main())
