"""AppTest of how scores and levels are presented (issue 15, points 1, 2, 6 and 7): the kern score
leads with the schil score beside it and the non-comparability sentence; dimension and kenmerk
tables say what they rest on; the pages where one answers show neutral level names, the fill-in
rule and the stelling's toelichting."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from reports.duiding import NIET_VERGELIJKBAAR, SCHIL_NAAM, samenstelling
from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import invullen, resultaten, start
from scan.ui.teksten import t
from scan.ui.weergave import zichtbare_tekst
from scoring.models import Vragenlijst
from tests.app.conftest import kerncijfers

pytestmark = pytest.mark.apptest
RESULTATEN = "scan/ui/paginas/resultaten.py"
INVULLEN = "scan/ui/paginas/invullen.py"
WORKSHOP = "scan/ui/paginas/workshop.py"
NEUTRAAL = ["1 · Startend", "2 · Basis", "3 · Samenhangend", "4 · Gestuurd", "5 · Voorbeeld"]


@pytest.fixture
def gevuld(app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie) -> Sessie:
    """Two participants answer everything (kern and schil differ) and want level 4 everywhere."""
    for i, naam in enumerate(["Anna", "Bert"]):
        sessie = start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam=naam)
        for b in vragenlijst.bouwstenen:
            for s in b.stellingen:
                invullen.sla_antwoord_op(app_db, vragenlijst, sessie, s.id, str(3 + i if b.type == "kern" else 1 + i))
            invullen.sla_ambitie_op(app_db, vragenlijst, sessie, b.id, 4)
    return ronde


def test_resultaten__headline_is_the_kern_score_with_the_schil_score_beside_and_the_sentence(
    open_app: Callable[..., AppTest], app_db: Database, gevuld: Sessie, vragenlijst: Vragenlijst
) -> None:
    verwacht = resultaten.resultaat(app_db, vragenlijst, gevuld.ronde.id)
    kern, schil = (next(g for g in verwacht.typen if g.id == soort) for soort in ("kern", "aanvullend"))
    assert (kern.score, schil.score, verwacht.totaal.score) == (62.5, 12.5, 37.5)
    at = open_app(RESULTATEN, d=gevuld.deelnemer.token)
    assert not at.exception
    kop = zichtbare_tekst(at.markdown[0].value).removeprefix("## ")
    assert kop.startswith("Utrecht scoort 63 van 100 op de kernbouwstenen (band hoog)")
    assert "13 van 100 op de aanvullende bouwstenen voor organisatie en overheid (band zeer beperkt)" in kop
    assert kerncijfers(at)[:2] == [("Kernbouwstenen", "63 / 100", "Hoog"), (SCHIL_NAAM, "13 / 100", "Zeer beperkt")]
    # Right under the headline: the score is the werkgroep's own judgement, not the VNG scan's.
    assert zichtbare_tekst(at.caption[1].value) == NIET_VERGELIJKBAAR
    # The mean of all sixteen (38) is no headline anywhere on the page.
    alles = " ".join(zichtbare_tekst(e.value) for e in [*at.markdown, *at.caption]) + str(kerncijfers(at))
    assert "38 / 100" not in alles and "Totaalscore" not in alles


def test_resultaten__dimension_table_shows_its_composition_and_kenmerken_their_number_of_stellingen(
    open_app: Callable[..., AppTest], gevuld: Sessie, vragenlijst: Vragenlijst
) -> None:
    at = open_app(RESULTATEN, d=gevuld.deelnemer.token)
    dimensies = at.dataframe[2].value
    assert list(dimensies.columns[:2]) == ["Onderdeel", "Bouwstenen"]
    assert list(dimensies["Bouwstenen"]) == [samenstelling(vragenlijst, d.id) for d in vragenlijst.meta.dimensies]
    assert list(dimensies["Bouwstenen"])[:2] == ["4 kern", "1 kern + 2 aanvullend"]
    assert any(t("resultaten.dimensies.uitleg") == c.value for c in at.caption)
    aantal = {k.id: sum(k.id in s.kenmerken for _, s in vragenlijst.stellingen()) for k in vragenlijst.meta.kenmerken}
    kenmerken = list(at.dataframe[3].value["Onderdeel"])
    assert kenmerken == [f"{k.naam.nl} ({aantal[k.id]} stellingen)" for k in vragenlijst.meta.kenmerken]


def test_invullen__options_show_neutral_level_names_the_rule_and_the_toelichting_as_text(
    open_app: Callable[..., AppTest], app_db: Database, ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    karel = start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam="Karel")
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    assert not at.exception
    eerste = vragenlijst.bouwstenen[0].stellingen[0]
    radio = at.radio(key=f"a_{eerste.id}")
    assert radio.options[:5] == NEUTRAAL
    assert radio.proto.captions[0].replace("\\", "") == eerste.niveaus.bij(1).nl  # then the anchor
    assert at.info[0].value == "Kies het hoogste niveau waarvan alles klopt."
    # The channel generations explain the scale as a whole; they are not on the options.
    assert not any("Vergelijk:" in o or "kanalen" in o for o in radio.options)
    # The toelichting is questionnaire data: shown under the stelling as plain text, not markup.
    assert any(eerste.toelichting is not None and zichtbare_tekst(c.value) == eerste.toelichting.nl for c in at.caption)
    radio.set_value("3").run()
    assert at.toast[0].value.startswith("Opgeslagen: stelling 1, 3 · Samenhangend")


def test_workshop__stelling_view_shows_neutral_names_the_rule_and_the_toelichting(
    open_app: Callable[..., AppTest], app_db: Database, ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    eerste = vragenlijst.bouwstenen[0].stellingen[0]
    for i, naam in enumerate(["Anna", "Bert"]):
        sessie = start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam=naam)
        invullen.sla_antwoord_op(app_db, vragenlijst, sessie, eerste.id, str(1 + 3 * i))
    at = open_app(WORKSHOP, d=ronde.deelnemer.token)
    assert not at.exception
    blok = at.expander[0]
    assert eerste.tekst.nl in blok.label
    assert list(blok.table[0].value.columns[:5]) == NEUTRAAL
    assert any(
        eerste.toelichting is not None and zichtbare_tekst(c.value) == eerste.toelichting.nl for c in blok.caption
    )
    tekst = " ".join(m.value for m in blok.markdown)
    assert "**Kies het hoogste niveau waarvan alles klopt.**" in tekst
    assert "**1 · Startend**" in tekst and "**4 · Gestuurd**" in tekst
