"""Use cases of the page Beheer: who has which role in a gemeente, and whether the gemeente takes
part in the anonymous benchmark.

Layer: ``scan/services`` (no Streamlit, no SQL). Each use case opens one unit of work, checks
with ``scan.services.toegang`` that the person is beheerder of the gemeente on what it loaded,
and writes; a refusal writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from scan.db.verbinding import Database
from scan.fouten import Botsing, InvoerFout
from scan.leesmodellen import DeelnameInfo, RolInfo
from scan.services.logboek import schrijf_gebruiker
from scan.services.toegang import ROLLEN, Gebruiker, eis, mag_rol_intrekken, normaliseer_email

INGETROKKEN = (
    "Deze rol was intussen al ingetrokken, door een andere beheerder of in een ander venster; "
    "er is niets veranderd. De lijst hieronder is bijgewerkt."
)
EIGEN_BEHEERDER = (
    "U kunt uw eigen rol beheerder niet intrekken: dan kan niemand van deze gemeente het terugzetten. "
    "Laat een andere beheerder dat doen."
)


def _door(gebruiker: Gebruiker) -> str:
    return gebruiker.email or gebruiker.naam


def te_beheren(gebruiker: Gebruiker, namen: Mapping[str, str]) -> list[str]:
    """The gemeenten (of ``namen``: code -> name) the person manages, by name; all of them for an
    installation-wide beheerder."""
    beheert = gebruiker.gemeenten("beheren")
    return sorted(namen if beheert is None else beheert, key=lambda c: namen.get(c, c))


# --- benchmark opt-in -----------------------------------------------------------------------------


def benchmark_deelname(db: Database, gebruiker: Gebruiker, gm_code: str) -> DeelnameInfo:
    """Whether ``gm_code`` takes part in the benchmark; for anyone who may see its rounds."""
    with db.inzage() as werk:
        eis(gebruiker, "zien", gm_code, werk.rondes.gemeente_naam(gm_code))
        return werk.benchmark.deelname(gm_code)


def zet_benchmark_deelname(db: Database, gebruiker: Gebruiker, gm_code: str, deelnemen: bool) -> None:
    """Opt gemeente ``gm_code`` in to (or out of) the anonymous benchmark; beheerders only."""
    with db.werk() as werk:
        eis(gebruiker, "beheren", gm_code, werk.rondes.gemeente_naam(gm_code))
        was = werk.benchmark.deelname(gm_code).neemt_deel
        if deelnemen:
            werk.benchmark.meld_aan([gm_code], _door(gebruiker))
        else:
            werk.benchmark.meld_af(gm_code)
        if was != deelnemen:
            schrijf_gebruiker(
                werk,
                "benchmark.aan" if deelnemen else "benchmark.uit",
                gebruiker,
                gm_code=gm_code,
                voor={"deelname": was},
                na={"deelname": deelnemen},
            )


# --- roles --------------------------------------------------------------------------------------


def rollen_van(db: Database, gebruiker: Gebruiker, gm_code: str) -> list[RolInfo]:
    with db.inzage() as werk:
        eis(gebruiker, "beheren", gm_code, werk.rondes.gemeente_naam(gm_code))
        return werk.rollen.van_gemeente(gm_code)


def ken_rol_toe(db: Database, gebruiker: Gebruiker, gm_code: str, email: str, rol: str) -> None:
    """Give the person with address ``email`` role ``rol`` in gemeente ``gm_code``; beheerders only."""
    if rol not in ROLLEN:
        raise InvoerFout(f"Rol '{rol}' bestaat niet; kies facilitator, adviseur of beheerder.")
    adres = normaliseer_email(email)
    try:
        with db.werk() as werk:
            naam = werk.rondes.gemeente_naam(gm_code)
            if naam is None:
                raise InvoerFout(f"Gemeente '{gm_code}' staat niet in de CBS-lijst van gemeenten.")
            eis(gebruiker, "beheren", gm_code, naam)
            werk.rollen.ken_toe(adres, gm_code, rol, _door(gebruiker))
            # A role is an account's, not a participant's: its address is what was decided.
            schrijf_gebruiker(
                werk, "rol.toegekend", gebruiker, gm_code=gm_code, onderwerp=adres, na={"email": adres, "rol": rol}
            )
    except Botsing:
        raise InvoerFout(f"{adres} heeft de rol {rol} al voor deze gemeente.") from None


def trek_rol_in(db: Database, gebruiker: Gebruiker, rol_id: int, *, toegekend_op: dt.datetime) -> None:
    """Revoke the role grant the beheerder saw; beheerders only (checked on the rows now).

    A role row is only inserted or deleted, never updated, so the grant the page showed is its
    id with its grant moment (SQLite reuses the id of a deleted last row): a role revoked and
    granted again meanwhile is not revoked unseen, and one already revoked by someone else is
    said, not hidden (``InvoerFout``, nothing changes).
    """
    with db.werk() as werk:
        rol = werk.rollen.toekenning(rol_id)
        if rol is None or rol.toegekend_op != toegekend_op:
            raise InvoerFout(INGETROKKEN)
        eis(gebruiker, "beheren", rol.gm_code, werk.rondes.gemeente_naam(rol.gm_code))
        if not mag_rol_intrekken(gebruiker, rol.rol, rol.email):
            raise InvoerFout(EIGEN_BEHEERDER)
        werk.rollen.trek_in(rol_id)
        # The role's row is gone; this line keeps it as history ("Eerdere rollen" on Beheer).
        schrijf_gebruiker(
            werk,
            "rol.ingetrokken",
            gebruiker,
            gm_code=rol.gm_code,
            onderwerp=rol.email,
            voor={
                "email": rol.email,
                "rol": rol.rol,
                "toegekend_door": rol.toegekend_door,
                "toegekend_op": rol.toegekend_op.isoformat(),
            },
        )
