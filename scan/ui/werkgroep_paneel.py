"""The Workshop page's tabs for the werkgroep: participants (rename, remove) and agreed ambitions.

Layer: application UI (``scan/``). Thin: every change goes through a use case of
``scan.werkgroep`` in a button callback, so the rerun that follows already shows the new state;
the outcome is said once, above the panel. Names are user text: they reach the screen through
table cells, widget values, or ``letterlijk()``.

Every change is saved against the version the facilitator saw (issue 13, case 6): a form keeps
the version it was loaded from in session state and binds it to its button; when another
facilitator changed the participant or the ambition first, nothing is written and both
versions are shown at the form (``scan.conflictweergave``), with the input kept.
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
from scan.db.verbinding import Database
from scan.fouten import Conflict, InvoerFout
from scan.leesmodellen import Sessie
from scan.services import resultaten, werkgroep, workshop
from scan.ui.conflictweergave import keuzeknoppen, toon_versies
from scan.ui.kern import letterlijk, letterlijke_tabel, veilig
from scan.ui.teksten import t
from scoring.models import Vragenlijst
from scoring.resultaat import ScanResultaat
from scoring.tekst import maximum

log = logging.getLogger(__name__)
T = TypeVar("T")


def _meld(paneel: str, soort: str, tekst: str) -> None:
    st.session_state[f"werkgroep_melding_{paneel}"] = (soort, tekst)


def _voer_uit(
    paneel: str,
    actie: Callable[[], T],
    gelukt: Callable[[T], str],
    bij_conflict: Callable[[Conflict], None] | None = None,
) -> bool:
    """Run one use case in a callback and keep its outcome for the panel to show once; a conflict
    goes to ``bij_conflict``, which keeps both versions for the form to show."""
    try:
        uitkomst = actie()
    except Conflict as conflict:
        if bij_conflict is None:
            raise
        bij_conflict(conflict)
        st.toast(t("conflict.zie_paneel"), icon=":material/sync_problem:")
    except InvoerFout as fout:
        _meld(paneel, "fout", letterlijk(str(fout)))
    except SQLAlchemyError:
        log.exception("werkgroep: opslaan mislukt")
        _meld(paneel, "fout", t("invullen.fout.database"))
    else:
        _meld(paneel, "ok", gelukt(uitkomst))
        return True
    return False


def _gezien(soort: str, sleutel: object, veld: str, versie: int | None) -> int | None:
    """The version the form ``veld`` was loaded from: set when its widget is drawn afresh, moved
    on only by this user's own save or their choice in a conflict (never by a rerun that finds
    a newer stored version), so a save is checked against what the facilitator saw."""
    gezien: dict[tuple[str, object], int | None] = st.session_state.setdefault("werkgroep_gezien", {})
    if veld not in st.session_state or (soort, sleutel) not in gezien:
        gezien[(soort, sleutel)] = versie
    return gezien[(soort, sleutel)]


def _zet_gezien(soort: str, sleutel: object, versie: int | None) -> None:
    st.session_state.setdefault("werkgroep_gezien", {})[(soort, sleutel)] = versie


def _vergeet_gezien(soort: str, sleutel: object) -> None:
    st.session_state.setdefault("werkgroep_gezien", {}).pop((soort, sleutel), None)


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
    gezien = _gezien("naam", gekozen, veld, versie)

    def hernoem(verwacht: int | None = gezien, mijn: str | None = None) -> None:
        nieuwe_naam = st.session_state[veld] if mijn is None else mijn

        def bij_conflict(conflict: Conflict) -> None:
            st.session_state[conflict_sleutel] = ("hernoem", nieuwe_naam, conflict.huidig)

        if _voer_uit(
            "deelnemers",
            lambda: werkgroep.hernoem_deelnemer(db, sessie, gekozen, nieuwe_naam, verwachte_versie=verwacht or 0),
            lambda nieuw: t("werkgroep.hernoemd", naam=letterlijk(nieuw)),
            bij_conflict,
        ):
            st.session_state.pop(conflict_sleutel, None)
            _vergeet_gezien("naam", gekozen)  # the next draw takes the version now stored

    def verwijder(verwacht: int = versie, gezien_naam: str = naam) -> None:
        def bij_conflict(conflict: Conflict) -> None:
            st.session_state[conflict_sleutel] = ("verwijder", gezien_naam, conflict.huidig)
            st.session_state[f"werkgroep_zeker_{gekozen}"] = False  # confirm again, for the person as now

        _voer_uit(
            "deelnemers",
            lambda: werkgroep.verwijder_deelnemer(db, sessie, gekozen, verwachte_versie=verwacht),
            lambda weg: t("werkgroep.verwijderd", naam=letterlijk(weg)),
            bij_conflict,
        )

    @veilig
    def houd_mijn() -> None:
        conflict = st.session_state.pop(conflict_sleutel, None)
        if conflict is not None and conflict[2] is not None:
            _zet_gezien("naam", gekozen, conflict[2].versie)
            hernoem(conflict[2].versie, conflict[1])

    @veilig
    def neem_opgeslagen() -> None:
        conflict = st.session_state.pop(conflict_sleutel, None)
        if conflict is not None and conflict[2] is not None and conflict[0] == "hernoem":
            st.session_state[veld] = conflict[2].naam  # widgetwaarde
            _zet_gezien("naam", gekozen, conflict[2].versie)

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
        resultaat = resultaten.resultaat(db, vl, sessie.ronde.id)
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
    conflict_sleutel = f"werkgroep_amb_conflict_{sessie.ronde.id}_{bouwsteen.id}"
    gezien = _gezien("ambitie", (sessie.ronde.id, bouwsteen.id), niveau_veld, stand.versie)

    def bewaar(niveau: int | None, waarom: str, verwacht: int | None) -> None:
        """Set (``niveau``) or clear (``None``) the agreed ambition against version ``verwacht``."""

        def bij_conflict(conflict: Conflict) -> None:
            st.session_state[conflict_sleutel] = (niveau, waarom, conflict.huidig)

        if niveau is None:
            if _voer_uit(
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
                _vergeet_gezien("ambitie", (sessie.ronde.id, bouwsteen.id))
            return
        uitkomst: list[werkgroep.VastgesteldeAmbitie] = []
        if _voer_uit(
            "ambities",
            lambda: uitkomst.append(
                werkgroep.stel_ambitie_vast(db, vl, sessie, bouwsteen.id, niveau, waarom, verwachte_versie=verwacht)
            ),
            lambda _: t("werkgroep.ambitie.opgeslagen", bouwsteen=letterlijk(bouwsteen.naam.nl), niveau=niveau),
            bij_conflict,
        ):
            st.session_state.pop(conflict_sleutel, None)
            _zet_gezien("ambitie", (sessie.ronde.id, bouwsteen.id), uitkomst[0].versie)

    def leg_vast(verwacht: int | None = gezien) -> None:
        niveau = st.session_state[niveau_veld]
        if niveau is None:
            _meld("ambities", "fout", t("werkgroep.ambitie.kies_niveau"))
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
            _zet_gezien("ambitie", (sessie.ronde.id, bouwsteen.id), huidig.versie if huidig else None)

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
