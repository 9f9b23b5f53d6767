"""Who may see and do what, per gemeente: the one place that decides access.

Layer: application (``scan/``), no streamlit. Every scanronde belongs to one gemeente. A
signed-in person has roles per gemeente (table ``rollen``):

- **facilitator**: starts and runs rounds of that gemeente, and sees them;
- **adviseur**: sees and compares the rounds of the gemeenten that granted it;
- **beheerder**: all of the above, and decides who has which role and whether the gemeente
  takes part in the anonymous benchmark.

Installation-wide beheerders are named in configuration (``SCAN_BEHEERDERS``). Deelnemers have
no account: a join code adds them to that one round, and their personal link is their identity
there (``services``). Without sign-in configured the app runs in single-machine mode, where the
browser that opened the beheer link (``scan.beheerlink``) is beheerder of everything
(``Gebruiker.lokaal``); no address, not even loopback, grants anything.

Services call ``eis`` before they read or write anything of a gemeente; a refusal is a
``GeenToegang`` with a Dutch message that names the gemeente and what is missing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from scan.db.tabellen import RolRij
from scan.fouten import GeenToegang
from scoring import tekst as tekstregel

Rol = Literal["facilitator", "adviseur", "beheerder"]
ROLLEN: tuple[Rol, ...] = ("facilitator", "adviseur", "beheerder")
Handeling = Literal["zien", "leiden", "beheren"]

_MAG: dict[Handeling, frozenset[Rol]] = {
    "zien": frozenset(ROLLEN),
    "leiden": frozenset({"facilitator", "beheerder"}),
    "beheren": frozenset({"beheerder"}),
}
_WAT: dict[Handeling, str] = {
    "zien": "de scanrondes bekijken",
    "leiden": "scanrondes starten en leiden",
    "beheren": "rollen en de benchmarkdeelname beheren",
}
_NODIG: dict[Handeling, str] = {
    "zien": "een rol (adviseur, facilitator of beheerder)",
    "leiden": "de rol facilitator of beheerder",
    "beheren": "de rol beheerder",
}
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Gebruiker:
    """A signed-in person (or, in single-machine mode, the beheer link's browser) and their roles."""

    naam: str
    email: str | None
    rollen: Mapping[str, frozenset[Rol]] = field(default_factory=dict)
    overal_beheerder: bool = False
    lokaal: bool = False
    """Single-machine mode: nobody signs in; the browser that opened the beheer link manages everything."""

    def mag(self, handeling: Handeling, gm_code: str) -> bool:
        return self.overal_beheerder or bool(self.rollen.get(gm_code, frozenset()) & _MAG[handeling])

    def gemeenten(self, handeling: Handeling = "zien") -> frozenset[str] | None:
        """The gemeenten this person may ``handeling``; ``None`` means all of them."""
        if self.overal_beheerder:
            return None
        return frozenset(gm for gm, rollen in self.rollen.items() if rollen & _MAG[handeling])


def eis(gebruiker: Gebruiker | None, handeling: Handeling, gm_code: str, gemeente: str | None = None) -> None:
    """Refuse with ``GeenToegang`` unless ``gebruiker`` may ``handeling`` in gemeente ``gm_code``."""
    if gebruiker is not None and gebruiker.mag(handeling, gm_code):
        return
    wie = "U bent niet ingelogd" if gebruiker is None else f"{gebruiker.naam} heeft"
    naam = gemeente or gm_code
    if gebruiker is None:
        raise GeenToegang(
            f"{wie}: om {_WAT[handeling]} van gemeente {naam} te kunnen, logt u in met een account dat "
            f"{_NODIG[handeling]} heeft voor {naam}."
        )
    raise GeenToegang(
        f"{wie} geen toegang om {_WAT[handeling]} van gemeente {naam}: daarvoor is {_NODIG[handeling]} "
        f"voor {naam} nodig. Een beheerder van {naam} kan die rol toekennen."
    )


def normaliseer_email(email: str) -> str:
    """An address as compared: cleaned by the one text rule (no invisible characters), trimmed and
    lower case (providers treat the local part alike)."""
    try:
        schoon = (tekstregel.controleer(email, "email", "Het e-mailadres") or "").lower()
    except tekstregel.TekstFout as fout:
        raise GeenToegang(str(fout)) from None
    if not _EMAIL.match(schoon) or len(schoon) > 254:
        raise GeenToegang(f"'{(email or '').strip()[:80]}' is geen geldig e-mailadres (zoals naam@gemeente.nl).")
    return schoon


def beheerders_uit_omgeving() -> frozenset[str]:
    """Installation-wide beheerders: ``SCAN_BEHEERDERS``, addresses separated by commas."""
    ruw = os.environ.get("SCAN_BEHEERDERS", "")
    return frozenset(a.strip().lower() for a in ruw.split(",") if a.strip())


def gebruiker_voor(s: Session, email: str, naam: str | None, beheerders: Iterable[str] = frozenset()) -> Gebruiker:
    """The signed-in person with address ``email`` and the roles stored for it."""
    adres = email.strip().lower()
    rollen: dict[str, set[Rol]] = {}
    for gm, rol in s.execute(select(RolRij.gm_code, RolRij.rol).where(RolRij.email == adres)):
        rollen.setdefault(gm, set()).add(rol)  # type: ignore[arg-type]  # CHECK constraint
    return Gebruiker(
        naam=(naam or "").strip() or adres,
        email=adres,
        rollen={gm: frozenset(r) for gm, r in rollen.items()},
        overal_beheerder=adres in {b.lower() for b in beheerders},
    )


def lokale_gebruiker() -> Gebruiker:
    return Gebruiker(naam="Deze computer", email=None, overal_beheerder=True, lokaal=True)
