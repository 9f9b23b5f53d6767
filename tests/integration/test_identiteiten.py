"""The binding of addresses to signed-in accounts on both databases (issue 18, item 6): the real
aggregate ``scan.db.identiteiten`` under ``scan.services.identiteiten``, including two first
sign-ins with one address at the same moment."""

from __future__ import annotations

import threading
import uuid

import pytest

from scan.db.tabellen import RolRij
from scan.db.verbinding import Database
from scan.services import identiteiten as ids
from scan.services.identiteiten import Aanmelding, Weigering
from scan.services.toegang import Gebruiker

ISSUER = "https://login.microsoftonline.com/8f2c6a3e-1111-4222-8333-944455556666/v2.0"


def _adres(db: Database, *rollen: tuple[str, str]) -> str:
    """A fresh address (the PostgreSQL test database is shared) with these (gemeente, role) grants."""
    adres = f"p{uuid.uuid4().hex[:10]}@utrecht.nl"
    with db.schrijven() as s:
        for gm, rol in rollen:
            s.add(RolRij(email=adres, gm_code=gm, rol=rol, toegekend_door="test"))
    return adres


def _aanmelding(adres: str, subject: str) -> Aanmelding:
    return Aanmelding(issuer=ISSUER, subject=subject, email=adres, naam="Iemand", geclaimd=adres)


def test_bind_refuse_release_and_bind_again(db: Database) -> None:
    adres = _adres(db, ("GM0344", "facilitator"))
    eerste = ids.gebruiker_na_aanmelding(db, _aanmelding(adres, "oid-1"))
    assert isinstance(eerste, Gebruiker) and eerste.rollen == {"GM0344": frozenset({"facilitator"})}
    with db.inzage() as werk:
        binding = werk.identiteiten.lees(adres)
    assert binding is not None and (binding.issuer, binding.subject) == (ISSUER, "oid-1")
    assert binding.gebonden_op.tzinfo is not None

    assert ids.gebruiker_na_aanmelding(db, _aanmelding(adres, "oid-2")) == Weigering("gebonden", adres)
    beheerder = Gebruiker(naam="B", email="b@utrecht.nl", rollen={"GM0344": frozenset({"beheerder"})})
    assert [r.binding.email for r in ids.bindingen(db, beheerder) if r.binding.email == adres] == [adres]
    ids.maak_los(db, beheerder, adres)
    assert isinstance(ids.gebruiker_na_aanmelding(db, _aanmelding(adres, "oid-2")), Gebruiker)

    with db.inzage() as werk:
        regels = [r for r in werk.logboek.van_gemeenten(frozenset({"GM0344"})) if r.onderwerp == adres]
        assert werk.identiteiten.lees(adres).subject == "oid-2"  # type: ignore[union-attr]
    assert [r.handeling for r in reversed(regels)] == [
        "identiteit.gebonden",
        "identiteit.geweigerd",
        "identiteit.losgemaakt",
        "identiteit.gebonden",
    ]
    geweigerd = next(r for r in regels if r.handeling == "identiteit.geweigerd")
    assert geweigerd.voor == {"issuer": ISSUER, "subject": "oid-1"}
    assert geweigerd.na == {"issuer": ISSUER, "subject": "oid-2", "reden": "gebonden"}


def test_two_first_sign_ins_at_once_bind_one_account(db: Database) -> None:
    """Two accounts claim an unbound address at the same moment: one gets it, the other nothing."""
    adres = _adres(db, ("GM0363", "adviseur"))
    start = threading.Barrier(2)
    uitkomsten: dict[str, object] = {}

    def meld_aan(subject: str) -> None:
        start.wait()
        uitkomsten[subject] = ids.gebruiker_na_aanmelding(db, _aanmelding(adres, subject))

    draden = [threading.Thread(target=meld_aan, args=(s,)) for s in ("oid-a", "oid-b")]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=60)
    with db.inzage() as werk:
        binding = werk.identiteiten.lees(adres)
    assert binding is not None
    winnaar = binding.subject
    verliezer = "oid-b" if winnaar == "oid-a" else "oid-a"
    assert isinstance(uitkomsten[winnaar], Gebruiker)
    assert uitkomsten[verliezer] == Weigering("gebonden", adres)


@pytest.mark.parametrize("rollen", [(), (("GM0344", "adviseur"),)])
def test_only_addresses_with_something_to_protect_are_bound(db: Database, rollen: tuple[tuple[str, str], ...]) -> None:
    adres = _adres(db, *rollen)
    ids.gebruiker_na_aanmelding(db, _aanmelding(adres, "x"))
    with db.inzage() as werk:
        assert (werk.identiteiten.lees(adres) is not None) is bool(rollen)
