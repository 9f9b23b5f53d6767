"""Rounds keep their questionnaire version (issue 15): a 1.0 round, imported from its exchange file
after 2.0 became the default, opens Resultaten with 1.0's own stellingen and compares with a 2.0
round of the same gemeente through the mapping, with the mapping's notes and no false difference."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from scan.db.verbinding import Database
from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scan.leesmodellen import Sessie
from scan.services import uitwisseling
from scan.services.toegang import lokale_gebruiker
from scan.ui.weergave import zichtbare_tekst
from scoring.models import Vragenlijst
from scoring.uitwissel import lees_scan_bytes, schrijf_scan
from scoring.versies import laad_overgang, laad_versie

pytestmark = pytest.mark.apptest
RESULTATEN = "scan/ui/paginas/resultaten.py"
INVULLEN = "scan/ui/paginas/invullen.py"
VERGELIJKEN = "scan/ui/paginas/vergelijken.py"


def _uit_bestand(db: Database, standaard: Vragenlijst, versie: str, jaar: int) -> Sessie:
    """A closed round of Zeist filled in with ``versie``, written to and read back from an exchange
    file, then imported into an installation whose default is ``standaard``."""
    scan = maak_demo(laad_versie(versie), zoek_gemeente("Zeist"), 5, dt.date(jaar, 3, 1), seed=jaar)
    scan = scan.model_copy(
        update={"fictief": False, "scanronde": scan.scanronde.model_copy(update={"status": "afgerond"})}
    )
    bestand = schrijf_scan(scan).encode()
    return uitwisseling.importeer_als(db, standaard, lokale_gebruiker(), lees_scan_bytes(bestand, "zeist.json"))


@pytest.fixture
def zeist_10(app_db: Database, vragenlijst: Vragenlijst) -> Sessie:
    assert vragenlijst.versie == "2.0"  # the installation's default
    return _uit_bestand(app_db, vragenlijst, "1.0", 2025)


def test_a_1_0_round_from_its_exchange_file__keeps_1_0_and_opens_resultaten_with_its_own_stellingen(
    open_app: Callable[..., AppTest], zeist_10: Sessie
) -> None:
    assert zeist_10.ronde.vragenlijst_versie == "1.0"
    at = open_app(RESULTATEN, d=zeist_10.deelnemer.token)
    assert not at.exception
    assert not at.error
    tekst = " ".join(zichtbare_tekst(m.value) for m in [*at.markdown, *at.caption])
    assert "Zeist" in tekst and "kernbouwstenen" in tekst
    # 1.0 has no compliance check: no such section for its rounds.
    assert "Wettelijke verplichtingen (nalevingscheck)" not in [h.value for h in at.header]


def test_a_1_0_round__is_filled_in_with_1_0s_scale_and_stellingen(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst
) -> None:
    from tests.rondes import start_ronde

    oud = laad_versie("1.0")
    ronde = start_ronde(app_db, oud, gm_code="GM0355", facilitator="Fatima", datum=dt.date(2026, 11, 22))
    at = open_app(INVULLEN, d=ronde.deelnemer.token)
    assert not at.exception
    eerste = oud.bouwstenen[0].stellingen[0]
    assert at.radio(key=f"a_{eerste.id}").options[0] == f"1 · {oud.schaal.niveaus[0].naam.nl}"


def test_vergelijken__a_1_0_and_a_2_0_round_of_zeist__show_the_mapping_notes_not_a_difference(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, zeist_10: Sessie, beheer_geheim: str
) -> None:
    zeist_20 = _uit_bestand(app_db, vragenlijst, "2.0", 2026)
    at = open_app(VERGELIJKEN, ronde=[str(zeist_10.ronde.id), str(zeist_20.ronde.id)], beheer=beheer_geheim)
    assert not at.exception
    assert any("verschillende versies van de vragenlijst (1.0, 2.0)" in i.value for i in at.info)
    verschil = next(d.value for d in at.dataframe if "Verschil" in d.value.columns)
    assert "Opmerking" in verschil.columns
    overgang = laad_overgang("1.0", "2.0")
    assert overgang is not None
    for _, rij in verschil.iterrows():
        naam = rij["Onderdeel"]
        bouwsteen = next((b for b in vragenlijst.bouwstenen if b.naam.nl in naam), None)
        if bouwsteen is not None and not overgang.vergelijkbaar(bouwsteen.id):
            # No difference where the versions measure something else, and the mapping's note instead.
            assert rij["Verschil"] is None or rij["Verschil"] != rij["Verschil"]  # None or NaN
            assert rij["Opmerking"].startswith("Niet vergelijkbaar.")
            assert overgang.notitie(bouwsteen.id) in rij["Opmerking"]


@pytest.mark.parametrize("soort", ["json", "xlsx"])
def test_start__a_1_0_exchange_file_imports_as_a_1_0_round_and_opens_resultaten(
    open_app: Callable[..., AppTest], app_db: Database, beheer_geheim: str, soort: str
) -> None:
    from sqlalchemy import select

    from reports.exports import naar_excel
    from scan.db.tabellen import RondeRij
    from scoring.engine import bereken_scan

    oud = laad_versie("1.0")
    scan = maak_demo(oud, zoek_gemeente("Ooststellingwerf"), 4, dt.date(2025, 3, 1), seed=3)
    data = schrijf_scan(scan).encode() if soort == "json" else naar_excel(oud, scan, bereken_scan(oud, scan))
    at = open_app(beheer=beheer_geheim)
    at.file_uploader(key="import_bestand").upload(f"ooststellingwerf.{soort}", data)
    at.run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    next(b for b in at.button if b.label == "Importeren en openen").click()
    at.run()
    assert not at.exception
    with app_db.lezen() as s:
        assert s.scalars(select(RondeRij.vragenlijst_versie)).one() == "1.0"
    assert at.title[0].value == "Resultaten Ooststellingwerf"
