"""The page Vergelijken's rules against the in-memory unit of work (tests/nep.py) and as plain
functions: what one may see, the choice of rounds, the minimum benchmark group. Milliseconds, no
database; the real aggregates run in tests/integration/test_toegang.py.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Literal, cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scan.fouten import GeenToegang, InvoerFout
from scan.leesmodellen import DeelnameInfo, RondeKort
from scan.services import vergelijken
from scan.services.toegang import Gebruiker, Rol
from scoring.models import Vragenlijst
from scoring.vergelijking import MAX_VERGELIJKEN, MIN_GROEP, Kerncijfers
from tests.nep import NepDatabase

VERSIE = "1.0"
VL = cast(Vragenlijst, SimpleNamespace(versie=VERSIE))
"""Only the version is read for closed rounds: their figures are stored."""


def _ronde(
    i: int, gm: str, datum: dt.date, *, status: Literal["open", "afgerond"] = "afgerond", provincie: str = "Fryslân"
) -> RondeKort:
    return RondeKort(
        id=i,
        gm_code=gm,
        gemeente=f"Gemeente {gm}",
        provincie=provincie,
        grootteklasse="25.000-50.000",
        datum=datum,
        status=status,
        fictief=False,
        vragenlijst_versie=VERSIE,
        deelnemers=4,
        totaal=None,
    )


def _cijfers(totaal: float) -> Kerncijfers:
    return Kerncijfers(
        vragenlijst_versie=VERSIE,
        deelnemers=4,
        totaal=totaal,
        typen={"kern": totaal},
        dimensies={"frontoffice": totaal},
        kenmerken={},
        bouwstenen={"kanaalinzet": totaal},
        ambities={"kanaalinzet": None},
    )


def _wie(rollen: dict[str, frozenset[Rol]]) -> Gebruiker:
    return Gebruiker(naam="Wie", email="wie@bureau.nl", rollen=rollen)


def _db(gemeenten: int, *, opt_in: int) -> NepDatabase:
    """``gemeenten`` gemeenten in one province and size class, each with a closed round; the first
    ``opt_in`` take part in the benchmark."""
    db = NepDatabase()
    for n in range(gemeenten):
        gm = f"GM{n:04d}"
        db.stand.gemeenten[gm] = f"Gemeente {gm}"
        db.stand.rondes_kort[n + 1] = _ronde(n + 1, gm, dt.date(2026, 3, 1))
        db.stand.ronde_scores[n + 1] = _cijfers(10.0 * n).model_dump_json()
    _opt_in(db, opt_in)
    return db


def _opt_in(db: NepDatabase, aantal: int) -> None:
    for gm in sorted(db.stand.gemeenten)[:aantal]:
        db.stand.deelnames[gm] = DeelnameInfo(gm_code=gm, neemt_deel=True, sinds=None, door="test")


# --- what one may see ---------------------------------------------------------------------------


def test_visible_rounds__only_of_gemeenten_with_a_role() -> None:
    db = _db(3, opt_in=0)
    wie = _wie({"GM0001": frozenset({"adviseur"})})
    assert [r.id for r in vergelijken.zichtbare_rondes(db, wie)] == [2]
    assert vergelijken.zichtbare_rondes(db, wie, ["GM0000"]) == []
    assert len(vergelijken.zichtbare_rondes(db, Gebruiker(naam="B", email=None, overal_beheerder=True))) == 3


@pytest.mark.parametrize("ronde_id", [1, 99])
def test_key_figures__someone_elses_round_and_an_absent_one__refused_alike(ronde_id: int) -> None:
    db = _db(3, opt_in=0)
    wie = _wie({"GM0001": frozenset({"adviseur"})})
    with pytest.raises(GeenToegang) as fout:
        vergelijken.kerncijfers_van(db, VL, wie, [2, ronde_id])
    assert str(fout.value) == str(vergelijken.onbekende_ronde(ronde_id))


def test_key_figures__of_closed_rounds_from_their_stored_figures_in_one_unit_of_work() -> None:
    db = _db(3, opt_in=0)
    voor = db.units
    cijfers = vergelijken.kerncijfers_van(
        db, VL, _wie({"GM0001": frozenset({"adviseur"}), "GM0002": frozenset({"facilitator"})}), [3, 2]
    )
    assert {i: k.totaal for i, k in cijfers.items()} == {3: 20.0, 2: 10.0}
    assert db.units == voor + 1


def test_key_figures__more_than_the_maximum__refused_before_reading() -> None:
    db = _db(1, opt_in=0)
    with pytest.raises(InvoerFout, match=f"hoogstens {MAX_VERGELIJKEN}"):
        vergelijken.kerncijfers_van(db, VL, _wie({}), list(range(MAX_VERGELIJKEN + 1)))
    assert db.units == 0


# --- the minimum group ----------------------------------------------------------------------------


@pytest.mark.parametrize("deelnemers", [MIN_GROEP - 1, MIN_GROEP, MIN_GROEP + 2])
def test_benchmark__spread_only_from_the_minimum_group_on(deelnemers: int) -> None:
    db = _db(MIN_GROEP + 3, opt_in=0)
    _opt_in(db, deelnemers)
    uitkomst = vergelijken.benchmark_van_ronde(db, VL, 1, "provincie")
    assert uitkomst is not None
    assert uitkomst.gemeenten == deelnemers
    assert uitkomst.voldoende is (deelnemers >= MIN_GROEP)
    totaal = next(p for p in uitkomst.posities if p.soort == "totaal")
    assert (totaal.groep is not None) is (deelnemers >= MIN_GROEP)
    assert uitkomst.groep == "de gemeenten in de provincie Fryslân"


def test_benchmark__each_gemeente_once_with_its_newest_round() -> None:
    db = _db(MIN_GROEP, opt_in=0)
    _opt_in(db, MIN_GROEP)
    # An older round of GM0000 with a very different score does not count as a sixth gemeente.
    db.stand.rondes_kort[50] = _ronde(50, "GM0000", dt.date(2025, 3, 1))
    db.stand.ronde_scores[50] = _cijfers(99.0).model_dump_json()
    uitkomst = vergelijken.benchmark_van_ronde(db, VL, 1, "grootteklasse")
    assert uitkomst is not None and uitkomst.gemeenten == MIN_GROEP
    totaal = next(p for p in uitkomst.posities if p.soort == "totaal")
    assert totaal.groep is not None and totaal.groep.q3 <= 40.0


def test_benchmark__not_opted_in__none_for_the_report_and_a_refusal_for_a_person() -> None:
    db = _db(MIN_GROEP, opt_in=0)
    assert vergelijken.benchmark_van_ronde(db, VL, 1, "provincie") is None
    assert vergelijken.benchmark_positie(db, VL, 1) is None
    with pytest.raises(InvoerFout, match="doet niet mee aan de anonieme benchmark"):
        vergelijken.benchmark_voor(db, VL, _wie({"GM0000": frozenset({"adviseur"})}), 1, "provincie")


# --- the page's choices --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("waarden", "verwacht"),
    [
        (["3", "1", "3"], [3, 1]),
        (["x", "-2", "²", "٣", "4"], [4]),
        ([str(i) for i in range(MAX_VERGELIJKEN + 5)], list(range(MAX_VERGELIJKEN))),
        ([], []),
    ],
)
def test_rounds_from_the_address(waarden: list[str], verwacht: list[int]) -> None:
    assert vergelijken.rondes_uit_adres(waarden) == verwacht


@given(st.lists(st.text(max_size=6), max_size=40))
def test_rounds_from_the_address__never_more_than_the_maximum_never_twice(waarden: list[str]) -> None:
    uit = vergelijken.rondes_uit_adres(waarden)
    assert len(uit) <= MAX_VERGELIJKEN and len(set(uit)) == len(uit)


def test_default_choice__the_address_when_visible_else_newest_per_gemeente() -> None:
    rondes = [
        _ronde(i, f"GM{g:04d}", dt.date(2026 - j, 1, 1))
        for g in range(7)
        for j, i in enumerate((g * 10 + 1, g * 10 + 2))
    ]
    assert vergelijken.standaard_keuze(rondes, [2, 999]) == [2]
    assert vergelijken.standaard_keuze(rondes, [999]) == [1, 11, 21, 31, 41][: vergelijken.STANDAARD_AANTAL]


def test_labels__two_rounds_of_one_gemeente_on_one_day_get_their_number() -> None:
    dag = dt.date(2026, 3, 1)
    rondes = [_ronde(1, "GM0001", dag), _ronde(2, "GM0001", dag), _ronde(3, "GM0002", dag)]
    labels = vergelijken.labels(rondes)
    assert labels[1].endswith("(1)") and labels[2].endswith("(2)")
    assert labels[3] == "Gemeente GM0002 · 01-03-2026"


def test_development__the_two_latest_chosen_rounds_per_gemeente() -> None:
    rondes = [
        _ronde(1, "GM0001", dt.date(2024, 1, 1)),
        _ronde(2, "GM0001", dt.date(2026, 1, 1)),
        _ronde(3, "GM0001", dt.date(2025, 1, 1)),
        _ronde(4, "GM0002", dt.date(2025, 1, 1)),
    ]
    assert vergelijken.ontwikkelingen(rondes, [1, 2, 3, 4]) == {"GM0001": (3, 2)}
    assert vergelijken.ontwikkelingen(rondes, [2, 4]) == {}
