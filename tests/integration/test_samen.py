"""A facilitated session (scan.services.samen) against SQLite and PostgreSQL: the mode, blind
parts and the reveal, the re-vote that never overwrites the first vote, and what scores."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from scan.db.verbinding import Database
from scan.fouten import InvoerFout
from scan.leesmodellen import Sessie
from scan.services import bespreken, invullen, resultaten, samen, start, workshop
from scan.services.regels import AL_HERSTEMD, AL_ONTHULD, NIET_AAN_DE_BEURT, bouwsteen_stellingen
from scoring.models import Vragenlijst
from tests.rondes import start_ronde


def _kamer(db: Database, vl: Vragenlijst, n: int = 3) -> tuple[Sessie, list[Sessie]]:
    fac = start_ronde(db, vl, gm_code="GM0355", facilitator="Fatima", datum=dt.date(2026, 12, 7))
    functies = ["Teamleider KCC", "Klantadviseur", "Informatieadviseur", "Applicatiebeheerder", "Beleidsadviseur"]
    mensen = [
        start.neem_deel(db, vl, code=fac.ronde.code, naam=f"Persoon {i}", functie=functies[i % len(functies)])
        for i in range(n)
    ]
    return fac, mensen


def _eerste(vl: Vragenlijst) -> tuple[str, tuple[str, ...]]:
    bouwsteen, stellingen = next(iter(bouwsteen_stellingen(vl).items()))
    return bouwsteen, stellingen


def test_new_round__runs_eigen_tempo_and_anonymous(db: Database, vragenlijst: Vragenlijst) -> None:
    fac, (anna, *_) = _kamer(db, vragenlijst)
    deel = samen.mijn_deel(db, anna)
    assert (deel.modus, deel.op_naam, deel.stap) == ("eigen_tempo", False, None)
    assert samen.signaal(db, fac.ronde.id) == ("eigen_tempo", 0, False)
    # Eigen tempo: any stelling can be answered, as before issue 16.
    laatste = vragenlijst.stellingen()[-1][1].id
    invullen.sla_antwoord_op(db, vragenlijst, anna, laatste, "3")


def test_samen__only_the_open_part_is_answered_and_it_stays_blind_until_the_reveal(
    db: Database, vragenlijst: Vragenlijst
) -> None:
    fac, (anna, bram, cees) = _kamer(db, vragenlijst)
    bouwsteen, stellingen = _eerste(vragenlijst)
    samen.zet_modus(db, fac, "samen")
    # Nothing opened yet: no answer anywhere.
    with pytest.raises(InvoerFout, match="ander onderdeel"):
        invullen.sla_antwoord_op(db, vragenlijst, anna, stellingen[0], "2")
    stap = samen.volgende(db, vragenlijst, fac)
    assert (stap.bouwsteen, stap.volgnummer, stap.onthuld) == (bouwsteen, 1, False)
    assert samen.signaal(db, fac.ronde.id) == ("samen", 1, False)
    andere = vragenlijst.stellingen()[-1][1].id
    with pytest.raises(InvoerFout) as fout:
        invullen.sla_antwoord_op(db, vragenlijst, anna, andere, "2")
    assert str(fout.value) == NIET_AAN_DE_BEURT
    for s in stellingen:
        invullen.sla_antwoord_op(db, vragenlijst, anna, s, "2")
        invullen.sla_antwoord_op(db, vragenlijst, bram, s, "4")
    invullen.sla_antwoord_op(db, vragenlijst, cees, stellingen[0], "weet_niet")
    deel, _ = samen.stand(db, vragenlijst, fac.ronde.id)
    assert set(deel.klaar) == {anna.deelnemer.id, bram.deelnemer.id}
    assert deel.wachtend == (cees.deelnemer.id,)
    # Blind: nobody's distribution before the reveal.
    assert deel.verdeling == {} and deel.bijzonder == {} and not deel.onthuld
    samen.onthul(db, fac)
    deel, _ = samen.stand(db, vragenlijst, fac.ronde.id)
    assert deel.onthuld and samen.signaal(db, fac.ronde.id) == ("samen", 1, True)
    assert deel.verdeling[stellingen[0]] == (0, 1, 0, 1, 0)
    assert deel.bijzonder[stellingen[0]] == (1, 0)
    # After the reveal the first vote is closed, visibly.
    with pytest.raises(InvoerFout) as fout:
        invullen.sla_antwoord_op(db, vragenlijst, cees, stellingen[1], "3")
    assert str(fout.value) == AL_ONTHULD
    # Back to eigen tempo: everything open again, answers kept.
    samen.zet_modus(db, fac, "eigen_tempo")
    invullen.sla_antwoord_op(db, vragenlijst, cees, stellingen[1], "3")
    assert invullen.mijn_antwoorden(db, anna)[stellingen[0]].antwoord == "2"


def test_herstemming__keeps_the_first_vote_and_the_latest_vote_scores(db: Database, vragenlijst: Vragenlijst) -> None:
    fac, (anna, bram, cees) = _kamer(db, vragenlijst)
    _, stellingen = _eerste(vragenlijst)
    s = stellingen[0]
    samen.zet_modus(db, fac, "samen")
    with pytest.raises(InvoerFout, match="nog niet gestemd"):
        samen.herstem(db, vragenlijst, fac, s)
    samen.volgende(db, vragenlijst, fac)
    for p, a in ((anna, "1"), (bram, "4"), (cees, "4")):
        invullen.sla_antwoord_op(db, vragenlijst, p, s, a)
    samen.onthul(db, fac)
    # A second vote only once the facilitator opened the re-vote.
    with pytest.raises(InvoerFout, match="herstemming"):
        samen.sla_herstemming_op(db, vragenlijst, anna, s, "3")
    stap = samen.herstem(db, vragenlijst, fac, s)
    assert (stap.stelling, stap.herstemming, stap.volgnummer) == (s, True, 2)
    # During a re-vote the first vote cannot be changed.
    with pytest.raises(InvoerFout, match="Herstemming"):
        invullen.sla_antwoord_op(db, vragenlijst, anna, s, "3")
    samen.sla_herstemming_op(db, vragenlijst, anna, s, "3")
    samen.sla_herstemming_op(db, vragenlijst, bram, s, "4")
    samen.sla_herstemming_op(db, vragenlijst, bram, s, "3")  # changed her mind before the reveal
    deel, _ = samen.stand(db, vragenlijst, fac.ronde.id)
    assert set(deel.klaar) == {anna.deelnemer.id, bram.deelnemer.id} and deel.verdeling == {}
    samen.onthul(db, fac)
    deel, _ = samen.stand(db, vragenlijst, fac.ronde.id)
    assert deel.verdeling[s] == (0, 0, 2, 0, 0)
    assert deel.eerste_verdeling[s] == (1, 0, 0, 2, 0)
    with pytest.raises(InvoerFout, match="gesloten"):
        samen.sla_herstemming_op(db, vragenlijst, cees, s, "3")
    # The first vote is untouched; the score uses each person's latest vote.
    assert invullen.mijn_antwoorden(db, anna)[s].antwoord == "1"
    assert samen.mijn_deel(db, anna).herstemmingen == {s: "3"}
    uitslag = resultaten.resultaat(db, vragenlijst, fac.ronde.id)
    stelling = next(x for x in uitslag.stellingen if x.stelling == s)
    assert stelling.verdeling == (0, 0, 2, 1, 0)
    inzicht = samen.inzicht(db, vragenlijst, fac)
    (vergelijking,) = inzicht.herstemmingen.stellingen
    assert (vergelijking.voor, vergelijking.na, vergelijking.uitkomst) == ((1, 4, 4), (3, 3), "samengekomen")
    with pytest.raises(InvoerFout, match="al opnieuw gestemd"):
        samen.herstem(db, vragenlijst, fac, s)
    # The first vote stays as the discussion found it, also back in eigen tempo.
    samen.zet_modus(db, fac, "eigen_tempo")
    with pytest.raises(InvoerFout) as fout:
        invullen.sla_antwoord_op(db, vragenlijst, anna, s, "5")
    assert str(fout.value) == AL_HERSTEMD
    invullen.sla_antwoord_op(db, vragenlijst, anna, stellingen[1], "5")


def test_facilitator_only__and_named_only_before_the_first_answer(db: Database, vragenlijst: Vragenlijst) -> None:
    fac, (anna, *_) = _kamer(db, vragenlijst)
    for actie in (
        lambda: samen.zet_modus(db, anna, "samen"),
        lambda: samen.onthul(db, anna),
        lambda: samen.volgende(db, vragenlijst, anna),
        lambda: samen.zet_op_naam(db, anna, True),
    ):
        with pytest.raises(InvoerFout, match="facilitator"):
            actie()
    with pytest.raises(InvoerFout, match="eigen tempo"):
        samen.onthul(db, fac)
    with pytest.raises(InvoerFout, match="Werkwijze"):
        samen.zet_modus(db, fac, "<script>")
    samen.zet_op_naam(db, fac, True)
    assert samen.mijn_deel(db, anna).op_naam
    samen.zet_op_naam(db, fac, False)
    invullen.sla_antwoord_op(db, vragenlijst, anna, vragenlijst.stellingen()[0][1].id, "2")
    with pytest.raises(InvoerFout, match="vóór het eerste antwoord"):
        samen.zet_op_naam(db, fac, True)
    samen.zet_op_naam(db, fac, False)  # anonymous stays possible


def test_zekerheid_and_disciplines__groups_of_two_only_for_the_facilitator(
    db: Database, vragenlijst: Vragenlijst
) -> None:
    fac, mensen = _kamer(db, vragenlijst, n=5)
    bouwsteen, stellingen = _eerste(vragenlijst)
    samen.kies_discipline(db, mensen[4], "kcc")
    with pytest.raises(InvoerFout, match="Discipline"):
        samen.kies_discipline(db, mensen[0], "astronaut")
    for i, p in enumerate(mensen):
        invullen.sla_antwoord_op(db, vragenlijst, p, stellingen[0], str(1 + (i % 2) * 3))
        samen.sla_zekerheid_op(db, vragenlijst, p, stellingen[0], "gok" if i < 3 else "zeker")
    with pytest.raises(InvoerFout, match="Zekerheid"):
        samen.sla_zekerheid_op(db, vragenlijst, mensen[0], stellingen[0], "heel zeker")
    assert invullen.mijn_antwoorden(db, mensen[0])[stellingen[0]].zekerheid == "gok"
    inzicht = samen.inzicht(db, vragenlijst, fac)
    assert inzicht.zekerheid[stellingen[0]].gokt
    beeld = next(b for b in inzicht.disciplines if b.bouwsteen == bouwsteen)
    assert beeld.groepen and all(g.personen >= 2 for g in beeld.groepen)
    assert sum(g.personen for g in beeld.groepen) == 5
    # A participant sees the room's certainty, never the disciplines.
    assert samen.inzicht(db, vragenlijst, mensen[0]).disciplines == ()


def test_reveal_race__an_answer_at_the_reveal_is_counted_or_refused_never_lost(
    db: Database, vragenlijst: Vragenlijst
) -> None:
    fac, mensen = _kamer(db, vragenlijst, n=6)
    _, stellingen = _eerste(vragenlijst)
    s = stellingen[0]
    samen.zet_modus(db, fac, "samen")
    samen.volgende(db, vragenlijst, fac)
    uitkomst: dict[int, str] = {}
    poort = threading.Barrier(len(mensen) + 1)

    def stem(p: Sessie) -> None:
        poort.wait()
        try:
            invullen.sla_antwoord_op(db, vragenlijst, p, s, "3")
            uitkomst[p.deelnemer.id] = "opgeslagen"
        except InvoerFout as fout:
            uitkomst[p.deelnemer.id] = str(fout)

    def onthul() -> None:
        poort.wait()
        samen.onthul(db, fac)

    draden = [threading.Thread(target=stem, args=(p,)) for p in mensen] + [threading.Thread(target=onthul)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(30)
    deel, _ = samen.stand(db, vragenlijst, fac.ronde.id)
    opgeslagen = {d for d, u in uitkomst.items() if u == "opgeslagen"}
    assert set(uitkomst.values()) <= {"opgeslagen", AL_ONTHULD}
    assert len(uitkomst) == len(mensen)
    # Every answer that was saved is in the revealed count; every refused one is not stored.
    assert sum(deel.verdeling[s]) == len(opgeslagen)
    for p in mensen:
        assert (s in invullen.mijn_antwoorden(db, p)) == (p.deelnemer.id in opgeslagen)


def test_shared_views__results_discussion_and_notes_wait_for_the_reveal(db: Database, vragenlijst: Vragenlijst) -> None:
    fac, (anna, bram, _) = _kamer(db, vragenlijst)
    _, stellingen = _eerste(vragenlijst)
    s = stellingen[0]
    samen.zet_modus(db, fac, "samen")
    samen.volgende(db, vragenlijst, fac)
    invullen.sla_antwoord_op(db, vragenlijst, anna, s, "1")
    invullen.sla_toelichting_op(db, vragenlijst, anna, s, "Bij ons gaat dit mis")
    invullen.sla_antwoord_op(db, vragenlijst, bram, s, "5")

    def verdeling() -> tuple[int, ...]:
        return next(
            x for x in resultaten.resultaat(db, vragenlijst, fac.ronde.id).stellingen if x.stelling == s
        ).verdeling

    assert verdeling() == (0, 0, 0, 0, 0)
    assert workshop.toelichtingen(db, vragenlijst, fac, s) == []
    assert s not in bespreken.bespreking(db, vragenlijst, fac.ronde.id).resultaat.bespreekpunten
    # Anna still sees her own answer on her phone.
    assert invullen.mijn_antwoorden(db, anna)[s].antwoord == "1"
    samen.onthul(db, fac)
    assert verdeling() == (1, 0, 0, 0, 1)
    assert workshop.toelichtingen(db, vragenlijst, fac, s) == [("niveau 1", "Bij ons gaat dit mis")]
    assert s in bespreken.bespreking(db, vragenlijst, fac.ronde.id).resultaat.bespreekpunten
    # A re-vote is blind too: the view keeps showing the first vote until its reveal.
    samen.herstem(db, vragenlijst, fac, s)
    samen.sla_herstemming_op(db, vragenlijst, anna, s, "4")
    assert verdeling() == (1, 0, 0, 0, 1)
    samen.onthul(db, fac)
    assert verdeling() == (0, 0, 0, 1, 1)
