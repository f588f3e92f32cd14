"""Precision, recall and F1 of extracted facts against a hand-annotated gold set (docs/extract.md).

Matching rule: a predicted fact matches a gold fact when ``doc``, ``kind``, ``person`` (NFC, folded with
:func:`kg.normalize.fold`), ``position`` and ``org_type`` are equal, ``place`` is equal after folding, and for
ranks the ``rank`` slug, for decisions the ``decision`` slug, is equal. Each gold fact matches at most one
prediction (duplicates count as false positives). Only the gold set's documents are scored.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from ..normalize import fold, nfc
from .slugs import coarse

KINDS = ("holding", "decision", "rank")


def match_key(f: dict) -> tuple:
    """The matching rule (see module doc); org types are compared in domain.md §6.2 terms (slugs.coarse)."""
    kind = f.get("kind", "")
    pos, ot, _ = coarse(f.get("position", "") or "", f.get("org_type", "") or "")
    extra = f.get("rank", "") if kind == "rank" else f.get("decision", "") if kind == "decision" else ""
    return (f.get("doc", ""), kind, fold(nfc(f.get("person", "") or "")), pos, ot,
            fold(nfc(f.get("place", "") or "")), extra or "")


def read_jsonl(path: str | Path) -> list[dict]:
    out = []
    for i, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            out.append(json.loads(line))
    return out


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def evaluate(gold: list[dict], predicted: list[dict]) -> dict:
    """Scores per kind and overall, with the misses and false positives."""
    docs = {g["doc"] for g in gold}
    pred = [p for p in predicted if p.get("doc") in docs]
    gold_c = Counter(match_key(g) for g in gold)
    pred_c = Counter(match_key(p) for p in pred)
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for k in set(gold_c) | set(pred_c):
        tp = min(gold_c[k], pred_c[k])
        by_kind[k[1]][0] += tp
        by_kind[k[1]][1] += pred_c[k] - tp
        by_kind[k[1]][2] += gold_c[k] - tp
    res = {kind: prf(*by_kind[kind]) for kind in KINDS}
    res["overall"] = prf(*(sum(v[i] for v in by_kind.values()) for i in range(3)))
    used = Counter()
    misses = []
    for g in gold:
        k = match_key(g)
        if used[k] < pred_c[k]:
            used[k] += 1
        else:
            misses.append(g)
    used = Counter()
    fps = []
    for p in pred:
        k = match_key(p)
        if used[k] < gold_c[k]:
            used[k] += 1
        else:
            fps.append(p)
    res["misses"] = misses
    res["false_positives"] = fps
    return res


def corpus_articles(docs: set[str], corpus_dir: str | Path, splits: str | Path | None = None):
    """The articles of ``docs`` from the corpus files; test-split ids are never read (an error if asked)."""
    from .textio import article_from_json
    corpus_dir = Path(corpus_dir)
    test: set[str] = set()
    sp = Path(splits) if splits else corpus_dir.parent / "splits.json"
    if sp.exists():
        for v in json.loads(sp.read_text(encoding="utf-8")).values():
            test |= set(v.get("test", []))
    bad = docs & test
    if bad:
        raise ValueError(f"the gold set names test-split articles: {sorted(bad)[:3]}")
    out = {}
    for f in sorted(corpus_dir.glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            o = json.loads(line)
            if o.get("id") in docs and o["id"] not in test:
                out[o["id"]] = article_from_json(o)
    return out


def format_report(res: dict, *, show: int = 50) -> str:
    lines = [f"{'kind':<10} {'P':>7} {'R':>7} {'F1':>7} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for k in (*KINDS, "overall"):
        r = res[k]
        lines.append(f"{k:<10} {r['precision']:>7.3f} {r['recall']:>7.3f} {r['f1']:>7.3f} {r['tp']:>5} {r['fp']:>5} "
                     f"{r['fn']:>5}")
    def fmt(f):
        extra = f.get("decision") or f.get("rank") or ""
        return (f"  {f['doc']}  {f['kind']:<8} {f['person']} | {f.get('position','')} | {f.get('org_type','')} | "
                f"{f.get('place','')} {('| ' + extra) if extra else ''}")
    if show:
        lines.append(f"\nmisses ({len(res['misses'])}):")
        lines += [fmt(f) for f in res["misses"][:show]]
        lines.append(f"\nfalse positives ({len(res['false_positives'])}):")
        lines += [fmt(f) for f in res["false_positives"][:show]]
    return "\n".join(lines)


def run_eval(gold_path: str | Path, corpus_dir: str | Path) -> dict:
    """Extract the gold set's articles from the corpus and score them (in-domain facts only)."""
    from ..errors import KgError
    from .core import Extractor
    gold = read_jsonl(gold_path)
    try:
        arts = corpus_articles({g["doc"] for g in gold}, corpus_dir)
    except (OSError, ValueError) as e:
        raise KgError(f"cannot read the corpus: {e}") from None
    missing = {g["doc"] for g in gold} - set(arts)
    if missing:
        raise KgError(f"{len(missing)} gold document(s) not found in {corpus_dir}: {sorted(missing)[:3]}")
    ex = Extractor.default()
    pred = []
    for a in arts.values():
        pred += [f.to_json() for f in ex.extract(a).facts if f.in_domain()]
    return evaluate(gold, pred)
