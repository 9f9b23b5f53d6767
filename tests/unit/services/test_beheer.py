"""The page Beheer's rules against the in-memory unit of work (tests/nep.py): who may grant and
revoke roles, and opt a gemeente in to the benchmark. Milliseconds, no database; the same use
cases run on SQLite and PostgreSQL in tests/integration/test_toegang.py and test_conflicten.py.
"""

from __future__ import annotations

import pytest

from scan.fouten import GeenToegang, InvoerFout
from scan.services import beheer
from scan.services.toegang import Gebruiker, Rol, gebruiker_voor, mag_rol_intrekken
from tests.nep import NepDatabase

UTRECHT, ALMERE = "GM0344", "GM0034"


@pytest.fixture
def db() -> NepDatabase:
    db = NepDatabase()
    for gm, naam in ((UTRECHT, "Utrecht"), (ALMERE, "Almere")):
        db.stand.gemeenten[gm] = naam
    return db


def _wie(rollen: dict[str, frozenset[Rol]], email: str = "wie@gemeente.nl", overal: bool = False) -> Gebruiker:
    return Gebruiker(naam="Wie", email=email, rollen=rollen, overal_beheerder=overal)


BEHEERDER_UTRECHT = _wie({UTRECHT: frozenset({"beheerder"})}, "beheer@utrecht.nl")


@pytest.mark.parametrize(
    ("rollen", "mag"),
    [
        ({UTRECHT: frozenset({"beheerder"})}, True),
        ({UTRECHT: frozenset({"facilitator", "adviseur"})}, False),
        ({ALMERE: frozenset({"beheerder"})}, False),
        ({}, False),
    ],
)
def test_grant__only_a_beheerder_of_that_gemeente__in_one_unit_of_work(
    db: NepDatabase, rollen: dict[str, frozenset[Rol]], mag: bool
) -> None:
    voor = db.units
    if mag:
        beheer.ken_rol_toe(db, _wie(rollen), UTRECHT, "  Nieuw@Voorbeeld.NL ", "adviseur")
        assert [(r.email, r.rol) for r in db.stand.rollen.values()] == [("nieuw@voorbeeld.nl", "adviseur")]
    else:
        with pytest.raises(GeenToegang, match="Utrecht"):
            beheer.ken_rol_toe(db, _wie(rollen), UTRECHT, "nieuw@voorbeeld.nl", "adviseur")
        assert db.stand.rollen == {}
    assert db.units == voor + 1


def test_grant__twice_unknown_role_or_gemeente__refused_in_dutch(db: NepDatabase) -> None:
    beheer.ken_rol_toe(db, BEHEERDER_UTRECHT, UTRECHT, "a@b.nl", "adviseur")
    with pytest.raises(InvoerFout, match="heeft de rol adviseur al"):
        beheer.ken_rol_toe(db, BEHEERDER_UTRECHT, UTRECHT, "A@B.nl", "adviseur")
    with pytest.raises(InvoerFout, match="bestaat niet"):
        beheer.ken_rol_toe(db, BEHEERDER_UTRECHT, UTRECHT, "a@b.nl", "koning")
    with pytest.raises(InvoerFout, match="CBS-lijst"):
        beheer.ken_rol_toe(db, _wie({}, overal=True), "GM9999", "a@b.nl", "adviseur")
    with pytest.raises(InvoerFout, match="geen geldig e-mailadres"):
        beheer.ken_rol_toe(db, BEHEERDER_UTRECHT, UTRECHT, "geen adres", "adviseur")
    assert len(db.stand.rollen) == 1


def test_granted_roles__are_what_the_person_gets_at_sign_in(db: NepDatabase) -> None:
    beheer.ken_rol_toe(db, BEHEERDER_UTRECHT, UTRECHT, "ad@bureau.nl", "adviseur")
    beheer.ken_rol_toe(db, BEHEERDER_UTRECHT, UTRECHT, "ad@bureau.nl", "facilitator")
    ad = gebruiker_voor(db, " AD@bureau.nl ", None)  # type: ignore[arg-type]  # the fake duck-types Database
    assert ad.rollen == {UTRECHT: frozenset({"adviseur", "facilitator"})}
    assert ad.mag("leiden", UTRECHT) and not ad.mag("beheren", UTRECHT) and not ad.mag("zien", ALMERE)


