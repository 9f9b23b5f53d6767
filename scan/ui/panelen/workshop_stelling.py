"""One stelling on the Workshop page: its anonymous distribution, the notes, the agreed level
(consensus) with its form, the agenda buttons, and both versions when someone else was first.

Layer: ``scan/ui`` (Streamlit). A stelling can be on two tabs (bespreekpunten and its bouwsteen);
``plek`` keeps their widgets apart. A consensus is saved against the version its form was loaded
from (issue 13, case 6); the proposed level is the service's rule (``workshop.consensus_voorstel``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from scan.fouten import ConsensusConflict, InvoerFout, OpslagFout
from scan.leesmodellen import ConsensusInfo, Sessie
from scan.services import bespreken, workshop
from scan.ui.conflictweergave import keuzeknoppen, toon_versies
from scan.ui.foutgrens import opslag_mislukt, veilig
from scan.ui.opmaak import letterlijke_tabel, tijd
from scan.ui.panelen.workshop_gemeen import meld_fout, niveau_tekst
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk
from scoring.agenda import Markering
from scoring.models import Vragenlijst
from scoring.resultaat import ScanResultaat
from scoring.tekst import maximum

if TYPE_CHECKING:
    from scan.db.verbinding import Database  # a type only: panels reach the database through services


PLEKKEN = ("bp", "bs")
"""Where a stelling's consensus form can be: the bespreekpunten and the bouwsteen tab."""


