"""A round out of the database and back: export then import gives an equal scan, a refused
import writes nothing; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from scan.db.tabellen import DeelnemerRij, RondeRij
from scan.db.verbinding import Database
from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scan.services import doelen as doelservice
from scan.services import invullen, resultaten, start, workshop
from scan.services.uitwisseling import IMPORT_FACILITATOR, ImportFout, exporteer
from scoring.doelen import DoelenBibliotheek
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst
from scoring.scantekst import schoon_scan
from scoring.uitwissel import Ambitie, Deelnemer, Notitie, Scan, canoniek
from tests.rondes import importeer, start_ronde

VANDAAG = dt.date(2026, 11, 22)


def _demo(vl: Vragenlijst, gemeente: str = "Súdwest-Fryslân", deelnemers: int = 6) -> Scan:
    return maak_demo(vl, zoek_gemeente(gemeente), deelnemers, VANDAAG, seed=7)


def _geldig(scan: Scan, **velden: object) -> Scan:
    """A changed copy that is validated again (``model_copy`` alone would skip the checks)."""
    return Scan.model_validate(scan.model_dump() | {k: _dump(v) for k, v in velden.items()})


def _dump(waarde: object) -> object:
    if isinstance(waarde, list):
        return [w.model_dump() if hasattr(w, "model_dump") else w for w in waarde]
    return waarde


def _aantal(db: Database, tabel: type[RondeRij] | type[DeelnemerRij]) -> int:
    with db.lezen() as s:
        return int(s.scalar(select(func.count()).select_from(tabel)) or 0)


def test_import_then_export__gives_back_the_file(db: Database, vragenlijst: Vragenlijst) -> None:
    scan = _demo(vragenlijst)
    # Everything the format can hold, including text that looks like markup or a formula.
    vrij = next(
        b.id for b in vragenlijst.bouwstenen if all(a.bouwsteen != b.id for a in scan.ambities if a.deelnemer is None)
    )
    scan = _geldig(
        scan,
        deelnemers=[
            *scan.deelnemers[:-1],
            scan.deelnemers[-1].model_copy(update={"naam": "<b>Ånna & 'Co'</b>", "functie": "=1+1"}),
        ],
        ambities=[*scan.ambities, Ambitie(bouwsteen=vrij, niveau=4, toelichting="Afspraak MT")],
        notities=[Notitie(tekst="Eerste notitie"), Notitie(bouwsteen="kanaalregie", tekst="Tweede <i>")],
    )
    sessie = importeer(db, vragenlijst, scan)
    terug = exporteer(db, sessie.ronde.id)
    assert terug == canoniek(scan)
    assert sessie.is_facilitator
    assert sessie.ronde.code != scan.scanronde.id
    assert bereken_scan(vragenlijst, terug) == bereken_scan(vragenlijst, scan)
    # The scores the app shows for the imported round are the file's scores.
    assert resultaten.resultaat(db, vragenlijst, sessie.ronde.id) == bereken_scan(vragenlijst, scan)


def test_export_then_import__of_a_round_made_in_the_app(
    db: Database, vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    fac = start_ronde(db, vragenlijst, gm_code="GM0344", facilitator="Fatima", datum=VANDAAG)
    karel = start.neem_deel(db, vragenlijst, code=fac.ronde.code, naam="Karel", functie="KCC")
    stellingen = [s.id for _, s in vragenlijst.stellingen()]
    for i, sid in enumerate(stellingen[:20]):
        invullen.sla_antwoord_op(db, vragenlijst, karel, sid, ["1", "2", "3", "weet_niet", "nvt"][i % 5])
    invullen.sla_toelichting_op(db, vragenlijst, karel, stellingen[0], "R&D <KCC>")
    invullen.sla_toelichting_op(db, vragenlijst, karel, stellingen[30], "Alleen een notitie, nog geen keuze")
    invullen.sla_ambitie_op(db, vragenlijst, karel, "kanaalregie", 4)
    workshop.stel_consensus_vast(
        db, vragenlijst, fac, stelling=stellingen[1], niveau=3, toelichting="Samen besloten", verwachte_versie=None
    )
    voorstellen = doelservice.suggesties(db, vragenlijst, bibliotheek, fac, vandaag=VANDAAG)
    # A target past the baseline in the indicator's direction.
    streef = 40.0 if voorstellen[0].doel.richting == "lager" else 60.0
    doel = voorstellen[0].doel.model_copy(update={"nulmeting": 50.0, "streefwaarde": streef, "draagvlak": "MT"})
    doelservice.bewaar(db, vragenlijst, fac, doel, besluit="geaccepteerd", verwachte_versie=None, vandaag=VANDAAG)
    doelservice.bewaar(db, vragenlijst, fac, voorstellen[1].doel, besluit="afgewezen", verwachte_versie=None)

    eerste = exporteer(db, fac.ronde.id)
    assert [d.naam for d in eerste.deelnemers] == ["Fatima", "Karel"]
    assert [d.id for d in eerste.doelen] == [voorstellen[0].sjabloon]  # rejected ones stay behind
    alleen_notitie = [a for a in eerste.antwoorden if a.stelling == stellingen[30]]
    assert alleen_notitie[0].antwoord is None and alleen_notitie[0].toelichting == "Alleen een notitie, nog geen keuze"
    assert eerste.consensus[0].vastgesteld_door == "Fatima"

    tweede = exporteer(db, importeer(db, vragenlijst, eerste).ronde.id)
    assert tweede == eerste


def test_a_file_without_facilitator__gets_one_to_open_it(db: Database, vragenlijst: Vragenlijst) -> None:
    scan = _demo(vragenlijst)
    scan = _geldig(scan, deelnemers=[d.model_copy(update={"rol": "deelnemer"}) for d in scan.deelnemers])
    sessie = importeer(db, vragenlijst, scan)
    assert sessie.deelnemer.naam == IMPORT_FACILITATOR
    assert bereken_scan(vragenlijst, exporteer(db, sessie.ronde.id)) == bereken_scan(vragenlijst, scan)


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        ({"gemeente": {"gm_code": "GM0344", "naam": "Amsterdam"}}, "GM0344 is Utrecht"),
        ({"gemeente": {"gm_code": "GM9999", "naam": "Nergenshuizen"}}, "GM9999"),
        ({"vragenlijst": {"id": "omnichannel", "versie": "0.1"}}, "vragenlijstversie 0.1"),
    ],
)
def test_a_refused_import__names_the_problem_and_writes_nothing(
    db: Database, vragenlijst: Vragenlijst, wijziging: dict[str, dict[str, str]], melding: str
) -> None:
    basis = _demo(vragenlijst).model_dump()
    scan = Scan.model_validate(basis | wijziging)
    rondes, deelnemers = _aantal(db, RondeRij), _aantal(db, DeelnemerRij)
    with pytest.raises(ImportFout) as fout:
        importeer(db, vragenlijst, scan)
    assert any(melding in p for p in fout.value.problemen)
    assert (_aantal(db, RondeRij), _aantal(db, DeelnemerRij)) == (rondes, deelnemers)


def test_names_that_only_differ_in_spaces__are_refused_before_writing(db: Database, vragenlijst: Vragenlijst) -> None:
    scan = _demo(vragenlijst, deelnemers=2)
    scan = _geldig(
        scan,
        deelnemers=[
            scan.deelnemers[0].model_copy(update={"naam": "Anna de Vries"}),
            Deelnemer(id=scan.deelnemers[1].id, naam="Anna  de Vries"),
        ],
    )
    rondes = _aantal(db, RondeRij)
    with pytest.raises(ImportFout, match="dezelfde naam"):
        importeer(db, vragenlijst, scan)
    assert _aantal(db, RondeRij) == rondes


def test_unknown_stelling__is_refused(db: Database, vragenlijst: Vragenlijst) -> None:
    scan = _demo(vragenlijst, deelnemers=2)
    fout_antwoord = scan.antwoorden[0].model_copy(update={"stelling": "bestaat_niet"})
    scan = _geldig(scan, antwoorden=[fout_antwoord, *scan.antwoorden[1:]])
    with pytest.raises(ImportFout, match="onbekende stelling 'bestaat_niet'"):
        importeer(db, vragenlijst, scan)


_TEKST = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=20)


@st.composite
def _scans(draw: st.DrawFn, vl: Vragenlijst) -> Scan:
    """Small scans with any text (also NUL, RTL, emoji) in every free field."""
    optie = st.none() | _TEKST
    stellingen = [s.id for _, s in vl.stellingen()[:5]]
    deelnemers = [
        Deelnemer(
            id=f"p{i}",
            naam=f"Deelnemer {i} {draw(st.sampled_from(['', 'Ånna', '<b>', '&']))}",
            rol="facilitator" if i == 0 else "deelnemer",  # without one the import adds a facilitator
            functie=draw(optie),
        )
        for i in range(draw(st.integers(1, 3)))
    ]
    antwoorden = [
        {
            "deelnemer": d.id,
            "stelling": s,
            "antwoord": draw(st.none() | st.integers(1, 5) | st.sampled_from(["weet_niet", "nvt"])),
            "toelichting": draw(optie),
            "gewijzigd": draw(
                st.none() | st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2100, 12, 31), timezones=st.just(dt.UTC))
            ),
        }
        for d in deelnemers
        for s in draw(st.lists(st.sampled_from(stellingen), unique=True, max_size=3))
    ]
    basis = _demo(vl, "Utrecht", deelnemers=1).model_dump()
    return Scan.model_validate(
        basis
        | {
            "deelnemers": [d.model_dump() for d in deelnemers],
            "antwoorden": antwoorden,
            "ambities": [],
            "consensus": [{"stelling": stellingen[0], "niveau": 3, "toelichting": draw(optie)}],
            "notities": [{"tekst": t} for t in draw(st.lists(_TEKST, max_size=2))],
            "doelen": [],
        }
    )


def test_any_valid_file__comes_back_equal_or_is_refused_whole(db: Database, vragenlijst: Vragenlijst) -> None:
    """Property: import then export gives the file with its text cleaned by the screens' rule
    (``schoon_scan``); a file the rule refuses (control characters, NUL, empty after cleaning)
    is refused whole, every refusal named, and writes nothing."""

    @settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(_scans(vragenlijst))
    def eigenschap(scan: Scan) -> None:
        rondes = _aantal(db, RondeRij)
        try:
            sessie = importeer(db, vragenlijst, scan)
        except ImportFout as fout:
            assert fout.problemen == schoon_scan(scan)[1]
            assert _aantal(db, RondeRij) == rondes
            return
        assert not schoon_scan(scan)[1]
        terug = exporteer(db, sessie.ronde.id)
        # Times the file did not have are the moment of import; the rest is the file.
        zonder_tijd = {(a.deelnemer, a.stelling) for a in scan.antwoorden if a.gewijzigd is None}
        terug = terug.model_copy(
            update={
                "antwoorden": [
                    a.model_copy(update={"gewijzigd": None}) if (a.deelnemer, a.stelling) in zonder_tijd else a
                    for a in terug.antwoorden
                ],
                "consensus": [c.model_copy(update={"vastgesteld_op": None}) for c in terug.consensus],
            }
        )
        assert terug == canoniek(schoon_scan(scan)[0])

    eigenschap()
