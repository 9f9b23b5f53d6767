"""Goals in the database: suggestions for a round, accept, reject, edit with a version, look back."""

from __future__ import annotations

import datetime as dt

import pytest

from scan.db.verbinding import Database
from scan.fouten import DoelConflict, InvoerFout
from scan.leesmodellen import Sessie
from scan.services import doelen as doelservice
from scan.services import invullen, start, workshop
from scoring.doelen import DoelenBibliotheek
from scoring.models import Vragenlijst
from scoring.uitwissel import Doel

VANDAAG = dt.date(2026, 11, 22)


def _ronde(db: Database, vl: Vragenlijst, datum: dt.date, niveau: int) -> Sessie:
    facilitator = start.start_ronde(db, vl, gm_code="GM0344", facilitator="Fatima", datum=datum)
    karel = start.neem_deel(db, vl, code=facilitator.ronde.code, naam="Karel")
    for b, s in vl.stellingen():
        invullen.sla_antwoord_op(db, vl, karel, s.id, str(niveau if b.id == "kanaalregie" else 4))
    invullen.sla_ambitie_op(db, vl, karel, "kanaalregie", 4)
    return facilitator


def test_accept_and_reject__are_stored_and_not_suggested_again(
    db: Database, vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    sessie = _ronde(db, vragenlijst, VANDAAG, 2)
    voorstellen = doelservice.suggesties(db, vragenlijst, bibliotheek, sessie, vandaag=VANDAAG)
    assert voorstellen[0].bouwsteen == "kanaalregie"
    eerste, tweede = voorstellen[0], voorstellen[1]
    doel = _smart(eerste.doel)
    opgeslagen = doelservice.bewaar(
        db, vragenlijst, sessie, doel, besluit="geaccepteerd", verwachte_versie=None, vandaag=VANDAAG
    )
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
    doel = _smart(doelservice.suggesties(db, vragenlijst, bibliotheek, eerder, vandaag=VANDAAG)[0].doel)
    doelservice.bewaar(db, vragenlijst, eerder, doel, besluit="geaccepteerd", verwachte_versie=None, vandaag=VANDAAG)
    later = _ronde(db, vragenlijst, dt.date(2026, 11, 1), 3)
    terug = [t for t in doelservice.terugblik(db, vragenlijst, later) if t.doel.id == doel.id]
    assert len(terug) == 1
    assert terug[0].ronde_datum == dt.date(2025, 11, 1)
    assert terug[0].niveau_toen == 2.0
    assert terug[0].niveau_nu == 3.0


# --- who may do what, and nothing once the round is closed --------------------------------------


def _deelnemer(db: Database, vl: Vragenlijst, facilitator: Sessie, naam: str = "Anna") -> Sessie:
    return start.neem_deel(db, vl, code=facilitator.ronde.code, naam=naam)


def _smart(doel: Doel) -> Doel:
    """A suggestion made SMART as a werkgroep does: a baseline, a target in the indicator's direction, support."""
    streef = 40.0 if doel.richting == "lager" else 60.0
    return doel.model_copy(update={"nulmeting": 50.0, "streefwaarde": streef, "draagvlak": "MT"})


def test_a_participant__may_propose_but_not_decide_edit_or_delete(
    db: Database, vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    fatima = _ronde(db, vragenlijst, VANDAAG, 2)
    anna = _deelnemer(db, vragenlijst, fatima)
    eerste, tweede = doelservice.suggesties(db, vragenlijst, bibliotheek, anna, vandaag=VANDAAG)[:2]
    for besluit in ("geaccepteerd", "afgewezen", "voorgesteld"):
        with pytest.raises(InvoerFout, match="Alleen de facilitator"):
            doelservice.bewaar(db, vragenlijst, anna, eerste.doel, besluit=besluit, verwachte_versie=None)  # type: ignore[arg-type]
    assert doelservice.doelen(db, anna) == {}

    voorstel = doelservice.stel_doel_voor(db, vragenlijst, anna, eerste.doel)
    assert (voorstel.besluit, voorstel.gewijzigd_door) == ("voorgesteld", "Anna")
    with pytest.raises(DoelConflict):  # proposed already: not a second time, not overwritten
        doelservice.stel_doel_voor(db, vragenlijst, fatima, eerste.doel)
    for poging in (
        lambda: doelservice.zet_status(db, vragenlijst, anna, voorstel, "do", ""),
        lambda: doelservice.verwijder(db, anna, voorstel),
        lambda: doelservice.bewaar(
            db,
            vragenlijst,
            anna,
            _smart(eerste.doel),
            besluit="geaccepteerd",
            verwachte_versie=voorstel.versie,
            vandaag=VANDAAG,
        ),
    ):
        with pytest.raises(InvoerFout, match="Alleen de facilitator"):
            poging()
    assert doelservice.doelen(db, anna)[eerste.sjabloon] == voorstel

    # The facilitator sees the proposal, and accepts it (edited) or rejects it.
    gezien = doelservice.doelen(db, fatima)[eerste.sjabloon]
    aanvaard = doelservice.bewaar(
        db,
        vragenlijst,
        fatima,
        _smart(gezien.doel),
        besluit="geaccepteerd",
        verwachte_versie=gezien.versie,
        vandaag=VANDAAG,
    )
    assert (aanvaard.besluit, aanvaard.gewijzigd_door) == ("geaccepteerd", "Fatima")
    eigen = Doel(id=doelservice.nieuwe_sleutel(), bouwsteen="kanaalinzet", titel="Chat proberen", actie="")
    eigen_voorstel = doelservice.stel_doel_voor(db, vragenlijst, anna, eigen)
    afgewezen = doelservice.bewaar(
        db, vragenlijst, fatima, eigen_voorstel.doel, besluit="afgewezen", verwachte_versie=eigen_voorstel.versie
    )
    assert afgewezen.besluit == "afgewezen"
    assert tweede.sjabloon not in doelservice.doelen(db, fatima)


def test_the_role_is_read_from_the_row__not_from_the_pages_snapshot(
    db: Database, vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    fatima = _ronde(db, vragenlijst, VANDAAG, 2)
    anna = _deelnemer(db, vragenlijst, fatima)
    vermomd = anna.model_copy(update={"deelnemer": anna.deelnemer.model_copy(update={"rol": "facilitator"})})
    doel = doelservice.suggesties(db, vragenlijst, bibliotheek, anna, vandaag=VANDAAG)[0].doel
    with pytest.raises(InvoerFout, match="Alleen de facilitator"):
        doelservice.bewaar(
            db, vragenlijst, vermomd, _smart(doel), besluit="geaccepteerd", verwachte_versie=None, vandaag=VANDAAG
        )
    assert doelservice.doelen(db, fatima) == {}


def test_withdraw_undo_and_delete__each_by_the_facilitator(
    db: Database, vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    fatima = _ronde(db, vragenlijst, VANDAAG, 2)
    een, twee = doelservice.suggesties(db, vragenlijst, bibliotheek, fatima, vandaag=VANDAAG)[:2]
    aanvaard = doelservice.bewaar(
        db, vragenlijst, fatima, _smart(een.doel), besluit="geaccepteerd", verwachte_versie=None, vandaag=VANDAAG
    )
    afgewezen = doelservice.bewaar(db, vragenlijst, fatima, twee.doel, besluit="afgewezen", verwachte_versie=None)

    ingetrokken = doelservice.trek_in(db, fatima, aanvaard)
    assert ingetrokken.besluit == "voorgesteld"
    assert ingetrokken.doel.nulmeting == 50.0  # the content is kept
    hersteld = doelservice.herstel(db, fatima, afgewezen)
    assert hersteld.besluit == "voorgesteld"
    with pytest.raises(DoelConflict):  # the page's older version of the goal
        doelservice.herstel(db, fatima, afgewezen)
    with pytest.raises(InvoerFout, match="niet afgewezen"):
        doelservice.herstel(db, fatima, hersteld)

    doelservice.verwijder(db, fatima, hersteld)
    assert twee.sjabloon not in doelservice.doelen(db, fatima)
    # Deleted, the template is a suggestion again.
    assert twee.sjabloon in {
        v.sjabloon for v in doelservice.suggesties(db, vragenlijst, bibliotheek, fatima, vandaag=VANDAAG)
    }
    assert list(doelservice.doelen(db, fatima)) == [een.sjabloon]


def test_a_closed_round__refuses_every_goal_write__also_when_closed_after_the_page_loaded(
    db: Database, vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    fatima = _ronde(db, vragenlijst, VANDAAG, 2)
    anna = _deelnemer(db, vragenlijst, fatima)
    een, twee = doelservice.suggesties(db, vragenlijst, bibliotheek, fatima, vandaag=VANDAAG)[:2]
    drie = Doel(id=doelservice.nieuwe_sleutel(), bouwsteen="kanaalinzet", titel="Chat proberen", actie="")
    aanvaard = doelservice.bewaar(
        db, vragenlijst, fatima, _smart(een.doel), besluit="geaccepteerd", verwachte_versie=None, vandaag=VANDAAG
    )
    afgewezen = doelservice.bewaar(db, vragenlijst, fatima, twee.doel, besluit="afgewezen", verwachte_versie=None)
    # The page loaded while the round was open (``fatima`` and ``anna`` say "open"); then it closes.
    workshop.rond_af(db, vragenlijst, fatima)
    assert fatima.ronde.status == "open"
    pogingen = [
        lambda: doelservice.bewaar(db, vragenlijst, fatima, drie, besluit="afgewezen", verwachte_versie=None),
        lambda: doelservice.stel_doel_voor(db, vragenlijst, anna, drie),
        lambda: doelservice.trek_in(db, fatima, aanvaard),
        lambda: doelservice.herstel(db, fatima, afgewezen),
        lambda: doelservice.verwijder(db, fatima, aanvaard),
    ]
    for poging in pogingen:
        with pytest.raises(InvoerFout, match="afgerond"):
            poging()
    assert doelservice.doelen(db, fatima) == {een.sjabloon: aanvaard, twee.sjabloon: afgewezen}
    # Working on the goals is what comes after a scan: the PDCA phase still moves, for the facilitator only.
    with pytest.raises(InvoerFout, match="Alleen de facilitator"):
        doelservice.zet_status(db, vragenlijst, anna, aanvaard, "do", "")
    verder = doelservice.zet_status(db, vragenlijst, fatima, aanvaard, "do", "Gestart")
    assert (verder.doel.status, verder.doel.notities, verder.besluit) == ("do", "Gestart", "geaccepteerd")


def test_suggestions__keep_their_place_when_one_is_decided(
    db: Database, vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    fatima = _ronde(db, vragenlijst, VANDAAG, 2)
    voor = [v.sjabloon for v in doelservice.suggesties(db, vragenlijst, bibliotheek, fatima, vandaag=VANDAAG)]
    tweede = doelservice.suggesties(db, vragenlijst, bibliotheek, fatima, vandaag=VANDAAG)[1]
    doelservice.bewaar(db, vragenlijst, fatima, tweede.doel, besluit="afgewezen", verwachte_versie=None)
    na = [v.sjabloon for v in doelservice.suggesties(db, vragenlijst, bibliotheek, fatima, vandaag=VANDAAG)]
    assert len(na) == len(voor)
    assert na[: len(voor) - 1] == [s for s in voor if s != tweede.sjabloon]  # the others stay in order
    assert na[-1] not in voor  # the one that takes its place comes last


def test_baseline_to_follow__is_stored_and_read_back(
    db: Database, vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    fatima = _ronde(db, vragenlijst, VANDAAG, 2)
    doel = doelservice.suggesties(db, vragenlijst, bibliotheek, fatima, vandaag=VANDAAG)[0].doel
    doel = doel.model_copy(update={"nulmeting": None, "nulmeting_uiterlijk": dt.date(2027, 2, 1), "draagvlak": "MT"})
    doelservice.bewaar(db, vragenlijst, fatima, doel, besluit="geaccepteerd", verwachte_versie=None, vandaag=VANDAAG)
    assert doelservice.doelen(db, fatima)[doel.id].doel.nulmeting_uiterlijk == dt.date(2027, 2, 1)


def test_baseline_to_follow__goes_through_export_and_import(
    db: Database, vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    from scan.services import uitwisseling

    fatima = _ronde(db, vragenlijst, VANDAAG, 2)
    doel = doelservice.suggesties(db, vragenlijst, bibliotheek, fatima, vandaag=VANDAAG)[0].doel
    doel = doel.model_copy(update={"nulmeting": None, "nulmeting_uiterlijk": dt.date(2027, 2, 1), "draagvlak": "MT"})
    doelservice.bewaar(db, vragenlijst, fatima, doel, besluit="geaccepteerd", verwachte_versie=None, vandaag=VANDAAG)
    scan = uitwisseling.exporteer(db, fatima.ronde.id)
    assert [d.nulmeting_uiterlijk for d in scan.doelen] == [dt.date(2027, 2, 1)]
    kopie = uitwisseling.importeer(
        db, vragenlijst, scan.model_copy(update={"scanronde": scan.scanronde.model_copy(update={"id": "kopie"})})
    )
    assert doelservice.doelen(db, kopie)[doel.id].doel.nulmeting_uiterlijk == dt.date(2027, 2, 1)
