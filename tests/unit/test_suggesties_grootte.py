"""Goal suggestions fit the gemeente's size (issue 15, point 9): Ooststellingwerf and Rotterdam no
longer get the same proposal with only the name swapped."""

from __future__ import annotations

import datetime as dt

import pytest

from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scoring.doelen import GROOTTEKLASSE, controleer_doelen, past_bij
from scoring.engine import bereken_scan
from scoring.suggesties import stel_voor
from scoring.versies import laad_versie, map_van

VANDAAG = dt.date(2026, 12, 7)
VL = laad_versie("2.0")
BIB, _ = controleer_doelen(VL, map_van("2.0"))
GROOT_ALLEEN = ("CIO", "datateam", "controller", "Directeur dienstverlening", "Chief")


def _voorstellen(seed: int, grootteklasse: str | None, aantal: int = 7):  # type: ignore[no-untyped-def]
    assert BIB is not None
    scan = maak_demo(VL, zoek_gemeente("Zeist"), 8, VANDAAG, seed=seed)
    return stel_voor(
        VL, BIB, bereken_scan(VL, scan), gemeente="X", vandaag=VANDAAG, grootteklasse=grootteklasse, aantal=aantal
    )


@pytest.mark.parametrize("seed", range(6))
def test_a_small_gemeente__gets_only_templates_for_its_size_and_owners_it_has(seed: int) -> None:
    for v in _voorstellen(seed, "<25.000"):
        sjabloon = next(s for s in BIB.voor(v.bouwsteen) if s.id == v.sjabloon)  # type: ignore[union-attr]
        assert past_bij(sjabloon, "klein")
        assert not any(rol.lower() in v.doel.eigenaar.lower() for rol in GROOT_ALLEEN), v.doel.eigenaar


def test_the_same_scores_in_a_small_and_a_very_large_gemeente__name_other_owners() -> None:
    klein = [v.doel.eigenaar for seed in range(4) for v in _voorstellen(seed, "<25.000")]
    groot = [v.doel.eigenaar for seed in range(4) for v in _voorstellen(seed, ">100.000")]
    assert klein != groot


def test_every_size_class_of_the_municipality_list__is_known_to_the_goal_library() -> None:
    from scan.gemeenten import alle_gemeenten

    assert {g.grootteklasse for g in alle_gemeenten()} <= set(GROOTTEKLASSE)