@pytest.mark.parametrize(
    ("rol", "email", "overal", "mag"),
    [
        ("beheerder", "beheer@utrecht.nl", False, False),  # one's own beheerder role
        ("beheerder", "beheer@utrecht.nl", True, True),  # an installation-wide beheerder may
        ("adviseur", "beheer@utrecht.nl", False, True),  # one's own other role
        ("beheerder", "ander@utrecht.nl", False, True),  # another beheerder's
    ],
)
def test_revoke_own_beheerder_role__the_rule(rol: str, email: str, overal: bool, mag: bool) -> None:
    wie = _wie({UTRECHT: frozenset({"beheerder"})}, "beheer@utrecht.nl", overal)
    assert mag_rol_intrekken(wie, rol, email) is mag


def test_revoke__checks_the_grant_seen_the_role_and_oneself(db: NepDatabase) -> None:
    beheer.ken_rol_toe(db, _wie({}, overal=True), UTRECHT, "beheer@utrecht.nl", "beheerder")
    beheer.ken_rol_toe(db, BEHEERDER_UTRECHT, UTRECHT, "ad@bureau.nl", "adviseur")
    eigen, ad = sorted(beheer.rollen_van(db, BEHEERDER_UTRECHT, UTRECHT), key=lambda r: r.rol, reverse=True)
    with pytest.raises(InvoerFout, match="eigen rol beheerder"):
        beheer.trek_rol_in(db, BEHEERDER_UTRECHT, eigen.id, toegekend_op=eigen.toegekend_op)
    with pytest.raises(GeenToegang):
        beheer.trek_rol_in(db, _wie({ALMERE: frozenset({"beheerder"})}), ad.id, toegekend_op=ad.toegekend_op)
    with pytest.raises(InvoerFout, match="intussen al ingetrokken"):  # another grant moment: not the one seen
        beheer.trek_rol_in(db, BEHEERDER_UTRECHT, ad.id, toegekend_op=eigen.toegekend_op)
    beheer.trek_rol_in(db, BEHEERDER_UTRECHT, ad.id, toegekend_op=ad.toegekend_op)
    assert [r.email for r in beheer.rollen_van(db, BEHEERDER_UTRECHT, UTRECHT)] == ["beheer@utrecht.nl"]
    with pytest.raises(InvoerFout, match="intussen al ingetrokken"):
        beheer.trek_rol_in(db, BEHEERDER_UTRECHT, ad.id, toegekend_op=ad.toegekend_op)


@pytest.mark.parametrize(
    ("rollen", "mag_zien", "mag_zetten"),
    [
        ({UTRECHT: frozenset({"beheerder"})}, True, True),
        ({UTRECHT: frozenset({"adviseur"})}, True, False),
        ({UTRECHT: frozenset({"facilitator"})}, True, False),
        ({ALMERE: frozenset({"beheerder"})}, False, False),
    ],
)
def test_benchmark_opt_in__beheerders_set_it_everyone_with_a_role_sees_it(
    db: NepDatabase, rollen: dict[str, frozenset[Rol]], mag_zien: bool, mag_zetten: bool
) -> None:
    wie = _wie(rollen)
    if mag_zetten:
        beheer.zet_benchmark_deelname(db, wie, UTRECHT, True)
        beheer.zet_benchmark_deelname(db, wie, UTRECHT, True)  # twice: still one opt-in, the first moment
        deelname = beheer.benchmark_deelname(db, wie, UTRECHT)
        assert deelname.neemt_deel and deelname.door == "wie@gemeente.nl"
        beheer.zet_benchmark_deelname(db, wie, UTRECHT, False)
        assert not beheer.benchmark_deelname(db, wie, UTRECHT).neemt_deel
    else:
        with pytest.raises(GeenToegang):
            beheer.zet_benchmark_deelname(db, wie, UTRECHT, True)
        assert db.stand.deelnames == {}
    if mag_zien:
        assert not beheer.benchmark_deelname(db, wie, UTRECHT).neemt_deel
    else:
        with pytest.raises(GeenToegang):
            beheer.benchmark_deelname(db, wie, UTRECHT)


@pytest.mark.parametrize(
    ("wie", "verwacht"),
    [
        (_wie({}, overal=True), [ALMERE, UTRECHT]),
        (_wie({UTRECHT: frozenset({"beheerder"}), ALMERE: frozenset({"adviseur"})}), [UTRECHT]),
        (_wie({ALMERE: frozenset({"facilitator"})}), []),
    ],
)
def test_gemeenten_to_manage__by_name_only_where_beheerder(wie: Gebruiker, verwacht: list[str]) -> None:
    assert beheer.te_beheren(wie, {UTRECHT: "Utrecht", ALMERE: "Almere"}) == verwacht
