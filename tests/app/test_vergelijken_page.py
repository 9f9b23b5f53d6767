"""AppTest of Vergelijken and Beheer, and of who may start, import and open rounds on Start.

Identity is stood in for through ``scan.ui.lees_identiteit`` (fixture ``als``): the one place
the app reads it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from scan.db.tabellen import BenchmarkDeelnameRij, DeelnemerRij, RolRij, RondeRij
from scan.db.verbinding import Database
from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scan.leesmodellen import Sessie
from scan.services import start
from scan.ui.weergave import zichtbare_tekst
from scoring.models import Vragenlijst
from scoring.uitwissel import schrijf_scan
from tests.app.conftest import ken_toe
from tests.rondes import importeer

pytestmark = pytest.mark.apptest
VERGELIJKEN = "scan/ui/paginas/vergelijken.py"
BEHEER = "scan/ui/paginas/beheer.py"
FRIESLAND = ["Leeuwarden", "Smallingerland", "Heerenveen", "De Fryske Marren", "Waadhoeke", "Harlingen"]


def _ronde(db: Database, vl: Vragenlijst, gemeente: str, jaar: int, afgerond: bool = True, seed: int = 1) -> int:
    scan = maak_demo(vl, zoek_gemeente(gemeente), 4, dt.date(jaar, 3, 1), seed=seed)
    scan = scan.model_copy(
        update={
            "fictief": False,
            "scanronde": scan.scanronde.model_copy(update={"status": "afgerond" if afgerond else "open"}),
        }
    )
    return importeer(db, vl, scan).ronde.id


@pytest.fixture
def rondes(app_db: Database, vragenlijst: Vragenlijst) -> dict[str, list[int]]:
    """Almere and Utrecht with two closed rounds each (2025, 2026)."""
    return {
        naam: [_ronde(app_db, vragenlijst, naam, jaar, seed=i + jaar) for jaar in (2025, 2026)]
        for i, naam in enumerate(["Almere", "Utrecht"])
    }


def _knop(at: AppTest, label: str) -> Any:
    return next(b for b in at.button if b.proto.label == label)


def _specs(at: AppTest) -> list[dict[str, object]]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def test_vergelijken__person_at_the_machine_compares_all_rounds(
    open_app: Callable[..., AppTest], rondes: dict[str, list[int]], beheer_geheim: str
) -> None:
    at = open_app(VERGELIJKEN, beheer=beheer_geheim)
    assert not at.exception
    keuze = at.multiselect(key="vergelijken_rondes")
    assert len(keuze.options) == 4
    # The newest round of each gemeente is chosen to begin with.
    assert sorted(keuze.value) == sorted([rondes["Almere"][1], rondes["Utrecht"][1]])
    tabel = at.table[0].value
    assert [zichtbare_tekst(k) for k in tabel.columns] == ["Onderdeel", "Almere · 01-03-2026", "Utrecht · 01-03-2026"]
    assert len(tabel) == 8  # the kernbouwstenen
    assert at.query_params["ronde"] == [str(i) for i in keuze.value]
    assert any("Score per bouwsteen" in json.dumps(s) for s in _specs(at))
    # Development needs two rounds of one gemeente.
    assert any("twee of meer scanrondes van dezelfde gemeente" in i.value for i in at.info)
    keuze.set_value(rondes["Almere"])
    at.run()
    assert not at.exception
    verschil = next(d.value for d in at.dataframe if "Verschil" in d.value.columns)
    assert list(verschil.columns) == ["Onderdeel", "Almere · 01-03-2025", "Almere · 01-03-2026", "Verschil"]
    totaal = verschil.iloc[0]
    assert totaal["Onderdeel"] == "Kernbouwstenen"  # the headline first
    assert totaal["Verschil"] == pytest.approx(totaal["Almere · 01-03-2026"] - totaal["Almere · 01-03-2025"], abs=1)


def test_vergelijken__an_adviser_sees_only_granted_gemeenten_and_a_link_to_another_is_refused(
    open_app: Callable[..., AppTest], app_db: Database, rondes: dict[str, list[int]], als: Callable[..., None]
) -> None:
    ken_toe(app_db, "ad@bureau.nl", "GM0034", "adviseur")  # Almere
    als("ad@bureau.nl", "Ad Viseur")
    utrecht = rondes["Utrecht"][1]
    at = open_app(VERGELIJKEN, ronde=str(utrecht))
    assert not at.exception
    # The same words as for a round that does not exist: the id reveals no gemeente (issue 13, case 10).
    assert "Utrecht" not in zichtbare_tekst(
        at.error[0].value
    ) and "bestaat niet, of u heeft geen rol" in zichtbare_tekst(at.error[0].value)
    afwezig = open_app(VERGELIJKEN, ronde=str(utrecht + 10_000))
    assert zichtbare_tekst(afwezig.error[0].value) == zichtbare_tekst(at.error[0].value).replace(
        str(utrecht), str(utrecht + 10_000)
    )
    keuze = at.multiselect(key="vergelijken_rondes")
    assert len(keuze.options) == 2 and all(o.startswith("Almere") for o in keuze.options)
    assert utrecht not in keuze.value
    alles = " ".join(str(d.value.to_dict()) for d in [*at.dataframe, *at.table])
    assert "Utrecht" not in alles
    assert "Almere" in alles


def test_vergelijken__without_sign_in_or_from_another_device_shows_no_data(
    open_app: Callable[..., AppTest], rondes: dict[str, list[int]], als: Callable[..., None]
) -> None:
    als(None)  # sign-in configured, nobody signed in
    at = open_app(VERGELIJKEN)
    assert not at.exception
    assert "Log in" in at.warning[0].value
    assert [b.proto.label for b in at.button] == ["Inloggen"] * len(at.button)
    assert not at.get("vega_lite_chart") and not at.dataframe
    als(modus="enkel", lokaal=False)  # a phone in the workshop, single-machine mode
    at = open_app(VERGELIJKEN)
    assert "alleen te openen in de browser die de beheerlink heeft geopend" in at.warning[0].value
    assert not at.dataframe


def test_vergelijken__benchmark_for_an_opted_in_gemeente_and_refusal_for_others(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, beheer_geheim: str
) -> None:
    ids = [_ronde(app_db, vragenlijst, naam, 2026, seed=i) for i, naam in enumerate(FRIESLAND[:5])]
    buiten = _ronde(app_db, vragenlijst, "Almere", 2026)
    with app_db.schrijven() as s:
        s.add_all(BenchmarkDeelnameRij(gm_code=zoek_gemeente(n).gm_code, door="test") for n in FRIESLAND[:5])
    at = open_app(VERGELIJKEN, ronde=str(ids[0]), beheer=beheer_geheim)
    at.radio(key="vergelijken_bm_groep").set_value("provincie")
    at.run()
    assert not at.exception
    zin = " ".join(m.value for m in at.markdown)
    assert "Leeuwarden" in zin and "provincie Fryslân" in zin and "5 gemeenten" in zin
    bm = next(d.value for d in at.dataframe if "Mediaan" in d.value.columns)
    assert list(bm.columns) == ["Onderdeel", "Eigen score", "Q1", "Mediaan", "Q3", "Plaats"]
    assert (bm["Q1"] <= bm["Mediaan"]).all() and (bm["Mediaan"] <= bm["Q3"]).all()
    # No other gemeente's name anywhere on the benchmark.
    tekst = " ".join(m.value for m in at.markdown) + str(bm.to_dict())
    assert not any(n in tekst for n in FRIESLAND[1:])
    at = open_app(VERGELIJKEN, ronde=str(buiten), beheer=beheer_geheim)
    assert any("doet niet mee aan de anonieme benchmark" in i.value for i in at.info)


def test_beheer__a_beheerder_grants_roles_and_opts_in_a_facilitator_cannot(
    open_app: Callable[..., AppTest], app_db: Database, als: Callable[..., None]
) -> None:
    ken_toe(app_db, "baas@almere.nl", "GM0034", "beheerder")
    als("baas@almere.nl", "Baas")
    at = open_app(BEHEER)
    assert not at.exception
    assert at.selectbox(key="beheer_gemeente").value == "GM0034"  # the only one: chosen already
    at.text_input[0].input("Nieuwe.Adviseur@Bureau.nl")
    at.selectbox[1].set_value("adviseur")
    _knop(at, "Rol toekennen").click()
    at.run()
    assert not at.exception
    with app_db.lezen() as s:
        assert ("nieuwe.adviseur@bureau.nl", "adviseur") in s.execute(select(RolRij.email, RolRij.rol)).all()
    at.toggle(key="beheer_bm_GM0034").set_value(True)
    at.run()
    with app_db.lezen() as s:
        assert s.get(BenchmarkDeelnameRij, "GM0034") is not None
    at.text_input[0].input("geen-adres")
    _knop(at, "Rol toekennen").click()
    at.run()
    assert "geen geldig e-mailadres" in zichtbare_tekst(at.error[0].value)
    ken_toe(app_db, "fac@almere.nl", "GM0034", "facilitator")
    als("fac@almere.nl", "Fac")
    at = open_app(BEHEER)
    assert "van geen enkele gemeente beheerder" in at.warning[0].value


def _aantal(db: Database) -> int:
    with db.lezen() as s:
        return int(s.scalar(select(func.count()).select_from(RondeRij)) or 0)


def test_start__only_who_may_lead_starts_or_imports_and_only_in_their_gemeenten(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, als: Callable[..., None]
) -> None:
    als(None)
    at = open_app()
    assert any("Log in om een scanronde te starten" in i.value for i in at.info)
    assert not at.get("file_uploader")
    ken_toe(app_db, "ad@bureau.nl", "GM0034", "adviseur")
    als("ad@bureau.nl", "Ad")
    at = open_app()
    assert any("geen enkele gemeente de rol facilitator" in i.value for i in at.info)
    ken_toe(app_db, "fac@almere.nl", "GM0034", "facilitator")
    als("fac@almere.nl", "Fien Facilitator")
    at = open_app()
    assert at.selectbox[0].options == ["Almere (Flevoland)"]
    # A file of another gemeente is refused by name, and nothing is written.
    utrecht = maak_demo(vragenlijst, zoek_gemeente("Utrecht"), 3, dt.date(2026, 11, 22), seed=2)
    at.file_uploader(key="import_bestand").upload("utrecht.json", schrijf_scan(utrecht).encode())
    at.run()
    knop = next(b for b in at.button if b.proto.label == "Importeren en openen")
    knop.click()
    at.run()
    assert not at.exception
    assert any("Utrecht" in e.value and "geen toegang" in e.value for e in at.error)
    assert _aantal(app_db) == 0


def test_start__a_facilitator_opens_an_existing_round_of_their_gemeente(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, als: Callable[..., None]
) -> None:
    almere = _ronde(app_db, vragenlijst, "Almere", 2026, afgerond=False)
    _ronde(app_db, vragenlijst, "Utrecht", 2026, afgerond=False)
    ken_toe(app_db, "fac@almere.nl", "GM0034", "facilitator")
    als("fac@almere.nl", "Fien Facilitator")
    at = open_app()
    keuze = next(s for s in at.selectbox if s.label == "Scanronde")
    assert len(keuze.options) == 1 and keuze.options[0].startswith("Almere")
    keuze.set_value(almere)
    at.run()
    next(b for b in at.button if b.proto.label == "Openen als facilitator").click()
    at.run()
    assert not at.exception
    assert at.title[0].value == "Workshop Almere"
    sessie = start.sessie_voor_token(app_db, at.session_state["token"])
    assert sessie is not None and sessie.ronde.id == almere
    assert sessie.is_facilitator and sessie.deelnemer.naam == "Fien Facilitator"


def test_with_auth_in_secrets_the_app_asks_to_sign_in_and_a_participant_still_joins(
    app_db: Database, ronde: Sessie
) -> None:
    """No stand-in here: the real ``lees_identiteit`` with an [auth] section and nobody signed in."""
    at = AppTest.from_file(str(Path(__file__).resolve().parents[2] / "app.py"), default_timeout=30)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32}
    at.run()
    assert not at.exception
    assert any(b.proto.label == "Inloggen" for b in at.sidebar.button)
    assert any("Log in om een scanronde te starten" in i.value for i in at.info)
    assert "computermodus" not in " ".join(c.value for c in at.sidebar.caption)
    # Joining a workshop needs no account.
    at.text_input[0].input(ronde.ronde.code)
    at.text_input[1].input("Deelnemer Zonder Account")
    next(b for b in at.button if b.proto.label == "Meedoen").click()
    at.run()
    assert not at.exception
    assert "Deelnemer Zonder Account" in " ".join(c.value for c in at.caption)


def test_resultaten__one_benchmark_sentence_only_for_an_opted_in_gemeente(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst
) -> None:
    sessies = []
    for i, naam in enumerate(FRIESLAND):
        scan = maak_demo(vragenlijst, zoek_gemeente(naam), 4, dt.date(2026, 3, 1), seed=i)
        scan = scan.model_copy(
            update={"fictief": False, "scanronde": scan.scanronde.model_copy(update={"status": "afgerond"})}
        )
        sessies.append(importeer(app_db, vragenlijst, scan))
    with app_db.schrijven() as s:
        s.add_all(BenchmarkDeelnameRij(gm_code=x.ronde.gm_code, door="test") for x in sessies[:5])
    at = open_app("scan/ui/paginas/resultaten.py", d=sessies[0].deelnemer.token)
    assert not at.exception
    zin = next(i.value for i in at.info if "middelste helft" in i.value)
    assert "Leeuwarden" in zin and "provincie Fryslân" in zin
    buiten = _ronde(app_db, vragenlijst, "Almere", 2026)
    with app_db.lezen() as s:
        token = s.scalar(select(DeelnemerRij.token).where(DeelnemerRij.ronde_id == buiten))
    at = open_app("scan/ui/paginas/resultaten.py", d=str(token))
    assert not any("middelste helft" in i.value for i in at.info)


def test_start__a_signed_in_facilitator_starts_a_round_under_their_account(
    open_app: Callable[..., AppTest], app_db: Database, als: Callable[..., None]
) -> None:
    ken_toe(app_db, "fien@almere.nl", "GM0034", "facilitator")
    als("fien@almere.nl", "Fien Facilitator")
    at = open_app()
    at.selectbox[0].set_value("GM0034")
    assert at.text_input(key="nieuw_naam").value == "Fien Facilitator"
    _knop(at, "Scanronde starten").click()
    at.run()
    assert not at.exception
    assert at.title[0].value == "Workshop Almere"
    with app_db.lezen() as s:
        rij = s.execute(select(DeelnemerRij.naam, DeelnemerRij.email, DeelnemerRij.rol)).one()
    assert tuple(rij) == ("Fien Facilitator", "fien@almere.nl", "facilitator")


def test_vergelijken__a_link_with_too_many_or_odd_rounds_still_opens(
    open_app: Callable[..., AppTest], rondes: dict[str, list[int]], beheer_geheim: str
) -> None:
    ids = [str(i) for i in rondes["Almere"] + rondes["Utrecht"]]
    at = open_app(VERGELIJKEN, ronde=ids * 8 + ["abc", "-1"], beheer=beheer_geheim)  # type: ignore[arg-type]
    assert not at.exception
    assert sorted(at.multiselect(key="vergelijken_rondes").value) == sorted(int(i) for i in ids)
