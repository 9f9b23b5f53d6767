"""The werkgroep's use cases (participants, agreed ambitions) against the in-memory unit of work
(tests/nep.py). The same rules run on SQLite and PostgreSQL in tests/integration/test_werkgroep.py."""

from __future__ import annotations

import pytest

from scan.fouten import AmbitieConflict, Botsing, DeelnemerConflict, InvoerFout
from scan.leesmodellen import AmbitieStand, DeelnemerInfo, Sessie
from scan.services import werkgroep
from scoring.models import Vragenlijst
from tests import nep
from tests.unit.services.werkplaats import ANNA, BERT, werkplaats

CARLA = DeelnemerInfo(id=12, naam="Carla", rol="facilitator", functie=None, token="t-carla")


def test_remove__participant_with_answers_and_ambitions__in_one_unit_of_work(vragenlijst: Vragenlijst) -> None:
    db, bert, _ = werkplaats(vragenlijst)
    db.stand.antwoord(1, ANNA.id, "x", "3", "noot")
    db.stand.ambitie(1, ANNA.id, "b", 4)
    assert werkgroep.verwijder_deelnemer(db, bert, ANNA.id, verwachte_versie=1) == "Anna"
    assert db.units == 1
    assert ANNA.id not in db.stand.deelnemers
    assert db.stand.mijn_antwoorden == {} and db.stand.mijn_ambities == {}


def test_remove__yourself_or_the_last_facilitator__refused(vragenlijst: Vragenlijst) -> None:
    db, bert, _ = werkplaats(vragenlijst)
    with pytest.raises(InvoerFout, match="uzelf niet"):
        werkgroep.verwijder_deelnemer(db, bert, BERT.id, verwachte_versie=1)
    # Carla, a second facilitator, may remove Bert; then Carla is the last one and cannot go.
    db.stand.deelnemers[CARLA.id] = (1, CARLA)
    carla = Sessie(ronde=bert.ronde, deelnemer=CARLA)
    assert werkgroep.verwijder_deelnemer(db, carla, BERT.id, verwachte_versie=1) == "Bert"
    with pytest.raises(InvoerFout, match="uzelf niet"):
        werkgroep.verwijder_deelnemer(db, carla, CARLA.id, verwachte_versie=1)
    assert [d.rol for _, d in db.stand.deelnemers.values()].count("facilitator") == 1


def test_remove__last_facilitator_by_count__refused(vragenlijst: Vragenlijst, monkeypatch: pytest.MonkeyPatch) -> None:
    """The count is read in the unit of work: a facilitator who is the only one counted stays."""
    db, bert, _ = werkplaats(vragenlijst)
    db.stand.deelnemers[CARLA.id] = (1, CARLA)
    monkeypatch.setattr(nep.NepDeelnemers, "aantal_facilitators", lambda self, ronde_id: 1)
    with pytest.raises(InvoerFout, match="Carla is de laatste facilitator"):
        werkgroep.verwijder_deelnemer(db, bert, CARLA.id, verwachte_versie=1)
    assert CARLA.id in db.stand.deelnemers


def test_remove__facilitator_who_was_removed_meanwhile__refused(vragenlijst: Vragenlijst) -> None:
    db, bert, _ = werkplaats(vragenlijst)
    del db.stand.deelnemers[BERT.id]
    with pytest.raises(InvoerFout, match="niet meer mee"):
        werkgroep.verwijder_deelnemer(db, bert, ANNA.id, verwachte_versie=1)
    assert ANNA.id in db.stand.deelnemers


@pytest.mark.parametrize("actie", ["verwijder", "hernoem"])
def test_participant_changed_since_seen__conflict_and_nothing_changes(vragenlijst: Vragenlijst, actie: str) -> None:
    db, bert, _ = werkplaats(vragenlijst)
    werkgroep.hernoem_deelnemer(db, bert, ANNA.id, "Anna de Vries", verwachte_versie=1)
    with pytest.raises(DeelnemerConflict) as conflict:
        if actie == "verwijder":
            werkgroep.verwijder_deelnemer(db, bert, ANNA.id, verwachte_versie=1)
        else:
            werkgroep.hernoem_deelnemer(db, bert, ANNA.id, "Anna V.", verwachte_versie=1)
    huidig = conflict.value.huidig
    assert huidig is not None and (huidig.naam, huidig.versie) == ("Anna de Vries", 2)
    assert db.stand.deelnemers[ANNA.id][1].naam == "Anna de Vries"


@pytest.mark.parametrize("naam", ["bert", "  BERT ", "Bert"])
def test_rename__to_a_name_already_in_the_round__refused(vragenlijst: Vragenlijst, naam: str) -> None:
    db, bert, _ = werkplaats(vragenlijst)
    with pytest.raises(InvoerFout, match="al iemand mee als 'Bert'"):
        werkgroep.hernoem_deelnemer(db, bert, ANNA.id, naam, verwachte_versie=1)


