"""What the participant's phone reads in a facilitated session (scan.services.samen, block
"telefoon") and the discipline given when joining (scan.services.start.neem_deel), on SQLite
and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from scan.db.verbinding import Database
from scan.fouten import InvoerFout
from scan.leesmodellen import Sessie
from scan.services import invullen, samen, start
from scoring.models import Vragenlijst
from scoring.samen import Stap
from tests.rondes import start_ronde


def _ronde(db: Database, vl: Vragenlijst) -> Sessie:
    return start_ronde(db, vl, gm_code="GM0355", facilitator="Fatima", datum=dt.date(2026, 12, 7))


def _disciplines(db: Database, ronde_id: int) -> dict[str, tuple[str | None, str | None]]:
    with db.inzage() as werk:
        namen = {v.deelnemer_id: v.naam for v in werk.rondes.voortgang(ronde_id)}
        return {namen[d]: (f, c) for d, f, c in werk.samen.disciplines(ronde_id)}


def test_join__with_a_discipline__stores_it_with_the_join(db: Database, vragenlijst: Vragenlijst) -> None:
    fac = _ronde(db, vragenlijst)
    start.neem_deel(
        db, vragenlijst, code=fac.ronde.code, naam="Anna", functie="Webredacteur", discipline="communicatie"
    )
    start.neem_deel(db, vragenlijst, code=fac.ronde.code, naam="Bram", functie="Teamleider KCC")
    assert _disciplines(db, fac.ronde.id) == {
        "Fatima": (None, None),
        "Anna": ("Webredacteur", "communicatie"),
        "Bram": ("Teamleider KCC", None),  # read from the function when the facilitator looks
    }


def test_join__an_unknown_discipline__is_refused_and_writes_nothing(db: Database, vragenlijst: Vragenlijst) -> None:
    fac = _ronde(db, vragenlijst)
    with pytest.raises(InvoerFout, match="Vakgebied 'sales' kan niet"):
        start.neem_deel(db, vragenlijst, code=fac.ronde.code, naam="Anna", discipline="sales")
    assert list(_disciplines(db, fac.ronde.id)) == ["Fatima"]


def test_telefoon__one_read_with_answers_part_and_second_votes(db: Database, vragenlijst: Vragenlijst) -> None:
    fac = _ronde(db, vragenlijst)
    anna = start.neem_deel(db, vragenlijst, code=fac.ronde.code, naam="Anna")
    bouwsteen = vragenlijst.bouwstenen[0]
    eerste = bouwsteen.stellingen[0].id
    invullen.sla_antwoord_op(db, vragenlijst, anna, eerste, "2")
    invullen.sla_ambitie_op(db, vragenlijst, anna, bouwsteen.id, 4)
    tel = samen.telefoon(db, anna)
    assert (tel.deel.modus, tel.deel.stap, tel.herstemd, tel.volg) == (
        "eigen_tempo",
        None,
        frozenset(),
        ("eigen_tempo", 0, False),
    )
    assert tel.antwoorden[eerste].antwoord == "2" and tel.ambities[bouwsteen.id][0] == 4

    samen.zet_modus(db, fac, "samen")
    samen.open_deel(db, vragenlijst, fac, bouwsteen=bouwsteen.id)
    samen.onthul(db, fac)
    samen.herstem(db, vragenlijst, fac, eerste)
    samen.sla_herstemming_op(db, vragenlijst, anna, eerste, "3")
    tel = samen.telefoon(db, anna)
    assert tel.deel.stap is not None and tel.deel.stap.herstemming
    assert tel.herstemd == {eerste} and tel.deel.herstemmingen == {eerste: "3"}
    assert tel.volg == samen.telefoon_signaal(db, fac.ronde.id) == ("samen", 2, False)
    assert tel.antwoorden[eerste].antwoord == "2"


def test_deel_stellingen__in_questionnaire_order_with_their_number_in_the_bouwsteen(vragenlijst: Vragenlijst) -> None:
    moment = dt.datetime(2026, 12, 7, 10, tzinfo=dt.UTC)
    b = vragenlijst.bouwstenen[3]
    heel = samen.deel_stellingen(vragenlijst, Stap(volgnummer=1, bouwsteen=b.id, geopend_op=moment))
    assert [(x.id, n, s.id) for x, n, s in heel] == [(b.id, i, s.id) for i, s in enumerate(b.stellingen, start=1)]
    een = samen.deel_stellingen(vragenlijst, Stap(volgnummer=2, stelling=b.stellingen[2].id, geopend_op=moment))
    assert [(x.id, n, s.id) for x, n, s in een] == [(b.id, 3, b.stellingen[2].id)]


@pytest.mark.parametrize(
    ("signaal", "verwacht"),
    [
        (None, None),
        (("eigen_tempo", 4, True), ("eigen_tempo", 0, False)),
        (("samen", 0, False), ("samen", 0, False)),
        (("samen", 4, True), ("samen", 4, True)),
    ],
)
def test_volgsignaal__in_eigen_tempo_only_the_mode_counts(
    signaal: tuple[str, int, bool] | None, verwacht: tuple[str, int, bool] | None
) -> None:
    assert samen.volgsignaal(signaal) == verwacht


def test_signaal__one_read_serves_the_room_briefly__a_step_of_this_process_shows_at_once(
    db: Database, database_url: str, vragenlijst: Vragenlijst
) -> None:
    """Issue 20: phones and projectors of one round share a read of the signal for
    ``SIGNAAL_GELDIG`` seconds; what another process changed shows after that, what this
    process changed shows on the next poll."""
    from scan.db.openen import open_database

    fac = _ronde(db, vragenlijst)
    nu = [1000.0]

    def klok() -> float:
        return nu[0]

    assert samen.signaal(db, fac.ronde.id, klok=klok) == ("eigen_tempo", 0, False)
    # Another app process (its own Database on the same database) switches to Samen.
    ander = open_database(database_url)
    try:
        samen.zet_modus(ander, fac, "samen")
    finally:
        ander.sluit()
    nu[0] += samen.SIGNAAL_GELDIG / 2
    assert samen.signaal(db, fac.ronde.id, klok=klok) == ("eigen_tempo", 0, False)  # the shared read
    nu[0] += samen.SIGNAAL_GELDIG
    assert samen.signaal(db, fac.ronde.id, klok=klok) == ("samen", 0, False)
    # A step through this process: the very next poll sees it.
    samen.open_deel(db, vragenlijst, fac, bouwsteen=vragenlijst.bouwstenen[0].id)
    assert samen.signaal(db, fac.ronde.id, klok=klok) == ("samen", 1, False)
    samen.onthul(db, fac)
    assert samen.signaal(db, fac.ronde.id, klok=klok) == ("samen", 1, True)
