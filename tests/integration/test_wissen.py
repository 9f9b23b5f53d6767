"""Erasure, round deletion and retention on both databases (issue 18, items 1 and 2): THE test.

A unique name, "Zyxwvutsra Qpoonm", is planted in every place a name can reach, then erased, and
the test proves it is nowhere: in no text column of any table (every String/Text column of every
table in ``Base.metadata``, so a column added later is searched too) and in no new export or report.

Places planted (``PLAATSEN`` below, checked to hold the name before the erasure):
- ``deelnemers.naam``, ``deelnemers.functie``, ``deelnemers.email`` (Zyxwvutsra is a second facilitator);
- ``antwoorden.toelichting``: their own explanation, and another participant's mentioning them;
- ``ambities.toelichting`` (their personal ambition's explanation);
- ``notities.tekst`` (a note of the round mentioning them);
- ``consensus.vastgesteld_door`` (they agreed a level) and ``consensus.toelichting``;
- ``vastgestelde_ambities.gewijzigd_door`` and ``.toelichting`` (an agreed ambition they recorded);
- ``doelen.gewijzigd_door``, ``.eigenaar``, ``.draagvlak``, ``.notities``, ``.actie``;
- ``naleving.gewijzigd_door`` and ``.notitie``;
- ``scanrondes.omschrijving`` (the round's description);
- ``logboek.wie`` (as a workshop actor with their participant id, and as their address) and
  ``logboek.onderwerp``;
- ``herstemmingen`` (a re-vote of theirs; no text, the row must go);
- the exports: Excel, the four CSV tables, the JSON exchange file (``scan.services.uitwisseling.
  exporteer`` with ``reports.exports``), both PDFs (text extracted with pypdf);
- the app's log output (caplog on the ``scan`` and ``reports`` loggers).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import secrets
import string
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from pypdf import PdfReader
from sqlalchemy import String, Text, func, select
from sqlalchemy.orm import Session

from reports.exports import csv_zip, naar_excel
from reports.pdf import rapport
from scan.db.tabellen import (
    AmbitieRij,
    AntwoordRij,
    Base,
    DeelnemerRij,
    DoelRij,
    GebeurtenisRij,
    HerstemmingRij,
    NalevingRij,
    NotitieRij,
    RondeRij,
    RondeScoreRij,
    StapRij,
)
from scan.db.verbinding import Database
from scan.fouten import GeenToegang, InvoerFout
from scan.leesmodellen import Sessie
from scan.services import invullen, start, werkgroep, wissen, workshop
from scan.services.toegang import Gebruiker
from scan.services.uitwisseling import exporteer
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst
from scoring.uitwissel import schrijf_scan
from scoring.wissen import ROL_DEELNEMER, ROL_FACILITATOR
from tests.rondes import BEHEERDER, start_ronde

NAAM = "Zyxwvutsra Qpoonm"
"""Made unique per test by ``uniek`` (PostgreSQL's test database is shared by a process's tests)."""
EMAIL = "zyxwvutsra.qpoonm@gemeente.example"
SPOREN = ("zyxwvutsra", "qpoonm")
"""What must be gone: any part of the name or address, in any case."""


@pytest.fixture(autouse=True)
def uniek(monkeypatch: pytest.MonkeyPatch) -> None:
    u = "".join(secrets.choice(string.ascii_lowercase) for _ in range(8))
    module = sys.modules[__name__]
    monkeypatch.setattr(module, "NAAM", f"Zyxwvutsra{u} Qpoonm{u[::-1]}")
    monkeypatch.setattr(module, "EMAIL", f"zyxwvutsra{u}.qpoonm@gemeente.example")
    monkeypatch.setattr(module, "SPOREN", (f"zyxwvutsra{u}", f"qpoonm{u[::-1]}"))


DATUM = dt.date(2026, 11, 22)

PLAATSEN = {
    ("deelnemers", "naam"),
    ("deelnemers", "functie"),
    ("deelnemers", "email"),
    ("antwoorden", "toelichting"),
    ("ambities", "toelichting"),
    ("notities", "tekst"),
    ("consensus", "vastgesteld_door"),
    ("consensus", "toelichting"),
    ("vastgestelde_ambities", "gewijzigd_door"),
    ("vastgestelde_ambities", "toelichting"),
    ("doelen", "gewijzigd_door"),
    ("doelen", "eigenaar"),
    ("doelen", "draagvlak"),
    ("doelen", "notities"),
    ("doelen", "actie"),
    ("naleving", "gewijzigd_door"),
    ("naleving", "notitie"),
    ("scanrondes", "omschrijving"),
    ("logboek", "wie"),
    ("logboek", "onderwerp"),
}


def _bevat(tekst: str) -> bool:
    laag = tekst.casefold()
    return any(s in laag for s in SPOREN)


def vindplaatsen(db: Database) -> set[tuple[str, str]]:
    """Every (table, column) whose text holds a trace of the name: all text columns of all tables."""
    gevonden = set()
    with db.lezen() as s:
        for tabel in Base.metadata.sorted_tables:
            kolommen = [k for k in tabel.columns if isinstance(k.type, String | Text)]
            for k in kolommen:
                for waarde in s.execute(select(k).where(k.is_not(None))).scalars():
                    if _bevat(str(waarde)):
                        gevonden.add((tabel.name, k.name))
    return gevonden


def _pdf_tekst(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def _zip_tekst(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


def uitvoer(db: Database, vl: Vragenlijst, ronde_id: int) -> dict[str, str]:
    """The text of every export and report of the round, as a user would download it now."""
    scan = exporteer(db, ronde_id)
    resultaat = bereken_scan(vl, scan)
    return {
        "json": schrijf_scan(scan),
        "xlsx": _zip_tekst(naar_excel(vl, scan, resultaat)),
        "csv": _zip_tekst(csv_zip(vl, scan, resultaat)),
        "handout": _pdf_tekst(rapport("handout", vl, scan, resultaat, vandaag=DATUM)),
        "volledig": _pdf_tekst(rapport("volledig", vl, scan, resultaat, vandaag=DATUM)),
    }


@dataclass
class Geplant:
    fatima: Sessie
    z: Sessie
    anna: Sessie


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    caplog.set_level(logging.DEBUG, logger="scan")
    caplog.set_level(logging.DEBUG, logger="reports")
    yield caplog


def plant(db: Database, vl: Vragenlijst) -> Geplant:
    """A round with the name in every place (see the module docstring)."""
    fatima = start_ronde(
        db, vl, gm_code="GM0344", facilitator="Fatima", datum=DATUM, omschrijving=f"Sessie met {NAAM.upper()}"
    )
    code = fatima.ronde.code
    z = start.neem_deel(db, vl, code=code, naam=NAAM, functie=f"Adviseur {NAAM}", rol="facilitator")
    anna = start.neem_deel(db, vl, code=code, naam="Anna", functie="KCC")
    b1 = vl.bouwstenen[0]
    s1, s2 = b1.stellingen[0].id, b1.stellingen[1].id
    for wie, niveau in ((z, "4"), (anna, "2"), (fatima, "3")):
        for s in b1.stellingen:
            invullen.sla_antwoord_op(db, vl, wie, s.id, niveau)
        invullen.sla_ambitie_op(db, vl, wie, b1.id, 4)
    invullen.sla_toelichting_op(db, vl, z, s1, f"Ik, {NAAM}, zie dit anders.")
    invullen.sla_toelichting_op(db, vl, anna, s1, f"Zoals {NAAM.lower()} al zei: eerst de basis.")
    workshop.stel_consensus_vast(
        db, vl, z, stelling=s1, niveau=3, toelichting=f"Voorstel van {NAAM}", verwachte_versie=None
    )
    werkgroep.stel_ambitie_vast(db, vl, z, b1.id, 4, f"Op voorstel van {NAAM}", verwachte_versie=None)
    with db.schrijven() as s:
        ronde_id = fatima.ronde.id
        d = s.get_one(DeelnemerRij, z.deelnemer.id)
        d.email = EMAIL
        ambitie = s.scalars(select(AmbitieRij).where(AmbitieRij.deelnemer_id == z.deelnemer.id)).one()
        ambitie.toelichting = f"{NAAM} wil hoger"
        s.add(NotitieRij(ronde_id=ronde_id, bouwsteen=b1.id, tekst=f"Actiepunt voor {NAAM}"))
        s.add(
            DoelRij(
                ronde_id=ronde_id,
                sleutel="eigen_1",
                besluit="geaccepteerd",
                bouwsteen=b1.id,
                titel="Eén kanaalregie",
                actie=f"{NAAM} schrijft het plan",
                eigenaar=NAAM,
                draagvlak=f"Team van {NAAM}",
                notities=f"Besproken met {NAAM}",
                status="plan",
                gewijzigd_door=NAAM,
            )
        )
        s.add(
            NalevingRij(
                ronde_id=ronde_id,
                item=vl.naleving[0].id,
                status="deels",
                notitie=f"Nagevraagd door {NAAM}",
                gewijzigd_door=NAAM,
            )
        )
        s.add(StapRij(ronde_id=ronde_id, volgnummer=1, stelling=s2, herstemming=True))
        s.add(HerstemmingRij(ronde_id=ronde_id, deelnemer_id=z.deelnemer.id, stelling=s2, antwoord="5"))
        s.add(
            GebeurtenisRij(
                handeling="consensus.vastgesteld",
                wie=NAAM,
                wie_deelnemer_id=z.deelnemer.id,
                gm_code="GM0344",
                ronde_id=ronde_id,
                onderwerp=f"stelling {s1} ({NAAM})",
            )
        )
        s.add(GebeurtenisRij(handeling="doel.gewijzigd", wie=EMAIL, gm_code="GM0344", ronde_id=ronde_id))
    return Geplant(fatima=fatima, z=z, anna=anna)


def _versie(db: Database, deelnemer_id: int) -> int:
    with db.lezen() as s:
        return s.scalar(select(DeelnemerRij.versie).where(DeelnemerRij.id == deelnemer_id)) or 0


def _aantal(s: Session, tabel: type[Base], ronde_id: int) -> int:
    return int(s.scalar(select(func.count()).select_from(tabel).where(tabel.ronde_id == ronde_id)) or 0)  # type: ignore[attr-defined]


def test_plant__the_name_is_in_every_place_before_erasure(
    db: Database, vragenlijst: Vragenlijst, logs: pytest.LogCaptureFixture
) -> None:
    """The planting itself works: otherwise "nowhere afterwards" would prove nothing."""
    geplant = plant(db, vragenlijst)
    assert PLAATSEN <= vindplaatsen(db)
    tekst = uitvoer(db, vragenlijst, geplant.fatima.ronde.id)
    assert {k for k, v in tekst.items() if _bevat(v)} == {"json", "xlsx", "csv", "handout", "volledig"}


def test_erasure__the_name_is_nowhere_in_the_database_exports_reports_or_logs(
    db: Database, vragenlijst: Vragenlijst, logs: pytest.LogCaptureFixture
) -> None:
    geplant = plant(db, vragenlijst)
    ronde_id = geplant.fatima.ronde.id
    zid = geplant.z.deelnemer.id
    workshop.rond_af(db, vragenlijst, geplant.fatima)  # closed: the key figures must follow
    with db.lezen() as s:
        voor = s.scalar(select(RondeScoreRij.kerncijfers).where(RondeScoreRij.ronde_id == ronde_id))

    assert werkgroep.verwijder_deelnemer(db, geplant.fatima, zid, verwachte_versie=_versie(db, zid)) == NAAM

    assert vindplaatsen(db) == set()
    for soort, tekst in uitvoer(db, vragenlijst, ronde_id).items():
        assert not _bevat(tekst), soort
    assert not _bevat(logs.text)
    with db.lezen() as s:
        assert s.scalar(select(func.count()).where(HerstemmingRij.deelnemer_id == zid)) == 0
        # Their role stands where their name stood; the other people's words stay.
        doel = s.scalars(select(DoelRij).where(DoelRij.ronde_id == ronde_id)).one()
        assert (doel.gewijzigd_door, doel.eigenaar, doel.actie) == (
            ROL_FACILITATOR,
            ROL_FACILITATOR,
            f"{ROL_FACILITATOR} schrijft het plan",
        )
        regels = s.scalars(select(GebeurtenisRij).where(GebeurtenisRij.ronde_id == ronde_id)).all()
        gewist = [r for r in regels if r.handeling == "deelnemer.gewist"]  # one round: not shared
        assert len(gewist) == 1 and gewist[0].wie == "Fatima" and gewist[0].onderwerp == f"deelnemer {zid}"
        # Their role stands where their name stood as the actor; the other people's own lines
        # (Fatima closing the round, this computer starting it) stay theirs.
        actoren = {r.wie for r in regels if r.handeling != "deelnemer.gewist"}
        assert ROL_FACILITATOR in actoren and actoren <= {ROL_FACILITATOR, "Fatima", "Deze computer"}
        na = s.scalar(select(RondeScoreRij.kerncijfers).where(RondeScoreRij.ronde_id == ronde_id))
    assert na is not None and na != voor  # computed again without their answers
    assert start.sessie_voor_token(db, geplant.z.deelnemer.token) is None


def test_erasure__by_a_beheerder__also_the_last_facilitator(db: Database, vragenlijst: Vragenlijst) -> None:
    geplant = plant(db, vragenlijst)
    ronde_id = geplant.fatima.ronde.id
    # Fatima erased first by the facilitator Zyxwvutsra; then Zyxwvutsra is the last facilitator.
    werkgroep.verwijder_deelnemer(
        db, geplant.z, geplant.fatima.deelnemer.id, verwachte_versie=_versie(db, geplant.fatima.deelnemer.id)
    )
    zid = geplant.z.deelnemer.id
    with pytest.raises(InvoerFout, match="uzelf niet"):
        werkgroep.verwijder_deelnemer(db, geplant.z, zid, verwachte_versie=_versie(db, zid))
    vreemde = Gebruiker(naam="Olga", email="olga@amsterdam.example", rollen={"GM0363": frozenset({"beheerder"})})
    with pytest.raises(GeenToegang):
        wissen.wis_deelnemer_als(db, vreemde, ronde_id, geplant.z.deelnemer.id)
    assert wissen.wis_deelnemer_als(db, BEHEERDER, ronde_id, geplant.z.deelnemer.id) == NAAM
    assert vindplaatsen(db) == set()
    with db.lezen() as s:
        wie = s.scalars(
            select(GebeurtenisRij.wie).where(
                GebeurtenisRij.handeling == "deelnemer.gewist", GebeurtenisRij.ronde_id == ronde_id
            )
        ).all()
    assert ROL_FACILITATOR in wie and "Deze computer" in wie


def test_round_deletion__everything_goes_but_the_audit_line(
    db: Database, vragenlijst: Vragenlijst, logs: pytest.LogCaptureFixture
) -> None:
    geplant = plant(db, vragenlijst)
    ronde_id = geplant.fatima.ronde.id
    anders = start_ronde(db, vragenlijst, gm_code="GM0344", facilitator="Gijs", datum=DATUM)
    workshop.rond_af(db, vragenlijst, geplant.fatima)
    with pytest.raises(GeenToegang):
        wissen.verwijder_ronde(db, Gebruiker(naam="Olga", email="o@x.example"), ronde_id)

    weg = wissen.verwijder_ronde(db, BEHEERDER, ronde_id)

    assert weg.id == ronde_id
    assert vindplaatsen(db) == set()
    assert not _bevat(logs.text)
    with db.lezen() as s:
        for tabel in Base.metadata.sorted_tables:
            if "ronde_id" in tabel.c and tabel.name != "logboek":
                assert s.scalar(select(func.count()).select_from(tabel).where(tabel.c.ronde_id == ronde_id)) == 0, (
                    tabel.name
                )
        assert s.get(RondeRij, ronde_id) is None
        assert s.get(RondeRij, anders.ronde.id) is not None  # another round untouched
        regels = s.scalars(select(GebeurtenisRij).where(GebeurtenisRij.ronde_id == ronde_id)).all()
    assert [r.handeling for r in regels if r.handeling == "ronde.verwijderd"] == ["ronde.verwijderd"]
    with pytest.raises(InvoerFout):
        exporteer(db, ronde_id)


def test_retention__pseudonymises_a_round_past_its_period_and_keeps_what_scores(
    db: Database, vragenlijst: Vragenlijst, logs: pytest.LogCaptureFixture
) -> None:
    geplant = plant(db, vragenlijst)
    ronde_id = geplant.fatima.ronde.id
    open_ronde = start_ronde(db, vragenlijst, gm_code="GM0344", facilitator="Olaf Openhouder", datum=DATUM)
    workshop.rond_af(db, vragenlijst, geplant.fatima)
    with db.lezen() as s:
        cijfers = s.scalar(select(RondeScoreRij.kerncijfers).where(RondeScoreRij.ronde_id == ronde_id))
        antwoorden = _aantal(s, AntwoordRij, ronde_id)
    resultaat_voor = bereken_scan(vragenlijst, exporteer(db, ronde_id))

    vandaag = dt.datetime.now(dt.UTC)
    assert ronde_id not in [
        r.ronde_id for r in wissen.bewaaroverzicht(db, BEHEERDER, None, maanden=24, moment=vandaag).nu
    ]
    binnenkort = wissen.bewaaroverzicht(db, BEHEERDER, None, maanden=24, moment=vandaag + dt.timedelta(days=720))
    assert ronde_id in [r.ronde_id for r in binnenkort.binnenkort]
    assert ronde_id not in [r.ronde_id for r in binnenkort.nu]
    later = vandaag + dt.timedelta(days=24 * 31 + 1)
    gedaan = wissen.pas_bewaartermijn_toe(db, BEHEERDER, None, maanden=24, moment=later)

    assert ronde_id in [r.ronde_id for r in gedaan]
    assert vindplaatsen(db) == set()
    for soort, tekst in uitvoer(db, vragenlijst, ronde_id).items():
        assert not _bevat(tekst), soort
        assert "Anna" not in tekst and "Fatima" not in tekst, soort
    assert not _bevat(logs.text)
    with db.lezen() as s:
        namen = s.scalars(
            select(DeelnemerRij.naam).where(DeelnemerRij.ronde_id == ronde_id).order_by(DeelnemerRij.id)
        ).all()
        assert namen == ["Deelnemer 1", "Deelnemer 2", "Deelnemer 3"]
        assert s.scalar(select(RondeScoreRij.kerncijfers).where(RondeScoreRij.ronde_id == ronde_id)) == cijfers
        assert _aantal(s, AntwoordRij, ronde_id) == antwoorden
        ronde = s.get_one(RondeRij, ronde_id)
        assert ronde.persoonsgegevens_gewist_op is not None
        # the open round is untouched
        assert s.scalar(select(DeelnemerRij.naam).where(DeelnemerRij.ronde_id == open_ronde.ronde.id)) == (
            "Olaf Openhouder"
        )
        toegepast = s.scalars(
            select(GebeurtenisRij).where(
                GebeurtenisRij.handeling == "bewaartermijn.toegepast", GebeurtenisRij.ronde_id == ronde_id
            )
        ).all()
    assert len(toegepast) == 1
    # the anonymous scores stay as they were
    resultaat_na = bereken_scan(vragenlijst, exporteer(db, ronde_id))
    assert resultaat_na.totaal == resultaat_voor.totaal
    for p in (geplant.fatima, geplant.z, geplant.anna):
        assert start.sessie_voor_token(db, p.deelnemer.token) is None
    # a second run finds nothing due
    assert ronde_id not in [
        r.ronde_id for r in wissen.pas_bewaartermijn_toe(db, BEHEERDER, None, maanden=24, moment=later)
    ]
    assert ROL_DEELNEMER  # the role words exist for the note


def test_foreign_keys__are_on_for_every_sqlite_connection_the_project_opens(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    """App engines (read and write), Alembic's own connection (env.py without a handed-over
    connection, as ``alembic upgrade head`` runs) and the command line's."""
    from alembic import command
    from sqlalchemy import event
    from sqlalchemy.pool import Pool

    from scan import cli
    from scan.db.migraties import alembic_config

    gezien: list[int] = []

    def bij_uitlenen(dbapi: object, _rec: object, _proxy: object) -> None:
        if type(dbapi).__module__.startswith("sqlite3"):
            cur = dbapi.cursor()  # type: ignore[attr-defined]
            gezien.append(cur.execute("PRAGMA foreign_keys").fetchone()[0])
            cur.close()

    event.listen(Pool, "checkout", bij_uitlenen)
    try:
        with sqlite_db.lezen() as s:
            s.execute(select(1))
        with sqlite_db.schrijven() as s:
            s.execute(select(1))
        monkeypatch.setenv("DATABASE_URL", sqlite_db.url)
        command.upgrade(alembic_config(), "head")
        assert cli.main(["bewaartermijn"]) == 0
    finally:
        event.remove(Pool, "checkout", bij_uitlenen)
    assert len(gezien) >= 4 and set(gezien) == {1}
