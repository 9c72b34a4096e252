"""The number of people an event killed, as its sentence states it (``data/fatalities.yaml``).

A number counts when a word for killing stands next to it with only filler words between
("killing at least 14 civilians", "12 soldiers were killed", "مقتل خمسة مدنيين"); a
range gives its lower end, as ACLED codes it; wounded people and vague amounts
("dozens") give nothing: ``None`` means the text does not say; zero only when it says
that nobody died ("no casualties were reported").
"""

from __future__ import annotations

import functools
import re

from ..knowledge import cached_yaml
from ..text.languages import language
from ..text.normalize import fold, is_arabic
from .actors import demonym_words

#: How many words may stand between a number and its killing word.
MAX_GAP = 5

_WORD = re.compile(r"\d+(?:,\d{3})*|[^\W\d_]+|[-–]")


@functools.cache
def _table(
    lang: str,
) -> tuple[tuple[tuple[str, ...], ...], frozenset[str], dict[str, int], frozenset[str]]:
    data = cached_yaml("fatalities.yaml") or {}
    killed = tuple(tuple(fold(w).split()) for w in (data.get("killed") or {}).get(lang) or ())
    filler = frozenset(fold(str(w)) for w in (data.get("filler") or {}).get(lang) or ())
    numbers = {
        fold(str(k)): int(v) for k, v in ((data.get("numbers") or {}).get(lang) or {}).items()
    }
    for dual in _duals(data, lang):
        numbers.setdefault(dual, 2)
    ranges = frozenset(fold(str(w)) for w in (data.get("range_words") or {}).get(lang) or ())
    return killed, filler, numbers, ranges


def _duals(data: dict, lang: str) -> list[str]:
    """The nominative duals of the nouns for one person (``dual_stems`` in
    data/fatalities.yaml), folded: "مزارعان", "امرأتان" (folding writes ة as ه)."""
    stems = [fold(str(w)) for w in (data.get("dual_stems") or {}).get(lang) or ()]
    return [f"{w[:-1]}تان" if w.endswith("ه") else f"{w}ان" for w in stems]


@functools.cache
def _list(kind: str, lang: str) -> frozenset[str]:
    """A word list of data/fatalities.yaml (``wounded``, ``indefinite``, ``year_words``,
    ``glued_conjunctions``), folded."""
    data = cached_yaml("fatalities.yaml") or {}
    return frozenset(fold(str(w)) for w in (data.get(kind) or {}).get(lang) or ())


def casualty_word(words: str, lang: str) -> bool:
    """Are ``words`` (a trigger) a word for killing or wounding ("killed", "injured",
    "قتل", "casualties") in data/fatalities.yaml, rather than a word for an act of violence?"""
    folded = fold(words)
    forms = [folded] + [folded[len(c):] for c in _list("glued_conjunctions", lang)
                        if folded.startswith(c)]  # "وقتل"
    killed, wounded = _table(lang)[0], _list("wounded", lang)
    both = _list("casualties", lang)
    return any(tuple(f.split()) in killed or f in wounded or f in both for f in forms)


def count_word(word: str, lang: str) -> bool:
    """Is ``word`` a number ("27", "1,200", "four")?"""
    return word.replace(",", "").isdecimal() or fold(word) in _table(lang)[2]


@functools.cache
def _month_words(lang: str) -> frozenset[str]:
    data = cached_yaml("dates.yaml") or {}
    return frozenset(
        fold(str(n)) for names in (data.get("months") or {}).get(lang) or () for n in names
    )


