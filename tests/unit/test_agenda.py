"""The discussion agenda (scoring.agenda): order rules as properties, the estimate, the budget."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.agenda import Punt, agenda, orden, punten, ver_uiteen
from scoring.engine import bereken
from scoring.loader import laad_vragenlijst
from scoring.uitwissel import Ambitie, Antwoord, Consensus

MARKERING = st.sampled_from([None, "later", "geparkeerd"])


@st.composite
def punt_lijsten(draw: st.DrawFn) -> list[Punt]:
    aantal = draw(st.integers(0, 40))
    return [
        Punt(
            stelling=f"s{i:02d}",
            kern=draw(st.booleans()),
            spreiding=draw(st.integers(2, 4)),
            afstand=draw(st.floats(0, 4, allow_nan=False)),
            ver_uiteen=draw(st.integers(0, 50)),
            markering=draw(MARKERING),
            besproken=draw(st.integers(0, 5)) == 0,
            volgnummer=i,
        )
        for i in range(aantal)
    ]


@given(punt_lijsten())
def test_orden__parked_point__never_before_an_unparked_one(lijst: list[Punt]) -> None:
    volgorde = orden(lijst)
    eerste_geparkeerd = next((i for i, p in enumerate(volgorde) if p.markering == "geparkeerd"), len(volgorde))
    assert all(p.markering == "geparkeerd" for p in volgorde[eerste_geparkeerd:])
    eerste_later = next((i for i, p in enumerate(volgorde) if p.markering is not None), len(volgorde))
    assert all(p.markering is not None for p in volgorde[eerste_later:])


@given(punt_lijsten())
def test_orden__within_a_mark__kern_before_aanvullend_and_done_points_left_out(lijst: list[Punt]) -> None:
    volgorde = orden(lijst)
    assert not any(p.besproken for p in volgorde)
    assert len(volgorde) == sum(1 for p in lijst if not p.besproken)
    for a, b in itertools.pairwise(volgorde):
        if a.markering == b.markering:
            assert a.kern or not b.kern


@given(punt_lijsten(), st.data())
def test_orden__more_spread__never_moves_a_point_down(lijst: list[Punt], data: st.DataObject) -> None:
    open_ = [p for p in lijst if not p.besproken]
    if not open_:
        return
    gekozen = data.draw(st.sampled_from(open_))
    extra = data.draw(st.integers(1, 3))
    voor = [p.stelling for p in orden(lijst)].index(gekozen.stelling)
    meer = [p.model_copy(update={"spreiding": p.spreiding + extra}) if p is gekozen else p for p in lijst]
    na = [p.stelling for p in orden(meer)].index(gekozen.stelling)
    assert na <= voor


@given(punt_lijsten(), st.data())
def test_orden__more_distance_or_more_people_apart__never_moves_a_point_down(
    lijst: list[Punt], data: st.DataObject
) -> None:
    open_ = [p for p in lijst if not p.besproken]
    if not open_:
        return
    gekozen = data.draw(st.sampled_from(open_))
    veld = data.draw(st.sampled_from(["afstand", "ver_uiteen"]))
    waarde = getattr(gekozen, veld) + data.draw(st.integers(1, 3))
    voor = [p.stelling for p in orden(lijst)].index(gekozen.stelling)
    meer = [p.model_copy(update={veld: waarde}) if p is gekozen else p for p in lijst]
    assert [p.stelling for p in orden(meer)].index(gekozen.stelling) <= voor


@given(punt_lijsten(), st.sampled_from([1.0, 2.0, 2.5, 3.0, 5.0, 10.0]), st.integers(0, 240))
def test_agenda__estimate_is_count_times_minutes_and_budget_is_respected(
    lijst: list[Punt], minuten: float, budget: int
) -> None:
    a = agenda(lijst, minuten_per_punt=minuten, budget_minuten=budget)
    assert a.resterend == sum(1 for p in lijst if not p.besproken and p.markering != "geparkeerd")
    assert a.minuten == a.resterend * minuten
    assert a.geparkeerd + a.resterend == len(a.volgorde)
    assert len(a.besproken) + len(a.volgorde) == len(lijst)
    assert 0 <= a.past <= a.resterend
    assert a.past * minuten <= budget + 1e-6
    assert a.past == a.resterend or (a.past + 1) * minuten > budget
    assert all(p.markering != "geparkeerd" for p in a.binnen_budget)


def test_agenda__sixty_minutes_at_three_per_point__twenty_fit() -> None:
    lijst = [Punt(stelling=f"s{i}", kern=True, spreiding=2, afstand=0, ver_uiteen=1, volgnummer=i) for i in range(40)]
    a = agenda(lijst, minuten_per_punt=3, budget_minuten=60)
    assert (a.resterend, a.minuten, a.past) == (40, 120, 20)
    assert [p.stelling for p in a.binnen_budget] == [f"s{i}" for i in range(20)]


def test_agenda__zero_minutes_per_point__is_refused() -> None:
    with pytest.raises(ValueError, match="groter dan 0"):
        agenda([], minuten_per_punt=0)


def test_orden__rules_in_order__kern_then_spread_then_distance_then_people() -> None:
    def p(naam: str, **kw: object) -> Punt:
        basis: dict[str, object] = {"kern": True, "spreiding": 2, "afstand": 0.0, "ver_uiteen": 1}
        return Punt(stelling=naam, **(basis | kw))  # type: ignore[arg-type]

    lijst = [
        p("aanvullend_breed", kern=False, spreiding=4),
        p("later_breed", spreiding=4, markering="later"),
        p("geparkeerd", spreiding=4, markering="geparkeerd"),
        p("smal"),
        p("smal_ver", afstand=2.0),
        p("smal_veel_mensen", ver_uiteen=9),
        p("breed", spreiding=3),
        p("klaar", spreiding=4, besproken=True),
    ]
    assert [x.stelling for x in orden(lijst)] == [
        "breed",
        "smal_ver",
        "smal_veel_mensen",
        "smal",
        "aanvullend_breed",
        "later_breed",
        "geparkeerd",
    ]


@pytest.mark.parametrize(
    ("verdeling", "paren"),
    [((1, 0, 1, 0, 1), 3), ((5, 0, 1, 0, 0), 5), ((3, 0, 0, 3, 0), 9), ((0, 3, 3, 0, 0), 0), ((0, 0, 0, 0, 0), 0)],
)
def test_ver_uiteen__counts_pairs_two_levels_or_more_apart(verdeling: tuple[int, ...], paren: int) -> None:
    assert ver_uiteen(verdeling) == paren


def test_punten__from_a_result__carry_type_spread_distance_marks_and_consensus() -> None:
    vl = laad_vragenlijst()
    kern = next(b for b in vl.bouwstenen if b.type == "kern")
    aanvullend = next(b for b in vl.bouwstenen if b.type == "aanvullend")
    s_kern, s_kern2, s_aanv = kern.stellingen[0].id, kern.stellingen[1].id, aanvullend.stellingen[0].id
    antwoorden = [
        Antwoord(deelnemer=d, stelling=s, antwoord=n)
        for s in (s_kern, s_kern2, s_aanv)
        for d, n in (("a", 1), ("b", 1), ("c", 3))
    ]
    r = bereken(
        vl,
        antwoorden,
        [Ambitie(bouwsteen=kern.id, niveau=4, deelnemer=None)],
        [Consensus(stelling=s_kern2, niveau=2)],
    )
    lijst = {p.stelling: p for p in punten(r, {s_aanv: "later"})}
    assert set(lijst) == {s_kern, s_kern2, s_aanv}
    assert lijst[s_kern].kern and not lijst[s_aanv].kern
    assert lijst[s_kern].spreiding == 2
    assert lijst[s_kern].afstand == pytest.approx(4 - 5 / 3)
    assert lijst[s_aanv].afstand == 0
    assert lijst[s_kern].ver_uiteen == 2
    assert lijst[s_aanv].markering == "later"
    assert lijst[s_kern2].besproken
    assert [p.stelling for p in agenda(list(lijst.values())).volgorde] == [s_kern, s_aanv]
