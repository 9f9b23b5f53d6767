"""The one rule for text a user types or a file carries, and the one table of its limits.

Layer: pure domain (``scoring/``, stdlib only). Every entry point (the screens' services and
the exchange-file import) passes each free-text field through ``controleer`` before anything is
compared or written, so what is stored, shown, exported and printed is the same clean text:

- **Format characters are removed** (Unicode category Cf: right-to-left overrides and isolates,
  zero-width space and joiners, byte-order mark, soft hyphen; and the few other invisible
  "default ignorable" characters such as the Hangul filler). They are invisible, so two names
  that differ only in them look identical (issue 13: two visually equal names in one round).
- **NFC**: "José" typed as e + combining accent is the same text as with "é".
- **Single-line fields** (names, functions, titles, ...): every run of whitespace, including
  NBSP, tabs and line breaks, becomes one space; leading and trailing spaces go.
- **Multi-line fields** (notes, actions): line breaks stay, written as ``\\n``; trailing spaces
  of a line go and at most one blank line is kept between paragraphs (thousands of empty lines
  once broke both PDFs).
- **Control characters are refused**, not removed (Cc other than tab and line breaks, C1
  controls such as U+0085 and DEL): a name with ESC or BEL in it was not typed, it was crafted or
  garbled, and the person should see that. The message names the field.
- **Limits** (``VELDEN``) count the characters after cleaning; the pages' ``max_chars`` read the
  same table, so a page never lets through what its service refuses.

The uniqueness key of a name (``sleutel``) additionally folds case and compatibility forms
(NFKC: full-width letters, ligatures), so look-alike names cannot both join one round.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Veld:
    """A kind of text field: its maximum length (characters after cleaning) and whether it keeps lines."""

    maximum: int
    meerregelig: bool = False


VELDEN: dict[str, Veld] = {
    # People and rounds. 120 is the database column of a name and a function.
    "naam": Veld(120),
    "functie": Veld(120),
    "omschrijving": Veld(400),
    "email": Veld(254),  # RFC 5321's longest address
    # A participant's note on a stelling (text area on Invullen).
    "toelichting": Veld(4000, meerregelig=True),
    # Why the werkgroep agreed a level (consensus) or an ambition: a sentence or two.
    "onderbouwing": Veld(500),
    # A SMART goal. The action may be long: the full report prints it whole (across pages if need
    # be); the handout shortens it with a visible note.
    "titel": Veld(120),
    "actie": Veld(4000, meerregelig=True),
    "indicator": Veld(400),
    "eenheid": Veld(40),
    "bron": Veld(400),
    "eigenaar": Veld(200),
    "draagvlak": Veld(200),
    "notities": Veld(1000),
    # A note on the round or a bouwsteen (exchange file only).
    "notitie": Veld(4000, meerregelig=True),
}
"""The limits of every user text field, used by the services, the pages' ``max_chars`` and the import."""

MAX_SLEUTEL = VELDEN["naam"].maximum
"""A name's uniqueness key is stored in a column as wide as the name itself."""

MAX_LEGE_REGELS = 1
"""Blank lines kept between two paragraphs of a multi-line field."""

_REGELEINDES = re.compile(r"\r\n|[\r\u2028\u2029]")
_TE_VEEL_LEEG = re.compile("\n{" + str(MAX_LEGE_REGELS + 2) + ",}")
_WIT = re.compile(r"\s+")
_TOEGESTAAN_IN_REGELS = frozenset("\t\n\r")
_ONZICHTBAAR = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0")
"""Invisible letters and marks outside category Cf (Unicode's Default_Ignorable_Code_Point, such as
the Hangul fillers and the combining grapheme joiner): removed like format characters. Variation
selectors (U+FE00-FE0F) stay in the text, where they choose an emoji's look, and only leave the key."""
_KEUZETEKENS = re.compile("[\ufe00-\ufe0f]")
_NAMEN = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL"}


class TekstFout(ValueError):
    """Text the rule refuses, with a Dutch message that names the field."""


def _stuur(c: str, meerregelig: bool) -> bool:
    if unicodedata.category(c) != "Cc":
        return False
    # A tab or a line break is whitespace, not a hidden control: in a single-line field it
    # becomes a space, in a multi-line field it stays.
    return c not in _TOEGESTAAN_IN_REGELS


def stuurtekens(tekst: str, *, meerregelig: bool = False) -> list[str]:
    """The control characters ``tekst`` holds that the rule refuses, as readable names (first 3)."""
    gevonden = list(dict.fromkeys(c for c in tekst if _stuur(c, meerregelig)))
    return [f"{_NAMEN.get(ord(c), 'stuurteken')} (U+{ord(c):04X})" for c in gevonden[:3]]


def normaliseer(tekst: str, *, meerregelig: bool = False) -> str:
    """``tekst`` cleaned as stored: format characters out, NFC, whitespace as the field kind wants.

    Never refuses (control characters stay; ``controleer`` refuses them); idempotent.
    """
    zonder = "".join(c for c in tekst if unicodedata.category(c) != "Cf" and c not in _ONZICHTBAAR)
    tekst = unicodedata.normalize("NFC", zonder)
    if not meerregelig:
        return _WIT.sub(" ", tekst).strip()
    regels = [regel.rstrip() for regel in _REGELEINDES.sub("\n", tekst).split("\n")]
    return _TE_VEEL_LEEG.sub("\n" * (MAX_LEGE_REGELS + 1), "\n".join(regels)).strip("\n").rstrip()


def controleer(tekst: str | None, soort: str, label: str, *, verplicht: bool = False) -> str | None:
    """``tekst`` cleaned for field kind ``soort`` (a key of ``VELDEN``), or ``None`` when empty.

    ``label`` names the field in the message, as the reader knows it ("Uw naam",
    "deelnemer 3, naam"). Raises ``TekstFout`` for control characters, an empty required field
    or text longer than the field's maximum.
    """
    veld = VELDEN[soort]
    tekst = tekst or ""
    fout = stuurtekens(tekst, meerregelig=veld.meerregelig)
    if fout:
        raise TekstFout(
            f"{label} bevat onzichtbare stuurtekens ({', '.join(fout)}); haal die weg of typ de tekst opnieuw."
        )
    schoon = normaliseer(tekst, meerregelig=veld.meerregelig)
    if not schoon:
        if verplicht:
            raise TekstFout(f"{label} is leeg. Vul die in.")
        return None
    if len(schoon) > veld.maximum:
        raise TekstFout(f"{label} is {len(schoon)} tekens lang; het maximum is {veld.maximum}. Maak de tekst korter.")
    return schoon


def sleutel(naam: str) -> str:
    """The key that makes a name unique in a round: cleaned, case and compatibility forms folded.

    "Piet", "PIET", "Pi\\u200bet", "Piet " and full-width "Ｐｉｅｔ" share one key. Cut to
    ``MAX_SLEUTEL``: folding can lengthen a name ("ß" -> "ss"), the column cannot.
    """
    schoon = _KEUZETEKENS.sub("", normaliseer(naam))
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", schoon).casefold())[:MAX_SLEUTEL]


def maximum(soort: str) -> int:
    """The longest text field kind ``soort`` takes (for a page's ``max_chars``)."""
    return VELDEN[soort].maximum
