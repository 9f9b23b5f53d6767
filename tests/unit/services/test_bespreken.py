"""The discussion's use cases (presenter link, agenda) against the in-memory unit of work
(tests/nep.py). The same rules run on SQLite and PostgreSQL in tests/integration/test_bespreken.py."""

from __future__ import annotations

import json

import pytest

from scan.fouten import InvoerFout
from scan.services import bespreken
from scoring.models import Vragenlijst
from tests.unit.services.werkplaats import ANNA, werkplaats


def test_presenter_token__made_once_renewed_by_the_facilitator_only(vragenlijst: Vragenlijst) -> None:
    db, bert, anna = werkplaats(vragenlijst)
    token = bespreken.presentatie_token(db, bert)
    assert bespreken.presentatie_token(db, bert) == token
    assert bespreken.ronde_voor_scherm(db, token) == bert.ronde
    nieuw = bespreken.vernieuw_presentatie_token(db, bert)
    assert nieuw != token and bespreken.ronde_voor_scherm(db, token) is None
    for actie in (bespreken.presentatie_token, bespreken.vernieuw_presentatie_token):
        with pytest.raises(InvoerFout, match="Alleen de facilitator"):
            actie(db, anna)


@pytest.mark.parametrize("token", ["", "x" * 65, "onbekend"])
def test_presenter_view__unknown_or_overlong_token__shows_nothing(vragenlijst: Vragenlijst, token: str) -> None:
    db, bert, _ = werkplaats(vragenlijst)
    bespreken.presentatie_token(db, bert)
    assert bespreken.ronde_voor_scherm(db, token) is None
    assert bespreken.scherm_stand(db, vragenlijst, token) is None


def test_presenter_view__one_read_with_progress_and_agenda(vragenlijst: Vragenlijst) -> None:
    db, bert, _ = werkplaats(vragenlijst)
    token = bespreken.presentatie_token(db, bert)
    st = vragenlijst.stellingen()[0][1].id
    db.stand.antwoord(1, ANNA.id, st, "1")
    db.stand.antwoord(1, bert.deelnemer.id, st, "5")
    voor = db.units
    stand = bespreken.scherm_stand(db, vragenlijst, token)
    assert db.units == voor + 1
    assert stand is not None and stand.ronde == bert.ronde
    assert [r.beantwoord for r in stand.voortgang] == [1, 1]
    assert [p.stelling for p in stand.bespreking.agenda.te_doen] == [st]


@pytest.mark.parametrize(
    ("markering", "status", "melding"),
    [
        ("later", "open", None),
        ("geparkeerd", "open", None),
        ("later", "afgerond", "agenda ligt vast"),
        ("x", "open", "kan niet"),
    ],
)
def test_mark__facilitator_in_an_open_round(
    vragenlijst: Vragenlijst, markering: str, status: str, melding: str | None
) -> None:
    db, bert, anna = werkplaats(vragenlijst, status)
    st = vragenlijst.stellingen()[0][1].id
    if melding is None:
        bespreken.markeer(db, vragenlijst, bert, st, markering)  # type: ignore[arg-type]
        assert bespreken.markeringen(db, 1) == {st: markering}
        bespreken.markeer(db, vragenlijst, bert, st, None)
        assert bespreken.markeringen(db, 1) == {}
        with pytest.raises(InvoerFout, match="Alleen de facilitator"):
            bespreken.markeer(db, vragenlijst, anna, st, "later")
    else:
        with pytest.raises(InvoerFout, match=melding):
            bespreken.markeer(db, vragenlijst, bert, st, markering)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [
        (None, (3.0, 60.0)),
        ("", (3.0, 60.0)),
        ("{kapot", (3.0, 60.0)),
        (json.dumps({"minuten_per_punt": 5}), (3.0, 60.0)),
        (json.dumps({"minuten_per_punt": 5, "budget": 15}), (5.0, 15.0)),
        (json.dumps({"minuten_per_punt": "x", "budget": 15}), (3.0, 60.0)),
    ],
)
def test_agenda_setting__read_or_defaults(waarde: str | None, verwacht: tuple[float, float]) -> None:
    assert bespreken.agenda_uit(waarde) == verwacht


@pytest.mark.parametrize(
    ("minuten", "budget", "goed"), [(5, 15, True), (0, 15, False), (61, 15, False), (3, -1, False), (3, 481, False)]
)
def test_agenda_setting__stored_for_the_round_within_limits(
    vragenlijst: Vragenlijst, minuten: float, budget: float, goed: bool
) -> None:
    db, bert, _ = werkplaats(vragenlijst)
    if goed:
        bespreken.stel_agenda_in(db, bert, minuten_per_punt=minuten, budget=budget)
        assert bespreken.agenda_instelling(db, 1) == (minuten, budget)
    else:
        with pytest.raises(InvoerFout):
            bespreken.stel_agenda_in(db, bert, minuten_per_punt=minuten, budget=budget)
        assert db.units == 0
