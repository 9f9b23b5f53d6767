"""Use cases of advisers and beheerders: rounds they may see, comparisons, benchmark, roles.

Layer: application (``scan/``). Every function takes the ``Gebruiker`` and checks access with
``scan.toegang.eis`` before it reads or writes anything of a gemeente; a list only ever holds
what the person may see. Scores of closed rounds come from their stored key figures
(``ronde_scores``), those of open rounds are computed from the answers stored now.

The benchmark is anonymous: a group's figures are quartiles over the latest closed round of
every opted-in gemeente in it, shown only from ``MIN_GROEP`` gemeenten on. Which gemeenten are
in a group is never shown. Fictional (demo) rounds are only compared with fictional rounds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from scan.db import repository as repo
from scan.db.tabellen import BenchmarkDeelnameRij, DeelnemerRij, GemeenteRij, RolRij, RondeRij, RondeScoreRij, nu
from scan.db.verbinding import Database
from scan.fouten import GeenToegang, InvoerFout
from scan.leesmodellen import Sessie
from scan.services import regels, resultaten, start
from scan.services.toegang import ROLLEN, Gebruiker, Rol, eis, normaliseer_email
from scan.services.uitwisseling import importeer
from scoring.models import Vragenlijst
from scoring.uitwissel import Scan
from scoring.vergelijking import MIN_GROEP, Benchmark, Kerncijfers, benchmark, kerncijfers

Groepering = Literal["grootteklasse", "provincie"]
GROEPERINGEN: tuple[Groepering, ...] = ("grootteklasse", "provincie")
MAX_VERGELIJKEN = 20
"""Rounds on one comparison: beyond this no radar or heatmap stays readable."""


class _Info(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RondeKort(_Info):
    """A round as the overview lists it."""

    id: int
    gm_code: str
    gemeente: str
    provincie: str
    grootteklasse: str
    datum: dt.date
    status: Literal["open", "afgerond"]
    fictief: bool
    vragenlijst_versie: str
    deelnemers: int
    totaal: float | None
    """The stored total of a closed round; ``None`` for an open one (still changing)."""

    @property
    def label(self) -> str:
        return f"{self.gemeente} · {self.datum:%d-%m-%Y}"


class RolInfo(_Info):
    id: int
    email: str
    gm_code: str
    rol: Rol
    toegekend_door: str | None
    toegekend_op: dt.datetime


class DeelnameInfo(_Info):
    gm_code: str
    neemt_deel: bool
    sinds: dt.datetime | None
    door: str | None


# --- what one may see -------------------------------------------------------------------------


def zichtbare_rondes(db: Database, gebruiker: Gebruiker, gm_codes: Iterable[str] | None = None) -> list[RondeKort]:
    """The rounds ``gebruiker`` may see (of ``gm_codes`` when given), newest first per gemeente."""
    toegestaan = gebruiker.gemeenten("zien")
    gevraagd = None if gm_codes is None else set(gm_codes)
    if toegestaan is not None:
        gevraagd = set(toegestaan) if gevraagd is None else gevraagd & toegestaan
    aantal = select(DeelnemerRij.ronde_id, func.count().label("n")).group_by(DeelnemerRij.ronde_id).subquery()
    vraag = (
        select(RondeRij, GemeenteRij, aantal.c.n, RondeScoreRij.totaal)
        .join(GemeenteRij, RondeRij.gm_code == GemeenteRij.gm_code)
        .outerjoin(aantal, aantal.c.ronde_id == RondeRij.id)
        .outerjoin(RondeScoreRij, RondeScoreRij.ronde_id == RondeRij.id)
        .order_by(GemeenteRij.naam, RondeRij.datum.desc(), RondeRij.id.desc())
    )
    if gevraagd is not None:
        if not gevraagd:
            return []
        vraag = vraag.where(RondeRij.gm_code.in_(sorted(gevraagd)))
    with db.lezen() as s:
        return [
            RondeKort(
                id=r.id,
                gm_code=r.gm_code,
                gemeente=g.naam,
                provincie=g.provincie,
                grootteklasse=g.grootteklasse,
                datum=r.datum,
                status=r.status,  # CHECK constraint
                fictief=r.fictief,
                vragenlijst_versie=r.vragenlijst_versie,
                deelnemers=n or 0,
                totaal=totaal if r.status == "afgerond" else None,
            )
            for r, g, n, totaal in s.execute(vraag)
        ]


def onbekende_ronde(ronde_id: int) -> GeenToegang:
    """The one refusal for a round id that does not exist AND for one of a gemeente the person
    may not see: the same words either way, so trying ``?ronde=1..N`` tells nobody which ids
    exist or which gemeente owns them (issue 13, case 10)."""
    return GeenToegang(
        f"Scanronde {ronde_id} bestaat niet, of u heeft geen rol bij de gemeente van die scanronde. "
        "Kies een scanronde uit de lijst; een beheerder van de gemeente kan u een rol geven."
    )


def _rondes(db: Database, gebruiker: Gebruiker, ronde_ids: Sequence[int]) -> dict[int, RondeRij]:
    """The rounds ``ronde_ids`` that ``gebruiker`` may see; refused whole, by ``onbekende_ronde``,
    when any does not exist or is of a gemeente without a role.

    Both refusals take the same path (one query, the same check, the same exception): neither
    the message nor the work done tells an absent round from someone else's.
    """
    with db.lezen() as s:
        rijen = {r.id: r for r in s.scalars(select(RondeRij).where(RondeRij.id.in_(list(ronde_ids))))}
    for ronde_id in ronde_ids:
        rij = rijen.get(ronde_id)
        if rij is None or not gebruiker.mag("zien", rij.gm_code):
            raise onbekende_ronde(ronde_id)
    return rijen


def kerncijfers_van(
    db: Database, vragenlijst: Vragenlijst, gebruiker: Gebruiker, ronde_ids: Sequence[int]
) -> dict[int, Kerncijfers]:
    """The key figures of each round in ``ronde_ids``, refused whole if any is not the person's to see."""
    if len(ronde_ids) > MAX_VERGELIJKEN:
        raise InvoerFout(
            f"U koos {len(ronde_ids)} scanrondes; vergelijk er hoogstens {MAX_VERGELIJKEN} tegelijk, "
            "anders worden de grafieken onleesbaar."
        )
    rijen = _rondes(db, gebruiker, ronde_ids)
    return _kerncijfers(db, vragenlijst, [rijen[i] for i in ronde_ids])


