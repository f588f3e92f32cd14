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
from typing import Any

# Combining tone marks (grave, acute, tilde, hook above, dot below).
TONES = "\u0300\u0301\u0303\u0309\u0323"
_TONE_RE = re.compile(f"[{TONES}]")
_VOWELS = "aăâeêioôơuưy"
# Look-alikes seen in scraped text: Icelandic Eth for Đ, and exotic dashes/spaces.
_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111", "\u2013": "-", "\u2014": "-",
                             "\u2012": "-", "\u2212": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " "})
_LOOKALIKE_RE = re.compile("[" + re.escape("".join(map(chr, _LOOKALIKES))) + "]")
_WORD_RE = re.compile(r"\w+", re.UNICODE)
# Syllable-final i/y variants (kì/kỳ, lí/lý, mĩ/mỹ, qui/quy, sĩ/sỹ): y-form for matching.
_IY_ONSETS = ("k", "l", "m", "qu", "s", "t", "h", "v", "d")


def nfc(text: str) -> str:
    """NFC plus look-alike repair (Ð→Đ, dashes, no-break spaces)."""
    return unicodedata.normalize("NFC", text).translate(_LOOKALIKES)


_OPEN_SYLLABLE_RE = re.compile(r"([^aăâeêioôơuưy]*)(o|u)(a|e|y)")     # oa, oe, uy after the onset


def _syllable_traditional(word: str) -> str:
    """Move the tone of an open oa/oe/uy syllable to the first vowel (hoà→hòa, uỷ→ủy)."""
    d = unicodedata.normalize("NFD", word)
    tones = _TONE_RE.findall(d)
    if len(tones) != 1:
        return word
    base = _TONE_RE.sub("", d)
    low = unicodedata.normalize("NFC", base).lower()
    m = _OPEN_SYLLABLE_RE.fullmatch(low)
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


_IDS: list[int] = list(range(1024))    # 0, 1, 2 …: identity offset maps are sliced from it


def _grow_ids(n: int) -> None:
    global _IDS
    _IDS = list(range(max(n, 2 * len(_IDS))))


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
        if starts is None or ends is None:  # identity map
            n = len(text)
            if n >= len(_IDS):
                _grow_ids(n + 1)
            ids = _IDS   # copying a slice of a prebuilt list is ~2x faster than list(range(n))
            starts = ids[:n]
            ends = ids[1:n + 1]
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
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
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


def _contains_any(text: str, chars: tuple[str, ...]) -> bool:
    """Some character of ``chars`` is in ``text``: for a few characters, one substring search each is several
    times cheaper than a regex character class over Vietnamese text (``_LOOKALIKE_RE.search``)."""
    for ch in chars:
        if ch in text:
            return True
    return False


_LOOKALIKE_CHARS: tuple[str, ...] = tuple(map(chr, _LOOKALIKES))


def _nfc_text(text: str) -> str | None:
    """``nfc_map(text).text`` when ``text`` is NFC already (its offset map is the identity), else None."""
    if unicodedata.is_normalized("NFC", text):
        # translate() with a dict looks up every character; a look-alike is rare, so search for one first
        return text.translate(_LOOKALIKES) if _contains_any(text, _LOOKALIKE_CHARS) else text
    return None


def nfc_map(text: str) -> Mapped:
    """:func:`nfc` with an offset map (NFD input composes; each cluster maps to its span)."""
    t = _nfc_text(text)
    if t is not None:
        return Mapped(text, t)
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


def _needs_collapse(t: str) -> bool:
    """``_WS_TO_COLLAPSE_RE.search(t) is not None``, without the regex where it can (it tries four alternatives at
    every character: tens of thousands of instructions on a long chain): in a printable string the only
    whitespace is " "."""
    if not t:
        return False
    if t[0].isspace() or t[-1].isspace() or "  " in t:
        return True
    return not t.isprintable() and _WS_TO_COLLAPSE_RE.search(t) is not None


_WORD_SPLIT_RE = re.compile(r"(\w+)", re.UNICODE)


