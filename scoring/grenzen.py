"""Sane ranges for every number and date a scan carries, and JSON text that cannot hurt the parser.

Layer: pure domain (``scoring/``): stdlib and pydantic only.

Why: a file once passed the preview with a time in year 1 (or 9999-12-31 at -14:00) and then
broke the import with an OverflowError when the time was converted to UTC; NaN, Infinity and
1e308 in goal numbers were imported and printed as "nan % → inf %"; an integer of more than
4,300 digits and JSON nested 100,000 deep crashed the reader. The ranges here are part of the
exchange model (``scoring.uitwissel``), so the preview, the import, the Excel reader and the
goals page all refuse the same values with the same Dutch words, and whatever passes them can
be converted, stored, exported and printed. The ranges are documented in docs/uitwisselformaat.md.

- ``Meetwaarde`` (a goal's nulmeting and streefwaarde): a finite number, ``|x| <= 10^12``;
  true/false and text are not numbers. Decimals are not limited: the reports round to two.
- ``Datum`` and ``Tijdstip``: years 2000 to 2100. The year is checked on the time as written,
  *before* converting it to UTC, so no offset (-14:00 … +14:00) can push it out of Python's range.
  A time without a zone is Dutch local time (Europe/Amsterdam, where scans happen); every
  ``Tijdstip`` comes out as aware UTC.
- JSON (``lees_json``): nesting deeper than ``MAX_DIEPTE`` is refused with line and column
  before ``json.loads`` sees the text; the literals NaN, Infinity and -Infinity and integers of
  more than ``MAX_CIJFERS`` digits become ``Ongeldig`` markers that the reader reports by field.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Annotated, Any

from pydantic import AfterValidator, StrictFloat, WithJsonSchema

from scoring.tijd import TIJDZONE

MAX_MEETWAARDE = 1e12
"""Largest size of a goal's number: a big city's budget in euros fits, 1e308 does not."""
JAAR_MIN, JAAR_MAX = 2000, 2100
"""Dates and times in a scan: the self-scan did not exist before 2000; 2100 leaves room for deadlines."""
MAX_DIEPTE = 20
"""Nesting of JSON (and YAML, in ``scoring.loader``): the exchange format needs 3, a questionnaire 5."""
MAX_CIJFERS = 30
"""Digits of an integer in JSON: no field needs more (a Meetwaarde of 10^12 has 13)."""

AMSTERDAM = TIJDZONE


def toon_waarde(waarde: float) -> str:
    """A number for a message: short, never an exponent the reader has to decode."""
    if not math.isfinite(waarde):
        return {math.inf: "oneindig", -math.inf: "min oneindig"}.get(waarde, "NaN")
    tekst = f"{waarde:.6f}".rstrip("0").rstrip(".") if abs(waarde) < 1e15 else f"{waarde:.3g}"
    return tekst.replace(".", ",")


def controleer_meetwaarde(waarde: float) -> float:
    """``waarde`` when it is a finite number within ±10^12, else ValueError in Dutch."""
    if not math.isfinite(waarde):
        raise ValueError(f"{toon_waarde(waarde)} is geen getal; gebruik een gewoon getal (geen NaN of oneindig)")
    if abs(waarde) > MAX_MEETWAARDE:
        raise ValueError(f"{toon_waarde(waarde)} is te groot; een getal ligt tussen -10^12 en 10^12")
    return waarde + 0.0  # -0.0 and 0.0 are the same measurement


def _jaar(jaar: int, wat: str) -> None:
    if not JAAR_MIN <= jaar <= JAAR_MAX:
        raise ValueError(f"jaar {jaar} ligt buiten {JAAR_MIN} tot en met {JAAR_MAX}; controleer {wat}")


def controleer_datum(datum: dt.date) -> dt.date:
    _jaar(datum.year, "de datum")
    return datum


def controleer_tijdstip(moment: dt.datetime) -> dt.datetime:
    """An aware UTC time; the year is checked as written, so converting can never overflow."""
    _jaar(moment.year, "het tijdstip")
    if moment.tzinfo is None or moment.utcoffset() is None:
        moment = moment.replace(tzinfo=AMSTERDAM)
    return moment.astimezone(dt.UTC)


Meetwaarde = Annotated[
    StrictFloat,
    AfterValidator(controleer_meetwaarde),
    WithJsonSchema({"type": "number", "minimum": -MAX_MEETWAARDE, "maximum": MAX_MEETWAARDE}),
]
Datum = Annotated[
    dt.date,
    AfterValidator(controleer_datum),
    WithJsonSchema({"type": "string", "format": "date", "description": f"JJJJ-MM-DD, jaar {JAAR_MIN} t/m {JAAR_MAX}"}),
]
Tijdstip = Annotated[
    dt.datetime,
    AfterValidator(controleer_tijdstip),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date-time",
            "description": f"jaar {JAAR_MIN} t/m {JAAR_MAX}; zonder tijdzone: Nederlandse tijd (Europe/Amsterdam)",
        }
    ),
]


# --- JSON ------------------------------------------------------------------------------------


class Ongeldig:
    """What a JSON literal became that no field may hold (NaN, Infinity, a 5,000-digit integer).

    ``json.loads`` gives no position to its hooks, so the marker stays in the data and the
    reader names the field it sits in.
    """

    __slots__ = ("wat",)

    def __init__(self, wat: str) -> None:
        self.wat = wat

    def __repr__(self) -> str:
        return self.wat


class JsonFout(ValueError):
    """Text that is not JSON the reader accepts; ``regel`` and ``kolom`` are 1-based."""

    def __init__(self, regel: int, kolom: int, melding: str) -> None:
        self.regel, self.kolom, self.melding = regel, kolom, melding
        super().__init__(f"{regel}:{kolom}: {melding}")


# Inside JSON strings a backslash always starts a two-character escape; without the escaped
# backslashes and quotes, a string is simply "…" (or an unterminated rest), so the text splits on
# '"' into outside (even) and inside (odd) parts. All of it on UTF-8 bytes, where no multi-byte
# character holds an ASCII byte.
_TEKST = re.compile(rb'"[^"]*"?')
_HAAK = bytes.maketrans(b"[{]}", b"(())")  # brackets as ( and ), with everything else deleted
_GEEN_HAAK = bytes(b for b in range(256) if b not in b"[{]}")
_NEUTRAAL = bytes.maketrans(b"[{]}", b"    ")
_OPEN, _DICHT = frozenset(b"[{"), frozenset(b"]}")
_BLOK = 1 << 16


def _bovengrens(haken: bytes, grens: int) -> int:
    """An upper bound of the deepest level in a run of ( and ), exact when the run is balanced.

    Each ``replace(b"()", b"")`` (C speed) removes the innermost level of every nest; what is
    left after the last pass are unmatched brackets ")))(((". A pair left after ``grens`` passes
    is a nest deeper than ``grens``.
    """
    rest, lagen = haken, 0
    while b"()" in rest:
        if lagen > grens:
            return lagen + 1
        rest, lagen = rest.replace(b"()", b""), lagen + 1
    return lagen + rest.count(b"(")


def te_diep(tekst: str, grens: int = MAX_DIEPTE) -> tuple[int, int] | None:
    """Line and column of the first bracket deeper than ``grens`` outside strings, or None.

    Linear, without recursion and without parsing: fast for 100,000 levels and for 20 MB.
    """
    data = tekst.encode("utf-8", "surrogatepass").replace(b"\\\\", b"  ").replace(b'\\"', b"  ")
    if _bovengrens(_TEKST.sub(b"", data).translate(_HAAK, _GEEN_HAAK), grens) <= grens:
        return None
    # Only for a file that may be too deep: neutralise brackets inside strings keeping every
    # position, then walk the bytes in blocks, one by one only in a block that may pass the bound.
    delen = data.split(b'"')
    leeg = data
    if b"".join(delen[1::2]).translate(None, _GEEN_HAAK):  # only when a string holds a bracket
        delen[1::2] = [deel.translate(_NEUTRAAL) for deel in delen[1::2]]
        leeg = b'"'.join(delen)
    diepte = 0
    for begin in range(0, len(leeg), _BLOK):
        blok = leeg[begin : begin + _BLOK]
        haken = blok.translate(_HAAK, _GEEN_HAAK)
        if diepte + _bovengrens(haken, grens) <= grens:
            diepte += haken.count(b"(") - haken.count(b")")
            continue
        for i, byte in enumerate(blok):
            diepte += 1 if byte in _OPEN else -1 if byte in _DICHT else 0
            if diepte > grens:
                plek = begin + i
                regelbegin = data.rfind(b"\n", 0, plek) + 1
                kolom = len(data[regelbegin:plek].decode("utf-8", "replace")) + 1
                return data.count(b"\n", 0, plek) + 1, kolom
    return None  # the first bound was loose (unmatched brackets): not too deep after all


def lees_json(tekst: str, grens: int = MAX_DIEPTE) -> tuple[Any, bool]:
    """JSON text as Python data and whether it holds ``Ongeldig`` markers; raises ``JsonFout``.

    NaN, Infinity, -Infinity and integers of more than ``MAX_CIJFERS`` digits (Python refuses to
    read more than 4,300) become markers; floats that overflow become inf and are refused by the
    field's range.
    """
    plek = te_diep(tekst, grens)
    if plek is not None:
        raise JsonFout(*plek, f"te diep genest (meer dan {grens} niveaus van [ en {{); dit is geen scanbestand")
    gevonden = False

    def constante(woord: str) -> Ongeldig:
        nonlocal gevonden
        gevonden = True
        return Ongeldig(woord)

    def geheel(cijfers: str) -> int | Ongeldig:
        nonlocal gevonden
        if len(cijfers.lstrip("-")) <= MAX_CIJFERS:
            return int(cijfers)
        gevonden = True
        return Ongeldig(f"een getal van {len(cijfers.lstrip('-'))} cijfers")

    try:
        return json.loads(tekst, parse_constant=constante, parse_int=geheel), gevonden
    except json.JSONDecodeError as exc:
        raise JsonFout(exc.lineno, exc.colno, f"geen geldige JSON ({exc.msg}); is het bestand afgekapt?") from None
    except RecursionError:  # not reached after te_diep; kept as the last line of defence
        raise JsonFout(1, 1, "te diep genest") from None


def ongeldige_waarden(data: Any, pad: tuple[int | str, ...] = ()) -> list[tuple[tuple[int | str, ...], Ongeldig]]:
    """Where ``lees_json`` left markers, as (path, marker); iterative, as deep data is refused first."""
    uit: list[tuple[tuple[int | str, ...], Ongeldig]] = []
    stapel: list[tuple[tuple[int | str, ...], Any]] = [(pad, data)]
    while stapel:
        plek, waarde = stapel.pop()
        if isinstance(waarde, Ongeldig):
            uit.append((plek, waarde))
        elif isinstance(waarde, dict):
            stapel.extend(((*plek, k), v) for k, v in waarde.items())
        elif isinstance(waarde, list):
            stapel.extend(((*plek, i), v) for i, v in enumerate(waarde))
    return sorted(uit, key=lambda p: [str(s).zfill(12) if isinstance(s, int) else s for s in p[0]])
