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
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal

from scan.fouten import Botsing
from scan.leesmodellen import (
    Besluit,
    BewaarRonde,
    Binding,
    ConsensusInfo,
    DeelnameInfo,
    DeelnemerInfo,
    DoelInfo,
    Gebeurtenis,
    GemeenteKeuze,
    Lid,
    MijnAmbitie,
    MijnAntwoord,
    MijnGegevens,
    MijnHerstemming,
    MijnStem,
    MijnVermelding,
    NalevingInfo,
    PeerCijfers,
    Persoon,
    RolInfo,
    RondeInfo,
    RondeKort,
    ScoreGegevens,
    Sessie,
    VastgesteldeAmbitie,
    Voortgang,
)
from scoring import tekst as tekstregel
from scoring import tijd
from scoring import wissen as wisregel
from scoring.agenda import Markering
from scoring.samen import Stap
from scoring.tekst import sleutel
from scoring.uitwissel import Doel, PdcaFase
from scoring.vergelijking import Kerncijfers

NU = dt.datetime(2026, 12, 7, 9, 30, tzinfo=dt.UTC)


_MOMENT = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)
"""When answers seeded by a test were saved."""


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

    def antwoord(
        self, ronde_id: int, deelnemer_id: int, stelling: str, antwoord: str | None, toelichting: str | None = None
    ) -> None:
        """A participant's answer (and note) on ``stelling``, as if they had clicked it."""
        self.mijn_antwoorden[(deelnemer_id, stelling)] = (
            ronde_id,
            MijnAntwoord(stelling=stelling, antwoord=antwoord, toelichting=toelichting, gewijzigd_op=_MOMENT),
        )

    def ambitie(self, ronde_id: int, deelnemer_id: int, bouwsteen: str, niveau: int) -> None:
        """A participant's personal ambition for ``bouwsteen``."""
        self.mijn_ambities[(deelnemer_id, bouwsteen)] = (ronde_id, niveau, _MOMENT)

    # --- vergelijk area ---
    rollen: dict[int, RolInfo] = field(default_factory=dict)
    deelnames: dict[str, DeelnameInfo] = field(default_factory=dict)
    rondes_kort: dict[int, RondeKort] = field(default_factory=dict)
    """The rounds as comparisons list them (with province, size class, stored total)."""
    ronde_scores: dict[int, str] = field(default_factory=dict)
    deelnemer_extra: dict[int, tuple[str, str | None]] = field(default_factory=dict)
    """deelnemer id -> (name key, address)"""

    # --- doelen ---
    doelen: dict[int, dict[str, DoelInfo]] = field(default_factory=dict)
    """ronde id -> goal key -> the goal as stored, in the order first stored"""
    # --- workshop area ---
    deelnemer_versies: dict[int, int] = field(default_factory=dict)
    """deelnemer id -> row version (1 when absent)"""
    consensus: dict[tuple[int, str], ConsensusInfo] = field(default_factory=dict)
    vastgestelde_ambities: dict[tuple[int, str], VastgesteldeAmbitie] = field(default_factory=dict)
    bespreekpunten: dict[tuple[int, str], Markering] = field(default_factory=dict)
    kerncijfers: dict[int, Kerncijfers] = field(default_factory=dict)
    presentatie_tokens: dict[int, str] = field(default_factory=dict)
    # --- issue 15: nalevingscheck ---
    naleving: dict[tuple[int, str], NalevingInfo] = field(default_factory=dict)
    """(ronde id, item) -> the werkgroep's answer"""
    # --- issue 16: a facilitated session ---
    modi: dict[int, tuple[str, bool]] = field(default_factory=dict)
    """ronde id -> (mode, names shown); absent: ("eigen_tempo", False)"""
    stappen: dict[int, list[Stap]] = field(default_factory=dict)
    herstemmingen: dict[tuple[int, str], tuple[int, str]] = field(default_factory=dict)
    """(deelnemer id, stelling) -> (ronde id, second vote)"""
    # --- issue 18: the audit trail ---
    logboek: list[tuple[Gebeurtenis, int | None]] = field(default_factory=list)
    """Lines in order of writing, each with the participant id behind ``wie``."""
    # --- issue 18: erasure and retention ---
    afgerond_op: dict[int, dt.datetime] = field(default_factory=dict)
    """ronde id -> when it closed (set by ``zet_status``; a test may seed it)"""
    gewist_op: dict[int, dt.datetime] = field(default_factory=dict)
    """ronde id -> when the retention period removed its personal data"""
    identiteiten: dict[str, Binding] = field(default_factory=dict)
    """address -> the account it is bound to"""


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

    # --- vergelijk area ---

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
        fictief: bool = False,
    ) -> RondeInfo:
        if any(r.code == code for r in self._stand.rondes.values()):
            raise Botsing()
        nieuw = max([*self._stand.rondes, *self._stand.rondes_kort], default=0) + 1
        ronde = RondeInfo(
            id=nieuw,
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
        self._stand.rondes[nieuw] = ronde
        self._stand.rondes_kort[nieuw] = RondeKort(
            id=nieuw,
            gm_code=gm_code,
            gemeente=gemeente,
            provincie="?",
            grootteklasse="?",
            datum=datum,
            status="open",
            fictief=fictief,
            vragenlijst_versie=vragenlijst_versie,
            deelnemers=0,
            totaal=None,
        )
        return ronde

    def scorestand(self, ronde_id: int) -> tuple[object, ...] | None:
        # No fingerprint: the fake is never cached, every read scores what the test seeded.
        return None

    def scoregegevens(self, ronde_id: int) -> ScoreGegevens:
        # The participants' own answers and ambitions and the werkgroep's agreements.
        st = self._stand
        return ScoreGegevens(
            antwoorden=tuple(
                (d, s, a.antwoord)
                for (d, s), (r, a) in st.mijn_antwoorden.items()
                if r == ronde_id and a.antwoord is not None
            ),
            ambities=tuple((d, b, n) for (d, b), (r, n, _) in st.mijn_ambities.items() if r == ronde_id),
            vastgesteld=tuple((b, v.niveau) for (r, b), v in st.vastgestelde_ambities.items() if r == ronde_id),
            consensus=tuple((s, c.niveau) for (r, s), c in st.consensus.items() if r == ronde_id),
        )

    # --- workshop area ---

    def zet_status(self, ronde_id: int, status: str) -> None:
        ronde = self._stand.rondes[ronde_id]
        self._stand.rondes[ronde_id] = ronde.model_copy(update={"status": status})
        if status == "afgerond":
            self._stand.afgerond_op[ronde_id] = NU
        else:
            self._stand.afgerond_op.pop(ronde_id, None)

    def bewaar_kerncijfers(self, ronde_id: int, cijfers: Kerncijfers) -> None:
        self._stand.kerncijfers[ronde_id] = cijfers

    def vergeet_kerncijfers(self, ronde_id: int) -> None:
        self._stand.kerncijfers.pop(ronde_id, None)

    def toelichtingen(self, ronde_id: int, stelling: str) -> list[tuple[str | None, str]]:
        rijen = [
            (a.antwoord, a.toelichting)
            for (_, s), (r, a) in self._stand.mijn_antwoorden.items()
            if r == ronde_id and s == stelling and a.toelichting
        ]
        return sorted(rijen, key=lambda x: (x[0] is not None, x[0] or ""))

    def voortgang(self, ronde_id: int) -> list[Voortgang]:
        st = self._stand
        return [
            Voortgang(
                deelnemer_id=d.id,
                naam=d.naam,
                rol=d.rol,
                functie=d.functie,
                beantwoord=sum(1 for (i, _), (_, a) in st.mijn_antwoorden.items() if i == d.id and a.antwoord),
                ambities=sum(1 for (i, _) in st.mijn_ambities if i == d.id),
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

    # --- vergelijk area ---

    def nieuw(
        self,
        *,
        ronde_id: int,
        naam: str,
        naam_sleutel: str,
        rol: str,
        token: str,
        functie: str | None = None,
        email: str | None = None,
    ) -> DeelnemerInfo:
        # The table's unique keys: (round, name key) and the token.
        if naam_sleutel in self.naam_sleutels(ronde_id) or any(
            d.token == token for _, d in self._stand.deelnemers.values()
        ):
            raise Botsing()
        nieuw = max(self._stand.deelnemers, default=0) + 1
        info = DeelnemerInfo(id=nieuw, naam=naam, rol=rol, functie=functie, token=token)
        self._stand.deelnemers[nieuw] = (ronde_id, info)
        self._stand.deelnemer_extra[nieuw] = (naam_sleutel, email)
        return info

    def facilitator_token(self, ronde_id: int, email: str | None) -> str | None:
        for d_id, (r, info) in sorted(self._stand.deelnemers.items()):
            adres = self._stand.deelnemer_extra.get(d_id, ("", None))[1]
            if r == ronde_id and info.rol == "facilitator" and (not email or adres == email):
                return info.token
        return None

    def naam_sleutels(self, ronde_id: int) -> set[str]:
        return {
            self._stand.deelnemer_extra.get(d_id, (sleutel(d.naam), None))[0]
            for d_id, (r, d) in self._stand.deelnemers.items()
            if r == ronde_id
        }

    def zet_email(self, deelnemer_id: int, email: str) -> None:
        sleutel, _ = self._stand.deelnemer_extra.get(deelnemer_id, ("", None))
        self._stand.deelnemer_extra[deelnemer_id] = (sleutel, email)

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
        st.mijn_antwoorden = {k: v for k, v in st.mijn_antwoorden.items() if k[0] != deelnemer_id}
        st.mijn_ambities = {k: v for k, v in st.mijn_ambities.items() if k[0] != deelnemer_id}
        st.herstemmingen = {k: v for k, v in st.herstemmingen.items() if k[0] != deelnemer_id}


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
        kolom: Literal["antwoord", "toelichting", "zekerheid"],
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
        return [(b, n) for (_, b), (r, n, _) in self._stand.mijn_ambities.items() if r == ronde_id]

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


# --- issue 15: nalevingscheck ---


class NepNaleving:
    def __init__(self, stand: NepStand) -> None:
        self._d = stand.naleving

    def van_ronde(self, ronde_id: int) -> dict[str, NalevingInfo]:
        return {i: n for (r, i), n in self._d.items() if r == ronde_id}

    def lees(self, ronde_id: int, item: str) -> NalevingInfo | None:
        return self._d.get((ronde_id, item))

    def zet(
        self, ronde_id: int, item: str, *, versie: int | None, status: str, notitie: str | None, door: str
    ) -> NalevingInfo:
        oud = self._d.get((ronde_id, item))
        if (oud.versie if oud else None) != versie:
            raise Botsing()
        info = NalevingInfo(
            item=item,
            status=status,
            notitie=notitie,
            gewijzigd_door=door,
            gewijzigd_op=NU,
            versie=oud.versie + 1 if oud else 1,
        )
        self._d[(ronde_id, item)] = info
        return info

    def wis(self, ronde_id: int, item: str, versie: int) -> None:
        oud = self._d.get((ronde_id, item))
        if oud is None or oud.versie != versie:
            raise Botsing()
        del self._d[(ronde_id, item)]


class NepSamen:
    """The session aggregate in memory: mode, parts and second votes (``scan.db.samen``)."""

    def __init__(self, stand: NepStand) -> None:
        self._stand = stand

    def modus(self, ronde_id: int) -> tuple[str, bool] | None:
        if ronde_id not in self._stand.rondes:
            return None
        return self._stand.modi.get(ronde_id, ("eigen_tempo", False))

    def zet_modus(self, ronde_id: int, modus: str) -> None:
        self._stand.modi[ronde_id] = (modus, (self.modus(ronde_id) or ("", False))[1])

    def zet_op_naam(self, ronde_id: int, op_naam: bool) -> None:
        self._stand.modi[ronde_id] = ((self.modus(ronde_id) or ("eigen_tempo", False))[0], op_naam)

    def stemstaat(self, ronde_id: int, deelnemer_id: int, stelling: str) -> tuple[str, bool, str, bool] | None:
        ronde = self._stand.rondes.get(ronde_id)
        if ronde is None:
            return None
        lid = self._stand.deelnemers.get(deelnemer_id)
        modus = self._stand.modi.get(ronde_id, ("eigen_tempo", False))[0]
        return ronde.status, lid is not None and lid[0] == ronde_id, modus, self.is_herstemd(ronde_id, stelling)

    def huidige(self, ronde_id: int) -> Stap | None:
        lijst = self._stand.stappen.get(ronde_id, [])
        return lijst[-1] if lijst else None

    def stappen(self, ronde_id: int) -> list[Stap]:
        return list(self._stand.stappen.get(ronde_id, []))

    def open(
        self, ronde_id: int, *, bouwsteen: str | None, stelling: str | None, herstemming: bool, moment: dt.datetime
    ) -> Stap:
        lijst = self._stand.stappen.setdefault(ronde_id, [])
        stap = Stap(
            volgnummer=len(lijst) + 1,
            bouwsteen=bouwsteen,
            stelling=stelling,
            herstemming=herstemming,
            geopend_op=moment,
        )
        lijst.append(stap)
        return stap

    def onthul(self, ronde_id: int, volgnummer: int, moment: dt.datetime) -> None:
        lijst = self._stand.stappen.get(ronde_id, [])
        lijst[:] = [
            s.model_copy(update={"onthuld_op": moment}) if s.volgnummer == volgnummer and not s.onthuld else s
            for s in lijst
        ]

    def herstemde_stellingen(self, ronde_id: int) -> set[str]:
        return {s.stelling for s in self._stand.stappen.get(ronde_id, []) if s.herstemming and s.stelling}

    def is_herstemd(self, ronde_id: int, stelling: str) -> bool:
        return stelling in self.herstemde_stellingen(ronde_id)

    def zet_herstemming(
        self, ronde_id: int, deelnemer_id: int, stelling: str, antwoord: str, moment: dt.datetime
    ) -> None:
        self._stand.herstemmingen[(deelnemer_id, stelling)] = (ronde_id, antwoord)

    def mijn_herstemmingen(self, deelnemer_id: int) -> dict[str, str]:
        return {s: a for (d, s), (_, a) in self._stand.herstemmingen.items() if d == deelnemer_id}

    def herstemmingen(self, ronde_id: int) -> list[tuple[int, str, str]]:
        return [(d, s, a) for (d, s), (r, a) in self._stand.herstemmingen.items() if r == ronde_id]

    def eerste_stemmen(self, ronde_id: int, stellingen: set[str] | None = None) -> list[tuple[int, str, str]]:
        return [
            (d, s, a.antwoord)
            for (d, s), (r, a) in self._stand.mijn_antwoorden.items()
            if r == ronde_id and a.antwoord is not None and (stellingen is None or s in stellingen)
        ]

    # --- regie: what the facilitator's views read (certainty, disciplines) ---

    def zekerheden(self, ronde_id: int) -> list[tuple[str, str | None, str | None]]:
        return [
            (s, a.antwoord, getattr(a, "zekerheid", None))
            for (_, s), (r, a) in self._stand.mijn_antwoorden.items()
            if r == ronde_id
        ]

    def disciplines(self, ronde_id: int) -> list[tuple[int, str | None, str | None]]:
        return [
            (d.id, d.functie, getattr(d, "discipline", None))
            for r, d in self._stand.deelnemers.values()
            if r == ronde_id
        ]


class NepWerk:
    def __init__(self, stand: NepStand) -> None:
        self.instellingen = NepInstellingen(stand)
        self.rondes = NepRondes(stand)
        self.deelnemers = NepDeelnemers(stand)
        # --- deelnemen (Start, Invullen, Resultaten) ---
        self.antwoorden = NepAntwoorden(stand)

        # --- vergelijk area ---
        self.rollen = NepRollen(stand)
        self.benchmark = NepBenchmark(stand)
        # --- doelen ---
        self.doelen = NepDoelen(stand)
        # --- workshop area ---
        self.consensus = NepConsensus(stand)
        self.bespreekpunten = NepBespreekpunten(stand)
        self.vastgestelde_ambities = NepVastgesteldeAmbities(stand)
        # --- issue 15: nalevingscheck ---
        self.naleving = NepNaleving(stand)
        self.samen = NepSamen(stand)
        self.logboek = NepLogboek(stand)
        self.persoonsgegevens = NepPersoonsgegevens(stand)
        self.wissen = NepWissen(stand)
        self.identiteiten = NepIdentiteiten(stand)


class NepLogboek:
    def __init__(self, stand: NepStand) -> None:
        self._regels = stand.logboek

    def schrijf(
        self,
        handeling: str,
        *,
        wie: str,
        gm_code: str | None = None,
        ronde_id: int | None = None,
        onderwerp: str | None = None,
        voor: dict[str, object] | None = None,
        na: dict[str, object] | None = None,
        wie_deelnemer_id: int | None = None,
    ) -> None:
        regel = Gebeurtenis(
            id=len(self._regels) + 1,
            moment=_MOMENT,
            gm_code=gm_code,
            ronde_id=ronde_id,
            wie=wie,
            handeling=handeling,
            onderwerp=onderwerp,
            voor=None if voor is None else dict(voor),
            na=None if na is None else dict(na),
        )
        self._regels.append((regel, wie_deelnemer_id))

    def van_ronde(self, ronde_id: int, *, limiet: int | None = None) -> list[Gebeurtenis]:
        return [r for r, _ in reversed(self._regels) if r.ronde_id == ronde_id][:limiet]

    def van_gemeenten(self, gm_codes: frozenset[str] | None, *, limiet: int | None = None) -> list[Gebeurtenis]:
        return [r for r, _ in reversed(self._regels) if gm_codes is None or r.gm_code in gm_codes][:limiet]

    def vervang_actor(self, *, deelnemer_ids: list[int], namen: list[str], ronde_id: int, door: str) -> int:
        geteld = 0
        for i, (r, d) in enumerate(self._regels):
            if r.ronde_id == ronde_id and (d in deelnemer_ids or r.wie in namen):
                self._regels[i] = (r.model_copy(update={"wie": door}), None)
                geteld += 1
        return geteld


class NepWissen:
    """Erasure and retention over the fake's dictionaries: the texts the fake keeps (notes, agreed
    levels and ambitions, goals, compliance answers, audit lines), by the same pure rule."""

    def __init__(self, stand: NepStand) -> None:
        self._stand = stand

    def personen(self, ronde_id: int) -> list[Persoon]:
        st = self._stand
        return [
            Persoon(id=d.id, naam=d.naam, rol=d.rol, email=st.deelnemer_extra.get(i, ("", None))[1])
            for i, (r, d) in sorted(st.deelnemers.items())
            if r == ronde_id
        ]

    def vervang_namen(self, ronde_id: int, namen: list[str], door: str, *, alleen_logboek: bool = False) -> int:
        st = self._stand
        geteld = 0

        weg = {n.casefold() for n in namen}
        anderen = [p.naam for p in self.personen(ronde_id) if p.naam.casefold() not in weg]

        def v(tekst: str | None, *, heel_veld: bool = False) -> str | None:
            nonlocal geteld
            nieuw = wisregel.vervang_namen(tekst, namen, door, heel_veld=heel_veld, behalve=anderen)
            geteld += nieuw != tekst
            return nieuw

        for i, (r, g) in enumerate(st.logboek):
            if g.ronde_id == ronde_id:
                st.logboek[i] = (g.model_copy(update={"wie": v(g.wie, heel_veld=True), "onderwerp": v(g.onderwerp)}), r)
        if alleen_logboek:
            return geteld
        for k, (r, a) in st.mijn_antwoorden.items():
            if r == ronde_id:
                st.mijn_antwoorden[k] = (r, a.model_copy(update={"toelichting": v(a.toelichting)}))
        for k, c in st.consensus.items():
            if k[0] == ronde_id:
                upd = {"toelichting": v(c.toelichting), "vastgesteld_door": v(c.vastgesteld_door, heel_veld=True)}
                st.consensus[k] = c.model_copy(update=upd)
        for k, a in st.vastgestelde_ambities.items():
            if k[0] == ronde_id:
                upd = {"toelichting": v(a.toelichting), "gewijzigd_door": v(a.gewijzigd_door, heel_veld=True)}
                st.vastgestelde_ambities[k] = a.model_copy(update=upd)
        for k, n in st.naleving.items():
            if k[0] == ronde_id:
                upd = {"notitie": v(n.notitie), "gewijzigd_door": v(n.gewijzigd_door, heel_veld=True)}
                st.naleving[k] = n.model_copy(update=upd)
        for sleutel_, info in st.doelen.get(ronde_id, {}).items():
            doel = info.doel.model_copy(
                update={k: v(getattr(info.doel, k)) for k in ("titel", "actie", "eigenaar", "draagvlak", "notities")}
            )
            st.doelen[ronde_id][sleutel_] = info.model_copy(
                update={"doel": doel, "gewijzigd_door": v(info.gewijzigd_door, heel_veld=True)}
            )
        return geteld

    def vervang_in_logboek(self, ronde_id: int, personen: Collection[Persoon]) -> None:
        logboek = NepLogboek(self._stand)
        for p in personen:
            namen = [p.naam, *([p.email] if p.email else [])]
            logboek.vervang_actor(deelnemer_ids=[p.id], namen=namen, ronde_id=ronde_id, door=wisregel.rol_van(p.rol))
            self.vervang_namen(ronde_id, namen, wisregel.rol_van(p.rol), alleen_logboek=True)

    def met_persoonsgegevens(self, gm_codes: frozenset[str] | None) -> list[BewaarRonde]:
        st = self._stand
        uit = []
        for r in st.rondes.values():
            afgerond = st.afgerond_op.get(r.id)
            gewist = st.gewist_op.get(r.id)
            if r.status != "afgerond" or afgerond is None or r.fictief or (gewist and gewist >= afgerond):
                continue
            if gm_codes is not None and r.gm_code not in gm_codes:
                continue
            uit.append(
                BewaarRonde(
                    ronde_id=r.id,
                    code=r.code,
                    gm_code=r.gm_code,
                    gemeente=r.gemeente,
                    datum=r.datum,
                    omschrijving=r.omschrijving,
                    afgerond_op=afgerond,
                    deelnemers=sum(1 for x, _ in st.deelnemers.values() if x == r.id),
                )
            )
        return sorted(uit, key=lambda b: (b.afgerond_op, b.ronde_id))

    def gewist_op(self, ronde_id: int) -> dt.datetime | None:
        return self._stand.gewist_op.get(ronde_id)

    def pseudonimiseer(self, ronde_id: int) -> int:
        st = self._stand
        personen = self.personen(ronde_id)
        self.vervang_in_logboek(ronde_id, personen)
        for p in personen:
            self.vervang_namen(ronde_id, [p.naam, *([p.email] if p.email else [])], wisregel.rol_van(p.rol))
        for k, (r, a) in st.mijn_antwoorden.items():
            if r == ronde_id:
                st.mijn_antwoorden[k] = (r, a.model_copy(update={"toelichting": None}))
        for k, c in st.consensus.items():
            if k[0] == ronde_id:
                st.consensus[k] = c.model_copy(update={"toelichting": None})
        for k, n in st.naleving.items():
            if k[0] == ronde_id:
                st.naleving[k] = n.model_copy(update={"notitie": None})
        for sleutel_, info in st.doelen.get(ronde_id, {}).items():
            doel = info.doel.model_copy(update={"eigenaar": None, "draagvlak": None, "notities": None})
            st.doelen[ronde_id][sleutel_] = info.model_copy(update={"doel": doel})
        for nummer, p in enumerate(personen, start=1):
            _, d = st.deelnemers[p.id]
            naam = wisregel.pseudoniem(nummer)
            st.deelnemers[p.id] = (
                ronde_id,
                d.model_copy(update={"naam": naam, "functie": None, "token": f"gewist-{p.id}"}),
            )
            st.deelnemer_extra[p.id] = (sleutel(naam), None)
        st.presentatie_tokens.pop(ronde_id, None)
        st.gewist_op[ronde_id] = NU
        return len(personen)

    def verwijder_ronde(self, ronde_id: int) -> int:
        st = self._stand
        personen = self.personen(ronde_id)
        self.vervang_in_logboek(ronde_id, personen)
        for p in personen:
            NepDeelnemers(st).verwijder(p.id)
        del st.rondes[ronde_id]
        for naam in ("consensus", "vastgestelde_ambities", "naleving", "bespreekpunten"):
            d = getattr(st, naam)
            for k in [k for k in d if k[0] == ronde_id]:
                del d[k]
        for d in (st.doelen, st.kerncijfers, st.ronde_scores, st.afgerond_op, st.stappen, st.presentatie_tokens):
            d.pop(ronde_id, None)  # type: ignore[attr-defined]
        return len(personen)


class NepIdentiteiten:
    def __init__(self, stand: NepStand) -> None:
        self._d = stand.identiteiten

    def lees(self, email: str, *, voor_wijziging: bool = False) -> Binding | None:
        return self._d.get(email)

    def van_adressen(self, adressen: list[str] | None) -> list[Binding]:
        return [b for e, b in sorted(self._d.items()) if adressen is None or e in adressen]

    def bind(self, email: str, issuer: str, subject: str) -> None:
        if email in self._d:
            raise Botsing()
        moment = tijd.nu()  # the service compares it with the clock
        self._d[email] = Binding(
            email=email, issuer=issuer, subject=subject, gebonden_op=moment, laatst_gezien_op=moment
        )

    def gezien(self, email: str, moment: dt.datetime | None = None) -> None:
        if email in self._d:
            self._d[email] = self._d[email].model_copy(update={"laatst_gezien_op": moment or tijd.nu()})

    def maak_los(self, email: str) -> None:
        self._d.pop(email, None)


class NepPersoonsgegevens:
    """Inzage in memory (``scan.db.persoonsgegevens``): the store keeps no join moment, chosen
    discipline or time of a second vote, so those read as the fixed moment ``NU`` and ``None``."""

    def __init__(self, stand: NepStand) -> None:
        self._stand = stand

    def van_deelnemer(self, deelnemer_id: int) -> MijnGegevens | None:
        st = self._stand
        if deelnemer_id not in st.deelnemers:
            return None
        ronde_id, d = st.deelnemers[deelnemer_id]
        ronde = st.rondes[ronde_id]
        vermeldingen = [
            MijnVermelding(waar="consensus", onderwerp=c.stelling, moment=c.vastgesteld_op)
            for (r, _), c in st.consensus.items()
            if r == ronde_id and c.vastgesteld_door == d.naam
        ] + [
            MijnVermelding(
                waar="logboek",
                onderwerp=f"{g.handeling}: {g.onderwerp}" if g.onderwerp else g.handeling,
                moment=g.moment,
            )
            for g, wie in st.logboek
            if wie == deelnemer_id
        ]
        return MijnGegevens(
            gemeente=ronde.gemeente,
            gm_code=ronde.gm_code,
            ronde_code=ronde.code,
            ronde_datum=ronde.datum,
            naam=d.naam,
            rol=d.rol,
            functie=d.functie,
            discipline=None,
            email=st.deelnemer_extra.get(deelnemer_id, ("", None))[1],
            aangemeld_op=NU,
            antwoorden=tuple(
                MijnStem(
                    stelling=a.stelling,
                    antwoord=a.antwoord,
                    zekerheid=a.zekerheid,
                    toelichting=a.toelichting,
                    gewijzigd_op=a.gewijzigd_op,
                )
                for (dn, _), (_, a) in st.mijn_antwoorden.items()
                if dn == deelnemer_id
            ),
            ambities=tuple(
                MijnAmbitie(bouwsteen=b, niveau=n, toelichting=None, gewijzigd_op=m)
                for (dn, b), (_, n, m) in st.mijn_ambities.items()
                if dn == deelnemer_id
            ),
            herstemmingen=tuple(
                MijnHerstemming(stelling=s, antwoord=a, gewijzigd_op=NU)
                for (dn, s), (_, a) in st.herstemmingen.items()
                if dn == deelnemer_id
            ),
            vermeldingen=tuple(vermeldingen),
        )


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


# --- vergelijk area: in-memory roles and benchmark ---


class NepRollen:
    def __init__(self, stand: NepStand) -> None:
        self._d = stand.rollen

    def van_gemeente(self, gm_code: str) -> list[RolInfo]:
        return sorted((r for r in self._d.values() if r.gm_code == gm_code), key=lambda r: (r.email, r.rol))

    def van_adres(self, adres: str) -> dict[str, set[str]]:
        uit: dict[str, set[str]] = {}
        for r in self._d.values():
            if r.email == adres:
                uit.setdefault(r.gm_code, set()).add(r.rol)
        return uit

    def toekenning(self, rol_id: int) -> RolInfo | None:
        return self._d.get(rol_id)

    def ken_toe(self, email: str, gm_code: str, rol: str, door: str | None) -> None:
        if any((r.email, r.gm_code, r.rol) == (email, gm_code, rol) for r in self._d.values()):
            raise Botsing()
        nieuw = max(self._d, default=0) + 1
        self._d[nieuw] = RolInfo(
            id=nieuw,
            email=email,
            gm_code=gm_code,
            rol=rol,
            toegekend_door=door,
            toegekend_op=_moment(nieuw),
        )

    def trek_in(self, rol_id: int) -> None:
        self._d.pop(rol_id, None)


def _moment(n: int) -> dt.datetime:
    """A distinct, increasing grant moment per id (the database uses the clock)."""
    return dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=n)


class NepBenchmark:
    def __init__(self, stand: NepStand) -> None:
        self._stand = stand

    def deelname(self, gm_code: str) -> DeelnameInfo:
        return self._stand.deelnames.get(gm_code) or DeelnameInfo(
            gm_code=gm_code, neemt_deel=False, sinds=None, door=None
        )

    def deelnemende_gemeenten(self) -> set[str]:
        return set(self._stand.deelnames)

    def meld_aan(self, gm_codes: Collection[str], door: str | None) -> None:
        for gm in gm_codes:
            self._stand.deelnames.setdefault(
                gm, DeelnameInfo(gm_code=gm, neemt_deel=True, sinds=_moment(len(self._stand.deelnames)), door=door)
            )

    def meld_af(self, gm_code: str) -> None:
        self._stand.deelnames.pop(gm_code, None)

    def opgeslagen_kerncijfers(self, ronde_ids: Collection[int]) -> dict[int, str]:
        return {i: self._stand.ronde_scores[i] for i in ronde_ids if i in self._stand.ronde_scores}

    def peers(self, groepering: str, waarde: str, *, fictief: bool, versie: str) -> list[PeerCijfers]:
        uit = []
        for r in self._stand.rondes_kort.values():
            in_groep = (r.grootteklasse if groepering == "grootteklasse" else r.provincie) == waarde
            json = self._stand.ronde_scores.get(r.id)
            if (
                in_groep
                and json is not None
                and r.status == "afgerond"
                and r.fictief == fictief
                and r.gm_code in self._stand.deelnames
                and f'"vragenlijst_versie":"{versie}"' in json
            ):
                uit.append(PeerCijfers(gm_code=r.gm_code, datum=r.datum, ronde_id=r.id, kerncijfers=json))
        return uit

    def rondes(self, *, gm_codes: Collection[str] | None = None, ids: Collection[int] | None = None) -> list[RondeKort]:
        gekozen = [
            r
            for r in self._stand.rondes_kort.values()
            if (gm_codes is None or r.gm_code in gm_codes) and (ids is None or r.id in ids)
        ]
        gekozen.sort(key=lambda r: (r.gemeente, -r.datum.toordinal(), -r.id))
        return gekozen


# --- building blocks for the fast tests: one round, one person ---


def voorbeeld_ronde(**anders: object) -> RondeInfo:
    """An open round of Utrecht with questionnaire omnichannel_scan 1.0; ``anders`` overrides fields."""
    velden: dict[str, object] = {
        "id": 1,
        "code": "ABCDEFGH",
        "gm_code": "GM0344",
        "gemeente": "Utrecht",
        "datum": dt.date(2026, 12, 7),
        "omschrijving": None,
        "vragenlijst_id": "omnichannel_scan",
        "vragenlijst_versie": "1.0",
        "status": "open",
        "fictief": False,
    }
    velden.update(anders)
    return RondeInfo.model_validate(velden)


def voorbeeld_sessie(rol: str = "deelnemer", ronde: RondeInfo | None = None, **anders: object) -> Sessie:
    """Anna (id 1, token "t") in ``ronde`` (default: ``voorbeeld_ronde()``) with ``rol``."""
    velden: dict[str, object] = {"id": 1, "naam": "Anna", "rol": rol, "functie": None, "token": "t"}
    velden.update(anders)
    return Sessie(ronde=ronde or voorbeeld_ronde(), deelnemer=DeelnemerInfo.model_validate(velden))