class Stellingen:
    """Draws stellingen of one round for its facilitator; the callbacks save through the services."""

    def __init__(self, db: Database, vl: Vragenlijst, sessie: Sessie) -> None:
        self.db, self.vl, self.sessie = db, vl, sessie
        self.ronde = sessie.ronde
        self.stelling_van = {s.id: (b, i, s) for b in vl.bouwstenen for i, s in enumerate(b.stellingen, start=1)}
        self.niveau_naam = {n.niveau: n.naam.nl for n in vl.schaal.niveaus}

    def _nummer(self, stelling_id: str) -> str:
        b, nummer, _ = self.stelling_van[stelling_id]
        return f"{b.nummer}.{nummer}"

    # --- versions and saving -------------------------------------------------------------------

    def _gezien(self, plek: str, stelling_id: str, versie: int | None) -> int | None:
        """The consensus version this form was loaded from: set when the form's widgets are drawn
        afresh, moved on only by this user's own save or their choice in a conflict, never by the
        live rerun that finds a newer stored version."""
        gezien: dict[str, int | None] = st.session_state.setdefault(f"workshop_gezien_{self.ronde.id}", {})
        if f"{plek}_cn_{stelling_id}" not in st.session_state or f"{plek}_{stelling_id}" not in gezien:
            gezien[f"{plek}_{stelling_id}"] = versie
        return gezien[f"{plek}_{stelling_id}"]

    def _toon_in_formulieren(self, stelling_id: str, info: ConsensusInfo | None) -> None:
        """Every drawn form of this stelling shows ``info`` (its level and note) and is saved against it."""
        gezien: dict[str, int | None] = st.session_state.setdefault(f"workshop_gezien_{self.ronde.id}", {})
        for p in PLEKKEN:
            gezien[f"{p}_{stelling_id}"] = info.versie if info else None
            if f"{p}_cn_{stelling_id}" in st.session_state:  # drawn: set what it shows; else it starts afresh
                st.session_state[f"{p}_cn_{stelling_id}"] = info.niveau if info else None
                st.session_state[f"{p}_co_{stelling_id}"] = (info.toelichting or "") if info else ""  # widgetwaarde

    @veilig
    def _leg_vast(self, stelling_id: str, versie: int | None, plek: str) -> None:
        """Record the form's level and note, against ``versie``: the version its form was loaded
        from, bound to the button when it was drawn."""
        niveau = st.session_state[f"{plek}_cn_{stelling_id}"]
        self._bewaar(
            stelling_id,
            int(niveau) if niveau is not None else None,
            st.session_state[f"{plek}_co_{stelling_id}"],
            versie,
            plek,
        )

    def _bewaar(self, stelling_id: str, niveau: int | None, toelichting: str, versie: int | None, plek: str) -> None:
        ronde_id = self.ronde.id
        try:
            info = workshop.stel_consensus_vast(
                self.db,
                self.vl,
                self.sessie,
                stelling=stelling_id,
                niveau=niveau,
                toelichting=toelichting,
                verwachte_versie=versie,
            )
        except ConsensusConflict as conflict:
            # Nothing overwritten; both versions are shown at the stelling and the form keeps the input.
            st.session_state[f"conflict_{ronde_id}_{stelling_id}"] = (niveau, toelichting, conflict.huidig, plek)
            st.session_state.pop(f"fout_{ronde_id}_{stelling_id}", None)
            st.toast(t("conflict.zie_stelling"), icon=":material/sync_problem:")
            return
        except InvoerFout as fout:
            melding = letterlijk(str(fout))
        except OpslagFout as fout:
            opslag_mislukt(fout, "consensus opslaan")
            melding = t("invullen.fout.database")
        else:
            st.session_state.pop(f"conflict_{ronde_id}_{stelling_id}", None)
            st.session_state.pop(f"fout_{ronde_id}_{stelling_id}", None)
            self._toon_in_formulieren(stelling_id, info)
            st.toast(
                t("workshop.consensus.opgeslagen", niveau=info.niveau, stelling=self._nummer(stelling_id))
                if info
                else t("workshop.consensus.gewist"),
                icon=":material/check_circle:",
            )
            return
        # Shown at the stelling and as a short toast: the stelling may have moved out of view meanwhile.
        st.session_state[f"fout_{ronde_id}_{stelling_id}"] = melding
        st.toast(melding if len(melding) <= 70 else t("workshop.zie_stelling"), icon=":material/error:")

    @veilig
    def _houd_mijn(self, stelling_id: str) -> None:
        """Keep one's own level and note: saved explicitly over the version now stored (shown beside it)."""
        conflict = st.session_state.pop(f"conflict_{self.ronde.id}_{stelling_id}", None)
        if conflict is None:
            return
        niveau, toelichting, huidig, plek = conflict
        self._bewaar(stelling_id, niveau, toelichting, huidig.versie if huidig else None, plek)

    @veilig
    def _neem_opgeslagen(self, stelling_id: str) -> None:
        conflict = st.session_state.pop(f"conflict_{self.ronde.id}_{stelling_id}", None)
        if conflict is not None:
            self._toon_in_formulieren(stelling_id, conflict[2])

    @veilig
    def _wis_consensus(self, stelling_id: str, versie: int, plek: str) -> None:
        # Clearing is recording "no level" with the version shown beside the button: the same
        # conflict handling. The form keeps its input (a refused clear must not wipe it).
        self._bewaar(stelling_id, None, "", versie, plek)

    @veilig
    def _markeer(self, stelling_id: str, markering: Markering | None) -> None:
        try:
            bespreken.markeer(self.db, self.vl, self.sessie, stelling_id, markering)
        except InvoerFout as fout:
            meld_fout(letterlijk(str(fout)))
        except OpslagFout as fout:
            opslag_mislukt(fout, "agenda bijwerken")
            meld_fout(t("invullen.fout.database"))
        else:
            st.toast(
                t("workshop.agenda.opgeslagen", stelling=self._nummer(stelling_id)), icon=":material/check_circle:"
            )

    # --- drawing ------------------------------------------------------------------------------

    def _toon_conflict(self, stelling_id: str, plek: str) -> None:
        """Both versions of a consensus someone else changed first, with the two ways on."""
        niveau, toelichting, huidig, _ = st.session_state[f"conflict_{self.ronde.id}_{stelling_id}"]
        toon_versies(
            t("conflict.consensus"),
            [
                (
                    t("conflict.veld.niveau"),
                    niveau_tekst(self.vl, niveau),
                    niveau_tekst(self.vl, huidig.niveau) if huidig else "",
                ),
                (t("conflict.veld.waarom"), toelichting, (huidig.toelichting or "") if huidig else ""),
            ],
            door=huidig.vastgesteld_door if huidig else None,
            op=huidig.vastgesteld_op if huidig else None,
            weg=huidig is None,
            sleutel=f"{plek}_consensus_{stelling_id}",
        )
        keuzeknoppen(
            f"{plek}_conflict_mijn_{stelling_id}",
            f"{plek}_conflict_opgeslagen_{stelling_id}",
            houd_mijn=self._houd_mijn,
            neem_opgeslagen=self._neem_opgeslagen,
            args=(stelling_id,),
        )

    def _agendaknoppen(self, stelling_id: str, plek: str, markering: Markering | None) -> None:
        knoppen = st.container(horizontal=True)
        if markering is None:
            knoppen.button(
                t("workshop.agenda.later"),
                key=f"{plek}_later_{stelling_id}",
                on_click=self._markeer,
                args=(stelling_id, "later"),
                icon=":material/schedule:",
            )
            knoppen.button(
                t("workshop.agenda.parkeren"),
                key=f"{plek}_park_{stelling_id}",
                on_click=self._markeer,
                args=(stelling_id, "geparkeerd"),
                icon=":material/local_parking:",
            )
        else:
            knoppen.button(
                t("workshop.agenda.terug"),
                key=f"{plek}_terug_{stelling_id}",
                on_click=self._markeer,
                args=(stelling_id, None),
                icon=":material/undo:",
            )

    def toon(
        self,
        stelling_id: str,
        open_: bool,
        plek: str,
        resultaat: ScanResultaat,
        afspraken: dict[str, ConsensusInfo],
        markering: Markering | None = None,
        agenda: bool = False,
        gokt: bool = False,
    ) -> None:
        b, nummer, s = self.stelling_van[stelling_id]
        niveau_naam = self.niveau_naam
        r = resultaat.stelling(stelling_id)
        afspraak = afspraken.get(stelling_id)
        status = (
            t("workshop.status.consensus", niveau=afspraak.niveau)
            if afspraak
            else t("workshop.status.spreiding", spreiding=r.spreiding if r.spreiding is not None else "–")
        )
        if markering:
            status += f" · {t(f'workshop.agenda.gemarkeerd.{markering}')}"
        if gokt:
            status += f" · {t('regie.gokt')}"
        # Keyed: the label changes with live answers, the facilitator's open or closed stays.
        with st.expander(f"{b.nummer}.{nummer} {s.tekst.nl} · {status}", expanded=open_, key=f"{plek}_x_{stelling_id}"):
            st.caption(letterlijk(b.naam.nl))
            if s.toelichting:  # questionnaire text is data: shown as plain text, never markup
                st.caption(letterlijk(s.toelichting.nl))
            st.markdown(f"**{t('niveau.regel')}**", anchors=False)
            if agenda and not afspraak:
                self._agendaknoppen(stelling_id, plek, markering)
            kolommen_verdeling = [f"{n} · {niveau_naam[n]}" for n in range(1, 6)] + [
                t("workshop.weet_niet"),
                t("workshop.nvt"),
            ]
            st.table(
                letterlijke_tabel(pd.DataFrame([[*r.verdeling, r.weet_niet, r.nvt]], columns=kolommen_verdeling)),
                hide_index=True,
                border="horizontal",
            )
            gegeven = [n for n in range(1, 6) if r.verdeling[n - 1]]
            if gegeven:
                st.markdown(
                    "\n".join(f"- **{n} · {niveau_naam[n]}**: {letterlijk(s.niveaus.bij(n).nl)}" for n in gegeven),
                    anchors=False,
                )
            toelichtingen = workshop.toelichtingen(self.db, self.vl, self.sessie, stelling_id)
            if toelichtingen:
                st.markdown(t("workshop.toelichtingen"), anchors=False)
                # One list item per note; a note's own lines stay inside its item (hard breaks).
                st.markdown(
                    "\n".join(f"- ({letterlijk(a)}) {letterlijk(tekst, regels=True)}" for a, tekst in toelichtingen),
                    anchors=False,
                )
            if afspraak:
                st.success(
                    t(
                        "workshop.consensus.huidig",
                        niveau=afspraak.niveau,
                        naam=niveau_naam[afspraak.niveau],
                        door=letterlijk(afspraak.vastgesteld_door or "?"),
                        tijd=tijd(afspraak.vastgesteld_op),
                        waarom=letterlijk(afspraak.toelichting or "–"),
                    ),
                    icon=":material/handshake:",
                )
                st.button(
                    t("workshop.consensus.wissen"),
                    key=f"{plek}_cw_{stelling_id}",
                    on_click=self._wis_consensus,
                    args=(stelling_id, afspraak.versie, plek),
                    icon=":material/backspace:",
                )
            if f"conflict_{self.ronde.id}_{stelling_id}" in st.session_state:
                self._toon_conflict(stelling_id, plek)
            if fout := st.session_state.get(f"fout_{self.ronde.id}_{stelling_id}"):
                st.warning(fout, icon=":material/error:")
            self._formulier(stelling_id, plek, afspraak, workshop.consensus_voorstel(afspraak, r.mediaan))

    def _formulier(self, stelling_id: str, plek: str, afspraak: ConsensusInfo | None, voorstel: int | None) -> None:
        gezien = self._gezien(plek, stelling_id, afspraak.versie if afspraak else None)
        with st.form(f"{plek}_c_{stelling_id}", border=False):
            kolommen = st.columns([3, 4, 2], vertical_alignment="bottom")
            kolommen[0].radio(
                t("workshop.consensus.niveau"),
                [1, 2, 3, 4, 5],
                index=voorstel - 1 if voorstel else None,
                key=f"{plek}_cn_{stelling_id}",
                horizontal=True,
                # The level's name beside its number, as on Invullen (a screen reader reads "3 ·
                # Samenhangend", not a bare "3").
                format_func=lambda n: niveau_tekst(self.vl, n),
            )
            kolommen[1].text_input(
                t("workshop.consensus.waarom"),
                value=(afspraak.toelichting or "") if afspraak else "",
                key=f"{plek}_co_{stelling_id}",
                max_chars=maximum("onderbouwing"),
            )
            kolommen[2].form_submit_button(
                t("workshop.consensus.knop"),
                on_click=self._leg_vast,
                # Bound now: the version this form was loaded from, not what a later rerun reads.
                args=(stelling_id, gezien, plek),
                type="primary",
            )
