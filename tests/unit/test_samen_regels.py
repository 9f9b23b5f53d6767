"""The rules of a facilitated session (scoring.samen): blind until the reveal, what a re-vote
changed, discipline groups that single nobody out, certainty and the session plan."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from scoring import samen
from scoring.samen import Stap

T0 = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
BOUWSTENEN = {"a": ("a1", "a2", "a3"), "b": ("b1", "b2"), "c": ("c1",)}
STELLINGEN = [s for lijst in BOUWSTENEN.values() for s in lijst]
ANTWOORDEN = ["1", "2", "3", "4", "5", "weet_niet", "nvt"]


def stap(**velden: object) -> Stap:
    return Stap(volgnummer=1, geopend_op=T0, **velden)  # type: ignore[arg-type]


stappen = st.one_of(
    st.none(),
    st.builds(
        lambda b, s, h, o: Stap(
            volgnummer=1,
            bouwsteen=None if s else b,
            stelling=s,
            herstemming=h and s is not None,
            geopend_op=T0,
            onthuld_op=T0 + dt.timedelta(minutes=3) if o else None,
        ),
        st.sampled_from(list(BOUWSTENEN)),
        st.one_of(st.none(), st.sampled_from(STELLINGEN)),
        st.booleans(),
        st.booleans(),
    ),
)
rijen = st.lists(st.tuples(st.integers(1, 6), st.sampled_from(STELLINGEN), st.sampled_from(ANTWOORDEN)), max_size=40)


@given(modus=st.sampled_from(samen.MODI), huidige=stappen, kijker=st.integers(1, 6), antwoorden=rijen)
def test_blind__before_the_reveal_no_render_shows_another_participants_answer_of_the_open_part(
    modus: str, huidige: Stap | None, kijker: int, antwoorden: list[tuple[int, str, str]]
) -> None:
    zichtbaar = samen.zichtbare_antwoorden(modus, huidige, kijker, antwoorden, BOUWSTENEN)
    # Never invents or changes an answer, and always shows one's own.
    assert all(r in antwoorden for r in zichtbaar)
    assert [r for r in antwoorden if r[0] == kijker] == [r for r in zichtbaar if r[0] == kijker]
    if modus == "samen":
        for d, s, _ in zichtbaar:
            if d != kijker:
                # Another's answer shows only for a stelling of the part that was revealed.
                assert huidige is not None and huidige.onthuld and huidige.bevat(s, BOUWSTENEN)
    else:
        assert zichtbaar == antwoorden


@given(huidige=stappen, stelling=st.sampled_from(STELLINGEN))
def test_open_voor_stem__samen__only_the_open_unrevealed_first_vote_part(huidige: Stap | None, stelling: str) -> None:
    assert samen.open_voor_stem("eigen_tempo", huidige, stelling, BOUWSTENEN)
    open_ = samen.open_voor_stem("samen", huidige, stelling, BOUWSTENEN)
    herstem = samen.open_voor_herstemming("samen", huidige, stelling)
    # A first vote and a second vote are never open at the same time for one stelling.
    assert not (open_ and herstem)
    if open_:
        assert huidige is not None and not huidige.onthuld and huidige.bevat(stelling, BOUWSTENEN)
    if huidige is None or huidige.onthuld:
        assert not open_ and not herstem
    assert not samen.open_voor_herstemming("eigen_tempo", huidige, stelling)


def test_stap__bouwsteen_holds_its_stellingen_and_a_stelling_only_itself() -> None:
    assert stap(bouwsteen="a").stellingen(BOUWSTENEN) == ("a1", "a2", "a3")
    assert stap(stelling="b2").stellingen(BOUWSTENEN) == ("b2",)
    assert stap(bouwsteen="onbekend").stellingen(BOUWSTENEN) == ()
    assert stap(bouwsteen="a", timer_vanaf=T0 + dt.timedelta(minutes=2)).verstreken(
        T0 + dt.timedelta(minutes=5)
    ) == pytest.approx(3.0)
    assert stap(bouwsteen="a").verstreken(T0 - dt.timedelta(minutes=1)) == 0.0


@pytest.mark.parametrize(
    ("voor", "na", "verwacht"),
    [
        ((1, 4), (3, 4), "samengekomen"),
        ((2, 4), (2, 3, 3), "samengekomen"),
        ((3, 3), (3,), "samengekomen"),
        ((1, 3), (1, 3), "uiteen_gebleven"),
        ((1, 4), (2, 4), "uiteen_gebleven"),
        ((2, 4), (1, 5), "verder_uiteen"),
        ((1, 4), (), None),
    ],
)
def test_vergelijk__outcome_of_a_revote(voor: tuple[int, ...], na: tuple[int, ...], verwacht: str | None) -> None:
    v = samen.vergelijk("s", "b", voor, na)
    assert v.uitkomst == verwacht
    assert v.spreiding_voor == max(voor) - min(voor)
    assert v.spreiding_na == (max(na) - min(na) if na else None)


def test_herstemmingen__counts_per_outcome_in_questionnaire_order_and_ignores_weet_niet() -> None:
    eerste = [(1, "a1", "1"), (2, "a1", "4"), (3, "a1", "weet_niet"), (1, "b1", "2"), (2, "b1", "5"), (1, "c1", "3")]
    tweede = [(2, "b1", "1"), (1, "b1", "5"), (1, "a1", "3"), (2, "a1", "4"), (3, "a1", "4")]
    volgorde = [(b, s) for b, lijst in BOUWSTENEN.items() for s in lijst]
    uit = samen.herstemmingen(volgorde, eerste, tweede)
    assert [s.stelling for s in uit.stellingen] == ["a1", "b1"]  # c1 was not re-voted
    a1, b1 = uit.stellingen
    assert (a1.voor, a1.na, a1.uitkomst) == ((1, 4), (3, 4, 4), "samengekomen")
    assert (b1.voor, b1.na, b1.uitkomst) == ((2, 5), (1, 5), "verder_uiteen")
    assert uit.telling() == {"samengekomen": 1, "uiteen_gebleven": 0, "verder_uiteen": 1}
    assert uit.telling("a") == {"samengekomen": 1, "uiteen_gebleven": 0, "verder_uiteen": 0}
    assert uit.gemeten == 2 and uit.bouwstenen() == ["a", "b"]


def test_herstemmingen__second_vote_only_weet_niet__is_not_measured() -> None:
    uit = samen.herstemmingen([("a", "a1")], [(1, "a1", "1"), (2, "a1", "4")], [(1, "a1", "weet_niet")])
    assert uit.stellingen[0].uitkomst is None and uit.gemeten == 0
    assert sum(uit.telling().values()) == 0


@given(eerste=rijen, tweede=rijen)
def test_laatste_stemmen__second_vote_wins_first_stays_where_no_second(
    eerste: list[tuple[int, str, str]], tweede: list[tuple[int, str, str]]
) -> None:
    laatst = {(d, s): a for d, s, a in samen.laatste_stemmen(eerste, tweede)}
    tweede_d = {(d, s): a for d, s, a in tweede}
    eerste_d = {(d, s): a for d, s, a in eerste}
    assert set(laatst) == set(eerste_d) | set(tweede_d)
    for sleutel, a in laatst.items():
        assert a == tweede_d.get(sleutel, eerste_d.get(sleutel))


personen = st.dictionaries(
    st.integers(1, 30), st.tuples(st.sampled_from(samen.DISCIPLINES), st.floats(1, 5)), max_size=15
)


@given(personen=personen)
def test_groepen__never_smaller_than_two_and_everyone_counted_once(personen: dict[int, tuple[str, float]]) -> None:
    groepen = samen.groepen(personen)
    if len(personen) < samen.MIN_GROEP:
        assert groepen == ()
        return
    assert all(g.personen >= samen.MIN_GROEP for g in groepen)
    assert sum(g.personen for g in groepen) == len(personen)
    # Every discipline present is in exactly one group.
    genoemd = [d for g in groepen for d in g.disciplines]
    assert sorted(genoemd) == sorted({d for d, _ in personen.values()})


def test_groepen__a_discipline_of_one_is_never_shown_alone() -> None:
    groepen = samen.groepen({1: ("kcc", 2.0), 2: ("kcc", 2.0), 3: ("ict", 4.0), 4: ("ict", 4.0), 5: ("beleid", 5.0)})
    assert all(g.disciplines != ("beleid",) for g in groepen)
    assert sum(g.personen for g in groepen) == 5
    # Two of one and two of two others: the small ones together.
    groepen = samen.groepen({1: ("kcc", 2.0), 2: ("kcc", 2.0), 3: ("ict", 4.0), 4: ("beleid", 5.0)})
    assert [(g.disciplines, g.personen) for g in groepen] == [(("kcc",), 2), (("ict", "beleid"), 2)]


def test_discipline_beelden__silo_is_a_level_apart() -> None:
    antwoorden = [(1, "a1", "1"), (1, "a2", "2"), (2, "a1", "2"), (3, "a1", "4"), (4, "a1", "4"), (4, "a2", "nvt")]
    beelden = samen.discipline_beelden(BOUWSTENEN, antwoorden, {1: "kcc", 2: "kcc", 3: "ict", 4: "ict"})
    a, b, _c = beelden
    assert a.bouwsteen == "a" and a.ziet_anders and a.verschil == pytest.approx(4 - 1.75)
    assert b.groepen == () and b.verschil is None and not b.ziet_anders


@pytest.mark.parametrize(
    ("functie", "gekozen", "verwacht"),
    [
        ("Teamleider KCC", None, "kcc"),
        ("klantadviseur", None, "kcc"),
        ("Manager dienstverlening", None, "management"),
        ("Informatieadviseur", None, "ict"),
        ("Communicatieadviseur", None, "communicatie"),
        ("Beleidsmedewerker", None, "beleid"),
        ("Vergunningverlener", None, "backoffice"),
        ("Tuinman", None, "overig"),
        (None, None, "overig"),
        ("Teamleider KCC", "ict", "ict"),
        ("Teamleider KCC", "iets anders", "kcc"),
    ],
)
def test_discipline_van(functie: str | None, gekozen: str | None, verwacht: str) -> None:
    assert samen.discipline_van(functie, gekozen) == verwacht


def test_zekerheid__guessing_needs_two_and_half() -> None:
    beeld = samen.zekerheid(
        [
            ("a1", "3", "gok"),
            ("a1", "weet_niet", None),
            ("a1", "4", "zeker"),
            ("a1", "2", "denk_het"),
            ("a2", "3", "gok"),
            ("a2", "3", "zeker"),
            ("a2", "3", "zeker"),
            ("a3", "nvt", "gok"),
            ("a3", "2", None),
        ]
    )
    assert beeld["a1"].gokt and (beeld["a1"].gok, beeld["a1"].weet_niet, beeld["a1"].opgegeven) == (1, 1, 3)
    assert not beeld["a2"].gokt
    # n.v.t. and a level without certainty say nothing about guessing.
    assert "a3" not in beeld


def test_sessieplan__fits_what_it_can_and_says_when_it_runs_over() -> None:
    plan = samen.sessieplan(120, [("a", 5), ("b", 4)], punten=10, minuten_per_punt=8)
    # intro 5 + (5+2) + (4+2) + doelen 10 = 28; 92 left: 11 fit, 10 asked.
    assert plan.punten == 10 and plan.over == 0
    assert plan.minuten_voor("scoren", "a") == 7 and plan.minuten_voor("bespreken") == 80
    kort = samen.sessieplan(40, [("a", 5), ("b", 4)], punten=10, minuten_per_punt=8)
    assert kort.punten == 1 and kort.over == 0
    te_kort = samen.sessieplan(20, [("a", 5), ("b", 4)], punten=10, minuten_per_punt=8)
    assert te_kort.punten == 0 and te_kort.over == pytest.approx(8)
    with pytest.raises(ValueError):
        samen.sessieplan(60, [], punten=1, minuten_per_punt=0)


@given(
    duur=st.floats(0, 600),
    bouwstenen=st.lists(st.tuples(st.text(min_size=1, max_size=3), st.integers(1, 8)), max_size=16),
    punten=st.integers(0, 40),
    minuten=st.floats(0.5, 30),
)
def test_sessieplan__never_plans_more_points_than_asked_or_time_allows(
    duur: float, bouwstenen: list[tuple[str, int]], punten: int, minuten: float
) -> None:
    plan = samen.sessieplan(duur, bouwstenen, punten, minuten)
    assert 0 <= plan.punten <= punten
    if plan.punten:
        assert plan.over == pytest.approx(0, abs=1e-6)
    assert plan.gepland == pytest.approx(
        samen.INTRO_MINUTEN
        + samen.DOELEN_MINUTEN
        + sum(n * samen.MINUTEN_PER_STELLING + samen.ONTHUL_MINUTEN for _, n in bouwstenen)
        + plan.punten * minuten
    )


@given(modus=st.sampled_from(samen.MODI), huidige=stappen, eerste=rijen, tweede=rijen)
@example(
    modus="samen",
    huidige=Stap(volgnummer=1, stelling="a1", herstemming=True, geopend_op=T0),
    eerste=[(1, "a1", "1"), (1, "a1", "1")],
    tweede=[(1, "a1", "1")],
)
def test_blind__a_shared_view_scores_no_vote_of_the_open_part(
    modus: str, huidige: Stap | None, eerste: list[tuple[int, str, str]], tweede: list[tuple[int, str, str]]
) -> None:
    # As stored: one first and at most one second vote per (person, stelling) (primary keys).
    eerste = list({(d, s): (d, s, a) for d, s, a in eerste}.values())
    tweede = list({(d, s): (d, s, a) for d, s, a in tweede}.values())
    laatst = samen.laatste_stemmen(eerste, tweede)
    herstemd = {s for _, s, _ in tweede}
    eerste_herstemd = [r for r in eerste if r[1] in herstemd]
    antwoorden, e, t = samen.blind(modus, huidige, BOUWSTENEN, laatst, eerste_herstemd, tweede)
    verborgen = samen.verborgen_stellingen(modus, huidige, BOUWSTENEN)
    if not verborgen:
        assert (antwoorden, e, t) == (laatst, eerste_herstemd, tweede)
        return
    assert huidige is not None and not huidige.onthuld
    assert not any(r[1] in verborgen for r in t) and not any(r[1] in verborgen for r in e)
    if huidige.herstemming:
        # The re-voted stelling shows exactly everyone's first vote (also before anyone re-voted).
        eerst = {(d, s): a for d, s, a in eerste if s in verborgen}
        assert sorted(r for r in antwoorden if r[1] in verborgen) == sorted((d, s, a) for (d, s), a in eerst.items())
    else:
        assert not any(r[1] in verborgen for r in antwoorden)
    # Nothing outside the blind part changes.
    assert sorted(r for r in antwoorden if r[1] not in verborgen) == sorted(r for r in laatst if r[1] not in verborgen)
