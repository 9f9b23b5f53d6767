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
    ConsensusInfo,
    DeelnemerInfo,
    DoelInfo,
    GemeenteKeuze,
    Lid,
    MijnAntwoord,
    RondeInfo,
    ScoreGegevens,
    Sessie,
    VastgesteldeAmbitie,
    Voortgang,
)
from scoring import tekst as tekstregel
from scoring.agenda import Markering
from scoring.tekst import sleutel
from scoring.uitwissel import Doel, PdcaFase
from scoring.vergelijking import Kerncijfers

NU = dt.datetime(2026, 12, 7, 9, 30, tzinfo=dt.UTC)


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
    # --- workshop area ---
    antwoorden: list[tuple[int, int, str, str | None, str | None]] = field(default_factory=list)
    """(ronde id, deelnemer id, stelling, answer, note)"""
    ambities: list[tuple[int, int, str, int]] = field(default_factory=list)
    """(ronde id, deelnemer id, bouwsteen, level): personal ambitions"""
    deelnemer_versies: dict[int, int] = field(default_factory=dict)
    """deelnemer id -> row version (1 when absent)"""
    consensus: dict[tuple[int, str], ConsensusInfo] = field(default_factory=dict)
    vastgestelde_ambities: dict[tuple[int, str], VastgesteldeAmbitie] = field(default_factory=dict)
    bespreekpunten: dict[tuple[int, str], Markering] = field(default_factory=dict)
    kerncijfers: dict[int, Kerncijfers] = field(default_factory=dict)
    presentatie_tokens: dict[int, str] = field(default_factory=dict)


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
        # The participants' own answers and ambitions (deelnemen's stores, and the workshop area's
        # lists) and the werkgroep's agreements (workshop area).
        st = self._stand
        return ScoreGegevens(
            antwoorden=tuple(
                (d, s, a.antwoord)
                for (d, s), (r, a) in st.mijn_antwoorden.items()
                if r == ronde_id and a.antwoord is not None
            )
            + tuple((d, s, a) for r, d, s, a, _ in st.antwoorden if r == ronde_id and a is not None),
            ambities=tuple((d, b, n) for (d, b), (r, n, _) in st.mijn_ambities.items() if r == ronde_id)
            + tuple((d, b, n) for r, d, b, n in st.ambities if r == ronde_id),
            vastgesteld=tuple((b, v.niveau) for (r, b), v in st.vastgestelde_ambities.items() if r == ronde_id),
            consensus=tuple((s, c.niveau) for (r, s), c in st.consensus.items() if r == ronde_id),
        )

    # --- workshop area ---

    def zet_status(self, ronde_id: int, status: str) -> None:
        ronde = self._stand.rondes[ronde_id]
        self._stand.rondes[ronde_id] = ronde.model_copy(update={"status": status})

    def bewaar_kerncijfers(self, ronde_id: int, cijfers: Kerncijfers) -> None:
        self._stand.kerncijfers[ronde_id] = cijfers

    def vergeet_kerncijfers(self, ronde_id: int) -> None:
        self._stand.kerncijfers.pop(ronde_id, None)

    def toelichtingen(self, ronde_id: int, stelling: str) -> list[tuple[str | None, str]]:
        rijen = [(a, t) for r, _, s, a, t in self._stand.antwoorden if r == ronde_id and s == stelling and t]
        return sorted(rijen, key=lambda x: (x[0] is not None, x[0] or ""))

    def voortgang(self, ronde_id: int) -> list[Voortgang]:
        st = self._stand
        return [
            Voortgang(
                deelnemer_id=d.id,
                naam=d.naam,
                rol=d.rol,
                functie=d.functie,
                beantwoord=sum(1 for _, i, _, a, _ in st.antwoorden if i == d.id and a is not None),
                ambities=sum(1 for _, i, _, _ in st.ambities if i == d.id),
                laatst_actief=None,
                versie=st.deelnemer_versies.get(d.id, 1),
            )
            for r, d in st.deelnemers.values()
            if r == ronde_id
        ]

    def presentatie_token(self, ronde_id: int) -> str | None:
        return self._stand.presentatie_tokens.get(ronde_id)

    def zet_presentatie_token(self, ronde_id: int, token: str) -> None:
        self._stand.presentatie_tokens[ronde_id] = token

    def per_presentatie_token(self, token: str) -> RondeInfo | None:
        gevonden = [r for r, t in self._stand.presentatie_tokens.items() if t == token]
        return self._stand.rondes.get(gevonden[0]) if gevonden else None


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

    # --- workshop area ---

    def lid(self, deelnemer_id: int) -> Lid | None:
        rij = self._stand.deelnemers.get(deelnemer_id)
        if rij is None:
            return None
        return Lid(ronde_id=rij[0], deelnemer=rij[1], versie=self._stand.deelnemer_versies.get(deelnemer_id, 1))

    def tokens(self, ronde_id: int) -> dict[int, str]:
        return {d.id: d.token for r, d in self._stand.deelnemers.values() if r == ronde_id}

    def aantal_facilitators(self, ronde_id: int) -> int:
        return sum(1 for r, d in self._stand.deelnemers.values() if r == ronde_id and d.rol == "facilitator")

    def naam_met_sleutel(self, ronde_id: int, naam_sleutel: str, *, behalve: int) -> str | None:
        return next(
            (
                d.naam
                for r, d in self._stand.deelnemers.values()
                if r == ronde_id and d.id != behalve and tekstregel.sleutel(d.naam) == naam_sleutel
            ),
            None,
        )

    def hernoem(self, deelnemer_id: int, naam: str, naam_sleutel: str) -> None:
        ronde_id, d = self._stand.deelnemers[deelnemer_id]
        self._stand.deelnemers[deelnemer_id] = (ronde_id, d.model_copy(update={"naam": naam}))
        self._stand.deelnemer_versies[deelnemer_id] = self._stand.deelnemer_versies.get(deelnemer_id, 1) + 1

    def verwijder(self, deelnemer_id: int) -> None:
        st = self._stand
        del st.deelnemers[deelnemer_id]
        st.antwoorden = [x for x in st.antwoorden if x[1] != deelnemer_id]
        st.ambities = [x for x in st.ambities if x[1] != deelnemer_id]
        st.mijn_antwoorden = {k: v for k, v in st.mijn_antwoorden.items() if k[0] != deelnemer_id}
        st.mijn_ambities = {k: v for k, v in st.mijn_ambities.items() if k[0] != deelnemer_id}


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


