"""The scoring engine on small, hand-checked examples (formulas in docs/methode.md)."""

from __future__ import annotations

import pytest

from scoring.engine import bereken, niveau_naar_score
from scoring.models import Vragenlijst
from scoring.uitwissel import Ambitie, Antwoord, Consensus
from scoring.versies import laad_versie


@pytest.fixture
def vragenlijst() -> Vragenlijst:
    # The hand-checked examples count five stellingen per bouwsteen: published version 1.0, which
    # never changes (the formulas are the same for every version).
    return laad_versie("1.0")


def _antwoorden(vl: Vragenlijst, bouwsteen: str, per_deelnemer: dict[str, list[int | str]]) -> list[Antwoord]:
    stellingen = vl.bouwsteen(bouwsteen).stellingen
    return [
        Antwoord(deelnemer=d, stelling=s.id, antwoord=w)
        for d, waarden in per_deelnemer.items()
        for s, w in zip(stellingen, waarden, strict=False)
    ]


@pytest.mark.parametrize(("niveau", "score"), [(1, 0.0), (2, 25.0), (3, 50.0), (4, 75.0), (5, 100.0), (3.5, 62.5)])
def test_niveau_naar_score__linear_from_0_to_100(niveau: float, score: float) -> None:
    assert niveau_naar_score(niveau) == score


def test_stelling__median_mean_spread_and_flag(vragenlijst: Vragenlijst) -> None:
    sid = vragenlijst.bouwsteen("kanaalinzet").stellingen[0].id
    antwoorden = [
        Antwoord(deelnemer="a", stelling=sid, antwoord=1),
        Antwoord(deelnemer="b", stelling=sid, antwoord=3),
        Antwoord(deelnemer="c", stelling=sid, antwoord=4),
        Antwoord(deelnemer="d", stelling=sid, antwoord="weet_niet"),
    ]
    r = bereken(vragenlijst, antwoorden).stelling(sid)
    assert (r.mediaan, r.gemiddelde, r.spreiding, r.bespreekpunt) == (3.0, 8 / 3, 3, True)
    assert r.verdeling == (1, 0, 1, 1, 0)
    assert (r.weet_niet, r.nvt, r.open, r.aantal_scores) == (1, 0, 0, 3)


def test_stelling__one_level_apart_is_no_bespreekpunt(vragenlijst: Vragenlijst) -> None:
    sid = vragenlijst.bouwsteen("kanaalinzet").stellingen[0].id
    antwoorden = [Antwoord(deelnemer=d, stelling=sid, antwoord=w) for d, w in (("a", 2), ("b", 3), ("c", 3))]
    r = bereken(vragenlijst, antwoorden)
    assert not r.stelling(sid).bespreekpunt
    assert r.bespreekpunten == ()


def test_bouwsteen__mean_of_stelling_levels_to_score(vragenlijst: Vragenlijst) -> None:
    # Two participants; stelling levels 2, 3, 4, 3, 3 (means), so bouwsteen level 3 and score 50.
    antwoorden = _antwoorden(vragenlijst, "kanaalinzet", {"a": [1, 3, 4, 2, 3], "b": [3, 3, 4, 4, 3]})
    b = bereken(vragenlijst, antwoorden).bouwsteen("kanaalinzet")
    assert b.niveau == pytest.approx(3.0)
    assert b.score == pytest.approx(50.0)
    assert b.band == "groeiend"
    assert b.dekking == 1.0


def test_bouwsteen__each_stelling_weighs_the_same(vragenlijst: Vragenlijst) -> None:
    stellingen = vragenlijst.bouwsteen("kanaalinzet").stellingen
    # Stelling 1 answered 5 by three people, stelling 2 answered 1 by one person: level (5+1)/2 = 3.
    antwoorden = [Antwoord(deelnemer=d, stelling=stellingen[0].id, antwoord=5) for d in "abc"]
    antwoorden.append(Antwoord(deelnemer="a", stelling=stellingen[1].id, antwoord=1))
    b = bereken(vragenlijst, antwoorden).bouwsteen("kanaalinzet")
    assert b.niveau == 3.0
    assert b.stellingen_gescoord == 2
    assert b.dekking == pytest.approx(4 / 15)


def test_bouwsteen_with_only_weet_niet__has_no_score_not_zero(vragenlijst: Vragenlijst) -> None:
    antwoorden = _antwoorden(vragenlijst, "kanaalinzet", {"a": ["weet_niet"] * 5, "b": ["nvt"] * 5})
    antwoorden += _antwoorden(vragenlijst, "kanaalregie", {"a": [5] * 5})
    r = bereken(vragenlijst, antwoorden)
    assert r.bouwsteen("kanaalinzet").score is None
    assert r.bouwsteen("kanaalinzet").band is None
    assert r.bouwsteen("kanaalinzet").dekking == 0.0
    frontoffice = next(d for d in r.dimensies if d.id == "frontoffice")
    assert frontoffice.score == 100.0  # the unscored bouwsteen is left out, not counted as 0
    assert (frontoffice.onderdelen_gescoord, frontoffice.onderdelen_totaal) == (1, 4)
    assert r.totaal.score == 100.0


