"""The Workshop page's tab Ambities: per bouwsteen the current level, the spread of the personal
ambitions, and the werkgroep's agreed ambition to set or clear.

Layer: ``scan/ui`` (Streamlit). Outcomes and conflicts as in ``workshop_werkgroep``; which level
the form proposes is the read model's rule (``AmbitieStand.voorstel``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from reports.duiding import getal
from scan.fouten import Conflict
from scan.leesmodellen import AmbitieStand, Sessie, VastgesteldeAmbitie
from scan.services import resultaten, werkgroep
from scan.ui.conflictweergave import keuzeknoppen, toon_versies
from scan.ui.foutgrens import veilig
from scan.ui.opmaak import letterlijke_tabel
from scan.ui.panelen import workshop_werkgroep as wg
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk
from scoring.models import Vragenlijst
from scoring.resultaat import ScanResultaat
from scoring.tekst import maximum

if TYPE_CHECKING:
    from scan.db.verbinding import Database  # a type only: panels reach the database through services


def _niveau(waarde: float | None) -> str:
    return "–" if waarde is None else getal(waarde)


def toon_ambities(db: Database, vl: Vragenlijst, sessie: Sessie, resultaat: ScanResultaat | None = None) -> None:
    """Per bouwsteen: the current level, the personal ambitions' spread, and the agreed ambition to set."""
    wg.toon_melding("ambities")
    st.markdown(t("werkgroep.ambities.uitleg"), anchors=False)
    afgerond = sessie.ronde.status == "afgerond"
    if afgerond:
        st.info(t("werkgroep.afgerond"), icon=":material/lock:")
    if resultaat is None:
        resultaat = resultaten.resultaat(db, vl, sessie.ronde.id)
    standen = werkgroep.ambities(db, vl, sessie)
    niveau_naam = {n.niveau: n.naam.nl for n in vl.schaal.niveaus}

    def telt(stand: AmbitieStand) -> str:
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
        ),
        anchors=False,
    )
    voorstel = stand.voorstel
    niveau_veld, waarom_veld = f"werkgroep_amb_n_{bouwsteen.id}", f"werkgroep_amb_t_{bouwsteen.id}"
    conflict_sleutel = f"werkgroep_amb_conflict_{sessie.ronde.id}_{bouwsteen.id}"
    gezien = wg.gezien("ambitie", (sessie.ronde.id, bouwsteen.id), niveau_veld, stand.versie)

    def bewaar(niveau: int | None, waarom: str, verwacht: int | None) -> None:
        """Set (``niveau``) or clear (``None``) the agreed ambition against version ``verwacht``."""

        def bij_conflict(conflict: Conflict) -> None:
            st.session_state[conflict_sleutel] = (niveau, waarom, conflict.huidig)

        if niveau is None:
            if wg.voer_uit(
                "ambities",
                lambda: werkgroep.wis_ambitie(db, vl, sessie, bouwsteen.id, verwachte_versie=verwacht or 0),
                lambda gewist: t(
                    "werkgroep.ambitie.gewist" if gewist else "werkgroep.ambitie.niets_gewist",
                    bouwsteen=letterlijk(bouwsteen.naam.nl),
                ),
                bij_conflict,
            ):
                # The form shows the median's proposal again, not the cleared level.
                st.session_state.pop(niveau_veld, None)
                st.session_state.pop(waarom_veld, None)
                st.session_state.pop(conflict_sleutel, None)
                wg.vergeet_gezien("ambitie", (sessie.ronde.id, bouwsteen.id))
            return
        uitkomst: list[VastgesteldeAmbitie] = []
        if wg.voer_uit(
            "ambities",
            lambda: uitkomst.append(
                werkgroep.stel_ambitie_vast(db, vl, sessie, bouwsteen.id, niveau, waarom, verwachte_versie=verwacht)
            ),
            lambda _: t("werkgroep.ambitie.opgeslagen", bouwsteen=letterlijk(bouwsteen.naam.nl), niveau=niveau),
            bij_conflict,
        ):
            st.session_state.pop(conflict_sleutel, None)
            wg.zet_gezien("ambitie", (sessie.ronde.id, bouwsteen.id), uitkomst[0].versie)

    def leg_vast(verwacht: int | None = gezien) -> None:
        niveau = st.session_state[niveau_veld]
        if niveau is None:
            wg.meld("ambities", "fout", t("werkgroep.ambitie.kies_niveau"))
            return
        bewaar(int(niveau), st.session_state[waarom_veld], verwacht)

    def wis(verwacht: int | None = stand.versie) -> None:
        # Clears the level shown beside the form (the stored one at this draw), not a newer one.
        bewaar(None, "", verwacht)

    @veilig
    def houd_mijn() -> None:
        conflict = st.session_state.pop(conflict_sleutel, None)
        if conflict is not None:
            niveau, waarom, huidig = conflict
            bewaar(niveau, waarom, huidig.versie if huidig else None)

    @veilig
    def neem_opgeslagen() -> None:
        conflict = st.session_state.pop(conflict_sleutel, None)
        if conflict is not None:
            huidig = conflict[2]
            st.session_state[niveau_veld] = huidig.niveau if huidig else None
            st.session_state[waarom_veld] = (huidig.toelichting or "") if huidig else ""  # widgetwaarde
            wg.zet_gezien("ambitie", (sessie.ronde.id, bouwsteen.id), huidig.versie if huidig else None)

    if conflict_sleutel in st.session_state:
        mijn_niveau, mijn_waarom, huidig = st.session_state[conflict_sleutel]

        def als_tekst(n: int | None) -> str:
            return f"{n} · {niveau_naam[n]}" if n is not None else t("conflict.weg")

        toon_versies(
            t("conflict.ambitie" if mijn_niveau is not None else "conflict.ambitie.wis"),
            [
                (t("conflict.veld.niveau"), als_tekst(mijn_niveau), als_tekst(huidig.niveau) if huidig else ""),
                (t("conflict.veld.waarom"), mijn_waarom, (huidig.toelichting or "") if huidig else ""),
            ],
            door=huidig.gewijzigd_door if huidig else None,
            op=huidig.gewijzigd_op if huidig else None,
            weg=huidig is None,
            sleutel=f"ambitie_{bouwsteen.id}",
        )
        keuzeknoppen(
            f"werkgroep_amb_mijn_{bouwsteen.id}",
            f"werkgroep_amb_opgeslagen_{bouwsteen.id}",
            houd_mijn=houd_mijn,
            neem_opgeslagen=neem_opgeslagen,
        )

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