def _kerncijfers(db: Database, vragenlijst: Vragenlijst, rondes: Sequence[RondeRij]) -> dict[int, Kerncijfers]:
    with db.lezen() as s:
        opgeslagen = dict(
            s.execute(
                select(RondeScoreRij.ronde_id, RondeScoreRij.kerncijfers).where(
                    RondeScoreRij.ronde_id.in_([r.id for r in rondes])
                )
            ).all()
        )
    uit: dict[int, Kerncijfers] = {}
    for r in rondes:
        if r.status == "afgerond" and r.id in opgeslagen:
            uit[r.id] = Kerncijfers.model_validate_json(opgeslagen[r.id])
        else:
            # An open round changes with every answer: computed from what is stored now.
            uit[r.id] = kerncijfers(resultaten.resultaat(db, vragenlijst, r.id))
    return uit


# --- benchmark --------------------------------------------------------------------------------


def neemt_deel(db: Database, gm_code: str) -> bool:
    with db.lezen() as s:
        return s.get(BenchmarkDeelnameRij, gm_code) is not None


def benchmark_deelname(db: Database, gebruiker: Gebruiker, gm_code: str) -> DeelnameInfo:
    with db.lezen() as s:
        eis(gebruiker, "zien", gm_code, repo.gemeente_naam(s, gm_code))
        rij = s.get(BenchmarkDeelnameRij, gm_code)
    return DeelnameInfo(
        gm_code=gm_code, neemt_deel=rij is not None, sinds=rij.sinds if rij else None, door=rij.door if rij else None
    )


