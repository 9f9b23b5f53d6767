"""The results page's fast path (plain rows into ``scoring.engine.bereken_rijen``) gives exactly the
result of the old path (one ``Antwoord`` per answer into ``bereken``), on random rounds (hypothesis)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from scan.leesmodellen import ScoreGegevens
from scan.services.resultaten import resultaat_uit
from scoring.engine import bereken, bereken_rijen
from scoring.loader import laad_vragenlijst
from scoring.resultaat import ScanResultaat
from scoring.uitwissel import Ambitie, Antwoord, Consensus

VL = laad_vragenlijst()
STELLINGEN = [s.id for _, s in VL.stellingen()]
BOUWSTENEN = [b.id for b in VL.bouwstenen]
# A stelling of another questionnaire version: the old path left it out, and so must the new.
ONBEKEND = "geen_stelling_van_deze_versie"
# As the database stores them: levels as digits.
WAARDE = st.sampled_from(["1", "2", "3", "4", "5", "weet_niet", "nvt"])


@st.composite
def gegevens(draw: st.DrawFn) -> ScoreGegevens:
    deelnemers = list(range(1, draw(st.integers(0, 12)) + 1))
    stellingen = draw(st.lists(st.sampled_from([*STELLINGEN, ONBEKEND]), max_size=30, unique=True))
    antwoorden = tuple((d, s, draw(WAARDE)) for d in deelnemers for s in stellingen if draw(st.integers(0, 4)) > 0)
    ambities = tuple(
        (d, b, draw(st.integers(1, 5)))
        for d in deelnemers
        for b in draw(st.lists(st.sampled_from(BOUWSTENEN), max_size=5, unique=True))
    )
    vastgesteld = tuple(
        (b, draw(st.integers(1, 5))) for b in draw(st.lists(st.sampled_from(BOUWSTENEN), max_size=4, unique=True))
    )
    consensus = tuple(
        (s, draw(st.integers(1, 5)))
        for s in draw(st.lists(st.sampled_from([*STELLINGEN, ONBEKEND]), max_size=4, unique=True))
    )
    return ScoreGegevens(antwoorden=antwoorden, ambities=ambities, vastgesteld=vastgesteld, consensus=consensus)


def _oud(g: ScoreGegevens) -> ScanResultaat:
    """``resultaat_uit`` as it was before the fast path, verbatim."""
    bekend = set(STELLINGEN)
    return bereken(
        VL,
        [
            Antwoord.model_construct(deelnemer=f"d{d}", stelling=s, antwoord=int(a) if a.isdigit() else a)  # type: ignore[arg-type]
            for d, s, a in g.antwoorden
            if s in bekend
        ],
        [Ambitie.model_construct(bouwsteen=b, niveau=n, deelnemer=f"d{d}") for d, b, n in g.ambities]
        + [Ambitie.model_construct(bouwsteen=b, niveau=n, deelnemer=None) for b, n in g.vastgesteld],
        [Consensus.model_construct(stelling=s, niveau=n) for s, n in g.consensus if s in bekend],
    )


@given(gegevens())
def test_resultaat_uit__equals_the_old_path_with_one_object_per_answer(g: ScoreGegevens) -> None:
    nieuw = resultaat_uit(VL, g)
    assert nieuw == _oud(g)
    # Equal as values, not only as scores: every field of every part, in the same order.
    assert nieuw.model_dump() == _oud(g).model_dump()


@given(gegevens())
def test_bereken_rijen__with_int_levels__equals_bereken(g: ScoreGegevens) -> None:
    rijen = [(d, s, int(a) if a.isdigit() else a) for d, s, a in g.antwoorden]
    als_objecten = [Antwoord.model_construct(deelnemer=str(d), stelling=s, antwoord=a) for d, s, a in rijen]  # type: ignore[arg-type]
    assert bereken_rijen(VL, rijen, [(None, b, n) for b, n in g.vastgesteld]) == bereken(
        VL, als_objecten, [Ambitie(bouwsteen=b, niveau=n) for b, n in g.vastgesteld]
    )
