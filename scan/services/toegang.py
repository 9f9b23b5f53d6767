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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from scan.db.verbinding import Database
from scan.fouten import GeenToegang
from scan.leesmodellen import RondeKort
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


def gebruiker_voor(db: Database, email: str, naam: str | None, beheerders: Iterable[str] = frozenset()) -> Gebruiker:
    """A person with address ``email`` and the roles stored for it, taking the address on trust.

    Not for a sign-in: the app reads who signed in through ``scan.services.identiteiten``
    (``gebruiker_na_aanmelding``), which also checks the issuer, the verification and the
    binding of the address to the account. Tests use this to build a person from the database."""
    adres = email.strip().lower()
    with db.inzage() as werk:
        rollen = werk.rollen.van_adres(adres)
    return Gebruiker(
        naam=(naam or "").strip() or adres,
        email=adres,
        rollen={gm: frozenset(r for r in rs if r in ROLLEN) for gm, rs in rollen.items()},
        overal_beheerder=adres in {b.lower() for b in beheerders},
    )


def lokale_gebruiker() -> Gebruiker:
    return Gebruiker(naam="Deze computer", email=None, overal_beheerder=True, lokaal=True)


# --- vergelijk area: who may do what, as rules of their own ---


def mag_rol_intrekken(gebruiker: Gebruiker, rol: str, email: str) -> bool:
    """A beheerder may not revoke their own beheerder role (nobody of the gemeente could give it back);
    an installation-wide beheerder may."""
    return not (rol == "beheerder" and email == gebruiker.email and not gebruiker.overal_beheerder)


def eis_start(gebruiker: Gebruiker | None, gm_code: str, gemeente: str | None) -> None:
    """Who may start a round of ``gm_code`` (or import one): a facilitator or beheerder of it."""
    eis(gebruiker, "leiden", gm_code, gemeente)


def onbekende_ronde(ronde_id: int) -> GeenToegang:
    """The one refusal for a round id that does not exist AND for one of a gemeente the person
    may not see: the same words either way, so trying ``?ronde=1..N`` tells nobody which ids
    exist or which gemeente owns them (issue 13, case 10)."""
    return GeenToegang(
        f"Scanronde {ronde_id} bestaat niet, of u heeft geen rol bij de gemeente van die scanronde. "
        "Kies een scanronde uit de lijst; een beheerder van de gemeente kan u een rol geven."
    )


def eis_zichtbaar(
    gebruiker: Gebruiker, ronde_ids: Sequence[int], gevonden: Sequence[RondeKort]
) -> dict[int, RondeKort]:
    """``gevonden`` by id, refused whole by ``onbekende_ronde`` when any of ``ronde_ids`` does not
    exist or is of a gemeente without a role.

    Both refusals take the same path (the same check, the same exception): neither the message
    nor the work done tells an absent round from someone else's.
    """
    per_id = {r.id: r for r in gevonden}
    for ronde_id in ronde_ids:
        rij = per_id.get(ronde_id)
        if rij is None or not gebruiker.mag("zien", rij.gm_code):
            raise onbekende_ronde(ronde_id)
    return per_id
