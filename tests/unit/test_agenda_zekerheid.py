"""Certainty in the agenda order (issue 16, item 6): where the room guesses, a bespreekpunt comes
before an equal one the room is sure of; it never moves a point down and never makes a
stelling without disagreement a bespreekpunt."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from scoring.agenda import Punt, orden, punten
from scoring.engine import bereken
from scoring.loader import laad_vragenlijst
from scoring.uitwissel import Antwoord
from tests.unit.test_agenda import punt_lijsten

VL = laad_vragenlijst()


@st.composite
def met_gokken(draw: st.DrawFn) -> list[Punt]:
    return [p.model_copy(update={"gokt": draw(st.booleans())}) for p in draw(punt_lijsten())]


@given(met_gokken())
def test_orden__at_equal_mark_kind_and_spread__guessed_before_sure(lijst: list[Punt]) -> None:
    for a, b in itertools.pairwise(orden(lijst)):
        if (a.markering, a.kern, a.spreiding) == (b.markering, b.kern, b.spreiding):
            assert a.gokt or not b.gokt


@given(met_gokken(), st.data())
def test_orden__guessing__never_moves_a_point_down_nor_above_more_spread(
    lijst: list[Punt], data: st.DataObject
) -> None:
    open_ = [p for p in lijst if not p.besproken]
    if not open_:
        return
    doel = data.draw(st.sampled_from(open_))
    gokt = [p.model_copy(update={"gokt": True}) if p is doel else p for p in lijst]
    voor = [p.stelling for p in orden(lijst)].index(doel.stelling)
    na_volgorde = orden(gokt)
    na = [p.stelling for p in na_volgorde].index(doel.stelling)
    assert na <= voor
    # Spread still decides first: nothing of the same mark and kind with more spread falls behind it.
    for p in na_volgorde[na + 1 :]:
        if (p.markering, p.kern) == (doel.markering, doel.kern):
            assert p.spreiding <= doel.spreiding


def test_orden__two_equal_points__the_guessed_one_first() -> None:
    zeker = Punt(stelling="a", kern=True, spreiding=2, afstand=2.0, ver_uiteen=4, volgnummer=0)
    gok = Punt(stelling="b", kern=True, spreiding=2, afstand=0.0, ver_uiteen=1, volgnummer=1, gokt=True)
    meer = Punt(stelling="c", kern=True, spreiding=3, afstand=0.0, ver_uiteen=1, volgnummer=2)
    assert [p.stelling for p in orden([zeker, gok, meer])] == ["c", "b", "a"]


def test_punten__carry_guessing_only_for_bespreekpunten() -> None:
    eerste, tweede = (s.id for _, s in VL.stellingen()[:2])
    antwoorden = [
        Antwoord(deelnemer="d1", stelling=eerste, antwoord=1),
        Antwoord(deelnemer="d2", stelling=eerste, antwoord=4),
        Antwoord(deelnemer="d1", stelling=tweede, antwoord=3),
        Antwoord(deelnemer="d2", stelling=tweede, antwoord=3),
    ]
    resultaat = bereken(VL, antwoorden, [], [])
    lijst = punten(resultaat, gokt={eerste, tweede})
    # The second stelling is guessed but agreed on: no bespreekpunt for that alone.
    assert [(p.stelling, p.gokt) for p in lijst] == [(eerste, True)]
    assert [p.gokt for p in punten(resultaat)] == [False]
