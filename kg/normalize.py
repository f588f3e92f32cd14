"""Vietnamese text normalization for matching.

Matching keys are built with :func:`fold`; the original string is always kept
for display and provenance. "Uỷ viên" and "Ủy viên" fold to the same key::

    >>> fold("Uỷ viên Ban Thường vụ Tỉnh uỷ") == fold("Ủy viên ban thường vụ tỉnh ủy")
    True
    >>> slug("Phó Bí thư Thường trực")
    'pho-bi-thu-thuong-truc'
"""
from __future__ import annotations

import re
import unicodedata

# Combining tone marks (grave, acute, tilde, hook above, dot below).
TONES = "\u0300\u0301\u0303\u0309\u0323"
_TONE_RE = re.compile(f"[{TONES}]")
_VOWELS = "aăâeêioôơuưy"
# Look-alikes seen in scraped text: Icelandic Eth for Đ, and exotic dashes/spaces.
_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111", "\u2013": "-", "\u2014": "-",
                             "\u2012": "-", "\u2212": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " "})
_WORD_RE = re.compile(r"\w+", re.UNICODE)
# Syllable-final i/y variants (kì/kỳ, lí/lý, mĩ/mỹ, qui/quy, sĩ/sỹ): y-form for matching.
_IY_ONSETS = ("k", "l", "m", "qu", "s", "t", "h", "v", "d")


def nfc(text: str) -> str:
    """NFC plus look-alike repair (Ð→Đ, dashes, no-break spaces)."""
    return unicodedata.normalize("NFC", text).translate(_LOOKALIKES)


def _syllable_traditional(word: str) -> str:
    """Move the tone of an open oa/oe/uy syllable to the first vowel (hoà→hòa, uỷ→ủy)."""
    d = unicodedata.normalize("NFD", word)
    tones = _TONE_RE.findall(d)
    if len(tones) != 1:
        return word
    base = _TONE_RE.sub("", d)
    low = unicodedata.normalize("NFC", base).lower()
    m = re.fullmatch(r"([^aăâeêioôơuưy]*)(o|u)(a|e|y)", low)
    if not m or (m.group(2) == "u" and m.group(1).endswith("q")):
        return word
    onset_len = len(m.group(1))
    nb = unicodedata.normalize("NFC", base)
    # Tone goes right after the first vowel of the cluster.
    out = nb[: onset_len + 1] + tones[0] + nb[onset_len + 1:]
    return unicodedata.normalize("NFC", out)


def tone_normalize(text: str) -> str:
    """One tone-mark style (traditional: Ủy, hòa, khóa, thủy) for every word."""
    return _WORD_RE.sub(lambda m: _syllable_traditional(m.group(0)), nfc(text))


def _iy(word: str) -> str:
    d = unicodedata.normalize("NFD", word)
    for onset in _IY_ONSETS:
        if d.startswith(onset) and len(d) > len(onset) and d[len(onset)] == "i" and \
                not _TONE_RE.sub("", d[len(onset) + 1:]):
            return unicodedata.normalize("NFC", onset + "y" + d[len(onset) + 1:])
    return word


def fold(text: str) -> str:
    """Matching key: NFC, look-alikes, one tone style, i/y, case and spaces folded."""
    t = tone_normalize(text).lower()
    t = _WORD_RE.sub(lambda m: _iy(m.group(0)), t)
    return " ".join(t.split())


def strip_diacritics(text: str) -> str:
    """Remove all diacritics (đ→d too): for search insensitive to accents."""
    t = nfc(text).replace("đ", "d").replace("Đ", "D")
    t = unicodedata.normalize("NFD", t)
    return unicodedata.normalize("NFC", "".join(c for c in t if not unicodedata.combining(c)))


def ascii_fold(text: str) -> str:
    """Lowercase, diacritic-free, space-collapsed key ("Cù Ngọc Cường" → "cu ngoc cuong")."""
    return " ".join(strip_diacritics(text).lower().split())