# --- workshop area ---


class NepConsensus:
    def __init__(self, stand: NepStand) -> None:
        self._d = stand.consensus

    def van_ronde(self, ronde_id: int) -> dict[str, ConsensusInfo]:
        return {s: c for (r, s), c in self._d.items() if r == ronde_id}

    def lees(self, ronde_id: int, stelling: str) -> ConsensusInfo | None:
        return self._d.get((ronde_id, stelling))

    def zet(
        self, ronde_id: int, stelling: str, *, versie: int | None, niveau: int, toelichting: str | None, door: str
    ) -> ConsensusInfo:
        oud = self._d.get((ronde_id, stelling))
        if (oud.versie if oud else None) != versie:
            raise Botsing()
        info = ConsensusInfo(
            stelling=stelling,
            niveau=niveau,
            toelichting=toelichting,
            vastgesteld_door=door,
            vastgesteld_op=NU,
            versie=oud.versie + 1 if oud else 1,
        )
        self._d[(ronde_id, stelling)] = info
        return info

    def wis(self, ronde_id: int, stelling: str, versie: int) -> None:
        oud = self._d.get((ronde_id, stelling))
        if oud is None or oud.versie != versie:
            raise Botsing()
        del self._d[(ronde_id, stelling)]


class NepBespreekpunten:
    def __init__(self, stand: NepStand) -> None:
        self._d = stand.bespreekpunten

    def markeringen(self, ronde_id: int) -> dict[str, Markering]:
        return {s: m for (r, s), m in self._d.items() if r == ronde_id}

    def markeer(self, ronde_id: int, stelling: str, markering: Markering | None) -> None:
        if markering is None:
            self._d.pop((ronde_id, stelling), None)
        else:
            self._d[(ronde_id, stelling)] = markering


class NepVastgesteldeAmbities:
    def __init__(self, stand: NepStand) -> None:
        self._stand = stand
        self._d = stand.vastgestelde_ambities

    def van_ronde(self, ronde_id: int) -> dict[str, VastgesteldeAmbitie]:
        return {b: v for (r, b), v in self._d.items() if r == ronde_id}

    def persoonlijk(self, ronde_id: int) -> list[tuple[str, int]]:
        return [(b, n) for r, _, b, n in self._stand.ambities if r == ronde_id]

    def lees(self, ronde_id: int, bouwsteen: str) -> VastgesteldeAmbitie | None:
        return self._d.get((ronde_id, bouwsteen))

    def zet(
        self, ronde_id: int, bouwsteen: str, *, versie: int | None, niveau: int, toelichting: str | None, door: str
    ) -> VastgesteldeAmbitie:
        oud = self._d.get((ronde_id, bouwsteen))
        if (oud.versie if oud else None) != versie:
            raise Botsing()
        info = VastgesteldeAmbitie(
            bouwsteen=bouwsteen,
            niveau=niveau,
            toelichting=toelichting,
            gewijzigd_door=door,
            gewijzigd_op=NU,
            versie=oud.versie + 1 if oud else 1,
        )
        self._d[(ronde_id, bouwsteen)] = info
        return info

    def wis(self, ronde_id: int, bouwsteen: str, versie: int) -> None:
        oud = self._d.get((ronde_id, bouwsteen))
        if oud is None or oud.versie != versie:
            raise Botsing()
        del self._d[(ronde_id, bouwsteen)]


# --- end workshop area ---


class NepWerk:
    def __init__(self, stand: NepStand) -> None:
        self.instellingen = NepInstellingen(stand)
        self.rondes = NepRondes(stand)
        self.deelnemers = NepDeelnemers(stand)
        # --- deelnemen (Start, Invullen, Resultaten) ---
        self.antwoorden = NepAntwoorden(stand)

        # --- doelen ---
        self.doelen = NepDoelen(stand)
        # --- workshop area ---
        self.consensus = NepConsensus(stand)
        self.bespreekpunten = NepBespreekpunten(stand)
        self.vastgestelde_ambities = NepVastgesteldeAmbities(stand)


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
