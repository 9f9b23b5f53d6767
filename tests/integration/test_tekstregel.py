"""The one text rule at every entry point, on SQLite and PostgreSQL (issue 13, case 2).

Look-alike names cannot both join a round; a control character in any field a user or a file
can fill is refused with a Dutch message that names the field (and, for a file, the record),
and nothing is written: the whole database is the same before and after a refusal.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable

import pytest
from sqlalchemy import select

from scan.db.tabellen import Base, DeelnemerRij
from scan.db.verbinding import Database
from scan.demo.fictief import maak_demo
from scan.fouten import InvoerFout
from scan.gemeenten import zoek_gemeente
from scan.leesmodellen import Sessie
from scan.services import doelen as doelservice
from scan.services import invullen, start, werkgroep, workshop
from scan.services.toegang import lokale_gebruiker
from scan.services.uitwisseling import ImportFout, importeer
from scan.services.vergelijken import ken_rol_toe
from scoring.models import Vragenlijst
from scoring.tekst import VELDEN
from scoring.uitwissel import Doel, Notitie, Scan
from tests.vijandig import ONZICHTBAAR, STUURTEKENS, Payload

VANDAAG = dt.date(2026, 11, 22)


def _stand(db: Database) -> dict[str, list[str]]:
    """Every row of every table: what a refusal must leave exactly as it was."""
    with db.lezen() as s:
        return {
            tabel.name: sorted(repr(tuple(rij)) for rij in s.execute(select(tabel)))
            for tabel in Base.metadata.sorted_tables
            if tabel.name != "gemeenten"  # the CBS list: large and never written by these paths
        }


def _zichtbaar(tekst: str) -> str:
    """What a reader sees: the text without its invisible characters, odd spaces as spaces."""
    return "".join(c for c in tekst if unicodedata.category(c) != "Cf").replace("\u00a0", " ")


@pytest.fixture
def ronde(db: Database, vragenlijst: Vragenlijst) -> Sessie:
    return start.start_ronde(db, vragenlijst, gm_code="GM0344", facilitator="Fatima", datum=VANDAAG)


# --- look-alike names ---------------------------------------------------------------------------


@pytest.mark.parametrize("payload", ONZICHTBAAR, ids=lambda p: p.naam)
def test_a_look_alike_name__cannot_join_the_round_twice(
    db: Database, vragenlijst: Vragenlijst, ronde: Sessie, payload: Payload
) -> None:
    tweeling = unicodedata.normalize("NFC", _zichtbaar(payload.tekst))
    eerste = start.neem_deel(db, vragenlijst, code=ronde.ronde.code, naam=tweeling)
    voor = _stand(db)
    with pytest.raises(InvoerFout, match="In deze scanronde doet al iemand mee als"):
        start.neem_deel(db, vragenlijst, code=ronde.ronde.code, naam=payload.tekst)
    assert _stand(db) == voor
    # And the other way round: the look-alike joins first, is stored cleaned, and the twin is refused.
    werkgroep.verwijder_deelnemer(db, ronde, eerste.deelnemer.id, verwachte_versie=_versie(db, eerste.deelnemer.id))
    vermomd = start.neem_deel(db, vragenlijst, code=ronde.ronde.code, naam=payload.tekst)
    assert vermomd.deelnemer.naam == " ".join(tweeling.split())
    assert not any(unicodedata.category(c) == "Cf" for c in vermomd.deelnemer.naam)
    with pytest.raises(InvoerFout, match="In deze scanronde doet al iemand mee als"):
        start.neem_deel(db, vragenlijst, code=ronde.ronde.code, naam=tweeling.upper())


def test_a_rename__to_a_look_alike_of_another_name_is_refused(
    db: Database, vragenlijst: Vragenlijst, ronde: Sessie
) -> None:
    start.neem_deel(db, vragenlijst, code=ronde.ronde.code, naam="Piet Jansen")
    anna = start.neem_deel(db, vragenlijst, code=ronde.ronde.code, naam="Anna")
    voor = _stand(db)
    for vermomd in ("Pi\u200bet\u00a0Jansen", "\u202ePiet Jansen", "PIET  JANSEN\ufeff"):
        with pytest.raises(InvoerFout, match="In deze scanronde doet al iemand mee als 'Piet Jansen'"):
            werkgroep.hernoem_deelnemer(
                db, ronde, anna.deelnemer.id, vermomd, verwachte_versie=_versie(db, anna.deelnemer.id)
            )
    assert _stand(db) == voor
    assert (
        werkgroep.hernoem_deelnemer(
            db,
            ronde,
            anna.deelnemer.id,
            "An\u2066na\u2069 de\u00a0Vries",
            verwachte_versie=_versie(db, anna.deelnemer.id),
        )
        == "Anna de Vries"
    )


# --- control characters through the services ----------------------------------------------------


def _doel(vl: Vragenlijst, **velden: str) -> Doel:
    basis = Doel(
        id="eigen_test",
        bouwsteen=vl.bouwstenen[0].id,
        titel="Kanaalsturing op orde",
        actie="Wij richten elke maand een kanaalregieoverleg in.",
        indicator="Klanttevredenheid",
        eenheid="rapportcijfer x 10",
        nulmeting=50.0,
        streefwaarde=60.0,
        bron="Klanttevredenheidsonderzoek",
        eigenaar="Teamleider KCC",
        draagvlak="MT",
        deadline=dt.date(2027, 11, 1),
    )  # SMART: a goal is accepted only then
    return basis.model_copy(update=velden)


def _invoerpunten(
    db: Database, vl: Vragenlijst, ronde: Sessie, anna: Sessie
) -> dict[str, tuple[str, Callable[[str], object]]]:
    """Every service that stores user text: (the field's name in the message, a call with the text)."""
    stelling = vl.stellingen()[0][1].id
    bouwsteen = vl.bouwstenen[0].id
    code = ronde.ronde.code

    def begin(**velden: str) -> Callable[[str], object]:
        def doe(tekst: str) -> object:
            argumenten = {"facilitator": "Fatima", "omschrijving": "", "functie": ""}
            argumenten |= {k: v.format(tekst=tekst) for k, v in velden.items()}
            return start.start_ronde(db, vl, gm_code="GM0344", datum=VANDAAG, **argumenten)

        return doe

    punten: dict[str, tuple[str, Callable[[str], object]]] = {
        "meedoen_naam": ("Uw naam", lambda t: start.neem_deel(db, vl, code=code, naam=t)),
        "meedoen_functie": ("Uw functie", lambda t: start.neem_deel(db, vl, code=code, naam="Bob", functie=t)),
        "start_naam": ("Uw naam", begin(facilitator="{tekst}")),
        "start_functie": ("Uw functie", begin(functie="{tekst}")),
        "start_omschrijving": ("De omschrijving", begin(omschrijving="{tekst}")),
        "toelichting": (
            f"De toelichting bij stelling {stelling}",
            lambda t: invullen.sla_toelichting_op(db, vl, anna, stelling, t),
        ),
        "consensus": (
            f"De onderbouwing bij stelling {stelling}",
            lambda t: workshop.stel_consensus_vast(
                db, vl, ronde, stelling=stelling, niveau=3, toelichting=t, verwachte_versie=None
            ),
        ),
        "ambitie": (
            f"De onderbouwing van de ambitie voor bouwsteen {bouwsteen}",
            lambda t: werkgroep.stel_ambitie_vast(db, vl, ronde, bouwsteen, 4, t, verwachte_versie=None),
        ),
        "hernoem": (
            "De nieuwe naam",
            lambda t: werkgroep.hernoem_deelnemer(
                db, ronde, anna.deelnemer.id, t, verwachte_versie=_versie(db, anna.deelnemer.id)
            ),
        ),
        "rol_email": ("Het e-mailadres", lambda t: ken_rol_toe(db, lokale_gebruiker(), "GM0344", t, "adviseur")),
    }
    for veld, naam in (
        ("titel", "De titel"),
        ("actie", "De actie"),
        ("indicator", "De indicator"),
        ("eenheid", "De eenheid"),
        ("bron", "De bron"),
        ("eigenaar", "De eigenaar"),
        ("draagvlak", "Het draagvlak"),
        ("notities", "De notities"),
    ):
        punten[f"doel_{veld}"] = (
            f"{naam} van het doel",
            lambda t, veld=veld: doelservice.bewaar(
                db, vl, ronde, _doel(vl, **{veld: t}), besluit="geaccepteerd", verwachte_versie=None, vandaag=VANDAAG
            ),
        )
        punten[f"voorstel_{veld}"] = (
            f"{naam} van het doel",
            lambda t, veld=veld: doelservice.stel_doel_voor(db, vl, anna, _doel(vl, id="eigen_anna", **{veld: t})),
        )
    return punten


_PUNTEN = [
    "meedoen_naam",
    "meedoen_functie",
    "start_naam",
    "start_functie",
    "start_omschrijving",
    "toelichting",
    "consensus",
    "ambitie",
    "hernoem",
    "rol_email",
    *(f"{soort}_{veld}" for soort in ("doel", "voorstel") for veld in ("titel", "actie", "indicator", "eenheid")),
    *(f"doel_{veld}" for veld in ("bron", "eigenaar", "draagvlak", "notities")),
]


@pytest.mark.parametrize("punt", _PUNTEN)
def test_a_control_character__is_refused_at_every_service_naming_the_field(
    db: Database, vragenlijst: Vragenlijst, ronde: Sessie, punt: str
) -> None:
    anna = start.neem_deel(db, vragenlijst, code=ronde.ronde.code, naam="Anna")
    label, doe = _invoerpunten(db, vragenlijst, ronde, anna)[punt]
    voor = _stand(db)
    for payload in STUURTEKENS:
        tekst = payload.tekst.replace("Piet", "Piet@gemeente.nl" if punt == "rol_email" else "Piet")
        with pytest.raises(InvoerFout) as fout:
            doe(tekst)
        assert str(fout.value).startswith(f"{label} bevat onzichtbare stuurtekens"), str(fout.value)
        assert _stand(db) == voor, f"{punt}: {payload.naam} schreef toch iets"


def test_the_pdca_note__is_cleaned_and_refuses_control_characters(
    db: Database, vragenlijst: Vragenlijst, ronde: Sessie
) -> None:
    info = doelservice.bewaar(
        db, vragenlijst, ronde, _doel(vragenlijst), besluit="geaccepteerd", verwachte_versie=None, vandaag=VANDAAG
    )
    voor = _stand(db)
    with pytest.raises(InvoerFout, match=r"^De notities bij het doel bevat onzichtbare stuurtekens \(BEL"):
        doelservice.zet_status(db, vragenlijst, ronde, info, "do", "Gestart\x07")
    assert _stand(db) == voor
    nieuw = doelservice.zet_status(db, vragenlijst, ronde, info, "do", " Gestart\u200b in\u00a0januari ")
    assert nieuw.doel.notities == "Gestart in januari"


def test_goal_text__is_stored_cleaned_and_over_its_limit_refused_naming_field_and_limit(
    db: Database, vragenlijst: Vragenlijst, ronde: Sessie
) -> None:
    info = doelservice.bewaar(
        db,
        vragenlijst,
        ronde,
        _doel(
            vragenlijst,
            titel="Kanaal\u200bsturing\u202e",
            actie="Eerst dit.\r\n\r\n\r\n\r\nDan dat, en daarna de rest.  ",
        ),
        besluit="geaccepteerd",
        verwachte_versie=None,
        vandaag=VANDAAG,
    )
    assert (info.doel.titel, info.doel.actie) == ("Kanaalsturing", "Eerst dit.\n\nDan dat, en daarna de rest.")
    maximum = VELDEN["actie"].maximum
    volgt = " en zo verder, elke maand opnieuw"  # enough words for the S of SMART
    voor = _stand(db)
    with pytest.raises(
        InvoerFout, match=rf"^De actie van het doel is {maximum + 1} tekens lang; het maximum is {maximum}\."
    ):
        doelservice.bewaar(
            db,
            vragenlijst,
            ronde,
            _doel(vragenlijst, actie="x" * (maximum + 1)),
            besluit="geaccepteerd",
            verwachte_versie=info.versie,
            vandaag=VANDAAG,
        )
    assert _stand(db) == voor
    vol = doelservice.bewaar(
        db,
        vragenlijst,
        ronde,
        _doel(vragenlijst, actie="x" * (maximum - len(volgt)) + volgt),
        besluit="geaccepteerd",
        verwachte_versie=info.versie,
        vandaag=VANDAAG,
    )
    assert len(vol.doel.actie) == maximum


# --- control characters and look-alikes through the import -----------------------------------------


def _scan(vl: Vragenlijst) -> Scan:
    return maak_demo(vl, zoek_gemeente("Utrecht"), 3, VANDAAG, seed=5)


def _met(scan: Scan, pad: str, tekst: str) -> tuple[Scan, str]:
    """``scan`` with ``tekst`` in the field ``pad``, and how the refusal names that record and field."""
    d = scan.deelnemers[2]
    a = scan.antwoorden[0]
    if pad == "deelnemer_naam":
        return scan.model_copy(
            update={"deelnemers": [*scan.deelnemers[:2], d.model_copy(update={"naam": tekst})]}
        ), f"deelnemer 3 ('{d.id}'), naam"
    if pad == "deelnemer_functie":
        return scan.model_copy(
            update={"deelnemers": [*scan.deelnemers[:2], d.model_copy(update={"functie": tekst})]}
        ), f"deelnemer 3 ('{d.id}'), functie"
    if pad == "toelichting":
        return scan.model_copy(
            update={"antwoorden": [a.model_copy(update={"toelichting": tekst}), *scan.antwoorden[1:]]}
        ), f"antwoord 1 (deelnemer '{a.deelnemer}', stelling {a.stelling}), toelichting"
    if pad == "omschrijving":
        return scan.model_copy(
            update={"scanronde": scan.scanronde.model_copy(update={"omschrijving": tekst})}
        ), "scanronde, omschrijving"
    if pad == "notitie":
        return scan.model_copy(update={"notities": [Notitie(tekst=tekst)]}), "notitie 1, tekst"
    if pad == "doel_actie":
        doel = Doel(id="eigen_1", bouwsteen=scan.ambities[0].bouwsteen, titel="Een doel", actie=tekst)
        return scan.model_copy(update={"doelen": [doel]}), "doel 1 ('eigen_1'), actie"
    raise AssertionError(pad)


@pytest.mark.parametrize(
    "pad", ["deelnemer_naam", "deelnemer_functie", "toelichting", "omschrijving", "notitie", "doel_actie"]
)
@pytest.mark.parametrize("payload", STUURTEKENS, ids=lambda p: p.naam)
def test_the_import__refuses_what_the_screens_refuse_naming_record_and_field(
    db: Database, vragenlijst: Vragenlijst, pad: str, payload: Payload
) -> None:
    scan, waar = _met(_scan(vragenlijst), pad, payload.tekst)
    voor = _stand(db)
    with pytest.raises(ImportFout) as fout:
        importeer(db, vragenlijst, scan)
    assert any(p.startswith(f"{waar} bevat onzichtbare stuurtekens") for p in fout.value.problemen), (
        fout.value.problemen
    )
    assert _stand(db) == voor


def test_the_import__refuses_look_alike_names_and_stores_text_cleaned(db: Database, vragenlijst: Vragenlijst) -> None:
    scan = _scan(vragenlijst)
    tweeling = scan.model_copy(
        update={
            "deelnemers": [
                *scan.deelnemers[:2],
                scan.deelnemers[2].model_copy(update={"naam": f"\u202e{scan.deelnemers[0].naam}\u200b"}),
            ]
        }
    )
    voor = _stand(db)
    with pytest.raises(ImportFout, match="dezelfde naam"):
        importeer(db, vragenlijst, tweeling)
    assert _stand(db) == voor
    vermomd, _ = _met(scan, "deelnemer_naam", "Pi\u200bet\u00a0\u00a0Jansen\ufeff")
    sessie = importeer(db, vragenlijst, vermomd)
    namen = [d.naam for d in workshop.voortgang(db, sessie)]
    assert "Piet Jansen" in namen


def _versie(db: Database, deelnemer_id: int) -> int:
    """The participant's stored version: what a facilitator's form would have been loaded from."""
    with db.lezen() as s:
        return s.scalar(select(DeelnemerRij.versie).where(DeelnemerRij.id == deelnemer_id)) or 0