def test_no_answers__everything_is_none(vragenlijst: Vragenlijst) -> None:
    r = bereken(vragenlijst, [])
    assert r.totaal.score is None and r.totaal.band is None
    assert all(b.score is None for b in r.bouwstenen)
    assert r.dekking == 0.0 and r.deelnemers == 0


def test_consensus__overrides_the_mean(vragenlijst: Vragenlijst) -> None:
    sid = vragenlijst.bouwsteen("kanaalinzet").stellingen[0].id
    antwoorden = [Antwoord(deelnemer=d, stelling=sid, antwoord=w) for d, w in (("a", 1), ("b", 5))]
    r = bereken(vragenlijst, antwoorden, consensus=[Consensus(stelling=sid, niveau=2)])
    s = r.stelling(sid)
    assert (s.gemiddelde, s.consensus, s.niveau, s.score) == (3.0, 2, 2.0, 25.0)
    assert r.bouwsteen("kanaalinzet").score == 25.0


def test_ambitie__agreed_wins_over_personal_median(vragenlijst: Vragenlijst) -> None:
    antwoorden = _antwoorden(vragenlijst, "kanaalinzet", {"a": [2] * 5})
    persoonlijk = [Ambitie(bouwsteen="kanaalinzet", deelnemer=d, niveau=n) for d, n in (("a", 3), ("b", 4), ("c", 5))]
    r = bereken(vragenlijst, antwoorden, ambities=persoonlijk)
    b = r.bouwsteen("kanaalinzet")
    assert (b.ambitie, b.ambitie_score, b.gap, b.gap_score) == (4.0, 75.0, 2.0, 50.0)
    vast = [*persoonlijk, Ambitie(bouwsteen="kanaalinzet", niveau=3)]
    b = bereken(vragenlijst, antwoorden, ambities=vast).bouwsteen("kanaalinzet")
    assert (b.ambitie, b.gap_score) == (3.0, 25.0)


def test_aggregates__dimensie_type_kenmerk_total(vragenlijst: Vragenlijst) -> None:
    antwoorden = []
    for b in vragenlijst.bouwstenen:
        niveau = 4 if b.type == "kern" else 2
        antwoorden += _antwoorden(vragenlijst, b.id, {"a": [niveau] * len(b.stellingen)})
    r = bereken(vragenlijst, antwoorden)
    typen = {g.id: g.score for g in r.typen}
    assert typen == {"kern": 75.0, "aanvullend": 25.0}
    assert r.totaal.score == 50.0 and r.totaal.band == "groeiend"
    data = next(d for d in r.dimensies if d.id == "data")  # 1 kern + 2 aanvullend
    assert data.score == pytest.approx((75 + 25 + 25) / 3)
    for k in r.kenmerken:
        assert k.score is not None and 25.0 <= k.score <= 75.0


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0, "zeer_beperkt"),
        (20, "zeer_beperkt"),
        (20.49, "zeer_beperkt"),
        (20.5, "beperkt"),
        (40, "beperkt"),
        (41, "groeiend"),
        (60.4, "groeiend"),
        (61, "hoog"),
        (80, "hoog"),
        (80.5, "zeer_hoog"),
        (100, "zeer_hoog"),
    ],
)
def test_band__whole_score_rounded_half_up(vragenlijst: Vragenlijst, score: float, band: str) -> None:
    assert vragenlijst.schaal.band_voor(score).id == band


def test_bespreekpunten__most_divided_first_and_settled_last(vragenlijst: Vragenlijst) -> None:
    s1, s2, s3 = (s.id for s in vragenlijst.bouwsteen("kanaalinzet").stellingen[:3])
    antwoorden = [
        Antwoord(deelnemer=d, stelling=sid, antwoord=w)
        for sid, waarden in ((s1, (1, 3, 3, 3)), (s2, (1, 1, 5, 5)), (s3, (1, 1, 5, 5)))
        for d, w in zip("abcd", waarden, strict=True)
    ]
    r = bereken(vragenlijst, antwoorden, consensus=[Consensus(stelling=s3, niveau=3)])
    assert r.bespreekpunten == (s2, s1, s3)


def test_answers_to_unknown_stellingen__are_ignored(vragenlijst: Vragenlijst) -> None:
    r = bereken(vragenlijst, [Antwoord(deelnemer="a", stelling="bestaat_niet", antwoord=5)])
    assert r.totaal.score is None
