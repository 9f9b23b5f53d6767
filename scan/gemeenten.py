"""Reference list of Dutch municipalities (CBS) and finding one by the name people type.

Layer: application (``scan/``). The list is ``scan/data/gemeenten.csv`` (CBS, CC BY 4.0; see
``scan/data/BRON.md``). It is replaced by a newer CBS list on 1 January without code changes,
so nothing here knows particular municipalities except the handful of everyday names that
differ from the official ones ("Den Haag" for 's-Gravenhage).
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CSV_PAD = Path(__file__).resolve().parent / "data" / "gemeenten.csv"

# Everyday names for official names that search by letters alone would not find.
_ROEPNAMEN = {
    "den haag": "GM0518",
    "the hague": "GM0518",
    "den bosch": "GM0796",
    "hertogenbosch": "GM0796",
}


@dataclass(frozen=True)
class GemeenteInfo:
    gm_code: str
    naam: str
    provincie: str
    inwoners: int
    peiljaar: int
    grootteklasse: str


class GemeenteOnbekend(LookupError):
    """No single municipality matches; ``suggesties`` lists the nearest names."""

    def __init__(self, invoer: str, suggesties: list[str], dubbelzinnig: bool = False) -> None:
        self.invoer = invoer
        self.suggesties = suggesties
        self.dubbelzinnig = dubbelzinnig
        if dubbelzinnig:
            tekst = f"'{invoer}' past bij meer dan één gemeente: {', '.join(suggesties)}. Kies de volledige naam."
        elif suggesties:
            tekst = f"Gemeente '{invoer}' staat niet in de CBS-lijst. Bedoelt u: {', '.join(suggesties)}?"
        else:
            tekst = f"Gemeente '{invoer}' staat niet in de CBS-lijst."
        super().__init__(tekst)


def _sleutel(naam: str) -> str:
    """Folded form for matching: no accents, case, apostrophes or punctuation."""
    tekst = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode()
    tekst = tekst.casefold().replace("'s-", "").replace("'t ", "t ")
    tekst = re.sub(r"[^a-z0-9]+", " ", tekst)
    return " ".join(tekst.split())


def vergelijkbare_naam(a: str, b: str) -> bool:
    """Whether two spellings name the same municipality ("Sudwest Fryslan" and "Súdwest-Fryslân")."""
    return _sleutel(a) == _sleutel(b)


def keuzelabel(naam: str, provincie: str, gm_code: str) -> str:
    """The text of a municipality in a type-to-search list, findable the way people type it.

    Streamlit's list filter matches letters as typed, so the label also carries the everyday
    name ("Den Bosch") and the name without accents ("Sudwest-Fryslan") where they differ.
    """
    extra = [roep.title() for roep, code in _ROEPNAMEN.items() if code == gm_code and roep != "the hague"]
    zonder_accent = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode()
    if zonder_accent != naam:
        extra.append(zonder_accent)
    label = f"{naam} ({provincie})"
    return f"{label} · {', '.join(extra)}" if extra else label


def _zonder_provincie(naam: str) -> str:
    return re.sub(r"\s*\([^)]*\)\s*$", "", naam)


def grootteklasse_van(gm_code: str) -> str | None:
    """The size class of a gemeente by CBS code (``<25.000`` ... ``>100.000``), or None if unknown."""
    return _per_code().get(gm_code)


@lru_cache(maxsize=1)
def _per_code() -> dict[str, str]:
    # Asked on every rerun of Doelen (goal suggestions): a lookup, not a walk through the list.
    return {g.gm_code: g.grootteklasse for g in alle_gemeenten()}


@lru_cache(maxsize=4)
def alle_gemeenten(pad: Path = CSV_PAD) -> tuple[GemeenteInfo, ...]:
    with pad.open(encoding="utf-8", newline="") as f:
        return tuple(
            GemeenteInfo(
                gm_code=r["gm_code"],
                naam=r["naam"],
                provincie=r["provincie"],
                inwoners=int(r["inwoners"]),
                peiljaar=int(r["peiljaar"]),
                grootteklasse=r["grootteklasse"],
            )
            for r in csv.DictReader(f)
        )


def zoek_gemeente(invoer: str, pad: Path = CSV_PAD) -> GemeenteInfo:
    """The municipality meant by ``invoer``: CBS code, official or everyday name.

    Raises ``GemeenteOnbekend`` with suggestions when none or more than one matches.
    """
    gemeenten = alle_gemeenten(pad)
    schoon = invoer.strip()
    if re.fullmatch(r"(?i)gm\d{4}", schoon):
        for g in gemeenten:
            if g.gm_code == schoon.upper():
                return g
        raise GemeenteOnbekend(invoer, [])
    sleutel = _sleutel(schoon)
    exact = [g for g in gemeenten if _sleutel(g.naam) == sleutel]
    if len(exact) == 1:
        return exact[0]
    if sleutel in _ROEPNAMEN:
        return next(g for g in gemeenten if g.gm_code == _ROEPNAMEN[sleutel])
    zonder = [g for g in gemeenten if _sleutel(_zonder_provincie(g.naam)) == sleutel]
    if len(zonder) == 1:
        return zonder[0]
    if len(zonder) > 1:
        raise GemeenteOnbekend(invoer, sorted(g.naam for g in zonder), dubbelzinnig=True)
    namen = {_sleutel(g.naam): g.naam for g in gemeenten}
    dichtbij = difflib.get_close_matches(sleutel, list(namen), n=3, cutoff=0.75)
    raise GemeenteOnbekend(invoer, [namen[d] for d in dichtbij])
