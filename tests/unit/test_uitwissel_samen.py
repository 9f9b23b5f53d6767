"""Format version 2 (issue 16): what a facilitated session leaves behind in the exchange format,
its checks, the latest vote scoring, version 1 still read; the sentences and tables the screen,
the PDFs and the Excel file share (reports.duiding); the demo's session."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from reports.duiding import (
    gokzin,
    groepen_tekst,
    herstemzin,
    samen_beeld,
    spreiding_tekst,
    telling_tekst,
)
from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scoring import samen as regels
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst
from scoring.uitwissel import (
    Scan,
    UitwisselFout,
    canoniek,
    controleer_tegen_vragenlijst,
    laatste_antwoorden,
    lees_scan_bytes,
    schrijf_scan,
    valideer_scan,
    zonder_verborgen,
)

T0 = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def demo(vragenlijst: Vragenlijst) -> Scan:
    return maak_demo(vragenlijst, zoek_gemeente("Zeist"), 8, dt.date(2026, 12, 7), seed=5)


def _ruw(scan: Scan) -> dict[str, Any]:
    ruw: dict[str, Any] = json.loads(schrijf_scan(scan))
    return ruw


def _fout(ruw: dict[str, Any]) -> str:
    with pytest.raises(UitwisselFout) as info:
        lees_scan_bytes(json.dumps(ruw).encode())
    return str(info.value)


def test_demo__is_a_samen_session_that_survives_its_own_file(demo: Scan) -> None:
    assert demo.formaatversie == 2 and demo.scanronde.modus == "samen"
    assert demo.herstemmingen and any(s.herstemming for s in demo.samen_stappen)
    assert all(s.onthuld_op is not None and s.onthuld_op > s.geopend_op for s in demo.samen_stappen)
    assert any(a.zekerheid for a in demo.antwoorden)
    assert {d.discipline for d in demo.deelnemers} >= {"management", None}
    assert lees_scan_bytes(schrijf_scan(demo).encode()) == demo
    assert canoniek(demo) == canoniek(lees_scan_bytes(schrijf_scan(canoniek(demo)).encode()))


def test_demo__without_samen__is_the_round_it_always_was(vragenlijst: Vragenlijst, demo: Scan) -> None:
    kaal = maak_demo(vragenlijst, zoek_gemeente("Zeist"), 8, dt.date(2026, 12, 7), seed=5, samen=False)
    assert kaal.scanronde.modus == "eigen_tempo" and not kaal.herstemmingen and not kaal.samen_stappen
    # The first votes are the same draws: the session only adds to them.
    assert [(a.deelnemer, a.stelling, a.antwoord) for a in kaal.antwoorden] == [
        (a.deelnemer, a.stelling, a.antwoord) for a in demo.antwoorden
    ]


def test_latest_vote_scores__second_where_given(demo: Scan, vragenlijst: Vragenlijst) -> None:
    tweede = {(h.deelnemer, h.stelling): h.antwoord for h in demo.herstemmingen}
    laatst = {(a.deelnemer, a.stelling): a.antwoord for a in laatste_antwoorden(demo)}
    assert all(laatst[k] == v for k, v in tweede.items())
    eerste = {(a.deelnemer, a.stelling): a.antwoord for a in demo.antwoorden}
    assert all(laatst[k] == v for k, v in eerste.items() if k not in tweede)
    # Without second votes the scores would be those of the first votes; with them they differ.
    zonder = demo.model_copy(update={"herstemmingen": []})
    assert bereken_scan(vragenlijst, demo) != bereken_scan(vragenlijst, zonder)


def test_latest_vote__a_second_vote_without_a_first__is_an_answer(demo: Scan) -> None:
    h = demo.herstemmingen[0]
    zonder_eerste = demo.model_copy(
        update={"antwoorden": [a for a in demo.antwoorden if (a.deelnemer, a.stelling) != (h.deelnemer, h.stelling)]}
    )
    nieuw = [a for a in laatste_antwoorden(zonder_eerste) if (a.deelnemer, a.stelling) == (h.deelnemer, h.stelling)]
    assert [a.antwoord for a in nieuw] == [h.antwoord]


@pytest.mark.parametrize(
    ("wijzig", "melding"),
    [
        (lambda r: r.update(formaatversie=1), "formaatversie 1 kent scanronde.modus/op_naam"),
        (
            lambda r: r.update(formaatversie=3),
            "formaatversie 3 wordt niet ondersteund; deze versie leest formaatversie 1 en 2",
        ),
        (lambda r: r["samen_stappen"].append(r["samen_stappen"][0]), "een volgnummer komt dubbel voor"),
        (
            lambda r: r["samen_stappen"][0].update(stelling=r["antwoorden"][0]["stelling"]),
            "een bouwsteen of een stelling, niet allebei",
        ),
        (
            lambda r: r.update(samen_stappen=[s for s in r["samen_stappen"] if not s.get("herstemming")]),
            "heeft geen herstemming in samen_stappen",
        ),
        (lambda r: r["herstemmingen"].append(r["herstemmingen"][0]), "stemt twee keer opnieuw"),
        (lambda r: r["herstemmingen"][0].update(deelnemer="niemand"), "onbekende deelnemer 'niemand'"),
        (lambda r: r["herstemmingen"][0].update(antwoord=7), "herstemming 1"),
        (lambda r: r["antwoorden"][0].update(zekerheid="misschien"), "zekerheid"),
        (lambda r: r["deelnemers"][0].update(discipline="marketing"), "discipline"),
        (lambda r: r["scanronde"].update(modus="los"), "modus"),
    ],
)
def test_format_2__refusals_name_what_and_where(demo: Scan, wijzig: Any, melding: str) -> None:
    ruw = _ruw(demo)
    wijzig(ruw)
    assert melding in _fout(ruw)


def test_format_2__references_to_the_questionnaire_are_checked(demo: Scan, vragenlijst: Vragenlijst) -> None:
    ruw = _ruw(demo)
    oud = ruw["herstemmingen"][0]["stelling"]
    for h in ruw["herstemmingen"]:
        if h["stelling"] == oud:
            h["stelling"] = "bestaat_niet"
    for s in ruw["samen_stappen"]:
        if s.get("stelling") == oud:
            s["stelling"] = "bestaat_niet"
    ruw["samen_stappen"][0]["bouwsteen"] = "geen_bouwsteen"
    problemen = controleer_tegen_vragenlijst(valideer_scan(ruw), vragenlijst)
    assert any("herstemmingen[" in p and "'bestaat_niet'" in p for p in problemen)
    assert any("samen_stappen[0]: onbekende bouwsteen 'geen_bouwsteen'" in p for p in problemen)


def test_format_1__a_file_without_the_new_fields_still_reads(demo: Scan, vragenlijst: Vragenlijst) -> None:
    kaal = maak_demo(vragenlijst, zoek_gemeente("Zeist"), 3, dt.date(2026, 12, 7), seed=5, samen=False)
    ruw = _ruw(kaal) | {"formaatversie": 1}
    ruw["scanronde"] = {k: v for k, v in ruw["scanronde"].items() if k not in ("modus", "op_naam")}
    oud = lees_scan_bytes(json.dumps(ruw).encode())
    assert oud.formaatversie == 1 and oud.scanronde.modus == "eigen_tempo"
    assert canoniek(oud) == canoniek(kaal)


# --- the sentences and tables (reports.duiding) -------------------------------------------------


def _h(*paren: tuple[tuple[int, ...], tuple[int, ...]]) -> regels.Herstemmingen:
    return regels.Herstemmingen(
        stellingen=tuple(regels.vergelijk(f"s{i}", "b", v, n) for i, (v, n) in enumerate(paren))
    )


@pytest.mark.parametrize(
    ("herstemmingen", "zin"),
    [
        (_h(), None),
        (_h(((1, 4), ())), None),  # a re-vote without levels yet measures nothing
        (_h(((1, 4), (3, 4))), "Na bespreking lag het bespreekpunt waarover opnieuw werd gestemd binnen één niveau."),
        (
            _h(((1, 4), (1, 4))),
            "Na bespreking lag het bespreekpunt waarover opnieuw werd gestemd nog niet binnen één niveau.",
        ),
        (_h(((1, 4), (3, 4)), ((1, 5), (1, 5))), "Na bespreking lag 1 van de 2 bespreekpunten binnen één niveau."),
        (
            _h(((1, 4), (3, 4)), ((1, 5), (2, 3)), ((2, 4), (1, 5))),
            "Na bespreking lagen 2 van de 3 bespreekpunten binnen één niveau.",
        ),
    ],
)
def test_herstemzin(herstemmingen: regels.Herstemmingen, zin: str | None) -> None:
    assert herstemzin(herstemmingen) == zin


def test_small_texts() -> None:
    assert spreiding_tekst((1, 2, 5), 4) == "1–5 (4)"
    assert spreiding_tekst((3, 3), 0) == "3 (0)"
    assert spreiding_tekst((), None) == "–"
    assert telling_tekst({"samengekomen": 2, "uiteen_gebleven": 1, "verder_uiteen": 0}) == (
        "2 samengekomen, 1 uiteen gebleven, 0 verder uiteen"
    )
    beeld = regels.discipline_beelden(
        {"b": ["s"]},
        [(1, "s", "4"), (2, "s", "4"), (3, "s", "2"), (4, "s", "2"), (5, "s", "1")],
        {1: "kcc", 2: "kcc", 3: "ict", 4: "ict", 5: "beleid"},
    )[0]
    assert groepen_tekst(beeld) == "KCC (2): 4 · ICT en beleid (3): 1,7"
    assert gokzin(regels.Zekerheidsbeeld(stelling="s", zeker=1, gok=2, weet_niet=1)) == (
        "3 van 4 gokken of weten het niet"
    )


def test_samen_beeld__of_a_round_in_its_own_pace_is_empty_but_for_disciplines(vragenlijst: Vragenlijst) -> None:
    kaal = maak_demo(vragenlijst, zoek_gemeente("Zeist"), 8, dt.date(2026, 12, 7), seed=5, samen=False)
    beeld = samen_beeld(vragenlijst, kaal)
    assert not beeld.herstemmingen.stellingen and not beeld.gokt_op()
    # Functions are known in every round: the discipline view needs no session.
    assert any(len(d.groepen) >= 2 for d in beeld.disciplines)
    assert all(g.personen >= regels.MIN_GROEP for d in beeld.disciplines for g in d.groepen)


def test_zonder_verborgen__the_rule_of_blind_on_a_scan(demo: Scan) -> None:
    h = demo.herstemmingen[0].stelling
    open_deel = {a.stelling for a in demo.antwoorden[:3]}
    assert zonder_verborgen(demo, set(), herstemming=False) is demo
    # A first vote open: its answers (with notes and certainty) and any second votes are out.
    eerste = zonder_verborgen(demo, open_deel, herstemming=False)
    assert not any(a.stelling in open_deel for a in eerste.antwoorden)
    assert len(eerste.antwoorden) == len(demo.antwoorden) - sum(a.stelling in open_deel for a in demo.antwoorden)
    # A re-vote running: the first votes stay, the second votes of that stelling are out.
    lopend = zonder_verborgen(demo, {h}, herstemming=True)
    assert lopend.antwoorden == demo.antwoorden
    assert not any(x.stelling == h for x in lopend.herstemmingen)
    assert lopend.herstemmingen == [x for x in demo.herstemmingen if x.stelling != h]
