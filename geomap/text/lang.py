"""Language detection by script: geomap reads Arabic and English."""

from __future__ import annotations

import re

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")


def detect_language(text: str, default: str = "en") -> str:
    """Return ``"ar"`` when Arabic letters make up over 30% of the letters, else ``"en"``.

    >>> detect_language("قصف جوي على مدينة الباب")
    'ar'
    >>> detect_language("An air strike near Idlib")
    'en'
    """
    sample = text[:20000]
    ar = len(_ARABIC.findall(sample))
    la = len(_LATIN.findall(sample))
    if ar + la == 0:
        return default
    return "ar" if ar / (ar + la) > 0.3 else "en"
