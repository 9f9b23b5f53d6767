"""The Workshop page's tab Deelnemers: who takes part, and for one chosen participant a new name
or the erasure of their personal data (confirmed, saying exactly what goes; issue 18).

Layer: ``scan/ui`` (Streamlit). Names are user text: they reach the screen through table cells,
widget values, or ``letterlijk()``. Outcomes and conflicts as in ``workshop_werkgroep``.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from scan.fouten import Conflict
from scan.leesmodellen import Sessie
from scan.services import werkgroep, workshop
from scan.ui.conflictweergave import keuzeknoppen, toon_versies
from scan.ui.foutgrens import veilig
from scan.ui.opmaak import letterlijke_tabel
from scan.ui.panelen import workshop_werkgroep as wg
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk
from scoring.models import Vragenlijst
from scoring.tekst import maximum

if TYPE_CHECKING:
    from scan.db.verbinding import Database  # a type only: panels reach the database through services


def toon_deelnemers(db: Database, vl: Vragenlijst, sessie: Sessie) -> None:
    """Who takes part, and for one chosen participant: change the name, or erase them (confirmed)."""
    wg.toon_melding("deelnemers")
    st.markdown(t("werkgroep.deelnemers.uitleg"), anchors=False)
    afgerond = sessie.ronde.status == "afgerond"
    if afgerond:
        st.info(t("werkgroep.afgerond"), icon=":material/lock:")
    rijen = workshop.voortgang(db, sessie)
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
    versie = next(r.versie for r in rijen if r.deelnemer_id == gekozen)
    # Keyed by the participant only: a rename of someone else must not wipe what is typed here.
    veld = f"werkgroep_naam_{gekozen}"
    conflict_sleutel = f"werkgroep_conflict_naam_{gekozen}"
    gezien = wg.gezien("naam", gekozen, veld, versie)

    def hernoem(verwacht: int | None = gezien, mijn: str | None = None) -> None:
        nieuwe_naam = st.session_state[veld] if mijn is None else mijn

        def bij_conflict(conflict: Conflict) -> None:
            st.session_state[conflict_sleutel] = ("hernoem", nieuwe_naam, conflict.huidig)

        if wg.voer_uit(
            "deelnemers",
            lambda: werkgroep.hernoem_deelnemer(db, sessie, gekozen, nieuwe_naam, verwachte_versie=verwacht or 0),
            lambda nieuw: t("werkgroep.hernoemd", naam=letterlijk(nieuw)),
            bij_conflict,
        ):
            st.session_state.pop(conflict_sleutel, None)
            wg.vergeet_gezien("naam", gekozen)  # the next draw takes the version now stored

    def verwijder(verwacht: int = versie, gezien_naam: str = naam) -> None:
        def bij_conflict(conflict: Conflict) -> None:
            st.session_state[conflict_sleutel] = ("verwijder", gezien_naam, conflict.huidig)
            st.session_state[f"werkgroep_zeker_{gekozen}"] = False  # confirm again, for the person as now

        wg.voer_uit(
            "deelnemers",
            lambda: werkgroep.verwijder_deelnemer(db, sessie, gekozen, verwachte_versie=verwacht),
            lambda weg: t("werkgroep.verwijderd", naam=letterlijk(weg)),
            bij_conflict,
        )

    @veilig
    def houd_mijn() -> None:
        conflict = st.session_state.pop(conflict_sleutel, None)
        if conflict is not None and conflict[2] is not None:
            wg.zet_gezien("naam", gekozen, conflict[2].versie)
            hernoem(conflict[2].versie, conflict[1])

    @veilig
    def neem_opgeslagen() -> None:
        conflict = st.session_state.pop(conflict_sleutel, None)
        if conflict is not None and conflict[2] is not None and conflict[0] == "hernoem":
            st.session_state[veld] = conflict[2].naam  # widgetwaarde
            wg.zet_gezien("naam", gekozen, conflict[2].versie)

    if conflict_sleutel in st.session_state:
        wat, mijn, huidig = st.session_state[conflict_sleutel]
        toon_versies(
            t("conflict.deelnemer" if wat == "hernoem" else "conflict.deelnemer.verwijder"),
            [(t("conflict.veld.naam"), mijn, huidig.naam if huidig else "")],
            door=None,
            op=None,
            weg=huidig is None,
            sleutel=f"deelnemer_{gekozen}",
        )
        keuzeknoppen(
            f"werkgroep_naam_mijn_{gekozen}",
            f"werkgroep_naam_opgeslagen_{gekozen}",
            houd_mijn=houd_mijn if wat == "hernoem" and huidig is not None else None,
            neem_opgeslagen=neem_opgeslagen,
            sluiten=wat != "hernoem",
        )

    with st.container(border=True):
        links, rechts = st.columns(2, gap="large")
        with links:
            st.markdown(t("werkgroep.hernoem.kop"), anchors=False)
            with st.form(f"werkgroep_hernoem_{gekozen}", border=False):
                st.text_input(t("werkgroep.hernoem.label"), value=naam, max_chars=maximum("naam"), key=veld)
                st.form_submit_button(
                    t("werkgroep.hernoem.knop"),
                    on_click=hernoem,
                    icon=":material/edit:",
                )
        with rechts:
            st.markdown(t("werkgroep.verwijder.kop"), anchors=False)
            if gekozen == sessie.deelnemer.id:
                st.caption(t("werkgroep.verwijder.zelf"))
                return
            st.caption(t("werkgroep.verwijder.uitleg"))
            zeker = st.checkbox(
                t("werkgroep.verwijder.bevestig", naam=letterlijk(naam)),
                key=f"werkgroep_zeker_{gekozen}",
            )
            st.button(
                t("werkgroep.verwijder.knop"),
                type="primary",
                icon=":material/person_remove:",
                # Also in a closed round: the right to erasure does not wait for reopening.
                disabled=not zeker,
                key=f"werkgroep_weg_{gekozen}",
                on_click=verwijder,
            )