def map_words_fast(m: Mapped, fn, cache: dict | None = None) -> Mapped:
    """Same result as ``m.map_words(fn)``, faster when ``fn`` keeps word lengths (one split, the offset map
    shared); any length change falls back to :meth:`Mapped.map_words`. ``cache``: fn's own word cache."""
    parts = _WORD_SPLIT_RE.split(m.text)
    words = parts[1::2]
    new: list[Any]
    if cache is not None:
        new = [cache.get(w) for w in words]     # (compiled look-ups; map() with a bound method is not)
        if None in new:
            new = [fn(w) if x is None else x for w, x in zip(words, new)]
    else:
        new = [fn(w) for w in words]
    if new == words:
        return m
    for w, x in zip(words, new):
        if len(w) != len(x):
            return m.map_words(fn)
    parts[1::2] = new
    return Mapped(m.original, "".join(parts), m.starts, m.ends)


# fold_map_fast folds most strings piece by piece through one cache instead of running the steps of fold_map
# (tone pass, unglue, abbreviation scan, fold pass, space check) over the string. A piece is a word, or for text
# whose only whitespace is single inner spaces (most titles) a space-separated token ("Nội,"), split off with
# str.split, which is several times cheaper than a regex split. The shortcut is exact only when every word of
# the piece folds on its own with the offset map untouched: the tone and fold steps keep its length and keep it
# one \w+ run (so later steps see the same word boundaries and spaces), unglue finds nothing to cut in it (its
# cuts lie between two letters, so inside a word) and, when expanding, no abbreviation form can start with it
# (_scan only matches where a word may start a form). A piece for which this fails is cached as False.
_FOLD_FAST_CACHES: tuple[dict, ...] = ({}, {}, {}, {})   # by `need` (1: unglue, 2: expand): piece → folded | False


_TOKEN_RE = re.compile(r"\w+|[^\w\s]")     # a word, or one mark


def _tokenize(key: str, texts: list[str], spans: list[tuple[int, int]]) -> None:
    """The tokens of ``_TOKEN_RE.findall(key)`` into ``texts``, their (start, end) into ``spans``. Tokens never
    span whitespace, so each chunk between two spaces is tokenized apart (its offset counted, not searched for):
    most are one word (str.isalnum() is the test \\w makes, but for "_"), or a word with one mark before or
    after it ("Nội,", "(kiêm"); only the rest (other whitespace included) go to the regex, which is several times
    slower than these tests on Vietnamese text."""
    pos = 0
    for w in key.split(" "):
        start = pos
        end = start + len(w)
        pos = end + 1
        if not w:
            continue
        if w.isalnum():
            texts.append(w)
            spans.append((start, end))
        elif len(w) > 1 and w[:-1].isalnum() and _is_mark(w[-1]):
            texts.append(w[:-1])
            spans.append((start, end - 1))
            texts.append(w[-1])
            spans.append((end - 1, end))
        elif len(w) > 1 and w[1:].isalnum() and _is_mark(w[0]):
            texts.append(w[0])
            spans.append((start, start + 1))
            texts.append(w[1:])
            spans.append((start + 1, end))
        else:
            for mt in _TOKEN_RE.finditer(w):
                texts.append(mt.group())
                spans.append((start + mt.start(), start + mt.end()))


def _is_mark(ch: str) -> bool:
    """One character that ``[^\\w\\s]`` matches: a token of its own, not part of a word."""
    return not ch.isalnum() and ch != "_" and not ch.isspace()


def _one_word(t: str) -> bool:
    """``re.fullmatch(r"\\w+", t)``: \\w is what str.isalnum() tests, and "_" (a regex is slower on these)."""
    return t.isalnum() or "_" in t and t.replace("_", "a").isalnum()


