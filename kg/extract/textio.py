"""Reading articles: bytes → text, with clear refusals for bad input.

An article is a ``.txt`` file (first line the title) or one line of a ``.jsonl`` corpus file in the format of
``../shared/corpus/news`` (``id``, ``date``, ``title``, ``summary``, ``text`` …). For a JSON article the text
the extractor reads (and every span points into) is ``title + "\\n" + summary + "\\n" + text``.

Encodings: UTF-8 (with or without BOM) and UTF-16 with a BOM are read as is. Legacy Vietnamese encodings are
detected and converted: Windows-1258 (base letter + combining tone mark) and TCVN3/ABC (one byte per
precomposed lowercase letter). VNI-Windows text (letters followed by modifier bytes such as "Vieät") is
detected and refused with a hint, because its conversion is ambiguous without the font. Binary data, empty
files and files over :data:`MAX_BYTES` are refused with :class:`ExtractError` (a :class:`kg.errors.KgError`).
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import KgError

MAX_BYTES = 20_000_000          # one article or corpus file; larger input is refused
MAX_ARTICLE_CHARS = 2_000_000   # longer articles are cut (with a warning) to keep extraction linear


class ExtractError(KgError):
    """Input the extractor cannot read (empty, binary, unknown encoding …)."""


@dataclass
class Article:
    doc: str
    text: str
    date: str = ""                 # publication date (ISO) when known
    title: str = ""
    publisher: str = ""
    url: str = ""
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)
    # when ``date`` is unknown: the period the article was published in (ISO from, to), from its source's ids
    # (data/publication_windows.txt), ("", "") when unknown
    window: tuple[str, str] = ("", "")


_WINDOWS: list[tuple[str, int, int, str, str]] | None = None


def publication_window(doc: str) -> tuple[str, str]:
    """The publication period of a record without a date, from its id: "baomoi:22237477" → 2017 (baomoi ids
    grow with time; the corpus README documents ids 21.47M–22.75M as 2017). ("", "") when unknown."""
    global _WINDOWS
    if _WINDOWS is None:
        _WINDOWS = []
        path = Path(__file__).with_name("data") / "publication_windows.txt"
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                prefix, lo, hi, a, b = line.split("\t")[:5]
                _WINDOWS.append((prefix, int(lo), int(hi), a, b))
    prefix, _, num = doc.partition(":")
    if num.isdigit():
        for p, lo, hi, a, b in _WINDOWS:
            if p == prefix and lo <= int(num) <= hi:
                return a, b
    return "", ""


# --- TCVN3 (ABC) → Unicode ------------------------------------------------------------------------
_TCVN3 = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}
_TCVN3_DECODE = {b: c for b, c in _TCVN3.items()}
# VNI-Windows writes "ệ" as "e" + "ä", "Đảng" as "Ñaûng": tell-tale letter+modifier pairs.
_VNI_RE = re.compile(r"[aeoyuAEOYU][øùûõïÙØÛÕÏäåáàãâÄÅÁÀÃÂ]|[Ññ][aeoiuAEOIU]|ö[ôø]|ô[øùûõï]")
_VI_CHARS = set("ăâêôơưđĂÂÊÔƠƯĐ")
_VI_WORD_RE = re.compile(r"\b(?:và|của|các|những|được|trong|người|tỉnh|thành|đồng|chí|ủy|uỷ|ông|bà)\b",
                         re.IGNORECASE)


def _vi_score(text: str) -> float:
    """How Vietnamese a decoded text looks: share of common words among words."""
    words = max(1, len(text.split()))
    return len(_VI_WORD_RE.findall(text)) / words


def _decode_tcvn3(data: bytes) -> str:
    return "".join(_TCVN3_DECODE.get(b) or chr(b) if b >= 0x80 else chr(b) for b in data)


def decode(data: bytes, name: str = "<input>") -> tuple[str, str]:
    """(text, encoding). Raises ExtractError for empty, binary or unreadable input."""
    if len(data) > MAX_BYTES:
        raise ExtractError(f"{name}: file too large ({len(data):,} bytes; limit {MAX_BYTES:,})",)
    if not data.strip():
        raise ExtractError(f"{name}: empty input: nothing to extract")
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ExtractError(f"{name}: invalid UTF-16 text") from None
    sample = data[:65536]
    if b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) * 0.01:
        raise ExtractError(f"{name}: binary data, not text (hint: give a UTF-8 .txt article or a .jsonl corpus)")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as e:
        bad = e.start
    latin = data.decode("latin-1")
    if len(_VNI_RE.findall(latin)) >= 3:
        raise ExtractError(f"{name}: the text looks VNI-encoded (e.g. 'Vieät Nam'), not UTF-8",)
    candidates = []
    try:
        t = unicodedata.normalize("NFC", data.decode("cp1258"))
        candidates.append((_vi_score(t), "windows-1258", t))
    except UnicodeDecodeError:
        pass
    t = _decode_tcvn3(data)
    candidates.append((_vi_score(t) + 0.001 * sum(c in _VI_CHARS for c in t[:5000]) / max(1, len(t[:5000])),
                       "tcvn3", t))
    candidates.sort(key=lambda c: -c[0])
    score, enc, text = candidates[0]
    if score < 0.02:
        raise ExtractError(f"{name}: not UTF-8 text (invalid byte at offset {bad}) and not recognisably "
                           "Windows-1258 or TCVN3 Vietnamese (hint: convert the file to UTF-8)")
    return text, enc


def read_articles(path: str | Path, *, date: str | None = None, exclude: set[str] | None = None) -> list[Article]:
    """Articles of a .txt file (one article) or a .jsonl corpus file; ``date`` overrides publication dates."""
    p = Path(path)
    name = str(p)
    try:
        if p.is_dir():
            raise ExtractError(f"{name}: is a directory (hint: give a .txt or .jsonl file)")
        data = p.read_bytes()
    except OSError as e:
        raise ExtractError(f"{name}: cannot read file: {e.strerror}") from None
    text, enc = decode(data, name)
    if p.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        return _jsonl_articles(text, name, date, exclude or set())
    art = Article(doc=p.stem, text=text, date=date or "", title=text.strip().split("\n", 1)[0][:300], encoding=enc)
    if enc != "utf-8":
        art.warnings.append(f"converted from {enc}")
    return [_cap(art)]


def article_from_json(obj: dict, *, date: str | None = None) -> Article:
    title, summary, body = (str(obj.get(k) or "") for k in ("title", "summary", "text"))
    text = "\n".join([title, summary, body])
    doc = str(obj.get("id") or "")
    when = date or str(obj.get("date") or "")
    return _cap(Article(doc=doc, text=text, date=when, title=title, publisher=str(obj.get("publisher") or ""),
                        url=str(obj.get("url") or ""), window=("", "") if when else publication_window(doc)))


def _jsonl_articles(text: str, name: str, date: str | None, exclude: set[str]) -> list[Article]:
    out = []
    lines = text.splitlines()
    if len(lines) == 1 and lines[0].lstrip().startswith("["):
        try:
            items = json.loads(lines[0])
        except json.JSONDecodeError as e:
            raise ExtractError(f"{name}: invalid JSON: {e.msg}") from None
        lines = [json.dumps(x, ensure_ascii=False) for x in items]
    for i, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise ExtractError(f"{name}:{i}: invalid JSON: {e.msg} at column {e.colno}") from None
        if not isinstance(obj, dict):
            raise ExtractError(f"{name}:{i}: an article must be a JSON object")
        art = article_from_json(obj, date=date)
        if not art.doc:
            art.doc = f"{Path(name).stem}:{i}"
        if art.doc in exclude:
            continue
        out.append(art)
    if not out and not exclude:
        raise ExtractError(f"{name}: no articles in the file")
    return out


def _cap(art: Article) -> Article:
    if len(art.text) > MAX_ARTICLE_CHARS:
        art.warnings.append(f"article cut to its first {MAX_ARTICLE_CHARS:,} characters "
                            f"(it has {len(art.text):,})")
        art.text = art.text[:MAX_ARTICLE_CHARS]
    return art
