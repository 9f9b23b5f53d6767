"""An in-memory stand-in for the database's unit of work, for fast service tests.

Services open ``db.werk()`` / ``db.inzage()`` and reach the aggregates of ``scan.db.werk.Werk``.
``NepDatabase`` offers the same two doors over plain dictionaries: a unit of work works on a copy
of the data and puts it back only when the block ends without an error, so a refused use case
leaves nothing behind, as a rolled-back transaction does. Only what the unit tests need is
here; the integration tests run the real aggregates on SQLite and PostgreSQL.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal

from scan.fouten import Botsing
from scan.leesmodellen import (
    Besluit,
    DeelnemerInfo,
    DoelInfo,
    GemeenteKeuze,
    MijnAntwoord,
    RondeInfo,
    ScoreGegevens,
    Sessie,
)
from scoring.tekst import sleutel
from scoring.uitwissel import Doel, PdcaFase


@dataclass
class NepStand:
    instellingen: dict[str, str] = field(default_factory=dict)
    rondes: dict[int, RondeInfo] = field(default_factory=dict)
    deelnemers: dict[int, tuple[int, DeelnemerInfo]] = field(default_factory=dict)
    """deelnemer id -> (ronde id, the participant)"""
    gemeenten: dict[str, str] = field(default_factory=lambda: {"GM0344": "Utrecht", "GM0363": "Amsterdam"})

    def nieuwe_ronde(self, ronde: RondeInfo, *deelnemers: DeelnemerInfo) -> Sessie:
        """Put a round with its people in the store; the session of the first person."""
        self.rondes[ronde.id] = ronde
        for d in deelnemers:
            self.deelnemers[d.id] = (ronde.id, d)
        return Sessie(ronde=ronde, deelnemer=deelnemers[0])

    # --- deelnemen (Start, Invullen, Resultaten) ---
    mijn_antwoorden: dict[tuple[int, str], tuple[int, MijnAntwoord]] = field(default_factory=dict)
    """(deelnemer id, stelling) -> (ronde id, the answer and note)"""
    mijn_ambities: dict[tuple[int, str], tuple[int, int, dt.datetime]] = field(default_factory=dict)
    """(deelnemer id, bouwsteen) -> (ronde id, niveau, saved at)"""

    # --- doelen ---
    doelen: dict[int, dict[str, DoelInfo]] = field(default_factory=dict)
    """ronde id -> goal key -> the goal as stored, in the order first stored"""


class NepInstellingen:
    def __init__(self, stand: NepStand) -> None:
        self._d = stand.instellingen

    def lees(self, sleutel: str, *, voor_wijziging: bool = False) -> str | None:
        return self._d.get(sleutel)

    def voeg_toe(self, sleutel: str, waarde: str) -> None:
        if sleutel in self._d:
            raise Botsing()
        self._d[sleutel] = waarde

    def zet(self, sleutel: str, waarde: str) -> None:
        self._d[sleutel] = waarde

    def verwijder(self, sleutel: str) -> None:
        self._d.pop(sleutel, None)


class NepRondes:
    def __init__(self, stand: NepStand) -> None:
        self._stand = stand

    def lees(self, ronde_id: int, *, voor_wijziging: bool = False) -> RondeInfo | None:
        return self._stand.rondes.get(ronde_id)

    def per_code(self, code: str) -> RondeInfo | None:
        return next((r for r in self._stand.rondes.values() if r.code == code), None)

    def status_en_lid(self, ronde_id: int, deelnemer_id: int) -> tuple[str, bool] | None:
        ronde = self._stand.rondes.get(ronde_id)
        if ronde is None:
            return None
        lid = self._stand.deelnemers.get(deelnemer_id)
        return ronde.status, lid is not None and lid[0] == ronde_id

    def gemeente_naam(self, gm_code: str) -> str | None:
        return self._stand.gemeenten.get(gm_code)

    # --- deelnemen (Start, Invullen, Resultaten) ---

    def gemeente_keuzes(self) -> list[GemeenteKeuze]:
        return [
            GemeenteKeuze(gm_code=c, naam=n, provincie="Utrecht", grootteklasse="groot")
            for c, n in sorted(self._stand.gemeenten.items(), key=lambda cn: cn[1])
        ]

    def nieuw(
        self,
        *,
        code: str,
        gm_code: str,
        gemeente: str,
        datum: dt.date,
        omschrijving: str | None,
        vragenlijst_id: str,
        vragenlijst_versie: str,
        fictief: bool,
    ) -> RondeInfo:
        if any(r.code == code for r in self._stand.rondes.values()):
            raise Botsing()
        ronde = RondeInfo(
            id=max(self._stand.rondes, default=0) + 1,
            code=code,
            gm_code=gm_code,
            gemeente=gemeente,
            datum=datum,
            omschrijving=omschrijving,
            vragenlijst_id=vragenlijst_id,
            vragenlijst_versie=vragenlijst_versie,
            status="open",
            fictief=fictief,
        )
        self._stand.rondes[ronde.id] = ronde
        return ronde

    def scoregegevens(self, ronde_id: int) -> ScoreGegevens:
        # Only the participants' own answers and ambitions (the workshop's agreements are not in this fake).
        st = self._stand
        return ScoreGegevens(
            antwoorden=tuple(
                (d, s, a.antwoord)
                for (d, s), (r, a) in st.mijn_antwoorden.items()
                if r == ronde_id and a.antwoord is not None
            ),
            ambities=tuple((d, b, n) for (d, b), (r, n, _) in st.mijn_ambities.items() if r == ronde_id),
            vastgesteld=(),
            consensus=(),
        )


class NepDeelnemers:
    def __init__(self, stand: NepStand) -> None:
        self._stand = stand

    def sessie(self, token: str) -> Sessie | None:
        for ronde_id, d in self._stand.deelnemers.values():
            if d.token == token:
                return Sessie(ronde=self._stand.rondes[ronde_id], deelnemer=d)
        return None

    # --- deelnemen (Start, Invullen, Resultaten) ---

    def aantal(self, ronde_id: int) -> int:
        return sum(1 for r, _ in self._stand.deelnemers.values() if r == ronde_id)

    def voeg_toe(
        self, ronde_id: int, *, naam: str, naam_sleutel: str, rol: str, functie: str | None, token: str
    ) -> DeelnemerInfo:
        # The table's unique keys: (round, name key) and the token.
        for r, d in self._stand.deelnemers.values():
            if d.token == token or (r == ronde_id and sleutel(d.naam) == naam_sleutel):
                raise Botsing()
        deelnemer = DeelnemerInfo(
            id=max(self._stand.deelnemers, default=0) + 1,
            naam=naam,
            rol=rol,  # type: ignore[arg-type]  # the table's CHECK constraint
            functie=functie,
            token=token,
        )
        self._stand.deelnemers[deelnemer.id] = (ronde_id, deelnemer)
        return deelnemer

    # --- doelen ---
    def rol(self, ronde_id: int, deelnemer_id: int) -> str | None:
        lid = self._stand.deelnemers.get(deelnemer_id)
        return lid[1].rol if lid is not None and lid[0] == ronde_id else None


class NepAntwoorden:
    def __init__(self, stand: NepStand) -> None:
        self._stand = stand

    def van(self, deelnemer_id: int) -> dict[str, MijnAntwoord]:
        return {st: a for (d, st), (_, a) in self._stand.mijn_antwoorden.items() if d == deelnemer_id}

    def ambities_van(self, deelnemer_id: int) -> dict[str, tuple[int, dt.datetime]]:
        return {b: (n, moment) for (d, b), (_, n, moment) in self._stand.mijn_ambities.items() if d == deelnemer_id}

    def zet(
        self,
        ronde_id: int,
        deelnemer_id: int,
        stelling: str,
        kolom: Literal["antwoord", "toelichting"],
        waarde: str | None,
        moment: dt.datetime,
    ) -> None:
        oud = self._stand.mijn_antwoorden.get((deelnemer_id, stelling))
        antwoord = (
            oud[1] if oud else MijnAntwoord(stelling=stelling, antwoord=None, toelichting=None, gewijzigd_op=moment)
        )
        self._stand.mijn_antwoorden[(deelnemer_id, stelling)] = (
            ronde_id,
            antwoord.model_copy(update={kolom: waarde, "gewijzigd_op": moment}),
        )

    def zet_ambitie(self, ronde_id: int, deelnemer_id: int, bouwsteen: str, niveau: int, moment: dt.datetime) -> None:
        self._stand.mijn_ambities[(deelnemer_id, bouwsteen)] = (ronde_id, niveau, moment)


# --- doelen ---
class NepDoelen:
    def __init__(self, stand: NepStand) -> None:
        self._stand = stand

    def _van(self, ronde_id: int) -> dict[str, DoelInfo]:
        return self._stand.doelen.setdefault(ronde_id, {})

    def _zet(self, ronde_id: int, info: DoelInfo, wijziging: dict[str, object], door: str) -> DoelInfo:
        nieuw = info.model_copy(
            update=wijziging
            | {"versie": info.versie + 1, "gewijzigd_door": door, "gewijzigd_op": dt.datetime.now(dt.UTC)}
        )
        self._van(ronde_id)[info.sleutel] = nieuw
        return nieuw

    def van_ronde(self, ronde_id: int) -> dict[str, DoelInfo]:
        return dict(self._van(ronde_id))

    def lees(self, ronde_id: int, sleutel: str) -> DoelInfo | None:
        return self._van(ronde_id).get(sleutel)

    def bewaar(self, ronde_id: int, doel: Doel, besluit: Besluit, door: str) -> DoelInfo:
        oud = self._van(ronde_id).get(doel.id)
        if oud is None:
            nieuw = DoelInfo(
                sleutel=doel.id,
                besluit=besluit,
                doel=doel,
                versie=1,
                gewijzigd_door=door,
                gewijzigd_op=dt.datetime.now(dt.UTC),
            )
            self._van(ronde_id)[doel.id] = nieuw
            return nieuw
        return self._zet(ronde_id, oud, {"doel": doel, "besluit": besluit}, door)

    def zet_besluit(self, ronde_id: int, sleutel: str, besluit: Besluit, door: str) -> DoelInfo:
        return self._zet(ronde_id, self._van(ronde_id)[sleutel], {"besluit": besluit}, door)

    def zet_fase(self, ronde_id: int, sleutel: str, status: PdcaFase, notities: str | None, door: str) -> DoelInfo:
        info = self._van(ronde_id)[sleutel]
        doel = info.doel.model_copy(update={"status": status, "notities": notities})
        return self._zet(ronde_id, info, {"doel": doel}, door)

    def verwijder(self, ronde_id: int, sleutel: str) -> None:
        del self._van(ronde_id)[sleutel]

    def eerder_vastgesteld(self, ronde: RondeInfo, vragenlijst_versie: str) -> list[tuple[int, dt.date, list[Doel]]]:
        eerdere = sorted(
            (r for r in self._stand.rondes.values() if r.gm_code == ronde.gm_code and r.id != ronde.id),
            key=lambda r: (r.datum, r.id),
        )
        return [
            (r.id, r.datum, [i.doel for i in self._van(r.id).values() if i.besluit == "geaccepteerd"])
            for r in eerdere
            if r.datum <= ronde.datum and r.vragenlijst_versie == vragenlijst_versie
        ]


class NepWerk:
    def __init__(self, stand: NepStand) -> None:
        self.instellingen = NepInstellingen(stand)
        self.rondes = NepRondes(stand)
        self.deelnemers = NepDeelnemers(stand)
        # --- deelnemen (Start, Invullen, Resultaten) ---
        self.antwoorden = NepAntwoorden(stand)

        # --- doelen ---
        self.doelen = NepDoelen(stand)


class NepDatabase:
    """Duck-types ``scan.db.verbinding.Database`` for services that use only ``werk``/``inzage``."""

    url = "nep://"
    is_sqlite = False

    def __init__(self) -> None:
        self.stand = NepStand()
        self.units = 0
        """Units of work opened, so a test can see that a use case is one transaction."""

    @contextmanager
    def werk(self) -> Iterator[NepWerk]:
        self.units += 1
        kopie = copy.deepcopy(self.stand)
        yield NepWerk(kopie)
        self.stand = kopie  # only reached when the block raised nothing: commit

    @contextmanager
    def inzage(self) -> Iterator[NepWerk]:
        self.units += 1
        yield NepWerk(copy.deepcopy(self.stand))
