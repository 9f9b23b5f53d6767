"""Goals in the database: suggestions for a round, accept, reject, edit with a version, look back."""

from __future__ import annotations

import datetime as dt

import pytest

from scan import doelen as doelservice
from scan import services
from scan.database import Database
from scan.doelen import DoelConflict
from scan.repository import Sessie
from scoring.doelen import DoelenBibliotheek
from scoring.models import Vragenlijst

VANDAAG = dt.date(2026, 11, 22)


def _ronde(db: Database, vl: Vragenlijst, datum: dt.date, niveau: int) -> Sessie:
    facilitator = services.start_ronde(db, vl, gm_code="GM0344", facilitator="Fatima", datum=datum)
    karel = services.neem_deel(db, vl, code=facilitator.ronde.code, naam="Karel")
    for b, s in vl.stellingen():
        services.sla_antwoord_op(db, vl, karel, s.id, str(niveau if b.id == "kanaalregie" else 4))
    services.sla_ambitie_op(db, vl, karel, "kanaalregie", 4)
    return facilitator


def test_accept_and_reject__are_stored_and_not_suggested_again(
    db: Database, vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    sessie = _ronde(db, vragenlijst, VANDAAG, 2)
    voorstellen = doelservice.suggesties(db, vragenlijst, bibliotheek, sessie, vandaag=VANDAAG)
    assert voorstellen[0].bouwsteen == "kanaalregie"
    eerste, tweede = voorstellen[0], voorstellen[1]
    doel = eerste.doel.model_copy(update={"nulmeting": 50.0, "streefwaarde": 60.0, "draagvlak": "MT"})
    opgeslagen = doelservice.bewaar(db, vragenlijst, sessie, doel, besluit="geaccepteerd", verwachte_versie=None)
    doelservice.bewaar(db, vragenlijst, sessie, tweede.doel, besluit="afgewezen", verwachte_versie=None)
    alle = doelservice.doelen(db, sessie)
    assert alle[eerste.sjabloon].besluit == "geaccepteerd"
    assert alle[eerste.sjabloon].doel.nulmeting == 50.0
    assert alle[tweede.sjabloon].besluit == "afgewezen"
    opnieuw = {v.sjabloon for v in doelservice.suggesties(db, vragenlijst, bibliotheek, sessie, vandaag=VANDAAG)}
    assert not opnieuw & {eerste.sjabloon, tweede.sjabloon}

    bijgewerkt = doelservice.zet_status(db, vragenlijst, sessie, opgeslagen, "do", "Gestart in januari")
    assert (bijgewerkt.doel.status, bijgewerkt.doel.notities) == ("do", "Gestart in januari")
    with pytest.raises(DoelConflict) as conflict:
        doelservice.zet_status(db, vragenlijst, sessie, opgeslagen, "check", "")  # stale version
    assert conflict.value.huidig is not None and conflict.value.huidig.doel.status == "do"


def test_a_later_round__shows_each_earlier_goal_with_its_level_then_and_now(
    db: Database, vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    eerder = _ronde(db, vragenlijst, dt.date(2025, 11, 1), 2)
    doel = doelservice.suggesties(db, vragenlijst, bibliotheek, eerder, vandaag=VANDAAG)[0].doel
    doelservice.bewaar(db, vragenlijst, eerder, doel, besluit="geaccepteerd", verwachte_versie=None)
    later = _ronde(db, vragenlijst, dt.date(2026, 11, 1), 3)
    terug = [t for t in doelservice.terugblik(db, vragenlijst, later) if t.doel.id == doel.id]
    assert len(terug) == 1
    assert terug[0].ronde_datum == dt.date(2025, 11, 1)
    assert terug[0].niveau_toen == 2.0
    assert terug[0].niveau_nu == 3.0
