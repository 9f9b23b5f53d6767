"""Inzage (issue 18, item 4) on SQLite and PostgreSQL: a participant's download holds exactly what
is stored about them, and nothing of anyone else in the room."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from scan.db.verbinding import Database
from scan.fouten import InvoerFout
from scan.services import invullen, privacy, samen, start, workshop
from scoring.models import Vragenlijst
from tests.rondes import start_ronde


def test_inzage__holds_exactly_the_participants_data_and_nothing_of_another(
    db: Database, vragenlijst: Vragenlijst
) -> None:
    fac = start_ronde(db, vragenlijst, gm_code="GM0355", facilitator="Fatima Facilitator", datum=dt.date(2026, 12, 7))
    anna = start.neem_deel(
        db, vragenlijst, code=fac.ronde.code, naam="Anna Inzage", functie="Webredacteur", discipline="communicatie"
    )
    bram = start.neem_deel(db, vragenlijst, code=fac.ronde.code, naam="Bram Ander", functie="Teamleider KCC")
    bouwsteen = vragenlijst.bouwstenen[0]
    eerste, tweede = (s.id for s in bouwsteen.stellingen[:2])
    invullen.sla_antwoord_op(db, vragenlijst, anna, eerste, "2")
    invullen.sla_toelichting_op(db, vragenlijst, anna, eerste, "Annas eigen notitie")
    invullen.sla_antwoord_op(db, vragenlijst, anna, tweede, "nvt")
    samen.sla_zekerheid_op(db, vragenlijst, anna, eerste, "zeker")
    invullen.sla_ambitie_op(db, vragenlijst, anna, bouwsteen.id, 4)
    invullen.sla_antwoord_op(db, vragenlijst, bram, eerste, "5")
    invullen.sla_toelichting_op(db, vragenlijst, bram, eerste, "Brams geheime notitie")
    invullen.sla_ambitie_op(db, vragenlijst, bram, bouwsteen.id, 1)
    invullen.sla_antwoord_op(db, vragenlijst, fac, eerste, "4")
    # A second vote (issue 16) by both.
    samen.zet_modus(db, fac, "samen")
    samen.volgende(db, vragenlijst, fac)
    samen.onthul(db, fac)
    samen.herstem(db, vragenlijst, fac, eerste)
    samen.sla_herstemming_op(db, vragenlijst, anna, eerste, "3")
    samen.sla_herstemming_op(db, vragenlijst, bram, eerste, "1")

    gegevens = privacy.mijn_gegevens(db, anna)
    assert (gegevens.naam, gegevens.functie, gegevens.discipline, gegevens.rol) == (
        "Anna Inzage",
        "Webredacteur",
        "communicatie",
        "deelnemer",
    )
    assert (gegevens.gemeente, gegevens.ronde_code) == (fac.ronde.gemeente, fac.ronde.code)
    assert {(a.stelling, a.antwoord, a.zekerheid, a.toelichting) for a in gegevens.antwoorden} == {
        (eerste, "2", "zeker", "Annas eigen notitie"),
        (tweede, "nvt", None, None),
    }
    assert [(a.bouwsteen, a.niveau) for a in gegevens.ambities] == [(bouwsteen.id, 4)]
    assert [(h.stelling, h.antwoord) for h in gegevens.herstemmingen] == [(eerste, "3")]
    assert gegevens.aangemeld_op.tzinfo is not None
    assert gegevens.vermeldingen == ()

    bestanden = privacy.als_json(gegevens, vragenlijst).decode() + privacy.als_csv(gegevens, vragenlijst).decode(
        "utf-8-sig"
    )
    assert "Annas eigen notitie" in bestanden and "Anna Inzage" in bestanden
    for ander in ("Bram", "Brams geheime notitie", "Fatima", anna.deelnemer.token, bram.deelnemer.token):
        assert ander not in bestanden
    inhoud = json.loads(privacy.als_json(gegevens, vragenlijst))
    assert len(inhoud["antwoorden"]) == 2 and len(inhoud["ambities"]) == 1 and len(inhoud["herstemmingen"]) == 1


def test_inzage__of_the_facilitator__names_the_consensus_set_in_their_name(
    db: Database, vragenlijst: Vragenlijst
) -> None:
    fac = start_ronde(db, vragenlijst, gm_code="GM0355", facilitator="Fatima Facilitator", datum=dt.date(2026, 12, 7))
    anna = start.neem_deel(db, vragenlijst, code=fac.ronde.code, naam="Anna Inzage")
    stelling = vragenlijst.bouwstenen[0].stellingen[0].id
    workshop.stel_consensus_vast(
        db, vragenlijst, fac, stelling=stelling, niveau=3, toelichting="samen besloten", verwachte_versie=None
    )
    waar = {(v.waar, v.onderwerp) for v in privacy.mijn_gegevens(db, fac).vermeldingen}
    assert ("consensus", stelling) in waar
    assert privacy.mijn_gegevens(db, anna).vermeldingen == ()


def test_inzage__of_a_removed_participant__finds_nothing(db: Database, vragenlijst: Vragenlijst) -> None:
    fac = start_ronde(db, vragenlijst, gm_code="GM0355", facilitator="Fatima", datum=dt.date(2026, 12, 7))
    anna = start.neem_deel(db, vragenlijst, code=fac.ronde.code, naam="Anna Weg")
    with db.werk() as werk:
        werk.deelnemers.verwijder(anna.deelnemer.id)
    with pytest.raises(InvoerFout, match="gewist"):
        privacy.mijn_gegevens(db, anna)