def _fold_fast_piece(piece: str, need: int):
    """``piece`` as fold_map_fast folds it inside any string, or False when that depends on more than the piece
    (see above)."""
    r: str | bool = False       # (a piece that is not printable: whitespace other than " ", a control character)
    if piece.isprintable():
        parts = _WORD_SPLIT_RE.split(piece)
        for i in range(1, len(parts), 2):
            w = parts[i]
            t = _tone_word(w)
            f = _fold_word_nocase_tone(t)
            ok = len(t) == len(w) == len(f) and _one_word(t) and _one_word(f)
            if ok and need & 1:
                ok = _GLUED_RE.search(t) is None
            if ok and need & 2:
                from .abbrev import may_start_form
                ok = not may_start_form(t)
            if not ok:
                break
            parts[i] = f
        else:
            r = "".join(parts)
    cache = _FOLD_FAST_CACHES[need]
    if len(cache) < 200_000:
        cache[piece] = r
    return r


def _fold_fast_pieces(pieces: list[str], need: int) -> list:
    cache = _FOLD_FAST_CACHES[need]
    new = [cache.get(p) for p in pieces]        # (compiled look-ups; map() with a bound method is not)
    if None in new:
        new = [_fold_fast_piece(p, need) if x is None else x for p, x in zip(pieces, new)]
    return new


def fold_map_fast(text: str, *, expand: bool = False, mode: str = "text") -> Mapped:
    """:func:`fold_map` (same text and offset map) with per-piece caches; what the title parser calls on every
    chain."""
    t = _nfc_text(text)
    m: Mapped | None = None     # None: identity offset map, built once at the end
    if t is None:
        m = nfc_map(text)
        t = m.text
    # What _WS_TO_COLLAPSE_RE finds, with cheaper tests: without other whitespace, \s can only be " ".
    # Whitespace other than " " is left to the pieces: _fold_fast_piece refuses a piece that is not printable (as
    # such whitespace never is), and the string is then folded step by step, which collapses it.
    spaced = "  " in t or t[:1] == " " or t[-1:] == " "
    if spaced:   # pieces are words (the spaces get collapsed below)
        parts = _WORD_SPLIT_RE.split(t)
        pieces = parts[1::2]
    else:
        pieces = t.split(" ")
    need = (mode == "title") + 2 * bool(expand)
    new = _fold_fast_pieces(pieces, need)
    if False in new and expand:
        # Often only a word that may start an abbreviation is in the way ("Đoàn", as in "Đoàn TNCS HCM"). If so,
        # scan the tone-normalized text once: nothing to substitute means the pieces fold as without expansion.
        new = _fold_fast_pieces(pieces, need & 1)
        if False not in new:
            from .abbrev import expansion_pieces
            words = _WORD_SPLIT_RE.split(t)
            words[1::2] = [_tone_word(w) for w in words[1::2]]
            toned = "".join(words)      # what the tone pass makes of t; unglue leaves it as it is
            reps = expansion_pieces(toned, mode)
            if reps:     # the remaining steps
                m = m or nfc_map(text)
                return _fold_and_collapse(Mapped(m.original, toned, m.starts, m.ends).replace(reps))
    if False in new:
        return _fold_map_steps(m or nfc_map(text), expand, mode)
    if spaced:
        parts[1::2] = new
        folded = "".join(parts)
    else:
        folded = " ".join(new)
    if m is None:
        m = Mapped(text, folded)
    elif folded != t:
        m = Mapped(m.original, folded, m.starts, m.ends)
    # Folding changed no whitespace (folded words are \w+ runs), so the test on t holds for the folded text.
    return collapse_spaces(m) if spaced else m


def _fold_map_steps(m: Mapped, expand: bool, mode: str) -> Mapped:
    """fold_map_fast on ``m = nfc_map(text)``, step by step (through :func:`map_words_fast`)."""
    m = map_words_fast(m, _tone_word, _TONE_CACHE)
    if mode == "title":
        m = unglue(m)
    if expand:
        from .abbrev import expand_mapped
        m = expand_mapped(m, mode=mode)
    return _fold_and_collapse(m)


def _fold_and_collapse(m: Mapped) -> Mapped:
    m = map_words_fast(m, _fold_word_nocase_tone, _FOLD_WORD_CACHE)
    if not _needs_collapse(m.text):     # nothing collapse_spaces would change
        return m
    return collapse_spaces(m)