def test_rename__allowed_in_a_closed_round__by_a_facilitator_only(vragenlijst: Vragenlijst) -> None:
    db, bert, anna = werkplaats(vragenlijst, "afgerond")
    assert werkgroep.hernoem_deelnemer(db, bert, ANNA.id, "anna  de vries", verwachte_versie=1) == "anna de vries"
    with pytest.raises(InvoerFout, match="Alleen een facilitator"):
        werkgroep.hernoem_deelnemer(db, anna, BERT.id, "B", verwachte_versie=1)


def test_ambition__set_change_clear_with_versions(vragenlijst: Vragenlijst) -> None:
    db, bert, _ = werkplaats(vragenlijst)
    b = vragenlijst.bouwstenen[0].id
    db.stand.ambitie(1, ANNA.id, b, 2)
    db.stand.ambitie(1, BERT.id, b, 5)
    eerst = werkgroep.stel_ambitie_vast(db, vragenlijst, bert, b, 3, " samen ", verwachte_versie=None)
    assert (eerst.niveau, eerst.toelichting, eerst.gewijzigd_door, eerst.versie) == (3, "samen", "Bert", 1)
    stand = werkgroep.ambities(db, vragenlijst, bert)[b]
    assert (stand.vastgesteld, stand.persoonlijk, stand.versie, stand.in_resultaat) == (3, (2, 5), 1, 3.0)
    with pytest.raises(AmbitieConflict) as conflict:
        werkgroep.stel_ambitie_vast(db, vragenlijst, bert, b, 4, verwachte_versie=None)
    assert conflict.value.huidig == eerst
    with pytest.raises(AmbitieConflict):
        werkgroep.wis_ambitie(db, vragenlijst, bert, b, verwachte_versie=7)
    assert werkgroep.wis_ambitie(db, vragenlijst, bert, b, verwachte_versie=1) is True
    assert werkgroep.wis_ambitie(db, vragenlijst, bert, b, verwachte_versie=1) is False
    assert werkgroep.ambities(db, vragenlijst, bert)[b].in_resultaat == 3.5


@pytest.mark.parametrize(
    ("status", "wie", "melding"), [("afgerond", "bert", "liggen vast"), ("open", "anna", "Alleen een")]
)
def test_ambition__refused_in_a_closed_round_or_for_a_participant(
    vragenlijst: Vragenlijst, status: str, wie: str, melding: str
) -> None:
    db, bert, anna = werkplaats(vragenlijst, status)
    with pytest.raises(InvoerFout, match=melding):
        werkgroep.stel_ambitie_vast(
            db, vragenlijst, bert if wie == "bert" else anna, vragenlijst.bouwstenen[0].id, 3, verwachte_versie=None
        )
    assert db.stand.vastgestelde_ambities == {}


@pytest.mark.parametrize(
    ("persoonlijk", "vastgesteld", "voorstel"),
    [((), None, None), ((3, 4), None, 4), ((2, 3, 3), None, 3), ((1, 2), None, 2), ((1, 5), 2, 2)],
)
def test_ambition_proposal__agreed_level_else_median_rounded_half_up(
    persoonlijk: tuple[int, ...], vastgesteld: int | None, voorstel: int | None
) -> None:
    stand = AmbitieStand(bouwsteen="b", vastgesteld=vastgesteld, toelichting=None, persoonlijk=persoonlijk)
    assert stand.voorstel == voorstel


def test_rename__lost_race__conflict_when_the_version_moved_else_name_taken(
    vragenlijst: Vragenlijst, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A concurrent write that wins between the check and the write ends the unit of work in
    ``Botsing``: what is stored then tells a newer version (conflict) from a name just taken."""
    db, bert, _ = werkplaats(vragenlijst)
    ander_schrijft: list[int] = []

    def verloren(self: nep.NepDeelnemers, deelnemer_id: int, naam: str, naam_sleutel: str) -> None:
        for versie in ander_schrijft:  # the other writer's commit, outside this unit of work
            db.stand.deelnemer_versies[deelnemer_id] = versie
        raise Botsing()

    monkeypatch.setattr(nep.NepDeelnemers, "hernoem", verloren)
    with pytest.raises(InvoerFout, match=r"al iemand mee als 'Anna V\.'"):
        werkgroep.hernoem_deelnemer(db, bert, ANNA.id, "Anna V.", verwachte_versie=1)
    ander_schrijft.append(2)
    with pytest.raises(DeelnemerConflict) as conflict:
        werkgroep.hernoem_deelnemer(db, bert, ANNA.id, "Anna V.", verwachte_versie=1)
    assert conflict.value.huidig is not None and conflict.value.huidig.versie == 2
    assert db.stand.deelnemers[ANNA.id][1].naam == "Anna"


def test_ambition__lost_race__conflict_with_what_is_stored(
    vragenlijst: Vragenlijst, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, bert, _ = werkplaats(vragenlijst)
    b = vragenlijst.bouwstenen[0].id

    def verloren(self: nep.NepVastgesteldeAmbities, *args: object, **kwargs: object) -> None:
        raise Botsing()

    monkeypatch.setattr(nep.NepVastgesteldeAmbities, "zet", verloren)
    with pytest.raises(AmbitieConflict) as conflict:
        werkgroep.stel_ambitie_vast(db, vragenlijst, bert, b, 3, verwachte_versie=None)
    assert conflict.value.huidig is None
    assert db.stand.vastgestelde_ambities == {}