@functools.cache
def _by_first_word(killed: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    """The killing phrases by their first word, each list in the phrases' order (a blank
    entry of the YAML file, no word at all, is no phrase)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for k in killed:
        if k:
            out.setdefault(k[0], []).append(k)
    return out


def _kill_positions(words: list[str], killed: tuple[tuple[str, ...], ...]) -> list[int]:
    """Where a killing phrase starts among ``words``, once per phrase that starts there."""
    # the phrases by first word: one dict look-up per word instead of a comparison with
    # every phrase
    by_first = _by_first_word(killed)
    return [
        i
        for i, w in enumerate(words)
        if w in by_first
        for k in by_first[w]
        if tuple(words[i : i + len(k)]) == k
    ]


def _words(text: str, lang: str) -> list[str]:
    return _split(fold(text), lang)


@functools.cache
def _people(lang: str) -> frozenset[str]:
    """``people`` of data/fatalities.yaml and the people of a country a toll counts by
    their demonym (data/demonyms.csv: "17 Palestinians were killed", "قتل ثلاثة
    سوريين"; an Arabic nisba in its plurals and in the accusative a count takes, "17
    فلسطينيا")."""
    arabic = language(lang).script == "arabic"
    forms: set[str] = set()
    for w in demonym_words():
        if " " in w or is_arabic(w) != arabic:
            continue
        forms.add(w)
        if arabic and w.endswith("ي"):
            forms.update((w + "ون", w + "ين", w + "ا"))
    return _list("people", lang) | forms


@functools.cache
def _whole_words(lang: str) -> frozenset[str]:
    """Words of the lists that start with the letter of a glued conjunction and are whole
    words ("فيها", in it; "وفاة", death): not split."""
    killed, filler, numbers, _ = _table(lang)
    return frozenset(filler | _people(lang) | set(numbers)
                     | {w for phrase in killed for w in phrase[:1]})


def _split(folded: str, lang: str) -> list[str]:
    """The words of a folded text (see :func:`_words`)."""
    words = [w.replace(",", "") for w in _WORD.findall(folded)]
    glued = _list("glued_conjunctions", lang)
    if not glued or not language(lang).clitics:
        return words
    preps, kill_firsts = _list("glued_prepositions", lang), _by_first_word(_table(lang)[0])
    whole = _whole_words(lang)
    out = []  # the conjunction glued to the next word: "وخمسة" -> "و", "خمسة"
    for w in words:
        head = w[:1]
        if len(w) > 3 and head in glued and not w.isdecimal() and w not in whole:
            out += [head, w[1:]]
        elif len(w) > 3 and head in preps and w[1:] in kill_firsts:
            out += [head, w[1:]]  # "بمقتل" -> "ب", "مقتل"
        else:
            out.append(w)
    return out


def _value(words: list[str], i: int, numbers: dict[str, int]) -> int | None:
    w = words[i]
    if w.isdecimal():
        return int(w)
    if i + 1 < len(words) and f"{w} {words[i + 1]}" in numbers:
        return numbers[f"{w} {words[i + 1]}"]
    return numbers.get(w)


def fatalities(sentence: str, lang: str, folded: str | None = None) -> int | None:
    """People killed according to ``sentence`` (the first number tied to a killing word).
    ``folded``: the sentence folded (:func:`~geomap.text.normalize.fold`), when the caller
    has it.

    >>> fatalities("Warplanes struck a market, killing at least 14 civilians.", "en")
    14
    >>> fatalities("Between 20 and 30 people were killed and 40 wounded.", "en")
    20
    >>> fatalities("قصفت الطائرات البلدة ما أدى إلى مقتل خمسة مدنيين", "ar")
    5
    >>> fatalities("Dozens were wounded in the blast.", "en") is None
    True
    >>> fatalities("On 9 May 2020 3 people were killed.", "en")
    3
    >>> fatalities("Rockets hit the base; no casualties were reported.", "en")
    0
    >>> fatalities("12 pro-government fighters were killed, including 3 officers.", "en")
    12
    >>> fatalities("Gunmen killed a dozen villagers.", "en")
    12
    >>> fatalities("Gunmen assassinated a former rebel commander.", "en")
    1
    >>> fatalities("Rebels killed a man near a busy market.", "en")
    1
    >>> fatalities("أفاد المرصد بمقتل 5 عناصر في القصف", "ar")
    5
    """
    killed, filler, numbers, _ = _table(lang)
    folded = fold(sentence) if folded is None else folded
    if not (killed and _may_count_in(folded, lang)):
        return None  # no killing word, no casualties, no "no casualties": most sentences
    indefinite = _list("indefinite", lang)
    words = _split(folded, lang)
    kill_at = _not_with_wounded(words, _kill_positions(words, killed), lang) \
        + _dead_apart(words, lang)
    if not kill_at:
        # no killing word: no number can be tied to one (most sentences), but the
        # sentence may say that nobody died
        return 0 if _says_none(words, lang) else None
    months = _month_words(lang)
    people, parts = _people(lang), _list("part_words", lang)
    part_of: int | None = None  # "including 3 commanders": a part of a toll, if no toll
    # only a word that can be a number is read (a digit, a number word, the first word
    # of a two-word number): most words of a sentence are none
    firsts = _two_word_firsts(lang)
    for i in [k for k, w in enumerate(words) if w in numbers or w in firsts or w.isdecimal()]:
        value = _value(words, i, numbers)
        if value is None or (
            words[i] in indefinite and i + 1 < len(words) and words[i + 1] not in filler
            and f"{words[i]} {words[i + 1]}" not in numbers  # ("a dozen": twelve)
            and not _one_described(words, i, lang)
            and words[i + 1] not in people  # ("a father and son died")
        ):
            continue  # "a" is one only in "a civilian was killed", not in "a market"
        prev, nxt = (words[i - 1] if i else ""), (words[i + 1] if i + 1 < len(words) else "")
        if nxt in _list("ordinal_endings", lang) and words[i].isdecimal():
            continue  # "the 3rd militant": which one, not how many
        if (
            prev in months
            or nxt in months
            or (prev.isdecimal() and i > 1 and words[i - 2] in months and 1900 <= value <= 2100)
            or (1900 <= value <= 2100 and prev in _list("year_words", lang))
        ):
            continue  # a day or a year: "9 May 2020", "May 9, 2020", "killed in 2016"
        best = _closest(words, i, kill_at, numbers, people, lang)
        if best is None:
            continue
        if prev in parts or (i > 1 and words[i - 2] in parts and prev in filler):
            part_of = value if part_of is None else part_of
            continue
        return value + _conjoined(words, i, numbers, people, lang)
    # no count tied to a killing word: a toll told as risen to a number, else a part of one
    got = _risen_to(words, kill_at, numbers, lang)
    if got is None:
        got = part_of
    return got if got is not None else (0 if _says_none(words, lang) else None)


def _risen_to(words: list[str], kill_at: list[int], numbers: dict[str, int], lang: str
              ) -> int | None:
    """A toll told as risen to a number ("the death toll of the shelling rose to 9", "the
    number of people killed in the raids rose to 14", "raising to 12 the number of people
    killed"; ``rise_to`` in data/fatalities.yaml): the number right after the phrase, when
    a killing word stands in the sentence with no word for the wounded between them, and
    no word says it counts a period (``period_words``: "since April", "in 9 days")."""
    phrases = _phrases("rise_to", lang)
    if not phrases or _first_words("rise_to", lang).isdisjoint(words):
        return None
    if not _list("period_words", lang).isdisjoint(words):
        return None  # a total over a period ("since the start of the campaign"): no event's
    wounded = _list("wounded", lang) | _list("wounded_nouns", lang)
    for i in range(len(words)):
        for ph, n, first in _split_phrases("rise_to", lang):
            j = i + n
            if (first is not None and words[i] != first) or " ".join(words[i:j]) != ph \
                    or j >= len(words):
                continue
            value = _value(words, j, numbers)
            if value is None or words[j] in _list("indefinite", lang):
                continue
            if any(not any(w in wounded for w in words[min(k, j) : max(k, j)])
                   for k in kill_at):
                return value
    return None


def _one_described(words: list[str], i: int, lang: str) -> bool:
    """Is the indefinite article at ``i`` one person described by a few words ("a former
    rebel commander", "an off-duty police officer"), a word for one person within the next
    :data:`PEOPLE_WORDS` words?"""
    person, ands = _list("person", lang), _list("and_words", lang)
    for w in words[i + 2 : i + 2 + PEOPLE_WORDS]:
        if w in person:
            return True
        if w in ands:
            return False  # "a car and its driver": the car is no person
    return False


def _phrase_len(words: list[str], k: int, killed: tuple[tuple[str, ...], ...]) -> int:
    """How many words the longest killing phrase starting at ``k`` has (1 at least)."""
    return max((len(p) for p in _by_first_word(killed).get(words[k], ())
                if tuple(words[k : k + len(p)]) == p), default=1)


def _not_with_wounded(words: list[str], kill_at: list[int], lang: str) -> list[int]:
    """The killing words of ``kill_at`` that do not count the killed and the wounded as one
    number: "46 killed and injured", "kill and wound 13 people" give no toll."""
    ands = _list("and_words", lang)
    # wounded, and the present forms of wounding after a killing verb ("kill and wound")
    wounding = _list("wounded", lang) | _list("wounding_verbs", lang)
    killed = _table(lang)[0]
    out = []
    for k in kill_at:
        n = _phrase_len(words, k, killed)  # (a killing phrase starts at k)
        nxt = words[k + n : k + n + 2]
        if len(nxt) == 2 and nxt[0] in ands and nxt[1] in wounding:
            continue
        out.append(k)
    return out


def _dead_apart(words: list[str], lang: str) -> list[int]:
    """Where a word for the killed and wounded together ("casualties") names the dead, the
    wounded being counted apart right after it: "8 casualties and tens of injuries", "22
    casualties at least and more than 53 injuries" (``wounded_amounts``); not "13
    casualties and injuries", one count of both."""
    both, wounded = _list("casualties", lang), _list("wounded_amounts", lang)
    if not wounded or both.isdisjoint(words):
        return []
    hurt, ands = _list("wounded", lang) | _list("wounded_nouns", lang), _list("and_words", lang)
    numbers = _table(lang)[2]
    out = []
    for k, w in enumerate(words):
        if w not in both:
            continue
        after = words[k + 1 : k + 9]
        j = next((n for n, x in enumerate(after) if x in ands), None)
        if j is None or j > 3:
            continue
        rest = after[j + 1 :]
        counted = next((n for n, x in enumerate(rest) if x.isdecimal() or x in wounded
                        or x in numbers), None)
        if counted is not None and counted <= 2 and any(x in hurt for x in rest[counted + 1:
                                                                                counted + 4]):
            out.append(k)
    return out


@functools.cache
def _may_count(lang: str) -> re.Pattern[str]:
    """Finds, in a folded sentence, the first word of a killing phrase, a word for the
    killed and wounded together (``casualties``, see :func:`_dead_apart`) or the first word
    of a phrase saying that nobody died, as a whole word (a glued conjunction before it
    allowed, "وقتل"): a sentence without one gives no toll, and is not split into words."""
    firsts = set(_by_first_word(_table(lang)[0])) | _first_words("none_killed", lang) \
        | _list("casualties", lang)
    glued = (_list("glued_conjunctions", lang) | _list("glued_prepositions", lang)
             if language(lang).clitics else frozenset())
    alts = "|".join(re.escape(w) for w in sorted(firsts, key=len, reverse=True))
    head = f"(?:{'|'.join(re.escape(c) for c in sorted(glued))})?" if glued else ""
    # a word of _words() is a run of letters (or a number, or a dash: no first word is
    # one): never preceded or followed by another letter
    return re.compile(rf"(?<![^\W\d_]){head}(?:{alts})(?![^\W\d_])" if alts else r"(?!)")


#: One letter as :func:`_may_count` reads letters (a word character, no digit, no "_").
_LETTER = re.compile(r"[^\W\d_]")


def _may_count_in(folded: str, lang: str) -> bool:
    """Does :func:`_may_count` find anything in ``folded``? The words it looks for are
    found by one Aho-Corasick pass (in C; an alternation of a few hundred words is tried at
    every character by ``re``), and each hit's edges are then checked as the expression
    checks them: no letter right after it, and before it no letter, or one of the glued
    heads with no letter before that."""
    got = _count_automaton(lang)
    if got is None:
        return _may_count(lang).search(folded) is not None
    auto, glued = got
    letter, n = _LETTER.match, len(folded)
    for end, size in auto.iter(folded):
        if end + 1 < n and letter(folded[end + 1]):
            continue
        i = end - size + 1
        if i == 0 or not letter(folded[i - 1]):
            return True
        for g in glued:
            j = i - len(g)
            if j >= 0 and folded.startswith(g, j) and (j == 0 or not letter(folded[j - 1])):
                return True
    return False


@functools.cache
def _count_automaton(lang: str):
    """``(automaton of the words, glued heads)`` for :func:`_may_count_in` (the words
    and phrases as :func:`_may_count` writes them, edges checked apart), or ``None`` when
    the lists hold an empty word (then the expression is asked)."""
    firsts = set(_by_first_word(_table(lang)[0])) | _first_words("none_killed", lang) \
        | _list("casualties", lang)
    glued = (_list("glued_conjunctions", lang) | _list("glued_prepositions", lang)
             if language(lang).clitics else frozenset())
    if not firsts or not all(firsts | glued):
        return None
    import ahocorasick

    auto = ahocorasick.Automaton()
    for w in firsts:
        auto.add_word(w, len(w))
    auto.make_automaton()
    return auto, tuple(sorted(glued))



@functools.cache
def _two_word_firsts(lang: str) -> frozenset[str]:
    """The first words of the two-word numbers of ``lang`` (data/fatalities.yaml)."""
    return frozenset(k.split(" ", 1)[0] for k in _table(lang)[2] if " " in k)


def _closest(
    words: list[str],
    i: int,
    kill_at: list[int],
    numbers: dict[str, int],
    people: frozenset[str],
    lang: str,
) -> int | None:
    """The fewest words between the number at ``i`` and a killing word, over gaps of
    filler only (no wounded between them); ``None`` when no killing word is tied to it."""
    _, filler, _, ranges = _table(lang)
    wounded = _list("wounded", lang)
    subjects = _list("verb_subjects", lang)
    best: int | None = None
    killed = _table(lang)[0]
    for k in kill_at:
        # after a killing phrase, the gap starts past its last word ("claimed the lives of
        # 9 people": nothing between)
        lo, hi = (i + 1, k) if k > i else (k + _phrase_len(words, k, killed), i)
        gap = words[lo:hi]
        if k > i:  # "24 IS operatives killed": a name before the people it counts
            # (a demonym is no head noun to skip a name to: "wounds three: reports; One
            # Turkish soldier killed" counts no three)
            gap = _owner_skipped(_named_people(gap, _list("people", lang)), people, filler, lang)
        if len(gap) > MAX_GAP or not all(
            w in filler
            or w in people  # ("two guards were killed": whoever a toll counts)
            or (k < i and w in subjects)  # "قتلت غارة جوية ثمانية": the means, after the verb
            or w in ranges
            # a range "20 to 30" / "between 20 and 30": its lower end is this number
            or (n > 0 and gap[n - 1] in ranges and _value(words, lo + n, numbers) is not None)
            for n, w in enumerate(gap)
        ):
            continue
        if any(w in wounded for w in gap):
            continue
        if best is None or len(gap) < best:
            best = len(gap)
    return best


#: How many words may qualify a count after "and" ("and [at least] 20 militants").
MAX_QUALIFIERS = 3

#: How many words may name the people of a count before "and" ("5 [Houthi fighters] and").
PEOPLE_WORDS = 3


def _conjoined(
    words: list[str], i: int, numbers: dict[str, int], people: frozenset[str], lang: str
) -> int:
    """The people of the counts joined by "and" to the count at ``i`` that names its
    people: "5 citizens and a child were killed" adds 1, "3 men and 2 women" adds 2, "a
    woman and her child" 1, "a local police chief and two of his guards" 2; not a range
    ("20 and 30 people": no people after 20), nor wounded ("12 soldiers and 3 civilians
    were wounded": only the first was killed)."""
    ands, one, wounded = _list("and_words", lang), _list("one_person", lang), _list("wounded", lang)
    total, j = 0, i + 1
    described = None  # "a local police chief and two guards": the word after the person
    if words[i] in _list("indefinite", lang):
        person = _list("person", lang)
        described = next((k + 1 for k in range(i + 1, min(i + 2 + PEOPLE_WORDS, len(words)))
                          if words[k] in person), None)
    while True:
        k = j
        while k < len(words) and k - j < PEOPLE_WORDS and words[k] in people:
            k += 1
        if described is not None:
            j, k, described = described - 1, described, None
        # (a count that is itself a word for one person names its people: "امرأة وابنتها")
        if (k == j and (j != i + 1 or words[i] not in one)) or k + 1 >= len(words) \
                or words[k] not in ands:
            return total
        got = _count_after_and(words, k, numbers, people, lang)
        if got is None:
            return total
        value, j = got
        if any(w in wounded for w in words[j : j + PEOPLE_WORDS + 1]):
            return total
        total += value


def _count_after_and(
    words: list[str], k: int, numbers: dict[str, int], people: frozenset[str], lang: str
) -> tuple[int, int] | None:
    """The count of people after the "and" at ``k`` and where its people's words start, or
    ``None`` when no count of people follows."""
    one = _list("one_person", lang)
    # (a count may be qualified: "and at least 20 militants")
    quals, q = _list("count_qualifiers", lang), k + 1
    while q + 1 < len(words) and q - k <= MAX_QUALIFIERS and words[q] in quals:
        q += 1
    nxt = words[q]
    value = _value(words, q, numbers)
    possessives = _list("possessives", lang)
    if value is not None and q + 1 < len(words) and words[q + 1] in people:
        return value, q + 1  # "and 2 women"
    if value is not None and q + 3 < len(words) and words[q + 1] in _list("owner_words", lang) \
            and words[q + 2] in possessives and words[q + 3] in people:
        return value, q + 3  # "and two of his guards"
    if value == 2 and q == k + 1 and not nxt.isdecimal():
        return value, q  # "وجنديين", and two soldiers: a dual counts its people itself
    if nxt in one and q == k + 1:
        return 1, k + 1  # "وطفل", and a child
    if nxt in possessives and k + 2 < len(words) and words[k + 2] in one:
        return 1, k + 2  # "and her child"
    return None


def _named_people(gap: list[str], people: frozenset[str]) -> list[str]:
    """The words between a number and its killing word without a short name before the
    people it counts: "24 [IS] operatives were killed", "5 [Houthi] fighters died"."""
    for n in (1, 2):
        if len(gap) > n and gap[n] in people:
            return gap[n + 1 :]
    return gap


#: How many words may name whose people a toll counts ("from the regime forces").
MAX_OWNER_WORDS = 8


def _owner_skipped(
    gap: list[str], people: frozenset[str], filler: frozenset[str], lang: str
) -> list[str]:
    """The words between a number and its killing word without a phrase that says whose
    people it counts, after their noun: "11 members [from the regime forces] killed",
    "20 fighters [of the Islamic State] were killed" (``owner_words``); the rest must be
    filler (checked by the caller). Nothing is skipped across a number or a wounded word."""
    owners = _list("owner_words", lang)
    if not owners:
        return gap
    wounded = _list("wounded", lang)
    for p, w in enumerate(gap[:3]):
        if w not in people or p + 1 >= len(gap) or gap[p + 1] not in owners:
            continue
        rest = gap[p + 2 :]
        for cut in range(1, min(len(rest), MAX_OWNER_WORDS) + 1):
            name, tail = rest[:cut], rest[cut:]
            if any(x.isdecimal() or x in wounded for x in name):
                break
            if all(x in filler for x in tail):
                return gap[: p + 1] + tail
        break
    return gap


def _says_none(words: list[str], lang: str) -> bool:
    """Does the sentence say that nobody died ("no casualties were reported")?"""
    phrases = _phrases("none_killed", lang)
    if not phrases or _first_words("none_killed", lang).isdisjoint(words):
        return False  # most sentences: no phrase can start in them
    joined = f" {' '.join(words)} "
    return any(f" {phrase} " in joined for phrase in phrases)


@functools.cache
def _first_words(kind: str, lang: str) -> frozenset[str]:
    return frozenset(p.split()[0] for p in _phrases(kind, lang) if p)


@functools.cache
def _split_phrases(kind: str, lang: str) -> tuple[tuple[str, int, str | None], ...]:
    """Each phrase of :func:`_phrases` with its number of words and its first word (``None``
    for a blank one): a sentence's word that is not the first word starts no such phrase
    (the words hold no space), so the phrase is not joined there."""
    return tuple((p, len(p.split()), p.split()[0] if p else None) for p in _phrases(kind, lang))


@functools.cache
def _phrases(kind: str, lang: str) -> tuple[str, ...]:
    data = cached_yaml("fatalities.yaml") or {}
    phrases = (data.get(kind) or {}).get(lang) or ()
    return tuple(" ".join(_words(str(w), lang)) for w in phrases)  # split as the sentence is
