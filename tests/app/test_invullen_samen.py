"""AppTest of Invullen on a participant's phone in a facilitated session (*Samen*, issue 16):
waiting, only the open part, done-waiting, revealed read-only, the re-vote block, a save refused
at the reveal, certainty, the anonymous or named notice, the discipline on joining, and a phone
that reloads landing on the current part. The state is set up through the real services on the
app's SQLite file."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import invullen, samen, start
from scan.services.regels import AL_ONTHULD, bouwsteen_stellingen
from scan.services.samen import HERSTEMMING_DICHT
from scan.ui.weergave import zichtbare_tekst
from scoring.models import Vragenlijst

pytestmark = pytest.mark.apptest
INVULLEN = "scan/ui/paginas/invullen.py"


@pytest.fixture
def karel(app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie) -> Sessie:
    return start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam="Karel Jansen", functie="Klantadviseur")


@pytest.fixture
def samen_ronde(app_db: Database, ronde: Sessie) -> Sessie:
    """The round in *Samen* mode; the returned session is its facilitator."""
    samen.zet_modus(app_db, ronde, "samen")
    return ronde


def _teksten(at: AppTest) -> str:
    """Everything the page says in words (headers, alerts, captions, Markdown)."""
    delen = [
        *(h.value for h in at.title),
        *(h.value for h in at.header),
        *(e.value for e in at.info),
        *(e.value for e in at.success),
        *(e.value for e in at.error),
        *(c.value for c in at.caption),
        *(m.value for m in at.markdown),
    ]
    return "\n".join(zichtbare_tekst(str(d)) for d in delen)


def _radios(at: AppTest) -> set[str]:
    return {r.key for r in at.radio if r.key}


def test_samen__nothing_open__the_phone_waits_calmly(
    open_app: Callable[..., AppTest], karel: Sessie, samen_ronde: Sessie
) -> None:
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    assert not at.exception
    assert at.title[0].value == "Wacht op de facilitator"
    assert "uw scherm volgt vanzelf" in _teksten(at).lower()
    assert not at.radio and not at.error and not at.selectbox  # nothing to answer, no error, no navigation


def test_samen__an_open_bouwsteen__shows_only_its_stellingen_without_navigation(
    open_app: Callable[..., AppTest], app_db: Database, karel: Sessie, samen_ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    tweede = vragenlijst.bouwstenen[1]
    samen.open_deel(app_db, vragenlijst, samen_ronde, bouwsteen=tweede.id)
    at = open_app(INVULLEN, d=karel.deelnemer.token, b=vragenlijst.bouwstenen[5].id)  # an old address
    assert not at.exception
    assert at.title[0].value == f"{tweede.nummer}. {tweede.naam.nl}"
    assert f"De groep werkt nu aan bouwsteen {tweede.nummer}. {tweede.naam.nl}" in _teksten(at)
    assert _radios(at) == {f"a_{s.id}" for s in tweede.stellingen} | {f"amb_{tweede.id}"}
    assert not at.selectbox  # no other bouwsteen to choose
    assert not [b for b in at.button if b.label in ("Vorige", "Volgende")]
    # Answering works and stays blind: the page says so.
    eerste = tweede.stellingen[0]
    at.radio(key=f"a_{eerste.id}").set_value("3").run()
    assert not at.exception
    assert invullen.mijn_antwoorden(app_db, karel)[eerste.id].antwoord == "3"
    assert "Niemand ziet uw antwoorden" in _teksten(at)
    assert f"1 van {len(tweede.stellingen)} stellingen van dit onderdeel beantwoord" in _teksten(at)


def test_samen__one_open_stelling__shows_only_that_stelling(
    open_app: Callable[..., AppTest], app_db: Database, karel: Sessie, samen_ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    bouwsteen = vragenlijst.bouwstenen[2]
    stelling = bouwsteen.stellingen[1]
    samen.open_deel(app_db, vragenlijst, samen_ronde, stelling=stelling.id)
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    assert not at.exception
    assert _radios(at) == {f"a_{stelling.id}"}  # no ambition with a single stelling
    assert f"De groep werkt nu aan stelling 2 van bouwsteen {bouwsteen.nummer}. {bouwsteen.naam.nl}" in _teksten(at)


def test_samen__all_of_the_part_answered__klaar_wacht_op_de_facilitator(
    open_app: Callable[..., AppTest], app_db: Database, karel: Sessie, samen_ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    bouwsteen = vragenlijst.bouwstenen[0]
    samen.open_deel(app_db, vragenlijst, samen_ronde, bouwsteen=bouwsteen.id)
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    assert not at.success
    for s in bouwsteen.stellingen:
        at.radio(key=f"a_{s.id}").set_value("4").run()
        assert not at.exception
    assert at.success[0].value.startswith("Klaar: wacht op de facilitator")
    # Still changeable until the reveal.
    assert not at.radio(key=f"a_{bouwsteen.stellingen[0].id}").disabled


def test_samen__revealed__own_answers_read_only_and_kijk_mee(
    open_app: Callable[..., AppTest], app_db: Database, karel: Sessie, samen_ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    bouwsteen = vragenlijst.bouwstenen[0]
    samen.open_deel(app_db, vragenlijst, samen_ronde, bouwsteen=bouwsteen.id)
    eerste = bouwsteen.stellingen[0]
    invullen.sla_antwoord_op(app_db, vragenlijst, karel, eerste.id, "2")
    samen.onthul(app_db, samen_ronde)
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    assert not at.exception
    assert "kijk mee op het scherm" in _teksten(at)
    assert at.radio(key=f"a_{eerste.id}").value == "2"
    assert all(at.radio(key=f"a_{s.id}").disabled for s in bouwsteen.stellingen)
    assert all(b.disabled for b in at.segmented_control)  # certainty too
    assert not at.text_area(key=f"t_{eerste.id}").disabled  # a note can still be added


def test_samen__first_vote_refused_at_the_reveal__says_why_beside_it_and_shows_what_is_stored(
    open_app: Callable[..., AppTest], app_db: Database, karel: Sessie, samen_ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    bouwsteen = vragenlijst.bouwstenen[0]
    eerste = bouwsteen.stellingen[0]
    samen.open_deel(app_db, vragenlijst, samen_ronde, bouwsteen=bouwsteen.id)
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    samen.onthul(app_db, samen_ronde)  # the facilitator is quicker than the tap
    at.radio(key=f"a_{eerste.id}").set_value("5").run()
    assert not at.exception
    assert eerste.id not in invullen.mijn_antwoorden(app_db, karel)
    assert [zichtbare_tekst(e.value) for e in at.error] == [AL_ONTHULD]
    assert at.radio(key=f"a_{eerste.id}").value is None and at.radio(key=f"a_{eerste.id}").disabled
    at.run()  # said once
    assert not at.error


def _herstemming(app_db: Database, vragenlijst: Vragenlijst, fac: Sessie, karel: Sessie) -> str:
    bouwsteen, stellingen = next(iter(bouwsteen_stellingen(vragenlijst).items()))
    samen.open_deel(app_db, vragenlijst, fac, bouwsteen=bouwsteen)
    invullen.sla_antwoord_op(app_db, vragenlijst, karel, stellingen[0], "2")
    samen.onthul(app_db, fac)
    samen.herstem(app_db, vragenlijst, fac, stellingen[0])
    return stellingen[0]


def test_samen__re_vote__shows_the_first_choice_and_saves_the_second(
    open_app: Callable[..., AppTest], app_db: Database, karel: Sessie, samen_ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    stelling = _herstemming(app_db, vragenlijst, samen_ronde, karel)
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    assert not at.exception
    teksten = _teksten(at)
    assert "Herstemming · 1." in teksten and "De groep stemt opnieuw over stelling 1" in teksten
    assert "Uw eerste keuze: **2 · Basis** (blijft bewaard)" in teksten
    assert _radios(at) == {f"h_{stelling}"}  # the first vote is text, not a widget
    at.radio(key=f"h_{stelling}").set_value("4").run()
    assert not at.exception
    assert samen.mijn_deel(app_db, karel).herstemmingen == {stelling: "4"}
    assert invullen.mijn_antwoorden(app_db, karel)[stelling].antwoord == "2"  # the first vote kept
    assert at.toast[0].value.startswith("Opgeslagen: herstemming stelling 1, 4 · Gestuurd")
    assert at.success[0].value.startswith("Klaar: wacht op de facilitator")
    at.radio(key=f"h_{stelling}").set_value("3").run()  # changeable until the reveal
    assert samen.mijn_deel(app_db, karel).herstemmingen == {stelling: "3"}
    samen.onthul(app_db, samen_ronde)
    at.run()
    assert at.radio(key=f"h_{stelling}").disabled and at.radio(key=f"h_{stelling}").value == "3"
    assert "kijk mee op het scherm" in _teksten(at)


def test_samen__re_vote_refused_at_the_reveal__shows_the_services_message(
    open_app: Callable[..., AppTest], app_db: Database, karel: Sessie, samen_ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    stelling = _herstemming(app_db, vragenlijst, samen_ronde, karel)
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    samen.onthul(app_db, samen_ronde)
    at.radio(key=f"h_{stelling}").set_value("5").run()
    assert not at.exception
    assert samen.mijn_deel(app_db, karel).herstemmingen == {}
    assert [zichtbare_tekst(e.value) for e in at.error] == [HERSTEMMING_DICHT]
    assert at.toast[0].value == "Niet opgeslagen: de reden staat bij de stelling."
    assert at.radio(key=f"h_{stelling}").value is None and at.radio(key=f"h_{stelling}").disabled


def test_eigen_tempo__a_re_voted_stelling__keeps_its_first_vote_locked_and_names_the_second(
    open_app: Callable[..., AppTest], app_db: Database, karel: Sessie, samen_ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    stelling = _herstemming(app_db, vragenlijst, samen_ronde, karel)
    samen.sla_herstemming_op(app_db, vragenlijst, karel, stelling, "4")
    samen.zet_modus(app_db, samen_ronde, "eigen_tempo")
    at = open_app(INVULLEN, d=karel.deelnemer.token, b=vragenlijst.bouwstenen[0].id)
    assert not at.exception
    assert at.radio(key=f"a_{stelling}").disabled and at.radio(key=f"a_{stelling}").value == "2"
    assert "Uw keuze na de bespreking telt: 4 · Gestuurd." in _teksten(at)
    assert not at.radio(key=f"a_{vragenlijst.bouwstenen[0].stellingen[1].id}").disabled


@pytest.mark.parametrize("modus", ["eigen_tempo", "samen"])
def test_zekerheid__after_a_level__is_saved_and_shown_again(
    open_app: Callable[..., AppTest],
    app_db: Database,
    karel: Sessie,
    ronde: Sessie,
    vragenlijst: Vragenlijst,
    modus: str,
) -> None:
    bouwsteen = vragenlijst.bouwstenen[0]
    eerste, tweede = bouwsteen.stellingen[0], bouwsteen.stellingen[1]
    if modus == "samen":
        samen.zet_modus(app_db, ronde, "samen")
        samen.open_deel(app_db, vragenlijst, ronde, bouwsteen=bouwsteen.id)
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    assert not at.segmented_control  # only after a level is chosen
    at.radio(key=f"a_{eerste.id}").set_value("3").run()
    at.radio(key=f"a_{tweede.id}").set_value("weet_niet").run()
    assert [b.key for b in at.segmented_control] == [f"z_{eerste.id}"]  # a level, not "weet niet"
    zeker = at.segmented_control(key=f"z_{eerste.id}")
    assert zeker.label == "Hoe zeker bent u? (optioneel)"
    assert zeker.options == ["Zeker", "Denk het", "Gok"]
    zeker.set_value("gok").run()
    assert not at.exception
    assert invullen.mijn_antwoorden(app_db, karel)[eerste.id].zekerheid == "gok"
    assert at.toast[0].value.startswith("Opgeslagen: zekerheid bij stelling 1")
    assert open_app(INVULLEN, d=karel.deelnemer.token).segmented_control(key=f"z_{eerste.id}").value == "gok"
    at.segmented_control(key=f"z_{eerste.id}").set_value(None).run()  # a second tap takes it away
    assert invullen.mijn_antwoorden(app_db, karel)[eerste.id].zekerheid is None


@pytest.mark.parametrize("modus", ["eigen_tempo", "samen"])
@pytest.mark.parametrize("op_naam", [False, True])
def test_naamgeving__the_phone_says_anonymous_or_named_before_answering(
    open_app: Callable[..., AppTest],
    app_db: Database,
    karel: Sessie,
    ronde: Sessie,
    vragenlijst: Vragenlijst,
    modus: str,
    op_naam: bool,
) -> None:
    samen.zet_op_naam(app_db, ronde, op_naam)
    samen.zet_modus(app_db, ronde, modus)
    teksten = _teksten(open_app(INVULLEN, d=karel.deelnemer.token))
    if op_naam:
        assert "De facilitator ziet uw naam bij uw antwoorden; het presentatiescherm nooit." in teksten
        assert "geen namen" not in teksten
    else:
        assert "De facilitator ziet geen namen bij de antwoorden;" in teksten
        assert "uw naam bij uw antwoorden" not in teksten


def test_samen__the_page_follows_the_facilitator_and_a_reload_lands_on_the_current_part(
    open_app: Callable[..., AppTest], app_db: Database, karel: Sessie, samen_ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    assert at.title[0].value == "Wacht op de facilitator"
    samen.volgende(app_db, vragenlijst, samen_ronde)
    at.run()  # what the poll's rerun does
    eerste = vragenlijst.bouwstenen[0]
    assert at.title[0].value == f"1. {eerste.naam.nl}"
    samen.volgende(app_db, vragenlijst, samen_ronde)
    tweede = vragenlijst.bouwstenen[1]
    opnieuw = open_app(INVULLEN, d=karel.deelnemer.token)  # a reload, a new connection
    assert opnieuw.title[0].value == f"2. {tweede.naam.nl}"
    assert _radios(opnieuw) == {f"a_{s.id}" for s in tweede.stellingen} | {f"amb_{tweede.id}"}
    # A choice made on the old part after the room moved on is refused and said once at the top.
    at.radio(key=f"a_{eerste.stellingen[0].id}").set_value("3").run()
    assert not at.exception
    assert at.title[0].value == f"2. {tweede.naam.nl}"
    assert "De groep werkt nu aan een ander onderdeel" in zichtbare_tekst(at.error[0].value)
    # Back to eigen tempo: the usual page with its navigation.
    samen.zet_modus(app_db, samen_ronde, "eigen_tempo")
    at.run()
    assert at.selectbox(key="invullen_b")


def test_volgsignaal__compares_only_the_mode_in_eigen_tempo(
    app_db: Database, karel: Sessie, samen_ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    assert samen.telefoon(app_db, karel).volg == samen.telefoon_signaal(app_db, karel.ronde.id) == ("samen", 0, False)
    samen.volgende(app_db, vragenlijst, samen_ronde)
    assert samen.telefoon(app_db, karel).volg == samen.telefoon_signaal(app_db, karel.ronde.id) == ("samen", 1, False)
    samen.onthul(app_db, samen_ronde)
    assert samen.telefoon(app_db, karel).volg == samen.telefoon_signaal(app_db, karel.ronde.id) == ("samen", 1, True)
    samen.zet_modus(app_db, samen_ronde, "eigen_tempo")
    assert samen.telefoon(app_db, karel).volg == samen.telefoon_signaal(app_db, karel.ronde.id)
    assert samen.telefoon_signaal(app_db, karel.ronde.id) == ("eigen_tempo", 0, False)


@pytest.mark.parametrize(("keuze", "verwacht"), [(None, None), ("ict", "ict")])
def test_meedoen__the_discipline_is_asked_why_and_saved_with_the_join(
    open_app: Callable[..., AppTest], app_db: Database, ronde: Sessie, keuze: str | None, verwacht: str | None
) -> None:
    at = open_app(code=ronde.ronde.code)
    vakgebied = at.pills(key="meedoen_vakgebied")
    assert vakgebied.label == "Uw vakgebied (optioneel)"
    assert vakgebied.options[0] == "KCC / klantcontact" and vakgebied.options[-1] == "Anders"
    uitleg = _teksten(at)
    assert "minder dan twee mensen" in uitleg and "alleen de facilitator en het volledige rapport" in uitleg
    at.text_input[1].input("Karel Jansen")
    at.text_input[2].input("Teamleider KCC")
    if keuze is not None:
        vakgebied.set_value(keuze)
    at.button(key="FormSubmitter:meedoen-Meedoen").click().run()
    assert not at.exception
    with app_db.inzage() as werk:
        rijen = {d: (f, c) for d, f, c in werk.samen.disciplines(ronde.ronde.id)}
    assert ("Teamleider KCC", verwacht) in rijen.values()
