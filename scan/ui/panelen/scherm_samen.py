"""The presenter view of a *Samen* session: the part the room works on, how many answered, its
timer, and after the reveal the anonymous distribution with the anchors of the levels chosen.

Layer: ``scan/ui`` (Streamlit). What is blind and what is shown is the service's
(``bespreken.samen_scherm``: before the reveal it carries no distribution at all); this panel
never shows a name, not even in a round that shows names to the facilitator.
"""

from __future__ import annotations

import streamlit as st

from scan.services.bespreken import SamenScherm
from scan.ui.panelen.scherm_agenda import toon_verdeling
from scan.ui.panelen.scherm_stijl import markdown
from scan.ui.panelen.workshop_gemeen import kort_getal
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk
from scoring.models import Vragenlijst
from scoring.samen import Stap


def klok(minuten: float) -> str:
    """Minutes on a timer as m:ss."""
    seconden = int(minuten * 60)
    return f"{seconden // 60}:{seconden % 60:02d}"


def titel(vl: Vragenlijst, stap: Stap) -> tuple[str, str]:
    """(what kind of part, its title) of a part, Markdown-safe."""
    if stap.bouwsteen is not None:
        b = next(b for b in vl.bouwstenen if b.id == stap.bouwsteen)
        return t("scherm.samen.bouwsteen", nummer=b.nummer), letterlijk(b.naam.nl)
    b, nummer, s = next(
        (b, i, s) for b in vl.bouwstenen for i, s in enumerate(b.stellingen, start=1) if s.id == stap.stelling
    )
    sleutel = "scherm.samen.herstemming" if stap.herstemming else "scherm.samen.stelling"
    return t(sleutel, nummer=f"{b.nummer}.{nummer}", bouwsteen=letterlijk(b.naam.nl)), letterlijk(s.tekst.nl)


def toon_timer(stand: SamenScherm) -> None:
    stap = stand.deel.stap
    assert stap is not None
    verstreken = stap.verstreken(stand.nu)
    if stand.minuten is None:
        markdown("scherm_timer", t("scherm.samen.timer.los", tijd=klok(verstreken)))
        return
    markdown("scherm_timer", t("scherm.samen.timer", tijd=klok(verstreken), minuten=kort_getal(stand.minuten)))
    if verstreken > stand.minuten:
        # Said in words with an icon, not by colour alone.
        markdown("scherm_timer_over", t("scherm.samen.timer.over", over=klok(verstreken - stand.minuten)))


def _overzicht(vl: Vragenlijst, stand: SamenScherm) -> None:
    """Every stelling of a revealed bouwsteen: counts per level, large, with its bespreekpunt mark."""
    deel = stand.deel
    nummer = {s.id: f"{b.nummer}.{i}" for b in vl.bouwstenen for i, s in enumerate(b.stellingen, start=1)}
    lijnen = [
        f"| {t('scherm.kol.stelling')} | 1 | 2 | 3 | 4 | 5 | {t('scherm.kol.weet_niet')} |",
        "|:--|:-:|:-:|:-:|:-:|:-:|:-:|",
    ]
    for s in deel.stellingen:
        verdeling = deel.verdeling.get(s, (0,) * 5)
        weet_niet, nvt = deel.bijzonder.get(s, (0, 0))
        gekozen = [n for n, aantal in enumerate(verdeling, start=1) if aantal]
        mark = " ◆" if gekozen and max(gekozen) - min(gekozen) >= 2 else ""
        cellen = " | ".join(str(a) if a else "·" for a in verdeling)
        lijnen.append(f"| **{nummer[s]}**{mark} | {cellen} | {weet_niet + nvt or '·'} |")
    markdown("scherm_overzicht", "\n".join(lijnen))
    markdown("scherm_overzicht_uitleg", t("scherm.samen.overzicht.uitleg"))


def toon_samen(vl: Vragenlijst, stand: SamenScherm) -> None:
    """The current part of a *Samen* session, for the projector."""
    deel = stand.deel
    stap = deel.stap
    if stap is None:
        markdown("scherm_leeg", t("scherm.samen.nog_niets"))
        return
    soort, kop = titel(vl, stap)
    aantal = len(deel.klaar) + len(deel.wachtend)
    links, rechts = st.columns([3, 2], gap="large")
    with links:
        markdown("scherm_nu", soort)
        markdown("scherm_titel", kop)
        if not stap.onthuld:
            markdown("scherm_blind", t("scherm.samen.blind.herstemming" if stap.herstemming else "scherm.samen.blind"))
        else:
            _onthuld(vl, stand)
    with rechts:
        sleutel = "scherm.samen.geantwoord.herstemming" if stap.herstemming else "scherm.samen.geantwoord"
        markdown("scherm_teller", t(sleutel, klaar=len(deel.klaar), aantal=aantal))
        markdown("scherm_stand_klein", t("scherm.samen.onthuld" if stap.onthuld else "scherm.samen.verborgen"))
        toon_timer(stand)
        if stap.onthuld and stap.bouwsteen is not None:
            _overzicht(vl, stand)


def _onthuld(vl: Vragenlijst, stand: SamenScherm) -> None:
    deel = stand.deel
    stelling_van = {s.id: (b, i, s) for b in vl.bouwstenen for i, s in enumerate(b.stellingen, start=1)}
    if stand.focus is None:
        markdown("scherm_leeg", t("scherm.samen.eens"))
        return
    b, nummer, s = stelling_van[stand.focus]
    if deel.stap is not None and deel.stap.bouwsteen is not None:
        # A revealed bouwsteen: its first bespreekpunt with the anchors; the rest in the overview.
        markdown("scherm_focus", t("scherm.samen.focus", nummer=f"{b.nummer}.{nummer}"))
        markdown("scherm_titel_klein", letterlijk(s.tekst.nl))
    verdeling = deel.verdeling.get(stand.focus, (0,) * 5)
    eerste = deel.eerste_verdeling.get(stand.focus) if deel.stap is not None and deel.stap.herstemming else None
    toon_verdeling(vl, s, verdeling, eerste)
    weet_niet, nvt = deel.bijzonder.get(stand.focus, (0, 0))
    regels = [t("scherm.samen.rest", weet_niet=weet_niet, nvt=nvt)]
    if (v := stand.vergelijking) is not None and v.uitkomst is not None:
        regels.append(
            t(
                f"scherm.samen.uitkomst.{v.uitkomst}",
                voor=v.spreiding_voor if v.spreiding_voor is not None else "–",
                na=v.spreiding_na,
            )
        )
    regels.append(t("niveau.regel"))
    markdown("scherm_rest", "  \n".join(regels))
