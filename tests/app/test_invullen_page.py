"""AppTest of Invullen: every change saved at once, shown again after a refresh, failures kept on screen."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from scan.db.verbinding import Database
from scan.fouten import OpslagFout
from scan.leesmodellen import Sessie
from scan.services import invullen, start, workshop
from scoring.models import Vragenlijst

pytestmark = pytest.mark.apptest
INVULLEN = "scan/ui/paginas/invullen.py"


@pytest.fixture
def karel(app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie) -> Sessie:
    return start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam="Karel <b>*Jansen*</b>")


def test_invullen__a_choice__is_saved_confirmed_and_back_after_a_refresh(
    open_app: Callable[..., AppTest], app_db: Database, karel: Sessie, vragenlijst: Vragenlijst
) -> None:
    eerste = vragenlijst.bouwstenen[0].stellingen[0]
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    assert not at.exception
    assert at.radio(key=f"a_{eerste.id}").value is None
    at.radio(key=f"a_{eerste.id}").set_value("4").run()
    assert not at.exception
    assert invullen.mijn_antwoorden(app_db, karel)[eerste.id].antwoord == "4"
    assert [t.value.rsplit(" · ", 1)[0] for t in at.toast] == ["Opgeslagen: stelling 1, 4 · Gestuurd"]
    assert re.fullmatch(r"\d\d:\d\d:\d\d", at.toast[0].value.rsplit(" · ", 1)[1])  # when it was saved
    assert any("Opgeslagen om" in c.value for c in at.caption)
    assert f"1 van {len(vragenlijst.stellingen())} stellingen beantwoord" in at.get("progress")[0].proto.text

    ververst = open_app(INVULLEN, d=karel.deelnemer.token)  # a new browser session
    assert ververst.radio(key=f"a_{eerste.id}").value == "4"


def test_invullen__note_and_ambition__are_saved_as_typed(
    open_app: Callable[..., AppTest], app_db: Database, karel: Sessie, vragenlijst: Vragenlijst
) -> None:
    bouwsteen = vragenlijst.bouwstenen[0]
    stelling = bouwsteen.stellingen[1]
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    at.text_area(key=f"t_{stelling.id}").input("Balie <b>én</b> telefoon; *geen* web").run()
    # A note on a stelling not yet answered gets its own lasting confirmation under the stelling.
    assert any(
        re.search(r"Nog niet beantwoord · toelichting opgeslagen om \d\d:\d\d:\d\d", c.value) for c in at.caption
    )
    at.radio(key=f"amb_{bouwsteen.id}").set_value("4").run()
    assert not at.exception
    assert invullen.mijn_antwoorden(app_db, karel)[stelling.id].toelichting == "Balie <b>én</b> telefoon; *geen* web"
    assert invullen.mijn_ambities(app_db, karel) == {bouwsteen.id: 4}
    ververst = open_app(INVULLEN, d=karel.deelnemer.token)
    assert ververst.text_area(key=f"t_{stelling.id}").value == "Balie <b>én</b> telefoon; *geen* web"
    assert ververst.radio(key=f"amb_{bouwsteen.id}").value == "4"


def test_invullen__next__moves_to_the_next_bouwsteen_and_the_link_remembers_it(
    open_app: Callable[..., AppTest], karel: Sessie, vragenlijst: Vragenlijst
) -> None:
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    at.button[1].click().run()  # Volgende (top)
    tweede = vragenlijst.bouwstenen[1]
    assert at.title[0].value == f"2. {tweede.naam.nl}"
    assert at.query_params["b"] in (tweede.id, [tweede.id])
    assert len(at.radio) == len(tweede.stellingen) + 1
    opnieuw = open_app(INVULLEN, d=karel.deelnemer.token, b=tweede.id)
    assert opnieuw.title[0].value == f"2. {tweede.naam.nl}"


@pytest.mark.parametrize("beantwoord", [1, 3, 5])
def test_invullen__next_after_answering_part_of_a_bouwsteen__moves_on_without_an_error(
    open_app: Callable[..., AppTest], app_db: Database, karel: Sessie, vragenlijst: Vragenlijst, beantwoord: int
) -> None:
    """The room's traceback: progress in the bouwsteen list's labels broke Volgende after answering."""
    eerste, tweede = vragenlijst.bouwstenen[0], vragenlijst.bouwstenen[1]
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    for stelling in eerste.stellingen[:beantwoord]:
        at.radio(key=f"a_{stelling.id}").set_value("3").run()
        assert not at.exception
    at.button(key="volgende_onder").click().run()
    assert not at.exception
    assert at.title[0].value == f"2. {tweede.naam.nl}"
    at.button[0].click().run()  # Vorige (top)
    assert not at.exception
    assert at.title[0].value == f"1. {eerste.naam.nl}"
    assert len(invullen.mijn_antwoorden(app_db, karel)) == beantwoord


def test_invullen__fresh_start__continues_at_the_first_unfinished_bouwsteen(
    open_app: Callable[..., AppTest], app_db: Database, karel: Sessie, vragenlijst: Vragenlijst
) -> None:
    for b in vragenlijst.bouwstenen[:2]:
        for stelling in b.stellingen:
            invullen.sla_antwoord_op(app_db, vragenlijst, karel, stelling.id, "3")
        invullen.sla_ambitie_op(app_db, vragenlijst, karel, b.id, 4)
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    assert at.title[0].value == f"3. {vragenlijst.bouwstenen[2].naam.nl}"


def test_invullen__round_closed_after_the_page_loaded__the_click_is_refused_visibly(
    open_app: Callable[..., AppTest], app_db: Database, karel: Sessie, ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    eerste = vragenlijst.bouwstenen[0].stellingen[0]
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    workshop.rond_af(app_db, vragenlijst, ronde)
    at.radio(key=f"a_{eerste.id}").set_value("5").run()
    assert not at.exception
    assert eerste.id not in invullen.mijn_antwoorden(app_db, karel)
    assert any("afgerond" in e.value for e in at.error)
    assert at.radio(key=f"a_{eerste.id}").value is None  # what is stored, not the refused click
    assert at.radio(key=f"a_{eerste.id}").disabled


def test_invullen__every_stelling_shows_its_five_anchors(
    open_app: Callable[..., AppTest], karel: Sessie, vragenlijst: Vragenlijst
) -> None:
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    for s in vragenlijst.bouwstenen[0].stellingen:
        radio = at.radio(key=f"a_{s.id}")
        assert radio.options[:5] == [
            "1 · Startend",
            "2 · Basis",
            "3 · Samenhangend",
            "4 · Gestuurd",
            "5 · Voorbeeld",
        ]
        assert len(radio.options) == 7
        captions = list(radio.proto.captions)
        assert captions[0].replace("\\", "") == s.niveaus.bij(1).nl


def test_invullen__participant_name__is_shown_as_text_not_markup(
    open_app: Callable[..., AppTest], karel: Sessie
) -> None:
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    assert at.caption[0].value.startswith(r"Karel \<b\>\*Jansen\*\</b\>")


def test_invullen__database_failure__keeps_the_choice_on_screen_with_a_dutch_error(
    open_app: Callable[..., AppTest],
    app_db: Database,
    karel: Sessie,
    vragenlijst: Vragenlijst,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    eerste = vragenlijst.bouwstenen[0].stellingen[0]
    at = open_app(INVULLEN, d=karel.deelnemer.token)

    def kapot(*_: object, **__: object) -> None:
        # What the unit of work raises for a database error (SQLAlchemy's stays inside scan.db).
        raise OpslagFout() from OSError("disk I/O error")

    # Only this patch is undone afterwards: a plain ``monkeypatch.undo()`` also dropped the test's
    # DATABASE_URL, and the next run opened the developer's data/zelfscan.db.
    with monkeypatch.context() as m:
        m.setattr(invullen, "sla_antwoord_op", kapot)
        at.radio(key=f"a_{eerste.id}").set_value("2").run()
        assert not at.exception
        assert "Niet opgeslagen" in at.error[0].value
        assert at.radio(key=f"a_{eerste.id}").value == "2"
        assert invullen.mijn_antwoorden(app_db, karel) == {}
    at.radio(key=f"a_{eerste.id}").set_value("3").run()
    assert not at.error
    assert invullen.mijn_antwoorden(app_db, karel)[eerste.id].antwoord == "3"


def test_invullen__unknown_personal_link__says_so(open_app: Callable[..., AppTest]) -> None:
    at = open_app(INVULLEN, d="typfout")
    assert not at.exception
    assert "Deze persoonlijke link is onbekend" in at.warning[0].value


def test_invullen__first_and_last_bouwsteen__have_no_way_past_the_end(
    open_app: Callable[..., AppTest], karel: Sessie, vragenlijst: Vragenlijst
) -> None:
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    assert at.button[0].disabled and not at.button[1].disabled
    laatste = open_app(INVULLEN, d=karel.deelnemer.token, b=vragenlijst.bouwstenen[-1].id)
    assert laatste.title[0].value.startswith("16. ")
    assert laatste.button[1].disabled and not laatste.button[0].disabled


def test_invullen__without_a_session__points_to_start(open_app: Callable[..., AppTest]) -> None:
    at = open_app(INVULLEN)
    assert not at.exception
    assert "U doet nog niet mee" in at.warning[0].value


def test_invullen__database_file_deleted_under_the_app__refuses_loudly_never_opgeslagen(
    open_app: Callable[..., AppTest], app_db: Database, karel: Sessie, vragenlijst: Vragenlijst
) -> None:
    """Issue 13, case 9: the file deleted while the app runs; a click must not say "Opgeslagen"."""
    eerste = vragenlijst.bouwstenen[0].stellingen[0]
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    at.radio(key=f"a_{eerste.id}").set_value("4").run()
    assert at.toast[0].value.startswith("Opgeslagen")
    assert app_db.bestand is not None
    app_db.bestand.unlink()
    at.radio(key=f"a_{eerste.id}").set_value("2").run()
    assert not at.exception
    assert not any(t.value.startswith("Opgeslagen") for t in at.toast)
    assert any("database van deze app is verdwenen of vervangen" in e.value for e in at.error)
    assert not app_db.bestand.exists(), "no new empty file"
