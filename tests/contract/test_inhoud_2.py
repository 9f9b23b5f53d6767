"""Content rules for questionnaire 2.0 and later (issue 15; the KCC review of 1.0).

What a machine can check of the review's demands: every stelling explains itself (toelichting)
and says where it comes from (bron); every term above B1 that a stelling uses is explained in its
toelichting; anchors are short and do not contradict the cumulative rule ("kies het hoogste
niveau waarvan alles klopt"); words the review rejected do not come back; a norm is scored in
one bouwsteen only; legal duties are not levels (they are the separate nalevingscheck); Dutch
only. Version 1.0 is published as it was and is not held to these rules.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scoring.doelen import controleer_doelen
from scoring.loader import VRAGENLIJSTEN_DIR, laad_vragenlijst
from scoring.models import Stelling, Tekst, Vragenlijst
from scoring.versies import controleer_overgang

VERSIES = sorted(
    p.name for p in VRAGENLIJSTEN_DIR.iterdir() if re.fullmatch(r"\d+\.\d+", p.name) and int(p.name.split(".")[0]) >= 2
)
MAX_WOORDEN_ANKER = 25
MAX_WOORDEN_STELLING = 25

BEGRIPPEN = {
    # term: how it is found in a stelling or anchor; its toelichting must name it too
    "WMEBV": r"\bWMEBV\b", "SDG": r"\bSDG\b", "Wdo": r"\bWdo\b", "Common Ground": r"Common Ground",
    "DPIA": r"\bDPIA\b", "KPI": r"\bKPI", "servicelevel": r"servicelevel", "zaaksysteem": r"zaaksysteem",
    "API": r"\bAPI", "UPL": r"\bUPL\b", "ZTC": r"\bZTC\b", "IDO": r"\bIDO\b|Informatiepunt",
    "AI-verordening": r"AI-verordening", "algoritmeregister": r"algoritmeregister", "IAMA": r"\bIAMA\b",
    "GR": r"\bGR\b|gemeenschappelijke regeling", "B1": r"\bB1\b", "PDCA": r"\bPDCA\b", "webcare": r"webcare",
    "Wgs": r"\bWgs\b", "GGU": r"\bGGU\b", "NDS": r"\bNDS\b", "eIDAS": r"eIDAS", "Haal Centraal": r"Haal Centraal",
    "klantreis": r"klantreis", "frontoffice": r"frontoffice", "backoffice": r"backoffice", "KCC": r"\bKCC\b",
}  # fmt: skip
AFGEWEZEN = {
    # the review's language and fact points (§2.1, §3): the word, and why it may not return
    r"(?<!e-)\bmail\b": "schrijf 'e-mail' (§2.1 #9)",
    r"\bsocial media\b": "schrijf 'sociale media' (§2.1 #3)",
    r"\blivegang\b|\blive\b": "schrijf 'ingebruikname' of 'online' (§2.1 #14)",
    r"\bbusinesscase": "schrijf 'kosten-batenafweging' (§2.1 #14)",
    r"\bmystery guest": "schrijf 'testklantonderzoek' (§2.1 #14)",
    r"\bdatateam\b": "een gemeente van 25.000 inwoners heeft er geen (§5.1)",
    r"\bmidoffice\b": "schrijf 'zaak- of integratieplatform' (§1.2, 06:65)",
    r"\bprivacy officer\b": "schrijf 'privacyadviseur' (§2.1 #11)",
    r"\bPubliekszaken\b": "Zeists afdelingsnaam (§2.1 #12)",
    r"\bklantregisseur\b": "Zeists functienaam (§1.2)",
    r"\bCOVID|\bcorona": "gedateerd voorbeeld (09:68)",
    r"NL DIGIbeter|Interactiestrategie": "niet meer het kader in 2026 (§3 #11)",
    r"Samen Organiseren": "gedateerd label (§3 #24)",
    r"verwerkersovereenkomst": "niet het instrument voor delen met ketenpartners (§3 #19)",
    r"uit zichzelf bericht": "schrijf 'vanzelf bericht' (§2.1 #2)",
    r"GEMMA-zaaktypen": "schrijf 'VNG Zaaktypecatalogus (ZTC)' (§3 #22)",
    r"ongelezen bericht": "een afzender ziet de leesstatus van de Berichtenbox niet (§3 #12)",
    r"landelijk (ongeveer )?€": "de kostenbedragen zijn Deens (2012) of uit 2010, niet landelijk (§3 #14)",
}
NORMEN = {
    # a norm that moved several bouwsteen scores in 1.0 (§1.3): scored in one bouwsteen at most
    "terugbellen binnen 24 uur": r"24 uur",
    "eerste contact afgehandeld": r"eerste contact",
    "e-mail binnen twee werkdagen": r"twee werkdagen",
}
WETTELIJK = {
    # legal duties are asked in the nalevingscheck, never as a level (§1.2, issue point 5)
    "toegankelijkheidsverklaring": r"toegankelijkheidsverklaring",
    "verwerkingsregister": r"verwerkingsregister",
    "Wgs-vroegsignalering": r"vroegsignalering|\bWgs\b",
}


def _vragenlijst(versie: str) -> Vragenlijst:
    return laad_vragenlijst(VRAGENLIJSTEN_DIR / versie)


def _stellingen(versie: str) -> list[tuple[str, Stelling]]:
    return [(b.id, s) for b, s in _vragenlijst(versie).stellingen()]


def _woorden(tekst: str) -> int:
    return len(tekst.split())


def _teksten(versie: str) -> list[tuple[str, Tekst]]:
    vl = _vragenlijst(versie)
    uit: list[tuple[str, Tekst]] = [("titel", vl.meta.titel), ("disclaimer", vl.meta.disclaimer)]
    uit += [(f"dimensie {d.id}", t) for d in vl.meta.dimensies for t in (d.naam, d.omschrijving)]
    uit += [(f"kenmerk {k.id}", t) for k in vl.meta.kenmerken for t in (k.naam, k.omschrijving)]
    uit += [(f"niveau {n.niveau}", t) for n in vl.schaal.niveaus for t in (n.naam, n.generatie, n.definitie)]
    uit += [(f"band {b.id}", t) for b in vl.schaal.banden for t in (b.naam, b.betekenis)]
    for b in vl.bouwstenen:
        uit += [(b.id, b.naam), (b.id, b.omschrijving)]
        for s in b.stellingen:
            uit += [(s.id, s.tekst), *((f"{s.id} L{i}", a) for i, a in enumerate(s.niveaus.alle(), 1))]
            uit += [(f"{s.id} toelichting", s.toelichting)] if s.toelichting else []
    return uit


pytestmark = pytest.mark.skipif(not VERSIES, reason="no questionnaire version 2.0 or later")


@pytest.mark.parametrize("versie", VERSIES)
def test_every_stelling__has_a_toelichting_and_a_bron(versie: str) -> None:
    zonder = [s.id for _, s in _stellingen(versie) if s.toelichting is None or not s.bron]
    assert zonder == []


@pytest.mark.parametrize("versie", VERSIES)
def test_every_term_above_b1__is_explained_in_the_toelichting_of_the_stelling_that_uses_it(versie: str) -> None:
    ontbreekt = []
    for _, s in _stellingen(versie):
        gebruikt = " ".join([s.tekst.nl, *(a.nl for a in s.niveaus.alle())])
        uitleg = s.toelichting.nl if s.toelichting else ""
        ontbreekt += [
            f"{s.id}: {begrip}"
            for begrip, patroon in BEGRIPPEN.items()
            if re.search(patroon, gebruikt) and not re.search(patroon, uitleg, flags=re.IGNORECASE)
        ]
    assert ontbreekt == []


@pytest.mark.parametrize("versie", VERSIES)
def test_anchors_and_stellingen__are_short(versie: str) -> None:
    te_lang = [
        f"{s.id} L{i}: {_woorden(a.nl)} woorden"
        for _, s in _stellingen(versie)
        for i, a in enumerate(s.niveaus.alle(), 1)
        if _woorden(a.nl) > MAX_WOORDEN_ANKER
    ]
    te_lang += [
        f"{s.id}: {_woorden(s.tekst.nl)} woorden"
        for _, s in _stellingen(versie)
        if _woorden(s.tekst.nl) > MAX_WOORDEN_STELLING
    ]
    assert te_lang == []


@pytest.mark.parametrize("versie", VERSIES)
def test_anchors_above_the_first_level__do_not_say_what_a_higher_level_then_contradicts(versie: str) -> None:
    # Cumulative anchors: level n+1 contains level n. An anchor from level 2 on that says "not yet"
    # or "nobody" describes a state the next level undoes, so no-one can choose "the highest level
    # of which everything holds".
    tegen = [
        f"{s.id} L{i}: {a.nl}"
        for _, s in _stellingen(versie)
        for i, a in enumerate(s.niveaus.alle(), 1)
        if i >= 2 and re.search(r"\bnog niet\b|\bniemand\b|\bnergens\b|\bgeen enkele?\b", a.nl)
    ]
    assert tegen == []


@pytest.mark.parametrize("versie", VERSIES)
def test_rejected_words_and_facts__do_not_return(versie: str) -> None:
    gevonden = [
        f"{waar}: '{m.group(0)}': {waarom}"
        for waar, tekst in _teksten(versie)
        for patroon, waarom in AFGEWEZEN.items()
        if (m := re.search(patroon, tekst.nl, flags=re.IGNORECASE))
    ]
    assert gevonden == []


@pytest.mark.parametrize("versie", VERSIES)
def test_a_norm__is_scored_in_one_bouwsteen_at_most(versie: str) -> None:
    for norm, patroon in NORMEN.items():
        waar = {b for b, s in _stellingen(versie) for a in s.niveaus.alle() if re.search(patroon, a.nl, re.IGNORECASE)}
        assert len(waar) <= 1, f"de norm '{norm}' telt mee in {sorted(waar)}"


@pytest.mark.parametrize("versie", VERSIES)
def test_legal_duties__are_not_levels(versie: str) -> None:
    als_niveau = [
        f"{s.id} L{i}: {naam}"
        for _, s in _stellingen(versie)
        for i, a in enumerate(s.niveaus.alle(), 1)
        for naam, patroon in WETTELIJK.items()
        if re.search(patroon, a.nl, re.IGNORECASE)
    ]
    assert als_niveau == []


@pytest.mark.parametrize("versie", VERSIES)
def test_dutch_only__no_partial_english(versie: str) -> None:
    met_engels = [waar for waar, tekst in _teksten(versie) if tekst.en is not None]
    assert met_engels == []


@pytest.mark.parametrize("versie", VERSIES)
def test_answer_options__have_neutral_level_names(versie: str) -> None:
    # Review §4 #1: a channel-generation name above a stelling about collegevoorstellen means nothing.
    namen = [n.naam.nl.lower() for n in _vragenlijst(versie).schaal.niveaus]
    assert not any("kanal" in naam or "omnichannel" in naam for naam in namen), namen


@pytest.mark.parametrize("versie", VERSIES)
def test_every_goal_template__names_its_source_and_every_size_class_gets_a_choice(versie: str) -> None:
    vl = _vragenlijst(versie)
    bibliotheek, problemen = controleer_doelen(vl, VRAGENLIJSTEN_DIR / versie)
    assert bibliotheek is not None, "\n".join(map(str, problemen))
    zonder_bron = [s.id for alle in bibliotheek.per_bouwsteen.values() for s in alle if not s.bron]
    assert zonder_bron == []


@pytest.mark.parametrize("versie", VERSIES)
def test_the_mapping_from_the_previous_version__is_complete(versie: str) -> None:
    hoofd, sub = versie.split(".")
    vorige = sorted(
        (p.name for p in VRAGENLIJSTEN_DIR.iterdir() if re.fullmatch(r"\d+\.\d+", p.name) and p.name != versie),
        key=lambda v: tuple(map(int, v.split("."))),
    )
    vorige = [v for v in vorige if tuple(map(int, v.split("."))) < (int(hoofd), int(sub))]
    assert vorige, "geen vorige versie"
    overgang, problemen = controleer_overgang(_vragenlijst(vorige[-1]), _vragenlijst(versie), VRAGENLIJSTEN_DIR)
    assert overgang is not None, "\n".join(map(str, problemen))
    assert Path(VRAGENLIJSTEN_DIR / versie / f"van_{vorige[-1]}").is_dir()