def zet_benchmark_deelname(db: Database, gebruiker: Gebruiker, gm_code: str, deelnemen: bool) -> None:
    """Opt gemeente ``gm_code`` in to (or out of) the anonymous benchmark; beheerders only."""
    with db.schrijven() as s:
        eis(gebruiker, "beheren", gm_code, repo.gemeente_naam(s, gm_code))
        if not deelnemen:
            s.execute(delete(BenchmarkDeelnameRij).where(BenchmarkDeelnameRij.gm_code == gm_code))
        elif s.get(BenchmarkDeelnameRij, gm_code) is None:
            s.add(BenchmarkDeelnameRij(gm_code=gm_code, door=gebruiker.email or gebruiker.naam, sinds=nu()))


def groep_label(groepering: Groepering, waarde: str) -> str:
    if groepering == "provincie":
        return f"de gemeenten in de provincie {waarde}"
    woorden = {
        "<25.000": "minder dan 25.000",
        "25.000-50.000": "25.000 tot 50.000",
        "50.000-100.000": "50.000 tot 100.000",
        ">100.000": "meer dan 100.000",
    }
    return f"de gemeenten met {woorden.get(waarde, waarde)} inwoners"


def benchmark_van_ronde(
    db: Database, vragenlijst: Vragenlijst, ronde_id: int, groepering: Groepering
) -> Benchmark | None:
    """The benchmark of a round whose gemeente opted in; ``None`` when it did not.

    No access check: for callers that already hold the round (its facilitator's PDF); people
    choosing rounds go through ``benchmark_voor``.
    """
    with db.lezen() as s:
        rij = s.execute(
            select(RondeRij, GemeenteRij)
            .join(GemeenteRij, RondeRij.gm_code == GemeenteRij.gm_code)
            .where(RondeRij.id == ronde_id)
        ).first()
        if rij is None:
            raise InvoerFout(f"Scanronde {ronde_id} bestaat niet (meer).")
        ronde, gemeente = rij
        if s.get(BenchmarkDeelnameRij, ronde.gm_code) is None:
            return None
        waarde = gemeente.grootteklasse if groepering == "grootteklasse" else gemeente.provincie
        kolom = GemeenteRij.grootteklasse if groepering == "grootteklasse" else GemeenteRij.provincie
        # Every closed, scored round of an opted-in gemeente in the group; the newest per
        # gemeente is kept below (by date, then by id for two rounds on one day).
        peers = s.execute(
            select(RondeRij.gm_code, RondeRij.datum, RondeRij.id, RondeScoreRij.kerncijfers)
            .join(RondeScoreRij, RondeScoreRij.ronde_id == RondeRij.id)
            .join(GemeenteRij, RondeRij.gm_code == GemeenteRij.gm_code)
            .join(BenchmarkDeelnameRij, BenchmarkDeelnameRij.gm_code == RondeRij.gm_code)
            .where(
                kolom == waarde,
                RondeRij.status == "afgerond",
                RondeRij.fictief == ronde.fictief,
                RondeScoreRij.vragenlijst_versie == vragenlijst.versie,
            )
        ).all()
    nieuwste: dict[str, tuple[dt.date, int, str]] = {}
    for gm, datum, rid, json in peers:
        if gm not in nieuwste or (datum, rid) > nieuwste[gm][:2]:
            nieuwste[gm] = (datum, rid, json)
    groep = {gm: Kerncijfers.model_validate_json(json) for gm, (_, _, json) in nieuwste.items()}
    eigen = _kerncijfers(db, vragenlijst, [ronde])[ronde.id]
    return benchmark(eigen, groep_label(groepering, waarde), groep, MIN_GROEP)


def benchmark_positie(db: Database, vragenlijst: Vragenlijst, ronde_id: int) -> Benchmark | None:
    """The position a round's own results show (screen and PDF), only when its gemeente opted in.

    Among gemeenten of its size; among those of its province when too few of its size take part.
    """
    uitkomst = benchmark_van_ronde(db, vragenlijst, ronde_id, "grootteklasse")
    if uitkomst is not None and not uitkomst.voldoende:
        provincie = benchmark_van_ronde(db, vragenlijst, ronde_id, "provincie")
        if provincie is not None and provincie.voldoende:
            return provincie
    return uitkomst


