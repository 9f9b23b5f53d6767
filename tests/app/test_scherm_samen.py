"""AppTest of the presenter view in a Samen session (issue 16): blind shows only the count, the
reveal the anonymous distribution with the anchors, a re-vote the first vote beside the second;
never a name, not even in a named round; the timer warns when a part runs over; the presenter
keys only for the facilitator who chose to present from their own session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import bespreken, invullen, samen, start
from scoring import tijd
from scoring.models import Vragenlijst

pytestmark = pytest.mark.apptest
SCHERM = "scan/ui/paginas/scherm.py"
NAMEN = ("Anna", "Bert", "Cem")


@pytest.fixture
def kamer(app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie) -> list[Sessie]:
    """A Samen round that shows names to its facilitator, three participants, the first bouwsteen open."""
    samen.zet_modus(app_db, ronde, "samen")
    samen.zet_op_naam(app_db, ronde, True)
    mensen = [start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam=n) for n in NAMEN]
    samen.volgende(app_db, vragenlijst, ronde)
    return mensen


def _stem(db: Database, vl: Vragenlijst, kamer: list[Sessie], niveaus: tuple[int, ...]) -> None:
    for sessie, niveau in zip(kamer, niveaus, strict=False):
        for s in vl.bouwstenen[0].stellingen:
            invullen.sla_antwoord_op(db, vl, sessie, s.id, str(niveau))


def _tekst(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def _zonder_namen(at: AppTest) -> None:
    assert not at.error, [e.value for e in at.error]
    tekst = _tekst(at) + "\n".join(str(t.value) for t in at.table)
    for naam in (*NAMEN, "Fatima"):
        assert naam not in tekst


def test_blind__only_the_count_no_distribution_no_names(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie, kamer: list[Sessie]
) -> None:
    _stem(app_db, vragenlijst, kamer, (1, 5))
    at = open_app(SCHERM, scherm=bespreken.presentatie_token(app_db, ronde))
    assert not at.exception
    tekst = _tekst(at)
    assert "Bouwsteen 1" in tekst and vragenlijst.bouwstenen[0].naam.nl in tekst
    assert "**2 van 3** hebben geantwoord" in tekst
    assert "Verborgen tot de onthulling" in tekst
    assert "Stem nu op uw telefoon" in tekst
    # Nothing of anyone's answer: no distribution, no overview, no anchor text.
    assert "| Aantal |" not in tekst and "| Stelling |" not in tekst
    for s in vragenlijst.bouwstenen[0].stellingen:
        for n in (1, 5):
            assert s.niveaus.bij(n).nl[:30] not in tekst.replace("\\", "")
    _zonder_namen(at)
    # Read-only apart from pausing the refresh (WCAG 2.2.2): no button without presenting.
    assert not at.button
    assert at.toggle(key="scherm_verversen").value is True


def test_revealed__anonymous_distribution_with_anchors_and_overview(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie, kamer: list[Sessie]
) -> None:
    _stem(app_db, vragenlijst, kamer, (1, 3, 5))
    samen.onthul(app_db, ronde)
    at = open_app(SCHERM, scherm=bespreken.presentatie_token(app_db, ronde))
    assert not at.exception
    tekst = _tekst(at)
    assert "**3 van 3** hebben geantwoord" in tekst and "Onthuld" in tekst
    eerste = vragenlijst.bouwstenen[0].stellingen[0]
    assert "Eerst bespreken: stelling 1.1" in tekst
    for n in (1, 3, 5):
        assert f"| 1 | {n} · " in tekst
        assert eerste.niveaus.bij(n).nl[:20] in tekst.replace("\\", "")
    assert "| 1 | 2 · " not in tekst
    # The overview of the whole bouwsteen, every stelling marked as a bespreekpunt.
    assert "| **1.1** ◆ | 1 | · | 1 | · | 1 | · |" in tekst
    _zonder_namen(at)


def test_revote_revealed__first_vote_beside_the_second_and_the_outcome(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie, kamer: list[Sessie]
) -> None:
    _stem(app_db, vragenlijst, kamer, (1, 3, 5))
    samen.onthul(app_db, ronde)
    stelling = vragenlijst.bouwstenen[0].stellingen[0]
    samen.herstem(app_db, vragenlijst, ronde, stelling.id)
    token = bespreken.presentatie_token(app_db, ronde)
    samen.sla_herstemming_op(app_db, vragenlijst, kamer[0], stelling.id, "3")
    at = open_app(SCHERM, scherm=token)
    tekst = _tekst(at)
    assert "Opnieuw stemmen · stelling 1.1" in tekst
    assert "**1 van 3** hebben opnieuw gestemd" in tekst
    # During the re-vote: neither vote's distribution.
    assert "| Eerst |" not in tekst and "| Aantal |" not in tekst
    for sessie, niveau in zip(kamer[1:], ("3", "4"), strict=True):
        samen.sla_herstemming_op(app_db, vragenlijst, sessie, stelling.id, niveau)
    samen.onthul(app_db, ronde)
    at.run()
    tekst = _tekst(at)
    assert "| Eerst | Nu | Niveau |" in tekst
    assert "| 1 | 0 | 1 · " in tekst and "| 1 | 2 | 3 · " in tekst and "| 0 | 1 | 4 · " in tekst
    assert "| 1 | 0 | 5 · " in tekst
    assert "Samengekomen: spreiding 4 → 1" in tekst
    _zonder_namen(at)


def test_no_part_open_yet__says_so_with_the_join_block(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie
) -> None:
    samen.zet_modus(app_db, ronde, "samen")
    at = open_app(SCHERM, scherm=bespreken.presentatie_token(app_db, ronde))
    assert not at.exception
    assert "De facilitator opent zo het eerste onderdeel" in _tekst(at)
    assert len(at.get("image")) == 1  # the QR code to join


def test_part_over_its_time__the_timer_says_so(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    ronde: Sessie,
    kamer: list[Sessie],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    token = bespreken.presentatie_token(app_db, ronde)
    at = open_app(SCHERM, scherm=token)
    n = len(vragenlijst.bouwstenen[0].stellingen)
    assert f"van {n + 2} min" in _tekst(at)  # a minute per stelling and two for the reveal
    assert "over de tijd" not in _tekst(at)
    echt = tijd.nu
    monkeypatch.setattr(tijd, "nu", lambda: echt() + dt.timedelta(minutes=n + 5))
    at.run()
    assert "Let op: 3:" in _tekst(at) and "over de tijd" in _tekst(at)  # in words, no icon name


def test_paused__no_automatic_refresh_said_in_words(
    open_app: Callable[..., AppTest], app_db: Database, ronde: Sessie, kamer: list[Sessie]
) -> None:
    at = open_app(SCHERM, scherm=bespreken.presentatie_token(app_db, ronde))
    at.toggle(key="scherm_verversen").set_value(False).run()
    assert not at.exception
    assert "Bijwerken staat stil" in _tekst(at)


def test_presenter_keys__not_for_a_session_that_only_knows_the_personal_link(
    open_app: Callable[..., AppTest], app_db: Database, ronde: Sessie, kamer: list[Sessie]
) -> None:
    # The facilitator's personal link in the address and in this session: still no keys, because
    # presenting is chosen on the Workshop page, not by an address.
    at = open_app(SCHERM, scherm=bespreken.presentatie_token(app_db, ronde), d=ronde.deelnemer.token)
    assert not at.exception
    assert not at.button
    assert "d" not in at.query_params


def test_presenter_keys__reveal_from_the_projector_view(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie, kamer: list[Sessie]
) -> None:
    _stem(app_db, vragenlijst, kamer, (1, 3, 5))
    at = open_app("scan/ui/paginas/workshop.py", d=ronde.deelnemer.token)
    at.button(key="samen_presenteren").click().run()
    at.switch_page(SCHERM)
    at.query_params.pop("d", None)
    at.run()
    assert at.button(key="presentator_onthul").proto.shortcut
    assert at.button(key="presentator_timer").proto.shortcut == "t"
    at.button(key="presentator_onthul").click().run()
    assert not at.exception
    assert samen.mijn_deel(app_db, ronde).stap.onthuld  # type: ignore[union-attr]
    assert "| 1 | 3 · " in _tekst(at)
    # The re-vote key opens the point in focus.
    at.button(key="presentator_herstem").click().run()
    stap = samen.mijn_deel(app_db, ronde).stap
    assert stap is not None and stap.herstemming and stap.stelling == vragenlijst.bouwstenen[0].stellingen[0].id
    _zonder_namen(at)
