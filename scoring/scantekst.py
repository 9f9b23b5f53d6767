"""The text rule (``scoring.tekst``) applied to the free text of goals and of a whole exchange file.

Layer: pure domain (``scoring/``). Two entry points share it: the goals service cleans a goal
before it stores it (``schoon_doel``), and the import checks and cleans every text of a file
(``schoon_scan``) with the same rule and limits as the screens, naming the record and field
("deelnemer 3 ('d03'), naam") so a refused file says where to look. A refused file writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from scoring.tekst import TekstFout, controleer
from scoring.uitwissel import Doel, Scan

MAX_MELDINGEN = 25
"""Refusals listed one by one; a file with thousands of bad notes gets a count for the rest."""

DOELVELDEN: dict[str, tuple[str, str]] = {
    # goal field: (kind in scoring.tekst.VELDEN, Dutch name with article)
    "titel": ("titel", "de titel"),
    "actie": ("actie", "de actie"),
    "indicator": ("indicator", "de indicator"),
    "eenheid": ("eenheid", "de eenheid"),
    "bron": ("bron", "de bron"),
    "eigenaar": ("eigenaar", "de eigenaar"),
    "draagvlak": ("draagvlak", "het draagvlak"),
    "notities": ("notities", "de notities"),
}


def _hoofdletter(tekst: str) -> str:
    return tekst[:1].upper() + tekst[1:]


def schoon_doel(doel: Doel, label: Callable[[str], str] | None = None) -> Doel:
    """``doel`` with every text field cleaned; ``TekstFout`` names the first field refused.

    ``label(naam)`` turns a field's Dutch name ("de actie") into how the message names it; by
    default "De actie van het doel".
    """
    noem = label or (lambda naam: _hoofdletter(f"{naam} van het doel"))
    wijziging: dict[str, Any] = {}
    for veld, (soort, naam) in DOELVELDEN.items():
        waarde = getattr(doel, veld)
        schoon = controleer(waarde, soort, noem(naam), verplicht=veld == "titel")
        if veld == "actie":
            schoon = schoon or ""  # an action is text, possibly empty (the SMART check asks for it)
        if schoon != waarde:
            wijziging[veld] = schoon
    return doel.model_copy(update=wijziging) if wijziging else doel


def _veld(
    record: BaseModel, veld: str, soort: str, label: str, problemen: list[str], *, verplicht: bool = False
) -> tuple[str, Any] | None:
    waarde = getattr(record, veld)
    try:
        schoon = controleer(waarde, soort, label, verplicht=verplicht)
    except TekstFout as fout:
        problemen.append(str(fout))
        return None
    return None if schoon == waarde else (veld, schoon)


def _schoon(record: Any, velden: list[tuple[str, str, str, bool]], problemen: list[str]) -> Any:
    """``record`` with the fields ``(veld, soort, label, verplicht)`` cleaned (refusals into ``problemen``)."""
    wijziging = dict(
        paar
        for veld, soort, label, verplicht in velden
        if (paar := _veld(record, veld, soort, label, problemen, verplicht=verplicht))
    )
    return record.model_copy(update=wijziging) if wijziging else record


def schoon_scan(scan: Scan) -> tuple[Scan, list[str]]:
    """Every free text of ``scan`` cleaned by the rule, and the refusals (Dutch, naming record and
    field). The scan is only to be stored when the list is empty."""
    p: list[str] = []
    gemeente = _schoon(scan.gemeente, [("naam", "naam", "gemeente, naam", True)], p)
    ronde = _schoon(scan.scanronde, [("omschrijving", "omschrijving", "scanronde, omschrijving", False)], p)
    deelnemers = [
        _schoon(
            d,
            [
                ("naam", "naam", f"deelnemer {i} ('{d.id}'), naam", True),
                ("functie", "functie", f"deelnemer {i} ('{d.id}'), functie", False),
            ],
            p,
        )
        for i, d in enumerate(scan.deelnemers, start=1)
    ]
    antwoorden = [
        _schoon(
            a,
            [
                (
                    "toelichting",
                    "toelichting",
                    f"antwoord {i} (deelnemer '{a.deelnemer}', stelling {a.stelling}), toelichting",
                    False,
                )
            ],
            p,
        )
        for i, a in enumerate(scan.antwoorden, start=1)
    ]
    ambities = [
        _schoon(a, [("toelichting", "onderbouwing", f"ambitie {i} (bouwsteen {a.bouwsteen}), toelichting", False)], p)
        for i, a in enumerate(scan.ambities, start=1)
    ]
    consensus = [
        _schoon(
            c,
            [
                ("toelichting", "onderbouwing", f"consensus {i} (stelling {c.stelling}), toelichting", False),
                ("vastgesteld_door", "naam", f"consensus {i} (stelling {c.stelling}), vastgesteld door", False),
            ],
            p,
        )
        for i, c in enumerate(scan.consensus, start=1)
    ]
    notities = [
        _schoon(n, [("tekst", "notitie", f"notitie {i}, tekst", True)], p) for i, n in enumerate(scan.notities, start=1)
    ]
    naleving = [
        _schoon(n, [("notitie", "onderbouwing", f"nalevingsitem {i} ({n.item}), notitie", False)], p)
        for i, n in enumerate(scan.naleving, start=1)
    ]
    doelen: list[Doel] = []
    for i, d in enumerate(scan.doelen, start=1):
        waar = f"doel {i} ('{d.id}')"

        def label(naam: str, waar: str = waar) -> str:
            return f"{waar}, {naam.split(' ', 1)[1]}"  # "de actie" -> "doel 2 ('x'), actie"

        try:
            doelen.append(schoon_doel(d, label))
        except TekstFout as fout:
            p.append(str(fout))
            doelen.append(d)
    schoon = scan.model_copy(
        update={
            "gemeente": gemeente,
            "scanronde": ronde,
            "deelnemers": deelnemers,
            "antwoorden": antwoorden,
            "ambities": ambities,
            "consensus": consensus,
            "notities": notities,
            "doelen": doelen,
            "naleving": naleving,
        }
    )
    if len(p) > MAX_MELDINGEN:
        p = [
            *p[:MAX_MELDINGEN],
            f"en nog {len(p) - MAX_MELDINGEN} tekstvelden met stuurtekens, zonder verplichte tekst of met te veel tekens",
        ]
    return schoon, p
