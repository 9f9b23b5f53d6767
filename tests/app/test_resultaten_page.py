"""AppTest of Resultaten: the sentence, four radars with their tables, agreement; an empty round."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import invullen, resultaten, start
from scoring.models import Vragenlijst
from tests.app.conftest import kerncijfers

pytestmark = pytest.mark.apptest
RESULTATEN = "scan/ui/paginas/resultaten.py"


def test_resultaten__empty_round__says_there_is_no_score_yet(open_app: Callable[..., AppTest], ronde: Sessie) -> None:
    at = open_app(RESULTATEN, d=ronde.deelnemer.token)
    assert not at.exception
    assert "nog geen antwoorden" in at.info[0].value


def test_resultaten__radars_and_tables_show_the_engines_scores(
    open_app: Callable[..., AppTest], app_db: Database, ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    for i, naam in enumerate(["Anna", "Bert"]):
        sessie = start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam=naam)
        for j, (_, s) in enumerate(vragenlijst.stellingen()):
            invullen.sla_antwoord_op(app_db, vragenlijst, sessie, s.id, str((i + j) % 5 + 1))
        for b in vragenlijst.bouwstenen:
            invullen.sla_ambitie_op(app_db, vragenlijst, sessie, b.id, 4)
    verwacht = resultaten.resultaat(app_db, vragenlijst, ronde.ronde.id)
    at = open_app(RESULTATEN, d=ronde.deelnemer.token)
    assert not at.exception
    assert at.markdown[0].value.startswith("## Utrecht scoort ")
    # Key figures in our own wrapping markup, not st.metric (cut with "…" under text spacing).
    assert not at.metric
    assert kerncijfers(at)[0][1] == f"{verwacht.totaal.score:.0f} / 100"
    charts = at.get("vega_lite_chart")
    specs = [json.loads(c.proto.spec) for c in charts]
    assert len(specs) == 4
    # Each chart's text alternative is its accessible name (alt), not a second description.
    assert all(c.proto.alt.startswith("Radar ") for c in charts)
    assert not any("description" in s for s in specs)
    kern = at.dataframe[0].value
    namen = [b.naam.nl for b in vragenlijst.bouwstenen if b.type == "kern"]
    assert list(kern["Onderdeel"]) == namen
    # Shown as text so a missing score reads "–" (the grid would draw the English "None").
    assert list(kern["Huidig"]) == [str(round(b.score or 0)) for b in verwacht.bouwstenen if b.type == "kern"]
    assert list(kern["Ambitie"]) == ["75"] * 8
    kenmerken = at.dataframe[3].value
    assert "Ambitie" not in kenmerken.columns
    assert len(kenmerken) == 8


# --- issue 16: what a facilitated session leaves behind ---


def _koppen(at: AppTest) -> list[str]:
    return [h.value for h in at.header]


def test_resultaten__eigen_tempo_round__has_no_session_section(
    open_app: Callable[..., AppTest], app_db: Database, ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    anna = start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam="Anna")
    for _, s in vragenlijst.stellingen()[:6]:
        invullen.sla_antwoord_op(app_db, vragenlijst, anna, s.id, "3")
    at = open_app(RESULTATEN, d=ronde.deelnemer.token)
    assert not at.exception
    assert "Wat de bespreking veranderde" not in _koppen(at)
    assert not any(k.startswith(("Waar de werkgroep gokt", "Waar de disciplines")) for k in _koppen(at))


def test_resultaten__samen_round__shows_before_and_after_guesses_and_for_the_facilitator_disciplines(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst
) -> None:
    from tests.samen_ronde import GOKKEN, samen_ronde

    fac, mensen = samen_ronde(app_db, vragenlijst)
    at = open_app(RESULTATEN, d=fac.deelnemer.token)
    assert not at.exception
    koppen = _koppen(at)
    assert "Wat de bespreking veranderde" in koppen
    teksten = [m.value for m in at.markdown]
    assert "**Na bespreking lag 1 van de 2 bespreekpunten binnen één niveau\\.**" in teksten
    tabel = next(d.value for d in at.dataframe if "Voor de bespreking" in d.value.columns)
    assert list(tabel["Voor de bespreking"]) == ["1–5 (4)", "1–5 (4)"]
    assert list(tabel["Na de bespreking"]) == ["3–4 (1)", "1–4 (3)"]
    assert list(tabel["Uitkomst"]) == ["samengekomen", "uiteen gebleven"]
    per_bouwsteen = next(d.value for d in at.dataframe if "Opnieuw gestemd" in d.value.columns)
    assert per_bouwsteen.iloc[0].to_dict() == {
        "Bouwsteen": vragenlijst.bouwstenen[0].naam.nl,
        "Opnieuw gestemd": 2,
        "Samengekomen": 1,
        "Uiteen gebleven": 1,
        "Verder uiteen": 0,
    }
    assert any("blijven de keuze van de werkgroep" in i.value for i in at.info)
    assert f"Waar de werkgroep gokt ({len(GOKKEN)})" in koppen
    # The facilitator sees the disciplines; KCC and ICT stand as groups of two, Eva (beleid) joins one.
    assert "Waar de disciplines het anders zien" in koppen
    groepen = next(d.value for d in at.dataframe if "Verschil" in d.value.columns)
    assert list(groepen["Bouwsteen"]) == [vragenlijst.bouwstenen[0].naam.nl]
    assert groepen.iloc[0, 1].startswith("KCC (2): 3,") and "ICT en beleid (3): 2," in groepen.iloc[0, 1]
    # A participant sees the same evidence, without any discipline group.
    at = open_app(RESULTATEN, d=mensen[0].deelnemer.token)
    assert not at.exception
    koppen = _koppen(at)
    assert "Wat de bespreking veranderde" in koppen
    assert "Waar de disciplines het anders zien" not in koppen
    assert not any("KCC (" in str(d.value.to_dict()) for d in at.dataframe)


def test_resultaten__a_running_revote__shows_the_state_before_it(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst
) -> None:
    from scan.services import samen
    from tests.samen_ronde import samen_ronde

    fac, mensen = samen_ronde(app_db, vragenlijst)
    derde = vragenlijst.bouwstenen[0].stellingen[1].id
    samen.herstem(app_db, vragenlijst, fac, derde)
    samen.sla_herstemming_op(app_db, vragenlijst, mensen[0], derde, "5")
    at = open_app(RESULTATEN, d=fac.deelnemer.token)
    assert not at.exception
    tabel = next(d.value for d in at.dataframe if "Voor de bespreking" in d.value.columns)
    assert len(tabel) == 2  # the running re-vote is blind: not in the table until its reveal
