"""How news spells place names: one folding for the index keys and the names looked up.

Conflict news writes an Arabic name in Latin script in many ways: the article assimilated
or not, hyphenated or not ("Jisr ash-Shughur", "Jisr al-Shughur"), vowels and glides as the
writer hears them ("Hodeidah", "Hudaydah", "Deir ez-Zor", "Dayr az Zawr"), the ayn as an
apostrophe or nothing ("Ma'arrat", "Maarat"), doubled letters or single ones. No list of
spellings can keep up; :func:`skeleton` folds every one of them to the consonants they
share. The gazetteer index stores the skeleton of every Latin name of a place in an Arab
country, and recognition looks a name up by its skeleton when its own spelling is unknown:
the same pure function on both sides, with its rules in ``data/name_spellings.yaml``.

Arabic news in turn writes places outside the Arab world by ear ("باخموت", Bakhmut), and
the packaged GeoNames data has few such names: :func:`arabic_from_cyrillic` writes them from
the place's Cyrillic names, letter by letter, as Arabic news does.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..knowledge import cached_yaml
from .normalize import fold, key

#: skeleton keys live apart from ordinary keys: "~" never starts a folded token
SKELETON_MARK = "~"

_WORD = re.compile(r"[^\W\d_]+")
_DOUBLE = re.compile(r"(.)\1+")
#: Arabic letters that are doubled in transliterations of foreign names on purpose
#: ("كييف", Kyiv): long vowels, not a consonant written twice
_ARABIC_LONG = frozenset("اوي")


@dataclass(frozen=True)
class LatinRules:
    articles: frozenset[str]
    marks: str
    rewrite: tuple[tuple[str, str], ...]
    vowels: frozenset[str]
    glides: frozenset[str]
    min_consonants: int
    min_similarity: float
    min_similarity_one_word: float
    min_vowel_share: float
    final_y: bool
    arabic_marks: re.Pattern
    arabic_regions: frozenset[str]


@functools.cache
def latin_rules() -> LatinRules:
    """The rules of ``latin`` in ``data/name_spellings.yaml``."""
    data = (cached_yaml("name_spellings.yaml") or {}).get("latin") or {}
    return LatinRules(
        articles=frozenset(str(a).lower() for a in data.get("articles") or ()),
        marks=str(data.get("marks") or ""),
        rewrite=tuple((str(a), str(b)) for a, b in data.get("rewrite") or ()),
        vowels=frozenset(str(data.get("vowels") or "aeiou")),
        glides=frozenset(str(data.get("glides") or "")),
        min_consonants=int(data.get("min_consonants") or 3),
        min_similarity=float(data.get("min_similarity") or 0.7),
        min_similarity_one_word=float(data.get("min_similarity_one_word") or 0.85),
        min_vowel_share=float(data.get("min_vowel_share") or 0.0),
        final_y=bool(data.get("final_y")),
        # the patterns are the analyst's data, matched against one word at a time
        arabic_marks=re.compile("|".join(f"(?:{p})" for p in data.get("arabic_marks") or ())
                                or r"(?!)"),
        arabic_regions=frozenset(str(c).upper() for c in data.get("arabic_regions") or ()),
    )


def _words(name: str, rules: LatinRules) -> list[str]:
    """The folded words of a Latin name, marks dropped inside words, articles left out."""
    if rules.marks:
        name = name.translate(_marks_table(rules.marks))
    return [w for w in _WORD.findall(fold(name)) if w not in rules.articles]


@functools.lru_cache(maxsize=8)
def _marks_table(marks: str) -> dict[int, None]:
    """The translation table that drops ``marks`` (built once, not per name)."""
    return {ord(c): None for c in marks}


@functools.lru_cache(maxsize=1 << 16)
def _word_consonants(word: str) -> str:
    """:func:`_consonants` of a folded word under the data's rules, remembered: a name's
    skeleton is asked for with every run of capitalised words it is a part of."""
    return _consonants(word, latin_rules())


def _consonants(word: str, rules: LatinRules) -> str:
    for a, b in rules.rewrite:
        word = word.replace(a, b)
    word = _DOUBLE.sub(r"\1", word)
    if rules.final_y and len(word) > 2 and word[-1] == "y" and word[-2] not in rules.vowels:
        word = word[:-1] + "i"  # "Qamishly"
    if len(word) > 2 and word[-1] == "h" and word[-2] in rules.vowels:
        word = word[:-1]  # the feminine ending: "Hodeidah" and "Hodeida"
    out = []
    after_vowel = False
    for ch in word:
        if ch in rules.vowels or (after_vowel and ch in rules.glides):
            after_vowel = True
            continue
        after_vowel = False
        out.append(ch)
    # consonants met across a vowel stay two ("Hodeidah": h-d-d)
    return "".join(out)


def skeleton(name: str) -> str | None:
    """The spelling-free key of a Latin-script name: its consonants, word by word, the
    article and the marks of ayn and hamza left out, behind a "~"; ``None`` for a name too
    short to be told apart this way, or one not in Latin script.

    >>> skeleton("Hodeidah") == skeleton("Hudaydah") == skeleton("Al Hudaydah")
    True
    >>> skeleton("Deir ez-Zor"), skeleton("Dayr az Zawr")
    ('~dr zr', '~dr zr')
    >>> skeleton("Ma'arrat al-Nu'man") == skeleton("Maarat al-Numan")
    True
    >>> skeleton("Raqqa") is None, skeleton("حلب") is None
    (True, True)
    """
    if not name or not name.isascii() and not fold(name).isascii():
        return None
    rules = latin_rules()
    words = [c for c in map(_word_consonants, _words(name, rules)) if c]
    if not words or sum(map(len, words)) < rules.min_consonants:
        return None
    return SKELETON_MARK + " ".join(words)


def looks_arabic(name: str, heads: frozenset[str] = frozenset()) -> bool:
    """Does a Latin name look like the transliteration of an Arabic one: several words with
    an article or a head word among them (``heads``: "tal", "jisr"), or a word with a mark
    of transliteration ("Hodeidah", "Ma'arrat", "Qamishli")?

    >>> looks_arabic("Hodeidah"), looks_arabic("Jisr al-Shughur"), looks_arabic("State")
    (True, True, False)
    >>> looks_arabic("Tal Tamr", frozenset({"tal"})), looks_arabic("Rose May")
    (True, False)
    >>> looks_arabic("US State")
    False
    """
    rules = latin_rules()
    words = [w for w in fold(name.translate(_marks_table(rules.marks))).split() if w]
    written = [w for w in re.split(r"[\s-]+", name) if w]
    raw = [w.lower() for w in written]
    # an article in capitals ("US State") is an acronym
    if len(raw) > 1 and any(
        (f in rules.articles and not w.isupper()) or f in heads
        for w, f in zip(written, map(fold, raw), strict=True)
    ):
        return True
    return any(rules.arabic_marks.search(w) for w in [*raw, *words])


def vowelled(name: str) -> bool:
    """Is a Latin name written with its vowels ("Tall Tamr", not "tl tmr")?

    >>> vowelled("Tall Tamr"), vowelled("tl tmr")
    (True, False)
    """
    rules = latin_rules()
    letters = [c for c in fold(name) if c.isalpha()]
    if not letters:
        return False
    return sum(c in rules.vowels for c in letters) / len(letters) >= rules.min_vowel_share


def plain(name: str) -> str:
    """A Latin name with articles, marks and doubled letters removed, for comparing two
    spellings (:func:`similar`).

    >>> plain("Jisr ash-Shughur"), plain("Ma'arrat an-Nu'man")
    ('jisr shughur', 'marat numan')
    """
    rules = latin_rules()
    return " ".join(_DOUBLE.sub(r"\1", w) for w in _words(name, rules))


def similar(a: str, b: str) -> float:
    """How alike two Latin spellings are, 0..1 (difflib's ratio of their :func:`plain`
    forms): a name found by its skeleton must also look like the gazetteer's spelling
    ("Hodeidah" and "Hodeida": yes; "Bush" and "Bisha": no).

    >>> similar("Hodeidah", "Hodeida") > 0.9 > similar("Bush", "Bisha")
    True
    """
    return difflib.SequenceMatcher(None, plain(a), plain(b), autojunk=False).ratio()


_VOWEL_RUN = re.compile(r"[aeiou]+")


def shape(name: str) -> str:
    """A Latin name's :func:`plain` form with every run of vowels written as one "a": two
    spellings of one Arabic name that differ only in how they write its short vowels share
    it ("Menbej" and "Manbij"), where difflib finds a six-letter pair one letter apart
    too unlike; "Muslim" and "Mausilium" (Mosul in Latin) do not.

    >>> shape("Menbej") == shape("Manbij"), shape("Muslim") == shape("Mausilium")
    (True, False)
    """
    return _VOWEL_RUN.sub("a", plain(name))


def alike_any(name: str, others: Iterable[str], least: float) -> bool:
    """Is one of ``others`` at least ``least`` :func:`similar` to ``name``? (``max(similar(name,
    o) for o in others) >= least``, without the slow part of most comparisons: difflib's
    ratio is never above its ``real_quick_ratio`` (from the lengths) nor its ``quick_ratio``
    (from the letters), so a pair neither reaches needs no matching; the first pair that
    reaches ``least`` settles it.)

    >>> alike_any("Hodeidah", ["Bisha", "Hodeida"], 0.9), alike_any("Bush", ["Bisha"], 0.8)
    (True, False)
    """
    if least <= 0:
        return True  # every ratio is at least 0 (and max() of none was 0)
    a = plain(name)
    for o in others:
        m = difflib.SequenceMatcher(None, a, plain(o), autojunk=False)
        if m.real_quick_ratio() >= least and m.quick_ratio() >= least and m.ratio() >= least:
            return True
    return False


@functools.cache
def _cyrillic() -> tuple[dict[int, str], frozenset[str], int, int]:
    data = (cached_yaml("name_spellings.yaml") or {}).get("cyrillic") or {}
    letters = {ord(str(k)): str(v) for k, v in (data.get("letters") or {}).items() if str(k)}
    countries = frozenset(str(c).upper() for c in data.get("countries") or ())
    return letters, countries, int(data.get("min_population") or 0), int(
        data.get("min_letters") or 0)


@functools.cache
def _arabic_common() -> frozenset[str]:
    """The common Arabic words of ``data/common_words_ar.txt``, as keys."""
    from ..knowledge import data_dir

    path = data_dir() / "common_words_ar.txt"
    if not path.is_file():
        return frozenset()
    lines = (ln.split("#", 1)[0].strip() for ln in path.read_text("utf-8").splitlines())
    return frozenset(key(ln) for ln in lines if ln)


def arabic_from_cyrillic(name: str) -> str | None:
    """An Arabic spelling of a Cyrillic place name, as Arabic news writes it; ``None`` when
    the name has a letter the table lacks.

    >>> arabic_from_cyrillic("Бахмут"), arabic_from_cyrillic("Харків")
    ('باخموت', 'خاركيف')
    """
    letters = _cyrillic()[0]
    out = fold(name).translate(letters)
    if not out.strip() or any(not ("\u0621" <= ch <= "\u064a" or ch == " ") for ch in out):
        return None
    # a consonant written twice in Cyrillic ("Запоріжжя") is written once in Arabic
    out = _DOUBLE.sub(lambda m: m.group(0) if m.group(1) in _ARABIC_LONG else m.group(1), out)
    return " ".join(out.split())


def cyrillic_rules() -> tuple[frozenset[str], int]:
    """The countries whose towns get Arabic names from their Cyrillic ones, and the least
    population such a town has (``cyrillic`` in ``data/name_spellings.yaml``)."""
    _, countries, pop, _ = _cyrillic()
    return countries, pop


def spelling_rows(
    names: list[tuple[str, int, str]], country: str, population: int
) -> list[tuple[str, int, str]]:
    """Extra index rows ``(key, geonameid, name)`` for a place's names: the skeleton of
    each Latin name of a place in an Arab country, and the Arabic spelling of each Cyrillic
    name of a town in ``cyrillic`` countries. ``names`` are ``(key, geonameid, name)``
    rows (only the names are read).

    >>> spelling_rows([("", 1, "Бахмут")], "UA", 80000)
    [('باخموت', 1, 'باخموت')]
    """
    out: list[tuple[str, int, str]] = []
    rules = latin_rules()
    countries, least = cyrillic_rules()
    for _, gid, name in names:
        if country in rules.arabic_regions:
            sk = skeleton(name) if vowelled(name) else None
            if sk:
                out.append((sk, gid, name))
        elif country in countries and population >= least:
            ar = arabic_from_cyrillic(name)
            k = key(ar) if ar else ""
            if len(k.replace(" ", "")) >= _cyrillic()[3] and k not in _arabic_common():
                out.append((k, gid, ar))
    return out


@functools.cache
def _arabic_letters() -> tuple[dict[str, str], dict[str, str], tuple[str, ...]]:
    data = (cached_yaml("name_spellings.yaml") or {}).get("arabic") or {}
    letters = {str(k): str(v) for k, v in (data.get("letters") or {}).items() if str(k)}
    initial = {str(k): str(v) for k, v in (data.get("word_initial") or {}).items() if str(k)}
    final = tuple(str(f) for f in data.get("final_ha") or ("ah",))
    return letters, initial, final


@functools.cache
def arabic_rules() -> dict:
    """The limits of ``arabic`` in ``data/name_spellings.yaml``: ``uncued_min_letters``
    (int), ``uncued_prepositions``, ``not_names`` and ``not_town_cues`` (frozensets of
    keys)."""
    data = (cached_yaml("name_spellings.yaml") or {}).get("arabic") or {}
    return {
        "uncued_min_letters": int(data.get("uncued_min_letters") or 4),
        "uncued_prepositions": frozenset(
            key(str(w)) for w in data.get("uncued_prepositions") or ()
        ),
        "not_names": frozenset(key(str(w)) for w in data.get("not_names") or ()),
        "not_town_cues": frozenset(key(str(w)) for w in data.get("not_town_cues") or ()),
    }


def _arabic_word_latin(word: str, construct: bool) -> list[str] | None:
    """The Latin spellings of one Arabic word of a key (``None``: a letter the table
    lacks); two when a final ه may be read in the construct state."""
    letters, initial, final = _arabic_letters()
    out = []
    for n, ch in enumerate(word):
        if ch == "ه" and n == len(word) - 1 and n > 0:
            break
        got = initial.get(ch) if n == 0 else None
        got = got if got is not None else letters.get(ch)
        if got is None:
            return None
        out.append(got)
    stem = "".join(out)
    if len(out) == len(word):
        return [stem]
    return [stem + f for f in (final if construct else final[:1])]


@functools.lru_cache(maxsize=1 << 14)
def arabic_skeletons(name_key: str) -> tuple[str, ...]:
    """The skeleton keys (:func:`skeleton`) an Arabic key may have in Latin script, written
    letter by letter by the ``arabic`` table of ``data/name_spellings.yaml``; ``()`` for a
    key with a letter the table lacks or too short a skeleton.

    >>> arabic_skeletons("بوكمال") == (skeleton("Al Bukamal"),)
    True
    >>> skeleton("Ma'arrat an-Nu'man") in arabic_skeletons("معره نعمان")
    True
    """
    out: list[str] = []
    for latin in arabic_latin(name_key):
        sk = skeleton(latin)
        if sk and sk not in out:
            out.append(sk)
    return tuple(out)


@functools.lru_cache(maxsize=1 << 14)
def arabic_latin(name_key: str) -> tuple[str, ...]:
    """An Arabic key written letter by letter in Latin script by the ``arabic`` table of
    ``data/name_spellings.yaml`` (one spelling per reading of a final ه); ``()`` for a key
    with a letter the table lacks.

    >>> arabic_latin("خفجي"), arabic_latin("معره نعمان")
    (('khfji',), ("m'rah n'man", "m'rat n'man"))
    """
    words = name_key.split()
    spellings: list[list[str]] = []
    for n, w in enumerate(words):
        got = _arabic_word_latin(w, construct=n < len(words) - 1)
        if got is None:
            return ()
        spellings.append(got)
    return tuple(" ".join(combo) for combo in itertools.product(*spellings)) if words else ()


def arabic_alike(name_key: str, names: Iterable[str]) -> bool:
    """Does an Arabic key, written in Latin letters (:func:`arabic_latin`), look like one of
    the Latin ``names`` of the place its skeleton found, as closely as the ``latin`` rules
    ask of two Latin spellings (``min_similarity``; ``min_similarity_one_word`` for one
    word)? "الخفجي" is Al Khafji; "الشميس" (a quarter of a town) is not El Choms, nor "المنيل"
    ‘Immanu‘el, though their consonants meet.

    >>> arabic_alike("خفجي", ["Al Khafji"]), arabic_alike("منيل", ["Immanuel"])
    (True, False)
    """
    rules = latin_rules()
    least = rules.min_similarity if " " in name_key else rules.min_similarity_one_word
    names = [n for n in names if vowelled(n)]
    return any(alike_any(latin, names, least) for latin in arabic_latin(name_key))


@functools.cache
def _key_endings() -> tuple[int, tuple[tuple[str, str], ...]]:
    data = (cached_yaml("name_spellings.yaml") or {}).get("arabic_keys") or {}
    endings = tuple((str(a), str(b)) for a, b in data.get("word_endings") or () if str(a))
    return int(data.get("min_letters") or 0), endings


@functools.lru_cache(maxsize=1 << 14)
def arabic_key_variants(name_key: str) -> tuple[str, ...]:
    """The other spellings of an Arabic key that its folding does not meet (``arabic_keys``
    in ``data/name_spellings.yaml``: a word's final hamza after alif written or not), one
    per rule that changes a word of it.

    >>> arabic_key_variants("صنعاء"), arabic_key_variants("محافظه بترا")
    (('صنعا',), ('محافظه بتراء',))
    >>> arabic_key_variants("حلب"), arabic_key_variants("aleppo")
    ((), ())
    """
    least, endings = _key_endings()
    words = name_key.split()
    if not words or not any("\u0621" <= w[0] <= "\u064a" for w in words):
        return ()
    out: list[str] = []
    for end, other in endings:
        changed = [
            w[: len(w) - len(end)] + other if len(w) >= least and w.endswith(end) else w
            for w in words
        ]
        if changed != words:
            v = " ".join(changed)
            if v not in out:
                out.append(v)
    return tuple(out)


def key_variant_rows(rows: list[tuple[str, int, str]]) -> list[tuple[str, int, str]]:
    """Extra index rows ``(key, geonameid, name)`` for the other spellings of the Arabic
    keys of ``rows`` (:func:`arabic_key_variants`) that no row has as its key: another
    spelling fills a gap, it never adds a namesake to a name already known ("صيدا" stays
    Sidon, though a village's "صيداء" could be written so).

    >>> key_variant_rows([("بترا", 2, "البترا")])
    [('بتراء', 2, 'البترا')]
    >>> key_variant_rows([("صيدا", 1, "صيدا"), ("صيداء", 2, "صيداء")])
    []
    """
    known = {k for k, _, _ in rows}
    extra: dict[tuple[str, int], str] = {}
    for k, gid, name in rows:
        for v in arabic_key_variants(k):
            if v not in known:
                extra.setdefault((v, gid), name)
    return [(v, gid, name) for (v, gid), name in extra.items()]