def slug(text: str) -> str:
    """Identifier slug (domain.md §5.2): "Đảng ủy Quân sự" → "dang-uy-quan-su"."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text)).strip("-")


# ---------------------------------------------------------------------------
# Offset-preserving normalization.
#
# The parsers match on a folded key but must report spans in the original
# string. :class:`Mapped` is a string plus, for each of its characters, the
# half-open span of original characters it came from.

_FOLD_WORD_CACHE: dict[str, str] = {}
_WS_RE = re.compile(r"\s+")


class Mapped:
    """A derived string with an offset map back to the original.

    ``starts[i]``/``ends[i]`` are the original span of derived character *i*::

        >>> m = fold_map("Uỷ  ban")
        >>> m.text, m.span(3, 6)
        ('ủy ban', (4, 7))
    """
    __slots__ = ("original", "text", "starts", "ends")

    def __init__(self, original: str, text: str, starts: list[int] | None = None,
                 ends: list[int] | None = None):
        self.original = original
        self.text = text
        if starts is None:  # identity map
            starts = list(range(len(text)))
            ends = list(range(1, len(text) + 1))
        self.starts = starts
        self.ends = ends

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the derived slice ``text[start:end]``."""
        if not self.text:
            return (0, len(self.original))
        start = max(0, min(start, len(self.text) - 1))
        end = max(start + 1, min(end, len(self.text)))
        return (self.starts[start], self.ends[end - 1])

    def original_slice(self, start: int, end: int) -> str:
        a, b = self.span(start, end)
        return self.original[a:b]

    def replace(self, pieces: "list[tuple[int, int, str]]") -> "Mapped":
        """Replace derived slices ``[(start, end, new_text)]`` (sorted, disjoint).

        Every character of a replacement maps to the whole original span it replaces.
        """
        out, starts, ends, pos = [], [], [], 0
        for a, b, new in pieces:
            out.append(self.text[pos:a])
            starts.extend(self.starts[pos:a])
            ends.extend(self.ends[pos:a])
            if new:
                if b > a:
                    s, e = self.starts[a], self.ends[b - 1]
                else:  # pure insertion: attach to the previous character
                    s = self.ends[a - 1] if a else 0
                    e = s
                out.append(new)
                starts.extend([s] * len(new))
                ends.extend([e] * len(new))
            pos = b
        out.append(self.text[pos:])
        starts.extend(self.starts[pos:])
        ends.extend(self.ends[pos:])
        return Mapped(self.original, "".join(out), starts, ends)

    def map_words(self, fn) -> "Mapped":
        """Apply ``fn`` to every word; same-length results keep a 1:1 map."""
        pieces = []
        for m in _WORD_RE.finditer(self.text):
            w = m.group(0)
            new = fn(w)
            if new != w:
                if len(new) == len(w):
                    pieces.append((m.start(), m.end(), new, True))
                else:
                    pieces.append((m.start(), m.end(), new, False))
        if not pieces:
            return self
        if all(p[3] for p in pieces):  # length-preserving: keep map, swap text
            chars = list(self.text)
            for a, b, new, _ in pieces:
                chars[a:b] = new
            return Mapped(self.original, "".join(chars), self.starts, self.ends)
        return self.replace([(a, b, new) for a, b, new, _ in pieces])


def nfc_map(text: str) -> Mapped:
    """:func:`nfc` with an offset map (NFD input composes; each cluster maps to its span)."""
    if unicodedata.is_normalized("NFC", text):
        return Mapped(text, text.translate(_LOOKALIKES))
    out, starts, ends = [], [], []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        seg = unicodedata.normalize("NFC", text[i:j])
        out.append(seg)
        starts.extend([i] * len(seg))
        ends.extend([j] * len(seg))
        i = j
    return Mapped(text, "".join(out).translate(_LOOKALIKES), starts, ends)


_TONE_CACHE: dict[str, str] = {}


def _tone_word(word: str) -> str:
    r = _TONE_CACHE.get(word)
    if r is None:
        r = _syllable_traditional(word)
        if len(_TONE_CACHE) < 200_000:
            _TONE_CACHE[word] = r
    return r


def tone_map(m: Mapped) -> Mapped:
    """:func:`tone_normalize` on a mapped string (case kept)."""
    return m.map_words(_tone_word)


def collapse_spaces(m: Mapped) -> Mapped:
    """Strip, and collapse whitespace runs to one space, keeping the map."""
    t = m.text
    pieces = []
    for ws in _WS_RE.finditer(t):
        a, b = ws.span()
        if a == 0 or b == len(t):
            pieces.append((a, b, ""))
        elif b - a > 1 or t[a] != " ":
            pieces.append((a, b, " "))
    return m.replace(pieces) if pieces else m