def benchmark_voor(
    db: Database, vragenlijst: Vragenlijst, gebruiker: Gebruiker, ronde_id: int, groepering: Groepering
) -> Benchmark:
    """The benchmark of a round the person may see; refused when its gemeente did not opt in."""
    rij = _rondes(db, gebruiker, [ronde_id])[ronde_id]
    uitkomst = benchmark_van_ronde(db, vragenlijst, ronde_id, groepering)
    if uitkomst is None:
        with db.lezen() as s:
            naam = repo.gemeente_naam(s, rij.gm_code) or rij.gm_code
        raise InvoerFout(
            f"Gemeente {naam} doet niet mee aan de anonieme benchmark. Alleen deelnemende gemeenten zien hoe "
            "zij staan ten opzichte van andere; een beheerder van de gemeente kan deelname aanzetten op de "
            "pagina Beheer."
        )
    return uitkomst


# --- roles ------------------------------------------------------------------------------------


def rollen_van(db: Database, gebruiker: Gebruiker, gm_code: str) -> list[RolInfo]:
    with db.lezen() as s:
        eis(gebruiker, "beheren", gm_code, repo.gemeente_naam(s, gm_code))
        rijen = s.scalars(select(RolRij).where(RolRij.gm_code == gm_code).order_by(RolRij.email, RolRij.rol))
        return [
            RolInfo(
                id=r.id,
                email=r.email,
                gm_code=r.gm_code,
                rol=r.rol,  # CHECK constraint
                toegekend_door=r.toegekend_door,
                toegekend_op=r.toegekend_op,
            )
            for r in rijen
        ]


def ken_rol_toe(db: Database, gebruiker: Gebruiker, gm_code: str, email: str, rol: str) -> None:
    """Give the person with address ``email`` role ``rol`` in gemeente ``gm_code``; beheerders only."""
    if rol not in ROLLEN:
        raise InvoerFout(f"Rol '{rol}' bestaat niet; kies facilitator, adviseur of beheerder.")
    adres = normaliseer_email(email)
    try:
        with db.schrijven() as s:
            naam = repo.gemeente_naam(s, gm_code)
            if naam is None:
                raise InvoerFout(f"Gemeente '{gm_code}' staat niet in de CBS-lijst van gemeenten.")
            eis(gebruiker, "beheren", gm_code, naam)
            s.add(RolRij(email=adres, gm_code=gm_code, rol=rol, toegekend_door=gebruiker.email or gebruiker.naam))
    except IntegrityError:
        raise InvoerFout(f"{adres} heeft de rol {rol} al voor deze gemeente.") from None


def trek_rol_in(db: Database, gebruiker: Gebruiker, rol_id: int, *, toegekend_op: dt.datetime) -> None:
    """Revoke the role grant the beheerder saw; beheerders only (checked on the rows now).

    A role row is only inserted or deleted, never updated, so the grant the page showed is its
    id with its grant moment (SQLite reuses the id of a deleted last row): a role revoked and
    granted again meanwhile is not revoked unseen, and one already revoked by someone else is
    said, not hidden (``InvoerFout``, nothing changes).
    """
    with db.schrijven() as s:
        rij = s.get(RolRij, rol_id)
        if rij is None or rij.toegekend_op != toegekend_op:
            raise InvoerFout(
                "Deze rol was intussen al ingetrokken, door een andere beheerder of in een ander venster; "
                "er is niets veranderd. De lijst hieronder is bijgewerkt."
            )
        eis(gebruiker, "beheren", rij.gm_code, repo.gemeente_naam(s, rij.gm_code))
        if rij.rol == "beheerder" and rij.email == gebruiker.email and not gebruiker.overal_beheerder:
            raise InvoerFout(
                "U kunt uw eigen rol beheerder niet intrekken: dan kan niemand van deze gemeente het terugzetten. "
                "Laat een andere beheerder dat doen."
            )
        s.delete(rij)


