"""The mapping between questionnaire versions and what it allows a comparison to show (issue 15)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.loader import VRAGENLIJSTEN_DIR
from scoring.models import Tekst
from scoring.vergelijking import Kerncijfers, ontwikkeling, vergelijkbaar
from scoring.versies import Overgang, OvergangBestand, Stap, controleer_overgang, laad_versie

NIEUW = laad_versie("2.0")
OUD = laad_versie("1.0")
BOUWSTENEN = [b.id for b in NIEUW.bouwstenen]


def _cijfers(versie: str, score: float) -> Kerncijfers:
    return Kerncijfers(
        vragenlijst_versie=versie,
        deelnemers=5,
        totaal=score,
        typen={"kern": score, "aanvullend": score},
        dimensies={b.dimensie: score for b in NIEUW.bouwstenen},
        kenmerken={},
        bouwstenen=dict.fromkeys(BOUWSTENEN, score),
        ambities={},
    )


def _overgang(ja: set[str]) -> Overgang:
    stap = Stap(soort="zelfde", van=["x_y"], naar=["x_y"])
    return Overgang(
        van="1.0",
        naar="2.0",
        bouwstenen={
            b: OvergangBestand(
                bouwsteen=b,
                vergelijkbaar="ja" if b in ja else "nee",
                notitie=Tekst(nl=f"notitie {b}"),
                stellingen=[stap],
            )
            for b in BOUWSTENEN
        },
    )


@given(st.sets(st.sampled_from(BOUWSTENEN)))
def test_a_group_is_comparable_across_versions_only_when_all_its_bouwstenen_are(ja: set[str]) -> None:
    mag = vergelijkbaar(NIEUW, _cijfers("1.0", 30), _cijfers("2.0", 50), _overgang(ja))
    for b in NIEUW.bouwstenen:
        assert mag["bouwsteen", b.id] == (b.id in ja)
    for d in NIEUW.meta.dimensies:
        leden = {b.id for b in NIEUW.bouwstenen if b.dimensie == d.id}
        assert mag["dimensie", d.id] == (leden <= ja)
    kern = {b.id for b in NIEUW.bouwstenen if b.type == "kern"}
    assert mag["type", "kern"] == (kern <= ja)
    assert mag["totaal", "totaal"] == (ja == set(BOUWSTENEN))


@given(st.sets(st.sampled_from(BOUWSTENEN)))
def test_a_difference_is_shown_exactly_where_comparable_and_every_other_part_says_why(ja: set[str]) -> None:
    uit = ontwikkeling(NIEUW, _cijfers("1.0", 30), _cijfers("2.0", 50), _overgang(ja))
    assert uit.over_versies
    for deel, verschil in uit.verschillen.items():
        assert (verschil == 20) == uit.vergelijkbaar[deel]
        assert (verschil is None) == (not uit.vergelijkbaar[deel])
        if not uit.vergelijkbaar[deel]:
            assert uit.notities[deel].startswith("Niet vergelijkbaar")
        if deel[0] == "bouwsteen":
            assert f"notitie {deel[1]}" in uit.notities[deel]


def test_rounds_of_one_version__compare_everything_without_notes() -> None:
    uit = ontwikkeling(NIEUW, _cijfers("2.0", 30), _cijfers("2.0", 45), None)
    assert not uit.over_versies and uit.notities == {}
    assert all(v == 15 for v in uit.verschillen.values())


def test_without_a_mapping__nothing_is_comparable_across_versions() -> None:
    uit = ontwikkeling(NIEUW, _cijfers("1.0", 30), _cijfers("2.0", 45), None)
    assert all(v is None for v in uit.verschillen.values())


def test_the_published_mapping__covers_every_stelling_of_both_versions() -> None:
    overgang, problemen = controleer_overgang(OUD, NIEUW)
    assert overgang is not None, problemen
    assert set(overgang.bouwstenen) == set(BOUWSTENEN)


@pytest.fixture
def kopie(tmp_path: Path) -> Path:
    shutil.copytree(VRAGENLIJSTEN_DIR / "1.0", tmp_path / "1.0")
    shutil.copytree(VRAGENLIJSTEN_DIR / "2.0", tmp_path / "2.0")
    return tmp_path


def test_a_1_0_stelling_the_mapping_forgets__is_named(kopie: Path) -> None:
    pad = kopie / "2.0" / "van_1.0" / "01_kanaalinzet.yaml"
    tekst = pad.read_text(encoding="utf-8")
    eerste = next(s.id for s in OUD.bouwsteen("kanaalinzet").stellingen if s.id in tekst)
    pad.write_text(tekst.replace(f"[{eerste}]", "[]", 1), encoding="utf-8")
    overgang, problemen = controleer_overgang(OUD, NIEUW, kopie)
    assert overgang is None
    assert any(
        f"stelling '{eerste}' van versie 1.0 komt in geen enkele overgang voor" in str(p) for p in problemen
    ) or any("past niet bij" in str(p) for p in problemen)


def test_an_unknown_stelling_in_the_mapping__is_located(kopie: Path) -> None:
    pad = kopie / "2.0" / "van_1.0" / "02_kanaalinrichting.yaml"
    tekst = pad.read_text(encoding="utf-8")
    pad.write_text(
        tekst.replace("naar: [kanaalinrichting_", "naar: [kanaalinrichting_bestaat_niet_", 1), encoding="utf-8"
    )
    _, problemen = controleer_overgang(OUD, NIEUW, kopie)
    assert any(
        "2.0/van_1.0/02_kanaalinrichting.yaml:13:12: stelling" in str(p) and "bestaat niet in versie 2.0" in str(p)
        for p in problemen
    )
