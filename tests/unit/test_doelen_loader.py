"""The goal library loader: located Dutch problems for a broken template file, nothing half-loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.doelen import controleer_doelen
from scoring.loader import laad_vragenlijst
from scoring.models import Vragenlijst


@pytest.fixture
def vragenlijst(vragenlijst_kopie: Path) -> Vragenlijst:
    # The questionnaire of the copy these tests break (version 1.0, see tests/conftest.py).
    return laad_vragenlijst(vragenlijst_kopie)


def test_broken_template_file__gives_located_dutch_problems(vragenlijst: Vragenlijst, vragenlijst_kopie: Path) -> None:
    pad = vragenlijst_kopie / "doelen" / "01_kanaalinzet.yaml"
    tekst = pad.read_text(encoding="utf-8")
    tekst = tekst.replace(
        "stellingen: [kanaalinzet_kanaalkeuze, kanaalinzet_gebruik]", "stellingen: [kanaalregie_kennisbank]", 1
    )
    pad.write_text(tekst, encoding="utf-8")
    bibliotheek, problemen = controleer_doelen(vragenlijst, vragenlijst_kopie)
    assert bibliotheek is None
    assert [str(p).split(": ", 1)[1] for p in problemen] == [
        "stelling 'kanaalregie_kennisbank' hoort niet bij bouwsteen 'kanaalinzet'"
    ]
    assert str(problemen[0]).startswith("questionnaires/doelen/01_kanaalinzet.yaml:")

    pad.write_text(
        pad.read_text(encoding="utf-8").replace("horizon_maanden: 9", "horizon_maanden: 36", 1), encoding="utf-8"
    )
    _, problemen = controleer_doelen(vragenlijst, vragenlijst_kopie)
    assert any("horizon_maanden: waarde 36 is te groot; maximaal 24" in str(p) for p in problemen)


def test_a_step_with_too_few_templates__is_named(vragenlijst: Vragenlijst, vragenlijst_kopie: Path) -> None:
    pad = vragenlijst_kopie / "doelen" / "01_kanaalinzet.yaml"
    pad.write_text(pad.read_text(encoding="utf-8").replace("    van: 4\n", "    van: 3\n"), encoding="utf-8")
    _, problemen = controleer_doelen(vragenlijst, vragenlijst_kopie)
    assert any("stap 4 naar 5 heeft 0 sjablonen voor grootte 'klein'; minstens 2 nodig" in str(p) for p in problemen)


def test_a_missing_file__is_named(vragenlijst: Vragenlijst, vragenlijst_kopie: Path) -> None:
    (vragenlijst_kopie / "doelen" / "16_datagestuurde_overheid.yaml").unlink()
    _, problemen = controleer_doelen(vragenlijst, vragenlijst_kopie)
    assert [p.melding for p in problemen] == ["geen doelenbestand voor bouwsteen 'datagestuurde_overheid'"]


def test_a_step_without_two_templates_for_one_size_class__is_named(vragenlijst_kopie) -> None:
    # Both step-1 templates of kanaalinzet are limited to the largest gemeenten: a small
    # gemeente would get no choice for that step.
    pad = vragenlijst_kopie / "doelen" / "01_kanaalinzet.yaml"
    tekst = pad.read_text(encoding="utf-8")
    tekst = tekst.replace("    van: 1\n", "    van: 1\n    grootte: [zeer_groot]\n")
    pad.write_text(tekst, encoding="utf-8")
    vragenlijst = laad_vragenlijst(vragenlijst_kopie)
    bib, problemen = controleer_doelen(vragenlijst, vragenlijst_kopie)
    assert bib is None
    assert any("stap 1 naar 2 heeft 0 sjablonen voor grootte 'klein'" in str(p) for p in problemen)


def test_owner_and_size_class__follow_the_template() -> None:
    from scoring.doelen import GROOTTEKLASSE, DoelSjabloon, eigenaar_voor, past_bij

    basis = {
        "id": "x_y",
        "van": 1,
        "titel": {"nl": "t"},
        "actie": {"nl": "a"},
        "indicator": {
            "naam": {"nl": "n"},
            "eenheid": "%",
            "richting": "hoger",
            "meting": {"nl": "m"},
            "bron": {"nl": "b"},
        },
        "streefregel": {"nl": "s"},
        "eigenaar": {"nl": "Directeur dienstverlening"},
        "horizon_maanden": 6,
        "stellingen": ["a_b"],
    }
    sjabloon = DoelSjabloon.model_validate(
        {**basis, "eigenaar_per_grootte": {"klein": {"nl": "Teamleider publiekszaken"}}, "grootte": ["klein", "middel"]}
    )
    assert eigenaar_voor(sjabloon, "klein").nl == "Teamleider publiekszaken"
    assert eigenaar_voor(sjabloon, "middel").nl == "Directeur dienstverlening"
    assert eigenaar_voor(sjabloon, None).nl == "Directeur dienstverlening"
    assert past_bij(sjabloon, "klein") and not past_bij(sjabloon, "zeer_groot") and past_bij(sjabloon, None)
    assert set(GROOTTEKLASSE.values()) == {"klein", "middel", "groot", "zeer_groot"}