# --- rounds as a signed-in person ---------------------------------------------------------------


def start_ronde_als(
    db: Database,
    vragenlijst: Vragenlijst,
    gebruiker: Gebruiker | None,
    *,
    gm_code: str,
    facilitator: str,
    datum: dt.date,
    omschrijving: str = "",
    functie: str = "",
) -> Sessie:
    """``start.start_ronde`` for a person who may lead rounds of ``gm_code``."""
    with db.lezen() as s:
        naam = repo.gemeente_naam(s, gm_code or "")
    if naam is None:
        raise InvoerFout(
            f"Gemeente '{gm_code}' staat niet in de CBS-lijst van gemeenten. Kies de gemeente uit de lijst."
        )
    eis(gebruiker, "leiden", gm_code, naam)
    sessie = start.start_ronde(
        db,
        vragenlijst,
        gm_code=gm_code,
        facilitator=facilitator,
        datum=datum,
        omschrijving=omschrijving,
        functie=functie,
    )
    if gebruiker is not None and gebruiker.email:
        with db.schrijven() as s:
            rij = s.get(DeelnemerRij, sessie.deelnemer.id)
            if rij is not None:
                rij.email = gebruiker.email
    return sessie


def open_als_facilitator(db: Database, gebruiker: Gebruiker, ronde_id: int) -> Sessie:
    """Open a round of a gemeente the person leads, as its facilitator.

    A signed-in person gets back the facilitator they were in this round (found by address), or
    becomes a new one under their own name; the beheer link's browser in single-machine mode
    takes the round's first facilitator.
    """
    ronde = _rondes(db, gebruiker, [ronde_id])[ronde_id]
    with db.lezen() as s:
        eis(gebruiker, "leiden", ronde.gm_code, repo.gemeente_naam(s, ronde.gm_code))
        vraag = select(DeelnemerRij.token).where(DeelnemerRij.ronde_id == ronde_id, DeelnemerRij.rol == "facilitator")
        if gebruiker.email:
            vraag = vraag.where(DeelnemerRij.email == gebruiker.email)
        token = s.scalar(vraag.order_by(DeelnemerRij.id).limit(1))
    if token is None:
        naam, sleutel = regels.naam_en_sleutel(gebruiker.naam)
        with db.schrijven() as s:
            bezet = set(s.scalars(select(DeelnemerRij.naam_sleutel).where(DeelnemerRij.ronde_id == ronde_id)))
            # A colleague with the same name in the round: keep both apart by the address.
            if sleutel in bezet:
                naam, sleutel = regels.naam_en_sleutel(f"{naam} ({gebruiker.email})")
            rij = DeelnemerRij(
                ronde_id=ronde_id,
                naam=naam,
                naam_sleutel=sleutel,
                rol="facilitator",
                email=gebruiker.email,
                token=regels.nieuw_token(),
            )
            s.add(rij)
            s.flush()
            token = rij.token
    sessie = start.sessie_voor_token(db, token)
    if sessie is None:  # removed between the two transactions
        raise InvoerFout("Deze scanronde bestaat niet meer.")
    return sessie


def importeer_als(db: Database, vragenlijst: Vragenlijst, gebruiker: Gebruiker | None, scan: Scan) -> Sessie:
    """``uitwisseling.importeer`` for a person who may lead rounds of the file's gemeente."""
    with db.lezen() as s:
        naam = repo.gemeente_naam(s, scan.gemeente.gm_code)
    if naam is not None:  # an unknown code is refused by the import's own checks, with the rest
        eis(gebruiker, "leiden", scan.gemeente.gm_code, naam)
    sessie = importeer(db, vragenlijst, scan)
    if gebruiker is not None and gebruiker.email:
        with db.schrijven() as s:
            rij = s.get(DeelnemerRij, sessie.deelnemer.id)
            if rij is not None:
                rij.email = gebruiker.email
    return sessie
