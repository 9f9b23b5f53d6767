"""The audit trail (logboek, issue 18 item 7): what a decision writes, and who may read it.

Layer: ``scan/services`` (no Streamlit, no SQL). Every use case that decides something writes
one line through ``werk.logboek.schrijf`` inside its own unit of work, so the line commits with
the decision and rolls back with a refused one. The codes of what happened (``HANDELINGEN``)
live here, once; their Dutch labels live in the UI text catalogue (``logboek.handeling.<code>``).

What a line holds: who (a signed-in address, a facilitator's name with their participant id so
that erasing them finds it, or "Deze computer" in single-machine mode), when, what, about what
(``onderwerp``: a stelling, bouwsteen, goal key, legal duty, address of a role holder), and the
decided values before and after. Never a participant's name in ``voor``/``na`` (a rename records
only that it happened), never a note or token: for a note only whether there is one.

Who reads: the facilitator of a round its lines (``van_ronde``); a signed-in facilitator or
beheerder of the gemeente a round's lines too; a beheerder all lines of their gemeente
(``van_gemeente``), which also gives the roles revoked earlier (``eerdere_rollen``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from reports.exports import Cel, tabel_csv, tabel_excel
from scan.db.verbinding import Database
from scan.db.werk import Werk
from scan.leesmodellen import DeelnemerInfo, DoelInfo, Gebeurtenis, RondeInfo, Sessie
from scan.services.regels import eis_facilitator
from scan.services.toegang import Gebruiker, eis, eis_zichtbaar, onbekende_ronde

Handeling = Literal[
    "ronde.gestart",
    "ronde.afgerond",
    "ronde.heropend",
    "consensus.vastgesteld",
    "consensus.gewist",
    "ambitie.vastgesteld",
    "ambitie.gewist",
    "doel.geaccepteerd",
    "doel.afgewezen",
    "doel.gewijzigd",
    "doel.ingetrokken",
    "doel.hersteld",
    "doel.verwijderd",
    "naleving.vastgelegd",
    "deelnemer.hernoemd",
    "samen.werkwijze",
    "samen.op_naam",
    "rol.toegekend",
    "rol.ingetrokken",
    "benchmark.aan",
    "benchmark.uit",
    "import",
    # Written by the erasure and retention use cases (helper "wissen"), shown here like the rest.
    "deelnemer.gewist",
    "ronde.verwijderd",
    "bewaartermijn.toegepast",
    # Written by sign-in (scan.services.identiteiten): an address bound to its first verified
    # account, another account refused, a binding released by a beheerder.
    "identiteit.gebonden",
    "identiteit.geweigerd",
    "identiteit.losgemaakt",
]
HANDELINGEN: tuple[Handeling, ...] = get_args(Handeling)
"""Every code a line's ``handeling`` can hold; each has a Dutch label ``logboek.handeling.<code>``."""


# --- writing: who, and the values a line may hold --------------------------------------------


def wie_gebruiker(gebruiker: Gebruiker | None) -> str:
    """Who acted, for a signed-in person: their address; single-machine mode: "Deze computer"."""
    if gebruiker is None:
        return "onbekend"
    return gebruiker.email or gebruiker.naam


def schrijf_facilitator(
    werk: Werk,
    handeling: Handeling,
    ronde: RondeInfo,
    ik: DeelnemerInfo,
    *,
    onderwerp: str | None = None,
    voor: Mapping[str, object] | None = None,
    na: Mapping[str, object] | None = None,
) -> None:
    """One line of a decision a facilitator took in a round: by their name, with their participant
    id beside it so that erasing them replaces the name by their role."""
    werk.logboek.schrijf(
        handeling,
        wie=ik.naam,
        wie_deelnemer_id=ik.id,
        gm_code=ronde.gm_code,
        ronde_id=ronde.id,
        onderwerp=onderwerp,
        voor=voor,
        na=na,
    )


def schrijf_gebruiker(
    werk: Werk,
    handeling: Handeling,
    gebruiker: Gebruiker | None,
    *,
    gm_code: str,
    ronde_id: int | None = None,
    onderwerp: str | None = None,
    voor: Mapping[str, object] | None = None,
    na: Mapping[str, object] | None = None,
) -> None:
    """One line of a decision a signed-in person (or this computer) took for a gemeente."""
    werk.logboek.schrijf(
        handeling,
        wie=wie_gebruiker(gebruiker),
        gm_code=gm_code,
        ronde_id=ronde_id,
        onderwerp=onderwerp,
        voor=voor,
        na=na,
    )


def met_toelichting(niveau: int | None, toelichting: str | None) -> dict[str, object] | None:
    """An agreed level as a line holds it: the level and whether a note came with it (never the note)."""
    if niveau is None:
        return None
    return {"niveau": niveau, "toelichting": bool(toelichting)}


