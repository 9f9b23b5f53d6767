"""Properties of the comparison core (scoring/vergelijking.py): quartiles, the five-gemeenten
rule, where a score lies, and the change between rounds."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.models import Vragenlijst
from scoring.vergelijking import MIN_GROEP, Kerncijfers, benchmark, onderdelen, plaats, spreiding, verschil

score = st.floats(min_value=0, max_value=100, allow_nan=False)
misschien = st.one_of(st.none(), score)


def _heel(x: float) -> int:
    return math.floor(x + 0.5)


@given(st.lists(misschien, max_size=40))
def test_spread__only_from_five_scores_and_quartiles_in_order_within_the_scores(waarden: list[float | None]) -> None:
    aanwezig = [w for w in waarden if w is not None]
    uit = spreiding(waarden)
    if len(aanwezig) < MIN_GROEP:
        assert uit is None
        return
    assert uit is not None
    assert uit.n == len(aanwezig)
    assert min(aanwezig) - 1e-9 <= uit.q1 <= uit.mediaan <= uit.q3 <= max(aanwezig) + 1e-9
    assert spreiding(list(reversed(waarden))) == uit


@given(score, st.lists(score, min_size=MIN_GROEP, max_size=30))
def test_place__agrees_with_the_whole_numbers_shown(eigen: float, groep: list[float]) -> None:
    s = spreiding(groep)
    assert s is not None
    p = plaats(eigen, s)
    if _heel(eigen) < _heel(s.q1):
        assert p == "onder"
    elif _heel(eigen) > _heel(s.q3):
        assert p == "boven"
    else:
        assert p == "midden"
    assert plaats(None, s) is None and plaats(eigen, None) is None


def _cijfers(vl: Vragenlijst, scores: st.DrawFn, versie: str | None = None) -> Kerncijfers:
    def kaart(ids: list[str]) -> dict[str, float | None]:
        return {i: scores(misschien) for i in ids}

    return Kerncijfers(
        vragenlijst_versie=versie or vl.versie,
        deelnemers=scores(st.integers(min_value=1, max_value=15)),
        totaal=scores(misschien),
        typen=kaart(["kern", "aanvullend"]),
        dimensies=kaart([d.id for d in vl.meta.dimensies]),
        kenmerken=kaart([k.id for k in vl.meta.kenmerken]),
        bouwstenen=kaart([b.id for b in vl.bouwstenen]),
        ambities=kaart([b.id for b in vl.bouwstenen]),
    )


@pytest.mark.slow
@given(data=st.data(), aantal=st.integers(min_value=0, max_value=12), anders=st.integers(min_value=0, max_value=3))
def test_benchmark__counts_comparable_gemeenten_and_hides_every_figure_below_five(
    vragenlijst: Vragenlijst, data: st.DataObject, aantal: int, anders: int
) -> None:
    eigen = _cijfers(vragenlijst, data.draw)
    peers = {f"GM{i:04d}": _cijfers(vragenlijst, data.draw) for i in range(aantal)}
    # Rounds of another questionnaire version are not comparable and do not count.
    peers |= {f"GM9{i:03d}": _cijfers(vragenlijst, data.draw, versie="0.1") for i in range(anders)}
    bm = benchmark(eigen, "testgroep", peers)
    assert bm.gemeenten == aantal
    assert bm.voldoende == (aantal >= MIN_GROEP)
    assert [(p.soort, p.onderdeel) for p in bm.posities] == onderdelen(eigen)
    for p in bm.posities:
        waarden = [
            k.score(p.soort, p.onderdeel) for k in peers.values() if k.vragenlijst_versie == eigen.vragenlijst_versie
        ]
        assert p.groep == spreiding(waarden)
        assert p.eigen == eigen.score(p.soort, p.onderdeel)
        if not bm.voldoende:
            assert p.groep is None and p.plaats is None


@given(data=st.data())
def test_change__is_new_minus_old_and_none_where_either_has_no_score(
    vragenlijst: Vragenlijst, data: st.DataObject
) -> None:
    oud, nieuw = _cijfers(vragenlijst, data.draw), _cijfers(vragenlijst, data.draw)
    for (soort, deel), delta in verschil(oud, nieuw).items():
        a, b = oud.score(soort, deel), nieuw.score(soort, deel)
        assert delta == (None if a is None or b is None else b - a)
    assert all(d in (None, 0) for d in verschil(nieuw, nieuw).values())