_LOWER = "".join(c for c in map(chr, range(0x61, 0x1F00)) if c.islower() and c.isalpha())
_UPPER = "".join(c for c in map(chr, range(0x41, 0x1F00)) if c.isupper() and c.isalpha())
_GLUED_RE = re.compile(f"(?<=[{_LOWER}])(?=[{_UPPER}])")


def unglue(m: Mapped) -> Mapped:
    """A space where a lower-case letter runs into an upper-case one ("Thành ủyVĩnh Long", "dự khuyếtTrung
    ương": a space lost in a record). For titles only: brand names ("VietinBank") are split too, which changes
    matching, never what is displayed (spans point into the original)."""
    cuts = [x.start() for x in _GLUED_RE.finditer(m.text)]
    return m.replace([(k, k, " ") for k in cuts]) if cuts else m


def fold_map(text: str, *, expand: bool = False, mode: str = "text") -> Mapped:
    """:func:`fold` with an offset map; ``expand=True`` also expands abbreviations (kg.abbrev).

    Abbreviations are expanded *before* case folding, because case tells "TU" (Tỉnh ủy) from "tu".

        >>> m = fold_map("Chủ tịch UBND TP Bắc Kạn", expand=True)
        >>> m.text
        'chủ tịch ủy ban nhân dân thành phố bắc kạn'
        >>> m.original_slice(9, 24)
        'UBND'
    """
    m = tone_map(nfc_map(text))
    if mode == "title":
        m = unglue(m)
    if expand:
        from .abbrev import expand_mapped
        m = expand_mapped(m, mode=mode)
    m = m.map_words(_fold_word_nocase_tone)
    return collapse_spaces(m)


def _fold_word_nocase_tone(word: str) -> str:
    # tone already normalized; lower + i/y (cached).
    r = _FOLD_WORD_CACHE.get(word)
    if r is None:
        r = _iy(word.lower())
        if len(_FOLD_WORD_CACHE) < 200_000:
            _FOLD_WORD_CACHE[word] = r
    return r


def fold_key(text: str, *, expand: bool = True, mode: str = "title") -> str:
    """Matching key with abbreviations expanded: ``fold_key("Bí thư TU") == fold("Bí thư Tỉnh ủy")``."""
    return fold_map(text, expand=expand, mode=mode).text


_WS_TO_COLLAPSE_RE = re.compile(r"^\s|\s$|\s\s|[^\S ]")
_WORD_SPLIT_RE = re.compile(r"(\w+)", re.UNICODE)


def map_words_fast(m: Mapped, fn, cache: dict | None = None) -> Mapped:
    """Same result as ``m.map_words(fn)``, faster when ``fn`` keeps word lengths (one split, the offset map
    shared); any length change falls back to :meth:`Mapped.map_words`. ``cache``: fn's own word cache."""
    parts = _WORD_SPLIT_RE.split(m.text)
    words = parts[1::2]
    if cache is not None:
        new = list(map(cache.get, words))
        if None in new:
            new = [fn(w) if x is None else x for w, x in zip(words, new)]
    else:
        new = [fn(w) for w in words]
    if new == words:
        return m
    if list(map(len, new)) != list(map(len, words)):
        return m.map_words(fn)
    parts[1::2] = new
    return Mapped(m.original, "".join(parts), m.starts, m.ends)


def fold_map_fast(text: str, *, expand: bool = False, mode: str = "text") -> Mapped:
    """:func:`fold_map` (same text and offset map) through :func:`map_words_fast`; what the title parser
    calls on every chain."""
    m = map_words_fast(nfc_map(text), _tone_word, _TONE_CACHE)
    if mode == "title":
        m = unglue(m)
    if expand:
        from .abbrev import expand_mapped
        m = expand_mapped(m, mode=mode)
    m = map_words_fast(m, _fold_word_nocase_tone, _FOLD_WORD_CACHE)
    if _WS_TO_COLLAPSE_RE.search(m.text) is None:     # nothing collapse_spaces would change
        return m
    return collapse_spaces(m)
