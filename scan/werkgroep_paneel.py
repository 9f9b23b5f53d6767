"""The Workshop page's tabs for the werkgroep: participants (rename, remove) and agreed ambitions.

Layer: application UI (``scan/``). Thin: every change goes through a use case of
``scan.werkgroep`` in a button callback, so the rerun that follows already shows the new state;
the outcome is said once, above the panel. Names are user text: they reach the screen through
widget values, or Markdown through ``letterlijk`` / ``letterlijke_tabel`` (scan.weergave).
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections.abc import Callable
from typing import TypeVar

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from reports.duiding import getal
from scan import services, werkgroep
from scan.database import Database
from scan.fouten import InvoerFout
from scan.repository import Sessie
from scan.teksten import t
from scan.ui import letterlijk, letterlijke_tabel
from scoring.models import Vragenlijst
from scoring.resultaat import ScanResultaat
from scoring.tekst import maximum

log = logging.getLogger(__name__)
T = TypeVar("T")


def _meld(paneel: str, soort: str, tekst: str) -> None:
    st.session_state[f"werkgroep_melding_{paneel}"] = (soort, tekst)


def _voer_uit(paneel: str, actie: Callable[[], T], gelukt: Callable[[T], str]) -> bool:
    """Run one use case in a callback and keep its outcome for the panel to show once."""
    try:
        uitkomst = actie()
    except InvoerFout as fout:
        _meld(paneel, "fout", letterlijk(str(fout)))
    except SQLAlchemyError:
        log.exception("werkgroep: opslaan mislukt")
        _meld(paneel, "fout", t("invullen.fout.database"))
    else:
        _meld(paneel, "ok", gelukt(uitkomst))
        return True
    return False


def _toon_melding(paneel: str) -> None:
    melding = st.session_state.pop(f"werkgroep_melding_{paneel}", None)
    if melding is None:
        return
    soort, tekst = melding
    if soort == "ok":
        st.success(tekst, icon=":material/check_circle:")
    else:
        st.error(tekst, icon=":material/error:")


# --- participants -------------------------------------------------------------------------


def toon_deelnemers(db: Database, vl: Vragenlijst, sessie: Sessie) -> None:
    """Who takes part, and for one chosen participant: change the name, or remove them (confirmed)."""
    _toon_melding("deelnemers")
    st.markdown(t("werkgroep.deelnemers.uitleg"))
    afgerond = sessie.ronde.status == "afgerond"
    if afgerond:
        st.info(t("werkgroep.afgerond"), icon=":material/lock:")
    rijen = services.voortgang(db, sessie)
    totaal = sum(len(b.stellingen) for b in vl.bouwstenen)
    st.table(
        # st.table renders its cells as Markdown: names and functions go through letterlijk.
        letterlijke_tabel(
            pd.DataFrame(
                {
                    t("werkgroep.kol.naam"): [r.naam for r in rijen],
                    t("werkgroep.kol.rol"): [t(f"rol.{r.rol}") for r in rijen],
                    t("werkgroep.kol.functie"): [r.functie or "–" for r in rijen],
                    t("werkgroep.kol.beantwoord"): [f"{r.beantwoord} / {totaal}" for r in rijen],
                    t("werkgroep.kol.ambities"): [f"{r.ambities} / {len(vl.bouwstenen)}" for r in rijen],
                }
            )
        ),
        hide_index=True,
        border="horizontal",
    )
    namen = {r.deelnemer_id: r.naam for r in rijen}
    ids = list(namen)
    # The option labels are names, and a rename changes a label: Streamlit 1.67 keeps the chosen
    # label and fails to find it again. A key that carries the names gives a fresh widget then;
    # the choice itself (an id) is kept apart and survives.
    vingerafdruk = hashlib.sha256(repr(sorted(namen.items())).encode()).hexdigest()[:12]
    vorige = st.session_state.get("werkgroep_gekozen")
    gekozen = st.selectbox(
        t("werkgroep.kies"),
        ids,
        index=ids.index(vorige) if vorige in ids else None,
        format_func=lambda i: namen[i],
        placeholder=t("werkgroep.kies.leeg"),
        key=f"werkgroep_wie_{vingerafdruk}",
    )
    st.session_state["werkgroep_gekozen"] = gekozen
    if gekozen is None:
        return
    naam = namen[gekozen]
    veld = f"werkgroep_naam_{gekozen}_{vingerafdruk}"

    def hernoem() -> None:
        _voer_uit(
            "deelnemers",
            lambda: werkgroep.hernoem_deelnemer(db, sessie, gekozen, st.session_state[veld]),
            lambda nieuw: t("werkgroep.hernoemd", naam=letterlijk(nieuw)),
        )

    def verwijder() -> None:
        _voer_uit(
            "deelnemers",
            lambda: werkgroep.verwijder_deelnemer(db, sessie, gekozen),
            lambda weg: t("werkgroep.verwijderd", naam=letterlijk(weg)),
        )

    with st.container(border=True):
        links, rechts = st.columns(2, gap="large")
        with links:
            st.markdown(t("werkgroep.hernoem.kop"))
            with st.form(f"werkgroep_hernoem_{gekozen}", border=False):
                st.text_input(t("werkgroep.hernoem.label"), value=naam, max_chars=maximum("naam"), key=veld)
                st.form_submit_button(
                    t("werkgroep.hernoem.knop"),
                    on_click=hernoem,
                    icon=":material/edit:",
                )
        with rechts:
            st.markdown(t("werkgroep.verwijder.kop"))
            if gekozen == sessie.deelnemer.id:
                st.caption(t("werkgroep.verwijder.zelf"))
                return
            st.caption(t("werkgroep.verwijder.uitleg"))
            zeker = st.checkbox(
                t("werkgroep.verwijder.bevestig", naam=letterlijk(naam)),
                key=f"werkgroep_zeker_{gekozen}",
                disabled=afgerond,
            )
            st.button(
                t("werkgroep.verwijder.knop"),
                type="primary",
                icon=":material/person_remove:",
                disabled=afgerond or not zeker,
                key=f"werkgroep_weg_{gekozen}",
                on_click=verwijder,
            )


# --- agreed ambitions ---------------------------------------------------------------------


def _niveau(waarde: float | None) -> str:
    return "–" if waarde is None else getal(waarde)


def toon_ambities(db: Database, vl: Vragenlijst, sessie: Sessie, resultaat: ScanResultaat | None = None) -> None:
    """Per bouwsteen: the current level, the personal ambitions' spread, and the agreed ambition to set."""
    _toon_melding("ambities")
    st.markdown(t("werkgroep.ambities.uitleg"))
    afgerond = sessie.ronde.status == "afgerond"
    if afgerond:
        st.info(t("werkgroep.afgerond"), icon=":material/lock:")
    if resultaat is None:
        resultaat = services.resultaat(db, vl, sessie.ronde.id)
    standen = werkgroep.ambities(db, vl, sessie)
    niveau_naam = {n.niveau: n.naam.nl for n in vl.schaal.niveaus}

    def telt(stand: werkgroep.AmbitieStand) -> str:
        if stand.vastgesteld is not None:
            return t("werkgroep.telt.vastgesteld", niveau=stand.vastgesteld)
        if stand.mediaan is not None:
            return t("werkgroep.telt.mediaan", niveau=getal(stand.mediaan))
        return "–"

    bouwsteen = vl.bouwsteen(
        st.selectbox(
            t("werkgroep.ambitie.bouwsteen"),
            [b.id for b in vl.bouwstenen],
            format_func=lambda i: f"{vl.bouwsteen(i).nummer}. {vl.bouwsteen(i).naam.nl}",
            key="werkgroep_ambitie_b",
            placeholder=t("algemeen.kies"),
        )
    )
    stand = standen[bouwsteen.id]
    verdeling = (
        t(
            "werkgroep.ambitie.stand.verdeling",
            laagste=stand.laagste,
            hoogste=stand.hoogste,
            mediaan=_niveau(stand.mediaan),
            aantal=len(stand.persoonlijk),
        )
        if stand.persoonlijk
        else t("werkgroep.ambitie.stand.geen")
    )
    nu = resultaat.bouwsteen(bouwsteen.id).niveau
    st.markdown(
        t(
            "werkgroep.ambitie.stand",
            verdeling=verdeling,
            nu=f"niveau {_niveau(nu)}" if nu is not None else t("werkgroep.ambitie.stand.geen_score"),
            telt=telt(stand) if stand.in_resultaat is not None else t("werkgroep.ambitie.stand.niets"),
        )
    )
    # Proposed: the agreed level, otherwise the median rounded half up (3,5 proposes 4).
    voorstel = stand.vastgesteld or (math.floor(stand.mediaan + 0.5) if stand.mediaan is not None else None)
    niveau_veld, waarom_veld = f"werkgroep_amb_n_{bouwsteen.id}", f"werkgroep_amb_t_{bouwsteen.id}"

    def leg_vast() -> None:
        niveau = st.session_state[niveau_veld]
        if niveau is None:
            _meld("ambities", "fout", t("werkgroep.ambitie.kies_niveau"))
            return
        _voer_uit(
            "ambities",
            lambda: werkgroep.stel_ambitie_vast(
                db, vl, sessie, bouwsteen.id, int(niveau), st.session_state[waarom_veld]
            ),
            lambda _: t("werkgroep.ambitie.opgeslagen", bouwsteen=letterlijk(bouwsteen.naam.nl), niveau=niveau),
        )

    def wis() -> None:
        if _voer_uit(
            "ambities",
            lambda: werkgroep.wis_ambitie(db, vl, sessie, bouwsteen.id),
            lambda gewist: t(
                "werkgroep.ambitie.gewist" if gewist else "werkgroep.ambitie.niets_gewist",
                bouwsteen=letterlijk(bouwsteen.naam.nl),
            ),
        ):
            # The form shows the median's proposal again, not the cleared level.
            st.session_state.pop(niveau_veld, None)
            st.session_state.pop(waarom_veld, None)

    with st.form(f"werkgroep_amb_{bouwsteen.id}", border=True):
        st.radio(
            t("werkgroep.ambitie.niveau"),
            [1, 2, 3, 4, 5],
            index=voorstel - 1 if voorstel else None,
            format_func=lambda n: f"{n} · {niveau_naam[n]}",
            key=niveau_veld,
            horizontal=True,
            disabled=afgerond,
        )
        st.text_input(
            t("werkgroep.ambitie.waarom"),
            value=stand.toelichting or "",
            max_chars=maximum("onderbouwing"),
            key=waarom_veld,
            disabled=afgerond,
        )
        with st.container(horizontal=True):
            st.form_submit_button(
                t("werkgroep.ambitie.knop"),
                type="primary",
                on_click=leg_vast,
                disabled=afgerond,
                icon=":material/flag:",
            )
            st.form_submit_button(
                t("werkgroep.ambitie.wis"),
                on_click=wis,
                disabled=afgerond or stand.vastgesteld is None,
                icon=":material/backspace:",
            )
    # Below the form: the overview of all bouwstenen. st.table renders cells as Markdown, so
    # every cell goes through letterlijk ("1. Kanaalinzet" would become a numbered list).
    st.table(
        letterlijke_tabel(
            pd.DataFrame(
                {
                    t("werkgroep.kol.bouwsteen"): [f"{b.nummer}. {b.naam.nl}" for b in vl.bouwstenen],
                    t("werkgroep.kol.nu"): [_niveau(resultaat.bouwsteen(b.id).niveau) for b in vl.bouwstenen],
                    t("werkgroep.kol.persoonlijk"): [
                        t(
                            "werkgroep.persoonlijk",
                            laagste=standen[b.id].laagste,
                            hoogste=standen[b.id].hoogste,
                            aantal=len(standen[b.id].persoonlijk),
                        )
                        if standen[b.id].persoonlijk
                        else "–"
                        for b in vl.bouwstenen
                    ],
                    t("werkgroep.kol.mediaan"): [_niveau(standen[b.id].mediaan) for b in vl.bouwstenen],
                    t("werkgroep.kol.vastgesteld"): [
                        "–" if (v := standen[b.id].vastgesteld) is None else f"{v} · {niveau_naam[v]}"
                        for b in vl.bouwstenen
                    ],
                    t("werkgroep.kol.telt"): [telt(standen[b.id]) for b in vl.bouwstenen],
                }
            )
        ),
        hide_index=True,
        border="horizontal",
    )