_DOEL_VELDEN = ("bouwsteen", "titel", "indicator", "eenheid", "nulmeting", "streefwaarde", "deadline")
"""Goal fields a line keeps as they are: what was decided. Free text that may name a person (the
owner, who supports it, notes, the action) is recorded only as changed or not."""


def doel_waarden(info: DoelInfo | None) -> dict[str, object] | None:
    """A goal as a line holds it: its decision, PDCA phase and the fields of ``_DOEL_VELDEN``."""
    if info is None:
        return None
    d = info.doel
    uit: dict[str, object] = {"besluit": info.besluit, "fase": d.status}
    for veld in _DOEL_VELDEN:
        waarde = getattr(d, veld)
        if waarde is not None:
            uit[veld] = waarde.isoformat() if isinstance(waarde, dt.date) else waarde
    return uit


def gewijzigde_doelvelden(voor: DoelInfo | None, na: DoelInfo | None) -> list[str]:
    """The names of the goal's fields that differ, its decision aside."""
    if voor is None or na is None:
        return []
    return sorted(v for v in type(na.doel).model_fields if getattr(voor.doel, v) != getattr(na.doel, v))


# --- reading ---------------------------------------------------------------------------------

MAX_OP_SCHERM = 200
"""Lines a page shows at most (newest first); the download takes them all."""


def van_ronde(db: Database, wie: Gebruiker | Sessie, ronde_id: int, *, alles: bool = False) -> list[Gebeurtenis]:
    """The lines of round ``ronde_id``, newest first (``alles``: not only the page's maximum).

    For the facilitator of that round (their session), or a signed-in facilitator or beheerder
    of its gemeente; anyone else, and a round that does not exist, get the one refusal
    ``toegang.onbekende_ronde`` (same words either way).
    """
    limiet = None if alles else MAX_OP_SCHERM
    with db.inzage() as werk:
        if isinstance(wie, Sessie):
            if wie.ronde.id != ronde_id:
                raise onbekende_ronde(ronde_id)
            eis_facilitator(werk, wie)
        else:
            ronde = eis_zichtbaar(wie, [ronde_id], werk.benchmark.rondes(ids={ronde_id}))[ronde_id]
            eis(wie, "leiden", ronde.gm_code, ronde.gemeente)
        return werk.logboek.van_ronde(ronde_id, limiet=limiet)


def van_gemeente(db: Database, gebruiker: Gebruiker, gm_code: str, *, alles: bool = False) -> list[Gebeurtenis]:
    """Every line of gemeente ``gm_code`` (its rounds, roles, benchmark, imports), newest first;
    beheerders of that gemeente only."""
    limiet = None if alles else MAX_OP_SCHERM
    with db.inzage() as werk:
        eis(gebruiker, "beheren", gm_code, werk.rondes.gemeente_naam(gm_code))
        return werk.logboek.van_gemeenten(frozenset({gm_code}), limiet=limiet)


@dataclass(frozen=True)
class EerdereRol:
    """A role that was revoked, as the trail remembers it: whose, which, granted and revoked by whom and when."""

    email: str
    rol: str
    toegekend_door: str | None
    toegekend_op: str | None
    ingetrokken_door: str
    ingetrokken_op: dt.datetime


def eerdere_rollen(db: Database, gebruiker: Gebruiker, gm_code: str) -> list[EerdereRol]:
    """The roles of gemeente ``gm_code`` revoked earlier, newest first (from the trail's
    ``rol.ingetrokken`` lines: the role's row itself is gone); beheerders of that gemeente only."""
    with db.inzage() as werk:
        eis(gebruiker, "beheren", gm_code, werk.rondes.gemeente_naam(gm_code))
        regels = werk.logboek.van_gemeenten(frozenset({gm_code}), limiet=None)
    uit = []
    for r in regels:
        if r.handeling != "rol.ingetrokken" or not r.voor:
            continue
        uit.append(
            EerdereRol(
                email=str(r.voor.get("email") or r.onderwerp or ""),
                rol=str(r.voor.get("rol") or ""),
                toegekend_door=_tekst(r.voor.get("toegekend_door")),
                toegekend_op=_tekst(r.voor.get("toegekend_op")),
                ingetrokken_door=r.wie,
                ingetrokken_op=r.moment,
            )
        )
    return uit


def _tekst(waarde: object) -> str | None:
    return None if waarde is None else str(waarde)


# --- export ----------------------------------------------------------------------------------


def als_csv(koppen: Sequence[str], rijen: Sequence[Sequence[Cel]]) -> bytes:
    """The trail as the page shows it, as CSV for Dutch Excel (the exports' writer: ``;``, BOM,
    text that Excel would take for a formula neutralised)."""
    return tabel_csv(koppen, rijen)


def als_excel(blad: str, koppen: Sequence[str], rijen: Sequence[Sequence[Cel]]) -> bytes:
    """The trail as an .xlsx workbook, every text cell stored as text (never a formula)."""
    return tabel_excel(blad, koppen, rijen)
